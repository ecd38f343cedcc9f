/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-flow-file"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pw-flow-file.h"
#include "pw-flow-graph.h"
#include "pw-flow-validate.h"

#define ORIGIN "test.flow.json"

/* The example of DESIGN.md §3, verbatim. */
static const char design_example[] =
  "{\n"
  "  \"format\": \"pipewright-flow/1\",\n"
  "  \"name\": \"ml-training\",\n"
  "  \"description\": \"Train, register and deploy the trip-duration model\",\n"
  "  \"tags\": [\"ml\"],\n"
  "  \"parameters\": [\n"
  "    {\"name\": \"train_path\", \"type\": \"string\", \"default\": \"data/train.csv\", "
  "\"description\": \"Training CSV\"},\n"
  "    {\"name\": \"repos\", \"type\": \"list\", \"default\": [\"PrefectHQ/prefect\", "
  "\"GNOME/gtk\"]}\n"
  "  ],\n"
  "  \"task_runner\": {\"kind\": \"concurrent\", \"max_workers\": 4},\n"
  "  \"defaults\": {\"retries\": 0, \"retry_delay_seconds\": 10, \"timeout_seconds\": null},\n"
  "  \"notifications\": [{\"states\": [\"Failed\", \"Crashed\", \"TimedOut\"], "
  "\"webhook\": null}],\n"
  "  \"tasks\": [\n"
  "    {\"key\": \"read_train\", \"name\": \"Read training data\", \"kind\": \"command\",\n"
  "     \"command\": [\"awk\", \"-F,\", \"NR>1{n++} END{print n}\", \"{{ params.train_path }}\"],\n"
  "     \"after\": [], \"retries\": 3, \"retry_delay_seconds\": 5, \"retry_backoff\": 2.0, "
  "\"retry_jitter\": 0.1,\n"
  "     \"timeout_seconds\": 600, \"cache\": {\"policy\": \"inputs\", "
  "\"expiration_seconds\": 86400},\n"
  "     \"tags\": [\"io\"], \"trigger\": \"all_successful\", \"env\": {\"LC_ALL\": \"C\"}, "
  "\"workdir\": null,\n"
  "     \"x\": 120, \"y\": 80},\n"
  "    {\"key\": \"stars\", \"kind\": \"http\", \"method\": \"GET\", "
  "\"url\": \"https://api.github.com/repos/{{ item }}\",\n"
  "     \"headers\": {\"Accept\": \"application/json\"}, \"body\": null, "
  "\"map\": \"{{ params.repos }}\"},\n"
  "    {\"key\": \"features\", \"kind\": \"shell\", "
  "\"script\": \"echo {{ tasks.read_train.result }} > n.txt\",\n"
  "     \"after\": [\"read_train\"]},\n"
  "    {\"key\": \"report\", \"kind\": \"subflow\", \"flow\": \"publish-report\",\n"
  "     \"parameters\": {\"rows\": \"{{ tasks.read_train.result }}\"}, \"after\": [\"features\", "
  "\"stars\"]},\n"
  "    {\"key\": \"done\", \"kind\": \"noop\", \"after\": [\"report\"], "
  "\"trigger\": \"all_finished\"}\n"
  "  ]\n"
  "}\n";

#define HEAD "{\"format\": \"pipewright-flow/1\", \"name\": \"t\", "

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pw-flow-file-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }

  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static PwFlow *
load (const char  *text,
      GPtrArray  **problems,
      GError     **error)
{
  return pw_flow_file_load_data (text, strlen (text), ORIGIN, problems, error);
}

static char *
dump (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      PwProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = pw_problem_to_string (problem);

      g_string_append_printf (text, "\n  [%s] %s", pw_problem_get_member (problem), line);
    }

  return g_string_free (text, FALSE);
}

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

  g_assert_nonnull (problems);

  for (guint i = 0; i < problems->len; i++)
    {
      PwProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (pw_problem_get_task_key (problem), task_key) == 0 &&
          g_strcmp0 (pw_problem_get_member (problem), member) == 0 &&
          strstr (pw_problem_get_message (problem), text) != NULL)
        return;
    }

  all = dump (problems);
  message = g_strdup_printf ("no problem [%s] %s: “%s” among:%s", task_key, member, text, all);
  g_assertion_message (G_LOG_DOMAIN, file, line, G_STRFUNC, message);
}

/* Loads @text expecting %PW_FLOW_ERROR_INVALID; returns the problems. */
static GPtrArray *
load_invalid (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;
  PwFlow *flow;

  flow = load (text, &problems, &error);
  g_assert_null (flow);
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_INVALID);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);

  return problems;
}

static const char *
examples_dir (void)
{
  const char *dir = g_getenv ("PW_EXAMPLES_DIR");

  return dir != NULL ? dir : g_test_get_filename (G_TEST_DIST, "..", "data", "examples", NULL);
}

static void
test_examples (void)
{
  static const char * const names[] = { "ml-training", "github-stars", "hello" };
  static const guint n_tasks[] = { 6, 2, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.flow.json", names[i]);
      g_autofree char *path = g_build_filename (examples_dir (), file, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *saved = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) order = NULL;
      g_autoptr(GError) error = NULL;
      PwFlow *flow;

      flow = pw_flow_file_load_path (path, &problems, &error);
      g_assert_no_error (error);
      g_assert_null (problems);
      g_assert_nonnull (flow);
      g_assert_cmpstr (pw_flow_get_name (flow), ==, names[i]);
      g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, n_tasks[i]);

      problems = pw_flow_validate (flow);
      g_assert_cmpuint (problems->len, ==, 0);
      order = pw_flow_topological_order (flow, &error);
      g_assert_no_error (error);

      /* The examples are written the way Pipewright writes them. */
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      saved = pw_flow_file_to_data (flow, NULL);
      g_assert_cmpstr (saved, ==, contents);

      g_clear_pointer (&order, g_ptr_array_unref);
      g_assert_finalize_object (flow);
    }
}

static void
test_design_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  PwFlow *flow;
  PwTask *task;
  JsonObject *object;
  g_autoptr(PwParameter) repos = NULL;

  flow = load (design_example, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (flow);

  g_assert_cmpuint (pw_flow_get_max_workers (flow), ==, 4);
  g_assert_cmpint (pw_flow_get_default_timeout_seconds (flow), ==, 0);
  g_assert_cmpint (pw_flow_get_default_retry_delay_seconds (flow), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (pw_flow_get_notifications (flow)), ==, 1);

  repos = g_list_model_get_item (pw_flow_get_parameters (flow), 1);
  g_assert_cmpint (pw_parameter_get_param_type (repos), ==, PW_PARAM_TYPE_LIST);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (pw_parameter_get_default (repos))),
                    ==, 2);

  task = pw_flow_get_task (flow, "read_train");
  g_assert_cmpint (pw_task_get_kind (task), ==, PW_TASK_KIND_COMMAND);
  g_assert_cmpstr (pw_task_get_command (task)[3], ==, "{{ params.train_path }}");
  g_assert_cmpint (pw_task_get_retries (task), ==, 3);
  g_assert_cmpint (pw_task_get_retry_delay_seconds (task), ==, 5);
  g_assert_cmpfloat (pw_task_get_retry_backoff (task), ==, 2.0);
  g_assert_cmpfloat (pw_task_get_retry_jitter (task), ==, 0.1);
  g_assert_cmpint (pw_task_get_timeout_seconds (task), ==, 600);
  g_assert_cmpint (pw_task_get_cache_policy (task), ==, PW_CACHE_POLICY_INPUTS);
  g_assert_cmpint (pw_task_get_cache_expiration_seconds (task), ==, 86400);
  g_assert_cmpstr (pw_string_pairs_lookup (pw_task_get_env (task), "LC_ALL"), ==, "C");
  g_assert_null (pw_task_get_workdir (task));
  g_assert_cmpfloat (pw_task_get_x (task), ==, 120);

  task = pw_flow_get_task (flow, "stars");
  g_assert_cmpstr (pw_task_get_map (task), ==, "{{ params.repos }}");
  g_assert_cmpstr (pw_task_get_headers (task)[1], ==, "application/json");
  g_assert_null (pw_task_get_body (task));
  g_assert_cmpint (pw_task_get_retries (task), ==, PW_TASK_INHERIT);
  g_assert_cmpint (pw_task_get_timeout_seconds (task), ==, PW_TASK_INHERIT);

  task = pw_flow_get_task (flow, "report");
  g_assert_cmpstr (pw_task_get_flow_name (task), ==, "publish-report");
  object = json_node_get_object (pw_task_get_parameters (task));
  g_assert_cmpstr (json_object_get_string_member (object, "rows"), ==,
                   "{{ tasks.read_train.result }}");

  task = pw_flow_get_task (flow, "done");
  g_assert_cmpint (pw_task_get_trigger (task), ==, PW_TRIGGER_RULE_ALL_FINISHED);

  g_assert_finalize_object (flow);
}

/* load → save → load → save gives the same bytes, and the same model. */
static void
assert_round_trip (PwFlow *flow)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize length;
  PwFlow *again;

  first = pw_flow_file_to_data (flow, &length);
  g_assert_cmpuint (length, ==, strlen (first));

  again = load (first, NULL, &error);
  g_assert_no_error (error);
  second = pw_flow_file_to_data (again, NULL);
  g_assert_cmpstr (first, ==, second);

  g_assert_finalize_object (again);
}

static void
test_round_trip_design (void)
{
  g_autoptr(GError) error = NULL;
  PwFlow *flow = load (design_example, NULL, &error);

  g_assert_no_error (error);
  assert_round_trip (flow);
  g_assert_finalize_object (flow);
}

static void
test_round_trip_api (void)
{
  static const char * const argv[] = { "printf", "%s\\n", "tab\there \"quoted\" ünï ✓",
                                      "{{ params.who }}", NULL };
  static const char * const headers[] = { "Z-Last", "1", "Accept", "text/plain", "A-First",
                                         "{{ params.who }}", NULL };
  static const char * const env[] = { "B", "2", "A", "1", NULL };
  static const char * const tags[] = { "one", "two", NULL };
  static const char * const states[] = { "FAILED", "Late", NULL };
  const char *defaults[] = {
    "\"Wörld\\u0001\"", "-42", "2.5", "true", "[1, [2, {\"a\": null}], \"x\"]",
    "{\"nested\": {\"list\": [1.0, 1e300, -0.25]}, \"empty\": {}, \"none\": []}",
  };
  PwFlow *flow = pw_flow_new ("everything");
  g_autoptr(PwNotificationRule) rule = pw_notification_rule_new (states,
                                                                 "https://hooks.example.com/x");
  g_autoptr(JsonNode) parameters = json_from_string ("{\"b\": 1, "
                                                     "\"a\": [\"{{ tasks.cmd.result }}\"]}", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  PwTask *task;

  pw_flow_set_description (flow, "Line one\nline two");
  pw_flow_set_tags (flow, tags);
  pw_flow_set_task_runner_kind (flow, PW_TASK_RUNNER_KIND_SEQUENTIAL);
  pw_flow_set_default_retries (flow, 1);
  pw_flow_set_default_timeout_seconds (flow, 30);
  pw_flow_add_notification (flow, rule);

  for (guint i = PW_PARAM_TYPE_STRING; i <= PW_PARAM_TYPE_JSON; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%u", i);
      g_autoptr(PwParameter) parameter = pw_parameter_new (i == 0 ? "who" : name, i);
      g_autoptr(JsonNode) value = json_from_string (defaults[i], NULL);

      pw_parameter_set_default (parameter, value);
      if (i % 2 == 0)
        pw_parameter_set_description (parameter, "about it");
      pw_flow_add_parameter (flow, parameter);
    }

  task = pw_task_new ("cmd", PW_TASK_KIND_COMMAND);
  pw_task_set_command (task, argv);
  pw_task_set_env (task, env);
  pw_task_set_workdir (task, "/tmp/pipewright");
  pw_task_set_timeout_seconds (task, PW_TASK_NO_TIMEOUT);
  pw_task_set_retry_jitter (task, 0.3);
  pw_task_set_retry_backoff (task, 1.5);
  pw_task_set_cache_policy (task, PW_CACHE_POLICY_INPUTS);
  pw_task_set_position (task, 12.5, -3);
  pw_flow_add_task (flow, task);
  g_object_unref (task);

  task = pw_task_new ("req", PW_TASK_KIND_HTTP);
  pw_task_set_name (task, "Request");
  pw_task_set_method (task, "PATCH");
  pw_task_set_url (task, "http://localhost:8080/x?q={{ params.who }}");
  pw_task_set_headers (task, headers);
  pw_task_set_body (task, "");
  pw_task_set_tags (task, tags);
  pw_task_set_trigger (task, PW_TRIGGER_RULE_ANY_FAILED);
  pw_task_set_retries (task, 0);
  pw_task_set_retry_delay_seconds (task, 0);
  pw_task_set_cache_expiration_seconds (task, 5);
  pw_task_add_upstream (task, "cmd");
  pw_task_set_position (task, 0.1, 1e6);
  pw_flow_add_task (flow, task);
  g_object_unref (task);

  task = pw_task_new ("sub", PW_TASK_KIND_SUBFLOW);
  pw_task_set_flow_name (task, "other");
  pw_task_set_parameters (task, parameters);
  pw_task_set_after (task, (const char * const[]) { "req", "cmd", NULL });
  pw_flow_add_task (flow, task);
  g_object_unref (task);

  task = pw_task_new ("sh", PW_TASK_KIND_SHELL);
  pw_task_set_script (task, "for x in {{ tasks.sub.result }}; do echo \"$x\"; done\n");
  pw_task_set_map (task, "{{ params.p4 }}");
  pw_task_add_upstream (task, "sub");
  pw_flow_add_task (flow, task);
  g_object_unref (task);

  problems = pw_flow_validate (flow);
  g_assert_cmpuint (problems->len, ==, 0);

  assert_round_trip (flow);
  g_assert_finalize_object (flow);
}

static void
test_null_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  PwFlow *flow;

  flow = load (HEAD "\"tasks\": ["
               "{\"key\": \"a\", \"kind\": \"noop\", \"timeout_seconds\": null, \"retries\": null,"
               " \"cache\": null, \"tags\": null, \"after\": null, \"trigger\": null, "
               "\"map\": null},"
               "{\"key\": \"b\", \"kind\": \"noop\", \"timeout_seconds\": 0},"
               "{\"key\": \"c\", \"kind\": \"noop\"}]}", NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (pw_task_get_timeout_seconds (pw_flow_get_task (flow, "a")), ==,
                   PW_TASK_NO_TIMEOUT);
  g_assert_cmpint (pw_task_get_retries (pw_flow_get_task (flow, "a")), ==, PW_TASK_INHERIT);
  g_assert_cmpint (pw_task_get_timeout_seconds (pw_flow_get_task (flow, "b")), ==,
                   PW_TASK_NO_TIMEOUT);
  g_assert_cmpint (pw_task_get_timeout_seconds (pw_flow_get_task (flow, "c")), ==, PW_TASK_INHERIT);

  /* "No timeout" stays distinct from "the flow's timeout". */
  saved = pw_flow_file_to_data (flow, NULL);
  g_assert_nonnull (strstr (saved, "\"key\": \"a\",\n"
                                   "      \"kind\": \"noop\",\n"
                                   "      \"timeout_seconds\": null,"));
  g_assert_null (strstr (saved, "\"retries\""));
  assert_round_trip (flow);

  g_assert_finalize_object (flow);
}

static void
test_not_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_null (load ("{\"format\": \"pipewright-flow/1\",\n \"name\": x}", &problems, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, ORIGIN ":2:10: not valid JSON: "));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (pw_problem_get_message (g_ptr_array_index (problems, 0)), ==, error->message);
  g_clear_error (&error);

  g_assert_null (pw_flow_file_load_data ("{\"a\": ", 6, NULL, NULL, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "line 1, column "));
  g_clear_error (&error);

  g_assert_null (load ("  \n ", NULL, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, ORIGIN " is empty");
}

static void
test_not_object (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_null (load ("[1, 2]", &problems, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, ORIGIN " must hold a JSON object, not an array");
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_error (&error);

  g_assert_null (load ("\"flow\"", NULL, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_INVALID);
}

static void
test_missing_required (void)
{
  g_autoptr(GPtrArray) problems = load_invalid ("{}");
  g_autoptr(GPtrArray) task_problems = NULL;

  assert_problem (problems, NULL, "format", "has no `format`");
  assert_problem (problems, NULL, "name", "the flow has no `name`");
  assert_problem (problems, NULL, "tasks", "the flow has no `tasks`");
  g_assert_cmpuint (problems->len, ==, 3);

  task_problems = load_invalid (HEAD "\"tasks\": ["
                                "{\"kind\": \"noop\"}, {\"key\": \"a\"},"
                                "{\"key\": \"b\", \"kind\": \"command\"}, {\"key\": \"c\", "
                                "\"kind\": \"shell\"},"
                                "{\"key\": \"d\", \"kind\": \"http\"}, {\"key\": \"e\", "
                                "\"kind\": \"subflow\"},"
                                "5, {\"key\": 5, \"kind\": \"noop\"}]}");
  assert_problem (task_problems, NULL, "tasks", "task #1 has no `key`");
  assert_problem (task_problems, "a", "kind", "the task has no `kind`");
  assert_problem (task_problems, "b", "command", "a command task needs `command`");
  assert_problem (task_problems, "c", "script", "a shell task needs `script`");
  assert_problem (task_problems, "d", "url", "an http task needs `url`");
  assert_problem (task_problems, "e", "flow", "a subflow task needs `flow`");
  assert_problem (task_problems, NULL, "tasks", "task #7 must be an object, not an integer");
  assert_problem (task_problems, NULL, "tasks", "task #8: `key` must be a string, not an integer");
  /* Validation does not repeat what the reader said. */
  g_assert_cmpuint (task_problems->len, ==, 8);
}

static void
test_cycle (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  problems = load_invalid (HEAD "\"tasks\": ["
                           "{\"key\": \"a\", \"kind\": \"noop\", \"after\": [\"c\"]},"
                           "{\"key\": \"b\", \"kind\": \"noop\", \"after\": [\"a\"]},"
                           "{\"key\": \"c\", \"kind\": \"noop\", \"after\": [\"b\"]}]}");
  assert_problem (problems, "a", "after",
                  "these tasks depend on each other in a circle: a → b → c → a");
  g_assert_cmpuint (problems->len, ==, 1);

  g_assert_null (load (HEAD "\"tasks\": [\n"
                       "  {\"key\": \"a\", \"kind\": \"noop\",\n"
                       "   \"after\": [\"b\"]},\n"
                       "  {\"key\": \"b\", \"kind\": \"noop\", "
                       "\"after\": [\"a\"]}]}", NULL, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   ORIGIN ": 1 problem\n"
                   ORIGIN ":3: task a: these tasks depend on each other in a circle: a → b → a");
}

static void
test_unknown_upstream (void)
{
  g_autoptr(GPtrArray) problems = NULL;

  problems = load_invalid (HEAD "\"tasks\": ["
                           "{\"key\": \"features\", \"kind\": \"noop\"},"
                           "{\"key\": \"train\", \"kind\": \"noop\", \"after\": [\"feature\"]}]}");
  assert_problem (problems, "train", "after",
                  "unknown upstream task `feature`; did you mean `features`?");
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_duplicate_keys (void)
{
  g_autoptr(GPtrArray) problems = NULL;

  problems = load_invalid (HEAD "\"tasks\": ["
                           "{\"key\": \"train\", \"kind\": \"noop\"},"
                           "{\"key\": \"train\", \"kind\": \"noop\"}]}");
  assert_problem (problems, "train", "key", "another task already has the key `train`");
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char nul[] = HEAD "\"tasks\": [], \"description\": \"a\0b\"}";

  g_assert_null (load ("{\"format\": \"pipewright-flow/1\",\n \"name\": \"caf\xe9\"}", &problems,
                       &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, ORIGIN ":2:14: not valid UTF-8 text; flow files are UTF-8");
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_error (&error);

  /* The column counts characters, not bytes. */
  g_assert_null (load ("{\"name\": \"ünï\xff\"}", NULL, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, ORIGIN ":1:14:"));
  g_clear_error (&error);

  g_assert_null (pw_flow_file_load_data (nul, sizeof nul - 1, ORIGIN, NULL, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "NUL byte"));
}

static void
test_bom (void)
{
  g_autoptr(GError) error = NULL;
  PwFlow *flow = load ("\xef\xbb\xbf" HEAD "\"tasks\": []}", NULL, &error);

  g_assert_no_error (error);
  g_assert_finalize_object (flow);
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "big.flow.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char *start = HEAD "\"description\": \"";
  int fd;

  /* 100 MB, most of it a hole: the loader must refuse it from its size. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, start, strlen (start)), ==, (gssize) strlen (start));
  g_assert_cmpint (ftruncate (fd, 100 * 1000 * 1000), ==, 0);
  close (fd);

  g_assert_null (pw_flow_file_load_path (path, &problems, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_TOO_LARGE);
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_nonnull (strstr (error->message, "big.flow.json is too large (100.0\u00a0MB)"));
  g_assert_nonnull (strstr (error->message, "at most 32.0\u00a0MiB"));
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_too_deep (void)
{
  g_autoptr(GString) text = g_string_new (HEAD "\"tasks\": [], \"description\": ");
  g_autoptr(GString) fine = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *prefix = NULL;
  PwFlow *flow;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  g_assert_null (load (text->str, &problems, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_TOO_DEEP);
  prefix = g_strdup_printf (ORIGIN ":1:%u: arrays and objects are nested more than 64 levels deep",
                            (guint) strlen (HEAD "\"tasks\": [], \"description\": ") + 64);
  g_assert_cmpstr (error->message, ==, prefix);
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_error (&error);

  /* Exactly 64 levels is fine; brackets in strings do not count. */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (fine, '[');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (fine, ']');
  g_assert_null (load (fine->str, NULL, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_INVALID);
  g_clear_error (&error);

  g_string_assign (text, HEAD "\"tasks\": [], \"description\": \"\\\"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "[{");
  g_string_append (text, "\"}");
  flow = load (text->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (flow);
}

static void
test_unknown_member (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;

  g_assert_null (load (HEAD "\"tsks\": [], \"tasks\": [{\"key\": \"train\", \"kind\": \"noop\", "
                            "\"retires\": 3,"
                       " \"cache\": {\"polcy\": \"inputs\"}}]}", &problems, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_INVALID);

  assert_problem (problems, NULL, "tsks", "unknown member `tsks`; did you mean `tasks`?");
  assert_problem (problems, "train", "retires",
                  "unknown member `retires`; did you mean `retries`?");
  assert_problem (problems, "train", "cache",
                  "unknown member `polcy` in `cache`; did you mean `policy`?");
  assert_problem (problems, "train", "cache.policy", "`cache` needs a `policy`");
  g_assert_cmpuint (problems->len, ==, 4);

  text = pw_problem_to_string (g_ptr_array_index (problems, 1));
  g_assert_cmpstr (text, ==, "task train: unknown member `retires`; did you mean `retries`?");
  g_assert_nonnull (strstr (error->message, "\n" ORIGIN ":1: task train: "
                            "unknown member `retires`; did you mean `retries`?"));
}

static void
test_wrong_types (void)
{
  g_autoptr(GPtrArray) problems = NULL;

  problems = load_invalid ("{\"format\": \"pipewright-flow/1\", \"name\": 5, \"tags\": \"ml\","
                           " \"parameters\": [{\"name\": \"n\", \"type\": \"integer\", "
                           "\"default\": 3}, {\"type\": \"int\"}, 7],"
                           " \"task_runner\": {\"kind\": \"sequential\", \"max_workers\": 2},"
                           " \"defaults\": {\"retries\": -1, \"timeout_seconds\": \"1h\"},"
                           " \"notifications\": [{\"webhook\": null}],"
                           " \"tasks\": [{\"key\": \"train\", \"kind\": \"command\", "
                           "\"command\": [\"x\", 1],"
                           "   \"retries\": \"three\", \"after\": \"a\", \"tags\": [1], "
                           "\"x\": \"1\","
                           "   \"env\": {\"A\": 1}, \"retry_delay_seconds\": 2.5, "
                           "\"timeout_seconds\": -5,"
                           "   \"trigger\": \"all_succesful\", \"url\": \"http://x\"},"
                           "  {\"key\": \"k\", \"kind\": \"bash\"}]}");

  assert_problem (problems, NULL, "name", "`name` must be a string, not an integer");
  assert_problem (problems, NULL, "tags", "`tags` must be an array of strings, not a string");
  assert_problem (problems, NULL, "parameters.n",
                  "`parameters.n` cannot be `integer`; use one of string, int, float, bool, list, "
                  "json");
  assert_problem (problems, NULL, "parameters", "parameter #2 has no `name`");
  assert_problem (problems, NULL, "parameters", "parameter #3 must be an object, not an integer");
  assert_problem (problems, NULL, "task_runner.max_workers",
                  "only applies to the concurrent task runner");
  assert_problem (problems, NULL, "defaults.retries", "`defaults.retries` cannot be negative");
  assert_problem (problems, NULL, "defaults.timeout_seconds", "must be an integer, not a string");
  assert_problem (problems, NULL, "notifications.states", "notification rule #1 has no `states`");
  assert_problem (problems, "train", "command",
                  "`command` must be an array of strings; element 2 is an integer");
  assert_problem (problems, "train", "retries", "`retries` must be an integer, not a string");
  assert_problem (problems, "train", "after", "`after` must be an array of strings, not a string");
  assert_problem (problems, "train", "tags", "element 1 is an integer");
  assert_problem (problems, "train", "x", "`x` must be a number, not a string");
  assert_problem (problems, "train", "env",
                  "`env` must be an object of strings; `A` is an integer");
  assert_problem (problems, "train", "retry_delay_seconds", "must be an integer, not a number");
  assert_problem (problems, "train", "timeout_seconds", "`timeout_seconds` cannot be negative");
  assert_problem (problems, "train", "trigger",
                  "`trigger` cannot be `all_succesful`; did you mean `all_successful`?");
  assert_problem (problems, "train", "url", "`url` does not apply to a command task");
  assert_problem (problems, "k", "kind",
                  "`kind` cannot be `bash`; use one of command, shell, http, subflow, noop");
  g_assert_cmpuint (problems->len, ==, 20);
}

static void
test_runner_and_defaults (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  PwFlow *flow;

  problems = load_invalid (HEAD "\"task_runner\": {\"max_workers\": 0, \"workers\": 2}, "
                                "\"tasks\": []}");
  assert_problem (problems, NULL, "task_runner.max_workers", "must be at least 1");
  assert_problem (problems, NULL, "task_runner", "unknown member `workers` in `task_runner`");

  flow = load (HEAD "\"task_runner\": {\"max_workers\": null}, "
                    "\"defaults\": {\"retry_delay_seconds\": null},"
               " \"tasks\": []}", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_flow_get_max_workers (flow), ==, 0);
  g_assert_cmpint (pw_flow_get_default_retry_delay_seconds (flow), ==, 10);
  g_assert_finalize_object (flow);
}

static void
test_newer_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_null (load ("{\"format\": \"pipewright-flow/2\", \"name\": \"x\", \"steps\": {}}",
                       &problems, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_NEWER_FORMAT);
  g_assert_cmpstr (error->message, ==,
                   ORIGIN " was written by a newer version of Pipewright "
                   "(format “pipewright-flow/2”); this version reads “pipewright-flow/1”. "
                   "Update Pipewright to open it.");
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = load_invalid ("{\"format\": \"pipewright-flow/one\", \"name\": \"t\", \"tasks\": []}");
  assert_problem (problems, NULL, "format", "unknown format `pipewright-flow/one`");
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = load_invalid ("{\"format\": 1, \"name\": \"t\", \"tasks\": []}");
  assert_problem (problems, NULL, "format", "`format` must be a string, not an integer");
}

/* One file with problems of every sort reports them all, with a summary. */
static void
test_all_problems (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_null (load (HEAD "\"parameters\": [{\"name\": \"path\", \"type\": \"int\", "
                            "\"default\": \"x\"}],"
                       " \"tasks\": ["
                       "{\"key\": \"read\", \"kind\": \"command\", \"command\": [\"cat\", "
                       "\"{{ params.pth }}\"],"
                       "  \"retires\": 2},"
                       "{\"key\": \"train\", \"kind\": \"shell\", "
                       "\"script\": \"echo {{ tasks.read.result }}\","
                       "  \"retries\": \"3\", \"after\": [\"prep\"]},"
                       "{\"key\": \"a\", \"kind\": \"noop\", \"after\": [\"b\"]},"
                       "{\"key\": \"b\", \"kind\": \"noop\", \"after\": [\"a\"]},"
                       "{\"key\": \"Bad\", \"kind\": \"http\", \"url\": \"ftp://x\", "
                       "\"method\": \"FETCH\"}]}",
                       &problems, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_INVALID);

  assert_problem (problems, "read", "retires", "did you mean `retries`?");
  assert_problem (problems, "train", "retries", "must be an integer, not a string");
  assert_problem (problems, NULL, "parameters.path",
                  "parameter `path`: the default must be an integer, not a string");
  assert_problem (problems, "read", "command", "no parameter `pth`; did you mean `path`?");
  assert_problem (problems, "train", "after", "unknown upstream task `prep`");
  assert_problem (problems, "train", "script", "`read`, which is not upstream of this task");
  assert_problem (problems, "Bad", "key", "not a valid key");
  assert_problem (problems, "Bad", "url", "not an http:// or https:// URL");
  assert_problem (problems, "Bad", "method", "`FETCH` is not an HTTP method");
  assert_problem (problems, "a", "after", "a → b → a");
  g_assert_cmpuint (problems->len, ==, 10);

  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 11);
  g_assert_cmpstr (lines[0], ==, ORIGIN ": 10 problems");
  for (guint i = 0; i < problems->len; i++)
    {
      PwProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = pw_problem_to_string (problem);
      g_autofree char *line = g_strdup_printf (ORIGIN ":1: %s", text);

      g_assert_cmpuint (pw_problem_get_line (problem), ==, 1);
      g_assert_cmpstr (lines[i + 1], ==, line);
    }
}

/* Problems point at the line of the member (or task) they are about,
 * whether the reader or validation found them. */
static void
test_problem_lines (void)
{
  static const char text[] =
    "{\n"
    "  \"format\": \"pipewright-flow/1\",\n"
    "  \"name\": \"lines\",\n"
    "  \"tasks\": [\n"
    "    {\n"
    "      \"key\": \"train\",\n"
    "      \"kind\": \"command\",\n"
    "      \"command\": [\"echo\", \"{{ params.nope }}\"],\n"
    "      \"retries\": 1,\n"
    "      \"retries\": 2,\n"
    "      \"after\": [\"ghost\"]\n"
    "    },\n"
    "    {\"key\": \"x\", \"kind\": \"noop\", \"tags\": 3}\n"
    "  ]\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_null (pw_flow_file_load_data (text, sizeof text - 1, NULL, &problems, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_INVALID);

  assert_problem (problems, "train", "retries", "`retries` appears twice");
  assert_problem (problems, "x", "tags", "`tags` must be an array of strings, not an integer");
  assert_problem (problems, "train", "command", "no parameter `nope`");
  assert_problem (problems, "train", "after", "unknown upstream task `ghost`");
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_cmpuint (pw_problem_get_line (g_ptr_array_index (problems, 0)), ==, 10);
  g_assert_cmpuint (pw_problem_get_line (g_ptr_array_index (problems, 1)), ==, 13);
  g_assert_cmpuint (pw_problem_get_line (g_ptr_array_index (problems, 2)), ==, 8);
  g_assert_cmpuint (pw_problem_get_line (g_ptr_array_index (problems, 3)), ==, 11);

  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "The flow file: 4 problems");
  g_assert_cmpstr (lines[1], ==, "line 10: task train: `retries` appears twice");
}

static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "a.flow.json", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.flow.json", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "dir.flow.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  PwFlow *flow;
  PwFlow *loaded;
  struct stat st;
  guint n_files = 0;

  flow = load (design_example, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (pw_flow_file_save_path (flow, path, &error));
  g_assert_no_error (error);

  loaded = pw_flow_file_load_path (path, NULL, &error);
  g_assert_no_error (error);
  assert_round_trip (loaded);
  g_assert_finalize_object (loaded);

  /* Saving again keeps the file's permissions and leaves no temporary file. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  pw_flow_set_description (flow, "second save");
  g_assert_true (pw_flow_file_save_path (flow, path, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  /* Through a symbolic link, the target is replaced and the link stays. */
  g_assert_cmpint (symlink ("a.flow.json", link), ==, 0);
  pw_flow_set_description (flow, "through the link");
  g_assert_true (pw_flow_file_save_path (flow, link, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = pw_flow_file_to_data (flow, NULL);
  g_assert_cmpstr (contents, ==, expected);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);

  g_assert_false (pw_flow_file_save_path (flow, missing, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_IO);

  g_assert_finalize_object (flow);
}

static void
test_io_errors (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.flow.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_null (pw_flow_file_load_path (missing, &problems, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.flow.json"));
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_error (&error);

  g_assert_null (pw_flow_file_load_path (fixture->dir, NULL, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_IO);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/FlowFile/examples", test_examples);
  g_test_add_func ("/FlowFile/design-example", test_design_example);
  g_test_add_func ("/FlowFile/round-trip/design", test_round_trip_design);
  g_test_add_func ("/FlowFile/round-trip/api", test_round_trip_api);
  g_test_add_func ("/FlowFile/round-trip/null-members", test_null_members);
  g_test_add_func ("/FlowFile/errors/not-json", test_not_json);
  g_test_add_func ("/FlowFile/errors/not-object", test_not_object);
  g_test_add_func ("/FlowFile/errors/missing-required", test_missing_required);
  g_test_add_func ("/FlowFile/errors/cycle", test_cycle);
  g_test_add_func ("/FlowFile/errors/unknown-upstream", test_unknown_upstream);
  g_test_add_func ("/FlowFile/errors/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/FlowFile/errors/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/FlowFile/errors/bom", test_bom);
  g_test_add ("/FlowFile/errors/too-large", Fixture, NULL, fixture_setup, test_too_large,
              fixture_teardown);
  g_test_add_func ("/FlowFile/errors/too-deep", test_too_deep);
  g_test_add_func ("/FlowFile/errors/unknown-member", test_unknown_member);
  g_test_add_func ("/FlowFile/errors/wrong-types", test_wrong_types);
  g_test_add_func ("/FlowFile/errors/runner-and-defaults", test_runner_and_defaults);
  g_test_add_func ("/FlowFile/errors/newer-format", test_newer_format);
  g_test_add_func ("/FlowFile/errors/all-problems", test_all_problems);
  g_test_add_func ("/FlowFile/errors/problem-lines", test_problem_lines);
  g_test_add ("/FlowFile/save", Fixture, NULL, fixture_setup, test_save, fixture_teardown);
  g_test_add ("/FlowFile/errors/io", Fixture, NULL, fixture_setup, test_io_errors,
              fixture_teardown);

  return g_test_run ();
}
