/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-store-private.h"

G_BEGIN_DECLS

/*
 * The engine's own writes: the hot path of a flow run, inside a batch
 * opened with pw_store_begin(). The engine owns (has claimed) the runs it
 * writes, so it keeps each task run's times in memory and never reads them
 * back. It makes the ids of task runs and states itself (time-ordered, so
 * that inserts land at the end of the id indexes) and hands plain values,
 * not objects: a run of 100,000 tasks writes 400,000 rows.
 */

typedef struct
{
  const char  *id;
  PwStateType  type;
  const char  *name;            /* NULL: the type's default name */
  const char  *message;
  const char  *details;         /* a JSON object, or NULL */
  gint64       timestamp;       /* µs since the epoch, UTC */
  gint64       scheduled_time;  /* 0: none */
} PwStoreEngineState;

typedef struct
{
  const char  *id;
  const char  *name;
  const char  *flow_run_id;
  const char  *task_key;
  const char  *dynamic_key;
  const char  *cache_key;
  gint64       cache_expiration; /* 0: none */
  const char  *tags;             /* a JSON array */
  const char  *task_inputs;      /* a JSON object */
} PwStoreEngineTaskRun;

typedef struct
{
  const char  *flow_run_id;
  const char  *task_run_id;     /* NULL for a flow-level line */
  const char  *name;
  int          level;
  const char  *message;
  gint64       timestamp;
} PwStoreEngineLog;

gboolean   pw_store_engine_insert_task_run (PwStore                    *self,
                                            const PwStoreEngineTaskRun *task_run,
                                            const PwStoreEngineState   *states,
                                            guint                       n_states,
                                            PwRunTimes                 *times,
                                            const char                 *result,
                                            gboolean                    set_result,
                                            GError                    **error);
gboolean   pw_store_engine_update_task_run (PwStore                    *self,
                                            const char                 *task_run_id,
                                            const PwStoreEngineState   *states,
                                            guint                       n_states,
                                            PwRunTimes                 *times,
                                            const char                 *result,
                                            gboolean                    set_result,
                                            GError                    **error);
gboolean   pw_store_engine_insert_logs     (PwStore                    *self,
                                            const PwStoreEngineLog     *logs,
                                            guint                       n_logs,
                                            GError                    **error);
GPtrArray *pw_store_engine_list_task_runs  (PwStore                    *self,
                                            const char                 *flow_run_id,
                                            GError                    **error);

G_END_DECLS
