/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-concepts.h"
#include "sg-lexicon.h"
#include "sg-model.h"
#include "sg-rule-pack.h"
#include "sg-tokens.h"

G_BEGIN_DECLS

/* The compiled form the analyzer runs. A "group" is a set of things that can be found in a
 * text: terms of a lexicon (all groups share one automaton, so a text is scanned once),
 * regexes, or a built-in detector (identifiers, doses, proper nouns …). */

typedef enum {
  SG_GROUP_TERMS,        /* lexicon terms; hits come from the shared automaton */
  SG_GROUP_REGEX,
  SG_GROUP_IDENTIFIER,   /* one SgIdentifierKind (param) */
  SG_GROUP_DOSE,         /* a number and a unit: "100mg", "500 micrograms", "2 puffs" */
  SG_GROUP_PROPER_NOUN,  /* a capitalised word that does not start a sentence */
  SG_GROUP_PERSON,       /* a title and a name, or a known first name and a surname */
  SG_GROUP_ORGANISATION, /* proper nouns ending in an organisation word: "Kingsmere Pharmacy" */
  SG_GROUP_WATCH_LIST,   /* the user's own local names */
  SG_GROUP_OPENING_HANDLE, /* a reply: the text starts with an @handle */
  SG_GROUP_CONCEPT,      /* words matched by stem (data/concepts, or {"stems": […]}) */
  SG_GROUP_PATTERN,      /* a sequence of token slots with gaps ({"pattern": […]}) */
  SG_GROUP_MASKED,       /* a word masked with '*' that no masked concept explains */
} SgGroupType;

typedef struct _SgPattern SgPattern;

/* Lexicon values from this one up are not groups but a regex's anchor words
 * (sg-regex-anchors.h): value - SG_REGEX_ANCHOR_BASE is group * 32 + set. */
#define SG_REGEX_ANCHOR_BASE (1u << 30)

typedef struct {
  SgGroupType  type;
  char        *name;          /* "@medicines", or NULL for an inline list */
  int          param;
  GRegex      *regex;
  guint32      anchor_sets;   /* regexes: a bit per set of words a match needs (0: none known) */
  gunichar    *symbols;       /* regexes: one of these characters a match needs (NULL: none) */
  gboolean     capitalised;   /* terms only count when written with a capital */
  char        *label;         /* concepts and patterns: "an insult", said in findings */
  SgPattern   *pattern;
} SgGroup;

typedef enum {
  SG_SCOPE_TEXT,
  SG_SCOPE_SENTENCE,
  SG_SCOPE_WINDOW,     /* bytes between the two spans */
  SG_SCOPE_TOKENS,     /* tokens between the two spans, within one sentence */
  SG_SCOPE_CLAUSE,     /* the same clause: "not" before "but" does not reach past it */
} SgScope;

typedef struct {
  GArray  *groups;     /* guint group ids: any of them satisfies the condition */
  SgScope  scope;
  guint    window;     /* bytes (SG_SCOPE_WINDOW) or tokens (SG_SCOPE_TOKENS) between spans */
  int      position;   /* 0 anywhere, -1 before the anchor, +1 after it, 2 not overlapping it */
  guint    negation;   /* "affirmed": the @negation group whose hits just before a hit void
                        * it ("no stupid questions"); G_MAXUINT when the condition is plain */
} SgCondition;

typedef struct {
  char    *name;       /* "age", "place" … as shown to the user */
  char    *label;      /* translated-ready label */
  GArray  *groups;
  guint    weight;
} SgFeature;

typedef enum {
  SG_DETECTOR_PHRASES,
  SG_DETECTOR_IDENTIFIER,
  SG_DETECTOR_IDENTIFIABILITY,
  SG_DETECTOR_IMAGE,            /* what an attached photo's file carries, not its text */
  SG_DETECTOR_MODEL,            /* a linear model over the draft's features (sg-model.h) */
} SgDetectorType;

struct _SgRule {
  char           *id;
  SgCategory      category;
  SgSeverity      severity;
  char           *title;
  char           *message;
  char           *explanation;
  GArray         *citations;      /* SgCitation */
  GArray         *fixes;          /* SgFix templates */
  guint           audiences;      /* bit mask of 1 << SgAudience */
  GStrv           platforms;      /* NULL: all */
  guint           roles;          /* bit mask of 1 << SgRole the rule applies to */
  char           *role_messages[SG_N_ROLES]; /* the message for a role, NULL: the default */
  gboolean        firm;           /* its warnings stand whatever the category's model says */

  SgDetectorType  type;
  GArray         *match;          /* guint group ids of the anchors */
  guint           require_flags;  /* identifier flags, any of which must be set */
  guint           exclude_flags;  /* identifier flags, none of which may be set */
  GArray         *near;           /* SgCondition: all must hold */
  GArray         *unless;         /* SgCondition: none may hold */
  gboolean        once;           /* report the first anchor only */

  GArray         *features;       /* SgFeature, identifiability */
  GStrv           required_features; /* at least one of them must be found */
  guint           threshold[SG_N_AUDIENCES];

  guint           image_facts;    /* SgImageFacts, any of which fires an image rule */

  SgModel        *model;          /* SG_DETECTOR_MODEL */
  double          cutoff;         /* the probability from which the model's finding is made */
  double          confirm;        /* below it, the category's warnings are lowered to info; 0 never */
};


SgLexicon  *sg_rule_pack_get_lexicon   (SgRulePack *self);
/* Concept terms, matched over SgTokens.stems; NULL when the pack has no concepts. */
SgLexicon  *sg_rule_pack_get_stem_lexicon (SgRulePack *self);
SgMaskIndex *sg_rule_pack_get_mask_index  (SgRulePack *self);
/* Pattern groups, in the order they must run (a pattern may use an earlier one's hits). */
GArray     *sg_rule_pack_get_pattern_groups (SgRulePack *self);
/* The models' features: the index, the feature of a group ("c:…"), of a stem or an emoji. */
SgFeatureIndex *sg_rule_pack_get_feature_index (SgRulePack *self);
int         sg_rule_pack_feature_of_group  (SgRulePack *self,
                                            guint       group);
guint       sg_rule_pack_get_serial        (SgRulePack *self);
void        sg_rule_pack_word_ids          (SgRulePack *self,
                                            SgWordInfo *info,
                                            const char *norm);
int         sg_rule_pack_feature_of_token  (SgRulePack *self,
                                            const char *stem_or_emoji);
int         sg_rule_pack_feature_of_pair   (SgRulePack *self,
                                            guint32     first,
                                            guint32     second,
                                            guint       gap);
/* Folded word → its id (from 1) among the words of every pattern's word slots. */
GHashTable *sg_rule_pack_get_pattern_vocabulary (SgRulePack *self);
/* Folded word → GArray of the pattern groups that open with it. */
GPtrArray  *sg_rule_pack_get_pattern_first_words (SgRulePack *self);
GPtrArray  *sg_rule_pack_get_groups    (SgRulePack *self);   /* SgGroup* */
/* Makes every regex run on every text, as if no anchor words were known: for the test that
 * proves the anchors never change a result. */
void        sg_rule_pack_disable_regex_anchors (SgRulePack *self);
guint       sg_rule_pack_get_first_name_group (SgRulePack *self);
guint       sg_rule_pack_get_org_word_group   (SgRulePack *self);
/* The group named @name ("@uk-places"), or G_MAXUINT. */
guint       sg_rule_pack_lookup_group         (SgRulePack *self,
                                               const char *name);

G_END_DECLS
