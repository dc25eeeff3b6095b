/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sg-lexicon.h"
#include "sg-tokens.h"

G_BEGIN_DECLS

/* Concepts: named word classes matched by stem (data/concepts/<name>.txt). Each file opens
 * with a header that says what the class means and where its words came from:
 *
 *   # concept: insult
 *   # label: an insult
 *   # means: words that call a person stupid, useless or worthless
 *   # source: general English, written by hand; checked against WordNet 3.0
 *   # masked: yes        (optional: masked spellings such as "tw*t" count too, when at
 *                          least two letters show; "any": "f***" and "c**t" too)
 *
 * then one term per line. A term's words are stemmed like the draft's, so "waddle" also
 * finds "waddled" and "waddling"; a trailing '*' matches any word that starts with it. */

typedef struct {
  char      *name;
  char      *label;
  char      *means;
  char      *source;
  guint      masked;    /* 0 no, 1 two letters must show, 2 any mask */
  GPtrArray *terms;     /* char*, as written */
  GArray    *lines;     /* guint, the line of each term, for messages */
} SgConceptFile;

SgConceptFile *sg_concept_file_load (const char  *path,
                                     GError     **error);
void           sg_concept_file_free (SgConceptFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgConceptFile, sg_concept_file_free)

/* Adds @term to @lexicon (matched over SgTokens.stems) with @value. FALSE for a term with no
 * word in it. @tokens is scratch space. */
gboolean       sg_concepts_add_term (SgLexicon  *lexicon,
                                     SgTokens   *tokens,
                                     const char *term,
                                     guint       value);

/* Masked words: "c**t" and "f*****g" are read against the single words of the concepts that
 * accept masks, letter by letter with '*' standing for any letter, length for length. */
typedef struct _SgMaskIndex SgMaskIndex;

SgMaskIndex   *sg_mask_index_new    (void);
void           sg_mask_index_free   (SgMaskIndex *self);
void           sg_mask_index_add    (SgMaskIndex *self,
                                     const char  *word,
                                     guint        value,
                                     guint        min_letters);
/* Appends to @values (guint) every value whose word @masked (folded, with '*') can stand
 * for, among words added with @min_letters no more than the letters @masked shows. Returns
 * how many. */
guint          sg_mask_index_match  (SgMaskIndex *self,
                                     const char  *masked,
                                     GArray      *values);

G_END_DECLS
