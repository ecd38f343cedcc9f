/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the timeline tests share: the flow with a retrying task and a
 * cached task, run to its end on a backend, and synchronous waits for the
 * backend's asynchronous operations.
 */
#include "config.h"

#include "timeline-test-flow.h"

char *
timeline_test_write_flow (const char *dir)
{
  g_autofree char *marker = g_build_filename (dir, "flaky-ran-once", NULL);
  g_autofree char *path = g_build_filename (dir, "timeline-demo.flow.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = g_strdup_printf (
    "{\n"
    "  \"format\": \"pipewright-flow/1\",\n"
    "  \"name\": \"" TIMELINE_TEST_FLOW "\",\n"
    "  \"parameters\": [{ \"name\": \"shards\", \"type\": \"list\", \"default\": [1, 2, 3, 4] }],\n"
    "  \"task_runner\": { \"kind\": \"concurrent\", \"max_workers\": 2 },\n"
    "  \"tasks\": [\n"
    "    { \"key\": \"prepare\", \"name\": \"Prepare\", \"kind\": \"command\",\n"
    "      \"command\": [\"echo\", \"ready\"],\n"
    "      \"cache\": { \"policy\": \"inputs\", \"expiration_seconds\": 3600 } },\n"
    "    { \"key\": \"flaky\", \"name\": \"Flaky\", \"kind\": \"shell\",\n"
    "      \"script\": \"sleep 0.2; if [ -e '%s' ]; then echo ok; else touch '%s'; exit 1; fi\\n\",\n"
    "      \"retries\": 2, \"retry_delay_seconds\": 0, \"after\": [\"prepare\"] },\n"
    "    { \"key\": \"shard\", \"name\": \"Shard\", \"kind\": \"shell\",\n"
    "      \"map\": \"{{ params.shards }}\", \"script\": \"sleep 0.{{ item }}\\n\",\n"
    "      \"after\": [\"prepare\"] },\n"
    "    { \"key\": \"report\", \"name\": \"Report\", \"kind\": \"command\",\n"
    "      \"command\": [\"sleep\", \"0.6\"], \"after\": [\"flaky\", \"shard\"] }\n"
    "  ]\n"
    "}\n", marker, marker);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
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

PwFlowInfo *
timeline_test_import (PwBackend  *backend,
                      const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  PwFlowInfo *info;

  pw_backend_import_flow_async (backend, file, NULL, store_result, &slot);
  result = wait_for (&slot);
  info = pw_backend_import_flow_finish (backend, result, &error);
  g_assert_no_error (error);
  return info;
}

static PwFlowRun *
get_run (PwBackend  *backend,
         const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  PwFlowRun *run;

  pw_backend_get_flow_run_async (backend, id, NULL, store_result, &slot);
  result = wait_for (&slot);
  run = pw_backend_get_flow_run_finish (backend, result, &error);
  g_assert_no_error (error);
  return run;
}

static void
on_changed (PwBackend  *backend,
            const char *flow_run_id,
            gboolean   *changed)
{
  *changed = TRUE;
}

/* Runs @flow_name and waits for its end (through the backend's
 * flow-run-changed signal, re-reading the run each time). */
PwFlowRun *
timeline_test_run (PwBackend  *backend,
                   const char *flow_name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) started = NULL;
  GAsyncResult *slot = NULL;
  gboolean changed = TRUE;
  gulong handler;
  PwFlowRun *run = NULL;

  handler = g_signal_connect (backend, "flow-run-changed", G_CALLBACK (on_changed), &changed);
  pw_backend_run_flow_async (backend, flow_name, 0, NULL, NULL, store_result, &slot);
  result = wait_for (&slot);
  started = pw_backend_run_flow_finish (backend, result, &error);
  g_assert_no_error (error);

  for (;;)
    {
      if (changed)
        {
          changed = FALSE;
          g_clear_object (&run);
          run = get_run (backend, pw_flow_run_get_id (started));
          if (pw_state_type_is_terminal (pw_flow_run_get_state_type (run)))
            break;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (backend, handler);
  return run;
}

GListModel *
timeline_test_task_runs (PwBackend  *backend,
                         const char *flow_run_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GListModel *model;

  pw_backend_list_task_runs_async (backend, flow_run_id, NULL, store_result, &slot);
  result = wait_for (&slot);
  model = pw_backend_list_task_runs_finish (backend, result, &error);
  g_assert_no_error (error);
  return model;
}

GListModel *
timeline_test_states (PwBackend   *backend,
                      const char  *flow_run_id,
                      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_list_task_run_states_async (backend, flow_run_id, NULL, store_result, &slot);
  result = wait_for (&slot);
  return pw_backend_list_task_run_states_finish (backend, result, error);
}
