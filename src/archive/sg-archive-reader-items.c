/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An item of a posts file to an SgPastPost: a JSON element or a CSV record through the
 * platform's reader, or the next record of a Bluesky repository, then what every post goes
 * through (UTF-8, text to check, an id of its own, the counts). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-archive-reader-private.h"

/* A list's first item says whose it is. */
static Kind
kind_of_item (JsonNode *node)
{
  JsonObject *o;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return KIND_NONE;
  o = json_node_get_object (node);
  if (json_object_has_member (o, "tweet") || json_object_has_member (o, "full_text"))
    return KIND_X;
  if (json_object_has_member (o, "timestamp") &&
      (json_object_has_member (o, "data") || json_object_has_member (o, "attachments") ||
       json_object_has_member (o, "title")))
    return KIND_FACEBOOK;
  if (json_object_has_member (o, "media"))
    return KIND_INSTAGRAM;
  return KIND_NONE;
}

/* ---- Items */

static gboolean
claim_id (SgArchiveReader *self,
          SgPastPost      *post)
{
  g_autofree char *key = NULL;

  /* Facebook and Instagram posts are known by the second they were written; two in one
   * second get -2, -3 … so each id still names one post. */
  if (!g_str_equal (post->platform, "facebook") && !g_str_equal (post->platform, "instagram"))
    return TRUE;
  key = g_strdup_printf ("%s:%s", post->platform, post->id);
  for (guint n = 2; g_hash_table_contains (self->seen_ids, key) && n < G_MAXUINT; n++)
    {
      g_free (key);
      key = g_strdup_printf ("%s:%s-%u", post->platform, post->id, n);
    }
  g_free (post->id);
  post->id = g_strdup (strchr (key, ':') + 1);
  g_hash_table_add (self->seen_ids, g_steal_pointer (&key));
  return TRUE;
}

static SgPastPost *
read_json_item (SgArchiveReader *self,
                GBytes          *element,
                gboolean        *repaired)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;
  JsonNode *root;
  SgPastPost *post = NULL;

  if (g_bytes_get_size (element) == 0)
    {
      sg_archive_reader_note_problem (self, _("%s, item %u: too large to be a post; skipped."),
                                      self->source, self->item);
      self->n_skipped++;
      return NULL;
    }

  *repaired = sg_archive_make_valid (&element);
  data = g_bytes_get_data (element, &len);
  /* White space or a byte order mark alone parses, as a document with no value (root NULL). */
  if (!json_parser_load_from_data (self->parser, data, (gssize) len, &error) ||
      json_parser_get_root (self->parser) == NULL)
    {
      sg_archive_reader_note_problem (self, _("%s, item %u: not valid JSON; skipped."),
                                      self->source, self->item);
      self->n_skipped++;
      g_bytes_unref (element);
      return NULL;
    }
  g_bytes_unref (element);
  root = json_parser_get_root (self->parser);

  if (self->kind == KIND_JSON_LIST)
    {
      Kind kind = kind_of_item (root);

      if (kind == KIND_NONE || (kind == KIND_X && self->hint != KIND_X &&
                                self->hint != KIND_NONE))
        {
          sg_archive_reader_note_unknown_format (self, self->source);
          /* Nothing of it will be read: the file is given up, and it was not a posts file. */
          g_free (g_ptr_array_steal_index (self->sources, self->sources->len - 2));
          sg_archive_reader_close_source (self);
          return NULL;
        }
      self->kind = kind;
    }

  switch (self->kind)
    {
    case KIND_MASTODON:
      post = sg_archive_mastodon_read_item (root, &error);
      break;
    case KIND_X:
      post = sg_archive_x_read_item (root, &error);
      break;
    case KIND_FACEBOOK:
      post = sg_archive_facebook_read_item (root, &error);
      break;
    case KIND_INSTAGRAM:
      post = sg_archive_instagram_read_item (root, &error);
      break;
    case KIND_NONE:
    case KIND_JSON_LIST:
    case KIND_LINKEDIN:
    case KIND_BLUESKY:
    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    {
      /* error->message names no text of the post (see sg-archive-private.h). */
      sg_archive_reader_note_problem (self, _("%s, item %u: %s; skipped."), self->source,
                                      self->item, error->message);
      self->n_skipped++;
    }
  return post;
}

static SgPastPost *
read_csv_record (SgArchiveReader *self,
                 GPtrArray       *record,
                 gboolean        *repaired)
{
  g_autoptr(GError) error = NULL;
  SgPastPost *post;

  if (record->len == 0)
    {
      sg_archive_reader_note_problem (self, _("%s, row %u: too large to be a post; skipped."),
                                      self->source, self->item);
      self->n_skipped++;
      return NULL;
    }
  for (guint i = 0; i < record->len; i++)
    {
      char *field = g_ptr_array_index (record, i);

      if (!g_utf8_validate (field, -1, NULL))
        {
          record->pdata[i] = g_utf8_make_valid (field, -1);
          g_free (field);
          *repaired = TRUE;
        }
    }

  if (!self->have_header)
    {
      if (!sg_archive_linkedin_read_header (record, &self->columns))
        {
          sg_archive_reader_note_unknown_format (self, self->source);
          g_free (g_ptr_array_steal_index (self->sources, self->sources->len - 2));
          sg_archive_reader_close_source (self);
          return NULL;
        }
      self->have_header = TRUE;
      *repaired = FALSE;
      return NULL;
    }
  if (record->len == 1 && *(const char *) g_ptr_array_index (record, 0) == '\0')
    return NULL;                       /* a blank line */

  if ((post = sg_archive_linkedin_read_record (record, &self->columns, &error)) == NULL)
    {
      sg_archive_reader_note_problem (self, _("%s, row %u: %s; skipped."), self->source, self->item,
                                      error->message);
      self->n_skipped++;
    }
  return post;
}

static SgPastPost *finish_post (SgArchiveReader *self,
                                SgPastPost      *post_in,
                                gboolean         repaired);

SgPastPost *
sg_archive_reader_read_pending (SgArchiveReader *self)
{
  gpointer item = g_queue_pop_head (&self->pending);
  SgPastPost *post = NULL;
  gboolean repaired = FALSE;

  self->item++;
  if (self->kind == KIND_LINKEDIN)
    {
      post = read_csv_record (self, item, &repaired);
      g_ptr_array_unref (item);
    }
  else
    post = read_json_item (self, item, &repaired);   /* takes the element */
  return finish_post (self, post, repaired);
}

SgPastPost *
sg_archive_reader_read_bluesky (SgArchiveReader *self,
                                gboolean        *done)
{
  g_autoptr(GError) error = NULL;
  SgPastPost *post;

  post = sg_bluesky_repo_next (self->bluesky, done, &error);
  if (*done)
    return NULL;
  self->item++;
  if (error != NULL)
    {
      sg_archive_reader_note_problem (self, _("%s, item %u: %s; skipped."), self->source,
                                      self->item, error->message);
      self->n_skipped++;
    }
  return finish_post (self, post, FALSE);
}

/* What every reader's post goes through: UTF-8, text to check, its id, the counts. Takes
 * @post_in; NULL when it is not one to hand out. */
static SgPastPost *
finish_post (SgArchiveReader *self,
             SgPastPost      *post_in,
             gboolean         repaired)
{
  g_autoptr(SgPastPost) post = post_in;

  if (post == NULL)
    return NULL;
  if (sg_archive_post_make_valid (post))
    repaired = TRUE;
  if (!sg_past_post_has_text (post))
    {
      self->n_without_text++;
      return NULL;
    }
  if (repaired)
    {
      sg_archive_reader_note_problem (self, _("%s, item %u: some bytes were not UTF-8 and were "
                                              "replaced by “�”."), self->source, self->item);
      self->n_repaired++;
    }
  claim_id (self, post);
  post->source = g_strdup (self->source);
  self->n_posts++;
  return g_steal_pointer (&post);
}
