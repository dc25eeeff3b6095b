/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sg-json.h"

#include "sg-tokens.h"

G_BEGIN_DECLS

/* Token patterns, in the manner of spaCy's Matcher or LanguageTool's token rules: a sequence
 * of slots matched token by token inside one sentence.
 *
 *   "@insult" or {"concept": "insult"}    a hit of that concept or group starts here
 *   "my" or {"word": "my"}                 this folded word; {"words": ["my", "our"]} any
 *   {"stem": "waddle"}                     a word with this stem ("waddled", "waddling")
 *   {"shape": "Title"}                     Title, UPPER, lower or digits
 *   {"regex": "^[a-z]\\*+[a-z]$"}          the folded word matches (whole)
 *   {"gap": [0, 3]} or {"gap": 3}          skip between min and max tokens
 *   any slot but a gap may add "optional": true
 *
 * A pattern is a term like any other: {"pattern": [...], "label": "a put-down"}. */

typedef struct _SgPattern SgPattern;

/* Resolves "@name" to a group id (G_MAXUINT when unknown). */
typedef guint (*SgGroupResolver) (gpointer    data,
                                  const char *name);

/* @vocabulary (folded word → guint id from 1, shared by a pack's patterns) receives the words
 * the pattern's word slots list; sg_patterns_word_ids() looks a text's tokens up in it once, so
 * a word slot compares numbers instead of hashing the token again for every slot. */
SgPattern *sg_pattern_parse     (JsonArray        *slots,
                                 SgTokens         *scratch,
                                 GHashTable       *vocabulary,
                                 SgGroupResolver   resolve,
                                 gpointer          data,
                                 char            **error_message);
void       sg_pattern_free      (SgPattern        *self);
/* The words a pattern must open with, or NULL when its first slot is something else. */
const char * const *sg_pattern_get_first_words (const SgPattern *self);
/* The words that index the pattern: those of a word slot that must match with only one-token
 * slots and gaps before it (the least common such slot, sg_pattern_parse). A match starts at
 * most *@lead tokens before a token that is one of them. NULL when no such slot exists. */
const char * const *sg_pattern_get_index_words (const SgPattern *self,
                                                guint           *lead);
/* The groups the pattern's slots refer to (so a pattern is run after them). */
gboolean   sg_pattern_uses_group (const SgPattern *self,
                                  guint            group);

G_END_DECLS
