/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-pane"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-flow-pane-private.h"

/*
 * The flow pane's values: a parameter's default as typed (a string as
 * it is, anything else as JSON) and back, checked against its type, in
 * words for the row that shows the error.
 */

G_DEFINE_QUARK (pw-flow-pane-error-quark, pw_flow_pane_error)

/**
 * _pw_flow_pane_parse_default:
 * @type: the parameter's type
 * @text: what was typed: a string as it is, anything else as JSON
 *
 * Returns: (transfer full) (nullable): the default, %NULL for none (empty
 *   text: the value must then be given for each run) or with @error set
 */
JsonNode *
_pw_flow_pane_parse_default (PwParamType   type,
                             const char   *text,
                             GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  JsonNode *node;

  if (*trimmed == '\0')
    return NULL;

  switch (type)
    {
    case PW_PARAM_TYPE_STRING:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
      return node;

    case PW_PARAM_TYPE_INT:
      {
        gint64 value;

        if (!g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &value, NULL))
          {
            g_set_error (error, PW_FLOW_PANE_ERROR, 0, _("“%s” is not a whole number"), trimmed);
            return NULL;
          }
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_int (node, value);
        return node;
      }

    case PW_PARAM_TYPE_FLOAT:
      {
        char *end = NULL;
        double value = g_ascii_strtod (trimmed, &end);

        if (end == NULL || *end != '\0' || !isfinite (value))
          {
            g_set_error (error, PW_FLOW_PANE_ERROR, 0, _("“%s” is not a number"), trimmed);
            return NULL;
          }
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_double (node, value);
        return node;
      }

    case PW_PARAM_TYPE_BOOL:
      if (g_ascii_strcasecmp (trimmed, "true") != 0 && g_ascii_strcasecmp (trimmed, "false") != 0)
        {
          g_set_error (error, PW_FLOW_PANE_ERROR, 0, _("Write true or false, not “%s”"), trimmed);
          return NULL;
        }
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, g_ascii_strcasecmp (trimmed, "true") == 0);
      return node;

    case PW_PARAM_TYPE_LIST:
    case PW_PARAM_TYPE_JSON:
    default:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autoptr(GError) local_error = NULL;

        if (!json_parser_load_from_data (parser, trimmed, -1, &local_error) ||
            (type == PW_PARAM_TYPE_LIST && !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser))))
          {
            if (type == PW_PARAM_TYPE_LIST)
              g_set_error_literal (error, PW_FLOW_PANE_ERROR, 0,
                                   _("Write a JSON list, such as [\"a\", \"b\"]"));
            else
              g_set_error (error, PW_FLOW_PANE_ERROR, 0, _("This is not JSON: %s"), local_error->message);
            return NULL;
          }
        return json_node_copy (json_parser_get_root (parser));
      }
    }
}

/**
 * _pw_flow_pane_default_to_text:
 *
 * Returns: (transfer full): @value as the pane shows it: a string as it
 *   is, anything else as JSON, nothing for none
 */
char *
_pw_flow_pane_default_to_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

gboolean
_pw_flow_pane_node_equal (JsonNode *a,
                          JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

gboolean
_pw_flow_pane_is_identifier (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (*name) || *name == '_'))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

const char *
_pw_flow_pane_type_label (PwParamType type)
{
  switch (type)
    {
    case PW_PARAM_TYPE_STRING:
      return _("Text");
    case PW_PARAM_TYPE_INT:
      return _("Whole number");
    case PW_PARAM_TYPE_FLOAT:
      return _("Number");
    case PW_PARAM_TYPE_BOOL:
      return _("True or false");
    case PW_PARAM_TYPE_LIST:
      return _("List (JSON)");
    case PW_PARAM_TYPE_JSON:
    default:
      return _("Any JSON value");
    }
}

