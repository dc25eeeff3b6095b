/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-audits.h"

G_BEGIN_DECLS

/* The appraisal record of the past-post audits: for a doctor's annual appraisal or
 * revalidation portfolio, what was checked, what was found and what was done about it. The
 * posts' text is left out unless asked for: the record is meant to be handed over. */
typedef struct {
  GPtrArray *audits;   /* SgAuditRecord*, newest first */
  GPtrArray *posts;    /* GPtrArray of SgAuditItem* per audit, in the same order */
} SgAppraisal;

void         sg_appraisal_free    (SgAppraisal  *appraisal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgAppraisal, sg_appraisal_free)

/* Every audit and its flagged posts. Reads the store: call it off the main loop. */
SgAppraisal *sg_appraisal_read    (SgStore      *store,
                                   GError      **error);

/* A printable HTML page, dated @made_at (Unix seconds); with the posts' text only when
 * @include_text. Everything from the archive is escaped. */
char        *sg_appraisal_to_html (SgAppraisal  *appraisal,
                                   gint64        made_at,
                                   gboolean      include_text);
/* The same as CSV (RFC 4180, a header line, a row per flagged post; every field quoted), for
 * a spreadsheet. A field that a spreadsheet would read as a formula (starting with = + - @,
 * a tab or a carriage return) is prefixed with an apostrophe. */
char        *sg_appraisal_to_csv  (SgAppraisal  *appraisal,
                                   gint64        made_at,
                                   gboolean      include_text);

G_END_DECLS
