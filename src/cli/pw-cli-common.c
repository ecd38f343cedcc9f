/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pw-cli-private.h"
#include "pw-local-backend.h"
#include "pw-profiles.h"
#include "pw-remote-backend.h"

/* The key for --api-url URL: $PIPEWRIGHT_API_KEY, else that of the profile
 * (the chosen one first) whose api-url is URL. */
static char *
key_for_url (PwCli       *cli,
             PwProfiles  *profiles,
             GError     **error)
{
  g_auto(GStrv) names = pw_profiles_list (profiles);
  const char *env = g_getenv ("PIPEWRIGHT_API_KEY");

  if (env != NULL && *env != '\0')
    {
      char *key = pw_api_key_normalize (env);

      if (key == NULL)
        g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                     _("$PIPEWRIGHT_API_KEY holds no usable key"));
      return key;
    }

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; names[i] != NULL; i++)
      {
        g_autofree char *url = pw_profiles_get (profiles, names[i], PW_PROFILE_KEY_API_URL);
        const char *chosen = cli->profile != NULL ? cli->profile : pw_profiles_get_active (profiles);

        if ((pass == 0) != g_str_equal (names[i], chosen) || url == NULL)
          continue;
        if (g_str_equal (url, cli->api_url))
          return pw_profiles_lookup_api_key (profiles, names[i], error);
      }
  return NULL;
}

/**
 * pw_cli_local_db_path:
 *
 * Returns: (transfer full) (nullable): the database a local command uses:
 *   `--db` or `$PIPEWRIGHT_DB`, else the `db` of the chosen profile, else
 *   %NULL for the default
 */
char *
pw_cli_local_db_path (PwCli *cli)
{
  g_autoptr(PwProfiles) profiles = NULL;
  const char *name;

  if (cli->db_path != NULL)
    return g_strdup (cli->db_path);
  profiles = pw_profiles_load (NULL, NULL);
  if (profiles == NULL)
    return NULL;
  name = cli->profile != NULL ? cli->profile : pw_profiles_get_active (profiles);
  return pw_profiles_get (profiles, name, PW_PROFILE_KEY_DB);
}

/* Commands that run work in this process need this machine's database. */
static gboolean
check_remote_allowed (PwCli       *cli,
                      const char  *url,
                      GError     **error)
{
  if (g_strcmp0 (cli->command, "agent") != 0)
    return TRUE;
  g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
               _("An agent runs flows on this machine’s database, not on the server at %s: "
                 "start it on the server (“pipewright-cli serve” runs one), or give --db"),
               url);
  return FALSE;
}

/**
 * pw_cli_open_backend:
 *
 * Opens the backend the command works on: the local database named by
 * `--db` or `$PIPEWRIGHT_DB`; else the server of `--api-url`; else what
 * the chosen profile (`--profile`, `$PIPEWRIGHT_PROFILE`, or the active
 * one) says: a server (`api-url`, with its API key) or a database (`db`,
 * or the default one).
 */
PwBackend *
pw_cli_open_backend (PwCli   *cli,
                     GError **error)
{
  g_autoptr(PwProfiles) profiles = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *db = NULL;
  GError *local_error = NULL;
  const char *name;
  PwBackend *backend;

  if (cli->db_path != NULL)
    return pw_local_backend_new (cli->db_path, error);

  profiles = pw_profiles_load (NULL, error);
  if (profiles == NULL)
    return NULL;

  if (cli->api_url != NULL)
    {
      if (!check_remote_allowed (cli, cli->api_url, error))
        return NULL;
      key = key_for_url (cli, profiles, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      backend = pw_remote_backend_new (cli->api_url, key, error);
      if (key != NULL)
        memset (key, 0, strlen (key));
      return backend;
    }

  name = cli->profile != NULL ? cli->profile : pw_profiles_get_active (profiles);
  if (!pw_profiles_has (profiles, name))
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_NOT_FOUND,
                   _("There is no profile “%s” (see “pipewright-cli profile ls”)"), name);
      return NULL;
    }

  url = pw_profiles_get (profiles, name, PW_PROFILE_KEY_API_URL);
  if (url == NULL)
    {
      db = pw_profiles_get (profiles, name, PW_PROFILE_KEY_DB);
      return pw_local_backend_new (db, error);
    }

  if (!check_remote_allowed (cli, url, error))
    return NULL;
  key = pw_profiles_lookup_api_key (profiles, name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  backend = pw_remote_backend_new (url, key, error);
  if (key != NULL)
    memset (key, 0, strlen (key));
  return backend;
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
