/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-application.h"
#include "pw-profiles.h"
#include "pw-window.h"

G_BEGIN_DECLS

/*
 * PwApplication: owns the one backend of the app and the app actions.
 * Windows take the backend from here.
 *
 * The backend is this machine's database when `--db` or `$PIPEWRIGHT_DB`
 * names one (opened in startup, as before profiles existed); else that of
 * the connection profile (`--profile`, `$PIPEWRIGHT_PROFILE` or the active
 * one, see pw-profiles.h), opened without blocking: a server profile's key
 * comes from the keyring (pw-application-profiles.c). Meanwhile the window
 * says "Opening…". A server that cannot be reached is no error here: the
 * window opens, offline. Switching profiles (pw_application_use_profile())
 * closes the windows and opens one on the new backend. The in-app agent,
 * scheduler and notifications run only on a local backend: on a server,
 * the server runs them.
 */
struct _PwApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  /* --profile or $PIPEWRIGHT_PROFILE; then the profile in use */
  char           *profile_name;
  PwProfiles     *profiles;
  gint64          profiles_stamp;
  PwBackend      *backend;
  GError         *backend_error;
  GCancellable   *cancellable;
  /* the opening of a profile's backend, cancelled by a switch */
  GCancellable   *open_cancellable;
  PwAppServices  *services;
  /* files to import once the backend is open */
  GPtrArray      *pending_files;
  gboolean        opening;
};

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_DATABASE_PATH,
  PROP_PROFILE_NAME,
  N_PROPS
};

void      _pw_application_notify                (PwApplication *self,
                                                 guint          prop_id);
void      _pw_application_set_backend           (PwApplication *self,
                                                 PwBackend     *backend);
PwWindow *_pw_application_new_window            (PwApplication *self);
void      _pw_application_import_pending_files  (PwApplication *self);

/* pw-application-profiles.c */
void      _pw_application_open_profile          (PwApplication *self,
                                                 const char    *name);
void      _pw_application_show_state            (PwApplication *self,
                                                 PwWindow      *window);
void      _pw_application_use_profile_activated (GSimpleAction *action,
                                                 GVariant      *parameter,
                                                 gpointer       user_data);

G_END_DECLS
