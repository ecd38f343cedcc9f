/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-backend.h"

G_BEGIN_DECLS

/**
 * PwConnectionState:
 * @PW_CONNECTION_STATE_CONNECTING: finding out what the server is (the
 *   first contact, or a reconnection)
 * @PW_CONNECTION_STATE_ONLINE: the server answers
 * @PW_CONNECTION_STATE_OFFLINE: the server cannot be reached; the backend
 *   tries again by itself, waiting longer each time (up to a minute), and
 *   at once when an operation is asked for
 * @PW_CONNECTION_STATE_UNAUTHORIZED: the server refuses the API key; set
 *   another one (the backend still retries, slowly)
 *
 * Where a #PwRemoteBackend stands with its server. When the state becomes
 * @PW_CONNECTION_STATE_ONLINE after any other, changes may have been
 * missed: read again what is shown.
 */
typedef enum
{
  PW_CONNECTION_STATE_CONNECTING,
  PW_CONNECTION_STATE_ONLINE,
  PW_CONNECTION_STATE_OFFLINE,
  PW_CONNECTION_STATE_UNAUTHORIZED,
} PwConnectionState;

/**
 * PwServerKind:
 * @PW_SERVER_KIND_UNKNOWN: not known yet
 * @PW_SERVER_KIND_PIPEWRIGHT: `pipewright-cli serve`: everything, with
 *   live updates over a websocket
 * @PW_SERVER_KIND_PREFECT: a Prefect 2 server: runs, task runs, logs,
 *   deployments and work queues, polled every few seconds; no flow
 *   definitions
 */
typedef enum
{
  PW_SERVER_KIND_UNKNOWN,
  PW_SERVER_KIND_PIPEWRIGHT,
  PW_SERVER_KIND_PREFECT,
} PwServerKind;

/**
 * PwBackendCapabilities:
 * @PW_BACKEND_CAPABILITY_NONE: nothing beyond reading runs
 * @PW_BACKEND_CAPABILITY_EDIT_FLOWS: flow definitions can be read, saved,
 *   imported, exported and deleted
 * @PW_BACKEND_CAPABILITY_RUN_FLOWS: a flow can be run as it is
 *   (pw_backend_run_flow_async()), not only through a deployment
 * @PW_BACKEND_CAPABILITY_LIVE_UPDATES: changes are pushed as they happen
 *   (else they are polled, every 5 s)
 * @PW_BACKEND_CAPABILITY_LOCAL: the backend is this machine's database
 *
 * What a backend can do, for front ends to offer only that. Known once a
 * remote backend is online.
 */
typedef enum /*< flags >*/
{
  PW_BACKEND_CAPABILITY_NONE         = 0,
  PW_BACKEND_CAPABILITY_EDIT_FLOWS   = 1 << 0,
  PW_BACKEND_CAPABILITY_RUN_FLOWS    = 1 << 1,
  PW_BACKEND_CAPABILITY_LIVE_UPDATES = 1 << 2,
  PW_BACKEND_CAPABILITY_LOCAL        = 1 << 3,
} PwBackendCapabilities;

#define PW_TYPE_CONNECTION_STATE (pw_connection_state_get_type ())
#define PW_TYPE_SERVER_KIND (pw_server_kind_get_type ())
#define PW_TYPE_BACKEND_CAPABILITIES (pw_backend_capabilities_get_type ())
GType pw_connection_state_get_type     (void) G_GNUC_CONST;
GType pw_server_kind_get_type          (void) G_GNUC_CONST;
GType pw_backend_capabilities_get_type (void) G_GNUC_CONST;

/* The default time to wait for a server (seconds) and between polls of a
 * Prefect server (ms, as Prefect's UI). */
#define PW_REMOTE_DEFAULT_TIMEOUT 30
#define PW_REMOTE_DEFAULT_POLL_INTERVAL 5000

#define PW_TYPE_REMOTE_BACKEND (pw_remote_backend_get_type ())
G_DECLARE_FINAL_TYPE (PwRemoteBackend, pw_remote_backend, PW, REMOTE_BACKEND, GObject)

PwBackend             *pw_remote_backend_new                  (const char       *api_url,
                                                               const char       *api_key,
                                                               GError          **error);
const char            *pw_remote_backend_get_api_url          (PwRemoteBackend  *self);
void                   pw_remote_backend_set_api_key          (PwRemoteBackend  *self,
                                                               const char       *api_key);
PwConnectionState      pw_remote_backend_get_connection_state (PwRemoteBackend  *self);
const char            *pw_remote_backend_get_connection_error (PwRemoteBackend  *self);
PwServerKind           pw_remote_backend_get_server_kind      (PwRemoteBackend  *self);
const char            *pw_remote_backend_get_server_version   (PwRemoteBackend  *self);
PwBackendCapabilities  pw_remote_backend_get_capabilities     (PwRemoteBackend  *self);
guint                  pw_remote_backend_get_timeout          (PwRemoteBackend  *self);
void                   pw_remote_backend_set_timeout          (PwRemoteBackend  *self,
                                                               guint             seconds);
guint                  pw_remote_backend_get_poll_interval    (PwRemoteBackend  *self);
void                   pw_remote_backend_set_poll_interval    (PwRemoteBackend  *self,
                                                               guint             milliseconds);
void                   pw_remote_backend_connect              (PwRemoteBackend  *self);

PwBackendCapabilities  pw_api_backend_get_capabilities        (PwBackend        *backend);

G_END_DECLS
