/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "pw-chart-buckets.h"
#include "pw-format.h"
#include "pw-local-backend.h"
#include "pw-log-cursor.h"
#include "pw-log-model.h"
#include "pw-log-saver.h"
#include "pw-log-search-model.h"
#include "pw-page-cache.h"
#include "pw-run-dialog.h"
#include "pw-run-graph-flow.h"
#include "pw-run-list-model.h"
#include "pw-run-view.h"
#include "pw-runs-filter-bar.h"
#include "pw-store.h"
#include "pw-task-runs-view.h"

/*
 * The GUI's plain parts, without a display: formats, the page cache, the
 * chart's buckets (run with TZ=Europe/Berlin, for daylight saving time),
 * the log cursor, the parsers; and the paged models against a real local
 * backend on a temporary database, filled through the store.
 */

#define TIMEOUT_US (20 * G_USEC_PER_SEC)

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* formats */

static void
test_format_duration (void)
{
  static const struct { double seconds; const char *text; } cases[] = {
    { -1, "—" }, { 0.42, "0.4 s" }, { 9.96, "10.0 s" }, { 12.4, "12 s" }, { 60, "1 min" },
    { 65, "1 min 5 s" }, { 3600, "1 h" }, { 7380, "2 h 3 min" }, { 86400 * 3, "3 d" },
    { 86400 * 3 + 3600 * 4 + 59, "3 d 4 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pw_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_time (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 3, 10, 15, 0, 0);
  g_autoptr(GDateTime) today = g_date_time_new (tz, 2026, 3, 10, 9, 5, 7);
  g_autoptr(GDateTime) earlier = g_date_time_new (tz, 2026, 1, 2, 9, 5, 7);
  g_autoptr(GDateTime) last_year = g_date_time_new (tz, 2025, 12, 31, 23, 59, 0);
  g_autofree char *a = pw_format_time (today, now);
  g_autofree char *b = pw_format_time (earlier, now);
  g_autofree char *c = pw_format_time (last_year, now);
  g_autofree char *d = pw_format_time (NULL, now);
  g_autoptr(GDateTime) precise = g_date_time_new (tz, 2026, 3, 10, 9, 5, 7.123456);
  g_autofree char *e = pw_format_log_time (precise);

  g_assert_cmpstr (a, ==, "09:05:07");
  g_assert_cmpstr (b, ==, "Jan 2, 09:05");
  g_assert_cmpstr (c, ==, "Dec 31 2025, 23:59");
  g_assert_cmpstr (d, ==, "—");
  g_assert_cmpstr (e, ==, "09:05:07.123");
}

static void
test_format_misc (void)
{
  g_autofree char *count = pw_format_count (1234567);
  g_autofree char *preview = pw_format_result_preview ("first line\nsecond", 40);
  g_autofree char *cut = pw_format_result_preview ("abcdefghij", 4);
  g_autofree char *none = pw_format_result_preview (NULL, 4);
  g_autofree char *parameters = pw_format_parameters ("{\"who\": \"Ada\", \"n\": 3, \"xs\": [1, 2]}");
  g_autofree char *empty = pw_format_parameters ("{}");

  g_assert_cmpstr (count, ==, "1234567");
  g_assert_cmpstr (preview, ==, "first line…");
  g_assert_cmpstr (cut, ==, "abcd…");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (parameters, ==, "who = \"Ada\", n = 3, xs = [1,2]");
  g_assert_cmpstr (empty, ==, "—");

  g_assert_cmpstr (pw_format_level (10), ==, "DEBUG");
  g_assert_cmpstr (pw_format_level (20), ==, "INFO");
  g_assert_cmpstr (pw_format_level (35), ==, "WARNING");
  g_assert_cmpstr (pw_format_level (40), ==, "ERROR");
  g_assert_cmpstr (pw_format_level (50), ==, "CRITICAL");
  g_assert_cmpstr (pw_format_level_css_class (30), ==, "log-warning");

  g_assert_cmpstr (pw_format_state_name ("AwaitingRetry", PW_STATE_TYPE_SCHEDULED), ==, "Awaiting Retry");
  g_assert_cmpstr (pw_format_state_name ("TimedOut", PW_STATE_TYPE_FAILED), ==, "Timed Out");
  g_assert_cmpstr (pw_format_state_name (NULL, PW_STATE_TYPE_CRASHED), ==, "Crashed");
  g_assert_cmpstr (pw_format_state_css_class (PW_STATE_TYPE_CRASHED), ==, "failed");
  g_assert_cmpstr (pw_format_state_css_class (PW_STATE_TYPE_PENDING), ==, "running");
}

static void
test_elapsed (void)
{
  g_autoptr(PwFlowRun) run = pw_flow_run_new ();
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 10, 12, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_seconds (start, 42.5);
  g_autoptr(GDateTime) now = g_date_time_add_seconds (start, 100);
  g_autoptr(PwState) running = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);
  g_autoptr(PwState) completed = pw_state_new (PW_STATE_TYPE_COMPLETED, NULL, NULL);

  g_assert_cmpfloat (pw_flow_run_elapsed (run, now), ==, -1);
  pw_flow_run_set_state (run, running);
  pw_flow_run_set_start_time (run, start);
  g_assert_cmpfloat_with_epsilon (pw_flow_run_elapsed (run, now), 100, 1e-6);
  pw_flow_run_set_state (run, completed);
  pw_flow_run_set_end_time (run, end);
  g_assert_cmpfloat_with_epsilon (pw_flow_run_elapsed (run, now), 42.5, 1e-6);
}

/* page cache */

static GPtrArray *
page_of (guint n)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_strdup_printf ("%u", i));
  return items;
}

static void
test_page_cache (void)
{
  g_autoptr(PwPageCache) cache = pw_page_cache_new (3);
  g_autoptr(GArray) pages = NULL;
  guint generation;

  g_assert_null (pw_page_cache_lookup (cache, 0));
  pw_page_cache_set_pending (cache, 0, TRUE);
  g_assert_true (pw_page_cache_is_pending (cache, 0));
  pw_page_cache_insert (cache, 0, page_of (2));
  g_assert_false (pw_page_cache_is_pending (cache, 0));
  pw_page_cache_insert (cache, 1, page_of (2));
  pw_page_cache_insert (cache, 2, page_of (2));
  g_assert_cmpuint (pw_page_cache_get_n_pages (cache), ==, 3);

  /* Page 0 used again: page 1 is now the least recently used. */
  g_assert_nonnull (pw_page_cache_lookup (cache, 0));
  pw_page_cache_insert (cache, 7, page_of (1));
  g_assert_cmpuint (pw_page_cache_get_n_pages (cache), ==, 3);
  g_assert_null (pw_page_cache_peek (cache, 1));
  g_assert_nonnull (pw_page_cache_peek (cache, 0));

  pages = pw_page_cache_list_pages (cache);
  g_assert_cmpuint (pages->len, ==, 3);
  g_assert_cmpuint (g_array_index (pages, guint, 0), ==, 7);
  g_assert_cmpuint (g_array_index (pages, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (pages, guint, 2), ==, 2);

  /* Replacing a page keeps one entry. */
  pw_page_cache_insert (cache, 2, page_of (5));
  g_assert_cmpuint (pw_page_cache_peek (cache, 2)->len, ==, 5);
  g_assert_cmpuint (pw_page_cache_get_n_pages (cache), ==, 3);

  pw_page_cache_remove_from (cache, 2);
  g_assert_cmpuint (pw_page_cache_get_n_pages (cache), ==, 1);
  g_assert_true (pw_page_cache_remove (cache, 0));
  g_assert_false (pw_page_cache_remove (cache, 0));

  generation = pw_page_cache_get_generation (cache);
  pw_page_cache_set_pending (cache, 4, TRUE);
  pw_page_cache_insert (cache, 1, page_of (1));
  pw_page_cache_clear (cache);
  g_assert_cmpuint (pw_page_cache_get_generation (cache), !=, generation);
  g_assert_cmpuint (pw_page_cache_get_n_pages (cache), ==, 0);
  g_assert_cmpuint (pw_page_cache_get_n_pending (cache), ==, 0);
}

/* chart */

static gint64
usec_of (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static void
assert_contiguous (GArray *buckets)
{
  for (guint i = 1; i < buckets->len; i++)
    g_assert_cmpint (g_array_index (buckets, PwChartBucket, i - 1).end, ==,
                     g_array_index (buckets, PwChartBucket, i).start);
}

static void
test_chart_buckets (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  /* Two days after clocks went forward (Sunday, March 29, 2026). */
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 3, 31, 10, 30, 0);
  g_autoptr(GArray) day = pw_chart_buckets_new (PW_CHART_RANGE_DAY, now);
  g_autoptr(GArray) week = pw_chart_buckets_new (PW_CHART_RANGE_WEEK, now);
  g_autoptr(GArray) month = pw_chart_buckets_new (PW_CHART_RANGE_MONTH, now);
  g_autoptr(GDateTime) march29 = g_date_time_new (tz, 2026, 3, 29, 12, 0, 0);
  g_autoptr(GDateTime) march30 = g_date_time_new (tz, 2026, 3, 30, 0, 0, 0);
  g_autoptr(GDateTime) too_old = g_date_time_new (tz, 2026, 2, 1, 0, 0, 0);
  const PwChartBucket *last;
  int index;

  /* A day: 24 hours, the last holding now and ending at 11:00. */
  g_assert_cmpuint (day->len, ==, 24);
  assert_contiguous (day);
  last = &g_array_index (day, PwChartBucket, 23);
  g_assert_cmpint (last->end - last->start, ==, 3600 * (gint64)G_USEC_PER_SEC);
  g_assert_cmpint (pw_chart_buckets_find (day, usec_of (now)), ==, 23);
  {
    g_autoptr(GDateTime) eleven = g_date_time_new (tz, 2026, 3, 31, 11, 0, 0);

    g_assert_cmpint (last->end, ==, usec_of (eleven));
  }

  /* A week: 28 quarters of a day, aligned to 06:00 here; the night
   * clocks went forward has 5 hours. */
  g_assert_cmpuint (week->len, ==, 28);
  assert_contiguous (week);
  {
    g_autoptr(GDateTime) six = g_date_time_new (tz, 2026, 3, 31, 6, 0, 0);
    g_autoptr(GDateTime) night = g_date_time_new (tz, 2026, 3, 29, 3, 30, 0);
    g_autoptr(GDateTime) before = g_date_time_new (tz, 2026, 3, 28, 20, 0, 0);
    const PwChartBucket *bucket;

    g_assert_cmpint (g_array_index (week, PwChartBucket, 27).start, ==, usec_of (six));
    bucket = &g_array_index (week, PwChartBucket, pw_chart_buckets_find (week, usec_of (night)));
    g_assert_cmpint (bucket->end - bucket->start, ==, 5 * 3600 * (gint64)G_USEC_PER_SEC);
    bucket = &g_array_index (week, PwChartBucket, pw_chart_buckets_find (week, usec_of (before)));
    g_assert_cmpint (bucket->end - bucket->start, ==, 6 * 3600 * (gint64)G_USEC_PER_SEC);
  }

  /* A month: calendar days; the day clocks went forward has 23 hours. */
  g_assert_cmpuint (month->len, ==, 30);
  assert_contiguous (month);
  index = pw_chart_buckets_find (month, usec_of (march29));
  g_assert_cmpint (index, ==, 27);
  last = &g_array_index (month, PwChartBucket, index);
  g_assert_cmpint (last->end - last->start, ==, 23 * 3600 * (gint64)G_USEC_PER_SEC);
  g_assert_cmpint (last->end, ==, usec_of (march30));
  g_assert_cmpint (pw_chart_buckets_find (month, usec_of (too_old)), ==, -1);
  g_assert_cmpint (pw_chart_buckets_find (month, g_array_index (month, PwChartBucket, 29).end), ==, -1);

  /* Tick labels: every 6 hours, each day, each Monday. */
  {
    guint n_day = 0, n_week = 0, n_month = 0;

    for (guint i = 0; i < day->len; i++)
      {
        g_autofree char *label = pw_chart_bucket_tick_label (PW_CHART_RANGE_DAY, &g_array_index (day, PwChartBucket, i), tz);
        n_day += label != NULL;
      }
    for (guint i = 0; i < week->len; i++)
      {
        g_autofree char *label = pw_chart_bucket_tick_label (PW_CHART_RANGE_WEEK, &g_array_index (week, PwChartBucket, i), tz);
        n_week += label != NULL;
      }
    for (guint i = 0; i < month->len; i++)
      {
        g_autofree char *label = pw_chart_bucket_tick_label (PW_CHART_RANGE_MONTH, &g_array_index (month, PwChartBucket, i), tz);
        n_month += label != NULL;
      }
    g_assert_cmpuint (n_day, ==, 4);
    g_assert_cmpuint (n_week, ==, 7);
    g_assert_cmpuint (n_month, ==, 5);
  }

  {
    g_autofree char *text = pw_chart_bucket_describe (PW_CHART_RANGE_DAY, &g_array_index (day, PwChartBucket, 23), tz);
    g_autofree char *date = pw_chart_bucket_describe (PW_CHART_RANGE_MONTH, &g_array_index (month, PwChartBucket, 27), tz);

    g_assert_cmpstr (text, ==, "Tue, Mar 31, 10:00–11:00");
    g_assert_cmpstr (date, ==, "Sun, Mar 29");
  }
}

static void
test_chart_arithmetic (void)
{
  static const guint maxes[][2] = {
    { 0, 1 }, { 1, 1 }, { 2, 2 }, { 3, 5 }, { 5, 5 }, { 6, 10 }, { 11, 20 }, { 21, 50 },
    { 99, 100 }, { 101, 200 }, { 4001, 5000 },
  };
  guint all = 0;
  double x, width;

  for (guint i = 0; i < G_N_ELEMENTS (maxes); i++)
    g_assert_cmpuint (pw_chart_nice_max (maxes[i][0]), ==, maxes[i][1]);

  /* The groups cover every state type, once. */
  for (guint g = 0; g < PW_N_CHART_GROUPS; g++)
    {
      g_assert_cmpuint (all & pw_chart_group_state_types (g), ==, 0);
      all |= pw_chart_group_state_types (g);
    }
  g_assert_cmpuint (all, ==, (1u << PW_N_STATE_TYPES) - 1);
  g_assert_cmpint (pw_chart_group_for_type (PW_STATE_TYPE_CRASHED), ==, PW_CHART_GROUP_FAILED);
  g_assert_cmpint (pw_chart_group_for_type (PW_STATE_TYPE_PENDING), ==, PW_CHART_GROUP_RUNNING);

  /* 30 bars in 600 pixels: slots of 20, gaps of 4. */
  pw_chart_bar_geometry (30, 600, 0, &x, &width);
  g_assert_cmpfloat (x, ==, 2);
  g_assert_cmpfloat (width, ==, 16);
  pw_chart_bar_geometry (30, 600, 29, &x, &width);
  g_assert_cmpfloat (x, ==, 582);
  /* Too narrow for gaps: bars touch. */
  pw_chart_bar_geometry (30, 30, 3, &x, &width);
  g_assert_cmpfloat (width, ==, 1);

  g_assert_cmpint (pw_chart_hit_test (30, 600, 0), ==, 0);
  g_assert_cmpint (pw_chart_hit_test (30, 600, 19.9), ==, 0);
  g_assert_cmpint (pw_chart_hit_test (30, 600, 20), ==, 1);
  g_assert_cmpint (pw_chart_hit_test (30, 600, 599.9), ==, 29);
  g_assert_cmpint (pw_chart_hit_test (30, 600, 600), ==, -1);
  g_assert_cmpint (pw_chart_hit_test (30, 600, -1), ==, -1);
  g_assert_cmpint (pw_chart_hit_test (0, 600, 10), ==, -1);
}

/* logs: cursor and search */

static PwLogEntry *
entry_at (gint64      usec,
          const char *message)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) time = g_date_time_add (utc, usec % G_USEC_PER_SEC);

  return pw_log_entry_new ("run", NULL, NULL, 20, message, time);
}

static void
test_log_cursor (void)
{
  g_autoptr(PwLogFilter) filter = pw_log_filter_new ();
  g_autoptr(GPtrArray) chunk = g_ptr_array_new_with_free_func (g_object_unref);
  PwLogCursor cursor;
  guint offset = 99;
  gint64 base = G_GINT64_CONSTANT (1773000000000000);

  pw_log_cursor_init (&cursor);
  pw_log_cursor_apply (&cursor, filter, &offset);
  g_assert_null (filter->timestamp_after);
  g_assert_cmpuint (offset, ==, 0);

  /* Three lines at one time, then two at the next: the next chunk starts
   * at that time, skipping the two read. */
  g_ptr_array_add (chunk, entry_at (base, "a"));
  g_ptr_array_add (chunk, entry_at (base, "b"));
  g_ptr_array_add (chunk, entry_at (base, "c"));
  g_ptr_array_add (chunk, entry_at (base + 5, "d"));
  g_ptr_array_add (chunk, entry_at (base + 5, "e"));
  pw_log_cursor_advance (&cursor, chunk);
  g_assert_cmpuint (cursor.n_read, ==, 5);
  pw_log_cursor_apply (&cursor, filter, &offset);
  g_assert_cmpint (pw_log_time_to_usec (filter->timestamp_after), ==, base + 5);
  g_assert_cmpuint (offset, ==, 2);

  /* A chunk all at the same time adds to the ties. */
  g_ptr_array_set_size (chunk, 0);
  g_ptr_array_add (chunk, entry_at (base + 5, "f"));
  pw_log_cursor_advance (&cursor, chunk);
  pw_log_cursor_apply (&cursor, filter, &offset);
  g_assert_cmpuint (offset, ==, 3);
  g_assert_cmpuint (cursor.n_read, ==, 6);
}

static void
test_text_find (void)
{
  guint start, end;

  g_assert_true (pw_log_text_find ("Processed Batch 12", "batch", &start, &end));
  g_assert_cmpuint (start, ==, 10);
  g_assert_cmpuint (end, ==, 15);
  g_assert_true (pw_log_text_find ("Grüße aus KÖLN", "köln", &start, &end));
  g_assert_cmpuint (start, ==, strlen ("Grüße aus "));
  g_assert_false (pw_log_text_find ("abc", "abcd", NULL, NULL));
  g_assert_false (pw_log_text_find ("abc", "", NULL, NULL));
  g_assert_false (pw_log_text_find (NULL, "a", NULL, NULL));
}

static void
test_parse_tags (void)
{
  g_auto(GStrv) tags = pw_runs_parse_tags (" prod, etl,,prod  nightly ");
  g_auto(GStrv) none = pw_runs_parse_tags (" , ");
  const char * const expected[] = { "prod", "etl", "nightly", NULL };

  g_assert_true (g_strv_equal ((const char * const *)tags, expected));
  g_assert_null (none);
}

static void
assert_parses (PwParamType  type,
               const char  *text,
               gboolean     required,
               const char  *json,
               const char  *error_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pw_parameter_parse_text (type, text, required, &error);

  if (error_part != NULL)
    {
      g_assert_null (node);
      g_assert_error (error, PW_PARAMETER_ERROR, PW_PARAMETER_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, error_part));
      return;
    }

  g_assert_no_error (error);
  if (json == NULL)
    {
      g_assert_null (node);
    }
  else
    {
      g_autofree char *text_out = json_to_string (node, FALSE);

      g_assert_cmpstr (text_out, ==, json);
    }
}

static void
test_parse_parameters (void)
{
  g_autoptr(JsonNode) list = json_from_string ("[1,\"a\"]", NULL);
  g_autoptr(JsonNode) string = json_from_string ("\"x y\"", NULL);
  g_autofree char *list_text = pw_parameter_value_to_text (list);
  g_autofree char *string_text = pw_parameter_value_to_text (string);
  g_autofree char *none = pw_parameter_value_to_text (NULL);

  assert_parses (PW_PARAM_TYPE_STRING, "", TRUE, "\"\"", NULL);
  assert_parses (PW_PARAM_TYPE_STRING, " Ada ", TRUE, "\" Ada \"", NULL);
  assert_parses (PW_PARAM_TYPE_INT, " 42 ", TRUE, "42", NULL);
  assert_parses (PW_PARAM_TYPE_INT, "-7", TRUE, "-7", NULL);
  assert_parses (PW_PARAM_TYPE_INT, "4.2", TRUE, NULL, "not a whole number");
  assert_parses (PW_PARAM_TYPE_INT, "", TRUE, NULL, "needs a value");
  assert_parses (PW_PARAM_TYPE_INT, "", FALSE, NULL, NULL);
  assert_parses (PW_PARAM_TYPE_FLOAT, "2.5", TRUE, "2.5", NULL);
  assert_parses (PW_PARAM_TYPE_FLOAT, "nan", TRUE, NULL, "not a number");
  assert_parses (PW_PARAM_TYPE_FLOAT, "1e999", TRUE, NULL, "not a number");
  assert_parses (PW_PARAM_TYPE_BOOL, "TRUE", TRUE, "true", NULL);
  assert_parses (PW_PARAM_TYPE_BOOL, "maybe", TRUE, NULL, "true or false");
  assert_parses (PW_PARAM_TYPE_LIST, "[1, 2]", TRUE, "[1,2]", NULL);
  assert_parses (PW_PARAM_TYPE_LIST, "{}", TRUE, NULL, "JSON list");
  assert_parses (PW_PARAM_TYPE_LIST, "[1,", TRUE, NULL, "JSON list");
  assert_parses (PW_PARAM_TYPE_JSON, "{\"k\": null}", TRUE, "{\"k\":null}", NULL);
  assert_parses (PW_PARAM_TYPE_JSON, "{k}", TRUE, NULL, "not JSON");

  g_assert_cmpstr (list_text, ==, "[1,\"a\"]");
  g_assert_cmpstr (string_text, ==, "x y");
  g_assert_cmpstr (none, ==, "");
}

static PwTaskRun *
task_run (const char *id,
          const char *name,
          const char *inputs)
{
  PwTaskRun *task_run = pw_task_run_new ("run", name, NULL);

  pw_task_run_set_id (task_run, id);
  pw_task_run_set_name (task_run, name);
  pw_task_run_set_task_inputs (task_run, inputs);
  return task_run;
}

static void
test_task_levels (void)
{
  g_autoptr(GListStore) store = g_list_store_new (PW_TYPE_TASK_RUN);
  g_autoptr(GHashTable) levels = NULL;
  g_autoptr(PwTaskRun) a = task_run ("a", "a", "{\"wait_for\": []}");
  g_autoptr(PwTaskRun) b = task_run ("b", "b", "{\"wait_for\": [{\"input_type\": \"task_run\", \"id\": \"a\"}]}");
  g_autoptr(PwTaskRun) c = task_run ("c", "c", "{\"wait_for\": [{\"input_type\": \"task_run\", \"id\": \"a\"},"
                                               " {\"input_type\": \"task_run\", \"id\": \"b\"}]}");
  g_autoptr(PwTaskRun) d = task_run ("d", "d", "not json");
  const char * const *up = pw_task_run_get_upstream_ids (c);
  const char * const expected[] = { "a", "b", NULL };

  g_assert_true (g_strv_equal (up, expected));

  /* Given in any order, the depth is the longest path. */
  g_list_store_append (store, c);
  g_list_store_append (store, d);
  g_list_store_append (store, b);
  g_list_store_append (store, a);
  levels = pw_task_runs_compute_levels (G_LIST_MODEL (store));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (levels, "a")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (levels, "b")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (levels, "c")), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (levels, "d")), ==, 1);
}

/* the models, against a real backend */

typedef struct
{
  char      *dir;
  char      *db_path;
  PwBackend *backend;
  PwStore   *store;
  char      *flow_id;
} Db;

static void
db_set_up (Db            *db,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowInfo) info = NULL;

  db->dir = g_dir_make_tmp ("pipewright-gui-units-XXXXXX", &error);
  g_assert_no_error (error);
  db->db_path = g_build_filename (db->dir, "pipewright.db", NULL);
  db->backend = pw_local_backend_new (db->db_path, &error);
  g_assert_no_error (error);
  db->store = pw_store_open (db->db_path, &error);
  g_assert_no_error (error);

  info = pw_store_save_flow (db->store, "units", NULL, NULL, 1,
                             "{\"format\": \"pipewright-flow/1\", \"name\": \"units\","
                             " \"tasks\": [{\"key\": \"a\", \"kind\": \"noop\"}]}",
                             &error);
  g_assert_no_error (error);
  db->flow_id = g_strdup (pw_flow_info_get_id (info));
}

static void
db_tear_down (Db            *db,
              gconstpointer  data)
{
  g_clear_object (&db->store);
  /* Let the reads still on their way come back. */
  spin (50);
  g_assert_finalize_object (db->backend);
  g_unlink (db->db_path);
  g_autofree char *wal = g_strconcat (db->db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db->db_path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (db->dir);
  g_free (db->flow_id);
  g_free (db->db_path);
  g_free (db->dir);
}

static char *
create_run (Db          *db,
            gint64       seconds_ago,
            PwStateType  type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_seconds (now, (double)-seconds_ago);
  g_autoptr(PwState) scheduled = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);

  pw_flow_run_set_flow_id (request, db->flow_id);
  pw_state_set_timestamp (scheduled, when);
  pw_state_set_scheduled_time (scheduled, when);
  run = pw_store_create_flow_run (db->store, request, scheduled, NULL, &error);
  g_assert_no_error (error);

  if (type != PW_STATE_TYPE_SCHEDULED)
    {
      g_autoptr(PwState) state = pw_state_new (type, NULL, NULL);

      pw_state_set_timestamp (state, when);
      g_assert_true (pw_store_set_flow_run_state (db->store, pw_flow_run_get_id (run), state, &error));
      g_assert_no_error (error);
    }

  return g_strdup (pw_flow_run_get_id (run));
}

static gboolean
run_model_ready (gpointer data)
{
  return !pw_run_list_model_get_loading (data);
}

typedef struct
{
  GListModel *model;
  guint       position;
} ItemWait;

static gboolean
item_loaded (gpointer data)
{
  ItemWait *wait = data;
  g_autoptr(PwFlowRun) run = g_list_model_get_item (wait->model, wait->position);

  return !pw_run_list_model_is_placeholder (run);
}

static gboolean
count_is (gpointer data)
{
  gpointer *pair = data;

  return g_list_model_get_n_items (pair[0]) == GPOINTER_TO_UINT (pair[1]);
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_signals)
{
  (*n_signals)++;
}

static void
test_run_list_model (Db            *db,
                     gconstpointer  data)
{
  g_autoptr(PwRunListModel) model = NULL;
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(PwFlowRun) first = NULL;
  g_autoptr(PwFlowRun) placeholder = NULL;
  g_autofree char *newest = NULL;
  ItemWait wait;
  gpointer pair[2];
  guint n_signals = 0;

  g_assert_true (pw_store_begin (db->store, NULL));
  for (guint i = 0; i < 2500; i++)
    g_free (create_run (db, 60 + i, i % 10 == 0 ? PW_STATE_TYPE_FAILED : PW_STATE_TYPE_COMPLETED));
  g_assert_true (pw_store_commit (db->store, NULL));

  model = pw_run_list_model_new (db->backend);
  g_assert_true (pw_run_list_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (wait_until (run_model_ready, model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2500);
  g_assert_cmpuint (pw_run_list_model_get_n_fetches (model), ==, 0);

  /* A position is a placeholder until its page comes. */
  placeholder = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (pw_run_list_model_is_placeholder (placeholder));
  wait = (ItemWait) { G_LIST_MODEL (model), 0 };
  g_assert_true (wait_until (item_loaded, &wait));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (pw_flow_run_get_flow_name (first), ==, "units");

  /* Reading everywhere keeps a bounded number of pages. */
  for (guint i = 0; i < 2500; i += 100)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      wait = (ItemWait) { G_LIST_MODEL (model), i };
      g_assert_true (wait_until (item_loaded, &wait));
    }
  g_assert_cmpuint (pw_run_list_model_get_n_cached (model), <=, PW_RUN_LIST_MODEL_MAX_PAGES);
  g_assert_cmpuint (pw_run_list_model_get_n_fetches (model), >=, 25);

  /* A new run, announced by the backend: the model counts again by
   * itself; the newest comes first. */
  g_signal_connect (model, "items-changed", G_CALLBACK (count_items_changed), &n_signals);
  newest = create_run (db, 1, PW_STATE_TYPE_RUNNING);
  pw_backend_emit_flow_run_changed (db->backend, newest);
  pair[0] = model;
  pair[1] = GUINT_TO_POINTER (2501);
  g_assert_true (wait_until (count_is, pair));
  wait = (ItemWait) { G_LIST_MODEL (model), 0 };
  g_assert_true (wait_until (item_loaded, &wait));
  g_assert_cmpint (pw_run_list_model_find (model, newest), ==, 0);
  g_assert_cmpuint (n_signals, >, 0);

  /* A filter: counted anew. */
  pw_flow_run_filter_set_state_type (filter, PW_STATE_TYPE_FAILED);
  pw_run_list_model_set_filter (model, filter);
  g_assert_true (wait_until (run_model_ready, model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 250);
  g_assert_null (pw_run_list_model_get_error (model));
}

/* Log lines of @run_id, the @i-th at 10 µs × @i after a fixed time (so
 * that later lines are later, whenever written); every @warn_every-th a
 * warning. */
static void
append_logs (Db         *db,
             const char *run_id,
             guint       first,
             guint       n,
             guint       warn_every)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 3, 10, 12, 0, 0);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(GDateTime) at = g_date_time_add (base, (GTimeSpan)i * 10);
      g_autofree char *message = g_strdup_printf ("line %u of %s", i, run_id);

      g_ptr_array_add (entries, pw_log_entry_new (run_id, NULL, "units",
                                                  i % warn_every == 0 ? 30 : 20, message, at));
    }

  g_assert_true (pw_store_append_logs (db->store, entries, &error));
  g_assert_no_error (error);
}

static gboolean
log_model_ready (gpointer data)
{
  return !pw_log_model_get_loading (data) && !pw_log_model_get_counting (data);
}

static gboolean
log_item_loaded (gpointer data)
{
  ItemWait *wait = data;
  g_autoptr(GObject) entry = g_list_model_get_item (wait->model, wait->position);

  return !pw_log_model_is_placeholder (entry);
}

static PwLogEntry *
load_line (GListModel *model,
           guint       position)
{
  ItemWait wait = { model, position };
  g_autoptr(GObject) entry = g_list_model_get_item (model, position);

  g_assert_true (wait_until (log_item_loaded, &wait));
  return g_list_model_get_item (model, position);
}

typedef struct
{
  PwLogModel *model;
  guint       n;
} LogCount;

static gboolean
log_count_settled (gpointer data)
{
  LogCount *wait = data;

  return log_model_ready (wait->model) &&
         g_list_model_get_n_items (G_LIST_MODEL (wait->model)) == wait->n;
}

static void
assert_log_settles (PwLogModel *model,
                    const char *run,
                    guint       n)
{
  LogCount wait = { model, n };
  g_autoptr(PwLogEntry) last = NULL;
  g_autofree char *expected = g_strdup_printf ("line %u of %s", n - 1, run);

  wait_until (log_count_settled, &wait);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  /* No verify left to come that could change it. */
  spin (300);
  wait_until (log_count_settled, &wait);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_true (log_model_ready (model));
  last = load_line (G_LIST_MODEL (model), n - 1);
  g_assert_cmpstr (pw_log_entry_get_message (last), ==, expected);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
}

static void
test_log_model (Db            *db,
                gconstpointer  data)
{
  g_autofree char *run = create_run (db, 10, PW_STATE_TYPE_RUNNING);
  g_autofree char *other = create_run (db, 10, PW_STATE_TYPE_RUNNING);
  g_autoptr(PwLogModel) model = NULL;
  g_autoptr(PwLogEntry) last = NULL;
  g_autoptr(PwLogEntry) middle = NULL;
  guint fetches;

  /* Only the announcements this test makes. */
  pw_local_backend_set_watch_interval (PW_LOCAL_BACKEND (db->backend), 0);

  /* 3000 lines written together: the ids give the count at once. */
  append_logs (db, run, 0, 3000, 7);
  model = pw_log_model_new (db->backend, run);
  g_assert_true (wait_until (log_model_ready, model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3000);
  g_assert_cmpuint (pw_log_model_get_n_fetches (model), <=, 4);
  last = load_line (G_LIST_MODEL (model), 2999);
  {
    g_autofree char *expected = g_strdup_printf ("line 2999 of %s", run);

    g_assert_cmpstr (pw_log_entry_get_message (last), ==, expected);
  }

  /* Interleaved with another run's lines: the ids mislead; probing finds
   * the count all the same. */
  for (guint i = 0; i < 5; i++)
    {
      append_logs (db, other, i * 100, 100, 7);
      append_logs (db, run, 3000 + i * 100, 100, 7);
    }
  pw_log_model_reload (model);
  g_assert_true (wait_until (log_model_ready, model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3500);

  /* Warnings only: no id shortcut; bisection over pages. */
  pw_log_model_set_min_level (model, 30);
  g_assert_true (wait_until (log_model_ready, model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 500);
  pw_log_model_set_min_level (model, 0);
  g_assert_true (wait_until (log_model_ready, model));

  /* Lines announced by the backend come at the end (right after a count,
   * once a verify has made sure the count did not hold them already). */
  append_logs (db, run, 3500, 40, 7);
  pw_backend_emit_logs_appended (db->backend, run, 40);
  assert_log_settles (model, run, 3540);

  /* Finished: the second half is read backwards, and reads the same. */
  pw_log_model_set_finished (model, TRUE);
  g_assert_true (wait_until (log_model_ready, model));
  spin (300);
  pw_log_model_reload (model);
  g_assert_true (wait_until (log_model_ready, model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3540);
  fetches = pw_log_model_get_n_fetches (model);
  middle = load_line (G_LIST_MODEL (model), 3100);
  {
    g_autofree char *expected = g_strdup_printf ("line 3100 of %s", run);

    g_assert_cmpstr (pw_log_entry_get_message (middle), ==, expected);
  }
  for (guint i = 1800; i < 3540; i += 97)
    {
      g_autoptr(PwLogEntry) line = load_line (G_LIST_MODEL (model), i);
      g_autofree char *expected = g_strdup_printf ("line %u of %s", i, run);

      g_assert_cmpstr (pw_log_entry_get_message (line), ==, expected);
    }
  g_assert_cmpuint (pw_log_model_get_n_fetches (model), >, fetches);
  g_clear_object (&last);
  last = load_line (G_LIST_MODEL (model), 3539);
  {
    g_autofree char *expected = g_strdup_printf ("line 3539 of %s", run);

    g_assert_cmpstr (pw_log_entry_get_message (last), ==, expected);
  }

  /* Under a filter, announced lines are counted by probing the end. */
  pw_log_model_set_min_level (model, 30);
  g_assert_true (wait_until (log_model_ready, model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 506);
  append_logs (db, run, 3540, 70, 7);
  pw_backend_emit_logs_appended (db->backend, run, 70);
  spin (400);
  g_assert_true (wait_until (log_model_ready, model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 516);
}

static void
position_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *watched)
{
  if (watched[0] >= position && watched[0] < position + added)
    watched[1]++;
}

static gboolean
position_changed_once (gpointer data)
{
  return ((guint *)data)[1] > 0;
}

/* Lines written by another connection are counted by a reload and then
 * announced by the backend (as its watch of the database does, a moment
 * late): never counted twice. An announcement that overshoots all the
 * same (the lines are not there) is undone when the end is read. */
static void
test_log_model_race (Db            *db,
                     gconstpointer  data)
{
  g_autofree char *run = create_run (db, 10, PW_STATE_TYPE_RUNNING);
  g_autoptr(PwLogModel) model = NULL;
  g_autoptr(GObject) placeholder = NULL;
  guint watched[2] = { 0, 0 };
  guint fetches;
  gulong handler;

  /* Only the announcements this test makes. */
  pw_local_backend_set_watch_interval (PW_LOCAL_BACKEND (db->backend), 0);

  append_logs (db, run, 0, 2500, 7);
  model = pw_log_model_new (db->backend, run);
  assert_log_settles (model, run, 2500);

  /* Counted by the reload, then announced: left to a verify, which finds
   * them counted already. */
  append_logs (db, run, 2500, 1500, 7);
  pw_log_model_reload (model);
  g_assert_true (wait_until (log_model_ready, model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4000);
  pw_backend_emit_logs_appended (db->backend, run, 1500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <=, 4000);
  assert_log_settles (model, run, 4000);

  /* Announced after they were written, as usual: the verify finds the
   * announcements in step with the store. */
  append_logs (db, run, 4000, 40, 7);
  pw_backend_emit_logs_appended (db->backend, run, 40);
  assert_log_settles (model, run, 4040);

  /* Once no announcement can be of lines the last count found (the
   * model's RACE_WINDOW_MS), lines are added at once, without a count. */
  spin (1100);
  append_logs (db, run, 4040, 10, 7);
  fetches = pw_log_model_get_n_fetches (model);
  pw_backend_emit_logs_appended (db->backend, run, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4050);
  assert_log_settles (model, run, 4050);
  /* The last page, read again for the new lines: no probe. */
  g_assert_cmpuint (pw_log_model_get_n_fetches (model), ==, fetches + 1);

  /* Followed: a line asked for while its page is on its way, which may be
   * read before that line was written, comes all the same without being
   * asked for again. */
  append_logs (db, run, 4050, 10, 7);
  pw_backend_emit_logs_appended (db->backend, run, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4060);
  placeholder = g_list_model_get_item (G_LIST_MODEL (model), 4055);
  append_logs (db, run, 4060, 5, 7);
  pw_backend_emit_logs_appended (db->backend, run, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4065);
  watched[0] = 4062;
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (position_changed), watched);
  g_clear_object (&placeholder);
  placeholder = g_list_model_get_item (G_LIST_MODEL (model), 4062);
  g_assert_true (pw_log_model_is_placeholder (placeholder));
  g_assert_true (wait_until (position_changed_once, watched));
  g_signal_handler_disconnect (model, handler);
  g_clear_object (&placeholder);
  placeholder = g_list_model_get_item (G_LIST_MODEL (model), 4062);
  g_assert_false (pw_log_model_is_placeholder (placeholder));
  assert_log_settles (model, run, 4065);

  /* Too long by more than two pages (announced, never written): reading
   * the end finds it out, and a verify shrinks the model to the lines
   * there are. */
  pw_backend_emit_logs_appended (db->backend, run, 3000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7065);
  g_clear_object (&placeholder);
  placeholder = g_list_model_get_item (G_LIST_MODEL (model), 7064);
  g_assert_true (pw_log_model_is_placeholder (placeholder));
  assert_log_settles (model, run, 4065);

  /* Bounded: the pages of 4065 lines a few times over, not a page per line. */
  g_assert_cmpuint (pw_log_model_get_n_fetches (model), <, 40);
}

static gboolean
search_finished (gpointer data)
{
  return !pw_log_search_model_get_scanning (data);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
result_set (gpointer data)
{
  return *(gpointer *)data != NULL;
}

static void
test_log_search_and_save (Db            *db,
                          gconstpointer  data)
{
  g_autofree char *run = create_run (db, 10, PW_STATE_TYPE_COMPLETED);
  g_autoptr(PwLogModel) model = NULL;
  g_autoptr(PwLogSearchModel) search = NULL;
  g_autoptr(PwLogEntry) match = NULL;
  g_autofree char *path = g_build_filename (db->dir, "saved.log", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 n_lines = 0;

  append_logs (db, run, 0, 12000, 1000);
  model = pw_log_model_new (db->backend, run);
  search = pw_log_search_model_new (model);
  g_assert_true (wait_until (log_model_ready, model));

  pw_log_search_model_set_text (search, "LINE 11");
  g_assert_true (wait_until (search_finished, search));
  /* 11, 110–119, 1100–1199, 11000–11999 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (search)), ==, 1 + 10 + 100 + 1000);
  g_assert_cmpuint (pw_log_search_model_get_n_scanned (search), ==, 12000);
  g_assert_cmpuint (pw_log_search_model_get_base_position (search, 1), ==, 110);
  match = g_list_model_get_item (G_LIST_MODEL (search), 0);
  {
    g_autofree char *expected = g_strdup_printf ("line 11 of %s", run);

    g_assert_cmpstr (pw_log_entry_get_message (match), ==, expected);
  }

  pw_log_search_model_set_text (search, "no such text");
  g_assert_true (wait_until (search_finished, search));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (search)), ==, 0);

  /* Saving the warnings that hold “line 1”: 1000, 10000, 11000. */
  {
    g_autoptr(PwLogFilter) filter = pw_log_filter_copy (pw_log_model_get_filter (model));

    filter->level_ge = 30;
    pw_log_save_async (db->backend, filter, "line 1", NULL, file, NULL, saved_cb, &result);
  }
  g_assert_true (wait_until (result_set, &result));
  g_assert_true (pw_log_save_finish (db->backend, result, &n_lines, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_lines, ==, 3);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_nonnull (strstr (lines[0], " WARNING  line 1000 of "));
  g_unlink (path);
}

static PwTaskRun *
graph_task_run (GListStore *store,
                const char *id,
                const char *key,
                const char *name,
                const char *inputs)
{
  g_autoptr(PwTaskRun) task_run = pw_task_run_new ("run-1", key, "0");

  pw_task_run_set_id (task_run, id);
  pw_task_run_set_name (task_run, name);
  pw_task_run_set_task_inputs (task_run, inputs);
  g_list_store_append (store, task_run);
  return task_run;
}

/* A run's graph without its flow (Prefect servers): one task per key, after
 * the tasks whose runs it took as inputs, from any parameter or wait_for;
 * a mapped task's runs make one task; inputs from outside the run and
 * malformed inputs are left out. */
static void
test_run_graph_flow (void)
{
  g_autoptr(GListStore) store = g_list_store_new (PW_TYPE_TASK_RUN);
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlow) empty = NULL;
  PwTask *task;
  const char * const *after;

  graph_task_run (store, "a1", "extract-4f2a", "extract-0", "{}");
  graph_task_run (store, "b1", "clean-99", "clean-0",
                  "{\"data\": [{\"input_type\": \"task_run\", \"id\": \"a1\"}]}");
  graph_task_run (store, "b2", "clean-99", "clean-1",
                  "{\"data\": [{\"input_type\": \"task_run\", \"id\": \"a1\"}],"
                  " \"x\": [{\"input_type\": \"parameter\", \"name\": \"n\"}]}");
  graph_task_run (store, "c1", "load-7", "load-0",
                  "{\"wait_for\": [{\"input_type\": \"task_run\", \"id\": \"b2\"},"
                  " {\"input_type\": \"task_run\", \"id\": \"elsewhere\"}],"
                  " \"rows\": [{\"input_type\": \"task_run\", \"id\": \"b1\"}]}");
  graph_task_run (store, "d1", "audit", "audit", "not json");

  flow = pw_run_graph_flow_new ("etl", G_LIST_MODEL (store));
  g_assert_cmpstr (pw_flow_get_name (flow), ==, "etl");
  g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, 4);

  task = pw_flow_get_task (flow, "extract-4f2a");
  g_assert_nonnull (task);
  g_assert_cmpstr (pw_task_get_name (task), ==, "extract");
  g_assert_cmpuint (g_strv_length ((GStrv) pw_task_get_after (task)), ==, 0);

  after = pw_task_get_after (pw_flow_get_task (flow, "clean-99"));
  g_assert_cmpuint (g_strv_length ((GStrv) after), ==, 1);
  g_assert_cmpstr (after[0], ==, "extract-4f2a");

  after = pw_task_get_after (pw_flow_get_task (flow, "load-7"));
  g_assert_cmpuint (g_strv_length ((GStrv) after), ==, 1);
  g_assert_cmpstr (after[0], ==, "clean-99");

  task = pw_flow_get_task (flow, "audit");
  g_assert_cmpstr (pw_task_get_name (task), ==, "audit");
  g_assert_cmpuint (g_strv_length ((GStrv) pw_task_get_after (task)), ==, 0);

  g_list_store_remove_all (store);
  empty = pw_run_graph_flow_new (NULL, G_LIST_MODEL (store));
  g_assert_cmpuint (pw_flow_get_n_tasks (empty), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Gui/format/duration", test_format_duration);
  g_test_add_func ("/Gui/format/time", test_format_time);
  g_test_add_func ("/Gui/format/misc", test_format_misc);
  g_test_add_func ("/Gui/format/elapsed", test_elapsed);
  g_test_add_func ("/Gui/page-cache", test_page_cache);
  g_test_add_func ("/Gui/chart/buckets", test_chart_buckets);
  g_test_add_func ("/Gui/chart/arithmetic", test_chart_arithmetic);
  g_test_add_func ("/Gui/logs/cursor", test_log_cursor);
  g_test_add_func ("/Gui/logs/text-find", test_text_find);
  g_test_add_func ("/Gui/runs/parse-tags", test_parse_tags);
  g_test_add_func ("/Gui/run-dialog/parse", test_parse_parameters);
  g_test_add_func ("/Gui/task-runs/levels", test_task_levels);
  g_test_add_func ("/Gui/run-graph/flow", test_run_graph_flow);
  g_test_add ("/Gui/models/run-list", Db, NULL, db_set_up, test_run_list_model, db_tear_down);
  g_test_add ("/Gui/models/logs", Db, NULL, db_set_up, test_log_model, db_tear_down);
  g_test_add ("/Gui/models/logs-race", Db, NULL, db_set_up, test_log_model_race, db_tear_down);
  g_test_add ("/Gui/models/log-search-save", Db, NULL, db_set_up, test_log_search_and_save, db_tear_down);

  return g_test_run ();
}
