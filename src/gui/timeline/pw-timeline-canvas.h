/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-timeline-layout.h"
#include "pw-timeline-paint.h"

G_BEGIN_DECLS

#define PW_TYPE_TIMELINE_CANVAS (pw_timeline_canvas_get_type ())
G_DECLARE_FINAL_TYPE (PwTimelineCanvas, pw_timeline_canvas, PW, TIMELINE_CANVAS, GtkWidget)

GtkWidget              *pw_timeline_canvas_new             (void);
void                    pw_timeline_canvas_set_layout      (PwTimelineCanvas *self,
                                                            PwTimelineLayout *layout);
const PwTimelineLayout *pw_timeline_canvas_get_layout      (PwTimelineCanvas *self);
void                    pw_timeline_canvas_set_now         (PwTimelineCanvas *self,
                                                            gint64            now);
double                  pw_timeline_canvas_get_zoom        (PwTimelineCanvas *self);
void                    pw_timeline_canvas_set_zoom        (PwTimelineCanvas *self,
                                                            double            px_per_sec,
                                                            double            anchor_x);
void                    pw_timeline_canvas_zoom_in         (PwTimelineCanvas *self);
void                    pw_timeline_canvas_zoom_out        (PwTimelineCanvas *self);
void                    pw_timeline_canvas_zoom_to_fit     (PwTimelineCanvas *self);
gboolean                pw_timeline_canvas_get_following   (PwTimelineCanvas *self);
void                    pw_timeline_canvas_get_paint_options (PwTimelineCanvas       *self,
                                                            PwTimelinePaintOptions *options);
const PwDagColors      *pw_timeline_canvas_get_colors      (PwTimelineCanvas *self);
int                     pw_timeline_canvas_get_selected_row (PwTimelineCanvas *self);
void                    pw_timeline_canvas_select_row      (PwTimelineCanvas *self,
                                                            int               row);
char                   *pw_timeline_canvas_describe        (PwTimelineCanvas *self,
                                                            int               row,
                                                            int               segment);
gboolean                _pw_timeline_canvas_query_tooltip  (PwTimelineCanvas *self,
                                                            int               x,
                                                            int               y,
                                                            gboolean          keyboard,
                                                            GtkTooltip       *tooltip);

G_END_DECLS
