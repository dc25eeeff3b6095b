/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Posting to Mastodon (POST /api/v1/statuses). The Idempotency-Key makes every retry, ours
 * or the user's, safe: the server keeps the first post made with a key and returns it again.
 * Messages name what happened and what is kept, never the text of the post. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-http.h"
#include "sg-mastodon-client-private.h"
#include "sg-post-image.h"
#include "sg-soup.h"

#define MAX_ATTEMPTS 3

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

/* When a 429's rate limit resets (X-RateLimit-Reset), or NULL. */
static GDateTime *
rate_limit_reset (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "X-RateLimit-Reset");

  return value != NULL ? g_date_time_new_from_iso8601 (value, NULL) : NULL;
}

/* Retry-After is seconds or an HTTP date; anything else means "soon". */
guint
sg_mastodon_client_retry_after (SoupMessage *msg,
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
      sg_mastodon_client_send_attempt (task);
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
  g_autofree char *why = NULL;
  SoupMessage *msg;
  g_autoptr(GBytes) body = sg_mastodon_client_read_answer (task, object, result, &msg, &why);
  g_autofree char *message = NULL;
  guint status;

  if (body == NULL)
    {
      if (why != NULL)
        g_task_return_new_error (task, SG_ERROR, SG_ERROR_NETWORK,
                                 _("The connection to %s failed (%s), so the post may not have "
                                   "been sent. Your text is kept, and posting again within the "
                                   "hour is safe: it will not appear twice (Mastodon remembers a "
                                   "post's key for an hour)."), self->instance, why);
      return;
    }

  status = soup_message_get_status (msg);
  message = sg_mastodon_client_server_message (body);

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
      guint wait = sg_mastodon_client_retry_after (msg, d->attempt);

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
void
sg_mastodon_client_send_attempt (GTask *task)
{
  SgMastodonClient *self = g_task_get_source_object (task);
  PostData *d = g_task_get_task_data (task);
  g_autofree char *url = g_strconcat (self->instance, "/api/v1/statuses", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);

  /* A redirect could carry the token to another host: never follow one. */
  sg_http_prepare (msg, self->token, TRUE);
  d->attempt++;
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                d->key);
  soup_message_set_request_body_from_bytes (msg, "application/json", d->body);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), sent_cb, task);
}

void
sg_mastodon_client_build_status_body (PostData *d)
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
  SoupMessage *msg = soup_message_new ("GET", url);

  /* Like every other call carrying the token: a redirect is refused, not followed, so the
   * token never reaches another host. */
  return msg != NULL ? sg_http_prepare (msg, self->token, TRUE) : NULL;
}

/* Parses a 200 answer's JSON, or fails the post: without knowing, posting could duplicate. */
static JsonNode *
lookup_answer (GTask        *task,
               GObject      *session,
               GAsyncResult *result)
{
  SgMastodonClient *self = g_task_get_source_object (task);
  SoupMessage *msg = soup_session_get_async_result_message ((SoupSession *) session, result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish ((SoupSession *) session, result, &error);
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
      sg_mastodon_client_upload_next (g_steal_pointer (&task));
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
  sg_mastodon_client_upload_next (g_steal_pointer (&task));
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
      sg_mastodon_client_upload_next (g_steal_pointer (&task));
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
  sg_mastodon_client_upload_next (g_steal_pointer (&task));
}

char *
sg_mastodon_client_post_finish (SgMastodonClient  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
