/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Data locked by another program is busy, not damaged: the app says so, offers Try Again and
 * never Move Aside or Restore (which would hide the user's healthy data), and opens the data
 * once it is free. */
#include "config.h"

#include <sqlite3.h>

#include "sg-application.h"
#include "sg-store.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"

static SgApplication *app;

static SgContext *
context (void)
{
  return sg_application_get_context (app);
}


static void
test_busy_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sg_store_get_default_path ();
  g_autofree char *backup = sg_store_get_backup_path (path);
  AdwMessageDialog *dialog;
  sqlite3 *other = NULL;
  SgStore *store;

  /* Healthy data, with a backup, held by another program. */
  store = sg_store_open (path, SG_STORE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  app = sg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 15000));
  dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Your Data Cannot Be Reached Right Now");
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_false (adw_message_dialog_has_response (dialog, "move-aside"));
  sg_test_iterate (300);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (dialog), "busy-database-dialog");
    g_test_message ("Screenshot: %s", shot);
  }

  /* Freed: Try Again opens it, and nothing was renamed. */
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  adw_message_dialog_response (dialog, "retry");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (sg_test_wait (sg_test_app_store_ready, app, 15000));
  g_assert_null (sg_context_get_store_error (context ()));
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);

  g_test_add_func ("/sg/window/busy-database", test_busy_database);
  return sg_test_gui_run_tests ((GApplication **) &app, home);
}
