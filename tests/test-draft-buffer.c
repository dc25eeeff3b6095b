/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SgDraftBuffer's text is fetched from the buffer once per change, and whoever handles
 * "changed" already gets the new text; typed text with no store to take it is unsaved, white
 * space alone is not; saves land in order, and so do the rescue copy's write and removal, off
 * the main loop. (Saving and loading through the store: tests/test-compose.c.) */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sg-context.h"
#include "sg-draft-buffer.h"
#include "sg-drafts.h"
#include "sg-store-sql.h"
#include "sg-test-store.h"

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

static void
count_cb (SgDraftBuffer *buffer,
          const GError  *error,
          guint         *count)
{
  g_assert_no_error (error);
  (*count)++;
}

static void
loaded_cb (SgDraftBuffer *buffer,
           gpointer       draft,
           GStrv          ignores,
           guint         *count)
{
  (*count)++;
}

static void
wait_for (guint *count,
          guint  n)
{
  gint64 until = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (*count < n && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (*count, >=, n);
}

/* Two saves of one draft queued while the store is busy (another thread holds it, as the
 * audit does when it writes a batch) land in the order they were made: the newer text is the
 * one kept. On a plain thread pool both would wait on the store's lock and could land in either
 * order. */
static void
test_saves_in_order (void)
{
  g_autofree char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-draft-buffer", &dir);
  g_autoptr(GSettings) settings = g_settings_new ("org.example.SocialGuard");
  SgContext *context = sg_context_new (settings, sg_store_get_path (store));
  SgDraftBuffer *buffer = sg_draft_buffer_new ();
  g_autoptr(SgDraft) stored = NULL;
  guint loaded = 0, saved = 0;

  sg_context_set_store (context, store, NULL, FALSE);
  g_signal_connect (buffer, "loaded", G_CALLBACK (loaded_cb), &loaded);
  g_signal_connect (buffer, "saved", G_CALLBACK (count_cb), &saved);
  sg_draft_buffer_set_context (buffer, context);
  sg_draft_buffer_open (buffer, NULL);
  wait_for (&loaded, 1);
  g_assert_cmpint (sg_draft_buffer_get_id (buffer), >=, 0);

  for (int round = 0; round < 5; round++)
    {
      g_autofree char *older = g_strdup_printf ("Teaching list, version %d", 2 * round + 1);
      g_autofree char *newer = g_strdup_printf ("Teaching list, version %d", 2 * round + 2);

      sg_store_lock (store);
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), older, -1);
      sg_draft_buffer_save_now (buffer, FALSE);
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), newer, -1);
      sg_draft_buffer_save_now (buffer, FALSE);
      g_usleep (50 * 1000);        /* both saves waiting for the store, if both started */
      sg_store_unlock (store);
      wait_for (&saved, 2 * (round + 1));

      g_clear_pointer (&stored, sg_draft_free);
      stored = sg_drafts_load (store, sg_draft_buffer_get_id (buffer), NULL);
      g_assert_nonnull (stored);
      g_assert_cmpstr (stored->body, ==, newer);
    }

  g_assert_finalize_object (buffer);
  g_object_unref (context);
  sg_test_store_close (store, g_steal_pointer (&dir));
}

/* A job that holds the buffer's queue until the test lets it go. */
typedef struct {
  GMutex   lock;
  GCond    cond;
  gboolean open;
} Gate;

static gpointer
gate_job (SgStore  *store,
          gpointer  data,
          GError  **error)
{
  Gate *gate = data;

  g_mutex_lock (&gate->lock);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  return GINT_TO_POINTER (1);
}

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_signal (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

static gpointer
nothing_job (SgStore  *store,
             gpointer  data,
             GError  **error)
{
  return GINT_TO_POINTER (1);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  (*(guint *) user_data)++;
}

/* Runs what is on the buffer's queue up to now, through @gate if it is closed. */
static void
drain (SgDraftBuffer *buffer,
       Gate          *gate)
{
  guint done = 0;

  g_assert_true (sg_draft_buffer_run_job (buffer, buffer, NULL, nothing_job, NULL, NULL,
                                          job_done_cb, &done));
  if (gate != NULL)
    gate_open (gate);
  wait_for (&done, 1);
}

/* The rescue copy (the text the store cannot take, beside the data file) is written on the
 * buffer's queue, not on the main loop, and in order with its removal: a removal asked after a
 * write wins, however long the write waited. The queue is held by a job of the test's while
 * both are asked for. */
static void
test_rescue_in_order (void)
{
  g_autofree char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-draft-rescue", &dir);
  g_autoptr(GSettings) settings = g_settings_new ("org.example.SocialGuard");
  SgContext *context = sg_context_new (settings, sg_store_get_path (store));
  SgDraftBuffer *buffer = sg_draft_buffer_new ();
  g_autofree char *rescue = g_strconcat (sg_store_get_path (store), ".unsaved-draft.txt", NULL);
  g_autofree char *contents = NULL;
  Gate gate = { 0 };
  guint loaded = 0, gate_done = 0;
  GStatBuf st;

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  sg_context_set_store (context, store, NULL, FALSE);
  g_signal_connect (buffer, "loaded", G_CALLBACK (loaded_cb), &loaded);
  sg_draft_buffer_set_context (buffer, context);
  sg_draft_buffer_open (buffer, NULL);
  wait_for (&loaded, 1);
  /* No draft to save into (as when it was deleted, or no store has given one yet): what is
   * typed goes to the rescue copy. */
  sg_draft_buffer_close (buffer);

  g_assert_true (sg_draft_buffer_run_job (buffer, buffer, NULL, gate_job, &gate, NULL,
                                          job_done_cb, &gate_done));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), "Bed 4 handover", -1);
  sg_draft_buffer_save_now (buffer, FALSE);
  /* Asked for, not written here: the queue is still held. */
  g_assert_false (g_file_test (rescue, G_FILE_TEST_EXISTS));
  sg_draft_buffer_discard_rescue (buffer);
  drain (buffer, &gate);
  g_assert_cmpuint (gate_done, ==, 1);
  g_assert_false (g_file_test (rescue, G_FILE_TEST_EXISTS));

  /* A write alone lands, whole and 0600. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), "Bed 5 handover", -1);
  sg_draft_buffer_save_now (buffer, FALSE);
  drain (buffer, NULL);
  g_assert_true (g_file_get_contents (rescue, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Bed 5 handover");
  g_assert_cmpint (g_stat (rescue, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* And a later removal takes it away. */
  sg_draft_buffer_discard_rescue (buffer);
  drain (buffer, NULL);
  g_assert_false (g_file_test (rescue, G_FILE_TEST_EXISTS));

  g_assert_finalize_object (buffer);
  g_object_unref (context);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
  sg_test_store_close (store, g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sg/draft-buffer/text-once", test_text_once);
  g_test_add_func ("/sg/draft-buffer/unsaved", test_unsaved);
  g_test_add_func ("/sg/draft-buffer/saves-in-order", test_saves_in_order);
  g_test_add_func ("/sg/draft-buffer/rescue-in-order", test_rescue_in_order);
  return g_test_run ();
}
