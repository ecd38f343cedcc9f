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
