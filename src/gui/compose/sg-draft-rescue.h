/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the text of a draft goes while the store cannot take it: files beside the data file
 * @store_path, 0600, written whole or not at all, never logged. SgDraftBuffer keeps one
 * waiting copy ("<data file>.unsaved-draft.txt"), replaced at each failed save and removed once
 * the store has the draft; the window keeps a dated copy when it must close without asking. */
char     *sg_draft_rescue_path   (const char *store_path);
/* Replaces the waiting copy with @text; text of nothing but white space is not written. */
gboolean  sg_draft_rescue_write  (const char *store_path,
                                  const char *text);
void      sg_draft_rescue_remove (const char *store_path);
/* Nothing but white space: never worth keeping (nor asking about). */
gboolean  sg_draft_rescue_is_blank (const char *text);
/* A copy of @text named after now ("<data file>.unsaved-draft-2026-12-06-231500.txt"), which
 * nothing removes: its path, or NULL when it could not be written. */
char     *sg_draft_rescue_keep   (const char *store_path,
                                  const char *text);

G_END_DECLS
