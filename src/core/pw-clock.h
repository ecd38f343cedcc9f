/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PW_TYPE_CLOCK (pw_clock_get_type ())
G_DECLARE_DERIVABLE_TYPE (PwClock, pw_clock, PW, CLOCK, GObject)

/**
 * PwClockClass:
 * @get_now: returns the current time, in UTC
 * @timeout_source_new: returns a source that becomes ready once @interval_ms
 *   of this clock's time has passed, and again every @interval_ms while its
 *   callback returns %G_SOURCE_CONTINUE
 * @get_real_time: returns the current time in microseconds since the epoch
 *   (optional: derived from @get_now unless set)
 *
 * Where the engine and the scheduler take their time from: #PwSystemClock
 * in the program, #PwFakeClock in tests.
 */
struct _PwClockClass
{
  GObjectClass parent_class;

  GDateTime *(*get_now)            (PwClock *self);
  GSource   *(*timeout_source_new) (PwClock *self,
                                    guint    interval_ms);
  gint64     (*get_real_time)      (PwClock *self);

  gpointer padding[7];
};

GDateTime *pw_clock_get_now            (PwClock        *self);
gint64     pw_clock_get_real_time      (PwClock        *self);
GSource   *pw_clock_timeout_source_new (PwClock        *self,
                                        guint           interval_ms);
guint      pw_clock_timeout_add        (PwClock        *self,
                                        guint           interval_ms,
                                        GSourceFunc     func,
                                        gpointer        user_data,
                                        GDestroyNotify  notify);

G_END_DECLS
