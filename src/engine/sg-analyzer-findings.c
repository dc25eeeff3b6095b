/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Findings: made from a rule and the hit it anchors on (the match, the message for the
 * writer's role, the fixes), and merged once a segment's rules have run (in text order, the
 * more serious first, one finding where two rules of a category say the same thing). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-analyzer-private.h"

/* An exact age becomes a decade ("70-something"), which keeps the clinical point and drops
 * one of the details that combine to identify (GMC Using social media 2024 ¶19; was 2013 ¶13). */
static char *
age_band (int age)
{
  if (age < 0)
    return g_strdup (_("adult"));
  if (age < 2)
    return g_strdup (_("baby"));
  if (age < 13)
    return g_strdup (_("young"));
  if (age < 20)
    return g_strdup (_("teenage"));
  return g_strdup_printf (_("%d-something"), (age / 10) * 10);
}

static void
add_fixes (SgFinding    *finding,
           const SgRule *rule,
           const SgHit  *anchor)
{
  for (guint i = 0; i < rule->fixes->len; i++)
    {
      const SgFix *t = &g_array_index (rule->fixes, SgFix, i);
      g_autofree char *replacement = NULL;

      if (g_str_equal (t->kind, "redact"))
        replacement = g_strdup (_("[removed]"));
      else if (g_str_equal (t->kind, "generalise-age"))
        replacement = age_band (anchor->value > 0 ? anchor->value : -1);
      else if (g_str_equal (t->kind, "replace-date"))
        replacement = g_strdup (_("recently"));
      else if (g_str_equal (t->kind, "remove") || g_str_equal (t->kind, "remove-handle"))
        replacement = g_strdup ("");
      else if (g_str_equal (t->kind, "replace"))
        replacement = g_strdup (t->replacement);

      sg_finding_add_fix (finding, t->kind, t->label, replacement);
    }
}

SgFinding *
sg_scan_make_finding (SgScan       *scan,
                      const SgRule *rule,
                      const SgHit  *anchor,
                      gsize         base,
                      const char   *message)
{
  g_autofree char *match = g_strndup (scan->text.text + anchor->start,
                                      anchor->end - anchor->start);
  SgFinding *finding = sg_finding_new (rule, base + anchor->start, base + anchor->end, match,
                                       message != NULL ? message
                                                       : rule->role_messages[scan->role]);

  add_fixes (finding, rule, anchor);
  return finding;
}

/* Whether a fix of the finding rewrites its words (not advice alone). */
static gboolean
has_text_fix (SgFinding *finding)
{
  GArray *fixes = sg_finding_get_fixes (finding);

  for (guint i = 0; fixes != NULL && i < fixes->len; i++)
    if (g_array_index (fixes, SgFix, i).replacement != NULL)
      return TRUE;
  return FALSE;
}

int
sg_analyzer_compare_findings (gconstpointer a,
                              gconstpointer b)
{
  SgFinding *x = *(SgFinding **) a;
  SgFinding *y = *(SgFinding **) b;

  if (sg_finding_get_start (x) != sg_finding_get_start (y))
    return sg_finding_get_start (x) < sg_finding_get_start (y) ? -1 : 1;
  if (sg_finding_get_severity (x) != sg_finding_get_severity (y))
    return sg_finding_get_severity (x) > sg_finding_get_severity (y) ? -1 : 1;
  /* A written rule says more than a model's "reads like": it wins a tie. */
  if (sg_finding_is_from_model (x) != sg_finding_is_from_model (y))
    return sg_finding_is_from_model (x) ? 1 : -1;
  /* Then the finding on fewer words, and on the same words the one whose fix changes them:
   * "Mrs Jones" named as a patient, with "Replace with [removed]", says more than details
   * adding up (advice only) over the same name or the sentence it starts. */
  if (sg_finding_get_end (x) != sg_finding_get_end (y))
    return sg_finding_get_end (x) < sg_finding_get_end (y) ? -1 : 1;
  if (has_text_fix (x) != has_text_fix (y))
    return has_text_fix (x) ? -1 : 1;
  return g_strcmp0 (sg_finding_get_rule_id (x), sg_finding_get_rule_id (y));
}

/* Two rules of one category on overlapping text say the same thing twice: keep the more
 * serious (alert fatigue is what kills tools like this one). */
static void
drop_duplicates (GPtrArray *findings,
                 guint      from)
{
  for (guint i = from; i < findings->len; i++)
    {
      SgFinding *a = g_ptr_array_index (findings, i);

      for (guint j = i + 1; j < findings->len; j++)
        {
          SgFinding *b = g_ptr_array_index (findings, j);

          if (sg_finding_get_start (b) >= sg_finding_get_end (a))
            break;
          /* Suggestions stay: they carry their own fix ("70-something"). */
          if (sg_finding_get_category (a) == sg_finding_get_category (b) &&
              sg_finding_get_severity (b) >= SG_SEVERITY_WARNING)
            {
              /* A model's "reads like" that starts first gives way to a written rule's finding
               * as serious on the same words: the rule says what is wrong and how to fix it. */
              if (sg_finding_is_from_model (a) && !sg_finding_is_from_model (b) &&
                  sg_finding_get_severity (b) >= sg_finding_get_severity (a))
                {
                  g_ptr_array_remove_index (findings, i);
                  i--;
                  break;
                }
              g_ptr_array_remove_index (findings, j);
              j--;
            }
        }
    }
}

void
sg_analyzer_merge_findings (GPtrArray *out,
                            guint      first)
{
  if (out->len - first > 1)
    {
      /* Sort only this segment's findings; earlier ones are already in order. */
      g_autoptr(GPtrArray) part = g_ptr_array_new ();

      for (guint i = first; i < out->len; i++)
        g_ptr_array_add (part, g_ptr_array_index (out, i));
      g_ptr_array_sort (part, sg_analyzer_compare_findings);
      for (guint i = 0; i < part->len; i++)
        out->pdata[first + i] = part->pdata[i];
      drop_duplicates (out, first);
    }
}
