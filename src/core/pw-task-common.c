/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-task"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-task-private.h"

/*
 * The members of a PwTask that say how and when it runs, whatever its
 * kind: upstream tasks, retries, timeout, cache, tags, trigger rule, map.
 */

/**
 * pw_task_get_after:
 * @self: a #PwTask
 *
 * Returns: (array zero-terminated=1) (transfer none): the keys of the
 *   task's upstream tasks, never %NULL
 */
const char * const *
pw_task_get_after (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return _pw_task_strv_or_empty (self->after);
}

/**
 * pw_task_set_after:
 * @self: a #PwTask
 * @keys: (nullable) (array zero-terminated=1): upstream task keys
 */
void
pw_task_set_after (PwTask             *self,
                   const char * const *keys)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_strv (&self->after, keys))
    _pw_task_notify (self, PW_TASK_PROP_AFTER);
}

/**
 * pw_task_has_upstream:
 * @self: a #PwTask
 * @key: a task key
 *
 * Returns: %TRUE if @key is listed in the task's `after`
 */
gboolean
pw_task_has_upstream (PwTask     *self,
                      const char *key)
{
  g_return_val_if_fail (PW_IS_TASK (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return self->after != NULL && g_strv_contains ((const char * const *) self->after, key);
}

/**
 * pw_task_add_upstream:
 * @self: a #PwTask
 * @key: a task key
 *
 * Appends @key to `after`, unless it is already there. Whether the edge
 * closes a cycle is for pw_flow_can_connect() to say.
 */
void
pw_task_add_upstream (PwTask     *self,
                      const char *key)
{
  guint n;

  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (key != NULL);

  if (pw_task_has_upstream (self, key))
    return;

  n = self->after != NULL ? g_strv_length (self->after) : 0;
  self->after = g_renew (char *, self->after, n + 2);
  self->after[n] = g_strdup (key);
  self->after[n + 1] = NULL;

  _pw_task_notify (self, PW_TASK_PROP_AFTER);
}

/**
 * pw_task_remove_upstream:
 * @self: a #PwTask
 * @key: a task key
 *
 * Removes every occurrence of @key from `after`.
 */
void
pw_task_remove_upstream (PwTask     *self,
                         const char *key)
{
  guint i, j;

  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (key != NULL);

  if (!pw_task_has_upstream (self, key))
    return;

  for (i = 0, j = 0; self->after[i] != NULL; i++)
    {
      if (strcmp (self->after[i], key) == 0)
        g_free (self->after[i]);
      else
        self->after[j++] = self->after[i];
    }
  self->after[j] = NULL;

  if (j == 0)
    g_clear_pointer (&self->after, g_strfreev);

  _pw_task_notify (self, PW_TASK_PROP_AFTER);
}

/**
 * pw_task_get_retries:
 * @self: a #PwTask
 *
 * Returns: how many times a failed run is retried, or %PW_TASK_INHERIT
 */
int
pw_task_get_retries (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), PW_TASK_INHERIT);
  return self->retries;
}

/**
 * pw_task_set_retries:
 * @self: a #PwTask
 * @retries: a count, or %PW_TASK_INHERIT for the flow's default
 */
void
pw_task_set_retries (PwTask *self,
                     int     retries)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (retries >= PW_TASK_INHERIT);

  if (self->retries == retries)
    return;

  self->retries = retries;
  _pw_task_notify (self, PW_TASK_PROP_RETRIES);
}

/**
 * pw_task_get_retry_delay_seconds:
 * @self: a #PwTask
 *
 * Returns: the wait before the first retry, or %PW_TASK_INHERIT
 */
int
pw_task_get_retry_delay_seconds (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), PW_TASK_INHERIT);
  return self->retry_delay_seconds;
}

/**
 * pw_task_set_retry_delay_seconds:
 * @self: a #PwTask
 * @seconds: a delay, or %PW_TASK_INHERIT for the flow's default
 */
void
pw_task_set_retry_delay_seconds (PwTask *self,
                                 int     seconds)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (seconds >= PW_TASK_INHERIT);

  if (self->retry_delay_seconds == seconds)
    return;

  self->retry_delay_seconds = seconds;
  _pw_task_notify (self, PW_TASK_PROP_RETRY_DELAY_SECONDS);
}

/**
 * pw_task_get_retry_backoff:
 * @self: a #PwTask
 *
 * Returns: the factor each further retry delay is multiplied by (1.0: the
 *   same delay every time)
 */
double
pw_task_get_retry_backoff (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), 1.0);
  return self->retry_backoff;
}

/**
 * pw_task_set_retry_backoff:
 * @self: a #PwTask
 * @factor: 1.0 or more
 */
void
pw_task_set_retry_backoff (PwTask *self,
                           double  factor)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (isfinite (factor) && factor >= 1.0);

  if (self->retry_backoff == factor)
    return;

  self->retry_backoff = factor;
  _pw_task_notify (self, PW_TASK_PROP_RETRY_BACKOFF);
}

/**
 * pw_task_get_retry_jitter:
 * @self: a #PwTask
 *
 * Returns: the random fraction (0 to 1) a retry delay may grow by
 */
double
pw_task_get_retry_jitter (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), 0.0);
  return self->retry_jitter;
}

/**
 * pw_task_set_retry_jitter:
 * @self: a #PwTask
 * @jitter: a fraction from 0 to 1
 */
void
pw_task_set_retry_jitter (PwTask *self,
                          double  jitter)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (jitter >= 0.0 && jitter <= 1.0);

  if (self->retry_jitter == jitter)
    return;

  self->retry_jitter = jitter;
  _pw_task_notify (self, PW_TASK_PROP_RETRY_JITTER);
}

/**
 * pw_task_get_timeout_seconds:
 * @self: a #PwTask
 *
 * Returns: the time limit of one attempt, %PW_TASK_NO_TIMEOUT for none
 *   (`null` in files) or %PW_TASK_INHERIT for the flow's default
 */
int
pw_task_get_timeout_seconds (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), PW_TASK_INHERIT);
  return self->timeout_seconds;
}

/**
 * pw_task_set_timeout_seconds:
 * @self: a #PwTask
 * @seconds: seconds, %PW_TASK_NO_TIMEOUT or %PW_TASK_INHERIT
 */
void
pw_task_set_timeout_seconds (PwTask *self,
                             int     seconds)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (seconds >= PW_TASK_INHERIT);

  if (self->timeout_seconds == seconds)
    return;

  self->timeout_seconds = seconds;
  _pw_task_notify (self, PW_TASK_PROP_TIMEOUT_SECONDS);
}

/**
 * pw_task_get_cache_policy:
 * @self: a #PwTask
 *
 * Returns: whether the task's result may be reused
 */
PwCachePolicy
pw_task_get_cache_policy (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), PW_CACHE_POLICY_NONE);
  return self->cache_policy;
}

/**
 * pw_task_set_cache_policy:
 * @self: a #PwTask
 * @policy: a #PwCachePolicy
 */
void
pw_task_set_cache_policy (PwTask        *self,
                          PwCachePolicy  policy)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (policy <= PW_CACHE_POLICY_INPUTS);

  if (self->cache_policy == policy)
    return;

  self->cache_policy = policy;
  _pw_task_notify (self, PW_TASK_PROP_CACHE_POLICY);
}

/**
 * pw_task_get_cache_expiration_seconds:
 * @self: a #PwTask
 *
 * Returns: how long a cached result stays valid; 0 for ever (`null` in files)
 */
int
pw_task_get_cache_expiration_seconds (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), 0);
  return self->cache_expiration_seconds;
}

/**
 * pw_task_set_cache_expiration_seconds:
 * @self: a #PwTask
 * @seconds: seconds, or 0 for a result that never expires
 */
void
pw_task_set_cache_expiration_seconds (PwTask *self,
                                      int     seconds)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (seconds >= 0);

  if (self->cache_expiration_seconds == seconds)
    return;

  self->cache_expiration_seconds = seconds;
  _pw_task_notify (self, PW_TASK_PROP_CACHE_EXPIRATION_SECONDS);
}

/**
 * pw_task_get_tags:
 * @self: a #PwTask
 *
 * Returns: (array zero-terminated=1) (transfer none): the tags, never %NULL
 */
const char * const *
pw_task_get_tags (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return _pw_task_strv_or_empty (self->tags);
}

/**
 * pw_task_set_tags:
 * @self: a #PwTask
 * @tags: (nullable) (array zero-terminated=1): the tags
 */
void
pw_task_set_tags (PwTask             *self,
                  const char * const *tags)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_strv (&self->tags, tags))
    _pw_task_notify (self, PW_TASK_PROP_TAGS);
}

/**
 * pw_task_get_trigger:
 * @self: a #PwTask
 *
 * Returns: when the task may start, from its upstream tasks' end states
 */
PwTriggerRule
pw_task_get_trigger (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), PW_TRIGGER_RULE_ALL_SUCCESSFUL);
  return self->trigger;
}

/**
 * pw_task_set_trigger:
 * @self: a #PwTask
 * @trigger: a #PwTriggerRule
 */
void
pw_task_set_trigger (PwTask        *self,
                     PwTriggerRule  trigger)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (trigger <= PW_TRIGGER_RULE_ALWAYS);

  if (self->trigger == trigger)
    return;

  self->trigger = trigger;
  _pw_task_notify (self, PW_TASK_PROP_TRIGGER);
}

/**
 * pw_task_get_map:
 * @self: a #PwTask
 *
 * Returns: (nullable): the template of the list the task fans out over,
 *   such as `{{ params.repos }}`, or %NULL for an unmapped task
 */
const char *
pw_task_get_map (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->map;
}

/**
 * pw_task_set_map:
 * @self: a #PwTask
 * @map: (nullable): a template naming a list, or %NULL
 */
void
pw_task_set_map (PwTask     *self,
                 const char *map)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_str (&self->map, map))
    _pw_task_notify (self, PW_TASK_PROP_MAP);
}
