/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-store-private.h"

G_BEGIN_DECLS

/*
 * The engine's own writes: the hot path of a flow run, inside a batch
 * opened with pw_store_begin(). The engine owns (has claimed) the runs it
 * writes, so it keeps each task run's times in memory and never reads them
 * back; task run ids are made by the engine, so that log lines and later
 * changes of the same batch can name a task run before it is written.
 */

gboolean pw_store_engine_insert_task_run (PwStore     *self,
                                          PwTaskRun   *task_run,
                                          PwState     *state,
                                          PwRunTimes  *times,
                                          GError     **error);
gboolean pw_store_engine_set_task_state  (PwStore     *self,
                                          const char  *task_run_id,
                                          PwState     *state,
                                          PwRunTimes  *times,
                                          const char  *result,
                                          gboolean     set_result,
                                          GError     **error);
GPtrArray *pw_store_engine_list_task_runs (PwStore    *self,
                                          const char  *flow_run_id,
                                          GError     **error);

G_END_DECLS
