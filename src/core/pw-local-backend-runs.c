/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-local-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-local-backend-private.h"
#include "pw-state.h"

/*
 * The run operations of PwLocalBackend: reads go to the store in worker
 * threads; runs are started and cancelled through the engine, which lives
 * on the backend's main context, and the engine's signals are passed on as
 * the backend's.
 */

static void
on_engine_flow_run_changed (PwLocalBackend *self,
                            const char     *flow_run_id)
{
  pw_backend_emit_flow_run_changed (PW_BACKEND (self), flow_run_id);
}

static void
on_engine_task_run_changed (PwLocalBackend *self,
                            const char     *flow_run_id,
                            const char     *task_run_id)
{
  pw_backend_emit_task_run_changed (PW_BACKEND (self), flow_run_id, task_run_id);
}

static void
on_engine_logs_appended (PwLocalBackend *self,
                         const char     *flow_run_id,
                         guint           n_lines)
{
  pw_backend_emit_logs_appended (PW_BACKEND (self), flow_run_id, n_lines);
}

void
_pw_local_backend_connect_engine (PwLocalBackend *self)
{
  g_signal_connect_object (self->engine, "flow-run-changed",
                           G_CALLBACK (on_engine_flow_run_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "task-run-changed",
                           G_CALLBACK (on_engine_task_run_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "logs-appended",
                           G_CALLBACK (on_engine_logs_appended), self, G_CONNECT_SWAPPED);
}

/* Reads */

typedef enum
{
  READ_FLOW_RUNS,
  COUNT_FLOW_RUNS,
  GET_FLOW_RUN,
  GET_TASK_RUN,
  READ_TASK_RUNS,
  READ_LOGS,
  READ_TASK_RUN_STATES,
} ReadKind;

typedef struct
{
  ReadKind         kind;
  PwFlowRunFilter *flow_run_filter;
  PwLogFilter     *log_filter;
  int              sort;
  guint            limit;
  guint            offset;
  char            *id;
} ReadOp;

static void
read_op_free (ReadOp *op)
{
  g_clear_pointer (&op->flow_run_filter, pw_flow_run_filter_free);
  g_clear_pointer (&op->log_filter, pw_log_filter_free);
  g_clear_pointer (&op->id, g_free);
  g_free (op);
}

static GListModel *
model_from_array (GType      item_type,
                  GPtrArray *items)
{
  GListStore *store = g_list_store_new (item_type);

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PwLocalBackend *self = source_object;
  ReadOp *op = task_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(PwTaskRunFilter) task_filter = NULL;
  GError *error = NULL;

  /* A read the caller gave up on while it waited for a worker (a page
   * scrolled past) is not run at all. */
  if (g_task_return_error_if_cancelled (task))
    return;

  switch (op->kind)
    {
    case READ_FLOW_RUNS:
      items = pw_store_list_flow_runs (self->store, op->flow_run_filter, op->sort,
                                       op->limit, op->offset, &error);
      if (items != NULL)
        g_task_return_pointer (task, model_from_array (PW_TYPE_FLOW_RUN, items), g_object_unref);
      break;

    case COUNT_FLOW_RUNS:
      {
        gint64 count = pw_store_count_flow_runs (self->store, op->flow_run_filter, &error);

        if (count >= 0)
          g_task_return_int (task, count);
        else
          g_assert (error != NULL);
      }
      break;

    case GET_FLOW_RUN:
      {
        PwFlowRun *run = pw_store_get_flow_run (self->store, op->id, &error);

        if (run != NULL)
          g_task_return_pointer (task, run, g_object_unref);
      }
      break;

    case GET_TASK_RUN:
      {
        PwTaskRun *task_run = pw_store_get_task_run (self->store, op->id, &error);

        if (task_run != NULL)
          g_task_return_pointer (task, task_run, g_object_unref);
      }
      break;

    case READ_TASK_RUNS:
      task_filter = pw_task_run_filter_new ();
      pw_task_run_filter_set_flow_run_id (task_filter, op->id);
      items = pw_store_list_task_runs (self->store, task_filter,
                                       PW_TASK_RUN_SORT_EXPECTED_START_TIME_ASC,
                                       G_MAXUINT, 0, &error);
      if (items != NULL)
        g_task_return_pointer (task, model_from_array (PW_TYPE_TASK_RUN, items), g_object_unref);
      break;

    case READ_LOGS:
      items = pw_store_list_logs (self->store, op->log_filter, op->sort,
                                  op->limit, op->offset, &error);
      if (items != NULL)
        g_task_return_pointer (task, model_from_array (PW_TYPE_LOG_ENTRY, items), g_object_unref);
      break;

    case READ_TASK_RUN_STATES:
      items = pw_store_list_flow_run_task_states (self->store, op->id, &error);
      if (items != NULL)
        g_task_return_pointer (task, model_from_array (PW_TYPE_STATE, items), g_object_unref);
      break;

    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_error (task, error);
}

static void
start_read (gpointer             backend,
            gpointer             source_tag,
            ReadOp              *op,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify)read_op_free);
  g_task_run_in_thread (task, read_thread);
}

static GListModel *
model_finish (PwBackend     *backend,
              GAsyncResult  *result,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static PwFlowRun *
flow_run_finish (PwBackend     *backend,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_flow_runs_async (PwBackend              *backend,
                      const PwFlowRunFilter  *filter,
                      PwFlowRunSort           sort,
                      guint                   limit,
                      guint                   offset,
                      GCancellable           *cancellable,
                      GAsyncReadyCallback     callback,
                      gpointer                user_data)
{
  ReadOp *op = g_new0 (ReadOp, 1);

  op->kind = READ_FLOW_RUNS;
  op->flow_run_filter = filter != NULL ? pw_flow_run_filter_copy (filter) : NULL;
  op->sort = sort;
  op->limit = limit;
  op->offset = offset;
  start_read (backend, list_flow_runs_async, op, cancellable, callback, user_data);
}

static void
count_flow_runs_async (PwBackend              *backend,
                       const PwFlowRunFilter  *filter,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  ReadOp *op = g_new0 (ReadOp, 1);

  op->kind = COUNT_FLOW_RUNS;
  op->flow_run_filter = filter != NULL ? pw_flow_run_filter_copy (filter) : NULL;
  start_read (backend, count_flow_runs_async, op, cancellable, callback, user_data);
}

static gint64
count_flow_runs_finish (PwBackend     *backend,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

static void
get_flow_run_async (PwBackend           *backend,
                    const char          *id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  ReadOp *op = g_new0 (ReadOp, 1);

  op->kind = GET_FLOW_RUN;
  op->id = g_strdup (id);
  start_read (backend, get_flow_run_async, op, cancellable, callback, user_data);
}

static void
get_task_run_async (PwBackend           *backend,
                    const char          *id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  ReadOp *op = g_new0 (ReadOp, 1);

  op->kind = GET_TASK_RUN;
  op->id = g_strdup (id);
  start_read (backend, get_task_run_async, op, cancellable, callback, user_data);
}

static PwTaskRun *
task_run_finish (PwBackend     *backend,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_task_runs_async (PwBackend           *backend,
                      const char          *flow_run_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  ReadOp *op = g_new0 (ReadOp, 1);

  op->kind = READ_TASK_RUNS;
  op->id = g_strdup (flow_run_id);
  start_read (backend, list_task_runs_async, op, cancellable, callback, user_data);
}

static void
list_logs_async (PwBackend           *backend,
                 const PwLogFilter   *filter,
                 PwLogSort            sort,
                 guint                limit,
                 guint                offset,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  ReadOp *op = g_new0 (ReadOp, 1);

  op->kind = READ_LOGS;
  op->log_filter = filter != NULL ? pw_log_filter_copy (filter) : NULL;
  op->sort = sort;
  op->limit = limit;
  op->offset = offset;
  start_read (backend, list_logs_async, op, cancellable, callback, user_data);
}

static void
list_task_run_states_async (PwBackend           *backend,
                            const char          *flow_run_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ReadOp *op = g_new0 (ReadOp, 1);

  op->kind = READ_TASK_RUN_STATES;
  op->id = g_strdup (flow_run_id);
  start_read (backend, list_task_run_states_async, op, cancellable, callback, user_data);
}

/* Starting runs */

static void
engine_run_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;

  /* The outcome reached everyone through flow-run-changed; an error here
   * means the engine could not go on with the store. */
  run = pw_engine_start_flow_run_finish (PW_ENGINE (object), result, &error);
  if (run == NULL)
    g_warning ("A flow run stopped: %s", error->message);
}

/* Loads the version @run was created for and starts it in the engine. */
static gboolean
start_run (PwLocalBackend  *self,
           PwFlowRun       *run,
           GError         **error)
{
  g_autoptr(PwFlow) flow = NULL;

  flow = pw_engine_load_flow_version (self->engine, pw_flow_run_get_id (run), error);
  if (flow == NULL)
    return FALSE;

  pw_engine_start_flow_run_async (self->engine, flow, pw_flow_run_get_id (run), NULL,
                                  engine_run_done_cb, NULL);
  return TRUE;
}

/* Starts @run (just created, or NULL with @error set) and returns it. */
static void
return_started_run (PwLocalBackend *self,
                    GTask          *task,
                    PwFlowRun      *run,
                    GError         *error)
{
  g_autoptr(PwFlowRun) owned = run;

  if (owned == NULL || !start_run (self, owned, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&owned), g_object_unref);
}

static void
run_flow_async (PwBackend           *backend,
                const char          *flow_name,
                guint                version,
                const char          *parameters,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  PwLocalBackend *self = PW_LOCAL_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  PwFlowRun *run;
  GError *error = NULL;

  g_task_set_source_tag (task, run_flow_async);

  run = pw_engine_create_flow_run (self->engine, flow_name, version, parameters, &error);
  return_started_run (self, task, run, error);
}

static void
retry_flow_run_async (PwBackend           *backend,
                      const char          *id,
                      gboolean             from_failed,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  PwLocalBackend *self = PW_LOCAL_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  PwFlowRun *run;
  GError *error = NULL;

  g_task_set_source_tag (task, retry_flow_run_async);

  run = pw_engine_create_retry_run (self->engine, id, from_failed, &error);
  return_started_run (self, task, run, error);
}

/* Cancelling */

static gboolean
cancel_run (PwLocalBackend  *self,
            const char      *id,
            GError         **error)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) state = NULL;
  PwStateType type;

  if (pw_engine_cancel_flow_run (self->engine, id))
    return TRUE;

  run = pw_store_get_flow_run (self->store, id, error);
  if (run == NULL)
    return FALSE;

  type = pw_flow_run_get_state_type (run);
  if (pw_state_type_is_terminal (type))
    {
      g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                   _("Flow run “%s” has already finished (%s)"),
                   pw_flow_run_get_name (run), pw_flow_run_get_state_name (run));
      return FALSE;
    }

  /* A run that runs in another process is asked to stop: its engine sees
   * Cancelling at its next heartbeat and ends it. A run nobody runs yet is
   * simply cancelled. */
  if (type == PW_STATE_TYPE_RUNNING || type == PW_STATE_TYPE_CANCELLING)
    state = pw_state_new (PW_STATE_TYPE_CANCELLING, NULL, _("Cancelling at the user’s request"));
  else
    state = pw_state_new (PW_STATE_TYPE_CANCELLED, NULL, _("Cancelled by the user"));

  if (!pw_store_set_flow_run_state (self->store, id, state, error))
    return FALSE;

  pw_backend_emit_flow_run_changed (PW_BACKEND (self), id);
  return TRUE;
}

static void
cancel_flow_run_async (PwBackend           *backend,
                       const char          *id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, cancel_flow_run_async);

  if (cancel_run (PW_LOCAL_BACKEND (backend), id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
boolean_finish (PwBackend     *backend,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_pw_local_backend_init_runs (PwBackendInterface *iface)
{
  iface->list_flow_runs_async = list_flow_runs_async;
  iface->list_flow_runs_finish = model_finish;
  iface->count_flow_runs_async = count_flow_runs_async;
  iface->count_flow_runs_finish = count_flow_runs_finish;
  iface->get_flow_run_async = get_flow_run_async;
  iface->get_flow_run_finish = flow_run_finish;
  iface->get_task_run_async = get_task_run_async;
  iface->get_task_run_finish = task_run_finish;
  iface->list_task_runs_async = list_task_runs_async;
  iface->list_task_runs_finish = model_finish;
  iface->list_logs_async = list_logs_async;
  iface->list_logs_finish = model_finish;
  iface->list_task_run_states_async = list_task_run_states_async;
  iface->list_task_run_states_finish = model_finish;
  iface->run_flow_async = run_flow_async;
  iface->run_flow_finish = flow_run_finish;
  iface->retry_flow_run_async = retry_flow_run_async;
  iface->retry_flow_run_finish = flow_run_finish;
  iface->cancel_flow_run_async = cancel_flow_run_async;
  iface->cancel_flow_run_finish = boolean_finish;
}
