/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scan of one segment of text: the folded text, its sentences and tokens, then every hit
 * a rule can refer to (lexicon terms, concepts, masked words, the built-in groups of
 * sg-entities.c, the token patterns of sg-patterns.c), sorted and indexed by group and by
 * token. The rules read the hits in sg-analyzer-rules.c and sg-analyzer-model.c. */
#include "config.h"

#include "sg-analyzer-private.h"
#include "sg-identifiers.h"

void
sg_scan_init (SgScan     *scan,
              SgRulePack *pack)
{
  memset (scan, 0, sizeof *scan);
  scan->pack = pack;
  scan->groups = sg_rule_pack_get_groups (pack);
  sg_text_init (&scan->text);
  scan->hits = g_array_new (FALSE, FALSE, sizeof (SgHit));
  scan->scratch = g_array_new (FALSE, FALSE, sizeof (SgLexiconMatch));
  scan->token_words = g_array_new (FALSE, FALSE, sizeof (guint32));
  scan->anchors_seen = g_array_new (FALSE, FALSE, sizeof (guint32));
  scan->symbols = g_array_new (FALSE, FALSE, sizeof (gunichar));
  scan->identifiers = g_array_new (FALSE, FALSE, sizeof (SgIdentifier));
  scan->head = g_array_new (FALSE, FALSE, sizeof (int));
  scan->next = g_array_new (FALSE, FALSE, sizeof (int));
  scan->values = g_array_new (FALSE, FALSE, sizeof (guint));
  scan->tok_first = g_array_new (FALSE, FALSE, sizeof (int));
  scan->tok_next = g_array_new (FALSE, FALSE, sizeof (int));
  scan->start_head = g_array_new (FALSE, FALSE, sizeof (int));
  scan->start_tail = g_array_new (FALSE, FALSE, sizeof (int));
  scan->starts = g_array_new (FALSE, FALSE, sizeof (SgPatternStart));
  scan->sorting = g_array_new (FALSE, FALSE, sizeof (SgHit));
  scan->group_first = g_array_new (FALSE, FALSE, sizeof (guint));
  scan->group_hits = g_array_new (FALSE, FALSE, sizeof (guint));
  sg_tokens_init (&scan->tokens);
}

void
sg_scan_clear (SgScan *scan)
{
  sg_text_clear (&scan->text);
  g_clear_pointer (&scan->hits, g_array_unref);
  g_clear_pointer (&scan->sorting, g_array_unref);
  g_clear_pointer (&scan->group_first, g_array_unref);
  g_clear_pointer (&scan->group_hits, g_array_unref);
  g_clear_pointer (&scan->scratch, g_array_unref);
  g_clear_pointer (&scan->token_words, g_array_unref);
  g_clear_pointer (&scan->anchors_seen, g_array_unref);
  g_clear_pointer (&scan->symbols, g_array_unref);
  g_clear_pointer (&scan->identifiers, g_array_unref);
  g_clear_pointer (&scan->head, g_array_unref);
  g_clear_pointer (&scan->next, g_array_unref);
  g_clear_pointer (&scan->watch, sg_lexicon_unref);
  g_clear_pointer (&scan->values, g_array_unref);
  g_clear_pointer (&scan->tok_first, g_array_unref);
  g_clear_pointer (&scan->tok_next, g_array_unref);
  g_clear_pointer (&scan->start_head, g_array_unref);
  g_clear_pointer (&scan->start_tail, g_array_unref);
  g_clear_pointer (&scan->starts, g_array_unref);
  g_clear_pointer (&scan->features, g_array_unref);
  g_clear_pointer (&scan->feature_seen, g_array_unref);
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

static void
merge_hits (const SgHit *in,
            guint        from,
            guint        mid,
            guint        to,
            SgHit       *out)
{
  guint a = from, b = mid, o = from;

  while (a < mid && b < to)
    out[o++] = compare_hits (&in[a], &in[b]) <= 0 ? in[a++] : in[b++];
  if (a < mid)
    memcpy (out + o, in + a, (mid - a) * sizeof (SgHit));
  else if (b < to)
    memcpy (out + o, in + b, (to - b) * sizeof (SgHit));
}

/* Hits come in a few runs already in order (the lexicon's matches, then the concepts', then
 * each built-in group's, and what the stage before sorted), so a merge sort that starts from
 * the runs it finds merges a handful of them in linear passes, into a buffer the scan keeps.
 * It trusts no caller to say what is sorted: a stage may drop hits (sg-entities.c drops names
 * inside a doctor's name), which moved new hits into a prefix said to be sorted, and hits out of
 * order were then never walked by the patterns. qsort() from scratch also allocated on every
 * call, 5 % of a draft's analysis. */
static void
sort_hits (SgScan *scan)
{
  guint n = scan->hits->len;
  g_autofree guint *bounds = NULL;
  guint n_runs = 0;
  SgHit *in, *out;

  if (n < 2)
    return;
  in = (SgHit *) scan->hits->data;
  bounds = g_new (guint, n + 1);
  bounds[n_runs++] = 0;
  for (guint i = 1; i < n; i++)
    if (compare_hits (&in[i - 1], &in[i]) > 0)
      bounds[n_runs++] = i;
  bounds[n_runs] = n;
  if (n_runs == 1)
    return;

  g_array_set_size (scan->sorting, n);
  out = (SgHit *) scan->sorting->data;
  while (n_runs > 1)
    {
      guint merged = 0, r;
      SgHit *swap;

      for (r = 0; r + 1 < n_runs; r += 2)
        {
          merge_hits (in, bounds[r], bounds[r + 1], bounds[r + 2], out);
          bounds[merged++] = bounds[r];
        }
      if (r < n_runs)
        {
          memcpy (out + bounds[r], in + bounds[r], (bounds[r + 1] - bounds[r]) * sizeof (SgHit));
          bounds[merged++] = bounds[r];
        }
      bounds[merged] = n;
      n_runs = merged;
      swap = in;
      in = out;
      out = swap;
    }
  /* The sorted hits are in whichever array the last pass wrote. */
  if (in != (SgHit *) scan->hits->data)
    memcpy (scan->hits->data, in, n * sizeof (SgHit));
}

static void
index_hits (SgScan   *scan,
            gboolean  sentences)
{
  guint n_groups = scan->groups->len;
  const guint32 *starts = (const guint32 *) scan->text.sentences->data;
  guint n_starts = scan->text.sentences->len;
  guint s = n_starts - 1;

  sort_hits (scan);
  scan->max_hit_len = 0;
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
      scan->max_hit_len = MAX (scan->max_hit_len, hit->end - hit->start);
    }

  /* The rules' conditions binary-search each group's hits by position (condition_hit in
   * sg-analyzer-rules.c): lay them out group by group, once the hits are final. */
  if (sentences)
    {
      guint *first, *by_group;

      g_array_set_size (scan->group_first, n_groups + 1);
      g_array_set_size (scan->group_hits, scan->hits->len);
      first = (guint *) scan->group_first->data;
      by_group = (guint *) scan->group_hits->data;
      memset (first, 0, (n_groups + 1) * sizeof (guint));
      for (guint i = 0; i < scan->hits->len; i++)
        first[g_array_index (scan->hits, SgHit, i).group + 1]++;
      for (guint g = 0; g < n_groups; g++)
        first[g + 1] += first[g];
      /* Then each hit at its group's next free place, in text order; scan->values is the
       * cursor per group. */
      g_array_set_size (scan->values, n_groups);
      memcpy (scan->values->data, first, n_groups * sizeof (guint));
      for (guint i = 0; i < scan->hits->len; i++)
        by_group[g_array_index (scan->values, guint, g_array_index (scan->hits, SgHit, i).group)++] = i;
    }
}

static void
collect_terms (SgScan *scan)
{
  const guint32 *map = (const guint32 *) scan->text.map->data;

  guint32 *anchors;

  g_array_set_size (scan->anchors_seen, scan->groups->len);
  anchors = (guint32 *) scan->anchors_seen->data;
  memset (anchors, 0, scan->groups->len * sizeof (guint32));

  g_array_set_size (scan->scratch, 0);
  sg_lexicon_scan (sg_rule_pack_get_lexicon (scan->pack), scan->text.folded->str,
                   scan->text.folded->len, scan->scratch);

  for (guint i = 0; i < scan->scratch->len; i++)
    {
      const SgLexiconMatch *m = &g_array_index (scan->scratch, SgLexiconMatch, i);
      const SgGroup *group;
      gsize start;

      /* A word a regex needs: collect_regexes() runs only the regexes that have them all. */
      if (m->value >= SG_REGEX_ANCHOR_BASE)
        {
          guint v = m->value - SG_REGEX_ANCHOR_BASE;
          anchors[v / 32] |= 1u << (v % 32);
          continue;
        }

      group = g_ptr_array_index (scan->groups, m->value);
      start = map[m->start];

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
      guint cursor = 0, n = tokens->tokens->len;

      sg_lexicon_scan (stems, tokens->stems->str, tokens->stems->len, scan->scratch);
      /* The matches come in order of their start, as the tokens' stems do: walk both. */
      for (guint i = 0; i < scan->scratch->len; i++)
        {
          const SgLexiconMatch *m = &g_array_index (scan->scratch, SgLexiconMatch, i);
          guint first, last;

          while (cursor < n && (sg_tokens_get (tokens, cursor)->stem == G_MAXUINT32 ||
                                sg_tokens_get (tokens, cursor)->stem < m->start))
            cursor++;
          if (cursor == n || sg_tokens_get (tokens, cursor)->stem != m->start)
            continue;     /* a match that starts inside a stem ("'s") */
          first = last = cursor;
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

typedef struct {
  SgText *text;
  guint   sentence;   /* of the last token asked about */
} SentenceCursor;

/* Tokens are asked about in text order: walk the sentence starts forward instead of a search
 * per token. */
static guint
text_sentence_of (gpointer data,
                  gsize    offset)
{
  SentenceCursor *cursor = data;
  const guint32 *starts = (const guint32 *) cursor->text->sentences->data;
  guint n = cursor->text->sentences->len;

  if (cursor->sentence < n && starts[cursor->sentence] > offset)
    return cursor->sentence = sg_text_sentence_at (cursor->text, offset);
  while (cursor->sentence + 1 < n && starts[cursor->sentence + 1] <= offset)
    cursor->sentence++;
  return cursor->sentence;
}

void
sg_scan_segment (SgScan     *scan,
                 const char *text,
                 gsize       len)
{
  g_array_set_size (scan->hits, 0);
  g_clear_pointer (&scan->features, g_array_unref);
  sg_text_prepare (&scan->text, text, len);
  {
    SentenceCursor cursor = { &scan->text, 0 };

    sg_tokens_run (&scan->tokens, text, len, text_sentence_of, &cursor);
  }

  collect_terms (scan);
  collect_concepts (scan);
  index_hits (scan, FALSE);      /* the name heuristics look up lexicon hits */
  sg_entities_collect (scan);
  index_hits (scan, FALSE);      /* patterns walk the hits of their first slot's group */
  assign_tokens (scan);
  sg_patterns_collect (scan);
  index_hits (scan, TRUE);
}
