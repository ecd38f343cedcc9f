/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-desktop-notifications"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-desktop-notifications.h"

/*
 * Turns the notifier's deliveries (the notification rules: Failed, Crashed,
 * TimedOut, Late …) into desktop notifications. Each has a stable id made of
 * the run and the state, so a run that is reported twice in the same state
 * replaces its notification instead of adding a second one, and this object
 * sends each id once. Clicking one activates app.open-run with the run's id.
 */

struct _PwDesktopNotifications
{
  GObject       parent_instance;

  GApplication *application;   /* weak: the application owns the services */
  PwNotifier   *notifier;
  GHashTable   *sent;          /* ids already sent */
};

G_DEFINE_FINAL_TYPE (PwDesktopNotifications, pw_desktop_notifications, G_TYPE_OBJECT)

/**
 * pw_desktop_notifications_dup_id:
 *
 * Returns: the notification id of a run in a state: `run-ID-STATE`
 */
char *
pw_desktop_notifications_dup_id (PwNotification *notification)
{
  const char *state = pw_notification_get_state_name (notification);

  if (state == NULL)
    state = pw_notification_get_state_type (notification);
  return g_strdup_printf ("run-%s-%s", pw_notification_get_flow_run_id (notification),
                          state != NULL ? state : "");
}

void
pw_desktop_notifications_show (PwDesktopNotifications *self,
                               PwNotification         *notification)
{
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GNotification) desktop = NULL;
  const char *type;

  g_return_if_fail (PW_IS_DESKTOP_NOTIFICATIONS (self));
  g_return_if_fail (PW_IS_NOTIFICATION (notification));

  if (self->application == NULL)
    return;
  id = pw_desktop_notifications_dup_id (notification);
  if (g_hash_table_contains (self->sent, id))
    return;
  g_hash_table_add (self->sent, g_strdup (id));

  title = pw_notification_dup_title (notification);
  text = pw_notification_dup_text (notification);
  desktop = g_notification_new (title);
  g_notification_set_body (desktop, text);
  g_notification_set_default_action_and_target (desktop, "app.open-run", "s",
                                                pw_notification_get_flow_run_id (notification));
  type = pw_notification_get_state_type (notification);
  if (g_strcmp0 (type, "FAILED") == 0 || g_strcmp0 (type, "CRASHED") == 0)
    g_notification_set_priority (desktop, G_NOTIFICATION_PRIORITY_HIGH);
  g_application_send_notification (self->application, id, desktop);
}

guint
pw_desktop_notifications_get_n_sent (PwDesktopNotifications *self)
{
  g_return_val_if_fail (PW_IS_DESKTOP_NOTIFICATIONS (self), 0);
  return g_hash_table_size (self->sent);
}

PwDesktopNotifications *
pw_desktop_notifications_new (GApplication *application,
                              PwNotifier   *notifier)
{
  PwDesktopNotifications *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PW_IS_NOTIFIER (notifier), NULL);

  self = g_object_new (PW_TYPE_DESKTOP_NOTIFICATIONS, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *)&self->application);
  self->notifier = g_object_ref (notifier);
  g_signal_connect_object (notifier, "deliver", G_CALLBACK (pw_desktop_notifications_show),
                           self, G_CONNECT_SWAPPED);
  return self;
}

static void
pw_desktop_notifications_dispose (GObject *object)
{
  PwDesktopNotifications *self = PW_DESKTOP_NOTIFICATIONS (object);

  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *)&self->application);
  self->application = NULL;
  if (self->notifier != NULL)
    g_signal_handlers_disconnect_by_data (self->notifier, self);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (pw_desktop_notifications_parent_class)->dispose (object);
}

static void
pw_desktop_notifications_finalize (GObject *object)
{
  PwDesktopNotifications *self = PW_DESKTOP_NOTIFICATIONS (object);

  g_hash_table_unref (self->sent);

  G_OBJECT_CLASS (pw_desktop_notifications_parent_class)->finalize (object);
}

static void
pw_desktop_notifications_class_init (PwDesktopNotificationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_desktop_notifications_dispose;
  object_class->finalize = pw_desktop_notifications_finalize;
}

static void
pw_desktop_notifications_init (PwDesktopNotifications *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
