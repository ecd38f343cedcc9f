/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-pane-private.h"

/*
 * The flow pane's values: a parameter's default as typed (a string as
 * it is, anything else as JSON) and back, checked against its type, in
 * words for the row that shows the error.
 */

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

  if (*trimmed == '\0')
    return NULL;
  return pw_parameter_parse_text (type, text, FALSE, error);
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
  return pw_parameter_value_to_text (value);
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

