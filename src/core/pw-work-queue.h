/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PW_WORK_QUEUE_DEFAULT:
 *
 * The queue that takes the runs of deployments that name no queue and
 * match no queue's tag filter.
 */
#define PW_WORK_QUEUE_DEFAULT "default"

/**
 * PW_WORK_QUEUE_NO_LIMIT:
 *
 * The concurrency limit of a queue that has none.
 */
#define PW_WORK_QUEUE_NO_LIMIT (-1)

#define PW_TYPE_WORK_QUEUE (pw_work_queue_get_type ())
G_DECLARE_FINAL_TYPE (PwWorkQueue, pw_work_queue, PW, WORK_QUEUE, GObject)

PwWorkQueue        *pw_work_queue_new                   (const char         *name);
PwWorkQueue        *pw_work_queue_copy                  (PwWorkQueue        *self);
const char         *pw_work_queue_get_id                (PwWorkQueue        *self);
void                pw_work_queue_set_id                (PwWorkQueue        *self,
                                                         const char         *id);
const char         *pw_work_queue_get_name              (PwWorkQueue        *self);
void                pw_work_queue_set_name              (PwWorkQueue        *self,
                                                         const char         *name);
const char         *pw_work_queue_get_description       (PwWorkQueue        *self);
void                pw_work_queue_set_description       (PwWorkQueue        *self,
                                                         const char         *description);
gboolean            pw_work_queue_get_paused            (PwWorkQueue        *self);
void                pw_work_queue_set_paused            (PwWorkQueue        *self,
                                                         gboolean            paused);
int                 pw_work_queue_get_concurrency_limit (PwWorkQueue        *self);
void                pw_work_queue_set_concurrency_limit (PwWorkQueue        *self,
                                                         int                 limit);
guint               pw_work_queue_get_priority          (PwWorkQueue        *self);
void                pw_work_queue_set_priority          (PwWorkQueue        *self,
                                                         guint               priority);
const char * const *pw_work_queue_get_tag_filter        (PwWorkQueue        *self);
void                pw_work_queue_set_tag_filter        (PwWorkQueue        *self,
                                                         const char * const *tags);
GDateTime          *pw_work_queue_get_last_polled       (PwWorkQueue        *self);
void                pw_work_queue_set_last_polled       (PwWorkQueue        *self,
                                                         GDateTime          *last_polled);
GDateTime          *pw_work_queue_get_created           (PwWorkQueue        *self);
void                pw_work_queue_set_created           (PwWorkQueue        *self,
                                                         GDateTime          *created);
GDateTime          *pw_work_queue_get_updated           (PwWorkQueue        *self);
void                pw_work_queue_set_updated           (PwWorkQueue        *self,
                                                         GDateTime          *updated);

gboolean            pw_work_queue_matches_tags          (PwWorkQueue        *self,
                                                         const char * const *tags);
gboolean            pw_work_queue_check_name            (const char         *name,
                                                         GError            **error);

/**
 * PwWorkQueueStatus:
 * @healthy: polled recently enough (within
 *   %PW_WORK_QUEUE_HEALTHY_POLL_SECONDS) and no run is late
 * @late_runs: how many of its runs are Late
 * @scheduled_runs: how many wait in it (SCHEDULED, due or not)
 * @active_runs: how many of its runs are PENDING, RUNNING or CANCELLING,
 *   the runs its concurrency limit counts
 * @last_polled: (nullable): when an agent last asked it for runs
 *
 * A queue's health, as Prefect's `/work_queues/{id}/status` reports it.
 */
typedef struct
{
  gboolean   healthy;
  guint      late_runs;
  guint      scheduled_runs;
  guint      active_runs;
  GDateTime *last_polled;
} PwWorkQueueStatus;

/**
 * PW_WORK_QUEUE_HEALTHY_POLL_SECONDS:
 *
 * How long a queue may go unpolled and still count as healthy (Prefect's
 * `maximum_seconds_since_last_polled`).
 */
#define PW_WORK_QUEUE_HEALTHY_POLL_SECONDS 60

#define PW_TYPE_WORK_QUEUE_STATUS (pw_work_queue_status_get_type ())
GType               pw_work_queue_status_get_type       (void) G_GNUC_CONST;
PwWorkQueueStatus  *pw_work_queue_status_new            (void);
PwWorkQueueStatus  *pw_work_queue_status_copy           (const PwWorkQueueStatus *self);
void                pw_work_queue_status_free           (PwWorkQueueStatus       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwWorkQueueStatus, pw_work_queue_status_free)

G_END_DECLS
