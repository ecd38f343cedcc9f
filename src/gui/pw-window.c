/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flows-page.h"
#include "pw-local-backend.h"
#include "pw-window.h"

/*
 * PwWindow: the header bar with the view switcher and the connection
 * button over the four pages. Files dropped on the window, or opened with
 * the app, are imported into the flow library.
 */
struct _PwWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  PwFlowsPage          *flows_page;
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
  gtk_widget_activate_action (GTK_WIDGET (self->flows_page), "flows.import", NULL);
}

static void
search_flows_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "flows");
  pw_flows_page_focus_search (self->flows_page);
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, flows_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, connection_popover);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, connection_path_label);
  gtk_widget_class_bind_template_callback (widget_class, connection_preferences_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.import-flow", NULL, import_flow_action);
  gtk_widget_class_install_action (widget_class, "win.search-flows", NULL, search_flows_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-flow", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search-flows", NULL);
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
