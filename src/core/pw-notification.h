/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-flow-run.h"
#include "pw-state.h"

G_BEGIN_DECLS

#define PW_TYPE_NOTIFICATION (pw_notification_get_type ())
G_DECLARE_FINAL_TYPE (PwNotification, pw_notification, PW, NOTIFICATION, GObject)

PwNotification     *pw_notification_new                 (PwFlowRun          *flow_run,
                                                         PwState            *state);
const char         *pw_notification_get_flow_run_id     (PwNotification     *self);
const char         *pw_notification_get_flow_run_name   (PwNotification     *self);
const char         *pw_notification_get_flow_name       (PwNotification     *self);
guint               pw_notification_get_flow_version    (PwNotification     *self);
const char         *pw_notification_get_deployment_id   (PwNotification     *self);
const char         *pw_notification_get_deployment_name (PwNotification     *self);
void                pw_notification_set_deployment_name (PwNotification     *self,
                                                         const char         *deployment_name);
const char         *pw_notification_get_work_queue_name (PwNotification     *self);
const char * const *pw_notification_get_tags            (PwNotification     *self);
void                pw_notification_add_tags            (PwNotification     *self,
                                                         const char * const *tags);
PwState            *pw_notification_get_state           (PwNotification     *self);
const char         *pw_notification_get_state_type      (PwNotification     *self);
const char         *pw_notification_get_state_name      (PwNotification     *self);

char               *pw_notification_dup_title           (PwNotification     *self);
char               *pw_notification_dup_text            (PwNotification     *self);
JsonNode           *pw_notification_to_json             (PwNotification     *self);
char               *pw_notification_dup_body            (PwNotification     *self);

G_END_DECLS
