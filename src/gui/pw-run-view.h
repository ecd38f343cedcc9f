/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-dag-export.h"
#include "pw-log-view.h"
#include "pw-task-runs-view.h"

G_BEGIN_DECLS

#define PW_TYPE_RUN_VIEW (pw_run_view_get_type ())
G_DECLARE_FINAL_TYPE (PwRunView, pw_run_view, PW, RUN_VIEW, AdwBin)

PwRunView      *pw_run_view_new             (PwBackend  *backend,
                                             const char *flow_run_id);
const char     *pw_run_view_get_flow_run_id (PwRunView  *self);
PwFlowRun      *pw_run_view_get_run         (PwRunView  *self);
GListModel     *pw_run_view_get_task_runs   (PwRunView  *self);
PwLogView      *pw_run_view_get_log_view    (PwRunView  *self);
PwTaskRunsView *pw_run_view_get_graph_view  (PwRunView  *self);
GtkWidget      *pw_run_view_get_graph_canvas (PwRunView *self);
PwTaskRunsView *pw_run_view_get_tasks_view  (PwRunView  *self);
GtkWidget      *pw_run_view_get_radar_view  (PwRunView  *self);
GtkWidget      *pw_run_view_get_timeline_view (PwRunView *self);
const char     *pw_run_view_get_task_filter (PwRunView  *self);
gboolean        pw_run_view_export          (PwRunView          *self,
                                             const char         *what,
                                             GFile              *file,
                                             PwDagExportFormat   format,
                                             GError            **error);
const char     *pw_run_view_get_view        (PwRunView  *self);
const char     *pw_run_view_get_tab         (PwRunView  *self);
void            pw_run_view_show_tab        (PwRunView  *self,
                                             const char *name);
const char     *pw_run_view_get_duration_text (PwRunView *self);
void            pw_run_view_reload          (PwRunView  *self);
void            pw_run_view_focus_search    (PwRunView  *self);

char           *pw_format_parameters        (const char *parameters);

G_END_DECLS
