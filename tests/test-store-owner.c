/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-owner"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <gio/gio.h>

#include "pw-store-private.h"
#include "test-store-fixture.h"

/* Run as `test-store-owner --claim-child DB RUN_ID`: claims the run, makes
 * it RUNNING, says so on stdout, and waits to be killed. */
static int
claim_child (const char *path,
             const char *run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(PwState) running = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);

  if (store == NULL ||
      !pw_store_claim_flow_run (store, run_id, NULL, &error) ||
      !pw_store_set_flow_run_state (store, run_id, running, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }

  printf ("claimed %d\n", (int)getpid ());
  fflush (stdout);
  for (;;)
    pause ();
}

/* Run as `test-store-owner --race-child DB RUN_ID`: opens the store, waits
 * for a line on stdin, tries to claim the run and says "won" or "lost"; a
 * winner then stays alive (its claim with it) until killed. */
static int
race_child (const char *path,
            const char *run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  char line[16];

  if (store == NULL || fgets (line, sizeof line, stdin) == NULL)
    return 1;

  if (pw_store_claim_flow_run (store, run_id, NULL, &error))
    {
      printf ("won\n");
      fflush (stdout);
      for (;;)
        pause ();
    }

  printf ("%s\n", g_error_matches (error, PW_STORE_ERROR,
                                   PW_STORE_ERROR_CONFLICT) ? "lost" : "error");
  return 0;
}

static PwFlowRun *
get_run (PwStore    *store,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  PwFlowRun *run = pw_store_get_flow_run (store, id, &error);

  g_assert_no_error (error);
  return run;
}

static GPtrArray *
reap (PwStore   *store,
      GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *reaped = pw_store_reap_crashed_runs (store, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reaped);
  return reaped;
}

static void
test_claim (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) ended = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) claimed = NULL;
  g_autoptr(GDateTime) t0 = store_test_time (1, 0);
  g_autoptr(GDateTime) t1 = store_test_time (1, 15);
  const char *id = pw_flow_run_get_id (run);

  g_assert_true (pw_store_claim_flow_run (fixture->store, id, t0, &error));
  g_assert_no_error (error);
  claimed = get_run (fixture->store, id);
  g_assert_cmpstr (pw_flow_run_get_owner_host (claimed), ==, g_get_host_name ());
  g_assert_cmpint (pw_flow_run_get_owner_pid (claimed), ==, getpid ());
  g_assert_cmpint (g_date_time_compare (pw_flow_run_get_heartbeat (claimed), t0), ==, 0);

  /* Claimed once, even by the same process. */
  g_assert_false (pw_store_claim_flow_run (fixture->store, id, t0, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, g_get_host_name ()));
  g_clear_error (&error);

  /* The heartbeat touches this process's runs in progress only. */
  store_test_set_state (fixture->store, pw_flow_run_get_id (ended), PW_STATE_TYPE_RUNNING, NULL,
                        NULL);
  g_assert_true (pw_store_claim_flow_run (fixture->store, pw_flow_run_get_id (ended), t0, &error));
  store_test_set_state (fixture->store, pw_flow_run_get_id (ended), PW_STATE_TYPE_COMPLETED, NULL,
                        NULL);
  g_assert_cmpint (pw_store_heartbeat (fixture->store, t1, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&claimed);
  claimed = get_run (fixture->store, id);
  g_assert_cmpint (g_date_time_compare (pw_flow_run_get_heartbeat (claimed), t1), ==, 0);

  g_assert_false (pw_store_claim_flow_run (fixture->store, pw_flow_run_get_id (ended), t1, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (pw_store_claim_flow_run (fixture->store, "nope", t1, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

/* An owner on another host cannot be checked: only its heartbeat counts. */
static void
test_remote_owner (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) read = NULL;
  g_autoptr(GPtrArray) reaped = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GDateTime) t0 = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) t30 = g_date_time_add_seconds (t0, 30);
  g_autoptr(GDateTime) t61 = g_date_time_add_seconds (t0, 61);
  PwRunOwner elsewhere = { (char *)"build-box", (char *)"0f2e", (char *)"pid:[1]", 4242, 777 };
  const char *id = pw_flow_run_get_id (run);
  PwState *last;

  store_test_set_state (fixture->store, id, PW_STATE_TYPE_RUNNING, NULL, t0);
  g_assert_true (pw_store_claim_flow_run_for (fixture->store, id, &elsewhere, t0, &error));
  g_assert_no_error (error);

  /* Fresh heartbeat: alive, and not ours to claim. */
  reaped = reap (fixture->store, t30);
  g_assert_cmpuint (reaped->len, ==, 0);
  g_assert_false (pw_store_claim_flow_run (fixture->store, id, t30, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "process 4242 on host build-box"));
  g_clear_error (&error);

  /* Older than a minute: crashed. */
  g_clear_pointer (&reaped, g_ptr_array_unref);
  reaped = reap (fixture->store, t61);
  g_assert_cmpuint (reaped->len, ==, 1);
  read = g_object_ref (g_ptr_array_index (reaped, 0));
  g_assert_cmpstr (pw_flow_run_get_id (read), ==, id);
  g_assert_cmpint (pw_flow_run_get_state_type (read), ==, PW_STATE_TYPE_CRASHED);
  g_assert_nonnull (pw_flow_run_get_end_time (read));
  g_assert_nonnull (strstr (pw_state_get_message (pw_flow_run_get_state (read)),
                            "process 4242 on host build-box stopped sending heartbeats"));

  history = pw_store_list_flow_run_states (fixture->store, id, &error);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpint (pw_state_get_state_type (last), ==, PW_STATE_TYPE_CRASHED);
  g_assert_cmpint (g_date_time_compare (pw_state_get_timestamp (last), t61), ==, 0);

  /* Once ended, nothing more happens to it. */
  g_clear_pointer (&reaped, g_ptr_array_unref);
  reaped = reap (fixture->store, t61);
  g_assert_cmpuint (reaped->len, ==, 0);
}

/* A stale claim (its owner gone) may be taken over. */
static void
test_take_over (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(GDateTime) t0 = store_test_time (1, 0);
  g_autoptr(GDateTime) t90 = store_test_time (1, 90);
  PwRunOwner elsewhere = { (char *)"build-box", (char *)"0f2e", (char *)"pid:[1]", 4242, 777 };

  g_assert_true (pw_store_claim_flow_run_for (fixture->store, pw_flow_run_get_id (run), &elsewhere,
                                              t0, &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_claim_flow_run (fixture->store, pw_flow_run_get_id (run), t90, &error));
  g_assert_no_error (error);
}

/* On this host, a pid that is gone, or reused by a later process, is
 * proof: no need to wait for the heartbeat. */
static void
test_gone_pid (StoreFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) gone = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) reused = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) cancelling = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) live = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) read = NULL;
  g_autoptr(GPtrArray) reaped = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *expected = NULL;
  PwRunOwner owner = { 0, };
  int dead_pid;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "true", NULL);
  g_assert_no_error (error);
  dead_pid = atoi (g_subprocess_get_identifier (process));
  g_assert_true (g_subprocess_wait (process, NULL, &error));

  pw_run_owner_init_self (&owner);
  owner.pid = dead_pid;
  store_test_set_state (fixture->store, pw_flow_run_get_id (gone), PW_STATE_TYPE_RUNNING, NULL,
                        now);
  g_assert_true (pw_store_claim_flow_run_for (fixture->store, pw_flow_run_get_id (gone), &owner,
                                              now, &error));

  pw_run_owner_clear (&owner);
  pw_run_owner_init_self (&owner);
  owner.start_time -= 1;
  store_test_set_state (fixture->store, pw_flow_run_get_id (reused), PW_STATE_TYPE_RUNNING, NULL,
                        now);
  g_assert_true (pw_store_claim_flow_run_for (fixture->store, pw_flow_run_get_id (reused), &owner,
                                              now, &error));
  store_test_set_state (fixture->store, pw_flow_run_get_id (cancelling), PW_STATE_TYPE_CANCELLING,
                        NULL, now);
  g_assert_true (pw_store_claim_flow_run_for (fixture->store, pw_flow_run_get_id (cancelling),
                                              &owner, now, &error));
  pw_run_owner_clear (&owner);

  store_test_set_state (fixture->store, pw_flow_run_get_id (live), PW_STATE_TYPE_RUNNING, NULL,
                        now);
  g_assert_true (pw_store_claim_flow_run (fixture->store, pw_flow_run_get_id (live), now, &error));
  g_assert_no_error (error);

  reaped = reap (fixture->store, now);
  g_assert_cmpuint (reaped->len, ==, 3);

  read = get_run (fixture->store, pw_flow_run_get_id (gone));
  g_assert_cmpint (pw_flow_run_get_state_type (read), ==, PW_STATE_TYPE_CRASHED);
  expected = g_strdup_printf ("process %d on host %s is gone", dead_pid, g_get_host_name ());
  g_assert_nonnull (strstr (pw_state_get_message (pw_flow_run_get_state (read)), expected));
  g_clear_object (&read);
  read = get_run (fixture->store, pw_flow_run_get_id (reused));
  g_assert_cmpint (pw_flow_run_get_state_type (read), ==, PW_STATE_TYPE_CRASHED);
  g_clear_object (&read);
  read = get_run (fixture->store, pw_flow_run_get_id (cancelling));
  g_assert_cmpint (pw_flow_run_get_state_type (read), ==, PW_STATE_TYPE_CANCELLED);
  g_clear_object (&read);
  read = get_run (fixture->store, pw_flow_run_get_id (live));
  g_assert_cmpint (pw_flow_run_get_state_type (read), ==, PW_STATE_TYPE_RUNNING);
}

/* Unclaimed runs: PENDING ones wait for an agent; a RUNNING one that stays
 * quiet for a minute is taken for crashed. */
static void
test_unclaimed (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) pending = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) running = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(GPtrArray) reaped = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 30);
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 600);
  PwState *state;

  store_test_set_state (fixture->store, pw_flow_run_get_id (running), PW_STATE_TYPE_RUNNING, NULL,
                        now);

  reaped = reap (fixture->store, soon);
  g_assert_cmpuint (reaped->len, ==, 0);
  g_clear_pointer (&reaped, g_ptr_array_unref);
  reaped = reap (fixture->store, later);
  g_assert_cmpuint (reaped->len, ==, 1);
  g_assert_cmpstr (pw_flow_run_get_id (g_ptr_array_index (reaped, 0)), ==,
                   pw_flow_run_get_id (running));
  state = pw_flow_run_get_state (g_ptr_array_index (reaped, 0));
  g_assert_nonnull (strstr (pw_state_get_message (state), "No process has claimed it"));
}

static char *
self_path (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  return path;
}

/* The real thing: another process claims a run and keeps it RUNNING; this
 * process opens the same database and reaps, and the run stays RUNNING;
 * once the other process is killed, the run is CRASHED, with its task
 * runs. */
static void
test_child_process (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwTaskRun) request = pw_task_run_new (pw_flow_run_get_id (run), "long", NULL);
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwTaskRun) task_read = NULL;
  g_autoptr(PwState) task_running = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwFlowRun) read = NULL;
  g_autoptr(GPtrArray) reaped = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GDateTime) far = NULL;
  g_autofree char *exe = self_path ();
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  const char *id = pw_flow_run_get_id (run);
  int child_pid;

  task_run = pw_store_create_task_run (fixture->store, request, task_running, NULL, &error);
  g_assert_no_error (error);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            exe, "--claim-child", fixture->path, id, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  child_pid = atoi (g_subprocess_get_identifier (child));
  expected = g_strdup_printf ("claimed %d", child_pid);
  g_assert_cmpstr (line, ==, expected);

  /* Another handle, as another process would open it. */
  store = pw_store_open (fixture->path, &error);
  g_assert_no_error (error);

  /* The owner lives: never crashed, however old its heartbeat looks. */
  reaped = reap (store, NULL);
  g_assert_cmpuint (reaped->len, ==, 0);
  far = g_date_time_add_hours (pw_flow_run_get_created (run), 1);
  g_clear_pointer (&reaped, g_ptr_array_unref);
  reaped = reap (store, far);
  g_assert_cmpuint (reaped->len, ==, 0);
  read = get_run (store, id);
  g_assert_cmpint (pw_flow_run_get_state_type (read), ==, PW_STATE_TYPE_RUNNING);
  g_assert_cmpint (pw_flow_run_get_owner_pid (read), ==, child_pid);
  g_assert_false (pw_store_claim_flow_run (store, id, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  g_subprocess_force_exit (child);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);

  g_clear_pointer (&reaped, g_ptr_array_unref);
  reaped = reap (store, NULL);
  g_assert_cmpuint (reaped->len, ==, 1);
  g_clear_object (&read);
  read = get_run (fixture->store, id);
  g_assert_cmpint (pw_flow_run_get_state_type (read), ==, PW_STATE_TYPE_CRASHED);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Its process %d on host %s is gone", child_pid, g_get_host_name ());
  g_assert_cmpstr (pw_state_get_message (pw_flow_run_get_state (read)), ==, expected);

  task_read = pw_store_get_task_run (fixture->store, pw_task_run_get_id (task_run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_task_run_get_state_type (task_read), ==, PW_STATE_TYPE_CRASHED);

  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Processes that claim one run at the same moment: exactly one wins. */
static void
test_claim_race (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) read = NULL;
  g_autofree char *exe = self_path ();
  GSubprocess *children[4];
  guint n_won = 0;
  int winner_pid = 0;

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                      &error, exe, "--race-child", fixture->path,
                                      pw_flow_run_get_id (run), NULL);
      g_assert_no_error (error);
    }
  /* Give them time to open the store, then start them together. */
  g_usleep (200 * 1000);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_output_stream_write_all (g_subprocess_get_stdin_pipe (children[i]), "go\n", 3,
                                 NULL, NULL, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      GInputStream *pipe = g_subprocess_get_stdout_pipe (children[i]);
      g_autoptr(GDataInputStream) out = g_data_input_stream_new (pipe);
      g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (line, "won") == 0)
        {
          n_won++;
          winner_pid = atoi (g_subprocess_get_identifier (children[i]));
        }
      else
        g_assert_cmpstr (line, ==, "lost");
    }
  g_assert_cmpuint (n_won, ==, 1);

  read = get_run (fixture->store, pw_flow_run_get_id (run));
  g_assert_cmpint (pw_flow_run_get_owner_pid (read), ==, winner_pid);

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_subprocess_force_exit (children[i]);
      g_subprocess_wait (children[i], NULL, NULL);
      g_object_unref (children[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--claim-child"))
    return claim_child (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "--race-child"))
    return race_child (argv[2], argv[3]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  store_test_add ("/Store/owner/claim", test_claim);
  store_test_add ("/Store/owner/remote-owner", test_remote_owner);
  store_test_add ("/Store/owner/take-over", test_take_over);
  store_test_add ("/Store/owner/gone-pid", test_gone_pid);
  store_test_add ("/Store/owner/unclaimed", test_unclaimed);
  store_test_add ("/Store/owner/child-process", test_child_process);
  store_test_add ("/Store/owner/claim-race", test_claim_race);

  return g_test_run ();
}
