/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-local-backend"

#include "config.h"

#include "pw-local-backend-private.h"
#include "pw-store-changes.h"

/*
 * Watching the database for the writes of other processes: an agent or
 * `pipewright-cli run` next to the app, an agent next to `serve`.
 *
 * A thread of its own polls a #PwStoreChanges every watch-interval-ms
 * (which, when nothing was committed, costs one `PRAGMA data_version`)
 * and hands what others changed to the backend's main context, where the
 * backend emits its signals as it does for its own changes. What the
 * backend writes itself (its store is tracked) is not reported again.
 *
 * A database that cannot be read (removed, locked, damaged) is warned
 * about once, and polled again every interval until it can be read.
 */

struct _PwLocalBackendWatch
{
  GWeakRef        backend;
  GMainContext   *context;
  PwStoreChanges *changes;
  guint           interval_ms;
  GThread        *thread;
  gint            n_failures;       /* atomic */
  gboolean        failing;          /* warned, not read since (thread) */

  GMutex          lock;
  GCond           cond;
  gboolean        stopping;
};

static PwLocalBackendWatch *
watch_ref (PwLocalBackendWatch *watch)
{
  return g_atomic_rc_box_acquire (watch);
}

static void
watch_clear (PwLocalBackendWatch *watch)
{
  g_weak_ref_clear (&watch->backend);
  g_main_context_unref (watch->context);
  g_mutex_clear (&watch->lock);
  g_cond_clear (&watch->cond);
}

static void
watch_unref (PwLocalBackendWatch *watch)
{
  g_atomic_rc_box_release_full (watch, (GDestroyNotify)watch_clear);
}

typedef struct
{
  PwLocalBackendWatch *watch;
  PwStoreChangeSet    *changes;
} Emission;

static void
emission_free (Emission *emission)
{
  watch_unref (emission->watch);
  pw_store_change_set_free (emission->changes);
  g_free (emission);
}

/* On the backend's main context. */
static gboolean
emit_cb (gpointer data)
{
  Emission *emission = data;
  PwStoreChangeSet *changes = emission->changes;
  g_autoptr(PwLocalBackend) self = g_weak_ref_get (&emission->watch->backend);
  PwBackend *backend = PW_BACKEND (self);

  /* Stopped (or restarted) since. */
  if (self == NULL || self->watch != emission->watch)
    return G_SOURCE_REMOVE;

  if (changes->flows)
    pw_backend_emit_flows_changed (backend);
  if (changes->deployments)
    pw_backend_emit_deployments_changed (backend);
  if (changes->work_queues)
    pw_backend_emit_work_queues_changed (backend);
  for (guint i = 0; i < changes->flow_runs->len; i++)
    pw_backend_emit_flow_run_changed (backend, g_ptr_array_index (changes->flow_runs, i));
  for (guint i = 0; i + 1 < changes->task_runs->len; i += 2)
    pw_backend_emit_task_run_changed (backend,
                                      g_ptr_array_index (changes->task_runs, i),
                                      g_ptr_array_index (changes->task_runs, i + 1));
  for (guint i = 0; i < changes->logs->len; i++)
    {
      PwLogsChange *logs = &g_array_index (changes->logs, PwLogsChange, i);

      pw_backend_emit_logs_appended (backend, logs->flow_run_id, logs->n_lines);
    }

  return G_SOURCE_REMOVE;
}

/* Waits one interval; FALSE when stopping. */
static gboolean
wait_interval (PwLocalBackendWatch *watch)
{
  gint64 end = g_get_monotonic_time () + (gint64)watch->interval_ms * G_TIME_SPAN_MILLISECOND;
  gboolean stopping;

  g_mutex_lock (&watch->lock);
  while (!watch->stopping && g_cond_wait_until (&watch->cond, &watch->lock, end))
    ;
  stopping = watch->stopping;
  g_mutex_unlock (&watch->lock);

  return !stopping;
}

static gpointer
watch_thread (gpointer data)
{
  PwLocalBackendWatch *watch = data;

  while (wait_interval (watch))
    {
      g_autoptr(PwStoreChangeSet) changes = NULL;
      g_autoptr(GError) error = NULL;
      GSource *source;
      Emission *emission;

      if (!pw_store_changes_poll (watch->changes, &changes, &error))
        {
          /* Once per spell of trouble, not every interval. */
          if (!watch->failing)
            g_warning ("%s", error->message);
          watch->failing = TRUE;
          g_atomic_int_inc (&watch->n_failures);
          continue;
        }
      if (watch->failing)
        g_debug ("Watching the database for other processes’ changes again");
      watch->failing = FALSE;

      if (changes == NULL)
        continue;

      /* An idle source, never a call in this thread: the backend's
       * signals are only ever emitted on its main context. */
      emission = g_new0 (Emission, 1);
      emission->watch = watch_ref (watch);
      emission->changes = g_steal_pointer (&changes);
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_cb, emission, (GDestroyNotify)emission_free);
      g_source_set_static_name (source, "[pipewright] database changes");
      g_source_attach (source, watch->context);
      g_source_unref (source);
    }

  return NULL;
}

/**
 * _pw_local_backend_watch_start:
 * @self: a #PwLocalBackend whose store is open
 *
 * Starts watching the database every self->watch_interval_ms (stopping
 * first any watch under way); 0 watches nothing.
 */
void
_pw_local_backend_watch_start (PwLocalBackend *self)
{
  PwLocalBackendWatch *watch;
  g_autoptr(GError) error = NULL;

  _pw_local_backend_watch_stop (self);
  if (self->watch_interval_ms == 0 || self->store == NULL)
    return;

  watch = g_atomic_rc_box_new0 (PwLocalBackendWatch);
  g_weak_ref_init (&watch->backend, self);
  watch->context = g_main_context_ref (self->context);
  watch->interval_ms = self->watch_interval_ms;
  g_mutex_init (&watch->lock);
  g_cond_init (&watch->cond);

  watch->changes = pw_store_changes_new (self->db_path);
  pw_store_changes_track (watch->changes, self->store);
  for (guint i = 0; i < self->own_stores->len; i++)
    pw_store_changes_track (watch->changes, g_ptr_array_index (self->own_stores, i));

  /* Here, not in the thread: what is committed once the backend exists
   * is reported. A failure is retried by the thread. */
  if (!pw_store_changes_start (watch->changes, &error))
    {
      g_warning ("%s", error->message);
      watch->n_failures++;
      watch->failing = TRUE;
    }

  watch->thread = g_thread_new ("pw-watch", watch_thread, watch_ref (watch));
  self->watch = watch;
}

/**
 * _pw_local_backend_watch_track:
 * @self: a #PwLocalBackend
 * @store: a store of this process
 *
 * Leaves out of the watch under way, if any, what is written through
 * @store (the hooks are set under the store's lock; the thread polling
 * meets them only under the feed's mutex).
 */
void
_pw_local_backend_watch_track (PwLocalBackend *self,
                               PwStore        *store)
{
  if (self->watch != NULL)
    pw_store_changes_track (self->watch->changes, store);
}

/**
 * _pw_local_backend_watch_stop:
 * @self: a #PwLocalBackend
 *
 * Stops the watch, waiting for its thread to end. Changes it found and
 * not yet emitted are dropped.
 */
void
_pw_local_backend_watch_stop (PwLocalBackend *self)
{
  PwLocalBackendWatch *watch = g_steal_pointer (&self->watch);

  if (watch == NULL)
    return;

  g_mutex_lock (&watch->lock);
  watch->stopping = TRUE;
  g_cond_signal (&watch->cond);
  g_mutex_unlock (&watch->lock);

  g_thread_join (watch->thread);
  watch_unref (watch);   /* the thread's */
  g_clear_pointer (&watch->changes, pw_store_changes_free);
  watch_unref (watch);
}

/**
 * _pw_local_backend_watch_get_n_reads:
 *
 * Returns: how many times the watch read the database because something
 *   had been committed (for tests and benchmarks)
 */
guint64
_pw_local_backend_watch_get_n_reads (PwLocalBackend *self)
{
  return self->watch != NULL ? pw_store_changes_get_n_reads (self->watch->changes) : 0;
}

/**
 * _pw_local_backend_watch_get_n_failures:
 *
 * Returns: how many times the watch could not read the database (for
 *   tests)
 */
guint
_pw_local_backend_watch_get_n_failures (PwLocalBackend *self)
{
  return self->watch != NULL ? (guint)g_atomic_int_get (&self->watch->n_failures) : 0;
}
