/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Model rules: the draft's features (the named groups found, the stems of the words, the
 * emoji), scored by the rule's model; above its cutoff, a finding on the word that weighed
 * most, naming the words that did. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-analyzer-private.h"

/* Whether a token can be one word of a pair for the models: a word with a one-word stem
 * (not a number). */
static gboolean
is_pair_word (SgTokens      *tokens,
              const SgToken *a)
{
  return a->stem != G_MAXUINT32 && a->kind != SG_TOKEN_NUMBER
         && strcspn (tokens->stems->str + a->stem, " ") == strlen (a->info->stem);
}

/* Whether two tokens make a word pair for the models: both such words, in one clause. */
static gboolean
is_word_pair (SgTokens      *tokens,
              const SgToken *a,
              const SgToken *b)
{
  return a->clause == b->clause && is_pair_word (tokens, a) && is_pair_word (tokens, b);
}

/* Model features: the named groups found (concepts, lexicons, built-in detectors), the stems
 * of the words, each two words in a row in one clause ("b:<stem> <stem>": "stupid cow" says
 * what "stupid" and "cow" apart do not; measured by whole-set cross-validation in session 16,
 * the pairs raised every category's held-out average precision, professionalism's 0.77 →
 * 0.84) and the emoji. Made once per segment, the first time a model rule asks. */
GHashTable *
sg_scan_collect_features (SgScan *scan)
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
      if (t > 0 && is_word_pair (tokens, sg_tokens_get (tokens, t - 1), token))
        {
          g_hash_table_add (set, g_strconcat ("b:", sg_tokens_get (tokens, t - 1)->info->stem,
                                              " ", token->info->stem, NULL));
          if (t > 1 && is_word_pair (tokens, sg_tokens_get (tokens, t - 2),
                                     sg_tokens_get (tokens, t - 1)))
            g_hash_table_add (set, g_strconcat ("k:", sg_tokens_get (tokens, t - 2)->info->stem,
                                                " ", token->info->stem, NULL));
        }
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
  /* The previous two tokens: whether each could be in a pair (is_pair_word), its number among
   * the pairs' words (0: in no pair the models weigh) and its clause. */
  gboolean previous_ok = FALSE, before_ok = FALSE;
  guint32 previous = 0, previous_clause = 0, before = 0, before_clause = 0;

  scan->features = g_array_new (FALSE, FALSE, sizeof (int));
  if (scan->feature_seen == NULL)
    scan->feature_seen = g_array_new (FALSE, FALSE, sizeof (guint8));
  g_array_set_size (scan->feature_seen, sg_feature_index_size (index));
  memset (scan->feature_seen->data, 0, scan->feature_seen->len);

  for (guint i = 0; i < scan->hits->len; i++)
    add_feature (scan, sg_rule_pack_feature_of_group (scan->pack,
                                                      g_array_index (scan->hits, SgHit, i).group));
  for (guint t = 0; t < tokens->tokens->len; t++)
    {
      const SgToken *token = sg_tokens_get (tokens, t);
      gboolean ok = FALSE;
      guint32 word = 0;

      if (token->stem != G_MAXUINT32 && token->kind != SG_TOKEN_NUMBER)
        {
          /* The word's stem is its cache entry's: its feature was looked up once per pack. */
          sg_rule_pack_word_ids (scan->pack, token->info, sg_tokens_norm (tokens, t));
          add_feature (scan, (int) token->info->ids[1]);
          /* The same pairs as sg_scan_collect_features(): a stem with a space ("bed
           * blocker") is in none; a word in no pair the models weigh has no number, but may
           * stand between two that are ("fat old cow"). */
          ok = is_pair_word (tokens, token);
          word = token->info->ids[2];
          if (ok && word != 0 && previous_ok && previous_clause == token->clause)
            {
              add_feature (scan, sg_rule_pack_feature_of_pair (scan->pack, previous, word, 1));
              if (before_ok && before_clause == token->clause)
                add_feature (scan, sg_rule_pack_feature_of_pair (scan->pack, before, word, 2));
            }
        }
      else if (token->kind == SG_TOKEN_EMOJI)
        add_feature (scan, sg_rule_pack_feature_of_token (scan->pack,
                                                          sg_tokens_norm (tokens, t)));
      before_ok = previous_ok;
      before = previous;
      before_clause = previous_clause;
      previous_ok = ok;
      previous = word;
      previous_clause = token->clause;
    }
  return scan->features;
}

/* Whether @pair ("<stem> <stem>") is the stems of @first and @last. */
static gboolean
names_pair (const SgToken *first,
            const SgToken *last,
            const char    *pair)
{
  gsize n = strlen (first->info->stem);

  return strncmp (pair, first->info->stem, n) == 0 && pair[n] == ' '
         && g_str_equal (pair + n + 1, last->info->stem);
}

/* Where in the draft a feature is, to anchor the finding and quote it. */
static gboolean
locate_feature (SgScan     *scan,
                const char *feature,
                guint32    *start,
                guint32    *end)
{
  SgTokens *tokens = &scan->tokens;
  guint gap;

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
  /* A pair's words in a row ("b:") or with one between ("k:"). */
  gap = g_str_has_prefix (feature, "b:") ? 1 : g_str_has_prefix (feature, "k:") ? 2 : 0;
  for (guint t = 0; t < tokens->tokens->len; t++)
    {
      const SgToken *token = sg_tokens_get (tokens, t);
      gboolean found = FALSE;

      if (gap > 0 && t >= gap
          && is_word_pair (tokens, sg_tokens_get (tokens, t - 1), token)
          && (gap == 1 || is_word_pair (tokens, sg_tokens_get (tokens, t - 2),
                                        sg_tokens_get (tokens, t - 1)))
          && names_pair (sg_tokens_get (tokens, t - gap), token, feature + 2))
        {
          *start = sg_tokens_get (tokens, t - gap)->start;
          *end = token->end;
          return TRUE;
        }
      else if (g_str_has_prefix (feature, "s:") && token->stem != G_MAXUINT32)
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

/* Whether a word or pair feature is made only of function words ("b:what a", "s:the"): it may
 * weigh, but quoting it would tell the writer nothing. */
static gboolean
only_function_words (const char *feature)
{
  g_auto(GStrv) words = NULL;

  if (!g_str_has_prefix (feature, "s:") && !g_str_has_prefix (feature, "b:")
      && !g_str_has_prefix (feature, "k:"))
    return FALSE;
  words = g_strsplit (feature + 2, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (!sg_tokens_is_function_word (words[i]))
      return FALSE;
  return TRUE;
}

/* A model rule: the draft's features scored; above the cutoff, a finding anchored on the word
 * that weighed most, naming the words that did. */
void
sg_scan_run_model (SgScan       *scan,
                   const SgRule *rule,
                   gsize         base,
                   GPtrArray    *out)
{
  g_autoptr(GPtrArray) top = g_ptr_array_new ();
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GArray) quoted = g_array_new (FALSE, FALSE, sizeof (guint32)); /* start, end pairs */
  g_autofree char *message = NULL;
  SgHit anchor = { 0 };
  gboolean anchored = FALSE;

  SgFeatureIndex *index = sg_rule_pack_get_feature_index (scan->pack);

  /* The loader allows only whole-text conditions here, so any anchor will do. */
  for (guint i = 0; i < rule->near->len; i++)
    if (!sg_scan_condition_holds (scan, &g_array_index (rule->near, SgCondition, i), &anchor))
      return;
  for (guint i = 0; i < rule->unless->len; i++)
    if (sg_scan_condition_holds (scan, &g_array_index (rule->unless, SgCondition, i), &anchor))
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
      gboolean overlaps = FALSE;

      if (only_function_words (g_ptr_array_index (top, i)) ||
          !locate_feature (scan, g_ptr_array_index (top, i), &start, &end))
        continue;
      if (!anchored)
        {
          anchor.start = start;
          anchor.end = end;
          anchored = TRUE;
        }
      /* A word already quoted, alone or in a pair, is not quoted again ("Grabbed", then
       * "Grabbed a"). */
      for (guint q = 0; q + 1 < quoted->len && !overlaps; q += 2)
        overlaps = start < g_array_index (quoted, guint32, q + 1) &&
                   g_array_index (quoted, guint32, q) < end;
      quote = g_strndup (scan->text.text + start, end - start);
      if (overlaps || strstr (words->str, quote) != NULL)
        continue;
      g_array_append_val (quoted, start);
      g_array_append_val (quoted, end);
      /* Translators: the words that weighed most, quoted and separated by commas. */
      g_string_append_printf (words, words->len ? _(", “%s”") : _("“%s”"), quote);
    }
  if (!anchored)
    return;

  /* Translators: the rule's message, then the words that weighed most. */
  message = g_strdup_printf (_("%s Words that weighed most here: %s."),
                             sg_rule_message (rule, scan->role), words->str);
  g_ptr_array_add (out, sg_scan_make_finding (scan, rule, &anchor, base, message));
}

/* Below this many words a model has read too little of a draft to overrule a rule: the
 * shortest drafts score near the model's starting point whatever they say ("Eileen is our
 * oldest patient"). Measured by whole-set cross-validation, sparing drafts under 20 words cost
 * 2 to 4 of about 3,000 posts fully right; tests/tools/choose-model-cutoffs.py keeps the same
 * figure. */
#define SG_CONFIRM_MIN_WORDS 20

/* Whether the segment has enough words for a model to lower anything, counted as a reader
 * counts them: a hyphenated word is one, punctuation and emoji none. */
gboolean
sg_scan_can_confirm (SgScan *scan)
{
  SgTokens *tokens = &scan->tokens;
  guint n = 0;

  for (guint t = 0; t < tokens->tokens->len && n < SG_CONFIRM_MIN_WORDS; t++)
    {
      const SgToken *token = sg_tokens_get (tokens, t);

      if (token->kind != SG_TOKEN_PUNCT && token->kind != SG_TOKEN_EMOJI &&
          (token->flags & SG_TOKEN_JOINED) == 0)
        n++;
    }
  return n >= SG_CONFIRM_MIN_WORDS;
}

/* A model rule with "confirm": where the draft scores below it, its category's warnings from
 * written rules become suggestions. Measured across writers (each labelled set held out from
 * the model in turn, tests/tools/choose-model-cutoffs.py), warnings the model thinks unlike
 * any flagged post were more often false alarms than problems. Errors are never lowered (a
 * phone number or a ward and bed is not a matter of wording), nor are "firm" rules' warnings:
 * a slur, a dehumanising label or swearing aimed at a person is rude however the rest of the
 * post reads, and a model that has seen few words of a short post knows too little to say
 * otherwise. */
void
sg_scan_confirm_with_model (SgScan       *scan,
                            const SgRule *rule,
                            GPtrArray    *out,
                            guint         first)
{
  SgFeatureIndex *index;
  gboolean any = FALSE;

  if (rule->confirm <= 0.0)
    return;
  for (guint i = first; i < out->len && !any; i++)
    {
      SgFinding *finding = g_ptr_array_index (out, i);

      any = sg_finding_get_category (finding) == rule->category &&
            sg_finding_can_be_lowered (finding);
    }
  if (!any)
    return;

  index = sg_rule_pack_get_feature_index (scan->pack);
  if (scan->features == NULL)
    collect_feature_ids (scan);
  if (sg_model_score_ids (rule->model, index, (const int *) scan->features->data,
                          scan->features->len, NULL, 0) >= rule->confirm)
    return;

  for (guint i = first; i < out->len; i++)
    {
      SgFinding *finding = g_ptr_array_index (out, i);

      if (sg_finding_get_category (finding) == rule->category &&
          sg_finding_can_be_lowered (finding))
        sg_finding_lower (finding, _("Posts worded like this one were usually fine, so take "
                                     "this as a suggestion."));
    }
}
