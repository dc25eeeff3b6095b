/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sg-finding.h"

G_BEGIN_DECLS

typedef enum {
  SG_REPORT_TEXT,
  SG_REPORT_JSON,
  SG_REPORT_JSONL,
} SgReportFormat;

/* Writes findings as DESIGN.md's contract says: offsets, lengths and columns in code points,
 * lines and columns 1-based. Output goes to a buffered GString flushed by the caller, so a
 * 50 MB input with many findings does not make a write per finding. */
typedef struct {
  SgReportFormat  format;
  SgSeverity      min_severity;
  GString        *out;
  guint           n_json;     /* findings (posts, with --archive) in the JSON array so far */
  guint           n_in_post;  /* --archive: findings written in the current post's list */
  gboolean        write_failed; /* standard output refused a write (a full disk, a closed pipe) */
} SgReport;

/* Where a piece of a longer input starts: its code points and lines before it, so that a
 * text checked piece by piece reports the same lines and columns as when read whole. */
typedef struct {
  gsize chars;             /* code points before the piece */
  guint line;              /* 1-based line the piece starts on */
  gsize line_start_chars;  /* code points before that line */
} SgReportPosition;

/* Moves @pos past @text (@len bytes). */
void  sg_report_position_advance (SgReportPosition *pos,
                                  const char       *text,
                                  gsize             len);

void  sg_report_begin     (SgReport   *report);
/* Appends the findings of one input; returns how many were at or above min_severity. */
guint sg_report_findings  (SgReport   *report,
                           const char *path,
                           const char *id_json,    /* --jsonl: the id as JSON, else NULL */
                           const char *text,
                           GPtrArray  *findings);
/* The same for a piece of a longer text that starts at @pos (plain text only). */
guint sg_report_findings_at (SgReport               *report,
                             const char             *path,
                             const char             *text,
                             const SgReportPosition *pos,
                             GPtrArray              *findings);
/* --archive: one post of a platform's archive. Text: each finding as
 * "path:id: date: severity: message [rule]"; JSON: one object per post in the array,
 * {"path", "platform", "id", "date", "url", "audience", "findings": [...]}, each finding with
 * "part" ("text", "content-warning" or "media-description", then "media", 1-based) and its
 * offsets, lines and columns in that part. */
typedef struct {
  const char *platform;
  const char *id;
  const char *date;        /* ISO 8601 in UTC, or NULL */
  const char *url;         /* or NULL */
  const char *audience;    /* or NULL */
} SgReportPost;

typedef enum {
  SG_REPORT_PART_TEXT,
  SG_REPORT_PART_CONTENT_WARNING,
  SG_REPORT_PART_MEDIA_DESCRIPTION,
} SgReportPart;

void  sg_report_post_begin    (SgReport           *report,
                               const char         *path,
                               const SgReportPost *post);
/* Appends the findings of one part of the post (@media: 1-based, for a description); returns
 * how many were at or above min_severity. */
guint sg_report_post_findings (SgReport           *report,
                               const char         *path,
                               const SgReportPost *post,
                               SgReportPart        part,
                               guint               media,
                               const char         *text,
                               GPtrArray          *findings);
void  sg_report_post_end      (SgReport           *report);

void  sg_report_end       (SgReport   *report);
void  sg_report_flush     (SgReport   *report,
                           gboolean    force);

void  sg_json_escape      (GString    *out,
                           const char *str,
                           gssize      len);

G_END_DECLS
