/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Past Posts GUI tests share: reaching the page, waiting for an audit, finding rows. */
#pragma once

#include "sg-application.h"
#include "sg-past-post-row.h"
#include "sg-window.h"

G_BEGIN_DECLS

SgPastPostsPage *sg_test_past_posts_page          (SgApplication *app);
/* The window is mapped and the store and the rules are ready (a condition for sg_test_wait). */
gboolean         sg_test_past_posts_ready         (gpointer       app);
/* An audit has finished and is shown with at least one post (a condition, on the page). */
gboolean         sg_test_past_posts_audit_shown   (gpointer       page);
/* The widget under @root with this widget name: labels are read out as their text, so the
 * page names the ones a test reads. */
GtkWidget       *sg_test_find_by_name             (GtkWidget     *root,
                                                   const char    *name);
/* The @nth row made so far whose post has exactly @text, or NULL: the list makes only the
 * rows on screen, a few a frame. */
SgPastPostRow   *sg_test_past_post_row_with_text  (GtkWidget     *page,
                                                   const char    *text,
                                                   guint          nth);
void             sg_test_collect_past_post_rows   (GtkWidget     *root,
                                                   GPtrArray     *rows);

G_END_DECLS
