/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pw-application.h"
#include "pw-examples.h"
#include "pw-flow.h"
#include "pw-flow-details-window.h"
#include "pw-flow-row.h"
#include "pw-flows-page.h"
#include "pw-preferences-window.h"
#include "pw-window.h"

/*
 * The app on a real local database in a temporary folder, its window shown
 * under Xvfb. Every test saves screenshots of what it shows into
 * tests/ui/screenshots in the build directory.
 */

#define TIMEOUT_MS 10000

typedef struct
{
  char          *tmpdir;
  char          *db_path;
  PwApplication *app;
  PwWindow      *window;
  PwFlowsPage   *flows_page;
} Fixture;

/* helpers */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return TRUE;
}

/* Lets pending work and a few frames go by. */
static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *css_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (css_name == NULL || g_strcmp0 (gtk_widget_get_css_name (child), css_name) == 0))
        return child;

      found = find_descendant (child, type, css_name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_label_containing (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;

  return FALSE;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return has_label_containing (wait->widget, wait->text);
}

static gboolean
wait_for_label (GtkWidget  *widget,
                const char *text)
{
  LabelWait wait = { widget, text };

  return wait_until (label_shown, &wait);
}

static GtkWidget *
find_menu_button_with_model (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)) != NULL)
        return child;

      found = find_menu_button_with_model (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
widget_drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
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
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_assert_true (wait_until (widget_drawn, widget));
  /* Let layout, transitions and the first frames finish. */
  settle (400);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }

  g_remove (path);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

static char *
examples_dir (void)
{
  char *dir = pw_examples_find_dir ();

  g_assert_nonnull (dir);
  return dir;
}

/* The names the example files declare, sorted. */
static GPtrArray *
example_names (void)
{
  g_autofree char *dir_path = examples_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *file_name;

  g_assert_nonnull (dir);
  while ((file_name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (file_name, ".flow.json"))
        continue;

      path = g_build_filename (dir_path, file_name, NULL);
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      g_ptr_array_add (names, g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "name")));
    }

  g_ptr_array_sort (names, compare_strings);
  return names;
}

static GFile *
example_file (guint index)
{
  g_autofree char *dir_path = examples_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *file_name;

  while ((file_name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (file_name, ".flow.json"))
      g_ptr_array_add (files, g_build_filename (dir_path, file_name, NULL));
  g_ptr_array_sort (files, compare_strings);

  g_assert_cmpuint (index, <, files->len);
  return g_file_new_for_path (g_ptr_array_index (files, index));
}

static guint
n_flows (Fixture *fixture)
{
  GListModel *flows = pw_flows_page_get_flows (fixture->flows_page);

  return flows != NULL ? g_list_model_get_n_items (flows) : 0;
}

static const char *
flows_view (Fixture *fixture)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (fixture->flows_page), GTK_TYPE_STACK, NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

typedef struct
{
  Fixture    *fixture;
  guint       n_flows;
  const char *view;
} FlowsState;

static gboolean
flows_state_reached (gpointer data)
{
  FlowsState *state = data;

  return n_flows (state->fixture) == state->n_flows &&
         g_strcmp0 (flows_view (state->fixture), state->view) == 0;
}

static void
assert_flows_state (Fixture    *fixture,
                    guint       n,
                    const char *view)
{
  FlowsState state = { fixture, n, view };

  if (!wait_until (flows_state_reached, &state))
    g_error ("expected %u flows in view “%s”, have %u in view “%s”",
             n, view, n_flows (fixture), flows_view (fixture));
}

/* The names on the rows of the list, in order. */
static GPtrArray *
row_names (Fixture *fixture)
{
  GtkWidget *list_box = find_descendant (GTK_WIDGET (fixture->flows_page), GTK_TYPE_LIST_BOX, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (list_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (PW_IS_FLOW_ROW (child))
      g_ptr_array_add (names, g_strdup (pw_flow_info_get_name (pw_flow_row_get_info (PW_FLOW_ROW (child)))));

  return names;
}

static void
set_search (Fixture    *fixture,
            const char *text)
{
  GtkWidget *entry = find_descendant (GTK_WIDGET (fixture->flows_page), GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static GFile *
write_broken_flow (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "broken.flow.json", NULL);
  g_autoptr(GError) error = NULL;
  static const char broken[] =
    "{\n"
    "  \"format\": \"pipewright-flow/1\",\n"
    "  \"name\": \"broken\",\n"
    "  \"tasks\": [\n"
    "    {\"key\": \"a\", \"kind\": \"command\", \"command\": [\"true\"], \"retires\": 3},\n"
    "    {\"key\": \"b\", \"kind\": \"shell\"}\n"
    "  ]\n"
    "}\n";

  g_file_set_contents (path, broken, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

/* fixture: each test body runs inside g_application_run(), as the app does */

/* How the test tells the app which database to use. */
typedef enum
{
  DB_FROM_PROPERTY,
  DB_FROM_OPTION,
  DB_FROM_ENVIRONMENT,
} DbChoice;

typedef struct
{
  gboolean first_run;
  void   (*body) (Fixture *fixture);
  DbChoice db_choice;
} AppTest;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const AppTest *test = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = NULL;

  fixture->tmpdir = g_dir_make_tmp ("pipewright-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->tmpdir, "pipewright.db", NULL);

  /* Without the marker this is a first run, which imports the examples;
   * with it the library stays empty. */
  marker = pw_examples_marker_path ();
  g_remove (marker);
  if (!test->first_run)
    {
      g_autofree char *parent = g_path_get_dirname (marker);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      g_file_set_contents (marker, "", 0, &error);
      g_assert_no_error (error);
    }

  fixture->app = g_object_new (PW_TYPE_APPLICATION,
                               "application-id", APPLICATION_ID,
                               "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                               "database-path", test->db_choice == DB_FROM_PROPERTY ? fixture->db_path : NULL,
                               NULL);
}

static void
run_body_cb (gpointer data)
{
  Fixture *fixture = data;
  const AppTest *test = g_object_get_data (G_OBJECT (fixture->app), "test");
  GList *windows;

  g_assert_nonnull (pw_application_get_backend (fixture->app));
  g_assert_cmpstr (pw_application_get_database_path (fixture->app), ==, fixture->db_path);

  windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
  g_assert_nonnull (windows);
  g_assert_true (PW_IS_WINDOW (windows->data));
  fixture->window = windows->data;
  fixture->flows_page = PW_FLOWS_PAGE (find_descendant (GTK_WIDGET (fixture->window), PW_TYPE_FLOWS_PAGE, NULL));
  g_assert_nonnull (fixture->flows_page);

  test->body (fixture);

  /* The app ends with its last window. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app))) != NULL)
    gtk_window_destroy (windows->data);
}

static void
activated_cb (Fixture *fixture)
{
  g_idle_add_once (run_body_cb, fixture);
}

static void
run_app_test (Fixture       *fixture,
              gconstpointer  user_data)
{
  const AppTest *test = user_data;
  char *argv[] = { (char *)"pipewright", (char *)"--db", fixture->db_path, NULL };
  int argc = test->db_choice == DB_FROM_OPTION ? 3 : 1;

  if (test->db_choice == DB_FROM_ENVIRONMENT)
    g_setenv ("PIPEWRIGHT_DB", fixture->db_path, TRUE);

  g_object_set_data (G_OBJECT (fixture->app), "test", (gpointer)user_data);
  g_signal_connect_data (fixture->app, "activate", G_CALLBACK (activated_cb), fixture,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), argc, argv), ==, 0);
  g_unsetenv ("PIPEWRIGHT_DB");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  PwBackend *backend = pw_application_get_backend (fixture->app);

  if (backend != NULL)
    g_object_add_weak_pointer (G_OBJECT (backend), (gpointer *)&backend);
  g_assert_finalize_object (fixture->app);
  g_assert_null (backend);

  remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->db_path, g_free);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

#define add_app_test_with_db(path, body, db_choice) \
  G_STMT_START { \
    static const AppTest test = { FALSE, body, db_choice }; \
    g_test_add (path, Fixture, &test, fixture_set_up, run_app_test, fixture_tear_down); \
  } G_STMT_END

#define add_app_test(path, first_run, body) \
  G_STMT_START { \
    static const AppTest test = { first_run, body, DB_FROM_PROPERTY }; \
    g_test_add (path, Fixture, &test, fixture_set_up, run_app_test, fixture_tear_down); \
  } G_STMT_END

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

static gboolean
details_loaded (gpointer data)
{
  GtkWindow *details = find_toplevel (PW_TYPE_FLOW_DETAILS_WINDOW);

  return details != NULL && pw_flow_details_window_get_flow (PW_FLOW_DETAILS_WINDOW (details)) != NULL;
}

/* Activating a flow's row shows its parameters and tasks. */
static void
test_details (Fixture *fixture)
{
  g_autoptr(GPtrArray) expected = example_names ();
  GtkWidget *list_box;
  GtkListBoxRow *row = NULL;
  GtkWindow *details;
  GtkWidget *expander;
  PwFlow *flow;
  guint n_rows = 0;

  assert_flows_state (fixture, expected->len, "flows");

  /* The flow with the most tasks shows the most. */
  list_box = find_descendant (GTK_WIDGET (fixture->flows_page), GTK_TYPE_LIST_BOX, NULL);
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
  g_assert_true (wait_until (details_loaded, NULL));
  details = find_toplevel (PW_TYPE_FLOW_DETAILS_WINDOW);
  g_assert_true (gtk_window_get_transient_for (details) == GTK_WINDOW (fixture->window));

  flow = pw_flow_details_window_get_flow (PW_FLOW_DETAILS_WINDOW (details));
  g_assert_cmpstr (pw_flow_get_name (flow), ==, pw_flow_info_get_name (pw_flow_row_get_info (PW_FLOW_ROW (row))));
  g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, pw_flow_info_get_n_tasks (pw_flow_row_get_info (PW_FLOW_ROW (row))));

  /* One row per task, titled with its display name. */
  for (guint i = 0; i < pw_flow_get_n_tasks (flow); i++)
    {
      g_autoptr(PwTask) task = g_list_model_get_item (pw_flow_get_tasks (flow), i);

      g_assert_true (wait_for_label (GTK_WIDGET (details), pw_task_get_display_name (task)));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, >, 0);

  /* Expanded, a task's row shows what it runs. */
  expander = find_descendant (GTK_WIDGET (details), ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_nonnull (expander);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

  save_screenshot (GTK_WIDGET (details), "flow-details.png");
  gtk_window_destroy (details);
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-flows", NULL));
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

/* Every templated widget, built on its own. */
static void
test_templates (void)
{
  g_autoptr(PwFlowInfo) info = pw_flow_info_new ("id", "a-flow");
  static const char *tags[] = { "one", "two", "three", "four", "five", "six", NULL };
  GtkWidget *row;
  GtkWidget *page;
  g_autoptr(GtkBuilder) builder = NULL;

  pw_flow_info_set_tags (info, tags);
  row = g_object_ref_sink (GTK_WIDGET (pw_flow_row_new (info)));
  g_assert_true (pw_flow_row_get_info (PW_FLOW_ROW (row)) == info);
  g_assert_finalize_object (row);

  page = g_object_ref_sink (g_object_new (PW_TYPE_FLOWS_PAGE, NULL));
  g_assert_null (pw_flows_page_get_backend (PW_FLOWS_PAGE (page)));
  g_assert_null (pw_flows_page_get_flows (PW_FLOWS_PAGE (page)));
  g_assert_finalize_object (page);

  builder = gtk_builder_new_from_resource ("/io/github/pipewright/Pipewright/gtk/help-overlay.ui");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
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
  gboolean tap = FALSE;
  int status;

  /* The app's own files (the examples marker) go to a temporary home. Not
   * G_TEST_OPTION_ISOLATE_DIRS: that also hides XDG_DATA_DIRS, and with it
   * the icon theme and libadwaita's schemas. */
  home = g_dir_make_tmp ("pipewright-ui-home-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  for (int i = 1; i < argc; i++)
    tap |= g_str_equal (argv[i], "--tap");

  g_test_init (&argc, &argv, NULL);

  /* Without a display, skip: exit 77 for plain runs; under TAP (where meson
   * takes any status but 0 for an error) an empty plan marked SKIP. */
  if (!gtk_init_check ())
    {
      remove_tree (home);
      if (tap)
        {
          g_print ("1..0 # SKIP no display (run the UI tests under xvfb-run)\n");
          return 0;
        }
      g_printerr ("No display; skipping the UI tests\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/Ui/templates", test_templates);
  g_test_add_func ("/Ui/flow-row/details", test_row_details);
  add_app_test ("/Ui/flows/first-run", TRUE, test_first_run);
  add_app_test ("/Ui/flows/search", TRUE, test_search);
  add_app_test ("/Ui/flows/details", TRUE, test_details);
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
