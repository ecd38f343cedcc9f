/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-app-services.h"
#include "pw-application-private.h"
#include "pw-examples.h"
#include "pw-local-backend.h"
#include "pw-preferences-window.h"
#include "pw-profiles.h"
#include "pw-window.h"

/* PwApplication: see pw-application-private.h. */

G_DEFINE_FINAL_TYPE (PwApplication, pw_application, ADW_TYPE_APPLICATION)

static GParamSpec *properties[N_PROPS];

void
_pw_application_notify (PwApplication *self,
                        guint          prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database at PATH instead of the default"), N_("PATH") },
  { "profile", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use the connection profile NAME instead of the active one"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

/**
 * pw_application_new:
 *
 * Returns: (transfer full): the Pipewright application
 */
PwApplication *
pw_application_new (void)
{
  return g_object_new (PW_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * pw_application_get_backend:
 *
 * Returns: (transfer none) (nullable): the backend, or %NULL before startup
 *   or when the database could not be opened
 */
PwBackend *
pw_application_get_backend (PwApplication *self)
{
  g_return_val_if_fail (PW_IS_APPLICATION (self), NULL);
  return self->backend;
}

/**
 * pw_application_get_database_path:
 *
 * Returns: (nullable): the database in use once the backend exists, else the
 *   one asked for (%NULL for the default)
 */
const char *
pw_application_get_database_path (PwApplication *self)
{
  g_return_val_if_fail (PW_IS_APPLICATION (self), NULL);

  if (PW_IS_LOCAL_BACKEND (self->backend))
    return pw_local_backend_get_db_path (PW_LOCAL_BACKEND (self->backend));

  return self->database_path;
}

/**
 * pw_application_set_database_path:
 * @database_path: (nullable): a database file, or %NULL for the default
 *
 * Chooses the database before the application starts up.
 */
void
pw_application_set_database_path (PwApplication *self,
                                  const char    *database_path)
{
  g_return_if_fail (PW_IS_APPLICATION (self));
  g_return_if_fail (self->backend == NULL);

  if (g_strcmp0 (self->database_path, database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

/**
 * pw_application_get_profile_name:
 *
 * Returns: (nullable): the connection profile in use (or being opened),
 *   %NULL when `--db` or `$PIPEWRIGHT_DB` chose a database
 */
const char *
pw_application_get_profile_name (PwApplication *self)
{
  g_return_val_if_fail (PW_IS_APPLICATION (self), NULL);

  if (self->database_path != NULL)
    return NULL;
  return self->profile_name;
}

/* A main window on the backend, or on its way to it. */
PwWindow *
_pw_application_new_window (PwApplication *self)
{
  PwWindow *window = pw_window_new (self);

  if (self->backend == NULL)
    _pw_application_show_state (self, window);
  return window;
}

/**
 * pw_application_set_profile_name:
 * @profile_name: (nullable): a connection profile, or %NULL for
 *   `$PIPEWRIGHT_PROFILE` or the active one
 *
 * Chooses the profile before the application starts up.
 */
void
pw_application_set_profile_name (PwApplication *self,
                                 const char    *profile_name)
{
  g_return_if_fail (PW_IS_APPLICATION (self));
  g_return_if_fail (self->backend == NULL && !self->opening);

  if (g_strcmp0 (self->profile_name, profile_name) == 0)
    return;

  g_free (self->profile_name);
  self->profile_name = g_strdup (profile_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_NAME]);
}

/* The most recently focused main window (the active window may be a dialog
 * of it), or a new one. */
static GtkWindow *
get_or_create_window (PwApplication *self)
{
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PW_IS_WINDOW (l->data))
      return l->data;

  return GTK_WINDOW (_pw_application_new_window (self));
}

static void
backend_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Without the database it was told to use the app has nothing to show;
 * say why and let the user quit (closing the dialog ends the app). A
 * profile that cannot be opened is shown in the window instead, where
 * another can be chosen. */
static void
show_backend_error (PwApplication *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Could Not Open the Database"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", self->backend_error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (backend_error_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
database_failed (PwApplication *self)
{
  return self->backend == NULL && self->database_path != NULL && self->backend_error != NULL;
}

static void
pw_application_activate (GApplication *app)
{
  PwApplication *self = PW_APPLICATION (app);

  if (database_failed (self))
    {
      show_backend_error (self);
      return;
    }

  gtk_window_present (get_or_create_window (self));
}

void
_pw_application_import_pending_files (PwApplication *self)
{
  GtkWindow *window;

  if (self->pending_files == NULL || self->pending_files->len == 0)
    return;

  window = get_or_create_window (self);
  pw_window_import_files (PW_WINDOW (window), (GFile * const *)self->pending_files->pdata,
                          self->pending_files->len);
  g_ptr_array_set_size (self->pending_files, 0);
}

static void
pw_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PwApplication *self = PW_APPLICATION (app);
  GtkWindow *window;

  if (database_failed (self))
    {
      show_backend_error (self);
      return;
    }

  window = get_or_create_window (self);
  gtk_window_present (window);
  if (self->backend == NULL && self->opening)
    {
      /* Imported once the profile is open. */
      for (int i = 0; i < n_files; i++)
        g_ptr_array_add (self->pending_files, g_object_ref (files[i]));
      return;
    }
  if (self->backend != NULL)
    pw_window_import_files (PW_WINDOW (window), files, (guint)n_files);
}

static int
pw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PwApplication *self = PW_APPLICATION (app);
  const char *db = NULL;
  const char *profile = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "pipewright", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autofree char *absolute = g_canonicalize_filename (db, NULL);

      pw_application_set_database_path (self, absolute);
    }

  if (g_variant_dict_lookup (options, "profile", "&s", &profile))
    {
      if (!pw_profile_name_is_valid (profile))
        {
          g_printerr (_("“%s” is not a profile name: use letters, digits, “-”, “_” and “.”\n"), profile);
          return 1;
        }
      pw_application_set_profile_name (self, profile);
    }

  return G_APPLICATION_CLASS (pw_application_parent_class)->handle_local_options (app, options);
}

static void
examples_imported_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PwApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_imported = 0;

  if (!pw_examples_import_finish (PW_BACKEND (object), result, &n_imported, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not import the example flows: %s", error->message);
      return;
    }

  if (n_imported > 0)
    g_debug ("Imported %u example flows", n_imported);
}

/* The backend is open: the windows show it; on this machine's database
 * the in-app services start, and a first run imports the examples. */
void
_pw_application_set_backend (PwApplication *self,
                             PwBackend     *backend)
{
  g_autofree char *examples_dir = NULL;
  g_autofree char *marker_path = NULL;

  self->backend = backend;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);

  if (PW_IS_LOCAL_BACKEND (backend))
    {
      self->services = pw_app_services_new (G_APPLICATION (self), backend);
      pw_app_services_start (self->services);

      examples_dir = pw_examples_find_dir ();
      marker_path = pw_examples_marker_path ();
      pw_examples_import_async (backend, examples_dir, marker_path, self->cancellable,
                                examples_imported_cb, g_object_ref (self));
    }

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PW_IS_WINDOW (l->data))
      pw_window_set_backend (l->data, backend);
}

static void
create_backend (PwApplication *self)
{
  const char *env = g_getenv ("PIPEWRIGHT_DB");
  PwBackend *backend;

  /* `--db` wins; `$PIPEWRIGHT_DB` unless a profile was asked for. */
  if (self->database_path == NULL && self->profile_name == NULL && env != NULL && *env != '\0')
    {
      g_autofree char *absolute = g_canonicalize_filename (env, NULL);

      self->database_path = g_steal_pointer (&absolute);
    }

  if (self->database_path == NULL)
    {
      _pw_application_open_profile (self, NULL);
      return;
    }

  backend = pw_local_backend_new (self->database_path, &self->backend_error);
  if (backend != NULL)
    _pw_application_set_backend (self, backend);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing (rather than g_application_quit()) lets each window save its
   * state; the app ends with its last window. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PwApplication *self = PW_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = pw_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The connection button's and the window's way to the profiles. */
static void
connection_preferences_activated (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  PwApplication *self = PW_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = pw_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  pw_preferences_window_show_servers (PW_PREFERENCES_WINDOW (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char *developers[] = {
    "The Pipewright developers https://github.com/pipewright/pipewright/graphs/contributors",
    NULL
  };

  adw_show_about_window (parent,
                         "application-name", _("Pipewright"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Design, run and watch pipelines"),
                         "developer-name", _("The Pipewright developers"),
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         "copyright", _("© 2026 The Pipewright developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/pipewright/pipewright",
                         "issue-url", "https://github.com/pipewright/pipewright/issues",
                         NULL);
}

/* A desktop notification was clicked: show its run. */
static void
open_run_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PwApplication *self = PW_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!PW_IS_WINDOW (window))
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }
  if (PW_IS_WINDOW (window))
    {
      pw_window_show_run (PW_WINDOW (window), g_variant_get_string (parameter, NULL));
      gtk_window_present (window);
    }
}

static const GActionEntry app_actions[] = {
  { "open-run", open_run_activated, "s" },
  { "use-profile", _pw_application_use_profile_activated, "s" },
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "connection-preferences", connection_preferences_activated },
  { "shortcuts", shortcuts_activated },
  { "about", about_activated },
};

static void
pw_application_startup (GApplication *app)
{
  PwApplication *self = PW_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (pw_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);

  create_backend (self);
}

/**
 * pw_application_get_services:
 *
 * Returns: (transfer none) (nullable): the in-app agent, scheduler and
 *   notifications, or %NULL without a backend
 */
PwAppServices *
pw_application_get_services (PwApplication *self)
{
  g_return_val_if_fail (PW_IS_APPLICATION (self), NULL);
  return self->services;
}

static void
pw_application_shutdown (GApplication *app)
{
  PwApplication *self = PW_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->open_cancellable);
  if (self->services != NULL)
    pw_app_services_stop (self->services);
  g_clear_object (&self->services);

  G_APPLICATION_CLASS (pw_application_parent_class)->shutdown (app);
}

static void
pw_application_dispose (GObject *object)
{
  PwApplication *self = (PwApplication *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->backend);
  g_clear_object (&self->profiles);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_application_parent_class)->dispose (object);
}

static void
pw_application_finalize (GObject *object)
{
  PwApplication *self = (PwApplication *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->open_cancellable);
  g_clear_error (&self->backend_error);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->profile_name, g_free);

  G_OBJECT_CLASS (pw_application_parent_class)->finalize (object);
}

static void
pw_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PwApplication *self = PW_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_PROFILE_NAME:
      g_value_set_string (value, self->profile_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PwApplication *self = PW_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      pw_application_set_database_path (self, g_value_get_string (value));
      break;

    case PROP_PROFILE_NAME:
      pw_application_set_profile_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_application_class_init (PwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pw_application_dispose;
  object_class->finalize = pw_application_finalize;
  object_class->get_property = pw_application_get_property;
  object_class->set_property = pw_application_set_property;

  app_class->startup = pw_application_startup;
  app_class->shutdown = pw_application_shutdown;
  app_class->activate = pw_application_activate;
  app_class->open = pw_application_open;
  app_class->handle_local_options = pw_application_handle_local_options;

  /**
   * PwApplication:backend:
   *
   * The backend every window works with, created in startup.
   */
  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL,
                         PW_TYPE_BACKEND,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * PwApplication:database-path:
   *
   * The local database to open at startup (`--db`), or %NULL for
   * `$PIPEWRIGHT_DB` or the default.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * PwApplication:profile-name:
   *
   * The connection profile to open at startup (`--profile`), %NULL for
   * `$PIPEWRIGHT_PROFILE` or the active one; then the profile in use.
   */
  properties[PROP_PROFILE_NAME] =
    g_param_spec_string ("profile-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_application_init (PwApplication *self)
{
  self->cancellable = g_cancellable_new ();
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Design, run and watch pipelines. "
                                              "FILE is a flow file to import."));
}
