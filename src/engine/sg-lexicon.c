/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sg-lexicon.h"

#include <gio/gio.h>
#include <string.h>

/* The automaton runs over the bytes of the folded UTF-8 stream, so one structure serves every
 * script. Bytes are first mapped to classes (terms use few distinct bytes), and the shallowest
 * states get a complete row of transitions, because nearly every byte of a text is fed to one
 * of them: one load per byte instead of a search down the failure chain. Deeper states keep
 * sorted edge lists. */

#define ASCII_WORD   0x100
#define ASCII_SPACE  0x200
#define DENSE_BUDGET (256 * 1024) /* row entries: 1 MiB, most of a core's L2; 4× the old 256 KiB
                                   * cut analysis by about 4 % (deep states skip the edge search) */

typedef struct {
  guint32 edges;  /* first edge in labels[] / targets[]; labels are sorted classes */
  guint32 n_edges;
  guint32 fail;
  guint32 dict;   /* nearest state down the failure chain that has outputs, 0 if none */
  guint32 out;    /* first output in outputs[] */
  guint32 n_out;
} State;

typedef struct {
  guint32 n_chars;  /* length in folded characters: how far back the ring holds the start */
  guint32 flags;
  guint   value;
} Output;

typedef struct {
  char   *norm;
  guint32 n_chars;
  guint32 flags;
  guint   value;
} Entry;

struct _SgLexicon {
  gatomicrefcount ref_count;
  gboolean        compiled;
  guint           n_terms;
  GArray         *entries;  /* Entry, until compiled */
  GHashTable     *seen;     /* "flags value term": an exact repeat must not report twice */

  State   *states;
  guint8  *labels;
  guint32 *targets;
  Output  *outputs;
  guint8  *accept;       /* per state: it or its dict chain has outputs */
  guint32 *dense;        /* rows of 1 << class_shift entries for states below n_dense */
  guint32  n_dense;
  guint32  class_shift;
  guint    ring_size;    /* a power of two, at least the longest term in characters */
  guint8   byte_class[256];
  guint16  ascii[128];   /* class of the folded byte | ASCII_WORD | ASCII_SPACE */
};

static inline gunichar
fold_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isspace (c) ? ' ' : c + ((c - 'A' < 26u) ? 32 : 0);
  if (c == 0x2018 || c == 0x2019 || c == 0x02BC)
    return '\'';
  if (c >= 0x2010 && c <= 0x2015)
    return '-';
  if (c == 0x85 || g_unichar_isspace (c))
    return ' ';
  /* Simple lower-casing leaves final sigma apart from σ, and the end of a word is exactly
   * where a Greek term ends. */
  return c == 0x03C2 ? 0x03C3 : g_unichar_tolower (c);
}

/* Decodes one character and says whether it belongs to a word. Combining marks do: in
 * decomposed text "café" is "cafe" + U+0301, which the term "cafe" must not match. The caller
 * promises valid UTF-8; a broken promise costs a wrong match, never a read past @end. */
static inline gunichar
decode_char (const guchar *p,
             const guchar *end,
             guint        *len,
             gboolean     *word)
{
  gunichar c = *p;

  *len = 1;
  if (c < 0x80)
    {
      *word = g_ascii_isalnum (c);
      return c;
    }
  c = g_utf8_get_char_validated ((const char *) p, end - p);
  if (c >= 0x110000)
    c = 0xFFFD;
  else
    *len = g_utf8_skip[*p];
  *word = g_unichar_isalnum (c) || g_unichar_ismark (c);
  return c;
}

static gboolean
drop_last (GString *s,
           char     c)
{
  if (s->len == 0 || s->str[s->len - 1] != c)
    return FALSE;
  g_string_truncate (s, s->len - 1);
  return TRUE;
}

/* Folds a term exactly as scanning folds text. NULL for invalid UTF-8 or an empty result. */
static char *
normalize_term (const char *term,
                gsize       len,
                Entry      *e)
{
  const guchar *p = (const guchar *) term, *end = p + len;
  gboolean in_space = TRUE, word;
  GString *s;

  if (!g_utf8_validate (term, len, NULL))
    return NULL;
  s = g_string_sized_new (len + 1);
  e->n_chars = 0;
  while (p < end)
    {
      guint clen;
      gunichar c = fold_char (decode_char (p, end, &clen, &word));

      p += clen;
      if (c == ' ' && in_space)
        continue;
      in_space = c == ' ';
      g_string_append_unichar (s, c);
      e->n_chars++;
    }
  /* Runs are collapsed, so at most one space trails, before or after the '*'. */
  e->n_chars -= drop_last (s, ' ');
  if (drop_last (s, '*'))
    {
      e->flags |= SG_LEXICON_MATCH_PREFIX;
      e->n_chars -= 1 + drop_last (s, ' ');
    }
  e->norm = g_string_free (s, s->len == 0);
  return e->norm;
}

/* Takes ownership of e->norm. */
static void
add_entry (SgLexicon *self,
           Entry     *e)
{
  char *key = g_strdup_printf ("%u %u %s", e->flags, e->value, e->norm);

  if (!g_hash_table_add (self->seen, key))
    {
      g_free (e->norm);
      return;
    }
  g_array_append_val (self->entries, *e);
  self->n_terms++;
}

static void
entry_clear (gpointer data)
{
  g_free (((Entry *) data)->norm);
}

SgLexicon *
sg_lexicon_new (void)
{
  SgLexicon *self = g_new0 (SgLexicon, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

SgLexicon *
sg_lexicon_ref (SgLexicon *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sg_lexicon_unref (SgLexicon *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_free (self->states);
  g_free (self->labels);
  g_free (self->targets);
  g_free (self->outputs);
  g_free (self->accept);
  g_free (self->dense);
  g_free (self);
}

gboolean
sg_lexicon_add (SgLexicon           *self,
                const char          *term,
                guint                value,
                SgLexiconMatchFlags  flags)
{
  Entry e = { NULL, 0, flags & SG_LEXICON_MATCH_PREFIX, value };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (term != NULL, FALSE);
  g_return_val_if_fail (!self->compiled, FALSE);

  if (normalize_term (term, strlen (term), &e) == NULL)
    return FALSE;
  add_entry (self, &e);
  return TRUE;
}

guint
sg_lexicon_get_n_terms (SgLexicon *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_terms;
}

/* @b is a byte class; classes are numbered in byte order, so sorted labels stay sorted. */
static inline guint32
next_state (const SgLexicon *self,
            guint32          s,
            guint8           b)
{
  while (s >= self->n_dense)
    {
      const State *st = &self->states[s];
      const guint8 *lab = self->labels + st->edges;
      guint32 i = 0;

      /* No bisection: states with many edges are shallow, and those have dense rows. */
      while (i < st->n_edges && lab[i] < b)
        i++;
      if (i < st->n_edges && lab[i] == b)
        return self->targets[st->edges + i];
      s = st->fail;
    }
  return self->dense[(s << self->class_shift) | b];
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const Entry *) a)->norm, ((const Entry *) b)->norm);
}

void
sg_lexicon_compile (SgLexicon *self)
{
  g_autofree guint32 *span = NULL;
  const Entry *entries;
  guint32 n, n_states = 1, n_edges = 0, max_states = 1, max_chars = 1, n_classes = 0, row_len;

  g_return_if_fail (self != NULL);

  if (self->compiled)
    return;

  /* Sorted terms make the trie implicit: the terms below a state of depth d are one run
   * sharing d bytes, ended terms first, and its children split the rest by byte d. Taking
   * states in creation order is breadth-first, so a state's failure chain is complete before
   * it is reached, and its failure target already has its dense row. */
  g_array_sort (self->entries, compare_entries);
  entries = (const Entry *) (gpointer) self->entries->data;
  n = self->entries->len;
  for (guint32 i = 0; i < n; i++)
    {
      for (const guchar *p = (const guchar *) entries[i].norm; *p != '\0'; p++)
        self->byte_class[*p] = 1;
      max_states += strlen (entries[i].norm);
      max_chars = MAX (max_chars, entries[i].n_chars);
    }
  for (guint b = 0; b < 256; b++)
    if (self->byte_class[b] != 0)
      self->byte_class[b] = ++n_classes;
  for (guint b = 0; b < 128; b++)
    self->ascii[b] = self->byte_class[fold_char (b)] | (g_ascii_isalnum (b) ? ASCII_WORD : 0)
                     | (g_ascii_isspace (b) ? ASCII_SPACE : 0);
  while ((1u << self->class_shift) <= n_classes)
    self->class_shift++;
  row_len = 1u << self->class_shift;
  self->n_dense = CLAMP (DENSE_BUDGET / row_len, 1, max_states);
  self->dense = g_new (guint32, (gsize) self->n_dense * row_len);
  self->states = g_new0 (State, max_states);
  self->labels = g_new (guint8, max_states);
  self->targets = g_new (guint32, max_states);
  self->accept = g_new0 (guint8, max_states);
  self->outputs = g_new (Output, MAX (n, 1));
  span = g_new (guint32, 2 * max_states);  /* per state: first and last + 1 of its run */
  span[0] = 0;
  span[1] = n;

  for (guint32 i = 0, depth = 0, level_end = 1; i < n_states; i++)
    {
      State *st = &self->states[i];
      guint32 k = span[2 * i];

      if (i == level_end)
        {
          depth++;
          level_end = n_states;
        }
      for (st->out = k; k < span[2 * i + 1] && entries[k].norm[depth] == '\0'; k++)
        self->outputs[k] = (Output) { entries[k].n_chars, entries[k].flags, entries[k].value };
      st->n_out = k - st->out;
      st->edges = n_edges;
      while (k < span[2 * i + 1])
        {
          guint8 b = entries[k].norm[depth];
          guint32 j = k;

          while (j < span[2 * i + 1] && (guint8) entries[j].norm[depth] == b)
            j++;
          self->labels[n_edges] = self->byte_class[b];
          self->targets[n_edges++] = n_states;
          span[2 * n_states] = k;
          span[2 * n_states++ + 1] = j;
          k = j;
        }
      st->n_edges = n_edges - st->edges;

      if (i < self->n_dense)
        {
          guint32 *row = self->dense + (gsize) i * row_len;

          if (i == 0)
            memset (row, 0, row_len * sizeof *row);
          else
            memcpy (row, self->dense + (gsize) st->fail * row_len, row_len * sizeof *row);
          for (guint32 e = st->edges; e < n_edges; e++)
            row[self->labels[e]] = self->targets[e];
        }
      for (guint32 e = st->edges; e < n_edges; e++)
        self->states[self->targets[e]].fail =
          i == 0 ? 0 : next_state (self, st->fail, self->labels[e]);
      /* Here and not from the parent: a failure target can be a later state of the same
       * level, whose outputs are not known yet. */
      if (i != 0)
        st->dict = self->states[st->fail].n_out > 0 ? st->fail : self->states[st->fail].dict;
      self->accept[i] = st->n_out > 0 || st->dict != 0;
    }
  self->n_dense = MIN (self->n_dense, n_states);
  self->states = g_renew (State, self->states, n_states);
  self->labels = g_renew (guint8, self->labels, n_states);
  self->targets = g_renew (guint32, self->targets, n_states);
  self->accept = g_renew (guint8, self->accept, n_states);

  self->ring_size = 1;
  while (self->ring_size < max_chars)
    self->ring_size <<= 1;
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  self->compiled = TRUE;
}

static int
compare_matches (const SgLexiconMatch *x,
                 const SgLexiconMatch *y)
{
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (x->value > y->value) - (x->value < y->value);
}

/* Matches are found in order of their end, which differs from the wanted order only among
 * overlapping ones: inserting each past those few is cheaper than sorting. */
static void
insert_match (GArray               *matches,
              gsize                 first,
              const SgLexiconMatch *m)
{
  const SgLexiconMatch *a = (const SgLexiconMatch *) (gconstpointer) matches->data;
  gsize i = matches->len;
  int cmp = 1;

  while (i > first && (cmp = compare_matches (&a[i - 1], m)) > 0)
    i--;
  /* A term added both with and without '*' under one value must not report twice. */
  if (i > first && cmp == 0)
    return;
  if (i == matches->len)
    g_array_append_val (matches, *m);
  else
    g_array_insert_val (matches, i, *m);
}

/* @ring holds, per folded character, its original offset shifted left by one, with bit 0 set
 * when the character before it is not a word character, so a match may start there. One
 * word, not a struct with a gboolean: an int store could alias the automaton's fields in the
 * scan loop and force their reload at every character. */
static void
emit_matches (const SgLexicon *self,
              guint32          s,
              const gsize     *ring,
              gsize            pos,
              const guchar    *text,
              const guchar    *p,
              const guchar    *end,
              GArray          *matches,
              gsize            first)
{
  int end_ok = -1;  /* the next character decides for every non-prefix term: look once */

  for (; s != 0; s = self->states[s].dict)
    for (guint32 k = 0; k < self->states[s].n_out; k++)
      {
        const Output *o = &self->outputs[self->states[s].out + k];
        gsize r = ring[(pos + 1 - o->n_chars) & (self->ring_size - 1)];
        SgLexiconMatch m = { r >> 1, p - text, o->value };

        if (!(r & 1))
          continue;
        if (end_ok < 0 && !(o->flags & SG_LEXICON_MATCH_PREFIX))
          {
            guint len;
            gboolean word = FALSE;

            if (p < end)
              decode_char (p, end, &len, &word);
            end_ok = !word;
          }
        if ((o->flags & SG_LEXICON_MATCH_PREFIX) || end_ok)
          insert_match (matches, first, &m);
      }
}

guint
sg_lexicon_scan (SgLexicon  *self,
                 const char *text,
                 gssize      len,
                 GArray     *matches)
{
  gsize stack_ring[64], *ring, pos = 0, mask, first;
  const guchar *p = (const guchar *) text, *end;
  const guint32 *dense;
  const guint8 *byte_class, *accept;
  const guint16 *ascii;
  guint32 s = 0, n_dense, shift;
  gboolean prev_word = FALSE, prev_space = FALSE;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (text != NULL || len == 0, 0);
  g_return_val_if_fail (matches != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (matches) == sizeof (SgLexiconMatch), 0);

  sg_lexicon_compile (self);
  if (self->n_terms == 0 || len == 0)
    return 0;
  end = p + (len < 0 ? strlen (text) : (gsize) len);

  /* Only the last ring_size characters can start a match, so memory stays constant whatever
   * the length of the text. The hot fields are copied to locals for the same aliasing reason
   * as the ring's layout. */
  ring = self->ring_size <= G_N_ELEMENTS (stack_ring) ? stack_ring
                                                      : g_new (gsize, self->ring_size);
  mask = self->ring_size - 1;
  first = matches->len;
  dense = self->dense;
  byte_class = self->byte_class;
  ascii = self->ascii;
  accept = self->accept;
  n_dense = self->n_dense;
  shift = self->class_shift;

  while (p < end)
    {
      const guchar *here = p;
      gboolean word, space;
      char buf[6];
      gint n_bytes = 0;
      guint cls = 0;

      if (*p < 0x80)
        {
          guint info = ascii[*p++];

          word = (info & ASCII_WORD) != 0;
          space = (info & ASCII_SPACE) != 0;
          cls = info & 0xFF;
        }
      else
        {
          guint clen;
          gunichar c = fold_char (decode_char (p, end, &clen, &word));

          p += clen;
          space = c == ' ';
          if (c < 0x80)
            cls = byte_class[c];
          else
            {
              n_bytes = g_unichar_to_utf8 (c, buf);
              cls = byte_class[(guchar) buf[0]];
            }
        }

      /* A run of whitespace is fed as its first character only, which is what lets the term
       * "bay 4" match "bay\n  4" while offsets still point into the original text. */
      if (space && prev_space)
        {
          prev_word = FALSE;
          continue;
        }
      prev_space = space;
      ring[pos & mask] = ((gsize) (here - (const guchar *) text) << 1) | !prev_word;
      prev_word = word;

      s = G_LIKELY (s < n_dense) ? dense[(s << shift) | cls] : next_state (self, s, cls);
      for (gint i = 1; i < n_bytes; i++)
        s = next_state (self, s, byte_class[(guchar) buf[i]]);

      if (G_UNLIKELY (accept[s]))
        emit_matches (self, s, ring, pos, (const guchar *) text, p, end, matches, first);
      pos++;
    }

  if (ring != stack_ring)
    g_free (ring);
  return matches->len - first;
}

static gboolean
set_line_error (GError    **error,
                const char *path,
                guint       line_no,
                const char *what)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%u: %s", display, line_no, what);
  return FALSE;
}

gboolean
sg_lexicon_add_from_file (SgLexicon   *self,
                          const char  *path,
                          guint        default_value,
                          GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) parsed = NULL;
  g_autofree char *contents = NULL;
  const char *line, *end;
  gsize size;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (!self->compiled, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* GFile rather than g_file_get_contents(), so every error is in the G_IO_ERROR domain. */
  file = g_file_new_for_path (path);
  if (!g_file_load_contents (file, NULL, &contents, &size, NULL, error))
    return FALSE;

  /* Everything is parsed before anything is added: a broken file must not half-load. */
  parsed = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (parsed, entry_clear);
  end = contents + size;
  line = size >= 3 && memcmp (contents, "\xEF\xBB\xBF", 3) == 0 ? contents + 3 : contents;
  for (guint line_no = 1; line < end; line_no++)
    {
      const char *nl = memchr (line, '\n', end - line);
      const char *line_end = nl != NULL ? nl : end, *q = line, *tab;
      Entry e = { NULL, 0, 0, default_value };

      if (line_end > line && line_end[-1] == '\r')
        line_end--;
      if (!g_utf8_validate (line, line_end - line, NULL))
        return set_line_error (error, path, line_no, "invalid UTF-8 (or a NUL byte)");
      while (q < line_end && (*q == ' ' || *q == '\t'))
        q++;
      if (q < line_end && *q != '#')
        {
          /* From the line start, so "\t5" is an empty term rather than the term "5". */
          tab = memchr (line, '\t', line_end - line);
          if (tab != NULL)
            {
              g_autofree char *v = g_strstrip (g_strndup (tab + 1, line_end - tab - 1));
              guint64 value;

              if (!g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT, &value, NULL))
                {
                  g_autofree char *what = g_strdup_printf ("invalid value “%s”", v);

                  return set_line_error (error, path, line_no, what);
                }
              e.value = value;
            }
          if (normalize_term (line, (tab != NULL ? tab : line_end) - line, &e) == NULL)
            return set_line_error (error, path, line_no, "empty term");
          g_array_append_val (parsed, e);
        }
      line = nl != NULL ? nl + 1 : end;
    }

  for (guint i = 0; i < parsed->len; i++)
    {
      Entry *e = &g_array_index (parsed, Entry, i);

      add_entry (self, e);
      e->norm = NULL;
    }
  return TRUE;
}
