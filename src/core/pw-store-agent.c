/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pw-store-private.h"

/*
 * What agents need of the store beyond pw_store_list_due_runs(): taking a
 * run, atomically, and when the next run falls due.
 *
 * Taking is a conditional UPDATE: it succeeds only while the run still
 * waits (SCHEDULED, or PENDING with no owner) and no process owns it. The
 * agent takes and starts a run inside one write transaction
 * (pw_store_begin() … pw_store_commit()), in which the engine also claims
 * it (sets its owner): so when the transaction ends the run is owned, and
 * another agent's conditional UPDATE, on this database handle or another,
 * in this process or another, finds nothing to take.
 */

/* The Pending state's details: `{"agent": NAME}`. */
static char *
agent_details (const char *agent_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "agent");
  json_builder_add_string_value (builder, agent_name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * pw_store_take_flow_run:
 * @self: a #PwStore
 * @flow_run_id: a run an agent means to run
 * @agent_name: the agent, for the state's message
 * @now: (nullable): the time of the Pending state, or %NULL for the
 *   system clock's
 * @error: return location for a #GError
 *
 * Moves a waiting run to PENDING, provided it still waits (SCHEDULED, or
 * PENDING) and no process owns it. Call it inside a write transaction and
 * claim the run (pw_store_claim_flow_run(), which the engine does when it
 * starts the run) before that transaction ends.
 *
 * Returns: %TRUE if taken, else %FALSE with @error set:
 *   %PW_STORE_ERROR_CONFLICT if it no longer waits or another process
 *   took it, %PW_STORE_ERROR_NOT_FOUND
 */
gboolean
pw_store_take_flow_run (PwStore     *self,
                        const char  *flow_run_id,
                        const char  *agent_name,
                        GDateTime   *now,
                        GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(PwState) state = NULL;
  g_autoptr(GDateTime) timestamp = NULL;
  g_autofree char *message = NULL;
  g_autofree char *details = NULL;
  gboolean ok;
  int n = 0;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (flow_run_id != NULL, FALSE);
  g_return_val_if_fail (agent_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self,
                           "UPDATE flow_runs SET updated = ? WHERE id = ?"
                           " AND state_type IN ('SCHEDULED', 'PENDING') AND owner_pid IS NULL",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
      pw_bind_text (stmt, 2, flow_run_id);
      ok = pw_store_run (self, stmt, error);
      n = sqlite3_changes (self->db);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  if (ok && n == 0)
    {
      g_autofree char *found = NULL;
      GError *local_error = NULL;

      found = pw_store_query_text (self, "SELECT state_name FROM flow_runs WHERE id = ?",
                                   flow_run_id, NULL, &local_error);
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else if (found == NULL)
        pw_store_set_run_not_found (PW_RUN_KIND_FLOW, flow_run_id, error);
      else
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                     _("Flow run %s was taken by another agent (it is %s)"),
                     flow_run_id, found);
      ok = FALSE;
    }

  if (ok)
    {
      message = g_strdup_printf (_("Submitted by agent %s"), agent_name);
      details = agent_details (agent_name);
      state = pw_state_new (PW_STATE_TYPE_PENDING, NULL, message);
      timestamp = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
      pw_state_set_timestamp (state, timestamp);
      pw_state_set_details (state, details);
      ok = pw_store_set_run_state (self, PW_RUN_KIND_FLOW, flow_run_id, state, error);
    }

  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_get_next_due_time:
 * @self: a #PwStore
 * @queues: (nullable): the names of the work queues; %NULL for every queue
 * @after: only runs due after this time count
 * @error: return location for a #GError
 *
 * When the next run waiting in @queues falls due, so that an agent wakes
 * up then instead of at its next poll. Paused queues do not count.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL if no run waits
 *   (or the store failed: then @error is set)
 */
GDateTime *
pw_store_get_next_due_time (PwStore             *self,
                            const char * const  *queues,
                            GDateTime           *after,
                            GError             **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *queue_list = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (after != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (queues != NULL)
    queue_list = pw_store_strv_to_json (queues);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT min (r.next_scheduled_start_time) FROM flow_runs r"
                           " JOIN work_queues q ON q.name = r.work_queue_name AND q.paused = 0"
                           " WHERE r.state_type = 'SCHEDULED' AND r.next_scheduled_start_time > ?1"
                           " AND (?2 IS NULL OR q.name IN (SELECT value FROM json_each (?2)))",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_time (stmt, 1, after);
  pw_bind_text (stmt, 2, queue_list);
  if (pw_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;

  return pw_column_time (stmt, 0);
}
