/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PwScheduler on a fake clock: how many runs it keeps ahead, that it never
 * makes one twice (restarts, two schedulers, the clock going back), Late
 * marking, missed times after downtime, pausing and editing, and a
 * database locked by another process.
 */
#include "config.h"

#include "test-scheduler-fixture.h"

#define MINUTELY "{\"interval\": 60, \"anchor_date\": \"2026-01-01T00:00:00+00:00\"," \
                 " \"timezone\": \"UTC\"}"
#define HOURLY "{\"interval\": 3600, \"anchor_date\": \"2026-01-01T00:00:00+00:00\"," \
               " \"timezone\": \"UTC\"}"
#define EVERY_10S "{\"interval\": 10, \"anchor_date\": \"2026-01-01T00:00:05+00:00\"," \
                  " \"timezone\": \"UTC\"}"
#define DAILY_3AM "{\"cron\": \"0 3 * * *\", \"timezone\": \"UTC\"}"
#define NEW_YEAR "{\"cron\": \"0 0 1 1 *\", \"timezone\": \"UTC\"}"

typedef struct
{
  guint created;
  guint late;
  GPtrArray *late_ids;
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
  for (guint i = 0; ids[i] != NULL; i++)
    if (counts->late_ids != NULL)
      g_ptr_array_add (counts->late_ids, g_strdup (ids[i]));
}

static PwScheduler *
new_scheduler (SchedFixture *fixture,
               PwStore      *store,
               Counts       *counts)
{
  PwScheduler *scheduler = pw_scheduler_new (store != NULL ? store : fixture->base.store,
                                             fixture->clock);

  if (counts != NULL)
    {
      g_signal_connect (scheduler, "flow-runs-created", G_CALLBACK (on_created), counts);
      g_signal_connect (scheduler, "flow-runs-late", G_CALLBACK (on_late), counts);
    }
  return scheduler;
}

static guint
count_ahead (GPtrArray *runs,
             GDateTime *now)
{
  guint n = 0;

  for (guint i = 0; i < runs->len; i++)
    if (g_date_time_compare (pw_flow_run_get_expected_start_time (g_ptr_array_index (runs, i)),
                             now) > 0)
      n++;
  return n;
}

/* At least 3 runs and 1 h ahead, at most 100 runs and 100 days. */
static void
test_minimum_and_horizon (SchedFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(PwDeployment) minutely = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(PwDeployment) hourly = sched_deploy (fixture, "hourly", HOURLY, NULL);
  g_autoptr(PwDeployment) daily = sched_deploy (fixture, "daily", DAILY_3AM, NULL);
  g_autoptr(PwDeployment) fast = sched_deploy (fixture, "fast", EVERY_10S, NULL);
  g_autoptr(PwDeployment) yearly = sched_deploy (fixture, "yearly", NEW_YEAR, NULL);
  g_autoptr(PwDeployment) manual = sched_deploy (fixture, "manual", NULL, NULL);
  g_autoptr(PwDeployment) paused = pw_deployment_copy (hourly);
  g_autoptr(PwDeployment) paused_stored = NULL;
  g_autoptr(PwScheduler) scheduler = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };

  pw_deployment_set_name (paused, "paused");
  pw_deployment_set_paused (paused, TRUE);
  paused_stored = pw_store_put_deployment (fixture->base.store, paused, NULL, &error);
  g_assert_no_error (error);

  scheduler = new_scheduler (fixture, NULL, &counts);
  sched_tick (scheduler);

  /* Every minute: 3 runs would not reach an hour ahead; 61 do. */
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (minutely));
  sched_assert_times (runs, "2026-11-26T12:01:00Z", 60, 61);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Every hour: an hour ahead comes before 3 runs. */
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (hourly));
  sched_assert_times (runs, "2026-11-26T13:00:00Z", 3600, 3);
  g_clear_pointer (&runs, g_ptr_array_unref);

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (daily));
  sched_assert_times (runs, "2026-11-27T03:00:00Z", 86400, 3);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Every 10 s: no more than 100 ahead, though an hour holds 360. */
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (fast));
  sched_assert_times (runs, "2026-11-26T12:00:35Z", 10, 100);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Once a year: nothing beyond 100 days, so one run rather than 3. */
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (yearly));
  sched_assert_times (runs, "2027-01-01T00:00:00Z", 0, 1);
  g_clear_pointer (&runs, g_ptr_array_unref);

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (manual));
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (paused_stored));
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);

  g_assert_cmpuint (counts.created, ==, 61 + 3 + 3 + 100 + 1);
  g_assert_cmpuint (counts.late, ==, 0);

  /* What each run is, as Prefect makes it. */
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (minutely));
  {
    PwFlowRun *run = g_ptr_array_index (runs, 0);
    g_autofree char *key = g_strdup_printf ("scheduled %s 2026-11-26T12:01:00+00:00",
                                            pw_deployment_get_id (minutely));

    g_assert_true (pw_flow_run_get_auto_scheduled (run));
    g_assert_cmpstr (pw_flow_run_get_idempotency_key (run), ==, key);
    g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_SCHEDULED);
    g_assert_cmpstr (pw_flow_run_get_state_name (run), ==, "Scheduled");
    g_assert_cmpstr (pw_flow_run_get_work_queue_name (run), ==, "default");
    g_assert_cmpstr (pw_flow_run_get_tags (run)[0], ==, "auto-scheduled");
    g_assert_cmpuint (pw_flow_run_get_flow_version (run), ==, 1);
    store_test_assert_time (pw_state_get_scheduled_time (pw_flow_run_get_state (run)),
                            pw_flow_run_get_expected_start_time (run));
  }
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* A tick at the same time makes nothing. */
  counts.created = 0;
  sched_tick (scheduler);
  g_assert_cmpuint (counts.created, ==, 0);

  /* A minute on: one more minutely run, six more 10 s runs. */
  sched_advance (fixture, 60);
  sched_tick (scheduler);
  g_assert_cmpuint (counts.created, ==, 1 + 6);

  now = pw_clock_get_now (fixture->clock);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (fast));
  g_assert_cmpuint (count_ahead (runs, now), ==, 100);
}

/* Two schedulers on one file, a restart that lost its cursor, and two
 * schedulers ticking at once: never a second run for one time. */
typedef struct
{
  PwScheduler *scheduler;
  gboolean     ok;
} TickThread;

static gpointer
tick_thread (gpointer data)
{
  TickThread *tick = data;

  tick->ok = pw_scheduler_tick (tick->scheduler, NULL);
  return NULL;
}

static void
test_idempotent (SchedFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(PwScheduler) first = NULL;
  g_autoptr(PwScheduler) second = NULL;
  g_autoptr(PwStore) other_store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) cursors = NULL;
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  TickThread a = { 0 }, b = { 0 };
  GThread *thread_a, *thread_b;
  Counts counts = { 0 };

  first = new_scheduler (fixture, NULL, NULL);
  sched_tick (first);

  other_store = pw_store_open (fixture->base.path, &error);
  g_assert_no_error (error);
  second = new_scheduler (fixture, other_store, &counts);
  sched_tick (second);
  g_assert_cmpuint (counts.created, ==, 0);

  /* A scheduler that forgot where it stood tries the same times again:
   * the unique indexes turn them away. */
  sched_sql (fixture->base.path, "UPDATE deployments SET scheduled_through = NULL");
  sched_tick (second);
  g_assert_cmpuint (counts.created, ==, 0);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  sched_assert_times (runs, "2026-11-26T12:01:00Z", 60, 61);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Asking the store directly for a run that exists makes none. */
  cursors = pw_store_list_schedule_cursors (fixture->base.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cursors->len, ==, 1);
  times = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);
  g_ptr_array_add (times, sched_time ("2026-11-26T12:30:00Z"));
  ids = g_ptr_array_new_with_free_func (g_free);
  now = pw_clock_get_now (fixture->clock);
  g_assert_true (pw_store_insert_scheduled_runs (fixture->base.store,
                                                 g_ptr_array_index (cursors, 0), "default",
                                                 times, now, now, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);

  /* Ten minutes on, both tick at once, each on its own connection. */
  sched_advance (fixture, 600);
  a.scheduler = first;
  b.scheduler = second;
  thread_a = g_thread_new ("tick-a", tick_thread, &a);
  thread_b = g_thread_new ("tick-b", tick_thread, &b);
  g_thread_join (thread_a);
  g_thread_join (thread_b);
  g_assert_true (a.ok);
  g_assert_true (b.ok);

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  sched_assert_times (runs, "2026-11-26T12:01:00Z", 60, 71);
}

/* A run still Scheduled a grace (15 s) after its time becomes Late. */
static void
test_late (SchedFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(PwScheduler) scheduler = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(PwFlowRun) retrying = NULL;
  g_autoptr(PwFlowRun) adhoc = NULL;
  g_autoptr(PwFlowRun) first = NULL;
  g_autoptr(PwState) awaiting = NULL;
  g_autoptr(PwState) scheduled = NULL;
  g_autoptr(GDateTime) long_ago = sched_time ("2026-11-26T11:00:00Z");
  g_autoptr(GDateTime) due = sched_time ("2026-11-26T12:01:00Z");
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };

  counts.late_ids = g_ptr_array_new_with_free_func (g_free);
  scheduler = new_scheduler (fixture, NULL, &counts);

  /* Waiting to retry is not being late; a run made by hand is. */
  awaiting = pw_state_new (PW_STATE_TYPE_SCHEDULED, "AwaitingRetry", NULL);
  pw_state_set_scheduled_time (awaiting, long_ago);
  retrying = store_test_create_run (fixture->base.store, "etl", awaiting);
  scheduled = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  pw_state_set_scheduled_time (scheduled, long_ago);
  adhoc = store_test_create_run (fixture->base.store, "etl", scheduled);

  sched_tick (scheduler);
  g_assert_cmpuint (counts.late, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (counts.late_ids, 0), ==, pw_flow_run_get_id (adhoc));

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  first = g_object_ref (g_ptr_array_index (runs, 0));
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Within the grace: not late. */
  sched_set_now (fixture, "2026-11-26T12:01:10Z");
  sched_tick (scheduler);
  g_assert_cmpuint (counts.late, ==, 1);

  /* Claimed by an agent before it was late: never late. */
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  store_test_set_state (fixture->base.store, pw_flow_run_get_id (g_ptr_array_index (runs, 1)),
                        PW_STATE_TYPE_PENDING, NULL, NULL);
  g_clear_pointer (&runs, g_ptr_array_unref);

  sched_set_now (fixture, "2026-11-26T12:01:16Z");
  sched_tick (scheduler);
  g_assert_cmpuint (counts.late, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (counts.late_ids, 1), ==, pw_flow_run_get_id (first));

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  g_assert_cmpint (pw_flow_run_get_state_type (g_ptr_array_index (runs, 0)), ==,
                   PW_STATE_TYPE_SCHEDULED);
  g_assert_cmpstr (pw_flow_run_get_state_name (g_ptr_array_index (runs, 0)), ==, "Late");
  store_test_assert_time (pw_flow_run_get_next_scheduled_start_time (g_ptr_array_index (runs, 0)),
                          due);
  history = pw_store_list_flow_run_states (fixture->base.store, pw_flow_run_get_id (first),
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (pw_state_get_name (g_ptr_array_index (history, 0)), ==, "Scheduled");
  g_assert_cmpstr (pw_state_get_name (g_ptr_array_index (history, 1)), ==, "Late");
  store_test_assert_time (pw_state_get_scheduled_time (g_ptr_array_index (history, 1)), due);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Three minutes on: the runs of 12:03 and 12:04 are late, the claimed
   * one of 12:02 is not. */
  sched_set_now (fixture, "2026-11-26T12:04:20Z");
  sched_tick (scheduler);
  g_assert_cmpuint (counts.late, ==, 4);

  /* Still waiting to retry, not late. */
  {
    g_autoptr(PwFlowRun) again = pw_store_get_flow_run (fixture->base.store,
                                                        pw_flow_run_get_id (retrying), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (pw_flow_run_get_state_name (again), ==, "AwaitingRetry");
  }
  g_ptr_array_unref (counts.late_ids);
}

static guint
count_between (GPtrArray  *runs,
               const char *after,
               const char *before)
{
  g_autoptr(GDateTime) from = sched_time (after);
  g_autoptr(GDateTime) to = sched_time (before);
  guint n = 0;

  for (guint i = 0; i < runs->len; i++)
    {
      GDateTime *t = pw_flow_run_get_expected_start_time (g_ptr_array_index (runs, i));

      if (g_date_time_compare (t, from) > 0 && g_date_time_compare (t, to) < 0)
        n++;
    }
  return n;
}

/* Three hours with no scheduler: the times missed are skipped, or (with
 * catch-up "latest") the latest of them gets one run. */
static void
test_downtime (SchedFixture  *fixture,
               gconstpointer  data)
{
  gboolean latest = GPOINTER_TO_INT (data);
  g_autoptr(PwDeployment) minutely = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(PwDeployment) daily = sched_deploy (fixture, "daily", DAILY_3AM, NULL);
  g_autoptr(PwScheduler) before = NULL;
  g_autoptr(PwScheduler) after = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  Counts counts = { 0 };

  before = new_scheduler (fixture, NULL, NULL);
  sched_tick (before);
  g_clear_object (&before);

  /* Back after three hours, restarted. */
  sched_set_now (fixture, "2026-11-26T15:00:30Z");
  after = new_scheduler (fixture, NULL, &counts);
  if (latest)
    pw_scheduler_set_catch_up (after, PW_SCHEDULER_CATCH_UP_LATEST);
  sched_tick (after);

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (minutely));
  g_assert_cmpuint (count_between (runs, "2026-11-26T11:00:00Z", "2026-11-26T13:01:01Z"), ==, 61);
  if (latest)
    {
      PwFlowRun *caught_up;

      g_assert_cmpuint (count_between (runs, "2026-11-26T13:01:01Z", "2026-11-26T15:00:15Z"),
                        ==, 1);
      caught_up = g_ptr_array_index (runs, 61);
      sched_assert_expected (caught_up, "2026-11-26T15:00:00Z");
      g_assert_cmpstr (pw_flow_run_get_state_name (caught_up), ==, "Late");
    }
  else
    g_assert_cmpuint (count_between (runs, "2026-11-26T13:01:01Z", "2026-11-26T15:00:15Z"),
                      ==, 0);
  /* And on again from now. */
  g_assert_cmpuint (count_between (runs, "2026-11-26T15:00:15Z", "2026-11-26T17:00:00Z"), ==, 61);
  g_assert_cmpuint (runs->len, ==, 61 + 61 + (latest ? 1 : 0));
  /* The runs that waited through the downtime are late. */
  g_assert_cmpstr (pw_flow_run_get_state_name (g_ptr_array_index (runs, 60)), ==, "Late");
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Catching up is once, not once per tick. */
  counts.created = 0;
  sched_advance (fixture, 5);
  sched_tick (after);
  g_assert_cmpuint (counts.created, ==, 0);

  /* A week off: the daily run of the last morning only. */
  sched_set_now (fixture, "2026-12-05T12:00:30Z");
  sched_tick (after);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (daily));
  g_assert_cmpuint (count_between (runs, "2026-11-29T04:00:00Z", "2026-12-05T12:00:00Z"), ==,
                    latest ? 1 : 0);
  if (latest)
    sched_assert_expected (g_ptr_array_index (runs, 3), "2026-12-05T03:00:00Z");
  g_assert_cmpuint (count_between (runs, "2026-12-05T12:00:00Z", "2026-12-09T00:00:00Z"), ==, 3);
}

/* Pausing deletes the runs ahead that did not start; resuming starts from
 * the time it resumes, even with catch-up on. */
static void
test_pause (SchedFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(PwScheduler) scheduler = new_scheduler (fixture, NULL, NULL);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) manual = NULL;
  g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  g_autoptr(GDateTime) soon = sched_time ("2026-11-26T12:10:00Z");
  g_autoptr(GError) error = NULL;
  const char *id = pw_deployment_get_id (deployment);
  char *claimed;

  pw_scheduler_set_catch_up (scheduler, PW_SCHEDULER_CATCH_UP_LATEST);
  sched_tick (scheduler);

  runs = sched_runs (fixture->base.store, id);
  claimed = g_strdup (pw_flow_run_get_id (g_ptr_array_index (runs, 0)));
  store_test_set_state (fixture->base.store, claimed, PW_STATE_TYPE_PENDING, NULL, NULL);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* A run asked for by hand is not the scheduler's to delete. */
  pw_flow_run_set_flow_name (request, "etl");
  pw_flow_run_set_deployment_id (request, id);
  pw_state_set_scheduled_time (state, soon);
  manual = pw_store_create_flow_run (fixture->base.store, request, state, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (pw_store_set_deployment_paused (fixture->base.store, id, TRUE, &error));
  g_assert_no_error (error);
  runs = sched_runs (fixture->base.store, id);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpstr (pw_flow_run_get_id (g_ptr_array_index (runs, 0)), ==, claimed);
  g_assert_cmpstr (pw_flow_run_get_id (g_ptr_array_index (runs, 1)), ==,
                   pw_flow_run_get_id (manual));
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Paused: nothing is made. */
  sched_advance (fixture, 1800);
  sched_tick (scheduler);
  runs = sched_runs (fixture->base.store, id);
  g_assert_cmpuint (runs->len, ==, 2);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Resumed at 12:30:30: runs from 12:31, none for the pause. */
  g_assert_true (pw_store_set_deployment_paused (fixture->base.store, id, FALSE, &error));
  g_assert_no_error (error);
  sched_tick (scheduler);
  runs = sched_runs (fixture->base.store, id);
  g_assert_cmpuint (runs->len, ==, 2 + 61);
  g_assert_cmpuint (count_between (runs, "2026-11-26T12:01:30Z", "2026-11-26T12:30:30Z"), ==, 1);
  sched_assert_expected (g_ptr_array_index (runs, 2), "2026-11-26T12:31:00Z");
  g_free (claimed);
}

/* A new schedule replaces the runs made from the old one (not those that
 * started); a new description does not. */
static void
test_edit (SchedFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "etl-job", MINUTELY, NULL);
  g_autoptr(PwDeployment) edited = NULL;
  g_autoptr(PwDeployment) stored = NULL;
  g_autoptr(PwSchedule) every5 = NULL;
  g_autoptr(PwScheduler) scheduler = new_scheduler (fixture, NULL, NULL);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *claimed = NULL;
  const char *id = pw_deployment_get_id (deployment);
  gboolean created = TRUE;

  sched_tick (scheduler);
  runs = sched_runs (fixture->base.store, id);
  claimed = g_strdup (pw_flow_run_get_id (g_ptr_array_index (runs, 2)));
  store_test_set_state (fixture->base.store, claimed, PW_STATE_TYPE_RUNNING, NULL, NULL);
  g_clear_pointer (&runs, g_ptr_array_unref);

  edited = pw_deployment_copy (deployment);
  pw_deployment_set_description (edited, "Only the words change");
  stored = pw_store_put_deployment (fixture->base.store, edited, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (pw_deployment_get_id (stored), ==, id);
  runs = sched_runs (fixture->base.store, id);
  g_assert_cmpuint (runs->len, ==, 61);
  g_clear_pointer (&runs, g_ptr_array_unref);
  g_clear_object (&stored);

  every5 = pw_schedule_new_from_string ("{\"interval\": 300, \"anchor_date\":"
                                        " \"2026-01-01T00:00:00+00:00\", \"timezone\": \"UTC\"}",
                                        &error);
  g_assert_no_error (error);
  pw_deployment_set_schedule (edited, every5);
  stored = pw_store_put_deployment (fixture->base.store, edited, NULL, &error);
  g_assert_no_error (error);
  runs = sched_runs (fixture->base.store, id);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (pw_flow_run_get_id (g_ptr_array_index (runs, 0)), ==, claimed);
  g_clear_pointer (&runs, g_ptr_array_unref);

  sched_tick (scheduler);
  runs = sched_runs (fixture->base.store, id);
  g_assert_cmpuint (runs->len, ==, 1 + 13);
  g_ptr_array_remove_index (runs, 0);
  sched_assert_times (runs, "2026-11-26T12:05:00Z", 300, 13);
}

/* The clock goes back two hours and comes forward again: no run twice,
 * none missing. */
static void
test_clock_backward (SchedFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(PwScheduler) scheduler = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  Counts counts = { 0 };

  scheduler = new_scheduler (fixture, NULL, &counts);
  pw_scheduler_set_catch_up (scheduler, PW_SCHEDULER_CATCH_UP_LATEST);
  sched_tick (scheduler);
  g_assert_cmpuint (counts.created, ==, 61);

  sched_set_now (fixture, "2026-11-26T10:00:30Z");
  sched_tick (scheduler);
  g_assert_cmpuint (counts.created, ==, 61);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  sched_assert_times (runs, "2026-11-26T12:01:00Z", 60, 61);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Forward again, a tick a minute, to 14:00:30. */
  for (guint minute = 0; minute < 240; minute++)
    {
      sched_advance (fixture, 60);
      sched_tick (scheduler);
    }

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  sched_assert_times (runs, "2026-11-26T12:01:00Z", 60, 181);
}

/* Another process holds the write lock for 2 s: the tick waits, tries
 * again and succeeds. */
typedef struct
{
  const char *path;
  guint       hold_ms;
  GMutex      mutex;
  GCond       cond;
  gboolean    locked;
} Locker;

static gpointer
locker_thread (gpointer data)
{
  Locker *locker = data;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (locker->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO work_queues (id, name, created, updated)"
                                     " VALUES ('held', 'held', 0, 0)", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_mutex_lock (&locker->mutex);
  locker->locked = TRUE;
  g_cond_signal (&locker->cond);
  g_mutex_unlock (&locker->mutex);

  g_usleep (locker->hold_ms * 1000);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return NULL;
}

static GThread *
lock_database (Locker     *locker,
               const char *path,
               guint       hold_ms)
{
  GThread *thread;

  locker->path = path;
  locker->hold_ms = hold_ms;
  locker->locked = FALSE;
  g_mutex_init (&locker->mutex);
  g_cond_init (&locker->cond);

  thread = g_thread_new ("locker", locker_thread, locker);
  g_mutex_lock (&locker->mutex);
  while (!locker->locked)
    g_cond_wait (&locker->cond, &locker->mutex);
  g_mutex_unlock (&locker->mutex);
  return thread;
}

static void
unlock_database (Locker  *locker,
                 GThread *thread)
{
  g_thread_join (thread);
  g_mutex_clear (&locker->mutex);
  g_cond_clear (&locker->cond);
}

static void
test_database_locked (SchedFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(PwScheduler) scheduler = new_scheduler (fixture, NULL, NULL);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(PwWorkQueue) held = NULL;
  g_autoptr(GError) error = NULL;
  Locker locker;
  GThread *thread;
  gint64 started;

  /* Short waits, so that the tick must try again, not just wait once. */
  pw_store_set_busy_timeout (fixture->base.store, 200);
  pw_scheduler_set_busy_retries (scheduler, 50);

  thread = lock_database (&locker, fixture->base.path, 2000);
  started = g_get_monotonic_time ();
  sched_tick (scheduler);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, G_USEC_PER_SEC);
  unlock_database (&locker, thread);

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  sched_assert_times (runs, "2026-11-26T12:01:00Z", 60, 61);
  held = pw_store_get_work_queue (fixture->base.store, "held", &error);
  g_assert_no_error (error);
}

/* Locked for longer than the tick will wait: it fails, having written
 * nothing, and the next one does the work. */
static void
test_database_locked_too_long (SchedFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(PwScheduler) scheduler = new_scheduler (fixture, NULL, NULL);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) cursors = NULL;
  g_autoptr(GError) error = NULL;
  Locker locker;
  GThread *thread;

  pw_store_set_busy_timeout (fixture->base.store, 100);
  pw_scheduler_set_busy_retries (scheduler, 2);

  thread = lock_database (&locker, fixture->base.path, 2500);
  g_assert_false (pw_scheduler_tick (scheduler, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY);
  g_clear_error (&error);

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);
  cursors = pw_store_list_schedule_cursors (fixture->base.store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((PwScheduleCursor *)g_ptr_array_index (cursors, 0))->scheduled_from, ==, 0);
  unlock_database (&locker, thread);

  sched_tick (scheduler);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  sched_assert_times (runs, "2026-11-26T12:01:00Z", 60, 61);
}

/* Runs planned from a deployment that was paused in between are not
 * made. */
static void
test_stale_cursor (SchedFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(GPtrArray) cursors = NULL;
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GDateTime) now = pw_clock_get_now (fixture->clock);
  g_autoptr(GError) error = NULL;

  cursors = pw_store_list_schedule_cursors (fixture->base.store, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_set_deployment_paused (fixture->base.store,
                                                 pw_deployment_get_id (deployment), TRUE, &error));
  g_ptr_array_add (times, sched_time ("2026-11-26T12:01:00Z"));
  g_assert_true (pw_store_insert_scheduled_runs (fixture->base.store,
                                                 g_ptr_array_index (cursors, 0), "default",
                                                 times, now, now, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  g_assert_cmpuint (runs->len, ==, 0);
}

/* A stored schedule that cannot be read (edited by hand, or from a newer
 * version) is skipped with one warning; the others go on. */
static void
test_unreadable_schedule (SchedFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(PwDeployment) broken = sched_deploy (fixture, "broken", MINUTELY, NULL);
  g_autoptr(PwDeployment) fine = sched_deploy (fixture, "fine", HOURLY, NULL);
  g_autoptr(PwScheduler) scheduler = new_scheduler (fixture, NULL, NULL);
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE deployments SET schedule = '{\"cron\": \"every"
                                          " day\"}' WHERE id = '%s'",
                                          pw_deployment_get_id (broken));

  sched_sql (fixture->base.path, sql);
  g_test_expect_message ("pw-scheduler", G_LOG_LEVEL_WARNING, "*cannot be read*");
  sched_tick (scheduler);
  g_test_assert_expected_messages ();
  sched_tick (scheduler);

  runs = sched_runs (fixture->base.store, pw_deployment_get_id (broken));
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (fine));
  g_assert_cmpuint (runs->len, ==, 3);
}

/* One deployment at once, as a front end does after saving it. */
static void
test_schedule_one (SchedFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(PwDeployment) one = sched_deploy (fixture, "one", HOURLY, NULL);
  g_autoptr(PwDeployment) other = sched_deploy (fixture, "other", HOURLY, NULL);
  g_autoptr(PwScheduler) scheduler = new_scheduler (fixture, NULL, NULL);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_scheduler_schedule_deployment (scheduler, pw_deployment_get_id (one),
                                                   &error));
  g_assert_no_error (error);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (one));
  g_assert_cmpuint (runs->len, ==, 3);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (other));
  g_assert_cmpuint (runs->len, ==, 0);
}

/* The service ticks in a worker thread, now and every interval of its
 * clock, and emits its signals on the main context. */
static gboolean
on_guard (gpointer data)
{
  g_error ("The scheduler service did not tick in time");
  return G_SOURCE_REMOVE;
}

static void
wait_for_created (Counts *counts,
                  guint   at_least)
{
  guint guard = g_timeout_add_seconds (30, on_guard, NULL);

  while (counts->created < at_least)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static void
test_service (SchedFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "minutely", MINUTELY, NULL);
  g_autoptr(PwScheduler) scheduler = NULL;
  Counts counts = { 0 };

  scheduler = new_scheduler (fixture, NULL, &counts);
  pw_scheduler_set_interval_ms (scheduler, 10000);
  pw_scheduler_start (scheduler);
  g_assert_true (pw_scheduler_is_running (scheduler));
  wait_for_created (&counts, 61);

  /* Ten seconds of fake time later another tick; a minute later a run. */
  sched_advance (fixture, 60);
  wait_for_created (&counts, 62);

  pw_scheduler_stop (scheduler);
  g_assert_false (pw_scheduler_is_running (scheduler));

  /* The last tick's worker lets go of the scheduler when its thread is
   * done with it. */
  {
    gpointer weak = scheduler;
    guint guard = g_timeout_add_seconds (30, on_guard, NULL);

    g_object_add_weak_pointer (G_OBJECT (scheduler), &weak);
    g_clear_object (&scheduler);
    while (weak != NULL)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_source_remove (guard);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  sched_test_add ("/Scheduler/minimum-and-horizon", test_minimum_and_horizon);
  sched_test_add ("/Scheduler/idempotent", test_idempotent);
  sched_test_add ("/Scheduler/late", test_late);
  g_test_add ("/Scheduler/downtime/skip", SchedFixture, GINT_TO_POINTER (FALSE),
              sched_fixture_set_up, test_downtime, sched_fixture_tear_down);
  g_test_add ("/Scheduler/downtime/latest-once", SchedFixture, GINT_TO_POINTER (TRUE),
              sched_fixture_set_up, test_downtime, sched_fixture_tear_down);
  sched_test_add ("/Scheduler/pause", test_pause);
  sched_test_add ("/Scheduler/edit", test_edit);
  sched_test_add ("/Scheduler/clock-backward", test_clock_backward);
  sched_test_add ("/Scheduler/database-locked", test_database_locked);
  sched_test_add ("/Scheduler/database-locked-too-long", test_database_locked_too_long);
  sched_test_add ("/Scheduler/stale-cursor", test_stale_cursor);
  sched_test_add ("/Scheduler/unreadable-schedule", test_unreadable_schedule);
  sched_test_add ("/Scheduler/schedule-one", test_schedule_one);
  sched_test_add ("/Scheduler/service", test_service);

  return g_test_run ();
}
