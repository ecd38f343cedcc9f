/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "pw-engine-private.h"
#include "pw-json-util.h"
#include "pw-template.h"

/*
 * What a task run gets from its flow run: the parameters (checked against
 * the flow's declared types before any task starts), its templates
 * rendered, the items of a map, and results as the next tasks see them.
 */

/**
 * pw_engine_json_to_text:
 * @node: (nullable): a JSON value
 *
 * Returns: (transfer full): @node as a template inserts it: a string as
 *   it is, null as nothing, anything else as compact JSON
 */
char *
pw_engine_json_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return json_to_string (node, FALSE);
}

static JsonNode *
coerce (PwParameter *parameter,
        JsonNode    *value)
{
  JsonNode *parsed;

  /* `--param n=3` and a sub-flow's rendered `"{{ tasks.x.result }}"` give
   * strings; take one for the declared type when it is written in it. */
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  parsed = json_from_string (json_node_get_string (value), NULL);
  if (parsed != NULL && pw_parameter_accepts (parameter, parsed))
    return parsed;

  g_clear_pointer (&parsed, json_node_unref);
  return NULL;
}

/**
 * pw_engine_resolve_parameters:
 * @flow: the flow
 * @given: (nullable): the run's parameters, a JSON object
 * @out_parameters: (out): every parameter of the flow with its value
 * @error: return location for a #GError
 *
 * Checks the run's parameters against the flow's declarations and fills in
 * the defaults.
 *
 * Returns: %TRUE if every parameter has a value of its type
 */
gboolean
pw_engine_resolve_parameters (PwFlow      *flow,
                              const char  *given,
                              JsonObject **out_parameters,
                              GError     **error)
{
  g_autoptr(JsonObject) resolved = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  GListModel *parameters = pw_flow_get_parameters (flow);
  JsonObject *given_object = NULL;
  guint n = g_list_model_get_n_items (parameters);

  if (given != NULL && *given != '\0')
    {
      g_autoptr(GError) parse_error = NULL;

      root = json_from_string (given, &parse_error);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID,
                       _("The run's parameters are not a JSON object"));
          return FALSE;
        }
      given_object = json_node_get_object (root);
    }

  if (given_object != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, given_object);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        if (pw_flow_get_parameter (flow, name) == NULL)
          g_string_append_printf (problems, _("%sthe flow “%s” has no parameter “%s”"),
                                  problems->len > 0 ? "; " : "", pw_flow_get_name (flow), name);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwParameter) parameter = g_list_model_get_item (parameters, i);
      const char *name = pw_parameter_get_name (parameter);
      JsonNode *value = NULL;
      JsonNode *coerced = NULL;

      if (given_object != NULL && json_object_has_member (given_object, name))
        value = json_object_get_member (given_object, name);
      else
        value = pw_parameter_get_default (parameter);

      if (value == NULL)
        {
          g_string_append_printf (problems, _("%sparameter “%s” has no value and no default"),
                                  problems->len > 0 ? "; " : "", name);
          continue;
        }

      if (!pw_parameter_accepts (parameter, value))
        {
          coerced = coerce (parameter, value);
          if (coerced == NULL)
            {
              g_autofree char *text = json_to_string (value, FALSE);

              g_string_append_printf (problems, _("%sparameter “%s” must be %s, not %s (%s)"),
                                      problems->len > 0 ? "; " : "", name,
                                      pw_param_type_describe (pw_parameter_get_param_type (parameter)),
                                      pw_json_node_describe (value), text);
              continue;
            }
          json_object_set_member (resolved, name, coerced);
        }
      else
        {
          json_object_set_member (resolved, name, json_node_copy (value));
        }
    }

  if (problems->len > 0)
    {
      g_set_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID,
                   _("Invalid parameters: %s"), problems->str);
      return FALSE;
    }

  *out_parameters = g_steal_pointer (&resolved);
  return TRUE;
}

static char *
lookup (const PwTemplateRef  *ref,
        gpointer              user_data,
        GError              **error)
{
  PwEngineUnit *unit = user_data;
  PwEngineRun *run = unit->node->run;

  switch (ref->kind)
    {
    case PW_TEMPLATE_REF_PARAM:
      {
        JsonNode *value = json_object_get_member (run->parameters, ref->name);

        if (value == NULL)
          {
            g_set_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_LOOKUP,
                         _("the flow has no parameter “%s”"), ref->name);
            return NULL;
          }
        return pw_engine_json_to_text (value);
      }

    case PW_TEMPLATE_REF_TASK_RESULT:
      {
        int index = pw_flow_graph_lookup (run->graph, ref->name);
        PwEngineNode *node;

        if (index < 0)
          {
            g_set_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_LOOKUP,
                         _("the flow has no task “%s”"), ref->name);
            return NULL;
          }
        node = &run->nodes[index];
        if (node->status != PW_NODE_DONE)
          {
            g_set_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_LOOKUP,
                         _("task “%s” has not finished (is it upstream of this task?)"),
                         ref->name);
            return NULL;
          }
        return g_strdup (node->result != NULL ? node->result : "");
      }

    case PW_TEMPLATE_REF_ITEM:
      if (unit->item == NULL)
        {
          g_set_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_LOOKUP,
                       _("{{ item }} is only defined in a task with a map"));
          return NULL;
        }
      return g_strdup (unit->item);

    case PW_TEMPLATE_REF_FLOW_RUN_ID:
      return g_strdup (run->id);

    case PW_TEMPLATE_REF_FLOW_RUN_NAME:
      return g_strdup (pw_flow_run_get_name (run->flow_run));

    case PW_TEMPLATE_REF_FLOW_RUN_SCHEDULED_TIME:
      {
        GDateTime *time = pw_flow_run_get_expected_start_time (run->flow_run);

        if (time == NULL)
          time = pw_flow_run_get_start_time (run->flow_run);
        return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("");
      }

    default:
      g_set_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_SYNTAX,
                   _("unknown template expression"));
      return NULL;
    }
}

/**
 * pw_engine_render:
 * @unit: the task run the text belongs to
 * @text: a text with templates
 * @shell_quote: whether to single-quote each value for /bin/sh
 * @error: return location for a #GError
 *
 * Returns: (transfer full): @text with its templates replaced, or %NULL
 *   with @error set
 */
char *
pw_engine_render (PwEngineUnit  *unit,
                  const char    *text,
                  gboolean       shell_quote,
                  GError       **error)
{
  if (text == NULL)
    return NULL;
  if (!pw_template_has_refs (text))
    return g_strdup (text);

  return pw_template_render (text, lookup, unit,
                             shell_quote ? PW_TEMPLATE_QUOTE_SHELL : PW_TEMPLATE_QUOTE_NONE,
                             error);
}

static gboolean
render_member (PwEngineUnit  *unit,
               const char    *text,
               gboolean       shell_quote,
               char         **out,
               const char    *what,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *out = pw_engine_render (unit, text, shell_quote, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, PW_TEMPLATE_ERROR, local_error->code,
                   _("Could not render the %s: %s"), what, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
render_json (PwEngineUnit  *unit,
             JsonNode      *node,
             GError       **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) out = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          JsonNode *rendered = render_json (unit, member, error);

          if (rendered == NULL)
            return NULL;
          json_object_set_member (out, name, rendered);
        }
      return json_node_init_object (json_node_alloc (), out);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) out = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *rendered = render_json (unit, json_array_get_element (array, i), error);

          if (rendered == NULL)
            return NULL;
          json_array_add_element (out, rendered);
        }
      return json_node_init_array (json_node_alloc (), out);
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = pw_engine_render (unit, json_node_get_string (node), FALSE, error);

      if (text == NULL)
        return NULL;
      return json_node_init_string (json_node_alloc (), text);
    }

  return json_node_copy (node);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *strv)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static JsonNode *
build_inputs (PwEngineUnit *unit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  PwEngineNode *node = unit->node;
  PwFlowGraph *graph = node->run->graph;

  json_builder_begin_object (builder);
  add_strv (builder, "argv", (const char * const *)unit->argv);
  json_builder_set_member_name (builder, "http");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, unit->http_method != NULL ? unit->http_method : "");
  json_builder_add_string_value (builder, unit->http_url != NULL ? unit->http_url : "");
  json_builder_add_string_value (builder, unit->http_body != NULL ? unit->http_body : "");
  json_builder_end_array (builder);
  add_strv (builder, "headers", (const char * const *)unit->http_headers);
  json_builder_set_member_name (builder, "subflow_parameters");
  if (unit->subflow_parameters != NULL)
    json_builder_add_value (builder, json_node_copy (unit->subflow_parameters));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "item");
  if (unit->item != NULL)
    json_builder_add_string_value (builder, unit->item);
  else
    json_builder_add_null_value (builder);

  /* Upstream results, in graph order: a task may also read what its
   * upstream tasks left in files, which their results stand for. */
  json_builder_set_member_name (builder, "upstream");
  json_builder_begin_array (builder);
  for (guint i = graph->up_off[node->index]; i < graph->up_off[node->index + 1]; i++)
    {
      PwEngineNode *up = &node->run->nodes[graph->up[i]];

      json_builder_add_string_value (builder, pw_task_get_key (up->task));
      json_builder_add_string_value (builder, up->result != NULL ? up->result : "");
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * pw_engine_render_unit:
 * @unit: a task run about to be created
 * @out_inputs: (out) (optional): its rendered inputs, for the cache key
 * @error: return location for a #GError
 *
 * Renders what the task run will run, once: its argv, its request or its
 * sub-flow parameters.
 *
 * Returns: %TRUE if every template could be rendered
 */
gboolean
pw_engine_render_unit (PwEngineUnit  *unit,
                       JsonNode     **out_inputs,
                       GError       **error)
{
  PwTask *task = unit->node->task;

  switch (pw_task_get_kind (task))
    {
    case PW_TASK_KIND_COMMAND:
      {
        const char * const *command = pw_task_get_command (task);
        guint n = g_strv_length ((char **)command);

        unit->argv = g_new0 (char *, n + 1);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *what = g_strdup_printf (_("command argument %u"), i + 1);

            if (!render_member (unit, command[i], FALSE, &unit->argv[i], what, error))
              return FALSE;
          }
        if (n == 0 || *unit->argv[0] == '\0')
          {
            g_set_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID,
                         _("The command is empty"));
            return FALSE;
          }
      }
      break;

    case PW_TASK_KIND_SHELL:
      {
        g_autofree char *script = NULL;

        if (!render_member (unit, pw_task_get_script (task), TRUE, &script, _("script"), error))
          return FALSE;
        unit->argv = g_new0 (char *, 4);
        unit->argv[0] = g_strdup ("/bin/sh");
        unit->argv[1] = g_strdup ("-c");
        unit->argv[2] = g_steal_pointer (&script);
      }
      break;

    case PW_TASK_KIND_HTTP:
      {
        const char * const *headers = pw_task_get_headers (task);
        guint n = g_strv_length ((char **)headers);

        unit->http_method = g_strdup (pw_task_get_method (task));
        if (!render_member (unit, pw_task_get_url (task), FALSE, &unit->http_url, _("URL"), error) ||
            !render_member (unit, pw_task_get_body (task), FALSE, &unit->http_body, _("body"), error))
          return FALSE;
        unit->http_headers = g_new0 (char *, n + 1);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *what = NULL;

            if (i % 2 == 0)
              {
                unit->http_headers[i] = g_strdup (headers[i]);
                continue;
              }
            what = g_strdup_printf (_("header “%s”"), headers[i - 1]);
            if (!render_member (unit, headers[i], FALSE, &unit->http_headers[i], what, error))
              return FALSE;
          }
      }
      break;

    case PW_TASK_KIND_SUBFLOW:
      {
        JsonNode *parameters = pw_task_get_parameters (task);
        g_autoptr(GError) local_error = NULL;

        if (parameters != NULL)
          {
            unit->subflow_parameters = render_json (unit, parameters, &local_error);
            if (unit->subflow_parameters == NULL)
              {
                g_set_error (error, PW_TEMPLATE_ERROR, local_error->code,
                             _("Could not render the sub-flow parameters: %s"),
                             local_error->message);
                return FALSE;
              }
          }
      }
      break;

    case PW_TASK_KIND_NOOP:
    default:
      break;
    }

  if (out_inputs != NULL)
    *out_inputs = build_inputs (unit);

  return TRUE;
}

/**
 * pw_engine_split_items:
 * @text: the rendered `map` of a task
 *
 * Returns: (transfer full) (element-type utf8): the items: the elements of
 *   a JSON array (strings as they are, other values as JSON), else one per
 *   non-blank line
 */
GPtrArray *
pw_engine_split_items (const char *text)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) root = NULL;
  const char *p = text;

  while (g_ascii_isspace (*p))
    p++;

  if (*p == '[')
    root = json_from_string (text, NULL);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (items, pw_engine_json_to_text (json_array_get_element (array, i)));
      return g_steal_pointer (&items);
    }

  for (p = text; *p != '\0';)
    {
      const char *end = strchr (p, '\n');
      gsize len = end != NULL ? (gsize)(end - p) : strlen (p);
      g_autofree char *line = g_strndup (p, len);

      g_strstrip (line);
      if (*line != '\0')
        g_ptr_array_add (items, g_steal_pointer (&line));
      p += len;
      if (*p == '\n')
        p++;
    }

  return g_steal_pointer (&items);
}

/**
 * pw_engine_join_results:
 * @node: a mapped task whose items have all ended
 *
 * Returns: (transfer full): the items' results as one JSON array, in item
 *   order: a result that is JSON is kept as a value, any other as a
 *   string, a missing one as null
 */
char *
pw_engine_join_results (PwEngineNode *node)
{
  g_autoptr(JsonArray) array = json_array_sized_new (node->units->len);
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; i < node->units->len; i++)
    {
      PwEngineUnit *unit = g_ptr_array_index (node->units, i);
      JsonNode *element = NULL;

      if (unit->result == NULL)
        element = json_node_new (JSON_NODE_NULL);
      else
        {
          element = json_from_string (unit->result, NULL);
          if (element == NULL)
            element = json_node_init_string (json_node_alloc (), unit->result);
        }
      json_array_add_element (array, element);
    }

  root = json_node_init_array (json_node_alloc (), array);
  return json_to_string (root, FALSE);
}

/**
 * pw_engine_read_result_file:
 * @path: the file named by `$PIPEWRIGHT_RESULT`
 * @out_found: (out): whether the task wrote something in it
 *
 * Reads at most a little more than the store keeps (the store cuts and
 * marks the rest) and drops the final newlines. The engine creates the
 * file empty before the task starts; a file still empty means the task
 * left its result to its standard output.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL if the task
 *   wrote nothing
 */
char *
pw_engine_read_result_file (const char *path,
                            gboolean   *out_found)
{
  gsize cap = PW_STORE_MAX_RESULT_SIZE + 4;
  g_autofree char *buffer = NULL;
  struct stat info;
  gsize length = 0;
  gsize size;
  int fd;

  *out_found = FALSE;
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &info) != 0 || info.st_size <= 0)
    {
      close (fd);
      return NULL;
    }

  size = MIN ((gsize)info.st_size, cap);
  buffer = g_malloc (size + 1);
  while (length < size)
    {
      ssize_t n = read (fd, buffer + length, size - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      length += n;
    }
  close (fd);

  while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
    length--;
  buffer[length] = '\0';

  *out_found = TRUE;
  return g_steal_pointer (&buffer);
}
