/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pw-backend.h"

G_BEGIN_DECLS

/*
 * What the api tests share: a temporary home (config, data and a private
 * D-Bus address, so that no test touches the user's profiles or keyring),
 * a real `pipewright-cli serve` on 127.0.0.1 port 0, the real CLI, the
 * Prefect fixtures, and waiting for asynchronous results.
 */

typedef struct
{
  char        *dir;       /* the temporary home */
  char        *db;
  GSubprocess *server;
  char        *url;       /* http://127.0.0.1:PORT/api */
} ApiFixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

void         api_test_init           (int            *argc,
                                      char         ***argv);
void         api_fixture_set_up      (ApiFixture     *f,
                                      gconstpointer   data);
void         api_fixture_tear_down   (ApiFixture     *f,
                                      gconstpointer   data);
void         api_serve               (ApiFixture     *f,
                                      const char     *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;
void         api_stop_server         (ApiFixture     *f);

void         cli_result_clear        (CliResult      *r);
void         api_run_cli             (ApiFixture     *f,
                                      CliResult      *r,
                                      const char     *stdin_text,
                                      const char     *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;
char        *api_example             (const char     *name);
void         api_import_examples     (ApiFixture     *f);
char        *api_run_flow            (ApiFixture     *f,
                                      const char     *flow);

/* HTTP */
SoupSession *api_session             (void);
guint        api_request             (SoupSession    *session,
                                      const char     *method,
                                      const char     *url,
                                      const char     *body,
                                      const char     *api_key,
                                      JsonNode      **out_json);
JsonNode    *api_parse               (const char     *text);

/* Fixtures */
char        *fixture_path            (const char     *name);
char        *fixture_text            (const char     *name);
JsonNode    *fixture_json            (const char     *name);

/* Async */
GAsyncResult *api_wait               (GAsyncResult  **slot);
void          api_store_result       (GObject        *object,
                                      GAsyncResult   *result,
                                      gpointer        user_data);
gboolean      api_wait_until         (gboolean      (*done) (gpointer),
                                      gpointer        data,
                                      guint           timeout_ms);
void          api_spin               (guint           ms);

G_END_DECLS
