/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cron"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-cron.h"
#include "pw-schedule.h"
#include "pw-tz.h"

/*
 * The cron parser: five fields (minute hour day-of-month month
 * day-of-week), each a comma list of `*`, `N`, `A-B`, `*∕S`, `A-B∕S` or
 * `A∕S` (A to the end of the field, as croniter reads it), month names
 * JAN–DEC and weekday names SUN–SAT in any case, 0 and 7 both Sunday, and
 * the @hourly … @yearly macros. Like Prefect we refuse croniter's random
 * (R) and hashed (H) values; croniter's `L`, `W` and `#` extensions are
 * refused too, with a message that names them.
 *
 * Which days match follows croniter, which Prefect uses: a day field is
 * "restricted" when it does not hold every value, and when both are, day_or
 * chooses between either (cron's rule) and both. Vixie cron instead calls a
 * field unrestricted only when it starts with `*`, so `*∕2` in the
 * day-of-month field differs between the two; Prefect users expect
 * croniter's answer.
 */

typedef struct
{
  const char         *name;
  gint                min;
  gint                max;
  const char * const *names;
  gint                first_name_value;
} FieldSpec;

static const char * const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL
};

static const char * const weekday_names[] = {
  "sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL
};

static const FieldSpec fields[PW_CRON_N_FIELDS] = {
  { N_("minute"), 0, 59, NULL, 0 },
  { N_("hour"), 0, 23, NULL, 0 },
  { N_("day of month"), 1, 31, NULL, 0 },
  { N_("month"), 1, 12, month_names, 1 },
  { N_("day of week"), 0, 7, weekday_names, 0 },
};

static const struct
{
  const char *name;
  const char *expr;
} macros[] = {
  { "@yearly", "0 0 1 1 *" },
  { "@annually", "0 0 1 1 *" },
  { "@monthly", "0 0 1 * *" },
  { "@weekly", "0 0 * * 0" },
  { "@daily", "0 0 * * *" },
  { "@midnight", "0 0 * * *" },
  { "@hourly", "0 * * * *" },
};

/**
 * pw_cron_field_name:
 * @field: a field
 *
 * Returns: the field's name in words, translated
 */
const char *
pw_cron_field_name (PwCronField field)
{
  g_return_val_if_fail (field < PW_CRON_N_FIELDS, NULL);

  return _(fields[field].name);
}

G_GNUC_PRINTF (3, 4)
static void
field_error (GError      **error,
             PwCronField   field,
             const char   *format,
             ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: "cron field 2 (hour): 24 is out of range 0–23" */
  g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_CRON,
               _("cron field %u (%s): %s"),
               (guint) field + 1, _(fields[field].name), reason);
}

/* A number or a name of the field. Returns FALSE with @error set. */
static gboolean
parse_value (PwCronField   field,
             const char   *text,
             gsize         len,
             gint         *value,
             GError      **error)
{
  const FieldSpec *spec = &fields[field];
  g_autofree char *word = g_strndup (text, len);
  gint v = 0;

  if (len == 0)
    {
      field_error (error, field, _("a value is missing"));
      return FALSE;
    }

  if (g_ascii_isdigit (word[0]))
    {
      for (gsize i = 0; i < len; i++)
        {
          if (!g_ascii_isdigit (word[i]))
            goto not_a_value;
          if (v < 100000)
            v = v * 10 + (word[i] - '0');
        }
      if (v < spec->min || v > spec->max)
        {
          field_error (error, field, _("%s is out of range %d–%d"),
                       word, spec->min, spec->max);
          return FALSE;
        }
      *value = v;
      return TRUE;
    }

  if (spec->names != NULL)
    {
      for (guint i = 0; spec->names[i] != NULL; i++)
        if (g_ascii_strcasecmp (word, spec->names[i]) == 0)
          {
            *value = spec->first_name_value + (gint) i;
            return TRUE;
          }
    }

not_a_value:
  if (g_ascii_strcasecmp (word, "R") == 0 || g_ascii_strcasecmp (word, "H") == 0
      || ((word[0] == 'H' || word[0] == 'h') && word[1] == '('))
    field_error (error, field,
                 _("random (R) and hashed (H) values are not supported"));
  else if (strchr (word, '#') != NULL)
    field_error (error, field, _("`%s`: the nth weekday (#) is not supported"), word);
  else if (g_ascii_strcasecmp (word, "L") == 0
           || (g_ascii_isdigit (word[0]) && (word[len - 1] == 'L' || word[len - 1] == 'l')))
    field_error (error, field, _("`%s`: the last day (L) is not supported"), word);
  else if (g_ascii_isdigit (word[0]) && (word[len - 1] == 'W' || word[len - 1] == 'w'))
    field_error (error, field, _("`%s`: the nearest weekday (W) is not supported"), word);
  else if (field == PW_CRON_FIELD_MONTH)
    field_error (error, field, _("`%s` is not a number or a month name (JAN–DEC)"), word);
  else if (field == PW_CRON_FIELD_DAY_OF_WEEK)
    field_error (error, field, _("`%s` is not a number or a weekday name (SUN–SAT)"), word);
  else
    field_error (error, field, _("`%s` is not a number"), word);
  return FALSE;
}

/* One comma-separated item of a field. Sets *wild when it holds `*` or a
 * step. */
static gboolean
parse_item (PwCronField   field,
            const char   *item,
            guint64      *mask,
            gboolean     *wild,
            GError      **error)
{
  const FieldSpec *spec = &fields[field];
  const char *slash = strchr (item, '/');
  gsize base_len = slash != NULL ? (gsize) (slash - item) : strlen (item);
  gint lo, hi, step = 1;

  if (base_len == 0)
    {
      field_error (error, field, _("`%s` needs a value before the step"), item);
      return FALSE;
    }

  if (slash != NULL)
    {
      const char *s = slash + 1;
      gint v = 0;

      *wild = TRUE;
      if (*s == '\0')
        {
          field_error (error, field, _("`%s` needs a step after “/”"), item);
          return FALSE;
        }
      for (const char *p = s; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            {
              field_error (error, field, _("step `%s` is not a number"), s);
              return FALSE;
            }
          if (v < 100000)
            v = v * 10 + (*p - '0');
        }
      if (v == 0)
        {
          field_error (error, field, _("a step of 0 never advances"));
          return FALSE;
        }
      if (v > 1000)
        {
          field_error (error, field, _("step %s is out of range 1–1000"), s);
          return FALSE;
        }
      step = v;
    }

  if (base_len == 1 && item[0] == '*')
    {
      *wild = TRUE;
      lo = spec->min;
      hi = field == PW_CRON_FIELD_DAY_OF_WEEK ? 6 : spec->max;
    }
  else
    {
      const char *dash = memchr (item, '-', base_len);

      if (dash != NULL)
        {
          if (!parse_value (field, item, dash - item, &lo, error)
              || !parse_value (field, dash + 1, base_len - (dash + 1 - item), &hi, error))
            return FALSE;
          /* croniter reads FRI-SUN as 5-7. */
          if (field == PW_CRON_FIELD_DAY_OF_WEEK && hi == 0 && lo > 0)
            hi = 7;
          if (lo > hi)
            {
              g_autofree char *range = g_strndup (item, base_len);

              field_error (error, field, _("range %s runs backwards"), range);
              return FALSE;
            }
        }
      else
        {
          if (!parse_value (field, item, base_len, &lo, error))
            return FALSE;
          /* `A/S` runs from A to the end of the field, as in croniter. */
          hi = slash != NULL ? spec->max : lo;
        }
    }

  for (gint v = lo; v <= hi; v += step)
    *mask |= G_GUINT64_CONSTANT (1) << (field == PW_CRON_FIELD_DAY_OF_WEEK && v == 7 ? 0 : v);

  return TRUE;
}

static gboolean
parse_field (PwCronField   field,
             const char   *text,
             guint64      *mask,
             gboolean     *wild,
             GError      **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);

  *mask = 0;
  *wild = FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (items[i][0] == '\0')
        {
          field_error (error, field, _("`%s` has an empty list item"), text);
          return FALSE;
        }
      if (!parse_item (field, items[i], mask, wild, error))
        return FALSE;
    }

  return TRUE;
}

/* Splits on runs of blanks; @text has no leading or trailing blanks. */
static GStrv
split_fields (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;
      g_autofree char *word = NULL;

      while (*p != '\0' && *p != ' ' && *p != '\t')
        p++;
      word = g_strndup (start, p - start);
      g_strv_builder_add (builder, word);
      while (*p == ' ' || *p == '\t')
        p++;
    }

  return g_strv_builder_end (builder);
}

/* Whether some month of the mask has some day of the mask. Day-of-week
 * restrictions do not matter: every day of the month falls on every
 * weekday sooner or later (a 29 February within 28 years). */
static gboolean
dates_possible (const PwCron *cron)
{
  gboolean dom_restricted = cron->days != PW_CRON_ALL_DAYS;
  gboolean dow_restricted = cron->weekdays != PW_CRON_ALL_WEEKDAYS;

  if (!dom_restricted || (dow_restricted && cron->day_or))
    return TRUE;

  for (gint month = 1; month <= 12; month++)
    {
      if (!(cron->months & (1u << month)))
        continue;
      /* 2000 is a leap year: February has its 29th. */
      for (gint day = 1; day <= pw_tz_days_in_month (2000, month); day++)
        if (cron->days & (1u << day))
          return TRUE;
    }

  return FALSE;
}

/**
 * pw_cron_parse:
 * @expr: a cron expression: five fields or a macro such as `@daily`
 * @day_or: how day-of-month and day-of-week combine when both are restricted
 * @error: return location for a #PW_SCHEDULE_ERROR_INVALID_CRON error
 *
 * Parses a cron expression. A parse error names the field and the reason:
 * "cron field 2 (hour): 24 is out of range 0–23".
 *
 * Returns: (transfer full) (nullable): the parsed expression
 */
PwCron *
pw_cron_parse (const char  *expr,
               gboolean     day_or,
               GError     **error)
{
  g_autoptr(PwCron) cron = g_new0 (PwCron, 1);
  g_auto(GStrv) parts = NULL;
  g_autofree char *stripped = NULL;
  const char *text = expr;
  guint64 masks[PW_CRON_N_FIELDS];
  gboolean wild[PW_CRON_N_FIELDS];
  guint n_parts;

  g_return_val_if_fail (expr != NULL, NULL);

  stripped = g_strstrip (g_strdup (expr));
  if (stripped[0] == '\0')
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_CRON,
                   _("the cron expression is empty"));
      return NULL;
    }

  if (stripped[0] == '@')
    {
      text = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (macros); i++)
        if (g_ascii_strcasecmp (stripped, macros[i].name) == 0)
          text = macros[i].expr;
      if (text == NULL)
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_CRON,
                       _("unknown cron macro `%s`: use @hourly, @daily, @midnight, @weekly, "
                         "@monthly, @yearly or @annually"),
                       stripped);
          return NULL;
        }
    }
  else
    text = stripped;

  parts = split_fields (text);
  n_parts = g_strv_length (parts);
  if (n_parts != PW_CRON_N_FIELDS)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_CRON,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the cron expression “%s” has %u field; it needs 5: minute, "
                                "hour, day of month, month and day of week",
                                "the cron expression “%s” has %u fields; it needs 5: minute, "
                                "hour, day of month, month and day of week",
                                n_parts),
                   expr, n_parts);
      return NULL;
    }

  for (guint i = 0; i < PW_CRON_N_FIELDS; i++)
    if (!parse_field ((PwCronField) i, parts[i], &masks[i], &wild[i], error))
      return NULL;

  cron->minutes = masks[PW_CRON_FIELD_MINUTE];
  cron->hours = (guint32) masks[PW_CRON_FIELD_HOUR];
  cron->days = (guint32) masks[PW_CRON_FIELD_DAY_OF_MONTH];
  cron->months = (guint16) masks[PW_CRON_FIELD_MONTH];
  cron->weekdays = (guint8) masks[PW_CRON_FIELD_DAY_OF_WEEK];
  cron->day_or = day_or;
  cron->fixed_time = !wild[PW_CRON_FIELD_MINUTE] && !wild[PW_CRON_FIELD_HOUR];
  cron->never = !dates_possible (cron);

  return g_steal_pointer (&cron);
}

/**
 * pw_cron_free:
 * @cron: (nullable): a parsed expression
 *
 * Frees @cron.
 */
void
pw_cron_free (PwCron *cron)
{
  g_free (cron);
}

/**
 * pw_cron_day_matches:
 * @cron: a parsed expression
 * @year: the year
 * @month: the month, 1–12 (not checked against the month field)
 * @day: the day of the month
 * @weekday: the day of the week, 0 = Sunday
 *
 * Returns: whether the day fields of @cron match the date
 */
gboolean
pw_cron_day_matches (const PwCron *cron,
                     gint          year,
                     gint          month,
                     gint          day,
                     gint          weekday)
{
  gboolean dom = (cron->days & (1u << day)) != 0;
  gboolean dow = (cron->weekdays & (1u << weekday)) != 0;

  if (cron->days != PW_CRON_ALL_DAYS && cron->weekdays != PW_CRON_ALL_WEEKDAYS)
    return cron->day_or ? (dom || dow) : (dom && dow);
  return dom && dow;
}

/* The lowest set bit of @mask at or above @from, or -1. */
static inline gint
next_bit (guint64 mask,
          gint    from)
{
  if (from >= 64)
    return -1;
  mask &= ~((G_GUINT64_CONSTANT (1) << from) - 1);
  if (mask == 0)
    return -1;
  return __builtin_ctzll (mask);
}

/**
 * pw_cron_find:
 * @cron: a parsed expression
 * @lo_minute: the first wall-clock minute to try (minutes since
 *   1970-01-01T00:00 on the local clock)
 * @hi_minute: the first minute not to try
 * @found: (out): the first matching minute
 *
 * Finds the first local minute in [@lo_minute, @hi_minute) that @cron
 * matches. It jumps field by field (to the next matching month, day, hour,
 * minute) rather than stepping minute by minute.
 *
 * Returns: whether one was found
 */
gboolean
pw_cron_find (const PwCron *cron,
              gint64        lo_minute,
              gint64        hi_minute,
              gint64       *found)
{
  gint64 m = lo_minute;

  if (cron->never)
    return FALSE;

  while (m < hi_minute)
    {
      gint64 days = pw_tz_floor_div (m, 1440);
      gint minute_of_day = (gint) (m - days * 1440);
      gint hour = minute_of_day / 60;
      gint minute = minute_of_day % 60;
      gint year, month, day, weekday, next;

      pw_tz_civil_from_days (days, &year, &month, &day);

      if (!(cron->months & (1u << month)))
        {
          next = next_bit (cron->months, month + 1);
          if (next < 0)
            {
              year++;
              next = next_bit (cron->months, 1);
            }
          m = pw_tz_days_from_civil (year, next, 1) * 1440;
          continue;
        }

      if (!pw_cron_day_matches (cron, year, month, day, weekday = pw_tz_weekday (days)))
        {
          /* On to the next matching day of this month, or the 1st of the
           * next, without going through the calendar for each day. */
          gint last = pw_tz_days_in_month (year, month);
          gint d = day + 1;

          weekday = (weekday + 1) % 7;
          while (d <= last && !pw_cron_day_matches (cron, year, month, d, weekday))
            {
              d++;
              weekday = (weekday + 1) % 7;
            }
          m = (days + (d - day)) * 1440;
          continue;
        }

      if (!(cron->hours & (1u << hour)))
        {
          next = next_bit (cron->hours, hour + 1);
          m = next < 0 ? (days + 1) * 1440 : days * 1440 + next * 60;
          continue;
        }

      if (!(cron->minutes & (G_GUINT64_CONSTANT (1) << minute)))
        {
          next = next_bit (cron->minutes, minute + 1);
          m = next < 0 ? days * 1440 + (hour + 1) * 60 : days * 1440 + hour * 60 + next;
          continue;
        }

      *found = m;
      return TRUE;
    }

  return FALSE;
}
