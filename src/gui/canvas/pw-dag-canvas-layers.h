/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-dag-canvas-private.h"

G_BEGIN_DECLS

/* Between the canvas's drawing (pw-dag-canvas-render.c) and its cached
 * layers (pw-dag-canvas-layers.c). */

/* pw-dag-canvas-render.c */
PwDagPaintOptions _pw_dag_canvas_paint_options       (PwDagCanvas      *self,
                                                      const PwDagRect  *region);

/* pw-dag-canvas-layers.c */
PwDagRect         _pw_dag_canvas_visible_rect        (PwDagCanvas      *self);
PwDagRect         _pw_dag_canvas_cache_region        (PwDagCanvas      *self);
void              _pw_dag_canvas_ensure_static_layer (PwDagCanvas      *self);
void              _pw_dag_canvas_ensure_drag_layer   (PwDagCanvas      *self);
void              _pw_dag_canvas_append_layer        (PwDagCanvas      *self,
                                                      GtkSnapshot      *snapshot,
                                                      const PwDagLayer *layer,
                                                      double            dx,
                                                      double            dy);

G_END_DECLS
