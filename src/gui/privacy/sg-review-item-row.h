/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-checklist.h"
#include "sg-profiles.h"

G_BEGIN_DECLS

/* One setting to check in a privacy review: why it matters, the steps, the citations, the
 * three answers (Done, Not Applicable, Needs Action) and a note. The collapsed row shows the
 * answer once there is one. It saves nothing: "changed" says when what is kept for the item
 * (its answer and note) should be written again, that is when an answer is chosen, or chosen
 * again, and when the note of an answered item is edited. */
#define SG_TYPE_REVIEW_ITEM_ROW (sg_review_item_row_get_type ())
G_DECLARE_FINAL_TYPE (SgReviewItemRow, sg_review_item_row, SG, REVIEW_ITEM_ROW, AdwExpanderRow)

/* @previous: the answer saved by an earlier, unfinished session of this review, or NULL. */
SgReviewItemRow *sg_review_item_row_new         (const SgChecklistItem *item,
                                                 const SgReviewAnswer  *previous);
const char      *sg_review_item_row_get_item_id (SgReviewItemRow       *self);
/* FALSE while no answer has been chosen. */
gboolean         sg_review_item_row_get_answer  (SgReviewItemRow       *self,
                                                 SgAnswer              *answer);
const char      *sg_review_item_row_get_note    (SgReviewItemRow       *self);
/* Fills in @note and chooses @answer through the row's own entry and buttons, so it is kept
 * exactly as if the user had typed and clicked (choosing the answer already chosen counts). */
void             sg_review_item_row_set_answer  (SgReviewItemRow       *self,
                                                 SgAnswer               answer,
                                                 const char            *note);

G_END_DECLS
