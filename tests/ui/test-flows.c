/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pw-flow-tab.h"
#include "pw-flows-page.h"
#include "pw-run-dialog.h"
#include "pw-runs-page.h"
#include "ui-test-common.h"

/*
 * Flow tabs: a new flow (Ctrl+N), deleting a flow with Undo, a flow
 * deleted while its tab is open, the Run dialog's typed and validated
 * parameters; and the keyboard: every main action has a shortcut, listed
 * in the shortcuts window.
 */

static const char typed_flow[] =
  "{\"format\": \"pipewright-flow/1\", \"name\": \"typed\","
  " \"parameters\": ["
  "  {\"name\": \"who\", \"type\": \"string\", \"default\": \"world\", \"description\": \"Whom to greet\"},"
  "  {\"name\": \"count\", \"type\": \"int\", \"default\": 3, \"description\": \"How many times\"},"
  "  {\"name\": \"ratio\", \"type\": \"float\", \"default\": 0.5},"
  "  {\"name\": \"loud\", \"type\": \"bool\", \"default\": false},"
  "  {\"name\": \"names\", \"type\": \"list\", \"default\": [\"a\", \"b\"]},"
  "  {\"name\": \"extra\", \"type\": \"json\", \"default\": {\"k\": 1}},"
  "  {\"name\": \"batch\", \"type\": \"int\", \"description\": \"No default: must be given\"}],"
  " \"tasks\": [{\"key\": \"t\", \"kind\": \"noop\"}]}";

static const char *
tab_view_name (gpointer tab)
{
  return pw_flow_tab_get_view (tab);
}

static gboolean
dialog_shown (gpointer data)
{
  return find_toplevel (PW_TYPE_RUN_DIALOG) != NULL;
}

static gboolean
tab_deleted (gpointer data)
{
  return pw_flow_tab_get_deleted (data);
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

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;

      found = find_button_with_label (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  Fixture    *fixture;
  const char *name;
  gboolean    present;
} FlowWait;

static void
flows_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
backend_has_flow (Fixture    *fixture,
                  const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;

  pw_backend_list_flows_async (fixture->backend, NULL, NULL, flows_listed_cb, &result);
  flows = pw_backend_list_flows_finish (fixture->backend, wait_for_result (&result), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);

      if (g_strcmp0 (pw_flow_info_get_name (info), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
flow_presence_reached (gpointer data)
{
  FlowWait *wait = data;

  return backend_has_flow (wait->fixture, wait->name) == wait->present;
}

/* tests */

/* Ctrl+N opens a new flow's tab; it asks for a name, refuses one that is
 * taken and saves the flow, which then shows as any flow. */
static void
test_new_flow (Fixture *fixture)
{
  PwFlowTab *tab;
  FlowWait wait = { fixture, "my-flow", TRUE };

  assert_flows_state (fixture, 3, "flows");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-flow", NULL));
  tab = pw_flows_page_get_selected_tab (fixture->flows_page);
  g_assert_nonnull (tab);
  g_assert_cmpstr (pw_flow_tab_get_view (tab), ==, "new");
  g_assert_null (pw_flow_tab_get_flow_name (tab));
  save_screenshot (GTK_WIDGET (fixture->window), "flow-new.png");

  pw_flow_tab_set_new_name (tab, "a/b", NULL);
  g_assert_true (wait_for_label (GTK_WIDGET (tab), "cannot contain"));
  save_screenshot (GTK_WIDGET (fixture->window), "flow-new-invalid.png");

  pw_flow_tab_set_new_name (tab, "hello", NULL);
  pw_flow_tab_create (tab);
  g_assert_true (wait_for_label (GTK_WIDGET (tab), "There is already a flow named “hello”"));
  g_assert_cmpstr (pw_flow_tab_get_view (tab), ==, "new");

  pw_flow_tab_set_new_name (tab, "my-flow", "Made in a test");
  pw_flow_tab_create (tab);
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));
  g_assert_cmpstr (pw_flow_tab_get_flow_name (tab), ==, "my-flow");
  /* Straight to the editor, an empty canvas beside the flow's pane. */
  g_assert_cmpstr (pw_flow_tab_get_editor_view (tab), ==, "editor");
  g_assert_cmpstr (pw_flow_tab_get_sidebar (tab), ==, "flow");
  g_assert_nonnull (pw_flow_tab_get_edited_flow (tab));
  g_assert_cmpuint (pw_flow_get_n_tasks (pw_flow_tab_get_edited_flow (tab)), ==, 0);
  g_assert_cmpstr (pw_flow_get_description (pw_flow_tab_get_edited_flow (tab)), ==, "Made in a test");
  pw_flow_tab_set_editor_view (tab, "overview");
  g_assert_true (wait_for_label (GTK_WIDGET (tab), "This flow has no tasks yet"));
  pw_flow_tab_set_editor_view (tab, "editor");
  g_assert_true (wait_until (flow_presence_reached, &wait));
  assert_flows_state (fixture, 4, "flows");
  save_screenshot (GTK_WIDGET (fixture->window), "flow-created.png");
}

/* Deleting a flow: its tab closes, the library hides it, a toast offers
 * to undo; undone, it is back; not undone, it is deleted. */
static void
test_delete_undo (Fixture *fixture)
{
  PwFlowTab *tab;
  FlowWait gone = { fixture, "hello", FALSE };
  ToastWait toast = { fixture, "Deleted “hello”" };
  AdwTabView *view = pw_flows_page_get_tab_view (fixture->flows_page);

  assert_flows_state (fixture, 3, "flows");

  tab = pw_flows_page_open_flow (fixture->flows_page, "hello");
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab), "tab.delete", NULL));
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 1);
  g_assert_true (wait_until (toast_shown, &toast));
  g_assert_cmpuint (pw_flows_page_get_n_pending_deletions (fixture->flows_page), ==, 1);
  assert_flows_state (fixture, 2, "flows");
  save_screenshot (GTK_WIDGET (fixture->window), "flow-deleted-toast.png");

  /* Undo: back, and still in the backend. */
  g_assert_true (pw_flows_page_undo_delete (fixture->flows_page, "hello"));
  assert_flows_state (fixture, 3, "flows");
  g_assert_true (backend_has_flow (fixture, "hello"));

  /* Again, and let the toast go: deleted. */
  pw_flows_page_delete_flow (fixture->flows_page, "hello");
  assert_flows_state (fixture, 2, "flows");
  pw_flows_page_finish_deletions (fixture->flows_page);
  g_assert_true (wait_until (flow_presence_reached, &gone));
  settle (300);
  assert_flows_state (fixture, 2, "flows");
}

/* A flow deleted (elsewhere) while its tab is open: the tab says so,
 * with a mark, and can restore it. */
static void
test_deleted_while_open (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PwFlowTab *tab;
  AdwTabPage *page;
  FlowWait back = { fixture, "hello", TRUE };

  assert_flows_state (fixture, 3, "flows");
  tab = pw_flows_page_open_flow (fixture->flows_page, "hello");
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));

  pw_backend_delete_flow_async (fixture->backend, "hello", NULL, flows_listed_cb, &result);
  g_assert_true (pw_backend_delete_flow_finish (fixture->backend, wait_for_result (&result), &error));
  g_assert_no_error (error);

  g_assert_true (wait_until (tab_deleted, tab));
  g_assert_cmpstr (pw_flow_tab_get_view (tab), ==, "deleted");
  page = adw_tab_view_get_page (pw_flows_page_get_tab_view (fixture->flows_page), GTK_WIDGET (tab));
  g_assert_nonnull (adw_tab_page_get_indicator_icon (page));
  g_assert_true (adw_tab_page_get_needs_attention (page));
  g_assert_true (wait_for_label (GTK_WIDGET (tab), "This Flow Was Deleted"));
  save_screenshot (GTK_WIDGET (fixture->window), "flow-deleted-open.png");

  /* Running it is no longer possible; restoring is. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL));
  settle (100);
  g_assert_null (find_toplevel (PW_TYPE_RUN_DIALOG));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tab), "tab.restore", NULL));
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));
  g_assert_false (pw_flow_tab_get_deleted (tab));
  g_assert_null (adw_tab_page_get_indicator_icon (page));
  g_assert_true (wait_until (flow_presence_reached, &back));
}

/* The Run dialog: a row per typed parameter with its default, each value
 * checked as typed; Run waits until all fit. */
static void
test_run_dialog (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "typed.flow.json", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = NULL;
  PwFlowTab *tab;
  PwRunDialog *dialog;

  g_file_set_contents (path, typed_flow, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  pw_window_import_files (fixture->window, &file, 1);
  assert_flows_state (fixture, 1, "flows");

  tab = pw_flows_page_open_flow (fixture->flows_page, "typed");
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));
  pw_flow_tab_run (tab);
  g_assert_true (wait_until (dialog_shown, NULL));
  dialog = PW_RUN_DIALOG (find_toplevel (PW_TYPE_RUN_DIALOG));

  /* `batch` has no default: Run waits. */
  g_assert_false (pw_run_dialog_get_valid (dialog));
  g_assert_nonnull (strstr (pw_run_dialog_get_error_text (dialog), "batch"));
  g_assert_false (gtk_widget_get_sensitive (find_button_with_label (GTK_WIDGET (dialog), "_Run")));

  g_assert_true (pw_run_dialog_set_value (dialog, "batch", "12"));
  g_assert_true (pw_run_dialog_get_valid (dialog));
  g_assert_true (gtk_widget_get_sensitive (find_button_with_label (GTK_WIDGET (dialog), "_Run")));

  g_assert_true (pw_run_dialog_set_value (dialog, "count", "three"));
  g_assert_false (pw_run_dialog_get_valid (dialog));
  g_assert_nonnull (strstr (pw_run_dialog_get_error_text (dialog), "not a whole number"));
  save_screenshot (GTK_WIDGET (dialog), "run-dialog-invalid.png");

  g_assert_true (pw_run_dialog_set_value (dialog, "count", "7"));
  g_assert_true (pw_run_dialog_set_value (dialog, "names", "{\"not\": \"a list\"}"));
  g_assert_nonnull (strstr (pw_run_dialog_get_error_text (dialog), "JSON list"));
  g_assert_true (pw_run_dialog_set_value (dialog, "names", "[\"x\"]"));
  g_assert_true (pw_run_dialog_set_value (dialog, "ratio", "1e400"));
  g_assert_false (pw_run_dialog_get_valid (dialog));
  g_assert_true (pw_run_dialog_set_value (dialog, "ratio", "2.5"));
  g_assert_true (pw_run_dialog_set_value (dialog, "loud", "true"));
  g_assert_true (pw_run_dialog_get_valid (dialog));
  g_assert_false (pw_run_dialog_set_value (dialog, "nonsense", "1"));

  parameters = pw_run_dialog_dup_parameters (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parameters, ==,
                   "{\"who\":\"world\",\"count\":7,\"ratio\":2.5,\"loud\":true,"
                   "\"names\":[\"x\"],\"extra\":{\"k\":1},\"batch\":12}");
  save_screenshot (GTK_WIDGET (dialog), "run-dialog-typed.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  settle (50);
  g_assert_null (find_toplevel (PW_TYPE_RUN_DIALOG));
}

/* Every main action has a shortcut, bound on the window and listed in
 * the shortcuts window; the style follows the system. */

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

static gboolean
lists_accelerator (GtkWidget  *widget,
                   const char *accelerator)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *accel = NULL;

          g_object_get (child, "accelerator", &accel, NULL);
          if (g_strcmp0 (accel, accelerator) == 0)
            return TRUE;
        }

      if (lists_accelerator (child, accelerator))
        return TRUE;
    }

  return FALSE;
}

static void
test_keyboard (Fixture *fixture)
{
  static const struct { const char *trigger; const char *accelerator; const char *action; } keys[] = {
    { "<Control>n", "<Control>n", "win.new-flow" },
    { "<Control>o", "<Control>o", "win.import-flow" },
    { "<Control>r", "<Control>r", "win.run" },
    { "<Control>f", "<Control>f", "win.search" },
    { "<Control>w", "<Control>w", "win.close-tab" },
    { "F5", "F5", "win.refresh" },
  };
  GtkWidget *help_overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));
  g_auto(GStrv) accels = NULL;
  PwFlowTab *tab;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!has_binding (GTK_WIDGET (fixture->window), keys[i].trigger, keys[i].action))
        g_error ("%s is not bound to %s", keys[i].trigger, keys[i].action);
      if (!lists_accelerator (help_overlay, keys[i].accelerator))
        g_error ("the shortcuts window does not list %s", keys[i].accelerator);
    }

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.preferences");
  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>comma"));
  g_assert_true (lists_accelerator (help_overlay, "<Control>comma"));

  /* The actions do what the shortcuts say. */
  assert_flows_state (fixture, 3, "flows");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-flow", NULL));
  g_assert_nonnull (pw_flows_page_get_selected_tab (fixture->flows_page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL));
  g_assert_null (pw_flows_page_get_selected_tab (fixture->flows_page));

  tab = pw_flows_page_open_flow (fixture->flows_page, "hello");
  g_assert_true (wait_for_string (tab, tab_view_name, "flow"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL));
  g_assert_true (wait_until (dialog_shown, NULL));
  gtk_window_destroy (find_toplevel (PW_TYPE_RUN_DIALOG));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_cmpstr (pw_window_get_page (fixture->window), ==, "flows");
  g_assert_null (pw_flows_page_get_selected_tab (fixture->flows_page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "runs"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_cmpstr (pw_window_get_page (fixture->window), ==, "runs");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));

  /* The app leaves the colour scheme to the system. */
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "shortcuts", NULL);
  save_screenshot (help_overlay, "shortcuts.png");
  gtk_widget_set_visible (help_overlay, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status = ui_test_init (&argc, &argv, &home);

  if (status >= 0)
    return status;

  add_app_test ("/Ui/flows/new", TRUE, test_new_flow);
  add_app_test ("/Ui/flows/delete-undo", TRUE, test_delete_undo);
  add_app_test ("/Ui/flows/deleted-while-open", TRUE, test_deleted_while_open);
  add_app_test ("/Ui/flows/run-dialog", FALSE, test_run_dialog);
  add_app_test ("/Ui/app/keyboard", TRUE, test_keyboard);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
