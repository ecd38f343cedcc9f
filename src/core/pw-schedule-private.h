/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-cron.h"
#include "pw-rrule-schedule.h"
#include "pw-schedule.h"

G_BEGIN_DECLS

/* The longest interval a schedule accepts: 1,000 years. */
#define PW_SCHEDULE_MAX_INTERVAL_USEC (G_GINT64_CONSTANT (1000) * 366 * 86400 * G_USEC_PER_SEC)

struct _PwSchedule
{
  GObject         parent_instance;

  PwScheduleKind  kind;

  /* The zone as given (NULL when a cron or rrule schedule names none), the
   * IANA name in effect, and the zone itself. */
  char           *timezone;
  char           *effective_timezone;
  GTimeZone      *tz;

  /* PW_SCHEDULE_KIND_INTERVAL */
  gint64          interval_usec;
  gint64          anchor_usec;

  /* PW_SCHEDULE_KIND_CRON */
  char           *cron;
  gboolean        day_or;
  PwCron         *cron_expr;

  /* PW_SCHEDULE_KIND_RRULE */
  char           *rrule;
  PwRRule        *rrule_set;
};

PwSchedule *pw_schedule_new_interval_at (double       seconds,
                                         GDateTime   *anchor,
                                         const char  *tz,
                                         PwClock     *clock,
                                         GError     **error);

G_END_DECLS
