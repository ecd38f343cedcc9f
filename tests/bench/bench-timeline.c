/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The timeline of a 10,000-task-run flow run: building the layout from
 * the task runs and their ~60,000 states, moving "now" on, a frame at fit
 * zoom and zoomed in (1600×900, what the widget draws), hit-testing, and
 * the PNG export. The peer is the same at 1,000 task runs: the ratio
 * shows how it scales.
 *
 * The layout is made in a worker thread (PwTimelineBuilder); what is left
 * on the main thread per rebuild is the copy of the task runs
 * (pw_timeline_input_new()) and, when the layout comes back, measuring
 * the names' column (pw_timeline_label_width()); the history is copied
 * once per read of the states (at most twice a second). Before, the whole
 * layout was made on the main thread ("layout from task runs + states").
 */
#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "pw-task-run.h"
#include "pw-timeline-builder.h"
#include "pw-timeline-paint.h"

#define T0 ((gint64)1700000000 * G_USEC_PER_SEC)
#define SEC ((gint64)G_USEC_PER_SEC)
#define REPEAT 5

static GDateTime *
at (gint64 usec)
{
  g_autoptr(GDateTime) base = g_date_time_new_from_unix_utc (usec / SEC);

  return g_date_time_add (base, usec % SEC);
}

static void
add_state (GListStore  *states,
           const char  *id,
           PwStateType  type,
           const char  *name,
           gint64       t,
           PwState    **last)
{
  g_autoptr(GDateTime) timestamp = at (t);
  PwState *state = pw_state_new (type, name, NULL);
  g_autofree char *state_id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, id, t);

  pw_state_set_id (state, state_id);
  pw_state_set_timestamp (state, timestamp);
  pw_state_set_task_run_id (state, id);
  g_list_store_append (states, state);
  g_set_object (last, state);
  g_object_unref (state);
}

/* @n task runs: 100 tasks of n / 100 mapped runs each, every tenth
 * retried once, every seventh cached, the last hundred still running. */
static void
make_run (guint        n,
          GListStore **out_task_runs,
          GListStore **out_states)
{
  GListStore *task_runs = g_list_store_new (PW_TYPE_TASK_RUN);
  GListStore *states = g_list_store_new (PW_TYPE_STATE);
  guint per_task = MAX (1, n / 100);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("tr-%u", i);
      g_autofree char *key = g_strdup_printf ("task_%03u", i / per_task);
      g_autofree char *dyn = g_strdup_printf ("%u", i % per_task);
      g_autofree char *name = g_strdup_printf ("%s-%s", key, dyn);
      g_autoptr(PwTaskRun) task_run = pw_task_run_new ("run", key, dyn);
      g_autoptr(PwState) last = NULL;
      gint64 t = T0 + (gint64)(i / per_task) * 30 * SEC + (i % per_task) * SEC / 10;

      pw_task_run_set_id (task_run, id);
      pw_task_run_set_name (task_run, name);
      add_state (states, id, PW_STATE_TYPE_PENDING, "Pending", t, &last);
      if (i % 7 == 3)
        add_state (states, id, PW_STATE_TYPE_COMPLETED, "Cached", t + SEC / 20, &last);
      else
        {
          add_state (states, id, PW_STATE_TYPE_RUNNING, "Running", t + SEC, &last);
          if (i % 10 == 0)
            {
              add_state (states, id, PW_STATE_TYPE_SCHEDULED, "AwaitingRetry", t + 5 * SEC, &last);
              add_state (states, id, PW_STATE_TYPE_RUNNING, "Retrying", t + 7 * SEC, &last);
            }
          if (i < n - 100)
            add_state (states, id, PW_STATE_TYPE_COMPLETED, "Completed", t + 12 * SEC, &last);
        }
      pw_task_run_set_state (task_run, last);
      g_list_store_append (task_runs, task_run);
    }
  *out_task_runs = task_runs;
  *out_states = states;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[n / 2];
}

typedef struct
{
  double layout_ms;
  double copy_ms;
  double history_ms;
  double build_ms;
  double label_ms;
  double same_labels_us;
  double request_ms;
  double now_us;
  double frame_fit_ms;
  double frame_zoomed_ms;
  double hit_us;
  double export_ms;
  guint  n_segments;
} Figures;

static void
ready_cb (PwTimelineLayout *layout,
          gpointer          user_data)
{
  pw_timeline_layout_free (layout);
}

static void
measure (guint    n,
         Figures *fig)
{
  g_autoptr(GListStore) task_runs = NULL;
  g_autoptr(GListStore) states = NULL;
  PwTimelineLayout *layout = NULL;
  PwTimelinePaintOptions o;
  PwDagColors colors;
  double times[REPEAT];
  gint64 now = T0 + 3600 * SEC, start, end;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 900);
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *pango;
  int row, segment;

  pango = pango_font_map_create_context (font_map);
  make_run (n, &task_runs, &states);

  for (guint r = 0; r < REPEAT; r++)
    {
      gint64 t = g_get_monotonic_time ();

      g_clear_pointer (&layout, pw_timeline_layout_free);
      layout = pw_timeline_layout_new (G_LIST_MODEL (task_runs), G_LIST_MODEL (states), now);
      times[r] = (g_get_monotonic_time () - t) / 1000.0;
    }
  fig->layout_ms = median (times, REPEAT);
  fig->n_segments = pw_timeline_layout_get_n_segments (layout);

  /* The steps of the threaded path. */
  {
    g_autoptr(GPtrArray) history = NULL;

    for (guint r = 0; r < REPEAT; r++)
      {
        gint64 t = g_get_monotonic_time ();

        g_clear_pointer (&history, g_ptr_array_unref);
        history = pw_timeline_history_new (G_LIST_MODEL (states));
        times[r] = (g_get_monotonic_time () - t) / 1000.0;
      }
    fig->history_ms = median (times, REPEAT);

    for (guint r = 0; r < REPEAT; r++)
      {
        gint64 t = g_get_monotonic_time ();
        g_autoptr(PwTimelineInput) input = pw_timeline_input_new (G_LIST_MODEL (task_runs), history);

        times[r] = (g_get_monotonic_time () - t) / 1000.0;
      }
    fig->copy_ms = median (times, REPEAT);

    for (guint r = 0; r < REPEAT; r++)
      {
        g_autoptr(PwTimelineInput) input = pw_timeline_input_new (G_LIST_MODEL (task_runs), history);
        g_autoptr(PwTimelineLayout) built = NULL;
        gint64 t = g_get_monotonic_time ();

        built = pw_timeline_layout_build (input, now);
        times[r] = (g_get_monotonic_time () - t) / 1000.0;
      }
    fig->build_ms = median (times, REPEAT);

    for (guint r = 0; r < REPEAT; r++)
      {
        gint64 t = g_get_monotonic_time ();

        (void)pw_timeline_label_width (layout, pango);
        times[r] = (g_get_monotonic_time () - t) / 1000.0;
      }
    fig->label_ms = median (times, REPEAT);

    /* What a live update costs instead: the names are those shown. */
    {
      g_autoptr(PwTimelineLayout) again = pw_timeline_layout_new (G_LIST_MODEL (task_runs),
                                                                  G_LIST_MODEL (states), now);

      for (guint r = 0; r < REPEAT; r++)
        {
          gint64 t = g_get_monotonic_time ();

          if (!pw_timeline_same_labels (layout, again))
            g_error ("the same task runs, other names");
          times[r] = (double)(g_get_monotonic_time () - t);
        }
      fig->same_labels_us = median (times, REPEAT);
    }

    /* The whole request, as the view makes it: the main thread's part
     * (the copy, the thread started); the layout comes back later. */
    for (guint r = 0; r < REPEAT; r++)
      {
        g_autoptr(PwTimelineBuilder) builder = pw_timeline_builder_new (ready_cb, NULL);
        gint64 t = g_get_monotonic_time ();

        pw_timeline_builder_request (builder, G_LIST_MODEL (task_runs), history, now);
        times[r] = (g_get_monotonic_time () - t) / 1000.0;
        while (pw_timeline_builder_is_busy (builder))
          g_main_context_iteration (NULL, TRUE);
      }
    fig->request_ms = median (times, REPEAT);
  }

  for (guint r = 0; r < REPEAT; r++)
    {
      gint64 t = g_get_monotonic_time ();

      pw_timeline_layout_set_now (layout, now + r * SEC);
      times[r] = (double)(g_get_monotonic_time () - t);
    }
  fig->now_us = median (times, REPEAT);

  pw_dag_colors_init (&colors, FALSE);
  pw_timeline_paint_options_init (&o, &colors);
  o.pango = pango;
  o.width = 1600;
  o.height = 900;
  o.label_width = pw_timeline_label_width (layout, pango);
  start = pw_timeline_layout_get_start (layout);
  end = pw_timeline_layout_get_end (layout);
  o.run_start = start;

  /* Fit: the whole run across the width, the first screen of rows. */
  o.axis.origin = start;
  o.axis.px_per_sec = (o.width - o.label_width) / ((double)(end - start) / SEC);
  for (guint r = 0; r < REPEAT; r++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 t = g_get_monotonic_time ();

      pw_timeline_paint (cr, layout, &o);
      cairo_surface_flush (surface);
      times[r] = (g_get_monotonic_time () - t) / 1000.0;
      cairo_destroy (cr);
    }
  fig->frame_fit_ms = median (times, REPEAT);

  /* Zoomed in to 100 px a second, scrolled to the middle rows. */
  o.axis.px_per_sec = 100;
  o.axis.origin = start + (end - start) / 2;
  o.scroll_y = pw_timeline_content_height (layout) / 2;
  for (guint r = 0; r < REPEAT; r++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 t = g_get_monotonic_time ();

      pw_timeline_paint (cr, layout, &o);
      cairo_surface_flush (surface);
      times[r] = (g_get_monotonic_time () - t) / 1000.0;
      cairo_destroy (cr);
    }
  fig->frame_zoomed_ms = median (times, REPEAT);

  {
    gint64 t = g_get_monotonic_time ();

    for (guint i = 0; i < 10000; i++)
      pw_timeline_hit (layout, &o, o.label_width + (i % 1400), 40 + (i % 800), &row, &segment);
    fig->hit_us = (g_get_monotonic_time () - t) / 10000.0;
  }

  {
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "bench-timeline.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    gint64 t = g_get_monotonic_time ();

    if (!pw_timeline_export (layout, &colors, pango, file, PW_DAG_EXPORT_PNG, &error))
      g_error ("export: %s", error->message);
    fig->export_ms = (g_get_monotonic_time () - t) / 1000.0;
    g_unlink (path);
  }

  pw_timeline_layout_free (layout);
  cairo_surface_destroy (surface);
  g_object_unref (pango);
}

int
main (int   argc,
      char *argv[])
{
  Figures big, small;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  measure (10000, &big);
  measure (1000, &small);

  g_print ("timeline of 10,000 task runs (%u segments), medians of %d; peer: 1,000 task runs\n",
           big.n_segments, REPEAT);
  g_print ("  %-34s %10s %10s %8s\n", "", "10,000", "1,000", "ratio");
#define ROW(label, field, unit) \
  g_print ("  %-34s %8.2f %s %8.2f %s %7.1fx\n", label, big.field, unit, small.field, unit, \
           small.field > 0 ? big.field / small.field : 0.0)
  ROW ("layout from task runs + states", layout_ms, "ms");
  ROW ("  worker thread: layout of the copy", build_ms, "ms");
  ROW ("  main: copy of the task runs", copy_ms, "ms");
  ROW ("  main: request (copy + thread)", request_ms, "ms");
  ROW ("  main: names' column, measured", label_ms, "ms");
  ROW ("  main: names' column, unchanged", same_labels_us, "us");
  ROW ("  main: history copy (per read)", history_ms, "ms");
  ROW ("now moves on (live)", now_us, "us");
  ROW ("frame 1600x900 at fit", frame_fit_ms, "ms");
  ROW ("frame 1600x900 at 100 px/s", frame_zoomed_ms, "ms");
  ROW ("hit-test", hit_us, "us");
  ROW ("export PNG (whole run)", export_ms, "ms");
#undef ROW
  return 0;
}
