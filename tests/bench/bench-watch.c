/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-watch"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pw-local-backend.h"
#include "pw-log-entry.h"
#include "pw-state.h"
#include "pw-store.h"

/*
 * bench-watch: what watching the database for other processes costs.
 *
 * Idle: the CPU time this process uses over SECONDS with nothing
 * committed, with the watch at its default interval and at 50 ms, against
 * the same with the watch off (the peer: the main loop alone).
 *
 * Latency: another connection (as another process would: sqlite cannot
 * tell) commits a flow-run state at a random moment; the time from the
 * end of its commit to the backend's flow-run-changed on the main loop,
 * over N commits, for each interval. Half the interval is expected.
 *
 * Busy: a thread commits a log line every 10 ms (a chatty agent) for
 * SECONDS, with 1,000 flows in the database (all read at each look); the
 * CPU time of this process less the writer thread's, watch on against
 * watch off.
 *
 *   bench-watch [SECONDS [N]]
 */

static void
check (gboolean     ok,
       const char  *what,
       GError      *error)
{
  if (!ok)
    {
      g_printerr ("%s: %s\n", what, error != NULL ? error->message : "failed");
      exit (1);
    }
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gboolean
stop_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (double seconds)
{
  gboolean over = FALSE;

  g_timeout_add ((guint)(seconds * 1000), stop_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

static double
idle_cpu (PwBackend *backend,
          guint      interval_ms,
          double     seconds)
{
  double before;

  g_object_set (backend, "watch-interval-ms", interval_ms, NULL);
  spin (0.2);
  before = cpu_seconds ();
  spin (seconds);
  return cpu_seconds () - before;
}

static double
thread_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

typedef struct
{
  PwStore    *store;
  const char *run_id;
  double      seconds;
  double      cpu;      /* out: the writer thread's CPU time */
  guint       n;        /* out: commits */
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  gint64 end = g_get_monotonic_time () + (gint64)(writer->seconds * G_USEC_PER_SEC);
  double before = thread_cpu_seconds ();

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (entries, pw_log_entry_new (writer->run_id, NULL, "bench", 20, "a line", now));
      check (pw_store_append_logs (writer->store, entries, &error), "append logs", error);
      writer->n++;
      g_usleep (10000);
    }
  writer->cpu = thread_cpu_seconds () - before;
  return NULL;
}

static guint log_lines_heard;

static void
on_logs_appended (PwBackend  *backend,
                  const char *flow_run_id,
                  guint       n_lines,
                  gpointer    data)
{
  log_lines_heard += n_lines;
}

static double
busy_cpu (PwBackend  *backend,
          PwStore    *other,
          const char *run_id,
          guint       interval_ms,
          double      seconds,
          guint      *out_commits)
{
  Writer writer = { other, run_id, seconds, 0, 0 };
  GThread *thread;
  double before;
  double used;

  g_object_set (backend, "watch-interval-ms", interval_ms, NULL);
  spin (0.2);
  before = cpu_seconds ();
  thread = g_thread_new ("writer", writer_thread, &writer);
  spin (seconds);
  g_thread_join (thread);
  spin (2.0 * interval_ms / 1000);
  used = cpu_seconds () - before - writer.cpu;
  *out_commits = writer.n;
  return used;
}

typedef struct
{
  const char *id;
  gint64      heard;
} Waiter;

static void
on_flow_run_changed (PwBackend  *backend,
                     const char *id,
                     Waiter     *waiter)
{
  if (waiter->heard == 0 && g_strcmp0 (id, waiter->id) == 0)
    waiter->heard = g_get_monotonic_time ();
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
latency (PwBackend  *backend,
         PwStore    *other,
         const char *run_id,
         guint       interval_ms,
         guint       n)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  Waiter waiter = { run_id, 0 };
  gulong handler;
  double sum = 0;

  g_object_set (backend, "watch-interval-ms", interval_ms, NULL);
  handler = g_signal_connect (backend, "flow-run-changed", G_CALLBACK (on_flow_run_changed), &waiter);
  spin (0.1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwState) state = pw_state_new (i % 2 == 0 ? PW_STATE_TYPE_PAUSED : PW_STATE_TYPE_RUNNING,
                                               NULL, NULL);
      g_autoptr(GError) error = NULL;
      gint64 committed;
      double ms;

      /* A random moment within the interval. */
      spin (g_random_double_range (0, interval_ms / 1000.0));
      waiter.heard = 0;
      check (pw_store_set_flow_run_state (other, run_id, state, &error), "set state", error);
      committed = g_get_monotonic_time ();
      while (waiter.heard == 0)
        g_main_context_iteration (NULL, TRUE);
      ms = (waiter.heard - committed) / 1000.0;
      g_array_append_val (times, ms);
      sum += ms;
    }

  g_signal_handler_disconnect (backend, handler);
  g_array_sort (times, compare_doubles);
  printf ("latency  interval %4u ms: mean %6.1f ms  median %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%u commits)\n",
          interval_ms, sum / n,
          g_array_index (times, double, n / 2),
          g_array_index (times, double, MIN (n - 1, n * 95 / 100)),
          g_array_index (times, double, n - 1), n);
}

int
main (int   argc,
      char *argv[])
{
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 10;
  guint n = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 40;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *command = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwStore) other = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  guint default_interval = 0;
  double off;
  double on;
  double fast;

  if (seconds <= 0 || n == 0)
    {
      g_printerr ("usage: bench-watch [SECONDS [N]]\n");
      return 2;
    }

  dir = g_dir_make_tmp ("pw-bench-watch-XXXXXX", &error);
  check (dir != NULL, "temporary folder", error);
  db = g_build_filename (dir, "bench.db", NULL);
  backend = pw_local_backend_new (db, &error);
  check (backend != NULL, "open backend", error);
  g_object_get (backend, "watch-interval-ms", &default_interval, NULL);
  other = pw_store_open (db, &error);
  check (other != NULL, "open store", error);

  info = pw_store_save_flow (other, "bench", NULL, NULL, 0,
                             "{\"format\": \"pipewright-flow/1\", \"name\": \"bench\", \"tasks\": []}",
                             &error);
  check (info != NULL, "save flow", error);
  pw_flow_run_set_flow_id (request, pw_flow_info_get_id (info));
  run = pw_store_create_flow_run (other, request, NULL, NULL, &error);
  check (run != NULL, "create run", error);

  printf ("bench-watch: idle CPU over %.0f s, latency over %u commits\n", seconds, n);
  off = idle_cpu (backend, 0, seconds);
  on = idle_cpu (backend, default_interval, seconds);
  fast = idle_cpu (backend, 50, seconds);
  printf ("idle CPU  watch off (peer):     %8.2f ms  (%.4f %% of a core)\n",
          off * 1000, off / seconds * 100);
  printf ("idle CPU  watch every %3u ms:   %8.2f ms  (%.4f %% of a core; %.2f ms more than off)\n",
          default_interval, on * 1000, on / seconds * 100, (on - off) * 1000);
  printf ("idle CPU  watch every  50 ms:   %8.2f ms  (%.4f %% of a core; %.2f ms more than off)\n",
          fast * 1000, fast / seconds * 100, (fast - off) * 1000);

  latency (backend, other, pw_flow_run_get_id (run), default_interval, n);
  latency (backend, other, pw_flow_run_get_id (run), 50, n);

  check (pw_store_begin (other, &error), "begin", error);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("flow-%04u", i);
      g_autoptr(PwFlowInfo) flow = NULL;

      flow = pw_store_save_flow (other, name, NULL, NULL, 0,
                                 "{\"format\": \"pipewright-flow/1\", \"tasks\": []}", &error);
      check (flow != NULL, "save flow", error);
    }
  check (pw_store_commit (other, &error), "commit", error);
  g_signal_connect (backend, "logs-appended", G_CALLBACK (on_logs_appended), NULL);
  {
    guint commits_off = 0;
    guint commits_on = 0;
    double busy_off = busy_cpu (backend, other, pw_flow_run_get_id (run), 0, seconds, &commits_off);
    double busy_on;

    log_lines_heard = 0;
    busy_on = busy_cpu (backend, other, pw_flow_run_get_id (run), default_interval, seconds,
                        &commits_on);
    printf ("busy CPU  watch off (peer):     %8.2f ms  (%u commits by another connection, 1,001 flows)\n",
            busy_off * 1000, commits_off);
    printf ("busy CPU  watch every %3u ms:   %8.2f ms  (%u commits, %u lines reported; %.2f ms more than off,"
            " %.3f ms per look)\n",
            default_interval, busy_on * 1000, commits_on, log_lines_heard, (busy_on - busy_off) * 1000,
            (busy_on - busy_off) * 1000 / (seconds * 1000 / default_interval));
  }

  g_clear_object (&other);
  g_clear_object (&backend);
  command = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (command) != 0)
    g_printerr ("could not remove %s\n", dir);
  return 0;
}
