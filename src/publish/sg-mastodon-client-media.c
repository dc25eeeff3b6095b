/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Media: each picture is uploaded (POST /api/v2/media with its description), and waited for
 * while the server processes it (202, then GET /api/v1/media/:id until it has a URL). The
 * status then names them in media_ids. An upload is not a post: if anything fails before the
 * status is sent, nothing appears, and the server discards unused uploads by itself. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-http.h"
#include "sg-mastodon-client-private.h"
#include "sg-post-image.h"
#include "sg-soup.h"

#define MEDIA_POLLS  30   /* a second apart: long enough for a large photo to be processed */

/* The error for an answer that is not a success, or NULL to go on. */
static GError *
media_error (SgMastodonClient *self,
             guint             status,
             GBytes           *body,
             const char       *name)
{
  g_autofree char *message = sg_mastodon_client_server_message (body);

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
  g_autofree char *why = NULL;
  SoupMessage *msg;
  g_autoptr(GBytes) body = sg_mastodon_client_read_answer (task, object, result, &msg, &why);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *name_owned = NULL;
  const char *name = current_name (d, &name_owned);
  JsonObject *o = NULL;
  const char *data;
  gsize len;
  guint status;

  if (body == NULL)
    {
      if (why != NULL)
        g_task_return_new_error (task, SG_ERROR, SG_ERROR_NETWORK,
                                 _("The connection to %s failed while sending the photo “%s” "
                                   "(%s). The post was not sent; your text is kept."),
                                 self->instance, name, why);
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
  sg_mastodon_client_upload_next (g_steal_pointer (&task));
}

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  PostData *d = g_task_get_task_data (task);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/media/%s", self->instance, d->media_id);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  sg_http_prepare (msg, self->token, TRUE);
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
  g_autofree char *type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMultipart *multipart;
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
  msg = sg_http_prepare (soup_message_new_from_multipart (url, multipart), self->token, TRUE);
  /* Freed by hand: g_autoptr's cleanup would call libsoup's own symbol (sg-soup.h). */
  soup_multipart_free (multipart);
  d->polls = 0;
  cancellable = g_task_get_cancellable (task);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    media_answer_cb, g_steal_pointer (&task));
}

/* Takes over the reference to @task: uploads the next picture, or sends the post. */
void
sg_mastodon_client_upload_next (GTask *task)
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
  sg_mastodon_client_build_status_body (d);
  sg_mastodon_client_send_attempt (task);
}
