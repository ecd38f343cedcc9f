/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/*
 * Cached task results: a task with a cache policy stores its result under a
 * key made from its rendered inputs; a later run with the same key, before
 * the entry expires, takes the result instead of running (state `Cached`).
 */

static gboolean
put_cache_entry (PwStore     *self,
                 const char  *key,
                 const char  *result,
                 GDateTime   *expiration,
                 const char  *task_run_id,
                 GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self,
                           "INSERT INTO cache_entries"
                           " (cache_key, result, expiration, task_run_id, created)"
                           " VALUES (?, ?, ?, ?, ?)"
                           " ON CONFLICT (cache_key) DO UPDATE SET result = excluded.result,"
                           " expiration = excluded.expiration, task_run_id = excluded.task_run_id,"
                           " created = excluded.created",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, key);
  pw_bind_text (stmt, 2, result);
  pw_bind_time (stmt, 3, expiration);
  pw_bind_text (stmt, 4, task_run_id);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return pw_store_set_run_not_found (PW_RUN_KIND_TASK, task_run_id, error);
  if (rc != SQLITE_DONE)
    return pw_store_set_error (self, rc, _("cache a result"), error);

  return TRUE;
}

/**
 * pw_store_put_cache_entry:
 * @self: a #PwStore
 * @key: the cache key
 * @result: (nullable): the result to reuse
 * @expiration: (nullable): when the entry expires, or %NULL for never
 * @task_run_id: (nullable): the task run that made the result
 * @error: return location for a #GError
 *
 * Stores a result under @key, replacing what was there. A result longer
 * than %PW_STORE_MAX_RESULT_SIZE is not cached (it could not be given back
 * whole): %PW_STORE_ERROR_INVALID.
 *
 * Returns: %TRUE if the entry is stored, else %FALSE with @error set
 */
gboolean
pw_store_put_cache_entry (PwStore     *self,
                          const char  *key,
                          const char  *result,
                          GDateTime   *expiration,
                          const char  *task_run_id,
                          GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autofree char *repaired = NULL;
  gboolean truncated = FALSE;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result != NULL)
    result = pw_store_cut_result (result, &repaired, &truncated);
  if (truncated)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("A result of more than %d bytes is not cached"), PW_STORE_MAX_RESULT_SIZE);
      return FALSE;
    }

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;
  ok = put_cache_entry (self, key, result, expiration, task_run_id, error);
  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_get_cache_entry:
 * @self: a #PwStore
 * @key: the cache key
 * @now: (nullable): the current time, or %NULL for the clock's
 * @out_result: (out) (optional) (nullable): the cached result
 * @out_task_run_id: (out) (optional) (nullable): the task run that made it
 * @error: return location for a #GError
 *
 * Looks up an entry that has not expired at @now.
 *
 * Returns: %TRUE on a hit, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND on a miss)
 */
gboolean
pw_store_get_cache_entry (PwStore     *self,
                          const char  *key,
                          GDateTime   *now,
                          char       **out_result,
                          char       **out_task_run_id,
                          GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT result, task_run_id FROM cache_entries"
                           " WHERE cache_key = ? AND (expiration IS NULL OR expiration > ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, pw_store_now_usec (now));
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("No cached result for key “%s”"), key);
  if (rc != SQLITE_ROW)
    return FALSE;

  if (out_result != NULL)
    *out_result = pw_column_dup_text (stmt, 0);
  if (out_task_run_id != NULL)
    *out_task_run_id = pw_column_dup_text (stmt, 1);
  return TRUE;
}

/**
 * pw_store_purge_cache:
 * @self: a #PwStore
 * @now: (nullable): the current time, or %NULL for the clock's
 * @error: return location for a #GError
 *
 * Deletes the entries that expired at or before @now.
 *
 * Returns: how many were deleted, or -1 with @error set
 */
gint64
pw_store_purge_cache (PwStore     *self,
                      GDateTime   *now,
                      GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  gboolean ok;
  gint64 n = 0;

  g_return_val_if_fail (PW_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return -1;

  stmt = pw_store_prepare (self, "DELETE FROM cache_entries WHERE expiration <= ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, pw_store_now_usec (now));
      ok = pw_store_run (self, stmt, error);
      n = sqlite3_changes (self->db);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error) ? n : -1;
}
