/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PwTimelineView on a remote profile, under Xvfb: a run made by the CLI in
 * another process, read through a real `pipewright-cli serve` by
 * PwRemoteBackend. The view gets the state history from the server
 * (/api/pipewright/flow_runs/{id}/task_run_states) and draws the retried
 * task's two attempts and the cache hit, as on the local backend.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pw-remote-backend.h"
#include "pw-timeline-canvas.h"
#include "pw-timeline-view.h"
#include "test-api-common.h"
#include "timeline-test-flow.h"

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
count_kind (const PwTimelineLayout *layout,
            const PwTimelineRow    *row,
            PwTimelineSegmentKind   kind)
{
  guint n = 0;

  for (guint s = row->first_segment; s < row->first_segment + row->n_segments; s++)
    if (pw_timeline_layout_get_segment (layout, s)->kind == kind)
      n++;
  return n;
}

static gboolean
drawn_from_history (gpointer data)
{
  const PwTimelineLayout *layout = pw_timeline_canvas_get_layout (data);
  const PwTimelineRow *flaky, *prepare;

  if (layout == NULL || !pw_timeline_layout_has_history (layout))
    return FALSE;
  flaky = row_for_key (layout, "flaky");
  prepare = row_for_key (layout, "prepare");
  return flaky != NULL && prepare != NULL &&
         count_kind (layout, flaky, PW_TIMELINE_SEGMENT_RUNNING) == 2 &&
         count_kind (layout, prepare, PW_TIMELINE_SEGMENT_CACHED) == 1;
}

static void
test_remote (ApiFixture    *f,
             gconstpointer  data)
{
  g_autofree char *path = timeline_test_write_flow (f->dir);
  g_autofree char *marker = g_build_filename (f->dir, "flaky-ran-once", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GListModel) task_runs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GtkWidget *window, *view;
  PwTimelineCanvas *canvas;
  CliResult r = { 0, };

  /* The first run fills the cache; the second, without the marker,
   * retries "flaky" and takes "prepare" from the cache. */
  api_run_cli (f, &r, NULL, "flow", "import", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  first = api_run_flow (f, TIMELINE_TEST_FLOW);
  g_assert_cmpint (g_remove (marker), ==, 0);
  second = api_run_flow (f, TIMELINE_TEST_FLOW);

  api_serve (f, "--no-agent", NULL);
  backend = pw_remote_backend_new (f->url, NULL, &error);
  g_assert_no_error (error);

  pw_backend_get_flow_run_async (backend, second, NULL, api_store_result, &slot);
  result = api_wait (&slot);
  run = pw_backend_get_flow_run_finish (backend, result, &error);
  g_assert_no_error (error);
  task_runs = timeline_test_task_runs (backend, second);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 320);
  view = pw_timeline_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  pw_timeline_view_set_backend (PW_TIMELINE_VIEW (view), backend);
  pw_timeline_view_set_flow_run (PW_TIMELINE_VIEW (view), run);
  pw_timeline_view_set_task_runs (PW_TIMELINE_VIEW (view), task_runs);
  gtk_window_present (GTK_WINDOW (window));
  canvas = find_canvas (view);
  g_assert_true (api_wait_until (drawn_from_history, canvas, 30000));

  {
    const PwTimelineLayout *layout = pw_timeline_canvas_get_layout (canvas);
    const PwTimelineRow *flaky = row_for_key (layout, "flaky");

    for (guint s = flaky->first_segment; s < flaky->first_segment + flaky->n_segments; s++)
      g_assert_false (pw_timeline_layout_get_segment (layout, s)->estimated);
    g_assert_cmpuint (row_for_key (layout, "shard")->n_children, ==, 4);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  api_spin (100);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);
  if (!gtk_init_check ())
    {
      g_test_message ("no display");
      return 77;
    }
  adw_init ();

  g_test_add ("/TimelineView/remote", ApiFixture, NULL, api_fixture_set_up, test_remote,
              api_fixture_tear_down);

  return g_test_run ();
}
