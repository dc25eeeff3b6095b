/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which words of a text the spell checker looks at: plain C over UTF-8, no GTK and no state,
 * so the main loop and the worker's check read a draft the same way. */
#include "config.h"

#include <string.h>

#include "sg-spell-checker-private.h"

gboolean
sg_spell_is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_';
}

gboolean
sg_spell_is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* A chunk between spaces that is an address, not words: a URL, a bare domain with a path or a
 * UK or common ending, or an e-mail. */
static gboolean
is_address (const char *chunk,
            gsize       len)
{
  g_autofree char *s = g_ascii_strdown (chunk, len);
  static const char * const endings[] = { ".uk", ".com", ".org", ".net", ".gov", ".io", ".ac",
                                          ".nhs", ".info", ".co", ".edu", ".me", ".ly", NULL };
  gsize n;

  if (strstr (s, "://") != NULL || g_str_has_prefix (s, "www."))
    return TRUE;
  /* an e-mail: a letter on each side of an @ that does not open the chunk */
  if (strchr (s + 1, '@') != NULL && strchr (s, '.') != NULL)
    return TRUE;
  if (strchr (s, '.') != NULL && strchr (s, '/') != NULL)
    return TRUE;
  n = strlen (s);
  while (n > 0 && strchr (".,;:!?)\"'", s[n - 1]) != NULL)
    s[--n] = '\0';
  for (guint i = 0; endings[i] != NULL; i++)
    if (g_str_has_suffix (s, endings[i]) && n > strlen (endings[i]) + 1)
      return TRUE;
  return FALSE;
}

/* Numbers and words with digits (FY1, 5mg, 24h), snake_case, single letters and short capitals
 * (GMC, MDT, A&E's letters) are left alone. */
gboolean
sg_spell_worth_checking (const char *word,
                         gsize       len)
{
  guint letters = 0, upper = 0;

  for (const char *p = word; p < word + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c) || c == '_')
        return FALSE;
      if (g_unichar_isalpha (c))
        {
          letters++;
          if (g_unichar_isupper (c))
            upper++;
        }
    }
  if (letters < 2)
    return FALSE;
  if (upper == letters && letters <= 5)
    return FALSE;
  return TRUE;
}

/* The words of one chunk (a run without spaces that is not an address), from @o on. */
static void
foreach_word_of_chunk (const char      *chunk,
                       const char      *stop,
                       int              o,
                       SgSpellWordFunc  func,
                       gpointer         data)
{
  const char *q = chunk;
  gunichar prev = 0;

  while (q < stop)
    {
      gunichar c = g_utf8_get_char (q);
      const char *w;
      int wo;

      if (!sg_spell_is_word_char (c))
        {
          prev = c;
          q = g_utf8_next_char (q), o++;
          continue;
        }
      w = q;
      wo = o;
      while (q < stop)
        {
          const char *next = g_utf8_next_char (q);
          gunichar d = g_utf8_get_char (q);

          if (sg_spell_is_word_char (d))
            q = next, o++;
          else if (sg_spell_is_apostrophe (d) && next < stop
                   && g_unichar_isalpha (g_utf8_get_char (next)))
            q = next, o++;  /* don't, patient's */
          else
            break;
        }
      /* @handles and #tags are names, not words */
      if (prev != '@' && prev != '#' && sg_spell_worth_checking (w, q - w))
        func (w, q - w, wo, o, data);
      prev = 0;
    }
}

void
sg_spell_foreach_word (const char      *text,
                       SgSpellWordFunc  func,
                       gpointer         data)
{
  const char *p = text;
  int offset = 0;

  while (*p != '\0')
    {
      const char *chunk;
      int chunk_offset;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p), offset++;
      if (*p == '\0')
        break;
      chunk = p;
      chunk_offset = offset;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p), offset++;
      if (!is_address (chunk, p - chunk))
        foreach_word_of_chunk (chunk, p, chunk_offset, func, data);
    }
}
