/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-schedule-dst"

#include "config.h"

#include <gio/gio.h>

#include "pw-schedule.h"
#include "test-schedule-common.h"

/*
 * Schedules across DST changes, written by hand from the rule Debian's
 * cron (ISC/Vixie) documents, not from croniter (Debian's 1.3.5 is wrong
 * here: it runs a daily 01:30 job on New York's fall-back day at 02:30 the
 * next day). Times are on the schedule's own clock, with the zone's
 * abbreviation telling the two passes of a repeated hour apart.
 *
 * - A fixed-time job whose time falls in a spring-forward gap runs once,
 *   right after the gap; one in a repeated fall-back hour runs once, at
 *   its first pass.
 * - A job with `*` or a step in its minute or hour field follows the wall
 *   clock: times in a gap do not happen, times in a repeated hour happen in
 *   both passes.
 *
 * 2026: Berlin springs forward on 29 March (02:00 CET → 03:00 CEST) and
 * falls back on 25 October (03:00 CEST → 02:00 CET); New York on 8 March
 * (02:00 EST → 03:00 EDT) and 1 November (02:00 EDT → 01:00 EST).
 */

static void
check (const char *expr,
       const char *tz,
       const char *after,
       guint       n,
       const char *expected)
{
  g_autoptr(PwSchedule) schedule = NULL;

  if (!test_schedule_have_zone (tz))
    return;
  schedule = test_schedule_cron (expr, tz, TRUE);
  assert_next (schedule, after, n, expected);
}

/* --- Berlin, spring forward: 02:00–02:59 on 29 March does not exist --- */

static void
test_berlin_spring_fixed (void)
{
  /* 02:30 does not happen on the 29th: the job runs at 03:00 CEST. */
  check ("30 2 * * *", "Europe/Berlin", "2026-03-27T12:00:00Z", 3,
         "2026-03-28 02:30 CET, 2026-03-29 03:00 CEST, 2026-03-30 02:30 CEST");
  check ("0 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 2,
         "2026-03-29 03:00 CEST, 2026-03-30 02:00 CEST");
  /* Two times in the gap still make one run. */
  check ("15,45 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 3,
         "2026-03-29 03:00 CEST, 2026-03-30 02:15 CEST, 2026-03-30 02:45 CEST");
  /* A time in the gap and the time right after it: one run at 03:00. */
  check ("0 2,3 * * *", "Europe/Berlin", "2026-03-27T12:00:00Z", 5,
         "2026-03-28 02:00 CET, 2026-03-28 03:00 CET, 2026-03-29 03:00 CEST, "
         "2026-03-30 02:00 CEST, 2026-03-30 03:00 CEST");
  /* Only on days the job runs: Sundays yes (the 29th is one)… */
  check ("30 2 * * 0", "Europe/Berlin", "2026-03-28T12:00:00Z", 2,
         "2026-03-29 03:00 CEST, 2026-04-05 02:30 CEST");
  /* …Mondays no. */
  check ("30 2 * * 1", "Europe/Berlin", "2026-03-28T12:00:00Z", 1, "2026-03-30 02:30 CEST");
  /* Times around the gap are not disturbed. */
  check ("30 1,3 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 3,
         "2026-03-29 01:30 CET, 2026-03-29 03:30 CEST, 2026-03-30 01:30 CEST");
  /* Asked from within the gap's catch-up instant, the next is tomorrow. */
  check ("30 2 * * *", "Europe/Berlin", "2026-03-29T01:00:00Z", 1, "2026-03-30 02:30 CEST");
}

static void
test_berlin_spring_wild (void)
{
  check ("0 * * * *", "Europe/Berlin", "2026-03-28T23:00:00Z", 3,
         "2026-03-29 01:00 CET, 2026-03-29 03:00 CEST, 2026-03-29 04:00 CEST");
  check ("*/30 * * * *", "Europe/Berlin", "2026-03-29T00:00:00Z", 3,
         "2026-03-29 01:30 CET, 2026-03-29 03:00 CEST, 2026-03-29 03:30 CEST");
  check ("* * * * *", "Europe/Berlin", "2026-03-29T00:58:00Z", 3,
         "2026-03-29 01:59 CET, 2026-03-29 03:00 CEST, 2026-03-29 03:01 CEST");
  /* A step in the hour field: 02:30 is skipped. */
  check ("30 */2 * * *", "Europe/Berlin", "2026-03-28T22:00:00Z", 2,
         "2026-03-29 00:30 CET, 2026-03-29 04:30 CEST");
  /* A step in the minute field of hour 2: nothing at all on the 29th. */
  check ("*/15 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 4,
         "2026-03-30 02:00 CEST, 2026-03-30 02:15 CEST, 2026-03-30 02:30 CEST, "
         "2026-03-30 02:45 CEST");
  check ("@hourly", "Europe/Berlin", "2026-03-29T00:30:00Z", 1, "2026-03-29 03:00 CEST");
}

/* --- Berlin, fall back: 02:00–02:59 on 25 October happens twice --- */

static void
test_berlin_fall_fixed (void)
{
  /* At the first pass only. */
  check ("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 2,
         "2026-10-25 02:30 CEST, 2026-10-26 02:30 CET");
  check ("0 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 2,
         "2026-10-25 02:00 CEST, 2026-10-26 02:00 CET");
  check ("0,59 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 3,
         "2026-10-25 02:00 CEST, 2026-10-25 02:59 CEST, 2026-10-26 02:00 CET");
  /* Asked after the first pass (02:45 CEST), and from within the second
   * pass (02:10 CET): tomorrow. */
  check ("30 2 * * *", "Europe/Berlin", "2026-10-25T00:45:00Z", 1, "2026-10-26 02:30 CET");
  check ("30 2 * * *", "Europe/Berlin", "2026-10-25T01:10:00Z", 1, "2026-10-26 02:30 CET");
  /* Just before the second pass begins. */
  check ("30 2 * * *", "Europe/Berlin", "2026-10-25T00:59:59Z", 1, "2026-10-26 02:30 CET");
  /* Times around the repeated hour are not disturbed. */
  check ("30 1,3 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 3,
         "2026-10-25 01:30 CEST, 2026-10-25 03:30 CET, 2026-10-26 01:30 CET");
  check ("0 3 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 2,
         "2026-10-25 03:00 CET, 2026-10-26 03:00 CET");
}

static void
test_berlin_fall_wild (void)
{
  check ("0 * * * *", "Europe/Berlin", "2026-10-24T22:30:00Z", 4,
         "2026-10-25 01:00 CEST, 2026-10-25 02:00 CEST, 2026-10-25 02:00 CET, "
         "2026-10-25 03:00 CET");
  check ("*/30 * * * *", "Europe/Berlin", "2026-10-24T23:45:00Z", 5,
         "2026-10-25 02:00 CEST, 2026-10-25 02:30 CEST, 2026-10-25 02:00 CET, "
         "2026-10-25 02:30 CET, 2026-10-25 03:00 CET");
  check ("* * * * *", "Europe/Berlin", "2026-10-25T00:58:00Z", 3,
         "2026-10-25 02:59 CEST, 2026-10-25 02:00 CET, 2026-10-25 02:01 CET");
  /* A step in the minute field of hour 2: both passes. */
  check ("*/20 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 7,
         "2026-10-25 02:00 CEST, 2026-10-25 02:20 CEST, 2026-10-25 02:40 CEST, "
         "2026-10-25 02:00 CET, 2026-10-25 02:20 CET, 2026-10-25 02:40 CET, "
         "2026-10-26 02:00 CET");
  /* A step in the hour field: both passes. */
  check ("30 */2 * * *", "Europe/Berlin", "2026-10-24T22:00:00Z", 4,
         "2026-10-25 00:30 CEST, 2026-10-25 02:30 CEST, 2026-10-25 02:30 CET, "
         "2026-10-25 04:30 CET");
  /* Asked from within the second pass. */
  check ("0,30 * * * *", "Europe/Berlin", "2026-10-25T01:10:00Z", 2,
         "2026-10-25 02:30 CET, 2026-10-25 03:00 CET");
}

/* --- New York: 8 March 02:00–02:59 missing, 1 November 01:00–01:59 twice --- */

static void
test_new_york_spring (void)
{
  check ("30 2 * * *", "America/New_York", "2026-03-06T12:00:00Z", 3,
         "2026-03-07 02:30 EST, 2026-03-08 03:00 EDT, 2026-03-09 02:30 EDT");
  check ("0 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 1, "2026-03-08 03:00 EDT");
  check ("0 * * * *", "America/New_York", "2026-03-08T05:30:00Z", 3,
         "2026-03-08 01:00 EST, 2026-03-08 03:00 EDT, 2026-03-08 04:00 EDT");
  check ("*/30 * * * *", "America/New_York", "2026-03-08T06:15:00Z", 3,
         "2026-03-08 01:30 EST, 2026-03-08 03:00 EDT, 2026-03-08 03:30 EDT");
  check ("*/10 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 1, "2026-03-09 02:00 EDT");
}

static void
test_new_york_fall (void)
{
  /* croniter 1.3.5 says 02:30 EST on the 2nd for the first one. */
  check ("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 2,
         "2026-11-01 01:30 EDT, 2026-11-02 01:30 EST");
  check ("15,45 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 3,
         "2026-11-01 01:15 EDT, 2026-11-01 01:45 EDT, 2026-11-02 01:15 EST");
  check ("30 1 * * *", "America/New_York", "2026-11-01T06:10:00Z", 1, "2026-11-02 01:30 EST");
  check ("0 * * * *", "America/New_York", "2026-11-01T04:30:00Z", 3,
         "2026-11-01 01:00 EDT, 2026-11-01 01:00 EST, 2026-11-01 02:00 EST");
  check ("*/15 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 9,
         "2026-11-01 01:00 EDT, 2026-11-01 01:15 EDT, 2026-11-01 01:30 EDT, "
         "2026-11-01 01:45 EDT, 2026-11-01 01:00 EST, 2026-11-01 01:15 EST, "
         "2026-11-01 01:30 EST, 2026-11-01 01:45 EST, 2026-11-02 01:00 EST");
}

/* --- Other shapes of change --- */

static void
test_other_zones (void)
{
  /* Havana springs forward at midnight (00:00 CST → 01:00 CDT): a daily
   * midnight job runs at 01:00 that day. */
  check ("0 0 * * *", "America/Havana", "2026-03-07T12:00:00Z", 2,
         "2026-03-08 01:00 CDT, 2026-03-09 00:00 CDT");

  /* Lord Howe Island moves by 30 minutes (02:00 → 02:30 on 4 October). */
  check ("15 2 * * *", "Australia/Lord_Howe", "2026-10-03T00:00:00Z", 2,
         "2026-10-04 02:30 +11, 2026-10-05 02:15 +11");
  check ("*/15 * * * *", "Australia/Lord_Howe", "2026-10-03T15:10:00Z", 3,
         "2026-10-04 01:45 +1030, 2026-10-04 02:30 +11, 2026-10-04 02:45 +11");

  /* Sydney falls back on 5 April (03:00 AEDT → 02:00 AEST). */
  check ("30 2 * * *", "Australia/Sydney", "2026-04-04T00:00:00Z", 2,
         "2026-04-05 02:30 AEDT, 2026-04-06 02:30 AEST");
  check ("30 * * * *", "Australia/Sydney", "2026-04-04T15:00:00Z", 3,
         "2026-04-05 02:30 AEDT, 2026-04-05 02:30 AEST, 2026-04-05 03:30 AEST");

  /* Samoa skipped 30 December 2011 (−10 → +14). A jump of a day is a
   * clock change to Vixie cron, not DST: nothing is caught up. */
  check ("0 12 * * *", "Pacific/Apia", "2011-12-29T23:00:00Z", 2,
         "2011-12-31 12:00 +14, 2012-01-01 12:00 +14");
}

/* --- Interval and rrule schedules across DST --- */

static PwSchedule *
interval (double      seconds,
          const char *anchor,
          const char *tz)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) a = test_schedule_parse_time (anchor);
  PwSchedule *schedule = pw_schedule_new_interval (seconds, a, tz, &error);

  g_assert_no_error (error);
  return schedule;
}

static void
test_interval_days (void)
{
  g_autoptr(PwSchedule) daily = NULL;
  g_autoptr(PwSchedule) at_0230 = NULL;
  g_autoptr(PwSchedule) old = NULL;
  g_autoptr(PwSchedule) two_days = NULL;

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  /* A daily interval keeps its local time, as Prefect's does. */
  daily = interval (86400, "2026-03-27T09:00:00+01:00", "Europe/Berlin");
  assert_next (daily, "2026-03-27T09:00:00+01:00", 3,
               "2026-03-28 09:00 CET, 2026-03-29 09:00 CEST, 2026-03-30 09:00 CEST");
  assert_next (daily, "2026-10-24T09:00:00+02:00", 3,
               "2026-10-25 09:00 CET, 2026-10-26 09:00 CET, 2026-10-27 09:00 CET");

  /* 02:30 does not exist on 29 March: it is read with the offset from
   * before the change, as 03:30 CEST; on 25 October it is the first pass. */
  at_0230 = interval (86400, "2026-03-27T02:30:00+01:00", "Europe/Berlin");
  assert_next (at_0230, "2026-03-27T12:00:00Z", 3,
               "2026-03-28 02:30 CET, 2026-03-29 03:30 CEST, 2026-03-30 02:30 CEST");
  assert_next (at_0230, "2026-10-24T12:00:00Z", 2,
               "2026-10-25 02:30 CEST, 2026-10-26 02:30 CET");

  /* An anchor years and many DST changes back does not drift. */
  old = interval (86400, "2020-01-01T09:00:00+01:00", "Europe/Berlin");
  assert_next (old, "2026-07-01T00:00:00Z", 2, "2026-07-01 09:00 CEST, 2026-07-02 09:00 CEST");
  assert_next (old, "2026-12-01T00:00:00Z", 1, "2026-12-01 09:00 CET");

  /* Two days at a time, across the change. */
  two_days = interval (2 * 86400, "2026-03-26T09:00:00+01:00", "Europe/Berlin");
  assert_next (two_days, "2026-03-26T09:00:00+01:00", 3,
               "2026-03-28 09:00 CET, 2026-03-30 09:00 CEST, 2026-04-01 09:00 CEST");
}

static void
test_interval_elapsed (void)
{
  g_autoptr(PwSchedule) hourly = NULL;
  g_autoptr(PwSchedule) long_one = NULL;

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  /* Not whole days: elapsed time, whatever the local clock shows. */
  hourly = interval (3600, "2026-01-01T00:00:00Z", "Europe/Berlin");
  assert_next (hourly, "2026-03-28T23:30:00Z", 3,
               "2026-03-29 01:00 CET, 2026-03-29 03:00 CEST, 2026-03-29 04:00 CEST");
  assert_next (hourly, "2026-10-24T23:30:00Z", 3,
               "2026-10-25 02:00 CEST, 2026-10-25 02:00 CET, 2026-10-25 03:00 CET");

  /* 36 hours stay 36 hours apart across the change. */
  long_one = interval (36 * 3600, "2026-03-28T00:00:00+01:00", "Europe/Berlin");
  assert_next (long_one, "2026-03-28T00:00:00+01:00", 2,
               "2026-03-29 13:00 CEST, 2026-03-31 01:00 CEST");
}

static void
test_rrule (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSchedule) schedule = NULL;

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  /* RFC 5545: a local time in the gap is read with the offset from before
   * it; in a repeated hour it is the first pass. */
  schedule = pw_schedule_new_rrule ("DTSTART:20260327T023000\nRRULE:FREQ=DAILY", "Europe/Berlin",
                                    &error);
  g_assert_no_error (error);
  assert_next (schedule, "2026-03-26T12:00:00Z", 4,
               "2026-03-27 02:30 CET, 2026-03-28 02:30 CET, 2026-03-29 03:30 CEST, "
               "2026-03-30 02:30 CEST");
  assert_next (schedule, "2026-10-24T12:00:00Z", 2,
               "2026-10-25 02:30 CEST, 2026-10-26 02:30 CET");
  g_clear_object (&schedule);

  /* An hourly rule on the local clock: 02:00 does not exist and reads as
   * 03:00 CEST, which the rule yields anyway, so it is one run. */
  schedule = pw_schedule_new_rrule ("DTSTART:20260329T000000\nRRULE:FREQ=HOURLY;COUNT=5",
                                    "Europe/Berlin", &error);
  g_assert_no_error (error);
  assert_next (schedule, "2026-03-28T00:00:00Z", 10,
               "2026-03-29 00:00 CET, 2026-03-29 01:00 CET, 2026-03-29 03:00 CEST, "
               "2026-03-29 04:00 CEST");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Schedule/dst/berlin/spring/fixed", test_berlin_spring_fixed);
  g_test_add_func ("/Schedule/dst/berlin/spring/wild", test_berlin_spring_wild);
  g_test_add_func ("/Schedule/dst/berlin/fall/fixed", test_berlin_fall_fixed);
  g_test_add_func ("/Schedule/dst/berlin/fall/wild", test_berlin_fall_wild);
  g_test_add_func ("/Schedule/dst/new-york/spring", test_new_york_spring);
  g_test_add_func ("/Schedule/dst/new-york/fall", test_new_york_fall);
  g_test_add_func ("/Schedule/dst/other-zones", test_other_zones);
  g_test_add_func ("/Schedule/dst/interval/days", test_interval_days);
  g_test_add_func ("/Schedule/dst/interval/elapsed", test_interval_elapsed);
  g_test_add_func ("/Schedule/dst/rrule", test_rrule);

  return g_test_run ();
}
