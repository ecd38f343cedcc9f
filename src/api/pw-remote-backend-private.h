/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pw-remote-backend.h"
#include "pw-rest-json.h"

G_BEGIN_DECLS

/*
 * PwRemoteBackend is split by concern:
 *
 *   pw-remote-backend.c        the object, its properties, the connection
 *                              state machine (probe, offline, backoff)
 *   pw-remote-backend-http.c   one request: auth, timeouts, status → error,
 *                              JSON parsed in a worker thread
 *   pw-remote-backend-runs.c   flow runs, task runs, logs, run/retry/cancel
 *   pw-remote-backend-flows.c  flows (definitions on Pipewright servers)
 *   pw-remote-backend-live.c   live updates: the websocket of a Pipewright
 *                              server, polling of a Prefect one
 *
 * Everything happens on the main context the backend was made on; only
 * the parsing of answers runs in worker threads.
 */

/**
 * PwRemoteParser:
 * @root: (nullable): the parsed answer (%NULL when the request is raw)
 * @body: the answer's bytes
 * @data: the request's parser data
 *
 * Makes the result of a request, in a worker thread.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
typedef gpointer (*PwRemoteParser) (JsonNode  *root,
                                    GBytes    *body,
                                    gpointer   data,
                                    GError   **error);

typedef struct
{
  const char     *method;
  char           *path;          /* under the API URL: "/flow_runs/filter" */
  GBytes         *body;          /* (nullable) JSON */
  const char     *content_type;  /* of @body; JSON when NULL */
  PwRemoteParser  parse;         /* (nullable): the result is then %TRUE */
  gpointer        parse_data;
  GDestroyNotify  parse_data_free;
  GDestroyNotify  result_free;
  gboolean        raw;           /* hand the bytes to @parse unparsed */
  gboolean        direct;        /* the probe's own: do not wait for it */
  gboolean        quiet;         /* a poll: errors do not go to the log */
  gboolean        ui;            /* X-Prefect-UI: true (not an agent's poll) */
  char           *not_found;     /* the error message for a 404 */
} PwRemoteRequest;

struct _PwRemoteBackend
{
  GObject                  parent_instance;

  char                    *api_url;
  char                    *api_key;
  SoupSession             *session;
  guint                    timeout;
  guint                    poll_interval;
  GMainContext            *context;
  GCancellable            *cancellable;     /* cancelled in dispose */

  /* connection */
  PwConnectionState        state;
  PwServerKind             kind;
  char                    *server_version;
  char                    *connection_error;
  gboolean                 probing;
  GQueue                   waiting;         /* GTask waiting for the probe */
  guint                    reconnect_id;
  guint                    backoff_ms;

  /* what the server told */
  GHashTable              *flow_names;      /* flow id → name */
  GHashTable              *flow_run_cache;  /* id → PwFlowRun, fresh from events */
  GHashTable              *task_run_cache;  /* id → PwTaskRun */

  /* live updates */
  SoupWebsocketConnection *websocket;
  GCancellable            *websocket_cancellable;
  gboolean                 websocket_failed; /* fall back to polling */
  guint                    poll_id;
  gboolean                 poll_running;
  gboolean                 poll_primed;
  GHashTable              *poll_runs;       /* run id → state id, watched */
  GHashTable              *poll_task_states;/* task run id → state id */
  GHashTable              *poll_log_ids;    /* log ids at the last timestamp */
  char                    *poll_since;      /* latest start_time seen */
  char                    *poll_log_since;  /* latest log timestamp seen */
};

void      _pw_remote_request_free      (PwRemoteRequest   *request);
void      _pw_remote_request_set_not_found (PwRemoteRequest *request,
                                            const char      *message);
PwRemoteRequest *_pw_remote_request_new (const char       *method,
                                         const char       *path,
                                         GString          *json_body);
void      _pw_remote_send_async        (PwRemoteBackend   *self,
                                        PwRemoteRequest   *request,
                                        GCancellable      *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer           user_data);
gpointer  _pw_remote_send_finish       (PwRemoteBackend   *self,
                                        GAsyncResult      *result,
                                        GError           **error);
void      _pw_remote_start_request     (PwRemoteBackend   *self,
                                        GTask             *task);
char     *_pw_remote_escape            (const char        *segment);

typedef void (*PwRemoteNext) (PwRemoteBackend *self,
                              GTask           *task);

void      _pw_remote_when_known        (PwRemoteBackend   *self,
                                        GTask             *task,
                                        PwRemoteNext       next);

/* pw-remote-backend.c */
void      _pw_remote_transport_failed  (PwRemoteBackend   *self,
                                        const GError      *error);
void      _pw_remote_unauthorized      (PwRemoteBackend   *self,
                                        const char        *message);
void      _pw_remote_reachable         (PwRemoteBackend   *self);
void      _pw_remote_probe             (PwRemoteBackend   *self);
GError   *_pw_remote_unsupported_error (PwRemoteBackend   *self,
                                        const char        *what);

/* pw-remote-backend-runs.c, -flows.c, -deployments.c */
void      _pw_remote_backend_init_runs  (PwBackendInterface *iface);
void      _pw_remote_backend_init_deployments (PwBackendInterface *iface);
void      _pw_remote_backend_init_control (PwBackendInterface *iface);
void      _pw_remote_return_run        (PwRemoteBackend   *self,
                                        GTask             *task,
                                        PwFlowRun         *run);
void      _pw_remote_read_flow_run     (PwRemoteBackend   *self,
                                        GTask             *task,
                                        const char        *id);
void      _pw_remote_backend_init_notifications (PwBackendInterface *iface);
void      _pw_remote_backend_init_flows (PwBackendInterface *iface);
void      _pw_remote_fill_flow_names_async  (PwRemoteBackend     *self,
                                             GPtrArray           *runs,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  _pw_remote_fill_flow_names_finish (PwRemoteBackend     *self,
                                             GAsyncResult        *result,
                                             GError             **error);
gpointer  _pw_remote_parse_flow_runs   (JsonNode  *root,
                                        GBytes    *body,
                                        gpointer   data,
                                        GError   **error);
gpointer  _pw_remote_parse_task_runs   (JsonNode  *root,
                                        GBytes    *body,
                                        gpointer   data,
                                        GError   **error);

/* A chain of requests for one operation (deployments, queues): what the
 * steps share. */
typedef struct
{
  char         *flow_name;
  char         *name;
  char         *id;
  PwDeployment *deployment;
  PwWorkQueue  *queue;
  gboolean      paused;
  guint         n;
  char         *parameters;
  GStrv         tags;
  GDateTime    *until;
  GPtrArray    *items;
  guint         offset;
} PwRemoteOp;

void      _pw_remote_op_free           (PwRemoteOp        *op);
GTask    *_pw_remote_op_task_new       (gpointer           backend,
                                        gpointer           source_tag,
                                        GCancellable      *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer           user_data);
void      _pw_remote_op_send           (PwRemoteBackend   *self,
                                        GTask             *task,
                                        PwRemoteRequest   *request,
                                        GAsyncReadyCallback callback);
gpointer  _pw_remote_op_step           (GObject           *object,
                                        GAsyncResult      *result,
                                        GTask             *task);
void      _pw_remote_op_done_cb        (GObject           *object,
                                        GAsyncResult      *result,
                                        gpointer           user_data);
void      _pw_remote_op_return_runs    (PwRemoteBackend   *self,
                                        GTask             *task,
                                        GPtrArray         *runs,
                                        GAsyncReadyCallback callback);
void      _pw_remote_backend_init_work_queues (PwBackendInterface *iface);

/* pw-remote-backend-live.c */
void      _pw_remote_live_start        (PwRemoteBackend   *self);
void      _pw_remote_live_stop         (PwRemoteBackend   *self);

G_END_DECLS
