/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pw-cache-key.h"
#include "pw-engine-private.h"

/*
 * One task run (a "unit": a task, or one item of a mapped task) from its
 * creation to its final state: rendering, the cache, the Running state,
 * the attempts and their retries, and what its end tells the flow run.
 *
 *   Pending ─┬─ Cached                      (cache hit, reuse)
 *            ├─ Failed                      (a template did not render)
 *            ├─ NotRun                      (cancelled while waiting)
 *            └─ Running ─┬─ Completed
 *                        ├─ Failed | TimedOut | Cancelled
 *                        └─ AwaitingRetry ── Retrying ── …
 */

PwEngineUnit *
pw_engine_unit_new (PwEngineNode *node,
                    guint         item_index,
                    const char   *item)
{
  PwEngineUnit *unit = g_new0 (PwEngineUnit, 1);
  PwEngineRun *run = node->run;
  int retries = pw_flow_get_task_retries (run->flow, node->task);
  int delay = pw_flow_get_task_retry_delay_seconds (run->flow, node->task);
  int timeout = pw_flow_get_task_timeout_seconds (run->flow, node->task);

  unit->node = node;
  unit->item_index = item_index;
  unit->item = g_strdup (item);
  unit->task_run_id = g_uuid_string_random ();
  unit->retries = MAX (retries, 0);
  unit->retry_delay_s = MAX (delay, 0);
  unit->timeout_s = MAX (timeout, 0);

  /* Most tasks have one task run: no room for sixteen. */
  if (node->units == NULL)
    node->units = g_ptr_array_new_full (pw_task_get_map (node->task) != NULL ? 16 : 1,
                                        (GDestroyNotify)pw_engine_unit_free);
  g_ptr_array_add (node->units, unit);
  run->n_units_live++;

  return unit;
}

void
pw_engine_unit_free (PwEngineUnit *unit)
{
  g_assert (unit->process == NULL && unit->http == NULL);

  g_clear_handle_id (&unit->retry_timer, g_source_remove);
  g_clear_handle_id (&unit->subflow_timer, g_source_remove);
  g_clear_object (&unit->cancellable);
  g_clear_pointer (&unit->item, g_free);
  g_clear_pointer (&unit->task_run_id, g_free);
  g_clear_pointer (&unit->argv, g_strfreev);
  g_clear_pointer (&unit->http_headers, g_strfreev);
  g_clear_pointer (&unit->http_method, g_free);
  g_clear_pointer (&unit->http_url, g_free);
  g_clear_pointer (&unit->http_body, g_free);
  g_clear_pointer (&unit->subflow_parameters, json_node_unref);
  g_clear_pointer (&unit->cache_key, g_free);
  g_clear_pointer (&unit->result, g_free);
  g_clear_pointer (&unit->child_flow_run_id, g_free);
  g_clear_pointer (&unit->result_path, g_free);
  g_clear_pointer (&unit->state_details, g_free);
  g_free (unit);
}

/**
 * pw_engine_unit_label:
 * @unit: a task run
 * @buffer: room for the label
 * @size: its size
 *
 * Returns: how messages name @unit: `train`, or `stars[2]` for an item
 */
const char *
pw_engine_unit_label (PwEngineUnit *unit,
                      char         *buffer,
                      gsize         size)
{
  const char *key = pw_task_get_key (unit->node->task);

  if (unit->item == NULL)
    return key;

  g_snprintf (buffer, size, "%s[%u]", key, unit->item_index);
  return buffer;
}

static char *
build_task_inputs (PwEngineNode *node)
{
  PwEngineRun *run = node->run;
  PwFlowGraph *graph = run->graph;
  GString *inputs = g_string_new ("{\"wait_for\":[");
  gboolean first = TRUE;

  /* Prefect's encoding: every upstream task run, under "wait_for". */
  for (guint i = graph->up_off[node->index]; i < graph->up_off[node->index + 1]; i++)
    {
      PwEngineNode *up = &run->nodes[graph->up[i]];

      for (guint j = 0; up->units != NULL && j < up->units->len; j++)
        {
          PwEngineUnit *up_unit = g_ptr_array_index (up->units, j);

          g_string_append_printf (inputs, "%s{\"input_type\":\"task_run\",\"id\":\"%s\"}",
                                  first ? "" : ",", up_unit->task_run_id);
          first = FALSE;
        }
    }
  g_string_append (inputs, "]}");

  return g_string_free (inputs, FALSE);
}

/* Queues the creation of @unit's task run, Pending. */
static void
submit_create (PwEngineUnit *unit)
{
  pw_engine_submit_create (unit->node->run->engine, unit, build_task_inputs (unit->node));
}

static void
submit_state (PwEngineUnit   *unit,
              PwStateType     type,
              const char     *name,
              const char     *message,
              const char     *result,
              gboolean        set_result,
              PwEngineOpDone  done)
{
  pw_engine_submit_task_state (unit->node->run->engine, unit, type, name, g_strdup (message), 0,
                               result, set_result, done);
}

static PwOutcome
outcome_of (PwStateType type)
{
  switch (type)
    {
    case PW_STATE_TYPE_COMPLETED:
      return PW_OUTCOME_SUCCESS;
    case PW_STATE_TYPE_FAILED:
    case PW_STATE_TYPE_CRASHED:
      return PW_OUTCOME_FAILED;
    case PW_STATE_TYPE_CANCELLED:
    default:
      return PW_OUTCOME_SKIPPED;
    }
}

/* The final state of @unit: stored, logged, and counted by the run. */
static void
end (PwEngineUnit *unit,
     PwStateType   type,
     const char   *name,
     const char   *message,
     const char   *result,
     gboolean      log_it)
{
  PwEngineRun *run = unit->node->run;
  PwEngine *engine = run->engine;
  gboolean held_worker = unit->status == PW_UNIT_STARTING || unit->status == PW_UNIT_RUNNING;

  g_assert (unit->status != PW_UNIT_DONE);

  unit->result = g_strdup (result);
  unit->outcome = outcome_of (type);
  unit->status = PW_UNIT_DONE;
  if (type == PW_STATE_TYPE_CANCELLED && g_strcmp0 (name, "NotRun") != 0)
    unit->node->n_cancelled++;
  submit_state (unit, type, name, message, result, type == PW_STATE_TYPE_COMPLETED, NULL);

  if (type == PW_STATE_TYPE_COMPLETED && unit->cache_key != NULL &&
      g_strcmp0 (name, "Cached") != 0 && result != NULL &&
      strlen (result) <= PW_STORE_MAX_RESULT_SIZE)
    {
      PwEngineOp *op = pw_engine_op_new (PW_OP_CACHE_PUT, run, unit);

      op->cache_key = g_strdup (unit->cache_key);
      op->result = g_strdup (result);
      op->cache_expiration = unit->cache_expiration;
      pw_engine_submit (engine, op);
    }

  /* A task that completed says so in its state; the log keeps what needs
   * reading: failures, timeouts, cancels, cache hits, why it did not run. */
  if (log_it && (type != PW_STATE_TYPE_COMPLETED || message != NULL))
    {
      const char *shown = name != NULL ? name : pw_state_type_get_default_name (type);
      int level = PW_LOG_INFO;

      if (type == PW_STATE_TYPE_FAILED || type == PW_STATE_TYPE_CRASHED)
        level = PW_LOG_ERROR;
      else if (type == PW_STATE_TYPE_CANCELLED && g_strcmp0 (name, "NotRun") != 0)
        level = PW_LOG_WARNING;

      if (message != NULL && g_strcmp0 (name, "NotRun") == 0)
        pw_engine_log (engine, run, unit, level, message);
      else if (message != NULL)
        pw_engine_logf (engine, run, unit, level, _("Finished in state %s: %s"), shown, message);
      else
        pw_engine_logf (engine, run, unit, level, _("Finished in state %s"), shown);
    }

  if (held_worker)
    pw_engine_run_release_worker (run);
  pw_engine_run_unit_done (run, unit);
}

/* Creation */

static void
create_failed (PwEngineUnit *unit,
               const char   *message)
{
  submit_create (unit);
  end (unit, PW_STATE_TYPE_FAILED, NULL, message, NULL, TRUE);
}

static gboolean
lookup_cache (PwEngineUnit  *unit,
              char         **out_result,
              char         **out_source)
{
  PwEngine *engine = unit->node->run->engine;
  g_autoptr(GDateTime) now = pw_engine_now (engine);
  g_autoptr(GError) error = NULL;

  if (pw_store_get_cache_entry (engine->store, unit->cache_key, now, out_result, out_source, &error))
    return TRUE;

  if (!g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
    pw_engine_logf (engine, unit->node->run, unit, PW_LOG_WARNING,
                    _("Could not read the cache, running instead: %s"), error->message);
  return FALSE;
}

static void
run_noop (PwEngineUnit *unit)
{
  unit->attempt = 1;
  submit_state (unit, PW_STATE_TYPE_RUNNING, NULL, NULL, NULL, FALSE, NULL);
  end (unit, PW_STATE_TYPE_COMPLETED, NULL, NULL, NULL, FALSE);
}

static void
prepare (PwEngineUnit *unit)
{
  PwEngineRun *run = unit->node->run;
  PwEngine *engine = run->engine;
  PwTask *task = unit->node->task;
  g_autoptr(JsonNode) inputs = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cached = pw_task_get_cache_policy (task) == PW_CACHE_POLICY_INPUTS;
  int expiration = pw_task_get_cache_expiration_seconds (task);

  if (!pw_engine_render_unit (unit, cached ? &inputs : NULL, &error))
    {
      create_failed (unit, error->message);
      return;
    }

  if (cached)
    {
      g_autofree char *result = NULL;
      g_autofree char *source = NULL;

      unit->cache_key = pw_cache_key_compute (task, inputs);
      if (expiration > 0)
        unit->cache_expiration = pw_clock_get_real_time (engine->clock) +
                                 (gint64)expiration * G_USEC_PER_SEC;
      if (lookup_cache (unit, &result, &source))
        {
          g_autofree char *message =
            g_strdup_printf (_("Cache hit: the result of task run %s"),
                             source != NULL ? source : _("(deleted)"));

          submit_create (unit);
          unit->node->n_cached++;
          end (unit, PW_STATE_TYPE_COMPLETED, "Cached", message, result, TRUE);
          return;
        }
    }

  submit_create (unit);

  if (pw_task_get_kind (task) == PW_TASK_KIND_NOOP)
    {
      run_noop (unit);
      return;
    }

  unit->status = PW_UNIT_QUEUED;
  g_queue_push_tail (&run->ready, unit);
  pw_engine_run_schedule (run);
}

static gboolean
reuse (PwEngineNode *node)
{
  PwEngineRun *run = node->run;
  GPtrArray *results;
  g_autofree char *message = NULL;

  if (run->reuse == NULL)
    return FALSE;
  results = g_hash_table_lookup (run->reuse, pw_task_get_key (node->task));
  if (results == NULL)
    return FALSE;

  message = g_strdup_printf (_("Reused from flow run %s (retry from failed)"), run->reused_from);
  for (guint i = 0; i < results->len; i++)
    {
      PwEngineUnit *unit = pw_engine_unit_new (node, i, NULL);

      submit_create (unit);
      node->n_cached++;
      end (unit, PW_STATE_TYPE_COMPLETED, "Cached", message, g_ptr_array_index (results, i), FALSE);
    }

  return TRUE;
}

/**
 * pw_engine_unit_start_node:
 * @node: a task whose trigger rule is met
 *
 * Creates the task's task runs: one, or one per item of its map. Each is
 * rendered, looked up in the cache, and queued for a worker.
 */
void
pw_engine_unit_start_node (PwEngineNode *node)
{
  PwEngineRun *run = node->run;
  const char *map = pw_task_get_map (node->task);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PwEngineUnit probe = { .node = node };

  if (reuse (node))
    return;

  if (map == NULL)
    {
      prepare (pw_engine_unit_new (node, 0, NULL));
      return;
    }

  text = pw_engine_render (&probe, map, FALSE, &error);
  if (text == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not render the map: %s"), error->message);

      node->not_mapped = TRUE;
      create_failed (pw_engine_unit_new (node, 0, NULL), message);
      return;
    }

  items = pw_engine_split_items (text);
  if (items->len == 0)
    {
      pw_engine_logf (run->engine, run, NULL, PW_LOG_INFO,
                      _("Task “%s” maps over no items: nothing to run"),
                      pw_task_get_key (node->task));
      node->units = g_ptr_array_new_full (0, (GDestroyNotify)pw_engine_unit_free);
      pw_engine_run_node_done_empty (node);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    prepare (pw_engine_unit_new (node, i, g_ptr_array_index (items, i)));
}

/**
 * pw_engine_unit_create_not_run:
 * @node: a task whose trigger rule can no longer be met
 * @message: why, naming the upstream task
 *
 * Records the task as NotRun.
 */
void
pw_engine_unit_create_not_run (PwEngineNode *node,
                               const char   *message)
{
  PwEngineUnit *unit;

  node->not_mapped = pw_task_get_map (node->task) != NULL;
  unit = pw_engine_unit_new (node, 0, NULL);
  submit_create (unit);
  end (unit, PW_STATE_TYPE_CANCELLED, "NotRun", message, NULL, TRUE);
}

/* Attempts */

static void
on_running_stored (PwEngineOp *op,
                   gboolean    stored)
{
  PwEngineUnit *unit = op->unit;

  if (unit->status != PW_UNIT_STARTING)
    return;

  /* The run stops (the store failed); this one never started. */
  if (!stored)
    {
      end (unit, PW_STATE_TYPE_CRASHED, NULL, _("Not started: its Running state could not be stored"),
           NULL, FALSE);
      return;
    }

  if (op->run->cancelling)
    {
      end (unit, PW_STATE_TYPE_CANCELLED, NULL, _("Cancelled: the flow run was cancelled"), NULL, TRUE);
      return;
    }

  unit->status = PW_UNIT_RUNNING;
  pw_engine_exec_launch (unit);
}

/**
 * pw_engine_unit_start:
 * @unit: a queued task run, now holding a worker
 *
 * Enters Running (or Retrying) and launches the attempt. A process or a
 * request starts at once: its Running state is in the journal's next
 * commit, before anything reports it and ahead of any later state of the
 * same task run (the journal keeps order). A sub-flow waits for the
 * commit, since its child run refers to this task run in the database.
 */
void
pw_engine_unit_start (PwEngineUnit *unit)
{
  gboolean wait_for_commit = pw_task_get_kind (unit->node->task) == PW_TASK_KIND_SUBFLOW;
  PwEngineOpDone done = wait_for_commit ? on_running_stored : NULL;

  g_assert (unit->status == PW_UNIT_QUEUED);

  unit->attempt++;
  unit->status = PW_UNIT_STARTING;
  if (unit->attempt == 1)
    submit_state (unit, PW_STATE_TYPE_RUNNING, NULL, NULL, NULL, FALSE, done);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Attempt %u of %u"), unit->attempt,
                                                  unit->retries + 1);

      submit_state (unit, PW_STATE_TYPE_RUNNING, "Retrying", message, NULL, FALSE, done);
    }

  if (!wait_for_commit)
    {
      unit->status = PW_UNIT_RUNNING;
      pw_engine_exec_launch (unit);
    }
}

static gboolean
on_retry_due (gpointer user_data)
{
  PwEngineUnit *unit = user_data;
  PwEngineRun *run = unit->node->run;

  unit->retry_timer = 0;
  unit->status = PW_UNIT_QUEUED;
  g_queue_push_head (&run->ready, unit);
  pw_engine_run_schedule (run);

  return G_SOURCE_REMOVE;
}

static double
retry_delay (PwEngineUnit *unit)
{
  PwTask *task = unit->node->task;
  double backoff = pw_task_get_retry_backoff (task);
  double jitter = pw_task_get_retry_jitter (task);
  double delay = unit->retry_delay_s;

  /* Exponential backoff from the second retry on; jitter adds up to that
   * fraction of the delay, as Prefect's retry_jitter_factor does. */
  if (backoff > 0 && backoff != 1.0)
    delay *= pow (backoff, unit->attempt - 1);
  if (jitter > 0)
    delay += delay * jitter * g_rand_double (unit->node->run->engine->rand);

  return MIN (delay, 365.0 * 24 * 3600);
}

static void
await_retry (PwEngineUnit *unit,
             const char   *message)
{
  PwEngineRun *run = unit->node->run;
  PwEngine *engine = run->engine;
  double delay = retry_delay (unit);
  gint64 when = pw_clock_get_real_time (engine->clock) + (gint64)(delay * G_USEC_PER_SEC);
  char *text;
  char label[256];

  text = g_strdup_printf (_("Attempt %u of %u failed: %s. Retrying in %.3g s"),
                          unit->attempt, unit->retries + 1, message, delay);
  pw_engine_logf (engine, run, unit, PW_LOG_WARNING, "%s: %s",
                  pw_engine_unit_label (unit, label, sizeof label), text);

  pw_engine_submit_task_state (engine, unit, PW_STATE_TYPE_SCHEDULED, "AwaitingRetry", text, when,
                               NULL, FALSE, NULL);

  unit->status = PW_UNIT_AWAITING_RETRY;
  pw_engine_run_release_worker (run);
  unit->retry_timer = pw_clock_timeout_add (engine->clock, (guint)(delay * 1000), on_retry_due,
                                            unit, NULL);
}

/**
 * pw_engine_unit_finish:
 * @unit: a running task run
 * @type: the type of the state the attempt ended in
 * @name: (nullable): its name (`TimedOut`), or %NULL for the type's
 * @message: (nullable): what happened
 * @result: (nullable): the result of a Completed attempt
 *
 * Ends an attempt: a failure with retries left waits for the next one,
 * anything else is the task run's final state.
 */
void
pw_engine_unit_finish (PwEngineUnit *unit,
                       PwStateType   type,
                       const char   *name,
                       const char   *message,
                       const char   *result)
{
  PwEngineRun *run = unit->node->run;

  g_autoptr(PwEngineRun) hold = pw_engine_run_ref (run);

  g_clear_object (&unit->cancellable);

  if (type == PW_STATE_TYPE_FAILED && unit->attempt <= unit->retries && !run->cancelling)
    await_retry (unit, message != NULL ? message : _("failed"));
  else if (type == PW_STATE_TYPE_FAILED && unit->retries > 0)
    {
      g_autofree char *full = g_strdup_printf (_("%s (after %u attempts)"),
                                               message != NULL ? message : _("Failed"),
                                               unit->attempt);

      end (unit, type, name, full, result, TRUE);
    }
  else
    end (unit, type, name, message, result, TRUE);

  /* The freed worker goes to the next task in this same batch. */
  pw_engine_run_pump_now (run);
}

/**
 * pw_engine_unit_cancel:
 * @unit: a task run of a run being cancelled
 * @reason: what its Cancelled state says
 *
 * A running attempt is stopped (it ends Cancelled when its processes are
 * gone); a waiting task run ends now: NotRun if it never ran, Cancelled if
 * it was waiting for a retry.
 */
void
pw_engine_unit_cancel (PwEngineUnit *unit,
                       const char   *reason)
{
  PwEngineRun *run = unit->node->run;

  switch (unit->status)
    {
    case PW_UNIT_QUEUED:
      g_queue_remove (&run->ready, unit);
      end (unit, PW_STATE_TYPE_CANCELLED, "NotRun", _("Not run: the flow run was cancelled"),
           NULL, TRUE);
      break;

    case PW_UNIT_AWAITING_RETRY:
      g_clear_handle_id (&unit->retry_timer, g_source_remove);
      end (unit, PW_STATE_TYPE_CANCELLED, NULL, reason, NULL, TRUE);
      break;

    case PW_UNIT_RUNNING:
      pw_engine_exec_stop (unit);
      break;

    case PW_UNIT_STARTING:   /* ends Cancelled once Running is stored */
    case PW_UNIT_DONE:
    default:
      break;
    }
}
