/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-schedule.h"
#include "pw-scheduler.h"

G_BEGIN_DECLS

/*
 * The scheduler's insides, shared by its files:
 *
 *   pw-scheduler.c          the object, its settings and signals
 *   pw-scheduler-plan.c     which times a deployment needs runs for: its
 *                           parsed schedule, the window of its next times,
 *                           missed times
 *   pw-scheduler-tick.c     a tick: batches of deployments in transactions,
 *                           busy retries, marking Late, the tick lock
 *   pw-scheduler-service.c  the service: a tick every interval, in a
 *                           worker thread
 */

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
  GHashTable         *schedules;      /* deployment id → PwSchedulerCached */
  guint               n_ticks;

  /* The service */
  GMainContext       *context;
  GCancellable       *cancellable;
  guint               timeout_id;
  gboolean            tick_in_flight;
};

/* A deployment's parsed schedule and a window of its times
 * (pw-scheduler-plan.c). */
typedef struct _PwSchedulerCached PwSchedulerCached;

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
} PwSchedulerConfig;

/* What a tick did. */
typedef struct
{
  GPtrArray *created;
  GPtrArray *late;
} PwSchedulerTickResult;

/* pw-scheduler.c */
void                   pw_scheduler_emit_result         (PwScheduler              *self,
                                                         PwSchedulerTickResult    *result);

/* pw-scheduler-plan.c */
void                   pw_scheduler_cached_free         (PwSchedulerCached        *cached);
PwSchedulerCached     *pw_scheduler_lookup_schedule     (PwScheduler              *self,
                                                         PwScheduleCursor         *cursor);
gboolean               pw_scheduler_plan_deployment     (PwScheduler              *self,
                                                         const PwSchedulerConfig  *config,
                                                         PwScheduleCursor         *cursor,
                                                         PwSchedulerCached        *cached,
                                                         gint64                    now,
                                                         GPtrArray                *times,
                                                         GError                  **error);
GDateTime             *pw_scheduler_time_from_usec      (gint64                    usec);
gint64                 pw_scheduler_time_to_usec        (GDateTime                *time);

/* pw-scheduler-tick.c */
PwSchedulerTickResult *pw_scheduler_tick_result_new     (void);
void                   pw_scheduler_tick_result_free    (PwSchedulerTickResult    *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwSchedulerTickResult, pw_scheduler_tick_result_free)
gboolean               pw_scheduler_tick_locked         (PwScheduler              *self,
                                                         const char               *only,
                                                         gboolean                  mark_late,
                                                         PwSchedulerTickResult    *result,
                                                         GError                  **error);

G_END_DECLS
