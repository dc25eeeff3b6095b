/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-audit-item.h"
#include "sg-store.h"

G_BEGIN_DECLS

/* How an audit ended. RUNNING in a list read after a restart means the app closed before it
 * finished: what it stored up to then stands. */
typedef enum {
  SG_AUDIT_RUN_RUNNING,
  SG_AUDIT_RUN_DONE,
  SG_AUDIT_RUN_STOPPED,
  SG_AUDIT_RUN_FAILED,
} SgAuditRun;

/* One audit of an archive, as stored in the table `audits`. */
typedef struct {
  gint64      id;
  gint64      started_at;     /* Unix seconds */
  gint64      finished_at;    /* 0 while running */
  char       *file_name;      /* the archive's name, without its folder */
  SgAuditRun  run;
  guint       n_checked;      /* posts read and analysed */
  guint       n_flagged;      /* of those, the ones with a warning or an error */
  guint       n_skipped;      /* items of the archive that could not be read */
  guint       by_category[SG_N_CATEGORIES]; /* flagged posts with a finding of each category */
  char       *error;          /* why it failed, or NULL */
} SgAuditRecord;

void           sg_audit_record_free  (SgAuditRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgAuditRecord, sg_audit_record_free)

/* All of these do I/O on the store: call them off the main loop. */

/* Audits, newest first (SgAuditRecord*). */
GPtrArray     *sg_audits_list        (SgStore        *store,
                                      GError        **error);
/* One audit, or NULL with SG_ERROR_FAILED when there is none with @id. */
SgAuditRecord *sg_audits_get         (SgStore        *store,
                                      gint64          id,
                                      GError        **error);
/* The posts an audit flagged (SgAuditItem*), most serious first, then newest first. */
GPtrArray     *sg_audits_list_posts  (SgStore        *store,
                                      gint64          audit_id,
                                      GError        **error);
/* The same posts as heads (sg_audit_item_new_head): no text, findings or media, for a list
 * that reads the rest only for the rows it shows (issue 14: a listed audit within 2× the
 * archive's text). */
GPtrArray     *sg_audits_list_post_heads (SgStore     *store,
                                          gint64       audit_id,
                                          GError     **error);
/* The posts with these row ids, whole (SgAuditItem*), in no particular order; ids that are
 * gone are left out. */
GPtrArray     *sg_audits_read_posts  (SgStore        *store,
                                      const gint64   *ids,
                                      guint           n_ids,
                                      GError        **error);
/* The row ids (gint64*, a set) of an audit's posts whose case-folded text holds @folded (a
 * case-folded query), read one post at a time. */
GHashTable    *sg_audits_search_posts (SgStore       *store,
                                       gint64         audit_id,
                                       const char    *folded,
                                       GError       **error);
/* Records the doctor's decision about one flagged post (its row id) and when. */
gboolean       sg_audits_review_post (SgStore        *store,
                                      gint64          post_row_id,
                                      SgAuditStatus   status,
                                      const char     *reason,
                                      gint64          reviewed_at,
                                      GError        **error);
/* Deletes an audit and every post it kept, in one statement. */
gboolean       sg_audits_delete      (SgStore        *store,
                                      gint64          id,
                                      GError        **error);

/* For SgAudit: a new audit row (RUNNING), the flagged posts added in one transaction, and the
 * counts written at the end (or as it goes, so a crash loses little). */
gint64         sg_audits_begin       (SgStore        *store,
                                      const char     *file_name,
                                      gint64          started_at,
                                      GError        **error);
gboolean       sg_audits_add_posts   (SgStore        *store,
                                      gint64          audit_id,
                                      GPtrArray      *items,
                                      GError        **error);
gboolean       sg_audits_update      (SgStore        *store,
                                      const SgAuditRecord *record,
                                      GError        **error);

G_END_DECLS
