/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-task"

#include "config.h"

#include <string.h>

#include "pw-json-util.h"
#include "pw-task-private.h"

/*
 * The members of a PwTask that belong to one kind: the argv of a `command`,
 * the script of a `shell`, the request of an `http`, the flow and
 * parameters of a `subflow`, and the environment and working directory of
 * the two process kinds. Switching kind keeps them in memory; only the
 * current kind's members are saved.
 */

/**
 * pw_task_get_command:
 * @self: a #PwTask
 *
 * Returns: (array zero-terminated=1) (transfer none): the argv of a
 *   `command` task, never %NULL; each element may hold templates
 */
const char * const *
pw_task_get_command (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return _pw_task_strv_or_empty (self->command);
}

/**
 * pw_task_set_command:
 * @self: a #PwTask
 * @argv: (nullable) (array zero-terminated=1): the program and its arguments
 */
void
pw_task_set_command (PwTask             *self,
                     const char * const *argv)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_strv (&self->command, argv))
    _pw_task_notify (self, PW_TASK_PROP_COMMAND);
}

/**
 * pw_task_get_script:
 * @self: a #PwTask
 *
 * Returns: (nullable): the /bin/sh script of a `shell` task
 */
const char *
pw_task_get_script (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->script;
}

/**
 * pw_task_set_script:
 * @self: a #PwTask
 * @script: (nullable): a /bin/sh script; templates in it are replaced by
 *   single-quoted values, so do not quote them again
 */
void
pw_task_set_script (PwTask     *self,
                    const char *script)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_str (&self->script, script))
    _pw_task_notify (self, PW_TASK_PROP_SCRIPT);
}

/**
 * pw_task_get_method:
 * @self: a #PwTask
 *
 * Returns: the HTTP method of an `http` task, `GET` unless set
 */
const char *
pw_task_get_method (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->method != NULL ? self->method : PW_TASK_DEFAULT_METHOD;
}

/**
 * pw_task_set_method:
 * @self: a #PwTask
 * @method: (nullable): an HTTP method such as `POST`, or %NULL for `GET`
 */
void
pw_task_set_method (PwTask     *self,
                    const char *method)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (g_strcmp0 (method, PW_TASK_DEFAULT_METHOD) == 0)
    method = NULL;

  if (_pw_task_replace_str (&self->method, method))
    _pw_task_notify (self, PW_TASK_PROP_METHOD);
}

/**
 * pw_task_get_url:
 * @self: a #PwTask
 *
 * Returns: (nullable): the URL of an `http` task; it may hold templates
 */
const char *
pw_task_get_url (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->url;
}

/**
 * pw_task_set_url:
 * @self: a #PwTask
 * @url: (nullable): an http or https URL
 */
void
pw_task_set_url (PwTask     *self,
                 const char *url)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_str (&self->url, url))
    _pw_task_notify (self, PW_TASK_PROP_URL);
}

/**
 * pw_task_get_headers:
 * @self: a #PwTask
 *
 * The request headers of an `http` task, as alternating names and values
 * (`{"Accept", "application/json", NULL}`), in file order. Values may hold
 * templates.
 *
 * Returns: (array zero-terminated=1) (transfer none): the pairs, never %NULL
 */
const char * const *
pw_task_get_headers (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return _pw_task_strv_or_empty (self->headers);
}

/**
 * pw_task_set_headers:
 * @self: a #PwTask
 * @pairs: (nullable) (array zero-terminated=1): alternating header names
 *   and values; an even number of strings
 */
void
pw_task_set_headers (PwTask             *self,
                     const char * const *pairs)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (pairs == NULL || g_strv_length ((char **) pairs) % 2 == 0);

  if (_pw_task_replace_strv (&self->headers, pairs))
    _pw_task_notify (self, PW_TASK_PROP_HEADERS);
}

/**
 * pw_task_get_body:
 * @self: a #PwTask
 *
 * Returns: (nullable): the request body of an `http` task, or %NULL for none
 */
const char *
pw_task_get_body (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->body;
}

/**
 * pw_task_set_body:
 * @self: a #PwTask
 * @body: (nullable): the request body; it may hold templates
 */
void
pw_task_set_body (PwTask     *self,
                  const char *body)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_str (&self->body, body))
    _pw_task_notify (self, PW_TASK_PROP_BODY);
}

/**
 * pw_task_get_flow_name:
 * @self: a #PwTask
 *
 * The `flow` member of a `subflow` task: the name of the flow it runs.
 *
 * Returns: (nullable): the flow name
 */
const char *
pw_task_get_flow_name (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->flow_name;
}

/**
 * pw_task_set_flow_name:
 * @self: a #PwTask
 * @flow_name: (nullable): the name of the flow to run
 */
void
pw_task_set_flow_name (PwTask     *self,
                       const char *flow_name)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_str (&self->flow_name, flow_name))
    _pw_task_notify (self, PW_TASK_PROP_FLOW_NAME);
}

/**
 * pw_task_get_parameters:
 * @self: a #PwTask
 *
 * The parameters a `subflow` task passes to its flow: a sealed JSON object
 * whose string values may hold templates.
 *
 * Returns: (transfer none) (nullable): the object node, or %NULL for none
 */
JsonNode *
pw_task_get_parameters (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->parameters;
}

/**
 * pw_task_set_parameters:
 * @self: a #PwTask
 * @parameters: (nullable): a JSON object node, or %NULL
 *
 * The task keeps a sealed deep copy of @parameters.
 */
void
pw_task_set_parameters (PwTask   *self,
                        JsonNode *parameters)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (parameters == NULL || JSON_NODE_HOLDS_OBJECT (parameters));

  if (pw_json_node_equal0 (self->parameters, parameters))
    return;

  g_clear_pointer (&self->parameters, json_node_unref);
  self->parameters = pw_json_node_dup_sealed (parameters);
  _pw_task_notify (self, PW_TASK_PROP_PARAMETERS);
}

/**
 * pw_task_get_env:
 * @self: a #PwTask
 *
 * The environment variables a `command` or `shell` task adds, as
 * alternating names and values, in file order. Values are taken as they
 * are: templates are not rendered there (validation refuses them).
 *
 * Returns: (array zero-terminated=1) (transfer none): the pairs, never %NULL
 */
const char * const *
pw_task_get_env (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return _pw_task_strv_or_empty (self->env);
}

/**
 * pw_task_set_env:
 * @self: a #PwTask
 * @pairs: (nullable) (array zero-terminated=1): alternating variable names
 *   and values; an even number of strings
 */
void
pw_task_set_env (PwTask             *self,
                 const char * const *pairs)
{
  g_return_if_fail (PW_IS_TASK (self));
  g_return_if_fail (pairs == NULL || g_strv_length ((char **) pairs) % 2 == 0);

  if (_pw_task_replace_strv (&self->env, pairs))
    _pw_task_notify (self, PW_TASK_PROP_ENV);
}

/**
 * pw_task_get_workdir:
 * @self: a #PwTask
 *
 * Returns: (nullable): the working directory of a `command` or `shell`
 *   task, or %NULL for the engine's default; not templated
 */
const char *
pw_task_get_workdir (PwTask *self)
{
  g_return_val_if_fail (PW_IS_TASK (self), NULL);
  return self->workdir;
}

/**
 * pw_task_set_workdir:
 * @self: a #PwTask
 * @workdir: (nullable): a directory, or %NULL
 */
void
pw_task_set_workdir (PwTask     *self,
                     const char *workdir)
{
  g_return_if_fail (PW_IS_TASK (self));

  if (_pw_task_replace_str (&self->workdir, workdir))
    _pw_task_notify (self, PW_TASK_PROP_WORKDIR);
}

/**
 * pw_string_pairs_lookup:
 * @pairs: (nullable) (array zero-terminated=1): alternating names and values,
 *   as pw_task_get_headers() and pw_task_get_env() return them
 * @name: a name
 *
 * Finds the value of the first pair named @name.
 *
 * Returns: (nullable): the value, or %NULL if no pair has that name
 */
const char *
pw_string_pairs_lookup (const char * const *pairs,
                        const char         *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (pairs == NULL)
    return NULL;

  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      if (strcmp (pairs[i], name) == 0)
        return pairs[i + 1];
    }

  return NULL;
}
