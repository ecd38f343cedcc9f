/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pw-dag-canvas.h"
#include "pw-log-view.h"
#include "pw-radar-view.h"
#include "pw-run-view.h"
#include "pw-runs-page.h"
#include "pw-window.h"
#include "ui-test-common.h"

/*
 * The run view's Radar tab on a real run (PwLocalBackend, real task
 * processes): a flow of 30 tasks with dependencies and a sub-flow. The
 * radar lays it out by upstream depth, expands the sub-flow inline,
 * collapses a subtree; activating a node (on the radar or on the Graph
 * tab's canvas) shows that task's runs and log lines; a task run of the
 * inline sub-flow opens the sub-flow run. Screenshots (light and dark) go
 * to tests/ui/screenshots in the build directory.
 */

static const char child_flow[] =
  "{\"format\": \"pipewright-flow/1\", \"name\": \"child\","
  " \"tasks\": ["
  "  {\"key\": \"fetch\", \"kind\": \"command\", \"command\": [\"echo\", \"child fetch\"]},"
  "  {\"key\": \"score\", \"kind\": \"command\", \"command\": [\"echo\", \"child score\"], \"after\": [\"fetch\"]},"
  "  {\"key\": \"store\", \"kind\": \"command\", \"command\": [\"echo\", \"child store\"], \"after\": [\"score\"]}]}";

/* 30 tasks: extract; six fetches and their cleans; merge; eight reports
 * and the sub-flow after it; publish; two notifications; four audits on
 * their own, one failing. */
static char *
wide_flow (void)
{
  GString *s = g_string_new ("{\"format\": \"pipewright-flow/1\", \"name\": \"wide\", \"tasks\": [");

  g_string_append (s, "{\"key\": \"extract\", \"kind\": \"command\", \"command\": [\"echo\", \"extracted\"]}");
  for (guint i = 0; i < 6; i++)
    {
      g_string_append_printf (s, ",{\"key\": \"fetch_%u\", \"kind\": \"command\", \"command\": [\"echo\", \"fetched %u\"],"
                                 " \"after\": [\"extract\"]}", i, i);
      g_string_append_printf (s, ",{\"key\": \"clean_%u\", \"kind\": \"command\", \"command\": [\"echo\", \"cleaned %u\"],"
                                 " \"after\": [\"fetch_%u\"]}", i, i, i);
    }
  g_string_append (s, ",{\"key\": \"merge\", \"kind\": \"command\", \"command\": [\"echo\", \"merged\"], \"after\": [");
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (s, "%s\"clean_%u\"", i > 0 ? "," : "", i);
  g_string_append (s, "]}");
  for (guint i = 0; i < 8; i++)
    g_string_append_printf (s, ",{\"key\": \"report_%u\", \"kind\": \"command\", \"command\": [\"echo\", \"report %u\"],"
                               " \"after\": [\"merge\"]}", i, i);
  g_string_append (s, ",{\"key\": \"sub\", \"kind\": \"subflow\", \"flow\": \"child\", \"after\": [\"merge\"]}");
  g_string_append (s, ",{\"key\": \"publish\", \"kind\": \"command\", \"command\": [\"echo\", \"published\"],"
                      " \"after\": [\"sub\", \"report_0\", \"report_7\"]}");
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (s, ",{\"key\": \"notify_%u\", \"kind\": \"command\", \"command\": [\"echo\", \"notified\"],"
                               " \"after\": [\"publish\"]}", i);
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (s, ",{\"key\": \"audit_%u\", \"kind\": \"command\", \"command\": [\"%s\"]}",
                            i, i == 1 ? "false" : "true");
  g_string_append (s, "]}");

  return g_string_free (s, FALSE);
}

static gboolean
layout_has_n_nodes (gpointer data)
{
  gpointer *args = data;
  PwRadarLayout *layout = pw_radar_view_get_layout (args[0]);

  return layout != NULL && layout->n_nodes == GPOINTER_TO_UINT (args[1]);
}

static gboolean
wait_for_nodes (PwRadarView *radar,
                guint        n)
{
  gpointer args[2] = { radar, GUINT_TO_POINTER (n) };

  return wait_until (layout_has_n_nodes, args);
}

static int
node_named (PwRadarLayout *layout,
            const char    *label)
{
  for (guint i = 0; i < layout->n_nodes; i++)
    if (g_strcmp0 (layout->nodes[i].label, label) == 0)
      return i;
  g_error ("no node “%s” on the radar", label);
  return -1;
}

/* Clicks node @index's part at world (@wx, @wy) after centring the node,
 * as a pointer would. */
static void
click_world (PwRadarView *radar,
             guint        index,
             double       wx,
             double       wy,
             int          n_press,
             GdkModifierType state)
{
  PwRadarLayout *layout = pw_radar_view_get_layout (radar);
  double vx, vy;

  pw_radar_view_center_on (radar, layout->nodes[index].id);
  pw_radar_view_world_to_view (radar, wx, wy, &vx, &vy);
  pw_radar_view_click (radar, vx, vy, n_press, state);
}

static void
click_node (PwRadarView     *radar,
            const char      *label,
            int              n_press,
            GdkModifierType  state)
{
  PwRadarLayout *layout = pw_radar_view_get_layout (radar);
  int i = node_named (layout, label);

  click_world (radar, i, layout->nodes[i].x, layout->nodes[i].y, n_press, state);
}

static gboolean
subflow_loaded (gpointer data)
{
  gpointer *args = data;

  return pw_radar_view_get_subflow_loaded (args[0], args[1]);
}

static gboolean
tab_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (pw_run_view_get_tab (args[0]), args[1]) == 0;
}

static gboolean
log_filtered_to (gpointer data)
{
  gpointer *args = data;
  const PwLogFilter *filter = pw_log_model_get_filter (pw_log_view_get_model (args[0]));

  return filter != NULL && filter->task_run_id_any != NULL &&
         g_strcmp0 (filter->task_run_id_any[0], args[1]) == 0;
}

static gboolean
run_view_is (gpointer data)
{
  gpointer *args = data;
  PwRunView *view = pw_runs_page_get_run_view (((Fixture *)args[0])->runs_page);

  return view != NULL && g_strcmp0 (pw_run_view_get_flow_run_id (view), args[1]) == 0;
}

static const char *
task_run_id_of (PwRunView  *view,
                const char *task_key)
{
  GListModel *model = pw_run_view_get_task_runs (view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (model, i);

      if (g_strcmp0 (pw_task_run_get_task_key (task_run), task_key) == 0)
        return pw_task_run_get_id (task_run);
    }
  g_error ("no task run of “%s”", task_key);
  return NULL;
}

static void
assert_exports (PwRunView  *view,
                const char *what)
{
  g_autofree char *dir = g_dir_make_tmp ("run-radar-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "export.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "export.svg", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *image;

  g_assert_true (pw_run_view_export (view, what, png_file, PW_DAG_EXPORT_PNG, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), >, 100);
  cairo_surface_destroy (image);

  g_assert_true (pw_run_view_export (view, what, svg_file, PW_DAG_EXPORT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

static void
test_radar (Fixture *fixture)
{
  g_autofree char *wide = wide_flow ();
  g_autoptr(PwFlowRun) run = NULL;
  PwRunView *view;
  PwRadarView *radar;
  PwRadarLayout *layout;
  GtkWidget *canvas;
  gpointer args[2];
  int sub, merge, child;
  guint before;
  g_autofree char *sub_id = NULL;
  g_autofree char *child_run_id = NULL;
  g_autofree char *child_task_id = NULL;

  import_flow_text (fixture, "child.flow.json", child_flow);
  import_flow_text (fixture, "wide.flow.json", wide);
  run = start_run (fixture, "wide", NULL);
  wait_for_run_end (fixture, pw_flow_run_get_id (run));

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 860);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-run", "s",
                                             pw_flow_run_get_id (run)));
  view = pw_runs_page_get_run_view (fixture->runs_page);
  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_FAILED));
  g_assert_true (wait_for_n_items (pw_run_view_get_task_runs (view), 30));

  /* The radar: the run and its 30 task runs, on rings by depth. */
  pw_run_view_show_tab (view, "radar");
  radar = PW_RADAR_VIEW (pw_run_view_get_radar_view (view));
  g_assert_nonnull (radar);
  g_assert_true (wait_for_nodes (radar, 31));
  layout = pw_radar_view_get_layout (radar);
  g_assert_null (pw_radar_view_get_error (radar));
  g_assert_cmpuint (layout->nodes[node_named (layout, "extract-0")].ring, ==, 1);
  g_assert_cmpuint (layout->nodes[node_named (layout, "audit_1-0")].ring, ==, 1);
  g_assert_cmpuint (layout->nodes[node_named (layout, "fetch_3-0")].ring, ==, 2);
  g_assert_cmpuint (layout->nodes[node_named (layout, "clean_3-0")].ring, ==, 3);
  g_assert_cmpuint (layout->nodes[node_named (layout, "merge-0")].ring, ==, 4);
  g_assert_cmpuint (layout->nodes[node_named (layout, "report_5-0")].ring, ==, 5);
  g_assert_cmpuint (layout->nodes[node_named (layout, "publish-0")].ring, ==, 6);
  g_assert_cmpuint (layout->nodes[node_named (layout, "notify_1-0")].ring, ==, 7);
  g_assert_cmpint (layout->nodes[node_named (layout, "audit_1-0")].state, ==, PW_STATE_TYPE_FAILED);
  for (guint e = 0; e < layout->n_edges; e++)
    g_assert_cmpuint (layout->nodes[layout->edges[e].target].ring, >, layout->nodes[layout->edges[e].source].ring);
  save_screenshot (GTK_WIDGET (fixture->window), "radar-run.png");

  /* Hover and multi-select: Ctrl-click adds to the selection. */
  click_node (radar, "merge-0", 1, 0);
  click_node (radar, "extract-0", 1, GDK_CONTROL_MASK);
  {
    g_auto(GStrv) selected = pw_radar_view_get_selected (radar);

    g_assert_cmpuint (g_strv_length (selected), ==, 2);
  }
  pw_radar_view_set_hover (radar, layout->nodes[node_named (layout, "merge-0")].id);
  pw_radar_view_set_zoom (radar, 0.8);
  pw_radar_view_center_on (radar, layout->nodes[node_named (layout, "merge-0")].id);
  save_screenshot (GTK_WIDGET (radar), "radar-run-selected.png");
  click_node (radar, "extract-0", 1, 0);
  {
    g_auto(GStrv) selected = pw_radar_view_get_selected (radar);

    g_assert_cmpuint (g_strv_length (selected), ==, 1);
    g_assert_cmpstr (selected[0], ==, task_run_id_of (view, "extract"));
  }
  pw_radar_view_set_hover (radar, NULL);

  /* The sub-flow: its chevron expands it inline, read through the
   * backend; its tasks hang off it on the next rings. */
  layout = pw_radar_view_get_layout (radar);
  sub = node_named (layout, "sub-0");
  g_assert_cmpint (layout->nodes[sub].kind, ==, PW_RADAR_NODE_SUBFLOW);
  sub_id = g_strdup (layout->nodes[sub].id);
  {
    double cx, cy;

    pw_radar_node_subflow_toggle (layout, sub, &cx, &cy);
    click_world (radar, sub, cx, cy, 1, 0);
  }
  g_assert_true (pw_radar_view_get_subflow_expanded (radar, sub_id));
  args[0] = radar;
  args[1] = sub_id;
  g_assert_true (wait_until (subflow_loaded, args));
  g_assert_true (wait_for_nodes (radar, 34));
  layout = pw_radar_view_get_layout (radar);
  sub = node_named (layout, "sub-0");
  child = node_named (layout, "score-0");
  g_assert_cmpuint (layout->nodes[node_named (layout, "fetch-0")].ring, ==, layout->nodes[sub].ring + 1);
  g_assert_cmpuint (layout->nodes[child].ring, ==, layout->nodes[sub].ring + 2);
  g_assert_true (layout->nodes[sub].expanded);
  child_task_id = g_strdup (layout->nodes[child].id);
  pw_radar_view_zoom_to_fit (radar);
  save_screenshot (GTK_WIDGET (fixture->window), "radar-subflow-expanded.png");
  pw_radar_view_set_zoom (radar, 1.0);
  pw_radar_view_center_on (radar, sub_id);
  save_screenshot (GTK_WIDGET (radar), "radar-subflow-100.png");

  /* Collapse merge's subtree with its badge: a count shows, the nodes go. */
  before = layout->n_nodes;
  merge = node_named (layout, "merge-0");
  {
    double cx, cy;

    g_assert_true (pw_radar_node_collapse_badge (layout, merge, &cx, &cy));
    click_world (radar, merge, cx, cy, 1, 0);
  }
  layout = pw_radar_view_get_layout (radar);
  merge = node_named (layout, "merge-0");
  g_assert_true (layout->nodes[merge].collapsed);
  /* 8 reports, sub, publish, 2 notifications, 3 child tasks. */
  g_assert_cmpuint (layout->nodes[merge].hidden_count, ==, 15);
  g_assert_cmpuint (layout->n_nodes, ==, before);
  pw_radar_view_zoom_to_fit (radar);
  save_screenshot (GTK_WIDGET (radar), "radar-collapsed.png");
  pw_radar_view_set_collapsed (radar, layout->nodes[merge].id, FALSE);
  layout = pw_radar_view_get_layout (radar);
  g_assert_false (layout->nodes[node_named (layout, "merge-0")].collapsed);

  /* Export, the whole radar. */
  assert_exports (view, "radar");
  assert_exports (view, "timeline");
  pw_run_view_show_tab (view, "timeline");
  save_screenshot (GTK_WIDGET (fixture->window), "run-timeline-tab.png");

  /* Double-clicking a node shows that task's runs and its log lines. */
  click_node (radar, "clean_2-0", 2, 0);
  args[0] = view;
  args[1] = "tasks";
  g_assert_true (wait_until (tab_is, args));
  g_assert_cmpstr (pw_run_view_get_task_filter (view), ==, "clean_2");
  g_assert_cmpuint (g_list_model_get_n_items (pw_task_runs_view_get_task_runs (pw_run_view_get_tasks_view (view))), ==, 1);
  args[0] = pw_run_view_get_log_view (view);
  args[1] = (gpointer)task_run_id_of (view, "clean_2");
  g_assert_true (wait_until (log_filtered_to, args));
  save_screenshot (GTK_WIDGET (fixture->window), "radar-activated-tasks.png");
  pw_run_view_show_tab (view, "logs");
  g_assert_true (wait_for_label (GTK_WIDGET (pw_run_view_get_log_view (view)), "cleaned 2"));
  save_screenshot (GTK_WIDGET (fixture->window), "radar-activated-logs.png");

  /* Show all again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "run.show-all-tasks", NULL));
  g_assert_null (pw_run_view_get_task_filter (view));
  g_assert_cmpuint (g_list_model_get_n_items (pw_task_runs_view_get_task_runs (pw_run_view_get_tasks_view (view))), ==, 30);

  /* The Graph tab's canvas does the same for a task key. */
  pw_run_view_show_tab (view, "graph");
  canvas = pw_run_view_get_graph_canvas (view);
  g_signal_emit_by_name (canvas, "node-activated", "fetch_4");
  g_assert_cmpstr (pw_run_view_get_tab (view), ==, "tasks");
  g_assert_cmpstr (pw_run_view_get_task_filter (view), ==, "fetch_4");
  args[0] = pw_run_view_get_log_view (view);
  args[1] = (gpointer)task_run_id_of (view, "fetch_4");
  g_assert_true (wait_until (log_filtered_to, args));

  /* Dark, as the system may ask. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  pw_run_view_show_tab (view, "radar");
  pw_radar_view_zoom_to_fit (radar);
  save_screenshot (GTK_WIDGET (fixture->window), "radar-run-dark.png");
  pw_radar_view_set_zoom (radar, 0.9);
  pw_radar_view_center_on (radar, sub_id);
  save_screenshot (GTK_WIDGET (radar), "radar-subflow-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A task run of the inline sub-flow opens the sub-flow run. */
  child_run_id = g_strdup (pw_radar_view_get_layout (radar)->nodes[sub].child_flow_run_id);
  g_assert_nonnull (child_run_id);
  g_assert_true (pw_radar_view_activate (radar, child_task_id));
  args[0] = fixture;
  args[1] = child_run_id;
  g_assert_true (wait_until (run_view_is, args));
}

static const char slow_child_flow[] =
  "{\"format\": \"pipewright-flow/1\", \"name\": \"slow-child\","
  " \"tasks\": [{\"key\": \"nap\", \"kind\": \"command\", \"command\": [\"sleep\", \"4\"]}]}";

static const char parent_flow[] =
  "{\"format\": \"pipewright-flow/1\", \"name\": \"parent\","
  " \"tasks\": ["
  "  {\"key\": \"first\", \"kind\": \"command\", \"command\": [\"echo\", \"first\"]},"
  "  {\"key\": \"child\", \"kind\": \"subflow\", \"flow\": \"slow-child\", \"after\": [\"first\"]}]}";

static gboolean
running_subflow_shown (gpointer data)
{
  PwRadarLayout *layout = pw_radar_view_get_layout (data);

  for (guint i = 0; layout != NULL && i < layout->n_nodes; i++)
    if (layout->nodes[i].kind == PW_RADAR_NODE_SUBFLOW && layout->nodes[i].state == PW_STATE_TYPE_RUNNING)
      return TRUE;
  return FALSE;
}

/* While a sub-flow task runs, its state does not name its sub-flow run
 * yet: the radar asks the backend, and shows the node as a sub-flow that
 * can be expanded, live. */
static void
test_running_subflow (Fixture *fixture)
{
  g_autoptr(PwFlowRun) run = NULL;
  PwRunView *view;
  PwRadarView *radar;
  PwRadarLayout *layout;
  int sub;
  gpointer args[2];

  import_flow_text (fixture, "slow-child.flow.json", slow_child_flow);
  import_flow_text (fixture, "parent.flow.json", parent_flow);
  run = start_run (fixture, "parent", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-run", "s",
                                             pw_flow_run_get_id (run)));
  view = pw_runs_page_get_run_view (fixture->runs_page);
  g_assert_true (wait_until ((Condition)pw_run_view_get_radar_view, view));
  pw_run_view_show_tab (view, "radar");
  radar = PW_RADAR_VIEW (pw_run_view_get_radar_view (view));
  g_assert_true (wait_until (running_subflow_shown, radar));

  /* Expanded while it runs: its running task shows, then completes. */
  layout = pw_radar_view_get_layout (radar);
  sub = node_named (layout, "child-0");
  pw_radar_view_set_subflow_expanded (radar, layout->nodes[sub].id, TRUE);
  args[0] = radar;
  args[1] = layout->nodes[sub].id;
  g_assert_true (wait_until (subflow_loaded, args));
  g_assert_true (wait_for_nodes (radar, 4));
  save_screenshot (GTK_WIDGET (radar), "radar-running-subflow.png");
  wait_for_run_end (fixture, pw_flow_run_get_id (run));
  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_COMPLETED));
}

static PwTaskRun *
make_task_run (const char  *id,
               PwStateType  type,
               const char  *inputs)
{
  PwTaskRun *task_run = pw_task_run_new ("model-run", id, "0");
  g_autoptr(PwState) state = pw_state_new (type, NULL, NULL);

  pw_task_run_set_id (task_run, id);
  pw_task_run_set_name (task_run, id);
  pw_task_run_set_state (task_run, state);
  pw_task_run_set_task_inputs (task_run, inputs);
  return task_run;
}

static gboolean
n_nodes_is (gpointer data)
{
  gpointer *args = data;
  PwRadarLayout *layout = pw_radar_view_get_layout (args[0]);

  return layout != NULL && layout->n_nodes == GPOINTER_TO_UINT (args[1]);
}

static void
on_activated (PwRadarView *radar,
              const char  *id,
              char       **slot)
{
  g_free (*slot);
  *slot = g_strdup (id);
}

/* The widget on a model of its own: it follows appends and in-place
 * updates, expands an overflowing ring from its “+N”, zooms, reports a
 * cycle, and activates task runs (not the run). */
static void
test_view_model (void)
{
  GtkWidget *window = gtk_window_new ();
  PwRadarView *radar = PW_RADAR_VIEW (pw_radar_view_new ());
  g_autoptr(GListStore) store = g_list_store_new (PW_TYPE_TASK_RUN);
  g_autoptr(PwFlowRun) run = pw_flow_run_new ();
  g_autoptr(PwState) running = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);
  g_autofree char *activated = NULL;
  PwRadarLayout *layout;
  gpointer args[2] = { radar, NULL };
  double zoom, cx, cy, vx, vy;

  pw_flow_run_set_id (run, "model-run");
  pw_flow_run_set_name (run, "model run");
  pw_flow_run_set_state (run, running);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (radar));
  gtk_window_present (GTK_WINDOW (window));
  pw_radar_view_set_flow_run (radar, run);
  pw_radar_view_set_task_runs (radar, G_LIST_MODEL (store));
  g_signal_connect (radar, "task-run-activated", G_CALLBACK (on_activated), &activated);

  /* 40 tasks without upstreams: more than ring 1 has slots. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("root-%02u", i);
      g_autoptr(PwTaskRun) task_run = make_task_run (id, PW_STATE_TYPE_COMPLETED, "{}");

      g_list_store_append (store, task_run);
    }
  args[1] = GUINT_TO_POINTER (41);
  g_assert_true (wait_until (n_nodes_is, args));
  layout = pw_radar_view_get_layout (radar);
  g_assert_cmpuint (layout->rings[1].overflow, >, 0);
  save_screenshot (GTK_WIDGET (radar), "radar-overflow.png");

  /* Its “+N”, clicked, gives every node a slot. */
  g_assert_true (pw_radar_ring_overflow_badge (layout, 1, &cx, &cy));
  pw_radar_view_world_to_view (radar, cx, cy, &vx, &vy);
  pw_radar_view_click (radar, vx, vy, 1, 0);
  layout = pw_radar_view_get_layout (radar);
  g_assert_true (layout->rings[1].expanded);
  g_assert_cmpuint (layout->rings[1].overflow, ==, 0);
  save_screenshot (GTK_WIDGET (radar), "radar-overflow-expanded.png");

  /* Live: a task that waits for two others (Prefect's task_inputs shape),
   * then its state changes in place. */
  {
    g_autoptr(PwTaskRun) task_run = make_task_run ("joined", PW_STATE_TYPE_RUNNING,
                                                   "{\"x\": [{\"input_type\": \"task_run\", \"id\": \"root-01\"}],"
                                                   " \"y\": [{\"input_type\": \"parameter\", \"name\": \"p\"}],"
                                                   " \"wait_for\": [{\"input_type\": \"task_run\", \"id\": \"root-02\"}]}");
    g_autoptr(PwTaskRun) done = make_task_run ("joined", PW_STATE_TYPE_FAILED, pw_task_run_get_task_inputs (task_run));
    int i;

    g_list_store_append (store, task_run);
    args[1] = GUINT_TO_POINTER (42);
    g_assert_true (wait_until (n_nodes_is, args));
    layout = pw_radar_view_get_layout (radar);
    i = pw_radar_layout_lookup (layout, "joined");
    g_assert_cmpuint (layout->nodes[i].ring, ==, 2);
    g_assert_cmpuint (layout->nodes[i].n_up, ==, 2);
    g_assert_cmpint (layout->nodes[i].state, ==, PW_STATE_TYPE_RUNNING);

    pw_task_run_update_from (task_run, done);
    layout = pw_radar_view_get_layout (radar);
    g_assert_cmpint (layout->nodes[pw_radar_layout_lookup (layout, "joined")].state, ==, PW_STATE_TYPE_FAILED);
  }

  /* Zoom: the actions, and fit again. */
  pw_radar_view_zoom_to_fit (radar);
  zoom = pw_radar_view_get_zoom (radar);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.zoom-in", NULL));
  g_assert_cmpfloat (pw_radar_view_get_zoom (radar), >, zoom);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.zoom-out", NULL));
  g_assert_cmpfloat (pw_radar_view_get_zoom (radar), <, zoom);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.zoom-fit", NULL));
  g_assert_cmpfloat_with_epsilon (pw_radar_view_get_zoom (radar), zoom, 1e-9);

  /* Activation: a task run yes (Enter on the selection too), the run no. */
  g_assert_false (pw_radar_view_activate (radar, "model-run"));
  g_assert_null (activated);
  pw_radar_view_select (radar, "root-05", FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.activate", NULL));
  g_assert_cmpstr (activated, ==, "root-05");
  /* The arrows walk the nodes ring by ring: the run, then ring 1. */
  pw_radar_view_select (radar, NULL, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.select-next", NULL));
  {
    g_auto(GStrv) selected = pw_radar_view_get_selected (radar);

    g_assert_cmpstr (selected[0], ==, "model-run");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.select-next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.select-previous", NULL));
  {
    g_auto(GStrv) selected = pw_radar_view_get_selected (radar);

    g_assert_cmpstr (selected[0], ==, "model-run");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.select-previous", NULL));
  {
    g_auto(GStrv) selected = pw_radar_view_get_selected (radar);
    PwRadarLayout *now = pw_radar_view_get_layout (radar);

    /* Wrapped round to the outermost ring. */
    g_assert_cmpuint (now->nodes[pw_radar_layout_lookup (now, selected[0])].ring, ==, 2);
  }

  /* Escape: no selection. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (radar), "radar.reset", NULL));
  {
    g_auto(GStrv) selected = pw_radar_view_get_selected (radar);

    g_assert_cmpuint (g_strv_length (selected), ==, 0);
  }

  /* A cycle: reported by name, drawn as a message, not a hang. */
  {
    g_autoptr(PwTaskRun) a = make_task_run ("ping", PW_STATE_TYPE_COMPLETED,
                                            "{\"wait_for\": [{\"input_type\": \"task_run\", \"id\": \"pong\"}]}");
    g_autoptr(PwTaskRun) b = make_task_run ("pong", PW_STATE_TYPE_COMPLETED,
                                            "{\"wait_for\": [{\"input_type\": \"task_run\", \"id\": \"ping\"}]}");
    g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/radar.png");
    g_autoptr(GError) error = NULL;

    g_list_store_append (store, a);
    g_list_store_append (store, b);
    g_assert_nonnull (pw_radar_view_get_error (radar));
    g_assert_nonnull (strstr (pw_radar_view_get_error (radar), "“ping”"));
    g_assert_nonnull (strstr (pw_radar_view_get_error (radar), "“pong”"));
    save_screenshot (GTK_WIDGET (radar), "radar-cycle.png");
    g_assert_false (pw_radar_view_export (radar, file, PW_DAG_EXPORT_PNG, &error));
    g_assert_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY);

    g_list_store_remove (store, g_list_model_get_n_items (G_LIST_MODEL (store)) - 1);
    g_assert_null (pw_radar_view_get_error (radar));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A radar without a backend or model: nothing to draw, no crash; the
 * template-less widget is made and disposed cleanly. */
static void
test_empty_view (void)
{
  GtkWidget *window = gtk_window_new ();
  PwRadarView *radar = PW_RADAR_VIEW (pw_radar_view_new ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/radar.png");

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (radar));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (pw_radar_view_get_layout (radar));
  g_assert_false (pw_radar_view_activate (radar, "nothing"));
  pw_radar_view_click (radar, 10, 10, 1, 0);
  g_assert_false (pw_radar_view_export (radar, file, PW_DAG_EXPORT_PNG, &error));
  g_assert_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status = ui_test_init (&argc, &argv, &home);

  if (status >= 0)
    return status;

  add_app_test ("/Ui/radar/run", FALSE, test_radar);
  add_app_test ("/Ui/radar/running-subflow", FALSE, test_running_subflow);
  g_test_add_func ("/Ui/radar/empty-view", test_empty_view);
  g_test_add_func ("/Ui/radar/view-model", test_view_model);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
