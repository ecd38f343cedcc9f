/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-run-list-model.h"
#include "pw-run-view.h"
#include "pw-runs-chart.h"
#include "pw-runs-filter-bar.h"

G_BEGIN_DECLS

#define PW_TYPE_RUNS_PAGE (pw_runs_page_get_type ())
G_DECLARE_FINAL_TYPE (PwRunsPage, pw_runs_page, PW, RUNS_PAGE, AdwBin)

PwBackend       *pw_runs_page_get_backend    (PwRunsPage *self);
void             pw_runs_page_set_backend    (PwRunsPage *self,
                                              PwBackend  *backend);
PwRunListModel  *pw_runs_page_get_model      (PwRunsPage *self);
PwRunsFilterBar *pw_runs_page_get_filter_bar (PwRunsPage *self);
PwRunsChart     *pw_runs_page_get_chart      (PwRunsPage *self);
GtkColumnView   *pw_runs_page_get_column_view (PwRunsPage *self);
PwRunView       *pw_runs_page_get_run_view   (PwRunsPage *self);
const char      *pw_runs_page_get_view       (PwRunsPage *self);
const char      *pw_runs_page_get_content    (PwRunsPage *self);
void             pw_runs_page_show_run       (PwRunsPage *self,
                                              const char *flow_run_id);
void             pw_runs_page_show_list      (PwRunsPage *self);
void             pw_runs_page_reload         (PwRunsPage *self);
void             pw_runs_page_focus_search   (PwRunsPage *self);
void             pw_runs_page_show_deployment (PwRunsPage *self,
                                              const char *deployment_id);

G_END_DECLS
