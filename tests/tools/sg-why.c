/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rule work: prints what the engine finds in a text given on the command line (groups,
 * concepts and patterns with the words they matched), then the findings. Output goes to
 * your own terminal only. Usage: sg-why "text" [platform] */
#include "config.h"

#include "sg-analyzer-private.h"

static void
print_hit (const char *group, gsize start, gsize end, gpointer data)
{
  const char *text = data;
  g_print ("  %-28s «%.*s»\n", group, (int) (end - start), text + start);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(SgAnalyzer) analyzer = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  if (argc < 2)
    return 2;
  pack = sg_rule_pack_load (NULL, &error);
  if (pack == NULL)
    g_error ("%s", error->message);
  analyzer = sg_analyzer_new (pack);
  sg_analyzer_foreach_hit (analyzer, argv[1], print_hit, argv[1]);
  findings = sg_analyzer_analyze (analyzer, argv[1], -1, argc > 2 ? argv[2] : "x", &error);
  for (guint i = 0; findings && i < findings->len; i++)
    {
      SgFinding *f = g_ptr_array_index (findings, i);
      g_print ("=> %s [%s] %s\n", sg_finding_get_rule_id (f),
               sg_severity_to_string (sg_finding_get_severity (f)), sg_finding_get_message (f));
    }
  return 0;
}
