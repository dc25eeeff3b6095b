/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For tests/tools/train-model.py: reads {"id", "text"} lines and writes {"id", "features"}
 * lines with the features the engine's models read, so training sees drafts exactly as the
 * app does. Output goes to the caller only. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "sg-analyzer-private.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = sg_rule_pack_load (NULL, &error);
  g_autoptr(SgAnalyzer) analyzer = NULL;
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
  char *line = NULL;

  if (pack == NULL)
    g_error ("%s", error->message);
  analyzer = sg_analyzer_new (pack);

  while (g_io_channel_read_line (in, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GHashTable) features = NULL;
      g_autofree char *out = NULL;
      g_autoptr(GList) keys = NULL;
      JsonObject *post;

      if (!json_parser_load_from_data (parser, line, -1, NULL))
        {
          g_free (line);
          continue;
        }
      g_free (line);
      post = json_node_get_object (json_parser_get_root (parser));
      features = sg_analyzer_features (analyzer, json_object_get_string_member (post, "text"));
      keys = g_list_sort (g_hash_table_get_keys (features), (GCompareFunc) g_strcmp0);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, json_object_get_string_member (post, "id"));
      json_builder_set_member_name (builder, "features");
      json_builder_begin_array (builder);
      for (GList *l = keys; l != NULL; l = l->next)
        json_builder_add_string_value (builder, l->data);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (gen, root);
      out = json_generator_to_data (gen, NULL);
      puts (out);
    }
  return 0;
}
