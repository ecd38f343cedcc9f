/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PW_TYPE_NOTIFICATION_RULE (pw_notification_rule_get_type ())
G_DECLARE_FINAL_TYPE (PwNotificationRule, pw_notification_rule, PW, NOTIFICATION_RULE, GObject)

PwNotificationRule *pw_notification_rule_new        (const char * const *states,
                                                     const char         *webhook);
PwNotificationRule *pw_notification_rule_copy       (PwNotificationRule *self);
const char * const *pw_notification_rule_get_states (PwNotificationRule *self);
void                pw_notification_rule_set_states (PwNotificationRule *self,
                                                     const char * const *states);
const char         *pw_notification_rule_get_webhook (PwNotificationRule *self);
void                pw_notification_rule_set_webhook (PwNotificationRule *self,
                                                      const char         *webhook);
gboolean            pw_notification_rule_matches    (PwNotificationRule *self,
                                                     const char         *state_type,
                                                     const char         *state_name);

gboolean            pw_state_is_known               (const char         *state);
const char         *pw_state_suggest                (const char         *state);

G_END_DECLS
