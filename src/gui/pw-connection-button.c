/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-connection-button"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-connection-button.h"
#include "pw-local-backend.h"
#include "pw-remote-backend.h"

/*
 * PwConnectionButton: the header bar's button for the connection profile
 * in use: its name and a dot coloured by the state (local or connected:
 * green; connecting: amber; offline or refused: red), and a popover with
 * where the data comes from, what the server is, the error in words, and
 * "Retry Now" while the server cannot be reached.
 */
struct _PwConnectionButton
{
  AdwBin      parent_instance;

  /* template children (the menu button, the bin's child, is not bound:
   * AdwBin unparents it itself) */
  GtkPopover    *popover;
  GtkWidget     *dot;
  GtkLabel      *name_label;
  GtkImage      *kind_image;
  GtkLabel      *title_label;
  GtkLabel      *status_label;
  GtkLabel      *where_title_label;
  GtkLabel      *where_label;
  GtkLabel      *error_label;
  GtkWidget     *retry_button;

  PwBackend     *backend;
  char          *profile_name;
  char          *status;
};

G_DEFINE_FINAL_TYPE (PwConnectionButton, pw_connection_button, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
pw_connection_button_new (void)
{
  return g_object_new (PW_TYPE_CONNECTION_BUTTON, NULL);
}

static void
set_dot (PwConnectionButton *self,
         const char         *state)
{
  static const char *states[] = { "connected", "connecting", "offline" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      if (g_strcmp0 (states[i], state) == 0)
        gtk_widget_add_css_class (self->dot, states[i]);
      else
        gtk_widget_remove_css_class (self->dot, states[i]);
    }
}

/* "Pipewright 0.1.0", "Prefect 2.7.12" */
static char *
server_description (PwRemoteBackend *remote)
{
  const char *version = pw_remote_backend_get_server_version (remote);

  switch (pw_remote_backend_get_server_kind (remote))
    {
    case PW_SERVER_KIND_PIPEWRIGHT:
      return g_strdup_printf (_("Pipewright %s"), version != NULL ? version : "");
    case PW_SERVER_KIND_PREFECT:
      return g_strdup_printf (_("Prefect %s"), version != NULL ? version : "");
    case PW_SERVER_KIND_UNKNOWN:
    default:
      return NULL;
    }
}

static void
set_status (PwConnectionButton *self,
            const char         *status,
            const char         *css_class)
{
  gtk_label_set_label (self->status_label, status);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css_class);

  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
update (PwConnectionButton *self)
{
  const char *name = self->profile_name;
  g_autofree char *tooltip = NULL;
  const char *error = NULL;
  gboolean can_retry = FALSE;

  if (name == NULL || g_str_equal (name, "local"))
    name = _("Local");
  gtk_label_set_label (self->name_label, name);

  if (self->backend == NULL)
    {
      set_dot (self, "connecting");
      gtk_label_set_label (self->title_label, name);
      set_status (self, _("Opening…"), "dim-label");
      gtk_label_set_label (self->where_title_label, "");
      gtk_label_set_label (self->where_label, "");
    }
  else if (PW_IS_REMOTE_BACKEND (self->backend))
    {
      PwRemoteBackend *remote = PW_REMOTE_BACKEND (self->backend);
      g_autofree char *server = server_description (remote);
      g_autofree char *status = NULL;

      gtk_image_set_from_icon_name (self->kind_image, "network-server-symbolic");
      gtk_label_set_label (self->title_label, name);
      gtk_label_set_label (self->where_title_label, _("Server"));
      gtk_label_set_label (self->where_label, pw_remote_backend_get_api_url (remote));

      switch (pw_remote_backend_get_connection_state (remote))
        {
        case PW_CONNECTION_STATE_ONLINE:
          set_dot (self, "connected");
          status = server != NULL ? g_strdup_printf (_("Connected to %s"), server)
                                  : g_strdup (_("Connected"));
          set_status (self, status, "success");
          break;

        case PW_CONNECTION_STATE_OFFLINE:
          set_dot (self, "offline");
          set_status (self, _("Offline — reconnecting by itself"), "error");
          error = pw_remote_backend_get_connection_error (remote);
          can_retry = TRUE;
          break;

        case PW_CONNECTION_STATE_UNAUTHORIZED:
          set_dot (self, "offline");
          set_status (self, _("The server refuses the API key"), "error");
          error = pw_remote_backend_get_connection_error (remote);
          can_retry = TRUE;
          break;

        case PW_CONNECTION_STATE_CONNECTING:
        default:
          set_dot (self, "connecting");
          set_status (self, _("Connecting…"), "warning");
          break;
        }
    }
  else
    {
      const char *path = PW_IS_LOCAL_BACKEND (self->backend)
        ? pw_local_backend_get_db_path (PW_LOCAL_BACKEND (self->backend)) : NULL;

      gtk_image_set_from_icon_name (self->kind_image, "computer-symbolic");
      set_dot (self, "connected");
      gtk_label_set_label (self->title_label, _("This Computer"));
      set_status (self, _("Local database"), "success");
      gtk_label_set_label (self->where_title_label, _("Database file"));
      gtk_label_set_label (self->where_label, path != NULL ? path : _("The default database"));
    }

  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_widget_set_visible (self->retry_button, can_retry);

  tooltip = g_strdup_printf ("%s: %s", gtk_label_get_label (self->title_label), self->status);
  gtk_widget_set_tooltip_text (adw_bin_get_child (ADW_BIN (self)), tooltip);
}

/**
 * pw_connection_button_set_backend:
 * @backend: (nullable): the backend in use, %NULL while it opens
 * @profile_name: (nullable): its profile, %NULL for the local database
 *   given on the command line
 */
void
pw_connection_button_set_backend (PwConnectionButton *self,
                                  PwBackend          *backend,
                                  const char         *profile_name)
{
  g_return_if_fail (PW_IS_CONNECTION_BUTTON (self));
  g_return_if_fail (backend == NULL || PW_IS_BACKEND (backend));

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  g_set_object (&self->backend, backend);
  g_free (self->profile_name);
  self->profile_name = g_strdup (profile_name);

  if (PW_IS_REMOTE_BACKEND (backend))
    {
      g_signal_connect_object (backend, "connection-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (backend, "notify::server-kind", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (backend, "notify::server-version", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

/**
 * pw_connection_button_show_error:
 * @message: why the profile could not be opened
 *
 * Says that the profile (still without a backend) could not be opened.
 */
void
pw_connection_button_show_error (PwConnectionButton *self,
                                 const char         *message)
{
  g_return_if_fail (PW_IS_CONNECTION_BUTTON (self));
  g_return_if_fail (self->backend == NULL);

  set_dot (self, "offline");
  set_status (self, _("Could not open the profile"), "error");
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/**
 * pw_connection_button_get_status:
 *
 * Returns: the state in words, as the popover shows it (“Connected to
 *   Pipewright 0.1.0”, “Offline — reconnecting by itself”, “Local
 *   database”, …)
 */
const char *
pw_connection_button_get_status (PwConnectionButton *self)
{
  g_return_val_if_fail (PW_IS_CONNECTION_BUTTON (self), NULL);
  return self->status;
}

/**
 * pw_connection_button_get_popover:
 *
 * Returns: (transfer none): the popover with the details
 */
GtkPopover *
pw_connection_button_get_popover (PwConnectionButton *self)
{
  g_return_val_if_fail (PW_IS_CONNECTION_BUTTON (self), NULL);
  return self->popover;
}

/**
 * pw_connection_button_retry:
 *
 * Asks a server that cannot be reached again, now.
 */
void
pw_connection_button_retry (PwConnectionButton *self)
{
  g_return_if_fail (PW_IS_CONNECTION_BUTTON (self));

  if (PW_IS_REMOTE_BACKEND (self->backend))
    pw_remote_backend_connect (PW_REMOTE_BACKEND (self->backend));
}

static void
retry_clicked_cb (PwConnectionButton *self)
{
  pw_connection_button_retry (self);
}

static void
preferences_clicked_cb (PwConnectionButton *self)
{
  gtk_popover_popdown (self->popover);
}

static void
pw_connection_button_dispose (GObject *object)
{
  PwConnectionButton *self = (PwConnectionButton *)object;

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  g_clear_object (&self->backend);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CONNECTION_BUTTON);

  G_OBJECT_CLASS (pw_connection_button_parent_class)->dispose (object);
}

static void
pw_connection_button_finalize (GObject *object)
{
  PwConnectionButton *self = (PwConnectionButton *)object;

  g_clear_pointer (&self->profile_name, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (pw_connection_button_parent_class)->finalize (object);
}

static void
pw_connection_button_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PwConnectionButton *self = PW_CONNECTION_BUTTON (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_connection_button_class_init (PwConnectionButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_connection_button_dispose;
  object_class->finalize = pw_connection_button_finalize;
  object_class->get_property = pw_connection_button_get_property;

  /**
   * PwConnectionButton:status:
   *
   * The state of the connection, in words.
   */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-connection-button.ui");
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, popover);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, dot);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, name_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, kind_image);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, title_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, status_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, where_title_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, where_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, error_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectionButton, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, preferences_clicked_cb);
}

static void
pw_connection_button_init (PwConnectionButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
