/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"

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

G_END_DECLS
