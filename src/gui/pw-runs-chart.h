/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-backend.h"
#include "pw-chart-buckets.h"

G_BEGIN_DECLS

#define PW_TYPE_RUNS_CHART (pw_runs_chart_get_type ())
G_DECLARE_FINAL_TYPE (PwRunsChart, pw_runs_chart, PW, RUNS_CHART, GtkWidget)

GtkWidget    *pw_runs_chart_new          (void);
void          pw_runs_chart_set_backend  (PwRunsChart           *self,
                                          PwBackend             *backend);
void          pw_runs_chart_set_filter   (PwRunsChart           *self,
                                          const PwFlowRunFilter *filter);
PwChartRange  pw_runs_chart_get_range    (PwRunsChart           *self);
void          pw_runs_chart_set_range    (PwRunsChart           *self,
                                          PwChartRange           range);
void          pw_runs_chart_set_now      (PwRunsChart           *self,
                                          GDateTime             *now);
void          pw_runs_chart_reload       (PwRunsChart           *self);
gboolean      pw_runs_chart_get_loading  (PwRunsChart           *self);
const GError *pw_runs_chart_get_error    (PwRunsChart           *self);
guint         pw_runs_chart_get_n_buckets (PwRunsChart          *self);
guint         pw_runs_chart_get_count    (PwRunsChart           *self,
                                          guint                  bucket,
                                          PwChartGroup           group);
guint64       pw_runs_chart_get_total    (PwRunsChart           *self);

G_END_DECLS
