/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The task processes of a crashed run: a real `pipewright-cli run` killed
 * with SIGKILL leaves its task's process group running; the next process
 * that opens the database marks the run Crashed and ends that group. A pid
 * now used by another process, a group on another boot or host, and the
 * groups of a live run are never signalled.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "pw-store-task-processes.h"
#include "test-cli-common.h"
#include "test-store-fixture.h"

static gint64
sql_int (const char *db_path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
sql_text (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Gone, or ended and not yet waited for by its (new) parent. */
static gboolean
process_ended (int pid)
{
  gint64 start_time = 0;
  gboolean zombie = FALSE;

  if (kill (pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  return !pw_store_read_process_start (pid, &start_time, &zombie) || zombie;
}

static void
wait_ended (int pid)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!process_ended (pid) && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_true (process_ended (pid));
}

/* A process of this test in a process group of its own. */
static void
new_group (gpointer user_data)
{
  setpgid (0, 0);
}

static GSubprocess *
spawn_group (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_subprocess_launcher_set_child_setup (launcher, new_group, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return proc;
}

static int
subprocess_pid (GSubprocess *proc)
{
  return atoi (g_subprocess_get_identifier (proc));
}

static gint64
start_time_of (int pid)
{
  gint64 start_time = 0;
  gboolean zombie = FALSE;

  g_assert_true (pw_store_read_process_start (pid, &start_time, &zombie));
  g_assert_false (zombie);
  return start_time;
}

/* A RUNNING run whose owner (a pid that has exited) is gone. */
static char *
create_orphaned_run (PwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) run = store_test_create_run (store, "etl", NULL);
  g_auto(PwRunOwner) owner = { 0, };
  char *argv[] = { (char *)"true", NULL };
  GPid dead_pid = 0;
  int status;

  g_assert_true (g_spawn_async (NULL, argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &dead_pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (dead_pid, &status, 0), ==, dead_pid);

  pw_run_owner_init_self (&owner);
  owner.pid = dead_pid;
  store_test_set_state (store, pw_flow_run_get_id (run), PW_STATE_TYPE_RUNNING, NULL, NULL);
  g_assert_true (pw_store_claim_flow_run_for (store, pw_flow_run_get_id (run), &owner, NULL,
                                              &error));
  g_assert_no_error (error);
  return g_strdup (pw_flow_run_get_id (run));
}

static void
add_record (PwStore    *store,
            const char *flow_run_id,
            const char *host,
            const char *boot_id,
            int         pgid,
            gint64      start_time)
{
  g_autoptr(GError) error = NULL;
  g_auto(PwRunOwner) where = { 0, };

  pw_run_owner_init_self (&where);
  if (host != NULL)
    {
      g_free (where.host);
      where.host = g_strdup (host);
    }
  if (boot_id != NULL)
    {
      g_free (where.boot_id);
      where.boot_id = g_strdup (boot_id);
    }
  g_assert_true (pw_store_add_task_process_for (store, flow_run_id, "task-run", &where, pgid,
                                                start_time, &error));
  g_assert_no_error (error);
}

/* A version-3 database gets the task_processes table. */
static void
test_migrate_from_3 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (f->db, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pw_store_schema_latest (), ==, 4);
  g_clear_object (&store);

  sql_exec (f->db, "DROP TABLE task_processes; PRAGMA user_version = 3;");
  g_assert_cmpint (sql_int (f->db, "PRAGMA user_version"), ==, 3);

  store = pw_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->db, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (pw_store_count_task_processes (store, NULL, &error), ==, 0);
  g_assert_no_error (error);
}

/* kill -9 of the CLI while its task (a shell and a sleep in its group)
 * runs: the next open marks the run Crashed and ends the group. @data is
 * what the script does first. */
static void
test_cli_killed (Fixture       *f,
                 gconstpointer  data)
{
  const char *prologue = data;
  g_autofree char *pids_path = g_build_filename (f->dir, "pids", NULL);
  g_autofree char *flow_path = g_build_filename (f->dir, "orphans.flow.json", NULL);
  g_autofree char *flow = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) pids = NULL;
  Result r = { 0 };
  gint64 deadline;

  script = g_strdup_printf ("%s sleep 60 & echo $$ $! > %s.tmp; mv %s.tmp %s; wait",
                            prologue, pids_path, pids_path, pids_path);
  flow = g_strdup_printf ("{\"format\": \"pipewright-flow/1\", \"name\": \"orphans\", \"tasks\": ["
                          " {\"key\": \"a\", \"kind\": \"shell\", \"script\": \"%s\"}]}", script);
  write_file (flow_path, flow);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "PIPEWRIGHT_DB");
  proc = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "--db", f->db, "run",
                                      flow_path, NULL);
  g_assert_no_error (error);

  /* Running: the task wrote its pids and its group is recorded. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (pids_path, &contents, NULL, NULL) &&
          g_file_test (f->db, G_FILE_TEST_EXISTS) &&
          sql_int (f->db, "SELECT count(*) FROM sqlite_master WHERE name = 'task_processes'") == 1 &&
          sql_int (f->db, "SELECT count(*) FROM task_processes") == 1)
        {
          pids = g_strsplit (g_strstrip (contents), " ", -1);
          break;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }
  g_assert_cmpuint (g_strv_length (pids), ==, 2);
  g_assert_cmpint (sql_int (f->db, "SELECT pgid FROM task_processes"), ==, atoi (pids[0]));

  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (proc));
  g_assert_false (process_ended (atoi (pids[0])));
  g_assert_false (process_ended (atoi (pids[1])));

  run_cli (f, &r, "flow-run", "ls", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  state = sql_text (f->db, "SELECT state_type FROM flow_runs");
  g_assert_cmpstr (state, ==, "CRASHED");
  wait_ended (atoi (pids[0]));
  wait_ended (atoi (pids[1]));
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM task_processes"), ==, 0);

  message = sql_text (f->db, "SELECT message FROM logs WHERE message LIKE 'Ended %'");
  expected = g_strdup_printf ("Ended 1 task process left running by the crashed run (pid %s)",
                              pids[0]);
  g_assert_cmpstr (message, ==, expected);
}

/* A run that ends normally leaves no record behind. */
static void
test_normal_run (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *flow_path = g_build_filename (f->dir, "quick.flow.json", NULL);
  Result r = { 0 };

  write_file (flow_path,
              "{\"format\": \"pipewright-flow/1\", \"name\": \"quick\", \"tasks\": ["
              " {\"key\": \"a\", \"kind\": \"shell\", \"script\": \"echo one\"},"
              " {\"key\": \"b\", \"kind\": \"command\", \"command\": [\"false\"]},"
              " {\"key\": \"c\", \"kind\": \"shell\", \"script\": \"sleep 30 & echo two\","
              "  \"after\": [\"a\"]}]}");
  run_cli (f, &r, "run", flow_path, NULL);
  g_assert_cmpint (r.status, !=, -1);
  result_clear (&r);

  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM task_runs"), ==, 3);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM task_processes"), ==, 0);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM logs WHERE message LIKE 'Ended %'"),
                   ==, 0);
}

/* Only a group whose leader is the very process recorded is signalled,
 * only on this host and boot, and only when its run's owner is gone. */
static void
test_guards (Fixture       *f,
             gconstpointer  data)
{
  const char *sleep_argv[] = { "sleep", "60", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (f->db, &error);
  g_autofree char *flow_id = NULL;
  g_autofree char *orphaned = NULL;
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PwFlowRun) live = NULL;
  g_autoptr(GPtrArray) reaped = NULL;
  g_autoptr(GSubprocess) victim = NULL;
  g_autoptr(GSubprocess) survivor = NULL;
  int victim_pid, survivor_pid;
  gint64 survivor_start;

  g_assert_no_error (error);
  flow_id = store_test_save_flow (store, "etl", NULL);
  orphaned = create_orphaned_run (store);
  live = store_test_create_run (store, "etl", NULL);
  store_test_set_state (store, pw_flow_run_get_id (live), PW_STATE_TYPE_RUNNING, NULL, NULL);
  g_assert_true (pw_store_claim_flow_run (store, pw_flow_run_get_id (live), NULL, &error));

  survivor = spawn_group (sleep_argv);
  survivor_pid = subprocess_pid (survivor);
  survivor_start = start_time_of (survivor_pid);
  victim = spawn_group (sleep_argv);
  victim_pid = subprocess_pid (victim);

  /* A pid now used by another process (another start time). */
  add_record (store, orphaned, NULL, NULL, survivor_pid, survivor_start + 1);
  /* Another boot, another host. */
  add_record (store, orphaned, NULL, "another-boot", survivor_pid, survivor_start);
  add_record (store, orphaned, "another-host.example", NULL, survivor_pid, survivor_start);
  /* A live owner's group. */
  add_record (store, pw_flow_run_get_id (live), NULL, NULL, survivor_pid, survivor_start);
  /* The one to end. */
  add_record (store, orphaned, NULL, NULL, victim_pid, start_time_of (victim_pid));
  g_assert_cmpint (pw_store_count_task_processes (store, NULL, &error), ==, 5);

  /* Never a pgid of 0 or 1. */
  {
    g_auto(PwRunOwner) where = { 0, };

    pw_run_owner_init_self (&where);
    g_assert_false (pw_store_add_task_process_for (store, orphaned, "task-run", &where, 1, 1,
                                                   &error));
    g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (pw_store_add_task_process (store, orphaned, "task-run", 0, &error));
    g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  reaped = pw_store_reap_crashed_runs (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reaped->len, ==, 1);

  g_assert_true (g_subprocess_wait (victim, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (victim));
  g_assert_cmpint (g_subprocess_get_term_sig (victim), ==, SIGTERM);

  g_assert_false (process_ended (survivor_pid));
  g_assert_cmpint (start_time_of (survivor_pid), ==, survivor_start);

  /* Kept: another host's, and the live run's. */
  g_assert_cmpint (pw_store_count_task_processes (store, NULL, &error), ==, 2);
  g_assert_cmpint (pw_store_count_task_processes (store, pw_flow_run_get_id (live), &error), ==, 1);

  message = sql_text (f->db, "SELECT message FROM logs WHERE message LIKE 'Ended %'");
  expected = g_strdup_printf ("Ended 1 task process left running by the crashed run (pid %d)",
                              victim_pid);
  g_assert_cmpstr (message, ==, expected);

  /* A second look finds nothing more to do. */
  g_clear_pointer (&reaped, g_ptr_array_unref);
  reaped = pw_store_reap_crashed_runs (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reaped->len, ==, 0);
  g_assert_false (process_ended (survivor_pid));

  g_subprocess_force_exit (survivor);
  g_subprocess_wait (survivor, NULL, NULL);
}

/* A group that ignores SIGTERM gets SIGKILL after the grace period. */
static void
test_ignores_term (Fixture       *f,
                   gconstpointer  data)
{
  const char *argv[] = { "sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done",
                         NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (f->db, &error);
  g_autofree char *flow_id = NULL;
  g_autofree char *orphaned = NULL;
  g_autoptr(GPtrArray) reaped = NULL;
  g_autoptr(GSubprocess) stubborn = NULL;
  int pid;

  g_assert_no_error (error);
  flow_id = store_test_save_flow (store, "etl", NULL);
  orphaned = create_orphaned_run (store);
  g_subprocess_launcher_set_child_setup (launcher, new_group, NULL, NULL);
  stubborn = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  pid = subprocess_pid (stubborn);

  /* Its trap is set. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (stubborn));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
  add_record (store, orphaned, NULL, NULL, pid, start_time_of (pid));

  reaped = pw_store_reap_crashed_runs (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reaped->len, ==, 1);

  g_assert_true (g_subprocess_wait (stubborn, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (stubborn));
  g_assert_cmpint (g_subprocess_get_term_sig (stubborn), ==, SIGKILL);
  g_assert_cmpint (pw_store_count_task_processes (store, NULL, &error), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ReapTasks/migrate-from-3", Fixture, NULL, fixture_set_up, test_migrate_from_3,
              fixture_tear_down);
  g_test_add ("/ReapTasks/cli-killed", Fixture, "", fixture_set_up, test_cli_killed,
              fixture_tear_down);
  /* The shell and its sleep ignore SIGTERM: SIGKILL ends them. */
  g_test_add ("/ReapTasks/cli-killed-ignores-term", Fixture, "trap '' TERM;", fixture_set_up,
              test_cli_killed, fixture_tear_down);
  g_test_add ("/ReapTasks/normal-run", Fixture, NULL, fixture_set_up, test_normal_run,
              fixture_tear_down);
  g_test_add ("/ReapTasks/guards", Fixture, NULL, fixture_set_up, test_guards,
              fixture_tear_down);
  g_test_add ("/ReapTasks/ignores-term", Fixture, NULL, fixture_set_up, test_ignores_term,
              fixture_tear_down);

  return g_test_run ();
}
