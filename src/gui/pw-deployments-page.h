/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-deployment-editor.h"

G_BEGIN_DECLS

#define PW_TYPE_DEPLOYMENTS_PAGE (pw_deployments_page_get_type ())
G_DECLARE_FINAL_TYPE (PwDeploymentsPage, pw_deployments_page, PW, DEPLOYMENTS_PAGE, GtkBox)

void                pw_deployments_page_set_backend         (PwDeploymentsPage *self,
                                                             PwBackend         *backend);
PwDeploymentEditor *pw_deployments_page_get_editor          (PwDeploymentsPage *self);
GListModel         *pw_deployments_page_get_deployments     (PwDeploymentsPage *self);
void                pw_deployments_page_new_deployment      (PwDeploymentsPage *self);
gboolean            pw_deployments_page_select              (PwDeploymentsPage *self,
                                                             const char        *id);
const char         *pw_deployments_page_get_view            (PwDeploymentsPage *self);
GtkWidget          *pw_deployments_page_get_row_suffix      (PwDeploymentsPage *self,
                                                             const char        *id);

G_END_DECLS
