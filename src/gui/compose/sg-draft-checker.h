/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-context.h"
#include "sg-draft-buffer.h"
#include "sg-finding.h"
#include "sg-finding-item.h"
#include "sg-photo-strip.h"

G_BEGIN_DECLS

/* Checks the draft in an SgDraftBuffer as it is written: each edit bumps a generation and
 * schedules an analysis a moment later on a worker (sg-worker.h); a result whose generation
 * is stale is dropped. It owns the underlines (the "sg-error", "sg-warning" and "sg-info"
 * tags), the findings shown as a GListModel of SgFindingItem (each with a pair of marks on its
 * text) with their counts ("n-errors", "n-warnings", "n-suggestions"), and the draft's "ignore
 * here" keys. A new analysis changes only the items that differ from what is shown (one
 * items-changed, or none when it found the same), then says "checked". */
#define SG_TYPE_DRAFT_CHECKER (sg_draft_checker_get_type ())
G_DECLARE_FINAL_TYPE (SgDraftChecker, sg_draft_checker, SG, DRAFT_CHECKER, GObject)

SgDraftChecker *sg_draft_checker_new            (SgDraftBuffer  *buffer);
GtkTextBuffer  *sg_draft_checker_get_buffer     (SgDraftChecker *self);
/* Where the analyzer comes from (read when each analysis starts). */
void            sg_draft_checker_set_context    (SgDraftChecker *self,
                                                 SgContext      *context);
/* The attached photos, checked with the text (copied when each analysis starts). */
void            sg_draft_checker_set_photo_strip (SgDraftChecker *self,
                                                  SgPhotoStrip   *strip);
void            sg_draft_checker_set_platform   (SgDraftChecker *self,
                                                 const char     *platform);
/* A declaration is appended to the post: it resolves the text's undeclared interests. */
void            sg_draft_checker_set_declared   (SgDraftChecker *self,
                                                 gboolean        declared);

/* Checks again @delay_ms from now; what is running now will be dropped (invalidate), or
 * kept if it comes back first (schedule, for what does not move the text's offsets). */
void            sg_draft_checker_invalidate     (SgDraftChecker *self,
                                                 guint           delay_ms);
void            sg_draft_checker_schedule       (SgDraftChecker *self,
                                                 guint           delay_ms);
/* TRUE while an analysis is scheduled or running: the findings may still change. */
gboolean        sg_draft_checker_is_checking    (SgDraftChecker *self);

/* The draft's "ignore here" keys: all of them (a draft loaded), or one more. */
void            sg_draft_checker_set_ignores    (SgDraftChecker    *self,
                                                 const char * const *keys);
void            sg_draft_checker_ignore         (SgDraftChecker *self,
                                                 SgFinding      *finding);

/* The findings shown (SgFindingItem), in the order the guidance reads: grouped by
 * principle, the principles ordered by the most serious finding in each; within one, most
 * serious first, then in text order (the text's before the photos'). */
GListModel     *sg_draft_checker_get_findings   (SgDraftChecker *self);
/* The findings of each severity shown ("n-errors", "n-warnings", "n-suggestions"). */
guint           sg_draft_checker_get_count      (SgDraftChecker *self,
                                                 SgSeverity      severity);
/* "Do not post" findings ignored here: the pre-flight still asks for their reason. */
GPtrArray      *sg_draft_checker_get_ignored_errors (SgDraftChecker *self);
/* Removes the underlines and marks (the page is going). */
void            sg_draft_checker_clear          (SgDraftChecker *self);

G_END_DECLS
