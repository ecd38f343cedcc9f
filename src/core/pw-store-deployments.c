/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/*
 * Deployments: saving (an upsert on flow and name, as Prefect's POST
 * /deployments/), reading, listing, pausing and deleting.
 *
 * A deployment's future runs follow what it is: when its schedule,
 * parameters, tags or queue change, or it is paused, its auto-scheduled
 * runs that have not started are deleted and its schedule cursor is reset,
 * so that the scheduler makes new ones from the new settings (Prefect does
 * the same on update and on set_schedule_inactive). Runs that started stay.
 * Work queues named by a deployment are created when missing, as in
 * Prefect.
 */

#define DEPLOYMENT_COLUMNS \
  "d.id, d.flow_id, f.name, d.name, d.schedule, d.parameters, d.tags, d.work_queue_name," \
  " d.paused, d.description, d.created, d.updated"
#define DEPLOYMENT_FROM " FROM deployments d JOIN flows f ON f.id = d.flow_id"

static PwDeployment *
read_deployment (PwStmt *stmt)
{
  PwDeployment *deployment = pw_deployment_new ((const char *)sqlite3_column_text (stmt, 2),
                                                (const char *)sqlite3_column_text (stmt, 3));
  const char *schedule_text = (const char *)sqlite3_column_text (stmt, 4);
  g_auto(GStrv) tags = pw_column_strv (stmt, 6);
  g_autoptr(GDateTime) created = pw_column_time (stmt, 10);
  g_autoptr(GDateTime) updated = pw_column_time (stmt, 11);

  pw_deployment_set_id (deployment, (const char *)sqlite3_column_text (stmt, 0));
  pw_deployment_set_flow_id (deployment, (const char *)sqlite3_column_text (stmt, 1));
  if (schedule_text != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwSchedule) schedule = pw_schedule_new_from_string (schedule_text, &error);

      /* Stored schedules were valid when saved; one this build cannot read
       * (a zone gone from the system's database) reads as none, and the
       * scheduler says why. */
      if (schedule == NULL)
        g_debug ("Deployment %s: cannot read its schedule: %s",
                 pw_deployment_get_id (deployment), error->message);
      pw_deployment_set_schedule (deployment, schedule);
    }
  pw_deployment_set_parameters (deployment, (const char *)sqlite3_column_text (stmt, 5));
  pw_deployment_set_tags (deployment, (const char * const *)tags);
  pw_deployment_set_work_queue_name (deployment, (const char *)sqlite3_column_text (stmt, 7));
  pw_deployment_set_paused (deployment, sqlite3_column_int (stmt, 8));
  pw_deployment_set_description (deployment, (const char *)sqlite3_column_text (stmt, 9));
  pw_deployment_set_created (deployment, created);
  pw_deployment_set_updated (deployment, updated);

  return deployment;
}

static PwDeployment *
get_deployment (PwStore     *self,
                const char  *id,
                GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self, "SELECT " DEPLOYMENT_COLUMNS DEPLOYMENT_FROM " WHERE d.id = ?",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, id);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("There is no deployment %s"), id);
  if (rc != SQLITE_ROW)
    return NULL;

  return read_deployment (stmt);
}

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

/* Deletes a deployment's runs that wait for their time and never ran:
 * only those the scheduler made, or (for a deleted deployment) all. */
static gint64
delete_scheduled_runs (PwStore     *self,
                       const char  *deployment_id,
                       gboolean     auto_scheduled_only,
                       GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;

  stmt = pw_store_prepare (self,
                           auto_scheduled_only
                           ? "DELETE FROM flow_runs WHERE deployment_id = ? AND auto_scheduled = 1"
                             " AND state_type = 'SCHEDULED' AND run_count = 0"
                             " AND start_time IS NULL"
                           : "DELETE FROM flow_runs WHERE deployment_id = ?"
                             " AND state_type = 'SCHEDULED' AND run_count = 0"
                             " AND start_time IS NULL",
                           error);
  if (stmt == NULL)
    return -1;

  pw_bind_text (stmt, 1, deployment_id);
  if (!pw_store_run (self, stmt, error))
    return -1;

  return sqlite3_changes (self->db);
}

/* Forgets where the schedule stood, so that the scheduler starts afresh. */
static gboolean
reset_cursor (PwStore     *self,
              const char  *deployment_id,
              GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;

  stmt = pw_store_prepare (self,
                           "UPDATE deployments SET scheduled_from = NULL, scheduled_through = NULL"
                           " WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, deployment_id);
  return pw_store_run (self, stmt, error);
}

/* What a saved deployment had, to tell what the save changes. */
typedef struct
{
  char     *id;
  char     *schedule;
  char     *parameters;
  char     *tags;
  char     *work_queue_name;
  gboolean  paused;
} Previous;

static void
previous_clear (Previous *previous)
{
  g_clear_pointer (&previous->id, g_free);
  g_clear_pointer (&previous->schedule, g_free);
  g_clear_pointer (&previous->parameters, g_free);
  g_clear_pointer (&previous->tags, g_free);
  g_clear_pointer (&previous->work_queue_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Previous, previous_clear)

static gboolean
read_previous (PwStore     *self,
               const char  *flow_id,
               const char  *name,
               Previous    *previous,
               GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self,
                           "SELECT id, schedule, parameters, tags, work_queue_name, paused"
                           " FROM deployments WHERE flow_id = ? AND name = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, flow_id);
  pw_bind_text (stmt, 2, name);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    {
      previous->id = pw_column_dup_text (stmt, 0);
      previous->schedule = pw_column_dup_text (stmt, 1);
      previous->parameters = pw_column_dup_text (stmt, 2);
      previous->tags = pw_column_dup_text (stmt, 3);
      previous->work_queue_name = pw_column_dup_text (stmt, 4);
      previous->paused = sqlite3_column_int (stmt, 5);
    }

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The upsert, in the caller's transaction. Returns the id. */
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
                 gboolean           *out_created,
                 GError            **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_auto(Previous) previous = { NULL, };
  g_autofree char *new_id = pw_store_new_id ();
  g_autofree char *tags_json = pw_store_strv_to_json (tags);
  g_autofree char *flow_id = NULL;
  g_autofree char *queue_id = NULL;
  g_autofree char *id = NULL;
  gint64 now = g_get_real_time ();
  GError *local_error = NULL;

  if (parameters == NULL)
    parameters = "{}";

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

  if (!read_previous (self, flow_id, name, &previous, error))
    return NULL;

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
  pw_bind_text (stmt, 5, parameters);
  pw_bind_text (stmt, 6, tags_json);
  pw_bind_text (stmt, 7, work_queue_name);
  sqlite3_bind_int (stmt, 8, paused);
  pw_bind_text (stmt, 9, description);
  sqlite3_bind_int64 (stmt, 10, now);

  if (pw_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;
  id = pw_column_dup_text (stmt, 0);
  g_clear_pointer (&stmt, pw_stmt_release);

  if (out_created != NULL)
    *out_created = previous.id == NULL;

  /* What the future runs were made from changed: make them again. */
  if (previous.id != NULL &&
      (g_strcmp0 (previous.schedule, schedule) != 0 ||
       g_strcmp0 (previous.parameters, parameters) != 0 ||
       g_strcmp0 (previous.tags, tags_json) != 0 ||
       g_strcmp0 (previous.work_queue_name, work_queue_name) != 0 ||
       previous.paused != !!paused))
    {
      if (delete_scheduled_runs (self, id, TRUE, error) < 0 ||
          !reset_cursor (self, id, error))
        return NULL;
    }

  return g_steal_pointer (&id);
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
 * its id), as Prefect's POST /deployments/ does. See also
 * pw_store_put_deployment(), which takes a #PwDeployment.
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
                        work_queue_name, paused, description, NULL, error);
  if (!pw_store_write_end (self, id != NULL, error))
    return NULL;

  return g_steal_pointer (&id);
}

/* Refuses what the store must never hold, with the member it is about. */
static gboolean
check_deployment (PwDeployment  *deployment,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *queue = pw_deployment_get_work_queue_name (deployment);

  if (pw_deployment_get_flow_name (deployment) == NULL ||
      *pw_deployment_get_flow_name (deployment) == '\0')
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("A deployment needs a flow"));
      return FALSE;
    }
  if (!pw_deployment_check_name (pw_deployment_get_name (deployment), &local_error) ||
      (queue != NULL && !pw_work_queue_check_name (queue, &local_error)))
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  return pw_store_check_json_object (pw_deployment_get_parameters (deployment),
                                     _("deployment parameters"), error);
}

/**
 * pw_store_put_deployment:
 * @self: a #PwStore
 * @deployment: what the deployment is: flow name, name, schedule,
 *   parameters, tags, work queue, paused and description (its id, flow id
 *   and times are ignored)
 * @out_created: (out) (optional): %TRUE if it is new, %FALSE if an
 *   existing `FLOW/NAME` was updated
 * @error: return location for a #GError
 *
 * Creates or updates the deployment `FLOW/NAME` (an upsert, as Prefect's
 * POST /deployments/), keeping the id of an existing one. When the
 * schedule, parameters, tags, queue or pause of an existing deployment
 * change, its auto-scheduled runs that have not started are deleted, for
 * the scheduler to make again. A named work queue is created if missing.
 *
 * Returns: (transfer full): the stored deployment, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND for a missing flow, %PW_STORE_ERROR_INVALID
 *   for a bad name or parameters that are not a JSON object)
 */
PwDeployment *
pw_store_put_deployment (PwStore       *self,
                         PwDeployment  *deployment,
                         gboolean      *out_created,
                         GError       **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autofree char *schedule = NULL;
  g_autofree char *id = NULL;
  PwDeployment *stored;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (PW_IS_DEPLOYMENT (deployment), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_deployment (deployment, error))
    return NULL;

  /* The text is the schedule's own, with its anchor fixed: read back, it
   * makes the same times. */
  if (pw_deployment_get_schedule (deployment) != NULL)
    schedule = pw_schedule_to_string (pw_deployment_get_schedule (deployment));

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;
  id = save_deployment (self,
                        pw_deployment_get_flow_name (deployment),
                        pw_deployment_get_name (deployment),
                        schedule,
                        pw_deployment_get_parameters (deployment),
                        pw_deployment_get_tags (deployment),
                        pw_deployment_get_work_queue_name (deployment),
                        pw_deployment_get_paused (deployment),
                        pw_deployment_get_description (deployment),
                        out_created, error);
  stored = id != NULL ? get_deployment (self, id, error) : NULL;
  ok = stored != NULL;
  if (!pw_store_write_end (self, ok, error))
    {
      g_clear_object (&stored);
      return NULL;
    }

  return stored;
}

/**
 * pw_store_get_deployment:
 * @self: a #PwStore
 * @id: the deployment's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the deployment, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND)
 */
PwDeployment *
pw_store_get_deployment (PwStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  return get_deployment (self, id, error);
}

/**
 * pw_store_find_deployment:
 * @self: a #PwStore
 * @flow_name: the flow it runs
 * @name: its name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the deployment `FLOW/NAME`, or %NULL with
 *   @error set (%PW_STORE_ERROR_NOT_FOUND)
 */
PwDeployment *
pw_store_find_deployment (PwStore     *self,
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
                           "SELECT " DEPLOYMENT_COLUMNS DEPLOYMENT_FROM
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

  return read_deployment (stmt);
}

/**
 * pw_store_list_deployments:
 * @self: a #PwStore
 * @flow_name: (nullable): only the deployments of this flow
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwDeployment): the deployments,
 *   by flow name and then name, or %NULL with @error set
 */
GPtrArray *
pw_store_list_deployments (PwStore     *self,
                           const char  *flow_name,
                           GError     **error)
{
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = pw_query_new ("SELECT " DEPLOYMENT_COLUMNS DEPLOYMENT_FROM);
  if (flow_name != NULL)
    pw_query_add_text (query, "f.name = ?", flow_name);
  pw_query_append (query, " ORDER BY f.name, d.name");

  return pw_query_list (query, self, (PwRowReader)read_deployment, error);
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
  g_autoptr(PwDeployment) deployment = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  deployment = pw_store_find_deployment (self, flow_name, name, error);
  if (deployment == NULL)
    return NULL;

  return g_strdup (pw_deployment_get_id (deployment));
}

/**
 * pw_store_set_deployment_paused:
 * @self: a #PwStore
 * @id: the deployment's id
 * @paused: %TRUE to pause its schedule, %FALSE to resume it
 * @error: return location for a #GError
 *
 * Pausing deletes the deployment's auto-scheduled runs that have not
 * started (as Prefect's set_schedule_inactive does); resuming lets the
 * scheduler schedule it again from the time it next looks, without making
 * up for the times the pause skipped. Setting the state it already has
 * changes nothing.
 *
 * Returns: %TRUE, or %FALSE with @error set (%PW_STORE_ERROR_NOT_FOUND)
 */
gboolean
pw_store_set_deployment_paused (PwStore     *self,
                                const char  *id,
                                gboolean     paused,
                                GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self, "SELECT paused FROM deployments WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, id);
      rc = pw_store_step (self, stmt, error);
      if (rc == SQLITE_DONE)
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                     _("There is no deployment %s"), id);
      ok = rc == SQLITE_ROW;
    }
  if (ok && sqlite3_column_int (stmt, 0) != !!paused)
    {
      g_clear_pointer (&stmt, pw_stmt_release);
      stmt = pw_store_prepare (self, "UPDATE deployments SET paused = ?, updated = ? WHERE id = ?",
                               error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int (stmt, 1, !!paused);
          sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
          pw_bind_text (stmt, 3, id);
          ok = pw_store_run (self, stmt, error);
        }
      ok = ok && reset_cursor (self, id, error);
      if (ok && paused)
        ok = delete_scheduled_runs (self, id, TRUE, error) >= 0;
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_delete_scheduled_runs:
 * @self: a #PwStore
 * @deployment_id: a deployment
 * @auto_scheduled_only: only the runs the scheduler made, not those made
 *   on request
 * @error: return location for a #GError
 *
 * Deletes the deployment's runs that wait in a SCHEDULED state (Scheduled
 * or Late) and never started, with their state history.
 *
 * Returns: how many were deleted, or -1 with @error set
 */
gint64
pw_store_delete_scheduled_runs (PwStore     *self,
                                const char  *deployment_id,
                                gboolean     auto_scheduled_only,
                                GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  gint64 n;

  g_return_val_if_fail (PW_IS_STORE (self), -1);
  g_return_val_if_fail (deployment_id != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return -1;
  n = delete_scheduled_runs (self, deployment_id, auto_scheduled_only, error);
  if (!pw_store_write_end (self, n >= 0, error))
    return -1;

  return n;
}

/**
 * pw_store_delete_deployment:
 * @self: a #PwStore
 * @id: the deployment's id
 * @error: return location for a #GError
 *
 * Deletes a deployment and, as Prefect does, its runs that wait for their
 * time and never started (auto-scheduled or not). Its other runs stay, no
 * longer tied to a deployment.
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

  ok = delete_scheduled_runs (self, id, FALSE, error) >= 0;
  if (ok)
    {
      stmt = pw_store_prepare (self, "DELETE FROM deployments WHERE id = ?", error);
      ok = stmt != NULL;
    }
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
