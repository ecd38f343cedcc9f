/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PW_NOTIFICATION_ERROR (pw_notification_error_quark ())

/**
 * PwNotificationError:
 * @PW_NOTIFICATION_ERROR_NO_STATES: a rule names no state
 * @PW_NOTIFICATION_ERROR_UNKNOWN_STATE: a rule names a state that is
 *   neither a state type nor a state name
 * @PW_NOTIFICATION_ERROR_INVALID_WEBHOOK: a webhook is not an absolute
 *   http or https URL with a host
 *
 * Errors of notification rules.
 */
typedef enum
{
  PW_NOTIFICATION_ERROR_NO_STATES,
  PW_NOTIFICATION_ERROR_UNKNOWN_STATE,
  PW_NOTIFICATION_ERROR_INVALID_WEBHOOK,
} PwNotificationError;

#define PW_TYPE_NOTIFICATION_POLICY (pw_notification_policy_get_type ())
G_DECLARE_FINAL_TYPE (PwNotificationPolicy, pw_notification_policy, PW, NOTIFICATION_POLICY, GObject)

GQuark                pw_notification_error_quark           (void);

PwNotificationPolicy *pw_notification_policy_new            (const char * const   *states,
                                                             const char           *webhook);
const char           *pw_notification_policy_get_id         (PwNotificationPolicy *self);
void                  pw_notification_policy_set_id         (PwNotificationPolicy *self,
                                                             const char           *id);
const char * const   *pw_notification_policy_get_states     (PwNotificationPolicy *self);
void                  pw_notification_policy_set_states     (PwNotificationPolicy *self,
                                                             const char * const   *states);
const char * const   *pw_notification_policy_get_flow_names (PwNotificationPolicy *self);
void                  pw_notification_policy_set_flow_names (PwNotificationPolicy *self,
                                                             const char * const   *flow_names);
const char * const   *pw_notification_policy_get_tags       (PwNotificationPolicy *self);
void                  pw_notification_policy_set_tags       (PwNotificationPolicy *self,
                                                             const char * const   *tags);
const char           *pw_notification_policy_get_webhook    (PwNotificationPolicy *self);
void                  pw_notification_policy_set_webhook    (PwNotificationPolicy *self,
                                                             const char           *webhook);
gboolean              pw_notification_policy_get_active     (PwNotificationPolicy *self);
void                  pw_notification_policy_set_active     (PwNotificationPolicy *self,
                                                             gboolean              active);
GDateTime            *pw_notification_policy_get_created    (PwNotificationPolicy *self);
void                  pw_notification_policy_set_created    (PwNotificationPolicy *self,
                                                             GDateTime            *created);

gboolean              pw_notification_policy_validate       (PwNotificationPolicy *self,
                                                             GError              **error);
gboolean              pw_notification_policy_matches        (PwNotificationPolicy *self,
                                                             const char           *flow_name,
                                                             const char * const   *tags,
                                                             const char           *state_type,
                                                             const char           *state_name);

gboolean              pw_notification_check_states          (const char * const   *states,
                                                             GError              **error);
gboolean              pw_notification_check_webhook         (const char           *webhook,
                                                             GError              **error);

G_END_DECLS
