/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-enums"

#include "config.h"

#include <string.h>

#include "pw-enums.h"

/* The spellings used in flow files. The arrays are indexed by enum value,
 * so the order here must follow the declarations in pw-enums.h. */
static const char * const task_kinds[] = {
  "command", "shell", "http", "subflow", "noop",
};

static const char * const trigger_rules[] = {
  "all_successful", "all_finished", "any_failed", "all_failed", "any_successful", "always",
};

static const char * const param_types[] = {
  "string", "int", "float", "bool", "list", "json",
};

static const char * const cache_policies[] = {
  "none", "inputs",
};

static const char * const task_runner_kinds[] = {
  "sequential", "concurrent",
};

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *str,
        int                *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (strcmp (names[i], str) == 0)
        {
          *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_ENUM_STRINGS(TypeName, type_name, names)                 \
  const char *                                                          \
  type_name##_to_string (TypeName value)                                \
  {                                                                     \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL);  \
    return names[value];                                                \
  }                                                                     \
                                                                        \
  gboolean                                                              \
  type_name##_from_string (const char *str,                             \
                           TypeName   *value)                           \
  {                                                                     \
    int found;                                                          \
                                                                        \
    if (!lookup (names, G_N_ELEMENTS (names), str, &found))             \
      return FALSE;                                                     \
    if (value != NULL)                                                  \
      *value = (TypeName) found;                                        \
    return TRUE;                                                        \
  }

/**
 * pw_task_kind_to_string:
 * @kind: a #PwTaskKind
 *
 * Returns: the flow-file spelling of @kind, such as `command`
 */
/**
 * pw_task_kind_from_string:
 * @str: (nullable): a flow-file spelling such as `shell`
 * @kind: (out) (optional): where to store the kind
 *
 * Returns: %TRUE if @str names a task kind
 */
DEFINE_ENUM_STRINGS (PwTaskKind, pw_task_kind, task_kinds)

/**
 * pw_trigger_rule_to_string:
 * @rule: a #PwTriggerRule
 *
 * Returns: the flow-file spelling of @rule, such as `all_successful`
 */
/**
 * pw_trigger_rule_from_string:
 * @str: (nullable): a flow-file spelling such as `any_failed`
 * @rule: (out) (optional): where to store the rule
 *
 * Returns: %TRUE if @str names a trigger rule
 */
DEFINE_ENUM_STRINGS (PwTriggerRule, pw_trigger_rule, trigger_rules)

/**
 * pw_param_type_to_string:
 * @type: a #PwParamType
 *
 * Returns: the flow-file spelling of @type, such as `int`
 */
/**
 * pw_param_type_from_string:
 * @str: (nullable): a flow-file spelling such as `list`
 * @type: (out) (optional): where to store the type
 *
 * Returns: %TRUE if @str names a parameter type
 */
DEFINE_ENUM_STRINGS (PwParamType, pw_param_type, param_types)

/**
 * pw_cache_policy_to_string:
 * @policy: a #PwCachePolicy
 *
 * Returns: the flow-file spelling of @policy, such as `inputs`
 */
/**
 * pw_cache_policy_from_string:
 * @str: (nullable): a flow-file spelling such as `none`
 * @policy: (out) (optional): where to store the policy
 *
 * Returns: %TRUE if @str names a cache policy
 */
DEFINE_ENUM_STRINGS (PwCachePolicy, pw_cache_policy, cache_policies)

/**
 * pw_task_runner_kind_to_string:
 * @kind: a #PwTaskRunnerKind
 *
 * Returns: the flow-file spelling of @kind, such as `concurrent`
 */
/**
 * pw_task_runner_kind_from_string:
 * @str: (nullable): a flow-file spelling such as `sequential`
 * @kind: (out) (optional): where to store the kind
 *
 * Returns: %TRUE if @str names a task runner kind
 */
DEFINE_ENUM_STRINGS (PwTaskRunnerKind, pw_task_runner_kind, task_runner_kinds)
