/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-backend.h"
#include "pw-flow-run.h"

G_BEGIN_DECLS

#define PW_TYPE_DEPLOYMENT_NAMES (pw_deployment_names_get_type ())
G_DECLARE_FINAL_TYPE (PwDeploymentNames, pw_deployment_names, PW, DEPLOYMENT_NAMES, GObject)

PwDeploymentNames *pw_deployment_names_get_for_backend (PwBackend         *backend);

PwBackend         *pw_deployment_names_get_backend     (PwDeploymentNames *self);
gboolean           pw_deployment_names_get_loaded      (PwDeploymentNames *self);
guint              pw_deployment_names_get_n_names     (PwDeploymentNames *self);
const char        *pw_deployment_names_lookup          (PwDeploymentNames *self,
                                                        const char        *deployment_id);
char              *pw_deployment_names_dup_label       (PwDeploymentNames *self,
                                                        const char        *deployment_id);
char              *pw_deployment_names_format_started_by (PwDeploymentNames *self,
                                                          PwFlowRun         *run,
                                                          char             **out_tooltip);
void               pw_deployment_names_reload          (PwDeploymentNames *self);

G_END_DECLS
