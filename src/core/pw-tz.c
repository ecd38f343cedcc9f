/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-tz"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-schedule.h"
#include "pw-tz.h"

/*
 * GTimeZone knows a zone's transitions but does not list them, so they are
 * found by bisection over g_time_zone_find_interval(), whose interval
 * index only ever grows with time, and kept in a table per zone (below).
 * GLib expands a zone's rules up to the year 2999 or so; later instants
 * keep the last offset.
 */

gint64
pw_tz_floor_div (gint64 a,
                 gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

gint64
pw_tz_ceil_div (gint64 a,
                gint64 b)
{
  return -pw_tz_floor_div (-a, b);
}

/**
 * pw_tz_days_from_civil:
 * @year: a proleptic Gregorian year
 * @month: 1–12
 * @day: 1–31
 *
 * Returns: the number of days from 1970-01-01 to the date (negative before)
 */
gint64
pw_tz_days_from_civil (gint year,
                       gint month,
                       gint day)
{
  /* Howard Hinnant's days_from_civil: years start in March, so the leap
   * day is the last day of the "year" and each era is 400 years long. */
  gint64 y = (gint64) year - (month <= 2 ? 1 : 0);
  gint64 era = pw_tz_floor_div (y, 400);
  gint64 yoe = y - era * 400;
  gint64 mp = (month + 9) % 12;
  gint64 doy = (153 * mp + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

/**
 * pw_tz_civil_from_days:
 * @days: days since 1970-01-01
 * @year: (out): the year
 * @month: (out): the month, 1–12
 * @day: (out): the day of the month, 1–31
 *
 * The inverse of pw_tz_days_from_civil().
 */
void
pw_tz_civil_from_days (gint64  days,
                       gint   *year,
                       gint   *month,
                       gint   *day)
{
  gint64 z = days + 719468;
  gint64 era = pw_tz_floor_div (z, 146097);
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;

  *year = (gint) (yoe + era * 400 + (m <= 2 ? 1 : 0));
  *month = (gint) m;
  *day = (gint) d;
}

/**
 * pw_tz_days_in_month:
 * @year: a proleptic Gregorian year
 * @month: 1–12
 *
 * Returns: 28–31
 */
gint
pw_tz_days_in_month (gint year,
                     gint month)
{
  static const gint days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && (year % 4 == 0) && ((year % 100 != 0) || (year % 400 == 0)))
    return 29;
  return days[month - 1];
}

/**
 * pw_tz_weekday:
 * @days: days since 1970-01-01
 *
 * Returns: the day of the week, 0 (Sunday) to 6 (Saturday), as in cron
 */
gint
pw_tz_weekday (gint64 days)
{
  /* 1970-01-01 was a Thursday. */
  gint64 w = (days + 4) % 7;

  return (gint) (w < 0 ? w + 7 : w);
}

/**
 * pw_tz_is_iana_name:
 * @identifier: a time zone identifier
 *
 * Whether @identifier is spelled like a name of the IANA time zone
 * database ("Europe/Berlin", "Etc/GMT+5", "UTC") rather than a POSIX TZ rule
 * ("CET-1CEST,M3.5.0,M10.5.0/3") or an offset ("+05:30"), both of which
 * g_time_zone_new_identifier() also accepts.
 *
 * Returns: %TRUE when it could be an IANA name
 */
gboolean
pw_tz_is_iana_name (const char *identifier)
{
  const char *component;

  if (identifier == NULL || !g_ascii_isalpha (identifier[0]) || strlen (identifier) > 255)
    return FALSE;

  component = identifier;
  for (const char *p = identifier;; p++)
    {
      if (*p == '/' || *p == '\0')
        {
          gsize len = p - component;

          if (len == 0 || (len == 1 && component[0] == '.')
              || (len == 2 && component[0] == '.' && component[1] == '.'))
            return FALSE;
          if (*p == '\0')
            break;
          component = p + 1;
        }
      else if (!g_ascii_isalnum (*p) && strchr ("_+-.", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * pw_tz_lookup:
 * @identifier: an IANA time zone name
 * @error: return location for a #PW_SCHEDULE_ERROR_INVALID_TIMEZONE error
 *
 * Looks a zone up in the system's time zone database. Unlike
 * g_time_zone_new_identifier() it refuses POSIX rules and offsets: a
 * schedule names its zone as Prefect does, by IANA name.
 *
 * Returns: (transfer full) (nullable): the zone, or %NULL with @error set
 */
GTimeZone *
pw_tz_lookup (const char  *identifier,
              GError     **error)
{
  /* GLib forgets a zone when its last reference goes and then reads and
   * expands the file again (some 150 µs for a zone with DST); schedules are
   * made and dropped all the time, so the zones found are kept. */
  static GMutex lock;
  static GHashTable *known;
  g_autoptr(GTimeZone) tz = NULL;
  const char *tzdir;
  g_autofree char *path = NULL;

  if (!pw_tz_is_iana_name (identifier))
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_TIMEZONE,
                   _("`%s` is not an IANA time zone name such as “Europe/Berlin”"),
                   identifier != NULL ? identifier : "");
      return NULL;
    }

  g_mutex_lock (&lock);
  if (known != NULL)
    tz = g_hash_table_lookup (known, identifier);
  if (tz != NULL)
    g_time_zone_ref (tz);
  g_mutex_unlock (&lock);
  if (tz != NULL)
    return g_steal_pointer (&tz);

  /* GLib 2.74 returns NULL for a name it cannot load. */
  tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    {
      g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_TIMEZONE,
                   _("unknown time zone `%s`"), identifier);
      return NULL;
    }

  /* A name that looks right but has no file in the database ("EST5", say)
   * was read by GLib as a POSIX rule. GLib looks in $TZDIR the same way. */
  if (g_strcmp0 (identifier, "UTC") != 0)
    {
      tzdir = g_getenv ("TZDIR");
      if (tzdir == NULL)
        tzdir = "/usr/share/zoneinfo";
      path = g_build_filename (tzdir, identifier, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, PW_SCHEDULE_ERROR, PW_SCHEDULE_ERROR_INVALID_TIMEZONE,
                       _("unknown time zone `%s`"), identifier);
          return NULL;
        }
    }

  g_mutex_lock (&lock);
  if (known == NULL)
    known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_time_zone_unref);
  g_hash_table_replace (known, g_strdup (identifier), g_time_zone_ref (tz));
  g_mutex_unlock (&lock);

  return g_steal_pointer (&tz);
}

static inline gint
interval_at (GTimeZone *tz,
             gint64     utc)
{
  return g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc);
}

static inline gint32
offset_from_glib (GTimeZone *tz,
                  gint64     utc)
{
  return g_time_zone_get_offset (tz, interval_at (tz, utc));
}

/* The first second after @from (whose interval is @iv) in another
 * interval, or G_MAXINT64 when there is none up to @limit. */
static gint64
first_change_after (GTimeZone *tz,
                    gint64     from,
                    gint       iv,
                    gint64     limit)
{
  gint64 lo = from;
  gint64 hi;
  gint64 step = 24 * 3600;

  /* Gallop forward: offsets change months apart, rarely sooner. */
  for (;;)
    {
      gint64 probe = (limit - lo > step) ? lo + step : limit;

      if (probe <= lo)
        return G_MAXINT64;
      if (interval_at (tz, probe) != iv)
        {
          hi = probe;
          break;
        }
      if (probe >= limit)
        return G_MAXINT64;
      lo = probe;
      step *= 2;
    }

  /* interval_at (lo) == iv and interval_at (hi) != iv. */
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (interval_at (tz, mid) == iv)
        lo = mid;
      else
        hi = mid;
    }

  return hi;
}

/* The first change of offset after @from (GTimeZone also changes
 * interval when only the abbreviation does), or G_MAXINT64. */
static gint64
first_offset_change_after (GTimeZone *tz,
                           gint64     from,
                           gint64     limit)
{
  gint iv = interval_at (tz, from);
  gint32 offset = g_time_zone_get_offset (tz, iv);

  for (;;)
    {
      gint64 next = first_change_after (tz, from, iv, limit);

      if (next == G_MAXINT64)
        return G_MAXINT64;
      iv = interval_at (tz, next);
      if (g_time_zone_get_offset (tz, iv) != offset)
        return next;
      from = next;
    }
}

/*
 * g_time_zone_find_interval() scans the zone's transitions one by one, and
 * finding one transition takes some 30 calls, so the offset changes of a
 * zone are found once per process and kept, in chunks of 2^30 seconds
 * (34 years) built when first needed: a schedule in 2026 costs the zone
 * one chunk, some 70 changes for a zone with DST, well under a millisecond.
 */
#define CHUNK_BITS 30
#define N_CHUNKS   ((guint) ((PW_TZ_MAX_UNIX - PW_TZ_MIN_UNIX) >> CHUNK_BITS) + 1)

typedef struct
{
  GArray   *times;      /* gint64: the instants at which the offset changes */
  GArray   *offsets;    /* gint32: offsets[i] holds before times[i]; one more */
  gboolean  next_known;
  gint64    next;       /* the first change in a later chunk, or G_MAXINT64 */
} Chunk;

typedef struct
{
  Chunk *chunks[N_CHUNKS];
} ZoneTable;

static GMutex tables_lock;
static GHashTable *tables;

static gint64
chunk_start (guint k)
{
  return PW_TZ_MIN_UNIX + ((gint64) k << CHUNK_BITS);
}

/* The chunk @k of @table, built on first use. Called with tables_lock. */
static Chunk *
get_chunk (ZoneTable *table,
           GTimeZone *tz,
           guint      k)
{
  Chunk *chunk = table->chunks[k];
  gint64 t, last;
  gint32 offset;

  if (chunk != NULL)
    return chunk;

  chunk = g_new0 (Chunk, 1);
  chunk->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  chunk->offsets = g_array_new (FALSE, FALSE, sizeof (gint32));

  /* The changes in [start, start + 2^30), found after start − 1. */
  t = chunk_start (k) - 1;
  last = MIN (chunk_start (k + 1) - 1, PW_TZ_MAX_UNIX);
  offset = offset_from_glib (tz, t);
  g_array_append_val (chunk->offsets, offset);
  while ((t = first_offset_change_after (tz, t, last)) != G_MAXINT64)
    {
      offset = offset_from_glib (tz, t);
      g_array_append_val (chunk->times, t);
      g_array_append_val (chunk->offsets, offset);
    }

  table->chunks[k] = chunk;
  return chunk;
}

/* The first change after chunk @k, which is built. Called with
 * tables_lock. */
static gint64
change_after_chunk (ZoneTable *table,
                    GTimeZone *tz,
                    guint      k)
{
  gint64 next = G_MAXINT64;
  guint kk;

  if (table->chunks[k]->next_known)
    return table->chunks[k]->next;

  for (kk = k + 1; kk < N_CHUNKS; kk++)
    {
      Chunk *c = get_chunk (table, tz, kk);

      if (c->times->len > 0)
        {
          next = g_array_index (c->times, gint64, 0);
          break;
        }
      if (c->next_known)
        {
          next = c->next;
          break;
        }
    }

  /* Zones without changes (UTC) walk the chunks once, not every time. */
  for (guint x = k; x < kk && x < N_CHUNKS; x++)
    {
      table->chunks[x]->next = next;
      table->chunks[x]->next_known = TRUE;
    }
  return next;
}

/* Called with tables_lock. */
static ZoneTable *
zone_table (GTimeZone *tz)
{
  const char *id = g_time_zone_get_identifier (tz);
  ZoneTable *table;

  if (tables == NULL)
    tables = g_hash_table_new (g_str_hash, g_str_equal);
  table = g_hash_table_lookup (tables, id);
  if (table == NULL)
    {
      table = g_new0 (ZoneTable, 1);
      g_hash_table_insert (tables, g_strdup (id), table);
    }
  return table;
}

static guint
chunk_of (gint64 utc)
{
  return (guint) ((CLAMP (utc, PW_TZ_MIN_UNIX, PW_TZ_MAX_UNIX) - PW_TZ_MIN_UNIX) >> CHUNK_BITS);
}

/* The number of changes in @chunk at or before @utc. */
static guint
count_until (const Chunk *chunk,
             gint64       utc)
{
  guint lo = 0, hi = chunk->times->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (chunk->times, gint64, mid) <= utc)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * pw_tz_offset_at:
 * @tz: a zone
 * @utc: an instant
 *
 * Returns: the offset of @tz from UTC at @utc, in seconds
 */
gint32
pw_tz_offset_at (GTimeZone *tz,
                 gint64     utc)
{
  const Chunk *chunk;
  gint32 offset;

  if (utc < PW_TZ_MIN_UNIX || utc > PW_TZ_MAX_UNIX)
    return offset_from_glib (tz, utc);

  g_mutex_lock (&tables_lock);
  chunk = get_chunk (zone_table (tz), tz, chunk_of (utc));
  offset = g_array_index (chunk->offsets, gint32, count_until (chunk, utc));
  g_mutex_unlock (&tables_lock);

  return offset;
}

/**
 * pw_tz_period_at:
 * @tz: a zone
 * @utc: an instant, from %PW_TZ_MIN_UNIX to %PW_TZ_MAX_UNIX
 * @period: (out caller-allocates): the period of constant offset holding @utc
 *
 * Finds the stretch of time around @utc during which @tz keeps its offset.
 */
void
pw_tz_period_at (GTimeZone  *tz,
                 gint64      utc,
                 PwTzPeriod *period)
{
  ZoneTable *table;
  const Chunk *chunk;
  guint k = chunk_of (utc);
  guint i;

  g_mutex_lock (&tables_lock);
  table = zone_table (tz);
  chunk = get_chunk (table, tz, k);
  i = count_until (chunk, utc);

  period->offset = g_array_index (chunk->offsets, gint32, i);

  /* The start: in this chunk or at the end of the one before; a change
   * older than that is too old to matter. */
  if (i > 0)
    {
      period->start = g_array_index (chunk->times, gint64, i - 1);
      period->prev_offset = g_array_index (chunk->offsets, gint32, i - 1);
    }
  else
    {
      const Chunk *before = k > 0 ? get_chunk (table, tz, k - 1) : NULL;

      if (before != NULL && before->times->len > 0)
        {
          period->start = g_array_index (before->times, gint64, before->times->len - 1);
          period->prev_offset = g_array_index (before->offsets, gint32, before->times->len - 1);
        }
      else
        {
          period->start = G_MININT64;
          period->prev_offset = period->offset;
        }
    }

  /* The end: the next change, in this chunk or a later one. */
  period->end = i < chunk->times->len ? g_array_index (chunk->times, gint64, i)
                                      : change_after_chunk (table, tz, k);
  g_mutex_unlock (&tables_lock);
}

/**
 * pw_tz_period_next:
 * @tz: the zone of @period
 * @period: (inout): a period, replaced by the one that follows it
 *
 * Returns: %FALSE when @period is the last one (it is left unchanged)
 */
gboolean
pw_tz_period_next (GTimeZone  *tz,
                   PwTzPeriod *period)
{
  if (period->end == G_MAXINT64 || period->end > PW_TZ_MAX_UNIX)
    return FALSE;

  pw_tz_period_at (tz, period->end, period);
  return TRUE;
}

/**
 * pw_tz_wall_to_utc:
 * @tz: a zone
 * @wall: a local time, as seconds since 1970-01-01T00:00 on the local clock
 *
 * Turns a local time into an instant the way RFC 5545 and Python's
 * `fold=0` do: a time the clock shows twice (the repeated hour when it is
 * set back) is its first pass; a time it skips (the hour lost when it is
 * set forward) is read with the offset from before the change, so 02:30 in
 * a 02:00→03:00 gap becomes 03:30.
 *
 * Returns: the instant, in seconds since the epoch
 */
gint64
pw_tz_wall_to_utc (GTimeZone *tz,
                   gint64     wall)
{
  /* Offsets are at most a day away from UTC, so a day before and after
   * the wall time the zone has the offsets from either side of a change. */
  gint32 before = pw_tz_offset_at (tz, wall - 24 * 3600);
  gint32 after = pw_tz_offset_at (tz, wall + 24 * 3600);
  gint64 ua = wall - before;
  gint64 ub = wall - after;
  gboolean va = pw_tz_offset_at (tz, ua) == before;
  gboolean vb = pw_tz_offset_at (tz, ub) == after;

  if (va && vb)
    return MIN (ua, ub);
  if (va)
    return ua;
  if (vb)
    return ub;
  return ua;
}

/**
 * pw_tz_date_time_to_usec:
 * @dt: a date and time
 *
 * Returns: @dt in microseconds since the epoch
 */
gint64
pw_tz_date_time_to_usec (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/**
 * pw_tz_date_time_from_usec:
 * @usec: microseconds since the epoch
 *
 * Returns: (transfer full): the instant as a UTC #GDateTime
 */
GDateTime *
pw_tz_date_time_from_usec (gint64 usec)
{
  gint64 secs = pw_tz_floor_div (usec, G_USEC_PER_SEC);
  gint64 rest = usec - secs * G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = g_date_time_new_from_unix_utc (secs);

  if (rest == 0 || whole == NULL)
    return g_steal_pointer (&whole);
  return g_date_time_add (whole, rest);
}
