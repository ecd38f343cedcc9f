/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "pw-engine-private.h"
#include "pw-flow-file.h"
#include "pw-system-clock.h"

/**
 * PwEngine:
 *
 * Runs flow runs in this process, on the default main context (use it from
 * the thread that runs that context): processes, requests and sub-flows
 * are awaited by main-loop sources, never by blocking, and retries wait on
 * timeouts of the engine's #PwClock.
 *
 * Every transition of a flow run or task run is stored (see
 * pw-engine-journal.c) before it is reported by #PwEngine::flow-run-changed
 * or #PwEngine::task-run-changed; log lines are stored in batches and
 * reported by #PwEngine::logs-appended.
 *
 * While a run is active the engine holds it in the store (its owner is this
 * process), beats its heartbeat, and watches for a cancel asked by another
 * process (the run's state turned CANCELLING).
 */

G_DEFINE_QUARK (pw-engine-error-quark, pw_engine_error)

#define DEFAULT_KILL_GRACE_MS 5000
#define DEFAULT_HEARTBEAT_MS  1000
#define DEFAULT_MAX_LOG_LINES 10000
#define DEFAULT_MAX_LOG_BYTES (10 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (PwEngine, pw_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLOCK,
  PROP_KILL_GRACE_MS,
  PROP_N_RUNNING,
  N_PROPS
};

enum {
  FLOW_RUN_CHANGED,
  TASK_RUN_CHANGED,
  LOGS_APPENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pw_engine_dispose (GObject *object)
{
  PwEngine *self = (PwEngine *)object;

  /* Every run holds the engine through its GTask until it ends. */
  g_warn_if_fail (g_hash_table_size (self->runs) == 0);

  g_clear_handle_id (&self->heartbeat_id, g_source_remove);
  pw_engine_flush (self, NULL);

  G_OBJECT_CLASS (pw_engine_parent_class)->dispose (object);
}

static void
pw_engine_finalize (GObject *object)
{
  PwEngine *self = (PwEngine *)object;

  pw_engine_journal_clear (&self->journal);
  if (self->lookup_destroy != NULL)
    self->lookup_destroy (self->lookup_data);
  if (self->result_dir != NULL)
    g_rmdir (self->result_dir);
  g_clear_pointer (&self->result_dir, g_free);
  g_clear_pointer (&self->runs, g_hash_table_unref);
  g_clear_pointer (&self->base_env, g_strfreev);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_object (&self->soup);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pw_engine_parent_class)->finalize (object);
}

static void
pw_engine_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PwEngine *self = PW_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_KILL_GRACE_MS:
      g_value_set_uint (value, self->kill_grace_ms);
      break;
    case PROP_N_RUNNING:
      g_value_set_uint (value, g_hash_table_size (self->runs));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_engine_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PwEngine *self = PW_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_KILL_GRACE_MS:
      pw_engine_set_kill_grace_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_engine_constructed (GObject *object)
{
  PwEngine *self = PW_ENGINE (object);

  G_OBJECT_CLASS (pw_engine_parent_class)->constructed (object);

  g_assert (PW_IS_STORE (self->store));
  if (self->clock == NULL)
    self->clock = g_object_ref (pw_system_clock_get_default ());
}

static void
pw_engine_class_init (PwEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_engine_dispose;
  object_class->finalize = pw_engine_finalize;
  object_class->get_property = pw_engine_get_property;
  object_class->set_property = pw_engine_set_property;
  object_class->constructed = pw_engine_constructed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, PW_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KILL_GRACE_MS] =
    g_param_spec_uint ("kill-grace-ms", NULL, NULL, 0, G_MAXUINT, DEFAULT_KILL_GRACE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RUNNING] =
    g_param_spec_uint ("n-running", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwEngine::flow-run-changed:
   * @self: the engine
   * @flow_run_id: the flow run whose state changed (and is stored)
   */
  signals[FLOW_RUN_CHANGED] =
    g_signal_new ("flow-run-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PwEngine::task-run-changed:
   * @self: the engine
   * @flow_run_id: the flow run
   * @task_run_id: its task run that was created or changed state
   */
  signals[TASK_RUN_CHANGED] =
    g_signal_new ("task-run-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * PwEngine::logs-appended:
   * @self: the engine
   * @flow_run_id: the flow run
   * @n_lines: how many log lines were just stored for it
   */
  signals[LOGS_APPENDED] =
    g_signal_new ("logs-appended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
pw_engine_init (PwEngine *self)
{
  self->runs = g_hash_table_new (g_str_hash, g_str_equal);
  self->kill_grace_ms = DEFAULT_KILL_GRACE_MS;
  self->heartbeat_ms = DEFAULT_HEARTBEAT_MS;
  self->max_log_lines = DEFAULT_MAX_LOG_LINES;
  self->max_log_bytes = DEFAULT_MAX_LOG_BYTES;
  self->base_env = g_get_environ ();
  self->rand = g_rand_new ();
  pw_engine_journal_init (&self->journal);
}

/**
 * pw_engine_new:
 * @store: the store the runs live in
 * @clock: (nullable): where time comes from, or %NULL for the system clock
 *
 * Returns: (transfer full): a new engine
 */
PwEngine *
pw_engine_new (PwStore *store,
               PwClock *clock)
{
  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (clock == NULL || PW_IS_CLOCK (clock), NULL);

  return g_object_new (PW_TYPE_ENGINE, "store", store, "clock", clock, NULL);
}

/**
 * pw_engine_get_store:
 * @self: a #PwEngine
 *
 * Returns: (transfer none): the store
 */
PwStore *
pw_engine_get_store (PwEngine *self)
{
  g_return_val_if_fail (PW_IS_ENGINE (self), NULL);

  return self->store;
}

/**
 * pw_engine_get_clock:
 * @self: a #PwEngine
 *
 * Returns: (transfer none): the clock
 */
PwClock *
pw_engine_get_clock (PwEngine *self)
{
  g_return_val_if_fail (PW_IS_ENGINE (self), NULL);

  return self->clock;
}

/**
 * pw_engine_set_flow_lookup:
 * @self: a #PwEngine
 * @lookup: (nullable): finds the flow of a `subflow` task, or %NULL for the
 *   default (the latest version in the store)
 * @user_data: data for @lookup
 * @destroy: (nullable): frees @user_data
 */
void
pw_engine_set_flow_lookup (PwEngine           *self,
                           PwEngineFlowLookup  lookup,
                           gpointer            user_data,
                           GDestroyNotify      destroy)
{
  g_return_if_fail (PW_IS_ENGINE (self));

  if (self->lookup_destroy != NULL)
    self->lookup_destroy (self->lookup_data);
  self->lookup = lookup;
  self->lookup_data = user_data;
  self->lookup_destroy = destroy;
}

/**
 * pw_engine_set_kill_grace_ms:
 * @self: a #PwEngine
 * @grace_ms: how long a task's process group has between SIGTERM and
 *   SIGKILL when it times out or is cancelled (5 s unless set)
 */
void
pw_engine_set_kill_grace_ms (PwEngine *self,
                             guint     grace_ms)
{
  g_return_if_fail (PW_IS_ENGINE (self));

  if (self->kill_grace_ms == grace_ms)
    return;
  self->kill_grace_ms = grace_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KILL_GRACE_MS]);
}

/**
 * pw_engine_get_kill_grace_ms:
 * @self: a #PwEngine
 *
 * Returns: the grace period between SIGTERM and SIGKILL
 */
guint
pw_engine_get_kill_grace_ms (PwEngine *self)
{
  g_return_val_if_fail (PW_IS_ENGINE (self), 0);

  return self->kill_grace_ms;
}

/**
 * pw_engine_set_heartbeat_ms:
 * @self: a #PwEngine
 * @interval_ms: how often active runs beat their heartbeat and look for a
 *   cancel from another process (every second unless set)
 */
void
pw_engine_set_heartbeat_ms (PwEngine *self,
                            guint     interval_ms)
{
  g_return_if_fail (PW_IS_ENGINE (self));
  g_return_if_fail (interval_ms > 0);

  self->heartbeat_ms = interval_ms;
}

/**
 * pw_engine_set_max_log_lines:
 * @self: a #PwEngine
 * @max_lines: the most output lines stored per attempt of a task run
 *   (10,000 unless set); the rest is counted, not stored
 */
void
pw_engine_set_max_log_lines (PwEngine *self,
                             guint     max_lines)
{
  g_return_if_fail (PW_IS_ENGINE (self));

  self->max_log_lines = max_lines;
}

/**
 * pw_engine_set_max_log_bytes:
 * @self: a #PwEngine
 * @max_bytes: the most output bytes stored per attempt of a task run
 *   (10 MiB unless set)
 */
void
pw_engine_set_max_log_bytes (PwEngine *self,
                             gsize     max_bytes)
{
  g_return_if_fail (PW_IS_ENGINE (self));

  self->max_log_bytes = max_bytes;
}

/* For the engine's files */

/* Sources on the default main context: the engine runs on the thread that
 * runs it, and removes its sources by id. */
guint
pw_engine_timeout_add (guint       interval_ms,
                       GSourceFunc func,
                       gpointer    data)
{
  GSource *source = g_timeout_source_new (interval_ms);
  guint id;

  g_source_set_callback (source, func, data, NULL);
  id = g_source_attach (source, NULL);
  g_source_unref (source);
  return id;
}

guint
pw_engine_idle_add (const char     *name,
                    GSourceFunc     func,
                    gpointer        data,
                    GDestroyNotify  notify)
{
  GSource *source = g_idle_source_new ();
  guint id;

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, name);
  id = g_source_attach (source, NULL);
  g_source_unref (source);
  return id;
}

void
pw_engine_emit_flow_run_changed (PwEngine   *self,
                                 const char *flow_run_id)
{
  g_signal_emit (self, signals[FLOW_RUN_CHANGED], 0, flow_run_id);
}

void
pw_engine_emit_task_run_changed (PwEngine   *self,
                                 const char *flow_run_id,
                                 const char *task_run_id)
{
  g_signal_emit (self, signals[TASK_RUN_CHANGED], 0, flow_run_id, task_run_id);
}

void
pw_engine_emit_logs_appended (PwEngine   *self,
                              const char *flow_run_id,
                              guint       n_lines)
{
  g_signal_emit (self, signals[LOGS_APPENDED], 0, flow_run_id, n_lines);
}

GDateTime *
pw_engine_now (PwEngine *self)
{
  return pw_clock_get_now (self->clock);
}

const char *
pw_engine_get_result_dir (PwEngine  *self,
                          GError   **error)
{
  /* Each task run gets a file here: in memory where we can (the user's
   * runtime folder, else /dev/shm), since creating and removing a file on
   * disk costs a task more than the rest of its bookkeeping. */
  const char *bases[] = { g_getenv ("XDG_RUNTIME_DIR"), "/dev/shm", g_get_tmp_dir () };
  int saved = 0;

  for (guint i = 0; self->result_dir == NULL && i < G_N_ELEMENTS (bases); i++)
    {
      g_autofree char *template = NULL;

      if (bases[i] == NULL || !g_file_test (bases[i], G_FILE_TEST_IS_DIR))
        continue;
      template = g_build_filename (bases[i], "pipewright-results-XXXXXX", NULL);
      if (g_mkdtemp_full (template, 0700) != NULL)
        self->result_dir = g_steal_pointer (&template);
      else
        saved = errno;
    }

  if (self->result_dir == NULL)
    g_set_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID,
                 _("Could not make a folder for task results in %s: %s"),
                 g_get_tmp_dir (), g_strerror (saved));

  return self->result_dir;
}

SoupSession *
pw_engine_get_soup_session (PwEngine *self)
{
  if (self->soup == NULL)
    /* No session user-agent: libsoup would put it over a User-Agent
     * header that a task sets; pw-http-task.c adds the default itself. */
    self->soup = g_object_new (SOUP_TYPE_SESSION,
                               "timeout", 0,
                               NULL);
  return self->soup;
}

PwFlow *
pw_engine_lookup_flow (PwEngine    *self,
                       const char  *flow_name,
                       char       **out_flow_id,
                       guint       *out_version,
                       GError     **error)
{
  g_autoptr(PwFlowInfo) info = NULL;
  g_autofree char *document = NULL;
  g_autofree char *origin = NULL;
  guint version = 0;

  if (self->lookup != NULL)
    return self->lookup (self, flow_name, out_flow_id, out_version, self->lookup_data, error);

  info = pw_store_get_flow_info (self->store, flow_name, error);
  if (info == NULL)
    return NULL;
  document = pw_store_get_flow_document (self->store, flow_name, 0, &version, error);
  if (document == NULL)
    return NULL;

  origin = g_strdup_printf ("%s (version %u)", flow_name, version);
  *out_flow_id = g_strdup (pw_flow_info_get_id (info));
  *out_version = version;
  return pw_flow_file_load_data (document, strlen (document), origin, NULL, error);
}

/* Heartbeat, and cancels from elsewhere */

static gboolean
on_heartbeat (gpointer user_data)
{
  PwEngine *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify)pw_engine_run_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->runs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (runs, pw_engine_run_ref (value));

  if (pw_store_heartbeat (self->store, NULL, &error) < 0)
    g_warning ("Could not beat the heartbeat of the running flow runs: %s", error->message);

  for (guint i = 0; i < runs->len; i++)
    {
      PwEngineRun *run = g_ptr_array_index (runs, i);
      g_autoptr(PwFlowRun) stored = NULL;
      PwStateType type;

      if (run->cancelling || run->finishing)
        continue;
      stored = pw_store_get_flow_run (self->store, run->id, NULL);
      if (stored == NULL)
        continue;
      type = pw_flow_run_get_state_type (stored);
      if (type == PW_STATE_TYPE_CANCELLING || type == PW_STATE_TYPE_CANCELLED)
        pw_engine_run_cancel (run, TRUE, _("Cancelled from another process"));
    }

  return G_SOURCE_CONTINUE;
}

/* Starting and ending runs */

static gboolean
on_cancelled_idle (gpointer user_data)
{
  PwEngineRun *run = user_data;

  if (!run->finished)
    pw_engine_run_cancel (run, FALSE, _("Cancelled by the user"));
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              PwEngineRun  *run)
{
  /* Not from inside the handler: the cancel ends processes and may end
   * the run, which disconnects this handler. */
  pw_engine_idle_add ("[pw] engine cancel", on_cancelled_idle,
                      pw_engine_run_ref (run), (GDestroyNotify)pw_engine_run_unref);
}

static gboolean
add_run (PwEngine      *self,
         PwEngineRun   *run,
         GCancellable  *cancellable,
         GError       **error)
{
  const char *state_name = pw_flow_run_get_state_name (run->flow_run);
  PwStateType type = pw_flow_run_get_state_type (run->flow_run);

  if (g_hash_table_contains (self->runs, run->id))
    {
      g_set_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID,
                   _("Flow run %s is already running"), run->id);
      return FALSE;
    }
  if (type != PW_STATE_TYPE_PENDING && type != PW_STATE_TYPE_SCHEDULED)
    {
      g_set_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID,
                   _("Flow run %s is %s; only a Pending or Scheduled run can be started"),
                   run->id, state_name != NULL ? state_name : pw_state_type_get_default_name (type));
      return FALSE;
    }
  if (pw_flow_run_get_flow_name (run->flow_run) != NULL &&
      g_strcmp0 (pw_flow_run_get_flow_name (run->flow_run), pw_flow_get_name (run->flow)) != 0)
    {
      g_set_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID,
                   _("Flow run %s is a run of “%s”, not of “%s”"), run->id,
                   pw_flow_run_get_flow_name (run->flow_run), pw_flow_get_name (run->flow));
      return FALSE;
    }

  if (!pw_engine_retry_prepare (run, error))
    return FALSE;

  if (!pw_store_claim_flow_run (self->store, run->id, NULL, error))
    return FALSE;

  if (cancellable != NULL)
    {
      run->cancellable = g_object_ref (cancellable);
      run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled),
                                                 pw_engine_run_ref (run),
                                                 (GDestroyNotify)pw_engine_run_unref);
    }

  g_hash_table_insert (self->runs, run->id, run);
  if (self->heartbeat_id == 0)
    self->heartbeat_id = pw_engine_timeout_add (self->heartbeat_ms, on_heartbeat, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);

  pw_engine_run_begin (run);
  return TRUE;
}

/**
 * pw_engine_start_flow_run_async:
 * @self: a #PwEngine
 * @flow: (nullable): the flow version the run runs, or %NULL to load the
 *   run's version from the store
 * @flow_run_id: a flow run in the store, PENDING or SCHEDULED
 * @cancellable: (nullable): cancelling it cancels the run, as
 *   pw_engine_cancel_flow_run() does; the run still finishes with its
 *   final (Cancelled) state, not with %G_IO_ERROR_CANCELLED
 * @callback: called when the run has ended and its final state is stored
 * @user_data: data for @callback
 *
 * Runs a flow run: claims it, checks its parameters, and runs its tasks.
 */
void
pw_engine_start_flow_run_async (PwEngine            *self,
                                PwFlow              *flow,
                                const char          *flow_run_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PwFlowRun) flow_run = NULL;
  g_autoptr(PwFlow) loaded = NULL;
  g_autoptr(GError) error = NULL;
  PwEngineRun *run;

  g_return_if_fail (PW_IS_ENGINE (self));
  g_return_if_fail (flow == NULL || PW_IS_FLOW (flow));
  g_return_if_fail (flow_run_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_engine_start_flow_run_async);
  /* A cancelled run still ends, in a state worth returning. */
  g_task_set_check_cancellable (task, FALSE);

  flow_run = pw_store_get_flow_run (self->store, flow_run_id, &error);
  if (flow_run == NULL)
    {
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        g_task_return_new_error (task, PW_ENGINE_ERROR, PW_ENGINE_ERROR_NOT_FOUND,
                                 "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (flow == NULL)
    {
      flow = loaded = pw_engine_load_flow_version (self, flow_run_id, &error);
      if (flow == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  run = pw_engine_run_new (self, flow, flow_run);
  run->task = g_object_ref (task);
  if (!add_run (self, run, cancellable, &error))
    {
      g_clear_object (&run->task);
      pw_engine_run_unref (run);
      g_task_return_error (task, g_steal_pointer (&error));
    }
}

/**
 * pw_engine_start_flow_run_finish:
 * @self: a #PwEngine
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the run as stored at its end (Completed,
 *   Failed, Cancelled, Crashed), or %NULL with @error set if it could not
 *   be run at all or the store failed
 */
PwFlowRun *
pw_engine_start_flow_run_finish (PwEngine      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (PW_IS_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
pw_engine_start_child (PwEngine      *self,
                       PwFlow        *flow,
                       PwFlowRun     *flow_run,
                       PwEngineUnit  *parent_unit,
                       GError       **error)
{
  PwEngineRun *run = pw_engine_run_new (self, flow, flow_run);

  run->parent_unit = parent_unit;
  if (!add_run (self, run, parent_unit->cancellable, error))
    {
      pw_engine_run_unref (run);
      return FALSE;
    }
  return TRUE;
}

/* Called once a run's final state is stored (or could not be). */
void
pw_engine_run_ended (PwEngine    *self,
                     PwEngineRun *run)
{
  g_autoptr(GTask) task = g_steal_pointer (&run->task);
  PwEngineUnit *parent_unit = g_steal_pointer (&run->parent_unit);

  g_assert (!run->finished);
  run->finished = TRUE;
  run->finishing = TRUE;
  g_hash_table_remove (self->runs, run->id);

  if (run->cancellable != NULL)
    {
      g_cancellable_disconnect (run->cancellable, run->cancelled_id);
      run->cancelled_id = 0;
    }

  /* Idle: nothing is left behind, even by a program that never finalizes
   * its engine (the folder comes back with the next run). */
  if (g_hash_table_size (self->runs) == 0)
    {
      g_clear_handle_id (&self->heartbeat_id, g_source_remove);
      if (self->result_dir != NULL)
        g_rmdir (self->result_dir);
      g_clear_pointer (&self->result_dir, g_free);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);

  if (parent_unit != NULL)
    pw_engine_exec_child_ended (parent_unit, run);

  if (task != NULL)
    {
      if (run->error != NULL)
        g_task_return_new_error (task, PW_ENGINE_ERROR, PW_ENGINE_ERROR_STORE,
                                 _("Flow run %s stopped: the store failed: %s"),
                                 run->id, run->error->message);
      else
        {
          g_autoptr(GError) error = NULL;
          PwFlowRun *stored = pw_store_get_flow_run (self->store, run->id, &error);

          if (stored != NULL)
            g_task_return_pointer (task, stored, g_object_unref);
          else
            g_task_return_error (task, g_steal_pointer (&error));
        }
    }

  pw_engine_run_unref (run);
}

/**
 * pw_engine_cancel_flow_run:
 * @self: a #PwEngine
 * @flow_run_id: a flow run this engine runs
 *
 * Cancels a run: its running task runs are stopped (their process groups
 * get SIGTERM, then SIGKILL after the grace period) and end Cancelled, the
 * rest NotRun, and the run ends Cancelled.
 *
 * Returns: %TRUE if the run is running here and is now being cancelled
 */
gboolean
pw_engine_cancel_flow_run (PwEngine   *self,
                           const char *flow_run_id)
{
  PwEngineRun *run;

  g_return_val_if_fail (PW_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (flow_run_id != NULL, FALSE);

  run = g_hash_table_lookup (self->runs, flow_run_id);
  if (run == NULL || run->finishing)
    return FALSE;

  pw_engine_run_cancel (run, FALSE, _("Cancelled by the user"));
  return TRUE;
}

/**
 * pw_engine_is_running:
 * @self: a #PwEngine
 * @flow_run_id: a flow run
 *
 * Returns: whether this engine is running @flow_run_id
 */
gboolean
pw_engine_is_running (PwEngine   *self,
                      const char *flow_run_id)
{
  g_return_val_if_fail (PW_IS_ENGINE (self), FALSE);

  return g_hash_table_contains (self->runs, flow_run_id);
}

/**
 * pw_engine_get_n_running:
 * @self: a #PwEngine
 *
 * Returns: how many flow runs (sub-flow runs included) are running
 */
guint
pw_engine_get_n_running (PwEngine *self)
{
  g_return_val_if_fail (PW_IS_ENGINE (self), 0);

  return g_hash_table_size (self->runs);
}
