/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-local-backend"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-flow-file.h"
#include "pw-local-backend-private.h"
#include "pw-scheduler.h"

/*
 * The deployment and work-queue operations of PwLocalBackend. Each runs in
 * a worker thread on the store; changes are announced on the backend's
 * main context. Saving or resuming a deployment schedules its next runs
 * at once (the scheduler service, started by whoever runs one, keeps them
 * going), so that they show straight away.
 */

typedef enum
{
  OP_LIST_DEPLOYMENTS,
  OP_GET_DEPLOYMENT,
  OP_SAVE_DEPLOYMENT,
  OP_DELETE_DEPLOYMENT,
  OP_PAUSE_DEPLOYMENT,
  OP_RUN_DEPLOYMENT,
  OP_PREVIEW_DEPLOYMENT,
  OP_LIST_WORK_QUEUES,
  OP_GET_WORK_QUEUE,
  OP_CREATE_WORK_QUEUE,
  OP_UPDATE_WORK_QUEUE,
  OP_DELETE_WORK_QUEUE,
  OP_PAUSE_WORK_QUEUE,
  OP_PREVIEW_WORK_QUEUE,
  OP_WORK_QUEUE_STATUS,
} OpKind;

typedef struct
{
  OpKind        kind;
  char         *id;           /* deployment id */
  char         *flow_name;
  char         *name;         /* deployment or queue name */
  char         *parameters;
  GStrv         tags;
  gboolean      paused;
  guint         n;
  GDateTime    *until;
  PwDeployment *deployment;
  PwWorkQueue  *queue;
} Op;

static void
op_free (Op *op)
{
  g_free (op->id);
  g_free (op->flow_name);
  g_free (op->name);
  g_free (op->parameters);
  g_strfreev (op->tags);
  g_clear_pointer (&op->until, g_date_time_unref);
  g_clear_object (&op->deployment);
  g_clear_object (&op->queue);
  g_free (op);
}

/* Store errors in the backend's words, so that front ends tell a missing
 * thing from a bad request whatever the backend. */
static GError *
backend_error (GError *error)
{
  int code;

  if (error->domain == PW_STORE_ERROR)
    {
      switch (error->code)
        {
        case PW_STORE_ERROR_NOT_FOUND:
          code = PW_BACKEND_ERROR_NOT_FOUND;
          break;
        case PW_STORE_ERROR_INVALID:
        case PW_STORE_ERROR_CONFLICT:
          code = PW_BACKEND_ERROR_INVALID;
          break;
        default:
          return error;
        }
    }
  else if (error->domain == PW_DEPLOYMENT_ERROR || error->domain == PW_FLOW_ERROR)
    code = PW_BACKEND_ERROR_INVALID;
  else
    return error;

  error->domain = PW_BACKEND_ERROR;
  error->code = code;
  return error;
}

static gboolean
emit_deployments_changed_cb (gpointer data)
{
  pw_backend_emit_deployments_changed (PW_BACKEND (data));
  return G_SOURCE_REMOVE;
}

static gboolean
emit_work_queues_changed_cb (gpointer data)
{
  pw_backend_emit_work_queues_changed (PW_BACKEND (data));
  return G_SOURCE_REMOVE;
}

typedef struct
{
  PwBackend *backend;
  char      *flow_run_id;
} RunChanged;

static gboolean
emit_flow_run_changed_cb (gpointer data)
{
  RunChanged *changed = data;

  pw_backend_emit_flow_run_changed (changed->backend, changed->flow_run_id);
  return G_SOURCE_REMOVE;
}

static void
run_changed_free (gpointer data)
{
  RunChanged *changed = data;

  g_object_unref (changed->backend);
  g_free (changed->flow_run_id);
  g_free (changed);
}

static void
queue_signal (PwLocalBackend *self,
              GSourceFunc     func)
{
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, func,
                              g_object_ref (self), g_object_unref);
}

static GDateTime *
backend_now (PwLocalBackend *self)
{
  return pw_clock_get_now (pw_engine_get_clock (self->engine));
}

/* Makes the deployment's next runs now; the service would in a moment. A
 * failure (a busy database) is left to the service. */
static void
schedule_now (PwLocalBackend *self,
              const char     *deployment_id)
{
  g_autoptr(PwScheduler) scheduler = pw_scheduler_new (self->store,
                                                       pw_engine_get_clock (self->engine));
  g_autoptr(GError) error = NULL;

  if (!pw_scheduler_schedule_deployment (scheduler, deployment_id, &error))
    g_debug ("Could not schedule deployment %s yet: %s", deployment_id, error->message);
}

static PwFlow *
load_latest_flow (PwLocalBackend  *self,
                  const char      *flow_name,
                  GError         **error)
{
  g_autofree char *document = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(GError) local_error = NULL;
  guint version = 0;

  document = pw_store_get_flow_document (self->store, flow_name, 0, &version, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND,
                     _("There is no flow named “%s”; import it first"
                       " (pipewright-cli flow import FILE)"),
                     flow_name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  origin = g_strdup_printf (_("flow “%s” version %u"), flow_name, version);
  return pw_flow_file_load_data (document, strlen (document), origin, NULL, error);
}

static GListModel *
model_from_array (GType      item_type,
                  GPtrArray *items)
{
  GListStore *store = g_list_store_new (item_type);

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}

static PwDeployment *
save_deployment (PwLocalBackend  *self,
                 PwDeployment    *deployment,
                 GError         **error)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwDeployment) stored = NULL;

  flow = load_latest_flow (self, pw_deployment_get_flow_name (deployment), error);
  if (flow == NULL || !pw_deployment_check_parameters (deployment, flow, error))
    return NULL;

  stored = pw_store_put_deployment (self->store, deployment, NULL, error);
  if (stored == NULL)
    return NULL;

  schedule_now (self, pw_deployment_get_id (stored));
  queue_signal (self, emit_deployments_changed_cb);
  queue_signal (self, emit_work_queues_changed_cb);
  return g_steal_pointer (&stored);
}

static PwDeployment *
pause_deployment (PwLocalBackend  *self,
                  const char      *id,
                  gboolean         paused,
                  GError         **error)
{
  if (!pw_store_set_deployment_paused (self->store, id, paused, error))
    return NULL;
  if (!paused)
    schedule_now (self, id);

  queue_signal (self, emit_deployments_changed_cb);
  return pw_store_get_deployment (self->store, id, error);
}

/* Prefect's POST /deployments/{id}/create_flow_run: SCHEDULED for now,
 * parameters over the deployment's, tags before the deployment's. */
static PwFlowRun *
run_deployment (PwLocalBackend      *self,
                const char          *id,
                const char          *parameters,
                const char * const  *tags,
                GError             **error)
{
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) request = NULL;
  g_autoptr(PwState) state = NULL;
  g_autoptr(GDateTime) now = backend_now (self);
  g_autofree char *merged = NULL;
  g_autofree char *queue = NULL;
  g_auto(GStrv) run_tags = NULL;
  PwFlowRun *run;

  deployment = pw_store_get_deployment (self->store, id, error);
  if (deployment == NULL)
    return NULL;

  merged = pw_deployment_merge_parameters (pw_deployment_get_parameters (deployment),
                                           parameters, error);
  if (merged == NULL)
    return NULL;

  /* The run's parameters must suit the flow it will run. */
  flow = load_latest_flow (self, pw_deployment_get_flow_name (deployment), error);
  if (flow == NULL)
    return NULL;
  {
    g_autoptr(PwDeployment) check = pw_deployment_copy (deployment);

    pw_deployment_set_parameters (check, merged);
    if (!pw_deployment_check_parameters (check, flow, error))
      return NULL;
  }

  run_tags = pw_deployment_merge_tags (tags, pw_deployment_get_tags (deployment));
  queue = pw_store_route_work_queue (self->store, pw_deployment_get_work_queue_name (deployment),
                                     pw_deployment_get_tags (deployment), error);
  if (queue == NULL)
    return NULL;

  request = pw_flow_run_new ();
  pw_flow_run_set_flow_id (request, pw_deployment_get_flow_id (deployment));
  pw_flow_run_set_deployment_id (request, id);
  pw_flow_run_set_work_queue_name (request, queue);
  pw_flow_run_set_parameters (request, merged);
  pw_flow_run_set_tags (request, (const char * const *)run_tags);
  pw_flow_run_set_expected_start_time (request, now);

  state = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  pw_state_set_scheduled_time (state, now);
  pw_state_set_timestamp (state, now);

  run = pw_store_create_flow_run (self->store, request, state, NULL, error);
  if (run != NULL)
    {
      RunChanged *changed = g_new0 (RunChanged, 1);

      changed->backend = g_object_ref (PW_BACKEND (self));
      changed->flow_run_id = g_strdup (pw_flow_run_get_id (run));
      g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_flow_run_changed_cb,
                                  changed, run_changed_free);
      queue_signal (self, emit_work_queues_changed_cb);
    }

  return run;
}

static GPtrArray *
preview_deployment (PwLocalBackend  *self,
                    const char      *id,
                    guint            n,
                    GError         **error)
{
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GDateTime) now = NULL;
  PwSchedule *schedule;

  deployment = pw_store_get_deployment (self->store, id, error);
  if (deployment == NULL)
    return NULL;

  schedule = pw_deployment_get_schedule (deployment);
  if (schedule == NULL || n == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);

  now = backend_now (self);
  return pw_schedule_get_next (schedule, now, n, NULL);
}

static GListModel *
preview_work_queue (PwLocalBackend  *self,
                    const char      *name,
                    GDateTime       *until,
                    guint            limit,
                    GError         **error)
{
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  queue = pw_store_get_work_queue (self->store, name, error);
  if (queue == NULL)
    return NULL;

  runs = pw_store_list_upcoming_runs (self->store, name, until, limit, error);
  if (runs == NULL)
    return NULL;

  return model_from_array (PW_TYPE_FLOW_RUN, runs);
}

static PwWorkQueue *
pause_work_queue (PwLocalBackend  *self,
                  const char      *name,
                  gboolean         paused,
                  GError         **error)
{
  if (!pw_store_set_work_queue_paused (self->store, name, paused, error))
    return NULL;

  queue_signal (self, emit_work_queues_changed_cb);
  return pw_store_get_work_queue (self->store, name, error);
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  PwLocalBackend *self = source_object;
  Op *op = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify destroy = g_object_unref;
  gboolean done = FALSE;
  g_autoptr(GPtrArray) items = NULL;

  switch (op->kind)
    {
    case OP_LIST_DEPLOYMENTS:
      items = pw_store_list_deployments (self->store, op->flow_name, &error);
      if (items != NULL)
        result = model_from_array (PW_TYPE_DEPLOYMENT, items);
      break;

    case OP_GET_DEPLOYMENT:
      result = pw_store_find_deployment (self->store, op->flow_name, op->name, &error);
      break;

    case OP_SAVE_DEPLOYMENT:
      result = save_deployment (self, op->deployment, &error);
      break;

    case OP_DELETE_DEPLOYMENT:
      done = pw_store_delete_deployment (self->store, op->id, &error);
      if (done)
        queue_signal (self, emit_deployments_changed_cb);
      break;

    case OP_PAUSE_DEPLOYMENT:
      result = pause_deployment (self, op->id, op->paused, &error);
      break;

    case OP_RUN_DEPLOYMENT:
      result = run_deployment (self, op->id, op->parameters, (const char * const *)op->tags,
                               &error);
      break;

    case OP_PREVIEW_DEPLOYMENT:
      result = preview_deployment (self, op->id, op->n, &error);
      destroy = (GDestroyNotify)g_ptr_array_unref;
      break;

    case OP_LIST_WORK_QUEUES:
      items = pw_store_list_work_queues (self->store, &error);
      if (items != NULL)
        result = model_from_array (PW_TYPE_WORK_QUEUE, items);
      break;

    case OP_GET_WORK_QUEUE:
      result = pw_store_get_work_queue (self->store, op->name, &error);
      break;

    case OP_CREATE_WORK_QUEUE:
      result = pw_store_create_work_queue (self->store, op->queue, &error);
      if (result != NULL)
        queue_signal (self, emit_work_queues_changed_cb);
      break;

    case OP_UPDATE_WORK_QUEUE:
      result = pw_store_update_work_queue (self->store, op->queue, &error);
      if (result != NULL)
        {
          queue_signal (self, emit_work_queues_changed_cb);
          queue_signal (self, emit_deployments_changed_cb);
        }
      break;

    case OP_DELETE_WORK_QUEUE:
      done = pw_store_delete_work_queue (self->store, op->name, &error);
      if (done)
        queue_signal (self, emit_work_queues_changed_cb);
      break;

    case OP_PAUSE_WORK_QUEUE:
      result = pause_work_queue (self, op->name, op->paused, &error);
      break;

    case OP_PREVIEW_WORK_QUEUE:
      result = preview_work_queue (self, op->name, op->until, op->n, &error);
      break;

    case OP_WORK_QUEUE_STATUS:
      {
        g_autoptr(GDateTime) now = backend_now (self);

        result = pw_store_get_work_queue_status (self->store, op->name, now, &error);
        destroy = (GDestroyNotify)pw_work_queue_status_free;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_error (task, backend_error (error));
  else if (op->kind == OP_DELETE_DEPLOYMENT || op->kind == OP_DELETE_WORK_QUEUE)
    g_task_return_boolean (task, done);
  else
    g_task_return_pointer (task, result, destroy);
}

static Op *
start_op (gpointer             backend,
          gpointer             source_tag,
          OpKind               kind,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          GTask              **out_task)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify)op_free);
  *out_task = task;
  return op;
}

static void
run_op (GTask *task)
{
  g_task_run_in_thread (task, op_thread);
  g_object_unref (task);
}

/* The finish functions differ only in what they return. */
#define POINTER_FINISH(func, type)                                             \
  static type *                                                                \
  func (PwBackend     *backend,                                                \
        GAsyncResult  *result,                                                 \
        GError       **error)                                                  \
  {                                                                            \
    g_return_val_if_fail (g_task_is_valid (result, backend), NULL);            \
    return g_task_propagate_pointer (G_TASK (result), error);                  \
  }

POINTER_FINISH (model_finish, GListModel)
POINTER_FINISH (deployment_finish, PwDeployment)
POINTER_FINISH (flow_run_finish, PwFlowRun)
POINTER_FINISH (times_finish, GPtrArray)
POINTER_FINISH (work_queue_finish, PwWorkQueue)
POINTER_FINISH (status_finish, PwWorkQueueStatus)

static gboolean
boolean_finish (PwBackend     *backend,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deployments */

static void
list_deployments_async (PwBackend           *backend,
                        const char          *flow_name,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, list_deployments_async, OP_LIST_DEPLOYMENTS,
                     cancellable, callback, user_data, &task);

  op->flow_name = g_strdup (flow_name);
  run_op (task);
}

static void
get_deployment_async (PwBackend           *backend,
                      const char          *flow_name,
                      const char          *name,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, get_deployment_async, OP_GET_DEPLOYMENT,
                     cancellable, callback, user_data, &task);

  op->flow_name = g_strdup (flow_name);
  op->name = g_strdup (name);
  run_op (task);
}

static void
save_deployment_async (PwBackend           *backend,
                       PwDeployment        *deployment,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, save_deployment_async, OP_SAVE_DEPLOYMENT,
                     cancellable, callback, user_data, &task);

  /* A copy made here, where @deployment lives, so that later edits by the
   * caller cannot race with the worker. */
  op->deployment = pw_deployment_copy (deployment);
  run_op (task);
}

static void
delete_deployment_async (PwBackend           *backend,
                         const char          *id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, delete_deployment_async, OP_DELETE_DEPLOYMENT,
                     cancellable, callback, user_data, &task);

  op->id = g_strdup (id);
  run_op (task);
}

static void
set_deployment_paused_async (PwBackend           *backend,
                             const char          *id,
                             gboolean             paused,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, set_deployment_paused_async, OP_PAUSE_DEPLOYMENT,
                     cancellable, callback, user_data, &task);

  op->id = g_strdup (id);
  op->paused = paused;
  run_op (task);
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
  GTask *task;
  Op *op = start_op (backend, run_deployment_async, OP_RUN_DEPLOYMENT,
                     cancellable, callback, user_data, &task);

  op->id = g_strdup (id);
  op->parameters = g_strdup (parameters);
  op->tags = g_strdupv ((char **)tags);
  run_op (task);
}

static void
preview_deployment_async (PwBackend           *backend,
                          const char          *id,
                          guint                n,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, preview_deployment_async, OP_PREVIEW_DEPLOYMENT,
                     cancellable, callback, user_data, &task);

  op->id = g_strdup (id);
  op->n = n;
  run_op (task);
}

/* Work queues */

static void
list_work_queues_async (PwBackend           *backend,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  start_op (backend, list_work_queues_async, OP_LIST_WORK_QUEUES,
            cancellable, callback, user_data, &task);
  run_op (task);
}

static void
get_work_queue_async (PwBackend           *backend,
                      const char          *name,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, get_work_queue_async, OP_GET_WORK_QUEUE,
                     cancellable, callback, user_data, &task);

  op->name = g_strdup (name);
  run_op (task);
}

static void
create_work_queue_async (PwBackend           *backend,
                         PwWorkQueue         *queue,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, create_work_queue_async, OP_CREATE_WORK_QUEUE,
                     cancellable, callback, user_data, &task);

  op->queue = pw_work_queue_copy (queue);
  run_op (task);
}

static void
update_work_queue_async (PwBackend           *backend,
                         PwWorkQueue         *queue,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, update_work_queue_async, OP_UPDATE_WORK_QUEUE,
                     cancellable, callback, user_data, &task);

  op->queue = pw_work_queue_copy (queue);
  run_op (task);
}

static void
delete_work_queue_async (PwBackend           *backend,
                         const char          *name,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, delete_work_queue_async, OP_DELETE_WORK_QUEUE,
                     cancellable, callback, user_data, &task);

  op->name = g_strdup (name);
  run_op (task);
}

static void
set_work_queue_paused_async (PwBackend           *backend,
                             const char          *name,
                             gboolean             paused,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, set_work_queue_paused_async, OP_PAUSE_WORK_QUEUE,
                     cancellable, callback, user_data, &task);

  op->name = g_strdup (name);
  op->paused = paused;
  run_op (task);
}

static void
preview_work_queue_async (PwBackend           *backend,
                          const char          *name,
                          GDateTime           *until,
                          guint                limit,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, preview_work_queue_async, OP_PREVIEW_WORK_QUEUE,
                     cancellable, callback, user_data, &task);

  op->name = g_strdup (name);
  op->until = until != NULL ? g_date_time_ref (until) : NULL;
  op->n = limit;
  run_op (task);
}

static void
get_work_queue_status_async (PwBackend           *backend,
                             const char          *name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Op *op = start_op (backend, get_work_queue_status_async, OP_WORK_QUEUE_STATUS,
                     cancellable, callback, user_data, &task);

  op->name = g_strdup (name);
  run_op (task);
}

void
_pw_local_backend_init_deployments (PwBackendInterface *iface)
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

  iface->list_work_queues_async = list_work_queues_async;
  iface->list_work_queues_finish = model_finish;
  iface->get_work_queue_async = get_work_queue_async;
  iface->get_work_queue_finish = work_queue_finish;
  iface->create_work_queue_async = create_work_queue_async;
  iface->create_work_queue_finish = work_queue_finish;
  iface->update_work_queue_async = update_work_queue_async;
  iface->update_work_queue_finish = work_queue_finish;
  iface->delete_work_queue_async = delete_work_queue_async;
  iface->delete_work_queue_finish = boolean_finish;
  iface->set_work_queue_paused_async = set_work_queue_paused_async;
  iface->set_work_queue_paused_finish = work_queue_finish;
  iface->preview_work_queue_async = preview_work_queue_async;
  iface->preview_work_queue_finish = model_finish;
  iface->get_work_queue_status_async = get_work_queue_status_async;
  iface->get_work_queue_status_finish = status_finish;
}
