/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-flow-validate"

#include "config.h"

#include <string.h>

#include "pw-flow-validate.h"

static char *
dump (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      PwProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = pw_problem_to_string (problem);

      g_string_append_printf (text, "\n  [%s] %s", pw_problem_get_member (problem), line);
    }

  return g_string_free (text, FALSE);
}

/* Asserts that a problem of @task_key (NULL: flow level) about @member
 * has @text in its message. */
#define assert_problem(problems, task_key, member, text) \
  assert_problem_impl (problems, task_key, member, text, __FILE__, __LINE__)

static void
assert_problem_impl (GPtrArray  *problems,
                     const char *task_key,
                     const char *member,
                     const char *text,
                     const char *file,
                     int         line)
{
  g_autofree char *all = NULL;
  g_autofree char *message = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      PwProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (pw_problem_get_task_key (problem), task_key) == 0 &&
          g_strcmp0 (pw_problem_get_member (problem), member) == 0 &&
          strstr (pw_problem_get_message (problem), text) != NULL)
        return;
    }

  all = dump (problems);
  message = g_strdup_printf ("%s:%d: no problem [%s] %s: “%s” among:%s",
                             file, line, task_key, member, text, all);
  g_assertion_message (G_LOG_DOMAIN, file, line, G_STRFUNC, message);
}

static void
assert_valid (PwFlow *flow)
{
  g_autoptr(GPtrArray) problems = pw_flow_validate (flow);
  g_autofree char *all = dump (problems);

  if (problems->len > 0)
    g_error ("unexpected problems:%s", all);
}

static PwTask *
add_task (PwFlow     *flow,
          const char *key,
          PwTaskKind  kind,
          const char *after)
{
  g_autoptr(PwTask) task = pw_task_new (key, kind);

  if (after != NULL)
    {
      g_auto(GStrv) keys = g_strsplit (after, ",", -1);
      pw_task_set_after (task, (const char * const *) keys);
    }

  pw_flow_add_task (flow, task);
  return task;
}

static void
set_command (PwTask     *task,
             const char *arg0,
             const char *arg1)
{
  const char *argv[] = { arg0, arg1, NULL };

  pw_task_set_command (task, argv);
}

static void
add_parameter (PwFlow      *flow,
               const char  *name,
               PwParamType  type,
               const char  *default_json)
{
  g_autoptr(PwParameter) parameter = pw_parameter_new (name, type);

  if (default_json != NULL)
    {
      g_autoptr(JsonNode) value = json_from_string (default_json, NULL);
      pw_parameter_set_default (parameter, value);
    }

  pw_flow_add_parameter (flow, parameter);
}

static void
test_valid (void)
{
  static const char * const headers[] = { "Accept", "application/json", "X-Run",
                                         "{{ flow_run.id }}", NULL };
  static const char * const env[] = { "LC_ALL", "C", "INPUT", "data", NULL };
  PwFlow *flow = pw_flow_new ("valid");
  PwTask *task;
  g_autoptr(JsonNode) parameters = json_from_string ("{\"rows\": [\"{{ tasks.read.result }}\"]}",
                                                     NULL);

  add_parameter (flow, "path", PW_PARAM_TYPE_STRING, "\"data.csv\"");
  add_parameter (flow, "repos", PW_PARAM_TYPE_LIST, "[\"a/b\"]");
  add_parameter (flow, "ratio", PW_PARAM_TYPE_FLOAT, "1");
  add_parameter (flow, "required", PW_PARAM_TYPE_INT, NULL);

  task = add_task (flow, "read", PW_TASK_KIND_COMMAND, NULL);
  set_command (task, "wc", "{{ params.path }}");
  pw_task_set_env (task, env);
  pw_task_set_workdir (task, "/tmp");

  task = add_task (flow, "stars", PW_TASK_KIND_HTTP, NULL);
  pw_task_set_url (task, "https://api.github.com/repos/{{ item }}");
  pw_task_set_headers (task, headers);
  pw_task_set_map (task, "{{ params.repos }}");

  task = add_task (flow, "whole-url", PW_TASK_KIND_HTTP, NULL);
  pw_task_set_url (task, "{{ params.path }}");
  pw_task_set_method (task, "POST");
  pw_task_set_body (task, "{\"n\": {{ tasks.read.result }}}");
  pw_task_add_upstream (task, "read");

  task = add_task (flow, "sum", PW_TASK_KIND_SHELL, "stars,read");
  pw_task_set_script (task, "echo {{ tasks.stars.result }} {{ flow_run.scheduled_time }}");

  task = add_task (flow, "each", PW_TASK_KIND_SHELL, "sum");
  pw_task_set_script (task, "echo {{ item }} {{ tasks.read.result }}");
  pw_task_set_map (task, "  {{ tasks.stars.result }} ");

  task = add_task (flow, "report", PW_TASK_KIND_SUBFLOW, "each");
  pw_task_set_flow_name (task, "publish-report");
  pw_task_set_parameters (task, parameters);

  add_task (flow, "done", PW_TASK_KIND_NOOP, "report,whole-url");

  assert_valid (flow);
  g_assert_finalize_object (flow);
}

static void
test_keys (void)
{
  PwFlow *flow = pw_flow_new ("keys");
  g_autoptr(GPtrArray) problems = NULL;

  add_task (flow, "train", PW_TASK_KIND_NOOP, NULL);
  add_task (flow, "train", PW_TASK_KIND_NOOP, NULL);
  add_task (flow, "Bad Key", PW_TASK_KIND_NOOP, NULL);
  add_task (flow, "", PW_TASK_KIND_NOOP, NULL);

  problems = pw_flow_validate (flow);
  assert_problem (problems, "train", "key", "another task already has the key `train`");
  assert_problem (problems, "Bad Key", "key", "not a valid key");
  assert_problem (problems, "", "key", "not a valid key");
  g_assert_cmpuint (problems->len, ==, 3);

  g_assert_finalize_object (flow);
}

static void
test_upstream (void)
{
  PwFlow *flow = pw_flow_new ("upstream");
  g_autoptr(GPtrArray) problems = NULL;

  add_task (flow, "prepare", PW_TASK_KIND_NOOP, NULL);
  add_task (flow, "train", PW_TASK_KIND_NOOP, "prepar,prepare,prepare");
  add_task (flow, "self", PW_TASK_KIND_NOOP, "self");

  problems = pw_flow_validate (flow);
  assert_problem (problems, "train", "after",
                  "unknown upstream task `prepar`; did you mean `prepare`?");
  assert_problem (problems, "train", "after", "`prepare` is listed twice in `after`");
  assert_problem (problems, "self", "after", "a task cannot run after itself");
  g_assert_cmpuint (problems->len, ==, 3);

  g_assert_finalize_object (flow);
}

static void
test_cycles (void)
{
  PwFlow *flow = pw_flow_new ("cycles");
  g_autoptr(GPtrArray) problems = NULL;

  add_task (flow, "a", PW_TASK_KIND_NOOP, "c");
  add_task (flow, "b", PW_TASK_KIND_NOOP, "a");
  add_task (flow, "c", PW_TASK_KIND_NOOP, "b");
  add_task (flow, "after-cycle", PW_TASK_KIND_NOOP, "c");
  add_task (flow, "x", PW_TASK_KIND_NOOP, "y");
  add_task (flow, "y", PW_TASK_KIND_NOOP, "x");

  problems = pw_flow_validate (flow);
  assert_problem (problems, "a", "after", "a → b → c → a");
  assert_problem (problems, "x", "after", "x → y → x");
  g_assert_cmpuint (problems->len, ==, 2);

  g_assert_finalize_object (flow);
}

static void
test_templates (void)
{
  PwFlow *flow = pw_flow_new ("templates");
  g_autoptr(GPtrArray) problems = NULL;
  PwTask *task;

  add_parameter (flow, "train_path", PW_PARAM_TYPE_STRING, "\"x\"");

  task = add_task (flow, "read", PW_TASK_KIND_COMMAND, NULL);
  set_command (task, "cat", "{{ params.train_pth }}");

  task = add_task (flow, "other", PW_TASK_KIND_COMMAND, NULL);
  set_command (task, "echo", "{{ tasks.read.result }}");

  task = add_task (flow, "uses", PW_TASK_KIND_SHELL, "other");
  pw_task_set_script (task, "echo {{ tasks.nope.result }} {{ item }} {{ tasks.uses.result }} "
                            "{{ params.missing }} {{ params.missing }}");

  task = add_task (flow, "broken", PW_TASK_KIND_SHELL, NULL);
  pw_task_set_script (task, "echo {{ params.train_path");

  task = add_task (flow, "unknown", PW_TASK_KIND_COMMAND, NULL);
  set_command (task, "echo", "{{ foo.bar }}");

  problems = pw_flow_validate (flow);
  assert_problem (problems, "read", "command",
                  "`command` uses `{{ params.train_pth }}`, "
                  "but the flow has no parameter `train_pth`; did you mean `train_path`?");
  assert_problem (problems, "other", "command",
                  "uses the result of `read`, "
                  "which is not upstream of this task; add `read` to `after`");
  assert_problem (problems, "uses", "script", "the flow has no task `nope`");
  assert_problem (problems, "uses", "script", "`{{ item }}`, which only exists in a mapped task");
  assert_problem (problems, "uses", "script", "the task’s own result");
  assert_problem (problems, "uses", "script", "no parameter `missing`");
  assert_problem (problems, "broken", "script", "is never closed");
  assert_problem (problems, "unknown", "command", "unknown template `{{ foo.bar }}`");
  /* The same missing parameter twice in one member is one problem. */
  g_assert_cmpuint (problems->len, ==, 8);

  g_assert_finalize_object (flow);
}

static void
test_transitive_upstream (void)
{
  PwFlow *flow = pw_flow_new ("transitive");
  PwTask *task;

  add_task (flow, "a", PW_TASK_KIND_NOOP, NULL);
  add_task (flow, "b", PW_TASK_KIND_NOOP, "a");
  add_task (flow, "c", PW_TASK_KIND_NOOP, "b");
  task = add_task (flow, "d", PW_TASK_KIND_COMMAND, "c");
  set_command (task, "echo", "{{ tasks.a.result }}");

  assert_valid (flow);
  g_assert_finalize_object (flow);
}

static void
test_map (void)
{
  PwFlow *flow = pw_flow_new ("map");
  g_autoptr(GPtrArray) problems = NULL;
  PwTask *task;

  add_parameter (flow, "items", PW_PARAM_TYPE_LIST, "[1, 2]");

  task = add_task (flow, "two", PW_TASK_KIND_NOOP, NULL);
  pw_task_set_map (task, "{{ params.items }} {{ params.items }}");
  task = add_task (flow, "text", PW_TASK_KIND_NOOP, NULL);
  pw_task_set_map (task, "items: {{ params.items }}");
  task = add_task (flow, "item", PW_TASK_KIND_NOOP, NULL);
  pw_task_set_map (task, "{{ item }}");
  task = add_task (flow, "empty", PW_TASK_KIND_NOOP, NULL);
  pw_task_set_map (task, " ");
  task = add_task (flow, "not-upstream", PW_TASK_KIND_NOOP, NULL);
  pw_task_set_map (task, "{{ tasks.two.result }}");
  task = add_task (flow, "missing", PW_TASK_KIND_NOOP, NULL);
  pw_task_set_map (task, "{{ params.itemz }}");

  problems = pw_flow_validate (flow);
  assert_problem (problems, "two", "map",
                  "`map` must be one `{{ params.NAME }}` or `{{ tasks.KEY.result }}`");
  assert_problem (problems, "text", "map", "`map` must be one");
  assert_problem (problems, "item", "map", "`map` cannot use `{{ item }}`");
  assert_problem (problems, "item", "map", "`map` must be one");
  assert_problem (problems, "empty", "map", "`map` is empty");
  assert_problem (problems, "not-upstream", "map", "which is not upstream of this task");
  assert_problem (problems, "missing", "map", "did you mean `items`?");
  g_assert_cmpuint (problems->len, ==, 7);

  g_assert_finalize_object (flow);
}

static void
test_kinds (void)
{
  static const char * const bad_headers[] = { "Bad Header", "x", "X-Ok", "a\r\nInjected: 1", NULL };
  static const char * const bad_env[] = { "1X", "x", "OK_NAME", "{{ params.nope }}", NULL };
  static const char * const empty_program[] = { "", "x", NULL };
  PwFlow *flow = pw_flow_new ("kinds");
  g_autoptr(GPtrArray) problems = NULL;
  PwTask *task;

  add_task (flow, "no-command", PW_TASK_KIND_COMMAND, NULL);
  task = add_task (flow, "empty-program", PW_TASK_KIND_COMMAND, NULL);
  pw_task_set_command (task, empty_program);
  pw_task_set_env (task, bad_env);
  pw_task_set_workdir (task, "");

  task = add_task (flow, "blank-script", PW_TASK_KIND_SHELL, NULL);
  pw_task_set_script (task, "  \n\t");

  add_task (flow, "no-url", PW_TASK_KIND_HTTP, NULL);
  task = add_task (flow, "bad-url", PW_TASK_KIND_HTTP, NULL);
  pw_task_set_url (task, "https://exa mple.com/{{ item }}");
  task = add_task (flow, "ftp-url", PW_TASK_KIND_HTTP, NULL);
  pw_task_set_url (task, "ftp://example.com/file");
  task = add_task (flow, "no-host", PW_TASK_KIND_HTTP, NULL);
  pw_task_set_url (task, "https:///path");
  task = add_task (flow, "bad-method", PW_TASK_KIND_HTTP, NULL);
  pw_task_set_url (task, "https://example.com/{{ params.x }}");
  pw_task_set_method (task, "FETCH");
  pw_task_set_headers (task, bad_headers);

  add_task (flow, "no-flow", PW_TASK_KIND_SUBFLOW, NULL);
  task = add_task (flow, "itself", PW_TASK_KIND_SUBFLOW, NULL);
  pw_task_set_flow_name (task, "kinds");

  problems = pw_flow_validate (flow);
  assert_problem (problems, "no-command", "command", "a command task needs a `command`");
  assert_problem (problems, "empty-program", "command",
                  "the program (first element of `command`) is empty");
  assert_problem (problems, "empty-program", "env",
                  "`1X` is not a valid environment variable name");
  assert_problem (problems, "empty-program", "env", "the value of `OK_NAME` cannot use templates");
  assert_problem (problems, "empty-program", "workdir", "`workdir` is empty");
  assert_problem (problems, "blank-script", "script", "a shell task needs a `script`");
  assert_problem (problems, "no-url", "url", "an http task needs a `url`");
  assert_problem (problems, "bad-url", "url", "is not a valid URL");
  assert_problem (problems, "bad-url", "url", "`{{ item }}`, which only exists in a mapped task");
  assert_problem (problems, "ftp-url", "url", "is not an http:// or https:// URL");
  assert_problem (problems, "no-host", "url", "has no host name");
  assert_problem (problems, "bad-method", "method", "`FETCH` is not an HTTP method");
  assert_problem (problems, "bad-method", "url", "no parameter `x`");
  assert_problem (problems, "bad-method", "headers", "`Bad Header` is not a valid header name");
  assert_problem (problems, "bad-method", "headers",
                  "the value of header `X-Ok` cannot span lines");
  assert_problem (problems, "no-flow", "flow", "a subflow task needs a `flow`");
  assert_problem (problems, "itself", "flow", "a flow cannot run itself as a sub-flow");
  g_assert_cmpuint (problems->len, ==, 17);

  g_assert_finalize_object (flow);
}

static void
test_flow_level (void)
{
  static const char * const bad_states[] = { "Failed", "Faild", NULL };
  static const char * const tags[] = { "ok", "", NULL };
  PwFlow *flow = pw_flow_new ("team/flow");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(PwNotificationRule) rule = pw_notification_rule_new (bad_states,
                                                                 "mailto:me@example.com");
  g_autoptr(PwNotificationRule) empty_rule = pw_notification_rule_new (NULL, NULL);

  pw_flow_set_tags (flow, tags);
  add_parameter (flow, "count", PW_PARAM_TYPE_INT, "\"three\"");
  add_parameter (flow, "ratio", PW_PARAM_TYPE_FLOAT, "true");
  add_parameter (flow, "flag", PW_PARAM_TYPE_BOOL, "1");
  add_parameter (flow, "items", PW_PARAM_TYPE_LIST, "{}");
  add_parameter (flow, "count", PW_PARAM_TYPE_INT, NULL);
  add_parameter (flow, "2fast", PW_PARAM_TYPE_STRING, NULL);
  pw_flow_add_notification (flow, rule);
  pw_flow_add_notification (flow, empty_rule);

  problems = pw_flow_validate (flow);
  assert_problem (problems, NULL, "name", "a flow name cannot contain “/”");
  assert_problem (problems, NULL, "tags", "a tag cannot be empty");
  assert_problem (problems, NULL, "parameters.count",
                  "parameter `count`: the default must be an integer, not a string");
  assert_problem (problems, NULL, "parameters.ratio",
                  "parameter `ratio`: the default must be a number, not a boolean");
  assert_problem (problems, NULL, "parameters.flag",
                  "parameter `flag`: the default must be a boolean, not an integer");
  assert_problem (problems, NULL, "parameters.items",
                  "parameter `items`: the default must be a list (a JSON array), not an object");
  assert_problem (problems, NULL, "parameters.count", "parameter `count` is defined twice");
  assert_problem (problems, NULL, "parameters.2fast", "parameter `2fast`: a name is letters");
  assert_problem (problems, NULL, "notifications", "unknown state `Faild`; did you mean `Failed`?");
  assert_problem (problems, NULL, "notifications", "is not an http:// or https:// URL");
  assert_problem (problems, NULL, "notifications", "a notification rule needs at least one state");
  g_assert_cmpuint (problems->len, ==, 11);

  pw_flow_set_name (flow, "");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = pw_flow_validate (flow);
  assert_problem (problems, NULL, "name", "the flow needs a name");

  g_assert_finalize_object (flow);
}

/* Problems of every sort in one flow are all reported at once, in flow
 * then task order. */
static void
test_all_at_once (void)
{
  PwFlow *flow = pw_flow_new ("many");
  g_autoptr(GPtrArray) problems = NULL;
  PwTask *task;

  add_parameter (flow, "n", PW_PARAM_TYPE_INT, "\"x\"");
  add_task (flow, "a", PW_TASK_KIND_NOOP, "b");
  add_task (flow, "b", PW_TASK_KIND_NOOP, "a");
  add_task (flow, "c", PW_TASK_KIND_NOOP, "ghost");
  add_task (flow, "c", PW_TASK_KIND_SHELL, NULL);
  task = add_task (flow, "d", PW_TASK_KIND_COMMAND, NULL);
  set_command (task, "echo", "{{ params.m }}");

  problems = pw_flow_validate (flow);
  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_null (pw_problem_get_task_key (g_ptr_array_index (problems, 0)));
  assert_problem (problems, NULL, "parameters.n", "must be an integer");
  assert_problem (problems, "c", "after", "unknown upstream task `ghost`");
  assert_problem (problems, "c", "key", "another task already has the key `c`");
  assert_problem (problems, "c", "script", "a shell task needs a `script`");
  assert_problem (problems, "d", "command", "no parameter `m`");
  assert_problem (problems, "a", "after", "a → b → a");

  g_assert_finalize_object (flow);
}

/* Validation stays linear: 10,000 tasks with templates and fan-in. */
static void
test_large (void)
{
  PwFlow *flow = pw_flow_new ("large");
  g_autoptr(GPtrArray) problems = NULL;

  add_parameter (flow, "dir", PW_PARAM_TYPE_STRING, "\"/tmp\"");

  for (guint layer = 0; layer < 100; layer++)
    for (guint i = 0; i < 100; i++)
      {
        g_autofree char *key = g_strdup_printf ("t%u-%u", layer, i);
        g_autofree char *arg = NULL;
        PwTask *task = add_task (flow, key, PW_TASK_KIND_COMMAND, NULL);

        if (layer > 0)
          {
            for (guint k = 0; k < 3; k++)
              {
                g_autofree char *up = g_strdup_printf ("t%u-%u", layer - 1, (i * 7 + k * 31) % 100);
                pw_task_add_upstream (task, up);
              }
            guint j = i;

            /* A task of the first layer, upstream through every layer:
             * follow the first upstream key down. */
            for (guint l = layer; l > 0; l--)
              j = (j * 7) % 100;
            arg = g_strdup_printf ("{{ params.dir }}/{{ tasks.t0-%u.result }}", j);
          }
        else
          arg = g_strdup ("{{ params.dir }}");

        set_command (task, "echo", arg);
      }

  problems = pw_flow_validate (flow);
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_finalize_object (flow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Model/validate/valid", test_valid);
  g_test_add_func ("/Model/validate/keys", test_keys);
  g_test_add_func ("/Model/validate/upstream", test_upstream);
  g_test_add_func ("/Model/validate/cycles", test_cycles);
  g_test_add_func ("/Model/validate/templates", test_templates);
  g_test_add_func ("/Model/validate/transitive-upstream", test_transitive_upstream);
  g_test_add_func ("/Model/validate/map", test_map);
  g_test_add_func ("/Model/validate/kinds", test_kinds);
  g_test_add_func ("/Model/validate/flow-level", test_flow_level);
  g_test_add_func ("/Model/validate/all-at-once", test_all_at_once);
  g_test_add_func ("/Model/validate/large", test_large);

  return g_test_run ();
}
