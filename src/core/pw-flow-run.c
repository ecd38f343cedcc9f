/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-run"

#include "config.h"

#include "pw-run-record-private.h"
#include "pw-flow-run.h"

/*
 * PwFlowRun: one run of a flow, with Prefect's FlowRun fields (API.md §6).
 * The store makes them; changing one changes nothing in the store. The
 * GUI binds to the properties, and pw_flow_run_update_from() refreshes an
 * object in place when the run is read again.
 */
struct _PwFlowRun
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *flow_id;
  char      *flow_name;
  guint      flow_version;
  char      *deployment_id;
  char      *work_queue_name;
  char      *parameters;
  GStrv      tags;
  char      *parent_task_run_id;
  char      *idempotency_key;
  gboolean   auto_scheduled;
  PwState   *state;
  guint      run_count;
  GDateTime *expected_start_time;
  GDateTime *next_scheduled_start_time;
  GDateTime *start_time;
  GDateTime *end_time;
  double     total_run_time;
  GDateTime *created;
  GDateTime *updated;
  char      *owner_host;
  int        owner_pid;
  GDateTime *heartbeat;
};

G_DEFINE_FINAL_TYPE (PwFlowRun, pw_flow_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FLOW_ID,
  PROP_FLOW_NAME,
  PROP_FLOW_VERSION,
  PROP_DEPLOYMENT_ID,
  PROP_WORK_QUEUE_NAME,
  PROP_PARAMETERS,
  PROP_TAGS,
  PROP_PARENT_TASK_RUN_ID,
  PROP_IDEMPOTENCY_KEY,
  PROP_AUTO_SCHEDULED,
  PROP_STATE,
  PROP_STATE_TYPE,
  PROP_STATE_NAME,
  PROP_RUN_COUNT,
  PROP_EXPECTED_START_TIME,
  PROP_NEXT_SCHEDULED_START_TIME,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_TOTAL_RUN_TIME,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_OWNER_HOST,
  PROP_OWNER_PID,
  PROP_HEARTBEAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_flow_run_finalize (GObject *object)
{
  PwFlowRun *self = (PwFlowRun *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->flow_id, g_free);
  g_clear_pointer (&self->flow_name, g_free);
  g_clear_pointer (&self->deployment_id, g_free);
  g_clear_pointer (&self->work_queue_name, g_free);
  g_clear_pointer (&self->parameters, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->parent_task_run_id, g_free);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_object (&self->state);
  g_clear_pointer (&self->expected_start_time, g_date_time_unref);
  g_clear_pointer (&self->next_scheduled_start_time, g_date_time_unref);
  g_clear_pointer (&self->start_time, g_date_time_unref);
  g_clear_pointer (&self->end_time, g_date_time_unref);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_pointer (&self->owner_host, g_free);
  g_clear_pointer (&self->heartbeat, g_date_time_unref);

  G_OBJECT_CLASS (pw_flow_run_parent_class)->finalize (object);
}

static void
pw_flow_run_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwFlowRun *self = PW_FLOW_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FLOW_ID:
      g_value_set_string (value, self->flow_id);
      break;
    case PROP_FLOW_NAME:
      g_value_set_string (value, self->flow_name);
      break;
    case PROP_FLOW_VERSION:
      g_value_set_uint (value, self->flow_version);
      break;
    case PROP_DEPLOYMENT_ID:
      g_value_set_string (value, self->deployment_id);
      break;
    case PROP_WORK_QUEUE_NAME:
      g_value_set_string (value, self->work_queue_name);
      break;
    case PROP_PARAMETERS:
      g_value_set_string (value, self->parameters);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, pw_flow_run_get_tags (self));
      break;
    case PROP_PARENT_TASK_RUN_ID:
      g_value_set_string (value, self->parent_task_run_id);
      break;
    case PROP_IDEMPOTENCY_KEY:
      g_value_set_string (value, self->idempotency_key);
      break;
    case PROP_AUTO_SCHEDULED:
      g_value_set_boolean (value, self->auto_scheduled);
      break;
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    case PROP_STATE_TYPE:
      g_value_set_enum (value, pw_flow_run_get_state_type (self));
      break;
    case PROP_STATE_NAME:
      g_value_set_string (value, pw_flow_run_get_state_name (self));
      break;
    case PROP_RUN_COUNT:
      g_value_set_uint (value, self->run_count);
      break;
    case PROP_EXPECTED_START_TIME:
      g_value_set_boxed (value, self->expected_start_time);
      break;
    case PROP_NEXT_SCHEDULED_START_TIME:
      g_value_set_boxed (value, self->next_scheduled_start_time);
      break;
    case PROP_START_TIME:
      g_value_set_boxed (value, self->start_time);
      break;
    case PROP_END_TIME:
      g_value_set_boxed (value, self->end_time);
      break;
    case PROP_TOTAL_RUN_TIME:
      g_value_set_double (value, self->total_run_time);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;
    case PROP_OWNER_HOST:
      g_value_set_string (value, self->owner_host);
      break;
    case PROP_OWNER_PID:
      g_value_set_int (value, self->owner_pid);
      break;
    case PROP_HEARTBEAT:
      g_value_set_boxed (value, self->heartbeat);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flow_run_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PwFlowRun *self = PW_FLOW_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      pw_flow_run_set_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      pw_flow_run_set_name (self, g_value_get_string (value));
      break;
    case PROP_FLOW_ID:
      pw_flow_run_set_flow_id (self, g_value_get_string (value));
      break;
    case PROP_FLOW_NAME:
      pw_flow_run_set_flow_name (self, g_value_get_string (value));
      break;
    case PROP_FLOW_VERSION:
      pw_flow_run_set_flow_version (self, g_value_get_uint (value));
      break;
    case PROP_DEPLOYMENT_ID:
      pw_flow_run_set_deployment_id (self, g_value_get_string (value));
      break;
    case PROP_WORK_QUEUE_NAME:
      pw_flow_run_set_work_queue_name (self, g_value_get_string (value));
      break;
    case PROP_PARAMETERS:
      pw_flow_run_set_parameters (self, g_value_get_string (value));
      break;
    case PROP_TAGS:
      pw_flow_run_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_PARENT_TASK_RUN_ID:
      pw_flow_run_set_parent_task_run_id (self, g_value_get_string (value));
      break;
    case PROP_IDEMPOTENCY_KEY:
      pw_flow_run_set_idempotency_key (self, g_value_get_string (value));
      break;
    case PROP_AUTO_SCHEDULED:
      pw_flow_run_set_auto_scheduled (self, g_value_get_boolean (value));
      break;
    case PROP_STATE:
      pw_flow_run_set_state (self, g_value_get_object (value));
      break;
    case PROP_RUN_COUNT:
      pw_flow_run_set_run_count (self, g_value_get_uint (value));
      break;
    case PROP_EXPECTED_START_TIME:
      pw_flow_run_set_expected_start_time (self, g_value_get_boxed (value));
      break;
    case PROP_NEXT_SCHEDULED_START_TIME:
      pw_flow_run_set_next_scheduled_start_time (self, g_value_get_boxed (value));
      break;
    case PROP_START_TIME:
      pw_flow_run_set_start_time (self, g_value_get_boxed (value));
      break;
    case PROP_END_TIME:
      pw_flow_run_set_end_time (self, g_value_get_boxed (value));
      break;
    case PROP_TOTAL_RUN_TIME:
      pw_flow_run_set_total_run_time (self, g_value_get_double (value));
      break;
    case PROP_CREATED:
      pw_flow_run_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_UPDATED:
      pw_flow_run_set_updated (self, g_value_get_boxed (value));
      break;
    case PROP_OWNER_HOST:
      pw_flow_run_set_owner_host (self, g_value_get_string (value));
      break;
    case PROP_OWNER_PID:
      pw_flow_run_set_owner_pid (self, g_value_get_int (value));
      break;
    case PROP_HEARTBEAT:
      pw_flow_run_set_heartbeat (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flow_run_class_init (PwFlowRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_flow_run_finalize;
  object_class->get_property = pw_flow_run_get_property;
  object_class->set_property = pw_flow_run_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FLOW_ID] =
    g_param_spec_string ("flow-id", NULL, NULL, NULL, flags);
  properties[PROP_FLOW_NAME] =
    g_param_spec_string ("flow-name", NULL, NULL, NULL, flags);
  properties[PROP_FLOW_VERSION] =
    g_param_spec_uint ("flow-version", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DEPLOYMENT_ID] =
    g_param_spec_string ("deployment-id", NULL, NULL, NULL, flags);
  properties[PROP_WORK_QUEUE_NAME] =
    g_param_spec_string ("work-queue-name", NULL, NULL, NULL, flags);
  properties[PROP_PARAMETERS] =
    g_param_spec_string ("parameters", NULL, NULL, NULL, flags);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_PARENT_TASK_RUN_ID] =
    g_param_spec_string ("parent-task-run-id", NULL, NULL, NULL, flags);
  properties[PROP_IDEMPOTENCY_KEY] =
    g_param_spec_string ("idempotency-key", NULL, NULL, NULL, flags);
  properties[PROP_AUTO_SCHEDULED] =
    g_param_spec_boolean ("auto-scheduled", NULL, NULL, FALSE, flags);
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, PW_TYPE_STATE, flags);
  properties[PROP_STATE_TYPE] =
    g_param_spec_enum ("state-type", NULL, NULL, PW_TYPE_STATE_TYPE, PW_STATE_TYPE_PENDING,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_NAME] =
    g_param_spec_string ("state-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUN_COUNT] =
    g_param_spec_uint ("run-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_EXPECTED_START_TIME] =
    g_param_spec_boxed ("expected-start-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NEXT_SCHEDULED_START_TIME] =
    g_param_spec_boxed ("next-scheduled-start-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_START_TIME] =
    g_param_spec_boxed ("start-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_END_TIME] =
    g_param_spec_boxed ("end-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_TOTAL_RUN_TIME] =
    g_param_spec_double ("total-run-time", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_OWNER_HOST] =
    g_param_spec_string ("owner-host", NULL, NULL, NULL, flags);
  properties[PROP_OWNER_PID] =
    g_param_spec_int ("owner-pid", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_HEARTBEAT] =
    g_param_spec_boxed ("heartbeat", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_flow_run_init (PwFlowRun *self)
{
  self->parameters = g_strdup ("{}");
}

/**
 * pw_flow_run_new:
 *
 * Creates an empty flow run record, to fill in and hand to
 * pw_store_create_flow_run().
 *
 * Returns: (transfer full): a new #PwFlowRun
 */
PwFlowRun *
pw_flow_run_new (void)
{
  return g_object_new (PW_TYPE_FLOW_RUN, NULL);
}

const char *
pw_flow_run_get_id (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->id;
}

void
pw_flow_run_set_id (PwFlowRun  *self,
                    const char *id)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * pw_flow_run_get_name:
 * @self: a #PwFlowRun
 *
 * Returns: the run's name, such as `crimson-otter`
 */
const char *
pw_flow_run_get_name (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->name;
}

void
pw_flow_run_set_name (PwFlowRun  *self,
                      const char *name)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pw_flow_run_get_flow_id (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->flow_id;
}

void
pw_flow_run_set_flow_id (PwFlowRun  *self,
                         const char *flow_id)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->flow_id, flow_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW_ID]);
}

/**
 * pw_flow_run_get_flow_name:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): the name of the run's flow, as read from the store
 */
const char *
pw_flow_run_get_flow_name (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->flow_name;
}

void
pw_flow_run_set_flow_name (PwFlowRun  *self,
                           const char *flow_name)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->flow_name, flow_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW_NAME]);
}

/**
 * pw_flow_run_get_flow_version:
 * @self: a #PwFlowRun
 *
 * Returns: the version of the flow the run runs (0: the latest when it
 *   is created)
 */
guint
pw_flow_run_get_flow_version (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), 0);
  return self->flow_version;
}

void
pw_flow_run_set_flow_version (PwFlowRun *self,
                              guint      flow_version)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (self->flow_version != flow_version)
    {
      self->flow_version = flow_version;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW_VERSION]);
    }
}

/**
 * pw_flow_run_get_deployment_id:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): the deployment that made the run
 */
const char *
pw_flow_run_get_deployment_id (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->deployment_id;
}

void
pw_flow_run_set_deployment_id (PwFlowRun  *self,
                               const char *deployment_id)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->deployment_id, deployment_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPLOYMENT_ID]);
}

/**
 * pw_flow_run_get_work_queue_name:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): the work queue the run waits in
 */
const char *
pw_flow_run_get_work_queue_name (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->work_queue_name;
}

void
pw_flow_run_set_work_queue_name (PwFlowRun  *self,
                                 const char *work_queue_name)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->work_queue_name, work_queue_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK_QUEUE_NAME]);
}

/**
 * pw_flow_run_get_parameters:
 * @self: a #PwFlowRun
 *
 * Returns: the run's parameters as JSON object text
 */
const char *
pw_flow_run_get_parameters (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->parameters;
}

void
pw_flow_run_set_parameters (PwFlowRun  *self,
                            const char *parameters)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->parameters, parameters))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARAMETERS]);
}

/**
 * pw_flow_run_get_tags:
 * @self: a #PwFlowRun
 *
 * Returns: (transfer none): the run's tags, never %NULL
 */
const char * const *
pw_flow_run_get_tags (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return pw_record_strv_or_empty (self->tags);
}

void
pw_flow_run_set_tags (PwFlowRun          *self,
                      const char * const *tags)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_strv (&self->tags, tags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * pw_flow_run_get_parent_task_run_id:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): for a sub-flow run, the task run that started it
 */
const char *
pw_flow_run_get_parent_task_run_id (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->parent_task_run_id;
}

void
pw_flow_run_set_parent_task_run_id (PwFlowRun  *self,
                                    const char *parent_task_run_id)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->parent_task_run_id, parent_task_run_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_TASK_RUN_ID]);
}

/**
 * pw_flow_run_get_idempotency_key:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): the key that makes creating the run twice create
 *   it once (per flow)
 */
const char *
pw_flow_run_get_idempotency_key (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->idempotency_key;
}

void
pw_flow_run_set_idempotency_key (PwFlowRun  *self,
                                 const char *idempotency_key)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->idempotency_key, idempotency_key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDEMPOTENCY_KEY]);
}

/**
 * pw_flow_run_get_auto_scheduled:
 * @self: a #PwFlowRun
 *
 * Returns: %TRUE if the scheduler made the run
 */
gboolean
pw_flow_run_get_auto_scheduled (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), FALSE);
  return self->auto_scheduled;
}

void
pw_flow_run_set_auto_scheduled (PwFlowRun *self,
                                gboolean   auto_scheduled)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  auto_scheduled = !!auto_scheduled;
  if (self->auto_scheduled != auto_scheduled)
    {
      self->auto_scheduled = auto_scheduled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_SCHEDULED]);
    }
}

/**
 * pw_flow_run_get_state:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): the run's current state
 */
PwState *
pw_flow_run_get_state (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->state;
}

void
pw_flow_run_set_state (PwFlowRun *self,
                       PwState   *state)
{
  PwStateType old_type;
  g_autofree char *old_name = NULL;

  g_return_if_fail (PW_IS_FLOW_RUN (self));
  g_return_if_fail (state == NULL || PW_IS_STATE (state));

  if (self->state == state)
    return;
  /* A stored state never changes: the same id is the same state. */
  if (self->state != NULL && state != NULL && pw_state_get_id (state) != NULL &&
      g_strcmp0 (pw_state_get_id (self->state), pw_state_get_id (state)) == 0)
    return;

  old_type = pw_flow_run_get_state_type (self);
  old_name = g_strdup (pw_flow_run_get_state_name (self));
  g_set_object (&self->state, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (old_type != pw_flow_run_get_state_type (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_TYPE]);
  if (g_strcmp0 (old_name, pw_flow_run_get_state_name (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_NAME]);
}

/**
 * pw_flow_run_get_state_type:
 * @self: a #PwFlowRun
 *
 * Returns: the type of the current state
 */
PwStateType
pw_flow_run_get_state_type (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), PW_STATE_TYPE_PENDING);
  return self->state != NULL ? pw_state_get_state_type (self->state) : PW_STATE_TYPE_PENDING;
}

/**
 * pw_flow_run_get_state_name:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): the name of the current state
 */
const char *
pw_flow_run_get_state_name (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->state != NULL ? pw_state_get_name (self->state) : NULL;
}

/**
 * pw_flow_run_get_run_count:
 * @self: a #PwFlowRun
 *
 * Returns: how many times the run entered RUNNING
 */
guint
pw_flow_run_get_run_count (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), 0);
  return self->run_count;
}

void
pw_flow_run_set_run_count (PwFlowRun *self,
                           guint      run_count)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (self->run_count != run_count)
    {
      self->run_count = run_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_COUNT]);
    }
}

/**
 * pw_flow_run_get_expected_start_time:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): when the run was meant to start
 */
GDateTime *
pw_flow_run_get_expected_start_time (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->expected_start_time;
}

void
pw_flow_run_set_expected_start_time (PwFlowRun *self,
                                     GDateTime *expected_start_time)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_date_time (&self->expected_start_time, expected_start_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPECTED_START_TIME]);
}

/**
 * pw_flow_run_get_next_scheduled_start_time:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): while SCHEDULED, when it is due
 */
GDateTime *
pw_flow_run_get_next_scheduled_start_time (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->next_scheduled_start_time;
}

void
pw_flow_run_set_next_scheduled_start_time (PwFlowRun *self,
                                           GDateTime *next_scheduled_start_time)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_date_time (&self->next_scheduled_start_time, next_scheduled_start_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_SCHEDULED_START_TIME]);
}

/**
 * pw_flow_run_get_start_time:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): when the run first entered RUNNING
 */
GDateTime *
pw_flow_run_get_start_time (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->start_time;
}

void
pw_flow_run_set_start_time (PwFlowRun *self,
                            GDateTime *start_time)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_date_time (&self->start_time, start_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
}

/**
 * pw_flow_run_get_end_time:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): when the run entered a terminal state
 */
GDateTime *
pw_flow_run_get_end_time (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->end_time;
}

void
pw_flow_run_set_end_time (PwFlowRun *self,
                          GDateTime *end_time)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_date_time (&self->end_time, end_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_TIME]);
}

/**
 * pw_flow_run_get_total_run_time:
 * @self: a #PwFlowRun
 *
 * Returns: the seconds spent RUNNING, over all attempts
 */
double
pw_flow_run_get_total_run_time (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), 0.0);
  return self->total_run_time;
}

void
pw_flow_run_set_total_run_time (PwFlowRun *self,
                                double     total_run_time)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (self->total_run_time != total_run_time)
    {
      self->total_run_time = total_run_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_RUN_TIME]);
    }
}

GDateTime *
pw_flow_run_get_created (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->created;
}

void
pw_flow_run_set_created (PwFlowRun *self,
                         GDateTime *created)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

GDateTime *
pw_flow_run_get_updated (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->updated;
}

void
pw_flow_run_set_updated (PwFlowRun *self,
                         GDateTime *updated)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_date_time (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

/**
 * pw_flow_run_get_owner_host:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): the host of the process that claimed the run
 */
const char *
pw_flow_run_get_owner_host (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->owner_host;
}

void
pw_flow_run_set_owner_host (PwFlowRun  *self,
                            const char *owner_host)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_string (&self->owner_host, owner_host))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_HOST]);
}

/**
 * pw_flow_run_get_owner_pid:
 * @self: a #PwFlowRun
 *
 * Returns: the process id that claimed the run, or 0
 */
int
pw_flow_run_get_owner_pid (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), 0);
  return self->owner_pid;
}

void
pw_flow_run_set_owner_pid (PwFlowRun *self,
                           int        owner_pid)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (self->owner_pid != owner_pid)
    {
      self->owner_pid = owner_pid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_PID]);
    }
}

/**
 * pw_flow_run_get_heartbeat:
 * @self: a #PwFlowRun
 *
 * Returns: (nullable): when the owner last said it was alive
 */
GDateTime *
pw_flow_run_get_heartbeat (PwFlowRun *self)
{
  g_return_val_if_fail (PW_IS_FLOW_RUN (self), NULL);
  return self->heartbeat;
}

void
pw_flow_run_set_heartbeat (PwFlowRun *self,
                           GDateTime *heartbeat)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  if (pw_record_set_date_time (&self->heartbeat, heartbeat))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEARTBEAT]);
}

/**
 * pw_flow_run_update_from:
 * @self: a #PwFlowRun
 * @other: a newer copy of the same record
 *
 * Takes every value of @other, notifying each property that changed, so
 * that a list keeps its objects (and whatever is bound to them) when a
 * record is read again.
 */
void
pw_flow_run_update_from (PwFlowRun *self,
                         PwFlowRun *other)
{
  g_return_if_fail (PW_IS_FLOW_RUN (self));
  g_return_if_fail (PW_IS_FLOW_RUN (other));

  g_object_freeze_notify (G_OBJECT (self));
  pw_flow_run_set_id (self, other->id);
  pw_flow_run_set_name (self, other->name);
  pw_flow_run_set_flow_id (self, other->flow_id);
  pw_flow_run_set_flow_name (self, other->flow_name);
  pw_flow_run_set_flow_version (self, other->flow_version);
  pw_flow_run_set_deployment_id (self, other->deployment_id);
  pw_flow_run_set_work_queue_name (self, other->work_queue_name);
  pw_flow_run_set_parameters (self, other->parameters);
  pw_flow_run_set_tags (self, (const char * const *)other->tags);
  pw_flow_run_set_parent_task_run_id (self, other->parent_task_run_id);
  pw_flow_run_set_idempotency_key (self, other->idempotency_key);
  pw_flow_run_set_auto_scheduled (self, other->auto_scheduled);
  pw_flow_run_set_state (self, other->state);
  pw_flow_run_set_run_count (self, other->run_count);
  pw_flow_run_set_expected_start_time (self, other->expected_start_time);
  pw_flow_run_set_next_scheduled_start_time (self, other->next_scheduled_start_time);
  pw_flow_run_set_start_time (self, other->start_time);
  pw_flow_run_set_end_time (self, other->end_time);
  pw_flow_run_set_total_run_time (self, other->total_run_time);
  pw_flow_run_set_created (self, other->created);
  pw_flow_run_set_updated (self, other->updated);
  pw_flow_run_set_owner_host (self, other->owner_host);
  pw_flow_run_set_owner_pid (self, other->owner_pid);
  pw_flow_run_set_heartbeat (self, other->heartbeat);
  g_object_thaw_notify (G_OBJECT (self));
}
