/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-text.h"

void
sg_text_init (SgText *self)
{
  memset (self, 0, sizeof *self);
  self->folded = g_string_sized_new (1024);
  self->map = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 1024);
  self->sentences = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 16);
}

void
sg_text_clear (SgText *self)
{
  if (self->folded != NULL)
    g_string_free (self->folded, TRUE);
  g_clear_pointer (&self->map, g_array_unref);
  g_clear_pointer (&self->sentences, g_array_unref);
}

static inline gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0x2028 || c == 0x2029;
}

static inline gunichar
fold_char (gunichar c)
{
  switch (c)
    {
    case 0x2018: case 0x2019: case 0x02BC: case 0x2032: case 0x0060:
      return '\'';
    case 0x201C: case 0x201D: case 0x2033:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
      return '-';
    default:
      return c < 0x80 ? (gunichar) g_ascii_tolower (c) : g_unichar_tolower (c);
    }
}

/* Writes into buffers sized up front (a folded character is never longer than 6 bytes per
 * input byte in the worst case, and usually shorter): no per-byte function calls or
 * reallocation in the loop that sees every byte of every draft. */
typedef struct {
  char    *out;
  guint32 *map;
  gsize    n;
} Sink;

static inline void
push (Sink    *sink,
      char     byte,
      guint32  origin)
{
  sink->out[sink->n] = byte;
  sink->map[sink->n] = origin;
  sink->n++;
}

/* Whether the word just before the full stop at @dot is a title that is written with one:
 * Dr, Mr, Mrs, Ms, Mx, Prof, Rev, St. Any case; the word must start the text or follow a
 * non-letter. */
static gboolean
is_title_abbreviation (const char *text,
                       const char *dot)
{
  static const char * const titles[] = { "dr", "mr", "mrs", "ms", "mx", "prof", "rev", "st", NULL };
  const char *start = dot;
  char word[5];
  gsize n;

  while (start > text && g_ascii_isalpha (start[-1]) && dot - start < 5)
    start--;
  n = dot - start;
  if (n == 0 || n > 4 || (start > text && g_ascii_isalpha (start[-1])))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    word[i] = g_ascii_tolower (start[i]);
  word[n] = '\0';
  return g_strv_contains (titles, word);
}

void
sg_text_prepare (SgText     *self,
                 const char *text,
                 gsize       len)
{
  const char *p = text;
  const char *end = text + len;
  gboolean sentence_pending = TRUE;
  char last = ' ';
  Sink sink;

  self->text = text;
  self->len = len;
  g_array_set_size (self->sentences, 0);

  /* Lower-casing can grow a character (U+0130 → i̇, 2 → 3 bytes): 2× plus slack covers it. */
  g_string_set_size (self->folded, len * 2 + 8);
  g_array_set_size (self->map, len * 2 + 9);
  sink.out = self->folded->str;
  sink.map = (guint32 *) self->map->data;
  sink.n = 0;

  while (p < end)
    {
      guint32 origin = p - text;
      guchar b = (guchar) *p;
      gunichar c;
      const char *next;

      if (b < 0x80)
        {
          /* The common case: ASCII letters and punctuation fold by table. */
          if (g_ascii_isalpha (b) || (b > ' ' && !g_ascii_isdigit (b) && b != '.' && b != '!' &&
                                      b != '?' && b != '`'))
            {
              char f = (b >= 'A' && b <= 'Z') ? (char) (b + ('a' - 'A')) : (char) b;

              if (sentence_pending)
                {
                  g_array_append_val (self->sentences, origin);
                  sentence_pending = FALSE;
                }
              push (&sink, f, origin);
              last = f;
              p++;
              continue;
            }
          c = b;
          next = p + 1;
        }
      else
        {
          c = g_utf8_get_char (p);
          next = g_utf8_next_char (p);
        }

      if (sentence_pending && !is_space (c) && c != 0)
        {
          g_array_append_val (self->sentences, origin);
          sentence_pending = FALSE;
        }

      if (is_space (c) || c == 0)
        {
          if (c == '\n' || c == 0x2029)
            sentence_pending = TRUE;
          if (last != ' ')
            {
              push (&sink, ' ', origin);
              last = ' ';
            }
        }
      else if (c >= '0' && c <= '9')
        {
          if (last != '#')
            {
              push (&sink, '#', origin);
              last = '#';
            }
        }
      else
        {
          gunichar f = fold_char (c);

          if (f < 0x80)
            {
              push (&sink, (char) f, origin);
              last = (char) f;
            }
          else
            {
              char buf[6];
              int n = g_unichar_to_utf8 (f, buf);

              for (int i = 0; i < n; i++)
                push (&sink, buf[i], origin);
              last = buf[n - 1];
            }

          /* '.' inside "e.g." or "2.5" is followed by a non-space: not a sentence end; nor is
           * the full stop of a title ("Dr. Priya here", "Mrs. Khan in bay 4"). */
          if ((c == '.' || c == '!' || c == '?' || c == 0x2026) &&
              (next >= end || is_space (g_utf8_get_char (next))) &&
              !(c == '.' && is_title_abbreviation (text, p)))
            sentence_pending = TRUE;
        }

      p = next;
    }

  sink.map[sink.n] = len;
  g_string_set_size (self->folded, sink.n);
  g_array_set_size (self->map, sink.n + 1);

  if (self->sentences->len == 0)
    {
      guint32 zero = 0;
      g_array_append_val (self->sentences, zero);
    }
}

guint
sg_text_sentence_at (SgText *self,
                     gsize   offset)
{
  const guint32 *starts = (const guint32 *) self->sentences->data;
  guint lo = 0, hi = self->sentences->len;

  /* The last sentence start <= offset. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (starts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

gboolean
sg_text_is_sentence_start (SgText *self,
                           gsize   offset)
{
  guint s = sg_text_sentence_at (self, offset);
  const char *p = self->text + g_array_index (self->sentences, guint32, s);

  /* Opening quotes, brackets and emoji before the first word still count as the start. */
  while (p < self->text + offset)
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return TRUE;
}

gssize
sg_text_find_invalid_utf8 (const char *text,
                           gsize       len)
{
  const char *end = NULL;

  if (g_utf8_validate_len (text, len, &end))
    return -1;

  /* g_utf8_validate stops at NUL too; NUL is valid here, so step over it and go on. */
  while (end < text + len && *end == '\0')
    {
      const char *rest = end + 1;
      if (g_utf8_validate_len (rest, text + len - rest, &end))
        return -1;
    }

  return end - text;
}
