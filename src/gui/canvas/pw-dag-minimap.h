/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-dag-canvas.h"

G_BEGIN_DECLS

#define PW_TYPE_DAG_MINIMAP (pw_dag_minimap_get_type ())
G_DECLARE_FINAL_TYPE (PwDagMinimap, pw_dag_minimap, PW, DAG_MINIMAP, GtkWidget)

GtkWidget *pw_dag_minimap_new        (void);
void       pw_dag_minimap_set_canvas (PwDagMinimap *self,
                                      PwDagCanvas  *canvas);
void       pw_dag_minimap_invalidate (PwDagMinimap *self);

G_END_DECLS
