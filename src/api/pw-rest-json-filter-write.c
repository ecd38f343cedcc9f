/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-rest-json.h"

/*
 * The store's filter structs as Prefect's filter bodies (API.md §1): what
 * the remote backend sends. Only the fields that are set are written, so
 * that a Prefect server, strict about its fields, sees what it knows.
 */

const char *
pw_rest_enum_nick (GType enum_type,
                   int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *found = g_enum_get_value (klass, value);

  return found != NULL ? found->value_nick : NULL;
}

static void
write_op_strv (PwJsonWriter       *w,
               const char         *field,
               const char         *op,
               const char * const *values)
{
  if (values == NULL)
    return;
  pw_json_writer_member (w, field);
  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, op);
  pw_json_writer_strv (w, values);
  pw_json_writer_end_object (w);
}

static void
write_is_null (PwJsonWriter *w,
               PwNullFilter  is_null)
{
  if (is_null == PW_NULL_FILTER_ANY)
    return;
  pw_json_writer_member (w, "is_null_");
  pw_json_writer_bool (w, is_null == PW_NULL_FILTER_IS_NULL);
}

/* `FIELD: {any_: …, is_null_: …}` with what of them is set. */
static void
write_any_null (PwJsonWriter       *w,
                const char         *field,
                const char         *any_op,
                const char * const *any,
                PwNullFilter        is_null)
{
  if (any == NULL && is_null == PW_NULL_FILTER_ANY)
    return;
  pw_json_writer_member (w, field);
  pw_json_writer_begin_object (w);
  if (any != NULL)
    {
      pw_json_writer_member (w, any_op);
      pw_json_writer_strv (w, any);
    }
  write_is_null (w, is_null);
  pw_json_writer_end_object (w);
}

static void
write_times (PwJsonWriter *w,
             const char   *field,
             GDateTime    *before,
             GDateTime    *after,
             PwNullFilter  is_null)
{
  if (before == NULL && after == NULL && is_null == PW_NULL_FILTER_ANY)
    return;
  pw_json_writer_member (w, field);
  pw_json_writer_begin_object (w);
  if (after != NULL)
    {
      pw_json_writer_member (w, "after_");
      pw_json_writer_time (w, after);
    }
  if (before != NULL)
    {
      pw_json_writer_member (w, "before_");
      pw_json_writer_time (w, before);
    }
  write_is_null (w, is_null);
  pw_json_writer_end_object (w);
}

static void
write_name (PwJsonWriter       *w,
            const char * const *any,
            const char         *like)
{
  if (any == NULL && like == NULL)
    return;
  pw_json_writer_member (w, "name");
  pw_json_writer_begin_object (w);
  if (any != NULL)
    {
      pw_json_writer_member (w, "any_");
      pw_json_writer_strv (w, any);
    }
  if (like != NULL)
    {
      pw_json_writer_member (w, "like_");
      pw_json_writer_string (w, like);
    }
  pw_json_writer_end_object (w);
}

static void
write_state (PwJsonWriter       *w,
             guint               state_types,
             const char * const *names)
{
  if (state_types == 0 && names == NULL)
    return;
  pw_json_writer_member (w, "state");
  pw_json_writer_begin_object (w);
  if (state_types != 0)
    {
      pw_json_writer_member (w, "type");
      pw_json_writer_begin_object (w);
      pw_json_writer_member (w, "any_");
      pw_json_writer_begin_array (w);
      for (guint t = 0; t < PW_N_STATE_TYPES; t++)
        if (state_types & PW_STATE_TYPE_MASK (t))
          pw_json_writer_string (w, pw_state_type_to_string (t));
      pw_json_writer_end_array (w);
      pw_json_writer_end_object (w);
    }
  if (names != NULL)
    {
      pw_json_writer_member (w, "name");
      pw_json_writer_begin_object (w);
      pw_json_writer_member (w, "any_");
      pw_json_writer_strv (w, names);
      pw_json_writer_end_object (w);
    }
  pw_json_writer_end_object (w);
}

static void
write_tags (PwJsonWriter       *w,
            const char * const *all,
            PwNullFilter        is_null)
{
  write_any_null (w, "tags", "all_", all, is_null);
}

/**
 * pw_rest_write_flow_run_filter:
 *
 * Writes the members of a filter body for @filter (`"flows": …,
 * "flow_runs": …`) into the object being written.
 */
void
pw_rest_write_flow_run_filter (PwJsonWriter          *w,
                               const PwFlowRunFilter *f)
{
  if (f == NULL)
    return;

  if (f->flow_id_any != NULL || f->flow_name_any != NULL)
    {
      pw_json_writer_member (w, "flows");
      pw_json_writer_begin_object (w);
      write_op_strv (w, "id", "any_", (const char * const *)f->flow_id_any);
      write_op_strv (w, "name", "any_", (const char * const *)f->flow_name_any);
      pw_json_writer_end_object (w);
    }

  pw_json_writer_member (w, "flow_runs");
  pw_json_writer_begin_object (w);
  if (f->id_any != NULL || f->id_not_any != NULL)
    {
      pw_json_writer_member (w, "id");
      pw_json_writer_begin_object (w);
      if (f->id_any != NULL)
        {
          pw_json_writer_member (w, "any_");
          pw_json_writer_strv (w, (const char * const *)f->id_any);
        }
      if (f->id_not_any != NULL)
        {
          pw_json_writer_member (w, "not_any_");
          pw_json_writer_strv (w, (const char * const *)f->id_not_any);
        }
      pw_json_writer_end_object (w);
    }
  write_name (w, (const char * const *)f->name_any, f->name_like);
  write_tags (w, (const char * const *)f->tags_all, f->tags_is_null);
  write_any_null (w, "deployment_id", "any_", (const char * const *)f->deployment_id_any,
                  f->deployment_id_is_null);
  write_any_null (w, "work_queue_name", "any_", (const char * const *)f->work_queue_name_any,
                  f->work_queue_name_is_null);
  write_state (w, f->state_types, (const char * const *)f->state_name_any);
  write_times (w, "start_time", f->start_time_before, f->start_time_after, f->start_time_is_null);
  write_times (w, "expected_start_time", f->expected_start_time_before,
               f->expected_start_time_after, PW_NULL_FILTER_ANY);
  write_times (w, "next_scheduled_start_time", f->next_scheduled_start_time_before,
               f->next_scheduled_start_time_after, PW_NULL_FILTER_ANY);
  write_any_null (w, "parent_task_run_id", "any_", (const char * const *)f->parent_task_run_id_any,
                  f->parent_task_run_id_is_null);
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_write_task_run_filter:
 *
 * Writes `"flow_runs"` (for #PwTaskRunFilter.flow_run_id_any) and
 * `"task_runs"`. Prefect cannot filter task runs by task key, so
 * #PwTaskRunFilter.task_key_any is left to the caller.
 */
void
pw_rest_write_task_run_filter (PwJsonWriter          *w,
                               const PwTaskRunFilter *f)
{
  if (f == NULL)
    return;

  if (f->flow_run_id_any != NULL)
    {
      pw_json_writer_member (w, "flow_runs");
      pw_json_writer_begin_object (w);
      write_op_strv (w, "id", "any_", (const char * const *)f->flow_run_id_any);
      pw_json_writer_end_object (w);
    }

  pw_json_writer_member (w, "task_runs");
  pw_json_writer_begin_object (w);
  write_op_strv (w, "id", "any_", (const char * const *)f->id_any);
  write_name (w, (const char * const *)f->name_any, f->name_like);
  write_tags (w, (const char * const *)f->tags_all, f->tags_is_null);
  write_state (w, f->state_types, (const char * const *)f->state_name_any);
  write_times (w, "start_time", f->start_time_before, f->start_time_after, f->start_time_is_null);
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_write_log_filter:
 *
 * Writes `"logs": {…}` for @f.
 */
void
pw_rest_write_log_filter (PwJsonWriter      *w,
                          const PwLogFilter *f)
{
  pw_json_writer_member (w, "logs");
  pw_json_writer_begin_object (w);
  if (f != NULL)
    {
      write_op_strv (w, "flow_run_id", "any_", (const char * const *)f->flow_run_id_any);
      write_any_null (w, "task_run_id", "any_", (const char * const *)f->task_run_id_any,
                      f->task_run_id_is_null);
      if (f->level_ge > 0 || f->level_le > 0)
        {
          pw_json_writer_member (w, "level");
          pw_json_writer_begin_object (w);
          if (f->level_ge > 0)
            {
              pw_json_writer_member (w, "ge_");
              pw_json_writer_int (w, f->level_ge);
            }
          if (f->level_le > 0)
            {
              pw_json_writer_member (w, "le_");
              pw_json_writer_int (w, f->level_le);
            }
          pw_json_writer_end_object (w);
        }
      write_times (w, "timestamp", f->timestamp_before, f->timestamp_after, PW_NULL_FILTER_ANY);
    }
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_write_flow_filter:
 *
 * Writes `"flows": {…}` for @f.
 */
void
pw_rest_write_flow_filter (PwJsonWriter       *w,
                           const PwFlowFilter *f)
{
  pw_json_writer_member (w, "flows");
  pw_json_writer_begin_object (w);
  if (f != NULL)
    {
      write_op_strv (w, "id", "any_", (const char * const *)f->id_any);
      write_name (w, (const char * const *)f->name_any, f->name_like);
      write_tags (w, (const char * const *)f->tags_all, f->tags_is_null);
    }
  pw_json_writer_end_object (w);
}
