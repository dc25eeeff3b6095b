/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules' scope and the detectors that read the hits: a "near" or "unless" condition
 * within the text, the sentence, the clause, a window of characters or of tokens, with or
 * without a negation before it; anchored rules (a hit of a group, with its conditions); and
 * identifiability (details that add up within one stretch of text). The hot path of an
 * analysis, kept in one file so that the conditions are inlined into the loops over hits. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-analyzer-private.h"

/* The hits of @group, as indices into scan->hits in text order: *@n of them. */
static const guint *
group_hits (SgScan *scan,
            guint   group,
            guint  *n)
{
  const guint *first = (const guint *) scan->group_first->data;

  *n = first[group + 1] - first[group];
  /* With no hits at all the array has no storage yet, and NULL + 0 is undefined (UBSan,
   * fuzz-rule-pack). */
  if (*n == 0)
    return NULL;
  return (const guint *) scan->group_hits->data + first[group];
}

/* The first of @n hits (@idx, in text order) that starts at or after @offset. */
static guint
first_from (SgScan      *scan,
            const guint *idx,
            guint        n,
            guint32      offset)
{
  const SgHit *hits = (const SgHit *) scan->hits->data;
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (hits[idx[mid]].start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static guint32
sentence_start (SgScan *scan,
                guint32 sentence)
{
  return g_array_index (scan->text.sentences, guint32, sentence);
}

/* Whether a hit of the @negation group ends at most two words before @hit in its sentence.
 * Only the hits of that sentence up to @hit are read. */
static gboolean
hit_negated (SgScan      *scan,
             guint        negation,
             const SgHit *hit)
{
  const SgHit *hits = (const SgHit *) scan->hits->data;
  guint n_neg;
  const guint *neg = group_hits (scan, negation, &n_neg);

  for (guint k = first_from (scan, neg, n_neg, sentence_start (scan, hit->sentence));
       k < n_neg && hits[neg[k]].start <= hit->start; k++)
    {
      const SgHit *n = &hits[neg[k]];

      if (n->sentence == hit->sentence && n->tok_end <= hit->tok_start &&
          hit->tok_start - n->tok_end <= 2)
        return TRUE;
    }
  return FALSE;
}

/* Whether @hit, a hit of one of @c's groups, satisfies @c for @anchor. */
static gboolean
hit_meets (SgScan            *scan,
           const SgCondition *c,
           const SgHit       *anchor,
           const SgHit       *hit)
{
  gboolean overlap = (hit->start <= anchor->start && hit->end > anchor->start) ||
                     (anchor->start <= hit->start && anchor->end > hit->start);
  gboolean in_scope = FALSE;

  /* "before": starting before the anchor. A hit that runs into the anchor counts: "calls
   * you a" reports the name-calling "you a f***ing" (session 17 tried "ending before the
   * anchor", for "GP is not real medicine", and lost that). */
  if (c->position < 0 && hit->start >= anchor->start)
    return FALSE;
  if (c->position == 1 && hit->start < anchor->end)
    return FALSE;
  /* "outside": the anchor's own words do not count ("don't need vaccines" holds a negation,
   * but it is the claim, not a denial of it). */
  if (c->position == 2 && overlap)
    return FALSE;

  switch (c->scope)
    {
    case SG_SCOPE_TEXT:
      in_scope = TRUE;
      break;

    case SG_SCOPE_SENTENCE:
      in_scope = hit->sentence == anchor->sentence || overlap;
      break;

    case SG_SCOPE_CLAUSE:
      in_scope = hit->clause == anchor->clause || overlap;
      break;

    case SG_SCOPE_WINDOW:
      {
        guint32 gap = hit->start >= anchor->end ? hit->start - anchor->end
                    : anchor->start >= hit->end ? anchor->start - hit->end : 0;
        in_scope = gap <= c->window;
      }
      break;

    case SG_SCOPE_TOKENS:
      {
        guint32 gap = hit->tok_start >= anchor->tok_end ? hit->tok_start - anchor->tok_end
                    : anchor->tok_start >= hit->tok_end ? anchor->tok_start - hit->tok_end
                    : 0;
        in_scope = gap <= c->window && (hit->sentence == anchor->sentence || overlap);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  /* The negation test reads other hits: only for a hit already in scope. */
  return in_scope && (c->negation == G_MAXUINT || !hit_negated (scan, c->negation, hit));
}

/* Whether no hit at or after @hit (in text order) can meet @c for @anchor. */
static gboolean
past_scope (const SgCondition *c,
            const SgHit       *anchor,
            const SgHit       *hit)
{
  if (c->position < 0 && hit->start >= anchor->start)
    return TRUE;
  /* A hit that starts inside the anchor overlaps it, and may be in scope whatever follows. */
  if (hit->start < anchor->end || hit->start <= anchor->start)
    return FALSE;
  /* Later hits start later still: once this one is beyond the scope, so are they (their
   * sentence, clause and token numbers only grow). */
  switch (c->scope)
    {
    case SG_SCOPE_SENTENCE:
      return hit->sentence > anchor->sentence;
    case SG_SCOPE_CLAUSE:
      return hit->clause > anchor->clause;
    case SG_SCOPE_WINDOW:
      return hit->start - anchor->end > c->window;
    case SG_SCOPE_TOKENS:
      return hit->sentence > anchor->sentence ||
             (hit->tok_start >= anchor->tok_end && hit->tok_start - anchor->tok_end > c->window);
    case SG_SCOPE_TEXT:
    default:
      return FALSE;
    }
}

/* The hit that satisfies @c for @anchor, or NULL: for each of @c's groups in turn, its first
 * such hit in text order. A condition narrower than the text reads only the group's hits that
 * could be in scope, found by a binary search in the group's hits (scan->group_hits): every
 * anchor reading every hit of a group, and every negation for each, made a 33 KB paste with
 * many hits take 2 s (35 s under ASan: a fuzzer's timeout). */
static const SgHit *
condition_hit (SgScan            *scan,
               const SgCondition *c,
               const SgHit       *anchor)
{
  const SgHit *hits = (const SgHit *) scan->hits->data;
  guint32 from = 0;

  if (c->scope != SG_SCOPE_TEXT)
    {
      /* The lowest start a hit in scope can have: in the anchor's sentence (the clause and
       * token scopes are within it too), within the window, or overlapping the anchor. */
      guint32 overlapping = anchor->start > scan->max_hit_len
                            ? anchor->start - scan->max_hit_len : 0;

      if (c->scope == SG_SCOPE_WINDOW)
        from = overlapping > c->window ? overlapping - c->window : 0;
      else
        from = MIN (sentence_start (scan, anchor->sentence), overlapping);
      if (c->position == 1)
        from = MAX (from, anchor->end);
    }

  for (guint g = 0; g < c->groups->len; g++)
    {
      guint n;
      const guint *idx = group_hits (scan, g_array_index (c->groups, guint, g), &n);

      for (guint k = first_from (scan, idx, n, from); k < n; k++)
        {
          const SgHit *hit = &hits[idx[k]];

          if (past_scope (c, anchor, hit))
            break;
          if (hit_meets (scan, c, anchor, hit))
            return hit;
        }
    }

  return NULL;
}

static gboolean
condition_holds (SgScan            *scan,
                 const SgCondition *c,
                 const SgHit       *anchor)
{
  return condition_hit (scan, c, anchor) != NULL;
}

/* All "near" conditions hold and no "unless" does. @found, when given, receives the hit that
 * satisfied each "near" condition, in order. */
static gboolean
conditions_pass_with (SgScan       *scan,
                      const SgRule *rule,
                      const SgHit  *anchor,
                      const SgHit **found)
{
  for (guint i = 0; i < rule->near->len; i++)
    {
      const SgHit *hit = condition_hit (scan, &g_array_index (rule->near, SgCondition, i),
                                        anchor);
      if (hit == NULL)
        return FALSE;
      if (found != NULL)
        found[i] = hit;
    }

  for (guint i = 0; i < rule->unless->len; i++)
    if (condition_holds (scan, &g_array_index (rule->unless, SgCondition, i), anchor))
      return FALSE;

  return TRUE;
}

static gboolean
conditions_pass (SgScan       *scan,
                 const SgRule *rule,
                 const SgHit  *anchor)
{
  return conditions_pass_with (scan, rule, anchor, NULL);
}

static gboolean
flags_pass (const SgRule *rule,
            const SgHit  *hit)
{
  if (rule->type != SG_DETECTOR_IDENTIFIER)
    return TRUE;
  if (rule->require_flags != 0 && (hit->flags & rule->require_flags) == 0)
    return FALSE;
  return (hit->flags & rule->exclude_flags) == 0;
}

/* "a patient reference (“my diabetes clinic patients”) and a social connection (“mates on
 * Insta”)": what combined to make the finding, for the concepts and patterns that have a
 * label. NULL when fewer than two of the parts have one. */
static char *
describe_combination (SgScan       *scan,
                      const SgHit  *anchor,
                      const SgHit **found,
                      guint         n_found)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *out;

  for (guint i = 0; i <= n_found; i++)
    {
      const SgHit *hit = i == 0 ? anchor : found[i - 1];
      const SgGroup *group = g_ptr_array_index (scan->groups, hit->group);
      g_autofree char *quote = NULL;

      if (group->label == NULL)
        continue;
      quote = g_strndup (scan->text.text + hit->start, hit->end - hit->start);
      /* Translators: a kind of wording and the words, e.g. «an insult (“numpty”)». */
      g_ptr_array_add (parts, g_strdup_printf (_("%s (“%s”)"), group->label, quote));
    }
  if (parts->len < 2)
    return NULL;

  out = g_string_new (g_ptr_array_index (parts, 0));
  for (guint i = 1; i < parts->len; i++)
    g_string_append_printf (out, i + 1 == parts->len ? _(" and %s") : _(", %s"),
                            (const char *) g_ptr_array_index (parts, i));
  return g_string_free (out, FALSE);
}

void
sg_scan_run_anchored (SgScan       *scan,
                      const SgRule *rule,
                      gsize         base,
                      GPtrArray    *out)
{
  const SgHit *found[16] = { NULL };
  gboolean describe = rule->near->len <= G_N_ELEMENTS (found);

  for (guint g = 0; g < rule->match->len; g++)
    {
      guint group = g_array_index (rule->match, guint, g);

      for (int h = g_array_index (scan->head, int, group); h >= 0;
           h = g_array_index (scan->next, int, h))
        {
          const SgHit *hit = &g_array_index (scan->hits, SgHit, h);
          g_autofree char *combined = NULL;
          g_autofree char *message = NULL;

          if (!flags_pass (rule, hit) ||
              !conditions_pass_with (scan, rule, hit, describe ? found : NULL))
            continue;

          if (describe && rule->near->len > 0 &&
              (combined = describe_combination (scan, hit, found, rule->near->len)) != NULL)
            /* Translators: the rule's message, then what combined in the draft. */
            message = g_strdup_printf (_("%s Together here: %s."),
                                       sg_rule_message (rule, scan->role), combined);

          g_ptr_array_add (out, sg_scan_make_finding (scan, rule, hit, base, message));
          if (rule->once)
            return;
        }
    }
}

/* GMC Using social media 2024 ¶19 (2013 ¶13): patients can be identified by the sum of what is
 * published, not only by names. Each feature is a kind of detail; their weights add up, and the
 * threshold depends on who will read the post. Details count together only when they sit within one
 * stretch of text: in a long blog post, a town in the first paragraph and an age in the last are
 * rarely about the same person. */
#define IDENTIFIABILITY_WINDOW 400

typedef struct {
  guint32      start;
  guint        feature;
  const SgHit *hit;
} FeatureHit;

static int
compare_feature_hits (gconstpointer a,
                      gconstpointer b)
{
  const FeatureHit *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (int) x->feature - (int) y->feature;
}

void
sg_scan_run_identifiability (SgScan       *scan,
                             const SgRule *rule,
                             SgAudience    audience,
                             gsize         base,
                             GPtrArray    *out)
{
  guint n_features = rule->features->len;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (FeatureHit));
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree guint *count = g_new0 (guint, n_features);
  g_autofree gboolean *required = g_new0 (gboolean, n_features);
  g_autofree const SgHit **best = g_new0 (const SgHit *, n_features);
  const SgHit *anchor = NULL;
  guint score = 0, best_score = 0, n_required = 0, lo = 0;
  guint best_lo = 0, best_hi = 0;

  for (guint f = 0; f < n_features; f++)
    {
      const SgFeature *feature = &g_array_index (rule->features, SgFeature, f);

      required[f] = rule->required_features == NULL ||
                    g_strv_contains ((const char * const *) rule->required_features, feature->name);
      for (guint g = 0; g < feature->groups->len; g++)
        for (int h = g_array_index (scan->head, int, g_array_index (feature->groups, guint, g));
             h >= 0; h = g_array_index (scan->next, int, h))
          {
            const SgHit *hit = &g_array_index (scan->hits, SgHit, h);
            FeatureHit e = { hit->start, f, hit };
            g_array_append_val (events, e);
          }
    }

  if (events->len == 0)
    return;
  g_array_sort (events, compare_feature_hits);

  /* A sliding window over the details in text order: one pass, whatever the number of hits.
   * Age, sex and a condition alone make a textbook vignette; it takes a place, a time, a
   * ward or a name (the required features) to tie the story to one real person. */
  for (guint hi = 0; hi < events->len; hi++)
    {
      const FeatureHit *e = &g_array_index (events, FeatureHit, hi);

      if (count[e->feature]++ == 0)
        {
          score += g_array_index (rule->features, SgFeature, e->feature).weight;
          n_required += required[e->feature];
        }

      while (e->start - g_array_index (events, FeatureHit, lo).start > IDENTIFIABILITY_WINDOW)
        {
          const FeatureHit *old = &g_array_index (events, FeatureHit, lo++);

          if (--count[old->feature] == 0)
            {
              score -= g_array_index (rule->features, SgFeature, old->feature).weight;
              n_required -= required[old->feature];
            }
        }

      if (n_required > 0 && score > best_score)
        {
          best_score = score;
          best_lo = lo;
          best_hi = hi;
        }
    }

  if (best_score == 0 || best_score < rule->threshold[audience])
    return;

  /* The first hit of each feature in the best window names the detail. */
  for (guint i = best_lo; i <= best_hi; i++)
    {
      const FeatureHit *e = &g_array_index (events, FeatureHit, i);
      if (best[e->feature] == NULL)
        best[e->feature] = e->hit;
    }

  for (guint f = 0; f < n_features; f++)
    {
      const SgFeature *feature = &g_array_index (rule->features, SgFeature, f);
      g_autofree char *quote = NULL;

      if (best[f] == NULL || feature->weight == 0)
        continue;

      quote = g_strndup (scan->text.text + best[f]->start, best[f]->end - best[f]->start);
      /* Translators: a detail that could identify a patient, e.g. «age (“23yo”)». */
      g_string_append_printf (details, details->len ? _(", %s (“%s”)") : _("%s (“%s”)"),
                              feature->label, quote);
      if (anchor == NULL || best[f]->start < anchor->start)
        anchor = best[f];
    }

  if (anchor == NULL || !conditions_pass (scan, rule, anchor))
    return;

  {
    /* Translators: the rule's message, then the list of details found. */
    g_autofree char *message = g_strdup_printf (_("%s Details that add up here: %s."),
                                                sg_rule_message (rule, scan->role),
                                                details->str);
    g_ptr_array_add (out, sg_scan_make_finding (scan, rule, anchor, base, message));
  }
}

gboolean
sg_scan_condition_holds (SgScan            *scan,
                         const SgCondition *c,
                         const SgHit       *anchor)
{
  return condition_holds (scan, c, anchor);
}
