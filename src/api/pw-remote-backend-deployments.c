/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-remote-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-remote-backend-private.h"

/*
 * Deployments and work queues on a server, through Prefect's endpoints
 * (API.md §9–10), which a Pipewright server serves as well. Prefect names
 * deployments by flow id and queues by id; the backend's operations name
 * them as the app does (FLOW/NAME, the queue's name), so a few operations
 * look the id up first.
 */

#define PAGE PW_REST_MAX_LIMIT

/* Parsers (worker threads) */

static gpointer
parse_deployment (JsonNode  *root,
                  GBytes    *body,
                  gpointer   data,
                  GError   **error)
{
  return pw_rest_read_deployment (root, error);
}

static gpointer
parse_deployments (JsonNode  *root,
                   GBytes    *body,
                   gpointer   data,
                   GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("The server sent something else than a list of deployments"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      PwDeployment *deployment = pw_rest_read_deployment (json_array_get_element (json_node_get_array (root), i), error);

      if (deployment == NULL)
        return NULL;
      g_ptr_array_add (items, deployment);
    }
  return g_steal_pointer (&items);
}




static gpointer
parse_flow_run (JsonNode  *root,
                GBytes    *body,
                gpointer   data,
                GError   **error)
{
  return pw_rest_read_flow_run (root, error);
}

static gpointer
parse_flow_id (JsonNode  *root,
               GBytes    *body,
               gpointer   data,
               GError   **error)
{
  g_autoptr(PwFlowInfo) info = pw_rest_read_flow (root, error);

  return info != NULL ? g_strdup (pw_flow_info_get_id (info)) : NULL;
}


void
_pw_remote_op_free (PwRemoteOp *op)
{
  g_free (op->flow_name);
  g_free (op->name);
  g_free (op->id);
  g_clear_object (&op->deployment);
  g_clear_object (&op->queue);
  g_free (op->parameters);
  g_strfreev (op->tags);
  g_clear_pointer (&op->until, g_date_time_unref);
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_free (op);
}

GTask *
_pw_remote_op_task_new (gpointer             backend,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  PwRemoteOp *op = g_new0 (PwRemoteOp, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify)_pw_remote_op_free);
  return task;
}

void
_pw_remote_op_send (PwRemoteBackend     *self,
      GTask               *task,
      PwRemoteRequest     *request,
      GAsyncReadyCallback  callback)
{
  _pw_remote_send_async (self, request, g_task_get_cancellable (task), callback, task);
}

/* Returns what a step got, or fails @task (and drops it). */
gpointer
_pw_remote_op_step (GObject      *object,
             GAsyncResult *result,
             GTask        *task)
{
  GError *error = NULL;
  gpointer value = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);

  if (value == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }
  return value;
}

static GPtrArray *
deployment_array (PwDeployment *deployment)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (array, g_object_ref (deployment));
  return array;
}

/* Flow names of deployments: the flow-name cache, filled as for runs. */

typedef struct
{
  GTask     *task;
  GPtrArray *deployments;
  GPtrArray *runs;     /* stand-ins carrying the flow ids */
} Naming;

static void
named_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Naming *naming = user_data;
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  GError *error = NULL;

  if (!_pw_remote_fill_flow_names_finish (self, result, &error))
    g_task_return_error (naming->task, error);
  else
    {
      for (guint i = 0; i < naming->deployments->len; i++)
        {
          PwDeployment *deployment = g_ptr_array_index (naming->deployments, i);
          const char *name = g_hash_table_lookup (self->flow_names, pw_deployment_get_flow_id (deployment));

          if (pw_deployment_get_flow_name (deployment) == NULL)
            pw_deployment_set_flow_name (deployment, name);
        }
      g_task_return_boolean (naming->task, TRUE);
    }
  g_object_unref (naming->task);
  g_ptr_array_unref (naming->deployments);
  g_ptr_array_unref (naming->runs);
  g_free (naming);
}

static void
name_deployments_async (PwRemoteBackend     *self,
                        GPtrArray           *deployments,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Naming *naming = g_new0 (Naming, 1);

  naming->task = g_task_new (self, cancellable, callback, user_data);
  naming->deployments = g_ptr_array_ref (deployments);
  naming->runs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < deployments->len; i++)
    {
      PwFlowRun *stand_in = pw_flow_run_new ();

      pw_flow_run_set_flow_id (stand_in, pw_deployment_get_flow_id (g_ptr_array_index (deployments, i)));
      g_ptr_array_add (naming->runs, stand_in);
    }
  _pw_remote_fill_flow_names_async (self, naming->runs, cancellable, named_cb, naming);
}

/* list_deployments */

static int
compare_deployments (gconstpointer a,
                     gconstpointer b)
{
  PwDeployment *x = *(PwDeployment **)a;
  PwDeployment *y = *(PwDeployment **)b;
  int c = g_strcmp0 (pw_deployment_get_flow_name (x), pw_deployment_get_flow_name (y));

  return c != 0 ? c : g_strcmp0 (pw_deployment_get_name (x), pw_deployment_get_name (y));
}

static void request_deployment_page (PwRemoteBackend *self,
                                     GTask           *task);

static void
deployments_named_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  GListStore *store;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_sort (op->items, compare_deployments);
  store = g_list_store_new (PW_TYPE_DEPLOYMENT);
  g_list_store_splice (store, 0, 0, op->items->pdata, op->items->len);
  g_task_return_pointer (task, store, g_object_unref);
}

static void
deployment_page_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  GTask *task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  GPtrArray *page = _pw_remote_op_step (object, result, task);
  guint got;

  if (page == NULL)
    return;
  got = page->len;
  g_ptr_array_extend_and_steal (op->items, page);
  if (got == PAGE)
    {
      op->offset += got;
      request_deployment_page (self, task);
      return;
    }
  name_deployments_async (self, op->items, g_task_get_cancellable (task), deployments_named_cb, task);
}

static void
request_deployment_page (PwRemoteBackend *self,
                         GTask           *task)
{
  PwRemoteOp *op = g_task_get_task_data (task);
  GString *body = g_string_new (NULL);
  PwRemoteRequest *request;
  PwJsonWriter w;

  pw_json_writer_init (&w, body);
  pw_json_writer_begin_object (&w);
  if (op->flow_name != NULL)
    {
      pw_json_writer_member (&w, "flows");
      pw_json_writer_begin_object (&w);
      pw_json_writer_member (&w, "name");
      pw_json_writer_begin_object (&w);
      pw_json_writer_member (&w, "any_");
      pw_json_writer_begin_array (&w);
      pw_json_writer_string (&w, op->flow_name);
      pw_json_writer_end_array (&w);
      pw_json_writer_end_object (&w);
      pw_json_writer_end_object (&w);
    }
  pw_json_writer_member (&w, "sort");
  pw_json_writer_string (&w, "NAME_ASC");
  pw_json_writer_member (&w, "limit");
  pw_json_writer_int (&w, PAGE);
  pw_json_writer_member (&w, "offset");
  pw_json_writer_int (&w, op->offset);
  pw_json_writer_end_object (&w);

  request = _pw_remote_request_new ("POST", "/deployments/filter", body);
  request->parse = parse_deployments;
  request->result_free = (GDestroyNotify)g_ptr_array_unref;
  _pw_remote_op_send (self, task, request, deployment_page_cb);
}

static void
list_deployments_async (PwBackend           *backend,
                        const char          *flow_name,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, list_deployments_async, cancellable, callback, user_data);
  PwRemoteOp *op = g_task_get_task_data (task);

  op->flow_name = g_strdup (flow_name);
  op->items = g_ptr_array_new_with_free_func (g_object_unref);
  request_deployment_page (PW_REMOTE_BACKEND (backend), task);
}

static GListModel *
model_finish (PwBackend     *backend,
              GAsyncResult  *result,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One deployment back, with its flow's name */

static void
one_named_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (op->deployment), g_object_unref);
}

static void
deployment_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) array = NULL;
  PwDeployment *deployment = _pw_remote_op_step (object, result, task);

  if (deployment == NULL)
    return;
  g_clear_object (&op->deployment);
  op->deployment = deployment;
  if (op->flow_name != NULL && pw_deployment_get_flow_name (deployment) == NULL)
    pw_deployment_set_flow_name (deployment, op->flow_name);
  array = deployment_array (deployment);
  name_deployments_async (PW_REMOTE_BACKEND (object), array, g_task_get_cancellable (task),
                          one_named_cb, task);
}

static void
read_deployment_by_id (PwRemoteBackend *self,
                       GTask           *task,
                       const char      *id)
{
  g_autofree char *escaped = _pw_remote_escape (id);
  g_autofree char *path = g_strconcat ("/deployments/", escaped, NULL);
  PwRemoteRequest *request = _pw_remote_request_new ("GET", path, NULL);

  request->parse = parse_deployment;
  request->result_free = g_object_unref;
  _pw_remote_request_set_not_found (request, _("Deployment not found"));
  _pw_remote_op_send (self, task, request, deployment_read_cb);
}

static void
get_deployment_async (PwBackend           *backend,
                      const char          *flow_name,
                      const char          *name,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, get_deployment_async, cancellable, callback, user_data);
  PwRemoteOp *op = g_task_get_task_data (task);
  g_autofree char *flow = _pw_remote_escape (flow_name);
  g_autofree char *escaped = _pw_remote_escape (name);
  g_autofree char *path = g_strdup_printf ("/deployments/name/%s/%s", flow, escaped);
  g_autofree char *missing = g_strdup_printf (_("There is no deployment “%s/%s”"), flow_name, name);
  PwRemoteRequest *request = _pw_remote_request_new ("GET", path, NULL);

  op->flow_name = g_strdup (flow_name);
  request->parse = parse_deployment;
  request->result_free = g_object_unref;
  _pw_remote_request_set_not_found (request, missing);
  _pw_remote_op_send (PW_REMOTE_BACKEND (backend), task, request, deployment_read_cb);
}

static PwDeployment *
deployment_finish (PwBackend     *backend,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* save_deployment: the flow's id, then the upsert */

static void
flow_found_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  g_autofree char *flow_id = _pw_remote_op_step (object, result, task);
  PwDeployment *deployment = op->deployment;
  PwSchedule *schedule = pw_deployment_get_schedule (deployment);
  GString *body;
  PwRemoteRequest *request;
  PwJsonWriter w;

  if (flow_id == NULL)
    return;

  body = g_string_new (NULL);
  pw_json_writer_init (&w, body);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "name");
  pw_json_writer_string (&w, pw_deployment_get_name (deployment));
  pw_json_writer_member (&w, "flow_id");
  pw_json_writer_string (&w, flow_id);
  pw_json_writer_member (&w, "schedule");
  if (schedule != NULL)
    {
      g_autoptr(JsonNode) node = pw_schedule_to_json (schedule);
      pw_json_writer_node (&w, node);
    }
  else
    pw_json_writer_null (&w);
  pw_json_writer_member (&w, "is_schedule_active");
  pw_json_writer_bool (&w, !pw_deployment_get_paused (deployment));
  pw_json_writer_member (&w, "parameters");
  pw_json_writer_raw (&w, pw_deployment_get_parameters (deployment), "{}");
  pw_json_writer_member (&w, "tags");
  pw_json_writer_strv (&w, pw_deployment_get_tags (deployment));
  pw_json_writer_member (&w, "work_queue_name");
  pw_json_writer_string (&w, pw_deployment_get_work_queue_name (deployment));
  pw_json_writer_member (&w, "description");
  pw_json_writer_string (&w, pw_deployment_get_description (deployment));
  pw_json_writer_end_object (&w);

  request = _pw_remote_request_new ("POST", "/deployments/", body);
  request->parse = parse_deployment;
  request->result_free = g_object_unref;
  _pw_remote_op_send (PW_REMOTE_BACKEND (object), task, request, deployment_read_cb);
}

static void
save_deployment_async (PwBackend           *backend,
                       PwDeployment        *deployment,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, save_deployment_async, cancellable, callback, user_data);
  PwRemoteOp *op = g_task_get_task_data (task);
  g_autofree char *escaped = _pw_remote_escape (pw_deployment_get_flow_name (deployment));
  g_autofree char *path = g_strconcat ("/flows/name/", escaped, NULL);
  g_autofree char *missing = g_strdup_printf (_("There is no flow named “%s” on the server"),
                                              pw_deployment_get_flow_name (deployment));
  PwRemoteRequest *request = _pw_remote_request_new ("GET", path, NULL);

  op->deployment = pw_deployment_copy (deployment);
  op->flow_name = g_strdup (pw_deployment_get_flow_name (deployment));
  request->parse = parse_flow_id;
  request->result_free = g_free;
  _pw_remote_request_set_not_found (request, missing);
  _pw_remote_op_send (PW_REMOTE_BACKEND (backend), task, request, flow_found_cb);
}

/* delete_deployment */

void
_pw_remote_op_done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;

  if (_pw_remote_op_step (object, result, task) == NULL)
    return;
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
delete_deployment_async (PwBackend           *backend,
                         const char          *id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, delete_deployment_async, cancellable, callback, user_data);
  g_autofree char *escaped = _pw_remote_escape (id);
  g_autofree char *path = g_strconcat ("/deployments/", escaped, NULL);
  PwRemoteRequest *request = _pw_remote_request_new ("DELETE", path, NULL);

  _pw_remote_request_set_not_found (request, _("Deployment not found"));
  _pw_remote_op_send (PW_REMOTE_BACKEND (backend), task, request, _pw_remote_op_done_cb);
}

static gboolean
boolean_finish (PwBackend     *backend,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* set_deployment_paused */

static void
pause_set_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);

  if (_pw_remote_op_step (object, result, task) == NULL)
    return;
  read_deployment_by_id (PW_REMOTE_BACKEND (object), task, op->id);
}

static void
set_deployment_paused_async (PwBackend           *backend,
                             const char          *id,
                             gboolean             paused,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, set_deployment_paused_async, cancellable, callback, user_data);
  PwRemoteOp *op = g_task_get_task_data (task);
  g_autofree char *escaped = _pw_remote_escape (id);
  g_autofree char *path = g_strdup_printf ("/deployments/%s/%s", escaped,
                                           paused ? "set_schedule_inactive" : "set_schedule_active");
  PwRemoteRequest *request = _pw_remote_request_new ("POST", path, NULL);

  op->id = g_strdup (id);
  _pw_remote_request_set_not_found (request, _("Deployment not found"));
  _pw_remote_op_send (PW_REMOTE_BACKEND (backend), task, request, pause_set_cb);
}

/* run_deployment */

static void
run_named_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!_pw_remote_fill_flow_names_finish (PW_REMOTE_BACKEND (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (g_ptr_array_index (op->items, 0)), g_object_unref);
}

void
_pw_remote_op_return_runs (PwRemoteBackend *self,
             GTask           *task,
             GPtrArray       *runs,
             GAsyncReadyCallback callback)
{
  PwRemoteOp *op = g_task_get_task_data (task);

  op->items = runs;
  _pw_remote_fill_flow_names_async (self, runs, g_task_get_cancellable (task), callback, task);
}

static void
run_created_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  PwFlowRun *run = _pw_remote_op_step (object, result, task);
  GPtrArray *runs;

  if (run == NULL)
    return;
  runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (runs, run);
  _pw_remote_op_return_runs (PW_REMOTE_BACKEND (object), task, runs, run_named_cb);
}

static void
run_deployment_async (PwBackend           *backend,
                      const char          *id,
                      const char          *parameters,
                      const char * const  *tags,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, run_deployment_async, cancellable, callback, user_data);
  g_autofree char *escaped = _pw_remote_escape (id);
  g_autofree char *path = g_strdup_printf ("/deployments/%s/create_flow_run", escaped);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonNode) params = NULL;
  PwRemoteRequest *request;
  GString *body;
  PwJsonWriter w;

  if (parameters != NULL &&
      ((params = pw_rest_parse_json (parameters, strlen (parameters), NULL)) == NULL ||
       !JSON_NODE_HOLDS_OBJECT (params)))
    {
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                               _("The run parameters are not a JSON object"));
      g_object_unref (task);
      return;
    }

  /* As Prefect's UI: SCHEDULED for now, for an agent of the queue. */
  body = g_string_new (NULL);
  pw_json_writer_init (&w, body);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "parameters");
  pw_json_writer_raw (&w, parameters, "{}");
  pw_json_writer_member (&w, "tags");
  pw_json_writer_strv (&w, tags);
  pw_json_writer_member (&w, "state");
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "type");
  pw_json_writer_string (&w, "SCHEDULED");
  pw_json_writer_member (&w, "state_details");
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "scheduled_time");
  pw_json_writer_time (&w, now);
  pw_json_writer_end_object (&w);
  pw_json_writer_end_object (&w);
  pw_json_writer_end_object (&w);

  request = _pw_remote_request_new ("POST", path, body);
  request->parse = parse_flow_run;
  request->result_free = g_object_unref;
  _pw_remote_request_set_not_found (request, _("Deployment not found"));
  _pw_remote_op_send (PW_REMOTE_BACKEND (backend), task, request, run_created_cb);
}

static PwFlowRun *
flow_run_finish (PwBackend     *backend,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* preview_deployment: the schedule's next times, computed here */

static void
preview_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  g_autoptr(PwDeployment) deployment = _pw_remote_op_step (object, result, task);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PwSchedule *schedule;

  if (deployment == NULL)
    return;
  schedule = pw_deployment_get_schedule (deployment);
  if (schedule == NULL || op->n == 0)
    g_task_return_pointer (task, g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref),
                           (GDestroyNotify)g_ptr_array_unref);
  else
    g_task_return_pointer (task, pw_schedule_get_next (schedule, now, op->n, NULL),
                           (GDestroyNotify)g_ptr_array_unref);
  g_object_unref (task);
}

static void
preview_deployment_async (PwBackend           *backend,
                          const char          *id,
                          guint                n,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, preview_deployment_async, cancellable, callback, user_data);
  PwRemoteOp *op = g_task_get_task_data (task);
  g_autofree char *escaped = _pw_remote_escape (id);
  g_autofree char *path = g_strconcat ("/deployments/", escaped, NULL);
  PwRemoteRequest *request = _pw_remote_request_new ("GET", path, NULL);

  op->n = n;
  request->parse = parse_deployment;
  request->result_free = g_object_unref;
  _pw_remote_request_set_not_found (request, _("Deployment not found"));
  _pw_remote_op_send (PW_REMOTE_BACKEND (backend), task, request, preview_read_cb);
}

static GPtrArray *
times_finish (PwBackend     *backend,
              GAsyncResult  *result,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_pw_remote_backend_init_deployments (PwBackendInterface *iface)
{
  iface->list_deployments_async = list_deployments_async;
  iface->list_deployments_finish = model_finish;
  iface->get_deployment_async = get_deployment_async;
  iface->get_deployment_finish = deployment_finish;
  iface->save_deployment_async = save_deployment_async;
  iface->save_deployment_finish = deployment_finish;
  iface->delete_deployment_async = delete_deployment_async;
  iface->delete_deployment_finish = boolean_finish;
  iface->set_deployment_paused_async = set_deployment_paused_async;
  iface->set_deployment_paused_finish = deployment_finish;
  iface->run_deployment_async = run_deployment_async;
  iface->run_deployment_finish = flow_run_finish;
  iface->preview_deployment_async = preview_deployment_async;
  iface->preview_deployment_finish = times_finish;

}
