/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-backend.h"

G_BEGIN_DECLS

/* Exit statuses shared by every command. */
enum {
  PW_CLI_EXIT_OK = 0,
  PW_CLI_EXIT_FAILED = 1,
  PW_CLI_EXIT_USAGE = 2,
  PW_CLI_EXIT_CANCELLED = 3,
};

typedef struct
{
  const char *prgname;   /* "pipewright-cli" */
  char       *db_path;   /* --db or $PIPEWRIGHT_DB, else NULL (the default) */
  char       *api_url;   /* --api-url: a server instead of a database */
  char       *profile;   /* --profile or $PIPEWRIGHT_PROFILE, else NULL (the active one) */
  const char *command;   /* the command run ("flow-run") */
} PwCli;

typedef int (*PwCliCommandFunc) (PwCli  *cli,
                                 int     argc,
                                 char  **argv);

typedef struct
{
  const char       *name;
  const char       *summary;
  PwCliCommandFunc  func;
} PwCliCommand;

PwBackend    *pw_cli_open_backend    (PwCli               *cli,
                                      GError             **error);
char         *pw_cli_local_db_path   (PwCli               *cli);
GAsyncResult *pw_cli_wait            (GAsyncResult       **slot);
void          pw_cli_store_result    (GObject             *object,
                                      GAsyncResult        *result,
                                      gpointer             user_data);
int           pw_cli_fail            (PwCli               *cli,
                                      const char          *format,
                                      ...) G_GNUC_PRINTF (2, 3);
int           pw_cli_usage_error     (PwCli               *cli,
                                      GOptionContext      *context,
                                      const char          *format,
                                      ...) G_GNUC_PRINTF (3, 4);
GOptionContext *pw_cli_option_context (const char         *parameter_string,
                                       const char         *summary,
                                       const GOptionEntry *entries);
gboolean      pw_cli_parse           (PwCli               *cli,
                                      GOptionContext      *context,
                                      int                 *argc,
                                      char              ***argv,
                                      int                 *exit_status);
int           pw_cli_dispatch        (PwCli               *cli,
                                      const char          *group,
                                      const PwCliCommand  *commands,
                                      int                  argc,
                                      char               **argv);

int           pw_cli_follow_run      (PwBackend           *backend,
                                      PwFlowRun           *run,
                                      gboolean             json);
char         *pw_cli_parse_params    (PwFlow              *flow,
                                      char               **assignments,
                                      GError             **error);
PwFlowRun    *pw_cli_find_flow_run   (PwBackend           *backend,
                                      const char          *id_or_name,
                                      GError             **error);

int           pw_cli_run             (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
int           pw_cli_flow_run        (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
int           pw_cli_validate        (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
int           pw_cli_flow            (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
int           pw_cli_serve           (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
int           pw_cli_config          (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
int           pw_cli_profile         (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
int           pw_cli_deployment      (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
int           pw_cli_work_queue      (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
char         *pw_cli_format_zoned_time (GDateTime         *time,
                                      GTimeZone           *tz,
                                      const char          *tz_name);
int           pw_cli_agent           (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);
int           pw_cli_notification    (PwCli               *cli,
                                      int                  argc,
                                      char               **argv);

G_END_DECLS
