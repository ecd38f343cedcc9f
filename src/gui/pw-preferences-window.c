/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pw-connection-editor.h"
#include "pw-preferences-window.h"
#include "pw-profiles.h"
#include "pw-remote-backend.h"

/*
 * PwPreferencesWindow: General (the local database, what the app runs
 * itself) and Servers: the connection profiles — this computer and each
 * server — to add, edit, delete and use. Using another profile closes
 * the windows and opens one on its backend (pw_application_use_profile()).
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
  AdwPreferencesPage   *servers_page;
  AdwPreferencesGroup  *profiles_group;
  GtkLabel             *profiles_error_label;

  PwApplication        *application;
  char                 *database_path;
  /* the rows of profiles_group */
  GPtrArray            *rows;
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
  self->application = g_object_ref (application);
  /* One of the app's windows: switching profiles closes it too. */
  gtk_window_set_application (GTK_WINDOW (self), GTK_APPLICATION (application));

  path = pw_application_get_database_path (application);
  self->database_path = g_strdup (path);
  adw_action_row_set_subtitle (self->database_row,
                               path != NULL ? path : _("The default database"));
  gtk_widget_set_visible (self->open_folder_button, path != NULL);
  if (PW_IS_REMOTE_BACKEND (pw_application_get_backend (application)))
    {
      g_autofree char *text = g_strdup_printf (_("Not in use: the profile “%s” works on its server"),
                                               pw_application_get_profile_name (application));

      adw_action_row_set_subtitle (self->database_row, text);
      gtk_widget_set_visible (self->open_folder_button, FALSE);
    }

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

  pw_preferences_window_reload_profiles (self);

  return GTK_WIDGET (self);
}

static void
show_profiles_error (PwPreferencesWindow *self,
                     const char          *message)
{
  gtk_label_set_label (self->profiles_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->profiles_error_label), message != NULL);
}

static void
edit_clicked_cb (GtkButton           *button,
                 PwPreferencesWindow *self)
{
  pw_preferences_window_edit_server (self, g_object_get_data (G_OBJECT (button), "profile"));
}

static void
delete_clicked_cb (GtkButton           *button,
                   PwPreferencesWindow *self)
{
  pw_preferences_window_delete_server (self, g_object_get_data (G_OBJECT (button), "profile"));
}

static GtkWidget *
flat_button (PwPreferencesWindow *self,
             const char          *icon_name,
             const char          *tooltip,
             const char          *profile,
             GCallback            callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "profile", g_strdup (profile), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static GtkWidget *
profile_row (PwPreferencesWindow *self,
             PwProfiles          *profiles,
             const char          *name,
             gboolean             in_use)
{
  g_autofree char *url = pw_profiles_get (profiles, name, PW_PROFILE_KEY_API_URL);
  g_autofree char *db = pw_profiles_get (profiles, name, PW_PROFILE_KEY_DB);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "profile", g_strdup (name), g_free);
  if (url == NULL && g_str_equal (name, PW_PROFILE_LOCAL))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("This Computer"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   db != NULL ? db : _("The local database"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   url != NULL ? url : db != NULL ? db : _("The local database"));
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (url != NULL ? "network-server-symbolic"
                                                                       : "computer-symbolic"));

  if (in_use)
    {
      GtkWidget *label = gtk_label_new (_("In use"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      image = gtk_image_new_from_icon_name ("object-select-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), image);
    }
  else
    {
      GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use"));

      gtk_widget_set_valign (use, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (use, _("Work with this profile: the window reopens on it"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (use), "app.use-profile");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (use), "s", name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), use);
    }

  if (url != NULL)
    {
      GtkWidget *delete;

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 flat_button (self, "document-edit-symbolic", _("Edit"), name,
                                              G_CALLBACK (edit_clicked_cb)));
      delete = flat_button (self, "user-trash-symbolic", _("Delete"), name,
                            G_CALLBACK (delete_clicked_cb));
      if (in_use)
        {
          gtk_widget_set_sensitive (delete, FALSE);
          gtk_widget_set_tooltip_text (delete, _("In use: use another profile first"));
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
    }
  return row;
}

/**
 * pw_preferences_window_reload_profiles:
 *
 * Lists the connection profiles again.
 */
void
pw_preferences_window_reload_profiles (PwPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  const char *in_use;
  g_autoptr(PwProfiles) profiles = NULL;

  g_return_if_fail (PW_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->profiles_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  profiles = pw_application_get_profiles (self->application, &error);
  if (profiles == NULL)
    {
      show_profiles_error (self, error->message);
      return;
    }
  show_profiles_error (self, NULL);

  in_use = pw_application_get_profile_name (self->application);
  names = pw_profiles_list (profiles);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = profile_row (self, profiles, names[i], g_strcmp0 (names[i], in_use) == 0);

      adw_preferences_group_add (self->profiles_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/**
 * pw_preferences_window_get_profile_row:
 *
 * Returns: (transfer none) (nullable): the row of profile @name
 */
GtkWidget *
pw_preferences_window_get_profile_row (PwPreferencesWindow *self,
                                       const char          *name)
{
  g_return_val_if_fail (PW_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "profile"), name) == 0)
        return row;
    }
  return NULL;
}

/**
 * pw_preferences_window_show_servers:
 *
 * Shows the Servers page.
 */
void
pw_preferences_window_show_servers (PwPreferencesWindow *self)
{
  g_return_if_fail (PW_IS_PREFERENCES_WINDOW (self));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           ADW_PREFERENCES_PAGE (self->servers_page));
}

static void
editor_saved_cb (PwConnectionEditor  *editor,
                 const char          *name,
                 const char          *note,
                 PwPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  pw_preferences_window_reload_profiles (self);
  if (note != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (note));

  /* The profile in use changed: work with what it says now. */
  if (g_strcmp0 (name, pw_application_get_profile_name (self->application)) == 0 &&
      !pw_application_use_profile (self->application, name, &error))
    show_profiles_error (self, error->message);
}

static void
editor_done_cb (PwPreferencesWindow *self)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
}

static PwConnectionEditor *
present_editor (PwPreferencesWindow *self,
                const char          *profile)
{
  GtkWidget *editor = pw_connection_editor_new (self->application, profile);

  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "done", G_CALLBACK (editor_done_cb), self, G_CONNECT_SWAPPED);
  pw_preferences_window_show_servers (self);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), editor);
  return PW_CONNECTION_EDITOR (editor);
}

/**
 * pw_preferences_window_add_server:
 *
 * Shows the form for a new server profile.
 *
 * Returns: (transfer none): the form
 */
PwConnectionEditor *
pw_preferences_window_add_server (PwPreferencesWindow *self)
{
  g_return_val_if_fail (PW_IS_PREFERENCES_WINDOW (self), NULL);
  return present_editor (self, NULL);
}

/**
 * pw_preferences_window_edit_server:
 *
 * Shows the form of server profile @name.
 *
 * Returns: (transfer none): the form
 */
PwConnectionEditor *
pw_preferences_window_edit_server (PwPreferencesWindow *self,
                                   const char          *name)
{
  g_return_val_if_fail (PW_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return present_editor (self, name);
}

/* The keyring is asked from a thread: libsecret's clear has no
 * asynchronous form in pw-profiles.h. */
static void
clear_key_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!pw_api_key_clear_keyring (task_data, cancellable, &error))
    g_debug ("Could not remove the API key of “%s” from the keyring: %s",
             (const char *)task_data, error->message);
  g_task_return_boolean (task, TRUE);
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    PwPreferencesWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "profile");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *default_file = NULL;
  g_autoptr(PwProfiles) profiles = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  profiles = pw_application_get_profiles (self->application, &error);
  if (profiles == NULL)
    {
      show_profiles_error (self, error->message);
      return;
    }
  key_file = pw_profiles_get (profiles, name, PW_PROFILE_KEY_API_KEY_FILE);
  if (!pw_profiles_delete (profiles, name, &error) || !pw_profiles_save (profiles, &error))
    {
      show_profiles_error (self, error->message);
      return;
    }

  /* Its key goes too: a key file the app or the CLI made, and the
   * keyring's entry. */
  default_file = pw_profiles_default_key_file (name);
  if (key_file != NULL && g_str_equal (key_file, default_file))
    g_unlink (key_file);
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, delete_response_cb);
  g_task_set_task_data (task, g_strdup (name), g_free);
  g_task_run_in_thread (task, clear_key_thread);

  pw_preferences_window_reload_profiles (self);
}

/**
 * pw_preferences_window_delete_server:
 *
 * Asks whether to delete server profile @name, and does.
 */
void
pw_preferences_window_delete_server (PwPreferencesWindow *self,
                                     const char          *name)
{
  GtkWidget *dialog;

  g_return_if_fail (PW_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (name != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete the Server “%s”?"), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Its profile and API key are removed from this computer. "
                                 "The server and its data are not touched."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "profile", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_clicked_cb (PwPreferencesWindow *self)
{
  pw_preferences_window_add_server (self);
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
  PwPreferencesWindow *self = (PwPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), PW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (pw_preferences_window_parent_class)->dispose (object);
}

static void
pw_preferences_window_finalize (GObject *object)
{
  PwPreferencesWindow *self = (PwPreferencesWindow *)object;

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, servers_page);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, profiles_group);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, profiles_error_label);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
pw_preferences_window_init (PwPreferencesWindow *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
