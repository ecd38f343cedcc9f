/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pw-cli-private.h"
#include "pw-local-backend.h"

/**
 * pw_cli_open_backend:
 *
 * Opens the backend the command works on: the local database named by
 * `--db`, `$PIPEWRIGHT_DB`, or the default one.
 */
PwBackend *
pw_cli_open_backend (PwCli   *cli,
                     GError **error)
{
  return pw_local_backend_new (cli->db_path, error);
}

void
pw_cli_store_result (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/**
 * pw_cli_wait:
 * @slot: where pw_cli_store_result() puts the result
 *
 * Runs the main context until an asynchronous backend call finishes.
 *
 * Returns: (transfer full): the result
 */
GAsyncResult *
pw_cli_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (slot);
}

int
pw_cli_fail (PwCli      *cli,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "%s: %s\n", cli->prgname, message);
  return PW_CLI_EXIT_FAILED;
}

int
pw_cli_usage_error (PwCli          *cli,
                    GOptionContext *context,
                    const char     *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "%s: %s\n", cli->prgname, message);
  if (context != NULL)
    fprintf (stderr, _("Try “%s --help” for more information.\n"), g_get_prgname ());
  return PW_CLI_EXIT_USAGE;
}

GOptionContext *
pw_cli_option_context (const char         *parameter_string,
                       const char         *summary,
                       const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter_string);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/**
 * pw_cli_parse:
 *
 * Parses a command's options. On failure prints the problem and sets
 * @exit_status to the usage status.
 */
gboolean
pw_cli_parse (PwCli           *cli,
              GOptionContext  *context,
              int             *argc,
              char          ***argv,
              int             *exit_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_status = pw_cli_usage_error (cli, context, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static void
print_commands (PwCli              *cli,
                FILE               *out,
                const char         *group,
                const PwCliCommand *commands)
{
  fprintf (out, _("Usage:\n  %s %s COMMAND [OPTION…]\n\nCommands:\n"),
           cli->prgname, group);
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nRun “%s %s COMMAND --help” for a command’s options.\n"),
           cli->prgname, group);
}

/**
 * pw_cli_dispatch:
 * @group: the command group ("flow"), for messages
 * @commands: a table ending with a %NULL name
 * @argv: the group's arguments, argv[0] being the group's name
 *
 * Runs the sub-command named by argv[1].
 */
int
pw_cli_dispatch (PwCli              *cli,
                 const char         *group,
                 const PwCliCommand *commands,
                 int                 argc,
                 char              **argv)
{
  if (argc < 2)
    {
      print_commands (cli, stderr, group, commands);
      return PW_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_commands (cli, stdout, group, commands);
      return PW_CLI_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (commands[i].name, argv[1]))
        {
          g_autofree char *prgname = g_strdup_printf ("%s %s %s", cli->prgname, group, argv[1]);
          g_set_prgname (prgname);
          return commands[i].func (cli, argc - 1, argv + 1);
        }
    }

  fprintf (stderr, _("%s: unknown command “%s %s”\n"), cli->prgname, group, argv[1]);
  print_commands (cli, stderr, group, commands);
  return PW_CLI_EXIT_USAGE;
}
