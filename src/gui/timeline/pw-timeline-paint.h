/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "pw-dag-export.h"
#include "pw-dag-paint.h"
#include "pw-timeline-axis.h"
#include "pw-timeline-layout.h"

G_BEGIN_DECLS

/*
 * Drawing the timeline with cairo (no GTK): the widget, the export and the
 * benchmark share it. The time area starts at @label_width; the task names
 * are drawn last, over it, so that they stay put while time scrolls.
 */

#define PW_TIMELINE_HEADER_HEIGHT 30.0
#define PW_TIMELINE_ROW_HEIGHT    28.0
#define PW_TIMELINE_BAR_HEIGHT    16.0
#define PW_TIMELINE_WAIT_HEIGHT   6.0
#define PW_TIMELINE_MIN_BAR_PX    2.0
#define PW_TIMELINE_TICK_SPACING  96.0
#define PW_TIMELINE_LABEL_MIN     120.0
#define PW_TIMELINE_LABEL_MAX     280.0

/**
 * PwTimelinePaintOptions:
 * @colors: the colours (the canvas's palette)
 * @pango: (nullable): the context for text, or %NULL to make one
 * @axis: the zoom; @axis.origin is the time at x = @label_width
 * @width: the width drawn
 * @height: the height drawn
 * @label_width: the width of the task names' column
 * @scroll_y: how far the rows are scrolled, in pixels
 * @run_start: the time the ticks count from
 * @hover_row: the row under the pointer, or -1
 * @hover_segment: the segment under the pointer, or -1
 * @selected_row: the row with the keyboard focus, or -1
 */
typedef struct
{
  const PwDagColors *colors;
  PangoContext       *pango;
  PwTimelineAxis      axis;
  double              width;
  double              height;
  double              label_width;
  double              scroll_y;
  gint64              run_start;
  int                 hover_row;
  int                 hover_segment;
  int                 selected_row;
} PwTimelinePaintOptions;

void     pw_timeline_paint_options_init (PwTimelinePaintOptions       *options,
                                         const PwDagColors            *colors);
double   pw_timeline_label_width        (const PwTimelineLayout       *layout,
                                         PangoContext                 *pango);
gboolean pw_timeline_same_labels        (const PwTimelineLayout       *a,
                                         const PwTimelineLayout       *b);
void     pw_timeline_paint              (cairo_t                      *cr,
                                         const PwTimelineLayout       *layout,
                                         const PwTimelinePaintOptions *options);
void     pw_timeline_segment_color      (const PwTimelineSegment      *segment,
                                         const PwDagColors            *colors,
                                         PwDagColor                   *color);
gboolean pw_timeline_hit                (const PwTimelineLayout       *layout,
                                         const PwTimelinePaintOptions *options,
                                         double                        x,
                                         double                        y,
                                         int                          *out_row,
                                         int                          *out_segment);
double   pw_timeline_content_height     (const PwTimelineLayout       *layout);
gboolean pw_timeline_export             (const PwTimelineLayout       *layout,
                                         const PwDagColors            *colors,
                                         PangoContext                 *pango,
                                         GFile                        *file,
                                         PwDagExportFormat             format,
                                         GError                      **error);

G_END_DECLS
