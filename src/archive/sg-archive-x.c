/* SPDX-License-Identifier: GPL-3.0-or-later */
/* X (Twitter)'s archive: data/tweets.js, "window.YTD.tweets.part0 = [ {"tweet": {…}}, … ]"
 * (older archives: tweet.js, and a tweets-part1.js … for large accounts). Each tweet has
 * full_text with &amp; &lt; &gt; escaped and links shortened to t.co, created_at as
 * "Wed Oct 10 20:19:24 +0000 2018", id_str, the in_reply_to_* fields, and its media. */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "sg-archive-private.h"
#include "sg-error.h"

static GDateTime *
parse_created_at (const char *created_at)
{
  static const char * const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) date = NULL;
  char weekday[4], month[4], offset[6];
  int day, hour, minute, second, year, sign, hh, mm;
  int m = -1;

  if (created_at == NULL ||
      sscanf (created_at, "%3s %3s %d %d:%d:%d %5s %d", weekday, month, &day, &hour, &minute,
              &second, offset, &year) != 8)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_str_equal (month, months[i]))
      m = (int) i + 1;
  if (m < 0 || strlen (offset) != 5 || (offset[0] != '+' && offset[0] != '-') ||
      !g_ascii_isdigit (offset[1]) || !g_ascii_isdigit (offset[2]) ||
      !g_ascii_isdigit (offset[3]) || !g_ascii_isdigit (offset[4]))
    return NULL;
  sign = offset[0] == '-' ? -1 : 1;
  hh = (offset[1] - '0') * 10 + (offset[2] - '0');
  mm = (offset[3] - '0') * 10 + (offset[4] - '0');
  tz = g_time_zone_new_offset (sign * (hh * 3600 + mm * 60));
  date = g_date_time_new (tz, year, m, day, hour, minute, second);
  return date != NULL ? g_date_time_to_utc (date) : NULL;
}

/* An id written as a string (id_str) or, in old archives, only as a number. */
static char *
tweet_id (JsonObject *tweet,
          const char *str_member,
          const char *int_member)
{
  const char *id = sg_archive_json_string (tweet, str_member);
  gint64 n;

  if (id != NULL && *id != '\0')
    return g_strdup (id);
  if (sg_archive_json_int (tweet, int_member, &n) && n > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, n);
  return NULL;
}

static void
replace_all (GString    *text,
             const char *from,
             const char *to)
{
  if (from != NULL && *from != '\0')
    g_string_replace (text, from, to, 0);
}

/* t.co links are put back as the addresses that were written (the engine reads the domain),
 * and the link X adds for attached media is dropped: the reader saw the picture, not it. */
static void
expand_links (GString    *text,
              JsonObject *tweet)
{
  JsonObject *entities = sg_archive_json_object (tweet, "entities");
  JsonArray *urls = sg_archive_json_array (entities, "urls");
  JsonArray *media = sg_archive_json_array (entities, "media");

  for (guint i = 0; urls != NULL && i < json_array_get_length (urls); i++)
    {
      JsonNode *e = json_array_get_element (urls, i);
      JsonObject *u = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      const char *expanded = sg_archive_json_string (u, "expanded_url");

      if (expanded != NULL && *expanded != '\0')
        replace_all (text, sg_archive_json_string (u, "url"), expanded);
    }
  for (guint i = 0; media != NULL && i < json_array_get_length (media); i++)
    {
      JsonNode *e = json_array_get_element (media, i);

      if (JSON_NODE_HOLDS_OBJECT (e))
        replace_all (text, sg_archive_json_string (json_node_get_object (e), "url"), "");
    }
  while (text->len > 0 && g_ascii_isspace (text->str[text->len - 1]))
    g_string_truncate (text, text->len - 1);
}

/* Alt text, where the archive has it (ext_alt_text on newer ones), one per attachment. */
static GStrv
media_descriptions (JsonObject *tweet)
{
  JsonObject *entities = sg_archive_json_object (tweet, "extended_entities");
  JsonArray *media;
  g_autoptr(GStrvBuilder) builder = NULL;
  gboolean any = FALSE;

  if (entities == NULL)
    entities = sg_archive_json_object (tweet, "entities");
  if ((media = sg_archive_json_array (entities, "media")) == NULL ||
      json_array_get_length (media) == 0)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (media); i++)
    {
      JsonNode *e = json_array_get_element (media, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      const char *alt = sg_archive_json_string (m, "ext_alt_text");
      g_autofree char *stripped = NULL;

      if (alt == NULL)
        alt = sg_archive_json_string (m, "alt_text");
      stripped = g_strstrip (g_strdup (alt != NULL ? alt : ""));
      any |= *stripped != '\0';
      g_strv_builder_add (builder, stripped);
    }
  if (!any)
    return NULL;
  return g_strv_builder_end (builder);
}

SgPastPost *
sg_archive_x_read_item (JsonNode  *item,
                        GError   **error)
{
  JsonObject *tweet, *wrapper;
  const char *full_text;
  g_autoptr(SgPastPost) post = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *decoded = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("it is not a post"));
      return NULL;
    }
  wrapper = json_node_get_object (item);
  tweet = sg_archive_json_object (wrapper, "tweet");
  if (tweet == NULL)
    tweet = wrapper;                   /* the oldest archives list the tweets themselves */

  if ((id = tweet_id (tweet, "id_str", "id")) == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("the post has no id"));
      return NULL;
    }
  if ((full_text = sg_archive_json_string (tweet, "full_text")) == NULL &&
      (full_text = sg_archive_json_string (tweet, "text")) == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("the post has no text"));
      return NULL;
    }

  post = sg_past_post_new ("x", id);
  post->date = parse_created_at (sg_archive_json_string (tweet, "created_at"));

  decoded = sg_archive_decode_entities (full_text, TRUE);
  text = g_string_new (decoded);
  expand_links (text, tweet);
  g_free (post->text);
  post->text = g_string_free (g_steal_pointer (&text), FALSE);

  post->media_descriptions = media_descriptions (tweet);
  post->url = g_strdup_printf ("https://x.com/i/status/%s", id);
  post->in_reply_to = tweet_id (tweet, "in_reply_to_status_id_str", "in_reply_to_status_id");
  return g_steal_pointer (&post);
}
