/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-app-services.h"
#include "pw-deployment-editor.h"
#include "pw-timezone-chooser.h"
#include "pw-deployments-page.h"
#include "pw-desktop-notifications.h"
#include "pw-flow-run.h"
#include "pw-preferences-window.h"
#include "pw-runs-page.h"
#include "pw-work-queues-page.h"
#include "ui-test-common.h"

/*
 * The Deployments and Work Queues pages and the desktop notifications, on
 * a real local database under Xvfb. Notifications are checked for real: the
 * test owns org.freedesktop.Notifications on the session bus that
 * dbus-run-session provides and counts what arrives.
 */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Shows @page alone in a window the size of the main one, with toasts. */
static GtkWindow *
show_page (Fixture   *fixture,
           GtkWidget *page)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (fixture->app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static gboolean
flow_loaded (gpointer data)
{
  return pw_deployment_editor_get_flow (data) != NULL;
}

static gboolean
can_save (gpointer data)
{
  return pw_deployment_editor_get_can_save (data);
}

/* Whether a text row under @widget reads @text. */
static gboolean
editable_reads (GtkWidget  *widget,
                const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ENTRY_ROW (child) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (child)), text) == 0)
        return TRUE;
      if (editable_reads (child, text))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_editable_text (gpointer editor)
{
  return editable_reads (editor, "Asia/Tokyo");
}

static const char *
page_view (gpointer page)
{
  return pw_deployments_page_get_view (page);
}

static gboolean
page_loaded (gpointer page)
{
  return pw_deployments_page_get_view (page) != NULL;
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


static gboolean
queues_loaded (gpointer page)
{
  return pw_work_queues_page_get_view (page) != NULL;
}

static PwDeployment *
find_listed (PwDeploymentsPage *page,
             const char        *name)
{
  GListModel *list = pw_deployments_page_get_deployments (page);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PwDeployment) d = g_list_model_get_item (list, i);

      if (g_str_equal (pw_deployment_get_name (d), name))
        return d;
    }
  return NULL;
}

typedef struct
{
  PwDeploymentsPage *page;
  const char        *name;
  gboolean           paused;
} ListedCheck;

static gboolean
listed_paused (gpointer data)
{
  ListedCheck *check = data;
  PwDeployment *d = find_listed (check->page, check->name);
  GtkWidget *suffix;

  if (d == NULL || pw_deployment_get_paused (d) != check->paused)
    return FALSE;
  suffix = pw_deployments_page_get_row_suffix (check->page, pw_deployment_get_id (d));
  return suffix != NULL && gtk_widget_get_visible (suffix) == check->paused;
}

static gboolean
listed (gpointer data)
{
  ListedCheck *check = data;

  return find_listed (check->page, check->name) != NULL;
}

static void
on_run_started (PwDeploymentEditor *editor,
                PwFlowRun          *run,
                PwFlowRun         **out)
{
  g_set_object (out, run);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *)data != NULL;
}

static void
close_page_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  /* Let the cancelled requests of the page come back and drop their refs. */
  settle (300);
}

/* tests */

static void
test_templates (void)
{
  GType types[] = { PW_TYPE_DEPLOYMENT_EDITOR, PW_TYPE_DEPLOYMENTS_PAGE, PW_TYPE_WORK_QUEUES_PAGE };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));

      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (widget, types[i]));
      g_assert_finalize_object (widget);
    }
}

/* Create a deployment through the pane: the preview shows the next times;
 * an invalid schedule is named inline and disables Save; pause and Run now. */
static void
test_create_deployment (Fixture *fixture)
{
  PwDeploymentsPage *page = g_object_new (PW_TYPE_DEPLOYMENTS_PAGE, NULL);
  PwDeploymentEditor *editor = pw_deployments_page_get_editor (page);
  GtkWindow *window = show_page (fixture, GTK_WIDGET (page));
  ListedCheck check = { page, "nightly", FALSE };
  g_auto(GStrv) preview = NULL;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (berlin);
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) first_local = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) stored = NULL;
  const char *error_text;

  pw_deployments_page_set_backend (page, fixture->backend);
  g_assert_true (wait_until (page_loaded, page));

  pw_deployments_page_new_deployment (page);
  pw_deployment_editor_new_deployment (editor, "hello");
  g_assert_true (wait_until (flow_loaded, editor));
  g_assert_cmpstr (pw_flow_get_name (pw_deployment_editor_get_flow (editor)), ==, "hello");

  pw_deployment_editor_set_text (editor, "name", "nightly");
  pw_deployment_editor_set_text (editor, "description", "Says hello at three every night");
  pw_deployment_editor_set_text (editor, "tags", "nightly, example");
  pw_deployment_editor_set_text (editor, "who", "Berlin");
  pw_deployment_editor_set_kind (editor, PW_SCHEDULE_KIND_CRON);
  pw_deployment_editor_set_text (editor, "cron", "0 3 * * *");
  pw_deployment_editor_set_text (editor, "timezone", "Europe/Berlin");
  g_assert_null (pw_deployment_editor_get_error_text (editor));
  g_assert_true (pw_deployment_editor_get_can_save (editor));

  /* The next ten 03:00 in Berlin, shown in local time. */
  preview = pw_deployment_editor_dup_preview (editor);
  g_assert_nonnull (preview);
  g_assert_cmpuint (g_strv_length (preview), ==, 10);
  today = g_date_time_new (berlin, g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now), 3, 0, 0);
  first = g_date_time_compare (today, now) > 0 ? g_date_time_ref (today) : g_date_time_add_days (today, 1);
  first_local = g_date_time_to_local (first);
  expected = g_date_time_format (first_local, "%a %-d %b %Y, %H:%M %Z");
  g_assert_cmpstr (preview[0], ==, expected);
  g_assert_nonnull (pw_deployment_editor_get_description_text (editor));
  g_test_message ("cron 0 3 * * * reads “%s”", pw_deployment_editor_get_description_text (editor));
  save_screenshot (GTK_WIDGET (window), "deployments-editor.png");

  /* An invalid cron: the error names the field, Save is off. */
  pw_deployment_editor_set_text (editor, "cron", "0 3 * *");
  error_text = pw_deployment_editor_get_error_text (editor);
  g_assert_nonnull (error_text);
  g_test_message ("invalid cron: %s", error_text);
  g_assert_true (strcasestr (error_text, "cron") != NULL);
  g_assert_false (pw_deployment_editor_get_can_save (editor));
  g_assert_true (has_label_containing (GTK_WIDGET (editor), error_text));
  save_screenshot (GTK_WIDGET (window), "deployments-invalid.png");

  /* A bad parameter is named too. */
  pw_deployment_editor_set_text (editor, "cron", "0 3 * * *");
  g_assert_true (pw_deployment_editor_get_can_save (editor));
  pw_deployment_editor_set_text (editor, "timezone", "Mars/Olympus");
  g_assert_nonnull (pw_deployment_editor_get_error_text (editor));
  g_assert_false (pw_deployment_editor_get_can_save (editor));

  /* The time-zone chooser: searching narrows the list; choosing fills in
   * the row, and the schedule is valid again. */
  {
    GtkWidget *chooser = find_descendant (GTK_WIDGET (editor), PW_TYPE_TIMEZONE_CHOOSER, NULL);
    GtkWidget *search, *list;
    GListModel *shown;

    g_assert_nonnull (chooser);
    search = find_descendant (chooser, GTK_TYPE_SEARCH_ENTRY, NULL);
    list = find_descendant (chooser, GTK_TYPE_LIST_VIEW, NULL);
    g_assert_nonnull (search);
    g_assert_nonnull (list);
    shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
    g_assert_cmpuint (g_list_model_get_n_items (shown), >, 100);
    gtk_editable_set_text (GTK_EDITABLE (search), "tokyo");
    g_assert_true (wait_for_n_items (shown, 1));
    g_signal_emit_by_name (list, "activate", 0);
    g_assert_true (wait_until (has_editable_text, (gpointer) editor));
    g_assert_true (wait_until (can_save, editor));
  }

  pw_deployment_editor_set_text (editor, "timezone", "Europe/Berlin");
  g_assert_true (pw_deployment_editor_get_can_save (editor));

  /* Save: it is listed, and stays selected in the pane. */
  pw_deployment_editor_save (editor);
  g_assert_true (wait_until (listed, &check));
  g_assert_nonnull (pw_deployment_editor_get_deployment (editor));
  g_assert_cmpstr (pw_deployment_get_name (pw_deployment_editor_get_deployment (editor)), ==, "nightly");
  g_assert_cmpstr (pw_schedule_get_cron (pw_deployment_get_schedule (find_listed (page, "nightly"))), ==, "0 3 * * *");
  g_assert_cmpstr (pw_schedule_get_timezone (pw_deployment_get_schedule (find_listed (page, "nightly"))), ==, "Europe/Berlin");
  g_assert_true (wait_until (can_save, editor));
  save_screenshot (GTK_WIDGET (window), "deployments-saved.png");

  /* Pause: the switch and the list agree. */
  gtk_switch_set_active (pw_deployment_editor_get_pause_switch (editor), TRUE);
  check.paused = TRUE;
  g_assert_true (wait_until (listed_paused, &check));
  g_assert_true (gtk_switch_get_active (pw_deployment_editor_get_pause_switch (editor)));
  save_screenshot (GTK_WIDGET (window), "deployments-paused.png");
  gtk_switch_set_active (pw_deployment_editor_get_pause_switch (editor), FALSE);
  check.paused = FALSE;
  g_assert_true (wait_until (listed_paused, &check));

  /* Run now creates a run of the deployment. */
  g_signal_connect (editor, "run-started", G_CALLBACK (on_run_started), &run);
  pw_deployment_editor_run_now (editor);
  g_assert_true (wait_until (is_set, &run));
  stored = read_run (fixture, pw_flow_run_get_id (run));
  g_assert_nonnull (stored);
  g_assert_cmpstr (pw_flow_run_get_deployment_id (stored), ==,
                   pw_deployment_get_id (pw_deployment_editor_get_deployment (editor)));

  close_page_window (window);
}

/* A deleted deployment leaves the list and the pane. */
static void
test_delete_deployment (Fixture *fixture)
{
  PwDeploymentsPage *page = g_object_new (PW_TYPE_DEPLOYMENTS_PAGE, NULL);
  PwDeploymentEditor *editor = pw_deployments_page_get_editor (page);
  GtkWindow *window = show_page (fixture, GTK_WIDGET (page));
  ListedCheck check = { page, "dev", FALSE };
  g_autoptr(PwDeployment) dev = pw_deployment_new ("hello", "dev");
  g_autoptr(PwSchedule) every = pw_schedule_new_interval (600, NULL, "UTC", NULL);
  g_autoptr(PwDeployment) saved = NULL;
  g_auto(GStrv) preview = NULL;
  const char *tags[] = { "dev", NULL };

  pw_deployment_set_schedule (dev, every);
  pw_deployment_set_parameters (dev, "{\"who\": \"dev\"}");
  pw_deployment_set_tags (dev, tags);
  pw_deployment_set_description (dev, "The development copy, every ten minutes");
  saved = save_deployment (fixture, dev);

  pw_deployments_page_set_backend (page, fixture->backend);
  g_assert_true (wait_until (listed, &check));
  g_assert_true (pw_deployments_page_select (page, pw_deployment_get_id (find_listed (page, "dev"))));
  g_assert_true (wait_until (flow_loaded, editor));
  g_assert_true (pw_deployment_editor_get_can_save (editor));
  preview = pw_deployment_editor_dup_preview (editor);
  g_assert_cmpuint (g_strv_length (preview), ==, 10);
  save_screenshot (GTK_WIDGET (window), "deployments-interval.png");
  {
    g_autofree char *stored = pw_schedule_describe (pw_deployment_get_schedule (saved));

    /* What the form would save is what is stored (the anchor's seconds too). */
    g_assert_cmpstr (pw_deployment_editor_get_description_text (editor), ==, stored);
  }
  pw_deployment_editor_delete (editor);
  while (find_listed (page, "dev") != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait_for_label (GTK_WIDGET (window), "Deployment deleted"));
  save_screenshot (GTK_WIDGET (window), "deployments-deleted.png");

  /* Undo brings it back. */
  pw_deployment_editor_undo_delete (editor);
  g_assert_true (wait_until (listed, &check));
  g_assert_cmpstr (pw_deployment_get_parameters (find_listed (page, "dev")), ==, "{\"who\": \"dev\"}");
  close_page_window (window);
}

static void
test_empty_deployments (Fixture *fixture)
{
  PwDeploymentsPage *page = g_object_new (PW_TYPE_DEPLOYMENTS_PAGE, NULL);
  GtkWindow *window = show_page (fixture, GTK_WIDGET (page));

  pw_deployments_page_set_backend (page, fixture->backend);
  g_assert_true (wait_for_string (page, page_view, "empty"));
  save_screenshot (GTK_WIDGET (window), "deployments-empty.png");
  {
    PwWorkQueuesPage *queues = g_object_new (PW_TYPE_WORK_QUEUES_PAGE, NULL);
    GtkWindow *queues_window = show_page (fixture, GTK_WIDGET (queues));

    pw_work_queues_page_set_backend (queues, fixture->backend);
    g_assert_true (wait_until (queues_loaded, queues));
    save_screenshot (GTK_WIDGET (queues_window), "work-queues-empty.png");
    close_page_window (queues_window);
  }
  close_page_window (window);
}

static gboolean
has_upcoming (gpointer data)
{
  return pw_work_queues_page_get_n_upcoming (data) >= 2 &&
         pw_work_queues_page_get_health_text (data) != NULL;
}

typedef struct
{
  PwWorkQueuesPage *page;
  const char       *name;
  int               limit;
} QueueCheck;

static gboolean
queue_listed (gpointer data)
{
  QueueCheck *check = data;
  GListModel *queues = pw_work_queues_page_get_queues (check->page);

  for (guint i = 0; i < g_list_model_get_n_items (queues); i++)
    {
      g_autoptr(PwWorkQueue) q = g_list_model_get_item (queues, i);

      if (g_str_equal (pw_work_queue_get_name (q), check->name) &&
          pw_work_queue_get_concurrency_limit (q) == check->limit)
        return TRUE;
    }
  return FALSE;
}

/* A queue with a concurrency limit, and the runs waiting in it. */
static void
test_work_queue (Fixture *fixture)
{
  PwWorkQueuesPage *page = g_object_new (PW_TYPE_WORK_QUEUES_PAGE, NULL);
  GtkWindow *window = show_page (fixture, GTK_WIDGET (page));
  QueueCheck check = { page, "nightly-queue", 2 };
  g_autoptr(PwDeployment) d = pw_deployment_new ("hello", "queued");
  g_autoptr(PwDeployment) saved = NULL;
  g_autoptr(GError) error = NULL;

  /* Without the app's agent the runs stay in the queue. */
  pw_app_services_set_agent_enabled (pw_application_get_services (fixture->app), FALSE);
  pw_work_queues_page_set_backend (page, fixture->backend);
  g_assert_true (wait_until (queues_loaded, page));

  pw_work_queues_page_new_queue (page);
  pw_work_queues_page_set_text (page, "name", "nightly-queue");
  pw_work_queues_page_set_text (page, "description", "Runs at night, two at a time");
  pw_work_queues_page_set_text (page, "tags", "nightly");
  pw_work_queues_page_set_limit (page, 2);
  pw_work_queues_page_save (page);
  g_assert_true (wait_until (queue_listed, &check));

  /* Two runs of a deployment on that queue wait in it (no agent runs here). */
  pw_deployment_set_work_queue_name (d, "nightly-queue");
  saved = save_deployment (fixture, d);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PwFlowRun) run = NULL;

      pw_backend_run_deployment_async (fixture->backend, pw_deployment_get_id (saved), NULL, NULL, NULL,
                                       store_result, &result);
      run = pw_backend_run_deployment_finish (fixture->backend, wait_for_result (&result), &error);
      g_assert_no_error (error);
    }

  g_assert_true (pw_work_queues_page_select (page, "nightly-queue"));
  g_assert_true (wait_until (has_upcoming, page));
  g_assert_cmpuint (pw_work_queues_page_get_n_upcoming (page), ==, 2);
  save_screenshot (GTK_WIDGET (window), "work-queues-page.png");

  /* Invalid name: Save is off. */
  pw_work_queues_page_new_queue (page);
  save_screenshot (GTK_WIDGET (window), "work-queues-new.png");
  close_page_window (window);
}

/* notifications */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  GPtrArray *summaries;
  GPtrArray *bodies;
  gboolean   default_action;
  gboolean   owned;
} Server;

static void
server_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  Server *server = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary, *body;
      g_autofree const char **actions = NULL;

      g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, &summary, &body, &actions, NULL, NULL);
      g_ptr_array_add (server->summaries, g_strdup (summary));
      g_ptr_array_add (server->bodies, g_strdup (body));
      for (guint i = 0; actions != NULL && actions[i] != NULL; i += 2)
        if (g_str_equal (actions[i], "default"))
          server->default_action = TRUE;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", server->summaries->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "pipewright", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired (GDBusConnection *connection,
               const char      *name,
               gpointer         user_data)
{
  ((Server *)user_data)->owned = TRUE;
}

static gboolean
server_owned (gpointer data)
{
  return ((Server *)data)->owned;
}

static gboolean
got_notification (gpointer data)
{
  return ((Server *)data)->summaries->len > 0;
}

static const char failing_flow[] =
  "{\"format\": \"pipewright-flow/1\", \"name\": \"fails\","
  " \"description\": \"Always fails\","
  " \"tasks\": [{\"key\": \"boom\", \"name\": \"Boom\", \"kind\": \"shell\","
  "   \"script\": \"echo 'no luck' >&2; exit 2\"}]}";

static const char *
runs_view (gpointer page)
{
  return pw_runs_page_get_view (page);
}

/* A failing run with the in-app services: exactly one notification. */
static void
test_notification (Fixture *fixture)
{
  static const GDBusInterfaceVTable vtable = { server_method_call, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  Server server = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free), FALSE, FALSE };
  guint object_id, owner_id;
  const char *states[] = { "FAILED", NULL };
  g_autoptr(PwNotificationPolicy) policy = pw_notification_policy_new (states, NULL);
  g_autoptr(PwNotificationPolicy) added = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  PwAppServices *services = pw_application_get_services (fixture->app);
  g_autoptr(PwFlowRun) run = NULL;

  if (address == NULL)
    {
      g_test_skip ("No session bus (run under dbus-run-session)");
      return;
    }
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications",
                                                 info->interfaces[0], &vtable, &server, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (connection, "org.freedesktop.Notifications",
                                           G_BUS_NAME_OWNER_FLAGS_NONE, name_acquired, NULL, &server, NULL);
  g_assert_true (wait_until (server_owned, &server));

  import_flow_text (fixture, "fails.flow.json", failing_flow);
  pw_backend_add_notification_policy_async (fixture->backend, policy, NULL, store_result, &result);
  added = pw_backend_add_notification_policy_finish (fixture->backend, wait_for_result (&result), &error);
  g_assert_no_error (error);

  /* The app's own services: on by default. */
  g_assert_nonnull (services);
  g_assert_true (pw_app_services_get_notifications_enabled (services));
  g_assert_true (pw_app_services_get_agent_enabled (services));

  run = start_run (fixture, "fails", NULL);
  wait_for_run_end (fixture, pw_flow_run_get_id (run));
  g_assert_true (wait_until (got_notification, &server));
  /* The notifier looks again every few seconds: still one. */
  pw_notifier_scan (pw_app_services_get_notifier (services), NULL);
  settle (1500);
  g_assert_cmpuint (server.summaries->len, ==, 1);
  g_test_message ("notification: %s — %s", (char *)server.summaries->pdata[0], (char *)server.bodies->pdata[0]);
  g_assert_true (strstr (server.summaries->pdata[0], pw_flow_run_get_name (run)) != NULL ||
                 strstr (server.bodies->pdata[0], pw_flow_run_get_name (run)) != NULL);
  g_assert_true (server.default_action);
  g_assert_cmpuint (pw_desktop_notifications_get_n_sent (pw_app_services_get_desktop_notifications (services)), ==, 1);

  /* Clicking it opens the run. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "open-run",
                                  g_variant_new_string (pw_flow_run_get_id (run)));
  g_assert_true (wait_for_string (fixture->runs_page, runs_view, "run"));
  g_assert_cmpstr (pw_window_get_page (fixture->window), ==, "runs");
  save_screenshot (GTK_WIDGET (fixture->window), "notification-opened-run.png");

  /* Switched off, nothing more arrives. */
  pw_app_services_set_notifications_enabled (services, FALSE);
  {
    g_autoptr(PwFlowRun) second = start_run (fixture, "fails", NULL);

    wait_for_run_end (fixture, pw_flow_run_get_id (second));
    settle (1000);
    g_assert_cmpuint (server.summaries->len, ==, 1);
  }

  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (connection, object_id);
  g_ptr_array_unref (server.summaries);
  g_ptr_array_unref (server.bodies);
}

/* The pages in the main window, where the app puts them. */
static void
test_window_pages (Fixture *fixture)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL));
  GtkWidget *deployments = adw_view_stack_get_child_by_name (stack, "deployments");
  GtkWidget *queues = adw_view_stack_get_child_by_name (stack, "work-queues");

  g_assert_true (PW_IS_DEPLOYMENTS_PAGE (deployments));
  g_assert_true (PW_IS_WORK_QUEUES_PAGE (queues));
  adw_view_stack_set_visible_child_name (stack, "deployments");
  g_assert_true (wait_until (page_loaded, deployments));
  pw_deployments_page_new_deployment (PW_DEPLOYMENTS_PAGE (deployments));
  g_assert_true (wait_until (flow_loaded, pw_deployments_page_get_editor (PW_DEPLOYMENTS_PAGE (deployments))));
  save_screenshot (GTK_WIDGET (fixture->window), "deployments-window.png");
  adw_view_stack_set_visible_child_name (stack, "work-queues");
  g_assert_true (wait_until (queues_loaded, queues));
  save_screenshot (GTK_WIDGET (fixture->window), "work-queues-window.png");
}

/* The preferences switch the in-app services. */
static void
test_preferences (Fixture *fixture)
{
  PwAppServices *services = pw_application_get_services (fixture->app);
  GtkWindow *preferences;
  GtkWidget *agent_switch;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  preferences = find_toplevel (PW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  gtk_window_set_default_size (preferences, 600, 640);
  g_assert_true (wait_for_label (GTK_WIDGET (preferences), "Desktop Notifications"));
  agent_switch = find_descendant (GTK_WIDGET (preferences), GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (agent_switch);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (agent_switch)));
  gtk_switch_set_active (GTK_SWITCH (agent_switch), FALSE);
  g_assert_false (pw_app_services_get_agent_enabled (services));
  g_assert_true (pw_app_services_get_notifications_enabled (services));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_descendant (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON, NULL)), 3);
  g_assert_cmpint (pw_app_services_get_agent_limit (services), ==, 3);
  g_assert_cmpuint (pw_agent_get_limit (pw_app_services_get_agent (services)), ==, 3);
  save_screenshot (GTK_WIDGET (preferences), "preferences-services.png");
  gtk_window_destroy (preferences);
}

/* With the schema installed, the GSettings keys drive the services. */
static void
test_settings (Fixture *fixture)
{
  PwAppServices *services = pw_application_get_services (fixture->app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, "io.github.pipewright.Pipewright", TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL)
    {
      g_test_skip ("The app's schema is not installed (test-services-settings runs this with it)");
      return;
    }
  settings = g_settings_new ("io.github.pipewright.Pipewright");

  g_assert_true (g_settings_get_boolean (settings, "agent-enabled"));
  g_assert_true (g_settings_get_boolean (settings, "notifications-enabled"));
  g_assert_true (pw_app_services_get_agent_enabled (services));
  g_settings_set_int (settings, "agent-limit", 4);
  g_assert_cmpint (pw_app_services_get_agent_limit (services), ==, 4);
  g_settings_reset (settings, "agent-limit");
  g_settings_set_boolean (settings, "notifications-enabled", FALSE);
  g_assert_false (pw_app_services_get_notifications_enabled (services));
  pw_app_services_set_agent_enabled (services, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "agent-enabled"));
  g_settings_reset (settings, "agent-enabled");
  g_settings_reset (settings, "notifications-enabled");
  g_assert_true (pw_app_services_get_agent_enabled (services));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status = ui_test_init (&argc, &argv, &home);

  if (status >= 0)
    return status;

  g_test_add_func ("/Ui/deployments/templates", test_templates);
  add_app_test ("/Ui/deployments/create", TRUE, test_create_deployment);
  add_app_test ("/Ui/deployments/delete", TRUE, test_delete_deployment);
  add_app_test ("/Ui/deployments/empty", FALSE, test_empty_deployments);
  add_app_test ("/Ui/work-queues/upcoming", TRUE, test_work_queue);
  add_app_test ("/Ui/notifications/failed-run", FALSE, test_notification);
  add_app_test ("/Ui/deployments/window", TRUE, test_window_pages);
  add_app_test ("/Ui/services/preferences", FALSE, test_preferences);
  add_app_test ("/Ui/services/settings", FALSE, test_settings);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
