/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-state.h"

G_BEGIN_DECLS

/*
 * The arithmetic of the runs-over-time chart: its buckets (aligned to the
 * local clock, correct across daylight saving changes), which bucket a
 * time falls in, the state groups its bars stack, the scale of its axis and
 * where each bar goes. Plain C, tested without a display.
 */

/**
 * PwChartRange:
 * @PW_CHART_RANGE_DAY: the last 24 hours, one bar an hour
 * @PW_CHART_RANGE_WEEK: the last 7 days, one bar per 6 hours
 * @PW_CHART_RANGE_MONTH: the last 30 days, one bar a day
 */
typedef enum
{
  PW_CHART_RANGE_DAY,
  PW_CHART_RANGE_WEEK,
  PW_CHART_RANGE_MONTH,
} PwChartRange;

/**
 * PwChartGroup:
 *
 * The stacks of a bar, bottom up; each gathers some state types.
 */
typedef enum
{
  PW_CHART_GROUP_COMPLETED,
  PW_CHART_GROUP_FAILED,
  PW_CHART_GROUP_CANCELLED,
  PW_CHART_GROUP_RUNNING,
  PW_CHART_GROUP_SCHEDULED,
} PwChartGroup;

#define PW_N_CHART_GROUPS (PW_CHART_GROUP_SCHEDULED + 1)

/**
 * PwChartBucket:
 * @start: its first microsecond since the epoch (UTC)
 * @end: the microsecond after its last
 */
typedef struct
{
  gint64 start;
  gint64 end;
} PwChartBucket;

GArray       *pw_chart_buckets_new        (PwChartRange         range,
                                           GDateTime           *now);
int           pw_chart_buckets_find       (GArray              *buckets,
                                           gint64               usec);
char         *pw_chart_bucket_tick_label  (PwChartRange         range,
                                           const PwChartBucket *bucket,
                                           GTimeZone           *tz);
char         *pw_chart_bucket_describe    (PwChartRange         range,
                                           const PwChartBucket *bucket,
                                           GTimeZone           *tz);

guint         pw_chart_group_state_types  (PwChartGroup         group);
PwChartGroup  pw_chart_group_for_type     (PwStateType          type);
const char   *pw_chart_group_name         (PwChartGroup         group);
const char   *pw_chart_group_css_name     (PwChartGroup         group);

guint         pw_chart_nice_max           (guint                max);
void          pw_chart_bar_geometry       (guint                n_bars,
                                           double               width,
                                           guint                index,
                                           double              *x,
                                           double              *bar_width);
int           pw_chart_hit_test           (guint                n_bars,
                                           double               width,
                                           double               x);

G_END_DECLS
