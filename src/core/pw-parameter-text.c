/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-parameter.h"

/*
 * Parameter values as people type them: a string as it is, anything else
 * as JSON, checked against the parameter's type, with the problem in words
 * (the run dialog, the deployment editor and the flow pane's defaults).
 */

G_DEFINE_QUARK (pw-parameter-error-quark, pw_parameter_error)

/**
 * pw_parameter_value_to_text:
 * @value: (nullable): a parameter value
 *
 * Returns: (transfer full): @value as people read and type it: a string
 *   as it is, anything else as JSON; empty for none
 */
char *
pw_parameter_value_to_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));

  return json_to_string (value, FALSE);
}

/**
 * pw_parameter_parse_text:
 * @type: the parameter's type
 * @text: what was typed
 * @required: whether an empty value is an error (no default)
 *
 * Returns: (transfer full) (nullable): the value, %NULL for an empty,
 *   optional one (the default applies) or with @error set, in words for
 *   the row that shows the error
 */
JsonNode *
pw_parameter_parse_text (PwParamType   type,
                         const char   *text,
                         gboolean      required,
                         GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  JsonNode *node;

  if (type == PW_PARAM_TYPE_STRING)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text != NULL ? text : "");
      return node;
    }

  if (*trimmed == '\0')
    {
      if (required)
        g_set_error_literal (error, PW_PARAMETER_ERROR, PW_PARAMETER_ERROR_INVALID, _("This parameter needs a value"));
      return NULL;
    }

  switch (type)
    {
    case PW_PARAM_TYPE_INT:
      {
        gint64 value;

        if (!g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &value, NULL))
          {
            g_set_error (error, PW_PARAMETER_ERROR, PW_PARAMETER_ERROR_INVALID, _("“%s” is not a whole number"), trimmed);
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
            g_set_error (error, PW_PARAMETER_ERROR, PW_PARAMETER_ERROR_INVALID, _("“%s” is not a number"), trimmed);
            return NULL;
          }
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_double (node, value);
        return node;
      }

    case PW_PARAM_TYPE_BOOL:
      if (g_ascii_strcasecmp (trimmed, "true") == 0 || g_ascii_strcasecmp (trimmed, "false") == 0)
        {
          node = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (node, g_ascii_strcasecmp (trimmed, "true") == 0);
          return node;
        }
      g_set_error (error, PW_PARAMETER_ERROR, PW_PARAMETER_ERROR_INVALID, _("Write true or false, not “%s”"), trimmed);
      return NULL;

    case PW_PARAM_TYPE_LIST:
    case PW_PARAM_TYPE_JSON:
    default:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autoptr(GError) local_error = NULL;

        if (!json_parser_load_from_data (parser, trimmed, -1, &local_error))
          {
            if (type == PW_PARAM_TYPE_LIST)
              g_set_error_literal (error, PW_PARAMETER_ERROR, PW_PARAMETER_ERROR_INVALID,
                                   _("Write a JSON list, such as [\"a\", \"b\"]"));
            else
              g_set_error (error, PW_PARAMETER_ERROR, PW_PARAMETER_ERROR_INVALID, _("This is not JSON: %s"), local_error->message);
            return NULL;
          }

        if (type == PW_PARAM_TYPE_LIST && !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
          {
            g_set_error_literal (error, PW_PARAMETER_ERROR, PW_PARAMETER_ERROR_INVALID,
                                 _("Write a JSON list, such as [\"a\", \"b\"]"));
            return NULL;
          }

        return json_node_copy (json_parser_get_root (parser));
      }
    }
}
