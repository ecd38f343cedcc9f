/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-backend.h"

/*
 * The PwBackend operations that not every backend offers: deployments, work
 * queues and global notification rules (a Prefect server has no notification
 * rules, an older Pipewright server may lack them all). A backend that leaves
 * one unimplemented fails it with PW_BACKEND_ERROR_UNSUPPORTED.
 */

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

/**
 * pw_backend_list_task_run_states_async:
 * @flow_run_id: the flow run's id
 *
 * Lists every state of every task run of a flow run, each #PwState with
 * its task run id, by task run and then in the order they were set: the
 * attempts, waits, retries and cache hits the timeline draws. An unknown
 * flow run fails with %PW_BACKEND_ERROR_NOT_FOUND; a server that cannot
 * give the history in one request (a Prefect server) with
 * %PW_BACKEND_ERROR_UNSUPPORTED.
 */
void
pw_backend_list_task_run_states_async (PwBackend           *self,
                                       const char          *flow_run_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (flow_run_id != NULL);
  PW_BACKEND_FORWARD_OPTIONAL (list_task_run_states_async, pw_backend_list_task_run_states_async,
                               flow_run_id);
}

/**
 * pw_backend_list_task_run_states_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwState, or %NULL with
 *   @error set
 */
GListModel *
pw_backend_list_task_run_states_finish (PwBackend     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  PW_BACKEND_FINISH_OPTIONAL (list_task_run_states_finish, pw_backend_list_task_run_states_async,
                              NULL);
}
