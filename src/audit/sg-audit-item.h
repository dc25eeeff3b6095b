/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "sg-guidance.h"

G_BEGIN_DECLS

/* Where in a past post a finding is: its text, its content warning, or one of its media
 * descriptions (as socialguard-check --archive reports them). */
typedef enum {
  SG_AUDIT_PART_TEXT,
  SG_AUDIT_PART_CONTENT_WARNING,
  SG_AUDIT_PART_MEDIA_DESCRIPTION,
} SgAuditPart;

/* One finding on a past post, as stored: enough to show and highlight it without running
 * the analyzer again. Its strings are interned GRefStrings (a 50,000-post audit lists tens of
 * thousands of findings that share a few hundred titles and messages): make one with
 * sg_audit_finding_new(), never by hand, and treat the strings as read-only. */
typedef struct {
  char        *rule_id;
  SgCategory   category;
  SgSeverity   severity;
  char        *title;
  char        *message;
  SgAuditPart  part;
  guint        media;     /* for a media description: which one, from 0 */
  gsize        start;     /* bytes into that part's text */
  gsize        end;
} SgAuditFinding;

SgAuditFinding *sg_audit_finding_new  (const char     *rule_id,
                                       SgCategory      category,
                                       SgSeverity      severity,
                                       const char     *title,
                                       const char     *message,
                                       SgAuditPart     part,
                                       guint           media,
                                       gsize           start,
                                       gsize           end);
void            sg_audit_finding_free (SgAuditFinding *finding);

/* What the doctor decided about a flagged post. TO_DELETE: to be deleted by hand on the
 * platform, with the link; DELETED: the doctor says it is gone. */
typedef enum {
  SG_AUDIT_STATUS_OPEN,
  SG_AUDIT_STATUS_KEPT,
  SG_AUDIT_STATUS_TO_DELETE,
  SG_AUDIT_STATUS_DELETED,
} SgAuditStatus;

const char *sg_audit_status_to_string   (SgAuditStatus  status);
gboolean    sg_audit_status_from_string (const char    *str,
                                         SgAuditStatus *status);

/* A past post an audit flagged, as stored. Immutable but for its review (status, reason,
 * date), which the store changes through sg_audits_review_post(); "notify::status" tells. */
#define SG_TYPE_AUDIT_ITEM (sg_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (SgAuditItem, sg_audit_item, SG, AUDIT_ITEM, GObject)

SgAuditItem        *sg_audit_item_new                (gint64         id,
                                                      gint64         audit_id,
                                                      const char    *platform,
                                                      const char    *post_id,
                                                      gint64         posted_at,
                                                      const char    *url,
                                                      const char    *text,
                                                      const char    *content_warning,
                                                      const char * const *media,
                                                      GPtrArray     *findings);
/* A flagged post as a long list holds it (issue 14): what sorting, filtering and the review
 * need, without its text, content warning, media descriptions and findings (its "body"),
 * which are read from the store for the rows on screen and let go again. Until then the text
 * is "" and there are no findings. */
SgAuditItem        *sg_audit_item_new_head           (gint64         id,
                                                      gint64         audit_id,
                                                      const char    *platform,
                                                      const char    *post_id,
                                                      gint64         posted_at,
                                                      const char    *url,
                                                      SgSeverity     severity,
                                                      guint          categories);
gboolean            sg_audit_item_has_body           (SgAuditItem   *self);
/* Main loop only, like the review: the body of a head read back, or let go. */
void                sg_audit_item_set_body           (SgAuditItem   *self,
                                                      const char    *text,
                                                      const char    *content_warning,
                                                      const char * const *media,
                                                      GPtrArray     *findings);
void                sg_audit_item_drop_body          (SgAuditItem   *self);

gint64              sg_audit_item_get_id             (SgAuditItem   *self);
gint64              sg_audit_item_get_audit_id       (SgAuditItem   *self);
const char         *sg_audit_item_get_platform       (SgAuditItem   *self);
const char         *sg_audit_item_get_post_id        (SgAuditItem   *self);
/* Unix seconds, or 0 when the archive gave no date. */
gint64              sg_audit_item_get_posted_at      (SgAuditItem   *self);
/* The year posted, or 0. */
int                 sg_audit_item_get_year           (SgAuditItem   *self);
const char         *sg_audit_item_get_url            (SgAuditItem   *self);
const char         *sg_audit_item_get_text           (SgAuditItem   *self);
const char         *sg_audit_item_get_content_warning (SgAuditItem  *self);
/* The media descriptions, NULL-terminated (never NULL). */
const char * const *sg_audit_item_get_media          (SgAuditItem   *self);
/* SgAuditFinding*, by part then start. */
GPtrArray          *sg_audit_item_get_findings       (SgAuditItem   *self);
/* The most serious finding's severity. */
SgSeverity          sg_audit_item_get_severity       (SgAuditItem   *self);
/* A bit (1 << SgCategory) for each category found. */
guint               sg_audit_item_get_categories     (SgAuditItem   *self);

SgAuditStatus       sg_audit_item_get_status         (SgAuditItem   *self);
const char         *sg_audit_item_get_reason         (SgAuditItem   *self);
gint64              sg_audit_item_get_reviewed_at    (SgAuditItem   *self);
void                sg_audit_item_set_review         (SgAuditItem   *self,
                                                      SgAuditStatus  status,
                                                      const char    *reason,
                                                      gint64         reviewed_at);

/* Not stored: what the last attempt to delete it on the platform said (or NULL), and whether
 * one is under way; "notify::note" tells of either. */
const char         *sg_audit_item_get_note           (SgAuditItem   *self);
gboolean            sg_audit_item_get_busy           (SgAuditItem   *self);
void                sg_audit_item_set_note           (SgAuditItem   *self,
                                                      const char    *note,
                                                      gboolean       busy);
/* Whose post it is, from its address: "@name@server" for Mastodon (as the posting account is
 * named), the DID for Bluesky; NULL when the address does not say or for other platforms. */
char               *sg_audit_item_dup_owner          (SgAuditItem   *self);

/* The findings as stored: a JSON array of {rule, category, severity, title, message, part,
 * media, start, end}. */
char               *sg_audit_findings_to_json        (GPtrArray     *findings);
GPtrArray          *sg_audit_findings_from_json      (const char    *json);

G_END_DECLS
