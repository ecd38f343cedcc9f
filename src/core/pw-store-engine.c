/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-store-engine.h"

/*
 * The engine's writes (see pw-store-engine.h). Each call expects the
 * caller's batch (pw_store_begin()) and adds no savepoint of its own: a
 * failure fails the batch, and the engine stops the runs it held.
 */

/* What pw_run_times_apply() does for a PwState, for plain values. */
static void
times_apply (PwRunTimes               *times,
             const PwStoreEngineState *state)
{
  gboolean was_running = times->has_state && times->state_type == PW_STATE_TYPE_RUNNING;
  gboolean was_terminal = times->has_state && pw_state_type_is_terminal (times->state_type);

  if (was_running && state->timestamp > times->state_timestamp)
    times->total_run_time += state->timestamp - times->state_timestamp;

  if (state->type == PW_STATE_TYPE_RUNNING && !was_running)
    {
      times->run_count++;
      if (times->start_time == 0)
        times->start_time = state->timestamp;
    }

  if (pw_state_type_is_terminal (state->type))
    times->end_time = state->timestamp;
  else if (was_terminal)
    times->end_time = 0;

  if (state->type == PW_STATE_TYPE_SCHEDULED && state->scheduled_time != 0)
    times->next_scheduled_start_time = state->scheduled_time;
  else
    times->next_scheduled_start_time = 0;

  times->has_state = TRUE;
  times->state_type = state->type;
  times->state_timestamp = state->timestamp;
}

static const char *
state_name (const PwStoreEngineState *state)
{
  return state->name != NULL ? state->name : pw_state_type_get_default_name (state->type);
}

static gboolean
insert_states (PwStore                   *self,
               const char                *task_run_id,
               const PwStoreEngineState  *states,
               guint                      n_states,
               PwRunTimes                *times,
               GError                   **error)
{
  g_autoptr(PwStmt) stmt = NULL;

  stmt = pw_store_prepare (self,
                           "INSERT INTO states (id, flow_run_id, task_run_id, type, name,"
                           " message, timestamp, scheduled_time, details)"
                           " VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_states; i++)
    {
      const PwStoreEngineState *state = &states[i];

      pw_bind_text (stmt, 1, state->id);
      pw_bind_text (stmt, 2, task_run_id);
      pw_bind_text (stmt, 3, pw_state_type_to_string (state->type));
      pw_bind_text (stmt, 4, state_name (state));
      pw_bind_text (stmt, 5, state->message);
      sqlite3_bind_int64 (stmt, 6, state->timestamp);
      pw_bind_optional_int64 (stmt, 7, state->scheduled_time != 0, state->scheduled_time);
      pw_bind_text (stmt, 8, state->details);
      if (!pw_store_run (self, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);

      times_apply (times, state);
    }

  return TRUE;
}

static const char *
cut_result (const char  *result,
            char       **repaired,
            gboolean    *truncated)
{
  *repaired = NULL;
  *truncated = FALSE;
  return result != NULL ? pw_store_cut_result (result, repaired, truncated) : NULL;
}

/**
 * pw_store_engine_insert_task_run:
 * @self: a #PwStore, inside a batch
 * @task_run: the new task run
 * @states: its first states, oldest first (at least one)
 * @n_states: how many
 * @times: (out): the task run's times after @states
 * @result: (nullable): its result
 * @set_result: whether to store @result
 * @error: the error to set
 *
 * Inserts a task run as it is after @states, and @states as its history:
 * a task run that is created and ends in one batch (a noop, a cache hit)
 * costs one row and its states, not an insert and updates.
 */
gboolean
pw_store_engine_insert_task_run (PwStore                    *self,
                                 const PwStoreEngineTaskRun *task_run,
                                 const PwStoreEngineState   *states,
                                 guint                       n_states,
                                 PwRunTimes                 *times,
                                 const char                 *result,
                                 gboolean                    set_result,
                                 GError                    **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *repaired = NULL;
  const PwStoreEngineState *last = &states[n_states - 1];
  gboolean truncated = FALSE;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (n_states > 0, FALSE);

  memset (times, 0, sizeof *times);
  for (guint i = 0; i < n_states; i++)
    times_apply (times, &states[i]);
  if (set_result)
    result = cut_result (result, &repaired, &truncated);

  stmt = pw_store_prepare (self,
                           "INSERT INTO task_runs (id, name, flow_run_id, task_key, dynamic_key,"
                           " cache_key, cache_expiration, tags, task_inputs, state_id, state_type,"
                           " state_name, run_count, expected_start_time, next_scheduled_start_time,"
                           " start_time, end_time, total_run_time, result, result_truncated,"
                           " created, updated)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, task_run->id);
  pw_bind_text (stmt, 2, task_run->name);
  pw_bind_text (stmt, 3, task_run->flow_run_id);
  pw_bind_text (stmt, 4, task_run->task_key);
  pw_bind_text (stmt, 5, task_run->dynamic_key);
  pw_bind_text (stmt, 6, task_run->cache_key);
  pw_bind_optional_int64 (stmt, 7, task_run->cache_expiration != 0, task_run->cache_expiration);
  pw_bind_text (stmt, 8, task_run->tags != NULL ? task_run->tags : "[]");
  pw_bind_text (stmt, 9, task_run->task_inputs != NULL ? task_run->task_inputs : "{}");
  pw_bind_text (stmt, 10, last->id);
  pw_bind_text (stmt, 11, pw_state_type_to_string (times->state_type));
  pw_bind_text (stmt, 12, state_name (last));
  sqlite3_bind_int64 (stmt, 13, times->run_count);
  sqlite3_bind_int64 (stmt, 14, states[0].timestamp);
  pw_bind_optional_int64 (stmt, 15, times->next_scheduled_start_time != 0,
                          times->next_scheduled_start_time);
  pw_bind_optional_int64 (stmt, 16, times->start_time != 0, times->start_time);
  pw_bind_optional_int64 (stmt, 17, times->end_time != 0, times->end_time);
  sqlite3_bind_int64 (stmt, 18, times->total_run_time);
  pw_bind_text (stmt, 19, set_result ? result : NULL);
  sqlite3_bind_int (stmt, 20, set_result && truncated);
  sqlite3_bind_int64 (stmt, 21, now);
  sqlite3_bind_int64 (stmt, 22, now);

  if (!pw_store_run (self, stmt, error))
    return FALSE;

  /* The history after the run it belongs to (a foreign key); the times are
   * worked out again on the way, from the start. */
  memset (times, 0, sizeof *times);
  return insert_states (self, task_run->id, states, n_states, times, error);
}

/**
 * pw_store_engine_update_task_run:
 * @self: a #PwStore, inside a batch
 * @task_run_id: the task run
 * @states: the states it enters, oldest first (at least one)
 * @n_states: how many
 * @times: (inout): the task run's times, updated for @states
 * @result: (nullable): the result to store with the states
 * @set_result: whether to store @result (else the result is kept)
 * @error: the error to set
 *
 * Stores @states in the task run's history and updates the task run, as
 * pw_store_set_task_run_state() does, from the times the caller keeps.
 */
gboolean
pw_store_engine_update_task_run (PwStore                   *self,
                                 const char                *task_run_id,
                                 const PwStoreEngineState  *states,
                                 guint                      n_states,
                                 PwRunTimes                *times,
                                 const char                *result,
                                 gboolean                   set_result,
                                 GError                   **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *repaired = NULL;
  const PwStoreEngineState *last = &states[n_states - 1];
  gboolean truncated = FALSE;

  g_return_val_if_fail (n_states > 0, FALSE);

  if (!insert_states (self, task_run_id, states, n_states, times, error))
    return FALSE;

  if (set_result)
    stmt = pw_store_prepare (self,
                             "UPDATE task_runs SET state_id = ?, state_type = ?, state_name = ?,"
                             " start_time = ?, end_time = ?, next_scheduled_start_time = ?,"
                             " run_count = ?, total_run_time = ?, updated = ?,"
                             " result = ?, result_truncated = ? WHERE id = ?",
                             error);
  else
    stmt = pw_store_prepare (self,
                             "UPDATE task_runs SET state_id = ?, state_type = ?, state_name = ?,"
                             " start_time = ?, end_time = ?, next_scheduled_start_time = ?,"
                             " run_count = ?, total_run_time = ?, updated = ? WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, last->id);
  pw_bind_text (stmt, 2, pw_state_type_to_string (times->state_type));
  pw_bind_text (stmt, 3, state_name (last));
  pw_bind_optional_int64 (stmt, 4, times->start_time != 0, times->start_time);
  pw_bind_optional_int64 (stmt, 5, times->end_time != 0, times->end_time);
  pw_bind_optional_int64 (stmt, 6, times->next_scheduled_start_time != 0,
                          times->next_scheduled_start_time);
  sqlite3_bind_int64 (stmt, 7, times->run_count);
  sqlite3_bind_int64 (stmt, 8, times->total_run_time);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());
  if (set_result)
    {
      result = cut_result (result, &repaired, &truncated);
      pw_bind_text (stmt, 10, result);
      sqlite3_bind_int (stmt, 11, truncated);
      pw_bind_text (stmt, 12, task_run_id);
    }
  else
    {
      pw_bind_text (stmt, 10, task_run_id);
    }

  if (!pw_store_run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return pw_store_set_run_not_found (PW_RUN_KIND_TASK, task_run_id, error);

  return TRUE;
}

/**
 * pw_store_engine_insert_logs:
 * @self: a #PwStore, inside a batch
 * @logs: the lines
 * @n_logs: how many
 * @error: the error to set
 *
 * Appends log lines, as pw_store_append_logs() does, from plain values.
 */
gboolean
pw_store_engine_insert_logs (PwStore                 *self,
                             const PwStoreEngineLog  *logs,
                             guint                    n_logs,
                             GError                 **error)
{
  g_autoptr(PwStmt) stmt = NULL;

  stmt = pw_store_prepare (self,
                           "INSERT INTO logs (flow_run_id, task_run_id, name, level, message, timestamp)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_logs; i++)
    {
      pw_bind_text (stmt, 1, logs[i].flow_run_id);
      pw_bind_text (stmt, 2, logs[i].task_run_id);
      pw_bind_text (stmt, 3, logs[i].name);
      sqlite3_bind_int (stmt, 4, logs[i].level);
      pw_bind_text (stmt, 5, logs[i].message);
      sqlite3_bind_int64 (stmt, 6, logs[i].timestamp);
      if (!pw_store_run (self, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/**
 * pw_store_engine_list_task_runs:
 * @self: a #PwStore
 * @flow_run_id: a flow run
 * @error: the error to set
 *
 * Lists every task run of @flow_run_id with what a retry from failed needs:
 * task key, dynamic key, state type and name, result. Unlike
 * pw_store_list_task_runs() it has no page limit: a retry needs them all.
 *
 * Returns: (transfer full) (element-type PwTaskRun): the task runs, or
 *   %NULL with @error set
 */
GPtrArray *
pw_store_engine_list_task_runs (PwStore     *self,
                                const char  *flow_run_id,
                                GError     **error)
{
  g_autoptr(PwStoreLocker) locker = pw_store_locker_new (self);
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = pw_store_prepare (self,
                           "SELECT id, task_key, dynamic_key, state_type, state_name, result,"
                           " result_truncated FROM task_runs WHERE flow_run_id = ?",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, flow_run_id);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      PwTaskRun *run = pw_task_run_new (flow_run_id,
                                        (const char *)sqlite3_column_text (stmt, 1),
                                        (const char *)sqlite3_column_text (stmt, 2));
      g_autoptr(PwState) state = NULL;
      PwStateType type = PW_STATE_TYPE_PENDING;

      pw_state_type_from_string ((const char *)sqlite3_column_text (stmt, 3), &type);
      state = pw_state_new (type, (const char *)sqlite3_column_text (stmt, 4), NULL);
      pw_task_run_set_id (run, (const char *)sqlite3_column_text (stmt, 0));
      pw_task_run_set_state (run, state);
      pw_task_run_set_result (run, (const char *)sqlite3_column_text (stmt, 5));
      pw_task_run_set_result_truncated (run, sqlite3_column_int (stmt, 6));
      g_ptr_array_add (runs, run);
    }
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&runs);
}
