/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The timeline's time axis, plain C: where a time is on screen at a zoom,
 * which ticks to draw, and their labels (milliseconds to days).
 */

/**
 * PwTimelineAxis:
 * @origin: the time at x = 0 of the time area (microseconds since the epoch)
 * @px_per_sec: the zoom
 */
typedef struct
{
  gint64 origin;
  double px_per_sec;
} PwTimelineAxis;

/* The widest and narrowest zooms: a microsecond-wide nothing is not worth
 * showing, and a month fits in a few hundred pixels at the other end. */
#define PW_TIMELINE_MIN_PX_PER_SEC (1.0 / 3600.0 / 24.0)
#define PW_TIMELINE_MAX_PX_PER_SEC 100000.0

double  pw_timeline_axis_x_of        (const PwTimelineAxis *axis,
                                      gint64                time);
gint64  pw_timeline_axis_time_at     (const PwTimelineAxis *axis,
                                      double                x);
gint64  pw_timeline_tick_step        (double                px_per_sec,
                                      double                min_spacing_px);
gint64  pw_timeline_first_tick       (gint64                run_start,
                                      gint64                from,
                                      gint64                step);
char   *pw_timeline_format_offset    (gint64                offset,
                                      gint64                step);
char   *pw_timeline_format_duration  (gint64                duration);

G_END_DECLS
