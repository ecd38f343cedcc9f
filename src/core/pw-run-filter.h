/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-state.h"

G_BEGIN_DECLS

/*
 * The filters and sort orders of the store's lists, mirroring Prefect's
 * filter fields (API.md §1). A field left at its zero value (%NULL, 0,
 * %PW_NULL_FILTER_ANY) sets no condition; the fields that are set are
 * ANDed. The structs are public so that the REST layer can fill them from
 * a request body and write them into one.
 */

/**
 * PwNullFilter:
 * @PW_NULL_FILTER_ANY: no condition
 * @PW_NULL_FILTER_IS_NULL: only rows where the field is null (for tags: the
 *   list is empty)
 * @PW_NULL_FILTER_IS_NOT_NULL: only rows where it is set
 *
 * Prefect's `is_null_` operator, with its absence.
 */
typedef enum
{
  PW_NULL_FILTER_ANY,
  PW_NULL_FILTER_IS_NULL,
  PW_NULL_FILTER_IS_NOT_NULL,
} PwNullFilter;

/**
 * PwFlowSort:
 * @PW_FLOW_SORT_NAME_ASC: by name (the default)
 * @PW_FLOW_SORT_NAME_DESC: by name, backwards
 * @PW_FLOW_SORT_CREATED_DESC: newest first
 * @PW_FLOW_SORT_UPDATED_DESC: most recently saved first
 */
typedef enum
{
  PW_FLOW_SORT_NAME_ASC,
  PW_FLOW_SORT_NAME_DESC,
  PW_FLOW_SORT_CREATED_DESC,
  PW_FLOW_SORT_UPDATED_DESC,
} PwFlowSort;

/**
 * PwFlowRunSort:
 * @PW_FLOW_RUN_SORT_ID_DESC: by id, backwards (Prefect's default)
 * @PW_FLOW_RUN_SORT_START_TIME_ASC: by start time, or the expected start
 *   time for a run that has not started
 * @PW_FLOW_RUN_SORT_START_TIME_DESC: the same, newest first
 * @PW_FLOW_RUN_SORT_EXPECTED_START_TIME_ASC: by expected start time
 * @PW_FLOW_RUN_SORT_EXPECTED_START_TIME_DESC: the same, newest first
 * @PW_FLOW_RUN_SORT_NAME_ASC: by name
 * @PW_FLOW_RUN_SORT_NAME_DESC: by name, backwards
 * @PW_FLOW_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC: soonest due first
 * @PW_FLOW_RUN_SORT_END_TIME_DESC: most recently ended first
 */
typedef enum
{
  PW_FLOW_RUN_SORT_ID_DESC,
  PW_FLOW_RUN_SORT_START_TIME_ASC,
  PW_FLOW_RUN_SORT_START_TIME_DESC,
  PW_FLOW_RUN_SORT_EXPECTED_START_TIME_ASC,
  PW_FLOW_RUN_SORT_EXPECTED_START_TIME_DESC,
  PW_FLOW_RUN_SORT_NAME_ASC,
  PW_FLOW_RUN_SORT_NAME_DESC,
  PW_FLOW_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC,
  PW_FLOW_RUN_SORT_END_TIME_DESC,
} PwFlowRunSort;

/**
 * PwTaskRunSort:
 * @PW_TASK_RUN_SORT_ID_DESC: by id, backwards (Prefect's default)
 * @PW_TASK_RUN_SORT_EXPECTED_START_TIME_ASC: by expected start time
 * @PW_TASK_RUN_SORT_EXPECTED_START_TIME_DESC: the same, newest first
 * @PW_TASK_RUN_SORT_NAME_ASC: by name
 * @PW_TASK_RUN_SORT_NAME_DESC: by name, backwards
 * @PW_TASK_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC: soonest due first
 * @PW_TASK_RUN_SORT_END_TIME_DESC: most recently ended first
 */
typedef enum
{
  PW_TASK_RUN_SORT_ID_DESC,
  PW_TASK_RUN_SORT_EXPECTED_START_TIME_ASC,
  PW_TASK_RUN_SORT_EXPECTED_START_TIME_DESC,
  PW_TASK_RUN_SORT_NAME_ASC,
  PW_TASK_RUN_SORT_NAME_DESC,
  PW_TASK_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC,
  PW_TASK_RUN_SORT_END_TIME_DESC,
} PwTaskRunSort;

/**
 * PwLogSort:
 * @PW_LOG_SORT_TIMESTAMP_ASC: oldest first (the default)
 * @PW_LOG_SORT_TIMESTAMP_DESC: newest first
 * @PW_LOG_SORT_LEVEL_ASC: least severe first
 * @PW_LOG_SORT_LEVEL_DESC: most severe first
 * @PW_LOG_SORT_FLOW_RUN_ID_ASC: by flow run id
 * @PW_LOG_SORT_FLOW_RUN_ID_DESC: by flow run id, backwards
 * @PW_LOG_SORT_TASK_RUN_ID_ASC: by task run id
 * @PW_LOG_SORT_TASK_RUN_ID_DESC: by task run id, backwards
 *
 * Lines with the same key keep the order they were written in.
 */
typedef enum
{
  PW_LOG_SORT_TIMESTAMP_ASC,
  PW_LOG_SORT_TIMESTAMP_DESC,
  PW_LOG_SORT_LEVEL_ASC,
  PW_LOG_SORT_LEVEL_DESC,
  PW_LOG_SORT_FLOW_RUN_ID_ASC,
  PW_LOG_SORT_FLOW_RUN_ID_DESC,
  PW_LOG_SORT_TASK_RUN_ID_ASC,
  PW_LOG_SORT_TASK_RUN_ID_DESC,
} PwLogSort;

#define PW_TYPE_NULL_FILTER (pw_null_filter_get_type ())
#define PW_TYPE_FLOW_SORT (pw_flow_sort_get_type ())
#define PW_TYPE_FLOW_RUN_SORT (pw_flow_run_sort_get_type ())
#define PW_TYPE_TASK_RUN_SORT (pw_task_run_sort_get_type ())
#define PW_TYPE_LOG_SORT (pw_log_sort_get_type ())
GType pw_null_filter_get_type   (void) G_GNUC_CONST;
GType pw_flow_sort_get_type     (void) G_GNUC_CONST;
GType pw_flow_run_sort_get_type (void) G_GNUC_CONST;
GType pw_task_run_sort_get_type (void) G_GNUC_CONST;
GType pw_log_sort_get_type      (void) G_GNUC_CONST;

/**
 * PwFlowFilter:
 * @id_any: flows with one of these ids
 * @name_any: flows with one of these names
 * @name_like: flows whose name holds this text, ignoring case
 * @tags_all: flows that carry every one of these tags
 * @tags_is_null: flows without (or with) tags
 */
typedef struct
{
  GStrv         id_any;
  GStrv         name_any;
  char         *name_like;
  GStrv         tags_all;
  PwNullFilter  tags_is_null;
} PwFlowFilter;

/**
 * PwFlowRunFilter:
 * @id_any: runs with one of these ids
 * @id_not_any: runs with none of these ids
 * @name_any: runs with one of these names
 * @name_like: runs whose name holds this text, ignoring case
 * @tags_all: runs that carry every one of these tags
 * @tags_is_null: runs without (or with) tags
 * @deployment_id_any: runs of one of these deployments
 * @deployment_id_is_null: runs made without (or by) a deployment
 * @work_queue_name_any: runs in one of these work queues
 * @work_queue_name_is_null: runs in no (or some) work queue
 * @state_types: runs whose state type is in this set of
 *   PW_STATE_TYPE_MASK() bits; 0 for any
 * @state_name_any: runs whose state has one of these names (`Late` …)
 * @start_time_before: runs that started at or before this time
 * @start_time_after: runs that started at or after this time
 * @start_time_is_null: runs that have not (or have) started
 * @expected_start_time_before: runs expected to start at or before this time
 * @expected_start_time_after: runs expected to start at or after this time
 * @next_scheduled_start_time_before: runs due at or before this time
 * @next_scheduled_start_time_after: runs due at or after this time
 * @parent_task_run_id_any: sub-flow runs started by one of these task runs
 * @parent_task_run_id_is_null: top-level runs (or sub-flow runs)
 * @flow_id_any: runs of one of these flows (Prefect's `flows.id.any_`)
 * @flow_name_any: runs of the flows with these names (`flows.name.any_`)
 */
typedef struct
{
  GStrv         id_any;
  GStrv         id_not_any;
  GStrv         name_any;
  char         *name_like;
  GStrv         tags_all;
  PwNullFilter  tags_is_null;
  GStrv         deployment_id_any;
  PwNullFilter  deployment_id_is_null;
  GStrv         work_queue_name_any;
  PwNullFilter  work_queue_name_is_null;
  guint         state_types;
  GStrv         state_name_any;
  GDateTime    *start_time_before;
  GDateTime    *start_time_after;
  PwNullFilter  start_time_is_null;
  GDateTime    *expected_start_time_before;
  GDateTime    *expected_start_time_after;
  GDateTime    *next_scheduled_start_time_before;
  GDateTime    *next_scheduled_start_time_after;
  GStrv         parent_task_run_id_any;
  PwNullFilter  parent_task_run_id_is_null;
  GStrv         flow_id_any;
  GStrv         flow_name_any;
} PwFlowRunFilter;

/**
 * PwTaskRunFilter:
 * @id_any: task runs with one of these ids
 * @flow_run_id_any: task runs of one of these flow runs (Prefect's
 *   `flow_runs.id.any_`)
 * @task_key_any: task runs of one of these tasks
 * @name_any: task runs with one of these names
 * @name_like: task runs whose name holds this text, ignoring case
 * @tags_all: task runs that carry every one of these tags
 * @tags_is_null: task runs without (or with) tags
 * @state_types: a set of PW_STATE_TYPE_MASK() bits; 0 for any
 * @state_name_any: task runs whose state has one of these names
 * @start_time_before: task runs that started at or before this time
 * @start_time_after: task runs that started at or after this time
 * @start_time_is_null: task runs that have not (or have) started
 */
typedef struct
{
  GStrv         id_any;
  GStrv         flow_run_id_any;
  GStrv         task_key_any;
  GStrv         name_any;
  char         *name_like;
  GStrv         tags_all;
  PwNullFilter  tags_is_null;
  guint         state_types;
  GStrv         state_name_any;
  GDateTime    *start_time_before;
  GDateTime    *start_time_after;
  PwNullFilter  start_time_is_null;
} PwTaskRunFilter;

/**
 * PwLogFilter:
 * @flow_run_id_any: lines of one of these flow runs
 * @task_run_id_any: lines of one of these task runs
 * @task_run_id_is_null: flow-level lines only (or task lines only)
 * @level_ge: lines at this level or above; 0 for no bound
 * @level_le: lines at this level or below; 0 for no bound
 * @timestamp_before: lines written at or before this time
 * @timestamp_after: lines written at or after this time
 */
typedef struct
{
  GStrv         flow_run_id_any;
  GStrv         task_run_id_any;
  PwNullFilter  task_run_id_is_null;
  int           level_ge;
  int           level_le;
  GDateTime    *timestamp_before;
  GDateTime    *timestamp_after;
} PwLogFilter;

#define PW_TYPE_FLOW_FILTER (pw_flow_filter_get_type ())
#define PW_TYPE_FLOW_RUN_FILTER (pw_flow_run_filter_get_type ())
#define PW_TYPE_TASK_RUN_FILTER (pw_task_run_filter_get_type ())
#define PW_TYPE_LOG_FILTER (pw_log_filter_get_type ())

GType            pw_flow_filter_get_type                 (void) G_GNUC_CONST;
PwFlowFilter    *pw_flow_filter_new                      (void);
PwFlowFilter    *pw_flow_filter_copy                     (const PwFlowFilter  *self);
void             pw_flow_filter_free                     (PwFlowFilter        *self);
void             pw_flow_filter_set_name_like            (PwFlowFilter        *self,
                                                          const char          *text);
void             pw_flow_filter_set_tags_all             (PwFlowFilter        *self,
                                                          const char * const  *tags);

GType            pw_flow_run_filter_get_type             (void) G_GNUC_CONST;
PwFlowRunFilter *pw_flow_run_filter_new                  (void);
PwFlowRunFilter *pw_flow_run_filter_copy                 (const PwFlowRunFilter *self);
void             pw_flow_run_filter_free                 (PwFlowRunFilter     *self);
void             pw_flow_run_filter_set_state_type       (PwFlowRunFilter     *self,
                                                          PwStateType          state_type);
void             pw_flow_run_filter_set_flow_id          (PwFlowRunFilter     *self,
                                                          const char          *flow_id);
void             pw_flow_run_filter_set_deployment_id    (PwFlowRunFilter     *self,
                                                          const char          *deployment_id);
void             pw_flow_run_filter_set_tags_all         (PwFlowRunFilter     *self,
                                                          const char * const  *tags);
void             pw_flow_run_filter_set_start_time_range (PwFlowRunFilter     *self,
                                                          GDateTime           *after,
                                                          GDateTime           *before);

GType            pw_task_run_filter_get_type             (void) G_GNUC_CONST;
PwTaskRunFilter *pw_task_run_filter_new                  (void);
PwTaskRunFilter *pw_task_run_filter_copy                 (const PwTaskRunFilter *self);
void             pw_task_run_filter_free                 (PwTaskRunFilter     *self);
void             pw_task_run_filter_set_flow_run_id      (PwTaskRunFilter     *self,
                                                          const char          *flow_run_id);

GType            pw_log_filter_get_type                  (void) G_GNUC_CONST;
PwLogFilter     *pw_log_filter_new                       (void);
PwLogFilter     *pw_log_filter_copy                      (const PwLogFilter   *self);
void             pw_log_filter_free                      (PwLogFilter         *self);
void             pw_log_filter_set_flow_run_id           (PwLogFilter         *self,
                                                          const char          *flow_run_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwFlowFilter, pw_flow_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwFlowRunFilter, pw_flow_run_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwTaskRunFilter, pw_task_run_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwLogFilter, pw_log_filter_free)

G_END_DECLS
