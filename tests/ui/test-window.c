/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pw-application.h"
#include "pw-examples.h"
#include "pw-flow.h"
#include "pw-flow-row.h"
#include "pw-flow-tab.h"
#include "pw-flows-page.h"
#include "pw-local-backend.h"
#include "pw-log-view.h"
#include "pw-preferences-window.h"
#include "pw-run-dialog.h"
#include "pw-run-view.h"
#include "pw-runs-filter-bar.h"
#include "pw-runs-page.h"
#include "pw-state-chip.h"
#include "pw-task-runs-view.h"
#include "pw-window.h"
#include "ui-test-common.h"

/*
 * The window and the Flows page, on a real local database in a temporary
 * folder, under Xvfb. Every test saves screenshots of what it shows into
 * tests/ui/screenshots in the build directory.
 */

/* tests */

static void
test_first_run (Fixture *fixture)
{
  g_autoptr(GPtrArray) expected = example_names ();
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *marker = pw_examples_marker_path ();

  g_assert_cmpuint (expected->len, ==, 3);
  assert_flows_state (fixture, expected->len, "flows");

  shown = row_names (fixture);
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (expected, i));

  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));

  save_screenshot (GTK_WIDGET (fixture->window), "flows-page.png");

  /* The same in the dark style, where the accent tints must still read. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (fixture->window), "flows-page-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Narrow: the view switcher moves to the bottom bar. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 720);
  settle (300);
  save_screenshot (GTK_WIDGET (fixture->window), "flows-narrow.png");
}

static const char *
tab_view_name (gpointer tab)
{
  return pw_flow_tab_get_view (tab);
}

/* Activating a flow's row opens its tab: parameters, tasks, recent runs. */
static void
test_flow_tab (Fixture *fixture)
{
  g_autoptr(GPtrArray) expected = example_names ();
  GtkWidget *list_box;
  GtkListBoxRow *row = NULL;
  PwFlowTab *tab;
  GtkWidget *expander;
  PwFlow *flow;
  AdwTabView *tab_view = pw_flows_page_get_tab_view (fixture->flows_page);

  assert_flows_state (fixture, expected->len, "flows");
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 1);

  /* The flow with the most tasks shows the most. */
  list_box = find_descendant (library_root (fixture), GTK_TYPE_LIST_BOX, NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (list_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (PW_IS_FLOW_ROW (child) &&
        (row == NULL ||
         pw_flow_info_get_n_tasks (pw_flow_row_get_info (PW_FLOW_ROW (child))) >
         pw_flow_info_get_n_tasks (pw_flow_row_get_info (PW_FLOW_ROW (row)))))
      row = GTK_LIST_BOX_ROW (child);
  g_assert_nonnull (row);

  g_signal_emit_by_name (list_box, "row-activated", row);
  tab = pw_flows_page_get_selected_tab (fixture->flows_page);
  g_assert_nonnull (tab);
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 2);
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));

  /* The editor is the main view; the tasks as a list are in the overview. */
  g_assert_cmpstr (pw_flow_tab_get_editor_view (tab), ==, "editor");
  pw_flow_tab_set_editor_view (tab, "overview");
  flow = pw_flow_tab_get_flow (tab);
  g_assert_cmpstr (pw_flow_get_name (flow), ==, pw_flow_info_get_name (pw_flow_row_get_info (PW_FLOW_ROW (row))));
  g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, pw_flow_info_get_n_tasks (pw_flow_row_get_info (PW_FLOW_ROW (row))));

  /* One row per task, titled with its display name. */
  for (guint i = 0; i < pw_flow_get_n_tasks (flow); i++)
    {
      g_autoptr(PwTask) task = g_list_model_get_item (pw_flow_get_tasks (flow), i);

      g_assert_true (wait_for_label (GTK_WIDGET (tab), pw_task_get_display_name (task)));
    }
  g_assert_true (wait_for_label (GTK_WIDGET (tab), "No runs yet"));

  /* Expanded, a task's row shows what it runs. */
  expander = find_descendant (GTK_WIDGET (tab), ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_nonnull (expander);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  save_screenshot (GTK_WIDGET (fixture->window), "flow-tab.png");

  /* Opening it again shows the same tab; the library stays pinned. */
  pw_flows_page_show_library (fixture->flows_page);
  g_assert_null (pw_flows_page_get_selected_tab (fixture->flows_page));
  g_assert_true (pw_flows_page_open_flow (fixture->flows_page, pw_flow_get_name (flow)) == tab);
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 2);
  save_screenshot (GTK_WIDGET (fixture->window), "flow-tab-bar.png");

  /* Ctrl+W closes the tab, then the library remains. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL));
  g_assert_cmpint (adw_tab_view_get_n_pages (tab_view), ==, 1);
  g_assert_null (pw_flows_page_get_selected_tab (fixture->flows_page));
}

static void
test_search (Fixture *fixture)
{
  g_autoptr(GPtrArray) expected = example_names ();
  g_autoptr(GPtrArray) shown = NULL;
  const char *name = g_ptr_array_index (expected, 0);

  assert_flows_state (fixture, expected->len, "flows");

  set_search (fixture, name);
  assert_flows_state (fixture, 1, "flows");
  shown = row_names (fixture);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, name);
  save_screenshot (GTK_WIDGET (fixture->window), "flows-search.png");

  set_search (fixture, "no-flow-is-called-this");
  assert_flows_state (fixture, 0, "no-results");
  save_screenshot (GTK_WIDGET (fixture->window), "flows-no-results.png");

  set_search (fixture, "");
  assert_flows_state (fixture, expected->len, "flows");
}

static void
test_empty (Fixture *fixture)
{
  assert_flows_state (fixture, 0, "empty");
  save_screenshot (GTK_WIDGET (fixture->window), "flows-empty.png");
}

static gboolean
has_toast_with (gpointer data)
{
  Fixture *fixture = ((gpointer *)data)[0];
  const char *text = ((gpointer *)data)[1];
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window));
  GtkWidget *toast = find_descendant (content, GTK_TYPE_WIDGET, "toast");

  return toast != NULL && has_label_containing (toast, text);
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_import (Fixture *fixture)
{
  g_autoptr(GPtrArray) names = example_names ();
  g_autoptr(GFile) good = example_file (0);
  g_autoptr(GFile) broken = write_broken_flow (fixture);
  g_autofree char *imported = g_strdup_printf ("Imported “%s”", (char *)g_ptr_array_index (names, 0));
  gpointer toast_data[2] = { fixture, imported };
  AdwMessageDialog *dialog;

  assert_flows_state (fixture, 0, "empty");

  pw_window_import_files (fixture->window, &good, 1);
  assert_flows_state (fixture, 1, "flows");
  g_assert_true (wait_until (has_toast_with, toast_data));
  save_screenshot (GTK_WIDGET (fixture->window), "flows-imported.png");

  /* A file with problems: a dialog lists every one. */
  pw_window_import_files (fixture->window, &broken, 1);
  g_assert_true (wait_until (has_message_dialog, NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "broken.flow.json"));
  g_assert_true (has_label_containing (GTK_WIDGET (dialog), "retires"));
  g_assert_true (has_label_containing (GTK_WIDGET (dialog), "script"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  save_screenshot (GTK_WIDGET (dialog), "import-error.png");

  adw_message_dialog_response (dialog, "close");
  settle (50);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (n_flows (fixture), ==, 1);
}

static void
test_drop (Fixture *fixture)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (content);
  GtkDropTarget *target = NULL;
  g_autoptr(GFile) first = example_file (0);
  g_autoptr(GFile) second = example_file (1);
  GFile *files[] = { first, second };
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  assert_flows_state (fixture, 0, "empty");

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, G_N_ELEMENTS (files)));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  assert_flows_state (fixture, 2, "flows");
}

static void
test_open (Fixture *fixture)
{
  g_autoptr(GFile) file = example_file (1);
  AdwViewStack *stack;

  stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL));
  adw_view_stack_set_visible_child_name (stack, "runs");

  g_application_open (G_APPLICATION (fixture->app), &file, 1, "");
  assert_flows_state (fixture, 1, "flows");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "flows");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->app))), ==, 1);
}

static void
test_actions (Fixture *fixture)
{
  static const char *app_actions[] = { "quit", "preferences", "shortcuts", "about" };
  g_auto(GStrv) accels = NULL;
  GtkWidget *help_overlay;
  GtkWindow *preferences;
  GtkWindow *about;

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->app), app_actions[i]));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>q"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.preferences");
  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>comma"));

  /* The primary menu's items name existing actions. */
  {
    GtkWidget *menu_button = find_menu_button_with_model (GTK_WIDGET (fixture->window));
    GMenuModel *menu;

    g_assert_nonnull (menu_button);

    menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
    menu = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
    for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
      {
        g_autofree char *action = NULL;

        g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
        g_assert_true (g_str_has_prefix (action, "app."));
        g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->app), action + strlen ("app.")));
      }
    g_object_unref (menu);
  }

  /* The shortcuts window comes from gtk/help-overlay.ui. */
  help_overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));
  g_assert_nonnull (help_overlay);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "shortcuts", NULL);
  save_screenshot (help_overlay, "shortcuts.png");
  gtk_widget_set_visible (help_overlay, FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  preferences = find_toplevel (PW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (wait_for_label (GTK_WIDGET (preferences), fixture->db_path));
  save_screenshot (GTK_WIDGET (preferences), "preferences.png");
  gtk_window_destroy (preferences);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (about);

  /* Window actions, as the keyboard shortcuts use them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "deployments"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL))), ==, "deployments");
  save_screenshot (GTK_WIDGET (fixture->window), "deployments-page.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "runs"));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-page.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "work-queues"));
  save_screenshot (GTK_WIDGET (fixture->window), "work-queues-page.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL))), ==, "flows");

  /* Quitting closes every window, which ends the app. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
}

static gboolean
window_shown (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* With the schema installed, a window opens at the size and on the view
 * the last one closed with, and saves them when it closes. */
static void
test_window_state (Fixture *fixture)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *view = NULL;
  PwWindow *window;
  AdwViewStack *stack;
  int width, height;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("the GSettings schema is not installed (GSETTINGS_SCHEMA_DIR)");
      return;
    }

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_int (settings, "window-width", 720);
  g_settings_set_int (settings, "window-height", 560);
  g_settings_set_string (settings, "last-view", "runs");

  window = pw_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_shown, window));

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 720);
  g_assert_cmpint (height, ==, 560);
  stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "runs");

  adw_view_stack_set_visible_child_name (stack, "deployments");
  gtk_window_close (GTK_WINDOW (window));

  view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (view, ==, "deployments");
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* The database named by --db or $PIPEWRIGHT_DB is the one opened (the
 * fixture checks the path) and created. */
static void
test_database_choice (Fixture *fixture)
{
  g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_IS_REGULAR));
  assert_flows_state (fixture, 0, "empty");
}

static void
test_connection_popover (Fixture *fixture)
{
  GtkWidget *header = find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *button = find_descendant (header, GTK_TYPE_MENU_BUTTON, NULL);
  GtkPopover *popover;

  g_assert_nonnull (button);
  g_assert_true (wait_for_label (button, "Local"));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (wait_until (widget_drawn, popover));
  g_assert_true (wait_for_label (GTK_WIDGET (popover), fixture->db_path));
  save_screenshot (GTK_WIDGET (fixture->window), "connection.png");
  save_screenshot (GTK_WIDGET (popover), "connection-popover.png");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
database_error_cb (gpointer app)
{
  GtkWindow *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Could Not Open the Database");
  g_assert_null (pw_application_get_backend (PW_APPLICATION (app)));
  save_screenshot (GTK_WIDGET (dialog), "database-error.png");

  /* Its only answer ends the app. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "quit");
}

static void
database_error_activated_cb (GApplication *app)
{
  g_idle_add_once (database_error_cb, app);
}

/* A database that cannot be opened (here: a folder) is explained in a
 * dialog instead of a window. */
static void
test_database_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("pipewright-ui-XXXXXX", &error);
  PwApplication *app;

  g_assert_no_error (error);
  app = g_object_new (PW_TYPE_APPLICATION,
                      "application-id", APPLICATION_ID,
                      "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                      "database-path", folder,
                      NULL);
  g_signal_connect (app, "activate", G_CALLBACK (database_error_activated_cb), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_finalize_object (app);
  remove_tree (folder);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *)data == NULL;
}

/* Disposes @widget (which holds a reference) and waits until it is gone:
 * the reads it started come back cancelled and let go of it. */
static void
assert_widget_finalizes (gpointer widget)
{
  gpointer weak = widget;

  g_object_add_weak_pointer (G_OBJECT (widget), &weak);
  g_object_run_dispose (G_OBJECT (widget));
  g_object_unref (widget);
  g_assert_true (wait_until (pointer_cleared, &weak));
}

static void
backend_gone (gpointer data)
{
  *(gboolean *)data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *)data;
}

/* Every templated widget, built on its own. */
static void
test_templates (void)
{
  g_autoptr(PwFlowInfo) info = pw_flow_info_new ("id", "a-flow");
  static const char *tags[] = { "one", "two", "three", "four", "five", "six", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pipewright-ui-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "templates.db", NULL);
  g_autoptr(PwFlow) flow = pw_flow_new ("a-flow");
  g_autoptr(PwParameter) parameter = pw_parameter_new ("count", PW_PARAM_TYPE_INT);
  PwBackend *backend;
  GtkWidget *widget;
  GtkWindow *dialog;
  gboolean backend_finalized = FALSE;
  g_autoptr(GtkBuilder) builder = NULL;

  g_assert_no_error (error);
  backend = pw_local_backend_new (db, &error);
  g_assert_no_error (error);
  g_object_weak_ref (G_OBJECT (backend), (GWeakNotify)backend_gone, &backend_finalized);

  pw_flow_info_set_tags (info, tags);
  widget = g_object_ref_sink (GTK_WIDGET (pw_flow_row_new (info)));
  g_assert_true (pw_flow_row_get_info (PW_FLOW_ROW (widget)) == info);
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (g_object_new (PW_TYPE_FLOWS_PAGE, NULL));
  g_assert_null (pw_flows_page_get_backend (PW_FLOWS_PAGE (widget)));
  g_assert_null (pw_flows_page_get_flows (PW_FLOWS_PAGE (widget)));
  g_assert_cmpint (adw_tab_view_get_n_pages (pw_flows_page_get_tab_view (PW_FLOWS_PAGE (widget))), ==, 1);
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (g_object_new (PW_TYPE_RUNS_PAGE, NULL));
  g_assert_null (pw_runs_page_get_model (PW_RUNS_PAGE (widget)));
  g_assert_cmpstr (pw_runs_page_get_view (PW_RUNS_PAGE (widget)), ==, "list");
  pw_runs_page_set_backend (PW_RUNS_PAGE (widget), backend);
  /* Read once shown, not before. */
  g_assert_null (pw_runs_page_get_model (PW_RUNS_PAGE (widget)));
  assert_widget_finalizes (widget);

  widget = g_object_ref_sink (g_object_new (PW_TYPE_RUNS_FILTER_BAR, NULL));
  g_assert_cmpint (pw_runs_filter_bar_get_range (PW_RUNS_FILTER_BAR (widget)), ==, PW_RUNS_RANGE_WEEK);
  g_assert_false (pw_runs_filter_bar_get_active (PW_RUNS_FILTER_BAR (widget)));
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (pw_runs_chart_new ());
  g_assert_cmpuint (pw_runs_chart_get_n_buckets (PW_RUNS_CHART (widget)), ==, 0);
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (pw_state_chip_new ());
  pw_state_chip_set_state (PW_STATE_CHIP (widget), PW_STATE_TYPE_SCHEDULED, "AwaitingRetry");
  g_assert_cmpstr (pw_state_chip_get_label (PW_STATE_CHIP (widget)), ==, "Awaiting Retry");
  g_assert_true (gtk_widget_has_css_class (widget, "late"));
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (pw_task_runs_view_new (PW_TASK_RUNS_MODE_GRAPH));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (pw_task_runs_view_get_column_view (PW_TASK_RUNS_VIEW (widget)))), ==, 5);
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (pw_task_runs_view_new (PW_TASK_RUNS_MODE_DETAIL));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (pw_task_runs_view_get_column_view (PW_TASK_RUNS_VIEW (widget)))), ==, 7);
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (pw_log_view_new (backend, "no-such-run"));
  g_assert_nonnull (pw_log_view_get_model (PW_LOG_VIEW (widget)));
  assert_widget_finalizes (widget);

  widget = g_object_ref_sink (GTK_WIDGET (pw_run_view_new (backend, "no-such-run")));
  g_assert_cmpstr (pw_run_view_get_flow_run_id (PW_RUN_VIEW (widget)), ==, "no-such-run");
  assert_widget_finalizes (widget);

  widget = g_object_ref_sink (GTK_WIDGET (pw_flow_tab_new_empty (backend)));
  g_assert_cmpstr (pw_flow_tab_get_view (PW_FLOW_TAB (widget)), ==, "new");
  g_assert_cmpstr (pw_flow_tab_get_title (PW_FLOW_TAB (widget)), ==, "New Flow");
  assert_widget_finalizes (widget);

  pw_flow_add_parameter (flow, parameter);
  dialog = GTK_WINDOW (pw_run_dialog_new (backend, flow, 1));
  g_assert_true (pw_run_dialog_get_valid (PW_RUN_DIALOG (dialog)) == FALSE);
  gtk_window_destroy (dialog);

  builder = gtk_builder_new_from_resource ("/io/github/pipewright/Pipewright/gtk/help-overlay.ui");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  g_object_unref (backend);
  g_assert_true (wait_until (flag_set, &backend_finalized));
  remove_tree (dir);
}

static void
test_row_details (void)
{
  g_autoptr(PwFlowInfo) info = pw_flow_info_new ("id", "a-flow");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 10, 12, 0, 0);
  g_autoptr(GDateTime) hours_ago = g_date_time_add_hours (now, -2);
  g_autoptr(GDateTime) long_ago = g_date_time_new_utc (2025, 1, 5, 9, 0, 0);
  g_autofree char *none = NULL;
  g_autofree char *recent = NULL;
  g_autofree char *old = NULL;

  pw_flow_info_set_n_tasks (info, 1);
  none = pw_flow_row_format_details (info, now);
  g_assert_cmpstr (none, ==, "1 task");

  pw_flow_info_set_n_tasks (info, 5);
  pw_flow_info_set_updated (info, hours_ago);
  recent = pw_flow_row_format_details (info, now);
  g_assert_cmpstr (recent, ==, "5 tasks · updated 2 hours ago");

  pw_flow_info_set_updated (info, long_ago);
  old = pw_flow_row_format_details (info, now);
  g_assert_true (g_str_has_prefix (old, "5 tasks · updated on "));
  g_assert_nonnull (strstr (old, "2025"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status = ui_test_init (&argc, &argv, &home);

  if (status >= 0)
    return status;

  g_test_add_func ("/Ui/templates", test_templates);
  g_test_add_func ("/Ui/flow-row/details", test_row_details);
  add_app_test ("/Ui/flows/first-run", TRUE, test_first_run);
  add_app_test ("/Ui/flows/search", TRUE, test_search);
  add_app_test ("/Ui/flows/tab", TRUE, test_flow_tab);
  add_app_test ("/Ui/flows/empty", FALSE, test_empty);
  add_app_test ("/Ui/flows/import", FALSE, test_import);
  add_app_test ("/Ui/flows/drop", FALSE, test_drop);
  add_app_test ("/Ui/app/open", FALSE, test_open);
  add_app_test ("/Ui/app/actions", FALSE, test_actions);
  add_app_test ("/Ui/window/state", FALSE, test_window_state);
  add_app_test_with_db ("/Ui/app/db-option", test_database_choice, DB_FROM_OPTION);
  add_app_test_with_db ("/Ui/app/db-environment", test_database_choice, DB_FROM_ENVIRONMENT);
  g_test_add_func ("/Ui/app/db-error", test_database_error);
  add_app_test ("/Ui/window/connection", FALSE, test_connection_popover);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
