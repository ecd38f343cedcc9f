/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-flow-tab.h"

G_BEGIN_DECLS

#define PW_TYPE_FLOWS_PAGE (pw_flows_page_get_type ())
G_DECLARE_FINAL_TYPE (PwFlowsPage, pw_flows_page, PW, FLOWS_PAGE, AdwBin)

PwBackend  *pw_flows_page_get_backend  (PwFlowsPage   *self);
void        pw_flows_page_set_backend  (PwFlowsPage   *self,
                                        PwBackend     *backend);
GListModel *pw_flows_page_get_flows    (PwFlowsPage   *self);
void        pw_flows_page_import_files (PwFlowsPage   *self,
                                        GFile * const *files,
                                        guint          n_files);
void        pw_flows_page_focus_search (PwFlowsPage   *self);
PwFlowTab  *pw_flows_page_open_flow    (PwFlowsPage   *self,
                                        const char    *flow_name);
PwFlowTab  *pw_flows_page_new_flow     (PwFlowsPage   *self);
PwFlowTab  *pw_flows_page_get_selected_tab (PwFlowsPage *self);
gboolean    pw_flows_page_close_selected_tab (PwFlowsPage *self);
void        pw_flows_page_show_library (PwFlowsPage   *self);
AdwTabView *pw_flows_page_get_tab_view (PwFlowsPage   *self);
void        pw_flows_page_delete_flow  (PwFlowsPage   *self,
                                        const char    *flow_name);
gboolean    pw_flows_page_undo_delete  (PwFlowsPage   *self,
                                        const char    *flow_name);
void        pw_flows_page_finish_deletions (PwFlowsPage *self);
guint       pw_flows_page_get_n_pending_deletions (PwFlowsPage *self);

G_END_DECLS
