/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A linear model over a draft's features (its concepts, word stems and emoji), trained by
 * tests/tools/train-model.py on the read labelled sets and shipped as data
 * (data/models/<category>.tsv: "bias<TAB>value", then a "feature<TAB>weight" line each,
 * "#" lines for how it was trained). It scores what the rules miss in wording they were never
 * written for; a finding from it names the words that weighed most.
 *
 * Features are strings: "c:insult" (a concept or lexicon of the pack was found), "s:waddl" (a
 * word's stem), "e:😂" (an emoji). */
typedef struct _SgModel SgModel;

SgModel *sg_model_load  (const char  *path,
                         GError     **error);
void     sg_model_free  (SgModel     *self);

/* Features by number, shared by all the models of a pack, so that a draft's features are
 * found once and each model only adds up weights. */
typedef struct _SgFeatureIndex SgFeatureIndex;

SgFeatureIndex *sg_feature_index_new    (void);
void            sg_feature_index_free   (SgFeatureIndex *self);
/* The number of @feature, or -1 when no model knows it. */
int             sg_feature_index_lookup (SgFeatureIndex *self,
                                         const char     *feature);
guint           sg_feature_index_size   (SgFeatureIndex *self);
const char     *sg_feature_index_name   (SgFeatureIndex *self,
                                         guint           id);
/* Gives the model's features numbers in @index (adding those it lacks). Call for every model
 * of a pack, then sg_model_prepare() on each once no more are added. */
void            sg_model_register       (SgModel        *self,
                                         SgFeatureIndex *index);
void            sg_model_prepare        (SgModel        *self,
                                         SgFeatureIndex *index);
/* The probability (0–1) for the features numbered @ids (each once). @top, when not NULL,
 * receives up to @n_top feature names (owned by @index) that added most to the score, largest
 * first. */
double          sg_model_score_ids      (SgModel        *self,
                                         SgFeatureIndex *index,
                                         const int      *ids,
                                         guint           n_ids,
                                         GPtrArray      *top,
                                         guint           n_top);

/* A weight as written in a model file, from @text to @end: the same double g_ascii_strtod
 * gives, faster for the trainer's plain decimals. FALSE when it is not a finite number. */
gboolean        sg_model_parse_weight   (const char     *text,
                                         const char     *end,
                                         double         *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgModel, sg_model_free)

G_END_DECLS
