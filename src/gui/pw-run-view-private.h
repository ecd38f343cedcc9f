/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-dag-canvas.h"
#include "pw-dag-export.h"
#include "pw-radar-view.h"
#include "pw-run-view.h"
#include "pw-state-chip.h"
#include "pw-timeline-view.h"

G_BEGIN_DECLS

/* Shared by pw-run-view.c (the run, its header, its task runs, the Graph,
 * Task runs and Logs tabs) and pw-run-view-charts.c (the Radar and
 * Timeline tabs, showing a task activated on a chart, export). */

struct _PwRunView
{
  AdwBin          parent_instance;

  /* template children */
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkLabel       *name_label;
  PwStateChip    *state_chip;
  GtkLabel       *subtitle_label;
  GtkLabel       *message_label;
  GtkWidget      *cancel_button;
  GtkLabel       *duration_label;
  GtkLabel       *started_label;
  GtkLabel       *ended_label;
  GtkLabel       *run_count_label;
  GtkLabel       *parameters_label;
  AdwViewStack   *view_stack;
  AdwBin         *graph_bin;
  AdwBin         *tasks_bin;
  AdwBin         *logs_bin;
  AdwBin         *radar_bin;
  AdwBin         *timeline_bin;
  GtkRevealer    *task_filter_revealer;
  GtkLabel       *task_filter_label;

  PwBackend      *backend;
  char           *flow_run_id;
  PwFlowRun      *run;
  GListStore     *task_runs;
  PwTaskRunsView *graph_view;
  PwDagCanvas    *graph_canvas;
  GHashTable     *graph_types;     /* task run id → its state type + 1 */
  GHashTable     *graph_counts;    /* task key → guint[PW_N_STATE_TYPES] */
  gboolean        graph_synthetic; /* no flow definition: the graph is drawn from the task runs */
  guint           graph_rebuild_id;
  PwTaskRunsView *tasks_view;
  PwLogView      *log_view;
  PwRadarView    *radar_view;
  PwTimelineView *timeline_view;
  GtkFilterListModel *tasks_filtered;
  char           *task_filter;     /* task key the Task runs tab shows, or NULL */
  GCancellable   *cancellable;
  guint           tick_id;
  gboolean        task_runs_loaded;
};

void     _pw_run_view_build_charts      (PwRunView      *self);
void     _pw_run_view_class_init_charts (GtkWidgetClass *widget_class);
gboolean _pw_run_view_task_filter_match (gpointer        item,
                                         gpointer        user_data);
void     _pw_run_view_node_activated    (PwRunView      *self,
                                         const char     *task_key);

G_END_DECLS
