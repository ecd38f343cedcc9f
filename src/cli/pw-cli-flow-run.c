/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pw-cli-private.h"
#include "pw-state.h"

#define LOG_PAGE 200

static GListModel *
list_runs (PwBackend        *backend,
           PwFlowRunFilter  *filter,
           PwFlowRunSort     sort,
           guint             limit,
           GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_list_flow_runs_async (backend, filter, sort, limit, 0, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  return pw_backend_list_flow_runs_finish (backend, result, error);
}

/**
 * pw_cli_find_flow_run:
 * @id_or_name: a run's id, or its name when that is unique
 *
 * Returns: (transfer full): the run, or %NULL with @error set
 */
PwFlowRun *
pw_cli_find_flow_run (PwBackend   *backend,
                      const char  *id_or_name,
                      GError     **error)
{
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(GListModel) runs = NULL;
  const char *names[] = { id_or_name, NULL };

  filter->id_any = g_strdupv ((char **)names);
  runs = list_runs (backend, filter, PW_FLOW_RUN_SORT_ID_DESC, 2, error);
  if (runs == NULL)
    return NULL;

  if (g_list_model_get_n_items (runs) == 0)
    {
      g_clear_pointer (&filter->id_any, g_strfreev);
      filter->name_any = g_strdupv ((char **)names);
      g_clear_object (&runs);
      runs = list_runs (backend, filter, PW_FLOW_RUN_SORT_START_TIME_DESC, 2, error);
      if (runs == NULL)
        return NULL;
    }

  switch (g_list_model_get_n_items (runs))
    {
    case 0:
      g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND,
                   _("No flow run has the id or name “%s”"), id_or_name);
      return NULL;
    case 1:
      return g_list_model_get_item (runs, 0);
    default:
      g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                   _("Several flow runs are named “%s”; give its id"), id_or_name);
      return NULL;
    }
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static char *
format_duration (double seconds)
{
  if (seconds < 60)
    return g_strdup_printf ("%.2f s", seconds);
  if (seconds < 3600)
    return g_strdup_printf ("%d min %02d s", (int)seconds / 60, (int)seconds % 60);
  return g_strdup_printf ("%d h %02d min", (int)seconds / 3600, ((int)seconds % 3600) / 60);
}

/* Reads a state filter: a type (`failed`, `COMPLETED`) or a name (`Late`). */
static gboolean
apply_state (PwFlowRunFilter *filter,
             const char      *state)
{
  g_autofree char *upper = g_ascii_strup (state, -1);
  PwStateType type;

  if (pw_state_type_from_string (upper, &type))
    {
      filter->state_types |= PW_STATE_TYPE_MASK (type);
      return TRUE;
    }

  for (guint t = 0; t < PW_N_STATE_TYPES; t++)
    {
      if (g_ascii_strcasecmp (pw_state_type_get_default_name (t), state) == 0)
        {
          filter->state_types |= PW_STATE_TYPE_MASK (t);
          return TRUE;
        }
    }

  {
    static const char *names[] = { "Late", "AwaitingRetry", "Retrying", "Cached", "TimedOut", "NotRun", NULL };

    for (guint i = 0; names[i] != NULL; i++)
      {
        if (g_ascii_strcasecmp (names[i], state) == 0)
          {
            const char *name[] = { names[i], NULL };
            filter->state_name_any = g_strdupv ((char **)name);
            return TRUE;
          }
      }
  }

  return FALSE;
}

static int
flow_run_ls (PwCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *flow = NULL;
  int limit = 20;
  int status;
  guint n;
  const GOptionEntry entries[] = {
    { "state", 's', 0, G_OPTION_ARG_STRING, &state, N_("Only runs in state S (a type such as FAILED, or a name such as Late)"), N_("S") },
    { "flow", 'f', 0, G_OPTION_ARG_STRING, &flow, N_("Only runs of flow NAME"), N_("NAME") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N runs (default 20)"), N_("N") },
    { NULL }
  };

  context = pw_cli_option_context (NULL, _("List flow runs, newest first."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pw_cli_usage_error (cli, context, _("unexpected argument “%s”"), argv[1]);
  if (limit <= 0)
    return pw_cli_usage_error (cli, context, _("--limit must be a positive number"));
  if (state != NULL && !apply_state (filter, state))
    return pw_cli_usage_error (cli, context, _("unknown state “%s”"), state);
  if (flow != NULL)
    {
      const char *names[] = { flow, NULL };
      filter->flow_name_any = g_strdupv ((char **)names);
    }

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  runs = list_runs (backend, filter, PW_FLOW_RUN_SORT_START_TIME_DESC, limit, &error);
  if (runs == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  n = g_list_model_get_n_items (runs);
  if (n == 0)
    {
      printf (_("No flow runs.\n"));
      return PW_CLI_EXIT_OK;
    }

  printf ("%-36s  %-24s  %-20s  %-13s  %-19s  %s\n",
          _("ID"), _("NAME"), _("FLOW"), _("STATE"), _("STARTED"), _("DURATION"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwFlowRun) run = g_list_model_get_item (runs, i);
      g_autofree char *started = format_time (pw_flow_run_get_start_time (run));
      g_autofree char *duration = format_duration (pw_flow_run_get_total_run_time (run));

      printf ("%-36s  %-24s  %-20s  %-13s  %-19s  %s\n",
              pw_flow_run_get_id (run), pw_flow_run_get_name (run),
              pw_flow_run_get_flow_name (run), pw_flow_run_get_state_name (run),
              started, duration);
    }

  return PW_CLI_EXIT_OK;
}

/* Opens the backend and finds the run the one argument names. Returns
 * TRUE, or FALSE with *status set to the exit status. */
static gboolean
open_run (PwCli           *cli,
          GOptionContext  *context,
          int              argc,
          char           **argv,
          PwBackend      **backend,
          PwFlowRun      **run,
          int             *status)
{
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      *status = pw_cli_usage_error (cli, context, _("give one flow run id or name"));
      return FALSE;
    }

  *backend = pw_cli_open_backend (cli, &error);
  if (*backend == NULL)
    {
      *status = pw_cli_fail (cli, "%s", error->message);
      return FALSE;
    }

  *run = pw_cli_find_flow_run (*backend, argv[1], &error);
  if (*run == NULL)
    {
      *status = pw_cli_fail (cli, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static char *
preview (const char *text)
{
  g_autofree char *line = NULL;
  const char *newline;

  if (text == NULL)
    return g_strdup ("");
  newline = strchr (text, '\n');
  line = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);
  if (g_utf8_strlen (line, -1) > 40)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 39);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&line);
}

static int
flow_run_show (PwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GListModel) task_runs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *started = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *duration = NULL;
  GAsyncResult *slot = NULL;
  PwState *state;
  int status;

  context = pw_cli_option_context (_("ID"), _("Show a flow run and its task runs."), NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_run (cli, context, argc, argv, &backend, &run, &status))
    return status;

  pw_backend_list_task_runs_async (backend, pw_flow_run_get_id (run), NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  task_runs = pw_backend_list_task_runs_finish (backend, result, &error);
  if (task_runs == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  state = pw_flow_run_get_state (run);
  started = format_time (pw_flow_run_get_start_time (run));
  ended = format_time (pw_flow_run_get_end_time (run));
  duration = format_duration (pw_flow_run_get_total_run_time (run));

  printf (_("Flow run   %s (%s)\n"), pw_flow_run_get_name (run), pw_flow_run_get_id (run));
  printf (_("Flow       %s, version %u\n"), pw_flow_run_get_flow_name (run), pw_flow_run_get_flow_version (run));
  printf (_("State      %s"), pw_flow_run_get_state_name (run));
  if (state != NULL && pw_state_get_message (state) != NULL)
    printf (" — %s", pw_state_get_message (state));
  printf ("\n");
  printf (_("Parameters %s\n"), pw_flow_run_get_parameters (run) ? pw_flow_run_get_parameters (run) : "{}");
  printf (_("Started    %s\nEnded      %s\nDuration   %s\nRun count  %u\n\n"),
          started, ended, duration, pw_flow_run_get_run_count (run));

  printf ("%-28s  %-13s  %8s  %10s  %s\n", _("TASK"), _("STATE"), _("ATTEMPTS"), _("DURATION"), _("RESULT"));
  for (guint i = 0; i < g_list_model_get_n_items (task_runs); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (task_runs, i);
      g_autofree char *task_duration = format_duration (pw_task_run_get_total_run_time (task_run));
      g_autofree char *result_preview = preview (pw_task_run_get_result (task_run));

      printf ("%-28s  %-13s  %8u  %10s  %s\n",
              pw_task_run_get_name (task_run), pw_task_run_get_state_name (task_run),
              pw_task_run_get_run_count (task_run), task_duration, result_preview);
    }

  return PW_CLI_EXIT_OK;
}

static int
parse_level (const char *text)
{
  static const struct { const char *name; int level; } levels[] = {
    { "debug", 10 }, { "info", 20 }, { "warning", 30 }, { "error", 40 }, { "critical", 50 },
  };
  gint64 number;

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_ascii_strcasecmp (levels[i].name, text) == 0)
      return levels[i].level;
  if (g_ascii_string_to_signed (text, 10, 0, 50, &number, NULL))
    return number;
  return -1;
}

static const char *
level_name (int level)
{
  if (level >= 50)
    return "CRITICAL";
  if (level >= 40)
    return "ERROR";
  if (level >= 30)
    return "WARNING";
  if (level >= 20)
    return "INFO";
  return "DEBUG";
}

/* Prints the lines after @offset; returns how many it printed. */
static guint
print_logs (PwBackend   *backend,
            PwLogFilter *filter,
            guint        offset,
            GError     **error)
{
  guint printed = 0;

  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) page = NULL;
      GAsyncResult *slot = NULL;
      guint n;

      pw_backend_list_logs_async (backend, filter, PW_LOG_SORT_TIMESTAMP_ASC, LOG_PAGE,
                                  offset + printed, NULL, pw_cli_store_result, &slot);
      result = pw_cli_wait (&slot);
      page = pw_backend_list_logs_finish (backend, result, error);
      if (page == NULL)
        return G_MAXUINT;

      n = g_list_model_get_n_items (page);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PwLogEntry) entry = g_list_model_get_item (page, i);
          g_autoptr(GDateTime) local = g_date_time_to_local (pw_log_entry_get_timestamp (entry));
          g_autofree char *time = g_date_time_format (local, "%H:%M:%S.%f");

          time[12] = '\0';
          printf ("%s %-8s %s | %s\n", time, level_name (pw_log_entry_get_level (entry)),
                  pw_log_entry_get_name (entry), pw_log_entry_get_message (entry));
        }
      printed += n;
      if (n < LOG_PAGE)
        break;
    }

  fflush (stdout);
  return printed;
}

static int
flow_run_logs (PwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwLogFilter) filter = pw_log_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *level = NULL;
  gboolean follow = FALSE;
  guint offset = 0;
  int status;
  const GOptionEntry entries[] = {
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &follow, N_("Keep printing new lines until the run ends"), NULL },
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level, N_("Only lines at level L or above (debug, info, warning, error, critical)"), N_("L") },
    { NULL }
  };

  context = pw_cli_option_context (_("ID"), _("Print a flow run's log."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (level != NULL && (filter->level_ge = parse_level (level)) < 0)
    return pw_cli_usage_error (cli, context, _("unknown log level “%s”"), level);
  if (!open_run (cli, context, argc, argv, &backend, &run, &status))
    return status;

  pw_log_filter_set_flow_run_id (filter, pw_flow_run_get_id (run));

  for (;;)
    {
      g_autoptr(PwFlowRun) now = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      GAsyncResult *slot = NULL;
      gboolean finished;
      guint n;

      /* Read the state before the lines, so nothing written before the
       * run ended is missed. */
      pw_backend_get_flow_run_async (backend, pw_flow_run_get_id (run), NULL, pw_cli_store_result, &slot);
      result = pw_cli_wait (&slot);
      now = pw_backend_get_flow_run_finish (backend, result, &error);
      if (now == NULL)
        return pw_cli_fail (cli, "%s", error->message);
      finished = pw_state_type_is_terminal (pw_flow_run_get_state_type (now));

      n = print_logs (backend, filter, offset, &error);
      if (n == G_MAXUINT)
        return pw_cli_fail (cli, "%s", error->message);
      offset += n;

      if (!follow || finished)
        break;
      g_usleep (G_USEC_PER_SEC / 4);
    }

  return PW_CLI_EXIT_OK;
}

static int
flow_run_cancel (PwCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  int status;

  context = pw_cli_option_context (_("ID"),
                                   _("Cancel a flow run. A run in another process is asked to stop\n"
                                     "and that process ends its tasks."),
                                   NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_run (cli, context, argc, argv, &backend, &run, &status))
    return status;

  pw_backend_cancel_flow_run_async (backend, pw_flow_run_get_id (run), NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  if (!pw_backend_cancel_flow_run_finish (backend, result, &error))
    return pw_cli_fail (cli, "%s", error->message);

  printf (_("Asked flow run %s to stop\n"), pw_flow_run_get_name (run));
  return PW_CLI_EXIT_OK;
}

static int
flow_run_retry (PwCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) retry = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gboolean from_failed = FALSE;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "from-failed", 0, 0, G_OPTION_ARG_NONE, &from_failed, N_("Reuse the tasks that completed; run only the rest"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the finished run as JSON instead of progress"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (_("ID"),
                                   _("Run a finished flow run again, with the same flow version and\n"
                                     "parameters, here and now. Exit status as for “run”."),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_run (cli, context, argc, argv, &backend, &run, &status))
    return status;

  pw_backend_retry_flow_run_async (backend, pw_flow_run_get_id (run), from_failed, NULL,
                                   pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  retry = pw_backend_retry_flow_run_finish (backend, result, &error);
  if (retry == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  return pw_cli_follow_run (backend, retry, json);
}

int
pw_cli_flow_run (PwCli  *cli,
                 int     argc,
                 char  **argv)
{
  static const PwCliCommand commands[] = {
    { "ls", N_("List flow runs"), flow_run_ls },
    { "show", N_("Show a flow run and its task runs"), flow_run_show },
    { "logs", N_("Print a flow run’s log"), flow_run_logs },
    { "cancel", N_("Cancel a flow run"), flow_run_cancel },
    { "retry", N_("Run a finished flow run again"), flow_run_retry },
    { NULL }
  };

  return pw_cli_dispatch (cli, "flow-run", commands, argc, argv);
}
