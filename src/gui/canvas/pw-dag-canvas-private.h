/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-dag-canvas.h"
#include "pw-dag-geometry.h"
#include "pw-dag-hit.h"
#include "pw-dag-paint.h"
#include "pw-dag-scene.h"

G_BEGIN_DECLS

/*
 * PwDagCanvas is split by concern around this header:
 *   pw-dag-canvas.c         the object, the widget and the public API
 *   pw-dag-canvas-follow.c  how the canvas follows its flow: tasks, scene, validation
 *                           it, properties, toasts
 *   pw-dag-canvas-state.c   selection, view, run states
 *   pw-dag-canvas-render.c  snapshot: cached layers and overlays
 *   pw-dag-canvas-input.c   pointer, touch and keyboard
 *   pw-dag-canvas-input-drag.c  drags: move, connect, rubber band, pan
 *   pw-dag-canvas-input-keys.c  the keyboard: key actions and bindings
 *   pw-dag-canvas-edit.c    the actions: edits, clipboard, tidy-up, export
 */

typedef enum
{
  PW_DAG_DRAG_NONE,
  PW_DAG_DRAG_PAN,
  PW_DAG_DRAG_MOVE,
  PW_DAG_DRAG_RUBBER,
  PW_DAG_DRAG_CONNECT,
} PwDagDragMode;

/* A cached layer: the scene painted over a world region at a scale into an
 * image, and the render node that draws that image. */
typedef struct
{
  cairo_surface_t *image;
  GskRenderNode   *node;
  PwDagRect        region;
  double           scale;
  int              device;
  gboolean         valid;
} PwDagLayer;

struct _PwDagCanvas
{
  GtkWidget        parent_instance;

  /* template children */
  GtkWidget       *minimap;
  GtkWidget       *palette;
  GtkWidget       *context_menu;
  GMenuModel      *node_menu;
  GMenuModel      *edge_menu;
  GMenuModel      *canvas_menu;

  /* the flow and how the canvas follows it */
  PwFlow          *flow;
  PwDagUndo       *undo;
  PwDagScene      *scene;         /* NULL until needed after a change */
  GPtrArray       *watched;       /* tasks whose notify we follow */
  gulong           items_changed_id;
  GHashTable      *selection;     /* PwTask set */
  PwTask          *focus;         /* keyboard focus, or NULL */
  PwTask          *edge_up;       /* the selected edge, or NULL */
  PwTask          *edge_down;
  GHashTable      *states;        /* key -> state + 1 (run mode) */
  GHashTable      *counts;        /* key -> guint[PW_N_STATE_TYPES] */
  GPtrArray       *problems;
  guint            validate_id;

  /* the view */
  PwDagView        view;
  gboolean         view_set;
  gboolean         fitted;         /* the view is an automatic fit: it follows the size */
  int              fitted_width;
  int              fitted_height;
  gboolean         editable;
  gboolean         snap_to_grid;
  gboolean         show_minimap;

  /* the pointer */
  PwDagPoint       pointer;       /* view coordinates */
  gboolean         pointer_inside;
  PwDagHit         hover;
  PwDagPoint       add_point;     /* world: where a new task goes */
  gboolean         add_point_set;

  /* a drag in progress */
  PwDagDragMode    drag_mode;
  PwDagPoint       drag_start;    /* view */
  PwDagView        drag_start_view;
  double           drag_dx;       /* world */
  double           drag_dy;
  gboolean         drag_moved;
  PwTask         **drag_tasks;
  guint            n_drag_tasks;
  double          *drag_from;
  guint8          *drag_set;      /* per node of the scene */
  PwDagRect        drag_bounds;
  PwDagRect        rubber;        /* world */
  GHashTable      *rubber_base;
  guint            connect_node;
  gboolean         connect_from_output;
  PwDagPoint       connect_point; /* world */
  int              connect_target;
  gboolean         connect_allowed;
  double           zoom_start;

  /* rendering */
  PwDagColors     colors;
  PangoContext    *pango;
  PwDagLayer       static_layer;
  PwDagLayer       drag_layer;
  GskRenderNode   *selection_node;
  double           selection_scale;
  gint64           zoom_changed_at;
  guint            settle_id;

  /* work */
  GCancellable    *cancellable;
  gboolean         layout_running;
  gboolean         layout_initial;
};

/* pw-dag-canvas.c */
PwDagScene *_pw_dag_canvas_ensure_scene       (PwDagCanvas       *self);
void        _pw_dag_canvas_on_items_changed   (PwDagCanvas       *self,
                                               guint              position,
                                               guint              removed,
                                               guint              added,
                                               GListModel        *model);
void        _pw_dag_canvas_unwatch_all        (PwDagCanvas       *self);
void        _pw_dag_canvas_schedule_validation (PwDagCanvas      *self);
void        _pw_dag_canvas_scene_changed      (PwDagCanvas       *self);
void        _pw_dag_canvas_sync_selected      (PwDagCanvas       *self);
void        _pw_dag_canvas_update_actions     (PwDagCanvas       *self);
void        _pw_dag_canvas_show_toast         (PwDagCanvas       *self,
                                               const char        *message);
void        _pw_dag_canvas_refused            (PwDagCanvas       *self,
                                               const char        *message);
double      _pw_dag_canvas_snap               (PwDagCanvas       *self,
                                               double             value);

/* pw-dag-canvas-state.c */
void        _pw_dag_canvas_set_view           (PwDagCanvas       *self,
                                               const PwDagView   *view,
                                               gboolean           interactive);
void        _pw_dag_canvas_selection_changed  (PwDagCanvas       *self);
void        _pw_dag_canvas_select_only        (PwDagCanvas       *self,
                                               PwTask            *task);
void        _pw_dag_canvas_toggle_selected    (PwDagCanvas       *self,
                                               PwTask            *task);
void        _pw_dag_canvas_set_selected_nodes (PwDagCanvas       *self,
                                               const guint       *nodes,
                                               guint              n_nodes,
                                               gboolean           add);
void        _pw_dag_canvas_select_edge        (PwDagCanvas       *self,
                                               int                edge);
void        _pw_dag_canvas_set_focus_task     (PwDagCanvas       *self,
                                               PwTask            *task);

/* pw-dag-canvas-render.c */
void        _pw_dag_canvas_snapshot           (GtkWidget         *widget,
                                               GtkSnapshot       *snapshot);
void        _pw_dag_canvas_update_colors      (PwDagCanvas       *self);
void        _pw_dag_canvas_invalidate_layers  (PwDagCanvas       *self);
void        _pw_dag_canvas_invalidate_selection (PwDagCanvas     *self);
void        _pw_dag_canvas_clear_layers       (PwDagCanvas       *self);
void        _pw_dag_canvas_begin_drag_layer   (PwDagCanvas       *self);
void        _pw_dag_canvas_end_drag_layer     (PwDagCanvas       *self);

/* pw-dag-canvas-input.c */
void        _pw_dag_canvas_setup_input        (PwDagCanvas       *self);
void        _pw_dag_canvas_class_setup_keys   (GtkWidgetClass    *widget_class);
void        _pw_dag_canvas_cancel_drag        (PwDagCanvas       *self);
void        _pw_dag_canvas_popup_palette      (PwDagCanvas       *self,
                                               PwDagPoint         world);
PwDagHit    _pw_dag_canvas_hit_at             (PwDagCanvas       *self,
                                               double             x,
                                               double             y);
gboolean    _pw_dag_canvas_is_port            (PwDagHitKind       kind);
void        _pw_dag_canvas_set_cursor_for     (PwDagCanvas       *self,
                                               PwDagHit           hit);
void        _pw_dag_canvas_popup_menu_at      (PwDagCanvas       *self,
                                               double             x,
                                               double             y,
                                               PwDagHit           hit);

/* pw-dag-canvas-input-drag.c */
void        _pw_dag_canvas_setup_drag_input   (PwDagCanvas       *self);

/* pw-dag-canvas-edit.c */
void        _pw_dag_canvas_class_setup_actions (GtkWidgetClass   *widget_class);
void        _pw_dag_canvas_delete_selection   (PwDagCanvas       *self);
PwDagPoint  _pw_dag_canvas_free_spot          (PwDagCanvas       *self);
void        _pw_dag_canvas_move_selection     (PwDagCanvas       *self,
                                               double             dx,
                                               double             dy);

G_END_DECLS
