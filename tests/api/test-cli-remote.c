/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-api-common.h"

/*
 * The real CLI with --api-url: against `pipewright-cli serve` (the app's
 * own server, with the runs its agent executes) and against a Prefect
 * 2.7.12 server played back from its fixtures: flow-run ls/show/logs,
 * deployment ls/run, work-queue ls/preview.
 */

#define FAILED_RUN "778f2172-85d7-4eb4-a56c-e0632347cbef"

typedef struct
{
  ApiFixture  api;
  SoupServer *prefect;
  char       *prefect_url;
} Fixture;

/* The fixture's runs, narrowed as Prefect would by id and name. */
static char *
filter_runs (const char *body)
{
  g_autoptr(JsonNode) runs = fixture_json ("flow_runs.json");
  g_autoptr(JsonNode) request = body != NULL && *body != '\0' ? api_parse (body) : NULL;
  JsonObject *flow_runs = NULL;
  JsonArray *all = json_node_get_array (runs);
  JsonArray *kept = json_array_new ();
  g_autoptr(JsonNode) answer = json_node_new (JSON_NODE_ARRAY);

  if (request != NULL && json_object_has_member (json_node_get_object (request), "flow_runs"))
    flow_runs = json_object_get_object_member (json_node_get_object (request), "flow_runs");

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *run = json_array_get_object_element (all, i);
      gboolean keep = TRUE;
      const char *fields[] = { "id", "name" };

      for (guint k = 0; k < G_N_ELEMENTS (fields) && flow_runs != NULL; k++)
        if (json_object_has_member (flow_runs, fields[k]))
          {
            JsonArray *any = json_object_get_array_member (json_object_get_object_member (flow_runs, fields[k]), "any_");
            gboolean found = FALSE;

            for (guint j = 0; any != NULL && j < json_array_get_length (any); j++)
              found |= g_str_equal (json_array_get_string_element (any, j),
                                    json_object_get_string_member (run, fields[k]));
            keep &= found;
          }
      if (keep)
        json_array_add_element (kept, json_node_copy (json_array_get_element (all, i)));
    }
  json_node_take_array (answer, kept);
  return json_to_string (answer, FALSE);
}

static void
answer (SoupServerMessage *msg,
        guint              status,
        char              *text)
{
  gsize length = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

static void
prefect_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const struct { const char *path; guint status; const char *file; } files[] = {
    { "/api/health", 200, "health.json" },
    { "/api/admin/version", 200, "version.json" },
    { "/api/flows/filter", 200, "flows.json" },
    { "/api/task_runs/filter", 200, "task_runs.json" },
    { "/api/deployments/filter", 200, "deployments.json" },
    { "/api/deployments/name/etl-pipeline/nightly", 200, "deployment.json" },
    { "/api/deployments/a8a3356a-9877-4e40-a683-7afe043c0588/create_flow_run", 201, "deployment_create_flow_run.json" },
    { "/api/work_queues/filter", 200, "work_queues.json" },
    { "/api/work_queues/name/etl-queue", 200, "work_queue.json" },
    { "/api/work_queues/523f04a9-3b76-4357-89a1-ce1ca9cb076a/get_runs", 200, "work_queue_get_runs.json" },
    { "/api/flow_runs/" FAILED_RUN, 200, "flow_run_failed.json" },
  };

  if (g_str_equal (path, "/api/flow_runs/filter"))
    {
      answer (msg, 200, filter_runs (body));
      return;
    }
  if (g_str_equal (path, "/api/logs/filter"))
    {
      /* One page of lines, then none: the CLI pages with offset. */
      answer (msg, 200, strstr (body, "\"offset\":0") != NULL ? fixture_text ("logs_failed_run.json") : g_strdup ("[]"));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (g_str_equal (path, files[i].path))
      {
        answer (msg, files[i].status, fixture_text (files[i].file));
        return;
      }
  answer (msg, 404, g_strdup ("{\"detail\":\"Not Found\"}"));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  api_fixture_set_up (&f->api, data);
  f->prefect = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->prefect, "/api", prefect_cb, f, NULL);
  soup_server_listen_local (f->prefect, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->prefect);
  f->prefect_url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  soup_server_disconnect (f->prefect);
  g_clear_object (&f->prefect);
  g_free (f->prefect_url);
  api_fixture_tear_down (&f->api, data);
}

/* Runs the CLI while this process's main loop serves the Prefect replay. */
static void
run_cli_async_wait (CliResult  *r,
                    const char *first_arg,
                    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *)g_getenv ("PW_CLI"));
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, api_store_result, &slot);
  result = api_wait (&slot);
  g_subprocess_communicate_utf8_finish (proc, result, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, NULL);
  r->status = g_subprocess_get_exit_status (proc);
}

static void
assert_cli (CliResult  *r,
            int         status,
            const char *out_has)
{
  if (r->status != status || (out_has != NULL && strstr (r->out, out_has) == NULL))
    g_error ("status %d (wanted %d)\nout: %s\nerr: %s\nwanted: %s", r->status, status, r->out, r->err, out_has);
  cli_result_clear (r);
}

static void
test_pipewright_server (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *deployment = api_example ("hello-dev.deployment.json");
  CliResult r = { 0, };

  api_import_examples (&f->api);
  id = api_run_flow (&f->api, "hello");
  api_run_cli (&f->api, &r, NULL, "deployment", "create", deployment, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  api_serve (&f->api, "--no-agent", NULL);

  run_cli_async_wait (&r, "--api-url", f->api.url, "flow-run", "ls", NULL);
  assert_cli (&r, 0, id);
  run_cli_async_wait (&r, "--api-url", f->api.url, "flow-run", "show", id, NULL);
  assert_cli (&r, 0, "Hello, world!");
  run_cli_async_wait (&r, "--api-url", f->api.url, "flow-run", "logs", id, NULL);
  assert_cli (&r, 0, "Hello, world!");
  run_cli_async_wait (&r, "--api-url", f->api.url, "deployment", "ls", NULL);
  assert_cli (&r, 0, "hello/dev");
  run_cli_async_wait (&r, "--api-url", f->api.url, "deployment", "run", "hello/dev", NULL);
  assert_cli (&r, 0, "hello/dev");
  run_cli_async_wait (&r, "--api-url", f->api.url, "work-queue", "ls", NULL);
  assert_cli (&r, 0, "dev");
  run_cli_async_wait (&r, "--api-url", f->api.url, "work-queue", "preview", "dev", NULL);
  assert_cli (&r, 0, "hello/dev");

  /* A flow runs on the server, and is followed from here. */
  run_cli_async_wait (&r, "--api-url", f->api.url, "run", "hello", "-p", "who=there", NULL);
  assert_cli (&r, 0, "Completed");
}

static void
test_prefect_server (Fixture       *f,
                     gconstpointer  data)
{
  CliResult r = { 0, };

  run_cli_async_wait (&r, "--api-url", f->prefect_url, "flow-run", "ls", NULL);
  g_assert_nonnull (strstr (r.out, "etl-pipeline"));
  assert_cli (&r, 0, "crimson-otter");
  run_cli_async_wait (&r, "--api-url", f->prefect_url, "flow-run", "show", "crimson-otter", NULL);
  g_assert_nonnull (strstr (r.out, "Failed"));
  assert_cli (&r, 0, "etl-pipeline");
  run_cli_async_wait (&r, "--api-url", f->prefect_url, "flow-run", "logs", FAILED_RUN, NULL);
  assert_cli (&r, 0, "could not connect to warehouse");
  run_cli_async_wait (&r, "--api-url", f->prefect_url, "deployment", "ls", NULL);
  assert_cli (&r, 0, "etl-pipeline/nightly");
  run_cli_async_wait (&r, "--api-url", f->prefect_url, "deployment", "run", "etl-pipeline/nightly", NULL);
  assert_cli (&r, 0, "etl-queue");
  run_cli_async_wait (&r, "--api-url", f->prefect_url, "work-queue", "ls", NULL);
  assert_cli (&r, 0, "etl-queue");
  run_cli_async_wait (&r, "--api-url", f->prefect_url, "work-queue", "preview", "etl-queue", NULL);
  assert_cli (&r, 0, "etl-pipeline");

  /* What a Prefect server cannot do, said so. */
  run_cli_async_wait (&r, "--api-url", f->prefect_url, "run", "etl-pipeline", NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "Prefect server"));
  cli_result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

  g_test_add ("/CliRemote/pipewright-server", Fixture, NULL, fixture_set_up, test_pipewright_server, fixture_tear_down);
  g_test_add ("/CliRemote/prefect-server", Fixture, NULL, fixture_set_up, test_prefect_server, fixture_tear_down);

  return g_test_run ();
}
