/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Work queues: the object, routing (DESIGN.md §2), the store (create,
 * change, rename, pause, delete, health), and the contract of
 * pw_store_list_due_runs() that agents claim from.
 */
#include "config.h"

#include "pw-routing.h"
#include "test-scheduler-fixture.h"

static void
test_object (void)
{
  g_autoptr(PwWorkQueue) queue = pw_work_queue_new ("etl");
  g_autoptr(PwWorkQueue) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pw_work_queue_get_concurrency_limit (queue), ==, PW_WORK_QUEUE_NO_LIMIT);
  g_assert_cmpuint (pw_work_queue_get_priority (queue), ==, 1);
  g_assert_false (pw_work_queue_get_paused (queue));
  g_assert_null (pw_work_queue_get_tag_filter (queue));

  /* No filter matches nothing: such a queue only takes runs naming it. */
  g_assert_false (pw_work_queue_matches_tags (queue, (const char * const[]) { "etl", NULL }));
  pw_work_queue_set_tag_filter (queue, (const char * const[]) { "etl", "prod", NULL });
  g_assert_true (pw_work_queue_matches_tags (queue,
                                             (const char * const[]) { "prod", "x", "etl", NULL }));
  g_assert_false (pw_work_queue_matches_tags (queue, (const char * const[]) { "etl", NULL }));
  g_assert_false (pw_work_queue_matches_tags (queue, NULL));

  pw_work_queue_set_concurrency_limit (queue, 0);
  pw_work_queue_set_priority (queue, 3);
  copy = pw_work_queue_copy (queue);
  g_assert_cmpint (pw_work_queue_get_concurrency_limit (copy), ==, 0);
  g_assert_cmpuint (pw_work_queue_get_priority (copy), ==, 3);
  g_assert_cmpstrv (pw_work_queue_get_tag_filter (copy),
                    ((const char * const[]) { "etl", "prod", NULL }));

  g_assert_true (pw_work_queue_check_name ("etl queue", &error));
  g_assert_false (pw_work_queue_check_name ("", &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_work_queue_check_name ("bell\a", &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&queue));
}

static PwWorkQueue *
filtered (const char         *name,
          guint               priority,
          const char * const *tags)
{
  PwWorkQueue *queue = pw_work_queue_new (name);

  pw_work_queue_set_priority (queue, priority);
  pw_work_queue_set_tag_filter (queue, tags);
  return queue;
}

/* The queue a deployment names; else the first by priority (then name)
 * whose filter its tags satisfy; else default. */
static void
test_routing (void)
{
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (queues, filtered ("gpu", 1, (const char * const[]) { "gpu", NULL }));
  g_ptr_array_add (queues, filtered ("prod-etl", 2, (const char * const[]) { "prod", "etl", NULL }));
  g_ptr_array_add (queues, filtered ("b-prod", 3, (const char * const[]) { "prod", NULL }));
  g_ptr_array_add (queues, filtered ("a-prod", 3, (const char * const[]) { "prod", NULL }));
  g_ptr_array_add (queues, filtered ("plain", 1, NULL));

  g_assert_cmpstr (pw_routing_pick_queue (queues, "mine", (const char * const[]) { "gpu", NULL }),
                   ==, "mine");
  g_assert_cmpstr (pw_routing_pick_queue (queues, NULL, (const char * const[]) { "gpu", NULL }),
                   ==, "gpu");
  g_assert_cmpstr (pw_routing_pick_queue (queues, NULL,
                                          (const char * const[]) { "etl", "prod", NULL }),
                   ==, "prod-etl");
  g_assert_cmpstr (pw_routing_pick_queue (queues, NULL, (const char * const[]) { "prod", NULL }),
                   ==, "a-prod");
  g_assert_cmpstr (pw_routing_pick_queue (queues, NULL, (const char * const[]) { "dev", NULL }),
                   ==, "default");
  g_assert_cmpstr (pw_routing_pick_queue (queues, NULL, NULL), ==, "default");
}

static PwWorkQueue *
create_queue (PwStore            *store,
              const char         *name,
              guint               priority,
              int                 limit,
              const char * const *tags)
{
  g_autoptr(PwWorkQueue) queue = pw_work_queue_new (name);
  g_autoptr(GError) error = NULL;
  PwWorkQueue *created;

  pw_work_queue_set_priority (queue, priority);
  pw_work_queue_set_concurrency_limit (queue, limit);
  pw_work_queue_set_tag_filter (queue, tags);
  created = pw_store_create_work_queue (store, queue, &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  return created;
}

static void
test_store (SchedFixture  *fixture,
            gconstpointer  data)
{
  PwStore *store = fixture->base.store;
  g_autoptr(PwWorkQueue) etl = NULL;
  g_autoptr(PwWorkQueue) again = NULL;
  g_autoptr(PwWorkQueue) got = NULL;
  g_autoptr(PwWorkQueue) urgent = NULL;
  g_autoptr(PwWorkQueue) renamed = NULL;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(PwDeployment) moved = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(PwScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  char *bad_sql;
  int rc;

  etl = create_queue (store, "etl", 2, 5, (const char * const[]) { "etl", NULL });
  g_assert_nonnull (pw_work_queue_get_id (etl));
  g_assert_cmpint (pw_work_queue_get_concurrency_limit (etl), ==, 5);
  g_assert_cmpuint (pw_work_queue_get_priority (etl), ==, 2);
  g_assert_cmpstrv (pw_work_queue_get_tag_filter (etl), ((const char * const[]) { "etl", NULL }));
  g_assert_null (pw_work_queue_get_last_polled (etl));

  /* A name is taken once. */
  again = pw_work_queue_new ("etl");
  g_assert_null (pw_store_create_work_queue (store, again, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  pw_work_queue_set_name (again, "");
  g_assert_null (pw_store_create_work_queue (store, again, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  urgent = create_queue (store, "urgent", 1, PW_WORK_QUEUE_NO_LIMIT, NULL);
  queues = pw_store_list_work_queues (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queues->len, ==, 2);
  g_assert_cmpstr (pw_work_queue_get_name (g_ptr_array_index (queues, 0)), ==, "urgent");
  g_clear_pointer (&queues, g_ptr_array_unref);

  /* A negative limit cannot reach the table, whoever writes it. */
  bad_sql = sqlite3_mprintf ("UPDATE work_queues SET concurrency_limit = -1 WHERE name = 'etl'");
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->base.path, &db), ==, SQLITE_OK);
    rc = sqlite3_exec (db, bad_sql, NULL, NULL, NULL);
    sqlite3_close (db);
  }
  sqlite3_free (bad_sql);
  g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);

  /* A deployment routed by its tags, and its runs, follow a rename. */
  deployment = sched_deploy (fixture, "tagged", "{\"interval\": 3600}", NULL);
  pw_deployment_set_tags (deployment, (const char * const[]) { "etl", NULL });
  g_clear_object (&moved);
  moved = pw_store_put_deployment (store, deployment, NULL, &error);
  g_assert_no_error (error);
  scheduler = pw_scheduler_new (store, fixture->clock);
  sched_tick (scheduler);
  runs = sched_runs (store, pw_deployment_get_id (moved));
  g_assert_cmpuint (runs->len, ==, 3);
  g_assert_cmpstr (pw_flow_run_get_work_queue_name (g_ptr_array_index (runs, 0)), ==, "etl");
  g_clear_pointer (&runs, g_ptr_array_unref);

  pw_work_queue_set_name (etl, "etl-2");
  pw_work_queue_set_concurrency_limit (etl, PW_WORK_QUEUE_NO_LIMIT);
  pw_work_queue_set_description (etl, "Renamed");
  renamed = pw_store_update_work_queue (store, etl, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_work_queue_get_name (renamed), ==, "etl-2");
  g_assert_cmpint (pw_work_queue_get_concurrency_limit (renamed), ==, PW_WORK_QUEUE_NO_LIMIT);
  runs = sched_runs (store, pw_deployment_get_id (moved));
  g_assert_cmpstr (pw_flow_run_get_work_queue_name (g_ptr_array_index (runs, 0)), ==, "etl-2");
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Renaming onto another queue's name is refused. */
  pw_work_queue_set_name (etl, "urgent");
  g_assert_null (pw_store_update_work_queue (store, etl, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (pw_store_set_work_queue_paused (store, "urgent", TRUE, &error));
  g_assert_no_error (error);
  got = pw_store_get_work_queue (store, "urgent", &error);
  g_assert_true (pw_work_queue_get_paused (got));
  g_clear_object (&got);

  g_assert_true (pw_store_delete_work_queue (store, "urgent", &error));
  g_assert_no_error (error);
  g_assert_null (pw_store_get_work_queue (store, "urgent", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pw_store_delete_work_queue (store, "urgent", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pw_store_set_work_queue_paused (store, "urgent", FALSE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Routing, with the queue made on the way: default. */
  {
    g_autofree char *name = pw_store_route_work_queue (store, NULL,
                                                       (const char * const[]) { "x", NULL },
                                                       &error);

    g_assert_no_error (error);
    g_assert_cmpstr (name, ==, "default");
    got = pw_store_get_work_queue (store, "default", &error);
    g_assert_no_error (error);
  }
}

/* Creates a run in @queue due at @due in the given state type. */
static char *
queue_run (PwStore     *store,
           const char  *queue,
           const char  *due,
           PwStateType  type)
{
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) state = pw_state_new (type, NULL, NULL);
  g_autoptr(GDateTime) when = sched_time (due);
  g_autoptr(GError) error = NULL;

  pw_flow_run_set_flow_name (request, "etl");
  pw_flow_run_set_work_queue_name (request, queue);
  pw_state_set_scheduled_time (state, when);
  run = pw_store_create_flow_run (store, request, state, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (pw_flow_run_get_id (run));
}

static void
assert_due (PwStore            *store,
            const char * const *queues,
            const char         *now_iso,
            guint               limit,
            const char * const *expected)
{
  g_autoptr(GDateTime) now = sched_time (now_iso);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  runs = pw_store_list_due_runs (store, queues, now, limit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, g_strv_length ((char **)expected));
  for (guint i = 0; i < runs->len; i++)
    g_assert_cmpstr (pw_flow_run_get_id (g_ptr_array_index (runs, i)), ==, expected[i]);
}

/* Marks a run Late, keeping its scheduled time, as the scheduler does. */
static void
mark_late (PwStore    *store,
           const char *id,
           const char *due)
{
  g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_SCHEDULED, "Late", NULL);
  g_autoptr(GDateTime) when = sched_time (due);
  g_autoptr(GError) error = NULL;

  pw_state_set_scheduled_time (state, when);
  g_assert_true (pw_store_set_flow_run_state (store, id, state, &error));
  g_assert_no_error (error);
}

/* What an agent may take: due, SCHEDULED, in a queue it polls that is not
 * paused, within the queue's room, by priority then time. */
static void
test_due_runs (SchedFixture  *fixture,
               gconstpointer  data)
{
  PwStore *store = fixture->base.store;
  g_autoptr(PwWorkQueue) low = create_queue (store, "low", 5, PW_WORK_QUEUE_NO_LIMIT, NULL);
  g_autoptr(PwWorkQueue) high = create_queue (store, "high", 1, 2, NULL);
  g_autoptr(PwWorkQueue) stopped = create_queue (store, "stopped", 1, PW_WORK_QUEUE_NO_LIMIT, NULL);
  g_autoptr(PwWorkQueue) held = create_queue (store, "held", 1, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *low1 = queue_run (store, "low", "2026-11-26T11:00:00Z", PW_STATE_TYPE_SCHEDULED);
  g_autofree char *low2 = queue_run (store, "low", "2026-11-26T11:30:00Z", PW_STATE_TYPE_SCHEDULED);
  g_autofree char *low_later = queue_run (store, "low", "2026-11-26T13:00:00Z",
                                          PW_STATE_TYPE_SCHEDULED);
  g_autofree char *high1 = queue_run (store, "high", "2026-11-26T11:45:00Z",
                                      PW_STATE_TYPE_SCHEDULED);
  g_autofree char *high2 = queue_run (store, "high", "2026-11-26T11:50:00Z",
                                      PW_STATE_TYPE_SCHEDULED);
  g_autofree char *high3 = queue_run (store, "high", "2026-11-26T11:55:00Z",
                                      PW_STATE_TYPE_SCHEDULED);
  g_autofree char *stopped1 = queue_run (store, "stopped", "2026-11-26T10:00:00Z",
                                         PW_STATE_TYPE_SCHEDULED);
  g_autofree char *held1 = queue_run (store, "held", "2026-11-26T10:00:00Z",
                                      PW_STATE_TYPE_SCHEDULED);
  g_autofree char *orphan = queue_run (store, "gone", "2026-11-26T10:00:00Z",
                                       PW_STATE_TYPE_SCHEDULED);
  g_autofree char *running = NULL;

  g_assert_true (pw_store_set_work_queue_paused (store, "stopped", TRUE, &error));
  g_assert_no_error (error);

  /* Every queue: high (priority 1, room 2) first, then low by time; the
   * paused one, the one with limit 0 and a queue that does not exist hand
   * out nothing; nothing not yet due. */
  assert_due (store, NULL, "2026-11-26T12:00:00Z", 0,
              (const char * const[]) { high1, high2, low1, low2, NULL });
  assert_due (store, NULL, "2026-11-26T12:00:00Z", 3,
              (const char * const[]) { high1, high2, low1, NULL });
  assert_due (store, (const char * const[]) { "low", "gone", "stopped", NULL },
              "2026-11-26T12:00:00Z", 0, (const char * const[]) { low1, low2, NULL });

  /* An active run takes room; late runs are due too. */
  running = queue_run (store, "high", "2026-11-26T09:00:00Z", PW_STATE_TYPE_RUNNING);
  mark_late (store, high1, "2026-11-26T11:45:00Z");
  assert_due (store, (const char * const[]) { "high", NULL }, "2026-11-26T12:00:00Z", 0,
              (const char * const[]) { high1, NULL });
  store_test_set_state (store, running, PW_STATE_TYPE_COMPLETED, NULL, NULL);
  assert_due (store, (const char * const[]) { "high", NULL }, "2026-11-26T12:00:00Z", 0,
              (const char * const[]) { high1, high2, NULL });

  /* Claimed (PENDING) runs are no longer due, and count against the room. */
  store_test_set_state (store, high1, PW_STATE_TYPE_PENDING, NULL, NULL);
  assert_due (store, (const char * const[]) { "high", NULL }, "2026-11-26T12:00:00Z", 0,
              (const char * const[]) { high2, NULL });

  /* Resumed, the paused queue hands its run out. */
  g_assert_true (pw_store_set_work_queue_paused (store, "stopped", FALSE, &error));
  assert_due (store, (const char * const[]) { "stopped", NULL }, "2026-11-26T12:00:00Z", 0,
              (const char * const[]) { stopped1, NULL });
  (void) low_later;
  (void) high3;
  (void) held1;
  (void) orphan;
}

/* Health as Prefect's: polled in the last minute and no late run. */
static void
test_status (SchedFixture  *fixture,
             gconstpointer  data)
{
  PwStore *store = fixture->base.store;
  g_autoptr(PwWorkQueue) queue = create_queue (store, "q", 1, PW_WORK_QUEUE_NO_LIMIT, NULL);
  g_autoptr(PwWorkQueueStatus) status = NULL;
  g_autoptr(PwWorkQueueStatus) copy = NULL;
  g_autoptr(GDateTime) now = sched_time ("2026-11-26T12:00:00Z");
  g_autoptr(GDateTime) later = sched_time ("2026-11-26T12:01:30Z");
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *late = queue_run (store, "q", "2026-11-26T11:00:00Z", PW_STATE_TYPE_SCHEDULED);
  g_autofree char *soon = queue_run (store, "q", "2026-11-26T12:30:00Z", PW_STATE_TYPE_SCHEDULED);
  g_autofree char *far = queue_run (store, "q", "2026-11-27T12:30:00Z", PW_STATE_TYPE_SCHEDULED);
  g_autofree char *active = queue_run (store, "q", "2026-11-26T11:00:00Z", PW_STATE_TYPE_RUNNING);

  status = pw_store_get_work_queue_status (store, "q", now, &error);
  g_assert_no_error (error);
  g_assert_false (status->healthy);
  g_assert_null (status->last_polled);
  g_assert_cmpuint (status->scheduled_runs, ==, 3);
  g_assert_cmpuint (status->active_runs, ==, 1);
  g_assert_cmpuint (status->late_runs, ==, 0);
  g_clear_pointer (&status, pw_work_queue_status_free);

  g_assert_true (pw_store_touch_work_queues (store, (const char * const[]) { "q", "nope", NULL },
                                             now, &error));
  g_assert_no_error (error);
  status = pw_store_get_work_queue_status (store, "q", now, &error);
  g_assert_true (status->healthy);
  store_test_assert_time (status->last_polled, now);
  copy = pw_work_queue_status_copy (status);
  store_test_assert_time (copy->last_polled, now);
  g_clear_pointer (&status, pw_work_queue_status_free);

  /* Not polled for 90 s: unhealthy. */
  status = pw_store_get_work_queue_status (store, "q", later, &error);
  g_assert_false (status->healthy);
  g_clear_pointer (&status, pw_work_queue_status_free);

  /* A late run: unhealthy. */
  mark_late (store, late, "2026-11-26T11:00:00Z");
  status = pw_store_get_work_queue_status (store, "q", now, &error);
  g_assert_false (status->healthy);
  g_assert_cmpuint (status->late_runs, ==, 1);
  g_clear_pointer (&status, pw_work_queue_status_free);

  g_assert_null (pw_store_get_work_queue_status (store, "nope", now, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Its upcoming runs: late first, then by time, up to a time. */
  upcoming = pw_store_list_upcoming_runs (store, "q", later, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upcoming->len, ==, 1);
  g_assert_cmpstr (pw_flow_run_get_id (g_ptr_array_index (upcoming, 0)), ==, late);
  g_clear_pointer (&upcoming, g_ptr_array_unref);
  upcoming = pw_store_list_upcoming_runs (store, "q", NULL, 0, &error);
  g_assert_cmpuint (upcoming->len, ==, 3);
  g_assert_cmpstr (pw_flow_run_get_id (g_ptr_array_index (upcoming, 1)), ==, soon);
  g_assert_cmpstr (pw_flow_run_get_id (g_ptr_array_index (upcoming, 2)), ==, far);
  (void) active;
}

/* The scheduler routes a deployment that names no queue by its tags. */
static void
test_scheduler_routing (SchedFixture  *fixture,
                        gconstpointer  data)
{
  PwStore *store = fixture->base.store;
  g_autoptr(PwWorkQueue) ml = create_queue (store, "ml-q", 2, PW_WORK_QUEUE_NO_LIMIT,
                                            (const char * const[]) { "ml", NULL });
  g_autoptr(PwWorkQueue) prod = create_queue (store, "prod-q", 1, PW_WORK_QUEUE_NO_LIMIT,
                                              (const char * const[]) { "prod", NULL });
  g_autoptr(PwDeployment) tagged = pw_deployment_new ("etl", "tagged");
  g_autoptr(PwDeployment) untagged = NULL;
  g_autoptr(PwDeployment) stored = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(PwScheduler) scheduler = pw_scheduler_new (store, fixture->clock);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  schedule = pw_schedule_new_from_string ("{\"interval\": 3600}", &error);
  g_assert_no_error (error);
  pw_deployment_set_schedule (tagged, schedule);
  pw_deployment_set_tags (tagged, (const char * const[]) { "ml", "prod", NULL });
  stored = pw_store_put_deployment (store, tagged, NULL, &error);
  g_assert_no_error (error);
  untagged = sched_deploy (fixture, "untagged", "{\"interval\": 3600}", NULL);

  sched_tick (scheduler);
  runs = sched_runs (store, pw_deployment_get_id (stored));
  g_assert_cmpstr (pw_flow_run_get_work_queue_name (g_ptr_array_index (runs, 0)), ==, "prod-q");
  g_assert_cmpstrv (pw_flow_run_get_tags (g_ptr_array_index (runs, 0)),
                    ((const char * const[]) { "auto-scheduled", "ml", "prod", NULL }));
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = sched_runs (store, pw_deployment_get_id (untagged));
  g_assert_cmpstr (pw_flow_run_get_work_queue_name (g_ptr_array_index (runs, 0)), ==, "default");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/WorkQueue/object", test_object);
  g_test_add_func ("/WorkQueue/routing", test_routing);
  sched_test_add ("/WorkQueue/store", test_store);
  sched_test_add ("/WorkQueue/due-runs", test_due_runs);
  sched_test_add ("/WorkQueue/status", test_status);
  sched_test_add ("/WorkQueue/scheduler-routing", test_scheduler_routing);

  return g_test_run ();
}
