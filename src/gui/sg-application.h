/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-analyzer.h"
#include "sg-context.h"
#include "sg-store.h"

G_BEGIN_DECLS

#define SG_TYPE_APPLICATION (sg_application_get_type ())
G_DECLARE_FINAL_TYPE (SgApplication, sg_application, SG, APPLICATION, AdwApplication)

SgApplication *sg_application_new             (void);
GSettings     *sg_application_get_settings    (SgApplication *self);
SgStore       *sg_application_get_store       (SgApplication *self);
const GError  *sg_application_get_store_error (SgApplication *self);
gboolean       sg_application_get_store_busy  (SgApplication *self);
const char    *sg_application_get_store_path  (SgApplication *self);
/* What the pages are given instead of the application. */
SgContext     *sg_application_get_context     (SgApplication *self);
SgAnalyzer    *sg_application_get_analyzer    (SgApplication *self);
void           sg_application_reopen_store    (SgApplication *self);
void           sg_application_move_store_aside (SgApplication *self);
void           sg_application_restore_store_backup (SgApplication *self);

G_END_DECLS
