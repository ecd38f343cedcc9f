/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-flow-info.h"
#include "pw-flow-run.h"
#include "pw-log-entry.h"
#include "pw-run-filter.h"
#include "pw-state.h"
#include "pw-task-run.h"

G_BEGIN_DECLS

#define PW_STORE_ERROR (pw_store_error_quark ())

/**
 * PwStoreError:
 * @PW_STORE_ERROR_FAILED: anything else sqlite reported
 * @PW_STORE_ERROR_NOT_A_DATABASE: the file is not a Pipewright database
 * @PW_STORE_ERROR_READ_ONLY: the database cannot be written (the file or its
 *   folder is read-only)
 * @PW_STORE_ERROR_NEWER_SCHEMA: a newer Pipewright wrote the database
 * @PW_STORE_ERROR_CORRUPT: the database file is damaged
 * @PW_STORE_ERROR_IO: the file could not be opened, read or written
 * @PW_STORE_ERROR_BUSY: another process held the database for too long
 * @PW_STORE_ERROR_NOT_FOUND: no such flow, version, run or entry
 * @PW_STORE_ERROR_CONFLICT: the change clashes with what is stored (a run
 *   already claimed, a flow with active runs …)
 * @PW_STORE_ERROR_INVALID: a value given to the store is not acceptable
 */
typedef enum
{
  PW_STORE_ERROR_FAILED,
  PW_STORE_ERROR_NOT_A_DATABASE,
  PW_STORE_ERROR_READ_ONLY,
  PW_STORE_ERROR_NEWER_SCHEMA,
  PW_STORE_ERROR_CORRUPT,
  PW_STORE_ERROR_IO,
  PW_STORE_ERROR_BUSY,
  PW_STORE_ERROR_NOT_FOUND,
  PW_STORE_ERROR_CONFLICT,
  PW_STORE_ERROR_INVALID,
} PwStoreError;

/**
 * PW_STORE_DEFAULT_LIMIT:
 *
 * The page size of a list when the caller passes a limit of 0; also the
 * largest page the REST API hands out, as in Prefect.
 */
#define PW_STORE_DEFAULT_LIMIT 200

/**
 * PW_STORE_MAX_RESULT_SIZE:
 *
 * The most bytes of a task result the store keeps; a longer result is cut
 * (at a character boundary) and marked truncated.
 */
#define PW_STORE_MAX_RESULT_SIZE (1024 * 1024)

/**
 * PW_STORE_HEARTBEAT_TIMEOUT:
 *
 * How old (in microseconds) the heartbeat of a run whose owner cannot be
 * checked may grow before the run is taken for crashed.
 */
#define PW_STORE_HEARTBEAT_TIMEOUT (60 * G_TIME_SPAN_SECOND)

#define PW_TYPE_STORE (pw_store_get_type ())
G_DECLARE_FINAL_TYPE (PwStore, pw_store, PW, STORE, GObject)

GQuark       pw_store_error_quark          (void);
char        *pw_store_default_path         (void);
PwStore     *pw_store_open                 (const char             *path,
                                            GError                **error);
const char  *pw_store_get_path             (PwStore                *self);
gboolean     pw_store_is_read_only         (PwStore                *self);
gboolean     pw_store_begin                (PwStore                *self,
                                            GError                **error);
gboolean     pw_store_commit               (PwStore                *self,
                                            GError                **error);
void         pw_store_rollback             (PwStore                *self);

/* Flows and their versions (pw-store-flows.c) */
PwFlowInfo  *pw_store_save_flow            (PwStore                *self,
                                            const char             *name,
                                            const char             *description,
                                            const char * const     *tags,
                                            guint                   n_tasks,
                                            const char             *document,
                                            GError                **error);
GPtrArray   *pw_store_list_flows           (PwStore                *self,
                                            const PwFlowFilter     *filter,
                                            PwFlowSort              sort,
                                            guint                   limit,
                                            guint                   offset,
                                            GError                **error);
gint64       pw_store_count_flows          (PwStore                *self,
                                            const PwFlowFilter     *filter,
                                            GError                **error);
PwFlowInfo  *pw_store_get_flow_info        (PwStore                *self,
                                            const char             *name,
                                            GError                **error);
char        *pw_store_get_flow_document    (PwStore                *self,
                                            const char             *name,
                                            guint                   version,
                                            guint                  *out_version,
                                            GError                **error);
GPtrArray   *pw_store_list_flow_versions   (PwStore                *self,
                                            const char             *name,
                                            GError                **error);
gboolean     pw_store_delete_flow          (PwStore                *self,
                                            const char             *name,
                                            GError                **error);

/* Deployments and work queues (pw-store-deployments.c) */
char        *pw_store_save_deployment      (PwStore                *self,
                                            const char             *flow_name,
                                            const char             *name,
                                            const char             *schedule,
                                            const char             *parameters,
                                            const char * const     *tags,
                                            const char             *work_queue_name,
                                            gboolean                paused,
                                            const char             *description,
                                            GError                **error);
char        *pw_store_get_deployment_id    (PwStore                *self,
                                            const char             *flow_name,
                                            const char             *name,
                                            GError                **error);
gboolean     pw_store_delete_deployment    (PwStore                *self,
                                            const char             *id,
                                            GError                **error);
char        *pw_store_ensure_work_queue    (PwStore                *self,
                                            const char             *name,
                                            GError                **error);

/* Flow runs (pw-store-flow-runs.c) */
PwFlowRun   *pw_store_create_flow_run      (PwStore                *self,
                                            PwFlowRun              *flow_run,
                                            PwState                *state,
                                            gboolean               *out_created,
                                            GError                **error);
PwFlowRun   *pw_store_get_flow_run         (PwStore                *self,
                                            const char             *id,
                                            GError                **error);
gboolean     pw_store_set_flow_run_state   (PwStore                *self,
                                            const char             *flow_run_id,
                                            PwState                *state,
                                            GError                **error);
GPtrArray   *pw_store_list_flow_runs       (PwStore                *self,
                                            const PwFlowRunFilter  *filter,
                                            PwFlowRunSort           sort,
                                            guint                   limit,
                                            guint                   offset,
                                            GError                **error);
gint64       pw_store_count_flow_runs      (PwStore                *self,
                                            const PwFlowRunFilter  *filter,
                                            GError                **error);
GPtrArray   *pw_store_list_flow_run_states (PwStore                *self,
                                            const char             *flow_run_id,
                                            GError                **error);
gboolean     pw_store_delete_flow_run      (PwStore                *self,
                                            const char             *id,
                                            GError                **error);

/* Task runs (pw-store-task-runs.c) */
PwTaskRun   *pw_store_create_task_run      (PwStore                *self,
                                            PwTaskRun              *task_run,
                                            PwState                *state,
                                            gboolean               *out_created,
                                            GError                **error);
PwTaskRun   *pw_store_get_task_run         (PwStore                *self,
                                            const char             *id,
                                            GError                **error);
gboolean     pw_store_set_task_run_state   (PwStore                *self,
                                            const char             *task_run_id,
                                            PwState                *state,
                                            GError                **error);
gboolean     pw_store_set_task_run_result  (PwStore                *self,
                                            const char             *task_run_id,
                                            const char             *result,
                                            GError                **error);
GPtrArray   *pw_store_list_task_runs       (PwStore                *self,
                                            const PwTaskRunFilter  *filter,
                                            PwTaskRunSort           sort,
                                            guint                   limit,
                                            guint                   offset,
                                            GError                **error);
gint64       pw_store_count_task_runs      (PwStore                *self,
                                            const PwTaskRunFilter  *filter,
                                            GError                **error);
GPtrArray   *pw_store_list_task_run_states (PwStore                *self,
                                            const char             *task_run_id,
                                            GError                **error);
GPtrArray   *pw_store_list_flow_run_task_states (PwStore           *self,
                                                 const char        *flow_run_id,
                                                 GError           **error);

/* States (pw-store-states.c) */
PwState     *pw_store_get_state            (PwStore                *self,
                                            const char             *id,
                                            GError                **error);

/* Logs (pw-store-logs.c) */
gboolean     pw_store_append_logs          (PwStore                *self,
                                            GPtrArray              *entries,
                                            GError                **error);
GPtrArray   *pw_store_list_logs            (PwStore                *self,
                                            const PwLogFilter      *filter,
                                            PwLogSort               sort,
                                            guint                   limit,
                                            guint                   offset,
                                            GError                **error);
gint64       pw_store_count_logs           (PwStore                *self,
                                            const PwLogFilter      *filter,
                                            GError                **error);

/* Cached task results (pw-store-cache.c) */
gboolean     pw_store_put_cache_entry      (PwStore                *self,
                                            const char             *key,
                                            const char             *result,
                                            GDateTime              *expiration,
                                            const char             *task_run_id,
                                            GError                **error);
gboolean     pw_store_get_cache_entry      (PwStore                *self,
                                            const char             *key,
                                            GDateTime              *now,
                                            char                  **out_result,
                                            char                  **out_task_run_id,
                                            GError                **error);
gint64       pw_store_purge_cache          (PwStore                *self,
                                            GDateTime              *now,
                                            GError                **error);

/* Run ownership (pw-store-owner.c) */
gboolean     pw_store_claim_flow_run       (PwStore                *self,
                                            const char             *flow_run_id,
                                            GDateTime              *now,
                                            GError                **error);
gint64       pw_store_heartbeat            (PwStore                *self,
                                            GDateTime              *now,
                                            GError                **error);
GPtrArray   *pw_store_reap_crashed_runs    (PwStore                *self,
                                            GDateTime              *now,
                                            GError                **error);

G_END_DECLS

/* ==== Deployments, work queues and schedules (issue 4) ====================
 * pw-store-deployments.c, pw-store-work-queues.c, pw-store-scheduled.c.
 * Records are PwDeployment and PwWorkQueue; the scheduler's bookkeeping is
 * a PwScheduleCursor per active deployment. */

#include "pw-deployment.h"
#include "pw-work-queue.h"

G_BEGIN_DECLS

/* Deployments (pw-store-deployments.c) */
PwDeployment *pw_store_put_deployment        (PwStore                *self,
                                              PwDeployment           *deployment,
                                              gboolean               *out_created,
                                              GError                **error);
PwDeployment *pw_store_get_deployment        (PwStore                *self,
                                              const char             *id,
                                              GError                **error);
PwDeployment *pw_store_find_deployment       (PwStore                *self,
                                              const char             *flow_name,
                                              const char             *name,
                                              GError                **error);
GPtrArray    *pw_store_list_deployments      (PwStore                *self,
                                              const char             *flow_name,
                                              GError                **error);
gboolean      pw_store_set_deployment_paused (PwStore                *self,
                                              const char             *id,
                                              gboolean                paused,
                                              GError                **error);

/* Work queues (pw-store-work-queues.c) */
PwWorkQueue  *pw_store_create_work_queue     (PwStore                *self,
                                              PwWorkQueue            *queue,
                                              GError                **error);
PwWorkQueue  *pw_store_update_work_queue     (PwStore                *self,
                                              PwWorkQueue            *queue,
                                              GError                **error);
PwWorkQueue  *pw_store_get_work_queue        (PwStore                *self,
                                              const char             *name,
                                              GError                **error);
GPtrArray    *pw_store_list_work_queues      (PwStore                *self,
                                              GError                **error);
gboolean      pw_store_delete_work_queue     (PwStore                *self,
                                              const char             *name,
                                              GError                **error);
gboolean      pw_store_set_work_queue_paused (PwStore                *self,
                                              const char             *name,
                                              gboolean                paused,
                                              GError                **error);
gboolean      pw_store_touch_work_queues     (PwStore                *self,
                                              const char * const     *names,
                                              GDateTime              *now,
                                              GError                **error);
PwWorkQueueStatus *pw_store_get_work_queue_status (PwStore           *self,
                                              const char             *name,
                                              GDateTime              *now,
                                              GError                **error);
char         *pw_store_route_work_queue      (PwStore                *self,
                                              const char             *work_queue_name,
                                              const char * const     *tags,
                                              GError                **error);

/* Scheduled runs (pw-store-scheduled.c) */

/**
 * PwScheduleCursor:
 * @deployment_id: the deployment
 * @flow_id: its flow
 * @schedule: its schedule, as JSON text
 * @parameters: its parameters, as JSON object text
 * @tags: (nullable): its tags
 * @work_queue_name: (nullable): the queue it names, if any
 * @updated: its `updated` stamp, to tell whether it changed since it was read
 * @scheduled_from: microseconds: since when its schedule counts (0: the
 *   scheduler has not looked at it since it last changed)
 * @scheduled_through: microseconds: the latest time a run was created for
 *   (0: none since it last changed)
 *
 * Where an active deployment's schedule stands, for the scheduler.
 */
typedef struct
{
  char   *deployment_id;
  char   *flow_id;
  char   *schedule;
  char   *parameters;
  GStrv   tags;
  char   *work_queue_name;
  gint64  updated;
  gint64  scheduled_from;
  gint64  scheduled_through;
} PwScheduleCursor;

void          pw_schedule_cursor_free        (PwScheduleCursor       *cursor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwScheduleCursor, pw_schedule_cursor_free)

GPtrArray    *pw_store_list_schedule_cursors (PwStore                *self,
                                              GError                **error);
gint64        pw_store_count_future_runs     (PwStore                *self,
                                              const char             *deployment_id,
                                              GDateTime              *after,
                                              GError                **error);
gboolean      pw_store_insert_scheduled_runs (PwStore                *self,
                                              const PwScheduleCursor *cursor,
                                              const char             *work_queue_name,
                                              GPtrArray              *times,
                                              GDateTime              *scheduled_from,
                                              GDateTime              *now,
                                              GPtrArray              *out_ids,
                                              GError                **error);
gint64        pw_store_delete_scheduled_runs (PwStore                *self,
                                              const char             *deployment_id,
                                              gboolean                auto_scheduled_only,
                                              GError                **error);
GPtrArray    *pw_store_mark_late_runs        (PwStore                *self,
                                              GDateTime              *due_before,
                                              GDateTime              *now,
                                              GError                **error);
GPtrArray    *pw_store_list_due_runs         (PwStore                *self,
                                              const char * const     *queues,
                                              GDateTime              *now,
                                              guint                   limit,
                                              GError                **error);
GPtrArray    *pw_store_list_upcoming_runs    (PwStore                *self,
                                              const char             *work_queue_name,
                                              GDateTime              *until,
                                              guint                   limit,
                                              GError                **error);
void          pw_store_set_busy_timeout      (PwStore                *self,
                                              guint                   timeout_ms);

G_END_DECLS
/* ==== end of issue 4 ==================================================== */

/* ==== Agents and notifications (issue 4, items 5 and 6) ===================
 * pw-store-agent.c: taking due runs from work queues, atomically.
 * pw-store-notifications.c: global notification rules, the flow-run states
 * a notifier has not seen, and webhook deliveries made once per process
 * group. */

#include "pw-notification-policy.h"

G_BEGIN_DECLS

/* Agents (pw-store-agent.c) */
gboolean      pw_store_take_flow_run                (PwStore               *self,
                                                     const char            *flow_run_id,
                                                     const char            *agent_name,
                                                     GDateTime             *now,
                                                     GError               **error);
GDateTime    *pw_store_get_next_due_time            (PwStore               *self,
                                                     const char * const    *queues,
                                                     GDateTime             *after,
                                                     GError               **error);

/* Notifications (pw-store-notifications.c) */
gboolean      pw_store_add_notification_rule        (PwStore               *self,
                                                     PwNotificationPolicy  *rule,
                                                     GError               **error);
GPtrArray    *pw_store_list_notification_rules      (PwStore               *self,
                                                     GError               **error);
PwNotificationPolicy *pw_store_get_notification_rule (PwStore              *self,
                                                     const char            *id,
                                                     GError               **error);
gboolean      pw_store_delete_notification_rule     (PwStore               *self,
                                                     const char            *id,
                                                     GError               **error);
gboolean      pw_store_set_notification_rule_active (PwStore               *self,
                                                     const char            *id,
                                                     gboolean               active,
                                                     GError               **error);
gint64        pw_store_get_notification_cursor      (PwStore               *self,
                                                     GError               **error);
gboolean      pw_store_advance_notification_cursor  (PwStore               *self,
                                                     gint64                 mark,
                                                     GError               **error);
GPtrArray    *pw_store_list_flow_run_states_after   (PwStore               *self,
                                                     gint64                 mark,
                                                     guint                  limit,
                                                     gint64                *out_mark,
                                                     GError               **error);
gboolean      pw_store_get_flow_run_context         (PwStore               *self,
                                                     const char            *flow_run_id,
                                                     char                 **out_deployment_name,
                                                     GStrv                 *out_tags,
                                                     GError               **error);
gboolean      pw_store_claim_webhook_delivery       (PwStore               *self,
                                                     const char            *flow_run_id,
                                                     const char            *state_type,
                                                     const char            *state_name,
                                                     const char            *webhook,
                                                     gboolean              *out_claimed,
                                                     GError               **error);
gboolean      pw_store_finish_webhook_delivery      (PwStore               *self,
                                                     const char            *flow_run_id,
                                                     const char            *state_type,
                                                     const char            *state_name,
                                                     const char            *webhook,
                                                     gboolean               delivered,
                                                     guint                  attempts,
                                                     const char            *message,
                                                     GError               **error);
gboolean      pw_store_get_webhook_delivery         (PwStore               *self,
                                                     const char            *flow_run_id,
                                                     const char            *state_type,
                                                     const char            *state_name,
                                                     const char            *webhook,
                                                     char                 **out_status,
                                                     guint                 *out_attempts,
                                                     char                 **out_message,
                                                     GError               **error);

G_END_DECLS
/* ==== end of agents and notifications =================================== */
