/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Facebook's and Instagram's "Download your information", in JSON. Both write UTF-8 text as
 * Latin-1 escapes ("\u00c3\u00a9" for "é"), so every string taken is repaired first. Neither
 * gives a post an id or an address, so a post is known by the Unix time it was written. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-archive-private.h"
#include "sg-error.h"

static char *
repaired (const char *text)
{
  g_autofree char *fixed = sg_archive_repair_mojibake (text);

  return g_strstrip (g_steal_pointer (&fixed));
}

static SgPastPost *
post_at (const char *platform,
         gint64      timestamp)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, timestamp);
  SgPastPost *post = sg_past_post_new (platform, id);

  post->date = g_date_time_new_from_unix_utc (timestamp);
  return post;
}

/* your_posts_1.json (your_posts__check_ins__photos_and_videos_1.json in newer downloads):
 * [{"timestamp": 1577836800, "data": [{"post": "…"}, {"update_timestamp": …}],
 *   "attachments": [{"data": [{"media": {"uri": …, "description": "…"}}, …]}], "title": …}]
 * The title ("Jane updated her status.") is Facebook's, not the author's. */
SgPastPost *
sg_archive_facebook_read_item (JsonNode  *item,
                               GError   **error)
{
  JsonObject *o;
  JsonArray *data, *attachments;
  g_autoptr(SgPastPost) post = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GStrvBuilder) described = g_strv_builder_new ();
  gboolean any_description = FALSE;
  gint64 timestamp;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("it is not a post"));
      return NULL;
    }
  o = json_node_get_object (item);
  if (!sg_archive_json_int (o, "timestamp", &timestamp) || timestamp <= 0 ||
      timestamp > G_GINT64_CONSTANT (253402300799))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("the post has no date"));
      return NULL;
    }
  post = post_at ("facebook", timestamp);

  data = sg_archive_json_array (o, "data");
  for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
    {
      JsonNode *e = json_array_get_element (data, i);
      const char *words = JSON_NODE_HOLDS_OBJECT (e) ?
                          sg_archive_json_string (json_node_get_object (e), "post") : NULL;
      g_autofree char *fixed = NULL;

      if (words == NULL || *(fixed = repaired (words)) == '\0')
        continue;
      g_string_append (text, text->len > 0 ? "\n\n" : "");
      g_string_append (text, fixed);
    }

  attachments = sg_archive_json_array (o, "attachments");
  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonNode *a = json_array_get_element (attachments, i);
      JsonArray *parts = JSON_NODE_HOLDS_OBJECT (a) ?
                         sg_archive_json_array (json_node_get_object (a), "data") : NULL;

      for (guint j = 0; parts != NULL && j < json_array_get_length (parts); j++)
        {
          JsonNode *p = json_array_get_element (parts, j);
          JsonObject *media = JSON_NODE_HOLDS_OBJECT (p) ?
                              sg_archive_json_object (json_node_get_object (p), "media") : NULL;
          const char *description;
          g_autofree char *fixed = NULL;

          if (media == NULL)
            continue;
          description = sg_archive_json_string (media, "description");
          fixed = repaired (description != NULL ? description : "");
          any_description |= *fixed != '\0';
          g_strv_builder_add (described, fixed);
        }
    }

  g_free (post->text);
  post->text = g_string_free (g_steal_pointer (&text), FALSE);
  if (any_description)
    post->media_descriptions = g_strv_builder_end (described);
  return g_steal_pointer (&post);
}

/* posts_1.json (content/ or your_instagram_activity/content/):
 * [{"media": [{"uri": …, "creation_timestamp": 1672531200, "title": "caption"}, …],
 *   "title": "caption", "creation_timestamp": …}]
 * A post of one picture keeps its caption and time on the picture; a carousel on the post. */
SgPastPost *
sg_archive_instagram_read_item (JsonNode  *item,
                                GError   **error)
{
  JsonObject *o, *first = NULL;
  JsonArray *media;
  const char *caption;
  g_autoptr(SgPastPost) post = NULL;
  gint64 timestamp;

  if (!JSON_NODE_HOLDS_OBJECT (item) ||
      (media = sg_archive_json_array (o = json_node_get_object (item), "media")) == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("it is not a post"));
      return NULL;
    }
  if (json_array_get_length (media) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (media, 0)))
    first = json_node_get_object (json_array_get_element (media, 0));

  if ((!sg_archive_json_int (o, "creation_timestamp", &timestamp) &&
       !sg_archive_json_int (first, "creation_timestamp", &timestamp)) ||
      timestamp <= 0 || timestamp > G_GINT64_CONSTANT (253402300799))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("the post has no date"));
      return NULL;
    }
  post = post_at ("instagram", timestamp);

  caption = sg_archive_json_string (o, "title");
  if (caption == NULL || *caption == '\0')
    caption = sg_archive_json_string (first, "title");
  if (caption != NULL)
    {
      g_free (post->text);
      post->text = repaired (caption);
    }
  return g_steal_pointer (&post);
}
