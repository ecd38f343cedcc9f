/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-json-util"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-json-util.h"

static JsonNode *
deep_copy (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *src = json_node_get_object (node);
        g_autoptr(JsonObject) dst = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, src);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (dst, name, deep_copy (member));

        return json_node_init_object (json_node_alloc (), dst);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *src = json_node_get_array (node);
        guint n = json_array_get_length (src);
        g_autoptr(JsonArray) dst = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (dst, deep_copy (json_array_get_element (src, i)));

        return json_node_init_array (json_node_alloc (), dst);
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/**
 * pw_json_node_dup_sealed:
 * @node: (nullable): a #JsonNode
 *
 * Makes an immutable deep copy of @node, so that a model object can keep a
 * JSON value that no caller can change behind its back. A node that is
 * already sealed is shared rather than copied.
 *
 * Returns: (transfer full) (nullable): a sealed node, or %NULL if @node is %NULL
 */
JsonNode *
pw_json_node_dup_sealed (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  if (json_node_is_immutable (node))
    return json_node_ref (node);

  copy = deep_copy (node);
  json_node_seal (copy);

  return copy;
}

/**
 * pw_json_node_describe:
 * @node: (nullable): a #JsonNode
 *
 * Names the JSON type of @node the way an error message says it: "a string",
 * "an integer", "a number", "a boolean", "an array", "an object" or "null".
 *
 * Returns: a translated static string
 */
const char *
pw_json_node_describe (JsonNode *node)
{
  if (node == NULL)
    return _("nothing");

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_INT64:
      return _("an integer");
    case G_TYPE_DOUBLE:
      return _("a number");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    default:
      return _("a value");
    }
}

/**
 * pw_json_node_equal0:
 * @a: (nullable): a #JsonNode
 * @b: (nullable): a #JsonNode
 *
 * Like json_node_equal(), but %NULL equals %NULL.
 *
 * Returns: %TRUE if @a and @b hold the same JSON value
 */
gboolean
pw_json_node_equal0 (JsonNode *a,
                     JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return json_node_equal (a, b);
}
