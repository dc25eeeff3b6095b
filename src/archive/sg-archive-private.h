/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the pieces of SgArchiveReader: the streaming JSON and CSV splitters, the text
 * helpers and one reader of items per platform. Nothing here does I/O but the Bluesky reader,
 * which reads the file it is given. */

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "sg-past-post.h"

G_BEGIN_DECLS

/* ---- sg-archive-json.c: the elements of one list inside a JSON document, a piece at a time.
 * An archive's posts file can be hundreds of megabytes; json-glib only builds whole trees, so
 * the document is split here and each element (one post) is parsed on its own. Memory is
 * bounded by the largest element. Only the structure is checked here (brackets, strings);
 * each element is checked by json-glib when it is parsed. */
typedef struct _SgJsonStream SgJsonStream;

/* @member NULL: the elements of the root array; else those of the array under @member of the
 * root object (Mastodon's "orderedItems"). @js_prefix: a "window.YTD.tweets.part0 =" before
 * the root is allowed (X). An element over @max_element bytes is not kept. */
SgJsonStream *sg_json_stream_new    (const char    *member,
                                     gboolean       js_prefix,
                                     gsize          max_element);
void          sg_json_stream_free   (SgJsonStream  *self);
/* Pushes each element completed by @data onto @elements as GBytes (an empty GBytes for one
 * that was too large). On a structural error, @error says where and nothing more may be fed. */
gboolean      sg_json_stream_feed   (SgJsonStream  *self,
                                     const char    *data,
                                     gsize          len,
                                     GQueue        *elements,
                                     GError       **error);
/* At the end of the document: fails when it was cut off, or when the list was never found. */
gboolean      sg_json_stream_finish (SgJsonStream  *self,
                                     GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgJsonStream, sg_json_stream_free)

/* ---- sg-archive-csv.c: RFC 4180 records a piece at a time: fields in double quotes may hold
 * commas, "" and line breaks; CRLF or LF ends a record. Lenient where exporters are sloppy (a
 * quote inside an unquoted field is kept as a character). */
typedef struct _SgCsvStream SgCsvStream;

SgCsvStream  *sg_csv_stream_new     (gsize          max_record);
void          sg_csv_stream_free    (SgCsvStream   *self);
/* Pushes each record completed by @data onto @records as a GPtrArray of fields (char *); a
 * record over max_record bytes is pushed as an empty GPtrArray. */
void          sg_csv_stream_feed    (SgCsvStream   *self,
                                     const char    *data,
                                     gsize          len,
                                     GQueue        *records);
/* Pushes the last record when it had no line end; fails when the file ends inside quotes. */
gboolean      sg_csv_stream_finish  (SgCsvStream   *self,
                                     GQueue        *records,
                                     GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgCsvStream, sg_csv_stream_free)

/* ---- sg-archive-bluesky.c: Bluesky's repository export, a CAR file (see the file's top).
 * Needs the file itself (it seeks): a CAR inside a zip is not read. */
typedef struct _SgBlueskyRepo SgBlueskyRepo;

/* TRUE when @head starts with a CAR v1 header: a varint length, then a DAG-CBOR map with
 * version 1 and a root CID. */
gboolean       sg_bluesky_is_car              (const guint8   *head,
                                               gsize           len);
/* Reads the header and indexes every block (a block over @max_block bytes, or a file cut
 * short, stops the indexing and is kept for sg_bluesky_repo_get_damage()), then walks the
 * commit's tree for the posts' record keys. Fails only when there is no header, on an I/O
 * error, or past @max_blocks blocks. @error's message is a reason, to be put in a sentence. */
SgBlueskyRepo *sg_bluesky_repo_open           (FILE           *file,
                                               gsize           max_block,
                                               guint           max_blocks,
                                               GCancellable   *cancellable,
                                               GError        **error);
void           sg_bluesky_repo_free           (SgBlueskyRepo  *self);
/* The next post. NULL and *@done: the end. NULL with @error: an item that is not a post it
 * can read (skipped). NULL without: a record that is no post (a like), passed over. */
SgPastPost    *sg_bluesky_repo_next           (SgBlueskyRepo  *self,
                                               gboolean       *done,
                                               GError        **error);
/* TRUE when the tree could not be walked in full (no commit, a node missing or damaged): the
 * blocks outside it were tried as posts, known by their CID instead of their record key. */
gboolean       sg_bluesky_repo_used_fallback  (SgBlueskyRepo  *self);
/* Blocks left out because their content does not match their CID. */
guint          sg_bluesky_repo_get_n_bad_blocks (SgBlueskyRepo *self);
/* Why the file could not be read to its end (cut off, a length past the limit), or NULL. */
const GError  *sg_bluesky_repo_get_damage     (SgBlueskyRepo  *self);
double         sg_bluesky_repo_get_fraction   (SgBlueskyRepo  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgBlueskyRepo, sg_bluesky_repo_free)

/* ---- sg-archive-text.c */

/* The text a reader saw in a post's HTML: paragraphs and <br> as line breaks, list items on
 * their own lines, links as their text (Mastodon hides part of a long URL in an "invisible"
 * span; it is kept, so the whole address is read), entities decoded, runs of white space as
 * one space. Never fails; @html must be valid UTF-8. */
char     *sg_archive_html_to_text     (const char  *html);
/* Decodes character references: all of HTML's common named ones and numeric ones, or with
 * @minimal only &amp; &lt; &gt; (all that X escapes: "&quot;" in a tweet was typed). */
char     *sg_archive_decode_entities  (const char  *text,
                                       gboolean     minimal);
/* Facebook and Instagram write UTF-8 text as if each byte were a Latin-1 character ("é" as
 * "\u00c3\u00a9"). When every character of @text is below U+0100, some are not ASCII, and
 * the bytes they name are valid UTF-8, returns that UTF-8; else a copy of @text. */
char     *sg_archive_repair_mojibake  (const char  *text);
/* Makes @text valid UTF-8 in place of an invalid one (bad bytes become U+FFFD); returns
 * TRUE when it had to. JSON's \u0000 is also made a space: a C string would end there. */
gboolean  sg_archive_make_valid       (GBytes     **bytes);
/* Makes every string of @post valid UTF-8 (bad bytes become U+FFFD); returns TRUE when it
 * had to. The JSON is valid before it is parsed, but json-glib 1.6 can still hand out bytes
 * that are not: a lone surrogate ("\ud83d") comes out as its three CESU-8 bytes, and a
 * \u escape cut short ("\u00f" then a non-hex byte) swallows the raw bytes after it. So what
 * every reader gives is checked once, here, rather than trusting each string's origin. */
gboolean  sg_archive_post_make_valid  (SgPastPost  *post);
/* @text, or a copy with U+FFFD in place of bytes that are not UTF-8 (a file name in a zip
 * is bytes, in whatever encoding the zipping computer used). Never NULL. */
char     *sg_archive_valid_name       (const char  *text);

/* ---- One reader per platform. Each returns the post of one item, or NULL: with @error set
 * when the item is not a post it can read (the message names no text of the post), without
 * when the item is not the user's own post (a boost, a reshare) and is passed over. */

SgPastPost *sg_archive_mastodon_read_item (JsonNode     *item,
                                           GError      **error);
SgPastPost *sg_archive_x_read_item        (JsonNode     *item,
                                           GError      **error);
SgPastPost *sg_archive_facebook_read_item (JsonNode     *item,
                                           GError      **error);
SgPastPost *sg_archive_instagram_read_item (JsonNode    *item,
                                            GError     **error);

/* LinkedIn's Shares.csv: the columns are found by name in the header. */
typedef struct {
  int date;
  int link;
  int commentary;
  int visibility;   /* -1 where the export has no such column */
} SgLinkedinColumns;

gboolean    sg_archive_linkedin_read_header (GPtrArray          *header,
                                             SgLinkedinColumns  *columns);
SgPastPost *sg_archive_linkedin_read_record (GPtrArray          *record,
                                             const SgLinkedinColumns *columns,
                                             GError            **error);

/* Helpers for the item readers. */
const char *sg_archive_json_string   (JsonObject  *object,
                                      const char  *member);
JsonObject *sg_archive_json_object   (JsonObject  *object,
                                      const char  *member);
JsonArray  *sg_archive_json_array    (JsonObject  *object,
                                      const char  *member);
/* An integer member, or a string of digits (X writes numbers as strings); FALSE otherwise. */
gboolean    sg_archive_json_int      (JsonObject  *object,
                                      const char  *member,
                                      gint64      *out);

G_END_DECLS
