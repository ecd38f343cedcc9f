/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PwLocalBackend on a real temporary database: the flow operations the
 * app and the CLI use.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pw-flow.h"
#include "pw-flow-file.h"
#include "pw-local-backend.h"
#include "pw-store.h"
#include "pw-state.h"
#include "pw-task.h"

typedef struct
{
  char      *dir;
  char      *db;
  PwBackend *backend;
  guint      n_changed;
} Fixture;

static void
on_flows_changed (PwBackend *backend,
                  Fixture   *f)
{
  f->n_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pw-test-backend-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->backend = pw_local_backend_new (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (PW_IS_BACKEND (f->backend));
  g_signal_connect (f->backend, "flows-changed", G_CALLBACK (on_flows_changed), f);
}

/* Lets queued flows-changed emissions run. */
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

  /* A GTask's worker thread drops its reference on the backend a moment
   * after the result reached us; wait for that, then the backend must go. */
  g_object_add_weak_pointer (G_OBJECT (f->backend), &weak);
  g_clear_object (&f->backend);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      drain ();
      g_usleep (1000);
    }
  g_assert_null (weak);
  g_assert_cmpint (system (command), ==, 0);
  g_free (f->db);
  g_free (f->dir);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

static PwFlowInfo *
import (Fixture     *f,
        const char  *path,
        GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_import_flow_async (f->backend, file, NULL, store_result, &slot);
  result = wait_for (&slot);
  return pw_backend_import_flow_finish (f->backend, result, error);
}

static PwFlowInfo *
import_example (Fixture    *f,
                const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("PW_EXAMPLES_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  PwFlowInfo *info = import (f, path, &error);

  g_assert_no_error (error);
  return info;
}

static GListModel *
list (Fixture    *f,
      const char *search)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GListModel *model;

  pw_backend_list_flows_async (f->backend, search, NULL, store_result, &slot);
  result = wait_for (&slot);
  model = pw_backend_list_flows_finish (f->backend, result, &error);
  g_assert_no_error (error);
  return model;
}

static PwFlow *
get (Fixture     *f,
     const char  *name,
     guint        version,
     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_get_flow_async (f->backend, name, version, NULL, store_result, &slot);
  result = wait_for (&slot);
  return pw_backend_get_flow_finish (f->backend, result, error);
}

static PwFlowInfo *
save (Fixture  *f,
      PwFlow   *flow,
      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_save_flow_async (f->backend, flow, NULL, store_result, &slot);
  result = wait_for (&slot);
  return pw_backend_save_flow_finish (f->backend, result, error);
}

static gboolean
delete (Fixture     *f,
        const char  *name,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_delete_flow_async (f->backend, name, NULL, store_result, &slot);
  result = wait_for (&slot);
  return pw_backend_delete_flow_finish (f->backend, result, error);
}

static void
test_import_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PwFlowInfo) ml = import_example (f, "ml-training.flow.json");
  g_autoptr(PwFlowInfo) stars = import_example (f, "github-stars.flow.json");
  g_autoptr(PwFlowInfo) hello = import_example (f, "hello.flow.json");
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(PwFlowInfo) first = NULL;

  g_assert_cmpstr (pw_flow_info_get_name (ml), ==, "ml-training");
  g_assert_cmpuint (pw_flow_info_get_version (ml), ==, 1);
  g_assert_cmpuint (pw_flow_info_get_n_tasks (ml), >=, 6);

  drain ();
  g_assert_cmpuint (f->n_changed, ==, 3);

  all = list (f, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  g_assert_true (g_list_model_get_item_type (all) == PW_TYPE_FLOW_INFO);
  first = g_list_model_get_item (all, 0);
  g_assert_cmpstr (pw_flow_info_get_name (first), ==, "github-stars");

  found = list (f, "TRAIN");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
}

static void
test_save_versions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PwFlowInfo) v1 = import_example (f, "hello.flow.json");
  g_autoptr(PwFlowInfo) v2 = NULL;
  g_autoptr(PwFlowInfo) same = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlow) old = NULL;
  g_autoptr(PwTask) extra = pw_task_new ("extra", PW_TASK_KIND_NOOP);
  g_autoptr(GError) error = NULL;

  flow = get (f, "hello", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_get_name (flow), ==, "hello");

  pw_flow_add_task (flow, extra);
  v2 = save (f, flow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_flow_info_get_version (v2), ==, 2);
  g_assert_cmpuint (pw_flow_info_get_n_tasks (v2), ==, pw_flow_info_get_n_tasks (v1) + 1);

  /* saving what is stored already adds no version */
  same = save (f, flow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_flow_info_get_version (same), ==, 2);

  old = get (f, "hello", 1, &error);
  g_assert_no_error (error);
  g_assert_null (pw_flow_get_task (old, "extra"));
  g_clear_object (&flow);
  flow = get (f, "hello", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pw_flow_get_task (flow, "extra"));
}

/* An invalid flow is refused with every problem, and nothing is stored. */
static void
test_save_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PwFlow) flow = pw_flow_new ("broken");
  g_autoptr(PwTask) a = pw_task_new ("a", PW_TASK_KIND_NOOP);
  g_autoptr(PwTask) b = pw_task_new ("b", PW_TASK_KIND_NOOP);
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  const char *after_a[] = { "b", NULL };
  const char *after_b[] = { "a", "ghost", NULL };

  pw_task_set_after (a, after_a);
  pw_task_set_after (b, after_b);
  pw_flow_add_task (flow, a);
  pw_flow_add_task (flow, b);

  info = save (f, flow, &error);
  g_assert_null (info);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ghost"));
  g_assert_nonnull (strstr (error->message, "→"));

  all = list (f, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 0);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PwFlowInfo) info = import_example (f, "hello.flow.json");
  g_autoptr(PwFlow) gone = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (delete (f, "hello", &error));
  g_assert_no_error (error);

  all = list (f, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 0);

  gone = get (f, "hello", 0, &error);
  g_assert_null (gone);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (delete (f, "hello", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PwFlowInfo) info = import_example (f, "ml-training.flow.json");
  g_autofree char *path = g_build_filename (f->dir, "out.flow.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwFlow) exported = NULL;
  g_autoptr(PwFlow) stored = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_export_flow_async (f->backend, "ml-training", file, NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_true (pw_backend_export_flow_finish (f->backend, result, &error));
  g_assert_no_error (error);

  exported = pw_flow_file_load_path (path, NULL, &error);
  g_assert_no_error (error);
  stored = get (f, "ml-training", 0, &error);
  g_assert_no_error (error);
  a = pw_flow_file_to_data (exported, NULL);
  b = pw_flow_file_to_data (stored, NULL);
  g_assert_cmpstr (a, ==, b);
}

static void
test_export_missing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.flow.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_export_flow_async (f->backend, "nope", file, NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_false (pw_backend_export_flow_finish (f->backend, result, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A broken file is refused with the loader's error; the stored flow of the
 * same name is untouched. */
static void
test_import_broken (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PwFlowInfo) info = import_example (f, "hello.flow.json");
  g_autofree char *path = g_build_filename (f->dir, "hello.flow.json", NULL);
  g_autoptr(PwFlowInfo) broken = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "{\"format\": \"pipewright-flow/1\", \"name\": \"hello\"", -1, NULL));
  broken = import (f, path, &error);
  g_assert_null (broken);
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_PARSE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "{\"format\": \"pipewright-flow/9\", \"name\": \"hello\", \"tasks\": []}", -1, NULL));
  broken = import (f, path, &error);
  g_assert_null (broken);
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_NEWER_FORMAT);
  g_clear_error (&error);

  flow = get (f, "hello", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, pw_flow_info_get_n_tasks (info));
}

typedef struct
{
  char     *run_id;
  gboolean  finished;
  guint     n_task_signals;
  guint     n_log_lines;
} Watch;

static void
on_run_changed (PwBackend  *backend,
                const char *id,
                Watch      *w)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  GAsyncResult *slot = NULL;

  if (g_strcmp0 (id, w->run_id) != 0)
    return;

  pw_backend_get_flow_run_async (backend, id, NULL, store_result, &slot);
  result = wait_for (&slot);
  run = pw_backend_get_flow_run_finish (backend, result, NULL);
  g_assert_nonnull (run);
  if (pw_state_type_is_terminal (pw_flow_run_get_state_type (run)))
    w->finished = TRUE;
}

static void
on_task_changed (PwBackend  *backend,
                 const char *flow_run_id,
                 const char *task_run_id,
                 Watch      *w)
{
  if (g_strcmp0 (flow_run_id, w->run_id) == 0)
    w->n_task_signals++;
}

static void
on_logs (PwBackend  *backend,
         const char *flow_run_id,
         guint       n,
         Watch      *w)
{
  if (g_strcmp0 (flow_run_id, w->run_id) == 0)
    w->n_log_lines += n;
}

static PwFlowRun *
run_to_end (Fixture    *f,
            PwFlowRun  *started,
            Watch      *w)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  w->run_id = g_strdup (pw_flow_run_get_id (started));
  while (!w->finished)
    g_main_context_iteration (NULL, TRUE);
  drain ();

  pw_backend_get_flow_run_async (f->backend, w->run_id, NULL, store_result, &slot);
  result = wait_for (&slot);
  return pw_backend_get_flow_run_finish (f->backend, result, NULL);
}

/* Run a flow through the backend, follow it by its signals, read it back
 * with every read operation, then retry it and fail to cancel it. */
static void
test_runs (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PwFlowInfo) info = import_example (f, "hello.flow.json");
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(PwLogFilter) log_filter = pw_log_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwFlowRun) started = NULL;
  g_autoptr(PwFlowRun) finished = NULL;
  g_autoptr(PwFlowRun) retried = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GListModel) task_runs = NULL;
  g_autoptr(GListModel) logs = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  Watch w = { 0 };
  Watch again = { 0 };
  gboolean said_hello = FALSE;

  g_signal_connect (f->backend, "flow-run-changed", G_CALLBACK (on_run_changed), &w);
  g_signal_connect (f->backend, "task-run-changed", G_CALLBACK (on_task_changed), &w);
  g_signal_connect (f->backend, "logs-appended", G_CALLBACK (on_logs), &w);

  pw_backend_run_flow_async (f->backend, "hello", 0, "{\"who\": \"backend\"}", NULL, store_result, &slot);
  result = wait_for (&slot);
  started = pw_backend_run_flow_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  finished = run_to_end (f, started, &w);
  g_assert_cmpstr (pw_flow_run_get_state_name (finished), ==, "Completed");
  g_assert_cmpuint (w.n_task_signals, >=, 3);
  g_assert_cmpuint (w.n_log_lines, >=, 2);

  filter->state_types = PW_STATE_TYPE_MASK (PW_STATE_TYPE_COMPLETED);
  pw_backend_list_flow_runs_async (f->backend, filter, PW_FLOW_RUN_SORT_START_TIME_DESC, 10, 0,
                                   NULL, store_result, &slot);
  result = wait_for (&slot);
  runs = pw_backend_list_flow_runs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  g_clear_object (&result);

  pw_backend_count_flow_runs_async (f->backend, NULL, NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_cmpint (pw_backend_count_flow_runs_finish (f->backend, result, &error), ==, 1);
  g_clear_object (&result);

  pw_backend_list_task_runs_async (f->backend, w.run_id, NULL, store_result, &slot);
  result = wait_for (&slot);
  task_runs = pw_backend_list_task_runs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (task_runs), ==, 3);
  g_clear_object (&result);

  pw_log_filter_set_flow_run_id (log_filter, w.run_id);
  pw_backend_list_logs_async (f->backend, log_filter, PW_LOG_SORT_TIMESTAMP_ASC, 200, 0,
                              NULL, store_result, &slot);
  result = wait_for (&slot);
  logs = pw_backend_list_logs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (logs); i++)
    {
      g_autoptr(PwLogEntry) entry = g_list_model_get_item (logs, i);
      if (strstr (pw_log_entry_get_message (entry), "Hello, backend!") != NULL)
        said_hello = TRUE;
    }
  g_assert_true (said_hello);
  g_clear_object (&result);

  /* a finished run cannot be cancelled */
  pw_backend_cancel_flow_run_async (f->backend, w.run_id, NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_false (pw_backend_cancel_flow_run_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  g_signal_handlers_disconnect_by_data (f->backend, &w);
  g_signal_connect (f->backend, "flow-run-changed", G_CALLBACK (on_run_changed), &again);
  pw_backend_retry_flow_run_async (f->backend, w.run_id, FALSE, NULL, store_result, &slot);
  result = wait_for (&slot);
  retried = pw_backend_retry_flow_run_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_id (retried), !=, w.run_id);
  g_clear_object (&finished);
  finished = run_to_end (f, retried, &again);
  g_assert_cmpstr (pw_flow_run_get_state_name (finished), ==, "Completed");
  g_assert_cmpstr (pw_flow_run_get_parameters (finished), ==, pw_flow_run_get_parameters (started));
  g_signal_handlers_disconnect_by_data (f->backend, &again);
  g_clear_object (&result);

  pw_backend_get_flow_run_async (f->backend, "00000000-0000-0000-0000-000000000000", NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_null (pw_backend_get_flow_run_finish (f->backend, result, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  pw_backend_run_flow_async (f->backend, "no-such-flow", 0, NULL, NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_null (pw_backend_run_flow_finish (f->backend, result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-flow"));

  g_free (w.run_id);
  g_free (again.run_id);
}

static void
test_open_not_a_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pw-test-backend-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "junk.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (db, "junk junk junk junk junk junk junk junk junk", -1, NULL));
  backend = pw_local_backend_new (db, &error);
  g_assert_null (backend);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, db));

  g_assert_true (g_file_get_contents (db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "junk junk junk junk junk junk junk junk junk");
  g_unlink (db);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/LocalBackend/import-and-list", test_import_and_list);
  ADD ("/LocalBackend/save-versions", test_save_versions);
  ADD ("/LocalBackend/save-invalid", test_save_invalid);
  ADD ("/LocalBackend/delete", test_delete);
  ADD ("/LocalBackend/export-round-trip", test_export_round_trip);
  ADD ("/LocalBackend/export-missing", test_export_missing);
  ADD ("/LocalBackend/import-broken", test_import_broken);
  ADD ("/LocalBackend/runs", test_runs);
#undef ADD
  g_test_add_func ("/LocalBackend/open-not-a-database", test_open_not_a_database);

  return g_test_run ();
}
