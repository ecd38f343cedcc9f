/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pw-remote-backend-private.h"
#include "test-api-common.h"

/*
 * Issue 7: the app on a remote profile watches live the runs that another
 * process executes. `pipewright-cli serve` runs without an agent; a
 * separate `pipewright-cli run` process runs a flow on the same database;
 * PwRemoteBackend, connected to the server, hears of the run over the
 * websocket while it runs (the flow waits for the test to have heard),
 * and then sees it Completed.
 */

typedef struct
{
  ApiFixture   api;
  PwBackend   *backend;
  GHashTable  *changed_runs;   /* id → number of signals */
  char        *first_run;      /* the first run heard of */
  guint        n_task_changes;
  guint        n_log_lines;
  char        *gate;           /* the file the flow waits for */
} Fixture;

static void
on_flow_run_changed (PwBackend  *backend,
                     const char *id,
                     Fixture    *f)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->changed_runs, id));

  g_hash_table_replace (f->changed_runs, g_strdup (id), GUINT_TO_POINTER (n + 1));
  if (f->first_run == NULL)
    f->first_run = g_strdup (id);
}

static void
on_task_run_changed (PwBackend  *backend,
                     const char *flow_run_id,
                     const char *id,
                     Fixture    *f)
{
  f->n_task_changes++;
}

static void
on_logs_appended (PwBackend  *backend,
                  const char *flow_run_id,
                  guint       n,
                  Fixture    *f)
{
  f->n_log_lines += n;
}

static gboolean
is_online (gpointer data)
{
  return pw_remote_backend_get_connection_state (data) == PW_CONNECTION_STATE_ONLINE;
}

static gboolean
is_live (gpointer data)
{
  PwRemoteBackend *remote = data;

  return remote->websocket != NULL &&
         soup_websocket_connection_get_state (remote->websocket) == SOUP_WEBSOCKET_STATE_OPEN;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_path = NULL;
  g_autofree char *flow = NULL;
  CliResult r = { 0, };

  api_fixture_set_up (&f->api, data);
  f->changed_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->gate = g_build_filename (f->api.dir, "gate", NULL);

  /* A flow that runs until the test lets it end. */
  flow = g_strdup_printf ("{\n"
                          "  \"format\": \"pipewright-flow/1\",\n"
                          "  \"name\": \"gated\",\n"
                          "  \"tasks\": [\n"
                          "    {\"key\": \"start\", \"kind\": \"command\", \"command\": [\"echo\", \"started\"]},\n"
                          "    {\"key\": \"wait\", \"kind\": \"shell\", \"after\": [\"start\"],\n"
                          "     \"script\": \"while [ ! -e '%s' ]; do sleep 0.05; done; echo released\\n\"}\n"
                          "  ]\n"
                          "}\n", f->gate);
  flow_path = g_build_filename (f->api.dir, "gated.flow.json", NULL);
  g_file_set_contents (flow_path, flow, -1, &error);
  g_assert_no_error (error);
  api_run_cli (&f->api, &r, NULL, "flow", "import", flow_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);

  api_serve (&f->api, "--no-agent", NULL);
  f->backend = pw_remote_backend_new (f->api.url, NULL, &error);
  g_assert_no_error (error);
  pw_remote_backend_set_timeout (PW_REMOTE_BACKEND (f->backend), 5);
  g_signal_connect (f->backend, "flow-run-changed", G_CALLBACK (on_flow_run_changed), f);
  g_signal_connect (f->backend, "task-run-changed", G_CALLBACK (on_task_run_changed), f);
  g_signal_connect (f->backend, "logs-appended", G_CALLBACK (on_logs_appended), f);
  pw_remote_backend_connect (PW_REMOTE_BACKEND (f->backend));
  g_assert_true (api_wait_until (is_online, f->backend, 20000));
  /* The stream is open before anything happens. */
  g_assert_true (api_wait_until (is_live, f->backend, 20000));
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
  g_object_run_dispose (G_OBJECT (f->backend));
  api_wait_until (only_ref, f->backend, 5000);
  g_assert_finalize_object (g_steal_pointer (&f->backend));
  g_hash_table_unref (f->changed_runs);
  g_free (f->first_run);
  g_free (f->gate);
  api_fixture_tear_down (&f->api, data);
}

static gboolean
heard_of_a_run (gpointer data)
{
  Fixture *f = data;

  return f->first_run != NULL;
}

typedef struct
{
  GSubprocess *proc;
  gboolean     done;
  char        *out;
} Run;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, NULL, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((Run *)data)->done;
}

static PwFlowRun *
get_run (Fixture    *f,
         const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  PwFlowRun *run;

  pw_backend_get_flow_run_async (f->backend, id, NULL, api_store_result, &slot);
  result = api_wait (&slot);
  run = pw_backend_get_flow_run_finish (f->backend, result, &error);
  g_assert_no_error (error);
  return run;
}

typedef struct
{
  Fixture    *f;
  const char *id;
  guint       after;
} Heard;

static gboolean
heard_again (gpointer data)
{
  Heard *heard = data;

  return GPOINTER_TO_UINT (g_hash_table_lookup (heard->f->changed_runs, heard->id)) > heard->after;
}

static void
test_run_in_other_process (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PwFlowRun) live = NULL;
  g_autoptr(PwFlowRun) done = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { NULL, };
  Heard heard;
  const char *id;

  g_assert_true (pw_remote_backend_get_capabilities (PW_REMOTE_BACKEND (f->backend)) &
                 PW_BACKEND_CAPABILITY_LIVE_UPDATES);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  run.proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PW_CLI"),
                                          "--db", f->api.db, "run", "gated", "--json", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (run.proc, NULL, NULL, communicated_cb, &run);

  /* Heard of over the websocket while the other process runs it: the
   * flow cannot end before the gate opens. */
  g_assert_true (api_wait_until (heard_of_a_run, f, 30000));
  g_assert_false (run.done);
  live = get_run (f, f->first_run);
  g_assert_cmpstr (pw_flow_run_get_flow_name (live), ==, "gated");
  g_assert_false (pw_state_type_is_terminal (pw_flow_run_get_state_type (live)));

  heard.f = f;
  heard.id = f->first_run;
  heard.after = GPOINTER_TO_UINT (g_hash_table_lookup (f->changed_runs, f->first_run));
  g_file_set_contents (f->gate, "", 0, &error);
  g_assert_no_error (error);
  g_assert_true (api_wait_until (run_done, &run, 30000));
  g_assert_true (g_subprocess_get_successful (run.proc));

  root = api_parse (run.out);
  id = json_object_get_string_member (json_node_get_object (root), "id");
  g_assert_cmpstr (id, ==, f->first_run);

  /* Its end is heard of too, and read as Completed. */
  g_assert_true (api_wait_until (heard_again, &heard, 30000));
  done = get_run (f, id);
  while (pw_flow_run_get_state_type (done) != PW_STATE_TYPE_COMPLETED)
    {
      heard.after = GPOINTER_TO_UINT (g_hash_table_lookup (f->changed_runs, id));
      g_assert_true (api_wait_until (heard_again, &heard, 30000));
      g_clear_object (&done);
      done = get_run (f, id);
    }
  g_assert_cmpint (pw_flow_run_get_state_type (done), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpuint (f->n_task_changes, >=, 2);
  g_assert_cmpuint (f->n_log_lines, >, 0);
  g_assert_cmpuint (g_hash_table_size (f->changed_runs), ==, 1);

  g_object_unref (run.proc);
  g_free (run.out);
}

static guint
n_heard (Fixture    *f,
         const char *id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->changed_runs, id));
}

/* What the server itself writes through the REST API, it reports once:
 * its backend's watch does not report it again. A run of another process,
 * heard of after, proves the watch read past the server's write. */
static void
test_rest_write_once (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SoupSession) session = api_session ();
  g_autoptr(JsonNode) flow = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other = NULL;
  Heard heard;
  char *id;

  url = g_strconcat (f->api.url, "/flows/name/gated", NULL);
  g_assert_cmpuint (api_request (session, "GET", url, NULL, NULL, &flow), ==, SOUP_STATUS_OK);
  body = g_strdup_printf ("{\"flow_id\": \"%s\", \"state\": {\"type\": \"SCHEDULED\"}}",
                          json_object_get_string_member (json_node_get_object (flow), "id"));
  g_free (url);
  url = g_strconcat (f->api.url, "/flow_runs/", NULL);
  g_assert_cmpuint (api_request (session, "POST", url, body, NULL, &created), ==, SOUP_STATUS_CREATED);
  id = (char *)json_object_get_string_member (json_node_get_object (created), "id");

  heard.f = f;
  heard.id = id;
  heard.after = 0;
  g_assert_true (api_wait_until (heard_again, &heard, 30000));

  /* Another process's run, after. */
  g_file_set_contents (f->gate, "", 0, NULL);
  other = api_run_flow (&f->api, "gated");
  heard.id = other;
  g_assert_true (api_wait_until (heard_again, &heard, 30000));

  g_assert_cmpuint (n_heard (f, id), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

  g_test_add ("/ServeWatch/run-in-other-process", Fixture, NULL,
              fixture_set_up, test_run_in_other_process, fixture_tear_down);

  g_test_add ("/ServeWatch/rest-write-once", Fixture, NULL,
              fixture_set_up, test_rest_write_once, fixture_tear_down);

  return g_test_run ();
}
