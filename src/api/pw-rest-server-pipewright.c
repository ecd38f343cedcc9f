/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-engine.h"
#include "pw-flow-file.h"
#include "pw-flow.h"
#include "pw-problem.h"
#include "pw-rest-server-private.h"

/*
 * What Prefect lacks, under /api/pipewright/ (DESIGN.md §6):
 *
 *   GET    version                    {"pipewright", "api_version", "events"}
 *   GET    flows?search=              [FlowInfo]: the flow library
 *   GET    flows/{name}?version=N     the flow document (a flow file)
 *   PUT    flows/{name}               save a flow document as a new version
 *   DELETE flows/{name}
 *   GET    flows/{name}/versions      [FlowInfo], newest first
 *   POST   flows/{name}/run           {"version"?, "parameters"?} → FlowRun,
 *                                     started by this server's engine
 *   POST   flow_runs/{id}/cancel      204
 *   POST   flow_runs/{id}/retry       {"from_failed"?} → FlowRun
 *   GET    flow_runs/{id}/task_runs   [TaskRun], all of them (a graph of
 *                                     10,000 tasks in one answer)
 *   GET    flow_runs/{id}/task_run_states
 *                                     [State] of all its task runs, each
 *                                     naming its task run, grouped by task
 *                                     run, oldest first (the timeline)
 *   websocket events                  see pw-websocket.h
 *
 * A client tells a Pipewright server from a Prefect one by `version`.
 */

static void
version_cb (PwRestCall *call)
{
  PwJsonWriter w;

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "pipewright");
  pw_json_writer_string (&w, PACKAGE_VERSION);
  pw_json_writer_member (&w, "api_version");
  pw_json_writer_string (&w, PW_REST_API_VERSION);
  pw_json_writer_member (&w, "events");
  pw_json_writer_string (&w, PW_WEBSOCKET_PATH);
  pw_json_writer_end_object (&w);
}

static void
flows_cb (PwRestCall *call)
{
  g_autoptr(PwFlowFilter) filter = pw_flow_filter_new ();
  g_autoptr(GPtrArray) flows = NULL;
  g_autoptr(GError) error = NULL;
  const char *search = pw_rest_call_get_query (call, "search");
  PwJsonWriter w;

  if (search != NULL && *search != '\0')
    pw_flow_filter_set_name_like (filter, search);
  flows = pw_store_list_flows (call->store, filter, PW_FLOW_SORT_NAME_ASC, G_MAXUINT, 0, &error);
  if (flows == NULL)
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; i < flows->len; i++)
    pw_rest_write_flow_info (&w, g_ptr_array_index (flows, i));
  pw_json_writer_end_array (&w);
}

static gboolean
query_version (PwRestCall *call,
               guint      *version)
{
  const char *text = pw_rest_call_get_query (call, "version");
  guint64 value = 0;

  *version = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      pw_rest_call_invalid (call, "query.version", "type_error.integer", "value is not a valid integer");
      return FALSE;
    }
  *version = value;
  return TRUE;
}

static void
document_cb (PwRestCall *call)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  g_autofree char *header = NULL;
  guint version;
  guint found = 0;

  if (!query_version (call, &version))
    return;
  document = pw_store_get_flow_document (call->store, call->params[0], version, &found, &error);
  if (document == NULL)
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }

  header = g_strdup_printf ("%u", found);
  soup_message_headers_replace (soup_server_message_get_response_headers (call->msg),
                                "X-Pipewright-Flow-Version", header);
  pw_rest_call_json_literal (call, SOUP_STATUS_OK, document);
}

static void
save_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(GPtrArray) flow_problems = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  g_autofree char *origin = g_strdup_printf ("flow “%s”", call->params[0]);
  g_autoptr(PwFlowInfo) before = NULL;
  const char *data;
  gsize length = 0;
  PwJsonWriter w;

  data = call->raw_body != NULL ? g_bytes_get_data (call->raw_body, &length) : NULL;
  if (data == NULL || length == 0)
    {
      pw_rest_call_invalid (call, "body", "value_error.missing", "field required");
      return;
    }

  flow = pw_flow_file_load_data (data, length, origin, &flow_problems, &error);
  if (flow == NULL)
    {
      for (guint i = 0; flow_problems != NULL && i < flow_problems->len; i++)
        {
          g_autofree char *text = pw_problem_to_string (g_ptr_array_index (flow_problems, i));
          pw_rest_problems_add (problems, "body", "value_error", "%s", text);
        }
      if (pw_rest_problems_is_empty (problems))
        pw_rest_problems_add (problems, "body", "value_error", "%s", error->message);
      pw_rest_call_problems (call, problems);
      return;
    }
  if (g_strcmp0 (pw_flow_get_name (flow), call->params[0]) != 0)
    {
      pw_rest_problems_add (problems, "body.name", "value_error",
                            "the document names the flow “%s”, the address “%s”",
                            pw_flow_get_name (flow), call->params[0]);
      pw_rest_call_problems (call, problems);
      return;
    }

  before = pw_store_get_flow_info (call->store, call->params[0], NULL);
  document = pw_flow_file_to_data (flow, NULL);
  info = pw_store_save_flow (call->store, pw_flow_get_name (flow), pw_flow_get_description (flow),
                             pw_flow_get_tags (flow), pw_flow_get_n_tasks (flow), document, &error);
  if (info == NULL)
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }

  pw_rest_call_queue_flows (call);
  pw_rest_call_begin_json (call, before == NULL ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, &w);
  pw_rest_write_flow_info (&w, info);
}

static void
delete_cb (PwRestCall *call)
{
  g_autoptr(GError) error = NULL;

  if (!pw_store_delete_flow (call->store, call->params[0], &error))
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }
  pw_rest_call_queue_flows (call);
  pw_rest_call_empty (call, SOUP_STATUS_NO_CONTENT);
}

static void
versions_cb (PwRestCall *call)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  versions = pw_store_list_flow_versions (call->store, call->params[0], &error);
  if (versions == NULL)
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; i < versions->len; i++)
    pw_rest_write_flow_info (&w, g_ptr_array_index (versions, i));
  pw_json_writer_end_array (&w);
}

static void
task_runs_cb (PwRestCall *call)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRunFilter) filter = pw_task_run_filter_new ();
  g_autoptr(GPtrArray) task_runs = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  run = pw_store_get_flow_run (call->store, call->params[0], &error);
  if (run != NULL)
    {
      pw_task_run_filter_set_flow_run_id (filter, call->params[0]);
      task_runs = pw_store_list_task_runs (call->store, filter,
                                           PW_TASK_RUN_SORT_EXPECTED_START_TIME_ASC,
                                           G_MAXUINT, 0, &error);
    }
  if (task_runs == NULL)
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; i < task_runs->len; i++)
    pw_rest_write_task_run (&w, g_ptr_array_index (task_runs, i), call->now);
  pw_json_writer_end_array (&w);
}

static void
task_run_states_cb (PwRestCall *call)
{
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  states = pw_store_list_flow_run_task_states (call->store, call->params[0], &error);
  if (states == NULL)
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; i < states->len; i++)
    pw_rest_write_state (&w, g_ptr_array_index (states, i), NULL, NULL);
  pw_json_writer_end_array (&w);
}

/* Runs started through the backend (on the main thread: its engine lives
 * there) */

static void
answer_run (PwRestCall *call,
            PwFlowRun  *run,
            GError     *error,
            const char *not_found)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PwJsonWriter w;

  if (run == NULL)
    {
      if (g_error_matches (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_NOT_FOUND))
        pw_rest_call_not_found (call, not_found);
      else if (g_error_matches (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID))
        pw_rest_call_detail (call, SOUP_STATUS_CONFLICT, error->message);
      else
        pw_rest_call_error (call, error, not_found);
    }
  else
    {
      pw_rest_call_begin_json (call, SOUP_STATUS_CREATED, &w);
      pw_rest_write_flow_run (&w, run, now);
    }
  pw_rest_call_finish (call);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;

  run = pw_backend_run_flow_finish (PW_BACKEND (object), result, &error);
  answer_run (user_data, run, error, "Flow not found");
}

static void
run_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autofree char *parameters = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonObject *body;
  guint version = 0;

  body = pw_rest_call_body_object (call, problems);
  if (body != NULL)
    {
      json_object_iter_init (&iter, body);
      while (json_object_iter_next (&iter, &member, &value))
        {
          g_autofree char *loc = g_strdup_printf ("body.%s", member);

          if (JSON_NODE_HOLDS_NULL (value))
            continue;
          if (g_str_equal (member, "version"))
            {
              if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
                  json_node_get_int (value) < 0 || json_node_get_int (value) > G_MAXUINT)
                pw_rest_problems_add (problems, loc, "type_error.integer", "value is not a valid integer");
              else
                version = json_node_get_int (value);
            }
          else if (g_str_equal (member, "parameters"))
            {
              if (!JSON_NODE_HOLDS_OBJECT (value))
                pw_rest_problems_add (problems, loc, "type_error.dict", "value is not a valid dict");
              else
                parameters = json_to_string (value, FALSE);
            }
          else
            pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
        }
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  pw_rest_call_defer (call);
  pw_backend_run_flow_async (pw_rest_server_get_backend (call->server), call->params[0], version,
                             parameters, NULL, run_done_cb, call);
}

static void
retry_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;

  run = pw_backend_retry_flow_run_finish (PW_BACKEND (object), result, &error);
  answer_run (user_data, run, error, "Flow run not found");
}

static void
retry_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  gboolean from_failed = FALSE;
  JsonObject *body;
  JsonNode *node;

  body = pw_rest_call_body_object (call, problems);
  node = body != NULL ? json_object_get_member (body, "from_failed") : NULL;
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        pw_rest_problems_add (problems, "body.from_failed", "type_error.bool",
                              "value could not be parsed to a boolean");
      else
        from_failed = json_node_get_boolean (node);
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  pw_rest_call_defer (call);
  pw_backend_retry_flow_run_async (pw_rest_server_get_backend (call->server), call->params[0],
                                   from_failed, NULL, retry_done_cb, call);
}

static void
cancel_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PwRestCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (pw_backend_cancel_flow_run_finish (PW_BACKEND (object), result, &error))
    pw_rest_call_empty (call, SOUP_STATUS_NO_CONTENT);
  else if (g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID))
    pw_rest_call_detail (call, SOUP_STATUS_CONFLICT, error->message);
  else
    pw_rest_call_error (call, error, "Flow run not found");
  pw_rest_call_finish (call);
}

static void
cancel_cb (PwRestCall *call)
{
  pw_rest_call_defer (call);
  pw_backend_cancel_flow_run_async (pw_rest_server_get_backend (call->server), call->params[0],
                                    NULL, cancel_done_cb, call);
}

static const PwRestRoute routes[] = {
  { "GET", "pipewright/version", version_cb, PW_REST_ROUTE_MAIN },
  { "GET", "pipewright/flows", flows_cb, PW_REST_ROUTE_THREAD },
  { "GET", "pipewright/flows/*", document_cb, PW_REST_ROUTE_THREAD },
  { "PUT", "pipewright/flows/*", save_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_RAW },
  { "DELETE", "pipewright/flows/*", delete_cb, PW_REST_ROUTE_THREAD },
  { "GET", "pipewright/flows/*/versions", versions_cb, PW_REST_ROUTE_THREAD },
  { "POST", "pipewright/flows/*/run", run_cb, PW_REST_ROUTE_MAIN },
  { "POST", "pipewright/flow_runs/*/cancel", cancel_cb, PW_REST_ROUTE_MAIN },
  { "POST", "pipewright/flow_runs/*/retry", retry_cb, PW_REST_ROUTE_MAIN },
  { "GET", "pipewright/flow_runs/*/task_runs", task_runs_cb, PW_REST_ROUTE_THREAD },
  { "GET", "pipewright/flow_runs/*/task_run_states", task_run_states_cb, PW_REST_ROUTE_THREAD },
};

void
_pw_rest_server_add_pipewright_routes (PwRestServer *self)
{
  pw_rest_server_add_routes (self, routes, G_N_ELEMENTS (routes));
}
