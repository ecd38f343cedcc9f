/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-scheduler"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-scheduler-private.h"

/*
 * Planning: which times of a deployment's schedule need runs now, as
 * pw-scheduler.c's comment says. Each deployment's parsed schedule and a
 * window of its next times are kept between ticks, so that a tick asks the
 * schedules for times only now and then.
 */

/* Times asked of a schedule at once for the window of upcoming times, and
 * how far past what is needed the window may reach. */
#define WINDOW_CHUNK 64
#define WINDOW_SLACK (31 * G_TIME_SPAN_DAY)

/* The last instant GDateTime holds: 9999-12-31T23:59:59Z. */
#define PW_MAX_USEC (G_GINT64_CONSTANT (253402300799) * G_USEC_PER_SEC)

/* Times asked of a schedule at once when looking for missed times. */
#define CATCH_UP_CHUNK 256

/* A deployment's schedule, parsed once for as long as its text stays, and
 * a window of its times: every time of the schedule in (from, covered]
 * is in @times, in order. Asking a schedule for its next times can cost
 * milliseconds however few are asked for (an rrule walks from its
 * DTSTART), so times are taken in chunks and served from here. */
struct _PwSchedulerCached
{
  char       *text;
  PwSchedule *schedule;
  gint64      from;
  gint64      covered;
  GArray     *times;    /* gint64 µs */
};

void
pw_scheduler_cached_free (PwSchedulerCached *cached)
{
  g_free (cached->text);
  g_clear_object (&cached->schedule);
  g_clear_pointer (&cached->times, g_array_unref);
  g_free (cached);
}

/* Planning */

PwSchedulerCached *
pw_scheduler_lookup_schedule (PwScheduler      *self,
                              PwScheduleCursor *cursor)
{
  PwSchedulerCached *cached = g_hash_table_lookup (self->schedules, cursor->deployment_id);
  g_autoptr(GError) error = NULL;

  if (cached != NULL && g_strcmp0 (cached->text, cursor->schedule) == 0)
    return cached->schedule != NULL ? cached : NULL;

  cached = g_new0 (PwSchedulerCached, 1);
  cached->text = g_strdup (cursor->schedule);
  cached->schedule = pw_schedule_new_from_string (cursor->schedule, &error);
  cached->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  cached->from = cached->covered = G_MININT64;

  /* Said once per deployment and text: the deployment is skipped until
   * its schedule is fixed. */
  if (cached->schedule == NULL)
    g_warning ("Deployment %s has a schedule that cannot be read, so it gets no runs: %s",
               cursor->deployment_id, error->message);

  g_hash_table_replace (self->schedules, g_strdup (cursor->deployment_id), cached);
  return cached->schedule != NULL ? cached : NULL;
}

GDateTime *
pw_scheduler_time_from_usec (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      seconds--;
      rest += G_USEC_PER_SEC;
    }
  whole = g_date_time_new_from_unix_utc (seconds);
  return rest != 0 ? g_date_time_add (whole, rest) : g_steal_pointer (&whole);
}

gint64
pw_scheduler_time_to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* Makes @cached's window hold every time in (@after, @until], or at least
 * @n of them, and nothing at or before @after. */
static void
window_fill (PwSchedulerCached *cached,
             gint64             after,
             guint              n,
             gint64             until)
{
  guint first = 0;

  /* A window that does not start at or before @after is of no use (the
   * clock went back past it, or the cursor moved): start again. */
  if (cached->from > after || cached->covered < after)
    {
      g_array_set_size (cached->times, 0);
      cached->from = cached->covered = after;
    }

  /* Forget what lies at or before @after: the scheduler moves forward. */
  while (first < cached->times->len && g_array_index (cached->times, gint64, first) <= after)
    first++;
  g_array_remove_range (cached->times, 0, first);
  cached->from = after;

  while (cached->times->len < n && cached->covered < until)
    {
      g_autoptr(GDateTime) from = pw_scheduler_time_from_usec (cached->covered);
      gint64 limit = MIN (until, G_MAXINT64 - WINDOW_SLACK) + WINDOW_SLACK;
      g_autoptr(GDateTime) limit_time = pw_scheduler_time_from_usec (MIN (limit, PW_MAX_USEC));
      g_autoptr(GPtrArray) next = pw_schedule_get_next (cached->schedule, from, WINDOW_CHUNK,
                                                        limit_time);
      guint got = next != NULL ? next->len : 0;

      for (guint i = 0; i < got; i++)
        {
          gint64 t = pw_scheduler_time_to_usec (g_ptr_array_index (next, i));

          if (t > cached->covered)
            {
              g_array_append_val (cached->times, t);
              cached->covered = t;
            }
        }

      /* Fewer than asked: there are no more up to the limit. */
      if (got < WINDOW_CHUNK)
        cached->covered = MIN (limit, PW_MAX_USEC);
      if (cached->covered >= PW_MAX_USEC)
        break;
    }
}

/* The latest time of @schedule in (@after, @before), or 0. */
static gint64
latest_between (PwSchedule *schedule,
                gint64      after,
                gint64      before)
{
  gint64 latest = 0;

  while (after < before)
    {
      g_autoptr(GDateTime) from = pw_scheduler_time_from_usec (after);
      g_autoptr(GDateTime) until = pw_scheduler_time_from_usec (before);
      g_autoptr(GPtrArray) times = pw_schedule_get_next (schedule, from, CATCH_UP_CHUNK, until);
      gint64 last = after;

      for (guint i = 0; times != NULL && i < times->len; i++)
        {
          gint64 t = pw_scheduler_time_to_usec (g_ptr_array_index (times, i));

          if (t <= last)
            continue;
          if (t >= before)
            return latest;
          latest = last = t;
        }

      if (times == NULL || times->len < CATCH_UP_CHUNK || last == after)
        break;
      after = last;
    }

  return latest;
}

/* Adds to @times (GDateTime) the times @cursor's deployment needs runs for
 * now, as the file's comment says. */
gboolean
pw_scheduler_plan_deployment (PwScheduler              *self,
                              const PwSchedulerConfig  *config,
                              PwScheduleCursor         *cursor,
                              PwSchedulerCached        *cached,
                              gint64                    now,
                              GPtrArray                *times,
                              GError                  **error)
{
  g_autoptr(GDateTime) now_time = NULL;
  gint64 from = cursor->scheduled_from != 0 ? cursor->scheduled_from : now;
  gint64 through = cursor->scheduled_through;
  gint64 grace_start = now - config->late_grace;
  gint64 min_end = now + config->min_horizon;
  gint64 max_end = now + config->max_horizon;
  gint64 after;
  gint64 last_ahead;
  gint64 n_ahead;
  guint want;

  /* New times come after those made, from when the schedule counts, and
   * no more than the grace in the past. Bounds are exclusive. */
  after = MAX (from - 1, grace_start - 1);
  if (through != 0)
    after = MAX (after, through);

  if (config->catch_up == PW_SCHEDULER_CATCH_UP_LATEST)
    {
      gint64 missed_after = MAX (from - 1, through);
      gint64 missed;

      /* Not further back than the horizon: a schedule asked for that many
       * times would take too long, and such a run is news to nobody. */
      missed_after = MAX (missed_after, grace_start - config->max_horizon);
      missed = latest_between (cached->schedule, missed_after, grace_start);
      if (missed != 0)
        g_ptr_array_add (times, pw_scheduler_time_from_usec (missed));
    }

  /* Enough ahead already (the usual case, between two of its times):
   * nothing to read from the schedule. */
  last_ahead = MAX (through, now);
  if (through > now)
    {
      now_time = pw_scheduler_time_from_usec (now);
      n_ahead = pw_store_count_future_runs (self->store, cursor->deployment_id, now_time, error);
      if (n_ahead < 0)
        return FALSE;
    }
  else
    n_ahead = 0;

  if (n_ahead >= config->max_runs ||
      (n_ahead >= config->min_runs && last_ahead >= min_end) ||
      after >= max_end)
    return TRUE;

  /* After this first fill the window starts after @after, so filling it
   * further only appends. */
  want = n_ahead < config->min_runs ? config->min_runs - n_ahead : 1;
  window_fill (cached, after, want + 1, max_end);
  for (guint i = 0;; i++)
    {
      gint64 t;

      if (i >= cached->times->len)
        {
          /* Ask for more than one, in case a time is due now, not ahead. */
          window_fill (cached, after, cached->times->len + want + 1, max_end);
          if (i >= cached->times->len)
            break;
        }

      t = g_array_index (cached->times, gint64, i);
      if (t <= after)
        continue;
      if (t > max_end)
        break;

      g_ptr_array_add (times, pw_scheduler_time_from_usec (t));
      if (t > now)
        {
          n_ahead++;
          last_ahead = t;
        }
      if (n_ahead >= config->max_runs || (n_ahead >= config->min_runs && last_ahead >= min_end))
        break;
    }

  return TRUE;
}

