/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sg-lexicon.h"

static GArray *
scan (SgLexicon  *lex,
      const char *text,
      gssize      len)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (SgLexiconMatch));
  guint n = sg_lexicon_scan (lex, text, len, matches);

  g_assert_cmpuint (n, ==, matches->len);
  return matches;
}

#define assert_match(matches, i, s, e, v) G_STMT_START {                             \
    g_assert_cmpuint ((i), <, (matches)->len);                                          \
    g_assert_cmpuint (g_array_index ((matches), SgLexiconMatch, (i)).start, ==, (s));   \
    g_assert_cmpuint (g_array_index ((matches), SgLexiconMatch, (i)).end, ==, (e));     \
    g_assert_cmpuint (g_array_index ((matches), SgLexiconMatch, (i)).value, ==, (v));   \
  } G_STMT_END

/* The number of matches of @term alone in @text. */
static guint
count_one (const char *term,
           const char *text)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;

  g_assert_true (sg_lexicon_add (lex, term, 7, SG_LEXICON_MATCH_DEFAULT));
  matches = scan (lex, text, -1);
  return matches->len;
}

static void
test_basic (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;
  const char *text = "Took Aspirin, then PARACETAMOL and aspirin again.";

  g_assert_true (sg_lexicon_add (lex, "aspirin", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "Paracetamol", 2, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "ibuprofen", 3, SG_LEXICON_MATCH_DEFAULT));
  g_assert_cmpuint (sg_lexicon_get_n_terms (lex), ==, 3);
  sg_lexicon_compile (lex);
  sg_lexicon_compile (lex);  /* idempotent */
  g_assert_cmpuint (sg_lexicon_get_n_terms (lex), ==, 3);

  matches = scan (lex, text, -1);
  g_assert_cmpuint (matches->len, ==, 3);
  assert_match (matches, 0, 5, 12, 1);
  assert_match (matches, 1, 19, 30, 2);
  assert_match (matches, 2, 35, 42, 1);

  /* Appends, never clears: the return value counts this call only. */
  g_assert_cmpuint (sg_lexicon_scan (lex, "aspirin", -1, matches), ==, 1);
  g_assert_cmpuint (matches->len, ==, 4);
  assert_match (matches, 3, 0, 7, 1);

  /* An explicit length stops the scan: "aspi" is not "aspirin". */
  g_assert_cmpuint (sg_lexicon_scan (lex, "aspirin", 4, matches), ==, 0);
}

static void
test_word_boundary (void)
{
  g_assert_cmpuint (count_one ("cat", "concatenate"), ==, 0);
  g_assert_cmpuint (count_one ("cat", "cats"), ==, 0);
  g_assert_cmpuint (count_one ("cat", "bobcat"), ==, 0);
  g_assert_cmpuint (count_one ("cat", "cat2"), ==, 0);
  g_assert_cmpuint (count_one ("cat", "2cat"), ==, 0);
  g_assert_cmpuint (count_one ("cat", "écat"), ==, 0);
  g_assert_cmpuint (count_one ("cat", "catя"), ==, 0);
  g_assert_cmpuint (count_one ("cat", "cat"), ==, 1);
  g_assert_cmpuint (count_one ("cat", "(cat)"), ==, 1);
  g_assert_cmpuint (count_one ("cat", "a cat, a dog"), ==, 1);
  g_assert_cmpuint (count_one ("cat", "cat-like cat_"), ==, 2);
  g_assert_cmpuint (count_one ("doctor", "the doctor's note"), ==, 1);
  g_assert_cmpuint (count_one ("doctor", "the doctor’s note"), ==, 1);
  /* A combining accent belongs to the word it follows. */
  g_assert_cmpuint (count_one ("cafe", "cafe\xCC\x81"), ==, 0);
  /* Punctuation inside a term is literal, and its ends still need boundaries. */
  g_assert_cmpuint (count_one ("a&e", "went to A&E today"), ==, 1);
  g_assert_cmpuint (count_one ("a&e", "went to A & E today"), ==, 0);
  g_assert_cmpuint (count_one ("a&e", "ba&e"), ==, 0);
  g_assert_cmpuint (count_one ("q.d.s", "take q.d.s."), ==, 1);
  g_assert_cmpuint (count_one ("q.d.s", "take qxdxs"), ==, 0);
  g_assert_cmpuint (count_one ("q.d.s", "take q.d.sx"), ==, 0);
}

static void
test_case_fold_unicode (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;
  /* "ÉRIC" is 5 bytes (É is 2); "ΛΌΓΟΣ" is 10. */
  const char *text = "ÉRIC, ΛΌΓΟΣ, STRAẞE, STRASSE";

  g_assert_true (sg_lexicon_add (lex, "éric", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "λόγος", 2, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "straße", 3, SG_LEXICON_MATCH_DEFAULT));
  matches = scan (lex, text, -1);

  /* Simple lower-casing: capital ẞ folds to ß, but "SS" is not ß (no full case folding). */
  g_assert_cmpuint (matches->len, ==, 3);
  assert_match (matches, 0, 0, 5, 1);
  assert_match (matches, 1, 7, 17, 2);
  assert_match (matches, 2, 19, 27, 3);

  g_assert_cmpuint (count_one ("ÉRIC", "éric"), ==, 1);
  g_assert_cmpuint (count_one ("Иван", "ИВАН и иван"), ==, 2);
}

static void
test_whitespace_runs (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;
  const char *text = "bay  4|bay\n4|bay\xC2\xA0" "4|bay \t\r\n 4|bay4|BAY 4";

  g_assert_true (sg_lexicon_add (lex, "  Bay \t 4  ", 4, SG_LEXICON_MATCH_DEFAULT));
  matches = scan (lex, text, -1);
  g_assert_cmpuint (matches->len, ==, 5);
  assert_match (matches, 0, 0, 6, 4);
  assert_match (matches, 1, 7, 12, 4);
  assert_match (matches, 2, 13, 19, 4);
  assert_match (matches, 3, 20, 29, 4);
  assert_match (matches, 4, 35, 40, 4);

  /* Whitespace before a match is not part of it. */
  g_array_set_size (matches, 0);
  g_assert_cmpuint (sg_lexicon_scan (lex, "   \n bay 4", -1, matches), ==, 1);
  assert_match (matches, 0, 5, 10, 4);
}

static void
test_prefix (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;

  g_assert_true (sg_lexicon_add (lex, "drunk*", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "overdos", 2, SG_LEXICON_MATCH_PREFIX));
  g_assert_true (sg_lexicon_add (lex, "self harm *", 3, SG_LEXICON_MATCH_DEFAULT));
  /* The same term and value without '*': a distinct term, but "drunk;" is reported once. */
  g_assert_true (sg_lexicon_add (lex, "drunk", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_cmpuint (sg_lexicon_get_n_terms (lex), ==, 4);
  matches = scan (lex, "Drunkenly, drunk; undrunk. Overdosed! self  harming", -1);
  g_assert_cmpuint (matches->len, ==, 4);
  assert_match (matches, 0, 0, 5, 1);
  assert_match (matches, 1, 11, 16, 1);
  assert_match (matches, 2, 27, 34, 2);
  assert_match (matches, 3, 38, 48, 3);

  /* Without '*' the same term needs an end boundary. */
  g_assert_cmpuint (count_one ("drunk", "drunkenly"), ==, 0);
}

static void
test_overlapping (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;

  g_assert_true (sg_lexicon_add (lex, "new", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "york", 2, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "new york", 3, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "new york city", 4, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "york city", 5, SG_LEXICON_MATCH_DEFAULT));
  /* The same term twice: both values are reported; an exact repeat only once. */
  g_assert_true (sg_lexicon_add (lex, "york", 6, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "YORK", 2, SG_LEXICON_MATCH_DEFAULT));
  g_assert_cmpuint (sg_lexicon_get_n_terms (lex), ==, 6);

  matches = scan (lex, "New York City", -1);
  g_assert_cmpuint (matches->len, ==, 6);
  assert_match (matches, 0, 0, 13, 4);
  assert_match (matches, 1, 0, 8, 3);
  assert_match (matches, 2, 0, 3, 1);
  assert_match (matches, 3, 4, 13, 5);
  assert_match (matches, 4, 4, 8, 2);
  assert_match (matches, 5, 4, 8, 6);

  /* Self-overlapping terms: every occurrence, sorted by start. */
  g_assert_cmpuint (count_one ("la la", "la la la la"), ==, 3);
}

static void
test_offsets_multibyte (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;
  /* U+1F600 is 4 bytes, é 2, the family emoji 25 (ZWJ sequence). */
  const char *text = "\xF0\x9F\x98\x80 café \xF0\x9F\x98\x80naïve\xF0\x9F\x98\x80 "
                     "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
                     "\xE2\x80\x8D\xF0\x9F\x91\xA6 caf\xC3\x89";

  g_assert_true (sg_lexicon_add (lex, "café", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "naïve", 2, SG_LEXICON_MATCH_DEFAULT));
  matches = scan (lex, text, -1);
  g_assert_cmpuint (matches->len, ==, 3);
  assert_match (matches, 0, 5, 10, 1);
  assert_match (matches, 1, 15, 21, 2);
  g_assert_cmpuint (g_array_index (matches, SgLexiconMatch, 2).end, ==, strlen (text));
  assert_match (matches, 2, strlen (text) - 5, strlen (text), 1);
  g_assert_cmpmem (text + 15, 6, "naïve", 6);
}

static void
test_apostrophe_dash (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;
  const char *text = "I can’t take co–codamol or co—codamol, can't co-codamol; DON'T";

  g_assert_true (sg_lexicon_add (lex, "can't", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "co-codamol", 2, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "don’t", 3, SG_LEXICON_MATCH_DEFAULT));
  matches = scan (lex, text, -1);
  g_assert_cmpuint (matches->len, ==, 6);
  assert_match (matches, 0, 2, 9, 1);     /* ’ is 3 bytes */
  assert_match (matches, 1, 15, 27, 2);   /* – is 3 bytes */
  assert_match (matches, 2, 31, 43, 2);
  assert_match (matches, 3, 45, 50, 1);
  assert_match (matches, 4, 51, 61, 2);
  assert_match (matches, 5, 63, 68, 3);

  g_assert_cmpuint (count_one ("can't", "canʼt cant can‘t"), ==, 2);
  g_assert_cmpuint (count_one ("co-codamol", "co‐codamol co‑codamol cocodamol"), ==, 2);
}

static void
test_nul_bytes (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;
  static const char text[] = "\0aspirin\0\0aspirin x\0aspirin";

  g_assert_true (sg_lexicon_add (lex, "aspirin", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_true (sg_lexicon_add (lex, "aspirin x", 2, SG_LEXICON_MATCH_DEFAULT));
  matches = scan (lex, text, sizeof text - 1);
  g_assert_cmpuint (matches->len, ==, 4);
  assert_match (matches, 0, 1, 8, 1);
  assert_match (matches, 1, 10, 19, 2);
  assert_match (matches, 2, 10, 17, 1);
  assert_match (matches, 3, 20, 27, 1);

  /* -1 stops at the first NUL. */
  g_array_set_size (matches, 0);
  g_assert_cmpuint (sg_lexicon_scan (lex, "aspirin\0aspirin", -1, matches), ==, 1);

  /* Invalid UTF-8 breaks the caller's promise; it must still not crash or overrun. */
  g_array_set_size (matches, 0);
  sg_lexicon_scan (lex, "\xF0\x9F aspirin \xC3", 13, matches);
  g_assert_cmpuint (matches->len, ==, 1);
  assert_match (matches, 0, 3, 10, 1);
}

static char *
write_tmp (const char *contents,
           gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("test-lexicon-XXXXXX.txt", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_file (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good = write_tmp ("\xEF\xBB\xBF# medicines\r\n"
                                     "aspirin\r\n"
                                     "\n"
                                     "   \t\n"
                                     "  # indented comment\n"
                                     "Co-Codamol\t42\n"
                                     "diazepam*\t 7 \n"
                                     "a#b", -1);
  g_autofree char *bad_utf8 = write_tmp ("aspirin\n# ok\ncaf\xE9\nzopiclone\n", -1);
  g_autofree char *bad_value = write_tmp ("aspirin\nzopiclone\t12x\n", -1);
  g_autofree char *too_big = write_tmp ("aspirin\nzopiclone\t99999999999\n", -1);
  g_autofree char *empty_term = write_tmp ("aspirin\n\t5\n", -1);
  g_autofree char *nul = write_tmp ("aspirin\nzop\0iclone\n", 20);
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-lexicon-file", NULL);

  g_assert_true (sg_lexicon_add_from_file (lex, good, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sg_lexicon_get_n_terms (lex), ==, 4);

  g_assert_false (sg_lexicon_add_from_file (lex, bad_utf8, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_suffix (error->message, "invalid UTF-8 (or a NUL byte)"));
  g_assert_nonnull (strstr (error->message, ":3: "));
  g_assert_true (g_str_has_prefix (error->message, bad_utf8));
  g_clear_error (&error);

  g_assert_false (sg_lexicon_add_from_file (lex, bad_value, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, ":2: invalid value “12x”"));
  g_clear_error (&error);

  g_assert_false (sg_lexicon_add_from_file (lex, too_big, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, ":2: "));
  g_clear_error (&error);

  g_assert_false (sg_lexicon_add_from_file (lex, empty_term, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, ":2: empty term"));
  g_clear_error (&error);

  g_assert_false (sg_lexicon_add_from_file (lex, nul, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, ":2: "));
  g_clear_error (&error);

  g_assert_false (sg_lexicon_add_from_file (lex, missing, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A failed load adds nothing, not even the lines before the error. */
  g_assert_cmpuint (sg_lexicon_get_n_terms (lex), ==, 4);

  matches = scan (lex, "aspirin, co‑codamol, diazepams, zopiclone, a#b", -1);
  g_assert_cmpuint (matches->len, ==, 4);
  assert_match (matches, 0, 0, 7, 1);
  assert_match (matches, 1, 9, 21, 42);
  assert_match (matches, 2, 23, 31, 7);
  assert_match (matches, 3, 45, 48, 1);

  g_unlink (good);
  g_unlink (bad_utf8);
  g_unlink (bad_value);
  g_unlink (too_big);
  g_unlink (empty_term);
  g_unlink (nul);
}

/* Pronounceable pseudo-words, so the automaton sees English-like prefix sharing. */
static char *
make_word (GRand *rand)
{
  static const char *const syllables[] = {
    "ab", "ka", "lo", "mi", "ter", "son", "ri", "an", "el", "po", "qu", "str",
    "ne", "ta", "ve", "or", "us", "in", "de", "ma",
  };
  GString *s = g_string_new (NULL);
  int n = g_rand_int_range (rand, 2, 5);

  for (int i = 0; i < n; i++)
    g_string_append (s, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
  return g_string_free (s, FALSE);
}

static void
test_many_terms (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GTimer) timer = NULL;
  gsize marker_at[3];
  guint found = 0;
  double elapsed;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *term = g_strdup_printf ("zq%05u", i);

      g_assert_true (sg_lexicon_add (lex, term, i, SG_LEXICON_MATCH_DEFAULT));
    }
  g_assert_cmpuint (sg_lexicon_get_n_terms (lex), ==, 10000);
  sg_lexicon_compile (lex);

  while (text->len < 1024 * 1024)
    {
      g_autofree char *word = make_word (rand);

      g_string_append (text, word);
      g_string_append (text, g_rand_int_range (rand, 0, 10) == 0 ? ". " : " ");
      if (text->len > 300000 && found < 3)
        {
          marker_at[found] = text->len;
          g_string_append_printf (text, "ZQ%05u ", found * 4321 + 17);
          found++;
        }
    }
  /* Near-misses: no boundary, or one digit short. */
  g_string_append (text, "zq000170 xzq00017 zq0001");

  timer = g_timer_new ();
  matches = scan (lex, text->str, text->len);
  elapsed = g_timer_elapsed (timer, NULL);
  g_test_message ("1 MiB, 10,000 terms: %.1f ms (%.0f MB/s)", elapsed * 1000,
                  text->len / elapsed / 1e6);

  g_assert_cmpuint (matches->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_match (matches, i, marker_at[i], marker_at[i] + 7, i * 4321 + 17);
  g_assert_cmpfloat (elapsed, <, 1.0);

  /* Terms longer than the stack ring, many overlapping. */
  {
    g_autoptr(SgLexicon) lex2 = sg_lexicon_new ();
    g_autoptr(GString) term = g_string_new (NULL);
    g_autoptr(GString) long_text = g_string_new ("« ");

    for (guint i = 0; i < 100; i++)
      g_string_append (term, "é ");
    g_string_append (term, "fin");
    g_assert_true (sg_lexicon_add (lex2, term->str, 1, SG_LEXICON_MATCH_DEFAULT));
    g_assert_true (sg_lexicon_add (lex2, "é", 2, SG_LEXICON_MATCH_DEFAULT));
    for (guint i = 0; i < 100; i++)
      g_string_append (long_text, "É \n");
    g_string_append (long_text, "FIN");
    g_array_set_size (matches, 0);
    g_assert_cmpuint (sg_lexicon_scan (lex2, long_text->str, -1, matches), ==, 101);
    assert_match (matches, 0, 3, long_text->len, 1);
    assert_match (matches, 1, 3, 5, 2);
    assert_match (matches, 100, long_text->len - 7, long_text->len - 5, 2);
  }
}

static gboolean
is_word_byte (const char *text,
              gssize      i,
              gssize      len)
{
  return i >= 0 && i < len && g_ascii_isalnum (text[i]);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const SgLexiconMatch *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (x->value > y->value) - (x->value < y->value);
}

/* The automaton against a quadratic search, on a tiny alphabet so that terms overlap, share
 * suffixes and chain failure links as much as possible. */
static void
test_random_vs_naive (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  static const char alphabet[] = "aAbB -";

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(SgLexicon) lex = sg_lexicon_new ();
      g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) prefix = g_array_new (FALSE, FALSE, sizeof (gboolean));
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (SgLexiconMatch));
      g_autoptr(GArray) matches = NULL;
      char text[200];
      guint n_terms = g_rand_int_range (rand, 1, 40);
      gssize len = g_rand_int_range (rand, 0, sizeof text);

      for (guint i = 0; i < n_terms; i++)
        {
          char term[8];
          int tlen = g_rand_int_range (rand, 1, sizeof term);
          gboolean p = g_rand_int_range (rand, 0, 4) == 0;

          /* Inner single spaces only: the naive search does not fold whitespace. */
          for (int k = 0; k < tlen; k++)
            {
              gboolean no_space = k == 0 || k == tlen - 1 || term[k - 1] == ' ';

              term[k] = "ab- "[g_rand_int_range (rand, 0, no_space ? 3 : 4)];
            }
          term[tlen] = '\0';
          g_assert_true (sg_lexicon_add (lex, term, i, p ? SG_LEXICON_MATCH_PREFIX : 0));
          g_ptr_array_add (terms, g_strdup (term));
          g_array_append_val (prefix, p);
        }
      /* Single spaces only: runs are covered elsewhere, and here they would need folding. */
      for (gssize k = 0; k < len; k++)
        {
          text[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          if (text[k] == ' ' && k > 0 && text[k - 1] == ' ')
            text[k] = 'a';
        }

      for (gssize start = 0; start < len; start++)
        for (guint i = 0; i < terms->len; i++)
          {
            const char *t = terms->pdata[i];
            gssize tlen = strlen (t);
            SgLexiconMatch m = { start, start + tlen, i };

            if (start + tlen > len || g_ascii_strncasecmp (text + start, t, tlen) != 0 ||
                is_word_byte (text, start - 1, len) ||
                (!g_array_index (prefix, gboolean, i) && is_word_byte (text, start + tlen, len)))
              continue;
            g_array_append_val (expected, m);
          }
      g_array_sort (expected, compare_matches);

      matches = scan (lex, text, len);
      g_assert_cmpuint (matches->len, ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        {
          const SgLexiconMatch *e = &g_array_index (expected, SgLexiconMatch, i);

          assert_match (matches, i, e->start, e->end, e->value);
        }
    }
}

static void
test_empty (void)
{
  g_autoptr(SgLexicon) lex = sg_lexicon_new ();
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (SgLexiconMatch));
  SgLexicon *ref;

  /* Nothing to match is a valid lexicon. */
  g_assert_cmpuint (sg_lexicon_scan (lex, "anything at all", -1, matches), ==, 0);
  g_assert_cmpuint (sg_lexicon_get_n_terms (lex), ==, 0);

  g_clear_pointer (&lex, sg_lexicon_unref);
  lex = sg_lexicon_new ();
  g_assert_false (sg_lexicon_add (lex, "", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_false (sg_lexicon_add (lex, " \t\n\xC2\xA0", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_false (sg_lexicon_add (lex, "*", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_false (sg_lexicon_add (lex, " * ", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_false (sg_lexicon_add (lex, "caf\xE9", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_cmpuint (sg_lexicon_get_n_terms (lex), ==, 0);

  g_assert_true (sg_lexicon_add (lex, "x", 1, SG_LEXICON_MATCH_DEFAULT));
  g_assert_cmpuint (sg_lexicon_scan (lex, "", -1, matches), ==, 0);
  g_assert_cmpuint (sg_lexicon_scan (lex, NULL, 0, matches), ==, 0);
  g_assert_cmpuint (sg_lexicon_scan (lex, "x", 0, matches), ==, 0);
  g_assert_cmpuint (sg_lexicon_scan (lex, "x", 1, matches), ==, 1);

  ref = sg_lexicon_ref (lex);
  g_assert_true (ref == lex);
  sg_lexicon_unref (ref);

}

/* Adding to a compiled lexicon is a programmer error. A subprocess, because the log domain
 * of the critical depends on how the library was built. */
static void
test_add_after_compile (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(SgLexicon) lex = sg_lexicon_new ();

      g_assert_true (sg_lexicon_add (lex, "x", 1, SG_LEXICON_MATCH_DEFAULT));
      sg_lexicon_compile (lex);
      g_assert_false (sg_lexicon_add (lex, "y", 2, SG_LEXICON_MATCH_DEFAULT));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*!self->compiled*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sg/lexicon/basic", test_basic);
  g_test_add_func ("/sg/lexicon/word-boundary", test_word_boundary);
  g_test_add_func ("/sg/lexicon/case-fold-unicode", test_case_fold_unicode);
  g_test_add_func ("/sg/lexicon/whitespace-runs", test_whitespace_runs);
  g_test_add_func ("/sg/lexicon/prefix", test_prefix);
  g_test_add_func ("/sg/lexicon/overlapping", test_overlapping);
  g_test_add_func ("/sg/lexicon/offsets-multibyte", test_offsets_multibyte);
  g_test_add_func ("/sg/lexicon/apostrophe-dash", test_apostrophe_dash);
  g_test_add_func ("/sg/lexicon/nul-bytes", test_nul_bytes);
  g_test_add_func ("/sg/lexicon/file", test_file);
  g_test_add_func ("/sg/lexicon/many-terms", test_many_terms);
  g_test_add_func ("/sg/lexicon/random-vs-naive", test_random_vs_naive);
  g_test_add_func ("/sg/lexicon/empty", test_empty);
  g_test_add_func ("/sg/lexicon/add-after-compile", test_add_after_compile);

  return g_test_run ();
}
