/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "pw-deployment-names.h"
#include "pw-flow-run.h"
#include "pw-remote-backend.h"
#include "pw-run-view.h"
#include "pw-runs-filter-bar.h"
#include "pw-runs-page.h"
#include "test-remote-common.h"

/*
 * Who started a run, by the deployment's name: the Runs page's “Started
 * By” cells, the run view's subtitle and the deployment filter show
 * `FLOW/NAME` and follow the deployment as it changes and goes, on a real
 * local database and on a real `pipewright-cli serve`; a backend that
 * cannot be reached has no names and the short id stays.
 */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* The mapped list cell whose text is exactly @text. */
static GtkWidget *
find_cell (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} CellWait;

static gboolean
cell_shown (gpointer data)
{
  CellWait *wait = data;

  return find_cell (wait->widget, wait->text) != NULL;
}

static gboolean
cell_gone (gpointer data)
{
  return !cell_shown (data);
}

static GtkWidget *
wait_for_cell (gpointer    widget,
               const char *text)
{
  CellWait wait = { widget, text };

  if (!wait_until (cell_shown, &wait))
    g_error ("No cell shows “%s”", text);
  return find_cell (widget, text);
}

static GtkMenuButton *
find_menu_button_labelled (GtkWidget  *widget,
                           const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found;

      if (GTK_IS_MENU_BUTTON (child) &&
          g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (child)), label) == 0)
        return GTK_MENU_BUTTON (child);

      found = find_menu_button_labelled (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *widget;
  const char *label;
} ButtonWait;

static gboolean
button_shown (gpointer data)
{
  ButtonWait *wait = data;

  return find_menu_button_labelled (wait->widget, wait->label) != NULL;
}

static PwDeployment *
save_deployment (Fixture      *fixture,
                 PwDeployment *d)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PwDeployment *saved;

  pw_backend_save_deployment_async (fixture->backend, d, NULL, store_result, &result);
  saved = pw_backend_save_deployment_finish (fixture->backend, wait_for_result (&result), &error);
  g_assert_no_error (error);
  return saved;
}

static PwFlowRun *
run_deployment (Fixture    *fixture,
                const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PwFlowRun *run;

  pw_backend_run_deployment_async (fixture->backend, id, NULL, NULL, NULL, store_result, &result);
  run = pw_backend_run_deployment_finish (fixture->backend, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_deployment_id (run), ==, id);
  return run;
}

/* Renames a deployment in the database, as another program sharing it
 * could (the backend's save is an upsert by `FLOW/NAME`: it never renames),
 * and says so the way the window does when it reads everything again. */
static void
rename_deployment (Fixture    *fixture,
                   const char *id,
                   const char *name)
{
  sqlite3 *db = NULL;
  char *sql = sqlite3_mprintf ("UPDATE deployments SET name = %Q WHERE id = %Q", name, id);

  g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_free (sql);
  sqlite3_close (db);
  pw_backend_emit_deployments_changed (fixture->backend);
}

static gboolean
names_loaded (gpointer names)
{
  return pw_deployment_names_get_loaded (names);
}

/* A deployment's run on the local backend, by hand and by deployment;
 * the deployment renamed and deleted. */
static void
test_local (Fixture *fixture)
{
  g_autoptr(PwDeployment) prod = pw_deployment_new ("hello", "prod");
  g_autoptr(PwDeployment) saved = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) by_hand = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *short_label = NULL;
  g_autofree char *id = NULL;
  GtkWidget *table = GTK_WIDGET (pw_runs_page_get_column_view (fixture->runs_page));
  PwRunsFilterBar *bar = pw_runs_page_get_filter_bar (fixture->runs_page);
  const char *tooltip;
  GtkMenuButton *started_button;
  ButtonWait button_wait;
  CellWait cell_wait;
  PwRunView *view;
  GtkWidget *cell;

  pw_deployment_set_work_queue_name (prod, "nightly");
  saved = save_deployment (fixture, prod);
  id = g_strdup (pw_deployment_get_id (saved));
  short_label = g_strdup_printf ("%.8s · nightly", id);

  /* The app's agent takes the deployment's run from its queue. */
  run = run_deployment (fixture, id);
  by_hand = start_run (fixture, "hello", NULL);
  wait_for_run_end (fixture, pw_flow_run_get_id (run));
  wait_for_run_end (fixture, pw_flow_run_get_id (by_hand));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "runs"));
  cell = wait_for_cell (table, "hello/prod · nightly");
  tooltip = gtk_widget_get_tooltip_text (cell);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "hello/prod"));
  g_assert_nonnull (strstr (tooltip, id));
  cell = wait_for_cell (table, "By hand");
  g_assert_null (gtk_widget_get_tooltip_text (cell));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-deployment-names.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (fixture->window), "runs-deployment-names-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The run's view says which deployment started it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-run", "s",
                                             pw_flow_run_get_id (run)));
  view = pw_runs_page_get_run_view (fixture->runs_page);
  g_assert_nonnull (view);
  g_assert_true (wait_for_label (GTK_WIDGET (view), "Started from deployment hello/prod"));
  save_screenshot (GTK_WIDGET (fixture->window), "run-view-deployment-name.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->runs_page), "runs.back", NULL));

  /* Its runs only (the Deployments page's “Show Runs”): the filter names it. */
  pw_runs_page_show_deployment (fixture->runs_page, id);
  button_wait = (ButtonWait) { GTK_WIDGET (bar), "hello/prod" };
  g_assert_true (wait_until (button_shown, &button_wait));
  started_button = find_menu_button_labelled (GTK_WIDGET (bar), "hello/prod");
  gtk_menu_button_popup (started_button);
  g_assert_true (wait_for_label (GTK_WIDGET (gtk_menu_button_get_popover (started_button)),
                                 "Deployment hello/prod"));
  gtk_menu_button_popdown (started_button);
  cell_wait = (CellWait) { table, "By hand" };
  g_assert_true (wait_until (cell_gone, &cell_wait));
  wait_for_cell (table, "hello/prod · nightly");

  /* Renamed: the cells, the filter and the open view follow. */
  rename_deployment (fixture, id, "production");
  wait_for_cell (table, "hello/production · nightly");
  button_wait.label = "hello/production";
  g_assert_true (wait_until (button_shown, &button_wait));
  pw_runs_filter_bar_clear (bar);
  wait_for_cell (table, "By hand");
  wait_for_cell (table, "hello/production · nightly");

  /* Deleted: its id is known no more, and the cell keeps the short id. */
  pw_backend_delete_deployment_async (fixture->backend, id, NULL, store_result, &result);
  g_assert_true (pw_backend_delete_deployment_finish (fixture->backend, wait_for_result (&result), &error));
  g_assert_no_error (error);
  wait_for_cell (table, short_label);
  cell_wait = (CellWait) { table, "hello/production · nightly" };
  g_assert_true (wait_until (cell_gone, &cell_wait));
  save_screenshot (GTK_WIDGET (fixture->window), "runs-deployment-deleted.png");
}

/* A server that cannot be reached: no names, no error, the short id. */
static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBackend) backend = pw_remote_backend_new ("http://127.0.0.1:1/api", NULL, &error);
  PwDeploymentNames *names;
  PwDeploymentNames *again;
  g_autoptr(PwFlowRun) run = pw_flow_run_new ();
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  g_assert_no_error (error);
  names = pw_deployment_names_get_for_backend (backend);
  again = pw_deployment_names_get_for_backend (backend);
  g_assert_true (names == again);
  g_assert_true (wait_until (names_loaded, names));
  g_assert_cmpuint (pw_deployment_names_get_n_names (names), ==, 0);

  pw_flow_run_set_deployment_id (run, "01a2190b-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
  pw_flow_run_set_work_queue_name (run, "dev");
  text = pw_deployment_names_format_started_by (names, run, &tooltip);
  g_assert_cmpstr (text, ==, "01a2190b · dev");
  g_assert_cmpstr (tooltip, ==, "01a2190b-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
  g_assert_null (pw_deployment_names_lookup (names, "01a2190b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));

  /* Without a run, “By hand” and no tooltip; without names at all, the same. */
  pw_flow_run_set_deployment_id (run, NULL);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  text = pw_deployment_names_format_started_by (NULL, run, &tooltip);
  g_assert_cmpstr (text, ==, "By hand");
  g_assert_null (tooltip);

  /* The last user's unref ends them, and the backend forgets them. */
  g_object_unref (again);
  g_assert_finalize_object (names);
  names = pw_deployment_names_get_for_backend (backend);
  g_assert_false (pw_deployment_names_get_loaded (names));
  g_assert_true (wait_until (names_loaded, names));
  g_assert_finalize_object (names);
}

static gboolean
dev_listed (gpointer data)
{
  Remote *r = data;

  return find_cell (GTK_WIDGET (pw_runs_page_get_column_view (r->base.runs_page)), "hello/dev · dev") != NULL;
}

static void
remote_body (gpointer data)
{
  Remote *r = data;
  PwWindow *window = wait_for_window (r, "content", PW_TYPE_REMOTE_BACKEND);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) deployments = NULL;
  g_autoptr(PwDeployment) dev = NULL;
  g_autoptr(PwFlowRun) run = NULL;

  g_assert_true (wait_for_status (window, "Connected to Pipewright"));
  pw_backend_get_deployment_async (r->base.backend, "hello", "dev", NULL, store_result, &result);
  dev = pw_backend_get_deployment_finish (r->base.backend, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  pw_backend_run_deployment_async (r->base.backend, pw_deployment_get_id (dev), NULL, NULL, NULL,
                                   store_result, &result);
  run = pw_backend_run_deployment_finish (r->base.backend, wait_for_result (&result), &error);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "runs"));
  g_assert_true (wait_until (dev_listed, r));
  save_screenshot (GTK_WIDGET (window), "remote-runs-deployment-names.png");
}

/* The same names from a real `pipewright-cli serve`. */
static void
test_remote (Remote        *r,
             gconstpointer  data)
{
  start_server (r, 0);
  write_profile ("cloud", r->url, TRUE);
  run_app (r, remote_body, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("no_proxy", "*", TRUE);
  status = ui_test_init (&argc, &argv, &home);
  if (status >= 0)
    return status;

  add_app_test ("/Ui/runs-deployments/local", TRUE, test_local);
  g_test_add_func ("/Ui/runs-deployments/unreachable", test_unreachable);
  g_test_add ("/Ui/runs-deployments/remote", Remote, NULL, remote_set_up, test_remote, remote_tear_down);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
