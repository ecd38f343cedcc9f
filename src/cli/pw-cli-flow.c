/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "pw-cli-private.h"
#include "pw-flow.h"
#include "pw-flow-file.h"

static int
flow_import (PwCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  guint n_failed = 0;
  int status;

  context = pw_cli_option_context (_("FILE…"),
                                   _("Import flow files into the database. A flow whose name\n"
                                     "exists already gets a new version."),
                                   NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return pw_cli_usage_error (cli, context, _("no flow file given"));

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PwFlowInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      GAsyncResult *slot = NULL;

      pw_backend_import_flow_async (backend, file, NULL, pw_cli_store_result, &slot);
      result = pw_cli_wait (&slot);
      info = pw_backend_import_flow_finish (backend, result, &local_error);
      if (info == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[i], local_error->message);
          n_failed++;
          continue;
        }

      printf (_("Imported “%s” (version %u, %u tasks) from %s\n"),
              pw_flow_info_get_name (info), pw_flow_info_get_version (info),
              pw_flow_info_get_n_tasks (info), argv[i]);
    }

  return n_failed > 0 ? PW_CLI_EXIT_FAILED : PW_CLI_EXIT_OK;
}

static int
flow_export (PwCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  GAsyncResult *slot = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = pw_cli_option_context (_("NAME"),
                                   _("Write the latest version of a flow as a flow file."),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (cli, context, _("give exactly one flow name"));

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      pw_backend_export_flow_async (backend, argv[1], file, NULL, pw_cli_store_result, &slot);
      result = pw_cli_wait (&slot);
      if (!pw_backend_export_flow_finish (backend, result, &error))
        return pw_cli_fail (cli, "%s", error->message);
    }
  else
    {
      g_autoptr(PwFlow) flow = NULL;
      g_autofree char *data = NULL;
      gsize length = 0;

      pw_backend_get_flow_async (backend, argv[1], 0, NULL, pw_cli_store_result, &slot);
      result = pw_cli_wait (&slot);
      flow = pw_backend_get_flow_finish (backend, result, &error);
      if (flow == NULL)
        return pw_cli_fail (cli, "%s", error->message);

      data = pw_flow_file_to_data (flow, &length);
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        return pw_cli_fail (cli, _("Could not write to standard output"));
    }

  return PW_CLI_EXIT_OK;
}

static void
print_flows_json (GListModel *flows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (flows);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);
      const char * const *tags = pw_flow_info_get_tags (info);
      GDateTime *updated = pw_flow_info_get_updated (info);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, pw_flow_info_get_id (info));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, pw_flow_info_get_name (info));
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, pw_flow_info_get_description (info));
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, pw_flow_info_get_version (info));
      json_builder_set_member_name (builder, "n_tasks");
      json_builder_add_int_value (builder, pw_flow_info_get_n_tasks (info));
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
        json_builder_add_string_value (builder, tags[t]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "updated");
      if (updated != NULL)
        {
          g_autofree char *iso = g_date_time_format_iso8601 (updated);
          json_builder_add_string_value (builder, iso);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static int
flow_ls (PwCli  *cli,
         int     argc,
         char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  GAsyncResult *slot = NULL;
  gboolean json = FALSE;
  guint n;
  int status;
  const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, N_("Only flows whose name contains TEXT"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (NULL, _("List the flows in the database."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pw_cli_usage_error (cli, context, _("unexpected argument “%s”"), argv[1]);

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  pw_backend_list_flows_async (backend, search, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  flows = pw_backend_list_flows_finish (backend, result, &error);
  if (flows == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  if (json)
    {
      print_flows_json (flows);
      return PW_CLI_EXIT_OK;
    }

  n = g_list_model_get_n_items (flows);
  if (n == 0)
    {
      printf (_("No flows. Import one with “%s flow import FILE”.\n"), cli->prgname);
      return PW_CLI_EXIT_OK;
    }

  printf ("%-32s %7s %6s  %s\n", _("NAME"), _("VERSION"), _("TASKS"), _("DESCRIPTION"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);
      const char *description = pw_flow_info_get_description (info);

      printf ("%-32s %7u %6u  %s\n",
              pw_flow_info_get_name (info),
              pw_flow_info_get_version (info),
              pw_flow_info_get_n_tasks (info),
              description != NULL ? description : "");
    }

  return PW_CLI_EXIT_OK;
}

int
pw_cli_flow (PwCli  *cli,
             int     argc,
             char  **argv)
{
  static const PwCliCommand commands[] = {
    { "import", N_("Import flow files"), flow_import },
    { "export", N_("Write a flow as a flow file"), flow_export },
    { "ls", N_("List flows"), flow_ls },
    { NULL }
  };

  return pw_cli_dispatch (cli, "flow", commands, argc, argv);
}
