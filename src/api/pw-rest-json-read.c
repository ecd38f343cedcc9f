/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-backend.h"
#include "pw-rest-json.h"

/*
 * Prefect JSON → records: what the remote backend makes of a server's
 * answers (Pipewright's or Prefect's), and what the server makes of a
 * state in a request. Members the records have no place for are dropped;
 * a member of the wrong type is an error.
 */

/**
 * pw_rest_member_string:
 *
 * Returns: (nullable): the string member @name, or %NULL if it is missing,
 *   null or not a string
 */
const char *
pw_rest_member_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

double
pw_rest_member_double (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return 0;
    }
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64)json_node_get_double (node);
  return 0;
}

static gboolean
member_bool (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gboolean
member_is_null (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/**
 * pw_rest_member_strv:
 *
 * Reads a list of strings. A missing or null member is %NULL; anything
 * else that is not a list of strings is a problem at @loc.
 */
GStrv
pw_rest_member_strv (JsonObject     *object,
                     const char     *name,
                     const char     *loc,
                     PwRestProblems *problems)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pw_rest_problems_add (problems, loc, "type_error.list", "value is not a valid list");
      return NULL;
    }

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_autofree char *at = g_strdup_printf ("%s.%u", loc, i);

          pw_rest_problems_add (problems, at, "type_error.str", "str type expected");
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

/**
 * pw_rest_member_time:
 *
 * Reads a datetime member; missing or null is %NULL, a string that is not
 * a datetime is a problem at @loc.
 */
GDateTime *
pw_rest_member_time (JsonObject     *object,
                     const char     *name,
                     const char     *loc,
                     PwRestProblems *problems)
{
  JsonNode *node = json_object_get_member (object, name);
  GDateTime *time;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      (time = pw_rest_parse_time (json_node_get_string (node))) == NULL)
    {
      pw_rest_problems_add (problems, loc, "value_error.datetime", "invalid datetime format");
      return NULL;
    }
  return time;
}

char *
pw_rest_node_to_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_to_string (node, FALSE);
}

/* Sets @error from @problems unless it is empty. */
static gboolean
check_problems (PwRestProblems  *problems,
                const char      *what,
                GError         **error)
{
  if (pw_rest_problems_is_empty (problems))
    return TRUE;
  g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
               _("The server sent a %s that cannot be read: %s"),
               what, pw_rest_problems_get_message (problems, 0));
  return FALSE;
}

static JsonObject *
expect_object (JsonNode    *node,
               const char  *what,
               GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                   _("The server sent a %s that is not a JSON object"), what);
      return NULL;
    }
  return json_node_get_object (node);
}

/* The members of state_details a PwState keeps elsewhere. */
static gboolean
is_plain_detail (const char *name)
{
  return g_str_equal (name, "flow_run_id") || g_str_equal (name, "task_run_id") ||
         g_str_equal (name, "scheduled_time");
}

/**
 * pw_rest_read_state:
 * @node: a Prefect State or StateCreate
 * @loc: where it is, for problems (`body.state`)
 *
 * Returns: (transfer full) (nullable): the state, or %NULL with problems
 *   added. Only the state_details members that are set (not null, not
 *   false) are kept in #PwState:details.
 */
PwState *
pw_rest_read_state (JsonNode       *node,
                    const char     *loc,
                    PwRestProblems *problems)
{
  g_autoptr(PwState) state = NULL;
  g_autoptr(GDateTime) timestamp = NULL;
  g_autoptr(GDateTime) scheduled_time = NULL;
  g_autofree char *at = NULL;
  JsonObject *object;
  JsonNode *details;
  const char *type_text;
  const char *name;
  PwStateType type;
  guint n_problems = pw_rest_problems_get_n (problems);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pw_rest_problems_add (problems, loc, "type_error.dict", "value is not a valid dict");
      return NULL;
    }
  object = json_node_get_object (node);

  type_text = pw_rest_member_string (object, "type");
  at = g_strdup_printf ("%s.type", loc);
  if (type_text == NULL)
    {
      if (member_is_null (object, "type"))
        pw_rest_problems_add (problems, at, "value_error.missing", "field required");
      else
        pw_rest_problems_add_enum (problems, at, PW_TYPE_STATE_TYPE);
      return NULL;
    }
  if (!pw_state_type_from_string (type_text, &type))
    {
      pw_rest_problems_add_enum (problems, at, PW_TYPE_STATE_TYPE);
      return NULL;
    }

  name = pw_rest_member_string (object, "name");
  g_free (at);
  at = g_strdup_printf ("%s.timestamp", loc);
  timestamp = pw_rest_member_time (object, "timestamp", at, problems);

  state = pw_state_new (type, name, pw_rest_member_string (object, "message"));
  pw_state_set_id (state, pw_rest_member_string (object, "id"));
  if (timestamp != NULL)
    pw_state_set_timestamp (state, timestamp);

  details = json_object_get_member (object, "state_details");
  if (details != NULL && JSON_NODE_HOLDS_OBJECT (details))
    {
      JsonObject *details_object = json_node_get_object (details);
      g_autoptr(JsonBuilder) rest = json_builder_new ();
      g_autoptr(JsonNode) rest_node = NULL;
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;
      guint n_rest = 0;

      g_free (at);
      at = g_strdup_printf ("%s.state_details.scheduled_time", loc);
      scheduled_time = pw_rest_member_time (details_object, "scheduled_time", at, problems);
      pw_state_set_scheduled_time (state, scheduled_time);
      pw_state_set_flow_run_id (state, pw_rest_member_string (details_object, "flow_run_id"));
      pw_state_set_task_run_id (state, pw_rest_member_string (details_object, "task_run_id"));

      json_builder_begin_object (rest);
      json_object_iter_init (&iter, details_object);
      while (json_object_iter_next (&iter, &member, &value))
        {
          if (is_plain_detail (member) || JSON_NODE_HOLDS_NULL (value) ||
              (JSON_NODE_HOLDS_VALUE (value) &&
               json_node_get_value_type (value) == G_TYPE_BOOLEAN &&
               !json_node_get_boolean (value)))
            continue;
          json_builder_set_member_name (rest, member);
          json_builder_add_value (rest, json_node_copy (value));
          n_rest++;
        }
      json_builder_end_object (rest);
      rest_node = json_builder_get_root (rest);
      if (n_rest > 0)
        {
          g_autofree char *text = json_to_string (rest_node, FALSE);
          pw_state_set_details (state, text);
        }
    }
  else if (details != NULL && !JSON_NODE_HOLDS_NULL (details))
    {
      g_free (at);
      at = g_strdup_printf ("%s.state_details", loc);
      pw_rest_problems_add (problems, at, "type_error.dict", "value is not a valid dict");
    }

  if (pw_rest_problems_get_n (problems) > n_problems)
    return NULL;
  return g_steal_pointer (&state);
}

/**
 * pw_rest_parse_flow_version:
 *
 * Returns: a `flow_version` string as a Pipewright version number, or 0
 *   when it is none (Prefect's engine sends a hash of the code)
 */
guint
pw_rest_parse_flow_version (const char *text)
{
  guint64 version;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &version, NULL))
    return 0;
  return version;
}

#define READ_TIME(setter, record, object, name, problems) \
  G_STMT_START { \
    g_autoptr(GDateTime) _time = pw_rest_member_time (object, name, name, problems); \
    setter (record, _time); \
  } G_STMT_END

/**
 * pw_rest_read_flow_run:
 * @node: a Prefect FlowRun
 *
 * Returns: (transfer full): the run (without its flow's name, which a
 *   FlowRun does not carry), or %NULL with @error set
 */
PwFlowRun *
pw_rest_read_flow_run (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) state = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *parameters = NULL;
  JsonObject *object;
  const char *id;

  object = expect_object (node, _("flow run"), error);
  if (object == NULL)
    return NULL;

  id = pw_rest_member_string (object, "id");
  if (id == NULL)
    pw_rest_problems_add (problems, "id", "value_error.missing", "field required");

  run = pw_flow_run_new ();
  pw_flow_run_set_id (run, id);
  pw_flow_run_set_name (run, pw_rest_member_string (object, "name"));
  pw_flow_run_set_flow_id (run, pw_rest_member_string (object, "flow_id"));
  pw_flow_run_set_flow_version (run, pw_rest_parse_flow_version (pw_rest_member_string (object, "flow_version")));
  pw_flow_run_set_deployment_id (run, pw_rest_member_string (object, "deployment_id"));
  pw_flow_run_set_work_queue_name (run, pw_rest_member_string (object, "work_queue_name"));
  parameters = pw_rest_node_to_string (json_object_get_member (object, "parameters"));
  pw_flow_run_set_parameters (run, parameters != NULL ? parameters : "{}");
  tags = pw_rest_member_strv (object, "tags", "tags", problems);
  pw_flow_run_set_tags (run, (const char * const *)tags);
  pw_flow_run_set_parent_task_run_id (run, pw_rest_member_string (object, "parent_task_run_id"));
  pw_flow_run_set_idempotency_key (run, pw_rest_member_string (object, "idempotency_key"));
  pw_flow_run_set_auto_scheduled (run, member_bool (object, "auto_scheduled"));
  pw_flow_run_set_run_count (run, MAX (0, member_int (object, "run_count")));
  READ_TIME (pw_flow_run_set_expected_start_time, run, object, "expected_start_time", problems);
  READ_TIME (pw_flow_run_set_next_scheduled_start_time, run, object, "next_scheduled_start_time", problems);
  READ_TIME (pw_flow_run_set_start_time, run, object, "start_time", problems);
  READ_TIME (pw_flow_run_set_end_time, run, object, "end_time", problems);
  READ_TIME (pw_flow_run_set_created, run, object, "created", problems);
  READ_TIME (pw_flow_run_set_updated, run, object, "updated", problems);
  pw_flow_run_set_total_run_time (run, pw_rest_member_double (object, "total_run_time"));

  if (!member_is_null (object, "state"))
    state = pw_rest_read_state (json_object_get_member (object, "state"), "state", problems);
  else
    {
      /* A run without its state object: make one from its columns. */
      PwStateType type = PW_STATE_TYPE_PENDING;

      pw_state_type_from_string (pw_rest_member_string (object, "state_type"), &type);
      state = pw_state_new (type, pw_rest_member_string (object, "state_name"), NULL);
      pw_state_set_id (state, pw_rest_member_string (object, "state_id"));
    }
  if (state != NULL)
    pw_flow_run_set_state (run, state);

  if (!check_problems (problems, _("flow run"), error))
    return NULL;
  return g_steal_pointer (&run);
}

/* A task's result, if the state carries one as a LiteralResult. */
static void
read_result (PwTaskRun  *task_run,
             JsonObject *object)
{
  JsonNode *state = json_object_get_member (object, "state");
  JsonNode *data;
  JsonObject *data_object;
  const char *value;

  if (state == NULL || !JSON_NODE_HOLDS_OBJECT (state))
    return;
  data = json_object_get_member (json_node_get_object (state), "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return;
  data_object = json_node_get_object (data);
  value = pw_rest_member_string (data_object, "value");
  if (g_strcmp0 (pw_rest_member_string (data_object, "type"), "literal") != 0 || value == NULL)
    return;
  pw_task_run_set_result (task_run, value);
  pw_task_run_set_result_truncated (task_run, member_bool (data_object, "truncated"));
}

/**
 * pw_rest_read_task_run:
 * @node: a Prefect TaskRun
 *
 * Returns: (transfer full): the task run, or %NULL with @error set
 */
PwTaskRun *
pw_rest_read_task_run (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwState) state = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *task_inputs = NULL;
  JsonObject *object;
  const char *id;

  object = expect_object (node, _("task run"), error);
  if (object == NULL)
    return NULL;

  id = pw_rest_member_string (object, "id");
  if (id == NULL || pw_rest_member_string (object, "task_key") == NULL)
    {
      g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                   _("The server sent a task run without its %s"), id == NULL ? "id" : "task_key");
      return NULL;
    }

  task_run = pw_task_run_new (pw_rest_member_string (object, "flow_run_id"),
                              pw_rest_member_string (object, "task_key"),
                              pw_rest_member_string (object, "dynamic_key"));
  pw_task_run_set_id (task_run, id);
  pw_task_run_set_name (task_run, pw_rest_member_string (object, "name"));
  pw_task_run_set_cache_key (task_run, pw_rest_member_string (object, "cache_key"));
  READ_TIME (pw_task_run_set_cache_expiration, task_run, object, "cache_expiration", problems);
  tags = pw_rest_member_strv (object, "tags", "tags", problems);
  pw_task_run_set_tags (task_run, (const char * const *)tags);
  task_inputs = pw_rest_node_to_string (json_object_get_member (object, "task_inputs"));
  pw_task_run_set_task_inputs (task_run, task_inputs != NULL ? task_inputs : "{}");
  pw_task_run_set_run_count (task_run, MAX (0, member_int (object, "run_count")));
  READ_TIME (pw_task_run_set_expected_start_time, task_run, object, "expected_start_time", problems);
  READ_TIME (pw_task_run_set_next_scheduled_start_time, task_run, object, "next_scheduled_start_time", problems);
  READ_TIME (pw_task_run_set_start_time, task_run, object, "start_time", problems);
  READ_TIME (pw_task_run_set_end_time, task_run, object, "end_time", problems);
  READ_TIME (pw_task_run_set_created, task_run, object, "created", problems);
  READ_TIME (pw_task_run_set_updated, task_run, object, "updated", problems);
  pw_task_run_set_total_run_time (task_run, pw_rest_member_double (object, "total_run_time"));

  if (!member_is_null (object, "state"))
    state = pw_rest_read_state (json_object_get_member (object, "state"), "state", problems);
  if (state != NULL)
    pw_task_run_set_state (task_run, state);
  read_result (task_run, object);

  if (!check_problems (problems, _("task run"), error))
    return NULL;
  return g_steal_pointer (&task_run);
}

/**
 * pw_rest_read_graph_node:
 * @node: a DependencyResult of `/flow_runs/{id}/graph`
 * @flow_run_id: the flow run the graph is of
 *
 * Returns: (transfer full): a task run with what a graph node tells: its
 *   upstream task runs become its task_inputs (under `wait_for`); its task
 *   key is its name without the call index
 */
PwTaskRun *
pw_rest_read_graph_node (JsonNode    *node,
                         const char  *flow_run_id,
                         GError     **error)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwState) state = NULL;
  g_autoptr(GString) inputs = g_string_new ("{\"wait_for\":[");
  g_autofree char *task_key = NULL;
  JsonObject *object;
  JsonNode *upstream;
  const char *name;
  const char *dash;

  object = expect_object (node, _("graph node"), error);
  if (object == NULL)
    return NULL;

  name = pw_rest_member_string (object, "name");
  dash = name != NULL ? strrchr (name, '-') : NULL;
  task_key = dash != NULL ? g_strndup (name, dash - name) : g_strdup (name);
  task_run = pw_task_run_new (flow_run_id, task_key != NULL ? task_key : "", dash != NULL ? dash + 1 : "0");
  pw_task_run_set_id (task_run, pw_rest_member_string (object, "id"));
  pw_task_run_set_name (task_run, name);

  upstream = json_object_get_member (object, "upstream_dependencies");
  if (upstream != NULL && JSON_NODE_HOLDS_ARRAY (upstream))
    {
      JsonArray *array = json_node_get_array (upstream);
      gboolean first = TRUE;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *input = json_array_get_element (array, i);
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (input) ||
              (id = pw_rest_member_string (json_node_get_object (input), "id")) == NULL)
            continue;
          g_string_append (inputs, first ? "{\"input_type\":\"task_run\",\"id\":"
                                         : ",{\"input_type\":\"task_run\",\"id\":");
          pw_json_append_string (inputs, id);
          g_string_append_c (inputs, '}');
          first = FALSE;
        }
    }
  g_string_append (inputs, "]}");
  pw_task_run_set_task_inputs (task_run, inputs->str);

  READ_TIME (pw_task_run_set_expected_start_time, task_run, object, "expected_start_time", problems);
  READ_TIME (pw_task_run_set_start_time, task_run, object, "start_time", problems);
  READ_TIME (pw_task_run_set_end_time, task_run, object, "end_time", problems);
  pw_task_run_set_total_run_time (task_run, pw_rest_member_double (object, "total_run_time"));
  if (!member_is_null (object, "state"))
    state = pw_rest_read_state (json_object_get_member (object, "state"), "state", problems);
  if (state != NULL)
    pw_task_run_set_state (task_run, state);

  if (!check_problems (problems, _("graph node"), error))
    return NULL;
  return g_steal_pointer (&task_run);
}

/* Reads back the row number pw_rest_log_id() put in a UUID; another
 * server's UUID gives a stable number made of its hex digits. */
static gint64
log_id_from_uuid (const char *uuid)
{
  guint64 value = 0;
  guint n = 0;

  if (uuid == NULL)
    return 0;
  if (strlen (uuid) == 36 && g_str_has_prefix (uuid, "706c6f67-") &&
      strncmp (uuid + 13, "-4000-8000-", 11) == 0)
    {
      guint64 high = g_ascii_strtoull (uuid + 9, NULL, 16);
      guint64 low = g_ascii_strtoull (uuid + 24, NULL, 16);

      return (gint64)((high << 48) | low);
    }
  for (const char *p = uuid; *p != '\0' && n < 15; p++)
    if (g_ascii_isxdigit (*p))
      {
        value = (value << 4) | g_ascii_xdigit_value (*p);
        n++;
      }
  return (gint64)value;
}

/**
 * pw_rest_read_log:
 * @node: a Prefect Log
 *
 * Returns: (transfer full): the line, or %NULL with @error set
 */
PwLogEntry *
pw_rest_read_log (JsonNode  *node,
                  GError   **error)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(GDateTime) timestamp = NULL;
  PwLogEntry *entry;
  JsonObject *object;

  object = expect_object (node, _("log line"), error);
  if (object == NULL)
    return NULL;

  timestamp = pw_rest_member_time (object, "timestamp", "timestamp", problems);
  if (!check_problems (problems, _("log line"), error))
    return NULL;

  entry = pw_log_entry_new (pw_rest_member_string (object, "flow_run_id"),
                            pw_rest_member_string (object, "task_run_id"),
                            pw_rest_member_string (object, "name"),
                            member_int (object, "level"),
                            pw_rest_member_string (object, "message"),
                            timestamp);
  pw_log_entry_set_id (entry, log_id_from_uuid (pw_rest_member_string (object, "id")));
  return entry;
}

/**
 * pw_rest_read_flow:
 * @node: a Prefect Flow, or a Pipewright flow info (which adds
 *   description, version and n_tasks)
 *
 * Returns: (transfer full): the flow's info, or %NULL with @error set
 */
PwFlowInfo *
pw_rest_read_flow (JsonNode  *node,
                   GError   **error)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwFlowInfo) info = NULL;
  g_auto(GStrv) tags = NULL;
  JsonObject *object;
  const char *id;
  const char *name;

  object = expect_object (node, _("flow"), error);
  if (object == NULL)
    return NULL;

  id = pw_rest_member_string (object, "id");
  name = pw_rest_member_string (object, "name");
  if (id == NULL || name == NULL)
    pw_rest_problems_add (problems, id == NULL ? "id" : "name", "value_error.missing", "field required");
  tags = pw_rest_member_strv (object, "tags", "tags", problems);
  if (!check_problems (problems, _("flow"), error))
    return NULL;

  info = pw_flow_info_new (id, name);
  pw_flow_info_set_tags (info, (const char * const *)tags);
  pw_flow_info_set_description (info, pw_rest_member_string (object, "description"));
  pw_flow_info_set_version (info, MAX (0, member_int (object, "version")));
  pw_flow_info_set_n_tasks (info, MAX (0, member_int (object, "n_tasks")));
  READ_TIME (pw_flow_info_set_created, info, object, "created", problems);
  READ_TIME (pw_flow_info_set_updated, info, object, "updated", problems);
  if (!check_problems (problems, _("flow"), error))
    return NULL;
  return g_steal_pointer (&info);
}
