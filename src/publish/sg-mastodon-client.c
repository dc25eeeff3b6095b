/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Posting to Mastodon (POST /api/v1/statuses). The Idempotency-Key makes every retry, ours
 * or the user's, safe: the server keeps the first post made with a key and returns it again.
 * Messages name what happened and what is kept, never the text of the post. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sg-error.h"
#include "sg-http.h"
#include "sg-mastodon-client.h"
#include "sg-post-image.h"

#define MAX_ATTEMPTS 3
#define MEDIA_POLLS  30   /* a second apart: long enough for a large photo to be processed */

struct _SgMastodonClient
{
  GObject      parent_instance;

  char        *instance;   /* without a trailing slash */
  char        *token;
  SoupSession *session;
  guint        max_wait;
  GPtrArray   *images;     /* SgPostImage, uploaded before the next post */
  SgPostProgressFunc progress;
  gpointer     progress_data;
  char        *language;   /* ISO 639 code of the next post, or NULL: the account's default */
  gint64       first_attempt; /* Unix µs of the first attempt at the next post, or 0 */
};

G_DEFINE_FINAL_TYPE (SgMastodonClient, sg_mastodon_client, G_TYPE_OBJECT)

typedef struct {
  GBytes    *body;
  char      *key;
  guint      attempt;
  char      *text;
  char      *visibility;
  char      *language;
  GPtrArray *images;     /* SgPostImage */
  guint      next_image;
  GPtrArray *media_ids;  /* char*, as the server numbered the uploads */
  char      *media_id;   /* the upload being processed */
  guint      polls;
} PostData;

static void
post_data_free (PostData *d)
{
  g_clear_pointer (&d->body, g_bytes_unref);
  g_free (d->language);
  g_free (d->key);
  g_free (d->text);
  g_free (d->visibility);
  g_clear_pointer (&d->images, g_ptr_array_unref);
  g_clear_pointer (&d->media_ids, g_ptr_array_unref);
  g_free (d->media_id);
  g_free (d);
}

static void upload_next (GTask *task);

static void send_attempt (GTask *task);

/* Only https, so certificates are always checked; plain http only to this machine (tests). */
gboolean
sg_mastodon_check_instance (const char  *instance,
                            GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (instance, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 && host && *host)
    return TRUE;
  if (uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
      (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0))
    return TRUE;

  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
               _("“%s” is not a Mastodon server address. It looks like https://mastodon.social."),
               instance);
  return FALSE;
}

static char *
server_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  JsonNode *root;

  if (data == NULL || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "error", NULL));
}

/* When a 429's rate limit resets (X-RateLimit-Reset), or NULL. */
static GDateTime *
rate_limit_reset (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "X-RateLimit-Reset");

  return value != NULL ? g_date_time_new_from_iso8601 (value, NULL) : NULL;
}

/* Retry-After is seconds or an HTTP date; anything else means "soon". */
static guint
retry_after (SoupMessage *msg,
             guint        attempt)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  guint64 seconds;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return seconds;
  if (value != NULL)
    {
      g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (when != NULL)
        return MAX (0, g_date_time_difference (when, now) / G_TIME_SPAN_SECOND);
    }
  /* Mastodon itself says when its rate limit resets, as an ISO 8601 time, and sends no
   * Retry-After: waiting a second or two would only meet the same 429. (The header is on
   * every answer; only a 429 means the limit was reached.) */
  if (soup_message_get_status (msg) == 429)
    {
      g_autoptr(GDateTime) reset = rate_limit_reset (msg);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (reset != NULL)
        return MAX (0, (g_date_time_difference (reset, now) + G_TIME_SPAN_SECOND - 1) /
                       G_TIME_SPAN_SECOND);
    }
  return 1u << (attempt - 1);   /* 1 s, then 2 s */
}

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;

  /* send_attempt() takes over our reference; sent_cb() drops it. */
  if (g_task_return_error_if_cancelled (task))
    g_object_unref (task);
  else
    {
      SgMastodonClient *self = g_task_get_source_object (task);

      if (self->progress != NULL)
        self->progress (0, 0, self->progress_data);
      send_attempt (task);
    }
  return G_SOURCE_REMOVE;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  PostData *d = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              &error);
  g_autofree char *message = NULL;
  guint status;

  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SG_ERROR, SG_ERROR_NETWORK,
                                 _("The connection to %s failed (%s), so the post may not have "
                                   "been sent. Your text is kept, and posting again within the "
                                   "hour is safe: it will not appear twice (Mastodon remembers a "
                                   "post's key for an hour)."), self->instance, error->message);
      return;
    }

  status = soup_message_get_status (msg);
  message = server_message (body);

  if (status >= 200 && status < 300)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len;
      const char *data = g_bytes_get_data (body, &len);
      JsonNode *root;
      const char *url = NULL;

      if (data != NULL && json_parser_load_from_data (parser, data, len, NULL) &&
          JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
        url = json_object_get_string_member_with_default (json_node_get_object (root), "url", NULL);
      /* Posted, even if the answer is odd: report success, with the server as the link. */
      g_task_return_pointer (task, g_strdup (url ? url : self->instance), g_free);
      return;
    }

  if (sg_http_sign_in_refused (status))
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                               _("%s did not accept your sign-in. Sign in again; the post was "
                                 "not sent and your text is kept."), self->instance);
      return;
    }

  if (sg_http_busy (status))
    {
      guint wait = retry_after (msg, d->attempt);

      if (d->attempt < MAX_ATTEMPTS && wait <= self->max_wait)
        {
          g_autoptr(GSource) source = g_timeout_source_new_seconds (wait);

          /* Same body, same key: if the first attempt did land, this returns it again. Stop
           * ends the wait at once (retry_cb sees the cancellation). */
          if (g_task_get_cancellable (task) != NULL)
            {
              g_autoptr(GSource) stop = g_cancellable_source_new (g_task_get_cancellable (task));

              g_source_set_dummy_callback (stop);
              g_source_add_child_source (source, stop);
            }
          g_source_set_callback (source, retry_cb, g_object_ref (task), NULL);
          g_source_attach (source, g_task_get_context (task));
          /* A wait for the rate limit can be minutes: say until when, not just "Sending". */
          if (status == 429 && self->progress != NULL)
            {
              g_autoptr(GDateTime) reset = rate_limit_reset (msg);

              if (reset != NULL)
                self->progress ((guint) g_date_time_to_unix (reset), SG_POST_PROGRESS_WAITING,
                                self->progress_data);
            }
          return;
        }
      {
        g_autoptr(GDateTime) reset = status == 429 ? rate_limit_reset (msg) : NULL;
        g_autoptr(GDateTime) local = reset != NULL ? g_date_time_to_local (reset) : NULL;

        if (local != NULL)
          {
            g_autofree char *at = g_date_time_format (local, "%H:%M");

            g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                                     _("%s limits how often you can post and takes posts again "
                                       "at %s. The post was not sent; your text is kept, so post "
                                       "it again then."), self->instance, at);
            return;
          }
      }
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                               status == 429
                               ? _("%s is busy (HTTP %u), so the post was not sent. Your text is "
                                   "kept; try again in a few minutes.")
                               : _("%s is having trouble (HTTP %u), so the post may not have been "
                                   "sent. Your text is kept; posting again within the hour is "
                                   "safe: it will not appear twice."),
                               self->instance, status);
      return;
    }

  g_task_return_new_error (task, SG_ERROR, SG_ERROR_REJECTED,
                           _("%s refused the post: %s. Your text is kept."), self->instance,
                           message ? message : soup_status_get_phrase (status));
}

/* Takes a reference to @task, given up in sent_cb(). */
static void
send_attempt (GTask *task)
{
  SgMastodonClient *self = g_task_get_source_object (task);
  PostData *d = g_task_get_task_data (task);
  g_autofree char *url = g_strconcat (self->instance, "/api/v1/statuses", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  /* A redirect could carry the token to another host: never follow one. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  d->attempt++;
  soup_message_headers_replace (headers, "Authorization", auth);
  soup_message_headers_replace (headers, "Idempotency-Key", d->key);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_set_request_body_from_bytes (msg, "application/json", d->body);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), sent_cb, task);
}

/* Media: each picture is uploaded (POST /api/v2/media with its description), and waited for
 * while the server processes it (202, then GET /api/v1/media/:id until it has a URL). The
 * status then names them in media_ids. An upload is not a post: if anything fails before the
 * status is sent, nothing appears, and the server discards unused uploads by itself. */

static void
build_status_body (PostData *d)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  char *json;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, d->text);
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, d->visibility);
  if (d->language != NULL && *d->language != '\0')
    {
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, d->language);
    }
  if (d->media_ids->len > 0)
    {
      json_builder_set_member_name (builder, "media_ids");
      json_builder_begin_array (builder);
      for (guint i = 0; i < d->media_ids->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (d->media_ids, i));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);
  d->body = g_bytes_new_take (json, len);
}

/* The error for an answer that is not a success, or NULL to go on. */
static GError *
media_error (SgMastodonClient *self,
             guint             status,
             GBytes           *body,
             const char       *name)
{
  g_autofree char *message = server_message (body);

  if (status >= 200 && status < 300)
    return NULL;
  if (sg_http_sign_in_refused (status))
    return g_error_new (SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                        _("%s did not accept your sign-in for uploading photos. Sign in again; "
                          "the post was not sent and your text is kept."), self->instance);
  if (sg_http_busy (status))
    return g_error_new (SG_ERROR, SG_ERROR_SERVICE_BUSY,
                        _("%s is busy or having trouble (HTTP %u) and did not take the photo "
                          "“%s”, so the post was not sent. Your text is kept; try again in a "
                          "few minutes."), self->instance, status, name);
  return g_error_new (SG_ERROR, SG_ERROR_REJECTED,
                      _("%s refused the photo “%s”: %s. The post was not sent and your text is "
                        "kept."), self->instance, name,
                      message ? message : soup_status_get_phrase (status));
}

static const char *
current_name (PostData *d,
              char    **owned)
{
  SgPostImage *image = g_ptr_array_index (d->images, d->next_image - 1);

  *owned = g_path_get_basename (image->path);
  return *owned;
}

static void poll_media (GTask *task);

static void
media_answer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  PostData *d = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *name_owned = NULL;
  const char *name = current_name (d, &name_owned);
  JsonObject *o = NULL;
  const char *data;
  gsize len;
  guint status;

  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SG_ERROR, SG_ERROR_NETWORK,
                                 _("The connection to %s failed while sending the photo “%s” "
                                   "(%s). The post was not sent; your text is kept."),
                                 self->instance, name, error->message);
      return;
    }

  status = soup_message_get_status (msg);
  if ((error = media_error (self, status, body, name)) != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_bytes_get_data (body, &len);
  if (data != NULL && json_parser_load_from_data (parser, data, len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    o = json_node_get_object (json_parser_get_root (parser));
  if (o == NULL || json_object_get_member (o, "id") == NULL)
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                               _("%s gave an answer SocialGuard does not understand for the photo "
                                 "“%s”. The post was not sent; your text is kept."),
                               self->instance, name);
      return;
    }

  g_free (d->media_id);
  /* Ids are strings in Mastodon's API; be lenient with servers that send numbers. */
  if (json_node_get_value_type (json_object_get_member (o, "id")) == G_TYPE_STRING)
    d->media_id = g_strdup (json_object_get_string_member (o, "id"));
  else
    d->media_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (o, "id"));

  /* 202, or a null url: still being processed. */
  if (status == 202 || json_object_get_string_member_with_default (o, "url", NULL) == NULL)
    {
      if (++d->polls > MEDIA_POLLS)
        {
          g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                                   _("%s took too long to process the photo “%s”. The post was "
                                     "not sent; your text is kept. Try again in a few minutes."),
                                   self->instance, name);
          return;
        }
      poll_media (g_steal_pointer (&task));
      return;
    }

  g_ptr_array_add (d->media_ids, g_steal_pointer (&d->media_id));
  upload_next (g_steal_pointer (&task));
}

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  PostData *d = g_task_get_task_data (task);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/media/%s", self->instance, d->media_id);
  g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), media_answer_cb, task);
  return G_SOURCE_REMOVE;
}

/* Takes over the reference to @task. */
static void
poll_media (GTask *task)
{
  g_autoptr(GSource) source = g_timeout_source_new (1000);

  g_source_set_callback (source, poll_cb, task, NULL);
  g_source_attach (source, g_task_get_context (task));
}

static void
image_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  PostData *d = g_task_get_task_data (task);
  SgPostImage *image = g_ptr_array_index (d->images, d->next_image - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (image->path);
  g_autofree char *url = g_strconcat (self->instance, "/api/v2/media", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);
  g_autofree char *type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  GCancellable *cancellable;
  gsize len;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &len, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SG_ERROR, SG_ERROR_INVALID_INPUT,
                                 _("The photo “%s” could not be read (%s). Nothing was sent; "
                                   "attach it again."), name, error->message);
      return;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  type = sg_post_image_guess_type (image->path, bytes);

  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, "file", name, type, bytes);
  soup_multipart_append_form_string (multipart, "description", image->alt);
  msg = soup_message_new_from_multipart (url, multipart);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  d->polls = 0;
  cancellable = g_task_get_cancellable (task);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    media_answer_cb, g_steal_pointer (&task));
}

/* Takes over the reference to @task: uploads the next picture, or sends the post. */
static void
upload_next (GTask *task)
{
  PostData *d = g_task_get_task_data (task);
  SgMastodonClient *self = g_task_get_source_object (task);

  if (d->next_image < d->images->len)
    {
      SgPostImage *image = g_ptr_array_index (d->images, d->next_image++);
      g_autoptr(GFile) file = g_file_new_for_path (image->path);

      if (self->progress != NULL)
        self->progress (d->next_image, d->images->len, self->progress_data);
      g_file_load_contents_async (file, g_task_get_cancellable (task), image_loaded_cb, task);
      return;
    }
  if (self->progress != NULL)
    self->progress (0, 0, self->progress_data);
  build_status_body (d);
  send_attempt (task);
}

void
sg_mastodon_client_set_progress (SgMastodonClient   *self,
                                 SgPostProgressFunc  func,
                                 gpointer            user_data)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  self->progress = func;
  self->progress_data = user_data;
}

void
sg_mastodon_client_add_image (SgMastodonClient *self,
                              const char       *path,
                              const char       *alt)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));
  g_return_if_fail (path != NULL);

  g_ptr_array_add (self->images, sg_post_image_new (path, alt));
}

/* A retry later than the server keeps Idempotency-Keys (about an hour) would post twice if
 * the first attempt landed: look among the account's latest statuses for this text first. */
#define KEY_KEPT_SECONDS (55 * 60)

/* The text of a status's HTML content, for comparing with what was sent: tags dropped, the
 * entities Mastodon writes decoded, and all white space left out (paragraphs and line
 * breaks become tags). */
static char *
content_as_text (const char *html)
{
  GString *out = g_string_new (NULL);
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
  };

  for (const char *p = html; p != NULL && *p != '\0'; p++)
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          if (end == NULL)
            break;
          p = end;
          continue;
        }
      if (*p == '&')
        {
          gboolean done = FALSE;

          for (guint e = 0; e < G_N_ELEMENTS (entities) && !done; e++)
            if (g_str_has_prefix (p, entities[e].entity))
              {
                g_string_append_c (out, entities[e].c);
                p += strlen (entities[e].entity) - 1;
                done = TRUE;
              }
          if (done)
            continue;
        }
      if (!g_ascii_isspace (*p))
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
without_space (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static SoupMessage *
authorised_get (SgMastodonClient *self,
                const char       *path)
{
  g_autofree char *url = g_strconcat (self->instance, path, NULL);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", self->token);
  SoupMessage *msg = soup_message_new (SOUP_METHOD_GET, url);

  if (msg != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  return msg;
}

/* Parses a 200 answer's JSON, or fails the post: without knowing, posting could duplicate. */
static JsonNode *
lookup_answer (GTask        *task,
               GObject      *session,
               GAsyncResult *result)
{
  SgMastodonClient *self = g_task_get_source_object (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (session), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (session), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize len;

  if (body == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }
  data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  if (body == NULL || soup_message_get_status (msg) != 200 || data == NULL ||
      !json_parser_load_from_data (parser, data, len, NULL))
    {
      g_task_return_new_error (task, SG_ERROR, sg_http_failure_code (msg ? soup_message_get_status (msg) : 0),
                               _("The first try at this post was over an hour ago, and %s could "
                                 "not be asked whether it arrived, so nothing was sent (it could "
                                 "appear twice). Look at your profile; if it is not there, post "
                                 "again."), self->instance);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static void
statuses_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostData *d = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = lookup_answer (task, object, result);
  g_autofree char *sent = NULL;
  JsonArray *statuses;

  if (root == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      upload_next (g_steal_pointer (&task));
      return;
    }
  sent = without_space (d->text);
  statuses = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (statuses); i++)
    {
      JsonNode *node = json_array_get_element (statuses, i);
      JsonObject *status = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *content = status ? json_object_get_string_member_with_default (status, "content", NULL) : NULL;
      const char *url = status ? json_object_get_string_member_with_default (status, "url", NULL) : NULL;
      g_autofree char *seen = content_as_text (content);

      /* It arrived the first time: say where, and post nothing. */
      if (url != NULL && *sent != '\0' && g_str_equal (seen, sent))
        {
          g_task_return_pointer (task, g_strdup (url), g_free);
          return;
        }
    }
  upload_next (g_steal_pointer (&task));
}

static void
account_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = sg_mastodon_client_read_account_finish (self, result, &error);
  const char *id;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  GCancellable *cancellable;

  /* Not knowing whether the first try arrived, posting could duplicate it: stop here. */
  if (account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  id = json_object_get_string_member_with_default (account, "id", NULL);
  if (id == NULL)
    {
      upload_next (g_steal_pointer (&task));
      return;
    }
  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_strdup_printf ("/api/v1/accounts/%s/statuses?limit=40", escaped);
  msg = authorised_get (self, path);
  cancellable = g_task_get_cancellable (task);   /* before the task is handed on */
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    statuses_listed_cb, g_steal_pointer (&task));
}

void
sg_mastodon_client_post_async (SgMastodonClient    *self,
                               const char          *text,
                               const char          *visibility,
                               const char          *idempotency_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PostData *d;

  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));
  g_return_if_fail (text != NULL && idempotency_key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_mastodon_client_post_async);

  if (!sg_mastodon_check_instance (self->instance, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  d = g_new0 (PostData, 1);
  d->text = g_strdup (text);
  d->visibility = g_strdup (visibility ? visibility : "public");
  d->language = g_strdup (self->language);
  d->key = g_strdup (idempotency_key);
  d->images = g_steal_pointer (&self->images);
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_post_image_free);
  d->media_ids = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, d, (GDestroyNotify) post_data_free);

  if (self->first_attempt > 0 &&
      g_get_real_time () - self->first_attempt > (gint64) KEY_KEPT_SECONDS * G_USEC_PER_SEC)
    {
      /* The account's id first, read as the privacy review reads it. */
      sg_mastodon_client_read_account_async (self, cancellable, account_read_cb,
                                             g_steal_pointer (&task));
      return;
    }
  upload_next (g_steal_pointer (&task));
}

char *
sg_mastodon_client_post_finish (SgMastodonClient  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reading privacy settings */

static void
credentials_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status;
  gsize len;
  const char *data;

  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SG_ERROR, SG_ERROR_NETWORK,
                                 _("Could not reach %s (%s). Nothing was changed."),
                                 self->instance, error->message);
      return;
    }

  status = soup_message_get_status (msg);
  if (sg_http_sign_in_refused (status))
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                               _("%s did not accept your sign-in. Sign in again under "
                                 "Preferences → Posting (the token needs the read:accounts "
                                 "scope too)."), self->instance);
      return;
    }
  data = g_bytes_get_data (body, &len);
  if (status != 200 || data == NULL || !json_parser_load_from_data (parser, data, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                               _("%s did not give your settings (HTTP %u). Try again later."),
                               self->instance, status);
      return;
    }
  g_task_return_pointer (task, json_object_ref (json_node_get_object (json_parser_get_root (parser))),
                         (GDestroyNotify) json_object_unref);
}

/* Deleting a past post */

/* "14:32", or "14:32 on 7 December" when not today: when to try a delete again. */
static char *
retry_time (guint seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_seconds (now, MAX (seconds, 60u));

  if (g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  return g_date_time_format (when, _("%H:%M on %-d %B"));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autofree char *message = NULL;
  guint status;

  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SG_ERROR, SG_ERROR_NETWORK,
                                 _("Could not reach %s (%s). The post is still online; try "
                                   "again when you are connected."),
                                 self->instance, error->message);
      return;
    }

  status = soup_message_get_status (msg);
  if (status == 200)
    {
      g_task_return_int (task, FALSE);
      return;
    }
  /* Gone already (deleted on the website, or by a moderator): what the doctor wanted. */
  if (status == 404)
    {
      g_task_return_int (task, TRUE);
      return;
    }
  if (sg_http_sign_in_refused (status))
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                               _("%s did not accept your sign-in, so the post is still online. "
                                 "Sign in again under Preferences → Posting, then try again."),
                               self->instance);
      return;
    }
  if (status == 429)
    {
      g_autofree char *when = retry_time (retry_after (msg, 1));

      /* Mastodon allows about 30 deletes in half an hour. */
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                               _("%s allows only so many deletes at a time. The post is still "
                                 "online; try again after %s."), self->instance, when);
      return;
    }
  message = server_message (body);
  if (status >= 500)
    g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                             _("%s is having trouble (HTTP %u), so the post is still online. "
                               "Try again in a few minutes."), self->instance, status);
  else
    g_task_return_new_error (task, SG_ERROR, SG_ERROR_REJECTED,
                             _("%s refused to delete the post (%s). It is still online."),
                             self->instance,
                             message ? message : soup_status_get_phrase (status));
}

void
sg_mastodon_client_delete_async (SgMastodonClient    *self,
                                 const char          *status_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;

  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));
  g_return_if_fail (status_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_mastodon_client_delete_async);
  if (!sg_mastodon_check_instance (self->instance, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (*status_id == '\0')
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_INVALID_INPUT,
                               _("The archive did not say which post this is, so it cannot be "
                                 "deleted from here."));
      return;
    }

  escaped = g_uri_escape_string (status_id, NULL, FALSE);
  url = g_strconcat (self->instance, "/api/v1/statuses/", escaped, NULL);
  auth = g_strconcat ("Bearer ", self->token, NULL);
  msg = soup_message_new (SOUP_METHOD_DELETE, url);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    deleted_cb, g_steal_pointer (&task));
}

gboolean
sg_mastodon_client_delete_finish (SgMastodonClient  *self,
                                  GAsyncResult      *result,
                                  gboolean          *already_gone,
                                  GError           **error)
{
  gssize gone;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  gone = g_task_propagate_int (G_TASK (result), error);
  if (gone < 0)
    return FALSE;
  if (already_gone != NULL)
    *already_gone = gone > 0;
  return TRUE;
}

void
sg_mastodon_client_read_account_async (SgMastodonClient    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;

  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_mastodon_client_read_account_async);
  if (!sg_mastodon_check_instance (self->instance, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  url = g_strconcat (self->instance, "/api/v1/accounts/verify_credentials", NULL);
  auth = g_strconcat ("Bearer ", self->token, NULL);
  msg = soup_message_new (SOUP_METHOD_GET, url);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    credentials_cb, g_steal_pointer (&task));
}

JsonObject *
sg_mastodon_client_read_account_finish (SgMastodonClient  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The server's limits */

static void
instance_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *configuration, *statuses;
  gint64 max, url;
  const char *data;
  gsize len;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_bytes_get_data (body, &len);
  root = soup_message_get_status (msg) == 200 && data != NULL &&
         json_parser_load_from_data (parser, data, len, NULL) &&
         JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  configuration = root != NULL && json_object_has_member (root, "configuration") &&
                  JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "configuration"))
                  ? json_object_get_object_member (root, "configuration") : NULL;
  statuses = configuration != NULL && json_object_has_member (configuration, "statuses") &&
             JSON_NODE_HOLDS_OBJECT (json_object_get_member (configuration, "statuses"))
             ? json_object_get_object_member (configuration, "statuses") : NULL;
  max = statuses ? json_object_get_int_member_with_default (statuses, "max_characters", 0) : 0;
  url = statuses ? json_object_get_int_member_with_default (statuses, "characters_reserved_per_url",
                                                            0) : 0;
  /* Older servers (before 4.0) have no v2 and say nothing: keep the usual limits. */
  if (max <= 0 || max > 1000000 || url < 0 || url > 1000)
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                               _("The server did not say how long posts may be (HTTP %u)."),
                               soup_message_get_status (msg));
      return;
    }
  {
    guint *limits = g_new (guint, 2);

    limits[0] = max;
    limits[1] = url;
    g_task_return_pointer (task, limits, g_free);
  }
}

void
sg_mastodon_read_limits_async (const char          *instance,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (instance != NULL);

  g_task_set_source_tag (task, sg_mastodon_read_limits_async);
  if (!sg_mastodon_check_instance (instance, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  trimmed = g_strdup (instance);
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  url = g_strconcat (trimmed, "/api/v2/instance", NULL);
  /* Public: no token is sent, so nothing of the account travels with it. */
  session = soup_session_new_with_options ("timeout", 30, "user-agent",
                                           "SocialGuard/" PACKAGE_VERSION, NULL);
  msg = soup_message_new (SOUP_METHOD_GET, url);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_session_send_and_read_async (session, msg, G_PRIORITY_LOW, cancellable, instance_read_cb,
                                    g_steal_pointer (&task));
}

gboolean
sg_mastodon_read_limits_finish (GAsyncResult  *result,
                                guint         *max_characters,
                                guint         *url_characters,
                                GError       **error)
{
  g_autofree guint *limits = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  limits = g_task_propagate_pointer (G_TASK (result), error);
  if (limits == NULL)
    return FALSE;
  if (max_characters != NULL)
    *max_characters = limits[0];
  if (url_characters != NULL)
    *url_characters = limits[1];
  return TRUE;
}

void
sg_mastodon_client_set_max_wait (SgMastodonClient *self,
                                 guint             seconds)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  self->max_wait = seconds;
}

SgMastodonClient *
sg_mastodon_client_new (const char *instance,
                        const char *token)
{
  SgMastodonClient *self = g_object_new (SG_TYPE_MASTODON_CLIENT, NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (instance));
  gsize len = strlen (trimmed);

  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  self->instance = g_steal_pointer (&trimmed);
  self->token = g_strdup (token);
  return self;
}

static void
sg_mastodon_client_finalize (GObject *object)
{
  SgMastodonClient *self = SG_MASTODON_CLIENT (object);

  g_free (self->language);
  g_clear_object (&self->session);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_free (self->instance);
  /* The token is a secret: do not leave it in freed memory. */
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (sg_mastodon_client_parent_class)->finalize (object);
}

static void
sg_mastodon_client_class_init (SgMastodonClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_mastodon_client_finalize;
}

static void
sg_mastodon_client_init (SgMastodonClient *self)
{
  /* No proxy resolver surprises and a bounded wait: a post either lands or fails clearly. */
  self->session = soup_session_new_with_options ("timeout", 30, "idle-timeout", 30,
                                                 "user-agent", "SocialGuard/" PACKAGE_VERSION,
                                                 NULL);
  /* Mastodon's posting limit resets every few minutes; a wait of up to two is worth it when
   * the progress dialog says until when. */
  self->max_wait = 120;
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_post_image_free);
}

void
sg_mastodon_client_set_language (SgMastodonClient *self,
                                 const char       *language)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  g_free (self->language);
  self->language = g_strdup (language);
}

void
sg_mastodon_client_set_first_attempt (SgMastodonClient *self,
                                      gint64            unix_usec)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  self->first_attempt = unix_usec;
}
