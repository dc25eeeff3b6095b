/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-audit-item.h"

G_BEGIN_DECLS

/* One past post an audit flagged: its platform and date, its text with what was found
 * highlighted, the findings' short messages, and what the doctor can do about it: open it on
 * the platform, keep it (with an optional reason), or mark it to delete by hand with the link.
 * It stores nothing: "review" (SgAuditStatus, reason or NULL) asks the page to record a
 * decision, and the row shows it when the item's "status" changes. Made for the item a list
 * view binds, so only the rows on screen exist. */
#define SG_TYPE_PAST_POST_ROW (sg_past_post_row_get_type ())
G_DECLARE_FINAL_TYPE (SgPastPostRow, sg_past_post_row, SG, PAST_POST_ROW, GtkWidget)

GtkWidget   *sg_past_post_row_new      (SgAuditItem   *item);
SgAuditItem *sg_past_post_row_get_item (SgPastPostRow *self);

G_END_DECLS
