/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deleting past posts from the Past Posts page, against a loopback Mastodon: one post deleted
 * through the confirmation with real key presses (xdotool under Xvfb), marked deleted and
 * logged in History without its text; one the server fails on, which stays listed with the
 * reason and can be tried again; one of another account, which is not sent and says to sign
 * in to that account, then marked deleted by hand and logged too. The question left open when
 * its window closes: nothing sent, nothing kept alive. Then the appraisal record
 * saved as HTML and CSV (0600), with and without the posts' text. Then the same against a
 * loopback Bluesky (createSession, com.atproto.repo.deleteRecord): deleted, already gone,
 * a server error, and another account's post, which is not sent. Last, the export dialog as a
 * doctor uses it: opened from its button with a key press, a name typed, CSV chosen and the
 * posts' text ticked with clicks, saved with the Export button. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sg-application.h"
#include "sg-audits.h"
#include "sg-past-post-row.h"
#include "sg-publications.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-past-posts.h"
#include "sg-test-server.h"
#include "sg-test-x11.h"
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
static Server bluesky;    /* deleted: the rkeys a deleteRecord reached */

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

/* A Bluesky PDS: a session for doc.bsky.social's app password, then deleteRecord for the
 * session's own repository. 3kgone is no longer there, 3kfail meets a server error. */
static void
xrpc_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  JsonObject *o;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST ||
      !json_parser_load_from_data (parser, body->data, body->length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      sg_test_server_reply_json (msg, 400, "{\"error\":\"InvalidRequest\"}");
      return;
    }
  o = json_node_get_object (json_parser_get_root (parser));
  if (g_str_equal (path, "/xrpc/com.atproto.server.createSession"))
    {
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "identifier", ""),
                     "doc.bsky.social") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (o, "password", ""),
                     "abcd-efgh-ijkl-mnop") == 0)
        sg_test_server_reply_json (msg, 200, "{\"accessJwt\":\"jwt-1\",\"refreshJwt\":\"r\","
                                             "\"did\":\"did:plc:doc\","
                                             "\"handle\":\"doc.bsky.social\"}");
      else
        sg_test_server_reply_json (msg, 401, "{\"error\":\"AuthenticationRequired\"}");
      return;
    }
  if (!g_str_equal (path, "/xrpc/com.atproto.repo.deleteRecord") ||
      g_strcmp0 (auth, "Bearer jwt-1") != 0)
    {
      sg_test_server_reply_json (msg, 401, "{\"error\":\"AuthenticationRequired\"}");
      return;
    }
  /* Only the session's own repository, and only posts. */
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "repo", ""), "did:plc:doc") != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (o, "collection", ""),
                 "app.bsky.feed.post") != 0)
    {
      sg_test_server_reply_json (msg, 400, "{\"error\":\"InvalidRequest\"}");
      return;
    }
  g_ptr_array_add (bluesky.deleted,
                   g_strdup (json_object_get_string_member_with_default (o, "rkey", "")));
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "rkey", ""), "3kgone") == 0)
    sg_test_server_reply_json (msg, 400, "{\"error\":\"RecordNotFound\","
                                         "\"message\":\"Could not locate record\"}");
  else if (g_strcmp0 (json_object_get_string_member_with_default (o, "rkey", ""), "3kfail") == 0)
    sg_test_server_reply_json (msg, 502, "{\"error\":\"UpstreamFailure\"}");
  else
    sg_test_server_reply_json (msg, 200, "{}");
}

static gboolean
page_is (gpointer name)
{
  return g_strcmp0 (sg_window_get_page (sg_test_app_window (app)), name) == 0;
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

/* Activates @label ("Delete from Mastodon") on the row showing @text and confirms; the row and a
 * reference to its item come back. */
static SgAuditItem *
delete_confirmed (GtkWidget      *page,
                  const char     *text,
                  const char     *label,
                  SgPastPostRow **row_out)
{
  SgPastPostRow *row = sg_test_past_post_row_with_text (page, text, 0);
  SgAuditItem *item = g_object_ref (sg_past_post_row_get_item (row));

  gtk_widget_activate (sg_test_find_by_label (GTK_WIDGET (row), label));
  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  sg_test_respond (ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "delete");
  *row_out = row;
  return item;
}

/* Focuses @button, presses Space as a user would, and returns the confirmation it opens. */
static GtkWindow *
ask_with_keyboard (GtkWidget *button)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_grab_focus (button));
  sg_test_iterate (50);
  sg_test_press_keys ("space");
  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete this post from Mastodon?");
  return dialog;
}

/* The server failed: the post stays open with @reason under it, and @label can be tried again. */
static void
assert_kept_open (SgPastPostRow *row,
                  SgAuditItem   *item,
                  const char    *reason,
                  const char    *label)
{
  GtkWidget *button;

  g_assert_true (sg_test_wait (item_idle, item, 10000));
  g_assert_cmpint (sg_audit_item_get_status (item), ==, SG_AUDIT_STATUS_OPEN);
  g_assert_nonnull (strstr (note_of (row), reason));
  g_assert_nonnull (strstr (note_of (row), "still online"));
  button = sg_test_find_by_label (GTK_WIDGET (row), label);
  g_assert_true (gtk_widget_get_visible (button) && gtk_widget_get_sensitive (button));
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
  sg_test_x11_focus (GTK_WIDGET (window));
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
  dialog = ask_with_keyboard (button);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "This cannot be undone."));
  /* Nothing is sent before the answer. */
  g_assert_cmpuint (mastodon.deleted->len, ==, 0);
  sg_test_iterate (200);
  png = sg_test_save_png (GTK_WIDGET (dialog), "past-posts-delete-confirm");
  g_test_message ("Screenshot: %s", png);
  sg_test_x11_focus (GTK_WIDGET (dialog));
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
  item = delete_confirmed (w, FAILING_POST, "Delete from Mastodon", &row);
  assert_kept_open (row, item, "HTTP 503", "Delete from Mastodon");
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
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The question "Delete this post from Mastodon?" left open when its window closes: nothing is
 * sent, and neither the question nor the page is kept alive by the other. A Past Posts page of
 * its own, in a window of its own, shows the audit stored by /sg/past-posts/delete (the post
 * that failed there is still open); the window is closed with the question open. */
static void
test_question_destroyed (void)
{
  GtkWidget *window = gtk_window_new ();
  SgPastPostsPage *page = g_object_new (SG_TYPE_PAST_POSTS_PAGE, NULL);
  SgPastPostRow *row;
  SgAuditItem *item;
  GtkWidget *button;
  GtkWindow *dialog;
  gpointer weak_page = page, weak_dialog;
  guint sent = mastodon.deleted->len;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  sg_past_posts_page_set_context (page, sg_application_get_context (app));
  sg_past_posts_page_set_token (page, "test-token");
  g_object_add_weak_pointer (G_OBJECT (page), &weak_page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sg_test_wait (sg_test_past_posts_audit_shown, page, 20000));
  sg_test_iterate (300);
  row = sg_test_past_post_row_with_text (GTK_WIDGET (page), FAILING_POST, 0);
  g_assert_nonnull (row);
  item = g_object_ref (sg_past_post_row_get_item (row));
  g_assert_cmpint (sg_audit_item_get_status (item), ==, SG_AUDIT_STATUS_OPEN);
  button = sg_test_find_by_label (GTK_WIDGET (row), "Delete from Mastodon");
  g_assert_true (gtk_widget_get_visible (button) && gtk_widget_get_sensitive (button));
  sg_test_x11_focus (window);
  dialog = ask_with_keyboard (button);
  weak_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak_dialog);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (sg_test_wait (is_null, &weak_page, 5000));
  g_assert_true (sg_test_wait (is_null, &weak_dialog, 5000));
  sg_test_iterate (200);
  g_assert_cmpuint (mastodon.deleted->len, ==, sent);
  g_assert_false (sg_audit_item_get_busy (item));
  g_assert_cmpint (sg_audit_item_get_status (item), ==, SG_AUDIT_STATUS_OPEN);
  /* The test's is the last reference: the question kept none. */
  g_assert_finalize_object (item);
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

#define BSKY_DELETED "Bed 4 in Resus is the drunk from last week again, same wife, same excuses."
#define BSKY_GONE    "Frequent flyer back in majors tonight. Third time this month."
#define BSKY_FAILING "Hungover on the ward round after the mess party, do not judge me."
#define BSKY_OTHER   "My colleague's patient in bay 2 is an absolute nightmare."

/* A stored audit of Bluesky posts, as an import of the account's CAR export leaves one (the
 * CAR reader has its own tests): each with its at-URI's DID in its address. */
static gint64
store_bluesky_audit (SgStore *store)
{
  const struct { const char *rkey, *did, *text; } posts[] = {
    { "3kok", "did:plc:doc", BSKY_DELETED },
    { "3kgone", "did:plc:doc", BSKY_GONE },
    { "3kfail", "did:plc:doc", BSKY_FAILING },
    { "3kother", "did:plc:other", BSKY_OTHER },
  };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  SgAuditRecord record = { 0, };

  record.file_name = (char *) "repo.car";
  record.started_at = record.finished_at = g_get_real_time () / G_USEC_PER_SEC;
  record.run = SG_AUDIT_RUN_DONE;
  record.n_checked = 10;
  record.n_flagged = G_N_ELEMENTS (posts);
  record.by_category[SG_CATEGORY_RESPECT] = G_N_ELEMENTS (posts);
  record.id = sg_audits_begin (store, record.file_name, record.started_at, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      g_autoptr(GPtrArray) findings =
        g_ptr_array_new_with_free_func ((GDestroyNotify) sg_audit_finding_free);
      g_autofree char *url = g_strdup_printf ("https://bsky.app/profile/%s/post/%s",
                                              posts[i].did, posts[i].rkey);

      g_ptr_array_add (findings, sg_audit_finding_new ("respect.test", SG_CATEGORY_RESPECT,
                                                       SG_SEVERITY_WARNING, "A derogatory word",
                                                       "Could read as mocking patients.",
                                                       SG_AUDIT_PART_TEXT, 0, 0, 3));
      g_ptr_array_add (items, sg_audit_item_new (0, record.id, "bluesky", posts[i].rkey,
                                                 1700000000 + i, url, posts[i].text, NULL,
                                                 NULL, findings));
    }
  g_assert_true (sg_audits_add_posts (store, record.id, items, &error));
  g_assert_true (sg_audits_update (store, &record, &error));
  g_assert_no_error (error);
  return record.id;
}

static gboolean
page_shows (gpointer page)
{
  return sg_past_posts_page_get_n_posts (page) == 4 &&
         sg_test_past_post_row_with_text (page, BSKY_OTHER, 0) != NULL;
}

/* Deleting from a Bluesky account signed in with an app password: the page sends the session's
 * DID as the repository and the post's rkey, after the confirmation. */
static void
test_delete_bluesky (void)
{
  SgContext *context = sg_application_get_context (app);
  GSettings *settings = sg_context_get_settings (context);
  GtkWidget *window = gtk_window_new ();
  SgPastPostsPage *page = g_object_new (SG_TYPE_PAST_POSTS_PAGE, NULL);
  GtkWidget *w = GTK_WIDGET (page);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  GtkWidget *button;
  SgPastPostRow *row;
  SgAuditItem *item;
  gint64 id;
  guint n_bluesky = 0;

  id = store_bluesky_audit (sg_context_get_store (context));
  g_settings_set_string (settings, "bluesky-server", bluesky.base);
  g_settings_set_string (settings, "bluesky-handle", "doc.bsky.social");

  gtk_window_set_child (GTK_WINDOW (window), w);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  sg_past_posts_page_set_context (page, context);
  sg_past_posts_page_set_token (page, "abcd-efgh-ijkl-mnop");
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sg_test_wait (page_shows, page, 10000));
  g_assert_cmpint (sg_past_posts_page_get_audit_id (page), ==, id);
  sg_test_iterate (200);
  sg_test_x11_focus (GTK_WIDGET (window));

  /* 1. Deleted, through the confirmation, with the keyboard. */
  row = sg_test_past_post_row_with_text (w, BSKY_DELETED, 0);
  item = g_object_ref (sg_past_post_row_get_item (row));
  button = sg_test_find_by_label (GTK_WIDGET (row), "Delete from Bluesky");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_grab_focus (button));
  sg_test_iterate (50);
  sg_test_press_keys ("space");
  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (
                     sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG))), ==,
                   "Delete this post from Bluesky?");
  g_assert_cmpuint (bluesky.deleted->len, ==, 0);
  sg_test_x11_focus (GTK_WIDGET (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));
  sg_test_wait (confirmation_shown, NULL, 2000);
  sg_test_press_keys ("alt+d");
  g_assert_true (sg_test_wait (item_status_is_deleted, item, 10000));
  g_assert_cmpuint (bluesky.deleted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (bluesky.deleted, 0), ==, "3kok");
  sg_test_iterate (100);
  g_assert_true (g_str_has_prefix (note_of (row), "Deleted from Bluesky."));
  g_object_unref (item);

  /* 2. Already gone: Bluesky says RecordNotFound, so it is marked deleted and said so. */
  item = delete_confirmed (w, BSKY_GONE, "Delete from Bluesky", &row);
  g_assert_true (sg_test_wait (item_status_is_deleted, item, 10000));
  sg_test_iterate (100);
  g_assert_nonnull (strstr (note_of (row), "already gone from Bluesky"));
  g_object_unref (item);

  /* 3. A server error: still open, the reason shown, the button there to try again. */
  item = delete_confirmed (w, BSKY_FAILING, "Delete from Bluesky", &row);
  assert_kept_open (row, item, "HTTP 502", "Delete from Bluesky");
  g_object_unref (item);

  /* 4. Another account's post: the session's DID is not the post's, so nothing is deleted. */
  item = delete_confirmed (w, BSKY_OTHER, "Delete from Bluesky", &row);
  g_assert_true (sg_test_wait (item_idle, item, 10000));
  g_assert_cmpint (sg_audit_item_get_status (item), ==, SG_AUDIT_STATUS_OPEN);
  g_assert_nonnull (strstr (note_of (row), "belongs to another Bluesky account (did:plc:other)"));
  g_assert_cmpuint (bluesky.deleted->len, ==, 3);
  g_object_unref (item);

  sg_test_iterate (200);
  png = sg_test_save_png (window, "past-posts-deleted-bluesky");
  g_test_message ("Screenshot: %s", png);

  /* History: the two gone from Bluesky, with their addresses and the account, no text. */
  history = sg_publications_list (sg_context_get_store (context), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      SgPublication *p = g_ptr_array_index (history, i);
      g_autofree char *title = sg_publication_deletion_title (p);

      if (g_strcmp0 (p->platform, "bluesky") != 0)
        continue;
      n_bluesky++;
      g_assert_cmpstr (p->method, ==, "delete");
      g_assert_cmpstr (p->final_text, ==, "");
      g_assert_cmpstr (p->account, ==, "doc.bsky.social");
      if (g_str_equal (p->remote_url, "https://bsky.app/profile/did:plc:doc/post/3kok"))
        g_assert_cmpstr (title, ==, "Deleted from Bluesky");
      else
        {
          g_assert_cmpstr (p->remote_url, ==, "https://bsky.app/profile/did:plc:doc/post/3kgone");
          g_assert_cmpstr (title, ==, "Already gone from Bluesky");
        }
    }
  g_assert_cmpuint (n_bluesky, ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
  sg_test_iterate (100);
}

/* The chooser's drop-down whose first entry is @first (it has another, for file types). */
static GtkWidget *
find_drop_down (GtkWidget  *root,
                const char *first)
{
  if (GTK_IS_DROP_DOWN (root) && gtk_widget_get_mapped (root))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (root));

      if (GTK_IS_STRING_LIST (model) &&
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), first) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_drop_down (child, first);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_check_button (GtkWidget  *root,
                   const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Export Appraisal Record… driven as a doctor does it. Without a portal (ADW_DISABLE_PORTAL,
 * no xdg-desktop-portal on the test bus) GtkFileChooserNative shows GTK's own dialog in this
 * process, so its widgets take real key presses and clicks. */
static void
test_export_dialog (void)
{
  SgPastPostsPage *page = sg_test_past_posts_page (app);
  GtkWindow *window = GTK_WINDOW (sg_test_app_window (app));
  g_autofree char *typed = g_build_filename (archive_dir, "record-by-keys.html", NULL);
  g_autofree char *saved = g_build_filename (archive_dir, "record-by-keys.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *png = NULL;
  GtkWindow *chooser;
  GtkWidget *button, *format, *text, *export;
  GStatBuf st;

  g_assert_true (sg_test_x11_available ());
  g_assert_true (page_is ((gpointer) "past-posts"));
  gtk_window_present (window);
  sg_test_iterate (200);
  sg_test_x11_focus (GTK_WIDGET (window));
  button = sg_test_find_by_label (GTK_WIDGET (page), "Export appraisal record");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_grab_focus (button));
  sg_test_iterate (50);
  sg_test_press_keys ("space");
  g_assert_true (sg_test_wait (sg_test_toplevel_shown,
                               GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG), 5000));
  chooser = sg_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  sg_test_iterate (300);
  sg_test_x11_focus (GTK_WIDGET (chooser));
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Export Appraisal Record");

  /* The name field has the focus, its proposal selected: a whole path typed over it. */
  sg_test_press_keys ("ctrl+a");
  sg_test_x11_type (typed);
  sg_test_iterate (200);

  /* The format, HTML until changed: its drop-down clicked open, the next entry chosen. */
  format = find_drop_down (GTK_WIDGET (chooser), "Printable page (HTML)");
  g_assert_nonnull (format);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (format)), ==, 0);
  sg_test_x11_click (format);
  sg_test_iterate (300);
  sg_test_press_keys ("Down");
  sg_test_press_keys ("Return");
  sg_test_iterate (200);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (format)), ==, 1);

  /* The posts' text is left out unless ticked. */
  text = find_check_button (GTK_WIDGET (chooser), "Include the posts’ text");
  g_assert_nonnull (text);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (text)));
  sg_test_x11_click (text);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (text)));
  png = sg_test_save_png (GTK_WIDGET (chooser), "past-posts-export-dialog");
  g_test_message ("Screenshot: %s", png);

  export = sg_test_find_mapped_button (GTK_WIDGET (chooser), "_Export");
  g_assert_nonnull (export);
  sg_test_x11_click (export);
  g_assert_true (sg_test_wait (sg_test_file_chooser_gone, NULL, 5000));
  g_assert_true (sg_test_wait (file_exists, saved, 5000));
  sg_test_iterate (200);

  /* CSV chosen after an .html name: saved with its own ending, readable by the user only, with
   * the posts' text as ticked. */
  g_assert_false (g_file_test (typed, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (saved, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (saved, &contents, NULL, NULL));
  g_assert_false (g_str_has_prefix (contents, "<"));
  g_assert_nonnull (strstr (contents, "outbox.json"));
  g_assert_nonnull (strstr (contents, "repo.car"));
  g_assert_nonnull (strstr (contents, "https://bsky.app/profile/did:plc:doc/post/3kok"));
  g_assert_nonnull (strstr (contents, "Westfield General"));
  g_unlink (saved);
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
  bluesky.server = soup_server_new (NULL, NULL);
  bluesky.deleted = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_handler (bluesky.server, "/xrpc", xrpc_cb, NULL, NULL);
  bluesky.base = sg_test_server_listen (bluesky.server);
  bluesky.base[strlen (bluesky.base) - 1] = '\0';

  app = sg_application_new ();
  g_test_add_func ("/sg/past-posts/delete", test_delete);
  g_test_add_func ("/sg/past-posts/delete-question-destroyed", test_question_destroyed);
  g_test_add_func ("/sg/past-posts/appraisal-export", test_appraisal_export);
  g_test_add_func ("/sg/past-posts/delete-bluesky", test_delete_bluesky);
  g_test_add_func ("/sg/past-posts/export-dialog", test_export_dialog);

  ret = sg_test_gui_run ((GApplication **) &app, home);
  g_clear_object (&mastodon.server);
  g_free (mastodon.base);
  g_ptr_array_unref (mastodon.deleted);
  g_clear_object (&bluesky.server);
  g_free (bluesky.base);
  g_ptr_array_unref (bluesky.deleted);
  g_free (archive_dir);
  return ret;
}
