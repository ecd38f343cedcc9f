/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Time-zone and calendar helpers for the schedules. Instants are seconds
 * since the Unix epoch in UTC; a "wall" time is the same count read off the
 * local clock (UTC seconds + the zone's offset), so that calendar arithmetic
 * on it needs no time zone at all.
 */

/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what GDateTime can hold. */
#define PW_TZ_MIN_UNIX G_GINT64_CONSTANT (-62135596800)
#define PW_TZ_MAX_UNIX G_GINT64_CONSTANT (253402300799)

/**
 * PwTzPeriod:
 * @start: the first second of the period, or %G_MININT64 when it is not
 *   known (the offset last changed centuries ago)
 * @end: the first second after the period, or %G_MAXINT64 when the offset
 *   never changes again
 * @offset: the zone's offset from UTC in the period, in seconds
 * @prev_offset: the offset just before @start (equal to @offset when @start
 *   is %G_MININT64)
 *
 * A stretch of time during which a zone keeps one offset from UTC.
 */
typedef struct
{
  gint64 start;
  gint64 end;
  gint32 offset;
  gint32 prev_offset;
} PwTzPeriod;

gint64     pw_tz_floor_div          (gint64      a,
                                     gint64      b);
gint64     pw_tz_ceil_div           (gint64      a,
                                     gint64      b);

gint64     pw_tz_days_from_civil    (gint        year,
                                     gint        month,
                                     gint        day);
void       pw_tz_civil_from_days    (gint64      days,
                                     gint       *year,
                                     gint       *month,
                                     gint       *day);
gint       pw_tz_days_in_month      (gint        year,
                                     gint        month);
gint       pw_tz_weekday            (gint64      days);

gboolean   pw_tz_is_iana_name       (const char *identifier);
GTimeZone *pw_tz_lookup             (const char *identifier,
                                     GError    **error);

gint32     pw_tz_offset_at          (GTimeZone  *tz,
                                     gint64      utc);
void       pw_tz_period_at          (GTimeZone  *tz,
                                     gint64      utc,
                                     PwTzPeriod *period);
gboolean   pw_tz_period_next        (GTimeZone  *tz,
                                     PwTzPeriod *period);
gint64     pw_tz_wall_to_utc        (GTimeZone  *tz,
                                     gint64      wall);

gint64     pw_tz_date_time_to_usec  (GDateTime  *dt);
GDateTime *pw_tz_date_time_from_usec (gint64     usec);

G_END_DECLS
