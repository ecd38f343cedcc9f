/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GArray   *pw_interval_next_times     (gint64     anchor_usec,
                                      gint64     interval_usec,
                                      GTimeZone *tz,
                                      gint64     after_usec,
                                      guint      n,
                                      gint64     until_usec);
gboolean  pw_interval_is_whole_days  (gint64     interval_usec);

G_END_DECLS
