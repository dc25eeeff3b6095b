/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bluesky's repository export (Settings → Export my data): one CAR v1 file.
 *
 *   varint N, N bytes of DAG-CBOR header {roots: [CID], version: 1}
 *   then blocks: varint N, N bytes = CID + DAG-CBOR data
 *
 * The root is the signed commit {did, version: 3, data: CID of the MST root, rev, prev, sig}.
 * The Merkle search tree's nodes {l: CID|null, e: [{p, k, v, t}]} map keys
 * "app.bsky.feed.post/<rkey>" (each k is the key's bytes after the p shared with the entry
 * before it in the node) to the CIDs of the records. See atproto.com/specs/repository.
 *
 * The framing (varints, CIDs) is read here with strict bounds; every CBOR value is read by
 * libcbor, after libcbor's streaming decoder has checked it against limits (depth, number of
 * items, each length within the bytes left), because cbor_load() allocates for a declared
 * array length before it finds the bytes missing, and frees nested items recursively (it
 * stops at 2,048 deep itself; 24 is plenty for a post).
 *
 * The file is read once to index its blocks (CID digest → offset), which costs 48 bytes per
 * block; then each post's block is read when it is asked for. Blocks whose SHA-256 does not
 * match their CID are damaged and left out (not when built for fuzzing: a fuzzer cannot
 * forge hashes, and what comes after the check would go untested). */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <cbor.h>
#include <glib/gi18n-lib.h>

#include "sg-archive-private.h"
#include "sg-error.h"

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

/* ---- Framing */

/* An unsigned LEB128 varint of at most 9 bytes (63 bits) at @p; returns its length, or 0. */
static gsize
read_varint (const guint8 *p,
             gsize         len,
             guint64      *out)
{
  guint64 value = 0;

  for (gsize i = 0; i < len && i < 9; i++)
    {
      value |= (guint64) (p[i] & 0x7f) << (7 * i);
      if ((p[i] & 0x80) == 0)
        {
          *out = value;
          return i + 1;
        }
    }
  return 0;
}

/* A CIDv1 with a SHA-256 multihash at @p; returns its length, or 0 for anything else. */
static gsize
read_cid (const guint8 *p,
          gsize         len,
          guint8       *codec,
          const guint8 **digest)
{
  guint64 version, c, hash, hash_len;
  gsize at = 0, n;

  if ((n = read_varint (p, len, &version)) == 0 || version != 1)
    return 0;
  at += n;
  if ((n = read_varint (p + at, len - at, &c)) == 0 || c > 0xff)
    return 0;
  at += n;
  if ((n = read_varint (p + at, len - at, &hash)) == 0 || hash != HASH_SHA256)
    return 0;
  at += n;
  if ((n = read_varint (p + at, len - at, &hash_len)) == 0 || hash_len != 32)
    return 0;
  at += n;
  if (len - at < 32)
    return 0;
  *codec = (guint8) c;
  *digest = p + at;
  return at + 32;
}

/* ---- CBOR, checked before libcbor builds it */

typedef struct {
  guint64  stack[MAX_DEPTH];
  guint    depth;
  guint64  items;
  gsize    left;                   /* bytes after the item being decoded */
  gboolean bad;
  gboolean done;
} Check;

static void
check_item_done (Check *c)
{
  while (c->depth > 0)
    {
      if (--c->stack[c->depth - 1] > 0)
        return;
      c->depth--;
    }
  c->done = TRUE;
}

static void
check_start (Check   *c,
             guint64  n)
{
  if (++c->items > MAX_ITEMS)
    {
      c->bad = TRUE;
      return;
    }
  if (n == 0)
    check_item_done (c);
  else if (c->depth >= MAX_DEPTH)
    c->bad = TRUE;
  else
    c->stack[c->depth++] = n;
}

static void
check_atom (void *ctx)
{
  Check *c = ctx;

  if (++c->items > MAX_ITEMS)
    c->bad = TRUE;
  else
    check_item_done (c);
}

static void check_u8 (void *c, uint8_t v) { check_atom (c); }
static void check_u16 (void *c, uint16_t v) { check_atom (c); }
static void check_u32 (void *c, uint32_t v) { check_atom (c); }
static void check_u64 (void *c, uint64_t v) { check_atom (c); }
static void check_string (void *c, cbor_data d, size_t n) { check_atom (c); }
static void check_float (void *c, float v) { check_atom (c); }
static void check_double (void *c, double v) { check_atom (c); }
static void check_bool (void *c, bool v) { check_atom (c); }

/* Every element takes at least one byte: a longer count is a lie (a "CBOR bomb"). */
static void
check_array (void   *ctx,
             size_t  n)
{
  Check *c = ctx;

  if (n > c->left)
    c->bad = TRUE;
  else
    check_start (c, n);
}

static void
check_map (void   *ctx,
           size_t  n)
{
  Check *c = ctx;

  if (n > c->left / 2)
    c->bad = TRUE;
  else
    check_start (c, (guint64) n * 2);
}

/* DAG-CBOR knows one tag, 42 (a CID); it wraps one item. */
static void
check_tag (void     *ctx,
           uint64_t  tag)
{
  Check *c = ctx;

  if (tag != 42)
    c->bad = TRUE;
  else
    check_start (c, 1);
}

/* Indefinite lengths are not DAG-CBOR. */
static void
check_refuse (void *ctx)
{
  ((Check *) ctx)->bad = TRUE;
}

static const struct cbor_callbacks check_callbacks = {
  .uint8 = check_u8, .uint16 = check_u16, .uint32 = check_u32, .uint64 = check_u64,
  .negint8 = check_u8, .negint16 = check_u16, .negint32 = check_u32, .negint64 = check_u64,
  .byte_string = check_string, .string = check_string,
  .byte_string_start = check_refuse, .string_start = check_refuse,
  .indef_array_start = check_refuse, .indef_map_start = check_refuse,
  .indef_break = check_refuse,
  .array_start = check_array, .map_start = check_map, .tag = check_tag,
  .float2 = check_float, .float4 = check_float, .float8 = check_double,
  .undefined = check_atom, .null = check_atom, .boolean = check_bool,
};

/* One DAG-CBOR item filling @data exactly, as libcbor builds it; NULL when it is not one or
 * goes past the limits. */
static cbor_item_t *
load_cbor (const guint8 *data,
           gsize         len)
{
  Check c = { 0 };
  gsize at = 0;
  struct cbor_load_result result;

  while (!c.done && !c.bad)
    {
      struct cbor_decoder_result r;

      if (at >= len)
        return NULL;
      c.left = len - at;
      r = cbor_stream_decode (data + at, len - at, &check_callbacks, &c);
      if (r.status != CBOR_DECODER_FINISHED || r.read == 0 || r.read > len - at)
        return NULL;
      at += r.read;
      if (!c.bad)
        c.left = len - at;
    }
  if (c.bad || at != len)
    return NULL;
  return cbor_load (data, len, &result);
}

/* ---- Reading the values */

static cbor_item_t *
map_get (cbor_item_t *map,
         const char  *key)
{
  struct cbor_pair *pairs;
  gsize key_len = strlen (key);

  if (map == NULL || !cbor_isa_map (map))
    return NULL;
  pairs = cbor_map_handle (map);
  for (gsize i = 0; i < cbor_map_size (map); i++)
    {
      cbor_item_t *k = pairs[i].key;

      if (cbor_isa_string (k) && cbor_string_is_definite (k) &&
          cbor_string_length (k) == key_len &&
          memcmp (cbor_string_handle (k), key, key_len) == 0)
        return pairs[i].value;
    }
  return NULL;
}

/* A copy of a text string, NUL bytes as spaces (C strings would end there); NULL when it is
 * not one. Not yet checked for UTF-8: the reader does that for every post. */
static char *
string_dup (cbor_item_t *item)
{
  char *out;
  gsize len;

  if (item == NULL || !cbor_isa_string (item) || !cbor_string_is_definite (item))
    return NULL;
  len = cbor_string_length (item);
  out = g_malloc (len + 1);
  if (len > 0)
    memcpy (out, cbor_string_handle (item), len);
  out[len] = '\0';
  for (gsize i = 0; i < len; i++)
    if (out[i] == '\0')
      out[i] = ' ';
  return out;
}

static gboolean
string_is (cbor_item_t *item,
           const char  *value)
{
  gsize len = strlen (value);

  return item != NULL && cbor_isa_string (item) && cbor_string_is_definite (item) &&
         cbor_string_length (item) == len && memcmp (cbor_string_handle (item), value, len) == 0;
}

/* A link (tag 42: a byte string, 0x00 then the CID) to a block of the file: its index, or
 * -1 when it is not a link or the block is not in the file. */
static gint64
find_block (SgBlueskyRepo *self,
            guint8         codec,
            const guint8  *digest)
{
  guint lo = 0, hi = self->blocks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Block *b = &g_array_index (self->blocks, Block, mid);
      int cmp = memcmp (b->digest, digest, 32);

      if (cmp == 0)
        return b->codec == codec ? (gint64) mid : -1;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

static gint64
link_block (SgBlueskyRepo *self,
            cbor_item_t   *item)
{
  cbor_item_t *bytes;
  gint64 found = -1;

  if (item == NULL || !cbor_isa_tag (item) || cbor_tag_value (item) != 42)
    return -1;
  bytes = cbor_tag_item (item);                /* a new reference */
  if (cbor_isa_bytestring (bytes) && cbor_bytestring_is_definite (bytes))
    {
      const guint8 *p = cbor_bytestring_handle (bytes), *digest;
      gsize len = cbor_bytestring_length (bytes);
      guint8 codec;

      if (len > 1 && p[0] == 0 && read_cid (p + 1, len - 1, &codec, &digest) == len - 1)
        found = find_block (self, codec, digest);
    }
  cbor_decref (&bytes);
  return found;
}

/* The CID of a block as atproto writes it: multibase "b", base32 lower case, no padding. */
static char *
cid_string (const Block *b)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  guint8 bytes[36] = { 1, b->codec, HASH_SHA256, 32 };
  GString *out = g_string_new ("b");
  guint buffer = 0, bits = 0;

  /* A codec of 0x80 or more takes two varint bytes: not one atproto uses. */
  memcpy (bytes + 4, b->digest, 32);
  for (gsize i = 0; i < sizeof bytes; i++)
    {
      buffer = (buffer << 8) | bytes[i];
      bits += 8;
      while (bits >= 5)
        {
          g_string_append_c (out, alphabet[(buffer >> (bits - 5)) & 31]);
          bits -= 5;
        }
    }
  if (bits > 0)
    g_string_append_c (out, alphabet[(buffer << (5 - bits)) & 31]);
  return g_string_free (out, FALSE);
}

/* The data of block @index, read from the file. */
static cbor_item_t *
load_block (SgBlueskyRepo *self,
            guint          index)
{
  const Block *b = &g_array_index (self->blocks, Block, index);

  if (b->codec != CODEC_DAG_CBOR)
    return NULL;
  g_byte_array_set_size (self->buf, b->len);
  if (fseeko (self->file, (off_t) b->offset, SEEK_SET) != 0 ||
      fread (self->buf->data, 1, b->len, self->file) != b->len)
    return NULL;
  return load_cbor (self->buf->data, b->len);
}

/* ---- Identifiers as atproto allows them, so a URL built from them is one */

static gboolean
is_did (const char *s)
{
  gsize len = strlen (s);

  if (len < 8 || len > 2048 || !g_str_has_prefix (s, "did:"))
    return FALSE;
  for (const char *p = s + 4; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._:%-", *p) == NULL)
      return FALSE;
  return s[len - 1] != ':' && s[len - 1] != '%';
}

static gboolean
is_rkey (const char *s,
         gsize       len)
{
  if (len == 0 || len > 512 || (len == 1 && s[0] == '.') ||
      (len == 2 && s[0] == '.' && s[1] == '.'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && strchr ("._:~-", s[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* ---- Opening: index the blocks, find the commit, walk the tree */

static void
set_damage (SgBlueskyRepo *self,
            const char    *reason)
{
  if (self->damage == NULL)
    self->damage = g_error_new_literal (SG_ERROR, SG_ERROR_INVALID_INPUT, reason);
}

static gboolean
read_file_varint (FILE    *file,
                  guint64 *out,
                  gboolean *at_end)
{
  guint8 bytes[9];

  *at_end = FALSE;
  for (gsize i = 0; i < sizeof bytes; i++)
    {
      int c = getc (file);

      if (c == EOF)
        {
          *at_end = i == 0;
          return FALSE;
        }
      bytes[i] = (guint8) c;
      if ((c & 0x80) == 0)
        return read_varint (bytes, i + 1, out) == i + 1;
    }
  return FALSE;
}

static int
block_cmp (gconstpointer a,
           gconstpointer b)
{
  return memcmp (((const Block *) a)->digest, ((const Block *) b)->digest, 32);
}

/* The header: a map with version 1 and at least one root. */
static gboolean
header_root_ok (const guint8 *data,
                gsize         len,
                guint8       *codec,
                guint8        digest[32])
{
  cbor_item_t *header = load_cbor (data, len);
  cbor_item_t *version, *roots, *root, *bytes;
  gboolean ok = FALSE;

  if (header == NULL)
    return FALSE;
  version = map_get (header, "version");
  roots = map_get (header, "roots");
  if (version != NULL && cbor_isa_uint (version) && cbor_get_int (version) == 1 &&
      roots != NULL && cbor_isa_array (roots) && cbor_array_size (roots) >= 1 &&
      cbor_isa_tag (root = cbor_array_handle (roots)[0]) && cbor_tag_value (root) == 42)
    {
      bytes = cbor_tag_item (root);
      if (cbor_isa_bytestring (bytes) && cbor_bytestring_is_definite (bytes))
        {
          const guint8 *p = cbor_bytestring_handle (bytes), *d;
          gsize n = cbor_bytestring_length (bytes);

          if (n > 1 && p[0] == 0 && read_cid (p + 1, n - 1, codec, &d) == n - 1)
            {
              memcpy (digest, d, 32);
              ok = TRUE;
            }
        }
      cbor_decref (&bytes);
    }
  cbor_decref (&header);
  return ok;
}

gboolean
sg_bluesky_is_car (const guint8 *head,
                   gsize         len)
{
  guint64 header_len;
  gsize n = read_varint (head, len, &header_len);
  guint8 codec, digest[32];

  return n > 0 && header_len > 0 && header_len <= MAX_HEADER && header_len <= len - n &&
         header_root_ok (head + n, (gsize) header_len, &codec, digest);
}

/* Every block's place in the file. A block cut short or absurdly long ends the indexing, and
 * is told at the end; what was indexed is still read. */
static gboolean
index_blocks (SgBlueskyRepo  *self,
              gsize           max_block,
              guint           max_blocks,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);

  for (;;)
    {
      guint64 len;
      gboolean at_end;
      guint64 offset;
      const guint8 *digest;
      guint8 codec;
      gsize cid_len;
      Block b = { { 0 } };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!read_file_varint (self->file, &len, &at_end))
        {
          if (!at_end)
            set_damage (self, _("it ends in the middle of a block"));
          return TRUE;
        }
      if (len == 0 || len > max_block)
        {
          set_damage (self, _("a block’s length is beyond what SocialGuard reads"));
          return TRUE;
        }
      offset = (guint64) ftello (self->file);
      g_byte_array_set_size (self->buf, (guint) len);
      if (fread (self->buf->data, 1, (gsize) len, self->file) != len)
        {
          if (ferror (self->file))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, "%s", g_strerror (errno));
              return FALSE;
            }
          set_damage (self, _("it ends in the middle of a block"));
          return TRUE;
        }
      if ((cid_len = read_cid (self->buf->data, (gsize) len, &codec, &digest)) == 0)
        continue;                      /* not a block a repository links to */

#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
      {
        guint8 actual[32];
        gsize actual_len = sizeof actual;

        g_checksum_reset (sha);
        g_checksum_update (sha, self->buf->data + cid_len, (gssize) (len - cid_len));
        g_checksum_get_digest (sha, actual, &actual_len);
        if (memcmp (actual, digest, 32) != 0)
          {
            self->n_bad_hash++;
            continue;
          }
      }
#endif

      if (self->blocks->len >= max_blocks)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                       _("it holds more than %u blocks, more than SocialGuard reads"),
                       max_blocks);
          return FALSE;
        }
      memcpy (b.digest, digest, 32);
      b.codec = codec;
      b.offset = offset + cid_len;
      b.len = (guint32) (len - cid_len);
      g_array_append_val (self->blocks, b);
    }
}

static int
record_cmp (gconstpointer a,
            gconstpointer b)
{
  return strcmp (((const Record *) a)->rkey, ((const Record *) b)->rkey);
}

/* Every key of the tree under @root; each node is read once (a damaged file could link a node
 * to itself: without a hash check nothing else stops that). FALSE when a node is missing or
 * malformed: what was found stands. */
static gboolean
walk_tree (SgBlueskyRepo *self,
           gint64         root)
{
  g_autoptr(GArray) todo = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean complete = TRUE;
  guint index;

  if (root < 0)
    return FALSE;
  index = (guint) root;
  g_array_append_val (todo, index);
  while (todo->len > 0)
    {
      cbor_item_t *node, *entries;
      Block *b;
      char key[MAX_KEY];
      gsize key_len = 0;

      index = g_array_index (todo, guint, todo->len - 1);
      g_array_set_size (todo, todo->len - 1);
      b = &g_array_index (self->blocks, Block, index);
      if (b->used)
        continue;
      b->used = TRUE;
      if ((node = load_block (self, index)) == NULL)
        {
          complete = FALSE;
          continue;
        }

      /* The left subtree, then each entry's key and its subtree. */
      {
        cbor_item_t *left = map_get (node, "l");
        gint64 child;

        if (left != NULL && !cbor_is_null (left))
          {
            if ((child = link_block (self, left)) >= 0)
              {
                index = (guint) child;
                g_array_append_val (todo, index);
              }
            else
              complete = FALSE;
          }
      }
      entries = map_get (node, "e");
      if (entries == NULL || !cbor_isa_array (entries))
        {
          complete = FALSE;
          cbor_decref (&node);
          continue;
        }
      for (gsize i = 0; i < cbor_array_size (entries); i++)
        {
          cbor_item_t *e = cbor_array_handle (entries)[i];
          cbor_item_t *p = map_get (e, "p"), *k = map_get (e, "k"), *t = map_get (e, "t");
          guint64 prefix = p != NULL && cbor_isa_uint (p) ? cbor_get_int (p) : G_MAXUINT64;
          gsize suffix;
          gint64 value;

          if (prefix > key_len || k == NULL || !cbor_isa_bytestring (k) ||
              !cbor_bytestring_is_definite (k) ||
              (suffix = cbor_bytestring_length (k)) > MAX_KEY - 1 - prefix)
            {
              complete = FALSE;
              break;                   /* the keys after it cannot be known */
            }
          memcpy (key + prefix, cbor_bytestring_handle (k), suffix);
          key_len = (gsize) prefix + suffix;

          if (t != NULL && !cbor_is_null (t))
            {
              gint64 child = link_block (self, t);

              if (child >= 0)
                {
                  index = (guint) child;
                  g_array_append_val (todo, index);
                }
              else
                complete = FALSE;
            }

          if (key_len <= strlen (POST_PREFIX) || memcmp (key, POST_PREFIX, strlen (POST_PREFIX)) != 0)
            continue;
          if ((value = link_block (self, map_get (e, "v"))) < 0)
            {
              complete = FALSE;          /* a post whose record is not in the file */
              continue;
            }
          if (g_array_index (self->blocks, Block, value).used)
            continue;
          g_array_index (self->blocks, Block, value).used = TRUE;
          {
            Record r = { g_strndup (key + strlen (POST_PREFIX), key_len - strlen (POST_PREFIX)),
                         (guint) value };

            g_array_append_val (self->records, r);
          }
        }
      cbor_decref (&node);
    }
  return complete;
}

static void
clear_record (gpointer data)
{
  g_free (((Record *) data)->rkey);
}

SgBlueskyRepo *
sg_bluesky_repo_open (FILE          *file,
                      gsize          max_block,
                      guint          max_blocks,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(SgBlueskyRepo) self = g_new0 (SgBlueskyRepo, 1);
  guint8 header[MAX_HEADER];
  guint64 header_len;
  gboolean at_end;
  guint8 root_codec, root_digest[32];
  gint64 commit_index;
  cbor_item_t *commit = NULL;
  gint64 tree = -1;

  /* A block's length is kept in 32 bits. */
  max_block = MIN (max_block, (gsize) G_MAXINT32);
  self->file = file;
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->records = g_array_new (FALSE, FALSE, sizeof (Record));
  g_array_set_clear_func (self->records, clear_record);
  self->orphans = g_array_new (FALSE, FALSE, sizeof (guint));
  self->buf = g_byte_array_new ();

  if (fseeko (file, 0, SEEK_SET) != 0 ||
      !read_file_varint (file, &header_len, &at_end) || header_len == 0 ||
      header_len > MAX_HEADER || fread (header, 1, (gsize) header_len, file) != header_len ||
      !header_root_ok (header, (gsize) header_len, &root_codec, root_digest))
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("its header could not be read"));
      return NULL;
    }
  if (!index_blocks (self, max_block, max_blocks, cancellable, error))
    return NULL;
  g_array_sort (self->blocks, block_cmp);

  /* The commit names the author and the tree. Without it, or with a tree that cannot be walked
   * in full, every block is tried as a post, known by its CID. */
  if ((commit_index = find_block (self, root_codec, root_digest)) >= 0 &&
      (commit = load_block (self, (guint) commit_index)) != NULL)
    {
      g_autofree char *did = string_dup (map_get (commit, "did"));

      if (did != NULL && g_utf8_validate (did, -1, NULL) && is_did (did))
        self->did = g_steal_pointer (&did);
      tree = link_block (self, map_get (commit, "data"));
      g_array_index (self->blocks, Block, commit_index).used = TRUE;
      cbor_decref (&commit);
    }
  self->fallback = !walk_tree (self, tree);
  g_array_sort (self->records, record_cmp);
  if (self->fallback)
    {
      /* A file cut at a block's end looks whole: only the missing blocks tell. */
      set_damage (self, _("parts of it are missing or damaged"));
      /* In file order, as the export wrote them. */
      for (guint i = 0; i < self->blocks->len; i++)
        if (!g_array_index (self->blocks, Block, i).used &&
            g_array_index (self->blocks, Block, i).codec == CODEC_DAG_CBOR)
          g_array_append_val (self->orphans, i);
    }
  return g_steal_pointer (&self);
}

void
sg_bluesky_repo_free (SgBlueskyRepo *self)
{
  if (self == NULL)
    return;
  g_free (self->did);
  g_array_unref (self->blocks);
  g_array_unref (self->records);
  g_array_unref (self->orphans);
  g_clear_error (&self->damage);
  g_byte_array_unref (self->buf);
  g_free (self);
}

gboolean
sg_bluesky_repo_used_fallback (SgBlueskyRepo *self)
{
  return self->fallback;
}

guint
sg_bluesky_repo_get_n_bad_blocks (SgBlueskyRepo *self)
{
  return self->n_bad_hash;
}

const GError *
sg_bluesky_repo_get_damage (SgBlueskyRepo *self)
{
  return self->damage;
}

double
sg_bluesky_repo_get_fraction (SgBlueskyRepo *self)
{
  guint total = self->records->len + self->orphans->len;

  return total == 0 ? 0. : (double) (self->next_record + self->next_orphan) / total;
}

/* ---- One post */

/* The alt texts of an embed: images, a video, or either beside a quoted post. */
static void
add_descriptions (GStrvBuilder *b,
                  cbor_item_t  *embed,
                  guint        *n)
{
  cbor_item_t *images, *media;

  if (embed == NULL || !cbor_isa_map (embed))
    return;
  if ((images = map_get (embed, "images")) != NULL && cbor_isa_array (images))
    for (gsize i = 0; i < cbor_array_size (images) && *n < 100; i++, (*n)++)
      {
        g_autofree char *alt = string_dup (map_get (cbor_array_handle (images)[i], "alt"));

        g_strv_builder_add (b, alt != NULL ? alt : "");
      }
  if (string_is (map_get (embed, "$type"), "app.bsky.embed.video") && *n < 100)
    {
      g_autofree char *alt = string_dup (map_get (embed, "alt"));

      g_strv_builder_add (b, alt != NULL ? alt : "");
      (*n)++;
    }
  /* recordWithMedia: the media sit one level down (and nest no further). */
  if ((media = map_get (embed, "media")) != NULL && map_get (media, "media") == NULL)
    add_descriptions (b, media, n);
}

typedef struct {
  guint64 start, end;
  char   *uri;
} Link;

static int
link_cmp (gconstpointer a,
          gconstpointer b)
{
  const Link *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* The app shortens a long link in the text ("example.org/a/lo..."); its facet holds the whole
 * address, which is what gets checked, as Mastodon's hidden spans are. Facets give UTF-8 byte
 * offsets; one that is out of range, overlaps another or cuts a character is ignored. */
static char *
expand_links (char        *text,
              cbor_item_t *facets)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  gsize len = strlen (text);
  GString *out;
  gsize at = 0;

  if (facets == NULL || !cbor_isa_array (facets) || !g_utf8_validate (text, -1, NULL))
    return text;
  for (gsize i = 0; i < cbor_array_size (facets) && i < 1000; i++)
    {
      cbor_item_t *f = cbor_array_handle (facets)[i];
      cbor_item_t *index = map_get (f, "index"), *features = map_get (f, "features");
      cbor_item_t *s = map_get (index, "byteStart"), *e = map_get (index, "byteEnd");

      if (s == NULL || e == NULL || !cbor_isa_uint (s) || !cbor_isa_uint (e) ||
          features == NULL || !cbor_isa_array (features))
        continue;
      for (gsize j = 0; j < cbor_array_size (features); j++)
        {
          cbor_item_t *feature = cbor_array_handle (features)[j];
          Link l = { cbor_get_int (s), cbor_get_int (e), NULL };

          if (!string_is (map_get (feature, "$type"), "app.bsky.richtext.facet#link") ||
              l.start >= l.end || l.end > len)
            continue;
          if ((l.uri = string_dup (map_get (feature, "uri"))) == NULL ||
              !g_utf8_validate (l.uri, -1, NULL) ||
              (l.end - l.start == strlen (l.uri) &&
               memcmp (text + l.start, l.uri, strlen (l.uri)) == 0))
            {
              g_free (l.uri);
              continue;
            }
          g_array_append_val (links, l);
          break;
        }
    }
  if (links->len == 0)
    return text;
  g_array_sort (links, link_cmp);

  out = g_string_sized_new (len);
  for (guint i = 0; i < links->len; i++)
    {
      Link *l = &g_array_index (links, Link, i);

      if (l->start >= at && ((guchar) text[l->start] & 0xC0) != 0x80 &&
          (l->end == len || ((guchar) text[l->end] & 0xC0) != 0x80))
        {
          g_string_append_len (out, text + at, (gssize) (l->start - at));
          g_string_append (out, l->uri);
          at = (gsize) l->end;
        }
      g_free (l->uri);
    }
  g_string_append (out, text + at);
  g_free (text);
  return g_string_free (out, FALSE);
}

static SgPastPost *
read_post (SgBlueskyRepo  *self,
           guint           index,
           const char     *rkey,
           GError        **error)
{
  cbor_item_t *record = load_block (self, index);
  cbor_item_t *reply;
  g_autofree char *created = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GStrvBuilder) media = g_strv_builder_new ();
  g_auto(GStrv) descriptions = NULL;
  guint n_media = 0;
  SgPastPost *post;

  if (record == NULL)
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("the record could not be read"));
      return NULL;
    }
  if (!string_is (map_get (record, "$type"), "app.bsky.feed.post"))
    {
      /* Under the posts' key only posts are expected; elsewhere (no key known) a like or a
       * follow is simply not a post. */
      if (rkey != NULL)
        g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                             _("the record is not a post"));
      cbor_decref (&record);
      return NULL;
    }

  id = rkey != NULL ? g_strdup (rkey)
                    : cid_string (&g_array_index (self->blocks, Block, index));
  post = sg_past_post_new ("bluesky", id);
  g_free (post->text);
  post->text = string_dup (map_get (record, "text"));
  if (post->text == NULL)
    post->text = g_strdup ("");
  post->text = expand_links (post->text, map_get (record, "facets"));

  if ((created = string_dup (map_get (record, "createdAt"))) != NULL &&
      g_utf8_validate (created, -1, NULL))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (created, utc);

      if (date != NULL)
        post->date = g_date_time_to_utc (date);
    }

  add_descriptions (media, map_get (record, "embed"), &n_media);
  descriptions = g_strv_builder_end (media);
  if (descriptions[0] != NULL)
    post->media_descriptions = g_steal_pointer (&descriptions);

  /* A reply names the post it answers by its at:// URI. */
  if ((reply = map_get (record, "reply")) != NULL)
    {
      post->in_reply_to = string_dup (map_get (map_get (reply, "parent"), "uri"));
      if (post->in_reply_to == NULL)
        post->in_reply_to = g_strdup ("");
    }

  post->audience = SG_PAST_POST_AUDIENCE_PUBLIC;   /* every Bluesky post is public */
  if (self->did != NULL && rkey != NULL && is_rkey (rkey, strlen (rkey)))
    post->url = g_strdup_printf ("https://bsky.app/profile/%s/post/%s", self->did, rkey);
  cbor_decref (&record);
  return post;
}

SgPastPost *
sg_bluesky_repo_next (SgBlueskyRepo  *self,
                      gboolean       *done,
                      GError        **error)
{
  *done = FALSE;
  if (self->next_record < self->records->len)
    {
      Record *r = &g_array_index (self->records, Record, self->next_record++);

      return read_post (self, r->block, r->rkey, error);
    }
  if (self->next_orphan < self->orphans->len)
    return read_post (self, g_array_index (self->orphans, guint, self->next_orphan++), NULL,
                      error);
  *done = TRUE;
  return NULL;
}
