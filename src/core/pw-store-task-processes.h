/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-store-private.h"

G_BEGIN_DECLS

/*
 * The process groups of running tasks (pw-store-task-processes.c): the
 * engine records each one it starts and removes it when it ends; the
 * reaper ends those a crashed run left behind.
 */

/* How long a group the reaper sent SIGTERM has before SIGKILL. */
#define PW_STORE_TASK_PROCESS_GRACE_MS 2000

/* A process group to end: its leader's pid and start time, checked again
 * right before each signal. */
typedef struct
{
  char   *flow_run_id;
  int     pgid;
  gint64  start_time;
} PwTaskProcessOrphan;

gboolean   pw_store_read_process_start       (int                pid,
                                              gint64            *start_time,
                                              gboolean          *zombie);
gboolean   pw_store_add_task_process         (PwStore           *self,
                                              const char        *flow_run_id,
                                              const char        *task_run_id,
                                              int                pgid,
                                              GError           **error);
gboolean   pw_store_add_task_process_for     (PwStore           *self,
                                              const char        *flow_run_id,
                                              const char        *task_run_id,
                                              const PwRunOwner  *where,
                                              int                pgid,
                                              gint64             start_time,
                                              GError           **error);
gboolean   pw_store_remove_task_process      (PwStore           *self,
                                              const char        *task_run_id,
                                              int                pgid,
                                              GError           **error);
gint64     pw_store_count_task_processes     (PwStore           *self,
                                              const char        *flow_run_id,
                                              GError           **error);
GArray    *pw_store_take_orphan_task_processes (PwStore         *self,
                                              GError           **error);
void       pw_store_end_task_processes       (PwStore           *self,
                                              GArray            *orphans);

G_END_DECLS
