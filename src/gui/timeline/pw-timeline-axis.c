/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-timeline"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-timeline-axis.h"

/*
 * Ticks are time since the run's start ("+1 min 30 s"), at steps people
 * count in: 1, 2, 5 of a unit below a second; 1, 2, 5, 10, 15, 30 seconds
 * and minutes; 1, 2, 3, 6, 12 hours; then days. The step is the smallest
 * of them that keeps labels a minimum distance apart.
 */

#define MS  ((gint64)1000)
#define SEC ((gint64)G_USEC_PER_SEC)
#define MIN_ (60 * SEC)
#define HOUR (60 * MIN_)
#define DAY (24 * HOUR)

static const gint64 steps[] = {
  1 * MS, 2 * MS, 5 * MS, 10 * MS, 20 * MS, 50 * MS, 100 * MS, 200 * MS, 500 * MS,
  1 * SEC, 2 * SEC, 5 * SEC, 10 * SEC, 15 * SEC, 30 * SEC,
  1 * MIN_, 2 * MIN_, 5 * MIN_, 10 * MIN_, 15 * MIN_, 30 * MIN_,
  1 * HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  1 * DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY,
};

double
pw_timeline_axis_x_of (const PwTimelineAxis *axis,
                       gint64                time)
{
  return (double)(time - axis->origin) / SEC * axis->px_per_sec;
}

gint64
pw_timeline_axis_time_at (const PwTimelineAxis *axis,
                          double                x)
{
  return axis->origin + (gint64)llround (x / axis->px_per_sec * SEC);
}

/**
 * pw_timeline_tick_step:
 * @px_per_sec: the zoom
 * @min_spacing_px: the least room between two ticks
 *
 * Returns: the time between two ticks, in microseconds
 */
gint64
pw_timeline_tick_step (double px_per_sec,
                       double min_spacing_px)
{
  g_return_val_if_fail (px_per_sec > 0, DAY);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if ((double)steps[i] / SEC * px_per_sec >= min_spacing_px)
      return steps[i];
  return steps[G_N_ELEMENTS (steps) - 1];
}

/**
 * pw_timeline_first_tick:
 * @run_start: the time ticks count from
 * @from: the earliest time on screen
 * @step: the tick step
 *
 * Returns: the first tick at or after @from (a multiple of @step after
 *   @run_start)
 */
gint64
pw_timeline_first_tick (gint64 run_start,
                        gint64 from,
                        gint64 step)
{
  gint64 offset = from - run_start;
  gint64 n = offset / step;

  if (n * step < offset)
    n++;
  return run_start + n * step;
}

/**
 * pw_timeline_format_offset:
 * @offset: the time since the run's start (may be negative)
 * @step: the tick step, which decides the precision
 *
 * Returns: (transfer full): a tick label: “0”, “250 ms”, “1.5 s”,
 *   “45 s”, “2 min 30 s”, “1 h 15 min”, “2 d 6 h”
 */
char *
pw_timeline_format_offset (gint64 offset,
                           gint64 step)
{
  const char *sign = offset < 0 ? "−" : "";
  gint64 t = ABS (offset);

  if (t == 0)
    return g_strdup ("0");

  if (step < SEC)
    {
      /* Tenths of a second as seconds throughout (“0.5 s”, “1.0 s”); finer
       * steps in milliseconds up to a second. */
      if (t < SEC && step < 100 * MS)
        return g_strdup_printf (_("%s%d ms"), sign, (int) (t / MS));
      else
        {
          int decimals = step >= 100 * MS ? 1 : step >= 10 * MS ? 2 : 3;

          return g_strdup_printf (_("%s%.*f s"), sign, decimals, (double)t / SEC);
        }
    }
  if (step < MIN_)
    {
      if (t < MIN_)
        return g_strdup_printf (_("%s%d s"), sign, (int) (t / SEC));
      if (t % MIN_ == 0)
        return g_strdup_printf (_("%s%d min"), sign, (int) (t / MIN_));
      return g_strdup_printf (_("%s%d min %d s"), sign,
                              (int) (t / MIN_), (int) ((t % MIN_) / SEC));
    }
  if (step < HOUR)
    {
      if (t < HOUR)
        return g_strdup_printf (_("%s%d min"), sign, (int) (t / MIN_));
      if (t % HOUR == 0)
        return g_strdup_printf (_("%s%d h"), sign, (int) (t / HOUR));
      return g_strdup_printf (_("%s%d h %d min"), sign,
                              (int) (t / HOUR), (int) ((t % HOUR) / MIN_));
    }
  if (step < DAY)
    {
      if (t < DAY)
        return g_strdup_printf (_("%s%d h"), sign, (int) (t / HOUR));
      if (t % DAY == 0)
        return g_strdup_printf (_("%s%d d"), sign, (int) (t / DAY));
      return g_strdup_printf (_("%s%d d %d h"), sign,
                              (int) (t / DAY), (int) ((t % DAY) / HOUR));
    }
  return g_strdup_printf (_("%s%d d"), sign, (int) (t / DAY));
}

/**
 * pw_timeline_format_duration:
 * @duration: a duration in microseconds
 *
 * Returns: (transfer full): the duration for a tooltip, to two units:
 *   “12 ms”, “3.4 s”, “2 min 5 s”, “1 h 2 min”, “3 d 4 h”
 */
char *
pw_timeline_format_duration (gint64 duration)
{
  gint64 t = MAX (duration, 0);

  if (t < SEC)
    return g_strdup_printf (_("%d ms"), (int) (t / MS));
  if (t < 10 * SEC)
    return g_strdup_printf (_("%.1f s"), (double)t / SEC);
  if (t < MIN_)
    return g_strdup_printf (_("%d s"), (int) (t / SEC));
  if (t < HOUR)
    return g_strdup_printf (_("%d min %d s"),
                            (int) (t / MIN_), (int) ((t % MIN_) / SEC));
  if (t < DAY)
    return g_strdup_printf (_("%d h %d min"),
                            (int) (t / HOUR), (int) ((t % HOUR) / MIN_));
  return g_strdup_printf (_("%d d %d h"),
                          (int) (t / DAY), (int) ((t % DAY) / HOUR));
}
