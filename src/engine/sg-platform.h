/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sg-guidance.h"

G_BEGIN_DECLS

typedef enum {
  SG_COUNTING_CODE_POINTS,
  SG_COUNTING_GRAPHEMES,
  SG_COUNTING_X_WEIGHTED,
} SgCounting;

/* One entry of data/platforms.json. Immutable and owned by the catalogue, which lives for the
 * whole process. */
typedef struct {
  char       *id;
  char       *name;
  SgAudience  audience;
  guint       limit;       /* 0: no practical limit */
  SgCounting  counting;
  guint       url_length;  /* a URL counts as this many characters; 0: as written */
  char       *share_url;   /* with {text}; NULL: the platform has no share page */
  guint       catalogue_limit;       /* as data/platforms.json says, whatever a server said */
  guint       catalogue_url_length;
} SgPlatform;

/* Loads the catalogue once (thread-safe); NULL with @error if the file is missing or bad. */
const SgPlatform *sg_platform_lookup     (const char  *id,
                                          GError     **error);
/* A server's own limits, when it states them (a Mastodon server's /api/v2/instance): replaces
 * @id's limit and the length a URL counts as. Every later count and
 * check uses them; the catalogue's values are the fallback until then. Safe from any thread:
 * each field is written atomically, and a count that reads mid-change is only a keystroke
 * stale. 0 restores the catalogue's value. Unknown ids are ignored. */
void sg_platform_set_limits              (const char  *id,
                                          guint        limit,
                                          guint        url_length);
/* The ids in catalogue order, NULL-terminated; owned by the catalogue. */
const char * const *sg_platform_list_ids (void);

/* Where rule packs, lexicons and catalogues live: $SG_DATA_DIR, else the installed folder,
 * else the source tree (so the build tree runs uninstalled). */
const char *sg_get_data_dir              (void);

G_END_DECLS
