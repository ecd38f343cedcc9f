/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pw_backend_list_task_run_states(): the state history of a flow run's
 * task runs, which the timeline draws as attempts. On PwLocalBackend (a
 * real flow with a retrying and a cached task), over REST against a real
 * `pipewright-cli serve`, and its errors.
 */
#include "config.h"

#include "pw-local-backend.h"
#include "pw-remote-backend.h"
#include "pw-store.h"
#include "test-api-common.h"
#include "timeline-test-flow.h"

typedef struct
{
  ApiFixture api;
  PwBackend *backend;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  api_fixture_set_up (&f->api, data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->backend != NULL)
    {
      gpointer weak = f->backend;
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      g_object_add_weak_pointer (G_OBJECT (f->backend), &weak);
      g_clear_object (&f->backend);
      while (weak != NULL && g_get_monotonic_time () < deadline)
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (1000);
        }
      g_assert_null (weak);
    }
  api_fixture_tear_down (&f->api, data);
}

/* The states of @task_run_id in @states, in their order. */
static GPtrArray *
states_of (GListModel *states,
           const char *task_run_id)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(PwState) state = g_list_model_get_item (states, i);

      if (g_strcmp0 (pw_state_get_task_run_id (state), task_run_id) == 0)
        g_ptr_array_add (found, g_object_ref (state));
    }
  return found;
}

static PwTaskRun *
task_run_with_key (GListModel *task_runs,
                   const char *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (task_runs); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (task_runs, i);

      if (g_str_equal (pw_task_run_get_task_key (task_run), key))
        return g_steal_pointer (&task_run);
    }
  g_assert_not_reached ();
}

static char *
names_of (GPtrArray *states)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < states->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                            pw_state_get_name (g_ptr_array_index (states, i)));
  return g_string_free (names, FALSE);
}

/* Every state of @states names its task run, each task run's states come
 * together and oldest first, and there is one group per task run. */
static void
check_grouped (GListModel *states,
               GListModel *task_runs)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PwState) previous = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(PwState) state = g_list_model_get_item (states, i);
      const char *id = pw_state_get_task_run_id (state);

      g_assert_nonnull (id);
      g_assert_null (pw_state_get_flow_run_id (state));
      if (previous != NULL && g_str_equal (pw_state_get_task_run_id (previous), id))
        g_assert_cmpint (g_date_time_compare (pw_state_get_timestamp (previous),
                                              pw_state_get_timestamp (state)), <=, 0);
      else
        g_assert_true (g_hash_table_add (seen, g_strdup (id)));
      g_set_object (&previous, state);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_list_model_get_n_items (task_runs));
}

/* The first run: "flaky" fails, waits to retry, runs again and completes. */
static void
check_first_run (PwBackend  *backend,
                 const char *flow_run_id)
{
  g_autoptr(GListModel) task_runs = timeline_test_task_runs (backend, flow_run_id);
  g_autoptr(GListModel) states = NULL;
  g_autoptr(PwTaskRun) flaky = task_run_with_key (task_runs, "flaky");
  g_autoptr(PwTaskRun) prepare = task_run_with_key (task_runs, "prepare");
  g_autoptr(GPtrArray) flaky_states = NULL;
  g_autoptr(GPtrArray) prepare_states = NULL;
  g_autofree char *flaky_names = NULL;
  g_autofree char *prepare_names = NULL;
  g_autoptr(GError) error = NULL;

  states = timeline_test_states (backend, flow_run_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (states) == PW_TYPE_STATE);
  check_grouped (states, task_runs);

  flaky_states = states_of (states, pw_task_run_get_id (flaky));
  flaky_names = names_of (flaky_states);
  g_assert_cmpstr (flaky_names, ==, "Pending Running AwaitingRetry Retrying Completed");
  g_assert_cmpuint (pw_task_run_get_run_count (flaky), ==, 2);

  prepare_states = states_of (states, pw_task_run_get_id (prepare));
  prepare_names = names_of (prepare_states);
  g_assert_cmpstr (prepare_names, ==, "Pending Running Completed");
}

/* The second run: "prepare" comes from the cache, "flaky" runs once. */
static void
check_second_run (PwBackend  *backend,
                  const char *flow_run_id)
{
  g_autoptr(GListModel) task_runs = timeline_test_task_runs (backend, flow_run_id);
  g_autoptr(GListModel) states = NULL;
  g_autoptr(PwTaskRun) flaky = task_run_with_key (task_runs, "flaky");
  g_autoptr(PwTaskRun) prepare = task_run_with_key (task_runs, "prepare");
  g_autoptr(GPtrArray) flaky_states = NULL;
  g_autoptr(GPtrArray) prepare_states = NULL;
  g_autofree char *flaky_names = NULL;
  g_autofree char *prepare_names = NULL;
  g_autoptr(GError) error = NULL;

  states = timeline_test_states (backend, flow_run_id, &error);
  g_assert_no_error (error);
  check_grouped (states, task_runs);

  flaky_states = states_of (states, pw_task_run_get_id (flaky));
  flaky_names = names_of (flaky_states);
  g_assert_cmpstr (flaky_names, ==, "Pending Running Completed");

  prepare_states = states_of (states, pw_task_run_get_id (prepare));
  prepare_names = names_of (prepare_states);
  g_assert_true (g_str_has_suffix (prepare_names, "Cached"));
  g_assert_cmpstr (pw_task_run_get_state_name (prepare), ==, "Cached");
}

static void
test_local (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = timeline_test_write_flow (f->api.dir);
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(PwFlowRun) first = NULL;
  g_autoptr(PwFlowRun) second = NULL;
  g_autoptr(GError) error = NULL;

  f->backend = pw_local_backend_new (f->api.db, &error);
  g_assert_no_error (error);
  info = timeline_test_import (f->backend, path);

  first = timeline_test_run (f->backend, TIMELINE_TEST_FLOW);
  g_assert_cmpint (pw_flow_run_get_state_type (first), ==, PW_STATE_TYPE_COMPLETED);
  check_first_run (f->backend, pw_flow_run_get_id (first));

  second = timeline_test_run (f->backend, TIMELINE_TEST_FLOW);
  g_assert_cmpint (pw_flow_run_get_state_type (second), ==, PW_STATE_TYPE_COMPLETED);
  check_second_run (f->backend, pw_flow_run_get_id (second));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) states = NULL;
  g_autoptr(GError) error = NULL;

  f->backend = pw_local_backend_new (f->api.db, &error);
  g_assert_no_error (error);

  states = timeline_test_states (f->backend, "no-such-run", &error);
  g_assert_null (states);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-run"));
}

static void
test_remote (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = timeline_test_write_flow (f->api.dir);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GListModel) states = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  CliResult r = { 0, };

  /* Run in another process (the CLI), read through the server. */
  api_run_cli (&f->api, &r, NULL, "flow", "import", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  first = api_run_flow (&f->api, TIMELINE_TEST_FLOW);
  second = api_run_flow (&f->api, TIMELINE_TEST_FLOW);

  api_serve (&f->api, "--no-agent", NULL);
  f->backend = pw_remote_backend_new (f->api.url, NULL, &error);
  g_assert_no_error (error);

  check_first_run (f->backend, first);
  check_second_run (f->backend, second);

  /* An unknown run: 404 on the wire, NOT_FOUND from the backend. */
  states = timeline_test_states (f->backend, "00000000-0000-0000-0000-000000000000", &error);
  g_assert_null (states);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND);

  session = api_session ();
  url = g_strdup_printf ("%s/pipewright/flow_runs/%s/task_run_states", f->api.url, "nope");
  g_assert_cmpuint (api_request (session, "GET", url, NULL, NULL, &root), ==, 404);
  g_clear_pointer (&root, json_node_unref);
  g_free (url);
  url = g_strdup_printf ("%s/pipewright/flow_runs/%s/task_run_states", f->api.url, first);
  g_assert_cmpuint (api_request (session, "GET", url, NULL, NULL, &root), ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), >=, 11);
}

/* A Prefect server (as far as the probe can tell: its /admin/version
 * answers, /pipewright/version does not) gives states one task run at a
 * time: the operation is refused without a request per task run. */
static void
prefect_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  guint *n_requests = user_data;

  (*n_requests)++;
  if (g_str_equal (path, "/api/health"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "true", 4);
      return;
    }
  if (g_str_equal (path, "/api/admin/version"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "\"2.7.12\"", 8);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"detail\":\"Not Found\"}", 22);
}

static void
test_prefect (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GListModel) states = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  g_autofree char *base = NULL;
  guint n_requests = 0;
  guint n_before;

  soup_server_add_handler (server, NULL, prefect_cb, &n_requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
  url = g_strdup_printf ("%sapi", base);

  f->backend = pw_remote_backend_new (url, NULL, &error);
  g_assert_no_error (error);

  /* Twice: the first waits for the probe, the second knows the server. */
  for (guint i = 0; i < 2; i++)
    {
      n_before = n_requests;
      states = timeline_test_states (f->backend, "7e3b1d52-0c8d-4c47-9a39-8a1c3a4ef3b1", &error);
      g_assert_null (states);
      g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED);
      g_clear_error (&error);
    }
  g_assert_cmpuint (n_requests, ==, n_before);
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

  g_test_add ("/TimelineStates/local", Fixture, NULL, fixture_set_up, test_local, fixture_tear_down);
  g_test_add ("/TimelineStates/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/TimelineStates/prefect", Fixture, NULL, fixture_set_up, test_prefect, fixture_tear_down);
  g_test_add ("/TimelineStates/remote", Fixture, NULL, fixture_set_up, test_remote, fixture_tear_down);

  return g_test_run ();
}
