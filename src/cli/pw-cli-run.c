/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "pw-cli-private.h"
#include "pw-flow.h"
#include "pw-flow-file.h"
#include "pw-parameter.h"
#include "pw-problem.h"

static JsonNode *
parse_value (PwParameter  *parameter,
             const char   *text,
             GError      **error)
{
  PwParamType type = pw_parameter_get_param_type (parameter);
  const char *name = pw_parameter_get_name (parameter);
  JsonNode *node = NULL;

  switch (type)
    {
    case PW_PARAM_TYPE_STRING:
      return json_node_init_string (json_node_alloc (), text);

    case PW_PARAM_TYPE_INT:
      {
        gint64 value;

        if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
          break;
        return json_node_init_int (json_node_alloc (), value);
      }

    case PW_PARAM_TYPE_FLOAT:
      {
        char *end = NULL;
        double value = g_ascii_strtod (text, &end);

        if (*text == '\0' || end == NULL || *end != '\0')
          break;
        return json_node_init_double (json_node_alloc (), value);
      }

    case PW_PARAM_TYPE_BOOL:
      if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1") ||
          g_ascii_strcasecmp (text, "yes") == 0)
        return json_node_init_boolean (json_node_alloc (), TRUE);
      if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0") ||
          g_ascii_strcasecmp (text, "no") == 0)
        return json_node_init_boolean (json_node_alloc (), FALSE);
      break;

    case PW_PARAM_TYPE_LIST:
      node = json_from_string (text, NULL);
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        return node;
      g_clear_pointer (&node, json_node_unref);
      {
        /* a,b,c: a list of strings */
        g_auto(GStrv) items = g_strsplit (text, ",", -1);
        JsonArray *array = json_array_new ();

        for (guint i = 0; items[i] != NULL; i++)
          {
            g_strstrip (items[i]);
            if (*items[i] != '\0')
              json_array_add_string_element (array, items[i]);
          }
        return json_node_init_array (json_node_alloc (), array);
      }

    case PW_PARAM_TYPE_JSON:
      {
        g_autoptr(GError) local_error = NULL;

        node = json_from_string (text, &local_error);
        if (node != NULL)
          return node;
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("parameter “%s” must be JSON: %s"), name, local_error->message);
        return NULL;
      }

    default:
      break;
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("parameter “%s” must be %s, not “%s”"),
               name, pw_param_type_describe (type), text);
  return NULL;
}

/**
 * pw_cli_parse_params:
 * @flow: the flow whose parameters are set
 * @assignments: (nullable): `NAME=VALUE` strings from --param
 *
 * Returns: (transfer full): a JSON object of the values, typed as the flow
 *   declares them, or %NULL with @error set
 */
char *
pw_cli_parse_params (PwFlow   *flow,
                     char    **assignments,
                     GError  **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i++)
    {
      const char *eq = strchr (assignments[i], '=');
      g_autofree char *name = NULL;
      PwParameter *parameter;
      JsonNode *value;

      if (eq == NULL || eq == assignments[i])
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--param “%s” is not of the form NAME=VALUE"), assignments[i]);
          return NULL;
        }

      name = g_strndup (assignments[i], eq - assignments[i]);
      parameter = pw_flow_get_parameter (flow, name);
      if (parameter == NULL)
        {
          g_autoptr(GString) known = g_string_new (NULL);
          GListModel *parameters = pw_flow_get_parameters (flow);

          for (guint p = 0; p < g_list_model_get_n_items (parameters); p++)
            {
              g_autoptr(PwParameter) each = g_list_model_get_item (parameters, p);
              g_string_append_printf (known, "%s%s", p > 0 ? ", " : "", pw_parameter_get_name (each));
            }
          if (known->len > 0)
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("flow “%s” has no parameter “%s” (it has: %s)"),
                         pw_flow_get_name (flow), name, known->str);
          else
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("flow “%s” has no parameters, so “%s” cannot be set"),
                         pw_flow_get_name (flow), name);
          return NULL;
        }

      value = parse_value (parameter, eq + 1, error);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, name, value);
    }

  root = json_node_init_object (json_node_alloc (), object);
  return json_to_string (root, FALSE);
}

/* Imports (or updates) a flow file so the run points at a stored version. */
static PwFlow *
import_file (PwBackend   *backend,
             const char  *path,
             int         *status)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  GAsyncResult *slot = NULL;

  flow = pw_flow_file_load_path (path, &problems, &error);
  if (flow == NULL)
    {
      if (problems != NULL && problems->len > 0)
        for (guint i = 0; i < problems->len; i++)
          {
            g_autofree char *line = pw_problem_to_string (g_ptr_array_index (problems, i));
            fprintf (stderr, "%s: %s\n", path, line);
          }
      else
        fprintf (stderr, "%s: %s\n", path, error->message);
      *status = PW_CLI_EXIT_USAGE;
      return NULL;
    }

  pw_backend_save_flow_async (backend, flow, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  info = pw_backend_save_flow_finish (backend, result, &error);
  if (info == NULL)
    {
      fprintf (stderr, "%s: %s\n", path, error->message);
      *status = PW_CLI_EXIT_FAILED;
      return NULL;
    }

  return g_steal_pointer (&flow);
}

static PwFlow *
get_flow (PwBackend   *backend,
          const char  *name,
          int         *status)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  PwFlow *flow;

  pw_backend_get_flow_async (backend, name, 0, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  flow = pw_backend_get_flow_finish (backend, result, &error);
  if (flow == NULL)
    {
      fprintf (stderr, _("%s: no flow file or stored flow named “%s” (%s)\n"),
               g_get_prgname (), name, error->message);
      *status = PW_CLI_EXIT_USAGE;
    }
  return flow;
}

int
pw_cli_run (PwCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = NULL;
  g_auto(GStrv) params = NULL;
  GAsyncResult *slot = NULL;
  gboolean json = FALSE;
  int status = PW_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &params, N_("Set a parameter (repeatable)"), N_("NAME=VALUE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the finished run as JSON instead of progress"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (_("FILE|FLOW"),
                                   _("Run a flow here and now, from a flow file (imported or\n"
                                     "updated first) or a stored flow by name.\n\n"
                                     "Exit status: 0 Completed; 1 Failed, Crashed or TimedOut;\n"
                                     "2 bad usage or an invalid flow; 3 cancelled from elsewhere;\n"
                                     "130 after Ctrl+C cancelled the run."),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (cli, context, _("give one flow file or flow name"));

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    flow = import_file (backend, argv[1], &status);
  else
    flow = get_flow (backend, argv[1], &status);
  if (flow == NULL)
    return status;

  parameters = pw_cli_parse_params (flow, params, &error);
  if (parameters == NULL)
    return pw_cli_usage_error (cli, context, "%s", error->message);

  pw_backend_run_flow_async (backend, pw_flow_get_name (flow), 0, parameters, NULL,
                             pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  run = pw_backend_run_flow_finish (backend, result, &error);
  if (run == NULL)
    {
      fprintf (stderr, "%s: %s\n", cli->prgname, error->message);
      return PW_CLI_EXIT_USAGE;
    }

  return pw_cli_follow_run (backend, run, json);
}
