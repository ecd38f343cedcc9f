/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pw-enums.h"

G_BEGIN_DECLS

/**
 * PW_TASK_INHERIT:
 *
 * The value of #PwTask:retries, #PwTask:retry-delay-seconds and
 * #PwTask:timeout-seconds when the task takes the flow's default.
 */
#define PW_TASK_INHERIT (-1)

/**
 * PW_TASK_NO_TIMEOUT:
 *
 * The value of #PwTask:timeout-seconds for "no timeout" (`null` in files).
 */
#define PW_TASK_NO_TIMEOUT 0

#define PW_TYPE_TASK (pw_task_get_type ())
G_DECLARE_FINAL_TYPE (PwTask, pw_task, PW, TASK, GObject)

PwTask             *pw_task_new                       (const char         *key,
                                                       PwTaskKind          kind);
PwTask             *pw_task_copy                      (PwTask             *self);

const char         *pw_task_get_key                   (PwTask             *self);
void                pw_task_set_key                   (PwTask             *self,
                                                       const char         *key);
const char         *pw_task_get_name                  (PwTask             *self);
void                pw_task_set_name                  (PwTask             *self,
                                                       const char         *name);
const char         *pw_task_get_display_name          (PwTask             *self);
PwTaskKind          pw_task_get_kind                  (PwTask             *self);
void                pw_task_set_kind                  (PwTask             *self,
                                                       PwTaskKind          kind);

/* command */
const char * const *pw_task_get_command               (PwTask             *self);
void                pw_task_set_command               (PwTask             *self,
                                                       const char * const *argv);
/* shell */
const char         *pw_task_get_script                (PwTask             *self);
void                pw_task_set_script                (PwTask             *self,
                                                       const char         *script);
/* http */
const char         *pw_task_get_method                (PwTask             *self);
void                pw_task_set_method                (PwTask             *self,
                                                       const char         *method);
const char         *pw_task_get_url                   (PwTask             *self);
void                pw_task_set_url                   (PwTask             *self,
                                                       const char         *url);
const char * const *pw_task_get_headers               (PwTask             *self);
void                pw_task_set_headers               (PwTask             *self,
                                                       const char * const *pairs);
const char         *pw_task_get_body                  (PwTask             *self);
void                pw_task_set_body                  (PwTask             *self,
                                                       const char         *body);
/* subflow */
const char         *pw_task_get_flow_name             (PwTask             *self);
void                pw_task_set_flow_name             (PwTask             *self,
                                                       const char         *flow_name);
JsonNode           *pw_task_get_parameters            (PwTask             *self);
void                pw_task_set_parameters            (PwTask             *self,
                                                       JsonNode           *parameters);

/* every kind */
const char * const *pw_task_get_after                 (PwTask             *self);
void                pw_task_set_after                 (PwTask             *self,
                                                       const char * const *keys);
gboolean            pw_task_has_upstream              (PwTask             *self,
                                                       const char         *key);
void                pw_task_add_upstream              (PwTask             *self,
                                                       const char         *key);
void                pw_task_remove_upstream           (PwTask             *self,
                                                       const char         *key);
int                 pw_task_get_retries               (PwTask             *self);
void                pw_task_set_retries               (PwTask             *self,
                                                       int                 retries);
int                 pw_task_get_retry_delay_seconds   (PwTask             *self);
void                pw_task_set_retry_delay_seconds   (PwTask             *self,
                                                       int                 seconds);
double              pw_task_get_retry_backoff         (PwTask             *self);
void                pw_task_set_retry_backoff         (PwTask             *self,
                                                       double              factor);
double              pw_task_get_retry_jitter          (PwTask             *self);
void                pw_task_set_retry_jitter          (PwTask             *self,
                                                       double              jitter);
int                 pw_task_get_timeout_seconds       (PwTask             *self);
void                pw_task_set_timeout_seconds       (PwTask             *self,
                                                       int                 seconds);
PwCachePolicy       pw_task_get_cache_policy          (PwTask             *self);
void                pw_task_set_cache_policy          (PwTask             *self,
                                                       PwCachePolicy       policy);
int                 pw_task_get_cache_expiration_seconds (PwTask          *self);
void                pw_task_set_cache_expiration_seconds (PwTask          *self,
                                                          int              seconds);
const char * const *pw_task_get_tags                  (PwTask             *self);
void                pw_task_set_tags                  (PwTask             *self,
                                                       const char * const *tags);
PwTriggerRule       pw_task_get_trigger               (PwTask             *self);
void                pw_task_set_trigger               (PwTask             *self,
                                                       PwTriggerRule       trigger);
const char * const *pw_task_get_env                   (PwTask             *self);
void                pw_task_set_env                   (PwTask             *self,
                                                       const char * const *pairs);
const char         *pw_task_get_workdir               (PwTask             *self);
void                pw_task_set_workdir               (PwTask             *self,
                                                       const char         *workdir);
const char         *pw_task_get_map                   (PwTask             *self);
void                pw_task_set_map                   (PwTask             *self,
                                                       const char         *map);
double              pw_task_get_x                     (PwTask             *self);
void                pw_task_set_x                     (PwTask             *self,
                                                       double              x);
double              pw_task_get_y                     (PwTask             *self);
void                pw_task_set_y                     (PwTask             *self,
                                                       double              y);
void                pw_task_set_position              (PwTask             *self,
                                                       double              x,
                                                       double              y);

const char         *pw_string_pairs_lookup            (const char * const *pairs,
                                                       const char         *name);

G_END_DECLS
