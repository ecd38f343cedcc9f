/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-clock.h"
#include "pw-notification.h"
#include "pw-store.h"
#include "pw-webhook.h"

G_BEGIN_DECLS

#define PW_TYPE_NOTIFIER (pw_notifier_get_type ())
G_DECLARE_FINAL_TYPE (PwNotifier, pw_notifier, PW, NOTIFIER, GObject)

PwNotifier *pw_notifier_new                (PwStore     *store,
                                            PwClock     *clock);
PwStore    *pw_notifier_get_store          (PwNotifier  *self);
PwWebhook  *pw_notifier_get_webhook        (PwNotifier  *self);
void        pw_notifier_set_scan_interval_ms (PwNotifier *self,
                                              guint       interval_ms);
void        pw_notifier_set_max_age        (PwNotifier  *self,
                                            GTimeSpan    max_age);
void        pw_notifier_watch              (PwNotifier  *self,
                                            GObject     *source);
gboolean    pw_notifier_start              (PwNotifier  *self,
                                            GError     **error);
void        pw_notifier_stop               (PwNotifier  *self);
void        pw_notifier_cancel             (PwNotifier  *self);
gboolean    pw_notifier_scan               (PwNotifier  *self,
                                            GError     **error);
guint       pw_notifier_get_n_sending      (PwNotifier  *self);

G_END_DECLS
