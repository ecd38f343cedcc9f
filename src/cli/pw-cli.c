/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "pw-cli-private.h"

static const PwCliCommand commands[] = {
  { "validate", N_("Check flow files and list every problem"), pw_cli_validate },
  { "flow", N_("Import, export and list flows"), pw_cli_flow },
  { "run", N_("Run a flow here and now"), pw_cli_run },
  { "flow-run", N_("List, inspect, follow, cancel and retry flow runs"), pw_cli_flow_run },
  { "serve", N_("Serve the database over the REST API"), pw_cli_serve },
  { "config", N_("Set and view the settings of a connection profile"), pw_cli_config },
  { "profile", N_("Create, choose and list connection profiles"), pw_cli_profile },
  { "deployment", N_("Create, list, run, pause and preview deployments"), pw_cli_deployment },
  { "work-queue", N_("Create, list, inspect, preview and pause work queues"), pw_cli_work_queue },
  { "agent", N_("Take due runs from work queues and run them here"), pw_cli_agent },
  { "notification", N_("Add, list and remove notification rules"), pw_cli_notification },
  { NULL }
};

static void
print_help (FILE *out)
{
  fprintf (out, _("Usage:\n  pipewright-cli [--db PATH | --api-url URL | --profile NAME] COMMAND [OPTION…]\n\n"
                  "Design, run and watch pipelines from the command line.\n\n"
                  "Commands:\n"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nOptions:\n"
                  "  --db PATH    Use the database at PATH (default: $PIPEWRIGHT_DB, or\n"
                  "               $XDG_DATA_HOME/pipewright/pipewright.db)\n"
                  "  --api-url URL  Use the Pipewright or Prefect server whose API is at URL\n"
                  "               (http://HOST:4200/api; its key from $PIPEWRIGHT_API_KEY or the\n"
                  "               profile with that URL)\n"
                  "  --profile NAME  Use the connection profile NAME (default: $PIPEWRIGHT_PROFILE,\n"
                  "               or the active one; see “pipewright-cli profile ls”)\n"
                  "  --version    Print the version\n"
                  "  -h, --help   Show this help\n\n"
                  "Run “pipewright-cli COMMAND --help” for a command’s options.\n"));
}

int
main (int   argc,
      char *argv[])
{
  PwCli cli = { "pipewright-cli", NULL, NULL, NULL, NULL };
  int i;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (cli.prgname);

  cli.db_path = g_strdup (g_getenv ("PIPEWRIGHT_DB"));
  cli.profile = g_strdup (g_getenv ("PIPEWRIGHT_PROFILE"));

  /* Global options come before the command. */
  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--version"))
        {
          printf ("pipewright-cli %s\n", PACKAGE_VERSION);
          return PW_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help (stdout);
          return PW_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[i] + strlen ("--db="));
        }
      else if (g_str_equal (argv[i], "--api-url") && i + 1 < argc)
        {
          g_free (cli.api_url);
          cli.api_url = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--api-url="))
        {
          g_free (cli.api_url);
          cli.api_url = g_strdup (argv[i] + strlen ("--api-url="));
        }
      else if (g_str_equal (argv[i], "--profile") && i + 1 < argc)
        {
          g_free (cli.profile);
          cli.profile = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--profile="))
        {
          g_free (cli.profile);
          cli.profile = g_strdup (argv[i] + strlen ("--profile="));
        }
      else
        {
          fprintf (stderr, _("%s: unknown option “%s”\n"), cli.prgname, argv[i]);
          print_help (stderr);
          return PW_CLI_EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      print_help (stderr);
      return PW_CLI_EXIT_USAGE;
    }

  if (cli.db_path != NULL && *cli.db_path == '\0')
    g_clear_pointer (&cli.db_path, g_free);
  if (cli.profile != NULL && *cli.profile == '\0')
    g_clear_pointer (&cli.profile, g_free);
  if (cli.api_url != NULL && *cli.api_url == '\0')
    g_clear_pointer (&cli.api_url, g_free);

  status = -1;
  for (guint c = 0; commands[c].name != NULL; c++)
    {
      if (g_str_equal (commands[c].name, argv[i]))
        {
          g_autofree char *prgname = g_strdup_printf ("%s %s", cli.prgname, argv[i]);
          g_set_prgname (prgname);
          cli.command = commands[c].name;
          status = commands[c].func (&cli, argc - i, argv + i);
          break;
        }
    }

  if (status < 0)
    {
      fprintf (stderr, _("%s: unknown command “%s”\n\n"), cli.prgname, argv[i]);
      print_help (stderr);
      status = PW_CLI_EXIT_USAGE;
    }

  g_free (cli.db_path);
  g_free (cli.api_url);
  g_free (cli.profile);
  return status;
}
