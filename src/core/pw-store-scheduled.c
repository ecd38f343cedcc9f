/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-run-name.h"
#include "pw-store-private.h"

/*
 * The scheduler's and the agents' side of the store: where each active
 * deployment's schedule stands, inserting its runs idempotently, marking
 * runs Late, and the runs that are due in a set of work queues.
 *
 * A scheduled run is inserted with Prefect's idempotency key
 * `scheduled <deployment id> <ISO time>` and `ON CONFLICT DO NOTHING`: the
 * unique indexes on (flow, idempotency key) and on (deployment, expected
 * start time) of auto-scheduled runs make a second insert of the same run
 * a no-op, whichever process or restart tries it.
 */

/* How many runs one statement marks Late, so that a long backlog is taken
 * in several small steps of one transaction. */
#define LATE_BATCH 500

void
pw_schedule_cursor_free (PwScheduleCursor *cursor)
{
  if (cursor == NULL)
    return;

  g_free (cursor->deployment_id);
  g_free (cursor->flow_id);
  g_free (cursor->schedule);
  g_free (cursor->parameters);
  g_strfreev (cursor->tags);
  g_free (cursor->work_queue_name);
  g_free (cursor);
}

/**
 * pw_store_list_schedule_cursors:
 * @self: a #PwStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwScheduleCursor): where the
 *   schedule of each deployment that has one and is not paused stands, or
 *   %NULL with @error set
 */
GPtrArray *
pw_store_list_schedule_cursors (PwStore  *self,
                                GError  **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) cursors = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT id, flow_id, schedule, parameters, tags, work_queue_name,"
                           " updated, scheduled_from, scheduled_through FROM deployments"
                           " WHERE paused = 0 AND schedule IS NOT NULL ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;

  cursors = g_ptr_array_new_with_free_func ((GDestroyNotify)pw_schedule_cursor_free);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      PwScheduleCursor *cursor = g_new0 (PwScheduleCursor, 1);

      cursor->deployment_id = pw_column_dup_text (stmt, 0);
      cursor->flow_id = pw_column_dup_text (stmt, 1);
      cursor->schedule = pw_column_dup_text (stmt, 2);
      cursor->parameters = pw_column_dup_text (stmt, 3);
      cursor->tags = pw_column_strv (stmt, 4);
      cursor->work_queue_name = pw_column_dup_text (stmt, 5);
      cursor->updated = sqlite3_column_int64 (stmt, 6);
      cursor->scheduled_from = pw_column_usec (stmt, 7);
      cursor->scheduled_through = pw_column_usec (stmt, 8);
      g_ptr_array_add (cursors, cursor);
    }
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&cursors);
}

/**
 * pw_store_count_future_runs:
 * @self: a #PwStore
 * @deployment_id: a deployment
 * @after: a time
 * @error: return location for a #GError
 *
 * Returns: how many auto-scheduled runs of the deployment are expected to
 *   start after @after, whatever their state, or -1 with @error set
 */
gint64
pw_store_count_future_runs (PwStore     *self,
                            const char  *deployment_id,
                            GDateTime   *after,
                            GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), -1);
  g_return_val_if_fail (deployment_id != NULL, -1);
  g_return_val_if_fail (after != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT count(*) FROM flow_runs WHERE deployment_id = ?"
                           " AND auto_scheduled = 1 AND expected_start_time > ?",
                           error);
  if (stmt == NULL)
    return -1;

  pw_bind_text (stmt, 1, deployment_id);
  pw_bind_time (stmt, 2, after);
  if (pw_store_step (self, stmt, error) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

/* Prefect's spelling of an instant in idempotency keys:
 * 2026-11-26T14:00:00+00:00 (with microseconds when there are some). */
static char *
key_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  if (g_date_time_get_microsecond (utc) != 0)
    return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%f+00:00");
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S+00:00");
}

/* The deployment, as the cursor saw it, is still there, active and
 * unchanged: otherwise the runs planned from the cursor are stale (paused
 * or edited in between, maybe by another process). */
static gboolean
cursor_is_current (PwStore                *self,
                   const PwScheduleCursor *cursor,
                   gboolean               *out_current,
                   GError                **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self,
                           "SELECT 1 FROM deployments WHERE id = ? AND paused = 0 AND updated = ?"
                           " AND schedule IS NOT NULL",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, cursor->deployment_id);
  sqlite3_bind_int64 (stmt, 2, cursor->updated);
  rc = pw_store_step (self, stmt, error);
  *out_current = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Prefect tags auto-scheduled runs so, before the deployment's tags. */
static char *
run_tags (const PwScheduleCursor *cursor)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;

  g_strv_builder_add (builder, "auto-scheduled");
  for (guint i = 0; cursor->tags != NULL && cursor->tags[i] != NULL; i++)
    if (!g_str_equal (cursor->tags[i], "auto-scheduled"))
      g_strv_builder_add (builder, cursor->tags[i]);
  tags = g_strv_builder_end (builder);

  return pw_store_strv_to_json ((const char * const *)tags);
}

static gboolean
insert_run (PwStore                *self,
            const PwScheduleCursor *cursor,
            gint64                  flow_version,
            const char             *work_queue_name,
            const char             *tags,
            GDateTime              *time,
            GDateTime              *now,
            GPtrArray              *out_ids,
            GError                **error)
{
  g_autofree char *id = pw_store_new_id ();
  g_autofree char *name = pw_run_name_generate (NULL);
  g_autofree char *iso = key_time (time);
  g_autofree char *key = g_strdup_printf ("scheduled %s %s", cursor->deployment_id, iso);
  g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL,
                                           _("Flow run scheduled"));
  g_autoptr(PwStmt) stmt = NULL;
  gint64 stamp = g_get_real_time ();

  pw_state_set_scheduled_time (state, time);
  pw_state_set_timestamp (state, now);
  if (!pw_store_prepare_state (self, state, PW_RUN_KIND_FLOW, id, error))
    return FALSE;

  stmt = pw_store_prepare (self,
                           "INSERT INTO flow_runs (id, name, flow_id, flow_version, deployment_id,"
                           " work_queue_name, parameters, tags, idempotency_key, auto_scheduled,"
                           " state_id, state_type, state_name, expected_start_time,"
                           " next_scheduled_start_time, created, updated)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, 'SCHEDULED', ?11,"
                           " ?12, ?12, ?13, ?13)"
                           " ON CONFLICT DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, id);
  pw_bind_text (stmt, 2, name);
  pw_bind_text (stmt, 3, cursor->flow_id);
  sqlite3_bind_int64 (stmt, 4, flow_version);
  pw_bind_text (stmt, 5, cursor->deployment_id);
  pw_bind_text (stmt, 6, work_queue_name);
  pw_bind_text (stmt, 7, cursor->parameters != NULL ? cursor->parameters : "{}");
  pw_bind_text (stmt, 8, tags);
  pw_bind_text (stmt, 9, key);
  pw_bind_text (stmt, 10, pw_state_get_id (state));
  pw_bind_text (stmt, 11, pw_state_get_name (state));
  pw_bind_time (stmt, 12, time);
  sqlite3_bind_int64 (stmt, 13, stamp);
  if (!pw_store_run (self, stmt, error))
    return FALSE;

  /* Already there: made by an earlier tick, a restart or another process. */
  if (sqlite3_changes (self->db) == 0)
    return TRUE;

  if (!pw_store_insert_state (self, state, error))
    return FALSE;
  if (out_ids != NULL)
    g_ptr_array_add (out_ids, g_steal_pointer (&id));
  return TRUE;
}

static gboolean
insert_scheduled_runs (PwStore                *self,
                       const PwScheduleCursor *cursor,
                       const char             *work_queue_name,
                       GPtrArray              *times,
                       GDateTime              *scheduled_from,
                       GDateTime              *now,
                       GPtrArray              *out_ids,
                       GError                **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *tags = NULL;
  gboolean current = FALSE;
  gint64 version;
  gint64 through = 0;

  if (!cursor_is_current (self, cursor, &current, error))
    return FALSE;
  if (!current)
    return TRUE;

  /* As Prefect does, a deployment that names a missing queue creates it. */
  stmt = pw_store_prepare (self,
                           "INSERT INTO work_queues (id, name, created, updated)"
                           " VALUES (?1, ?2, ?3, ?3) ON CONFLICT (name) DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *queue_id = pw_store_new_id ();

    pw_bind_text (stmt, 1, queue_id);
    pw_bind_text (stmt, 2, work_queue_name);
    sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
    if (!pw_store_run (self, stmt, error))
      return FALSE;
  }
  g_clear_pointer (&stmt, pw_stmt_release);

  /* The flow's latest version when the run is made. */
  stmt = pw_store_prepare (self, "SELECT max (version) FROM flow_versions WHERE flow_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  pw_bind_text (stmt, 1, cursor->flow_id);
  if (pw_store_step (self, stmt, error) != SQLITE_ROW)
    return FALSE;
  version = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, pw_stmt_release);

  tags = run_tags (cursor);
  for (guint i = 0; i < times->len; i++)
    {
      GDateTime *time = g_ptr_array_index (times, i);

      if (!insert_run (self, cursor, version, work_queue_name, tags, time, now, out_ids, error))
        return FALSE;
      through = MAX (through, pw_store_time_to_usec (time));
    }

  stmt = pw_store_prepare (self,
                           "UPDATE deployments SET scheduled_from = coalesce (scheduled_from, ?2),"
                           " scheduled_through = CASE WHEN ?3 IS NULL THEN scheduled_through"
                           " ELSE max (coalesce (scheduled_through, ?3), ?3) END"
                           " WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  pw_bind_text (stmt, 1, cursor->deployment_id);
  pw_bind_time (stmt, 2, scheduled_from);
  pw_bind_usec (stmt, 3, through);

  return pw_store_run (self, stmt, error);
}

/**
 * pw_store_insert_scheduled_runs:
 * @self: a #PwStore
 * @cursor: the deployment, as read by pw_store_list_schedule_cursors()
 * @work_queue_name: the queue its runs go to (created if missing)
 * @times: (element-type GDateTime): the times to make runs for
 * @scheduled_from: the time the schedule counts from, kept if the
 *   deployment has none yet
 * @now: the time of the Scheduled states
 * @out_ids: (element-type utf8) (nullable): where to add the ids of the runs
 *   made (times that had a run already are skipped)
 * @error: return location for a #GError
 *
 * In one transaction: makes a SCHEDULED run for each of @times that has
 * none (auto-scheduled, expected then, with the deployment's parameters,
 * its tags after `auto-scheduled`, the flow's latest version, and the key
 * `scheduled <deployment id> <ISO time>`) and moves the deployment's
 * cursor on to the latest of @times. If the deployment changed, was paused
 * or was deleted since @cursor was read, nothing is made.
 *
 * Returns: %TRUE, or %FALSE with @error set (nothing is written then)
 */
gboolean
pw_store_insert_scheduled_runs (PwStore                 *self,
                                const PwScheduleCursor  *cursor,
                                const char              *work_queue_name,
                                GPtrArray               *times,
                                GDateTime               *scheduled_from,
                                GDateTime               *now,
                                GPtrArray               *out_ids,
                                GError                 **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  guint n_ids = out_ids != NULL ? out_ids->len : 0;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (cursor != NULL, FALSE);
  g_return_val_if_fail (work_queue_name != NULL, FALSE);
  g_return_val_if_fail (times != NULL, FALSE);
  g_return_val_if_fail (scheduled_from != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  ok = insert_scheduled_runs (self, cursor, work_queue_name, times, scheduled_from, now,
                              out_ids, error);
  if (!pw_store_write_end (self, ok, error))
    {
      /* Rolled back: none of the ids exist. */
      if (out_ids != NULL)
        g_ptr_array_set_size (out_ids, n_ids);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char   *id;
  gint64  scheduled_time;
} LateRun;

static gboolean
mark_late_batch (PwStore    *self,
                 gint64      due_before,
                 GDateTime  *now,
                 GPtrArray  *ids,
                 guint      *out_n,
                 GError    **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GArray) late = g_array_new (FALSE, FALSE, sizeof (LateRun));
  int rc;

  /* The partial index on waiting runs by state name and time. */
  stmt = pw_store_prepare (self,
                           "SELECT id, next_scheduled_start_time FROM flow_runs"
                           " WHERE state_type = 'SCHEDULED' AND state_name = 'Scheduled'"
                           " AND next_scheduled_start_time < ?"
                           " ORDER BY next_scheduled_start_time LIMIT ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, due_before);
  sqlite3_bind_int (stmt, 2, LATE_BATCH);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      LateRun run = { pw_column_dup_text (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (late, run);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  for (guint i = 0; i < late->len; i++)
    {
      LateRun *run = &g_array_index (late, LateRun, i);
      g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_SCHEDULED, "Late", NULL);
      g_autoptr(GDateTime) scheduled_time = pw_store_time_from_usec (run->scheduled_time);

      if (rc == SQLITE_DONE)
        {
          pw_state_set_scheduled_time (state, scheduled_time);
          pw_state_set_timestamp (state, now);
          if (pw_store_set_run_state (self, PW_RUN_KIND_FLOW, run->id, state, error))
            g_ptr_array_add (ids, g_steal_pointer (&run->id));
          else
            rc = -1;
        }
      g_free (run->id);
    }

  *out_n = late->len;
  return rc == SQLITE_DONE;
}

/**
 * pw_store_mark_late_runs:
 * @self: a #PwStore
 * @due_before: runs due before this time are late
 * @now: the time of their Late state
 * @error: return location for a #GError
 *
 * Moves every run that waits in the state Scheduled (type SCHEDULED) and
 * was due before @due_before to SCHEDULED/Late, keeping its scheduled
 * time, in one transaction (as Prefect's late-runs service does). Runs
 * waiting to retry (AwaitingRetry) are not late.
 *
 * Returns: (transfer full) (element-type utf8): the ids of the runs marked
 *   Late, or %NULL with @error set (none is marked then)
 */
GPtrArray *
pw_store_mark_late_runs (PwStore     *self,
                         GDateTime   *due_before,
                         GDateTime   *now,
                         GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  gboolean ok = TRUE;
  guint n = LATE_BATCH;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (due_before != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ids = g_ptr_array_new_with_free_func (g_free);
  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;

  /* A run marked Late leaves the index's `Scheduled` range, so each batch
   * starts again from the front. */
  while (ok && n == LATE_BATCH)
    ok = mark_late_batch (self, pw_store_time_to_usec (due_before), now, ids, &n, error);

  if (!pw_store_write_end (self, ok, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * pw_store_list_due_runs:
 * @self: a #PwStore
 * @queues: (nullable): the names of the work queues to take from; %NULL
 *   for every queue
 * @now: the time to judge by
 * @limit: the most runs to return (0: %PW_STORE_DEFAULT_LIMIT)
 * @error: return location for a #GError
 *
 * The runs an agent polling @queues may start now, in the order it should
 * take them. A run is due when it waits in a SCHEDULED state (Scheduled,
 * Late, AwaitingRetry …) with a scheduled time at or before @now, in a
 * queue that exists, is among @queues and is not paused. A queue with a
 * concurrency limit hands out at most the limit less its active runs
 * (PENDING, RUNNING or CANCELLING), counted now; 0 hands out none. Runs
 * come by queue priority (lower first), then scheduled time, then
 * creation; @limit cuts the whole list, not each queue.
 *
 * This only reads: the caller claims each run by moving it out of
 * SCHEDULED (to PENDING) in a write transaction, checking that it is still
 * SCHEDULED, since another agent may take it first. Calling this inside
 * that transaction (pw_store_begin()) makes the counts and the claim one
 * consistent step.
 *
 * Returns: (transfer full) (element-type PwFlowRun): the runs, or %NULL
 *   with @error set
 */
GPtrArray *
pw_store_list_due_runs (PwStore             *self,
                        const char * const  *queues,
                        GDateTime           *now,
                        guint                limit,
                        GError             **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *queue_list = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (limit == 0)
    limit = PW_STORE_DEFAULT_LIMIT;
  if (queues != NULL)
    queue_list = pw_store_strv_to_json (queues);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "WITH q AS ("
                           "  SELECT name, priority, concurrency_limit - (SELECT count(*)"
                           "    FROM flow_runs a WHERE a.work_queue_name = wq.name"
                           "    AND a.state_type IN ('PENDING', 'RUNNING', 'CANCELLING')) AS room"
                           "  FROM work_queues wq WHERE paused = 0"
                           "  AND (?2 IS NULL OR name IN (SELECT value FROM json_each (?2)))),"
                           " due AS ("
                           "  SELECT r.id, q.priority, r.next_scheduled_start_time AS t,"
                           "   r.rowid AS rid, q.room, row_number () OVER (PARTITION BY q.name"
                           "   ORDER BY r.next_scheduled_start_time, r.rowid) AS n"
                           "  FROM q JOIN flow_runs r ON r.work_queue_name = q.name"
                           "  AND r.state_type = 'SCHEDULED' AND r.next_scheduled_start_time <= ?1)"
                           " SELECT id FROM due WHERE room IS NULL OR n <= room"
                           " ORDER BY priority, t, rid LIMIT ?3",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_time (stmt, 1, now);
  pw_bind_text (stmt, 2, queue_list);
  sqlite3_bind_int64 (stmt, 3, limit);

  ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (ids, pw_column_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return NULL;
  g_clear_pointer (&stmt, pw_stmt_release);

  runs = g_ptr_array_new_full (ids->len, g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      PwFlowRun *run = pw_store_get_flow_run (self, g_ptr_array_index (ids, i), error);

      if (run == NULL)
        return NULL;
      g_ptr_array_add (runs, run);
    }

  return g_steal_pointer (&runs);
}

/**
 * pw_store_list_upcoming_runs:
 * @self: a #PwStore
 * @work_queue_name: a work queue
 * @until: (nullable): only runs due at or before this time; %NULL for all
 * @limit: the most runs (0: %PW_STORE_DEFAULT_LIMIT)
 * @error: return location for a #GError
 *
 * The runs waiting in a queue (SCHEDULED, late ones included), soonest
 * first, whether or not the queue is paused: what Prefect's `work-queue
 * preview` lists.
 *
 * Returns: (transfer full) (element-type PwFlowRun): the runs, or %NULL
 *   with @error set
 */
GPtrArray *
pw_store_list_upcoming_runs (PwStore     *self,
                             const char  *work_queue_name,
                             GDateTime   *until,
                             guint        limit,
                             GError     **error)
{
  g_autoptr(PwFlowRunFilter) filter = NULL;
  const char *names[] = { work_queue_name, NULL };

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (work_queue_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  filter = pw_flow_run_filter_new ();
  filter->work_queue_name_any = g_strdupv ((char **)names);
  filter->state_types = PW_STATE_TYPE_MASK (PW_STATE_TYPE_SCHEDULED);
  if (until != NULL)
    filter->next_scheduled_start_time_before = g_date_time_ref (until);

  return pw_store_list_flow_runs (self, filter, PW_FLOW_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC,
                                  limit, 0, error);
}

/**
 * pw_store_set_busy_timeout:
 * @self: a #PwStore
 * @timeout_ms: how long a statement waits for another process's write
 *   lock before it fails with %PW_STORE_ERROR_BUSY
 *
 * Changes the wait (5 s when opened). Tests shorten it to see what a
 * caller does about a database that stays locked.
 */
void
pw_store_set_busy_timeout (PwStore *self,
                           guint    timeout_ms)
{
  g_autoptr(PwStoreLocker) locker = NULL;

  g_return_if_fail (PW_IS_STORE (self));

  locker = pw_store_locker_new (self);
  sqlite3_busy_timeout (self->db, MIN (timeout_ms, G_MAXINT));
}
