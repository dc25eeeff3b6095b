/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SG_FACET_LINK,
  SG_FACET_MENTION,
  SG_FACET_TAG,
} SgFacetKind;

/* A rich-text span of an app.bsky.feed.post. Bluesky counts in UTF-8 bytes, not characters:
 * byte_start/byte_end index the UTF-8 text as sent. */
typedef struct {
  SgFacetKind kind;
  gsize       byte_start;
  gsize       byte_end;
  char       *value;   /* the URL, the handle (without "@", to resolve to a DID) or the tag */
} SgFacet;

void       sg_facet_free            (SgFacet    *facet);
/* Links, mentions and hashtags in @text (valid UTF-8), in order. */
GPtrArray *sg_bluesky_find_facets   (const char *text);
/* A record key for a new post, derived from @idempotency_key so a retry reuses it: 13
 * characters of Bluesky's sortable base32, from the time @micros and the key. */
char      *sg_bluesky_record_key    (gint64      micros,
                                     const char *idempotency_key);

G_END_DECLS
