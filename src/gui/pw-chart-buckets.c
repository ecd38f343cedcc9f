/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-chart-buckets"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-chart-buckets.h"

static gint64
to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static GDateTime *
from_usec (gint64     usec,
           GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (utc, usec % G_USEC_PER_SEC);

  return g_date_time_to_timezone (exact, tz);
}

/**
 * pw_chart_buckets_new:
 * @range: how far back the chart goes
 * @now: the current time, in the time zone to align the buckets to
 *
 * Buckets end at the first boundary after @now: the next full hour (day
 * range), the next 00:00, 06:00, 12:00 or 18:00 (week range) or the next
 * midnight (month range), on @now's local clock. Quarters and days are
 * those of the calendar: 5 or 7, 23 or 25 hours long when daylight saving
 * time begins or ends.
 *
 * Returns: (transfer full) (element-type PwChartBucket): the buckets,
 *   oldest first
 */
/* The start of the @slot-th bucket of @hours hours counted from local
 * midnight of @day (negative and large slots reach other days). */
static GDateTime *
slot_start (GDateTime *day,
            int        slot,
            guint      hours)
{
  int per_day = (int)(24 / hours);
  int day_offset = slot >= 0 ? slot / per_day : -((-slot + per_day - 1) / per_day);
  int in_day = slot - day_offset * per_day;
  g_autoptr(GDateTime) date = g_date_time_add_days (day, day_offset);

  return g_date_time_new (g_date_time_get_timezone (day),
                          g_date_time_get_year (date), g_date_time_get_month (date),
                          g_date_time_get_day_of_month (date), in_day * (int)hours, 0, 0);
}

GArray *
pw_chart_buckets_new (PwChartRange  range,
                      GDateTime    *now)
{
  GTimeZone *tz = g_date_time_get_timezone (now);
  GArray *buckets = g_array_new (FALSE, FALSE, sizeof (PwChartBucket));
  g_autoptr(GDateTime) midnight = NULL;
  guint n, hours;
  int last_slot;

  switch (range)
    {
    case PW_CHART_RANGE_DAY:
      n = 24;
      hours = 1;
      break;

    case PW_CHART_RANGE_WEEK:
      n = 28;
      hours = 6;
      break;

    case PW_CHART_RANGE_MONTH:
    default:
      n = 30;
      hours = 24;
      break;
    }

  midnight = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), 0, 0, 0);
  last_slot = g_date_time_get_hour (now) / (int)hours;

  g_array_set_size (buckets, n);

  if (range == PW_CHART_RANGE_DAY)
    {
      /* Hours on the absolute clock: the hour that repeats when daylight
       * saving time ends is two bars, the one that is skipped none. */
      g_autoptr(GDateTime) hour = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                                                   g_date_time_get_day_of_month (now),
                                                   g_date_time_get_hour (now), 0, 0);
      gint64 end = to_usec (hour) + 3600 * (gint64)G_USEC_PER_SEC;

      for (guint i = 0; i < n; i++)
        {
          PwChartBucket *bucket = &g_array_index (buckets, PwChartBucket, i);

          bucket->end = end - (gint64)(n - 1 - i) * 3600 * G_USEC_PER_SEC;
          bucket->start = bucket->end - 3600 * (gint64)G_USEC_PER_SEC;
        }
      return buckets;
    }

  /* Quarters of a day and days on the local calendar: 00:00, 06:00 …;
   * across a change of daylight saving time a bar is an hour shorter or
   * longer. */
  for (guint i = 0; i < n; i++)
    {
      PwChartBucket *bucket = &g_array_index (buckets, PwChartBucket, i);
      int slot = last_slot - (int)(n - 1 - i);
      g_autoptr(GDateTime) start = slot_start (midnight, slot, hours);
      g_autoptr(GDateTime) end = slot_start (midnight, slot + 1, hours);

      bucket->start = to_usec (start);
      bucket->end = to_usec (end);
    }

  return buckets;
}

/**
 * pw_chart_buckets_find:
 * @buckets: (element-type PwChartBucket): buckets from pw_chart_buckets_new()
 * @usec: a time in microseconds since the epoch
 *
 * Returns: the index of the bucket that holds @usec, or -1
 */
int
pw_chart_buckets_find (GArray *buckets,
                       gint64  usec)
{
  guint lo = 0, hi = buckets->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const PwChartBucket *bucket = &g_array_index (buckets, PwChartBucket, mid);

      if (usec < bucket->start)
        hi = mid;
      else if (usec >= bucket->end)
        lo = mid + 1;
      else
        return (int)mid;
    }

  return -1;
}

/**
 * pw_chart_bucket_tick_label:
 * @tz: the time zone the buckets were aligned in
 *
 * Returns: (transfer full) (nullable): the axis label under @bucket, or
 *   %NULL for a bucket without one: every 6 hours (day range), each day
 *   (week range), each Monday (month range)
 */
char *
pw_chart_bucket_tick_label (PwChartRange         range,
                            const PwChartBucket *bucket,
                            GTimeZone           *tz)
{
  g_autoptr(GDateTime) start = from_usec (bucket->start, tz);

  switch (range)
    {
    case PW_CHART_RANGE_DAY:
      if (g_date_time_get_hour (start) % 6 != 0)
        return NULL;
      /* Translators: an hour under the runs chart, see the GDateTime format docs */
      return g_date_time_format (start, _("%H:%M"));

    case PW_CHART_RANGE_WEEK:
      if (g_date_time_get_hour (start) != 0)
        return NULL;
      /* Translators: a day under the runs chart, see the GDateTime format docs */
      return g_date_time_format (start, _("%a %-d"));

    case PW_CHART_RANGE_MONTH:
    default:
      if (g_date_time_get_day_of_week (start) != 1)
        return NULL;
      /* Translators: a day under the runs chart, see the GDateTime format docs */
      return g_date_time_format (start, _("%b %-d"));
    }
}

/**
 * pw_chart_bucket_describe:
 *
 * Returns: (transfer full): the time span of @bucket, for its tooltip
 */
char *
pw_chart_bucket_describe (PwChartRange         range,
                          const PwChartBucket *bucket,
                          GTimeZone           *tz)
{
  g_autoptr(GDateTime) start = from_usec (bucket->start, tz);
  g_autoptr(GDateTime) end = from_usec (bucket->end, tz);
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  /* Translators: a day in the runs chart's tooltip, see the GDateTime format docs */
  day = g_date_time_format (start, _("%a, %b %-d"));
  if (range == PW_CHART_RANGE_MONTH)
    return g_steal_pointer (&day);

  from = g_date_time_format (start, "%H:%M");
  to = g_date_time_format (end, "%H:%M");
  /* Translators: a day and a span of hours, like “Mon, Mar 9, 06:00–12:00” */
  return g_strdup_printf (_("%s, %s–%s"), day, from, to);
}

/**
 * pw_chart_group_state_types:
 *
 * Returns: the PW_STATE_TYPE_MASK() bits of the state types in @group
 */
guint
pw_chart_group_state_types (PwChartGroup group)
{
  switch (group)
    {
    case PW_CHART_GROUP_COMPLETED:
      return PW_STATE_TYPE_MASK (PW_STATE_TYPE_COMPLETED);
    case PW_CHART_GROUP_FAILED:
      return PW_STATE_TYPE_MASK (PW_STATE_TYPE_FAILED) | PW_STATE_TYPE_MASK (PW_STATE_TYPE_CRASHED);
    case PW_CHART_GROUP_CANCELLED:
      return PW_STATE_TYPE_MASK (PW_STATE_TYPE_CANCELLED) | PW_STATE_TYPE_MASK (PW_STATE_TYPE_CANCELLING);
    case PW_CHART_GROUP_RUNNING:
      return PW_STATE_TYPE_MASK (PW_STATE_TYPE_RUNNING) | PW_STATE_TYPE_MASK (PW_STATE_TYPE_PENDING) |
             PW_STATE_TYPE_MASK (PW_STATE_TYPE_PAUSED);
    case PW_CHART_GROUP_SCHEDULED:
    default:
      return PW_STATE_TYPE_MASK (PW_STATE_TYPE_SCHEDULED);
    }
}

PwChartGroup
pw_chart_group_for_type (PwStateType type)
{
  for (guint group = 0; group < PW_N_CHART_GROUPS; group++)
    if (pw_chart_group_state_types (group) & PW_STATE_TYPE_MASK (type))
      return group;

  return PW_CHART_GROUP_SCHEDULED;
}

/**
 * pw_chart_group_name:
 *
 * Returns: the translated name of @group, for the legend and tooltips
 */
const char *
pw_chart_group_name (PwChartGroup group)
{
  switch (group)
    {
    case PW_CHART_GROUP_COMPLETED:
      return _("Completed");
    case PW_CHART_GROUP_FAILED:
      return _("Failed");
    case PW_CHART_GROUP_CANCELLED:
      return _("Cancelled");
    case PW_CHART_GROUP_RUNNING:
      return _("Running");
    case PW_CHART_GROUP_SCHEDULED:
    default:
      return _("Scheduled");
    }
}

/**
 * pw_chart_group_css_name:
 *
 * Returns: the name the stylesheet knows @group by (“completed” …)
 */
const char *
pw_chart_group_css_name (PwChartGroup group)
{
  static const char * const names[] = {
    "completed", "failed", "cancelled", "running", "scheduled",
  };

  return group < G_N_ELEMENTS (names) ? names[group] : "scheduled";
}

/**
 * pw_chart_nice_max:
 *
 * Returns: the top of the axis for bars up to @max: the smallest of 1, 2,
 *   5, 10, 20, 50 … that is at least @max (at least 1)
 */
guint
pw_chart_nice_max (guint max)
{
  guint64 scale = 1;

  if (max <= 1)
    return 1;

  for (;;)
    {
      if (max <= scale)
        return (guint)scale;
      if (max <= 2 * scale)
        return (guint)(2 * scale);
      if (max <= 5 * scale)
        return (guint)(5 * scale);
      scale *= 10;
      if (scale > G_MAXUINT / 10)
        return G_MAXUINT;
    }
}

/**
 * pw_chart_bar_geometry:
 * @n_bars: how many bars share @width
 * @width: the width of the plot
 * @index: a bar
 * @x: (out): where the bar starts
 * @bar_width: (out): how wide it is
 *
 * Each bar gets an equal slot; a gap of a fifth of the slot (1 to 6
 * pixels) separates neighbours.
 */
void
pw_chart_bar_geometry (guint   n_bars,
                       double  width,
                       guint   index,
                       double *x,
                       double *bar_width)
{
  double slot = n_bars > 0 ? width / n_bars : width;
  double gap = CLAMP (slot / 5.0, 1.0, 6.0);

  if (slot - gap < 1.0)
    gap = 0;

  *x = index * slot + gap / 2.0;
  *bar_width = MAX (0.0, slot - gap);
}

/**
 * pw_chart_hit_test:
 *
 * Returns: the bar whose slot holds @x, or -1 outside the plot
 */
int
pw_chart_hit_test (guint  n_bars,
                   double width,
                   double x)
{
  int index;

  if (n_bars == 0 || width <= 0 || x < 0 || x >= width)
    return -1;

  index = (int)floor (x / (width / n_bars));
  return CLAMP (index, 0, (int)n_bars - 1);
}
