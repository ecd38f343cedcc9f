/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-chart-buckets.h"

G_BEGIN_DECLS

/**
 * PwRunsRange:
 * @PW_RUNS_RANGE_DAY: runs expected in the last 24 hours
 * @PW_RUNS_RANGE_WEEK: … in the last 7 days
 * @PW_RUNS_RANGE_MONTH: … in the last 30 days
 * @PW_RUNS_RANGE_ALL: every run
 */
typedef enum
{
  PW_RUNS_RANGE_DAY,
  PW_RUNS_RANGE_WEEK,
  PW_RUNS_RANGE_MONTH,
  PW_RUNS_RANGE_ALL,
} PwRunsRange;

/**
 * PwStartedBy:
 * @PW_STARTED_BY_ANY: runs however they were started
 * @PW_STARTED_BY_HAND: runs started by hand (no deployment)
 * @PW_STARTED_BY_DEPLOYMENT: runs of deployments
 */
typedef enum
{
  PW_STARTED_BY_ANY,
  PW_STARTED_BY_HAND,
  PW_STARTED_BY_DEPLOYMENT,
} PwStartedBy;

#define PW_TYPE_RUNS_FILTER_BAR (pw_runs_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (PwRunsFilterBar, pw_runs_filter_bar, PW, RUNS_FILTER_BAR, AdwBin)

void             pw_runs_filter_bar_set_backend     (PwRunsFilterBar    *self,
                                                     PwBackend          *backend);
PwFlowRunFilter *pw_runs_filter_bar_build_filter    (PwRunsFilterBar    *self,
                                                     GDateTime          *now);
PwChartRange     pw_runs_filter_bar_get_chart_range (PwRunsFilterBar    *self);
gboolean         pw_runs_filter_bar_get_active      (PwRunsFilterBar    *self);
void             pw_runs_filter_bar_clear           (PwRunsFilterBar    *self);
void             pw_runs_filter_bar_focus_search    (PwRunsFilterBar    *self);

guint            pw_runs_filter_bar_get_states      (PwRunsFilterBar    *self);
void             pw_runs_filter_bar_set_states      (PwRunsFilterBar    *self,
                                                     guint               state_types);
const char * const *pw_runs_filter_bar_get_flows    (PwRunsFilterBar    *self);
void             pw_runs_filter_bar_set_flows       (PwRunsFilterBar    *self,
                                                     const char * const *flows);
PwStartedBy      pw_runs_filter_bar_get_started_by  (PwRunsFilterBar    *self);
void             pw_runs_filter_bar_set_started_by  (PwRunsFilterBar    *self,
                                                     PwStartedBy         started_by);
const char * const *pw_runs_filter_bar_get_deployments (PwRunsFilterBar *self);
void             pw_runs_filter_bar_set_deployments (PwRunsFilterBar    *self,
                                                     const char * const *deployment_ids);
const char * const *pw_runs_filter_bar_get_tags     (PwRunsFilterBar    *self);
void             pw_runs_filter_bar_set_tags        (PwRunsFilterBar    *self,
                                                     const char * const *tags);
PwRunsRange      pw_runs_filter_bar_get_range       (PwRunsFilterBar    *self);
void             pw_runs_filter_bar_set_range       (PwRunsFilterBar    *self,
                                                     PwRunsRange         range);

GStrv            pw_runs_parse_tags                 (const char         *text);

G_END_DECLS
