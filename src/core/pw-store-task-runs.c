/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/*
 * Task runs: one per task (per item of a mapped task) and flow run, unique
 * by (flow run, task key, dynamic key) as in Prefect.
 */

#define TASK_RUN_COLUMNS \
  "t.id, t.name, t.flow_run_id, t.task_key, t.dynamic_key, t.cache_key, t.cache_expiration," \
  " t.tags, t.task_inputs, t.run_count, t.expected_start_time, t.next_scheduled_start_time," \
  " t.start_time, t.end_time, t.total_run_time, t.result, t.result_truncated, t.created," \
  " t.updated, t.state_type, t.state_name, " PW_STATE_COLUMNS

#define TASK_RUN_FROM " FROM task_runs t LEFT JOIN states s ON s.id = t.state_id"

static void
set_column_time (PwTaskRun *task_run,
                 void     (*setter) (PwTaskRun *, GDateTime *),
                 PwStmt    *stmt,
                 int        column)
{
  g_autoptr(GDateTime) time = pw_column_time (stmt, column);

  setter (task_run, time);
}

static PwTaskRun *
read_task_run (PwStmt *stmt)
{
  PwTaskRun *task_run;
  g_auto(GStrv) tags = pw_column_strv (stmt, 7);
  g_autoptr(PwState) state = pw_store_read_run_state (stmt, 19, 21);

  task_run = pw_task_run_new ((const char *)sqlite3_column_text (stmt, 2),
                              (const char *)sqlite3_column_text (stmt, 3),
                              (const char *)sqlite3_column_text (stmt, 4));
  pw_task_run_set_id (task_run, (const char *)sqlite3_column_text (stmt, 0));
  pw_task_run_set_name (task_run, (const char *)sqlite3_column_text (stmt, 1));
  pw_task_run_set_cache_key (task_run, (const char *)sqlite3_column_text (stmt, 5));
  set_column_time (task_run, pw_task_run_set_cache_expiration, stmt, 6);
  pw_task_run_set_tags (task_run, (const char * const *)tags);
  pw_task_run_set_task_inputs (task_run, (const char *)sqlite3_column_text (stmt, 8));
  pw_task_run_set_run_count (task_run, sqlite3_column_int (stmt, 9));
  set_column_time (task_run, pw_task_run_set_expected_start_time, stmt, 10);
  set_column_time (task_run, pw_task_run_set_next_scheduled_start_time, stmt, 11);
  set_column_time (task_run, pw_task_run_set_start_time, stmt, 12);
  set_column_time (task_run, pw_task_run_set_end_time, stmt, 13);
  pw_task_run_set_total_run_time (task_run,
                                  sqlite3_column_int64 (stmt, 14) / (double)G_USEC_PER_SEC);
  pw_task_run_set_result (task_run, (const char *)sqlite3_column_text (stmt, 15));
  pw_task_run_set_result_truncated (task_run, sqlite3_column_int (stmt, 16));
  set_column_time (task_run, pw_task_run_set_created, stmt, 17);
  set_column_time (task_run, pw_task_run_set_updated, stmt, 18);
  pw_task_run_set_state (task_run, state);

  return task_run;
}

static PwTaskRun *
get_task_run (PwStore     *self,
              const char  *id,
              GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self, "SELECT " TASK_RUN_COLUMNS TASK_RUN_FROM " WHERE t.id = ?", error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, id);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    pw_store_set_run_not_found (PW_RUN_KIND_TASK, id, error);
  if (rc != SQLITE_ROW)
    return NULL;

  return read_task_run (stmt);
}

/* The id of the task run with the same (flow run, task key, dynamic key),
 * or %NULL; fails with NOT_FOUND if the flow run does not exist. */
static char *
find_existing (PwStore     *self,
               PwTaskRun   *task_run,
               gboolean    *out_found,
               GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  *out_found = FALSE;
  stmt = pw_store_prepare (self,
                           "SELECT r.id, t.id FROM flow_runs r"
                           " LEFT JOIN task_runs t ON t.flow_run_id = r.id"
                           " AND t.task_key = ?2 AND t.dynamic_key = ?3"
                           " WHERE r.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, pw_task_run_get_flow_run_id (task_run));
  pw_bind_text (stmt, 2, pw_task_run_get_task_key (task_run));
  pw_bind_text (stmt, 3, pw_task_run_get_dynamic_key (task_run));
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    pw_store_set_run_not_found (PW_RUN_KIND_FLOW, pw_task_run_get_flow_run_id (task_run), error);
  if (rc != SQLITE_ROW)
    return NULL;

  *out_found = TRUE;
  return pw_column_dup_text (stmt, 1);
}

static char *
insert_task_run (PwStore    *self,
                 PwTaskRun  *task_run,
                 PwState    *state,
                 GError    **error)
{
  g_autofree char *id = pw_store_new_id ();
  g_autofree char *name = NULL;
  g_autofree char *tags = pw_store_strv_to_json (pw_task_run_get_tags (task_run));
  g_autoptr(PwStmt) stmt = NULL;
  const char *task_inputs = pw_task_run_get_task_inputs (task_run);
  GDateTime *expected_start_time;
  PwRunTimes times = { 0, };
  gint64 now = g_get_real_time ();

  if (!pw_store_prepare_state (self, state, PW_RUN_KIND_TASK, id, error))
    return NULL;
  pw_run_times_apply (&times, state);

  expected_start_time = pw_task_run_get_expected_start_time (task_run);
  if (expected_start_time == NULL)
    expected_start_time = pw_state_get_scheduled_time (state);
  if (expected_start_time == NULL)
    expected_start_time = pw_state_get_timestamp (state);

  /* Prefect names a task run after its task and call: `transform-0`. */
  if (pw_task_run_get_name (task_run) != NULL)
    name = g_strdup (pw_task_run_get_name (task_run));
  else
    name = g_strdup_printf ("%s-%s", pw_task_run_get_task_key (task_run),
                            pw_task_run_get_dynamic_key (task_run));

  stmt = pw_store_prepare (self,
                           "INSERT INTO task_runs (id, name, flow_run_id, task_key, dynamic_key,"
                           " cache_key, cache_expiration, tags, task_inputs, state_id, state_type,"
                           " state_name, run_count, expected_start_time, next_scheduled_start_time,"
                           " start_time, end_time, total_run_time, created, updated)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, id);
  pw_bind_text (stmt, 2, name);
  pw_bind_text (stmt, 3, pw_task_run_get_flow_run_id (task_run));
  pw_bind_text (stmt, 4, pw_task_run_get_task_key (task_run));
  pw_bind_text (stmt, 5, pw_task_run_get_dynamic_key (task_run));
  pw_bind_text (stmt, 6, pw_task_run_get_cache_key (task_run));
  pw_bind_time (stmt, 7, pw_task_run_get_cache_expiration (task_run));
  pw_bind_text (stmt, 8, tags);
  pw_bind_text (stmt, 9, task_inputs != NULL ? task_inputs : "{}");
  pw_bind_text (stmt, 10, pw_state_get_id (state));
  pw_bind_text (stmt, 11, pw_state_type_to_string (times.state_type));
  pw_bind_text (stmt, 12, pw_state_get_name (state));
  sqlite3_bind_int64 (stmt, 13, times.run_count);
  pw_bind_time (stmt, 14, expected_start_time);
  pw_bind_usec (stmt, 15, times.next_scheduled_start_time);
  pw_bind_usec (stmt, 16, times.start_time);
  pw_bind_usec (stmt, 17, times.end_time);
  sqlite3_bind_int64 (stmt, 18, times.total_run_time);
  sqlite3_bind_int64 (stmt, 19, now);
  sqlite3_bind_int64 (stmt, 20, now);

  if (!pw_store_run (self, stmt, error) ||
      !pw_store_insert_state (self, state, error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * pw_store_create_task_run:
 * @self: a #PwStore
 * @task_run: what the new task run is: its flow run, task key and dynamic
 *   key, and optionally its name (else `KEY-DYNAMIC_KEY`), cache key and
 *   expiration, tags, task inputs and expected start time. Other fields
 *   are ignored.
 * @state: (nullable): the state it starts in; %NULL for PENDING. It gets its
 *   id, run and (unless set) timestamp.
 * @out_created: (out) (optional): %FALSE if the flow run already had a task
 *   run for this task key and dynamic key, which is returned instead
 * @error: return location for a #GError
 *
 * Creates a task run with the first entry of its state history, in one
 * transaction.
 *
 * Returns: (transfer full): the stored task run, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND for an unknown flow run,
 *   %PW_STORE_ERROR_INVALID for task inputs that are not a JSON object)
 */
PwTaskRun *
pw_store_create_task_run (PwStore     *self,
                          PwTaskRun   *task_run,
                          PwState     *state,
                          gboolean    *out_created,
                          GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwState) pending = NULL;
  g_autofree char *id = NULL;
  GError *local_error = NULL;
  gboolean found;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (PW_IS_TASK_RUN (task_run), NULL);
  g_return_val_if_fail (pw_task_run_get_flow_run_id (task_run) != NULL, NULL);
  g_return_val_if_fail (pw_task_run_get_task_key (task_run) != NULL, NULL);
  g_return_val_if_fail (pw_task_run_get_dynamic_key (task_run) != NULL, NULL);
  g_return_val_if_fail (state == NULL || PW_IS_STATE (state), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (pw_task_run_get_task_inputs (task_run) != NULL &&
      !pw_store_check_json_object (pw_task_run_get_task_inputs (task_run), _("task inputs"), error))
    return NULL;

  if (state == NULL)
    state = pending = pw_state_new (PW_STATE_TYPE_PENDING, NULL, NULL);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;

  id = find_existing (self, task_run, &found, &local_error);
  if (!found)
    {
      pw_store_write_end (self, FALSE, NULL);
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (out_created != NULL)
    *out_created = id == NULL;
  if (id == NULL)
    id = insert_task_run (self, task_run, state, error);
  if (!pw_store_write_end (self, id != NULL, error))
    return NULL;

  return get_task_run (self, id, error);
}

/**
 * pw_store_get_task_run:
 * @self: a #PwStore
 * @id: the task run's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the task run, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND if there is no such task run)
 */
PwTaskRun *
pw_store_get_task_run (PwStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  return get_task_run (self, id, error);
}

/**
 * pw_store_set_task_run_state:
 * @self: a #PwStore
 * @task_run_id: the task run
 * @state: the state it enters. It gets its id, its run and (unless set)
 *   the current time as its timestamp.
 * @error: return location for a #GError
 *
 * Stores @state in the task run's history and updates the task run, as
 * pw_store_set_flow_run_state() does for a flow run.
 *
 * Returns: %TRUE if the state is stored, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND if there is no such task run)
 */
gboolean
pw_store_set_task_run_state (PwStore     *self,
                             const char  *task_run_id,
                             PwState     *state,
                             GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (task_run_id != NULL, FALSE);
  g_return_val_if_fail (PW_IS_STATE (state), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;
  ok = pw_store_set_run_state (self, PW_RUN_KIND_TASK, task_run_id, state, error);
  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_set_task_run_result:
 * @self: a #PwStore
 * @task_run_id: the task run
 * @result: (nullable): its result, or %NULL for none
 * @error: return location for a #GError
 *
 * Stores a task run's result. Text that is not valid UTF-8 is repaired; a
 * result longer than %PW_STORE_MAX_RESULT_SIZE bytes is cut there and the
 * task run is marked (#PwTaskRun:result-truncated).
 *
 * Returns: %TRUE if the result is stored, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND if there is no such task run)
 */
gboolean
pw_store_set_task_run_result (PwStore     *self,
                              const char  *task_run_id,
                              const char  *result,
                              GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *repaired = NULL;
  gboolean truncated = FALSE;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (task_run_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result != NULL)
    result = pw_store_cut_result (result, &repaired, &truncated);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self,
                           "UPDATE task_runs SET result = ?, result_truncated = ?, updated = ?"
                           " WHERE id = ?",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, result);
      sqlite3_bind_int (stmt, 2, truncated);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      pw_bind_text (stmt, 4, task_run_id);
      ok = pw_store_run (self, stmt, error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    ok = pw_store_set_run_not_found (PW_RUN_KIND_TASK, task_run_id, error);
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}

static void
add_task_run_filter (PwQuery               *query,
                     const PwTaskRunFilter *filter)
{
  if (filter == NULL)
    return;

  pw_query_add_any (query, "t.id", (const char * const *)filter->id_any);
  pw_query_add_any (query, "t.flow_run_id", (const char * const *)filter->flow_run_id_any);
  pw_query_add_any (query, "t.task_key", (const char * const *)filter->task_key_any);
  pw_query_add_any (query, "t.name", (const char * const *)filter->name_any);
  pw_query_add_like (query, "t.name", filter->name_like);
  pw_query_add_tags_all (query, "t.tags", (const char * const *)filter->tags_all);
  pw_query_add_tags_is_null (query, "t.tags", filter->tags_is_null);
  pw_query_add_state_types (query, "t.state_type", filter->state_types);
  pw_query_add_any (query, "t.state_name", (const char * const *)filter->state_name_any);
  pw_query_add_time (query, "t.start_time <= ?", filter->start_time_before);
  pw_query_add_time (query, "t.start_time >= ?", filter->start_time_after);
  pw_query_add_is_null (query, "t.start_time", filter->start_time_is_null);
}

/**
 * pw_store_list_task_runs:
 * @self: a #PwStore
 * @filter: (nullable): which task runs to list, or %NULL for all
 * @sort: their order; task runs that tie keep the order they were created in
 * @limit: the most to return: 0 for %PW_STORE_DEFAULT_LIMIT, %G_MAXUINT for
 *   no limit
 * @offset: how many to skip
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwTaskRun): the task runs, or
 *   %NULL with @error set
 */
GPtrArray *
pw_store_list_task_runs (PwStore                *self,
                         const PwTaskRunFilter  *filter,
                         PwTaskRunSort           sort,
                         guint                   limit,
                         guint                   offset,
                         GError                **error)
{
  static const char * const orders[] = {
    [PW_TASK_RUN_SORT_ID_DESC] = " ORDER BY t.id DESC",
    [PW_TASK_RUN_SORT_EXPECTED_START_TIME_ASC] = " ORDER BY t.expected_start_time ASC, t.rowid ASC",
    [PW_TASK_RUN_SORT_EXPECTED_START_TIME_DESC] =
      " ORDER BY t.expected_start_time DESC, t.rowid DESC",
    [PW_TASK_RUN_SORT_NAME_ASC] = " ORDER BY t.name ASC, t.rowid ASC",
    [PW_TASK_RUN_SORT_NAME_DESC] = " ORDER BY t.name DESC, t.rowid DESC",
    [PW_TASK_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC] =
      " ORDER BY t.next_scheduled_start_time ASC NULLS LAST, t.rowid ASC",
    [PW_TASK_RUN_SORT_END_TIME_DESC] = " ORDER BY t.end_time DESC, t.rowid DESC",
  };
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < G_N_ELEMENTS (orders), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = pw_query_new ("SELECT " TASK_RUN_COLUMNS TASK_RUN_FROM);
  add_task_run_filter (query, filter);
  pw_query_append (query, orders[sort]);
  pw_query_add_page (query, limit, offset);

  return pw_query_list (query, self, (PwRowReader)read_task_run, error);
}

/**
 * pw_store_count_task_runs:
 * @self: a #PwStore
 * @filter: (nullable): which task runs to count, or %NULL for all
 * @error: return location for a #GError
 *
 * Returns: the number of task runs @filter keeps, or -1 with @error set
 */
gint64
pw_store_count_task_runs (PwStore                *self,
                          const PwTaskRunFilter  *filter,
                          GError                **error)
{
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  query = pw_query_new ("SELECT count(*) FROM task_runs t");
  add_task_run_filter (query, filter);

  return pw_query_count (query, self, error);
}

/**
 * pw_store_list_task_run_states:
 * @self: a #PwStore
 * @task_run_id: the task run
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwState): the task run's state
 *   history, oldest first, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND if there is no such task run)
 */
GPtrArray *
pw_store_list_task_run_states (PwStore     *self,
                               const char  *task_run_id,
                               GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (task_run_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pw_store_list_run_states (self, PW_RUN_KIND_TASK, task_run_id, error);
}
