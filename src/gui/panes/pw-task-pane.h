/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-dag-undo.h"
#include "pw-flow.h"
#include "pw-task.h"

G_BEGIN_DECLS

#define PW_TYPE_TASK_PANE (pw_task_pane_get_type ())
G_DECLARE_FINAL_TYPE (PwTaskPane, pw_task_pane, PW, TASK_PANE, AdwBin)

GtkWidget *pw_task_pane_new          (void);
void       pw_task_pane_set_backend  (PwTaskPane *self,
                                      PwBackend  *backend);
void       pw_task_pane_set_task     (PwTaskPane *self,
                                      PwFlow     *flow,
                                      PwTask     *task,
                                      PwDagUndo  *undo);
PwTask    *pw_task_pane_get_task     (PwTaskPane *self);
void       pw_task_pane_set_editable (PwTaskPane *self,
                                      gboolean    editable);

G_END_DECLS
