/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-finding.h"

G_BEGIN_DECLS

/* One finding as SgDraftChecker's list model holds it: the finding, and for a finding in the
 * text a pair of marks on its words, so that a fix or "show in draft" still reaches the right
 * text after the user has typed elsewhere. A photo's finding has no marks. The checker keeps
 * an item for as long as each new analysis finds the same thing in the same place, so the row
 * bound to it (and the keyboard focus on that row) survives re-analysis. */
#define SG_TYPE_FINDING_ITEM (sg_finding_item_get_type ())
G_DECLARE_FINAL_TYPE (SgFindingItem, sg_finding_item, SG, FINDING_ITEM, GObject)

/* @start and @end are marks of the draft's buffer (left and right gravity), or both NULL. */
SgFindingItem *sg_finding_item_new          (SgFinding     *finding,
                                             GtkTextMark   *start,
                                             GtkTextMark   *end);
SgFinding     *sg_finding_item_get_finding  (SgFindingItem *self);
/* Where the finding is in the buffer now; FALSE for a photo's finding, or once the checker
 * has let go of the item. */
gboolean       sg_finding_item_get_bounds   (SgFindingItem *self,
                                             GtkTextIter   *start,
                                             GtkTextIter   *end);
/* The first fix that edits the text or cleans a photo, or NULL (the rest is advice). */
const SgFix   *sg_finding_item_get_text_fix (SgFindingItem *self);

/* For SgDraftChecker: whether @finding, found at @start_offset..@end_offset (characters; -1
 * for a photo's), would show exactly what this item shows, where it shows it. */
gboolean       sg_finding_item_shows        (SgFindingItem *self,
                                             SgFinding     *finding,
                                             int            start_offset,
                                             int            end_offset);
/* Takes the same finding from a newer analysis (its byte offsets fit the newer text). */
void           sg_finding_item_update       (SgFindingItem *self,
                                             SgFinding     *finding);
/* Removes the marks from the buffer: the item has left the model. */
void           sg_finding_item_detach       (SgFindingItem *self);

G_END_DECLS
