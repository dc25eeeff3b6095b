/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the words a regex cannot match without (sg-regex-anchors.h), checked
 * against PCRE itself. The input's first line is a pattern, the rest a text. A pattern GRegex
 * refuses is skipped. When the regex (compiled as the pack compiles it: caseless, optimised)
 * matches the text, every anchor set must have one of its words in the folded text, as the
 * automaton finds them; otherwise the analyzer would have skipped a regex that matches, and
 * the target aborts. Texts with the two differences the reader accepts (a combining mark before
 * a word, U+017F matched as 's') are skipped. Build and run with
 * tests/fuzz/run-fuzz.sh 600 regex-anchors. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sg-lexicon.h"
#include "sg-regex-anchors.h"
#include "sg-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
quiet (const gchar    *domain,
       GLogLevelFlags  level,
       const gchar    *message,
       gpointer        user_data)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *newline = memchr (data, '\n', size);
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  const char *text;
  gsize text_len;

  if (newline == NULL)
    return 0;
  pattern = g_strndup ((const char *) data, newline - (const char *) data);
  text = newline + 1;
  text_len = size - (text - (const char *) data);
  if (strlen (pattern) != (gsize) (newline - (const char *) data) ||
      !g_utf8_validate (pattern, -1, NULL) || !g_utf8_validate_len (text, text_len, NULL) ||
      memchr (text, '\0', text_len) != NULL)
    return 0;

  for (const char *p = text; p < text + text_len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x017F || g_unichar_ismark (c))
        return 0;
    }

  g_log_set_default_handler (quiet, NULL);
  regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  if (regex == NULL)
    return 0;

  sets = sg_regex_anchors (pattern);
  if (sets != NULL && g_regex_match_full (regex, text, text_len, 0, 0, NULL, NULL))
    {
      g_autoptr(SgLexicon) lexicon = sg_lexicon_new ();
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (SgLexiconMatch));
      guint32 seen = 0, all = 0;
      SgText prepared;

      g_assert (sets->len <= 32);
      for (guint i = 0; i < sets->len; i++)
        {
          for (char **w = g_ptr_array_index (sets, i); *w != NULL; w++)
            sg_lexicon_add (lexicon, *w, i, SG_LEXICON_MATCH_DEFAULT);
          all |= 1u << i;
        }
      sg_text_init (&prepared);
      sg_text_prepare (&prepared, text, text_len);
      sg_lexicon_scan (lexicon, prepared.folded->str, prepared.folded->len, found);
      for (guint m = 0; m < found->len; m++)
        seen |= 1u << g_array_index (found, SgLexiconMatch, m).value;
      sg_text_clear (&prepared);
      if (seen != all)
        abort ();
    }
  return 0;
}
