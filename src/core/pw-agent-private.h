/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-agent.h"

G_BEGIN_DECLS

struct _PwAgent
{
  GObject          parent_instance;

  PwEngine        *engine;
  char            *name;
  GStrv            work_queues;
  guint            poll_interval_ms;
  guint            limit;

  GHashTable      *runs;          /* flow run id → AgentRun, runs it started */
  guint            timer_id;
  guint            idle_id;
  gboolean         started;
  gboolean         stopping;
  PwAgentStopMode  stop_mode;
  GPtrArray       *stop_tasks;    /* GTask: stops waiting for runs to end */
};

typedef struct
{
  PwAgent *agent;
  char    *id;
} AgentRun;

/* pw-agent.c */
void pw_agent_emit_run_taken        (PwAgent      *self,
                                     PwFlowRun    *flow_run);
void pw_agent_emit_run_finished     (PwAgent      *self,
                                     const char   *flow_run_id,
                                     PwFlowRun    *flow_run,
                                     const GError *error);
void pw_agent_emit_flow_run_changed (PwAgent      *self,
                                     const char   *flow_run_id);
void pw_agent_emit_poll_failed      (PwAgent      *self,
                                     const GError *error);
void pw_agent_notify_n_running      (PwAgent      *self);
void pw_agent_finish_stop_if_idle   (PwAgent      *self);

/* pw-agent-poll.c */
void pw_agent_schedule_poll         (PwAgent      *self,
                                     gboolean      at_once);

G_END_DECLS
