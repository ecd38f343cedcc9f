/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-logs"

#include "config.h"

#include "test-store-fixture.h"

typedef struct
{
  PwFlowRun *run;
  PwFlowRun *other;
  PwTaskRun *task_run;
} Runs;

static void
runs_clear (Runs *runs)
{
  g_clear_object (&runs->run);
  g_clear_object (&runs->other);
  g_clear_object (&runs->task_run);
}

static void
make_runs (StoreFixture *fixture,
           Runs         *runs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwTaskRun) request = NULL;

  runs->run = store_test_create_run (fixture->store, "etl", NULL);
  runs->other = store_test_create_run (fixture->store, "etl", NULL);
  request = pw_task_run_new (pw_flow_run_get_id (runs->run), "extract", NULL);
  runs->task_run = pw_store_create_task_run (fixture->store, request, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_batch (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  PwLogEntry *first;
  Runs runs = { 0, };

  make_runs (fixture, &runs);

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *message = g_strdup_printf ("line %u", i);

      g_ptr_array_add (entries, pw_log_entry_new (pw_flow_run_get_id (runs.run),
                                                  i % 2 ? pw_task_run_get_id (runs.task_run) : NULL,
                                                  "pipewright.task_runs", 20, message, NULL));
    }
  g_assert_true (pw_store_append_logs (fixture->store, entries, &error));
  g_assert_no_error (error);

  for (guint i = 1; i < entries->len; i++)
    g_assert_cmpint (pw_log_entry_get_id (g_ptr_array_index (entries, i)), >,
                     pw_log_entry_get_id (g_ptr_array_index (entries, i - 1)));
  first = g_ptr_array_index (entries, 0);
  g_assert_cmpint (g_date_time_compare (pw_log_entry_get_timestamp (first), before), >=, 0);

  listed = pw_store_list_logs (fixture->store, NULL, PW_LOG_SORT_TIMESTAMP_ASC, G_MAXUINT, 0,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1000);
  g_assert_cmpstr (pw_log_entry_get_message (g_ptr_array_index (listed, 999)), ==, "line 999");
  g_assert_cmpstr (pw_log_entry_get_name (g_ptr_array_index (listed, 1)), ==,
                   "pipewright.task_runs");
  g_assert_cmpstr (pw_log_entry_get_task_run_id (g_ptr_array_index (listed, 1)), ==,
                   pw_task_run_get_id (runs.task_run));
  g_assert_null (pw_log_entry_get_task_run_id (g_ptr_array_index (listed, 0)));
  g_assert_cmpint (pw_log_entry_get_level (g_ptr_array_index (listed, 0)), ==, 20);

  /* A batch is stored whole or not at all. */
  g_ptr_array_add (bad, pw_log_entry_new (pw_flow_run_get_id (runs.other), NULL, NULL, 20, "fine",
                                          NULL));
  g_ptr_array_add (bad, pw_log_entry_new ("no-such-run", NULL, NULL, 20, "lost", NULL));
  g_assert_false (pw_store_append_logs (fixture->store, bad, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-run"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count_logs (fixture->store, NULL, &error), ==, 1000);

  g_ptr_array_set_size (bad, 0);
  g_ptr_array_add (bad, pw_log_entry_new (pw_flow_run_get_id (runs.other), NULL, NULL, 20, NULL,
                                          NULL));
  g_assert_false (pw_store_append_logs (fixture->store, bad, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  runs_clear (&runs);
}

static char *
list_messages (PwStore           *store,
               const PwLogFilter *filter,
               PwLogSort          sort,
               guint              limit,
               guint              offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = pw_store_list_logs (store, filter, sort, limit, offset, &error);
  g_autoptr(GString) messages = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    g_string_append_printf (messages, "%s%s", i > 0 ? " " : "",
                            pw_log_entry_get_message (g_ptr_array_index (entries, i)));
  if (limit == 0 && offset == 0)
    g_assert_cmpint (pw_store_count_logs (store, filter, &error), ==, entries->len);
  return g_string_free (g_steal_pointer (&messages), FALSE);
}

#define CHECK_LOGS(expected, filter, sort, limit, offset) \
  G_STMT_START { \
    g_autofree char *got = list_messages (fixture->store, filter, sort, limit, offset); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

static void
test_filters (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PwLogFilter) filter = pw_log_filter_new ();
  g_autoptr(PwLogFilter) copy = NULL;
  g_autoptr(GDateTime) t2 = store_test_time (1, 2);
  g_autoptr(GDateTime) t3 = store_test_time (1, 3);
  Runs runs = { 0, };
  const struct {
    const char *message;
    gboolean    other;
    gboolean    task;
    int         level;
    double      seconds;
  } lines[] = {
    { "a", FALSE, FALSE, 20, 1 },
    { "b", FALSE, TRUE,  10, 2 },
    { "c", FALSE, TRUE,  40, 2 },
    { "d", TRUE,  FALSE, 30, 3 },
    { "e", FALSE, FALSE, 50, 4 },
  };

  make_runs (fixture, &runs);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GDateTime) when = store_test_time (1, lines[i].seconds);
      PwFlowRun *run = lines[i].other ? runs.other : runs.run;
      const char *task_run_id = lines[i].task ? pw_task_run_get_id (runs.task_run) : NULL;

      g_ptr_array_add (entries, pw_log_entry_new (pw_flow_run_get_id (run), task_run_id, "test",
                                                  lines[i].level, lines[i].message, when));
    }
  g_assert_true (pw_store_append_logs (fixture->store, entries, &error));
  g_assert_no_error (error);

  /* Lines at the same time keep the order they were written in. */
  CHECK_LOGS ("a b c d e", NULL, PW_LOG_SORT_TIMESTAMP_ASC, 0, 0);
  CHECK_LOGS ("e d c b a", NULL, PW_LOG_SORT_TIMESTAMP_DESC, 0, 0);
  CHECK_LOGS ("b a d c e", NULL, PW_LOG_SORT_LEVEL_ASC, 0, 0);
  CHECK_LOGS ("e c d a b", NULL, PW_LOG_SORT_LEVEL_DESC, 0, 0);
  CHECK_LOGS ("b c", NULL, PW_LOG_SORT_TIMESTAMP_ASC, 2, 1);

  pw_log_filter_set_flow_run_id (filter, pw_flow_run_get_id (runs.run));
  CHECK_LOGS ("a b c e", filter, PW_LOG_SORT_TIMESTAMP_ASC, 0, 0);
  filter->task_run_id_is_null = PW_NULL_FILTER_IS_NULL;
  CHECK_LOGS ("a e", filter, PW_LOG_SORT_TIMESTAMP_ASC, 0, 0);
  filter->task_run_id_is_null = PW_NULL_FILTER_ANY;
  filter->level_ge = 30;
  CHECK_LOGS ("c e", filter, PW_LOG_SORT_TIMESTAMP_ASC, 0, 0);
  filter->level_le = 40;
  CHECK_LOGS ("c", filter, PW_LOG_SORT_TIMESTAMP_ASC, 0, 0);
  filter->level_ge = 0;
  filter->level_le = 0;
  pw_log_filter_set_flow_run_id (filter, NULL);

  filter->task_run_id_any = g_strdupv ((char *[]) { (char *)pw_task_run_get_id (runs.task_run),
                                       NULL });
  CHECK_LOGS ("b c", filter, PW_LOG_SORT_TIMESTAMP_ASC, 0, 0);
  g_clear_pointer (&filter->task_run_id_any, g_strfreev);

  /* timestamp after_ / before_, both inclusive */
  filter->timestamp_after = g_date_time_ref (t2);
  filter->timestamp_before = g_date_time_ref (t3);
  CHECK_LOGS ("b c d", filter, PW_LOG_SORT_TIMESTAMP_ASC, 0, 0);
  copy = pw_log_filter_copy (filter);
  CHECK_LOGS ("d c b", copy, PW_LOG_SORT_TIMESTAMP_DESC, 0, 0);

  runs_clear (&runs);
}

static void
test_cache (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = store_test_time (1, 0);
  g_autoptr(GDateTime) in_an_hour = store_test_time (1, 3600);
  g_autoptr(GDateTime) later = store_test_time (1, 7200);
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *result = NULL;
  g_autofree char *task_run_id = NULL;
  Runs runs = { 0, };

  make_runs (fixture, &runs);

  g_assert_true (pw_store_put_cache_entry (fixture->store, "k1", "[1, 2]", in_an_hour,
                                           pw_task_run_get_id (runs.task_run), &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_put_cache_entry (fixture->store, "k2", "forever", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (pw_store_get_cache_entry (fixture->store, "k1", now, &result, &task_run_id,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "[1, 2]");
  g_assert_cmpstr (task_run_id, ==, pw_task_run_get_id (runs.task_run));
  g_clear_pointer (&result, g_free);

  /* Expired entries are misses. */
  g_assert_false (pw_store_get_cache_entry (fixture->store, "k1", later, &result, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_null (result);
  g_clear_error (&error);
  g_assert_true (pw_store_get_cache_entry (fixture->store, "k2", later, &result, NULL, &error));
  g_assert_cmpstr (result, ==, "forever");
  g_clear_pointer (&result, g_free);

  /* A new result under a key replaces the old one. */
  g_assert_true (pw_store_put_cache_entry (fixture->store, "k2", "new", NULL, NULL, &error));
  g_assert_true (pw_store_get_cache_entry (fixture->store, "k2", later, &result, NULL, &error));
  g_assert_cmpstr (result, ==, "new");
  g_clear_pointer (&result, g_free);

  g_assert_cmpint (pw_store_purge_cache (fixture->store, later, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_false (pw_store_get_cache_entry (fixture->store, "k1", now, NULL, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (pw_store_put_cache_entry (fixture->store, "k3", "x", NULL, "no-such-task-run",
                                            &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  while (big->len <= PW_STORE_MAX_RESULT_SIZE)
    g_string_append (big, "0123456789");
  g_assert_false (pw_store_put_cache_entry (fixture->store, "k4", big->str, NULL, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);

  runs_clear (&runs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  store_test_add ("/Store/logs/batch", test_batch);
  store_test_add ("/Store/logs/filters", test_filters);
  store_test_add ("/Store/cache", test_cache);

  return g_test_run ();
}
