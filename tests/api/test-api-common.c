/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <stdlib.h>
#include <string.h>

#include "test-api-common.h"

/* The tests run with G_TEST_OPTION_ISOLATE_DIRS: each test case has its
 * own $HOME and XDG folders, which the subprocesses inherit. No test
 * reaches the user's session bus unless it runs under its own
 * (dbus-run-session, for the keyring tests). */

/**
 * api_test_init:
 *
 * g_test_init() with isolated folders, and a plain proxy resolver: the
 * tests point GSETTINGS_SCHEMA_DIR at the app's schemas only, where GNOME's
 * proxy settings are not.
 */
void
api_test_init (int    *argc,
               char ***argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("no_proxy", "*", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

void
api_fixture_set_up (ApiFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pw-test-api-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);

  /* GLib's isolation gives this process private folders but points the
   * environment at /dev/null: the subprocesses get the same folders. */
  g_setenv ("HOME", g_get_home_dir (), TRUE);
  g_setenv ("XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_setenv ("XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_setenv ("XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  g_setenv ("XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);
  if (g_getenv ("PW_TEST_KEEP_BUS") == NULL)
    {
      g_autofree char *bus = g_strdup_printf ("unix:path=%s/no-bus", f->dir);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
    }
  g_unsetenv ("PIPEWRIGHT_DB");
  g_unsetenv ("PIPEWRIGHT_PROFILE");
  g_unsetenv ("PIPEWRIGHT_API_KEY");
}

void
api_stop_server (ApiFixture *f)
{
  if (f->server == NULL)
    return;
  g_subprocess_send_signal (f->server, SIGTERM);
  g_subprocess_wait (f->server, NULL, NULL);
  g_clear_object (&f->server);
  g_clear_pointer (&f->url, g_free);
}

void
api_fixture_tear_down (ApiFixture    *f,
                       gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  api_stop_server (f);
  g_assert_cmpint (system (command), ==, 0);
  g_free (f->db);
  g_free (f->dir);
}

/* A server outlives no test: it gets SIGTERM when the test dies (a failed
 * assertion aborts before any tear-down). */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static const char *
cli_path (void)
{
  const char *path = g_getenv ("PW_CLI");

  g_assert_nonnull (path);
  return path;
}

/**
 * api_serve:
 *
 * Starts `pipewright-cli --db DB serve --port 0 ARGS…` and waits for its
 * first line, the API's URL.
 */
void
api_serve (ApiFixture *f,
           const char *first_arg,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_assert_null (f->server);
  g_ptr_array_add (args, (char *)cli_path ());
  g_ptr_array_add (args, (char *)"--db");
  g_ptr_array_add (args, f->db);
  g_ptr_array_add (args, (char *)"serve");
  g_ptr_array_add (args, (char *)"--port");
  g_ptr_array_add (args, (char *)"0");
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->server = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->server));
  f->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->url);
  g_assert_true (g_str_has_prefix (f->url, "http://127.0.0.1:") ||
                 g_str_has_prefix (f->url, "https://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (f->url, "/api"));
}

void
cli_result_clear (CliResult *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/**
 * api_run_cli:
 * @f: (nullable): a fixture whose database to pass with --db, or %NULL
 *   for none (the profiles decide)
 * @stdin_text: (nullable): what to write to its standard input
 */
void
api_run_cli (ApiFixture *f,
             CliResult  *r,
             const char *stdin_text,
             const char *first_arg,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *)cli_path ());
  if (f != NULL)
    {
      g_ptr_array_add (args, (char *)"--db");
      g_ptr_array_add (args, f->db);
    }
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text != NULL ? stdin_text : "", NULL,
                                 &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

char *
api_example (const char *name)
{
  return g_build_filename (g_getenv ("PW_EXAMPLES_DIR"), name, NULL);
}

void
api_import_examples (ApiFixture *f)
{
  g_autofree char *hello = api_example ("hello.flow.json");
  CliResult r = { 0, };

  api_run_cli (f, &r, NULL, "flow", "import", hello, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
}

/* Runs @flow to its end through the CLI; returns the run's id. */
char *
api_run_flow (ApiFixture *f,
              const char *flow)
{
  g_autoptr(JsonNode) root = NULL;
  CliResult r = { 0, };
  char *id;

  api_run_cli (f, &r, NULL, "run", flow, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = api_parse (r.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  id = g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
  cli_result_clear (&r);
  return id;
}

SoupSession *
api_session (void)
{
  return soup_session_new_with_options ("timeout", 30, NULL);
}

JsonNode *
api_parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

/**
 * api_request:
 * @body: (nullable): a JSON body
 * @api_key: (nullable): sent as a bearer token
 * @out_json: (out) (optional): the answer parsed, or %NULL when empty
 *
 * Returns: the HTTP status
 */
guint
api_request (SoupSession  *session,
             const char   *method,
             const char   *url,
             const char   *body,
             const char   *api_key,
             JsonNode    **out_json)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  if (api_key != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", api_key, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (out_json != NULL)
    {
      const char *data = g_bytes_get_data (answer, &size);
      g_autofree char *text = g_strndup (data, size);

      *out_json = size > 0 ? api_parse (text) : NULL;
    }
  return soup_message_get_status (msg);
}

char *
fixture_path (const char *name)
{
  const char *shared = g_getenv ("PW_SHARED_DIR");

  g_assert_nonnull (shared);
  return g_build_filename (shared, "prefect", "fixtures", name, NULL);
}

char *
fixture_text (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

JsonNode *
fixture_json (const char *name)
{
  g_autofree char *text = fixture_text (name);

  return api_parse (text);
}

void
api_store_result (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

GAsyncResult *
api_wait (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return g_steal_pointer (slot);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @done says so or @timeout_ms pass. */
gboolean
api_wait_until (gboolean (*done) (gpointer),
                gpointer   data,
                guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return done (data);
}

void
api_spin (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, timeout_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}
