/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-backend.h"

G_DEFINE_QUARK (pw-backend-error-quark, pw_backend_error)

G_DEFINE_INTERFACE (PwBackend, pw_backend, G_TYPE_OBJECT)

enum {
  FLOWS_CHANGED,
  FLOW_RUN_CHANGED,
  TASK_RUN_CHANGED,
  LOGS_APPENDED,
  DEPLOYMENTS_CHANGED,
  WORK_QUEUES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pw_backend_default_init (PwBackendInterface *iface)
{
  /**
   * PwBackend::flows-changed:
   *
   * A flow was saved, imported or deleted, here or (for backends that can
   * tell) by another client. Lists of flows should be read again.
   */
  signals[FLOWS_CHANGED] =
    g_signal_new ("flows-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * PwBackend::flow-run-changed:
   * @flow_run_id: the run that was created or changed state
   *
   * Emitted after the change is stored.
   */
  signals[FLOW_RUN_CHANGED] =
    g_signal_new ("flow-run-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PwBackend::task-run-changed:
   * @flow_run_id: the flow run
   * @task_run_id: its task run that was created or changed state
   */
  signals[TASK_RUN_CHANGED] =
    g_signal_new ("task-run-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * PwBackend::logs-appended:
   * @flow_run_id: the flow run
   * @n_lines: how many lines were just stored for it
   */
  signals[LOGS_APPENDED] =
    g_signal_new ("logs-appended",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * PwBackend::deployments-changed:
   *
   * A deployment was saved, paused, resumed or deleted. Lists of
   * deployments should be read again.
   */
  signals[DEPLOYMENTS_CHANGED] =
    g_signal_new ("deployments-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * PwBackend::work-queues-changed:
   *
   * A work queue was created, changed, paused, resumed or deleted (also
   * when a deployment named a queue that did not exist).
   */
  signals[WORK_QUEUES_CHANGED] =
    g_signal_new ("work-queues-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

void
pw_backend_emit_flows_changed (PwBackend *self)
{
  g_return_if_fail (PW_IS_BACKEND (self));

  g_signal_emit (self, signals[FLOWS_CHANGED], 0);
}

void
pw_backend_emit_flow_run_changed (PwBackend  *self,
                                  const char *flow_run_id)
{
  g_return_if_fail (PW_IS_BACKEND (self));

  g_signal_emit (self, signals[FLOW_RUN_CHANGED], 0, flow_run_id);
}

void
pw_backend_emit_task_run_changed (PwBackend  *self,
                                  const char *flow_run_id,
                                  const char *task_run_id)
{
  g_return_if_fail (PW_IS_BACKEND (self));

  g_signal_emit (self, signals[TASK_RUN_CHANGED], 0, flow_run_id, task_run_id);
}

void
pw_backend_emit_logs_appended (PwBackend  *self,
                               const char *flow_run_id,
                               guint       n_lines)
{
  g_return_if_fail (PW_IS_BACKEND (self));

  g_signal_emit (self, signals[LOGS_APPENDED], 0, flow_run_id, n_lines);
}

/* Each wrapper checks its arguments and forwards to the implementation. */
#define PW_BACKEND_FORWARD_ASYNC(op, ...) \
  G_STMT_START { \
    g_return_if_fail (PW_IS_BACKEND (self)); \
    g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable)); \
    PW_BACKEND_GET_IFACE (self)->op (self, __VA_ARGS__, cancellable, callback, user_data); \
  } G_STMT_END

void
pw_backend_list_flows_async (PwBackend           *self,
                             const char          *search,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PW_BACKEND_FORWARD_ASYNC (list_flows_async, search);
}

/**
 * pw_backend_list_flows_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwFlowInfo, sorted by name
 */
GListModel *
pw_backend_list_flows_finish (PwBackend     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->list_flows_finish (self, result, error);
}

/**
 * pw_backend_get_flow_async:
 * @name: the flow's name
 * @version: a version number, or 0 for the latest
 */
void
pw_backend_get_flow_async (PwBackend           *self,
                           const char          *name,
                           guint                version,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_ASYNC (get_flow_async, name, version);
}

PwFlow *
pw_backend_get_flow_finish (PwBackend     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->get_flow_finish (self, result, error);
}

/**
 * pw_backend_save_flow_async:
 *
 * Validates @flow and stores it as a new version of the flow of its name
 * (creating the flow when it is new). An invalid flow fails with
 * %PW_BACKEND_ERROR_INVALID and a message listing every problem.
 */
void
pw_backend_save_flow_async (PwBackend           *self,
                            PwFlow              *flow,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (flow != NULL);
  PW_BACKEND_FORWARD_ASYNC (save_flow_async, flow);
}

PwFlowInfo *
pw_backend_save_flow_finish (PwBackend     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->save_flow_finish (self, result, error);
}

void
pw_backend_delete_flow_async (PwBackend           *self,
                              const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_ASYNC (delete_flow_async, name);
}

gboolean
pw_backend_delete_flow_finish (PwBackend     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), FALSE);
  return PW_BACKEND_GET_IFACE (self)->delete_flow_finish (self, result, error);
}

/**
 * pw_backend_import_flow_async:
 *
 * Loads a flow file, validates it and saves it (a new version when a flow
 * of that name exists).
 */
void
pw_backend_import_flow_async (PwBackend           *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  PW_BACKEND_FORWARD_ASYNC (import_flow_async, file);
}

PwFlowInfo *
pw_backend_import_flow_finish (PwBackend     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->import_flow_finish (self, result, error);
}

void
pw_backend_export_flow_async (PwBackend           *self,
                              const char          *name,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  g_return_if_fail (G_IS_FILE (file));
  PW_BACKEND_FORWARD_ASYNC (export_flow_async, name, file);
}

gboolean
pw_backend_export_flow_finish (PwBackend     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), FALSE);
  return PW_BACKEND_GET_IFACE (self)->export_flow_finish (self, result, error);
}

/**
 * pw_backend_list_flow_runs_async:
 * @filter: (nullable): which runs; %NULL for all
 * @limit: at most this many (Prefect's servers refuse more than 200)
 *
 * Lists flow runs, a page at a time.
 */
void
pw_backend_list_flow_runs_async (PwBackend              *self,
                                 const PwFlowRunFilter  *filter,
                                 PwFlowRunSort           sort,
                                 guint                   limit,
                                 guint                   offset,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  PW_BACKEND_FORWARD_ASYNC (list_flow_runs_async, filter, sort, limit, offset);
}

/**
 * pw_backend_list_flow_runs_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwFlowRun
 */
GListModel *
pw_backend_list_flow_runs_finish (PwBackend     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->list_flow_runs_finish (self, result, error);
}

void
pw_backend_count_flow_runs_async (PwBackend              *self,
                                  const PwFlowRunFilter  *filter,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data)
{
  PW_BACKEND_FORWARD_ASYNC (count_flow_runs_async, filter);
}

/**
 * pw_backend_count_flow_runs_finish:
 *
 * Returns: the number of runs, or -1 with @error set
 */
gint64
pw_backend_count_flow_runs_finish (PwBackend     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), -1);
  return PW_BACKEND_GET_IFACE (self)->count_flow_runs_finish (self, result, error);
}

void
pw_backend_get_flow_run_async (PwBackend           *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (id != NULL);
  PW_BACKEND_FORWARD_ASYNC (get_flow_run_async, id);
}

PwFlowRun *
pw_backend_get_flow_run_finish (PwBackend     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->get_flow_run_finish (self, result, error);
}

void
pw_backend_get_task_run_async (PwBackend           *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (id != NULL);
  PW_BACKEND_FORWARD_ASYNC (get_task_run_async, id);
}

PwTaskRun *
pw_backend_get_task_run_finish (PwBackend     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->get_task_run_finish (self, result, error);
}

/**
 * pw_backend_list_task_runs_async:
 *
 * Lists every task run of a flow run, in the order they were created.
 */
void
pw_backend_list_task_runs_async (PwBackend           *self,
                                 const char          *flow_run_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (flow_run_id != NULL);
  PW_BACKEND_FORWARD_ASYNC (list_task_runs_async, flow_run_id);
}

/**
 * pw_backend_list_task_runs_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwTaskRun
 */
GListModel *
pw_backend_list_task_runs_finish (PwBackend     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->list_task_runs_finish (self, result, error);
}

void
pw_backend_list_logs_async (PwBackend           *self,
                            const PwLogFilter   *filter,
                            PwLogSort            sort,
                            guint                limit,
                            guint                offset,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  PW_BACKEND_FORWARD_ASYNC (list_logs_async, filter, sort, limit, offset);
}

/**
 * pw_backend_list_logs_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwLogEntry
 */
GListModel *
pw_backend_list_logs_finish (PwBackend     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->list_logs_finish (self, result, error);
}

/**
 * pw_backend_run_flow_async:
 * @flow_name: the flow
 * @version: its version, or 0 for the latest
 * @parameters: (nullable): a JSON object of parameter values, over the
 *   flow's defaults
 *
 * Creates a run of the flow and starts it. Finishes as soon as the run
 * exists; follow it with #PwBackend::flow-run-changed.
 */
void
pw_backend_run_flow_async (PwBackend           *self,
                           const char          *flow_name,
                           guint                version,
                           const char          *parameters,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (flow_name != NULL);
  PW_BACKEND_FORWARD_ASYNC (run_flow_async, flow_name, version, parameters);
}

PwFlowRun *
pw_backend_run_flow_finish (PwBackend     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->run_flow_finish (self, result, error);
}

/**
 * pw_backend_retry_flow_run_async:
 * @id: a finished flow run
 * @from_failed: reuse the task runs that completed, run the rest
 *
 * Starts a new run with the same flow version and parameters.
 */
void
pw_backend_retry_flow_run_async (PwBackend           *self,
                                 const char          *id,
                                 gboolean             from_failed,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (id != NULL);
  PW_BACKEND_FORWARD_ASYNC (retry_flow_run_async, id, from_failed);
}

PwFlowRun *
pw_backend_retry_flow_run_finish (PwBackend     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->retry_flow_run_finish (self, result, error);
}

/**
 * pw_backend_cancel_flow_run_async:
 *
 * Cancels a run that has not finished: its running tasks are ended and the
 * rest do not run. A run owned by another process is asked to stop (its
 * state becomes Cancelling) and that process ends it.
 */
void
pw_backend_cancel_flow_run_async (PwBackend           *self,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (id != NULL);
  PW_BACKEND_FORWARD_ASYNC (cancel_flow_run_async, id);
}

gboolean
pw_backend_cancel_flow_run_finish (PwBackend     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), FALSE);
  return PW_BACKEND_GET_IFACE (self)->cancel_flow_run_finish (self, result, error);
}

/* Deployments and work queues (issue 4) */

void
pw_backend_emit_deployments_changed (PwBackend *self)
{
  g_return_if_fail (PW_IS_BACKEND (self));

  g_signal_emit (self, signals[DEPLOYMENTS_CHANGED], 0);
}

void
pw_backend_emit_work_queues_changed (PwBackend *self)
{
  g_return_if_fail (PW_IS_BACKEND (self));

  g_signal_emit (self, signals[WORK_QUEUES_CHANGED], 0);
}

