/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-dag-export.h"
#include "pw-dag-undo.h"
#include "pw-flow.h"
#include "pw-state.h"

G_BEGIN_DECLS

/**
 * PwDagCanvas:
 *
 * The flow editor's canvas: a flow's tasks as cards in columns from left
 * to right, edges from each task's output port (right) to the input port
 * (left) of the tasks that run after it.
 *
 * Editing (when #PwDagCanvas:editable, the default): add a task from the
 * palette (double-click empty space, Shift+A, or `canvas.add-task`); drag a
 * task to move it and the other selected ones (snapping to the grid when
 * #PwDagCanvas:snap-to-grid); Ctrl+click or Shift+drag a rubber band to
 * select several; drag from an output port to another task to connect
 * them (an edge that would close a cycle is refused on the spot: a toast
 * names the cycle and #PwDagCanvas::connection-refused is emitted); delete
 * tasks and edges (Delete, context menu); cut, copy, paste (the clipboard
 * holds the tasks as a flow file; pasted keys are made unique), duplicate;
 * tidy up (a layered layout in a worker thread). Every edit goes through
 * the canvas's #PwDagUndo, which the property panes share
 * (pw_dag_canvas_get_undo()).
 *
 * Looking around: drag empty space or with the middle button to pan,
 * scroll to pan, Ctrl+scroll or pinch to zoom, Ctrl+plus, Ctrl+minus,
 * Ctrl+0 (fit) and Ctrl+1 (100 %); a minimap in the corner; arrow keys move
 * the keyboard focus to the nearest task in that direction (Right and Left
 * follow edges first), Shift adds to the selection, Alt moves the
 * selection, Enter activates (#PwDagCanvas::node-activated, as a
 * double-click does).
 *
 * Run mode (#PwDagCanvas:editable %FALSE): nothing can be changed; nodes
 * show a state colour and mapped tasks per-state counts
 * (pw_dag_canvas_set_task_state(), pw_dag_canvas_set_task_counts()).
 *
 * Actions (group `canvas`, each bound to its key): `undo` (Ctrl+Z), `redo`
 * (Ctrl+Shift+Z, Ctrl+Y), `delete` (Delete, BackSpace), `copy`, `cut`,
 * `paste`, `duplicate` (Ctrl+C, X, V, D), `select-all` (Ctrl+A),
 * `select-none` (Ctrl+Shift+A), `zoom-in` (Ctrl+plus), `zoom-out`
 * (Ctrl+minus), `zoom-fit` (Ctrl+0), `zoom-reset` (Ctrl+1, 100 %), `tidy-up`
 * (Ctrl+Shift+L), `add-task` (the palette; Shift+A, Insert),
 * `add-task-kind` (s: a kind, at the last point clicked), `connect` and
 * `disconnect` ((ss): upstream and downstream keys), `move-focus` ((sb):
 * "left", "right", "up" or "down", and whether to add to the selection;
 * the arrow keys, with Shift), `nudge` ((ii): grid steps; Alt+arrows),
 * `activate-focus` (Enter, space), `cancel` (Escape), `context-menu`
 * (Menu, Shift+F10), `export` (a file chooser for PNG or SVG),
 * `snap-to-grid` and `show-minimap` (stateful).
 *
 * For the app's shortcuts window: the keys above, plus the mouse:
 * double-click empty space to add a task, drag from a port to connect,
 * Ctrl+click to add to the selection, Shift+drag (Ctrl+Shift+drag to add)
 * for a rubber band, drag empty space or with the middle button to pan,
 * Ctrl+scroll to zoom.
 */

#define PW_TYPE_DAG_CANVAS (pw_dag_canvas_get_type ())
G_DECLARE_FINAL_TYPE (PwDagCanvas, pw_dag_canvas, PW, DAG_CANVAS, GtkWidget)

GtkWidget  *pw_dag_canvas_new                (void);

void        pw_dag_canvas_set_flow           (PwDagCanvas       *self,
                                              PwFlow            *flow);
PwFlow     *pw_dag_canvas_get_flow           (PwDagCanvas       *self);
PwDagUndo  *pw_dag_canvas_get_undo           (PwDagCanvas       *self);

GPtrArray  *pw_dag_canvas_get_selection      (PwDagCanvas       *self);
void        pw_dag_canvas_select_task        (PwDagCanvas       *self,
                                              const char        *key,
                                              gboolean           add);
void        pw_dag_canvas_select_all         (PwDagCanvas       *self);
void        pw_dag_canvas_unselect_all       (PwDagCanvas       *self);

gboolean    pw_dag_canvas_get_editable       (PwDagCanvas       *self);
void        pw_dag_canvas_set_editable       (PwDagCanvas       *self,
                                              gboolean           editable);
gboolean    pw_dag_canvas_get_snap_to_grid   (PwDagCanvas       *self);
void        pw_dag_canvas_set_snap_to_grid   (PwDagCanvas       *self,
                                              gboolean           snap);
gboolean    pw_dag_canvas_get_show_minimap   (PwDagCanvas       *self);
void        pw_dag_canvas_set_show_minimap   (PwDagCanvas       *self,
                                              gboolean           show);

double      pw_dag_canvas_get_zoom           (PwDagCanvas       *self);
void        pw_dag_canvas_set_zoom           (PwDagCanvas       *self,
                                              double             zoom);
void        pw_dag_canvas_zoom_to_fit        (PwDagCanvas       *self);
void        pw_dag_canvas_center_on_task     (PwDagCanvas       *self,
                                              const char        *key);

PwTask     *pw_dag_canvas_add_task           (PwDagCanvas       *self,
                                              PwTaskKind         kind,
                                              double             x,
                                              double             y);
gboolean    pw_dag_canvas_connect            (PwDagCanvas       *self,
                                              const char        *upstream_key,
                                              const char        *downstream_key,
                                              GError           **error);
void        pw_dag_canvas_tidy_up            (PwDagCanvas       *self);

void        pw_dag_canvas_set_task_state     (PwDagCanvas       *self,
                                              const char        *key,
                                              int                state);
int         pw_dag_canvas_get_task_state     (PwDagCanvas       *self,
                                              const char        *key);
void        pw_dag_canvas_set_task_counts    (PwDagCanvas       *self,
                                              const char        *key,
                                              const guint       *counts);
void        pw_dag_canvas_clear_task_states  (PwDagCanvas       *self);

gboolean    pw_dag_canvas_export             (PwDagCanvas       *self,
                                              GFile             *file,
                                              PwDagExportFormat  format,
                                              GError           **error);

G_END_DECLS
