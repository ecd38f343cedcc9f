/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-backend.h"

G_BEGIN_DECLS

/*
 * The flow the timeline tests run for real: "prepare" (cached on its
 * inputs), "flaky" (fails its first attempt, then retries at once and
 * succeeds: the marker file remembers), "shard" (mapped over four items,
 * two at a time) and "report". Its second run
 * takes "prepare" from the cache and "flaky" succeeds at once.
 */

#define TIMELINE_TEST_FLOW "timeline-demo"

char       *timeline_test_write_flow (const char  *dir);
PwFlowInfo *timeline_test_import     (PwBackend   *backend,
                                      const char  *path);
PwFlowRun  *timeline_test_run        (PwBackend   *backend,
                                      const char  *flow_name);
GListModel *timeline_test_task_runs  (PwBackend   *backend,
                                      const char  *flow_run_id);
GListModel *timeline_test_states     (PwBackend   *backend,
                                      const char  *flow_run_id,
                                      GError     **error);

G_END_DECLS
