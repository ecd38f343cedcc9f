/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pipewright-cli run and flow-run, run for real: real subprocesses, a real
 * database, real signals.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include "test-cli-common.h"

static char *
write_flow (Fixture    *f,
            const char *name,
            const char *json)
{
  char *path = g_strdup_printf ("%s/%s.flow.json", f->dir, name);

  write_file (path, json);
  return path;
}

static char *
slow_flow (Fixture *f)
{
  return write_flow (f, "slow",
                     "{\"format\": \"pipewright-flow/1\", \"name\": \"slow\", \"tasks\": ["
                     " {\"key\": \"a\", \"kind\": \"shell\", \"script\": \"echo started; sleep 30\"},"
                     " {\"key\": \"b\", \"kind\": \"noop\", \"after\": [\"a\"]}]}");
}

/* Starts `pipewright-cli run FILE` in the background. */
static GSubprocess *
spawn_run (Fixture    *f,
           const char *path)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_unsetenv (launcher, "PIPEWRIGHT_DB");
  proc = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "--db", f->db, "run", path, NULL);
  g_assert_no_error (error);
  return proc;
}

/* Waits until the newest run is RUNNING and its first task has logged. */
static char *
wait_until_running (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      Result r = { 0 };
      Result logs = { 0 };
      g_auto(GStrv) lines = NULL;

      run_cli (f, &r, "flow-run", "ls", "--state", "RUNNING", "-n", "1", NULL);
      lines = g_strsplit (r.out, "\n", -1);
      if (r.status == 0 && g_strv_length (lines) >= 2 && strlen (lines[1]) > 36)
        {
          char *id = g_strndup (lines[1], 36);

          run_cli (f, &logs, "flow-run", "logs", id, NULL);
          if (strstr (logs.out, "started") != NULL)
            {
              result_clear (&r);
              result_clear (&logs);
              return id;
            }
          g_free (id);
          result_clear (&logs);
        }
      result_clear (&r);
      g_usleep (50 * 1000);
    }

  g_assert_not_reached ();
}

static int
wait_exit (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

/* The task processes of a killed CLI outlive it (see the closing note of
 * the engine issue); end them so they hold nothing up. */
static void
kill_leftovers (const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/cmdline", name);
      g_autofree char *cmdline = NULL;
      gsize length = 0;
      gint64 pid;

      if (!g_ascii_string_to_signed (name, 10, 2, G_MAXINT, &pid, NULL) ||
          !g_file_get_contents (path, &cmdline, &length, NULL))
        continue;
      for (gsize i = 0; i + 1 < length; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      if (strstr (cmdline, needle) != NULL && pid != getpid ())
        kill (pid, SIGKILL);
    }
}

static void
test_run_hello (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *hello = example ("hello.flow.json");
  Result r = { 0 };

  run_cli (f, &r, "run", hello, "--param", "who=GNOME", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "of hello: started"));
  g_assert_nonnull (strstr (r.out, ": Completed"));
  result_clear (&r);

  /* by name, the second time */
  run_cli (f, &r, "run", "hello", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  run_cli (f, &r, "flow-run", "ls", "--flow", "hello", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (g_strv_length (g_strsplit (g_strstrip (r.out), "\n", -1)), ==, 3);
  g_assert_nonnull (strstr (r.out, "Completed"));
  result_clear (&r);

  run_cli (f, &r, "flow-run", "ls", "--state", "failed", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "No flow runs"));
  result_clear (&r);

  run_cli (f, &r, "flow-run", "ls", "--state", "bogus", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "unknown state “bogus”"));
  result_clear (&r);
}

static void
test_run_json_show_logs (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *hello = example ("hello.flow.json");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *run;
  JsonArray *task_runs;
  const char *id;
  Result r = { 0 };

  run_cli (f, &r, "run", hello, "--json", "--param", "who=Ada", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = json_from_string (r.out, &error);
  g_assert_no_error (error);
  run = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (run, "state_name"), ==, "Completed");
  g_assert_cmpstr (json_object_get_string_member (run, "flow_name"), ==, "hello");
  task_runs = json_object_get_array_member (run, "task_runs");
  g_assert_cmpuint (json_array_get_length (task_runs), >=, 2);
  id = json_object_get_string_member (run, "id");

  {
    Result show = { 0 };
    Result logs = { 0 };

    run_cli (f, &show, "flow-run", "show", id, NULL);
    g_assert_cmpint (show.status, ==, 0);
    g_assert_nonnull (strstr (show.out, "State      Completed"));
    g_assert_nonnull (strstr (show.out, "Ada"));
    result_clear (&show);

    run_cli (f, &logs, "flow-run", "logs", id, NULL);
    g_assert_cmpint (logs.status, ==, 0);
    g_assert_nonnull (strstr (logs.out, "Ada"));
    result_clear (&logs);

    run_cli (f, &logs, "flow-run", "logs", id, "--level", "error", NULL);
    g_assert_cmpint (logs.status, ==, 0);
    g_assert_cmpstr (logs.out, ==, "");
    result_clear (&logs);

    run_cli (f, &logs, "flow-run", "logs", id, "--follow", NULL);
    g_assert_cmpint (logs.status, ==, 0);
    g_assert_nonnull (strstr (logs.out, "Ada"));
    result_clear (&logs);

    run_cli (f, &logs, "flow-run", "logs", id, "--level", "loud", NULL);
    g_assert_cmpint (logs.status, ==, 2);
    result_clear (&logs);
  }

  result_clear (&r);
  run_cli (f, &r, "flow-run", "show", "no-such-run", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "No flow run has the id or name “no-such-run”"));
  result_clear (&r);
}

static void
test_run_failed (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = write_flow (f, "fails",
                                      "{\"format\": \"pipewright-flow/1\", \"name\": \"fails\", \"tasks\": ["
                                      " {\"key\": \"ok\", \"kind\": \"shell\", \"script\": \"echo fine\"},"
                                      " {\"key\": \"broken\", \"kind\": \"shell\", \"script\": \"echo oops >&2; exit 4\"},"
                                      " {\"key\": \"after\", \"kind\": \"noop\", \"after\": [\"broken\"]}]}");
  Result r = { 0 };

  run_cli (f, &r, "run", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "broken"));
  g_assert_nonnull (strstr (r.out, "Failed"));
  g_assert_nonnull (strstr (r.out, "NotRun"));
  result_clear (&r);
}

static void
test_run_bad_usage (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *hello = example ("hello.flow.json");
  g_autofree char *typed = write_flow (f, "typed",
                                       "{\"format\": \"pipewright-flow/1\", \"name\": \"typed\","
                                       " \"parameters\": [{\"name\": \"n\", \"type\": \"int\", \"default\": 1}],"
                                       " \"tasks\": [{\"key\": \"t\", \"kind\": \"command\", \"command\": [\"echo\", \"{{ params.n }}\"]}]}");
  g_autofree char *cycle = write_flow (f, "cycle",
                                       "{\"format\": \"pipewright-flow/1\", \"name\": \"cycle\", \"tasks\": ["
                                       " {\"key\": \"a\", \"kind\": \"noop\", \"after\": [\"b\"]},"
                                       " {\"key\": \"b\", \"kind\": \"noop\", \"after\": [\"a\"]}]}");
  Result r = { 0 };

  run_cli (f, &r, "run", hello, "--param", "nobody=1", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "has no parameter “nobody”"));
  result_clear (&r);

  run_cli (f, &r, "run", typed, "--param", "n=seven", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "parameter “n” must be"));
  result_clear (&r);

  run_cli (f, &r, "run", typed, "--param", "novalue", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "NAME=VALUE"));
  result_clear (&r);

  run_cli (f, &r, "run", cycle, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "→"));
  result_clear (&r);

  run_cli (f, &r, "run", "no-such-flow", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no-such-flow"));
  result_clear (&r);

  run_cli (f, &r, "run", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  /* nothing ran */
  run_cli (f, &r, "flow-run", "ls", NULL);
  g_assert_nonnull (strstr (r.out, "No flow runs"));
  result_clear (&r);
}

/* Ctrl-C cancels the run cleanly: exit 130, the run Cancelled. */
static void
test_run_interrupted (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = slow_flow (f);
  g_autoptr(GSubprocess) proc = spawn_run (f, path);
  g_autofree char *id = wait_until_running (f);
  Result r = { 0 };

  g_subprocess_send_signal (proc, SIGINT);
  g_assert_cmpint (wait_exit (proc), ==, 130);

  run_cli (f, &r, "flow-run", "show", id, NULL);
  g_assert_nonnull (strstr (r.out, "State      Cancelled"));
  g_assert_nonnull (strstr (r.out, "NotRun"));
  result_clear (&r);
}

/* `flow-run cancel` from another process: the running CLI exits 3. */
static void
test_run_cancelled_elsewhere (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = slow_flow (f);
  g_autoptr(GSubprocess) proc = spawn_run (f, path);
  g_autofree char *id = wait_until_running (f);
  Result r = { 0 };

  run_cli (f, &r, "flow-run", "cancel", id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  g_assert_cmpint (wait_exit (proc), ==, 3);

  run_cli (f, &r, "flow-run", "show", id, NULL);
  g_assert_nonnull (strstr (r.out, "State      Cancelled"));
  result_clear (&r);

  /* a finished run cannot be cancelled */
  run_cli (f, &r, "flow-run", "cancel", id, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "already finished"));
  result_clear (&r);
}

/* kill -9 of the CLI mid-run: the next open marks the run Crashed, the
 * database is intact, and the lines logged before the kill are there. */
static void
test_run_killed (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = slow_flow (f);
  g_autoptr(GSubprocess) proc = spawn_run (f, path);
  g_autofree char *id = wait_until_running (f);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  Result r = { 0 };

  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (proc));

  run_cli (f, &r, "flow-run", "show", id, NULL);
  g_assert_nonnull (strstr (r.out, "State      Crashed"));
  result_clear (&r);

  run_cli (f, &r, "flow-run", "logs", id, NULL);
  g_assert_nonnull (strstr (r.out, "started"));
  result_clear (&r);

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  kill_leftovers ("echo started; sleep 30");
}

static void
test_retry_from_failed (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *marker = g_build_filename (f->dir, "marker", NULL);
  g_autofree char *count = g_build_filename (f->dir, "count", NULL);
  g_autofree char *json = g_strdup_printf (
    "{\"format\": \"pipewright-flow/1\", \"name\": \"flaky\", \"tasks\": ["
    " {\"key\": \"first\", \"kind\": \"shell\", \"script\": \"echo x >> '%s'; echo one\"},"
    " {\"key\": \"second\", \"kind\": \"shell\", \"script\": \"test -e '%s'\", \"after\": [\"first\"]}]}",
    count, marker);
  g_autofree char *path = write_flow (f, "flaky", json);
  g_autofree char *counted = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) root = NULL;
  Result r = { 0 };

  run_cli (f, &r, "run", path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  root = json_from_string (r.out, NULL);
  id = g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
  result_clear (&r);

  /* still failing: a plain retry runs everything again */
  run_cli (f, &r, "flow-run", "retry", id, NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  g_assert_true (g_file_get_contents (count, &counted, NULL, NULL));
  g_assert_cmpstr (counted, ==, "x\nx\n");

  write_file (marker, "");
  run_cli (f, &r, "flow-run", "retry", id, "--from-failed", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* `first` was reused, not run a third time */
  g_clear_pointer (&counted, g_free);
  g_assert_true (g_file_get_contents (count, &counted, NULL, NULL));
  g_assert_cmpstr (counted, ==, "x\nx\n");

  run_cli (f, &r, "flow-run", "ls", "--state", "Cached", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  run_cli (f, &r, "flow-run", "retry", "no-such-run", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/Cli/run/hello", test_run_hello);
  ADD ("/Cli/run/json-show-logs", test_run_json_show_logs);
  ADD ("/Cli/run/failed", test_run_failed);
  ADD ("/Cli/run/bad-usage", test_run_bad_usage);
  ADD ("/Cli/run/interrupted", test_run_interrupted);
  ADD ("/Cli/run/cancelled-elsewhere", test_run_cancelled_elsewhere);
  ADD ("/Cli/run/killed", test_run_killed);
  ADD ("/Cli/flow-run/retry-from-failed", test_retry_from_failed);
#undef ADD

  return g_test_run ();
}
