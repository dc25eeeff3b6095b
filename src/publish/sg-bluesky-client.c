/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Posting to Bluesky over XRPC. The whole exchange (session, mentions, record) is short and
 * strictly sequential, so it runs as blocking calls in a worker thread with a session of its
 * own; the caller sees one async, cancellable operation. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sg-bluesky-client.h"
#include "sg-bluesky-facets.h"
#include "sg-error.h"
#include "sg-http.h"

/* app.bsky.feed.post: text maxLength (bytes of UTF-8). */
#define BLUESKY_MAX_TEXT_BYTES 3000u
#include "sg-length.h"
#include "sg-platform.h"
#include "sg-post-image.h"

#define MAX_ATTEMPTS 3
#define MAX_GRAPHEMES 300
/* app.bsky.embed.images: "may be up to 2 MB, formerly limited to 1 MB" per picture. The
 * server answers a larger blob with BlobTooLarge; saying so first costs no upload. */
#define MAX_BLOB_BYTES 2000000

struct _SgBlueskyClient
{
  GObject  parent_instance;

  char    *service;
  char    *identifier;
  char      *password;
  guint      max_wait;
  GPtrArray *images;   /* SgPostImage, uploaded with the next post */
  gint64     first_attempt;   /* µs, or 0: now */
  gboolean   retry;
  SgPostProgressFunc progress;
  gpointer   progress_data;
  char      *language;        /* BCP 47 tag of the next post, or NULL: not stated */
};

G_DEFINE_FINAL_TYPE (SgBlueskyClient, sg_bluesky_client, G_TYPE_OBJECT)

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

typedef struct {
  guint       status;
  guint       retry_after;
  JsonObject *object;   /* the answer, or NULL */
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->object, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

/* One XRPC call. FALSE only when no answer came (network, cancelled). */
static gboolean
xrpc_full (SoupSession   *session,
           const char    *method,
           const char    *url,
           const char    *token,
           JsonNode      *body,
           GBytes        *raw,
           const char    *raw_type,
           Answer        *answer,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *value;
  gsize len;
  const char *data;

  if (msg == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” is not a Bluesky server address."), url);
      return FALSE;
    }
  /* The password and tokens must not follow a redirect to another host. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      gsize n;
      char *json;

      json_generator_set_root (generator, body);
      json = json_generator_to_data (generator, &n);
      soup_message_set_request_body_from_bytes (msg, "application/json",
                                                g_bytes_new_take (json, n));
    }
  else if (raw != NULL)
    soup_message_set_request_body_from_bytes (msg, raw_type, raw);

  reply = soup_session_send_and_read (session, msg, cancellable, error);
  if (reply == NULL)
    return FALSE;

  answer_clear (answer);
  answer->status = soup_message_get_status (msg);
  value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  answer->retry_after = value ? (guint) g_ascii_strtoull (value, NULL, 10) : 0;
  data = g_bytes_get_data (reply, &len);
  if (data != NULL && json_parser_load_from_data (parser, data, len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    answer->object = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return TRUE;
}

static gboolean
xrpc (SoupSession   *session,
      const char    *method,
      const char    *url,
      const char    *token,
      JsonNode      *body,
      Answer        *answer,
      GCancellable  *cancellable,
      GError       **error)
{
  return xrpc_full (session, method, url, token, body, NULL, NULL, answer, cancellable, error);
}

static const char *
member (Answer     *a,
        const char *name)
{
  return a->object ? json_object_get_string_member_with_default (a->object, name, NULL) : NULL;
}

static gboolean
network_error (SgBlueskyClient  *self,
               GError          **error)
{
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      (*error)->domain == SG_ERROR)
    return FALSE;
  {
    g_autofree char *why = g_strdup ((*error)->message);
    g_clear_error (error);
    g_set_error (error, SG_ERROR, SG_ERROR_NETWORK,
                 _("The connection to %s failed (%s), so the post may not have been sent. "
                   "Your text is kept, and posting again is safe: it will not appear twice."),
                 self->service, why);
  }
  return FALSE;
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
static gboolean renew_session (SgBlueskyClient  *self,
                               SoupSession      *session,
                               char            **token,
                               char            **refresh,
                               GCancellable     *cancellable,
                               GError          **error);

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
      if (!xrpc_full (session, SOUP_METHOD_POST, url, *token, NULL, bytes, type, &answer,
                      cancellable, error))
        return network_error (self, error), FALSE;
      /* Several large photos can outlast the access token: renew it once and send this
       * photo again (blobs are stored by content, so a second upload is harmless). */
      if (answer.status == 400 && !renewed &&
          g_strcmp0 (member (&answer, "error"), "ExpiredToken") == 0)
        {
          renewed = TRUE;
          if (!renew_session (self, session, token, refresh, cancellable, error))
            return FALSE;
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
                       member (&answer, "message") ? member (&answer, "message")
                                                   : soup_status_get_phrase (answer.status));
          return FALSE;
        }
      g_ptr_array_add (blobs, json_node_copy (blob));
    }
  return TRUE;
}

/* com.atproto.server.createSession: the session token, the account's DID and its handle. */
static gboolean
create_session (SgBlueskyClient  *self,
                SoupSession      *session,
                char            **token,
                char            **did,
                char            **handle,
                char            **refresh,
                GCancellable     *cancellable,
                GError          **error)
{
  g_auto(Answer) answer = { 0, };
  g_autofree char *url = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "identifier");
  json_builder_add_string_value (b, self->identifier);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, self->password);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  url = g_strconcat (self->service, "/xrpc/com.atproto.server.createSession", NULL);
  if (!xrpc (session, SOUP_METHOD_POST, url, NULL, body, &answer, cancellable, error))
    return network_error (self, error), FALSE;
  if (sg_http_sign_in_refused (answer.status) ||
      (answer.status == 400 && g_strcmp0 (member (&answer, "error"), "AuthenticationRequired") == 0))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                   _("Bluesky did not accept the handle and app password. Sign in again with a "
                     "new app password; nothing was sent and your text is kept."));
      return FALSE;
    }
  if (answer.status != 200 || member (&answer, "accessJwt") == NULL || member (&answer, "did") == NULL)
    {
      g_set_error (error, SG_ERROR, sg_http_failure_code (answer.status),
                   _("Bluesky could not sign you in (HTTP %u: %s). Nothing was sent and your "
                     "text is kept."), answer.status,
                   member (&answer, "message") ? member (&answer, "message") : soup_status_get_phrase (answer.status));
      return FALSE;
    }
  *token = g_strdup (member (&answer, "accessJwt"));
  *did = g_strdup (member (&answer, "did"));
  *handle = g_strdup (member (&answer, "handle") ? member (&answer, "handle") : *did);
  if (refresh != NULL)
    *refresh = g_strdup (member (&answer, "refreshJwt"));
  return TRUE;
}

/* com.atproto.server.refreshSession: a new access token from the refresh token, as the
 * official clients do when the short-lived one expires. FALSE (with no error) when the
 * refresh token is refused too, so the caller can sign in again with the app password. */
static gboolean
refresh_session (SgBlueskyClient  *self,
                 SoupSession      *session,
                 char            **token,
                 char            **refresh,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_auto(Answer) answer = { 0, };
  g_autofree char *url = g_strconcat (self->service, "/xrpc/com.atproto.server.refreshSession",
                                      NULL);

  if (*refresh == NULL)
    return FALSE;
  if (!xrpc (session, SOUP_METHOD_POST, url, *refresh, NULL, &answer, cancellable, error))
    return network_error (self, error), FALSE;
  if (answer.status != 200 || member (&answer, "accessJwt") == NULL)
    return FALSE;
  g_free (*token);
  *token = g_strdup (member (&answer, "accessJwt"));
  if (member (&answer, "refreshJwt") != NULL)
    {
      g_free (*refresh);
      *refresh = g_strdup (member (&answer, "refreshJwt"));
    }
  return TRUE;
}

/* A new access token for a session that ran out: from the refresh token, or, when that is
 * refused too, by signing in again with the app password we hold. */
static gboolean
renew_session (SgBlueskyClient  *self,
               SoupSession      *session,
               char            **token,
               char            **refresh,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *did = NULL;
  g_autofree char *handle = NULL;

  if (refresh_session (self, session, token, refresh, cancellable, &local))
    return TRUE;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_clear_pointer (token, g_free);
  g_clear_pointer (refresh, g_free);
  return create_session (self, session, token, &did, &handle, refresh, cancellable, error);
}

static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("timeout", 30, "user-agent", "SocialGuard/" PACKAGE_VERSION,
                                        NULL);
}

static char *
post_sync (SgBlueskyClient  *self,
           PostData         *d,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(SoupSession) session = new_session ();
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

  if (!create_session (self, session, &token, &did, &handle, &refresh, cancellable, error))
    return NULL;

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
      if (!xrpc (session, SOUP_METHOD_GET, url, token, NULL, &answer, cancellable, error))
        return network_error (self, error), NULL;
      if (answer.status == 200 && member (&answer, "did") != NULL)
        g_hash_table_insert (dids, g_strdup (f->value), g_strdup (member (&answer, "did")));
    }

  /* The user is posting again after a failure or a stop: if the earlier attempt landed
   * after all, that is the post. */
  if (d->retry)
    {
      g_autofree char *escaped = g_uri_escape_string (did, NULL, FALSE);

      g_free (url);
      url = g_strdup_printf ("%s/xrpc/com.atproto.repo.getRecord?repo=%s"
                             "&collection=app.bsky.feed.post&rkey=%s", self->service, escaped, rkey);
      if (!xrpc (session, SOUP_METHOD_GET, url, token, NULL, &answer, cancellable, error))
        return network_error (self, error), NULL;
      if (answer.status == 200)
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
        if (!xrpc (session, SOUP_METHOD_POST, url, token, body, &answer, cancellable, error))
          return network_error (self, error), NULL;
        if (answer.status == 200)
          break;
        /* The session's access token ran out (photos can take minutes): renew it with the
         * refresh token (com.atproto.server.refreshSession), or failing that sign in again
         * with the app password we hold, and send the same record once more, rather than
         * report a refusal. The record key is ours, so it cannot land twice. */
        if (answer.status == 400 && !refreshed &&
            g_strcmp0 (member (&answer, "error"), "ExpiredToken") == 0)
          {
            refreshed = TRUE;
            if (!renew_session (self, session, &token, &refresh, cancellable, error))
              return NULL;
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
            g_autofree char *escaped = g_uri_escape_string (did, NULL, FALSE);

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
            g_free (url);
            url = g_strdup_printf ("%s/xrpc/com.atproto.repo.getRecord?repo=%s"
                                   "&collection=app.bsky.feed.post&rkey=%s",
                                   self->service, escaped, rkey);
            if (!xrpc (session, SOUP_METHOD_GET, url, token, NULL, &answer, cancellable, error))
              return network_error (self, error), NULL;
            if (answer.status == 200)
              break;
            continue;
          }
        g_set_error (error, SG_ERROR, SG_ERROR_REJECTED, _("Bluesky refused the post: %s. Your text is kept."),
                     member (&answer, "message") ? member (&answer, "message")
                                                 : soup_status_get_phrase (answer.status));
        return NULL;
      }
  }

  return g_strdup_printf ("https://bsky.app/profile/%s/post/%s", handle, rkey);
}

static gboolean
check_service (SgBlueskyClient  *self,
               GError          **error)
{
  g_autoptr(GUri) uri = g_uri_parse (self->service, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;
  gboolean https = uri && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 && host && *host;
  gboolean loopback = uri && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
                      (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0);

  /* Only https, so the password travels under a verified certificate. */
  if (https || loopback)
    return TRUE;
  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
               _("“%s” is not a Bluesky server address. It looks like https://bsky.social."),
               self->service);
  return FALSE;
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

    if (!check_service (self, &error))
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

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autofree char *token = NULL;
  g_autofree char *did = NULL;
  char *handle = NULL;
  GError *error = NULL;

  if (check_service (source_object, &error) &&
      create_session (source_object, session, &token, &did, &handle, NULL, cancellable, &error))
    g_task_return_pointer (task, handle, g_free);
  else
    g_task_return_error (task, error);
}

void
sg_bluesky_client_verify_async (SgBlueskyClient     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_bluesky_client_verify_async);
  g_task_run_in_thread (task, verify_thread);
}

char *
sg_bluesky_client_verify_finish (SgBlueskyClient  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sg_bluesky_client_set_first_attempt (SgBlueskyClient *self,
                                     gint64           micros,
                                     gboolean         retry)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  self->first_attempt = micros;
  self->retry = retry;
}

void
sg_bluesky_client_set_progress (SgBlueskyClient    *self,
                                SgPostProgressFunc  func,
                                gpointer            user_data)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  self->progress = func;
  self->progress_data = user_data;
}

void
sg_bluesky_client_add_image (SgBlueskyClient *self,
                             const char      *path,
                             const char      *alt)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));
  g_return_if_fail (path != NULL);

  g_ptr_array_add (self->images, sg_post_image_new (path, alt));
}

void
sg_bluesky_client_set_max_wait (SgBlueskyClient *self,
                                guint            seconds)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  self->max_wait = seconds;
}

SgBlueskyClient *
sg_bluesky_client_new (const char *service,
                       const char *identifier,
                       const char *app_password)
{
  SgBlueskyClient *self = g_object_new (SG_TYPE_BLUESKY_CLIENT, NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (service ? service : "https://bsky.social"));
  gsize len = strlen (trimmed);

  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  self->service = g_steal_pointer (&trimmed);
  self->identifier = g_strstrip (g_strdup (identifier));
  if (self->identifier[0] == '@')
    memmove (self->identifier, self->identifier + 1, strlen (self->identifier));
  self->password = g_strdup (app_password);
  return self;
}

static void
sg_bluesky_client_finalize (GObject *object)
{
  SgBlueskyClient *self = SG_BLUESKY_CLIENT (object);

  g_free (self->language);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_free (self->service);
  g_free (self->identifier);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);

  G_OBJECT_CLASS (sg_bluesky_client_parent_class)->finalize (object);
}

static void
sg_bluesky_client_class_init (SgBlueskyClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_bluesky_client_finalize;
}

static void
sg_bluesky_client_init (SgBlueskyClient *self)
{
  self->max_wait = 60;
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_post_image_free);
}

void
sg_bluesky_client_set_language (SgBlueskyClient *self,
                                const char      *language)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  g_free (self->language);
  self->language = g_strdup (language);
}

/* Deleting a past post */

typedef struct {
  char *owner_did;
  char *rkey;
} DeleteData;

static void
delete_data_free (DeleteData *d)
{
  g_free (d->owner_did);
  g_free (d->rkey);
  g_free (d);
}

/* For a connection that failed: its reason, with @error cleared so that the caller can say what
 * the failure means; NULL (and @error kept) when it was a cancellation or already our own. */
static char *
take_network_failure (GError **error)
{
  char *why;

  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || (*error)->domain == SG_ERROR)
    return NULL;
  why = g_strdup ((*error)->message);
  g_clear_error (error);
  return why;
}

/* The connection failed: nothing is known changed. */
static void
delete_network_error (SgBlueskyClient  *self,
                      GError          **error)
{
  g_autofree char *why = take_network_failure (error);

  if (why != NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_NETWORK,
                 _("Could not reach %s (%s). The post is still online; try again when you are "
                   "connected."), self->service, why);
}

/* -1 on error, else whether it was already gone. */
static int
delete_sync (SgBlueskyClient  *self,
             DeleteData       *d,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(SoupSession) session = new_session ();
  g_auto(Answer) answer = { 0, };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *token = NULL;
  g_autofree char *did = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *url = NULL;
  const char *what;

  if (!check_service (self, error))
    return -1;
  if (!create_session (self, session, &token, &did, &handle, NULL, cancellable, &local))
    {
      if (local->domain == SG_ERROR && local->code == SG_ERROR_SIGN_IN_NEEDED)
        g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                     _("Bluesky did not accept your handle and app password, so the post is "
                       "still online. Sign in again under Preferences → Posting, then try "
                       "again."));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          delete_network_error (self, error);
        }
      return -1;
    }
  /* Only the account that wrote it can delete it; say whose it is rather than fail later. */
  if (g_strcmp0 (did, d->owner_did) != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                   _("This post belongs to another Bluesky account (%s), and you are signed in "
                     "as @%s. Sign in to that account under Preferences → Posting to delete it "
                     "from here."), d->owner_did, handle);
      return -1;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "repo");
  json_builder_add_string_value (b, did);
  json_builder_set_member_name (b, "collection");
  json_builder_add_string_value (b, "app.bsky.feed.post");
  json_builder_set_member_name (b, "rkey");
  json_builder_add_string_value (b, d->rkey);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  url = g_strconcat (self->service, "/xrpc/com.atproto.repo.deleteRecord", NULL);
  if (!xrpc (session, SOUP_METHOD_POST, url, token, body, &answer, cancellable, error))
    {
      delete_network_error (self, error);
      return -1;
    }
  if (answer.status == 200)
    return 0;
  what = member (&answer, "error");
  if (answer.status == 404 || g_strcmp0 (what, "RecordNotFound") == 0)
    return 1;
  if (sg_http_sign_in_refused (answer.status))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                   _("Bluesky ended the session, so the post is still online. Sign in again "
                     "under Preferences → Posting, then try again."));
      return -1;
    }
  if (answer.status == 429)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) when = g_date_time_add_seconds (now, MAX (answer.retry_after, 60u));
      g_autofree char *at = g_date_time_format (when, "%H:%M");

      g_set_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                   _("Bluesky allows only so many changes at a time. The post is still online; "
                     "try again after %s."), at);
      return -1;
    }
  if (answer.status >= 500)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                   _("Bluesky is having trouble (HTTP %u), so the post is still online. Try "
                     "again in a few minutes."), answer.status);
      return -1;
    }
  g_set_error (error, SG_ERROR, SG_ERROR_REJECTED,
               _("Bluesky refused to delete the post (%s). It is still online."),
               member (&answer, "message") ? member (&answer, "message")
                                           : soup_status_get_phrase (answer.status));
  return -1;
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  int gone = delete_sync (source_object, task_data, cancellable, &error);

  if (gone < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, gone);
}

void
sg_bluesky_client_delete_async (SgBlueskyClient     *self,
                                const char          *owner_did,
                                const char          *rkey,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DeleteData *d;

  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_bluesky_client_delete_async);
  if (owner_did == NULL || !g_str_has_prefix (owner_did, "did:") || rkey == NULL || *rkey == '\0')
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_INVALID_INPUT,
                               _("The archive did not say which post this is, so it cannot be "
                                 "deleted from here."));
      return;
    }
  d = g_new0 (DeleteData, 1);
  d->owner_did = g_strdup (owner_did);
  d->rkey = g_strdup (rkey);
  g_task_set_task_data (task, d, (GDestroyNotify) delete_data_free);
  g_task_run_in_thread (task, delete_thread);
}

gboolean
sg_bluesky_client_delete_finish (SgBlueskyClient  *self,
                                 GAsyncResult     *result,
                                 gboolean         *already_gone,
                                 GError          **error)
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

/* Listing the account's own posts */

#define LIST_PAGE_SIZE 100
/* A safety stop, far past any real account (100 000 posts), for a server whose cursor never
 * ends. */
#define LIST_MAX_PAGES 1000

typedef struct {
  GPtrArray *records;   /* JsonObject: { uri, cid, value } as listRecords gives them */
  char      *handle;
} ListResult;

static void
list_result_free (ListResult *r)
{
  g_clear_pointer (&r->records, g_ptr_array_unref);
  g_free (r->handle);
  g_free (r);
}

/* The connection failed: nothing was changed, only not read. */
static void
list_network_error (SgBlueskyClient  *self,
                    GError          **error)
{
  g_autofree char *why = take_network_failure (error);

  if (why != NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_NETWORK,
                 _("Could not reach %s (%s), so your posts could not be read. Try again when you "
                   "are connected."), self->service, why);
}

static ListResult *
list_sync (SgBlueskyClient  *self,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) local = NULL;
  g_autofree char *token = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *did = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *cursor = NULL;
  gboolean renewed = FALSE;
  ListResult *result;

  if (!check_service (self, error))
    return NULL;
  if (!create_session (self, session, &token, &did, &handle, &refresh, cancellable, &local))
    {
      if (local->domain == SG_ERROR && local->code == SG_ERROR_SIGN_IN_NEEDED)
        g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                     _("Bluesky did not accept your handle and app password, so your posts "
                       "could not be read. Sign in again under Preferences → Posting."));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          list_network_error (self, error);
        }
      return NULL;
    }

  for (guint page = 0; page < LIST_MAX_PAGES; page++)
    {
      g_auto(Answer) answer = { 0, };
      g_autofree char *repo = g_uri_escape_string (did, NULL, FALSE);
      g_autofree char *after = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *url = NULL;
      JsonNode *node;
      JsonArray *list;
      const char *next;

      url = g_strdup_printf ("%s/xrpc/com.atproto.repo.listRecords?repo=%s"
                             "&collection=app.bsky.feed.post&limit=%d%s%s",
                             self->service, repo, LIST_PAGE_SIZE,
                             after ? "&cursor=" : "", after ? after : "");
      if (!xrpc (session, SOUP_METHOD_GET, url, token, NULL, &answer, cancellable, error))
        {
          list_network_error (self, error);
          return NULL;
        }
      /* A long listing can outlast the access token: renew it as posting does, and ask for
       * the same page again. Once per page, so a server that keeps refusing ends it. */
      if (answer.status == 400 && !renewed &&
          g_strcmp0 (member (&answer, "error"), "ExpiredToken") == 0)
        {
          renewed = TRUE;
          if (!renew_session (self, session, &token, &refresh, cancellable, error))
            {
              list_network_error (self, error);
              return NULL;
            }
          page--;
          continue;
        }
      renewed = FALSE;
      if (sg_http_sign_in_refused (answer.status) ||
          g_strcmp0 (member (&answer, "error"), "ExpiredToken") == 0)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                       _("Bluesky ended the session, so your posts could not be read. Sign in "
                         "again under Preferences → Posting, then try again."));
          return NULL;
        }
      node = answer.object ? json_object_get_member (answer.object, "records") : NULL;
      list = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      if (answer.status != 200 || list == NULL)
        {
          g_set_error (error, SG_ERROR, sg_http_failure_code (answer.status),
                       _("Bluesky could not list your posts (HTTP %u: %s). Try again in a few "
                         "minutes."), answer.status,
                       member (&answer, "message") ? member (&answer, "message")
                                                   : soup_status_get_phrase (answer.status));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            g_ptr_array_add (records, json_object_ref (json_node_get_object (element)));
        }
      next = member (&answer, "cursor");
      /* No cursor, or an empty page: the end (some servers repeat the last cursor). */
      if (next == NULL || *next == '\0' || json_array_get_length (list) == 0 ||
          g_strcmp0 (next, cursor) == 0)
        break;
      g_free (cursor);
      cursor = g_strdup (next);
    }

  result = g_new0 (ListResult, 1);
  result->records = g_steal_pointer (&records);
  result->handle = g_steal_pointer (&handle);
  return result;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  ListResult *result = list_sync (source_object, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) list_result_free);
}

void
sg_bluesky_client_list_posts_async (SgBlueskyClient     *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_bluesky_client_list_posts_async);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
sg_bluesky_client_list_posts_finish (SgBlueskyClient  *self,
                                     GAsyncResult     *result,
                                     char            **handle,
                                     GError          **error)
{
  ListResult *r;
  GPtrArray *records;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return NULL;
  records = g_steal_pointer (&r->records);
  if (handle != NULL)
    *handle = g_steal_pointer (&r->handle);
  list_result_free (r);
  return records;
}
