/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-log-entry"

#include "config.h"

#include "pw-run-record-private.h"
#include "pw-log-entry.h"

/*
 * PwLogEntry: one log line of a flow run or task run, as Prefect's Log
 * (API.md §8).
 */
struct _PwLogEntry
{
  GObject    parent_instance;

  gint64     id;
  char      *flow_run_id;
  char      *task_run_id;
  char      *name;
  int        level;
  char      *message;
  GDateTime *timestamp;
};

G_DEFINE_FINAL_TYPE (PwLogEntry, pw_log_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FLOW_RUN_ID,
  PROP_TASK_RUN_ID,
  PROP_NAME,
  PROP_LEVEL,
  PROP_MESSAGE,
  PROP_TIMESTAMP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_log_entry_finalize (GObject *object)
{
  PwLogEntry *self = (PwLogEntry *)object;

  g_clear_pointer (&self->flow_run_id, g_free);
  g_clear_pointer (&self->task_run_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->timestamp, g_date_time_unref);

  G_OBJECT_CLASS (pw_log_entry_parent_class)->finalize (object);
}

static void
pw_log_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwLogEntry *self = PW_LOG_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_FLOW_RUN_ID:
      g_value_set_string (value, self->flow_run_id);
      break;
    case PROP_TASK_RUN_ID:
      g_value_set_string (value, self->task_run_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_TIMESTAMP:
      g_value_set_boxed (value, self->timestamp);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_log_entry_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwLogEntry *self = PW_LOG_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      pw_log_entry_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_FLOW_RUN_ID:
      pw_log_entry_set_flow_run_id (self, g_value_get_string (value));
      break;
    case PROP_TASK_RUN_ID:
      pw_log_entry_set_task_run_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      pw_log_entry_set_name (self, g_value_get_string (value));
      break;
    case PROP_LEVEL:
      pw_log_entry_set_level (self, g_value_get_int (value));
      break;
    case PROP_MESSAGE:
      pw_log_entry_set_message (self, g_value_get_string (value));
      break;
    case PROP_TIMESTAMP:
      pw_log_entry_set_timestamp (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_log_entry_class_init (PwLogEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_log_entry_finalize;
  object_class->get_property = pw_log_entry_get_property;
  object_class->set_property = pw_log_entry_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FLOW_RUN_ID] =
    g_param_spec_string ("flow-run-id", NULL, NULL, NULL, flags);
  properties[PROP_TASK_RUN_ID] =
    g_param_spec_string ("task-run-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_TIMESTAMP] =
    g_param_spec_boxed ("timestamp", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_log_entry_init (PwLogEntry *self)
{
}

/**
 * pw_log_entry_new:
 * @flow_run_id: the flow run the line belongs to
 * @task_run_id: (nullable): the task run, or %NULL for a flow-level line
 * @name: (nullable): the logger name
 * @level: the level (10 DEBUG … 50 CRITICAL)
 * @message: the line
 * @timestamp: (nullable): when it was written, or %NULL for the time it is
 *   stored
 *
 * Returns: (transfer full): a new #PwLogEntry
 */
PwLogEntry *
pw_log_entry_new (const char *flow_run_id,
                  const char *task_run_id,
                  const char *name,
                  int         level,
                  const char *message,
                  GDateTime  *timestamp)
{
  PwLogEntry *self = g_object_new (PW_TYPE_LOG_ENTRY, NULL);

  self->flow_run_id = g_strdup (flow_run_id);
  self->task_run_id = g_strdup (task_run_id);
  self->name = g_strdup (name);
  self->level = level;
  self->message = g_strdup (message);
  self->timestamp = timestamp != NULL ? g_date_time_ref (timestamp) : NULL;

  return self;
}

/**
 * pw_log_entry_get_id:
 * @self: a #PwLogEntry
 *
 * Returns: the entry's number in the store (0 until stored); later lines
 *   have larger numbers
 */
gint64
pw_log_entry_get_id (PwLogEntry *self)
{
  g_return_val_if_fail (PW_IS_LOG_ENTRY (self), 0);
  return self->id;
}

void
pw_log_entry_set_id (PwLogEntry *self,
                     gint64      id)
{
  g_return_if_fail (PW_IS_LOG_ENTRY (self));
  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
pw_log_entry_get_flow_run_id (PwLogEntry *self)
{
  g_return_val_if_fail (PW_IS_LOG_ENTRY (self), NULL);
  return self->flow_run_id;
}

void
pw_log_entry_set_flow_run_id (PwLogEntry *self,
                              const char *flow_run_id)
{
  g_return_if_fail (PW_IS_LOG_ENTRY (self));
  if (pw_record_set_string (&self->flow_run_id, flow_run_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW_RUN_ID]);
}

/**
 * pw_log_entry_get_task_run_id:
 * @self: a #PwLogEntry
 *
 * Returns: (nullable): the task run, or %NULL for a flow-level line
 */
const char *
pw_log_entry_get_task_run_id (PwLogEntry *self)
{
  g_return_val_if_fail (PW_IS_LOG_ENTRY (self), NULL);
  return self->task_run_id;
}

void
pw_log_entry_set_task_run_id (PwLogEntry *self,
                              const char *task_run_id)
{
  g_return_if_fail (PW_IS_LOG_ENTRY (self));
  if (pw_record_set_string (&self->task_run_id, task_run_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK_RUN_ID]);
}

/**
 * pw_log_entry_get_name:
 * @self: a #PwLogEntry
 *
 * Returns: the logger name, such as `pipewright.task_runs`
 */
const char *
pw_log_entry_get_name (PwLogEntry *self)
{
  g_return_val_if_fail (PW_IS_LOG_ENTRY (self), NULL);
  return self->name;
}

void
pw_log_entry_set_name (PwLogEntry *self,
                       const char *name)
{
  g_return_if_fail (PW_IS_LOG_ENTRY (self));
  if (pw_record_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * pw_log_entry_get_level:
 * @self: a #PwLogEntry
 *
 * Returns: the level: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL
 */
int
pw_log_entry_get_level (PwLogEntry *self)
{
  g_return_val_if_fail (PW_IS_LOG_ENTRY (self), 0);
  return self->level;
}

void
pw_log_entry_set_level (PwLogEntry *self,
                        int         level)
{
  g_return_if_fail (PW_IS_LOG_ENTRY (self));
  if (self->level != level)
    {
      self->level = level;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
    }
}

const char *
pw_log_entry_get_message (PwLogEntry *self)
{
  g_return_val_if_fail (PW_IS_LOG_ENTRY (self), NULL);
  return self->message;
}

void
pw_log_entry_set_message (PwLogEntry *self,
                          const char *message)
{
  g_return_if_fail (PW_IS_LOG_ENTRY (self));
  if (pw_record_set_string (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

GDateTime *
pw_log_entry_get_timestamp (PwLogEntry *self)
{
  g_return_val_if_fail (PW_IS_LOG_ENTRY (self), NULL);
  return self->timestamp;
}

void
pw_log_entry_set_timestamp (PwLogEntry *self,
                            GDateTime  *timestamp)
{
  g_return_if_fail (PW_IS_LOG_ENTRY (self));
  if (pw_record_set_date_time (&self->timestamp, timestamp))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMESTAMP]);
}

/**
 * pw_log_entry_update_from:
 * @self: a #PwLogEntry
 * @other: a newer copy of the same record
 *
 * Takes every value of @other, notifying each property that changed, so
 * that a list keeps its objects (and whatever is bound to them) when a
 * record is read again.
 */
void
pw_log_entry_update_from (PwLogEntry *self,
                          PwLogEntry *other)
{
  g_return_if_fail (PW_IS_LOG_ENTRY (self));
  g_return_if_fail (PW_IS_LOG_ENTRY (other));

  g_object_freeze_notify (G_OBJECT (self));
  pw_log_entry_set_id (self, other->id);
  pw_log_entry_set_flow_run_id (self, other->flow_run_id);
  pw_log_entry_set_task_run_id (self, other->task_run_id);
  pw_log_entry_set_name (self, other->name);
  pw_log_entry_set_level (self, other->level);
  pw_log_entry_set_message (self, other->message);
  pw_log_entry_set_timestamp (self, other->timestamp);
  g_object_thaw_notify (G_OBJECT (self));
}
