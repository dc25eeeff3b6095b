/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sg-concepts.h"
#include "sg-error.h"

void
sg_concept_file_free (SgConceptFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->label);
  g_free (file->means);
  g_free (file->source);
  g_clear_pointer (&file->terms, g_ptr_array_unref);
  g_clear_pointer (&file->lines, g_array_unref);
  g_free (file);
}

/* "# key: value" in the header, continued on following "#   …" lines for long values. */
static gboolean
header_line (const char  *line,
             char       **key,
             char       **value)
{
  const char *p = line + 1, *colon;

  while (*p == ' ')
    p++;
  colon = strchr (p, ':');
  if (colon == NULL || colon == p)
    return FALSE;
  for (const char *k = p; k < colon; k++)
    if (!g_ascii_isalpha (*k))
      return FALSE;
  *key = g_strndup (p, colon - p);
  *value = g_strstrip (g_strdup (colon + 1));
  return TRUE;
}

SgConceptFile *
sg_concept_file_load (const char  *path,
                      GError     **error)
{
  g_autoptr(SgConceptFile) file = g_new0 (SgConceptFile, 1);
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_auto(GStrv) lines = NULL;
  char **last_value = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, _("%s: not valid UTF-8"), path);
      return NULL;
    }

  file->terms = g_ptr_array_new_with_free_func (g_free);
  file->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autofree char *key = NULL, *value = NULL;
      guint n = i + 1;

      if (*line == '\0')
        continue;
      if (*line == '#')
        {
          if (file->terms->len > 0)
            continue;        /* comments among the terms */
          if (header_line (line, &key, &value))
            {
              char **slot = g_str_equal (key, "concept") ? &file->name
                          : g_str_equal (key, "label") ? &file->label
                          : g_str_equal (key, "means") ? &file->means
                          : g_str_equal (key, "source") ? &file->source : NULL;

              if (g_str_equal (key, "masked"))
                {
                  file->masked = g_str_equal (value, "any") ? 2 : g_str_equal (value, "yes");
                  last_value = NULL;
                }
              else if (slot != NULL)
                {
                  g_free (*slot);
                  *slot = g_steal_pointer (&value);
                  last_value = slot;
                }
              else
                last_value = NULL;   /* other notes in the header */
            }
          else if (last_value != NULL && line[1] == ' ' && line[2] == ' ')
            {
              /* "#          continued" */
              char *joined = g_strconcat (*last_value, " ", g_strstrip (line + 1), NULL);
              g_free (*last_value);
              *last_value = joined;
            }
          else
            last_value = NULL;
          continue;
        }
      g_ptr_array_add (file->terms, g_utf8_strdown (line, -1));
      g_array_append_val (file->lines, n);
    }

  if (file->name == NULL || file->label == NULL || file->means == NULL || file->source == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                   _("%s:1: a concept file needs “# concept:”, “# label:”, “# means:” and "
                     "“# source:” lines before its terms"), path);
      return NULL;
    }
  if (!g_str_has_suffix (basename, ".txt") ||
      strncmp (basename, file->name, strlen (basename) - 4) != 0 ||
      strlen (file->name) != strlen (basename) - 4)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                   _("%s:1: the concept is called “%s” but the file “%s”"), path, file->name,
                   basename);
      return NULL;
    }
  if (file->terms->len == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, _("%s: the concept has no terms"),
                   path);
      return NULL;
    }

  return g_steal_pointer (&file);
}

gboolean
sg_concepts_add_term (SgLexicon  *lexicon,
                      SgTokens   *tokens,
                      const char *term,
                      guint       value)
{
  g_autofree char *copy = g_strdup (term);
  g_autofree char *stems = NULL;
  gsize n = strlen (copy);
  gboolean prefix = n > 1 && copy[n - 1] == '*';

  if (prefix)
    copy[n - 1] = '\0';
  stems = sg_tokens_stem_phrase (tokens, copy);
  if (stems == NULL)
    return FALSE;
  if (strchr (stems, '|') != NULL)
    {
      /* Punctuation inside a term ("a&e", "fifty-fifty", "£") is written as the text folds
       * it; a separator left over means the term mixes words and marks the text never joins,
       * so it is read as its words alone. */
      g_auto(GStrv) parts = g_strsplit (stems, " | ", -1);
      g_free (stems);
      stems = g_strjoinv (" ", parts);
    }
  if (prefix)
    {
      /* A prefix is a prefix of the written word, not of its stem: "wank*" must not lose
       * its last letter to the stemmer. */
      g_free (stems);
      stems = g_utf8_strdown (copy, -1);
    }
  return sg_lexicon_add (lexicon, stems, value, prefix ? SG_LEXICON_MATCH_PREFIX : 0);
}

/* Masks */

typedef struct {
  char  *word;
  guint  value;
  guint  min_letters;
} MaskWord;

struct _SgMaskIndex
{
  GPtrArray *by_length[32];   /* MaskWord*, for words of 1–31 bytes */
};

SgMaskIndex *
sg_mask_index_new (void)
{
  return g_new0 (SgMaskIndex, 1);
}

static void
mask_word_free (MaskWord *w)
{
  g_free (w->word);
  g_free (w);
}

void
sg_mask_index_free (SgMaskIndex *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->by_length); i++)
    g_clear_pointer (&self->by_length[i], g_ptr_array_unref);
  g_free (self);
}

static void
add_one (SgMaskIndex *self,
         const char  *word,
         guint        value,
         guint        min_letters)
{
  gsize n = strlen (word);
  MaskWord *w;

  if (n < 3 || n >= G_N_ELEMENTS (self->by_length))
    return;
  for (const char *p = word; *p; p++)
    if (!g_ascii_isalpha (*p))
      return;     /* masks are read letter by letter: ASCII words only */
  if (self->by_length[n] == NULL)
    self->by_length[n] = g_ptr_array_new_with_free_func ((GDestroyNotify) mask_word_free);
  w = g_new (MaskWord, 1);
  w->word = g_strdup (word);
  w->value = value;
  w->min_letters = min_letters;
  g_ptr_array_add (self->by_length[n], w);
}

void
sg_mask_index_add (SgMaskIndex *self,
                   const char  *word,
                   guint        value,
                   guint        min_letters)
{
  static const char * const endings[] = { "s", "ing", "ed", "er", "ers", "y", "in", NULL };
  gsize n = strlen (word);

  if (strchr (word, ' ') != NULL || (n > 0 && word[n - 1] == '*'))
    return;
  add_one (self, word, value, min_letters);
  /* The forms a masked word is written in: "f*****g", "tw*ts". */
  for (guint i = 0; endings[i] != NULL; i++)
    {
      g_autofree char *form = g_strconcat (word, endings[i], NULL);
      add_one (self, form, value, min_letters);
    }
}

guint
sg_mask_index_match (SgMaskIndex *self,
                     const char  *masked,
                     GArray      *values)
{
  gsize n = strlen (masked);
  GPtrArray *words;
  guint found = 0, shown = 0;

  for (gsize k = 0; k < n; k++)
    shown += masked[k] != '*';

  if (n >= G_N_ELEMENTS (self->by_length) || (words = self->by_length[n]) == NULL)
    return 0;

  for (guint i = 0; i < words->len; i++)
    {
      const MaskWord *w = g_ptr_array_index (words, i);
      gboolean ok = shown >= w->min_letters;

      for (gsize k = 0; k < n && ok; k++)
        ok = masked[k] == '*' || masked[k] == w->word[k];
      if (ok)
        {
          gboolean seen = FALSE;

          for (guint v = 0; v < values->len && !seen; v++)
            seen = g_array_index (values, guint, values->len - 1 - v) == w->value;
          if (!seen)
            {
              g_array_append_val (values, w->value);
              found++;
            }
        }
    }
  return found;
}
