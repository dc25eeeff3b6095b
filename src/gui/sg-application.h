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
/* From main(), before any thread starts: see the comment in sg-application.c. */
void           sg_application_prepare_display (void);
/* The settings, the store (and why there is none), the analyzer: what the window and the
 * pages read, and follow through its notifications. */
SgContext     *sg_application_get_context     (SgApplication *self);
void           sg_application_reopen_store    (SgApplication *self);
void           sg_application_move_store_aside (SgApplication *self);
void           sg_application_restore_store_backup (SgApplication *self);

G_END_DECLS
