/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-run-filter"

#include "config.h"

#include "pw-run-filter.h"

G_DEFINE_ENUM_TYPE (PwNullFilter, pw_null_filter,
  G_DEFINE_ENUM_VALUE (PW_NULL_FILTER_ANY, "any"),
  G_DEFINE_ENUM_VALUE (PW_NULL_FILTER_IS_NULL, "is-null"),
  G_DEFINE_ENUM_VALUE (PW_NULL_FILTER_IS_NOT_NULL, "is-not-null"))

/* The nicks are Prefect's spellings, for g_enum_get_value_by_nick(). */
G_DEFINE_ENUM_TYPE (PwFlowSort, pw_flow_sort,
  G_DEFINE_ENUM_VALUE (PW_FLOW_SORT_NAME_ASC, "NAME_ASC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_SORT_NAME_DESC, "NAME_DESC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_SORT_CREATED_DESC, "CREATED_DESC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_SORT_UPDATED_DESC, "UPDATED_DESC"))

G_DEFINE_ENUM_TYPE (PwFlowRunSort, pw_flow_run_sort,
  G_DEFINE_ENUM_VALUE (PW_FLOW_RUN_SORT_ID_DESC, "ID_DESC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_RUN_SORT_START_TIME_ASC, "START_TIME_ASC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_RUN_SORT_START_TIME_DESC, "START_TIME_DESC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_RUN_SORT_EXPECTED_START_TIME_ASC, "EXPECTED_START_TIME_ASC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_RUN_SORT_EXPECTED_START_TIME_DESC, "EXPECTED_START_TIME_DESC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_RUN_SORT_NAME_ASC, "NAME_ASC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_RUN_SORT_NAME_DESC, "NAME_DESC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC,
                       "NEXT_SCHEDULED_START_TIME_ASC"),
  G_DEFINE_ENUM_VALUE (PW_FLOW_RUN_SORT_END_TIME_DESC, "END_TIME_DESC"))

G_DEFINE_ENUM_TYPE (PwTaskRunSort, pw_task_run_sort,
  G_DEFINE_ENUM_VALUE (PW_TASK_RUN_SORT_ID_DESC, "ID_DESC"),
  G_DEFINE_ENUM_VALUE (PW_TASK_RUN_SORT_EXPECTED_START_TIME_ASC, "EXPECTED_START_TIME_ASC"),
  G_DEFINE_ENUM_VALUE (PW_TASK_RUN_SORT_EXPECTED_START_TIME_DESC, "EXPECTED_START_TIME_DESC"),
  G_DEFINE_ENUM_VALUE (PW_TASK_RUN_SORT_NAME_ASC, "NAME_ASC"),
  G_DEFINE_ENUM_VALUE (PW_TASK_RUN_SORT_NAME_DESC, "NAME_DESC"),
  G_DEFINE_ENUM_VALUE (PW_TASK_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC,
                       "NEXT_SCHEDULED_START_TIME_ASC"),
  G_DEFINE_ENUM_VALUE (PW_TASK_RUN_SORT_END_TIME_DESC, "END_TIME_DESC"))

G_DEFINE_ENUM_TYPE (PwLogSort, pw_log_sort,
  G_DEFINE_ENUM_VALUE (PW_LOG_SORT_TIMESTAMP_ASC, "TIMESTAMP_ASC"),
  G_DEFINE_ENUM_VALUE (PW_LOG_SORT_TIMESTAMP_DESC, "TIMESTAMP_DESC"),
  G_DEFINE_ENUM_VALUE (PW_LOG_SORT_LEVEL_ASC, "LEVEL_ASC"),
  G_DEFINE_ENUM_VALUE (PW_LOG_SORT_LEVEL_DESC, "LEVEL_DESC"),
  G_DEFINE_ENUM_VALUE (PW_LOG_SORT_FLOW_RUN_ID_ASC, "FLOW_RUN_ID_ASC"),
  G_DEFINE_ENUM_VALUE (PW_LOG_SORT_FLOW_RUN_ID_DESC, "FLOW_RUN_ID_DESC"),
  G_DEFINE_ENUM_VALUE (PW_LOG_SORT_TASK_RUN_ID_ASC, "TASK_RUN_ID_ASC"),
  G_DEFINE_ENUM_VALUE (PW_LOG_SORT_TASK_RUN_ID_DESC, "TASK_RUN_ID_DESC"))

G_DEFINE_BOXED_TYPE (PwFlowFilter, pw_flow_filter, pw_flow_filter_copy, pw_flow_filter_free)
G_DEFINE_BOXED_TYPE (PwFlowRunFilter, pw_flow_run_filter,
                     pw_flow_run_filter_copy, pw_flow_run_filter_free)
G_DEFINE_BOXED_TYPE (PwTaskRunFilter, pw_task_run_filter,
                     pw_task_run_filter_copy, pw_task_run_filter_free)
G_DEFINE_BOXED_TYPE (PwLogFilter, pw_log_filter, pw_log_filter_copy, pw_log_filter_free)

static inline GDateTime *
ref_date_time (GDateTime *date_time)
{
  return date_time != NULL ? g_date_time_ref (date_time) : NULL;
}

static inline void
replace_strv (GStrv              *slot,
              const char * const *values)
{
  g_strfreev (*slot);
  *slot = g_strdupv ((char **)values);
}

/* Replaces @slot by a list of @value alone, or by no list. */
static inline void
replace_strv_one (GStrv      *slot,
                  const char *value)
{
  const char * const values[] = { value, NULL };

  replace_strv (slot, value != NULL ? values : NULL);
}

static inline void
replace_date_time (GDateTime **slot,
                   GDateTime  *value)
{
  g_clear_pointer (slot, g_date_time_unref);
  *slot = ref_date_time (value);
}

/**
 * pw_flow_filter_new:
 *
 * Returns: (transfer full): a filter that keeps every flow
 */
PwFlowFilter *
pw_flow_filter_new (void)
{
  return g_new0 (PwFlowFilter, 1);
}

PwFlowFilter *
pw_flow_filter_copy (const PwFlowFilter *self)
{
  PwFlowFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = pw_flow_filter_new ();
  copy->id_any = g_strdupv (self->id_any);
  copy->name_any = g_strdupv (self->name_any);
  copy->name_like = g_strdup (self->name_like);
  copy->tags_all = g_strdupv (self->tags_all);
  copy->tags_is_null = self->tags_is_null;

  return copy;
}

void
pw_flow_filter_free (PwFlowFilter *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->id_any);
  g_strfreev (self->name_any);
  g_free (self->name_like);
  g_strfreev (self->tags_all);
  g_free (self);
}

/**
 * pw_flow_filter_set_name_like:
 * @self: a #PwFlowFilter
 * @text: (nullable): text the names must hold, ignoring case, or %NULL
 */
void
pw_flow_filter_set_name_like (PwFlowFilter *self,
                              const char   *text)
{
  g_return_if_fail (self != NULL);

  g_free (self->name_like);
  self->name_like = g_strdup (text);
}

/**
 * pw_flow_filter_set_tags_all:
 * @self: a #PwFlowFilter
 * @tags: (nullable) (array zero-terminated=1): tags the flows must all carry
 */
void
pw_flow_filter_set_tags_all (PwFlowFilter       *self,
                             const char * const *tags)
{
  g_return_if_fail (self != NULL);

  replace_strv (&self->tags_all, tags);
}

/**
 * pw_flow_run_filter_new:
 *
 * Returns: (transfer full): a filter that keeps every flow run
 */
PwFlowRunFilter *
pw_flow_run_filter_new (void)
{
  return g_new0 (PwFlowRunFilter, 1);
}

PwFlowRunFilter *
pw_flow_run_filter_copy (const PwFlowRunFilter *self)
{
  PwFlowRunFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id_any = g_strdupv (self->id_any);
  copy->id_not_any = g_strdupv (self->id_not_any);
  copy->name_any = g_strdupv (self->name_any);
  copy->name_like = g_strdup (self->name_like);
  copy->tags_all = g_strdupv (self->tags_all);
  copy->deployment_id_any = g_strdupv (self->deployment_id_any);
  copy->work_queue_name_any = g_strdupv (self->work_queue_name_any);
  copy->state_name_any = g_strdupv (self->state_name_any);
  copy->start_time_before = ref_date_time (self->start_time_before);
  copy->start_time_after = ref_date_time (self->start_time_after);
  copy->expected_start_time_before = ref_date_time (self->expected_start_time_before);
  copy->expected_start_time_after = ref_date_time (self->expected_start_time_after);
  copy->next_scheduled_start_time_before = ref_date_time (self->next_scheduled_start_time_before);
  copy->next_scheduled_start_time_after = ref_date_time (self->next_scheduled_start_time_after);
  copy->parent_task_run_id_any = g_strdupv (self->parent_task_run_id_any);
  copy->flow_id_any = g_strdupv (self->flow_id_any);
  copy->flow_name_any = g_strdupv (self->flow_name_any);

  return copy;
}

void
pw_flow_run_filter_free (PwFlowRunFilter *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->id_any);
  g_strfreev (self->id_not_any);
  g_strfreev (self->name_any);
  g_free (self->name_like);
  g_strfreev (self->tags_all);
  g_strfreev (self->deployment_id_any);
  g_strfreev (self->work_queue_name_any);
  g_strfreev (self->state_name_any);
  g_clear_pointer (&self->start_time_before, g_date_time_unref);
  g_clear_pointer (&self->start_time_after, g_date_time_unref);
  g_clear_pointer (&self->expected_start_time_before, g_date_time_unref);
  g_clear_pointer (&self->expected_start_time_after, g_date_time_unref);
  g_clear_pointer (&self->next_scheduled_start_time_before, g_date_time_unref);
  g_clear_pointer (&self->next_scheduled_start_time_after, g_date_time_unref);
  g_strfreev (self->parent_task_run_id_any);
  g_strfreev (self->flow_id_any);
  g_strfreev (self->flow_name_any);
  g_free (self);
}

/**
 * pw_flow_run_filter_set_state_type:
 * @self: a #PwFlowRunFilter
 * @state_type: the one state type to keep
 *
 * Keeps only runs whose state has @state_type; set
 * #PwFlowRunFilter.state_types for several.
 */
void
pw_flow_run_filter_set_state_type (PwFlowRunFilter *self,
                                   PwStateType      state_type)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (state_type < PW_N_STATE_TYPES);

  self->state_types = PW_STATE_TYPE_MASK (state_type);
}

/**
 * pw_flow_run_filter_set_flow_id:
 * @self: a #PwFlowRunFilter
 * @flow_id: (nullable): the flow whose runs to keep, or %NULL for any flow
 */
void
pw_flow_run_filter_set_flow_id (PwFlowRunFilter *self,
                                const char      *flow_id)
{
  g_return_if_fail (self != NULL);

  replace_strv_one (&self->flow_id_any, flow_id);
}

/**
 * pw_flow_run_filter_set_deployment_id:
 * @self: a #PwFlowRunFilter
 * @deployment_id: (nullable): the deployment whose runs to keep, or %NULL
 *   for any
 */
void
pw_flow_run_filter_set_deployment_id (PwFlowRunFilter *self,
                                      const char      *deployment_id)
{
  g_return_if_fail (self != NULL);

  replace_strv_one (&self->deployment_id_any, deployment_id);
}

/**
 * pw_flow_run_filter_set_tags_all:
 * @self: a #PwFlowRunFilter
 * @tags: (nullable) (array zero-terminated=1): tags the runs must all carry
 */
void
pw_flow_run_filter_set_tags_all (PwFlowRunFilter    *self,
                                 const char * const *tags)
{
  g_return_if_fail (self != NULL);

  replace_strv (&self->tags_all, tags);
}

/**
 * pw_flow_run_filter_set_start_time_range:
 * @self: a #PwFlowRunFilter
 * @after: (nullable): the earliest start time to keep
 * @before: (nullable): the latest start time to keep
 *
 * Keeps the runs that started between @after and @before, both included.
 */
void
pw_flow_run_filter_set_start_time_range (PwFlowRunFilter *self,
                                         GDateTime       *after,
                                         GDateTime       *before)
{
  g_return_if_fail (self != NULL);

  replace_date_time (&self->start_time_after, after);
  replace_date_time (&self->start_time_before, before);
}

/**
 * pw_task_run_filter_new:
 *
 * Returns: (transfer full): a filter that keeps every task run
 */
PwTaskRunFilter *
pw_task_run_filter_new (void)
{
  return g_new0 (PwTaskRunFilter, 1);
}

PwTaskRunFilter *
pw_task_run_filter_copy (const PwTaskRunFilter *self)
{
  PwTaskRunFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id_any = g_strdupv (self->id_any);
  copy->flow_run_id_any = g_strdupv (self->flow_run_id_any);
  copy->task_key_any = g_strdupv (self->task_key_any);
  copy->name_any = g_strdupv (self->name_any);
  copy->name_like = g_strdup (self->name_like);
  copy->tags_all = g_strdupv (self->tags_all);
  copy->state_name_any = g_strdupv (self->state_name_any);
  copy->start_time_before = ref_date_time (self->start_time_before);
  copy->start_time_after = ref_date_time (self->start_time_after);

  return copy;
}

void
pw_task_run_filter_free (PwTaskRunFilter *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->id_any);
  g_strfreev (self->flow_run_id_any);
  g_strfreev (self->task_key_any);
  g_strfreev (self->name_any);
  g_free (self->name_like);
  g_strfreev (self->tags_all);
  g_strfreev (self->state_name_any);
  g_clear_pointer (&self->start_time_before, g_date_time_unref);
  g_clear_pointer (&self->start_time_after, g_date_time_unref);
  g_free (self);
}

/**
 * pw_task_run_filter_set_flow_run_id:
 * @self: a #PwTaskRunFilter
 * @flow_run_id: (nullable): the flow run whose task runs to keep, or %NULL
 */
void
pw_task_run_filter_set_flow_run_id (PwTaskRunFilter *self,
                                    const char      *flow_run_id)
{
  g_return_if_fail (self != NULL);

  replace_strv_one (&self->flow_run_id_any, flow_run_id);
}

/**
 * pw_log_filter_new:
 *
 * Returns: (transfer full): a filter that keeps every log line
 */
PwLogFilter *
pw_log_filter_new (void)
{
  return g_new0 (PwLogFilter, 1);
}

PwLogFilter *
pw_log_filter_copy (const PwLogFilter *self)
{
  PwLogFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->flow_run_id_any = g_strdupv (self->flow_run_id_any);
  copy->task_run_id_any = g_strdupv (self->task_run_id_any);
  copy->timestamp_before = ref_date_time (self->timestamp_before);
  copy->timestamp_after = ref_date_time (self->timestamp_after);

  return copy;
}

void
pw_log_filter_free (PwLogFilter *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->flow_run_id_any);
  g_strfreev (self->task_run_id_any);
  g_clear_pointer (&self->timestamp_before, g_date_time_unref);
  g_clear_pointer (&self->timestamp_after, g_date_time_unref);
  g_free (self);
}

/**
 * pw_log_filter_set_flow_run_id:
 * @self: a #PwLogFilter
 * @flow_run_id: (nullable): the flow run whose lines to keep, or %NULL
 */
void
pw_log_filter_set_flow_run_id (PwLogFilter *self,
                               const char  *flow_run_id)
{
  g_return_if_fail (self != NULL);

  replace_strv_one (&self->flow_run_id_any, flow_run_id);
}
