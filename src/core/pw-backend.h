/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-flow-info.h"
#include "pw-flow-run.h"
#include "pw-log-entry.h"
#include "pw-notification-policy.h"
#include "pw-run-filter.h"
#include "pw-task-run.h"
#include "pw-deployment.h"
#include "pw-work-queue.h"

G_BEGIN_DECLS

/* Defined in pw-flow.h; declared here so that front ends need only this header. */
typedef struct _PwFlow PwFlow;

#define PW_TYPE_BACKEND (pw_backend_get_type ())
G_DECLARE_INTERFACE (PwBackend, pw_backend, PW, BACKEND, GObject)

#define PW_BACKEND_ERROR (pw_backend_error_quark ())

typedef enum
{
  PW_BACKEND_ERROR_NOT_FOUND,
  PW_BACKEND_ERROR_INVALID,
  PW_BACKEND_ERROR_UNSUPPORTED,
  PW_BACKEND_ERROR_FAILED,
} PwBackendError;

GQuark pw_backend_error_quark (void);

/*
 * PwBackend: the one seam between a front end (the app, the CLI) and the
 * data. PwLocalBackend works on the sqlite store in this process; the
 * remote backend speaks the REST API. Every operation is asynchronous.
 */
struct _PwBackendInterface
{
  GTypeInterface parent_iface;

  /* flows */
  void         (*list_flows_async)   (PwBackend           *self,
                                      const char          *search,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  GListModel  *(*list_flows_finish)  (PwBackend           *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void         (*get_flow_async)     (PwBackend           *self,
                                      const char          *name,
                                      guint                version,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  PwFlow      *(*get_flow_finish)    (PwBackend           *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void         (*save_flow_async)    (PwBackend           *self,
                                      PwFlow              *flow,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  PwFlowInfo  *(*save_flow_finish)   (PwBackend           *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void         (*delete_flow_async)  (PwBackend           *self,
                                      const char          *name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  gboolean     (*delete_flow_finish) (PwBackend           *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void         (*import_flow_async)  (PwBackend           *self,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  PwFlowInfo  *(*import_flow_finish) (PwBackend           *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void         (*export_flow_async)  (PwBackend           *self,
                                      const char          *name,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  gboolean     (*export_flow_finish) (PwBackend           *self,
                                      GAsyncResult        *result,
                                      GError             **error);

  /* flow runs, task runs, logs */
  void         (*list_flow_runs_async)  (PwBackend              *self,
                                         const PwFlowRunFilter  *filter,
                                         PwFlowRunSort           sort,
                                         guint                   limit,
                                         guint                   offset,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
  GListModel  *(*list_flow_runs_finish) (PwBackend              *self,
                                         GAsyncResult           *result,
                                         GError                **error);
  void         (*count_flow_runs_async) (PwBackend              *self,
                                         const PwFlowRunFilter  *filter,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
  gint64       (*count_flow_runs_finish)(PwBackend              *self,
                                         GAsyncResult           *result,
                                         GError                **error);
  void         (*get_flow_run_async)    (PwBackend              *self,
                                         const char             *id,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
  PwFlowRun   *(*get_flow_run_finish)   (PwBackend              *self,
                                         GAsyncResult           *result,
                                         GError                **error);
  void         (*get_task_run_async)    (PwBackend              *self,
                                         const char             *id,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
  PwTaskRun   *(*get_task_run_finish)   (PwBackend              *self,
                                         GAsyncResult           *result,
                                         GError                **error);
  void         (*list_task_runs_async)  (PwBackend              *self,
                                         const char             *flow_run_id,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
  GListModel  *(*list_task_runs_finish) (PwBackend              *self,
                                         GAsyncResult           *result,
                                         GError                **error);
  void         (*list_logs_async)       (PwBackend              *self,
                                         const PwLogFilter      *filter,
                                         PwLogSort               sort,
                                         guint                   limit,
                                         guint                   offset,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
  GListModel  *(*list_logs_finish)      (PwBackend              *self,
                                         GAsyncResult           *result,
                                         GError                **error);
  void         (*run_flow_async)        (PwBackend              *self,
                                         const char             *flow_name,
                                         guint                   version,
                                         const char             *parameters,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
  PwFlowRun   *(*run_flow_finish)       (PwBackend              *self,
                                         GAsyncResult           *result,
                                         GError                **error);
  void         (*retry_flow_run_async)  (PwBackend              *self,
                                         const char             *id,
                                         gboolean                from_failed,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
  PwFlowRun   *(*retry_flow_run_finish) (PwBackend              *self,
                                         GAsyncResult           *result,
                                         GError                **error);
  void         (*cancel_flow_run_async) (PwBackend              *self,
                                         const char             *id,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
  gboolean     (*cancel_flow_run_finish)(PwBackend              *self,
                                         GAsyncResult           *result,
                                         GError                **error);

  /* deployments (issue 4) */
  void           (*list_deployments_async)      (PwBackend           *self,
                                                 const char          *flow_name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  GListModel    *(*list_deployments_finish)     (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*get_deployment_async)        (PwBackend           *self,
                                                 const char          *flow_name,
                                                 const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  PwDeployment  *(*get_deployment_finish)       (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*save_deployment_async)       (PwBackend           *self,
                                                 PwDeployment        *deployment,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  PwDeployment  *(*save_deployment_finish)      (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*delete_deployment_async)     (PwBackend           *self,
                                                 const char          *id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  gboolean       (*delete_deployment_finish)    (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*set_deployment_paused_async) (PwBackend           *self,
                                                 const char          *id,
                                                 gboolean             paused,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  PwDeployment  *(*set_deployment_paused_finish)(PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*run_deployment_async)        (PwBackend           *self,
                                                 const char          *id,
                                                 const char          *parameters,
                                                 const char * const  *tags,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  PwFlowRun     *(*run_deployment_finish)       (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*preview_deployment_async)    (PwBackend           *self,
                                                 const char          *id,
                                                 guint                n,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  GPtrArray     *(*preview_deployment_finish)   (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

  /* work queues (issue 4) */
  void           (*list_work_queues_async)      (PwBackend           *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  GListModel    *(*list_work_queues_finish)     (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*get_work_queue_async)        (PwBackend           *self,
                                                 const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  PwWorkQueue   *(*get_work_queue_finish)       (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*create_work_queue_async)     (PwBackend           *self,
                                                 PwWorkQueue         *queue,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  PwWorkQueue   *(*create_work_queue_finish)    (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*update_work_queue_async)     (PwBackend           *self,
                                                 PwWorkQueue         *queue,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  PwWorkQueue   *(*update_work_queue_finish)    (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*delete_work_queue_async)     (PwBackend           *self,
                                                 const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  gboolean       (*delete_work_queue_finish)    (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*set_work_queue_paused_async) (PwBackend           *self,
                                                 const char          *name,
                                                 gboolean             paused,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  PwWorkQueue   *(*set_work_queue_paused_finish)(PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*preview_work_queue_async)    (PwBackend           *self,
                                                 const char          *name,
                                                 GDateTime           *until,
                                                 guint                limit,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  GListModel    *(*preview_work_queue_finish)   (PwBackend           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void           (*get_work_queue_status_async) (PwBackend           *self,
                                                 const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  PwWorkQueueStatus *(*get_work_queue_status_finish) (PwBackend      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

  /* global notification rules */
  void         (*list_notification_policies_async)  (PwBackend             *self,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
  GListModel  *(*list_notification_policies_finish) (PwBackend             *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);
  void         (*add_notification_policy_async)     (PwBackend             *self,
                                                     PwNotificationPolicy  *policy,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
  PwNotificationPolicy *(*add_notification_policy_finish) (PwBackend       *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);
  void         (*delete_notification_policy_async)  (PwBackend             *self,
                                                     const char            *id,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
  gboolean     (*delete_notification_policy_finish) (PwBackend             *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);

  /* the state history of a flow run's task runs (issue 6, the timeline) */
  void         (*list_task_run_states_async)  (PwBackend             *self,
                                               const char            *flow_run_id,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
  GListModel  *(*list_task_run_states_finish) (PwBackend             *self,
                                               GAsyncResult          *result,
                                               GError               **error);
};

void         pw_backend_list_flows_async   (PwBackend           *self,
                                            const char          *search,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GListModel  *pw_backend_list_flows_finish  (PwBackend           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void         pw_backend_get_flow_async     (PwBackend           *self,
                                            const char          *name,
                                            guint                version,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PwFlow      *pw_backend_get_flow_finish    (PwBackend           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void         pw_backend_save_flow_async    (PwBackend           *self,
                                            PwFlow              *flow,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PwFlowInfo  *pw_backend_save_flow_finish   (PwBackend           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void         pw_backend_delete_flow_async  (PwBackend           *self,
                                            const char          *name,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     pw_backend_delete_flow_finish (PwBackend           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void         pw_backend_import_flow_async  (PwBackend           *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PwFlowInfo  *pw_backend_import_flow_finish (PwBackend           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void         pw_backend_export_flow_async  (PwBackend           *self,
                                            const char          *name,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     pw_backend_export_flow_finish (PwBackend           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

void         pw_backend_list_flow_runs_async  (PwBackend              *self,
                                               const PwFlowRunFilter  *filter,
                                               PwFlowRunSort           sort,
                                               guint                   limit,
                                               guint                   offset,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
GListModel  *pw_backend_list_flow_runs_finish (PwBackend              *self,
                                               GAsyncResult           *result,
                                               GError                **error);
void         pw_backend_count_flow_runs_async (PwBackend              *self,
                                               const PwFlowRunFilter  *filter,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
gint64       pw_backend_count_flow_runs_finish (PwBackend             *self,
                                                GAsyncResult          *result,
                                                GError               **error);
void         pw_backend_get_flow_run_async    (PwBackend              *self,
                                               const char             *id,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
PwFlowRun   *pw_backend_get_flow_run_finish   (PwBackend              *self,
                                               GAsyncResult           *result,
                                               GError                **error);
void         pw_backend_get_task_run_async    (PwBackend              *self,
                                               const char             *id,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
PwTaskRun   *pw_backend_get_task_run_finish   (PwBackend              *self,
                                               GAsyncResult           *result,
                                               GError                **error);
void         pw_backend_list_task_runs_async  (PwBackend              *self,
                                               const char             *flow_run_id,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
GListModel  *pw_backend_list_task_runs_finish (PwBackend              *self,
                                               GAsyncResult           *result,
                                               GError                **error);
void         pw_backend_list_logs_async       (PwBackend              *self,
                                               const PwLogFilter      *filter,
                                               PwLogSort               sort,
                                               guint                   limit,
                                               guint                   offset,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
GListModel  *pw_backend_list_logs_finish      (PwBackend              *self,
                                               GAsyncResult           *result,
                                               GError                **error);
void         pw_backend_run_flow_async        (PwBackend              *self,
                                               const char             *flow_name,
                                               guint                   version,
                                               const char             *parameters,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
PwFlowRun   *pw_backend_run_flow_finish       (PwBackend              *self,
                                               GAsyncResult           *result,
                                               GError                **error);
void         pw_backend_retry_flow_run_async  (PwBackend              *self,
                                               const char             *id,
                                               gboolean                from_failed,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
PwFlowRun   *pw_backend_retry_flow_run_finish (PwBackend              *self,
                                               GAsyncResult           *result,
                                               GError                **error);
void         pw_backend_cancel_flow_run_async (PwBackend              *self,
                                               const char             *id,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
gboolean     pw_backend_cancel_flow_run_finish (PwBackend             *self,
                                                GAsyncResult          *result,
                                                GError               **error);

void         pw_backend_emit_flows_changed    (PwBackend              *self);
void         pw_backend_emit_flow_run_changed (PwBackend              *self,
                                               const char             *flow_run_id);
void         pw_backend_emit_task_run_changed (PwBackend              *self,
                                               const char             *flow_run_id,
                                               const char             *task_run_id);
void         pw_backend_emit_logs_appended    (PwBackend              *self,
                                               const char             *flow_run_id,
                                               guint                   n_lines);

/* Deployments and work queues (issue 4; pw-backend.c, implemented by
 * pw-local-backend-deployments.c) */
void           pw_backend_list_deployments_async       (PwBackend           *self,
                                                        const char          *flow_name,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GListModel    *pw_backend_list_deployments_finish      (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_get_deployment_async         (PwBackend           *self,
                                                        const char          *flow_name,
                                                        const char          *name,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PwDeployment  *pw_backend_get_deployment_finish        (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_save_deployment_async        (PwBackend           *self,
                                                        PwDeployment        *deployment,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PwDeployment  *pw_backend_save_deployment_finish       (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_delete_deployment_async      (PwBackend           *self,
                                                        const char          *id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean       pw_backend_delete_deployment_finish     (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_set_deployment_paused_async  (PwBackend           *self,
                                                        const char          *id,
                                                        gboolean             paused,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PwDeployment  *pw_backend_set_deployment_paused_finish (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_run_deployment_async         (PwBackend           *self,
                                                        const char          *id,
                                                        const char          *parameters,
                                                        const char * const  *tags,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PwFlowRun     *pw_backend_run_deployment_finish        (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_preview_deployment_async     (PwBackend           *self,
                                                        const char          *id,
                                                        guint                n,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GPtrArray     *pw_backend_preview_deployment_finish    (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void           pw_backend_list_work_queues_async       (PwBackend           *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GListModel    *pw_backend_list_work_queues_finish      (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_get_work_queue_async         (PwBackend           *self,
                                                        const char          *name,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PwWorkQueue   *pw_backend_get_work_queue_finish        (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_create_work_queue_async      (PwBackend           *self,
                                                        PwWorkQueue         *queue,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PwWorkQueue   *pw_backend_create_work_queue_finish     (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_update_work_queue_async      (PwBackend           *self,
                                                        PwWorkQueue         *queue,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PwWorkQueue   *pw_backend_update_work_queue_finish     (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_delete_work_queue_async      (PwBackend           *self,
                                                        const char          *name,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean       pw_backend_delete_work_queue_finish     (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_set_work_queue_paused_async  (PwBackend           *self,
                                                        const char          *name,
                                                        gboolean             paused,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PwWorkQueue   *pw_backend_set_work_queue_paused_finish (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_preview_work_queue_async     (PwBackend           *self,
                                                        const char          *name,
                                                        GDateTime           *until,
                                                        guint                limit,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GListModel    *pw_backend_preview_work_queue_finish    (PwBackend           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void           pw_backend_get_work_queue_status_async  (PwBackend           *self,
                                                        const char          *name,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PwWorkQueueStatus *pw_backend_get_work_queue_status_finish (PwBackend       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void           pw_backend_emit_deployments_changed     (PwBackend           *self);
void           pw_backend_emit_work_queues_changed     (PwBackend           *self);

void                  pw_backend_list_notification_policies_async   (PwBackend             *self,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
GListModel           *pw_backend_list_notification_policies_finish  (PwBackend             *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void                  pw_backend_add_notification_policy_async      (PwBackend             *self,
                                                                     PwNotificationPolicy  *policy,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
PwNotificationPolicy *pw_backend_add_notification_policy_finish     (PwBackend             *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void                  pw_backend_delete_notification_policy_async   (PwBackend             *self,
                                                                     const char            *id,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
gboolean              pw_backend_delete_notification_policy_finish  (PwBackend             *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

/* The state history of a flow run's task runs (issue 6, the timeline;
 * pw-backend-optional.c) */
void         pw_backend_list_task_run_states_async  (PwBackend           *self,
                                                     const char          *flow_run_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GListModel  *pw_backend_list_task_run_states_finish (PwBackend           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
