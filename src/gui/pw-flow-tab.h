/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
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

G_END_DECLS
