/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-connection-button.h"
#include "pw-deployments-page.h"
#include "pw-flows-page.h"
#include "pw-gui-util.h"
#include "pw-remote-backend.h"
#include "pw-runs-page.h"
#include "pw-window.h"
#include "pw-work-queues-page.h"

/*
 * PwWindow: the header bar with the view switcher and the connection
 * button over the four pages. Files dropped on the window, or opened with
 * the app, are imported into the flow library. The window's actions are
 * the app's main ones, each with a shortcut: new flow, import, run,
 * search, close tab, refresh, show a page, show a run.
 *
 * The window may open before its backend (a server profile's key comes
 * from the keyring): it shows "Opening…" until pw_window_set_backend(), or
 * the reason the profile could not be opened. On a server, a banner over
 * the pages says when the server cannot be reached, and leaves when it
 * answers again; then the pages read again what they show.
 */
struct _PwWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  PwFlowsPage          *flows_page;
  PwRunsPage           *runs_page;
  PwConnectionButton   *connection_button;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  AdwStatusPage        *error_page;
  AdwViewSwitcherTitle *switcher_title;

  PwBackend            *backend;
  /* the server could not be reached (or refused the key) since the pages
   * last read it */
  gboolean              had_trouble;
  /* remembers the window size (and the view, when the schema has the key)
   * when the schema is installed, else NULL */
  GSettings            *settings;
  gboolean              restore_view;
};

G_DEFINE_FINAL_TYPE (PwWindow, pw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BACKEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * pw_window_new:
 *
 * Returns: (transfer none): a new window of @application, working on its
 *   backend
 */
PwWindow *
pw_window_new (PwApplication *application)
{
  g_return_val_if_fail (PW_IS_APPLICATION (application), NULL);

  return g_object_new (PW_TYPE_WINDOW,
                       "application", application,
                       "backend", pw_application_get_backend (application),
                       NULL);
}

static const char *
profile_name (PwWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return PW_IS_APPLICATION (app) ? pw_application_get_profile_name (PW_APPLICATION (app)) : NULL;
}

/* After the server was gone, changes may have been missed: read again. */
static void
reload_pages (PwWindow *self)
{
  pw_runs_page_reload (self->runs_page);
  pw_backend_emit_flows_changed (self->backend);
  pw_backend_emit_deployments_changed (self->backend);
  pw_backend_emit_work_queues_changed (self->backend);
}

static void
update_capabilities (PwWindow *self)
{
  PwBackendCapabilities caps = self->backend != NULL
    ? pw_api_backend_get_capabilities (self->backend) : PW_BACKEND_CAPABILITY_NONE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-flow",
                                 (caps & PW_BACKEND_CAPABILITY_EDIT_FLOWS) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-flow",
                                 (caps & PW_BACKEND_CAPABILITY_EDIT_FLOWS) != 0);
}

static void
connection_changed_cb (PwWindow *self)
{
  PwRemoteBackend *remote = PW_REMOTE_BACKEND (self->backend);
  PwConnectionState state = pw_remote_backend_get_connection_state (remote);
  g_autofree char *text = NULL;

  switch (state)
    {
    case PW_CONNECTION_STATE_OFFLINE:
      text = g_strdup_printf (_("Offline: the server at %s cannot be reached. Pipewright keeps "
                                "trying and shows its data again when it answers."),
                              pw_remote_backend_get_api_url (remote));
      break;

    case PW_CONNECTION_STATE_UNAUTHORIZED:
      text = g_strdup_printf (_("The server at %s refuses the API key. Set the key of this "
                                "profile in Preferences → Servers."),
                              pw_remote_backend_get_api_url (remote));
      break;

    case PW_CONNECTION_STATE_ONLINE:
      if (self->had_trouble)
        {
          self->had_trouble = FALSE;
          reload_pages (self);
        }
      break;

    case PW_CONNECTION_STATE_CONNECTING:
    default:
      break;
    }

  if (text != NULL)
    {
      self->had_trouble = TRUE;
      gtk_label_set_label (self->banner_label, text);
    }
  /* While reconnecting, the banner stays until the server answers. */
  if (state != PW_CONNECTION_STATE_CONNECTING)
    gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL);
  update_capabilities (self);
}

static void
retry_clicked_cb (PwWindow *self)
{
  pw_connection_button_retry (self->connection_button);
}

/**
 * pw_window_set_backend:
 * @backend: (nullable): the backend to show, %NULL while it opens
 *
 * Gives the window its backend, once the application has opened it.
 */
void
pw_window_set_backend (PwWindow  *self,
                       PwBackend *backend)
{
  GObject *deployments;
  GObject *queues;

  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (backend == NULL || PW_IS_BACKEND (backend));

  if (self->backend == backend)
    return;
  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  g_set_object (&self->backend, backend);

  pw_flows_page_set_backend (self->flows_page, backend);
  pw_runs_page_set_backend (self->runs_page, backend);
  deployments = gtk_widget_get_template_child (GTK_WIDGET (self), PW_TYPE_WINDOW, "deployments_page");
  queues = gtk_widget_get_template_child (GTK_WIDGET (self), PW_TYPE_WINDOW, "work_queues_page");
  pw_deployments_page_set_backend (PW_DEPLOYMENTS_PAGE (deployments), backend);
  pw_work_queues_page_set_backend (PW_WORK_QUEUES_PAGE (queues), backend);
  pw_connection_button_set_backend (self->connection_button, backend, profile_name (self));

  self->had_trouble = FALSE;
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  if (PW_IS_REMOTE_BACKEND (backend))
    {
      g_signal_connect_object (backend, "connection-changed",
                               G_CALLBACK (connection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (backend, "notify::capabilities",
                               G_CALLBACK (update_capabilities), self, G_CONNECT_SWAPPED);
      /* Say at once whether the server is there, rather than at the first
       * page that reads. */
      pw_remote_backend_connect (PW_REMOTE_BACKEND (backend));
      connection_changed_cb (self);
    }
  update_capabilities (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->switcher_title), backend != NULL);
  gtk_stack_set_visible_child_name (self->main_stack, backend != NULL ? "content" : "loading");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

/**
 * pw_window_show_loading:
 * @title: what is being opened, in words
 *
 * Shows that the backend is on its way.
 */
void
pw_window_show_loading (PwWindow   *self,
                        const char *title)
{
  g_return_if_fail (PW_IS_WINDOW (self));

  adw_status_page_set_title (self->loading_page, title);
  pw_connection_button_set_backend (self->connection_button, NULL, profile_name (self));
  if (self->backend == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

/**
 * pw_window_show_error:
 * @title: what could not be done
 * @message: why
 *
 * Shows, instead of the pages, that the backend could not be opened, with
 * a way to use this computer's database or to change the profile.
 */
void
pw_window_show_error (PwWindow   *self,
                      const char *title,
                      const char *message)
{
  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (self->backend == NULL);

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  pw_connection_button_set_backend (self->connection_button, NULL, profile_name (self));
  pw_connection_button_show_error (self->connection_button, message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/**
 * pw_window_get_main_view:
 *
 * Returns: what the window shows: “loading”, “error” or “content”
 */
const char *
pw_window_get_main_view (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * pw_window_get_offline_banner_shown:
 *
 * Returns: whether the banner says the server cannot be reached
 */
gboolean
pw_window_get_offline_banner_shown (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->banner_revealer);
}

PwConnectionButton *
pw_window_get_connection_button (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);
  return self->connection_button;
}

/**
 * pw_window_import_files:
 *
 * Shows the flow library and imports @files into it.
 */
void
pw_window_import_files (PwWindow      *self,
                        GFile * const *files,
                        guint          n_files)
{
  g_return_if_fail (PW_IS_WINDOW (self));

  if (n_files == 0)
    return;

  adw_view_stack_set_visible_child_name (self->stack, "flows");
  pw_flows_page_show_library (self->flows_page);
  pw_flows_page_import_files (self->flows_page, files, n_files);
}

static gboolean
drop_cb (PwWindow     *self,
         const GValue *value,
         double        x,
         double        y)
{
  GdkFileList *file_list;
  g_autoptr(GSList) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  file_list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (file_list);
  for (const GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);

  if (array->len == 0)
    return FALSE;

  pw_window_import_files (self, (GFile * const *)array->pdata, array->len);
  return TRUE;
}

static void
import_flow_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "flows");
  pw_flows_page_show_library (self->flows_page);
  gtk_widget_activate_action (GTK_WIDGET (self->flows_page), "flows.import", NULL);
}

static const char *
visible_page (PwWindow *self)
{
  return adw_view_stack_get_visible_child_name (self->stack);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  /* Search what is shown: the runs (or the open run's log), else flows. */
  if (g_strcmp0 (visible_page (self), "runs") == 0)
    {
      pw_runs_page_focus_search (self->runs_page);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, "flows");
  pw_flows_page_show_library (self->flows_page);
  pw_flows_page_focus_search (self->flows_page);
}

static void
new_flow_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->backend == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->stack, "flows");
  pw_flows_page_new_flow (self->flows_page);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  PwFlowTab *tab = pw_flows_page_get_selected_tab (self->flows_page);
  PwRunView *view = pw_runs_page_get_run_view (self->runs_page);

  /* Run the flow shown, or run the run shown again. */
  if (g_strcmp0 (visible_page (self), "flows") == 0 && tab != NULL &&
      pw_flow_tab_get_flow (tab) != NULL && !pw_flow_tab_get_deleted (tab))
    {
      pw_flow_tab_run (tab);
      return;
    }

  if (g_strcmp0 (visible_page (self), "runs") == 0 && view != NULL &&
      g_strcmp0 (pw_runs_page_get_view (self->runs_page), "run") == 0 &&
      gtk_widget_activate_action (GTK_WIDGET (view), "run.retry", NULL))
    return;

  pw_add_toast (GTK_WIDGET (self), adw_toast_new (_("Open a flow to run it")));
}

static void
close_tab_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  /* The flow tab, or the run, shown; with nothing open, the window. */
  if (g_strcmp0 (visible_page (self), "flows") == 0 &&
      pw_flows_page_close_selected_tab (self->flows_page))
    return;

  if (g_strcmp0 (visible_page (self), "runs") == 0 &&
      g_strcmp0 (pw_runs_page_get_view (self->runs_page), "run") == 0)
    {
      pw_runs_page_show_list (self->runs_page);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  const char *page = visible_page (self);

  if (g_strcmp0 (page, "runs") == 0)
    {
      pw_runs_page_reload (self->runs_page);
    }
  else if (g_strcmp0 (page, "flows") == 0)
    {
      PwFlowTab *tab = pw_flows_page_get_selected_tab (self->flows_page);

      if (tab != NULL)
        pw_flow_tab_reload (tab);
      else
        gtk_widget_activate_action (GTK_WIDGET (self->flows_page), "flows.reload", NULL);
    }
}

static void
show_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pw_window_show_run (PW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_flow_runs_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  const char * const flows[] = { g_variant_get_string (parameter, NULL), NULL };

  pw_runs_filter_bar_set_flows (pw_runs_page_get_filter_bar (self->runs_page), flows);
  pw_runs_page_show_list (self->runs_page);
  adw_view_stack_set_visible_child_name (self->stack, "runs");
}

/**
 * pw_window_show_run:
 * @flow_run_id: a flow run
 *
 * Shows the Runs page with the view of the run.
 */
void
pw_window_show_run (PwWindow   *self,
                    const char *flow_run_id)
{
  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (flow_run_id != NULL);

  if (self->backend == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->stack, "runs");
  pw_runs_page_show_run (self->runs_page, flow_run_id);
}

/**
 * pw_window_add_toast:
 * @toast: (transfer full): a toast
 */
void
pw_window_add_toast (PwWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PW_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

PwFlowsPage *
pw_window_get_flows_page (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);
  return self->flows_page;
}

PwRunsPage *
pw_window_get_runs_page (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);
  return self->runs_page;
}

/**
 * pw_window_get_page:
 *
 * Returns: the name of the page shown: “flows”, “runs”, “deployments” or
 *   “work-queues”
 */
const char *
pw_window_get_page (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);
  return visible_page (self);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

static GSettings *
lookup_settings (gboolean *has_last_view)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char *keys[] = { "window-width", "window-height", "window-maximized" };

  /* The app runs (and its tests run) without the schema installed; then the
   * window just opens at its default size. */
  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return NULL;

  *has_last_view = g_settings_schema_has_key (schema, "last-view");

  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_window_state (PwWindow *self)
{
  int width, height;

  self->settings = lookup_settings (&self->restore_view);
  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (self->restore_view)
    {
      g_autofree char *view = g_settings_get_string (self->settings, "last-view");

      if (adw_view_stack_get_child_by_name (self->stack, view) != NULL)
        adw_view_stack_set_visible_child_name (self->stack, view);
    }
}

static void
save_window_state (PwWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (self->restore_view)
    g_settings_set_string (self->settings, "last-view",
                           adw_view_stack_get_visible_child_name (self->stack));
  g_settings_apply (self->settings);
}

static gboolean
pw_window_close_request (GtkWindow *window)
{
  save_window_state (PW_WINDOW (window));

  return GTK_WINDOW_CLASS (pw_window_parent_class)->close_request (window);
}

static void
pw_window_constructed (GObject *object)
{
  PwWindow *self = (PwWindow *)object;

  G_OBJECT_CLASS (pw_window_parent_class)->constructed (object);

  /* Until the backend comes ("backend" is set after construction, or
   * later by the application). */
  update_capabilities (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switcher_title), FALSE);
}

static void
pw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PwWindow *self = PW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PwWindow *self = PW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      pw_window_set_backend (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_window_dispose (GObject *object)
{
  PwWindow *self = (PwWindow *)object;

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (pw_window_parent_class)->dispose (object);
}

static void
pw_window_class_init (PwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const struct { guint key; const char *page; } page_keys[] = {
    { GDK_KEY_1, "flows" },
    { GDK_KEY_2, "runs" },
    { GDK_KEY_3, "deployments" },
    { GDK_KEY_4, "work-queues" },
  };

  object_class->constructed = pw_window_constructed;
  object_class->dispose = pw_window_dispose;
  object_class->get_property = pw_window_get_property;
  object_class->set_property = pw_window_set_property;
  window_class->close_request = pw_window_close_request;

  /**
   * PwWindow:backend:
   *
   * Where the window's flows, runs and deployments come from.
   */
  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL,
                         PW_TYPE_BACKEND,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PW_TYPE_CONNECTION_BUTTON);
  g_type_ensure (PW_TYPE_FLOWS_PAGE);
  g_type_ensure (PW_TYPE_RUNS_PAGE);
  g_type_ensure (PW_TYPE_DEPLOYMENTS_PAGE);
  g_type_ensure (PW_TYPE_WORK_QUEUES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-window.ui");
  /* Looked up with gtk_widget_get_template_child (). */
  gtk_widget_class_bind_template_child_full (widget_class, "deployments_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "work_queues_page", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, flows_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, runs_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, connection_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, switcher_title);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.import-flow", NULL, import_flow_action);
  gtk_widget_class_install_action (widget_class, "win.new-flow", NULL, new_flow_action);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-run", "s", show_run_action);
  gtk_widget_class_install_action (widget_class, "win.show-flow-runs", "s", show_flow_runs_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-flow", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-flow", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (page_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, page_keys[i].key, GDK_ALT_MASK,
                                         "win.show-page", "s", page_keys[i].page);
}

static void
pw_window_init (PwWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop_target));

  restore_window_state (self);
}
