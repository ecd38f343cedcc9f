/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The timeline drawn offscreen (cairo, no display): the colours at the
 * pixels where a wait, an attempt, a failed attempt, a cache hit and
 * "now" must be; and the PNG and SVG exports, with their errors.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pw-task-run.h"
#include "pw-timeline-paint.h"

#define T0 ((gint64)1700000000 * G_USEC_PER_SEC)
#define SEC ((gint64)G_USEC_PER_SEC)

static GDateTime *
at (gint64 usec)
{
  g_autoptr(GDateTime) base = g_date_time_new_from_unix_utc (usec / SEC);

  return g_date_time_add (base, usec % SEC);
}

static void
add_state (GListStore  *states,
           const char  *task_run_id,
           PwStateType  type,
           const char  *name,
           gint64       time)
{
  g_autoptr(GDateTime) timestamp = at (time);
  g_autoptr(PwState) state = pw_state_new (type, name, NULL);
  g_autofree char *id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, task_run_id, time);

  pw_state_set_id (state, id);
  pw_state_set_timestamp (state, timestamp);
  pw_state_set_task_run_id (state, task_run_id);
  g_list_store_append (states, state);
}

static void
add_task_run (GListStore  *task_runs,
              const char  *id,
              const char  *name,
              PwStateType  type,
              const char  *state_name,
              gint64       end)
{
  g_autoptr(PwTaskRun) task_run = pw_task_run_new ("run", id, "0");
  g_autoptr(PwState) state = pw_state_new (type, state_name, NULL);
  g_autoptr(GDateTime) timestamp = at (end);

  pw_state_set_timestamp (state, timestamp);
  pw_task_run_set_id (task_run, id);
  pw_task_run_set_name (task_run, name);
  pw_task_run_set_state (task_run, state);
  g_list_store_append (task_runs, task_run);
}

typedef struct
{
  GListStore *task_runs;
  GListStore *states;
} Run;

/* Row 0 "ok": waits 0–1 s, runs 1–3 s, completes.
 * Row 1 "flaky": runs 1–2 s (fails), waits 2–3 s, runs 3–5 s, completes.
 * Row 2 "cached": waits 0–0.5 s, cache hit at 0.5 s.
 * Row 3 "live": waits from 2 s, runs from 4 s, still running. */
static void
make_run (Run *run)
{
  run->task_runs = g_list_store_new (PW_TYPE_TASK_RUN);
  run->states = g_list_store_new (PW_TYPE_STATE);

  add_task_run (run->task_runs, "ok", "Ok", PW_STATE_TYPE_COMPLETED, "Completed", T0 + 3 * SEC);
  add_state (run->states, "ok", PW_STATE_TYPE_PENDING, "Pending", T0);
  add_state (run->states, "ok", PW_STATE_TYPE_RUNNING, "Running", T0 + SEC);
  add_state (run->states, "ok", PW_STATE_TYPE_COMPLETED, "Completed", T0 + 3 * SEC);

  add_task_run (run->task_runs, "flaky", "Flaky", PW_STATE_TYPE_COMPLETED, "Completed", T0 + 5 * SEC);
  add_state (run->states, "flaky", PW_STATE_TYPE_RUNNING, "Running", T0 + SEC);
  add_state (run->states, "flaky", PW_STATE_TYPE_SCHEDULED, "AwaitingRetry", T0 + 2 * SEC);
  add_state (run->states, "flaky", PW_STATE_TYPE_RUNNING, "Retrying", T0 + 3 * SEC);
  add_state (run->states, "flaky", PW_STATE_TYPE_COMPLETED, "Completed", T0 + 5 * SEC);

  add_task_run (run->task_runs, "cached", "Cached", PW_STATE_TYPE_COMPLETED, "Cached", T0 + SEC / 2);
  add_state (run->states, "cached", PW_STATE_TYPE_PENDING, "Pending", T0 + SEC / 10);
  add_state (run->states, "cached", PW_STATE_TYPE_COMPLETED, "Cached", T0 + SEC / 2);

  add_task_run (run->task_runs, "live", "Live", PW_STATE_TYPE_RUNNING, "Running", T0 + 4 * SEC);
  add_state (run->states, "live", PW_STATE_TYPE_PENDING, "Pending", T0 + 2 * SEC);
  add_state (run->states, "live", PW_STATE_TYPE_RUNNING, "Running", T0 + 4 * SEC);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->task_runs);
  g_clear_object (&run->states);
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       PwDagColor      *out)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb = *(guint32 *)(data + y * stride + x * 4);

  out->alpha = ((argb >> 24) & 0xff) / 255.0;
  out->red = ((argb >> 16) & 0xff) / 255.0;
  out->green = ((argb >> 8) & 0xff) / 255.0;
  out->blue = (argb & 0xff) / 255.0;
}

static void
assert_color_at (cairo_surface_t  *surface,
                 double            x,
                 double            y,
                 const PwDagColor *expected,
                 const char       *what)
{
  PwDagColor got;

  pixel (surface, (int)x, (int)y, &got);
  if (fabs (got.red - expected->red) > 0.03 || fabs (got.green - expected->green) > 0.03 ||
      fabs (got.blue - expected->blue) > 0.03)
    g_error ("%s at (%.0f, %.0f): got %.2f %.2f %.2f, expected %.2f %.2f %.2f", what, x, y,
             got.red, got.green, got.blue, expected->red, expected->green, expected->blue);
}

static double
row_mid (int row)
{
  return PW_TIMELINE_HEADER_HEIGHT + row * PW_TIMELINE_ROW_HEIGHT + PW_TIMELINE_ROW_HEIGHT / 2;
}

static void
test_pixels (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  g_autofree char *png = NULL;
  PwTimelinePaintOptions o;
  PwDagColors colors;
  cairo_surface_t *surface;
  cairo_t *cr;
  double lx = 160;
  const double pps = 100;   /* 100 px a second, from T0 */

  make_run (&run);
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), G_LIST_MODEL (run.states),
                                   T0 + 6 * SEC);
  /* Rows by their first time: cached (0.1 s), ok (0 s)… sorted by start. */
  pw_dag_colors_init (&colors, dark);
  pw_timeline_paint_options_init (&o, &colors);
  o.axis.origin = T0;
  o.axis.px_per_sec = pps;
  o.label_width = lx;
  o.width = 900;
  o.height = PW_TIMELINE_HEADER_HEIGHT + 4 * PW_TIMELINE_ROW_HEIGHT + 10;
  o.run_start = T0;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)o.width, (int)o.height);
  cr = cairo_create (surface);
  pw_timeline_paint (cr, layout, &o);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  png = g_test_build_filename (G_TEST_BUILT, dark ? "timeline-paint-dark.png" : "timeline-paint.png", NULL);
  cairo_surface_write_to_png (surface, png);

  {
    int ok = pw_timeline_layout_find_row (layout, "ok");
    int flaky = pw_timeline_layout_find_row (layout, "flaky");
    int cached = pw_timeline_layout_find_row (layout, "cached");
    int live = pw_timeline_layout_find_row (layout, "live");
    PwDagColor stripe_bg;

    /* Waiting: thin, in Pending's colour; a few pixels above it is not. */
    assert_color_at (surface, lx + 0.5 * pps, row_mid (ok), &colors.state[PW_STATE_TYPE_PENDING],
                     "the wait of “ok”");
    pixel (surface, (int)(lx + 0.5 * pps), (int)row_mid (ok) - 6, &stripe_bg);
    g_assert_true (fabs (stripe_bg.red - colors.state[PW_STATE_TYPE_PENDING].red) > 0.05 ||
                   fabs (stripe_bg.blue - colors.state[PW_STATE_TYPE_PENDING].blue) > 0.05);
    /* The attempt: full height, completed green. */
    assert_color_at (surface, lx + 2 * pps, row_mid (ok), &colors.state[PW_STATE_TYPE_COMPLETED],
                     "the attempt of “ok”");
    assert_color_at (surface, lx + 2 * pps, row_mid (ok) - 6, &colors.state[PW_STATE_TYPE_COMPLETED],
                     "the attempt of “ok”, near its top");

    /* The failed first attempt in red, the retry's wait in Scheduled's
     * colour, the second attempt green. */
    assert_color_at (surface, lx + 1.5 * pps, row_mid (flaky) + 5, &colors.state[PW_STATE_TYPE_FAILED],
                     "the failed attempt");
    assert_color_at (surface, lx + 2.6 * pps, row_mid (flaky), &colors.state[PW_STATE_TYPE_SCHEDULED],
                     "AwaitingRetry");
    assert_color_at (surface, lx + 4.5 * pps, row_mid (flaky) + 5, &colors.state[PW_STATE_TYPE_COMPLETED],
                     "the retry");

    /* The cache hit: a green diamond at 0.5 s. */
    assert_color_at (surface, lx + 0.5 * pps, row_mid (cached), &colors.state[PW_STATE_TYPE_COMPLETED],
                     "the cache hit");

    /* Live: running blue up to now (6 s), then the accent line at now. */
    assert_color_at (surface, lx + 5 * pps, row_mid (live) + 5, &colors.state[PW_STATE_TYPE_RUNNING],
                     "the running attempt");
    assert_color_at (surface, lx + 6 * pps + 0.5, PW_TIMELINE_HEADER_HEIGHT + 3, &colors.accent,
                     "the line at now");

    /* Nothing after now: the row's own background. */
    {
      PwDagColor stripe = pw_dag_color_alpha (&colors.fg, 0.025);
      PwDagColor row_bg = live % 2 == 1 ? pw_dag_color_over (&stripe, &colors.background)
                                        : colors.background;

      assert_color_at (surface, lx + 7.1 * pps, row_mid (live) + 5, &row_bg, "after now");
    }
  }

  cairo_surface_destroy (surface);
  run_clear (&run);
}

static void
test_export (void)
{
  Run run;
  g_autoptr(PwTimelineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pw-timeline-export-XXXXXX", NULL);
  g_autofree char *png_path = g_build_filename (dir, "run.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "run.svg", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-dir/run.png");
  g_autofree char *svg_text = NULL;
  PwDagColors colors;
  cairo_surface_t *image;

  make_run (&run);
  layout = pw_timeline_layout_new (G_LIST_MODEL (run.task_runs), G_LIST_MODEL (run.states),
                                   T0 + 6 * SEC);
  pw_dag_colors_init (&colors, FALSE);

  g_assert_true (pw_timeline_export (layout, &colors, NULL, png, PW_DAG_EXPORT_PNG, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), >, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (image), >=,
                   (int)(PW_TIMELINE_HEADER_HEIGHT + 4 * PW_TIMELINE_ROW_HEIGHT));
  cairo_surface_destroy (image);
  {
    /* A copy to look at. */
    g_autofree char *keep = g_test_build_filename (G_TEST_BUILT, "timeline-export.png", NULL);
    g_autoptr(GFile) keep_file = g_file_new_for_path (keep);

    g_assert_true (pw_timeline_export (layout, &colors, NULL, keep_file, PW_DAG_EXPORT_PNG, &error));
    g_assert_no_error (error);
  }

  g_assert_true (pw_timeline_export (layout, &colors, NULL, svg, PW_DAG_EXPORT_SVG, &error));
  g_assert_no_error (error);
  g_file_get_contents (svg_path, &svg_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (svg_text, "<?xml"));
  g_assert_nonnull (strstr (svg_text, "<svg"));
  g_assert_true (g_str_has_suffix (g_strchomp (svg_text), "</svg>"));

  /* Where it cannot be written: an I/O error, nothing else. */
  g_assert_false (pw_timeline_export (layout, &colors, NULL, nowhere, PW_DAG_EXPORT_PNG, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A run without task runs. */
  {
    g_autoptr(GListStore) none = g_list_store_new (PW_TYPE_TASK_RUN);
    g_autoptr(PwTimelineLayout) empty = pw_timeline_layout_new (G_LIST_MODEL (none), NULL, T0);

    g_assert_false (pw_timeline_export (empty, &colors, NULL, png, PW_DAG_EXPORT_PNG, &error));
    g_assert_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY);
  }

  g_unlink (png_path);
  g_unlink (svg_path);
  g_rmdir (dir);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/TimelinePaint/pixels/light", GINT_TO_POINTER (FALSE), test_pixels);
  g_test_add_data_func ("/TimelinePaint/pixels/dark", GINT_TO_POINTER (TRUE), test_pixels);
  g_test_add_func ("/TimelinePaint/export", test_export);

  return g_test_run ();
}
