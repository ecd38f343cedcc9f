/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-schedule"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-rrule-schedule.h"
#include "pw-schedule.h"
#include "pw-tz.h"

/*
 * RRULE schedules through libical. The text is read as dateutil's
 * rrulestr() reads it for Prefect: whitespace-separated lines `DTSTART`,
 * `RRULE` (several are allowed; a bare `FREQ=…` line is an RRULE), `RDATE`
 * and `EXDATE`, names in any case.
 *
 * Time zones. libical expands the rules on a floating (zone-less) wall
 * clock; we turn each local time into an instant in the schedule's zone,
 * which is the `timezone` member, else the TZID of DTSTART, else UTC. A
 * floating DTSTART, RDATE or EXDATE is on that clock; one ending in `Z` is
 * UTC, one with a TZID is in that zone. A local time that does not exist
 * (spring forward) is read with the offset from before the change, one
 * that exists twice is its first pass, as RFC 5545 says. An UNTIL in UTC
 * is compared with instants (libical would compare it with local times);
 * Prefect instead reads every UNTIL on the local clock.
 *
 * Without DTSTART the rules start at Prefect's default anchor,
 * 2020-01-01T00:00 local. As in dateutil and libical, DTSTART itself is an
 * occurrence only if the rules match it.
 */

/* A bound on the work of one call: rules with COUNT are expanded from
 * DTSTART, and a rule that only yields every few centuries is not worth
 * waiting for. */
#define MAX_STEPS 5000000

static const char * const rule_parts[] = {
  "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
  "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST", NULL,
};

static void
ensure_libical (void)
{
  static gsize done = 0;

  /* libical aborts on a malformed rule when its errors are fatal, a
   * build-time default; we report them instead. */
  if (g_once_init_enter (&done))
    {
      icalerror_set_errors_are_fatal (0);
      g_once_init_leave (&done, 1);
    }
}

/**
 * pw_rrule_free:
 * @rrule: (nullable): a parsed recurrence text
 *
 * Frees @rrule.
 */
void
pw_rrule_free (PwRRule *rrule)
{
  if (rrule == NULL)
    return;
  g_clear_pointer (&rrule->tz, g_time_zone_unref);
  g_clear_pointer (&rrule->tz_name, g_free);
  g_clear_pointer (&rrule->rules, g_array_unref);
  g_clear_pointer (&rrule->rule_until, g_array_unref);
  g_clear_pointer (&rrule->rdates, g_array_unref);
  g_clear_pointer (&rrule->exdates, g_array_unref);
  g_free (rrule);
}

static gint
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

/* A local date and time as written in RFC 5545 (20260101T090000, with Z
 * for UTC; a bare date 20260101 is its midnight), also with the dashes and
 * colons of ISO 8601 that dateutil accepts. */
static gboolean
parse_date_time (const char *value,
                 gint64     *wall,
                 gboolean   *is_utc)
{
  char digits[16];
  gsize n = 0;
  gboolean has_time = FALSE;
  gint year, month, day, hour = 0, minute = 0, second = 0;

  *is_utc = FALSE;
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '-' || *p == ':')
        continue;
      if ((*p == 'Z' || *p == 'z') && p[1] == '\0' && has_time)
        {
          *is_utc = TRUE;
          break;
        }
      if ((*p == 'T' || *p == 't') && n == 8 && !has_time)
        {
          has_time = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p) || n >= 14)
        return FALSE;
      digits[n++] = *p;
    }

  if (!((n == 8 && !has_time) || (n == 14 && has_time)))
    return FALSE;
  digits[n] = '\0';

  if (sscanf (digits, "%4d%2d%2d", &year, &month, &day) != 3)
    return FALSE;
  if (has_time && sscanf (digits + 8, "%2d%2d%2d", &hour, &minute, &second) != 3)
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > pw_tz_days_in_month (year, month)
      || hour > 23 || minute > 59 || second > 60)
    return FALSE;

  /* A leap second is the next second, as everywhere else in GLib. */
  *wall = pw_tz_days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return TRUE;
}

typedef struct
{
  gint64     wall;
  gboolean   is_utc;
  GTimeZone *tz;     /* from TZID, or NULL */
} Moment;

static gint64
moment_to_utc (const Moment *m,
               GTimeZone    *floating_tz)
{
  if (m->is_utc)
    return m->wall;
  return pw_tz_wall_to_utc (m->tz != NULL ? m->tz : floating_tz, m->wall);
}

/* The TZID parameter of a line, looked up, or NULL when there is none. */
static gboolean
line_zone (GStrv        params,
           const char  *line,
           GTimeZone  **tz,
           GError     **error)
{
  *tz = NULL;
  for (guint i = 0; params[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (params[i], "TZID=", 5) == 0)
        {
          g_clear_pointer (tz, g_time_zone_unref);
          *tz = pw_tz_lookup (params[i] + 5, error);
          if (*tz == NULL)
            return FALSE;
        }
      else if (g_ascii_strcasecmp (params[i], "VALUE=PERIOD") == 0)
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                       _("periods are not supported in the recurrence line `%s`"), line);
          return FALSE;
        }
    }
  return TRUE;
}

/* Says which part of an RRULE libical refused, and why. */
static void
rule_error (const char  *rule,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (rule, ";", -1);
  const char *freq = NULL;
  gboolean has_count = FALSE, has_until = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *name = eq != NULL ? g_ascii_strup (parts[i], eq - parts[i]) : NULL;

      if (parts[i][0] == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                       _("`%s` in the rule `%s` is not NAME=VALUE"), parts[i], rule);
          return;
        }
      if (g_strcmp0 (name, "RSCALE") == 0 || g_strcmp0 (name, "SKIP") == 0)
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                       _("%s (other calendars) is not supported, in the rule `%s`"), name, rule);
          return;
        }
      if (!g_strv_contains (rule_parts, name))
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                       _("unknown part `%s` in the rule `%s`"), name, rule);
          return;
        }
      if (g_strcmp0 (name, "FREQ") == 0)
        freq = parts[i];
      has_count |= g_strcmp0 (name, "COUNT") == 0;
      has_until |= g_strcmp0 (name, "UNTIL") == 0;
    }

  if (freq == NULL)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                   _("the rule `%s` has no FREQ"), rule);
      return;
    }
  if (icalrecurrencetype_from_string (freq).freq == ICAL_NO_RECURRENCE)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                   _("`%s` is not one of FREQ=SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, "
                     "MONTHLY or YEARLY"), freq);
      return;
    }
  if (has_count && has_until)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                   _("the rule `%s` has both COUNT and UNTIL; it may have only one"), rule);
      return;
    }

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *probe = g_strconcat (freq, ";", parts[i], NULL);

      if (parts[i][0] == '\0' || parts[i] == freq)
        continue;
      if (icalrecurrencetype_from_string (probe).freq == ICAL_NO_RECURRENCE)
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                       _("`%s` is not valid, in the rule `%s`"), parts[i], rule);
          return;
        }
    }

  g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
               _("the rule `%s` is not valid"), rule);
}

static gboolean
parse_rule (PwRRule     *self,
            const char  *value,
            GPtrArray   *texts,
            GError     **error)
{
  struct icalrecurrencetype rule;
  gint64 until = G_MAXINT64;

  rule = icalrecurrencetype_from_string (value);
  if (rule.freq == ICAL_NO_RECURRENCE || rule.rscale != NULL || strchr (value, '=') == NULL)
    {
      g_clear_pointer (&rule.rscale, icalmemory_free_buffer);
      rule_error (value, error);
      return FALSE;
    }

  if (!icaltime_is_null_time (rule.until) && icaltime_is_utc (rule.until))
    {
      until = pw_tz_days_from_civil (rule.until.year, rule.until.month, rule.until.day) * 86400
              + rule.until.hour * 3600 + rule.until.minute * 60 + rule.until.second;
      rule.until = icaltime_null_time ();
    }

  g_array_append_val (self->rules, rule);
  g_array_append_val (self->rule_until, until);
  g_ptr_array_add (texts, (gpointer) value);
  return TRUE;
}

static guint
by_count (const short *array,
          gsize        size)
{
  guint n = 0;

  while (n < size && array[n] != ICAL_RECURRENCE_ARRAY_MAX)
    n++;
  return n;
}

/*
 * libical looks for the next occurrence one period of the frequency at a
 * time and stops only centuries later, so a rule that can never match
 * (FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30) would keep a call busy for
 * minutes. Such rules are refused when they are parsed:
 *  - the days: the rule's day parts as a FREQ=YEARLY rule, which libical
 *    expands a whole year at a time (a rule that never matches costs it
 *    some 70 ms, once);
 *  - BYSETPOS below daily: a position past the size of each set.
 * A rule that matches only rarely (29 February on a Monday, minutely) is
 * still slow to expand; that is the price of the frequency.
 */
static gboolean
check_can_match (const struct icalrecurrencetype *rule,
                 const char                      *text,
                 gint64                           dtstart_wall,
                 GError                         **error)
{
  gboolean has_days = rule->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX
                      || rule->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX
                      || rule->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX
                      || rule->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX
                      || rule->by_day[0] != ICAL_RECURRENCE_ARRAY_MAX;

  if (has_days)
    {
      struct icalrecurrencetype days = *rule;
      struct icaltimetype start = icaltime_null_time ();
      icalrecur_iterator *it;
      gboolean positional = FALSE;
      gboolean found;
      gint64 d = pw_tz_floor_div (dtstart_wall, 86400);

      days.freq = ICAL_YEARLY_RECURRENCE;
      days.interval = 1;
      days.count = 0;
      days.until = icaltime_null_time ();
      days.by_second[0] = days.by_minute[0] = days.by_hour[0] = ICAL_RECURRENCE_ARRAY_MAX;
      days.by_set_pos[0] = ICAL_RECURRENCE_ARRAY_MAX;
      /* "1MO" of a monthly rule is in each month; in a yearly one only
       * with BYMONTH. */
      for (guint i = 0; i < by_count (days.by_day, ICAL_BY_DAY_SIZE); i++)
        positional |= icalrecurrencetype_day_position (days.by_day[i]) != 0;
      if (positional && rule->freq == ICAL_MONTHLY_RECURRENCE
          && days.by_month[0] == ICAL_RECURRENCE_ARRAY_MAX)
        {
          for (gint m = 0; m < 12; m++)
            days.by_month[m] = (short) (m + 1);
          days.by_month[12] = ICAL_RECURRENCE_ARRAY_MAX;
        }

      pw_tz_civil_from_days (d, &start.year, &start.month, &start.day);
      it = icalrecur_iterator_new (days, start);
      found = it != NULL && !icaltime_is_null_time (icalrecur_iterator_next (it));
      g_clear_pointer (&it, icalrecur_iterator_free);
      if (!found)
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                       _("the rule `%s` never matches a date"), text);
          return FALSE;
        }
    }

  if (rule->freq < ICAL_DAILY_RECURRENCE && rule->by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX)
    {
      guint size = MAX (by_count (rule->by_second, ICAL_BY_SECOND_SIZE), 1);

      if (rule->freq >= ICAL_HOURLY_RECURRENCE)
        size *= MAX (by_count (rule->by_minute, ICAL_BY_MINUTE_SIZE), 1);
      for (guint i = 0; i < by_count (rule->by_set_pos, ICAL_BY_SETPOS_SIZE); i++)
        if ((guint) ABS (rule->by_set_pos[i]) > size)
          {
            g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "the rule `%s` never matches: BYSETPOS=%d is past the "
                                      "%u time of each period",
                                      "the rule `%s` never matches: BYSETPOS=%d is past the "
                                      "%u times of each period",
                                      size),
                         text, rule->by_set_pos[i], size);
            return FALSE;
          }
    }

  return TRUE;
}

/* Fills @out with the comma-separated date-times of an RDATE or EXDATE. */
static gboolean
parse_moments (const char  *line,
               const char  *value,
               GTimeZone   *tz,
               GArray      *out,
               GError     **error)
{
  g_auto(GStrv) values = g_strsplit (value, ",", -1);

  for (guint i = 0; values[i] != NULL; i++)
    {
      Moment m = { 0, FALSE, NULL };

      if (!parse_date_time (values[i], &m.wall, &m.is_utc))
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                       _("`%s` is not a date and time like 20260101T090000, in `%s`"),
                       values[i], line);
          return FALSE;
        }
      m.tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
      g_array_append_val (out, m);
    }
  return TRUE;
}

static void
clear_moment (gpointer data)
{
  Moment *m = data;

  g_clear_pointer (&m->tz, g_time_zone_unref);
}

/**
 * pw_rrule_parse:
 * @text: the recurrence text, at most %PW_SCHEDULE_RRULE_MAX_LENGTH characters
 * @timezone: (nullable): the schedule's IANA zone
 * @error: return location for a #PW_SCHEDULE_ERROR error
 *
 * Parses a recurrence text: its lines are checked one by one, and an
 * invalid rule is reported with the part libical refused.
 *
 * Returns: (transfer full) (nullable): the parsed text
 */
PwRRule *
pw_rrule_parse (const char  *text,
                const char  *timezone,
                GError     **error)
{
  g_autoptr(PwRRule) self = g_new0 (PwRRule, 1);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) rdates = g_array_new (FALSE, FALSE, sizeof (Moment));
  g_autoptr(GArray) exdates = g_array_new (FALSE, FALSE, sizeof (Moment));
  g_autoptr(GTimeZone) schedule_tz = NULL;
  gboolean has_dtstart = FALSE;
  g_autoptr(GTimeZone) dtstart_tz = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  Moment dtstart = { 0, FALSE, NULL };

  g_return_val_if_fail (text != NULL, NULL);

  ensure_libical ();
  g_array_set_clear_func (rdates, clear_moment);
  g_array_set_clear_func (exdates, clear_moment);

  if (g_utf8_strlen (text, -1) > PW_SCHEDULE_RRULE_MAX_LENGTH)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                   _("the recurrence text is longer than %d characters"),
                   PW_SCHEDULE_RRULE_MAX_LENGTH);
      return NULL;
    }

  if (timezone != NULL && (schedule_tz = pw_tz_lookup (timezone, error)) == NULL)
    return NULL;

  self->rules = g_array_new (FALSE, FALSE, sizeof (struct icalrecurrencetype));
  self->rule_until = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rdates = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->exdates = g_array_new (FALSE, FALSE, sizeof (gint64));

  lines = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon = strchr (line, ':');
      g_autofree char *head = NULL;
      g_auto(GStrv) params = NULL;
      g_autoptr(GTimeZone) tz = NULL;
      const char *value;

      if (line[0] == '\0')
        continue;

      /* dateutil takes a line without a name for an RRULE. */
      if (colon == NULL)
        {
          if (!parse_rule (self, line, texts, error))
            return NULL;
          continue;
        }

      /* Names in any case; the TZID keeps its case (zone names are file
       * names). */
      head = g_strndup (line, colon - line);
      params = g_strsplit (head, ";", -1);
      value = colon + 1;
      if (!line_zone (params + 1, line, &tz, error))
        return NULL;

      if (g_ascii_strcasecmp (params[0], "RRULE") == 0)
        {
          if (!parse_rule (self, value, texts, error))
            return NULL;
        }
      else if (g_ascii_strcasecmp (params[0], "DTSTART") == 0)
        {
          if (has_dtstart)
            {
              g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                           _("the recurrence text has more than one DTSTART"));
              return NULL;
            }
          if (!parse_date_time (value, &dtstart.wall, &dtstart.is_utc))
            {
              g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                           _("`%s` is not a date and time like 20260101T090000, in `%s`"),
                           value, line);
              return NULL;
            }
          dtstart_tz = g_steal_pointer (&tz);
          dtstart.tz = dtstart_tz;
          has_dtstart = TRUE;
        }
      else if (g_ascii_strcasecmp (params[0], "RDATE") == 0)
        {
          if (!parse_moments (line, value, tz, rdates, error))
            return NULL;
        }
      else if (g_ascii_strcasecmp (params[0], "EXDATE") == 0)
        {
          if (!parse_moments (line, value, tz, exdates, error))
            return NULL;
        }
      else if (g_ascii_strcasecmp (params[0], "EXRULE") == 0)
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                       _("EXRULE is not supported (RFC 5545 dropped it); use EXDATE"));
          return NULL;
        }
      else
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                       _("unknown recurrence line `%s`: expected DTSTART, RRULE, RDATE or EXDATE"),
                       line);
          return NULL;
        }
    }

  if (self->rules->len == 0 && rdates->len == 0)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_RRULE,
                   _("the recurrence text has no RRULE"));
      return NULL;
    }

  /* The wall clock: the schedule's zone, else DTSTART's, else UTC. */
  if (schedule_tz != NULL)
    {
      self->tz = g_steal_pointer (&schedule_tz);
      self->tz_name = g_strdup (timezone);
    }
  else if (dtstart.tz != NULL)
    {
      self->tz = g_time_zone_ref (dtstart.tz);
      self->tz_name = g_strdup (g_time_zone_get_identifier (dtstart.tz));
    }
  else
    {
      self->tz = g_time_zone_new_utc ();
      self->tz_name = g_strdup ("UTC");
    }

  if (has_dtstart && (dtstart.is_utc || dtstart.tz != NULL))
    {
      gint64 instant = moment_to_utc (&dtstart, self->tz);

      self->dtstart_wall = instant + pw_tz_offset_at (self->tz, instant);
    }
  else if (has_dtstart)
    self->dtstart_wall = dtstart.wall;
  else
    self->dtstart_wall = pw_tz_days_from_civil (PW_RRULE_DEFAULT_DTSTART_YEAR, 1, 1) * 86400;

  for (guint i = 0; i < self->rules->len; i++)
    if (!check_can_match (&g_array_index (self->rules, struct icalrecurrencetype, i),
                          g_ptr_array_index (texts, i), self->dtstart_wall, error))
      return NULL;

  for (guint i = 0; i < rdates->len; i++)
    {
      gint64 x = moment_to_utc (&g_array_index (rdates, Moment, i), self->tz);

      g_array_append_val (self->rdates, x);
    }
  for (guint i = 0; i < exdates->len; i++)
    {
      gint64 x = moment_to_utc (&g_array_index (exdates, Moment, i), self->tz);

      g_array_append_val (self->exdates, x);
    }
  g_array_sort (self->rdates, compare_gint64);
  g_array_sort (self->exdates, compare_gint64);

  return g_steal_pointer (&self);
}

static struct icaltimetype
wall_to_icaltime (gint64 wall)
{
  struct icaltimetype t = icaltime_null_time ();
  gint64 days = pw_tz_floor_div (wall, 86400);
  gint64 secs = wall - days * 86400;

  pw_tz_civil_from_days (days, &t.year, &t.month, &t.day);
  t.hour = (int) (secs / 3600);
  t.minute = (int) (secs / 60 % 60);
  t.second = (int) (secs % 60);
  t.is_date = 0;
  return t;
}

static gint64
icaltime_to_wall (struct icaltimetype t)
{
  gint64 wall = pw_tz_days_from_civil (t.year, t.month, t.day) * 86400;

  if (!t.is_date)
    wall += t.hour * 3600 + t.minute * 60 + t.second;
  return wall;
}

static gboolean
is_excluded (const PwRRule *self,
             gint64         x)
{
  guint lo = 0, hi = self->exdates->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (self->exdates, gint64, mid);

      if (v == x)
        return TRUE;
      if (v < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/* Where to start libical's iterator: without COUNT there is no need to
 * expand the rule from DTSTART. Returns the iterator. */
static icalrecur_iterator *
start_iterator (const PwRRule                   *self,
                const struct icalrecurrencetype *rule,
                gint64                           from_wall,
                gboolean                         skip_ahead)
{
  static const gint64 unit[] = { 1, 60, 3600 };
  gint64 start = self->dtstart_wall;
  icalrecur_iterator *it;

  if (!skip_ahead || rule->count != 0 || from_wall <= start)
    return icalrecur_iterator_new (*rule, wall_to_icaltime (start));

  /* libical 3.0's icalrecur_iterator_set_start() loses the phase of
   * FREQ=MINUTELY;INTERVAL=7 and the like. For the sub-daily frequencies
   * moving DTSTART on by whole periods gives the same set of times. */
  if (rule->freq <= ICAL_HOURLY_RECURRENCE)
    {
      gint64 period = unit[rule->freq] * MAX (rule->interval, 1);

      start += (from_wall - start) / period * period;
      return icalrecur_iterator_new (*rule, wall_to_icaltime (start));
    }

  it = icalrecur_iterator_new (*rule, wall_to_icaltime (start));
  if (it != NULL && !icalrecur_iterator_set_start (it, wall_to_icaltime (from_wall)))
    {
      icalrecur_iterator_free (it);
      it = icalrecur_iterator_new (*rule, wall_to_icaltime (start));
    }
  return it;
}

/**
 * pw_rrule_next_times:
 * @self: a parsed recurrence text
 * @after_usec: an instant
 * @n: how many times to return at most
 * @until_usec: the last instant that may be returned
 * @skip_ahead: start libical's expansion near @after_usec when the rules
 *   allow it (always, but for tests that compare with a full expansion)
 *
 * Returns: (transfer full) (element-type gint64): the next up to @n
 *   occurrences strictly after @after_usec, in microseconds, in order
 */
GArray *
pw_rrule_next_times (const PwRRule *self,
                     gint64         after_usec,
                     guint          n,
                     gint64         until_usec,
                     gboolean       skip_ahead)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (n, 1024));
  gint64 after = pw_tz_floor_div (after_usec, G_USEC_PER_SEC);
  gint64 limit = MIN (pw_tz_floor_div (until_usec, G_USEC_PER_SEC), PW_TZ_MAX_UNIX);
  gint64 from_wall;

  if (n == 0 || after >= limit)
    return out;

  /* DST moves a local time by hours: a day's margin either side. */
  from_wall = after + pw_tz_offset_at (self->tz, after) - 86400;

  for (guint r = 0; r < self->rules->len; r++)
    {
      const struct icalrecurrencetype *rule = &g_array_index (self->rules, struct icalrecurrencetype, r);
      gint64 rule_until = g_array_index (self->rule_until, gint64, r);
      icalrecur_iterator *it = start_iterator (self, rule, from_wall, skip_ahead);
      guint taken = 0;
      gint64 stop_wall = G_MAXINT64;

      if (it == NULL)
        continue;

      for (guint step = 0; step < MAX_STEPS; step++)
        {
          struct icaltimetype t = icalrecur_iterator_next (it);
          gint64 wall, x;

          if (icaltime_is_null_time (t))
            break;
          wall = icaltime_to_wall (t);
          if (wall > stop_wall || wall > PW_TZ_MAX_UNIX + 86400)
            break;
          x = pw_tz_wall_to_utc (self->tz, wall);
          if (x > MIN (limit, rule_until))
            {
              if (x - 86400 > MIN (limit, rule_until))
                break;
              continue;
            }
          if (x <= after || is_excluded (self, x))
            continue;

          g_array_append_val (found, x);
          /* Once n are found, later local times can only come first if
           * a DST gap moved them, by less than a day. */
          if (++taken == n)
            stop_wall = wall + 86400;
        }
      icalrecur_iterator_free (it);
    }

  for (guint i = 0; i < self->rdates->len; i++)
    {
      gint64 x = g_array_index (self->rdates, gint64, i);

      if (x > after && x <= limit && !is_excluded (self, x))
        g_array_append_val (found, x);
    }

  g_array_sort (found, compare_gint64);
  for (guint i = 0; i < found->len && out->len < n; i++)
    {
      gint64 x = g_array_index (found, gint64, i);
      gint64 usec;

      if (i > 0 && x == g_array_index (found, gint64, i - 1))
        continue;
      usec = x * G_USEC_PER_SEC;
      g_array_append_val (out, usec);
    }

  return out;
}
