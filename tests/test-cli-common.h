/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

/* Runs the real pipewright-cli ($PW_CLI) on a temporary database. */

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

void  result_clear      (Result        *r);
void  fixture_set_up    (Fixture       *f,
                         gconstpointer  data);
void  fixture_tear_down (Fixture       *f,
                         gconstpointer  data);
const char *cli_path    (void);
char *example           (const char    *name);
void  run_cli           (Fixture       *f,
                         Result        *r,
                         const char    *first_arg,
                         ...) G_GNUC_NULL_TERMINATED;
void  write_file        (const char    *path,
                         const char    *contents);
