/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PwStateType:
 * @PW_STATE_TYPE_SCHEDULED: waiting for its scheduled time
 * @PW_STATE_TYPE_PENDING: about to run
 * @PW_STATE_TYPE_RUNNING: running
 * @PW_STATE_TYPE_COMPLETED: ended well (terminal)
 * @PW_STATE_TYPE_FAILED: ended with an error (terminal)
 * @PW_STATE_TYPE_CANCELLED: stopped before its end (terminal)
 * @PW_STATE_TYPE_CRASHED: its process went away (terminal)
 * @PW_STATE_TYPE_PAUSED: waiting to be resumed
 * @PW_STATE_TYPE_CANCELLING: asked to stop, not yet stopped
 *
 * Prefect's state types, spelled `SCHEDULED`, `PENDING` … in the API.
 */
typedef enum
{
  PW_STATE_TYPE_SCHEDULED,
  PW_STATE_TYPE_PENDING,
  PW_STATE_TYPE_RUNNING,
  PW_STATE_TYPE_COMPLETED,
  PW_STATE_TYPE_FAILED,
  PW_STATE_TYPE_CANCELLED,
  PW_STATE_TYPE_CRASHED,
  PW_STATE_TYPE_PAUSED,
  PW_STATE_TYPE_CANCELLING,
} PwStateType;

#define PW_N_STATE_TYPES (PW_STATE_TYPE_CANCELLING + 1)

/**
 * PW_STATE_TYPE_MASK:
 * @type: a #PwStateType
 *
 * The bit of @type in a set of state types, as used by the run filters.
 */
#define PW_STATE_TYPE_MASK(type) (1u << (type))

#define PW_TYPE_STATE_TYPE (pw_state_type_get_type ())
GType        pw_state_type_get_type         (void) G_GNUC_CONST;

const char  *pw_state_type_to_string        (PwStateType  type);
gboolean     pw_state_type_from_string      (const char  *str,
                                             PwStateType *type);
const char  *pw_state_type_get_default_name (PwStateType  type);
gboolean     pw_state_type_is_terminal      (PwStateType  type);

#define PW_TYPE_STATE (pw_state_get_type ())
G_DECLARE_FINAL_TYPE (PwState, pw_state, PW, STATE, GObject)

PwState     *pw_state_new                   (PwStateType  type,
                                             const char  *name,
                                             const char  *message);
PwState     *pw_state_copy                  (PwState     *self);
const char  *pw_state_get_id                (PwState     *self);
void         pw_state_set_id                (PwState     *self,
                                             const char  *id);
PwStateType  pw_state_get_state_type        (PwState     *self);
void         pw_state_set_state_type        (PwState     *self,
                                             PwStateType  type);
const char  *pw_state_get_name              (PwState     *self);
void         pw_state_set_name              (PwState     *self,
                                             const char  *name);
const char  *pw_state_get_message           (PwState     *self);
void         pw_state_set_message           (PwState     *self,
                                             const char  *message);
GDateTime   *pw_state_get_timestamp         (PwState     *self);
void         pw_state_set_timestamp         (PwState     *self,
                                             GDateTime   *timestamp);
GDateTime   *pw_state_get_scheduled_time    (PwState     *self);
void         pw_state_set_scheduled_time    (PwState     *self,
                                             GDateTime   *scheduled_time);
const char  *pw_state_get_details           (PwState     *self);
void         pw_state_set_details           (PwState     *self,
                                             const char  *details);
const char  *pw_state_get_flow_run_id       (PwState     *self);
void         pw_state_set_flow_run_id       (PwState     *self,
                                             const char  *flow_run_id);
const char  *pw_state_get_task_run_id       (PwState     *self);
void         pw_state_set_task_run_id       (PwState     *self,
                                             const char  *task_run_id);
gboolean     pw_state_is_terminal           (PwState     *self);

G_END_DECLS
