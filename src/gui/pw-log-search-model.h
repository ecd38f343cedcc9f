/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-log-model.h"

G_BEGIN_DECLS

#define PW_TYPE_LOG_SEARCH_MODEL (pw_log_search_model_get_type ())
G_DECLARE_FINAL_TYPE (PwLogSearchModel, pw_log_search_model, PW, LOG_SEARCH_MODEL, GObject)

#define PW_LOG_SEARCH_CHUNK 2000

PwLogSearchModel *pw_log_search_model_new           (PwLogModel       *base);
PwLogModel       *pw_log_search_model_get_base      (PwLogSearchModel *self);
const char       *pw_log_search_model_get_text      (PwLogSearchModel *self);
void              pw_log_search_model_set_text      (PwLogSearchModel *self,
                                                     const char       *text);
gboolean          pw_log_search_model_get_scanning  (PwLogSearchModel *self);
guint64           pw_log_search_model_get_n_scanned (PwLogSearchModel *self);
const GError     *pw_log_search_model_get_error     (PwLogSearchModel *self);
guint             pw_log_search_model_get_base_position (PwLogSearchModel *self,
                                                     guint             position);

gboolean          pw_log_text_find                  (const char       *text,
                                                     const char       *needle,
                                                     guint            *start,
                                                     guint            *end);

G_END_DECLS
