/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-clock.h"

G_BEGIN_DECLS

#define PW_SCHEDULE_ERROR (pw_schedule_error_quark ())

/**
 * PwScheduleError:
 * @PW_SCHEDULE_ERROR_INVALID: the schedule is not one of the three shapes:
 *   not an object, an unknown or missing member, a member of the wrong type
 * @PW_SCHEDULE_ERROR_INVALID_CRON: the cron expression cannot be parsed; the
 *   message names the field and the reason
 * @PW_SCHEDULE_ERROR_INVALID_RRULE: the RFC 5545 recurrence text cannot be
 *   parsed, or is longer than %PW_SCHEDULE_RRULE_MAX_LENGTH
 * @PW_SCHEDULE_ERROR_INVALID_TIMEZONE: the time zone is not a known IANA name
 * @PW_SCHEDULE_ERROR_INVALID_INTERVAL: the interval is not a number of
 *   seconds greater than zero
 * @PW_SCHEDULE_ERROR_INVALID_ANCHOR: the anchor date is not an ISO 8601 date
 *   and time
 *
 * Errors of schedules.
 */
typedef enum
{
  PW_SCHEDULE_ERROR_INVALID,
  PW_SCHEDULE_ERROR_INVALID_CRON,
  PW_SCHEDULE_ERROR_INVALID_RRULE,
  PW_SCHEDULE_ERROR_INVALID_TIMEZONE,
  PW_SCHEDULE_ERROR_INVALID_INTERVAL,
  PW_SCHEDULE_ERROR_INVALID_ANCHOR,
} PwScheduleError;

/**
 * PwScheduleKind:
 * @PW_SCHEDULE_KIND_INTERVAL: every so many seconds from an anchor date
 * @PW_SCHEDULE_KIND_CRON: a five-field cron expression
 * @PW_SCHEDULE_KIND_RRULE: an RFC 5545 recurrence rule
 *
 * The three shapes of Prefect's deployment schedules.
 */
typedef enum
{
  PW_SCHEDULE_KIND_INTERVAL,
  PW_SCHEDULE_KIND_CRON,
  PW_SCHEDULE_KIND_RRULE,
} PwScheduleKind;

/**
 * PW_SCHEDULE_RRULE_MAX_LENGTH:
 *
 * The longest recurrence text a schedule accepts, as in Prefect.
 */
#define PW_SCHEDULE_RRULE_MAX_LENGTH 6500

#define PW_TYPE_SCHEDULE_KIND (pw_schedule_kind_get_type ())
GType pw_schedule_kind_get_type (void) G_GNUC_CONST;

#define PW_TYPE_SCHEDULE (pw_schedule_get_type ())
G_DECLARE_FINAL_TYPE (PwSchedule, pw_schedule, PW, SCHEDULE, GObject)

GQuark          pw_schedule_error_quark              (void);

PwSchedule     *pw_schedule_new_from_json            (JsonNode     *node,
                                                      GError      **error);
PwSchedule     *pw_schedule_new_from_json_with_clock (JsonNode     *node,
                                                      PwClock      *clock,
                                                      GError      **error);
PwSchedule     *pw_schedule_new_from_string          (const char   *json,
                                                      GError      **error);
PwSchedule     *pw_schedule_new_cron                 (const char   *expr,
                                                      const char   *tz,
                                                      gboolean      day_or,
                                                      GError      **error);
PwSchedule     *pw_schedule_new_interval             (double        seconds,
                                                      GDateTime    *anchor,
                                                      const char   *tz,
                                                      GError      **error);
PwSchedule     *pw_schedule_new_rrule                (const char   *rrule,
                                                      const char   *tz,
                                                      GError      **error);

JsonNode       *pw_schedule_to_json                  (PwSchedule   *self);
char           *pw_schedule_to_string                (PwSchedule   *self);
gboolean        pw_schedule_equal                    (PwSchedule   *a,
                                                      PwSchedule   *b);

PwScheduleKind  pw_schedule_get_kind                 (PwSchedule   *self);
const char     *pw_schedule_get_timezone             (PwSchedule   *self);
GTimeZone      *pw_schedule_get_time_zone            (PwSchedule   *self);
double          pw_schedule_get_interval             (PwSchedule   *self);
GDateTime      *pw_schedule_get_anchor_date          (PwSchedule   *self);
const char     *pw_schedule_get_cron                 (PwSchedule   *self);
gboolean        pw_schedule_get_day_or               (PwSchedule   *self);
const char     *pw_schedule_get_rrule                (PwSchedule   *self);

GPtrArray      *pw_schedule_get_next                 (PwSchedule   *self,
                                                      GDateTime    *after,
                                                      guint         n,
                                                      GDateTime    *until);
GPtrArray      *pw_schedule_get_upcoming             (PwSchedule   *self,
                                                      PwClock      *clock,
                                                      guint         n);

char           *pw_schedule_describe                 (PwSchedule   *self);

G_END_DECLS
