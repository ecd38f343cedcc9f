/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-flows"

#include "config.h"

#include "test-store-fixture.h"

static PwFlowInfo *
save (PwStore    *store,
      const char *name,
      const char *description,
      const char *tags_csv,
      guint       n_tasks,
      const char *document)
{
  g_auto(GStrv) tags = tags_csv != NULL ? g_strsplit (tags_csv, ",", -1) : NULL;
  g_autoptr(GError) error = NULL;
  PwFlowInfo *info;

  info = pw_store_save_flow (store, name, description, (const char * const *)tags,
                             n_tasks, document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

static char *
names_of (GPtrArray *infos)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < infos->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                            pw_flow_info_get_name (g_ptr_array_index (infos, i)));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static char *
list_names (PwStore            *store,
            const PwFlowFilter *filter,
            PwFlowSort          sort,
            guint               limit,
            guint               offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = pw_store_list_flows (store, filter, sort, limit, offset, &error);

  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count_flows (store, filter, &error), >=, infos->len);
  g_assert_no_error (error);
  return names_of (infos);
}

static void
test_save_versions (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowInfo) first = NULL;
  g_autoptr(PwFlowInfo) second = NULL;
  g_autoptr(PwFlowInfo) same = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *document = NULL;
  guint version = 0;

  first = save (fixture->store, "etl", "Extract", "etl,prod", 3, "{\"v\": 1}");
  g_assert_cmpuint (pw_flow_info_get_version (first), ==, 1);
  g_assert_cmpuint (pw_flow_info_get_n_tasks (first), ==, 3);
  g_assert_cmpstr (pw_flow_info_get_description (first), ==, "Extract");
  g_assert_cmpstrv (pw_flow_info_get_tags (first),
                    ((const char * const[]) { "etl", "prod", NULL }));
  g_assert_true (g_uuid_string_is_valid (pw_flow_info_get_id (first)));
  g_assert_nonnull (pw_flow_info_get_created (first));

  second = save (fixture->store, "etl", "Extract and load", "etl", 4, "{\"v\": 2}");
  g_assert_cmpuint (pw_flow_info_get_version (second), ==, 2);
  g_assert_cmpstr (pw_flow_info_get_id (second), ==, pw_flow_info_get_id (first));
  g_assert_cmpstr (pw_flow_info_get_description (second), ==, "Extract and load");
  g_assert_cmpstrv (pw_flow_info_get_tags (second), ((const char * const[]) { "etl", NULL }));

  /* Saving the latest document again adds no version. */
  same = save (fixture->store, "etl", "Extract and load", "etl", 4, "{\"v\": 2}");
  g_assert_cmpuint (pw_flow_info_get_version (same), ==, 2);

  versions = pw_store_list_flow_versions (fixture->store, "etl", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpuint (pw_flow_info_get_version (g_ptr_array_index (versions, 0)), ==, 2);
  g_assert_cmpuint (pw_flow_info_get_version (g_ptr_array_index (versions, 1)), ==, 1);
  g_assert_cmpstr (pw_flow_info_get_description (g_ptr_array_index (versions, 1)), ==, "Extract");
  g_assert_cmpuint (pw_flow_info_get_n_tasks (g_ptr_array_index (versions, 1)), ==, 3);

  document = pw_store_get_flow_document (fixture->store, "etl", 0, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document, ==, "{\"v\": 2}");
  g_assert_cmpuint (version, ==, 2);
  g_clear_pointer (&document, g_free);
  document = pw_store_get_flow_document (fixture->store, "etl", 1, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document, ==, "{\"v\": 1}");
  g_assert_cmpuint (version, ==, 1);
  g_clear_pointer (&document, g_free);

  /* Going back to an older document is a new version. */
  g_clear_object (&info);
  info = save (fixture->store, "etl", "Extract", "etl,prod", 3, "{\"v\": 1}");
  g_assert_cmpuint (pw_flow_info_get_version (info), ==, 3);

  document = pw_store_get_flow_document (fixture->store, "etl", 7, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no version 7"));
  g_clear_error (&error);

  document = pw_store_get_flow_document (fixture->store, "nope", 0, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);

  g_clear_object (&info);
  info = pw_store_get_flow_info (fixture->store, "nope", &error);
  g_assert_null (info);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&versions, g_ptr_array_unref);
  versions = pw_store_list_flow_versions (fixture->store, "nope", &error);
  g_assert_null (versions);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  info = pw_store_save_flow (fixture->store, "", NULL, NULL, 0, "{}", &error);
  g_assert_null (info);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
}

static void
test_list (StoreFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(PwFlowFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowInfo) a = save (fixture->store, "etl-nightly", NULL, "etl,prod", 2, "{}");
  g_autoptr(PwFlowInfo) b = save (fixture->store, "ml-training", NULL, "ml,prod", 5, "{}");
  g_autoptr(PwFlowInfo) c = save (fixture->store, "report_100%", NULL, NULL, 1, "{}");
  g_autoptr(PwFlowInfo) d = save (fixture->store, "Daily-ETL", NULL, "etl", 1, "{}");
  g_autoptr(PwFlowInfo) b2 = NULL;
  g_autofree char *names = NULL;

#define CHECK(expected, filter, sort, limit, offset) \
  G_STMT_START { \
    g_autofree char *got = list_names (fixture->store, filter, sort, limit, offset); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

  CHECK ("Daily-ETL etl-nightly ml-training report_100%", NULL, PW_FLOW_SORT_NAME_ASC, 0, 0);
  CHECK ("report_100% ml-training etl-nightly Daily-ETL", NULL, PW_FLOW_SORT_NAME_DESC, 0, 0);
  CHECK ("Daily-ETL report_100% ml-training etl-nightly", NULL, PW_FLOW_SORT_CREATED_DESC, 0, 0);
  CHECK ("etl-nightly ml-training", NULL, PW_FLOW_SORT_NAME_ASC, 2, 1);
  g_assert_cmpint (pw_store_count_flows (fixture->store, NULL, &error), ==, 4);

  /* A new version moves a flow to the top of UPDATED_DESC. */
  g_usleep (2000);
  b2 = save (fixture->store, "ml-training", NULL, "ml,prod", 6, "{\"v\": 2}");
  CHECK ("ml-training Daily-ETL report_100% etl-nightly", NULL, PW_FLOW_SORT_UPDATED_DESC, 0, 0);

  /* like_ ignores case; % and _ are plain characters. */
  filter = pw_flow_filter_new ();
  pw_flow_filter_set_name_like (filter, "etl");
  CHECK ("Daily-ETL etl-nightly", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  g_assert_cmpint (pw_store_count_flows (fixture->store, filter, &error), ==, 2);
  pw_flow_filter_set_name_like (filter, "0%");
  CHECK ("report_100%", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  pw_flow_filter_set_name_like (filter, "t_1");
  CHECK ("report_100%", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  pw_flow_filter_set_name_like (filter, "l_t");
  CHECK ("", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  pw_flow_filter_set_name_like (filter, NULL);

  pw_flow_filter_set_tags_all (filter, (const char * const[]) { "prod", NULL });
  CHECK ("etl-nightly ml-training", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  pw_flow_filter_set_tags_all (filter, (const char * const[]) { "prod", "etl", NULL });
  CHECK ("etl-nightly", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  pw_flow_filter_set_tags_all (filter, NULL);

  filter->tags_is_null = PW_NULL_FILTER_IS_NULL;
  CHECK ("report_100%", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  filter->tags_is_null = PW_NULL_FILTER_IS_NOT_NULL;
  CHECK ("Daily-ETL etl-nightly ml-training", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  filter->tags_is_null = PW_NULL_FILTER_ANY;

  filter->name_any = g_strdupv ((char *[]) { "ml-training", "Daily-ETL", "nope", NULL });
  CHECK ("Daily-ETL ml-training", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  g_clear_pointer (&filter->name_any, g_strfreev);

  filter->id_any = g_strdupv ((char *[]) { (char *)pw_flow_info_get_id (a), NULL });
  CHECK ("etl-nightly", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  g_clear_pointer (&filter->id_any, g_strfreev);

  /* An empty any_ list keeps nothing. */
  filter->id_any = g_new0 (char *, 1);
  CHECK ("", filter, PW_FLOW_SORT_NAME_ASC, 0, 0);
  g_assert_cmpint (pw_store_count_flows (fixture->store, filter, &error), ==, 0);
  g_assert_no_error (error);

#undef CHECK
}

static void
test_delete (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autofree char *other_id = store_test_save_flow (fixture->store, "other", NULL);
  g_autofree char *deployment_id = NULL;
  g_autofree char *cached_result = NULL;
  g_autofree char *cached_task_run = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) other_run = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwTaskRun) request = NULL;
  g_autoptr(GPtrArray) logs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(PwLogFilter) log_filter = pw_log_filter_new ();
  g_autoptr(PwState) state = NULL;

  deployment_id = pw_store_save_deployment (fixture->store, "etl", "nightly", NULL, NULL, NULL,
                                            "prod", FALSE, NULL, &error);
  g_assert_no_error (error);
  run = store_test_create_run (fixture->store, "etl", NULL);
  other_run = store_test_create_run (fixture->store, "other", NULL);
  request = pw_task_run_new (pw_flow_run_get_id (run), "extract", NULL);
  task_run = pw_store_create_task_run (fixture->store, request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (logs, pw_log_entry_new (pw_flow_run_get_id (run), pw_task_run_get_id (task_run),
                                           "test", 20, "hello", NULL));
  g_assert_true (pw_store_append_logs (fixture->store, logs, &error));
  g_assert_true (pw_store_put_cache_entry (fixture->store, "key", "42", NULL,
                                           pw_task_run_get_id (task_run), &error));
  g_assert_no_error (error);

  /* Not while a run is in progress. */
  store_test_set_state (fixture->store, pw_flow_run_get_id (run), PW_STATE_TYPE_RUNNING, NULL,
                        NULL);
  g_assert_false (pw_store_delete_flow (fixture->store, "etl", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "etl"));
  g_clear_error (&error);

  store_test_set_state (fixture->store, pw_flow_run_get_id (run), PW_STATE_TYPE_COMPLETED, NULL,
                        NULL);
  g_assert_true (pw_store_delete_flow (fixture->store, "etl", &error));
  g_assert_no_error (error);

  /* Gone with its versions, deployments, runs, task runs, states and logs. */
  info = pw_store_get_flow_info (fixture->store, "etl", &error);
  g_assert_null (info);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pw_store_get_deployment_id (fixture->store, "etl", "nightly", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pw_store_get_flow_run (fixture->store, pw_flow_run_get_id (run), &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pw_store_get_task_run (fixture->store, pw_task_run_get_id (task_run), &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  state = pw_store_get_state (fixture->store, pw_state_get_id (pw_flow_run_get_state (run)),
                              &error);
  g_assert_null (state);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count_logs (fixture->store, NULL, &error), ==, 0);

  /* The other flow is untouched; the cached result stays, unattached. */
  g_assert_cmpint (pw_store_count_flow_runs (fixture->store, NULL, &error), ==, 1);
  g_assert_true (pw_store_get_cache_entry (fixture->store, "key", NULL,
                                           &cached_result, &cached_task_run, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cached_result, ==, "42");
  g_assert_null (cached_task_run);

  g_assert_false (pw_store_delete_flow (fixture->store, "etl", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

static void
test_deployments (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;
  g_autofree char *found = NULL;
  g_autofree char *queue_id = NULL;
  g_autofree char *queue_again = NULL;

  id = pw_store_save_deployment (fixture->store, "etl", "nightly",
                                 "{\"cron\": \"0 3 * * *\", \"timezone\": \"Europe/Berlin\"}",
                                 "{\"day\": 1}", (const char * const[]) { "prod", NULL },
                                 "etl-queue", FALSE, "Every night", &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (id));

  /* Saving again updates it in place. */
  again = pw_store_save_deployment (fixture->store, "etl", "nightly", NULL, NULL, NULL,
                                    "etl-queue", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, id);

  found = pw_store_get_deployment_id (fixture->store, "etl", "nightly", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, id);

  /* Naming a queue made it. */
  queue_id = pw_store_ensure_work_queue (fixture->store, "etl-queue", &error);
  g_assert_no_error (error);
  queue_again = pw_store_ensure_work_queue (fixture->store, "etl-queue", &error);
  g_assert_cmpstr (queue_again, ==, queue_id);

  g_assert_null (pw_store_save_deployment (fixture->store, "nope", "x", NULL, NULL, NULL,
                                           NULL, FALSE, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pw_store_save_deployment (fixture->store, "etl", "x", "[1, 2]", NULL, NULL,
                                           NULL, FALSE, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pw_store_delete_deployment (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_delete_deployment (fixture->store, id, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  store_test_add ("/Store/flows/save-versions", test_save_versions);
  store_test_add ("/Store/flows/list", test_list);
  store_test_add ("/Store/flows/delete", test_delete);
  store_test_add ("/Store/flows/deployments", test_deployments);

  return g_test_run ();
}
