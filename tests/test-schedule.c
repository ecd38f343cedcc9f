/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-schedule"

#include "config.h"

#include <math.h>

#include <gio/gio.h>

#include "pw-fake-clock.h"
#include "pw-rrule-schedule.h"
#include "pw-schedule.h"
#include "test-schedule-common.h"

/*
 * Interval and rrule schedules, Prefect's JSON shapes and their round trip,
 * the words for the GUI, and the clock. Cron is in test-schedule-cron.c,
 * DST in test-schedule-dst.c.
 */

#define U(s) s " UTC"

/* API.md §4 and prefect/fixtures/schedules.json. */
static const char * const fixtures[] = {
  "{\"interval\": 3600, \"anchor_date\": \"2026-01-01T00:00:00+00:00\", \"timezone\": \"UTC\"}",
  "{\"cron\": \"0 6 * * 1-5\", \"timezone\": \"Europe/Berlin\", \"day_or\": true}",
  "{\"rrule\": \"DTSTART:20260101T090000\\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=12\", "
  "\"timezone\": \"America/New_York\"}",
};

static PwSchedule *
from_string (const char *json)
{
  g_autoptr(GError) error = NULL;
  PwSchedule *schedule = pw_schedule_new_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (schedule);
  return schedule;
}

static PwSchedule *
interval (double      seconds,
          const char *anchor,
          const char *tz)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) a = anchor != NULL ? test_schedule_parse_time (anchor) : NULL;
  PwSchedule *schedule = pw_schedule_new_interval (seconds, a, tz, &error);

  g_assert_no_error (error);
  g_assert_nonnull (schedule);
  return schedule;
}

static PwSchedule *
rrule (const char *text,
       const char *tz)
{
  g_autoptr(GError) error = NULL;
  PwSchedule *schedule = pw_schedule_new_rrule (text, tz, &error);

  g_assert_no_error (error);
  g_assert_nonnull (schedule);
  return schedule;
}

/* --- interval --- */

static void
test_interval_anchor_past (void)
{
  g_autoptr(PwSchedule) schedule = interval (900, "2026-01-01T00:00:00Z", NULL);

  g_assert_cmpint (pw_schedule_get_kind (schedule), ==, PW_SCHEDULE_KIND_INTERVAL);
  g_assert_cmpfloat (pw_schedule_get_interval (schedule), ==, 900);
  g_assert_cmpstr (pw_schedule_get_timezone (schedule), ==, "UTC");
  assert_next (schedule, "2026-05-04T10:07:00Z", 3,
               U ("2026-05-04 10:15") ", " U ("2026-05-04 10:30") ", " U ("2026-05-04 10:45"));
  /* Strictly after: a run time is not its own next. */
  assert_next (schedule, "2026-05-04T10:15:00Z", 1, U ("2026-05-04 10:30"));
  assert_next (schedule, "2026-01-01T00:00:00Z", 1, U ("2026-01-01 00:15"));
  g_assert_finalize_object (g_steal_pointer (&schedule));
}

static void
test_interval_anchor_future (void)
{
  g_autoptr(PwSchedule) schedule = interval (3600, "2026-06-01T00:30:00Z", NULL);

  /* As in Prefect the anchor only sets the phase: runs come before it too. */
  assert_next (schedule, "2026-05-31T21:45:00Z", 4,
               U ("2026-05-31 22:30") ", " U ("2026-05-31 23:30") ", " U ("2026-06-01 00:30") ", "
               U ("2026-06-01 01:30"));
}

static void
test_interval_odd (void)
{
  g_autoptr(PwSchedule) half = interval (0.5, "2026-01-01T00:00:00Z", NULL);
  g_autoptr(PwSchedule) seven = interval (7, "2026-01-01T00:00:00Z", NULL);
  g_autoptr(PwSchedule) week = interval (7 * 86400, "2026-05-04T09:00:00Z", NULL);

  assert_next (half, "2026-05-04T10:00:00Z", 3,
               U ("2026-05-04 10:00:00.500000") ", " U ("2026-05-04 10:00:01") ", "
               U ("2026-05-04 10:00:01.500000"));
  /* 2026-05-04T10:00:00Z is 10,663,200 s after the anchor: 1,523,314 × 7 + 2. */
  assert_next (seven, "2026-05-04T10:00:00Z", 2, U ("2026-05-04 10:00:05") ", " U ("2026-05-04 10:00:12"));
  assert_next_until (week, "2026-05-04T09:00:00Z", 10, "2026-05-25T09:00:00Z",
                     U ("2026-05-11 09:00") ", " U ("2026-05-18 09:00") ", " U ("2026-05-25 09:00"));
}

static void
test_interval_timezone (void)
{
  g_autoptr(GTimeZone) berlin = NULL;
  g_autoptr(GDateTime) anchor = NULL;
  g_autoptr(GDateTime) utc_anchor = NULL;
  g_autoptr(PwSchedule) from_anchor = NULL;
  g_autoptr(PwSchedule) offset_anchor = NULL;
  g_autoptr(PwSchedule) naive = NULL;
  g_autoptr(PwSchedule) date_only = NULL;
  g_autoptr(GDateTime) got = NULL;
  g_autoptr(GError) error = NULL;

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  /* No zone given: the anchor's, when it is an IANA zone… */
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  anchor = g_date_time_new (berlin, 2026, 1, 1, 9, 0, 0);
  from_anchor = pw_schedule_new_interval (86400, anchor, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_schedule_get_timezone (from_anchor), ==, "Europe/Berlin");
  got = pw_schedule_get_anchor_date (from_anchor);
  g_assert_true (g_date_time_equal (got, anchor));
  g_clear_pointer (&got, g_date_time_unref);

  /* …else UTC: an ISO 8601 offset is not a zone (Prefect's rule). */
  offset_anchor = from_string ("{\"interval\": 60, \"anchor_date\": \"2026-01-01T09:00:00+02:00\"}");
  g_assert_cmpstr (pw_schedule_get_timezone (offset_anchor), ==, "UTC");
  got = pw_schedule_get_anchor_date (offset_anchor);
  utc_anchor = test_schedule_parse_time ("2026-01-01T07:00:00Z");
  g_assert_true (g_date_time_equal (got, utc_anchor));
  g_clear_pointer (&got, g_date_time_unref);

  /* An anchor without an offset is on the schedule's clock. */
  naive = from_string ("{\"interval\": 86400, \"anchor_date\": \"2026-01-01T09:00:00\", "
                       "\"timezone\": \"Europe/Berlin\"}");
  assert_next (naive, "2026-07-01T00:00:00Z", 1, "2026-07-01 09:00 CEST");

  /* A date alone is its midnight. */
  date_only = from_string ("{\"interval\": 86400, \"anchor_date\": \"2026-01-01\", "
                           "\"timezone\": \"Europe/Berlin\"}");
  assert_next (date_only, "2026-07-01T00:00:00Z", 1, "2026-07-02 00:00 CEST");
}

static void
test_interval_errors (void)
{
  static const double bad[] = { 0, -1, -0.0000001, 1e-9, 1e12 };
  g_autoptr(GDateTime) anchor = test_schedule_parse_time ("2026-01-01T00:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwSchedule) schedule = pw_schedule_new_interval (bad[i], anchor, NULL, &error);

      g_assert_null (schedule);
      g_assert_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_INTERVAL);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwSchedule) schedule = pw_schedule_new_interval (NAN, anchor, NULL, &error);

    g_assert_null (schedule);
    g_assert_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_INTERVAL);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwSchedule) schedule = pw_schedule_new_interval (INFINITY, anchor, NULL, &error);

    g_assert_null (schedule);
    g_assert_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_INTERVAL);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwSchedule) schedule = pw_schedule_new_interval (0, anchor, NULL, &error);

    g_assert_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_INTERVAL);
    g_assert_cmpstr (error->message, ==,
                     "the interval must be a number of seconds greater than 0, not 0");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwSchedule) schedule = pw_schedule_new_interval (60, anchor, "Nowhere/Land", &error);

    g_assert_null (schedule);
    g_assert_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_TIMEZONE);
  }
}

static void
test_interval_clock (void)
{
  g_autoptr(GDateTime) now = test_schedule_parse_time ("2026-05-04T10:00:00Z");
  g_autoptr(PwClock) clock = pw_fake_clock_new (now);
  g_autoptr(JsonNode) node = json_from_string ("{\"interval\": 60}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(GDateTime) anchor = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autofree char *json = NULL;

  /* A missing anchor_date is "now", on the clock given. */
  schedule = pw_schedule_new_from_json_with_clock (node, clock, &error);
  g_assert_no_error (error);
  anchor = pw_schedule_get_anchor_date (schedule);
  g_assert_true (g_date_time_equal (anchor, now));
  json = pw_schedule_to_string (schedule);
  g_assert_cmpstr (json, ==,
                   "{\"interval\":60,\"anchor_date\":\"2026-05-04T10:00:00+00:00\",\"timezone\":\"UTC\"}");

  upcoming = pw_schedule_get_upcoming (schedule, clock, 2);
  g_assert_cmpuint (upcoming->len, ==, 2);
  {
    g_autofree char *a = test_schedule_format (g_ptr_array_index (upcoming, 0), NULL);
    g_autofree char *b = test_schedule_format (g_ptr_array_index (upcoming, 1), NULL);

    g_assert_cmpstr (a, ==, U ("2026-05-04 10:01"));
    g_assert_cmpstr (b, ==, U ("2026-05-04 10:02"));
  }
  g_clear_pointer (&upcoming, g_ptr_array_unref);

  pw_fake_clock_advance (PW_FAKE_CLOCK (clock), 90 * G_USEC_PER_SEC);
  upcoming = pw_schedule_get_upcoming (schedule, clock, 1);
  {
    g_autofree char *a = test_schedule_format (g_ptr_array_index (upcoming, 0), NULL);

    g_assert_cmpstr (a, ==, U ("2026-05-04 10:02"));
  }

  /* Cron schedules ask the clock too. */
  {
    g_autoptr(PwSchedule) cron = test_schedule_cron ("*/5 * * * *", NULL, TRUE);
    g_autoptr(GPtrArray) next = pw_schedule_get_upcoming (cron, clock, 1);
    g_autofree char *a = test_schedule_format (g_ptr_array_index (next, 0), NULL);

    g_assert_cmpstr (a, ==, U ("2026-05-04 10:05"));
  }
}

/* --- rrule --- */

static void
test_rrule_fixture (void)
{
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(GDateTime) after = test_schedule_parse_time ("2025-01-01T00:00:00Z");
  g_autoptr(GPtrArray) all = NULL;

  if (!test_schedule_have_zone ("America/New_York"))
    return;

  schedule = from_string (fixtures[2]);
  g_assert_cmpint (pw_schedule_get_kind (schedule), ==, PW_SCHEDULE_KIND_RRULE);
  g_assert_cmpstr (pw_schedule_get_timezone (schedule), ==, "America/New_York");

  /* DTSTART and COUNT: twelve runs at 09:00 New York time, then none. */
  all = pw_schedule_get_next (schedule, after, 100, NULL);
  g_assert_cmpuint (all->len, ==, 12);
  assert_next (schedule, "2025-01-01T00:00:00Z", 4,
               "2026-01-01 09:00 EST, 2026-02-01 09:00 EST, 2026-03-01 09:00 EST, "
               "2026-04-01 09:00 EDT");
  assert_next (schedule, "2026-11-15T00:00:00Z", 5, "2026-12-01 09:00 EST");
  assert_next (schedule, "2026-12-01T14:00:00Z", 5, "");
}

static void
test_rrule_until (void)
{
  g_autoptr(PwSchedule) utc_until = NULL;
  g_autoptr(PwSchedule) local_until = NULL;

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  /* An UNTIL in UTC is an instant: 09:00 CET is 08:00 UTC, so the 3rd is
   * in and the 4th is not. */
  utc_until = rrule ("DTSTART:20260101T090000\nRRULE:FREQ=DAILY;UNTIL=20260103T083000Z",
                     "Europe/Berlin");
  assert_next (utc_until, "2025-12-31T00:00:00Z", 10,
               "2026-01-01 09:00 CET, 2026-01-02 09:00 CET, 2026-01-03 09:00 CET");

  /* A floating UNTIL is on the local clock. */
  local_until = rrule ("DTSTART:20260101T090000\nRRULE:FREQ=DAILY;UNTIL=20260102T090000",
                       "Europe/Berlin");
  assert_next (local_until, "2025-12-31T00:00:00Z", 10,
               "2026-01-01 09:00 CET, 2026-01-02 09:00 CET");
}

static void
test_rrule_zones (void)
{
  g_autoptr(PwSchedule) tzid = NULL;
  g_autoptr(PwSchedule) utc_start = NULL;
  g_autoptr(PwSchedule) no_start = NULL;
  g_autoptr(PwSchedule) bare = NULL;
  g_autoptr(PwSchedule) extended = NULL;

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  /* No timezone member: DTSTART's TZID. */
  tzid = rrule ("DTSTART;TZID=Europe/Berlin:20260601T080000\nRRULE:FREQ=WEEKLY;BYDAY=MO", NULL);
  g_assert_cmpstr (pw_schedule_get_timezone (tzid), ==, "Europe/Berlin");
  assert_next (tzid, "2026-06-01T00:00:00Z", 2, "2026-06-01 08:00 CEST, 2026-06-08 08:00 CEST");

  /* A UTC DTSTART is an instant, expanded on the schedule's clock. */
  utc_start = rrule ("DTSTART:20260601T060000Z\nRRULE:FREQ=DAILY", "Europe/Berlin");
  assert_next (utc_start, "2026-06-01T00:00:00Z", 2, "2026-06-01 08:00 CEST, 2026-06-02 08:00 CEST");

  /* No DTSTART: Prefect's default anchor, 2020-01-01 00:00 local. */
  no_start = rrule ("RRULE:FREQ=YEARLY", "Europe/Berlin");
  assert_next (no_start, "2026-05-01T00:00:00Z", 2, "2027-01-01 00:00 CET, 2028-01-01 00:00 CET");

  /* A bare rule, lower case, and no zone at all: UTC. */
  bare = rrule ("freq=weekly;byday=mo,fr;byhour=9;byminute=0", NULL);
  g_assert_cmpstr (pw_schedule_get_timezone (bare), ==, "UTC");
  assert_next (bare, "2026-05-04T09:00:00Z", 3,
               U ("2026-05-08 09:00") ", " U ("2026-05-11 09:00") ", " U ("2026-05-15 09:00"));

  /* ISO 8601 punctuation in DTSTART, as dateutil reads it. */
  extended = rrule ("DTSTART:2026-06-01T08:00:00 RRULE:FREQ=DAILY;COUNT=2", "UTC");
  assert_next (extended, "2026-01-01T00:00:00Z", 5, U ("2026-06-01 08:00") ", " U ("2026-06-02 08:00"));
}

static void
test_rrule_sets (void)
{
  g_autoptr(PwSchedule) ex = rrule ("DTSTART:20260501T090000\nRRULE:FREQ=DAILY;COUNT=5\n"
                                    "EXDATE:20260502T090000,20260504T090000", NULL);
  g_autoptr(PwSchedule) plus = rrule ("DTSTART:20260501T090000\nRRULE:FREQ=WEEKLY;COUNT=2\n"
                                      "RDATE:20260503T120000Z,20260520T120000Z", NULL);
  g_autoptr(PwSchedule) two = rrule ("DTSTART:20260501T000000\nRRULE:FREQ=DAILY;BYHOUR=9\n"
                                     "RRULE:FREQ=DAILY;BYHOUR=9,17", NULL);
  g_autoptr(PwSchedule) only_dates = rrule ("RDATE:20260601T120000Z", NULL);

  assert_next (ex, "2026-01-01T00:00:00Z", 10,
               U ("2026-05-01 09:00") ", " U ("2026-05-03 09:00") ", " U ("2026-05-05 09:00"));
  assert_next (plus, "2026-01-01T00:00:00Z", 10,
               U ("2026-05-01 09:00") ", " U ("2026-05-03 12:00") ", " U ("2026-05-08 09:00") ", "
               U ("2026-05-20 12:00"));
  /* Two rules that share 09:00: once. */
  assert_next (two, "2026-05-01T00:00:00Z", 4,
               U ("2026-05-01 09:00") ", " U ("2026-05-01 17:00") ", " U ("2026-05-02 09:00") ", "
               U ("2026-05-02 17:00"));
  assert_next (only_dates, "2026-01-01T00:00:00Z", 10, U ("2026-06-01 12:00"));

  /* Rare is not never: the fifth Friday of a month, 29 February. */
  {
    g_autoptr(PwSchedule) fifth = rrule ("DTSTART:20260101T090000\nRRULE:FREQ=MONTHLY;BYDAY=5FR", NULL);
    g_autoptr(PwSchedule) leap = rrule ("DTSTART:20260101T000000\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29",
                                        NULL);

    assert_next (fifth, "2026-01-01T00:00:00Z", 3,
                 U ("2026-01-30 09:00") ", " U ("2026-05-29 09:00") ", " U ("2026-07-31 09:00"));
    assert_next (leap, "2026-01-01T00:00:00Z", 2, U ("2028-02-29 00:00") ", " U ("2032-02-29 00:00"));
  }
}

static void
test_rrule_skip_ahead (void)
{
  /* Expanding from near the instant asked about must give what a full
   * expansion from DTSTART gives. libical 3.0's set_start() gets the
   * first of these wrong; we move DTSTART instead for sub-daily rules. */
  static const char * const rules[] = {
    "FREQ=MINUTELY;INTERVAL=7",
    "FREQ=SECONDLY;INTERVAL=650",
    "FREQ=HOURLY;INTERVAL=5;BYMINUTE=10,40",
    "FREQ=HOURLY;INTERVAL=3;BYHOUR=1,4,7,10,13,16,19,22",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=DAILY;BYHOUR=2,3;BYMINUTE=30",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=1,-1",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=YEARLY;BYWEEKNO=10;BYDAY=TU",
  };
  const char *afters[] = { "2026-03-15T10:10:00Z", "2026-03-29T00:30:00Z", "2026-10-25T00:10:00Z" };
  g_autoptr(GError) error = NULL;

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *text = g_strdup_printf ("DTSTART:20260101T091500\nRRULE:%s", rules[i]);
      g_autoptr(PwRRule) set = pw_rrule_parse (text, "Europe/Berlin", &error);

      g_assert_no_error (error);
      for (guint j = 0; j < G_N_ELEMENTS (afters); j++)
        {
          g_autoptr(GDateTime) after = test_schedule_parse_time (afters[j]);
          gint64 usec = g_date_time_to_unix (after) * G_USEC_PER_SEC;
          g_autoptr(GArray) fast = pw_rrule_next_times (set, usec, 20, G_MAXINT64, TRUE);
          g_autoptr(GArray) full = pw_rrule_next_times (set, usec, 20, G_MAXINT64, FALSE);

          g_test_message ("%s after %s", rules[i], afters[j]);
          g_assert_cmpuint (fast->len, ==, 20);
          g_assert_cmpmem (fast->data, fast->len * sizeof (gint64),
                           full->data, full->len * sizeof (gint64));
        }
    }
}

static void
test_rrule_errors (void)
{
  static const struct
  {
    const char *text;
    const char *tz;
    gint        code;
    const char *message;
  } cases[] = {
    { "FREQ=SOMETIMES", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "`FREQ=SOMETIMES` is not one of FREQ=SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY" },
    { "RRULE:BYDAY=MO", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE, "the rule `BYDAY=MO` has no FREQ" },
    { "RRULE:FREQ=DAILY;FOO=1", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "unknown part `FOO` in the rule `FREQ=DAILY;FOO=1`" },
    { "FREQ=DAILY;BYHOUR=25", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "`BYHOUR=25` is not valid, in the rule `FREQ=DAILY;BYHOUR=25`" },
    { "FREQ=DAILY;INTERVAL=0", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "`INTERVAL=0` is not valid, in the rule `FREQ=DAILY;INTERVAL=0`" },
    { "FREQ=DAILY;COUNT=2;UNTIL=20261231T000000Z", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "the rule `FREQ=DAILY;COUNT=2;UNTIL=20261231T000000Z` has both COUNT and UNTIL; it may have only one" },
    { "FREQ=DAILY;COUNT", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "`COUNT` in the rule `FREQ=DAILY;COUNT` is not NAME=VALUE" },
    { "FREQ=DAILY;RSCALE=HEBREW", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "RSCALE (other calendars) is not supported, in the rule `FREQ=DAILY;RSCALE=HEBREW`" },
    { "DTSTART:2026-13-01\nRRULE:FREQ=DAILY", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "`2026-13-01` is not a date and time like 20260101T090000, in `DTSTART:2026-13-01`" },
    { "DTSTART:20260101T090000\nDTSTART:20260102T090000\nRRULE:FREQ=DAILY", NULL,
      PW_SCHEDULE_ERROR_INVALID_RRULE, "the recurrence text has more than one DTSTART" },
    { "DTSTART:20260101T090000", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "the recurrence text has no RRULE" },
    { "", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE, "the recurrence text has no RRULE" },
    { "FOO:bar\nRRULE:FREQ=DAILY", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "unknown recurrence line `FOO:bar`: expected DTSTART, RRULE, RDATE or EXDATE" },
    { "DTSTART", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE, "`DTSTART` in the rule `DTSTART` is not NAME=VALUE" },
    { "RRULE:FREQ=DAILY\nEXRULE:FREQ=WEEKLY", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "EXRULE is not supported (RFC 5545 dropped it); use EXDATE" },
    { "RRULE:FREQ=DAILY\nEXDATE:tomorrow", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "`tomorrow` is not a date and time like 20260101T090000, in `EXDATE:tomorrow`" },
    { "RRULE:FREQ=DAILY\nRDATE;VALUE=PERIOD:20260101T090000Z/PT1H", NULL,
      PW_SCHEDULE_ERROR_INVALID_RRULE,
      "periods are not supported in the recurrence line `RDATE;VALUE=PERIOD:20260101T090000Z/PT1H`" },
    { "DTSTART;TZID=Mars/Base:20260101T090000\nRRULE:FREQ=DAILY", NULL,
      PW_SCHEDULE_ERROR_INVALID_TIMEZONE, "unknown time zone `Mars/Base`" },
    { "FREQ=DAILY", "Mars/Base", PW_SCHEDULE_ERROR_INVALID_TIMEZONE, "unknown time zone `Mars/Base`" },
    /* libical would look for these for centuries, minute by minute. */
    { "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "the rule `FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30` never matches a date" },
    { "FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "the rule `FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31` never matches a date" },
    { "FREQ=HOURLY;BYMONTH=1;BYYEARDAY=366", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "the rule `FREQ=HOURLY;BYMONTH=1;BYYEARDAY=366` never matches a date" },
    { "FREQ=MINUTELY;BYSECOND=0;BYSETPOS=2", NULL, PW_SCHEDULE_ERROR_INVALID_RRULE,
      "the rule `FREQ=MINUTELY;BYSECOND=0;BYSETPOS=2` never matches: BYSETPOS=2 is past the "
      "1 time of each period" },
  };
  g_autofree char *long_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwSchedule) schedule = pw_schedule_new_rrule (cases[i].text, cases[i].tz, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_null (schedule);
      g_assert_error (error, PW_SCHEDULE_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* At most 6,500 characters, as in Prefect. */
  {
    g_autoptr(GString) text = g_string_new ("DTSTART:20260101T090000\nRRULE:FREQ=DAILY");
    g_autoptr(GError) error = NULL;
    g_autoptr(PwSchedule) schedule = NULL;

    while (text->len <= 6500)
      g_string_append (text, "\nEXDATE:20270101T090000");
    schedule = pw_schedule_new_rrule (text->str, NULL, &error);
    g_assert_null (schedule);
    g_assert_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE);
    g_assert_cmpstr (error->message, ==, "the recurrence text is longer than 6500 characters");
  }
}

/* --- JSON --- */

static void
test_json_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(JsonNode) original = json_from_string (fixtures[i], NULL);
      g_autoptr(PwSchedule) schedule = NULL;
      g_autoptr(PwSchedule) again = NULL;
      g_autoptr(JsonNode) written = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      schedule = pw_schedule_new_from_json (original, &error);
      g_assert_no_error (error);
      written = pw_schedule_to_json (schedule);
      g_assert_true (json_node_equal (original, written));

      text = pw_schedule_to_string (schedule);
      again = pw_schedule_new_from_string (text, &error);
      g_assert_no_error (error);
      g_assert_true (pw_schedule_equal (schedule, again));
      g_assert_finalize_object (g_steal_pointer (&again));
      g_assert_finalize_object (g_steal_pointer (&schedule));
    }

  /* A cron or rrule schedule without a zone keeps "timezone": null. */
  {
    g_autoptr(PwSchedule) schedule = from_string ("{\"cron\": \"@daily\"}");
    g_autofree char *text = pw_schedule_to_string (schedule);

    g_assert_cmpstr (text, ==, "{\"cron\":\"@daily\",\"timezone\":null,\"day_or\":true}");
    g_assert_cmpstr (pw_schedule_get_timezone (schedule), ==, "UTC");
  }
  {
    g_autoptr(PwSchedule) schedule = from_string ("{\"rrule\": \"FREQ=DAILY\", \"timezone\": null}");
    g_autofree char *text = pw_schedule_to_string (schedule);

    g_assert_cmpstr (text, ==, "{\"rrule\":\"FREQ=DAILY\",\"timezone\":null}");
  }
  /* Fractions of a second survive. */
  {
    g_autoptr(PwSchedule) schedule = from_string ("{\"interval\": 1.5, \"anchor_date\": "
                                                  "\"2026-01-01T00:00:00.25+00:00\"}");
    g_autofree char *text = pw_schedule_to_string (schedule);

    g_assert_cmpstr (text, ==, "{\"interval\":1.5,\"anchor_date\":\"2026-01-01T00:00:00.250000+00:00\","
                               "\"timezone\":\"UTC\"}");
  }
}

static void
test_json_shared_fixtures (void)
{
  const char *shared = g_getenv ("PW_SHARED_DIR");
  const char *files[] = { "schedules.json", "deployment_cron.json", "deployment_rrule.json" };

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("PW_SHARED_DIR (the Prefect fixtures) is not available");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (shared, "prefect", "fixtures", files[i], NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GList) members = NULL;
      JsonObject *root;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));

      /* schedules.json maps a name to each shape; a deployment has one. */
      if (json_object_has_member (root, "schedule"))
        members = g_list_prepend (NULL, (gpointer) "schedule");
      else
        members = json_object_get_members (root);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (root, l->data);
          g_autoptr(PwSchedule) schedule = pw_schedule_new_from_json (node, &error);
          g_autoptr(JsonNode) written = NULL;

          g_assert_no_error (error);
          written = pw_schedule_to_json (schedule);
          g_assert_true (json_node_equal (node, written));
        }
    }
}

static void
test_json_errors (void)
{
  static const struct
  {
    const char *json;
    gint        code;
    const char *message;
  } cases[] = {
    { "[]", PW_SCHEDULE_ERROR_INVALID, "a schedule must be a JSON object" },
    { "null", PW_SCHEDULE_ERROR_INVALID, "a schedule must be a JSON object" },
    { "{", PW_SCHEDULE_ERROR_INVALID, NULL },
    { "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
      PW_SCHEDULE_ERROR_INVALID, "the schedule nests deeper than 32 levels" },
    { "{}", PW_SCHEDULE_ERROR_INVALID, "a schedule needs one of `interval`, `cron` or `rrule`" },
    { "{\"cron\": \"* * * * *\", \"interval\": 5}", PW_SCHEDULE_ERROR_INVALID,
      "a schedule has one of `interval`, `cron` or `rrule`, not both `interval` and `cron`" },
    { "{\"cron\": \"* * * * *\", \"day_of\": true}", PW_SCHEDULE_ERROR_INVALID,
      "unknown member `day_of` in a cron schedule; it may have `cron`, `timezone`, `day_or`" },
    { "{\"interval\": 60, \"day_or\": true}", PW_SCHEDULE_ERROR_INVALID,
      "unknown member `day_or` in an interval schedule; it may have `interval`, `anchor_date`, `timezone`" },
    { "{\"rrule\": \"FREQ=DAILY\", \"anchor_date\": \"2026-01-01T00:00:00Z\"}", PW_SCHEDULE_ERROR_INVALID,
      "unknown member `anchor_date` in an rrule schedule; it may have `rrule`, `timezone`" },
    { "{\"interval\": 0}", PW_SCHEDULE_ERROR_INVALID_INTERVAL,
      "the interval must be a number of seconds greater than 0, not 0" },
    { "{\"interval\": -5}", PW_SCHEDULE_ERROR_INVALID_INTERVAL,
      "the interval must be a number of seconds greater than 0, not -5" },
    { "{\"interval\": \"60\"}", PW_SCHEDULE_ERROR_INVALID_INTERVAL,
      "the schedule member `interval` must be a number of seconds" },
    { "{\"interval\": null}", PW_SCHEDULE_ERROR_INVALID_INTERVAL,
      "the schedule member `interval` must be a number of seconds" },
    { "{\"interval\": true}", PW_SCHEDULE_ERROR_INVALID_INTERVAL,
      "the schedule member `interval` must be a number of seconds" },
    { "{\"interval\": 60, \"anchor_date\": \"yesterday\"}", PW_SCHEDULE_ERROR_INVALID_ANCHOR,
      "the anchor date `yesterday` is not an ISO 8601 date and time such as 2026-01-01T09:00:00+01:00" },
    { "{\"interval\": 60, \"anchor_date\": 5}", PW_SCHEDULE_ERROR_INVALID,
      "the schedule member `anchor_date` must be a string" },
    { "{\"interval\": 60, \"timezone\": \"Mars/Base\"}", PW_SCHEDULE_ERROR_INVALID_TIMEZONE,
      "unknown time zone `Mars/Base`" },
    { "{\"cron\": 5}", PW_SCHEDULE_ERROR_INVALID, "the schedule member `cron` must be a string" },
    { "{\"cron\": null}", PW_SCHEDULE_ERROR_INVALID,
      "the schedule member `cron` must be a string, not null" },
    { "{\"cron\": \"0 24 * * *\"}", PW_SCHEDULE_ERROR_INVALID_CRON,
      "cron field 2 (hour): 24 is out of range 0–23" },
    { "{\"cron\": \"* * * * *\", \"day_or\": \"yes\"}", PW_SCHEDULE_ERROR_INVALID,
      "the schedule member `day_or` must be true or false" },
    { "{\"cron\": \"* * * * *\", \"day_or\": null}", PW_SCHEDULE_ERROR_INVALID,
      "the schedule member `day_or` must be true or false" },
    { "{\"cron\": \"* * * * *\", \"timezone\": 1}", PW_SCHEDULE_ERROR_INVALID,
      "the schedule member `timezone` must be a string" },
    { "{\"cron\": \"* * * * *\", \"timezone\": \"+05:30\"}", PW_SCHEDULE_ERROR_INVALID_TIMEZONE,
      "`+05:30` is not an IANA time zone name such as “Europe/Berlin”" },
    { "{\"rrule\": [\"FREQ=DAILY\"]}", PW_SCHEDULE_ERROR_INVALID,
      "the schedule member `rrule` must be a string" },
    { "{\"rrule\": \"FREQ=DAILY;BYHOUR=25\"}", PW_SCHEDULE_ERROR_INVALID_RRULE,
      "`BYHOUR=25` is not valid, in the rule `FREQ=DAILY;BYHOUR=25`" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwSchedule) schedule = pw_schedule_new_from_string (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (schedule);
      g_assert_error (error, PW_SCHEDULE_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* A NULL node, from a deployment without a schedule member. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwSchedule) schedule = pw_schedule_new_from_json (NULL, &error);

    g_assert_null (schedule);
    g_assert_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID);
  }
}

static void
test_equal_and_properties (void)
{
  g_autoptr(PwSchedule) a = test_schedule_cron ("0 3 * * *", NULL, TRUE);
  g_autoptr(PwSchedule) b = test_schedule_cron ("0 3 * * *", NULL, TRUE);
  g_autoptr(PwSchedule) c = test_schedule_cron ("0 3 * * *", NULL, FALSE);
  g_autoptr(PwSchedule) d = interval (60, "2026-01-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) anchor = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *cron = NULL;
  PwScheduleKind kind;
  gboolean day_or;
  double seconds;

  g_assert_true (pw_schedule_equal (a, b));
  g_assert_false (pw_schedule_equal (a, c));
  g_assert_false (pw_schedule_equal (a, d));
  g_assert_false (pw_schedule_equal (a, NULL));
  g_assert_true (pw_schedule_equal (NULL, NULL));

  g_object_get (c, "kind", &kind, "timezone", &tz, "cron", &cron, "day-or", &day_or, NULL);
  g_assert_cmpint (kind, ==, PW_SCHEDULE_KIND_CRON);
  g_assert_cmpstr (tz, ==, "UTC");
  g_assert_cmpstr (cron, ==, "0 3 * * *");
  g_assert_false (day_or);
  g_assert_false (pw_schedule_get_day_or (c));
  g_assert_null (pw_schedule_get_rrule (c));
  g_assert_null (pw_schedule_get_anchor_date (c));
  g_assert_cmpfloat (pw_schedule_get_interval (c), ==, 0);

  g_object_get (d, "interval", &seconds, "anchor-date", &anchor, NULL);
  g_assert_cmpfloat (seconds, ==, 60);
  g_assert_cmpint (g_date_time_to_unix (anchor), ==, 1767225600);
  g_assert_null (pw_schedule_get_cron (d));

  {
    GEnumClass *kinds = g_type_class_ref (PW_TYPE_SCHEDULE_KIND);

    g_assert_cmpstr (g_enum_get_value (kinds, PW_SCHEDULE_KIND_RRULE)->value_nick, ==, "rrule");
    g_type_class_unref (kinds);
  }
}

/* --- words --- */

static void
test_describe (void)
{
  static const struct
  {
    const char *json;
    const char *words;
  } cases[] = {
    { "{\"cron\": \"0 3 * * *\", \"timezone\": \"Europe/Berlin\"}", "At 03:00 every day, Europe/Berlin" },
    { "{\"cron\": \"*/15 * * * *\"}", "Every 15 minutes" },
    { "{\"cron\": \"*/15 * * * *\", \"timezone\": \"Europe/Berlin\"}", "Every 15 minutes" },
    { "{\"cron\": \"0 */2 * * 1-5\"}", "At minute 0 past every 2nd hour from Monday to Friday" },
    { "{\"cron\": \"0 6 * * MON-FRI\", \"timezone\": \"Europe/Berlin\"}",
      "At 06:00 from Monday to Friday, Europe/Berlin" },
    { "{\"cron\": \"* * * * *\"}", "Every minute" },
    { "{\"cron\": \"@hourly\"}", "Every hour" },
    { "{\"cron\": \"30 * * * *\"}", "At minute 30 past every hour" },
    { "{\"cron\": \"*/30 * * * *\"}", "Every 30 minutes" },
    { "{\"cron\": \"0 0,12 * * *\"}", "At 00:00 and 12:00 every day" },
    { "{\"cron\": \"*/10 9-17 * * *\"}", "Every 10 minutes between 09:00 and 17:59" },
    { "{\"cron\": \"0,30 9-17 * * 1-5\"}", "Every 30 minutes between 09:00 and 17:59 from Monday to Friday" },
    { "{\"cron\": \"15,45 9-17 * * *\"}", "At minutes 15 and 45 past every hour between 09:00 and 17:59" },
    { "{\"cron\": \"0 9 1,15 * *\"}", "At 09:00 on days 1 and 15 of the month" },
    { "{\"cron\": \"0 0 1 1 *\"}", "At 00:00 on day 1 of the month in January" },
    { "{\"cron\": \"0 0 * 6-8 *\"}", "At 00:00 every day from June to August" },
    { "{\"cron\": \"0 12 * * sat,sun\"}", "At 12:00 on Saturday and Sunday" },
    { "{\"cron\": \"0 0 13 * 5\", \"day_or\": false}",
      "At 00:00 on day 13 of the month, only if that is on Friday" },
    { "{\"cron\": \"0 0 13 * 5\"}", "At 00:00 on day 13 of the month or on Friday" },
    { "{\"cron\": \"0 0 30 2 *\"}", "Never: no date matches “0 0 30 2 *”" },
    { "{\"interval\": 3600, \"anchor_date\": \"2026-01-01T09:00:00+00:00\"}",
      "Every 1 hour from 2026-01-01 09:00 UTC" },
    { "{\"interval\": 900, \"anchor_date\": \"2026-01-01T09:00:00+00:00\"}",
      "Every 15 minutes from 2026-01-01 09:00 UTC" },
    { "{\"interval\": 86400, \"anchor_date\": \"2026-01-01T09:00:00\", \"timezone\": \"Europe/Berlin\"}",
      "Every 1 day from 2026-01-01 09:00 Europe/Berlin" },
    { "{\"interval\": 5400, \"anchor_date\": \"2026-01-01T09:00:30+00:00\"}",
      "Every 90 minutes from 2026-01-01 09:00:30 UTC" },
    { "{\"interval\": 1209600, \"anchor_date\": \"2026-01-01T09:00:00+00:00\"}",
      "Every 2 weeks from 2026-01-01 09:00 UTC" },
    { "{\"interval\": 2.5, \"anchor_date\": \"2026-01-01T09:00:00+00:00\"}",
      "Every 2.5 seconds from 2026-01-01 09:00 UTC" },
    { "{\"rrule\": \"DTSTART:20260101T090000\\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=12\", "
      "\"timezone\": \"America/New_York\"}",
      "Every month on day 1 at 09:00, 12 times from 2026-01-01, America/New_York" },
    { "{\"rrule\": \"DTSTART:20260105T083000\\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE\"}",
      "Every 2 weeks on Monday and Wednesday at 08:30 from 2026-01-05, UTC" },
    { "{\"rrule\": \"DTSTART:20260101T170000\\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231T235959Z\"}",
      "Every month on the last Friday at 17:00 from 2026-01-01 until 2026-12-31 23:59, UTC" },
    { "{\"rrule\": \"RRULE:FREQ=YEARLY;BYMONTH=3,9;BYDAY=2SU;BYHOUR=10;BYMINUTE=0\"}",
      "Every year on the 2nd Sunday in March and September at 10:00 from 2020-01-01, UTC" },
    { "{\"rrule\": \"FREQ=HOURLY;INTERVAL=6\\nEXDATE:20260101T060000Z\"}",
      "Every 6 hours from 2020-01-01, except 1 date, UTC" },
  };

  if (!test_schedule_have_zone ("Europe/Berlin"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PwSchedule) schedule = from_string (cases[i].json);
      g_autofree char *words = pw_schedule_describe (schedule);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Schedule/interval/anchor-past", test_interval_anchor_past);
  g_test_add_func ("/Schedule/interval/anchor-future", test_interval_anchor_future);
  g_test_add_func ("/Schedule/interval/odd", test_interval_odd);
  g_test_add_func ("/Schedule/interval/timezone", test_interval_timezone);
  g_test_add_func ("/Schedule/interval/errors", test_interval_errors);
  g_test_add_func ("/Schedule/interval/clock", test_interval_clock);
  g_test_add_func ("/Schedule/rrule/fixture", test_rrule_fixture);
  g_test_add_func ("/Schedule/rrule/until", test_rrule_until);
  g_test_add_func ("/Schedule/rrule/zones", test_rrule_zones);
  g_test_add_func ("/Schedule/rrule/sets", test_rrule_sets);
  g_test_add_func ("/Schedule/rrule/skip-ahead", test_rrule_skip_ahead);
  g_test_add_func ("/Schedule/rrule/errors", test_rrule_errors);
  g_test_add_func ("/Schedule/json/round-trip", test_json_round_trip);
  g_test_add_func ("/Schedule/json/shared-fixtures", test_json_shared_fixtures);
  g_test_add_func ("/Schedule/json/errors", test_json_errors);
  g_test_add_func ("/Schedule/object/equal-and-properties", test_equal_and_properties);
  g_test_add_func ("/Schedule/describe", test_describe);

  return g_test_run ();
}
