/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-backend.h"
#include "pw-engine.h"

G_BEGIN_DECLS

/**
 * PwAgentStopMode:
 * @PW_AGENT_STOP_FINISH: let the runs in progress finish
 * @PW_AGENT_STOP_CANCEL: cancel the runs in progress (they end Cancelled)
 *
 * What a stopping agent does about the runs it is running.
 */
typedef enum
{
  PW_AGENT_STOP_FINISH,
  PW_AGENT_STOP_CANCEL,
} PwAgentStopMode;

#define PW_TYPE_AGENT_STOP_MODE (pw_agent_stop_mode_get_type ())
GType pw_agent_stop_mode_get_type (void) G_GNUC_CONST;

/**
 * PW_AGENT_DEFAULT_POLL_INTERVAL_MS:
 *
 * How often an agent asks its queues for runs, as Prefect's agents do
 * (`PREFECT_AGENT_QUERY_INTERVAL`). Between polls it also wakes up when
 * the next run it knows of falls due.
 */
#define PW_AGENT_DEFAULT_POLL_INTERVAL_MS 10000

#define PW_TYPE_AGENT (pw_agent_get_type ())
G_DECLARE_FINAL_TYPE (PwAgent, pw_agent, PW, AGENT, GObject)

PwAgent            *pw_agent_new                  (PwEngine            *engine);
PwAgent            *pw_agent_new_for_backend      (PwBackend           *backend);

PwEngine           *pw_agent_get_engine           (PwAgent             *self);
PwStore            *pw_agent_get_store            (PwAgent             *self);
PwClock            *pw_agent_get_clock            (PwAgent             *self);
const char         *pw_agent_get_name             (PwAgent             *self);
void                pw_agent_set_name             (PwAgent             *self,
                                                   const char          *name);
const char * const *pw_agent_get_work_queues      (PwAgent             *self);
void                pw_agent_set_work_queues      (PwAgent             *self,
                                                   const char * const  *work_queues);
guint               pw_agent_get_poll_interval_ms (PwAgent             *self);
void                pw_agent_set_poll_interval_ms (PwAgent             *self,
                                                   guint                interval_ms);
guint               pw_agent_get_limit            (PwAgent             *self);
void                pw_agent_set_limit            (PwAgent             *self,
                                                   guint                limit);
guint               pw_agent_get_n_running        (PwAgent             *self);
gboolean            pw_agent_is_running           (PwAgent             *self,
                                                   const char          *flow_run_id);
gboolean            pw_agent_is_started           (PwAgent             *self);

gboolean            pw_agent_poll                 (PwAgent             *self,
                                                   guint               *out_taken,
                                                   GError             **error);
void                pw_agent_start                (PwAgent             *self);
void                pw_agent_stop_async           (PwAgent             *self,
                                                   PwAgentStopMode      mode,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean            pw_agent_stop_finish          (PwAgent             *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
