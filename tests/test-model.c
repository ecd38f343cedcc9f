/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-model"

#include "config.h"

#include "pw-enum-types.h"
#include "pw-enums.h"
#include "pw-flow.h"
#include "pw-problem.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_enums_strings (void)
{
  PwTaskKind kind;
  PwTriggerRule rule;
  PwParamType type;
  PwCachePolicy policy;
  PwTaskRunnerKind runner;

  for (guint i = PW_TASK_KIND_COMMAND; i <= PW_TASK_KIND_NOOP; i++)
    {
      g_assert_true (pw_task_kind_from_string (pw_task_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  for (guint i = PW_TRIGGER_RULE_ALL_SUCCESSFUL; i <= PW_TRIGGER_RULE_ALWAYS; i++)
    {
      g_assert_true (pw_trigger_rule_from_string (pw_trigger_rule_to_string (i), &rule));
      g_assert_cmpint (rule, ==, i);
    }
  for (guint i = PW_PARAM_TYPE_STRING; i <= PW_PARAM_TYPE_JSON; i++)
    {
      g_assert_true (pw_param_type_from_string (pw_param_type_to_string (i), &type));
      g_assert_cmpint (type, ==, i);
    }

  g_assert_cmpstr (pw_task_kind_to_string (PW_TASK_KIND_SUBFLOW), ==, "subflow");
  g_assert_cmpstr (pw_trigger_rule_to_string (PW_TRIGGER_RULE_ANY_FAILED), ==, "any_failed");
  g_assert_cmpstr (pw_param_type_to_string (PW_PARAM_TYPE_FLOAT), ==, "float");
  g_assert_true (pw_cache_policy_from_string ("inputs", &policy));
  g_assert_cmpint (policy, ==, PW_CACHE_POLICY_INPUTS);
  g_assert_cmpstr (pw_cache_policy_to_string (PW_CACHE_POLICY_NONE), ==, "none");
  g_assert_true (pw_task_runner_kind_from_string ("sequential", &runner));
  g_assert_cmpint (runner, ==, PW_TASK_RUNNER_KIND_SEQUENTIAL);
  g_assert_cmpstr (pw_task_runner_kind_to_string (PW_TASK_RUNNER_KIND_CONCURRENT), ==,
                   "concurrent");

  g_assert_false (pw_task_kind_from_string ("Command", &kind));
  g_assert_false (pw_task_kind_from_string (NULL, &kind));
  g_assert_false (pw_trigger_rule_from_string ("all-successful", NULL));
  g_assert_true (pw_trigger_rule_from_string ("always", NULL));
}

static void
test_enums_gtypes (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (PW_TYPE_TRIGGER_RULE);
  GEnumValue *value = g_enum_get_value (klass, PW_TRIGGER_RULE_ALL_FINISHED);

  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "all-finished");
  g_assert_true (G_TYPE_IS_ENUM (PW_TYPE_TASK_KIND));
  g_assert_true (G_TYPE_IS_ENUM (PW_TYPE_PARAM_TYPE));
  g_assert_true (G_TYPE_IS_ENUM (PW_TYPE_CACHE_POLICY));
  g_assert_true (G_TYPE_IS_ENUM (PW_TYPE_TASK_RUNNER_KIND));
}

static void
test_problem (void)
{
  g_autoptr(PwProblem) problem = pw_problem_new ("train", "retries",
                                                 "`retries` must be an integer, not a string");
  g_autoptr(PwProblem) copy = pw_problem_copy (problem);
  g_autoptr(PwProblem) flow_level = pw_problem_new_printf (NULL, "name", "the flow has no `%s`",
                                                           "name");
  g_autofree char *text = pw_problem_to_string (copy);
  g_autofree char *flow_text = pw_problem_to_string (flow_level);

  g_assert_cmpstr (pw_problem_get_task_key (copy), ==, "train");
  g_assert_cmpstr (pw_problem_get_member (copy), ==, "retries");
  g_assert_cmpstr (text, ==, "task train: `retries` must be an integer, not a string");
  g_assert_null (pw_problem_get_task_key (flow_level));
  g_assert_cmpstr (flow_text, ==, "the flow has no `name`");
  g_assert_true (G_TYPE_IS_BOXED (PW_TYPE_PROBLEM));
}

static void
test_suggest (void)
{
  static const char * const members[] = { "key", "retries", "retry_delay_seconds", "tags", "url",
                                         NULL };

  g_assert_cmpstr (pw_suggest_word ("retires", members, -1), ==, "retries");
  g_assert_cmpstr (pw_suggest_word ("Retries", members, -1), ==, "retries");
  g_assert_cmpstr (pw_suggest_word ("retry_delay_second", members, -1), ==, "retry_delay_seconds");
  g_assert_cmpstr (pw_suggest_word ("tag", members, 5), ==, "tags");
  g_assert_cmpstr (pw_suggest_word ("uri", members, -1), ==, "url");
  g_assert_null (pw_suggest_word ("command", members, -1));
  g_assert_null (pw_suggest_word ("x", members, -1));
}

static void
test_parameter (void)
{
  PwParameter *parameter = pw_parameter_new ("repos", PW_PARAM_TYPE_LIST);
  g_autoptr(JsonNode) list = json_from_string ("[\"a\", \"b\"]", NULL);
  g_autoptr(JsonNode) number = json_from_string ("3", NULL);
  g_autoptr(JsonNode) real = json_from_string ("2.5", NULL);
  g_autoptr(JsonNode) null = json_from_string ("null", NULL);
  JsonNode *kept;
  guint notified = 0;

  g_signal_connect (parameter, "notify", G_CALLBACK (count_notify), &notified);

  g_assert_cmpstr (pw_parameter_get_name (parameter), ==, "repos");
  g_assert_null (pw_parameter_get_default (parameter));

  pw_parameter_set_default (parameter, list);
  g_assert_cmpuint (notified, ==, 1);
  pw_parameter_set_default (parameter, list);
  g_assert_cmpuint (notified, ==, 1);

  /* The parameter keeps its own sealed copy. */
  json_array_add_string_element (json_node_get_array (list), "c");
  kept = pw_parameter_get_default (parameter);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (kept)), ==, 2);
  g_assert_true (json_node_is_immutable (kept));

  pw_parameter_set_default (parameter, null);
  g_assert_null (pw_parameter_get_default (parameter));
  g_assert_cmpuint (notified, ==, 2);

  g_assert_true (pw_parameter_accepts (parameter, list));
  g_assert_false (pw_parameter_accepts (parameter, number));
  g_assert_true (pw_param_type_accepts (PW_PARAM_TYPE_INT, number));
  g_assert_false (pw_param_type_accepts (PW_PARAM_TYPE_INT, real));
  g_assert_true (pw_param_type_accepts (PW_PARAM_TYPE_FLOAT, number));
  g_assert_true (pw_param_type_accepts (PW_PARAM_TYPE_FLOAT, real));
  g_assert_true (pw_param_type_accepts (PW_PARAM_TYPE_JSON, null));
  g_assert_false (pw_param_type_accepts (PW_PARAM_TYPE_STRING, NULL));

  pw_parameter_set_description (parameter, "Repositories");
  pw_parameter_set_param_type (parameter, PW_PARAM_TYPE_JSON);
  pw_parameter_set_name (parameter, "repositories");
  g_assert_cmpuint (notified, ==, 5);
  g_assert_cmpint (pw_parameter_get_param_type (parameter), ==, PW_PARAM_TYPE_JSON);

  g_assert_finalize_object (parameter);
}

static void
test_notification_rule (void)
{
  static const char * const states[] = { "Failed", "CRASHED", NULL };
  PwNotificationRule *rule = pw_notification_rule_new (states, NULL);

  g_assert_true (pw_notification_rule_matches (rule, "FAILED", "Failed"));
  g_assert_true (pw_notification_rule_matches (rule, "CRASHED", "Crashed"));
  g_assert_false (pw_notification_rule_matches (rule, "COMPLETED", "Completed"));
  g_assert_null (pw_notification_rule_get_webhook (rule));
  pw_notification_rule_set_webhook (rule, "https://example.com/hook");
  g_assert_cmpstr (pw_notification_rule_get_webhook (rule), ==, "https://example.com/hook");

  g_assert_true (pw_state_is_known ("TimedOut"));
  g_assert_true (pw_state_is_known ("CANCELLING"));
  g_assert_false (pw_state_is_known ("Failing"));
  g_assert_cmpstr (pw_state_suggest ("Faild"), ==, "Failed");

  g_assert_finalize_object (rule);
}

static void
test_task_defaults (void)
{
  PwTask *task = pw_task_new ("train", PW_TASK_KIND_COMMAND);

  g_assert_cmpstr (pw_task_get_key (task), ==, "train");
  g_assert_null (pw_task_get_name (task));
  g_assert_cmpstr (pw_task_get_display_name (task), ==, "train");
  g_assert_cmpint (pw_task_get_kind (task), ==, PW_TASK_KIND_COMMAND);
  g_assert_nonnull (pw_task_get_command (task));
  g_assert_null (pw_task_get_command (task)[0]);
  g_assert_null (pw_task_get_after (task)[0]);
  g_assert_null (pw_task_get_tags (task)[0]);
  g_assert_null (pw_task_get_env (task)[0]);
  g_assert_null (pw_task_get_headers (task)[0]);
  g_assert_cmpstr (pw_task_get_method (task), ==, "GET");
  g_assert_cmpint (pw_task_get_retries (task), ==, PW_TASK_INHERIT);
  g_assert_cmpint (pw_task_get_retry_delay_seconds (task), ==, PW_TASK_INHERIT);
  g_assert_cmpfloat (pw_task_get_retry_backoff (task), ==, 1.0);
  g_assert_cmpfloat (pw_task_get_retry_jitter (task), ==, 0.0);
  g_assert_cmpint (pw_task_get_timeout_seconds (task), ==, PW_TASK_INHERIT);
  g_assert_cmpint (pw_task_get_cache_policy (task), ==, PW_CACHE_POLICY_NONE);
  g_assert_cmpint (pw_task_get_cache_expiration_seconds (task), ==, 0);
  g_assert_cmpint (pw_task_get_trigger (task), ==, PW_TRIGGER_RULE_ALL_SUCCESSFUL);
  g_assert_null (pw_task_get_map (task));
  g_assert_null (pw_task_get_workdir (task));
  g_assert_null (pw_task_get_parameters (task));
  g_assert_cmpfloat (pw_task_get_x (task), ==, 0.0);

  g_assert_finalize_object (task);
}

static void
test_task_setters (void)
{
  static const char * const argv[] = { "awk", "-F,", "{{ params.path }}", NULL };
  static const char * const headers[] = { "Accept", "application/json", "X-Token",
                                         "{{ params.token }}", NULL };
  static const char * const tags[] = { "io", NULL };
  static const char * const empty[] = { NULL };
  PwTask *task = pw_task_new ("fetch", PW_TASK_KIND_HTTP);
  g_autoptr(JsonNode) parameters = json_from_string ("{\"rows\": \"{{ tasks.a.result }}\"}", NULL);
  guint notified = 0;

  g_signal_connect (task, "notify", G_CALLBACK (count_notify), &notified);

  pw_task_set_command (task, argv);
  pw_task_set_command (task, argv);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstrv (pw_task_get_command (task), argv);

  pw_task_set_headers (task, headers);
  g_assert_cmpstr (pw_string_pairs_lookup (pw_task_get_headers (task), "X-Token"), ==,
                   "{{ params.token }}");
  g_assert_null (pw_string_pairs_lookup (pw_task_get_headers (task), "Accept-Language"));

  pw_task_set_method (task, "POST");
  g_assert_cmpstr (pw_task_get_method (task), ==, "POST");
  pw_task_set_method (task, NULL);
  g_assert_cmpstr (pw_task_get_method (task), ==, "GET");
  pw_task_set_method (task, "GET");
  g_assert_cmpuint (notified, ==, 4);

  pw_task_set_tags (task, tags);
  pw_task_set_tags (task, empty);
  g_assert_null (pw_task_get_tags (task)[0]);
  pw_task_set_tags (task, NULL);
  g_assert_cmpuint (notified, ==, 6);

  pw_task_set_parameters (task, parameters);
  json_object_set_string_member (json_node_get_object (parameters), "extra", "x");
  g_assert_false (json_object_has_member (json_node_get_object (pw_task_get_parameters (task)),
                                          "extra"));

  pw_task_set_retries (task, 3);
  pw_task_set_retry_delay_seconds (task, 5);
  pw_task_set_retry_backoff (task, 2.0);
  pw_task_set_retry_jitter (task, 0.1);
  pw_task_set_timeout_seconds (task, PW_TASK_NO_TIMEOUT);
  pw_task_set_cache_policy (task, PW_CACHE_POLICY_INPUTS);
  pw_task_set_cache_expiration_seconds (task, 60);
  pw_task_set_trigger (task, PW_TRIGGER_RULE_ALWAYS);
  pw_task_set_position (task, 10, 20);
  g_assert_cmpint (pw_task_get_retries (task), ==, 3);
  g_assert_cmpint (pw_task_get_timeout_seconds (task), ==, 0);
  g_assert_cmpfloat (pw_task_get_y (task), ==, 20);
  g_assert_cmpuint (notified, ==, 17);

  pw_task_add_upstream (task, "a");
  pw_task_add_upstream (task, "b");
  pw_task_add_upstream (task, "a");
  g_assert_true (pw_task_has_upstream (task, "b"));
  pw_task_remove_upstream (task, "a");
  g_assert_cmpstr (pw_task_get_after (task)[0], ==, "b");
  g_assert_null (pw_task_get_after (task)[1]);
  pw_task_remove_upstream (task, "b");
  g_assert_null (pw_task_get_after (task)[0]);
  pw_task_remove_upstream (task, "zzz");
  g_assert_cmpuint (notified, ==, 21);

  g_assert_finalize_object (task);
}

/* Every property can be read and written through GObject. */
static void
test_task_properties (void)
{
  PwTask *task = pw_task_new ("t", PW_TASK_KIND_SHELL);
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (task), &n);
  g_assert_cmpuint (n, ==, 26);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (task), pspecs[i]->name, &value);
      if (g_strcmp0 (pspecs[i]->name, "key") != 0 || g_value_get_string (&value) != NULL)
        g_object_set_property (G_OBJECT (task), pspecs[i]->name, &value);
    }

  g_object_set (task, "key", "renamed", "script", "echo hi", "retries", 2, "x", 5.0, NULL);
  g_assert_cmpstr (pw_task_get_key (task), ==, "renamed");
  g_assert_cmpstr (pw_task_get_script (task), ==, "echo hi");
  g_assert_cmpint (pw_task_get_retries (task), ==, 2);

  g_assert_finalize_object (task);
}

static void
test_task_copy (void)
{
  static const char * const env[] = { "LC_ALL", "C", NULL };
  PwTask *task = pw_task_new ("a", PW_TASK_KIND_SHELL);
  PwTask *copy;

  pw_task_set_script (task, "echo {{ params.x }}");
  pw_task_set_env (task, env);
  pw_task_set_workdir (task, "/tmp");
  pw_task_set_map (task, "{{ params.items }}");
  pw_task_set_name (task, "A");
  pw_task_add_upstream (task, "z");

  copy = pw_task_copy (task);
  g_assert_cmpstr (pw_task_get_script (copy), ==, "echo {{ params.x }}");
  g_assert_cmpstrv (pw_task_get_env (copy), env);
  g_assert_cmpstr (pw_task_get_workdir (copy), ==, "/tmp");
  g_assert_cmpstr (pw_task_get_map (copy), ==, "{{ params.items }}");
  g_assert_cmpstr (pw_task_get_display_name (copy), ==, "A");
  g_assert_true (pw_task_has_upstream (copy, "z"));

  g_assert_finalize_object (copy);
  g_assert_finalize_object (task);
}

static void
items_changed (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *count)
{
  (*count)++;
}

static void
test_flow_tasks (void)
{
  PwFlow *flow = pw_flow_new ("demo");
  PwTask *a = pw_task_new ("a", PW_TASK_KIND_NOOP);
  PwTask *b = pw_task_new ("b", PW_TASK_KIND_NOOP);
  PwTask *dup = pw_task_new ("a", PW_TASK_KIND_NOOP);
  guint changes = 0;

  g_signal_connect (pw_flow_get_tasks (flow), "items-changed", G_CALLBACK (items_changed),
                    &changes);

  pw_flow_add_task (flow, a);
  pw_flow_add_task (flow, b);
  pw_flow_insert_task (flow, 0, dup);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pw_flow_get_tasks (flow)), ==, 3);

  /* With duplicate keys, the first task in order wins. */
  g_assert_true (pw_flow_get_task (flow, "a") == dup);
  g_assert_true (pw_flow_get_task (flow, "b") == b);
  g_assert_null (pw_flow_get_task (flow, "c"));

  pw_task_set_key (dup, "c");
  g_assert_true (pw_flow_get_task (flow, "a") == a);
  g_assert_true (pw_flow_get_task (flow, "c") == dup);

  g_assert_true (pw_flow_remove_task (flow, a));
  g_assert_false (pw_flow_remove_task (flow, a));
  g_assert_null (pw_flow_get_task (flow, "a"));
  g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, 2);
  g_assert_cmpuint (changes, ==, 4);

  /* A removed task can join another flow, and renaming it no longer
   * touches the first one. */
  pw_task_set_key (a, "b");
  g_assert_true (pw_flow_get_task (flow, "b") == b);

  g_assert_finalize_object (a);
  g_object_unref (b);
  g_object_unref (dup);
  g_assert_finalize_object (flow);
}

static void
test_flow_settings (void)
{
  static const char * const tags[] = { "ml", NULL };
  PwFlow *flow = pw_flow_new ("ml");
  g_autoptr(PwTask) task = pw_task_new ("t", PW_TASK_KIND_NOOP);
  g_autoptr(PwParameter) parameter = pw_parameter_new ("x", PW_PARAM_TYPE_INT);
  g_autoptr(PwNotificationRule) rule = pw_notification_rule_new (NULL, NULL);
  PwFlow *copy;
  guint notified = 0;

  g_signal_connect (flow, "notify", G_CALLBACK (count_notify), &notified);

  g_assert_cmpint (pw_flow_get_task_runner_kind (flow), ==, PW_TASK_RUNNER_KIND_CONCURRENT);
  g_assert_cmpuint (pw_flow_get_max_workers (flow), ==, 0);
  g_assert_cmpint (pw_flow_get_default_retries (flow), ==, 0);
  g_assert_cmpint (pw_flow_get_default_retry_delay_seconds (flow), ==, 10);
  g_assert_cmpint (pw_flow_get_default_timeout_seconds (flow), ==, 0);

  pw_flow_set_tags (flow, tags);
  pw_flow_set_description (flow, "d");
  pw_flow_set_task_runner_kind (flow, PW_TASK_RUNNER_KIND_SEQUENTIAL);
  pw_flow_set_max_workers (flow, 4);
  pw_flow_set_default_retries (flow, 2);
  pw_flow_set_default_retry_delay_seconds (flow, 3);
  pw_flow_set_default_timeout_seconds (flow, 60);
  pw_flow_set_default_timeout_seconds (flow, 60);
  g_assert_cmpuint (notified, ==, 7);

  pw_flow_add_task (flow, task);
  g_assert_cmpint (pw_flow_get_task_retries (flow, task), ==, 2);
  g_assert_cmpint (pw_flow_get_task_retry_delay_seconds (flow, task), ==, 3);
  g_assert_cmpint (pw_flow_get_task_timeout_seconds (flow, task), ==, 60);
  pw_task_set_retries (task, 0);
  pw_task_set_timeout_seconds (task, PW_TASK_NO_TIMEOUT);
  g_assert_cmpint (pw_flow_get_task_retries (flow, task), ==, 0);
  g_assert_cmpint (pw_flow_get_task_timeout_seconds (flow, task), ==, 0);

  pw_flow_add_parameter (flow, parameter);
  g_assert_true (pw_flow_get_parameter (flow, "x") == parameter);
  g_assert_null (pw_flow_get_parameter (flow, "y"));
  pw_flow_add_notification (flow, rule);
  g_assert_cmpuint (g_list_model_get_n_items (pw_flow_get_notifications (flow)), ==, 1);

  copy = pw_flow_copy (flow);
  g_assert_cmpstr (pw_flow_get_description (copy), ==, "d");
  g_assert_cmpstrv (pw_flow_get_tags (copy), tags);
  g_assert_cmpuint (pw_flow_get_max_workers (copy), ==, 4);
  g_assert_cmpuint (pw_flow_get_n_tasks (copy), ==, 1);
  g_assert_true (pw_flow_get_task (copy, "t") != task);
  g_assert_nonnull (pw_flow_get_parameter (copy, "x"));
  g_assert_finalize_object (copy);

  g_assert_true (pw_flow_remove_parameter (flow, parameter));
  g_assert_false (pw_flow_remove_parameter (flow, parameter));
  g_assert_true (pw_flow_remove_notification (flow, rule));

  g_assert_finalize_object (flow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Model/enums/strings", test_enums_strings);
  g_test_add_func ("/Model/enums/gtypes", test_enums_gtypes);
  g_test_add_func ("/Model/problem/basics", test_problem);
  g_test_add_func ("/Model/problem/suggest", test_suggest);
  g_test_add_func ("/Model/parameter/basics", test_parameter);
  g_test_add_func ("/Model/notification-rule/basics", test_notification_rule);
  g_test_add_func ("/Model/task/defaults", test_task_defaults);
  g_test_add_func ("/Model/task/setters", test_task_setters);
  g_test_add_func ("/Model/task/properties", test_task_properties);
  g_test_add_func ("/Model/task/copy", test_task_copy);
  g_test_add_func ("/Model/flow/tasks", test_flow_tasks);
  g_test_add_func ("/Model/flow/settings", test_flow_settings);

  return g_test_run ();
}
