/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-checklist.h"

G_BEGIN_DECLS

/* The step-by-step review of one account's privacy settings (GMC Using social media 2024 ¶9; was
 * 2013 ¶8): a row for each item of the platform's checklist, how many are answered in the title,
 * and Finish Review once every item is. The dialog keeps no data itself; the page saves and reads
 * through its signals: "answered" (item id, SgAnswer as guint, note) each time an item's answer or
 * note is to be saved, "finished" when Finish Review is pressed (the dialog then closes itself),
 * and "read-requested" when Read From Mastodon is pressed (Read stays insensitive until
 * sg_review_dialog_set_reading() says the reading is over). */
#define SG_TYPE_REVIEW_DIALOG (sg_review_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SgReviewDialog, sg_review_dialog, SG, REVIEW_DIALOG, AdwWindow)

/* @answers: SgReviewAnswer* saved by an earlier, unfinished session of the review, or NULL.
 * @server: the server of the signed-in Mastodon account when that is the account under review
 * (its settings can then be read, and Read From Mastodon is offered), else NULL. */
SgReviewDialog *sg_review_dialog_new           (GtkWindow         *parent,
                                                const char        *heading,
                                                gint64             review_id,
                                                const SgChecklist *checklist,
                                                GPtrArray         *answers,
                                                const char        *server);
gint64          sg_review_dialog_get_review_id (SgReviewDialog    *self);
const char     *sg_review_dialog_get_server    (SgReviewDialog    *self);
void            sg_review_dialog_set_reading   (SgReviewDialog    *self,
                                                gboolean           reading);
/* Chooses each answer (SgReviewAnswer*) of an item on the list, with its note, as if the user
 * had; items not on the list are passed over. */
void            sg_review_dialog_fill          (SgReviewDialog    *self,
                                                GPtrArray         *answers);

/* Marks the items (SgReviewAnswer*) the last review found needing action and that are not yet
 * marked changed, so this review looks at them first. */
void            sg_review_dialog_mark_open_actions (SgReviewDialog *self,
                                                    GPtrArray      *open_actions);

G_END_DECLS
