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

/**
 * pw_store_engine_insert_task_run:
 * @self: a #PwStore, inside a batch
 * @task_run: the new task run, with its id, flow run, task key, dynamic
 *   key, name, cache key and expiration, tags and task inputs
 * @state: its first state; it gets its id, run and (unless set) timestamp
 * @times: (out): the task run's times after @state, to pass to
 *   pw_store_engine_set_task_state() later
 * @error: the error to set
 *
 * Inserts a task run and its first state, trusting the caller: no lookup
 * of an existing run and no read back.
 */
gboolean
pw_store_engine_insert_task_run (PwStore     *self,
                                 PwTaskRun   *task_run,
                                 PwState     *state,
                                 PwRunTimes  *times,
                                 GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *tags = NULL;
  const char *id = pw_task_run_get_id (task_run);
  GDateTime *expected_start_time;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (id != NULL, FALSE);

  memset (times, 0, sizeof *times);
  if (!pw_store_prepare_state (self, state, PW_RUN_KIND_TASK, id, error))
    return FALSE;
  pw_run_times_apply (times, state);

  expected_start_time = pw_task_run_get_expected_start_time (task_run);
  if (expected_start_time == NULL)
    expected_start_time = pw_state_get_timestamp (state);

  stmt = pw_store_prepare (self,
                           "INSERT INTO task_runs (id, name, flow_run_id, task_key, dynamic_key,"
                           " cache_key, cache_expiration, tags, task_inputs, state_id, state_type,"
                           " state_name, run_count, expected_start_time, next_scheduled_start_time,"
                           " start_time, end_time, total_run_time, created, updated)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  if (pw_task_run_get_tags (task_run)[0] != NULL)
    tags = pw_store_strv_to_json (pw_task_run_get_tags (task_run));

  pw_bind_text (stmt, 1, id);
  pw_bind_text (stmt, 2, pw_task_run_get_name (task_run));
  pw_bind_text (stmt, 3, pw_task_run_get_flow_run_id (task_run));
  pw_bind_text (stmt, 4, pw_task_run_get_task_key (task_run));
  pw_bind_text (stmt, 5, pw_task_run_get_dynamic_key (task_run));
  pw_bind_text (stmt, 6, pw_task_run_get_cache_key (task_run));
  pw_bind_time (stmt, 7, pw_task_run_get_cache_expiration (task_run));
  pw_bind_text (stmt, 8, tags != NULL ? tags : "[]");
  pw_bind_text (stmt, 9, pw_task_run_get_task_inputs (task_run) != NULL
                           ? pw_task_run_get_task_inputs (task_run) : "{}");
  pw_bind_text (stmt, 10, pw_state_get_id (state));
  pw_bind_text (stmt, 11, pw_state_type_to_string (times->state_type));
  pw_bind_text (stmt, 12, pw_state_get_name (state));
  sqlite3_bind_int64 (stmt, 13, times->run_count);
  pw_bind_time (stmt, 14, expected_start_time);
  pw_bind_optional_int64 (stmt, 15, times->next_scheduled_start_time != 0,
                          times->next_scheduled_start_time);
  pw_bind_optional_int64 (stmt, 16, times->start_time != 0, times->start_time);
  pw_bind_optional_int64 (stmt, 17, times->end_time != 0, times->end_time);
  sqlite3_bind_int64 (stmt, 18, times->total_run_time);
  sqlite3_bind_int64 (stmt, 19, now);
  sqlite3_bind_int64 (stmt, 20, now);

  return pw_store_run (self, stmt, error) &&
         pw_store_insert_state (self, state, error);
}

/**
 * pw_store_engine_set_task_state:
 * @self: a #PwStore, inside a batch
 * @task_run_id: the task run
 * @state: the state it enters; it gets its id, run and (unless set)
 *   timestamp
 * @times: (inout): the task run's times, updated for @state
 * @result: (nullable): the result to store with the state
 * @set_result: whether to store @result (else the result is kept)
 * @error: the error to set
 *
 * Stores @state in the task run's history and updates the task run, as
 * pw_store_set_task_run_state() does, from the times the caller keeps.
 */
gboolean
pw_store_engine_set_task_state (PwStore     *self,
                                const char  *task_run_id,
                                PwState     *state,
                                PwRunTimes  *times,
                                const char  *result,
                                gboolean     set_result,
                                GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *repaired = NULL;
  gboolean truncated = FALSE;

  if (!pw_store_prepare_state (self, state, PW_RUN_KIND_TASK, task_run_id, error) ||
      !pw_store_insert_state (self, state, error))
    return FALSE;

  pw_run_times_apply (times, state);

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

  pw_bind_text (stmt, 1, pw_state_get_id (state));
  pw_bind_text (stmt, 2, pw_state_type_to_string (times->state_type));
  pw_bind_text (stmt, 3, pw_state_get_name (state));
  pw_bind_optional_int64 (stmt, 4, times->start_time != 0, times->start_time);
  pw_bind_optional_int64 (stmt, 5, times->end_time != 0, times->end_time);
  pw_bind_optional_int64 (stmt, 6, times->next_scheduled_start_time != 0,
                          times->next_scheduled_start_time);
  sqlite3_bind_int64 (stmt, 7, times->run_count);
  sqlite3_bind_int64 (stmt, 8, times->total_run_time);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());
  if (set_result)
    {
      if (result != NULL)
        result = pw_store_cut_result (result, &repaired, &truncated);
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
