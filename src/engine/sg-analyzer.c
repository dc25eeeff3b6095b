/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SgAnalyzer: the public API, and the loop over a text's segments and the pack's rules. A
 * segment is scanned in sg-analyzer-scan.c, its rules run in sg-analyzer-rules.c and
 * -model.c, and its findings made and merged in -findings.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-analyzer-private.h"
#include "sg-error.h"
#include "sg-platform.h"

/* Long inputs are analysed in pieces of about this size, cut at a line or a space, so memory
 * stays bounded whatever the input. A draft is far shorter; a piece this long is many drafts,
 * and "the sum of details" only makes sense within one. */
#define SEGMENT_SIZE (32 * 1024)

struct _SgAnalyzer
{
  GObject     parent_instance;

  SgRulePack *pack;
  GMutex      mutex;        /* guards the three fields below */
  SgLexicon  *watch;
  GStrv       ignored;
  SgRole      role;
  guint       max_runs;     /* threads for a long text; 0: one per processor */
};

G_DEFINE_FINAL_TYPE (SgAnalyzer, sg_analyzer, G_TYPE_OBJECT)

/* A scan with the analyzer's watch list and role as they are now. */
static void
scan_init (SgScan     *scan,
           SgAnalyzer *self)
{
  sg_scan_init (scan, self->pack);
  g_mutex_lock (&self->mutex);
  scan->watch = self->watch != NULL ? sg_lexicon_ref (self->watch) : NULL;
  scan->role = self->role;
  g_mutex_unlock (&self->mutex);
}

static gboolean
rule_applies (const SgRule       *rule,
              SgAudience          audience,
              SgRole              role,
              const char         *platform,
              const char * const *ignored)
{
  if ((rule->audiences & (1u << audience)) == 0 || (rule->roles & (1u << role)) == 0)
    return FALSE;
  if (rule->platforms != NULL && !g_strv_contains ((const char * const *) rule->platforms, platform))
    return FALSE;
  if (ignored != NULL && g_strv_contains (ignored, rule->id))
    return FALSE;
  return TRUE;
}

static void
analyze_segment (SgScan             *scan,
                 const char         *text,
                 gsize               len,
                 gsize               base,
                 SgAudience          audience,
                 const char         *platform,
                 const char * const *ignored,
                 GPtrArray          *out)
{
  guint n = sg_rule_pack_get_n_rules (scan->pack);
  guint first = out->len;

  sg_scan_segment (scan, text, len);

  for (guint i = 0; i < n; i++)
    {
      const SgRule *rule = sg_rule_pack_get_rule (scan->pack, i);

      if (!rule_applies (rule, audience, scan->role, platform, ignored))
        continue;

      if (rule->type == SG_DETECTOR_IDENTIFIABILITY)
        sg_scan_run_identifiability (scan, rule, audience, base, out);
      else if (rule->type == SG_DETECTOR_MODEL)
        sg_scan_run_model (scan, rule, base, out);
      else if (rule->type != SG_DETECTOR_IMAGE)
        sg_scan_run_anchored (scan, rule, base, out);
    }
  /* Once every rule has run: a category's model may lower its warnings to suggestions. */
  if (sg_scan_can_confirm (scan))
    for (guint i = 0; i < n; i++)
      {
        const SgRule *rule = sg_rule_pack_get_rule (scan->pack, i);

        if (rule->type == SG_DETECTOR_MODEL &&
            rule_applies (rule, audience, scan->role, platform, ignored))
          sg_scan_confirm_with_model (scan, rule, out, first);
      }

  sg_analyzer_merge_findings (out, first);
}

static gsize
segment_end (const char *text,
             gsize       pos,
             gsize       len)
{
  gsize limit = pos + SEGMENT_SIZE;
  gsize cut;

  if (limit >= len)
    return len;

  for (cut = limit; cut > pos + SEGMENT_SIZE / 2; cut--)
    if (text[cut - 1] == '\n')
      return cut;
  for (cut = limit; cut > pos + SEGMENT_SIZE / 2; cut--)
    if (text[cut - 1] == ' ')
      return cut;

  /* One enormous word: cut at a character boundary. */
  cut = limit;
  while (cut > pos && ((guchar) text[cut] & 0xC0) == 0x80)
    cut--;
  return cut;
}

/* Long texts: the segments are independent (each is scanned with its own SgScan and its
 * findings merged on their own), so a text of many segments is cut into runs of consecutive
 * segments, one per processor, analysed on threads and put back in order. The pack and the
 * watch list are read-only once loaded; each run has its own scan. A draft is one segment and
 * never pays for a thread. */
#define MIN_SEGMENTS_PER_RUN 4
#define MAX_RUNS 8

typedef struct {
  SgAnalyzer         *analyzer;
  const char         *text;
  gsize               from;      /* bytes: the run's first segment starts here */
  gsize               to;        /* … and its last ends here */
  SgAudience          audience;
  const char         *platform;
  const char * const *ignored;
  GPtrArray          *findings;
} Run;

static void
analyze_run (Run *run)
{
  SgScan scan;

  scan_init (&scan, run->analyzer);
  for (gsize pos = run->from; pos < run->to;)
    {
      gsize end = segment_end (run->text, pos, run->to);

      analyze_segment (&scan, run->text + pos, end - pos, pos, run->audience, run->platform,
                       run->ignored, run->findings);
      pos = end;
    }
  sg_scan_clear (&scan);
}

static gpointer
run_thread (gpointer data)
{
  analyze_run (data);
  return NULL;
}

/* Segment boundaries every about SEGMENT_SIZE × @per_run bytes, on the same cuts a single pass
 * would make, so the findings are the same whatever the number of runs. */
static guint
plan_runs (const char *text,
           gsize       len,
           guint       n_runs,
           gsize      *bounds)
{
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint per_run, made = 0;

  for (gsize pos = 0; pos < len;)
    {
      g_array_append_val (cuts, pos);
      pos = segment_end (text, pos, len);
    }
  per_run = (cuts->len + n_runs - 1) / n_runs;
  for (guint i = 0; i < cuts->len; i += per_run)
    bounds[made++] = g_array_index (cuts, gsize, i);
  bounds[made] = len;
  return made;
}

static void
analyze_runs (Run       *model,
              gsize      len,
              GPtrArray *findings)
{
  guint n_segments = (guint) (len / SEGMENT_SIZE) + 1;
  guint n_runs = n_segments / MIN_SEGMENTS_PER_RUN;
  gsize bounds[MAX_RUNS + 1];
  Run runs[MAX_RUNS];
  GThread *threads[MAX_RUNS] = { NULL };

  /* g_get_num_processors() reads sysfs: asked only for a long text, it cost a draft 3 %. */
  if (n_runs > 1)
    n_runs = MIN (n_runs, MIN (model->analyzer->max_runs > 0 ? model->analyzer->max_runs
                                                             : g_get_num_processors (),
                               MAX_RUNS));
  if (n_runs <= 1)
    {
      model->from = 0;
      model->to = len;
      model->findings = findings;
      analyze_run (model);
      return;
    }

  n_runs = plan_runs (model->text, len, n_runs, bounds);
  for (guint i = 0; i < n_runs; i++)
    {
      runs[i] = *model;
      runs[i].from = bounds[i];
      runs[i].to = bounds[i + 1];
      runs[i].findings = i == 0 ? findings : g_ptr_array_new_with_free_func (g_object_unref);
      if (i > 0)
        threads[i] = g_thread_new ("sg-analyze", run_thread, &runs[i]);
    }
  analyze_run (&runs[0]);
  for (guint i = 1; i < n_runs; i++)
    {
      g_thread_join (threads[i]);
      g_ptr_array_extend_and_steal (findings, runs[i].findings);
    }
}

void
sg_analyzer_set_max_runs (SgAnalyzer *self,
                          guint       max_runs)
{
  g_return_if_fail (SG_IS_ANALYZER (self));
  self->max_runs = max_runs;
}

/* GObject */

static void
sg_analyzer_finalize (GObject *object)
{
  SgAnalyzer *self = (SgAnalyzer *)object;

  g_clear_object (&self->pack);
  g_clear_pointer (&self->watch, sg_lexicon_unref);
  g_strfreev (self->ignored);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sg_analyzer_parent_class)->finalize (object);
}

static void
sg_analyzer_class_init (SgAnalyzerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_analyzer_finalize;
}

static void
sg_analyzer_init (SgAnalyzer *self)
{
  g_mutex_init (&self->mutex);
}

SgAnalyzer *
sg_analyzer_new (SgRulePack *pack)
{
  SgAnalyzer *self;

  g_return_val_if_fail (SG_IS_RULE_PACK (pack), NULL);

  self = g_object_new (SG_TYPE_ANALYZER, NULL);
  self->pack = g_object_ref (pack);

  return self;
}

SgRulePack *
sg_analyzer_get_pack (SgAnalyzer *self)
{
  g_return_val_if_fail (SG_IS_ANALYZER (self), NULL);
  return self->pack;
}

void
sg_analyzer_set_watch_list (SgAnalyzer         *self,
                            const char * const *terms)
{
  SgLexicon *watch = NULL;

  g_return_if_fail (SG_IS_ANALYZER (self));

  if (terms != NULL && terms[0] != NULL)
    {
      watch = sg_lexicon_new ();
      for (guint i = 0; terms[i] != NULL; i++)
        sg_lexicon_add (watch, terms[i], 0, 0);
      sg_lexicon_compile (watch);
    }

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->watch, sg_lexicon_unref);
  self->watch = watch;
  g_mutex_unlock (&self->mutex);
}

void
sg_analyzer_set_role (SgAnalyzer *self,
                      SgRole      role)
{
  g_return_if_fail (SG_IS_ANALYZER (self));
  g_return_if_fail (role < SG_N_ROLES);

  g_mutex_lock (&self->mutex);
  self->role = role;
  g_mutex_unlock (&self->mutex);
}

SgRole
sg_analyzer_get_role (SgAnalyzer *self)
{
  SgRole role;

  g_return_val_if_fail (SG_IS_ANALYZER (self), SG_ROLE_DOCTOR);

  g_mutex_lock (&self->mutex);
  role = self->role;
  g_mutex_unlock (&self->mutex);
  return role;
}

void
sg_analyzer_set_ignored_rules (SgAnalyzer         *self,
                               const char * const *rule_ids)
{
  g_return_if_fail (SG_IS_ANALYZER (self));

  g_mutex_lock (&self->mutex);
  g_strfreev (self->ignored);
  self->ignored = g_strdupv ((char **) rule_ids);
  g_mutex_unlock (&self->mutex);
}

GPtrArray *
sg_analyzer_analyze (SgAnalyzer  *self,
                     const char  *text,
                     gssize       len,
                     const char  *platform,
                     GError     **error)
{
  return sg_analyzer_analyze_for_audience (self, text, len, platform, SG_N_AUDIENCES, error);
}

/* @audience SG_N_AUDIENCES: the platform's own. */
GPtrArray *
sg_analyzer_analyze_for_audience (SgAnalyzer  *self,
                                  const char  *text,
                                  gssize       len,
                                  const char  *platform,
                                  SgAudience   audience,
                                  GError     **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_auto(GStrv) ignored = NULL;
  const SgPlatform *p;
  gssize invalid;

  g_return_val_if_fail (SG_IS_ANALYZER (self), NULL);
  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len < 0)
    len = strlen (text);

  if ((invalid = sg_text_find_invalid_utf8 (text, len)) >= 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The text is not valid UTF-8 (at byte %" G_GSSIZE_FORMAT "). Save it as "
                     "UTF-8 and try again."), invalid);
      return NULL;
    }

  if ((p = sg_platform_lookup (platform != NULL ? platform : "x", error)) == NULL)
    return NULL;

  g_mutex_lock (&self->mutex);
  ignored = g_strdupv (self->ignored);
  g_mutex_unlock (&self->mutex);

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  {
    Run run = { self, text, 0, 0, audience < SG_N_AUDIENCES ? audience : p->audience, p->id,
                (const char * const *) ignored, NULL };

    analyze_runs (&run, len, findings);
  }
  return g_steal_pointer (&findings);
}

GPtrArray *
sg_analyzer_check_image (SgAnalyzer  *self,
                         int          position,
                         const char  *name,
                         guint        facts,
                         const char  *alt_text,
                         const char  *platform,
                         GError     **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) described = NULL;
  g_auto(GStrv) ignored = NULL;
  const SgPlatform *p;
  SgRole role;
  guint n;

  g_return_val_if_fail (SG_IS_ANALYZER (self), NULL);
  g_return_val_if_fail (position >= 0, NULL);

  if ((p = sg_platform_lookup (platform != NULL ? platform : "x", error)) == NULL)
    return NULL;

  g_mutex_lock (&self->mutex);
  ignored = g_strdupv (self->ignored);
  role = self->role;
  g_mutex_unlock (&self->mutex);

  n = sg_rule_pack_get_n_rules (self->pack);
  for (guint i = 0; i < n && facts != 0; i++)
    {
      const SgRule *rule = sg_rule_pack_get_rule (self->pack, i);
      SgFinding *finding;

      if (rule->type != SG_DETECTOR_IMAGE || (rule->image_facts & facts) == 0 ||
          !rule_applies (rule, p->audience, role, p->id, (const char * const *) ignored))
        continue;
      finding = sg_finding_new (rule, 0, 0, name ? name : "", NULL);
      sg_finding_set_attachment (finding, position);
      for (guint f = 0; f < rule->fixes->len; f++)
        {
          SgFix *fix = &g_array_index (rule->fixes, SgFix, f);

          sg_finding_add_fix (finding, fix->kind, fix->label, fix->replacement);
        }
      g_ptr_array_add (findings, finding);
    }
  /* The more serious first: one photo can carry both location and a name. */
  g_ptr_array_sort (findings, sg_analyzer_compare_findings);

  if (alt_text != NULL && *alt_text != '\0')
    {
      if ((described = sg_analyzer_analyze (self, alt_text, -1, p->id, error)) == NULL)
        return NULL;
      for (guint i = 0; i < described->len; i++)
        {
          SgFinding *finding = g_ptr_array_index (described, i);

          sg_finding_set_attachment (finding, position);
          g_ptr_array_add (findings, g_object_ref (finding));
        }
    }

  return g_steal_pointer (&findings);
}

typedef struct {
  char *text;
  char *platform;
} AnalyzeData;

static void
analyze_data_free (AnalyzeData *data)
{
  g_free (data->text);
  g_free (data->platform);
  g_free (data);
}

static void
analyze_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  AnalyzeData *data = task_data;
  GError *error = NULL;
  GPtrArray *findings;

  findings = sg_analyzer_analyze (source_object, data->text, -1, data->platform, &error);
  if (findings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, findings, (GDestroyNotify) g_ptr_array_unref);
}

void
sg_analyzer_analyze_async (SgAnalyzer          *self,
                           const char          *text,
                           const char          *platform,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AnalyzeData *data;

  g_return_if_fail (SG_IS_ANALYZER (self));
  g_return_if_fail (text != NULL);

  data = g_new0 (AnalyzeData, 1);
  data->text = g_strdup (text);
  data->platform = g_strdup (platform);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_analyzer_analyze_async);
  g_task_set_task_data (task, data, (GDestroyNotify) analyze_data_free);
  g_task_run_in_thread (task, analyze_thread);
}

GPtrArray *
sg_analyzer_analyze_finish (SgAnalyzer    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sg_analyzer_foreach_hit (SgAnalyzer *self,
                         const char *text,
                         SgHitFunc   cb,
                         gpointer    data)
{
  SgScan scan;

  scan_init (&scan, self);
  sg_scan_segment (&scan, text, strlen (text));
  for (guint i = 0; i < scan.hits->len; i++)
    {
      const SgHit *hit = &g_array_index (scan.hits, SgHit, i);
      const SgGroup *group = g_ptr_array_index (scan.groups, hit->group);

      cb (group->name ? group->name : group->label ? group->label : "(inline terms)",
          hit->start, hit->end, data);
    }
  sg_scan_clear (&scan);
}

GHashTable *
sg_analyzer_features (SgAnalyzer *self,
                      const char *text)
{
  GHashTable *features;
  SgScan scan;

  g_return_val_if_fail (SG_IS_ANALYZER (self), NULL);

  scan_init (&scan, self);
  sg_scan_segment (&scan, text, strlen (text));
  features = sg_scan_collect_features (&scan);
  sg_scan_clear (&scan);
  return features;
}
