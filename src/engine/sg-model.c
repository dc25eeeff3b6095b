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
  /* As read: the file's text with a NUL after each feature name, the names' offsets in it
   * and their weights. Dropped once prepared: the weights then live in @dense. */
  char       *text;
  GArray     *offsets;    /* guint32 into @text */
  GArray     *weights;    /* double, one per offset */
  GArray     *ids;        /* int, the features' numbers in the pack's index, once registered */
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
  g_free (self->text);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_clear_pointer (&self->weights, g_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);
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
  g_return_if_fail (self->offsets != NULL);

  g_array_set_size (self->ids, self->offsets->len);
  for (guint i = 0; i < self->offsets->len; i++)
    {
      const char *key = self->text + g_array_index (self->offsets, guint32, i);
      int id = GPOINTER_TO_INT (g_hash_table_lookup (index->ids, key)) - 1;

      if (id < 0)
        {
          char *name = g_strdup (key);

          g_ptr_array_add (index->names, name);
          g_hash_table_insert (index->ids, name, GINT_TO_POINTER (index->names->len));
          id = (int) index->names->len - 1;
        }
      g_array_index (self->ids, int, i) = id;
    }
}

void
sg_model_prepare (SgModel        *self,
                  SgFeatureIndex *index)
{
  g_return_if_fail (self->ids != NULL && self->ids->len == self->offsets->len);

  g_free (self->dense);
  self->n_dense = index->names->len;
  self->dense = g_new0 (double, MAX (self->n_dense, 1));
  for (guint i = 0; i < self->ids->len; i++)
    self->dense[g_array_index (self->ids, int, i)] = g_array_index (self->weights, double, i);
  /* The index holds the names now, and @dense the weights. */
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_clear_pointer (&self->weights, g_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);
}

/* A weight as the trainer writes it, "-0.1234": digits, a point, at most 15 digits in all.
 * The digits make an exact integer and ten to the number of decimals an exact power, so one
 * division gives the double nearest the decimal, the value strtod would return; glibc's strtod
 * took a sixth of the time to load the rules (357,000 weights at about 660 instructions each).
 * Anything else (an exponent, more digits) is left to g_ascii_strtod. */
gboolean
sg_model_parse_weight (const char *text,
                       const char *end,
                       double     *out)
{
  static const double powers[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                   1e11, 1e12, 1e13, 1e14, 1e15 };
  const char *p = text;
  gboolean negative = FALSE, point = FALSE;
  guint64 mantissa = 0;
  guint digits = 0, decimals = 0;
  g_autofree char *copy = NULL;
  char *rest;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  for (; p < end; p++)
    {
      if (*p == '.' && !point)
        point = TRUE;
      else if (g_ascii_isdigit (*p) && digits < 15)
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          digits++;
          decimals += point;
        }
      else
        break;
    }
  if (p == end && digits > 0)
    {
      *out = (double) mantissa / powers[decimals];
      if (negative)
        *out = -*out;
      return TRUE;
    }
  /* g_ascii_strtod reads to a NUL: the number must end where the text does. */
  copy = g_strndup (text, end - text);
  *out = g_ascii_strtod (copy, &rest);
  return rest != copy && *rest == '\0' && isfinite (*out);
}

/* The file is text, one "feature<TAB>weight" a line after "bias<TAB>value", with "#" lines
 * for what it was trained on: parsed here in one pass, the names left where they are in a
 * copy of the text (a hash table of names per model made loading the models with word pairs,
 * 150,000 lines, take longer than the rest of the pack). */
SgModel *
sg_model_load (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SgModel) self = NULL;
  char *p, *end;
  gsize length;
  gboolean have_bias = FALSE;
  guint line_no = 0;

  self = g_new0 (SgModel, 1);
  if (!g_file_get_contents (path, &self->text, &length, &local_error))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, _("%s: %s"), path,
                   local_error->message);
      return NULL;
    }
  p = self->text;
  end = p + length;
  if (!g_utf8_validate (p, length, NULL))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, _("%s: not UTF-8 text"), path);
      return NULL;
    }

  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->weights = g_array_new (FALSE, FALSE, sizeof (double));
  self->ids = g_array_new (FALSE, FALSE, sizeof (int));
  for (char *next; p < end; p = next)
    {
      char *eol = memchr (p, '\n', end - p);
      char *tab;
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
      if (!sg_model_parse_weight (tab + 1, eol, &w))
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
          guint32 offset = (guint32) (p - self->text);

          *tab = '\0';
          g_array_append_val (self->offsets, offset);
          g_array_append_val (self->weights, w);
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
