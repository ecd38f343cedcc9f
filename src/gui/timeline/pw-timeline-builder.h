/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-timeline-layout.h"

G_BEGIN_DECLS

/**
 * PwTimelineBuilderReady:
 * @layout: (transfer full): the new layout
 * @user_data: what was given to pw_timeline_builder_new()
 *
 * Called on the builder's thread with the layout of the latest request.
 */
typedef void (*PwTimelineBuilderReady) (PwTimelineLayout *layout,
                                        gpointer          user_data);

#define PW_TYPE_TIMELINE_BUILDER (pw_timeline_builder_get_type ())

G_DECLARE_FINAL_TYPE (PwTimelineBuilder, pw_timeline_builder, PW, TIMELINE_BUILDER, GObject)

PwTimelineBuilder *pw_timeline_builder_new          (PwTimelineBuilderReady  ready,
                                                     gpointer                user_data);
void               pw_timeline_builder_request      (PwTimelineBuilder      *self,
                                                     GListModel             *task_runs,
                                                     GPtrArray              *history,
                                                     gint64                  now);
void               pw_timeline_builder_cancel       (PwTimelineBuilder      *self);
gboolean           pw_timeline_builder_is_busy      (PwTimelineBuilder      *self);
guint              pw_timeline_builder_get_n_built   (PwTimelineBuilder      *self);
guint              pw_timeline_builder_get_n_dropped (PwTimelineBuilder      *self);

G_END_DECLS
