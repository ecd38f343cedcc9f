/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `pipewright-cli deployment …` and `work-queue …`, run for real as
 * subprocesses on a temporary database.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "test-cli-common.h"

static void
import (Fixture    *f,
        const char *name)
{
  g_autofree char *path = example (name);
  Result r = { 0 };

  run_cli (f, &r, "flow", "import", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

static void
create (Fixture    *f,
        const char *name)
{
  g_autofree char *path = example (name);
  Result r = { 0 };

  run_cli (f, &r, "deployment", "create", path, NULL);
  if (r.status != 0)
    g_error ("deployment create %s: %s", name, r.err);
  result_clear (&r);
}

static void
assert_has (const char *text,
            const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” lacks “%s”", text, part);
}

static guint
count_lines_with (const char *text,
                  const char *part)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], part) != NULL)
      n++;
  return n;
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const char *commands[][2] = {
    { "deployment", "create" }, { "deployment", "ls" }, { "deployment", "inspect" },
    { "deployment", "run" }, { "deployment", "pause" }, { "deployment", "resume" },
    { "deployment", "delete" }, { "deployment", "preview" },
    { "work-queue", "create" }, { "work-queue", "ls" }, { "work-queue", "inspect" },
    { "work-queue", "update" }, { "work-queue", "preview" }, { "work-queue", "pause" },
    { "work-queue", "resume" }, { "work-queue", "delete" },
  };
  Result r = { 0 };

  run_cli (NULL, &r, "--help", NULL);
  assert_has (r.out, "deployment");
  assert_has (r.out, "work-queue");
  result_clear (&r);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      run_cli (NULL, &r, commands[i][0], commands[i][1], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      assert_has (r.out, "Usage:");
      assert_has (r.out, commands[i][1]);
      result_clear (&r);
    }

  run_cli (NULL, &r, "deployment", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  run_cli (NULL, &r, "work-queue", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "preview");
  result_clear (&r);
  run_cli (NULL, &r, "deployment", "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_has (r.err, "unknown command “deployment frobnicate”");
  result_clear (&r);
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *nightly = example ("ml-training-nightly.deployment.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *run_id = NULL;
  JsonObject *object;
  Result r = { 0 };
  const char *id_start;

  import (f, "ml-training.flow.json");

  run_cli (f, &r, "deployment", "create", nightly, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "Created deployment ml-training/nightly");
  assert_has (r.out, "At 03:00 every day");
  assert_has (r.out, "Work queue  prod");
  assert_has (r.out, "(Europe/Berlin)");
  result_clear (&r);

  run_cli (f, &r, "deployment", "create", nightly, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "Updated deployment ml-training/nightly");
  result_clear (&r);

  run_cli (f, &r, "deployment", "ls", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "ml-training/nightly");
  assert_has (r.out, "active");
  result_clear (&r);

  /* The next times on the schedule's clock, with its zone. */
  run_cli (f, &r, "deployment", "preview", "ml-training/nightly", "-n", "4", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines_with (r.out, " 03:00 CE"), ==, 4);
  g_assert_cmpuint (count_lines_with (r.out, "(Europe/Berlin)"), ==, 4);
  result_clear (&r);

  run_cli (f, &r, "deployment", "inspect", "ml-training/nightly", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "nightly");
  g_assert_cmpstr (json_object_get_string_member (object, "flow_name"), ==, "ml-training");
  g_assert_cmpstr (json_object_get_string_member (object, "work_queue_name"), ==, "prod");
  g_assert_true (json_object_get_boolean_member (object, "is_schedule_active"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "schedule"),
                                                  "cron"), ==, "0 3 * * *");
  result_clear (&r);

  run_cli (f, &r, "deployment", "inspect", "ml-training/nightly", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "Next runs");
  result_clear (&r);

  /* Run now: created in the queue, not run here. */
  run_cli (f, &r, "deployment", "run", "ml-training/nightly", "--param", "max_mae=1.5", "--tag",
           "manual", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "Created flow run");
  assert_has (r.out, "work queue “prod”");
  id_start = strchr (r.out, '(');
  g_assert_nonnull (id_start);
  run_id = g_strndup (id_start + 1, 36);
  result_clear (&r);

  run_cli (f, &r, "flow-run", "show", run_id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "Scheduled");
  assert_has (r.out, "\"max_mae\":1.5");
  result_clear (&r);

  run_cli (f, &r, "deployment", "run", "ml-training/nightly", "--param", "max_mea=1", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_has (r.err, "max_mea");
  result_clear (&r);

  /* The queue holds the three runs ahead and the one asked for. */
  run_cli (f, &r, "work-queue", "preview", "prod", "--hours", "100", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, run_id);
  g_assert_cmpuint (count_lines_with (r.out, "ml-training/nightly"), ==, 4);
  result_clear (&r);

  /* Paused: the runs ahead go, the one asked for stays. */
  run_cli (f, &r, "deployment", "pause", "ml-training/nightly", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "Paused deployment ml-training/nightly");
  result_clear (&r);
  run_cli (f, &r, "work-queue", "preview", "prod", "--hours", "100", NULL);
  g_assert_cmpuint (count_lines_with (r.out, "ml-training/nightly"), ==, 1);
  assert_has (r.out, run_id);
  result_clear (&r);
  run_cli (f, &r, "deployment", "ls", NULL);
  assert_has (r.out, "paused");
  result_clear (&r);

  run_cli (f, &r, "deployment", "resume", "ml-training/nightly", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  run_cli (f, &r, "work-queue", "preview", "prod", "--hours", "100", NULL);
  g_assert_cmpuint (count_lines_with (r.out, "ml-training/nightly"), ==, 4);
  result_clear (&r);

  run_cli (f, &r, "deployment", "delete", "ml-training/nightly", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  run_cli (f, &r, "deployment", "ls", NULL);
  assert_has (r.out, "No deployments.");
  result_clear (&r);
  run_cli (f, &r, "deployment", "inspect", "ml-training/nightly", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_has (r.err, "There is no deployment “ml-training/nightly”");
  result_clear (&r);
  (void) lines;
}

/* Each bad input: a clear message, exit 1 or 2, nothing stored. */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    const char *contents;
    int status;
    const char *expected;
  } files[] = {
    { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"hello\","
      " \"schedul\": {\"interval\": 60}}", 2, "did you mean `schedule`?" },
    { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"nope\"}",
      1, "There is no flow named “nope”" },
    { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"hello\","
      " \"schedule\": {\"cron\": \"0 3 * * 9\"}}", 2, "day of week" },
    { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"hello\","
      " \"schedule\": {\"cron\": \"0 3 * * *\", \"timezone\": \"Europe/Atlantis\"}}",
      2, "Europe/Atlantis" },
    { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"hello\","
      " \"schedule\": {\"interval\": 0}}", 2, "interval" },
    { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"hello\","
      " \"schedule\": {\"rrule\": \"RRULE:FREQ=NEVER\"}}", 2, "schedule" },
    { "{\"format\": \"pipewright-deployment/9\", \"name\": \"n\", \"flow\": \"hello\"}",
      2, "newer version of Pipewright" },
    { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"hello\","
      " \"parameters\": {\"whom\": \"x\"}}", 2, "did you mean “who”?" },
    { "not json", 2, "not valid JSON" },
  };
  g_autofree char *path = g_build_filename (f->dir, "bad.deployment.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.deployment.json", NULL);
  Result r = { 0 };

  import (f, "hello.flow.json");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      write_file (path, files[i].contents);
      run_cli (f, &r, "deployment", "create", path, NULL);
      g_test_message ("%s → %d %s", files[i].contents, r.status, r.err);
      g_assert_cmpint (r.status, ==, files[i].status);
      assert_has (r.err, files[i].expected);
      g_assert_cmpstr (r.out, ==, "");
      result_clear (&r);
    }

  run_cli (f, &r, "deployment", "create", missing, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_has (r.err, "Could not open");
  result_clear (&r);

  run_cli (f, &r, "deployment", "ls", NULL);
  assert_has (r.out, "No deployments.");
  result_clear (&r);
  run_cli (f, &r, "work-queue", "ls", NULL);
  assert_has (r.out, "No work queues.");
  result_clear (&r);

  /* Addresses. */
  run_cli (f, &r, "deployment", "inspect", "hello", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_has (r.err, "FLOW/NAME");
  result_clear (&r);
  run_cli (f, &r, "deployment", "run", "hello/nope", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_has (r.err, "There is no deployment “hello/nope”");
  result_clear (&r);
  run_cli (f, &r, "deployment", "preview", "hello/x", "-n", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  /* Queues: a negative limit, a priority under 1, a name in use. */
  run_cli (f, &r, "work-queue", "create", "q", "--limit", "-1", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_has (r.err, "--limit cannot be negative");
  result_clear (&r);
  run_cli (f, &r, "work-queue", "create", "q", "--priority=0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_has (r.err, "--priority must be 1 or more");
  result_clear (&r);
  run_cli (f, &r, "work-queue", "ls", NULL);
  assert_has (r.out, "No work queues.");
  result_clear (&r);
  run_cli (f, &r, "work-queue", "create", "q", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  run_cli (f, &r, "work-queue", "create", "q", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_has (r.err, "exists already");
  result_clear (&r);
  run_cli (f, &r, "work-queue", "update", "q", "--limit=-3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  run_cli (f, &r, "work-queue", "inspect", "nope", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_has (r.err, "There is no work queue “nope”");
  result_clear (&r);
}

static void
test_work_queues (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  Result r = { 0 };

  run_cli (f, &r, "work-queue", "create", "gpu", "--limit", "2", "--priority", "3", "--tag", "ml",
           "--tag", "gpu", "--description", "The big machine", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "Created work queue gpu");
  assert_has (r.out, "priority 3, concurrency limit 2");
  result_clear (&r);

  run_cli (f, &r, "work-queue", "ls", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "gpu");
  assert_has (r.out, "ml, gpu");
  assert_has (r.out, "never");
  result_clear (&r);

  run_cli (f, &r, "work-queue", "update", "gpu", "--no-limit", "--priority", "1", "--rename",
           "big", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  run_cli (f, &r, "work-queue", "pause", "big", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  run_cli (f, &r, "work-queue", "inspect", "big", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "big");
  g_assert_true (json_object_get_null_member (object, "concurrency_limit"));
  g_assert_cmpint (json_object_get_int_member (object, "priority"), ==, 1);
  g_assert_true (json_object_get_boolean_member (object, "is_paused"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (object, "status"),
                                                  "healthy"));
  result_clear (&r);

  run_cli (f, &r, "work-queue", "inspect", "big", NULL);
  assert_has (r.out, "paused");
  assert_has (r.out, "The big machine");
  result_clear (&r);

  run_cli (f, &r, "work-queue", "preview", "big", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_has (r.out, "is paused");
  assert_has (r.out, "No runs due");
  result_clear (&r);

  run_cli (f, &r, "work-queue", "resume", "big", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  run_cli (f, &r, "work-queue", "delete", "big", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  run_cli (f, &r, "work-queue", "ls", NULL);
  assert_has (r.out, "No work queues.");
  result_clear (&r);
}

/* The dev/prod split: one flow, two deployments, two queues; each queue
 * holds only its own deployment's runs. */
static void
test_dev_prod (Fixture       *f,
               gconstpointer  data)
{
  Result r = { 0 };

  import (f, "hello.flow.json");
  create (f, "hello-dev.deployment.json");
  create (f, "hello-prod.deployment.json");

  run_cli (f, &r, "work-queue", "preview", "dev", "--hours", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines_with (r.out, "hello/dev"), >=, 6);
  g_assert_cmpuint (count_lines_with (r.out, "hello/prod"), ==, 0);
  result_clear (&r);

  run_cli (f, &r, "work-queue", "preview", "prod", "--hours", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines_with (r.out, "hello/prod"), ==, 3);
  g_assert_cmpuint (count_lines_with (r.out, "hello/dev"), ==, 0);
  result_clear (&r);

  run_cli (f, &r, "deployment", "ls", NULL);
  assert_has (r.out, "hello/dev");
  assert_has (r.out, "hello/prod");
  result_clear (&r);
}

/* `run --watch` follows the run that another process ends: here it is
 * cancelled from a second command, and the watcher exits 3. */
static void
test_watch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) watcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *run_id = NULL;
  const char *paren;
  Result r = { 0 };

  import (f, "hello.flow.json");
  create (f, "hello-dev.deployment.json");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "PIPEWRIGHT_DB");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  watcher = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "--db", f->db,
                                         "deployment", "run", "hello/dev", "--watch", NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (watcher));
  first = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_has (first, "Created flow run");
  paren = strchr (first, '(');
  run_id = g_strndup (paren + 1, 36);

  run_cli (f, &r, "flow-run", "cancel", run_id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  g_assert_true (g_subprocess_wait (watcher, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (watcher));
  g_assert_cmpint (g_subprocess_get_exit_status (watcher), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/CliDeployment/help", test_help);
  ADD ("/CliDeployment/lifecycle", test_lifecycle);
  ADD ("/CliDeployment/bad-input", test_bad_input);
  ADD ("/CliDeployment/work-queues", test_work_queues);
  ADD ("/CliDeployment/dev-prod", test_dev_prod);
  ADD ("/CliDeployment/watch", test_watch);
#undef ADD

  return g_test_run ();
}
