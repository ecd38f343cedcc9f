/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The three example flows, run for real through pipewright-cli: the ML
 * pipeline on its CSVs, hello, and GitHub stars against a SoupServer on
 * 127.0.0.1 that answers like the GitHub API.
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "test-cli-common.h"

typedef struct
{
  GSubprocess *proc;
  char        *out;
  char        *err;
  gboolean     done;
} AsyncRun;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (run->proc, result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

/* Runs the CLI while this process's main loop keeps serving HTTP. */
static int
run_cli_async (Fixture     *f,
               const char **args,
               char       **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  AsyncRun run = { 0 };
  int status;

  g_ptr_array_add (argv, (char *)cli_path ());
  g_ptr_array_add (argv, (char *)"--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  run.proc = g_subprocess_newv ((const char * const *)argv->pdata,
                                G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (run.proc, NULL, NULL, communicate_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_subprocess_wait (run.proc, NULL, NULL);
  status = g_subprocess_get_exit_status (run.proc);
  if (status != 0)
    g_printerr ("%s\n%s\n", run.out, run.err);
  *out = run.out;
  g_free (run.err);
  g_object_unref (run.proc);
  return status;
}

static void
repos_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  guint *n_requests = user_data;
  g_autofree char *body = NULL;
  int stars;

  (*n_requests)++;
  if (g_str_equal (path, "/repos/GNOME/gtk"))
    stars = 1200;
  else if (g_str_equal (path, "/repos/GNOME/glib"))
    stars = 300;
  else if (g_str_equal (path, "/repos/PrefectHQ/prefect"))
    stars = 17000;
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  g_assert_cmpstr (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "User-Agent"),
                   ==, "Pipewright");
  body = g_strdup_printf ("{\"full_name\": \"%s\", \"stargazers_count\": %d, \"forks\": 7}",
                          path + strlen ("/repos/"), stars);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
test_github_stars (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *flow = example ("github-stars.flow.json");
  g_autofree char *api = NULL;
  g_autofree char *param = NULL;
  g_autofree char *out = NULL;
  GSList *uris;
  JsonArray *task_runs;
  guint n_requests = 0;
  gboolean found_total = FALSE;

  soup_server_add_handler (server, "/repos", repos_handler, &n_requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  api = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  if (g_str_has_suffix (api, "/"))
    api[strlen (api) - 1] = '\0';
  param = g_strconcat ("api_url=", api, NULL);

  {
    const char *args[] = { "run", flow, "--json", "--param", param, NULL };
    g_assert_cmpint (run_cli_async (f, args, &out), ==, 0);
  }

  g_assert_cmpuint (n_requests, ==, 3);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  task_runs = json_object_get_array_member (json_node_get_object (root), "task_runs");
  for (guint i = 0; i < json_array_get_length (task_runs); i++)
    {
      JsonObject *task_run = json_array_get_object_element (task_runs, i);

      if (g_str_equal (json_object_get_string_member (task_run, "task_key"), "total"))
        {
          g_assert_cmpstr (json_object_get_string_member (task_run, "result"), ==, "18500");
          found_total = TRUE;
        }
    }
  g_assert_true (found_total);
}

/* A repository the server does not know: the mapped request fails after
 * its retries, and the sum does not run. */
static void
test_github_stars_not_found (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "stars.flow.json", NULL);
  g_autofree char *flow = example ("github-stars.flow.json");
  g_autofree char *contents = NULL;
  g_autofree char *api = NULL;
  g_autofree char *param = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GString) quick = NULL;
  GSList *uris;
  guint n_requests = 0;

  /* the example waits 10 s between retries; this copy does not */
  g_assert_true (g_file_get_contents (flow, &contents, NULL, NULL));
  quick = g_string_new (contents);
  g_string_replace (quick, "\"retry_delay_seconds\": 10", "\"retry_delay_seconds\": 0", 1);
  write_file (path, quick->str);

  soup_server_add_handler (server, "/repos", repos_handler, &n_requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  api = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  if (g_str_has_suffix (api, "/"))
    api[strlen (api) - 1] = '\0';
  param = g_strconcat ("api_url=", api, NULL);

  {
    const char *args[] = { "run", path, "--param", param, "--param", "repos=GNOME/gtk,nobody/nothing", NULL };
    g_assert_cmpint (run_cli_async (f, args, &out), ==, 1);
  }

  /* gtk once, the unknown repository three times (two retries) */
  g_assert_cmpuint (n_requests, ==, 4);
  g_assert_nonnull (strstr (out, "404"));
  g_assert_nonnull (strstr (out, "NotRun"));
}

static void
test_ml_training (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *flow = example ("ml-training.flow.json");
  g_autofree char *csvs = example ("ml-training");
  g_autofree char *work = g_build_filename (f->dir, "work dir", NULL);
  g_autofree char *data_param = g_strconcat ("data_dir=", csvs, NULL);
  g_autofree char *work_param = g_strconcat ("work_dir=", work, NULL);
  g_autofree char *deployed = g_build_filename (work, "deployed", "model.txt", NULL);
  Result r = { 0 };

  run_cli (f, &r, "run", flow, "--param", data_param, "--param", work_param, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "All 6 tasks completed"));
  result_clear (&r);
  g_assert_true (g_file_test (deployed, G_FILE_TEST_IS_REGULAR));

  /* a bar the model cannot clear: registering fails, deploying does not run */
  run_cli (f, &r, "run", "ml-training", "--param", data_param, "--param", work_param,
           "--param", "max_mae=0.5", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "register"));
  result_clear (&r);
}

static void
test_hello (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *flow = example ("hello.flow.json");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *task_runs;
  gboolean shouted = FALSE;
  Result r = { 0 };

  run_cli (f, &r, "run", flow, "--json", "--param", "who=it's me; rm -rf /", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = json_from_string (r.out, NULL);
  task_runs = json_object_get_array_member (json_node_get_object (root), "task_runs");
  for (guint i = 0; i < json_array_get_length (task_runs); i++)
    {
      JsonObject *task_run = json_array_get_object_element (task_runs, i);

      if (g_str_equal (json_object_get_string_member (task_run, "task_key"), "shout"))
        {
          g_assert_cmpstr (json_object_get_string_member (task_run, "result"), ==,
                           "HELLO, IT'S ME; RM -RF /!");
          shouted = TRUE;
        }
    }
  g_assert_true (shouted);
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/Examples/hello", test_hello);
  ADD ("/Examples/ml-training", test_ml_training);
  ADD ("/Examples/github-stars", test_github_stars);
  ADD ("/Examples/github-stars-not-found", test_github_stars_not_found);
#undef ADD

  return g_test_run ();
}
