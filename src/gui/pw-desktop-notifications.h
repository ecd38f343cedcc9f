/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-notification.h"
#include "pw-notifier.h"

G_BEGIN_DECLS

#define PW_TYPE_DESKTOP_NOTIFICATIONS (pw_desktop_notifications_get_type ())
G_DECLARE_FINAL_TYPE (PwDesktopNotifications, pw_desktop_notifications, PW, DESKTOP_NOTIFICATIONS, GObject)

PwDesktopNotifications *pw_desktop_notifications_new      (GApplication           *application,
                                                          PwNotifier             *notifier);
void                    pw_desktop_notifications_show     (PwDesktopNotifications *self,
                                                          PwNotification         *notification);
guint                   pw_desktop_notifications_get_n_sent (PwDesktopNotifications *self);
char                   *pw_desktop_notifications_dup_id   (PwNotification         *notification);

G_END_DECLS
