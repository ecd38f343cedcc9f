/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pw-application.h"
#include "pw-connection-button.h"
#include "pw-dag-canvas.h"
#include "pw-connection-editor.h"
#include "pw-deployment-editor.h"
#include "pw-deployments-page.h"
#include "pw-local-backend.h"
#include "pw-preferences-window.h"
#include "pw-profiles.h"
#include "pw-remote-backend.h"
#include "pw-run-list-model.h"
#include "pw-run-view.h"
#include "pw-runs-page.h"
#include "pw-window.h"
#include "pw-work-queue.h"
#include "pw-work-queues-page.h"
#include "test-remote-common.h"
#include "ui-test-common.h"

/*
 * The app on a server profile, under Xvfb: a real `pipewright-cli serve`
 * on 127.0.0.1 (port 0, then the same port again after it is killed) on a
 * temporary database, a profile for it in the temporary
 * $XDG_CONFIG_HOME, and the app opening that profile as a user's would.
 * Screenshots go to tests/ui/screenshots in the build directory.
 */

/* tests */

static void
live_body (gpointer data)
{
  Remote *r = data;
  Fixture *f = &r->base;
  PwWindow *window = wait_for_window (r, "content", PW_TYPE_REMOTE_BACKEND);
  g_autoptr(PwFlowRun) run = NULL;
  GtkWidget *deployments_page;
  GtkWidget *queues_page;
  FindRun find;
  PwRunView *view;

  g_assert_cmpstr (pw_application_get_profile_name (f->app), ==, "cloud");
  g_assert_cmpstr (pw_remote_backend_get_api_url (PW_REMOTE_BACKEND (f->backend)), ==, r->url);
  g_assert_true (wait_for_status (window, "Connected to Pipewright"));
  g_assert_false (pw_window_get_offline_banner_shown (window));

  /* Flows come from the server, and can be edited there. */
  g_assert_true (wait_until (flows_listed, f->flows_page));
  g_assert_true (wait_until (new_flow_enabled, window));

  /* A run started through the server shows in the Runs page, live. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "runs"));
  g_assert_true (wait_for_string (f->runs_page, runs_content, "runs"));
  run = start_run (f, "gated", NULL);
  find = (FindRun) { G_LIST_MODEL (pw_runs_page_get_model (f->runs_page)), pw_flow_run_get_id (run) };
  g_assert_true (wait_until (run_listed, &find));
  g_assert_true (wait_for_label (GTK_WIDGET (f->runs_page), pw_flow_run_get_name (run)));
  g_assert_true (wait_for_label (GTK_WIDGET (f->runs_page), "Running"));

  /* Its view follows it to its end. */
  pw_window_show_run (window, pw_flow_run_get_id (run));
  view = pw_runs_page_get_run_view (f->runs_page);
  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_RUNNING));
  g_assert_true (g_file_set_contents (r->gate, "", 0, NULL));
  g_assert_true (wait_for_view_state (view, PW_STATE_TYPE_COMPLETED));
  save_screenshot (GTK_WIDGET (window), "remote-run-view.png");
  pw_runs_page_show_list (f->runs_page);
  g_assert_true (wait_for_label (GTK_WIDGET (f->runs_page), "Completed"));
  save_screenshot (GTK_WIDGET (window), "remote-window.png");

  /* The connection button's popover says where and what. */
  {
    GtkPopover *popover = pw_connection_button_get_popover (pw_window_get_connection_button (window));

    gtk_popover_popup (popover);
    g_assert_true (wait_for_label (GTK_WIDGET (popover), r->url));
    save_screenshot (GTK_WIDGET (popover), "remote-connection-popover.png");
    gtk_popover_popdown (popover);
  }

  /* Deployments and work queues, from the server. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deployments"));
  deployments_page = find_descendant (GTK_WIDGET (window), PW_TYPE_DEPLOYMENTS_PAGE, NULL);
  g_assert_true (wait_until (has_items, pw_deployments_page_get_deployments (PW_DEPLOYMENTS_PAGE (deployments_page))));
  g_assert_true (wait_for_label (deployments_page, "dev"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "work-queues"));
  queues_page = find_descendant (GTK_WIDGET (window), PW_TYPE_WORK_QUEUES_PAGE, NULL);
  g_assert_true (wait_until (has_items, pw_work_queues_page_get_queues (PW_WORK_QUEUES_PAGE (queues_page))));
  g_assert_true (wait_for_label (queues_page, "dev"));

  /* The server goes away: the window says so, and the pages say what
   * they could not read instead of waiting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "runs"));
  kill_server (r);
  g_assert_true (wait_until (banner_shown, window));
  g_assert_true (wait_for_status (window, "Offline"));
  g_assert_true (wait_for_label (GTK_WIDGET (window), "cannot be reached"));
  pw_runs_page_reload (f->runs_page);
  g_assert_true (wait_for_string (f->runs_page, runs_content, "error"));
  g_assert_true (wait_for_label (GTK_WIDGET (f->runs_page), "Cannot reach the server"));
  save_screenshot (GTK_WIDGET (window), "remote-offline.png");
  /* A run's view says it too. */
  pw_window_show_run (window, pw_flow_run_get_id (run));
  g_assert_true (wait_for_label (GTK_WIDGET (f->runs_page), "Cannot reach the server"));
  save_screenshot (GTK_WIDGET (window), "remote-offline-run.png");
  pw_runs_page_show_list (f->runs_page);

  /* Back on the same port: online again by itself, and the pages read
   * again. */
  start_server (r, r->port);
  g_assert_true (wait_until (banner_hidden, window));
  g_assert_true (wait_for_status (window, "Connected to Pipewright"));
  g_assert_true (wait_for_string (f->runs_page, runs_content, "runs"));
  g_assert_true (wait_for_label (GTK_WIDGET (f->runs_page), pw_flow_run_get_name (run)));
}

/* The app opens the active profile, a Pipewright server, and watches it. */
static void
test_live (Remote        *r,
           gconstpointer  data)
{
  start_server (r, 0);
  write_profile ("cloud", r->url, TRUE);
  run_app (r, live_body, NULL);
}

typedef struct
{
  GListModel  *model;
  const char  *flow;
  PwStateType  type;
} FlowRunWait;

/* A run of @flow in state @type is in the list. */
static gboolean
flow_run_listed (gpointer data)
{
  FlowRunWait *wait = data;

  for (guint i = 0; i < g_list_model_get_n_items (wait->model); i++)
    {
      g_autoptr(PwFlowRun) run = g_list_model_get_item (wait->model, i);

      if (run != NULL && g_strcmp0 (pw_flow_run_get_flow_name (run), wait->flow) == 0 &&
          pw_flow_run_get_state_type (run) == wait->type)
        return TRUE;
    }
  return FALSE;
}

static void
external_body (gpointer data)
{
  Remote *r = data;
  Fixture *f = &r->base;
  PwWindow *window = wait_for_window (r, "content", PW_TYPE_REMOTE_BACKEND);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { cli_path (), "--db", r->db, "run", "gated", NULL };
  FlowRunWait wait;

  g_assert_true (wait_for_status (window, "Connected to Pipewright"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "runs"));
  g_assert_true (wait_for_string (f->runs_page, runs_content, "runs"));

  /* Another process runs a flow on the server's database. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  cli = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  /* The server sees it and tells the app: running, then completed, with
   * no reload. */
  wait = (FlowRunWait) { G_LIST_MODEL (pw_runs_page_get_model (f->runs_page)), "gated", PW_STATE_TYPE_RUNNING };
  g_assert_true (wait_until (flow_run_listed, &wait));
  g_assert_true (wait_for_label (GTK_WIDGET (f->runs_page), "Running"));
  g_assert_true (g_file_set_contents (r->gate, "", 0, NULL));
  wait.type = PW_STATE_TYPE_COMPLETED;
  g_assert_true (wait_until (flow_run_listed, &wait));
  g_assert_true (wait_for_label (GTK_WIDGET (f->runs_page), "Completed"));
  g_assert_true (g_subprocess_wait_check (cli, NULL, &error));
  g_assert_no_error (error);
}

/* Runs that another process (`pipewright-cli run`, an agent) executes on
 * the server's database show in the app live. */
static void
test_external_run (Remote        *r,
                   gconstpointer  data)
{
  start_server (r, 0);
  write_profile ("cloud", r->url, TRUE);
  run_app (r, external_body, NULL);
}

typedef struct
{
  GListModel *deployments;
  gboolean    paused;
} PausedWait;

static gboolean
dev_paused_is (gpointer data)
{
  PausedWait *wait = data;

  for (guint i = 0; i < g_list_model_get_n_items (wait->deployments); i++)
    {
      g_autoptr(PwDeployment) deployment = g_list_model_get_item (wait->deployments, i);

      if (g_str_equal (pw_deployment_get_name (deployment), "dev"))
        return pw_deployment_get_paused (deployment) == wait->paused;
    }
  return FALSE;
}

static void
store_run_cb (PwDeploymentEditor *editor,
              PwFlowRun          *run,
              PwFlowRun         **out)
{
  g_set_object (out, run);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *)data != NULL;
}

static gboolean
run_completed (gpointer data)
{
  Remote *r = data;
  g_autoptr(PwFlowRun) run = read_run (&r->base, g_object_get_data (G_OBJECT (r->base.app), "run-id"));

  return run != NULL && pw_flow_run_get_state_type (run) == PW_STATE_TYPE_COMPLETED;
}

typedef struct
{
  GListModel *queues;
  int         limit;
} LimitWait;

static gboolean
dev_queue_limit_is (gpointer data)
{
  LimitWait *wait = data;

  for (guint i = 0; i < g_list_model_get_n_items (wait->queues); i++)
    {
      g_autoptr(PwWorkQueue) queue = g_list_model_get_item (wait->queues, i);

      if (g_str_equal (pw_work_queue_get_name (queue), "dev"))
        return pw_work_queue_get_concurrency_limit (queue) == wait->limit;
    }
  return FALSE;
}

static gboolean
has_upcoming (gpointer page)
{
  return pw_work_queues_page_get_n_upcoming (page) > 0;
}

static gboolean
editor_has_deployment (gpointer editor)
{
  return pw_deployment_editor_get_deployment (editor) != NULL;
}

static void
deployments_body (gpointer data)
{
  Remote *r = data;
  PwWindow *window = wait_for_window (r, "content", PW_TYPE_REMOTE_BACKEND);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) stored = NULL;
  PwDeploymentsPage *page;
  PwDeploymentEditor *editor;
  PwWorkQueuesPage *queues;
  LimitWait limit;
  PausedWait wait;
  const char *id = NULL;

  g_assert_true (wait_for_status (window, "Connected to Pipewright"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deployments"));
  page = PW_DEPLOYMENTS_PAGE (find_descendant (GTK_WIDGET (window), PW_TYPE_DEPLOYMENTS_PAGE, NULL));
  wait = (PausedWait) { pw_deployments_page_get_deployments (page), FALSE };
  g_assert_true (wait_until (dev_paused_is, &wait));
  for (guint i = 0; i < g_list_model_get_n_items (wait.deployments); i++)
    {
      g_autoptr(PwDeployment) deployment = g_list_model_get_item (wait.deployments, i);

      if (g_str_equal (pw_deployment_get_name (deployment), "dev"))
        id = g_intern_string (pw_deployment_get_id (deployment));
    }
  g_assert_true (pw_deployments_page_select (page, id));
  editor = pw_deployments_page_get_editor (page);
  g_assert_true (wait_until (editor_has_deployment, editor));

  /* Pause on the server, and back. */
  gtk_switch_set_active (pw_deployment_editor_get_pause_switch (editor), TRUE);
  wait.paused = TRUE;
  g_assert_true (wait_until (dev_paused_is, &wait));
  save_screenshot (GTK_WIDGET (window), "remote-deployments.png");
  gtk_switch_set_active (pw_deployment_editor_get_pause_switch (editor), FALSE);
  wait.paused = FALSE;
  g_assert_true (wait_until (dev_paused_is, &wait));

  /* Run now: the server creates the run, and its agent runs it. */
  g_signal_connect (editor, "run-started", G_CALLBACK (store_run_cb), &run);
  pw_deployment_editor_run_now (editor);
  g_assert_true (wait_until (pointer_set, &run));
  stored = read_run (&r->base, pw_flow_run_get_id (run));
  g_assert_cmpstr (pw_flow_run_get_deployment_id (stored), ==, id);
  g_object_set_data_full (G_OBJECT (r->base.app), "run-id", g_strdup (pw_flow_run_get_id (run)), g_free);
  g_assert_true (wait_until (run_completed, r));

  /* The dev queue: its upcoming runs, and a limit saved on the server. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "work-queues"));
  queues = PW_WORK_QUEUES_PAGE (find_descendant (GTK_WIDGET (window), PW_TYPE_WORK_QUEUES_PAGE, NULL));
  limit = (LimitWait) { pw_work_queues_page_get_queues (queues), 3 };
  g_assert_true (wait_until (has_items, limit.queues));
  g_assert_true (pw_work_queues_page_select (queues, "dev"));
  g_assert_true (wait_until (has_upcoming, queues));
  pw_work_queues_page_set_limit (queues, 3);
  pw_work_queues_page_save (queues);
  g_assert_true (wait_until (dev_queue_limit_is, &limit));
  save_screenshot (GTK_WIDGET (window), "remote-work-queues.png");
}

/* Deployments on the server: listed, paused and resumed, run now (and run
 * by the server's agent); its work queue, with a new limit. */
static void
test_deployments (Remote        *r,
                  gconstpointer  data)
{
  start_server (r, 0);
  write_profile ("cloud", r->url, TRUE);
  run_app (r, deployments_body, NULL);
}

static void
unreachable_body (gpointer data)
{
  Remote *r = data;
  PwWindow *window = wait_for_window (r, "content", PW_TYPE_REMOTE_BACKEND);

  g_assert_cmpstr (pw_application_get_profile_name (r->base.app), ==, "gone");
  g_assert_true (wait_until (banner_shown, window));
  g_assert_true (wait_for_status (window, "Offline"));
  /* "Retry Now" asks again at once, and says the same. */
  pw_connection_button_retry (pw_window_get_connection_button (window));
  g_assert_true (wait_for_status (window, "Offline"));
  g_assert_true (pw_window_get_offline_banner_shown (window));
  /* Unknown server: nothing to edit until it answers. */
  g_assert_false (new_flow_enabled (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "runs"));
  g_assert_true (wait_for_string (r->base.runs_page, runs_content, "error"));
  g_assert_true (wait_for_label (GTK_WIDGET (r->base.runs_page), "Cannot reach the server"));
  save_screenshot (GTK_WIDGET (window), "remote-unreachable.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (window), "remote-unreachable-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The other pages say it too, rather than wait. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "flows"));
  g_assert_true (wait_for_label (GTK_WIDGET (r->base.flows_page), "Cannot reach the server"));
  save_screenshot (GTK_WIDGET (window), "remote-unreachable-flows.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deployments"));
  g_assert_true (wait_for_label (find_descendant (GTK_WIDGET (window), PW_TYPE_DEPLOYMENTS_PAGE, NULL),
                                 "Cannot reach the server"));
  save_screenshot (GTK_WIDGET (window), "remote-unreachable-deployments.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "work-queues"));
  g_assert_true (wait_for_label (find_descendant (GTK_WIDGET (window), PW_TYPE_WORK_QUEUES_PAGE, NULL),
                                 "Cannot reach the server"));
  save_screenshot (GTK_WIDGET (window), "remote-unreachable-queues.png");
}

/* A server that is not there is no error: the window opens, offline. The
 * profile comes from --profile, over the active one. */
static void
test_unreachable (Remote        *r,
                  gconstpointer  data)
{
  g_autofree char *url = NULL;

  /* A port that was just free. */
  start_server (r, 0);
  url = g_strdup (r->url);
  kill_server (r);
  write_profile ("gone", url, FALSE);
  run_app (r, unreachable_body, "--profile", "gone", NULL);
}

static void
missing_profile_body (gpointer data)
{
  Remote *r = data;
  PwWindow *window = wait_for_window (r, "error", G_TYPE_NONE);

  g_assert_null (pw_application_get_backend (r->base.app));
  g_assert_true (wait_for_label (GTK_WIDGET (window), "There is no profile “nosuch”"));
  g_assert_cmpstr (button_status (window), ==, "Could not open the profile");
  save_screenshot (GTK_WIDGET (window), "remote-missing-profile.png");

  /* "Use This Computer" */
  g_action_group_activate_action (G_ACTION_GROUP (r->base.app), "use-profile",
                                  g_variant_new_string (PW_PROFILE_LOCAL));
  window = wait_for_window (r, "content", PW_TYPE_LOCAL_BACKEND);
  g_assert_true (wait_for_status (window, "Local database"));
  g_assert_cmpstr (pw_application_get_profile_name (r->base.app), ==, PW_PROFILE_LOCAL);
}

static void
test_missing_profile (Remote        *r,
                      gconstpointer  data)
{
  /* The local profile's database is a temporary one. */
  g_autoptr(PwProfiles) profiles = load_profiles ();
  g_autoptr(GError) error = NULL;
  g_autofree char *local_db = g_build_filename (r->dir, "local.db", NULL);

  pw_profiles_set (profiles, PW_PROFILE_LOCAL, PW_PROFILE_KEY_DB, local_db, &error);
  g_assert_no_error (error);
  pw_profiles_save (profiles, &error);
  g_assert_no_error (error);

  run_app (r, missing_profile_body, "--profile", "nosuch", NULL);
}

/* Preferences → Servers */

static const char *
editor_test_result (gpointer editor)
{
  return pw_connection_editor_get_test_result (editor);
}

static gboolean
editor_idle (gpointer editor)
{
  return !pw_connection_editor_get_busy (editor) && pw_connection_editor_get_test_result (editor) != NULL;
}

static gboolean
editor_saved (gpointer data)
{
  return !pw_connection_editor_get_busy (data);
}

static PwPreferencesWindow *
open_preferences (Remote *r)
{
  GtkWindow *preferences;

  /* As the connection button's "Connection Preferences": on Servers. */
  g_action_group_activate_action (G_ACTION_GROUP (r->base.app), "connection-preferences", NULL);
  preferences = find_toplevel (PW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)), ==,
                   "servers");
  gtk_window_set_default_size (preferences, 640, 560);
  return PW_PREFERENCES_WINDOW (preferences);
}

static gboolean
profile_row_gone (gpointer data)
{
  gpointer *args = data;

  return pw_preferences_window_get_profile_row (args[0], args[1]) == NULL;
}

static void
preferences_body (gpointer data)
{
  Remote *r = data;
  PwWindow *window = wait_for_window (r, "content", PW_TYPE_LOCAL_BACKEND);
  PwPreferencesWindow *preferences;
  PwConnectionEditor *editor;
  g_autoptr(PwProfiles) saved = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *dead_url = NULL;
  GtkWindow *dialog;
  GStatBuf st;

  g_assert_true (wait_for_status (window, "Local database"));
  preferences = open_preferences (r);
  g_assert_nonnull (pw_preferences_window_get_profile_row (preferences, PW_PROFILE_LOCAL));
  g_assert_true (wait_for_label (GTK_WIDGET (preferences), "This Computer"));

  /* Bad input is refused with the reason. */
  editor = pw_preferences_window_add_server (preferences);
  pw_connection_editor_set_fields (editor, "bad name", r->url, NULL);
  pw_connection_editor_save (editor);
  g_assert_nonnull (strstr (pw_connection_editor_get_error (editor), "cannot be a profile name"));
  pw_connection_editor_set_fields (editor, "cloud", "ftp://example.org/api", NULL);
  pw_connection_editor_save (editor);
  g_assert_nonnull (strstr (pw_connection_editor_get_error (editor), "is not an http or https URL"));
  pw_connection_editor_set_fields (editor, "cloud", "https://user:secret@example.org/api", NULL);
  pw_connection_editor_save (editor);
  g_assert_nonnull (strstr (pw_connection_editor_get_error (editor), "holds credentials"));
  pw_connection_editor_set_fields (editor, PW_PROFILE_LOCAL, r->url, NULL);
  pw_connection_editor_save (editor);
  g_assert_nonnull (pw_connection_editor_get_error (editor));

  /* Testing a server that is not there says why. */
  dead_url = g_strdup_printf ("http://127.0.0.1:%u/api", r->port + 1 == 65536 ? 1 : r->port + 1);
  pw_connection_editor_set_fields (editor, "cloud", dead_url, NULL);
  pw_connection_editor_test (editor);
  g_assert_true (wait_until (editor_idle, editor));
  g_assert_nonnull (strstr (pw_connection_editor_get_test_result (editor), "Cannot reach the server"));

  /* The real one answers: what it is, in words. */
  pw_connection_editor_set_fields (editor, "cloud", r->url, "s3cret-key");
  pw_connection_editor_test (editor);
  g_assert_true (wait_until (editor_idle, editor));
  g_assert_nonnull (strstr (editor_test_result (editor), "Connected to a Pipewright"));
  save_screenshot (GTK_WIDGET (preferences), "preferences-add-server.png");

  /* Saved: the profile, and the key kept away from the profiles file: in
   * the keyring when the test has one of its own, else (a keyring here
   * may wait for a password prompt no one answers) in a file only the
   * user can read. */
  pw_connection_editor_set_key_in_file (editor, !have_keyring);
  pw_connection_editor_save (editor);
  g_assert_true (wait_until (editor_saved, editor));
  g_assert_null (pw_connection_editor_get_error (editor));
  g_assert_nonnull (pw_preferences_window_get_profile_row (preferences, "cloud"));
  g_assert_true (wait_for_label (GTK_WIDGET (preferences), r->url));
  saved = load_profiles ();
  g_assert_true (pw_profiles_has (saved, "cloud"));
  g_assert_cmpstr (pw_profiles_get_active (saved), ==, PW_PROFILE_LOCAL);
  {
    g_autofree char *url = pw_profiles_get (saved, "cloud", PW_PROFILE_KEY_API_URL);
    g_autofree char *text = NULL;

    g_assert_cmpstr (url, ==, r->url);
    g_file_get_contents (pw_profiles_get_path (saved), &text, NULL, NULL);
    g_assert_null (strstr (text, "s3cret-key"));
  }
  key_file = pw_profiles_get (saved, "cloud", PW_PROFILE_KEY_API_KEY_FILE);
  if (have_keyring)
    {
      g_autofree char *key = pw_api_key_lookup_keyring ("cloud", NULL, NULL);

      g_assert_cmpstr (key, ==, "s3cret-key");
      g_assert_null (key_file);
    }
  else
    {
      g_autofree char *key = NULL;

      g_assert_nonnull (key_file);
      g_assert_cmpint (g_stat (key_file, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      key = pw_api_key_read_file (key_file, NULL);
      g_assert_cmpstr (key, ==, "s3cret-key");
    }
  save_screenshot (GTK_WIDGET (preferences), "preferences-servers.png");

  /* Editing tests with the stored key. */
  editor = pw_preferences_window_edit_server (preferences, "cloud");
  pw_connection_editor_test (editor);
  g_assert_true (wait_until (editor_idle, editor));
  g_assert_nonnull (strstr (editor_test_result (editor), "Connected to a Pipewright"));
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (preferences));

  /* "Use": the window reopens on the server. */
  g_action_group_activate_action (G_ACTION_GROUP (r->base.app), "use-profile", g_variant_new_string ("cloud"));
  window = wait_for_window (r, "content", PW_TYPE_REMOTE_BACKEND);
  g_assert_null (find_toplevel (PW_TYPE_PREFERENCES_WINDOW));
  g_assert_true (wait_for_status (window, "Connected to Pipewright"));
  g_assert_cmpstr (pw_application_get_profile_name (r->base.app), ==, "cloud");
  g_clear_object (&saved);
  saved = load_profiles ();
  g_assert_cmpstr (pw_profiles_get_active (saved), ==, "cloud");

  /* In use, it cannot be deleted; back to this computer, it can. */
  preferences = open_preferences (r);
  g_assert_true (wait_for_label (GTK_WIDGET (preferences), "In use"));
  g_action_group_activate_action (G_ACTION_GROUP (r->base.app), "use-profile",
                                  g_variant_new_string (PW_PROFILE_LOCAL));
  window = wait_for_window (r, "content", PW_TYPE_LOCAL_BACKEND);
  preferences = open_preferences (r);
  pw_preferences_window_delete_server (preferences, "cloud");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  save_screenshot (GTK_WIDGET (dialog), "preferences-delete-server.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  {
    gpointer args[] = { preferences, (gpointer)"cloud" };

    g_assert_true (wait_until (profile_row_gone, args));
  }
  g_clear_object (&saved);
  saved = load_profiles ();
  g_assert_false (pw_profiles_has (saved, "cloud"));
  if (key_file != NULL)
    g_assert_false (g_file_test (key_file, G_FILE_TEST_EXISTS));
}

/* Preferences → Servers: add a server (checked, tested), use it, go back,
 * delete it. */
static void
test_preferences (Remote        *r,
                  gconstpointer  data)
{
  g_autoptr(PwProfiles) profiles = load_profiles ();
  g_autoptr(GError) error = NULL;
  g_autofree char *local_db = g_build_filename (r->dir, "local.db", NULL);

  pw_profiles_set (profiles, PW_PROFILE_LOCAL, PW_PROFILE_KEY_DB, local_db, &error);
  g_assert_no_error (error);
  pw_profiles_save (profiles, &error);
  g_assert_no_error (error);

  start_server (r, 0);
  run_app (r, preferences_body, NULL);
}

static void
unauthorized_body (gpointer data)
{
  Remote *r = data;
  PwWindow *window = wait_for_window (r, "content", PW_TYPE_REMOTE_BACKEND);
  PwPreferencesWindow *preferences;
  PwConnectionEditor *editor;

  /* A wrong key: the window says so, and where to fix it. */
  g_assert_true (wait_for_status (window, "The server refuses the API key"));
  g_assert_true (wait_until (banner_shown, window));
  g_assert_true (wait_for_label (GTK_WIDGET (window), "refuses the API key"));
  save_screenshot (GTK_WIDGET (window), "remote-unauthorized.png");

  /* Fixed in Preferences: the window reopens on the profile, connected. */
  preferences = open_preferences (r);
  editor = pw_preferences_window_edit_server (preferences, "cloud");
  pw_connection_editor_set_fields (editor, NULL, NULL, "right-key");
  pw_connection_editor_test (editor);
  g_assert_true (wait_until (editor_idle, editor));
  g_assert_nonnull (strstr (pw_connection_editor_get_test_result (editor), "Connected to a Pipewright"));
  pw_connection_editor_set_key_in_file (editor, TRUE);
  pw_connection_editor_save (editor);
  window = wait_for_window (r, "content", PW_TYPE_REMOTE_BACKEND);
  g_assert_true (wait_for_status (window, "Connected to Pipewright"));
  g_assert_false (pw_window_get_offline_banner_shown (window));
}

/* A server that refuses the profile's key, and the key set right in
 * Preferences. */
static void
test_unauthorized (Remote        *r,
                   gconstpointer  data)
{
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_key = g_build_filename (r->dir, "client.key", NULL);

  r->key_file = g_build_filename (r->dir, "server.key", NULL);
  g_assert_true (pw_api_key_write_file (r->key_file, "right-key", &error));
  g_assert_no_error (error);
  g_assert_true (pw_api_key_write_file (client_key, "wrong-key", &error));
  g_assert_no_error (error);
  start_server (r, 0);

  /* The profile holds a wrong key, in a file of its own. */
  write_profile ("cloud", r->url, TRUE);
  profiles = load_profiles ();
  pw_profiles_set (profiles, "cloud", PW_PROFILE_KEY_API_KEY_FILE, client_key, &error);
  g_assert_no_error (error);
  pw_profiles_save (profiles, &error);
  g_assert_no_error (error);

  run_app (r, unauthorized_body, NULL);
}

/* A Prefect 2 server: a SoupServer on 127.0.0.1 answering with the real
 * Prefect 2.7.12 responses of ../shared/prefect/fixtures. */

static gboolean
read_only_shown (gpointer page)
{
  return has_label_containing (page, "Read-only: a Prefect server");
}

static gboolean
graph_drawn (gpointer view)
{
  PwDagCanvas *canvas = PW_DAG_CANVAS (pw_run_view_get_graph_canvas (view));
  PwFlow *flow = pw_dag_canvas_get_flow (canvas);
  g_autoptr(PwTask) first = NULL;

  if (flow == NULL || pw_flow_get_n_tasks (flow) == 0)
    return FALSE;
  first = g_list_model_get_item (pw_flow_get_tasks (flow), 0);
  return pw_dag_canvas_get_task_state (canvas, pw_task_get_key (first)) != PW_DAG_NO_STATE;
}

static void
prefect_body (gpointer data)
{
  Remote *r = data;
  Fixture *f = &r->base;
  PwWindow *window = wait_for_window (r, "content", PW_TYPE_REMOTE_BACKEND);
  GtkWidget *page;

  g_assert_true (wait_for_status (window, "Connected to Prefect 2.7.12"));
  g_assert_cmpint (pw_remote_backend_get_server_kind (PW_REMOTE_BACKEND (f->backend)), ==, PW_SERVER_KIND_PREFECT);

  /* Flows are listed, read-only, with the reason. */
  g_assert_true (wait_until (flows_listed, f->flows_page));
  g_assert_true (wait_until (read_only_shown, f->flows_page));
  g_assert_false (new_flow_enabled (window));
  save_screenshot (GTK_WIDGET (window), "remote-prefect-flows.png");

  /* Runs, deployments and work queues come from the server. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "runs"));
  g_assert_true (wait_for_string (f->runs_page, runs_content, "runs"));
  g_assert_true (wait_until (has_items, pw_runs_page_get_model (f->runs_page)));
  save_screenshot (GTK_WIDGET (window), "remote-prefect-runs.png");

  /* A failed run's view: its state and its task runs, from Prefect. */
  pw_window_show_run (window, PREFECT_FAILED_RUN);
  g_assert_true (wait_for_view_state (pw_runs_page_get_run_view (f->runs_page), PW_STATE_TYPE_FAILED));
  g_assert_true (wait_until (has_items, pw_run_view_get_task_runs (pw_runs_page_get_run_view (f->runs_page))));
  /* Its graph, drawn from what the task runs waited for: Prefect keeps no
   * flow definitions. */
  g_assert_true (wait_until (graph_drawn, pw_runs_page_get_run_view (f->runs_page)));
  settle (300);
  save_screenshot (GTK_WIDGET (window), "remote-prefect-run.png");
  pw_runs_page_show_list (f->runs_page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deployments"));
  page = find_descendant (GTK_WIDGET (window), PW_TYPE_DEPLOYMENTS_PAGE, NULL);
  g_assert_true (wait_until (has_items, pw_deployments_page_get_deployments (PW_DEPLOYMENTS_PAGE (page))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "work-queues"));
  page = find_descendant (GTK_WIDGET (window), PW_TYPE_WORK_QUEUES_PAGE, NULL);
  g_assert_true (wait_until (has_items, pw_work_queues_page_get_queues (PW_WORK_QUEUES_PAGE (page))));
}

/* On a Prefect server, flows are read-only; runs, deployments and work
 * queues work. */
static void
test_prefect (Remote        *r,
              gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, NULL, prefect_handler_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  g_slist_foreach (uris, (GFunc)g_uri_unref, NULL);
  write_profile ("prefect", url, TRUE);
  run_app (r, prefect_body, NULL);
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
  have_keyring = start_keyring ();

  g_test_add ("/Ui/remote/live", Remote, NULL, remote_set_up, test_live, remote_tear_down);
  g_test_add ("/Ui/remote/external-run", Remote, NULL, remote_set_up, test_external_run, remote_tear_down);
  g_test_add ("/Ui/remote/deployments", Remote, NULL, remote_set_up, test_deployments, remote_tear_down);
  g_test_add ("/Ui/remote/unreachable", Remote, NULL, remote_set_up, test_unreachable, remote_tear_down);
  g_test_add ("/Ui/remote/missing-profile", Remote, NULL, remote_set_up, test_missing_profile, remote_tear_down);
  g_test_add ("/Ui/remote/unauthorized", Remote, NULL, remote_set_up, test_unauthorized, remote_tear_down);
  g_test_add ("/Ui/remote/prefect", Remote, NULL, remote_set_up, test_prefect, remote_tear_down);
  g_test_add ("/Ui/remote/preferences", Remote, NULL, remote_set_up, test_preferences, remote_tear_down);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
