/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Welsh is recognised by its short function words ("mae", "yn", "gyda", "wedi"), which carry
 * most running Welsh and almost never occur as English words, and by ŵ and ŷ, which English
 * does not use. A post counts as Welsh when enough of its words are such words: a single
 * "diolch" or "croeso" in an English post does not relabel it. */
#include "config.h"

#include "sg-language.h"

/* Common Welsh words that are not also English words (so not "a", "i", "o", "am", "da",
 * "dim", "hen"): articles, particles, verbs of being, prepositions, pronouns, conjunctions,
 * and a few greetings. Lower case, as folded. */
static const char * const welsh_words[] = {
  "yr", "y", "yn", "ym", "yng", "mae", "maen", "roedd", "oedd", "ydy", "ydw", "ydych", "ydyn",
  "bod", "fod", "wedi", "ddim", "nid", "nad", "ac", "ag", "neu", "ond", "hefyd", "gyda", "efo",
  "ar", "gan", "wrth", "dros", "drwy", "trwy", "heb", "hyd", "rhwng", "ei", "eu", "fy", "dy",
  "ein", "eich", "hwn", "hon", "hyn", "hynny", "yma", "yna", "fel", "chi", "ni", "nhw", "fi",
  "ti", "fe", "fo", "hi", "iawn", "diolch", "bore", "nos", "heddiw", "yfory", "ddoe", "croeso",
  "pob", "lwc", "cymru", "cymraeg", "gymraeg", "sydd", "bydd", "fydd", "gallu", "angen",
  "ysbyty", "meddyg", "meddygon", "cleifion", "claf", "gwaith", "ymlaen", "llongyfarchiadau",
  "newydd", "blwyddyn", "dydd", "wythnos", "tîm", "mewn", "gloch", "ddau", "dau", "llun",
  "mercher", "iau", "gwener", "sadwrn", "sul", NULL,
};

/* "hi", "fe" and "am" are English too; they count only beside clearly Welsh words (below). */
static const char * const shared_words[] = { "hi", "fe", "am", "ni", "ti", "fi", "ar", NULL };

static gboolean
in_list (const char * const *list,
         const char         *word)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], word))
      return TRUE;
  return FALSE;
}

const char *
sg_language_guess (const char *text)
{
  g_autofree char *folded = NULL;
  guint words = 0, welsh = 0;
  gboolean circumflex = FALSE;
  const char *p, *start = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_strdown (text, -1);
  for (p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* ŵ and ŷ: Welsh letters with no place in English spelling. */
      if (c == 0x0175 || c == 0x0177)
        circumflex = TRUE;
      if (c != 0 && (g_unichar_isalpha (c) || c == '\''))
        {
          if (start == NULL)
            start = p;
          continue;
        }
      if (start != NULL)
        {
          g_autofree char *word = g_strndup (start, p - start);

          /* "@handles", "#tags" and links are not words of the post's language. */
          if (start == folded || (start[-1] != '@' && start[-1] != '#' && start[-1] != '/'))
            {
              words++;
              /* "i'r", "o'r", "mae'r": the article elided onto a word is Welsh, never English. */
              if ((in_list (welsh_words, word) && !in_list (shared_words, word)) ||
                  (g_str_has_suffix (word, "'r") && strlen (word) > 2))
                welsh++;
            }
          start = NULL;
        }
      if (c == 0)
        break;
    }

  if (words == 0)
    return NULL;
  /* A quarter of the words is far above what English produces (its only overlap here is "y"
   * in slang, "ac" and "fel" in abbreviations); three at least, so one greeting is not enough. */
  if ((welsh >= 3 && welsh * 4 >= words) || (circumflex && welsh >= 1))
    return "cy";
  return NULL;
}
