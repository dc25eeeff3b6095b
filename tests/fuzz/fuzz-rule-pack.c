/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: a rule pack written by the input, loaded with sg_rule_pack_new_from_file()
 * (JSON, rules, lexicons, concept files and token patterns) and, when it loads, run over a
 * few drafts. The input is sections separated by a line "%%":
 *
 *   # concept: fz          concept files, up to four, each written to concepts/NAME.txt
 *   # label: …                (NAME from its "# concept:" line, "fzN" when it has none)
 *   …
 *   %%
 *   bias<TAB>…             a section opening with "bias" is a model, written to model.tsv
 *   %%
 *   {"id": …}              the pack, written to pack.json: the first section opening with '{'
 *   %%
 *   a draft                optional: analysed with the pack (else a few fixed drafts)
 *
 * All files live in one temporary folder, emptied before each input; an input whose pack
 * names a path with ".." is skipped, so nothing outside that folder is read.
 * Build and run with tests/fuzz/run-fuzz.sh 600 rule-pack. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sg-analyzer.h"
#include "sg-rule-pack.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_CONCEPTS 4

static const char * const drafts[] = {
  "My patient in bed 4 is an idiot, a total waste of space. Not that I'd say so.",
  "He was, frankly, a c**t and a f***ing tw*t to the nurses!! #NHS @drjo",
  "Friend request from a patient 😬 meet up for a drink? https://example.org/x",
  "Take 500mg twice a day; call 07700 900123 or jo@example.com.\nBut never on a Sunday.",
  NULL
};

static char *dir, *concepts_dir, *pack_path, *model_path;

static void
empty_concepts (void)
{
  g_autoptr(GDir) d = g_dir_open (concepts_dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (concepts_dir, name, NULL);
      g_unlink (path);
    }
}

static void
remove_dir (void)
{
  empty_concepts ();
  g_rmdir (concepts_dir);
  g_unlink (pack_path);
  g_unlink (model_path);
  g_rmdir (dir);
}

/* The concept's name from its "# concept:" line when it makes a plain file name. */
static char *
concept_file_name (const char *body,
                   guint       n)
{
  const char *p = strstr (body, "# concept:");

  if (p != NULL)
    {
      g_autofree char *name = NULL;
      const char *e;

      p += strlen ("# concept:");
      e = strchr (p, '\n');
      name = g_strstrip (e != NULL ? g_strndup (p, e - p) : g_strdup (p));
      if (*name != '\0' && strlen (name) <= 64 && name[0] != '.' &&
          strspn (name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
          strlen (name))
        return g_strconcat (name, ".txt", NULL);
    }
  return g_strdup_printf ("fz%u.txt", n);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);  /* stops at a NUL */
  g_auto(GStrv) sections = NULL;
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(GError) error = NULL;
  guint n_concepts = 0, pack_index = G_MAXUINT;

  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("sg-fuzz-pack-XXXXXX", NULL);
      g_assert_nonnull (dir);
      concepts_dir = g_build_filename (dir, "concepts", NULL);
      pack_path = g_build_filename (dir, "pack.json", NULL);
      model_path = g_build_filename (dir, "model.tsv", NULL);
      g_assert_cmpint (g_mkdir_with_parents (concepts_dir, 0700), ==, 0);
      atexit (remove_dir);
    }

  sections = g_strsplit (input, "\n%%\n", 8);
  for (guint i = 0; sections[i] != NULL; i++)
    if (sections[i][strspn (sections[i], " \t\n\r")] == '{')
      {
        pack_index = i;
        break;
      }
  if (pack_index == G_MAXUINT || strstr (sections[pack_index], "..") != NULL)
    return 0;

  empty_concepts ();
  g_unlink (model_path);
  for (guint i = 0; i < pack_index && n_concepts < MAX_CONCEPTS; i++)
    {
      if (g_str_has_prefix (sections[i], "bias"))
        {
          g_assert_true (g_file_set_contents (model_path, sections[i], -1, NULL));
          continue;
        }
      g_autofree char *name = concept_file_name (sections[i], i);
      g_autofree char *path = g_build_filename (concepts_dir, name, NULL);

      if (g_file_set_contents (path, sections[i], -1, NULL))
        n_concepts++;
    }
  if (!g_file_set_contents (pack_path, sections[pack_index], -1, NULL))
    return 0;

  pack = sg_rule_pack_new_from_file (pack_path, &error);
  if (pack == NULL)
    {
      /* Every refusal says why. SG_FUZZ_VERBOSE=1 prints it, to check new seeds load. */
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      if (g_getenv ("SG_FUZZ_VERBOSE") != NULL)
        g_printerr ("pack refused: %s\n", error->message);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (sg_rule_pack_get_n_rules (pack), >, 0);
  if (g_getenv ("SG_FUZZ_VERBOSE") != NULL)
    g_printerr ("pack loaded: %u rules\n", sg_rule_pack_get_n_rules (pack));

  {
    g_autoptr(SgAnalyzer) analyzer = sg_analyzer_new (pack);
    const char *draft = sections[pack_index + 1];

    for (guint i = 0; draft == NULL ? drafts[i] != NULL : i < 1; i++)
      {
        const char *text = draft != NULL ? draft : drafts[i];
        gsize len = strlen (text);
        g_autoptr(GPtrArray) findings = NULL;

        if (!g_utf8_validate (text, len, NULL))
          continue;
        findings = sg_analyzer_analyze (analyzer, text, len, "x", &error);
        g_assert_no_error (error);
        g_assert_nonnull (findings);
        for (guint f = 0; f < findings->len; f++)
          {
            SgFinding *finding = g_ptr_array_index (findings, f);

            g_assert_cmpuint (sg_finding_get_start (finding), <=, sg_finding_get_end (finding));
            g_assert_cmpuint (sg_finding_get_end (finding), <=, len);
          }
      }
  }
  return 0;
}
