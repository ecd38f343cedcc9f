/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PwTimelineView under Xvfb, on a real flow run of PwLocalBackend: a task
 * that fails and is retried, and a task taken from the cache. The test
 * mirrors the task runs into a list as the run view does (updated in
 * place and appended to, as the backend reports changes), shows the
 * timeline while the run goes on, checks its segments, activation, zoom
 * and export, and saves screenshots (light and dark) into
 * tests/timeline/screenshots of the build directory.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pw-local-backend.h"
#include "pw-timeline-canvas.h"
#include "pw-timeline-view.h"
#include "timeline-test-flow.h"

typedef struct
{
  char       *dir;
  PwBackend  *backend;
  GListStore *task_runs;     /* the mirror the run view would keep */
  char       *flow_run_id;
  gboolean    reading;
  gboolean    read_again;
} Fixture;

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int width, height;

  g_assert_true (wait_until (widget_drawn, widget));
  settle (400);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        settle (20);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The mirror: what the run view does with the backend's task-run-changed. */

static void read_task_runs (Fixture *f);

static void
task_runs_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = pw_backend_list_task_runs_finish (PW_BACKEND (object), result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (fresh); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (fresh, i);
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (f->task_runs)); j++)
        {
          g_autoptr(PwTaskRun) known = g_list_model_get_item (G_LIST_MODEL (f->task_runs), j);

          if (g_str_equal (pw_task_run_get_id (known), pw_task_run_get_id (task_run)))
            {
              pw_task_run_update_from (known, task_run);
              found = TRUE;
              break;
            }
        }
      if (!found)
        g_list_store_append (f->task_runs, task_run);
    }
  f->reading = FALSE;
  if (f->read_again)
    {
      f->read_again = FALSE;
      read_task_runs (f);
    }
}

static void
read_task_runs (Fixture *f)
{
  if (f->reading)
    {
      f->read_again = TRUE;
      return;
    }
  f->reading = TRUE;
  pw_backend_list_task_runs_async (f->backend, f->flow_run_id, NULL, task_runs_read_cb, f);
}

static void
on_task_run_changed (PwBackend  *backend,
                     const char *flow_run_id,
                     const char *task_run_id,
                     Fixture    *f)
{
  if (f->flow_run_id != NULL && g_str_equal (flow_run_id, f->flow_run_id))
    read_task_runs (f);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static PwTimelineCanvas *
find_canvas (GtkWidget *widget)
{
  if (PW_IS_TIMELINE_CANVAS (widget))
    return PW_TIMELINE_CANVAS (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PwTimelineCanvas *found = find_canvas (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  Fixture          *f;
  PwTimelineCanvas *canvas;
  PwFlowRun        *run;
} Watch;

static gboolean
run_finished (gpointer data)
{
  Watch *w = data;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(PwFlowRun) run = NULL;

  pw_backend_get_flow_run_async (w->f->backend, w->f->flow_run_id, NULL, store_result, &slot);
  while (slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = slot;
  run = pw_backend_get_flow_run_finish (w->f->backend, result, NULL);
  if (run == NULL || !pw_state_type_is_terminal (pw_flow_run_get_state_type (run)))
    return FALSE;
  g_set_object (&w->run, run);
  return TRUE;
}

static const PwTimelineRow *
row_for_key (const PwTimelineLayout *layout,
             const char             *key)
{
  for (guint i = 0; i < pw_timeline_layout_get_n_rows (layout); i++)
    if (g_str_equal (pw_timeline_layout_get_row (layout, i)->task_key, key))
      return pw_timeline_layout_get_row (layout, i);
  return NULL;
}

static guint
count_segments (const PwTimelineLayout *layout,
                const PwTimelineRow    *row,
                PwTimelineSegmentKind   kind)
{
  guint n = 0;

  for (guint s = row->first_segment; s < row->first_segment + row->n_segments; s++)
    if (pw_timeline_layout_get_segment (layout, s)->kind == kind)
      n++;
  return n;
}

/* Done when the view shows the finished run: every task run terminal, the
 * retried one with two attempts from the history, the cached one's hit. */
static gboolean
timeline_complete (gpointer data)
{
  Watch *w = data;
  const PwTimelineLayout *layout = pw_timeline_canvas_get_layout (w->canvas);
  const PwTimelineRow *flaky, *prepare, *report;

  if (layout == NULL || !pw_timeline_layout_has_history (layout))
    return FALSE;
  flaky = row_for_key (layout, "flaky");
  prepare = row_for_key (layout, "prepare");
  report = row_for_key (layout, "report");
  return flaky != NULL && prepare != NULL && report != NULL &&
         report->state_type == PW_STATE_TYPE_COMPLETED &&
         count_segments (layout, flaky, PW_TIMELINE_SEGMENT_RUNNING) == 2 &&
         count_segments (layout, prepare, PW_TIMELINE_SEGMENT_CACHED) == 1 &&
         !pw_timeline_layout_is_live (layout);
}

/* While "report" runs: the layout is live and ends at now. */
static gboolean
timeline_live (gpointer data)
{
  Watch *w = data;
  const PwTimelineLayout *layout = pw_timeline_canvas_get_layout (w->canvas);
  const PwTimelineRow *report;

  if (layout == NULL || !pw_timeline_layout_has_history (layout))
    return FALSE;
  report = row_for_key (layout, "report");
  return report != NULL && report->state_type == PW_STATE_TYPE_RUNNING &&
         pw_timeline_layout_is_live (layout);
}

static void
on_activated (PwTimelineView *view,
              const char     *task_run_id,
              char          **out)
{
  g_free (*out);
  *out = g_strdup (task_run_id);
}

static void
test_view (void)
{
  Fixture fixture = { 0, }, *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_path = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *activated = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(PwFlowRun) warm = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwFlowRun) started = NULL;
  GAsyncResult *slot = NULL;
  GtkWidget *window, *view;
  Watch w = { f, NULL, NULL };
  const PwTimelineLayout *layout;
  const PwTimelineRow *flaky, *prepare;
  const PwTimelineSegment *first_attempt = NULL;
  double zoom;
  int flaky_row;

  f->dir = g_dir_make_tmp ("pw-test-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *db = g_build_filename (f->dir, "test.db", NULL);

    f->backend = pw_local_backend_new (db, &error);
    g_assert_no_error (error);
  }
  flow_path = timeline_test_write_flow (f->dir);
  info = timeline_test_import (f->backend, flow_path);

  /* A first run fills the cache; without the marker, "flaky" fails its
   * first attempt again in the run we watch. */
  warm = timeline_test_run (f->backend, TIMELINE_TEST_FLOW);
  g_assert_cmpint (pw_flow_run_get_state_type (warm), ==, PW_STATE_TYPE_COMPLETED);
  marker = g_build_filename (f->dir, "flaky-ran-once", NULL);
  g_assert_cmpint (g_unlink (marker), ==, 0);

  f->task_runs = g_list_store_new (PW_TYPE_TASK_RUN);
  g_signal_connect (f->backend, "task-run-changed", G_CALLBACK (on_task_run_changed), f);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 320);
  view = pw_timeline_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  g_signal_connect (view, "task-run-activated", G_CALLBACK (on_activated), &activated);
  pw_timeline_view_set_backend (PW_TIMELINE_VIEW (view), f->backend);
  pw_timeline_view_set_task_runs (PW_TIMELINE_VIEW (view), G_LIST_MODEL (f->task_runs));
  gtk_window_present (GTK_WINDOW (window));
  w.canvas = find_canvas (view);
  g_assert_nonnull (w.canvas);

  /* Watch the run live, as the run view does. */
  pw_backend_run_flow_async (f->backend, TIMELINE_TEST_FLOW, 0, NULL, NULL, store_result, &slot);
  while (slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = slot;
  started = pw_backend_run_flow_finish (f->backend, result, &error);
  g_assert_no_error (error);
  f->flow_run_id = g_strdup (pw_flow_run_get_id (started));
  pw_timeline_view_set_flow_run (PW_TIMELINE_VIEW (view), started);
  read_task_runs (f);

  /* Live: the right edge is now, and the fitted view follows it. */
  g_assert_true (wait_until (timeline_live, &w));
  g_assert_true (pw_timeline_canvas_get_following (w.canvas));
  g_assert_cmpint (pw_timeline_layout_get_end (pw_timeline_canvas_get_layout (w.canvas)), ==,
                   pw_timeline_layout_get_now (pw_timeline_canvas_get_layout (w.canvas)));
  save_screenshot (window, "timeline-live.png");

  g_assert_true (wait_until (run_finished, &w));
  g_assert_cmpint (pw_flow_run_get_state_type (w.run), ==, PW_STATE_TYPE_COMPLETED);
  pw_timeline_view_set_flow_run (PW_TIMELINE_VIEW (view), w.run);
  read_task_runs (f);
  g_assert_true (wait_until (timeline_complete, &w));

  layout = pw_timeline_canvas_get_layout (w.canvas);
  flaky = row_for_key (layout, "flaky");
  prepare = row_for_key (layout, "prepare");
  g_assert_cmpuint (flaky->run_count, ==, 2);
  for (guint s = flaky->first_segment; s < flaky->first_segment + flaky->n_segments; s++)
    {
      const PwTimelineSegment *seg = pw_timeline_layout_get_segment (layout, s);

      if (seg->kind == PW_TIMELINE_SEGMENT_RUNNING && first_attempt == NULL)
        first_attempt = seg;
      g_assert_false (seg->estimated);
    }
  g_assert_true (first_attempt->failed);
  g_assert_cmpuint (first_attempt->attempt, ==, 1);
  g_assert_cmpstr (first_attempt->end_name, ==, "AwaitingRetry");
  g_assert_true (prepare->cached);
  g_assert_cmpstr (prepare->state_name, ==, "Cached");

  /* The mapped task: its row, then its four runs under it. */
  {
    const PwTimelineRow *shard = row_for_key (layout, "shard");
    guint head = shard - pw_timeline_layout_get_row (layout, 0);

    g_assert_null (shard->task_run_id);
    g_assert_cmpuint (shard->n_children, ==, 4);
    g_assert_cmpint (shard->state_type, ==, PW_STATE_TYPE_COMPLETED);
    for (guint i = 1; i <= 4; i++)
      {
        const PwTimelineRow *child = pw_timeline_layout_get_row (layout, head + i);

        g_assert_cmpuint (child->depth, ==, 1);
        g_assert_cmpuint (child->parent, ==, head);
        g_assert_nonnull (child->task_run_id);
        g_assert_cmpuint (count_segments (layout, child, PW_TIMELINE_SEGMENT_RUNNING), ==, 1);
      }
  }

  /* The tooltip of the first attempt. */
  {
    g_autofree char *text = pw_timeline_canvas_describe (w.canvas,
                                                         pw_timeline_layout_find_row (layout, flaky->task_run_id),
                                                         (int)(first_attempt - pw_timeline_layout_get_segment (layout, 0)));

    g_test_message ("tooltip: %s", text);
    g_assert_nonnull (strstr (text, "<b>flaky</b>"));
    g_assert_nonnull (strstr (text, "Attempt 1 of 2"));
    g_assert_nonnull (strstr (text, "AwaitingRetry"));
  }

  save_screenshot (window, "timeline.png");

  /* Enter on a row activates its task run. */
  flaky_row = pw_timeline_layout_find_row (layout, flaky->task_run_id);
  pw_timeline_canvas_select_row (w.canvas, flaky_row);
  g_assert_true (gtk_widget_activate_action (view, "timeline.activate-selected", NULL));
  g_assert_cmpstr (activated, ==, flaky->task_run_id);

  /* Zoom in (no longer fitted nor following), then fit again. */
  g_assert_true (pw_timeline_canvas_get_following (w.canvas));
  zoom = pw_timeline_canvas_get_zoom (w.canvas);
  g_assert_true (gtk_widget_activate_action (view, "timeline.zoom-in", NULL));
  g_assert_cmpfloat (pw_timeline_canvas_get_zoom (w.canvas), >, zoom * 1.2);
  g_assert_false (pw_timeline_canvas_get_following (w.canvas));
  g_assert_true (gtk_widget_activate_action (view, "timeline.zoom-in", NULL));
  save_screenshot (window, "timeline-zoomed.png");
  g_assert_true (gtk_widget_activate_action (view, "timeline.zoom-fit", NULL));
  g_assert_cmpfloat (fabs (pw_timeline_canvas_get_zoom (w.canvas) - zoom), <, zoom * 0.01);
  g_assert_true (pw_timeline_canvas_get_following (w.canvas));

  /* Export through the view. */
  {
    g_autofree char *png = g_build_filename (f->dir, "timeline.png", NULL);
    g_autofree char *svg = g_build_filename (f->dir, "timeline.svg", NULL);
    g_autoptr(GFile) png_file = g_file_new_for_path (png);
    g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
    g_autoptr(GdkTexture) texture = NULL;
    g_autofree char *svg_text = NULL;

    g_assert_true (pw_timeline_view_export (PW_TIMELINE_VIEW (view), png_file, PW_DAG_EXPORT_PNG, &error));
    g_assert_no_error (error);
    texture = gdk_texture_new_from_file (png_file, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), >, 1200);
    g_assert_true (pw_timeline_view_export (PW_TIMELINE_VIEW (view), svg_file, PW_DAG_EXPORT_SVG, &error));
    g_assert_no_error (error);
    g_file_get_contents (svg, &svg_text, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (svg_text, "<svg"));
  }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (window, "timeline-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* An empty view exports nothing, with an error that says so. */
  {
    GtkWidget *empty = g_object_ref_sink (pw_timeline_view_new ());
    g_autofree char *path = g_build_filename (f->dir, "empty.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_false (pw_timeline_view_export (PW_TIMELINE_VIEW (empty), file, PW_DAG_EXPORT_PNG, &error));
    g_assert_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY);
    g_clear_error (&error);
    g_object_unref (empty);
  }

  {
    gpointer view_weak = view;

    g_object_add_weak_pointer (G_OBJECT (view), &view_weak);
    gtk_window_destroy (GTK_WINDOW (window));
    settle (100);
    g_assert_null (view_weak);
  }
  g_signal_handlers_disconnect_by_data (f->backend, f);
  g_clear_object (&result);   /* its task holds the backend */
  g_clear_object (&w.run);
  g_clear_object (&f->task_runs);
  {
    gpointer weak = f->backend;
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_object_add_weak_pointer (G_OBJECT (f->backend), &weak);
    g_clear_object (&f->backend);
    while (weak != NULL && g_get_monotonic_time () < deadline)
      settle (10);
    g_assert_null (weak);
  }
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

    g_assert_cmpint (system (command), ==, 0);
  }
  g_free (f->flow_run_id);
  g_free (f->dir);
}

/* A backend without state history: one segment per task run from its
 * times, marked as estimated. The local backend's history is hidden by
 * giving the view no backend. */
static gboolean
has_layout (gpointer data)
{
  return pw_timeline_canvas_get_layout (data) != NULL;
}

static void
test_without_history (void)
{
  g_autoptr(GListStore) other = g_list_store_new (PW_TYPE_TASK_RUN);
  g_autoptr(PwTaskRun) other_run = pw_task_run_new ("other-run", "load", "0");
  g_autoptr(GListStore) task_runs = g_list_store_new (PW_TYPE_TASK_RUN);
  g_autoptr(PwTaskRun) task_run = pw_task_run_new ("run", "train", "0");
  g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_COMPLETED, "Completed", NULL);
  g_autoptr(GDateTime) start = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) end = g_date_time_add_seconds (start, 90);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = pw_timeline_view_new ();
  PwTimelineCanvas *canvas;
  const PwTimelineLayout *layout;
  const PwTimelineRow *row;

  pw_task_run_set_id (task_run, "tr-1");
  pw_task_run_set_name (task_run, "Train");
  pw_task_run_set_state (task_run, state);
  pw_task_run_set_start_time (task_run, start);
  pw_task_run_set_end_time (task_run, end);
  pw_task_run_set_run_count (task_run, 3);
  g_list_store_append (task_runs, task_run);

  pw_task_run_set_id (other_run, "tr-other");
  g_list_store_append (other, other_run);

  gtk_window_set_child (GTK_WINDOW (window), view);
  /* Another run's task runs, replaced before their layout is made (in a
   * thread): only the second list's layout shows. */
  pw_timeline_view_set_task_runs (PW_TIMELINE_VIEW (view), G_LIST_MODEL (other));
  pw_timeline_view_set_task_runs (PW_TIMELINE_VIEW (view), G_LIST_MODEL (task_runs));
  gtk_window_present (GTK_WINDOW (window));
  canvas = find_canvas (view);
  g_assert_true (wait_until (has_layout, canvas));
  settle (100);
  layout = pw_timeline_canvas_get_layout (canvas);
  g_assert_cmpuint (pw_timeline_layout_get_n_rows (layout), ==, 1);
  g_assert_cmpint (pw_timeline_layout_find_row (layout, "tr-other"), ==, -1);
  row = pw_timeline_layout_get_row (layout, 0);
  g_assert_cmpstr (row->task_run_id, ==, "tr-1");
  g_assert_cmpuint (row->n_segments, ==, 1);
  g_assert_true (pw_timeline_layout_get_segment (layout, row->first_segment)->estimated);
  g_assert_cmpuint (pw_timeline_layout_get_segment (layout, row->first_segment)->n_attempts, ==, 3);
  /* Gone with a layout on its way: it is dropped in its thread. */
  pw_timeline_view_set_task_runs (PW_TIMELINE_VIEW (view), G_LIST_MODEL (other));
  gtk_window_destroy (GTK_WINDOW (window));
  settle (50);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_message ("no display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/TimelineView/run", test_view);
  g_test_add_func ("/TimelineView/without-history", test_without_history);

  return g_test_run ();
}
