/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a rule pack's JSON. The default pack is a dozen files and about 900 KB; json-glib
 * took a third of loading it to parse them and a sixth to free the trees, all on the thread
 * that then builds the concepts, lexicons and patterns. The included files are therefore parsed
 * in order on a second thread, which also frees each tree once it has been read, while the
 * loading thread builds the concepts and the files already parsed: on two cores `socialguard-check`
 * spent about 0.1 s of a 0.65 s check of 10 MB loading on one core, the other idle. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sg-error.h"
#include "sg-rule-pack-parse.h"

static void
object_member_cb (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  GHashTable *lines)
{
  g_hash_table_insert (lines, g_strdup_printf ("%p/%s", object, member_name),
                       GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

JsonParser *
sg_pack_parse_file (const char  *path,
                    GHashTable  *lines,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), lines);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, "%s:1: %s", path,
                   local_error->message);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      /* json-glib already says "<data>:LINE:COL: …"; keep the line, name the file. */
      const char *msg = local_error->message;
      if (g_str_has_prefix (msg, "<data>:"))
        msg += strlen ("<data>:");
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, "%s:%s", path, msg);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                   _("%s:1: a rule pack must be a JSON object"), path);
      return NULL;
    }

  /* The handler points at @lines, which may die before the parser does. */
  g_signal_handlers_disconnect_by_func (parser, object_member_cb, lines);
  return g_steal_pointer (&parser);
}

typedef struct {
  char       *path;
  GHashTable *lines;
  JsonParser *parser;
  GError     *error;
  gboolean    parsed;
  gboolean    released;
} Parse;

struct _SgPackParses {
  GMutex     mutex;
  GCond      cond;
  Parse     *parses;
  guint      n_parses;
  gboolean   stopping;
  GThread   *thread;
};

static void
free_released (SgPackParses *self)
{
  for (guint i = 0; i < self->n_parses; i++)
    {
      JsonParser *parser = NULL;

      g_mutex_lock (&self->mutex);
      if (self->parses[i].released)
        parser = g_steal_pointer (&self->parses[i].parser);
      g_mutex_unlock (&self->mutex);
      g_clear_object (&parser);
    }
}

/* Called with the mutex held. */
static gboolean
has_released_tree (SgPackParses *self)
{
  for (guint i = 0; i < self->n_parses; i++)
    if (self->parses[i].released && self->parses[i].parser != NULL)
      return TRUE;
  return FALSE;
}

static gpointer
parse_thread (gpointer data)
{
  SgPackParses *self = data;

  for (guint i = 0; i < self->n_parses; i++)
    {
      Parse *p = &self->parses[i];
      GError *error = NULL;
      JsonParser *parser;
      gboolean stop;

      g_mutex_lock (&self->mutex);
      stop = self->stopping;
      g_mutex_unlock (&self->mutex);
      if (stop)
        break;

      parser = sg_pack_parse_file (p->path, p->lines, &error);
      g_mutex_lock (&self->mutex);
      p->parser = parser;
      p->error = error;
      p->parsed = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->mutex);
      free_released (self);
    }

  /* Then free the trees as the loader hands them back, until it says stop. The wait is on
   * the state itself, so a release or a stop that comes while trees are being freed is not
   * missed (it was: the loader joined a thread asleep for good). */
  for (;;)
    {
      gboolean stop;

      g_mutex_lock (&self->mutex);
      while (!self->stopping && !has_released_tree (self))
        g_cond_wait (&self->cond, &self->mutex);
      stop = self->stopping;
      g_mutex_unlock (&self->mutex);
      free_released (self);
      if (stop)
        break;
    }
  return NULL;
}

SgPackParses *
sg_pack_parses_start (const char * const *paths)
{
  SgPackParses *self = g_new0 (SgPackParses, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->n_parses = g_strv_length ((char **) paths);
  self->parses = g_new0 (Parse, self->n_parses);
  for (guint i = 0; i < self->n_parses; i++)
    {
      self->parses[i].path = g_strdup (paths[i]);
      self->parses[i].lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  self->thread = g_thread_new ("sg-pack-parse", parse_thread, self);
  return self;
}

JsonParser *
sg_pack_parses_get (SgPackParses  *self,
                    guint          i,
                    GHashTable   **lines,
                    GError       **error)
{
  Parse *p;

  g_return_val_if_fail (i < self->n_parses, NULL);

  p = &self->parses[i];
  g_mutex_lock (&self->mutex);
  while (!p->parsed)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  *lines = p->lines;
  if (p->parser == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&p->error));
      return NULL;
    }
  return p->parser;
}

void
sg_pack_parses_release (SgPackParses *self,
                        guint         i)
{
  g_return_if_fail (i < self->n_parses);

  g_mutex_lock (&self->mutex);
  self->parses[i].released = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

void
sg_pack_parses_free (SgPackParses *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->stopping = TRUE;
  for (guint i = 0; i < self->n_parses; i++)
    self->parses[i].released = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);

  for (guint i = 0; i < self->n_parses; i++)
    {
      g_free (self->parses[i].path);
      g_hash_table_unref (self->parses[i].lines);
      g_clear_object (&self->parses[i].parser);
      g_clear_error (&self->parses[i].error);
    }
  g_free (self->parses);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}
