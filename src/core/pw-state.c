/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-state"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-run-record-private.h"
#include "pw-state.h"

/*
 * PwState: one entry of a run's state history, as Prefect's State
 * (API.md §3). The store fills in the id, the timestamp and the run it
 * belongs to when the state is set on a run; `details` holds the rest of
 * Prefect's `state_details` (child_flow_run_id, cache_key …) as a JSON
 * object.
 */
struct _PwState
{
  GObject      parent_instance;

  char        *id;
  PwStateType  type;
  char        *name;
  char        *message;
  GDateTime   *timestamp;
  GDateTime   *scheduled_time;
  char        *details;
  char        *flow_run_id;
  char        *task_run_id;
};

G_DEFINE_FINAL_TYPE (PwState, pw_state, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PwStateType, pw_state_type,
  G_DEFINE_ENUM_VALUE (PW_STATE_TYPE_SCHEDULED, "SCHEDULED"),
  G_DEFINE_ENUM_VALUE (PW_STATE_TYPE_PENDING, "PENDING"),
  G_DEFINE_ENUM_VALUE (PW_STATE_TYPE_RUNNING, "RUNNING"),
  G_DEFINE_ENUM_VALUE (PW_STATE_TYPE_COMPLETED, "COMPLETED"),
  G_DEFINE_ENUM_VALUE (PW_STATE_TYPE_FAILED, "FAILED"),
  G_DEFINE_ENUM_VALUE (PW_STATE_TYPE_CANCELLED, "CANCELLED"),
  G_DEFINE_ENUM_VALUE (PW_STATE_TYPE_CRASHED, "CRASHED"),
  G_DEFINE_ENUM_VALUE (PW_STATE_TYPE_PAUSED, "PAUSED"),
  G_DEFINE_ENUM_VALUE (PW_STATE_TYPE_CANCELLING, "CANCELLING"))

enum {
  PROP_0,
  PROP_ID,
  PROP_TYPE,
  PROP_NAME,
  PROP_MESSAGE,
  PROP_TIMESTAMP,
  PROP_SCHEDULED_TIME,
  PROP_DETAILS,
  PROP_FLOW_RUN_ID,
  PROP_TASK_RUN_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *api;
  const char *name;
} state_type_names[PW_N_STATE_TYPES] = {
  [PW_STATE_TYPE_SCHEDULED] = { "SCHEDULED", "Scheduled" },
  [PW_STATE_TYPE_PENDING] = { "PENDING", "Pending" },
  [PW_STATE_TYPE_RUNNING] = { "RUNNING", "Running" },
  [PW_STATE_TYPE_COMPLETED] = { "COMPLETED", "Completed" },
  [PW_STATE_TYPE_FAILED] = { "FAILED", "Failed" },
  [PW_STATE_TYPE_CANCELLED] = { "CANCELLED", "Cancelled" },
  [PW_STATE_TYPE_CRASHED] = { "CRASHED", "Crashed" },
  [PW_STATE_TYPE_PAUSED] = { "PAUSED", "Paused" },
  [PW_STATE_TYPE_CANCELLING] = { "CANCELLING", "Cancelling" },
};

/**
 * pw_state_type_to_string:
 * @type: a #PwStateType
 *
 * Returns: the API spelling of @type, such as `COMPLETED`
 */
const char *
pw_state_type_to_string (PwStateType type)
{
  g_return_val_if_fail (type < PW_N_STATE_TYPES, NULL);
  return state_type_names[type].api;
}

/**
 * pw_state_type_from_string:
 * @str: an API spelling such as `FAILED`
 * @type: (out): where to store the type
 *
 * Returns: %TRUE if @str names a state type
 */
gboolean
pw_state_type_from_string (const char  *str,
                           PwStateType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < PW_N_STATE_TYPES; i++)
    {
      if (strcmp (str, state_type_names[i].api) == 0)
        {
          *type = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * pw_state_type_get_default_name:
 * @type: a #PwStateType
 *
 * Returns: the name a state of @type has unless it was given another one
 *   (`Completed` for %PW_STATE_TYPE_COMPLETED), as Prefect names it
 */
const char *
pw_state_type_get_default_name (PwStateType type)
{
  g_return_val_if_fail (type < PW_N_STATE_TYPES, NULL);
  return state_type_names[type].name;
}

/**
 * pw_state_type_is_terminal:
 * @type: a #PwStateType
 *
 * Returns: %TRUE for the types a run ends in: COMPLETED, FAILED, CANCELLED
 *   and CRASHED
 */
gboolean
pw_state_type_is_terminal (PwStateType type)
{
  return type == PW_STATE_TYPE_COMPLETED ||
         type == PW_STATE_TYPE_FAILED ||
         type == PW_STATE_TYPE_CANCELLED ||
         type == PW_STATE_TYPE_CRASHED;
}

static void
pw_state_finalize (GObject *object)
{
  PwState *self = (PwState *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  g_clear_pointer (&self->scheduled_time, g_date_time_unref);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->flow_run_id, g_free);
  g_clear_pointer (&self->task_run_id, g_free);

  G_OBJECT_CLASS (pw_state_parent_class)->finalize (object);
}

static void
pw_state_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PwState *self = PW_STATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_NAME:
      g_value_set_string (value, pw_state_get_name (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_TIMESTAMP:
      g_value_set_boxed (value, self->timestamp);
      break;
    case PROP_SCHEDULED_TIME:
      g_value_set_boxed (value, self->scheduled_time);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    case PROP_FLOW_RUN_ID:
      g_value_set_string (value, self->flow_run_id);
      break;
    case PROP_TASK_RUN_ID:
      g_value_set_string (value, self->task_run_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_state_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PwState *self = PW_STATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      pw_state_set_id (self, g_value_get_string (value));
      break;
    case PROP_TYPE:
      pw_state_set_state_type (self, g_value_get_enum (value));
      break;
    case PROP_NAME:
      pw_state_set_name (self, g_value_get_string (value));
      break;
    case PROP_MESSAGE:
      pw_state_set_message (self, g_value_get_string (value));
      break;
    case PROP_TIMESTAMP:
      pw_state_set_timestamp (self, g_value_get_boxed (value));
      break;
    case PROP_SCHEDULED_TIME:
      pw_state_set_scheduled_time (self, g_value_get_boxed (value));
      break;
    case PROP_DETAILS:
      pw_state_set_details (self, g_value_get_string (value));
      break;
    case PROP_FLOW_RUN_ID:
      pw_state_set_flow_run_id (self, g_value_get_string (value));
      break;
    case PROP_TASK_RUN_ID:
      pw_state_set_task_run_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_state_class_init (PwStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_state_finalize;
  object_class->get_property = pw_state_get_property;
  object_class->set_property = pw_state_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL,
                       PW_TYPE_STATE_TYPE, PW_STATE_TYPE_PENDING, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_TIMESTAMP] =
    g_param_spec_boxed ("timestamp", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SCHEDULED_TIME] =
    g_param_spec_boxed ("scheduled-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL, flags);
  properties[PROP_FLOW_RUN_ID] =
    g_param_spec_string ("flow-run-id", NULL, NULL, NULL, flags);
  properties[PROP_TASK_RUN_ID] =
    g_param_spec_string ("task-run-id", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_state_init (PwState *self)
{
  self->type = PW_STATE_TYPE_PENDING;
}

/**
 * pw_state_new:
 * @type: the state type
 * @name: (nullable): a special name such as `Late` or `Retrying`, or %NULL
 *   for the default name of @type
 * @message: (nullable): why the run is in this state
 *
 * Creates a state to set on a run. The store gives it its id, its run and,
 * unless set, the current time as its timestamp.
 *
 * Returns: (transfer full): a new #PwState
 */
PwState *
pw_state_new (PwStateType  type,
              const char  *name,
              const char  *message)
{
  PwState *self;

  g_return_val_if_fail (type < PW_N_STATE_TYPES, NULL);

  self = g_object_new (PW_TYPE_STATE, NULL);
  self->type = type;
  self->name = g_strdup (name);
  self->message = g_strdup (message);

  return self;
}

/**
 * pw_state_copy:
 * @self: a #PwState
 *
 * Returns: (transfer full): a new #PwState with the same values
 */
PwState *
pw_state_copy (PwState *self)
{
  PwState *copy;

  g_return_val_if_fail (PW_IS_STATE (self), NULL);

  copy = pw_state_new (self->type, self->name, self->message);
  copy->id = g_strdup (self->id);
  copy->timestamp = self->timestamp ? g_date_time_ref (self->timestamp) : NULL;
  copy->scheduled_time = self->scheduled_time ? g_date_time_ref (self->scheduled_time) : NULL;
  copy->details = g_strdup (self->details);
  copy->flow_run_id = g_strdup (self->flow_run_id);
  copy->task_run_id = g_strdup (self->task_run_id);

  return copy;
}

const char *
pw_state_get_id (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), NULL);
  return self->id;
}

void
pw_state_set_id (PwState    *self,
                 const char *id)
{
  g_return_if_fail (PW_IS_STATE (self));

  if (pw_record_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

PwStateType
pw_state_get_state_type (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), PW_STATE_TYPE_PENDING);
  return self->type;
}

void
pw_state_set_state_type (PwState     *self,
                         PwStateType  type)
{
  g_return_if_fail (PW_IS_STATE (self));
  g_return_if_fail (type < PW_N_STATE_TYPES);

  if (self->type == type)
    return;

  self->type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE]);
  /* An unnamed state's name follows its type. */
  if (self->name == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * pw_state_get_name:
 * @self: a #PwState
 *
 * Returns: the state's name: the one it was given, else the default name of
 *   its type
 */
const char *
pw_state_get_name (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), NULL);

  if (self->name != NULL)
    return self->name;
  return pw_state_type_get_default_name (self->type);
}

void
pw_state_set_name (PwState    *self,
                   const char *name)
{
  g_return_if_fail (PW_IS_STATE (self));

  if (pw_record_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pw_state_get_message (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), NULL);
  return self->message;
}

void
pw_state_set_message (PwState    *self,
                      const char *message)
{
  g_return_if_fail (PW_IS_STATE (self));

  if (pw_record_set_string (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

GDateTime *
pw_state_get_timestamp (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), NULL);
  return self->timestamp;
}

void
pw_state_set_timestamp (PwState   *self,
                        GDateTime *timestamp)
{
  g_return_if_fail (PW_IS_STATE (self));

  if (pw_record_set_date_time (&self->timestamp, timestamp))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMESTAMP]);
}

/**
 * pw_state_get_scheduled_time:
 * @self: a #PwState
 *
 * Returns: (nullable): for a SCHEDULED state, when the run is due
 */
GDateTime *
pw_state_get_scheduled_time (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), NULL);
  return self->scheduled_time;
}

void
pw_state_set_scheduled_time (PwState   *self,
                             GDateTime *scheduled_time)
{
  g_return_if_fail (PW_IS_STATE (self));

  if (pw_record_set_date_time (&self->scheduled_time, scheduled_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULED_TIME]);
}

/**
 * pw_state_get_details:
 * @self: a #PwState
 *
 * Returns: (nullable): the rest of Prefect's `state_details`
 *   (`child_flow_run_id`, `cache_key`, `cache_expiration` …) as JSON object
 *   text
 */
const char *
pw_state_get_details (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), NULL);
  return self->details;
}

void
pw_state_set_details (PwState    *self,
                      const char *details)
{
  g_return_if_fail (PW_IS_STATE (self));

  if (pw_record_set_string (&self->details, details))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

const char *
pw_state_get_flow_run_id (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), NULL);
  return self->flow_run_id;
}

void
pw_state_set_flow_run_id (PwState    *self,
                          const char *flow_run_id)
{
  g_return_if_fail (PW_IS_STATE (self));

  if (pw_record_set_string (&self->flow_run_id, flow_run_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW_RUN_ID]);
}

const char *
pw_state_get_task_run_id (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), NULL);
  return self->task_run_id;
}

void
pw_state_set_task_run_id (PwState    *self,
                          const char *task_run_id)
{
  g_return_if_fail (PW_IS_STATE (self));

  if (pw_record_set_string (&self->task_run_id, task_run_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK_RUN_ID]);
}

gboolean
pw_state_is_terminal (PwState *self)
{
  g_return_val_if_fail (PW_IS_STATE (self), FALSE);
  return pw_state_type_is_terminal (self->type);
}
