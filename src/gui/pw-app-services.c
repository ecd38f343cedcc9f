/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-app-services"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-app-services.h"
#include "pw-local-backend.h"

/*
 * What runs inside the app beside the windows when it works on the local
 * database: an agent that takes the deployments' runs from the work queues,
 * the scheduler that creates them, and the notifier that applies the
 * notification rules and shows desktop notifications. The GSettings keys
 * agent-enabled and notifications-enabled switch them, when the schema is
 * installed; without it both are on.
 */

#define SCHEMA_ID "io.github.pipewright.Pipewright"

struct _PwAppServices
{
  GObject                 parent_instance;

  GApplication           *application;  /* weak */
  PwBackend              *backend;
  GSettings              *settings;
  PwAgent                *agent;
  PwScheduler            *scheduler;
  PwNotifier             *notifier;
  PwDesktopNotifications *desktop;
  gboolean                started;
  gboolean                agent_enabled;
  gboolean                notifications_enabled;
  int                     agent_limit;
  gboolean                agent_running;
  gboolean                notifier_running;
  guint                   pending_stops;  /* agent stops asked from the preferences */
};

G_DEFINE_FINAL_TYPE (PwAppServices, pw_app_services, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AGENT_ENABLED,
  PROP_NOTIFICATIONS_ENABLED,
  PROP_AGENT_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ensure_objects (PwAppServices *self)
{
  PwStore *store;
  PwClock *clock;

  if (self->agent != NULL)
    return;
  self->agent = pw_agent_new_for_backend (self->backend);
  pw_agent_set_limit (self->agent, (guint)self->agent_limit);
  store = pw_agent_get_store (self->agent);
  clock = pw_agent_get_clock (self->agent);
  self->scheduler = pw_scheduler_new (store, clock);
  self->notifier = pw_notifier_new (store, clock);
  pw_notifier_watch (self->notifier, G_OBJECT (self->backend));
  pw_notifier_watch (self->notifier, G_OBJECT (self->agent));
  if (self->application != NULL)
    self->desktop = pw_desktop_notifications_new (self->application, self->notifier);
}

/* Bring what runs in line with what is wanted. */
static void
pending_stop_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PwAppServices) self = user_data;

  pw_agent_stop_finish (PW_AGENT (source), result, NULL);
  self->pending_stops--;
}

static void
update (PwAppServices *self)
{
  gboolean want_agent = self->started && self->agent_enabled;
  gboolean want_notifier = self->started && self->notifications_enabled;

  if (!PW_IS_LOCAL_BACKEND (self->backend))
    return;
  if (want_agent || want_notifier)
    ensure_objects (self);

  if (want_agent && !self->agent_running)
    {
      pw_scheduler_start (self->scheduler);
      pw_agent_start (self->agent);
      self->agent_running = TRUE;
      g_debug ("In-app agent and scheduler started");
    }
  else if (!want_agent && self->agent_running)
    {
      pw_scheduler_stop (self->scheduler);
      /* Runs in progress finish; the agent only stops taking new ones. */
      self->pending_stops++;
      pw_agent_stop_async (self->agent, PW_AGENT_STOP_FINISH, NULL, pending_stop_cb, g_object_ref (self));
      self->agent_running = FALSE;
      g_debug ("In-app agent and scheduler stopped");
    }

  if (want_notifier && !self->notifier_running)
    {
      g_autoptr(GError) error = NULL;

      if (pw_notifier_start (self->notifier, &error))
        self->notifier_running = TRUE;
      else
        g_warning ("Could not start the notifier: %s", error->message);
    }
  else if (!want_notifier && self->notifier_running)
    {
      pw_notifier_stop (self->notifier);
      self->notifier_running = FALSE;
    }
}

PwAppServices *
pw_app_services_new (GApplication *application,
                     PwBackend    *backend)
{
  PwAppServices *self;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);

  self = g_object_new (PW_TYPE_APP_SERVICES, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *)&self->application);
  self->backend = g_object_ref (backend);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema != NULL &&
      g_settings_schema_has_key (schema, "agent-enabled") &&
      g_settings_schema_has_key (schema, "notifications-enabled"))
    {
      self->settings = g_settings_new (SCHEMA_ID);
      g_settings_bind (self->settings, "agent-enabled", self, "agent-enabled", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "notifications-enabled", self, "notifications-enabled", G_SETTINGS_BIND_DEFAULT);
      if (g_settings_schema_has_key (schema, "agent-limit"))
        g_settings_bind (self->settings, "agent-limit", self, "agent-limit", G_SETTINGS_BIND_DEFAULT);
    }
  return self;
}

void
pw_app_services_start (PwAppServices *self)
{
  g_return_if_fail (PW_IS_APP_SERVICES (self));
  self->started = TRUE;
  update (self);
}

static void
agent_stopped_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  pw_agent_stop_finish (PW_AGENT (source), result, NULL);
  *(gboolean *)user_data = TRUE;
}

static void
drain_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
}

/**
 * pw_app_services_stop:
 *
 * Stops everything, for good (the app is shutting down): the runs the
 * agent has in progress are cancelled, and this waits until they are, so
 * that nothing is left holding the database.
 */
void
pw_app_services_stop (PwAppServices *self)
{
  g_return_if_fail (PW_IS_APP_SERVICES (self));

  self->started = FALSE;
  if (self->notifier_running)
    {
      pw_notifier_scan (self->notifier, NULL);
      pw_notifier_stop (self->notifier);
      pw_notifier_cancel (self->notifier);
      self->notifier_running = FALSE;
    }
  if (self->agent_running)
    {
      gboolean stopped = FALSE;
      gboolean expired = FALSE;
      guint timeout_id;

      pw_scheduler_stop (self->scheduler);
      self->agent_running = FALSE;
      timeout_id = g_timeout_add_once (10000, drain_timeout_cb, &expired);
      pw_agent_stop_async (self->agent, PW_AGENT_STOP_CANCEL, NULL, agent_stopped_cb, &stopped);
      while (!stopped && !expired)
        g_main_context_iteration (NULL, TRUE);
      if (!expired)
        g_source_remove (timeout_id);
      else
        g_warning ("The in-app agent did not stop in time");
    }
  if (self->pending_stops > 0)
    {
      gboolean expired = FALSE;
      guint timeout_id = g_timeout_add_once (10000, drain_timeout_cb, &expired);

      /* Switched off earlier and still finishing its runs: cancel them now. */
      pw_agent_stop_async (self->agent, PW_AGENT_STOP_CANCEL, NULL, NULL, NULL);
      while (self->pending_stops > 0 && !expired)
        g_main_context_iteration (NULL, TRUE);
      if (!expired)
        g_source_remove (timeout_id);
    }
  update (self);
}

gboolean
pw_app_services_get_agent_enabled (PwAppServices *self)
{
  g_return_val_if_fail (PW_IS_APP_SERVICES (self), FALSE);
  return self->agent_enabled;
}

void
pw_app_services_set_agent_enabled (PwAppServices *self,
                                   gboolean       enabled)
{
  g_return_if_fail (PW_IS_APP_SERVICES (self));
  enabled = !!enabled;
  if (self->agent_enabled == enabled)
    return;
  self->agent_enabled = enabled;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_ENABLED]);
}

gboolean
pw_app_services_get_notifications_enabled (PwAppServices *self)
{
  g_return_val_if_fail (PW_IS_APP_SERVICES (self), FALSE);
  return self->notifications_enabled;
}

void
pw_app_services_set_notifications_enabled (PwAppServices *self,
                                           gboolean       enabled)
{
  g_return_if_fail (PW_IS_APP_SERVICES (self));
  enabled = !!enabled;
  if (self->notifications_enabled == enabled)
    return;
  self->notifications_enabled = enabled;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFICATIONS_ENABLED]);
}

int
pw_app_services_get_agent_limit (PwAppServices *self)
{
  g_return_val_if_fail (PW_IS_APP_SERVICES (self), 0);
  return self->agent_limit;
}

/**
 * pw_app_services_set_agent_limit:
 * @limit: how many runs the in-app agent runs at once; 0 for no limit
 */
void
pw_app_services_set_agent_limit (PwAppServices *self,
                                 int            limit)
{
  g_return_if_fail (PW_IS_APP_SERVICES (self));
  limit = MAX (limit, 0);
  if (self->agent_limit == limit)
    return;
  self->agent_limit = limit;
  if (self->agent != NULL)
    pw_agent_set_limit (self->agent, (guint)limit);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_LIMIT]);
}

/**
 * pw_app_services_get_agent:
 *
 * Returns: (transfer none) (nullable): the agent, once started
 */
PwAgent *
pw_app_services_get_agent (PwAppServices *self)
{
  return self->agent;
}

PwNotifier *
pw_app_services_get_notifier (PwAppServices *self)
{
  return self->notifier;
}

PwDesktopNotifications *
pw_app_services_get_desktop_notifications (PwAppServices *self)
{
  return self->desktop;
}

static void
pw_app_services_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PwAppServices *self = PW_APP_SERVICES (object);

  switch (prop_id)
    {
    case PROP_AGENT_ENABLED:
      g_value_set_boolean (value, self->agent_enabled);
      break;
    case PROP_NOTIFICATIONS_ENABLED:
      g_value_set_boolean (value, self->notifications_enabled);
      break;
    case PROP_AGENT_LIMIT:
      g_value_set_int (value, self->agent_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_app_services_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PwAppServices *self = PW_APP_SERVICES (object);

  switch (prop_id)
    {
    case PROP_AGENT_ENABLED:
      pw_app_services_set_agent_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_NOTIFICATIONS_ENABLED:
      pw_app_services_set_notifications_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_AGENT_LIMIT:
      pw_app_services_set_agent_limit (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_app_services_dispose (GObject *object)
{
  PwAppServices *self = PW_APP_SERVICES (object);

  if (self->started)
    pw_app_services_stop (self);
  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *)&self->application);
  self->application = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->desktop);
  g_clear_object (&self->notifier);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->agent);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (pw_app_services_parent_class)->dispose (object);
}

static void
pw_app_services_class_init (PwAppServicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_app_services_dispose;
  object_class->get_property = pw_app_services_get_property;
  object_class->set_property = pw_app_services_set_property;

  properties[PROP_AGENT_ENABLED] =
    g_param_spec_boolean ("agent-enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTIFICATIONS_ENABLED] =
    g_param_spec_boolean ("notifications-enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENT_LIMIT] =
    g_param_spec_int ("agent-limit", NULL, NULL, 0, 1000, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_app_services_init (PwAppServices *self)
{
  self->agent_enabled = TRUE;
  self->notifications_enabled = TRUE;
}
