/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-scheduler"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pw-fake-clock.h"
#include "pw-scheduler.h"
#include "pw-store.h"

/*
 * bench-scheduler: 1,000 deployments (a third on 1-minute intervals, a
 * third on crons, a third on rrules, in several time zones) scheduled for
 * 10 simulated hours on a fake clock, with a tick every simulated minute
 * and no agent (so every run also goes Late). The 10 hours start at
 * 2026-03-29 00:00:30 UTC and cross the spring-forward of Europe's zones.
 *
 * It reports the runs made, the duplicates (two runs of one deployment for
 * one time, or one idempotency key twice: must be 0), the missed times
 * (each schedule's own times in the 10 hours without a run: must be 0, and
 * no run at a time the schedule does not have), and the scheduler's CPU
 * time (getrusage) per simulated hour. The peer, measured in the same run,
 * is the store's floor: the same number of SCHEDULED runs inserted
 * straight through pw_store_create_flow_run() in batches, with nothing to
 * decide.
 *
 *   bench-scheduler [N_DEPLOYMENTS [HOURS]] [--keep]
 */

#define BATCH 1000

static const char *cron_exprs[] = {
  "* * * * *", "*/2 * * * *", "*/5 * * * *", "*/15 * * * *", "0 * * * *", "30 */2 * * *",
  "0 3 * * *", "15,45 * * * *", "0 9-17 * * 1-5", "0 0 * * *", "10 2 * * 0", "0 0 1 * *",
};
static const char *rrules[] = {
  "FREQ=MINUTELY;INTERVAL=5", "FREQ=MINUTELY;INTERVAL=1", "FREQ=HOURLY;BYMINUTE=0,20,40",
  "FREQ=HOURLY;INTERVAL=2", "FREQ=DAILY;BYHOUR=2,3,4;BYMINUTE=30",
  "FREQ=WEEKLY;BYDAY=SU,MO;BYHOUR=1,6;BYMINUTE=0", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0",
  "FREQ=MINUTELY;INTERVAL=10",
};
static const char *zones[] = {
  "UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London",
  "Australia/Sydney",
};

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
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static char *
schedule_json (guint i)
{
  const char *zone = zones[i % G_N_ELEMENTS (zones)];

  switch (i % 3)
    {
    case 0:
      /* Anchors at odd seconds, so that runs do not all fall together. */
      return g_strdup_printf ("{\"interval\": 60, \"anchor_date\": \"2026-01-01T00:00:%02u+00:00\","
                              " \"timezone\": \"%s\"}", (i * 7) % 60, zone);
    case 1:
      return g_strdup_printf ("{\"cron\": \"%s\", \"timezone\": \"%s\", \"day_or\": true}",
                              cron_exprs[(i / 3) % G_N_ELEMENTS (cron_exprs)], zone);
    default:
      return g_strdup_printf ("{\"rrule\": \"DTSTART:20260101T000000\\nRRULE:%s\","
                              " \"timezone\": \"%s\"}",
                              rrules[(i / 3) % G_N_ELEMENTS (rrules)], zone);
    }
}

typedef struct
{
  guint64 created;
  guint64 late;
} Counts;

static void
on_created (PwScheduler *scheduler,
            GStrv        ids,
            Counts      *counts)
{
  counts->created += g_strv_length (ids);
}

static void
on_late (PwScheduler *scheduler,
         GStrv        ids,
         Counts      *counts)
{
  counts->late += g_strv_length (ids);
}

static gint64
usec_of (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static gint64
query_count (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Compares each deployment's runs in [start, end] with its schedule's own
 * times there. */
static void
verify (const char *path,
        GPtrArray  *deployments,
        GDateTime  *start,
        GDateTime  *end,
        guint64    *out_expected,
        guint64    *out_missed,
        guint64    *out_extra,
        gint64     *out_duplicates,
        gint64     *out_duplicate_keys)
{
  g_autoptr(GHashTable) made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify)g_hash_table_unref);
  g_autoptr(GDateTime) before_start = g_date_time_add (start, -1);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  *out_expected = *out_missed = *out_extra = 0;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  *out_duplicates = query_count (db, "SELECT count(*) FROM (SELECT 1 FROM flow_runs"
                                     " WHERE auto_scheduled = 1 GROUP BY deployment_id,"
                                     " expected_start_time HAVING count(*) > 1)");
  *out_duplicate_keys = query_count (db, "SELECT count(*) FROM (SELECT 1 FROM flow_runs"
                                         " WHERE idempotency_key IS NOT NULL GROUP BY flow_id,"
                                         " idempotency_key HAVING count(*) > 1)");

  sqlite3_prepare_v2 (db, "SELECT deployment_id, expected_start_time FROM flow_runs"
                          " WHERE auto_scheduled = 1 AND expected_start_time BETWEEN ? AND ?",
                      -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, usec_of (start));
  sqlite3_bind_int64 (stmt, 2, usec_of (end));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      GHashTable *times = g_hash_table_lookup (made, id);
      gint64 *t = g_new (gint64, 1);

      if (times == NULL)
        {
          times = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
          g_hash_table_insert (made, g_strdup (id), times);
        }
      *t = sqlite3_column_int64 (stmt, 1);
      g_hash_table_add (times, t);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  for (guint i = 0; i < deployments->len; i++)
    {
      PwDeployment *deployment = g_ptr_array_index (deployments, i);
      GHashTable *times = g_hash_table_lookup (made, pw_deployment_get_id (deployment));
      g_autoptr(GDateTime) after = g_date_time_ref (before_start);
      guint found = 0;

      for (;;)
        {
          g_autoptr(GPtrArray) next = pw_schedule_get_next (pw_deployment_get_schedule (deployment),
                                                            after, 1000, end);

          for (guint j = 0; j < next->len; j++)
            {
              gint64 t = usec_of (g_ptr_array_index (next, j));

              (*out_expected)++;
              if (times != NULL && g_hash_table_contains (times, &t))
                found++;
              else
                (*out_missed)++;
            }
          if (next->len < 1000)
            break;
          g_date_time_unref (after);
          after = g_date_time_ref (g_ptr_array_index (next, next->len - 1));
        }

      if (times != NULL)
        *out_extra += g_hash_table_size (times) - found;
    }
}

/* The peer: @n SCHEDULED runs straight into a fresh store. */
static double
bare_inserts (const char *dir,
              guint       n,
              GDateTime  *start)
{
  g_autofree char *path = g_build_filename (dir, "bare.db", NULL);
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  double cpu;

  store = pw_store_open (path, &error);
  check (store != NULL, "open the peer's store", error);
  info = pw_store_save_flow (store, "bench", NULL, NULL, 1,
                             "{\"format\": \"pipewright-flow/1\", \"name\": \"bench\"}", &error);
  check (info != NULL, "save the flow", error);

  cpu = cpu_seconds ();
  for (guint i = 0; i < n; i += BATCH)
    {
      check (pw_store_begin (store, &error), "begin", error);
      for (guint j = i; j < MIN (i + BATCH, n); j++)
        {
          g_autoptr(PwFlowRun) request = pw_flow_run_new ();
          g_autoptr(PwFlowRun) run = NULL;
          g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
          g_autoptr(GDateTime) when = g_date_time_add_seconds (start, j);
          g_autofree char *key = g_strdup_printf ("scheduled bench %u", j);

          pw_flow_run_set_flow_name (request, "bench");
          pw_flow_run_set_idempotency_key (request, key);
          pw_flow_run_set_auto_scheduled (request, TRUE);
          pw_flow_run_set_work_queue_name (request, "default");
          pw_state_set_scheduled_time (state, when);
          run = pw_store_create_flow_run (store, request, state, NULL, &error);
          check (run != NULL, "insert a run", error);
        }
      check (pw_store_commit (store, &error), "commit", error);
    }

  return cpu_seconds () - cpu;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 29, 0, 0, 30);
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(PwClock) clock = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwScheduler) scheduler = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GPtrArray) deployments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_deployments = 1000;
  guint hours = 10;
  gboolean keep = FALSE;
  Counts counts = { 0 };
  guint64 expected, missed, extra;
  gint64 duplicates, duplicate_keys;
  double cpu_total = 0, wall_start, bare_cpu;
  guint n_peer;
  GStatBuf st;
  int n_args = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
      else if (n_args++ == 0)
        n_deployments = atoi (argv[i]);
      else
        hours = atoi (argv[i]);
    }

  dir = g_dir_make_tmp ("bench-scheduler-XXXXXX", &error);
  check (dir != NULL, "make a folder", error);
  path = g_build_filename (dir, "pipewright.db", NULL);
  store = pw_store_open (path, &error);
  check (store != NULL, "open the store", error);
  clock = pw_fake_clock_new (start);
  end = g_date_time_add_hours (start, hours);

  info = pw_store_save_flow (store, "bench", NULL, NULL, 1,
                             "{\"format\": \"pipewright-flow/1\", \"name\": \"bench\"}", &error);
  check (info != NULL, "save the flow", error);

  for (guint i = 0; i < n_deployments; i++)
    {
      g_autofree char *name = g_strdup_printf ("d%04u", i);
      g_autofree char *json = schedule_json (i);
      g_autoptr(PwDeployment) deployment = pw_deployment_new ("bench", name);
      g_autoptr(PwSchedule) schedule = pw_schedule_new_from_string (json, &error);
      PwDeployment *stored;

      check (schedule != NULL, json, error);
      pw_deployment_set_schedule (deployment, schedule);
      pw_deployment_set_tags (deployment, (const char * const[]) { i % 2 ? "odd" : "even", NULL });
      stored = pw_store_put_deployment (store, deployment, NULL, &error);
      check (stored != NULL, "save a deployment", error);
      g_ptr_array_add (deployments, stored);
    }

  scheduler = pw_scheduler_new (store, clock);
  g_signal_connect (scheduler, "flow-runs-created", G_CALLBACK (on_created), &counts);
  g_signal_connect (scheduler, "flow-runs-late", G_CALLBACK (on_late), &counts);

  printf ("%u deployments (%u intervals of 1 min, %u crons, %u rrules; %u zones), "
          "%u simulated hours from 2026-03-29 00:00:30 UTC, a tick a minute, no agent\n\n",
          n_deployments, (n_deployments + 2) / 3, (n_deployments + 1) / 3, n_deployments / 3,
          (guint)G_N_ELEMENTS (zones), hours);
  printf ("%5s %12s %12s %14s %14s\n", "hour", "runs made", "runs late", "CPU (s)",
          "max tick (ms)");

  wall_start = g_get_monotonic_time () / 1e6;
  for (guint hour = 0; hour < hours; hour++)
    {
      guint64 created_before = counts.created;
      guint64 late_before = counts.late;
      double cpu_hour = 0, max_tick = 0;

      for (guint minute = 0; minute < 60; minute++)
        {
          double before = cpu_seconds ();
          double wall = g_get_monotonic_time () / 1e3;
          double tick;

          check (pw_scheduler_tick (scheduler, &error), "tick", error);
          cpu_hour += cpu_seconds () - before;
          tick = g_get_monotonic_time () / 1e3 - wall;
          max_tick = MAX (max_tick, tick);
          pw_fake_clock_advance (PW_FAKE_CLOCK (clock), 60 * G_USEC_PER_SEC);
        }

      cpu_total += cpu_hour;
      printf ("%5u %12" G_GUINT64_FORMAT " %12" G_GUINT64_FORMAT " %14.3f %14.1f\n", hour + 1,
              counts.created - created_before, counts.late - late_before, cpu_hour, max_tick);
    }

  /* The last tick, at the end of the last hour. */
  {
    double before = cpu_seconds ();

    check (pw_scheduler_tick (scheduler, &error), "tick", error);
    cpu_total += cpu_seconds () - before;
  }
  printf ("\nwall time of the simulation: %.1f s\n", g_get_monotonic_time () / 1e6 - wall_start);

  verify (path, deployments, start, end, &expected, &missed, &extra, &duplicates,
          &duplicate_keys);
  g_stat (path, &st);

  printf ("runs made:                %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT " marked Late)\n",
          counts.created, counts.late);
  printf ("schedule times in the %u h: %" G_GUINT64_FORMAT "\n", hours, expected);
  printf ("missed:                   %" G_GUINT64_FORMAT "\n", missed);
  printf ("runs at no schedule time: %" G_GUINT64_FORMAT "\n", extra);
  printf ("duplicates:               %" G_GINT64_FORMAT " (deployment, time), %" G_GINT64_FORMAT
          " (idempotency key)\n", duplicates, duplicate_keys);
  printf ("scheduler CPU:            %.3f s in all, %.3f s per simulated hour,"
          " %.1f µs per run made\n",
          cpu_total, cpu_total / hours, cpu_total * 1e6 / MAX (counts.created, 1));
  printf ("database:                 %.1f MB\n", st.st_size / 1e6);

  /* The peer: the same number of runs (up to 200,000) straight in. */
  n_peer = MIN (counts.created, 200000);
  bare_cpu = bare_inserts (dir, n_peer, start);
  printf ("\npeer, bare pw_store_create_flow_run() of %u SCHEDULED runs in batches of %d:"
          " %.3f s, %.1f µs per run\n", n_peer, BATCH, bare_cpu, bare_cpu * 1e6 / MAX (n_peer, 1));
  printf ("ratio, scheduler CPU per run made / bare insert per run: %.2f\n",
          (cpu_total / MAX (counts.created, 1)) / (bare_cpu / MAX (n_peer, 1)));

  g_clear_object (&scheduler);
  g_clear_object (&store);
  if (keep)
    printf ("\nkept %s\n", path);
  else
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

      if (system (command) != 0)
        g_printerr ("could not remove %s\n", dir);
    }

  return duplicates == 0 && duplicate_keys == 0 && missed == 0 && extra == 0 ? 0 : 1;
}
