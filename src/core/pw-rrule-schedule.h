/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libical/ical.h>

G_BEGIN_DECLS

/**
 * PwRRule:
 * @tz: the zone whose wall clock the rules run on
 * @tz_name: its IANA name
 * @dtstart_wall: the first local time, seconds on @tz's clock since
 *   1970-01-01T00:00
 * @rules: (element-type struct icalrecurrencetype): the RRULE lines
 * @rule_until: (element-type gint64): per rule, a UTC UNTIL in seconds
 *   (applied by us, not by libical, which would compare it with local
 *   times), or %G_MAXINT64
 * @rdates: (element-type gint64): extra instants (RDATE), seconds, sorted
 * @exdates: (element-type gint64): excluded instants (EXDATE), seconds, sorted
 *
 * A parsed recurrence text: `DTSTART`, one or more `RRULE`s, `RDATE`s and
 * `EXDATE`s, as dateutil's rrulestr() reads it for Prefect.
 */
typedef struct
{
  GTimeZone *tz;
  char      *tz_name;
  gint64     dtstart_wall;
  GArray    *rules;
  GArray    *rule_until;
  GArray    *rdates;
  GArray    *exdates;
} PwRRule;

/* Prefect's DEFAULT_ANCHOR_DATE, the DTSTART of a text without one. */
#define PW_RRULE_DEFAULT_DTSTART_YEAR 2020

PwRRule *pw_rrule_parse       (const char    *text,
                               const char    *timezone,
                               GError       **error);
void     pw_rrule_free        (PwRRule       *rrule);
GArray  *pw_rrule_next_times  (const PwRRule *rrule,
                               gint64         after_usec,
                               guint          n,
                               gint64         until_usec,
                               gboolean       skip_ahead);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwRRule, pw_rrule_free)

G_END_DECLS
