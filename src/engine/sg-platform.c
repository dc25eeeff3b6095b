/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sg-error.h"
#include "sg-platform.h"

static GPtrArray *catalogue;   /* of SgPlatform* */
static const char **catalogue_ids;
static GError *catalogue_error;

const char *
sg_get_data_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("SG_DATA_DIR");
      g_autofree char *installed = g_build_filename (PKGDATADIR, "rules", NULL);
      char *found;

      if (env != NULL && *env != '\0')
        found = g_strdup (env);
      else if (g_file_test (installed, G_FILE_TEST_IS_DIR))
        found = g_strdup (PKGDATADIR);
      else
        found = g_strdup (SOURCE_DATADIR);

      g_once_init_leave (&dir, found);
    }

  return dir;
}

static gboolean
parse_counting (const char *str,
                SgCounting *out)
{
  if (g_strcmp0 (str, "code-points") == 0)
    *out = SG_COUNTING_CODE_POINTS;
  else if (g_strcmp0 (str, "graphemes") == 0)
    *out = SG_COUNTING_GRAPHEMES;
  else if (g_strcmp0 (str, "x-weighted") == 0)
    *out = SG_COUNTING_X_WEIGHTED;
  else
    return FALSE;
  return TRUE;
}

static gboolean
load_catalogue (GError **error)
{
  g_autofree char *path = g_build_filename (sg_get_data_dir (), "platforms.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) platforms = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  JsonObject *root;
  JsonArray *array;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;

  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
           ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  array = root != NULL && json_object_has_member (root, "platforms")
            ? json_object_get_array_member (root, "platforms") : NULL;
  if (array == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                   _("%s: expected an object with a “platforms” array"), path);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      SgPlatform *p;

      if (o == NULL)
        goto bad;

      p = g_new0 (SgPlatform, 1);
      p->id = g_strdup (json_object_get_string_member_with_default (o, "id", NULL));
      p->name = g_strdup (json_object_get_string_member_with_default (o, "name", NULL));
      /* The name is shown ("Blog", "WhatsApp group"): translated like the rest of data/. */
      if (p->name != NULL && *p->name != '\0')
        {
          char *translated = g_strdup (g_dgettext (GETTEXT_PACKAGE, p->name));

          g_free (p->name);
          p->name = translated;
        }
      p->limit = json_object_get_int_member_with_default (o, "limit", 0);
      p->url_length = json_object_get_int_member_with_default (o, "url-length", 0);
      p->catalogue_limit = p->limit;
      p->catalogue_url_length = p->url_length;
      p->share_url = g_strdup (json_object_get_string_member_with_default (o, "share-url", NULL));
      if (p->id == NULL || p->name == NULL ||
          !sg_audience_from_string (json_object_get_string_member_with_default (o, "audience", NULL),
                                    &p->audience) ||
          !parse_counting (json_object_get_string_member_with_default (o, "counting", NULL),
                           &p->counting))
        goto bad;

      g_ptr_array_add (platforms, p);
      g_ptr_array_add (ids, p->id);
      continue;

    bad:
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                   _("%s: platform %u is incomplete or has an unknown audience or counting"),
                   path, i + 1);
      return FALSE;
    }

  g_ptr_array_add (ids, NULL);
  catalogue = g_steal_pointer (&platforms);
  catalogue_ids = (const char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  return TRUE;
}

static void
ensure_catalogue (void)
{
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      load_catalogue (&catalogue_error);
      g_once_init_leave (&loaded, 1);
    }
}

const SgPlatform *
sg_platform_lookup (const char  *id,
                    GError     **error)
{
  ensure_catalogue ();

  if (catalogue == NULL)
    {
      g_propagate_error (error, g_error_copy (catalogue_error));
      return NULL;
    }

  for (guint i = 0; i < catalogue->len; i++)
    {
      const SgPlatform *p = g_ptr_array_index (catalogue, i);
      if (g_strcmp0 (p->id, id) == 0)
        return p;
    }

  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
               _("Unknown platform “%s”. Known platforms: %s"), id,
               "x, mastodon, bluesky, threads, linkedin, facebook, instagram, tiktok, blog, "
               "whatsapp, forum");
  return NULL;
}

void
sg_platform_set_limits (const char *id,
                        guint       limit,
                        guint       url_length)
{
  SgPlatform *platform;

  g_return_if_fail (id != NULL);

  /* The catalogue hands out const pointers for its whole life; only these two numbers move. */
  platform = (SgPlatform *) sg_platform_lookup (id, NULL);
  if (platform == NULL)
    return;
  g_atomic_int_set ((gint *) &platform->limit,
                    (gint) (limit > 0 ? limit : platform->catalogue_limit));
  g_atomic_int_set ((gint *) &platform->url_length,
                    (gint) (url_length > 0 ? url_length : platform->catalogue_url_length));
}

const char * const *
sg_platform_list_ids (void)
{
  static const char * const empty[] = { NULL };

  ensure_catalogue ();
  return catalogue_ids != NULL ? catalogue_ids : empty;
}
