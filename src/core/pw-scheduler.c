/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-scheduler"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-scheduler-private.h"

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
 * kept between ticks (see PwSchedulerCached), so that a tick asks the
 * schedules for times only now and then: an rrule takes milliseconds per
 * question.
 *
 * The object is split around pw-scheduler-private.h (see there).
 *
 * pw_scheduler_tick() runs a tick in the caller's thread (tests drive it
 * on a fake clock); pw_scheduler_start() runs one at once and then every
 * interval of the clock, in a worker thread, and emits the signals on the
 * main context it was started from.
 */

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
                                           (GDestroyNotify)pw_scheduler_cached_free);
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

/* Emits the signals for what a tick did. */
void
pw_scheduler_emit_result (PwScheduler           *self,
                          PwSchedulerTickResult *result)
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
