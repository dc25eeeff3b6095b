/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Posting to Bluesky over XRPC. The whole exchange (session, mentions, record) is short and
 * strictly sequential, so it runs as blocking calls in a worker thread with a session of its
 * own; the caller sees one async, cancellable operation. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-bluesky-client-private.h"
#include "sg-bluesky-facets.h"
#include "sg-error.h"
#include "sg-http.h"
#include "sg-length.h"
#include "sg-platform.h"
#include "sg-post-image.h"
#include "sg-soup.h"

/* app.bsky.feed.post: text maxLength (bytes of UTF-8). */
#define BLUESKY_MAX_TEXT_BYTES 3000u
#define MAX_ATTEMPTS 3
#define MAX_GRAPHEMES 300
/* app.bsky.embed.images: "may be up to 2 MB, formerly limited to 1 MB" per picture. The
 * server answers a larger blob with BlobTooLarge; saying so first costs no upload. */
#define MAX_BLOB_BYTES 2000000

typedef struct {
  char      *text;
  char      *key;
  GPtrArray *images;   /* SgPostImage */
  gint64     first_attempt;
  gboolean   retry;
  GMainContext *context;   /* the caller's, for progress */
  SgPostProgressFunc progress;
  gpointer   progress_data;
  char      *language;
} PostData;


/* Signing in or renewing failed while posting: a lost connection is said in posting's terms
 * (the sign-in calls leave it as it is, since listing and deleting say it their own way). */
static void
session_failed (SgBlueskyClient  *self,
                GError          **error)
{
  if (error != NULL && *error != NULL)
    sg_bluesky_client_network_error (self, error);
}

static void
post_data_free (PostData *d)
{
  g_free (d->language);
  g_free (d->text);
  g_free (d->key);
  g_clear_pointer (&d->images, g_ptr_array_unref);
  g_clear_pointer (&d->context, g_main_context_unref);
  g_free (d);
}

/* Sleeps @seconds unless cancelled. */
static gboolean
wait_for (guint          seconds,
          GCancellable  *cancellable,
          GError       **error)
{
  for (guint i = 0; i < seconds * 10; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (100 * 1000);
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static JsonNode *
build_record (const char *text,
              const char *language,
              GPtrArray  *facets,
              GHashTable *dids,
              GPtrArray  *images,
              GPtrArray  *blobs)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "$type");
  json_builder_add_string_value (b, "app.bsky.feed.post");
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "createdAt");
  json_builder_add_string_value (b, created);
  /* The language the user writes in (Preferences), so a Welsh post is not labelled English;
   * none is claimed when none is set. */
  if (language != NULL && *language != '\0')
    {
      json_builder_set_member_name (b, "langs");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, language);
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "facets");
  json_builder_begin_array (b);
  for (guint i = 0; i < facets->len; i++)
    {
      SgFacet *f = g_ptr_array_index (facets, i);
      const char *did = f->kind == SG_FACET_MENTION ? g_hash_table_lookup (dids, f->value) : NULL;

      /* A handle that does not resolve stays plain text rather than a broken mention. */
      if (f->kind == SG_FACET_MENTION && did == NULL)
        continue;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "index");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "byteStart");
      json_builder_add_int_value (b, f->byte_start);
      json_builder_set_member_name (b, "byteEnd");
      json_builder_add_int_value (b, f->byte_end);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "features");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "$type");
      switch (f->kind)
        {
        case SG_FACET_LINK:
          json_builder_add_string_value (b, "app.bsky.richtext.facet#link");
          json_builder_set_member_name (b, "uri");
          json_builder_add_string_value (b, f->value);
          break;
        case SG_FACET_MENTION:
          json_builder_add_string_value (b, "app.bsky.richtext.facet#mention");
          json_builder_set_member_name (b, "did");
          json_builder_add_string_value (b, did);
          break;
        case SG_FACET_TAG:
        default:
          json_builder_add_string_value (b, "app.bsky.richtext.facet#tag");
          json_builder_set_member_name (b, "tag");
          json_builder_add_string_value (b, f->value);
          break;
        }
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (blobs->len > 0)
    {
      json_builder_set_member_name (b, "embed");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "$type");
      json_builder_add_string_value (b, "app.bsky.embed.images");
      json_builder_set_member_name (b, "images");
      json_builder_begin_array (b);
      for (guint i = 0; i < blobs->len; i++)
        {
          SgPostImage *image = g_ptr_array_index (images, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "alt");
          json_builder_add_string_value (b, image->alt);
          json_builder_set_member_name (b, "image");
          json_builder_add_value (b, json_node_copy (g_ptr_array_index (blobs, i)));
          /* Without it the app shows the picture in a square until it has loaded it. */
          if (image->width > 0 && image->height > 0)
            {
              json_builder_set_member_name (b, "aspectRatio");
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "width");
              json_builder_add_int_value (b, image->width);
              json_builder_set_member_name (b, "height");
              json_builder_add_int_value (b, image->height);
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

typedef struct {
  SgPostProgressFunc func;
  gpointer           data;
  guint              current;
  guint              total;
} Progress;

static gboolean
progress_cb (gpointer user_data)
{
  Progress *p = user_data;

  p->func (p->current, p->total, p->data);
  return G_SOURCE_REMOVE;
}

/* From the worker thread to the caller's main context, in order. */
static void
report (PostData *d,
        guint     current,
        guint     total)
{
  Progress *p;

  if (d->progress == NULL)
    return;
  p = g_new (Progress, 1);
  *p = (Progress) { d->progress, d->progress_data, current, total };
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT, progress_cb, p, g_free);
}

/* Uploads each picture (com.atproto.repo.uploadBlob); @blobs gets the blob references the
 * record embeds. Blobs are stored by content, so uploading again on a retry is harmless. */
static gboolean
upload_images (SgBlueskyClient  *self,
               SoupSession      *session,
               char            **token,
               char            **refresh,
               PostData         *d,
               GPtrArray        *blobs,
               GCancellable     *cancellable,
               GError          **error)
{
  GPtrArray *images = d->images;
  g_autofree char *url = g_strconcat (self->service, "/xrpc/com.atproto.repo.uploadBlob", NULL);
  gboolean renewed = FALSE;

  for (guint i = 0; i < images->len; i++)
    {
      SgPostImage *image = g_ptr_array_index (images, i);
      g_autofree char *name = g_path_get_basename (image->path);
      g_autofree char *contents = NULL;
      g_autofree char *type = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local = NULL;
      g_auto(Answer) answer = { 0, };
      JsonNode *blob;
      gsize len;

      report (d, i + 1, images->len);
      if (!g_file_get_contents (image->path, &contents, &len, &local))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                       _("The photo “%s” could not be read (%s). Nothing was sent; attach it "
                         "again."), name, local->message);
          return FALSE;
        }
      if (len > MAX_BLOB_BYTES)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_REJECTED,
                       _("The photo “%s” is %.1f MB and Bluesky takes at most %.0f MB per photo. "
                         "Use its clean copy, which is made smaller. Nothing was sent."),
                       name, len / 1e6, MAX_BLOB_BYTES / 1e6);
          return FALSE;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      type = sg_post_image_guess_type (image->path, bytes);
      sg_post_image_read_size (bytes, &image->width, &image->height);
      if (!sg_bluesky_client_xrpc_full (session, "POST", url, *token, NULL, bytes, type,
                                        &answer, cancellable, error))
        return sg_bluesky_client_network_error (self, error), FALSE;
      /* Several large photos can outlast the access token: renew it once and send this
       * photo again (blobs are stored by content, so a second upload is harmless). */
      if (!renewed && answer_expired (&answer))
        {
          renewed = TRUE;
          if (!sg_bluesky_client_renew_session (self, session, token, refresh, cancellable, error))
            return session_failed (self, error), FALSE;
          i--;
          continue;
        }
      if (sg_http_sign_in_refused (answer.status))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                       _("Bluesky ended the session. Sign in again; the post was not sent and "
                         "your text is kept."));
          return FALSE;
        }
      blob = answer.object ? json_object_get_member (answer.object, "blob") : NULL;
      if (answer.status != 200 || blob == NULL || !JSON_NODE_HOLDS_OBJECT (blob))
        {
          g_set_error (error, SG_ERROR, sg_http_failure_code (answer.status),
                       _("Bluesky did not take the photo “%s” (HTTP %u: %s). The post was not "
                         "sent and your text is kept."), name, answer.status,
                       answer_reason (&answer));
          return FALSE;
        }
      g_ptr_array_add (blobs, json_node_copy (blob));
    }
  return TRUE;
}

/* Whether the post with record key @rkey is in the account's repository
 * (com.atproto.repo.getRecord): an earlier attempt landed after all. FALSE, with @error, when
 * the server could not be asked. */
static gboolean
record_landed (SgBlueskyClient  *self,
               SoupSession      *session,
               const char       *token,
               const char       *did,
               const char       *rkey,
               gboolean         *landed,
               GCancellable     *cancellable,
               GError          **error)
{
  g_auto(Answer) answer = { 0, };
  g_autofree char *escaped = g_uri_escape_string (did, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/xrpc/com.atproto.repo.getRecord?repo=%s"
                                          "&collection=app.bsky.feed.post&rkey=%s",
                                          self->service, escaped, rkey);

  if (!sg_bluesky_client_xrpc (session, "GET", url, token, NULL, &answer, cancellable,
                               error))
    return sg_bluesky_client_network_error (self, error);
  *landed = answer.status == 200;
  return TRUE;
}

static char *
post_sync (SgBlueskyClient  *self,
           PostData         *d,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(SoupSession) session = sg_http_session_new ();
  g_auto(Answer) answer = { 0, };
  g_autoptr(GPtrArray) facets = NULL;
  g_autoptr(GHashTable) dids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *did = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *rkey = sg_bluesky_record_key (d->first_attempt ? d->first_attempt : g_get_real_time (),
                                                 d->key);
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  const SgPlatform *platform = sg_platform_lookup ("bluesky", NULL);

  if (platform != NULL && sg_length_count (platform, d->text, -1) > MAX_GRAPHEMES)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_REJECTED,
                   _("Bluesky posts can be at most %u characters, and this one is longer with its "
                     "declaration. Shorten it, or use a link to your declarations page."),
                   MAX_GRAPHEMES);
      return NULL;
    }

  if (!sg_bluesky_client_create_session (self, session, &token, &did, &handle, &refresh,
                                         cancellable, error))
    return session_failed (self, error), NULL;

  /* Mentions need the DID behind each handle. */
  facets = sg_bluesky_find_facets (d->text);
  for (guint i = 0; i < facets->len; i++)
    {
      SgFacet *f = g_ptr_array_index (facets, i);
      g_autofree char *escaped = NULL;

      if (f->kind != SG_FACET_MENTION || g_hash_table_contains (dids, f->value))
        continue;
      escaped = g_uri_escape_string (f->value, NULL, FALSE);
      g_free (url);
      url = g_strconcat (self->service, "/xrpc/com.atproto.identity.resolveHandle?handle=",
                         escaped, NULL);
      if (!sg_bluesky_client_xrpc (session, "GET", url, token, NULL, &answer, cancellable,
                                   error))
        return sg_bluesky_client_network_error (self, error), NULL;
      if (answer.status == 200 && answer_member (&answer, "did") != NULL)
        g_hash_table_insert (dids, g_strdup (f->value), g_strdup (answer_member (&answer, "did")));
    }

  /* The user is posting again after a failure or a stop: if the earlier attempt landed
   * after all, that is the post. */
  if (d->retry)
    {
      gboolean landed;

      if (!record_landed (self, session, token, did, rkey, &landed, cancellable, error))
        return NULL;
      if (landed)
        return g_strdup_printf ("https://bsky.app/profile/%s/post/%s", handle, rkey);
    }

  if (!upload_images (self, session, &token, &refresh, d, blobs, cancellable, error))
    return NULL;
  report (d, 0, 0);

  /* The record, with our own key: a retry first asks whether the last attempt landed. */
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) body = NULL;

    record = build_record (d->text, d->language, facets, dids, d->images, blobs);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "repo");
    json_builder_add_string_value (b, did);
    json_builder_set_member_name (b, "collection");
    json_builder_add_string_value (b, "app.bsky.feed.post");
    json_builder_set_member_name (b, "rkey");
    json_builder_add_string_value (b, rkey);
    json_builder_set_member_name (b, "record");
    json_builder_add_value (b, json_node_copy (record));
    json_builder_end_object (b);
    body = json_builder_get_root (b);

    gboolean refreshed = FALSE;

    for (guint attempt = 1; ; attempt++)
      {
        g_free (url);
        url = g_strconcat (self->service, "/xrpc/com.atproto.repo.createRecord", NULL);
        if (!sg_bluesky_client_xrpc (session, "POST", url, token, body, &answer,
                                     cancellable, error))
          return sg_bluesky_client_network_error (self, error), NULL;
        if (answer.status == 200)
          break;
        /* The session's access token ran out (photos can take minutes): renew it with the
         * refresh token (com.atproto.server.refreshSession), or failing that sign in again
         * with the app password we hold, and send the same record once more, rather than
         * report a refusal. The record key is ours, so it cannot land twice. */
        if (!refreshed && answer_expired (&answer))
          {
            refreshed = TRUE;
            if (!sg_bluesky_client_renew_session (self, session, &token, &refresh, cancellable,
                                                  error))
              return session_failed (self, error), NULL;
            attempt--;
            continue;
          }
        if (sg_http_sign_in_refused (answer.status))
          {
            g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                         _("Bluesky ended the session. Sign in again; the post was not sent and "
                           "your text is kept."));
            return NULL;
          }
        if (sg_http_busy (answer.status))
          {
            guint wait = answer.retry_after ? answer.retry_after : 1u << (attempt - 1);
            gboolean landed;

            if (attempt >= MAX_ATTEMPTS || wait > self->max_wait)
              {
                g_set_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                             _("Bluesky is busy or having trouble (HTTP %u), so the post may not "
                               "have been sent. Your text is kept; try again in a few minutes: "
                               "it will not appear twice."),
                             answer.status);
                return NULL;
              }
            if (!wait_for (wait, cancellable, error))
              return NULL;
            /* Did it land although the answer was an error? Then it is done. */
            if (!record_landed (self, session, token, did, rkey, &landed, cancellable, error))
              return NULL;
            if (landed)
              break;
            continue;
          }
        g_set_error (error, SG_ERROR, SG_ERROR_REJECTED, _("Bluesky refused the post: %s. Your text is kept."),
                     answer_reason (&answer));
        return NULL;
      }
  }

  return g_strdup_printf ("https://bsky.app/profile/%s/post/%s", handle, rkey);
}

static void
post_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *url = post_sync (source_object, task_data, cancellable, &error);

  if (url == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, url, g_free);
}

void
sg_bluesky_client_post_async (SgBlueskyClient     *self,
                              const char          *text,
                              const char          *idempotency_key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PostData *d;

  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));
  g_return_if_fail (text != NULL && idempotency_key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_bluesky_client_post_async);

  {
    GError *error = NULL;

    if (!sg_bluesky_client_check_service (self, &error))
      {
        g_task_return_error (task, error);
        return;
      }
  }

  /* A post record holds at most 3000 bytes of text besides its 300 graphemes: many emoji or
   * accented letters can pass the visible count and still be refused with a raw lexicon
   * error. Say it plainly before anything is sent. */
  if (strlen (text) > BLUESKY_MAX_TEXT_BYTES)
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_REJECTED,
                               _("This post is too long for Bluesky once its emoji and accented "
                                 "letters are counted the way Bluesky stores them (%zu of %u "
                                 "bytes). Shorten it; nothing was sent and your text is kept."),
                               strlen (text), BLUESKY_MAX_TEXT_BYTES);
      return;
    }

  d = g_new0 (PostData, 1);
  d->text = g_strdup (text);
  d->key = g_strdup (idempotency_key);
  d->images = g_steal_pointer (&self->images);
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_post_image_free);
  d->first_attempt = self->first_attempt;
  d->retry = self->retry;
  d->context = g_main_context_ref_thread_default ();
  d->progress = self->progress;
  d->progress_data = self->progress_data;
  d->language = g_strdup (self->language);
  g_task_set_task_data (task, d, (GDestroyNotify) post_data_free);
  g_task_run_in_thread (task, post_thread);
}

char *
sg_bluesky_client_post_finish (SgBlueskyClient  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
