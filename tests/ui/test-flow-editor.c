/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include <gdk/x11/gdkx.h>
#include <libsoup/soup.h>

#include "pw-dag-canvas-private.h"
#include "pw-flow-file.h"
#include "pw-flow-tab.h"
#include "pw-flows-page.h"
#include "pw-remote-backend.h"
#include "pw-rest-server.h"
#include "ui-test-common.h"

/*
 * The flow tab as an editor, in the app under Xvfb: the canvas edits a
 * copy of the flow, the sidebar follows the selection (flow pane, task
 * pane, "N tasks selected"), edits in the panes undo through the canvas's
 * `canvas.undo`, Save makes version N+1 (read back through the backend)
 * and refuses a flow with problems, naming the task; the "•" of changes
 * not saved; closing asks first. The ML training example built from
 * nothing with the canvas's actions and the panes, saved and run to
 * Completed; a drag from one task's output port to another's input port
 * (the canvas's drag gesture fed the points a pointer gives it), undone;
 * a Prefect server: nothing editable, a banner says why.
 */

static const char *
tab_view_name (gpointer tab)
{
  return pw_flow_tab_get_view (tab);
}

static const char *
tab_title (gpointer tab)
{
  return pw_flow_tab_get_title (tab);
}

static gboolean
not_saving (gpointer tab)
{
  return !pw_flow_tab_get_saving (tab);
}

static gboolean
dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static guint
latest_version (Fixture    *fixture,
                const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;

  pw_backend_list_flows_async (fixture->backend, name, NULL, store_result_cb, &result);
  flows = pw_backend_list_flows_finish (fixture->backend, wait_for_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);

      if (g_strcmp0 (pw_flow_info_get_name (info), name) == 0)
        return pw_flow_info_get_version (info);
    }
  return 0;
}

typedef struct
{
  Fixture    *fixture;
  const char *name;
  guint       version;
} VersionWait;

static gboolean
latest_version_is_next (gpointer data)
{
  VersionWait *wait = data;

  return latest_version (wait->fixture, wait->name) == wait->version;
}

static PwFlow *
read_flow (Fixture    *fixture,
           const char *name,
           guint       version)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PwFlow *flow;

  pw_backend_get_flow_async (fixture->backend, name, version, NULL, store_result_cb, &result);
  flow = pw_backend_get_flow_finish (fixture->backend, wait_for_result (&result), &error);
  g_assert_no_error (error);
  return flow;
}

/* The entry row titled @title inside @widget. */
static GtkEditable *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found;

      if (ADW_IS_ENTRY_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return GTK_EDITABLE (child);

      found = find_entry_row (child, title);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwComboRow *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found;

      if (ADW_IS_COMBO_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return ADW_COMBO_ROW (child);

      found = find_combo_row (child, title);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button_with_tooltip (GtkWidget  *widget,
                          const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;

      found = find_button_with_tooltip (child, tooltip);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_binding (GtkWidget  *widget,
             const char *trigger,
             const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *a = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_strcmp0 (t, trigger) == 0 && strstr (a, action) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scrolled = find_descendant (widget, GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  settle (100);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static PwFlowTab *
open_tab (Fixture    *fixture,
          const char *name)
{
  PwFlowTab *tab = pw_flows_page_open_flow (fixture->flows_page, name);

  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));
  g_assert_nonnull (pw_flow_tab_get_edited_flow (tab));
  /* As a user would: once the canvas shows the flow. */
  g_assert_true (wait_until (widget_drawn, pw_flow_tab_get_canvas (tab)));
  settle (100);
  return tab;
}

static void
save_and_wait (PwFlowTab *tab)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab), "tab.save", NULL));
  g_assert_true (wait_until (not_saving, tab));
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (wait_until (dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle (50);
}

/* Select, edit in the panes, undo through the canvas, save: version N+1. */
static void
test_edit_save (Fixture *fixture)
{
  g_autoptr(PwFlow) saved = NULL;
  PwFlowTab *tab;
  PwDagCanvas *canvas;
  PwFlow *edited;
  PwTask *task;
  GtkEditable *description, *name;
  guint version;
  g_autofree char *key = NULL;

  assert_flows_state (fixture, 3, "flows");
  version = latest_version (fixture, "hello");
  tab = open_tab (fixture, "hello");
  canvas = pw_flow_tab_get_canvas (tab);
  edited = pw_flow_tab_get_edited_flow (tab);
  g_assert_true (edited != pw_flow_tab_get_flow (tab));
  g_assert_cmpstr (pw_flow_tab_get_editor_view (tab), ==, "editor");
  g_assert_cmpstr (pw_flow_tab_get_sidebar (tab), ==, "flow");
  g_assert_true (pw_flow_tab_get_editable (tab));
  g_assert_true (pw_dag_canvas_get_editable (canvas));
  g_assert_false (pw_flow_tab_get_modified (tab));
  g_assert_cmpstr (pw_flow_tab_get_title (tab), ==, "hello");
  save_screenshot (GTK_WIDGET (fixture->window), "editor-flow-pane.png");

  /* The flow pane: the description, typed, is one step; undone through
   * the canvas's action, the row follows. */
  description = find_entry_row (GTK_WIDGET (pw_flow_tab_get_flow_pane (tab)), "Description");
  g_assert_nonnull (description);
  gtk_editable_set_text (description, "Greets");
  gtk_editable_set_text (description, "Greets everyone");
  g_assert_cmpstr (pw_flow_get_description (edited), ==, "Greets everyone");
  g_assert_true (pw_flow_tab_get_modified (tab));
  g_assert_true (wait_for_string (tab, tab_title, "• hello"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL));
  g_assert_cmpstr (pw_flow_get_description (edited), ==, pw_flow_get_description (pw_flow_tab_get_flow (tab)));
  g_assert_cmpstr (gtk_editable_get_text (description), ==,
                   pw_flow_get_description (pw_flow_tab_get_flow (tab)) != NULL
                   ? pw_flow_get_description (pw_flow_tab_get_flow (tab)) : "");
  g_assert_false (pw_flow_tab_get_modified (tab));
  g_assert_cmpstr (pw_flow_tab_get_title (tab), ==, "hello");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.redo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (description), ==, "Greets everyone");

  /* One task selected: its pane; renamed there. */
  task = g_list_model_get_item (pw_flow_get_tasks (edited), 0);
  key = g_strdup (pw_task_get_key (task));
  g_object_unref (task);
  pw_dag_canvas_select_task (canvas, key, FALSE);
  g_assert_cmpstr (pw_flow_tab_get_sidebar (tab), ==, "task");
  g_assert_true (pw_task_pane_get_task (pw_flow_tab_get_task_pane (tab)) == pw_flow_get_task (edited, key));
  name = find_entry_row (GTK_WIDGET (pw_flow_tab_get_task_pane (tab)), "Name");
  g_assert_nonnull (name);
  gtk_editable_set_text (name, "Say hello");
  g_assert_cmpstr (pw_task_get_name (pw_flow_get_task (edited, key)), ==, "Say hello");
  save_screenshot (GTK_WIDGET (fixture->window), "editor-task-selected.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL));
  g_assert_cmpstr (pw_task_get_name (pw_flow_get_task (edited, key)), !=, "Say hello");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.redo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Say hello");

  /* Several selected: a count. */
  pw_dag_canvas_select_all (canvas);
  if (pw_flow_get_n_tasks (edited) > 1)
    {
      g_autofree char *count = g_strdup_printf ("%u Tasks Selected", pw_flow_get_n_tasks (edited));

      g_assert_cmpstr (pw_flow_tab_get_sidebar (tab), ==, "several");
      g_assert_true (wait_for_label (GTK_WIDGET (tab), count));
    }
  pw_dag_canvas_unselect_all (canvas);
  g_assert_cmpstr (pw_flow_tab_get_sidebar (tab), ==, "flow");

  /* Save: version N+1, as edited; no more "•"; editing goes on. */
  save_and_wait (tab);
  g_assert_null (pw_flow_tab_get_problems_text (tab));
  g_assert_cmpuint (latest_version (fixture, "hello"), ==, version + 1);
  g_assert_cmpuint (pw_flow_tab_get_version (tab), ==, version + 1);
  saved = read_flow (fixture, "hello", version + 1);
  g_assert_cmpstr (pw_flow_get_description (saved), ==, "Greets everyone");
  g_assert_cmpstr (pw_task_get_name (pw_flow_get_task (saved, key)), ==, "Say hello");
  g_assert_false (pw_flow_tab_get_modified (tab));
  g_assert_cmpstr (pw_flow_tab_get_title (tab), ==, "hello");
  g_assert_true (pw_flow_tab_get_edited_flow (tab) == edited);
  settle (300);
  g_assert_true (pw_flow_tab_get_edited_flow (tab) == edited);

  /* Ctrl+S is Save; the overview keeps the runs and the tasks. */
  g_assert_true (has_binding (GTK_WIDGET (tab), "<Control>s", "tab.save"));
  pw_flow_tab_set_editor_view (tab, "overview");
  g_assert_true (wait_for_label (GTK_WIDGET (tab), "No runs yet"));
  g_assert_true (wait_for_label (GTK_WIDGET (tab), "Say hello"));
  save_screenshot (GTK_WIDGET (fixture->window), "editor-overview.png");
  pw_flow_tab_set_editor_view (tab, "editor");

  /* Add Task opens the canvas's palette. */
  {
    GtkWidget *palette = find_descendant (GTK_WIDGET (canvas), GTK_TYPE_POPOVER, NULL);

    g_assert_nonnull (palette);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab), "tab.add-task", NULL));
    g_assert_true (wait_until (widget_drawn, palette));
    save_screenshot (palette, "editor-add-task.png");
    gtk_popover_popdown (GTK_POPOVER (palette));
    settle (100);
  }

  /* Dark. */
  pw_dag_canvas_select_task (canvas, key, FALSE);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (fixture->window), "editor-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The typed parameter editor and the notification rules. */
static void
test_parameters (Fixture *fixture)
{
  PwFlowTab *tab = open_tab (fixture, "hello");
  PwFlowPane *pane = pw_flow_tab_get_flow_pane (tab);
  PwDagCanvas *canvas = pw_flow_tab_get_canvas (tab);
  PwFlow *edited = pw_flow_tab_get_edited_flow (tab);
  guint n = g_list_model_get_n_items (pw_flow_get_parameters (edited));
  GtkWidget *row;
  PwParameter *parameter;
  GtkEditable *entry;
  JsonNode *value;

  pw_flow_pane_add_parameter (pane);
  g_assert_cmpuint (g_list_model_get_n_items (pw_flow_get_parameters (edited)), ==, n + 1);
  row = pw_flow_pane_get_parameter_row (pane, "parameter");
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  entry = find_entry_row (row, "Name");
  gtk_editable_set_text (entry, "9lives");
  g_assert_nonnull (strstr (pw_flow_pane_get_error (pane), "letters, digits"));
  gtk_editable_set_text (entry, "batch_size");
  g_assert_null (pw_flow_pane_get_error (pane));
  parameter = pw_flow_get_parameter (edited, "batch_size");
  g_assert_nonnull (parameter);

  adw_combo_row_set_selected (find_combo_row (row, "Type"), PW_PARAM_TYPE_INT);
  g_assert_cmpint (pw_parameter_get_param_type (parameter), ==, PW_PARAM_TYPE_INT);
  entry = find_entry_row (row, "Default (empty: given at each run)");
  gtk_editable_set_text (entry, "many");
  g_assert_nonnull (strstr (pw_flow_pane_get_error (pane), "not a whole number"));
  g_assert_null (pw_parameter_get_default (parameter));
  g_assert_true (wait_for_label (row, "“many” is not a whole number"));
  scroll_to_end (GTK_WIDGET (pane));
  save_screenshot (GTK_WIDGET (fixture->window), "editor-parameter-invalid.png");
  gtk_editable_set_text (entry, "32");
  g_assert_null (pw_flow_pane_get_error (pane));
  value = pw_parameter_get_default (parameter);
  g_assert_nonnull (value);
  g_assert_cmpint (json_node_get_int (value), ==, 32);

  /* Number now: 32 stays, as a number. */
  adw_combo_row_set_selected (find_combo_row (row, "Type"), PW_PARAM_TYPE_FLOAT);
  g_assert_cmpfloat (json_node_get_double (pw_parameter_get_default (parameter)), ==, 32.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL));
  g_assert_cmpint (pw_parameter_get_param_type (parameter), ==, PW_PARAM_TYPE_INT);
  g_assert_cmpint (adw_combo_row_get_selected (find_combo_row (row, "Type")), ==, PW_PARAM_TYPE_INT);

  /* Removing is a step too; undone, the row is back in its place. */
  row = pw_flow_pane_get_parameter_row (pane, "batch_size");
  g_signal_emit_by_name (find_button_with_tooltip (row, "Remove Parameter"), "clicked");
  g_assert_null (pw_flow_get_parameter (edited, "batch_size"));
  g_assert_null (pw_flow_pane_get_parameter_row (pane, "batch_size"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL));
  g_assert_true (pw_flow_get_parameter (edited, "batch_size") == parameter);
  {
    g_autoptr(PwParameter) last = g_list_model_get_item (pw_flow_get_parameters (edited), n);

    g_assert_true (last == parameter);
  }
  g_assert_nonnull (pw_flow_pane_get_parameter_row (pane, "batch_size"));

  /* A notification rule: an unknown state is refused, with a suggestion. */
  pw_flow_pane_add_notification (pane);
  row = pw_flow_pane_get_notification_row (pane, g_list_model_get_n_items (pw_flow_get_notifications (edited)) - 1);
  g_assert_nonnull (row);
  entry = find_entry_row (row, "States, separated by commas");
  gtk_editable_set_text (entry, "Failed, Crashd");
  g_assert_nonnull (strstr (pw_flow_pane_get_error (pane), "Crashd"));
  gtk_editable_set_text (entry, "Failed, Completed");
  g_assert_null (pw_flow_pane_get_error (pane));
  entry = find_entry_row (row, "Webhook URL (optional)");
  gtk_editable_set_text (entry, "ftp://example.com");
  g_assert_nonnull (strstr (pw_flow_pane_get_error (pane), "http"));
  gtk_editable_set_text (entry, "https://example.com/hook");
  g_assert_null (pw_flow_pane_get_error (pane));
  {
    g_autoptr(PwNotificationRule) rule =
      g_list_model_get_item (pw_flow_get_notifications (edited),
                             g_list_model_get_n_items (pw_flow_get_notifications (edited)) - 1);
    const char * const expected[] = { "Failed", "Completed", NULL };

    g_assert_true (g_strv_equal (pw_notification_rule_get_states (rule), expected));
    g_assert_cmpstr (pw_notification_rule_get_webhook (rule), ==, "https://example.com/hook");
  }
  scroll_to_end (GTK_WIDGET (pane));
  save_screenshot (GTK_WIDGET (fixture->window), "editor-flow-pane-lists.png");

  /* Undo everything: the flow is as saved. */
  while (pw_flow_tab_get_modified (tab))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (pw_flow_get_parameters (edited)), ==, n);
  g_assert_null (pw_flow_pane_get_parameter_row (pane, "batch_size"));
}

/* A flow with a problem is not saved: the banner names the task. */
static void
test_validation_blocks_save (Fixture *fixture)
{
  PwFlowTab *tab = open_tab (fixture, "hello");
  PwDagCanvas *canvas = pw_flow_tab_get_canvas (tab);
  PwFlow *edited = pw_flow_tab_get_edited_flow (tab);
  guint version = latest_version (fixture, "hello");
  g_autoptr(GPtrArray) selection = NULL;
  PwTask *added;
  GtkEditable *name;

  /* A command task with nothing to run. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.add-task-kind", "s", "command"));
  selection = pw_dag_canvas_get_selection (canvas);
  g_assert_cmpuint (selection->len, ==, 1);
  added = g_ptr_array_index (selection, 0);
  g_assert_true (pw_flow_get_task (edited, pw_task_get_key (added)) == added);
  g_assert_cmpstr (pw_flow_tab_get_sidebar (tab), ==, "task");
  name = find_entry_row (GTK_WIDGET (pw_flow_tab_get_task_pane (tab)), "Name");
  gtk_editable_set_text (name, "Empty step");

  save_and_wait (tab);
  g_assert_nonnull (pw_flow_tab_get_problems_text (tab));
  g_assert_nonnull (strstr (pw_flow_tab_get_problems_text (tab), "Not saved: task “Empty step”"));
  g_assert_cmpuint (latest_version (fixture, "hello"), ==, version);
  g_assert_true (pw_flow_tab_get_modified (tab));
  pw_dag_canvas_unselect_all (canvas);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab), "tab.show-problem", NULL));
  g_clear_pointer (&selection, g_ptr_array_unref);
  selection = pw_dag_canvas_get_selection (canvas);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_true (g_ptr_array_index (selection, 0) == added);
  save_screenshot (GTK_WIDGET (fixture->window), "editor-problem.png");

  /* Removed, the flow saves (with a change, else there is no new
   * version to make). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL));
  g_assert_null (pw_flow_get_task (edited, pw_task_get_key (added)));
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (pw_flow_tab_get_flow_pane (tab)), "Description"), "Checked");
  save_and_wait (tab);
  g_assert_null (pw_flow_tab_get_problems_text (tab));
  g_assert_cmpuint (latest_version (fixture, "hello"), ==, version + 1);

  /* Renamed to a flow that exists: refused; to a new name: saved as a
   * flow of its own, which the tab follows. */
  name = find_entry_row (GTK_WIDGET (pw_flow_tab_get_flow_pane (tab)), "Name");
  gtk_editable_set_text (name, "ml-training");
  save_and_wait (tab);
  g_assert_nonnull (pw_flow_tab_get_problems_text (tab));
  g_assert_nonnull (strstr (pw_flow_tab_get_problems_text (tab), "already a flow named “ml-training”"));
  g_assert_cmpuint (latest_version (fixture, "ml-training"), ==, 1);
  gtk_editable_set_text (name, "hello-again");
  save_and_wait (tab);
  g_assert_null (pw_flow_tab_get_problems_text (tab));
  g_assert_cmpstr (pw_flow_tab_get_flow_name (tab), ==, "hello-again");
  g_assert_cmpstr (pw_flow_tab_get_title (tab), ==, "hello-again");
  g_assert_cmpuint (latest_version (fixture, "hello-again"), ==, 1);
  g_assert_cmpuint (latest_version (fixture, "hello"), ==, version + 1);
}

/* Closing a tab with changes asks: Cancel keeps it, Discard closes it,
 * Save saves then closes; closing the window asks too. */
static void
test_close_asks (Fixture *fixture)
{
  AdwTabView *view = pw_flows_page_get_tab_view (fixture->flows_page);
  PwFlowTab *tab = open_tab (fixture, "hello");
  guint version = latest_version (fixture, "hello");
  GtkEditable *description = find_entry_row (GTK_WIDGET (pw_flow_tab_get_flow_pane (tab)), "Description");

  gtk_editable_set_text (description, "Changed, not saved");
  g_assert_true (pw_flow_tab_get_modified (tab));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL));
  g_assert_true (wait_until (dialog_shown, NULL));
  save_screenshot (GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "editor-close-dialog.png");
  respond ("cancel");
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 2);

  /* The window asks as well; cancelled, it stays. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  respond ("cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL));
  respond ("discard");
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 1);
  g_assert_cmpuint (latest_version (fixture, "hello"), ==, version);

  tab = open_tab (fixture, "hello");
  description = find_entry_row (GTK_WIDGET (pw_flow_tab_get_flow_pane (tab)), "Description");
  gtk_editable_set_text (description, "Changed and saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL));
  respond ("save");
  {
    VersionWait wait = { fixture, "hello", version + 1 };

    g_assert_true (wait_until (latest_version_is_next, &wait));
  }
  settle (100);
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 1);
}

/* The ML training example, built from nothing with the canvas's actions
 * and the panes (the values typed are the example's), saved, run. */

static GtkSpinButton *
nth_spin (GtkWidget *widget,
          guint     *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found;

      if (GTK_IS_SPIN_BUTTON (child) && (*n)-- == 0)
        return GTK_SPIN_BUTTON (child);

      found = nth_spin (child, n);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
set_spin (PwFlowPane *pane,
          guint       n,
          int         value)
{
  GtkSpinButton *spin = nth_spin (GTK_WIDGET (pane), &n);

  g_assert_nonnull (spin);
  gtk_spin_button_set_value (spin, value);
}

static void
add_parameter (PwFlowPane  *pane,
               PwParameter *parameter,
               const char  *text)
{
  GtkWidget *row;

  pw_flow_pane_add_parameter (pane);
  row = pw_flow_pane_get_parameter_row (pane, "parameter");
  g_assert_nonnull (row);
  gtk_editable_set_text (find_entry_row (row, "Name"), pw_parameter_get_name (parameter));
  adw_combo_row_set_selected (find_combo_row (row, "Type"), pw_parameter_get_param_type (parameter));
  gtk_editable_set_text (find_entry_row (row, "Default (empty: given at each run)"), text);
  gtk_editable_set_text (find_entry_row (row, "Description"), pw_parameter_get_description (parameter));
  g_assert_null (pw_flow_pane_get_error (pane));
}

static void
test_build_ml_training (Fixture *fixture)
{
  g_autofree char *dir = examples_dir ();
  g_autofree char *path = g_build_filename (dir, "ml-training.flow.json", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "ml-training", NULL);
  g_autofree char *work_dir = g_build_filename (fixture->tmpdir, "ml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlow) example = pw_flow_file_load_path (path, NULL, &error);
  g_autoptr(PwFlow) saved = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) finished = NULL;
  GListModel *tasks;
  PwFlowTab *tab;
  PwDagCanvas *canvas;
  PwFlowPane *pane;
  PwTaskPane *task_pane;
  PwFlow *edited;

  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-flow", NULL));
  tab = pw_flows_page_get_selected_tab (fixture->flows_page);
  pw_flow_tab_set_new_name (tab, "ml-built", NULL);
  pw_flow_tab_create (tab);
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));

  /* Straight to an empty canvas. */
  canvas = pw_flow_tab_get_canvas (tab);
  edited = pw_flow_tab_get_edited_flow (tab);
  g_assert_nonnull (edited);
  g_assert_cmpuint (pw_flow_get_n_tasks (edited), ==, 0);
  g_assert_cmpstr (pw_flow_tab_get_editor_view (tab), ==, "editor");
  g_assert_cmpstr (pw_flow_tab_get_sidebar (tab), ==, "flow");
  save_screenshot (GTK_WIDGET (fixture->window), "editor-new-empty.png");

  /* The flow: description, tags, defaults, parameters, a rule. */
  pane = pw_flow_tab_get_flow_pane (tab);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (pane), "Description"), pw_flow_get_description (example));
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (pane), "Tags, separated by commas"), "ml, example");
  set_spin (pane, 0, 2);
  set_spin (pane, 3, 600);
  {
    GListModel *parameters = pw_flow_get_parameters (example);

    for (guint i = 0; i < g_list_model_get_n_items (parameters); i++)
      {
        g_autoptr(PwParameter) parameter = g_list_model_get_item (parameters, i);
        const char *name = pw_parameter_get_name (parameter);

        add_parameter (pane, parameter,
                       g_str_equal (name, "data_dir") ? data_dir :
                       g_str_equal (name, "work_dir") ? work_dir : "3.0");
      }
  }
  pw_flow_pane_add_notification (pane);
  gtk_editable_set_text (find_entry_row (pw_flow_pane_get_notification_row (pane, 0), "States, separated by commas"),
                         "Failed, Crashed, TimedOut");

  /* The tasks, each from the canvas's palette action, named in its pane. */
  task_pane = pw_flow_tab_get_task_pane (tab);
  tasks = pw_flow_get_tasks (example);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(PwTask) model = g_list_model_get_item (tasks, i);
      g_autoptr(GPtrArray) selection = NULL;
      GtkEditable *key_row;
      PwTask *task;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.add-task-kind", "s",
                                                 pw_task_kind_to_string (pw_task_get_kind (model))));
      selection = pw_dag_canvas_get_selection (canvas);
      g_assert_cmpuint (selection->len, ==, 1);
      task = g_ptr_array_index (selection, 0);
      g_assert_true (pw_task_pane_get_task (task_pane) == task);

      key_row = find_entry_row (GTK_WIDGET (task_pane), "Key");
      gtk_editable_set_text (key_row, pw_task_get_key (model));
      g_signal_emit_by_name (key_row, "apply");
      g_assert_cmpstr (pw_task_get_key (task), ==, pw_task_get_key (model));
      gtk_editable_set_text (find_entry_row (GTK_WIDGET (task_pane), "Name"), pw_task_get_name (model));

      if (pw_task_get_kind (model) == PW_TASK_KIND_SHELL)
        {
          GtkWidget *view = find_descendant (GTK_WIDGET (task_pane), GTK_TYPE_TEXT_VIEW, NULL);

          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), pw_task_get_script (model), -1);
          g_assert_cmpstr (pw_task_get_script (task), ==, pw_task_get_script (model));
        }
      else
        {
          /* The argv editor is the task pane's (tested with it): the
           * same command, through the same undo stack. */
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, G_TYPE_STRV);
          g_value_set_boxed (&value, pw_task_get_command (model));
          pw_dag_undo_execute (pw_dag_canvas_get_undo (canvas),
                               pw_dag_command_set_property (task, "command", &value));
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(PwTask) model = g_list_model_get_item (tasks, i);
      const char * const *after = pw_task_get_after (model);

      for (guint k = 0; after != NULL && after[k] != NULL; k++)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.connect", "(ss)",
                                                   after[k], pw_task_get_key (model)));
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab), "tab.tidy-up", NULL));
  settle (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab), "tab.zoom-fit", NULL));
  pw_dag_canvas_unselect_all (canvas);
  save_screenshot (GTK_WIDGET (fixture->window), "editor-ml-built.png");

  save_and_wait (tab);
  g_assert_null (pw_flow_tab_get_problems_text (tab));
  g_assert_cmpuint (latest_version (fixture, "ml-built"), ==, 2);
  saved = read_flow (fixture, "ml-built", 2);
  g_assert_cmpuint (pw_flow_get_n_tasks (saved), ==, pw_flow_get_n_tasks (example));
  g_assert_cmpuint (pw_flow_get_max_workers (saved), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(PwTask) model = g_list_model_get_item (tasks, i);
      PwTask *task = pw_flow_get_task (saved, pw_task_get_key (model));
      const char * const *after = pw_task_get_after (model);

      g_assert_nonnull (task);
      g_assert_cmpint (pw_task_get_kind (task), ==, pw_task_get_kind (model));
      g_assert_cmpstr (pw_task_get_name (task), ==, pw_task_get_name (model));
      for (guint k = 0; after != NULL && after[k] != NULL; k++)
        g_assert_true (pw_task_has_upstream (task, after[k]));
    }

  /* Run, as Run would: the saved version, to the end. */
  run = start_run (fixture, "ml-built", NULL);
  wait_for_run_end (fixture, pw_flow_run_get_id (run));
  finished = read_run (fixture, pw_flow_run_get_id (run));
  g_assert_cmpint (pw_flow_run_get_state_type (finished), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpstr (pw_flow_run_get_state_name (finished), ==, "Completed");
  pw_flow_tab_set_editor_view (tab, "overview");
  g_assert_true (wait_for_label (GTK_WIDGET (tab), pw_flow_run_get_name (run)));
  save_screenshot (GTK_WIDGET (fixture->window), "editor-ml-built-run.png");
}

/* Dragging from an output port to an input port connects; the tab's
 * Undo (the canvas's action) takes it back. */
static GtkGesture *
find_drag_gesture (PwDagCanvas *canvas)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
        return GTK_GESTURE (controller);
    }

  g_assert_not_reached ();
}

static PwDagPoint
port_point (PwDagCanvas *canvas,
            const char  *key,
            gboolean     output)
{
  PwTask *task = pw_flow_get_task (pw_dag_canvas_get_flow (canvas), key);
  double x = pw_task_get_x (task), y = pw_task_get_y (task);

  return pw_dag_view_from_world (&canvas->view, output ? pw_dag_node_output_port (x, y)
                                                       : pw_dag_node_input_port (x, y));
}

/* A real pointer: XTest (libXtst, loaded at run time: there are no
 * headers to build against) moves the X server's pointer and presses its
 * button, and GTK gets the events as from a mouse. Returns FALSE when
 * that is not possible (not X11, no libXtst). */

typedef int  (*FakeMotionFunc)    (Display *, int, int, int, unsigned long);
typedef int  (*FakeButtonFunc)    (Display *, unsigned int, Bool, unsigned long);
typedef Bool (*TranslateFunc)     (Display *, Window, Window, int, int, int *, int *, Window *);
typedef int  (*FlushFunc)         (Display *);

static gboolean
pointer_drag (GtkWidget  *widget,
              PwDagPoint  from,
              PwDagPoint  to)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  FakeMotionFunc motion;
  FakeButtonFunc button;
  TranslateFunc translate;
  FlushFunc flush;
  Display *xdisplay;
  Window xid, child;
  graphene_point_t start, end;
  double sx, sy;
  int rx, ry, ex, ey;
  void *xtst;

  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;
  xtst = dlopen ("libXtst.so.6", RTLD_NOW);
  if (xtst == NULL)
    return FALSE;
  motion = (FakeMotionFunc) dlsym (xtst, "XTestFakeMotionEvent");
  button = (FakeButtonFunc) dlsym (xtst, "XTestFakeButtonEvent");
  translate = (TranslateFunc) dlsym (RTLD_DEFAULT, "XTranslateCoordinates");
  flush = (FlushFunc) dlsym (RTLD_DEFAULT, "XFlush");
  if (motion == NULL || button == NULL || translate == NULL || flush == NULL)
    return FALSE;

  xdisplay = gdk_x11_display_get_xdisplay (display);
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  gtk_native_get_surface_transform (native, &sx, &sy);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (from.x, from.y), &start));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (to.x, to.y), &end));
  translate (xdisplay, xid, DefaultRootWindow (xdisplay), (int) (start.x + sx), (int) (start.y + sy), &rx, &ry, &child);
  translate (xdisplay, xid, DefaultRootWindow (xdisplay), (int) (end.x + sx), (int) (end.y + sy), &ex, &ey, &child);

  motion (xdisplay, -1, rx, ry, 0);
  flush (xdisplay);
  settle (50);
  button (xdisplay, 1, True, 0);
  flush (xdisplay);
  settle (50);
  for (int step = 1; step <= 10; step++)
    {
      motion (xdisplay, -1, rx + (ex - rx) * step / 10, ry + (ey - ry) * step / 10, 0);
      flush (xdisplay);
      settle (30);
    }
  button (xdisplay, 1, False, 0);
  flush (xdisplay);
  settle (100);
  return TRUE;
}

static void
test_drag_connect (Fixture *fixture)
{
  PwFlowTab *tab = open_tab (fixture, "ml-training");
  PwDagCanvas *canvas = pw_flow_tab_get_canvas (tab);
  PwTask *train = pw_flow_get_task (pw_flow_tab_get_edited_flow (tab), "train");
  PwDagPoint from, to;

  g_assert_true (wait_until (widget_drawn, canvas));
  settle (200);
  from = port_point (canvas, "read_validate", TRUE);
  to = port_point (canvas, "train", FALSE);
  g_assert_false (pw_task_has_upstream (train, "read_validate"));

  if (!pointer_drag (GTK_WIDGET (canvas), from, to))
    {
      /* The canvas's own drag gesture, fed the points a pointer gives. */
      GtkGesture *gesture = find_drag_gesture (canvas);

      g_test_message ("No XTest: feeding the drag gesture");
      g_signal_emit_by_name (gesture, "drag-begin", from.x, from.y);
      for (int step = 1; step <= 10; step++)
        {
          g_signal_emit_by_name (gesture, "drag-update", (to.x - from.x) * step / 10, (to.y - from.y) * step / 10);
          settle (10);
        }
      g_signal_emit_by_name (gesture, "drag-end", to.x - from.x, to.y - from.y);
      settle (50);
    }

  g_assert_true (pw_task_has_upstream (train, "read_validate"));
  g_assert_cmpstr (pw_dag_undo_get_undo_label (pw_dag_canvas_get_undo (canvas)), ==, "Connect");
  g_assert_true (pw_flow_tab_get_modified (tab));
  g_assert_true (wait_for_string (tab, tab_title, "• ml-training"));
  save_screenshot (GTK_WIDGET (fixture->window), "editor-drag-connected.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab), "tab.undo", NULL));
  g_assert_false (pw_task_has_upstream (train, "read_validate"));
  g_assert_false (pw_flow_tab_get_modified (tab));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab), "tab.redo", NULL));
  g_assert_true (pw_task_has_upstream (train, "read_validate"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.undo", NULL));
  g_assert_false (pw_task_has_upstream (train, "read_validate"));
}

/* A Pipewright server: read-only until it answers, then the same editor,
 * saving on the server. */

static gboolean
tab_editable (gpointer tab)
{
  return pw_flow_tab_get_editable (tab) && pw_flow_tab_get_edited_flow (tab) != NULL;
}

static void
test_remote_pipewright (Fixture *fixture)
{
  g_autoptr(PwRestServer) server = NULL;
  g_autoptr(PwBackend) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(PwFlow) saved = NULL;
  guint version = latest_version (fixture, "hello");
  GtkWidget *window;
  PwFlowTab *tab;

  server = pw_rest_server_new (fixture->backend, fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_rest_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  url = pw_rest_server_get_url (server);
  remote = pw_remote_backend_new (url, NULL, &error);
  g_assert_no_error (error);

  /* Not connected yet: nothing is editable, the banner says why. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  tab = pw_flow_tab_new (remote, "hello");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (tab));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (pw_flow_tab_get_editable (tab));
  g_assert_false (pw_dag_canvas_get_editable (pw_flow_tab_get_canvas (tab)));

  pw_remote_backend_connect (PW_REMOTE_BACKEND (remote));
  g_assert_true (wait_until (tab_editable, tab));
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));
  g_assert_true (pw_dag_canvas_get_editable (pw_flow_tab_get_canvas (tab)));
  g_assert_true (pw_flow_pane_get_editable (pw_flow_tab_get_flow_pane (tab)));

  gtk_editable_set_text (find_entry_row (GTK_WIDGET (pw_flow_tab_get_flow_pane (tab)), "Description"),
                         "Edited through the server");
  g_assert_true (pw_flow_tab_get_modified (tab));
  save_and_wait (tab);
  g_assert_false (pw_flow_tab_get_modified (tab));
  g_assert_cmpuint (latest_version (fixture, "hello"), ==, version + 1);
  saved = read_flow (fixture, "hello", version + 1);
  g_assert_cmpstr (pw_flow_get_description (saved), ==, "Edited through the server");
  save_screenshot (window, "editor-remote.png");

  gtk_window_destroy (GTK_WINDOW (window));
  settle (50);
  pw_rest_server_disconnect (server);
}

/* A Prefect server: its flows are Python code. Nothing can be edited,
 * and the tab says why. The server is a SoupServer on 127.0.0.1 that
 * answers as Prefect 2.7.12 does. */

static const char prefect_flows[] =
  "[{\"id\": \"772cde2f-bf7a-45b6-a167-412cf21308dd\","
  " \"created\": \"2026-11-26T13:36:22.801904+00:00\","
  " \"updated\": \"2026-11-26T13:36:22.801920+00:00\","
  " \"name\": \"demo-etl\", \"tags\": []}]";

static void
prefect_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  const char *body = "{\"detail\": \"Not Found\"}";
  guint status = SOUP_STATUS_NOT_FOUND;

  if (g_str_equal (path, "/api/admin/version"))
    body = "\"2.7.12\"", status = SOUP_STATUS_OK;
  else if (g_str_equal (path, "/api/flows/filter"))
    body = prefect_flows, status = SOUP_STATUS_OK;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
is_prefect (gpointer backend)
{
  return pw_remote_backend_get_server_kind (backend) == PW_SERVER_KIND_PREFECT;
}

static void
test_read_only (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *api = NULL;
  GtkWidget *window;
  PwFlowTab *tab;
  AdwStatusPage *error_page;

  soup_server_add_handler (server, NULL, prefect_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  api = g_strconcat (uri, uri[strlen (uri) - 1] == '/' ? "api" : "/api", NULL);

  backend = pw_remote_backend_new (api, NULL, &error);
  g_assert_no_error (error);
  pw_remote_backend_connect (PW_REMOTE_BACKEND (backend));
  g_assert_true (wait_until (is_prefect, backend));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  tab = pw_flow_tab_new (backend, "demo-etl");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (tab));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (wait_for_string (tab, tab_view_name, "error"));
  g_assert_false (pw_flow_tab_get_editable (tab));
  g_assert_false (pw_dag_canvas_get_editable (pw_flow_tab_get_canvas (tab)));
  g_assert_false (pw_flow_pane_get_editable (pw_flow_tab_get_flow_pane (tab)));
  g_assert_false (gtk_widget_get_visible (find_button_with_tooltip (GTK_WIDGET (tab), "Save a new version (Ctrl+S)")));
  g_assert_false (pw_flow_tab_get_modified (tab));
  error_page = ADW_STATUS_PAGE (find_descendant (GTK_WIDGET (tab), ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_nonnull (error_page);
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "Prefect server"));
  g_assert_true (wait_for_label (GTK_WIDGET (tab), "Prefect server"));
  save_screenshot (window, "editor-prefect-read-only.png");

  gtk_window_destroy (GTK_WINDOW (window));
  settle (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status = ui_test_init (&argc, &argv, &home);

  if (status >= 0)
    return status;

  add_app_test ("/Ui/editor/edit-save", TRUE, test_edit_save);
  add_app_test ("/Ui/editor/parameters", TRUE, test_parameters);
  add_app_test ("/Ui/editor/validation-blocks-save", TRUE, test_validation_blocks_save);
  add_app_test ("/Ui/editor/close-asks", TRUE, test_close_asks);
  add_app_test ("/Ui/editor/build-ml-training", TRUE, test_build_ml_training);
  add_app_test ("/Ui/editor/drag-connect", TRUE, test_drag_connect);
  add_app_test ("/Ui/editor/remote-pipewright", TRUE, test_remote_pipewright);
  g_test_add_func ("/Ui/editor/read-only", test_read_only);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
