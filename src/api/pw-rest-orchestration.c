/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-rest-server-private.h"

/*
 * Prefect 2.7's orchestration of a proposed state (`set_state`): the
 * rules of CoreFlowPolicy and CoreTaskPolicy that apply to what Pipewright
 * stores, in Prefect's order, with Prefect's reasons word for word, since
 * clients show them (API.md §3):
 *
 *   flow runs: HandleFlowTerminalStateTransitions, PreventRedundantTransitions,
 *              HandlePausingFlows, HandleResumingPausedFlows, WaitForScheduledTime
 *   task runs: HandleTaskTerminalStateTransitions, PreventRedundantTransitions,
 *              WaitForScheduledTime, RenameReruns
 *
 * RetryFailedFlows/Tasks need the run's retry settings, which Pipewright
 * keeps in the flow definition and applies in its engine, not here; the
 * cache and tag-concurrency rules likewise belong to the engine.
 */

void
pw_orchestration_clear (PwOrchestration *result)
{
  g_clear_object (&result->state);
  g_clear_pointer (&result->reason, g_free);
}

static void
set_result (PwOrchestration       *result,
            PwOrchestrationStatus  status,
            PwState               *state,
            char                  *reason)
{
  pw_orchestration_clear (result);
  result->status = status;
  result->state = state != NULL ? g_object_ref (state) : NULL;
  result->reason = reason;
}

static void
abort_with (PwOrchestration *result,
            char            *reason)
{
  set_result (result, PW_ORCHESTRATION_ABORT, NULL, reason);
}

/* None 0, SCHEDULED 1, PENDING 2, RUNNING 3; other types are not ranked. */
static int
progress (PwStateType type)
{
  switch (type)
    {
    case PW_STATE_TYPE_SCHEDULED: return 1;
    case PW_STATE_TYPE_PENDING: return 2;
    case PW_STATE_TYPE_RUNNING: return 3;
    default: return -1;
    }
}

static gboolean
prevent_redundant (PwState         *initial,
                   PwState         *proposed,
                   PwOrchestration *result)
{
  PwStateType from = initial != NULL ? pw_state_get_state_type (initial) : PW_STATE_TYPE_PENDING;
  PwStateType to = pw_state_get_state_type (proposed);
  int from_rank = initial != NULL ? progress (from) : 0;
  int to_rank = progress (to);

  if (from_rank < 0 || to_rank < 0 || to_rank > from_rank)
    return FALSE;
  abort_with (result, g_strdup_printf ("This run cannot transition to the %s state from the %s state.",
                                       pw_state_type_to_string (to),
                                       initial != NULL ? pw_state_type_to_string (from) : "None"));
  return TRUE;
}

static gboolean
wait_for_scheduled_time (PwState         *initial,
                         GDateTime       *now,
                         PwOrchestration *result)
{
  GDateTime *scheduled;
  double delay;

  if (initial == NULL || pw_state_get_state_type (initial) != PW_STATE_TYPE_SCHEDULED)
    return FALSE;
  scheduled = pw_state_get_scheduled_time (initial);
  if (scheduled == NULL)
    return FALSE;

  /* Prefect floors the delay: it is an integer in the API. */
  delay = floor (g_date_time_difference (scheduled, now) / (double)G_USEC_PER_SEC);
  if (delay <= 0)
    return FALSE;
  set_result (result, PW_ORCHESTRATION_WAIT, NULL, g_strdup ("Scheduled time is in the future"));
  result->delay_seconds = delay;
  return TRUE;
}

/* A member of a state's details: its JSON text's @name, if a string or
 * boolean. */
static JsonNode *
detail (PwState    *state,
        const char *name)
{
  const char *text = state != NULL ? pw_state_get_details (state) : NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *member;

  if (text == NULL || (root = json_from_string (text, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  member = json_object_get_member (json_node_get_object (root), name);
  return member != NULL ? json_node_copy (member) : NULL;
}

static gboolean
detail_bool (PwState    *state,
             const char *name)
{
  g_autoptr(JsonNode) node = detail (state, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static GDateTime *
detail_time (PwState    *state,
             const char *name)
{
  g_autoptr(JsonNode) node = detail (state, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return pw_rest_parse_time (json_node_get_string (node));
}

/**
 * pw_orchestrate_flow_run:
 * @run: the run as stored
 * @proposed: the state a client proposes
 * @force: skip every rule (`"force": true`)
 * @now: the server's time
 * @result: (out caller-allocates): the decision
 */
void
pw_orchestrate_flow_run (PwFlowRun       *run,
                         PwState         *proposed,
                         gboolean         force,
                         GDateTime       *now,
                         PwOrchestration *result)
{
  PwState *initial = pw_flow_run_get_state (run);
  PwStateType from = pw_flow_run_get_state_type (run);
  PwStateType to = pw_state_get_state_type (proposed);

  set_result (result, PW_ORCHESTRATION_ACCEPT, proposed, NULL);
  if (force)
    return;

  /* HandleFlowTerminalStateTransitions */
  if (pw_state_type_is_terminal (from))
    {
      if (to != PW_STATE_TYPE_SCHEDULED || g_strcmp0 (pw_state_get_name (proposed), "AwaitingRetry") != 0)
        {
          abort_with (result, g_strdup ("This run has already terminated."));
          return;
        }
      if (pw_flow_run_get_deployment_id (run) == NULL)
        {
          abort_with (result, g_strdup ("Cannot restart a run without an associated deployment."));
          return;
        }
    }

  /* PreventRedundantTransitions */
  if (prevent_redundant (initial, proposed, result))
    return;

  /* HandlePausingFlows */
  if (to == PW_STATE_TYPE_PAUSED)
    {
      if (from != PW_STATE_TYPE_RUNNING)
        {
          abort_with (result, g_strdup ("Cannot pause flows that are not currently running."));
          return;
        }
      if (detail_bool (proposed, "pause_reschedule"))
        {
          if (pw_flow_run_get_parent_task_run_id (run) != NULL)
            {
              abort_with (result, g_strdup ("Cannot pause subflows with the 'reschedule' option."));
              return;
            }
          if (pw_flow_run_get_deployment_id (run) == NULL)
            {
              abort_with (result, g_strdup ("Cannot pause flows without a deployment with the 'reschedule option."));
              return;
            }
        }
    }

  /* HandleResumingPausedFlows */
  if (from == PW_STATE_TYPE_PAUSED)
    {
      g_autoptr(GDateTime) timeout = detail_time (initial, "pause_timeout");

      if (to != PW_STATE_TYPE_RUNNING && to != PW_STATE_TYPE_SCHEDULED &&
          to != PW_STATE_TYPE_FAILED && to != PW_STATE_TYPE_CANCELLED)
        {
          abort_with (result, g_strdup_printf ("This run cannot transition to the %s state from the %s state.",
                                               pw_state_type_to_string (to),
                                               pw_state_type_to_string (from)));
          return;
        }
      if (timeout != NULL && g_date_time_compare (timeout, now) < 0)
        {
          g_autoptr(PwState) failed = pw_state_new (PW_STATE_TYPE_FAILED, NULL,
                                                    "The flow was paused and never resumed.");

          set_result (result, PW_ORCHESTRATION_REJECT, failed,
                      g_strdup ("The flow run pause has timed out and can no longer resume."));
          return;
        }
    }

  /* WaitForScheduledTime */
  wait_for_scheduled_time (initial, now, result);
}

/**
 * pw_orchestrate_task_run:
 *
 * As pw_orchestrate_flow_run(), for a task run. @result->state may be a
 * renamed copy of @proposed (RenameReruns).
 */
void
pw_orchestrate_task_run (PwTaskRun       *task_run,
                         PwState         *proposed,
                         gboolean         force,
                         GDateTime       *now,
                         PwOrchestration *result)
{
  PwState *initial = pw_task_run_get_state (task_run);
  PwStateType from = pw_task_run_get_state_type (task_run);
  PwStateType to = pw_state_get_state_type (proposed);

  set_result (result, PW_ORCHESTRATION_ACCEPT, proposed, NULL);
  if (force)
    return;

  /* HandleTaskTerminalStateTransitions: a Pipewright flow run is never
   * retried as a whole, so a task run that ended stays ended. */
  if (initial != NULL && pw_state_type_is_terminal (from))
    {
      abort_with (result, g_strdup ("This run has already terminated."));
      return;
    }

  if (prevent_redundant (initial, proposed, result))
    return;
  if (wait_for_scheduled_time (initial, now, result))
    return;

  /* RenameReruns */
  if (to == PW_STATE_TYPE_RUNNING && pw_task_run_get_run_count (task_run) > 0)
    {
      g_autoptr(PwState) renamed = pw_state_copy (proposed);

      pw_state_set_name (renamed,
                         g_strcmp0 (pw_state_get_name (initial), "AwaitingRetry") == 0
                           ? "Retrying" : "Rerunning");
      set_result (result, PW_ORCHESTRATION_ACCEPT, renamed, NULL);
    }
}

/**
 * pw_rest_write_orchestration:
 * @current: the run's state, returned for ABORT and WAIT (as Prefect does)
 *
 * Writes an OrchestrationResult (fixtures/set_state_results.json).
 */
void
pw_rest_write_orchestration (PwJsonWriter    *w,
                             PwOrchestration *result,
                             PwState         *current,
                             const char      *flow_run_id,
                             const char      *task_run_id)
{
  static const char * const statuses[] = { "ACCEPT", "REJECT", "ABORT", "WAIT" };
  static const char * const details[] = { "accept_details", "reject_details", "abort_details", "wait_details" };
  PwState *state = result->state != NULL ? result->state : current;

  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "state");
  if (state != NULL)
    pw_rest_write_state (w, state, flow_run_id, task_run_id);
  else
    pw_json_writer_null (w);
  pw_json_writer_member (w, "status");
  pw_json_writer_string (w, statuses[result->status]);
  pw_json_writer_member (w, "details");
  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "type");
  pw_json_writer_string (w, details[result->status]);
  if (result->status == PW_ORCHESTRATION_WAIT)
    {
      pw_json_writer_member (w, "delay_seconds");
      pw_json_writer_int (w, (gint64)result->delay_seconds);
    }
  if (result->status != PW_ORCHESTRATION_ACCEPT)
    {
      pw_json_writer_member (w, "reason");
      pw_json_writer_string (w, result->reason);
    }
  pw_json_writer_end_object (w);
  pw_json_writer_end_object (w);
}
