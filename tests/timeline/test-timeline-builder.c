/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The timeline's layout made in a worker thread (PwTimelineBuilder),
 * without a display: the same layout as made at once, a layout older
 * than the latest request dropped, a run that changes faster than it is
 * laid out still shown, cancelling, and the copy of the task runs not
 * following them afterwards.
 */
#include "config.h"

#include "pw-task-run.h"
#include "pw-timeline-builder.h"
#include "pw-timeline-paint.h"

#define T0 ((gint64)1700000000 * G_USEC_PER_SEC)
#define SEC ((gint64)G_USEC_PER_SEC)

static GDateTime *
at (gint64 usec)
{
  g_autoptr(GDateTime) base = g_date_time_new_from_unix_utc (usec / SEC);

  return g_date_time_add (base, usec % SEC);
}

static PwState *
add_state (GListStore  *states,
           const char  *task_run_id,
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
  g_list_store_append (states, state);
  return state;
}

/* Task run @i of a run: four tasks, the third mapped over five runs; a
 * retry, a cache hit, one still running, one failed. */
static void
add_task_run (GListStore *task_runs,
              GListStore *states,
              guint       i)
{
  g_autofree char *id = g_strdup_printf ("tr-%u", i);
  const char *key = i < 2 ? (i == 0 ? "extract" : "clean") : i < 7 ? "score" : "publish";
  g_autofree char *dynamic_key = g_strdup_printf ("%u", i < 2 ? 0 : i < 7 ? i - 2 : 0);
  g_autofree char *name = g_strdup_printf ("%s-%s", key, dynamic_key);
  g_autoptr(PwTaskRun) task_run = pw_task_run_new ("flow-run", key, dynamic_key);
  g_autoptr(PwState) last = NULL;
  g_autoptr(GDateTime) expected = at (T0 + i * SEC);
  g_autoptr(GDateTime) start = at (T0 + i * SEC + SEC);
  gint64 t = T0 + i * SEC;

  pw_task_run_set_id (task_run, id);
  pw_task_run_set_name (task_run, name);
  g_clear_object (&last);
  last = add_state (states, id, PW_STATE_TYPE_PENDING, "Pending", t);
  if (i == 3)
    {
      g_clear_object (&last);
      last = add_state (states, id, PW_STATE_TYPE_COMPLETED, "Cached", t + SEC / 2);
    }
  else
    {
      g_clear_object (&last);
      last = add_state (states, id, PW_STATE_TYPE_RUNNING, "Running", t + SEC);
      pw_task_run_set_start_time (task_run, start);
      pw_task_run_set_run_count (task_run, 1);
      if (i == 1)
        {
          g_object_unref (add_state (states, id, PW_STATE_TYPE_SCHEDULED, "AwaitingRetry", t + 2 * SEC));
          g_clear_object (&last);
          last = add_state (states, id, PW_STATE_TYPE_RUNNING, "Retrying", t + 3 * SEC);
          pw_task_run_set_run_count (task_run, 2);
        }
      if (i == 5)
        {
          g_clear_object (&last);
          last = add_state (states, id, PW_STATE_TYPE_FAILED, "Failed", t + 4 * SEC);
        }
      else if (i != 6)
        {
          g_autoptr(GDateTime) end = at (t + 5 * SEC);

          g_clear_object (&last);
          last = add_state (states, id, PW_STATE_TYPE_COMPLETED, "Completed", t + 5 * SEC);
          pw_task_run_set_end_time (task_run, end);
        }
    }
  pw_task_run_set_expected_start_time (task_run, expected);
  pw_task_run_set_state (task_run, last);
  g_list_store_append (task_runs, task_run);
}

typedef struct
{
  GListStore       *task_runs;
  GListStore       *states;
  PwTimelineLayout *layout;     /* the latest given */
  guint             n_ready;
} Fixture;

static void
on_ready (PwTimelineLayout *layout,
          gpointer          user_data)
{
  Fixture *f = user_data;

  g_clear_pointer (&f->layout, pw_timeline_layout_free);
  f->layout = layout;
  f->n_ready++;
}

static void
fixture_init (Fixture *f,
              guint    n)
{
  f->task_runs = g_list_store_new (PW_TYPE_TASK_RUN);
  f->states = g_list_store_new (PW_TYPE_STATE);
  f->layout = NULL;
  f->n_ready = 0;
  for (guint i = 0; i < n; i++)
    add_task_run (f->task_runs, f->states, i);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->task_runs);
  g_clear_object (&f->states);
  g_clear_pointer (&f->layout, pw_timeline_layout_free);
}

/* Runs the main context until the builder has given or dropped @n
 * layouts in all (no timing: each ends when its thread does). */
static void
wait_for (PwTimelineBuilder *builder,
          guint              n)
{
  while (pw_timeline_builder_get_n_built (builder) + pw_timeline_builder_get_n_dropped (builder) < n)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_idle (PwTimelineBuilder *builder)
{
  while (pw_timeline_builder_is_busy (builder))
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_same_layout (const PwTimelineLayout *a,
                    const PwTimelineLayout *b)
{
  g_assert_cmpuint (pw_timeline_layout_get_n_rows (a), ==, pw_timeline_layout_get_n_rows (b));
  g_assert_cmpuint (pw_timeline_layout_get_n_segments (a), ==, pw_timeline_layout_get_n_segments (b));
  g_assert_cmpint (pw_timeline_layout_get_start (a), ==, pw_timeline_layout_get_start (b));
  g_assert_cmpint (pw_timeline_layout_get_end (a), ==, pw_timeline_layout_get_end (b));
  g_assert_cmpint (pw_timeline_layout_get_now (a), ==, pw_timeline_layout_get_now (b));
  g_assert_cmpint (pw_timeline_layout_is_live (a), ==, pw_timeline_layout_is_live (b));
  g_assert_cmpint (pw_timeline_layout_has_history (a), ==, pw_timeline_layout_has_history (b));
  for (guint i = 0; i < pw_timeline_layout_get_n_rows (a); i++)
    {
      const PwTimelineRow *x = pw_timeline_layout_get_row (a, i);
      const PwTimelineRow *y = pw_timeline_layout_get_row (b, i);

      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->task_key, ==, y->task_key);
      g_assert_cmpstr (x->task_run_id, ==, y->task_run_id);
      g_assert_cmpstr (x->state_name, ==, y->state_name);
      g_assert_cmpuint (x->depth, ==, y->depth);
      g_assert_cmpuint (x->parent, ==, y->parent);
      g_assert_cmpuint (x->n_children, ==, y->n_children);
      g_assert_cmpuint (x->first_segment, ==, y->first_segment);
      g_assert_cmpuint (x->n_segments, ==, y->n_segments);
      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->end, ==, y->end);
      g_assert_cmpint (x->state_type, ==, y->state_type);
      g_assert_cmpuint (x->run_count, ==, y->run_count);
      g_assert_cmpuint (x->cached, ==, y->cached);
      g_assert_cmpuint (x->failed, ==, y->failed);
      if (x->task_run_id != NULL)
        g_assert_cmpint (pw_timeline_layout_find_row (b, x->task_run_id), ==, (int)i);
    }
  for (guint i = 0; i < pw_timeline_layout_get_n_segments (a); i++)
    {
      const PwTimelineSegment *x = pw_timeline_layout_get_segment (a, i);
      const PwTimelineSegment *y = pw_timeline_layout_get_segment (b, i);

      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->end, ==, y->end);
      g_assert_cmpuint (x->row, ==, y->row);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->end_type, ==, y->end_type);
      g_assert_cmpstr (x->state_name, ==, y->state_name);
      g_assert_cmpstr (x->end_name, ==, y->end_name);
      g_assert_cmpuint (x->attempt, ==, y->attempt);
      g_assert_cmpuint (x->n_attempts, ==, y->n_attempts);
      g_assert_cmpuint (x->open, ==, y->open);
      g_assert_cmpuint (x->failed, ==, y->failed);
      g_assert_cmpuint (x->estimated, ==, y->estimated);
    }
}

/* The layout made in the thread is the one made at once, with the
 * history and without. */
static void
test_same_as_direct (void)
{
  Fixture f;
  g_autoptr(PwTimelineBuilder) builder = NULL;
  g_autoptr(PwTimelineLayout) direct = NULL;
  g_autoptr(PwTimelineLayout) fallback = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 now = T0 + 60 * SEC;

  fixture_init (&f, 8);
  builder = pw_timeline_builder_new (on_ready, &f);
  history = pw_timeline_history_new (G_LIST_MODEL (f.states));
  g_assert_cmpuint (history->len, ==, g_list_model_get_n_items (G_LIST_MODEL (f.states)));

  pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), history, now);
  g_assert_true (pw_timeline_builder_is_busy (builder));
  wait_idle (builder);
  g_assert_cmpuint (f.n_ready, ==, 1);
  direct = pw_timeline_layout_new (G_LIST_MODEL (f.task_runs), G_LIST_MODEL (f.states), now);
  /* extract, clean, score + its 5 runs, publish. */
  g_assert_cmpuint (pw_timeline_layout_get_n_rows (direct), ==, 9);
  g_assert_true (pw_timeline_layout_is_live (direct));
  assert_same_layout (direct, f.layout);
  /* The canvas measures the names' column again only when it changed. */
  g_assert_true (pw_timeline_same_labels (direct, f.layout));

  pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), NULL, now);
  wait_idle (builder);
  g_assert_cmpuint (f.n_ready, ==, 2);
  fallback = pw_timeline_layout_new (G_LIST_MODEL (f.task_runs), NULL, now);
  g_assert_false (pw_timeline_layout_has_history (fallback));
  assert_same_layout (fallback, f.layout);
  g_assert_cmpuint (pw_timeline_builder_get_n_dropped (builder), ==, 0);
  fixture_clear (&f);
}

/* Two requests in a row: the first one's layout, older than the second
 * request, is dropped; only the second is given, with what the task runs
 * were at the second request. */
static void
test_stale_dropped (void)
{
  Fixture f;
  g_autoptr(PwTimelineBuilder) builder = NULL;
  g_autoptr(GPtrArray) history = NULL;

  fixture_init (&f, 2);
  builder = pw_timeline_builder_new (on_ready, &f);
  pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), NULL, T0);
  add_task_run (f.task_runs, f.states, 2);
  history = pw_timeline_history_new (G_LIST_MODEL (f.states));
  pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), history, T0 + SEC);
  /* The first, when it ends, starts the second. */
  wait_idle (builder);

  g_assert_cmpuint (f.n_ready, ==, 1);
  g_assert_cmpuint (pw_timeline_builder_get_n_built (builder), ==, 1);
  g_assert_cmpuint (pw_timeline_builder_get_n_dropped (builder), ==, 1);
  g_assert_cmpuint (pw_timeline_layout_get_n_rows (f.layout), ==, 3);
  g_assert_true (pw_timeline_layout_has_history (f.layout));
  g_assert_cmpint (pw_timeline_layout_get_now (f.layout), ==, T0 + SEC);
  {
    g_autoptr(PwTimelineLayout) two = NULL;

    g_list_store_remove (f.task_runs, 2);
    two = pw_timeline_layout_new (G_LIST_MODEL (f.task_runs), NULL, T0);
    g_assert_false (pw_timeline_same_labels (two, f.layout));
  }
  fixture_clear (&f);
}

/* Asked again each time a layout is made: two are dropped in a row, then
 * one is given although a newer one is on its way. */
static void
test_keeps_moving (void)
{
  Fixture f;
  g_autoptr(PwTimelineBuilder) builder = NULL;

  fixture_init (&f, 1);
  builder = pw_timeline_builder_new (on_ready, &f);
  pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), NULL, T0);
  for (guint k = 0; k < 3; k++)
    {
      add_task_run (f.task_runs, f.states, k + 1);
      pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), NULL, T0);
      wait_for (builder, k + 1);
    }
  g_assert_cmpuint (pw_timeline_builder_get_n_dropped (builder), ==, 2);
  g_assert_cmpuint (f.n_ready, ==, 1);
  /* The third request's: three task runs. */
  g_assert_cmpuint (pw_timeline_layout_get_n_rows (f.layout), ==, 3);
  wait_idle (builder);
  g_assert_cmpuint (f.n_ready, ==, 2);
  /* The fourth's: score has two runs now, under a row of its own. */
  g_assert_cmpuint (pw_timeline_layout_get_n_rows (f.layout), ==, 5);
  fixture_clear (&f);
}

/* Cancelled (another run, the view gone): nothing is given, neither the
 * build in flight nor the one asked for meanwhile; the next request is. */
static void
test_cancel (void)
{
  Fixture f;
  g_autoptr(PwTimelineBuilder) builder = NULL;

  fixture_init (&f, 3);
  builder = pw_timeline_builder_new (on_ready, &f);
  pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), NULL, T0);
  pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), NULL, T0);
  pw_timeline_builder_cancel (builder);
  wait_idle (builder);
  g_assert_cmpuint (f.n_ready, ==, 0);
  g_assert_null (f.layout);

  pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), NULL, T0);
  wait_idle (builder);
  g_assert_cmpuint (f.n_ready, ==, 1);
  g_assert_cmpuint (pw_timeline_layout_get_n_rows (f.layout), ==, 3);

  /* Dropped with a build in flight: it ends in its thread, unseen. */
  pw_timeline_builder_request (builder, G_LIST_MODEL (f.task_runs), NULL, T0);
  pw_timeline_builder_cancel (builder);
  g_clear_object (&builder);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f.n_ready, ==, 1);
  fixture_clear (&f);
}

/* The copy is of the task runs as they were: changing them afterwards
 * changes a new copy only. */
static void
test_input_is_a_copy (void)
{
  Fixture f;
  g_autoptr(PwTimelineInput) input = NULL;
  g_autoptr(PwTimelineLayout) before = NULL;
  g_autoptr(PwTimelineLayout) after = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwState) failed = pw_state_new (PW_STATE_TYPE_FAILED, "Failed", NULL);

  fixture_init (&f, 1);
  input = pw_timeline_input_new (G_LIST_MODEL (f.task_runs), NULL);
  g_assert_cmpuint (pw_timeline_input_get_n_task_runs (input), ==, 1);
  task_run = g_list_model_get_item (G_LIST_MODEL (f.task_runs), 0);
  pw_task_run_set_name (task_run, "renamed-0");
  pw_task_run_set_state (task_run, failed);
  g_list_store_remove_all (f.task_runs);

  before = pw_timeline_layout_build (input, T0 + 60 * SEC);
  g_assert_cmpuint (pw_timeline_layout_get_n_rows (before), ==, 1);
  g_assert_cmpstr (pw_timeline_layout_get_row (before, 0)->label, ==, "extract");
  g_assert_cmpint (pw_timeline_layout_get_row (before, 0)->state_type, ==, PW_STATE_TYPE_COMPLETED);

  g_list_store_append (f.task_runs, task_run);
  after = pw_timeline_layout_new (G_LIST_MODEL (f.task_runs), NULL, T0 + 60 * SEC);
  g_assert_cmpstr (pw_timeline_layout_get_row (after, 0)->label, ==, "renamed");
  g_assert_cmpint (pw_timeline_layout_get_row (after, 0)->state_type, ==, PW_STATE_TYPE_FAILED);
  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/TimelineBuilder/same-as-direct", test_same_as_direct);
  g_test_add_func ("/TimelineBuilder/stale-dropped", test_stale_dropped);
  g_test_add_func ("/TimelineBuilder/keeps-moving", test_keeps_moving);
  g_test_add_func ("/TimelineBuilder/cancel", test_cancel);
  g_test_add_func ("/TimelineBuilder/input-is-a-copy", test_input_is_a_copy);

  return g_test_run ();
}
