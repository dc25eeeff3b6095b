/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-model.h"

struct _SgModel
{
  double      bias;
  GHashTable *weights;    /* feature → double* */
  double     *dense;      /* weight by feature number, once prepared */
  guint       n_dense;
};

struct _SgFeatureIndex
{
  GHashTable *ids;        /* feature → number + 1 */
  GPtrArray  *names;      /* number → feature */
};

void
sg_model_free (SgModel *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->weights, g_hash_table_unref);
  g_free (self->dense);
  g_free (self);
}

SgFeatureIndex *
sg_feature_index_new (void)
{
  SgFeatureIndex *self = g_new0 (SgFeatureIndex, 1);

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
sg_feature_index_free (SgFeatureIndex *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->ids);
  g_ptr_array_unref (self->names);
  g_free (self);
}

int
sg_feature_index_lookup (SgFeatureIndex *self,
                         const char     *feature)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->ids, feature)) - 1;
}

guint
sg_feature_index_size (SgFeatureIndex *self)
{
  return self->names->len;
}

const char *
sg_feature_index_name (SgFeatureIndex *self,
                       guint           id)
{
  return g_ptr_array_index (self->names, id);
}

void
sg_model_register (SgModel        *self,
                   SgFeatureIndex *index)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->weights);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (index->ids, key))
      {
        char *name = g_strdup (key);

        g_ptr_array_add (index->names, name);
        g_hash_table_insert (index->ids, name, GINT_TO_POINTER (index->names->len));
      }
}

void
sg_model_prepare (SgModel        *self,
                  SgFeatureIndex *index)
{
  GHashTableIter iter;
  gpointer key, value;

  g_free (self->dense);
  self->n_dense = index->names->len;
  self->dense = g_new0 (double, MAX (self->n_dense, 1));
  g_hash_table_iter_init (&iter, self->weights);
  while (g_hash_table_iter_next (&iter, &key, &value))
    self->dense[sg_feature_index_lookup (index, key)] = *(double *) value;
}

/* The file is text, one "feature<TAB>weight" a line after "bias<TAB>value", with "#" lines
 * for what it was trained on: parsed here in one pass. As JSON (json-glib builds a tree of
 * every member) the ten models were a third of loading the whole pack. */
SgModel *
sg_model_load (const char  *path,
               GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SgModel) self = NULL;
  const char *p, *end;
  gboolean have_bias = FALSE;
  guint line_no = 0;

  if ((file = g_mapped_file_new (path, FALSE, &local_error)) == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, _("%s: %s"), path,
                   local_error->message);
      return NULL;
    }
  p = g_mapped_file_get_contents (file);
  end = p + g_mapped_file_get_length (file);
  if (p != NULL && !g_utf8_validate (p, end - p, NULL))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, _("%s: not UTF-8 text"), path);
      return NULL;
    }

  self = g_new0 (SgModel, 1);
  self->weights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (const char *next; p != NULL && p < end; p = next)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *tab;
      g_autofree char *number = NULL;
      char *rest;
      double w;

      eol = eol != NULL ? eol : end;
      next = eol + 1;
      line_no++;
      if (eol == p || *p == '#')
        continue;
      tab = memchr (p, '\t', eol - p);
      if (tab == NULL || tab == p)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                       _("%s:%u: a line is “feature”, a tab and a weight"), path, line_no);
          return NULL;
        }
      number = g_strndup (tab + 1, eol - tab - 1);
      w = g_ascii_strtod (number, &rest);
      if (rest == number || *rest != '\0' || !isfinite (w))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                       _("%s:%u: the weight is not a number"), path, line_no);
          return NULL;
        }
      if (tab - p == 4 && memcmp (p, "bias", 4) == 0)
        {
          self->bias = w;
          have_bias = TRUE;
        }
      else
        {
          double *stored = g_new (double, 1);

          *stored = w;
          g_hash_table_insert (self->weights, g_strndup (p, tab - p), stored);
        }
    }
  if (!have_bias)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, _("%s: a model needs a “bias” line"),
                   path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

typedef struct {
  const char *feature;
  double      weight;
} Contribution;

static int
compare_contributions (gconstpointer a,
                       gconstpointer b)
{
  const Contribution *x = a, *y = b;

  return x->weight < y->weight ? 1 : x->weight > y->weight ? -1 : g_strcmp0 (x->feature, y->feature);
}

double
sg_model_score_ids (SgModel        *self,
                    SgFeatureIndex *index,
                    const int      *ids,
                    guint           n_ids,
                    GPtrArray      *top,
                    guint           n_top)
{
  g_autoptr(GArray) parts = NULL;
  double z = self->bias;

  g_return_val_if_fail (self->dense != NULL, 0.0);

  for (guint i = 0; i < n_ids; i++)
    if ((guint) ids[i] < self->n_dense)
      z += self->dense[ids[i]];
  if (z <= 0.0 && top == NULL)
    return 1.0 / (1.0 + exp (-z));

  if (top != NULL)
    {
      parts = g_array_new (FALSE, FALSE, sizeof (Contribution));
      for (guint i = 0; i < n_ids; i++)
        if ((guint) ids[i] < self->n_dense && self->dense[ids[i]] > 0)
          {
            Contribution c = { sg_feature_index_name (index, ids[i]), self->dense[ids[i]] };
            g_array_append_val (parts, c);
          }
      g_array_sort (parts, compare_contributions);
      for (guint i = 0; i < parts->len && i < n_top; i++)
        g_ptr_array_add (top, (gpointer) g_array_index (parts, Contribution, i).feature);
    }
  return 1.0 / (1.0 + exp (-z));
}

double
sg_model_score (SgModel    *self,
                GHashTable *features,
                GPtrArray  *top,
                guint       n_top)
{
  g_autoptr(GArray) parts = top != NULL ? g_array_new (FALSE, FALSE, sizeof (Contribution)) : NULL;
  GHashTableIter iter;
  gpointer key;
  double z = self->bias;

  g_hash_table_iter_init (&iter, features);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gpointer stored_key;
      gpointer value;

      if (g_hash_table_lookup_extended (self->weights, key, &stored_key, &value))
        {
          double w = *(double *) value;

          z += w;
          if (parts != NULL && w > 0)
            {
              Contribution c = { stored_key, w };
              g_array_append_val (parts, c);
            }
        }
    }

  if (parts != NULL)
    {
      g_array_sort (parts, compare_contributions);
      for (guint i = 0; i < parts->len && i < n_top; i++)
        g_ptr_array_add (top, (gpointer) g_array_index (parts, Contribution, i).feature);
    }
  return 1.0 / (1.0 + exp (-z));
}
