/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-finding.h"
#include "sg-test-findings.h"

char *
sg_test_findings_key (GPtrArray *findings)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *f = g_ptr_array_index (findings, i);

      g_string_append_printf (key, "%s:%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT ":%d:%s;\n",
                              sg_finding_get_rule_id (f), sg_finding_get_start (f),
                              sg_finding_get_end (f), sg_finding_get_severity (f),
                              sg_finding_get_message (f));
    }
  return g_string_free (key, FALSE);
}
