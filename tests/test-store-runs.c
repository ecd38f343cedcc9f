/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-runs"

#include "config.h"

#include "pw-run-name.h"
#include "test-store-fixture.h"

static PwFlowRun *
create_run (PwStore    *store,
            PwFlowRun  *request,
            PwState    *state)
{
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;
  PwFlowRun *run;

  run = pw_store_create_flow_run (store, request, state, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  return run;
}

static void
test_create (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", "{\"v\": 1}");
  g_autofree char *flow_id2 = store_test_save_flow (fixture->store, "etl", "{\"v\": 2}");
  g_autofree char *deployment_id = NULL;
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) scheduled = NULL;
  g_autoptr(PwFlowRun) deployed = NULL;
  g_autoptr(PwFlowRun) failed = NULL;
  g_autoptr(PwState) state = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) due = store_test_time (3, 3600);
  g_autoptr(GPtrArray) history = NULL;

  g_assert_cmpstr (flow_id, ==, flow_id2);

  /* The defaults: PENDING, the latest version, a made-up name, now. */
  pw_flow_run_set_flow_id (request, flow_id);
  run = create_run (fixture->store, request, NULL);
  g_assert_true (g_uuid_string_is_valid (pw_flow_run_get_id (run)));
  g_assert_true (pw_run_name_is_valid (pw_flow_run_get_name (run)));
  g_assert_cmpstr (pw_flow_run_get_flow_id (run), ==, flow_id);
  g_assert_cmpstr (pw_flow_run_get_flow_name (run), ==, "etl");
  g_assert_cmpuint (pw_flow_run_get_flow_version (run), ==, 2);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_PENDING);
  g_assert_cmpstr (pw_flow_run_get_state_name (run), ==, "Pending");
  g_assert_cmpstr (pw_flow_run_get_parameters (run), ==, "{}");
  g_assert_cmpstrv (pw_flow_run_get_tags (run), ((const char * const[]) { NULL }));
  g_assert_cmpuint (pw_flow_run_get_run_count (run), ==, 0);
  g_assert_null (pw_flow_run_get_start_time (run));
  g_assert_null (pw_flow_run_get_end_time (run));
  g_assert_null (pw_flow_run_get_deployment_id (run));
  g_assert_cmpint (g_date_time_compare (pw_flow_run_get_expected_start_time (run), before), >=, 0);
  g_assert_cmpstr (pw_state_get_flow_run_id (pw_flow_run_get_state (run)), ==,
                   pw_flow_run_get_id (run));
  history = pw_store_list_flow_run_states (fixture->store, pw_flow_run_get_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (pw_state_get_id (g_ptr_array_index (history, 0)), ==,
                   pw_state_get_id (pw_flow_run_get_state (run)));

  /* SCHEDULED with a time: expected then, and due then. */
  g_clear_object (&request);
  request = pw_flow_run_new ();
  pw_flow_run_set_flow_name (request, "etl");
  pw_flow_run_set_flow_version (request, 1);
  pw_flow_run_set_name (request, "crimson-otter");
  pw_flow_run_set_parameters (request, "{\"n\": 5}");
  pw_flow_run_set_tags (request, (const char * const[]) { "etl", "adhoc", NULL });
  pw_flow_run_set_auto_scheduled (request, TRUE);
  state = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  pw_state_set_scheduled_time (state, due);
  scheduled = create_run (fixture->store, request, state);
  g_assert_cmpstr (pw_flow_run_get_name (scheduled), ==, "crimson-otter");
  g_assert_cmpuint (pw_flow_run_get_flow_version (scheduled), ==, 1);
  g_assert_cmpstr (pw_flow_run_get_parameters (scheduled), ==, "{\"n\": 5}");
  g_assert_cmpstrv (pw_flow_run_get_tags (scheduled),
                    ((const char * const[]) { "etl", "adhoc", NULL }));
  g_assert_true (pw_flow_run_get_auto_scheduled (scheduled));
  g_assert_cmpint (pw_flow_run_get_state_type (scheduled), ==, PW_STATE_TYPE_SCHEDULED);
  store_test_assert_time (pw_flow_run_get_expected_start_time (scheduled), due);
  store_test_assert_time (pw_flow_run_get_next_scheduled_start_time (scheduled), due);
  store_test_assert_time (pw_state_get_scheduled_time (pw_flow_run_get_state (scheduled)), due);
  g_assert_nonnull (pw_state_get_id (state));

  /* A deployment's run waits in the deployment's queue. */
  deployment_id = pw_store_save_deployment (fixture->store, "etl", "nightly", NULL, NULL, NULL,
                                            "etl-queue", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&request);
  request = pw_flow_run_new ();
  pw_flow_run_set_flow_name (request, "etl");
  pw_flow_run_set_deployment_id (request, deployment_id);
  deployed = create_run (fixture->store, request, NULL);
  g_assert_cmpstr (pw_flow_run_get_deployment_id (deployed), ==, deployment_id);
  g_assert_cmpstr (pw_flow_run_get_work_queue_name (deployed), ==, "etl-queue");

  /* What cannot be created. */
  pw_flow_run_set_deployment_id (request, "no-such-deployment");
  failed = pw_store_create_flow_run (fixture->store, request, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  pw_flow_run_set_deployment_id (request, NULL);

  pw_flow_run_set_flow_version (request, 9);
  failed = pw_store_create_flow_run (fixture->store, request, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no version 9"));
  g_clear_error (&error);
  pw_flow_run_set_flow_version (request, 0);

  pw_flow_run_set_parameters (request, "[1, 2]");
  failed = pw_store_create_flow_run (fixture->store, request, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  pw_flow_run_set_parameters (request, "{");
  failed = pw_store_create_flow_run (fixture->store, request, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  pw_flow_run_set_parameters (request, NULL);

  pw_flow_run_set_flow_name (request, "nope");
  failed = pw_store_create_flow_run (fixture->store, request, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);

  g_clear_object (&request);
  request = pw_flow_run_new ();
  failed = pw_store_create_flow_run (fixture->store, request, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (pw_store_count_flow_runs (fixture->store, NULL, &error), ==, 3);
}

static void
test_idempotency (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *etl = store_test_save_flow (fixture->store, "etl", NULL);
  g_autofree char *ml = store_test_save_flow (fixture->store, "ml", NULL);
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) first = NULL;
  g_autoptr(PwFlowRun) second = NULL;
  g_autoptr(PwFlowRun) other = NULL;
  gboolean created = TRUE;

  pw_flow_run_set_flow_name (request, "etl");
  pw_flow_run_set_idempotency_key (request, "scheduled d1 2026-11-01T03:00:00+00:00");
  first = create_run (fixture->store, request, NULL);
  g_assert_cmpstr (pw_flow_run_get_idempotency_key (first), ==,
                   "scheduled d1 2026-11-01T03:00:00+00:00");

  second = pw_store_create_flow_run (fixture->store, request, NULL, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (pw_flow_run_get_id (second), ==, pw_flow_run_get_id (first));

  /* The key is per flow. */
  pw_flow_run_set_flow_name (request, "ml");
  other = create_run (fixture->store, request, NULL);
  g_assert_cmpstr (pw_flow_run_get_id (other), !=, pw_flow_run_get_id (first));
  g_assert_cmpint (pw_store_count_flow_runs (fixture->store, NULL, &error), ==, 2);
}

static void
set_state (PwStore     *store,
           const char  *run_id,
           PwStateType  type,
           const char  *name,
           double       seconds,
           double       scheduled_seconds)
{
  g_autoptr(GDateTime) when = store_test_time (1, seconds);
  g_autoptr(PwState) state = pw_state_new (type, name, NULL);
  g_autoptr(GError) error = NULL;

  pw_state_set_timestamp (state, when);
  if (scheduled_seconds > 0)
    {
      g_autoptr(GDateTime) due = store_test_time (1, scheduled_seconds);

      pw_state_set_scheduled_time (state, due);
    }
  g_assert_true (pw_store_set_flow_run_state (store, run_id, state, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (pw_state_get_id (state)));
  g_assert_cmpstr (pw_state_get_flow_run_id (state), ==, run_id);
}

static void
test_states (StoreFixture  *fixture,
             gconstpointer  data)
{
  static const char * const names[] = {
    "Scheduled", "Pending", "Running", "AwaitingRetry", "Retrying", "Completed", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(GDateTime) created_at = store_test_time (1, 0);
  g_autoptr(GDateTime) t6 = store_test_time (1, 6);
  g_autoptr(GDateTime) t13 = store_test_time (1, 13);
  g_autoptr(GDateTime) t10 = store_test_time (1, 10);
  g_autoptr(PwState) first = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  g_autoptr(PwState) bad = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);
  g_autoptr(PwState) fetched = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) read = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const char *id;

  pw_state_set_timestamp (first, created_at);
  {
    g_autoptr(GDateTime) due = store_test_time (1, 5);

    pw_state_set_scheduled_time (first, due);
  }
  run = store_test_create_run (fixture->store, "etl", first);
  id = pw_flow_run_get_id (run);

  set_state (fixture->store, id, PW_STATE_TYPE_PENDING, NULL, 5, 0);
  set_state (fixture->store, id, PW_STATE_TYPE_RUNNING, NULL, 6, 0);
  set_state (fixture->store, id, PW_STATE_TYPE_SCHEDULED, "AwaitingRetry", 8, 10);

  read = pw_store_get_flow_run (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_flow_run_get_state_type (read), ==, PW_STATE_TYPE_SCHEDULED);
  g_assert_cmpstr (pw_flow_run_get_state_name (read), ==, "AwaitingRetry");
  store_test_assert_time (pw_flow_run_get_next_scheduled_start_time (read), t10);
  store_test_assert_time (pw_flow_run_get_start_time (read), t6);
  g_assert_cmpuint (pw_flow_run_get_run_count (read), ==, 1);
  g_assert_cmpfloat_with_epsilon (pw_flow_run_get_total_run_time (read), 2.0, 1e-6);

  set_state (fixture->store, id, PW_STATE_TYPE_RUNNING, "Retrying", 10, 0);
  set_state (fixture->store, id, PW_STATE_TYPE_COMPLETED, NULL, 13, 0);

  g_clear_object (&read);
  read = pw_store_get_flow_run (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_flow_run_get_state_type (read), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpstr (pw_flow_run_get_state_name (read), ==, "Completed");
  g_assert_null (pw_flow_run_get_next_scheduled_start_time (read));
  store_test_assert_time (pw_flow_run_get_start_time (read), t6);
  store_test_assert_time (pw_flow_run_get_end_time (read), t13);
  g_assert_cmpuint (pw_flow_run_get_run_count (read), ==, 2);
  g_assert_cmpfloat_with_epsilon (pw_flow_run_get_total_run_time (read), 5.0, 1e-6);
  store_test_assert_time (pw_state_get_timestamp (pw_flow_run_get_state (read)), t13);

  history = pw_store_list_flow_run_states (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, g_strv_length ((char **)names));
  for (guint i = 0; i < history->len; i++)
    g_assert_cmpstr (pw_state_get_name (g_ptr_array_index (history, i)), ==, names[i]);

  fetched = pw_store_get_state (fixture->store, pw_state_get_id (g_ptr_array_index (history, 3)),
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_state_get_name (fetched), ==, "AwaitingRetry");
  store_test_assert_time (pw_state_get_scheduled_time (fetched), t10);

  /* Leaving a terminal state (the engine may force it) clears end_time. */
  set_state (fixture->store, id, PW_STATE_TYPE_RUNNING, NULL, 20, 0);
  g_clear_object (&read);
  read = pw_store_get_flow_run (fixture->store, id, &error);
  g_assert_null (pw_flow_run_get_end_time (read));
  g_assert_cmpuint (pw_flow_run_get_run_count (read), ==, 3);

  /* Details are a JSON object. */
  pw_state_set_details (bad, "{\"child_flow_run_id\": \"x\"}");
  g_assert_true (pw_store_set_flow_run_state (fixture->store, id, bad, &error));
  g_assert_no_error (error);
  g_clear_object (&fetched);
  fetched = pw_store_get_state (fixture->store, pw_state_get_id (bad), &error);
  g_assert_cmpstr (pw_state_get_details (fetched), ==, "{\"child_flow_run_id\": \"x\"}");
  pw_state_set_details (bad, "[]");
  g_assert_false (pw_store_set_flow_run_state (fixture->store, id, bad, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  pw_state_set_details (bad, NULL);

  g_assert_false (pw_store_set_flow_run_state (fixture->store, "nope", bad, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = pw_store_list_flow_run_states (fixture->store, "nope", &error);
  g_assert_null (history);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&fetched);
  fetched = pw_store_get_state (fixture->store, "nope", &error);
  g_assert_null (fetched);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

/* Runs for the filter and sort tests: name, flow, deployment?, tags,
 * final state, start second (0: not started), expected second. */
typedef struct
{
  const char  *name;
  const char  *flow;
  gboolean     deployed;
  const char  *tags;
  PwStateType  type;
  const char  *state_name;
  int          start;
  int          expected;
} RunSpec;

static const RunSpec run_specs[] = {
  { "amber-otter",  "etl", TRUE,  "etl,prod",  PW_STATE_TYPE_COMPLETED, NULL,       100, 100 },
  { "brave-heron",  "etl", TRUE,  "etl,prod",  PW_STATE_TYPE_FAILED,    NULL,       200, 190 },
  { "calm-lynx",    "etl", FALSE, "etl",       PW_STATE_TYPE_COMPLETED, "Cached",   300, 300 },
  { "dapper-owl",   "ml",  FALSE, NULL,        PW_STATE_TYPE_RUNNING,   NULL,       400, 350 },
  { "eager-koala",  "ml",  FALSE, "ml",        PW_STATE_TYPE_SCHEDULED, "Late",     0,   250 },
  { "fuzzy-crane",  "ml",  FALSE, "ml,prod",   PW_STATE_TYPE_CRASHED,   NULL,       150, 150 },
  { "gentle-quail", "etl", TRUE,  NULL,        PW_STATE_TYPE_SCHEDULED, NULL,       0,   500 },
};

static GPtrArray *
make_runs (StoreFixture *fixture,
           char        **out_deployment_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *etl = store_test_save_flow (fixture->store, "etl", NULL);
  g_autofree char *ml = store_test_save_flow (fixture->store, "ml", NULL);
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *deployment_id = NULL;

  deployment_id = pw_store_save_deployment (fixture->store, "etl", "hourly", NULL, NULL, NULL,
                                            "etl-queue", FALSE, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (run_specs); i++)
    {
      const RunSpec *spec = &run_specs[i];
      g_autoptr(PwFlowRun) request = pw_flow_run_new ();
      g_autoptr(GDateTime) expected = store_test_time (1, spec->expected);
      g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
      g_auto(GStrv) tags = spec->tags != NULL ? g_strsplit (spec->tags, ",", -1) : NULL;
      PwFlowRun *run;

      pw_flow_run_set_name (request, spec->name);
      pw_flow_run_set_flow_name (request, spec->flow);
      pw_flow_run_set_tags (request, (const char * const *)tags);
      pw_flow_run_set_deployment_id (request, spec->deployed ? deployment_id : NULL);
      pw_state_set_timestamp (state, expected);
      pw_state_set_scheduled_time (state, expected);
      run = create_run (fixture->store, request, state);
      if (spec->start > 0)
        set_state (fixture->store, pw_flow_run_get_id (run), PW_STATE_TYPE_RUNNING, NULL,
                   spec->start, 0);
      if (spec->type != PW_STATE_TYPE_RUNNING &&
          (spec->type != PW_STATE_TYPE_SCHEDULED || spec->state_name != NULL))
        set_state (fixture->store, pw_flow_run_get_id (run), spec->type, spec->state_name,
                   (spec->start > 0 ? spec->start : spec->expected) + 10,
                   spec->type == PW_STATE_TYPE_SCHEDULED ? spec->expected : 0);
      g_ptr_array_add (runs, run);
    }

  if (out_deployment_id != NULL)
    *out_deployment_id = g_steal_pointer (&deployment_id);
  return g_steal_pointer (&runs);
}

static int
compare_ids_desc (gconstpointer a,
                  gconstpointer b)
{
  PwFlowRun *run_a = *(PwFlowRun **)a;
  PwFlowRun *run_b = *(PwFlowRun **)b;

  return strcmp (pw_flow_run_get_id (run_b), pw_flow_run_get_id (run_a));
}

static char *
list_run_names (PwStore               *store,
                const PwFlowRunFilter *filter,
                PwFlowRunSort          sort,
                guint                  limit,
                guint                  offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = pw_store_list_flow_runs (store, filter, sort, limit, offset, &error);
  g_autoptr(GString) names = g_string_new (NULL);
  gint64 count;

  g_assert_no_error (error);
  for (guint i = 0; i < runs->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                            pw_flow_run_get_name (g_ptr_array_index (runs, i)));

  /* The count of the same filter agrees with an unlimited list. */
  count = pw_store_count_flow_runs (store, filter, &error);
  g_assert_no_error (error);
  if (limit == 0 && offset == 0)
    g_assert_cmpint (count, ==, runs->len);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

#define CHECK_RUNS(expected, filter, sort) \
  G_STMT_START { \
    g_autofree char *got = list_run_names (fixture->store, filter, sort, 0, 0); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

static void
test_sorts (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) runs = make_runs (fixture, NULL);
  g_autoptr(GPtrArray) by_id = g_ptr_array_new ();
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *page = NULL;

  for (guint i = 0; i < runs->len; i++)
    g_ptr_array_add (by_id, g_ptr_array_index (runs, i));

  /* START_TIME: the start time, or the expected start time if not started. */
  CHECK_RUNS ("amber-otter fuzzy-crane brave-heron eager-koala calm-lynx dapper-owl gentle-quail",
              NULL, PW_FLOW_RUN_SORT_START_TIME_ASC);
  CHECK_RUNS ("gentle-quail dapper-owl calm-lynx eager-koala brave-heron fuzzy-crane amber-otter",
              NULL, PW_FLOW_RUN_SORT_START_TIME_DESC);
  CHECK_RUNS ("amber-otter fuzzy-crane brave-heron eager-koala calm-lynx dapper-owl gentle-quail",
              NULL, PW_FLOW_RUN_SORT_EXPECTED_START_TIME_ASC);
  CHECK_RUNS ("gentle-quail dapper-owl calm-lynx eager-koala brave-heron fuzzy-crane amber-otter",
              NULL, PW_FLOW_RUN_SORT_EXPECTED_START_TIME_DESC);
  CHECK_RUNS ("amber-otter brave-heron calm-lynx dapper-owl eager-koala fuzzy-crane gentle-quail",
              NULL, PW_FLOW_RUN_SORT_NAME_ASC);
  CHECK_RUNS ("gentle-quail fuzzy-crane eager-koala dapper-owl calm-lynx brave-heron amber-otter",
              NULL, PW_FLOW_RUN_SORT_NAME_DESC);
  /* Ended runs, latest first; then the others. */
  CHECK_RUNS ("calm-lynx brave-heron fuzzy-crane amber-otter gentle-quail eager-koala dapper-owl",
              NULL, PW_FLOW_RUN_SORT_END_TIME_DESC);
  /* Due runs first, soonest first. */
  CHECK_RUNS ("eager-koala gentle-quail amber-otter brave-heron calm-lynx dapper-owl fuzzy-crane",
              NULL, PW_FLOW_RUN_SORT_NEXT_SCHEDULED_START_TIME_ASC);

  /* ID_DESC: by id, backwards. */
  g_ptr_array_sort (by_id, compare_ids_desc);
  for (guint i = 0; i < by_id->len; i++)
    g_string_append_printf (expected, "%s%s", i > 0 ? " " : "",
                            pw_flow_run_get_name (g_ptr_array_index (by_id, i)));
  CHECK_RUNS (expected->str, NULL, PW_FLOW_RUN_SORT_ID_DESC);

  page = list_run_names (fixture->store, NULL, PW_FLOW_RUN_SORT_NAME_ASC, 2, 3);
  g_assert_cmpstr (page, ==, "dapper-owl eager-koala");
}

static void
test_filters (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autofree char *deployment_id = NULL;
  g_autoptr(GPtrArray) runs = make_runs (fixture, &deployment_id);
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(PwFlowRunFilter) copy = NULL;
  g_autoptr(GDateTime) t150 = store_test_time (1, 150);
  g_autoptr(GDateTime) t300 = store_test_time (1, 300);
  g_autoptr(PwFlowRun) child_request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) child = NULL;
  g_autoptr(PwTaskRun) parent_task = NULL;
  g_autoptr(PwTaskRun) task_request = NULL;
  g_autoptr(GError) error = NULL;
  const PwFlowRunSort by_name = PW_FLOW_RUN_SORT_NAME_ASC;
  const char *amber_id = pw_flow_run_get_id (g_ptr_array_index (runs, 0));
  const char *brave_id = pw_flow_run_get_id (g_ptr_array_index (runs, 1));

  /* state type any_ */
  pw_flow_run_filter_set_state_type (filter, PW_STATE_TYPE_COMPLETED);
  CHECK_RUNS ("amber-otter calm-lynx", filter, by_name);
  filter->state_types = PW_STATE_TYPE_MASK (PW_STATE_TYPE_FAILED) |
                        PW_STATE_TYPE_MASK (PW_STATE_TYPE_CRASHED);
  CHECK_RUNS ("brave-heron fuzzy-crane", filter, by_name);
  /* By start time, several types are merged from their own index ranges. */
  CHECK_RUNS ("brave-heron fuzzy-crane", filter, PW_FLOW_RUN_SORT_START_TIME_DESC);
  CHECK_RUNS ("fuzzy-crane brave-heron", filter, PW_FLOW_RUN_SORT_START_TIME_ASC);
  {
    g_autofree char *second = list_run_names (fixture->store, filter,
                                              PW_FLOW_RUN_SORT_START_TIME_DESC, 1, 1);

    g_assert_cmpstr (second, ==, "fuzzy-crane");
  }
  filter->state_types |= PW_STATE_TYPE_MASK (PW_STATE_TYPE_COMPLETED);
  pw_flow_run_filter_set_tags_all (filter, (const char * const[]) { "prod", NULL });
  CHECK_RUNS ("brave-heron fuzzy-crane amber-otter", filter, PW_FLOW_RUN_SORT_START_TIME_DESC);
  pw_flow_run_filter_set_tags_all (filter, NULL);
  filter->state_types = 0;

  /* state name any_ */
  filter->state_name_any = g_strdupv ((char *[]) { "Late", "Cached", NULL });
  CHECK_RUNS ("calm-lynx eager-koala", filter, by_name);
  g_clear_pointer (&filter->state_name_any, g_strfreev);

  /* id any_ / not_any_ */
  filter->id_any = g_strdupv ((char *[]) { (char *)amber_id, (char *)brave_id, NULL });
  CHECK_RUNS ("amber-otter brave-heron", filter, by_name);
  g_clear_pointer (&filter->id_any, g_strfreev);
  filter->id_not_any = g_strdupv ((char *[]) { (char *)amber_id, (char *)brave_id, NULL });
  CHECK_RUNS ("calm-lynx dapper-owl eager-koala fuzzy-crane gentle-quail", filter, by_name);
  g_clear_pointer (&filter->id_not_any, g_strfreev);

  /* name any_ / like_ */
  filter->name_any = g_strdupv ((char *[]) { "calm-lynx", "nobody", NULL });
  CHECK_RUNS ("calm-lynx", filter, by_name);
  g_clear_pointer (&filter->name_any, g_strfreev);
  filter->name_like = g_strdup ("OW");
  CHECK_RUNS ("dapper-owl", filter, by_name);
  g_clear_pointer (&filter->name_like, g_free);

  /* tags all_ / is_null_ */
  pw_flow_run_filter_set_tags_all (filter, (const char * const[]) { "prod", NULL });
  CHECK_RUNS ("amber-otter brave-heron fuzzy-crane", filter, by_name);
  pw_flow_run_filter_set_tags_all (filter, (const char * const[]) { "prod", "ml", NULL });
  CHECK_RUNS ("fuzzy-crane", filter, by_name);
  pw_flow_run_filter_set_tags_all (filter, NULL);
  filter->tags_is_null = PW_NULL_FILTER_IS_NULL;
  CHECK_RUNS ("dapper-owl gentle-quail", filter, by_name);
  filter->tags_is_null = PW_NULL_FILTER_ANY;

  /* deployment_id any_ / is_null_, work queue any_ / is_null_ */
  pw_flow_run_filter_set_deployment_id (filter, deployment_id);
  CHECK_RUNS ("amber-otter brave-heron gentle-quail", filter, by_name);
  pw_flow_run_filter_set_deployment_id (filter, NULL);
  filter->deployment_id_is_null = PW_NULL_FILTER_IS_NULL;
  CHECK_RUNS ("calm-lynx dapper-owl eager-koala fuzzy-crane", filter, by_name);
  filter->deployment_id_is_null = PW_NULL_FILTER_ANY;
  filter->work_queue_name_any = g_strdupv ((char *[]) { "etl-queue", NULL });
  CHECK_RUNS ("amber-otter brave-heron gentle-quail", filter, by_name);
  g_clear_pointer (&filter->work_queue_name_any, g_strfreev);
  filter->work_queue_name_is_null = PW_NULL_FILTER_IS_NOT_NULL;
  CHECK_RUNS ("amber-otter brave-heron gentle-quail", filter, by_name);
  filter->work_queue_name_is_null = PW_NULL_FILTER_ANY;

  /* start_time before_ / after_ (inclusive) / is_null_ */
  pw_flow_run_filter_set_start_time_range (filter, t150, t300);
  CHECK_RUNS ("brave-heron calm-lynx fuzzy-crane", filter, by_name);
  pw_flow_run_filter_set_start_time_range (filter, NULL, NULL);
  filter->start_time_is_null = PW_NULL_FILTER_IS_NULL;
  CHECK_RUNS ("eager-koala gentle-quail", filter, by_name);
  filter->start_time_is_null = PW_NULL_FILTER_ANY;

  /* expected_start_time before_ / after_ */
  filter->expected_start_time_after = g_date_time_ref (t150);
  filter->expected_start_time_before = g_date_time_ref (t300);
  CHECK_RUNS ("brave-heron calm-lynx eager-koala fuzzy-crane", filter, by_name);
  g_clear_pointer (&filter->expected_start_time_after, g_date_time_unref);
  g_clear_pointer (&filter->expected_start_time_before, g_date_time_unref);

  /* next_scheduled_start_time before_ */
  filter->next_scheduled_start_time_before = g_date_time_ref (t300);
  CHECK_RUNS ("eager-koala", filter, by_name);
  g_clear_pointer (&filter->next_scheduled_start_time_before, g_date_time_unref);

  /* flows: id any_ and name any_ */
  pw_flow_run_filter_set_flow_id (filter, pw_flow_run_get_flow_id (g_ptr_array_index (runs, 3)));
  CHECK_RUNS ("dapper-owl eager-koala fuzzy-crane", filter, by_name);
  pw_flow_run_filter_set_flow_id (filter, NULL);
  filter->flow_name_any = g_strdupv ((char *[]) { "etl", NULL });
  CHECK_RUNS ("amber-otter brave-heron calm-lynx gentle-quail", filter, by_name);

  /* Fields together are ANDed; a copy filters the same. */
  pw_flow_run_filter_set_state_type (filter, PW_STATE_TYPE_COMPLETED);
  pw_flow_run_filter_set_tags_all (filter, (const char * const[]) { "prod", NULL });
  CHECK_RUNS ("amber-otter", filter, by_name);
  copy = pw_flow_run_filter_copy (filter);
  CHECK_RUNS ("amber-otter", copy, by_name);
  g_clear_pointer (&filter, pw_flow_run_filter_free);
  filter = pw_flow_run_filter_new ();

  /* parent_task_run_id any_ / is_null_: a sub-flow run. */
  task_request = pw_task_run_new (brave_id, "report", NULL);
  parent_task = pw_store_create_task_run (fixture->store, task_request, NULL, NULL, &error);
  g_assert_no_error (error);
  pw_flow_run_set_flow_name (child_request, "ml");
  pw_flow_run_set_name (child_request, "zesty-child");
  pw_flow_run_set_parent_task_run_id (child_request, pw_task_run_get_id (parent_task));
  child = create_run (fixture->store, child_request, NULL);
  g_assert_cmpstr (pw_flow_run_get_parent_task_run_id (child), ==,
                   pw_task_run_get_id (parent_task));
  filter->parent_task_run_id_is_null = PW_NULL_FILTER_IS_NOT_NULL;
  CHECK_RUNS ("zesty-child", filter, by_name);
  filter->parent_task_run_id_is_null = PW_NULL_FILTER_IS_NULL;
  g_assert_cmpint (pw_store_count_flow_runs (fixture->store, filter, &error), ==, 7);
  filter->parent_task_run_id_is_null = PW_NULL_FILTER_ANY;
  filter->parent_task_run_id_any =
    g_strdupv ((char *[]) { (char *)pw_task_run_get_id (parent_task), NULL });
  CHECK_RUNS ("zesty-child", filter, by_name);
}

static void
test_paging (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) last = NULL;

  g_assert_true (pw_store_begin (fixture->store, &error));
  for (guint i = 0; i < 250; i++)
    g_object_unref (store_test_create_run (fixture->store, "etl", NULL));
  g_assert_true (pw_store_commit (fixture->store, &error));

  /* 0 is the default page of 200; more when asked for. */
  page = pw_store_list_flow_runs (fixture->store, NULL, PW_FLOW_RUN_SORT_ID_DESC, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, PW_STORE_DEFAULT_LIMIT);
  all = pw_store_list_flow_runs (fixture->store, NULL, PW_FLOW_RUN_SORT_ID_DESC, G_MAXUINT, 0,
                                 &error);
  g_assert_cmpuint (all->len, ==, 250);
  last = pw_store_list_flow_runs (fixture->store, NULL, PW_FLOW_RUN_SORT_ID_DESC, 100, 200, &error);
  g_assert_cmpuint (last->len, ==, 50);
  g_assert_cmpstr (pw_flow_run_get_id (g_ptr_array_index (last, 0)), ==,
                   pw_flow_run_get_id (g_ptr_array_index (all, 200)));
  g_assert_cmpint (pw_store_count_flow_runs (fixture->store, NULL, &error), ==, 250);
}

static void
test_delete_run (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwTaskRun) request = pw_task_run_new (pw_flow_run_get_id (run), "extract", NULL);
  g_autoptr(PwTaskRun) task_run = NULL;

  task_run = pw_store_create_task_run (fixture->store, request, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (pw_store_delete_flow_run (fixture->store, pw_flow_run_get_id (run), &error));
  g_assert_no_error (error);
  g_assert_null (pw_store_get_task_run (fixture->store, pw_task_run_get_id (task_run), &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pw_store_delete_flow_run (fixture->store, pw_flow_run_get_id (run), &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s ", pspec->name);
}

static void
test_update_from (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) run = store_test_create_run (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) same = NULL;
  g_autoptr(PwFlowRun) newer = NULL;
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (run, "notify", G_CALLBACK (count_notify), log);

  /* Read again unchanged: nothing to tell. */
  same = pw_store_get_flow_run (fixture->store, pw_flow_run_get_id (run), &error);
  pw_flow_run_update_from (run, same);
  g_assert_cmpstr (log->str, ==, "");

  store_test_set_state (fixture->store, pw_flow_run_get_id (run), PW_STATE_TYPE_RUNNING, NULL,
                        NULL);
  newer = pw_store_get_flow_run (fixture->store, pw_flow_run_get_id (run), &error);
  pw_flow_run_update_from (run, newer);
  g_assert_nonnull (strstr (log->str, "state "));
  g_assert_nonnull (strstr (log->str, "state-type "));
  g_assert_nonnull (strstr (log->str, "state-name "));
  g_assert_nonnull (strstr (log->str, "start-time "));
  g_assert_nonnull (strstr (log->str, "run-count "));
  g_assert_null (strstr (log->str, "parameters"));
  g_assert_null (strstr (log->str, "flow-name"));
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_RUNNING);
}

static void
test_run_names (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GRand) again = g_rand_new_with_seed (7);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      char *name = pw_run_name_generate (rand);
      g_autofree char *same = pw_run_name_generate (again);

      g_assert_true (pw_run_name_is_valid (name));
      g_assert_cmpstr (name, ==, same);
      g_hash_table_add (seen, name);
    }
  /* 10,000 combinations: 1,000 draws give many different names. */
  g_assert_cmpuint (g_hash_table_size (seen), >, 900);
  g_assert_false (pw_run_name_is_valid ("crimson"));
  g_assert_false (pw_run_name_is_valid ("crimson-dragon"));
  g_assert_true (pw_run_name_is_valid ("crimson-otter"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  store_test_add ("/Store/runs/create", test_create);
  store_test_add ("/Store/runs/idempotency", test_idempotency);
  store_test_add ("/Store/runs/states", test_states);
  store_test_add ("/Store/runs/sorts", test_sorts);
  store_test_add ("/Store/runs/filters", test_filters);
  store_test_add ("/Store/runs/paging", test_paging);
  store_test_add ("/Store/runs/delete", test_delete_run);
  store_test_add ("/Store/runs/update-from", test_update_from);
  g_test_add_func ("/Store/run-names", test_run_names);

  return g_test_run ();
}
