/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the pieces of SgArchiveReader: the streaming JSON and CSV splitters, the text
 * helpers and one reader of items per platform. Nothing here does I/O. */

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
