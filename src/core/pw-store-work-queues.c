/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-routing.h"
#include "pw-store-private.h"

/*
 * Work queues: creating, changing, reading and deleting them, the routing
 * of deployments to them, and their health (Prefect's
 * /work_queues/{id}/status). The agents' side (the runs a queue hands out)
 * is in pw-store-scheduled.c.
 */

#define WORK_QUEUE_COLUMNS \
  "id, name, description, paused, concurrency_limit, priority, tag_filter, last_polled," \
  " created, updated"

static PwWorkQueue *
read_work_queue (PwStmt *stmt)
{
  PwWorkQueue *queue = pw_work_queue_new ((const char *)sqlite3_column_text (stmt, 1));
  g_auto(GStrv) tag_filter = pw_column_strv (stmt, 6);
  g_autoptr(GDateTime) last_polled = pw_column_time (stmt, 7);
  g_autoptr(GDateTime) created = pw_column_time (stmt, 8);
  g_autoptr(GDateTime) updated = pw_column_time (stmt, 9);

  pw_work_queue_set_id (queue, (const char *)sqlite3_column_text (stmt, 0));
  pw_work_queue_set_description (queue, (const char *)sqlite3_column_text (stmt, 2));
  pw_work_queue_set_paused (queue, sqlite3_column_int (stmt, 3));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    pw_work_queue_set_concurrency_limit (queue, CLAMP (sqlite3_column_int64 (stmt, 4), 0, G_MAXINT));
  pw_work_queue_set_priority (queue, CLAMP (sqlite3_column_int64 (stmt, 5), 1, G_MAXINT));
  pw_work_queue_set_tag_filter (queue, (const char * const *)tag_filter);
  pw_work_queue_set_last_polled (queue, last_polled);
  pw_work_queue_set_created (queue, created);
  pw_work_queue_set_updated (queue, updated);

  return queue;
}

static PwWorkQueue *
get_work_queue (PwStore     *self,
                const char  *sql,
                const char  *key,
                GError     **error)
{
  g_autoptr(PwStmt) stmt = pw_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, key);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("There is no work queue “%s”"), key);
  if (rc != SQLITE_ROW)
    return NULL;

  return read_work_queue (stmt);
}

#define GET_BY_NAME "SELECT " WORK_QUEUE_COLUMNS " FROM work_queues WHERE name = ?"
#define GET_BY_ID "SELECT " WORK_QUEUE_COLUMNS " FROM work_queues WHERE id = ?"

static gboolean
check_work_queue (PwWorkQueue  *queue,
                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!pw_work_queue_check_name (pw_work_queue_get_name (queue), &local_error))
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  /* The properties refuse these already; a queue made some other way
   * still must not reach the table. */
  if (pw_work_queue_get_concurrency_limit (queue) < PW_WORK_QUEUE_NO_LIMIT)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("The concurrency limit of work queue “%s” cannot be negative"),
                   pw_work_queue_get_name (queue));
      return FALSE;
    }

  return TRUE;
}

static void
bind_settings (PwStmt      *stmt,
               PwWorkQueue *queue,
               const char  *tag_filter)
{
  int limit = pw_work_queue_get_concurrency_limit (queue);

  pw_bind_text (stmt, 2, pw_work_queue_get_name (queue));
  pw_bind_text (stmt, 3, pw_work_queue_get_description (queue));
  sqlite3_bind_int (stmt, 4, pw_work_queue_get_paused (queue));
  pw_bind_optional_int64 (stmt, 5, limit != PW_WORK_QUEUE_NO_LIMIT, limit);
  sqlite3_bind_int64 (stmt, 6, pw_work_queue_get_priority (queue));
  pw_bind_text (stmt, 7, tag_filter);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time ());
}

static char *
tag_filter_json (PwWorkQueue *queue)
{
  const char * const *tags = pw_work_queue_get_tag_filter (queue);

  return tags != NULL ? pw_store_strv_to_json (tags) : NULL;
}

/**
 * pw_store_create_work_queue:
 * @self: a #PwStore
 * @queue: the new queue's name and settings (its id and times are
 *   ignored)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the stored queue, or %NULL with @error set
 *   (%PW_STORE_ERROR_CONFLICT if a queue has the name,
 *   %PW_STORE_ERROR_INVALID for a bad name)
 */
PwWorkQueue *
pw_store_create_work_queue (PwStore      *self,
                            PwWorkQueue  *queue,
                            GError      **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *id = pw_store_new_id ();
  g_autofree char *tags = NULL;
  g_autofree char *existing = NULL;
  GError *local_error = NULL;
  PwWorkQueue *stored = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (PW_IS_WORK_QUEUE (queue), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_work_queue (queue, error))
    return NULL;
  tags = tag_filter_json (queue);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;

  existing = pw_store_query_text (self, "SELECT id FROM work_queues WHERE name = ?",
                                  pw_work_queue_get_name (queue), NULL, &local_error);
  if (existing != NULL)
    g_set_error (&local_error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                 _("A work queue named “%s” exists already"), pw_work_queue_get_name (queue));

  if (local_error == NULL)
    stmt = pw_store_prepare (self,
                             "INSERT INTO work_queues (id, name, description, paused,"
                             " concurrency_limit, priority, tag_filter, created, updated)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                             &local_error);
  if (stmt != NULL)
    {
      pw_bind_text (stmt, 1, id);
      bind_settings (stmt, queue, tags);
      if (pw_store_run (self, stmt, &local_error))
        {
          g_clear_pointer (&stmt, pw_stmt_release);
          stored = get_work_queue (self, GET_BY_ID, id, &local_error);
        }
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  if (!pw_store_write_end (self, stored != NULL, local_error == NULL ? &local_error : NULL))
    {
      g_clear_object (&stored);
      g_propagate_error (error, local_error);
      return NULL;
    }

  return stored;
}

/**
 * pw_store_update_work_queue:
 * @self: a #PwStore
 * @queue: the queue, found by its id, with its new name and settings (its
 *   last poll and times are ignored)
 * @error: return location for a #GError
 *
 * Changes a queue. A new name carries the deployments that name the queue
 * and the runs that wait in it (SCHEDULED or PENDING) along.
 *
 * Returns: (transfer full): the stored queue, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND, %PW_STORE_ERROR_CONFLICT if another queue
 *   has the new name)
 */
PwWorkQueue *
pw_store_update_work_queue (PwStore      *self,
                            PwWorkQueue  *queue,
                            GError      **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(PwWorkQueue) before = NULL;
  g_autofree char *tags = NULL;
  GError *local_error = NULL;
  PwWorkQueue *stored = NULL;
  const char *id;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (PW_IS_WORK_QUEUE (queue), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = pw_work_queue_get_id (queue);
  if (id == NULL)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("Only a stored work queue can be changed"));
      return NULL;
    }
  if (!check_work_queue (queue, error))
    return NULL;
  tags = tag_filter_json (queue);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;

  before = get_work_queue (self, GET_BY_ID, id, &local_error);
  if (before != NULL && g_strcmp0 (pw_work_queue_get_name (before),
                                   pw_work_queue_get_name (queue)) != 0)
    {
      g_autofree char *clash = pw_store_query_text (self,
                                                    "SELECT id FROM work_queues WHERE name = ?",
                                                    pw_work_queue_get_name (queue), NULL,
                                                    &local_error);
      if (clash != NULL)
        g_set_error (&local_error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                     _("A work queue named “%s” exists already"), pw_work_queue_get_name (queue));

      /* Renaming takes along what refers to the queue by name. */
      if (local_error == NULL)
        {
          const char *renames[] = {
            "UPDATE deployments SET work_queue_name = ?2 WHERE work_queue_name = ?1",
            "UPDATE flow_runs SET work_queue_name = ?2 WHERE work_queue_name = ?1"
            " AND state_type IN ('SCHEDULED', 'PENDING')",
          };

          for (guint i = 0; i < G_N_ELEMENTS (renames) && local_error == NULL; i++)
            {
              g_autoptr(PwStmt) rename = pw_store_prepare (self, renames[i], &local_error);

              if (rename == NULL)
                break;
              pw_bind_text (rename, 1, pw_work_queue_get_name (before));
              pw_bind_text (rename, 2, pw_work_queue_get_name (queue));
              pw_store_run (self, rename, &local_error);
            }
        }
    }

  if (local_error == NULL)
    stmt = pw_store_prepare (self,
                             "UPDATE work_queues SET name = ?2, description = ?3, paused = ?4,"
                             " concurrency_limit = ?5, priority = ?6, tag_filter = ?7,"
                             " updated = ?8 WHERE id = ?1",
                             &local_error);
  if (stmt != NULL)
    {
      pw_bind_text (stmt, 1, id);
      bind_settings (stmt, queue, tags);
      if (pw_store_run (self, stmt, &local_error))
        {
          g_clear_pointer (&stmt, pw_stmt_release);
          stored = get_work_queue (self, GET_BY_ID, id, &local_error);
        }
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  if (!pw_store_write_end (self, stored != NULL, local_error == NULL ? &local_error : NULL))
    {
      g_clear_object (&stored);
      g_propagate_error (error, local_error);
      return NULL;
    }

  return stored;
}

/**
 * pw_store_get_work_queue:
 * @self: a #PwStore
 * @name: the queue's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the queue, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND)
 */
PwWorkQueue *
pw_store_get_work_queue (PwStore     *self,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  return get_work_queue (self, GET_BY_NAME, name, error);
}

/**
 * pw_store_list_work_queues:
 * @self: a #PwStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwWorkQueue): every queue, by
 *   priority (lower first) and then name, or %NULL with @error set
 */
GPtrArray *
pw_store_list_work_queues (PwStore  *self,
                           GError  **error)
{
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = pw_query_new ("SELECT " WORK_QUEUE_COLUMNS " FROM work_queues ORDER BY priority, name");
  return pw_query_list (query, self, (PwRowReader)read_work_queue, error);
}

/* Runs one change of a queue found by name; NOT_FOUND when there is none. */
static gboolean
change_by_name (PwStore     *self,
                const char  *sql,
                const char  *name,
                gint64       value,
                GError     **error)
{
  g_autoptr(PwStoreLocker) locker = pw_store_locker_new (self);
  g_autoptr(PwStmt) stmt = NULL;
  gboolean ok;

  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      /* Statements that do not use the value and time leave them unbound. */
      pw_bind_text (stmt, 1, name);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        {
          sqlite3_bind_int64 (stmt, 2, value);
          sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
        }
      ok = pw_store_run (self, stmt, error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   _("There is no work queue “%s”"), name);
      ok = FALSE;
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_delete_work_queue:
 * @self: a #PwStore
 * @name: the queue's name
 * @error: return location for a #GError
 *
 * Deletes a queue, as Prefect does: runs waiting in it keep its name and
 * are handed out again if a queue of that name is made again (a deployment
 * that names it makes it again at its next run).
 *
 * Returns: %TRUE, or %FALSE with @error set (%PW_STORE_ERROR_NOT_FOUND)
 */
gboolean
pw_store_delete_work_queue (PwStore     *self,
                            const char  *name,
                            GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_by_name (self, "DELETE FROM work_queues WHERE name = ?1", name, 0, error);
}

/**
 * pw_store_set_work_queue_paused:
 * @self: a #PwStore
 * @name: the queue's name
 * @paused: whether it hands out runs
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with @error set (%PW_STORE_ERROR_NOT_FOUND)
 */
gboolean
pw_store_set_work_queue_paused (PwStore     *self,
                                const char  *name,
                                gboolean     paused,
                                GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_by_name (self, "UPDATE work_queues SET paused = ?2, updated = ?3 WHERE name = ?1",
                         name, !!paused, error);
}

/**
 * pw_store_touch_work_queues:
 * @self: a #PwStore
 * @names: the queues an agent polled
 * @now: when
 * @error: return location for a #GError
 *
 * Records an agent's poll (a queue's `last_polled`, which its health
 * reads). Names of queues that do not exist are ignored.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
pw_store_touch_work_queues (PwStore             *self,
                            const char * const  *names,
                            GDateTime           *now,
                            GError             **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *list = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (names == NULL || names[0] == NULL)
    return TRUE;

  list = pw_store_strv_to_json (names);
  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self,
                           "UPDATE work_queues SET last_polled = ?"
                           " WHERE name IN (SELECT value FROM json_each (?))",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_time (stmt, 1, now);
      pw_bind_text (stmt, 2, list);
      ok = pw_store_run (self, stmt, error);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_get_work_queue_status:
 * @self: a #PwStore
 * @name: the queue's name
 * @now: the time to judge by
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the queue's health, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND)
 */
PwWorkQueueStatus *
pw_store_get_work_queue_status (PwStore     *self,
                                const char  *name,
                                GDateTime   *now,
                                GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(PwWorkQueueStatus) status = NULL;
  GDateTime *last_polled;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  queue = get_work_queue (self, GET_BY_NAME, name, error);
  if (queue == NULL)
    return NULL;

  /* The queue's index on (work_queue_name, state_type, …) serves each. */
  stmt = pw_store_prepare (self,
                           "SELECT"
                           " (SELECT count(*) FROM flow_runs WHERE work_queue_name = ?1"
                           "  AND state_type = 'SCHEDULED' AND state_name = 'Late'),"
                           " (SELECT count(*) FROM flow_runs WHERE work_queue_name = ?1"
                           "  AND state_type = 'SCHEDULED'),"
                           " (SELECT count(*) FROM flow_runs WHERE work_queue_name = ?1"
                           "  AND state_type IN ('PENDING', 'RUNNING', 'CANCELLING'))",
                           error);
  if (stmt == NULL)
    return NULL;
  pw_bind_text (stmt, 1, name);
  if (pw_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;

  status = pw_work_queue_status_new ();
  status->late_runs = sqlite3_column_int64 (stmt, 0);
  status->scheduled_runs = sqlite3_column_int64 (stmt, 1);
  status->active_runs = sqlite3_column_int64 (stmt, 2);

  last_polled = pw_work_queue_get_last_polled (queue);
  if (last_polled != NULL)
    status->last_polled = g_date_time_ref (last_polled);

  /* Prefect's policy: no late run, and polled in the last minute. */
  status->healthy = status->late_runs == 0 && last_polled != NULL &&
                    g_date_time_difference (now, last_polled) <=
                    PW_WORK_QUEUE_HEALTHY_POLL_SECONDS * G_TIME_SPAN_SECOND;

  return g_steal_pointer (&status);
}

/**
 * pw_store_route_work_queue:
 * @self: a #PwStore
 * @work_queue_name: (nullable): the queue a deployment names
 * @tags: (nullable): the deployment's tags
 * @error: return location for a #GError
 *
 * Picks the queue a deployment's run goes to (pw_routing_pick_queue())
 * and creates it if it does not exist.
 *
 * Returns: (transfer full): the queue's name, or %NULL with @error set
 */
char *
pw_store_route_work_queue (PwStore             *self,
                           const char          *work_queue_name,
                           const char * const  *tags,
                           GError             **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  if (work_queue_name == NULL)
    {
      queues = pw_store_list_work_queues (self, error);
      if (queues == NULL)
        return NULL;
    }
  else
    queues = g_ptr_array_new ();

  name = g_strdup (pw_routing_pick_queue (queues, work_queue_name, tags));
  id = pw_store_ensure_work_queue (self, name, error);
  if (id == NULL)
    return NULL;

  return g_steal_pointer (&name);
}
