/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-application.h"
#include "sg-compose-page.h"
#include "sg-finding-row.h"
#include "sg-window.h"

G_BEGIN_DECLS

/* @app's active window, which must be an SgWindow. */
SgWindow *sg_test_app_window      (SgApplication *app);
/* SgTestConditions on @app, an SgApplication: its store is open; its window, store and
 * analyzer are there and Compose has its first draft, so a test can start typing. */
gboolean  sg_test_app_store_ready (gpointer       app);
gboolean  sg_test_app_ready       (gpointer       app);

/* Compose's whole text (free it), and the finding row of @rule_id in its sidebar or NULL. */
char         *sg_test_compose_text     (SgComposePage *page);
SgFindingRow *sg_test_compose_find_row (SgComposePage *page,
                                        const char    *rule_id);

G_END_DECLS
