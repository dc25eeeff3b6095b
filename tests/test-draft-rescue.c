/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The draft's rescue copy, with a data file that cannot be opened, driven as a doctor would
 * (real clicks and keys under Xvfb): text typed in Compose waits in a file beside the data file
 * (0600); closing the window asks; Cancel keeps the window and the copy; Discard closes it and
 * the copy is gone, and is not written back as the window goes. */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-application.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-x11.h"
#include "sg-window.h"

#define TYPED "Bed four handover call the registrar"

static SgApplication *app;

static gboolean
file_holds_typed (gpointer path)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && g_strcmp0 (contents, TYPED) == 0;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static gboolean
dialog_heading_is (gpointer heading)
{
  GtkWindow *dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog))
         && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), heading) == 0;
}

/* Clicks @button_label ("_Cancel") in the message dialog headed @heading, on screen now. */
static void
answer (const char *heading,
        const char *button_label)
{
  GtkWindow *dialog;
  GtkWidget *button;

  g_assert_true (sg_test_wait (dialog_heading_is, (gpointer) heading, 5000));
  dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  sg_test_iterate (200);
  button = sg_test_find_mapped_button (GTK_WIDGET (dialog), button_label);
  g_assert_nonnull (button);
  sg_test_x11_focus (button);
  sg_test_x11_click (button);
  sg_test_iterate (300);
}

static void
test_discard_and_keep (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sg_store_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *waiting = g_strconcat (path, ".unsaved-draft.txt", NULL);
  GtkWindow *window;
  GtkWidget *editor;
  gpointer weak_window, weak_buffer;
  GStatBuf st;

  /* A data file SocialGuard cannot open: nothing typed can be stored. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "SQLite format 3\n torn \x01\x02", -1, NULL));

  app = sg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (sg_test_x11_available ());
  answer ("Your Data Could Not Be Opened", "_Not Now");

  window = GTK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (SG_IS_WINDOW (window));
  weak_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak_window);
  weak_buffer = sg_compose_page_get_buffer (sg_window_get_compose_page (SG_WINDOW (window)));
  g_object_add_weak_pointer (G_OBJECT (weak_buffer), &weak_buffer);

  /* Typed into the draft: it waits beside the data file, readable by its owner only. */
  editor = sg_test_find_by_label (GTK_WIDGET (window), "Draft");
  g_assert_nonnull (editor);
  /* The window maps once the dialog above has gone; on a loaded machine that can be after
   * this line is reached (a click on an unmapped editor failed once in a full run). */
  g_assert_true (sg_test_wait (is_mapped, editor, 5000));
  sg_test_x11_focus (editor);
  sg_test_x11_click (editor);
  sg_test_x11_type (TYPED);
  g_assert_true (sg_test_wait (file_holds_typed, waiting, 10000));
  g_assert_cmpint (g_stat (waiting, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Closing asks; Cancel keeps the window, the text and the copy. */
  sg_test_x11_focus (editor);
  sg_test_press_keys ("ctrl+w");
  answer ("Your Draft Is Not Saved", "_Cancel");
  g_assert_nonnull (weak_window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  sg_test_iterate (1500);   /* past the autosave: the copy is written again, not removed */
  g_assert_true (file_holds_typed (waiting));
  g_assert_cmpint (g_stat (waiting, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Discard closes the window and the copy goes. Once the draft is let go (every job on its
   * queue held it), nothing can write it back. */
  sg_test_x11_focus (editor);
  sg_test_press_keys ("ctrl+w");
  answer ("Your Draft Is Not Saved", "_Discard");
  g_assert_true (sg_test_wait (is_null, &weak_window, 10000));
  g_assert_true (sg_test_wait (is_null, &weak_buffer, 10000));
  g_assert_false (g_file_test (waiting, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);

  g_test_add_func ("/sg/window/draft-rescue-discard", test_discard_and_keep);
  return sg_test_gui_run_tests ((GApplication **) &app, home);
}
