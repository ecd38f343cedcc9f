/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-agent"

#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdlib.h>

#include "pw-store.h"
#include "test-cli-common.h"
#include "test-notifier-server.h"

/*
 * `pipewright-cli agent start` and `notification add|ls|rm`, as real
 * processes: the dev/prod split (two deployments, two queues, two agents
 * each taking only its own), two agents racing for the same runs, SIGTERM
 * letting runs finish or cancelling them, and a webhook sent by an agent.
 */

#define SLEEPY_FLOW \
  "{\"format\": \"pipewright-flow/1\", \"name\": \"sleepy\"," \
  " \"tasks\": [{\"key\": \"nap\", \"kind\": \"command\", \"command\": [\"sleep\", \"1.5\"]}]}"

#define BOOM_FLOW \
  "{\"format\": \"pipewright-flow/1\", \"name\": \"boom\"," \
  " \"tasks\": [{\"key\": \"fail\", \"kind\": \"command\", \"command\": [\"false\"]}]}"

/* An `agent start` process whose output lines are read as they come. */
typedef struct
{
  GSubprocess      *proc;
  GDataInputStream *out;
  GPtrArray        *lines;
  gboolean          eof;
  char             *pid;   /* for messages: the identifier goes once it exits */
} Agent;

static void read_next (Agent *agent);

static void
on_line (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Agent *agent = user_data;
  g_autoptr(GError) error = NULL;
  char *line;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL,
                                                    &error);
  if (line == NULL)
    {
      agent->eof = TRUE;
      return;
    }
  g_test_message ("agent %s: %s", agent->pid, line);
  g_ptr_array_add (agent->lines, line);
  read_next (agent);
}

static void
read_next (Agent *agent)
{
  g_data_input_stream_read_line_async (agent->out, G_PRIORITY_DEFAULT, NULL, on_line, agent);
}

static Agent *
agent_spawn (Fixture    *f,
             const char *first_arg,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  Agent *agent = g_new0 (Agent, 1);
  va_list ap;

  g_ptr_array_add (args, (char *)cli_path ());
  g_ptr_array_add (args, (char *)"--db");
  g_ptr_array_add (args, f->db);
  g_ptr_array_add (args, (char *)"agent");
  g_ptr_array_add (args, (char *)"start");
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_unsetenv (launcher, "PIPEWRIGHT_DB");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  agent->proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  agent->pid = g_strdup (g_subprocess_get_identifier (agent->proc));
  agent->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (agent->proc));
  agent->lines = g_ptr_array_new_with_free_func (g_free);
  read_next (agent);
  return agent;
}

static guint
agent_count (Agent      *agent,
             const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < agent->lines->len; i++)
    if (strstr (g_ptr_array_index (agent->lines, i), needle) != NULL)
      n++;
  return n;
}

/* Waits (running the main loop) until @n lines contain @needle. */
static void
agent_wait (Agent      *agent,
            const char *needle,
            guint       n)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (agent_count (agent, needle) < n)
    {
      if (agent->eof || g_get_monotonic_time () > deadline)
        g_error ("The agent never printed “%s” %u times", needle, n);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Signals the agent, waits for it to end; returns its exit status. */
static int
agent_stop (Agent *agent,
            int    signal_number)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (agent->proc, signal_number);
  while (!agent->eof)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (agent->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (agent->proc));
  return g_subprocess_get_exit_status (agent->proc);
}

static void
agent_free (Agent *agent)
{
  g_assert_true (agent->eof);
  g_clear_object (&agent->out);
  g_clear_object (&agent->proc);
  g_ptr_array_unref (agent->lines);
  g_free (agent->pid);
  g_free (agent);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Agent, agent_free)

static void
import_flow (Fixture    *f,
             const char *name,
             const char *json)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.flow.json", f->dir, name);
  Result r = { 0 };

  write_file (path, json);
  run_cli (f, &r, "flow", "import", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

static void
create_deployment (Fixture    *f,
                   const char *name,
                   const char *flow,
                   const char *schedule,
                   const char *tag,
                   const char *queue)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.deployment.json", f->dir, name);
  g_autofree char *json = NULL;
  Result r = { 0 };

  json = g_strdup_printf ("{\"format\": \"pipewright-deployment/1\", \"name\": \"%s\","
                          " \"flow\": \"%s\", \"schedule\": %s, \"tags\": [\"%s\"],"
                          " \"work_queue_name\": \"%s\", \"paused\": false}",
                          name, flow, schedule, tag, queue);
  write_file (path, json);
  run_cli (f, &r, "deployment", "create", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

static void
run_deployment (Fixture    *f,
                const char *address)
{
  Result r = { 0 };

  run_cli (f, &r, "deployment", "run", address, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

/* Every run in the database, by the agent named in its Pending state
 * (NULL if none took it): run id → agent name. Also checks that no run
 * was taken or run twice. */
static GHashTable *
runs_by_agent (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (f->db, &error);
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(GPtrArray) runs = NULL;
  GHashTable *agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_no_error (error);
  runs = pw_store_list_flow_runs (store, filter, PW_FLOW_RUN_SORT_ID_DESC, 10000, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < runs->len; i++)
    {
      PwFlowRun *run = g_ptr_array_index (runs, i);
      g_autoptr(GPtrArray) states = NULL;
      char *taken_by = NULL;
      guint n_pending = 0, n_running = 0;

      states = pw_store_list_flow_run_states (store, pw_flow_run_get_id (run), &error);
      g_assert_no_error (error);
      for (guint s = 0; s < states->len; s++)
        {
          PwState *state = g_ptr_array_index (states, s);

          if (pw_state_get_state_type (state) == PW_STATE_TYPE_PENDING)
            {
              const char *message = pw_state_get_message (state);

              n_pending++;
              if (message != NULL && g_str_has_prefix (message, "Submitted by agent "))
                taken_by = g_strdup (message + strlen ("Submitted by agent "));
            }
          if (pw_state_get_state_type (state) == PW_STATE_TYPE_RUNNING)
            n_running++;
        }
      g_assert_cmpuint (n_pending, <=, 1);
      g_assert_cmpuint (n_running, <=, 1);
      g_hash_table_insert (agents, g_strdup (pw_flow_run_get_id (run)), taken_by);
    }

  return agents;
}

/* notification add, ls, rm */

static void
test_notification_commands (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *prefix = NULL;
  JsonArray *rules;
  JsonObject *rule;
  Result r = { 0 };

  run_cli (f, &r, "notification", "ls", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "No notification rules"));
  result_clear (&r);

  run_cli (f, &r, "notification", "add", "--state", "Failed", "--state", "CRASHED",
           "--flow", "etl", "--tag", "prod", "--webhook", "https://hooks.example.com/x", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Added notification rule"));
  g_assert_nonnull (strstr (r.out, "Failed, CRASHED of etl tagged prod → https://hooks.example.com/x"));
  result_clear (&r);

  /* Bad input: a misspelt state, no state, a URL that is not http. */
  run_cli (f, &r, "notification", "add", "--state", "Faild", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "did you mean “Failed”"));
  result_clear (&r);
  run_cli (f, &r, "notification", "add", "--webhook", "https://x.example.com", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "at least one state"));
  result_clear (&r);
  run_cli (f, &r, "notification", "add", "--state", "Late", "--webhook", "file:///etc/passwd", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "not an http:// or https:// URL"));
  result_clear (&r);

  run_cli (f, &r, "notification", "ls", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  rules = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rules), ==, 1);
  rule = json_array_get_object_element (rules, 0);
  g_assert_cmpstr (json_object_get_string_member (rule, "webhook"), ==, "https://hooks.example.com/x");
  g_assert_true (json_object_get_boolean_member (rule, "is_active"));
  id = g_strdup (json_object_get_string_member (rule, "id"));
  result_clear (&r);

  run_cli (f, &r, "notification", "rm", "no-such-rule", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "There is no notification rule no-such-rule"));
  result_clear (&r);

  /* By the start of its id, as in a list that shows it whole. */
  prefix = g_strndup (id, 13);
  run_cli (f, &r, "notification", "rm", prefix, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, id));
  result_clear (&r);

  run_cli (f, &r, "notification", "ls", NULL);
  g_assert_nonnull (strstr (r.out, "No notification rules"));
  result_clear (&r);
}

static void
test_agent_bad_options (Fixture       *f,
                        gconstpointer  data)
{
  Result r = { 0 };

  run_cli (f, &r, "agent", "start", "--on-stop", "maybe", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--on-stop must be"));
  result_clear (&r);

  run_cli (f, &r, "agent", "start", "--poll-interval", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  run_cli (f, &r, "agent", "start", "--limit", "-1", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  run_cli (f, &r, "agent", "start", "--work-queue", "", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  run_cli (f, &r, "agent", "stop", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
}

/* The dev/prod split */

static void
test_dev_prod (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *hello = example ("hello.flow.json");
  g_autoptr(Agent) dev = NULL;
  g_autoptr(Agent) prod = NULL;
  g_autoptr(GHashTable) agents = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  static const char interval[] =
    "{\"interval\": 1, \"anchor_date\": \"2026-01-01T00:00:00+00:00\", \"timezone\": \"UTC\"}";
  GHashTableIter iter;
  gpointer key, value;
  guint n_dev = 0, n_prod = 0;
  Result r = { 0 };

  run_cli (f, &r, "flow", "import", hello, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  create_deployment (f, "dev", "hello", interval, "dev", "dev");
  create_deployment (f, "prod", "hello", interval, "prod", "prod");

  /* Two agents, each on its queue; each also schedules (idempotently). */
  dev = agent_spawn (f, "--work-queue", "dev", "--name", "dev-agent", "--poll-interval", "0.2", NULL);
  prod = agent_spawn (f, "--work-queue", "prod", "--name", "prod-agent", "--poll-interval", "0.2", NULL);
  agent_wait (dev, ": Completed", 3);
  agent_wait (prod, ": Completed", 3);
  g_assert_cmpint (agent_stop (dev, SIGTERM), ==, 0);
  g_assert_cmpint (agent_stop (prod, SIGTERM), ==, 0);

  /* Each took only its own deployment's runs, from its own queue. */
  g_assert_cmpuint (agent_count (dev, "took flow run"), ==, agent_count (dev, "of hello/dev from queue dev"));
  g_assert_cmpuint (agent_count (prod, "took flow run"), ==, agent_count (prod, "of hello/prod from queue prod"));
  g_assert_cmpuint (agent_count (dev, "hello/prod"), ==, 0);
  g_assert_cmpuint (agent_count (prod, "hello/dev"), ==, 0);
  g_assert_cmpuint (agent_count (dev, "agent dev-agent stopped"), ==, 1);

  /* And the database agrees: every run taken was taken by the agent of its
   * queue, once. */
  agents = runs_by_agent (f);
  store = pw_store_open (f->db, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, agents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(PwFlowRun) run = NULL;

      if (value == NULL)
        continue;
      run = pw_store_get_flow_run (store, key, &error);
      g_assert_no_error (error);
      if (g_str_equal (value, "dev-agent"))
        {
          g_assert_cmpstr (pw_flow_run_get_work_queue_name (run), ==, "dev");
          n_dev++;
        }
      else
        {
          g_assert_cmpstr (value, ==, "prod-agent");
          g_assert_cmpstr (pw_flow_run_get_work_queue_name (run), ==, "prod");
          n_prod++;
        }
    }
  g_assert_cmpuint (n_dev, ==, agent_count (dev, "took flow run"));
  g_assert_cmpuint (n_prod, ==, agent_count (prod, "took flow run"));

  /* flow-run ls shows them. */
  run_cli (f, &r, "flow-run", "ls", "--state", "Completed", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Completed"));
  result_clear (&r);
}

/* Two agent processes, one queue: every run runs once. */
static void
test_race (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Agent) a = NULL;
  g_autoptr(Agent) b = NULL;
  g_autoptr(GHashTable) agents = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer value;
  const guint n = 16;

  import_flow (f, "boom", BOOM_FLOW);
  create_deployment (f, "now", "boom", "null", "ops", "default");
  for (guint i = 0; i < n; i++)
    run_deployment (f, "boom/now");

  a = agent_spawn (f, "--name", "a", "--poll-interval", "0.05", "--no-scheduler", "--limit", "2", NULL);
  b = agent_spawn (f, "--name", "b", "--poll-interval", "0.05", "--no-scheduler", "--limit", "2", NULL);
  while (agent_count (a, ": Failed") + agent_count (b, ": Failed") < n)
    {
      g_assert_false (a->eof || b->eof);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpint (agent_stop (a, SIGTERM), ==, 0);
  g_assert_cmpint (agent_stop (b, SIGTERM), ==, 0);

  /* No run taken twice, by the two or by one. */
  g_assert_cmpuint (agent_count (a, "took flow run") + agent_count (b, "took flow run"), ==, n);
  for (guint k = 0; k < 2; k++)
    {
      Agent *agent = k == 0 ? a : b;

      for (guint i = 0; i < agent->lines->len; i++)
        {
          const char *line = g_ptr_array_index (agent->lines, i);
          const char *open = strstr (line, "took flow run ");

          if (open != NULL)
            g_assert_true (g_hash_table_add (seen, g_strndup (strchr (open, '(') + 1, 36)));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);

  agents = runs_by_agent (f);
  g_assert_cmpuint (g_hash_table_size (agents), ==, n);
  g_hash_table_iter_init (&iter, agents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert_true (g_strcmp0 (value, "a") == 0 || g_strcmp0 (value, "b") == 0);
}

/* SIGTERM: finish, or cancel */

static void
test_sigterm (Fixture       *f,
              gconstpointer  data)
{
  const char *mode = data;
  g_autoptr(Agent) agent = NULL;
  gboolean cancel = g_str_equal (mode, "cancel");

  import_flow (f, "sleepy", SLEEPY_FLOW);
  create_deployment (f, "now", "sleepy", "null", "ops", "default");
  run_deployment (f, "sleepy/now");
  run_deployment (f, "sleepy/now");

  agent = agent_spawn (f, "--on-stop", mode, "--limit", "1", "--poll-interval", "0.1", NULL);
  agent_wait (agent, "took flow run", 1);
  g_assert_cmpint (agent_stop (agent, SIGTERM), ==, 0);

  /* The run in progress finished, or was cancelled; the second never
   * started. */
  g_assert_cmpuint (agent_count (agent, "took flow run"), ==, 1);
  if (cancel)
    {
      g_assert_cmpuint (agent_count (agent, ": Cancelled"), ==, 1);
      g_assert_cmpuint (agent_count (agent, ": Completed"), ==, 0);
    }
  else
    {
      g_assert_cmpuint (agent_count (agent, ": Completed"), ==, 1);
      g_assert_cmpuint (agent_count (agent, "waiting for 1 flow run to finish"), <=, 1);
    }
  g_assert_cmpuint (agent_count (agent, "stopped"), ==, 1);
}

/* A webhook, sent by the agent process */

static void
test_webhook (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(HookServer) hook = hook_server_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Agent) agent = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body, *deployment, *state;
  Result r = { 0 };

  import_flow (f, "boom", BOOM_FLOW);
  create_deployment (f, "nightly", "boom", "null", "ops", "default");
  run_cli (f, &r, "notification", "add", "--state", "FAILED", "--tag", "ops",
           "--webhook", hook->url, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  run_deployment (f, "boom/nightly");

  agent = agent_spawn (f, "--poll-interval", "0.1", NULL);
  agent_wait (agent, "notified", 1);
  g_assert_cmpint (agent_stop (agent, SIGTERM), ==, 0);

  g_assert_cmpuint (hook->bodies->len, ==, 1);
  json_parser_load_from_data (parser, g_ptr_array_index (hook->bodies, 0), -1, &error);
  g_assert_no_error (error);
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (body, "flow"), "name"),
                   ==, "boom");
  deployment = json_object_get_object_member (body, "deployment");
  g_assert_nonnull (deployment);
  g_assert_cmpstr (json_object_get_string_member (deployment, "name"), ==, "nightly");
  state = json_object_get_object_member (body, "state");
  g_assert_cmpstr (json_object_get_string_member (state, "type"), ==, "FAILED");
  g_assert_nonnull (json_object_get_string_member (state, "message"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/CliAgent/notification/commands", test_notification_commands, NULL);
  ADD ("/CliAgent/agent/bad-options", test_agent_bad_options, NULL);
  ADD ("/CliAgent/agent/dev-prod", test_dev_prod, NULL);
  ADD ("/CliAgent/agent/race", test_race, NULL);
  ADD ("/CliAgent/agent/sigterm-finish", test_sigterm, "finish");
  ADD ("/CliAgent/agent/sigterm-cancel", test_sigterm, "cancel");
  ADD ("/CliAgent/agent/webhook", test_webhook, NULL);
#undef ADD

  return g_test_run ();
}
