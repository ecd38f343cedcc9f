/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-clock"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-clock.h"

/*
 * PwClock: the time as the engine and the scheduler see it, and the timers
 * that wait for it. Code that asks a PwClock instead of GLib for the time
 * can be tested with a #PwFakeClock, whose time moves only when the test
 * says so.
 */

G_DEFINE_ABSTRACT_TYPE (PwClock, pw_clock, G_TYPE_OBJECT)

static gint64
pw_clock_real_get_real_time (PwClock *self)
{
  g_autoptr(GDateTime) now = pw_clock_get_now (self);

  return g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
}

static void
pw_clock_class_init (PwClockClass *klass)
{
  klass->get_real_time = pw_clock_real_get_real_time;
}

static void
pw_clock_init (PwClock *self)
{
}

/**
 * pw_clock_get_now:
 * @self: a #PwClock
 *
 * Returns: (transfer full): the current time of @self, in UTC
 */
GDateTime *
pw_clock_get_now (PwClock *self)
{
  g_return_val_if_fail (PW_IS_CLOCK (self), NULL);

  return PW_CLOCK_GET_CLASS (self)->get_now (self);
}

/**
 * pw_clock_get_real_time:
 * @self: a #PwClock
 *
 * Like g_get_real_time(), in the time of @self: cheaper than
 * pw_clock_get_now() where a #GDateTime is not needed.
 *
 * Returns: microseconds since the epoch, UTC
 */
gint64
pw_clock_get_real_time (PwClock *self)
{
  g_return_val_if_fail (PW_IS_CLOCK (self), 0);

  return PW_CLOCK_GET_CLASS (self)->get_real_time (self);
}

/**
 * pw_clock_timeout_source_new:
 * @self: a #PwClock
 * @interval_ms: the time to wait, in milliseconds of this clock
 *
 * Returns: (transfer full): a source, not yet attached, that becomes ready
 *   when @interval_ms have passed on @self
 */
GSource *
pw_clock_timeout_source_new (PwClock *self,
                             guint    interval_ms)
{
  g_return_val_if_fail (PW_IS_CLOCK (self), NULL);

  return PW_CLOCK_GET_CLASS (self)->timeout_source_new (self, interval_ms);
}

/**
 * pw_clock_timeout_add:
 * @self: a #PwClock
 * @interval_ms: the time to wait, in milliseconds of this clock
 * @func: called when the time has passed; returns %G_SOURCE_CONTINUE to be
 *   called again after the same interval
 * @user_data: data for @func
 * @notify: (nullable): frees @user_data when the source goes
 *
 * Like g_timeout_add_full(), on the default main context, in the time of
 * @self.
 *
 * Returns: the id of the source, for g_source_remove()
 */
guint
pw_clock_timeout_add (PwClock        *self,
                      guint           interval_ms,
                      GSourceFunc     func,
                      gpointer        user_data,
                      GDestroyNotify  notify)
{
  g_autoptr(GSource) source = NULL;

  g_return_val_if_fail (PW_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  source = pw_clock_timeout_source_new (self, interval_ms);
  g_source_set_callback (source, func, user_data, notify);

  return g_source_attach (source, NULL);
}
