/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "sg-error.h"
#include "sg-guidance.h"
#include "sg-analyzer.h"
#include "sg-model.h"
#include "sg-rule-pack.h"

static char *tmpdir;

/* A valid pack with one rule; each test breaks one thing in it. */
static const char valid_pack[] =
  "{\n"                                                        /* 1 */
  "  \"id\": \"test\",\n"                                      /* 2 */
  "  \"title\": \"Test\",\n"                                   /* 3 */
  "  \"version\": \"1\",\n"                                    /* 4 */
  "  \"sources\": [{\"id\": \"gmc-2013\", \"title\": \"GMC 2013\"}],\n" /* 5 */
  "  \"rules\": [\n"                                           /* 6 */
  "    {\n"                                                    /* 7 */
  "      \"id\": \"respect.test\",\n"                          /* 8 */
  "      \"category\": \"respect\",\n"                         /* 9 */
  "      \"severity\": \"warning\",\n"                         /* 10 */
  "      \"title\": \"T\",\n"                                  /* 11 */
  "      \"message\": \"M\",\n"                                /* 12 */
  "      \"explanation\": \"E\",\n"                            /* 13 */
  "      \"citations\": [{\"source\": \"gmc-2013\", \"paragraph\": \"15\"}],\n" /* 14 */
  "      \"detector\": {\"type\": \"phrases\", \"match\": [\"muppet\"]}\n"      /* 15 */
  "    }\n"
  "  ]\n"
  "}\n";

static char *
write_pack (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
replace (const char *from,
         const char *to)
{
  g_autoptr(GString) s = g_string_new (valid_pack);

  g_assert_nonnull (strstr (valid_pack, from));
  g_string_replace (s, from, to, 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_refused (const char *contents,
                guint       line,
                const char *needle)
{
  g_autofree char *path = write_pack ("bad.json", contents);
  g_autofree char *prefix = g_strdup_printf ("%s:%u:", path, line);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = sg_rule_pack_new_from_file (path, &error);

  g_assert_null (pack);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_RULES);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, needle) == NULL)
    g_error ("expected “%s … %s”, got “%s”", prefix, needle, error->message);
}

static void
test_valid (void)
{
  g_autofree char *path = write_pack ("good.json", valid_pack);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = sg_rule_pack_new_from_file (path, &error);
  const SgRule *rule;

  g_assert_no_error (error);
  g_assert_cmpstr (sg_rule_pack_get_id (pack), ==, "test");
  g_assert_cmpuint (sg_rule_pack_get_n_rules (pack), ==, 1);
  rule = sg_rule_pack_find_rule (pack, "respect.test");
  g_assert_nonnull (rule);
  g_assert_cmpint (sg_rule_get_category (rule), ==, SG_CATEGORY_RESPECT);
  g_assert_cmpint (sg_rule_get_severity (rule), ==, SG_SEVERITY_WARNING);
  g_assert_cmpuint (sg_rule_get_citations (rule)->len, ==, 1);
}

/* Included files are parsed on a thread of their own (sg-rule-pack-parse.c): their rules still
 * come in the order given, and an error in any of them names that file and line, whichever
 * file the thread had reached. */
static const char include_rule[] =
  "{\n"
  "  \"rules\": [{\"id\": \"respect.%s\", \"category\": \"respect\", \"severity\": \"warning\",\n"
  "    \"title\": \"T\", \"message\": \"M\", \"explanation\": \"E\",\n"
  "    \"citations\": [{\"source\": \"gmc-2013\", \"paragraph\": \"15\"}],\n"
  "    \"detector\": {\"type\": \"phrases\", \"match\": [\"%s\"]}}]\n"
  "}\n";

static void
write_include (const char *name,
               const char *id)
{
  g_autofree char *text = g_strdup_printf (include_rule, id, id);

  g_free (write_pack (name, text));
}

static void
test_includes (void)
{
  g_autofree char *text = replace ("\"version\": \"1\",",
                                   "\"version\": \"1\", \"include\": [\"inc-a.json\", "
                                   "\"inc-b.json\", \"inc-c.json\"],");
  g_autofree char *path = write_pack ("with-includes.json", text);
  const char *ids[] = { "respect.test", "respect.alpha", "respect.beta", "respect.gamma" };

  write_include ("inc-a.json", "alpha");
  write_include ("inc-b.json", "beta");
  write_include ("inc-c.json", "gamma");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SgRulePack) pack = sg_rule_pack_new_from_file (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sg_rule_pack_get_n_rules (pack), ==, 4);
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      g_assert_nonnull (sg_rule_pack_find_rule (pack, ids[i]));
  }
  /* Again and again: the two threads once missed each other's signal and the load never
   * returned (a stop sent while the parsing thread was freeing trees). */
  for (guint n = 0; n < 300; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SgRulePack) pack = sg_rule_pack_new_from_file (path, &error);

      g_assert_no_error (error);
    }

  /* A key the middle file may not have, on its line 2. */
  {
    g_autofree char *inc = g_build_filename (tmpdir, "inc-b.json", NULL);
    g_autofree char *prefix = g_strdup_printf ("%s:2:", inc);
    g_autoptr(GError) error = NULL;
    g_autoptr(SgRulePack) pack = NULL;

    g_free (write_pack ("inc-b.json", "{\n  \"bogus\": 1,\n  \"rules\": []\n}\n"));
    pack = sg_rule_pack_new_from_file (path, &error);
    g_assert_null (pack);
    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_RULES);
    if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, "bogus") == NULL)
      g_error ("expected “%s … bogus”, got “%s”", prefix, error->message);
  }

  /* The last file is not JSON; the first two are fine again. */
  {
    g_autofree char *inc = g_build_filename (tmpdir, "inc-c.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SgRulePack) pack = NULL;

    write_include ("inc-b.json", "beta");
    g_free (write_pack ("inc-c.json", "{\n  \"rules\": [\n}\n"));
    pack = sg_rule_pack_new_from_file (path, &error);
    g_assert_null (pack);
    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_RULES);
    g_assert_true (g_str_has_prefix (error->message, inc));
  }

  /* A file that is missing. */
  {
    g_autofree char *inc = g_build_filename (tmpdir, "inc-a.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SgRulePack) pack = NULL;

    g_assert_cmpint (g_unlink (inc), ==, 0);
    pack = sg_rule_pack_new_from_file (path, &error);
    g_assert_null (pack);
    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_RULES);
    g_assert_true (g_str_has_prefix (error->message, inc));
  }
}

static void
test_bad_json (void)
{
  g_autofree char *bad = replace ("\"title\": \"T\",", "\"title\": \"T\"");
  /* json-glib reports where it noticed: the end of the line missing its comma. */
  assert_refused (bad, 11, "Parse error");
}

static void
test_unknown_key (void)
{
  g_autofree char *bad = replace ("\"title\": \"T\",", "\"title\": \"T\", \"colour\": \"red\",");
  assert_refused (bad, 11, "unknown key “colour”");
}

static void
test_unknown_category (void)
{
  g_autofree char *bad = replace ("\"category\": \"respect\"", "\"category\": \"rudeness\"");
  assert_refused (bad, 9, "unknown category “rudeness”");
}

static void
test_id_category_mismatch (void)
{
  g_autofree char *bad = replace ("\"id\": \"respect.test\"", "\"id\": \"privacy.test\"");
  assert_refused (bad, 8, "must be “respect.name”");
}

static void
test_invalid_regex (void)
{
  g_autofree char *bad2 = replace ("\"match\": [\"muppet\"]", "\"match\": [{\"regex\": \"(unclosed\"}]");
  assert_refused (bad2, 15, "invalid regex");
}

static void
test_missing_citation (void)
{
  g_autofree char *bad = replace ("\"citations\": [{\"source\": \"gmc-2013\", \"paragraph\": \"15\"}],",
                                  "\"citations\": [],");
  assert_refused (bad, 14, "has no citation");
}

static void
test_unknown_source (void)
{
  g_autofree char *bad = replace ("{\"source\": \"gmc-2013\"", "{\"source\": \"gmc-1999\"");
  assert_refused (bad, 14, "unknown source “gmc-1999”");
}

static void
test_unknown_lexicon (void)
{
  g_autofree char *bad = replace ("[\"muppet\"]", "[\"@no-such-list\"]");
  assert_refused (bad, 15, "unknown lexicon");
}

static void
test_unknown_severity (void)
{
  g_autofree char *bad = replace ("\"severity\": \"warning\"", "\"severity\": \"fatal\"");
  assert_refused (bad, 10, "unknown severity");
}

/* A list holding an object or a list where a name belongs is refused with a message, not a
 * critical warning (fatal under the tests' G_DEBUG; found by fuzzing the loader). */
static void
test_list_of_objects (void)
{
  g_autofree char *audiences = replace ("\"severity\": \"warning\",",
                                        "\"severity\": \"warning\", \"audiences\": [{\"a\": 1}],");
  g_autofree char *roles = replace ("\"severity\": \"warning\",",
                                    "\"severity\": \"warning\", \"roles\": [[\"doctor\"]],");
  g_autofree char *words = replace ("\"match\": [\"muppet\"]",
                                    "\"match\": [{\"pattern\": [{\"words\": [{\"w\": 1}]}], "
                                    "\"label\": \"x\"}]");

  g_autofree char *word = replace ("\"match\": [\"muppet\"]",
                                   "\"match\": [{\"pattern\": [{\"word\": [\"a\"]}], "
                                   "\"label\": \"x\"}]");
  g_autofree char *tokens = replace ("\"match\": [\"muppet\"]",
                                     "\"match\": [\"muppet\"], \"near\": [{\"terms\": "
                                     "[\"idiot\"], \"tokens\": [2]}]");
  g_autofree char *firm = replace ("\"severity\": \"warning\",",
                                   "\"severity\": \"warning\", \"firm\": {\"yes\": 1},");

  assert_refused (word, 15, "");
  assert_refused (tokens, 15, "number of words");
  assert_refused (audiences, 10, "unknown audience");
  assert_refused (roles, 10, "unknown role");
  assert_refused (words, 15, "");
  /* Not a true or false: read as the default, without a critical warning. */
  {
    g_autofree char *path = write_pack ("firm-object.json", firm);
    g_autoptr(GError) error = NULL;
    g_autoptr(SgRulePack) pack = sg_rule_pack_new_from_file (path, &error);

    g_assert_no_error (error);
    g_assert_nonnull (pack);
  }
}

/* Frames, patterns, roles and models are validated like the rest. */
static void
test_new_detectors (void)
{
  g_autofree char *frame = replace ("\"type\": \"phrases\"", "\"type\": \"frame\"");
  /* The tokens split words at hyphens: a slot word with one could never match. */
  g_autofree char *hyphen = replace ("\"match\": [\"muppet\"]",
                                     "\"match\": [{\"pattern\": [{\"words\": [\"i\", "
                                     "\"self-prescribed\"]}, \"@medicines\"], \"label\": \"x\"}]");
  g_autofree char *slot = replace ("\"match\": [\"muppet\"]",
                                   "\"match\": [{\"pattern\": [{\"gap\": 2}]}]");
  g_autofree char *shape = replace ("\"match\": [\"muppet\"]",
                                    "\"match\": [{\"pattern\": [{\"shape\": \"Fancy\"}]}]");
  g_autofree char *tokens = replace ("\"match\": [\"muppet\"]",
                                     "\"match\": [\"muppet\"], \"near\": [{\"terms\": "
                                     "[\"idiot\"], \"tokens\": 99}]");
  g_autofree char *role = replace ("\"severity\": \"warning\",",
                                   "\"severity\": \"warning\", \"roles\": [\"nurse\"],");
  g_autofree char *cutoff = replace ("{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                                     "{\"type\": \"model\", \"model\": \"m.json\", "
                                     "\"cutoff\": 2}");
  g_autofree char *missing = replace ("{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                                      "{\"type\": \"model\", \"model\": \"none.json\", "
                                      "\"cutoff\": 0.8}");

  assert_refused (hyphen, 15, "“self-prescribed” is not one word");
  assert_refused (frame, 15, "needs “near”");
  assert_refused (slot, 15, "cannot start or end with a gap");
  assert_refused (shape, 15, "unknown shape");
  assert_refused (tokens, 15, "number of words");
  assert_refused (role, 10, "unknown role");
  assert_refused (cutoff, 15, "probability");
  assert_refused (missing, 15, "none.json");

  /* A model has no anchor: only whole-text "near" and "unless" terms may gate it. */
  {
    g_autofree char *model = write_pack ("m2.tsv", "bias\t0\ns:muppet\t1\n");
    g_autofree char *near = replace ("{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                                     "{\"type\": \"model\", \"model\": \"m2.tsv\", "
                                     "\"cutoff\": 0.8, \"near\": [{\"terms\": [\"ad\"]}]}");
    g_autofree char *sentence = replace ("{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                                         "{\"type\": \"model\", \"model\": \"m2.tsv\", "
                                         "\"cutoff\": 0.8, \"unless\": [{\"terms\": [\"ad\"], "
                                         "\"within\": \"sentence\"}]}");
    g_autofree char *text = replace ("{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                                     "{\"type\": \"model\", \"model\": \"m2.tsv\", "
                                     "\"cutoff\": 0.8, \"unless\": [{\"terms\": [\"ad\"], "
                                     "\"within\": \"text\"}]}");
    g_autofree char *path = write_pack ("model-unless.json", text);
    g_autoptr(GError) error = NULL;
    g_autoptr(SgRulePack) pack = sg_rule_pack_new_from_file (path, &error);

    assert_refused (near, 15, "“near” must be “within”: “text”");
    assert_refused (sentence, 15, "must be “within”: “text”");
    g_assert_no_error (error);
    g_assert_nonnull (pack);
  }
}

/* An analyzer for the valid pack with @from replaced by @to, written as @file. */
static SgAnalyzer *
analyzer_for (const char *file,
              const char *from,
              const char *to)
{
  g_autofree char *contents = replace (from, to);
  g_autofree char *path = write_pack (file, contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = sg_rule_pack_new_from_file (path, &error);

  g_assert_no_error (error);
  return sg_analyzer_new (pack);
}

/* A model file that is not "feature<TAB>weight" lines after a bias is refused with its line. */
static void
test_model_file (void)
{
  static const struct { const char *contents; const char *needle; } cases[] = {
    { "bias\t0\ns:muppet 1\n", "m4.tsv:2: a line is" },
    { "bias\t0\ns:muppet\tlots\n", "m4.tsv:2: the weight is not a number" },
    { "# no bias\ns:muppet\t1\n", "needs a “bias” line" },
    { "bias\tnan\n", "m4.tsv:1: the weight is not a number" },
  };
  g_autofree char *rules = replace ("{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                                    "{\"type\": \"model\", \"model\": \"m4.tsv\", "
                                    "\"cutoff\": 0.8}");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *model = write_pack ("m4.tsv", cases[i].contents);
      g_autofree char *path = write_pack ("model-file.json", rules);
      g_autoptr(GError) error = NULL;
      g_autoptr(SgRulePack) pack = sg_rule_pack_new_from_file (path, &error);

      g_assert_null (pack);
      g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_RULES);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("expected “%s”, got “%s”", cases[i].needle, error->message);
    }
}

/* Weights are read to the same double strtod gives, in the trainer's plain decimals and in
 * any other form a person may write (exponents, a leading point, "+", more than 15 digits),
 * and anything else is refused. */
static void
test_model_weights (void)
{
  static const char *weights[] = {
    "0.1234", "-0.1234", "3", "-0", "0.1", "0.3", "0.7", "-2.0001", ".5", "+1.25", "1e-3",
    "-2.5E2", "0.123456789012345", "9.99999999999999", "1.23456789012345678",
    "123456789012345.6", "1.", "0.0000000000001", " 0.5",
  };
  static const char *not_weights[] = { "", "-", ".", "1.2.3", "0.5x", "nan", "inf", "1e999", "--1" };

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      const char *w = weights[i];
      double got = -1, expected = g_ascii_strtod (w, NULL);

      g_assert_true (sg_model_parse_weight (w, w + strlen (w), &got));
      /* Exactly equal: one bit off can move a draft across a cutoff. */
      if (memcmp (&got, &expected, sizeof got) != 0)
        g_error ("“%s” read as %.17g, strtod gives %.17g", w, got, expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_weights); i++)
    {
      const char *w = not_weights[i];
      double got;

      if (sg_model_parse_weight (w, w + strlen (w), &got))
        g_error ("“%s” read as the weight %g", w, got);
    }

  /* And 200,000 strings of digits, points and signs at random: where strtod reads the whole
   * string as a finite number, the same double; where it does not, refused. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (18);

    for (guint n = 0; n < 200000; n++)
      {
        static const char alphabet[] = "0123456789012345678901234567890123456789..-+e";
        char w[24];
        guint len = g_rand_int_range (rand, 1, 20);
        double got = -1, expected;
        char *rest;
        gboolean ok;

        for (guint i = 0; i < len; i++)
          w[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        w[len] = '\0';
        expected = g_ascii_strtod (w, &rest);
        ok = sg_model_parse_weight (w, w + len, &got);
        if (ok != (rest != w && *rest == '\0' && isfinite (expected)))
          g_error ("“%s”: read %d, strtod %s", w, ok, *rest == '\0' ? "whole" : "part");
        if (ok && memcmp (&got, &expected, sizeof got) != 0)
          g_error ("“%s” read as %.17g, strtod gives %.17g", w, got, expected);
      }
  }
}

/* A model's whole-text "near" must be there for it to flag: the category's subject (someone
 * in care, for boundaries), which a model that weighs words alone can miss. */
static void
test_model_near (void)
{
  g_autofree char *model = write_pack ("m3.tsv", "# a comment\nbias\t0\ns:muppet\t3\n");
  g_autoptr(SgAnalyzer) analyzer =
    analyzer_for ("model-near.json", "{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                  "{\"type\": \"model\", \"model\": \"m3.tsv\", \"cutoff\": 0.8, "
                  "\"near\": [{\"terms\": [\"ward\"], \"within\": \"text\"}]}");
  g_autoptr(GPtrArray) alone = sg_analyzer_analyze (analyzer, "what a muppet", -1, "x", NULL);
  g_autoptr(GPtrArray) with = sg_analyzer_analyze (analyzer, "what a muppet. Back on the ward",
                                                   -1, "x", NULL);

  g_assert_cmpuint (alone->len, ==, 0);
  g_assert_cmpuint (with->len, ==, 1);
}

/* A model rule with "confirm" lowers its category's warnings to suggestions where the draft
 * scores below it, saying why; errors stay, and so does a warning the model agrees with or one
 * in a draft of fewer than twenty words. */
static SgAnalyzer *
confirm_analyzer (const char *severity)
{
  g_autofree char *model = write_pack ("m5.tsv", "bias\t-3\ns:ward\t5\n");
  g_autofree char *sev = g_strdup_printf ("\"severity\": \"%s\",", severity);
  g_autoptr(GString) s = g_string_new (valid_pack);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = NULL;

  g_string_replace (s, "\"severity\": \"warning\",", sev, 1);
  g_string_replace (s, "    }\n  ]\n",
                    "    },\n    {\"id\": \"respect.model\", \"category\": \"respect\", "
                    "\"severity\": \"warning\", \"title\": \"T\", \"message\": \"M\", "
                    "\"explanation\": \"E\", \"citations\": [{\"source\": \"gmc-2013\", "
                    "\"paragraph\": \"15\"}], \"detector\": {\"type\": \"model\", "
                    "\"model\": \"m5.tsv\", \"cutoff\": 0.95, \"confirm\": 0.3}}\n  ]\n", 1);
  path = write_pack ("model-confirm.json", s->str);
  pack = sg_rule_pack_new_from_file (path, &error);
  g_assert_no_error (error);
  return sg_analyzer_new (pack);
}

static void
test_model_confirm (void)
{
  g_autoptr(SgAnalyzer) warning = confirm_analyzer ("warning");
  g_autoptr(SgAnalyzer) error = confirm_analyzer ("error");
  /* Twenty words or more: a model lowers nothing in a shorter draft. */
  const char *padding = " he was today, honestly the whole team spent the afternoon laughing about "
                        "it over tea and biscuits";
  g_autofree char *unlike_text = g_strconcat ("what a muppet", padding, NULL);
  g_autofree char *like_text = g_strconcat ("what a muppet on the ward", padding, NULL);
  g_autoptr(GPtrArray) unlike = sg_analyzer_analyze (warning, unlike_text, -1, "x", NULL);
  g_autoptr(GPtrArray) like = sg_analyzer_analyze (warning, like_text, -1, "x", NULL);
  g_autoptr(GPtrArray) strong = sg_analyzer_analyze (error, unlike_text, -1, "x", NULL);
  g_autoptr(GPtrArray) brief = sg_analyzer_analyze (warning, "what a muppet", -1, "x", NULL);
  g_autofree char *above = replace ("{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                                    "{\"type\": \"model\", \"model\": \"m5.tsv\", "
                                    "\"cutoff\": 0.5, \"confirm\": 0.6}");
  g_autofree char *misplaced = replace ("\"match\": [\"muppet\"]",
                                        "\"match\": [\"muppet\"], \"confirm\": 0.1");

  g_assert_cmpuint (unlike->len, ==, 1);
  g_assert_cmpint (sg_finding_get_severity (g_ptr_array_index (unlike, 0)), ==, SG_SEVERITY_INFO);
  g_assert_true (sg_finding_is_lowered (g_ptr_array_index (unlike, 0)));
  g_assert_nonnull (strstr (sg_finding_get_message (g_ptr_array_index (unlike, 0)),
                            "usually fine"));

  g_assert_cmpuint (like->len, ==, 1);
  g_assert_cmpint (sg_finding_get_severity (g_ptr_array_index (like, 0)), ==, SG_SEVERITY_WARNING);
  g_assert_cmpstr (sg_finding_get_message (g_ptr_array_index (like, 0)), ==, "M");

  g_assert_cmpuint (brief->len, ==, 1);
  g_assert_cmpint (sg_finding_get_severity (g_ptr_array_index (brief, 0)), ==, SG_SEVERITY_WARNING);

  g_assert_cmpuint (strong->len, ==, 1);
  g_assert_cmpint (sg_finding_get_severity (g_ptr_array_index (strong, 0)), ==, SG_SEVERITY_ERROR);

  assert_refused (above, 15, "up to the cutoff");
  assert_refused (misplaced, 15, "belong to the model detector");
}

/* A slot regex that only lists words is matched as a word list (sg-patterns.c), and one that
 * counts digits by counting them, with the same answers as the regex: optional letters and
 * groups, apostrophes, an optional "^". */
static gboolean
pattern_matches (SgAnalyzer *analyzer,
                 const char *text)
{
  g_autoptr(GPtrArray) findings = sg_analyzer_analyze (analyzer, text, strlen (text), "x", NULL);

  return findings->len > 0;
}

static void
test_regex_word_lists (void)
{
  g_autoptr(SgAnalyzer) analyzer =
    analyzer_for ("word-lists.json", "{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                  "{\"type\": \"phrases\", \"match\": ["
                  "{\"pattern\": [{\"regex\": \"^(leech(es)?|rats?|can'?t)$\"}, "
                  "{\"word\": \"here\"}], "
                  "\"label\": \"a\"}, "
                  "{\"pattern\": [{\"regex\": \"(?:zopi|fent)$\"}, "
                  "{\"word\": \"now\"}], \"label\": \"b\"}, "
                  "{\"pattern\": [{\"regex\": \"^gob\\\\w*$\"}, "
                  "{\"word\": \"there\"}], \"label\": \"c\"}, "
                  "{\"pattern\": [{\"regex\": \"^\\\\d{2,3}$\"}, "
                  "{\"word\": \"years\"}], \"label\": \"d\"}, "
                  "{\"pattern\": [{\"regex\": \"^\\\\d+$\"}, "
                  "{\"word\": \"sheep\"}], \"label\": \"e\"}]}");

  for (const char * const *t = (const char * const[]) { "leech here", "leeches here", "rat here",
                                                         "rats here", "cant here", "can't here",
                                                         "zopi now", "fent now", "gobby there",
                                                         "gob there", "12 years", "120 years",
                                                         "7 sheep", "2024 sheep",
                                                         NULL }; *t; t++)
    if (!pattern_matches (analyzer, *t))
      g_error ("no match in “%s”", *t);
  for (const char * const *t = (const char * const[]) { "leechy here", "leeche here", "ratss here",
                                                         "ca here", "zopiclone now", "here leech",
                                                         "agob there", "1 years", "1200 years",
                                                         "12a years", "sheep", NULL }; *t; t++)
    if (pattern_matches (analyzer, *t))
      g_error ("a match in “%s”", *t);
}

/* A pattern that opens with optional words and a gap is tried only a few tokens before its
 * first word that must be there (sg_patterns_collect): the same matches, starting where they
 * did, as when every token was tried. */
static void
test_pattern_lead (void)
{
  g_autoptr(SgAnalyzer) analyzer =
    analyzer_for ("lead.json", "{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                  "{\"type\": \"phrases\", \"match\": ["
                  "{\"pattern\": [{\"words\": [\"very\", \"so\"], \"optional\": true}, "
                  "{\"gap\": [0, 1]}, {\"words\": [\"tired\", \"hungover\"]}], "
                  "\"label\": \"a\"}]}");
  static const struct { const char *text; int start; } cases[] = {
    { "I am very tired", 5 },          /* the optional word starts it */
    { "honestly so very tired", 9 },   /* "so" then the gap over "very" */
    { "tired", 0 },
    { "we were hungover", 3 },          /* the gap takes "were": the match starts there */
    { "tiredness", -1 },
    { "very very", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) findings = sg_analyzer_analyze (analyzer, cases[i].text,
                                                           strlen (cases[i].text), "x", NULL);
      int start = findings->len > 0 ? (int) sg_finding_get_start (g_ptr_array_index (findings, 0))
                                    : -1;

      if (start != cases[i].start)
        g_error ("“%s”: a match from %d, expected %d", cases[i].text, start, cases[i].start);
    }
}

/* Quotation marks between a pattern's words do not break it ("as 'the consultant'", scare
 * quotes, a reported title); other punctuation still does. */
static void
test_pattern_quotes (void)
{
  g_autoptr(SgAnalyzer) analyzer =
    analyzer_for ("quotes.json", "{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                  "{\"type\": \"phrases\", \"match\": ["
                  "{\"pattern\": [{\"word\": \"as\"}, {\"word\": \"the\", \"optional\": true}, "
                  "{\"word\": \"consultant\"}], \"label\": \"a\"}]}");

  for (const char * const *t = (const char * const[]) { "as the consultant", "as 'the consultant'",
                                                         "as \u201cthe consultant\u201d",
                                                         "as \"consultant\"", "as ' consultant",
                                                         NULL }; *t; t++)
    if (!pattern_matches (analyzer, *t))
      g_error ("no match in \u201c%s\u201d", *t);
  for (const char * const *t = (const char * const[]) { "as, the consultant", "as (the) consultant",
                                                         "as the. consultant", "as '' x consultant",
                                                         NULL }; *t; t++)
    if (pattern_matches (analyzer, *t))
      g_error ("a match in \u201c%s\u201d", *t);
}

/* "position": "outside" leaves out a term inside the anchor's own words: a claim that holds a
 * negation ("never need") is not voided by it, while a negation beside it still is. */
static void
test_position_outside (void)
{
  g_autoptr(SgAnalyzer) analyzer =
    analyzer_for ("outside.json", "{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                  "{\"type\": \"phrases\", \"match\": [\"never need muppets\"], "
                  "\"unless\": [{\"terms\": [\"never\", \"not\"], \"within\": \"clause\", "
                  "\"position\": \"outside\"}]}");
  g_autofree char *bad = replace ("{\"type\": \"phrases\", \"match\": [\"muppet\"]}",
                                  "{\"type\": \"phrases\", \"match\": [\"muppet\"], "
                                  "\"unless\": [{\"terms\": [\"not\"], "
                                  "\"position\": \"sideways\"}]}");

  g_assert_true (pattern_matches (analyzer, "you never need muppets, honestly"));
  g_assert_false (pattern_matches (analyzer, "it is not true that you never need muppets"));
  assert_refused (bad, 15, "outside");
}

/* A rule for public posts only is not applied to a post read for a private audience (a
 * Mastodon direct message in a past-posts audit), though the platform is public. */
static void
test_audience_override (void)
{
  g_autoptr(SgAnalyzer) analyzer =
    analyzer_for ("audience.json", "\"severity\": \"warning\",",
                  "\"severity\": \"warning\", \"audiences\": [\"public\"],");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) as_public = NULL;
  g_autoptr(GPtrArray) as_private = NULL;

  as_public = sg_analyzer_analyze (analyzer, "what a muppet", -1, "mastodon", &error);
  g_assert_no_error (error);
  as_private = sg_analyzer_analyze_for_audience (analyzer, "what a muppet", -1, "mastodon",
                                                 SG_AUDIENCE_PRIVATE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (as_public->len, ==, 1);
  g_assert_cmpuint (as_private->len, ==, 0);
}

/* The shipped pack loads and covers every category of DESIGN.md, and every rule cites. */
static void
test_default_pack (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = sg_rule_pack_load (NULL, &error);
  gboolean seen[SG_N_CATEGORIES] = { FALSE };

  g_assert_no_error (error);
  g_assert_cmpuint (sg_rule_pack_get_n_rules (pack), >, 10);

  for (guint i = 0; i < sg_rule_pack_get_n_rules (pack); i++)
    {
      const SgRule *rule = sg_rule_pack_get_rule (pack, i);
      GArray *citations = sg_rule_get_citations (rule);

      seen[sg_rule_get_category (rule)] = TRUE;
      g_assert_cmpuint (citations->len, >, 0);
      g_assert_true (g_str_has_prefix (sg_rule_get_id (rule),
                                       sg_category_to_string (sg_rule_get_category (rule))));
      g_assert_cmpuint (strlen (sg_rule_get_explanation (rule)), >, 40);
    }

  for (guint c = 0; c < SG_N_CATEGORIES; c++)
    if (!seen[c])
      g_error ("no rule for category %s", sg_category_to_string (c));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("sg-rules-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/sg/rule-pack/valid", test_valid);
  g_test_add_func ("/sg/rule-pack/bad-json", test_bad_json);
  g_test_add_func ("/sg/rule-pack/includes", test_includes);
  g_test_add_func ("/sg/rule-pack/unknown-key", test_unknown_key);
  g_test_add_func ("/sg/rule-pack/unknown-category", test_unknown_category);
  g_test_add_func ("/sg/rule-pack/id-category-mismatch", test_id_category_mismatch);
  g_test_add_func ("/sg/rule-pack/invalid-regex", test_invalid_regex);
  g_test_add_func ("/sg/rule-pack/missing-citation", test_missing_citation);
  g_test_add_func ("/sg/rule-pack/unknown-source", test_unknown_source);
  g_test_add_func ("/sg/rule-pack/unknown-lexicon", test_unknown_lexicon);
  g_test_add_func ("/sg/rule-pack/unknown-severity", test_unknown_severity);
  g_test_add_func ("/sg/rule-pack/new-detectors", test_new_detectors);
  g_test_add_func ("/sg/rule-pack/model-file", test_model_file);
  g_test_add_func ("/sg/rule-pack/model-weights", test_model_weights);
  g_test_add_func ("/sg/rule-pack/model-near", test_model_near);
  g_test_add_func ("/sg/rule-pack/regex-word-lists", test_regex_word_lists);
  g_test_add_func ("/sg/rule-pack/position-outside", test_position_outside);
  g_test_add_func ("/sg/rule-pack/pattern-lead", test_pattern_lead);
  g_test_add_func ("/sg/rule-pack/pattern-quotes", test_pattern_quotes);
  g_test_add_func ("/sg/rule-pack/audience-override", test_audience_override);
  g_test_add_func ("/sg/rule-pack/model-confirm", test_model_confirm);
  g_test_add_func ("/sg/rule-pack/list-of-objects", test_list_of_objects);
  g_test_add_func ("/sg/rule-pack/default-pack", test_default_pack);

  ret = g_test_run ();

  {
    g_autofree char *a = g_build_filename (tmpdir, "bad.json", NULL);
    g_autofree char *b = g_build_filename (tmpdir, "good.json", NULL);
    g_unlink (a);
    g_unlink (b);
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);

  return ret;
}
