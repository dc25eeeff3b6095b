/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The words a regex needs (sg-regex-anchors.h): what the reader proves from a pattern, and
 * the promise that skipping a regex without its words never changes a finding — checked on
 * every labelled post the repository holds, as written and in capitals. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sg-analyzer.h"
#include "sg-finding.h"
#include "sg-regex-anchors.h"
#include "sg-rule-pack-private.h"
#include "sg-text.h"
#include "sg-test-findings.h"

/* Sets joined with ';', words with '|'; "" when nothing is proved. */
static char *
describe (const char *pattern)
{
  g_autoptr(GPtrArray) sets = sg_regex_anchors (pattern);
  GString *out = g_string_new (NULL);

  for (guint i = 0; sets != NULL && i < sets->len; i++)
    {
      g_autofree char *joined = g_strjoinv ("|", g_ptr_array_index (sets, i));

      if (i > 0)
        g_string_append_c (out, ';');
      g_string_append (out, joined);
    }
  return g_string_free (out, FALSE);
}

static void
test_reading (void)
{
  static const struct { const char *pattern; const char *sets; } cases[] = {
    /* A word followed by a boundary is matched whole; one that may run on, as a prefix ('*'). */
    { "\\bfoo\\b", "foo" },
    { "\\bfoo", "foo*" },
    /* No boundary before the word: it may be the end of a longer one. */
    { "foo", "" },
    { "#?(?:plandemic|scamdemic)\\b", "" },
    { "\\b(?:ab|cd)ef", "ab*|cd*" },
    { "\\b(?:un)?happy", "" },
    { "\\b(?:well|badly)[- ]fit(?:ted|ting)\\b", "well|badly;fit*" },
    { "(?:^|[,!?.]\\s*)(?:hun|pet)\\b", "hun|pet" },
    { "(?<!\\d)\\d\\d\\s?(?:st|stone)\\b", "st|stone" },
    { "\\bsh+h?\\b|\\bshush\\b", "sh*|shush" },
    /* One alternative without a word makes the whole alternation unprovable. */
    { "\\bsh+h?\\b|🤫", "" },
    { "\\b(?:one|two)\\s+(?:three|four)", "one|two;three*|four*" },
    { "\\b(?:one|two)\\s?(?:three|four)", "one*|two*" },
    { "\\b(?:one|two)+\\s(?:three|four)\\b", "one*|two*;three|four" },
    { "\\bdon'?t tell\\b", "don*;tell" },
    { "\\bdon't\\b", "don;t" },
    { "\\b[a-z]+ing\\b", "" },
    { "\\bcat(?=s)", "cat*" },
    { "(?<name>\\bdog)s?", "dog*" },
    { "(?-i:\\bMR\\b)\\s+x", "mr;x*" },
    { "\\b(?:a|b)+c", "a*|b*" },
    { "\\b(?:x)*y", "" },
    { "\\b[,.]?word", "word*" },
    /* An optional mark then a certain non-word character: the word ends whole either way; an
     * optional mark ending a group's alternative leaves it to what follows the group. */
    { "\\bdr\\.?\\s+x", "dr;x*" },
    { "\\bdr\\.?x", "dr*" },
    { "\\bdr\\.?", "dr*" },
    { "(?:^|\\n)\\s*(?:dr\\.?|doctor)\\s+[A-Z]", "dr|doctor" },
    { "\\b(?:dr\\.?|doc)x", "dr*|doc*" },
    { "\\b(?:dr\\.?|doc)+\\s", "dr*|doc*" },
    { "\\b\\x{1F600}x", "" },
    { "\\bx\\Q(\\E", "x*" },
    /* Extended mode gives spaces another meaning: nothing is read. */
    { "(?x)\\b foo", "" },
    { "\\b(?i:abc)\\b", "abc" },
    { "\\bbefore\\s*(?:➡️|to)+\\s*after\\b", "before*" },
    { "\\bab[^c]d", "ab*" },
    { "\\b(?:ab|)c", "" },
    { "\\b(a(b|c)d|e)f", "a*|e*" },
    { "\\bx{2}y", "x*" },
    { "\\b(?:ab){2,}", "ab*" },
    { "\\bmicrograms?\\b", "microgram*" },
    { "\\bcode\\d", "code" },
    { "\\bcode\\d?", "code*" },
    { "\\bcode$", "code" },
    { "[\\[(]?(?:ad|advert)\\b", "" },
    { "^\\s*[\\[(]?(?:ad|advert)\\b", "ad|advert" },
    /* "\\c(" is one character (a letter), not a control escape and a group; "\\Q…\\E" quotes
     * metacharacters (found by tests/fuzz/fuzz-regex-anchors.c). */
    { "\\c(?:rat|ran)|\\bqq", "" },
    { "\\bfoo\\Q(|\\Ebar", "foo*" },
    { "\\bab(?#(|)cd|\\bef", "abcd*|ef*" },
    { "\\bfoo\\x'|\\bqq", "foo*|qq*" },
    { "\\bfoo(?#note)?bar", "fo*" },
    { "\\bab[\\g']|\\bcd", "ab*|cd*" },
    /* "[[:+" is a class holding '[' and ':', not a POSIX class that never ends. */
    { "\\bab[[:+]|\\bcd", "ab*|cd*" },
    { "\\bab[[:alpha:]]x|\\bcd", "ab*|cd*" },
    /* A verb's name may hold anything, and (*ACCEPT) ends a match early: nothing is read. */
    { "\\bfoo(*:a|b)bar", "" },
    { "\\bfoo(*ACCEPT)bar", "" },
    /* Of an alternative's sets, the least common: "know", not "if". */
    { "\\bif (?:you|u) know what i mean\\b|\\biykwim\\b", "know|iykwim" },
    { "\\b(?:ab|cd)\\s+xyz\\b|\\bqq", "xyz|qq*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = describe (cases[i].pattern);

      if (g_strcmp0 (got, cases[i].sets) != 0)
        g_error ("%s: expected “%s”, read “%s”", cases[i].pattern, cases[i].sets, got);
    }
}

/* Every labelled post in tests/data and the shared corpus, and each in capitals. */
static GPtrArray *
load_texts (void)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  const char *corpus = g_getenv ("SG_CORPUS");

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".jsonl"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  if (corpus != NULL && g_file_test (corpus, G_FILE_TEST_EXISTS))
    g_ptr_array_add (files, g_strdup (corpus));

  for (guint f = 0; f < files->len; f++)
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, f), &contents, NULL, NULL));
      lines = g_strsplit (contents, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autoptr(JsonNode) node = NULL;
          const char *text;

          if (lines[l][0] == '\0' || (node = json_from_string (lines[l], NULL)) == NULL)
            continue;
          text = json_object_get_string_member (json_node_get_object (node), "text");
          g_ptr_array_add (texts, g_strdup (text));
          g_ptr_array_add (texts, g_utf8_strup (text, -1));
        }
    }
  g_assert_cmpuint (texts->len, >, 4000);
  return texts;
}

/* For each regex of the default pack, each text it matches holds every set's words: the
 * reader's promise, checked against the automaton that will look for them. */
static void
test_promise_on_posts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = sg_rule_pack_load (NULL, &error);
  g_autoptr(GPtrArray) texts = load_texts ();
  GPtrArray *groups;
  SgText prepared;
  guint checked = 0, matched = 0;

  g_assert_no_error (error);
  groups = sg_rule_pack_get_groups (pack);
  sg_text_init (&prepared);

  for (guint g = 0; g < groups->len; g++)
    {
      SgGroup *group = g_ptr_array_index (groups, g);
      g_autoptr(GPtrArray) sets = NULL;
      g_autoptr(SgLexicon) lexicon = sg_lexicon_new ();
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (SgLexiconMatch));

      if (group->type != SG_GROUP_REGEX ||
          (sets = sg_regex_anchors (g_regex_get_pattern (group->regex))) == NULL)
        continue;
      checked++;
      for (guint i = 0; i < sets->len; i++)
        for (char **w = g_ptr_array_index (sets, i); *w != NULL; w++)
          sg_lexicon_add (lexicon, *w, i, SG_LEXICON_MATCH_DEFAULT);

      for (guint t = 0; t < texts->len; t++)
        {
          const char *text = g_ptr_array_index (texts, t);
          guint32 seen = 0;

          if (!g_regex_match (group->regex, text, 0, NULL))
            continue;
          matched++;
          sg_text_prepare (&prepared, text, strlen (text));
          g_array_set_size (found, 0);
          sg_lexicon_scan (lexicon, prepared.folded->str, prepared.folded->len, found);
          for (guint m = 0; m < found->len; m++)
            seen |= 1u << g_array_index (found, SgLexiconMatch, m).value;
          if (seen != (sets->len == 32 ? G_MAXUINT32 : (1u << sets->len) - 1))
            g_error ("regex %s matches a labelled post without its anchor words",
                     g_regex_get_pattern (group->regex));
        }
    }
  sg_text_clear (&prepared);
  /* The pack's regexes are mostly anchored, and many posts match them. */
  g_assert_cmpuint (checked, >=, 30);
  g_assert_cmpuint (matched, >=, 1000);
}

/* The analyzer with anchors and without finds exactly the same things. */
static void
test_same_findings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) fast = sg_rule_pack_load (NULL, &error);
  g_autoptr(SgRulePack) slow = sg_rule_pack_load (NULL, &error);
  g_autoptr(SgAnalyzer) with = NULL;
  g_autoptr(SgAnalyzer) without = NULL;
  g_autoptr(GPtrArray) texts = load_texts ();
  guint found = 0;

  g_assert_no_error (error);
  sg_rule_pack_disable_regex_anchors (slow);
  with = sg_analyzer_new (fast);
  without = sg_analyzer_new (slow);

  for (guint t = 0; t < texts->len; t++)
    {
      const char *text = g_ptr_array_index (texts, t);
      g_autoptr(GPtrArray) a = sg_analyzer_analyze (with, text, strlen (text), "x", NULL);
      g_autoptr(GPtrArray) b = sg_analyzer_analyze (without, text, strlen (text), "x", NULL);
      g_autofree char *ka = sg_test_findings_key (a);
      g_autofree char *kb = sg_test_findings_key (b);

      if (strcmp (ka, kb) != 0)
        g_error ("post %u: the findings differ when regexes are skipped by their anchors", t);
      found += a->len;
    }
  g_assert_cmpuint (found, >, 1000);
}

/* A bracket of emoji is skipped when none of its characters is in the draft; anything that
 * is not plainly a bracket of caseless symbols is left to run. */
static void
test_symbols (void)
{
  static const struct { const char *pattern; const char *symbols; } cases[] = {
    { "[😂🤣💀]", "💀😂🤣" },        /* sorted */
    { "[❤💙]", "❤💙" },
    { "[🤣😂]", "😂🤣" },
    { "[😂-🤣]", NULL },             /* a range */
    { "[^😂]", NULL },               /* a negation */
    { "[😂\\w]", NULL },            /* an escape */
    { "[😂a]", NULL },               /* ASCII */
    { "[😂é]", NULL },               /* a letter, which has a case */
    { "[😂]+", NULL },               /* something after */
    { "x[😂]", NULL },               /* something before */
    { "[]", NULL },
    { "[😂", NULL },
    { "(?:😂|🤣)", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gunichar *got = sg_regex_symbols (cases[i].pattern);
      g_autofree char *text = got != NULL ? g_ucs4_to_utf8 (got, -1, NULL, NULL, NULL) : NULL;

      g_assert_cmpstr (text, ==, cases[i].symbols);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/regex-anchors/reading", test_reading);
  g_test_add_func ("/regex-anchors/symbols", test_symbols);
  g_test_add_func ("/regex-anchors/promise-on-posts", test_promise_on_posts);
  g_test_add_func ("/regex-anchors/same-findings", test_same_findings);

  return g_test_run ();
}
