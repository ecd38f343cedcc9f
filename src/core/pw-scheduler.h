/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-clock.h"
#include "pw-store.h"

G_BEGIN_DECLS

/**
 * PwSchedulerCatchUp:
 * @PW_SCHEDULER_CATCH_UP_SKIP: times missed while no scheduler ran are
 *   skipped (the default, as in Prefect)
 * @PW_SCHEDULER_CATCH_UP_LATEST: of the times missed, the latest one gets
 *   a run, once
 *
 * What the scheduler does about a deployment's times that passed (by more
 * than the late grace) without a run being made for them, because no
 * scheduler ran then.
 */
typedef enum
{
  PW_SCHEDULER_CATCH_UP_SKIP,
  PW_SCHEDULER_CATCH_UP_LATEST,
} PwSchedulerCatchUp;

#define PW_TYPE_SCHEDULER_CATCH_UP (pw_scheduler_catch_up_get_type ())
GType pw_scheduler_catch_up_get_type (void) G_GNUC_CONST;

/* Prefect's scheduler settings (PREFECT_ORION_SERVICES_SCHEDULER_*). */
#define PW_SCHEDULER_DEFAULT_MIN_RUNS      3
#define PW_SCHEDULER_DEFAULT_MAX_RUNS      100
#define PW_SCHEDULER_DEFAULT_MIN_HORIZON   (G_TIME_SPAN_HOUR)
#define PW_SCHEDULER_DEFAULT_MAX_HORIZON   (100 * G_TIME_SPAN_DAY)
#define PW_SCHEDULER_DEFAULT_LATE_GRACE    (15 * G_TIME_SPAN_SECOND)
#define PW_SCHEDULER_DEFAULT_INTERVAL_MS   10000

#define PW_TYPE_SCHEDULER (pw_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (PwScheduler, pw_scheduler, PW, SCHEDULER, GObject)

PwScheduler        *pw_scheduler_new                  (PwStore            *store,
                                                       PwClock            *clock);
PwStore            *pw_scheduler_get_store            (PwScheduler        *self);
PwClock            *pw_scheduler_get_clock            (PwScheduler        *self);

PwSchedulerCatchUp  pw_scheduler_get_catch_up         (PwScheduler        *self);
void                pw_scheduler_set_catch_up         (PwScheduler        *self,
                                                       PwSchedulerCatchUp  catch_up);
guint               pw_scheduler_get_min_runs         (PwScheduler        *self);
void                pw_scheduler_set_min_runs         (PwScheduler        *self,
                                                       guint               min_runs);
guint               pw_scheduler_get_max_runs         (PwScheduler        *self);
void                pw_scheduler_set_max_runs         (PwScheduler        *self,
                                                       guint               max_runs);
GTimeSpan           pw_scheduler_get_min_horizon      (PwScheduler        *self);
void                pw_scheduler_set_min_horizon      (PwScheduler        *self,
                                                       GTimeSpan           min_horizon);
GTimeSpan           pw_scheduler_get_max_horizon      (PwScheduler        *self);
void                pw_scheduler_set_max_horizon      (PwScheduler        *self,
                                                       GTimeSpan           max_horizon);
GTimeSpan           pw_scheduler_get_late_grace       (PwScheduler        *self);
void                pw_scheduler_set_late_grace       (PwScheduler        *self,
                                                       GTimeSpan           late_grace);
guint               pw_scheduler_get_interval_ms      (PwScheduler        *self);
void                pw_scheduler_set_interval_ms      (PwScheduler        *self,
                                                       guint               interval_ms);
guint               pw_scheduler_get_busy_retries     (PwScheduler        *self);
void                pw_scheduler_set_busy_retries     (PwScheduler        *self,
                                                       guint               busy_retries);

gboolean            pw_scheduler_tick                 (PwScheduler        *self,
                                                       GError            **error);
gboolean            pw_scheduler_schedule_deployment  (PwScheduler        *self,
                                                       const char         *deployment_id,
                                                       GError            **error);
void                pw_scheduler_start                (PwScheduler        *self);
void                pw_scheduler_stop                 (PwScheduler        *self);
gboolean            pw_scheduler_is_running           (PwScheduler        *self);
guint               pw_scheduler_get_n_ticks          (PwScheduler        *self);

G_END_DECLS
