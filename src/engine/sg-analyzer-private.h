/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-analyzer.h"
#include "sg-lexicon.h"
#include "sg-rule-pack-private.h"
#include "sg-text.h"
#include "sg-tokens.h"

G_BEGIN_DECLS

/* Something found in the text that a rule can refer to: a lexicon term, an identifier, a
 * dose, a proper noun … all in original byte offsets. */
typedef struct {
  guint   group;
  guint32 start;
  guint32 end;
  guint32 sentence;
  guint   flags;    /* identifier flags */
  gint    value;    /* identifier value (an age, a year) */
  guint32 tok_start; /* the tokens the hit covers: [tok_start, tok_end) */
  guint32 tok_end;
  guint32 clause;
} SgHit;

typedef struct {
  SgRulePack *pack;
  GPtrArray  *groups;      /* SgGroup*, from the pack */
  SgText      text;
  GArray     *hits;        /* SgHit, sorted by start once collected */
  guint32     max_hit_len; /* the longest hit's length in bytes, once indexed */
  GArray     *group_first; /* guint per group + 1: where its hits begin in group_hits */
  GArray     *group_hits;  /* guint: hit indices by group, each group's in text order */
  GArray     *scratch;     /* SgLexiconMatch */
  GArray     *anchors_seen; /* guint32 per group: which of a regex's anchor sets were found */
  GArray     *symbols;     /* gunichar: the segment's characters beyond ASCII, sorted, once each */
  GArray     *identifiers; /* SgIdentifier */
  GArray     *head;        /* int per group: first hit index, -1 none */
  GArray     *next;        /* int per hit: next hit of the same group */
  SgLexicon  *watch;       /* may be NULL */
  SgTokens    tokens;
  GArray     *values;      /* guint scratch */
  GArray     *tok_first;   /* int per token: first hit starting there, -1 none */
  GArray     *tok_next;    /* int per hit: next hit starting at the same token */
  GArray     *start_head;  /* int per group: for a pattern, its first start token's entry, -1 */
  GArray     *start_tail;  /* int per group: its last, where the next is linked */
  GArray     *starts;      /* SgPatternStart: the tokens a pattern's first word matches */
  GArray     *token_words; /* guint32 per token: its id in the patterns' vocabulary, 0 none */
  SgRole      role;        /* who is writing, as the analyzer was told when this began */
  GArray     *features;    /* int: the segment's model feature numbers, once a model asks */
  GArray     *feature_seen; /* guint8 per feature number */
  GArray     *sorting;     /* SgHit: room to merge into while sorting the hits */
} SgScan;

/* A token where a pattern's first word is, linked to the pattern's next one (-1: none). */
typedef struct
{
  guint tok;
  int   next;
} SgPatternStart;

/* sg-entities.c: the built-in groups that are not plain terms. */
void sg_entities_collect (SgScan *scan);

static inline void
sg_scan_add_hit (SgScan *scan,
                 guint   group,
                 gsize   start,
                 gsize   end,
                 guint   flags,
                 gint    value)
{
  SgHit hit = { group, (guint32) start, (guint32) end, 0, flags, value, 0, 0, 0 };

  if (group != G_MAXUINT)
    g_array_append_val (scan->hits, hit);
}

gboolean sg_scan_is_capitalised (SgScan *scan,
                                 gsize   start);

/* sg-analyzer-scan.c: one segment's hits. */
void       sg_scan_init                 (SgScan            *scan,
                                         SgRulePack        *pack);
void       sg_scan_clear                (SgScan            *scan);
/* Prepares @text (its sentences, tokens) and collects, sorts and indexes its hits. */
void       sg_scan_segment              (SgScan            *scan,
                                         const char        *text,
                                         gsize              len);

/* sg-analyzer-rules.c: the detectors that read the hits, adding findings to @out (offsets from
 * @base, where the segment starts in the text). */
gboolean   sg_scan_condition_holds      (SgScan            *scan,
                                         const SgCondition *c,
                                         const SgHit       *anchor);
void       sg_scan_run_anchored         (SgScan            *scan,
                                         const SgRule      *rule,
                                         gsize              base,
                                         GPtrArray         *out);
void       sg_scan_run_identifiability  (SgScan            *scan,
                                         const SgRule      *rule,
                                         SgAudience         audience,
                                         gsize              base,
                                         GPtrArray         *out);

/* sg-analyzer-model.c */
void       sg_scan_run_model            (SgScan            *scan,
                                         const SgRule      *rule,
                                         gsize              base,
                                         GPtrArray         *out);
/* Whether the segment is long enough for sg_scan_confirm_with_model() to lower anything. */
gboolean   sg_scan_can_confirm          (SgScan            *scan);
/* After every rule: lowers the category's warnings found since @first when the draft scores
 * below the model rule's "confirm". */
void       sg_scan_confirm_with_model   (SgScan            *scan,
                                         const SgRule      *rule,
                                         GPtrArray         *out,
                                         guint              first);
/* The features a model reads in the segment ("c:insult", "s:waddl", "e:😂"), as a set. */
GHashTable *sg_scan_collect_features    (SgScan            *scan);

/* sg-analyzer-findings.c */

/* The rule's message as worded for the writer's role. */
static inline const char *
sg_rule_message (const SgRule *rule,
                 SgRole        role)
{
  return rule->role_messages[role] != NULL ? rule->role_messages[role] : rule->message;
}

/* A finding of @rule on @anchor, with @message (NULL: the rule's, for the scan's role) and
 * the rule's fixes. */
SgFinding *sg_scan_make_finding         (SgScan            *scan,
                                         const SgRule      *rule,
                                         const SgHit       *anchor,
                                         gsize              base,
                                         const char        *message);
/* In text order, the more serious first, a written rule before a model. */
int        sg_analyzer_compare_findings (gconstpointer      a,
                                         gconstpointer      b);
/* Sorts the findings from @first on, and drops those that repeat one of their category. */
void       sg_analyzer_merge_findings   (GPtrArray         *out,
                                         guint              first);

/* sg-patterns.c: the hits of the pack's token patterns, from the hits collected so far. */
void     sg_patterns_collect    (SgScan *scan);

G_END_DECLS

G_BEGIN_DECLS
/* The features a model reads in @text ("c:insult", "s:waddl", "e:😂"), as a set; for the
 * training tool, so that training and the app read drafts the same way. */
/* How many threads may analyse one long text (runs of its segments); 0, the default, is one per
 * processor. The findings are the same whatever the number (tests compare them). */
void        sg_analyzer_set_max_runs (SgAnalyzer *self,
                                      guint       max_runs);
GHashTable *sg_analyzer_features (SgAnalyzer *self,
                                  const char *text);

/* For tests/tools/sg-why: calls @cb for every hit the scan of @text finds (its group's name
 * or label, and its span). The text is the caller's own; nothing is logged. */
typedef void (*SgHitFunc) (const char *group, gsize start, gsize end, gpointer data);
void sg_analyzer_foreach_hit (SgAnalyzer *self,
                              const char *text,
                              SgHitFunc   cb,
                              gpointer    data);
G_END_DECLS
