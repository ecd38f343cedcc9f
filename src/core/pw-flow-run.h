/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-state.h"

G_BEGIN_DECLS

#define PW_TYPE_FLOW_RUN (pw_flow_run_get_type ())
G_DECLARE_FINAL_TYPE (PwFlowRun, pw_flow_run, PW, FLOW_RUN, GObject)

PwFlowRun          *pw_flow_run_new                           (void);
const char         *pw_flow_run_get_id                        (PwFlowRun          *self);
void                pw_flow_run_set_id                        (PwFlowRun          *self,
                                                               const char         *id);
const char         *pw_flow_run_get_name                      (PwFlowRun          *self);
void                pw_flow_run_set_name                      (PwFlowRun          *self,
                                                               const char         *name);
const char         *pw_flow_run_get_flow_id                   (PwFlowRun          *self);
void                pw_flow_run_set_flow_id                   (PwFlowRun          *self,
                                                               const char         *flow_id);
const char         *pw_flow_run_get_flow_name                 (PwFlowRun          *self);
void                pw_flow_run_set_flow_name                 (PwFlowRun          *self,
                                                               const char         *flow_name);
guint               pw_flow_run_get_flow_version              (PwFlowRun          *self);
void                pw_flow_run_set_flow_version              (PwFlowRun          *self,
                                                               guint               flow_version);
const char         *pw_flow_run_get_deployment_id             (PwFlowRun          *self);
void                pw_flow_run_set_deployment_id             (PwFlowRun          *self,
                                                               const char         *deployment_id);
const char         *pw_flow_run_get_work_queue_name           (PwFlowRun          *self);
void                pw_flow_run_set_work_queue_name           (PwFlowRun          *self,
                                                               const char         *work_queue_name);
const char         *pw_flow_run_get_parameters                (PwFlowRun          *self);
void                pw_flow_run_set_parameters                (PwFlowRun          *self,
                                                               const char         *parameters);
const char * const *pw_flow_run_get_tags                      (PwFlowRun          *self);
void                pw_flow_run_set_tags                      (PwFlowRun          *self,
                                                               const char * const *tags);
const char         *pw_flow_run_get_parent_task_run_id        (PwFlowRun          *self);
void                pw_flow_run_set_parent_task_run_id        (PwFlowRun          *self,
                                                               const char         *parent_task_run_id);
const char         *pw_flow_run_get_idempotency_key           (PwFlowRun          *self);
void                pw_flow_run_set_idempotency_key           (PwFlowRun          *self,
                                                               const char         *idempotency_key);
gboolean            pw_flow_run_get_auto_scheduled            (PwFlowRun          *self);
void                pw_flow_run_set_auto_scheduled            (PwFlowRun          *self,
                                                               gboolean            auto_scheduled);
PwState            *pw_flow_run_get_state                     (PwFlowRun          *self);
void                pw_flow_run_set_state                     (PwFlowRun          *self,
                                                               PwState            *state);
PwStateType         pw_flow_run_get_state_type                (PwFlowRun          *self);
const char         *pw_flow_run_get_state_name                (PwFlowRun          *self);
guint               pw_flow_run_get_run_count                 (PwFlowRun          *self);
void                pw_flow_run_set_run_count                 (PwFlowRun          *self,
                                                               guint               run_count);
GDateTime          *pw_flow_run_get_expected_start_time       (PwFlowRun          *self);
void                pw_flow_run_set_expected_start_time       (PwFlowRun          *self,
                                                               GDateTime          *expected_start_time);
GDateTime          *pw_flow_run_get_next_scheduled_start_time (PwFlowRun          *self);
void                pw_flow_run_set_next_scheduled_start_time (PwFlowRun          *self,
                                                               GDateTime          *next_scheduled_start_time);
GDateTime          *pw_flow_run_get_start_time                (PwFlowRun          *self);
void                pw_flow_run_set_start_time                (PwFlowRun          *self,
                                                               GDateTime          *start_time);
GDateTime          *pw_flow_run_get_end_time                  (PwFlowRun          *self);
void                pw_flow_run_set_end_time                  (PwFlowRun          *self,
                                                               GDateTime          *end_time);
double              pw_flow_run_get_total_run_time            (PwFlowRun          *self);
void                pw_flow_run_set_total_run_time            (PwFlowRun          *self,
                                                               double              total_run_time);
GDateTime          *pw_flow_run_get_created                   (PwFlowRun          *self);
void                pw_flow_run_set_created                   (PwFlowRun          *self,
                                                               GDateTime          *created);
GDateTime          *pw_flow_run_get_updated                   (PwFlowRun          *self);
void                pw_flow_run_set_updated                   (PwFlowRun          *self,
                                                               GDateTime          *updated);
const char         *pw_flow_run_get_owner_host                (PwFlowRun          *self);
void                pw_flow_run_set_owner_host                (PwFlowRun          *self,
                                                               const char         *owner_host);
int                 pw_flow_run_get_owner_pid                 (PwFlowRun          *self);
void                pw_flow_run_set_owner_pid                 (PwFlowRun          *self,
                                                               int                 owner_pid);
GDateTime          *pw_flow_run_get_heartbeat                 (PwFlowRun          *self);
void                pw_flow_run_set_heartbeat                 (PwFlowRun          *self,
                                                               GDateTime          *heartbeat);
void                pw_flow_run_update_from                   (PwFlowRun          *self,
                                                               PwFlowRun          *other);

G_END_DECLS
