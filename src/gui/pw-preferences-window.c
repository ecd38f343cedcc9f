/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-preferences-window.h"

/*
 * PwPreferencesWindow: the connection profile in use (for now the local
 * one) and its database.
 */
struct _PwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template children */
  AdwActionRow         *database_row;
  GtkWidget            *open_folder_button;
  GtkWidget            *services_group;
  GtkSwitch            *agent_switch;
  GtkSwitch            *notifications_switch;
  GtkSpinButton        *limit_spin;

  char                 *database_path;
};

G_DEFINE_FINAL_TYPE (PwPreferencesWindow, pw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/**
 * pw_preferences_window_new:
 *
 * Returns: (transfer none): the preferences of @application
 */
GtkWidget *
pw_preferences_window_new (PwApplication *application)
{
  PwPreferencesWindow *self;
  PwAppServices *services;
  const char *path;

  g_return_val_if_fail (PW_IS_APPLICATION (application), NULL);

  self = g_object_new (PW_TYPE_PREFERENCES_WINDOW, NULL);

  path = pw_application_get_database_path (application);
  self->database_path = g_strdup (path);
  adw_action_row_set_subtitle (self->database_row,
                               path != NULL ? path : _("The default database"));
  gtk_widget_set_visible (self->open_folder_button, path != NULL);

  /* The switches follow the services, which follow GSettings. */
  services = pw_application_get_services (application);
  gtk_widget_set_visible (self->services_group, services != NULL);
  if (services != NULL)
    {
      g_object_bind_property (services, "agent-enabled", self->agent_switch, "active",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_bind_property (services, "notifications-enabled", self->notifications_switch, "active",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_bind_property (services, "agent-limit", gtk_spin_button_get_adjustment (self->limit_spin), "value",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }

  return GTK_WIDGET (self);
}

static void
open_folder_clicked_cb (PwPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;

  if (self->database_path == NULL)
    return;

  file = g_file_new_for_path (self->database_path);
  folder = g_file_get_parent (file);
  uri = g_file_get_uri (folder);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
pw_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PW_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (pw_preferences_window_parent_class)->dispose (object);
}

static void
pw_preferences_window_finalize (GObject *object)
{
  PwPreferencesWindow *self = (PwPreferencesWindow *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (pw_preferences_window_parent_class)->finalize (object);
}

static void
pw_preferences_window_class_init (PwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_preferences_window_dispose;
  object_class->finalize = pw_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, open_folder_button);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, services_group);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, agent_switch);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, limit_spin);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_clicked_cb);
}

static void
pw_preferences_window_init (PwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
