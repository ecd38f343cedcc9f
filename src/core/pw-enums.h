/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PwTaskKind:
 * @PW_TASK_KIND_COMMAND: run an argv array, no shell
 * @PW_TASK_KIND_SHELL: run a /bin/sh script
 * @PW_TASK_KIND_HTTP: send an HTTP request; 2xx is success
 * @PW_TASK_KIND_SUBFLOW: run another flow as a child flow run
 * @PW_TASK_KIND_NOOP: a join or gate point that does nothing
 *
 * What a task runs. Spelled `command`, `shell`, `http`, `subflow` and
 * `noop` in flow files.
 */
typedef enum
{
  PW_TASK_KIND_COMMAND,
  PW_TASK_KIND_SHELL,
  PW_TASK_KIND_HTTP,
  PW_TASK_KIND_SUBFLOW,
  PW_TASK_KIND_NOOP,
} PwTaskKind;

/**
 * PwTriggerRule:
 * @PW_TRIGGER_RULE_ALL_SUCCESSFUL: every upstream task completed (the default)
 * @PW_TRIGGER_RULE_ALL_FINISHED: every upstream task ended, whatever its state
 * @PW_TRIGGER_RULE_ANY_FAILED: at least one upstream task failed
 * @PW_TRIGGER_RULE_ALL_FAILED: every upstream task failed
 * @PW_TRIGGER_RULE_ANY_SUCCESSFUL: at least one upstream task completed
 * @PW_TRIGGER_RULE_ALWAYS: run once the upstream tasks ended, even if cancelled
 *
 * When a task may start, decided from the end states of its upstream tasks.
 */
typedef enum
{
  PW_TRIGGER_RULE_ALL_SUCCESSFUL,
  PW_TRIGGER_RULE_ALL_FINISHED,
  PW_TRIGGER_RULE_ANY_FAILED,
  PW_TRIGGER_RULE_ALL_FAILED,
  PW_TRIGGER_RULE_ANY_SUCCESSFUL,
  PW_TRIGGER_RULE_ALWAYS,
} PwTriggerRule;

/**
 * PwParamType:
 * @PW_PARAM_TYPE_STRING: a JSON string
 * @PW_PARAM_TYPE_INT: a JSON integer
 * @PW_PARAM_TYPE_FLOAT: a JSON number
 * @PW_PARAM_TYPE_BOOL: a JSON boolean
 * @PW_PARAM_TYPE_LIST: a JSON array
 * @PW_PARAM_TYPE_JSON: any JSON value
 *
 * The type of a flow parameter. Spelled `string`, `int`, `float`, `bool`,
 * `list` and `json` in flow files.
 */
typedef enum
{
  PW_PARAM_TYPE_STRING,
  PW_PARAM_TYPE_INT,
  PW_PARAM_TYPE_FLOAT,
  PW_PARAM_TYPE_BOOL,
  PW_PARAM_TYPE_LIST,
  PW_PARAM_TYPE_JSON,
} PwParamType;

/**
 * PwCachePolicy:
 * @PW_CACHE_POLICY_NONE: never reuse a result
 * @PW_CACHE_POLICY_INPUTS: reuse the result of an earlier run with the same
 *   rendered inputs, until it expires
 *
 * Whether a task's result may be reused.
 */
typedef enum
{
  PW_CACHE_POLICY_NONE,
  PW_CACHE_POLICY_INPUTS,
} PwCachePolicy;

/**
 * PwTaskRunnerKind:
 * @PW_TASK_RUNNER_KIND_SEQUENTIAL: one task at a time
 * @PW_TASK_RUNNER_KIND_CONCURRENT: ready tasks run side by side, up to the
 *   flow's maximum number of workers
 *
 * How the engine runs the ready tasks of a flow run.
 */
typedef enum
{
  PW_TASK_RUNNER_KIND_SEQUENTIAL,
  PW_TASK_RUNNER_KIND_CONCURRENT,
} PwTaskRunnerKind;

const char *pw_task_kind_to_string          (PwTaskKind        kind);
gboolean    pw_task_kind_from_string        (const char       *str,
                                             PwTaskKind       *kind);
const char *pw_trigger_rule_to_string       (PwTriggerRule     rule);
gboolean    pw_trigger_rule_from_string     (const char       *str,
                                             PwTriggerRule    *rule);
const char *pw_param_type_to_string         (PwParamType       type);
gboolean    pw_param_type_from_string       (const char       *str,
                                             PwParamType      *type);
const char *pw_cache_policy_to_string       (PwCachePolicy     policy);
gboolean    pw_cache_policy_from_string     (const char       *str,
                                             PwCachePolicy    *policy);
const char *pw_task_runner_kind_to_string   (PwTaskRunnerKind  kind);
gboolean    pw_task_runner_kind_from_string (const char       *str,
                                             PwTaskRunnerKind *kind);

G_END_DECLS
