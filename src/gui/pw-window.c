/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-deployments-page.h"
#include "pw-flows-page.h"
#include "pw-gui-util.h"
#include "pw-local-backend.h"
#include "pw-runs-page.h"
#include "pw-window.h"
#include "pw-work-queues-page.h"

/*
 * PwWindow: the header bar with the view switcher and the connection
 * button over the four pages. Files dropped on the window, or opened with
 * the app, are imported into the flow library. The window's actions are
 * the app's main ones, each with a shortcut: new flow, import, run,
 * search, close tab, refresh, show a page, show a run.
 */
struct _PwWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  PwFlowsPage          *flows_page;
  PwRunsPage           *runs_page;
  GtkPopover           *connection_popover;
  GtkLabel             *connection_path_label;

  PwBackend            *backend;
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
connection_preferences_clicked_cb (PwWindow *self)
{
  gtk_popover_popdown (self->connection_popover);
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

  pw_flows_page_set_backend (self->flows_page, self->backend);
  pw_runs_page_set_backend (self->runs_page, self->backend);
  pw_deployments_page_set_backend (PW_DEPLOYMENTS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (self), PW_TYPE_WINDOW, "deployments_page")), self->backend);
  pw_work_queues_page_set_backend (PW_WORK_QUEUES_PAGE (gtk_widget_get_template_child (GTK_WIDGET (self), PW_TYPE_WINDOW, "work_queues_page")), self->backend);

  if (PW_IS_LOCAL_BACKEND (self->backend))
    gtk_label_set_label (self->connection_path_label,
                         pw_local_backend_get_db_path (PW_LOCAL_BACKEND (self->backend)));
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
      self->backend = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_window_dispose (GObject *object)
{
  PwWindow *self = (PwWindow *)object;

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
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, PwWindow, connection_popover);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, connection_path_label);
  gtk_widget_class_bind_template_callback (widget_class, connection_preferences_clicked_cb);

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
