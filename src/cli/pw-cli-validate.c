/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pw-cli-private.h"
#include "pw-flow.h"
#include "pw-flow-file.h"
#include "pw-problem.h"

/* Prints every problem of one file as `FILE: task KEY: message`. */
static gboolean
validate_one (const char *path)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlow) flow = NULL;

  flow = pw_flow_file_load_path (path, &problems, &error);
  if (flow != NULL)
    return TRUE;

  if (problems != NULL && problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = pw_problem_to_string (g_ptr_array_index (problems, i));
          printf ("%s: %s\n", path, line);
        }
    }
  else
    {
      printf ("%s: %s\n", path, error->message);
    }

  return FALSE;
}

int
pw_cli_validate (PwCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  gboolean quiet = FALSE;
  guint n_invalid = 0;
  int status;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing when every file is valid"), NULL },
    { NULL }
  };

  context = pw_cli_option_context (_("FILE…"),
                                   _("Check flow files and list every problem in each, as\n"
                                     "“FILE: task KEY: message”. Exits 0 when all are valid, 1 otherwise."),
                                   entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return pw_cli_usage_error (cli, context, _("no flow file given"));

  for (int i = 1; i < argc; i++)
    {
      if (!validate_one (argv[i]))
        n_invalid++;
    }

  if (n_invalid > 0)
    {
      fprintf (stderr,
               g_dngettext (GETTEXT_PACKAGE, "%u of %d file is invalid\n",
                            "%u of %d files are invalid\n", argc - 1),
               n_invalid, argc - 1);
      return PW_CLI_EXIT_FAILED;
    }

  if (!quiet)
    printf (g_dngettext (GETTEXT_PACKAGE, "%d file is valid\n", "%d files are valid\n", argc - 1),
            argc - 1);
  return PW_CLI_EXIT_OK;
}
