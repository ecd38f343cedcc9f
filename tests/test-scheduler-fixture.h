/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "pw-fake-clock.h"
#include "pw-scheduler.h"
#include "pw-store.h"
#include "test-store-fixture.h"

/*
 * The fixture of the deployment, work-queue and scheduler tests: a store on
 * a temporary file, a fake clock at 2026-11-26 12:00:30 UTC, and a flow
 * `etl` to deploy.
 */
typedef struct
{
  StoreFixture  base;
  PwClock      *clock;
  char         *flow_id;
} SchedFixture;

static inline GDateTime *
sched_time (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

static inline void
sched_fixture_set_up (SchedFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) start = sched_time ("2026-11-26T12:00:30Z");

  store_fixture_set_up (&fixture->base, data);
  fixture->clock = pw_fake_clock_new (start);
  fixture->flow_id = store_test_save_flow (fixture->base.store, "etl", NULL);
}

static inline void
sched_fixture_tear_down (SchedFixture  *fixture,
                         gconstpointer  data)
{
  g_clear_pointer (&fixture->flow_id, g_free);
  g_assert_finalize_object (g_steal_pointer (&fixture->clock));
  store_fixture_tear_down (&fixture->base, data);
}

#define sched_test_add(path, func) \
  g_test_add (path, SchedFixture, NULL, sched_fixture_set_up, func, sched_fixture_tear_down)

static inline void
sched_set_now (SchedFixture *fixture,
               const char   *iso)
{
  g_autoptr(GDateTime) now = sched_time (iso);

  pw_fake_clock_set_now (PW_FAKE_CLOCK (fixture->clock), now);
}

static inline void
sched_advance (SchedFixture *fixture,
               double        seconds)
{
  pw_fake_clock_advance (PW_FAKE_CLOCK (fixture->clock), (GTimeSpan)(seconds * G_USEC_PER_SEC));
}

/* Saves the deployment `etl/NAME` with @schedule (JSON, or NULL). */
static inline PwDeployment *
sched_deploy (SchedFixture *fixture,
              const char   *name,
              const char   *schedule,
              const char   *queue)
{
  g_autoptr(PwDeployment) deployment = pw_deployment_new ("etl", name);
  g_autoptr(GError) error = NULL;
  PwDeployment *stored;

  if (schedule != NULL)
    {
      g_autoptr(PwSchedule) parsed = pw_schedule_new_from_string (schedule, &error);

      g_assert_no_error (error);
      pw_deployment_set_schedule (deployment, parsed);
    }
  pw_deployment_set_work_queue_name (deployment, queue);

  stored = pw_store_put_deployment (fixture->base.store, deployment, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

/* The runs of @deployment_id, by expected start time. */
static inline GPtrArray *
sched_runs (PwStore    *store,
            const char *deployment_id)
{
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *runs;

  pw_flow_run_filter_set_deployment_id (filter, deployment_id);
  runs = pw_store_list_flow_runs (store, filter, PW_FLOW_RUN_SORT_EXPECTED_START_TIME_ASC,
                                  G_MAXUINT, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (runs);
  return runs;
}

static inline void
sched_tick (PwScheduler *scheduler)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_scheduler_tick (scheduler, &error));
  g_assert_no_error (error);
}

/* Asserts that @runs are expected at exactly the times @first, @first +
 * @step … (@n of them), each once. */
static inline void
sched_assert_times (GPtrArray  *runs,
                    const char *first,
                    double      step,
                    guint       n)
{
  g_autoptr(GDateTime) start = sched_time (first);

  g_assert_cmpuint (runs->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) expected = g_date_time_add_seconds (start, step * i);
      PwFlowRun *run = g_ptr_array_index (runs, i);

      store_test_assert_time (pw_flow_run_get_expected_start_time (run), expected);
    }
}

static inline void
sched_assert_expected (PwFlowRun  *run,
                       const char *iso)
{
  g_autoptr(GDateTime) expected = sched_time (iso);

  store_test_assert_time (pw_flow_run_get_expected_start_time (run), expected);
}

/* Runs @sql (no result) on the database file through its own connection,
 * as another process would. */
static inline void
sched_sql (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}
