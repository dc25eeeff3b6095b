/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sg-checklist.h"
#include "sg-error.h"
#include "sg-platform.h"

/* What the checklist tells the user is looked up in the app's translations;
 * build-aux/extract-data-strings.py puts the same strings in the template. */
static char *
tr (const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? g_dgettext (GETTEXT_PACKAGE, text) : text);
}

static const char * const topics[] = {
  "audience", "default-audience", "findability", "requests", "tagging", "location",
  "old-posts", "search-engines", "contact-details", "real-name", "separation",
  "third-party-apps", "two-factor", "passwords", NULL
};

static const char * const item_keys[] = {
  "id", "topic", "title", "why", "citations", "steps", "settings_url", "conservative", NULL
};

static const struct {
  const char *id;
  const char *title;
} sources[] = {
  { "gmc-2013", "GMC 2013" }, { "gmc-2024", "GMC 2024" }, { "bma", "BMA" }, { "mddus", "MDDUS" },
  { "clin-med-2016", "Clin Med 2016" }, { "confidentiality", "GMC Confidentiality" },
};

const char * const *
sg_checklist_topics (void)
{
  return topics;
}

static void
item_free (SgChecklistItem *item)
{
  g_free (item->id);
  g_free (item->topic);
  g_free (item->title);
  g_free (item->why);
  g_strfreev (item->citations);
  g_strfreev (item->steps);
  g_free (item->settings_url);
  g_free (item->conservative);
  g_free (item);
}

void
sg_checklist_free (SgChecklist *checklist)
{
  if (checklist == NULL)
    return;
  g_free (checklist->platform);
  g_free (checklist->name);
  g_clear_pointer (&checklist->items, g_ptr_array_unref);
  g_free (checklist);
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
fail (GError     **error,
      const char  *path,
      guint        item,
      const char  *what)
{
  if (item > 0)
    g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, _("%s: item %u: %s"), path, item, what);
  else
    g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, "%s: %s", path, what);
  return FALSE;
}

static gboolean
load_item (SgChecklist  *self,
           JsonObject   *o,
           const char   *path,
           guint         n,
           GHashTable   *ids,
           GError      **error)
{
  g_autoptr(GList) members = json_object_get_members (o);
  g_autoptr(GStrvBuilder) citations = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) steps = g_strv_builder_new ();
  g_autofree char *prefix = g_strconcat (self->platform, ".", NULL);
  SgChecklistItem *item;
  JsonArray *cites, *step_list;
  const char *id;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (item_keys, l->data))
      {
        g_autofree char *msg = g_strdup_printf (_("unknown key “%s”"), (const char *) l->data);
        return fail (error, path, n, msg);
      }

  id = string_member (o, "id");
  if (id == NULL || !g_str_has_prefix (id, prefix) || g_hash_table_contains (ids, id))
    return fail (error, path, n, _("the id must be unique and start with the platform"));
  if (!g_strv_contains (topics, string_member (o, "topic") ? string_member (o, "topic") : ""))
    return fail (error, path, n, _("unknown topic"));
  if (string_member (o, "title") == NULL || string_member (o, "why") == NULL ||
      string_member (o, "conservative") == NULL)
    return fail (error, path, n, _("needs a title, why and conservative answer"));

  cites = json_object_has_member (o, "citations") ? json_object_get_array_member (o, "citations") : NULL;
  if (cites == NULL || json_array_get_length (cites) < 1 || json_array_get_length (cites) > 3)
    return fail (error, path, n, _("needs one to three citations"));
  for (guint i = 0; i < json_array_get_length (cites); i++)
    {
      JsonObject *c = json_array_get_object_element (cites, i);
      const char *source = c ? string_member (c, "source") : NULL;
      const char *paragraph = c ? string_member (c, "paragraph") : NULL;
      const char *title = NULL;

      for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
        if (g_strcmp0 (source, sources[s].id) == 0)
          title = sources[s].title;
      if (title == NULL || paragraph == NULL)
        return fail (error, path, n, _("a citation needs a known source and a paragraph"));

      {
        g_autofree char *text = g_ascii_isdigit (paragraph[0])
                                ? g_strdup_printf ("%s ¶%s", title, paragraph)
                                : g_strdup_printf ("%s: %s", title, paragraph);
        g_strv_builder_add (citations, text);
      }
    }

  step_list = json_object_has_member (o, "steps") ? json_object_get_array_member (o, "steps") : NULL;
  if (step_list == NULL || json_array_get_length (step_list) < 2 || json_array_get_length (step_list) > 5)
    return fail (error, path, n, _("needs two to five steps"));
  for (guint i = 0; i < json_array_get_length (step_list); i++)
    {
      const char *step = json_array_get_string_element (step_list, i);
      if (step == NULL)
        return fail (error, path, n, _("a step must be text"));
      g_strv_builder_add (steps, *step != '\0' ? g_dgettext (GETTEXT_PACKAGE, step) : step);
    }

  item = g_new0 (SgChecklistItem, 1);
  item->id = g_strdup (id);
  item->topic = g_strdup (string_member (o, "topic"));
  item->title = tr (string_member (o, "title"));
  item->why = tr (string_member (o, "why"));
  item->conservative = tr (string_member (o, "conservative"));
  item->settings_url = g_strdup (string_member (o, "settings_url"));
  item->citations = g_strv_builder_end (citations);
  item->steps = g_strv_builder_end (steps);
  g_ptr_array_add (self->items, item);
  g_hash_table_add (ids, item->id);
  return TRUE;
}

SgChecklist *
sg_checklist_load_file (const char  *path,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SgChecklist) self = g_new0 (SgChecklist, 1);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonArray *items;

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      fail (error, path, 0, local_error->message);
      return NULL;
    }
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (root == NULL || string_member (root, "platform") == NULL ||
      string_member (root, "name") == NULL || !json_object_has_member (root, "items"))
    {
      fail (error, path, 0, _("expected an object with platform, name and items"));
      return NULL;
    }

  self->platform = g_strdup (string_member (root, "platform"));
  self->name = tr (string_member (root, "name"));
  items = json_object_get_array_member (root, "items");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);

      if (o == NULL)
        {
          fail (error, path, i + 1, _("not an object"));
          return NULL;
        }
      if (!load_item (self, o, path, i + 1, ids, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

SgChecklist *
sg_checklist_load (const char  *platform,
                   GError     **error)
{
  g_autofree char *file = g_strconcat (platform, ".json", NULL);
  g_autofree char *path = g_build_filename (sg_get_data_dir (), "checklists", file, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_free (path);
      path = g_build_filename (sg_get_data_dir (), "checklists", "general.json", NULL);
    }
  return sg_checklist_load_file (path, error);
}
