/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-agent"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-agent-private.h"

/*
 * A poll (see PwAgent in pw-agent.c): recording it, reaping runs whose
 * process is gone, taking the due runs and starting them in the engine,
 * all in one write transaction; then ending what the engine would not
 * start, and arming the next poll.
 */

static void
agent_run_free (AgentRun *run)
{
  g_object_unref (run->agent);
  g_free (run->id);
  g_free (run);
}

/* The queues to pass to the store: %NULL for every queue. */
static const char * const *
queue_filter (PwAgent *self)
{
  return self->work_queues[0] != NULL ? (const char * const *)self->work_queues : NULL;
}

/* Running what it took */

/* A run the engine would not start stays PENDING with no owner: end it, so
 * that it is not taken again and again. */
static void
fail_unstarted (PwAgent      *self,
                const char   *flow_run_id,
                const GError *reason)
{
  PwStore *store = pw_agent_get_store (self);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) state = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  run = pw_store_get_flow_run (store, flow_run_id, NULL);
  if (run == NULL || pw_flow_run_get_state_type (run) != PW_STATE_TYPE_PENDING ||
      pw_flow_run_get_owner_pid (run) != 0)
    return;

  message = g_strdup_printf (_("The agent could not start it: %s"), reason->message);
  state = pw_state_new (PW_STATE_TYPE_FAILED, NULL, message);
  now = pw_clock_get_now (pw_agent_get_clock (self));
  pw_state_set_timestamp (state, now);
  if (!pw_store_set_flow_run_state (store, flow_run_id, state, &error))
    g_debug ("Could not end flow run %s: %s", flow_run_id, error->message);
  else
    pw_agent_emit_flow_run_changed (self, flow_run_id);
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AgentRun *run = user_data;
  PwAgent *self = run->agent;
  g_autoptr(PwFlowRun) final = NULL;
  g_autoptr(GError) error = NULL;

  final = pw_engine_start_flow_run_finish (PW_ENGINE (object), result, &error);
  if (final == NULL)
    {
      g_debug ("Flow run %s could not be run: %s", run->id, error->message);
      fail_unstarted (self, run->id, error);
    }

  g_hash_table_remove (self->runs, run->id);
  pw_agent_notify_n_running (self);
  pw_agent_emit_run_finished (self, run->id, final, error);

  /* Room for the next run. */
  if (self->started)
    pw_agent_schedule_poll (self, TRUE);
  pw_agent_finish_stop_if_idle (self);

  agent_run_free (run);
}

/* Takes and starts one due run, inside the poll's transaction. Returns
 * FALSE only if the store failed (then nothing of this run is changed). */
static gboolean
take_run (PwAgent    *self,
          PwFlowRun  *due,
          GDateTime  *now,
          GPtrArray  *taken,
          GPtrArray  *failed,
          GError    **error)
{
  PwStore *store = pw_agent_get_store (self);
  const char *id = pw_flow_run_get_id (due);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PwFlow) flow = NULL;
  AgentRun *run;

  if (!pw_store_take_flow_run (store, id, self->name, now, &local_error))
    {
      if (g_error_matches (local_error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT) ||
          g_error_matches (local_error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        {
          g_debug ("Not taking flow run %s: %s", id, local_error->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  flow = pw_engine_load_flow_version (self->engine, id, &local_error);
  if (flow == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read its flow version: %s"),
                                                  local_error->message);
      g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_FAILED, NULL, message);

      pw_state_set_timestamp (state, now);
      if (!pw_store_set_flow_run_state (store, id, state, error))
        return FALSE;
      g_ptr_array_add (failed, g_strdup (id));
      return TRUE;
    }

  run = g_new0 (AgentRun, 1);
  run->agent = g_object_ref (self);
  run->id = g_strdup (id);
  g_hash_table_insert (self->runs, run->id, run);
  g_ptr_array_add (taken, g_strdup (id));

  /* The engine claims the run (sets its owner) in this transaction too;
   * a refusal comes back in on_run_done(). */
  pw_engine_start_flow_run_async (self->engine, flow, id, NULL, on_run_done, run);
  return TRUE;
}

/* The names to record a poll for: the agent's queues, or every queue. */
static GStrv
polled_queue_names (PwAgent  *self,
                    GError  **error)
{
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (self->work_queues[0] != NULL)
    return g_strdupv (self->work_queues);

  queues = pw_store_list_work_queues (pw_agent_get_store (self), error);
  if (queues == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < queues->len; i++)
    g_strv_builder_add (builder, pw_work_queue_get_name (g_ptr_array_index (queues, i)));
  return g_strv_builder_end (builder);
}

static gboolean
poll_in_transaction (PwAgent    *self,
                     GDateTime  *now,
                     GPtrArray  *taken,
                     GPtrArray  *failed,
                     GPtrArray  *changed,
                     GError    **error)
{
  PwStore *store = pw_agent_get_store (self);
  g_autoptr(GPtrArray) crashed = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_auto(GStrv) names = NULL;
  guint n_running = g_hash_table_size (self->runs);
  guint room;

  names = polled_queue_names (self, error);
  if (names == NULL || !pw_store_touch_work_queues (store, (const char * const *)names, now, error))
    return FALSE;

  /* Runs whose process is gone would count against the queues' limits
   * for ever. */
  crashed = pw_store_reap_crashed_runs (store, now, error);
  if (crashed == NULL)
    return FALSE;
  for (guint i = 0; i < crashed->len; i++)
    g_ptr_array_add (changed, g_strdup (pw_flow_run_get_id (g_ptr_array_index (crashed, i))));

  if (self->limit > 0)
    room = self->limit > n_running ? self->limit - n_running : 0;
  else
    room = PW_STORE_DEFAULT_LIMIT;
  if (room == 0)
    return TRUE;

  due = pw_store_list_due_runs (store, queue_filter (self), now, room, error);
  if (due == NULL)
    return FALSE;

  for (guint i = 0; i < due->len; i++)
    if (!take_run (self, g_ptr_array_index (due, i), now, taken, failed, error))
      return FALSE;

  return TRUE;
}

/**
 * pw_agent_poll:
 * @self: a #PwAgent
 * @out_taken: (out) (optional): how many runs it took
 * @error: return location for a #GError
 *
 * Polls once, now (a started agent polls by itself): takes the due runs
 * its queues hand out, up to its limit, and starts them.
 *
 * Returns: %TRUE if the poll was made, else %FALSE with @error set (a
 *   #PwStoreError; the runs taken before the store failed still run)
 */
gboolean
pw_agent_poll (PwAgent   *self,
               guint     *out_taken,
               GError   **error)
{
  PwStore *store;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_AGENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_taken != NULL)
    *out_taken = 0;
  if (self->stopping)
    return TRUE;

  store = pw_agent_get_store (self);
  now = pw_clock_get_now (pw_agent_get_clock (self));

  /* One write transaction (BEGIN IMMEDIATE): the queues' counts, the
   * takes and the engine's claims are one step for every other agent. */
  if (!pw_store_begin (store, error))
    return FALSE;

  ok = poll_in_transaction (self, now, taken, failed, changed, &local_error);
  if (taken->len == 0 && !ok)
    {
      pw_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Runs started in the engine must keep their claims: what was done
   * before a failure is committed. */
  if (!pw_store_commit (store, ok ? &local_error : NULL))
    {
      for (guint i = 0; i < taken->len; i++)
        pw_engine_cancel_flow_run (self->engine, g_ptr_array_index (taken, i));
      if (local_error == NULL)
        g_set_error_literal (&local_error, PW_STORE_ERROR, PW_STORE_ERROR_FAILED,
                             _("Could not store the runs the agent took"));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < changed->len; i++)
    pw_agent_emit_flow_run_changed (self, g_ptr_array_index (changed, i));

  for (guint i = 0; i < taken->len; i++)
    {
      const char *id = g_ptr_array_index (taken, i);
      g_autoptr(PwFlowRun) run = pw_store_get_flow_run (store, id, NULL);

      pw_agent_emit_flow_run_changed (self, id);
      if (run != NULL)
        pw_agent_emit_run_taken (self, run);
    }
  if (taken->len > 0)
    pw_agent_notify_n_running (self);

  /* Taken, and ended at once: its flow version could not be read. */
  for (guint i = 0; i < failed->len; i++)
    {
      const char *id = g_ptr_array_index (failed, i);
      g_autoptr(PwFlowRun) run = pw_store_get_flow_run (store, id, NULL);

      pw_agent_emit_flow_run_changed (self, id);
      if (run == NULL)
        continue;
      pw_agent_emit_run_taken (self, run);
      pw_agent_emit_run_finished (self, id, run, NULL);
    }

  if (out_taken != NULL)
    *out_taken = taken->len + failed->len;
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Polling by itself */

static void
poll_now (PwAgent *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_agent_poll (self, NULL, &error))
    {
      g_debug ("Agent %s: the poll failed: %s", self->name, error->message);
      pw_agent_emit_poll_failed (self, error);
    }
}

static gboolean
on_poll_timer (gpointer user_data)
{
  PwAgent *self = user_data;

  self->timer_id = 0;
  poll_now (self);
  if (self->started)
    pw_agent_schedule_poll (self, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
on_poll_idle (gpointer user_data)
{
  PwAgent *self = user_data;

  self->idle_id = 0;
  poll_now (self);
  if (self->started)
    pw_agent_schedule_poll (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Arms the next poll: at once, or after the poll interval or when the
 * next waiting run falls due, whichever is sooner. */
void
pw_agent_schedule_poll (PwAgent  *self,
                        gboolean  at_once)
{
  PwClock *clock = pw_agent_get_clock (self);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) error = NULL;
  guint delay_ms = self->poll_interval_ms;

  if (at_once)
    {
      if (self->idle_id == 0)
        self->idle_id = g_idle_add (on_poll_idle, self);
      return;
    }

  now = pw_clock_get_now (clock);
  next = pw_store_get_next_due_time (pw_agent_get_store (self), queue_filter (self), now, &error);
  if (next != NULL)
    {
      GTimeSpan wait = g_date_time_difference (next, now);
      gint64 wait_ms = (wait + 999) / 1000;

      if (wait_ms < delay_ms)
        delay_ms = (guint)MAX (wait_ms, 1);
    }
  else if (error != NULL)
    g_debug ("Agent %s: could not read when the next run is due: %s",
             self->name, error->message);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = pw_clock_timeout_add (clock, delay_ms, on_poll_timer, self, NULL);
}

