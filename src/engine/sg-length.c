/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-length.h"

static gboolean
url_at (const char *p,
        const char *end,
        const char **url_end)
{
  const char *q;

  if (!(g_str_has_prefix (p, "https://") || g_str_has_prefix (p, "http://")))
    return FALSE;

  for (q = p; q < end && !g_ascii_isspace (*q); q++)
    ;
  /* Trailing punctuation belongs to the sentence, not the link. */
  while (q > p && strchr (".,;:!?)'\"", q[-1]) != NULL)
    q--;
  *url_end = q;
  return TRUE;
}

/* X's weighting (twitter-text 3): most Latin, Greek, Cyrillic and general punctuation weigh
 * one; everything else, including CJK and emoji, weighs two. */
static guint
x_weight (gunichar c)
{
  if (c <= 0x10FF || (c >= 0x2000 && c <= 0x200D) || (c >= 0x2010 && c <= 0x201F) ||
      (c >= 0x2032 && c <= 0x2037))
    return 1;
  return 2;
}

/* A grapheme boundary approximation good enough for a counter: combining marks, variation
 * selectors, zero-width joiners and what they join, skin-tone modifiers and the second half
 * of a flag do not start a new grapheme. */
static gboolean
extends_grapheme (gunichar prev,
                  gunichar c)
{
  GUnicodeType t = g_unichar_type (c);

  if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
      t == G_UNICODE_ENCLOSING_MARK)
    return TRUE;
  if (c == 0x200D || prev == 0x200D)
    return TRUE;
  if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) ||
      (c >= 0xE0020 && c <= 0xE007F))
    return TRUE;
  return FALSE;
}

guint
sg_length_count (const SgPlatform *platform,
                 const char       *text,
                 gssize            len)
{
  const char *p, *end;
  gunichar prev = 0;
  gboolean in_flag = FALSE;
  guint n = 0;

  g_return_val_if_fail (platform != NULL, 0);
  g_return_val_if_fail (text != NULL || len == 0, 0);

  if (len < 0)
    len = strlen (text);
  end = text + len;

  for (p = text; p < end; )
    {
      const char *url_end;
      gunichar c;

      if (platform->url_length > 0 && url_at (p, end, &url_end))
        {
          n += platform->url_length;
          p = url_end;
          prev = 0;
          continue;
        }

      c = g_utf8_get_char (p);

      switch (platform->counting)
        {
        case SG_COUNTING_X_WEIGHTED:
          n += x_weight (c);
          break;

        case SG_COUNTING_GRAPHEMES:
          /* Regional indicators pair up into one flag. */
          if (c >= 0x1F1E6 && c <= 0x1F1FF)
            {
              if (!in_flag)
                n++;
              in_flag = !in_flag;
            }
          else
            {
              in_flag = FALSE;
              if (prev == 0 || !extends_grapheme (prev, c))
                n++;
            }
          break;

        case SG_COUNTING_CODE_POINTS:
        default:
          n++;
          break;
        }

      prev = c;
      p = g_utf8_next_char (p);
    }

  return n;
}
