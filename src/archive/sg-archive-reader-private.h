/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of SgArchiveReader: its fields and the steps of reading that call each
 * other across files. sg-archive-reader.c holds the object, the loop of
 * sg_archive_reader_next() and the messages a doctor can act on; -files.c the container (zip,
 * tar.gz, a file on its own) and its posts files: opening them, telling what each is and
 * reading it within the limits; -items.c an item of a posts file to a post. */

#include <stdio.h>

#include "sg-archive-private.h"
#include "sg-archive-reader.h"
#include "sg-libarchive.h"

G_BEGIN_DECLS

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

/* ---- sg-archive-reader.c */

void     sg_archive_reader_note_problem        (SgArchiveReader  *self,
                                                const char       *format,
                                                ...) G_GNUC_PRINTF (2, 3);
/* A posts file whose content is not its platform's format, when it is one file of an archive. */
void     sg_archive_reader_note_unknown_format (SgArchiveReader  *self,
                                                const char       *name);
/* Nothing SocialGuard reads was found; the message says what it looks for. */
void     sg_archive_reader_set_unknown_error   (SgArchiveReader  *self,
                                                GError          **error);
/* libarchive could not unpack @what. */
void     sg_archive_reader_set_damaged_error   (SgArchiveReader  *self,
                                                const char       *what,
                                                GError          **error);
/* A posts file cut off or malformed: @reason comes from the JSON or CSV reader. */
void     sg_archive_reader_set_malformed_error (SgArchiveReader  *self,
                                                const char       *reason,
                                                GError          **error);

/* ---- sg-archive-reader-files.c */

void     sg_archive_reader_close_source        (SgArchiveReader  *self);
void     sg_archive_reader_close_container     (SgArchiveReader  *self);
gboolean sg_archive_reader_open_container      (SgArchiveReader  *self,
                                                GError          **error);
/* Reads the head of the posts file just reached, says what it is and sets up its reader.
 * FALSE with @error unset: it is not a posts file after all (the name misled). */
gboolean sg_archive_reader_open_source         (SgArchiveReader  *self,
                                                const char       *name,
                                                Kind              hint,
                                                GCancellable     *cancellable,
                                                GError          **error);
/* Up to @size bytes of the current posts file; 0 at its end, -1 on an error. */
gssize   sg_archive_reader_read_source         (SgArchiveReader  *self,
                                                guint8           *buf,
                                                gsize             size,
                                                GError          **error);
/* Feeds what was read to the JSON or CSV splitter. */
gboolean sg_archive_reader_feed                (SgArchiveReader  *self,
                                                const guint8     *data,
                                                gsize             len,
                                                GError          **error);
gboolean sg_archive_reader_finish_source       (SgArchiveReader  *self,
                                                GError          **error);
/* Moves to the next posts file of the archive. FALSE at the end of the archive or on error. */
gboolean sg_archive_reader_next_entry          (SgArchiveReader  *self,
                                                GCancellable     *cancellable,
                                                gboolean         *at_end,
                                                GError          **error);

/* ---- sg-archive-reader-items.c */

/* The post of the next pending item, or NULL when that item gave none. */
SgPastPost *sg_archive_reader_read_pending     (SgArchiveReader  *self);
/* The next record of a Bluesky repository; NULL when it gave no post. */
SgPastPost *sg_archive_reader_read_bluesky     (SgArchiveReader  *self,
                                                gboolean         *done);

G_END_DECLS
