/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pw-application.h"
#include "pw-profiles.h"
#include "pw-window.h"
#include "ui-test-common.h"

G_BEGIN_DECLS

/*
 * What test-remote's cases share: a real `pipewright-cli serve` on a
 * temporary database, profiles in the test's $XDG_CONFIG_HOME, the app run
 * as a user starts it, a Prefect 2 server replaying the fixtures, and a
 * keyring of the test's own.
 */

typedef struct
{
  Fixture      base;      /* app, window, backend, runs page for the helpers */
  char        *dir;
  char        *db;
  char        *gate;      /* the gated flow's task waits for this file */
  GSubprocess *server;
  char        *url;
  guint        port;
  char        *key_file;  /* the server's API key, when it asks for one */
  void       (*body) (gpointer self);
} Remote;

typedef struct
{
  GListModel *model;
  const char *id;
} FindRun;

#define PREFECT_FAILED_RUN "778f2172-85d7-4eb4-a56c-e0632347cbef"

extern gboolean have_keyring;

void        die_with_parent    (gpointer            data);
const char *cli_path           (void);
char       *run_cli            (Remote             *r,
                                const char         *first_arg,
                                ...) G_GNUC_NULL_TERMINATED;
void        start_server       (Remote             *r,
                                guint               port);
void        kill_server        (Remote             *r);
PwProfiles *load_profiles      (void);
void        write_profile      (const char         *name,
                                const char         *url,
                                gboolean            active);
gboolean    start_keyring      (void);
void        prefect_handler_cb (SoupServer         *server,
                                SoupServerMessage  *msg,
                                const char         *path,
                                GHashTable         *query,
                                gpointer            user_data);

void        run_app            (Remote             *r,
                                void              (*body) (gpointer self),
                                const char         *first_arg,
                                ...);
void        remote_set_up      (Remote             *r,
                                gconstpointer       data);
void        remote_tear_down   (Remote             *r,
                                gconstpointer       data);

PwWindow   *current_window     (Remote             *r);
PwWindow   *wait_for_window    (Remote             *r,
                                const char         *view,
                                GType               backend_type);
const char *button_status      (gpointer            window);
gboolean    wait_for_status    (PwWindow           *window,
                                const char         *prefix);
gboolean    banner_shown       (gpointer            window);
gboolean    banner_hidden      (gpointer            window);
gboolean    run_listed         (gpointer            data);
const char *runs_content       (gpointer            page);
gboolean    has_items          (gpointer            model);
gboolean    flows_listed       (gpointer            page);
GtkWidget  *find_actionable    (GtkWidget          *widget,
                                const char         *action_name);
gboolean    new_flow_enabled   (gpointer            window);

G_END_DECLS
