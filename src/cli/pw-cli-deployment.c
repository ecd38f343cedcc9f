/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>

#include "pw-cli-private.h"
#include "pw-deployment-file.h"
#include "pw-flow.h"
#include "pw-problem.h"
#include "pw-state.h"

/*
 * `pipewright-cli deployment …`: deployments addressed FLOW/NAME, as in
 * Prefect. Exit status: 0 done; 1 a missing deployment or flow, or the
 * database failed; 2 bad usage or an invalid deployment (nothing is
 * stored then).
 */

#define DEFAULT_PREVIEW 5

/**
 * pw_cli_format_zoned_time:
 * @time: an instant
 * @tz: (nullable): the zone to show it in; %NULL for the local one
 * @tz_name: (nullable): the zone's name, added in brackets when it says
 *   more than the abbreviation
 *
 * Returns: (transfer full): `2026-11-27 03:00 CET (Europe/Berlin)`, with
 *   seconds only when there are some
 */
char *
pw_cli_format_zoned_time (GDateTime  *time,
                          GTimeZone  *tz,
                          const char *tz_name)
{
  g_autoptr(GDateTime) zoned = NULL;
  g_autofree char *text = NULL;
  const char *abbreviation;

  if (time == NULL)
    return g_strdup ("—");

  zoned = tz != NULL ? g_date_time_to_timezone (time, tz) : g_date_time_to_local (time);
  text = g_date_time_format (zoned, g_date_time_get_second (zoned) != 0
                                    ? "%Y-%m-%d %H:%M:%S %Z" : "%Y-%m-%d %H:%M %Z");
  abbreviation = g_date_time_get_timezone_abbreviation (zoned);
  if (tz_name != NULL && g_strcmp0 (abbreviation, tz_name) != 0)
    return g_strdup_printf ("%s (%s)", text, tz_name);
  return g_steal_pointer (&text);
}

static int
error_status (const GError *error)
{
  if (g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID))
    return PW_CLI_EXIT_USAGE;
  return PW_CLI_EXIT_FAILED;
}

static PwDeployment *
get_deployment (PwBackend   *backend,
                const char  *address,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *flow_name = NULL;
  g_autofree char *name = NULL;
  GAsyncResult *slot = NULL;

  if (!pw_deployment_parse_address (address, &flow_name, &name, error))
    return NULL;

  pw_backend_get_deployment_async (backend, flow_name, name, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  return pw_backend_get_deployment_finish (backend, result, error);
}

/* Opens the backend and finds the deployment the one argument names.
 * Returns TRUE, or FALSE with *status set. */
static gboolean
open_deployment (PwCli           *cli,
                 GOptionContext  *context,
                 int              argc,
                 char           **argv,
                 PwBackend      **backend,
                 PwDeployment   **deployment,
                 int             *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_name = NULL;
  g_autofree char *name = NULL;

  if (argc != 2)
    {
      *status = pw_cli_usage_error (cli, context, _("give one deployment, as FLOW/NAME"));
      return FALSE;
    }
  if (!pw_deployment_parse_address (argv[1], &flow_name, &name, &error))
    {
      *status = pw_cli_usage_error (cli, context, "%s", error->message);
      return FALSE;
    }

  *backend = pw_cli_open_backend (cli, &error);
  if (*backend == NULL)
    {
      *status = pw_cli_fail (cli, "%s", error->message);
      return FALSE;
    }

  *deployment = get_deployment (*backend, argv[1], &error);
  if (*deployment == NULL)
    {
      *status = pw_cli_fail (cli, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static GPtrArray *
preview_times (PwBackend     *backend,
               PwDeployment  *deployment,
               guint          n,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_preview_deployment_async (backend, pw_deployment_get_id (deployment), n, NULL,
                                       pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  return pw_backend_preview_deployment_finish (backend, result, error);
}

static char *
format_run_time (PwDeployment *deployment,
                 GDateTime    *time)
{
  PwSchedule *schedule = pw_deployment_get_schedule (deployment);

  if (schedule == NULL)
    return pw_cli_format_zoned_time (time, NULL, NULL);
  return pw_cli_format_zoned_time (time, pw_schedule_get_time_zone (schedule),
                                   pw_schedule_get_timezone (schedule));
}

static char *
describe_schedule (PwDeployment *deployment)
{
  PwSchedule *schedule = pw_deployment_get_schedule (deployment);

  if (schedule == NULL)
    return g_strdup (_("none (runs only when asked)"));
  return pw_schedule_describe (schedule);
}

static const char *
queue_text (PwDeployment *deployment)
{
  const char *queue = pw_deployment_get_work_queue_name (deployment);

  return queue != NULL ? queue : _("(routed by tags, else default)");
}

/* create */

static void
print_problems (const char *path,
                GPtrArray  *problems,
                GError     *error)
{
  /* Errors other than a list of problems name the file themselves. */
  if (problems == NULL || problems->len == 0 ||
      !g_error_matches (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID))
    {
      fprintf (stderr, "%s\n", error->message);
      return;
    }

  for (guint i = 0; i < problems->len; i++)
    {
      PwProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = pw_problem_to_string (problem);

      if (pw_problem_get_line (problem) > 0)
        fprintf (stderr, "%s:%u: %s\n", path, pw_problem_get_line (problem), line);
      else
        fprintf (stderr, "%s: %s\n", path, line);
    }
}

static int
deployment_create (PwCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(PwDeployment) stored = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *schedule = NULL;
  GAsyncResult *slot = NULL;
  gboolean created;
  int status;

  context = pw_cli_option_context (_("FILE"),
                                   _("Create a deployment from a deployment file, or update the\n"
                                     "deployment of the same FLOW/NAME (see DESIGN.md §3 and\n"
                                     "data/examples/*.deployment.json). The flow must be imported.\n\n"
                                     "Exit status: 0 saved; 1 the flow does not exist or the\n"
                                     "database failed; 2 bad usage or an invalid file."),
                                   NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (cli, context, _("give one deployment file"));

  deployment = pw_deployment_file_load_path (argv[1], &problems, &error);
  if (deployment == NULL)
    {
      print_problems (argv[1], problems, error);
      return g_error_matches (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_IO)
             ? PW_CLI_EXIT_FAILED : PW_CLI_EXIT_USAGE;
    }

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  pw_backend_save_deployment_async (backend, deployment, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  stored = pw_backend_save_deployment_finish (backend, result, &error);
  if (stored == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return error_status (error);
    }

  created = g_date_time_equal (pw_deployment_get_created (stored),
                               pw_deployment_get_updated (stored));
  address = pw_deployment_dup_address (stored);
  schedule = describe_schedule (stored);
  printf (created ? _("Created deployment %s (%s)\n") : _("Updated deployment %s (%s)\n"),
          address, pw_deployment_get_id (stored));
  printf (_("Schedule    %s%s\n"), schedule,
          pw_deployment_get_paused (stored) ? _(" (paused)") : "");
  printf (_("Work queue  %s\n"), queue_text (stored));

  times = preview_times (backend, stored, 1, NULL);
  if (times != NULL && times->len > 0 && !pw_deployment_get_paused (stored))
    {
      g_autofree char *next = format_run_time (stored, g_ptr_array_index (times, 0));

      printf (_("Next run    %s\n"), next);
    }

  return PW_CLI_EXIT_OK;
}

/* ls */

static int
deployment_ls (PwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GListModel) deployments = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *flow = NULL;
  GAsyncResult *slot = NULL;
  int status;
  guint n;
  const GOptionEntry entries[] = {
    { "flow", 'f', 0, G_OPTION_ARG_STRING, &flow, N_("Only deployments of flow NAME"), N_("NAME") },
    { NULL }
  };

  context = pw_cli_option_context (NULL, _("List deployments, by flow and name."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pw_cli_usage_error (cli, context, _("unexpected argument “%s”"), argv[1]);

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  pw_backend_list_deployments_async (backend, flow, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  deployments = pw_backend_list_deployments_finish (backend, result, &error);
  if (deployments == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  n = g_list_model_get_n_items (deployments);
  if (n == 0)
    {
      printf (_("No deployments.\n"));
      return PW_CLI_EXIT_OK;
    }

  printf ("%-32s  %-8s  %-16s  %s\n", _("DEPLOYMENT"), _("STATUS"), _("WORK QUEUE"),
          _("SCHEDULE"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwDeployment) deployment = g_list_model_get_item (deployments, i);
      g_autofree char *address = pw_deployment_dup_address (deployment);
      g_autofree char *schedule = describe_schedule (deployment);
      const char *queue = pw_deployment_get_work_queue_name (deployment);

      printf ("%-32s  %-8s  %-16s  %s\n", address,
              pw_deployment_get_paused (deployment) ? _("paused") : _("active"),
              queue != NULL ? queue : _("(routed)"), schedule);
    }

  return PW_CLI_EXIT_OK;
}

/* inspect */

static JsonNode *
deployment_to_json (PwDeployment *deployment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) parameters = json_from_string (pw_deployment_get_parameters (deployment),
                                                     NULL);
  g_autofree char *created = g_date_time_format_iso8601 (pw_deployment_get_created (deployment));
  g_autofree char *updated = g_date_time_format_iso8601 (pw_deployment_get_updated (deployment));
  const char * const *tags = pw_deployment_get_tags (deployment);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, pw_deployment_get_id (deployment));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, updated);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, pw_deployment_get_name (deployment));
  json_builder_set_member_name (builder, "flow_id");
  json_builder_add_string_value (builder, pw_deployment_get_flow_id (deployment));
  json_builder_set_member_name (builder, "flow_name");
  json_builder_add_string_value (builder, pw_deployment_get_flow_name (deployment));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, pw_deployment_get_description (deployment));
  json_builder_set_member_name (builder, "schedule");
  if (pw_deployment_get_schedule (deployment) != NULL)
    json_builder_add_value (builder, pw_schedule_to_json (pw_deployment_get_schedule (deployment)));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "is_schedule_active");
  json_builder_add_boolean_value (builder, !pw_deployment_get_paused (deployment));
  json_builder_set_member_name (builder, "parameters");
  json_builder_add_value (builder, g_steal_pointer (&parameters));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "work_queue_name");
  json_builder_add_string_value (builder, pw_deployment_get_work_queue_name (deployment));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
deployment_inspect (PwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *schedule = NULL;
  g_autofree char *tags = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the deployment as JSON, shaped as Prefect’s"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (_("FLOW/NAME"), _("Show a deployment and its next runs."),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_deployment (cli, context, argc, argv, &backend, &deployment, &status))
    return status;

  if (json)
    {
      g_autoptr(JsonNode) node = deployment_to_json (deployment);
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, node);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      g_autofree char *text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
      return PW_CLI_EXIT_OK;
    }

  address = pw_deployment_dup_address (deployment);
  schedule = describe_schedule (deployment);
  tags = pw_deployment_get_tags (deployment) != NULL
         ? g_strjoinv (", ", (char **)pw_deployment_get_tags (deployment)) : g_strdup ("—");

  printf (_("Deployment  %s (%s)\n"), address, pw_deployment_get_id (deployment));
  if (pw_deployment_get_description (deployment) != NULL)
    printf (_("About       %s\n"), pw_deployment_get_description (deployment));
  printf (_("Schedule    %s\n"), schedule);
  printf (_("Status      %s\n"), pw_deployment_get_paused (deployment)
                                  ? _("paused: no runs are scheduled")
                                  : _("active"));
  printf (_("Work queue  %s\n"), queue_text (deployment));
  printf (_("Parameters  %s\n"), pw_deployment_get_parameters (deployment));
  printf (_("Tags        %s\n"), tags);

  times = preview_times (backend, deployment, 3, &error);
  if (times == NULL)
    return pw_cli_fail (cli, "%s", error->message);
  if (times->len > 0 && !pw_deployment_get_paused (deployment))
    {
      printf (_("Next runs\n"));
      for (guint i = 0; i < times->len; i++)
        {
          g_autofree char *text = format_run_time (deployment, g_ptr_array_index (times, i));

          printf ("  %s\n", text);
        }
    }

  return PW_CLI_EXIT_OK;
}

/* run */

typedef struct
{
  gboolean interrupted;
  gboolean ticked;
} Watch;

static gboolean
on_watch_interrupt (gpointer user_data)
{
  Watch *watch = user_data;

  watch->interrupted = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_watch_tick (gpointer user_data)
{
  Watch *watch = user_data;

  watch->ticked = TRUE;
  return G_SOURCE_REMOVE;
}

/* Follows a run that another process (an agent) runs, by reading it
 * again every half second: a line per state. Ctrl+C stops watching, not
 * the run. */
static int
watch_run (PwCli     *cli,
           PwBackend *backend,
           PwFlowRun *run)
{
  Watch watch = { FALSE, FALSE };
  g_autofree char *last_state = NULL;
  guint sigint_id = g_unix_signal_add (SIGINT, on_watch_interrupt, &watch);
  int status = PW_CLI_EXIT_FAILED;

  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PwFlowRun) now = NULL;
      g_autoptr(GError) error = NULL;
      GAsyncResult *slot = NULL;
      PwStateType type;
      guint timeout_id;

      pw_backend_get_flow_run_async (backend, pw_flow_run_get_id (run), NULL,
                                     pw_cli_store_result, &slot);
      result = pw_cli_wait (&slot);
      now = pw_backend_get_flow_run_finish (backend, result, &error);
      if (now == NULL)
        {
          status = pw_cli_fail (cli, "%s", error->message);
          break;
        }

      if (g_strcmp0 (last_state, pw_flow_run_get_state_name (now)) != 0)
        {
          g_autoptr(GDateTime) local = g_date_time_new_now_local ();
          g_autofree char *clock = g_date_time_format (local, "%H:%M:%S");
          PwState *state = pw_flow_run_get_state (now);

          g_free (last_state);
          last_state = g_strdup (pw_flow_run_get_state_name (now));
          if (state != NULL && pw_state_get_message (state) != NULL)
            printf ("%s  %s — %s\n", clock, last_state, pw_state_get_message (state));
          else
            printf ("%s  %s\n", clock, last_state);
          fflush (stdout);
        }

      type = pw_flow_run_get_state_type (now);
      if (pw_state_type_is_terminal (type))
        {
          status = type == PW_STATE_TYPE_COMPLETED ? PW_CLI_EXIT_OK
                 : type == PW_STATE_TYPE_CANCELLED ? PW_CLI_EXIT_CANCELLED
                 : PW_CLI_EXIT_FAILED;
          break;
        }

      watch.ticked = FALSE;
      timeout_id = g_timeout_add (500, on_watch_tick, &watch);
      while (!watch.ticked && !watch.interrupted)
        g_main_context_iteration (NULL, TRUE);
      if (watch.interrupted)
        {
          if (!watch.ticked)
            g_source_remove (timeout_id);
          fprintf (stderr, _("Stopped watching; flow run %s goes on.\n"),
                   pw_flow_run_get_name (run));
          status = 128 + SIGINT;
          break;
        }
    }

  g_source_remove (sigint_id);
  return status;
}

static PwFlow *
get_flow (PwBackend   *backend,
          const char  *name,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_get_flow_async (backend, name, 0, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  return pw_backend_get_flow_finish (backend, result, error);
}

static int
deployment_run (PwCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *address = NULL;
  g_auto(GStrv) params = NULL;
  g_auto(GStrv) tags = NULL;
  GAsyncResult *slot = NULL;
  gboolean watch = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &params, N_("Set a parameter over the deployment’s (repeatable)"), N_("NAME=VALUE") },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Tag the run (repeatable), besides the deployment’s tags"), N_("TAG") },
    { "watch", 'w', 0, G_OPTION_ARG_NONE, &watch, N_("Follow the run’s state until it ends (an agent must run it)"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (_("FLOW/NAME"),
                                   _("Create a run of a deployment now, in its work queue. It is\n"
                                     "not run by this command: an agent polling that queue runs it\n"
                                     "(pipewright-cli agent start --work-queue QUEUE).\n\n"
                                     "Exit status without --watch: 0 created. With --watch: 0\n"
                                     "Completed; 1 Failed or Crashed; 3 Cancelled; 130 stopped\n"
                                     "watching (the run goes on)."),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_deployment (cli, context, argc, argv, &backend, &deployment, &status))
    return status;

  if (params != NULL)
    {
      flow = get_flow (backend, pw_deployment_get_flow_name (deployment), &error);
      if (flow == NULL)
        return pw_cli_fail (cli, "%s", error->message);
      parameters = pw_cli_parse_params (flow, params, &error);
      if (parameters == NULL)
        return pw_cli_usage_error (cli, context, "%s", error->message);
    }

  pw_backend_run_deployment_async (backend, pw_deployment_get_id (deployment), parameters,
                                   (const char * const *)tags, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  run = pw_backend_run_deployment_finish (backend, result, &error);
  if (run == NULL)
    {
      fprintf (stderr, "%s: %s\n", cli->prgname, error->message);
      return error_status (error);
    }

  address = pw_deployment_dup_address (deployment);
  printf (_("Created flow run %s (%s) of %s\n"), pw_flow_run_get_name (run),
          pw_flow_run_get_id (run), address);
  printf (_("It waits in work queue “%s”; an agent polling it will run it:\n"
            "  pipewright-cli agent start --work-queue %s\n"),
          pw_flow_run_get_work_queue_name (run), pw_flow_run_get_work_queue_name (run));
  g_clear_object (&result);
  pw_backend_get_work_queue_async (backend, pw_flow_run_get_work_queue_name (run), NULL,
                                   pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  queue = pw_backend_get_work_queue_finish (backend, result, NULL);
  if (queue != NULL && pw_work_queue_get_paused (queue))
    printf (_("Work queue “%s” is paused: no agent takes the run until it is resumed.\n"),
            pw_work_queue_get_name (queue));
  fflush (stdout);

  if (!watch)
    return PW_CLI_EXIT_OK;

  return watch_run (cli, backend, run);
}

/* pause, resume, delete */

static int
set_paused (PwCli     *cli,
            int        argc,
            char     **argv,
            gboolean   paused)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(PwDeployment) changed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  GAsyncResult *slot = NULL;
  int status;

  context = pw_cli_option_context (_("FLOW/NAME"),
                                   paused
                                   ? _("Pause a deployment’s schedule: its runs scheduled ahead\n"
                                       "that have not started are deleted.")
                                   : _("Resume a deployment’s schedule, from now: times missed\n"
                                       "while it was paused are not made up for."),
                                   NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_deployment (cli, context, argc, argv, &backend, &deployment, &status))
    return status;

  pw_backend_set_deployment_paused_async (backend, pw_deployment_get_id (deployment), paused,
                                          NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  changed = pw_backend_set_deployment_paused_finish (backend, result, &error);
  if (changed == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  address = pw_deployment_dup_address (changed);
  printf (paused ? _("Paused deployment %s\n") : _("Resumed deployment %s\n"), address);
  return PW_CLI_EXIT_OK;
}

static int
deployment_pause (PwCli  *cli,
                  int     argc,
                  char  **argv)
{
  return set_paused (cli, argc, argv, TRUE);
}

static int
deployment_resume (PwCli  *cli,
                   int     argc,
                   char  **argv)
{
  return set_paused (cli, argc, argv, FALSE);
}

static int
deployment_delete (PwCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  GAsyncResult *slot = NULL;
  int status;

  context = pw_cli_option_context (_("FLOW/NAME"),
                                   _("Delete a deployment and its runs that wait and never\n"
                                     "started. Its other runs stay."),
                                   NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_deployment (cli, context, argc, argv, &backend, &deployment, &status))
    return status;

  pw_backend_delete_deployment_async (backend, pw_deployment_get_id (deployment), NULL,
                                      pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  if (!pw_backend_delete_deployment_finish (backend, result, &error))
    return pw_cli_fail (cli, "%s", error->message);

  address = pw_deployment_dup_address (deployment);
  printf (_("Deleted deployment %s\n"), address);
  return PW_CLI_EXIT_OK;
}

/* preview */

static int
deployment_preview (PwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schedule = NULL;
  int n = DEFAULT_PREVIEW;
  int status;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &n, N_("Show the next N times (default 5, at most 1000)"), N_("N") },
    { NULL }
  };

  context = pw_cli_option_context (_("FLOW/NAME"),
                                   _("Show the next times of a deployment’s schedule, on the\n"
                                     "schedule’s own clock (its time zone)."),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (n <= 0 || n > 1000)
    return pw_cli_usage_error (cli, context, _("-n must be between 1 and 1000"));
  if (!open_deployment (cli, context, argc, argv, &backend, &deployment, &status))
    return status;

  schedule = describe_schedule (deployment);
  if (pw_deployment_get_schedule (deployment) == NULL)
    {
      printf (_("%s has no schedule: it runs only when asked.\n"),
              pw_deployment_get_name (deployment));
      return PW_CLI_EXIT_OK;
    }

  times = preview_times (backend, deployment, n, &error);
  if (times == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  printf ("%s%s\n", schedule, pw_deployment_get_paused (deployment) ? _(" (paused)") : "");
  for (guint i = 0; i < times->len; i++)
    {
      g_autofree char *text = format_run_time (deployment, g_ptr_array_index (times, i));

      printf ("%s\n", text);
    }
  if (times->len == 0)
    printf (_("No more times: the schedule has ended.\n"));

  return PW_CLI_EXIT_OK;
}

int
pw_cli_deployment (PwCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const PwCliCommand commands[] = {
    { "create", N_("Create or update a deployment from a file"), deployment_create },
    { "ls", N_("List deployments"), deployment_ls },
    { "inspect", N_("Show a deployment and its next runs"), deployment_inspect },
    { "run", N_("Create a run of a deployment now"), deployment_run },
    { "pause", N_("Pause a deployment’s schedule"), deployment_pause },
    { "resume", N_("Resume a deployment’s schedule"), deployment_resume },
    { "delete", N_("Delete a deployment"), deployment_delete },
    { "preview", N_("Show a deployment’s next run times"), deployment_preview },
    { NULL }
  };

  return pw_cli_dispatch (cli, "deployment", commands, argc, argv);
}
