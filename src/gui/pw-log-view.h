/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-log-model.h"
#include "pw-log-search-model.h"

G_BEGIN_DECLS

#define PW_TYPE_LOG_VIEW (pw_log_view_get_type ())
G_DECLARE_FINAL_TYPE (PwLogView, pw_log_view, PW, LOG_VIEW, AdwBin)

GtkWidget        *pw_log_view_new              (PwBackend  *backend,
                                                const char *flow_run_id);
PwLogModel       *pw_log_view_get_model        (PwLogView  *self);
PwLogSearchModel *pw_log_view_get_search_model (PwLogView  *self);
GtkListView      *pw_log_view_get_list_view    (PwLogView  *self);
GListModel       *pw_log_view_get_shown        (PwLogView  *self);
const char       *pw_log_view_get_view         (PwLogView  *self);
void              pw_log_view_set_finished     (PwLogView  *self,
                                                gboolean    finished);
void              pw_log_view_set_run_name     (PwLogView  *self,
                                                const char *run_name);
void              pw_log_view_set_task_runs    (PwLogView  *self,
                                                GListModel *task_runs);
void              pw_log_view_show_task        (PwLogView  *self,
                                                const char *task_run_id);
void              pw_log_view_set_min_level    (PwLogView  *self,
                                                int         level);
void              pw_log_view_set_search       (PwLogView  *self,
                                                const char *text);
gboolean          pw_log_view_get_follow       (PwLogView  *self);
void              pw_log_view_set_follow       (PwLogView  *self,
                                                gboolean    follow);
void              pw_log_view_jump_to_top      (PwLogView  *self);
void              pw_log_view_jump_to_bottom   (PwLogView  *self);
gboolean          pw_log_view_is_at_bottom     (PwLogView  *self);
void              pw_log_view_focus_search     (PwLogView  *self);
void              pw_log_view_reload           (PwLogView  *self);
void              pw_log_view_save_to_file     (PwLogView  *self,
                                                GFile      *file);

G_END_DECLS
