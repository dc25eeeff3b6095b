/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CAR file's framing (varints, CIDs), read with strict bounds, and its DAG-CBOR values:
 * each checked by libcbor's streaming decoder against limits (depth, number of items, each
 * length within the bytes left) before libcbor builds it, because cbor_load() allocates for a
 * declared array length before it finds the bytes missing, and frees nested items recursively
 * (it stops at 2,048 deep itself; 24 is plenty for a post). */
#include "config.h"

#include "sg-archive-bluesky-private.h"

/* ---- Framing */

/* An unsigned LEB128 varint of at most 9 bytes (63 bits) at @p; returns its length, or 0. */
gsize
sg_car_read_varint (const guint8 *p,
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
gsize
sg_car_read_cid (const guint8 *p,
                 gsize         len,
                 guint8       *codec,
                 const guint8 **digest)
{
  guint64 version, c, hash, hash_len;
  gsize at = 0, n;

  if ((n = sg_car_read_varint (p, len, &version)) == 0 || version != 1)
    return 0;
  at += n;
  if ((n = sg_car_read_varint (p + at, len - at, &c)) == 0 || c > 0xff)
    return 0;
  at += n;
  if ((n = sg_car_read_varint (p + at, len - at, &hash)) == 0 || hash != HASH_SHA256)
    return 0;
  at += n;
  if ((n = sg_car_read_varint (p + at, len - at, &hash_len)) == 0 || hash_len != 32)
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
cbor_item_t *
sg_cbor_load (const guint8 *data,
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

cbor_item_t *
sg_cbor_map_get (cbor_item_t *map,
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
char *
sg_cbor_string_dup (cbor_item_t *item)
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

gboolean
sg_cbor_string_is (cbor_item_t *item,
                   const char  *value)
{
  gsize len = strlen (value);

  return item != NULL && cbor_isa_string (item) && cbor_string_is_definite (item) &&
         cbor_string_length (item) == len && memcmp (cbor_string_handle (item), value, len) == 0;
}

/* ---- Identifiers as atproto allows them, so a URL built from them is one */

gboolean
sg_atproto_is_did (const char *s)
{
  gsize len = strlen (s);

  if (len < 8 || len > 2048 || !g_str_has_prefix (s, "did:"))
    return FALSE;
  for (const char *p = s + 4; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._:%-", *p) == NULL)
      return FALSE;
  return s[len - 1] != ':' && s[len - 1] != '%';
}

gboolean
sg_atproto_is_rkey (const char *s,
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
