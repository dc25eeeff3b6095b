/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-context.h"

G_BEGIN_DECLS

#define SG_TYPE_PAST_POSTS_PAGE (sg_past_posts_page_get_type ())
G_DECLARE_FINAL_TYPE (SgPastPostsPage, sg_past_posts_page, SG, PAST_POSTS_PAGE, GtkWidget)

void      sg_past_posts_page_set_context  (SgPastPostsPage *self,
                                           SgContext       *context);
/* Audits @file, as the Import button and a drop do. */
void      sg_past_posts_page_import       (SgPastPostsPage *self,
                                           GFile           *file);
/* An audit is running now. */
gboolean  sg_past_posts_page_is_running   (SgPastPostsPage *self);
/* The audit shown (its id in the store), or 0; "loaded" is emitted each time one is shown
 * (or none, when there are none left). */
gint64    sg_past_posts_page_get_audit_id (SgPastPostsPage *self);
/* Flagged posts of the audit shown, and how many pass the filters now. */
guint     sg_past_posts_page_get_n_posts  (SgPastPostsPage *self);
guint     sg_past_posts_page_get_n_shown  (SgPastPostsPage *self);
/* How many of them the page holds with their text and findings (the rows shown and the last
 * few read): never all of a long audit (issue 14). */
guint     sg_past_posts_page_get_n_bodies (SgPastPostsPage *self);

/* Saves the appraisal record of every audit to @file (0600), as CSV or a printable HTML page,
 * with the posts' text only when @include_text, as "Export Appraisal Record…" does. */
void      sg_past_posts_page_export_appraisal (SgPastPostsPage *self,
                                               GFile           *file,
                                               gboolean         csv,
                                               gboolean         include_text);
/* For tests: deletes on the platforms with @token instead of the keyring's (NULL: the
 * keyring again). */
void      sg_past_posts_page_set_token    (SgPastPostsPage *self,
                                           const char      *token);

G_END_DECLS
