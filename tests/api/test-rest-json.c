/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-rest-json.h"
#include "pw-rest-server-private.h"
#include "test-api-common.h"

/*
 * Records ↔ Prefect JSON, against the real answers of a Prefect 2.7.12
 * server (../shared/prefect/fixtures): what is read and written back has
 * the same members in the same order, and the same values wherever
 * Pipewright keeps them.
 */

static char *
write_to_string (void (*write) (PwJsonWriter *, gpointer, GDateTime *),
                 gpointer record)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GString *str = g_string_new (NULL);
  PwJsonWriter w;

  pw_json_writer_init (&w, str);
  write (&w, record, now);
  return g_string_free (str, FALSE);
}

static void
assert_same_members (JsonObject *expected,
                     JsonObject *actual,
                     const char *where)
{
  g_autoptr(GList) a = json_object_get_members (expected);
  g_autoptr(GList) b = json_object_get_members (actual);
  GList *l;
  GList *m;

  for (l = a, m = b; l != NULL && m != NULL; l = l->next, m = m->next)
    if (!g_str_equal (l->data, m->data))
      g_error ("%s: member %s where %s was expected", where, (char *)m->data, (char *)l->data);
  if (l != NULL || m != NULL)
    g_error ("%s: %u members where %u were expected", where, g_list_length (b), g_list_length (a));
}

static void
assert_same_value (JsonObject *expected,
                   JsonObject *actual,
                   const char *member,
                   const char *where)
{
  JsonNode *x = json_object_get_member (expected, member);
  JsonNode *y = json_object_get_member (actual, member);

  g_assert_nonnull (x);
  g_assert_nonnull (y);
  if (!json_node_equal (x, y))
    {
      g_autofree char *a = json_to_string (x, FALSE);
      g_autofree char *b = json_to_string (y, FALSE);

      g_error ("%s.%s: %s where %s was expected", where, member, b, a);
    }
}

static void
assert_same_values (JsonObject         *expected,
                    JsonObject         *actual,
                    const char * const *members,
                    const char         *where)
{
  for (guint i = 0; members[i] != NULL; i++)
    assert_same_value (expected, actual, members[i], where);
}

/* State objects are kept whole, but for the result (`data`). */
static void
assert_same_state (JsonNode   *expected,
                   JsonNode   *actual,
                   const char *where)
{
  static const char * const members[] = { "id", "type", "name", "timestamp", "message", "state_details", NULL };

  assert_same_members (json_node_get_object (expected), json_node_get_object (actual), where);
  assert_same_values (json_node_get_object (expected), json_node_get_object (actual), members, where);
}

static void
check_flow_run (JsonNode *fixture)
{
  static const char * const members[] = {
    "id", "created", "updated", "name", "flow_id", "state_id", "deployment_id", "work_queue_name",
    "parameters", "idempotency_key", "tags", "parent_task_run_id", "state_type", "state_name",
    "run_count", "expected_start_time", "next_scheduled_start_time", "start_time", "end_time",
    "total_run_time", "auto_scheduled", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) run = pw_rest_read_flow_run (fixture, &error);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) written = NULL;
  JsonObject *expected = json_node_get_object (fixture);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_cmpstr (pw_flow_run_get_id (run), ==, json_object_get_string_member (expected, "id"));

  text = write_to_string ((gpointer)pw_rest_write_flow_run, run);
  written = api_parse (text);
  assert_same_members (expected, json_node_get_object (written), "flow run");
  assert_same_values (expected, json_node_get_object (written), members, "flow run");
  assert_same_state (json_object_get_member (expected, "state"),
                     json_object_get_member (json_node_get_object (written), "state"), "flow run state");
  /* A Prefect code hash is not a Pipewright version. */
  g_assert_cmpuint (pw_flow_run_get_flow_version (run), ==, 0);
}

static void
test_flow_runs (void)
{
  const char *singles[] = { "flow_run.json", "flow_run_failed.json", "flow_run_created.json" };
  const char *lists[] = { "flow_runs.json", "flow_runs_scheduled.json", "work_queue_get_runs.json" };

  for (guint i = 0; i < G_N_ELEMENTS (singles); i++)
    {
      g_autoptr(JsonNode) fixture = fixture_json (singles[i]);
      check_flow_run (fixture);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(JsonNode) fixture = fixture_json (lists[i]);
      JsonArray *array = json_node_get_array (fixture);

      g_assert_cmpuint (json_array_get_length (array), >, 0);
      for (guint j = 0; j < json_array_get_length (array); j++)
        check_flow_run (json_array_get_element (array, j));
    }
}

static void
check_task_run (JsonNode *fixture)
{
  static const char * const members[] = {
    "id", "created", "updated", "name", "flow_run_id", "task_key", "dynamic_key", "cache_key",
    "cache_expiration", "tags", "state_id", "task_inputs", "state_type", "state_name", "run_count",
    "expected_start_time", "next_scheduled_start_time", "start_time", "end_time", "total_run_time",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwTaskRun) task_run = pw_rest_read_task_run (fixture, &error);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) written = NULL;
  JsonObject *expected = json_node_get_object (fixture);

  g_assert_no_error (error);
  text = write_to_string ((gpointer)pw_rest_write_task_run, task_run);
  written = api_parse (text);
  assert_same_members (expected, json_node_get_object (written), "task run");
  assert_same_values (expected, json_node_get_object (written), members, "task run");
  assert_same_state (json_object_get_member (expected, "state"),
                     json_object_get_member (json_node_get_object (written), "state"), "task run state");
}

static void
test_task_runs (void)
{
  g_autoptr(JsonNode) single = fixture_json ("task_run.json");
  const char *lists[] = { "task_runs.json", "task_runs_engine.json" };

  check_task_run (single);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(JsonNode) fixture = fixture_json (lists[i]);
      JsonArray *array = json_node_get_array (fixture);

      for (guint j = 0; j < json_array_get_length (array); j++)
        check_task_run (json_array_get_element (array, j));
    }
}

static void
test_task_result (void)
{
  g_autoptr(PwTaskRun) task_run = pw_task_run_new ("f", "train", "0");
  g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_COMPLETED, NULL, NULL);
  g_autoptr(PwTaskRun) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  pw_task_run_set_id (task_run, "t1");
  pw_task_run_set_state (task_run, state);
  pw_task_run_set_result (task_run, "42\n\"quoted\"");
  pw_task_run_set_result_truncated (task_run, TRUE);
  text = write_to_string ((gpointer)pw_rest_write_task_run, task_run);
  node = api_parse (text);
  back = pw_rest_read_task_run (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_task_run_get_result (back), ==, "42\n\"quoted\"");
  g_assert_true (pw_task_run_get_result_truncated (back));
}

static void
test_logs (void)
{
  const char *lists[] = { "logs.json", "logs_failed_run.json" };
  static const char * const members[] = {
    "name", "level", "message", "timestamp", "flow_run_id", "task_run_id", NULL
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(JsonNode) fixture = fixture_json (lists[i]);
      JsonArray *array = json_node_get_array (fixture);

      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *line = json_array_get_element (array, j);
          g_autoptr(GError) error = NULL;
          g_autoptr(PwLogEntry) entry = pw_rest_read_log (line, &error);
          g_autoptr(JsonNode) written = NULL;
          GString *str = g_string_new (NULL);
          g_autofree char *text = NULL;
          PwJsonWriter w;

          g_assert_no_error (error);
          pw_json_writer_init (&w, str);
          pw_rest_write_log (&w, entry);
          text = g_string_free (str, FALSE);
          written = api_parse (text);
          assert_same_members (json_node_get_object (line), json_node_get_object (written), "log");
          assert_same_values (json_node_get_object (line), json_node_get_object (written), members, "log");
        }
    }
}

static void
test_log_ids (void)
{
  g_autoptr(PwLogEntry) entry = pw_log_entry_new ("f", NULL, "x", 20, "m", NULL);
  g_autoptr(PwLogEntry) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GString *str = g_string_new (NULL);
  PwJsonWriter w;

  pw_log_entry_set_timestamp (entry, now);
  pw_log_entry_set_id (entry, G_GINT64_CONSTANT (123456789012345));
  pw_json_writer_init (&w, str);
  pw_rest_write_log (&w, entry);
  text = g_string_free (str, FALSE);
  node = api_parse (text);
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (json_node_get_object (node), "id")));
  back = pw_rest_read_log (node, NULL);
  g_assert_cmpint (pw_log_entry_get_id (back), ==, G_GINT64_CONSTANT (123456789012345));
}

static void
test_flows (void)
{
  g_autoptr(JsonNode) fixture = fixture_json ("flows.json");
  JsonArray *array = json_node_get_array (fixture);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *flow = json_array_get_element (array, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(PwFlowInfo) info = pw_rest_read_flow (flow, &error);
      g_autoptr(JsonNode) written = NULL;
      GString *str = g_string_new (NULL);
      g_autofree char *text = NULL;
      PwJsonWriter w;

      g_assert_no_error (error);
      pw_json_writer_init (&w, str);
      pw_rest_write_flow (&w, info);
      text = g_string_free (str, FALSE);
      written = api_parse (text);
      g_assert_true (json_node_equal (flow, written));
    }
}

static void
test_graph (void)
{
  const char *files[] = { "flow_run_graph.json", "flow_run_graph_engine.json" };
  static const char * const members[] = {
    "id", "name", "upstream_dependencies", "expected_start_time", "start_time", "end_time",
    "total_run_time", NULL
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(JsonNode) fixture = fixture_json (files[i]);
      JsonArray *array = json_node_get_array (fixture);

      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *node = json_array_get_element (array, j);
          g_autoptr(GError) error = NULL;
          g_autoptr(PwTaskRun) task_run = pw_rest_read_graph_node (node, "run", &error);
          g_autofree char *text = NULL;
          g_autoptr(JsonNode) written = NULL;

          g_assert_no_error (error);
          text = write_to_string ((gpointer)pw_rest_write_graph_node, task_run);
          written = api_parse (text);
          assert_same_members (json_node_get_object (node), json_node_get_object (written), "graph node");
          assert_same_values (json_node_get_object (node), json_node_get_object (written), members, "graph node");
        }
    }
}

static void
test_times (void)
{
  const char *texts[] = {
    "2026-11-26T13:36:01.344991+00:00", "2026-11-26T14:00:00+00:00",
  };
  g_autoptr(GDateTime) z = pw_rest_parse_time ("2026-11-26T14:00:00Z");
  g_autoptr(GDateTime) naive = pw_rest_parse_time ("2026-11-26T14:00:00");
  g_autoptr(GDateTime) offset = pw_rest_parse_time ("2026-11-26T16:00:00+02:00");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GDateTime) time = pw_rest_parse_time (texts[i]);
      g_autofree char *back = pw_rest_format_time (time);

      g_assert_cmpstr (back, ==, texts[i]);
    }
  g_assert_true (g_date_time_equal (z, naive));
  g_assert_true (g_date_time_equal (z, offset));
  g_assert_null (pw_rest_parse_time ("yesterday"));
}

static void
test_seconds (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 0, "0" }, { 0.416247, "0.416247" }, { 0.02707, "0.02707" }, { 3600, "3600" }, { 1.5, "1.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) str = g_string_new (NULL);

      pw_rest_append_seconds (str, cases[i].value);
      g_assert_cmpstr (str->str, ==, cases[i].text);
    }
}

static void
test_strings (void)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;

  pw_json_append_string (str, "a\"b\\c\nd\te\x01 é ✓");
  node = api_parse (str->str);
  g_assert_cmpstr (json_node_get_string (node), ==, "a\"b\\c\nd\te\x01 é ✓");
}

static void
test_depth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(JsonNode) ok = NULL;
  JsonNode *node;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  node = pw_rest_parse_json (deep->str, deep->len, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  /* Brackets inside strings do not count. */
  g_string_assign (deep, "{\"a\": \"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "[{\\\"");
  g_string_append (deep, "\"}");
  ok = pw_rest_parse_json (deep->str, deep->len, NULL);
  g_assert_nonnull (ok);
}

static void
test_states (void)
{
  g_autoptr(JsonNode) fixture = fixture_json ("state.json");
  JsonArray *array = json_node_get_array (fixture);

  g_assert_cmpuint (json_array_get_length (array), ==, 9);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
      g_autoptr(PwState) state = pw_rest_read_state (node, "state", problems);
      g_autoptr(JsonNode) written = NULL;
      GString *str = g_string_new (NULL);
      g_autofree char *text = NULL;
      PwJsonWriter w;

      g_assert_true (pw_rest_problems_is_empty (problems));
      g_assert_nonnull (state);
      pw_json_writer_init (&w, str);
      pw_rest_write_state (&w, state, NULL, NULL);
      text = g_string_free (str, FALSE);
      written = api_parse (text);
      assert_same_state (node, written, "state");
    }
}

static void
test_orchestration_results (void)
{
  g_autoptr(JsonNode) fixture = fixture_json ("set_state_results.json");
  const char *kinds[] = { "ACCEPT", "REJECT", "ABORT" };
  const PwOrchestrationStatus statuses[] = {
    PW_ORCHESTRATION_ACCEPT, PW_ORCHESTRATION_REJECT, PW_ORCHESTRATION_ABORT
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      JsonObject *expected = json_object_get_object_member (json_node_get_object (fixture), kinds[i]);
      g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
      g_autoptr(PwState) state = pw_rest_read_state (json_object_get_member (expected, "state"),
                                                     "state", problems);
      JsonObject *details = json_object_get_object_member (expected, "details");
      g_auto(PwOrchestration) result = { 0, };
      g_autoptr(JsonNode) written = NULL;
      GString *str = g_string_new (NULL);
      g_autofree char *text = NULL;
      PwJsonWriter w;

      result.status = statuses[i];
      if (statuses[i] != PW_ORCHESTRATION_ABORT)
        result.state = g_object_ref (state);
      if (json_object_has_member (details, "reason"))
        result.reason = g_strdup (json_object_get_string_member (details, "reason"));
      pw_json_writer_init (&w, str);
      pw_rest_write_orchestration (&w, &result, state, NULL, NULL);
      text = g_string_free (str, FALSE);
      written = api_parse (text);
      g_assert_true (json_node_equal (json_object_get_member (expected, "details"),
                                      json_object_get_member (json_node_get_object (written), "details")));
      g_assert_cmpstr (json_object_get_string_member (expected, "status"), ==,
                       json_object_get_string_member (json_node_get_object (written), "status"));
      assert_same_state (json_object_get_member (expected, "state"),
                         json_object_get_member (json_node_get_object (written), "state"), kinds[i]);
    }
}

/* The orchestration rules, on the transitions API.md §3 saw live. */
static void
test_orchestration_rules (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 30.5);
  g_autoptr(PwFlowRun) run = pw_flow_run_new ();
  g_autoptr(PwState) failed = pw_state_new (PW_STATE_TYPE_FAILED, NULL, NULL);
  g_autoptr(PwState) running = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);
  g_autoptr(PwState) scheduled = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  g_autoptr(PwState) pending = pw_state_new (PW_STATE_TYPE_PENDING, NULL, NULL);
  g_autoptr(PwState) retry = pw_state_new (PW_STATE_TYPE_SCHEDULED, "AwaitingRetry", NULL);
  g_autoptr(PwState) paused = pw_state_new (PW_STATE_TYPE_PAUSED, NULL, NULL);
  g_auto(PwOrchestration) result = { 0, };

  /* Out of a terminal state: ABORT, unless forced. */
  pw_flow_run_set_state (run, failed);
  pw_orchestrate_flow_run (run, running, FALSE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_ABORT);
  g_assert_cmpstr (result.reason, ==, "This run has already terminated.");
  pw_orchestrate_flow_run (run, running, TRUE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_ACCEPT);

  /* A manual retry needs a deployment. */
  pw_orchestrate_flow_run (run, retry, FALSE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_ABORT);
  g_assert_cmpstr (result.reason, ==, "Cannot restart a run without an associated deployment.");
  pw_flow_run_set_deployment_id (run, "d");
  pw_orchestrate_flow_run (run, retry, FALSE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_ACCEPT);

  /* Backwards: RUNNING → PENDING is redundant. */
  pw_flow_run_set_state (run, running);
  pw_orchestrate_flow_run (run, pending, FALSE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_ABORT);
  g_assert_cmpstr (result.reason, ==, "This run cannot transition to the PENDING state from the RUNNING state.");

  /* Too early out of SCHEDULED: WAIT, with the seconds floored. */
  pw_state_set_scheduled_time (scheduled, later);
  pw_flow_run_set_state (run, scheduled);
  pw_orchestrate_flow_run (run, pending, FALSE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_WAIT);
  g_assert_cmpfloat (result.delay_seconds, ==, 30);

  /* Pausing needs a running run. */
  pw_flow_run_set_state (run, pending);
  pw_orchestrate_flow_run (run, paused, FALSE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_ABORT);
  g_assert_cmpstr (result.reason, ==, "Cannot pause flows that are not currently running.");
  pw_flow_run_set_state (run, running);
  pw_orchestrate_flow_run (run, paused, FALSE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_ACCEPT);

  /* Out of PAUSED only to RUNNING, SCHEDULED, FAILED or CANCELLED. */
  pw_flow_run_set_state (run, paused);
  pw_orchestrate_flow_run (run, pending, FALSE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_ABORT);
  pw_orchestrate_flow_run (run, running, FALSE, now, &result);
  g_assert_cmpint (result.status, ==, PW_ORCHESTRATION_ACCEPT);
}

/* Filter bodies the Prefect server accepted (fixtures/requests). */
static void
test_filter_requests (void)
{
  g_autoptr(JsonNode) flow_runs = fixture_json ("requests/flow_runs_filter.json");
  g_autoptr(JsonNode) task_runs = fixture_json ("requests/task_runs_filter.json");
  g_autoptr(JsonNode) logs = fixture_json ("requests/logs_filter.json");
  g_autoptr(JsonNode) ui = fixture_json ("requests/ui_flow_runs_history.json");
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_auto(PwRestFilterBody) body = { 0, };
  g_auto(PwRestFilterBody) task_body = { 0, };
  g_auto(PwRestFilterBody) log_body = { 0, };
  g_auto(PwRestFilterBody) ui_body = { 0, };
  g_auto(PwRestFilterBody) again = { 0, };
  g_autoptr(GString) written = g_string_new ("{");
  g_autoptr(JsonNode) written_node = NULL;
  PwJsonWriter w;
  PwFlowRunFilter *f;

  g_assert_true (pw_rest_read_filter_body (flow_runs, PW_REST_FILTER_FLOW_RUNS, NULL, &body, problems));
  f = body.flow_runs;
  g_assert_cmpint (body.sort, ==, PW_FLOW_RUN_SORT_START_TIME_DESC);
  g_assert_cmpuint (body.limit, ==, 50);
  g_assert_cmpstr (f->flow_id_any[0], ==, "ceed3218-4c65-453b-a2ff-bab654cadf97");
  g_assert_cmpstr (f->deployment_id_any[0], ==, "a8a3356a-9877-4e40-a683-7afe043c0588");
  g_assert_cmpuint (f->state_types, ==, PW_STATE_TYPE_MASK (PW_STATE_TYPE_FAILED) |
                                        PW_STATE_TYPE_MASK (PW_STATE_TYPE_CRASHED) |
                                        PW_STATE_TYPE_MASK (PW_STATE_TYPE_COMPLETED));
  g_assert_cmpstr (f->tags_all[0], ==, "etl");
  g_assert_nonnull (f->start_time_after);
  g_assert_nonnull (f->start_time_before);
  g_assert_cmpint (f->parent_task_run_id_is_null, ==, PW_NULL_FILTER_IS_NULL);

  /* What the client writes for it reads back the same. */
  pw_json_writer_init (&w, written);
  w.depth = 1;
  pw_rest_write_flow_run_filter (&w, f);
  g_string_append_c (written, '}');
  written_node = api_parse (written->str);
  g_assert_true (pw_rest_read_filter_body (written_node, PW_REST_FILTER_FLOW_RUNS, NULL, &again, problems));
  g_assert_cmpuint (again.flow_runs->state_types, ==, f->state_types);
  g_assert_cmpstr (again.flow_runs->flow_id_any[0], ==, f->flow_id_any[0]);
  g_assert_true (g_date_time_equal (again.flow_runs->start_time_after, f->start_time_after));

  g_assert_true (pw_rest_read_filter_body (task_runs, PW_REST_FILTER_TASK_RUNS, NULL, &task_body, problems));
  g_assert_cmpstr (task_body.task_runs->flow_run_id_any[0], ==, "778f2172-85d7-4eb4-a56c-e0632347cbef");
  g_assert_cmpint (task_body.subflow_runs_exists, ==, 0);

  g_assert_true (pw_rest_read_filter_body (logs, PW_REST_FILTER_LOGS, NULL, &log_body, problems));
  g_assert_cmpint (log_body.logs->level_ge, ==, 20);
  g_assert_nonnull (log_body.logs->timestamp_after);

  g_assert_true (pw_rest_read_filter_body (ui, PW_REST_FILTER_FLOW_RUNS, NULL, &ui_body, problems));
  g_assert_cmpuint (ui_body.limit, ==, 3);
  g_assert_true (pw_rest_problems_is_empty (problems));
}

static void
test_filter_problems (void)
{
  g_autoptr(JsonNode) errors = fixture_json ("errors.json");
  JsonObject *expected = json_object_get_object_member (json_node_get_object (errors), "422_validation");
  g_autoptr(JsonNode) bad_sort = api_parse ("{\"sort\": \"BOGUS\"}");
  g_autoptr(JsonNode) big_limit = api_parse ("{\"limit\": 201}");
  g_autoptr(JsonNode) extra = api_parse ("{\"flow_runs\": {\"colour\": {\"any_\": [\"red\"]}}}");
  g_autoptr(JsonNode) or_ = api_parse ("{\"flow_runs\": {\"operator\": \"or_\", \"name\": {\"like_\": \"a\"},"
                                       " \"tags\": {\"all_\": [\"b\"]}}}");
  g_autoptr(JsonNode) written = NULL;
  GString *str = g_string_new (NULL);
  g_autofree char *text = NULL;
  PwJsonWriter w;
  struct { JsonNode *body; const char *type; } cases[] = {
    { big_limit, "value_error.number.not_le" },
    { extra, "value_error.extra" },
    { or_, "value_error.not_supported" },
  };

  {
    g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
    g_auto(PwRestFilterBody) body = { 0, };

    g_assert_false (pw_rest_read_filter_body (bad_sort, PW_REST_FILTER_FLOW_RUNS, NULL, &body, problems));
    pw_json_writer_init (&w, str);
    pw_rest_problems_write (problems, &w);
    text = g_string_free (str, FALSE);
    written = api_parse (text);
    /* Word for word what Prefect says. */
    g_assert_true (json_node_equal (json_object_get_member (expected, "exception_detail"), written));
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
      g_auto(PwRestFilterBody) body = { 0, };
      g_autoptr(JsonNode) list = NULL;
      GString *s = g_string_new (NULL);
      g_autofree char *t = NULL;

      g_assert_false (pw_rest_read_filter_body (cases[i].body, PW_REST_FILTER_FLOW_RUNS, NULL, &body, problems));
      pw_json_writer_init (&w, s);
      pw_rest_problems_write (problems, &w);
      t = g_string_free (s, FALSE);
      list = api_parse (t);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (list), 0), "type"),
                       ==, cases[i].type);
    }
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

  g_test_add_func ("/RestJson/flow-runs", test_flow_runs);
  g_test_add_func ("/RestJson/task-runs", test_task_runs);
  g_test_add_func ("/RestJson/task-result", test_task_result);
  g_test_add_func ("/RestJson/logs", test_logs);
  g_test_add_func ("/RestJson/log-ids", test_log_ids);
  g_test_add_func ("/RestJson/flows", test_flows);
  g_test_add_func ("/RestJson/graph", test_graph);
  g_test_add_func ("/RestJson/states", test_states);
  g_test_add_func ("/RestJson/times", test_times);
  g_test_add_func ("/RestJson/seconds", test_seconds);
  g_test_add_func ("/RestJson/strings", test_strings);
  g_test_add_func ("/RestJson/depth", test_depth);
  g_test_add_func ("/RestJson/orchestration-results", test_orchestration_results);
  g_test_add_func ("/RestJson/orchestration-rules", test_orchestration_rules);
  g_test_add_func ("/RestJson/filter-requests", test_filter_requests);
  g_test_add_func ("/RestJson/filter-problems", test_filter_problems);

  return g_test_run ();
}
