/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/*
 * Log lines of flow runs and task runs. Lines arrive in bursts (a task's
 * stdout), so they are appended in batches, one transaction per batch.
 */

#define LOG_COLUMNS \
  "l.id, l.flow_run_id, l.task_run_id, l.name, l.level, l.message, l.timestamp FROM logs l"

static gboolean
append_logs (PwStore    *self,
             GPtrArray  *entries,
             GError    **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  stmt = pw_store_prepare (self,
                           "INSERT INTO logs"
                           " (flow_run_id, task_run_id, name, level, message, timestamp)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      PwLogEntry *entry = g_ptr_array_index (entries, i);
      const char *name = pw_log_entry_get_name (entry);
      const char *task_run_id = pw_log_entry_get_task_run_id (entry);
      int rc;

      if (pw_log_entry_get_flow_run_id (entry) == NULL || pw_log_entry_get_message (entry) == NULL)
        {
          g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                               _("A log line needs a flow run and a message"));
          return FALSE;
        }
      if (pw_log_entry_get_timestamp (entry) == NULL)
        pw_log_entry_set_timestamp (entry, now);

      pw_bind_text (stmt, 1, pw_log_entry_get_flow_run_id (entry));
      pw_bind_text (stmt, 2, task_run_id);
      pw_bind_text (stmt, 3, name != NULL ? name : "");
      sqlite3_bind_int (stmt, 4, pw_log_entry_get_level (entry));
      pw_bind_text (stmt, 5, pw_log_entry_get_message (entry));
      pw_bind_time (stmt, 6, pw_log_entry_get_timestamp (entry));

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                       _("Cannot log to flow run %s, task run %s: there is no such run"),
                       pw_log_entry_get_flow_run_id (entry),
                       task_run_id != NULL ? task_run_id : "-");
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        return pw_store_set_error (self, rc, _("append log lines"), error);

      pw_log_entry_set_id (entry, sqlite3_last_insert_rowid (self->db));
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/**
 * pw_store_append_logs:
 * @self: a #PwStore
 * @entries: (element-type PwLogEntry): the lines, each with its flow run
 *   and message; a line without a timestamp gets the current time
 * @error: return location for a #GError
 *
 * Stores a batch of log lines in one transaction: all of them, or (on
 * error) none. Each entry gets its id.
 *
 * Returns: %TRUE if the lines are stored, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND for a line of an unknown run)
 */
gboolean
pw_store_append_logs (PwStore    *self,
                      GPtrArray  *entries,
                      GError    **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (entries->len == 0)
    return TRUE;

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;
  ok = append_logs (self, entries, error);
  return pw_store_write_end (self, ok, error);
}

static void
add_log_filter (PwQuery           *query,
                const PwLogFilter *filter)
{
  if (filter == NULL)
    return;

  pw_query_add_any (query, "l.flow_run_id", (const char * const *)filter->flow_run_id_any);
  pw_query_add_any (query, "l.task_run_id", (const char * const *)filter->task_run_id_any);
  pw_query_add_is_null (query, "l.task_run_id", filter->task_run_id_is_null);
  if (filter->level_ge > 0)
    pw_query_add_int64 (query, "l.level >= ?", filter->level_ge);
  if (filter->level_le > 0)
    pw_query_add_int64 (query, "l.level <= ?", filter->level_le);
  pw_query_add_time (query, "l.timestamp <= ?", filter->timestamp_before);
  pw_query_add_time (query, "l.timestamp >= ?", filter->timestamp_after);
}

static PwLogEntry *
read_log_entry (PwStmt *stmt)
{
  g_autoptr(GDateTime) timestamp = pw_column_time (stmt, 6);
  PwLogEntry *entry;

  entry = pw_log_entry_new ((const char *)sqlite3_column_text (stmt, 1),
                            (const char *)sqlite3_column_text (stmt, 2),
                            (const char *)sqlite3_column_text (stmt, 3),
                            sqlite3_column_int (stmt, 4),
                            (const char *)sqlite3_column_text (stmt, 5),
                            timestamp);
  pw_log_entry_set_id (entry, sqlite3_column_int64 (stmt, 0));

  return entry;
}

/**
 * pw_store_list_logs:
 * @self: a #PwStore
 * @filter: (nullable): which lines to list, or %NULL for all
 * @sort: their order; lines that tie keep the order they were written in
 * @limit: the most to return: 0 for %PW_STORE_DEFAULT_LIMIT, %G_MAXUINT for
 *   no limit
 * @offset: how many to skip
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwLogEntry): the lines, or %NULL
 *   with @error set
 */
GPtrArray *
pw_store_list_logs (PwStore            *self,
                    const PwLogFilter  *filter,
                    PwLogSort           sort,
                    guint               limit,
                    guint               offset,
                    GError            **error)
{
  static const char * const orders[] = {
    [PW_LOG_SORT_TIMESTAMP_ASC] = " ORDER BY l.timestamp ASC, l.id ASC",
    [PW_LOG_SORT_TIMESTAMP_DESC] = " ORDER BY l.timestamp DESC, l.id DESC",
    [PW_LOG_SORT_LEVEL_ASC] = " ORDER BY l.level ASC, l.timestamp ASC, l.id ASC",
    [PW_LOG_SORT_LEVEL_DESC] = " ORDER BY l.level DESC, l.timestamp ASC, l.id ASC",
    [PW_LOG_SORT_FLOW_RUN_ID_ASC] = " ORDER BY l.flow_run_id ASC, l.timestamp ASC, l.id ASC",
    [PW_LOG_SORT_FLOW_RUN_ID_DESC] = " ORDER BY l.flow_run_id DESC, l.timestamp ASC, l.id ASC",
    [PW_LOG_SORT_TASK_RUN_ID_ASC] = " ORDER BY l.task_run_id ASC, l.timestamp ASC, l.id ASC",
    [PW_LOG_SORT_TASK_RUN_ID_DESC] = " ORDER BY l.task_run_id DESC, l.timestamp ASC, l.id ASC",
  };
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < G_N_ELEMENTS (orders), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = pw_query_new ("SELECT " LOG_COLUMNS);
  add_log_filter (query, filter);
  pw_query_append (query, orders[sort]);
  pw_query_add_page (query, limit, offset);

  return pw_query_list (query, self, (PwRowReader)read_log_entry, error);
}

/**
 * pw_store_count_logs:
 * @self: a #PwStore
 * @filter: (nullable): which lines to count, or %NULL for all
 * @error: return location for a #GError
 *
 * Returns: the number of lines @filter keeps, or -1 with @error set
 */
gint64
pw_store_count_logs (PwStore            *self,
                     const PwLogFilter  *filter,
                     GError            **error)
{
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  query = pw_query_new ("SELECT count(*) FROM logs l");
  add_log_filter (query, filter);

  return pw_query_count (query, self, error);
}
