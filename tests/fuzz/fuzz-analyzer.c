/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes through the analyzer with the default pack and every platform,
 * every role, with and without a watch list. Invalid UTF-8 must be refused cleanly; valid text
 * must give findings whose spans lie inside the text and on character boundaries. A few inputs
 * are also analysed repeated past the 32 KiB segment size, so segment cuts are fuzzed too.
 * Build and run with tests/fuzz/run-fuzz.sh. */
#include "config.h"

#include <stdint.h>

#include "sg-analyzer.h"
#include "sg-platform.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static SgAnalyzer *analyzers[2];   /* without and with a watch list */

static void
check_findings (GPtrArray  *findings,
                const char *text,
                size_t      size)
{
  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *f = g_ptr_array_index (findings, i);
      gsize start = sg_finding_get_start (f);
      gsize end = sg_finding_get_end (f);

      g_assert_cmpuint (start, <=, end);
      g_assert_cmpuint (end, <=, size);
      g_assert_true (start == size || ((guchar) text[start] & 0xC0) != 0x80);
      g_assert_true (end == size || ((guchar) text[end] & 0xC0) != 0x80);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const watch[] = { "Kingsmere", "Ward 7", "Okafor", "St Elsewhere", NULL };
  const char * const *platforms;
  const char *text = (const char *) data;
  const char *platform;
  SgAnalyzer *analyzer;
  GPtrArray *findings;
  GError *error = NULL;
  guint n_platforms;

  if (analyzers[0] == NULL)
    {
      SgRulePack *pack = sg_rule_pack_load (NULL, &error);

      g_assert_no_error (error);
      analyzers[0] = sg_analyzer_new (pack);
      analyzers[1] = sg_analyzer_new (pack);
      sg_analyzer_set_watch_list (analyzers[1], watch);
      g_object_unref (pack);
    }

  platforms = sg_platform_list_ids ();
  n_platforms = g_strv_length ((char **) platforms);
  platform = platforms[size % n_platforms];
  analyzer = analyzers[(size / n_platforms) % 2];
  sg_analyzer_set_role (analyzer, (size / n_platforms / 2) % SG_N_ROLES);

  findings = sg_analyzer_analyze (analyzer, text, size, platform, &error);
  if (findings == NULL)
    {
      g_assert_nonnull (error);
      g_clear_error (&error);
      return 0;
    }
  check_findings (findings, text, size);
  g_ptr_array_unref (findings);

  /* About one input in 32, repeated past a segment (32 KiB), cut wherever it falls. */
  if (size > 0 && size % 32 == 7)
    {
      GString *big = g_string_sized_new (40 * 1024);

      while (big->len < 33 * 1024)
        g_string_append_len (big, text, size);
      findings = sg_analyzer_analyze (analyzer, big->str, big->len, platform, &error);
      g_assert_no_error (error);
      check_findings (findings, big->str, big->len);
      g_ptr_array_unref (findings);
      g_string_free (big, TRUE);
    }
  return 0;
}
