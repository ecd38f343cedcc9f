/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pw-rest-json.h"
#include "pw-rest-server.h"
#include "pw-store.h"
#include "pw-websocket.h"

G_BEGIN_DECLS

/*
 * How a request is served. The router matches the method and the path
 * under /api (one `*` per variable segment) and calls the route's handler
 * with a PwRestCall:
 *
 * - PW_REST_ROUTE_THREAD handlers run in a worker thread with a store
 *   connection of their own from the server's pool (call->store): reads
 *   and writes of the database, and the JSON they produce. The message is
 *   paused meanwhile, so the main loop keeps serving.
 * - Other handlers run on the main thread; they may defer the answer
 *   (pw_rest_call_defer()) while they wait for the backend, and answer with
 *   pw_rest_call_finish().
 *
 * A handler answers with pw_rest_call_json() / _not_found() / _problems()
 * / _error(), and may queue live events (pw_rest_call_queue_*()) that the
 * websocket hub sends on the main thread once the answer is made.
 */

typedef struct _PwRestCall PwRestCall;

typedef void (*PwRestHandler) (PwRestCall *call);

typedef enum
{
  PW_REST_ROUTE_MAIN   = 0,
  PW_REST_ROUTE_THREAD = 1 << 0,
  PW_REST_ROUTE_BODY   = 1 << 1,   /* needs a JSON body (else `{}` is fine) */
  PW_REST_ROUTE_RAW    = 1 << 2,   /* reads call->raw_body itself: no JSON parse */
} PwRestRouteFlags;

typedef struct
{
  const char       *method;
  const char       *pattern;
  PwRestHandler     handler;
  PwRestRouteFlags  flags;
} PwRestRoute;

struct _PwRestCall
{
  PwRestServer      *server;
  SoupServerMessage *msg;
  const char        *method;
  char             **params;      /* the `*` segments, in order */
  GHashTable        *query;       /* (nullable) */
  JsonNode          *body;        /* (nullable): the parsed body */
  GBytes            *raw_body;    /* (nullable) */
  PwStore           *store;       /* thread handlers: a connection of the pool */
  GDateTime         *now;

  /* the answer */
  guint              status;
  GString           *response;
  const char        *content_type;
  GPtrArray         *events;      /* PwWebsocketEvent, sent after */
  gboolean           deferred;
  gboolean           finished;
};

void        pw_rest_server_add_routes   (PwRestServer      *self,
                                         const PwRestRoute *routes,
                                         guint              n_routes);
PwWebsocketHub *pw_rest_server_get_hub  (PwRestServer      *self);

PwJsonWriter *pw_rest_call_begin_json   (PwRestCall        *call,
                                         guint              status,
                                         PwJsonWriter      *writer);
void        pw_rest_call_json_literal   (PwRestCall        *call,
                                         guint              status,
                                         const char        *json);
void        pw_rest_call_empty          (PwRestCall        *call,
                                         guint              status);
void        pw_rest_call_not_found      (PwRestCall        *call,
                                         const char        *detail);
void        pw_rest_call_detail         (PwRestCall        *call,
                                         guint              status,
                                         const char        *detail);
void        pw_rest_call_problems       (PwRestCall        *call,
                                         PwRestProblems    *problems);
void        pw_rest_call_invalid        (PwRestCall        *call,
                                         const char        *loc,
                                         const char        *type,
                                         const char        *message);
void        pw_rest_call_error          (PwRestCall        *call,
                                         const GError      *error,
                                         const char        *not_found_detail);
void        pw_rest_call_defer          (PwRestCall        *call);
void        pw_rest_call_finish         (PwRestCall        *call);
const char *pw_rest_call_get_query      (PwRestCall        *call,
                                         const char        *name);
JsonObject *pw_rest_call_body_object    (PwRestCall        *call,
                                         PwRestProblems    *problems);
void        pw_rest_call_queue_flow_run (PwRestCall        *call,
                                         const char        *flow_run_id);
void        pw_rest_call_queue_task_run (PwRestCall        *call,
                                         const char        *flow_run_id,
                                         const char        *task_run_id);
void        pw_rest_call_queue_logs     (PwRestCall        *call,
                                         const char        *flow_run_id,
                                         guint              n_lines);
void        pw_rest_call_queue_flows    (PwRestCall        *call);
void        pw_rest_call_queue_deployments (PwRestCall     *call);
void        pw_rest_call_queue_work_queues (PwRestCall     *call);

void        _pw_rest_call_send_events   (PwRestCall        *call,
                                         PwWebsocketHub    *hub);

/* The resources (one file each) */
/* pw-rest-connections.c: closes kept-alive connections their clients
 * closed (a workaround for libsoup 3.2) */
typedef struct _PwRestConnections PwRestConnections;

PwRestConnections *_pw_rest_connections_new         (SoupServer        *soup);
void               _pw_rest_connections_free        (PwRestConnections *self);
guint              _pw_rest_connections_get_n_closed (PwRestConnections *self);

void _pw_rest_server_add_flow_routes        (PwRestServer *self);
void _pw_rest_server_add_flow_run_routes    (PwRestServer *self);
void _pw_rest_server_add_task_run_routes    (PwRestServer *self);
void _pw_rest_server_add_log_routes         (PwRestServer *self);
void _pw_rest_server_add_pipewright_routes  (PwRestServer *self);
void _pw_rest_server_add_deployment_routes  (PwRestServer *self);
void _pw_rest_server_add_work_queue_routes  (PwRestServer *self);
void _pw_rest_server_add_notification_routes (PwRestServer *self);

/* Orchestration (pw-rest-orchestration.c) */

typedef enum
{
  PW_ORCHESTRATION_ACCEPT,
  PW_ORCHESTRATION_REJECT,
  PW_ORCHESTRATION_ABORT,
  PW_ORCHESTRATION_WAIT,
} PwOrchestrationStatus;

typedef struct
{
  PwOrchestrationStatus  status;
  PwState               *state;     /* the state to store (ACCEPT, REJECT) */
  char                  *reason;
  double                 delay_seconds;
} PwOrchestration;

void pw_orchestration_clear          (PwOrchestration *result);
void pw_orchestrate_flow_run         (PwFlowRun       *run,
                                      PwState         *proposed,
                                      gboolean         force,
                                      GDateTime       *now,
                                      PwOrchestration *result);
void pw_orchestrate_task_run         (PwTaskRun       *task_run,
                                      PwState         *proposed,
                                      gboolean         force,
                                      GDateTime       *now,
                                      PwOrchestration *result);
void pw_rest_write_orchestration     (PwJsonWriter    *w,
                                      PwOrchestration *result,
                                      PwState         *current,
                                      const char      *flow_run_id,
                                      const char      *task_run_id);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwOrchestration, pw_orchestration_clear)

G_END_DECLS
