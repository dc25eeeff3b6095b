/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sg-past-post.h"

G_BEGIN_DECLS

/* What one archive may cost to read. An archive comes from the platform, but the file on the
 * disk may not be what it sent: these keep a damaged or hostile one from filling the memory
 * or the disk's time. */
typedef struct {
  guint64 max_total_bytes;  /* the posts files, unpacked, all together (default 2 GiB) */
  guint   max_ratio;        /* how many times its packed size one file may unpack to, once
                             * past 1 MiB (default 200; text packs about ten times) */
  guint   max_entries;      /* files listed in the archive (default 500,000); a Bluesky
                             * repository may hold four times as many blocks */
  gsize   max_post_bytes;   /* one post's JSON or CSV row, or one block of a Bluesky
                             * repository (default 16 MiB) */
} SgArchiveLimits;

void sg_archive_limits_init (SgArchiveLimits *limits);

#define SG_TYPE_ARCHIVE_READER (sg_archive_reader_get_type ())
G_DECLARE_FINAL_TYPE (SgArchiveReader, sg_archive_reader, SG, ARCHIVE_READER, GObject)

/* Reads the posts of a platform's own export, as downloaded: a zip (Mastodon, X, Facebook,
 * Instagram, LinkedIn) or tar.gz (Mastodon before 4.2), or the posts file taken out of it
 * (outbox.json, tweets.js, your_posts_1.json, posts_1.json, Shares.csv), or Bluesky's
 * repository export (a .car file, read as it is, not from inside a zip). What it is is found
 * from the content; names only pick which files of a zip to read, and nothing else in the zip
 * is unpacked. Posts come one at a time, so memory stays bounded whatever the archive's size.
 * Blocking I/O: use it from a worker thread in the GUI. Not thread-safe. */
SgArchiveReader     *sg_archive_reader_new              (const char            *path);
const char          *sg_archive_reader_get_path         (SgArchiveReader       *self);
void                 sg_archive_reader_set_limits       (SgArchiveReader       *self,
                                                         const SgArchiveLimits *limits);

/* The next post with text to check, or NULL at the end (error unset) or on an error that
 * stops the reading (a damaged or unknown file, a zip bomb; SG_ERROR, or G_IO_ERROR_CANCELLED).
 * Posts returned before an error stand. An item that is not a post it can read is skipped and
 * counted, and the reading goes on. */
SgPastPost          *sg_archive_reader_next             (SgArchiveReader       *self,
                                                         GCancellable          *cancellable,
                                                         GError               **error);

/* How far through the file the reading is, 0 to 1. */
double               sg_archive_reader_get_fraction     (SgArchiveReader       *self);
/* Posts returned so far. */
guint                sg_archive_reader_get_n_posts      (SgArchiveReader       *self);
/* Items passed over as not readable posts (malformed, too large, without an id or date). */
guint                sg_archive_reader_get_n_skipped    (SgArchiveReader       *self);
/* Posts returned with bytes that were not UTF-8 replaced by U+FFFD. */
guint                sg_archive_reader_get_n_repaired   (SgArchiveReader       *self);
/* The author's posts with nothing to check (a photo without caption or description). */
guint                sg_archive_reader_get_n_without_text (SgArchiveReader     *self);
/* The posts files read ("outbox.json", "data/tweets.js"), NULL-terminated. */
const char * const  *sg_archive_reader_get_sources      (SgArchiveReader       *self);
/* What was skipped or repaired and why, one sentence each, naming the file and the item's
 * number, never the post's text; at most 100 (the counts above have them all). */
const char * const  *sg_archive_reader_get_problems     (SgArchiveReader       *self);

G_END_DECLS
