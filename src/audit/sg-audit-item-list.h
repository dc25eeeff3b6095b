/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sg-audit-item.h"

G_BEGIN_DECLS

/* The flagged posts of one audit as the Past Posts list sees them: a GListModel of
 * SgAuditItem over one array, fixed once made. A GListStore spends a 48-byte tree node on
 * each of tens of thousands of posts, a quarter of the archive's text again (issue 14); the
 * list never inserts or removes a post, it shows another audit's list instead. */
#define SG_TYPE_AUDIT_ITEM_LIST (sg_audit_item_list_get_type ())
G_DECLARE_FINAL_TYPE (SgAuditItemList, sg_audit_item_list, SG, AUDIT_ITEM_LIST, GObject)

/* Takes @items (SgAuditItem*, freed with g_object_unref), or an empty list with NULL. */
SgAuditItemList *sg_audit_item_list_new (GPtrArray *items);

G_END_DECLS
