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

/* A backend that does not offer an operation (a server without
 * deployments) fails it with PW_BACKEND_ERROR_UNSUPPORTED. */
#define PW_BACKEND_FORWARD_OPTIONAL(op, tag, ...) \
  G_STMT_START { \
    g_return_if_fail (PW_IS_BACKEND (self)); \
    g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable)); \
    if (PW_BACKEND_GET_IFACE (self)->op == NULL) \
      { \
        g_task_report_new_error (self, callback, user_data, tag, \
                                 PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED, \
                                 _("This connection does not offer this operation")); \
        return; \
      } \
    PW_BACKEND_GET_IFACE (self)->op (self, __VA_ARGS__, cancellable, callback, user_data); \
  } G_STMT_END

#define PW_BACKEND_FINISH_OPTIONAL(op, tag, failed) \
  G_STMT_START { \
    g_return_val_if_fail (PW_IS_BACKEND (self), failed); \
    if (g_async_result_is_tagged (result, tag)) \
      { \
        GError *local_error = NULL; \
        g_task_propagate_pointer (G_TASK (result), &local_error); \
        g_propagate_error (error, local_error); \
        return failed; \
      } \
    return PW_BACKEND_GET_IFACE (self)->op (self, result, error); \
  } G_STMT_END

/**
 * pw_backend_list_deployments_async:
 * @flow_name: (nullable): only this flow's deployments
 *
 * Lists deployments, by flow name and then name.
 */
void
pw_backend_list_deployments_async (PwBackend           *self,
                                   const char          *flow_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PW_BACKEND_FORWARD_OPTIONAL (list_deployments_async, pw_backend_list_deployments_async,
                               flow_name);
}

/**
 * pw_backend_list_deployments_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwDeployment
 */
GListModel *
pw_backend_list_deployments_finish (PwBackend     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (list_deployments_finish, pw_backend_list_deployments_async, NULL);
}

/**
 * pw_backend_get_deployment_async:
 * @flow_name: the flow
 * @name: the deployment's name
 *
 * Reads the deployment `FLOW/NAME`; a missing one fails with
 * %PW_BACKEND_ERROR_NOT_FOUND.
 */
void
pw_backend_get_deployment_async (PwBackend           *self,
                                 const char          *flow_name,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (flow_name != NULL);
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (get_deployment_async, pw_backend_get_deployment_async,
                               flow_name, name);
}

/**
 * pw_backend_get_deployment_finish:
 *
 * Returns: (transfer full): the deployment, or %NULL with @error set
 */
PwDeployment *
pw_backend_get_deployment_finish (PwBackend     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (get_deployment_finish, pw_backend_get_deployment_async, NULL);
}

/**
 * pw_backend_save_deployment_async:
 * @deployment: the deployment: flow name, name, schedule, parameters,
 *   tags, work queue, paused, description
 *
 * Creates the deployment `FLOW/NAME` or updates it (an upsert, as
 * Prefect's). A missing flow fails with %PW_BACKEND_ERROR_NOT_FOUND;
 * parameters the flow does not have, or of the wrong type, with
 * %PW_BACKEND_ERROR_INVALID. Changing the schedule, parameters, tags, queue
 * or pause replaces the runs scheduled ahead. Nothing is stored on error.
 */
void
pw_backend_save_deployment_async (PwBackend           *self,
                                  PwDeployment        *deployment,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (PW_IS_DEPLOYMENT (deployment));
  PW_BACKEND_FORWARD_OPTIONAL (save_deployment_async, pw_backend_save_deployment_async,
                               deployment);
}

/**
 * pw_backend_save_deployment_finish:
 *
 * Returns: (transfer full): the stored deployment (with its id; its
 *   created and updated times are equal when it is new), or %NULL with
 *   @error set
 */
PwDeployment *
pw_backend_save_deployment_finish (PwBackend     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (save_deployment_finish, pw_backend_save_deployment_async, NULL);
}

/**
 * pw_backend_delete_deployment_async:
 * @id: the deployment's id
 *
 * Deletes a deployment and its runs that wait and never started.
 */
void
pw_backend_delete_deployment_async (PwBackend           *self,
                                    const char          *id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (id != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (delete_deployment_async, pw_backend_delete_deployment_async, id);
}

gboolean
pw_backend_delete_deployment_finish (PwBackend     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (delete_deployment_finish, pw_backend_delete_deployment_async,
                              FALSE);
}

/**
 * pw_backend_set_deployment_paused_async:
 * @id: the deployment's id
 * @paused: %TRUE to pause its schedule, %FALSE to resume it
 *
 * Pausing deletes the runs scheduled ahead that have not started;
 * resuming schedules again from now.
 */
void
pw_backend_set_deployment_paused_async (PwBackend           *self,
                                        const char          *id,
                                        gboolean             paused,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (id != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (set_deployment_paused_async,
                               pw_backend_set_deployment_paused_async, id, paused);
}

/**
 * pw_backend_set_deployment_paused_finish:
 *
 * Returns: (transfer full): the deployment as it now is, or %NULL with
 *   @error set
 */
PwDeployment *
pw_backend_set_deployment_paused_finish (PwBackend     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (set_deployment_paused_finish,
                              pw_backend_set_deployment_paused_async, NULL);
}

/**
 * pw_backend_run_deployment_async:
 * @id: the deployment's id
 * @parameters: (nullable): a JSON object of values, merged over the
 *   deployment's parameters
 * @tags: (nullable): tags for the run, before the deployment's
 *
 * Creates a run of the deployment, as Prefect's
 * `/deployments/{id}/create_flow_run` does: SCHEDULED for now, in the
 * deployment's work queue (or the one its tags route to). It is not run
 * here: an agent polling that queue takes it.
 */
void
pw_backend_run_deployment_async (PwBackend           *self,
                                 const char          *id,
                                 const char          *parameters,
                                 const char * const  *tags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (id != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (run_deployment_async, pw_backend_run_deployment_async,
                               id, parameters, tags);
}

/**
 * pw_backend_run_deployment_finish:
 *
 * Returns: (transfer full): the new run, or %NULL with @error set
 */
PwFlowRun *
pw_backend_run_deployment_finish (PwBackend     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (run_deployment_finish, pw_backend_run_deployment_async, NULL);
}

/**
 * pw_backend_preview_deployment_async:
 * @id: the deployment's id
 * @n: how many times
 *
 * The next @n times of the deployment's schedule, from now (whether or
 * not it is paused).
 */
void
pw_backend_preview_deployment_async (PwBackend           *self,
                                     const char          *id,
                                     guint                n,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (id != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (preview_deployment_async, pw_backend_preview_deployment_async,
                               id, n);
}

/**
 * pw_backend_preview_deployment_finish:
 *
 * Returns: (transfer full) (element-type GDateTime): the times, in UTC
 *   (empty for a deployment without a schedule), or %NULL with @error set
 */
GPtrArray *
pw_backend_preview_deployment_finish (PwBackend     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (preview_deployment_finish, pw_backend_preview_deployment_async,
                              NULL);
}

void
pw_backend_list_work_queues_async (PwBackend           *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PW_IS_BACKEND (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  if (PW_BACKEND_GET_IFACE (self)->list_work_queues_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, pw_backend_list_work_queues_async,
                               PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                               _("This connection does not offer deployments and work queues"));
      return;
    }
  PW_BACKEND_GET_IFACE (self)->list_work_queues_async (self, cancellable, callback, user_data);
}

/**
 * pw_backend_list_work_queues_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwWorkQueue, by priority
 *   and then name
 */
GListModel *
pw_backend_list_work_queues_finish (PwBackend     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (list_work_queues_finish, pw_backend_list_work_queues_async, NULL);
}

void
pw_backend_get_work_queue_async (PwBackend           *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (get_work_queue_async, pw_backend_get_work_queue_async, name);
}

/**
 * pw_backend_get_work_queue_finish:
 *
 * Returns: (transfer full): the queue, or %NULL with @error set
 *   (%PW_BACKEND_ERROR_NOT_FOUND)
 */
PwWorkQueue *
pw_backend_get_work_queue_finish (PwBackend     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (get_work_queue_finish, pw_backend_get_work_queue_async, NULL);
}

/**
 * pw_backend_create_work_queue_async:
 * @queue: the new queue's name and settings
 *
 * A name in use fails with %PW_BACKEND_ERROR_INVALID.
 */
void
pw_backend_create_work_queue_async (PwBackend           *self,
                                    PwWorkQueue         *queue,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (PW_IS_WORK_QUEUE (queue));
  PW_BACKEND_FORWARD_OPTIONAL (create_work_queue_async, pw_backend_create_work_queue_async,
                               queue);
}

PwWorkQueue *
pw_backend_create_work_queue_finish (PwBackend     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (create_work_queue_finish, pw_backend_create_work_queue_async, NULL);
}

/**
 * pw_backend_update_work_queue_async:
 * @queue: a stored queue (found by its id) with its new settings
 */
void
pw_backend_update_work_queue_async (PwBackend           *self,
                                    PwWorkQueue         *queue,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (PW_IS_WORK_QUEUE (queue));
  PW_BACKEND_FORWARD_OPTIONAL (update_work_queue_async, pw_backend_update_work_queue_async,
                               queue);
}

PwWorkQueue *
pw_backend_update_work_queue_finish (PwBackend     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (update_work_queue_finish, pw_backend_update_work_queue_async, NULL);
}

void
pw_backend_delete_work_queue_async (PwBackend           *self,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (delete_work_queue_async, pw_backend_delete_work_queue_async, name);
}

gboolean
pw_backend_delete_work_queue_finish (PwBackend     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (delete_work_queue_finish, pw_backend_delete_work_queue_async, FALSE);
}

void
pw_backend_set_work_queue_paused_async (PwBackend           *self,
                                        const char          *name,
                                        gboolean             paused,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (set_work_queue_paused_async,
                               pw_backend_set_work_queue_paused_async, name, paused);
}

/**
 * pw_backend_set_work_queue_paused_finish:
 *
 * Returns: (transfer full): the queue as it now is, or %NULL with @error
 *   set
 */
PwWorkQueue *
pw_backend_set_work_queue_paused_finish (PwBackend     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (set_work_queue_paused_finish,
                              pw_backend_set_work_queue_paused_async, NULL);
}

/**
 * pw_backend_preview_work_queue_async:
 * @name: the queue
 * @until: (nullable): only runs due by then; %NULL for all
 * @limit: the most runs (0: 200)
 *
 * The runs waiting in the queue, soonest first (late ones included), as
 * Prefect's `work-queue preview` lists them.
 */
void
pw_backend_preview_work_queue_async (PwBackend           *self,
                                     const char          *name,
                                     GDateTime           *until,
                                     guint                limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (preview_work_queue_async, pw_backend_preview_work_queue_async,
                               name, until, limit);
}

/**
 * pw_backend_preview_work_queue_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwFlowRun
 */
GListModel *
pw_backend_preview_work_queue_finish (PwBackend     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (preview_work_queue_finish, pw_backend_preview_work_queue_async,
                              NULL);
}

void
pw_backend_get_work_queue_status_async (PwBackend           *self,
                                        const char          *name,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (get_work_queue_status_async,
                               pw_backend_get_work_queue_status_async, name);
}

/**
 * pw_backend_get_work_queue_status_finish:
 *
 * Returns: (transfer full): the queue's health (last poll, late runs), or
 *   %NULL with @error set
 */
PwWorkQueueStatus *
pw_backend_get_work_queue_status_finish (PwBackend     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (get_work_queue_status_finish,
                              pw_backend_get_work_queue_status_async, NULL);
}

/**
 * pw_backend_list_notification_policies_async:
 *
 * Lists the global notification rules (a flow's own rules are in its
 * definition), oldest first.
 */
void
pw_backend_list_notification_policies_async (PwBackend           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (PW_IS_BACKEND (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (PW_BACKEND_GET_IFACE (self)->list_notification_policies_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data,
                               pw_backend_list_notification_policies_async,
                               PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                               _("This connection does not offer this operation"));
      return;
    }
  PW_BACKEND_GET_IFACE (self)->list_notification_policies_async (self, cancellable, callback, user_data);
}

/**
 * pw_backend_list_notification_policies_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwNotificationPolicy
 */
GListModel *
pw_backend_list_notification_policies_finish (PwBackend     *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (list_notification_policies_finish,
                              pw_backend_list_notification_policies_async, NULL);
}

/**
 * pw_backend_add_notification_policy_async:
 * @policy: the rule; checked with pw_notification_policy_validate()
 *
 * Stores a global notification rule.
 */
void
pw_backend_add_notification_policy_async (PwBackend            *self,
                                          PwNotificationPolicy *policy,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_return_if_fail (PW_IS_NOTIFICATION_POLICY (policy));
  PW_BACKEND_FORWARD_OPTIONAL (add_notification_policy_async,
                               pw_backend_add_notification_policy_async, policy);
}

/**
 * pw_backend_add_notification_policy_finish:
 *
 * Returns: (transfer full): the stored rule, with its id, or %NULL with
 *   @error set
 */
PwNotificationPolicy *
pw_backend_add_notification_policy_finish (PwBackend     *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (add_notification_policy_finish,
                              pw_backend_add_notification_policy_async, NULL);
}

void
pw_backend_delete_notification_policy_async (PwBackend           *self,
                                             const char          *id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (id != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (delete_notification_policy_async,
                               pw_backend_delete_notification_policy_async, id);
}

gboolean
pw_backend_delete_notification_policy_finish (PwBackend     *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (delete_notification_policy_finish,
                              pw_backend_delete_notification_policy_async, FALSE);
}
