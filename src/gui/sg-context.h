/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sg-analyzer.h"
#include "sg-store.h"

G_BEGIN_DECLS

/* What every page needs from the application, and nothing else: the settings, the store (and
 * why there is none), the analyzer. Pages take it as their context instead of reaching up to
 * the application, so the arrows point one way: application → window → pages → context.
 * The application owns it and is the only one to set it. */
#define SG_TYPE_CONTEXT (sg_context_get_type ())
G_DECLARE_FINAL_TYPE (SgContext, sg_context, SG, CONTEXT, GObject)

SgContext    *sg_context_new             (GSettings  *settings,
                                          const char *store_path);
GSettings    *sg_context_get_settings    (SgContext  *self);
/* The open store, or NULL while it opens or when it cannot ("notify::store"). */
SgStore      *sg_context_get_store       (SgContext  *self);
const char   *sg_context_get_store_path  (SgContext  *self);
/* Why there is no store, or NULL ("notify::store-error"). */
const GError *sg_context_get_store_error (SgContext  *self);
/* Another program holds the file and we are waiting for it ("notify::store-busy"). */
gboolean      sg_context_get_store_busy  (SgContext  *self);
/* The analyzer, or NULL until the rules are loaded; "notify::analyzer" also when the role
 * changed what it says. */
SgAnalyzer   *sg_context_get_analyzer    (SgContext  *self);

/* For the application only. */
void          sg_context_set_store       (SgContext    *self,
                                          SgStore      *store,
                                          const GError *error,
                                          gboolean      busy);
void          sg_context_set_analyzer    (SgContext    *self,
                                          SgAnalyzer   *analyzer);

G_END_DECLS
