/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow"

#include "config.h"

#include "pw-enum-types.h"
#include "pw-flow-private.h"
#include "pw-task-private.h"

/*
 * PwFlow: a named DAG of tasks with its parameters, task runner, defaults
 * and notification rules. The tasks are a GListModel for views; the flow
 * also keeps them in a plain array and indexes them by key, because the
 * graph code and the validator walk 10,000 tasks and must not pay for
 * g_list_model_get_item() and reference counting on each step.
 *
 * The key index is rebuilt lazily: when a key changes or a task leaves, it
 * is dropped and rebuilt on the next lookup. With duplicate keys (which
 * validation reports) the first task in order wins.
 */
struct _PwFlow
{
  GObject           parent_instance;

  char             *name;
  char             *description;
  GStrv             tags;

  PwTaskRunnerKind  task_runner_kind;
  guint             max_workers;

  int               default_retries;
  int               default_retry_delay_seconds;
  int               default_timeout_seconds;

  GListStore       *parameters;
  GListStore       *notifications;

  GListStore       *task_store;
  GPtrArray        *tasks;
  GHashTable       *by_key;
  gboolean          by_key_valid;
};

G_DEFINE_FINAL_TYPE (PwFlow, pw_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_TAGS,
  PROP_TASK_RUNNER_KIND,
  PROP_MAX_WORKERS,
  PROP_DEFAULT_RETRIES,
  PROP_DEFAULT_RETRY_DELAY_SECONDS,
  PROP_DEFAULT_TIMEOUT_SECONDS,
  PROP_PARAMETERS,
  PROP_NOTIFICATIONS,
  PROP_TASKS,
  PROP_N_TASKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static void
release_task (gpointer data)
{
  PwTask *task = data;

  _pw_task_set_owner (task, NULL);
  g_object_unref (task);
}

static void
pw_flow_dispose (GObject *object)
{
  PwFlow *self = (PwFlow *)object;

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_object (&self->task_store);
  g_clear_object (&self->parameters);
  g_clear_object (&self->notifications);

  G_OBJECT_CLASS (pw_flow_parent_class)->dispose (object);
}

static void
pw_flow_finalize (GObject *object)
{
  PwFlow *self = (PwFlow *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (pw_flow_parent_class)->finalize (object);
}

static void
pw_flow_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PwFlow *self = PW_FLOW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, pw_flow_get_tags (self));
      break;
    case PROP_TASK_RUNNER_KIND:
      g_value_set_enum (value, self->task_runner_kind);
      break;
    case PROP_MAX_WORKERS:
      g_value_set_uint (value, self->max_workers);
      break;
    case PROP_DEFAULT_RETRIES:
      g_value_set_int (value, self->default_retries);
      break;
    case PROP_DEFAULT_RETRY_DELAY_SECONDS:
      g_value_set_int (value, self->default_retry_delay_seconds);
      break;
    case PROP_DEFAULT_TIMEOUT_SECONDS:
      g_value_set_int (value, self->default_timeout_seconds);
      break;
    case PROP_PARAMETERS:
      g_value_set_object (value, self->parameters);
      break;
    case PROP_NOTIFICATIONS:
      g_value_set_object (value, self->notifications);
      break;
    case PROP_TASKS:
      g_value_set_object (value, self->task_store);
      break;
    case PROP_N_TASKS:
      g_value_set_uint (value, self->tasks->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flow_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  PwFlow *self = PW_FLOW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pw_flow_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      pw_flow_set_description (self, g_value_get_string (value));
      break;
    case PROP_TAGS:
      pw_flow_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_TASK_RUNNER_KIND:
      pw_flow_set_task_runner_kind (self, g_value_get_enum (value));
      break;
    case PROP_MAX_WORKERS:
      pw_flow_set_max_workers (self, g_value_get_uint (value));
      break;
    case PROP_DEFAULT_RETRIES:
      pw_flow_set_default_retries (self, g_value_get_int (value));
      break;
    case PROP_DEFAULT_RETRY_DELAY_SECONDS:
      pw_flow_set_default_retry_delay_seconds (self, g_value_get_int (value));
      break;
    case PROP_DEFAULT_TIMEOUT_SECONDS:
      pw_flow_set_default_timeout_seconds (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
pw_flow_class_init (PwFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_flow_dispose;
  object_class->finalize = pw_flow_finalize;
  object_class->get_property = pw_flow_get_property;
  object_class->set_property = pw_flow_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PROP_TASK_RUNNER_KIND] =
    g_param_spec_enum ("task-runner-kind", NULL, NULL, PW_TYPE_TASK_RUNNER_KIND,
                       PW_TASK_RUNNER_KIND_CONCURRENT, RW_FLAGS);
  properties[PROP_MAX_WORKERS] =
    g_param_spec_uint ("max-workers", NULL, NULL, 0, G_MAXINT, 0, RW_FLAGS);
  properties[PROP_DEFAULT_RETRIES] =
    g_param_spec_int ("default-retries", NULL, NULL, 0, G_MAXINT, 0, RW_FLAGS);
  properties[PROP_DEFAULT_RETRY_DELAY_SECONDS] =
    g_param_spec_int ("default-retry-delay-seconds", NULL, NULL, 0, G_MAXINT,
                      PW_FLOW_DEFAULT_RETRY_DELAY_SECONDS, RW_FLAGS);
  properties[PROP_DEFAULT_TIMEOUT_SECONDS] =
    g_param_spec_int ("default-timeout-seconds", NULL, NULL, 0, G_MAXINT, 0, RW_FLAGS);
  properties[PROP_PARAMETERS] =
    g_param_spec_object ("parameters", NULL, NULL, G_TYPE_LIST_MODEL, RO_FLAGS);
  properties[PROP_NOTIFICATIONS] =
    g_param_spec_object ("notifications", NULL, NULL, G_TYPE_LIST_MODEL, RO_FLAGS);
  properties[PROP_TASKS] =
    g_param_spec_object ("tasks", NULL, NULL, G_TYPE_LIST_MODEL, RO_FLAGS);
  properties[PROP_N_TASKS] =
    g_param_spec_uint ("n-tasks", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_flow_init (PwFlow *self)
{
  self->task_runner_kind = PW_TASK_RUNNER_KIND_CONCURRENT;
  self->default_retry_delay_seconds = PW_FLOW_DEFAULT_RETRY_DELAY_SECONDS;
  self->parameters = g_list_store_new (PW_TYPE_PARAMETER);
  self->notifications = g_list_store_new (PW_TYPE_NOTIFICATION_RULE);
  self->task_store = g_list_store_new (PW_TYPE_TASK);
  self->tasks = g_ptr_array_new_with_free_func (release_task);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_key_valid = TRUE;
}

/**
 * pw_flow_new:
 * @name: the flow's name, unique in a library
 *
 * Creates an empty flow: no tasks, no parameters, the concurrent task
 * runner, no retries, a 10 s retry delay and no timeout.
 *
 * Returns: (transfer full): a new #PwFlow
 */
PwFlow *
pw_flow_new (const char *name)
{
  PwFlow *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (PW_TYPE_FLOW, NULL);
  self->name = g_strdup (name);

  return self;
}

/**
 * pw_flow_copy:
 * @self: a #PwFlow
 *
 * Copies the flow with copies of all its tasks, parameters and rules, so
 * that an editor can change the copy and throw it away.
 *
 * Returns: (transfer full): a new #PwFlow equal to @self
 */
PwFlow *
pw_flow_copy (PwFlow *self)
{
  PwFlow *copy;
  g_autoptr(GPtrArray) tasks = NULL;
  guint n;

  g_return_val_if_fail (PW_IS_FLOW (self), NULL);

  copy = pw_flow_new (self->name);
  copy->description = g_strdup (self->description);
  copy->tags = g_strdupv (self->tags);
  copy->task_runner_kind = self->task_runner_kind;
  copy->max_workers = self->max_workers;
  copy->default_retries = self->default_retries;
  copy->default_retry_delay_seconds = self->default_retry_delay_seconds;
  copy->default_timeout_seconds = self->default_timeout_seconds;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->parameters));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwParameter) parameter = g_list_model_get_item (G_LIST_MODEL (self->parameters), i);
      g_autoptr(PwParameter) parameter_copy = pw_parameter_copy (parameter);

      g_list_store_append (copy->parameters, parameter_copy);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->notifications));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwNotificationRule) rule = NULL;
      g_autoptr(PwNotificationRule) rule_copy = NULL;

      rule = g_list_model_get_item (G_LIST_MODEL (self->notifications), i);
      rule_copy = pw_notification_rule_copy (rule);
      g_list_store_append (copy->notifications, rule_copy);
    }

  tasks = g_ptr_array_new_full (self->tasks->len, g_object_unref);
  for (guint i = 0; i < self->tasks->len; i++)
    g_ptr_array_add (tasks, pw_task_copy (g_ptr_array_index (self->tasks, i)));
  _pw_flow_append_tasks (copy, tasks);

  return copy;
}

/**
 * pw_flow_get_name:
 * @self: a #PwFlow
 *
 * Returns: the flow's name
 */
const char *
pw_flow_get_name (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), NULL);
  return self->name;
}

/**
 * pw_flow_set_name:
 * @self: a #PwFlow
 * @name: the new name
 */
void
pw_flow_set_name (PwFlow     *self,
                  const char *name)
{
  g_return_if_fail (PW_IS_FLOW (self));
  g_return_if_fail (name != NULL);

  if (_pw_task_replace_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * pw_flow_get_description:
 * @self: a #PwFlow
 *
 * Returns: (nullable): the description
 */
const char *
pw_flow_get_description (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), NULL);
  return self->description;
}

/**
 * pw_flow_set_description:
 * @self: a #PwFlow
 * @description: (nullable): the new description
 */
void
pw_flow_set_description (PwFlow     *self,
                         const char *description)
{
  g_return_if_fail (PW_IS_FLOW (self));

  if (_pw_task_replace_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * pw_flow_get_tags:
 * @self: a #PwFlow
 *
 * Returns: (array zero-terminated=1) (transfer none): the tags, never %NULL
 */
const char * const *
pw_flow_get_tags (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), NULL);
  return self->tags != NULL ? (const char * const *) self->tags : empty_strv;
}

/**
 * pw_flow_set_tags:
 * @self: a #PwFlow
 * @tags: (nullable) (array zero-terminated=1): the tags
 */
void
pw_flow_set_tags (PwFlow             *self,
                  const char * const *tags)
{
  g_return_if_fail (PW_IS_FLOW (self));

  if (_pw_task_replace_strv (&self->tags, tags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * pw_flow_get_task_runner_kind:
 * @self: a #PwFlow
 *
 * Returns: how the engine runs ready tasks
 */
PwTaskRunnerKind
pw_flow_get_task_runner_kind (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), PW_TASK_RUNNER_KIND_CONCURRENT);
  return self->task_runner_kind;
}

/**
 * pw_flow_set_task_runner_kind:
 * @self: a #PwFlow
 * @kind: a #PwTaskRunnerKind
 */
void
pw_flow_set_task_runner_kind (PwFlow           *self,
                              PwTaskRunnerKind  kind)
{
  g_return_if_fail (PW_IS_FLOW (self));
  g_return_if_fail (kind <= PW_TASK_RUNNER_KIND_CONCURRENT);

  if (self->task_runner_kind == kind)
    return;

  self->task_runner_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK_RUNNER_KIND]);
}

/**
 * pw_flow_get_max_workers:
 * @self: a #PwFlow
 *
 * Returns: how many tasks the concurrent runner runs at once; 0 means one
 *   per processor (`null` in files)
 */
guint
pw_flow_get_max_workers (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), 0);
  return self->max_workers;
}

/**
 * pw_flow_set_max_workers:
 * @self: a #PwFlow
 * @max_workers: a count, or 0 for one per processor
 */
void
pw_flow_set_max_workers (PwFlow *self,
                         guint   max_workers)
{
  g_return_if_fail (PW_IS_FLOW (self));
  g_return_if_fail (max_workers <= G_MAXINT);

  if (self->max_workers == max_workers)
    return;

  self->max_workers = max_workers;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_WORKERS]);
}

/**
 * pw_flow_get_default_retries:
 * @self: a #PwFlow
 *
 * Returns: the retries of tasks that do not set their own
 */
int
pw_flow_get_default_retries (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), 0);
  return self->default_retries;
}

/**
 * pw_flow_set_default_retries:
 * @self: a #PwFlow
 * @retries: 0 or more
 */
void
pw_flow_set_default_retries (PwFlow *self,
                             int     retries)
{
  g_return_if_fail (PW_IS_FLOW (self));
  g_return_if_fail (retries >= 0);

  if (self->default_retries == retries)
    return;

  self->default_retries = retries;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_RETRIES]);
}

/**
 * pw_flow_get_default_retry_delay_seconds:
 * @self: a #PwFlow
 *
 * Returns: the retry delay of tasks that do not set their own
 */
int
pw_flow_get_default_retry_delay_seconds (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), 0);
  return self->default_retry_delay_seconds;
}

/**
 * pw_flow_set_default_retry_delay_seconds:
 * @self: a #PwFlow
 * @seconds: 0 or more
 */
void
pw_flow_set_default_retry_delay_seconds (PwFlow *self,
                                         int     seconds)
{
  g_return_if_fail (PW_IS_FLOW (self));
  g_return_if_fail (seconds >= 0);

  if (self->default_retry_delay_seconds == seconds)
    return;

  self->default_retry_delay_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_RETRY_DELAY_SECONDS]);
}

/**
 * pw_flow_get_default_timeout_seconds:
 * @self: a #PwFlow
 *
 * Returns: the timeout of tasks that do not set their own; 0 for none
 */
int
pw_flow_get_default_timeout_seconds (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), 0);
  return self->default_timeout_seconds;
}

/**
 * pw_flow_set_default_timeout_seconds:
 * @self: a #PwFlow
 * @seconds: seconds, or 0 for no timeout
 */
void
pw_flow_set_default_timeout_seconds (PwFlow *self,
                                     int     seconds)
{
  g_return_if_fail (PW_IS_FLOW (self));
  g_return_if_fail (seconds >= 0);

  if (self->default_timeout_seconds == seconds)
    return;

  self->default_timeout_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_TIMEOUT_SECONDS]);
}

/**
 * pw_flow_get_parameters:
 * @self: a #PwFlow
 *
 * Returns: (transfer none): a #GListModel of #PwParameter
 */
GListModel *
pw_flow_get_parameters (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), NULL);
  return G_LIST_MODEL (self->parameters);
}

/**
 * pw_flow_get_parameter:
 * @self: a #PwFlow
 * @name: a parameter name
 *
 * Returns: (transfer none) (nullable): the first parameter named @name
 */
PwParameter *
pw_flow_get_parameter (PwFlow     *self,
                       const char *name)
{
  guint n;

  g_return_val_if_fail (PW_IS_FLOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->parameters));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwParameter) parameter = g_list_model_get_item (G_LIST_MODEL (self->parameters), i);

      if (g_strcmp0 (pw_parameter_get_name (parameter), name) == 0)
        return parameter;
    }

  return NULL;
}

/**
 * pw_flow_add_parameter:
 * @self: a #PwFlow
 * @parameter: a #PwParameter
 *
 * Appends @parameter. A second parameter with the same name is kept, and
 * reported by validation.
 */
void
pw_flow_add_parameter (PwFlow      *self,
                       PwParameter *parameter)
{
  g_return_if_fail (PW_IS_FLOW (self));
  g_return_if_fail (PW_IS_PARAMETER (parameter));

  g_list_store_append (self->parameters, parameter);
}

/**
 * pw_flow_remove_parameter:
 * @self: a #PwFlow
 * @parameter: a #PwParameter of @self
 *
 * Returns: %TRUE if @parameter was found and removed
 */
gboolean
pw_flow_remove_parameter (PwFlow      *self,
                          PwParameter *parameter)
{
  guint position;

  g_return_val_if_fail (PW_IS_FLOW (self), FALSE);
  g_return_val_if_fail (PW_IS_PARAMETER (parameter), FALSE);

  if (!g_list_store_find (self->parameters, parameter, &position))
    return FALSE;

  g_list_store_remove (self->parameters, position);
  return TRUE;
}

/**
 * pw_flow_get_notifications:
 * @self: a #PwFlow
 *
 * Returns: (transfer none): a #GListModel of #PwNotificationRule
 */
GListModel *
pw_flow_get_notifications (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), NULL);
  return G_LIST_MODEL (self->notifications);
}

/**
 * pw_flow_add_notification:
 * @self: a #PwFlow
 * @rule: a #PwNotificationRule
 */
void
pw_flow_add_notification (PwFlow             *self,
                          PwNotificationRule *rule)
{
  g_return_if_fail (PW_IS_FLOW (self));
  g_return_if_fail (PW_IS_NOTIFICATION_RULE (rule));

  g_list_store_append (self->notifications, rule);
}

/**
 * pw_flow_remove_notification:
 * @self: a #PwFlow
 * @rule: a #PwNotificationRule of @self
 *
 * Returns: %TRUE if @rule was found and removed
 */
gboolean
pw_flow_remove_notification (PwFlow             *self,
                             PwNotificationRule *rule)
{
  guint position;

  g_return_val_if_fail (PW_IS_FLOW (self), FALSE);
  g_return_val_if_fail (PW_IS_NOTIFICATION_RULE (rule), FALSE);

  if (!g_list_store_find (self->notifications, rule, &position))
    return FALSE;

  g_list_store_remove (self->notifications, position);
  return TRUE;
}

/**
 * pw_flow_get_tasks:
 * @self: a #PwFlow
 *
 * Returns: (transfer none): a #GListModel of #PwTask, in file order
 */
GListModel *
pw_flow_get_tasks (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), NULL);
  return G_LIST_MODEL (self->task_store);
}

/**
 * pw_flow_get_n_tasks:
 * @self: a #PwFlow
 *
 * Returns: the number of tasks
 */
guint
pw_flow_get_n_tasks (PwFlow *self)
{
  g_return_val_if_fail (PW_IS_FLOW (self), 0);
  return self->tasks->len;
}

static void
ensure_index (PwFlow *self)
{
  if (self->by_key_valid)
    return;

  g_hash_table_remove_all (self->by_key);
  for (guint i = 0; i < self->tasks->len; i++)
    {
      PwTask *task = g_ptr_array_index (self->tasks, i);

      if (!g_hash_table_contains (self->by_key, task->key))
        g_hash_table_insert (self->by_key, task->key, task);
    }

  self->by_key_valid = TRUE;
}

static void
invalidate_index (PwFlow *self)
{
  /* The table borrows the tasks' key strings, and a changed key has been
   * freed already: drop every entry without looking at the keys. */
  g_hash_table_remove_all (self->by_key);
  self->by_key_valid = FALSE;
}

/**
 * pw_flow_get_task:
 * @self: a #PwFlow
 * @key: a task key
 *
 * Looks a task up by key, in constant time.
 *
 * Returns: (transfer none) (nullable): the task, or %NULL
 */
PwTask *
pw_flow_get_task (PwFlow     *self,
                  const char *key)
{
  g_return_val_if_fail (PW_IS_FLOW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  ensure_index (self);
  return g_hash_table_lookup (self->by_key, key);
}

/**
 * pw_flow_insert_task:
 * @self: a #PwFlow
 * @position: where to insert; past the end appends
 * @task: a #PwTask that belongs to no flow
 *
 * Inserts @task (for undo, which puts a removed task back where it was).
 * The flow takes a reference. A task whose key is already used is kept,
 * and reported by validation.
 */
void
pw_flow_insert_task (PwFlow *self,
                     guint   position,
                     PwTask *task)
{
  g_return_if_fail (PW_IS_FLOW (self));
  g_return_if_fail (PW_IS_TASK (task));
  g_return_if_fail (task->owner == NULL);

  position = MIN (position, self->tasks->len);

  _pw_task_set_owner (task, self);
  g_ptr_array_insert (self->tasks, position, g_object_ref (task));

  if (position == self->tasks->len - 1)
    {
      if (self->by_key_valid && !g_hash_table_contains (self->by_key, task->key))
        g_hash_table_insert (self->by_key, task->key, task);
    }
  else
    {
      invalidate_index (self);
    }

  g_list_store_insert (self->task_store, position, task);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TASKS]);
}

/**
 * pw_flow_add_task:
 * @self: a #PwFlow
 * @task: a #PwTask that belongs to no flow
 *
 * Appends @task. The flow takes a reference.
 */
void
pw_flow_add_task (PwFlow *self,
                  PwTask *task)
{
  g_return_if_fail (PW_IS_FLOW (self));

  pw_flow_insert_task (self, G_MAXUINT, task);
}

/**
 * pw_flow_remove_task:
 * @self: a #PwFlow
 * @task: a #PwTask of @self
 *
 * Removes @task. Other tasks that name it in `after` or in templates are
 * left as they are; validation reports them.
 *
 * Returns: %TRUE if @task was found and removed
 */
gboolean
pw_flow_remove_task (PwFlow *self,
                     PwTask *task)
{
  guint position;

  g_return_val_if_fail (PW_IS_FLOW (self), FALSE);
  g_return_val_if_fail (PW_IS_TASK (task), FALSE);

  if (task->owner != self || !g_ptr_array_find (self->tasks, task, &position))
    return FALSE;

  /* Keep the task alive until the list model has let it go too. */
  g_object_ref (task);
  invalidate_index (self);
  g_ptr_array_remove_index (self->tasks, position);
  g_list_store_remove (self->task_store, position);
  g_object_unref (task);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TASKS]);
  return TRUE;
}

/**
 * pw_flow_get_task_retries:
 * @self: a #PwFlow
 * @task: a #PwTask
 *
 * Returns: the retries @task gets: its own, or the flow's default
 */
int
pw_flow_get_task_retries (PwFlow *self,
                          PwTask *task)
{
  g_return_val_if_fail (PW_IS_FLOW (self), 0);
  g_return_val_if_fail (PW_IS_TASK (task), 0);

  return task->retries != PW_TASK_INHERIT ? task->retries : self->default_retries;
}

/**
 * pw_flow_get_task_retry_delay_seconds:
 * @self: a #PwFlow
 * @task: a #PwTask
 *
 * Returns: the first retry delay @task gets: its own, or the flow's default
 */
int
pw_flow_get_task_retry_delay_seconds (PwFlow *self,
                                      PwTask *task)
{
  g_return_val_if_fail (PW_IS_FLOW (self), 0);
  g_return_val_if_fail (PW_IS_TASK (task), 0);

  return task->retry_delay_seconds != PW_TASK_INHERIT
    ? task->retry_delay_seconds
    : self->default_retry_delay_seconds;
}

/**
 * pw_flow_get_task_timeout_seconds:
 * @self: a #PwFlow
 * @task: a #PwTask
 *
 * Returns: the timeout @task gets, its own or the flow's default; 0 for none
 */
int
pw_flow_get_task_timeout_seconds (PwFlow *self,
                                  PwTask *task)
{
  g_return_val_if_fail (PW_IS_FLOW (self), 0);
  g_return_val_if_fail (PW_IS_TASK (task), 0);

  return task->timeout_seconds != PW_TASK_INHERIT
    ? task->timeout_seconds
    : self->default_timeout_seconds;
}

void
_pw_flow_task_key_changed (PwFlow *self,
                           PwTask *task)
{
  invalidate_index (self);
}

PwTask **
_pw_flow_peek_tasks (PwFlow *self,
                     guint  *n_tasks)
{
  *n_tasks = self->tasks->len;
  return (PwTask **) self->tasks->pdata;
}

/* Appends every task of @tasks at once: one items-changed, one notify. */
void
_pw_flow_append_tasks (PwFlow    *self,
                     GPtrArray *tasks)
{
  guint position = self->tasks->len;

  if (tasks->len == 0)
    return;

  for (guint i = 0; i < tasks->len; i++)
    {
      PwTask *task = g_ptr_array_index (tasks, i);

      g_assert (task->owner == NULL);
      _pw_task_set_owner (task, self);
      g_ptr_array_add (self->tasks, g_object_ref (task));

      if (self->by_key_valid && !g_hash_table_contains (self->by_key, task->key))
        g_hash_table_insert (self->by_key, task->key, task);
    }

  g_list_store_splice (self->task_store, position, 0, tasks->pdata, tasks->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TASKS]);
}
