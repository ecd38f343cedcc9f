/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-agent.h"
#include "pw-backend.h"
#include "pw-desktop-notifications.h"
#include "pw-notifier.h"
#include "pw-scheduler.h"

G_BEGIN_DECLS

#define PW_TYPE_APP_SERVICES (pw_app_services_get_type ())
G_DECLARE_FINAL_TYPE (PwAppServices, pw_app_services, PW, APP_SERVICES, GObject)

PwAppServices *pw_app_services_new                       (GApplication  *application,
                                                          PwBackend     *backend);
void           pw_app_services_start                     (PwAppServices *self);
void           pw_app_services_stop                      (PwAppServices *self);
gboolean       pw_app_services_get_agent_enabled         (PwAppServices *self);
void           pw_app_services_set_agent_enabled         (PwAppServices *self,
                                                          gboolean       enabled);
gboolean       pw_app_services_get_notifications_enabled (PwAppServices *self);
void           pw_app_services_set_notifications_enabled (PwAppServices *self,
                                                          gboolean       enabled);
int            pw_app_services_get_agent_limit           (PwAppServices *self);
void           pw_app_services_set_agent_limit           (PwAppServices *self,
                                                          int            limit);
PwAgent       *pw_app_services_get_agent                 (PwAppServices *self);
PwNotifier    *pw_app_services_get_notifier              (PwAppServices *self);
PwDesktopNotifications *pw_app_services_get_desktop_notifications (PwAppServices *self);

G_END_DECLS
