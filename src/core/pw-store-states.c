/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-store-private.h"

/*
 * State history, shared by flow runs and task runs. Setting a state stores
 * the state row and updates the run's state columns in the caller's
 * transaction, the way Prefect's orchestration does after a transition is
 * accepted: start_time on the first RUNNING, end_time on a terminal state
 * (cleared when a run leaves one), run_count on each entry into RUNNING,
 * total_run_time for the time spent RUNNING, next_scheduled_start_time
 * while SCHEDULED. Which transitions are allowed is the engine's business,
 * not the store's.
 */

static const struct {
  const char *select_times;
  const char *update_times;
  const char *list_states;
} kinds[] = {
  [PW_RUN_KIND_FLOW] = {
    "SELECT r.state_type, s.timestamp, r.start_time, r.end_time,"
    " r.next_scheduled_start_time, r.run_count, r.total_run_time"
    " FROM flow_runs r LEFT JOIN states s ON s.id = r.state_id WHERE r.id = ?",
    "UPDATE flow_runs SET state_id = ?, state_type = ?, state_name = ?, start_time = ?,"
    " end_time = ?, next_scheduled_start_time = ?, run_count = ?, total_run_time = ?,"
    " updated = ? WHERE id = ?",
    "SELECT " PW_STATE_COLUMNS " FROM states s WHERE s.flow_run_id = ?"
    " ORDER BY s.timestamp, s.rowid",
  },
  [PW_RUN_KIND_TASK] = {
    "SELECT r.state_type, s.timestamp, r.start_time, r.end_time,"
    " r.next_scheduled_start_time, r.run_count, r.total_run_time"
    " FROM task_runs r LEFT JOIN states s ON s.id = r.state_id WHERE r.id = ?",
    "UPDATE task_runs SET state_id = ?, state_type = ?, state_name = ?, start_time = ?,"
    " end_time = ?, next_scheduled_start_time = ?, run_count = ?, total_run_time = ?,"
    " updated = ? WHERE id = ?",
    "SELECT " PW_STATE_COLUMNS " FROM states s WHERE s.task_run_id = ?"
    " ORDER BY s.timestamp, s.rowid",
  },
};

gboolean
pw_store_set_run_not_found (PwRunKind    kind,
                            const char  *run_id,
                            GError     **error)
{
  if (kind == PW_RUN_KIND_FLOW)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("There is no flow run %s"), run_id);
  else
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("There is no task run %s"), run_id);
  return FALSE;
}

static PwStateType
column_state_type (PwStmt *stmt,
                   int     column)
{
  PwStateType type = PW_STATE_TYPE_PENDING;

  /* The schema's CHECK keeps the column to the known spellings. */
  pw_state_type_from_string ((const char *)sqlite3_column_text (stmt, column), &type);
  return type;
}

/**
 * pw_store_read_state:
 * @stmt: a statement positioned on a row
 * @first_column: where the PW_STATE_COLUMNS start
 *
 * Returns: (transfer full) (nullable): the state, or %NULL if the columns
 *   are null (no state joined)
 */
PwState *
pw_store_read_state (PwStmt *stmt,
                     int     first_column)
{
  int c = first_column;
  PwState *state;
  g_autoptr(GDateTime) timestamp = NULL;
  g_autoptr(GDateTime) scheduled_time = NULL;

  if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
    return NULL;

  state = pw_state_new (column_state_type (stmt, c + 1),
                        (const char *)sqlite3_column_text (stmt, c + 2),
                        (const char *)sqlite3_column_text (stmt, c + 3));
  timestamp = pw_column_time (stmt, c + 4);
  scheduled_time = pw_column_time (stmt, c + 5);
  pw_state_set_id (state, (const char *)sqlite3_column_text (stmt, c));
  pw_state_set_timestamp (state, timestamp);
  pw_state_set_scheduled_time (state, scheduled_time);
  pw_state_set_details (state, (const char *)sqlite3_column_text (stmt, c + 6));
  pw_state_set_flow_run_id (state, (const char *)sqlite3_column_text (stmt, c + 7));
  pw_state_set_task_run_id (state, (const char *)sqlite3_column_text (stmt, c + 8));

  return state;
}

/* A run's state: the joined state row, or (should it be missing) one made
 * from the run's state type and name columns (@type_column, then name). */
PwState *
pw_store_read_run_state (PwStmt *stmt,
                         int     type_column,
                         int     first_column)
{
  PwState *state = pw_store_read_state (stmt, first_column);

  if (state == NULL)
    state = pw_state_new (column_state_type (stmt, type_column),
                          (const char *)sqlite3_column_text (stmt, type_column + 1),
                          NULL);
  return state;
}

/**
 * pw_store_prepare_state:
 * @self: a #PwStore
 * @state: the state about to be stored
 * @kind: the kind of run it belongs to
 * @run_id: the run it belongs to
 * @error: the error to set
 *
 * Gives @state what the store fills in: an id, the current time as its
 * timestamp unless it has one, and its run. Refuses details that are not a
 * JSON object.
 */
gboolean
pw_store_prepare_state (PwStore     *self,
                        PwState     *state,
                        PwRunKind    kind,
                        const char  *run_id,
                        GError     **error)
{
  g_autofree char *id = pw_store_new_id ();

  if (pw_state_get_details (state) != NULL &&
      !pw_store_check_json_object (pw_state_get_details (state), _("state details"), error))
    return FALSE;

  pw_state_set_id (state, id);
  if (pw_state_get_timestamp (state) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      pw_state_set_timestamp (state, now);
    }
  pw_state_set_flow_run_id (state, kind == PW_RUN_KIND_FLOW ? run_id : NULL);
  pw_state_set_task_run_id (state, kind == PW_RUN_KIND_TASK ? run_id : NULL);

  return TRUE;
}

/* Stores a state prepared by pw_store_prepare_state(). */
gboolean
pw_store_insert_state (PwStore  *self,
                       PwState  *state,
                       GError  **error)
{
  g_autoptr(PwStmt) stmt = NULL;

  stmt = pw_store_prepare (self,
                           "INSERT INTO states (id, flow_run_id, task_run_id, type, name,"
                           " message, timestamp, scheduled_time, details)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, pw_state_get_id (state));
  pw_bind_text (stmt, 2, pw_state_get_flow_run_id (state));
  pw_bind_text (stmt, 3, pw_state_get_task_run_id (state));
  pw_bind_text (stmt, 4, pw_state_type_to_string (pw_state_get_state_type (state)));
  pw_bind_text (stmt, 5, pw_state_get_name (state));
  pw_bind_text (stmt, 6, pw_state_get_message (state));
  pw_bind_time (stmt, 7, pw_state_get_timestamp (state));
  pw_bind_time (stmt, 8, pw_state_get_scheduled_time (state));
  pw_bind_text (stmt, 9, pw_state_get_details (state));

  return pw_store_run (self, stmt, error);
}

/**
 * pw_run_times_apply:
 * @times: a run's times before the transition
 * @state: the state it enters (with its timestamp)
 *
 * Updates @times for the run entering @state, as Prefect does.
 */
void
pw_run_times_apply (PwRunTimes *times,
                    PwState    *state)
{
  PwStateType type = pw_state_get_state_type (state);
  gint64 timestamp = pw_store_time_to_usec (pw_state_get_timestamp (state));
  gboolean was_running = times->has_state && times->state_type == PW_STATE_TYPE_RUNNING;
  gboolean was_terminal = times->has_state && pw_state_type_is_terminal (times->state_type);

  if (was_running && timestamp > times->state_timestamp)
    times->total_run_time += timestamp - times->state_timestamp;

  if (type == PW_STATE_TYPE_RUNNING && !was_running)
    {
      times->run_count++;
      if (times->start_time == 0)
        times->start_time = timestamp;
    }

  if (pw_state_type_is_terminal (type))
    times->end_time = timestamp;
  else if (was_terminal)
    times->end_time = 0;

  if (type == PW_STATE_TYPE_SCHEDULED && pw_state_get_scheduled_time (state) != NULL)
    times->next_scheduled_start_time = pw_store_time_to_usec (pw_state_get_scheduled_time (state));
  else
    times->next_scheduled_start_time = 0;

  times->has_state = TRUE;
  times->state_type = type;
  times->state_timestamp = timestamp;
}

/**
 * pw_store_set_run_state:
 * @self: a #PwStore
 * @kind: flow run or task run
 * @run_id: the run
 * @state: the state it enters; it gets its id, timestamp and run
 * @error: the error to set
 *
 * Stores @state in the run's history and updates the run. Call inside a
 * write transaction.
 */
gboolean
pw_store_set_run_state (PwStore     *self,
                        PwRunKind    kind,
                        const char  *run_id,
                        PwState     *state,
                        GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  PwRunTimes times = { 0, };
  int rc;

  stmt = pw_store_prepare (self, kinds[kind].select_times, error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, run_id);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    return pw_store_set_run_not_found (kind, run_id, error);
  if (rc != SQLITE_ROW)
    return FALSE;

  times.has_state = TRUE;
  times.state_type = column_state_type (stmt, 0);
  times.state_timestamp = pw_column_usec (stmt, 1);
  times.start_time = pw_column_usec (stmt, 2);
  times.end_time = pw_column_usec (stmt, 3);
  times.next_scheduled_start_time = pw_column_usec (stmt, 4);
  times.run_count = sqlite3_column_int64 (stmt, 5);
  times.total_run_time = sqlite3_column_int64 (stmt, 6);
  g_clear_pointer (&stmt, pw_stmt_release);

  if (!pw_store_prepare_state (self, state, kind, run_id, error) ||
      !pw_store_insert_state (self, state, error))
    return FALSE;

  pw_run_times_apply (&times, state);

  stmt = pw_store_prepare (self, kinds[kind].update_times, error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, pw_state_get_id (state));
  pw_bind_text (stmt, 2, pw_state_type_to_string (times.state_type));
  pw_bind_text (stmt, 3, pw_state_get_name (state));
  pw_bind_usec (stmt, 4, times.start_time);
  pw_bind_usec (stmt, 5, times.end_time);
  pw_bind_usec (stmt, 6, times.next_scheduled_start_time);
  sqlite3_bind_int64 (stmt, 7, times.run_count);
  sqlite3_bind_int64 (stmt, 8, times.total_run_time);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());
  pw_bind_text (stmt, 10, run_id);

  return pw_store_run (self, stmt, error);
}

/**
 * pw_store_list_run_states:
 * @self: a #PwStore
 * @kind: flow run or task run
 * @run_id: the run
 * @error: the error to set
 *
 * Returns: (transfer full) (element-type PwState): the run's state history,
 *   oldest first, or %NULL with @error set
 */
GPtrArray *
pw_store_list_run_states (PwStore     *self,
                          PwRunKind    kind,
                          const char  *run_id,
                          GError     **error)
{
  g_autoptr(PwStoreLocker) locker = pw_store_locker_new (self);
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) states = NULL;
  int rc;

  stmt = pw_store_prepare (self, kinds[kind].list_states, error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, run_id);
  states = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (states, pw_store_read_state (stmt, 0));
  if (rc != SQLITE_DONE)
    return NULL;

  /* Every run has at least the state it was created in. */
  if (states->len == 0)
    {
      pw_store_set_run_not_found (kind, run_id, error);
      return NULL;
    }

  return g_steal_pointer (&states);
}

/**
 * pw_store_get_state:
 * @self: a #PwStore
 * @id: the state's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the state of a flow run's or task run's
 *   history, or %NULL with @error set (%PW_STORE_ERROR_NOT_FOUND)
 */
PwState *
pw_store_get_state (PwStore     *self,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self, "SELECT " PW_STATE_COLUMNS " FROM states s WHERE s.id = ?", error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, id);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("There is no state %s"), id);
  if (rc != SQLITE_ROW)
    return NULL;

  return pw_store_read_state (stmt, 0);
}

/**
 * pw_store_cut_result:
 * @result: a task's result
 * @out_valid: (out): where to keep a repaired copy, if one is needed
 * @out_truncated: (out): whether the result was cut
 *
 * Makes @result valid UTF-8 (a command may print anything) and cuts it to
 * %PW_STORE_MAX_RESULT_SIZE bytes at a character boundary.
 *
 * Returns: the text to store, and its length is at most the maximum
 */
const char *
pw_store_cut_result (const char  *result,
                     char       **out_valid,
                     gboolean    *out_truncated)
{
  gsize length = strlen (result);

  *out_valid = NULL;
  *out_truncated = FALSE;

  if (!g_utf8_validate (result, length, NULL))
    {
      *out_valid = g_utf8_make_valid (result, length);
      result = *out_valid;
      length = strlen (result);
    }

  if (length > PW_STORE_MAX_RESULT_SIZE)
    {
      const char *end = result + PW_STORE_MAX_RESULT_SIZE;

      while (end > result && (*end & 0xc0) == 0x80)
        end--;
      if (*out_valid == NULL)
        *out_valid = g_strndup (result, end - result);
      else
        (*out_valid)[end - result] = '\0';
      *out_truncated = TRUE;
      return *out_valid;
    }

  return result;
}

/**
 * pw_store_list_flow_run_task_states:
 * @self: a #PwStore
 * @flow_run_id: the flow run
 * @error: return location for a #GError
 *
 * The state history of every task run of a flow run in one query (the
 * timeline draws each attempt from it): the task runs through the
 * `(flow_run_id, task_key, dynamic_key)` index, their states through
 * `states_task_run`, so each task run's states come oldest first with no
 * sort of the whole result.
 *
 * Returns: (transfer full) (element-type PwState): the states, each with
 *   its task run id, grouped by task run (by task key and then dynamic
 *   key) and oldest first within one; empty when the run has no task runs
 *   yet; %NULL with @error set (%PW_STORE_ERROR_NOT_FOUND if there is no
 *   such flow run)
 */
GPtrArray *
pw_store_list_flow_run_task_states (PwStore     *self,
                                    const char  *flow_run_id,
                                    GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) states = NULL;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (flow_run_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);

  /* One statement, so that a run without task runs (one row of nulls) is
   * told apart from no run at all (no row) in the same snapshot. */
  stmt = pw_store_prepare (self,
                           "SELECT " PW_STATE_COLUMNS " FROM flow_runs r"
                           " LEFT JOIN task_runs t ON t.flow_run_id = r.id"
                           " LEFT JOIN states s ON s.task_run_id = t.id"
                           " WHERE r.id = ?"
                           " ORDER BY t.task_key, t.dynamic_key, s.timestamp",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, flow_run_id);
  states = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      PwState *state = pw_store_read_state (stmt, 0);

      found = TRUE;
      if (state != NULL)
        g_ptr_array_add (states, state);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  if (!found)
    {
      pw_store_set_run_not_found (PW_RUN_KIND_FLOW, flow_run_id, error);
      return NULL;
    }

  return g_steal_pointer (&states);
}
