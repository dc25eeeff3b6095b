/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Mastodon client against a loopback SoupServer that plays POST /api/v1/statuses as the
 * documentation describes it, including the Idempotency-Key, and checks what is sent. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sg-test-server.h"
#include "sg-test-store.h"
#include "sg-test-async.h"
#include "sg-error.h"
#include "sg-http.h"
#include "sg-length.h"
#include "sg-mastodon-client.h"
#include "sg-mastodon-privacy.h"
#include "sg-profiles.h"
#include "sg-publications.h"
#include "sg-publisher.h"

typedef enum {
  ANSWER_OK,
  ANSWER_STORE_THEN_500,   /* the post lands, but the answer is lost in a 500 */
  ANSWER_500,
  ANSWER_401,
  ANSWER_422,
  ANSWER_429,
  ANSWER_429_LONG,         /* Retry-After: 30 */
  ANSWER_429_RESET,        /* no Retry-After; X-RateLimit-Reset in 2 s, as Mastodon sends */
  ANSWER_429_RESET_LATE,   /* X-RateLimit-Reset in an hour */
  ANSWER_DROP,             /* the connection is closed without an answer */
} Answer;

typedef struct {
  SoupServer *server;
  char       *base;
  Answer      script[8];
  guint       n_script;
  guint       requests;
  GHashTable *posts;       /* Idempotency-Key → status text */
  guint       lookups;     /* account statuses listed */
  gboolean    lookup_moved;   /* the listing answers 302 to /elsewhere */
  guint       elsewhere;      /* requests that followed it there */
  char       *last_auth;
  char       *last_visibility;
  char       *last_language;   /* the status's "language", or NULL when absent */
  char       *last_media_ids;      /* the status's media_ids, joined by "," */
  GPtrArray  *media_descriptions;  /* what each upload was described as */
  GPtrArray  *media_types;
  guint       media_script;        /* 0 ready at once, 1 processed later, 2 refused (422) */
  guint       media_polls;
  const char *instance_json;       /* what /api/v2/instance answers; NULL: 404, as before 4.0 */
  char       *instance_auth;       /* the Authorization it was sent, if any */
} Fixture;

/* Where a redirect would take the token: a client that follows it ends up here. */
static void
elsewhere_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fixture *f = user_data;

  f->elsewhere++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
}

static void
statuses_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  Answer answer = f->requests < f->n_script ? f->script[f->requests] : ANSWER_OK;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autofree char *reply = NULL;

  f->requests++;
  g_free (f->last_auth);
  f->last_auth = g_strdup (soup_message_headers_get_one (headers, "Authorization"));

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST || key == NULL ||
      !json_parser_load_from_data (parser, body->data, body->length, NULL))
    {
      sg_test_server_reply_json (msg, 400, "{\"error\":\"bad request\"}");
      return;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  g_free (f->last_visibility);
  f->last_visibility = g_strdup (json_object_get_string_member (object, "visibility"));
  g_free (f->last_language);
  f->last_language = g_strdup (json_object_get_string_member_with_default (object, "language", NULL));
  g_clear_pointer (&f->last_media_ids, g_free);
  if (json_object_has_member (object, "media_ids"))
    {
      JsonArray *ids = json_object_get_array_member (object, "media_ids");
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (ids); i++)
        g_string_append_printf (joined, "%s%s", i ? "," : "", json_array_get_string_element (ids, i));
      f->last_media_ids = g_strdup (joined->str);
    }

  switch (answer)
    {
    case ANSWER_401:
      sg_test_server_reply_json (msg, 401, "{\"error\":\"The access token is invalid\"}");
      return;
    case ANSWER_422:
      sg_test_server_reply_json (msg, 422, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}");
      return;
    case ANSWER_429:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      sg_test_server_reply_json (msg, 429, "{\"error\":\"Too many requests\"}");
      return;
    case ANSWER_429_LONG:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "30");
      sg_test_server_reply_json (msg, 429, "{\"error\":\"Too many requests\"}");
      return;
    case ANSWER_429_RESET:
    case ANSWER_429_RESET_LATE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) reset = g_date_time_add_seconds (now, answer == ANSWER_429_RESET
                                                                   ? 2 : 3600);
        g_autofree char *iso = g_date_time_format_iso8601 (reset);

        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "X-RateLimit-Reset", iso);
        sg_test_server_reply_json (msg, 429, "{\"error\":\"Too many requests\"}");
      }
      return;
    case ANSWER_500:
      sg_test_server_reply_json (msg, 500, "{\"error\":\"Internal error\"}");
      return;
    case ANSWER_DROP:
      g_io_stream_close (soup_server_message_steal_connection (msg), NULL, NULL);
      return;
    case ANSWER_STORE_THEN_500:
    case ANSWER_OK:
    default:
      break;
    }

  /* What Mastodon does: the first post with a key is kept, and a repeat returns it. */
  if (!g_hash_table_contains (f->posts, key))
    g_hash_table_insert (f->posts, g_strdup (key),
                         g_strdup (json_object_get_string_member (object, "status")));
  if (answer == ANSWER_STORE_THEN_500)
    {
      sg_test_server_reply_json (msg, 500, "{\"error\":\"Internal error\"}");
      return;
    }
  reply = g_strdup_printf ("{\"id\":\"1\",\"url\":\"%s@doc/1\"}", f->base);
  sg_test_server_reply_json (msg, 200, reply);
}

static void
credentials_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fixture *f = user_data;
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");

  f->requests++;
  if (g_strcmp0 (auth, "Bearer secret-token") != 0)
    {
      sg_test_server_reply_json (msg, 401, "{\"error\":\"The access token is invalid\"}");
      return;
    }
  /* A Mastodon 4.2 answer, trimmed: unlocked, discoverable null, unlisted by default,
   * not indexable, collections shown. */
  sg_test_server_reply_json (msg, 200, "{\"id\":\"1\",\"username\":\"doc\",\"locked\":false,"
                                       "\"discoverable\":null,\"hide_collections\":false,"
                                       "\"source\":{\"privacy\":\"unlisted\",\"sensitive\":false,"
                                       "\"indexable\":false,\"note\":\"\"}}");
}

/* GET /api/v1/accounts/1/statuses: what was posted, as Mastodon shows it (HTML content, one
 * paragraph per blank-line block, <br> for a line break). */
static void
account_statuses_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  GHashTableIter iter;
  gpointer key, text;
  guint n = 0;

  f->requests++;
  f->lookups++;
  if (f->lookup_moved)
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/elsewhere");
      return;
    }
  json_builder_begin_array (b);
  g_hash_table_iter_init (&iter, f->posts);
  while (g_hash_table_iter_next (&iter, &key, &text))
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_auto(GStrv) paragraphs = g_strsplit (escaped, "\n\n", -1);
      g_autofree char *joined = g_strjoinv ("</p><p>", paragraphs);
      g_auto(GStrv) lines = g_strsplit (joined, "\n", -1);
      g_autofree char *br = g_strjoinv ("<br />", lines);
      g_autofree char *content = g_strdup_printf ("<p>%s</p>", br);
      g_autofree char *url = g_strdup_printf ("%s@doc/%u", f->base, 100 + n++);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "content");
      json_builder_add_string_value (b, content);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);
  sg_test_server_reply_json (msg, 200, json);
}

/* POST /api/v2/media: multipart with "file" and "description"; 200 when ready, 202 while
 * the server still processes it. */
static void
media_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(SoupMultipart) multipart =
    soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), body);
  g_autofree char *reply = NULL;
  guint id = f->media_descriptions->len + 1;
  gboolean have_file = FALSE;

  f->requests++;
  for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      GHashTable *params = NULL;
      char *disposition = NULL;

      soup_multipart_get_part (multipart, i, &headers, &part);
      if (!soup_message_headers_get_content_disposition (headers, &disposition, &params))
        continue;
      if (g_strcmp0 (g_hash_table_lookup (params, "name"), "description") == 0)
        g_ptr_array_add (f->media_descriptions,
                         g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part)));
      else if (g_strcmp0 (g_hash_table_lookup (params, "name"), "file") == 0)
        {
          have_file = g_bytes_get_size (part) > 0;
          g_ptr_array_add (f->media_types,
                           g_strdup (soup_message_headers_get_content_type (headers, NULL)));
        }
      g_free (disposition);
      g_hash_table_destroy (params);
    }
  if (!have_file || soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      sg_test_server_reply_json (msg, 400, "{\"error\":\"no file\"}");
      return;
    }
  if (f->media_script == 2)
    {
      sg_test_server_reply_json (msg, 422, "{\"error\":\"Validation failed: File content type is invalid\"}");
      return;
    }
  if (f->media_script == 1)
    {
      reply = g_strdup_printf ("{\"id\":\"m%u\",\"type\":\"image\",\"url\":null}", id);
      sg_test_server_reply_json (msg, 202, reply);
      return;
    }
  reply = g_strdup_printf ("{\"id\":\"m%u\",\"type\":\"image\",\"url\":\"%sm%u.jpg\"}",
                           id, f->base, id);
  sg_test_server_reply_json (msg, 200, reply);
}

/* GET /api/v1/media/:id: 206 with no URL the first time, then 200. */
static void
media_status_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *f = user_data;
  const char *id = strrchr (path, '/') + 1;
  g_autofree char *reply = NULL;

  f->requests++;
  if (f->media_polls++ == 0)
    {
      reply = g_strdup_printf ("{\"id\":\"%s\",\"url\":null}", id);
      sg_test_server_reply_json (msg, 206, reply);
      return;
    }
  reply = g_strdup_printf ("{\"id\":\"%s\",\"url\":\"%s%s.jpg\"}", id, f->base, id);
  sg_test_server_reply_json (msg, 200, reply);
}

/* GET /api/v2/instance, public: configuration.statuses as in the API documentation. */
static void
instance_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *f = user_data;

  g_free (f->instance_auth);
  f->instance_auth = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization"));
  if (f->instance_json == NULL)
    sg_test_server_reply_json (msg, 404, "{\"error\":\"Record not found\"}");
  else
    sg_test_server_reply_json (msg, 200, f->instance_json);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->posts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/api/v1/statuses", statuses_cb, f, NULL);
  soup_server_add_handler (f->server, "/api/v1/accounts/verify_credentials", credentials_cb, f, NULL);
  soup_server_add_handler (f->server, "/api/v1/accounts/1/statuses", account_statuses_cb, f, NULL);
  soup_server_add_handler (f->server, "/elsewhere", elsewhere_cb, f, NULL);
  soup_server_add_handler (f->server, "/api/v2/media", media_cb, f, NULL);
  soup_server_add_handler (f->server, "/api/v1/media", media_status_cb, f, NULL);
  soup_server_add_handler (f->server, "/api/v2/instance", instance_cb, f, NULL);
  f->media_descriptions = g_ptr_array_new_with_free_func (g_free);
  f->media_types = g_ptr_array_new_with_free_func (g_free);
  f->base = sg_test_server_listen (f->server);
  /* "http://127.0.0.1:PORT/" → no trailing slash is the client's job; keep it to test that. */
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_object_unref (f->server);
  g_hash_table_unref (f->posts);
  g_free (f->instance_auth);
  g_free (f->base);
  g_free (f->last_auth);
  g_free (f->last_visibility);
  g_free (f->last_language);
  g_free (f->last_media_ids);
  g_ptr_array_unref (f->media_descriptions);
  g_ptr_array_unref (f->media_types);
}

static const char *post_language;   /* what post() states, or NULL */
static gint64 post_first_attempt;   /* what post() says of the first attempt, or 0 */

static GString *post_progress;   /* when set, post() notes each stage as "W<seconds to wait>" or "S" */

static void
waiting_progress_cb (guint    current,
                     guint    total,
                     gpointer user_data)
{
  if (total == SG_POST_PROGRESS_WAITING)
    g_string_append_printf (post_progress, "W%" G_GINT64_FORMAT " ",
                            (gint64) current - g_get_real_time () / G_USEC_PER_SEC);
  else if (total == 0)
    g_string_append (post_progress, "S ");
}

static char *
post (Fixture     *f,
      const char  *text,
      const char  *key,
      GError     **error)
{
  g_autoptr(SgMastodonClient) client = sg_mastodon_client_new (f->base, "secret-token");
  g_autoptr(GAsyncResult) result = NULL;

  sg_mastodon_client_set_max_wait (client, 2);
  sg_mastodon_client_set_language (client, post_language);
  sg_mastodon_client_set_first_attempt (client, post_first_attempt);
  if (post_progress != NULL)
    sg_mastodon_client_set_progress (client, waiting_progress_cb, NULL);
  sg_mastodon_client_post_async (client, text, "unlisted", key, NULL, sg_test_result_cb, &result);
  sg_test_wait_result (&result);
  return sg_mastodon_client_post_finish (client, result, error);
}

static const char *post_text =
  "Our journal club on statins is at noon. 🩺 Café too.\n\n"
  "Declaration of interests: I have nothing to declare.";

static void
test_posts_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* Nothing is sent before the user acts: creating a client makes no request. */
  g_autoptr(SgMastodonClient) idle = sg_mastodon_client_new (f->base, "secret-token");
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f->requests, ==, 0);

  f->script[0] = ANSWER_STORE_THEN_500;
  f->n_script = 1;
  url = post (f, post_text, "key-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_suffix (url, "@doc/1"));
  g_assert_cmpuint (f->requests, ==, 2);
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (f->posts, "key-1"), ==, post_text);
  g_assert_cmpstr (f->last_auth, ==, "Bearer secret-token");
  g_assert_cmpstr (f->last_visibility, ==, "unlisted");
  /* No language set: none is claimed (the account's default applies). */
  g_assert_null (f->last_language);

  /* A Welsh post says so (issue 20 point 10). */
  post_language = "cy";
  g_clear_pointer (&url, g_free);
  url = post (f, "Bore da o'r ward", "key-cy", &error);
  post_language = NULL;
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_language, ==, "cy");
}

/* A small JPEG file (the server does not decode it). */
static char *
write_photo (const char *name)
{
  static const guchar jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0,
                                 0, 1, 0, 1, 0, 0, 0xff, 0xd9 };
  g_autofree char *dir = g_dir_make_tmp ("sg-media-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, (const char *) jpeg, sizeof jpeg, NULL));
  return path;
}

static void
progress_cb (guint    current,
             guint    total,
             gpointer user_data)
{
  g_string_append_printf (user_data, "%u/%u ", current, total);
}

static GString *progress_seen;

static char *
post_with_photos (Fixture     *f,
                  const char  *key,
                  GError     **error)
{
  g_autoptr(SgMastodonClient) client = sg_mastodon_client_new (f->base, "secret-token");
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *a = write_photo ("sunrise.jpg");
  g_autofree char *b = write_photo ("hills.jpg");

  sg_mastodon_client_add_image (client, a, "Sunrise over the hills, no people");
  sg_mastodon_client_add_image (client, b, "");
  if (progress_seen != NULL)
    sg_mastodon_client_set_progress (client, progress_cb, progress_seen);
  sg_mastodon_client_post_async (client, post_text, "public", key, NULL, sg_test_result_cb, &result);
  sg_test_wait_result (&result);
  return sg_mastodon_client_post_finish (client, result, error);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Stop ends a wait for Retry-After at once, not when the wait is over. */
static void
test_stop_while_waiting (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SgMastodonClient) client = sg_mastodon_client_new (f->base, "secret-token");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 start;

  f->script[0] = ANSWER_429_LONG;
  f->n_script = 1;
  start = g_get_monotonic_time ();
  sg_mastodon_client_post_async (client, post_text, "public", "key-stop", cancellable, sg_test_result_cb, &result);
  g_timeout_add (300, cancel_cb, cancellable);
  sg_test_wait_result (&result);
  url = sg_mastodon_client_post_finish (client, result, &error);
  g_assert_null (url);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 0);
}

static void
test_media (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* The first upload is processed later: the client waits for it, then posts both; progress
   * is told photo by photo, then for the text. */
  f->media_script = 1;
  progress_seen = g_string_new (NULL);
  url = post_with_photos (f, "key-media", &error);
  g_assert_cmpstr (progress_seen->str, ==, "1/2 2/2 0/0 ");
  g_string_free (progress_seen, TRUE);
  progress_seen = NULL;
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_cmpuint (f->media_descriptions->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->media_descriptions, 0), ==, "Sunrise over the hills, no people");
  g_assert_cmpstr (g_ptr_array_index (f->media_types, 0), ==, "image/jpeg");
  g_assert_cmpuint (f->media_polls, >=, 2);
  g_assert_cmpstr (f->last_media_ids, ==, "m1,m2");
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 1);
}

static void
test_media_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A refused photo stops the post: nothing appears, and the message names the photo. */
  f->media_script = 2;
  url = post_with_photos (f, "key-refused", &error);
  g_assert_null (url);
  g_assert_error (error, SG_ERROR, SG_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "sunrise.jpg"));
  g_assert_nonnull (strstr (error->message, "File content type is invalid"));
  g_assert_null (strstr (error->message, "journal club"));
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 0);
}

static void
test_sign_in_needed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->script[0] = ANSWER_401;
  f->n_script = 1;
  url = post (f, post_text, "key-2", &error);
  g_assert_null (url);
  g_assert_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 0);
  /* No secret and no post text in a message that may be shown or logged. */
  g_assert_null (strstr (error->message, "secret-token"));
  g_assert_null (strstr (error->message, "statins"));
}

static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->script[0] = ANSWER_422;
  f->n_script = 1;
  url = post (f, post_text, "key-3", &error);
  g_assert_null (url);
  g_assert_error (error, SG_ERROR, SG_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "Text character limit of 500 exceeded"));
  g_assert_cmpuint (f->requests, ==, 1);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 t0 = g_get_monotonic_time ();

  f->script[0] = ANSWER_429;
  f->n_script = 1;
  url = post (f, post_text, "key-4", &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  /* It waited as Retry-After asked, then posted once. */
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 900 * 1000);
  g_assert_cmpuint (f->requests, ==, 2);
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 1);
}

/* Mastodon's 429 carries X-RateLimit-Reset, not Retry-After: wait until then (it gave up
 * after 3 s), and when that is too far off, say when posting works again (issue 20 point 13). */
static void
test_rate_limit_reset (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 t0 = g_get_monotonic_time ();

  f->script[0] = ANSWER_429_RESET;
  f->n_script = 1;
  post_progress = g_string_new (NULL);
  url = post (f, post_text, "key-reset", &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 1500 * 1000);
  g_assert_cmpuint (f->requests, ==, 2);
  /* The wait is shown with the time the server gave (2 s away), then the post is sent. */
  g_assert_true (g_str_equal (post_progress->str, "S W2 S ") ||
                 g_str_equal (post_progress->str, "S W1 S "));
  g_string_free (post_progress, TRUE);
  post_progress = NULL;

  f->script[0] = ANSWER_429_RESET_LATE;
  f->n_script = 1;
  f->requests = 0;
  g_clear_pointer (&url, g_free);
  url = post (f, post_text, "key-reset-late", &error);
  g_assert_null (url);
  g_assert_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY);
  g_assert_nonnull (strstr (error->message, "takes posts again at"));
  g_assert_cmpuint (f->requests, ==, 1);
}

/* A retry more than an hour after the first attempt: the server no longer knows the key, so
 * the client looks among the account's statuses first (issue 20 point 9). */
static char *
post_late (Fixture     *f,
           const char  *text,
           const char  *key,
           GError     **error)
{
  char *url;

  post_first_attempt = g_get_real_time () - 2 * G_TIME_SPAN_HOUR;
  url = post (f, text, key, error);
  post_first_attempt = 0;
  return url;
}

static void
test_late_retry (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other = NULL;

  first = post (f, post_text, "key-late-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 1);

  /* The same text, its key forgotten by the server: found, not posted again. */
  again = post_late (f, post_text, "key-late-2", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (f->lookups, ==, 1);
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 1);

  /* Another text is not there, so it is posted. */
  other = post_late (f, "Teaching session moved to Thursday.", "key-late-3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->lookups, ==, 2);
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 2);
}

/* The late retry's listing carries the token, so a redirect is refused like every other call's:
 * the post stops (without the listing it could duplicate) and nothing reaches /elsewhere. */
static void
test_late_retry_redirect (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->lookup_moved = TRUE;
  url = post_late (f, post_text, "key-late-moved", &error);
  g_assert_null (url);
  g_assert_nonnull (error);
  g_assert_cmpuint (f->lookups, ==, 1);
  g_assert_cmpuint (f->elsewhere, ==, 0);
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 0);
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* 500 every time: three attempts, then a clear failure. */
  f->script[0] = f->script[1] = f->script[2] = ANSWER_500;
  f->n_script = 3;
  url = post (f, post_text, "key-5", &error);
  g_assert_null (url);
  g_assert_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY);
  g_assert_cmpuint (f->requests, ==, 3);
}

static void
test_dropped (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->script[0] = ANSWER_DROP;
  f->n_script = 1;
  url = post (f, post_text, "key-6", &error);
  g_assert_null (url);
  g_assert_error (error, SG_ERROR, SG_ERROR_NETWORK);
  g_assert_null (strstr (error->message, "statins"));
  /* The promise has the server's limit: a key is remembered for about an hour (issue 20 point 9
   * asks for a look-up before a later retry; not done yet, so the message says so). */
  g_assert_nonnull (strstr (error->message, "within the hour"));

  /* The user's retry with the same key posts it once. */
  g_clear_error (&error);
  url = post (f, post_text, "key-6", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 1);
}

static void
test_bad_address (void)
{
  g_autoptr(SgMastodonClient) client = sg_mastodon_client_new ("http://mastodon.example", "t");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* Plain http to another machine would send the token unprotected: refused before sending. */
  sg_mastodon_client_post_async (client, "x", NULL, "k", NULL, sg_test_result_cb, &result);
  sg_test_wait_result (&result);
  url = sg_mastodon_client_post_finish (client, result, &error);
  g_assert_null (url);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
}

/* The whole sequence through SgPublisher: logged pending, then posted with its URL; a failure
 * is logged with the message, and the user's retry of the same text posts it once. */
static char *
publish (Fixture     *f,
         SgStore     *store,
         GError     **error)
{
  SgPostTarget target = { (char *) "mastodon", f->base, (char *) "@doc@mastodon.example" };
  g_autoptr(GAsyncResult) result = NULL;

  sg_publisher_post_async (store, &target, "secret-token", -1, post_text,
                           "Declaration of interests: I have nothing to declare.", NULL, NULL,
                           NULL, sg_test_result_cb, &result);
  sg_test_wait_result (&result);
  return sg_publisher_post_finish (result, error);
}

static void
test_publisher (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-publisher", &dir);
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *url = NULL;
  SgPublication *entry;

  g_assert_no_error (error);

  f->script[0] = ANSWER_DROP;
  f->n_script = 1;
  url = publish (f, store, &error);
  g_assert_null (url);
  g_assert_error (error, SG_ERROR, SG_ERROR_NETWORK);
  g_clear_error (&error);
  log = sg_publications_list (store, NULL, &error);
  g_assert_cmpuint (log->len, ==, 1);
  entry = g_ptr_array_index (log, 0);
  g_assert_cmpstr (entry->status, ==, "failed");
  g_assert_cmpstr (entry->method, ==, "post");
  g_assert_cmpstr (entry->account, ==, "@doc@mastodon.example");
  g_assert_nonnull (entry->error);
  g_assert_null (entry->remote_url);
  g_clear_pointer (&log, g_ptr_array_unref);

  url = publish (f, store, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (url, "@doc/1"));
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 1);
  log = sg_publications_list (store, NULL, &error);
  g_assert_cmpuint (log->len, ==, 2);
  entry = g_ptr_array_index (log, 0);
  g_assert_cmpstr (entry->status, ==, "posted");
  g_assert_cmpstr (entry->remote_url, ==, url);
  g_assert_null (entry->error);

  /* The publisher may still hold the store for a moment: drop ours, then the files. */
  g_object_unref (store);
  sg_test_store_remove (dir);
}

static GPtrArray *
read_privacy (Fixture     *f,
              const char  *token,
              GError     **error)
{
  g_autoptr(SgMastodonClient) client = sg_mastodon_client_new (f->base, token);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) account = NULL;

  sg_mastodon_client_read_account_async (client, NULL, sg_test_result_cb, &result);
  sg_test_wait_result (&result);
  account = sg_mastodon_client_read_account_finish (client, result, error);
  return account != NULL ? sg_mastodon_privacy_answers (account) : NULL;
}

static SgReviewAnswer *
find_answer (GPtrArray  *answers,
             const char *item_id)
{
  for (guint i = 0; i < answers->len; i++)
    if (g_str_equal (((SgReviewAnswer *) g_ptr_array_index (answers, i))->item_id, item_id))
      return g_ptr_array_index (answers, i);
  return NULL;
}

static void
test_read_privacy (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = read_privacy (f, "secret-token", &error);
  g_autoptr(GPtrArray) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 4);
  g_assert_cmpint (find_answer (answers, "mastodon.lock-account")->answer, ==, SG_ANSWER_NEEDS_ACTION);
  g_assert_cmpint (find_answer (answers, "mastodon.default-visibility")->answer, ==, SG_ANSWER_DONE);
  g_assert_nonnull (strstr (find_answer (answers, "mastodon.default-visibility")->note, "unlisted"));
  g_assert_cmpint (find_answer (answers, "mastodon.search-indexing")->answer, ==, SG_ANSWER_DONE);
  g_assert_cmpint (find_answer (answers, "mastodon.social-graph")->answer, ==, SG_ANSWER_NEEDS_ACTION);
  /* discoverable was null: the server did not say, so no answer is made up. */
  g_assert_null (find_answer (answers, "mastodon.suggest-account"));
  /* Nothing was posted by reading. */
  g_assert_cmpuint (g_hash_table_size (f->posts), ==, 0);

  none = read_privacy (f, "wrong-token", &error);
  g_assert_null (none);
  g_assert_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED);
}

/* One mapping of HTTP statuses for every client. */
static void
test_http_outcome (void)
{
  struct { guint status; SgError code; } cases[] = {
    { 401, SG_ERROR_SIGN_IN_NEEDED }, { 403, SG_ERROR_SIGN_IN_NEEDED },
    { 429, SG_ERROR_SERVICE_BUSY }, { 500, SG_ERROR_SERVICE_BUSY }, { 503, SG_ERROR_SERVICE_BUSY },
    { 400, SG_ERROR_REJECTED }, { 404, SG_ERROR_REJECTED }, { 422, SG_ERROR_REJECTED },
    { 200, SG_ERROR_REJECTED },   /* succeeded, but its answer could not be used */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    g_assert_cmpint (sg_http_failure_code (cases[c].status), ==, cases[c].code);
  g_assert_false (sg_http_busy (404));
  g_assert_false (sg_http_sign_in_refused (400));
}

static gboolean
read_limits (Fixture  *f,
             guint    *max,
             guint    *url,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sg_mastodon_read_limits_async (f->base, NULL, sg_test_result_cb, &result);
  return sg_mastodon_read_limits_finish (sg_test_wait_result (&result), max, url, error);
}

/* A server may allow more than 500 characters and count links differently: its
 * /api/v2/instance says so (issue 20 point 12). A server that does not say keeps 500 and 23. */
static void
test_instance_limits (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const SgPlatform *mastodon = sg_platform_lookup ("mastodon", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  guint max = 0, url = 0;

  f->instance_json = "{\"domain\":\"mastodon.example\",\"title\":\"Example\","
                     "\"configuration\":{\"urls\":{\"streaming\":\"wss://mastodon.example\"},"
                     "\"statuses\":{\"max_characters\":1000,\"max_media_attachments\":4,"
                     "\"characters_reserved_per_url\":25}}}";
  g_assert_true (read_limits (f, &max, &url, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (max, ==, 1000);
  g_assert_cmpuint (url, ==, 25);
  g_assert_null (f->instance_auth);   /* public: no token goes with it */

  /* Applied to the catalogue, every count and check follows it. */
  for (guint i = 0; i < 490; i++)
    g_string_append_c (text, 'a');
  for (guint i = 0; i < 10; i++)
    g_string_append (text, "\U0001F469\u200D\u2695\uFE0F");
  g_string_append (text, " https://example.org/a/long/path/to/a/page");
  sg_platform_set_limits ("mastodon", max, url);
  g_assert_cmpuint (mastodon->limit, ==, 1000);
  g_assert_cmpuint (sg_length_count (mastodon, text->str, -1), ==, 500 + 1 + 25);
  sg_platform_set_limits ("mastodon", 0, 0);
  g_assert_cmpuint (mastodon->limit, ==, 500);
  g_assert_cmpuint (sg_length_count (mastodon, text->str, -1), ==, 500 + 1 + 23);

  /* Before Mastodon 4.0 there is no v2: no limits, and the caller keeps the usual ones. */
  f->instance_json = NULL;
  g_assert_false (read_limits (f, &max, &url, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY);
  g_clear_error (&error);
  f->instance_json = "{\"configuration\":{}}";
  g_assert_false (read_limits (f, &max, &url, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sg/mastodon/posts-once-after-500", test_posts_once);
  ADD ("/sg/mastodon/sign-in-needed", test_sign_in_needed);
  ADD ("/sg/mastodon/rejected", test_rejected);
  ADD ("/sg/mastodon/rate-limited", test_rate_limited);
  ADD ("/sg/mastodon/busy", test_busy);
  ADD ("/sg/mastodon/rate-limit-reset", test_rate_limit_reset);
  ADD ("/sg/mastodon/late-retry", test_late_retry);
  ADD ("/sg/mastodon/late-retry-redirect", test_late_retry_redirect);
  ADD ("/sg/mastodon/dropped-connection", test_dropped);
  ADD ("/sg/mastodon/publisher-logs-and-retries", test_publisher);
  ADD ("/sg/mastodon/read-privacy", test_read_privacy);
  g_test_add_func ("/sg/http/outcome", test_http_outcome);
  ADD ("/sg/mastodon/media", test_media);
  ADD ("/sg/mastodon/stop-while-waiting", test_stop_while_waiting);
  ADD ("/sg/mastodon/media-refused", test_media_refused);
  ADD ("/sg/mastodon/instance-limits", test_instance_limits);
#undef ADD
  g_test_add_func ("/sg/mastodon/refuses-plain-http", test_bad_address);
  return g_test_run ();
}
