/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-timeline"

#include "config.h"

#include "pw-task-run.h"
#include "pw-timeline-input-private.h"

/*
 * What a timeline layout is made from, copied where the task runs live
 * (the main thread) so that the layout can be made in another thread
 * (pw_timeline_layout_build(), PwTimelineBuilder): each task run's
 * strings and times, and a reference to its current state; the history
 * is a snapshot of references to the states read. The states are shared,
 * not copied: a stored state never changes (a task run gets a new
 * #PwState when its state changes), so reading them from another thread
 * is safe.
 */

/**
 * pw_timeline_usec:
 * @time: (nullable): a time
 *
 * Returns: @time in microseconds since the epoch; 0 for %NULL
 */
gint64
pw_timeline_usec (GDateTime *time)
{
  if (time == NULL)
    return 0;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/**
 * pw_timeline_history_new:
 * @states: a #GListModel of #PwState, a flow run's task runs' history as
 *   pw_backend_list_task_run_states_finish() gives it
 *
 * Copies the states of @states that belong to a task run and have a time
 * (references to them, in their order), to be read by layouts made in any
 * thread. Call it where @states is used (the main thread).
 *
 * Returns: (transfer full) (element-type PwState): the snapshot; never
 *   changed afterwards
 */
GPtrArray *
pw_timeline_history_new (GListModel *states)
{
  guint n;
  GPtrArray *history;

  g_return_val_if_fail (G_IS_LIST_MODEL (states), NULL);

  n = g_list_model_get_n_items (states);
  history = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      PwState *state = g_list_model_get_item (states, i);

      if (pw_state_get_task_run_id (state) == NULL || pw_state_get_timestamp (state) == NULL)
        g_object_unref (state);
      else
        g_ptr_array_add (history, state);
    }
  return history;
}

static const char *
copy_string (GStringChunk *strings,
             const char   *text)
{
  return text != NULL ? g_string_chunk_insert (strings, text) : NULL;
}

/**
 * pw_timeline_input_new:
 * @task_runs: a #GListModel of #PwTaskRun, one flow run's
 * @history: (nullable) (element-type PwState): their history, from
 *   pw_timeline_history_new(); %NULL where the backend has none
 *
 * Copies what a layout needs of @task_runs, as they are now; call it
 * where they are updated (the main thread). The copy can then be laid
 * out in any thread with pw_timeline_layout_build().
 *
 * Returns: (transfer full): the copy
 */
PwTimelineInput *
pw_timeline_input_new (GListModel *task_runs,
                       GPtrArray  *history)
{
  PwTimelineInput *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (task_runs), NULL);

  self = g_new0 (PwTimelineInput, 1);
  self->n_runs = g_list_model_get_n_items (task_runs);
  self->runs = g_new0 (RunCopy, self->n_runs);
  self->strings = g_string_chunk_new (MAX (self->n_runs, 1) * 64);
  self->history = history != NULL ? g_ptr_array_ref (history) : NULL;
  for (guint i = 0; i < self->n_runs; i++)
    {
      PwTaskRun *task_run = g_list_model_get_item (task_runs, i);
      PwState *state = pw_task_run_get_state (task_run);
      RunCopy *copy = &self->runs[i];

      copy->id = copy_string (self->strings, pw_task_run_get_id (task_run));
      copy->task_key = copy_string (self->strings, pw_task_run_get_task_key (task_run));
      copy->dynamic_key = copy_string (self->strings, pw_task_run_get_dynamic_key (task_run));
      copy->name = copy_string (self->strings, pw_task_run_get_name (task_run));
      copy->state_name = copy_string (self->strings, pw_task_run_get_state_name (task_run));
      copy->state = state != NULL ? g_object_ref (state) : NULL;
      copy->state_type = pw_task_run_get_state_type (task_run);
      copy->run_count = pw_task_run_get_run_count (task_run);
      copy->expected_start = pw_timeline_usec (pw_task_run_get_expected_start_time (task_run));
      copy->start = pw_timeline_usec (pw_task_run_get_start_time (task_run));
      copy->end = pw_timeline_usec (pw_task_run_get_end_time (task_run));
      copy->created = pw_timeline_usec (pw_task_run_get_created (task_run));
      g_object_unref (task_run);
    }
  return self;
}

/**
 * pw_timeline_input_get_n_task_runs:
 *
 * Returns: the task runs copied
 */
guint
pw_timeline_input_get_n_task_runs (const PwTimelineInput *self)
{
  return self->n_runs;
}

void
pw_timeline_input_free (PwTimelineInput *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_runs; i++)
    g_clear_object (&self->runs[i].state);
  g_free (self->runs);
  g_string_chunk_free (self->strings);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_free (self);
}
