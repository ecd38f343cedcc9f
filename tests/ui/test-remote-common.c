/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pw-connection-button.h"
#include "pw-profiles.h"
#include "pw-window.h"
#include "test-remote-common.h"

/* The servers, profiles and app runner of test-remote (see the header). */

#define GATED_FLOW \
  "{\n" \
  "  \"format\": \"pipewright-flow/1\",\n" \
  "  \"name\": \"gated\",\n" \
  "  \"description\": \"Waits for the test's gate file\",\n" \
  "  \"tasks\": [\n" \
  "    {\"key\": \"wait\", \"name\": \"Wait\", \"kind\": \"shell\",\n" \
  "     \"script\": \"while [ ! -e '%s' ]; do sleep 0.05; done\\necho opened\\n\"},\n" \
  "    {\"key\": \"done\", \"name\": \"Done\", \"kind\": \"noop\", \"after\": [\"wait\"]}\n" \
  "  ]\n" \
  "}\n"

/* whether the test runs with a keyring of its own (start_keyring()) */
gboolean have_keyring;

/* subprocesses */

void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

const char *
cli_path (void)
{
  const char *path = g_getenv ("PW_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs `pipewright-cli --db DB ARGS…` to its end; returns its output. */
char *
run_cli (Remote     *r,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *)cli_path ());
  g_ptr_array_add (args, (char *)"--db");
  g_ptr_array_add (args, r->db);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("pipewright-cli %s failed: %s", first_arg, err);
  return out;
}

/* `pipewright-cli --db DB serve --port PORT`; waits for its first line,
 * the API's URL. */
void
start_server (Remote *r,
              guint   port)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  const char *argv[] = { cli_path (), "--db", r->db, "serve", "--port", port_text,
                         r->key_file != NULL ? "--api-key-file" : NULL, r->key_file, NULL };

  g_assert_null (r->server);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  r->server = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (r->server));
  g_free (r->url);
  r->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r->url);
  g_assert_true (g_str_has_prefix (r->url, "http://127.0.0.1:"));
  uri = g_uri_parse (r->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  r->port = (guint)g_uri_get_port (uri);
  g_assert_cmpuint (r->port, >, 0);
  if (port != 0)
    g_assert_cmpuint (r->port, ==, port);
}

/* As a crash or a pulled cable would: no goodbye to the clients. */
void
kill_server (Remote *r)
{
  g_subprocess_send_signal (r->server, SIGKILL);
  g_subprocess_wait (r->server, NULL, NULL);
  g_clear_object (&r->server);
}

/* profiles */

PwProfiles *
load_profiles (void)
{
  g_autofree char *path = pw_profiles_default_path ();
  g_autoptr(GError) error = NULL;
  PwProfiles *profiles = pw_profiles_load (path, &error);

  g_assert_no_error (error);
  return profiles;
}

void
write_profile (const char *name,
               const char *url,
               gboolean    active)
{
  g_autoptr(PwProfiles) profiles = load_profiles ();
  g_autoptr(GError) error = NULL;

  pw_profiles_create (profiles, name, NULL, &error);
  g_assert_no_error (error);
  pw_profiles_set (profiles, name, PW_PROFILE_KEY_API_URL, url, &error);
  g_assert_no_error (error);
  if (active)
    {
      pw_profiles_set_active (profiles, name, &error);
      g_assert_no_error (error);
    }
  pw_profiles_save (profiles, &error);
  g_assert_no_error (error);
}

/* the app */

PwWindow *
current_window (Remote *r)
{
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (r->base.app)); l != NULL; l = l->next)
    if (PW_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

typedef struct
{
  Remote     *r;
  const char *view;
  GType       backend_type;
} WindowWait;

static gboolean
window_ready (gpointer data)
{
  WindowWait *wait = data;
  PwWindow *window = current_window (wait->r);
  PwBackend *backend = pw_application_get_backend (wait->r->base.app);

  return window != NULL && g_strcmp0 (pw_window_get_main_view (window), wait->view) == 0 &&
         (wait->backend_type == G_TYPE_NONE ||
          (backend != NULL && G_TYPE_CHECK_INSTANCE_TYPE (backend, wait->backend_type)));
}

/* Waits for a window showing @view ("content", "error") on a backend of
 * @backend_type, and points the fixture at it. */
PwWindow *
wait_for_window (Remote     *r,
                 const char *view,
                 GType       backend_type)
{
  WindowWait wait = { r, view, backend_type };

  g_assert_true (wait_until (window_ready, &wait));
  r->base.window = current_window (r);
  r->base.backend = pw_application_get_backend (r->base.app);
  r->base.runs_page = pw_window_get_runs_page (r->base.window);
  r->base.flows_page = pw_window_get_flows_page (r->base.window);
  return r->base.window;
}

const char *
button_status (gpointer window)
{
  return pw_connection_button_get_status (pw_window_get_connection_button (window));
}

typedef struct
{
  PwWindow   *window;
  const char *prefix;
} StatusWait;

static gboolean
status_starts_with (gpointer data)
{
  StatusWait *wait = data;

  return g_str_has_prefix (button_status (wait->window), wait->prefix);
}

gboolean
wait_for_status (PwWindow   *window,
                 const char *prefix)
{
  StatusWait wait = { window, prefix };

  return wait_until (status_starts_with, &wait);
}

gboolean
banner_shown (gpointer window)
{
  return pw_window_get_offline_banner_shown (window);
}

gboolean
banner_hidden (gpointer window)
{
  return !pw_window_get_offline_banner_shown (window);
}

static void
run_body_cb (gpointer data)
{
  Remote *r = data;
  GList *windows;

  r->body (r);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (r->base.app))) != NULL)
    gtk_window_destroy (windows->data);
}

static void
activated_cb (Remote *r)
{
  g_idle_add_once (run_body_cb, r);
}

static gboolean
object_gone (gpointer data)
{
  return *(gpointer *)data == NULL;
}

/* Runs the app as `pipewright [ARGS…]` with @body inside. */
void
run_app (Remote     *r,
         void      (*body) (gpointer self),
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  gpointer backend = NULL;
  va_list ap;

  g_ptr_array_add (argv, (char *)"pipewright");
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  r->body = body;
  r->base.app = g_object_new (PW_TYPE_APPLICATION,
                              "application-id", APPLICATION_ID,
                              "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                              NULL);
  g_signal_connect_data (r->base.app, "activate", G_CALLBACK (activated_cb), r,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_assert_cmpint (g_application_run (G_APPLICATION (r->base.app), (int)argv->len - 1,
                                      (char **)argv->pdata), ==, 0);

  backend = pw_application_get_backend (r->base.app);
  if (backend != NULL)
    g_object_add_weak_pointer (backend, &backend);
  g_assert_finalize_object (r->base.app);
  r->base.app = NULL;
  /* Reads still on their way hold the backend until they come back. */
  g_assert_true (wait_until (object_gone, &backend));
}

/* fixture */

void
remote_set_up (Remote        *r,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_path = NULL;
  g_autofree char *flow_text = NULL;
  g_autofree char *profiles = pw_profiles_default_path ();
  g_autofree char *out = NULL;
  g_autofree char *hello = g_build_filename (g_getenv ("PW_EXAMPLES_DIR"), "hello.flow.json", NULL);
  g_autofree char *dev = g_build_filename (g_getenv ("PW_EXAMPLES_DIR"), "hello-dev.deployment.json", NULL);

  r->dir = g_dir_make_tmp ("pipewright-remote-XXXXXX", &error);
  g_assert_no_error (error);
  r->db = g_build_filename (r->dir, "server.db", NULL);
  r->gate = g_build_filename (r->dir, "gate", NULL);
  g_remove (profiles);
  g_unsetenv ("PIPEWRIGHT_DB");
  g_unsetenv ("PIPEWRIGHT_PROFILE");
  g_unsetenv ("PIPEWRIGHT_API_KEY");

  /* The server's database: a flow that waits for the test, the hello
   * example and its dev deployment (on the dev work queue). */
  flow_path = g_build_filename (r->dir, "gated.flow.json", NULL);
  flow_text = g_strdup_printf (GATED_FLOW, r->gate);
  g_file_set_contents (flow_path, flow_text, -1, &error);
  g_assert_no_error (error);
  g_free (run_cli (r, "flow", "import", flow_path, NULL));
  g_free (run_cli (r, "flow", "import", hello, NULL));
  out = run_cli (r, "deployment", "create", dev, NULL);
}

void
remote_tear_down (Remote        *r,
                  gconstpointer  data)
{
  g_autofree char *profiles = pw_profiles_default_path ();

  if (r->server != NULL)
    kill_server (r);
  g_remove (profiles);
  remove_tree (r->dir);
  g_free (r->dir);
  g_free (r->db);
  g_free (r->gate);
  g_free (r->url);
  g_free (r->key_file);
}


gboolean
run_listed (gpointer data)
{
  FindRun *find = data;

  for (guint i = 0; i < g_list_model_get_n_items (find->model); i++)
    {
      g_autoptr(PwFlowRun) run = g_list_model_get_item (find->model, i);

      if (run != NULL && g_strcmp0 (pw_flow_run_get_id (run), find->id) == 0)
        return TRUE;
    }
  return FALSE;
}

const char *
runs_content (gpointer page)
{
  return pw_runs_page_get_content (page);
}

gboolean
has_items (gpointer model)
{
  return g_list_model_get_n_items (model) > 0;
}

gboolean
flows_listed (gpointer page)
{
  g_autoptr(GListModel) flows = NULL;

  g_object_get (page, "flows", &flows, NULL);
  return flows != NULL && g_list_model_get_n_items (flows) > 0;
}

GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;
      found = find_actionable (child, action_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The New Flow button follows the win.new-flow action. */
gboolean
new_flow_enabled (gpointer window)
{
  GtkWidget *button = find_actionable (GTK_WIDGET (window), "win.new-flow");

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

void
prefect_handler_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  static const struct { const char *path; const char *file; } answers[] = {
    { "/api/health", "health.json" },
    { "/api/admin/version", "version.json" },
    { "/api/flow_runs/filter", "flow_runs.json" },
    { "/api/flows/filter", "flows.json" },
    { "/api/deployments/filter", "deployments.json" },
    { "/api/work_queues/filter", "work_queues.json" },
    { "/api/task_runs/filter", "task_runs.json" },
    { "/api/logs/filter", "logs.json" },
    { "/api/flow_runs/history", "flow_runs_history.json" },
    { "/api/ui/flow_runs/history", "ui_flow_runs_history.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (g_str_equal (path, answers[i].path))
      {
        g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "..", "..", "shared", "prefect",
                                                       "fixtures", answers[i].file, NULL);
        g_autofree char *text = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (file, &text, &length, NULL));
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                          g_steal_pointer (&text), length);
        return;
      }
  /* One run: the one of flow_runs.json with that id. */
  if (g_str_has_prefix (path, "/api/flow_runs/") && strchr (path + strlen ("/api/flow_runs/"), '/') == NULL)
    {
      g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "..", "..", "shared", "prefect",
                                                     "fixtures", "flow_runs.json", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *runs;

      g_assert_true (json_parser_load_from_file (parser, file, NULL));
      runs = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (runs); i++)
        {
          JsonNode *run = json_array_get_element (runs, i);

          if (g_str_equal (json_object_get_string_member (json_node_get_object (run), "id"),
                           path + strlen ("/api/flow_runs/")))
            {
              char *text = json_to_string (run, FALSE);

              soup_server_message_set_status (msg, 200, NULL);
              soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
              return;
            }
        }
    }
  if (g_str_equal (path, "/api/flow_runs/count"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "7", 1);
      return;
    }
  soup_server_message_set_status (msg, 404, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"detail\":\"Not Found\"}", strlen ("{\"detail\":\"Not Found\"}"));
}

/* A keyring for the test: on a session bus where nothing owns the
 * Secret Service (dbus-run-session), a gnome-keyring-daemon of its own,
 * unlocked with a throwaway password, keeping its keyrings in the test's
 * temporary $XDG_DATA_HOME. Else (no bus, no daemon) the app keeps keys
 * in files, and the test checks that instead. */
gboolean
start_keyring (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autofree char *program = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GError) error = NULL;

  if (program == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;
  owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (owner != NULL)
    return FALSE;

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                             &error, program, "--unlock", "--components=secrets", NULL);
  if (daemon == NULL)
    return FALSE;
  g_subprocess_communicate_utf8 (daemon, "throwaway-password", NULL, NULL, NULL, &error);
  return error == NULL && g_subprocess_get_successful (daemon);
}
