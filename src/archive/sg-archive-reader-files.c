/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The container SgArchiveReader reads (a zip, a tar.gz, or one posts file on its own) and the
 * posts files in it: opening them, telling from its first bytes what each is, and reading
 * their bytes within the limits (unpacked total, packing ratio, number of files). */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sg-archive-reader-private.h"
#include "sg-error.h"

#define HEAD         (64 * 1024)     /* what a posts file is, is read from this much of it */
#define RATIO_FLOOR  (1024 * 1024)   /* below this, a file's packing ratio is not judged */

void
sg_archive_reader_close_source (SgArchiveReader *self)
{
  gpointer item;

  while ((item = g_queue_pop_head (&self->pending)) != NULL)
    {
      if (self->kind == KIND_LINKEDIN)
        g_ptr_array_unref (item);
      else
        g_bytes_unref (item);
    }
  g_clear_pointer (&self->json, sg_json_stream_free);
  g_clear_pointer (&self->csv, sg_csv_stream_free);
  g_clear_pointer (&self->bluesky, sg_bluesky_repo_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->head, g_byte_array_unref);
  self->source_open = FALSE;
  self->source_eof = FALSE;
  self->have_header = FALSE;
  self->kind = KIND_NONE;
  self->hint = KIND_NONE;
  self->item = 0;
}

void
sg_archive_reader_close_container (SgArchiveReader *self)
{
  sg_archive_reader_close_source (self);
  g_clear_pointer (&self->archive, archive_read_free);
  g_clear_pointer (&self->plain, fclose);
}

/* ---- What a posts file is */

static Kind
kind_from_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *lower = g_ascii_strdown (base, -1);
  static GRegex *x, *facebook, *instagram;

  if (g_once_init_enter (&x))
    {
      /* On bytes, as names were once (they are made UTF-8 first now; this costs nothing). */
      facebook = g_regex_new ("^your_posts_.*[0-9]+\\.json$", G_REGEX_OPTIMIZE | G_REGEX_RAW, 0,
                              NULL);
      instagram = g_regex_new ("^posts_[0-9]+\\.json$", G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, NULL);
      g_once_init_leave (&x, g_regex_new ("^tweets?(-part[0-9]+)?\\.js$",
                                          G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, NULL));
    }

  if (g_str_equal (lower, "outbox.json"))
    return KIND_MASTODON;
  if (g_regex_match (x, lower, 0, NULL))
    return KIND_X;
  if (g_regex_match (facebook, lower, 0, NULL))
    return KIND_FACEBOOK;
  if (g_regex_match (instagram, lower, 0, NULL))
    return KIND_INSTAGRAM;
  if (g_str_equal (lower, "shares.csv"))
    return KIND_LINKEDIN;
  return KIND_NONE;
}

static gboolean
is_html_export (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);

  return g_str_has_suffix (base, ".html") &&
         (g_str_has_prefix (base, "your_posts") || g_str_has_prefix (base, "posts_"));
}

/* Read from the first bytes, never from a name: a JSON list is told apart by its first item. */
static Kind
sniff (const guint8 *head,
       gsize         len)
{
  const char *p = (const char *) head, *end = p + len;
  const char *line_end;
  g_autofree char *first_line = NULL;

  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (sg_bluesky_is_car (head, len))
    return KIND_BLUESKY;
  if (p == end)
    return KIND_NONE;

  if ((gsize) (end - p) >= 11 && memcmp (p, "window.YTD.", 11) == 0)
    return KIND_X;
  if (*p == '{')
    return g_strstr_len (p, end - p, "\"orderedItems\"") != NULL ||
           g_strstr_len (p, end - p, "\"OrderedCollection\"") != NULL ? KIND_MASTODON : KIND_NONE;
  if (*p == '[')
    return KIND_JSON_LIST;

  line_end = memchr (p, '\n', (gsize) (end - p));
  first_line = g_strndup (p, (line_end != NULL ? line_end : end) - p);
  if (strstr (first_line, "ShareCommentary") != NULL && strstr (first_line, "Date") != NULL)
    return KIND_LINKEDIN;
  return KIND_NONE;
}

/* ---- Reading bytes with the limits */

static gboolean
check_ratio (SgArchiveReader  *self,
             const char       *what,
             GError          **error)
{
  gint64 raw = archive_filter_bytes (self->archive, -1) - self->entry_raw_start;

  if (self->entry_out > RATIO_FLOOR &&
      self->entry_out / (guint64) MAX (raw, 1) > self->limits.max_ratio)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” was not read further: %s unpacks to over %u times its packed size, "
                     "which a platform’s archive never does (it may be a “zip bomb”). Download "
                     "the archive again from the platform."),
                   self->display, what, self->limits.max_ratio);
      return FALSE;
    }
  return TRUE;
}

gssize
sg_archive_reader_read_source (SgArchiveReader  *self,
                               guint8           *buf,
                               gsize             size,
                               GError          **error)
{
  la_ssize_t n;

  if (self->plain != NULL)
    {
      size_t got = fread (buf, 1, size, self->plain);

      if (got == 0 && ferror (self->plain))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                       _("“%s” could not be read: %s"), self->display, g_strerror (errno));
          return -1;
        }
      return (gssize) got;
    }

  n = archive_read_data (self->archive, buf, size);
  if (n < 0)
    {
      sg_archive_reader_set_damaged_error (self, self->source, error);
      return -1;
    }
  self->entry_out += (guint64) n;
  self->total_out += (guint64) n;
  if (!check_ratio (self, self->source, error))
    return -1;
  if (self->total_out > self->limits.max_total_bytes)
    {
      g_autofree char *limit = g_format_size (self->limits.max_total_bytes);

      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” was not read further: its posts files unpack to more than %s, more "
                     "than SocialGuard reads from one archive."), self->display, limit);
      return -1;
    }
  return (gssize) n;
}

/* An entry of a compressed tar we do not want is unpacked anyway to get past it: a bomb there
 * would cost time, so the ratio is watched here too. A zip skips without unpacking. */
static gboolean
skip_entry (SgArchiveReader  *self,
            const char       *name,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autofree guint8 *buf = NULL;
  la_ssize_t n;

  if (!self->compressed_tar)
    {
      if (archive_read_data_skip (self->archive) != ARCHIVE_OK)
        {
          sg_archive_reader_set_damaged_error (self, name, error);
          return FALSE;
        }
      return TRUE;
    }

  buf = g_malloc (CHUNK);
  while ((n = archive_read_data (self->archive, buf, CHUNK)) > 0)
    {
      self->entry_out += (guint64) n;
      if (!check_ratio (self, name, error) ||
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (n < 0)
    {
      sg_archive_reader_set_damaged_error (self, name, error);
      return FALSE;
    }
  return TRUE;
}

/* ---- Opening */

gboolean
sg_archive_reader_open_container (SgArchiveReader  *self,
                                  GError          **error)
{
  guint8 magic[512];
  size_t n;
  GStatBuf st;
  FILE *file;

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” is a folder: give the archive file itself (the .zip the platform "
                     "sent, or the posts file from it)."), self->display);
      return FALSE;
    }
  if ((file = g_fopen (self->path, "rb")) == NULL)
    {
      int saved = errno;

      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("“%s” could not be opened: %s"),
                   self->display, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fileno (file), &st) == 0)
    self->file_size = (guint64) st.st_size;
  n = fread (magic, 1, sizeof magic, file);

  /* A zip (local header, or the end record of an empty one), a gzip stream (Mastodon's
   * archives before 4.2 were .tar.gz) or a tar. */
  if ((n >= 4 && (memcmp (magic, "PK\3\4", 4) == 0 || memcmp (magic, "PK\5\6", 4) == 0)) ||
      (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) ||
      (n >= 262 && memcmp (magic + 257, "ustar", 5) == 0))
    {
      fclose (file);
      if (!sg_libarchive_load (error))
        return FALSE;
      self->archive = archive_read_new ();
      archive_read_support_format_zip (self->archive);
      archive_read_support_format_tar (self->archive);
      archive_read_support_filter_gzip (self->archive);
      if (archive_read_open_filename (self->archive, self->path, CHUNK) != ARCHIVE_OK)
        {
          if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            sg_archive_reader_set_unknown_error (self, error);    /* gzip, but not of a tar */
          else
            sg_archive_reader_set_damaged_error (self, _("its list of files"), error);
          return FALSE;
        }
      return TRUE;
    }

  /* One posts file on its own: read from the start again. */
  if (fseek (file, 0, SEEK_SET) != 0)
    {
      int saved = errno;

      fclose (file);
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("“%s” could not be read: %s"),
                   self->display, g_strerror (saved));
      return FALSE;
    }
  self->plain = file;
  return TRUE;
}

gboolean
sg_archive_reader_open_source (SgArchiveReader  *self,
                               const char       *name,
                               Kind              hint,
                               GCancellable     *cancellable,
                               GError          **error)
{
  guint8 buf[CHUNK];

  self->source = g_strdup (name);
  self->hint = hint;
  self->source_open = TRUE;
  self->head = g_byte_array_sized_new (HEAD);

  while (self->head->len < HEAD)
    {
      gssize n = sg_archive_reader_read_source (self, buf, MIN (sizeof buf, HEAD - self->head->len),
                                                error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          self->source_eof = TRUE;
          break;
        }
      g_byte_array_append (self->head, buf, (guint) n);
    }

  self->kind = sniff (self->head->data, self->head->len);
  switch (self->kind)
    {
    case KIND_MASTODON:
      self->json = sg_json_stream_new ("orderedItems", FALSE, self->limits.max_post_bytes);
      break;
    case KIND_X:
    case KIND_JSON_LIST:
      self->json = sg_json_stream_new (NULL, TRUE, self->limits.max_post_bytes);
      break;
    case KIND_LINKEDIN:
      self->csv = sg_csv_stream_new (self->limits.max_post_bytes);
      break;
    case KIND_BLUESKY:
      if (self->plain != NULL)
        {
          g_autoptr(GError) local = NULL;
          guint max_blocks = self->limits.max_entries > G_MAXUINT / 4 ? G_MAXUINT
                                                                      : self->limits.max_entries * 4;

          /* It seeks in the file: the head is read again from there. */
          g_clear_pointer (&self->head, g_byte_array_unref);
          self->source_eof = TRUE;
          /* Indexing reads the whole file: it can be cancelled. */
          self->bluesky = sg_bluesky_repo_open (self->plain, self->limits.max_post_bytes,
                                                max_blocks, cancellable, &local);
          if (self->bluesky == NULL)
            {
              if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                g_propagate_error (error, g_steal_pointer (&local));
              else
                sg_archive_reader_set_malformed_error (self, local->message, error);
              return FALSE;
            }
          if (sg_bluesky_repo_used_fallback (self->bluesky))
            sg_archive_reader_note_problem (self, _("%s: the list of posts in it is incomplete or "
                                                    "damaged, so posts are known by their "
                                                    "content’s identifier (CID) rather than "
                                                    "their address, and have no link."), name);
          if (sg_bluesky_repo_get_n_bad_blocks (self->bluesky) > 0)
            {
              guint n = sg_bluesky_repo_get_n_bad_blocks (self->bluesky);

              sg_archive_reader_note_problem (self,
                                              g_dngettext (GETTEXT_PACKAGE,
                                                           "%s: %u part does not match its "
                                                           "checksum and was not read.",
                                                           "%s: %u parts do not match their "
                                                           "checksum and were not read.", n),
                                              name, n);
            }
          break;
        }
      G_GNUC_FALLTHROUGH;
    case KIND_NONE:
    case KIND_FACEBOOK:
    case KIND_INSTAGRAM:
    default:
      sg_archive_reader_note_unknown_format (self, name);
      sg_archive_reader_close_source (self);
      return FALSE;
    }

  g_ptr_array_insert (self->sources, self->sources->len - 1, g_strdup (name));
  return TRUE;
}

gboolean
sg_archive_reader_feed (SgArchiveReader  *self,
                        const guint8     *data,
                        gsize             len,
                        GError          **error)
{
  g_autoptr(GError) local = NULL;

  if (self->csv != NULL)
    {
      sg_csv_stream_feed (self->csv, (const char *) data, len, &self->pending);
      return TRUE;
    }
  if (!sg_json_stream_feed (self->json, (const char *) data, len, &self->pending, &local))
    {
      sg_archive_reader_set_malformed_error (self, local->message, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sg_archive_reader_finish_source (SgArchiveReader  *self,
                                 GError          **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  ok = self->csv != NULL ? sg_csv_stream_finish (self->csv, &self->pending, &local)
                         : sg_json_stream_finish (self->json, &local);
  if (!ok)
    {
      sg_archive_reader_set_malformed_error (self, local->message, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sg_archive_reader_next_entry (SgArchiveReader  *self,
                              GCancellable     *cancellable,
                              gboolean         *at_end,
                              GError          **error)
{
  struct archive_entry *entry;
  g_autofree char *valid_name = NULL;

  *at_end = FALSE;
  for (;;)
    {
      const char *name;
      Kind hint;
      int r;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      r = archive_read_next_header (self->archive, &entry);
      if (r == ARCHIVE_EOF)
        {
          *at_end = TRUE;
          return FALSE;
        }
      if (r < ARCHIVE_WARN)
        {
          sg_archive_reader_set_damaged_error (self, _("its list of files"), error);
          return FALSE;
        }
      if (++self->n_entries > self->limits.max_entries)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                       _("“%s” was not read further: it lists more than %u files, more than "
                         "any platform’s archive."), self->display, self->limits.max_entries);
          return FALSE;
        }

      /* Names are bytes in whatever encoding the zipping computer used; every message and
       * post->source quote them, so they are made UTF-8 here, once. */
      g_free (valid_name);
      valid_name = sg_archive_valid_name (archive_entry_pathname (entry));
      name = valid_name;
      self->entry_out = 0;
      self->entry_raw_start = archive_filter_bytes (self->archive, -1);
      if (archive_filter_count (self->archive) > 1 && archive_format (self->archive) != 0 &&
          (archive_format (self->archive) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_TAR)
        self->compressed_tar = TRUE;

      hint = archive_entry_filetype (entry) == AE_IFREG ? kind_from_name (name) : KIND_NONE;
      if (hint == KIND_NONE)
        {
          if (is_html_export (name))
            self->saw_html_export = TRUE;
          if (!skip_entry (self, name, cancellable, error))
            return FALSE;
          continue;
        }
      if (archive_entry_is_encrypted (entry))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                       _("“%s” is protected by a password, so %s in it cannot be read. "
                         "Download the archive again without one."), self->display, name);
          return FALSE;
        }

      if (sg_archive_reader_open_source (self, name, hint, cancellable, error))
        return TRUE;
      if (error != NULL && *error != NULL)
        return FALSE;
      /* The name misled: not a posts file. Go on to the next entry. */
    }
}
