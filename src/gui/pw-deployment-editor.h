/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-flow.h"

G_BEGIN_DECLS

#define PW_TYPE_DEPLOYMENT_EDITOR (pw_deployment_editor_get_type ())
G_DECLARE_FINAL_TYPE (PwDeploymentEditor, pw_deployment_editor, PW, DEPLOYMENT_EDITOR, GtkBox)

void          pw_deployment_editor_set_backend     (PwDeploymentEditor *self,
                                                    PwBackend          *backend);
void          pw_deployment_editor_edit            (PwDeploymentEditor *self,
                                                    PwDeployment       *deployment);
void          pw_deployment_editor_new_deployment  (PwDeploymentEditor *self,
                                                    const char         *flow_name);
PwDeployment *pw_deployment_editor_get_deployment  (PwDeploymentEditor *self);
PwFlow       *pw_deployment_editor_get_flow        (PwDeploymentEditor *self);
void          pw_deployment_editor_set_text        (PwDeploymentEditor *self,
                                                    const char         *field,
                                                    const char         *text);
void          pw_deployment_editor_set_kind        (PwDeploymentEditor *self,
                                                    PwScheduleKind      kind);
gboolean      pw_deployment_editor_get_can_save    (PwDeploymentEditor *self);
const char   *pw_deployment_editor_get_error_text  (PwDeploymentEditor *self);
GStrv         pw_deployment_editor_dup_preview     (PwDeploymentEditor *self);
const char   *pw_deployment_editor_get_description_text (PwDeploymentEditor *self);
GtkSwitch    *pw_deployment_editor_get_pause_switch (PwDeploymentEditor *self);
void          pw_deployment_editor_save            (PwDeploymentEditor *self);
void          pw_deployment_editor_run_now         (PwDeploymentEditor *self);
void          pw_deployment_editor_undo_delete     (PwDeploymentEditor *self);
void          pw_deployment_editor_delete          (PwDeploymentEditor *self);

G_END_DECLS
