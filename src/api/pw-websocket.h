/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pw-store.h"

G_BEGIN_DECLS

/*
 * The live stream of a Pipewright server, `/api/pipewright/events`: a
 * websocket on which the server sends one JSON text message per change,
 *
 *   {"type": "flow_run", "flow_run_id": "…", "flow_run": FlowRun}
 *   {"type": "task_run", "flow_run_id": "…", "task_run_id": "…", "task_run": TaskRun}
 *   {"type": "logs", "flow_run_id": "…", "n_lines": 3, "logs": [Log, …]}
 *   {"type": "flows"}, {"type": "deployments"}, {"type": "work_queues"}
 *
 * with the records as the REST API writes them. Changes are gathered for a
 * moment and each run is read once, however often it changed meanwhile.
 * Clients send nothing (pings aside).
 */

#define PW_WEBSOCKET_PATH "/api/pipewright/events"

/* How long changes are gathered before they are sent (ms). */
#define PW_WEBSOCKET_FLUSH_MS 50

#define PW_TYPE_WEBSOCKET_HUB (pw_websocket_hub_get_type ())
G_DECLARE_FINAL_TYPE (PwWebsocketHub, pw_websocket_hub, PW, WEBSOCKET_HUB, GObject)

PwWebsocketHub *pw_websocket_hub_new                (PwStore        *store);
void            pw_websocket_hub_attach             (PwWebsocketHub *self,
                                                     SoupServer     *server);
void            pw_websocket_hub_flow_run_changed   (PwWebsocketHub *self,
                                                     const char     *flow_run_id);
void            pw_websocket_hub_task_run_changed   (PwWebsocketHub *self,
                                                     const char     *flow_run_id,
                                                     const char     *task_run_id);
void            pw_websocket_hub_logs_appended      (PwWebsocketHub *self,
                                                     const char     *flow_run_id,
                                                     guint           n_lines);
void            pw_websocket_hub_flows_changed      (PwWebsocketHub *self);
void            pw_websocket_hub_deployments_changed (PwWebsocketHub *self);
void            pw_websocket_hub_work_queues_changed (PwWebsocketHub *self);
guint           pw_websocket_hub_get_n_clients      (PwWebsocketHub *self);
void            pw_websocket_hub_close_all          (PwWebsocketHub *self);

G_END_DECLS
