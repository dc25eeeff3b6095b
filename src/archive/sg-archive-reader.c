/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sg-archive-private.h"
#include "sg-archive-reader.h"
#include "sg-error.h"

/* What a posts file holds, as its content says. */
typedef enum {
  KIND_NONE,
  KIND_MASTODON,     /* outbox.json */
  KIND_X,            /* tweets.js */
  KIND_JSON_LIST,    /* a list: Facebook or Instagram, told apart by its first item */
  KIND_FACEBOOK,
  KIND_INSTAGRAM,
  KIND_LINKEDIN,     /* Shares.csv */
  KIND_BLUESKY,      /* the repository export, a CAR file */
} Kind;

#define CHUNK        (64 * 1024)
#define HEAD         (64 * 1024)     /* what a posts file is, is read from this much of it */
#define RATIO_FLOOR  (1024 * 1024)   /* below this, a file's packing ratio is not judged */
#define MAX_PROBLEMS 100

struct _SgArchiveReader
{
  GObject          parent_instance;

  char            *path;
  char            *display;         /* the file's name, as messages give it */
  SgArchiveLimits  limits;

  gboolean         started;
  gboolean         finished;

  /* The container: an archive, or one posts file on its own. */
  struct archive  *archive;
  gboolean         compressed_tar;  /* skipping an entry unpacks it: watch the ratio */
  FILE            *plain;
  guint64          file_size;
  guint            n_entries;
  gboolean         saw_html_export;

  /* The posts file being read. */
  gboolean         source_open;
  gboolean         source_eof;
  char            *source;
  Kind             kind;
  Kind             hint;            /* what its name suggests, for an empty list */
  SgJsonStream    *json;
  SgCsvStream     *csv;
  SgBlueskyRepo   *bluesky;
  SgLinkedinColumns columns;
  gboolean         have_header;
  guint            item;            /* items of this file seen so far */
  guint64          entry_out;       /* bytes unpacked from this entry */
  gint64           entry_raw_start; /* packed bytes consumed when it started */
  GQueue           pending;         /* elements (GBytes) or records (GPtrArray) not yet read */
  GByteArray      *head;

  guint64          total_out;
  JsonParser      *parser;
  GHashTable      *seen_ids;
  GPtrArray       *sources;
  GPtrArray       *problems;

  guint            n_posts;
  guint            n_skipped;
  guint            n_repaired;
  guint            n_without_text;
};

G_DEFINE_FINAL_TYPE (SgArchiveReader, sg_archive_reader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Helpers */

static void
note_problem (SgArchiveReader *self,
              const char      *format,
              ...) G_GNUC_PRINTF (2, 3);

static void
note_problem (SgArchiveReader *self,
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

static void
close_source (SgArchiveReader *self)
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

static void
close_container (SgArchiveReader *self)
{
  close_source (self);
  g_clear_pointer (&self->archive, archive_read_free);
  g_clear_pointer (&self->plain, fclose);
}

/* ---- Messages a doctor can act on */

static void
set_unknown_error (SgArchiveReader  *self,
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

static void
set_damaged_error (SgArchiveReader  *self,
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

/* A posts file cut off or malformed: @reason comes from the JSON or CSV reader. */
static void
set_malformed_error (SgArchiveReader  *self,
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

/* Up to @size bytes of the current posts file; 0 at its end, -1 on an error. */
static gssize
read_source (SgArchiveReader  *self,
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
      set_damaged_error (self, self->source, error);
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
          set_damaged_error (self, name, error);
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
      set_damaged_error (self, name, error);
      return FALSE;
    }
  return TRUE;
}

/* ---- Opening */

static gboolean
open_container (SgArchiveReader  *self,
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
      self->archive = archive_read_new ();
      archive_read_support_format_zip (self->archive);
      archive_read_support_format_tar (self->archive);
      archive_read_support_filter_gzip (self->archive);
      if (archive_read_open_filename (self->archive, self->path, CHUNK) != ARCHIVE_OK)
        {
          if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            set_unknown_error (self, error);    /* gzip, but not of a tar */
          else
            set_damaged_error (self, _("its list of files"), error);
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

/* Reads the head of the posts file just reached, says what it is and sets up its reader.
 * FALSE with @error unset: it is not a posts file after all (the name misled). */
static gboolean
open_source (SgArchiveReader  *self,
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
      gssize n = read_source (self, buf, MIN (sizeof buf, HEAD - self->head->len), error);

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
                set_malformed_error (self, local->message, error);
              return FALSE;
            }
          if (sg_bluesky_repo_used_fallback (self->bluesky))
            note_problem (self, _("%s: the list of posts in it is incomplete or damaged, so "
                                  "posts are known by their content’s identifier (CID) rather "
                                  "than their address, and have no link."), name);
          if (sg_bluesky_repo_get_n_bad_blocks (self->bluesky) > 0)
            {
              guint n = sg_bluesky_repo_get_n_bad_blocks (self->bluesky);

              note_problem (self, g_dngettext (GETTEXT_PACKAGE,
                                               "%s: %u part does not match its checksum and "
                                               "was not read.",
                                               "%s: %u parts do not match their checksum and "
                                               "were not read.", n), name, n);
            }
          break;
        }
      G_GNUC_FALLTHROUGH;
    case KIND_NONE:
    case KIND_FACEBOOK:
    case KIND_INSTAGRAM:
    default:
      if (self->archive != NULL)
        note_problem (self, _("%s is not in the format SocialGuard knows for it and was not "
                              "read."), name);
      close_source (self);
      return FALSE;
    }

  g_ptr_array_insert (self->sources, self->sources->len - 1, g_strdup (name));
  return TRUE;
}

/* Feeds what was read to the JSON or CSV splitter. */
static gboolean
feed (SgArchiveReader  *self,
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
      set_malformed_error (self, local->message, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
finish_source (SgArchiveReader  *self,
               GError          **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  ok = self->csv != NULL ? sg_csv_stream_finish (self->csv, &self->pending, &local)
                         : sg_json_stream_finish (self->json, &local);
  if (!ok)
    {
      set_malformed_error (self, local->message, error);
      return FALSE;
    }
  return TRUE;
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
      note_problem (self, _("%s, item %u: too large to be a post; skipped."), self->source,
                    self->item);
      self->n_skipped++;
      return NULL;
    }

  *repaired = sg_archive_make_valid (&element);
  data = g_bytes_get_data (element, &len);
  /* White space or a byte order mark alone parses, as a document with no value (root NULL). */
  if (!json_parser_load_from_data (self->parser, data, (gssize) len, &error) ||
      json_parser_get_root (self->parser) == NULL)
    {
      note_problem (self, _("%s, item %u: not valid JSON; skipped."), self->source, self->item);
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
          if (self->archive != NULL)
            note_problem (self, _("%s is not in the format SocialGuard knows for it and was "
                                  "not read."), self->source);
          /* Nothing of it will be read: the file is given up, and it was not a posts file. */
          g_free (g_ptr_array_steal_index (self->sources, self->sources->len - 2));
          close_source (self);
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
      note_problem (self, _("%s, item %u: %s; skipped."), self->source, self->item,
                    error->message);
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
      note_problem (self, _("%s, row %u: too large to be a post; skipped."), self->source,
                    self->item);
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
          if (self->archive != NULL)
            note_problem (self, _("%s is not in the format SocialGuard knows for it and was "
                                  "not read."), self->source);
          g_free (g_ptr_array_steal_index (self->sources, self->sources->len - 2));
          close_source (self);
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
      note_problem (self, _("%s, row %u: %s; skipped."), self->source, self->item,
                    error->message);
      self->n_skipped++;
    }
  return post;
}

static SgPastPost *finish_post (SgArchiveReader *self,
                                SgPastPost      *post_in,
                                gboolean         repaired);

/* The post of the next pending item, or NULL when that item gave none. */
static SgPastPost *
read_pending (SgArchiveReader *self)
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

/* The next record of a Bluesky repository; NULL when it gave no post. */
static SgPastPost *
read_bluesky (SgArchiveReader *self,
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
      note_problem (self, _("%s, item %u: %s; skipped."), self->source, self->item,
                    error->message);
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
      note_problem (self, _("%s, item %u: some bytes were not UTF-8 and were replaced by “�”."),
                    self->source, self->item);
      self->n_repaired++;
    }
  claim_id (self, post);
  post->source = g_strdup (self->source);
  self->n_posts++;
  return g_steal_pointer (&post);
}

/* Moves to the next posts file of the archive. FALSE at the end of the archive or on error. */
static gboolean
next_entry (SgArchiveReader  *self,
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
          set_damaged_error (self, _("its list of files"), error);
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

      if (open_source (self, name, hint, cancellable, error))
        return TRUE;
      if (error != NULL && *error != NULL)
        return FALSE;
      /* The name misled: not a posts file. Go on to the next entry. */
    }
}

/* ---- GObject */

static void
sg_archive_reader_finalize (GObject *object)
{
  SgArchiveReader *self = SG_ARCHIVE_READER (object);

  close_container (self);
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
  close_container (self);
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
      if (!open_container (self, error))
        return stop (self);
      /* The file's display name: its name on the disk may not be UTF-8. */
      if (self->plain != NULL &&
          !open_source (self, self->display, KIND_NONE, cancellable, error))
        {
          if (error == NULL || *error == NULL)
            set_unknown_error (self, error);
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
          SgPastPost *post = read_bluesky (self, &done);
          const GError *damage;

          if (post != NULL)
            return post;
          if (!done)
            continue;
          /* Posts before a cut or a damaged block were read; the damage is told last. */
          if ((damage = sg_bluesky_repo_get_damage (self->bluesky)) != NULL)
            {
              set_malformed_error (self, damage->message, error);
              return stop (self);
            }
          close_source (self);
          continue;
        }

      if (!g_queue_is_empty (&self->pending))
        {
          SgPastPost *post = read_pending (self);

          if (post != NULL)
            return post;
          continue;
        }

      if (self->source_open && self->head != NULL)
        {
          /* What the kind was read from is fed first. */
          g_autoptr(GByteArray) head = g_steal_pointer (&self->head);

          if (!feed (self, head->data, head->len, error))
            return stop (self);
          continue;
        }

      if (self->source_open && !self->source_eof)
        {
          gssize n;

          if (buf == NULL)
            buf = g_malloc (CHUNK);
          if ((n = read_source (self, buf, CHUNK, error)) < 0)
            return stop (self);
          if (n == 0)
            self->source_eof = TRUE;
          else if (!feed (self, buf, (gsize) n, error))
            return stop (self);
          continue;
        }

      if (self->source_open)
        {
          /* The file has ended: its last record, or an error if it was cut off. */
          if (!finish_source (self, error))
            return stop (self);
          if (self->kind == KIND_JSON_LIST && g_queue_is_empty (&self->pending))
            {
              /* An empty list: whose it is, only its name can say. */
              if (self->hint == KIND_NONE)
                {
                  g_free (g_ptr_array_steal_index (self->sources, self->sources->len - 2));
                  if (self->archive == NULL)
                    {
                      set_unknown_error (self, error);
                      return stop (self);
                    }
                }
            }
          if (g_queue_is_empty (&self->pending))
            close_source (self);
          else
            self->source_open = FALSE;   /* read what is pending, then close */
          continue;
        }

      if (self->source != NULL && g_queue_is_empty (&self->pending))
        {
          close_source (self);
          continue;
        }

      if (self->archive != NULL)
        {
          gboolean at_end;

          if (next_entry (self, cancellable, &at_end, error))
            continue;
          if (!at_end)
            return stop (self);
        }

      /* The end. Nothing read at all means it was not what SocialGuard reads. */
      if (self->sources->len == 1)
        set_unknown_error (self, error);
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
