/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* A draft as stored. Plain data, copied in and out of the store. */
typedef struct {
  gint64  id;
  char   *title;
  char   *body;
  char   *platform;
  char   *declaration; /* the user's own wording for this post, or NULL for the composed one */
  gint64  updated_at;  /* Unix seconds */
} SgDraft;

#define SG_TYPE_DRAFT (sg_draft_get_type ())
GType    sg_draft_get_type   (void) G_GNUC_CONST;
SgDraft *sg_draft_copy       (const SgDraft *draft);
void     sg_draft_free       (SgDraft       *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDraft, sg_draft_free)

/* These do I/O on the store: call them from a worker thread (GTask), never the main loop. */
gint64     sg_drafts_create        (SgStore     *store,
                                    const char  *platform,
                                    GError     **error);
gboolean   sg_drafts_save          (SgStore     *store,
                                    const SgDraft *draft,
                                    GError     **error);
/* The most recently changed draft that is not deleted, or NULL (without error) if none. */
SgDraft   *sg_drafts_load_latest   (SgStore     *store,
                                    GError     **error);
SgDraft   *sg_drafts_load          (SgStore     *store,
                                    gint64       id,
                                    GError     **error);
/* SgDraft*, most recent first, without deleted ones. */
GPtrArray *sg_drafts_list          (SgStore     *store,
                                    GError     **error);
/* Deletion only marks the draft, so the undo toast can bring it back. */
gboolean   sg_drafts_set_deleted   (SgStore     *store,
                                    gint64       id,
                                    gboolean     deleted,
                                    GError     **error);

/* Keeps the user's wording of the declaration for this post (NULL: back to the composed
 * one) and, when it drops an interest the post names, logs the reason in overrides. */
gboolean   sg_drafts_set_declaration (SgStore    *store,
                                      gint64      id,
                                      const char *declaration,
                                      const char *removed,
                                      const char *reason,
                                      GError    **error);

/* "Ignore here": a finding dismissed for one draft and one piece of text. */
gboolean   sg_drafts_add_ignore    (SgStore     *store,
                                    gint64       id,
                                    const char  *rule_id,
                                    const char  *match_text,
                                    GError     **error);
/* "rule_id\x1fmatch" strings, to look up quickly. */
GStrv      sg_drafts_list_ignores  (SgStore     *store,
                                    gint64       id,
                                    GError     **error);

G_END_DECLS
