/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-enums.h"
#include "pw-notification-rule.h"
#include "pw-parameter.h"
#include "pw-task.h"

G_BEGIN_DECLS

#define PW_TYPE_FLOW (pw_flow_get_type ())
G_DECLARE_FINAL_TYPE (PwFlow, pw_flow, PW, FLOW, GObject)

#define PW_FLOW_DEFAULT_RETRY_DELAY_SECONDS 10

PwFlow             *pw_flow_new                             (const char         *name);
PwFlow             *pw_flow_copy                            (PwFlow             *self);

const char         *pw_flow_get_name                        (PwFlow             *self);
void                pw_flow_set_name                        (PwFlow             *self,
                                                             const char         *name);
const char         *pw_flow_get_description                 (PwFlow             *self);
void                pw_flow_set_description                 (PwFlow             *self,
                                                             const char         *description);
const char * const *pw_flow_get_tags                        (PwFlow             *self);
void                pw_flow_set_tags                        (PwFlow             *self,
                                                             const char * const *tags);

PwTaskRunnerKind    pw_flow_get_task_runner_kind            (PwFlow             *self);
void                pw_flow_set_task_runner_kind            (PwFlow             *self,
                                                             PwTaskRunnerKind    kind);
guint               pw_flow_get_max_workers                 (PwFlow             *self);
void                pw_flow_set_max_workers                 (PwFlow             *self,
                                                             guint               max_workers);

int                 pw_flow_get_default_retries             (PwFlow             *self);
void                pw_flow_set_default_retries             (PwFlow             *self,
                                                             int                 retries);
int                 pw_flow_get_default_retry_delay_seconds (PwFlow             *self);
void                pw_flow_set_default_retry_delay_seconds (PwFlow             *self,
                                                             int                 seconds);
int                 pw_flow_get_default_timeout_seconds     (PwFlow             *self);
void                pw_flow_set_default_timeout_seconds     (PwFlow             *self,
                                                             int                 seconds);

GListModel         *pw_flow_get_parameters                  (PwFlow             *self);
PwParameter        *pw_flow_get_parameter                   (PwFlow             *self,
                                                             const char         *name);
void                pw_flow_add_parameter                   (PwFlow             *self,
                                                             PwParameter        *parameter);
gboolean            pw_flow_remove_parameter                (PwFlow             *self,
                                                             PwParameter        *parameter);

GListModel         *pw_flow_get_notifications               (PwFlow             *self);
void                pw_flow_add_notification                (PwFlow             *self,
                                                             PwNotificationRule *rule);
gboolean            pw_flow_remove_notification             (PwFlow             *self,
                                                             PwNotificationRule *rule);

GListModel         *pw_flow_get_tasks                       (PwFlow             *self);
guint               pw_flow_get_n_tasks                     (PwFlow             *self);
PwTask             *pw_flow_get_task                        (PwFlow             *self,
                                                             const char         *key);
void                pw_flow_add_task                        (PwFlow             *self,
                                                             PwTask             *task);
void                pw_flow_insert_task                     (PwFlow             *self,
                                                             guint               position,
                                                             PwTask             *task);
gboolean            pw_flow_remove_task                     (PwFlow             *self,
                                                             PwTask             *task);

int                 pw_flow_get_task_retries                (PwFlow             *self,
                                                             PwTask             *task);
int                 pw_flow_get_task_retry_delay_seconds    (PwFlow             *self,
                                                             PwTask             *task);
int                 pw_flow_get_task_timeout_seconds        (PwFlow             *self,
                                                             PwTask             *task);

G_END_DECLS
