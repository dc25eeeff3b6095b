/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Typed reads from json-glib that answer NULL or a fallback for a member of the wrong kind.
 * json-glib's own getters print a critical warning then (an object where a name belongs, a
 * list where a number does), which a hand-edited or damaged rule pack must not cause: the
 * loader says what is wrong instead. Found by fuzzing the pack loader. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @node if it holds a value of @type (G_TYPE_STRING, G_TYPE_INT64 …), else NULL. */
static inline JsonNode *
sg_json_value (JsonNode *node,
               GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == type ? node : NULL;
}

/* The string at @index of @array, or NULL when it is anything else: an object or a list there
 * would make json_array_get_string_element() complain on the terminal (found by fuzzing). */
static inline const char *
sg_json_array_string (JsonArray *array,
                      guint      index)
{
  JsonNode *node = sg_json_value (json_array_get_element (array, index), G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

/* The string at @member, or NULL when it is missing or anything else. */
static inline const char *
sg_json_object_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = sg_json_value (json_object_get_member (object, member), G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

static inline JsonArray *
sg_json_object_array (JsonObject *object,
                      const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static inline JsonObject *
sg_json_object_object (JsonObject *object,
                       const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A number (integer or not) at @member: TRUE and *value set, or FALSE. */
static inline gboolean
sg_json_object_number (JsonObject *object,
                       const char *member,
                       double     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (sg_json_value (node, G_TYPE_INT64) == NULL && sg_json_value (node, G_TYPE_DOUBLE) == NULL)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

/* An integer at @member, or @fallback when it is missing or not an integer. */
static inline gint64
sg_json_object_int (JsonObject *object,
                    const char *member,
                    gint64      fallback)
{
  JsonNode *node = sg_json_value (json_object_get_member (object, member), G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : fallback;
}

/* A true or false at @member, or @fallback when it is missing or anything else. */
static inline gboolean
sg_json_object_boolean (JsonObject *object,
                        const char *member,
                        gboolean    fallback)
{
  JsonNode *node = sg_json_value (json_object_get_member (object, member), G_TYPE_BOOLEAN);

  return node != NULL ? json_node_get_boolean (node) : fallback;
}

G_END_DECLS
