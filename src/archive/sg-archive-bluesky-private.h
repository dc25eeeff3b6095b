/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of the Bluesky repository reader (SgBlueskyRepo, see
 * sg-archive-bluesky.c for the format): the CAR framing and DAG-CBOR decoding in
 * sg-archive-bluesky-cbor.c, the repository (its blocks, commit and tree) in
 * sg-archive-bluesky.c, and a post record to an SgPastPost in sg-archive-bluesky-post.c. */

#include <stdio.h>

#include <cbor.h>

#include "sg-archive-private.h"

G_BEGIN_DECLS

#define CODEC_DAG_CBOR 0x71
#define HASH_SHA256    0x12
#define MAX_HEADER     4096        /* a real header is about 60 bytes */
#define MAX_DEPTH      24          /* a post record nests 7 deep (embed, media, images, ref) */
#define MAX_ITEMS      65536       /* CBOR items in one block: an MST node has at most a few
                                    * hundred entries, a post a few dozen */
#define MAX_KEY        1024        /* an MST key: collection NSID, "/", record key */
#define POST_PREFIX    "app.bsky.feed.post/"

typedef struct {
  guint8  digest[32];
  guint8  codec;
  guint8  used;                    /* reached through the tree, or read as a post */
  guint32 len;                     /* of the data, after the CID */
  guint64 offset;                  /* of the data */
} Block;

typedef struct {
  char  *rkey;
  guint  block;
} Record;

struct _SgBlueskyRepo
{
  FILE       *file;                /* not owned */
  char       *did;                 /* the commit's, or NULL */
  GArray     *blocks;              /* Block, sorted by digest */
  GArray     *records;             /* Record: the posts found in the tree, in key order */
  guint       next_record;
  GArray     *orphans;             /* indexes of blocks to try as posts without a key */
  guint       next_orphan;
  gboolean    fallback;            /* the tree could not be walked in full */
  GError     *damage;              /* the file ended or broke after the header */
  guint       n_bad_hash;
  GByteArray *buf;
};

/* ---- sg-archive-bluesky-cbor.c: the framing, read with strict bounds, and CBOR values
 * checked before libcbor builds them */

/* An unsigned LEB128 varint of at most 9 bytes (63 bits) at @p; returns its length, or 0. */
gsize        sg_car_read_varint  (const guint8  *p,
                                  gsize          len,
                                  guint64       *out);
/* A CIDv1 with a SHA-256 multihash at @p; returns its length, or 0 for anything else. */
gsize        sg_car_read_cid     (const guint8  *p,
                                  gsize          len,
                                  guint8        *codec,
                                  const guint8 **digest);
/* One DAG-CBOR item filling @data exactly, as libcbor builds it; NULL when it is not one or
 * goes past the limits. */
cbor_item_t *sg_cbor_load        (const guint8  *data,
                                  gsize          len);
/* The value of the text key @key in @map, or NULL (borrowed). */
cbor_item_t *sg_cbor_map_get     (cbor_item_t   *map,
                                  const char    *key);
/* A copy of a text string, NUL bytes as spaces; NULL when it is not one. */
char        *sg_cbor_string_dup  (cbor_item_t   *item);
gboolean     sg_cbor_string_is   (cbor_item_t   *item,
                                  const char    *value);
/* Identifiers as atproto allows them, so a URL built from them is one. */
gboolean     sg_atproto_is_did   (const char    *s);
gboolean     sg_atproto_is_rkey  (const char    *s,
                                  gsize          len);

/* ---- sg-archive-bluesky.c */

/* The CID of a block as atproto writes it: multibase "b", base32 lower case, no padding. */
char        *sg_bluesky_cid_string      (const Block   *b);
/* The data of block @index, read from the file. */
cbor_item_t *sg_bluesky_repo_load_block (SgBlueskyRepo *self,
                                         guint          index);

G_END_DECLS
