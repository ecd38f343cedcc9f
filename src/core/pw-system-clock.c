/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-system-clock"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-system-clock.h"

/* PwSystemClock: the real time, and GLib's timeouts. */

struct _PwSystemClock
{
  PwClock parent_instance;
};

G_DEFINE_FINAL_TYPE (PwSystemClock, pw_system_clock, PW_TYPE_CLOCK)

static GDateTime *
pw_system_clock_get_now (PwClock *clock)
{
  return g_date_time_new_now_utc ();
}

static gint64
pw_system_clock_get_real_time (PwClock *clock)
{
  return g_get_real_time ();
}

static GSource *
pw_system_clock_timeout_source_new (PwClock *clock,
                                    guint    interval_ms)
{
  return g_timeout_source_new (interval_ms);
}

static void
pw_system_clock_class_init (PwSystemClockClass *klass)
{
  PwClockClass *clock_class = PW_CLOCK_CLASS (klass);

  clock_class->get_now = pw_system_clock_get_now;
  clock_class->timeout_source_new = pw_system_clock_timeout_source_new;
  clock_class->get_real_time = pw_system_clock_get_real_time;
}

static void
pw_system_clock_init (PwSystemClock *self)
{
}

/**
 * pw_system_clock_new:
 *
 * Returns: (transfer full): a clock that tells the real time
 */
PwClock *
pw_system_clock_new (void)
{
  return g_object_new (PW_TYPE_SYSTEM_CLOCK, NULL);
}

/**
 * pw_system_clock_get_default:
 *
 * Returns: (transfer none): the process's system clock
 */
PwClock *
pw_system_clock_get_default (void)
{
  static PwClock *default_clock;

  if (g_once_init_enter (&default_clock))
    g_once_init_leave (&default_clock, pw_system_clock_new ());

  return default_clock;
}
