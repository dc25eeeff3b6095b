/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in to post, as a user does it, against a loopback server playing Mastodon and
 * Bluesky: a token is checked with the server before it is kept; with a real Secret Service
 * (gnome-keyring, started by run-with-keyring.sh) it is kept there, used to post, and gone
 * after signing out; without one, nothing is kept anywhere. The server's own sign-in page
 * (OAuth with a pasted code) ends the same way. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sg-test-server.h"
#include "sg-test-async.h"
#include "sg-application.h"
#include "sg-compose-page.h"
#include "sg-mastodon-code-dialog.h"
#include "sg-preferences-window.h"
#include "sg-publications.h"
#include "sg-secrets.h"
#include "sg-test-gui.h"
#include "sg-window.h"

static SgApplication *app;

static SgContext *
context (void)
{
  return sg_application_get_context (app);
}
static SoupServer *server;
static char *base;
static gboolean keyring;      /* SG_TEST_KEYRING=1: a Secret Service is running */
static char *last_auth;       /* of the last status */
static char *exchanged_code;
static guint apps_registered;

static gboolean
good_token (SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  return g_strcmp0 (auth, "Bearer good-token") == 0 || g_strcmp0 (auth, "Bearer oauth-token") == 0;
}

static void
handler (SoupServer        *s,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  if (g_str_equal (path, "/api/v2/instance"))
    sg_test_server_reply_json (msg, 200, "{\"domain\":\"127.0.0.1\",\"configuration\":{\"statuses\":"
                     "{\"max_characters\":1000,\"characters_reserved_per_url\":23}}}");
  else if (g_str_equal (path, "/api/v1/accounts/verify_credentials"))
    {
      if (good_token (msg))
        sg_test_server_reply_json (msg, 200, "{\"id\":\"1\",\"username\":\"doc\",\"acct\":\"doc\",\"locked\":true}");
      else
        sg_test_server_reply_json (msg, 401, "{\"error\":\"The access token is invalid\"}");
    }
  else if (g_str_equal (path, "/api/v1/statuses"))
    {
      g_free (last_auth);
      last_auth = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                          "Authorization"));
      if (good_token (msg))
        sg_test_server_reply_json (msg, 200, "{\"id\":\"5\",\"url\":\"https://mastodon.example/@doc/5\"}");
      else
        sg_test_server_reply_json (msg, 401, "{\"error\":\"The access token is invalid\"}");
    }
  else if (g_str_equal (path, "/api/v1/apps"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autofree char *form = g_strndup (body->data, body->length);
      g_autoptr(GHashTable) fields = soup_form_decode (form);

      apps_registered++;
      if (g_strcmp0 (g_hash_table_lookup (fields, "redirect_uris"), "urn:ietf:wg:oauth:2.0:oob") == 0 &&
          strstr (g_hash_table_lookup (fields, "scopes"), "write:media") != NULL)
        sg_test_server_reply_json (msg, 200, "{\"id\":\"3\",\"name\":\"SocialGuard\",\"client_id\":\"cid-1\","
                                             "\"client_secret\":\"csecret-1\"}");
      else
        sg_test_server_reply_json (msg, 422, "{\"error\":\"Validation failed\"}");
    }
  else if (g_str_equal (path, "/oauth/token"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autofree char *form = g_strndup (body->data, body->length);
      g_autoptr(GHashTable) fields = soup_form_decode (form);

      g_free (exchanged_code);
      exchanged_code = g_strdup (g_hash_table_lookup (fields, "code"));
      if (g_strcmp0 (g_hash_table_lookup (fields, "client_secret"), "csecret-1") == 0 &&
          g_strcmp0 (exchanged_code, "CODE-42") == 0 &&
          g_strcmp0 (g_hash_table_lookup (fields, "grant_type"), "authorization_code") == 0)
        sg_test_server_reply_json (msg, 200, "{\"access_token\":\"oauth-token\",\"token_type\":\"Bearer\","
                                             "\"scope\":\"read:accounts write:statuses write:media\"}");
      else
        sg_test_server_reply_json (msg, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"The code is not valid\"}");
    }
  else if (g_str_equal (path, "/xrpc/com.atproto.server.createSession"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      if (json_parser_load_from_data (parser, body->data, body->length, NULL) &&
          (o = json_node_get_object (json_parser_get_root (parser))) != NULL &&
          g_strcmp0 (json_object_get_string_member (o, "password"), "abcd-efgh-ijkl-mnop") == 0)
        sg_test_server_reply_json (msg, 200, "{\"accessJwt\":\"j\",\"refreshJwt\":\"r\",\"did\":\"did:plc:doc\","
                                             "\"handle\":\"doc.bsky.social\"}");
      else
        sg_test_server_reply_json (msg, 401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");
    }
  else
    sg_test_server_reply_json (msg, 404, "{\"error\":\"not found\"}");
}

static gboolean
is_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static gboolean
setting_is (gpointer data)
{
  const char **pair = data;
  g_autofree char *value = g_settings_get_string (sg_context_get_settings (context ()), pair[0]);

  return g_strcmp0 (value, pair[1]) == 0;
}

static GtkWidget *
open_preferences (void)
{
  GtkWidget *prefs = GTK_WIDGET (sg_test_find_toplevel (SG_TYPE_PREFERENCES_WINDOW));

  if (prefs != NULL)
    return prefs;
  g_action_group_activate_action (G_ACTION_GROUP (app), "posting-accounts", NULL);
  g_assert_true (sg_test_wait (sg_test_toplevel_shown, GSIZE_TO_POINTER (SG_TYPE_PREFERENCES_WINDOW), 5000));
  return GTK_WIDGET (sg_test_find_toplevel (SG_TYPE_PREFERENCES_WINDOW));
}

/* The dialog that says why signing in did not happen; closed after reading. */
static char *
take_problem (void)
{
  AdwMessageDialog *dialog = NULL;
  char *body;

  for (guint i = 0; i < 200 && dialog == NULL; i++)
    {
      sg_test_iterate (25);
      dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Not Signed In");
  body = g_strdup (adw_message_dialog_get_body (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  return body;
}

static char *
stored_secret (const char *service,
               const char *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;
  sg_secrets_lookup_async (service, base, account, NULL, sg_test_result_cb, &result);
  sg_test_wait_result (&result);
  secret = sg_secrets_lookup_finish (result, &error);
  if (keyring)
    g_assert_no_error (error);
  return secret;
}

static void
test_mastodon_token (void)
{
  GtkWidget *prefs = open_preferences ();
  GtkWidget *sign_in = sg_test_find_by_label (prefs, "Sign in to Mastodon");
  GtkEditable *server_entry = GTK_EDITABLE (sg_test_find_by_label (prefs, "Server, e.g. https://mastodon.social"));
  GtkEditable *token = GTK_EDITABLE (sg_test_find_by_label (prefs, "Access token"));
  const char *signed_in[] = { "mastodon-account", "@doc@127.0.0.1" };
  g_autofree char *problem = NULL;
  g_autofree char *secret = NULL;

  g_assert_nonnull (sign_in);
  g_assert_nonnull (server_entry);
  g_assert_nonnull (token);
  sg_test_iterate (300);
  {
    g_autofree char *shot = sg_test_save_png (prefs, "preferences-posting");
    g_test_message ("Screenshot: %s", shot);
  }

  /* An address that is not https is refused before anything is sent. */
  gtk_editable_set_text (server_entry, "ftp://mastodon.example");
  gtk_editable_set_text (token, "good-token");
  g_signal_emit_by_name (sign_in, "clicked");
  g_assert_true (gtk_widget_get_sensitive (sign_in));

  /* A token the server refuses: said so, nothing kept. */
  gtk_editable_set_text (server_entry, base);
  gtk_editable_set_text (token, "revoked-token");
  g_signal_emit_by_name (sign_in, "clicked");
  problem = take_problem ();
  g_assert_nonnull (strstr (problem, "did not accept the access token"));
  g_assert_true (sg_test_wait (is_sensitive, sign_in, 5000));
  secret = stored_secret ("mastodon", "@doc@127.0.0.1");
  g_assert_null (secret);

  /* A good one: checked, the account named by the server, kept in the keyring. */
  gtk_editable_set_text (token, "good-token");
  g_signal_emit_by_name (sign_in, "clicked");
  if (!keyring)
    {
      g_clear_pointer (&problem, g_free);
      problem = take_problem ();
      g_assert_nonnull (strstr (problem, "No keyring"));
      g_assert_true (sg_test_wait (is_sensitive, sign_in, 5000));
      g_assert_true (setting_is ((gpointer) (const char *[]) { "mastodon-account", "" }));
      /* The typed token stays in the form, and nothing is written anywhere else. */
      g_assert_cmpstr (gtk_editable_get_text (token), ==, "good-token");
      return;
    }
  g_assert_true (sg_test_wait (setting_is, signed_in, 10000));
  g_assert_cmpstr (gtk_editable_get_text (token), ==, "");
  g_clear_pointer (&secret, g_free);
  secret = stored_secret ("mastodon", "@doc@127.0.0.1");
  g_assert_cmpstr (secret, ==, "good-token");
  sg_test_iterate (300);
  {
    g_autofree char *shot = sg_test_save_png (prefs, "preferences-signed-in");
    g_test_message ("Screenshot: %s", shot);
  }
}

static void
published_cb (SgComposePage *page,
              gboolean      *published)
{
  *published = TRUE;
}

/* The token from the keyring posts; signing out removes it. */
static void
test_post_and_sign_out (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  SgComposePage *page = sg_window_get_compose_page (SG_WINDOW (window));
  GtkTextBuffer *buffer = sg_compose_page_get_buffer (page);
  GtkWidget *prefs, *sign_out;
  AdwMessageDialog *dialog;
  gboolean published = FALSE;
  g_autofree char *secret = NULL;
  const char *signed_out[] = { "mastodon-account", "" };
  gulong id;

  sg_compose_page_set_platform (page, "mastodon");
  gtk_text_buffer_set_text (buffer, "Teaching session on Friday: sepsis recognition, all welcome.", -1);
  sg_test_iterate (400);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "compose.publish", NULL));
  dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (adw_message_dialog_has_response (dialog, "post"));
  id = g_signal_connect (page, "published", G_CALLBACK (published_cb), &published);
  sg_test_respond (dialog, "post");
  g_assert_true (sg_test_wait (sg_test_is_true, &published, 10000));
  g_signal_handler_disconnect (page, id);
  g_assert_cmpstr (last_auth, ==, "Bearer good-token");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) log = sg_publications_list (sg_context_get_store (context ()), "sepsis", &error);
    g_assert_cmpuint (log->len, ==, 1);
    g_assert_cmpstr (((SgPublication *) g_ptr_array_index (log, 0))->status, ==, "posted");
  }

  prefs = open_preferences ();
  sign_out = sg_test_find_by_label (prefs, "Sign out of Mastodon");
  g_assert_nonnull (sign_out);
  g_signal_emit_by_name (sign_out, "clicked");
  g_assert_true (sg_test_wait (setting_is, signed_out, 5000));
  secret = stored_secret ("mastodon", "@doc@127.0.0.1");
  g_assert_null (secret);
}

static gboolean
limits_kept (gpointer data)
{
  g_autofree char *asked = NULL;
  guint32 max = 0, url = 0;
  gint64 when = 0;

  g_settings_get (sg_context_get_settings (sg_application_get_context (app)), "mastodon-limits", "(suux)", &asked, &max,
                  &url, &when);
  return g_strcmp0 (asked, data) == 0;
}

/* A server that allows 1000 characters says so in /api/v2/instance; Compose counts against
 * that, not 500, and the answer is kept with its date (issue 20 point 12). Signing out puts
 * the usual 500 back. */
static void
test_server_limits (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  SgComposePage *page = sg_window_get_compose_page (SG_WINDOW (window));
  GSettings *settings = sg_context_get_settings (sg_application_get_context (app));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *kept = NULL;
  GtkWidget *label;
  guint32 max = 0, url = 0;
  gint64 when = 0;

  for (guint i = 0; i < 600; i++)
    g_string_append_c (text, 'a');
  sg_compose_page_set_platform (page, "mastodon");
  gtk_text_buffer_set_text (sg_compose_page_get_buffer (page), text->str, -1);
  sg_test_iterate (200);
  g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (page), "600 / 500"));

  g_settings_set_string (settings, "mastodon-server", base);
  g_assert_true (sg_test_wait (limits_kept, base, 5000));
  g_settings_get (settings, "mastodon-limits", "(suux)", &kept, &max, &url, &when);
  g_assert_cmpuint (max, ==, 1000);
  g_assert_cmpuint (url, ==, 23);
  g_assert_cmpint (when, >, g_get_real_time () / G_USEC_PER_SEC - 60);
  sg_test_iterate (100);
  label = sg_test_find_label_text (GTK_WIDGET (page), "600 / 1000");
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_has_css_class (label, "sg-over-limit"));

  g_settings_set_string (settings, "mastodon-server", "");
  sg_test_iterate (100);
  gtk_text_buffer_insert_at_cursor (sg_compose_page_get_buffer (page), "b", -1);
  sg_test_iterate (200);
  g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (page), "601 / 500"));
  gtk_text_buffer_set_text (sg_compose_page_get_buffer (page), "", -1);
  sg_test_iterate (100);
}

/* The server's own sign-in page: register, open the page, paste the code. */
static gboolean
code_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (dialog), "Paste the Code") == 0;
}

static void
test_mastodon_browser (void)
{
  GtkWidget *prefs = open_preferences ();
  GtkWidget *browser = sg_test_find_by_label (prefs, "Sign in to Mastodon in the browser");
  GtkEditable *server_entry = GTK_EDITABLE (sg_test_find_by_label (prefs, "Server, e.g. https://mastodon.social"));
  const char *signed_in[] = { "mastodon-account", "@doc@127.0.0.1" };
  AdwMessageDialog *dialog;
  GtkWidget *code;
  const char *url;
  g_autofree char *problem = NULL;

  g_assert_nonnull (browser);
  gtk_editable_set_text (server_entry, base);
  g_assert_true (gtk_widget_get_sensitive (browser));
  g_signal_emit_by_name (browser, "clicked");
  g_assert_true (sg_test_wait (code_dialog_shown, NULL, 5000));
  g_assert_cmpuint (apps_registered, ==, 1);
  dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (SG_IS_MASTODON_CODE_DIALOG (dialog));
  url = sg_mastodon_code_dialog_get_authorize_url (SG_MASTODON_CODE_DIALOG (dialog));
  g_assert_true (g_str_has_prefix (url, base));
  g_assert_nonnull (strstr (url, "/oauth/authorize?"));
  g_assert_nonnull (strstr (url, "client_id=cid-1"));
  g_assert_nonnull (strstr (url, "response_type=code"));
  g_assert_nonnull (strstr (url, "redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob"));
  g_assert_null (strstr (url, "csecret"));
  sg_test_iterate (200);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (dialog), "mastodon-paste-code");
    g_test_message ("Screenshot: %s", shot);
  }

  /* A wrong code: said so. */
  code = sg_test_find_by_label (GTK_WIDGET (dialog), "Authorisation code");
  g_assert_nonnull (code);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "sign-in"));
  gtk_editable_set_text (GTK_EDITABLE (code), "  WRONG  ");
  sg_test_respond (dialog, "sign-in");
  problem = take_problem ();
  g_assert_cmpstr (exchanged_code, ==, "WRONG");
  g_assert_nonnull (strstr (problem, "did not accept the code"));

  /* The right one: exchanged, checked, kept. */
  g_signal_emit_by_name (browser, "clicked");
  g_assert_true (sg_test_wait (code_dialog_shown, NULL, 5000));
  dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (GTK_WIDGET (dialog), "Authorisation code")),
                         "CODE-42");
  sg_test_respond (dialog, "sign-in");
  if (!keyring)
    {
      g_clear_pointer (&problem, g_free);
      problem = take_problem ();
      g_assert_nonnull (strstr (problem, "No keyring"));
      return;
    }
  g_assert_true (sg_test_wait (setting_is, signed_in, 10000));
  {
    g_autofree char *secret = stored_secret ("mastodon", "@doc@127.0.0.1");
    g_assert_cmpstr (secret, ==, "oauth-token");
  }
  g_signal_emit_by_name (sg_test_find_by_label (prefs, "Sign out of Mastodon"), "clicked");
  g_assert_true (sg_test_wait (setting_is, (gpointer) (const char *[]) { "mastodon-account", "" }, 5000));
}

static void
test_bluesky (void)
{
  GtkWidget *prefs = open_preferences ();
  GtkWidget *sign_in = sg_test_find_by_label (prefs, "Sign in to Bluesky");
  GtkEditable *server_entry = GTK_EDITABLE (sg_test_find_by_label (prefs, "Server"));
  GtkEditable *handle = GTK_EDITABLE (sg_test_find_by_label (prefs, "Handle, e.g. you.bsky.social"));
  GtkEditable *password = GTK_EDITABLE (sg_test_find_by_label (prefs, "App password"));
  const char *signed_in[] = { "bluesky-handle", "doc.bsky.social" };
  g_autofree char *problem = NULL;

  gtk_editable_set_text (server_entry, base);
  gtk_editable_set_text (handle, "@doc.bsky.social");
  gtk_editable_set_text (password, "wrong-pass-word-here");
  g_signal_emit_by_name (sign_in, "clicked");
  problem = take_problem ();
  g_assert_nonnull (strstr (problem, "did not accept the handle and app password"));

  gtk_editable_set_text (password, "abcd-efgh-ijkl-mnop");
  g_signal_emit_by_name (sign_in, "clicked");
  if (!keyring)
    {
      g_clear_pointer (&problem, g_free);
      problem = take_problem ();
      g_assert_nonnull (strstr (problem, "No keyring"));
      return;
    }
  g_assert_true (sg_test_wait (setting_is, signed_in, 10000));
  {
    g_autofree char *secret = stored_secret ("bluesky", "doc.bsky.social");
    g_assert_cmpstr (secret, ==, "abcd-efgh-ijkl-mnop");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = sg_test_gui_init (&argc, &argv);
  int ret;

  GTestDBus *bus = NULL;   /* not freed: its finalizer waits for GTK to drop the bus */

  keyring = g_strcmp0 (g_getenv ("SG_TEST_KEYRING"), "1") == 0;
  /* Without the wrapper: a private bus with nothing to start, so there is surely no keyring
   * (a desktop's session bus would start gnome-keyring on demand, and it would prompt). */
  if (!keyring)
    {
      g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (bus);
      /* GTestDBus unsets DISPLAY (against X11 autolaunch); the window still needs Xvfb. */
      if (display != NULL)
        g_setenv ("DISPLAY", display, TRUE);
    }
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  base = sg_test_server_listen (server);
  /* No trailing slash, as a user would type it. */
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  app = sg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/sg/posting/mastodon-token", test_mastodon_token);
  /* Only where a keyring can hold the token (the posting-keyring run). */
  if (keyring)
    g_test_add_func ("/sg/posting/post-and-sign-out", test_post_and_sign_out);
  g_test_add_func ("/sg/posting/mastodon-browser", test_mastodon_browser);
  g_test_add_func ("/sg/posting/bluesky", test_bluesky);
  g_test_add_func ("/sg/posting/mastodon-server-limits", test_server_limits);
  ret = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  soup_server_disconnect (server);
  g_clear_object (&server);
  sg_test_remove_tree (home);
  if (bus != NULL)
    g_test_dbus_stop (bus);   /* the app keeps its connection to the end */
  return ret;
}
