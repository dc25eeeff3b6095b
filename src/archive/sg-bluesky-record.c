/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A post record as the server's API gives it (JSON), where the .car reader gets the same
 * record as DAG-CBOR. The fields read are the same, so an account audited over the API and
 * from its export flags the same posts. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sg-archive-private.h"
#include "sg-bluesky-record.h"
#include "sg-error.h"

#define MAX_MEDIA 100

static void
add_descriptions (GStrvBuilder *b,
                  JsonObject   *embed,
                  guint        *n)
{
  JsonArray *images;
  JsonObject *media;

  if (embed == NULL)
    return;
  if ((images = sg_archive_json_array (embed, "images")) != NULL)
    for (guint i = 0; i < json_array_get_length (images) && *n < MAX_MEDIA; i++, (*n)++)
      {
        JsonNode *image = json_array_get_element (images, i);
        const char *alt = JSON_NODE_HOLDS_OBJECT (image)
                            ? sg_archive_json_string (json_node_get_object (image), "alt") : NULL;

        g_strv_builder_add (b, alt != NULL ? alt : "");
      }
  if (g_strcmp0 (sg_archive_json_string (embed, "$type"), "app.bsky.embed.video") == 0 &&
      *n < MAX_MEDIA)
    {
      const char *alt = sg_archive_json_string (embed, "alt");

      g_strv_builder_add (b, alt != NULL ? alt : "");
      (*n)++;
    }
  /* recordWithMedia: the media sit one level down (and nest no further). */
  if ((media = sg_archive_json_object (embed, "media")) != NULL &&
      sg_archive_json_object (media, "media") == NULL)
    add_descriptions (b, media, n);
}

/* The app shortens a long link in the text; its facet holds the whole address, which is what
 * gets checked. Facets give UTF-8 byte offsets; one out of range, overlapping another or
 * cutting a character is ignored. */
static char *
expand_links (char       *text,
              JsonArray  *facets)
{
  GString *out;
  gsize len = strlen (text);
  gsize at = 0;
  gboolean changed = FALSE;

  if (facets == NULL)
    return text;
  out = g_string_sized_new (len);
  /* The app writes facets in text order; one out of order is simply left as typed. */
  for (guint i = 0; i < json_array_get_length (facets) && i < 1000; i++)
    {
      JsonNode *node = json_array_get_element (facets, i);
      JsonObject *f = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *index = f ? sg_archive_json_object (f, "index") : NULL;
      JsonArray *features = f ? sg_archive_json_array (f, "features") : NULL;
      gint64 s, e;

      if (index == NULL || features == NULL || !sg_archive_json_int (index, "byteStart", &s) ||
          !sg_archive_json_int (index, "byteEnd", &e) || s < (gint64) at || e <= s ||
          (gsize) e > len || ((guchar) text[s] & 0xC0) == 0x80 ||
          ((gsize) e < len && ((guchar) text[e] & 0xC0) == 0x80))
        continue;
      for (guint j = 0; j < json_array_get_length (features); j++)
        {
          JsonNode *fn = json_array_get_element (features, j);
          JsonObject *feature = JSON_NODE_HOLDS_OBJECT (fn) ? json_node_get_object (fn) : NULL;
          const char *uri = feature ? sg_archive_json_string (feature, "uri") : NULL;

          if (feature == NULL || uri == NULL ||
              g_strcmp0 (sg_archive_json_string (feature, "$type"),
                         "app.bsky.richtext.facet#link") != 0 ||
              ((gsize) (e - s) == strlen (uri) && memcmp (text + s, uri, strlen (uri)) == 0))
            continue;
          g_string_append_len (out, text + at, (gssize) (s - at));
          g_string_append (out, uri);
          at = (gsize) e;
          changed = TRUE;
          break;
        }
    }
  if (!changed)
    {
      g_string_free (out, TRUE);
      return text;
    }
  g_string_append (out, text + at);
  g_free (text);
  return g_string_free (out, FALSE);
}

SgPastPost *
sg_bluesky_record_to_post (JsonObject  *record,
                           GError     **error)
{
  JsonObject *value = sg_archive_json_object (record, "value");
  JsonObject *reply;
  const char *uri = sg_archive_json_string (record, "uri");
  const char *rkey = uri ? strrchr (uri, '/') : NULL;
  g_autofree char *did = NULL;
  const char *text, *created;
  g_autoptr(GStrvBuilder) media = g_strv_builder_new ();
  g_auto(GStrv) descriptions = NULL;
  guint n_media = 0;
  g_autoptr(SgPastPost) post = NULL;

  if (value == NULL || rkey == NULL || rkey[1] == '\0' ||
      g_strcmp0 (sg_archive_json_string (value, "$type"), "app.bsky.feed.post") != 0)
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("the record is not a post"));
      return NULL;
    }
  rkey++;
  /* at://<did>/app.bsky.feed.post/<rkey>: the DID of the account that wrote it. */
  if (g_str_has_prefix (uri, "at://did:"))
    did = g_strndup (uri + 5, strcspn (uri + 5, "/"));

  post = sg_past_post_new ("bluesky", rkey);
  text = sg_archive_json_string (value, "text");
  g_free (post->text);
  post->text = expand_links (g_strdup (text ? text : ""),
                             sg_archive_json_array (value, "facets"));

  if ((created = sg_archive_json_string (value, "createdAt")) != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (created, utc);

      if (date != NULL)
        post->date = g_date_time_to_utc (date);
    }

  add_descriptions (media, sg_archive_json_object (value, "embed"), &n_media);
  descriptions = g_strv_builder_end (media);
  if (descriptions[0] != NULL)
    post->media_descriptions = g_steal_pointer (&descriptions);

  if ((reply = sg_archive_json_object (value, "reply")) != NULL)
    {
      JsonObject *parent = sg_archive_json_object (reply, "parent");
      const char *to = parent ? sg_archive_json_string (parent, "uri") : NULL;

      post->in_reply_to = g_strdup (to ? to : "");
    }

  post->audience = SG_PAST_POST_AUDIENCE_PUBLIC;   /* every Bluesky post is public */
  /* Addressed by the DID, as the .car reader does: it outlives a change of handle, and it is
   * what deleting from the Past Posts page checks against the signed-in account. */
  if (did != NULL)
    post->url = g_strdup_printf ("https://bsky.app/profile/%s/post/%s", did, rkey);
  post->source = g_strdup ("Bluesky");
  sg_archive_post_make_valid (post);
  return g_steal_pointer (&post);
}
