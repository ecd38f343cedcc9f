/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "pw-agent.h"
#include "pw-cli-private.h"
#include "pw-notifier.h"
#include "pw-scheduler.h"

/*
 * `pipewright-cli agent start`: the headless service. It runs an agent on
 * the named work queues (all when none is named), the scheduler (so that
 * an agent alone keeps deployments' schedules going) and the notifier
 * (webhooks), and prints a line per run it takes and per run that ends.
 * SIGTERM or Ctrl-C stops it cleanly: the runs in progress finish or are
 * cancelled (--on-stop); a second signal cancels them; a third quits at
 * once (the runs left are marked Crashed when the database is next
 * opened, since this process is gone).
 */

#define NOTIFY_DRAIN_MS 10000

typedef struct
{
  PwAgent         *agent;
  PwNotifier      *notifier;
  PwStore         *store;
  PwAgentStopMode  on_stop;
  guint            n_signals;
  gboolean         stopped;
  gboolean         poll_failing;
} Service;

static void G_GNUC_PRINTF (1, 2)
say (const char *format,
     ...)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  printf ("%s %s\n", time, message);
  fflush (stdout);
}

static char *
format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%H:%M:%S");
}

static void
on_run_taken (PwAgent   *agent,
              PwFlowRun *run,
              Service   *service)
{
  g_autofree char *deployment = NULL;
  g_autofree char *scheduled = format_local_time (pw_flow_run_get_expected_start_time (run));
  g_autofree char *what = NULL;

  pw_store_get_flow_run_context (service->store, pw_flow_run_get_id (run), &deployment, NULL, NULL);
  if (deployment != NULL)
    what = g_strdup_printf ("%s/%s", pw_flow_run_get_flow_name (run), deployment);
  else
    what = g_strdup (pw_flow_run_get_flow_name (run));

  say (_("took flow run %s (%s) of %s from queue %s, scheduled for %s"),
       pw_flow_run_get_name (run), pw_flow_run_get_id (run), what,
       pw_flow_run_get_work_queue_name (run), scheduled);
}

static void
on_run_finished (PwAgent      *agent,
                 const char   *flow_run_id,
                 PwFlowRun    *run,
                 const GError *error,
                 Service      *service)
{
  PwState *state = run != NULL ? pw_flow_run_get_state (run) : NULL;
  const char *message = state != NULL ? pw_state_get_message (state) : NULL;

  if (run == NULL)
    say (_("flow run %s could not be run: %s"), flow_run_id, error->message);
  else if (message != NULL && *message != '\0')
    say (_("flow run %s: %s — %s"), pw_flow_run_get_name (run),
         pw_flow_run_get_state_name (run), message);
  else
    say (_("flow run %s: %s"), pw_flow_run_get_name (run), pw_flow_run_get_state_name (run));
}

static void
on_poll_failed (PwAgent      *agent,
                const GError *error,
                Service      *service)
{
  say (_("poll failed, trying again at the next one: %s"), error->message);
  service->poll_failing = TRUE;
}

static void
on_n_running (PwAgent    *agent,
              GParamSpec *pspec,
              Service    *service)
{
  if (service->n_signals > 0 && pw_agent_get_n_running (agent) > 0)
    say (g_dngettext (GETTEXT_PACKAGE, "waiting for %u flow run to finish",
                      "waiting for %u flow runs to finish", pw_agent_get_n_running (agent)),
         pw_agent_get_n_running (agent));
}

static void
on_webhook_finished (PwNotifier     *notifier,
                     PwNotification *notification,
                     const char     *url,
                     guint           attempts,
                     const GError   *error,
                     Service        *service)
{
  /* A delivery given up is logged by the notifier, with its reason. */
  if (error == NULL)
    say (_("notified %s: flow run %s %s"), url,
         pw_notification_get_flow_run_name (notification),
         pw_notification_get_state_name (notification));
}

static void
on_stopped (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Service *service = user_data;

  pw_agent_stop_finish (PW_AGENT (object), result, NULL);
  service->stopped = TRUE;
}

static gboolean
on_signal (Service *service,
           int      signal_number)
{
  service->n_signals++;

  if (service->n_signals == 1)
    {
      if (service->on_stop == PW_AGENT_STOP_CANCEL)
        say (_("stopping: cancelling the flow runs in progress"));
      else
        say (_("stopping: the flow runs in progress may finish (signal again to cancel them)"));
      pw_agent_stop_async (service->agent, service->on_stop, NULL, on_stopped, service);
    }
  else if (service->n_signals == 2 && service->on_stop == PW_AGENT_STOP_FINISH)
    {
      say (_("stopping: cancelling the flow runs in progress (signal again to quit at once)"));
      service->on_stop = PW_AGENT_STOP_CANCEL;
      pw_agent_stop_async (service->agent, PW_AGENT_STOP_CANCEL, NULL, NULL, NULL);
    }
  else
    {
      g_printerr (_("Quitting without waiting for the flow runs in progress.\n"));
      _exit (128 + signal_number);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
on_sigint (gpointer data)
{
  return on_signal (data, SIGINT);
}

static gboolean
on_sigterm (gpointer data)
{
  return on_signal (data, SIGTERM);
}

static gboolean
on_drain_timeout (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Creates the named queues that do not exist yet, as Prefect's agents do. */
static gboolean
ensure_queues (PwStore     *store,
               char       **names,
               GError     **error)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(PwWorkQueue) found = NULL;
      g_autoptr(PwWorkQueue) queue = NULL;
      g_autoptr(PwWorkQueue) created = NULL;
      g_autoptr(GError) local_error = NULL;

      found = pw_store_get_work_queue (store, names[i], &local_error);
      if (found != NULL)
        continue;
      if (!g_error_matches (local_error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      queue = pw_work_queue_new (names[i]);
      created = pw_store_create_work_queue (store, queue, &local_error);
      if (created == NULL &&
          !g_error_matches (local_error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (created != NULL)
        say (_("created work queue %s"), names[i]);
    }

  return TRUE;
}

static int
agent_start (PwCli  *cli,
             int     argc,
             char  **argv)
{
  g_auto(GStrv) queues = NULL;
  g_autofree char *on_stop = NULL;
  g_autofree char *name = NULL;
  double poll_interval = PW_AGENT_DEFAULT_POLL_INTERVAL_MS / 1000.0;
  int limit = 0;
  gboolean no_scheduler = FALSE;
  gboolean no_notifications = FALSE;
  const GOptionEntry entries[] = {
    { "work-queue", 'q', 0, G_OPTION_ARG_STRING_ARRAY, &queues,
      N_("Take runs from this work queue (repeat for more; default: every queue)"), N_("NAME") },
    { "poll-interval", 0, 0, G_OPTION_ARG_DOUBLE, &poll_interval,
      N_("Seconds between polls (default: 10)"), N_("S") },
    { "on-stop", 0, 0, G_OPTION_ARG_STRING, &on_stop,
      N_("On SIGTERM or Ctrl+C, let the runs in progress finish, or cancel them (default: finish)"),
      "finish|cancel" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("Run at most N flow runs at once (default: no limit but the queues’)"), N_("N") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The agent’s name, in the runs it takes (default: HOST:PID)"), N_("NAME") },
    { "no-scheduler", 0, 0, G_OPTION_ARG_NONE, &no_scheduler,
      N_("Do not schedule deployments’ runs (another process does)"), NULL },
    { "no-notifications", 0, 0, G_OPTION_ARG_NONE, &no_notifications,
      N_("Do not send notification webhooks (another process does)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwScheduler) scheduler = NULL;
  g_autofree char *queue_list = NULL;
  Service service = { 0, };
  guint sigint_id, sigterm_id;
  int status;

  context = pw_cli_option_context (NULL, _("Take due runs from work queues and run them here, "
                                           "until stopped by SIGTERM or Ctrl+C."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return pw_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);
  if (on_stop == NULL || g_str_equal (on_stop, "finish"))
    service.on_stop = PW_AGENT_STOP_FINISH;
  else if (g_str_equal (on_stop, "cancel"))
    service.on_stop = PW_AGENT_STOP_CANCEL;
  else
    return pw_cli_usage_error (cli, context, _("--on-stop must be “finish” or “cancel”, not “%s”"),
                               on_stop);
  if (!(poll_interval >= 0.01 && poll_interval <= 86400))
    return pw_cli_usage_error (cli, context,
                               _("--poll-interval must be between 0.01 and 86400 seconds"));
  if (limit < 0)
    return pw_cli_usage_error (cli, context, _("--limit must be 0 or more"));
  for (guint i = 0; queues != NULL && queues[i] != NULL; i++)
    if (!pw_work_queue_check_name (queues[i], &error))
      return pw_cli_usage_error (cli, context, "%s", error->message);

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  service.agent = pw_agent_new_for_backend (backend);
  service.store = pw_agent_get_store (service.agent);
  pw_agent_set_work_queues (service.agent, (const char * const *)queues);
  pw_agent_set_poll_interval_ms (service.agent, (guint)(poll_interval * 1000));
  pw_agent_set_limit (service.agent, limit);
  pw_agent_set_name (service.agent, name);

  if (!ensure_queues (service.store, queues, &error))
    {
      g_clear_object (&service.agent);
      return pw_cli_fail (cli, "%s", error->message);
    }

  g_signal_connect (service.agent, "run-taken", G_CALLBACK (on_run_taken), &service);
  g_signal_connect (service.agent, "run-finished", G_CALLBACK (on_run_finished), &service);
  g_signal_connect (service.agent, "poll-failed", G_CALLBACK (on_poll_failed), &service);
  g_signal_connect (service.agent, "notify::n-running", G_CALLBACK (on_n_running), &service);

  if (!no_notifications)
    {
      service.notifier = pw_notifier_new (service.store, pw_agent_get_clock (service.agent));
      pw_notifier_watch (service.notifier, G_OBJECT (backend));
      pw_notifier_watch (service.notifier, G_OBJECT (service.agent));
      g_signal_connect (service.notifier, "webhook-finished", G_CALLBACK (on_webhook_finished),
                        &service);
      if (!pw_notifier_start (service.notifier, &error))
        {
          g_clear_object (&service.notifier);
          g_clear_object (&service.agent);
          return pw_cli_fail (cli, "%s", error->message);
        }
    }

  if (!no_scheduler)
    {
      scheduler = pw_scheduler_new (service.store, pw_agent_get_clock (service.agent));
      pw_scheduler_start (scheduler);
    }

  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &service);
  sigterm_id = g_unix_signal_add (SIGTERM, on_sigterm, &service);

  queue_list = queues != NULL ? g_strjoinv (", ", queues) : g_strdup (_("every queue"));
  say (_("agent %s started: polling %s every %g s%s%s"),
       pw_agent_get_name (service.agent), queue_list, poll_interval,
       no_scheduler ? "" : _(", scheduling deployments"),
       no_notifications ? "" : _(", sending notifications"));
  pw_agent_start (service.agent);

  while (!service.stopped)
    g_main_context_iteration (NULL, TRUE);

  if (scheduler != NULL)
    pw_scheduler_stop (scheduler);

  /* Let the last notifications out (a run that just ended), for a while. */
  if (service.notifier != NULL)
    {
      gboolean expired = FALSE;
      guint drain_id;

      pw_notifier_scan (service.notifier, NULL);
      pw_notifier_stop (service.notifier);
      if (pw_notifier_get_n_sending (service.notifier) > 0)
        say (g_dngettext (GETTEXT_PACKAGE,
                          "waiting up to %u s for %u notification to be sent",
                          "waiting up to %u s for %u notifications to be sent",
                          pw_notifier_get_n_sending (service.notifier)),
             NOTIFY_DRAIN_MS / 1000, pw_notifier_get_n_sending (service.notifier));
      drain_id = g_timeout_add (NOTIFY_DRAIN_MS, on_drain_timeout, &expired);
      while (pw_notifier_get_n_sending (service.notifier) > 0 && !expired)
        g_main_context_iteration (NULL, TRUE);
      if (!expired)
        g_source_remove (drain_id);
      pw_notifier_cancel (service.notifier);
      while (pw_notifier_get_n_sending (service.notifier) > 0)
        g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  say (_("agent %s stopped"), pw_agent_get_name (service.agent));

  g_clear_object (&service.notifier);
  g_clear_object (&service.agent);
  return PW_CLI_EXIT_OK;
}

int
pw_cli_agent (PwCli  *cli,
              int     argc,
              char  **argv)
{
  static const PwCliCommand commands[] = {
    { "start", N_("Take due runs from work queues and run them here"), agent_start },
    { NULL }
  };

  return pw_cli_dispatch (cli, "agent", commands, argc, argv);
}
