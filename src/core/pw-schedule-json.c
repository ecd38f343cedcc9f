/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-schedule"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pw-schedule-private.h"
#include "pw-tz.h"

/*
 * Schedules as JSON, in Prefect's three shapes (API.md §4). There is no
 * discriminator: the member `interval`, `cron` or `rrule` says which, and
 * as in Prefect (`extra = forbid`) any other member is an error.
 */

/* json-glib has no nesting limit, and deep input exhausts the stack. A
 * schedule is flat; anything deeper than this is not one. */
#define MAX_DEPTH 32

static const char * const interval_members[] = { "interval", "anchor_date", "timezone", NULL };
static const char * const cron_members[] = { "cron", "timezone", "day_or", NULL };
static const char * const rrule_members[] = { "rrule", "timezone", NULL };

static gboolean
check_members (JsonObject          *object,
               const char          *kind,
               const char * const  *allowed,
               GError             **error)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *list = g_strjoinv ("`, `", (char **) allowed);

          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID,
                       /* Translators: "unknown member `day_of` in a cron schedule; it may
                        * have `cron`, `timezone`, `day_or`" */
                       _("unknown member `%s` in %s schedule; it may have `%s`"),
                       (const char *) l->data, kind, list);
          return FALSE;
        }
    }
  return TRUE;
}

/* A string member, or NULL when it is absent or null. */
static gboolean
get_string (JsonObject   *object,
            const char   *member,
            const char  **value,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *value = json_node_get_string (node);
      return TRUE;
    }

  g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID,
               _("the schedule member `%s` must be a string"), member);
  return FALSE;
}

static gboolean
get_required_string (JsonObject   *object,
                     const char   *member,
                     const char  **value,
                     GError      **error)
{
  if (!get_string (object, member, value, error))
    return FALSE;
  if (*value == NULL)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID,
                   _("the schedule member `%s` must be a string, not null"), member);
      return FALSE;
    }
  return TRUE;
}

/* An ISO 8601 anchor. A date alone is its midnight; a date-time without
 * an offset is on the clock of the schedule's zone (@tz_name, else UTC). */
static GDateTime *
parse_anchor (const char  *text,
              const char  *tz_name,
              GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *full = NULL;
  GDateTime *dt;

  if (tz_name != NULL)
    tz = pw_tz_lookup (tz_name, NULL);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  if (strlen (text) == 10)
    full = g_strconcat (text, "T00:00:00", NULL);
  dt = g_date_time_new_from_iso8601 (full != NULL ? full : text, tz);
  if (dt == NULL)
    g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_ANCHOR,
                 _("the anchor date `%s` is not an ISO 8601 date and time "
                   "such as 2026-01-01T09:00:00+01:00"),
                 text);
  return dt;
}

static PwSchedule *
interval_from_json (JsonObject  *object,
                    PwClock     *clock,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, "interval");
  g_autoptr(GDateTime) anchor = NULL;
  const char *anchor_text, *tz;
  GType type;

  if (!check_members (object, _("an interval"), interval_members, error))
    return NULL;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_INTERVAL,
                   _("the schedule member `interval` must be a number of seconds"));
      return NULL;
    }

  if (!get_string (object, "anchor_date", &anchor_text, error)
      || !get_string (object, "timezone", &tz, error))
    return NULL;

  if (anchor_text != NULL && (anchor = parse_anchor (anchor_text, tz, error)) == NULL)
    return NULL;

  return pw_schedule_new_interval_at (json_node_get_double (node), anchor, tz, clock, error);
}

static PwSchedule *
cron_from_json (JsonObject  *object,
                GError     **error)
{
  JsonNode *day_or = json_object_get_member (object, "day_or");
  const char *cron, *tz;

  if (!check_members (object, _("a cron"), cron_members, error)
      || !get_required_string (object, "cron", &cron, error)
      || !get_string (object, "timezone", &tz, error))
    return NULL;

  if (day_or != NULL
      && !(JSON_NODE_HOLDS_VALUE (day_or) && json_node_get_value_type (day_or) == G_TYPE_BOOLEAN))
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID,
                   _("the schedule member `day_or` must be true or false"));
      return NULL;
    }

  return pw_schedule_new_cron (cron, tz, day_or != NULL ? json_node_get_boolean (day_or) : TRUE,
                               error);
}

static PwSchedule *
rrule_from_json (JsonObject  *object,
                 GError     **error)
{
  const char *rrule, *tz;

  if (!check_members (object, _("an rrule"), rrule_members, error)
      || !get_required_string (object, "rrule", &rrule, error)
      || !get_string (object, "timezone", &tz, error))
    return NULL;

  return pw_schedule_new_rrule (rrule, tz, error);
}

/**
 * pw_schedule_new_from_json_with_clock:
 * @node: a JSON object in one of Prefect's three schedule shapes
 * @clock: (nullable): where the default anchor date ("now") of an interval
 *   schedule comes from; %NULL is the system's time
 * @error: return location for a #PW_SCHEDULE_ERROR error
 *
 * Reads `{"interval": seconds, "anchor_date": ISO 8601, "timezone": IANA}`,
 * `{"cron": "…", "timezone": IANA or null, "day_or": true}` or
 * `{"rrule": "…", "timezone": IANA or null}`. Unknown members are errors.
 *
 * Returns: (transfer full) (nullable): the schedule
 */
PwSchedule *
pw_schedule_new_from_json_with_clock (JsonNode  *node,
                                      PwClock   *clock,
                                      GError   **error)
{
  static const char * const kinds[] = { "interval", "cron", "rrule" };
  const char *found[G_N_ELEMENTS (kinds)];
  guint n_found = 0;
  JsonObject *object;

  g_return_val_if_fail (clock == NULL || PW_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID,
                   _("a schedule must be a JSON object"));
      return NULL;
    }

  object = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (json_object_has_member (object, kinds[i]))
      found[n_found++] = kinds[i];

  if (n_found == 0)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID,
                   _("a schedule needs one of `interval`, `cron` or `rrule`"));
      return NULL;
    }
  if (n_found > 1)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID,
                   _("a schedule has one of `interval`, `cron` or `rrule`, not both `%s` and `%s`"),
                   found[0], found[1]);
      return NULL;
    }

  if (found[0] == kinds[0])
    return interval_from_json (object, clock, error);
  if (found[0] == kinds[1])
    return cron_from_json (object, error);
  return rrule_from_json (object, error);
}

/**
 * pw_schedule_new_from_json:
 * @node: a JSON object in one of Prefect's three schedule shapes
 * @error: return location for a #PW_SCHEDULE_ERROR error
 *
 * pw_schedule_new_from_json_with_clock() with the system's time.
 *
 * Returns: (transfer full) (nullable): the schedule
 */
PwSchedule *
pw_schedule_new_from_json (JsonNode  *node,
                           GError   **error)
{
  return pw_schedule_new_from_json_with_clock (node, NULL, error);
}

static gboolean
too_deep (const char *json)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > MAX_DEPTH)
            return TRUE;
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }
  return FALSE;
}

/**
 * pw_schedule_new_from_string:
 * @json: JSON text of a schedule
 * @error: return location for a #PW_SCHEDULE_ERROR error
 *
 * Parses @json and reads it as pw_schedule_new_from_json() does.
 *
 * Returns: (transfer full) (nullable): the schedule
 */
PwSchedule *
pw_schedule_new_from_string (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (too_deep (json))
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID,
                   _("the schedule nests deeper than %d levels"), MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID,
                   _("the schedule is not JSON: %s"), local_error->message);
      return NULL;
    }

  return pw_schedule_new_from_json (json_parser_get_root (parser), error);
}

static void
add_timezone (JsonBuilder *builder,
              const char  *tz)
{
  json_builder_set_member_name (builder, "timezone");
  if (tz != NULL)
    json_builder_add_string_value (builder, tz);
  else
    json_builder_add_null_value (builder);
}

/**
 * pw_schedule_to_json:
 * @self: a #PwSchedule
 *
 * The schedule in its Prefect shape, as pw_schedule_new_from_json() reads
 * it back. An interval schedule always carries its anchor date (in the
 * schedule's zone) and zone, so store this rather than the text it was
 * made from: a missing anchor means "now" only once.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
pw_schedule_to_json (PwSchedule *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);

  switch (self->kind)
    {
    case PW_SCHEDULE_KIND_INTERVAL:
      {
        g_autoptr(GDateTime) anchor = pw_schedule_get_anchor_date (self);
        g_autofree char *text = NULL;

        json_builder_set_member_name (builder, "interval");
        if (self->interval_usec % G_USEC_PER_SEC == 0)
          json_builder_add_int_value (builder, self->interval_usec / G_USEC_PER_SEC);
        else
          json_builder_add_double_value (builder, pw_schedule_get_interval (self));

        text = g_date_time_format (anchor, g_date_time_get_microsecond (anchor) != 0
                                   ? "%Y-%m-%dT%H:%M:%S.%f%:z" : "%Y-%m-%dT%H:%M:%S%:z");
        json_builder_set_member_name (builder, "anchor_date");
        json_builder_add_string_value (builder, text);
        add_timezone (builder, self->effective_timezone);
      }
      break;

    case PW_SCHEDULE_KIND_CRON:
      json_builder_set_member_name (builder, "cron");
      json_builder_add_string_value (builder, self->cron);
      add_timezone (builder, self->timezone);
      json_builder_set_member_name (builder, "day_or");
      json_builder_add_boolean_value (builder, self->day_or);
      break;

    case PW_SCHEDULE_KIND_RRULE:
      json_builder_set_member_name (builder, "rrule");
      json_builder_add_string_value (builder, self->rrule);
      add_timezone (builder, self->timezone);
      break;

    default:
      g_assert_not_reached ();
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * pw_schedule_to_string:
 * @self: a #PwSchedule
 *
 * Returns: (transfer full): pw_schedule_to_json() as compact JSON text
 */
char *
pw_schedule_to_string (PwSchedule *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (PW_IS_SCHEDULE (self), NULL);

  node = pw_schedule_to_json (self);
  return json_to_string (node, FALSE);
}
