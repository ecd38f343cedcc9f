/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-dag-export.h"
#include "pw-radar-layout.h"

G_BEGIN_DECLS

#define PW_TYPE_RADAR_VIEW (pw_radar_view_get_type ())
G_DECLARE_FINAL_TYPE (PwRadarView, pw_radar_view, PW, RADAR_VIEW, GtkWidget)

GtkWidget     *pw_radar_view_new               (void);
void           pw_radar_view_set_backend       (PwRadarView        *self,
                                                PwBackend          *backend);
void           pw_radar_view_set_flow_run      (PwRadarView        *self,
                                                PwFlowRun          *flow_run);
void           pw_radar_view_set_task_runs     (PwRadarView        *self,
                                                GListModel         *task_runs);
PwRadarLayout *pw_radar_view_get_layout        (PwRadarView        *self);
const char    *pw_radar_view_get_error         (PwRadarView        *self);
double         pw_radar_view_get_zoom          (PwRadarView        *self);
void           pw_radar_view_set_zoom          (PwRadarView        *self,
                                                double              zoom);
void           pw_radar_view_zoom_to_fit       (PwRadarView        *self);
void           pw_radar_view_center_on         (PwRadarView        *self,
                                                const char         *id);
void           pw_radar_view_select            (PwRadarView        *self,
                                                const char         *id,
                                                gboolean            extend);
GStrv          pw_radar_view_get_selected      (PwRadarView        *self);
void           pw_radar_view_set_hover         (PwRadarView        *self,
                                                const char         *id);
gboolean       pw_radar_view_activate          (PwRadarView        *self,
                                                const char         *id);
void           pw_radar_view_set_collapsed     (PwRadarView        *self,
                                                const char         *id,
                                                gboolean            collapsed);
void           pw_radar_view_expand_ring       (PwRadarView        *self,
                                                guint               ring);
void           pw_radar_view_set_subflow_expanded (PwRadarView     *self,
                                                const char         *task_run_id,
                                                gboolean            expanded);
gboolean       pw_radar_view_get_subflow_expanded (PwRadarView     *self,
                                                const char         *task_run_id);
gboolean       pw_radar_view_get_subflow_loaded (PwRadarView       *self,
                                                const char         *task_run_id);
void           pw_radar_view_world_to_view     (PwRadarView        *self,
                                                double              wx,
                                                double              wy,
                                                double             *vx,
                                                double             *vy);
void           pw_radar_view_click             (PwRadarView        *self,
                                                double              x,
                                                double              y,
                                                int                 n_press,
                                                GdkModifierType     state);
gboolean       pw_radar_view_export            (PwRadarView        *self,
                                                GFile              *file,
                                                PwDagExportFormat   format,
                                                GError            **error);

G_END_DECLS
