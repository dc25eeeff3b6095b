/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deleting past posts from the Past Posts page, against a loopback Mastodon: one post deleted
 * through the confirmation with real key presses (xdotool under Xvfb), marked deleted and
 * logged in History without its text; one the server fails on, which stays listed with the
 * reason and can be tried again; one of another account, which is not sent and says to sign
 * in to that account, then marked deleted by hand and logged too. Then the appraisal record
 * saved as HTML and CSV (0600), with and without the posts' text. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sg-application.h"
#include "sg-audits.h"
#include "sg-past-post-row.h"
#include "sg-publications.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-past-posts.h"
#include "sg-test-server.h"
#include "sg-window.h"

static SgApplication *app;
static char *archive_dir;

#define DELETED_POST  "Dr Alan Pryce at Westfield General has been falsifying his mortality data."
#define FAILING_POST  "Still drunk from the leaving do and on the ward round in an hour."
#define OTHER_POST    "Another night of bed blockers and frequent flyers. Why do we bother."

typedef struct {
  SoupServer *server;
  char       *base;
  GPtrArray  *deleted;   /* the status ids a DELETE reached */
} Server;

static Server mastodon;

static void
statuses_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  const char *id = strrchr (path, '/') + 1;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_DELETE ||
      g_strcmp0 (auth, "Bearer test-token") != 0)
    {
      sg_test_server_reply_json (msg, 401, "{\"error\":\"The access token is invalid\"}");
      return;
    }
  g_ptr_array_add (mastodon.deleted, g_strdup (id));
  if (g_str_equal (id, "110"))
    sg_test_server_reply_json (msg, 503, "{\"error\":\"Service Unavailable\"}");
  else
    sg_test_server_reply_json (msg, 200, "{\"id\":\"109\"}");
}

static gboolean
page_is (gpointer name)
{
  return g_strcmp0 (sg_window_get_page (sg_test_app_window (app)), name) == 0;
}

static void
focus_x_window (GtkWindow *window)
{
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                            gtk_native_get_surface (GTK_NATIVE (window))));
  const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, NULL, NULL));
  sg_test_iterate (100);
}

static const char *
note_of (SgPastPostRow *row)
{
  GtkWidget *label = sg_test_find_by_name (GTK_WIDGET (row), "delete-note");

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static char *
activity (const char *id,
          const char *account,
          const char *host,
          int         day,
          const char *text)
{
  return g_strdup_printf (
    "{\"id\":\"https://%s/users/%s/statuses/%s/activity\",\"type\":\"Create\","
    "\"actor\":\"https://%s/users/%s\",\"published\":\"2021-03-%02dT12:00:00Z\","
    "\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"],\"cc\":[],"
    "\"object\":{\"id\":\"https://%s/users/%s/statuses/%s\",\"type\":\"Note\","
    "\"published\":\"2021-03-%02dT12:00:00Z\",\"url\":\"https://%s/@%s/%s\","
    "\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"],\"cc\":[],"
    "\"content\":\"<p>%s</p>\",\"attachment\":[]}}",
    host, account, id, host, account, day, host, account, id, day, host, account, id, text);
}

static char *
write_outbox (void)
{
  g_autofree char *a = activity ("109", "doc", "example.org", 1, DELETED_POST);
  g_autofree char *b = activity ("110", "doc", "example.org", 2, FAILING_POST);
  g_autofree char *c = activity ("111", "someone", "other.example", 3, OTHER_POST);
  g_autofree char *json = g_strdup_printf (
    "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"outbox.json\","
    "\"type\":\"OrderedCollection\",\"totalItems\":3,\"orderedItems\":[%s,%s,%s]}", a, b, c);
  char *path = g_build_filename (archive_dir, "outbox.json", NULL);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

static gboolean
item_status_is_deleted (gpointer data)
{
  return sg_audit_item_get_status (data) == SG_AUDIT_STATUS_DELETED;
}

static gboolean
item_idle (gpointer data)
{
  return !sg_audit_item_get_busy (data) && sg_audit_item_get_note (data) != NULL;
}

static gboolean
item_has_note (gpointer data)
{
  return sg_audit_item_get_note (data) != NULL;
}

static gboolean
confirmation_shown (gpointer data)
{
  GtkWindow *dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_window_is_active (dialog);
}

static void
test_delete (void)
{
  SgPastPostsPage *page;
  GtkWidget *w;
  GtkWindow *window, *dialog;
  GSettings *settings = sg_context_get_settings (sg_application_get_context (app));
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  SgPastPostRow *row;
  SgAuditItem *item;
  GtkWidget *button;
  g_autofree char *png = NULL;

  g_assert_true (sg_test_wait (sg_test_past_posts_ready, app, 10000));
  if (g_find_program_in_path ("xdotool") == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_fail_printf ("real key events need xdotool and an X display (Xvfb)");
      return;
    }
  window = GTK_WINDOW (sg_test_app_window (app));
  gtk_window_set_default_size (window, 1280, 1000);
  gtk_window_present (window);
  sg_test_iterate (200);
  focus_x_window (window);
  sg_test_press_keys ("alt+5");
  g_assert_true (sg_test_wait (page_is, (gpointer) "past-posts", 3000));
  page = sg_test_past_posts_page (app);
  w = GTK_WIDGET (page);

  /* Signed in to Mastodon as the account that wrote two of the posts. */
  g_settings_set_string (settings, "mastodon-server", mastodon.base);
  g_settings_set_string (settings, "mastodon-account", "@doc@example.org");
  sg_past_posts_page_set_token (page, "test-token");

  path = write_outbox ();
  file = g_file_new_for_path (path);
  sg_past_posts_page_import (page, file);
  g_assert_true (sg_test_wait (sg_test_past_posts_audit_shown, page, 20000));
  sg_test_iterate (300);
  g_assert_cmpuint (sg_past_posts_page_get_n_posts (page), ==, 3);

  /* 1. Deleted through the confirmation, with the keyboard: the button focused, Space, then
   * Alt+D for the dialog's Delete. */
  row = sg_test_past_post_row_with_text (w, DELETED_POST, 0);
  g_assert_nonnull (row);
  item = g_object_ref (sg_past_post_row_get_item (row));
  button = sg_test_find_by_label (GTK_WIDGET (row), "Delete from Mastodon");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_grab_focus (button));
  sg_test_iterate (50);
  sg_test_press_keys ("space");
  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete this post from Mastodon?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "This cannot be undone."));
  /* Nothing is sent before the answer. */
  g_assert_cmpuint (mastodon.deleted->len, ==, 0);
  sg_test_iterate (200);
  png = sg_test_save_png (GTK_WIDGET (dialog), "past-posts-delete-confirm");
  g_test_message ("Screenshot: %s", png);
  focus_x_window (dialog);
  sg_test_wait (confirmation_shown, NULL, 2000);
  sg_test_press_keys ("alt+d");
  g_assert_true (sg_test_wait (item_status_is_deleted, item, 10000));
  g_assert_cmpuint (mastodon.deleted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (mastodon.deleted, 0), ==, "109");
  g_assert_cmpint (sg_audit_item_get_reviewed_at (item), >, 0);
  sg_test_iterate (100);
  g_assert_true (g_str_has_prefix (note_of (row), "Deleted from Mastodon."));
  g_object_unref (item);

  /* 2. The server fails: the reason under the post, which stays open and can be retried. */
  row = sg_test_past_post_row_with_text (w, FAILING_POST, 0);
  item = g_object_ref (sg_past_post_row_get_item (row));
  gtk_widget_activate (sg_test_find_by_label (GTK_WIDGET (row), "Delete from Mastodon"));
  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  sg_test_respond (ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "delete");
  g_assert_true (sg_test_wait (item_idle, item, 10000));
  g_assert_cmpint (sg_audit_item_get_status (item), ==, SG_AUDIT_STATUS_OPEN);
  g_assert_nonnull (strstr (note_of (row), "HTTP 503"));
  g_assert_nonnull (strstr (note_of (row), "still online"));
  button = sg_test_find_by_label (GTK_WIDGET (row), "Delete from Mastodon");
  g_assert_true (gtk_widget_get_visible (button) && gtk_widget_get_sensitive (button));
  g_object_unref (item);

  /* 3. Another account's post: nothing sent, and the row says whom to sign in as. Deleted by
   * hand instead, and marked so. */
  row = sg_test_past_post_row_with_text (w, OTHER_POST, 0);
  item = g_object_ref (sg_past_post_row_get_item (row));
  /* A button's activation clicks it a moment later, as a key press would. */
  g_assert_true (gtk_widget_activate (sg_test_find_by_label (GTK_WIDGET (row),
                                                             "Delete from Mastodon")));
  g_assert_true (sg_test_wait (item_has_note, item, 3000));
  sg_test_iterate (100);
  g_assert_null (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (mastodon.deleted->len, ==, 2);
  g_assert_nonnull (strstr (note_of (row), "This post is from @someone@other.example, and you "
                                           "are signed in as @doc@example.org"));
  gtk_widget_activate (sg_test_find_by_label (GTK_WIDGET (row), "Delete this one"));
  sg_test_iterate (300);
  gtk_widget_activate (sg_test_find_by_label (GTK_WIDGET (row), "Mark as deleted"));
  g_assert_true (sg_test_wait (item_status_is_deleted, item, 5000));
  g_object_unref (item);
  sg_test_iterate (200);
  g_clear_pointer (&png, g_free);
  png = sg_test_save_png (GTK_WIDGET (window), "past-posts-deleted");
  g_test_message ("Screenshot: %s", png);

  /* History: both deletions, with their addresses and no text. */
  history = sg_publications_list (sg_context_get_store (sg_application_get_context (app)), NULL,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  for (guint i = 0; i < history->len; i++)
    {
      SgPublication *p = g_ptr_array_index (history, i);
      g_autofree char *title = sg_publication_deletion_title (p);

      g_assert_cmpstr (p->method, ==, "delete");
      g_assert_cmpstr (p->final_text, ==, "");
      if (g_str_equal (p->remote_url, "https://example.org/@doc/109"))
        {
          g_assert_cmpstr (title, ==, "Deleted from Mastodon");
          g_assert_cmpstr (p->account, ==, "@doc@example.org");
        }
      else
        {
          g_assert_cmpstr (p->remote_url, ==, "https://other.example/@someone/111");
          g_assert_cmpstr (title, ==, "Marked deleted on Mastodon");
        }
    }
  /* And the History page shows them, titled by what happened. */
  {
    GtkWidget *history_page = GTK_WIDGET (sg_window_get_history_page (sg_test_app_window (app)));

    sg_test_press_keys ("alt+4");
    g_assert_true (sg_test_wait (page_is, (gpointer) "history", 3000));
    sg_test_iterate (300);
    g_assert_nonnull (sg_test_find_label_text (history_page, "Deleted from Mastodon"));
    g_assert_nonnull (sg_test_find_label_text (history_page, "Marked deleted on Mastodon"));
    g_assert_null (sg_test_find_label_containing (history_page, "Westfield"));
    g_clear_pointer (&png, g_free);
    png = sg_test_save_png (GTK_WIDGET (window), "history-deleted");
    g_test_message ("Screenshot: %s", png);
    sg_test_press_keys ("alt+5");
  }
  g_unlink (path);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_appraisal_export (void)
{
  SgPastPostsPage *page = sg_test_past_posts_page (app);

  for (guint i = 0; i < 4; i++)
    {
      gboolean csv = i & 1, text = i & 2;
      g_autofree char *name = g_strdup_printf ("appraisal-%u.%s", i, csv ? "csv" : "html");
      g_autofree char *path = g_build_filename (archive_dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      GStatBuf st;

      sg_past_posts_page_export_appraisal (page, file, csv, text);
      g_assert_true (sg_test_wait (file_exists, path, 5000));
      sg_test_iterate (100);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_nonnull (strstr (contents, "outbox.json"));
      g_assert_nonnull (strstr (contents, "https://example.org/@doc/109"));
      g_assert_nonnull (strstr (contents, "Deleted"));
      g_assert_nonnull (strstr (contents, "Not reviewed yet"));
      if (text)
        g_assert_nonnull (strstr (contents, "Westfield General"));
      else
        g_assert_null (strstr (contents, "Westfield General"));
      g_unlink (path);
    }
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);
  int ret;

  archive_dir = g_build_filename (home, "Downloads", NULL);
  g_mkdir_with_parents (archive_dir, 0700);
  mastodon.server = soup_server_new (NULL, NULL);
  mastodon.deleted = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_handler (mastodon.server, "/api/v1/statuses", statuses_cb, NULL, NULL);
  mastodon.base = sg_test_server_listen (mastodon.server);
  mastodon.base[strlen (mastodon.base) - 1] = '\0';

  app = sg_application_new ();
  g_test_add_func ("/sg/past-posts/delete", test_delete);
  g_test_add_func ("/sg/past-posts/appraisal-export", test_appraisal_export);

  ret = sg_test_gui_run ((GApplication **) &app, home);
  g_clear_object (&mastodon.server);
  g_free (mastodon.base);
  g_ptr_array_unref (mastodon.deleted);
  g_free (archive_dir);
  return ret;
}
