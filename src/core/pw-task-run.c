/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-task-run"

#include "config.h"

#include <json-glib/json-glib.h>

#include "pw-run-record-private.h"
#include "pw-task-run.h"

/*
 * PwTaskRun: one run of one task (one item of a mapped task) in a flow run,
 * with Prefect's TaskRun fields (API.md §7).
 */
struct _PwTaskRun
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *flow_run_id;
  char      *task_key;
  char      *dynamic_key;
  char      *cache_key;
  GDateTime *cache_expiration;
  GStrv      tags;
  char      *task_inputs;
  GStrv      upstream_ids;     /* parsed from task_inputs when asked for */
  gboolean   upstream_parsed;
  PwState   *state;
  guint      run_count;
  GDateTime *expected_start_time;
  GDateTime *next_scheduled_start_time;
  GDateTime *start_time;
  GDateTime *end_time;
  double     total_run_time;
  char      *result;
  gboolean   result_truncated;
  GDateTime *created;
  GDateTime *updated;
};

G_DEFINE_FINAL_TYPE (PwTaskRun, pw_task_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FLOW_RUN_ID,
  PROP_TASK_KEY,
  PROP_DYNAMIC_KEY,
  PROP_CACHE_KEY,
  PROP_CACHE_EXPIRATION,
  PROP_TAGS,
  PROP_TASK_INPUTS,
  PROP_STATE,
  PROP_STATE_TYPE,
  PROP_STATE_NAME,
  PROP_RUN_COUNT,
  PROP_EXPECTED_START_TIME,
  PROP_NEXT_SCHEDULED_START_TIME,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_TOTAL_RUN_TIME,
  PROP_RESULT,
  PROP_RESULT_TRUNCATED,
  PROP_CREATED,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_task_run_finalize (GObject *object)
{
  PwTaskRun *self = (PwTaskRun *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->flow_run_id, g_free);
  g_clear_pointer (&self->task_key, g_free);
  g_clear_pointer (&self->dynamic_key, g_free);
  g_clear_pointer (&self->cache_key, g_free);
  g_clear_pointer (&self->cache_expiration, g_date_time_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->task_inputs, g_free);
  g_clear_pointer (&self->upstream_ids, g_strfreev);
  g_clear_object (&self->state);
  g_clear_pointer (&self->expected_start_time, g_date_time_unref);
  g_clear_pointer (&self->next_scheduled_start_time, g_date_time_unref);
  g_clear_pointer (&self->start_time, g_date_time_unref);
  g_clear_pointer (&self->end_time, g_date_time_unref);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (pw_task_run_parent_class)->finalize (object);
}

static void
pw_task_run_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwTaskRun *self = PW_TASK_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FLOW_RUN_ID:
      g_value_set_string (value, self->flow_run_id);
      break;
    case PROP_TASK_KEY:
      g_value_set_string (value, self->task_key);
      break;
    case PROP_DYNAMIC_KEY:
      g_value_set_string (value, self->dynamic_key);
      break;
    case PROP_CACHE_KEY:
      g_value_set_string (value, self->cache_key);
      break;
    case PROP_CACHE_EXPIRATION:
      g_value_set_boxed (value, self->cache_expiration);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, pw_task_run_get_tags (self));
      break;
    case PROP_TASK_INPUTS:
      g_value_set_string (value, self->task_inputs);
      break;
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    case PROP_STATE_TYPE:
      g_value_set_enum (value, pw_task_run_get_state_type (self));
      break;
    case PROP_STATE_NAME:
      g_value_set_string (value, pw_task_run_get_state_name (self));
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
    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;
    case PROP_RESULT_TRUNCATED:
      g_value_set_boolean (value, self->result_truncated);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_task_run_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PwTaskRun *self = PW_TASK_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      pw_task_run_set_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      pw_task_run_set_name (self, g_value_get_string (value));
      break;
    case PROP_FLOW_RUN_ID:
      pw_task_run_set_flow_run_id (self, g_value_get_string (value));
      break;
    case PROP_TASK_KEY:
      pw_task_run_set_task_key (self, g_value_get_string (value));
      break;
    case PROP_DYNAMIC_KEY:
      pw_task_run_set_dynamic_key (self, g_value_get_string (value));
      break;
    case PROP_CACHE_KEY:
      pw_task_run_set_cache_key (self, g_value_get_string (value));
      break;
    case PROP_CACHE_EXPIRATION:
      pw_task_run_set_cache_expiration (self, g_value_get_boxed (value));
      break;
    case PROP_TAGS:
      pw_task_run_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_TASK_INPUTS:
      pw_task_run_set_task_inputs (self, g_value_get_string (value));
      break;
    case PROP_STATE:
      pw_task_run_set_state (self, g_value_get_object (value));
      break;
    case PROP_RUN_COUNT:
      pw_task_run_set_run_count (self, g_value_get_uint (value));
      break;
    case PROP_EXPECTED_START_TIME:
      pw_task_run_set_expected_start_time (self, g_value_get_boxed (value));
      break;
    case PROP_NEXT_SCHEDULED_START_TIME:
      pw_task_run_set_next_scheduled_start_time (self, g_value_get_boxed (value));
      break;
    case PROP_START_TIME:
      pw_task_run_set_start_time (self, g_value_get_boxed (value));
      break;
    case PROP_END_TIME:
      pw_task_run_set_end_time (self, g_value_get_boxed (value));
      break;
    case PROP_TOTAL_RUN_TIME:
      pw_task_run_set_total_run_time (self, g_value_get_double (value));
      break;
    case PROP_RESULT:
      pw_task_run_set_result (self, g_value_get_string (value));
      break;
    case PROP_RESULT_TRUNCATED:
      pw_task_run_set_result_truncated (self, g_value_get_boolean (value));
      break;
    case PROP_CREATED:
      pw_task_run_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_UPDATED:
      pw_task_run_set_updated (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_task_run_class_init (PwTaskRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_task_run_finalize;
  object_class->get_property = pw_task_run_get_property;
  object_class->set_property = pw_task_run_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FLOW_RUN_ID] =
    g_param_spec_string ("flow-run-id", NULL, NULL, NULL, flags);
  properties[PROP_TASK_KEY] =
    g_param_spec_string ("task-key", NULL, NULL, NULL, flags);
  properties[PROP_DYNAMIC_KEY] =
    g_param_spec_string ("dynamic-key", NULL, NULL, NULL, flags);
  properties[PROP_CACHE_KEY] =
    g_param_spec_string ("cache-key", NULL, NULL, NULL, flags);
  properties[PROP_CACHE_EXPIRATION] =
    g_param_spec_boxed ("cache-expiration", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_TASK_INPUTS] =
    g_param_spec_string ("task-inputs", NULL, NULL, NULL, flags);
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
  properties[PROP_RESULT] =
    g_param_spec_string ("result", NULL, NULL, NULL, flags);
  properties[PROP_RESULT_TRUNCATED] =
    g_param_spec_boolean ("result-truncated", NULL, NULL, FALSE, flags);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_task_run_init (PwTaskRun *self)
{
  self->task_inputs = g_strdup ("{}");
  self->dynamic_key = g_strdup ("0");
}

/**
 * pw_task_run_new:
 * @flow_run_id: (nullable): the flow run it belongs to
 * @task_key: the key of the task in its flow
 * @dynamic_key: (nullable): the map index, or %NULL for `"0"`
 *
 * Creates a task run record, to fill in and hand to
 * pw_store_create_task_run().
 *
 * Returns: (transfer full): a new #PwTaskRun
 */
PwTaskRun *
pw_task_run_new (const char *flow_run_id,
                 const char *task_key,
                 const char *dynamic_key)
{
  g_return_val_if_fail (task_key != NULL, NULL);

  return g_object_new (PW_TYPE_TASK_RUN,
                       "flow-run-id", flow_run_id,
                       "task-key", task_key,
                       "dynamic-key", dynamic_key != NULL ? dynamic_key : "0",
                       NULL);
}

const char *
pw_task_run_get_id (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->id;
}

void
pw_task_run_set_id (PwTaskRun  *self,
                    const char *id)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * pw_task_run_get_name:
 * @self: a #PwTaskRun
 *
 * Returns: the task run's name, such as `transform-0`
 */
const char *
pw_task_run_get_name (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->name;
}

void
pw_task_run_set_name (PwTaskRun  *self,
                      const char *name)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pw_task_run_get_flow_run_id (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->flow_run_id;
}

void
pw_task_run_set_flow_run_id (PwTaskRun  *self,
                             const char *flow_run_id)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_string (&self->flow_run_id, flow_run_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW_RUN_ID]);
}

/**
 * pw_task_run_get_task_key:
 * @self: a #PwTaskRun
 *
 * Returns: the key of the task in its flow
 */
const char *
pw_task_run_get_task_key (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->task_key;
}

void
pw_task_run_set_task_key (PwTaskRun  *self,
                          const char *task_key)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_string (&self->task_key, task_key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK_KEY]);
}

/**
 * pw_task_run_get_dynamic_key:
 * @self: a #PwTaskRun
 *
 * Returns: the map index (`"0"` for a task that is not mapped)
 */
const char *
pw_task_run_get_dynamic_key (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->dynamic_key;
}

void
pw_task_run_set_dynamic_key (PwTaskRun  *self,
                             const char *dynamic_key)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_string (&self->dynamic_key, dynamic_key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DYNAMIC_KEY]);
}

/**
 * pw_task_run_get_cache_key:
 * @self: a #PwTaskRun
 *
 * Returns: (nullable): the key its result is cached under
 */
const char *
pw_task_run_get_cache_key (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->cache_key;
}

void
pw_task_run_set_cache_key (PwTaskRun  *self,
                           const char *cache_key)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_string (&self->cache_key, cache_key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_KEY]);
}

/**
 * pw_task_run_get_cache_expiration:
 * @self: a #PwTaskRun
 *
 * Returns: (nullable): when its cached result expires
 */
GDateTime *
pw_task_run_get_cache_expiration (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->cache_expiration;
}

void
pw_task_run_set_cache_expiration (PwTaskRun *self,
                                  GDateTime *cache_expiration)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_date_time (&self->cache_expiration, cache_expiration))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_EXPIRATION]);
}

/**
 * pw_task_run_get_tags:
 * @self: a #PwTaskRun
 *
 * Returns: (transfer none): the task run's tags, never %NULL
 */
const char * const *
pw_task_run_get_tags (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return pw_record_strv_or_empty (self->tags);
}

void
pw_task_run_set_tags (PwTaskRun          *self,
                      const char * const *tags)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_strv (&self->tags, tags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * pw_task_run_get_task_inputs:
 * @self: a #PwTaskRun
 *
 * Returns: Prefect's `task_inputs`: JSON object text mapping each input
 *   to a list of `{"input_type": "task_run", "id": …}`
 */
const char *
pw_task_run_get_task_inputs (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->task_inputs;
}

void
pw_task_run_set_task_inputs (PwTaskRun  *self,
                             const char *task_inputs)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_string (&self->task_inputs, task_inputs))
    {
      g_clear_pointer (&self->upstream_ids, g_strfreev);
      self->upstream_parsed = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK_INPUTS]);
    }
}

/* Every task run named in @inputs, each once, in order. */
static GStrv
parse_upstream_ids (const char *inputs)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (inputs == NULL || *inputs == '\0')
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, inputs, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  builder = g_strv_builder_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (object, l->data);
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        continue;
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *input;
          const char *type, *id;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          input = json_node_get_object (element);
          type = json_object_get_string_member_with_default (input, "input_type", "task_run");
          id = json_object_get_string_member_with_default (input, "id", NULL);
          if (id != NULL && g_strcmp0 (type, "task_run") == 0 && g_hash_table_add (seen, (char *) id))
            g_strv_builder_add (builder, id);
        }
    }
  return g_hash_table_size (seen) > 0 ? g_strv_builder_end (builder) : NULL;
}

/**
 * pw_task_run_get_upstream_ids:
 * @self: a #PwTaskRun
 *
 * The task runs this one took as inputs: every `{"input_type": "task_run",
 * "id": …}` of its task inputs, under any parameter or `wait_for` (where
 * Pipewright's engine puts every upstream), each once, in order. Parsed
 * when first asked for and kept until the task inputs change, so that a
 * chart laying out 10,000 task runs again does not parse them again.
 *
 * Returns: (transfer none) (nullable): the ids, %NULL for none (or task
 *   inputs that are not a JSON object)
 */
const char * const *
pw_task_run_get_upstream_ids (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);

  if (!self->upstream_parsed)
    {
      self->upstream_ids = parse_upstream_ids (self->task_inputs);
      self->upstream_parsed = TRUE;
    }
  return (const char * const *) self->upstream_ids;
}

/**
 * pw_task_run_get_state:
 * @self: a #PwTaskRun
 *
 * Returns: (nullable): the task run's current state
 */
PwState *
pw_task_run_get_state (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->state;
}

void
pw_task_run_set_state (PwTaskRun *self,
                       PwState   *state)
{
  PwStateType old_type;
  g_autofree char *old_name = NULL;

  g_return_if_fail (PW_IS_TASK_RUN (self));
  g_return_if_fail (state == NULL || PW_IS_STATE (state));

  if (self->state == state)
    return;
  /* A stored state never changes: the same id is the same state. */
  if (self->state != NULL && state != NULL && pw_state_get_id (state) != NULL &&
      g_strcmp0 (pw_state_get_id (self->state), pw_state_get_id (state)) == 0)
    return;

  old_type = pw_task_run_get_state_type (self);
  old_name = g_strdup (pw_task_run_get_state_name (self));
  g_set_object (&self->state, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (old_type != pw_task_run_get_state_type (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_TYPE]);
  if (g_strcmp0 (old_name, pw_task_run_get_state_name (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_NAME]);
}

/**
 * pw_task_run_get_state_type:
 * @self: a #PwTaskRun
 *
 * Returns: the type of the current state
 */
PwStateType
pw_task_run_get_state_type (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), PW_STATE_TYPE_PENDING);
  return self->state != NULL ? pw_state_get_state_type (self->state) : PW_STATE_TYPE_PENDING;
}

/**
 * pw_task_run_get_state_name:
 * @self: a #PwTaskRun
 *
 * Returns: (nullable): the name of the current state
 */
const char *
pw_task_run_get_state_name (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->state != NULL ? pw_state_get_name (self->state) : NULL;
}

/**
 * pw_task_run_get_run_count:
 * @self: a #PwTaskRun
 *
 * Returns: how many attempts entered RUNNING
 */
guint
pw_task_run_get_run_count (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), 0);
  return self->run_count;
}

void
pw_task_run_set_run_count (PwTaskRun *self,
                           guint      run_count)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (self->run_count != run_count)
    {
      self->run_count = run_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_COUNT]);
    }
}

GDateTime *
pw_task_run_get_expected_start_time (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->expected_start_time;
}

void
pw_task_run_set_expected_start_time (PwTaskRun *self,
                                     GDateTime *expected_start_time)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_date_time (&self->expected_start_time, expected_start_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPECTED_START_TIME]);
}

/**
 * pw_task_run_get_next_scheduled_start_time:
 * @self: a #PwTaskRun
 *
 * Returns: (nullable): while waiting to retry, when it is due
 */
GDateTime *
pw_task_run_get_next_scheduled_start_time (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->next_scheduled_start_time;
}

void
pw_task_run_set_next_scheduled_start_time (PwTaskRun *self,
                                           GDateTime *next_scheduled_start_time)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_date_time (&self->next_scheduled_start_time, next_scheduled_start_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_SCHEDULED_START_TIME]);
}

/**
 * pw_task_run_get_start_time:
 * @self: a #PwTaskRun
 *
 * Returns: (nullable): when the task run first entered RUNNING
 */
GDateTime *
pw_task_run_get_start_time (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->start_time;
}

void
pw_task_run_set_start_time (PwTaskRun *self,
                            GDateTime *start_time)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_date_time (&self->start_time, start_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
}

/**
 * pw_task_run_get_end_time:
 * @self: a #PwTaskRun
 *
 * Returns: (nullable): when it entered a terminal state
 */
GDateTime *
pw_task_run_get_end_time (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->end_time;
}

void
pw_task_run_set_end_time (PwTaskRun *self,
                          GDateTime *end_time)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_date_time (&self->end_time, end_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_TIME]);
}

/**
 * pw_task_run_get_total_run_time:
 * @self: a #PwTaskRun
 *
 * Returns: the seconds spent RUNNING, over all attempts
 */
double
pw_task_run_get_total_run_time (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), 0.0);
  return self->total_run_time;
}

void
pw_task_run_set_total_run_time (PwTaskRun *self,
                                double     total_run_time)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (self->total_run_time != total_run_time)
    {
      self->total_run_time = total_run_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_RUN_TIME]);
    }
}

/**
 * pw_task_run_get_result:
 * @self: a #PwTaskRun
 *
 * Returns: (nullable): the stored result, perhaps cut (see
 *   #PwTaskRun:result-truncated)
 */
const char *
pw_task_run_get_result (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->result;
}

void
pw_task_run_set_result (PwTaskRun  *self,
                        const char *result)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_string (&self->result, result))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/**
 * pw_task_run_get_result_truncated:
 * @self: a #PwTaskRun
 *
 * Returns: %TRUE if the result was longer than the store keeps
 */
gboolean
pw_task_run_get_result_truncated (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), FALSE);
  return self->result_truncated;
}

void
pw_task_run_set_result_truncated (PwTaskRun *self,
                                  gboolean   result_truncated)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  result_truncated = !!result_truncated;
  if (self->result_truncated != result_truncated)
    {
      self->result_truncated = result_truncated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT_TRUNCATED]);
    }
}

GDateTime *
pw_task_run_get_created (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->created;
}

void
pw_task_run_set_created (PwTaskRun *self,
                         GDateTime *created)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

GDateTime *
pw_task_run_get_updated (PwTaskRun *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUN (self), NULL);
  return self->updated;
}

void
pw_task_run_set_updated (PwTaskRun *self,
                         GDateTime *updated)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  if (pw_record_set_date_time (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

/**
 * pw_task_run_update_from:
 * @self: a #PwTaskRun
 * @other: a newer copy of the same record
 *
 * Takes every value of @other, notifying each property that changed, so
 * that a list keeps its objects (and whatever is bound to them) when a
 * record is read again.
 */
void
pw_task_run_update_from (PwTaskRun *self,
                         PwTaskRun *other)
{
  g_return_if_fail (PW_IS_TASK_RUN (self));
  g_return_if_fail (PW_IS_TASK_RUN (other));

  g_object_freeze_notify (G_OBJECT (self));
  pw_task_run_set_id (self, other->id);
  pw_task_run_set_name (self, other->name);
  pw_task_run_set_flow_run_id (self, other->flow_run_id);
  pw_task_run_set_task_key (self, other->task_key);
  pw_task_run_set_dynamic_key (self, other->dynamic_key);
  pw_task_run_set_cache_key (self, other->cache_key);
  pw_task_run_set_cache_expiration (self, other->cache_expiration);
  pw_task_run_set_tags (self, (const char * const *)other->tags);
  pw_task_run_set_task_inputs (self, other->task_inputs);
  pw_task_run_set_state (self, other->state);
  pw_task_run_set_run_count (self, other->run_count);
  pw_task_run_set_expected_start_time (self, other->expected_start_time);
  pw_task_run_set_next_scheduled_start_time (self, other->next_scheduled_start_time);
  pw_task_run_set_start_time (self, other->start_time);
  pw_task_run_set_end_time (self, other->end_time);
  pw_task_run_set_total_run_time (self, other->total_run_time);
  pw_task_run_set_result (self, other->result);
  pw_task_run_set_result_truncated (self, other->result_truncated);
  pw_task_run_set_created (self, other->created);
  pw_task_run_set_updated (self, other->updated);
  g_object_thaw_notify (G_OBJECT (self));
}
