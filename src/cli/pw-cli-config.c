/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pw-cli-private.h"
#include "pw-profiles.h"

/*
 * pipewright-cli config set|unset|view and profile create|use|ls|delete:
 * the connection profiles of pw-profiles.h, as Prefect's `prefect config`
 * and `prefect profile`. Settings apply to the profile named by --profile
 * (or $PIPEWRIGHT_PROFILE), else to the active one. An API key is read
 * from standard input, never from the command line, where other users
 * could see it.
 */

#define MAX_KEY_LINE 8192

static PwProfiles *
load_profiles (PwCli *cli,
               int   *status)
{
  g_autoptr(GError) error = NULL;
  PwProfiles *profiles = pw_profiles_load (NULL, &error);

  if (profiles == NULL)
    *status = pw_cli_fail (cli, "%s", error->message);
  return profiles;
}

static const char *
target_profile (PwCli      *cli,
                PwProfiles *profiles)
{
  return cli->profile != NULL ? cli->profile : pw_profiles_get_active (profiles);
}

static int
save_profiles (PwCli      *cli,
               PwProfiles *profiles)
{
  g_autoptr(GError) error = NULL;

  if (!pw_profiles_save (profiles, &error))
    return pw_cli_fail (cli, "%s", error->message);
  return PW_CLI_EXIT_OK;
}

/* Reads one line from standard input, without echo on a terminal. */
static char *
read_key_line (void)
{
  struct termios saved;
  struct termios quiet;
  gboolean tty = isatty (STDIN_FILENO);
  g_autofree char *line = g_malloc0 (MAX_KEY_LINE);
  char *key;

  if (tty)
    {
      fprintf (stderr, _("API key: "));
      fflush (stderr);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  if (fgets (line, MAX_KEY_LINE, stdin) == NULL)
    line[0] = '\0';
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fprintf (stderr, "\n");
    }

  key = pw_api_key_normalize (line);
  memset (line, 0, MAX_KEY_LINE);
  return key;
}

static int
set_api_key (PwCli      *cli,
             PwProfiles *profiles,
             const char *name,
             gboolean    to_file,
             gboolean    to_keyring)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = read_key_line ();
  g_autofree char *url = pw_profiles_get (profiles, name, PW_PROFILE_KEY_API_URL);
  g_autofree char *file = NULL;
  int status;

  if (key == NULL)
    return pw_cli_fail (cli, _("No API key on standard input (one line, without spaces)"));

  if (!to_file)
    {
      if (pw_api_key_store_keyring (name, url, key, NULL, &error))
        {
          /* The keyring holds it now: a key file of the profile would win. */
          g_autofree char *old = pw_profiles_get (profiles, name, PW_PROFILE_KEY_API_KEY_FILE);

          if (old != NULL)
            {
              g_autofree char *default_file = pw_profiles_default_key_file (name);

              if (g_str_equal (old, default_file))
                g_unlink (old);
              pw_profiles_unset (profiles, name, PW_PROFILE_KEY_API_KEY_FILE, NULL);
            }
          memset (key, 0, strlen (key));
          if ((status = save_profiles (cli, profiles)) != PW_CLI_EXIT_OK)
            return status;
          printf (_("Stored the API key of the profile “%s” in the keyring\n"), name);
          return PW_CLI_EXIT_OK;
        }
      if (to_keyring)
        return pw_cli_fail (cli, "%s", error->message);
      fprintf (stderr, _("%s: %s; keeping the key in a file instead\n"), cli->prgname, error->message);
    }

  file = pw_profiles_get (profiles, name, PW_PROFILE_KEY_API_KEY_FILE);
  if (file == NULL)
    file = pw_profiles_default_key_file (name);
  g_clear_error (&error);
  if (!pw_api_key_write_file (file, key, &error))
    {
      memset (key, 0, strlen (key));
      return pw_cli_fail (cli, "%s", error->message);
    }
  memset (key, 0, strlen (key));
  if (!pw_profiles_set (profiles, name, PW_PROFILE_KEY_API_KEY_FILE, file, &error))
    return pw_cli_fail (cli, "%s", error->message);
  if ((status = save_profiles (cli, profiles)) != PW_CLI_EXIT_OK)
    return status;
  printf (_("Stored the API key of the profile “%s” in %s (readable by you alone)\n"), name, file);
  return PW_CLI_EXIT_OK;
}

static int
config_set (PwCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GError) error = NULL;
  gboolean to_file = FALSE;
  gboolean to_keyring = FALSE;
  const char *name;
  int status;
  const GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_NONE, &to_file, N_("api-key: keep the key in a file readable by you alone, not in the keyring"), NULL },
    { "keyring", 0, 0, G_OPTION_ARG_NONE, &to_keyring, N_("api-key: fail rather than fall back to a file when there is no keyring"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (_("KEY [VALUE]"),
                                   _("Set a setting of the profile:\n"
                                     "  api-url URL      the server’s API (http://HOST:4200/api)\n"
                                     "  api-key          the server’s API key, read from standard input\n"
                                     "                   and kept in the keyring (or a private file)\n"
                                     "  api-key-file F   read the API key from file F (mode 600)\n"
                                     "  db PATH          the database of a local profile"),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return pw_cli_usage_error (cli, context, _("give a setting"));
  if (to_file && to_keyring)
    return pw_cli_usage_error (cli, context, _("--file and --keyring exclude each other"));
  if ((profiles = load_profiles (cli, &status)) == NULL)
    return status;
  name = target_profile (cli, profiles);
  if (!pw_profiles_has (profiles, name))
    return pw_cli_fail (cli, _("There is no profile “%s” (see “pipewright-cli profile ls”)"), name);

  if (g_str_equal (argv[1], "api-key"))
    {
      if (argc != 2)
        return pw_cli_usage_error (cli, context,
                                   _("the API key is read from standard input, never from the "
                                     "command line (where others could see it)"));
      return set_api_key (cli, profiles, name, to_file, to_keyring);
    }

  if (argc != 3)
    return pw_cli_usage_error (cli, context, _("give a setting and its value"));
  if (!pw_profiles_set (profiles, name, argv[1], argv[2], &error))
    return pw_cli_fail (cli, "%s", error->message);
  if ((status = save_profiles (cli, profiles)) != PW_CLI_EXIT_OK)
    return status;
  printf (_("Set %s of the profile “%s”\n"), argv[1], name);
  return PW_CLI_EXIT_OK;
}

static int
config_unset (PwCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  int status;

  context = pw_cli_option_context (_("KEY"),
                                   _("Remove a setting of the profile (api-url, api-key, api-key-file, db).\n"
                                     "Unsetting api-key removes the key from the keyring and its file."),
                                   NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (cli, context, _("give one setting"));
  if ((profiles = load_profiles (cli, &status)) == NULL)
    return status;
  name = target_profile (cli, profiles);
  if (!pw_profiles_has (profiles, name))
    return pw_cli_fail (cli, _("There is no profile “%s” (see “pipewright-cli profile ls”)"), name);

  if (g_str_equal (argv[1], "api-key"))
    {
      g_autofree char *file = pw_profiles_get (profiles, name, PW_PROFILE_KEY_API_KEY_FILE);
      g_autofree char *default_file = pw_profiles_default_key_file (name);

      if (!pw_api_key_clear_keyring (name, NULL, &error))
        {
          g_debug ("%s", error->message);
          g_clear_error (&error);
        }
      if (file != NULL && g_str_equal (file, default_file) && g_unlink (file) != 0)
        g_debug ("Could not remove %s", file);
      pw_profiles_unset (profiles, name, PW_PROFILE_KEY_API_KEY_FILE, NULL);
    }
  else if (!pw_profiles_unset (profiles, name, argv[1], &error))
    return pw_cli_fail (cli, "%s", error->message);

  if ((status = save_profiles (cli, profiles)) != PW_CLI_EXIT_OK)
    return status;
  printf (_("Unset %s of the profile “%s”\n"), argv[1], name);
  return PW_CLI_EXIT_OK;
}

static int
config_view (PwCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *db = NULL;
  g_autofree char *keyring_key = NULL;
  const char *name;
  int status;

  context = pw_cli_option_context (NULL, _("Show the profile’s settings (never the API key itself)."), NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pw_cli_usage_error (cli, context, _("unexpected argument “%s”"), argv[1]);
  if ((profiles = load_profiles (cli, &status)) == NULL)
    return status;
  name = target_profile (cli, profiles);
  if (!pw_profiles_has (profiles, name))
    return pw_cli_fail (cli, _("There is no profile “%s” (see “pipewright-cli profile ls”)"), name);

  url = pw_profiles_get (profiles, name, PW_PROFILE_KEY_API_URL);
  key_file = pw_profiles_get (profiles, name, PW_PROFILE_KEY_API_KEY_FILE);
  db = pw_profiles_get (profiles, name, PW_PROFILE_KEY_DB);

  printf ("profile      %s%s\n", name,
          g_str_equal (name, pw_profiles_get_active (profiles)) ? _(" (active)") : "");
  printf ("file         %s\n", pw_profiles_get_path (profiles));
  if (url != NULL)
    printf ("api-url      %s\n", url);
  else
    {
      g_autofree char *default_db = g_build_filename (g_get_user_data_dir (), "pipewright",
                                                      "pipewright.db", NULL);
      printf ("db           %s\n", db != NULL ? db : default_db);
    }

  if (key_file != NULL)
    printf ("api-key      %s %s\n", _("in the file"), key_file);
  else if (url != NULL)
    {
      keyring_key = pw_api_key_lookup_keyring (name, NULL, &error);
      if (keyring_key != NULL)
        printf ("api-key      %s\n", _("in the keyring"));
      else if (error != NULL)
        printf ("api-key      %s (%s)\n", _("unknown"), error->message);
      else
        printf ("api-key      %s\n", _("not set"));
      if (keyring_key != NULL)
        memset (keyring_key, 0, strlen (keyring_key));
    }
  if (g_getenv ("PIPEWRIGHT_API_KEY") != NULL)
    printf ("api-key      %s\n", _("from $PIPEWRIGHT_API_KEY (wins)"));
  return PW_CLI_EXIT_OK;
}

int
pw_cli_config (PwCli  *cli,
               int     argc,
               char  **argv)
{
  static const PwCliCommand commands[] = {
    { "set", N_("Set a setting of the profile (api-url, api-key, api-key-file, db)"), config_set },
    { "unset", N_("Remove a setting of the profile"), config_unset },
    { "view", N_("Show the profile’s settings"), config_view },
    { NULL }
  };

  return pw_cli_dispatch (cli, "config", commands, argc, argv);
}

/* profile */

static int
profile_ls (PwCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwProfiles) profiles = NULL;
  g_auto(GStrv) names = NULL;
  const char *active;
  int status;

  context = pw_cli_option_context (NULL, _("List the profiles; * marks the active one."), NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pw_cli_usage_error (cli, context, _("unexpected argument “%s”"), argv[1]);
  if ((profiles = load_profiles (cli, &status)) == NULL)
    return status;

  active = pw_profiles_get_active (profiles);
  names = pw_profiles_list (profiles);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *url = pw_profiles_get (profiles, names[i], PW_PROFILE_KEY_API_URL);

      printf ("%s %-20s %s\n", g_str_equal (names[i], active) ? "*" : " ", names[i],
              url != NULL ? url : _("this machine"));
    }
  return PW_CLI_EXIT_OK;
}

static int
profile_create (PwCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Copy the settings of profile NAME"), N_("NAME") },
    { NULL }
  };

  context = pw_cli_option_context (_("NAME"), _("Create a profile. Then “profile use NAME” and\n"
                                                "“config set api-url URL”."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (cli, context, _("give one profile name"));
  if ((profiles = load_profiles (cli, &status)) == NULL)
    return status;
  if (!pw_profiles_create (profiles, argv[1], from, &error))
    return pw_cli_fail (cli, "%s", error->message);
  if ((status = save_profiles (cli, profiles)) != PW_CLI_EXIT_OK)
    return status;
  printf (_("Created the profile “%s”\n"), argv[1]);
  return PW_CLI_EXIT_OK;
}

static int
profile_use (PwCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  context = pw_cli_option_context (_("NAME"), _("Make a profile the active one."), NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (cli, context, _("give one profile name"));
  if ((profiles = load_profiles (cli, &status)) == NULL)
    return status;
  if (!pw_profiles_set_active (profiles, argv[1], &error))
    return pw_cli_fail (cli, "%s", error->message);
  if ((status = save_profiles (cli, profiles)) != PW_CLI_EXIT_OK)
    return status;
  printf (_("Now using the profile “%s”\n"), argv[1]);
  return PW_CLI_EXIT_OK;
}

static int
profile_delete (PwCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *default_file = NULL;
  int status;

  context = pw_cli_option_context (_("NAME"), _("Delete a profile and its API key."), NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (cli, context, _("give one profile name"));
  if ((profiles = load_profiles (cli, &status)) == NULL)
    return status;

  file = pw_profiles_get (profiles, argv[1], PW_PROFILE_KEY_API_KEY_FILE);
  if (!pw_profiles_delete (profiles, argv[1], &error))
    return pw_cli_fail (cli, "%s", error->message);
  if ((status = save_profiles (cli, profiles)) != PW_CLI_EXIT_OK)
    return status;

  default_file = pw_profiles_default_key_file (argv[1]);
  if (file != NULL && g_str_equal (file, default_file))
    g_unlink (file);
  if (!pw_api_key_clear_keyring (argv[1], NULL, &error))
    g_debug ("%s", error->message);
  printf (_("Deleted the profile “%s”\n"), argv[1]);
  return PW_CLI_EXIT_OK;
}

int
pw_cli_profile (PwCli  *cli,
                int     argc,
                char  **argv)
{
  static const PwCliCommand commands[] = {
    { "ls", N_("List the profiles"), profile_ls },
    { "create", N_("Create a profile"), profile_create },
    { "use", N_("Make a profile the active one"), profile_use },
    { "delete", N_("Delete a profile and its API key"), profile_delete },
    { NULL }
  };

  return pw_cli_dispatch (cli, "profile", commands, argc, argv);
}
