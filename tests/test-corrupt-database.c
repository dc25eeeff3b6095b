/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starting with a damaged data file: the app opens, says so in plain words, leaves the file
 * exactly as it was, and moving it aside keeps the damaged copy and starts afresh. */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-application.h"
#include "sg-drafts.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-window.h"

static SgApplication *app;

static SgContext *
context (void)
{
  return sg_application_get_context (app);
}


static gboolean
draft_saved (gpointer data)
{
  SgComposePage *page = data;
  g_autoptr(SgDraft) draft = NULL;

  if (sg_compose_page_get_draft_id (page) < 0 || sg_context_get_store (context ()) == NULL)
    return FALSE;
  draft = sg_drafts_load (sg_context_get_store (context ()), sg_compose_page_get_draft_id (page),
                          NULL);
  return draft != NULL && g_strcmp0 (draft->body, "Typed with nowhere to go") == 0;
}

/* The waiting copy goes once the draft it holds has been saved (the save's answer has come
 * back), not before: until then it is the only copy on disk. */
static gboolean
file_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
show_problem_again (GtkWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.resolve-problem", NULL);
}

static char *
checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_corrupt_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sg_store_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *screenshot = NULL;
  AdwMessageDialog *dialog;
  GtkWindow *window;
  const GError *store_error;
  GStatBuf st_before, st_after;

  /* Someone's data, damaged: it must survive byte for byte. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "SQLite format 3\n but the rest is torn away \x01\x02\x03", -1, &error);
  g_assert_no_error (error);
  before = checksum (path);
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);

  app = sg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Your Data Could Not Be Opened");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "has not been changed"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_true (adw_message_dialog_has_response (dialog, "move-aside"));

  store_error = sg_context_get_store_error (context ());
  g_assert_nonnull (store_error);
  g_assert_null (sg_context_get_store (context ()));

  /* The window is up behind the dialog, with the banner. */
  window = GTK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (SG_IS_WINDOW (window));
  sg_test_iterate (300);
  g_assert_nonnull (sg_test_find_label_containing (GTK_WIDGET (window), "nothing you do now will be saved"));
  screenshot = sg_test_save_png (GTK_WIDGET (dialog), "corrupt-database-dialog");
  g_test_message ("Screenshot: %s", screenshot);

  after = checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Text typed while nothing can be stored is not dropped on closing: the window asks, and
   * Cancel keeps it open with the text. */
  {
    SgComposePage *page = sg_window_get_compose_page (SG_WINDOW (window));
    AdwMessageDialog *ask;

    adw_message_dialog_response (dialog, "later");
    gtk_window_destroy (GTK_WINDOW (dialog));
    sg_test_iterate (50);
    gtk_text_buffer_set_text (sg_compose_page_get_buffer (page), "Typed with nowhere to go", -1);
    sg_test_iterate (1000);
    g_assert_true (sg_compose_page_has_unsaved_text (page));
    gtk_window_close (window);
    g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
    ask = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_cmpstr (adw_message_dialog_get_heading (ask), ==, "Your Draft Is Not Saved");
    g_assert_true (adw_message_dialog_has_response (ask, "save"));
    adw_message_dialog_response (ask, "cancel");
    gtk_window_destroy (GTK_WINDOW (ask));
    sg_test_iterate (50);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

    /* Logout cannot wait for an answer: the draft goes to a file beside the data, 0600. */
    {
      g_autofree char *kept = sg_window_keep_unsaved_draft (SG_WINDOW (window));
      g_autofree char *contents = NULL;
      GStatBuf st;

      g_assert_nonnull (kept);
      g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "Typed with nowhere to go");
      g_assert_cmpint (g_stat (kept, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_unlink (kept);
    }
    /* The draft also waits in a file beside the data file while nothing can be stored. */
    {
      g_autofree char *waiting = g_strconcat (path, ".unsaved-draft.txt", NULL);
      g_autofree char *contents = NULL;

      /* written on the draft's queue, off the main loop */
      g_assert_true (sg_test_wait (file_exists, waiting, 5000));
      g_assert_true (g_file_get_contents (waiting, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "Typed with nowhere to go");
    }
    show_problem_again (window);
    g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
    dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  }

  /* Move aside: the damaged copy is kept, a fresh store opens, and what was typed meanwhile
   * stays in the editor and becomes a saved draft (it is not replaced). */
  adw_message_dialog_response (dialog, "move-aside");
  g_assert_true (sg_test_wait (sg_test_app_store_ready, app, 5000));
  g_assert_null (sg_context_get_store_error (context ()));
  {
    SgComposePage *page = sg_window_get_compose_page (SG_WINDOW (window));
    g_autofree char *waiting = g_strconcat (path, ".unsaved-draft.txt", NULL);
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    g_assert_true (sg_test_wait (draft_saved, page, 5000));
    gtk_text_buffer_get_bounds (sg_compose_page_get_buffer (page), &start, &end);
    text = gtk_text_buffer_get_text (sg_compose_page_get_buffer (page), &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Typed with nowhere to go");
    g_assert_true (sg_test_wait (file_gone, waiting, 5000));
  }

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    gboolean found = FALSE;

    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "socialguard.db.damaged-"))
        {
          g_autofree char *moved = g_build_filename (dir, name, NULL);
          g_autofree char *sum = checksum (moved);
          g_assert_cmpstr (sum, ==, before);
          found = TRUE;
        }
    g_assert_true (found);
  }
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);

  g_test_add_func ("/sg/window/corrupt-database", test_corrupt_database);
  return sg_test_gui_run_tests ((GApplication **) &app, home);
}
