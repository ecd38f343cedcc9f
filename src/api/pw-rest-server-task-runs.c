/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-rest-server-private.h"

/*
 * /task_runs/… and /task_run_states/… (API.md §7): read, filter, count,
 * create and set_state, so that an engine that speaks Prefect's API can
 * report to a Pipewright server.
 */

static GMutex transition_lock;

static gboolean
read_filter (PwRestCall       *call,
             PwRestFilterBody *filter)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();

  if (!pw_rest_read_filter_body (call->body, PW_REST_FILTER_TASK_RUNS, NULL, filter, problems))
    {
      pw_rest_call_problems (call, problems);
      return FALSE;
    }
  return TRUE;
}

/* Keeps the task runs that are (or are not) the placeholders of sub-flow
 * runs: those some flow run names as its parent task run. */
static GPtrArray *
filter_subflows (PwStore    *store,
                 GPtrArray  *task_runs,
                 gboolean    exists,
                 GError    **error)
{
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < task_runs->len; i++)
    g_strv_builder_add (ids, pw_task_run_get_id (g_ptr_array_index (task_runs, i)));
  filter->parent_task_run_id_any = g_strv_builder_end (ids);
  children = pw_store_list_flow_runs (store, filter, PW_FLOW_RUN_SORT_ID_DESC, G_MAXUINT, 0, error);
  if (children == NULL)
    {
      g_ptr_array_unref (kept);
      return NULL;
    }

  for (guint i = 0; i < children->len; i++)
    g_hash_table_add (parents, (gpointer)pw_flow_run_get_parent_task_run_id (g_ptr_array_index (children, i)));
  for (guint i = 0; i < task_runs->len; i++)
    {
      PwTaskRun *task_run = g_ptr_array_index (task_runs, i);

      if (g_hash_table_contains (parents, pw_task_run_get_id (task_run)) == exists)
        g_ptr_array_add (kept, g_object_ref (task_run));
    }
  return kept;
}

/* The task runs a filter body asks for, with its page applied. */
static GPtrArray *
list_task_runs (PwStore          *store,
                PwRestFilterBody *filter,
                gboolean          whole,
                GError          **error)
{
  PwTaskRunSort sort = filter->has_sort ? filter->sort : PW_TASK_RUN_SORT_ID_DESC;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  GPtrArray *page;

  if (filter->subflow_runs_exists < 0)
    return pw_store_list_task_runs (store, filter->task_runs, sort,
                                    whole ? G_MAXUINT : filter->limit,
                                    whole ? 0 : filter->offset, error);

  /* Sub-flow placeholders are found after the query, so the page is cut
   * from the whole list. */
  all = pw_store_list_task_runs (store, filter->task_runs, sort, G_MAXUINT, 0, error);
  if (all == NULL)
    return NULL;
  kept = filter_subflows (store, all, filter->subflow_runs_exists, error);
  if (kept == NULL || whole)
    return g_steal_pointer (&kept);

  page = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = filter->offset; i < kept->len && page->len < filter->limit; i++)
    g_ptr_array_add (page, g_object_ref (g_ptr_array_index (kept, i)));
  return page;
}

/* POST /task_runs/filter */
static void
filter_cb (PwRestCall *call)
{
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GPtrArray) task_runs = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  if (!read_filter (call, &filter))
    return;
  if (!filter.nothing && filter.limit > 0)
    {
      task_runs = list_task_runs (call->store, &filter, FALSE, &error);
      if (task_runs == NULL)
        {
          pw_rest_call_error (call, error, "Task run not found");
          return;
        }
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; task_runs != NULL && i < task_runs->len; i++)
    pw_rest_write_task_run (&w, g_ptr_array_index (task_runs, i), call->now);
  pw_json_writer_end_array (&w);
}

/* POST /task_runs/count */
static void
count_cb (PwRestCall *call)
{
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 count = 0;
  PwJsonWriter w;

  if (!read_filter (call, &filter))
    return;
  if (!filter.nothing && filter.subflow_runs_exists >= 0)
    {
      g_autoptr(GPtrArray) task_runs = list_task_runs (call->store, &filter, TRUE, &error);

      count = task_runs != NULL ? (gint64)task_runs->len : -1;
    }
  else if (!filter.nothing)
    count = pw_store_count_task_runs (call->store, filter.task_runs, &error);
  if (count < 0)
    {
      pw_rest_call_error (call, error, "Task run not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_int (&w, count);
}

/* GET /task_runs/{id} */
static void
read_cb (PwRestCall *call)
{
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  task_run = pw_store_get_task_run (call->store, call->params[0], &error);
  if (task_run == NULL)
    {
      pw_rest_call_error (call, error, "Task run not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_rest_write_task_run (&w, task_run, call->now);
}

static const char *
string_member (JsonObject     *object,
               const char     *name,
               gboolean        required,
               PwRestProblems *problems)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *loc = g_strdup_printf ("body.%s", name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        pw_rest_problems_add (problems, loc, "value_error.missing", "field required");
      return NULL;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  pw_rest_problems_add (problems, loc, "type_error.str", "str type expected");
  return NULL;
}

/* POST /task_runs/ */
static void
create_cb (PwRestCall *call)
{
  static const char * const allowed[] = {
    "state", "name", "flow_run_id", "task_key", "dynamic_key", "cache_key", "cache_expiration",
    "task_version", "empirical_policy", "tags", "task_inputs", NULL
  };
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwTaskRun) stored = NULL;
  g_autoptr(PwState) state = NULL;
  g_autoptr(GDateTime) expiration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inputs = NULL;
  g_auto(GStrv) tags = NULL;
  const char *flow_run_id;
  const char *task_key;
  const char *dynamic_key;
  gboolean created = TRUE;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonObject *body;
  JsonNode *node;
  PwJsonWriter w;

  body = pw_rest_call_body_object (call, problems);
  if (body == NULL)
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_strv_contains (allowed, member))
      {
        g_autofree char *loc = g_strdup_printf ("body.%s", member);
        pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
      }

  flow_run_id = string_member (body, "flow_run_id", TRUE, problems);
  task_key = string_member (body, "task_key", TRUE, problems);
  dynamic_key = string_member (body, "dynamic_key", TRUE, problems);
  tags = pw_rest_member_strv (body, "tags", "body.tags", problems);
  expiration = pw_rest_member_time (body, "cache_expiration", "body.cache_expiration", problems);
  node = json_object_get_member (body, "task_inputs");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        inputs = json_to_string (node, FALSE);
      else
        pw_rest_problems_add (problems, "body.task_inputs", "type_error.dict", "value is not a valid dict");
    }
  node = json_object_get_member (body, "state");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    state = pw_rest_read_state (node, "body.state", problems);

  string_member (body, "name", FALSE, problems);
  string_member (body, "cache_key", FALSE, problems);
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  task_run = pw_task_run_new (flow_run_id, task_key, dynamic_key);
  pw_task_run_set_name (task_run, pw_rest_member_string (body, "name"));
  pw_task_run_set_cache_key (task_run, pw_rest_member_string (body, "cache_key"));
  pw_task_run_set_cache_expiration (task_run, expiration);
  pw_task_run_set_tags (task_run, (const char * const *)tags);
  pw_task_run_set_task_inputs (task_run, inputs != NULL ? inputs : "{}");

  stored = pw_store_create_task_run (call->store, task_run, state, &created, &error);
  if (stored == NULL)
    {
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        pw_rest_call_detail (call, SOUP_STATUS_CONFLICT, error->message);
      else
        pw_rest_call_error (call, error, "Task run not found");
      return;
    }

  pw_rest_call_begin_json (call, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, &w);
  pw_rest_write_task_run (&w, stored, call->now);
  if (created)
    pw_rest_call_queue_task_run (call, flow_run_id, pw_task_run_get_id (stored));
}

/* POST /task_runs/{id}/set_state */
static void
set_state_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(PwOrchestration) result = { 0, };
  g_autoptr(GMutexLocker) locker = NULL;
  const char *id = call->params[0];
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonObject *body;
  JsonNode *force = NULL;
  PwJsonWriter w;

  body = pw_rest_call_body_object (call, problems);
  if (body != NULL)
    {
      json_object_iter_init (&iter, body);
      while (json_object_iter_next (&iter, &member, &value))
        if (!g_str_equal (member, "state") && !g_str_equal (member, "force"))
          {
            g_autofree char *loc = g_strdup_printf ("body.%s", member);
            pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
          }
      if (!json_object_has_member (body, "state"))
        pw_rest_problems_add (problems, "body.state", "value_error.missing", "field required");
      else
        state = pw_rest_read_state (json_object_get_member (body, "state"), "body.state", problems);
      force = json_object_get_member (body, "force");
      if (force != NULL && !JSON_NODE_HOLDS_NULL (force) &&
          (!JSON_NODE_HOLDS_VALUE (force) || json_node_get_value_type (force) != G_TYPE_BOOLEAN))
        pw_rest_problems_add (problems, "body.force", "type_error.bool",
                              "value could not be parsed to a boolean");
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  locker = g_mutex_locker_new (&transition_lock);
  task_run = pw_store_get_task_run (call->store, id, &error);
  if (task_run == NULL)
    {
      pw_rest_call_error (call, error, "Task run not found");
      return;
    }

  pw_orchestrate_task_run (task_run, state,
                           force != NULL && JSON_NODE_HOLDS_VALUE (force) && json_node_get_boolean (force),
                           call->now, &result);
  if (result.status == PW_ORCHESTRATION_ACCEPT || result.status == PW_ORCHESTRATION_REJECT)
    {
      if (!pw_store_set_task_run_state (call->store, id, result.state, &error))
        {
          pw_rest_call_error (call, error, "Task run not found");
          return;
        }
      pw_rest_call_queue_task_run (call, pw_task_run_get_flow_run_id (task_run), id);
    }

  pw_rest_call_begin_json (call,
                           result.status == PW_ORCHESTRATION_ACCEPT ||
                           result.status == PW_ORCHESTRATION_REJECT
                             ? SOUP_STATUS_CREATED : SOUP_STATUS_OK,
                           &w);
  pw_rest_write_orchestration (&w, &result, pw_task_run_get_state (task_run),
                               pw_task_run_get_flow_run_id (task_run), id);
}

/* GET /task_run_states/?task_run_id= */
static void
states_cb (PwRestCall *call)
{
  const char *task_run_id = pw_rest_call_get_query (call, "task_run_id");
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  if (task_run_id == NULL)
    {
      pw_rest_call_invalid (call, "query.task_run_id", "value_error.missing", "field required");
      return;
    }

  states = pw_store_list_task_run_states (call->store, task_run_id, &error);
  if (states == NULL && !g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
    {
      pw_rest_call_error (call, error, "Task run not found");
      return;
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; states != NULL && i < states->len; i++)
    pw_rest_write_state (&w, g_ptr_array_index (states, i), NULL, task_run_id);
  pw_json_writer_end_array (&w);
}

static const PwRestRoute routes[] = {
  { "POST", "task_runs", create_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "POST", "task_runs/filter", filter_cb, PW_REST_ROUTE_THREAD },
  { "POST", "task_runs/count", count_cb, PW_REST_ROUTE_THREAD },
  { "GET", "task_runs/*", read_cb, PW_REST_ROUTE_THREAD },
  { "POST", "task_runs/*/set_state", set_state_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "GET", "task_run_states", states_cb, PW_REST_ROUTE_THREAD },
};

void
_pw_rest_server_add_task_run_routes (PwRestServer *self)
{
  pw_rest_server_add_routes (self, routes, G_N_ELEMENTS (routes));
}
