/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pw-application-private.h"

/*
 * PwApplication's connection profiles: opening the backend of a profile
 * without blocking, showing that in the windows meanwhile (or why it
 * failed), and switching to another profile.
 */

/* The profiles file's modification time and size, 0 when missing. */
static gint64
profiles_stamp (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000 + st.st_size;
}

/**
 * pw_application_get_profiles:
 *
 * The connection profiles, from `$XDG_CONFIG_HOME/pipewright/profiles.ini`,
 * read again when the file changed (the CLI may change it while the app
 * runs). Who changes them saves them (pw_profiles_save()).
 *
 * Returns: (transfer full) (nullable): the profiles, or %NULL with @error
 *   set when the file cannot be read
 */
PwProfiles *
pw_application_get_profiles (PwApplication  *self,
                             GError        **error)
{
  g_autofree char *path = pw_profiles_default_path ();
  gint64 stamp = profiles_stamp (path);

  g_return_val_if_fail (PW_IS_APPLICATION (self), NULL);

  if (self->profiles == NULL || stamp != self->profiles_stamp || stamp == 0)
    {
      PwProfiles *profiles = pw_profiles_load (path, error);

      if (profiles == NULL)
        return NULL;
      g_set_object (&self->profiles, profiles);
      g_object_unref (profiles);
      self->profiles_stamp = stamp;
    }
  return g_object_ref (self->profiles);
}

static void
show_open_error (PwApplication *self,
                 PwWindow      *window)
{
  g_autofree char *title = g_strdup_printf (_("Could Not Open the Profile “%s”"),
                                            self->profile_name != NULL ? self->profile_name : "");

  pw_window_show_error (window, title, self->backend_error->message);
}

static void
show_opening (PwApplication *self,
              PwWindow      *window)
{
  g_autofree char *title = g_strdup_printf (_("Opening the Profile “%s”…"),
                                            self->profile_name != NULL ? self->profile_name : "");

  pw_window_show_loading (window, title);
}

/**
 * _pw_application_show_state:
 *
 * Shows in @window, which has no backend yet, that the profile is being
 * opened, or why it could not be.
 */
void
_pw_application_show_state (PwApplication *self,
                            PwWindow      *window)
{
  if (self->opening)
    show_opening (self, window);
  else if (self->backend_error != NULL)
    show_open_error (self, window);
}

static void
backend_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PwApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  PwBackend *backend;

  backend = pw_profiles_open_backend_finish (PW_PROFILES (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->opening = FALSE;

  if (backend == NULL)
    {
      g_debug ("Could not open the profile “%s”: %s", self->profile_name, error->message);
      self->backend_error = g_steal_pointer (&error);
      for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        if (PW_IS_WINDOW (l->data))
          show_open_error (self, l->data);
      if (self->pending_files != NULL)
        g_ptr_array_set_size (self->pending_files, 0);
      return;
    }

  _pw_application_set_backend (self, backend);
  _pw_application_import_pending_files (self);
}

/* Opens the backend of profile @name (%NULL: the one asked for on the
 * command line, else the active one), without blocking. */
void
_pw_application_open_profile (PwApplication *self,
                              const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwProfiles) profiles = pw_application_get_profiles (self, &error);

  g_clear_error (&self->backend_error);
  if (profiles == NULL)
    {
      self->backend_error = g_steal_pointer (&error);
      return;
    }

  if (name == NULL)
    name = self->profile_name;
  if (name == NULL)
    {
      const char *env = g_getenv ("PIPEWRIGHT_PROFILE");

      name = env != NULL && *env != '\0' ? env : pw_profiles_get_active (profiles);
    }
  if (g_strcmp0 (self->profile_name, name) != 0)
    {
      g_autofree char *copy = g_strdup (name);

      g_free (self->profile_name);
      self->profile_name = g_steal_pointer (&copy);
      _pw_application_notify (self, PROP_PROFILE_NAME);
    }

  self->opening = TRUE;
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  pw_profiles_open_backend_async (profiles, self->profile_name, self->open_cancellable,
                                  backend_opened_cb, g_object_ref (self));
}

static void
close_backend (PwApplication *self)
{
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->opening = FALSE;
  if (self->services != NULL)
    pw_app_services_stop (self->services);
  g_clear_object (&self->services);
  g_clear_error (&self->backend_error);
  if (self->pending_files != NULL)
    g_ptr_array_set_size (self->pending_files, 0);
  if (self->backend != NULL)
    {
      g_clear_object (&self->backend);
      _pw_application_notify (self, PROP_BACKEND);
    }
}

/**
 * pw_application_use_profile:
 * @name: a connection profile
 *
 * Makes @name the active profile and works on its backend from now on:
 * the windows close, and one opens on the new backend (a database given
 * with `--db` is left).
 *
 * Returns: %TRUE, or %FALSE with @error set when there is no such profile
 *   or the profiles cannot be saved
 */
gboolean
pw_application_use_profile (PwApplication  *self,
                            const char     *name,
                            GError        **error)
{
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GList) windows = NULL;
  PwWindow *window;

  g_return_val_if_fail (PW_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  profiles = pw_application_get_profiles (self, error);
  if (profiles == NULL)
    return FALSE;
  if (!pw_profiles_set_active (profiles, name, error) || !pw_profiles_save (profiles, error))
    return FALSE;

  /* The app must not end between its old windows and the new one. */
  g_application_hold (G_APPLICATION (self));
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  g_list_foreach (windows, (GFunc)g_object_ref, NULL);

  close_backend (self);
  if (self->database_path != NULL)
    {
      g_clear_pointer (&self->database_path, g_free);
      _pw_application_notify (self, PROP_DATABASE_PATH);
    }
  g_clear_pointer (&self->profile_name, g_free);
  _pw_application_open_profile (self, name);

  window = _pw_application_new_window (self);
  gtk_window_present (GTK_WINDOW (window));

  /* Dialogs and the preferences first, parted from their parents (which
   * may outlive them a while, if this runs from one of their signals). */
  for (const GList *l = windows; l != NULL; l = l->next)
    if (!PW_IS_WINDOW (l->data))
      {
        gtk_window_set_transient_for (l->data, NULL);
        gtk_window_destroy (l->data);
      }
  for (const GList *l = windows; l != NULL; l = l->next)
    if (PW_IS_WINDOW (l->data))
      gtk_window_close (l->data);
  g_list_free_full (g_steal_pointer (&windows), g_object_unref);
  g_application_release (G_APPLICATION (self));
  return TRUE;
}

/* The window's "Use This Computer", when a profile cannot be opened. */
void
_pw_application_use_profile_activated (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  PwApplication *self = PW_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;

  if (!pw_application_use_profile (self, g_variant_get_string (parameter, NULL), &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (PW_IS_WINDOW (window))
        pw_window_add_toast (PW_WINDOW (window), adw_toast_new (error->message));
      else
        g_warning ("%s", error->message);
    }
}
