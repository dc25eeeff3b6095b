/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-context.h"

G_BEGIN_DECLS

#define SG_TYPE_HISTORY_PAGE (sg_history_page_get_type ())
G_DECLARE_FINAL_TYPE (SgHistoryPage, sg_history_page, SG, HISTORY_PAGE, GtkWidget)

void  sg_history_page_set_context     (SgHistoryPage *self,
                                           SgContext     *context);
/* Reads the log again, with the current search; "loaded" is emitted when it is shown. */
void  sg_history_page_reload          (SgHistoryPage *self);
/* Publications listed now (after the search). */
guint sg_history_page_get_n_shown     (SgHistoryPage *self);

G_END_DECLS
