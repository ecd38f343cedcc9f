/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PwLocalBackend watching its database for what other processes commit: a
 * second connection (as another process would) and the real CLI in a
 * subprocess write flows, runs, states, task runs and logs; the backend
 * reports them with its own signals, never its own writes twice, nothing
 * when idle, and survives its database being removed or locked.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pw-local-backend-private.h"
#include "pw-log-entry.h"
#include "pw-state.h"
#include "pw-store.h"

/* Short, so that the tests are quick; the waits allow far more. */
#define INTERVAL_MS 20
#define WAIT_MS     20000

typedef struct
{
  char       *dir;
  char       *db;
  PwBackend  *backend;
  PwStore    *other;       /* another connection, as another process */

  guint       n_flows;
  guint       n_deployments;
  guint       n_work_queues;
  guint       n_signals;
  GHashTable *flow_runs;   /* id → number of signals */
  GHashTable *task_runs;   /* "flow run/task run" → number of signals */
  GHashTable *log_lines;   /* flow run id → lines */
} Fixture;

static void
count (GHashTable *table,
       const char *key,
       guint       n)
{
  guint old = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_replace (table, g_strdup (key), GUINT_TO_POINTER (old + n));
}

static guint
counted (GHashTable *table,
         const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

static void
on_flows_changed (PwBackend *backend,
                  Fixture   *f)
{
  f->n_flows++;
  f->n_signals++;
}

static void
on_deployments_changed (PwBackend *backend,
                        Fixture   *f)
{
  f->n_deployments++;
  f->n_signals++;
}

static void
on_work_queues_changed (PwBackend *backend,
                        Fixture   *f)
{
  f->n_work_queues++;
  f->n_signals++;
}

static void
on_flow_run_changed (PwBackend  *backend,
                     const char *id,
                     Fixture    *f)
{
  count (f->flow_runs, id, 1);
  f->n_signals++;
}

static void
on_task_run_changed (PwBackend  *backend,
                     const char *flow_run_id,
                     const char *id,
                     Fixture    *f)
{
  g_autofree char *key = g_strconcat (flow_run_id, "/", id, NULL);

  count (f->task_runs, key, 1);
  f->n_signals++;
}

static void
on_logs_appended (PwBackend  *backend,
                  const char *flow_run_id,
                  guint       n_lines,
                  Fixture    *f)
{
  count (f->log_lines, flow_run_id, n_lines);
  f->n_signals++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pw-test-watch-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->backend = pw_local_backend_new (f->db, &error);
  g_assert_no_error (error);
  g_object_set (f->backend, "watch-interval-ms", INTERVAL_MS, NULL);
  f->other = pw_store_open (f->db, &error);
  g_assert_no_error (error);

  f->flow_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->task_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->log_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (f->backend, "flows-changed", G_CALLBACK (on_flows_changed), f);
  g_signal_connect (f->backend, "deployments-changed", G_CALLBACK (on_deployments_changed), f);
  g_signal_connect (f->backend, "work-queues-changed", G_CALLBACK (on_work_queues_changed), f);
  g_signal_connect (f->backend, "flow-run-changed", G_CALLBACK (on_flow_run_changed), f);
  g_signal_connect (f->backend, "task-run-changed", G_CALLBACK (on_task_run_changed), f);
  g_signal_connect (f->backend, "logs-appended", G_CALLBACK (on_logs_appended), f);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gpointer weak = f->backend;

  g_clear_object (&f->other);
  g_object_add_weak_pointer (G_OBJECT (f->backend), &weak);
  g_clear_object (&f->backend);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      drain ();
      g_usleep (1000);
    }
  g_assert_null (weak);

  g_hash_table_unref (f->flow_runs);
  g_hash_table_unref (f->task_runs);
  g_hash_table_unref (f->log_lines);
  g_assert_cmpint (system (command), ==, 0);
  g_free (f->db);
  g_free (f->dir);
}

/* Runs the main loop until @done says so; FALSE if it never did. */
static gboolean
wait_until (gboolean (*done) (Fixture *f, gconstpointer data),
            Fixture       *f,
            gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (!done (f, data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      drain ();
      g_usleep (2000);
    }
  return TRUE;
}

/* Runs the main loop for @n watch intervals. */
static void
spin_intervals (guint n)
{
  gint64 end = g_get_monotonic_time () + (gint64)n * INTERVAL_MS * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      drain ();
      g_usleep (2000);
    }
  drain ();
}

static gboolean
flow_run_seen (Fixture       *f,
               gconstpointer  id)
{
  return counted (f->flow_runs, id) > 0;
}

static gboolean
task_run_seen (Fixture       *f,
               gconstpointer  key)
{
  return counted (f->task_runs, key) > 0;
}

static gboolean
flows_seen (Fixture       *f,
            gconstpointer  data)
{
  return f->n_flows > 0;
}

/* A flow saved through @store, and its id. */
static char *
save_flow (PwStore    *store,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autofree char *document = g_strdup_printf ("{\"format\": \"pipewright-flow/1\", \"name\": \"%s\","
                                               " \"tasks\": []}", name);

  info = pw_store_save_flow (store, name, NULL, NULL, 0, document, &error);
  g_assert_no_error (error);
  return g_strdup (pw_flow_info_get_id (info));
}

/* A Pending flow run of @flow_id, created through @store. */
static char *
create_run (PwStore    *store,
            const char *flow_id)
{
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;

  pw_flow_run_set_flow_id (request, flow_id);
  run = pw_store_create_flow_run (store, request, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (pw_flow_run_get_id (run));
}

static void
set_run_state (PwStore     *store,
               const char  *id,
               PwStateType  type)
{
  g_autoptr(PwState) state = pw_state_new (type, NULL, NULL);
  g_autoptr(GError) error = NULL;

  pw_store_set_flow_run_state (store, id, state, &error);
  g_assert_no_error (error);
}

static void
append_logs (PwStore    *store,
             const char *flow_run_id,
             guint       n)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *message = g_strdup_printf ("line %u", i);

      g_ptr_array_add (entries, pw_log_entry_new (flow_run_id, NULL, "test", 20, message, now));
    }
  pw_store_append_logs (store, entries, &error);
  g_assert_no_error (error);
}

typedef struct
{
  const char *flow_run_id;
  guint       n_lines;
} LinesWanted;

static gboolean
lines_seen (Fixture       *f,
            gconstpointer  data)
{
  const LinesWanted *wanted = data;

  return counted (f->log_lines, wanted->flow_run_id) >= wanted->n_lines;
}

/* Another connection writes a flow, a run, its states, a task run and its
 * states, and log lines: each is reported, with its ids. */
static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *flow_id = NULL;
  g_autofree char *run_id = NULL;
  g_autofree char *task_key = NULL;
  g_autoptr(PwTaskRun) request = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwState) pending = pw_state_new (PW_STATE_TYPE_PENDING, NULL, NULL);
  g_autoptr(PwState) completed = pw_state_new (PW_STATE_TYPE_COMPLETED, NULL, NULL);
  g_autoptr(GError) error = NULL;
  LinesWanted wanted;
  guint before;

  flow_id = save_flow (f->other, "etl");
  g_assert_true (wait_until (flows_seen, f, NULL));

  run_id = create_run (f->other, flow_id);
  g_assert_true (wait_until (flow_run_seen, f, run_id));

  before = counted (f->flow_runs, run_id);
  set_run_state (f->other, run_id, PW_STATE_TYPE_RUNNING);
  request = pw_task_run_new (run_id, "extract", "0");
  task_run = pw_store_create_task_run (f->other, request, pending, NULL, &error);
  g_assert_no_error (error);
  task_key = g_strconcat (run_id, "/", pw_task_run_get_id (task_run), NULL);
  g_assert_true (wait_until (task_run_seen, f, task_key));
  g_assert_cmpuint (counted (f->flow_runs, run_id), >, before);

  pw_store_set_task_run_state (f->other, pw_task_run_get_id (task_run), completed, &error);
  g_assert_no_error (error);
  append_logs (f->other, run_id, 3);
  wanted.flow_run_id = run_id;
  wanted.n_lines = 3;
  g_assert_true (wait_until (lines_seen, f, &wanted));

  set_run_state (f->other, run_id, PW_STATE_TYPE_COMPLETED);
  before = counted (f->flow_runs, run_id);
  append_logs (f->other, run_id, 2);
  wanted.n_lines = 5;
  g_assert_true (wait_until (lines_seen, f, &wanted));
  /* The state and the lines were read together, or the state first. */
  g_assert_cmpuint (counted (f->flow_runs, run_id), >, before);
  g_assert_cmpuint (counted (f->log_lines, run_id), ==, 5);
  g_assert_cmpuint (g_hash_table_size (f->flow_runs), ==, 1);
  g_assert_cmpuint (g_hash_table_size (f->task_runs), ==, 1);
}

static gboolean
deployments_seen (Fixture       *f,
                  gconstpointer  data)
{
  return f->n_deployments > GPOINTER_TO_UINT (data);
}

static gboolean
work_queues_seen (Fixture       *f,
                  gconstpointer  data)
{
  return f->n_work_queues > GPOINTER_TO_UINT (data);
}

/* Deployments and work queues changed by another connection: created, an
 * agent's poll (a queue's last_polled), paused, deleted. */
static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PwWorkQueue) request = pw_work_queue_new ("etl-queue");
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = save_flow (f->other, "etl");
  g_autofree char *deployment_id = NULL;
  const char * const names[] = { "etl-queue", NULL };
  guint n;

  queue = pw_store_create_work_queue (f->other, request, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (work_queues_seen, f, GUINT_TO_POINTER (0)));

  n = f->n_work_queues;
  pw_store_touch_work_queues (f->other, names, now, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (work_queues_seen, f, GUINT_TO_POINTER (n)));

  deployment_id = pw_store_save_deployment (f->other, "etl", "nightly", NULL, "{}", NULL,
                                            "etl-queue", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (deployments_seen, f, GUINT_TO_POINTER (0)));

  n = f->n_deployments;
  pw_store_set_deployment_paused (f->other, deployment_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (deployments_seen, f, GUINT_TO_POINTER (n)));

  n = f->n_work_queues;
  pw_store_delete_work_queue (f->other, "etl-queue", &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (work_queues_seen, f, GUINT_TO_POINTER (n)));
}

/* Nothing committed: no signal and no read at all. */
static void
test_idle (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *flow_id = save_flow (f->other, "etl");
  guint64 reads;

  g_assert_true (wait_until (flows_seen, f, NULL));
  spin_intervals (3);
  f->n_signals = 0;
  reads = _pw_local_backend_watch_get_n_reads (PW_LOCAL_BACKEND (f->backend));

  spin_intervals (15);
  g_assert_cmpuint (f->n_signals, ==, 0);
  g_assert_cmpuint (_pw_local_backend_watch_get_n_reads (PW_LOCAL_BACKEND (f->backend)), ==, reads);
}

/* What the backend writes itself is reported once, by itself; a later
 * read for another connection's write does not report it again. */
static void
test_own_writes (Fixture       *f,
                 gconstpointer  data)
{
  PwStore *own = PW_LOCAL_BACKEND (f->backend)->store;
  g_autofree char *own_flow = save_flow (own, "own");
  g_autofree char *other_flow = NULL;
  g_autofree char *own_run = create_run (own, own_flow);
  g_autofree char *other_run = NULL;
  LinesWanted wanted;

  set_run_state (own, own_run, PW_STATE_TYPE_RUNNING);
  append_logs (own, own_run, 4);

  /* Written through the backend's own connection, with no signal of
   * the backend's: the watch must stay quiet about them too. */
  other_flow = save_flow (f->other, "other");
  other_run = create_run (f->other, other_flow);
  append_logs (f->other, other_run, 1);
  wanted.flow_run_id = other_run;
  wanted.n_lines = 1;
  g_assert_true (wait_until (lines_seen, f, &wanted));
  g_assert_true (wait_until (flow_run_seen, f, other_run));
  spin_intervals (5);

  g_assert_cmpuint (counted (f->flow_runs, own_run), ==, 0);
  g_assert_cmpuint (counted (f->log_lines, own_run), ==, 0);
  g_assert_cmpuint (counted (f->flow_runs, other_run), ==, 1);
  g_assert_cmpuint (counted (f->log_lines, other_run), ==, 1);
  g_assert_cmpuint (f->n_flows, ==, 1);

  /* The own flow changes alone, then another connection writes a line:
   * the flows were not changed by anyone else. */
  g_free (save_flow (own, "own-2"));
  append_logs (f->other, other_run, 1);
  wanted.n_lines = 2;
  g_assert_true (wait_until (lines_seen, f, &wanted));
  spin_intervals (3);
  g_assert_cmpuint (f->n_flows, ==, 1);
  g_assert_cmpuint (f->n_deployments, ==, 0);
  g_assert_cmpuint (f->n_work_queues, ==, 0);
}

/* Off: nothing is watched; on again: what is committed after is. */
static void
test_interval_off (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *flow_id = NULL;
  g_autofree char *run_id = NULL;
  guint interval = 0;

  g_object_set (f->backend, "watch-interval-ms", 0, NULL);
  g_object_get (f->backend, "watch-interval-ms", &interval, NULL);
  g_assert_cmpuint (interval, ==, 0);

  flow_id = save_flow (f->other, "etl");
  run_id = create_run (f->other, flow_id);
  spin_intervals (10);
  g_assert_cmpuint (f->n_signals, ==, 0);

  g_object_set (f->backend, "watch-interval-ms", INTERVAL_MS, NULL);
  set_run_state (f->other, run_id, PW_STATE_TYPE_RUNNING);
  g_assert_true (wait_until (flow_run_seen, f, run_id));
  g_assert_cmpuint (f->n_flows, ==, 0);
}

/* The real CLI, in another process: a flow imported, then run. */
static void
run_cli (Fixture    *f,
         char      **out,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *)g_getenv ("PW_CLI"));
  g_ptr_array_add (args, (char *)"--db");
  g_ptr_array_add (args, f->db);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_newv ((const char * const *)args->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
}

static gboolean
three_task_runs_seen (Fixture       *f,
                      gconstpointer  data)
{
  return g_hash_table_size (f->task_runs) >= 3 && counted (f->log_lines, data) > 0;
}

static void
test_cli_process (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *hello = g_build_filename (g_getenv ("PW_EXAMPLES_DIR"), "hello.flow.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *run_id;

  if (g_getenv ("PW_CLI") == NULL)
    {
      g_test_skip ("PW_CLI is not set");
      return;
    }

  run_cli (f, NULL, "flow", "import", hello, NULL);
  g_assert_true (wait_until (flows_seen, f, NULL));

  run_cli (f, &out, "run", "hello", "--json", NULL);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  run_id = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "id");
  g_assert_true (wait_until (flow_run_seen, f, run_id));
  g_assert_true (wait_until (three_task_runs_seen, f, run_id));
  g_assert_cmpuint (g_hash_table_size (f->flow_runs), ==, 1);
}

static gboolean
failed (Fixture       *f,
        gconstpointer  data)
{
  return _pw_local_backend_watch_get_n_failures (PW_LOCAL_BACKEND (f->backend)) >= GPOINTER_TO_UINT (data);
}

/* The file removed under the backend, then something else in its place:
 * one warning, no crash; a new database at the same place is watched once
 * it is there. */
static void
test_database_removed (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  g_autoptr(PwStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = NULL;
  g_autofree char *run_id = NULL;
  guint n;

  g_clear_object (&f->other);
  g_test_expect_message ("pw-local-backend", G_LOG_LEVEL_WARNING,
                         "Could not watch*for the changes of other processes: No such file*");
  g_assert_cmpint (g_unlink (f->db), ==, 0);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (wait_until (failed, f, GUINT_TO_POINTER (1)));
  g_test_assert_expected_messages ();

  /* Not a database: still the same spell of trouble, no new warning. */
  n = _pw_local_backend_watch_get_n_failures (PW_LOCAL_BACKEND (f->backend));
  g_file_set_contents (f->db, "not a database\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (failed, f, GUINT_TO_POINTER (n + 3)));
  g_assert_cmpuint (f->n_signals, ==, 0);
  g_assert_cmpint (g_unlink (f->db), ==, 0);

  again = pw_store_open (f->db, &error);
  g_assert_no_error (error);
  /* Back: the lists are reported changed, and then what is committed. */
  g_assert_true (wait_until (flows_seen, f, NULL));
  flow_id = save_flow (again, "etl");
  run_id = create_run (again, flow_id);
  g_assert_true (wait_until (flow_run_seen, f, run_id));
}

/* Another connection holds the database's write lock for a while: nothing
 * is reported of what it has not committed, nothing fails; once it
 * commits, its changes are reported. */
static void
test_database_locked (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *flow_id = save_flow (f->other, "etl");
  g_autofree char *run_id = create_run (f->other, flow_id);
  g_autoptr(GError) error = NULL;

  g_assert_true (wait_until (flow_run_seen, f, run_id));
  g_hash_table_remove_all (f->flow_runs);
  f->n_signals = 0;

  g_assert_true (pw_store_begin (f->other, &error));
  g_assert_no_error (error);
  set_run_state (f->other, run_id, PW_STATE_TYPE_RUNNING);
  append_logs (f->other, run_id, 2);
  spin_intervals (10);
  g_assert_cmpuint (f->n_signals, ==, 0);
  g_assert_cmpuint (_pw_local_backend_watch_get_n_failures (PW_LOCAL_BACKEND (f->backend)), ==, 0);

  g_assert_true (pw_store_commit (f->other, &error));
  g_assert_no_error (error);
  g_assert_true (wait_until (flow_run_seen, f, run_id));
  g_assert_cmpuint (counted (f->log_lines, run_id), ==, 2);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/LocalBackendWatch/other-connection", test_other_connection);
  ADD ("/LocalBackendWatch/lists", test_lists);
  ADD ("/LocalBackendWatch/idle", test_idle);
  ADD ("/LocalBackendWatch/own-writes", test_own_writes);
  ADD ("/LocalBackendWatch/interval-off", test_interval_off);
  ADD ("/LocalBackendWatch/cli-process", test_cli_process);
  ADD ("/LocalBackendWatch/database-removed", test_database_removed);
  ADD ("/LocalBackendWatch/database-locked", test_database_locked);

  return g_test_run ();
}
