/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-engine-private.h"

/*
 * One flow run: which task may start when, how many run at once, and how
 * the run ends.
 *
 * A task is decided when an upstream task ends: it starts once its trigger
 * rule is met, or ends NotRun as soon as the rule can no longer be met.
 * Starting a task creates its task runs (one, or one per map item) and
 * queues them for a worker; the flow's task runner says how many workers
 * there are. Noop tasks and cache hits need no worker.
 *
 * All of this runs from one idle source (the pump), iteratively and with a
 * budget per iteration, so that a chain of 100,000 noop tasks neither
 * recurses nor holds the main loop.
 */

#define PUMP_BUDGET 2048
#define MAX_NAMED_FAILURES 10

static void schedule (PwEngineRun *run);

PwEngineRun *
pw_engine_run_new (PwEngine  *engine,
                   PwFlow    *flow,
                   PwFlowRun *flow_run)
{
  PwEngineRun *run = g_new0 (PwEngineRun, 1);
  PwFlowGraph *graph;

  run->ref_count = 1;
  run->engine = engine;
  run->id = g_strdup (pw_flow_run_get_id (flow_run));
  run->flow_run = g_object_ref (flow_run);
  run->flow = g_object_ref (flow);
  run->graph = graph = pw_flow_graph_new (flow);
  run->nodes = g_new0 (PwEngineNode, graph->n);
  g_queue_init (&run->ready);
  g_queue_init (&run->decide);

  for (guint i = 0; i < graph->n; i++)
    {
      PwEngineNode *node = &run->nodes[i];

      node->run = run;
      node->index = i;
      node->task = graph->tasks[i];
      node->n_up = graph->up_off[i + 1] - graph->up_off[i];
      node->first_failed = -1;
      node->first_skipped = -1;
      node->first_success = -1;
    }

  if (pw_flow_get_task_runner_kind (flow) == PW_TASK_RUNNER_KIND_SEQUENTIAL)
    run->max_workers = 1;
  else if (pw_flow_get_max_workers (flow) > 0)
    run->max_workers = pw_flow_get_max_workers (flow);
  else
    run->max_workers = g_get_num_processors ();

  return run;
}

PwEngineRun *
pw_engine_run_ref (PwEngineRun *run)
{
  run->ref_count++;
  return run;
}

void
pw_engine_run_unref (PwEngineRun *run)
{
  if (--run->ref_count > 0)
    return;

  g_assert (run->task == NULL);
  g_clear_handle_id (&run->pump_id, g_source_remove);
  for (guint i = 0; i < run->graph->n; i++)
    {
      PwEngineNode *node = &run->nodes[i];

      g_clear_pointer (&node->units, g_ptr_array_unref);
      g_clear_pointer (&node->result, g_free);
    }
  g_queue_clear (&run->ready);
  g_queue_clear (&run->decide);
  g_clear_pointer (&run->nodes, g_free);
  g_clear_pointer (&run->graph, pw_flow_graph_free);
  g_clear_pointer (&run->parameters, json_object_unref);
  g_clear_pointer (&run->reuse, g_hash_table_unref);
  g_clear_pointer (&run->reused_from, g_free);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->flow_run);
  g_clear_object (&run->flow);
  g_clear_error (&run->error);
  g_clear_pointer (&run->final_message, g_free);
  g_free (run->id);
  g_free (run);
}

/* Ending */

static char *
describe_end (PwEngineRun *run,
              PwStateType *out_type)
{
  g_autoptr(GString) failed = g_string_new (NULL);
  g_autoptr(GString) cancelled = g_string_new (NULL);
  guint n = run->graph->n;
  guint n_failed = 0, n_success = 0, n_skipped = 0, n_cached = 0, n_cancelled = 0;

  for (guint i = 0; i < n; i++)
    {
      PwEngineNode *node = &run->nodes[i];

      switch (node->outcome)
        {
        case PW_OUTCOME_FAILED:
          if (n_failed < MAX_NAMED_FAILURES)
            g_string_append_printf (failed, "%s%s", n_failed > 0 ? ", " : "",
                                    pw_task_get_key (node->task));
          n_failed++;
          break;
        case PW_OUTCOME_SUCCESS:
          n_success++;
          if (node->n_cached > 0 && node->n_cached == node->units->len)
            n_cached++;
          break;
        case PW_OUTCOME_SKIPPED:
        case PW_OUTCOME_NONE:
        default:
          if (node->n_cancelled > 0)
            {
              if (n_cancelled < MAX_NAMED_FAILURES)
                g_string_append_printf (cancelled, "%s%s", n_cancelled > 0 ? ", " : "",
                                        pw_task_get_key (node->task));
              n_cancelled++;
            }
          n_skipped++;
          break;
        }
    }
  if (n_failed > MAX_NAMED_FAILURES)
    g_string_append_printf (failed, _(" and %u more"), n_failed - MAX_NAMED_FAILURES);

  if (run->cancelling)
    {
      *out_type = PW_STATE_TYPE_CANCELLED;
      return g_strdup_printf (_("Cancelled: of %u tasks, %u completed, %u failed, %u cancelled, %u not run"),
                              n, n_success, n_failed, n_cancelled, n_skipped - n_cancelled);
    }

  if (n_failed > 0)
    {
      *out_type = PW_STATE_TYPE_FAILED;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u task failed: %s",
                                           "%u of %u tasks failed: %s", n),
                              n_failed, n, failed->str);
    }

  /* A task cancelled from elsewhere (its sub-flow run was) cancels the
   * run, as in Prefect. */
  if (n_cancelled > 0)
    {
      *out_type = PW_STATE_TYPE_CANCELLED;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u task was cancelled: %s",
                                           "%u of %u tasks were cancelled: %s", n),
                              n_cancelled, n, cancelled->str);
    }

  *out_type = PW_STATE_TYPE_COMPLETED;
  if (n_skipped > 0 && n_cached > 0)
    return g_strdup_printf (_("%u of %u tasks completed (%u cached), %u not run"),
                            n_success, n, n_cached, n_skipped);
  if (n_skipped > 0)
    return g_strdup_printf (_("%u of %u tasks completed, %u not run"), n_success, n, n_skipped);
  if (n_cached > 0)
    return g_strdup_printf (_("All %u tasks completed (%u cached)"), n, n_cached);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The task completed",
                                       "All %u tasks completed", n), n);
}

static void
on_final_state_stored (PwEngineOp *op,
                       gboolean    stored)
{
  pw_engine_run_ended (op->run->engine, op->run);
}

static void
finish (PwEngineRun *run)
{
  PwEngineOp *op;
  PwStateType type;
  g_autofree char *message = NULL;

  if (run->finishing)
    return;
  run->finishing = TRUE;

  if (run->error != NULL)
    {
      type = PW_STATE_TYPE_CRASHED;
      message = g_strdup_printf (_("The engine could not store the run: %s"), run->error->message);
    }
  else
    {
      message = describe_end (run, &type);
    }

  run->final_type = type;
  run->final_message = g_strdup (message);
  pw_engine_logf (run->engine, run, NULL,
                  type == PW_STATE_TYPE_COMPLETED ? PW_LOG_INFO : PW_LOG_ERROR,
                  _("Finished in state %s: %s"), pw_state_type_get_default_name (type), message);

  op = pw_engine_op_new (PW_OP_FLOW_RUN_STATE, run, NULL);
  op->flow_state = pw_engine_state_new (run->engine, type, NULL, message);
  op->done = on_final_state_stored;
  pw_engine_submit (run->engine, op);
}

static gboolean
is_complete (PwEngineRun *run)
{
  return run->started && run->n_nodes_done == run->graph->n && run->n_units_live == 0;
}

/* Deciding */

typedef enum
{
  DECIDE_WAIT,
  DECIDE_RUN,
  DECIDE_NOT_RUN,
} Decision;

static const char *
upstream_name (PwEngineRun *run,
               int          index)
{
  return index >= 0 ? pw_task_get_key (run->nodes[index].task) : "?";
}

static Decision
decide (PwEngineNode  *node,
        char         **out_message)
{
  PwEngineRun *run = node->run;
  gboolean all_done = node->n_up_done == node->n_up;
  PwTriggerRule rule = pw_task_get_trigger (node->task);

  if (node->n_up == 0)
    return DECIDE_RUN;

  switch (rule)
    {
    case PW_TRIGGER_RULE_ALL_SUCCESSFUL:
      if (node->first_failed >= 0)
        {
          *out_message = g_strdup_printf (_("Not run: upstream task “%s” failed"),
                                          upstream_name (run, node->first_failed));
          return DECIDE_NOT_RUN;
        }
      if (node->first_skipped >= 0)
        {
          *out_message = g_strdup_printf (_("Not run: upstream task “%s” did not run"),
                                          upstream_name (run, node->first_skipped));
          return DECIDE_NOT_RUN;
        }
      return all_done ? DECIDE_RUN : DECIDE_WAIT;

    case PW_TRIGGER_RULE_ALL_FINISHED:
      if (node->first_skipped >= 0)
        {
          *out_message = g_strdup_printf (_("Not run: upstream task “%s” did not run"),
                                          upstream_name (run, node->first_skipped));
          return DECIDE_NOT_RUN;
        }
      return all_done ? DECIDE_RUN : DECIDE_WAIT;

    case PW_TRIGGER_RULE_ANY_FAILED:
      if (!all_done)
        return DECIDE_WAIT;
      if (node->n_up_failed > 0)
        return DECIDE_RUN;
      *out_message = g_strdup (_("Not run: no upstream task failed (trigger any_failed)"));
      return DECIDE_NOT_RUN;

    case PW_TRIGGER_RULE_ALL_FAILED:
      if (node->first_success >= 0)
        {
          *out_message = g_strdup_printf (_("Not run: upstream task “%s” completed (trigger all_failed)"),
                                          upstream_name (run, node->first_success));
          return DECIDE_NOT_RUN;
        }
      if (node->first_skipped >= 0)
        {
          *out_message = g_strdup_printf (_("Not run: upstream task “%s” did not run (trigger all_failed)"),
                                          upstream_name (run, node->first_skipped));
          return DECIDE_NOT_RUN;
        }
      return all_done ? DECIDE_RUN : DECIDE_WAIT;

    case PW_TRIGGER_RULE_ANY_SUCCESSFUL:
      if (!all_done)
        return DECIDE_WAIT;
      if (node->n_up_success > 0)
        return DECIDE_RUN;
      *out_message = g_strdup (_("Not run: no upstream task completed (trigger any_successful)"));
      return DECIDE_NOT_RUN;

    case PW_TRIGGER_RULE_ALWAYS:
    default:
      return all_done ? DECIDE_RUN : DECIDE_WAIT;
    }
}

static void
node_done (PwEngineNode *node,
           PwOutcome     outcome)
{
  PwEngineRun *run = node->run;
  PwFlowGraph *graph = run->graph;

  g_assert (node->status != PW_NODE_DONE);

  node->status = PW_NODE_DONE;
  node->outcome = outcome;
  run->n_nodes_done++;

  /* What `{{ tasks.KEY.result }}` gives downstream. */
  if (pw_task_get_map (node->task) != NULL && node->units != NULL && !node->not_mapped)
    node->result = pw_engine_join_results (node);
  else if (node->units != NULL && node->units->len == 1)
    node->result = g_strdup (((PwEngineUnit *)g_ptr_array_index (node->units, 0))->result);

  for (guint i = graph->down_off[node->index]; i < graph->down_off[node->index + 1]; i++)
    {
      PwEngineNode *down = &run->nodes[graph->down[i]];

      down->n_up_done++;
      switch (outcome)
        {
        case PW_OUTCOME_SUCCESS:
          down->n_up_success++;
          if (down->first_success < 0)
            down->first_success = node->index;
          break;
        case PW_OUTCOME_FAILED:
          down->n_up_failed++;
          if (down->first_failed < 0)
            down->first_failed = node->index;
          break;
        case PW_OUTCOME_SKIPPED:
        case PW_OUTCOME_NONE:
        default:
          down->n_up_skipped++;
          if (down->first_skipped < 0)
            down->first_skipped = node->index;
          break;
        }
      if (down->status == PW_NODE_WAITING && !down->queued_for_decision)
        {
          down->queued_for_decision = TRUE;
          g_queue_push_tail (&run->decide, down);
        }
    }

  schedule (run);
}

static void
node_not_run (PwEngineNode *node,
              const char   *message)
{
  node->status = PW_NODE_STARTED;
  pw_engine_unit_create_not_run (node, message);
}

/**
 * pw_engine_run_unit_done:
 * @run: the run
 * @unit: one of its task runs, just ended (its final state queued)
 *
 * Counts @unit's end; the task ends with its last unit.
 */
void
pw_engine_run_unit_done (PwEngineRun  *run,
                         PwEngineUnit *unit)
{
  PwEngineNode *node = unit->node;
  PwOutcome outcome = PW_OUTCOME_SUCCESS;

  g_assert (run->n_units_live > 0);
  run->n_units_live--;
  node->n_units_done++;

  if (node->n_units_done < node->units->len)
    {
      schedule (run);
      return;
    }

  /* A map fails if one item failed; it did not run if none ran. */
  for (guint i = 0; i < node->units->len; i++)
    {
      PwEngineUnit *each = g_ptr_array_index (node->units, i);

      if (each->outcome == PW_OUTCOME_FAILED)
        {
          outcome = PW_OUTCOME_FAILED;
          break;
        }
      if (each->outcome == PW_OUTCOME_SKIPPED)
        outcome = PW_OUTCOME_SKIPPED;
    }

  node_done (node, outcome);
}

/**
 * pw_engine_run_node_done_empty:
 * @node: a mapped task whose map has no items
 *
 * Ends the task without any task run: it completed with an empty result.
 */
void
pw_engine_run_node_done_empty (PwEngineNode *node)
{
  node_done (node, PW_OUTCOME_SUCCESS);
}

/**
 * pw_engine_run_release_worker:
 * @run: the run
 *
 * Gives back the worker a unit held while it ran.
 */
void
pw_engine_run_release_worker (PwEngineRun *run)
{
  g_assert (run->n_busy > 0);
  run->n_busy--;
  schedule (run);
}

/* The pump */

static void
start_node (PwEngineNode *node)
{
  node->status = PW_NODE_STARTED;
  pw_engine_unit_start_node (node);
}

/* Returns whether work is left for another iteration. */
static gboolean
pump_body (PwEngineRun *run)
{
  guint budget = PUMP_BUDGET;

  /* An attempt that ends at once (a program that is not there) ends inside
   * this loop, which then goes on by itself. */
  if (run->in_pump)
    return FALSE;
  run->in_pump = TRUE;

  while (budget > 0 && !run->finishing)
    {
      if (run->decide.length > 0 && !run->cancelling)
        {
          PwEngineNode *node = g_queue_pop_head (&run->decide);
          g_autofree char *message = NULL;

          node->queued_for_decision = FALSE;
          if (node->status != PW_NODE_WAITING)
            continue;

          budget--;
          switch (decide (node, &message))
            {
            case DECIDE_RUN:
              start_node (node);
              break;
            case DECIDE_NOT_RUN:
              node_not_run (node, message);
              break;
            case DECIDE_WAIT:
            default:
              break;
            }
          continue;
        }

      if (run->ready.length > 0 && run->n_busy < run->max_workers && !run->cancelling)
        {
          PwEngineUnit *unit = g_queue_pop_head (&run->ready);

          budget--;
          run->n_busy++;
          pw_engine_unit_start (unit);
          continue;
        }

      break;
    }

  run->in_pump = FALSE;

  if (!run->finishing && is_complete (run))
    finish (run);

  return budget == 0 && !run->finishing;
}

static gboolean
pump (gpointer user_data)
{
  PwEngineRun *run = user_data;

  if (pump_body (run))
    return G_SOURCE_CONTINUE;

  run->pump_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule (PwEngineRun *run)
{
  if (run->pump_id != 0 || run->finishing)
    return;

  run->pump_id = pw_engine_idle_add ("[pw] engine run", pump, pw_engine_run_ref (run),
                                     (GDestroyNotify)pw_engine_run_unref);
}

/**
 * pw_engine_run_pump_now:
 * @run: the run
 *
 * Looks at the run's queues now rather than at the next iteration, so that
 * the task that takes a freed worker enters Running in the same commit as
 * the end of the task that freed it. Only for callers at the top of a
 * main-loop dispatch (an attempt just ended).
 */
void
pw_engine_run_pump_now (PwEngineRun *run)
{
  g_autoptr(PwEngineRun) hold = pw_engine_run_ref (run);

  if (run->finishing)
    return;

  g_clear_handle_id (&run->pump_id, g_source_remove);
  if (pump_body (run))
    schedule (run);
}

/**
 * pw_engine_run_schedule:
 * @run: the run
 *
 * Makes the run look at its queues at the next iteration.
 */
void
pw_engine_run_schedule (PwEngineRun *run)
{
  schedule (run);
}

/* Starting */

static void
end_before_start (PwEngineRun *run,
                  PwStateType  type,
                  const char  *message)
{
  PwEngineOp *op;

  run->finishing = TRUE;
  run->final_type = type;
  run->final_message = g_strdup (message);
  pw_engine_log (run->engine, run, NULL, PW_LOG_ERROR, message);

  op = pw_engine_op_new (PW_OP_FLOW_RUN_STATE, run, NULL);
  op->flow_state = pw_engine_state_new (run->engine, type, NULL, message);
  op->done = on_final_state_stored;
  pw_engine_submit (run->engine, op);
}

/**
 * pw_engine_run_begin:
 * @run: a run, claimed
 *
 * Checks the parameters and the graph, enters Running and starts the tasks
 * that have no upstream task.
 */
void
pw_engine_run_begin (PwEngineRun *run)
{
  g_autoptr(GError) error = NULL;
  PwEngineOp *op;

  if (run->graph->n_order < run->graph->n)
    {
      end_before_start (run, PW_STATE_TYPE_FAILED,
                        _("The flow's tasks depend on each other in a cycle; nothing was run"));
      return;
    }

  if (!pw_engine_resolve_parameters (run->flow, pw_flow_run_get_parameters (run->flow_run),
                                     &run->parameters, &error))
    {
      g_autofree char *message = g_strdup_printf (_("%s; no task was run"), error->message);

      end_before_start (run, PW_STATE_TYPE_FAILED, message);
      return;
    }

  run->started = TRUE;
  op = pw_engine_op_new (PW_OP_FLOW_RUN_STATE, run, NULL);
  op->flow_state = pw_engine_state_new (run->engine, PW_STATE_TYPE_RUNNING, NULL, NULL);
  pw_engine_submit (run->engine, op);

  if (run->reused_from != NULL)
    pw_engine_logf (run->engine, run, NULL, PW_LOG_INFO,
                    _("Retry from failed of flow run %s: tasks that completed there are reused"),
                    run->reused_from);
  if (run->max_workers == 1)
    pw_engine_logf (run->engine, run, NULL, PW_LOG_INFO,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "Running flow “%s” version %u: %u task, one at a time",
                                 "Running flow “%s” version %u: %u tasks, one at a time",
                                 run->graph->n),
                    pw_flow_get_name (run->flow), pw_flow_run_get_flow_version (run->flow_run),
                    run->graph->n);
  else
    pw_engine_logf (run->engine, run, NULL, PW_LOG_INFO,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "Running flow “%s” version %u: %u task, up to %u at a time",
                                 "Running flow “%s” version %u: %u tasks, up to %u at a time",
                                 run->graph->n),
                    pw_flow_get_name (run->flow), pw_flow_run_get_flow_version (run->flow_run),
                    run->graph->n, run->max_workers);

  for (guint i = 0; i < run->graph->n_order; i++)
    {
      PwEngineNode *node = &run->nodes[run->graph->order[i]];

      if (node->n_up == 0)
        {
          node->queued_for_decision = TRUE;
          g_queue_push_tail (&run->decide, node);
        }
    }

  schedule (run);
}

/* Stopping */

/**
 * pw_engine_run_cancel:
 * @run: the run
 * @external: whether another process asked (the store says CANCELLING)
 * @reason: (nullable): what to say in the Cancelling state
 *
 * Ends the running task runs (Cancelled) and marks the rest NotRun; the
 * run ends Cancelled once its processes are gone.
 */
void
pw_engine_run_cancel (PwEngineRun *run,
                      gboolean     external,
                      const char  *reason)
{
  PwEngineOp *op;

  if (run->cancelling || run->finishing)
    return;

  run->cancelling = TRUE;

  if (!run->started)
    {
      end_before_start (run, PW_STATE_TYPE_CANCELLED,
                        reason != NULL ? reason : _("Cancelled before it started"));
      return;
    }

  if (!external && run->error == NULL)
    {
      op = pw_engine_op_new (PW_OP_FLOW_RUN_STATE, run, NULL);
      op->flow_state = pw_engine_state_new (run->engine, PW_STATE_TYPE_CANCELLING, NULL,
                                       reason != NULL ? reason : _("Cancel requested"));
      pw_engine_submit (run->engine, op);
    }
  pw_engine_log (run->engine, run, NULL, PW_LOG_WARNING,
                 reason != NULL ? reason : _("Cancel requested"));

  /* Units first (they may end at once), then the tasks never started. */
  for (guint i = 0; i < run->graph->n; i++)
    {
      PwEngineNode *node = &run->nodes[i];

      for (guint j = 0; node->units != NULL && j < node->units->len; j++)
        pw_engine_unit_cancel (g_ptr_array_index (node->units, j),
                               _("Cancelled: the flow run was cancelled"));
    }

  for (guint i = 0; i < run->graph->n; i++)
    {
      PwEngineNode *node = &run->nodes[run->graph->order[i]];

      if (node->status == PW_NODE_WAITING)
        node_not_run (node, _("Not run: the flow run was cancelled"));
    }

  g_queue_clear (&run->decide);
  schedule (run);
}

/**
 * pw_engine_run_fail_store:
 * @run: the run
 * @error: what the store said
 *
 * Stops a run whose changes could not be stored.
 */
void
pw_engine_run_fail_store (PwEngineRun  *run,
                          const GError *error)
{
  if (run->error == NULL)
    run->error = g_error_copy (error);

  /* Once finishing, the final state's op ends the run, stored or not. */
  if (run->finishing)
    return;

  pw_engine_run_cancel (run, TRUE, error->message);
}
