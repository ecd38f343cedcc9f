/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cron"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-cron.h"
#include "pw-tz.h"

/*
 * Next times of a cron expression in a time zone, across DST changes.
 *
 * The rule is the one Debian's cron (ISC/Vixie cron 3, cron(8)) documents
 * and implements in cron.c: when the clock jumps by less than three hours,
 *
 *  - a *fixed-time* job (no `*` and no step in its minute and hour fields)
 *    whose time falls in a spring-forward gap runs once, right after the
 *    gap (at the instant of the change); and one whose time falls in a
 *    repeated fall-back hour runs once, at its first pass;
 *  - every other job follows the wall clock as it is: a local time that
 *    does not exist is skipped, and a local time that the clock shows twice
 *    runs twice. So `0 * * * *` runs at 02:00 CEST and again at 02:00 CET
 *    when Berlin falls back, and `*∕15 * * * *` runs eight times in that
 *    hour; when the clock springs forward from 02:00 to 03:00 the 02:xx
 *    times of those jobs simply do not happen.
 *
 * Jumps of three hours or more (Samoa skipping 30 December 2011) are
 * clock changes to Vixie cron, not DST: nothing is caught up and nothing
 * is held back, every job follows the wall clock.
 *
 * The search walks the zone's periods of constant offset. Within a period
 * a wall-clock minute W is the instant W − offset, so the next match is a
 * pw_cron_find() over the period's wall-clock span; the DST rule only
 * changes where that span starts (a fixed-time job skips the wall times
 * the previous period already showed) and adds one candidate at a period's
 * start (a fixed-time job with a match in the gap before it).
 */

#define MAX_DST_JUMP (3 * 3600)

/* The first instant > @t in @period at which @cron runs, ≤ @limit. */
static gboolean
next_in_period (const PwCron     *cron,
                const PwTzPeriod *period,
                gint64            t,
                gint64            limit,
                gint64           *found)
{
  gint64 from = MAX (t + 1, period->start);
  gint64 to = MIN (period->end, limit + 1);
  gint32 jump = period->offset - period->prev_offset;
  gboolean dst_rule;
  gint64 lo_wall, minute;

  if (from >= to)
    return FALSE;

  dst_rule = cron->fixed_time && jump != 0 && ABS (jump) < MAX_DST_JUMP
             && period->start != G_MININT64;

  /* Spring forward: the wall times in [start + prev_offset, start +
   * offset) never happened. A fixed-time job due then runs at the change. */
  if (dst_rule && jump > 0 && period->start > t)
    {
      gint64 gap_lo = pw_tz_ceil_div (period->start + period->prev_offset, 60);
      gint64 gap_hi = pw_tz_ceil_div (period->start + period->offset, 60);

      if (pw_cron_find (cron, gap_lo, gap_hi, &minute))
        {
          *found = period->start;
          return TRUE;
        }
    }

  lo_wall = from + period->offset;

  /* Fall back: the wall times before start + prev_offset were shown by
   * the previous period; a fixed-time job ran at that first pass. */
  if (dst_rule && jump < 0)
    lo_wall = MAX (lo_wall, period->start + period->prev_offset);

  if (!pw_cron_find (cron, pw_tz_ceil_div (lo_wall, 60),
                     pw_tz_ceil_div (to + period->offset, 60), &minute))
    return FALSE;

  *found = minute * 60 - period->offset;
  return TRUE;
}

/**
 * pw_cron_next_times:
 * @cron: a parsed expression
 * @tz: the zone whose wall clock @cron reads
 * @after: an instant, seconds since the epoch
 * @n: how many times to return at most
 * @until: the last instant that may be returned
 *
 * The next up to @n instants strictly after @after (and not after @until)
 * at which @cron runs in @tz, with the DST rule described above.
 *
 * Returns: (transfer full) (element-type gint64): the instants in
 *   increasing order, in seconds since the epoch
 */
GArray *
pw_cron_next_times (const PwCron *cron,
                    GTimeZone    *tz,
                    gint64        after,
                    guint         n,
                    gint64        until)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (n, 1024));
  gint64 limit = MIN (until, PW_TZ_MAX_UNIX);
  gint64 t = MAX (after, PW_TZ_MIN_UNIX);
  PwTzPeriod period;

  if (cron->never || n == 0 || t >= limit)
    return out;

  pw_tz_period_at (tz, t, &period);

  while (out->len < n)
    {
      gint64 found;

      if (next_in_period (cron, &period, t, limit, &found))
        {
          g_array_append_val (out, found);
          t = found;
          continue;
        }

      if (!pw_tz_period_next (tz, &period) || period.start > limit)
        break;
    }

  return out;
}
