/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-analyzer-private.h"
#include "sg-error.h"
#include "sg-identifiers.h"
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
};

G_DEFINE_FINAL_TYPE (SgAnalyzer, sg_analyzer, G_TYPE_OBJECT)

/* Scanning */

static void
scan_init (SgScan     *scan,
           SgAnalyzer *self)
{
  memset (scan, 0, sizeof *scan);
  scan->pack = self->pack;
  scan->groups = sg_rule_pack_get_groups (self->pack);
  sg_text_init (&scan->text);
  scan->hits = g_array_new (FALSE, FALSE, sizeof (SgHit));
  scan->scratch = g_array_new (FALSE, FALSE, sizeof (SgLexiconMatch));
  scan->identifiers = g_array_new (FALSE, FALSE, sizeof (SgIdentifier));
  scan->head = g_array_new (FALSE, FALSE, sizeof (int));
  scan->next = g_array_new (FALSE, FALSE, sizeof (int));
  scan->values = g_array_new (FALSE, FALSE, sizeof (guint));
  scan->tok_first = g_array_new (FALSE, FALSE, sizeof (int));
  scan->tok_next = g_array_new (FALSE, FALSE, sizeof (int));
  scan->pattern_starts = g_hash_table_new_full (NULL, NULL, NULL,
                                                (GDestroyNotify) g_array_unref);
  sg_tokens_init (&scan->tokens);

  g_mutex_lock (&self->mutex);
  scan->watch = self->watch != NULL ? sg_lexicon_ref (self->watch) : NULL;
  scan->role = self->role;
  g_mutex_unlock (&self->mutex);
}

static void
scan_clear (SgScan *scan)
{
  sg_text_clear (&scan->text);
  g_clear_pointer (&scan->hits, g_array_unref);
  g_clear_pointer (&scan->scratch, g_array_unref);
  g_clear_pointer (&scan->identifiers, g_array_unref);
  g_clear_pointer (&scan->head, g_array_unref);
  g_clear_pointer (&scan->next, g_array_unref);
  g_clear_pointer (&scan->watch, sg_lexicon_unref);
  g_clear_pointer (&scan->values, g_array_unref);
  g_clear_pointer (&scan->tok_first, g_array_unref);
  g_clear_pointer (&scan->tok_next, g_array_unref);
  g_clear_pointer (&scan->pattern_starts, g_hash_table_unref);
  g_clear_pointer (&scan->features, g_array_unref);
  g_clear_pointer (&scan->feature_seen, g_array_unref);
  if (scan->word != NULL)
    g_string_free (g_steal_pointer (&scan->word), TRUE);
  sg_tokens_clear (&scan->tokens);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const SgHit *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (int) x->group - (int) y->group;
}

/* Hits [0, sorted) are in order already: sort the rest and merge, in linear time, instead of
 * sorting everything again each time a stage adds hits. */
static void
sort_hits (SgScan *scan,
           guint   sorted)
{
  GArray *hits = scan->hits;
  guint n = hits->len;
  SgHit *all = (SgHit *) hits->data;
  g_autofree SgHit *merged = NULL;
  guint a = 0, b = sorted, out = 0;

  if (sorted >= n)
    return;
  qsort (all + sorted, n - sorted, sizeof (SgHit), compare_hits);
  if (sorted == 0 || compare_hits (&all[sorted - 1], &all[sorted]) <= 0)
    return;

  merged = g_new (SgHit, n);
  while (a < sorted && b < n)
    merged[out++] = compare_hits (&all[a], &all[b]) <= 0 ? all[a++] : all[b++];
  while (a < sorted)
    merged[out++] = all[a++];
  while (b < n)
    merged[out++] = all[b++];
  memcpy (all, merged, n * sizeof (SgHit));
}

static void
index_hits (SgScan   *scan,
            gboolean  sentences,
            guint     sorted)
{
  guint n_groups = scan->groups->len;
  const guint32 *starts = (const guint32 *) scan->text.sentences->data;
  guint n_starts = scan->text.sentences->len;
  guint s = n_starts - 1;

  sort_hits (scan, sorted);
  g_array_set_size (scan->head, n_groups);
  g_array_set_size (scan->next, scan->hits->len);
  for (guint g = 0; g < n_groups; g++)
    g_array_index (scan->head, int, g) = -1;

  /* Backwards, so each group's list comes out in text order; the sentence of each hit is
   * found by walking the sentence starts alongside, not by a search per hit. */
  for (int i = (int) scan->hits->len - 1; i >= 0; i--)
    {
      SgHit *hit = &g_array_index (scan->hits, SgHit, i);

      if (sentences)
        {
          while (s > 0 && starts[s] > hit->start)
            s--;
          hit->sentence = s;
        }
      g_array_index (scan->next, int, i) = g_array_index (scan->head, int, hit->group);
      g_array_index (scan->head, int, hit->group) = i;
    }
}

static void
collect_terms (SgScan *scan)
{
  const guint32 *map = (const guint32 *) scan->text.map->data;

  g_array_set_size (scan->scratch, 0);
  sg_lexicon_scan (sg_rule_pack_get_lexicon (scan->pack), scan->text.folded->str,
                   scan->text.folded->len, scan->scratch);

  for (guint i = 0; i < scan->scratch->len; i++)
    {
      const SgLexiconMatch *m = &g_array_index (scan->scratch, SgLexiconMatch, i);
      const SgGroup *group = g_ptr_array_index (scan->groups, m->value);
      gsize start = map[m->start];

      if (group->capitalised && !sg_scan_is_capitalised (scan, start))
        continue;

      sg_scan_add_hit (scan, m->value, start, map[m->end], 0, 0);
    }
}

/* Concepts: one pass of the stem automaton over the words' stems, then the masked words
 * ("c**t", "*******") read against the concepts that accept masks. */
static void
collect_concepts (SgScan *scan)
{
  SgLexicon *stems = sg_rule_pack_get_stem_lexicon (scan->pack);
  SgMaskIndex *masks = sg_rule_pack_get_mask_index (scan->pack);
  guint masked_group = sg_rule_pack_lookup_group (scan->pack, "@masked-word");
  SgTokens *tokens = &scan->tokens;

  if (stems != NULL && tokens->stems->len > 0)
    {
      g_array_set_size (scan->scratch, 0);
      sg_lexicon_scan (stems, tokens->stems->str, tokens->stems->len, scan->scratch);
      for (guint i = 0; i < scan->scratch->len; i++)
        {
          const SgLexiconMatch *m = &g_array_index (scan->scratch, SgLexiconMatch, i);
          guint first = sg_tokens_index_of_stem (tokens, m->start);
          guint last = first;

          if (first == G_MAXUINT)
            continue;     /* a match that starts inside a stem ("'s") */
          while (last + 1 < tokens->tokens->len &&
                 (sg_tokens_get (tokens, last + 1)->stem == G_MAXUINT32 ||
                  sg_tokens_get (tokens, last + 1)->stem < m->end))
            last++;
          while (last > first && sg_tokens_get (tokens, last)->stem == G_MAXUINT32)
            last--;
          sg_scan_add_hit (scan, m->value, sg_tokens_get (tokens, first)->start,
                           sg_tokens_get (tokens, last)->end, 0, 0);
        }
    }

  for (guint t = 0; t < tokens->tokens->len; t++)
    {
      const SgToken *token = sg_tokens_get (tokens, t);

      if (!(token->flags & SG_TOKEN_MASKED))
        continue;
      g_array_set_size (scan->values, 0);
      if (masks != NULL && sg_mask_index_match (masks, sg_tokens_norm (tokens, t), scan->values))
        for (guint v = 0; v < scan->values->len; v++)
          sg_scan_add_hit (scan, g_array_index (scan->values, guint, v), token->start,
                           token->end, 0, 0);
      else
        sg_scan_add_hit (scan, masked_group, token->start, token->end, 0, 0);
    }
}

/* Every hit learns which tokens it covers, so that "within N tokens", "the same clause" and
 * patterns can use hits found on the folded text as well as on the stems. */
static void
assign_tokens (SgScan *scan)
{
  SgTokens *tokens = &scan->tokens;
  guint n = tokens->tokens->len;
  guint t = 0;

  g_array_set_size (scan->tok_first, n + 1);
  g_array_set_size (scan->tok_next, scan->hits->len);
  for (guint k = 0; k <= n; k++)
    g_array_index (scan->tok_first, int, k) = -1;

  /* Hits are sorted by start: walk the tokens alongside, not a search per hit. */
  for (guint i = 0; i < scan->hits->len; i++)
    {
      SgHit *hit = &g_array_index (scan->hits, SgHit, i);
      guint last;

      while (t < n && sg_tokens_get (tokens, t)->end <= hit->start)
        t++;
      last = t;
      while (last + 1 < n && sg_tokens_get (tokens, last + 1)->start < hit->end)
        last++;

      hit->tok_start = MIN (t, n);
      hit->tok_end = MIN (last + 1, n);
      if (hit->tok_end <= hit->tok_start && hit->tok_start < n)
        hit->tok_end = hit->tok_start + 1;
      hit->clause = t < n ? sg_tokens_get (tokens, t)->clause : G_MAXUINT32;
    }

  /* Backwards, so each token's list of hits comes out in text order. */
  for (int i = (int) scan->hits->len - 1; i >= 0; i--)
    {
      const SgHit *hit = &g_array_index (scan->hits, SgHit, i);

      g_array_index (scan->tok_next, int, i) = g_array_index (scan->tok_first, int,
                                                               hit->tok_start);
      g_array_index (scan->tok_first, int, hit->tok_start) = i;
    }
}

static guint
text_sentence_of (gpointer data,
                  gsize    offset)
{
  return sg_text_sentence_at (data, offset);
}

static void
scan_segment (SgScan     *scan,
              const char *text,
              gsize       len)
{
  guint sorted;

  g_array_set_size (scan->hits, 0);
  g_clear_pointer (&scan->features, g_array_unref);
  sg_text_prepare (&scan->text, text, len);
  sg_tokens_run (&scan->tokens, text, len, text_sentence_of, &scan->text);

  collect_terms (scan);
  collect_concepts (scan);
  index_hits (scan, FALSE, 0);        /* the name heuristics look up lexicon hits */
  sorted = scan->hits->len;
  sg_entities_collect (scan);
  index_hits (scan, FALSE, sorted);   /* patterns walk the hits of their first slot's group */
  sorted = scan->hits->len;
  assign_tokens (scan);
  sg_patterns_collect (scan);
  index_hits (scan, TRUE, sorted);
}

/* Rules */

/* Whether a hit of the @negation group ends at most two words before @hit in its sentence. */
static gboolean
hit_negated (SgScan      *scan,
             guint        negation,
             const SgHit *hit)
{
  for (int h = g_array_index (scan->head, int, negation); h >= 0;
       h = g_array_index (scan->next, int, h))
    {
      const SgHit *n = &g_array_index (scan->hits, SgHit, h);

      if (n->sentence == hit->sentence && n->tok_end <= hit->tok_start &&
          hit->tok_start - n->tok_end <= 2)
        return TRUE;
    }
  return FALSE;
}

/* The hit that satisfies @c for @anchor, or NULL. */
static const SgHit *
condition_hit (SgScan            *scan,
               const SgCondition *c,
               const SgHit       *anchor)
{
  for (guint g = 0; g < c->groups->len; g++)
    {
      guint group = g_array_index (c->groups, guint, g);

      for (int h = g_array_index (scan->head, int, group); h >= 0;
           h = g_array_index (scan->next, int, h))
        {
          const SgHit *hit = &g_array_index (scan->hits, SgHit, h);
          gboolean overlap = (hit->start <= anchor->start && hit->end > anchor->start) ||
                             (anchor->start <= hit->start && anchor->end > hit->start);

          if (c->position < 0 && hit->start >= anchor->start)
            continue;
          if (c->position > 0 && hit->start < anchor->end)
            continue;
          if (c->negation != G_MAXUINT && hit_negated (scan, c->negation, hit))
            continue;

          switch (c->scope)
            {
            case SG_SCOPE_TEXT:
              return hit;

            case SG_SCOPE_SENTENCE:
              if (hit->sentence == anchor->sentence || overlap)
                return hit;
              break;

            case SG_SCOPE_CLAUSE:
              if (hit->clause == anchor->clause || overlap)
                return hit;
              break;

            case SG_SCOPE_WINDOW:
              {
                guint32 gap = hit->start >= anchor->end ? hit->start - anchor->end
                            : anchor->start >= hit->end ? anchor->start - hit->end : 0;
                if (gap <= c->window)
                  return hit;
              }
              break;

            case SG_SCOPE_TOKENS:
              {
                guint32 gap = hit->tok_start >= anchor->tok_end ? hit->tok_start - anchor->tok_end
                            : anchor->tok_start >= hit->tok_end ? anchor->tok_start - hit->tok_end
                            : 0;
                if (gap <= c->window && (hit->sentence == anchor->sentence || overlap))
                  return hit;
              }
              break;

            default:
              g_assert_not_reached ();
            }
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

/* An exact age becomes a decade ("70-something"), which keeps the clinical point and drops
 * one of the details that combine to identify (GMC 2013 ¶13). */
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

/* The rule's message as worded for the writer's role. */
static const char *
rule_message (const SgRule *rule,
              SgRole        role)
{
  return rule->role_messages[role] != NULL ? rule->role_messages[role] : rule->message;
}

static SgFinding *
make_finding (SgScan       *scan,
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

static void
run_anchored (SgScan       *scan,
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
                                       rule_message (rule, scan->role), combined);

          g_ptr_array_add (out, make_finding (scan, rule, hit, base, message));
          if (rule->once)
            return;
        }
    }
}

/* GMC 2013 ¶13: patients can be identified by the sum of what is published, not only by
 * names. Each feature is a kind of detail; their weights add up, and the threshold depends
 * on who will read the post. Details count together only when they sit within one stretch
 * of text: in a long blog post, a town in the first paragraph and an age in the last are
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

static void
run_identifiability (SgScan       *scan,
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
                                                rule_message (rule, scan->role),
                                                details->str);
    g_ptr_array_add (out, make_finding (scan, rule, anchor, base, message));
  }
}

/* Model features: the named groups found (concepts, lexicons, built-in detectors), the stems
 * of the words and the emoji. Made once per segment, the first time a model rule asks. */
static GHashTable *
collect_features (SgScan *scan)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SgTokens *tokens = &scan->tokens;

  for (guint i = 0; i < scan->hits->len; i++)
    {
      const SgHit *hit = &g_array_index (scan->hits, SgHit, i);
      const SgGroup *group = g_ptr_array_index (scan->groups, hit->group);

      if (group->name != NULL && group->name[0] == '@')
        g_hash_table_add (set, g_strconcat ("c:", group->name + 1, NULL));
    }
  for (guint t = 0; t < tokens->tokens->len; t++)
    {
      const SgToken *token = sg_tokens_get (tokens, t);

      if (token->stem != G_MAXUINT32 && token->kind != SG_TOKEN_NUMBER)
        {
          const char *stem = tokens->stems->str + token->stem;
          const char *end = strchr (stem, ' ');
          int n = end != NULL ? (int) (end - stem) : (int) strlen (stem);

          g_hash_table_add (set, g_strdup_printf ("s:%.*s", n, stem));
        }
      else if (token->kind == SG_TOKEN_EMOJI)
        g_hash_table_add (set, g_strconcat ("e:", sg_tokens_norm (tokens, t), NULL));
    }
  return set;
}

static void
add_feature (SgScan *scan,
             int     id)
{
  if (id < 0 || g_array_index (scan->feature_seen, guint8, id))
    return;
  g_array_index (scan->feature_seen, guint8, id) = 1;
  g_array_append_val (scan->features, id);
}

/* The same features by number, for the models: only those some model weighs, each once. */
static GArray *
collect_feature_ids (SgScan *scan)
{
  SgFeatureIndex *index = sg_rule_pack_get_feature_index (scan->pack);
  SgTokens *tokens = &scan->tokens;

  scan->features = g_array_new (FALSE, FALSE, sizeof (int));
  if (scan->feature_seen == NULL)
    scan->feature_seen = g_array_new (FALSE, FALSE, sizeof (guint8));
  if (scan->word == NULL)
    scan->word = g_string_new (NULL);
  g_array_set_size (scan->feature_seen, sg_feature_index_size (index));
  memset (scan->feature_seen->data, 0, scan->feature_seen->len);

  for (guint i = 0; i < scan->hits->len; i++)
    add_feature (scan, sg_rule_pack_feature_of_group (scan->pack,
                                                      g_array_index (scan->hits, SgHit, i).group));
  for (guint t = 0; t < tokens->tokens->len; t++)
    {
      const SgToken *token = sg_tokens_get (tokens, t);

      if (token->stem != G_MAXUINT32 && token->kind != SG_TOKEN_NUMBER)
        {
          const char *stem = tokens->stems->str + token->stem;
          const char *end = strchr (stem, ' ');

          g_string_assign (scan->word, "");
          g_string_append_len (scan->word, stem, end != NULL ? end - stem : (gssize) strlen (stem));
          add_feature (scan, sg_rule_pack_feature_of_token (scan->pack, scan->word->str));
        }
      else if (token->kind == SG_TOKEN_EMOJI)
        add_feature (scan, sg_rule_pack_feature_of_token (scan->pack,
                                                          sg_tokens_norm (tokens, t)));
    }
  return scan->features;
}

/* Where in the draft a feature is, to anchor the finding and quote it. */
static gboolean
locate_feature (SgScan     *scan,
                const char *feature,
                guint32    *start,
                guint32    *end)
{
  SgTokens *tokens = &scan->tokens;

  if (g_str_has_prefix (feature, "c:"))
    {
      g_autofree char *name = g_strconcat ("@", feature + 2, NULL);
      guint group = sg_rule_pack_lookup_group (scan->pack, name);
      int h = group != G_MAXUINT ? g_array_index (scan->head, int, group) : -1;

      if (h < 0)
        return FALSE;
      *start = g_array_index (scan->hits, SgHit, h).start;
      *end = g_array_index (scan->hits, SgHit, h).end;
      return TRUE;
    }
  for (guint t = 0; t < tokens->tokens->len; t++)
    {
      const SgToken *token = sg_tokens_get (tokens, t);
      gboolean found = FALSE;

      if (g_str_has_prefix (feature, "s:") && token->stem != G_MAXUINT32)
        {
          const char *stem = tokens->stems->str + token->stem;
          gsize n = strlen (feature + 2);

          found = strncmp (stem, feature + 2, n) == 0 && (stem[n] == ' ' || stem[n] == '\0');
        }
      else if (g_str_has_prefix (feature, "e:") && token->kind == SG_TOKEN_EMOJI)
        found = g_str_equal (sg_tokens_norm (tokens, t), feature + 2);
      if (found)
        {
          *start = token->start;
          *end = token->end;
          return TRUE;
        }
    }
  return FALSE;
}

/* A model rule: the draft's features scored; above the cutoff, a finding anchored on the word
 * that weighed most, naming the words that did. */
static void
run_model (SgScan       *scan,
           const SgRule *rule,
           gsize         base,
           GPtrArray    *out)
{
  g_autoptr(GPtrArray) top = g_ptr_array_new ();
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *message = NULL;
  SgHit anchor = { 0 };
  gboolean anchored = FALSE;

  SgFeatureIndex *index = sg_rule_pack_get_feature_index (scan->pack);

  /* The loader allows only whole-text "unless" terms here, so any anchor will do. */
  for (guint i = 0; i < rule->unless->len; i++)
    if (condition_holds (scan, &g_array_index (rule->unless, SgCondition, i), &anchor))
      return;

  if (scan->features == NULL)
    collect_feature_ids (scan);
  /* Scored first without explanation: most drafts stop here. */
  if (sg_model_score_ids (rule->model, index, (const int *) scan->features->data,
                          scan->features->len, NULL, 0) < rule->cutoff)
    return;
  sg_model_score_ids (rule->model, index, (const int *) scan->features->data,
                      scan->features->len, top, 8);

  for (guint i = 0; i < top->len && words->len < 120; i++)
    {
      guint32 start, end;
      g_autofree char *quote = NULL;

      if (!locate_feature (scan, g_ptr_array_index (top, i), &start, &end))
        continue;
      if (!anchored)
        {
          anchor.start = start;
          anchor.end = end;
          anchored = TRUE;
        }
      quote = g_strndup (scan->text.text + start, end - start);
      if (strstr (words->str, quote) != NULL)
        continue;
      /* Translators: the words that weighed most, quoted and separated by commas. */
      g_string_append_printf (words, words->len ? _(", “%s”") : _("“%s”"), quote);
    }
  if (!anchored)
    return;

  /* Translators: the rule's message, then the words that weighed most. */
  message = g_strdup_printf (_("%s Words that weighed most here: %s."),
                             rule_message (rule, scan->role), words->str);
  g_ptr_array_add (out, make_finding (scan, rule, &anchor, base, message));
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

static int
compare_findings (gconstpointer a,
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
              g_ptr_array_remove_index (findings, j);
              j--;
            }
        }
    }
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

  scan_segment (scan, text, len);

  for (guint i = 0; i < n; i++)
    {
      const SgRule *rule = sg_rule_pack_get_rule (scan->pack, i);

      if (!rule_applies (rule, audience, scan->role, platform, ignored))
        continue;

      if (rule->type == SG_DETECTOR_IDENTIFIABILITY)
        run_identifiability (scan, rule, audience, base, out);
      else if (rule->type == SG_DETECTOR_MODEL)
        run_model (scan, rule, base, out);
      else if (rule->type != SG_DETECTOR_IMAGE)
        run_anchored (scan, rule, base, out);
    }

  if (out->len - first > 1)
    {
      /* Sort only this segment's findings; earlier ones are already in order. */
      g_autoptr(GPtrArray) part = g_ptr_array_new ();

      for (guint i = first; i < out->len; i++)
        g_ptr_array_add (part, g_ptr_array_index (out, i));
      g_ptr_array_sort (part, compare_findings);
      for (guint i = 0; i < part->len; i++)
        out->pdata[first + i] = part->pdata[i];
      drop_duplicates (out, first);
    }
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
  gsize pos = 0;
  SgScan scan;

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
  scan_init (&scan, self);

  while (pos < (gsize) len)
    {
      gsize end = segment_end (text, pos, len);

      analyze_segment (&scan, text + pos, end - pos, pos,
                       audience < SG_N_AUDIENCES ? audience : p->audience, p->id,
                       (const char * const *) ignored, findings);
      pos = end;
    }

  scan_clear (&scan);
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
  g_ptr_array_sort (findings, compare_findings);

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
  scan_segment (&scan, text, strlen (text));
  for (guint i = 0; i < scan.hits->len; i++)
    {
      const SgHit *hit = &g_array_index (scan.hits, SgHit, i);
      const SgGroup *group = g_ptr_array_index (scan.groups, hit->group);

      cb (group->name ? group->name : group->label ? group->label : "(inline terms)",
          hit->start, hit->end, data);
    }
  scan_clear (&scan);
}

GHashTable *
sg_analyzer_features (SgAnalyzer *self,
                      const char *text)
{
  GHashTable *features;
  SgScan scan;

  g_return_val_if_fail (SG_IS_ANALYZER (self), NULL);

  scan_init (&scan, self);
  scan_segment (&scan, text, strlen (text));
  features = collect_features (&scan);
  scan_clear (&scan);
  return features;
}
