/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any valid UTF-8 through the tokenizer, once with its own sentence count
 * and once with SgText's (as the analyzer runs it). Invalid UTF-8 is skipped, as the analyzer
 * refuses it before tokenising. The text is libFuzzer's buffer of exactly @size bytes (no NUL
 * after it), as the analyzer passes segments of a longer draft. Every token must lie inside
 * the text, on character boundaries, in order, with code-point offsets, folded forms and
 * stems that agree with the buffers. Build and run with tests/fuzz/run-fuzz.sh 600 tokens. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sg-text.h"
#include "sg-tokens.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
text_sentence_of (gpointer data,
                  gsize    offset)
{
  return sg_text_sentence_at (data, offset);
}

static gboolean
is_boundary (const char *text,
             gsize       size,
             gsize       offset)
{
  return offset == size || ((guchar) text[offset] & 0xC0) != 0x80;
}

static void
check_tokens (SgTokens   *t,
              const char *text,
              gsize       size)
{
  guint32 prev_end = 0, prev_sentence = 0, prev_clause = 0, prev_stem = 0;
  gboolean seen_stem = FALSE;

  g_assert_true (t->text == text);
  for (guint i = 0; i < t->tokens->len; i++)
    {
      const SgToken *tok = sg_tokens_get (t, i);

      g_assert_cmpuint (tok->start, <, tok->end);
      g_assert_cmpuint (tok->end, <=, size);
      g_assert_cmpuint (tok->start, >=, prev_end);
      g_assert_true (is_boundary (text, size, tok->start));
      g_assert_true (is_boundary (text, size, tok->end));
      g_assert_cmpuint (tok->cp_start, ==, g_utf8_pointer_to_offset (text, text + tok->start));
      g_assert_cmpuint (tok->cp_end - tok->cp_start, ==,
                        g_utf8_strlen (text + tok->start, tok->end - tok->start));
      g_assert_cmpuint (tok->kind, <=, SG_TOKEN_PUNCT);
      g_assert_cmpuint (tok->shape, <=, SG_SHAPE_OTHER);
      g_assert_cmpuint (tok->norm, <, t->pool->len);
      g_assert_true (g_utf8_validate (sg_tokens_norm (t, i), -1, NULL));
      g_assert_cmpuint (tok->sentence, >=, prev_sentence);
      g_assert_cmpuint (tok->clause, >=, prev_clause);
      if (tok->stem != G_MAXUINT32)
        {
          g_assert_cmpuint (tok->stem, <=, t->stems->len);
          g_assert_true (!seen_stem || tok->stem > prev_stem);
          g_assert_cmpuint (sg_tokens_index_of_stem (t, tok->stem), ==, i);
          prev_stem = tok->stem;
          seen_stem = TRUE;
        }
      g_assert_cmpuint (sg_tokens_index_at (t, tok->start), ==, i);
      prev_end = tok->end;
      prev_sentence = tok->sentence;
      prev_clause = tok->clause;
    }
  g_assert_cmpuint (sg_tokens_index_at (t, size), ==, t->tokens->len);
  g_assert_true (g_utf8_validate (t->stems->str, t->stems->len, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SgTokens tokens;
  static SgText text;
  static gboolean ready;
  const char *s = (const char *) data;

  if (!ready)
    {
      sg_tokens_init (&tokens);
      sg_text_init (&text);
      ready = TRUE;
    }
  if (!g_utf8_validate (s, size, NULL))
    return 0;

  /* The tokenizer's own sentences (terms, and callers without SgText). */
  sg_tokens_run (&tokens, s, size, NULL, NULL);
  check_tokens (&tokens, s, size);

  /* SgText's sentences, as the analyzer does; the buffers are reused. */
  sg_text_prepare (&text, s, size);
  sg_tokens_run (&tokens, s, size, text_sentence_of, &text);
  check_tokens (&tokens, s, size);

  /* A term as a concept file gives it (NUL-terminated). */
  {
    g_autofree char *term = g_strndup (s, MIN (size, 256));
    g_autofree char *stems = NULL;
    const char *valid_end;

    /* Concept files are read as UTF-8 lines: cut where 256 bytes split a character (the
     * harness itself once handed the tokenizer half a character and read past it). */
    if (!g_utf8_validate (term, -1, &valid_end))
      *(char *) valid_end = '\0';
    stems = sg_tokens_stem_phrase (&tokens, term);

    g_assert_true (stems == NULL || g_utf8_validate (stems, -1, NULL));
  }
  return 0;
}
