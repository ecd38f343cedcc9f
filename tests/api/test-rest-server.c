/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "test-api-common.h"

/*
 * The REST server as clients meet it: a real `pipewright-cli serve` on
 * 127.0.0.1 port 0, every endpoint over HTTP, the request bodies Prefect
 * accepted (fixtures/requests) sent as they are, the answers' shapes
 * compared with Prefect's (fixtures), the status codes and error bodies,
 * and the security rules.
 */

typedef struct
{
  ApiFixture   api;
  SoupSession *session;
  char        *flow_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) flow = NULL;
  g_autofree char *url = NULL;

  api_fixture_set_up (&f->api, data);
  api_import_examples (&f->api);
  if (data == NULL)
    api_serve (&f->api, "--no-agent", NULL);
  f->session = api_session ();
  if (f->api.url != NULL)
    {
      url = g_strconcat (f->api.url, "/flows/name/hello", NULL);
      g_assert_cmpuint (api_request (f->session, "GET", url, NULL, NULL, &flow), ==, 200);
      f->flow_id = g_strdup (json_object_get_string_member (json_node_get_object (flow), "id"));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_free (f->flow_id);
  api_fixture_tear_down (&f->api, data);
}

static char *
url_of (Fixture    *f,
        const char *path)
{
  return g_strconcat (f->api.url, path, NULL);
}

/* Sends @body to @path; asserts the status; returns the answer. */
static JsonNode *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *body,
      guint       status)
{
  g_autofree char *url = url_of (f, path);
  JsonNode *answer = NULL;
  guint got = api_request (f->session, method, url, body, NULL, &answer);

  if (got != status)
    {
      g_autofree char *text = answer != NULL ? json_to_string (answer, FALSE) : g_strdup ("");
      g_error ("%s %s: %u where %u was expected: %s", method, path, got, status, text);
    }
  return answer;
}

static const char *
string_of (JsonNode   *node,
           const char *member)
{
  return json_object_get_string_member (json_node_get_object (node), member);
}

/* A fixture request body with Prefect's ids replaced by ours. */
static char *
request_body (const char *name,
              const char *first_from,
              ...)
{
  g_autofree char *file = g_strconcat ("requests/", name, NULL);
  g_autofree char *text = fixture_text (file);
  g_autoptr(GString) body = g_string_new (text);
  va_list ap;

  va_start (ap, first_from);
  for (const char *from = first_from; from != NULL; from = va_arg (ap, const char *))
    g_string_replace (body, from, va_arg (ap, const char *), 0);
  va_end (ap);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* Same members, same order, as Prefect's object. */
static void
assert_shape (JsonNode   *expected,
              JsonNode   *actual,
              const char *what)
{
  g_autoptr(GList) a = json_object_get_members (json_node_get_object (expected));
  g_autoptr(GList) b = json_object_get_members (json_node_get_object (actual));
  GList *l;
  GList *m;

  for (l = a, m = b; l != NULL && m != NULL; l = l->next, m = m->next)
    if (!g_str_equal (l->data, m->data))
      g_error ("%s: member %s where %s was expected", what, (char *)m->data, (char *)l->data);
  g_assert_true (l == NULL && m == NULL);
}

static void
test_health (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) health = call (f, "GET", "/health", NULL, 200);
  g_autoptr(JsonNode) version = call (f, "GET", "/admin/version", NULL, 200);
  g_autoptr(JsonNode) pipewright = call (f, "GET", "/pipewright/version", NULL, 200);
  g_autoptr(JsonNode) hello = call (f, "GET", "/hello", NULL, 200);

  g_assert_true (json_node_get_boolean (health));
  g_assert_cmpstr (json_node_get_string (version), ==, PACKAGE_VERSION);
  g_assert_cmpstr (string_of (pipewright, "pipewright"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (string_of (pipewright, "api_version"), ==, "0.8.4");
  g_assert_cmpstr (string_of (pipewright, "events"), ==, "/api/pipewright/events");
  g_assert_nonnull (json_node_get_string (hello));
}

static void
test_flows (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) fixture = fixture_json ("flow.json");
  g_autofree char *body = request_body ("flow_create.json", NULL);
  g_autoptr(JsonNode) created = call (f, "POST", "/flows/", body, 201);
  g_autoptr(JsonNode) again = call (f, "POST", "/flows", body, 200);
  g_autofree char *by_id = g_strconcat ("/flows/", string_of (created, "id"), NULL);
  g_autoptr(JsonNode) read = call (f, "GET", by_id, NULL, 200);
  g_autoptr(JsonNode) by_name = call (f, "GET", "/flows/name/etl-pipeline", NULL, 200);
  g_autoptr(JsonNode) listed = call (f, "POST", "/flows/filter", "{\"flows\": {\"name\": {\"like_\": \"ETL\"}}}", 200);
  g_autoptr(JsonNode) count = call (f, "POST", "/flows/count", "{}", 200);
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) gone = NULL;
  g_autoptr(JsonNode) missing = NULL;

  assert_shape (fixture, created, "flow");
  g_assert_cmpstr (string_of (created, "name"), ==, "etl-pipeline");
  g_assert_cmpstr (string_of (again, "id"), ==, string_of (created, "id"));
  g_assert_cmpstr (string_of (read, "id"), ==, string_of (created, "id"));
  g_assert_cmpstr (string_of (by_name, "id"), ==, string_of (created, "id"));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 1);
  g_assert_cmpint (json_node_get_int (count), ==, 2);

  patched = call (f, "PATCH", by_id, "{\"tags\": [\"x\"]}", 204);
  g_assert_null (patched);
  after = call (f, "GET", by_id, NULL, 200);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_node_get_object (after), "tags"), 0), ==, "x");

  gone = call (f, "DELETE", by_id, NULL, 204);
  missing = call (f, "GET", by_id, NULL, 404);
  g_assert_cmpstr (string_of (missing, "detail"), ==, "Flow not found");
}

/* Runs hello through the server's own endpoint, to its end. */
static char *
run_hello (Fixture *f)
{
  g_autoptr(JsonNode) run = call (f, "POST", "/pipewright/flows/hello/run",
                                  "{\"parameters\": {\"who\": \"server\"}}", 201);
  g_autofree char *path = g_strconcat ("/flow_runs/", string_of (run, "id"), NULL);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(JsonNode) now = call (f, "GET", path, NULL, 200);

      if (g_str_equal (string_of (now, "state_type"), "COMPLETED"))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
  return g_strdup (string_of (run, "id"));
}

static void
test_flow_runs (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) fixture = fixture_json ("flow_run.json");
  g_autofree char *body = request_body ("flow_run_create.json",
                                        "ceed3218-4c65-453b-a2ff-bab654cadf97", f->flow_id, NULL);
  g_autoptr(JsonNode) created = call (f, "POST", "/flow_runs/", body, 201);
  const char *id = string_of (created, "id");
  g_autofree char *path = g_strconcat ("/flow_runs/", id, NULL);
  g_autofree char *set_state = g_strconcat (path, "/set_state", NULL);
  g_autofree char *states_path = g_strconcat ("/flow_run_states/?flow_run_id=", id, NULL);
  g_autofree char *state_body = request_body ("set_state.json", NULL);
  g_autoptr(JsonNode) read = call (f, "GET", path, NULL, 200);
  g_autoptr(JsonNode) running = NULL;
  g_autoptr(JsonNode) completed = NULL;
  g_autoptr(JsonNode) aborted = NULL;
  g_autoptr(JsonNode) forced = NULL;
  g_autoptr(JsonNode) states = NULL;
  g_autoptr(JsonNode) one_state = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) counted = NULL;
  g_autoptr(JsonNode) resumed = NULL;
  g_autofree char *state_path = NULL;
  g_autofree char *filter = NULL;

  /* The fixture's request: a SCHEDULED run with its time. */
  assert_shape (fixture, created, "flow run");
  assert_shape (json_object_get_member (json_node_get_object (fixture), "state"),
                json_object_get_member (json_node_get_object (created), "state"), "state");
  g_assert_cmpstr (string_of (created, "name"), ==, "crimson-otter");
  g_assert_cmpstr (string_of (created, "state_type"), ==, "SCHEDULED");
  g_assert_cmpstr (string_of (created, "expected_start_time"), ==, "2026-11-26T14:00:00+00:00");
  g_assert_cmpstr (string_of (created, "flow_version"), ==, "1");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (created), "parameters"), "batch_size"), ==, 500);
  g_assert_true (json_node_equal (created, read) ||
                 g_str_equal (string_of (read, "id"), id));

  /* SCHEDULED → RUNNING, the fixture's proposal: ACCEPT, 201. */
  running = call (f, "POST", set_state, state_body, 201);
  g_assert_cmpstr (string_of (running, "status"), ==, "ACCEPT");
  g_assert_cmpstr (string_of (json_object_get_member (json_node_get_object (running), "state"), "message"),
                   ==, "Started by Pipewright");
  completed = call (f, "POST", set_state, "{\"state\": {\"type\": \"COMPLETED\"}}", 201);
  g_assert_cmpstr (string_of (completed, "status"), ==, "ACCEPT");

  /* Out of a terminal state: ABORT with Prefect's reason, 200; forced: ACCEPT. */
  aborted = call (f, "POST", set_state, "{\"state\": {\"type\": \"RUNNING\"}}", 200);
  g_assert_cmpstr (string_of (aborted, "status"), ==, "ABORT");
  g_assert_cmpstr (string_of (json_object_get_member (json_node_get_object (aborted), "details"), "reason"),
                   ==, "This run has already terminated.");
  g_assert_cmpstr (string_of (json_object_get_member (json_node_get_object (aborted), "state"), "type"),
                   ==, "COMPLETED");
  forced = call (f, "POST", set_state, "{\"state\": {\"type\": \"FAILED\", \"message\": \"Forced failure\"}, \"force\": true}", 201);
  g_assert_cmpstr (string_of (forced, "status"), ==, "ACCEPT");

  /* The history: Scheduled, Running, Completed, Failed. */
  states = call (f, "GET", states_path, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (states)), ==, 4);
  state_path = g_strconcat ("/flow_run_states/",
                            json_object_get_string_member (json_array_get_object_element (json_node_get_array (states), 1), "id"),
                            NULL);
  one_state = call (f, "GET", state_path, NULL, 200);
  g_assert_cmpstr (string_of (one_state, "type"), ==, "RUNNING");

  /* Resume needs a paused run. */
  {
    g_autofree char *resume = g_strconcat (path, "/resume", NULL);
    resumed = call (f, "POST", resume, NULL, 200);
    g_assert_cmpstr (string_of (resumed, "status"), ==, "ABORT");
  }

  /* The fixture's filter, with our flow: the run is FAILED, tagged etl,
   * started in November 2026 (the forced RUNNING was now). */
  filter = request_body ("flow_runs_filter.json",
                         "ceed3218-4c65-453b-a2ff-bab654cadf97", f->flow_id,
                         "\"deployments\": {\"id\": {\"any_\": [\"a8a3356a-9877-4e40-a683-7afe043c0588\"]}}",
                         "\"deployments\": {}",
                         "2026-11-01T00:00:00Z", "2000-01-01T00:00:00Z",
                         "2026-12-01T00:00:00Z", "2100-01-01T00:00:00Z", NULL);
  listed = call (f, "POST", "/flow_runs/filter", filter, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 1);
  counted = call (f, "POST", "/flow_runs/count", filter, 200);
  g_assert_cmpint (json_node_get_int (counted), ==, 1);

  {
    g_autoptr(JsonNode) deleted = call (f, "DELETE", path, NULL, 204);
    g_autoptr(JsonNode) missing = call (f, "GET", path, NULL, 404);

    g_assert_cmpstr (string_of (missing, "detail"), ==, "Flow run not found");
  }
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = run_hello (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) end = g_date_time_add_hours (now, 1);
  g_autofree char *start_text = g_date_time_format_iso8601 (start);
  g_autofree char *end_text = g_date_time_format_iso8601 (end);
  g_autofree char *body = g_strdup_printf ("{\"history_start\": \"%s\", \"history_end\": \"%s\","
                                           " \"history_interval_seconds\": 3600}", start_text, end_text);
  g_autoptr(JsonNode) fixture = fixture_json ("flow_runs_history.json");
  g_autoptr(JsonNode) history = call (f, "POST", "/flow_runs/history", body, 200);
  g_autoptr(JsonNode) ui_fixture = fixture_json ("ui_flow_runs_history.json");
  g_autofree char *ui_body = request_body ("ui_flow_runs_history.json", NULL);
  g_autoptr(JsonNode) ui = call (f, "POST", "/ui/flow_runs/history", ui_body, 200);
  g_autoptr(JsonNode) too_fine = NULL;
  JsonArray *buckets = json_node_get_array (history);
  JsonObject *first = json_array_get_object_element (buckets, 0);
  JsonArray *cells = json_object_get_array_member (first, "states");

  g_assert_cmpuint (json_array_get_length (buckets), ==, 2);
  assert_shape (json_array_get_element (json_node_get_array (fixture), 0), json_array_get_element (buckets, 0), "bucket");
  g_assert_cmpuint (json_array_get_length (cells), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cells, 0), "state_type"), ==, "COMPLETED");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (cells, 0), "count_runs"), ==, 1);
  assert_shape (json_array_get_element (json_object_get_array_member (json_array_get_object_element (json_node_get_array (fixture), 0),
                                                                     "states"), 0),
                json_array_get_element (cells, 0), "history cell");

  g_assert_cmpuint (json_array_get_length (json_node_get_array (ui)), ==, 1);
  assert_shape (json_array_get_element (json_node_get_array (ui_fixture), 0),
                json_array_get_element (json_node_get_array (ui), 0), "ui history row");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (ui), 0), "id"), ==, id);

  too_fine = call (f, "POST", "/flow_runs/history",
                   "{\"history_start\": \"2026-01-01T00:00:00Z\", \"history_end\": \"2026-01-02T00:00:00Z\","
                   " \"history_interval_seconds\": 0.5}", 422);
}

static void
test_task_runs (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) fixture = fixture_json ("task_run.json");
  g_autoptr(JsonNode) graph_fixture = fixture_json ("flow_run_graph.json");
  g_autofree char *id = run_hello (f);
  g_autofree char *filter = g_strdup_printf ("{\"flow_runs\": {\"id\": {\"any_\": [\"%s\"]}},"
                                             " \"sort\": \"EXPECTED_START_TIME_ASC\"}", id);
  g_autoptr(JsonNode) listed = call (f, "POST", "/task_runs/filter", filter, 200);
  g_autoptr(JsonNode) counted = call (f, "POST", "/task_runs/count", filter, 200);
  g_autofree char *graph_path = g_strdup_printf ("/flow_runs/%s/graph", id);
  g_autoptr(JsonNode) graph = call (f, "GET", graph_path, NULL, 200);
  g_autofree char *all_path = g_strdup_printf ("/pipewright/flow_runs/%s/task_runs", id);
  g_autoptr(JsonNode) all = call (f, "GET", all_path, NULL, 200);
  JsonArray *array = json_node_get_array (listed);
  JsonNode *first = json_array_get_element (array, 0);
  g_autofree char *path = g_strconcat ("/task_runs/", string_of (first, "id"), NULL);
  g_autoptr(JsonNode) read = call (f, "GET", path, NULL, 200);
  g_autofree char *states_path = g_strconcat ("/task_run_states/?task_run_id=", string_of (first, "id"), NULL);
  g_autoptr(JsonNode) states = call (f, "GET", states_path, NULL, 200);
  g_autofree char *subflows = g_strdup_printf ("{\"flow_runs\": {\"id\": {\"any_\": [\"%s\"]}},"
                                               " \"task_runs\": {\"subflow_runs\": {\"exists_\": false}}}", id);
  g_autoptr(JsonNode) not_subflows = call (f, "POST", "/task_runs/filter", subflows, 200);

  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpint (json_node_get_int (counted), ==, 3);
  assert_shape (fixture, read, "task run");
  g_assert_cmpstr (string_of (read, "task_key"), ==, "greet");
  /* The task's result rides in the state as a LiteralResult. */
  {
    JsonObject *state = json_object_get_object_member (json_node_get_object (read), "state");

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (state, "data"), "type"),
                     ==, "literal");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (state, "data"), "value"),
                     ==, "Hello, server!");
  }
  g_assert_cmpuint (json_array_get_length (json_node_get_array (states)), ==, 3);

  g_assert_cmpuint (json_array_get_length (json_node_get_array (graph)), ==, 3);
  assert_shape (json_array_get_element (json_node_get_array (graph_fixture), 0),
                json_array_get_element (json_node_get_array (graph), 0), "graph node");
  /* shout waits for greet. */
  {
    JsonObject *shout = json_array_get_object_element (json_node_get_array (graph), 1);
    JsonArray *up = json_object_get_array_member (shout, "upstream_dependencies");

    g_assert_cmpuint (json_array_get_length (up), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (up, 0), "id"),
                     ==, string_of (first, "id"));
  }
  g_assert_cmpuint (json_array_get_length (json_node_get_array (all)), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (not_subflows)), ==, 3);
}

static void
test_task_run_create (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *run_body = g_strdup_printf ("{\"flow_id\": \"%s\", \"state\": {\"type\": \"RUNNING\"}}", f->flow_id);
  g_autoptr(JsonNode) run = call (f, "POST", "/flow_runs/", run_body, 201);
  g_autofree char *body = request_body ("task_run_create.json",
                                        "778f2172-85d7-4eb4-a56c-e0632347cbef", string_of (run, "id"), NULL);
  g_autoptr(JsonNode) created = call (f, "POST", "/task_runs/", body, 201);
  g_autoptr(JsonNode) same = call (f, "POST", "/task_runs/", body, 200);
  g_autofree char *set_state = g_strconcat ("/task_runs/", string_of (created, "id"), "/set_state", NULL);
  g_autoptr(JsonNode) running = call (f, "POST", set_state, "{\"state\": {\"type\": \"RUNNING\"}}", 201);
  g_autoptr(JsonNode) again = call (f, "POST", set_state, "{\"state\": {\"type\": \"RUNNING\"}}", 200);
  g_autoptr(JsonNode) bad = call (f, "POST", "/task_runs/", "{\"flow_run_id\": \"x\"}", 422);

  g_assert_cmpstr (string_of (created, "name"), ==, "load-0");
  g_assert_cmpstr (string_of (created, "state_type"), ==, "PENDING");
  g_assert_cmpstr (string_of (same, "id"), ==, string_of (created, "id"));
  g_assert_true (json_object_has_member (json_object_get_object_member (json_node_get_object (created), "task_inputs"), "wait_for"));
  g_assert_cmpstr (string_of (running, "status"), ==, "ACCEPT");
  g_assert_cmpstr (string_of (again, "status"), ==, "ABORT");
}

static void
test_logs (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) fixture = fixture_json ("logs_failed_run.json");
  g_autofree char *run_body = g_strdup_printf ("{\"flow_id\": \"%s\"}", f->flow_id);
  g_autoptr(JsonNode) run = call (f, "POST", "/flow_runs/", run_body, 201);
  g_autofree char *body = request_body ("logs_create.json",
                                        "778f2172-85d7-4eb4-a56c-e0632347cbef", string_of (run, "id"),
                                        "\"9ccdc128-98bd-43e7-b4f7-ecac6d6139c8\"", "null", NULL);
  g_autoptr(JsonNode) created = call (f, "POST", "/logs/", body, 201);
  g_autofree char *filter = request_body ("logs_filter.json",
                                          "778f2172-85d7-4eb4-a56c-e0632347cbef", string_of (run, "id"), NULL);
  g_autoptr(JsonNode) lines = call (f, "POST", "/logs/filter", filter, 200);
  g_autoptr(JsonNode) errors = NULL;
  g_autoptr(JsonNode) bad = call (f, "POST", "/logs/", "[{\"name\": \"x\", \"level\": \"high\"}]", 422);
  JsonArray *array = json_node_get_array (lines);

  g_assert_null (created);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  assert_shape (json_array_get_element (json_node_get_array (fixture), 0), json_array_get_element (array, 0), "log");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "message"),
                   ==, "Encountered exception during execution:\nConnectionError: could not connect to warehouse");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (json_array_get_object_element (array, 0), "id")));

  errors = call (f, "POST", "/logs/filter", "{\"logs\": {\"level\": {\"ge_\": 40}}}", 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (errors)), ==, 1);
}

static void
test_pipewright (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) flows = call (f, "GET", "/pipewright/flows", NULL, 200);
  g_autofree char *document = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *path = api_example ("hello.flow.json");
  g_autofree char *url = url_of (f, "/pipewright/flows/hello");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(JsonNode) versions = NULL;
  g_autoptr(JsonNode) invalid = NULL;
  g_autoptr(JsonNode) mismatch = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(JsonNode) retried = NULL;
  g_autoptr(JsonNode) missing = NULL;
  g_autofree char *id = NULL;
  g_autofree char *cancel = NULL;
  g_autofree char *retry = NULL;

  g_assert_cmpuint (json_array_get_length (json_node_get_array (flows)), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (flows), 0), "n_tasks"), ==, 3);

  answer = soup_session_send_and_read (f->session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "X-Pipewright-Flow-Version"), ==, "1");
  document = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  g_assert_nonnull (strstr (document, "pipewright-flow/1"));

  /* A new version */
  {
    g_autoptr(GString) text = g_string_new (document);

    g_string_replace (text, "Say hello", "Say hi", 1);
    changed = g_string_free (g_steal_pointer (&text), FALSE);
  }
  saved = call (f, "PUT", "/pipewright/flows/hello", changed, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (saved), "version"), ==, 2);
  versions = call (f, "GET", "/pipewright/flows/hello/versions", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (versions)), ==, 2);
  invalid = call (f, "PUT", "/pipewright/flows/hello",
                  "{\"format\": \"pipewright-flow/1\", \"name\": \"hello\", \"tasks\": [{\"key\": \"a\", \"kind\": \"command\", \"retires\": 1}]}", 422);
  g_assert_nonnull (strstr (json_to_string (invalid, FALSE), "retires"));
  mismatch = call (f, "PUT", "/pipewright/flows/other", changed, 422);
  missing = call (f, "GET", "/pipewright/flows/nothing", NULL, 404);

  /* Run, cancel (too late), retry */
  id = run_hello (f);
  cancel = g_strdup_printf ("/pipewright/flow_runs/%s/cancel", id);
  cancelled = call (f, "POST", cancel, NULL, 409);
  retry = g_strdup_printf ("/pipewright/flow_runs/%s/retry", id);
  retried = call (f, "POST", retry, "{\"from_failed\": false}", 201);
  g_assert_cmpstr (string_of (retried, "flow_id"), ==, f->flow_id);
  g_assert_cmpstr (string_of (retried, "id"), !=, id);
}

static char *
create_deployment (Fixture *f)
{
  g_autofree char *body = request_body ("deployment_create_interval.json",
                                        "ceed3218-4c65-453b-a2ff-bab654cadf97", f->flow_id,
                                        "{\"source\": \"s3://bucket/raw\", \"batch_size\": 500}", "{\"who\": \"nightly\"}",
                                        NULL);
  g_autoptr(JsonNode) created = call (f, "POST", "/deployments/", body, 201);
  g_autoptr(JsonNode) fixture = fixture_json ("deployment.json");

  assert_shape (fixture, created, "deployment");
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (fixture), "schedule"),
                                  json_object_get_member (json_node_get_object (created), "schedule")));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (created), "is_schedule_active"));
  g_assert_cmpstr (string_of (created, "work_queue_name"), ==, "etl-queue");
  return g_strdup (string_of (created, "id"));
}

static void
test_deployments (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = create_deployment (f);
  g_autofree char *path = g_strconcat ("/deployments/", id, NULL);
  g_autofree char *body = request_body ("deployment_create_interval.json",
                                        "ceed3218-4c65-453b-a2ff-bab654cadf97", f->flow_id,
                                        "{\"source\": \"s3://bucket/raw\", \"batch_size\": 500}", "{\"who\": \"nightly\"}",
                                        NULL);
  g_autoptr(JsonNode) upserted = call (f, "POST", "/deployments/", body, 200);
  g_autoptr(JsonNode) read = call (f, "GET", path, NULL, 200);
  g_autoptr(JsonNode) by_name = call (f, "GET", "/deployments/name/hello/nightly", NULL, 200);
  g_autofree char *filter = request_body ("deployments_filter.json", "\"etl\"", "\"etl\"", NULL);
  g_autoptr(JsonNode) inactive = call (f, "POST", "/deployments/filter", filter, 200);
  g_autoptr(JsonNode) count = call (f, "POST", "/deployments/count", "{}", 200);
  g_autofree char *activate = g_strconcat (path, "/set_schedule_active", NULL);
  g_autofree char *deactivate = g_strconcat (path, "/set_schedule_inactive", NULL);
  g_autofree char *schedule = g_strconcat (path, "/schedule", NULL);
  g_autofree char *schedule_body = request_body ("deployment_schedule.json", NULL);
  g_autofree char *create_run = g_strconcat (path, "/create_flow_run", NULL);
  g_autofree char *run_body = request_body ("deployment_create_flow_run.json",
                                            "{\"batch_size\": 1000}", "{\"who\": \"remote\"}", NULL);
  g_autoptr(JsonNode) fixture_run = fixture_json ("deployment_create_flow_run.json");
  g_autoptr(JsonNode) run = NULL;
  g_autoptr(JsonNode) active = NULL;
  g_autoptr(JsonNode) scheduled = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) runs = NULL;
  g_autoptr(JsonNode) bad_params = NULL;
  g_autofree char *runs_filter = g_strdup_printf ("{\"flow_runs\": {\"deployment_id\": {\"any_\": [\"%s\"]}}}", id);

  g_assert_cmpstr (string_of (upserted, "id"), ==, id);
  g_assert_cmpstr (string_of (read, "name"), ==, "nightly");
  g_assert_cmpstr (string_of (by_name, "id"), ==, id);
  /* The fixture asks for active ones: this one is not. */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (inactive)), ==, 0);
  g_assert_cmpint (json_node_get_int (count), ==, 1);

  /* A run now, as the fixture's request asks: SCHEDULED at its time,
   * parameters merged, tags before the deployment's, in its queue. */
  run = call (f, "POST", create_run, run_body, 201);
  assert_shape (fixture_run, run, "deployment flow run");
  g_assert_cmpstr (string_of (run, "state_type"), ==, "SCHEDULED");
  g_assert_cmpstr (string_of (run, "work_queue_name"), ==, "etl-queue");
  g_assert_cmpstr (string_of (run, "deployment_id"), ==, id);
  g_assert_cmpstr (string_of (run, "expected_start_time"), ==, "2026-11-26T14:00:00+00:00");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_node_get_object (run), "tags"), 0), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (run), "parameters"), "who"), ==, "remote");
  bad_params = call (f, "POST", create_run, "{\"parameters\": {\"nope\": 1}}", 422);

  /* Paused: scheduling does nothing. Active: runs appear. */
  scheduled = call (f, "POST", schedule, schedule_body, 200);
  runs = call (f, "POST", "/flow_runs/count", runs_filter, 200);
  g_assert_cmpint (json_node_get_int (runs), ==, 1);
  active = call (f, "POST", activate, NULL, 200);
  after = call (f, "GET", path, NULL, 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (after), "is_schedule_active"));
  g_clear_pointer (&runs, json_node_unref);
  runs = call (f, "POST", "/flow_runs/count", runs_filter, 200);
  g_assert_cmpint (json_node_get_int (runs), >, 1);
  g_clear_pointer (&scheduled, json_node_unref);
  scheduled = call (f, "POST", deactivate, NULL, 200);

  {
    g_autoptr(JsonNode) patched = call (f, "PATCH", path, "{\"description\": \"changed\"}", 204);
    g_autoptr(JsonNode) reread = call (f, "GET", path, NULL, 200);
    g_autoptr(JsonNode) deleted = call (f, "DELETE", path, NULL, 204);
    g_autoptr(JsonNode) missing = call (f, "GET", path, NULL, 404);

    g_assert_cmpstr (string_of (reread, "description"), ==, "changed");
    g_assert_cmpstr (string_of (missing, "detail"), ==, "Deployment not found");
  }
}

static void
test_work_queues (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) fixture = fixture_json ("work_queue.json");
  g_autoptr(JsonNode) status_fixture = fixture_json ("work_queue_status.json");
  g_autofree char *body = request_body ("work_queue_create.json", NULL);
  g_autoptr(JsonNode) created = call (f, "POST", "/work_queues/", body, 201);
  g_autoptr(JsonNode) clash = call (f, "POST", "/work_queues/", body, 409);
  g_autofree char *path = g_strconcat ("/work_queues/", string_of (created, "id"), NULL);
  g_autoptr(JsonNode) read = call (f, "GET", path, NULL, 200);
  g_autoptr(JsonNode) by_name = call (f, "GET", "/work_queues/name/etl-queue", NULL, 200);
  g_autofree char *filter = request_body ("work_queues_filter.json", NULL);
  g_autoptr(JsonNode) listed = call (f, "POST", "/work_queues/filter", filter, 200);
  g_autofree char *deployment = create_deployment (f);
  g_autofree char *create_run = g_strconcat ("/deployments/", deployment, "/create_flow_run", NULL);
  g_autoptr(JsonNode) run = call (f, "POST", create_run, "{}", 201);
  g_autofree char *get_runs = g_strconcat (path, "/get_runs", NULL);
  g_autofree char *runs_body = request_body ("work_queue_get_runs.json",
                                             "2026-11-27T00:00:00Z", "2100-01-01T00:00:00Z", NULL);
  g_autoptr(JsonNode) runs = call (f, "POST", get_runs, runs_body, 200);
  g_autofree char *status_path = g_strconcat (path, "/status", NULL);
  g_autoptr(JsonNode) status = call (f, "GET", status_path, NULL, 200);
  g_autoptr(JsonNode) paused = call (f, "PATCH", path, "{\"is_paused\": true}", 204);
  g_autoptr(JsonNode) no_runs = call (f, "POST", get_runs, runs_body, 200);

  assert_shape (fixture, created, "work queue");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (created), "concurrency_limit"), ==, 5);
  g_assert_cmpstr (string_of (read, "name"), ==, "etl-queue");
  g_assert_cmpstr (string_of (by_name, "id"), ==, string_of (created, "id"));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (runs)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (runs), 0), "id"),
                   ==, string_of (run, "id"));
  assert_shape (status_fixture, status, "work queue status");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (no_runs)), ==, 0);

  {
    g_autoptr(JsonNode) polled = call (f, "GET", path, NULL, 200);
    g_autoptr(JsonNode) deleted = call (f, "DELETE", path, NULL, 204);
    g_autoptr(JsonNode) missing = call (f, "GET", path, NULL, 404);

    /* get_runs without X-Prefect-UI was an agent's poll. */
    g_assert_nonnull (string_of (polled, "last_polled"));
  }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) errors = fixture_json ("errors.json");
  JsonObject *expected = json_node_get_object (errors);
  g_autoptr(JsonNode) bad_sort = call (f, "POST", "/flow_runs/filter", "{\"sort\": \"BOGUS\"}", 422);
  g_autoptr(JsonNode) missing = call (f, "GET", "/flow_runs/778f2172-85d7-4eb4-a56c-e0632347cbef", NULL, 404);
  g_autoptr(JsonNode) big = call (f, "POST", "/flow_runs/filter", "{\"limit\": 201}", 422);
  g_autoptr(JsonNode) max = call (f, "POST", "/flow_runs/filter", "{\"limit\": 200}", 200);
  g_autoptr(JsonNode) negative = call (f, "POST", "/logs/filter", "{\"offset\": -1}", 422);
  g_autoptr(JsonNode) not_json = call (f, "POST", "/flow_runs/filter", "{\"limit\": ", 422);
  g_autoptr(JsonNode) not_object = call (f, "POST", "/flow_runs/", "[1, 2]", 422);
  g_autoptr(JsonNode) extra = call (f, "POST", "/flow_runs/", "{\"flow_id\": \"x\", \"colour\": \"red\"}", 422);
  g_autoptr(JsonNode) unknown_flow = call (f, "POST", "/flow_runs/", "{\"flow_id\": \"0000\"}", 409);
  g_autoptr(JsonNode) nowhere = call (f, "GET", "/nowhere", NULL, 404);
  g_autoptr(JsonNode) wrong_method = call (f, "PUT", "/flow_runs/filter", NULL, 405);
  g_autoptr(JsonNode) deep = NULL;
  g_autoptr(GString) deep_body = g_string_new (NULL);
  g_autofree char *url = url_of (f, "/health");
  g_autoptr(SoupMessage) old = soup_message_new ("GET", url);
  g_autoptr(GBytes) answer = NULL;

  /* Word for word Prefect's 422 and 404 bodies. */
  g_assert_true (json_node_equal (json_object_get_member (expected, "422_validation"), bad_sort));
  g_assert_true (json_node_equal (json_object_get_member (expected, "404_not_found"), missing));
  g_assert_cmpstr (string_of (big, "exception_message"), ==, "Invalid request received.");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json_node_get_object (big), "exception_detail"), 0), "type"),
                   ==, "value_error.number.not_le");
  g_assert_cmpstr (json_node_get_string (json_object_get_member (json_node_get_object (not_json), "request_body")), ==, "{\"limit\": ");
  g_assert_nonnull (extra);
  g_assert_nonnull (not_object);

  /* Too deep for json-glib: refused before it gets there. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep_body, '[');
  deep = call (f, "POST", "/flow_runs/filter", deep_body->str, 422);

  /* A client older than API 0.8.0 */
  soup_message_headers_replace (soup_message_get_request_headers (old), "X-Prefect-Api-Version", "0.7.9");
  answer = soup_session_send_and_read (f->session, old, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (old), ==, 400);
}

static char *
write_key (Fixture    *f,
           const char *key,
           int         mode)
{
  g_autofree char *path = g_build_filename (f->api.dir, "api.key", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, key, -1, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return g_steal_pointer (&path);
}

/* Keys, key files and the body cap. */
static void
test_security_keys (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *key = write_key (f, "s3cret-key\n", 0600);
  g_autofree char *health = NULL;
  g_autofree char *filter = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GString) big = g_string_new ("{\"a\": \"");
  g_autoptr(SoupMessage) chunked = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) reply = NULL;
  CliResult r = { 0, };

  api_run_cli (&f->api, &r, NULL, "serve", "--host", "0.0.0.0", "--port", "0", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "without an API key"));
  cli_result_clear (&r);

  g_assert_cmpint (g_chmod (key, 0644), ==, 0);
  api_run_cli (&f->api, &r, NULL, "serve", "--port", "0", "--api-key-file", key, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "chmod 600"));
  cli_result_clear (&r);
  g_assert_cmpint (g_chmod (key, 0600), ==, 0);

  api_serve (&f->api, "--no-agent", "--api-key-file", key, "--max-body-size", "4096", NULL);
  health = url_of (f, "/health");
  filter = url_of (f, "/flow_runs/filter");

  g_assert_cmpuint (api_request (f->session, "GET", health, NULL, NULL, &answer), ==, 401);
  g_assert_cmpstr (string_of (answer, "detail"), ==, "Not authenticated");
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpuint (api_request (f->session, "GET", health, NULL, "s3cret-kez", NULL), ==, 401);
  g_assert_cmpuint (api_request (f->session, "GET", health, NULL, "s3cret-key-and-more", NULL), ==, 401);
  g_assert_cmpuint (api_request (f->session, "GET", health, NULL, "s3cret-key", NULL), ==, 200);
  g_assert_cmpuint (api_request (f->session, "POST", filter, "{}", NULL, NULL), ==, 401);
  g_assert_cmpuint (api_request (f->session, "POST", filter, "{}", "s3cret-key", NULL), ==, 200);

  /* Bodies over the cap: 413, with a length or chunked. */
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "\"}");
  g_assert_cmpuint (api_request (f->session, "POST", filter, big->str, "s3cret-key", NULL), ==, 413);

  chunked = soup_message_new ("POST", filter);
  soup_message_headers_replace (soup_message_get_request_headers (chunked), "Authorization", "Bearer s3cret-key");
  soup_message_headers_set_encoding (soup_message_get_request_headers (chunked), SOUP_ENCODING_CHUNKED);
  bytes = g_bytes_new (big->str, big->len);
  soup_message_set_request_body_from_bytes (chunked, "application/json", bytes);
  soup_message_headers_set_encoding (soup_message_get_request_headers (chunked), SOUP_ENCODING_CHUNKED);
  reply = soup_session_send_and_read (f->session, chunked, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (chunked), ==, 413);

  /* And the server goes on. */
  g_assert_cmpuint (api_request (f->session, "GET", health, NULL, "s3cret-key", NULL), ==, 200);
}

static void
test_any_address_with_key (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *key = write_key (f, "k3y\n", 0600);
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("PW_CLI"),
                             "--db", f->api.db, "serve", "--no-agent", "--host", "0.0.0.0",
                             "--port", "0", "--api-key-file", key, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "http://0.0.0.0:"));
  {
    g_autofree char *port = g_strndup (strrchr (line, ':') + 1, strcspn (strrchr (line, ':') + 1, "/"));
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%s/api/health", port);

    g_assert_cmpuint (api_request (f->session, "GET", url, NULL, "k3y", NULL), ==, 200);
  }
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  return g_tls_certificate_is_same (certificate, user_data);
}

static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *cert = g_build_filename (f->api.dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (f->api.dir, "key.pem", NULL);
  g_autofree char *subject = g_strdup ("/CN=127.0.0.1");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) openssl_run = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) plain = NULL;
  g_autoptr(GBytes) answer = NULL;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  openssl_run = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                  &error, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                  "-keyout", key, "-out", cert, "-days", "1", "-subj", subject,
                                  "-addext", "subjectAltName=IP:127.0.0.1", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (openssl_run, NULL, &error);
  g_assert_no_error (error);

  api_serve (&f->api, "--no-agent", "--tls-cert", cert, "--tls-key", key, NULL);
  g_assert_true (g_str_has_prefix (f->api.url, "https://"));

  certificate = g_tls_certificate_new_from_file (cert, &error);
  g_assert_no_error (error);
  url = url_of (f, "/health");
  msg = soup_message_new ("GET", url);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), certificate);
  answer = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (soup_message_get_tls_peer_certificate (msg));

  /* Plain HTTP to the TLS port gets no answer. */
  {
    g_autoptr(GString) http = g_string_new (url);
    g_autoptr(GBytes) nothing = NULL;
    g_autoptr(GError) plain_error = NULL;

    g_string_replace (http, "https://", "http://", 1);
    plain = soup_message_new ("GET", http->str);
    nothing = soup_session_send_and_read (f->session, plain, NULL, &plain_error);
    g_assert_true (nothing == NULL || soup_message_get_status (plain) != 200);
  }
}

/* The live stream: what the engine does shows on the websocket. */

typedef struct
{
  GPtrArray *types;
  gboolean   closed;
} Stream;

static void
on_ws_message (SoupWebsocketConnection *connection,
               SoupWebsocketDataType    type,
               GBytes                  *message,
               Stream                  *stream)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_autoptr(JsonNode) node = api_parse (text);

  g_ptr_array_add (stream->types, g_strdup (string_of (node, "type")));
}

static gboolean
saw_logs (gpointer data)
{
  Stream *stream = data;

  for (guint i = 0; i < stream->types->len; i++)
    if (g_str_equal (g_ptr_array_index (stream->types, i), "logs"))
      return TRUE;
  return FALSE;
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_websocket (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *key = write_key (f, "wskey\n", 0600);
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autoptr(SoupMessage) denied = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ws = NULL;
  g_autofree char *id = NULL;
  Stream stream = { g_ptr_array_new_with_free_func (g_free), FALSE };
  gboolean flow_run = FALSE;
  gboolean task_run = FALSE;

  api_serve (&f->api, "--no-agent", "--api-key-file", key, NULL);
  ws = g_string_new (f->api.url);
  g_string_replace (ws, "http://", "ws://", 1);
  g_string_append (ws, "/pipewright/events");

  /* Without the key: refused. */
  denied = soup_message_new ("GET", ws->str);
  soup_session_websocket_connect_async (f->session, denied, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        connected_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  connection = soup_session_websocket_connect_finish (f->session, result, &error);
  g_assert_null (connection);
  g_assert_cmpuint (soup_message_get_status (denied), ==, 401);
  g_clear_object (&result);
  g_clear_error (&error);

  msg = soup_message_new ("GET", ws->str);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer wskey");
  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        connected_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  connection = soup_session_websocket_connect_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_signal_connect (connection, "message", G_CALLBACK (on_ws_message), &stream);

  /* A run through the API (the key goes in the session for this). */
  {
    g_autofree char *url = url_of (f, "/pipewright/flows/hello/run");
    g_autoptr(JsonNode) run = NULL;

    g_assert_cmpuint (api_request (f->session, "POST", url, "{}", "wskey", &run), ==, 201);
    id = g_strdup (string_of (run, "id"));
  }
  g_assert_true (api_wait_until (saw_logs, &stream, 20000));
  for (guint i = 0; i < stream.types->len; i++)
    {
      flow_run |= g_str_equal (g_ptr_array_index (stream.types, i), "flow_run");
      task_run |= g_str_equal (g_ptr_array_index (stream.types, i), "task_run");
    }
  g_assert_true (flow_run);
  g_assert_true (task_run);

  soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_ptr_array_unref (stream.types);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/RestServer/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("health", test_health, NULL);
  ADD ("flows", test_flows, NULL);
  ADD ("flow-runs", test_flow_runs, NULL);
  ADD ("history", test_history, NULL);
  ADD ("task-runs", test_task_runs, NULL);
  ADD ("task-run-create", test_task_run_create, NULL);
  ADD ("logs", test_logs, NULL);
  ADD ("pipewright", test_pipewright, NULL);
  ADD ("deployments", test_deployments, NULL);
  ADD ("work-queues", test_work_queues, NULL);
  ADD ("errors", test_errors, NULL);
  ADD ("security", test_security_keys, "no server");
  ADD ("any-address", test_any_address_with_key, "no server");
  ADD ("tls", test_tls, "no server");
  ADD ("websocket", test_websocket, "no server");

  return g_test_run ();
}
