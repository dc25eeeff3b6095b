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
 * The framing and every CBOR value are read in sg-archive-bluesky-cbor.c, with strict bounds
 * and limits; a post record becomes an SgPastPost in sg-archive-bluesky-post.c.
 *
 * The file is read once to index its blocks (CID digest → offset), which costs 48 bytes per
 * block; then each post's block is read when it is asked for. Blocks whose SHA-256 does not
 * match their CID are damaged and left out (not when built for fuzzing: a fuzzer cannot
 * forge hashes, and what comes after the check would go untested). */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>

#include "sg-archive-bluesky-private.h"
#include "sg-error.h"

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

      if (len > 1 && p[0] == 0 && sg_car_read_cid (p + 1, len - 1, &codec, &digest) == len - 1)
        found = find_block (self, codec, digest);
    }
  cbor_decref (&bytes);
  return found;
}

/* The CID of a block as atproto writes it: multibase "b", base32 lower case, no padding. */
char *
sg_bluesky_cid_string (const Block *b)
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
cbor_item_t *
sg_bluesky_repo_load_block (SgBlueskyRepo *self,
                            guint          index)
{
  const Block *b = &g_array_index (self->blocks, Block, index);

  if (b->codec != CODEC_DAG_CBOR)
    return NULL;
  g_byte_array_set_size (self->buf, b->len);
  if (fseeko (self->file, (off_t) b->offset, SEEK_SET) != 0 ||
      fread (self->buf->data, 1, b->len, self->file) != b->len)
    return NULL;
  return sg_cbor_load (self->buf->data, b->len);
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
        return sg_car_read_varint (bytes, i + 1, out) == i + 1;
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
  cbor_item_t *header = sg_cbor_load (data, len);
  cbor_item_t *version, *roots, *root, *bytes;
  gboolean ok = FALSE;

  if (header == NULL)
    return FALSE;
  version = sg_cbor_map_get (header, "version");
  roots = sg_cbor_map_get (header, "roots");
  if (version != NULL && cbor_isa_uint (version) && cbor_get_int (version) == 1 &&
      roots != NULL && cbor_isa_array (roots) && cbor_array_size (roots) >= 1 &&
      cbor_isa_tag (root = cbor_array_handle (roots)[0]) && cbor_tag_value (root) == 42)
    {
      bytes = cbor_tag_item (root);
      if (cbor_isa_bytestring (bytes) && cbor_bytestring_is_definite (bytes))
        {
          const guint8 *p = cbor_bytestring_handle (bytes), *d;
          gsize n = cbor_bytestring_length (bytes);

          if (n > 1 && p[0] == 0 && sg_car_read_cid (p + 1, n - 1, codec, &d) == n - 1)
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
  gsize n = sg_car_read_varint (head, len, &header_len);
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
      if ((cid_len = sg_car_read_cid (self->buf->data, (gsize) len, &codec, &digest)) == 0)
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
      if ((node = sg_bluesky_repo_load_block (self, index)) == NULL)
        {
          complete = FALSE;
          continue;
        }

      /* The left subtree, then each entry's key and its subtree. */
      {
        cbor_item_t *left = sg_cbor_map_get (node, "l");
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
      entries = sg_cbor_map_get (node, "e");
      if (entries == NULL || !cbor_isa_array (entries))
        {
          complete = FALSE;
          cbor_decref (&node);
          continue;
        }
      for (gsize i = 0; i < cbor_array_size (entries); i++)
        {
          cbor_item_t *e = cbor_array_handle (entries)[i];
          cbor_item_t *p = sg_cbor_map_get (e, "p"), *k = sg_cbor_map_get (e, "k");
          cbor_item_t *t = sg_cbor_map_get (e, "t");
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
          if ((value = link_block (self, sg_cbor_map_get (e, "v"))) < 0)
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
      (commit = sg_bluesky_repo_load_block (self, (guint) commit_index)) != NULL)
    {
      g_autofree char *did = sg_cbor_string_dup (sg_cbor_map_get (commit, "did"));

      if (did != NULL && g_utf8_validate (did, -1, NULL) && sg_atproto_is_did (did))
        self->did = g_steal_pointer (&did);
      tree = link_block (self, sg_cbor_map_get (commit, "data"));
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
