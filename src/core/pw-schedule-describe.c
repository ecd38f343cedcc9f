/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-schedule"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-schedule-private.h"
#include "pw-tz.h"

/*
 * Schedules in plain words, for the GUI and the CLI: "At 03:00 every day,
 * Europe/Berlin", "At minute 0 past every 2nd hour from Monday to Friday",
 * "Every 1 hour from 2026-01-01 09:00 UTC". The words are built from the
 * parsed fields (bit masks, libical's rule parts), not from the text, so
 * `MON-FRI`, `1-5` and `1,2,3,4,5` all read the same.
 */

/* Weekdays in the order people list them: Monday first. */
static const gint week_order[] = { 1, 2, 3, 4, 5, 6, 0 };

static const char *
weekday_name (gint weekday)
{
  static const char * const names[] = {
    N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
    N_("Thursday"), N_("Friday"), N_("Saturday"),
  };

  return _(names[weekday]);
}

static const char *
month_name (gint month)
{
  static const char * const names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  return _(names[month - 1]);
}

/* "2nd", "3rd", "11th", "21st". */
static char *
ordinal (gint n)
{
  gint tens = n % 100;

  if (tens >= 11 && tens <= 13)
    return g_strdup_printf (C_("ordinal", "%dth"), n);
  switch (n % 10)
    {
    case 1:
      return g_strdup_printf (C_("ordinal", "%dst"), n);
    case 2:
      return g_strdup_printf (C_("ordinal", "%dnd"), n);
    case 3:
      return g_strdup_printf (C_("ordinal", "%drd"), n);
    default:
      return g_strdup_printf (C_("ordinal", "%dth"), n);
    }
}

/* "A", "A and B", "A, B and C". */
static char *
join_words (GPtrArray *words)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0 && i == words->len - 1)
        g_string_append (out, _(" and "));
      else if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, g_ptr_array_index (words, i));
    }
  return g_string_free (out, FALSE);
}

/* The values of a mask, in the order of @order (or ascending). */
static GArray *
mask_values (guint64     mask,
             gint        lo,
             gint        hi,
             const gint *order)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gint));

  for (gint i = lo; i <= hi; i++)
    {
      gint v = order != NULL ? order[i] : i;

      if (mask & (G_GUINT64_CONSTANT (1) << v))
        g_array_append_val (values, v);
    }
  return values;
}

typedef char *(*NameFunc) (gint value);

static char *
number_name (gint value)
{
  return g_strdup_printf ("%d", value);
}

static char *
weekday_dup (gint value)
{
  return g_strdup (weekday_name (value));
}

static char *
month_dup (gint value)
{
  return g_strdup (month_name (value));
}

/* A list of values with runs of three or more shown as ranges:
 * "1–5, 10 and 20"; "Monday to Wednesday and Friday". */
static char *
list_values (GArray   *values,
             NameFunc  name,
             gboolean  by_order)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  guint i = 0;

  while (i < values->len)
    {
      guint j = i;
      g_autofree char *first = name (g_array_index (values, gint, i));

      /* In week order Saturday (6) is followed by Sunday (0). */
      while (j + 1 < values->len
             && (g_array_index (values, gint, j + 1) == g_array_index (values, gint, j) + 1
                 || (by_order && g_array_index (values, gint, j) == 6
                     && g_array_index (values, gint, j + 1) == 0)))
        j++;

      if (j - i >= 2)
        {
          g_autofree char *last = name (g_array_index (values, gint, j));

          g_ptr_array_add (words, g_strdup_printf (C_("range", "%s to %s"), first, last));
          i = j + 1;
        }
      else
        {
          g_ptr_array_add (words, g_steal_pointer (&first));
          i++;
        }
    }

  return join_words (words);
}

/* Whether @values is a, a+s, a+2s… up to the last s values before @hi,
 * with s > 1 and at least three values, or two when s divides the field
 * (minutes 0 and 30 are "every 30 minutes"; 0 and 45 are not). */
static gboolean
is_step (GArray *values,
         gint    hi,
         gint   *start,
         gint   *step)
{
  gint a, s;

  if (values->len < 2)
    return FALSE;
  a = g_array_index (values, gint, 0);
  s = g_array_index (values, gint, 1) - a;
  if (s < 2 || (values->len == 2 && (hi + 1) % s != 0))
    return FALSE;
  for (guint i = 1; i < values->len; i++)
    if (g_array_index (values, gint, i) != a + (gint) i * s)
      return FALSE;
  if (g_array_index (values, gint, values->len - 1) + s <= hi)
    return FALSE;
  *start = a;
  *step = s;
  return TRUE;
}

static gboolean
is_single_range (GArray *values)
{
  gint first = g_array_index (values, gint, 0);

  return values->len >= 2 && g_array_index (values, gint, values->len - 1) - first == (gint) values->len - 1;
}

/* The hours part, after "At minute …" (@after_at) or "Every … minutes". */
static char *
describe_hours (const PwCron *cron,
                gboolean      after_at)
{
  g_autoptr(GArray) hours = mask_values (cron->hours, 0, 23, NULL);
  gint start, step;

  if (cron->hours == PW_CRON_ALL_HOURS)
    return after_at ? g_strdup (_("past every hour")) : g_strdup ("");

  if (is_step (hours, 23, &start, &step))
    {
      g_autofree char *nth = ordinal (step);

      if (start == 0)
        return g_strdup_printf (after_at ? _("past every %s hour") : _("during every %s hour"), nth);
      return g_strdup_printf (after_at ? _("past every %s hour from %02d:00 to %02d:59")
                                       : _("during every %s hour from %02d:00 to %02d:59"),
                              nth, start, g_array_index (hours, gint, hours->len - 1));
    }

  if (hours->len == 1 || is_single_range (hours))
    return g_strdup_printf (after_at ? _("past every hour between %02d:00 and %02d:59")
                                     : _("between %02d:00 and %02d:59"),
                            g_array_index (hours, gint, 0),
                            g_array_index (hours, gint, hours->len - 1));

  {
    g_autofree char *list = list_values (hours, number_name, FALSE);

    return g_strdup_printf (after_at ? _("past hours %s") : _("during hours %s"), list);
  }
}

/* The time of day part. Sets *fixed when it is a list of clock times. */
static char *
describe_times (const PwCron *cron,
                gboolean     *fixed)
{
  g_autoptr(GArray) minutes = mask_values (cron->minutes, 0, 59, NULL);
  g_autoptr(GArray) hours = mask_values (cron->hours, 0, 23, NULL);
  g_autofree char *hours_part = NULL;
  g_autofree char *minutes_part = NULL;
  gboolean at;
  gint start, step;

  *fixed = FALSE;

  if (cron->minutes == PW_CRON_ALL_MINUTES && cron->hours == PW_CRON_ALL_HOURS)
    return g_strdup (_("Every minute"));
  if (cron->minutes == 1 && cron->hours == PW_CRON_ALL_HOURS)
    return g_strdup (_("Every hour"));

  /* A handful of clock times: "At 00:00 and 12:00". */
  if (cron->hours != PW_CRON_ALL_HOURS && minutes->len * hours->len <= 6)
    {
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;

      for (guint h = 0; h < hours->len; h++)
        for (guint m = 0; m < minutes->len; m++)
          g_ptr_array_add (words, g_strdup_printf ("%02d:%02d", g_array_index (hours, gint, h),
                                                   g_array_index (minutes, gint, m)));
      list = join_words (words);
      *fixed = TRUE;
      return g_strdup_printf (_("At %s"), list);
    }

  at = TRUE;
  if (cron->minutes == PW_CRON_ALL_MINUTES)
    {
      minutes_part = g_strdup (_("Every minute"));
      at = FALSE;
    }
  else if (is_step (minutes, 59, &start, &step) && start == 0)
    {
      minutes_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d minute",
                                                   "Every %d minutes", step),
                                      step);
      at = FALSE;
    }
  else if (minutes->len == 1)
    minutes_part = g_strdup_printf (_("At minute %d"), g_array_index (minutes, gint, 0));
  else
    {
      g_autofree char *list = list_values (minutes, number_name, FALSE);

      minutes_part = g_strdup_printf (_("At minutes %s"), list);
    }

  hours_part = describe_hours (cron, at);
  if (hours_part[0] == '\0')
    return g_steal_pointer (&minutes_part);
  return g_strdup_printf (C_("cron minutes and hours", "%s %s"), minutes_part, hours_part);
}

static char *
describe_days_of_month (const PwCron *cron)
{
  g_autoptr(GArray) days = mask_values (cron->days, 1, 31, NULL);
  g_autofree char *list = NULL;
  gint start, step;

  if (days->len == 1)
    return g_strdup_printf (_("on day %d of the month"), g_array_index (days, gint, 0));
  if (is_step (days, 31, &start, &step) && start == 1)
    {
      g_autofree char *nth = ordinal (step);

      return g_strdup_printf (_("on every %s day of the month"), nth);
    }
  list = list_values (days, number_name, FALSE);
  return g_strdup_printf (_("on days %s of the month"), list);
}

static char *
describe_weekdays (const PwCron *cron)
{
  g_autoptr(GArray) days = mask_values (cron->weekdays, 0, 6, week_order);
  g_autofree char *list = NULL;
  gboolean contiguous = days->len >= 3;

  /* Contiguous in week order, where Saturday runs into Sunday. */
  for (guint i = 1; contiguous && i < days->len; i++)
    {
      gint prev = g_array_index (days, gint, i - 1);
      gint cur = g_array_index (days, gint, i);

      contiguous = cur == prev + 1 || (prev == 6 && cur == 0);
    }
  if (contiguous)
    return g_strdup_printf (_("from %s to %s"), weekday_name (g_array_index (days, gint, 0)),
                            weekday_name (g_array_index (days, gint, days->len - 1)));

  list = list_values (days, weekday_dup, TRUE);
  return g_strdup_printf (_("on %s"), list);
}

static char *
describe_months (const PwCron *cron)
{
  g_autoptr(GArray) months = mask_values (cron->months, 1, 12, NULL);
  g_autofree char *list = NULL;

  if (months->len >= 3 && is_single_range (months))
    return g_strdup_printf (_("from %s to %s"), month_name (g_array_index (months, gint, 0)),
                            month_name (g_array_index (months, gint, months->len - 1)));
  list = list_values (months, month_dup, FALSE);
  return g_strdup_printf (_("in %s"), list);
}

static char *
describe_cron (PwSchedule *self)
{
  const PwCron *cron = self->cron_expr;
  gboolean dom = cron->days != PW_CRON_ALL_DAYS;
  gboolean dow = cron->weekdays != PW_CRON_ALL_WEEKDAYS;
  gboolean month = cron->months != PW_CRON_ALL_MONTHS;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *times = NULL;
  gboolean fixed;

  if (cron->never)
    return g_strdup_printf (_("Never: no date matches “%s”"), self->cron);

  times = describe_times (cron, &fixed);
  g_string_append (out, times);

  if (dom && dow)
    {
      g_autofree char *a = describe_days_of_month (cron);
      g_autofree char *b = describe_weekdays (cron);

      g_string_append_c (out, ' ');
      if (cron->day_or)
        g_string_append_printf (out, C_("cron days", "%s or %s"), a, b);
      else
        g_string_append_printf (out, C_("cron days", "%s, only if that is %s"), a, b);
    }
  else if (dom || dow)
    {
      g_autofree char *a = dom ? describe_days_of_month (cron) : describe_weekdays (cron);

      g_string_append_printf (out, " %s", a);
    }
  else if (fixed)
    g_string_append_printf (out, " %s", _("every day"));

  if (month)
    {
      g_autofree char *m = describe_months (cron);

      g_string_append_printf (out, " %s", m);
    }

  /* The zone matters once hours or days are involved. */
  if (g_strcmp0 (self->effective_timezone, "UTC") != 0
      && (cron->hours != PW_CRON_ALL_HOURS || dom || dow || month))
    g_string_append_printf (out, C_("schedule and its time zone", ", %s"),
                            self->effective_timezone);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define WEEK_USEC   G_GINT64_CONSTANT (604800000000)
#define DAY_USEC    G_GINT64_CONSTANT (86400000000)
#define HOUR_USEC   G_GINT64_CONSTANT (3600000000)
#define MINUTE_USEC G_GINT64_CONSTANT (60000000)

/* "Every 15 minutes", "Every 1 day": the largest unit that divides. */
static char *
describe_every (gint64 usec)
{
  g_autofree char *number = NULL;
  gint64 count;

  /* Spelled out, one call per unit, so that xgettext sees the plurals. */
  if (usec % WEEK_USEC == 0)
    {
      count = usec / WEEK_USEC;
      number = g_strdup_printf ("%" G_GINT64_FORMAT, count);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %s week", "Every %s weeks",
                                           (gulong) MIN (count, 1000000)),
                              number);
    }
  if (usec % DAY_USEC == 0)
    {
      count = usec / DAY_USEC;
      number = g_strdup_printf ("%" G_GINT64_FORMAT, count);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %s day", "Every %s days",
                                           (gulong) MIN (count, 1000000)),
                              number);
    }
  if (usec % HOUR_USEC == 0)
    {
      count = usec / HOUR_USEC;
      number = g_strdup_printf ("%" G_GINT64_FORMAT, count);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %s hour", "Every %s hours",
                                           (gulong) MIN (count, 1000000)),
                              number);
    }
  if (usec % MINUTE_USEC == 0)
    {
      count = usec / MINUTE_USEC;
      number = g_strdup_printf ("%" G_GINT64_FORMAT, count);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %s minute", "Every %s minutes",
                                           (gulong) MIN (count, 1000000)),
                              number);
    }
  if (usec % G_USEC_PER_SEC == 0)
    {
      count = usec / G_USEC_PER_SEC;
      number = g_strdup_printf ("%" G_GINT64_FORMAT, count);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %s second", "Every %s seconds",
                                           (gulong) MIN (count, 1000000)),
                              number);
    }

  number = g_strdup_printf ("%g", (double) usec / G_USEC_PER_SEC);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %s second", "Every %s seconds", 2),
                          number);
}

static char *
describe_interval (PwSchedule *self)
{
  g_autoptr(GDateTime) anchor = pw_schedule_get_anchor_date (self);
  g_autofree char *every = describe_every (self->interval_usec);
  g_autofree char *from = g_date_time_format (anchor, g_date_time_get_second (anchor) != 0
                                              ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M");

  /* Translators: "Every 1 hour from 2026-01-01 09:00 UTC" */
  return g_strdup_printf (_("%s from %s %s"), every, from, self->effective_timezone);
}

static char *
describe_frequency (const struct icalrecurrencetype *rule)
{
  static const gint64 unit_usec[] = {
    G_USEC_PER_SEC, MINUTE_USEC, HOUR_USEC, DAY_USEC, WEEK_USEC,
  };
  gint n = MAX (rule->interval, 1);

  if (rule->freq <= ICAL_WEEKLY_RECURRENCE)
    return describe_every (unit_usec[rule->freq] * n);
  if (rule->freq == ICAL_MONTHLY_RECURRENCE)
    return n == 1 ? g_strdup (_("Every month"))
                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d month",
                                                  "Every %d months", n), n);
  return n == 1 ? g_strdup (_("Every year"))
                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d year", "Every %d years",
                                                n), n);
}

static GArray *
short_values (const short *array,
              gsize        size)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gint));

  for (gsize i = 0; i < size && array[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    {
      gint v = array[i];

      g_array_append_val (values, v);
    }
  return values;
}

static void
append_rule_days (GString                         *out,
                  const struct icalrecurrencetype *rule)
{
  g_autoptr(GArray) by_day = short_values (rule->by_day, ICAL_BY_DAY_SIZE);
  g_autoptr(GArray) by_month_day = short_values (rule->by_month_day, ICAL_BY_MONTHDAY_SIZE);
  g_autoptr(GArray) by_month = short_values (rule->by_month, ICAL_BY_MONTH_SIZE);

  if (by_day->len > 0)
    {
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;

      for (guint i = 0; i < by_day->len; i++)
        {
          short code = (short) g_array_index (by_day, gint, i);
          gint weekday = (gint) icalrecurrencetype_day_day_of_week (code) - 1;
          gint pos = icalrecurrencetype_day_position (code);
          const char *name = weekday_name (CLAMP (weekday, 0, 6));

          if (pos == 0)
            g_ptr_array_add (words, g_strdup (name));
          else if (pos == -1)
            g_ptr_array_add (words, g_strdup_printf (_("the last %s"), name));
          else
            {
              g_autofree char *nth = ordinal (ABS (pos));

              g_ptr_array_add (words, g_strdup_printf (pos > 0 ? _("the %s %s")
                                                               : _("the %s-to-last %s"),
                                                       nth, name));
            }
        }
      list = join_words (words);
      g_string_append_printf (out, _(" on %s"), list);
    }

  if (by_month_day->len > 0)
    {
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;

      for (guint i = 0; i < by_month_day->len; i++)
        {
          gint d = g_array_index (by_month_day, gint, i);

          if (d == -1)
            g_ptr_array_add (words, g_strdup (_("the last day")));
          else
            g_ptr_array_add (words, g_strdup_printf ("%d", d));
        }
      list = join_words (words);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " on day %s", " on days %s",
                                                by_month_day->len),
                              list);
    }

  if (by_month->len > 0)
    {
      g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (gint));
      g_autofree char *list = NULL;

      for (guint i = 0; i < by_month->len; i++)
        {
          gint m = icalrecurrencetype_month_month ((short) g_array_index (by_month, gint, i));

          if (m >= 1 && m <= 12)
            g_array_append_val (months, m);
        }
      list = list_values (months, month_dup, FALSE);
      g_string_append_printf (out, _(" in %s"), list);
    }
}

static void
append_rule_times (GString                         *out,
                   const struct icalrecurrencetype *rule,
                   gint64                           dtstart_wall)
{
  g_autoptr(GArray) hours = short_values (rule->by_hour, ICAL_BY_HOUR_SIZE);
  g_autoptr(GArray) minutes = short_values (rule->by_minute, ICAL_BY_MINUTE_SIZE);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  gint64 secs = dtstart_wall - pw_tz_floor_div (dtstart_wall, 86400) * 86400;
  g_autofree char *list = NULL;

  /* Below daily the frequency already says when. */
  if (rule->freq < ICAL_DAILY_RECURRENCE)
    return;

  if (hours->len == 0)
    {
      gint h = (gint) (secs / 3600);

      g_array_append_val (hours, h);
    }
  if (minutes->len == 0)
    {
      gint m = (gint) (secs / 60 % 60);

      g_array_append_val (minutes, m);
    }
  if (hours->len * minutes->len > 6)
    {
      list = list_values (hours, number_name, FALSE);
      g_string_append_printf (out, _(" during hours %s"), list);
      return;
    }

  for (guint h = 0; h < hours->len; h++)
    for (guint m = 0; m < minutes->len; m++)
      g_ptr_array_add (words, g_strdup_printf ("%02d:%02d", g_array_index (hours, gint, h),
                                               g_array_index (minutes, gint, m)));
  list = join_words (words);
  g_string_append_printf (out, _(" at %s"), list);
}

static char *
describe_rrule (PwSchedule *self)
{
  const PwRRule *set = self->rrule_set;
  g_autoptr(GString) out = g_string_new (NULL);
  gint year, month, day;

  pw_tz_civil_from_days (pw_tz_floor_div (set->dtstart_wall, 86400), &year, &month, &day);

  if (set->rules->len == 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "On %u date", "On %u dates",
                                              set->rdates->len),
                            set->rdates->len);
  else
    {
      const struct icalrecurrencetype *rule = &g_array_index (set->rules, struct icalrecurrencetype, 0);
      gint64 until = g_array_index (set->rule_until, gint64, 0);
      g_autofree char *every = describe_frequency (rule);

      g_string_append (out, every);
      append_rule_days (out, rule);
      append_rule_times (out, rule, set->dtstart_wall);

      if (rule->by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX
          || rule->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX
          || rule->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX
          || rule->by_second[0] != ICAL_RECURRENCE_ARRAY_MAX)
        g_string_append (out, _(" (with further rule parts)"));

      if (rule->count > 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, ", %d time", ", %d times",
                                                  rule->count),
                                rule->count);

      g_string_append_printf (out, _(" from %04d-%02d-%02d"), year, month, day);

      if (until != G_MAXINT64)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (until);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, set->tz);
          g_autofree char *text = g_date_time_format (local, "%Y-%m-%d %H:%M");

          g_string_append_printf (out, _(" until %s"), text);
        }
      else if (!icaltime_is_null_time (rule->until))
        g_string_append_printf (out, _(" until %04d-%02d-%02d"), rule->until.year,
                                rule->until.month, rule->until.day);

      if (set->rules->len > 1)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, ", and %u more rule",
                                                  ", and %u more rules", set->rules->len - 1),
                                set->rules->len - 1);
      if (set->rdates->len > 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, ", plus %u date",
                                                  ", plus %u dates", set->rdates->len),
                                set->rdates->len);
    }

  if (set->exdates->len > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, ", except %u date",
                                              ", except %u dates", set->exdates->len),
                            set->exdates->len);

  g_string_append_printf (out, C_("schedule and its time zone", ", %s"), set->tz_name);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pw_schedule_describe:
 * @self: a #PwSchedule
 *
 * The schedule in plain words, translated: "At 03:00 every day,
 * Europe/Berlin", "Every 15 minutes", "At minute 0 past every 2nd hour
 * from Monday to Friday", "Every 1 hour from 2026-01-01 09:00 UTC",
 * "Every month on day 1 at 09:00, 12 times from 2026-01-01,
 * America/New_York".
 *
 * Returns: (transfer full): the description
 */
char *
pw_schedule_describe (PwSchedule *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);

  switch (self->kind)
    {
    case PW_SCHEDULE_KIND_INTERVAL:
      return describe_interval (self);
    case PW_SCHEDULE_KIND_CRON:
      return describe_cron (self);
    case PW_SCHEDULE_KIND_RRULE:
      return describe_rrule (self);
    default:
      g_assert_not_reached ();
    }
}
