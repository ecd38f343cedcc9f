/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/*
 * Deployments and work queues, as far as runs need them: a run may belong
 * to a deployment and wait in a work queue. The scheduler's issue adds
 * their records, lists and updates.
 */

static char *
ensure_work_queue (PwStore     *self,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *id = pw_store_new_id ();
  gint64 now = g_get_real_time ();

  stmt = pw_store_prepare (self,
                           "INSERT INTO work_queues (id, name, created, updated)"
                           " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, id);
  pw_bind_text (stmt, 2, name);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!pw_store_run (self, stmt, error))
    return NULL;

  return pw_store_query_text (self, "SELECT id FROM work_queues WHERE name = ?", name, NULL, error);
}

/**
 * pw_store_ensure_work_queue:
 * @self: a #PwStore
 * @name: the queue's name
 * @error: return location for a #GError
 *
 * Creates the work queue @name (not paused, no concurrency limit, priority
 * 1) unless it exists.
 *
 * Returns: (transfer full): the queue's id, or %NULL with @error set
 */
char *
pw_store_ensure_work_queue (PwStore     *self,
                            const char  *name,
                            GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;
  id = ensure_work_queue (self, name, error);
  if (!pw_store_write_end (self, id != NULL, error))
    return NULL;

  return g_steal_pointer (&id);
}

static char *
save_deployment (PwStore            *self,
                 const char         *flow_name,
                 const char         *name,
                 const char         *schedule,
                 const char         *parameters,
                 const char * const *tags,
                 const char         *work_queue_name,
                 gboolean            paused,
                 const char         *description,
                 GError            **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *new_id = pw_store_new_id ();
  g_autofree char *tags_json = pw_store_strv_to_json (tags);
  g_autofree char *flow_id = NULL;
  g_autofree char *queue_id = NULL;
  gint64 now = g_get_real_time ();
  GError *local_error = NULL;

  flow_id = pw_store_query_text (self, "SELECT id FROM flows WHERE name = ?",
                                 flow_name, NULL, &local_error);
  if (flow_id == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                     _("There is no flow named “%s”"), flow_name);
      return NULL;
    }

  /* As in Prefect, naming a queue that does not exist creates it. */
  if (work_queue_name != NULL)
    {
      queue_id = ensure_work_queue (self, work_queue_name, error);
      if (queue_id == NULL)
        return NULL;
    }

  /* Upsert on (flow, name), keeping the id and creation time. */
  stmt = pw_store_prepare (self,
                           "INSERT INTO deployments (id, flow_id, name, schedule, parameters, tags,"
                           " work_queue_name, paused, description, created, updated)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
                           " ON CONFLICT (flow_id, name) DO UPDATE SET"
                           " schedule = excluded.schedule,"
                           " parameters = excluded.parameters, tags = excluded.tags,"
                           " work_queue_name = excluded.work_queue_name, paused = excluded.paused,"
                           " description = excluded.description, updated = excluded.updated"
                           " RETURNING id",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, new_id);
  pw_bind_text (stmt, 2, flow_id);
  pw_bind_text (stmt, 3, name);
  pw_bind_text (stmt, 4, schedule);
  pw_bind_text (stmt, 5, parameters != NULL ? parameters : "{}");
  pw_bind_text (stmt, 6, tags_json);
  pw_bind_text (stmt, 7, work_queue_name);
  sqlite3_bind_int (stmt, 8, paused);
  pw_bind_text (stmt, 9, description);
  sqlite3_bind_int64 (stmt, 10, now);

  if (pw_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;

  return pw_column_dup_text (stmt, 0);
}

/**
 * pw_store_save_deployment:
 * @self: a #PwStore
 * @flow_name: the flow it runs
 * @name: its name, unique for the flow
 * @schedule: (nullable): its schedule, one of Prefect's three shapes as
 *   JSON object text, or %NULL for none
 * @parameters: (nullable): parameters for its runs, as JSON object text
 * @tags: (nullable) (array zero-terminated=1): tags for its runs
 * @work_queue_name: (nullable): the queue its runs wait in (created if
 *   needed)
 * @paused: whether its schedule is paused
 * @description: (nullable): what it is for
 * @error: return location for a #GError
 *
 * Creates the deployment `FLOW/NAME`, or updates it if it exists (keeping
 * its id), as Prefect's POST /deployments/ does.
 *
 * Returns: (transfer full): the deployment's id, or %NULL with @error set
 */
char *
pw_store_save_deployment (PwStore             *self,
                          const char          *flow_name,
                          const char          *name,
                          const char          *schedule,
                          const char          *parameters,
                          const char * const  *tags,
                          const char          *work_queue_name,
                          gboolean             paused,
                          const char          *description,
                          GError             **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (flow_name != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (schedule != NULL && !pw_store_check_json_object (schedule, _("schedule"), error))
    return NULL;
  if (parameters != NULL &&
      !pw_store_check_json_object (parameters, _("deployment parameters"), error))
    return NULL;

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;
  id = save_deployment (self, flow_name, name, schedule, parameters, tags,
                        work_queue_name, paused, description, error);
  if (!pw_store_write_end (self, id != NULL, error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * pw_store_get_deployment_id:
 * @self: a #PwStore
 * @flow_name: the flow it runs
 * @name: its name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the id of the deployment `FLOW/NAME`, or %NULL
 *   with @error set (%PW_STORE_ERROR_NOT_FOUND)
 */
char *
pw_store_get_deployment_id (PwStore     *self,
                            const char  *flow_name,
                            const char  *name,
                            GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (flow_name != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT d.id FROM deployments d JOIN flows f ON f.id = d.flow_id"
                           " WHERE f.name = ? AND d.name = ?",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, flow_name);
  pw_bind_text (stmt, 2, name);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("There is no deployment “%s/%s”"), flow_name, name);
  if (rc != SQLITE_ROW)
    return NULL;

  return pw_column_dup_text (stmt, 0);
}

/**
 * pw_store_delete_deployment:
 * @self: a #PwStore
 * @id: the deployment's id
 * @error: return location for a #GError
 *
 * Deletes a deployment. Its runs stay, no longer tied to a deployment.
 *
 * Returns: %TRUE if it was deleted, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND)
 */
gboolean
pw_store_delete_deployment (PwStore     *self,
                            const char  *id,
                            GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self, "DELETE FROM deployments WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, id);
      ok = pw_store_run (self, stmt, error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   _("There is no deployment %s"), id);
      ok = FALSE;
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}
