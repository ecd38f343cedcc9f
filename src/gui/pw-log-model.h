/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-backend.h"

G_BEGIN_DECLS

/**
 * PwLogScope:
 * @PW_LOG_SCOPE_ALL: every line of the run
 * @PW_LOG_SCOPE_FLOW: the lines of the flow run itself, not of its tasks
 * @PW_LOG_SCOPE_TASK: the lines of one task run
 */
typedef enum
{
  PW_LOG_SCOPE_ALL,
  PW_LOG_SCOPE_FLOW,
  PW_LOG_SCOPE_TASK,
} PwLogScope;

#define PW_LOG_MODEL_PAGE_SIZE 256
#define PW_LOG_MODEL_MAX_PAGES 64

#define PW_TYPE_LOG_MODEL (pw_log_model_get_type ())
G_DECLARE_FINAL_TYPE (PwLogModel, pw_log_model, PW, LOG_MODEL, GObject)

PwLogModel        *pw_log_model_new            (PwBackend   *backend,
                                                const char  *flow_run_id);
PwBackend         *pw_log_model_get_backend    (PwLogModel  *self);
const char        *pw_log_model_get_flow_run_id (PwLogModel *self);
const PwLogFilter *pw_log_model_get_filter     (PwLogModel  *self);
int                pw_log_model_get_min_level  (PwLogModel  *self);
void               pw_log_model_set_min_level  (PwLogModel  *self,
                                                int          level);
void               pw_log_model_set_scope      (PwLogModel  *self,
                                                PwLogScope   scope,
                                                const char  *task_run_id);
gboolean           pw_log_model_get_finished   (PwLogModel  *self);
void               pw_log_model_set_finished   (PwLogModel  *self,
                                                gboolean     finished);
gboolean           pw_log_model_get_loading    (PwLogModel  *self);
gboolean           pw_log_model_get_counting   (PwLogModel  *self);
const GError      *pw_log_model_get_error      (PwLogModel  *self);
void               pw_log_model_reload         (PwLogModel  *self);
guint              pw_log_model_get_n_fetches  (PwLogModel  *self);
gboolean           pw_log_model_is_placeholder (gpointer     entry);

G_END_DECLS
