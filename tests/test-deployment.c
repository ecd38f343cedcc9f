/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PwDeployment, deployment files (good, bad, round trips, atomic saves) and
 * deployments in the store (create, upsert on FLOW/NAME, read, list, pause,
 * delete).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pw-deployment-file.h"
#include "pw-problem.h"
#include "test-scheduler-fixture.h"

static const char *
examples_dir (void)
{
  const char *dir = g_getenv ("PW_EXAMPLES_DIR");

  return dir != NULL ? dir : g_test_get_filename (G_TEST_DIST, "..", "data", "examples", NULL);
}

static void
test_object (void)
{
  g_autoptr(PwDeployment) deployment = pw_deployment_new ("etl", "nightly");
  g_autoptr(PwDeployment) copy = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *flow = NULL;
  g_autofree char *name = NULL;
  g_autofree char *merged = NULL;
  g_auto(GStrv) tags = NULL;
  static const char *bad_addresses[] = { "etl", "/nightly", "etl/", "etl/a/b", "" };

  g_assert_cmpstr (pw_deployment_get_parameters (deployment), ==, "{}");
  g_assert_null (pw_deployment_get_schedule (deployment));
  g_assert_null (pw_deployment_get_tags (deployment));
  g_assert_false (pw_deployment_get_paused (deployment));

  schedule = pw_schedule_new_from_string ("{\"cron\": \"0 3 * * *\"}", &error);
  g_assert_no_error (error);
  pw_deployment_set_schedule (deployment, schedule);
  pw_deployment_set_tags (deployment, (const char * const[]) { "prod", NULL });
  pw_deployment_set_parameters (deployment, "{\"n\": 1}");
  pw_deployment_set_work_queue_name (deployment, "prod");
  copy = pw_deployment_copy (deployment);
  g_assert_true (pw_deployment_get_schedule (copy) == schedule);
  g_assert_cmpstrv (pw_deployment_get_tags (copy), ((const char * const[]) { "prod", NULL }));
  g_assert_cmpstr (pw_deployment_get_parameters (copy), ==, "{\"n\": 1}");
  g_assert_cmpstr (pw_deployment_get_work_queue_name (copy), ==, "prod");
  pw_deployment_set_tags (copy, (const char * const[]) { NULL });
  g_assert_null (pw_deployment_get_tags (copy));

  address = pw_deployment_dup_address (deployment);
  g_assert_cmpstr (address, ==, "etl/nightly");

  g_assert_true (pw_deployment_parse_address ("ml-training/nightly run", &flow, &name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (flow, ==, "ml-training");
  g_assert_cmpstr (name, ==, "nightly run");
  for (guint i = 0; i < G_N_ELEMENTS (bad_addresses); i++)
    {
      g_autofree char *f = NULL;
      g_autofree char *n = NULL;

      g_assert_false (pw_deployment_parse_address (bad_addresses[i], &f, &n, &error));
      g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_ADDRESS);
      g_assert_nonnull (strstr (error->message, "FLOW/NAME"));
      g_clear_error (&error);
    }

  g_assert_false (pw_deployment_check_name ("a/b", &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_deployment_check_name (" padded", &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_deployment_check_name ("", &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* As Prefect: a run's parameters over the deployment's, its tags first. */
  merged = pw_deployment_merge_parameters ("{\"source\": \"s3\", \"batch\": 500}",
                                           "{\"batch\": 1000}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (merged, ==, "{\"source\":\"s3\",\"batch\":1000}");
  g_assert_null (pw_deployment_merge_parameters ("[1]", NULL, &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID);
  g_clear_error (&error);
  tags = pw_deployment_merge_tags ((const char * const[]) { "manual", "etl", NULL },
                                   (const char * const[]) { "etl", "prod", NULL });
  g_assert_cmpstrv (tags, ((const char * const[]) { "manual", "etl", "prod", NULL }));
  g_assert_null (pw_deployment_merge_tags (NULL, NULL));

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&deployment));
}

/* The examples load, say what they should, and are written the way
 * Pipewright writes them. */
static void
test_file_examples (void)
{
  static const struct {
    const char *file;
    const char *flow;
    const char *name;
    PwScheduleKind kind;
    const char *queue;
  } examples[] = {
    { "ml-training-nightly.deployment.json", "ml-training", "nightly", PW_SCHEDULE_KIND_CRON, "prod" },
    { "github-stars-hourly.deployment.json", "github-stars", "hourly", PW_SCHEDULE_KIND_INTERVAL, NULL },
    { "hello-monthly.deployment.json", "hello", "monthly", PW_SCHEDULE_KIND_RRULE, NULL },
    { "hello-dev.deployment.json", "hello", "dev", PW_SCHEDULE_KIND_INTERVAL, "dev" },
    { "hello-prod.deployment.json", "hello", "prod", PW_SCHEDULE_KIND_CRON, "prod" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = g_build_filename (examples_dir (), examples[i].file, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *written = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      PwDeployment *deployment;

      deployment = pw_deployment_file_load_path (path, &problems, &error);
      g_assert_no_error (error);
      g_assert_null (problems);
      g_assert_cmpstr (pw_deployment_get_flow_name (deployment), ==, examples[i].flow);
      g_assert_cmpstr (pw_deployment_get_name (deployment), ==, examples[i].name);
      g_assert_cmpstr (pw_deployment_get_work_queue_name (deployment), ==, examples[i].queue);
      g_assert_nonnull (pw_deployment_get_schedule (deployment));
      g_assert_cmpint (pw_schedule_get_kind (pw_deployment_get_schedule (deployment)), ==,
                       examples[i].kind);
      g_assert_false (pw_deployment_get_paused (deployment));

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      written = pw_deployment_file_to_data (deployment, NULL);
      g_assert_cmpstr (written, ==, contents);
      g_assert_finalize_object (deployment);
    }
}

typedef struct
{
  const char *text;
  int         code;
  guint       line;       /* 0: any */
  const char *expected;
} BadFile;

static const BadFile bad_files[] = {
  /* unknown members, with a suggestion */
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"schedul\": null}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "unknown member `schedul`; did you mean `schedule`?" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"work_queue\": \"prod\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "did you mean `work_queue_name`?" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\", \"name\": \"m\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 1, "`name` appears twice" },
  /* missing members */
  { "{\"format\": \"pipewright-deployment/1\", \"flow\": \"f\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 1, "has no `name`" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 1, "has no `flow`" },
  { "{\"name\": \"n\", \"flow\": \"f\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 1, "has no `format`" },
  /* formats */
  { "{\"format\": \"pipewright-deployment/7\", \"name\": \"n\", \"flow\": \"f\", \"bogus\": 1}",
    PW_DEPLOYMENT_ERROR_NEWER_FORMAT, 0, "written by a newer version of Pipewright" },
  { "{\"format\": \"pipewright-flow/1\", \"name\": \"n\", \"flow\": \"f\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 1, "this is a flow file" },
  { "{\"format\": \"prefect\", \"name\": \"n\", \"flow\": \"f\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 1, "unknown format `prefect`" },
  /* schedules: the PwSchedule error, with the field */
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"schedule\": {\"cron\": \"61 3 * * *\"}}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "minute" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"schedule\": {\"cron\": \"0 3 * *\"}}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "invalid `schedule`: " },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"schedule\": {\"cron\": \"0 3 * * *\", \"timezone\": \"Mars/Olympus\"}}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "Mars/Olympus" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"schedule\": {\"rrule\": \"FREQ=SOMETIMES\"}}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "invalid `schedule`: " },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"schedule\": {\"interval\": 0}}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "interval" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"schedule\": {\"interval\": -60}}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "interval" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"schedule\": {\"cron\": \"0 3 * * *\", \"timezon\": \"UTC\"}}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "timezon" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"schedule\": \"0 3 * * *\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "`schedule` must be an object" },
  /* other members of the wrong type or value */
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"parameters\": [1, 2]}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "`parameters` must be" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"tags\": [\"a\", 2]}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "element 2 is an integer" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"paused\": \"yes\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "`paused` must be true or false" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"work_queue_name\": \"\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 2, "needs a name" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"a/b\", \"flow\": \"f\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 1, "cannot contain “/”" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"x/y\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 1, "flow names have no “/”" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": 7, \"flow\": \"f\"}",
    PW_DEPLOYMENT_ERROR_INVALID, 1, "`name` must be a string, not an integer" },
  /* not a deployment at all */
  { "{\"format\": \"pipewright-deployment/1\",\n \"name\": }",
    PW_DEPLOYMENT_ERROR_PARSE, 2, "not valid JSON" },
  { "  ", PW_DEPLOYMENT_ERROR_PARSE, 0, "is empty" },
  { "[1, 2]", PW_DEPLOYMENT_ERROR_INVALID, 1, "must hold a JSON object, not an array" },
  { "{\"format\": \"pipewright-deployment/1\", \"name\": \"n\", \"flow\": \"f\",\n"
    " \"description\": \"caf\xe9\"}",
    PW_DEPLOYMENT_ERROR_ENCODING, 2, "not valid UTF-8" },
};

static void
test_file_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      const BadFile *bad = &bad_files[i];
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (bad->text, NULL);
      PwDeployment *deployment;

      g_test_message ("bad file %u: %s", i, shown);
      deployment = pw_deployment_file_load_data (bad->text, strlen (bad->text), "x.json",
                                                 &problems, &error);
      g_assert_null (deployment);
      g_assert_error (error, PW_DEPLOYMENT_ERROR, bad->code);
      if (strstr (error->message, bad->expected) == NULL)
        g_error ("“%s” lacks “%s”", error->message, bad->expected);
      g_assert_nonnull (problems);
      g_assert_cmpuint (problems->len, >=, 1);
      if (bad->line != 0)
        g_assert_cmpuint (pw_problem_get_line (g_ptr_array_index (problems, 0)), ==, bad->line);
    }
}

/* Every problem at once, each on its line. */
static void
test_file_all_problems (void)
{
  const char *text =
    "{\n"
    "  \"format\": \"pipewright-deployment/1\",\n"
    "  \"nmae\": \"nightly\",\n"
    "  \"flow\": \"etl\",\n"
    "  \"schedule\": {\"cron\": \"0 25 * * *\", \"timezone\": \"Europe/Berlin\"},\n"
    "  \"paused\": 0\n"
    "}\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (pw_deployment_file_load_data (text, strlen (text), "nightly.deployment.json",
                                               &problems, &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_true (g_str_has_prefix (error->message, "nightly.deployment.json: 4 problems\n"));
  g_assert_nonnull (strstr (error->message, "nightly.deployment.json:3: unknown member `nmae`;"
                                            " did you mean `name`?"));
  g_assert_nonnull (strstr (error->message, "nightly.deployment.json:1: the deployment has no"
                                            " `name`"));
  g_assert_nonnull (strstr (error->message, "nightly.deployment.json:5: invalid `schedule`"));
  g_assert_nonnull (strstr (error->message, "hour"));
  g_assert_nonnull (strstr (error->message, "nightly.deployment.json:6: `paused` must be true or"
                                            " false, not an integer"));
}

static void
test_file_limits (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"pipewright-deployment/1\","
                                          " \"name\": \"n\", \"flow\": \"f\", \"parameters\": ");
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "{\"a\": ");
  g_string_append (deep, "1");
  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "}");
  g_string_append (deep, "}");
  g_assert_null (pw_deployment_file_load_data (deep->str, deep->len, NULL, NULL, &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_TOO_DEEP);
  g_clear_error (&error);

  big = g_malloc0 (PW_DEPLOYMENT_FILE_MAX_SIZE + 2);
  memset (big, ' ', PW_DEPLOYMENT_FILE_MAX_SIZE + 1);
  g_assert_null (pw_deployment_file_load_data (big, PW_DEPLOYMENT_FILE_MAX_SIZE + 1, NULL, NULL,
                                               &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (pw_deployment_file_load_path ("/nonexistent/x.deployment.json", NULL, &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_IO);
  g_clear_error (&error);
  g_assert_null (pw_deployment_file_load_path ("/", NULL, &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_IO);
}

/* Saving replaces the file in one step and keeps its mode. */
static void
test_file_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pw-deployment-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "etl.deployment.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "x.json", NULL);
  g_autoptr(PwDeployment) deployment = pw_deployment_new ("etl", "nightly");
  g_autoptr(PwDeployment) loaded = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  schedule = pw_schedule_new_from_string ("{\"interval\": 90, \"anchor_date\":"
                                          " \"2026-03-29T01:00:00+01:00\","
                                          " \"timezone\": \"Europe/Berlin\"}", &error);
  g_assert_no_error (error);
  pw_deployment_set_schedule (deployment, schedule);
  pw_deployment_set_parameters (deployment, "{\"list\":[1,2,{\"a\":\"b\\\"c\"}],\"x\":null}");
  pw_deployment_set_tags (deployment, (const char * const[]) { "etl", "prod", NULL });
  pw_deployment_set_description (deployment, "Say “hi”\nnicely");
  pw_deployment_set_paused (deployment, TRUE);

  g_assert_true (pw_deployment_file_save_path (deployment, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  loaded = pw_deployment_file_load_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pw_schedule_equal (pw_deployment_get_schedule (loaded), schedule));
  g_assert_cmpstr (pw_deployment_get_parameters (loaded), ==,
                   "{\"list\":[1,2,{\"a\":\"b\\\"c\"}],\"x\":null}");
  g_assert_cmpstr (pw_deployment_get_description (loaded), ==, "Say “hi”\nnicely");
  g_assert_true (pw_deployment_get_paused (loaded));
  g_assert_cmpstrv (pw_deployment_get_tags (loaded),
                    ((const char * const[]) { "etl", "prod", NULL }));

  first = pw_deployment_file_to_data (deployment, NULL);
  second = pw_deployment_file_to_data (loaded, NULL);
  g_assert_cmpstr (first, ==, second);

  pw_deployment_set_paused (loaded, FALSE);
  g_assert_true (pw_deployment_file_save_path (loaded, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  g_assert_false (pw_deployment_file_save_path (loaded, missing, &error));
  g_assert_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_IO);

  store_fixture_remove_dir (dir);
}

/* The store: FLOW/NAME is the key, saving again updates. */
static void
test_store_crud (SchedFixture  *fixture,
                 gconstpointer  data)
{
  PwStore *store = fixture->base.store;
  g_autoptr(PwDeployment) deployment = pw_deployment_new ("etl", "nightly");
  g_autoptr(PwDeployment) stored = NULL;
  g_autoptr(PwDeployment) again = NULL;
  g_autoptr(PwDeployment) found = NULL;
  g_autoptr(PwDeployment) other = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *ml_id = store_test_save_flow (store, "ml", NULL);
  gboolean created = FALSE;

  schedule = pw_schedule_new_from_string ("{\"cron\": \"0 3 * * *\", \"timezone\":"
                                          " \"Europe/Berlin\"}", &error);
  g_assert_no_error (error);
  pw_deployment_set_schedule (deployment, schedule);
  pw_deployment_set_parameters (deployment, "{\"n\": 1}");
  pw_deployment_set_tags (deployment, (const char * const[]) { "prod", NULL });
  pw_deployment_set_work_queue_name (deployment, "etl-queue");
  pw_deployment_set_description (deployment, "Nightly ETL");

  stored = pw_store_put_deployment (store, deployment, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  id = g_strdup (pw_deployment_get_id (stored));
  g_assert_cmpstr (pw_deployment_get_flow_id (stored), ==, fixture->flow_id);
  g_assert_cmpstr (pw_deployment_get_flow_name (stored), ==, "etl");
  g_assert_true (pw_schedule_equal (pw_deployment_get_schedule (stored), schedule));
  g_assert_cmpstr (pw_deployment_get_parameters (stored), ==, "{\"n\": 1}");
  g_assert_true (g_date_time_equal (pw_deployment_get_created (stored),
                                    pw_deployment_get_updated (stored)));

  /* Naming a queue creates it, as in Prefect. */
  queue = pw_store_get_work_queue (store, "etl-queue", &error);
  g_assert_no_error (error);

  /* Upsert: the same FLOW/NAME keeps its id. */
  pw_deployment_set_paused (deployment, TRUE);
  pw_deployment_set_description (deployment, NULL);
  again = pw_store_put_deployment (store, deployment, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (pw_deployment_get_id (again), ==, id);
  g_assert_true (pw_deployment_get_paused (again));
  g_assert_null (pw_deployment_get_description (again));

  found = pw_store_find_deployment (store, "etl", "nightly", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_deployment_get_id (found), ==, id);
  g_clear_object (&found);
  found = pw_store_get_deployment (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_deployment_get_name (found), ==, "nightly");
  g_assert_cmpstrv (pw_deployment_get_tags (found), ((const char * const[]) { "prod", NULL }));

  /* One name, two flows: two deployments. */
  other = pw_deployment_new ("ml", "nightly");
  g_clear_object (&found);
  found = pw_store_put_deployment (store, other, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_cmpstr (pw_deployment_get_flow_id (found), ==, ml_id);
  g_assert_cmpstr (pw_deployment_get_id (found), !=, id);

  list = pw_store_list_deployments (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (pw_deployment_get_flow_name (g_ptr_array_index (list, 0)), ==, "etl");
  g_assert_cmpstr (pw_deployment_get_flow_name (g_ptr_array_index (list, 1)), ==, "ml");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = pw_store_list_deployments (store, "ml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Pause and resume by id; the old id-returning save still works. */
  g_assert_true (pw_store_set_deployment_paused (store, id, FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&found);
  found = pw_store_get_deployment (store, id, &error);
  g_assert_false (pw_deployment_get_paused (found));
  g_free (id);
  id = pw_store_save_deployment (store, "etl", "nightly", NULL, NULL, NULL, NULL, FALSE, NULL,
                                 &error);
  g_assert_no_error (error);
  g_clear_object (&found);
  found = pw_store_get_deployment (store, id, &error);
  g_assert_null (pw_deployment_get_schedule (found));

  /* Deleting. */
  g_assert_true (pw_store_delete_deployment (store, id, &error));
  g_assert_no_error (error);
  g_assert_null (pw_store_find_deployment (store, "etl", "nightly", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "etl/nightly"));
  g_clear_error (&error);
  g_assert_false (pw_store_delete_deployment (store, id, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pw_store_set_deployment_paused (store, id, TRUE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

/* What cannot be stored is refused, and nothing is stored. */
static void
test_store_refused (SchedFixture  *fixture,
                    gconstpointer  data)
{
  PwStore *store = fixture->base.store;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GError) error = NULL;
  struct {
    const char *flow;
    const char *name;
    const char *parameters;
    const char *queue;
    int code;
  } cases[] = {
    { "missing", "nightly", NULL, "never-made", PW_STORE_ERROR_NOT_FOUND },
    { "etl", "a/b", NULL, NULL, PW_STORE_ERROR_INVALID },
    { "etl", "", NULL, NULL, PW_STORE_ERROR_INVALID },
    { "etl", "nightly", "[1]", NULL, PW_STORE_ERROR_INVALID },
    { "etl", "nightly", "{", NULL, PW_STORE_ERROR_INVALID },
    { "etl", "nightly", NULL, " padded", PW_STORE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PwDeployment) deployment = pw_deployment_new (cases[i].flow, cases[i].name);

      pw_deployment_set_parameters (deployment, cases[i].parameters);
      pw_deployment_set_work_queue_name (deployment, cases[i].queue);
      g_assert_null (pw_store_put_deployment (store, deployment, NULL, &error));
      g_assert_error (error, PW_STORE_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  list = pw_store_list_deployments (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  queues = pw_store_list_work_queues (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queues->len, ==, 0);
}

/* Deleting a deployment deletes its runs that wait (as Prefect does);
 * the others stay, without it. */
static void
test_store_delete_runs (SchedFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(PwDeployment) deployment = sched_deploy (fixture, "hourly",
                                                     "{\"interval\": 3600}", "q");
  g_autoptr(PwScheduler) scheduler = pw_scheduler_new (fixture->base.store, fixture->clock);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(PwFlowRun) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done_id = NULL;
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();

  sched_tick (scheduler);
  runs = sched_runs (fixture->base.store, pw_deployment_get_id (deployment));
  g_assert_cmpuint (runs->len, ==, 3);
  done_id = g_strdup (pw_flow_run_get_id (g_ptr_array_index (runs, 0)));
  store_test_set_state (fixture->base.store, done_id, PW_STATE_TYPE_RUNNING, NULL, NULL);
  store_test_set_state (fixture->base.store, done_id, PW_STATE_TYPE_COMPLETED, NULL, NULL);

  g_assert_true (pw_store_delete_deployment (fixture->base.store,
                                             pw_deployment_get_id (deployment), &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count_flow_runs (fixture->base.store, filter, &error), ==, 1);
  done = pw_store_get_flow_run (fixture->base.store, done_id, &error);
  g_assert_no_error (error);
  g_assert_null (pw_flow_run_get_deployment_id (done));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Deployment/object", test_object);
  g_test_add_func ("/Deployment/file/examples", test_file_examples);
  g_test_add_func ("/Deployment/file/bad", test_file_bad);
  g_test_add_func ("/Deployment/file/all-problems", test_file_all_problems);
  g_test_add_func ("/Deployment/file/limits", test_file_limits);
  g_test_add_func ("/Deployment/file/save", test_file_save);
  sched_test_add ("/Deployment/store/crud", test_store_crud);
  sched_test_add ("/Deployment/store/refused", test_store_refused);
  sched_test_add ("/Deployment/store/delete-runs", test_store_delete_runs);

  return g_test_run ();
}
