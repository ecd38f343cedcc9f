/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-task-runs"

#include "config.h"

#include "test-store-fixture.h"

static PwTaskRun *
create_task_run (PwStore    *store,
                 const char *flow_run_id,
                 const char *key,
                 const char *dynamic_key)
{
  g_autoptr(PwTaskRun) request = pw_task_run_new (flow_run_id, key, dynamic_key);
  g_autoptr(GError) error = NULL;
  PwTaskRun *task_run;

  task_run = pw_store_create_task_run (store, request, NULL, NULL, &error);
  g_assert_no_error (error);
  return task_run;
}

static void
set_task_state (PwStore     *store,
                const char  *task_run_id,
                PwStateType  type,
                const char  *name,
                double       seconds)
{
  g_autoptr(GDateTime) when = store_test_time (1, seconds);
  g_autoptr(PwState) state = pw_state_new (type, name, NULL);
  g_autoptr(GError) error = NULL;

  pw_state_set_timestamp (state, when);
  g_assert_true (pw_store_set_task_run_state (store, task_run_id, state, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_state_get_task_run_id (state), ==, task_run_id);
  g_assert_null (pw_state_get_flow_run_id (state));
}

static void
test_task_runs (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  const char *run_id = pw_flow_run_get_id (run);
  g_autoptr(PwTaskRun) request = pw_task_run_new (run_id, "transform", "1");
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwTaskRun) again = NULL;
  g_autoptr(PwTaskRun) read = NULL;
  g_autoptr(PwTaskRun) failed = NULL;
  g_autoptr(PwTaskRun) extract = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GDateTime) t0 = store_test_time (1, 0.5);
  g_autoptr(GDateTime) t1 = store_test_time (1, 1);
  g_autoptr(GDateTime) t4 = store_test_time (1, 4);
  g_autoptr(PwState) pending = NULL;
  g_autoptr(GDateTime) expiration = store_test_time (2, 0);
  g_autofree char *inputs = NULL;
  gboolean created = FALSE;

  extract = create_task_run (fixture->store, run_id, "extract", NULL);
  g_assert_cmpstr (pw_task_run_get_name (extract), ==, "extract-0");
  g_assert_cmpstr (pw_task_run_get_dynamic_key (extract), ==, "0");
  g_assert_cmpint (pw_task_run_get_state_type (extract), ==, PW_STATE_TYPE_PENDING);

  inputs = g_strdup_printf ("{\"rows\": [{\"input_type\": \"task_run\", \"id\": \"%s\"}]}",
                            pw_task_run_get_id (extract));
  pw_task_run_set_task_inputs (request, inputs);
  pw_task_run_set_cache_key (request, "abc");
  pw_task_run_set_cache_expiration (request, expiration);
  pw_task_run_set_tags (request, (const char * const[]) { "io", NULL });
  pending = pw_state_new (PW_STATE_TYPE_PENDING, NULL, NULL);
  pw_state_set_timestamp (pending, t0);
  task_run = pw_store_create_task_run (fixture->store, request, pending, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_cmpstr (pw_task_run_get_name (task_run), ==, "transform-1");
  store_test_assert_time (pw_task_run_get_expected_start_time (task_run), t0);
  g_assert_cmpstr (pw_task_run_get_flow_run_id (task_run), ==, run_id);
  g_assert_cmpstr (pw_task_run_get_task_inputs (task_run), ==, inputs);
  g_assert_cmpstr (pw_task_run_get_cache_key (task_run), ==, "abc");
  store_test_assert_time (pw_task_run_get_cache_expiration (task_run), expiration);
  g_assert_cmpstrv (pw_task_run_get_tags (task_run), ((const char * const[]) { "io", NULL }));

  /* (flow run, task key, dynamic key) is unique: the same one comes back. */
  again = pw_store_create_task_run (fixture->store, request, NULL, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (pw_task_run_get_id (again), ==, pw_task_run_get_id (task_run));

  set_task_state (fixture->store, pw_task_run_get_id (task_run), PW_STATE_TYPE_RUNNING, NULL, 1);
  set_task_state (fixture->store, pw_task_run_get_id (task_run), PW_STATE_TYPE_FAILED, NULL, 2);
  set_task_state (fixture->store, pw_task_run_get_id (task_run), PW_STATE_TYPE_SCHEDULED,
                  "AwaitingRetry", 2);
  set_task_state (fixture->store, pw_task_run_get_id (task_run), PW_STATE_TYPE_RUNNING, "Retrying",
                  3);
  set_task_state (fixture->store, pw_task_run_get_id (task_run), PW_STATE_TYPE_COMPLETED, NULL, 4);
  g_assert_true (pw_store_set_task_run_result (fixture->store, pw_task_run_get_id (task_run), "42",
                                               &error));
  g_assert_no_error (error);

  read = pw_store_get_task_run (fixture->store, pw_task_run_get_id (task_run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_task_run_get_state_type (read), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpuint (pw_task_run_get_run_count (read), ==, 2);
  store_test_assert_time (pw_task_run_get_start_time (read), t1);
  store_test_assert_time (pw_task_run_get_end_time (read), t4);
  g_assert_cmpfloat_with_epsilon (pw_task_run_get_total_run_time (read), 2.0, 1e-6);
  g_assert_cmpstr (pw_task_run_get_result (read), ==, "42");
  g_assert_false (pw_task_run_get_result_truncated (read));

  history = pw_store_list_task_run_states (fixture->store, pw_task_run_get_id (task_run), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 6);
  g_assert_cmpstr (pw_state_get_name (g_ptr_array_index (history, 3)), ==, "AwaitingRetry");

  /* Errors */
  g_clear_object (&request);
  request = pw_task_run_new ("no-such-run", "x", NULL);
  failed = pw_store_create_task_run (fixture->store, request, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-run"));
  g_clear_error (&error);
  g_clear_object (&request);
  request = pw_task_run_new (run_id, "y", NULL);
  pw_task_run_set_task_inputs (request, "[]");
  failed = pw_store_create_task_run (fixture->store, request, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_store_set_task_run_result (fixture->store, "nope", "1", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pw_store_set_task_run_state (fixture->store, "nope",
                                               pw_task_run_get_state (read), &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = pw_store_list_task_run_states (fixture->store, "nope", &error);
  g_assert_null (history);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

static void
test_task_run_results (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwTaskRun) task_run = create_task_run (fixture->store, pw_flow_run_get_id (run), "big",
                                                   NULL);
  g_autoptr(PwTaskRun) read = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  const char *id = pw_task_run_get_id (task_run);

  /* "é" (two bytes) straddles the limit: the cut keeps whole characters. */
  g_string_append_c (big, 'x');
  while (big->len < PW_STORE_MAX_RESULT_SIZE + 10)
    g_string_append (big, "é");
  g_assert_true (pw_store_set_task_run_result (fixture->store, id, big->str, &error));
  g_assert_no_error (error);
  read = pw_store_get_task_run (fixture->store, id, &error);
  g_assert_true (pw_task_run_get_result_truncated (read));
  g_assert_cmpuint (strlen (pw_task_run_get_result (read)), ==, PW_STORE_MAX_RESULT_SIZE - 1);
  g_assert_true (g_utf8_validate (pw_task_run_get_result (read), -1, NULL));

  /* Output that is not UTF-8 is repaired. */
  g_assert_true (pw_store_set_task_run_result (fixture->store, id, "ok\xff\xfe", &error));
  g_clear_object (&read);
  read = pw_store_get_task_run (fixture->store, id, &error);
  g_assert_false (pw_task_run_get_result_truncated (read));
  g_assert_true (g_utf8_validate (pw_task_run_get_result (read), -1, NULL));
  g_assert_true (g_str_has_prefix (pw_task_run_get_result (read), "ok"));

  g_assert_true (pw_store_set_task_run_result (fixture->store, id, NULL, &error));
  g_clear_object (&read);
  read = pw_store_get_task_run (fixture->store, id, &error);
  g_assert_null (pw_task_run_get_result (read));
}

static char *
list_task_names (PwStore               *store,
                 const PwTaskRunFilter *filter,
                 PwTaskRunSort          sort)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) task_runs = pw_store_list_task_runs (store, filter, sort, 0, 0, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < task_runs->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                            pw_task_run_get_name (g_ptr_array_index (task_runs, i)));
  g_assert_cmpint (pw_store_count_task_runs (store, filter, &error), ==, task_runs->len);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

#define CHECK_TASKS(expected, filter, sort) \
  G_STMT_START { \
    g_autofree char *got = list_task_names (fixture->store, filter, sort); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

static void
test_task_run_lists (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) other = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwTaskRunFilter) filter = pw_task_run_filter_new ();
  g_autoptr(PwTaskRunFilter) copy = NULL;
  g_autoptr(GPtrArray) task_runs = g_ptr_array_new_with_free_func (g_object_unref);
  const char *keys[] = { "a", "b", "c", "d" };
  const PwStateType ends[] = { PW_STATE_TYPE_COMPLETED, PW_STATE_TYPE_FAILED,
                               PW_STATE_TYPE_COMPLETED, PW_STATE_TYPE_RUNNING };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      PwTaskRun *task_run = create_task_run (fixture->store, pw_flow_run_get_id (run), keys[i],
                                             NULL);

      set_task_state (fixture->store, pw_task_run_get_id (task_run), PW_STATE_TYPE_RUNNING, NULL,
                      10 * i);
      if (ends[i] != PW_STATE_TYPE_RUNNING)
        set_task_state (fixture->store, pw_task_run_get_id (task_run), ends[i], NULL, 10 * i + 5);
      g_ptr_array_add (task_runs, task_run);
    }
  g_ptr_array_add (task_runs, create_task_run (fixture->store, pw_flow_run_get_id (other), "z",
                                               NULL));

  pw_task_run_filter_set_flow_run_id (filter, pw_flow_run_get_id (run));
  CHECK_TASKS ("a-0 b-0 c-0 d-0", filter, PW_TASK_RUN_SORT_NAME_ASC);
  CHECK_TASKS ("d-0 c-0 b-0 a-0", filter, PW_TASK_RUN_SORT_NAME_DESC);
  CHECK_TASKS ("c-0 b-0 a-0 d-0", filter, PW_TASK_RUN_SORT_END_TIME_DESC);
  filter->state_types = PW_STATE_TYPE_MASK (PW_STATE_TYPE_COMPLETED);
  CHECK_TASKS ("a-0 c-0", filter, PW_TASK_RUN_SORT_NAME_ASC);
  filter->state_types = 0;
  filter->state_name_any = g_strdupv ((char *[]) { "Failed", "Running", NULL });
  CHECK_TASKS ("b-0 d-0", filter, PW_TASK_RUN_SORT_NAME_ASC);
  g_clear_pointer (&filter->state_name_any, g_strfreev);
  filter->task_key_any = g_strdupv ((char *[]) { "c", NULL });
  copy = pw_task_run_filter_copy (filter);
  CHECK_TASKS ("c-0", copy, PW_TASK_RUN_SORT_NAME_ASC);
  g_clear_pointer (&filter->task_key_any, g_strfreev);
  {
    g_autoptr(GDateTime) after = store_test_time (1, 10);

    filter->start_time_after = g_date_time_ref (after);
    CHECK_TASKS ("b-0 c-0 d-0", filter, PW_TASK_RUN_SORT_NAME_ASC);
    g_clear_pointer (&filter->start_time_after, g_date_time_unref);
  }

  pw_task_run_filter_set_flow_run_id (filter, NULL);
  CHECK_TASKS ("a-0 b-0 c-0 d-0 z-0", filter, PW_TASK_RUN_SORT_NAME_ASC);
  filter->name_like = g_strdup ("Z");
  CHECK_TASKS ("z-0", filter, PW_TASK_RUN_SORT_NAME_ASC);
}

/* The task runs a task run took as inputs: under any parameter and
 * wait_for, each once, in order; read again when the inputs change. */
static void
test_upstream_ids (void)
{
  g_autoptr(PwTaskRun) task_run = pw_task_run_new ("run", "load", NULL);
  const char * const both[] = { "a", "b", NULL };
  const char * const only_c[] = { "c", NULL };

  g_assert_null (pw_task_run_get_upstream_ids (task_run));

  pw_task_run_set_task_inputs (task_run,
                               "{\"rows\": [{\"input_type\": \"task_run\", \"id\": \"a\"},"
                               " {\"input_type\": \"parameter\", \"name\": \"n\"}],"
                               " \"wait_for\": [{\"input_type\": \"task_run\", \"id\": \"b\"},"
                               " {\"input_type\": \"task_run\", \"id\": \"a\"}], \"n\": 3}");
  g_assert_true (g_strv_equal (pw_task_run_get_upstream_ids (task_run), both));

  pw_task_run_set_task_inputs (task_run, "{\"wait_for\": [{\"input_type\": \"task_run\", \"id\": \"c\"}]}");
  g_assert_true (g_strv_equal (pw_task_run_get_upstream_ids (task_run), only_c));

  pw_task_run_set_task_inputs (task_run, "[not an object");
  g_assert_null (pw_task_run_get_upstream_ids (task_run));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  store_test_add ("/Store/task-runs/create-and-states", test_task_runs);
  store_test_add ("/Store/task-runs/results", test_task_run_results);
  store_test_add ("/Store/task-runs/lists", test_task_run_lists);
  g_test_add_func ("/Store/task-runs/upstream-ids", test_upstream_ids);

  return g_test_run ();
}
