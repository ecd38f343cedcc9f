/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-clock.h"
#include "pw-flow-run.h"
#include "pw-flow.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_ENGINE_ERROR (pw_engine_error_quark ())

/**
 * PwEngineError:
 * @PW_ENGINE_ERROR_NOT_FOUND: no such flow run, or no such flow for a
 *   sub-flow
 * @PW_ENGINE_ERROR_INVALID: the flow run cannot be run as asked (not
 *   PENDING, already running here, not finished for a retry, its flow does
 *   not match)
 * @PW_ENGINE_ERROR_STORE: the store failed while the run went on; the run
 *   was stopped
 *
 * Errors of the engine. A run that fails because of its tasks is not an
 * error: it finishes in a FAILED state.
 */
typedef enum
{
  PW_ENGINE_ERROR_NOT_FOUND,
  PW_ENGINE_ERROR_INVALID,
  PW_ENGINE_ERROR_STORE,
} PwEngineError;

/**
 * PwEngineFlowLookup:
 * @engine: the engine
 * @flow_name: the flow a `subflow` task names
 * @out_flow_id: (out): the flow's id in the store
 * @out_version: (out): the version returned
 * @user_data: the data given to pw_engine_set_flow_lookup()
 * @error: return location for a #GError
 *
 * Finds the flow a sub-flow runs. The default looks up the latest version
 * in the engine's store.
 *
 * Returns: (transfer full) (nullable): the flow, or %NULL with @error set
 */
typedef PwFlow *(*PwEngineFlowLookup) (gpointer     engine,
                                       const char  *flow_name,
                                       char       **out_flow_id,
                                       guint       *out_version,
                                       gpointer     user_data,
                                       GError     **error);

#define PW_TYPE_ENGINE (pw_engine_get_type ())
G_DECLARE_FINAL_TYPE (PwEngine, pw_engine, PW, ENGINE, GObject)

GQuark      pw_engine_error_quark           (void);

PwEngine   *pw_engine_new                   (PwStore             *store,
                                             PwClock             *clock);
PwStore    *pw_engine_get_store             (PwEngine            *self);
PwClock    *pw_engine_get_clock             (PwEngine            *self);

void        pw_engine_set_flow_lookup       (PwEngine            *self,
                                             PwEngineFlowLookup   lookup,
                                             gpointer             user_data,
                                             GDestroyNotify       destroy);
void        pw_engine_set_kill_grace_ms     (PwEngine            *self,
                                             guint                grace_ms);
guint       pw_engine_get_kill_grace_ms     (PwEngine            *self);
void        pw_engine_set_heartbeat_ms      (PwEngine            *self,
                                             guint                interval_ms);
void        pw_engine_set_max_log_lines     (PwEngine            *self,
                                             guint                max_lines);
void        pw_engine_set_max_log_bytes     (PwEngine            *self,
                                             gsize                max_bytes);

void        pw_engine_start_flow_run_async  (PwEngine            *self,
                                             PwFlow              *flow,
                                             const char          *flow_run_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PwFlowRun  *pw_engine_start_flow_run_finish (PwEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
gboolean    pw_engine_cancel_flow_run       (PwEngine            *self,
                                             const char          *flow_run_id);
gboolean    pw_engine_is_running            (PwEngine            *self,
                                             const char          *flow_run_id);
guint       pw_engine_get_n_running         (PwEngine            *self);

PwFlowRun  *pw_engine_create_flow_run       (PwEngine            *self,
                                             const char          *flow_name,
                                             guint                version,
                                             const char          *parameters,
                                             GError             **error);
PwFlowRun  *pw_engine_create_retry_run      (PwEngine            *self,
                                             const char          *flow_run_id,
                                             gboolean             from_failed,
                                             GError             **error);
PwFlow     *pw_engine_load_flow_version     (PwEngine            *self,
                                             const char          *flow_run_id,
                                             GError             **error);

G_END_DECLS
