/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-schedule.h"

/*
 * Helpers of the schedule tests: run times as one line of text, either on
 * the schedule's own clock with the zone's abbreviation ("2026-03-29 03:00
 * CEST", which is how the DST cases are written by hand) or in UTC.
 */

static inline GDateTime *
test_schedule_parse_time (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

/* @dt on the clock of @tz (NULL: UTC). */
static inline char *
test_schedule_format (GDateTime *dt,
                      GTimeZone *tz)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, tz != NULL ? tz : utc);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *base = g_date_time_format (local, "%Y-%m-%d %H:%M");

  g_string_append (text, base);
  if (g_date_time_get_second (local) != 0 || g_date_time_get_microsecond (local) != 0)
    g_string_append_printf (text, ":%02d", g_date_time_get_second (local));
  if (g_date_time_get_microsecond (local) != 0)
    g_string_append_printf (text, ".%06d", g_date_time_get_microsecond (local));
  g_string_append_printf (text, " %s", g_date_time_get_timezone_abbreviation (local));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The next @n run times after @after (ISO 8601), comma-separated, on the
 * clock of @tz (NULL: the schedule's zone). */
static inline char *
test_schedule_next_in (PwSchedule *schedule,
                       const char *after,
                       guint       n,
                       const char *until,
                       GTimeZone  *tz)
{
  g_autoptr(GDateTime) a = test_schedule_parse_time (after);
  g_autoptr(GDateTime) u = until != NULL ? test_schedule_parse_time (until) : NULL;
  g_autoptr(GPtrArray) times = pw_schedule_get_next (schedule, a, n, u);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < times->len; i++)
    {
      GDateTime *t = g_ptr_array_index (times, i);
      g_autofree char *one = test_schedule_format (t, tz != NULL ? tz : pw_schedule_get_time_zone (schedule));

      /* The API promises UTC date-times in increasing order. */
      g_assert_cmpint (g_date_time_get_utc_offset (t), ==, 0);
      if (i > 0)
        g_assert_cmpint (g_date_time_compare (g_ptr_array_index (times, i - 1), t), <, 0);
      else
        g_assert_cmpint (g_date_time_compare (a, t), <, 0);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", one);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_next(schedule, after, n, expected)                                       \
  G_STMT_START {                                                                          \
    g_autofree char *__got = test_schedule_next_in ((schedule), (after), (n), NULL, NULL); \
    g_assert_cmpstr (__got, ==, (expected));                                               \
  } G_STMT_END

#define assert_next_until(schedule, after, n, until, expected)                             \
  G_STMT_START {                                                                            \
    g_autofree char *__got = test_schedule_next_in ((schedule), (after), (n), (until), NULL); \
    g_assert_cmpstr (__got, ==, (expected));                                                 \
  } G_STMT_END

static inline PwSchedule *
test_schedule_cron (const char *expr,
                    const char *tz,
                    gboolean    day_or)
{
  g_autoptr(GError) error = NULL;
  PwSchedule *schedule = pw_schedule_new_cron (expr, tz, day_or, &error);

  g_assert_no_error (error);
  g_assert_nonnull (schedule);
  return schedule;
}

/* Skips the test when the system has no tzdata for @zone. */
static inline gboolean
test_schedule_have_zone (const char *zone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  if (tz == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("no tzdata for %s (install tzdata)", zone);

      g_test_skip (msg);
      return FALSE;
    }
  return TRUE;
}
