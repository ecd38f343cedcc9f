/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "pw-cli-private.h"
#include "pw-state.h"

/*
 * `pipewright-cli work-queue …`: the queues where runs wait for agents, as
 * Prefect's `prefect work-queue …`. Exit status: 0 done; 1 a missing queue
 * or the database failed; 2 bad usage (a negative limit, a priority under
 * 1, a name in use).
 */

#define NOT_GIVEN G_MININT

static int
error_status (const GError *error)
{
  if (g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID))
    return PW_CLI_EXIT_USAGE;
  return PW_CLI_EXIT_FAILED;
}

/* Checks --limit and --priority; returns FALSE with *status set. */
static gboolean
check_settings (PwCli          *cli,
                GOptionContext *context,
                int             limit,
                int             priority,
                int            *status)
{
  if (limit != NOT_GIVEN && limit < 0)
    {
      *status = pw_cli_usage_error (cli, context,
                                    _("--limit cannot be negative (%d): give 0 or more (0 holds"
                                      " every run), or no --limit for none"),
                                    limit);
      return FALSE;
    }
  if (priority != NOT_GIVEN && priority < 1)
    {
      *status = pw_cli_usage_error (cli, context,
                                    _("--priority must be 1 or more (%d); lower numbers are"
                                      " served first"),
                                    priority);
      return FALSE;
    }
  return TRUE;
}

static PwWorkQueue *
get_queue (PwBackend   *backend,
           const char  *name,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_get_work_queue_async (backend, name, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  return pw_backend_get_work_queue_finish (backend, result, error);
}

static gboolean
open_queue (PwCli           *cli,
            GOptionContext  *context,
            int              argc,
            char           **argv,
            PwBackend      **backend,
            PwWorkQueue    **queue,
            int             *status)
{
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      *status = pw_cli_usage_error (cli, context, _("give one work queue name"));
      return FALSE;
    }

  *backend = pw_cli_open_backend (cli, &error);
  if (*backend == NULL)
    {
      *status = pw_cli_fail (cli, "%s", error->message);
      return FALSE;
    }

  *queue = get_queue (*backend, argv[1], &error);
  if (*queue == NULL)
    {
      *status = pw_cli_fail (cli, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static char *
limit_text (PwWorkQueue *queue)
{
  int limit = pw_work_queue_get_concurrency_limit (queue);

  if (limit == PW_WORK_QUEUE_NO_LIMIT)
    return g_strdup (_("none"));
  return g_strdup_printf ("%d", limit);
}

static char *
tags_text (const char * const *tags)
{
  if (tags == NULL)
    return g_strdup ("—");
  return g_strjoinv (", ", (char **)tags);
}

/* create */

static int
work_queue_create (PwCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(PwWorkQueue) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *limit_shown = NULL;
  g_auto(GStrv) tags = NULL;
  GAsyncResult *slot = NULL;
  gboolean paused = FALSE;
  int limit = NOT_GIVEN;
  int priority = NOT_GIVEN;
  int status;
  const GOptionEntry entries[] = {
    { "description", 'd', 0, G_OPTION_ARG_STRING, &description, N_("What the queue is for"), N_("TEXT") },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_("Run at most N of its runs at once (0 holds them all; default: no limit)"), N_("N") },
    { "priority", 'p', 0, G_OPTION_ARG_INT, &priority, N_("Its priority, 1 or more; lower is served first (default 1)"), N_("P") },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Take the runs of deployments that name no queue and carry this tag (repeatable: all of them)"), N_("TAG") },
    { "paused", 0, 0, G_OPTION_ARG_NONE, &paused, N_("Create it paused"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (_("NAME"), _("Create a work queue."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (cli, context, _("give one work queue name"));
  if (!check_settings (cli, context, limit, priority, &status))
    return status;

  queue = pw_work_queue_new (argv[1]);
  pw_work_queue_set_description (queue, description);
  pw_work_queue_set_paused (queue, paused);
  if (limit != NOT_GIVEN)
    pw_work_queue_set_concurrency_limit (queue, limit);
  if (priority != NOT_GIVEN)
    pw_work_queue_set_priority (queue, priority);
  pw_work_queue_set_tag_filter (queue, (const char * const *)tags);

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  pw_backend_create_work_queue_async (backend, queue, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  created = pw_backend_create_work_queue_finish (backend, result, &error);
  if (created == NULL)
    {
      fprintf (stderr, "%s: %s\n", cli->prgname, error->message);
      return error_status (error);
    }

  limit_shown = limit_text (created);
  printf (_("Created work queue %s (%s): priority %u, concurrency limit %s%s\n"),
          pw_work_queue_get_name (created), pw_work_queue_get_id (created),
          pw_work_queue_get_priority (created), limit_shown,
          pw_work_queue_get_paused (created) ? _(", paused") : "");
  return PW_CLI_EXIT_OK;
}

/* update */

static int
work_queue_update (PwCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(PwWorkQueue) updated = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *rename = NULL;
  g_auto(GStrv) tags = NULL;
  GAsyncResult *slot = NULL;
  gboolean no_limit = FALSE;
  gboolean no_tags = FALSE;
  int limit = NOT_GIVEN;
  int priority = NOT_GIVEN;
  int status;
  const GOptionEntry entries[] = {
    { "description", 'd', 0, G_OPTION_ARG_STRING, &description, N_("What the queue is for"), N_("TEXT") },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_("Run at most N of its runs at once (0 holds them all)"), N_("N") },
    { "no-limit", 0, 0, G_OPTION_ARG_NONE, &no_limit, N_("Remove the concurrency limit"), NULL },
    { "priority", 'p', 0, G_OPTION_ARG_INT, &priority, N_("Its priority, 1 or more; lower is served first"), N_("P") },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Replace its tag filter (repeatable)"), N_("TAG") },
    { "no-tags", 0, 0, G_OPTION_ARG_NONE, &no_tags, N_("Remove its tag filter"), NULL },
    { "rename", 0, 0, G_OPTION_ARG_STRING, &rename, N_("Rename it; deployments and waiting runs follow"), N_("NEW") },
    { NULL }
  };

  context = pw_cli_option_context (_("NAME"), _("Change a work queue’s settings."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!check_settings (cli, context, limit, priority, &status))
    return status;
  if (no_limit && limit != NOT_GIVEN)
    return pw_cli_usage_error (cli, context, _("give --limit or --no-limit, not both"));
  if (no_tags && tags != NULL)
    return pw_cli_usage_error (cli, context, _("give --tag or --no-tags, not both"));
  if (!open_queue (cli, context, argc, argv, &backend, &queue, &status))
    return status;

  if (description != NULL)
    pw_work_queue_set_description (queue, *description != '\0' ? description : NULL);
  if (limit != NOT_GIVEN)
    pw_work_queue_set_concurrency_limit (queue, limit);
  if (no_limit)
    pw_work_queue_set_concurrency_limit (queue, PW_WORK_QUEUE_NO_LIMIT);
  if (priority != NOT_GIVEN)
    pw_work_queue_set_priority (queue, priority);
  if (tags != NULL || no_tags)
    pw_work_queue_set_tag_filter (queue, (const char * const *)tags);
  if (rename != NULL)
    pw_work_queue_set_name (queue, rename);

  pw_backend_update_work_queue_async (backend, queue, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  updated = pw_backend_update_work_queue_finish (backend, result, &error);
  if (updated == NULL)
    {
      fprintf (stderr, "%s: %s\n", cli->prgname, error->message);
      return error_status (error);
    }

  printf (_("Updated work queue %s\n"), pw_work_queue_get_name (updated));
  return PW_CLI_EXIT_OK;
}

/* ls */

static int
work_queue_ls (PwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GListModel) queues = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  int status;
  guint n;

  context = pw_cli_option_context (NULL, _("List work queues, by priority and name."), NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pw_cli_usage_error (cli, context, _("unexpected argument “%s”"), argv[1]);

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  pw_backend_list_work_queues_async (backend, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  queues = pw_backend_list_work_queues_finish (backend, result, &error);
  if (queues == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  n = g_list_model_get_n_items (queues);
  if (n == 0)
    {
      printf (_("No work queues.\n"));
      return PW_CLI_EXIT_OK;
    }

  printf ("%-20s  %-8s  %8s  %5s  %-16s  %s\n", _("NAME"), _("STATUS"), _("PRIORITY"),
          _("LIMIT"), _("TAG FILTER"), _("LAST POLLED"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwWorkQueue) queue = g_list_model_get_item (queues, i);
      g_autofree char *limit = limit_text (queue);
      g_autofree char *tags = tags_text (pw_work_queue_get_tag_filter (queue));
      g_autofree char *polled = pw_work_queue_get_last_polled (queue) != NULL
                                ? pw_cli_format_zoned_time (pw_work_queue_get_last_polled (queue),
                                                            NULL, NULL)
                                : g_strdup (_("never"));

      printf ("%-20s  %-8s  %8u  %5s  %-16s  %s\n", pw_work_queue_get_name (queue),
              pw_work_queue_get_paused (queue) ? _("paused") : _("active"),
              pw_work_queue_get_priority (queue), limit, tags, polled);
    }

  return PW_CLI_EXIT_OK;
}

/* inspect */

static PwWorkQueueStatus *
get_status (PwBackend   *backend,
            const char  *name,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pw_backend_get_work_queue_status_async (backend, name, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  return pw_backend_get_work_queue_status_finish (backend, result, error);
}

static JsonNode *
queue_to_json (PwWorkQueue       *queue,
               PwWorkQueueStatus *status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char * const *tags = pw_work_queue_get_tag_filter (queue);
  g_autofree char *created = g_date_time_format_iso8601 (pw_work_queue_get_created (queue));
  g_autofree char *updated = g_date_time_format_iso8601 (pw_work_queue_get_updated (queue));
  g_autofree char *polled = status->last_polled != NULL
                            ? g_date_time_format_iso8601 (status->last_polled) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, pw_work_queue_get_id (queue));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, updated);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, pw_work_queue_get_name (queue));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, pw_work_queue_get_description (queue));
  json_builder_set_member_name (builder, "is_paused");
  json_builder_add_boolean_value (builder, pw_work_queue_get_paused (queue));
  json_builder_set_member_name (builder, "concurrency_limit");
  if (pw_work_queue_get_concurrency_limit (queue) == PW_WORK_QUEUE_NO_LIMIT)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, pw_work_queue_get_concurrency_limit (queue));
  json_builder_set_member_name (builder, "priority");
  json_builder_add_int_value (builder, pw_work_queue_get_priority (queue));
  json_builder_set_member_name (builder, "filter");
  if (tags != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint i = 0; tags[i] != NULL; i++)
        json_builder_add_string_value (builder, tags[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "last_polled");
  json_builder_add_string_value (builder, polled);
  json_builder_set_member_name (builder, "status");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "healthy");
  json_builder_add_boolean_value (builder, status->healthy);
  json_builder_set_member_name (builder, "late_runs_count");
  json_builder_add_int_value (builder, status->late_runs);
  json_builder_set_member_name (builder, "scheduled_runs_count");
  json_builder_add_int_value (builder, status->scheduled_runs);
  json_builder_set_member_name (builder, "active_runs_count");
  json_builder_add_int_value (builder, status->active_runs);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
work_queue_inspect (PwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(PwWorkQueueStatus) health = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *polled = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the queue and its health as JSON"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (_("NAME"), _("Show a work queue and its health."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_queue (cli, context, argc, argv, &backend, &queue, &status))
    return status;

  health = get_status (backend, pw_work_queue_get_name (queue), &error);
  if (health == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = queue_to_json (queue, health);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (generator, node);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
      return PW_CLI_EXIT_OK;
    }

  limit = limit_text (queue);
  tags = tags_text (pw_work_queue_get_tag_filter (queue));
  polled = health->last_polled != NULL
           ? pw_cli_format_zoned_time (health->last_polled, NULL, NULL)
           : g_strdup (_("never"));

  printf (_("Work queue   %s (%s)\n"), pw_work_queue_get_name (queue), pw_work_queue_get_id (queue));
  if (pw_work_queue_get_description (queue) != NULL)
    printf (_("About        %s\n"), pw_work_queue_get_description (queue));
  printf (_("Status       %s\n"), pw_work_queue_get_paused (queue)
                                   ? _("paused: agents take none of its runs") : _("active"));
  printf (_("Priority     %u\n"), pw_work_queue_get_priority (queue));
  printf (_("Concurrency  %s\n"), limit);
  printf (_("Tag filter   %s\n"), tags);
  printf (_("Last polled  %s\n"), polled);
  printf (_("Health       %s: %u late, %u waiting, %u running\n"),
          health->healthy ? _("healthy") : _("unhealthy"),
          health->late_runs, health->scheduled_runs, health->active_runs);

  return PW_CLI_EXIT_OK;
}

/* preview */

static int
work_queue_preview (PwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GListModel) deployments = NULL;
  g_autoptr(GHashTable) addresses = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  double hours = 1.0;
  int limit = 50;
  int status;
  guint n;
  const GOptionEntry entries[] = {
    { "hours", 0, 0, G_OPTION_ARG_DOUBLE, &hours, N_("Runs due in the next H hours (default 1)"), N_("H") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N runs (default 50, at most 200)"), N_("N") },
    { NULL }
  };

  context = pw_cli_option_context (_("NAME"),
                                   _("List the runs waiting in a work queue and due within the\n"
                                     "next hours, late ones first, as Prefect’s preview does."),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (hours <= 0 || hours > 24 * 366)
    return pw_cli_usage_error (cli, context, _("--hours must be more than 0"));
  if (limit <= 0 || limit > 200)
    return pw_cli_usage_error (cli, context, _("--limit must be between 1 and 200"));
  if (!open_queue (cli, context, argc, argv, &backend, &queue, &status))
    return status;

  until = g_date_time_add_seconds (now, hours * 3600);
  pw_backend_preview_work_queue_async (backend, pw_work_queue_get_name (queue), until, limit,
                                       NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  runs = pw_backend_preview_work_queue_finish (backend, result, &error);
  if (runs == NULL)
    return pw_cli_fail (cli, "%s", error->message);
  g_clear_object (&result);

  /* Runs name their deployment by id; show FLOW/NAME. */
  pw_backend_list_deployments_async (backend, NULL, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  deployments = pw_backend_list_deployments_finish (backend, result, &error);
  if (deployments == NULL)
    return pw_cli_fail (cli, "%s", error->message);
  addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (deployments); i++)
    {
      g_autoptr(PwDeployment) deployment = g_list_model_get_item (deployments, i);

      g_hash_table_insert (addresses, g_strdup (pw_deployment_get_id (deployment)),
                           pw_deployment_dup_address (deployment));
    }

  n = g_list_model_get_n_items (runs);
  if (pw_work_queue_get_paused (queue))
    printf (_("Work queue %s is paused: agents take none of these until it is resumed.\n"),
            pw_work_queue_get_name (queue));
  if (n == 0)
    {
      printf (_("No runs due in work queue %s in the next %g hours.\n"),
              pw_work_queue_get_name (queue), hours);
      return PW_CLI_EXIT_OK;
    }

  printf ("%-26s  %-9s  %-36s  %-24s  %s\n", _("SCHEDULED FOR"), _("STATE"), _("RUN ID"),
          _("RUN NAME"), _("DEPLOYMENT"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwFlowRun) run = g_list_model_get_item (runs, i);
      g_autofree char *when = pw_cli_format_zoned_time (
        pw_flow_run_get_next_scheduled_start_time (run), NULL, NULL);
      const char *deployment_id = pw_flow_run_get_deployment_id (run);
      const char *address = deployment_id != NULL
                            ? g_hash_table_lookup (addresses, deployment_id) : NULL;

      printf ("%-26s  %-9s  %-36s  %-24s  %s\n", when, pw_flow_run_get_state_name (run),
              pw_flow_run_get_id (run), pw_flow_run_get_name (run),
              address != NULL ? address : "—");
    }

  return PW_CLI_EXIT_OK;
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
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(PwWorkQueue) changed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  int status;

  context = pw_cli_option_context (_("NAME"),
                                   paused ? _("Pause a work queue: agents take none of its runs.")
                                          : _("Resume a work queue."),
                                   NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_queue (cli, context, argc, argv, &backend, &queue, &status))
    return status;

  pw_backend_set_work_queue_paused_async (backend, pw_work_queue_get_name (queue), paused, NULL,
                                          pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  changed = pw_backend_set_work_queue_paused_finish (backend, result, &error);
  if (changed == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  printf (paused ? _("Paused work queue %s\n") : _("Resumed work queue %s\n"),
          pw_work_queue_get_name (changed));
  return PW_CLI_EXIT_OK;
}

static int
work_queue_pause (PwCli  *cli,
                  int     argc,
                  char  **argv)
{
  return set_paused (cli, argc, argv, TRUE);
}

static int
work_queue_resume (PwCli  *cli,
                   int     argc,
                   char  **argv)
{
  return set_paused (cli, argc, argv, FALSE);
}

static int
work_queue_delete (PwCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  int status;

  context = pw_cli_option_context (_("NAME"),
                                   _("Delete a work queue. Runs waiting in it keep its name, and\n"
                                     "are handed out again if a queue of that name is made again."),
                                   NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (!open_queue (cli, context, argc, argv, &backend, &queue, &status))
    return status;

  pw_backend_delete_work_queue_async (backend, pw_work_queue_get_name (queue), NULL,
                                      pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  if (!pw_backend_delete_work_queue_finish (backend, result, &error))
    return pw_cli_fail (cli, "%s", error->message);

  printf (_("Deleted work queue %s\n"), pw_work_queue_get_name (queue));
  return PW_CLI_EXIT_OK;
}

int
pw_cli_work_queue (PwCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const PwCliCommand commands[] = {
    { "create", N_("Create a work queue"), work_queue_create },
    { "ls", N_("List work queues"), work_queue_ls },
    { "inspect", N_("Show a work queue and its health"), work_queue_inspect },
    { "update", N_("Change a work queue’s settings"), work_queue_update },
    { "preview", N_("List the runs due in a work queue"), work_queue_preview },
    { "pause", N_("Pause a work queue"), work_queue_pause },
    { "resume", N_("Resume a work queue"), work_queue_resume },
    { "delete", N_("Delete a work queue"), work_queue_delete },
    { NULL }
  };

  return pw_cli_dispatch (cli, "work-queue", commands, argc, argv);
}
