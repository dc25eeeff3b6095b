/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SgArchiveReader: the object, the loop that hands out one post at a time, and the messages
 * a doctor can act on. Opening and reading the files is in sg-archive-reader-files.c, an item
 * to a post in -items.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-archive-reader-private.h"
#include "sg-error.h"

#define MAX_PROBLEMS 100

G_DEFINE_FINAL_TYPE (SgArchiveReader, sg_archive_reader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Helpers */

void
sg_archive_reader_note_problem (SgArchiveReader *self,
                                const char      *format,
                                ...)
{
  va_list args;

  if (self->problems->len >= MAX_PROBLEMS + 1)   /* the list ends with NULL */
    return;
  va_start (args, format);
  g_ptr_array_insert (self->problems, self->problems->len - 1, g_strdup_vprintf (format, args));
  va_end (args);
}

/* ---- Messages a doctor can act on */

/* @name was taken for a posts file by its name, but what it holds is not that platform's
 * format: said when it is one file of an archive (a file on its own is an error instead). */
void
sg_archive_reader_note_unknown_format (SgArchiveReader *self,
                                       const char      *name)
{
  if (self->archive != NULL)
    sg_archive_reader_note_problem (self, _("%s is not in the format SocialGuard knows for it and "
                                            "was not read."), name);
}

void
sg_archive_reader_set_unknown_error (SgArchiveReader  *self,
                                     GError          **error)
{
  if (self->saw_html_export)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED,
                 _("“%s” is a download in HTML. Request your information again from Facebook "
                   "or Instagram choosing the JSON format, and check that file."),
                 self->display);
  else if (self->archive != NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED,
                 _("“%s” holds no posts SocialGuard can read. It looks for outbox.json "
                   "(Mastodon), data/tweets.js (X), your_posts_1.json (Facebook), posts_1.json "
                   "(Instagram) and Shares.csv (LinkedIn)."), self->display);
  else
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED,
                 _("“%s” is not an archive SocialGuard can read. Use the file the platform "
                   "gives you: Mastodon’s archive (with outbox.json), X’s archive (with "
                   "data/tweets.js), Facebook’s or Instagram’s “Download your information” in "
                   "JSON, LinkedIn’s data export (Shares.csv), or Bluesky’s repository "
                   "export (the .car file from Settings, Export my data)."), self->display);
}

void
sg_archive_reader_set_damaged_error (SgArchiveReader  *self,
                                     const char       *what,
                                     GError          **error)
{
  const char *detail = self->archive != NULL ? archive_error_string (self->archive) : NULL;
  /* libarchive's reasons can quote a name from the archive: bytes, not always UTF-8. */
  g_autofree char *valid = detail != NULL ? sg_archive_valid_name (detail) : NULL;

  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
               _("“%s” is damaged or incomplete: %s could not be unpacked (%s). Download it "
                 "again from the platform; the posts before the damage were read."),
               self->display, what, valid != NULL ? valid : _("no reason given"));
}

void
sg_archive_reader_set_malformed_error (SgArchiveReader  *self,
                                       const char       *reason,
                                       GError          **error)
{
  if (self->archive != NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                 _("%s in “%s” cannot be read to the end: %s. Download the archive again; the "
                   "posts before that point were read."), self->source, self->display, reason);
  else
    g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                 _("“%s” cannot be read to the end: %s. Download it again; the posts before "
                   "that point were read."), self->display, reason);
}

/* ---- GObject */

static void
sg_archive_reader_finalize (GObject *object)
{
  SgArchiveReader *self = SG_ARCHIVE_READER (object);

  sg_archive_reader_close_container (self);
  g_free (self->path);
  g_free (self->display);
  g_clear_object (&self->parser);
  g_hash_table_unref (self->seen_ids);
  g_ptr_array_unref (self->sources);
  g_ptr_array_unref (self->problems);

  G_OBJECT_CLASS (sg_archive_reader_parent_class)->finalize (object);
}

static void
sg_archive_reader_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SgArchiveReader *self = SG_ARCHIVE_READER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_archive_reader_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SgArchiveReader *self = SG_ARCHIVE_READER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      g_free (self->display);
      self->display = self->path != NULL ? g_filename_display_basename (self->path) : NULL;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_archive_reader_class_init (SgArchiveReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_archive_reader_finalize;
  object_class->get_property = sg_archive_reader_get_property;
  object_class->set_property = sg_archive_reader_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sg_archive_reader_init (SgArchiveReader *self)
{
  sg_archive_limits_init (&self->limits);
  g_queue_init (&self->pending);
  self->parser = json_parser_new_immutable ();
  self->seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sources = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->sources, NULL);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->problems, NULL);
}

/* ---- Public API */

void
sg_archive_limits_init (SgArchiveLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_total_bytes = G_GUINT64_CONSTANT (2) * 1024 * 1024 * 1024;
  limits->max_ratio = 200;
  limits->max_entries = 500000;
  limits->max_post_bytes = 16 * 1024 * 1024;
}

SgArchiveReader *
sg_archive_reader_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (SG_TYPE_ARCHIVE_READER, "path", path, NULL);
}

const char *
sg_archive_reader_get_path (SgArchiveReader *self)
{
  g_return_val_if_fail (SG_IS_ARCHIVE_READER (self), NULL);

  return self->path;
}

void
sg_archive_reader_set_limits (SgArchiveReader       *self,
                              const SgArchiveLimits *limits)
{
  g_return_if_fail (SG_IS_ARCHIVE_READER (self));
  g_return_if_fail (limits != NULL);
  g_return_if_fail (!self->started);

  self->limits = *limits;
}

static SgPastPost *
stop (SgArchiveReader *self)
{
  self->finished = TRUE;
  sg_archive_reader_close_container (self);
  return NULL;
}

SgPastPost *
sg_archive_reader_next (SgArchiveReader  *self,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autofree guint8 *buf = NULL;

  g_return_val_if_fail (SG_IS_ARCHIVE_READER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->finished)
    return NULL;
  if (!self->started)
    {
      self->started = TRUE;
      if (!sg_archive_reader_open_container (self, error))
        return stop (self);
      /* The file's display name: its name on the disk may not be UTF-8. */
      if (self->plain != NULL &&
          !sg_archive_reader_open_source (self, self->display, KIND_NONE, cancellable, error))
        {
          if (error == NULL || *error == NULL)
            sg_archive_reader_set_unknown_error (self, error);
          return stop (self);
        }
    }

  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return stop (self);

      if (self->bluesky != NULL)
        {
          gboolean done;
          SgPastPost *post = sg_archive_reader_read_bluesky (self, &done);
          const GError *damage;

          if (post != NULL)
            return post;
          if (!done)
            continue;
          /* Posts before a cut or a damaged block were read; the damage is told last. */
          if ((damage = sg_bluesky_repo_get_damage (self->bluesky)) != NULL)
            {
              sg_archive_reader_set_malformed_error (self, damage->message, error);
              return stop (self);
            }
          sg_archive_reader_close_source (self);
          continue;
        }

      if (!g_queue_is_empty (&self->pending))
        {
          SgPastPost *post = sg_archive_reader_read_pending (self);

          if (post != NULL)
            return post;
          continue;
        }

      if (self->source_open && self->head != NULL)
        {
          /* What the kind was read from is fed first. */
          g_autoptr(GByteArray) head = g_steal_pointer (&self->head);

          if (!sg_archive_reader_feed (self, head->data, head->len, error))
            return stop (self);
          continue;
        }

      if (self->source_open && !self->source_eof)
        {
          gssize n;

          if (buf == NULL)
            buf = g_malloc (CHUNK);
          if ((n = sg_archive_reader_read_source (self, buf, CHUNK, error)) < 0)
            return stop (self);
          if (n == 0)
            self->source_eof = TRUE;
          else if (!sg_archive_reader_feed (self, buf, (gsize) n, error))
            return stop (self);
          continue;
        }

      if (self->source_open)
        {
          /* The file has ended: its last record, or an error if it was cut off. */
          if (!sg_archive_reader_finish_source (self, error))
            return stop (self);
          if (self->kind == KIND_JSON_LIST && g_queue_is_empty (&self->pending))
            {
              /* An empty list: whose it is, only its name can say. */
              if (self->hint == KIND_NONE)
                {
                  g_free (g_ptr_array_steal_index (self->sources, self->sources->len - 2));
                  if (self->archive == NULL)
                    {
                      sg_archive_reader_set_unknown_error (self, error);
                      return stop (self);
                    }
                }
            }
          if (g_queue_is_empty (&self->pending))
            sg_archive_reader_close_source (self);
          else
            self->source_open = FALSE;   /* read what is pending, then close */
          continue;
        }

      if (self->source != NULL && g_queue_is_empty (&self->pending))
        {
          sg_archive_reader_close_source (self);
          continue;
        }

      if (self->archive != NULL)
        {
          gboolean at_end;

          if (sg_archive_reader_next_entry (self, cancellable, &at_end, error))
            continue;
          if (!at_end)
            return stop (self);
        }

      /* The end. Nothing read at all means it was not what SocialGuard reads. */
      if (self->sources->len == 1)
        sg_archive_reader_set_unknown_error (self, error);
      return stop (self);
    }
}

double
sg_archive_reader_get_fraction (SgArchiveReader *self)
{
  gint64 done = 0;

  g_return_val_if_fail (SG_IS_ARCHIVE_READER (self), 0.);

  if (self->finished)
    return 1.;
  if (self->bluesky != NULL)
    return sg_bluesky_repo_get_fraction (self->bluesky);
  if (self->archive != NULL)
    done = archive_filter_bytes (self->archive, -1);
  else if (self->plain != NULL)
    done = ftell (self->plain);
  if (self->file_size == 0 || done <= 0)
    return 0.;
  return MIN (1., (double) done / (double) self->file_size);
}

guint
sg_archive_reader_get_n_posts (SgArchiveReader *self)
{
  g_return_val_if_fail (SG_IS_ARCHIVE_READER (self), 0);
  return self->n_posts;
}

guint
sg_archive_reader_get_n_skipped (SgArchiveReader *self)
{
  g_return_val_if_fail (SG_IS_ARCHIVE_READER (self), 0);
  return self->n_skipped;
}

guint
sg_archive_reader_get_n_repaired (SgArchiveReader *self)
{
  g_return_val_if_fail (SG_IS_ARCHIVE_READER (self), 0);
  return self->n_repaired;
}

guint
sg_archive_reader_get_n_without_text (SgArchiveReader *self)
{
  g_return_val_if_fail (SG_IS_ARCHIVE_READER (self), 0);
  return self->n_without_text;
}

const char * const *
sg_archive_reader_get_sources (SgArchiveReader *self)
{
  g_return_val_if_fail (SG_IS_ARCHIVE_READER (self), NULL);
  return (const char * const *) self->sources->pdata;
}

const char * const *
sg_archive_reader_get_problems (SgArchiveReader *self)
{
  g_return_val_if_fail (SG_IS_ARCHIVE_READER (self), NULL);
  return (const char * const *) self->problems->pdata;
}
