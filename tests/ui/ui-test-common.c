/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pw-examples.h"
#include "pw-flow-row.h"
#include "ui-test-common.h"

/*
 * What the UI tests share: the app on a real local database in a temporary
 * folder, its window shown under Xvfb, each test body run inside
 * g_application_run(); waiting for conditions while the main loop runs;
 * finding widgets; screenshots into tests/ui/screenshots in the build
 * directory.
 */

/* helpers */


gboolean
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
void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

GtkWidget *
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

gboolean
has_label_containing (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  /* List cells show their text in inscriptions. */
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL &&
      strstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) != NULL)
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

gboolean
wait_for_label (GtkWidget  *widget,
                const char *text)
{
  LabelWait wait = { widget, text };

  return wait_until (label_shown, &wait);
}

GtkWidget *
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

GtkWindow *
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

gboolean
widget_drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

void
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

  /* The paintable shows what the widget last drew; right after a change
   * (a label a timer updates) there is nothing until the next frame. */
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        settle (20);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

void
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

char *
examples_dir (void)
{
  char *dir = pw_examples_find_dir ();

  g_assert_nonnull (dir);
  return dir;
}

/* The names the example files declare, sorted. */
GPtrArray *
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

GFile *
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

guint
n_flows (Fixture *fixture)
{
  GListModel *flows = pw_flows_page_get_flows (fixture->flows_page);

  return flows != NULL ? g_list_model_get_n_items (flows) : 0;
}

/* The library's tab: the first, pinned page of the Flows page. */
GtkWidget *
library_root (Fixture *fixture)
{
  AdwTabView *view = pw_flows_page_get_tab_view (fixture->flows_page);

  return adw_tab_page_get_child (adw_tab_view_get_nth_page (view, 0));
}

const char *
flows_view (Fixture *fixture)
{
  GtkWidget *stack = find_descendant (library_root (fixture), GTK_TYPE_STACK, NULL);

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

void
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
GPtrArray *
row_names (Fixture *fixture)
{
  GtkWidget *list_box = find_descendant (library_root (fixture), GTK_TYPE_LIST_BOX, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (list_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (PW_IS_FLOW_ROW (child))
      g_ptr_array_add (names, g_strdup (pw_flow_info_get_name (pw_flow_row_get_info (PW_FLOW_ROW (child)))));

  return names;
}

void
set_search (Fixture    *fixture,
            const char *text)
{
  GtkWidget *entry = find_descendant (library_root (fixture), GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

GFile *
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

/* When the app's schema is found, its keys live in the memory backend for
 * the whole test program: each test starts from the defaults. */
static void
reset_app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) keys = NULL;

  if (source == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return;

  settings = g_settings_new (APPLICATION_ID);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}


void
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

  reset_app_settings ();

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
  fixture->flows_page = pw_window_get_flows_page (fixture->window);
  fixture->runs_page = pw_window_get_runs_page (fixture->window);
  fixture->backend = pw_application_get_backend (fixture->app);
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

void
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

static gboolean
backend_gone (gpointer data)
{
  return *(gpointer *)data == NULL;
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  PwBackend *backend = pw_application_get_backend (fixture->app);

  if (backend != NULL)
    g_object_add_weak_pointer (G_OBJECT (backend), (gpointer *)&backend);
  g_assert_finalize_object (fixture->app);

  /* Reads still on their way when the window closed (a chart's counts)
   * hold the backend until they come back, cancelled. */
  g_assert_true (wait_until (backend_gone, &backend));

  remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->db_path, g_free);
  g_clear_pointer (&fixture->tmpdir, g_free);
}


/* More helpers for the runs tests */

/* Waits until get() of @object returns @expected (a string). */
typedef struct
{
  gpointer     object;
  const char *(*get) (gpointer object);
  const char  *expected;
} StringWait;

static gboolean
string_reached (gpointer data)
{
  StringWait *wait = data;

  return g_strcmp0 (wait->get (wait->object), wait->expected) == 0;
}

gboolean
wait_for_string (gpointer      object,
                 const char *(*get) (gpointer object),
                 const char   *expected)
{
  StringWait wait = { object, get, expected };

  return wait_until (string_reached, &wait);
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

gboolean
wait_for_n_items (GListModel *model,
                  guint       n)
{
  CountWait wait = { model, n };

  return wait_until (count_reached, &wait);
}

static gboolean
count_at_least (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) >= wait->n;
}

gboolean
wait_for_at_least (GListModel *model,
                   guint       n)
{
  CountWait wait = { model, n };

  return wait_until (count_at_least, &wait);
}

/* Writes a flow file into the fixture's folder and imports it through
 * the backend. */
static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

void
import_flow_text (Fixture    *fixture,
                  const char *file_name,
                  const char *text)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  pw_backend_import_flow_async (fixture->backend, file, NULL, store_result_cb, &result);
  info = pw_backend_import_flow_finish (fixture->backend, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
}

/* Starts a run of @flow_name through the backend. */
PwFlowRun *
start_run (Fixture    *fixture,
           const char *flow_name,
           const char *parameters)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PwFlowRun *run;

  pw_backend_run_flow_async (fixture->backend, flow_name, 0, parameters, NULL, store_result_cb, &result);
  run = pw_backend_run_flow_finish (fixture->backend, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);

  return run;
}

/* Reads a run through the backend, as it is now. */
PwFlowRun *
read_run (Fixture    *fixture,
          const char *flow_run_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PwFlowRun *run;

  pw_backend_get_flow_run_async (fixture->backend, flow_run_id, NULL, store_result_cb, &result);
  run = pw_backend_get_flow_run_finish (fixture->backend, wait_for_result (&result), &error);
  g_assert_no_error (error);

  return run;
}

typedef struct
{
  Fixture    *fixture;
  const char *id;
} RunWait;

static gboolean
run_finished (gpointer data)
{
  RunWait *wait = data;
  g_autoptr(PwFlowRun) run = read_run (wait->fixture, wait->id);

  return pw_state_type_is_terminal (pw_flow_run_get_state_type (run));
}

/* Waits (on the backend, not the views) until the run has ended. */
void
wait_for_run_end (Fixture    *fixture,
                  const char *flow_run_id)
{
  RunWait wait = { fixture, flow_run_id };

  g_assert_true (wait_until (run_finished, &wait));
}

typedef struct
{
  PwRunView   *view;
  PwStateType  type;
} ViewStateWait;

static gboolean
view_state_reached (gpointer data)
{
  ViewStateWait *wait = data;
  PwFlowRun *run = pw_run_view_get_run (wait->view);

  return run != NULL && pw_flow_run_get_state_type (run) == wait->type &&
         g_strcmp0 (pw_run_view_get_view (wait->view), "run") == 0;
}

/* Waits until the run view shows @type, with no refresh but its own. */
gboolean
wait_for_view_state (PwRunView   *view,
                     PwStateType  type)
{
  ViewStateWait wait = { view, type };

  return wait_until (view_state_reached, &wait);
}

/* Activates the row at @position, as a click does. */
void
activate_row (GtkColumnView *view,
              guint          position)
{
  g_signal_emit_by_name (view, "activate", position);
}

int
ui_test_init (int    *argc,
              char ***argv,
              char  **home)
{
  gboolean tap = FALSE;

  /* The app's own files (the examples marker) go to a temporary home. Not
   * G_TEST_OPTION_ISOLATE_DIRS: that also hides XDG_DATA_DIRS, and with it
   * the icon theme and libadwaita's schemas. */
  *home = g_dir_make_tmp ("pipewright-ui-home-XXXXXX", NULL);
  g_assert_nonnull (*home);
  g_setenv ("XDG_DATA_HOME", *home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", *home, TRUE);
  g_setenv ("XDG_CACHE_HOME", *home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  for (int i = 1; i < *argc; i++)
    tap |= g_str_equal ((*argv)[i], "--tap");

  g_test_init (argc, argv, NULL);

  /* Without a display, skip: exit 77 for plain runs; under TAP (where meson
   * takes any status but 0 for an error) an empty plan marked SKIP. */
  if (!gtk_init_check ())
    {
      remove_tree (*home);
      if (tap)
        {
          g_print ("1..0 # SKIP no display (run the UI tests under xvfb-run)\n");
          return 0;
        }
      g_printerr ("No display; skipping the UI tests\n");
      return 77;
    }
  adw_init ();

  return -1;
}
