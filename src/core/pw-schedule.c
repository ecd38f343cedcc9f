/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-schedule"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-interval-schedule.h"
#include "pw-schedule-private.h"
#include "pw-tz.h"

/**
 * PwSchedule:
 *
 * When a deployment runs: one of Prefect's three schedule shapes — an
 * interval from an anchor date, a cron expression or an RFC 5545
 * recurrence rule — each in an IANA time zone. A schedule is immutable;
 * make a new one to change it.
 *
 * One call answers for every kind: pw_schedule_get_next() gives the next
 * run times after an instant, as UTC #GDateTimes. How each kind meets DST
 * is written down where it is computed: pw-cron-next.c (the Vixie cron
 * rule), pw-interval-schedule.c (Prefect's: whole days follow the local
 * calendar, anything else elapsed time) and pw-rrule-schedule.c (RFC 5545).
 */

G_DEFINE_QUARK (pw-schedule-error-quark, pw_schedule_error)

G_DEFINE_ENUM_TYPE (PwScheduleKind, pw_schedule_kind,
                    G_DEFINE_ENUM_VALUE (PW_SCHEDULE_KIND_INTERVAL, "interval"),
                    G_DEFINE_ENUM_VALUE (PW_SCHEDULE_KIND_CRON, "cron"),
                    G_DEFINE_ENUM_VALUE (PW_SCHEDULE_KIND_RRULE, "rrule"))

G_DEFINE_FINAL_TYPE (PwSchedule, pw_schedule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TIMEZONE,
  PROP_INTERVAL,
  PROP_ANCHOR_DATE,
  PROP_CRON,
  PROP_DAY_OR,
  PROP_RRULE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_schedule_finalize (GObject *object)
{
  PwSchedule *self = (PwSchedule *)object;

  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->effective_timezone, g_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->cron, g_free);
  g_clear_pointer (&self->cron_expr, pw_cron_free);
  g_clear_pointer (&self->rrule, g_free);
  g_clear_pointer (&self->rrule_set, pw_rrule_free);

  G_OBJECT_CLASS (pw_schedule_parent_class)->finalize (object);
}

static void
pw_schedule_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwSchedule *self = PW_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TIMEZONE:
      g_value_set_string (value, pw_schedule_get_timezone (self));
      break;
    case PROP_INTERVAL:
      g_value_set_double (value, pw_schedule_get_interval (self));
      break;
    case PROP_ANCHOR_DATE:
      g_value_take_boxed (value, pw_schedule_get_anchor_date (self));
      break;
    case PROP_CRON:
      g_value_set_string (value, self->cron);
      break;
    case PROP_DAY_OR:
      g_value_set_boolean (value, self->day_or);
      break;
    case PROP_RRULE:
      g_value_set_string (value, self->rrule);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_schedule_class_init (PwScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_schedule_finalize;
  object_class->get_property = pw_schedule_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       PW_TYPE_SCHEDULE_KIND, PW_SCHEDULE_KIND_INTERVAL,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL, "UTC",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_double ("interval", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANCHOR_DATE] =
    g_param_spec_boxed ("anchor-date", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CRON] =
    g_param_spec_string ("cron", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAY_OR] =
    g_param_spec_boolean ("day-or", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RRULE] =
    g_param_spec_string ("rrule", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_schedule_init (PwSchedule *self)
{
  self->day_or = TRUE;
}

/* The zone named by @tz, or UTC when it is NULL. */
static gboolean
set_zone (PwSchedule  *self,
          const char  *tz,
          GError     **error)
{
  if (tz != NULL)
    {
      self->tz = pw_tz_lookup (tz, error);
      if (self->tz == NULL)
        return FALSE;
      self->timezone = g_strdup (tz);
      self->effective_timezone = g_strdup (tz);
    }
  else
    {
      self->tz = g_time_zone_new_utc ();
      self->effective_timezone = g_strdup ("UTC");
    }
  return TRUE;
}

/**
 * pw_schedule_new_cron:
 * @expr: a five-field cron expression or a macro such as `@daily`
 * @tz: (nullable): an IANA time zone; %NULL is UTC
 * @day_or: when both day fields are restricted, run on days matching
 *   either (%TRUE, as cron does) or both
 * @error: return location for a #PW_SCHEDULE_ERROR error
 *
 * Returns: (transfer full) (nullable): a cron schedule
 */
PwSchedule *
pw_schedule_new_cron (const char  *expr,
                      const char  *tz,
                      gboolean     day_or,
                      GError     **error)
{
  g_autoptr(PwSchedule) self = NULL;

  g_return_val_if_fail (expr != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PW_TYPE_SCHEDULE, NULL);
  self->kind = PW_SCHEDULE_KIND_CRON;
  self->day_or = !!day_or;
  self->cron = g_strdup (expr);
  self->cron_expr = pw_cron_parse (expr, self->day_or, error);
  if (self->cron_expr == NULL || !set_zone (self, tz, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* What Prefect infers when an interval schedule names no zone: the
 * anchor's zone if it is an IANA one, else UTC (an ISO 8601 offset such
 * as +02:00 is not a zone). */
static const char *
zone_of_anchor (GDateTime *anchor)
{
  const char *id;
  g_autoptr(GTimeZone) tz = NULL;

  if (anchor == NULL)
    return "UTC";
  id = g_time_zone_get_identifier (g_date_time_get_timezone (anchor));
  if (id == NULL || !pw_tz_is_iana_name (id))
    return "UTC";
  tz = pw_tz_lookup (id, NULL);
  return tz != NULL ? id : "UTC";
}

/**
 * pw_schedule_new_interval_at: (skip)
 * @seconds: the interval
 * @anchor: (nullable): the anchor; %NULL is now
 * @tz: (nullable): the zone; %NULL takes the anchor's, or UTC
 * @clock: (nullable): where "now" comes from; %NULL is the system's time
 * @error: return location for a #PW_SCHEDULE_ERROR error
 *
 * pw_schedule_new_interval() with a clock for the default anchor.
 *
 * Returns: (transfer full) (nullable): an interval schedule
 */
PwSchedule *
pw_schedule_new_interval_at (double       seconds,
                             GDateTime   *anchor,
                             const char  *tz,
                             PwClock     *clock,
                             GError     **error)
{
  g_autoptr(PwSchedule) self = NULL;
  g_autoptr(GDateTime) now = NULL;
  double usec = seconds * G_USEC_PER_SEC;

  g_return_val_if_fail (clock == NULL || PW_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!isfinite (seconds) || round (usec) < 1)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_INTERVAL,
                   _("the interval must be a number of seconds greater than 0, not %g"),
                   seconds);
      return NULL;
    }
  if (usec > (double) PW_SCHEDULE_MAX_INTERVAL_USEC)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_INTERVAL,
                   _("the interval of %g seconds is longer than 1,000 years"), seconds);
      return NULL;
    }

  if (anchor == NULL)
    {
      now = clock != NULL ? pw_clock_get_now (clock) : g_date_time_new_now_utc ();
      anchor = now;
    }

  self = g_object_new (PW_TYPE_SCHEDULE, NULL);
  self->kind = PW_SCHEDULE_KIND_INTERVAL;
  self->interval_usec = (gint64) round (usec);
  self->anchor_usec = pw_tz_date_time_to_usec (anchor);
  if (!set_zone (self, tz != NULL ? tz : zone_of_anchor (anchor), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * pw_schedule_new_interval:
 * @seconds: the interval in seconds, greater than 0
 * @anchor: (nullable): a run time the others are counted from (runs
 *   happen before it too); %NULL is now
 * @tz: (nullable): an IANA time zone; %NULL takes the anchor's zone when it
 *   is an IANA one, else UTC
 * @error: return location for a #PW_SCHEDULE_ERROR error
 *
 * An interval of whole days keeps the anchor's local time across DST
 * changes in @tz; any other interval is elapsed time.
 *
 * Returns: (transfer full) (nullable): an interval schedule
 */
PwSchedule *
pw_schedule_new_interval (double       seconds,
                          GDateTime   *anchor,
                          const char  *tz,
                          GError     **error)
{
  return pw_schedule_new_interval_at (seconds, anchor, tz, NULL, error);
}

/**
 * pw_schedule_new_rrule:
 * @rrule: RFC 5545 text: an RRULE, optionally with `DTSTART:…`, `RDATE:…`
 *   and `EXDATE:…` lines, at most %PW_SCHEDULE_RRULE_MAX_LENGTH characters
 * @tz: (nullable): an IANA time zone; %NULL takes DTSTART's TZID, or UTC
 * @error: return location for a #PW_SCHEDULE_ERROR error
 *
 * Without DTSTART the rule starts on 2020-01-01 at 00:00 local time,
 * Prefect's default anchor.
 *
 * Returns: (transfer full) (nullable): an rrule schedule
 */
PwSchedule *
pw_schedule_new_rrule (const char  *rrule,
                       const char  *tz,
                       GError     **error)
{
  g_autoptr(PwSchedule) self = NULL;

  g_return_val_if_fail (rrule != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PW_TYPE_SCHEDULE, NULL);
  self->kind = PW_SCHEDULE_KIND_RRULE;
  self->rrule = g_strdup (rrule);
  self->rrule_set = pw_rrule_parse (rrule, tz, error);
  if (self->rrule_set == NULL)
    return NULL;
  self->timezone = g_strdup (tz);
  self->effective_timezone = g_strdup (self->rrule_set->tz_name);
  self->tz = g_time_zone_ref (self->rrule_set->tz);

  return g_steal_pointer (&self);
}

/**
 * pw_schedule_get_kind:
 * @self: a #PwSchedule
 *
 * Returns: which of the three shapes @self is
 */
PwScheduleKind
pw_schedule_get_kind (PwSchedule *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULE (self), PW_SCHEDULE_KIND_INTERVAL);

  return self->kind;
}

/**
 * pw_schedule_get_timezone:
 * @self: a #PwSchedule
 *
 * Returns: the IANA name of the zone the schedule runs in; "UTC" when it
 *   names none
 */
const char *
pw_schedule_get_timezone (PwSchedule *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);

  return self->effective_timezone;
}

/**
 * pw_schedule_get_time_zone:
 * @self: a #PwSchedule
 *
 * Returns: (transfer none): the zone of pw_schedule_get_timezone(), for
 *   showing run times on the schedule's own clock
 */
GTimeZone *
pw_schedule_get_time_zone (PwSchedule *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);

  return self->tz;
}

/**
 * pw_schedule_get_interval:
 * @self: a #PwSchedule
 *
 * Returns: the interval in seconds, or 0 unless @self is an interval
 *   schedule
 */
double
pw_schedule_get_interval (PwSchedule *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULE (self), 0);

  return (double) self->interval_usec / G_USEC_PER_SEC;
}

/**
 * pw_schedule_get_anchor_date:
 * @self: a #PwSchedule
 *
 * Returns: (transfer full) (nullable): the anchor date in the schedule's
 *   zone, or %NULL unless @self is an interval schedule
 */
GDateTime *
pw_schedule_get_anchor_date (PwSchedule *self)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);

  if (self->kind != PW_SCHEDULE_KIND_INTERVAL)
    return NULL;
  utc = pw_tz_date_time_from_usec (self->anchor_usec);
  return g_date_time_to_timezone (utc, self->tz);
}

/**
 * pw_schedule_get_cron:
 * @self: a #PwSchedule
 *
 * Returns: (nullable): the cron expression as given, or %NULL
 */
const char *
pw_schedule_get_cron (PwSchedule *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);

  return self->cron;
}

/**
 * pw_schedule_get_day_or:
 * @self: a #PwSchedule
 *
 * Returns: how a cron schedule combines its day fields (%TRUE otherwise)
 */
gboolean
pw_schedule_get_day_or (PwSchedule *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULE (self), TRUE);

  return self->day_or;
}

/**
 * pw_schedule_get_rrule:
 * @self: a #PwSchedule
 *
 * Returns: (nullable): the recurrence text as given, or %NULL
 */
const char *
pw_schedule_get_rrule (PwSchedule *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);

  return self->rrule;
}

/**
 * pw_schedule_get_next:
 * @self: a #PwSchedule
 * @after: an instant, in any zone
 * @n: how many run times to return at most
 * @until: (nullable): the last instant a run time may have
 *
 * The next up to @n run times strictly after @after (and not after @until
 * when it is given), in increasing order. Fewer come back when the
 * schedule ends (an rrule's COUNT or UNTIL, `0 0 30 2 *`), at @until, or
 * at the end of the year 9999.
 *
 * Returns: (transfer container) (element-type GDateTime): UTC date-times
 */
GPtrArray *
pw_schedule_get_next (PwSchedule *self,
                      GDateTime  *after,
                      guint       n,
                      GDateTime  *until)
{
  g_autoptr(GArray) times = NULL;
  GPtrArray *out;
  gint64 after_usec, until_usec;

  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);
  g_return_val_if_fail (after != NULL, NULL);

  after_usec = pw_tz_date_time_to_usec (after);
  until_usec = until != NULL ? pw_tz_date_time_to_usec (until) : G_MAXINT64;

  switch (self->kind)
    {
    case PW_SCHEDULE_KIND_INTERVAL:
      times = pw_interval_next_times (self->anchor_usec, self->interval_usec, self->tz,
                                      after_usec, n, until_usec);
      break;

    case PW_SCHEDULE_KIND_CRON:
      {
        g_autoptr(GArray) secs = NULL;
        gint64 until_secs = until != NULL ? g_date_time_to_unix (until) : G_MAXINT64;

        /* Cron times are whole seconds: x > after ⇔ x > ⌊after⌋. */
        secs = pw_cron_next_times (self->cron_expr, self->tz, g_date_time_to_unix (after), n,
                                   until_secs);
        times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), secs->len);
        for (guint i = 0; i < secs->len; i++)
          {
            gint64 usec = g_array_index (secs, gint64, i) * G_USEC_PER_SEC;

            g_array_append_val (times, usec);
          }
      }
      break;

    case PW_SCHEDULE_KIND_RRULE:
      times = pw_rrule_next_times (self->rrule_set, after_usec, n, until_usec, TRUE);
      break;

    default:
      g_assert_not_reached ();
    }

  out = g_ptr_array_new_full (times->len, (GDestroyNotify) g_date_time_unref);
  for (guint i = 0; i < times->len; i++)
    g_ptr_array_add (out, pw_tz_date_time_from_usec (g_array_index (times, gint64, i)));

  return out;
}

/**
 * pw_schedule_get_upcoming:
 * @self: a #PwSchedule
 * @clock: where "now" comes from: the system's or a test's fake clock
 * @n: how many run times to return at most
 *
 * The next @n run times after the clock's now, as pw_schedule_get_next().
 *
 * Returns: (transfer container) (element-type GDateTime): UTC date-times
 */
GPtrArray *
pw_schedule_get_upcoming (PwSchedule *self,
                          PwClock    *clock,
                          guint       n)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);
  g_return_val_if_fail (PW_IS_CLOCK (clock), NULL);

  now = pw_clock_get_now (clock);
  return pw_schedule_get_next (self, now, n, NULL);
}

/**
 * pw_schedule_equal:
 * @a: (nullable): a #PwSchedule
 * @b: (nullable): another
 *
 * Whether the two schedules are the same: same kind, same members. The
 * scheduler uses it to tell an edited schedule from an unchanged one.
 *
 * Returns: %TRUE when they are equal (or both %NULL)
 */
gboolean
pw_schedule_equal (PwSchedule *a,
                   PwSchedule *b)
{
  g_autoptr(JsonNode) ja = NULL;
  g_autoptr(JsonNode) jb = NULL;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  ja = pw_schedule_to_json (a);
  jb = pw_schedule_to_json (b);
  return json_node_equal (ja, jb);
}
