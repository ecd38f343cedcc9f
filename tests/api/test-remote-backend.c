/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "pw-flow-file.h"
#include "pw-flow.h"
#include "pw-remote-backend.h"
#include "test-api-common.h"

/*
 * PwRemoteBackend against a real `pipewright-cli serve`: every operation
 * of PwBackend, the live stream, the connection's states (unauthorized,
 * offline and back by itself).
 */

typedef struct
{
  ApiFixture  api;
  PwBackend  *backend;
  guint       connection_changes;
  GHashTable *changed_runs;
  guint       task_changes;
  guint       log_lines;
  guint       flows_changes;
} Fixture;

static void
on_connection_changed (PwRemoteBackend *backend,
                       Fixture         *f)
{
  f->connection_changes++;
}

static void
on_flow_run_changed (PwBackend  *backend,
                     const char *id,
                     Fixture    *f)
{
  g_hash_table_add (f->changed_runs, g_strdup (id));
}

static void
on_task_run_changed (PwBackend  *backend,
                     const char *flow_run_id,
                     const char *id,
                     Fixture    *f)
{
  f->task_changes++;
}

static void
on_logs_appended (PwBackend  *backend,
                  const char *flow_run_id,
                  guint       n,
                  Fixture    *f)
{
  f->log_lines += n;
}

static void
on_flows_changed (PwBackend *backend,
                  Fixture   *f)
{
  f->flows_changes++;
}

static void
open_backend (Fixture    *f,
              const char *key)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->backend);
  f->backend = pw_remote_backend_new (f->api.url, key, &error);
  g_assert_no_error (error);
  pw_remote_backend_set_timeout (PW_REMOTE_BACKEND (f->backend), 5);
  g_signal_connect (f->backend, "connection-changed", G_CALLBACK (on_connection_changed), f);
  g_signal_connect (f->backend, "flow-run-changed", G_CALLBACK (on_flow_run_changed), f);
  g_signal_connect (f->backend, "task-run-changed", G_CALLBACK (on_task_run_changed), f);
  g_signal_connect (f->backend, "logs-appended", G_CALLBACK (on_logs_appended), f);
  g_signal_connect (f->backend, "flows-changed", G_CALLBACK (on_flows_changed), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  api_fixture_set_up (&f->api, data);
  api_import_examples (&f->api);
  f->changed_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (data == NULL)
    {
      api_serve (&f->api, "--no-agent", NULL);
      open_backend (f, NULL);
    }
}

static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->backend != NULL)
    {
      /* Requests in flight (a probe, the websocket's opening) hold the
       * backend until they end: disposing cancels them. */
      g_object_run_dispose (G_OBJECT (f->backend));
      api_wait_until (only_ref, f->backend, 5000);
      g_assert_finalize_object (g_steal_pointer (&f->backend));
    }
  g_hash_table_unref (f->changed_runs);
  api_fixture_tear_down (&f->api, data);
}

#define WAIT(op, ...) \
  ({ \
    GAsyncResult *_slot = NULL; \
    pw_backend_ ## op ## _async (f->backend, ##__VA_ARGS__, NULL, api_store_result, &_slot); \
    api_wait (&_slot); \
  })

static gboolean
is_online (gpointer data)
{
  return pw_remote_backend_get_connection_state (data) == PW_CONNECTION_STATE_ONLINE;
}

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  PwRemoteBackend *remote = PW_REMOTE_BACKEND (f->backend);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing is sent before the first operation. */
  g_assert_cmpint (pw_remote_backend_get_connection_state (remote), ==, PW_CONNECTION_STATE_CONNECTING);
  g_assert_cmpint (pw_remote_backend_get_server_kind (remote), ==, PW_SERVER_KIND_UNKNOWN);
  g_assert_cmpuint (pw_remote_backend_get_capabilities (remote), ==, PW_BACKEND_CAPABILITY_NONE);

  result = WAIT (list_flows, NULL);
  flows = pw_backend_list_flows_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 1);

  g_assert_cmpint (pw_remote_backend_get_connection_state (remote), ==, PW_CONNECTION_STATE_ONLINE);
  g_assert_cmpint (pw_remote_backend_get_server_kind (remote), ==, PW_SERVER_KIND_PIPEWRIGHT);
  g_assert_cmpstr (pw_remote_backend_get_server_version (remote), ==, PACKAGE_VERSION);
  g_assert_cmpuint (pw_remote_backend_get_capabilities (remote), ==,
                    PW_BACKEND_CAPABILITY_EDIT_FLOWS | PW_BACKEND_CAPABILITY_RUN_FLOWS |
                    PW_BACKEND_CAPABILITY_LIVE_UPDATES);
  g_assert_cmpuint (pw_api_backend_get_capabilities (f->backend), ==,
                    pw_remote_backend_get_capabilities (remote));
  g_assert_null (pw_remote_backend_get_connection_error (remote));
  g_assert_cmpuint (f->connection_changes, >=, 1);
}

static void
test_flows (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(PwFlowInfo) first = NULL;
  g_autofree char *example = api_example ("ml-training.flow.json");
  g_autofree char *exported = g_build_filename (f->api.dir, "out.flow.json", NULL);
  g_autoptr(GFile) in = g_file_new_for_path (example);
  g_autoptr(GFile) out = g_file_new_for_path (exported);
  g_autoptr(PwFlow) back = NULL;

  result = WAIT (get_flow, "hello", 0);
  flow = pw_backend_get_flow_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_get_name (flow), ==, "hello");
  g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, 3);
  g_clear_object (&result);

  pw_flow_set_description (flow, "Said from afar");
  result = WAIT (save_flow, flow);
  info = pw_backend_save_flow_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_flow_info_get_version (info), ==, 2);
  g_clear_object (&result);
  g_clear_object (&info);

  result = WAIT (import_flow, in);
  info = pw_backend_import_flow_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_info_get_name (info), ==, "ml-training");
  g_clear_object (&result);

  result = WAIT (list_flows, "ML");
  flows = pw_backend_list_flows_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 1);
  first = g_list_model_get_item (flows, 0);
  g_assert_cmpuint (pw_flow_info_get_n_tasks (first), ==, 6);
  g_clear_object (&result);

  result = WAIT (export_flow, "hello", out);
  g_assert_true (pw_backend_export_flow_finish (f->backend, result, &error));
  g_assert_no_error (error);
  back = pw_flow_file_load_path (exported, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_get_description (back), ==, "Said from afar");
  g_clear_object (&result);

  result = WAIT (delete_flow, "ml-training");
  g_assert_true (pw_backend_delete_flow_finish (f->backend, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  result = WAIT (get_flow, "ml-training", 0);
  g_assert_null (pw_backend_get_flow_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A flow with problems is refused before it leaves. */
  {
    g_autoptr(PwFlow) bad = pw_flow_new ("a/b");

    result = WAIT (save_flow, bad);
    g_assert_null (pw_backend_save_flow_finish (f->backend, result, &error));
    g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  }
}

static gboolean
run_done (gpointer data)
{
  Fixture *f = ((gpointer *)data)[0];
  const char *id = ((gpointer *)data)[1];

  return g_hash_table_contains (f->changed_runs, id) && f->task_changes >= 3 && f->log_lines >= 1;
}

static PwFlowRun *
wait_finished (Fixture    *f,
               const char *id)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GAsyncResult) result = WAIT (get_flow_run, id);
      g_autoptr(GError) error = NULL;
      PwFlowRun *run = pw_backend_get_flow_run_finish (f->backend, result, &error);

      g_assert_no_error (error);
      if (pw_state_type_is_terminal (pw_flow_run_get_state_type (run)))
        return run;
      g_object_unref (run);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      api_spin (20);
    }
}

static void
test_runs (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) done = NULL;
  g_autoptr(PwFlowRun) retry = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GListModel) task_runs = NULL;
  g_autoptr(GListModel) logs = NULL;
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(PwLogFilter) log_filter = pw_log_filter_new ();
  g_autoptr(PwTaskRun) first = NULL;
  g_autoptr(PwTaskRun) read = NULL;
  gpointer wait_data[2];
  gint64 count;

  result = WAIT (run_flow, "hello", 0, "{\"who\": \"remote\"}");
  run = pw_backend_run_flow_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_flow_name (run), ==, "hello");
  g_clear_object (&result);

  /* Live: the run, its three task runs and its lines, over the websocket. */
  wait_data[0] = f;
  wait_data[1] = (gpointer)pw_flow_run_get_id (run);
  g_assert_true (api_wait_until (run_done, wait_data, 20000));
  done = wait_finished (f, pw_flow_run_get_id (run));
  g_assert_cmpint (pw_flow_run_get_state_type (done), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpstr (pw_flow_run_get_parameters (done), ==, "{\"who\":\"remote\"}");

  pw_flow_run_filter_set_state_type (filter, PW_STATE_TYPE_COMPLETED);
  filter->flow_name_any = g_strsplit ("hello", ",", -1);
  result = WAIT (list_flow_runs, filter, PW_FLOW_RUN_SORT_START_TIME_DESC, 10, 0);
  runs = pw_backend_list_flow_runs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  g_clear_object (&result);

  result = WAIT (count_flow_runs, filter);
  count = pw_backend_count_flow_runs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 1);
  g_clear_object (&result);

  result = WAIT (list_task_runs, pw_flow_run_get_id (run));
  task_runs = pw_backend_list_task_runs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (task_runs), ==, 3);
  first = g_list_model_get_item (task_runs, 0);
  g_assert_cmpstr (pw_task_run_get_task_key (first), ==, "greet");
  g_assert_cmpstr (pw_task_run_get_result (first), ==, "Hello, remote!");
  g_clear_object (&result);

  result = WAIT (get_task_run, pw_task_run_get_id (first));
  read = pw_backend_get_task_run_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_task_run_get_id (read), ==, pw_task_run_get_id (first));
  g_clear_object (&result);

  pw_log_filter_set_flow_run_id (log_filter, pw_flow_run_get_id (run));
  result = WAIT (list_logs, log_filter, PW_LOG_SORT_TIMESTAMP_ASC, 0, 0);
  logs = pw_backend_list_logs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (logs), >=, 3);
  g_clear_object (&result);

  /* Too late to cancel; a retry runs it again. */
  result = WAIT (cancel_flow_run, pw_flow_run_get_id (run));
  g_assert_false (pw_backend_cancel_flow_run_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  result = WAIT (retry_flow_run, pw_flow_run_get_id (run), FALSE);
  retry = pw_backend_retry_flow_run_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_id (retry), !=, pw_flow_run_get_id (run));
  g_clear_object (&result);

  result = WAIT (get_flow_run, "00000000-0000-0000-0000-000000000000");
  g_assert_null (pw_backend_get_flow_run_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);
}

/* Lists longer than Prefect's 200: pages, one after the other. */
static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SoupSession) session = api_session ();
  g_autofree char *flow_url = g_strconcat (f->api.url, "/flows/name/hello", NULL);
  g_autofree char *runs_url = g_strconcat (f->api.url, "/flow_runs/", NULL);
  g_autoptr(JsonNode) flow = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 450;

  g_assert_cmpuint (api_request (session, "GET", flow_url, NULL, NULL, &flow), ==, 200);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"flow_id\": \"%s\", \"name\": \"run-%03u\"}",
                                               json_object_get_string_member (json_node_get_object (flow), "id"), i);
      g_assert_cmpuint (api_request (session, "POST", runs_url, body, NULL, NULL), ==, 201);
    }

  {
    g_autoptr(GAsyncResult) result = WAIT (list_flow_runs, NULL, PW_FLOW_RUN_SORT_NAME_ASC, 0, 0);
    g_autoptr(GListModel) runs = pw_backend_list_flow_runs_finish (f->backend, result, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 200);
  }
  {
    g_autoptr(GAsyncResult) result = WAIT (list_flow_runs, NULL, PW_FLOW_RUN_SORT_NAME_ASC, 1000, 10);
    g_autoptr(GListModel) runs = pw_backend_list_flow_runs_finish (f->backend, result, &error);
    g_autoptr(PwFlowRun) first = NULL;
    g_autoptr(PwFlowRun) last = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (runs), ==, n - 10);
    first = g_list_model_get_item (runs, 0);
    last = g_list_model_get_item (runs, n - 11);
    g_assert_cmpstr (pw_flow_run_get_name (first), ==, "run-010");
    g_assert_cmpstr (pw_flow_run_get_name (last), ==, "run-449");
    g_assert_cmpstr (pw_flow_run_get_flow_name (last), ==, "hello");
  }
}

static void
test_deployments (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = api_example ("hello-dev.deployment.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDeployment) deployment = pw_deployment_new ("hello", "dev");
  g_autoptr(PwSchedule) schedule = pw_schedule_new_cron ("0 3 * * *", "Europe/Berlin", TRUE, &error);
  g_autoptr(PwDeployment) saved = NULL;
  g_autoptr(PwDeployment) read = NULL;
  g_autoptr(PwDeployment) paused = NULL;
  g_autoptr(GListModel) deployments = NULL;
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GListModel) queues = NULL;
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(PwWorkQueue) made = NULL;
  g_autoptr(PwWorkQueue) changed = NULL;
  g_autoptr(PwWorkQueue) stopped = NULL;
  g_autoptr(GListModel) waiting = NULL;
  g_autoptr(PwWorkQueueStatus) status = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (error);
  pw_deployment_set_schedule (deployment, schedule);
  pw_deployment_set_parameters (deployment, "{\"who\": \"cron\"}");
  pw_deployment_set_work_queue_name (deployment, "dev");
  pw_deployment_set_paused (deployment, TRUE);
  result = WAIT (save_deployment, deployment);
  saved = pw_backend_save_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pw_deployment_get_id (saved));
  g_assert_cmpstr (pw_deployment_get_flow_name (saved), ==, "hello");
  g_assert_cmpstr (pw_schedule_get_cron (pw_deployment_get_schedule (saved)), ==, "0 3 * * *");
  g_clear_object (&result);

  result = WAIT (list_deployments, NULL);
  deployments = pw_backend_list_deployments_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (deployments), ==, 1);
  g_clear_object (&result);

  result = WAIT (get_deployment, "hello", "dev");
  read = pw_backend_get_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_true (pw_deployment_get_paused (read));
  g_clear_object (&result);

  result = WAIT (set_deployment_paused, pw_deployment_get_id (saved), FALSE);
  paused = pw_backend_set_deployment_paused_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_false (pw_deployment_get_paused (paused));
  g_clear_object (&result);

  result = WAIT (preview_deployment, pw_deployment_get_id (saved), 3);
  times = pw_backend_preview_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (times->len, ==, 3);
  g_clear_object (&result);

  result = WAIT (run_deployment, pw_deployment_get_id (saved), "{\"who\": \"now\"}", NULL);
  run = pw_backend_run_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_SCHEDULED);
  g_assert_cmpstr (pw_flow_run_get_work_queue_name (run), ==, "dev");
  g_assert_cmpstr (pw_flow_run_get_flow_name (run), ==, "hello");
  g_clear_object (&result);

  result = WAIT (list_work_queues);
  queues = pw_backend_list_work_queues_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queues), >=, 1);
  g_clear_object (&result);

  result = WAIT (get_work_queue, "dev");
  queue = pw_backend_get_work_queue_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  result = WAIT (preview_work_queue, "dev", NULL, 10);
  waiting = pw_backend_preview_work_queue_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (waiting), >=, 1);
  g_clear_object (&result);

  result = WAIT (get_work_queue_status, "dev");
  status = pw_backend_get_work_queue_status_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  {
    g_autoptr(PwWorkQueue) fresh = pw_work_queue_new ("night");

    pw_work_queue_set_concurrency_limit (fresh, 2);
    pw_work_queue_set_priority (fresh, 5);
    result = WAIT (create_work_queue, fresh);
    made = pw_backend_create_work_queue_finish (f->backend, result, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pw_work_queue_get_concurrency_limit (made), ==, 2);
    g_clear_object (&result);
  }

  pw_work_queue_set_description (made, "for nights");
  result = WAIT (update_work_queue, made);
  changed = pw_backend_update_work_queue_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_work_queue_get_description (changed), ==, "for nights");
  g_clear_object (&result);

  result = WAIT (set_work_queue_paused, "night", TRUE);
  stopped = pw_backend_set_work_queue_paused_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_true (pw_work_queue_get_paused (stopped));
  g_clear_object (&result);

  result = WAIT (delete_work_queue, "night");
  g_assert_true (pw_backend_delete_work_queue_finish (f->backend, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  result = WAIT (delete_deployment, pw_deployment_get_id (saved));
  g_assert_true (pw_backend_delete_deployment_finish (f->backend, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  result = WAIT (get_deployment, "hello", "dev");
  g_assert_null (pw_backend_get_deployment_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);
  (void)path;
}

static void
test_notifications (Fixture       *f,
                    gconstpointer  data)
{
  const char *states[] = { "Failed", "Crashed", NULL };
  const char *flows[] = { "hello", NULL };
  g_autoptr(PwNotificationPolicy) policy = pw_notification_policy_new (states, "https://hooks.example.org/pw");
  g_autoptr(PwNotificationPolicy) added = NULL;
  g_autoptr(PwNotificationPolicy) bad = pw_notification_policy_new (states, "ftp://nope");
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pw_notification_policy_set_flow_names (policy, flows);
  result = WAIT (add_notification_policy, policy);
  added = pw_backend_add_notification_policy_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pw_notification_policy_get_id (added));
  g_assert_cmpstrv (pw_notification_policy_get_flow_names (added), flows);
  g_clear_object (&result);

  result = WAIT (list_notification_policies);
  policies = pw_backend_list_notification_policies_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (policies), ==, 1);
  g_clear_object (&result);

  result = WAIT (add_notification_policy, bad);
  g_assert_null (pw_backend_add_notification_policy_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  result = WAIT (delete_notification_policy, pw_notification_policy_get_id (added));
  g_assert_true (pw_backend_delete_notification_policy_finish (f->backend, result, &error));
  g_assert_no_error (error);
}

static char *
write_key (Fixture    *f,
           const char *key)
{
  g_autofree char *path = g_build_filename (f->api.dir, "api.key", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, key, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *key = write_key (f, "right-key");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) flows = NULL;
  PwRemoteBackend *remote;

  api_serve (&f->api, "--no-agent", "--api-key-file", key, NULL);
  open_backend (f, "wrong-key");
  remote = PW_REMOTE_BACKEND (f->backend);

  result = WAIT (list_flows, NULL);
  g_assert_null (pw_backend_list_flows_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "refused the API key"));
  g_assert_cmpint (pw_remote_backend_get_connection_state (remote), ==, PW_CONNECTION_STATE_UNAUTHORIZED);
  g_assert_nonnull (pw_remote_backend_get_connection_error (remote));
  g_clear_error (&error);
  g_clear_object (&result);

  /* A new key: tried at once. */
  pw_remote_backend_set_api_key (remote, "right-key");
  g_assert_true (api_wait_until (is_online, remote, 10000));
  result = WAIT (list_flows, NULL);
  flows = pw_backend_list_flows_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 1);
}

/* The server goes away and comes back on the same port: the backend goes
 * offline and comes back by itself. */
static void
test_offline_and_back (Fixture       *f,
                       gconstpointer  data)
{
  PwRemoteBackend *remote = PW_REMOTE_BACKEND (f->backend);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autofree char *url = g_strdup (f->api.url);
  g_autofree char *port = g_strndup (strrchr (url, ':') + 1, strcspn (strrchr (url, ':') + 1, "/"));
  guint changes;

  result = WAIT (list_flows, NULL);
  flows = pw_backend_list_flows_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&flows);

  api_stop_server (&f->api);
  result = WAIT (list_flows, NULL);
  g_assert_null (pw_backend_list_flows_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Cannot reach the server"));
  g_assert_cmpint (pw_remote_backend_get_connection_state (remote), ==, PW_CONNECTION_STATE_OFFLINE);
  g_assert_nonnull (pw_remote_backend_get_connection_error (remote));
  g_clear_error (&error);
  g_clear_object (&result);

  changes = f->connection_changes;
  api_serve (&f->api, "--no-agent", "--port", port, NULL);
  g_assert_cmpstr (f->api.url, ==, url);
  /* No operation asked: it comes back on its own (backoff 1 s, 2 s …). */
  g_assert_true (api_wait_until (is_online, remote, 20000));
  g_assert_cmpuint (f->connection_changes, >, changes);

  result = WAIT (list_flows, NULL);
  flows = pw_backend_list_flows_finish (f->backend, result, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/Remote/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("connect", test_connect, NULL);
  ADD ("flows", test_flows, NULL);
  ADD ("runs", test_runs, NULL);
  ADD ("paging", test_paging, NULL);
  ADD ("deployments", test_deployments, NULL);
  ADD ("notifications", test_notifications, NULL);
  ADD ("unauthorized", test_unauthorized, "no server");
  ADD ("offline-and-back", test_offline_and_back, NULL);

  return g_test_run ();
}
