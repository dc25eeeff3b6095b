/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deleting a past post from Mastodon (DELETE /api/v1/statuses/:id) and from Bluesky
 * (com.atproto.repo.deleteRecord) against a loopback SoupServer that answers as each service
 * documents: deleted, already gone (404), the sign-in refused (401), the server in trouble
 * (500), too many requests (429), no answer at all; and a Bluesky post of another account,
 * which must not be sent a delete. Also the History entry a delete leaves, without the text. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sg-bluesky-client.h"
#include "sg-error.h"
#include "sg-mastodon-client.h"
#include "sg-publications.h"
#include "sg-test-async.h"
#include "sg-test-server.h"
#include "sg-test-store.h"

typedef struct {
  SoupServer *server;
  char       *base;
  guint       status;       /* what the delete is answered with */
  guint       deletes;      /* delete requests received */
  char       *last_path;
  char       *last_auth;
  char       *last_body;    /* Bluesky: the deleteRecord request */
} Fixture;

static void
mastodon_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_server_message_get_method (msg) != SOUP_METHOD_DELETE)
    {
      sg_test_server_reply_json (msg, 405, "{\"error\":\"method\"}");
      return;
    }
  f->deletes++;
  g_free (f->last_path);
  f->last_path = g_strdup (path);
  g_free (f->last_auth);
  f->last_auth = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  switch (f->status)
    {
    case 200:
      /* Mastodon answers with the status deleted, text included (for "delete and redraft"). */
      sg_test_server_reply_json (msg, 200, "{\"id\":\"109\",\"text\":\"the text\"}");
      break;
    case 404:
      sg_test_server_reply_json (msg, 404, "{\"error\":\"Record not found\"}");
      break;
    case 401:
      sg_test_server_reply_json (msg, 401, "{\"error\":\"The access token is invalid\"}");
      break;
    case 429:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "X-RateLimit-Reset", "2099-01-01T10:00:00.000Z");
      sg_test_server_reply_json (msg, 429, "{\"error\":\"Too many requests\"}");
      break;
    default:
      sg_test_server_reply_json (msg, f->status, "{\"error\":\"Internal server error\"}");
      break;
    }
}

static void
bluesky_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (g_str_equal (path, "/xrpc/com.atproto.server.createSession"))
    {
      sg_test_server_reply_json (msg, 200, "{\"accessJwt\":\"jwt\",\"refreshJwt\":\"r\","
                                           "\"did\":\"did:plc:doc\",\"handle\":\"doc.example\"}");
      return;
    }
  if (!g_str_equal (path, "/xrpc/com.atproto.repo.deleteRecord"))
    {
      sg_test_server_reply_json (msg, 404, "{\"error\":\"XRPCNotSupported\"}");
      return;
    }
  f->deletes++;
  g_free (f->last_auth);
  f->last_auth = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                         "Authorization"));
  g_free (f->last_body);
  f->last_body = g_strndup (body->data, body->length);
  switch (f->status)
    {
    case 200:
      sg_test_server_reply_json (msg, 200, "{}");
      break;
    case 404:
      sg_test_server_reply_json (msg, 400, "{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record\"}");
      break;
    case 401:
      sg_test_server_reply_json (msg, 401, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
      break;
    case 429:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "300");
      sg_test_server_reply_json (msg, 429, "{\"error\":\"RateLimitExceeded\"}");
      break;
    default:
      sg_test_server_reply_json (msg, f->status, "{\"error\":\"InternalServerError\"}");
      break;
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/api/v1/statuses", mastodon_cb, f, NULL);
  soup_server_add_handler (f->server, "/xrpc", bluesky_cb, f, NULL);
  f->base = sg_test_server_listen (f->server);
  /* Without the trailing slash, as the accounts keep it. */
  f->base[strlen (f->base) - 1] = '\0';
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->server);
  g_free (f->base);
  g_free (f->last_path);
  g_free (f->last_auth);
  g_free (f->last_body);
}

static gboolean
mastodon_delete (Fixture   *f,
                 guint      status,
                 gboolean  *gone,
                 GError   **error)
{
  g_autoptr(SgMastodonClient) client = sg_mastodon_client_new (f->base, "tok");
  GAsyncResult *result = NULL;
  gboolean ok;

  f->status = status;
  sg_mastodon_client_delete_async (client, "109", NULL, sg_test_result_cb, &result);
  ok = sg_mastodon_client_delete_finish (client, sg_test_wait_result (&result), gone, error);
  g_object_unref (result);
  return ok;
}

static void
test_mastodon_deleted (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean gone = TRUE;

  g_assert_true (mastodon_delete (f, 200, &gone, &error));
  g_assert_no_error (error);
  g_assert_false (gone);
  g_assert_cmpuint (f->deletes, ==, 1);
  g_assert_cmpstr (f->last_path, ==, "/api/v1/statuses/109");
  g_assert_cmpstr (f->last_auth, ==, "Bearer tok");
}

static void
test_mastodon_already_gone (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean gone = FALSE;

  g_assert_true (mastodon_delete (f, 404, &gone, &error));
  g_assert_no_error (error);
  g_assert_true (gone);
}

static void
test_mastodon_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mastodon_delete (f, 401, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED);
  g_assert_nonnull (strstr (error->message, "Sign in again"));
  g_assert_nonnull (strstr (error->message, "still online"));
  g_clear_error (&error);

  g_assert_false (mastodon_delete (f, 403, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED);
}

static void
test_mastodon_server_error (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mastodon_delete (f, 500, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY);
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_assert_nonnull (strstr (error->message, "still online"));
  /* Not retried behind the doctor's back: one request, and the row offers it again. */
  g_assert_cmpuint (f->deletes, ==, 1);
}

static void
test_mastodon_rate_limited (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mastodon_delete (f, 429, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY);
  g_assert_nonnull (strstr (error->message, "try again after"));
}

static void
test_mastodon_no_answer (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *base = f->base;

  /* A port nothing listens on: the server went away. */
  g_clear_object (&f->server);
  f->base = base;
  g_assert_false (mastodon_delete (f, 200, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "still online"));
}

static gboolean
bluesky_delete (Fixture     *f,
                guint        status,
                const char  *owner,
                gboolean    *gone,
                GError     **error)
{
  g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new (f->base, "doc.example", "app-pass");
  GAsyncResult *result = NULL;
  gboolean ok;

  f->status = status;
  sg_bluesky_client_delete_async (client, owner, "3kabc", NULL, sg_test_result_cb, &result);
  ok = sg_bluesky_client_delete_finish (client, sg_test_wait_result (&result), gone, error);
  g_object_unref (result);
  return ok;
}

static void
test_bluesky_deleted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  gboolean gone = TRUE;

  g_assert_true (bluesky_delete (f, 200, "did:plc:doc", &gone, &error));
  g_assert_no_error (error);
  g_assert_false (gone);
  g_assert_cmpuint (f->deletes, ==, 1);
  g_assert_cmpstr (f->last_auth, ==, "Bearer jwt");
  g_assert_true (json_parser_load_from_data (parser, f->last_body, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "repo"), ==, "did:plc:doc");
  g_assert_cmpstr (json_object_get_string_member (o, "collection"), ==, "app.bsky.feed.post");
  g_assert_cmpstr (json_object_get_string_member (o, "rkey"), ==, "3kabc");
}

static void
test_bluesky_already_gone (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean gone = FALSE;

  g_assert_true (bluesky_delete (f, 404, "did:plc:doc", &gone, &error));
  g_assert_no_error (error);
  g_assert_true (gone);
}

static void
test_bluesky_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (bluesky_delete (f, 401, "did:plc:doc", NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED);
  g_assert_nonnull (strstr (error->message, "Sign in again"));
  g_assert_nonnull (strstr (error->message, "still online"));
}

static void
test_bluesky_server_error (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (bluesky_delete (f, 502, "did:plc:doc", NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY);
  g_assert_nonnull (strstr (error->message, "HTTP 502"));
  g_assert_cmpuint (f->deletes, ==, 1);
  g_clear_error (&error);

  g_assert_false (bluesky_delete (f, 429, "did:plc:doc", NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY);
  g_assert_nonnull (strstr (error->message, "try again after"));
}

static void
test_bluesky_other_account (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (bluesky_delete (f, 200, "did:plc:someone-else", NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED);
  g_assert_nonnull (strstr (error->message, "did:plc:someone-else"));
  g_assert_nonnull (strstr (error->message, "@doc.example"));
  /* Signed in, but no delete was sent for a post the account does not own. */
  g_assert_cmpuint (f->deletes, ==, 0);
}

/* History lists a delete by its address and date, never the text; a search finds it. */
static void
test_history_entry (void)
{
  char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-deletes", &dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SgPublication *p;
  g_autofree char *title = NULL;
  g_autofree char *html = NULL;

  g_assert_cmpint (sg_publications_log_deletion (store, "mastodon", "@doc@example.org",
                                                 "https://example.org/@doc/109",
                                                 SG_DELETION_PLATFORM, 1000, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sg_publications_log_deletion (store, "x", NULL, "https://x.com/doc/status/5",
                                                 SG_DELETION_BY_HAND, 2000, 0, &error), >, 0);
  list = sg_publications_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  p = g_ptr_array_index (list, 1);       /* newest first */
  g_assert_cmpstr (p->method, ==, "delete");
  g_assert_cmpstr (p->final_text, ==, "");
  g_assert_cmpstr (p->remote_url, ==, "https://example.org/@doc/109");
  g_assert_cmpint (p->at, ==, 1000);
  title = sg_publication_deletion_title (p);
  g_assert_cmpstr (title, ==, "Deleted from Mastodon");
  g_clear_pointer (&title, g_free);
  title = sg_publication_deletion_title (g_ptr_array_index (list, 0));
  g_assert_cmpstr (title, ==, "Marked deleted on X (Twitter)");
  html = sg_publications_to_html (list);
  g_assert_nonnull (strstr (html, "Deleted from Mastodon"));
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sg_publications_list (store, "example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  sg_test_store_close (store, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sg/deletes/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("mastodon/deleted", test_mastodon_deleted);
  ADD ("mastodon/already-gone", test_mastodon_already_gone);
  ADD ("mastodon/sign-in-refused", test_mastodon_refused);
  ADD ("mastodon/server-error", test_mastodon_server_error);
  ADD ("mastodon/rate-limited", test_mastodon_rate_limited);
  ADD ("mastodon/no-answer", test_mastodon_no_answer);
  ADD ("bluesky/deleted", test_bluesky_deleted);
  ADD ("bluesky/already-gone", test_bluesky_already_gone);
  ADD ("bluesky/sign-in-refused", test_bluesky_refused);
  ADD ("bluesky/server-error", test_bluesky_server_error);
  ADD ("bluesky/other-account", test_bluesky_other_account);
#undef ADD
  g_test_add_func ("/sg/deletes/history-entry", test_history_entry);

  return g_test_run ();
}
