/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes through the analyzer with the default pack and every platform.
 * Invalid UTF-8 must be refused cleanly; valid text must give findings whose spans lie
 * inside the text and on character boundaries. Build and run with tests/fuzz/run-fuzz.sh. */
#include "config.h"

#include <stdint.h>

#include "sg-analyzer.h"
#include "sg-platform.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static SgAnalyzer *analyzer;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char * const *platforms;
  const char *text = (const char *) data;
  GPtrArray *findings;
  GError *error = NULL;

  if (analyzer == NULL)
    {
      SgRulePack *pack = sg_rule_pack_load (NULL, &error);

      g_assert_no_error (error);
      analyzer = sg_analyzer_new (pack);
      g_object_unref (pack);
    }

  platforms = sg_platform_list_ids ();
  findings = sg_analyzer_analyze (analyzer, text, size,
                                  platforms[size % g_strv_length ((char **) platforms)], &error);
  if (findings == NULL)
    {
      g_assert_nonnull (error);
      g_clear_error (&error);
      return 0;
    }

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

  g_ptr_array_unref (findings);
  return 0;
}
