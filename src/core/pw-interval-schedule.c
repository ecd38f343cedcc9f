/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-schedule"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-interval-schedule.h"
#include "pw-tz.h"

/*
 * Interval schedules: the runs are anchor + k·interval for every integer k
 * (also before the anchor, which only sets the phase, as in Prefect).
 *
 * DST. Prefect 2.7 adds the interval with pendulum, split into days and
 * seconds, so that a daily interval keeps its local time across DST while
 * an hourly one stays 3600 real seconds apart. We do the same, computed
 * rather than stepped:
 *
 *  - an interval of whole days is calendar arithmetic in the schedule's
 *    zone: run k is at the anchor's local time, k·days later on the local
 *    calendar. A local time that a spring-forward gap skips is read with
 *    the offset from before the change (02:30 → 03:30, as pendulum and
 *    RFC 5545 do); one the clock shows twice is its first pass;
 *  - any other interval is absolute: k·interval seconds after the anchor,
 *    whatever the local clock does.
 *
 * Prefect finds the first k by adding k·interval as absolute seconds to
 * the anchor and then steps by days, so a daily schedule whose anchor lies
 * on the other side of a DST change drifts by an hour; computing each run
 * from the calendar keeps it at the anchor's local time.
 */

#define DAY_USEC (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
#define MAX_USEC (PW_TZ_MAX_UNIX * G_USEC_PER_SEC + (G_USEC_PER_SEC - 1))
#define MIN_USEC (PW_TZ_MIN_UNIX * G_USEC_PER_SEC)

/**
 * pw_interval_is_whole_days:
 * @interval_usec: an interval in microseconds
 *
 * Returns: whether the interval is a whole number of days, which makes it
 *   follow the local calendar rather than elapsed time
 */
gboolean
pw_interval_is_whole_days (gint64 interval_usec)
{
  return interval_usec > 0 && interval_usec % DAY_USEC == 0;
}

typedef struct
{
  GTimeZone *tz;
  gint64     anchor_wall;   /* seconds on the local clock */
  gint64     anchor_frac;   /* microseconds */
  gint64     days;
} Calendar;

/* Run @k of a whole-days schedule, or G_MAXINT64 / G_MININT64 past the
 * ends of the calendar. */
static gint64
calendar_run (const Calendar *cal,
              gint64          k)
{
  gint64 max_k = (PW_TZ_MAX_UNIX - cal->anchor_wall) / (cal->days * 86400);
  gint64 min_k = (PW_TZ_MIN_UNIX - cal->anchor_wall) / (cal->days * 86400);

  if (k > max_k)
    return G_MAXINT64;
  if (k < min_k)
    return G_MININT64;

  return pw_tz_wall_to_utc (cal->tz, cal->anchor_wall + k * cal->days * 86400)
         * G_USEC_PER_SEC + cal->anchor_frac;
}

/**
 * pw_interval_next_times:
 * @anchor_usec: the anchor, microseconds since the epoch
 * @interval_usec: the interval, microseconds, > 0
 * @tz: the schedule's zone
 * @after_usec: an instant
 * @n: how many runs to return at most
 * @until_usec: the last instant that may be returned
 *
 * The next up to @n runs strictly after @after_usec and not after
 * @until_usec.
 *
 * Returns: (transfer full) (element-type gint64): microseconds since the
 *   epoch, in increasing order
 */
GArray *
pw_interval_next_times (gint64     anchor_usec,
                        gint64     interval_usec,
                        GTimeZone *tz,
                        gint64     after_usec,
                        guint      n,
                        gint64     until_usec)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (n, 1024));
  gint64 limit = MIN (until_usec, MAX_USEC);
  gint64 after = MAX (after_usec, MIN_USEC);
  gint64 k;

  g_return_val_if_fail (interval_usec > 0, out);

  if (n == 0 || after >= limit)
    return out;

  k = pw_tz_floor_div (after - anchor_usec, interval_usec) + 1;

  if (!pw_interval_is_whole_days (interval_usec))
    {
      gint64 x = anchor_usec + k * interval_usec;

      while (out->len < n && x <= limit)
        {
          g_array_append_val (out, x);
          if (limit - x < interval_usec)
            break;
          x += interval_usec;
        }
    }
  else
    {
      Calendar cal;
      gint64 anchor_secs = pw_tz_floor_div (anchor_usec, G_USEC_PER_SEC);
      gint64 x;

      cal.tz = tz;
      cal.anchor_wall = anchor_secs + pw_tz_offset_at (tz, anchor_secs);
      cal.anchor_frac = anchor_usec - anchor_secs * G_USEC_PER_SEC;
      cal.days = interval_usec / DAY_USEC;

      /* k is right to within one: DST moves a run by hours, not days. */
      while (calendar_run (&cal, k - 1) > after)
        k--;
      while (calendar_run (&cal, k) <= after)
        k++;

      for (x = calendar_run (&cal, k); out->len < n && x <= limit; x = calendar_run (&cal, ++k))
        g_array_append_val (out, x);
    }

  return out;
}
