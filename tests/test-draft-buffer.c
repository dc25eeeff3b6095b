/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SgDraftBuffer's text is fetched from the buffer once per change, and whoever handles
 * "changed" already gets the new text; typed text with no store to take it is unsaved, white
 * space alone is not. (Saving and loading through the store: tests/test-compose.c.) */
#include "config.h"

#include <gtk/gtk.h>

#include "sg-draft-buffer.h"

static void
changed_cb (SgDraftBuffer *buffer,
            char         **seen)
{
  g_free (*seen);
  *seen = g_strdup (sg_draft_buffer_get_text (buffer));
}

static void
test_text_once (void)
{
  SgDraftBuffer *buffer = sg_draft_buffer_new ();
  g_autofree char *seen = NULL;
  const char *first;
  GtkTextIter end;

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), "Ward round done", -1);
  first = sg_draft_buffer_get_text (buffer);
  g_assert_cmpstr (first, ==, "Ward round done");
  /* Asked again without a change: the same string, not a new fetch. */
  g_assert_true (sg_draft_buffer_get_text (buffer) == first);

  g_signal_connect (buffer, "changed", G_CALLBACK (changed_cb), &seen);
  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (buffer), &end);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (buffer), &end, ".", -1);
  g_assert_cmpstr (seen, ==, "Ward round done.");
  g_assert_cmpstr (sg_draft_buffer_get_text (buffer), ==, "Ward round done.");

  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &start);
    gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &end, 5);
    gtk_text_buffer_delete (GTK_TEXT_BUFFER (buffer), &start, &end);
  }
  g_assert_cmpstr (seen, ==, "round done.");

  g_assert_finalize_object (buffer);
}

static void
test_unsaved (void)
{
  SgDraftBuffer *buffer = sg_draft_buffer_new ();

  g_assert_cmpint (sg_draft_buffer_get_id (buffer), ==, -1);
  g_assert_false (sg_draft_buffer_has_unsaved_text (buffer));
  /* No store to take it: what is typed is unsaved. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), "Clinic ran late", -1);
  g_assert_true (sg_draft_buffer_has_unsaved_text (buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), " \n\t", -1);
  g_assert_false (sg_draft_buffer_has_unsaved_text (buffer));

  /* The title and platform are properties, notified only when they change. */
  sg_draft_buffer_set_title (buffer, "Clinic");
  g_assert_cmpstr (sg_draft_buffer_get_title (buffer), ==, "Clinic");
  sg_draft_buffer_set_platform (buffer, "mastodon");
  g_assert_cmpstr (sg_draft_buffer_get_platform (buffer), ==, "mastodon");

  sg_draft_buffer_save_now (buffer, FALSE);   /* the pending save timer goes with it */
  g_assert_finalize_object (buffer);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sg/draft-buffer/text-once", test_text_once);
  g_test_add_func ("/sg/draft-buffer/unsaved", test_unsaved);
  return g_test_run ();
}
