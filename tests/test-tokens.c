/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine's first stages: tokens, stems, masks, concepts and patterns. Pack-level
 * behaviour is in test-analyzer.c; these pin down the pieces it rests on. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "sg-analyzer.h"
#include "sg-concepts.h"
#include "sg-respell.h"
#include "sg-text.h"
#include "sg-tokens.h"

static GString *
describe (SgTokens *t)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < t->tokens->len; i++)
    {
      const SgToken *tok = sg_tokens_get (t, i);

      g_string_append_printf (out, "%s%s", i ? " " : "", sg_tokens_norm (t, i));
      if (tok->flags & SG_TOKEN_MASKED)
        g_string_append (out, "/M");
      if (tok->flags & SG_TOKEN_DELEETED)
        g_string_append (out, "/L");
    }
  return out;
}

static void
test_words (void)
{
  SgTokens t;
  g_autoptr(GString) d = NULL;
  const char *text = "The pt's bed-blocker said don’t! @drjo #NHS https://x.example/a 😂 A&E";

  sg_tokens_init (&t);
  sg_tokens_run (&t, text, strlen (text), NULL, NULL);
  d = describe (&t);
  g_assert_cmpstr (d->str, ==,
                   "the pt's bed blocker said don't ! @drjo nhs https://x.example/a 😂 a&e");
  g_assert_cmpint (sg_tokens_get (&t, 3)->flags & SG_TOKEN_JOINED, !=, 0);
  g_assert_cmpint (sg_tokens_get (&t, 0)->shape, ==, SG_SHAPE_TITLE);
  g_assert_cmpint (sg_tokens_get (&t, 8)->kind, ==, SG_TOKEN_TAG);
  g_assert_cmpint (sg_tokens_get (&t, 8)->shape, ==, SG_SHAPE_UPPER);
  g_assert_cmpint (sg_tokens_get (&t, 7)->kind, ==, SG_TOKEN_HANDLE);
  g_assert_cmpint (sg_tokens_get (&t, 9)->kind, ==, SG_TOKEN_URL);
  g_assert_cmpint (sg_tokens_get (&t, 10)->kind, ==, SG_TOKEN_EMOJI);
  /* Stems: possessive and inflection gone; the hyphenated pair reads as two words. */
  g_assert_true (strstr (t.stems->str, "pt bed blocker said") != NULL);
  sg_tokens_clear (&t);
}

static void
test_offsets (void)
{
  const char *text = "Café – naïve 😂 end";
  SgTokens t;

  sg_tokens_init (&t);
  sg_tokens_run (&t, text, strlen (text), NULL, NULL);
  /* Code points, not bytes. */
  g_assert_cmpuint (sg_tokens_get (&t, 0)->cp_start, ==, 0);
  g_assert_cmpuint (sg_tokens_get (&t, 0)->cp_end, ==, 4);
  g_assert_cmpuint (sg_tokens_get (&t, 2)->cp_start, ==, 7);
  g_assert_cmpuint (sg_tokens_get (&t, 4)->cp_start, ==, 15);
  g_assert_cmpuint (sg_tokens_get (&t, 2)->start, ==, strlen ("Café – "));
  sg_tokens_clear (&t);
}

static void
test_masks (void)
{
  struct { const char *text; const char *expect; } cases[] = {
    { "a**e", "a**e/M" },
    { "what a c**t.", "what a c**t/M ." },
    { "f*****g hell", "f*****g/M hell" },
    { "sh1t day", "shit/L day" },
    { "b!tch", "bitch/L" },
    { "a$$hole", "asshole/L" },
    { "f*** off", "f***/M off" },
    { "said ******* to me", "said *******/M to me" },
    /* Not masks: emphasis, bold, footnotes, section breaks, codes and e-mails. */
    { "*really* good", "* really * good" },
    { "**important**", "* * important * *" },
    { "note* here", "note * here" },
    { "***", "* * *" },
    { "covid19 and fy1", "covid19 and fy1" },
    { "mail jo@example.com", "mail jo@example.com" },
    /* Spelt out letter by letter; initials stay apart. */
    { "f u c k you", "fuck you" },
    { "J K Rowling", "j k rowling" },
    { "a b c", "a b c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SgTokens t;
      g_autoptr(GString) d = NULL;

      sg_tokens_init (&t);
      sg_tokens_run (&t, cases[i].text, strlen (cases[i].text), NULL, NULL);
      d = describe (&t);
      g_assert_cmpstr (d->str, ==, cases[i].expect);
      sg_tokens_clear (&t);
    }
}

static void
test_clauses (void)
{
  const char *text = "I would never drink on call, but the reg did.\nNew line";
  SgTokens t;
  guint never = 2, reg = 9, line = 12;

  sg_tokens_init (&t);
  sg_tokens_run (&t, text, strlen (text), NULL, NULL);
  g_assert_cmpstr (sg_tokens_norm (&t, never), ==, "never");
  g_assert_cmpstr (sg_tokens_norm (&t, reg), ==, "reg");
  g_assert_cmpstr (sg_tokens_norm (&t, line), ==, "new");
  g_assert_cmpuint (sg_tokens_get (&t, never)->clause, !=, sg_tokens_get (&t, reg)->clause);
  g_assert_cmpuint (sg_tokens_get (&t, never)->sentence, ==, sg_tokens_get (&t, reg)->sentence);
  g_assert_cmpuint (sg_tokens_get (&t, reg)->sentence, !=, sg_tokens_get (&t, line)->sentence);
  sg_tokens_clear (&t);
}

/* A title's full stop ends no sentence: "Dr. Patel" and "Mrs. Khan" stay with their words. */
static void
test_title_stops (void)
{
  const char *text = "Saw Dr. Patel and MRS. Khan today. Then home. St. Mary's after. dr. who";
  SgText t;

  sg_text_init (&t);
  sg_text_prepare (&t, text, strlen (text));
  g_assert_cmpuint (sg_text_sentence_at (&t, strstr (text, "Patel") - text), ==,
                    sg_text_sentence_at (&t, 0));
  g_assert_cmpuint (sg_text_sentence_at (&t, strstr (text, "Khan") - text), ==,
                    sg_text_sentence_at (&t, 0));
  g_assert_cmpuint (sg_text_sentence_at (&t, strstr (text, "Then") - text), !=,
                    sg_text_sentence_at (&t, 0));
  g_assert_cmpuint (sg_text_sentence_at (&t, strstr (text, "Mary") - text), !=,
                    sg_text_sentence_at (&t, strstr (text, "Then") - text));
  g_assert_cmpuint (sg_text_sentence_at (&t, strstr (text, "after") - text), ==,
                    sg_text_sentence_at (&t, strstr (text, "Mary") - text));
  g_assert_cmpuint (sg_text_sentence_at (&t, strstr (text, "who") - text), !=,
                    sg_text_sentence_at (&t, strstr (text, "after") - text));
  g_assert_cmpuint (sg_text_sentence_at (&t, strstr (text, "who") - text), ==,
                    sg_text_sentence_at (&t, strstr (text, "dr.") - text));
  sg_text_clear (&t);
}

static void
test_mask_index (void)
{
  SgMaskIndex *index = sg_mask_index_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (guint));

  sg_mask_index_add (index, "cunt", 1, 0);
  sg_mask_index_add (index, "fuck", 2, 0);
  sg_mask_index_add (index, "arse", 3, 2);
  sg_mask_index_add (index, "fool", 4, 2);
  g_assert_cmpuint (sg_mask_index_match (index, "c**t", values), ==, 1);
  g_assert_cmpuint (g_array_index (values, guint, 0), ==, 1);
  g_array_set_size (values, 0);
  g_assert_cmpuint (sg_mask_index_match (index, "f*****g", values), >=, 1);  /* fucking */
  g_assert_cmpuint (g_array_index (values, guint, 0), ==, 2);
  g_array_set_size (values, 0);
  g_assert_cmpuint (sg_mask_index_match (index, "a**e", values), ==, 1);
  g_array_set_size (values, 0);
  g_assert_cmpuint (sg_mask_index_match (index, "b**k", values), ==, 0);
  /* One letter showing is enough only for the words that allow it. */
  g_array_set_size (values, 0);
  g_assert_cmpuint (sg_mask_index_match (index, "f***", values), ==, 1);
  g_assert_cmpuint (g_array_index (values, guint, 0), ==, 2);
  sg_mask_index_free (index);
}

/* A small pack written in the test: concepts, a frame and a pattern, each checked to fire on
 * wording it was not written from and to stay quiet where it must. */
static SgRulePack *
small_pack (const char *dir)
{
  g_autofree char *concepts = g_build_filename (dir, "concepts", NULL);
  g_autofree char *pack = g_build_filename (dir, "pack.json", NULL);
  g_autoptr(GError) error = NULL;
  SgRulePack *loaded;

  g_assert_cmpint (g_mkdir_with_parents (concepts, 0700), ==, 0);
#define CONCEPT(name, body) \
  { g_autofree char *p = g_build_filename (concepts, name ".txt", NULL); \
    g_assert_true (g_file_set_contents (p, "# concept: " name "\n# label: " name "\n" \
                   "# means: test\n# source: test\n" body, -1, NULL)); }
  CONCEPT ("patient", "patient\nservice user\n");
  CONCEPT ("social", "friend request\nmeet up\nmate\nnot a stranger\n");
  CONCEPT ("insult", "# masked: yes\nidiot\nwaste of space\n");
  CONCEPT ("negation", "not\nnever\ndon't\nis not\n");
  CONCEPT ("swear", "# masked: yes\ncunt\n");
#undef CONCEPT
  {
    /* A model that weighs two words, the insult concept and two words in a row; a finding
     * needs two of the first three, or the pair. */
    g_autofree char *model = g_build_filename (dir, "model.tsv", NULL);
    g_assert_true (g_file_set_contents (model,
      "bias\t-3.0\ns:lard\t2.0\ns:bless\t2.0\nc:insult\t2.5\ns:patient\t-1.0\n"
      "b:silli moo\t4.0\ns:ward\t2.5\nb:the ward\t0.2\nb:on the\t0.3\n"
      "k:fat cow\t4.0\n", -1, NULL));
  }
  g_assert_true (g_file_set_contents (pack,
    "{\"id\": \"t\", \"title\": \"t\", \"version\": \"1\", \"concepts\": \"concepts\",\n"
    " \"sources\": [{\"id\": \"s\", \"title\": \"S\", \"status\": \"current\"}],\n"
    " \"rules\": [\n"
    "  {\"id\": \"boundaries.t\", \"category\": \"boundaries\", \"severity\": \"warning\",\n"
    "   \"title\": \"t\", \"message\": \"m\", \"explanation\": \"e\",\n"
    "   \"citations\": [{\"source\": \"s\", \"paragraph\": \"1\"}],\n"
    "   \"detector\": {\"type\": \"frame\", \"match\": [\"@social\"],\n"
    "     \"near\": [{\"terms\": [\"@patient\"], \"within\": \"sentence\"}],\n"
    "     \"unless\": [{\"terms\": [\"@negation\"], \"within\": \"clause\", \"position\": \"before\"}]}},\n"
    "  {\"id\": \"respect.t\", \"category\": \"respect\", \"severity\": \"warning\",\n"
    "   \"title\": \"t\", \"message\": \"m\", \"explanation\": \"e\",\n"
    "   \"citations\": [{\"source\": \"s\", \"paragraph\": \"1\"}],\n"
    "   \"detector\": {\"type\": \"pattern\", \"label\": \"a put-down\", \"pattern\":\n"
    "     [{\"words\": [\"is\", \"was\"]}, {\"gap\": [0, 4]}, \"@insult\"]}},\n"
    "  {\"id\": \"professionalism.t\", \"category\": \"professionalism\", \"severity\": \"warning\",\n"
    "   \"title\": \"t\", \"message\": \"m\", \"explanation\": \"e\",\n"
    "   \"citations\": [{\"source\": \"s\", \"paragraph\": \"1\"}],\n"
    "   \"detector\": {\"type\": \"phrases\", \"match\": [\"@swear\", \"@masked-word\"]}},\n"
    "  {\"id\": \"respect.m\", \"category\": \"respect\", \"severity\": \"warning\",\n"
    "   \"title\": \"t\", \"message\": \"m\", \"explanation\": \"e\",\n"
    "   \"citations\": [{\"source\": \"s\", \"paragraph\": \"1\"}],\n"
    "   \"detector\": {\"type\": \"model\", \"model\": \"model.tsv\", \"cutoff\": 0.7}}\n"
    " ]}\n", -1, NULL));
  loaded = sg_rule_pack_new_from_file (pack, &error);
  g_assert_no_error (error);
  return loaded;
}

static char *
flags_for (SgAnalyzer *analyzer,
           const char *text,
           char      **message)
{
  g_autoptr(GPtrArray) findings = sg_analyzer_analyze (analyzer, text, -1, "x", NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *f = g_ptr_array_index (findings, i);
      g_string_append_printf (out, "%s%s", out->len ? "," : "", sg_finding_get_rule_id (f));
      if (message != NULL && *message == NULL)
        *message = g_strdup (sg_finding_get_message (f));
    }
  return g_string_free (out, FALSE);
}

static void
test_frames_and_patterns (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sg-tokens-XXXXXX", NULL);
  g_autoptr(SgRulePack) pack = small_pack (dir);
  g_autoptr(SgAnalyzer) analyzer = sg_analyzer_new (pack);
  struct { const char *text; const char *expect; } cases[] = {
    /* Words in between, inflections, either order. */
    { "Two of my diabetes clinic patients sent me friend requests", "boundaries.t" },
    { "Meeting up with a service user from the ward", "boundaries.t" },
    { "Sent a friend request to my flatmate. Then 30 patients.", "" },  /* another sentence */
    { "I never accept friend requests from patients", "" },   /* negated in the clause */
    { "I would never, but she sent a friend request to her patient", "boundaries.t" },
    /* A term that starts before the anchor and runs into it is before it ("is not" and "not
     * a stranger"; in the pack, "calls you a" reporting the name-calling "you a f***ing"). */
    { "My patient is not a stranger any more", "" },
    { "My patient is never a mate", "" },
    { "The new SHO is honestly the biggest idiot", "respect.t" },
    { "He was a complete and utter waste of space", "respect.t" },
    { "Idiot proofing the rota", "" },                          /* no "is … idiot" */
    { "what a c**t", "professionalism.t" },
    { "absolute *******", "professionalism.t" },
    { "*really* good", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = flags_for (analyzer, cases[i].text, NULL);
      if (g_strcmp0 (got, cases[i].expect) != 0)
        g_printerr ("case %u\n", i);
      g_assert_cmpstr (got, ==, cases[i].expect);
    }

  /* The model: features add up; the finding names the words that weighed most. */
  {
    g_autofree char *message = NULL;
    g_autofree char *got = flags_for (analyzer, "bless him, all lard", &message);

    g_assert_cmpstr (got, ==, "respect.m");
    g_assert_nonnull (strstr (message, "“lard”"));
    g_assert_nonnull (strstr (message, "“bless”"));
  }
  {
    g_autofree char *got = flags_for (analyzer, "bless him", NULL);
    g_assert_cmpstr (got, ==, "");
  }
  /* Two words in a row weigh as a pair, by their stems, only next to each other in one
   * clause; the finding quotes the pair. */
  {
    g_autofree char *message = NULL;
    g_autofree char *got = flags_for (analyzer, "the SILLY moo on the ward", &message);

    g_assert_cmpstr (got, ==, "respect.m");
    g_assert_nonnull (strstr (message, "“SILLY moo”"));
    /* "the ward" weighs too, but "ward" is quoted already. */
    g_assert_nonnull (strstr (message, "“ward”"));
    g_assert_null (strstr (message, "“the ward”"));
    /* "on the" weighs, but function words alone tell the writer nothing. */
    g_assert_null (strstr (message, "“on the”"));
  }
  {
    const char *apart[] = { "a moo, silly", "silly old moo", "silly. moo", "silly, moo",
                            "moo silly" };

    for (guint i = 0; i < G_N_ELEMENTS (apart); i++)
      {
        g_autofree char *got = flags_for (analyzer, apart[i], NULL);
        g_assert_cmpstr (got, ==, "");
      }
  }
  /* Two words with one between weigh as a pair of their own ("k:"), quoted with the word
   * between; not next to each other, nor across a clause. */
  {
    g_autofree char *message = NULL;
    g_autofree char *got = flags_for (analyzer, "that fat old cow", &message);

    g_assert_cmpstr (got, ==, "respect.m");
    g_assert_nonnull (strstr (message, "“fat old cow”"));
  }
  {
    const char *apart[] = { "fat cow", "fat, old cow", "fat old, cow", "fat silly old cow",
                            "cow old fat", "fat 12 cow" };

    for (guint i = 0; i < G_N_ELEMENTS (apart); i++)
      {
        g_autofree char *got = flags_for (analyzer, apart[i], NULL);
        g_assert_cmpstr (got, ==, "");
      }
  }
  {
    g_autofree char *message = NULL;
    g_autofree char *got = flags_for (analyzer, "Bumped into my patient, we're mates now",
                                      &message);
    g_assert_cmpstr (got, ==, "boundaries.t");
    /* The finding says what combined. */
    g_assert_nonnull (strstr (message, "social (“mates”)"));
    g_assert_nonnull (strstr (message, "patient (“patient”)"));
  }
}

static void
test_concept_file_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sg-concept-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "thing.txt", NULL);
  g_autoptr(GError) error = NULL;
  SgConceptFile *file;

  g_assert_true (g_file_set_contents (path, "# concept: thing\nword\n", -1, NULL));
  file = sg_concept_file_load (path, &error);
  g_assert_null (file);
  g_assert_nonnull (strstr (error->message, "label"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "# concept: other\n# label: l\n# means: m\n"
                                      "# source: s\nword\n", -1, NULL));
  file = sg_concept_file_load (path, &error);
  g_assert_null (file);
  g_assert_nonnull (strstr (error->message, "other"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "# concept: thing\n# label: l\n# means: m\n"
                                      "# source: a long\n#    source line\nword\n", -1, NULL));
  file = sg_concept_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file->source, ==, "a long source line");
  g_assert_cmpuint (file->terms->len, ==, 1);
  sg_concept_file_free (file);
}

/* A common misspelling is read as the word meant, and offsets still point at what was typed;
 * a correct word, a masked word and a word in capitals keep their own spelling. */
static void
test_respelling (void)
{
  SgTokens tokens;
  const char *text = "the PAITENT's collegue wrote a perscription, embarassing";
  const SgToken *t;

  g_assert_true (sg_respell_table_is_sound ());
  g_assert_cmpstr (sg_respell ("perscription"), ==, "prescription");
  g_assert_null (sg_respell ("prescription"));
  g_assert_null (sg_respell ("ppl"));

  sg_tokens_init (&tokens);
  sg_tokens_run (&tokens, text, strlen (text), NULL, NULL);
  g_assert_cmpstr (sg_tokens_norm (&tokens, 1), ==, "patient's");
  t = sg_tokens_get (&tokens, 2);     /* collegue */
  g_assert_cmpstr (sg_tokens_norm (&tokens, 2), ==, "colleague");
  g_assert_true (t->flags & SG_TOKEN_RESPELT);
  g_assert_cmpuint (t->end - t->start, ==, strlen ("collegue"));
  g_assert_cmpstr (sg_tokens_norm (&tokens, 5), ==, "prescription");
  g_assert_cmpstr (sg_tokens_norm (&tokens, 0), ==, "the");
  g_assert_false (sg_tokens_get (&tokens, 0)->flags & SG_TOKEN_RESPELT);
  sg_tokens_clear (&tokens);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/tokens/words", test_words);
  g_test_add_func ("/sg/tokens/offsets", test_offsets);
  g_test_add_func ("/sg/tokens/masks", test_masks);
  g_test_add_func ("/sg/tokens/clauses", test_clauses);
  g_test_add_func ("/sg/tokens/title-stops", test_title_stops);
  g_test_add_func ("/sg/concepts/mask-index", test_mask_index);
  g_test_add_func ("/sg/concepts/file-errors", test_concept_file_errors);
  g_test_add_func ("/sg/patterns/frames-and-patterns", test_frames_and_patterns);
  g_test_add_func ("/sg/tokens/respelling", test_respelling);
  return g_test_run ();
}
