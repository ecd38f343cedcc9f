/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The timeline's layout, axis and hit-testing without a display: segments
 * from state histories, retries, cache hits, failures, mapped tasks, the
 * fallback without history, "now" moving on, and the ticks at each zoom.
 */
#include "config.h"

#include "pw-task-run.h"
#include "pw-timeline-axis.h"
#include "pw-timeline-layout.h"
#include "pw-timeline-paint.h"

#define T0 ((gint64)1700000000 * G_USEC_PER_SEC)
#define SEC ((gint64)G_USEC_PER_SEC)
#define MS ((gint64)1000)

static GDateTime *
at (gint64 usec)
{
  g_autoptr(GDateTime) base = g_date_time_new_from_unix_utc (usec / SEC);

  return g_date_time_add (base, usec % SEC);
}

typedef struct
{
  GListStore *task_runs;
  GListStore *states;
} Run;

static void
run_init (Run *run)
{
  run->task_runs = g_list_store_new (PW_TYPE_TASK_RUN);
  run->states = g_list_store_new (PW_TYPE_STATE);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->task_runs);
  g_clear_object (&run->states);
}

static PwState *
make_state (const char  *task_run_id,
            PwStateType  type,
            const char  *name,
            gint64       time)
{
  g_autoptr(GDateTime) timestamp = at (time);
  g_autofree char *id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, task_run_id, time);
  PwState *state = pw_state_new (type, name, NULL);

  pw_state_set_id (state, id);
  pw_state_set_timestamp (state, timestamp);
  pw_state_set_task_run_id (state, task_run_id);
  return state;
}

/* A task run with its history: pairs of (type, name, time) ending with -1.
 * The task run's own columns follow the history, as the store keeps them. */
static PwTaskRun *
add_task_run (Run        *run,
              const char *id,
              const char *key,
              const char *dynamic_key,
              gboolean    with_history,
              ...)
{
  g_autoptr(PwTaskRun) task_run = pw_task_run_new ("flow-run", key, dynamic_key);
  g_autoptr(PwState) last = NULL;
  g_autofree char *name = g_strdup_printf ("%c%s", g_ascii_toupper (key[0]), key + 1);
  gint64 start = 0, end = 0, first = 0;
  guint run_count = 0;
  gboolean was_running = FALSE;
  va_list ap;
  int type;

  pw_task_run_set_id (task_run, id);
  pw_task_run_set_name (task_run, name);
  va_start (ap, with_history);
  while ((type = va_arg (ap, int)) >= 0)
    {
      const char *state_name = va_arg (ap, const char *);
      gint64 time = va_arg (ap, gint64);
      g_autoptr(PwState) state = make_state (id, type, state_name, time);

      if (first == 0)
        first = time;
      if (type == PW_STATE_TYPE_RUNNING && !was_running)
        {
          run_count++;
          if (start == 0)
            start = time;
        }
      was_running = type == PW_STATE_TYPE_RUNNING;
      end = pw_state_type_is_terminal (type) ? time : 0;
      if (with_history)
        g_list_store_append (run->states, state);
      g_set_object (&last, state);
    }
  va_end (ap);

  pw_task_run_set_state (task_run, last);
  pw_task_run_set_run_count (task_run, run_count);
  {
    g_autoptr(GDateTime) expected = at (first);
    g_autoptr(GDateTime) started = start != 0 ? at (start) : NULL;
    g_autoptr(GDateTime) ended = end != 0 ? at (end) : NULL;

    pw_task_run_set_expected_start_time (task_run, expected);
    pw_task_run_set_start_time (task_run, started);
    pw_task_run_set_end_time (task_run, ended);
  }
  g_list_store_append (run->task_runs, task_run);
  return task_run;
}

#define S(type, name, t) PW_STATE_TYPE_##type, name, (gint64)(t)
#define END -1

static const PwTimelineRow *
row_of (PwTimelineLayout *layout,
        const char       *task_run_id)
{
  int i = pw_timeline_layout_find_row (layout, task_run_id);

  g_assert_cmpint (i, >=, 0);
  return pw_timeline_layout_get_row (layout, i);
}

static const PwTimelineSegment *
segment_of (PwTimelineLayout    *layout,
            const PwTimelineRow *row,
            guint                i)
{
  g_assert_cmpuint (i, <, row->n_segments);
  return pw_timeline_layout_get_segment (layout, row->first_segment + i);
}

static void
test_segments (void)
{
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  const PwTimelineRow *row;
  const PwTimelineSegment *s;

  run_init (&run);
  add_task_run (&run, "a", "extract", "0", TRUE,
                S (SCHEDULED, "Scheduled", T0), S (PENDING, "Pending", T0 + 200 * MS),
                S (RUNNING, "Running", T0 + SEC), S (COMPLETED, "Completed", T0 + 3 * SEC), END);
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), G_LIST_MODEL (run.states),
                                   T0 + 10 * SEC);

  g_assert_cmpuint (pw_timeline_layout_get_n_rows (layout), ==, 1);
  row = row_of (layout, "a");
  g_assert_cmpstr (row->label, ==, "Extract");
  /* Scheduled then Pending is one wait, then one attempt. */
  g_assert_cmpuint (row->n_segments, ==, 2);
  s = segment_of (layout, row, 0);
  g_assert_cmpint (s->kind, ==, PW_TIMELINE_SEGMENT_WAITING);
  g_assert_cmpint (s->start, ==, T0);
  g_assert_cmpint (s->end, ==, T0 + SEC);
  g_assert_cmpuint (s->attempt, ==, 1);
  g_assert_false (s->open);
  s = segment_of (layout, row, 1);
  g_assert_cmpint (s->kind, ==, PW_TIMELINE_SEGMENT_RUNNING);
  g_assert_cmpint (s->start, ==, T0 + SEC);
  g_assert_cmpint (s->end, ==, T0 + 3 * SEC);
  g_assert_cmpint (s->end_type, ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpuint (s->attempt, ==, 1);
  g_assert_false (s->failed);
  g_assert_false (s->estimated);

  g_assert_cmpint (pw_timeline_layout_get_start (layout), ==, T0);
  g_assert_cmpint (pw_timeline_layout_get_end (layout), ==, T0 + 3 * SEC);
  g_assert_false (pw_timeline_layout_is_live (layout));
  g_assert_true (pw_timeline_layout_has_history (layout));
  run_clear (&run);
}

static void
test_retries (void)
{
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  const PwTimelineRow *row;
  const PwTimelineSegment *s;

  run_init (&run);
  add_task_run (&run, "f", "flaky", "0", TRUE,
                S (PENDING, "Pending", T0), S (RUNNING, "Running", T0 + SEC),
                S (SCHEDULED, "AwaitingRetry", T0 + 2 * SEC), S (RUNNING, "Retrying", T0 + 4 * SEC),
                S (SCHEDULED, "AwaitingRetry", T0 + 5 * SEC), S (RUNNING, "Retrying", T0 + 6 * SEC),
                S (FAILED, "Failed", T0 + 7 * SEC), END);
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), G_LIST_MODEL (run.states),
                                   T0 + 10 * SEC);
  row = row_of (layout, "f");
  g_assert_cmpuint (row->run_count, ==, 3);
  g_assert_true (row->failed);
  g_assert_cmpuint (row->n_segments, ==, 6);

  /* wait(1) run(1, failed) wait(2) run(2, failed) wait(3) run(3, failed) */
  for (guint i = 0; i < 6; i++)
    {
      s = segment_of (layout, row, i);
      g_assert_cmpint (s->kind, ==, i % 2 == 0 ? PW_TIMELINE_SEGMENT_WAITING : PW_TIMELINE_SEGMENT_RUNNING);
      g_assert_cmpuint (s->attempt, ==, i / 2 + 1);
      if (i % 2 == 1)
        g_assert_true (s->failed);
    }
  s = segment_of (layout, row, 2);
  g_assert_cmpstr (s->state_name, ==, "AwaitingRetry");
  g_assert_cmpint (s->start, ==, T0 + 2 * SEC);
  g_assert_cmpint (s->end, ==, T0 + 4 * SEC);
  s = segment_of (layout, row, 3);
  g_assert_cmpstr (s->state_name, ==, "Retrying");
  g_assert_cmpstr (s->end_name, ==, "AwaitingRetry");
  s = segment_of (layout, row, 5);
  g_assert_cmpint (s->end_type, ==, PW_STATE_TYPE_FAILED);
  run_clear (&run);
}

static void
test_cached (void)
{
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  const PwTimelineRow *row;
  const PwTimelineSegment *s;

  run_init (&run);
  add_task_run (&run, "c", "prepare", "0", TRUE,
                S (PENDING, "Pending", T0), S (COMPLETED, "Cached", T0 + 50 * MS), END);
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), G_LIST_MODEL (run.states),
                                   T0 + SEC);
  row = row_of (layout, "c");
  g_assert_true (row->cached);
  g_assert_cmpuint (row->n_segments, ==, 2);
  s = segment_of (layout, row, 1);
  g_assert_cmpint (s->kind, ==, PW_TIMELINE_SEGMENT_CACHED);
  g_assert_cmpint (s->start, ==, T0 + 50 * MS);
  g_assert_cmpint (s->end, ==, s->start);
  run_clear (&run);
}

static void
test_live (void)
{
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  const PwTimelineRow *row;
  const PwTimelineSegment *s;

  run_init (&run);
  add_task_run (&run, "r", "train", "0", TRUE,
                S (PENDING, "Pending", T0), S (RUNNING, "Running", T0 + SEC), END);
  add_task_run (&run, "w", "report", "0", TRUE, S (PENDING, "Pending", T0 + 2 * SEC), END);
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), G_LIST_MODEL (run.states),
                                   T0 + 5 * SEC);
  g_assert_true (pw_timeline_layout_is_live (layout));
  g_assert_cmpint (pw_timeline_layout_get_end (layout), ==, T0 + 5 * SEC);
  row = row_of (layout, "r");
  s = segment_of (layout, row, 1);
  g_assert_true (s->open);
  g_assert_cmpint (s->end, ==, T0 + 5 * SEC);
  g_assert_cmpint (s->end_type, ==, PW_STATE_TYPE_RUNNING);

  /* The clock moves on: open segments and the layout grow with it. */
  pw_timeline_layout_set_now (layout, T0 + 9 * SEC);
  g_assert_cmpint (s->end, ==, T0 + 9 * SEC);
  g_assert_cmpint (row->end, ==, T0 + 9 * SEC);
  g_assert_cmpint (pw_timeline_layout_get_end (layout), ==, T0 + 9 * SEC);
  s = segment_of (layout, row_of (layout, "w"), 0);
  g_assert_cmpint (s->kind, ==, PW_TIMELINE_SEGMENT_WAITING);
  g_assert_cmpint (s->end, ==, T0 + 9 * SEC);
  run_clear (&run);
}

/* A task run updated live (its current state newer than the history read
 * a moment ago) draws its newest state too. */
static void
test_newer_state (void)
{
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  g_autoptr(PwState) done = make_state ("n", PW_STATE_TYPE_COMPLETED, "Completed", T0 + 3 * SEC);
  PwTaskRun *task_run;
  const PwTimelineRow *row;

  run_init (&run);
  task_run = add_task_run (&run, "n", "load", "0", TRUE,
                           S (PENDING, "Pending", T0), S (RUNNING, "Running", T0 + SEC), END);
  pw_task_run_set_state (task_run, done);
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), G_LIST_MODEL (run.states),
                                   T0 + 10 * SEC);
  row = row_of (layout, "n");
  g_assert_false (pw_timeline_layout_is_live (layout));
  g_assert_cmpint (segment_of (layout, row, 1)->end, ==, T0 + 3 * SEC);
  g_assert_cmpint (segment_of (layout, row, 1)->end_type, ==, PW_STATE_TYPE_COMPLETED);
  run_clear (&run);
}

/* Without a history (a Prefect server): one attempt from the times, for
 * all the run count. */
static void
test_fallback (void)
{
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  const PwTimelineRow *row;
  const PwTimelineSegment *s;

  run_init (&run);
  add_task_run (&run, "f", "flaky", "0", FALSE,
                S (PENDING, "Pending", T0), S (RUNNING, "Running", T0 + SEC),
                S (SCHEDULED, "AwaitingRetry", T0 + 2 * SEC), S (RUNNING, "Retrying", T0 + 4 * SEC),
                S (COMPLETED, "Completed", T0 + 6 * SEC), END);
  add_task_run (&run, "c", "prepare", "0", FALSE,
                S (PENDING, "Pending", T0), S (COMPLETED, "Cached", T0 + 100 * MS), END);
  add_task_run (&run, "q", "queued", "0", FALSE, S (PENDING, "Pending", T0 + 5 * SEC), END);
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), NULL, T0 + 8 * SEC);
  g_assert_false (pw_timeline_layout_has_history (layout));

  row = row_of (layout, "f");
  g_assert_cmpuint (row->n_segments, ==, 2);
  s = segment_of (layout, row, 0);
  g_assert_cmpint (s->kind, ==, PW_TIMELINE_SEGMENT_WAITING);
  g_assert_cmpint (s->end, ==, T0 + SEC);
  s = segment_of (layout, row, 1);
  g_assert_cmpint (s->kind, ==, PW_TIMELINE_SEGMENT_RUNNING);
  g_assert_cmpint (s->start, ==, T0 + SEC);
  g_assert_cmpint (s->end, ==, T0 + 6 * SEC);
  g_assert_cmpuint (s->n_attempts, ==, 2);
  g_assert_true (s->estimated);

  row = row_of (layout, "c");
  g_assert_true (row->cached);
  g_assert_cmpint (segment_of (layout, row, row->n_segments - 1)->kind, ==, PW_TIMELINE_SEGMENT_CACHED);

  row = row_of (layout, "q");
  s = segment_of (layout, row, 0);
  g_assert_true (s->open);
  g_assert_cmpint (s->end, ==, T0 + 8 * SEC);
  g_assert_true (pw_timeline_layout_is_live (layout));
  run_clear (&run);
}

static void
test_mapped (void)
{
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  const PwTimelineRow *head;

  run_init (&run);
  add_task_run (&run, "s", "start", "0", TRUE,
                S (RUNNING, "Running", T0), S (COMPLETED, "Completed", T0 + SEC), END);
  /* Ten mapped runs, out of order: [10] after [2]. */
  for (int i = 9; i >= 0; i--)
    {
      g_autofree char *id = g_strdup_printf ("m%d", i);
      g_autofree char *dyn = g_strdup_printf ("%d", i + 1);

      if (i == 4)
        add_task_run (&run, id, "fetch", dyn, TRUE, S (RUNNING, "Running", T0 + SEC + i * SEC),
                      S (FAILED, "Failed", T0 + 2 * SEC + i * SEC), END);
      else
        add_task_run (&run, id, "fetch", dyn, TRUE, S (RUNNING, "Running", T0 + SEC + i * SEC),
                      S (COMPLETED, "Completed", T0 + 2 * SEC + i * SEC), END);
    }
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), G_LIST_MODEL (run.states),
                                   T0 + 20 * SEC);
  g_assert_cmpuint (pw_timeline_layout_get_n_rows (layout), ==, 12);
  g_assert_cmpstr (pw_timeline_layout_get_row (layout, 0)->label, ==, "Start");
  head = pw_timeline_layout_get_row (layout, 1);
  g_assert_cmpstr (head->label, ==, "Fetch");
  g_assert_null (head->task_run_id);
  g_assert_cmpuint (head->n_children, ==, 10);
  g_assert_cmpuint (head->depth, ==, 0);
  g_assert_cmpint (head->start, ==, T0 + SEC);
  g_assert_cmpint (head->end, ==, T0 + 11 * SEC);
  g_assert_cmpint (head->state_type, ==, PW_STATE_TYPE_FAILED);
  g_assert_true (head->failed);
  g_assert_cmpstr (pw_timeline_layout_get_row (layout, 2)->label, ==, "[1]");
  g_assert_cmpstr (pw_timeline_layout_get_row (layout, 3)->label, ==, "[2]");
  g_assert_cmpstr (pw_timeline_layout_get_row (layout, 11)->label, ==, "[10]");
  g_assert_cmpuint (pw_timeline_layout_get_row (layout, 11)->depth, ==, 1);
  g_assert_cmpuint (pw_timeline_layout_get_row (layout, 11)->parent, ==, 1);
  run_clear (&run);
}

static void
test_empty (void)
{
  g_autoptr(GListStore) none = g_list_store_new (PW_TYPE_TASK_RUN);
  g_autoptr(PwTimelineLayout) layout = pw_timeline_layout_new (G_LIST_MODEL (none), NULL, T0);

  g_assert_cmpuint (pw_timeline_layout_get_n_rows (layout), ==, 0);
  g_assert_cmpint (pw_timeline_layout_get_start (layout), ==, T0);
  g_assert_cmpint (pw_timeline_layout_find_row (layout, "nope"), ==, -1);
}

static void
test_ticks (void)
{
  static const struct {
    double px_per_sec;
    gint64 step;
  } cases[] = {
    { 100000, 1 * MS },           /* 100 px per millisecond */
    { 10000, 10 * MS },
    { 1000, 100 * MS },
    { 100, 1 * SEC },
    { 10, 10 * SEC },
    { 1, 2 * 60 * SEC },
    { 0.1, 30 * 60 * SEC },
    { 0.01, 3 * 3600 * SEC },
    { 0.001, 2 * 86400 * SEC },
    { 0.0001, 14 * 86400 * SEC },
  };
  g_autofree char *zero = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 step = pw_timeline_tick_step (cases[i].px_per_sec, 96);

      g_assert_cmpint (step, ==, cases[i].step);
      g_assert_cmpfloat ((double)step / SEC * cases[i].px_per_sec, >=, 96);
    }

  zero = pw_timeline_format_offset (0, SEC);
  g_assert_cmpstr (zero, ==, "0");
#define LABEL(offset, step, expected) \
  G_STMT_START { \
    g_autofree char *_l = pw_timeline_format_offset (offset, step); \
    g_assert_cmpstr (_l, ==, expected); \
  } G_STMT_END
  LABEL (250 * MS, 50 * MS, "250 ms");
  LABEL (1500 * MS, 500 * MS, "1.5 s");
  LABEL (500 * MS, 500 * MS, "0.5 s");
  LABEL (1250 * MS, 50 * MS, "1.25 s");
  LABEL (45 * SEC, 5 * SEC, "45 s");
  LABEL (150 * SEC, 30 * SEC, "2 min 30 s");
  LABEL (120 * SEC, 60 * SEC, "2 min");
  LABEL (75 * 60 * SEC, 15 * 60 * SEC, "1 h 15 min");
  LABEL (54 * 3600 * SEC, 6 * 3600 * SEC, "2 d 6 h");
  LABEL (3 * 86400 * SEC, 86400 * SEC, "3 d");
#undef LABEL

  /* The first tick on screen is a multiple of the step after the start. */
  g_assert_cmpint (pw_timeline_first_tick (T0, T0 + 1234 * MS, SEC), ==, T0 + 2 * SEC);
  g_assert_cmpint (pw_timeline_first_tick (T0, T0 + 2 * SEC, SEC), ==, T0 + 2 * SEC);
  g_assert_cmpint (pw_timeline_first_tick (T0, T0 - 1500 * MS, SEC), ==, T0 - SEC);

  {
    g_autofree char *d1 = pw_timeline_format_duration (12 * MS);
    g_autofree char *d2 = pw_timeline_format_duration (3400 * MS);
    g_autofree char *d3 = pw_timeline_format_duration (125 * SEC);

    g_assert_cmpstr (d1, ==, "12 ms");
    g_assert_cmpstr (d2, ==, "3.4 s");
    g_assert_cmpstr (d3, ==, "2 min 5 s");
  }
}

static void
test_axis_and_hit (void)
{
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  PwTimelinePaintOptions o;
  PwDagColors colors;
  const PwTimelineRow *row;
  int r, s;

  run_init (&run);
  add_task_run (&run, "a", "extract", "0", TRUE,
                S (PENDING, "Pending", T0), S (RUNNING, "Running", T0 + SEC),
                S (COMPLETED, "Completed", T0 + 3 * SEC), END);
  add_task_run (&run, "c", "prepare", "0", TRUE,
                S (PENDING, "Pending", T0 + 3 * SEC), S (COMPLETED, "Cached", T0 + 4 * SEC), END);
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), G_LIST_MODEL (run.states),
                                   T0 + 10 * SEC);
  pw_dag_colors_init (&colors, FALSE);
  pw_timeline_paint_options_init (&o, &colors);
  o.axis.origin = T0;
  o.axis.px_per_sec = 100;
  o.label_width = 150;
  o.width = 800;
  o.height = 400;

  g_assert_cmpfloat (pw_timeline_axis_x_of (&o.axis, T0 + 2 * SEC), ==, 200);
  g_assert_cmpint (pw_timeline_axis_time_at (&o.axis, 250), ==, T0 + 2500 * MS);

  /* Row 0 (extract): running from x = 150 + 100 to 150 + 300. */
  g_assert_true (pw_timeline_hit (layout, &o, 300, PW_TIMELINE_HEADER_HEIGHT + 10, &r, &s));
  g_assert_cmpint (r, ==, 0);
  row = pw_timeline_layout_get_row (layout, 0);
  g_assert_cmpint (s, ==, (int)row->first_segment + 1);
  /* On the wait. */
  g_assert_true (pw_timeline_hit (layout, &o, 200, PW_TIMELINE_HEADER_HEIGHT + 10, &r, &s));
  g_assert_cmpint (s, ==, (int)row->first_segment);
  /* The diamond of the cache hit, a few pixels off. */
  g_assert_true (pw_timeline_hit (layout, &o, 150 + 400 + 5,
                                  PW_TIMELINE_HEADER_HEIGHT + PW_TIMELINE_ROW_HEIGHT + 14, &r, &s));
  g_assert_cmpint (r, ==, 1);
  g_assert_cmpint (pw_timeline_layout_get_segment (layout, s)->kind, ==, PW_TIMELINE_SEGMENT_CACHED);
  /* The names' column: a row, no segment. */
  g_assert_true (pw_timeline_hit (layout, &o, 20, PW_TIMELINE_HEADER_HEIGHT + 10, &r, &s));
  g_assert_cmpint (r, ==, 0);
  g_assert_cmpint (s, ==, -1);
  /* The header and below the rows: nothing. */
  g_assert_false (pw_timeline_hit (layout, &o, 300, 5, &r, &s));
  g_assert_false (pw_timeline_hit (layout, &o, 300, 300, &r, &s));
  /* Scrolled by a row, the first row on screen is the second. */
  o.scroll_y = PW_TIMELINE_ROW_HEIGHT;
  g_assert_true (pw_timeline_hit (layout, &o, 20, PW_TIMELINE_HEADER_HEIGHT + 10, &r, &s));
  g_assert_cmpint (r, ==, 1);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/TimelineLayout/segments", test_segments);
  g_test_add_func ("/TimelineLayout/retries", test_retries);
  g_test_add_func ("/TimelineLayout/cached", test_cached);
  g_test_add_func ("/TimelineLayout/live", test_live);
  g_test_add_func ("/TimelineLayout/newer-state", test_newer_state);
  g_test_add_func ("/TimelineLayout/fallback", test_fallback);
  g_test_add_func ("/TimelineLayout/mapped", test_mapped);
  g_test_add_func ("/TimelineLayout/empty", test_empty);
  g_test_add_func ("/TimelineLayout/ticks", test_ticks);
  g_test_add_func ("/TimelineLayout/axis-and-hit", test_axis_and_hit);

  return g_test_run ();
}
