/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-dag-undo.h"
#include "pw-flow.h"

G_BEGIN_DECLS

#define PW_TYPE_FLOW_PANE (pw_flow_pane_get_type ())
G_DECLARE_FINAL_TYPE (PwFlowPane, pw_flow_pane, PW, FLOW_PANE, AdwBin)

GtkWidget  *pw_flow_pane_new                 (void);
void        pw_flow_pane_set_flow            (PwFlowPane  *self,
                                              PwFlow      *flow,
                                              PwDagUndo   *undo);
PwFlow     *pw_flow_pane_get_flow            (PwFlowPane  *self);
void        pw_flow_pane_set_editable        (PwFlowPane  *self,
                                              gboolean     editable);
gboolean    pw_flow_pane_get_editable        (PwFlowPane  *self);

void        pw_flow_pane_add_parameter       (PwFlowPane  *self);
void        pw_flow_pane_add_notification    (PwFlowPane  *self);
GtkWidget  *pw_flow_pane_get_parameter_row   (PwFlowPane  *self,
                                              const char  *name);
GtkWidget  *pw_flow_pane_get_notification_row (PwFlowPane *self,
                                               guint       position);
const char *pw_flow_pane_get_error           (PwFlowPane  *self);

G_END_DECLS
