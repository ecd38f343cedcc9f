/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "pw-agent.h"
#include "pw-cli-private.h"
#include "pw-local-backend.h"
#include "pw-notifier.h"
#include "pw-scheduler.h"
#include "pw-system-clock.h"
#include "pw-profiles.h"
#include "pw-rest-server.h"

/*
 * pipewright-cli serve: the local database over the REST API, until
 * SIGINT or SIGTERM, with the scheduler (deployments' runs) and an agent
 * taking due runs from every work queue, as a Prefect server with its
 * agent. The first line printed is the API's URL (with the port chosen
 * when --port 0 asked for any).
 */

static gboolean
quit_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  g_main_context_wakeup (NULL);
  return G_SOURCE_CONTINUE;
}

int
pw_cli_serve (PwCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwRestServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = g_strdup ("127.0.0.1");
  g_autofree char *key_file = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *url = NULL;
  g_autofree char *db_path = NULL;
  gint64 max_body = PW_REST_SERVER_DEFAULT_MAX_BODY;
  g_autoptr(PwAgent) agent = NULL;
  g_autoptr(PwScheduler) scheduler = NULL;
  g_autoptr(PwNotifier) notifier = NULL;
  gboolean no_agent = FALSE;
  gboolean no_scheduler = FALSE;
  gboolean no_notifications = FALSE;
  gboolean done = FALSE;
  int port = 4200;
  int status;
  guint sigint;
  guint sigterm;
  const GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("Listen on HOST (default 127.0.0.1; any other address needs an API key)"), N_("HOST") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Listen on PORT (default 4200; 0 picks a free one)"), N_("PORT") },
    { "api-key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("Ask clients for the API key in FILE (readable by its owner only)"), N_("FILE") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("Serve HTTPS with the PEM certificate in FILE"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The PEM private key of --tls-cert"), N_("FILE") },
    { "max-body-size", 0, 0, G_OPTION_ARG_INT64, &max_body, N_("Refuse request bodies over BYTES (default 1 MiB)"), N_("BYTES") },
    { "no-agent", 0, 0, G_OPTION_ARG_NONE, &no_agent, N_("Do not run the work queues’ due runs here (an agent elsewhere does)"), NULL },
    { "no-scheduler", 0, 0, G_OPTION_ARG_NONE, &no_scheduler, N_("Do not schedule deployments’ runs (another process does)"), NULL },
    { "no-notifications", 0, 0, G_OPTION_ARG_NONE, &no_notifications, N_("Do not send notification webhooks (another process does)"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (NULL,
                                   _("Serve the database over Prefect 2’s REST API (with Pipewright’s\n"
                                     "own additions under /api/pipewright), for the app and the CLI\n"
                                     "on other machines (--api-url, profiles) and for Prefect clients."),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pw_cli_usage_error (cli, context, _("unexpected argument “%s”"), argv[1]);
  if (port < 0 || port > G_MAXUINT16)
    return pw_cli_usage_error (cli, context, _("--port must be between 0 and 65535"));
  if ((tls_cert == NULL) != (tls_key == NULL))
    return pw_cli_usage_error (cli, context, _("--tls-cert and --tls-key go together"));
  if (max_body < 1024)
    return pw_cli_usage_error (cli, context, _("--max-body-size must be at least 1024"));
  if (cli->api_url != NULL)
    return pw_cli_usage_error (cli, context, _("serve works on a local database, not on --api-url"));

  if (key_file != NULL)
    {
      api_key = pw_api_key_read_file (key_file, &error);
      if (api_key == NULL)
        return pw_cli_fail (cli, "%s", error->message);
    }

  db_path = pw_cli_local_db_path (cli);
  backend = pw_local_backend_new (db_path, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  server = pw_rest_server_new (backend, pw_local_backend_get_db_path (PW_LOCAL_BACKEND (backend)), &error);
  if (server == NULL)
    return pw_cli_fail (cli, "%s", error->message);
  pw_rest_server_set_api_key (server, api_key);
  pw_rest_server_set_max_body_size (server, max_body);
  if (tls_cert != NULL && !pw_rest_server_set_tls_files (server, tls_cert, tls_key, &error))
    return pw_cli_fail (cli, "%s", error->message);
  if (!pw_rest_server_listen (server, host, port, &error))
    return pw_cli_fail (cli, "%s", error->message);

  if (!no_scheduler)
    {
      scheduler = pw_scheduler_new (pw_rest_server_get_store (server), pw_system_clock_get_default ());
      pw_scheduler_start (scheduler);
    }
  if (!no_agent)
    {
      agent = pw_agent_new_for_backend (backend);
      pw_agent_start (agent);
    }
  if (!no_notifications)
    {
      notifier = pw_notifier_new (pw_rest_server_get_store (server), pw_system_clock_get_default ());
      pw_notifier_watch (notifier, G_OBJECT (backend));
      if (agent != NULL)
        pw_notifier_watch (notifier, G_OBJECT (agent));
      if (!pw_notifier_start (notifier, &error))
        return pw_cli_fail (cli, "%s", error->message);
    }

  url = pw_rest_server_get_url (server);
  printf ("%s\n", url);
  fflush (stdout);
  fprintf (stderr, _("Serving %s at %s%s. Stop with Ctrl+C.\n"),
           pw_local_backend_get_db_path (PW_LOCAL_BACKEND (backend)), url,
           api_key != NULL ? _(" (API key required)") : "");

  sigint = g_unix_signal_add (SIGINT, quit_cb, &done);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  pw_rest_server_disconnect (server);
  if (notifier != NULL)
    pw_notifier_stop (notifier);
  if (scheduler != NULL)
    pw_scheduler_stop (scheduler);
  if (agent != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;
      GAsyncResult *slot = NULL;

      /* Runs in progress are cancelled: this process is going away. */
      pw_agent_stop_async (agent, PW_AGENT_STOP_CANCEL, NULL, pw_cli_store_result, &slot);
      result = pw_cli_wait (&slot);
      pw_agent_stop_finish (agent, result, NULL);
    }
  return PW_CLI_EXIT_OK;
}
