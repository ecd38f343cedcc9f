/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The deployment and work-queue operations of PwLocalBackend on a real
 * temporary database: saving (with its checks), run now (parameters merged,
 * tags unioned, routed), preview, pause and resume, queues, health, and the
 * signals.
 */
#include "config.h"

#include "pw-deployment-file.h"
#include "pw-local-backend.h"
#include "pw-state.h"

typedef struct
{
  char      *dir;
  char      *db;
  PwBackend *backend;
  guint      n_deployments_changed;
  guint      n_work_queues_changed;
  GPtrArray *runs_changed;
} Fixture;

static void
on_deployments_changed (PwBackend *backend,
                        Fixture   *f)
{
  f->n_deployments_changed++;
}

static void
on_work_queues_changed (PwBackend *backend,
                        Fixture   *f)
{
  f->n_work_queues_changed++;
}

static void
on_flow_run_changed (PwBackend  *backend,
                     const char *id,
                     Fixture    *f)
{
  g_ptr_array_add (f->runs_changed, g_strdup (id));
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

static void
import_example (Fixture    *f,
                const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("PW_EXAMPLES_DIR"), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_import_flow_async (f->backend, file, NULL, store_result, &slot);
  result = wait_for (&slot);
  info = pw_backend_import_flow_finish (f->backend, result, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pw-test-deployments-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->backend = pw_local_backend_new (f->db, &error);
  g_assert_no_error (error);
  f->runs_changed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->backend, "deployments-changed", G_CALLBACK (on_deployments_changed), f);
  g_signal_connect (f->backend, "work-queues-changed", G_CALLBACK (on_work_queues_changed), f);
  g_signal_connect (f->backend, "flow-run-changed", G_CALLBACK (on_flow_run_changed), f);
  import_example (f, "hello.flow.json");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gpointer weak = f->backend;

  /* Worker threads let go of the backend a moment after their result. */
  g_object_add_weak_pointer (G_OBJECT (f->backend), &weak);
  g_clear_object (&f->backend);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      drain ();
      g_usleep (1000);
    }
  g_assert_null (weak);
  g_assert_cmpint (system (command), ==, 0);
  g_ptr_array_unref (f->runs_changed);
  g_free (f->db);
  g_free (f->dir);
}

static PwDeployment *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("PW_EXAMPLES_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  PwDeployment *deployment = pw_deployment_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  return deployment;
}

static PwDeployment *
save (Fixture       *f,
      PwDeployment  *deployment,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_save_deployment_async (f->backend, deployment, NULL, store_result, &slot);
  result = wait_for (&slot);
  return pw_backend_save_deployment_finish (f->backend, result, error);
}

static GListModel *
list_deployments (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GListModel *model;

  pw_backend_list_deployments_async (f->backend, NULL, NULL, store_result, &slot);
  result = wait_for (&slot);
  model = pw_backend_list_deployments_finish (f->backend, result, &error);
  g_assert_no_error (error);
  return model;
}

static GListModel *
preview_queue (Fixture    *f,
               const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GListModel *model;

  pw_backend_preview_work_queue_async (f->backend, name, NULL, 0, NULL, store_result, &slot);
  result = wait_for (&slot);
  model = pw_backend_preview_work_queue_finish (f->backend, result, &error);
  g_assert_no_error (error);
  return model;
}

static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PwDeployment) dev = load_example ("hello-dev.deployment.json");
  g_autoptr(PwDeployment) stored = NULL;
  g_autoptr(PwDeployment) again = NULL;
  g_autoptr(PwDeployment) got = NULL;
  g_autoptr(PwDeployment) missing = load_example ("ml-training-nightly.deployment.json");
  g_autoptr(GListModel) deployments = NULL;
  g_autoptr(GListModel) waiting = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  stored = save (f, dev, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pw_deployment_get_id (stored));
  g_assert_true (g_date_time_equal (pw_deployment_get_created (stored),
                                    pw_deployment_get_updated (stored)));
  drain ();
  g_assert_cmpuint (f->n_deployments_changed, ==, 1);
  g_assert_cmpuint (f->n_work_queues_changed, >=, 1);

  /* Its next runs are there at once, in its queue. */
  waiting = preview_queue (f, "dev");
  g_assert_cmpuint (g_list_model_get_n_items (waiting), >=, 3);

  /* Saving again updates it. */
  pw_deployment_set_description (dev, "Changed");
  again = save (f, dev, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_deployment_get_id (again), ==, pw_deployment_get_id (stored));
  g_assert_false (g_date_time_equal (pw_deployment_get_created (again),
                                     pw_deployment_get_updated (again)));

  pw_backend_get_deployment_async (f->backend, "hello", "dev", NULL, store_result, &slot);
  result = wait_for (&slot);
  got = pw_backend_get_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_deployment_get_description (got), ==, "Changed");
  g_clear_object (&result);

  pw_backend_get_deployment_async (f->backend, "hello", "nope", NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_null (pw_backend_get_deployment_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A flow that is not there: refused, nothing stored. */
  g_assert_null (save (f, missing, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ml-training"));
  g_clear_error (&error);

  /* Parameters the flow does not have, or of the wrong type. */
  pw_deployment_set_name (dev, "typo");
  pw_deployment_set_parameters (dev, "{\"whom\": \"x\"}");
  g_assert_null (save (f, dev, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "did you mean “who”"));
  g_clear_error (&error);
  pw_deployment_set_parameters (dev, "{\"who\": 42}");
  g_assert_null (save (f, dev, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“who”"));
  g_clear_error (&error);

  deployments = list_deployments (f);
  g_assert_cmpuint (g_list_model_get_n_items (deployments), ==, 1);
}

/* Run now, as Prefect's create_flow_run: parameters over the
 * deployment's, tags before its tags, in its queue, not run here. */
static void
test_run (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(PwDeployment) dev = load_example ("hello-dev.deployment.json");
  g_autoptr(PwDeployment) stored = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  pw_deployment_set_schedule (dev, NULL);
  pw_deployment_set_tags (dev, (const char * const[]) { "dev", "example", NULL });
  stored = save (f, dev, &error);
  g_assert_no_error (error);

  pw_backend_run_deployment_async (f->backend, pw_deployment_get_id (stored),
                                   "{\"who\": \"Ada\"}",
                                   (const char * const[]) { "manual", "dev", NULL },
                                   NULL, store_result, &slot);
  result = wait_for (&slot);
  run = pw_backend_run_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_deployment_id (run), ==, pw_deployment_get_id (stored));
  g_assert_cmpstr (pw_flow_run_get_work_queue_name (run), ==, "dev");
  g_assert_cmpstr (pw_flow_run_get_parameters (run), ==, "{\"who\":\"Ada\"}");
  g_assert_cmpstrv (pw_flow_run_get_tags (run),
                    ((const char * const[]) { "manual", "dev", "example", NULL }));
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_SCHEDULED);
  g_assert_false (pw_flow_run_get_auto_scheduled (run));
  g_assert_nonnull (pw_flow_run_get_next_scheduled_start_time (run));
  drain ();
  g_assert_cmpuint (f->runs_changed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->runs_changed, 0), ==, pw_flow_run_get_id (run));
  g_clear_object (&result);
  g_clear_object (&run);

  /* Without parameters: the deployment's own. A wrong one is refused. */
  pw_backend_run_deployment_async (f->backend, pw_deployment_get_id (stored), NULL, NULL, NULL,
                                   store_result, &slot);
  result = wait_for (&slot);
  run = pw_backend_run_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_parameters (run), ==, "{\"who\":\"dev\"}");
  g_clear_object (&result);

  pw_backend_run_deployment_async (f->backend, pw_deployment_get_id (stored), "{\"whom\": 1}",
                                   NULL, NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_null (pw_backend_run_deployment_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  pw_backend_run_deployment_async (f->backend, "no-such-id", NULL, NULL, NULL, store_result,
                                   &slot);
  result = wait_for (&slot);
  g_assert_null (pw_backend_run_deployment_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);
}

static void
test_preview_pause_delete (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PwDeployment) prod = load_example ("hello-prod.deployment.json");
  g_autoptr(PwDeployment) stored = NULL;
  g_autoptr(PwDeployment) paused = NULL;
  g_autoptr(PwDeployment) resumed = NULL;
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(GListModel) waiting = NULL;
  g_autoptr(GListModel) deployments = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  stored = save (f, prod, &error);
  g_assert_no_error (error);

  pw_backend_preview_deployment_async (f->backend, pw_deployment_get_id (stored), 4, NULL,
                                       store_result, &slot);
  result = wait_for (&slot);
  times = pw_backend_preview_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (times->len, ==, 4);
  for (guint i = 0; i < times->len; i++)
    {
      GDateTime *t = g_ptr_array_index (times, i);

      g_assert_cmpint (g_date_time_compare (t, now), >, 0);
      g_assert_cmpint (g_date_time_get_minute (t), ==, 0);
      if (i > 0)
        g_assert_cmpint (g_date_time_difference (t, g_ptr_array_index (times, i - 1)), ==,
                         G_TIME_SPAN_HOUR);
    }
  g_clear_object (&result);

  waiting = preview_queue (f, "prod");
  g_assert_cmpuint (g_list_model_get_n_items (waiting), ==, 3);
  g_clear_object (&waiting);

  /* Pausing deletes the runs ahead; resuming makes them again. */
  pw_backend_set_deployment_paused_async (f->backend, pw_deployment_get_id (stored), TRUE, NULL,
                                          store_result, &slot);
  result = wait_for (&slot);
  paused = pw_backend_set_deployment_paused_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_true (pw_deployment_get_paused (paused));
  waiting = preview_queue (f, "prod");
  g_assert_cmpuint (g_list_model_get_n_items (waiting), ==, 0);
  g_clear_object (&waiting);
  g_clear_object (&result);

  pw_backend_set_deployment_paused_async (f->backend, pw_deployment_get_id (stored), FALSE, NULL,
                                          store_result, &slot);
  result = wait_for (&slot);
  resumed = pw_backend_set_deployment_paused_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_false (pw_deployment_get_paused (resumed));
  waiting = preview_queue (f, "prod");
  g_assert_cmpuint (g_list_model_get_n_items (waiting), ==, 3);
  g_clear_object (&waiting);
  g_clear_object (&result);

  pw_backend_delete_deployment_async (f->backend, pw_deployment_get_id (stored), NULL,
                                      store_result, &slot);
  result = wait_for (&slot);
  g_assert_true (pw_backend_delete_deployment_finish (f->backend, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  deployments = list_deployments (f);
  g_assert_cmpuint (g_list_model_get_n_items (deployments), ==, 0);
  waiting = preview_queue (f, "prod");
  g_assert_cmpuint (g_list_model_get_n_items (waiting), ==, 0);

  pw_backend_delete_deployment_async (f->backend, pw_deployment_get_id (stored), NULL,
                                      store_result, &slot);
  result = wait_for (&slot);
  g_assert_false (pw_backend_delete_deployment_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);
  drain ();
  g_assert_cmpuint (f->n_deployments_changed, >=, 4);
}

static void
test_work_queues (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PwWorkQueue) queue = pw_work_queue_new ("gpu");
  g_autoptr(PwWorkQueue) created = NULL;
  g_autoptr(PwWorkQueue) updated = NULL;
  g_autoptr(PwWorkQueue) paused = NULL;
  g_autoptr(PwWorkQueue) got = NULL;
  g_autoptr(PwWorkQueueStatus) status = NULL;
  g_autoptr(GListModel) queues = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  pw_work_queue_set_concurrency_limit (queue, 2);
  pw_work_queue_set_priority (queue, 3);
  pw_backend_create_work_queue_async (f->backend, queue, NULL, store_result, &slot);
  result = wait_for (&slot);
  created = pw_backend_create_work_queue_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_work_queue_get_concurrency_limit (created), ==, 2);
  g_clear_object (&result);

  pw_backend_create_work_queue_async (f->backend, queue, NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_null (pw_backend_create_work_queue_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "exists already"));
  g_clear_error (&error);
  g_clear_object (&result);

  pw_work_queue_set_concurrency_limit (created, 0);
  pw_backend_update_work_queue_async (f->backend, created, NULL, store_result, &slot);
  result = wait_for (&slot);
  updated = pw_backend_update_work_queue_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_work_queue_get_concurrency_limit (updated), ==, 0);
  g_clear_object (&result);

  pw_backend_set_work_queue_paused_async (f->backend, "gpu", TRUE, NULL, store_result, &slot);
  result = wait_for (&slot);
  paused = pw_backend_set_work_queue_paused_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_true (pw_work_queue_get_paused (paused));
  g_clear_object (&result);

  pw_backend_get_work_queue_status_async (f->backend, "gpu", NULL, store_result, &slot);
  result = wait_for (&slot);
  status = pw_backend_get_work_queue_status_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_false (status->healthy);
  g_assert_null (status->last_polled);
  g_clear_object (&result);

  pw_backend_list_work_queues_async (f->backend, NULL, store_result, &slot);
  result = wait_for (&slot);
  queues = pw_backend_list_work_queues_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queues), ==, 1);
  g_clear_object (&result);

  pw_backend_delete_work_queue_async (f->backend, "gpu", NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_true (pw_backend_delete_work_queue_finish (f->backend, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  pw_backend_get_work_queue_async (f->backend, "gpu", NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_null (pw_backend_get_work_queue_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  pw_backend_preview_work_queue_async (f->backend, "gpu", NULL, 0, NULL, store_result, &slot);
  result = wait_for (&slot);
  g_assert_null (pw_backend_preview_work_queue_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);

  drain ();
  g_assert_cmpuint (f->n_work_queues_changed, >=, 4);
  (void) got;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/DeploymentBackend/save", Fixture, NULL, fixture_set_up, test_save,
              fixture_tear_down);
  g_test_add ("/DeploymentBackend/run", Fixture, NULL, fixture_set_up, test_run,
              fixture_tear_down);
  g_test_add ("/DeploymentBackend/preview-pause-delete", Fixture, NULL, fixture_set_up,
              test_preview_pause_delete, fixture_tear_down);
  g_test_add ("/DeploymentBackend/work-queues", Fixture, NULL, fixture_set_up, test_work_queues,
              fixture_tear_down);

  return g_test_run ();
}
