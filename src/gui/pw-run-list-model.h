/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-backend.h"

G_BEGIN_DECLS

#define PW_TYPE_RUN_LIST_MODEL (pw_run_list_model_get_type ())
G_DECLARE_FINAL_TYPE (PwRunListModel, pw_run_list_model, PW, RUN_LIST_MODEL, GObject)

#define PW_RUN_LIST_MODEL_PAGE_SIZE 100
#define PW_RUN_LIST_MODEL_MAX_PAGES 20

PwRunListModel        *pw_run_list_model_new             (PwBackend             *backend);
PwBackend             *pw_run_list_model_get_backend     (PwRunListModel        *self);
const PwFlowRunFilter *pw_run_list_model_get_filter      (PwRunListModel        *self);
void                   pw_run_list_model_set_filter      (PwRunListModel        *self,
                                                          const PwFlowRunFilter *filter);
void                   pw_run_list_model_set_page_size   (PwRunListModel        *self,
                                                          guint                  page_size,
                                                          guint                  max_pages);
gboolean               pw_run_list_model_get_loading     (PwRunListModel        *self);
const GError          *pw_run_list_model_get_error       (PwRunListModel        *self);
void                   pw_run_list_model_reload          (PwRunListModel        *self);
int                    pw_run_list_model_find            (PwRunListModel        *self,
                                                          const char            *flow_run_id);
guint                  pw_run_list_model_get_n_cached    (PwRunListModel        *self);
guint                  pw_run_list_model_get_n_fetches   (PwRunListModel        *self);
gboolean               pw_run_list_model_is_placeholder  (PwFlowRun             *run);

G_END_DECLS
