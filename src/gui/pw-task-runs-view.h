/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-task-run.h"

G_BEGIN_DECLS

/**
 * PwTaskRunsMode:
 * @PW_TASK_RUNS_MODE_GRAPH: in dependency order: step, state, task, what
 *   it waits for, duration
 * @PW_TASK_RUNS_MODE_DETAIL: in the order they were created: state, task,
 *   attempts, start, duration, cached, result
 */
typedef enum
{
  PW_TASK_RUNS_MODE_GRAPH,
  PW_TASK_RUNS_MODE_DETAIL,
} PwTaskRunsMode;

#define PW_TYPE_TASK_RUNS_VIEW (pw_task_runs_view_get_type ())
G_DECLARE_FINAL_TYPE (PwTaskRunsView, pw_task_runs_view, PW, TASK_RUNS_VIEW, AdwBin)

GtkWidget      *pw_task_runs_view_new            (PwTaskRunsMode  mode);
PwTaskRunsMode  pw_task_runs_view_get_mode       (PwTaskRunsView *self);
void            pw_task_runs_view_set_task_runs  (PwTaskRunsView *self,
                                                  GListModel     *task_runs);
GListModel     *pw_task_runs_view_get_task_runs  (PwTaskRunsView *self);
GtkColumnView  *pw_task_runs_view_get_column_view (PwTaskRunsView *self);

GHashTable     *pw_task_runs_compute_levels      (GListModel     *task_runs);

G_END_DECLS
