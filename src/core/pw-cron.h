/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PwCronField:
 * @PW_CRON_FIELD_MINUTE: 0–59
 * @PW_CRON_FIELD_HOUR: 0–23
 * @PW_CRON_FIELD_DAY_OF_MONTH: 1–31
 * @PW_CRON_FIELD_MONTH: 1–12 or JAN–DEC
 * @PW_CRON_FIELD_DAY_OF_WEEK: 0–7 (0 and 7 are Sunday) or SUN–SAT
 *
 * The five fields of a cron expression, in order.
 */
typedef enum
{
  PW_CRON_FIELD_MINUTE,
  PW_CRON_FIELD_HOUR,
  PW_CRON_FIELD_DAY_OF_MONTH,
  PW_CRON_FIELD_MONTH,
  PW_CRON_FIELD_DAY_OF_WEEK,
  PW_CRON_N_FIELDS,
} PwCronField;

/**
 * PwCron:
 * @minutes: bit n set when minute n matches (0–59)
 * @hours: bit n set when hour n matches (0–23)
 * @days: bit n set when day n of the month matches (1–31)
 * @months: bit n set when month n matches (1–12)
 * @weekdays: bit n set when weekday n matches (0 = Sunday … 6)
 * @day_or: when both day fields are restricted, a day matches if either
 *   does (%TRUE, as cron) or only if both do (%FALSE)
 * @fixed_time: neither the minute nor the hour field holds `*` or a step:
 *   the job runs at fixed local times, which decides how it meets DST
 * @never: no date can ever match (`0 0 30 2 *`)
 *
 * A parsed cron expression: one bit mask per field.
 */
typedef struct
{
  guint64  minutes;
  guint32  hours;
  guint32  days;
  guint16  months;
  guint8   weekdays;
  gboolean day_or;
  gboolean fixed_time;
  gboolean never;
} PwCron;

#define PW_CRON_ALL_MINUTES  G_GUINT64_CONSTANT (0x0fffffffffffffff)
#define PW_CRON_ALL_HOURS    0x00ffffffu
#define PW_CRON_ALL_DAYS     0xfffffffeu
#define PW_CRON_ALL_MONTHS   0x1ffeu
#define PW_CRON_ALL_WEEKDAYS 0x7fu

PwCron     *pw_cron_parse           (const char   *expr,
                                     gboolean      day_or,
                                     GError      **error);
void        pw_cron_free            (PwCron       *cron);
const char *pw_cron_field_name      (PwCronField   field);

gboolean    pw_cron_day_matches     (const PwCron *cron,
                                     gint          year,
                                     gint          month,
                                     gint          day,
                                     gint          weekday);
gboolean    pw_cron_find            (const PwCron *cron,
                                     gint64        lo_minute,
                                     gint64        hi_minute,
                                     gint64       *found);
GArray     *pw_cron_next_times      (const PwCron *cron,
                                     GTimeZone    *tz,
                                     gint64        after,
                                     guint         n,
                                     gint64        until);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCron, pw_cron_free)

G_END_DECLS
