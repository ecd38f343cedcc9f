/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-run-name.h"
#include "pw-store-private.h"

/*
 * Flow runs: creating them, their states, reading and listing them.
 */

#define FLOW_RUN_COLUMNS \
  "r.id, r.name, r.flow_id, f.name, r.flow_version, r.deployment_id, r.work_queue_name," \
  " r.parameters, r.tags, r.parent_task_run_id, r.idempotency_key, r.auto_scheduled," \
  " r.run_count, r.expected_start_time, r.next_scheduled_start_time, r.start_time," \
  " r.end_time, r.total_run_time, r.created, r.updated, r.owner_host, r.owner_pid," \
  " r.heartbeat, r.state_type, r.state_name, " PW_STATE_COLUMNS

/* LEFT JOINs keep flow_runs the outer loop, so that the ORDER BY of a list
 * walks one of its indexes (every run has a flow). */
#define FLOW_RUN_JOINS \
  " LEFT JOIN flows f ON f.id = r.flow_id LEFT JOIN states s ON s.id = r.state_id"
#define FLOW_RUN_FROM " FROM flow_runs r" FLOW_RUN_JOINS

static void
set_column_time (PwFlowRun *run,
                 void     (*setter) (PwFlowRun *, GDateTime *),
                 PwStmt    *stmt,
                 int        column)
{
  g_autoptr(GDateTime) time = pw_column_time (stmt, column);

  setter (run, time);
}

static PwFlowRun *
read_flow_run (PwStmt *stmt)
{
  PwFlowRun *run = pw_flow_run_new ();
  g_auto(GStrv) tags = pw_column_strv (stmt, 8);
  g_autoptr(PwState) state = pw_store_read_run_state (stmt, 23, 25);

  pw_flow_run_set_id (run, (const char *)sqlite3_column_text (stmt, 0));
  pw_flow_run_set_name (run, (const char *)sqlite3_column_text (stmt, 1));
  pw_flow_run_set_flow_id (run, (const char *)sqlite3_column_text (stmt, 2));
  pw_flow_run_set_flow_name (run, (const char *)sqlite3_column_text (stmt, 3));
  pw_flow_run_set_flow_version (run, sqlite3_column_int (stmt, 4));
  pw_flow_run_set_deployment_id (run, (const char *)sqlite3_column_text (stmt, 5));
  pw_flow_run_set_work_queue_name (run, (const char *)sqlite3_column_text (stmt, 6));
  pw_flow_run_set_parameters (run, (const char *)sqlite3_column_text (stmt, 7));
  pw_flow_run_set_tags (run, (const char * const *)tags);
  pw_flow_run_set_parent_task_run_id (run, (const char *)sqlite3_column_text (stmt, 9));
  pw_flow_run_set_idempotency_key (run, (const char *)sqlite3_column_text (stmt, 10));
  pw_flow_run_set_auto_scheduled (run, sqlite3_column_int (stmt, 11));
  pw_flow_run_set_run_count (run, sqlite3_column_int (stmt, 12));
  set_column_time (run, pw_flow_run_set_expected_start_time, stmt, 13);
  set_column_time (run, pw_flow_run_set_next_scheduled_start_time, stmt, 14);
  set_column_time (run, pw_flow_run_set_start_time, stmt, 15);
  set_column_time (run, pw_flow_run_set_end_time, stmt, 16);
  pw_flow_run_set_total_run_time (run, sqlite3_column_int64 (stmt, 17) / (double)G_USEC_PER_SEC);
  set_column_time (run, pw_flow_run_set_created, stmt, 18);
  set_column_time (run, pw_flow_run_set_updated, stmt, 19);
  pw_flow_run_set_owner_host (run, (const char *)sqlite3_column_text (stmt, 20));
  pw_flow_run_set_owner_pid (run, sqlite3_column_int (stmt, 21));
  set_column_time (run, pw_flow_run_set_heartbeat, stmt, 22);
  pw_flow_run_set_state (run, state);

  return run;
}

static PwFlowRun *
get_flow_run (PwStore     *self,
              const char  *id,
              GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self, "SELECT " FLOW_RUN_COLUMNS FLOW_RUN_FROM " WHERE r.id = ?", error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, id);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    pw_store_set_run_not_found (PW_RUN_KIND_FLOW, id, error);
  if (rc != SQLITE_ROW)
    return NULL;

  return read_flow_run (stmt);
}

/* Finds the flow of a new run, by id or else by name, and the version it
 * runs: the one asked for, or the latest. */
static char *
resolve_flow (PwStore     *self,
              PwFlowRun   *run,
              guint       *out_version,
              GError     **error)
{
  const char *flow_id = pw_flow_run_get_flow_id (run);
  const char *flow_name = pw_flow_run_get_flow_name (run);
  guint version = pw_flow_run_get_flow_version (run);
  g_autofree char *id = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  GError *local_error = NULL;
  int rc;

  if (flow_id != NULL)
    id = pw_store_query_text (self, "SELECT id FROM flows WHERE id = ?",
                              flow_id, NULL, &local_error);
  else if (flow_name != NULL)
    id = pw_store_query_text (self, "SELECT id FROM flows WHERE name = ?",
                              flow_name, NULL, &local_error);
  else
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("A flow run needs a flow"));
      return NULL;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (id == NULL)
    {
      if (flow_id != NULL)
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                     _("There is no flow with id %s"), flow_id);
      else
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                     _("There is no flow named “%s”"), flow_name);
      return NULL;
    }

  stmt = pw_store_prepare (self,
                           "SELECT max (version), sum (version = ?2) FROM flow_versions"
                           " WHERE flow_id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  pw_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, version);
  rc = pw_store_step (self, stmt, error);
  if (rc != SQLITE_ROW)
    return NULL;

  if (version == 0)
    version = sqlite3_column_int (stmt, 0);
  else if (sqlite3_column_int (stmt, 1) == 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   _("The flow of this run has no version %u (its latest is version %d)"),
                   version, sqlite3_column_int (stmt, 0));
      return NULL;
    }

  *out_version = version;
  return g_steal_pointer (&id);
}

/* Inserts a new run for @run's fields in @state; returns its id. */
static char *
insert_flow_run (PwStore    *self,
                 PwFlowRun  *run,
                 PwState    *state,
                 GError    **error)
{
  g_autofree char *id = pw_store_new_id ();
  g_autofree char *flow_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *work_queue_name = g_strdup (pw_flow_run_get_work_queue_name (run));
  g_autoptr(PwStmt) stmt = NULL;
  const char *deployment_id = pw_flow_run_get_deployment_id (run);
  const char *parameters = pw_flow_run_get_parameters (run);
  GDateTime *expected_start_time;
  PwRunTimes times = { 0, };
  gint64 now = g_get_real_time ();
  guint version = 0;

  flow_id = resolve_flow (self, run, &version, error);
  if (flow_id == NULL)
    return NULL;

  if (deployment_id != NULL)
    {
      GError *local_error = NULL;
      g_autofree char *found = NULL;

      found = pw_store_query_text (self, "SELECT id FROM deployments WHERE id = ?",
                          deployment_id, NULL, &local_error);
      if (found == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          else
            g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                         _("There is no deployment %s"), deployment_id);
          return NULL;
        }
      /* A deployment's runs wait in its work queue, as in Prefect. */
      if (work_queue_name == NULL)
        {
          work_queue_name = pw_store_query_text (self,
                                                 "SELECT work_queue_name FROM deployments"
                                                 " WHERE id = ?",
                                                 deployment_id, NULL, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
        }
    }

  if (!pw_store_prepare_state (self, state, PW_RUN_KIND_FLOW, id, error))
    return NULL;
  pw_run_times_apply (&times, state);

  /* Expected to start when asked, else when scheduled, else now. */
  expected_start_time = pw_flow_run_get_expected_start_time (run);
  if (expected_start_time == NULL)
    expected_start_time = pw_state_get_scheduled_time (state);
  if (expected_start_time == NULL)
    expected_start_time = pw_state_get_timestamp (state);

  name = pw_flow_run_get_name (run) != NULL ? g_strdup (pw_flow_run_get_name (run))
                                            : pw_run_name_generate (NULL);
  tags = pw_store_strv_to_json (pw_flow_run_get_tags (run));

  stmt = pw_store_prepare (self,
                           "INSERT INTO flow_runs (id, name, flow_id, flow_version,"
                           " deployment_id, work_queue_name, parameters, tags,"
                           " parent_task_run_id, idempotency_key, auto_scheduled, state_id,"
                           " state_type, state_name, run_count, expected_start_time,"
                           " next_scheduled_start_time, start_time, end_time, total_run_time,"
                           " created, updated)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                           " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, id);
  pw_bind_text (stmt, 2, name);
  pw_bind_text (stmt, 3, flow_id);
  sqlite3_bind_int64 (stmt, 4, version);
  pw_bind_text (stmt, 5, deployment_id);
  pw_bind_text (stmt, 6, work_queue_name);
  pw_bind_text (stmt, 7, parameters != NULL ? parameters : "{}");
  pw_bind_text (stmt, 8, tags);
  pw_bind_text (stmt, 9, pw_flow_run_get_parent_task_run_id (run));
  pw_bind_text (stmt, 10, pw_flow_run_get_idempotency_key (run));
  sqlite3_bind_int (stmt, 11, pw_flow_run_get_auto_scheduled (run));
  pw_bind_text (stmt, 12, pw_state_get_id (state));
  pw_bind_text (stmt, 13, pw_state_type_to_string (times.state_type));
  pw_bind_text (stmt, 14, pw_state_get_name (state));
  sqlite3_bind_int64 (stmt, 15, times.run_count);
  pw_bind_time (stmt, 16, expected_start_time);
  pw_bind_usec (stmt, 17, times.next_scheduled_start_time);
  pw_bind_usec (stmt, 18, times.start_time);
  pw_bind_usec (stmt, 19, times.end_time);
  sqlite3_bind_int64 (stmt, 20, times.total_run_time);
  sqlite3_bind_int64 (stmt, 21, now);
  sqlite3_bind_int64 (stmt, 22, now);

  if (!pw_store_run (self, stmt, error) ||
      !pw_store_insert_state (self, state, error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * pw_store_create_flow_run:
 * @self: a #PwStore
 * @flow_run: what the new run is: its flow (#PwFlowRun:flow-id, or else
 *   #PwFlowRun:flow-name), and optionally its flow version (0: the latest),
 *   name (else one is made up), deployment, work queue (else the
 *   deployment's), parameters, tags, parent task run, idempotency key,
 *   expected start time and auto-scheduled flag. Other fields are ignored.
 * @state: (nullable): the state it starts in, usually PENDING or SCHEDULED
 *   (with a scheduled time); %NULL for PENDING. It gets its id, run and
 *   (unless set) timestamp.
 * @out_created: (out) (optional): %FALSE if a run with the same idempotency
 *   key already existed for the flow, and was returned instead
 * @error: return location for a #GError
 *
 * Creates a flow run with the first entry of its state history, in one
 * transaction. The run is expected to start at @flow_run's expected start
 * time, else at the state's scheduled time, else now.
 *
 * Returns: (transfer full): the stored run, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND for an unknown flow, version or deployment,
 *   %PW_STORE_ERROR_INVALID for parameters that are not a JSON object)
 */
PwFlowRun *
pw_store_create_flow_run (PwStore     *self,
                          PwFlowRun   *flow_run,
                          PwState     *state,
                          gboolean    *out_created,
                          GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwState) pending = NULL;
  g_autofree char *id = NULL;
  const char *key;
  GError *local_error = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (PW_IS_FLOW_RUN (flow_run), NULL);
  g_return_val_if_fail (state == NULL || PW_IS_STATE (state), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (pw_flow_run_get_parameters (flow_run) != NULL &&
      !pw_store_check_json_object (pw_flow_run_get_parameters (flow_run),
                                   _("run parameters"), error))
    return NULL;

  if (state == NULL)
    state = pending = pw_state_new (PW_STATE_TYPE_PENDING, NULL, NULL);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;

  key = pw_flow_run_get_idempotency_key (flow_run);
  if (key != NULL)
    {
      g_autofree char *flow_id = NULL;
      guint version;

      flow_id = resolve_flow (self, flow_run, &version, &local_error);
      if (flow_id != NULL)
        id = pw_store_query_text (self,
                                  "SELECT id FROM flow_runs"
                                  " WHERE flow_id = ? AND idempotency_key = ?",
                                  flow_id, key, &local_error);
      if (local_error != NULL)
        {
          pw_store_write_end (self, FALSE, NULL);
          g_propagate_error (error, local_error);
          return NULL;
        }
    }

  if (out_created != NULL)
    *out_created = id == NULL;
  if (id == NULL)
    {
      id = insert_flow_run (self, flow_run, state, error);
      if (!pw_store_write_end (self, id != NULL, error))
        return NULL;
    }
  else if (!pw_store_write_end (self, TRUE, error))
    return NULL;

  return get_flow_run (self, id, error);
}

/**
 * pw_store_get_flow_run:
 * @self: a #PwStore
 * @id: the run's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the run, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND if there is no such run)
 */
PwFlowRun *
pw_store_get_flow_run (PwStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  return get_flow_run (self, id, error);
}

/**
 * pw_store_set_flow_run_state:
 * @self: a #PwStore
 * @flow_run_id: the run
 * @state: the state it enters. It gets its id, its run and (unless set)
 *   the current time as its timestamp.
 * @error: return location for a #GError
 *
 * Stores @state in the run's history and updates the run in one
 * transaction: its state, start_time on its first RUNNING state, end_time
 * on a terminal one, run_count, total_run_time and (while SCHEDULED) its
 * next scheduled start time. The store applies no orchestration rule: the
 * caller decides whether the transition is allowed.
 *
 * Returns: %TRUE if the state is stored, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND if there is no such run)
 */
gboolean
pw_store_set_flow_run_state (PwStore     *self,
                             const char  *flow_run_id,
                             PwState     *state,
                             GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (flow_run_id != NULL, FALSE);
  g_return_val_if_fail (PW_IS_STATE (state), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;
  ok = pw_store_set_run_state (self, PW_RUN_KIND_FLOW, flow_run_id, state, error);
  return pw_store_write_end (self, ok, error);
}

/* Adds @filter's conditions, with @state_types in place of its own. */
static void
add_flow_run_filter (PwQuery               *query,
                     const PwFlowRunFilter *filter,
                     guint                  state_types)
{
  if (filter == NULL)
    return;

  pw_query_add_any (query, "r.id", (const char * const *)filter->id_any);
  pw_query_add_not_any (query, "r.id", (const char * const *)filter->id_not_any);
  pw_query_add_any (query, "r.name", (const char * const *)filter->name_any);
  pw_query_add_like (query, "r.name", filter->name_like);
  pw_query_add_tags_all (query, "r.tags", (const char * const *)filter->tags_all);
  pw_query_add_tags_is_null (query, "r.tags", filter->tags_is_null);
  pw_query_add_any (query, "r.deployment_id", (const char * const *)filter->deployment_id_any);
  pw_query_add_is_null (query, "r.deployment_id", filter->deployment_id_is_null);
  pw_query_add_any (query, "r.work_queue_name", (const char * const *)filter->work_queue_name_any);
  pw_query_add_is_null (query, "r.work_queue_name", filter->work_queue_name_is_null);
  pw_query_add_state_types (query, "r.state_type", state_types);
  pw_query_add_any (query, "r.state_name", (const char * const *)filter->state_name_any);
  pw_query_add_time (query, "r.start_time <= ?", filter->start_time_before);
  pw_query_add_time (query, "r.start_time >= ?", filter->start_time_after);
  pw_query_add_is_null (query, "r.start_time", filter->start_time_is_null);
  pw_query_add_time (query, "r.expected_start_time <= ?", filter->expected_start_time_before);
  pw_query_add_time (query, "r.expected_start_time >= ?", filter->expected_start_time_after);
  pw_query_add_time (query, "r.next_scheduled_start_time <= ?",
                     filter->next_scheduled_start_time_before);
  pw_query_add_time (query, "r.next_scheduled_start_time >= ?",
                     filter->next_scheduled_start_time_after);
  pw_query_add_any (query, "r.parent_task_run_id",
                    (const char * const *)filter->parent_task_run_id_any);
  pw_query_add_is_null (query, "r.parent_task_run_id", filter->parent_task_run_id_is_null);
  pw_query_add_any (query, "r.flow_id", (const char * const *)filter->flow_id_any);
  pw_query_add_list (query,
                     "r.flow_id IN (SELECT id FROM flows"
                     " WHERE name IN (SELECT value FROM json_each (?)))",
                     (const char * const *)filter->flow_name_any);
}

static const char * const orders[] = {
  [PW_FLOW_RUN_SORT_ID_DESC] = " ORDER BY r.id DESC",
  [PW_FLOW_RUN_SORT_START_TIME_ASC] = " ORDER BY r.sort_time ASC, r.rowid ASC",
  [PW_FLOW_RUN_SORT_START_TIME_DESC] = " ORDER BY r.sort_time DESC, r.rowid DESC",
  [PW_FLOW_RUN_SORT_EXPECTED_START_TIME_ASC] = " ORDER BY r.expected_start_time ASC, r.rowid ASC",
  [PW_FLOW_RUN_SORT_EXPECTED_START_TIME_DESC] =
    " ORDER BY r.expected_start_time DESC, r.rowid DESC",
  [PW_FLOW_RUN_SORT_NAME_ASC] = " ORDER BY r.name ASC, r.rowid ASC",
  [PW_FLOW_RUN_SORT_NAME_DESC] = " ORDER BY r.name DESC, r.rowid DESC",
  [PW_FLOW_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC] =
    " ORDER BY r.next_scheduled_start_time ASC NULLS LAST, r.rowid ASC",
  [PW_FLOW_RUN_SORT_END_TIME_DESC] = " ORDER BY r.end_time DESC, r.rowid DESC",
};

/*
 * A page by start time of runs in several state types: the index on
 * (state_type, sort_time) gives each type's runs in order, but not their
 * merge, so sqlite would either sort every matching run or walk all runs
 * by time looking for matches (slow when the types are rare). Instead,
 * take each type's first offset + limit runs from the index and merge
 * those:
 *
 *   SELECT … FROM (SELECT * FROM (SELECT rowid, sort_time … type A … LIMIT n)
 *                  UNION ALL SELECT * FROM (… type B …)) AS pick
 *   JOIN flow_runs r ON r.rowid = pick.pick_rowid … ORDER BY … LIMIT … OFFSET …
 */
static PwQuery *
merge_state_types_query (const PwFlowRunFilter *filter,
                         PwFlowRunSort          sort,
                         guint                  limit,
                         guint                  offset)
{
  gboolean descending = sort == PW_FLOW_RUN_SORT_START_TIME_DESC;
  PwQuery *query = pw_query_new ("SELECT " FLOW_RUN_COLUMNS " FROM (");
  guint n = 0;

  for (guint type = 0; type < PW_N_STATE_TYPES; type++)
    {
      g_autoptr(PwQuery) branch = NULL;

      if ((filter->state_types & PW_STATE_TYPE_MASK (type)) == 0)
        continue;

      branch = pw_query_new ("SELECT * FROM (SELECT r.rowid AS pick_rowid, r.sort_time AS pick_time"
                             " FROM flow_runs r");
      add_flow_run_filter (branch, filter, PW_STATE_TYPE_MASK (type));
      pw_query_append (branch, orders[sort]);
      pw_query_add_limit (branch, (gint64)limit + offset);
      pw_query_append (branch, ")");

      if (n++ > 0)
        pw_query_append (query, " UNION ALL ");
      pw_query_append_query (query, branch);
    }

  pw_query_append (query, ") AS pick JOIN flow_runs r ON r.rowid = pick.pick_rowid" FLOW_RUN_JOINS);
  pw_query_append (query, descending ? " ORDER BY pick.pick_time DESC, pick.pick_rowid DESC"
                                     : " ORDER BY pick.pick_time ASC, pick.pick_rowid ASC");
  pw_query_add_page (query, limit, offset);

  return query;
}

static PwQuery *
list_query (const PwFlowRunFilter *filter,
            PwFlowRunSort          sort,
            guint                  limit,
            guint                  offset)
{
  const guint all = (1u << PW_N_STATE_TYPES) - 1;
  guint types = filter != NULL ? filter->state_types & all : 0;
  gboolean several_types = (types & (types - 1)) != 0 && types != all;
  PwQuery *query;

  if (limit == 0)
    limit = PW_STORE_DEFAULT_LIMIT;

  if (several_types &&
      (sort == PW_FLOW_RUN_SORT_START_TIME_DESC || sort == PW_FLOW_RUN_SORT_START_TIME_ASC) &&
      limit != G_MAXUINT && offset <= G_MAXUINT - limit)
    return merge_state_types_query (filter, sort, limit, offset);

  query = pw_query_new ("SELECT " FLOW_RUN_COLUMNS FLOW_RUN_FROM);
  add_flow_run_filter (query, filter, filter != NULL ? filter->state_types : 0);
  pw_query_append (query, orders[sort]);
  pw_query_add_page (query, limit, offset);

  return query;
}

/**
 * pw_store_list_flow_runs:
 * @self: a #PwStore
 * @filter: (nullable): which runs to list, or %NULL for all
 * @sort: their order; runs that tie keep the order they were created in
 * @limit: the most to return: 0 for %PW_STORE_DEFAULT_LIMIT, %G_MAXUINT for
 *   no limit
 * @offset: how many to skip
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwFlowRun): the runs, or %NULL
 *   with @error set
 */
GPtrArray *
pw_store_list_flow_runs (PwStore                *self,
                         const PwFlowRunFilter  *filter,
                         PwFlowRunSort           sort,
                         guint                   limit,
                         guint                   offset,
                         GError                **error)
{
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < G_N_ELEMENTS (orders), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = list_query (filter, sort, limit, offset);

  return pw_query_list (query, self, (PwRowReader)read_flow_run, error);
}

/**
 * pw_store_count_flow_runs:
 * @self: a #PwStore
 * @filter: (nullable): which runs to count, or %NULL for all
 * @error: return location for a #GError
 *
 * Returns: the number of runs @filter keeps, or -1 with @error set
 */
gint64
pw_store_count_flow_runs (PwStore                *self,
                          const PwFlowRunFilter  *filter,
                          GError                **error)
{
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  query = pw_query_new ("SELECT count(*) FROM flow_runs r");
  add_flow_run_filter (query, filter, filter != NULL ? filter->state_types : 0);

  return pw_query_count (query, self, error);
}

/**
 * pw_store_list_flow_run_states:
 * @self: a #PwStore
 * @flow_run_id: the run
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwState): the run's state history,
 *   oldest first, or %NULL with @error set (%PW_STORE_ERROR_NOT_FOUND if
 *   there is no such run)
 */
GPtrArray *
pw_store_list_flow_run_states (PwStore     *self,
                               const char  *flow_run_id,
                               GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (flow_run_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pw_store_list_run_states (self, PW_RUN_KIND_FLOW, flow_run_id, error);
}

/**
 * pw_store_delete_flow_run:
 * @self: a #PwStore
 * @id: the run's id
 * @error: return location for a #GError
 *
 * Deletes a flow run with its task runs, state history and logs. Sub-flow
 * runs it started stay, as top-level runs.
 *
 * Returns: %TRUE if the run was deleted, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND if there is no such run)
 */
gboolean
pw_store_delete_flow_run (PwStore     *self,
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

  stmt = pw_store_prepare (self, "DELETE FROM flow_runs WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, id);
      ok = pw_store_run (self, stmt, error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    ok = pw_store_set_run_not_found (PW_RUN_KIND_FLOW, id, error);
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}
