/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-connection-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pw-connection-editor.h"
#include "pw-remote-backend.h"

/*
 * PwConnectionEditor: the Preferences subpage that adds a server profile
 * or edits one: its name, the URL of its API (checked with
 * pw_api_url_check()) and its API key, kept in the keyring (libsecret,
 * asynchronously), or, where there is no keyring, in a file only the user
 * can read, as `pipewright-cli config set api-key` does. "Test" asks the
 * server what it is, with what was typed, and says it in words.
 */

#define TEST_TIMEOUT_S 10

struct _PwConnectionEditor
{
  GtkBox           parent_instance;

  /* template children */
  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  AdwEntryRow     *name_row;
  AdwEntryRow     *url_row;
  AdwEntryRow     *key_row;
  GtkSwitch       *file_switch;
  GtkLabel        *key_hint_label;
  GtkLabel        *error_label;
  GtkLabel        *test_result_label;
  GtkWidget       *test_spinner;
  GtkWidget       *test_button;

  PwApplication   *application;
  /* the profile edited, %NULL for a new one */
  char            *profile;
  GCancellable    *cancellable;
  PwBackend       *test_backend;
  char            *test_result;
  char            *error;
  char            *note;
  /* the key on its way to the keyring */
  char            *pending_key;
  gboolean         testing;
  gboolean         saving;
};

G_DEFINE_FINAL_TYPE (PwConnectionEditor, pw_connection_editor, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_TEST_RESULT,
  PROP_ERROR,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
wipe (char **key)
{
  if (*key != NULL)
    memset (*key, 0, strlen (*key));
  g_clear_pointer (key, g_free);
}

static void
set_error (PwConnectionEditor *self,
           const char         *error)
{
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);

  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_test_result (PwConnectionEditor *self,
                 const char         *result,
                 gboolean            success)
{
  GtkWidget *label = GTK_WIDGET (self->test_result_label);

  gtk_label_set_label (self->test_result_label, result != NULL ? result : "");
  gtk_widget_set_visible (label, result != NULL);
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "dim-label");
  if (result != NULL)
    gtk_widget_add_css_class (label, success ? "success" : "error");

  if (g_strcmp0 (self->test_result, result) == 0)
    return;
  g_free (self->test_result);
  self->test_result = g_strdup (result);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST_RESULT]);
}

static void
update_busy (PwConnectionEditor *self)
{
  gtk_widget_set_visible (self->test_spinner, self->testing);
  gtk_widget_set_sensitive (self->test_button, !self->testing);
  gtk_widget_set_sensitive (self->save_button, !self->saving);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static PwProfiles *
profiles (PwConnectionEditor *self,
          GError            **error)
{
  return pw_application_get_profiles (self->application, error);
}

/* Testing */

static void
stop_test (PwConnectionEditor *self)
{
  if (self->test_backend != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->test_backend, self);
      /* Not from inside its own signal. */
      g_idle_add_once ((GSourceOnceFunc)g_object_unref, g_steal_pointer (&self->test_backend));
    }
  self->testing = FALSE;
  update_busy (self);
}

static void
test_connection_changed_cb (PwConnectionEditor *self)
{
  PwRemoteBackend *remote = PW_REMOTE_BACKEND (self->test_backend);
  const char *version = pw_remote_backend_get_server_version (remote);
  g_autofree char *text = NULL;

  switch (pw_remote_backend_get_connection_state (remote))
    {
    case PW_CONNECTION_STATE_ONLINE:
      if (pw_remote_backend_get_server_kind (remote) == PW_SERVER_KIND_PIPEWRIGHT)
        text = g_strdup_printf (_("Connected to a Pipewright %s server: flows, runs, deployments "
                                  "and work queues, with live updates"), version);
      else
        text = g_strdup_printf (_("Connected to a Prefect %s server: runs, deployments and work "
                                  "queues; its flows are read-only here"), version);
      set_test_result (self, text, TRUE);
      break;

    case PW_CONNECTION_STATE_OFFLINE:
    case PW_CONNECTION_STATE_UNAUTHORIZED:
      set_test_result (self, pw_remote_backend_get_connection_error (remote), FALSE);
      break;

    case PW_CONNECTION_STATE_CONNECTING:
    default:
      return;
    }
  stop_test (self);
}

static void
start_test (PwConnectionEditor *self,
            const char         *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = row_text (self->url_row);
  PwBackend *backend;

  backend = pw_remote_backend_new (url, key, &error);
  if (backend == NULL)
    {
      set_test_result (self, error->message, FALSE);
      stop_test (self);
      return;
    }
  self->test_backend = backend;
  pw_remote_backend_set_timeout (PW_REMOTE_BACKEND (backend), TEST_TIMEOUT_S);
  g_signal_connect_object (backend, "connection-changed", G_CALLBACK (test_connection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  pw_remote_backend_connect (PW_REMOTE_BACKEND (backend));
}

static void
stored_key_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PwConnectionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = pw_profiles_lookup_api_key_finish (PW_PROFILES (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      set_test_result (self, error->message, FALSE);
      stop_test (self);
      return;
    }
  start_test (self, key);
  wipe (&key);
}

/**
 * pw_connection_editor_test:
 *
 * Asks the server at the URL typed what it is; the answer, or the reason
 * there is none, becomes #PwConnectionEditor:test-result.
 */
void
pw_connection_editor_test (PwConnectionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = row_text (self->url_row);
  g_autofree char *key = NULL;
  g_autoptr(PwProfiles) all = NULL;

  g_return_if_fail (PW_IS_CONNECTION_EDITOR (self));

  if (self->testing)
    return;
  if (!pw_api_url_check (url, &error))
    {
      set_test_result (self, error->message, FALSE);
      return;
    }

  self->testing = TRUE;
  update_busy (self);
  set_test_result (self, NULL, FALSE);
  gtk_label_set_label (self->test_result_label, _("Asking the server…"));
  gtk_widget_add_css_class (GTK_WIDGET (self->test_result_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->test_result_label), TRUE);

  key = pw_api_key_normalize (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  all = profiles (self, NULL);
  /* Editing, with no new key typed: the stored one. */
  if (key == NULL && self->profile != NULL && all != NULL)
    {
      pw_profiles_lookup_api_key_async (all, self->profile, self->cancellable,
                                        stored_key_found_cb, g_object_ref (self));
      return;
    }
  start_test (self, key);
  wipe (&key);
}

/* Saving */

static void
finish_save (PwConnectionEditor *self,
             const char         *name)
{
  self->saving = FALSE;
  update_busy (self);
  g_signal_emit (self, signals[SAVED], 0, name, self->note);
}

/* Where there is no keyring, the key goes to a file only the user can
 * read, as with `pipewright-cli config set api-key`. */
static gboolean
store_key_in_file (PwConnectionEditor  *self,
                   const char          *name,
                   const char          *key,
                   GError             **error)
{
  g_autoptr(PwProfiles) all = profiles (self, NULL);
  g_autofree char *file = pw_profiles_get (all, name, PW_PROFILE_KEY_API_KEY_FILE);

  if (file == NULL)
    file = pw_profiles_default_key_file (name);
  if (!pw_api_key_write_file (file, key, error) ||
      !pw_profiles_set (all, name, PW_PROFILE_KEY_API_KEY_FILE, file, error) ||
      !pw_profiles_save (all, error))
    return FALSE;

  g_free (self->note);
  self->note = g_strdup_printf (_("The API key is in %s, readable by you alone"), file);
  return TRUE;
}

static void
key_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PwConnectionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = row_text (self->name_row);
  g_autoptr(PwProfiles) all = profiles (self, NULL);

  if (!pw_api_key_store_keyring_finish (result, &error))
    {
      g_autoptr(GError) file_error = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          wipe (&self->pending_key);
          return;
        }
      g_debug ("No keyring: %s", error->message);
      if (!store_key_in_file (self, name, self->pending_key, &file_error))
        {
          g_autofree char *text = g_strdup_printf (_("Could not keep the API key: %s"), file_error->message);

          wipe (&self->pending_key);
          set_error (self, text);
          self->saving = FALSE;
          update_busy (self);
          return;
        }
    }
  else
    {
      /* The keyring holds it now: a key file of the profile would win. */
      g_autofree char *old = pw_profiles_get (all, name, PW_PROFILE_KEY_API_KEY_FILE);
      g_autofree char *default_file = pw_profiles_default_key_file (name);

      if (old != NULL)
        {
          if (g_str_equal (old, default_file))
            g_unlink (old);
          pw_profiles_unset (all, name, PW_PROFILE_KEY_API_KEY_FILE, NULL);
          pw_profiles_save (all, NULL);
        }
    }
  wipe (&self->pending_key);
  finish_save (self, name);
}

/**
 * pw_connection_editor_save:
 *
 * Checks what was typed and keeps it: the profile in the profiles file,
 * a new API key in the keyring. Emits #PwConnectionEditor::saved when
 * done, or sets #PwConnectionEditor:error.
 */
void
pw_connection_editor_save (PwConnectionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *url = row_text (self->url_row);
  g_autofree char *key_text = row_text (self->key_row);
  g_autofree char *key = NULL;
  g_autoptr(PwProfiles) all = NULL;

  g_return_if_fail (PW_IS_CONNECTION_EDITOR (self));

  if (self->saving)
    return;
  set_error (self, NULL);
  g_clear_pointer (&self->note, g_free);

  if (self->profile == NULL)
    {
      if (!pw_profile_name_is_valid (name))
        {
          g_autofree char *text = g_strdup_printf (_("“%s” cannot be a profile name: use up to 64 letters, "
                                                     "digits, “-”, “_” and “.”"), name);
          set_error (self, text);
          return;
        }
    }
  if (!pw_api_url_check (url, &error))
    {
      set_error (self, error->message);
      return;
    }
  key = pw_api_key_normalize (key_text);
  if (key == NULL && *key_text != '\0')
    {
      set_error (self, _("The API key holds spaces or control characters, which no server key has"));
      return;
    }

  all = profiles (self, &error);
  if (all == NULL)
    {
      set_error (self, error->message);
      return;
    }
  if (self->profile == NULL && !pw_profiles_create (all, name, NULL, &error))
    {
      set_error (self, error->message);
      return;
    }
  if (!pw_profiles_set (all, name, PW_PROFILE_KEY_API_URL, url, &error) ||
      !pw_profiles_save (all, &error))
    {
      set_error (self, error->message);
      return;
    }
  /* From now on this edits the profile made. */
  if (self->profile == NULL)
    {
      self->profile = g_strdup (name);
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
    }

  if (key == NULL)
    {
      finish_save (self, name);
      return;
    }

  if (gtk_switch_get_active (self->file_switch))
    {
      gboolean stored = store_key_in_file (self, name, key, &error);

      wipe (&key);
      if (!stored)
        {
          g_autofree char *text = g_strdup_printf (_("Could not keep the API key: %s"), error->message);

          set_error (self, text);
          return;
        }
      finish_save (self, name);
      return;
    }

  self->saving = TRUE;
  update_busy (self);
  self->pending_key = g_steal_pointer (&key);
  pw_api_key_store_keyring_async (name, url, self->pending_key, self->cancellable,
                                  key_stored_cb, g_object_ref (self));
}

/**
 * pw_connection_editor_set_fields:
 * @name: (nullable): the profile name (ignored when editing)
 * @url: (nullable): the API URL
 * @key: (nullable): an API key
 *
 * Fills the fields, as typing does.
 */
void
pw_connection_editor_set_fields (PwConnectionEditor *self,
                                 const char         *name,
                                 const char         *url,
                                 const char         *key)
{
  g_return_if_fail (PW_IS_CONNECTION_EDITOR (self));

  if (name != NULL && self->profile == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  if (key != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), key);
}

/**
 * pw_connection_editor_set_key_in_file:
 * @in_file: whether to keep the key in a file rather than the keyring
 */
void
pw_connection_editor_set_key_in_file (PwConnectionEditor *self,
                                      gboolean            in_file)
{
  g_return_if_fail (PW_IS_CONNECTION_EDITOR (self));
  gtk_switch_set_active (self->file_switch, in_file);
}

const char *
pw_connection_editor_get_test_result (PwConnectionEditor *self)
{
  g_return_val_if_fail (PW_IS_CONNECTION_EDITOR (self), NULL);
  return self->test_result;
}

const char *
pw_connection_editor_get_error (PwConnectionEditor *self)
{
  g_return_val_if_fail (PW_IS_CONNECTION_EDITOR (self), NULL);
  return self->error;
}

gboolean
pw_connection_editor_get_busy (PwConnectionEditor *self)
{
  g_return_val_if_fail (PW_IS_CONNECTION_EDITOR (self), FALSE);
  return self->testing || self->saving;
}

/**
 * pw_connection_editor_new:
 * @profile: (nullable): the server profile to edit, %NULL to add one
 */
GtkWidget *
pw_connection_editor_new (PwApplication *application,
                          const char    *profile)
{
  PwConnectionEditor *self;

  g_return_val_if_fail (PW_IS_APPLICATION (application), NULL);

  self = g_object_new (PW_TYPE_CONNECTION_EDITOR, NULL);
  self->application = g_object_ref (application);
  self->profile = g_strdup (profile);

  if (profile == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Add Server"));
      gtk_label_set_label (self->key_hint_label,
                           _("Leave the key empty for a server without one. Keys are kept in "
                             "the keyring."));
    }
  else
    {
      g_autoptr(PwProfiles) all = profiles (self, NULL);
      g_autofree char *url = all != NULL ? pw_profiles_get (all, profile, PW_PROFILE_KEY_API_URL) : NULL;

      adw_window_title_set_title (self->window_title, _("Edit Server"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), profile);
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      if (url != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
      gtk_label_set_label (self->key_hint_label,
                           _("Leave the key empty to keep the one stored."));
    }
  return GTK_WIDGET (self);
}

static void
changed_cb (PwConnectionEditor *self)
{
  set_error (self, NULL);
}

static void
test_clicked_cb (PwConnectionEditor *self)
{
  pw_connection_editor_test (self);
}

static void
save_clicked_cb (PwConnectionEditor *self)
{
  pw_connection_editor_save (self);
}

static void
back_clicked_cb (PwConnectionEditor *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

static void
pw_connection_editor_dispose (GObject *object)
{
  PwConnectionEditor *self = (PwConnectionEditor *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->test_backend != NULL)
    g_signal_handlers_disconnect_by_data (self->test_backend, self);
  g_clear_object (&self->test_backend);
  g_clear_object (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CONNECTION_EDITOR);

  G_OBJECT_CLASS (pw_connection_editor_parent_class)->dispose (object);
}

static void
pw_connection_editor_finalize (GObject *object)
{
  PwConnectionEditor *self = (PwConnectionEditor *)object;

  wipe (&self->pending_key);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->test_result, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (pw_connection_editor_parent_class)->finalize (object);
}

static void
pw_connection_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PwConnectionEditor *self = PW_CONNECTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TEST_RESULT:
      g_value_set_string (value, self->test_result);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, pw_connection_editor_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_connection_editor_class_init (PwConnectionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pw_connection_editor_dispose;
  object_class->finalize = pw_connection_editor_finalize;
  object_class->get_property = pw_connection_editor_get_property;

  /**
   * PwConnectionEditor:test-result:
   *
   * What the last test found: the server and its version, or why it
   * could not be reached.
   */
  properties[PROP_TEST_RESULT] = g_param_spec_string ("test-result", NULL, NULL, NULL, flags);
  /**
   * PwConnectionEditor:error:
   *
   * Why the last save was refused, in words.
   */
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwConnectionEditor::saved:
   * @name: the profile saved
   * @note: (nullable): something to tell the user (where the key went)
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * PwConnectionEditor::done:
   *
   * The user went back without saving.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-connection-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, key_row);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, file_switch);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, key_hint_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, test_result_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionEditor, test_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
pw_connection_editor_init (PwConnectionEditor *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
