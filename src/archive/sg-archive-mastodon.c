/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mastodon's "Request your archive": outbox.json is an ActivityPub OrderedCollection whose
 * orderedItems are the account's activities. A post is a Create whose object is a Note (or a
 * Question, a poll); a boost is an Announce of someone else's post and is passed over. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-archive-private.h"
#include "sg-error.h"

#define AS_PUBLIC "https://www.w3.org/ns/activitystreams#Public"

static gboolean
is_public (const char *iri)
{
  return g_strcmp0 (iri, AS_PUBLIC) == 0 || g_strcmp0 (iri, "as:Public") == 0 ||
         g_strcmp0 (iri, "Public") == 0;
}

typedef enum {
  ADDRESSED_NONE      = 0,
  ADDRESSED_ANY       = 1 << 0,
  ADDRESSED_PUBLIC    = 1 << 1,
  ADDRESSED_FOLLOWERS = 1 << 2,
} Addressed;

/* "to" and "cc" may each be one IRI or a list of them. */
static Addressed
addressed (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  Addressed what = ADDRESSED_NONE;
  JsonArray *list;

  if (node == NULL)
    return ADDRESSED_NONE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *iri = json_node_get_string (node);

      return ADDRESSED_ANY | (is_public (iri) ? ADDRESSED_PUBLIC : 0) |
             (g_str_has_suffix (iri, "/followers") ? ADDRESSED_FOLLOWERS : 0);
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return ADDRESSED_NONE;

  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *e = json_array_get_element (list, i);
      const char *iri;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        continue;
      iri = json_node_get_string (e);
      what |= ADDRESSED_ANY;
      if (is_public (iri))
        what |= ADDRESSED_PUBLIC;
      else if (g_str_has_suffix (iri, "/followers"))
        what |= ADDRESSED_FOLLOWERS;
    }
  return what;
}

/* Mastodon's four visibilities, as it writes them: public is addressed "to" the Public
 * collection, unlisted has it in "cc", followers-only addresses the followers collection, and
 * a direct post only the people it mentions. */
static SgPastPostAudience
visibility (JsonObject *note,
            JsonObject *activity)
{
  JsonObject *o = json_object_has_member (note, "to") ? note : activity;
  Addressed to = addressed (o, "to");
  Addressed cc = addressed (o, "cc");

  if (to & ADDRESSED_PUBLIC)
    return SG_PAST_POST_AUDIENCE_PUBLIC;
  if (cc & ADDRESSED_PUBLIC)
    return SG_PAST_POST_AUDIENCE_UNLISTED;
  if ((to | cc) & ADDRESSED_FOLLOWERS)
    return SG_PAST_POST_AUDIENCE_FOLLOWERS;
  if ((to | cc) & ADDRESSED_ANY)
    return SG_PAST_POST_AUDIENCE_DIRECT;
  return SG_PAST_POST_AUDIENCE_UNKNOWN;
}

/* The status id Mastodon's API takes is the last part of the object's IRI
 * (https://host/users/name/statuses/109876 → 109876). */
static char *
status_id (const char *iri)
{
  const char *slash;
  g_autofree char *trimmed = g_strdup (iri);
  gsize len = strlen (trimmed);

  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  slash = strrchr (trimmed, '/');
  if (slash != NULL && slash[1] != '\0')
    return g_strdup (slash + 1);
  return g_steal_pointer (&trimmed);
}

static GDateTime *
parse_published (const char *published)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date = NULL;

  if (published == NULL || (date = g_date_time_new_from_iso8601 (published, utc)) == NULL)
    return NULL;
  return g_date_time_to_utc (date);
}

/* "content", or failing it the first language of "contentMap". */
static const char *
content_html (JsonObject *note)
{
  const char *html = sg_archive_json_string (note, "content");
  JsonObject *map;
  GList *members;

  if (html != NULL || (map = sg_archive_json_object (note, "contentMap")) == NULL)
    return html;
  members = json_object_get_members (map);
  for (GList *m = members; m != NULL && html == NULL; m = m->next)
    html = sg_archive_json_string (map, m->data);
  g_list_free (members);
  return html;
}

/* A poll's options are words the author wrote too: one a line after the question. */
static void
append_poll_options (GString    *text,
                     JsonObject *note)
{
  const char * const members[] = { "oneOf", "anyOf" };

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonArray *options = sg_archive_json_array (note, members[m]);

      for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
        {
          JsonNode *e = json_array_get_element (options, i);
          const char *name;

          if (!JSON_NODE_HOLDS_OBJECT (e) ||
              (name = sg_archive_json_string (json_node_get_object (e), "name")) == NULL)
            continue;
          g_string_append (text, text->len > 0 ? "\n" : "");
          g_string_append (text, name);
        }
    }
}

static GStrv
media_descriptions (JsonObject *note)
{
  JsonArray *attachments = sg_archive_json_array (note, "attachment");
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n;

  if (attachments == NULL || (n = json_array_get_length (attachments)) == 0)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (attachments, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (e) ?
                         sg_archive_json_string (json_node_get_object (e), "name") : NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

      g_strv_builder_add (builder, stripped);
    }
  return g_strv_builder_end (builder);
}

SgPastPost *
sg_archive_mastodon_read_item (JsonNode  *item,
                               GError   **error)
{
  JsonObject *activity, *note;
  const char *type, *iri, *html, *summary, *url, *reply;
  g_autoptr(SgPastPost) post = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *id = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("it is not an activity"));
      return NULL;
    }
  activity = json_node_get_object (item);
  type = sg_archive_json_string (activity, "type");
  if (type == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("it has no type"));
      return NULL;
    }
  /* Boosts (Announce) carry only the address of someone else's post. */
  if (!g_str_equal (type, "Create"))
    return NULL;
  if ((note = sg_archive_json_object (activity, "object")) == NULL)
    {
      if (sg_archive_json_string (activity, "object") != NULL)
        return NULL;                   /* a reference, not the post itself */
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("it has no post in it"));
      return NULL;
    }
  type = sg_archive_json_string (note, "type");
  if (g_strcmp0 (type, "Note") != 0 && g_strcmp0 (type, "Question") != 0 &&
      g_strcmp0 (type, "Article") != 0)
    return NULL;

  if ((iri = sg_archive_json_string (note, "id")) == NULL || *iri == '\0')
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("the post has no id"));
      return NULL;
    }
  id = status_id (iri);
  post = sg_past_post_new ("mastodon", id);

  post->date = parse_published (sg_archive_json_string (note, "published"));
  if (post->date == NULL)
    post->date = parse_published (sg_archive_json_string (activity, "published"));

  html = content_html (note);
  text = g_string_new (NULL);
  if (html != NULL)
    {
      g_autofree char *plain = sg_archive_html_to_text (html);

      g_string_append (text, plain);
    }
  append_poll_options (text, note);
  g_free (post->text);
  post->text = g_string_free (g_steal_pointer (&text), FALSE);

  /* The content warning is written as plain text. */
  if ((summary = sg_archive_json_string (note, "summary")) != NULL && *summary != '\0')
    post->content_warning = g_strstrip (g_strdup (summary));
  post->media_descriptions = media_descriptions (note);

  url = sg_archive_json_string (note, "url");
  post->url = g_strdup (url != NULL && g_str_has_prefix (url, "http") ? url : iri);
  post->audience = visibility (note, activity);
  if ((reply = sg_archive_json_string (note, "inReplyTo")) != NULL && *reply != '\0')
    post->in_reply_to = g_strdup (reply);

  return g_steal_pointer (&post);
}
