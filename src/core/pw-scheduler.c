/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-scheduler"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-routing.h"
#include "pw-schedule.h"
#include "pw-scheduler.h"

/*
 * PwScheduler: keeps each active deployment's next runs in the store
 * (DESIGN.md §5, Prefect's scheduler and late-runs services).
 *
 * At each tick, for each deployment with a schedule that is not paused:
 * - it makes runs for the schedule's next times until at least min-runs
 *   (3) lie ahead and they reach min-horizon (1 h) ahead, never more than
 *   max-runs (100) ahead nor further than max-horizon (100 days);
 * - it never makes a run twice: each deployment keeps a cursor in the
 *   store (scheduled_through, the latest time it has a run for), new runs
 *   start after it, and the store's unique indexes turn a second insert of
 *   the same (deployment, time) into nothing, whichever process or
 *   restart tries it. The clock going back leaves the cursor ahead of it:
 *   no run is made twice, and none is lost when time catches up;
 * - a time that passed without a run (no scheduler ran then) and is older
 *   than the late grace is missed: skipped, or with catch-up "latest" the
 *   latest of them gets one run. A time within the grace still gets its
 *   run. Missed times only count from when the schedule became active
 *   (scheduled_from): a new, edited or resumed deployment has none.
 * Then it marks Late every run still Scheduled a grace after its time.
 *
 * A tick is written in transactions of a few deployments each, so that a
 * failure leaves whole deployments done or untouched. A database locked by
 * another process makes a step wait (the store's busy timeout) and be
 * tried again, busy-retries times, before the tick gives up with the
 * error; nothing is half written either way.
 *
 * Each deployment's parsed schedule and a window of its next times are
 * kept between ticks (see Cached), so that a tick asks the schedules for
 * times only now and then: an rrule takes milliseconds per question.
 *
 * pw_scheduler_tick() runs a tick in the caller's thread (tests drive it
 * on a fake clock); pw_scheduler_start() runs one at once and then every
 * interval of the clock, in a worker thread, and emits the signals on the
 * main context it was started from.
 */

/* Deployments written per transaction. */
#define BATCH_SIZE 50

/* Times asked of a schedule at once for the window of upcoming times, and
 * how far past what is needed the window may reach. */
#define WINDOW_CHUNK 64
#define WINDOW_SLACK (31 * G_TIME_SPAN_DAY)

/* The last instant GDateTime holds: 9999-12-31T23:59:59Z. */
#define PW_MAX_USEC (G_GINT64_CONSTANT (253402300799) * G_USEC_PER_SEC)

/* Times asked of a schedule at once when looking for missed times. */
#define CATCH_UP_CHUNK 256

struct _PwScheduler
{
  GObject             parent_instance;

  PwStore            *store;
  PwClock            *clock;

  PwSchedulerCatchUp  catch_up;
  guint               min_runs;
  guint               max_runs;
  GTimeSpan           min_horizon;
  GTimeSpan           max_horizon;
  GTimeSpan           late_grace;
  guint               interval_ms;
  guint               busy_retries;

  /* One tick at a time; the cache belongs to the tick. */
  GMutex              tick_lock;
  GHashTable         *schedules;      /* deployment id → Cached */
  guint               n_ticks;

  /* The service */
  GMainContext       *context;
  GCancellable       *cancellable;
  guint               timeout_id;
  gboolean            tick_in_flight;
};

G_DEFINE_FINAL_TYPE (PwScheduler, pw_scheduler, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PwSchedulerCatchUp, pw_scheduler_catch_up,
                    G_DEFINE_ENUM_VALUE (PW_SCHEDULER_CATCH_UP_SKIP, "skip"),
                    G_DEFINE_ENUM_VALUE (PW_SCHEDULER_CATCH_UP_LATEST, "latest"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLOCK,
  PROP_CATCH_UP,
  PROP_MIN_RUNS,
  PROP_MAX_RUNS,
  PROP_MIN_HORIZON,
  PROP_MAX_HORIZON,
  PROP_LATE_GRACE,
  PROP_INTERVAL_MS,
  PROP_BUSY_RETRIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FLOW_RUNS_CREATED,
  FLOW_RUNS_LATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A deployment's schedule, parsed once for as long as its text stays, and
 * a window of its times: every time of the schedule in (from, covered]
 * is in @times, in order. Asking a schedule for its next times can cost
 * milliseconds however few are asked for (an rrule walks from its
 * DTSTART), so times are taken in chunks and served from here. */
typedef struct
{
  char       *text;
  PwSchedule *schedule;
  gint64      from;
  gint64      covered;
  GArray     *times;    /* gint64 µs */
} Cached;

static void
cached_free (Cached *cached)
{
  g_free (cached->text);
  g_clear_object (&cached->schedule);
  g_clear_pointer (&cached->times, g_array_unref);
  g_free (cached);
}

/* The settings a tick works with, read once so that a tick in a worker
 * thread sees one consistent set. */
typedef struct
{
  PwSchedulerCatchUp catch_up;
  guint              min_runs;
  guint              max_runs;
  GTimeSpan          min_horizon;
  GTimeSpan          max_horizon;
  GTimeSpan          late_grace;
  guint              busy_retries;
} Config;

/* What a tick did. */
typedef struct
{
  GPtrArray *created;
  GPtrArray *late;
} TickResult;

static void
tick_result_free (TickResult *result)
{
  g_clear_pointer (&result->created, g_ptr_array_unref);
  g_clear_pointer (&result->late, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TickResult, tick_result_free)

static TickResult *
tick_result_new (void)
{
  TickResult *result = g_new0 (TickResult, 1);

  result->created = g_ptr_array_new_with_free_func (g_free);
  result->late = g_ptr_array_new_with_free_func (g_free);
  return result;
}

static void
pw_scheduler_dispose (GObject *object)
{
  PwScheduler *self = (PwScheduler *)object;

  pw_scheduler_stop (self);

  G_OBJECT_CLASS (pw_scheduler_parent_class)->dispose (object);
}

static void
pw_scheduler_finalize (GObject *object)
{
  PwScheduler *self = (PwScheduler *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->schedules, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->tick_lock);

  G_OBJECT_CLASS (pw_scheduler_parent_class)->finalize (object);
}

static void
pw_scheduler_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwScheduler *self = PW_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_CATCH_UP:
      g_value_set_enum (value, self->catch_up);
      break;
    case PROP_MIN_RUNS:
      g_value_set_uint (value, self->min_runs);
      break;
    case PROP_MAX_RUNS:
      g_value_set_uint (value, self->max_runs);
      break;
    case PROP_MIN_HORIZON:
      g_value_set_int64 (value, self->min_horizon);
      break;
    case PROP_MAX_HORIZON:
      g_value_set_int64 (value, self->max_horizon);
      break;
    case PROP_LATE_GRACE:
      g_value_set_int64 (value, self->late_grace);
      break;
    case PROP_INTERVAL_MS:
      g_value_set_uint (value, self->interval_ms);
      break;
    case PROP_BUSY_RETRIES:
      g_value_set_uint (value, self->busy_retries);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_scheduler_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwScheduler *self = PW_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_CATCH_UP:
      pw_scheduler_set_catch_up (self, g_value_get_enum (value));
      break;
    case PROP_MIN_RUNS:
      pw_scheduler_set_min_runs (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RUNS:
      pw_scheduler_set_max_runs (self, g_value_get_uint (value));
      break;
    case PROP_MIN_HORIZON:
      pw_scheduler_set_min_horizon (self, g_value_get_int64 (value));
      break;
    case PROP_MAX_HORIZON:
      pw_scheduler_set_max_horizon (self, g_value_get_int64 (value));
      break;
    case PROP_LATE_GRACE:
      pw_scheduler_set_late_grace (self, g_value_get_int64 (value));
      break;
    case PROP_INTERVAL_MS:
      pw_scheduler_set_interval_ms (self, g_value_get_uint (value));
      break;
    case PROP_BUSY_RETRIES:
      pw_scheduler_set_busy_retries (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_scheduler_class_init (PwSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pw_scheduler_dispose;
  object_class->finalize = pw_scheduler_finalize;
  object_class->get_property = pw_scheduler_get_property;
  object_class->set_property = pw_scheduler_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE, construct);
  properties[PROP_CLOCK] = g_param_spec_object ("clock", NULL, NULL, PW_TYPE_CLOCK, construct);
  properties[PROP_CATCH_UP] =
    g_param_spec_enum ("catch-up", NULL, NULL, PW_TYPE_SCHEDULER_CATCH_UP,
                       PW_SCHEDULER_CATCH_UP_SKIP, flags);
  properties[PROP_MIN_RUNS] =
    g_param_spec_uint ("min-runs", NULL, NULL, 1, G_MAXINT, PW_SCHEDULER_DEFAULT_MIN_RUNS, flags);
  properties[PROP_MAX_RUNS] =
    g_param_spec_uint ("max-runs", NULL, NULL, 1, G_MAXINT, PW_SCHEDULER_DEFAULT_MAX_RUNS, flags);
  properties[PROP_MIN_HORIZON] =
    g_param_spec_int64 ("min-horizon", NULL, NULL, 0, G_MAXINT64,
                        PW_SCHEDULER_DEFAULT_MIN_HORIZON, flags);
  properties[PROP_MAX_HORIZON] =
    g_param_spec_int64 ("max-horizon", NULL, NULL, G_TIME_SPAN_SECOND, 1000 * 365 * G_TIME_SPAN_DAY,
                        PW_SCHEDULER_DEFAULT_MAX_HORIZON, flags);
  properties[PROP_LATE_GRACE] =
    g_param_spec_int64 ("late-grace", NULL, NULL, 0, G_MAXINT64,
                        PW_SCHEDULER_DEFAULT_LATE_GRACE, flags);
  properties[PROP_INTERVAL_MS] =
    g_param_spec_uint ("interval-ms", NULL, NULL, 1, G_MAXUINT, PW_SCHEDULER_DEFAULT_INTERVAL_MS,
                       flags);
  properties[PROP_BUSY_RETRIES] =
    g_param_spec_uint ("busy-retries", NULL, NULL, 0, 1000, 8, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwScheduler::flow-runs-created:
   * @ids: the ids of the runs a tick made
   *
   * Emitted after a tick that made runs (after they are stored).
   */
  signals[FLOW_RUNS_CREATED] =
    g_signal_new ("flow-runs-created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * PwScheduler::flow-runs-late:
   * @ids: the ids of the runs a tick marked Late
   */
  signals[FLOW_RUNS_LATE] =
    g_signal_new ("flow-runs-late",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
pw_scheduler_init (PwScheduler *self)
{
  self->catch_up = PW_SCHEDULER_CATCH_UP_SKIP;
  self->min_runs = PW_SCHEDULER_DEFAULT_MIN_RUNS;
  self->max_runs = PW_SCHEDULER_DEFAULT_MAX_RUNS;
  self->min_horizon = PW_SCHEDULER_DEFAULT_MIN_HORIZON;
  self->max_horizon = PW_SCHEDULER_DEFAULT_MAX_HORIZON;
  self->late_grace = PW_SCHEDULER_DEFAULT_LATE_GRACE;
  self->interval_ms = PW_SCHEDULER_DEFAULT_INTERVAL_MS;
  self->busy_retries = 8;
  g_mutex_init (&self->tick_lock);
  self->schedules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)cached_free);
}

/**
 * pw_scheduler_new:
 * @store: the store whose deployments it schedules
 * @clock: where it takes the time from
 *
 * Returns: (transfer full): a scheduler with Prefect's settings: at least
 *   3 runs and 1 h ahead, at most 100 runs and 100 days; Late 15 s after a
 *   run's time; missed times skipped
 */
PwScheduler *
pw_scheduler_new (PwStore *store,
                  PwClock *clock)
{
  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (PW_IS_CLOCK (clock), NULL);

  return g_object_new (PW_TYPE_SCHEDULER, "store", store, "clock", clock, NULL);
}

PwStore *
pw_scheduler_get_store (PwScheduler *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULER (self), NULL);
  return self->store;
}

PwClock *
pw_scheduler_get_clock (PwScheduler *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULER (self), NULL);
  return self->clock;
}

#define SETTING(type, field, PROP, check)                                     \
  type                                                                        \
  pw_scheduler_get_##field (PwScheduler *self)                                \
  {                                                                           \
    g_return_val_if_fail (PW_IS_SCHEDULER (self), 0);                         \
    return self->field;                                                       \
  }                                                                           \
                                                                              \
  void                                                                        \
  pw_scheduler_set_##field (PwScheduler *self,                                \
                            type         field)                               \
  {                                                                           \
    g_return_if_fail (PW_IS_SCHEDULER (self));                                \
    g_return_if_fail (check);                                                 \
    if (self->field == field)                                                 \
      return;                                                                 \
    g_mutex_lock (&self->tick_lock);                                          \
    self->field = field;                                                      \
    g_mutex_unlock (&self->tick_lock);                                        \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);             \
  }

SETTING (PwSchedulerCatchUp, catch_up, PROP_CATCH_UP, catch_up <= PW_SCHEDULER_CATCH_UP_LATEST)
SETTING (guint, min_runs, PROP_MIN_RUNS, min_runs >= 1)
SETTING (guint, max_runs, PROP_MAX_RUNS, max_runs >= 1)
SETTING (GTimeSpan, min_horizon, PROP_MIN_HORIZON, min_horizon >= 0)
SETTING (GTimeSpan, max_horizon, PROP_MAX_HORIZON, max_horizon >= G_TIME_SPAN_SECOND)
SETTING (GTimeSpan, late_grace, PROP_LATE_GRACE, late_grace >= 0)
SETTING (guint, interval_ms, PROP_INTERVAL_MS, interval_ms >= 1)
SETTING (guint, busy_retries, PROP_BUSY_RETRIES, busy_retries <= 1000)

/**
 * pw_scheduler_get_n_ticks:
 * @self: a #PwScheduler
 *
 * Returns: how many ticks have ended, well or not
 */
guint
pw_scheduler_get_n_ticks (PwScheduler *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULER (self), 0);
  return g_atomic_int_get (&self->n_ticks);
}

static Config
read_config (PwScheduler *self)
{
  Config config;

  g_mutex_lock (&self->tick_lock);
  config.catch_up = self->catch_up;
  config.min_runs = self->min_runs;
  config.max_runs = MAX (self->max_runs, 1);
  config.min_horizon = self->min_horizon;
  config.max_horizon = self->max_horizon;
  config.late_grace = self->late_grace;
  config.busy_retries = self->busy_retries;
  g_mutex_unlock (&self->tick_lock);

  return config;
}

/* Planning */

static Cached *
lookup_schedule (PwScheduler      *self,
                 PwScheduleCursor *cursor)
{
  Cached *cached = g_hash_table_lookup (self->schedules, cursor->deployment_id);
  g_autoptr(GError) error = NULL;

  if (cached != NULL && g_strcmp0 (cached->text, cursor->schedule) == 0)
    return cached->schedule != NULL ? cached : NULL;

  cached = g_new0 (Cached, 1);
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

static GDateTime *
time_from_usec (gint64 usec)
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

static gint64
time_to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* Makes @cached's window hold every time in (@after, @until], or at least
 * @n of them, and nothing at or before @after. */
static void
window_fill (Cached *cached,
             gint64  after,
             guint   n,
             gint64  until)
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
      g_autoptr(GDateTime) from = time_from_usec (cached->covered);
      gint64 limit = MIN (until, G_MAXINT64 - WINDOW_SLACK) + WINDOW_SLACK;
      g_autoptr(GDateTime) limit_time = time_from_usec (MIN (limit, PW_MAX_USEC));
      g_autoptr(GPtrArray) next = pw_schedule_get_next (cached->schedule, from, WINDOW_CHUNK,
                                                        limit_time);
      guint got = next != NULL ? next->len : 0;

      for (guint i = 0; i < got; i++)
        {
          gint64 t = time_to_usec (g_ptr_array_index (next, i));

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
      g_autoptr(GDateTime) from = time_from_usec (after);
      g_autoptr(GDateTime) until = time_from_usec (before);
      g_autoptr(GPtrArray) times = pw_schedule_get_next (schedule, from, CATCH_UP_CHUNK, until);
      gint64 last = after;

      for (guint i = 0; times != NULL && i < times->len; i++)
        {
          gint64 t = time_to_usec (g_ptr_array_index (times, i));

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
static gboolean
plan_deployment (PwScheduler       *self,
                 const Config      *config,
                 PwScheduleCursor  *cursor,
                 Cached            *cached,
                 gint64             now,
                 GPtrArray         *times,
                 GError           **error)
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
        g_ptr_array_add (times, time_from_usec (missed));
    }

  /* Enough ahead already (the usual case, between two of its times):
   * nothing to read from the schedule. */
  last_ahead = MAX (through, now);
  if (through > now)
    {
      now_time = time_from_usec (now);
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

      g_ptr_array_add (times, time_from_usec (t));
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

/* Ticks */

static gboolean
is_busy (const GError *error)
{
  return g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY);
}

/* Waits a little longer each time before the next try. */
static gboolean
retry_after_busy (const Config  *config,
                  guint         *attempt,
                  GError       **error)
{
  if (!is_busy (*error) || *attempt >= config->busy_retries)
    return FALSE;

  g_debug ("The database is busy; trying again (%u)", *attempt + 1);
  g_clear_error (error);
  (*attempt)++;
  g_usleep (MIN (*attempt, 10) * 100 * 1000);
  return TRUE;
}

/* One batch of deployments, in one transaction. */
static gboolean
schedule_batch (PwScheduler  *self,
                const Config *config,
                GPtrArray    *cursors,
                guint         first,
                guint         last,
                GPtrArray    *queues,
                gint64        now,
                GPtrArray    *created,
                GError      **error)
{
  g_autoptr(GDateTime) now_time = time_from_usec (now);
  guint n_created = created->len;

  if (!pw_store_begin (self->store, error))
    return FALSE;

  for (guint i = first; i < last; i++)
    {
      PwScheduleCursor *cursor = g_ptr_array_index (cursors, i);
      Cached *schedule = lookup_schedule (self, cursor);
      g_autoptr(GPtrArray) times = NULL;
      g_autoptr(GDateTime) from = NULL;
      const char *queue;

      if (schedule == NULL)
        continue;

      times = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);
      if (!plan_deployment (self, config, cursor, schedule, now, times, error))
        goto failed;

      /* Nothing to make, and the cursor already knows where it starts. */
      if (times->len == 0 && cursor->scheduled_from != 0)
        continue;

      from = cursor->scheduled_from != 0 ? time_from_usec (cursor->scheduled_from)
                                         : g_date_time_ref (now_time);
      queue = pw_routing_pick_queue (queues, cursor->work_queue_name,
                                     (const char * const *)cursor->tags);
      if (!pw_store_insert_scheduled_runs (self->store, cursor, queue, times, from, now_time,
                                           created, error))
        goto failed;
    }

  if (pw_store_commit (self->store, error))
    return TRUE;

  g_ptr_array_set_size (created, n_created);
  return FALSE;

failed:
  pw_store_rollback (self->store);
  g_ptr_array_set_size (created, n_created);
  return FALSE;
}

/* Schedules @only (a deployment id) or every active deployment, then
 * (for a whole tick) marks late runs. */
static gboolean
run_tick (PwScheduler  *self,
          const Config *config,
          const char   *only,
          gboolean      mark_late,
          TickResult   *result,
          GError      **error)
{
  g_autoptr(GPtrArray) cursors = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GDateTime) now_time = pw_clock_get_now (self->clock);
  gint64 now = time_to_usec (now_time);
  guint attempt = 0;

  /* Reads wait for nothing in WAL mode, but may meet a busy database
   * while another process recovers it. */
  while ((cursors = pw_store_list_schedule_cursors (self->store, error)) == NULL ||
         (queues = pw_store_list_work_queues (self->store, error)) == NULL)
    {
      g_clear_pointer (&cursors, g_ptr_array_unref);
      if (!retry_after_busy (config, &attempt, error))
        return FALSE;
    }

  if (only != NULL)
    {
      for (guint i = cursors->len; i > 0; i--)
        {
          PwScheduleCursor *cursor = g_ptr_array_index (cursors, i - 1);

          if (!g_str_equal (cursor->deployment_id, only))
            g_ptr_array_remove_index (cursors, i - 1);
        }
    }

  /* Forget the schedules of deployments that went away. */
  if (only == NULL)
    {
      g_autoptr(GHashTable) active = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      const char *id;

      for (guint i = 0; i < cursors->len; i++)
        g_hash_table_add (active, ((PwScheduleCursor *)g_ptr_array_index (cursors, i))->deployment_id);
      g_hash_table_iter_init (&iter, self->schedules);
      while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
        if (!g_hash_table_contains (active, id))
          g_hash_table_iter_remove (&iter);
    }

  for (guint first = 0; first < cursors->len; first += BATCH_SIZE)
    {
      guint last = MIN (first + BATCH_SIZE, cursors->len);

      attempt = 0;
      while (!schedule_batch (self, config, cursors, first, last, queues, now,
                              result->created, error))
        {
          if (!retry_after_busy (config, &attempt, error))
            return FALSE;
        }
    }

  if (mark_late)
    {
      g_autoptr(GDateTime) due_before = time_from_usec (now - config->late_grace);
      GPtrArray *late;

      attempt = 0;
      while ((late = pw_store_mark_late_runs (self->store, due_before, now_time, error)) == NULL)
        {
          if (!retry_after_busy (config, &attempt, error))
            return FALSE;
        }
      g_ptr_array_extend_and_steal (result->late, late);
    }

  return TRUE;
}

static void
emit_result (PwScheduler *self,
             TickResult  *result)
{
  if (result->created->len > 0)
    {
      g_ptr_array_add (result->created, NULL);
      g_signal_emit (self, signals[FLOW_RUNS_CREATED], 0, result->created->pdata);
      g_ptr_array_set_size (result->created, result->created->len - 1);
    }
  if (result->late->len > 0)
    {
      g_ptr_array_add (result->late, NULL);
      g_signal_emit (self, signals[FLOW_RUNS_LATE], 0, result->late->pdata);
      g_ptr_array_set_size (result->late, result->late->len - 1);
    }
}

static gboolean
tick_locked (PwScheduler  *self,
             const char   *only,
             gboolean      mark_late,
             TickResult   *result,
             GError      **error)
{
  Config config = read_config (self);
  gboolean ok;

  g_mutex_lock (&self->tick_lock);
  ok = run_tick (self, &config, only, mark_late, result, error);
  g_mutex_unlock (&self->tick_lock);

  g_atomic_int_inc (&self->n_ticks);
  return ok;
}

/**
 * pw_scheduler_tick:
 * @self: a #PwScheduler
 * @error: return location for a #GError
 *
 * Does one round of the service now, in this thread: makes the runs every
 * active deployment needs and marks late runs Late, then emits
 * #PwScheduler::flow-runs-created and #PwScheduler::flow-runs-late. A
 * database locked by another process is waited for and tried again (see
 * #PwScheduler:busy-retries).
 *
 * Returns: %TRUE, or %FALSE with @error set (the deployments written
 *   before the error keep their runs; none is half written)
 */
gboolean
pw_scheduler_tick (PwScheduler  *self,
                   GError      **error)
{
  g_autoptr(TickResult) result = tick_result_new ();
  gboolean ok;

  g_return_val_if_fail (PW_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = tick_locked (self, NULL, TRUE, result, error);
  emit_result (self, result);
  return ok;
}

/**
 * pw_scheduler_schedule_deployment:
 * @self: a #PwScheduler
 * @deployment_id: a deployment
 * @error: return location for a #GError
 *
 * Makes the runs one deployment needs now, as a tick would (nothing for a
 * paused deployment or one without a schedule). Front ends call it after
 * saving or resuming a deployment, so that its next runs show at once.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
pw_scheduler_schedule_deployment (PwScheduler  *self,
                                  const char   *deployment_id,
                                  GError      **error)
{
  g_autoptr(TickResult) result = tick_result_new ();
  Config config;
  gboolean ok;

  g_return_val_if_fail (PW_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (deployment_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  config = read_config (self);
  g_mutex_lock (&self->tick_lock);
  ok = run_tick (self, &config, deployment_id, FALSE, result, error);
  g_mutex_unlock (&self->tick_lock);

  emit_result (self, result);
  return ok;
}

/* The service */

static void
tick_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PwScheduler *self = source_object;
  g_autoptr(TickResult) result = tick_result_new ();
  GError *error = NULL;

  if (!tick_locked (self, NULL, TRUE, result, &error))
    {
      /* What was written stays; say why the rest was not. */
      g_warning ("A scheduler tick stopped: %s", error->message);
      g_clear_error (&error);
    }

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify)tick_result_free);
}

static void
tick_done_cb (GObject      *object,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  PwScheduler *self = PW_SCHEDULER (object);
  g_autoptr(TickResult) result = NULL;

  self->tick_in_flight = FALSE;
  result = g_task_propagate_pointer (G_TASK (async_result), NULL);
  if (result != NULL && pw_scheduler_is_running (self))
    emit_result (self, result);
}

static gboolean
on_timeout (gpointer user_data)
{
  PwScheduler *self = user_data;
  g_autoptr(GTask) task = NULL;

  /* A tick that takes longer than the interval is not piled on. */
  if (self->tick_in_flight)
    return G_SOURCE_CONTINUE;

  self->tick_in_flight = TRUE;
  task = g_task_new (self, self->cancellable, tick_done_cb, NULL);
  g_task_set_source_tag (task, on_timeout);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, tick_thread);

  return G_SOURCE_CONTINUE;
}

/**
 * pw_scheduler_start:
 * @self: a #PwScheduler
 *
 * Starts the service: a tick now, and one every #PwScheduler:interval-ms
 * of the clock, each in a worker thread. Signals are emitted on the
 * thread-default main context of the caller. Does nothing if started.
 */
void
pw_scheduler_start (PwScheduler *self)
{
  GSource *source;

  g_return_if_fail (PW_IS_SCHEDULER (self));

  if (self->timeout_id != 0)
    return;

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();

  source = pw_clock_timeout_source_new (self->clock, self->interval_ms);
  g_source_set_callback (source, on_timeout, self, NULL);
  g_source_set_name (source, "[pipewright] scheduler");
  self->timeout_id = g_source_attach (source, self->context);
  g_source_unref (source);

  on_timeout (self);
}

/**
 * pw_scheduler_stop:
 * @self: a #PwScheduler
 *
 * Stops the service. A tick under way finishes its writes; its signals
 * are not emitted.
 */
void
pw_scheduler_stop (PwScheduler *self)
{
  g_return_if_fail (PW_IS_SCHEDULER (self));

  if (self->timeout_id != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->timeout_id);

      if (source != NULL)
        g_source_destroy (source);
      self->timeout_id = 0;
    }
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

gboolean
pw_scheduler_is_running (PwScheduler *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULER (self), FALSE);
  return self->timeout_id != 0;
}
