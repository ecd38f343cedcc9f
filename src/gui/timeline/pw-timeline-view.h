/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-backend.h"
#include "pw-dag-export.h"
#include "pw-flow-run.h"

G_BEGIN_DECLS

#define PW_TYPE_TIMELINE_VIEW (pw_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (PwTimelineView, pw_timeline_view, PW, TIMELINE_VIEW, GtkWidget)

GtkWidget *pw_timeline_view_new            (void);
void       pw_timeline_view_set_backend    (PwTimelineView    *self,
                                            PwBackend         *backend);
void       pw_timeline_view_set_flow_run   (PwTimelineView    *self,
                                            PwFlowRun         *flow_run);
void       pw_timeline_view_set_task_runs  (PwTimelineView    *self,
                                            GListModel        *task_runs);
gboolean   pw_timeline_view_export         (PwTimelineView    *self,
                                            GFile             *file,
                                            PwDagExportFormat  format,
                                            GError           **error);

G_END_DECLS
