/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pw-fake-clock.h"
#include "test-engine-fixture.h"

static void
on_flow_run_changed (PwEngine      *engine,
                     const char    *flow_run_id,
                     EngineFixture *f)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;

  /* Reported only once stored. */
  run = pw_store_get_flow_run (f->store, flow_run_id, &error);
  g_assert_no_error (error);
  f->n_flow_run_changes++;
}

static void
on_task_run_changed (PwEngine      *engine,
                     const char    *flow_run_id,
                     const char    *task_run_id,
                     EngineFixture *f)
{
  g_autoptr(PwTaskRun) run = NULL;
  g_autoptr(GError) error = NULL;

  run = pw_store_get_task_run (f->store, task_run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_task_run_get_flow_run_id (run), ==, flow_run_id);
  f->n_task_run_changes++;
}

static void
on_logs_appended (PwEngine      *engine,
                  const char    *flow_run_id,
                  guint          n_lines,
                  EngineFixture *f)
{
  g_assert_cmpuint (n_lines, >, 0);
  f->n_logs_signals++;
  f->n_log_lines += n_lines;
  f->max_lines_per_signal = MAX (f->max_lines_per_signal, n_lines);
}

static void
set_up (EngineFixture *f,
        PwClock       *clock)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pw-engine-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "pipewright.db", NULL);
  f->store = pw_store_open (path, &error);
  g_assert_no_error (error);
  f->clock = clock;
  f->engine = pw_engine_new (f->store, clock);
  pw_engine_set_kill_grace_ms (f->engine, 300);
  pw_engine_set_heartbeat_ms (f->engine, 100);
  g_signal_connect (f->engine, "flow-run-changed", G_CALLBACK (on_flow_run_changed), f);
  g_signal_connect (f->engine, "task-run-changed", G_CALLBACK (on_task_run_changed), f);
  g_signal_connect (f->engine, "logs-appended", G_CALLBACK (on_logs_appended), f);
}

void
engine_fixture_set_up (EngineFixture *f,
                       gconstpointer  data)
{
  set_up (f, NULL);
}

void
engine_fixture_set_up_fake (EngineFixture *f,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 5, 1, 12, 0, 0);

  set_up (f, pw_fake_clock_new (start));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
engine_fixture_tear_down (EngineFixture *f,
                          gconstpointer  data)
{
  /* Let the last reports out before the engine goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (pw_engine_get_n_running (f->engine), ==, 0);
  g_assert_finalize_object (f->engine);
  g_clear_object (&f->clock);
  g_assert_finalize_object (f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

char *
fixture_path (EngineFixture *f,
              const char    *name)
{
  return g_build_filename (f->dir, name, NULL);
}

PwFlow *
fixture_save_flow (EngineFixture *f,
                   const char    *text)
{
  /* Tests write JSON with ` for " so that it reads as JSON. */
  g_autofree char *json = g_strdup (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autofree char *document = NULL;
  PwFlow *flow;
  gsize length;

  g_strdelimit (json, "`", '"');
  flow = pw_flow_file_load_data (json, strlen (json), "test", &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (flow);
  document = pw_flow_file_to_data (flow, &length);
  info = pw_store_save_flow (f->store, pw_flow_get_name (flow), pw_flow_get_description (flow),
                             pw_flow_get_tags (flow), pw_flow_get_n_tasks (flow), document, &error);
  g_assert_no_error (error);

  return flow;
}

char *
fixture_create_run (EngineFixture *f,
                    const char    *flow_name,
                    const char    *parameters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) run = NULL;

  run = pw_engine_create_flow_run (f->engine, flow_name, 0, parameters, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_PENDING);

  return g_strdup (pw_flow_run_get_id (run));
}

typedef struct
{
  PwFlowRun *run;
  GError    *error;
  gboolean   done;
} Wait;

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->run = pw_engine_start_flow_run_finish (PW_ENGINE (object), result, &wait->error);
  wait->done = TRUE;
}

PwFlowRun *
fixture_wait (EngineFixture  *f,
              const char     *flow_run_id,
              GCancellable   *cancellable,
              GError        **error)
{
  Wait wait = { 0, };

  pw_engine_start_flow_run_async (f->engine, NULL, flow_run_id, cancellable, on_run_done, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.run;
}

/* What a failing test wants to see: `-d` or `--verbose` shows it. */
void
fixture_dump (EngineFixture *f,
              PwFlowRun     *run)
{
  g_autoptr(GPtrArray) logs = fixture_logs (f, pw_flow_run_get_id (run), NULL);

  g_test_message ("flow run %s: %s: %s", pw_flow_run_get_name (run),
                  pw_flow_run_get_state_name (run),
                  pw_state_get_message (pw_flow_run_get_state (run)));
  for (guint i = 0; i < logs->len && i < 200; i++)
    {
      PwLogEntry *entry = g_ptr_array_index (logs, i);

      g_test_message ("  %d %s %s", pw_log_entry_get_level (entry),
                      pw_log_entry_get_task_run_id (entry) != NULL ? "task" : "flow",
                      pw_log_entry_get_message (entry));
    }
}

PwFlowRun *
fixture_run (EngineFixture *f,
             const char    *flow_name,
             const char    *parameters)
{
  g_autofree char *id = fixture_create_run (f, flow_name, parameters);
  g_autoptr(GError) error = NULL;
  PwFlowRun *run;

  run = fixture_wait (f, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_true (pw_state_type_is_terminal (pw_flow_run_get_state_type (run)));
  fixture_dump (f, run);

  return run;
}

static GPtrArray *
list_task_runs (EngineFixture *f,
                PwFlowRun     *run)
{
  g_autoptr(PwTaskRunFilter) filter = pw_task_run_filter_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *runs;

  pw_task_run_filter_set_flow_run_id (filter, pw_flow_run_get_id (run));
  runs = pw_store_list_task_runs (f->store, filter, PW_TASK_RUN_SORT_EXPECTED_START_TIME_ASC,
                                  G_MAXUINT, 0, &error);
  g_assert_no_error (error);
  return runs;
}

PwTaskRun *
fixture_task_run (EngineFixture *f,
                  PwFlowRun     *run,
                  const char    *task_key,
                  guint          index)
{
  g_autoptr(GPtrArray) runs = list_task_runs (f, run);
  char dynamic_key[16];

  g_snprintf (dynamic_key, sizeof dynamic_key, "%u", index);
  for (guint i = 0; i < runs->len; i++)
    {
      PwTaskRun *task_run = g_ptr_array_index (runs, i);

      if (g_str_equal (pw_task_run_get_task_key (task_run), task_key) &&
          g_str_equal (pw_task_run_get_dynamic_key (task_run), dynamic_key))
        return g_object_ref (task_run);
    }

  g_error ("No task run %s[%u] in flow run %s", task_key, index, pw_flow_run_get_id (run));
  return NULL;
}

guint
fixture_n_task_runs (EngineFixture *f,
                     PwFlowRun     *run)
{
  g_autoptr(GPtrArray) runs = list_task_runs (f, run);

  return runs->len;
}

static char *
join_names (GPtrArray *states)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < states->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            pw_state_get_name (g_ptr_array_index (states, i)));
  return g_string_free (names, FALSE);
}

char *
fixture_task_history (EngineFixture *f,
                      PwTaskRun     *task_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = NULL;

  states = pw_store_list_task_run_states (f->store, pw_task_run_get_id (task_run), &error);
  g_assert_no_error (error);
  return join_names (states);
}

char *
fixture_flow_history (EngineFixture *f,
                      PwFlowRun     *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = NULL;

  states = pw_store_list_flow_run_states (f->store, pw_flow_run_get_id (run), &error);
  g_assert_no_error (error);
  return join_names (states);
}

GPtrArray *
fixture_logs (EngineFixture *f,
              const char    *flow_run_id,
              const char    *task_run_id)
{
  g_autoptr(PwLogFilter) filter = pw_log_filter_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *logs;

  pw_log_filter_set_flow_run_id (filter, flow_run_id);
  if (task_run_id != NULL)
    {
      const char *ids[] = { task_run_id, NULL };

      filter->task_run_id_any = g_strdupv ((char **)ids);
    }
  logs = pw_store_list_logs (f->store, filter, PW_LOG_SORT_TIMESTAMP_ASC, G_MAXUINT, 0, &error);
  g_assert_no_error (error);
  return logs;
}

gboolean
fixture_logs_contain (EngineFixture *f,
                      const char    *flow_run_id,
                      const char    *task_run_id,
                      int            level,
                      const char    *needle)
{
  g_autoptr(GPtrArray) logs = fixture_logs (f, flow_run_id, task_run_id);

  for (guint i = 0; i < logs->len; i++)
    {
      PwLogEntry *entry = g_ptr_array_index (logs, i);

      if ((level == 0 || pw_log_entry_get_level (entry) == level) &&
          strstr (pw_log_entry_get_message (entry), needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

void
fixture_iterate_until (gboolean (*done) (gpointer),
                       gpointer   data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

/* A process is gone when kill() cannot find it, or when only its zombie is
 * left (reaped by whoever is pid 1 here, or by no one). */
gboolean
process_gone (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *close_paren;

  if (kill (pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  close_paren = strrchr (stat, ')');
  return close_paren != NULL && close_paren[1] == ' ' && close_paren[2] == 'Z';
}

/* A pid that a task wrote to @path (waiting up to 3 s for it). */
int
read_pid_file (const char *path)
{
  g_autofree char *text = NULL;

  for (guint i = 0; i < 300 && !g_file_get_contents (path, &text, NULL, NULL); i++)
    g_usleep (10 * 1000);
  g_assert_nonnull (text);
  return (int)g_ascii_strtoll (text, NULL, 10);
}

void
wait_process_gone (int pid)
{
  for (guint i = 0; i < 200 && !process_gone (pid); i++)
    g_usleep (10 * 1000);
  g_assert_true (process_gone (pid));
}
