/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-schedule-cron"

#include "config.h"

#include <gio/gio.h>

#include "pw-cron.h"
#include "pw-schedule.h"
#include "test-schedule-common.h"

/*
 * Cron schedules in UTC: every feature of the five fields, the macros,
 * day_or, month ends and leap days, and every way an expression can be
 * wrong. DST is in test-schedule-dst.c.
 */

#define U(s) s " UTC"

static void
check (const char *expr,
       gboolean    day_or,
       const char *after,
       guint       n,
       const char *expected)
{
  g_autoptr(PwSchedule) schedule = test_schedule_cron (expr, NULL, day_or);

  assert_next (schedule, after, n, expected);
  g_assert_finalize_object (g_steal_pointer (&schedule));
}

static void
test_star (void)
{
  check ("* * * * *", TRUE, "2026-05-04T10:00:30Z", 3,
         U ("2026-05-04 10:01") ", " U ("2026-05-04 10:02") ", " U ("2026-05-04 10:03"));
  check ("5 4 * * *", TRUE, "2026-05-04T04:05:00Z", 2,
         U ("2026-05-05 04:05") ", " U ("2026-05-06 04:05"));
  check ("0-59 0-23 1-31 1-12 0-6", TRUE, "2026-05-04T10:00:00Z", 2,
         U ("2026-05-04 10:01") ", " U ("2026-05-04 10:02"));
}

static void
test_ranges (void)
{
  check ("0 9-11 * * *", TRUE, "2026-05-04T08:00:00Z", 4,
         U ("2026-05-04 09:00") ", " U ("2026-05-04 10:00") ", " U ("2026-05-04 11:00") ", "
         U ("2026-05-05 09:00"));
  check ("58-59 23 31 12 *", TRUE, "2026-05-04T08:00:00Z", 3,
         U ("2026-12-31 23:58") ", " U ("2026-12-31 23:59") ", " U ("2027-12-31 23:58"));
}

static void
test_steps (void)
{
  check ("*/20 * * * *", TRUE, "2026-05-04T10:05:00Z", 3,
         U ("2026-05-04 10:20") ", " U ("2026-05-04 10:40") ", " U ("2026-05-04 11:00"));
  check ("10-30/10 * * * *", TRUE, "2026-05-04T10:00:00Z", 4,
         U ("2026-05-04 10:10") ", " U ("2026-05-04 10:20") ", " U ("2026-05-04 10:30") ", "
         U ("2026-05-04 11:10"));
  /* A/S runs from A to the end of the field, as in croniter. */
  check ("5/20 * * * *", TRUE, "2026-05-04T10:00:00Z", 4,
         U ("2026-05-04 10:05") ", " U ("2026-05-04 10:25") ", " U ("2026-05-04 10:45") ", "
         U ("2026-05-04 11:05"));
  check ("0 */6 * * *", TRUE, "2026-05-04T00:00:00Z", 4,
         U ("2026-05-04 06:00") ", " U ("2026-05-04 12:00") ", " U ("2026-05-04 18:00") ", "
         U ("2026-05-05 00:00"));
  /* Day-of-month steps start at 1. */
  check ("0 0 */10 * *", TRUE, "2026-05-01T00:00:00Z", 4,
         U ("2026-05-11 00:00") ", " U ("2026-05-21 00:00") ", " U ("2026-05-31 00:00") ", "
         U ("2026-06-01 00:00"));
  /* A step wider than the field only matches its start, as in cron. */
  check ("*/100 * * * *", TRUE, "2026-05-04T10:00:00Z", 2,
         U ("2026-05-04 11:00") ", " U ("2026-05-04 12:00"));
}

static void
test_lists (void)
{
  check ("0,15,45 * * * *", TRUE, "2026-05-04T10:00:00Z", 4,
         U ("2026-05-04 10:15") ", " U ("2026-05-04 10:45") ", " U ("2026-05-04 11:00") ", "
         U ("2026-05-04 11:15"));
  check ("0 8,12-14 * * *", TRUE, "2026-05-04T00:00:00Z", 5,
         U ("2026-05-04 08:00") ", " U ("2026-05-04 12:00") ", " U ("2026-05-04 13:00") ", "
         U ("2026-05-04 14:00") ", " U ("2026-05-05 08:00"));
  check ("0 0 1,15 * wed", TRUE, "2026-05-04T10:00:00Z", 3,
         U ("2026-05-06 00:00") ", " U ("2026-05-13 00:00") ", " U ("2026-05-15 00:00"));
}

static void
test_month_names (void)
{
  check ("0 0 1 JAN,jul *", TRUE, "2026-05-04T00:00:00Z", 3,
         U ("2026-07-01 00:00") ", " U ("2027-01-01 00:00") ", " U ("2027-07-01 00:00"));
  check ("0 0 1 mar-May *", TRUE, "2026-01-01T00:00:00Z", 4,
         U ("2026-03-01 00:00") ", " U ("2026-04-01 00:00") ", " U ("2026-05-01 00:00") ", "
         U ("2027-03-01 00:00"));
  check ("0 0 1 */3 *", TRUE, "2026-01-01T00:00:00Z", 4,
         U ("2026-04-01 00:00") ", " U ("2026-07-01 00:00") ", " U ("2026-10-01 00:00") ", "
         U ("2027-01-01 00:00"));
  check ("0 0 1 JAN-MAR/2 *", TRUE, "2026-01-01T00:00:00Z", 2,
         U ("2026-03-01 00:00") ", " U ("2027-01-01 00:00"));
}

static void
test_weekday_names (void)
{
  /* 2026-05-04 is a Monday. */
  check ("0 12 * * MON-FRI", TRUE, "2026-05-08T12:00:00Z", 2,
         U ("2026-05-11 12:00") ", " U ("2026-05-12 12:00"));
  check ("0 12 * * sat,Sun", TRUE, "2026-05-04T00:00:00Z", 3,
         U ("2026-05-09 12:00") ", " U ("2026-05-10 12:00") ", " U ("2026-05-16 12:00"));
  /* Tuesday to the end of the week, every other day: Tue, Thu, Sat. */
  check ("0 0 * * Tue/2", TRUE, "2026-05-04T00:00:00Z", 4,
         U ("2026-05-05 00:00") ", " U ("2026-05-07 00:00") ", " U ("2026-05-09 00:00") ", "
         U ("2026-05-12 00:00"));
}

static void
test_sunday (void)
{
  const char *sundays[] = { "0 0 * * 0", "0 0 * * 7", "0 0 * * SUN", "0 0 * * sun" };

  for (guint i = 0; i < G_N_ELEMENTS (sundays); i++)
    check (sundays[i], TRUE, "2026-05-04T00:00:00Z", 2,
           U ("2026-05-10 00:00") ", " U ("2026-05-17 00:00"));

  check ("0 0 * * 5-7", TRUE, "2026-05-04T00:00:00Z", 4,
         U ("2026-05-08 00:00") ", " U ("2026-05-09 00:00") ", " U ("2026-05-10 00:00") ", "
         U ("2026-05-15 00:00"));
  /* FRI-SUN reads as 5-7, as croniter reads it. */
  check ("0 0 * * FRI-SUN", TRUE, "2026-05-04T00:00:00Z", 4,
         U ("2026-05-08 00:00") ", " U ("2026-05-09 00:00") ", " U ("2026-05-10 00:00") ", "
         U ("2026-05-15 00:00"));
  /* 0-7 is every day, so it does not restrict the day of the month. */
  check ("0 0 1 * 0-7", TRUE, "2026-05-04T00:00:00Z", 2,
         U ("2026-06-01 00:00") ", " U ("2026-07-01 00:00"));
}

static void
test_macros (void)
{
  static const struct
  {
    const char *macro;
    const char *expected;
  } cases[] = {
    { "@hourly", U ("2026-05-04 11:00") ", " U ("2026-05-04 12:00") },
    { "@daily", U ("2026-05-05 00:00") ", " U ("2026-05-06 00:00") },
    { "@midnight", U ("2026-05-05 00:00") ", " U ("2026-05-06 00:00") },
    { "@DAILY", U ("2026-05-05 00:00") ", " U ("2026-05-06 00:00") },
    { "@weekly", U ("2026-05-10 00:00") ", " U ("2026-05-17 00:00") },
    { "@monthly", U ("2026-06-01 00:00") ", " U ("2026-07-01 00:00") },
    { "@yearly", U ("2027-01-01 00:00") ", " U ("2028-01-01 00:00") },
    { "@annually", U ("2027-01-01 00:00") ", " U ("2028-01-01 00:00") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check (cases[i].macro, TRUE, "2026-05-04T10:30:00Z", 2, cases[i].expected);
}

static void
test_day_or (void)
{
  /* Both day fields restricted: the 13th or a Friday (2026-05-01 is one). */
  check ("0 0 13 * 5", TRUE, "2026-05-01T00:00:00Z", 5,
         U ("2026-05-08 00:00") ", " U ("2026-05-13 00:00") ", " U ("2026-05-15 00:00") ", "
         U ("2026-05-22 00:00") ", " U ("2026-05-29 00:00"));
  /* day_or = false: Friday the 13th only. */
  check ("0 0 13 * 5", FALSE, "2026-01-01T00:00:00Z", 3,
         U ("2026-02-13 00:00") ", " U ("2026-03-13 00:00") ", " U ("2026-11-13 00:00"));
  /* A stepped day field is restricted (croniter's rule, which Prefect
   * uses): odd days or Mondays. */
  check ("0 0 */2 * 1", TRUE, "2026-05-16T00:00:00Z", 3,
         U ("2026-05-17 00:00") ", " U ("2026-05-18 00:00") ", " U ("2026-05-19 00:00"));
  /* A day field that holds every value is not: Mondays only. */
  check ("0 0 1-31 * 1", TRUE, "2026-05-04T00:00:00Z", 2,
         U ("2026-05-11 00:00") ", " U ("2026-05-18 00:00"));
}

static void
test_month_ends (void)
{
  check ("0 0 31 * *", TRUE, "2026-01-31T00:00:00Z", 6,
         U ("2026-03-31 00:00") ", " U ("2026-05-31 00:00") ", " U ("2026-07-31 00:00") ", "
         U ("2026-08-31 00:00") ", " U ("2026-10-31 00:00") ", " U ("2026-12-31 00:00"));
  check ("30 12 30 * *", TRUE, "2026-01-30T12:30:00Z", 2,
         U ("2026-03-30 12:30") ", " U ("2026-04-30 12:30"));
  check ("59 23 * * *", TRUE, "2026-12-31T23:58:00Z", 2,
         U ("2026-12-31 23:59") ", " U ("2027-01-01 23:59"));
  check ("0 0 1 1 *", TRUE, "2026-12-31T23:59:59Z", 1, U ("2027-01-01 00:00"));
  check ("0 0 28-31 2 *", TRUE, "2027-02-27T00:00:00Z", 4,
         U ("2027-02-28 00:00") ", " U ("2028-02-28 00:00") ", " U ("2028-02-29 00:00") ", "
         U ("2029-02-28 00:00"));
}

static void
test_leap_days (void)
{
  check ("0 0 29 2 *", TRUE, "2026-01-01T00:00:00Z", 3,
         U ("2028-02-29 00:00") ", " U ("2032-02-29 00:00") ", " U ("2036-02-29 00:00"));
  /* 2100 is not a leap year. */
  check ("0 0 29 2 *", TRUE, "2096-03-01T00:00:00Z", 1, U ("2104-02-29 00:00"));
  /* 29 February on a Monday. */
  check ("0 0 29 2 1", FALSE, "2026-01-01T00:00:00Z", 2,
         U ("2044-02-29 00:00") ", " U ("2072-02-29 00:00"));
  /* 29 February or a Monday in February. */
  check ("0 0 29 2 1", TRUE, "2026-01-31T00:00:00Z", 5,
         U ("2026-02-02 00:00") ", " U ("2026-02-09 00:00") ", " U ("2026-02-16 00:00") ", "
         U ("2026-02-23 00:00") ", " U ("2027-02-01 00:00"));
  check ("0 0 29 2 1", TRUE, "2028-02-27T00:00:00Z", 2,
         U ("2028-02-28 00:00") ", " U ("2028-02-29 00:00"));
}

static void
test_never (void)
{
  const char *never[] = { "0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 2 mon" };

  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    {
      g_autoptr(PwSchedule) schedule = test_schedule_cron (never[i], NULL, FALSE);
      g_autofree char *words = pw_schedule_describe (schedule);

      assert_next (schedule, "2026-01-01T00:00:00Z", 3, "");
      g_assert_true (g_str_has_prefix (words, "Never"));
    }

  /* With day_or, a Monday in February still matches. */
  check ("0 0 30 2 1", TRUE, "2026-01-01T00:00:00Z", 1, U ("2026-02-02 00:00"));
}

static void
test_strictly_after (void)
{
  check ("0 10 * * *", TRUE, "2026-05-04T10:00:00Z", 1, U ("2026-05-05 10:00"));
  check ("0 10 * * *", TRUE, "2026-05-04T09:59:59.999999Z", 1, U ("2026-05-04 10:00"));
  check ("* * * * *", TRUE, "2026-05-04T10:00:00.5Z", 1, U ("2026-05-04 10:01"));
  /* An instant given in another zone is the same instant. */
  check ("0 10 * * *", TRUE, "2026-05-04T11:30:00+02:00", 1, U ("2026-05-04 10:00"));
}

static void
test_until (void)
{
  g_autoptr(PwSchedule) schedule = test_schedule_cron ("0 * * * *", NULL, TRUE);
  g_autoptr(GDateTime) after = test_schedule_parse_time ("2026-05-04T10:00:00Z");
  g_autoptr(GPtrArray) none = NULL;

  /* until is inclusive. */
  assert_next_until (schedule, "2026-05-04T10:00:00Z", 10, "2026-05-04T13:00:00Z",
                     U ("2026-05-04 11:00") ", " U ("2026-05-04 12:00") ", "
                     U ("2026-05-04 13:00"));
  assert_next_until (schedule, "2026-05-04T10:00:00Z", 10, "2026-05-04T09:00:00Z", "");
  assert_next_until (schedule, "2026-05-04T10:00:00Z", 10, "2026-05-04T10:30:00Z", "");

  none = pw_schedule_get_next (schedule, after, 0, NULL);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_end_of_time (void)
{
  /* GDateTime ends with the year 9999, and so do schedules. */
  check ("0 0 1 1 *", TRUE, "9998-06-01T00:00:00Z", 5, U ("9999-01-01 00:00"));
  check ("59 23 31 12 *", TRUE, "9999-12-31T23:58:00Z", 5, U ("9999-12-31 23:59"));
}

static void
test_many (void)
{
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(GDateTime) after = test_schedule_parse_time ("2026-01-01T00:00:00Z");
  g_autoptr(GPtrArray) times = NULL;

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  schedule = test_schedule_cron ("*/7 9-17 * * mon-fri", "Europe/Berlin", TRUE);
  times = pw_schedule_get_next (schedule, after, 5000, NULL);

  /* 9 × 60 / 7 → 77 per weekday, in order and on weekdays. */
  g_assert_cmpuint (times->len, ==, 5000);
  for (guint i = 0; i < times->len; i++)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (g_ptr_array_index (times, i),
                                                            pw_schedule_get_time_zone (schedule));

      g_assert_cmpint (g_date_time_get_day_of_week (local), <=, 5);
      g_assert_cmpint (g_date_time_get_hour (local), >=, 9);
      g_assert_cmpint (g_date_time_get_hour (local), <=, 17);
      g_assert_cmpint (g_date_time_get_minute (local) % 7, ==, 0);
      if (i > 0)
        g_assert_cmpint (g_date_time_compare (g_ptr_array_index (times, i - 1),
                                              g_ptr_array_index (times, i)), <, 0);
    }
}

static void
test_whitespace (void)
{
  check ("  0\t3  * *   * ", TRUE, "2026-05-04T00:00:00Z", 1, U ("2026-05-04 03:00"));
}

static void
test_fixed_time (void)
{
  static const struct
  {
    const char *expr;
    gboolean    fixed;
  } cases[] = {
    { "30 2 * * *", TRUE },
    { "0,30 1-3 * * *", TRUE },
    { "0 0 */2 * *", TRUE },
    { "@daily", TRUE },
    { "@hourly", FALSE },
    { "0 * * * *", FALSE },
    { "*/15 2 * * *", FALSE },
    { "30 */2 * * *", FALSE },
    { "0-30/10 2 * * *", FALSE },
    { "5/20 2 * * *", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwCron) cron = pw_cron_parse (cases[i].expr, TRUE, &error);

      g_assert_no_error (error);
      g_assert_cmpint (cron->fixed_time, ==, cases[i].fixed);
    }
}

static void
test_errors (void)
{
  static const struct
  {
    const char *expr;
    const char *message;
  } cases[] = {
    { "60 * * * *", "cron field 1 (minute): 60 is out of range 0–59" },
    { "0 24 * * *", "cron field 2 (hour): 24 is out of range 0–23" },
    { "0 0 0 * *", "cron field 3 (day of month): 0 is out of range 1–31" },
    { "0 0 32 * *", "cron field 3 (day of month): 32 is out of range 1–31" },
    { "0 0 * 0 *", "cron field 4 (month): 0 is out of range 1–12" },
    { "0 0 * 13 *", "cron field 4 (month): 13 is out of range 1–12" },
    { "0 0 * * 8", "cron field 5 (day of week): 8 is out of range 0–7" },
    { "0 0-99999999 * * *", "cron field 2 (hour): 99999999 is out of range 0–23" },
    { "* * * *", "the cron expression “* * * *” has 4 fields; it needs 5: minute, hour, "
                 "day of month, month and day of week" },
    { "* * * * * *", "the cron expression “* * * * * *” has 6 fields; it needs 5: minute, "
                     "hour, day of month, month and day of week" },
    { "*", "the cron expression “*” has 1 field; it needs 5: minute, hour, day of month, "
           "month and day of week" },
    { "", "the cron expression is empty" },
    { "   ", "the cron expression is empty" },
    { "R * * * *", "cron field 1 (minute): random (R) and hashed (H) values are not supported" },
    { "0 H * * *", "cron field 2 (hour): random (R) and hashed (H) values are not supported" },
    { "H/5 * * * *", "cron field 1 (minute): random (R) and hashed (H) values are not supported" },
    { "H(0-29) * * * *", "cron field 1 (minute): random (R) and hashed (H) values are not supported" },
    { "0 0 * foo *", "cron field 4 (month): `foo` is not a number or a month name (JAN–DEC)" },
    { "0 0 * mon *", "cron field 4 (month): `mon` is not a number or a month name (JAN–DEC)" },
    { "0 0 * * funday", "cron field 5 (day of week): `funday` is not a number or a weekday name (SUN–SAT)" },
    { "0 0 * * jan", "cron field 5 (day of week): `jan` is not a number or a weekday name (SUN–SAT)" },
    { "0 0 mon * *", "cron field 3 (day of month): `mon` is not a number" },
    { "0 0 ? * *", "cron field 3 (day of month): `?` is not a number" },
    { "*/0 * * * *", "cron field 1 (minute): a step of 0 never advances" },
    { "1-5/0 * * * *", "cron field 1 (minute): a step of 0 never advances" },
    { "*/x * * * *", "cron field 1 (minute): step `x` is not a number" },
    { "*/-1 * * * *", "cron field 1 (minute): step `-1` is not a number" },
    { "*/ * * * *", "cron field 1 (minute): `*/` needs a step after “/”" },
    { "/5 * * * *", "cron field 1 (minute): `/5` needs a value before the step" },
    { "*/5000 * * * *", "cron field 1 (minute): step 5000 is out of range 1–1000" },
    { "5-1 * * * *", "cron field 1 (minute): range 5-1 runs backwards" },
    { "0 0 * DEC-JAN *", "cron field 4 (month): range DEC-JAN runs backwards" },
    { "-5 * * * *", "cron field 1 (minute): a value is missing" },
    { "5- * * * *", "cron field 1 (minute): a value is missing" },
    { "1-2-3 * * * *", "cron field 1 (minute): `2-3` is not a number" },
    { "1,,2 * * * *", "cron field 1 (minute): `1,,2` has an empty list item" },
    { "1, * * * *", "cron field 1 (minute): `1,` has an empty list item" },
    { "0 0 L * *", "cron field 3 (day of month): `L`: the last day (L) is not supported" },
    { "0 0 * * 5L", "cron field 5 (day of week): `5L`: the last day (L) is not supported" },
    { "0 0 15W * *", "cron field 3 (day of month): `15W`: the nearest weekday (W) is not supported" },
    { "0 0 * * 1#2", "cron field 5 (day of week): `1#2`: the nth weekday (#) is not supported" },
    { "@reboot", "unknown cron macro `@reboot`: use @hourly, @daily, @midnight, @weekly, "
                 "@monthly, @yearly or @annually" },
    { "@daily 5", "unknown cron macro `@daily 5`: use @hourly, @daily, @midnight, @weekly, "
                  "@monthly, @yearly or @annually" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwSchedule) schedule = pw_schedule_new_cron (cases[i].expr, NULL, TRUE, &error);

      g_test_message ("%s", cases[i].expr);
      g_assert_null (schedule);
      g_assert_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_CRON);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_timezones (void)
{
  static const struct
  {
    const char *tz;
    const char *message;
  } bad[] = {
    { "Mars/Olympus_Mons", "unknown time zone `Mars/Olympus_Mons`" },
    { "CET-1CEST", "unknown time zone `CET-1CEST`" },
    { "+05:30", "`+05:30` is not an IANA time zone name such as “Europe/Berlin”" },
    { "", "`` is not an IANA time zone name such as “Europe/Berlin”" },
    { "../../etc/passwd", "`../../etc/passwd` is not an IANA time zone name such as “Europe/Berlin”" },
    { "Europe/../Berlin", "`Europe/../Berlin` is not an IANA time zone name such as “Europe/Berlin”" },
    { "CET-1CEST,M3.5.0,M10.5.0/3",
      "`CET-1CEST,M3.5.0,M10.5.0/3` is not an IANA time zone name such as “Europe/Berlin”" },
  };
  const char *good[] = { "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Etc/GMT+5" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwSchedule) schedule = pw_schedule_new_cron ("0 3 * * *", bad[i].tz, TRUE, &error);

      g_assert_null (schedule);
      g_assert_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_TIMEZONE);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(PwSchedule) schedule = test_schedule_cron ("0 3 * * *", good[i], TRUE);

      g_assert_cmpstr (pw_schedule_get_timezone (schedule), ==, good[i]);
    }

  /* No zone is UTC. */
  {
    g_autoptr(PwSchedule) schedule = test_schedule_cron ("0 3 * * *", NULL, TRUE);

    g_assert_cmpstr (pw_schedule_get_timezone (schedule), ==, "UTC");
  }
  /* Asia/Kolkata is UTC+05:30: 03:00 there is 21:30 UTC the day before. */
  {
    g_autoptr(PwSchedule) schedule = test_schedule_cron ("0 3 * * *", "Asia/Kolkata", TRUE);
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autofree char *got = test_schedule_next_in (schedule, "2026-05-04T00:00:00Z", 1, NULL, utc);

    g_assert_cmpstr (got, ==, U ("2026-05-04 21:30"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Schedule/cron/star", test_star);
  g_test_add_func ("/Schedule/cron/ranges", test_ranges);
  g_test_add_func ("/Schedule/cron/steps", test_steps);
  g_test_add_func ("/Schedule/cron/lists", test_lists);
  g_test_add_func ("/Schedule/cron/month-names", test_month_names);
  g_test_add_func ("/Schedule/cron/weekday-names", test_weekday_names);
  g_test_add_func ("/Schedule/cron/sunday", test_sunday);
  g_test_add_func ("/Schedule/cron/macros", test_macros);
  g_test_add_func ("/Schedule/cron/day-or", test_day_or);
  g_test_add_func ("/Schedule/cron/month-ends", test_month_ends);
  g_test_add_func ("/Schedule/cron/leap-days", test_leap_days);
  g_test_add_func ("/Schedule/cron/never", test_never);
  g_test_add_func ("/Schedule/cron/strictly-after", test_strictly_after);
  g_test_add_func ("/Schedule/cron/until", test_until);
  g_test_add_func ("/Schedule/cron/end-of-time", test_end_of_time);
  g_test_add_func ("/Schedule/cron/many", test_many);
  g_test_add_func ("/Schedule/cron/whitespace", test_whitespace);
  g_test_add_func ("/Schedule/cron/fixed-time", test_fixed_time);
  g_test_add_func ("/Schedule/cron/errors", test_errors);
  g_test_add_func ("/Schedule/cron/timezones", test_timezones);

  return g_test_run ();
}
