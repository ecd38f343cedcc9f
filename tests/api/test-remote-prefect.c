/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-flow.h"
#include "pw-remote-backend.h"
#include "pw-rest-json.h"
#include "test-api-common.h"

/*
 * PwRemoteBackend against a Prefect 2.7.12 server, played back from its
 * real answers (../shared/prefect/fixtures) by a SoupServer in this
 * process: the records it makes of them, what it sends (checked against
 * the request bodies Prefect accepted, fixtures/requests), the polling
 * that stands in for live updates, and the clear refusals where Prefect
 * has no flow definitions.
 */

#define FAILED_RUN "778f2172-85d7-4eb4-a56c-e0632347cbef"
#define ENGINE_RUN "ef37a9de-666b-4d08-91aa-d1d4b0af21bd"
#define DEPLOYMENT "a8a3356a-9877-4e40-a683-7afe043c0588"
#define QUEUE "523f04a9-3b76-4357-89a1-ce1ca9cb076a"

typedef struct
{
  char *method;
  char *path;
  char *body;
  char *ui;
} Request;

typedef struct
{
  ApiFixture  api;
  SoupServer *server;
  char       *url;
  GPtrArray  *requests;
  PwBackend  *backend;
  gboolean    run_finished;   /* the polled run has moved on */
  GPtrArray  *changed_runs;
  GPtrArray  *changed_tasks;
  guint       log_lines;
} Fixture;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->body);
  g_free (request->ui);
  g_free (request);
}

static void
answer_file (SoupServerMessage *msg,
             guint              status,
             const char        *name)
{
  g_autofree char *text = fixture_text (name);
  gsize length = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), length);
}

static void
answer_text (SoupServerMessage *msg,
             guint              status,
             const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

/* One member of a fixture object, as text. */
static char *
fixture_member (const char *name,
                const char *member)
{
  g_autoptr(JsonNode) node = fixture_json (name);

  return json_to_string (json_object_get_member (json_node_get_object (node), member), FALSE);
}

/* flow_runs.json with one run changed, for the polls. */
static char *
runs_answer (Fixture *f)
{
  g_autofree char *text = fixture_text ("flow_runs.json");
  g_autoptr(GString) answer = g_string_new (text);

  /* The first run has a new state: a new id in state_id and state. */
  if (f->run_finished)
    {
      const char *at = strstr (text, "\"state_id\": \"") + strlen ("\"state_id\": \"");
      g_autofree char *old = g_strndup (at, 36);

      g_string_replace (answer, old, "00000000-0000-4000-8000-000000000001", 0);
    }
  return g_string_free (g_steal_pointer (&answer), FALSE);
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  Request *request = g_new0 (Request, 1);

  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  request->ui = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Prefect-UI"));
  g_ptr_array_add (f->requests, request);

  if (g_str_equal (path, "/api/health"))
    answer_file (msg, 200, "health.json");
  else if (g_str_equal (path, "/api/admin/version"))
    answer_file (msg, 200, "version.json");
  else if (g_str_equal (path, "/api/flow_runs/filter"))
    {
      g_autofree char *answer = runs_answer (f);
      answer_text (msg, 200, answer);
    }
  else if (g_str_equal (path, "/api/flow_runs/count"))
    answer_text (msg, 200, "7");
  else if (g_str_equal (path, "/api/flow_runs/" FAILED_RUN))
    answer_file (msg, 200, "flow_run_failed.json");
  else if (g_str_equal (path, "/api/flow_runs/" ENGINE_RUN))
    answer_file (msg, 200, "flow_run.json");
  else if (g_str_equal (path, "/api/flow_runs/" FAILED_RUN "/set_state"))
    {
      g_autofree char *result = fixture_member ("set_state_results.json", "ACCEPT");
      answer_text (msg, 201, result);
    }
  else if (g_str_equal (path, "/api/flow_runs/" ENGINE_RUN "/set_state"))
    {
      g_autofree char *result = fixture_member ("set_state_results.json", "ABORT");
      answer_text (msg, 200, result);
    }
  else if (g_str_equal (path, "/api/task_runs/filter"))
    answer_file (msg, 200, strstr (request->body, ENGINE_RUN) != NULL ? "task_runs_engine.json" : "task_runs.json");
  else if (g_str_has_prefix (path, "/api/task_runs/"))
    answer_file (msg, 200, "task_run.json");
  else if (g_str_equal (path, "/api/logs/filter"))
    answer_file (msg, 200, strstr (request->body, FAILED_RUN) != NULL ? "logs_failed_run.json" : "logs.json");
  else if (g_str_equal (path, "/api/flows/filter"))
    answer_file (msg, 200, "flows.json");
  else if (g_str_equal (path, "/api/flows/name/etl-pipeline"))
    answer_file (msg, 200, "flow.json");
  else if (g_str_equal (path, "/api/deployments/filter"))
    answer_file (msg, 200, "deployments.json");
  else if (g_str_equal (path, "/api/deployments/"))
    answer_file (msg, 200, "deployment.json");
  else if (g_str_equal (path, "/api/deployments/" DEPLOYMENT) ||
           g_str_equal (path, "/api/deployments/name/etl-pipeline/nightly"))
    answer_file (msg, 200, "deployment.json");
  else if (g_str_equal (path, "/api/deployments/" DEPLOYMENT "/create_flow_run"))
    answer_file (msg, 201, "deployment_create_flow_run.json");
  else if (g_str_equal (path, "/api/work_queues/filter"))
    answer_file (msg, 200, "work_queues.json");
  else if (g_str_equal (path, "/api/work_queues/name/etl-queue"))
    answer_file (msg, 200, "work_queue.json");
  else if (g_str_equal (path, "/api/work_queues/" QUEUE "/get_runs"))
    answer_file (msg, 200, "work_queue_get_runs.json");
  else if (g_str_equal (path, "/api/work_queues/" QUEUE "/status"))
    answer_file (msg, 200, "work_queue_status.json");
  else if (g_str_equal (path, "/api/work_queues/"))
    answer_file (msg, 201, "work_queue.json");
  else
    answer_text (msg, 404, "{\"detail\":\"Not Found\"}");
}

static void
on_flow_run_changed (PwBackend  *backend,
                     const char *id,
                     Fixture    *f)
{
  g_ptr_array_add (f->changed_runs, g_strdup (id));
}

static void
on_task_run_changed (PwBackend  *backend,
                     const char *flow_run_id,
                     const char *id,
                     Fixture    *f)
{
  g_ptr_array_add (f->changed_tasks, g_strdup (id));
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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  api_fixture_set_up (&f->api, data);
  f->requests = g_ptr_array_new_with_free_func ((GDestroyNotify)request_free);
  f->changed_runs = g_ptr_array_new_with_free_func (g_free);
  f->changed_tasks = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/api", handler_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  f->backend = pw_remote_backend_new (f->url, NULL, &error);
  g_assert_no_error (error);
  pw_remote_backend_set_poll_interval (PW_REMOTE_BACKEND (f->backend), 100);
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
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_ptr_array_unref (f->requests);
  g_ptr_array_unref (f->changed_runs);
  g_ptr_array_unref (f->changed_tasks);
  g_free (f->url);
  api_fixture_tear_down (&f->api, data);
}

#define WAIT(op, ...) \
  ({ \
    GAsyncResult *_slot = NULL; \
    pw_backend_ ## op ## _async (f->backend, ##__VA_ARGS__, NULL, api_store_result, &_slot); \
    api_wait (&_slot); \
  })

/* The last request to @path whose body holds @needle (the backend polls
 * the same endpoints meanwhile). */
static Request *
sent_with (Fixture    *f,
           const char *path,
           const char *needle)
{
  for (guint i = f->requests->len; i > 0; i--)
    {
      Request *request = g_ptr_array_index (f->requests, i - 1);

      if (g_str_equal (request->path, path) && (needle == NULL || strstr (request->body, needle) != NULL))
        return request;
    }
  g_error ("nothing was sent to %s", path);
  return NULL;
}

static Request *
sent (Fixture    *f,
      const char *path)
{
  return sent_with (f, path, NULL);
}

/* What @request sent reads as the same filter as the fixture request. */
static void
assert_same_filter (Request          *request,
                    const char       *fixture,
                    PwRestFilterKind  kind)
{
  g_autofree char *name = g_strconcat ("requests/", fixture, NULL);
  g_autoptr(JsonNode) expected = fixture_json (name);
  g_autoptr(JsonNode) actual = api_parse (request->body);
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_auto(PwRestFilterBody) a = { 0, };
  g_auto(PwRestFilterBody) b = { 0, };

  /* Prefect would take it: it passes the same validation. */
  g_assert_true (pw_rest_read_filter_body (expected, kind, NULL, &a, problems));
  g_assert_true (pw_rest_read_filter_body (actual, kind, NULL, &b, problems));
  g_assert_cmpint (a.sort, ==, b.sort);
  g_assert_cmpuint (a.limit, ==, b.limit);
  g_assert_cmpuint (a.offset, ==, b.offset);
  if (kind == PW_REST_FILTER_LOGS)
    {
      g_assert_cmpstrv (a.logs->flow_run_id_any, b.logs->flow_run_id_any);
      g_assert_cmpint (a.logs->level_ge, ==, b.logs->level_ge);
      g_assert_true (g_date_time_equal (a.logs->timestamp_after, b.logs->timestamp_after));
    }
  else if (kind == PW_REST_FILTER_TASK_RUNS)
    g_assert_cmpstrv (a.task_runs->flow_run_id_any, b.task_runs->flow_run_id_any);
  else if (kind == PW_REST_FILTER_FLOW_RUNS)
    {
      g_assert_cmpstrv (a.flow_runs->flow_id_any, b.flow_runs->flow_id_any);
      g_assert_cmpstrv (a.flow_runs->deployment_id_any, b.flow_runs->deployment_id_any);
      g_assert_cmpstrv (a.flow_runs->tags_all, b.flow_runs->tags_all);
      g_assert_cmpuint (a.flow_runs->state_types, ==, b.flow_runs->state_types);
      g_assert_cmpint (a.flow_runs->parent_task_run_id_is_null, ==, b.flow_runs->parent_task_run_id_is_null);
      g_assert_true (g_date_time_equal (a.flow_runs->start_time_after, b.flow_runs->start_time_after));
      g_assert_true (g_date_time_equal (a.flow_runs->start_time_before, b.flow_runs->start_time_before));
    }
}

/* The members a client's body has are those of Prefect's accepted request. */
static void
assert_members_from (Request    *request,
                     const char *fixture)
{
  g_autofree char *name = g_strconcat ("requests/", fixture, NULL);
  g_autoptr(JsonNode) expected = fixture_json (name);
  g_autoptr(JsonNode) actual = api_parse (request->body);
  g_autoptr(GList) members = json_object_get_members (json_node_get_object (actual));

  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (json_node_get_object (expected), l->data))
      g_error ("%s: the client sent %s, which Prefect's request has not", fixture, (char *)l->data);
}

static void
test_probe (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = WAIT (count_flow_runs, NULL);
  g_autoptr(GError) error = NULL;
  PwRemoteBackend *remote = PW_REMOTE_BACKEND (f->backend);
  Request *first;

  g_assert_cmpint (pw_backend_count_flow_runs_finish (f->backend, result, &error), ==, 7);
  g_assert_no_error (error);
  g_assert_cmpint (pw_remote_backend_get_server_kind (remote), ==, PW_SERVER_KIND_PREFECT);
  g_assert_cmpstr (pw_remote_backend_get_server_version (remote), ==, "2.7.12");
  g_assert_cmpuint (pw_remote_backend_get_capabilities (remote), ==, PW_BACKEND_CAPABILITY_NONE);
  first = g_ptr_array_index (f->requests, 0);
  g_assert_cmpstr (first->path, ==, "/api/admin/version");
}

static void
test_flow_runs (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(PwFlowRun) first = NULL;
  g_autoptr(PwFlowRun) failed = NULL;
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *tags[] = { "etl", NULL };

  /* What flow_runs_filter.json asks, through the backend's filter. */
  pw_flow_run_filter_set_flow_id (filter, "ceed3218-4c65-453b-a2ff-bab654cadf97");
  pw_flow_run_filter_set_deployment_id (filter, DEPLOYMENT);
  filter->state_types = PW_STATE_TYPE_MASK (PW_STATE_TYPE_FAILED) |
                        PW_STATE_TYPE_MASK (PW_STATE_TYPE_CRASHED) |
                        PW_STATE_TYPE_MASK (PW_STATE_TYPE_COMPLETED);
  pw_flow_run_filter_set_tags_all (filter, tags);
  filter->parent_task_run_id_is_null = PW_NULL_FILTER_IS_NULL;
  filter->start_time_after = g_date_time_new (utc, 2026, 11, 1, 0, 0, 0);
  filter->start_time_before = g_date_time_new (utc, 2026, 12, 1, 0, 0, 0);

  result = WAIT (list_flow_runs, filter, PW_FLOW_RUN_SORT_START_TIME_DESC, 50, 0);
  runs = pw_backend_list_flow_runs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  assert_same_filter (sent_with (f, "/api/flow_runs/filter", "\"limit\":50"), "flow_runs_filter.json",
                      PW_REST_FILTER_FLOW_RUNS);

  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 7);
  first = g_list_model_get_item (runs, 0);
  g_assert_nonnull (pw_flow_run_get_name (first));
  /* Flow names come from /flows/filter: a FlowRun has only the id. */
  g_assert_nonnull (pw_flow_run_get_flow_name (first));
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(PwFlowRun) run = g_list_model_get_item (runs, i);

      if (g_str_equal (pw_flow_run_get_id (run), FAILED_RUN))
        failed = g_object_ref (run);
    }
  g_assert_nonnull (failed);
  g_assert_cmpstr (pw_flow_run_get_name (failed), ==, "crimson-otter");
  g_assert_cmpstr (pw_flow_run_get_flow_name (failed), ==, "etl-pipeline");
  g_assert_cmpint (pw_flow_run_get_state_type (failed), ==, PW_STATE_TYPE_FAILED);
  g_assert_cmpfloat_with_epsilon (pw_flow_run_get_total_run_time (failed), 0.471178, 1e-6);
  /* A code hash is no Pipewright version. */
  g_assert_cmpuint (pw_flow_run_get_flow_version (failed), ==, 0);
}

static void
test_task_runs_and_logs (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) task_runs = NULL;
  g_autoptr(GListModel) logs = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwLogFilter) filter = pw_log_filter_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  result = WAIT (list_task_runs, FAILED_RUN);
  task_runs = pw_backend_list_task_runs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (task_runs), ==, 5);
  {
    Request *request = sent_with (f, "/api/task_runs/filter", "\"offset\"");
    g_autoptr(JsonNode) body = api_parse (request->body);

    /* As task_runs_filter.json: by flow run, EXPECTED_START_TIME_ASC, 200. */
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "sort"), ==, "EXPECTED_START_TIME_ASC");
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (body), "limit"), ==, 200);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (body), "offset"), ==, 0);
    assert_members_from (request, "task_runs_filter.json");
  }
  g_clear_object (&result);

  result = WAIT (get_task_run, "b044788c-a47d-4e13-a9fe-3b0e50781903");
  task_run = pw_backend_get_task_run_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_task_run_get_task_key (task_run), ==, "etl.transform-77aa");
  g_assert_nonnull (strstr (pw_task_run_get_task_inputs (task_run), "wait_for"));
  g_clear_object (&result);

  /* What logs_filter.json asks. */
  pw_log_filter_set_flow_run_id (filter, FAILED_RUN);
  filter->level_ge = 20;
  filter->timestamp_after = g_date_time_new (utc, 2026, 11, 26, 13, 0, 0);
  result = WAIT (list_logs, filter, PW_LOG_SORT_TIMESTAMP_ASC, 200, 0);
  logs = pw_backend_list_logs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (logs), ==, 4);
  assert_same_filter (sent_with (f, "/api/logs/filter", "\"offset\""), "logs_filter.json", PW_REST_FILTER_LOGS);
}

static void
test_cancel_and_retry (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwFlowRun) run = NULL;

  /* Retry as Prefect's UI: AwaitingRetry; the server accepts. */
  result = WAIT (retry_flow_run, FAILED_RUN, FALSE);
  run = pw_backend_retry_flow_run_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_id (run), ==, FAILED_RUN);
  {
    Request *request = sent (f, "/api/flow_runs/" FAILED_RUN "/set_state");
    g_autoptr(JsonNode) body = api_parse (request->body);
    JsonObject *state = json_object_get_object_member (json_node_get_object (body), "state");

    assert_members_from (request, "set_state.json");
    g_assert_cmpstr (json_object_get_string_member (state, "type"), ==, "SCHEDULED");
    g_assert_cmpstr (json_object_get_string_member (state, "name"), ==, "AwaitingRetry");
    g_assert_false (json_object_get_boolean_member (json_node_get_object (body), "force"));
  }
  g_clear_object (&result);

  /* Cancelling a finished run: refused before asking. */
  result = WAIT (cancel_flow_run, ENGINE_RUN);
  g_assert_false (pw_backend_cancel_flow_run_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already finished"));
}

static void
test_unsupported (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(PwFlow) flow = pw_flow_new ("etl-pipeline");
  g_autofree char *path = g_build_filename (f->api.dir, "x.flow.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* Flows are listed (names and tags)… */
  result = WAIT (list_flows, NULL);
  flows = pw_backend_list_flows_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 3);
  g_clear_object (&result);

  /* …but a Prefect server keeps no definitions. */
  result = WAIT (get_flow, "etl-pipeline", 0);
  g_assert_null (pw_backend_get_flow_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "Prefect server"));
  g_clear_error (&error);
  g_clear_object (&result);

  result = WAIT (save_flow, flow);
  g_assert_null (pw_backend_save_flow_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_clear_object (&result);

  result = WAIT (delete_flow, "etl-pipeline");
  g_assert_false (pw_backend_delete_flow_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_clear_object (&result);

  result = WAIT (export_flow, "etl-pipeline", file);
  g_assert_false (pw_backend_export_flow_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_clear_object (&result);

  result = WAIT (run_flow, "etl-pipeline", 0, NULL);
  g_assert_null (pw_backend_run_flow_finish (f->backend, result, &error));
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "deployments"));
}

static void
test_deployments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) deployments = NULL;
  g_autoptr(PwDeployment) read = NULL;
  g_autoptr(PwDeployment) saved = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(PwDeployment) deployment = pw_deployment_new ("etl-pipeline", "nightly");
  g_autoptr(GDateTime) anchor = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(PwSchedule) schedule = pw_schedule_new_interval (3600, anchor, "UTC", &error);
  const char *tags[] = { "manual", NULL };

  g_assert_no_error (error);
  result = WAIT (list_deployments, NULL);
  deployments = pw_backend_list_deployments_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (deployments), ==, 3);
  g_clear_object (&result);

  result = WAIT (get_deployment, "etl-pipeline", "nightly");
  read = pw_backend_get_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_deployment_get_id (read), ==, DEPLOYMENT);
  g_assert_cmpstr (pw_deployment_get_work_queue_name (read), ==, "etl-queue");
  g_assert_cmpint (pw_schedule_get_kind (pw_deployment_get_schedule (read)), ==, PW_SCHEDULE_KIND_INTERVAL);
  g_assert_true (pw_deployment_get_paused (read));
  g_clear_object (&result);

  /* What deployment_create_interval.json sends, but Prefect's Python bits. */
  pw_deployment_set_schedule (deployment, schedule);
  pw_deployment_set_parameters (deployment, "{\"source\": \"s3://bucket/raw\", \"batch_size\": 500}");
  pw_deployment_set_work_queue_name (deployment, "etl-queue");
  pw_deployment_set_paused (deployment, TRUE);
  pw_deployment_set_description (deployment, "Nightly ETL");
  result = WAIT (save_deployment, deployment);
  saved = pw_backend_save_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  {
    Request *request = sent (f, "/api/deployments/");
    g_autoptr(JsonNode) expected = fixture_json ("requests/deployment_create_interval.json");
    g_autoptr(JsonNode) body = api_parse (request->body);

    assert_members_from (request, "deployment_create_interval.json");
    {
      JsonObject *want = json_object_get_object_member (json_node_get_object (expected), "schedule");
      JsonObject *got = json_object_get_object_member (json_node_get_object (body), "schedule");
      g_autoptr(GDateTime) want_anchor = pw_rest_parse_time (json_object_get_string_member (want, "anchor_date"));
      g_autoptr(GDateTime) got_anchor = pw_rest_parse_time (json_object_get_string_member (got, "anchor_date"));

      g_assert_cmpint (json_object_get_int_member (want, "interval"), ==, json_object_get_int_member (got, "interval"));
      g_assert_cmpstr (json_object_get_string_member (want, "timezone"), ==, json_object_get_string_member (got, "timezone"));
      g_assert_true (g_date_time_equal (want_anchor, got_anchor));
    }
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "flow_id"),
                     ==, "ceed3218-4c65-453b-a2ff-bab654cadf97");
    g_assert_false (json_object_get_boolean_member (json_node_get_object (body), "is_schedule_active"));
  }
  g_clear_object (&result);

  result = WAIT (run_deployment, DEPLOYMENT, "{\"batch_size\": 1000}", tags);
  run = pw_backend_run_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_work_queue_name (run), ==, "etl-queue");
  {
    Request *request = sent (f, "/api/deployments/" DEPLOYMENT "/create_flow_run");
    g_autoptr(JsonNode) body = api_parse (request->body);
    JsonObject *state = json_object_get_object_member (json_node_get_object (body), "state");

    /* As deployment_create_flow_run.json: SCHEDULED with its time. */
    assert_members_from (request, "deployment_create_flow_run.json");
    g_assert_cmpstr (json_object_get_string_member (state, "type"), ==, "SCHEDULED");
    g_assert_true (json_object_has_member (json_object_get_object_member (state, "state_details"), "scheduled_time"));
  }
  g_clear_object (&result);

  result = WAIT (preview_deployment, DEPLOYMENT, 3);
  times = pw_backend_preview_deployment_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (times->len, ==, 3);
}

static void
test_work_queues (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) queues = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(PwWorkQueueStatus) status = NULL;
  g_autoptr(PwWorkQueue) made = NULL;
  g_autoptr(PwWorkQueue) queue = pw_work_queue_new ("etl-queue");
  g_autoptr(PwWorkQueue) first = NULL;
  g_autoptr(GDateTime) until = g_date_time_new_utc (2026, 11, 27, 0, 0, 0);

  result = WAIT (list_work_queues);
  queues = pw_backend_list_work_queues_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queues), ==, 2);
  first = g_list_model_get_item (queues, 0);
  g_assert_cmpstr (pw_work_queue_get_name (first), ==, "default");
  g_clear_object (&result);

  result = WAIT (preview_work_queue, "etl-queue", until, 10);
  runs = pw_backend_preview_work_queue_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (runs), >, 0);
  {
    Request *request = sent (f, "/api/work_queues/" QUEUE "/get_runs");
    g_autoptr(JsonNode) expected = fixture_json ("requests/work_queue_get_runs.json");
    g_autoptr(JsonNode) body = api_parse (request->body);

    assert_members_from (request, "work_queue_get_runs.json");
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (body), "limit"), ==, 10);
    g_assert_cmpstr (request->ui, ==, "true");
    g_assert_nonnull (expected);
  }
  g_clear_object (&result);

  result = WAIT (get_work_queue_status, "etl-queue");
  status = pw_backend_get_work_queue_status_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_assert_true (status->healthy);
  g_assert_nonnull (status->last_polled);
  g_clear_object (&result);

  pw_work_queue_set_description (queue, "Queue for ETL deployments");
  pw_work_queue_set_concurrency_limit (queue, 5);
  pw_work_queue_set_priority (queue, 1);
  result = WAIT (create_work_queue, queue);
  made = pw_backend_create_work_queue_finish (f->backend, result, &error);
  g_assert_no_error (error);
  assert_members_from (sent (f, "/api/work_queues/"), "work_queue_create.json");
}

static gboolean
saw_change (gpointer data)
{
  Fixture *f = data;

  return f->changed_runs->len > 0 && f->changed_tasks->len > 0;
}

/* No websocket on Prefect: the backend polls, and signals what changed. */
static void
test_polling (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint polls = 0;

  g_signal_connect (f->backend, "flow-run-changed", G_CALLBACK (on_flow_run_changed), f);
  g_signal_connect (f->backend, "task-run-changed", G_CALLBACK (on_task_run_changed), f);
  g_signal_connect (f->backend, "logs-appended", G_CALLBACK (on_logs_appended), f);
  pw_remote_backend_connect (PW_REMOTE_BACKEND (f->backend));

  /* The first polls learn what is there, and say nothing of it. */
  api_spin (500);
  g_assert_cmpuint (f->changed_runs->len, ==, 0);
  for (guint i = 0; i < f->requests->len; i++)
    {
      Request *request = g_ptr_array_index (f->requests, i);

      if (g_str_equal (request->path, "/api/flow_runs/filter"))
        {
          polls++;
          /* By start time, as API.md §11 says (no `updated` field). */
          g_assert_true (strstr (request->body, "start_time") != NULL ||
                         strstr (request->body, "\"state\"") != NULL ||
                         strstr (request->body, "\"id\"") != NULL);
        }
    }
  g_assert_cmpuint (polls, >=, 2);

  /* A run moves on: signalled at the next poll. */
  f->run_finished = TRUE;
  g_assert_true (api_wait_until (saw_change, f, 5000));
  (void)result;
  (void)error;
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/RemotePrefect/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("probe", test_probe);
  ADD ("flow-runs", test_flow_runs);
  ADD ("task-runs-and-logs", test_task_runs_and_logs);
  ADD ("cancel-and-retry", test_cancel_and_retry);
  ADD ("unsupported", test_unsupported);
  ADD ("deployments", test_deployments);
  ADD ("work-queues", test_work_queues);
  ADD ("polling", test_polling);

  return g_test_run ();
}
