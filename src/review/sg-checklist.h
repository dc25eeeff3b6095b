/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One privacy setting to check on one platform (data/checklists/<platform>.json). */
typedef struct {
  char  *id;
  char  *topic;
  char  *title;
  char  *why;
  GStrv  citations;     /* "GMC 2024 ¶9", "BMA: Privacy and personal information" */
  GStrv  steps;
  char  *settings_url;  /* or NULL */
  char  *conservative;
} SgChecklistItem;

typedef struct {
  char      *platform;
  char      *name;
  GPtrArray *items;     /* SgChecklistItem* */
} SgChecklist;

void         sg_checklist_free      (SgChecklist  *checklist);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgChecklist, sg_checklist_free)

/* Loads and validates one file: known keys, ids "<platform>.<name>" unique, topics from the
 * list, 1–3 citations with known sources, 2–5 steps. Errors read "FILE: item N: …". */
SgChecklist *sg_checklist_load_file (const char   *path,
                                     GError      **error);
/* The checklist for @platform from the data folder ("general" for anything else). */
SgChecklist *sg_checklist_load      (const char   *platform,
                                     GError      **error);
/* The topics every checklist draws from. */
const char * const *sg_checklist_topics (void);

G_END_DECLS
