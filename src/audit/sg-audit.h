/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sg-analyzer.h"
#include "sg-audits.h"
#include "sg-store.h"

G_BEGIN_DECLS

#define SG_TYPE_AUDIT (sg_audit_get_type ())
G_DECLARE_FINAL_TYPE (SgAudit, sg_audit, SG, AUDIT, GObject)

/* One audit of a platform's archive: reads every post (SgArchiveReader), runs each through
 * @analyzer as Compose would for the post's own platform, and keeps the flagged ones (a
 * warning or an error) in @store as it goes. Runs once. */
SgAudit             *sg_audit_new          (SgStore             *store,
                                            SgAnalyzer          *analyzer,
                                            const char          *path);
/* The same for posts already read (SgPastPost, in the order to check them), such as those
 * listed from a signed-in account; @source_name is what the stored audit is called ("Bluesky
 * account @name.bsky.social"), where a file's audit has the file's name. */
SgAudit             *sg_audit_new_for_posts (SgStore            *store,
                                             SgAnalyzer         *analyzer,
                                             GPtrArray          *posts,
                                             const char         *source_name);

/* Runs on a worker thread. "progress" is emitted in the thread-default main context of the
 * caller, at most ten times a second, and once more at the end. Cancelling stops it after
 * the post in hand: what was checked stays stored, as a stopped audit, and finish returns
 * its id without an error. An archive that cannot be read at all (not an archive, damaged
 * before its first post) leaves nothing stored and is an error. */
void                 sg_audit_run_async    (SgAudit             *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gint64               sg_audit_run_finish   (SgAudit             *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* The same, blocking the calling thread (tests, benchmarks). */
gint64               sg_audit_run          (SgAudit             *self,
                                            GCancellable        *cancellable,
                                            GError             **error);

/* As of the last "progress": posts checked, and how far through the file (0 to 1). */
guint                sg_audit_get_n_done   (SgAudit             *self);
double               sg_audit_get_fraction (SgAudit             *self);
/* The stored record once run has finished, else NULL. */
const SgAuditRecord *sg_audit_get_record   (SgAudit             *self);

/* Hands the memory freed by an audit or by reading its posts back to the system. glibc keeps
 * an arena a thread and returns little of one on its own; the audit's thread and the workers
 * that list its posts each left megabytes behind, so the window's size after an audit varied
 * by 0.8× the archive's text from run to run (issue 14: at most 2×). Call it off the main
 * loop: it walks every arena. Does nothing where the C library is not glibc. */
void       sg_audit_release_memory     (void);

G_END_DECLS
