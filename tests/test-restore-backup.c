/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Restoring the daily backup from the window, as a user does it: the data file is damaged,
 * the app says so, a real click on "Restore Last Backup" brings the drafts back, and
 * nothing is lost on the way: the damaged file is kept aside byte for byte, and the backup
 * stays as it was, so restoring can be done again. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sg-application.h"
#include "sg-drafts.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-x11.h"
#include "sg-window.h"

static SgApplication *app;

static const struct {
  const char *title;
  const char *body;
  const char *platform;
} drafts[] = {
  { "Clinic rota swap", "Can anyone swap the Thursday clinic with me?", "mastodon" },
  { "Journal club", "Journal club moves to Room 4 next week.", "linkedin" },
};

static SgContext *
context (void)
{
  return sg_application_get_context (app);
}

static char *
checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Someone's data: the drafts written, then a daily backup taken of them, as the app's own
 * opening of the store takes it. */
static void
write_data_with_backup (const char *path)
{
  g_autoptr(GError) error = NULL;
  SgStore *store;

  store = sg_store_open (path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    {
      SgDraft draft = { .title = (char *) drafts[i].title, .body = (char *) drafts[i].body,
                        .platform = (char *) drafts[i].platform };

      draft.id = sg_drafts_create (store, draft.platform, &error);
      g_assert_no_error (error);
      g_assert_true (sg_drafts_save (store, &draft, &error));
      g_assert_no_error (error);
    }
  g_assert_finalize_object (store);

  store = sg_store_open (path, SG_STORE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sg_store_has_backup (path));
  g_assert_finalize_object (store);
}

/* The damaged file, moved aside (not deleted) by the restore. */
static char *
find_damaged_copy (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "socialguard.db.damaged-"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static GtkWidget *
drafts_row_titled (GtkWidget  *popover,
                   const char *title)
{
  GtkWidget *label = sg_test_find_label_text (popover, title);

  return label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW) : NULL;
}

static gboolean
drafts_listed (gpointer popover)
{
  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    if (drafts_row_titled (popover, drafts[i].title) == NULL)
      return FALSE;
  return TRUE;
}

/* The Drafts button makes its list when it first opens. */
static gboolean
popover_made (gpointer button)
{
  return gtk_menu_button_get_popover (button) != NULL;
}

static gboolean
popover_closed (gpointer popover)
{
  return !gtk_widget_get_mapped (popover);
}

/* Compose has put the restored store's latest draft in the editor. */
static gboolean
latest_draft_shown (gpointer data)
{
  SgComposePage *page = data;
  g_autofree char *text = NULL;

  if (sg_context_get_store (context ()) == NULL || sg_compose_page_get_draft_id (page) < 0)
    return FALSE;
  text = sg_compose_page_get_text (page);
  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    if (g_strcmp0 (text, drafts[i].body) == 0)
      return TRUE;
  return FALSE;
}

static void
test_restore_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sg_store_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup = sg_store_get_backup_path (path);
  g_autofree char *damaged_sum = NULL;
  g_autofree char *backup_sum = NULL;
  g_autofree char *moved = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *restore;
  GtkWindow *window;
  SgComposePage *page;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_data_with_backup (path);
  backup_sum = checksum (backup);

  /* The data file torn after the backup: it must survive byte for byte. */
  g_file_set_contents (path, "SQLite format 3\n but the rest is torn away \x01\x02\x03", -1,
                       &error);
  g_assert_no_error (error);
  damaged_sum = checksum (path);

  app = sg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (sg_test_x11_available ());

  /* The app says so, and offers the backup. */
  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Your Data Could Not Be Opened");
  g_assert_null (sg_context_get_store (context ()));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  /* The text says what the button does, and how old the backup is. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "restore the last backup (taken "));
  window = GTK_WINDOW (sg_test_app_window (app));
  page = sg_window_get_compose_page (SG_WINDOW (window));
  sg_test_iterate (300);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (dialog), "restore-backup-dialog");
    g_test_message ("Screenshot: %s", shot);
  }

  /* A real click on the button, as the user gives it. */
  restore = sg_test_find_mapped_button (GTK_WIDGET (dialog), "_Restore Last Backup");
  g_assert_nonnull (restore);
  sg_test_x11_click (restore);

  /* The backup is the data again: the store opens, and Compose shows the latest draft. */
  g_assert_true (sg_test_wait (sg_test_app_store_ready, app, 10000));
  g_assert_null (sg_context_get_store_error (context ()));
  g_assert_true (sg_test_wait (latest_draft_shown, page, 10000));
  {
    g_autoptr(GPtrArray) listed = sg_drafts_list (sg_context_get_store (context ()), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (listed->len, ==, G_N_ELEMENTS (drafts));
    for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
      {
        gboolean found = FALSE;

        for (guint j = 0; j < listed->len; j++)
          {
            SgDraft *d = g_ptr_array_index (listed, j);
            found |= g_strcmp0 (d->title, drafts[i].title) == 0 &&
                     g_strcmp0 (d->body, drafts[i].body) == 0 &&
                     g_strcmp0 (d->platform, drafts[i].platform) == 0;
          }
        g_assert_true (found);
      }
  }

  /* Both are in the Drafts list, opened with a click and closed with Escape. */
  {
    GtkWidget *button = sg_test_find_by_label (GTK_WIDGET (page), "Drafts");
    GtkWidget *popover;

    g_assert_true (sg_test_wait (sg_test_toplevel_shown, GSIZE_TO_POINTER (SG_TYPE_WINDOW), 5000));
    sg_test_iterate (300);
    sg_test_x11_click (button);
    g_assert_true (sg_test_wait (popover_made, button, 5000));
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    g_assert_true (sg_test_wait (drafts_listed, popover, 5000));
    sg_test_iterate (300);
    {
      g_autofree char *shot = sg_test_save_png (popover, "restore-backup-drafts");
      g_test_message ("Screenshot: %s", shot);
    }
    sg_test_press_keys ("Escape");
    g_assert_true (sg_test_wait (popover_closed, popover, 5000));
  }

  /* Nothing lost: the damaged file is kept aside as it was, the restored file is private,
   * and the backup is still there, unchanged, to restore again. */
  moved = find_damaged_copy (dir);
  g_assert_nonnull (moved);
  {
    g_autofree char *sum = checksum (moved);
    g_assert_cmpstr (sum, ==, damaged_sum);
  }
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  {
    g_autofree char *sum = checksum (backup);
    g_assert_cmpstr (sum, ==, backup_sum);
  }
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);

  g_test_add_func ("/sg/window/restore-backup", test_restore_backup);
  return sg_test_gui_run_tests ((GApplication **) &app, home);
}
