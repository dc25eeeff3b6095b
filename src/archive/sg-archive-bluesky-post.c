/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One post record of a Bluesky repository (app.bsky.feed.post) to an SgPastPost: its text
 * with the links the app shortened put back whole, its date, the alt texts of its pictures or
 * video, the post it replies to, and its address. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-archive-bluesky-private.h"
#include "sg-error.h"

/* ---- One post */

/* The alt texts of an embed: images, a video, or either beside a quoted post. */
static void
add_descriptions (GStrvBuilder *b,
                  cbor_item_t  *embed,
                  guint        *n)
{
  cbor_item_t *images, *media;

  if (embed == NULL || !cbor_isa_map (embed))
    return;
  if ((images = sg_cbor_map_get (embed, "images")) != NULL && cbor_isa_array (images))
    for (gsize i = 0; i < cbor_array_size (images) && *n < 100; i++, (*n)++)
      {
        g_autofree char *alt = sg_cbor_string_dup (sg_cbor_map_get (cbor_array_handle (images)[i],
                                                                    "alt"));

        g_strv_builder_add (b, alt != NULL ? alt : "");
      }
  if (sg_cbor_string_is (sg_cbor_map_get (embed, "$type"), "app.bsky.embed.video") && *n < 100)
    {
      g_autofree char *alt = sg_cbor_string_dup (sg_cbor_map_get (embed, "alt"));

      g_strv_builder_add (b, alt != NULL ? alt : "");
      (*n)++;
    }
  /* recordWithMedia: the media sit one level down (and nest no further). */
  if ((media = sg_cbor_map_get (embed, "media")) != NULL &&
      sg_cbor_map_get (media, "media") == NULL)
    add_descriptions (b, media, n);
}

typedef struct {
  guint64 start, end;
  char   *uri;
} Link;

static int
link_cmp (gconstpointer a,
          gconstpointer b)
{
  const Link *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* The app shortens a long link in the text ("example.org/a/lo..."); its facet holds the whole
 * address, which is what gets checked, as Mastodon's hidden spans are. Facets give UTF-8 byte
 * offsets; one that is out of range, overlaps another or cuts a character is ignored. */
static char *
expand_links (char        *text,
              cbor_item_t *facets)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  gsize len = strlen (text);
  GString *out;
  gsize at = 0;

  if (facets == NULL || !cbor_isa_array (facets) || !g_utf8_validate (text, -1, NULL))
    return text;
  for (gsize i = 0; i < cbor_array_size (facets) && i < 1000; i++)
    {
      cbor_item_t *f = cbor_array_handle (facets)[i];
      cbor_item_t *index = sg_cbor_map_get (f, "index");
      cbor_item_t *features = sg_cbor_map_get (f, "features");
      cbor_item_t *s = sg_cbor_map_get (index, "byteStart");
      cbor_item_t *e = sg_cbor_map_get (index, "byteEnd");

      if (s == NULL || e == NULL || !cbor_isa_uint (s) || !cbor_isa_uint (e) ||
          features == NULL || !cbor_isa_array (features))
        continue;
      for (gsize j = 0; j < cbor_array_size (features); j++)
        {
          cbor_item_t *feature = cbor_array_handle (features)[j];
          Link l = { cbor_get_int (s), cbor_get_int (e), NULL };

          if (!sg_cbor_string_is (sg_cbor_map_get (feature, "$type"),
                                  "app.bsky.richtext.facet#link") ||
              l.start >= l.end || l.end > len)
            continue;
          if ((l.uri = sg_cbor_string_dup (sg_cbor_map_get (feature, "uri"))) == NULL ||
              !g_utf8_validate (l.uri, -1, NULL) ||
              (l.end - l.start == strlen (l.uri) &&
               memcmp (text + l.start, l.uri, strlen (l.uri)) == 0))
            {
              g_free (l.uri);
              continue;
            }
          g_array_append_val (links, l);
          break;
        }
    }
  if (links->len == 0)
    return text;
  g_array_sort (links, link_cmp);

  out = g_string_sized_new (len);
  for (guint i = 0; i < links->len; i++)
    {
      Link *l = &g_array_index (links, Link, i);

      if (l->start >= at && ((guchar) text[l->start] & 0xC0) != 0x80 &&
          (l->end == len || ((guchar) text[l->end] & 0xC0) != 0x80))
        {
          g_string_append_len (out, text + at, (gssize) (l->start - at));
          g_string_append (out, l->uri);
          at = (gsize) l->end;
        }
      g_free (l->uri);
    }
  g_string_append (out, text + at);
  g_free (text);
  return g_string_free (out, FALSE);
}

static SgPastPost *
read_post (SgBlueskyRepo  *self,
           guint           index,
           const char     *rkey,
           GError        **error)
{
  cbor_item_t *record = sg_bluesky_repo_load_block (self, index);
  cbor_item_t *reply;
  g_autofree char *created = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GStrvBuilder) media = g_strv_builder_new ();
  g_auto(GStrv) descriptions = NULL;
  guint n_media = 0;
  SgPastPost *post;

  if (record == NULL)
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("the record could not be read"));
      return NULL;
    }
  if (!sg_cbor_string_is (sg_cbor_map_get (record, "$type"), "app.bsky.feed.post"))
    {
      /* Under the posts' key only posts are expected; elsewhere (no key known) a like or a
       * follow is simply not a post. */
      if (rkey != NULL)
        g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                             _("the record is not a post"));
      cbor_decref (&record);
      return NULL;
    }

  id = rkey != NULL ? g_strdup (rkey)
                    : sg_bluesky_cid_string (&g_array_index (self->blocks, Block, index));
  post = sg_past_post_new ("bluesky", id);
  g_free (post->text);
  post->text = sg_cbor_string_dup (sg_cbor_map_get (record, "text"));
  if (post->text == NULL)
    post->text = g_strdup ("");
  post->text = expand_links (post->text, sg_cbor_map_get (record, "facets"));

  if ((created = sg_cbor_string_dup (sg_cbor_map_get (record, "createdAt"))) != NULL &&
      g_utf8_validate (created, -1, NULL))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (created, utc);

      if (date != NULL)
        post->date = g_date_time_to_utc (date);
    }

  add_descriptions (media, sg_cbor_map_get (record, "embed"), &n_media);
  descriptions = g_strv_builder_end (media);
  if (descriptions[0] != NULL)
    post->media_descriptions = g_steal_pointer (&descriptions);

  /* A reply names the post it answers by its at:// URI. */
  if ((reply = sg_cbor_map_get (record, "reply")) != NULL)
    {
      post->in_reply_to = sg_cbor_string_dup (sg_cbor_map_get (sg_cbor_map_get (reply, "parent"),
                                                               "uri"));
      if (post->in_reply_to == NULL)
        post->in_reply_to = g_strdup ("");
    }

  post->audience = SG_PAST_POST_AUDIENCE_PUBLIC;   /* every Bluesky post is public */
  if (self->did != NULL && rkey != NULL && sg_atproto_is_rkey (rkey, strlen (rkey)))
    post->url = g_strdup_printf ("https://bsky.app/profile/%s/post/%s", self->did, rkey);
  cbor_decref (&record);
  return post;
}

SgPastPost *
sg_bluesky_repo_next (SgBlueskyRepo  *self,
                      gboolean       *done,
                      GError        **error)
{
  *done = FALSE;
  if (self->next_record < self->records->len)
    {
      Record *r = &g_array_index (self->records, Record, self->next_record++);

      return read_post (self, r->block, r->rkey, error);
    }
  if (self->next_orphan < self->orphans->len)
    return read_post (self, g_array_index (self->orphans, guint, self->next_orphan++), NULL,
                      error);
  *done = TRUE;
  return NULL;
}
