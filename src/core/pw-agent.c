/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-agent"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "pw-agent-private.h"
#include "pw-local-backend-private.h"

/**
 * PwAgent:
 *
 * Takes due runs from work queues and runs them with an engine in this
 * process: `pipewright-cli agent start`, and the desktop app while it is
 * open. An agent is a loop over polls (Prefect's agents loop over a work
 * queue's `get_runs`):
 *
 * - A poll records the queues' `last_polled`, marks as Crashed the runs
 *   whose process is provably gone, and asks the queues for due runs
 *   (pw_store_list_due_runs(): by queue priority, then scheduled time; a
 *   paused queue hands out nothing, a queue with a concurrency limit no
 *   more than its room). Then, for each, it takes the run (SCHEDULED →
 *   PENDING, only if the run still waits and no process owns it) and
 *   starts it in the engine, which claims it and moves it to RUNNING.
 *   All of that is one write transaction, so the counts and the claims
 *   agree, and two agents on one database never run the same run.
 * - It polls every poll interval, and also wakes when the next run it
 *   knows of falls due, and at once when one of its runs ends (room for
 *   the next).
 * - A run that cannot run is ended, and the agent goes on: a flow version
 *   that cannot be read ends Failed with the reason; a task killed from
 *   outside ends the run as the engine decides (Failed or Crashed).
 * - A poll that fails (the database locked by another process for longer
 *   than the store waits) is reported by #PwAgent::poll-failed and tried
 *   again at the next poll.
 * - Stopping lets the runs in progress finish, or cancels them.
 *
 * Everything an agent needs is in the object (no process-wide state), so
 * a process can run several; each runs on the default main context.
 */

G_DEFINE_ENUM_TYPE (PwAgentStopMode, pw_agent_stop_mode,
                    G_DEFINE_ENUM_VALUE (PW_AGENT_STOP_FINISH, "finish"),
                    G_DEFINE_ENUM_VALUE (PW_AGENT_STOP_CANCEL, "cancel"))

G_DEFINE_FINAL_TYPE (PwAgent, pw_agent, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_NAME,
  PROP_WORK_QUEUES,
  PROP_POLL_INTERVAL_MS,
  PROP_LIMIT,
  PROP_N_RUNNING,
  N_PROPS
};

enum {
  RUN_TAKEN,
  RUN_FINISHED,
  FLOW_RUN_CHANGED,
  POLL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pw_agent_dispose (GObject *object)
{
  PwAgent *self = (PwAgent *)object;

  /* Runs in progress hold the agent: none is left by now. */
  g_warn_if_fail (g_hash_table_size (self->runs) == 0);
  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);

  G_OBJECT_CLASS (pw_agent_parent_class)->dispose (object);
}

static void
pw_agent_finalize (GObject *object)
{
  PwAgent *self = (PwAgent *)object;

  g_clear_pointer (&self->runs, g_hash_table_unref);
  g_clear_pointer (&self->stop_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->work_queues, g_strfreev);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (pw_agent_parent_class)->finalize (object);
}

static void
pw_agent_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PwAgent *self = PW_AGENT (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_WORK_QUEUES:
      g_value_set_boxed (value, self->work_queues);
      break;
    case PROP_POLL_INTERVAL_MS:
      g_value_set_uint (value, self->poll_interval_ms);
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    case PROP_N_RUNNING:
      g_value_set_uint (value, g_hash_table_size (self->runs));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_agent_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PwAgent *self = PW_AGENT (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_NAME:
      pw_agent_set_name (self, g_value_get_string (value));
      break;
    case PROP_WORK_QUEUES:
      pw_agent_set_work_queues (self, g_value_get_boxed (value));
      break;
    case PROP_POLL_INTERVAL_MS:
      pw_agent_set_poll_interval_ms (self, g_value_get_uint (value));
      break;
    case PROP_LIMIT:
      pw_agent_set_limit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_agent_constructed (GObject *object)
{
  PwAgent *self = PW_AGENT (object);

  G_OBJECT_CLASS (pw_agent_parent_class)->constructed (object);

  g_assert (PW_IS_ENGINE (self->engine));
  if (self->name == NULL)
    self->name = g_strdup_printf ("%s:%d", g_get_host_name (), (int)getpid ());
}

static void
pw_agent_class_init (PwAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pw_agent_dispose;
  object_class->finalize = pw_agent_finalize;
  object_class->get_property = pw_agent_get_property;
  object_class->set_property = pw_agent_set_property;
  object_class->constructed = pw_agent_constructed;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, PW_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_WORK_QUEUES] =
    g_param_spec_boxed ("work-queues", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_POLL_INTERVAL_MS] =
    g_param_spec_uint ("poll-interval-ms", NULL, NULL, 1, G_MAXUINT,
                       PW_AGENT_DEFAULT_POLL_INTERVAL_MS, flags);
  properties[PROP_LIMIT] = g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_RUNNING] =
    g_param_spec_uint ("n-running", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwAgent::run-taken:
   * @self: the agent
   * @flow_run: the run it took and started, as stored then
   *
   * Emitted once the run is taken (the claim is stored).
   */
  signals[RUN_TAKEN] =
    g_signal_new ("run-taken", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PW_TYPE_FLOW_RUN);

  /**
   * PwAgent::run-finished:
   * @self: the agent
   * @flow_run_id: a run it took
   * @flow_run: (nullable): the run as it ended, or %NULL if it could not
   *   be run (then @error says why, and the run is stored Failed)
   * @error: (nullable): why it could not be run
   */
  signals[RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, PW_TYPE_FLOW_RUN, G_TYPE_ERROR);

  /**
   * PwAgent::flow-run-changed:
   * @self: the agent
   * @flow_run_id: a run whose state the agent itself stored (taken,
   *   failed to start, found Crashed)
   *
   * The changes the engine makes are reported by the engine.
   */
  signals[FLOW_RUN_CHANGED] =
    g_signal_new ("flow-run-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PwAgent::poll-failed:
   * @self: the agent
   * @error: why (a #PwStoreError, %PW_STORE_ERROR_BUSY when another
   *   process held the database too long)
   *
   * A poll of a started agent failed; it tries again at the next one.
   */
  signals[POLL_FAILED] =
    g_signal_new ("poll-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pw_agent_init (PwAgent *self)
{
  self->work_queues = g_new0 (char *, 1);
  self->poll_interval_ms = PW_AGENT_DEFAULT_POLL_INTERVAL_MS;
  self->runs = g_hash_table_new (g_str_hash, g_str_equal);
  self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * pw_agent_new:
 * @engine: the engine that runs what the agent takes, and whose store and
 *   clock it uses
 *
 * Returns: (transfer full): a new agent for every work queue; set its
 *   queues, then pw_agent_start() it
 */
PwAgent *
pw_agent_new (PwEngine *engine)
{
  g_return_val_if_fail (PW_IS_ENGINE (engine), NULL);

  return g_object_new (PW_TYPE_AGENT, "engine", engine, NULL);
}

/**
 * pw_agent_new_for_backend:
 * @backend: a #PwLocalBackend
 *
 * An agent that runs its runs on the backend's engine, so that the
 * backend reports their changes as it does for the runs it starts itself.
 *
 * Returns: (transfer full): a new agent
 */
PwAgent *
pw_agent_new_for_backend (PwBackend *backend)
{
  g_return_val_if_fail (PW_IS_LOCAL_BACKEND (backend), NULL);

  return pw_agent_new (PW_LOCAL_BACKEND (backend)->engine);
}

/**
 * pw_agent_get_engine:
 * @self: a #PwAgent
 *
 * Returns: (transfer none): the engine
 */
PwEngine *
pw_agent_get_engine (PwAgent *self)
{
  g_return_val_if_fail (PW_IS_AGENT (self), NULL);
  return self->engine;
}

/**
 * pw_agent_get_store:
 * @self: a #PwAgent
 *
 * Returns: (transfer none): the engine's store
 */
PwStore *
pw_agent_get_store (PwAgent *self)
{
  g_return_val_if_fail (PW_IS_AGENT (self), NULL);
  return pw_engine_get_store (self->engine);
}

/**
 * pw_agent_get_clock:
 * @self: a #PwAgent
 *
 * Returns: (transfer none): the engine's clock
 */
PwClock *
pw_agent_get_clock (PwAgent *self)
{
  g_return_val_if_fail (PW_IS_AGENT (self), NULL);
  return pw_engine_get_clock (self->engine);
}

/**
 * pw_agent_get_name:
 * @self: a #PwAgent
 *
 * Returns: its name, written in the Pending state of each run it takes
 *   (`HOST:PID` unless set)
 */
const char *
pw_agent_get_name (PwAgent *self)
{
  g_return_val_if_fail (PW_IS_AGENT (self), NULL);
  return self->name;
}

void
pw_agent_set_name (PwAgent    *self,
                   const char *name)
{
  g_return_if_fail (PW_IS_AGENT (self));

  if (name == NULL || g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * pw_agent_get_work_queues:
 * @self: a #PwAgent
 *
 * Returns: (array zero-terminated=1) (transfer none): the queues it polls;
 *   empty for every queue
 */
const char * const *
pw_agent_get_work_queues (PwAgent *self)
{
  g_return_val_if_fail (PW_IS_AGENT (self), NULL);
  return (const char * const *)self->work_queues;
}

/**
 * pw_agent_set_work_queues:
 * @self: a #PwAgent
 * @work_queues: (nullable) (array zero-terminated=1): the names of the
 *   queues to poll; %NULL or empty for every queue
 */
void
pw_agent_set_work_queues (PwAgent            *self,
                          const char * const *work_queues)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (PW_IS_AGENT (self));

  if (work_queues == NULL)
    work_queues = empty;
  if (g_strv_equal ((const char * const *)self->work_queues, work_queues))
    return;

  g_strfreev (self->work_queues);
  self->work_queues = g_strdupv ((char **)work_queues);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK_QUEUES]);
}

guint
pw_agent_get_poll_interval_ms (PwAgent *self)
{
  g_return_val_if_fail (PW_IS_AGENT (self), 0);
  return self->poll_interval_ms;
}

/**
 * pw_agent_set_poll_interval_ms:
 * @self: a #PwAgent
 * @interval_ms: how often to poll, in the engine clock's milliseconds
 *   (%PW_AGENT_DEFAULT_POLL_INTERVAL_MS unless set)
 */
void
pw_agent_set_poll_interval_ms (PwAgent *self,
                               guint    interval_ms)
{
  g_return_if_fail (PW_IS_AGENT (self));
  g_return_if_fail (interval_ms > 0);

  if (self->poll_interval_ms == interval_ms)
    return;
  self->poll_interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL_MS]);
  if (self->started)
    pw_agent_schedule_poll (self, FALSE);
}

guint
pw_agent_get_limit (PwAgent *self)
{
  g_return_val_if_fail (PW_IS_AGENT (self), 0);
  return self->limit;
}

/**
 * pw_agent_set_limit:
 * @self: a #PwAgent
 * @limit: the most runs it runs at once, or 0 for no limit of its own
 *   (the queues' limits still hold)
 */
void
pw_agent_set_limit (PwAgent *self,
                    guint    limit)
{
  g_return_if_fail (PW_IS_AGENT (self));

  if (self->limit == limit)
    return;
  self->limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
}

/**
 * pw_agent_get_n_running:
 * @self: a #PwAgent
 *
 * Returns: how many of the runs it took have not ended
 */
guint
pw_agent_get_n_running (PwAgent *self)
{
  g_return_val_if_fail (PW_IS_AGENT (self), 0);
  return g_hash_table_size (self->runs);
}

/**
 * pw_agent_is_running:
 * @self: a #PwAgent
 * @flow_run_id: a flow run
 *
 * Returns: whether this agent took @flow_run_id and it has not ended
 */
gboolean
pw_agent_is_running (PwAgent    *self,
                     const char *flow_run_id)
{
  g_return_val_if_fail (PW_IS_AGENT (self), FALSE);
  return flow_run_id != NULL && g_hash_table_contains (self->runs, flow_run_id);
}

/**
 * pw_agent_is_started:
 * @self: a #PwAgent
 *
 * Returns: whether it polls (started, and not stopped)
 */
gboolean
pw_agent_is_started (PwAgent *self)
{
  g_return_val_if_fail (PW_IS_AGENT (self), FALSE);
  return self->started;
}

/* For pw-agent-poll.c */

void
pw_agent_emit_run_taken (PwAgent   *self,
                         PwFlowRun *flow_run)
{
  g_signal_emit (self, signals[RUN_TAKEN], 0, flow_run);
}

void
pw_agent_emit_run_finished (PwAgent      *self,
                            const char   *flow_run_id,
                            PwFlowRun    *flow_run,
                            const GError *error)
{
  g_signal_emit (self, signals[RUN_FINISHED], 0, flow_run_id, flow_run, error);
}

void
pw_agent_emit_flow_run_changed (PwAgent    *self,
                                const char *flow_run_id)
{
  g_signal_emit (self, signals[FLOW_RUN_CHANGED], 0, flow_run_id);
}

void
pw_agent_emit_poll_failed (PwAgent      *self,
                           const GError *error)
{
  g_signal_emit (self, signals[POLL_FAILED], 0, error);
}

void
pw_agent_notify_n_running (PwAgent *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
}

/* Stopping */

void
pw_agent_finish_stop_if_idle (PwAgent *self)
{
  g_autoptr(GPtrArray) tasks = NULL;

  if (!self->stopping || g_hash_table_size (self->runs) > 0)
    return;

  self->stopping = FALSE;
  self->stop_mode = PW_AGENT_STOP_FINISH;
  tasks = g_steal_pointer (&self->stop_tasks);
  self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_boolean (g_ptr_array_index (tasks, i), TRUE);
}

/**
 * pw_agent_start:
 * @self: a #PwAgent
 *
 * Starts polling: once at once, then as described above. Call on the
 * thread that runs the default main context.
 */
void
pw_agent_start (PwAgent *self)
{
  g_return_if_fail (PW_IS_AGENT (self));

  if (self->started)
    return;

  self->started = TRUE;
  pw_agent_schedule_poll (self, TRUE);
}

/**
 * pw_agent_stop_async:
 * @self: a #PwAgent
 * @mode: what to do about the runs in progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once no run of the agent is in progress
 * @user_data: data for @callback
 *
 * Stops polling at once, then lets the runs in progress finish or cancels
 * them. Stopping again with %PW_AGENT_STOP_CANCEL while runs are being
 * let finish cancels them. A stopped agent may be started again.
 */
void
pw_agent_stop_async (PwAgent             *self,
                     PwAgentStopMode      mode,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PW_IS_AGENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_agent_stop_async);

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);

  if (g_hash_table_size (self->runs) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->stopping = TRUE;
  g_ptr_array_add (self->stop_tasks, g_steal_pointer (&task));

  if (mode == PW_AGENT_STOP_CANCEL && self->stop_mode != PW_AGENT_STOP_CANCEL)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      GHashTableIter iter;
      gpointer key;

      self->stop_mode = PW_AGENT_STOP_CANCEL;
      g_hash_table_iter_init (&iter, self->runs);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (ids, g_strdup (key));
      for (guint i = 0; i < ids->len; i++)
        pw_engine_cancel_flow_run (self->engine, g_ptr_array_index (ids, i));
    }
}

/**
 * pw_agent_stop_finish:
 * @self: a #PwAgent
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE once stopped
 */
gboolean
pw_agent_stop_finish (PwAgent       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (PW_IS_AGENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
