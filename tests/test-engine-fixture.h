/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-engine.h"
#include "pw-flow-file.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* A temporary folder, a store in it and an engine on it; every signal of
 * the engine is checked against the store (reported only once stored). */
typedef struct
{
  char      *dir;
  PwStore   *store;
  PwClock   *clock;
  PwEngine  *engine;
  guint      n_flow_run_changes;
  guint      n_task_run_changes;
  guint      n_logs_signals;
  guint      n_log_lines;
  guint      max_lines_per_signal;
} EngineFixture;

void        engine_fixture_set_up      (EngineFixture *f,
                                        gconstpointer  data);
void        engine_fixture_set_up_fake (EngineFixture *f,
                                        gconstpointer  data);
void        engine_fixture_tear_down   (EngineFixture *f,
                                        gconstpointer  data);

char       *fixture_path               (EngineFixture *f,
                                        const char    *name);
PwFlow     *fixture_save_flow          (EngineFixture *f,
                                        const char    *json);
char       *fixture_create_run         (EngineFixture *f,
                                        const char    *flow_name,
                                        const char    *parameters);
PwFlowRun  *fixture_wait               (EngineFixture *f,
                                        const char    *flow_run_id,
                                        GCancellable  *cancellable,
                                        GError       **error);
PwFlowRun  *fixture_run                (EngineFixture *f,
                                        const char    *flow_name,
                                        const char    *parameters);
void        fixture_dump               (EngineFixture *f,
                                        PwFlowRun     *run);
PwTaskRun  *fixture_task_run           (EngineFixture *f,
                                        PwFlowRun     *run,
                                        const char    *task_key,
                                        guint          index);
guint       fixture_n_task_runs        (EngineFixture *f,
                                        PwFlowRun     *run);
char       *fixture_task_history       (EngineFixture *f,
                                        PwTaskRun     *task_run);
char       *fixture_flow_history       (EngineFixture *f,
                                        PwFlowRun     *run);
GPtrArray  *fixture_logs               (EngineFixture *f,
                                        const char    *flow_run_id,
                                        const char    *task_run_id);
gboolean    fixture_logs_contain       (EngineFixture *f,
                                        const char    *flow_run_id,
                                        const char    *task_run_id,
                                        int            level,
                                        const char    *needle);
void        fixture_iterate_until      (gboolean     (*done) (gpointer),
                                        gpointer       data);
gboolean    process_gone               (int            pid);
int         read_pid_file              (const char    *path);
void        wait_process_gone          (int            pid);

G_END_DECLS
