/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-task"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-enum-types.h"
#include "pw-flow-private.h"
#include "pw-json-util.h"
#include "pw-task-private.h"

/*
 * PwTask: one node of a flow. This file holds the object, its identity
 * (key, name, kind) and its place on the canvas; pw-task-common.c holds
 * the members that say how and when any task runs, pw-task-kinds.c the
 * members of one kind (command, script, HTTP request, sub-flow).
 */

G_DEFINE_FINAL_TYPE (PwTask, pw_task, G_TYPE_OBJECT)

GParamSpec *_pw_task_properties[PW_TASK_N_PROPS];
#define properties _pw_task_properties

static const char * const empty_strv[] = { NULL };

const char * const *
_pw_task_strv_or_empty (GStrv strv)
{
  return strv != NULL ? (const char * const *) strv : empty_strv;
}

/* Both helpers return TRUE when the field changed. An empty array is kept
 * as NULL, so that 10,000 tasks without tags cost nothing. */
gboolean
_pw_task_replace_str (char       **field,
                      const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
_pw_task_replace_strv (GStrv              *field,
                       const char * const *value)
{
  if (value != NULL && value[0] == NULL)
    value = NULL;

  if (g_strv_equal (_pw_task_strv_or_empty (*field), _pw_task_strv_or_empty ((GStrv) value)))
    return FALSE;

  g_strfreev (*field);
  *field = value != NULL ? g_strdupv ((char **) value) : NULL;
  return TRUE;
}

void
_pw_task_notify (PwTask *self,
                 guint   prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_pw_task_set_owner (PwTask   *self,
                    gpointer  owner)
{
  self->owner = owner;
}

static void
pw_task_finalize (GObject *object)
{
  PwTask *self = (PwTask *)object;

  g_free (self->key);
  g_free (self->name);
  g_strfreev (self->command);
  g_free (self->script);
  g_free (self->method);
  g_free (self->url);
  g_strfreev (self->headers);
  g_free (self->body);
  g_free (self->flow_name);
  g_clear_pointer (&self->parameters, json_node_unref);
  g_strfreev (self->after);
  g_strfreev (self->tags);
  g_strfreev (self->env);
  g_free (self->workdir);
  g_free (self->map);

  G_OBJECT_CLASS (pw_task_parent_class)->finalize (object);
}

static void
pw_task_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PwTask *self = PW_TASK (object);

  switch (prop_id)
    {
    case PW_TASK_PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PW_TASK_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PW_TASK_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PW_TASK_PROP_COMMAND:
      g_value_set_boxed (value, pw_task_get_command (self));
      break;
    case PW_TASK_PROP_SCRIPT:
      g_value_set_string (value, self->script);
      break;
    case PW_TASK_PROP_METHOD:
      g_value_set_string (value, pw_task_get_method (self));
      break;
    case PW_TASK_PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PW_TASK_PROP_HEADERS:
      g_value_set_boxed (value, pw_task_get_headers (self));
      break;
    case PW_TASK_PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PW_TASK_PROP_FLOW_NAME:
      g_value_set_string (value, self->flow_name);
      break;
    case PW_TASK_PROP_PARAMETERS:
      g_value_set_boxed (value, self->parameters);
      break;
    case PW_TASK_PROP_AFTER:
      g_value_set_boxed (value, pw_task_get_after (self));
      break;
    case PW_TASK_PROP_RETRIES:
      g_value_set_int (value, self->retries);
      break;
    case PW_TASK_PROP_RETRY_DELAY_SECONDS:
      g_value_set_int (value, self->retry_delay_seconds);
      break;
    case PW_TASK_PROP_RETRY_BACKOFF:
      g_value_set_double (value, self->retry_backoff);
      break;
    case PW_TASK_PROP_RETRY_JITTER:
      g_value_set_double (value, self->retry_jitter);
      break;
    case PW_TASK_PROP_TIMEOUT_SECONDS:
      g_value_set_int (value, self->timeout_seconds);
      break;
    case PW_TASK_PROP_CACHE_POLICY:
      g_value_set_enum (value, self->cache_policy);
      break;
    case PW_TASK_PROP_CACHE_EXPIRATION_SECONDS:
      g_value_set_int (value, self->cache_expiration_seconds);
      break;
    case PW_TASK_PROP_TAGS:
      g_value_set_boxed (value, pw_task_get_tags (self));
      break;
    case PW_TASK_PROP_TRIGGER:
      g_value_set_enum (value, self->trigger);
      break;
    case PW_TASK_PROP_ENV:
      g_value_set_boxed (value, pw_task_get_env (self));
      break;
    case PW_TASK_PROP_WORKDIR:
      g_value_set_string (value, self->workdir);
      break;
    case PW_TASK_PROP_MAP:
      g_value_set_string (value, self->map);
      break;
    case PW_TASK_PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PW_TASK_PROP_Y:
      g_value_set_double (value, self->y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_task_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  PwTask *self = PW_TASK (object);

  switch (prop_id)
    {
    case PW_TASK_PROP_KEY:
      pw_task_set_key (self, g_value_get_string (value));
      break;
    case PW_TASK_PROP_NAME:
      pw_task_set_name (self, g_value_get_string (value));
      break;
    case PW_TASK_PROP_KIND:
      pw_task_set_kind (self, g_value_get_enum (value));
      break;
    case PW_TASK_PROP_COMMAND:
      pw_task_set_command (self, g_value_get_boxed (value));
      break;
    case PW_TASK_PROP_SCRIPT:
      pw_task_set_script (self, g_value_get_string (value));
      break;
    case PW_TASK_PROP_METHOD:
      pw_task_set_method (self, g_value_get_string (value));
      break;
    case PW_TASK_PROP_URL:
      pw_task_set_url (self, g_value_get_string (value));
      break;
    case PW_TASK_PROP_HEADERS:
      pw_task_set_headers (self, g_value_get_boxed (value));
      break;
    case PW_TASK_PROP_BODY:
      pw_task_set_body (self, g_value_get_string (value));
      break;
    case PW_TASK_PROP_FLOW_NAME:
      pw_task_set_flow_name (self, g_value_get_string (value));
      break;
    case PW_TASK_PROP_PARAMETERS:
      pw_task_set_parameters (self, g_value_get_boxed (value));
      break;
    case PW_TASK_PROP_AFTER:
      pw_task_set_after (self, g_value_get_boxed (value));
      break;
    case PW_TASK_PROP_RETRIES:
      pw_task_set_retries (self, g_value_get_int (value));
      break;
    case PW_TASK_PROP_RETRY_DELAY_SECONDS:
      pw_task_set_retry_delay_seconds (self, g_value_get_int (value));
      break;
    case PW_TASK_PROP_RETRY_BACKOFF:
      pw_task_set_retry_backoff (self, g_value_get_double (value));
      break;
    case PW_TASK_PROP_RETRY_JITTER:
      pw_task_set_retry_jitter (self, g_value_get_double (value));
      break;
    case PW_TASK_PROP_TIMEOUT_SECONDS:
      pw_task_set_timeout_seconds (self, g_value_get_int (value));
      break;
    case PW_TASK_PROP_CACHE_POLICY:
      pw_task_set_cache_policy (self, g_value_get_enum (value));
      break;
    case PW_TASK_PROP_CACHE_EXPIRATION_SECONDS:
      pw_task_set_cache_expiration_seconds (self, g_value_get_int (value));
      break;
    case PW_TASK_PROP_TAGS:
      pw_task_set_tags (self, g_value_get_boxed (value));
      break;
    case PW_TASK_PROP_TRIGGER:
      pw_task_set_trigger (self, g_value_get_enum (value));
      break;
    case PW_TASK_PROP_ENV:
      pw_task_set_env (self, g_value_get_boxed (value));
      break;
    case PW_TASK_PROP_WORKDIR:
      pw_task_set_workdir (self, g_value_get_string (value));
      break;
    case PW_TASK_PROP_MAP:
      pw_task_set_map (self, g_value_get_string (value));
      break;
    case PW_TASK_PROP_X:
      pw_task_set_x (self, g_value_get_double (value));
      break;
    case PW_TASK_PROP_Y:
      pw_task_set_y (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
pw_task_class_init (PwTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_task_finalize;
  object_class->get_property = pw_task_get_property;
  object_class->set_property = pw_task_set_property;

  properties[PW_TASK_PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, RW_FLAGS);
  properties[PW_TASK_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, RW_FLAGS);
  properties[PW_TASK_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PW_TYPE_TASK_KIND, PW_TASK_KIND_NOOP, RW_FLAGS);
  properties[PW_TASK_PROP_COMMAND] =
    g_param_spec_boxed ("command", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PW_TASK_PROP_SCRIPT] =
    g_param_spec_string ("script", NULL, NULL, NULL, RW_FLAGS);
  properties[PW_TASK_PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, PW_TASK_DEFAULT_METHOD, RW_FLAGS);
  properties[PW_TASK_PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, RW_FLAGS);
  properties[PW_TASK_PROP_HEADERS] =
    g_param_spec_boxed ("headers", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PW_TASK_PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL, RW_FLAGS);
  properties[PW_TASK_PROP_FLOW_NAME] =
    g_param_spec_string ("flow-name", NULL, NULL, NULL, RW_FLAGS);
  properties[PW_TASK_PROP_PARAMETERS] =
    g_param_spec_boxed ("parameters", NULL, NULL, JSON_TYPE_NODE, RW_FLAGS);
  properties[PW_TASK_PROP_AFTER] =
    g_param_spec_boxed ("after", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PW_TASK_PROP_RETRIES] =
    g_param_spec_int ("retries", NULL, NULL, PW_TASK_INHERIT, G_MAXINT, PW_TASK_INHERIT, RW_FLAGS);
  properties[PW_TASK_PROP_RETRY_DELAY_SECONDS] =
    g_param_spec_int ("retry-delay-seconds", NULL, NULL,
                      PW_TASK_INHERIT, G_MAXINT, PW_TASK_INHERIT, RW_FLAGS);
  properties[PW_TASK_PROP_RETRY_BACKOFF] =
    g_param_spec_double ("retry-backoff", NULL, NULL, 1.0, G_MAXDOUBLE, 1.0, RW_FLAGS);
  properties[PW_TASK_PROP_RETRY_JITTER] =
    g_param_spec_double ("retry-jitter", NULL, NULL, 0.0, 1.0, 0.0, RW_FLAGS);
  properties[PW_TASK_PROP_TIMEOUT_SECONDS] =
    g_param_spec_int ("timeout-seconds", NULL, NULL,
                      PW_TASK_INHERIT, G_MAXINT, PW_TASK_INHERIT, RW_FLAGS);
  properties[PW_TASK_PROP_CACHE_POLICY] =
    g_param_spec_enum ("cache-policy", NULL, NULL,
                       PW_TYPE_CACHE_POLICY, PW_CACHE_POLICY_NONE, RW_FLAGS);
  properties[PW_TASK_PROP_CACHE_EXPIRATION_SECONDS] =
    g_param_spec_int ("cache-expiration-seconds", NULL, NULL, 0, G_MAXINT, 0, RW_FLAGS);
  properties[PW_TASK_PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PW_TASK_PROP_TRIGGER] =
    g_param_spec_enum ("trigger", NULL, NULL,
                       PW_TYPE_TRIGGER_RULE, PW_TRIGGER_RULE_ALL_SUCCESSFUL, RW_FLAGS);
  properties[PW_TASK_PROP_ENV] =
    g_param_spec_boxed ("env", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PW_TASK_PROP_WORKDIR] =
    g_param_spec_string ("workdir", NULL, NULL, NULL, RW_FLAGS);
  properties[PW_TASK_PROP_MAP] =
    g_param_spec_string ("map", NULL, NULL, NULL, RW_FLAGS);
  properties[PW_TASK_PROP_X] =
    g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, RW_FLAGS);
  properties[PW_TASK_PROP_Y] =
    g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, RW_FLAGS);

  g_object_class_install_properties (object_class, PW_TASK_N_PROPS, properties);
}

static void
pw_task_init (PwTask *self)
{
  self->kind = PW_TASK_KIND_NOOP;
  self->retries = PW_TASK_INHERIT;
  self->retry_delay_seconds = PW_TASK_INHERIT;
  self->retry_backoff = 1.0;
  self->timeout_seconds = PW_TASK_INHERIT;
  self->cache_policy = PW_CACHE_POLICY_NONE;
  self->trigger = PW_TRIGGER_RULE_ALL_SUCCESSFUL;
}

/**
 * pw_task_new:
 * @key: the task's key, unique in its flow (`[a-z0-9_-]+`)
 * @kind: what the task runs
 *
 * Creates a task with every other member at its default: no upstream
 * tasks, retries, retry delay and timeout taken from the flow, no cache,
 * the `all_successful` trigger rule, at (0, 0).
 *
 * Returns: (transfer full): a new #PwTask
 */
PwTask *
pw_task_new (const char *key,
             PwTaskKind  kind)
{
  PwTask *self;

  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (PW_TYPE_TASK, NULL);
  self->key = g_strdup (key);
  self->kind = kind;

  return self;
}

/**
 * pw_task_copy:
 * @self: a #PwTask
 *
 * Copies every member of @self (for copy and paste, undo). The copy
 * belongs to no flow.
 *
 * Returns: (transfer full): a new #PwTask equal to @self
 */
PwTask *
pw_task_copy (PwTask *self)
{
  PwTask *copy;

  g_return_val_if_fail (PW_IS_TASK (self), NULL);

  copy = pw_task_new (self->key, self->kind);
  copy->name = g_strdup (self->name);
  copy->command = g_strdupv (self->command);
  copy->script = g_strdup (self->script);
  copy->method = g_strdup (self->method);
  copy->url = g_strdup (self->url);
  copy->headers = g_strdupv (self->headers);
  copy->body = g_strdup (self->body);
  copy->flow_name = g_strdup (self->flow_name);
  copy->parameters = self->parameters ? json_node_ref (self->parameters) : NULL;
  copy->after = g_strdupv (self->after);
  copy->retries = self->retries;
  copy->retry_delay_seconds = self->retry_delay_seconds;
  copy->retry_backoff = self->retry_backoff;
  copy->retry_jitter = self->retry_jitter;
  copy->timeout_seconds = self->timeout_seconds;
  copy->cache_policy = self->cache_policy;
  copy->cache_expiration_seconds = self->cache_expiration_seconds;
  copy->tags = g_strdupv (self->tags);
  copy->trigger = self->trigger;
  copy->env = g_strdupv (self->env);
  copy->workdir = g_strdup (self->workdir);
  copy->map = g_strdup (self->map);
  copy->x = self->x;
  copy->y = self->y;

  return copy;
}

/**
 * pw_task_get_key:
 * @self: a #PwTask
 *
 * Returns: the task's key
 */
const char *
pw_task_get_key (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->key;
}

/**
 * pw_task_set_key:
 * @self: a #PwTask
 * @key: the new key
 *
 * Changes the key. The flow's key index follows; references to the old key
 * in other tasks' `after` and templates are not rewritten.
 */
void
pw_task_set_key (PwTask     *self,
                 const char *key)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (key != NULL);

  if (!_pw_task_replace_str (&self->key, key))
    return;

  if (self->owner != NULL)
    _pw_flow_task_key_changed (self->owner, self);

  _pw_task_notify (self, PW_TASK_PROP_KEY);
}

/**
 * pw_task_get_name:
 * @self: a #PwTask
 *
 * Returns: (nullable): the display name, if one was set
 */
const char *
pw_task_get_name (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->name;
}

/**
 * pw_task_set_name:
 * @self: a #PwTask
 * @name: (nullable): a display name, or %NULL to show the key
 */
void
pw_task_set_name (PwTask     *self,
                  const char *name)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_str (&self->name, name))
    _pw_task_notify (self, PW_TASK_PROP_NAME);
}

/**
 * pw_task_get_display_name:
 * @self: a #PwTask
 *
 * Returns: the display name, or the key when there is none
 */
const char *
pw_task_get_display_name (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->name != NULL && self->name[0] != '\0' ? self->name : self->key;
}

/**
 * pw_task_get_kind:
 * @self: a #PwTask
 *
 * Returns: what the task runs
 */
PwTaskKind
pw_task_get_kind (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), PW_TASK_KIND_NOOP);
  return self->kind;
}

/**
 * pw_task_set_kind:
 * @self: a #PwTask
 * @kind: the new kind
 *
 * Changes the kind. The members of the old kind are kept in memory (so that
 * switching back restores them) but only the new kind's are saved.
 */
void
pw_task_set_kind (PwTask     *self,
                  PwTaskKind  kind)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (kind <= PW_TASK_KIND_NOOP);

  if (self->kind == kind)
    return;

  self->kind = kind;
  _pw_task_notify (self, PW_TASK_PROP_KIND);
}

/**
 * pw_task_get_x:
 * @self: a #PwTask
 *
 * Returns: the horizontal position on the canvas
 */
double
pw_task_get_x (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), 0.0);
  return self->x;
}

/**
 * pw_task_set_x:
 * @self: a #PwTask
 * @x: the horizontal position on the canvas
 */
void
pw_task_set_x (PwTask *self,
               double  x)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (isfinite (x));

  if (self->x == x)
    return;

  self->x = x;
  _pw_task_notify (self, PW_TASK_PROP_X);
}

/**
 * pw_task_get_y:
 * @self: a #PwTask
 *
 * Returns: the vertical position on the canvas
 */
double
pw_task_get_y (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), 0.0);
  return self->y;
}

/**
 * pw_task_set_y:
 * @self: a #PwTask
 * @y: the vertical position on the canvas
 */
void
pw_task_set_y (PwTask *self,
               double  y)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (isfinite (y));

  if (self->y == y)
    return;

  self->y = y;
  _pw_task_notify (self, PW_TASK_PROP_Y);
}

/**
 * pw_task_set_position:
 * @self: a #PwTask
 * @x: the horizontal position
 * @y: the vertical position
 *
 * Moves the task, notifying #PwTask:x and #PwTask:y together.
 */
void
pw_task_set_position (PwTask *self,
                      double  x,
                      double  y)
{
  g_return_if_fail (PW_IS_TASK (self));

  g_object_freeze_notify (G_OBJECT (self));
  pw_task_set_x (self, x);
  pw_task_set_y (self, y);
  g_object_thaw_notify (G_OBJECT (self));
}
