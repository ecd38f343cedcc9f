/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-flow-file.h"
#include "pw-rest-server-private.h"
#include "pw-scheduler.h"
#include "pw-system-clock.h"

/*
 * /deployments/… (API.md §9). Reads go to the store in worker threads;
 * creating, changing, pausing and deleting go through the local backend,
 * which checks the parameters against the flow and (re)schedules runs,
 * as the app's own edits do. Prefect's upsert on (flow_id, name) is the
 * backend's upsert on FLOW/NAME.
 */

static const char * const create_members[] = {
  "name", "flow_id", "is_schedule_active", "parameters", "tags", "manifest_path",
  "work_queue_name", "work_pool_name", "storage_document_id", "infrastructure_document_id",
  "schedule", "description", "parameter_openapi_schema", "path", "version", "entrypoint",
  "infra_overrides", NULL
};

static gboolean
check_members (JsonObject         *object,
               const char * const *allowed,
               PwRestProblems     *problems)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint n = pw_rest_problems_get_n (problems);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (allowed, name))
      {
        g_autofree char *loc = g_strdup_printf ("body.%s", name);
        pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
      }
  return pw_rest_problems_get_n (problems) == n;
}

/* The flow's name for its id, on the calling thread's store. */
static char *
flow_name_of (PwStore     *store,
              const char  *flow_id,
              GError     **error)
{
  g_autoptr(PwFlowFilter) filter = pw_flow_filter_new ();
  g_autoptr(GPtrArray) flows = NULL;
  const char *ids[] = { flow_id, NULL };

  filter->id_any = g_strdupv ((char **)ids);
  flows = pw_store_list_flows (store, filter, PW_FLOW_SORT_NAME_ASC, 1, 0, error);
  if (flows == NULL)
    return NULL;
  if (flows->len == 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("There is no flow with id %s"), flow_id);
      return NULL;
    }
  return g_strdup (pw_flow_info_get_name (g_ptr_array_index (flows, 0)));
}

static void
write_deployment_answer (PwRestCall   *call,
                         guint         status,
                         PwDeployment *deployment)
{
  PwJsonWriter w;

  pw_rest_call_begin_json (call, status, &w);
  pw_rest_write_deployment (&w, deployment);
}

/* Reads the members of a DeploymentCreate/Update into @deployment. */
static void
read_settings (JsonObject     *body,
               PwDeployment   *deployment,
               PwRestProblems *problems)
{
  JsonNode *node;

  node = json_object_get_member (body, "schedule");
  if (node != NULL)
    {
      if (JSON_NODE_HOLDS_NULL (node))
        pw_deployment_set_schedule (deployment, NULL);
      else
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PwSchedule) schedule = pw_schedule_new_from_json (node, &error);

          if (schedule == NULL)
            pw_rest_problems_add (problems, "body.schedule", "value_error", "%s", error->message);
          else
            pw_deployment_set_schedule (deployment, schedule);
        }
    }

  node = json_object_get_member (body, "is_schedule_active");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        pw_rest_problems_add (problems, "body.is_schedule_active", "type_error.bool",
                              "value could not be parsed to a boolean");
      else
        pw_deployment_set_paused (deployment, !json_node_get_boolean (node));
    }

  node = json_object_get_member (body, "parameters");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        pw_rest_problems_add (problems, "body.parameters", "type_error.dict", "value is not a valid dict");
      else
        {
          g_autofree char *text = json_to_string (node, FALSE);
          pw_deployment_set_parameters (deployment, text);
        }
    }

  if (json_object_has_member (body, "tags"))
    {
      g_auto(GStrv) tags = pw_rest_member_strv (body, "tags", "body.tags", problems);
      pw_deployment_set_tags (deployment, (const char * const *)tags);
    }
  if (json_object_has_member (body, "work_queue_name"))
    pw_deployment_set_work_queue_name (deployment, pw_rest_member_string (body, "work_queue_name"));
  if (json_object_has_member (body, "description"))
    pw_deployment_set_description (deployment, pw_rest_member_string (body, "description"));
}

typedef struct
{
  PwRestCall *call;
  gboolean    created;
  char       *id;      /* PATCH: answer 204 */
} SaveOp;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveOp *op = user_data;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GError) error = NULL;

  deployment = pw_backend_save_deployment_finish (PW_BACKEND (object), result, &error);
  if (deployment == NULL)
    {
      if (g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND))
        pw_rest_call_detail (op->call, SOUP_STATUS_CONFLICT, error->message);
      else
        pw_rest_call_error (op->call, error, "Deployment not found");
    }
  else if (op->id != NULL)
    pw_rest_call_empty (op->call, SOUP_STATUS_NO_CONTENT);
  else
    write_deployment_answer (op->call, op->created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, deployment);
  pw_rest_call_finish (op->call);
  g_free (op->id);
  g_free (op);
}

static void
save (PwRestCall   *call,
      PwDeployment *deployment,
      gboolean      created,
      const char   *id)
{
  SaveOp *op = g_new0 (SaveOp, 1);

  op->call = call;
  op->created = created;
  op->id = g_strdup (id);
  pw_rest_call_defer (call);
  pw_backend_save_deployment_async (pw_rest_server_get_backend (call->server), deployment, NULL,
                                    saved_cb, op);
}

/* POST /deployments/ */
static void
create_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(PwDeployment) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_name = NULL;
  PwStore *store = pw_rest_server_get_store (call->server);
  const char *name = NULL;
  const char *flow_id = NULL;
  JsonObject *body;

  body = pw_rest_call_body_object (call, problems);
  if (body != NULL && check_members (body, create_members, problems))
    {
      name = pw_rest_member_string (body, "name");
      flow_id = pw_rest_member_string (body, "flow_id");
      if (name == NULL)
        pw_rest_problems_add (problems, "body.name", "value_error.missing", "field required");
      if (flow_id == NULL)
        pw_rest_problems_add (problems, "body.flow_id", "value_error.missing", "field required");
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  flow_name = flow_name_of (store, flow_id, &error);
  if (flow_name == NULL)
    {
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        pw_rest_call_detail (call, SOUP_STATUS_CONFLICT, error->message);
      else
        pw_rest_call_error (call, error, "Flow not found");
      return;
    }

  /* An upsert: what the body leaves out keeps Prefect's defaults. */
  existing = pw_store_find_deployment (store, flow_name, name, NULL);
  deployment = pw_deployment_new (flow_name, name);
  pw_deployment_set_flow_id (deployment, flow_id);
  read_settings (body, deployment, problems);
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  save (call, deployment, existing == NULL, NULL);
}

/* PATCH /deployments/{id} */
static void
update_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  body = pw_rest_call_body_object (call, problems);
  if (body == NULL || !check_members (body, create_members, problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  deployment = pw_store_get_deployment (pw_rest_server_get_store (call->server), call->params[0], &error);
  if (deployment == NULL)
    {
      pw_rest_call_error (call, error, "Deployment not found");
      return;
    }
  read_settings (body, deployment, problems);
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  save (call, deployment, FALSE, call->params[0]);
}

/* GET /deployments/{id} */
static void
read_cb (PwRestCall *call)
{
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GError) error = NULL;

  deployment = pw_store_get_deployment (call->store, call->params[0], &error);
  if (deployment == NULL)
    pw_rest_call_error (call, error, "Deployment not found");
  else
    write_deployment_answer (call, SOUP_STATUS_OK, deployment);
}

/* GET /deployments/name/{flow}/{name} */
static void
read_by_name_cb (PwRestCall *call)
{
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GError) error = NULL;

  deployment = pw_store_find_deployment (call->store, call->params[0], call->params[1], &error);
  if (deployment == NULL)
    pw_rest_call_error (call, error, "Deployment not found");
  else
    write_deployment_answer (call, SOUP_STATUS_OK, deployment);
}

static int
compare_deployments (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  PwDeployment *x = *(PwDeployment **)a;
  PwDeployment *y = *(PwDeployment **)b;
  PwFlowSort sort = GPOINTER_TO_INT (data);

  switch (sort)
    {
    case PW_FLOW_SORT_CREATED_DESC:
      return g_date_time_compare (pw_deployment_get_created (y), pw_deployment_get_created (x));
    case PW_FLOW_SORT_UPDATED_DESC:
      return g_date_time_compare (pw_deployment_get_updated (y), pw_deployment_get_updated (x));
    case PW_FLOW_SORT_NAME_DESC:
      return g_strcmp0 (pw_deployment_get_name (y), pw_deployment_get_name (x));
    case PW_FLOW_SORT_NAME_ASC:
    default:
      return g_strcmp0 (pw_deployment_get_name (x), pw_deployment_get_name (y));
    }
}

/* The deployments a filter body asks for, sorted, page applied unless
 * @whole. */
static GPtrArray *
filter_deployments (PwRestCall       *call,
                    PwRestFilterBody *filter,
                    gboolean          whole,
                    GError          **error)
{
  g_autoptr(GPtrArray) all = pw_store_list_deployments (call->store, NULL, error);
  GPtrArray *kept;

  if (all == NULL)
    return NULL;
  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (pw_rest_deployment_matches (filter->deployments, g_ptr_array_index (all, i)))
      g_ptr_array_add (kept, g_object_ref (g_ptr_array_index (all, i)));
  g_ptr_array_sort_with_data (kept, compare_deployments,
                              GINT_TO_POINTER (filter->has_sort ? filter->sort : PW_FLOW_SORT_NAME_ASC));
  if (!whole)
    {
      guint start = MIN (filter->offset, kept->len);

      g_ptr_array_remove_range (kept, 0, start);
      if (kept->len > filter->limit)
        g_ptr_array_remove_range (kept, filter->limit, kept->len - filter->limit);
    }
  return kept;
}

static gboolean
read_filter (PwRestCall       *call,
             PwRestFilterBody *filter)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();

  if (!pw_rest_read_filter_body (call->body, PW_REST_FILTER_DEPLOYMENTS, NULL, filter, problems))
    {
      pw_rest_call_problems (call, problems);
      return FALSE;
    }
  return TRUE;
}

/* POST /deployments/filter */
static void
filter_cb (PwRestCall *call)
{
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GPtrArray) deployments = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  if (!read_filter (call, &filter))
    return;
  deployments = filter_deployments (call, &filter, FALSE, &error);
  if (deployments == NULL)
    {
      pw_rest_call_error (call, error, "Deployment not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; i < deployments->len; i++)
    pw_rest_write_deployment (&w, g_ptr_array_index (deployments, i));
  pw_json_writer_end_array (&w);
}

/* POST /deployments/count */
static void
count_cb (PwRestCall *call)
{
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GPtrArray) deployments = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  if (!read_filter (call, &filter))
    return;
  deployments = filter_deployments (call, &filter, TRUE, &error);
  if (deployments == NULL)
    {
      pw_rest_call_error (call, error, "Deployment not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_int (&w, deployments->len);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PwRestCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (pw_backend_delete_deployment_finish (PW_BACKEND (object), result, &error))
    pw_rest_call_empty (call, SOUP_STATUS_NO_CONTENT);
  else
    pw_rest_call_error (call, error, "Deployment not found");
  pw_rest_call_finish (call);
}

/* DELETE /deployments/{id} */
static void
delete_cb (PwRestCall *call)
{
  pw_rest_call_defer (call);
  pw_backend_delete_deployment_async (pw_rest_server_get_backend (call->server), call->params[0],
                                      NULL, deleted_cb, call);
}

static void
paused_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PwRestCall *call = user_data;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GError) error = NULL;

  deployment = pw_backend_set_deployment_paused_finish (PW_BACKEND (object), result, &error);
  if (deployment == NULL)
    pw_rest_call_error (call, error, "Deployment not found");
  else
    pw_rest_call_json_literal (call, SOUP_STATUS_OK, "null");
  pw_rest_call_finish (call);
}

/* POST /deployments/{id}/set_schedule_active and _inactive */
static void
set_active (PwRestCall *call,
            gboolean    active)
{
  pw_rest_call_defer (call);
  pw_backend_set_deployment_paused_async (pw_rest_server_get_backend (call->server), call->params[0],
                                          !active, NULL, paused_cb, call);
}

static void
set_active_cb (PwRestCall *call)
{
  set_active (call, TRUE);
}

static void
set_inactive_cb (PwRestCall *call)
{
  set_active (call, FALSE);
}

/* POST /deployments/{id}/schedule: the scheduler's pass for one
 * deployment, with the body's bounds. */
static void
schedule_cb (PwRestCall *call)
{
  static const char * const allowed[] = { "start_time", "end_time", "min_time", "min_runs", "max_runs", NULL };
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwScheduler) scheduler = NULL;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;
  JsonNode *node;

  body = pw_rest_call_body_object (call, problems);
  if (body == NULL || !check_members (body, allowed, problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  pw_rest_member_time (body, "start_time", "body.start_time", problems);
  end = pw_rest_member_time (body, "end_time", "body.end_time", problems);
  for (guint i = 2; allowed[i] != NULL; i++)
    {
      node = json_object_get_member (body, allowed[i]);
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
          (!JSON_NODE_HOLDS_VALUE (node) ||
           (json_node_get_value_type (node) != G_TYPE_INT64 &&
            json_node_get_value_type (node) != G_TYPE_DOUBLE) ||
           json_node_get_double (node) < 0))
        {
          g_autofree char *loc = g_strdup_printf ("body.%s", allowed[i]);
          pw_rest_problems_add (problems, loc, "type_error.integer", "value is not a valid integer");
        }
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  deployment = pw_store_get_deployment (call->store, call->params[0], &error);
  if (deployment == NULL)
    {
      pw_rest_call_error (call, error, "Deployment not found");
      return;
    }

  /* Does nothing for a paused schedule, as Prefect. */
  if (!pw_deployment_get_paused (deployment) && pw_deployment_get_schedule (deployment) != NULL)
    {
      scheduler = pw_scheduler_new (call->store, pw_system_clock_get_default ());
      if ((node = json_object_get_member (body, "min_runs")) != NULL && JSON_NODE_HOLDS_VALUE (node))
        pw_scheduler_set_min_runs (scheduler, (guint)MIN (json_node_get_double (node), 1000));
      if ((node = json_object_get_member (body, "max_runs")) != NULL && JSON_NODE_HOLDS_VALUE (node))
        pw_scheduler_set_max_runs (scheduler, (guint)MIN (json_node_get_double (node), 1000));
      if ((node = json_object_get_member (body, "min_time")) != NULL && JSON_NODE_HOLDS_VALUE (node))
        pw_scheduler_set_min_horizon (scheduler, (GTimeSpan)(json_node_get_double (node) * G_USEC_PER_SEC));
      if (end != NULL)
        {
          GTimeSpan horizon = g_date_time_difference (end, call->now);

          if (horizon > 0)
            pw_scheduler_set_max_horizon (scheduler, horizon);
        }
      if (!pw_scheduler_schedule_deployment (scheduler, call->params[0], &error))
        {
          pw_rest_call_error (call, error, "Deployment not found");
          return;
        }
      pw_rest_call_queue_work_queues (call);
    }
  pw_rest_call_json_literal (call, SOUP_STATUS_OK, "null");
}

/* POST /deployments/{id}/create_flow_run */
static void
create_flow_run_cb (PwRestCall *call)
{
  static const char * const allowed[] = {
    "name", "parameters", "tags", "context", "state", "empirical_policy", "idempotency_key",
    "parent_task_run_id", "infrastructure_document_id", "work_queue_name", NULL
  };
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *document = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) run_tags = NULL;
  gboolean created = TRUE;
  JsonObject *body;
  JsonNode *node;
  PwJsonWriter w;
  guint version = 0;

  body = pw_rest_call_body_object (call, problems);
  if (body == NULL || !check_members (body, allowed, problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  node = json_object_get_member (body, "parameters");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        pw_rest_problems_add (problems, "body.parameters", "type_error.dict", "value is not a valid dict");
      else
        parameters = json_to_string (node, FALSE);
    }
  tags = pw_rest_member_strv (body, "tags", "body.tags", problems);
  node = json_object_get_member (body, "state");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    state = pw_rest_read_state (node, "body.state", problems);
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  deployment = pw_store_get_deployment (call->store, call->params[0], &error);
  if (deployment == NULL)
    {
      pw_rest_call_error (call, error, "Deployment not found");
      return;
    }

  merged = pw_deployment_merge_parameters (pw_deployment_get_parameters (deployment), parameters, &error);
  if (merged == NULL)
    {
      pw_rest_call_invalid (call, "body.parameters", "value_error", error->message);
      return;
    }

  /* The run's parameters must suit the flow it will run. */
  document = pw_store_get_flow_document (call->store, pw_deployment_get_flow_name (deployment), 0,
                                         &version, &error);
  if (document != NULL)
    {
      g_autoptr(PwFlow) flow = pw_flow_file_load_data (document, strlen (document),
                                                       pw_deployment_get_flow_name (deployment),
                                                       NULL, &error);
      g_autoptr(PwDeployment) check = pw_deployment_copy (deployment);

      pw_deployment_set_parameters (check, merged);
      if (flow == NULL || !pw_deployment_check_parameters (check, flow, &error))
        {
          pw_rest_call_invalid (call, "body.parameters", "value_error", error->message);
          return;
        }
    }
  else
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }

  run_tags = pw_deployment_merge_tags ((const char * const *)tags, pw_deployment_get_tags (deployment));
  queue = pw_store_route_work_queue (call->store,
                                     pw_rest_member_string (body, "work_queue_name") != NULL
                                       ? pw_rest_member_string (body, "work_queue_name")
                                       : pw_deployment_get_work_queue_name (deployment),
                                     pw_deployment_get_tags (deployment), &error);
  if (queue == NULL)
    {
      pw_rest_call_error (call, error, "Work queue not found");
      return;
    }

  /* Without a state: SCHEDULED for now, for an agent of the queue to take. */
  if (state == NULL)
    {
      state = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
      pw_state_set_scheduled_time (state, call->now);
    }
  pw_flow_run_set_flow_id (request, pw_deployment_get_flow_id (deployment));
  pw_flow_run_set_deployment_id (request, pw_deployment_get_id (deployment));
  pw_flow_run_set_work_queue_name (request, queue);
  pw_flow_run_set_parameters (request, merged);
  pw_flow_run_set_tags (request, (const char * const *)run_tags);
  pw_flow_run_set_name (request, pw_rest_member_string (body, "name"));
  pw_flow_run_set_idempotency_key (request, pw_rest_member_string (body, "idempotency_key"));
  pw_flow_run_set_parent_task_run_id (request, pw_rest_member_string (body, "parent_task_run_id"));

  run = pw_store_create_flow_run (call->store, request, state, &created, &error);
  if (run == NULL)
    {
      pw_rest_call_error (call, error, "Deployment not found");
      return;
    }
  pw_rest_call_begin_json (call, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, &w);
  pw_rest_write_flow_run (&w, run, call->now);
  if (created)
    {
      pw_rest_call_queue_flow_run (call, pw_flow_run_get_id (run));
      pw_rest_call_queue_work_queues (call);
    }
}

static const PwRestRoute routes[] = {
  { "POST", "deployments", create_cb, PW_REST_ROUTE_MAIN | PW_REST_ROUTE_BODY },
  { "POST", "deployments/filter", filter_cb, PW_REST_ROUTE_THREAD },
  { "POST", "deployments/count", count_cb, PW_REST_ROUTE_THREAD },
  { "GET", "deployments/*", read_cb, PW_REST_ROUTE_THREAD },
  { "PATCH", "deployments/*", update_cb, PW_REST_ROUTE_MAIN | PW_REST_ROUTE_BODY },
  { "DELETE", "deployments/*", delete_cb, PW_REST_ROUTE_MAIN },
  { "GET", "deployments/name/*/*", read_by_name_cb, PW_REST_ROUTE_THREAD },
  { "POST", "deployments/*/create_flow_run", create_flow_run_cb, PW_REST_ROUTE_THREAD },
  { "POST", "deployments/*/schedule", schedule_cb, PW_REST_ROUTE_THREAD },
  { "POST", "deployments/*/set_schedule_active", set_active_cb, PW_REST_ROUTE_MAIN },
  { "POST", "deployments/*/set_schedule_inactive", set_inactive_cb, PW_REST_ROUTE_MAIN },
};

void
_pw_rest_server_add_deployment_routes (PwRestServer *self)
{
  pw_rest_server_add_routes (self, routes, G_N_ELEMENTS (routes));
}
