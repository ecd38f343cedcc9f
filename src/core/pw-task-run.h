/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-state.h"

G_BEGIN_DECLS

#define PW_TYPE_TASK_RUN (pw_task_run_get_type ())
G_DECLARE_FINAL_TYPE (PwTaskRun, pw_task_run, PW, TASK_RUN, GObject)

PwTaskRun          *pw_task_run_new                           (const char         *flow_run_id,
                                                               const char         *task_key,
                                                               const char         *dynamic_key);
const char         *pw_task_run_get_id                        (PwTaskRun          *self);
void                pw_task_run_set_id                        (PwTaskRun          *self,
                                                               const char         *id);
const char         *pw_task_run_get_name                      (PwTaskRun          *self);
void                pw_task_run_set_name                      (PwTaskRun          *self,
                                                               const char         *name);
const char         *pw_task_run_get_flow_run_id               (PwTaskRun          *self);
void                pw_task_run_set_flow_run_id               (PwTaskRun          *self,
                                                               const char         *flow_run_id);
const char         *pw_task_run_get_task_key                  (PwTaskRun          *self);
void                pw_task_run_set_task_key                  (PwTaskRun          *self,
                                                               const char         *task_key);
const char         *pw_task_run_get_dynamic_key               (PwTaskRun          *self);
void                pw_task_run_set_dynamic_key               (PwTaskRun          *self,
                                                               const char         *dynamic_key);
const char         *pw_task_run_get_cache_key                 (PwTaskRun          *self);
void                pw_task_run_set_cache_key                 (PwTaskRun          *self,
                                                               const char         *cache_key);
GDateTime          *pw_task_run_get_cache_expiration          (PwTaskRun          *self);
void                pw_task_run_set_cache_expiration          (PwTaskRun          *self,
                                                               GDateTime          *cache_expiration);
const char * const *pw_task_run_get_tags                      (PwTaskRun          *self);
void                pw_task_run_set_tags                      (PwTaskRun          *self,
                                                               const char * const *tags);
const char         *pw_task_run_get_task_inputs               (PwTaskRun          *self);
void                pw_task_run_set_task_inputs               (PwTaskRun          *self,
                                                               const char         *task_inputs);
const char * const *pw_task_run_get_upstream_ids              (PwTaskRun          *self);
PwState            *pw_task_run_get_state                     (PwTaskRun          *self);
void                pw_task_run_set_state                     (PwTaskRun          *self,
                                                               PwState            *state);
PwStateType         pw_task_run_get_state_type                (PwTaskRun          *self);
const char         *pw_task_run_get_state_name                (PwTaskRun          *self);
guint               pw_task_run_get_run_count                 (PwTaskRun          *self);
void                pw_task_run_set_run_count                 (PwTaskRun          *self,
                                                               guint               run_count);
GDateTime          *pw_task_run_get_expected_start_time       (PwTaskRun          *self);
void                pw_task_run_set_expected_start_time       (PwTaskRun          *self,
                                                               GDateTime          *expected_start_time);
GDateTime          *pw_task_run_get_next_scheduled_start_time (PwTaskRun          *self);
void                pw_task_run_set_next_scheduled_start_time (PwTaskRun          *self,
                                                               GDateTime          *next_scheduled_start_time);
GDateTime          *pw_task_run_get_start_time                (PwTaskRun          *self);
void                pw_task_run_set_start_time                (PwTaskRun          *self,
                                                               GDateTime          *start_time);
GDateTime          *pw_task_run_get_end_time                  (PwTaskRun          *self);
void                pw_task_run_set_end_time                  (PwTaskRun          *self,
                                                               GDateTime          *end_time);
double              pw_task_run_get_total_run_time            (PwTaskRun          *self);
void                pw_task_run_set_total_run_time            (PwTaskRun          *self,
                                                               double              total_run_time);
const char         *pw_task_run_get_result                    (PwTaskRun          *self);
void                pw_task_run_set_result                    (PwTaskRun          *self,
                                                               const char         *result);
gboolean            pw_task_run_get_result_truncated          (PwTaskRun          *self);
void                pw_task_run_set_result_truncated          (PwTaskRun          *self,
                                                               gboolean            result_truncated);
GDateTime          *pw_task_run_get_created                   (PwTaskRun          *self);
void                pw_task_run_set_created                   (PwTaskRun          *self,
                                                               GDateTime          *created);
GDateTime          *pw_task_run_get_updated                   (PwTaskRun          *self);
void                pw_task_run_set_updated                   (PwTaskRun          *self,
                                                               GDateTime          *updated);
void                pw_task_run_update_from                   (PwTaskRun          *self,
                                                               PwTaskRun          *other);

G_END_DECLS
