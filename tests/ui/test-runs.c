/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pw-chart-buckets.h"
#include "pw-dag-canvas.h"
#include "pw-flow-tab.h"
#include "pw-flows-page.h"
#include "pw-log-view.h"
#include "pw-run-dialog.h"
#include "pw-run-list-model.h"
#include "pw-run-view.h"
#include "pw-runs-chart.h"
#include "pw-runs-filter-bar.h"
#include "pw-runs-page.h"
#include "pw-state-chip.h"
#include "pw-store.h"
#include "ui-test-common.h"

/* The run view's canvas shows the hello flow with each task Completed. */
static gboolean
graph_all_completed (gpointer data)
{
  PwDagCanvas *canvas = data;
  const char *keys[] = { "greet", "shout", "done" };

  if (canvas == NULL || pw_dag_canvas_get_flow (canvas) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (pw_dag_canvas_get_task_state (canvas, keys[i]) != PW_STATE_TYPE_COMPLETED)
      return FALSE;
  return TRUE;
}

/*
 * The Runs page, the run view and the log view, driven the way a user
 * does, on real runs of the real engine: run a flow with a parameter and
 * watch it complete, fail, be cancelled and retried; read a long log;
 * filter the runs; and the errors that show a status page with Retry.
 * Screenshots of each go to tests/ui/screenshots in the build directory.
 */

static const char slow_flow[] =
  "{\"format\": \"pipewright-flow/1\", \"name\": \"slow\","
  " \"description\": \"Waits a while between two echoes\","
  " \"parameters\": [{\"name\": \"seconds\", \"type\": \"string\", \"default\": \"1.5\"}],"
  " \"tasks\": ["
  "  {\"key\": \"start\", \"name\": \"Start\", \"kind\": \"command\", \"command\": [\"echo\", \"starting\"]},"
  "  {\"key\": \"wait\", \"name\": \"Wait\", \"kind\": \"command\","
  "   \"command\": [\"sleep\", \"{{ params.seconds }}\"], \"after\": [\"start\"]},"
  "  {\"key\": \"done\", \"name\": \"Done\", \"kind\": \"command\", \"command\": [\"echo\", \"done\"],"
  "   \"after\": [\"wait\"]}]}";

static const char flaky_flow[] =
  "{\"format\": \"pipewright-flow/1\", \"name\": \"flaky\","
  " \"description\": \"Fails until its marker file exists\","
  " \"parameters\": [{\"name\": \"marker\", \"type\": \"string\"}],"
  " \"tasks\": ["
  "  {\"key\": \"prepare\", \"name\": \"Prepare\", \"kind\": \"shell\","
  "   \"script\": \"sleep 0.8; echo prepared\"},"
  "  {\"key\": \"check\", \"name\": \"Check\", \"kind\": \"shell\", \"after\": [\"prepare\"],"
  "   \"script\": \"if [ -e {{ params.marker }} ]; then echo fixed; else echo 'marker missing' >&2; exit 3; fi\"}]}";

/* helpers */

static void
store_run_cb (PwRunDialog *dialog,
              PwFlowRun   *run,
              PwFlowRun  **slot)
{
  g_set_object (slot, run);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *)data != NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_toplevel (PW_TYPE_RUN_DIALOG) != NULL;
}

static const char *
tab_view_name (gpointer tab)
{
  return pw_flow_tab_get_view (tab);
}

static const char *
runs_content (gpointer page)
{
  return pw_runs_page_get_content (page);
}

static const char *
runs_view (gpointer page)
{
  return pw_runs_page_get_view (page);
}

static const char *
run_view_view (gpointer view)
{
  return pw_run_view_get_view (view);
}

static const char *
log_view_view (gpointer view)
{
  return pw_log_view_get_view (view);
}

typedef struct
{
  PwRunListModel *model;
  const char     *id;
  int             position;
} FindWait;

static gboolean
run_found (gpointer data)
{
  FindWait *wait = data;

  return pw_run_list_model_find (wait->model, wait->id) == wait->position;
}

static gboolean
has_toast (Fixture    *fixture,
           const char *text)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window));
  GtkWidget *toast = find_descendant (content, GTK_TYPE_WIDGET, "toast");

  return toast != NULL && has_label_containing (toast, text);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} ToastWait;

static gboolean
toast_shown (gpointer data)
{
  ToastWait *wait = data;

  return has_toast (wait->fixture, wait->text);
}

static gboolean
wait_for_toast (Fixture    *fixture,
                const char *text)
{
  ToastWait wait = { fixture, text };

  return wait_until (toast_shown, &wait);
}

static PwRunView *
show_run (Fixture    *fixture,
          const char *id)
{
  PwRunView *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-run", "s", id));
  view = pw_runs_page_get_run_view (fixture->runs_page);
  g_assert_nonnull (view);
  g_assert_cmpstr (pw_run_view_get_flow_run_id (view), ==, id);
  g_assert_cmpstr (pw_window_get_page (fixture->window), ==, "runs");
  g_assert_cmpstr (pw_runs_page_get_view (fixture->runs_page), ==, "run");

  return view;
}

/* Records the state types a run view shows, as they come. */
static void
state_seen_cb (PwFlowRun  *run,
               GParamSpec *pspec,
               GArray     *seen)
{
  PwStateType type = pw_flow_run_get_state_type (run);

  if (seen->len == 0 || g_array_index (seen, PwStateType, seen->len - 1) != type)
    g_array_append_val (seen, type);
}

static gboolean
view_has_run (gpointer data)
{
  return pw_run_view_get_run (data) != NULL;
}

static GArray *
watch_states (PwRunView *view)
{
  GArray *seen = g_array_new (FALSE, FALSE, sizeof (PwStateType));
  PwFlowRun *run;

  g_assert_true (wait_until (view_has_run, view));
  run = pw_run_view_get_run (view);
  state_seen_cb (run, NULL, seen);
  g_signal_connect (run, "notify::state-type", G_CALLBACK (state_seen_cb), seen);

  return seen;
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0 &&
          gtk_widget_get_mapped (child))
        return child;

      found = find_button_with_label (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
chart_counts_one (gpointer data)
{
  return !pw_runs_chart_get_loading (data) && pw_runs_chart_get_total (data) == 1;
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read_cb, &text);
  g_assert_true (wait_until (pointer_set, &text));
  return text;
}

/* tests */

/* Import the hello example, run it with a parameter through the dialog
 * (Ctrl+R), find the run on the Runs page, open it, see it complete and
 * read its log. */
static void
test_main_path (Fixture *fixture)
{
  g_autoptr(PwFlowRun) run = NULL;
  PwFlowTab *tab;
  PwRunDialog *dialog;
  PwRunListModel *model;
  PwRunView *view;
  PwLogView *log_view;
  FindWait find;

  assert_flows_state (fixture, 3, "flows");

  tab = pw_flows_page_open_flow (fixture->flows_page, "hello");
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));
  /* The parameters and recent runs as a list: the tab's overview. */
  pw_flow_tab_set_editor_view (tab, "overview");
  g_assert_true (wait_for_label (GTK_WIDGET (tab), "Whom to greet"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL));
  g_assert_true (wait_until (dialog_shown, NULL));
  dialog = PW_RUN_DIALOG (find_toplevel (PW_TYPE_RUN_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_true (pw_run_dialog_get_valid (dialog));
  g_assert_true (pw_run_dialog_set_value (dialog, "who", "Ada"));
  save_screenshot (GTK_WIDGET (dialog), "run-dialog.png");

  g_signal_connect (dialog, "started", G_CALLBACK (store_run_cb), &run);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.run", NULL));
  g_assert_true (wait_until (pointer_set, &run));
  g_assert_null (find_toplevel (PW_TYPE_RUN_DIALOG));
  g_assert_true (wait_for_toast (fixture, "Started"));
  g_assert_true (wait_for_label (GTK_WIDGET (tab), pw_flow_run_get_name (run)));
  save_screenshot (GTK_WIDGET (fixture->window), "run-started.png");

  /* The Runs page lists it, first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "runs"));
  model = pw_runs_page_get_model (fixture->runs_page);
  g_assert_true (wait_for_string (fixture->runs_page, runs_content, "runs"));
  find = (FindWait) { model, pw_flow_run_get_id (run), 0 };
  g_assert_true (wait_until (run_found, &find));
  g_assert_true (wait_for_label (GTK_WIDGET (fixture->runs_page), pw_flow_run_get_name (run)));
  wait_for_run_end (fixture, pw_flow_run_get_id (run));
  g_assert_true (wait_for_label (GTK_WIDGET (fixture->runs_page), "Completed"));
  /* The chart counts it too, by itself. */
  g_assert_true (wait_until (chart_counts_one, pw_runs_page_get_chart (fixture->runs_page)));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-page.png");

  /* Narrow: the filters scroll sideways, the table too. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 480, 720);
  save_screenshot (GTK_WIDGET (fixture->window), "runs-narrow.png");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 720);
  settle (200);

  /* The state filter's choices. */
  {
    GtkWidget *bar = GTK_WIDGET (pw_runs_page_get_filter_bar (fixture->runs_page));
    GtkWidget *button = find_descendant (bar, GTK_TYPE_MENU_BUTTON, NULL);

    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    g_assert_true (wait_until (widget_drawn, gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))));
    save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                     "runs-state-filter.png");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }

  /* Its view: Completed, with its parameter. */
  activate_row (pw_runs_page_get_column_view (fixture->runs_page), 0);
  view = pw_runs_page_get_run_view (fixture->runs_page);
  g_assert_nonnull (view);
  g_assert_cmpstr (pw_run_view_get_flow_run_id (view), ==, pw_flow_run_get_id (run));
  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_COMPLETED));
  g_assert_true (wait_for_label (GTK_WIDGET (view), "Completed"));
  g_assert_true (wait_for_label (GTK_WIDGET (view), "who = \"Ada\""));
  g_assert_true (wait_for_label (GTK_WIDGET (view), "Started by hand"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "run.copy-id", NULL));
  {
    g_autofree char *copied = read_clipboard (GTK_WIDGET (view));

    g_assert_cmpstr (copied, ==, pw_flow_run_get_id (run));
  }
  g_assert_true (wait_for_n_items (pw_run_view_get_task_runs (view), 3));
  g_assert_true (wait_for_label (GTK_WIDGET (pw_run_view_get_graph_view (view)), "shout-0"));
  /* The graph: the flow version that ran, every node coloured Completed. */
  g_assert_true (wait_until (graph_all_completed, pw_run_view_get_graph_canvas (view)));
  save_screenshot (GTK_WIDGET (fixture->window), "run-view.png");

  pw_run_view_show_tab (view, "tasks");
  g_assert_true (wait_for_label (GTK_WIDGET (pw_run_view_get_tasks_view (view)), "HELLO, ADA!"));
  save_screenshot (GTK_WIDGET (fixture->window), "run-tasks.png");

  /* Its log. */
  pw_run_view_show_tab (view, "logs");
  log_view = pw_run_view_get_log_view (view);
  g_assert_true (wait_for_string (log_view, log_view_view, "lines"));
  g_assert_true (wait_for_label (GTK_WIDGET (log_view), "Hello, Ada!"));
  g_assert_true (wait_for_label (GTK_WIDGET (log_view), "greet-0"));
  save_screenshot (GTK_WIDGET (fixture->window), "run-logs.png");

  /* Dark, as the system may ask. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (fixture->window), "run-logs-dark.png");
  pw_run_view_show_tab (view, "graph");
  save_screenshot (GTK_WIDGET (fixture->window), "run-view-dark.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL));
  g_assert_true (wait_for_string (fixture->runs_page, runs_view, "list"));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-page-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* A run followed while it runs: its duration ticks, and it completes in
 * the view and in the table without a refresh. */
static void
test_live (Fixture *fixture)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GArray) seen = NULL;
  g_autofree char *first = NULL;
  PwRunView *view;

  import_flow_text (fixture, "slow.flow.json", slow_flow);
  run = start_run (fixture, "slow", "{\"seconds\": \"2\"}");
  view = show_run (fixture, pw_flow_run_get_id (run));
  seen = watch_states (view);

  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_RUNNING));
  g_assert_true (wait_for_label (GTK_WIDGET (view), "Running"));
  g_assert_true (wait_for_n_items (pw_run_view_get_task_runs (view), 2));
  first = g_strdup (pw_run_view_get_duration_text (view));
  settle (1300);
  g_assert_cmpstr (pw_run_view_get_duration_text (view), !=, first);
  save_screenshot (GTK_WIDGET (fixture->window), "run-running.png");

  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_COMPLETED));
  g_assert_cmpuint (seen->len, >=, 2);
  g_assert_cmpint (g_array_index (seen, PwStateType, seen->len - 1), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_true (wait_for_n_items (pw_run_view_get_task_runs (view), 3));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL));
  g_assert_true (wait_for_label (GTK_WIDGET (fixture->runs_page), "Completed"));
}

/* A flow that fails updates its open view to Failed; retried from the
 * failed task once fixed, it completes. */
static void
test_fail_and_retry (Fixture *fixture)
{
  g_autofree char *marker = g_build_filename (fixture->tmpdir, "marker", NULL);
  g_autofree char *parameters = g_strdup_printf ("{\"marker\": \"%s\"}", marker);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GArray) seen = NULL;
  g_autoptr(GError) error = NULL;
  PwRunView *view;
  PwRunView *retry;

  import_flow_text (fixture, "flaky.flow.json", flaky_flow);
  run = start_run (fixture, "flaky", parameters);
  view = show_run (fixture, pw_flow_run_get_id (run));
  seen = watch_states (view);

  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_FAILED));
  g_assert_true (pw_state_type_is_terminal (PW_STATE_TYPE_FAILED));
  g_assert_cmpint (g_array_index (seen, PwStateType, 0), !=, PW_STATE_TYPE_FAILED);
  g_assert_true (wait_for_label (GTK_WIDGET (view), "Failed"));
  /* An ended run has no Cancel button. */
  g_assert_null (find_button_with_label (GTK_WIDGET (view), "_Cancel Run"));
  pw_run_view_show_tab (view, "tasks");
  g_assert_true (wait_for_label (GTK_WIDGET (view), "check-0"));
  save_screenshot (GTK_WIDGET (fixture->window), "run-failed.png");

  pw_run_view_show_tab (view, "logs");
  g_assert_true (wait_for_label (GTK_WIDGET (pw_run_view_get_log_view (view)), "marker missing"));
  save_screenshot (GTK_WIDGET (fixture->window), "run-failed-logs.png");

  /* Fixed: retry from the failed task. */
  g_file_set_contents (marker, "", 0, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "run.retry-failed", NULL));
  g_assert_true (wait_for_toast (fixture, "Started"));

  retry = pw_runs_page_get_run_view (fixture->runs_page);
  g_assert_nonnull (retry);
  g_assert_cmpstr (pw_run_view_get_flow_run_id (retry), !=, pw_flow_run_get_id (run));
  g_assert_true (wait_for_view_state (retry, PW_STATE_TYPE_COMPLETED));
  pw_run_view_show_tab (retry, "tasks");
  g_assert_true (wait_for_label (GTK_WIDGET (retry), "fixed"));
  save_screenshot (GTK_WIDGET (fixture->window), "run-retried.png");
}

/* A slow run cancelled from its view ends Cancelled, in the view. */
static void
test_cancel (Fixture *fixture)
{
  g_autoptr(PwFlowRun) run = NULL;
  PwRunView *view;

  import_flow_text (fixture, "slow.flow.json", slow_flow);
  run = start_run (fixture, "slow", "{\"seconds\": \"60\"}");
  view = show_run (fixture, pw_flow_run_get_id (run));

  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_RUNNING));
  g_assert_true (wait_for_n_items (pw_run_view_get_task_runs (view), 2));
  g_assert_nonnull (find_button_with_label (GTK_WIDGET (view), "_Cancel Run"));
  g_assert_true (gtk_widget_get_sensitive (find_button_with_label (GTK_WIDGET (view), "_Cancel Run")));
  save_screenshot (GTK_WIDGET (fixture->window), "run-before-cancel.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "run.cancel", NULL));
  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_CANCELLED));
  g_assert_true (wait_for_label (GTK_WIDGET (view), "Cancelled"));
  g_assert_null (find_button_with_label (GTK_WIDGET (view), "_Cancel Run"));
  save_screenshot (GTK_WIDGET (fixture->window), "run-cancelled.png");
}

/* A run with 50,000 log lines more than its own, written through the
 * store (as another process would): the view pages through them. */

#define MANY_LINES 50000

static void
append_lines (Fixture    *fixture,
              const char *flow_run_id,
              guint       first,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (fixture->db_path, &error);
  g_autoptr(GDateTime) base = g_date_time_new_now_utc ();

  g_assert_no_error (error);
  for (guint start = first; start < first + n; start += 5000)
    {
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = start; i < MIN (first + n, start + 5000); i++)
        {
          g_autoptr(GDateTime) at = g_date_time_add (base, (GTimeSpan)(i - first) * 10);
          g_autofree char *message = g_strdup_printf ("record %u of the long log", i);

          g_ptr_array_add (entries, pw_log_entry_new (flow_run_id, NULL, "test",
                                                      i % 10 == 0 ? 30 : 20, message, at));
        }
      g_assert_true (pw_store_append_logs (store, entries, &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  PwLogModel *model;
  guint       n;
} LogCountWait;

static gboolean
log_count_reached (gpointer data)
{
  LogCountWait *wait = data;

  return !pw_log_model_get_counting (wait->model) && !pw_log_model_get_loading (wait->model) &&
         g_list_model_get_n_items (G_LIST_MODEL (wait->model)) == wait->n;
}

static gboolean
wait_for_log_count (PwLogModel *model,
                    guint       n)
{
  LogCountWait wait = { model, n };

  return wait_until (log_count_reached, &wait);
}

static gboolean
search_done (gpointer data)
{
  return !pw_log_search_model_get_scanning (data);
}

static gboolean
at_bottom (gpointer data)
{
  return pw_log_view_is_at_bottom (data);
}

static void
test_logs_many (Fixture *fixture)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autofree char *saved = g_build_filename (fixture->tmpdir, "saved.log", NULL);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  PwRunView *view;
  PwLogView *log_view;
  PwLogModel *model;
  PwLogSearchModel *search;
  guint n_own;

  assert_flows_state (fixture, 3, "flows");
  run = start_run (fixture, "hello", "{\"who\": \"Logs\"}");
  wait_for_run_end (fixture, pw_flow_run_get_id (run));

  view = show_run (fixture, pw_flow_run_get_id (run));
  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_COMPLETED));
  log_view = pw_run_view_get_log_view (view);
  model = pw_log_view_get_model (log_view);
  g_assert_true (wait_until ((Condition)search_done, pw_log_view_get_search_model (log_view)));
  g_assert_true (wait_for_string (log_view, log_view_view, "lines"));
  n_own = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_own, >, 0);

  /* Written by another connection, as another process would: the
   * backend's watch of the database reports them (logs-appended), a
   * moment late. Refresh meanwhile: the count may hold the lines before
   * they are reported, and the model must not count them twice. */
  append_lines (fixture, pw_flow_run_get_id (run), 0, MANY_LINES);
  pw_run_view_show_tab (view, "logs");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (wait_for_log_count (model, n_own + MANY_LINES));
  /* It never held more than its bounded cache. */
  g_assert_cmpuint (pw_log_model_get_n_fetches (model), <, 200);

  pw_log_view_jump_to_top (log_view);
  g_assert_true (wait_for_label (GTK_WIDGET (log_view), "Hello, Logs!"));
  save_screenshot (GTK_WIDGET (fixture->window), "logs-top.png");

  pw_log_view_jump_to_bottom (log_view);
  g_assert_true (pw_log_view_get_follow (log_view));
  g_assert_true (wait_for_label (GTK_WIDGET (log_view), "record 49999 of"));
  g_assert_true (wait_until (at_bottom, log_view));
  save_screenshot (GTK_WIDGET (fixture->window), "logs-bottom.png");

  /* Following: new lines come into view as they are written. */
  /* Written by another connection: the backend's watch of the database
   * reports them (logs-appended), as it does for another process. */
  append_lines (fixture, pw_flow_run_get_id (run), MANY_LINES, 100);
  g_assert_true (wait_for_log_count (model, n_own + MANY_LINES + 100));
  g_assert_true (wait_for_label (GTK_WIDGET (log_view), "record 50099 of"));
  g_assert_true (wait_until (at_bottom, log_view));
  save_screenshot (GTK_WIDGET (fixture->window), "logs-followed.png");
  g_test_message ("%u page reads for %u lines", pw_log_model_get_n_fetches (model),
                  g_list_model_get_n_items (G_LIST_MODEL (model)));

  /* Search: the matches only, as they are found. */
  pw_log_view_set_search (log_view, "record 4999 of");
  search = pw_log_view_get_search_model (log_view);
  g_assert_true (wait_until (search_done, search));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (search)), ==, 1);
  pw_log_view_set_search (log_view, "RECORD 4999");
  g_assert_true (wait_until (search_done, search));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (search)), ==, 11);
  g_assert_true (wait_for_label (GTK_WIDGET (log_view), "record 49995 of"));
  save_screenshot (GTK_WIDGET (fixture->window), "logs-search.png");
  pw_log_view_set_search (log_view, NULL);

  /* Warnings and above: every tenth line. */
  pw_log_view_set_min_level (log_view, 30);
  g_assert_true (wait_for_log_count (model, (MANY_LINES + 100) / 10));
  save_screenshot (GTK_WIDGET (fixture->window), "logs-warnings.png");

  pw_log_view_save_to_file (log_view, saved_file);
  g_assert_true (wait_for_toast (fixture, "Saved 5010 lines"));
  g_file_get_contents (saved, &contents, NULL, &error);
  g_assert_no_error (error);
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 5010 + 1);
    g_assert_nonnull (strstr (lines[0], "WARNING"));
    g_assert_nonnull (strstr (lines[0], "record 0 of the long log"));
  }

  /* One task's lines only. */
  pw_log_view_set_min_level (log_view, 0);
  {
    g_autoptr(PwTaskRun) task_run = g_list_model_get_item (pw_run_view_get_task_runs (view), 0);

    pw_log_view_show_task (log_view, pw_task_run_get_id (task_run));
    g_assert_true (wait_until ((Condition)search_done, pw_log_view_get_search_model (log_view)));
    g_assert_true (wait_for_at_least (G_LIST_MODEL (model), 1));
    g_assert_true (wait_for_log_count (model, g_list_model_get_n_items (G_LIST_MODEL (model))));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <, 10);
    save_screenshot (GTK_WIDGET (fixture->window), "logs-one-task.png");
  }
}

/* Errors while loading show a status page with Retry, never a blank. */

static void
rename_table (Fixture    *fixture,
              const char *from,
              const char *to)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s RENAME TO %s", from, to);

  g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_errors (Fixture *fixture)
{
  g_autoptr(PwFlowRun) run = NULL;
  PwRunView *view;

  /* A run that does not exist. */
  view = show_run (fixture, "00000000-0000-7000-8000-000000000000");
  g_assert_true (wait_for_string (view, run_view_view, "error"));
  g_assert_nonnull (find_button_with_label (GTK_WIDGET (view), "_Retry"));
  g_assert_nonnull (find_button_with_label (GTK_WIDGET (view), "_Back to Runs"));
  save_screenshot (GTK_WIDGET (fixture->window), "run-not-found.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "run.reload", NULL));
  g_assert_true (wait_for_string (view, run_view_view, "error"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "runs.back", NULL));
  g_assert_cmpstr (pw_runs_page_get_view (fixture->runs_page), ==, "list");

  /* The database loses its runs table under the app's feet. */
  run = start_run (fixture, "hello", NULL);
  wait_for_run_end (fixture, pw_flow_run_get_id (run));
  g_assert_true (wait_for_string (fixture->runs_page, runs_content, "runs"));

  rename_table (fixture, "flow_runs", "flow_runs_away");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (wait_for_string (fixture->runs_page, runs_content, "error"));
  g_assert_nonnull (find_button_with_label (GTK_WIDGET (fixture->runs_page), "_Retry"));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-error.png");

  /* Repaired: Retry shows the runs again. */
  rename_table (fixture, "flow_runs_away", "flow_runs");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->runs_page), "runs.reload", NULL));
  g_assert_true (wait_for_string (fixture->runs_page, runs_content, "runs"));
  g_assert_true (wait_for_label (GTK_WIDGET (fixture->runs_page), pw_flow_run_get_name (run)));
}

/* Filters, on runs written through the store at known times. */

typedef struct
{
  gint64       hours_ago;
  PwStateType  end;
  const char  *tags[3];
} RunSpec;

static const RunSpec specs[] = {
  { 1, PW_STATE_TYPE_COMPLETED, { "prod", NULL } },
  { 2, PW_STATE_TYPE_FAILED, { "prod", "etl", NULL } },
  { 3 * 24, PW_STATE_TYPE_COMPLETED, { NULL } },
  { 10 * 24, PW_STATE_TYPE_CRASHED, { "etl", NULL } },
  { 20 * 24, PW_STATE_TYPE_COMPLETED, { NULL } },
  { 40 * 24, PW_STATE_TYPE_COMPLETED, { NULL } },
};

static void
create_runs (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (fixture->db_path, &error);
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_no_error (error);
  info = pw_store_get_flow_info (store, "hello", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(PwFlowRun) request = pw_flow_run_new ();
      g_autoptr(PwFlowRun) run = NULL;
      g_autoptr(GDateTime) when = g_date_time_add_hours (now, -specs[i].hours_ago);
      g_autoptr(GDateTime) started = g_date_time_add_seconds (when, 1);
      g_autoptr(GDateTime) ended = g_date_time_add_seconds (when, 5);
      g_autoptr(PwState) scheduled = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
      g_autoptr(PwState) running = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);
      g_autoptr(PwState) end = pw_state_new (specs[i].end, NULL, NULL);

      pw_flow_run_set_flow_id (request, pw_flow_info_get_id (info));
      pw_flow_run_set_tags (request, specs[i].tags[0] != NULL ? specs[i].tags : NULL);
      pw_state_set_timestamp (scheduled, when);
      pw_state_set_scheduled_time (scheduled, when);
      run = pw_store_create_flow_run (store, request, scheduled, NULL, &error);
      g_assert_no_error (error);

      pw_state_set_timestamp (running, started);
      g_assert_true (pw_store_set_flow_run_state (store, pw_flow_run_get_id (run), running, &error));
      pw_state_set_timestamp (end, ended);
      g_assert_true (pw_store_set_flow_run_state (store, pw_flow_run_get_id (run), end, &error));
      g_assert_no_error (error);
    }
}

static guint
shown_after (Fixture *fixture)
{
  PwRunListModel *model = pw_runs_page_get_model (fixture->runs_page);

  while (pw_run_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);

  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static gboolean
chart_loaded (gpointer data)
{
  return !pw_runs_chart_get_loading (data) && pw_runs_chart_get_n_buckets (data) > 0;
}

static void
test_filters (Fixture *fixture)
{
  PwRunsFilterBar *bar = pw_runs_page_get_filter_bar (fixture->runs_page);
  PwRunsChart *chart = pw_runs_page_get_chart (fixture->runs_page);
  const char * const prod[] = { "prod", NULL };
  const char * const prod_etl[] = { "prod", "etl", NULL };
  const char * const hello[] = { "hello", NULL };
  const char * const other[] = { "ml-training", NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) three_days = g_date_time_add_hours (now, -3 * 24);
  g_autoptr(GArray) buckets = NULL;
  guint64 total = 0;
  int bucket;

  assert_flows_state (fixture, 3, "flows");
  create_runs (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "runs"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));

  pw_runs_filter_bar_set_range (bar, PW_RUNS_RANGE_DAY);
  g_assert_cmpuint (shown_after (fixture), ==, 2);
  pw_runs_filter_bar_set_range (bar, PW_RUNS_RANGE_WEEK);
  g_assert_cmpuint (shown_after (fixture), ==, 3);
  pw_runs_filter_bar_set_range (bar, PW_RUNS_RANGE_ALL);
  g_assert_cmpuint (shown_after (fixture), ==, 6);
  pw_runs_filter_bar_set_range (bar, PW_RUNS_RANGE_MONTH);
  g_assert_cmpuint (shown_after (fixture), ==, 5);

  /* The chart of the last 30 days: a bar a day. */
  g_assert_true (wait_until (chart_loaded, chart));
  g_assert_cmpuint (pw_runs_chart_get_n_buckets (chart), ==, 30);
  for (guint i = 0; i < 30; i++)
    for (guint g = 0; g < PW_N_CHART_GROUPS; g++)
      total += pw_runs_chart_get_count (chart, i, g);
  g_assert_cmpuint (total, ==, 5);
  buckets = pw_chart_buckets_new (PW_CHART_RANGE_MONTH, now);
  bucket = pw_chart_buckets_find (buckets, g_date_time_to_unix (three_days) * G_USEC_PER_SEC);
  g_assert_cmpint (bucket, >=, 0);
  g_assert_cmpuint (pw_runs_chart_get_count (chart, bucket, PW_CHART_GROUP_COMPLETED), >=, 1);
  g_assert_cmpuint (pw_runs_chart_get_count (chart, 29, PW_CHART_GROUP_FAILED) +
                    pw_runs_chart_get_count (chart, 28, PW_CHART_GROUP_FAILED), ==, 1);
  g_assert_true (wait_for_string (fixture->runs_page, runs_content, "runs"));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-month.png");

  pw_runs_filter_bar_set_range (bar, PW_RUNS_RANGE_ALL);
  pw_runs_filter_bar_set_states (bar, PW_STATE_TYPE_MASK (PW_STATE_TYPE_FAILED) |
                                      PW_STATE_TYPE_MASK (PW_STATE_TYPE_CRASHED));
  g_assert_cmpuint (shown_after (fixture), ==, 2);
  g_assert_true (wait_for_label (GTK_WIDGET (bar), "2 States"));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-failed-only.png");
  pw_runs_filter_bar_set_states (bar, 0);

  pw_runs_filter_bar_set_tags (bar, prod);
  g_assert_cmpuint (shown_after (fixture), ==, 2);
  pw_runs_filter_bar_set_tags (bar, prod_etl);
  g_assert_cmpuint (shown_after (fixture), ==, 1);
  pw_runs_filter_bar_set_tags (bar, NULL);

  pw_runs_filter_bar_set_flows (bar, hello);
  g_assert_cmpuint (shown_after (fixture), ==, 6);
  pw_runs_filter_bar_set_started_by (bar, PW_STARTED_BY_DEPLOYMENT);
  g_assert_cmpuint (shown_after (fixture), ==, 0);
  pw_runs_filter_bar_set_started_by (bar, PW_STARTED_BY_HAND);
  g_assert_cmpuint (shown_after (fixture), ==, 6);

  pw_runs_filter_bar_set_flows (bar, other);
  g_assert_cmpuint (shown_after (fixture), ==, 0);
  g_assert_true (wait_for_string (fixture->runs_page, runs_content, "no-results"));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-no-results.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->runs_page), "runs.clear-filters", NULL));
  g_assert_false (pw_runs_filter_bar_get_active (bar));
  g_assert_cmpuint (shown_after (fixture), ==, 6);
}

/* The empty page says what to do. */
static void
test_empty (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "runs"));
  g_assert_true (wait_for_string (fixture->runs_page, runs_content, "empty"));
  g_assert_true (wait_for_label (GTK_WIDGET (fixture->runs_page), "No Runs Yet"));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-empty.png");
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* With the schema installed, the filters are those the last window had. */
static void
test_filters_remembered (Fixture *fixture)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  const char * const tags[] = { "prod", "nightly", NULL };
  const char * const flows[] = { "hello", NULL };
  PwRunsFilterBar *bar = pw_runs_page_get_filter_bar (fixture->runs_page);
  PwWindow *window;
  g_autofree char *range = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("the GSettings schema is not installed (GSETTINGS_SCHEMA_DIR)");
      return;
    }

  /* Between the two windows the app has none; keep it alive. */
  g_application_hold (G_APPLICATION (fixture->app));

  pw_runs_filter_bar_set_states (bar, PW_STATE_TYPE_MASK (PW_STATE_TYPE_FAILED));
  pw_runs_filter_bar_set_flows (bar, flows);
  pw_runs_filter_bar_set_tags (bar, tags);
  pw_runs_filter_bar_set_started_by (bar, PW_STARTED_BY_HAND);
  pw_runs_filter_bar_set_range (bar, PW_RUNS_RANGE_MONTH);
  gtk_window_close (GTK_WINDOW (fixture->window));

  settings = g_settings_new (APPLICATION_ID);
  range = g_settings_get_string (settings, "runs-filter-range");
  g_assert_cmpstr (range, ==, "month");

  /* The app started again: a new window. */
  window = pw_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_mapped, window));
  bar = pw_runs_page_get_filter_bar (pw_window_get_runs_page (window));
  g_assert_cmpuint (pw_runs_filter_bar_get_states (bar), ==, PW_STATE_TYPE_MASK (PW_STATE_TYPE_FAILED));
  g_assert_true (g_strv_equal (pw_runs_filter_bar_get_flows (bar), flows));
  g_assert_true (g_strv_equal (pw_runs_filter_bar_get_tags (bar), tags));
  g_assert_cmpint (pw_runs_filter_bar_get_started_by (bar), ==, PW_STARTED_BY_HAND);
  g_assert_cmpint (pw_runs_filter_bar_get_range (bar), ==, PW_RUNS_RANGE_MONTH);
  g_assert_true (pw_runs_filter_bar_get_active (bar));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "runs");
  save_screenshot (GTK_WIDGET (window), "runs-filters-remembered.png");

  pw_runs_filter_bar_clear (bar);
  pw_runs_filter_bar_set_range (bar, PW_RUNS_RANGE_WEEK);
  g_application_release (G_APPLICATION (fixture->app));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status = ui_test_init (&argc, &argv, &home);

  if (status >= 0)
    return status;

  add_app_test ("/Ui/runs/main-path", TRUE, test_main_path);
  add_app_test ("/Ui/runs/live", FALSE, test_live);
  add_app_test ("/Ui/runs/fail-and-retry", FALSE, test_fail_and_retry);
  add_app_test ("/Ui/runs/cancel", FALSE, test_cancel);
  add_app_test ("/Ui/runs/logs-many", TRUE, test_logs_many);
  add_app_test ("/Ui/runs/errors", TRUE, test_errors);
  add_app_test ("/Ui/runs/filters", TRUE, test_filters);
  add_app_test ("/Ui/runs/empty", FALSE, test_empty);
  add_app_test ("/Ui/runs/filters-remembered", FALSE, test_filters_remembered);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
