/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-dag-canvas.h"
#include "pw-flow-pane.h"
#include "pw-task-pane.h"
#include "pw-flow.h"

G_BEGIN_DECLS

#define PW_TYPE_FLOW_TAB (pw_flow_tab_get_type ())
G_DECLARE_FINAL_TYPE (PwFlowTab, pw_flow_tab, PW, FLOW_TAB, AdwBin)

PwFlowTab  *pw_flow_tab_new           (PwBackend  *backend,
                                       const char *flow_name);
PwFlowTab  *pw_flow_tab_new_empty     (PwBackend  *backend);
const char *pw_flow_tab_get_flow_name (PwFlowTab  *self);
const char *pw_flow_tab_get_title     (PwFlowTab  *self);
PwFlow     *pw_flow_tab_get_flow      (PwFlowTab  *self);
guint       pw_flow_tab_get_version   (PwFlowTab  *self);
gboolean    pw_flow_tab_get_deleted   (PwFlowTab  *self);
gboolean    pw_flow_tab_get_loading   (PwFlowTab  *self);
const char *pw_flow_tab_get_view      (PwFlowTab  *self);
GtkListBox *pw_flow_tab_get_runs_list (PwFlowTab  *self);
void        pw_flow_tab_run           (PwFlowTab  *self);
void        pw_flow_tab_reload        (PwFlowTab  *self);
void        pw_flow_tab_set_new_name  (PwFlowTab  *self,
                                       const char *name,
                                       const char *description);
void        pw_flow_tab_create        (PwFlowTab  *self);

PwDagCanvas *pw_flow_tab_get_canvas        (PwFlowTab           *self);
PwFlow      *pw_flow_tab_get_edited_flow   (PwFlowTab           *self);
PwFlowPane  *pw_flow_tab_get_flow_pane     (PwFlowTab           *self);
PwTaskPane  *pw_flow_tab_get_task_pane     (PwFlowTab           *self);
const char  *pw_flow_tab_get_sidebar       (PwFlowTab           *self);
const char  *pw_flow_tab_get_editor_view   (PwFlowTab           *self);
void         pw_flow_tab_set_editor_view   (PwFlowTab           *self,
                                            const char          *name);
gboolean     pw_flow_tab_get_modified      (PwFlowTab           *self);
gboolean     pw_flow_tab_get_editable      (PwFlowTab           *self);
gboolean     pw_flow_tab_get_saving        (PwFlowTab           *self);
void         pw_flow_tab_save              (PwFlowTab           *self);
const char  *pw_flow_tab_get_problems_text (PwFlowTab           *self);
void         pw_flow_tab_confirm_close_async  (PwFlowTab           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     pw_flow_tab_confirm_close_finish (PwFlowTab           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
