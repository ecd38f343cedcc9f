/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-file"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-flow-file-private.h"
#include "pw-flow-private.h"
#include "pw-problem.h"
#include "pw-task-private.h"

/*
 * From a parsed flow document to a PwFlow (DESIGN.md §3): the members of
 * each object, which kinds they belong to, which are required. Members are
 * matched through a hash table per kind of object, gathered first and read
 * in a fixed order, so that a task's kind is known before its kind's
 * members. Tasks are filled field by field: going through setters would
 * cost notifications and copies for each of 10,000 tasks. The typed
 * readers are in pw-flow-file-values.c.
 */

enum {
  FM_FORMAT, FM_NAME, FM_DESCRIPTION, FM_TAGS, FM_PARAMETERS, FM_TASK_RUNNER,
  FM_DEFAULTS, FM_NOTIFICATIONS, FM_TASKS, N_FM
};
static const char * const flow_members[N_FM] = {
  "format", "name", "description", "tags", "parameters", "task_runner",
  "defaults", "notifications", "tasks",
};
static PwMemberTable flow_table = { flow_members, N_FM, NULL };

enum { PM_NAME, PM_TYPE, PM_DEFAULT, PM_DESCRIPTION, N_PM };
static const char * const parameter_members[N_PM] = { "name", "type", "default", "description" };
static PwMemberTable parameter_table = { parameter_members, N_PM, NULL };

enum { RM_KIND, RM_MAX_WORKERS, N_RM };
static const char * const runner_members[N_RM] = { "kind", "max_workers" };
static PwMemberTable runner_table = { runner_members, N_RM, NULL };

enum { DM_RETRIES, DM_RETRY_DELAY_SECONDS, DM_TIMEOUT_SECONDS, N_DM };
static const char * const defaults_members[N_DM] = {
  "retries", "retry_delay_seconds", "timeout_seconds",
};
static PwMemberTable defaults_table = { defaults_members, N_DM, NULL };

enum { NM_STATES, NM_WEBHOOK, N_NM };
static const char * const notification_members[N_NM] = { "states", "webhook" };
static PwMemberTable notification_table = { notification_members, N_NM, NULL };

enum { CM_POLICY, CM_EXPIRATION_SECONDS, N_CM };
static const char * const cache_members[N_CM] = { "policy", "expiration_seconds" };
static PwMemberTable cache_table = { cache_members, N_CM, NULL };

enum {
  TM_KEY, TM_NAME, TM_KIND, TM_COMMAND, TM_SCRIPT, TM_METHOD, TM_URL, TM_HEADERS,
  TM_BODY, TM_FLOW, TM_PARAMETERS, TM_AFTER, TM_RETRIES, TM_RETRY_DELAY_SECONDS,
  TM_RETRY_BACKOFF, TM_RETRY_JITTER, TM_TIMEOUT_SECONDS, TM_CACHE, TM_TAGS,
  TM_TRIGGER, TM_ENV, TM_WORKDIR, TM_MAP, TM_X, TM_Y, N_TM
};
static const char * const task_members[N_TM] = {
  "key", "name", "kind", "command", "script", "method", "url", "headers",
  "body", "flow", "parameters", "after", "retries", "retry_delay_seconds",
  "retry_backoff", "retry_jitter", "timeout_seconds", "cache", "tags",
  "trigger", "env", "workdir", "map", "x", "y",
};
static PwMemberTable task_table = { task_members, N_TM, NULL };

#define KIND_BIT(k) (1u << (k))
#define ALL_KINDS   0x1fu
#define PROCESS_KINDS (KIND_BIT (PW_TASK_KIND_COMMAND) | KIND_BIT (PW_TASK_KIND_SHELL))

/* Which kinds each task member belongs to. */
static const guint task_member_kinds[N_TM] = {
  [TM_KEY] = ALL_KINDS, [TM_NAME] = ALL_KINDS, [TM_KIND] = ALL_KINDS,
  [TM_COMMAND] = KIND_BIT (PW_TASK_KIND_COMMAND),
  [TM_SCRIPT] = KIND_BIT (PW_TASK_KIND_SHELL),
  [TM_METHOD] = KIND_BIT (PW_TASK_KIND_HTTP),
  [TM_URL] = KIND_BIT (PW_TASK_KIND_HTTP),
  [TM_HEADERS] = KIND_BIT (PW_TASK_KIND_HTTP),
  [TM_BODY] = KIND_BIT (PW_TASK_KIND_HTTP),
  [TM_FLOW] = KIND_BIT (PW_TASK_KIND_SUBFLOW),
  [TM_PARAMETERS] = KIND_BIT (PW_TASK_KIND_SUBFLOW),
  [TM_AFTER] = ALL_KINDS, [TM_RETRIES] = ALL_KINDS, [TM_RETRY_DELAY_SECONDS] = ALL_KINDS,
  [TM_RETRY_BACKOFF] = ALL_KINDS, [TM_RETRY_JITTER] = ALL_KINDS,
  [TM_TIMEOUT_SECONDS] = ALL_KINDS, [TM_CACHE] = ALL_KINDS, [TM_TAGS] = ALL_KINDS,
  [TM_TRIGGER] = ALL_KINDS,
  [TM_ENV] = PROCESS_KINDS, [TM_WORKDIR] = PROCESS_KINDS,
  [TM_MAP] = ALL_KINDS, [TM_X] = ALL_KINDS, [TM_Y] = ALL_KINDS,
};

/* The member each kind cannot do without. */
static const int task_kind_required[] = {
  [PW_TASK_KIND_COMMAND] = TM_COMMAND,
  [PW_TASK_KIND_SHELL] = TM_SCRIPT,
  [PW_TASK_KIND_HTTP] = TM_URL,
  [PW_TASK_KIND_SUBFLOW] = TM_FLOW,
  [PW_TASK_KIND_NOOP] = -1,
};

static const char * const task_kind_names[] = {
  "command", "shell", "http", "subflow", "noop", NULL
};
static const char * const trigger_names[] = {
  "all_successful", "all_finished", "any_failed", "all_failed", "any_successful", "always", NULL
};
static const char * const param_type_names[] = {
  "string", "int", "float", "bool", "list", "json", NULL
};
static const char * const cache_policy_names[] = { "none", "inputs", NULL };
static const char * const runner_kind_names[] = { "sequential", "concurrent", NULL };

/* "a command task", for messages. */
static const char *
kind_phrase (int kind)
{
  switch (kind)
    {
    case PW_TASK_KIND_COMMAND:
      return _("a command task");
    case PW_TASK_KIND_SHELL:
      return _("a shell task");
    case PW_TASK_KIND_HTTP:
      return _("an http task");
    case PW_TASK_KIND_SUBFLOW:
      return _("a subflow task");
    case PW_TASK_KIND_NOOP:
    default:
      return _("a noop task");
    }
}

static void
read_cache (PwReader    *r,
            PwTask      *task,
            PwJsonValue *value)
{
  PwJsonValue *m[N_CM] = { NULL };
  PwJsonValue *object;
  int policy;

  if (!_pw_reader_object (r, value, task->key, "cache", &object) || object == NULL)
    return;

  _pw_reader_gather (r, &cache_table, object, task->key, "cache", m);

  if (m[CM_POLICY] == NULL)
    _pw_reader_problem (r, object, task->key, "cache.policy",
                        _("`cache` needs a `policy`: none or inputs"));
  else if (_pw_reader_choice (r, m[CM_POLICY], task->key, "cache.policy", cache_policy_names,
                              &policy))
    task->cache_policy = policy;

  if (m[CM_EXPIRATION_SECONDS] != NULL)
    _pw_reader_optional_int (r, m[CM_EXPIRATION_SECONDS], task->key, "cache.expiration_seconds", 0,
                             &task->cache_expiration_seconds);
}

/* Like read_string() but keeps a copy in @field. */
static void
read_string_into (PwReader     *r,
                  PwJsonValue  *value,
                  const char   *task_key,
                  const char   *member,
                  gboolean      nullable,
                  char        **field)
{
  const char *s;

  if (_pw_reader_string (r, value, task_key, member, nullable, &s) && s != NULL)
    *field = g_strndup (s, value->length);
}

static void
read_task_member (PwReader    *r,
                  PwTask      *task,
                  guint        i,
                  PwJsonValue *value)
{
  const char *key = task->key;
  const char *member = task_members[i];
  PwJsonValue *object;
  int choice;

  switch (i)
    {
    case TM_NAME:
      read_string_into (r, value, key, member, TRUE, &task->name);
      break;
    case TM_COMMAND:
      _pw_reader_strv (r, value, key, member, &task->command);
      break;
    case TM_SCRIPT:
      read_string_into (r, value, key, member, FALSE, &task->script);
      break;
    case TM_METHOD:
      read_string_into (r, value, key, member, FALSE, &task->method);
      if (g_strcmp0 (task->method, PW_TASK_DEFAULT_METHOD) == 0)
        g_clear_pointer (&task->method, g_free);
      break;
    case TM_URL:
      read_string_into (r, value, key, member, FALSE, &task->url);
      break;
    case TM_HEADERS:
      _pw_reader_pairs (r, value, key, member, &task->headers);
      break;
    case TM_BODY:
      read_string_into (r, value, key, member, TRUE, &task->body);
      break;
    case TM_FLOW:
      read_string_into (r, value, key, member, FALSE, &task->flow_name);
      break;
    case TM_PARAMETERS:
      if (_pw_reader_object (r, value, key, member, &object) && object != NULL)
        task->parameters = pw_json_value_to_node (object);
      break;
    case TM_AFTER:
      _pw_reader_strv (r, value, key, member, &task->after);
      break;
    case TM_RETRIES:
      _pw_reader_optional_int (r, value, key, member, PW_TASK_INHERIT, &task->retries);
      break;
    case TM_RETRY_DELAY_SECONDS:
      _pw_reader_optional_int (r, value, key, member, PW_TASK_INHERIT, &task->retry_delay_seconds);
      break;
    case TM_RETRY_BACKOFF:
      if (value->type != PW_JSON_NULL)
        _pw_reader_double (r, value, key, member, &task->retry_backoff);
      break;
    case TM_RETRY_JITTER:
      if (value->type != PW_JSON_NULL)
        _pw_reader_double (r, value, key, member, &task->retry_jitter);
      break;
    case TM_TIMEOUT_SECONDS:
      _pw_reader_optional_int (r, value, key, member, PW_TASK_NO_TIMEOUT, &task->timeout_seconds);
      break;
    case TM_CACHE:
      read_cache (r, task, value);
      break;
    case TM_TAGS:
      _pw_reader_strv (r, value, key, member, &task->tags);
      break;
    case TM_TRIGGER:
      if (value->type != PW_JSON_NULL &&
          _pw_reader_choice (r, value, key, member, trigger_names, &choice))
        task->trigger = choice;
      break;
    case TM_ENV:
      _pw_reader_pairs (r, value, key, member, &task->env);
      break;
    case TM_WORKDIR:
      read_string_into (r, value, key, member, TRUE, &task->workdir);
      break;
    case TM_MAP:
      read_string_into (r, value, key, member, TRUE, &task->map);
      break;
    case TM_X:
      _pw_reader_double (r, value, key, member, &task->x);
      break;
    case TM_Y:
      _pw_reader_double (r, value, key, member, &task->y);
      break;
    default:
      g_assert_not_reached ();
    }
}

static PwTask *
read_task (PwReader    *r,
           PwJsonValue *value,
           guint        position,
           GHashTable  *tasks)
{
  PwJsonValue *m[N_TM] = { NULL };
  PwJsonValue *key_value;
  PwTask *task;
  int kind = PW_TASK_KIND_NOOP;
  gboolean kind_known = FALSE;

  if (value->type != PW_JSON_OBJECT)
    {
      _pw_reader_problem (r, value, NULL, "tasks", _("task #%u must be an object, not %s"),
                          position + 1, pw_json_value_describe (value));
      return NULL;
    }

  /* Without a key nothing else can be said about the task by name, and
   * no other task can refer to it: report that alone and leave it out. */
  key_value = pw_json_value_get_member (value, "key");
  if (key_value == NULL)
    {
      _pw_reader_problem (r, value, NULL, "tasks", _("task #%u has no `key`"), position + 1);
      return NULL;
    }
  if (key_value->type != PW_JSON_STRING)
    {
      _pw_reader_problem (r, key_value, NULL, "tasks",
                          _("task #%u: `key` must be a string, not %s"),
                          position + 1, pw_json_value_describe (key_value));
      return NULL;
    }

  task = g_object_new (PW_TYPE_TASK, NULL);
  task->key = g_strndup (key_value->v.string, key_value->length);

  if (!g_hash_table_contains (tasks, task->key))
    g_hash_table_insert (tasks, (gpointer) key_value->v.string, value);

  _pw_reader_gather (r, &task_table, value, task->key, NULL, m);

  if (m[TM_KIND] == NULL)
    _pw_reader_problem (r, value, task->key, "kind",
                        _("the task has no `kind`: command, shell, http, subflow or noop"));
  else if (_pw_reader_choice (r, m[TM_KIND], task->key, "kind", task_kind_names, &kind))
    kind_known = TRUE;
  task->kind = kind;

  for (guint i = 0; i < N_TM; i++)
    {
      if (m[i] == NULL || i == TM_KEY || i == TM_KIND)
        continue;

      if (kind_known && (task_member_kinds[i] & KIND_BIT (kind)) == 0)
        {
          _pw_reader_problem (r, m[i], task->key, task_members[i], _("`%s` does not apply to %s"),
                              task_members[i], kind_phrase (kind));
          continue;
        }

      read_task_member (r, task, i, m[i]);
    }

  if (kind_known && task_kind_required[kind] >= 0 && m[task_kind_required[kind]] == NULL)
    _pw_reader_problem (r, value, task->key, task_members[task_kind_required[kind]],
                        _("%s needs `%s`"),
                        kind_phrase (kind), task_members[task_kind_required[kind]]);

  return task;
}

static void
read_parameter (PwReader    *r,
                PwFlow      *flow,
                PwJsonValue *value,
                guint        position)
{
  PwJsonValue *m[N_PM] = { NULL };
  g_autoptr(PwParameter) parameter = NULL;
  g_autofree char *where = NULL;
  const char *s;
  int type = PW_PARAM_TYPE_STRING;

  if (value->type != PW_JSON_OBJECT)
    {
      _pw_reader_problem (r, value, NULL, "parameters",
                          _("parameter #%u must be an object, not %s"),
                          position + 1, pw_json_value_describe (value));
      return;
    }

  _pw_reader_gather (r, &parameter_table, value, NULL, "parameters", m);

  if (m[PM_NAME] == NULL)
    {
      _pw_reader_problem (r, value, NULL, "parameters", _("parameter #%u has no `name`"),
                          position + 1);
      return;
    }
  if (m[PM_NAME]->type != PW_JSON_STRING)
    {
      _pw_reader_problem (r, m[PM_NAME], NULL, "parameters",
                          _("parameter #%u: `name` must be a string, not %s"),
                          position + 1, pw_json_value_describe (m[PM_NAME]));
      return;
    }
  where = g_strdup_printf ("parameters.%s", m[PM_NAME]->v.string);

  if (m[PM_TYPE] != NULL)
    _pw_reader_choice (r, m[PM_TYPE], NULL, where, param_type_names, &type);

  parameter = pw_parameter_new (m[PM_NAME]->v.string, type);

  if (m[PM_DEFAULT] != NULL && m[PM_DEFAULT]->type != PW_JSON_NULL)
    {
      g_autoptr(JsonNode) node = pw_json_value_to_node (m[PM_DEFAULT]);
      pw_parameter_set_default (parameter, node);
    }

  if (m[PM_DESCRIPTION] != NULL && _pw_reader_string (r, m[PM_DESCRIPTION], NULL, where, TRUE, &s))
    pw_parameter_set_description (parameter, s);

  pw_flow_add_parameter (flow, parameter);
}

static void
read_task_runner (PwReader    *r,
                  PwFlow      *flow,
                  PwJsonValue *value)
{
  PwJsonValue *m[N_RM] = { NULL };
  PwJsonValue *object;
  int kind = PW_TASK_RUNNER_KIND_CONCURRENT;
  int max_workers = 0;

  if (!_pw_reader_object (r, value, NULL, "task_runner", &object) || object == NULL)
    return;

  _pw_reader_gather (r, &runner_table, object, NULL, "task_runner", m);

  if (m[RM_KIND] != NULL &&
      _pw_reader_choice (r, m[RM_KIND], NULL, "task_runner.kind", runner_kind_names, &kind))
    pw_flow_set_task_runner_kind (flow, kind);

  if (m[RM_MAX_WORKERS] == NULL || m[RM_MAX_WORKERS]->type == PW_JSON_NULL)
    return;

  if (kind != PW_TASK_RUNNER_KIND_CONCURRENT)
    _pw_reader_problem (r, m[RM_MAX_WORKERS], NULL, "task_runner.max_workers",
                        _("`max_workers` only applies to the concurrent task runner"));
  else if (_pw_reader_int (r, m[RM_MAX_WORKERS], NULL, "task_runner.max_workers", &max_workers))
    {
      if (max_workers == 0)
        _pw_reader_problem (r, m[RM_MAX_WORKERS], NULL, "task_runner.max_workers",
                            _("`max_workers` must be at least 1 (or null: one per processor)"));
      else
        pw_flow_set_max_workers (flow, max_workers);
    }
}

static void
read_defaults (PwReader    *r,
               PwFlow      *flow,
               PwJsonValue *value)
{
  PwJsonValue *m[N_DM] = { NULL };
  PwJsonValue *object;
  int n;

  if (!_pw_reader_object (r, value, NULL, "defaults", &object) || object == NULL)
    return;

  _pw_reader_gather (r, &defaults_table, object, NULL, "defaults", m);

  n = 0;
  if (m[DM_RETRIES] != NULL)
    {
      _pw_reader_optional_int (r, m[DM_RETRIES], NULL, "defaults.retries", 0, &n);
      pw_flow_set_default_retries (flow, n);
    }

  n = PW_FLOW_DEFAULT_RETRY_DELAY_SECONDS;
  if (m[DM_RETRY_DELAY_SECONDS] != NULL)
    {
      _pw_reader_optional_int (r, m[DM_RETRY_DELAY_SECONDS], NULL, "defaults.retry_delay_seconds",
                               PW_FLOW_DEFAULT_RETRY_DELAY_SECONDS, &n);
      pw_flow_set_default_retry_delay_seconds (flow, n);
    }

  n = 0;
  if (m[DM_TIMEOUT_SECONDS] != NULL)
    {
      _pw_reader_optional_int (r, m[DM_TIMEOUT_SECONDS], NULL, "defaults.timeout_seconds", 0, &n);
      pw_flow_set_default_timeout_seconds (flow, n);
    }
}

static void
read_notification (PwReader    *r,
                   PwFlow      *flow,
                   PwJsonValue *value,
                   guint        position)
{
  PwJsonValue *m[N_NM] = { NULL };
  g_autoptr(PwNotificationRule) rule = NULL;
  g_auto(GStrv) states = NULL;
  const char *webhook = NULL;

  if (value->type != PW_JSON_OBJECT)
    {
      _pw_reader_problem (r, value, NULL, "notifications",
                          _("notification rule #%u must be an object, not %s"),
                          position + 1, pw_json_value_describe (value));
      return;
    }

  _pw_reader_gather (r, &notification_table, value, NULL, "notifications", m);

  if (m[NM_STATES] == NULL)
    {
      _pw_reader_problem (r, value, NULL, "notifications.states",
                          _("notification rule #%u has no `states`"),
                          position + 1);
      return;
    }

  if (!_pw_reader_strv (r, m[NM_STATES], NULL, "notifications.states", &states))
    return;

  if (m[NM_WEBHOOK] != NULL &&
      !_pw_reader_string (r, m[NM_WEBHOOK], NULL, "notifications.webhook", TRUE, &webhook))
    return;

  rule = pw_notification_rule_new ((const char * const *) states, webhook);
  pw_flow_add_notification (flow, rule);
}

/* Returns FALSE with @error set for a newer format. */
static gboolean
check_format (PwReader     *r,
              PwJsonValue  *root,
              PwJsonValue  *value,
              const char   *origin,
              GError      **error)
{
  const char *format;
  guint64 number;

  if (value == NULL)
    {
      _pw_reader_problem (r, root, NULL, "format",
                          _("the file has no `format`; flow files start with \"format\": \"%s\""),
                          PW_FLOW_FILE_FORMAT);
      return TRUE;
    }

  if (!_pw_reader_string (r, value, NULL, "format", FALSE, &format))
    return TRUE;

  if (strcmp (format, PW_FLOW_FILE_FORMAT) == 0)
    return TRUE;

  if (g_str_has_prefix (format, "pipewright-flow/") &&
      g_ascii_string_to_unsigned (format + strlen ("pipewright-flow/"), 10, 2, G_MAXUINT, &number,
                                  NULL))
    {
      g_set_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_NEWER_FORMAT,
                   _("%s was written by a newer version of Pipewright (format “%s”); "
                     "this version reads “%s”. Update Pipewright to open it."),
                   origin ? origin : _("The flow file"), format, PW_FLOW_FILE_FORMAT);
      return FALSE;
    }

  _pw_reader_problem (r, value, NULL, "format", _("unknown format `%s`; expected `%s`"), format,
                      PW_FLOW_FILE_FORMAT);
  return TRUE;
}

PwFlow *
_pw_flow_file_read (PwJsonValue  *root,
                    const char   *origin,
                    GPtrArray    *problems,
                    GHashTable   *broken,
                    GHashTable   *tasks,
                    GError      **error)
{
  PwReader r = { problems, broken };
  PwJsonValue *m[N_FM] = { NULL };
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(GPtrArray) task_array = NULL;
  g_auto(GStrv) tags = NULL;
  const char *s;
  guint i = 0;

  g_return_val_if_fail (root->type == PW_JSON_OBJECT, NULL);

  /* The format decides how to read the rest: look at it first. */
  if (!check_format (&r, root, pw_json_value_get_member (root, "format"), origin, error))
    return NULL;

  _pw_reader_gather (&r, &flow_table, root, NULL, NULL, m);

  flow = pw_flow_new ("");

  if (m[FM_NAME] == NULL)
    _pw_reader_problem (&r, root, NULL, "name", _("the flow has no `name`"));
  else if (_pw_reader_string (&r, m[FM_NAME], NULL, "name", FALSE, &s))
    pw_flow_set_name (flow, s);

  if (m[FM_DESCRIPTION] != NULL && _pw_reader_string (&r, m[FM_DESCRIPTION], NULL, "description",
                                                      TRUE, &s))
    pw_flow_set_description (flow, s);

  if (m[FM_TAGS] != NULL && _pw_reader_strv (&r, m[FM_TAGS], NULL, "tags", &tags))
    pw_flow_set_tags (flow, (const char * const *) tags);

  if (m[FM_PARAMETERS] != NULL && m[FM_PARAMETERS]->type != PW_JSON_NULL)
    {
      if (m[FM_PARAMETERS]->type != PW_JSON_ARRAY)
        _pw_reader_wrong_type (&r, m[FM_PARAMETERS], NULL, "parameters", _("an array"));
      else
        for (PwJsonValue *item = m[FM_PARAMETERS]->v.first; item != NULL; item = item->next)
          read_parameter (&r, flow, item, i++);
    }

  if (m[FM_TASK_RUNNER] != NULL)
    read_task_runner (&r, flow, m[FM_TASK_RUNNER]);

  if (m[FM_DEFAULTS] != NULL)
    read_defaults (&r, flow, m[FM_DEFAULTS]);

  i = 0;
  if (m[FM_NOTIFICATIONS] != NULL && m[FM_NOTIFICATIONS]->type != PW_JSON_NULL)
    {
      if (m[FM_NOTIFICATIONS]->type != PW_JSON_ARRAY)
        _pw_reader_wrong_type (&r, m[FM_NOTIFICATIONS], NULL, "notifications", _("an array"));
      else
        for (PwJsonValue *item = m[FM_NOTIFICATIONS]->v.first; item != NULL; item = item->next)
          read_notification (&r, flow, item, i++);
    }

  i = 0;
  if (m[FM_TASKS] == NULL)
    _pw_reader_problem (&r, root, NULL, "tasks", _("the flow has no `tasks`"));
  else if (m[FM_TASKS]->type != PW_JSON_ARRAY)
    _pw_reader_wrong_type (&r, m[FM_TASKS], NULL, "tasks", _("an array"));
  else
    {
      task_array = g_ptr_array_new_full (m[FM_TASKS]->length, g_object_unref);

      for (PwJsonValue *item = m[FM_TASKS]->v.first; item != NULL; item = item->next)
        {
          PwTask *task = read_task (&r, item, i++, tasks);

          if (task != NULL)
            g_ptr_array_add (task_array, task);
        }

      _pw_flow_append_tasks (flow, task_array);
    }

  return g_steal_pointer (&flow);
}
