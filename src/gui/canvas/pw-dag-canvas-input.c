/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-canvas"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-dag-canvas-private.h"
#include "pw-dag-palette.h"
#include "pw-flow-graph.h"

/*
 * Input: event controllers for the pointer and touch, key bindings for
 * the keyboard.
 *
 *  - click (any button): selection on press and release, double-click to
 *    add a task or activate one, the context menu on the secondary button;
 *  - drag (primary): from a port, connect; from a task, move the selection;
 *    from empty space, pan, or with Shift or Ctrl a rubber band (Ctrl adds
 *    to the selection); a drag starts after 3 px;
 *  - drag (middle): pan;
 *  - scroll: pan; with Ctrl, zoom around the pointer;
 *  - zoom (pinch): zoom around the fingers;
 *  - motion: hover and the cursor.
 *
 * Nothing is written to the flow during a drag: moved tasks are drawn
 * offset, and one command is executed when the button is released.
 */

#define DRAG_THRESHOLD 3.0
#define HIT_SLACK_PX 4.0
#define WHEEL_STEP_PX 48.0

static PwDagHit
hit_at (PwDagCanvas *self,
        double       x,
        double       y)
{
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  PwDagPoint world;

  if (scene == NULL)
    return (PwDagHit) { PW_DAG_HIT_NONE, 0 };

  world = pw_dag_view_to_world (&self->view, (PwDagPoint) { x, y });
  return pw_dag_hit_index_hit (pw_dag_scene_get_hit_index (scene), world, HIT_SLACK_PX / self->view.scale);
}

static gboolean
is_port (PwDagHitKind kind)
{
  return kind == PW_DAG_HIT_INPUT_PORT || kind == PW_DAG_HIT_OUTPUT_PORT;
}

static void
set_cursor_for (PwDagCanvas *self,
                PwDagHit     hit)
{
  const char *name = NULL;

  if (self->drag_mode == PW_DAG_DRAG_PAN)
    name = "grabbing";
  else if (self->drag_mode == PW_DAG_DRAG_MOVE)
    name = "move";
  else if (self->drag_mode == PW_DAG_DRAG_CONNECT || (self->editable && is_port (hit.kind)))
    name = "crosshair";
  else if (hit.kind == PW_DAG_HIT_NODE || hit.kind == PW_DAG_HIT_EDGE)
    name = "pointer";

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
set_hover (PwDagCanvas *self,
           PwDagHit     hit)
{
  if (hit.kind == self->hover.kind && hit.index == self->hover.index)
    return;

  self->hover = hit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The context menu ---------------------------------------------------------- */

static void
popup_menu_at (PwDagCanvas *self,
               double       x,
               double       y,
               PwDagHit     hit)
{
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  GMenuModel *model = self->canvas_menu;

  self->add_point = pw_dag_view_to_world (&self->view, (PwDagPoint) { x, y });
  self->add_point_set = TRUE;

  if (scene != NULL && (hit.kind == PW_DAG_HIT_NODE || is_port (hit.kind)))
    {
      PwTask *task = scene->tasks[hit.index];

      if (!scene->selected[hit.index])
        _pw_dag_canvas_select_only (self, task);
      _pw_dag_canvas_set_focus_task (self, task);
      model = self->node_menu;
    }
  else if (scene != NULL && hit.kind == PW_DAG_HIT_EDGE)
    {
      _pw_dag_canvas_select_edge (self, hit.index);
      model = self->edge_menu;
    }

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/**
 * _pw_dag_canvas_popup_palette: (skip)
 * @world: where the new task goes
 */
void
_pw_dag_canvas_popup_palette (PwDagCanvas *self,
                              PwDagPoint   world)
{
  PwDagPoint at = pw_dag_view_from_world (&self->view, world);

  if (!self->editable || self->flow == NULL)
    return;

  self->add_point = world;
  self->add_point_set = TRUE;
  pw_dag_palette_reset (PW_DAG_PALETTE (self->palette));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->palette), &(GdkRectangle) { at.x, at.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->palette));
}

/* Clicks ----------------------------------------------------------------- */

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  PwDagCanvas     *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  PwDagHit hit = hit_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (scene == NULL)
    return;

  if (button == GDK_BUTTON_SECONDARY)
    {
      popup_menu_at (self, x, y, hit);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if (button != GDK_BUTTON_PRIMARY)
    return;

  if (n_press == 2)
    {
      if (hit.kind == PW_DAG_HIT_NODE)
        g_signal_emit_by_name (self, "node-activated", pw_task_get_key (scene->tasks[hit.index]));
      else if (hit.kind == PW_DAG_HIT_NONE)
        _pw_dag_canvas_popup_palette (self, pw_dag_view_to_world (&self->view, (PwDagPoint) { x, y }));
      return;
    }

  if (n_press != 1)
    return;

  if (hit.kind == PW_DAG_HIT_NODE)
    {
      PwTask *task = scene->tasks[hit.index];

      if (state & GDK_CONTROL_MASK)
        _pw_dag_canvas_toggle_selected (self, task);
      else if (state & GDK_SHIFT_MASK)
        {
          if (!scene->selected[hit.index])
            _pw_dag_canvas_toggle_selected (self, task);
        }
      else if (!scene->selected[hit.index])
        _pw_dag_canvas_select_only (self, task);
      _pw_dag_canvas_set_focus_task (self, task);
    }
  else if (hit.kind == PW_DAG_HIT_EDGE)
    _pw_dag_canvas_select_edge (self, hit.index);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   PwDagCanvas     *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  PwDagScene *scene = self->scene;
  PwDagHit hit;

  if (button != GDK_BUTTON_PRIMARY || n_press != 1 || scene == NULL || self->drag_moved)
    return;
  if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    return;

  /* A click (not a drag) on one of several selected tasks selects it
   * alone; a click on empty space selects nothing. */
  hit = hit_at (self, x, y);
  if (hit.kind == PW_DAG_HIT_NODE)
    _pw_dag_canvas_select_only (self, scene->tasks[hit.index]);
  else if (hit.kind == PW_DAG_HIT_NONE)
    pw_dag_canvas_unselect_all (self);
}

/* Drags ------------------------------------------------------------------- */

static void
free_drag (PwDagCanvas *self)
{
  for (guint i = 0; i < self->n_drag_tasks; i++)
    g_object_unref (self->drag_tasks[i]);
  g_clear_pointer (&self->drag_tasks, g_free);
  g_clear_pointer (&self->drag_from, g_free);
  g_clear_pointer (&self->drag_set, g_free);
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  self->n_drag_tasks = 0;
  self->connect_target = -1;
}

/**
 * _pw_dag_canvas_cancel_drag: (skip)
 *
 * Drops a drag in progress without changing the flow.
 */
void
_pw_dag_canvas_cancel_drag (PwDagCanvas *self)
{
  PwDagDragMode mode = self->drag_mode;

  self->drag_mode = PW_DAG_DRAG_NONE;
  if (mode == PW_DAG_DRAG_MOVE)
    _pw_dag_canvas_end_drag_layer (self);
  free_drag (self);
  self->drag_dx = self->drag_dy = 0;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
begin_move (PwDagCanvas *self)
{
  PwDagScene *scene = self->scene;
  guint n = 0;

  self->drag_set = g_new0 (guint8, MAX (scene->n_nodes, 1));
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->selected[i])
      n++;

  self->drag_tasks = g_new (PwTask *, MAX (n, 1));
  self->drag_from = g_new (double, 2 * MAX (n, 1));
  self->n_drag_tasks = 0;
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->selected[i])
      {
        guint k = self->n_drag_tasks++;

        self->drag_set[i] = 1;
        self->drag_tasks[k] = g_object_ref (scene->tasks[i]);
        self->drag_from[2 * k] = scene->x[i];
        self->drag_from[2 * k + 1] = scene->y[i];
      }

  _pw_dag_canvas_begin_drag_layer (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PwDagCanvas    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  PwDagHit hit = hit_at (self, x, y);

  self->drag_start = (PwDagPoint) { x, y };
  self->drag_start_view = self->view;
  self->drag_dx = self->drag_dy = 0;
  self->drag_moved = FALSE;
  self->connect_target = -1;

  if (scene == NULL)
    {
      self->drag_mode = PW_DAG_DRAG_PAN;
      return;
    }

  if (self->editable && is_port (hit.kind))
    {
      self->drag_mode = PW_DAG_DRAG_CONNECT;
      self->connect_node = hit.index;
      self->connect_from_output = hit.kind == PW_DAG_HIT_OUTPUT_PORT;
      self->connect_point = pw_dag_view_to_world (&self->view, (PwDagPoint) { x, y });
    }
  else if (self->editable && hit.kind == PW_DAG_HIT_NODE && scene->selected[hit.index])
    {
      self->drag_mode = PW_DAG_DRAG_MOVE;
      self->connect_node = hit.index;   /* the task under the pointer snaps */
    }
  else if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
    {
      self->drag_mode = PW_DAG_DRAG_RUBBER;
      if (state & GDK_CONTROL_MASK)
        {
          GHashTableIter iter;
          gpointer task;

          self->rubber_base = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, &task, NULL))
            g_hash_table_add (self->rubber_base, g_object_ref (task));
        }
    }
  else
    self->drag_mode = PW_DAG_DRAG_PAN;
}

static void
update_connect_target (PwDagCanvas *self,
                       double       x,
                       double       y)
{
  PwDagScene *scene = self->scene;
  PwDagHit hit = hit_at (self, x, y);
  int target = -1;

  self->connect_point = pw_dag_view_to_world (&self->view, (PwDagPoint) { x, y });

  /* Dropping anywhere on a task connects to the right port of it. */
  if ((hit.kind == PW_DAG_HIT_NODE || is_port (hit.kind)) && hit.index != self->connect_node)
    target = hit.index;

  if (target != self->connect_target)
    {
      self->connect_target = target;
      if (target >= 0)
        {
          PwTask *a = scene->tasks[self->connect_node], *b = scene->tasks[target];
          PwTask *up = self->connect_from_output ? a : b, *down = self->connect_from_output ? b : a;

          self->connect_allowed = pw_flow_can_connect (self->flow, pw_task_get_key (up),
                                                       pw_task_get_key (down), NULL);
        }
    }
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                PwDagCanvas    *self)
{
  double scale = self->view.scale;

  if (self->drag_mode == PW_DAG_DRAG_NONE)
    return;

  if (!self->drag_moved)
    {
      if (hypot (offset_x, offset_y) < DRAG_THRESHOLD)
        return;
      self->drag_moved = TRUE;
      if (self->drag_mode == PW_DAG_DRAG_MOVE)
        begin_move (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }

  switch (self->drag_mode)
    {
    case PW_DAG_DRAG_PAN:
      {
        PwDagView view = self->drag_start_view;

        view.x -= offset_x / scale;
        view.y -= offset_y / scale;
        _pw_dag_canvas_set_view (self, &view, FALSE);
      }
      break;

    case PW_DAG_DRAG_MOVE:
      {
        PwDagScene *scene = self->scene;
        guint anchor = self->connect_node;
        double x = scene->x[anchor] + offset_x / scale;
        double y = scene->y[anchor] + offset_y / scale;

        self->drag_dx = _pw_dag_canvas_snap (self, x) - scene->x[anchor];
        self->drag_dy = _pw_dag_canvas_snap (self, y) - scene->y[anchor];
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case PW_DAG_DRAG_RUBBER:
      {
        PwDagPoint a = pw_dag_view_to_world (&self->view, self->drag_start);
        PwDagPoint b = pw_dag_view_to_world (&self->view, (PwDagPoint) { self->drag_start.x + offset_x,
                                                                         self->drag_start.y + offset_y });
        g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));

        self->rubber = pw_dag_rect_from_points (a, b);
        pw_dag_hit_index_nodes_in_rect (pw_dag_scene_get_hit_index (self->scene), &self->rubber, nodes);
        _pw_dag_canvas_set_selected_nodes (self, (guint *) nodes->data, nodes->len,
                                           self->rubber_base != NULL);
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case PW_DAG_DRAG_CONNECT:
      update_connect_target (self, self->drag_start.x + offset_x, self->drag_start.y + offset_y);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case PW_DAG_DRAG_NONE:
    default:
      break;
    }

  set_cursor_for (self, self->hover);
}

static void
finish_move (PwDagCanvas *self)
{
  g_autofree double *to = NULL;

  if (self->drag_dx == 0 && self->drag_dy == 0)
    return;

  to = g_new (double, 2 * MAX (self->n_drag_tasks, 1));
  for (guint k = 0; k < self->n_drag_tasks; k++)
    {
      to[2 * k] = self->drag_from[2 * k] + self->drag_dx;
      to[2 * k + 1] = self->drag_from[2 * k + 1] + self->drag_dy;
    }

  pw_dag_undo_execute (self->undo, pw_dag_command_move_tasks (self->drag_tasks, self->n_drag_tasks,
                                                              self->drag_from, to));
}

static void
finish_connect (PwDagCanvas *self)
{
  PwDagScene *scene = self->scene;
  PwTask *a, *b, *up, *down;
  g_autoptr(GError) error = NULL;

  if (self->connect_target < 0)
    return;

  a = scene->tasks[self->connect_node];
  b = scene->tasks[self->connect_target];
  up = self->connect_from_output ? a : b;
  down = self->connect_from_output ? b : a;

  if (!pw_dag_canvas_connect (self, pw_task_get_key (up), pw_task_get_key (down), &error) &&
      error != NULL)
    _pw_dag_canvas_refused (self, error->message);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             PwDagCanvas    *self)
{
  PwDagDragMode mode = self->drag_mode;

  if (mode == PW_DAG_DRAG_NONE)
    return;

  if (self->drag_moved)
    {
      if (mode == PW_DAG_DRAG_MOVE)
        {
          /* The layer goes first: executing the move redraws the scene. */
          self->drag_mode = PW_DAG_DRAG_NONE;
          _pw_dag_canvas_end_drag_layer (self);
          finish_move (self);
        }
      else if (mode == PW_DAG_DRAG_CONNECT)
        {
          self->drag_mode = PW_DAG_DRAG_NONE;
          finish_connect (self);
        }
    }

  self->drag_mode = PW_DAG_DRAG_NONE;
  free_drag (self);
  self->drag_dx = self->drag_dy = 0;
  _pw_dag_canvas_invalidate_selection (self);
  set_cursor_for (self, self->hover);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              PwDagCanvas    *self)
{
  if (self->drag_mode != PW_DAG_DRAG_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_mode = PW_DAG_DRAG_PAN;
  self->drag_moved = TRUE;
  self->drag_start = (PwDagPoint) { x, y };
  self->drag_start_view = self->view;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  set_cursor_for (self, self->hover);
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          offset_x,
               double          offset_y,
               PwDagCanvas    *self)
{
  PwDagView view = self->drag_start_view;

  if (self->drag_mode != PW_DAG_DRAG_PAN)
    return;

  view.x -= offset_x / self->view.scale;
  view.y -= offset_y / self->view.scale;
  _pw_dag_canvas_set_view (self, &view, FALSE);
}

static void
on_pan_end (GtkGestureDrag *gesture,
            double          offset_x,
            double          offset_y,
            PwDagCanvas    *self)
{
  if (self->drag_mode != PW_DAG_DRAG_PAN)
    return;

  self->drag_mode = PW_DAG_DRAG_NONE;
  set_cursor_for (self, self->hover);
}

/* Scrolling and zooming ---------------------------------------------------- */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PwDagCanvas              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  PwDagView view;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = exp (-dy * (wheel ? 0.15 : 0.01));
      PwDagPoint anchor = self->pointer_inside
        ? self->pointer
        : (PwDagPoint) { gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                         gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 };

      view = pw_dag_view_zoom_at (&self->view, self->view.scale * factor, anchor);
      _pw_dag_canvas_set_view (self, &view, TRUE);
      return TRUE;
    }

  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  if (wheel)
    {
      dx *= WHEEL_STEP_PX;
      dy *= WHEEL_STEP_PX;
    }

  view = self->view;
  view.x += dx / view.scale;
  view.y += dy / view.scale;
  _pw_dag_canvas_set_view (self, &view, FALSE);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               PwDagCanvas      *self)
{
  self->zoom_start = self->view.scale;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       PwDagCanvas    *self)
{
  double cx, cy;
  PwDagView view;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    {
      cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }

  view = pw_dag_view_zoom_at (&self->view, self->zoom_start * scale, (PwDagPoint) { cx, cy });
  _pw_dag_canvas_set_view (self, &view, TRUE);
}

/* Motion ------------------------------------------------------------------ */

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PwDagCanvas              *self)
{
  PwDagHit hit = { PW_DAG_HIT_NONE, 0 };

  self->pointer = (PwDagPoint) { x, y };
  self->pointer_inside = TRUE;

  if (self->drag_mode == PW_DAG_DRAG_NONE)
    {
      hit = hit_at (self, x, y);
      set_hover (self, hit);
    }
  set_cursor_for (self, hit);
}

static void
on_leave (GtkEventControllerMotion *controller,
          PwDagCanvas              *self)
{
  self->pointer_inside = FALSE;
  set_hover (self, (PwDagHit) { PW_DAG_HIT_NONE, 0 });
}

/**
 * _pw_dag_canvas_setup_input: (skip)
 *
 * Adds the event controllers.
 */
void
_pw_dag_canvas_setup_input (PwDagCanvas *self)
{
  GtkGesture *gesture;
  GtkEventController *controller;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pan_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_pan_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The keyboard ------------------------------------------------------------- */

typedef enum
{
  DIR_LEFT,
  DIR_RIGHT,
  DIR_UP,
  DIR_DOWN,
} Direction;

/* The task the focus goes to from @from in @dir: along an edge first for
 * Left and Right (the nearest in y of the upstream or downstream tasks),
 * else the nearest task whose centre lies that way, straight lines
 * weighing less than sideways steps. */
static int
neighbour (PwDagScene *scene,
           guint       from,
           Direction   dir)
{
  double fx = scene->x[from] + PW_DAG_NODE_WIDTH / 2, fy = scene->y[from] + PW_DAG_NODE_HEIGHT / 2;
  double best = G_MAXDOUBLE;
  int found = -1;

  if (dir == DIR_LEFT || dir == DIR_RIGHT)
    {
      for (guint e = 0; e < scene->n_edges; e++)
        {
          guint a = scene->edge_from[e], b = scene->edge_to[e];
          guint other;
          double d;

          if (dir == DIR_RIGHT && a == from)
            other = b;
          else if (dir == DIR_LEFT && b == from)
            other = a;
          else
            continue;

          d = fabs (scene->y[other] - scene->y[from]) + fabs (scene->x[other] - scene->x[from]) / 1000;
          if (d < best)
            {
              best = d;
              found = other;
            }
        }
      if (found >= 0)
        return found;
    }

  for (guint i = 0; i < scene->n_nodes; i++)
    {
      double cx = scene->x[i] + PW_DAG_NODE_WIDTH / 2, cy = scene->y[i] + PW_DAG_NODE_HEIGHT / 2;
      double along, across, d;

      if (i == from)
        continue;

      switch (dir)
        {
        case DIR_LEFT: along = fx - cx; across = fabs (cy - fy); break;
        case DIR_RIGHT: along = cx - fx; across = fabs (cy - fy); break;
        case DIR_UP: along = fy - cy; across = fabs (cx - fx); break;
        case DIR_DOWN: default: along = cy - fy; across = fabs (cx - fx); break;
        }

      if (along <= 0.5)
        continue;
      d = along + 3 * across;
      if (d < best)
        {
          best = d;
          found = i;
        }
    }

  return found;
}

static void
scroll_to_node (PwDagCanvas *self,
                guint        node)
{
  PwDagScene *scene = self->scene;
  PwDagRect box = pw_dag_node_rect (scene->x[node], scene->y[node]);
  PwDagRect visible = pw_dag_view_visible_rect (&self->view, gtk_widget_get_width (GTK_WIDGET (self)),
                                                gtk_widget_get_height (GTK_WIDGET (self)));

  if (!pw_dag_rect_contains_rect (&visible, &box))
    pw_dag_canvas_center_on_task (self, pw_task_get_key (scene->tasks[node]));
}

static gboolean
direction_from_name (const char *name,
                     Direction  *dir)
{
  static const char * const names[] = { "left", "right", "up", "down" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      {
        *dir = (Direction) i;
        return TRUE;
      }
  return FALSE;
}

/* canvas.move-focus ((sb): a direction, and whether to add to the
 * selection): the keyboard focus to the neighbouring task that way,
 * selected. */
static void
move_focus_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  const char *dir_name;
  Direction dir;
  gboolean extend;
  int from = -1, to = -1;

  g_variant_get (param, "(&sb)", &dir_name, &extend);
  if (scene == NULL || scene->n_nodes == 0 || !direction_from_name (dir_name, &dir))
    return;

  if (self->focus != NULL)
    from = pw_dag_scene_lookup_task (scene, self->focus);
  if (from < 0)
    for (guint i = 0; i < scene->n_nodes && from < 0; i++)
      if (scene->selected[i])
        from = i;

  if (from < 0)
    {
      /* No focus yet: the top-left task. */
      double best = G_MAXDOUBLE;

      for (guint i = 0; i < scene->n_nodes; i++)
        if (scene->x[i] + scene->y[i] < best)
          {
            best = scene->x[i] + scene->y[i];
            to = i;
          }
    }
  else
    to = neighbour (scene, from, dir);

  if (to < 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  if (extend)
    {
      if (!scene->selected[to])
        _pw_dag_canvas_toggle_selected (self, scene->tasks[to]);
    }
  else
    _pw_dag_canvas_select_only (self, scene->tasks[to]);

  _pw_dag_canvas_set_focus_task (self, scene->tasks[to]);
  scroll_to_node (self, to);
}

/* canvas.nudge ((ii): grid steps in x and y): moves the selection. */
static void
nudge_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  int dx, dy;

  g_variant_get (param, "(ii)", &dx, &dy);
  _pw_dag_canvas_move_selection (PW_DAG_CANVAS (widget), dx * PW_DAG_GRID_SIZE, dy * PW_DAG_GRID_SIZE);
}

/* canvas.activate-focus: the focused task selected alone, and
 * ::node-activated for it. */
static void
activate_focus_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);

  if (self->focus == NULL)
    return;

  _pw_dag_canvas_select_only (self, self->focus);
  g_signal_emit_by_name (self, "node-activated", pw_task_get_key (self->focus));
}

/* canvas.cancel: drops a drag, else the selection. */
static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);

  if (self->drag_mode != PW_DAG_DRAG_NONE)
    _pw_dag_canvas_cancel_drag (self);
  else
    pw_dag_canvas_unselect_all (self);
}

/* canvas.context-menu: the menu of the focused task, or of the canvas. */
static void
context_menu_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;
  PwDagHit hit = { PW_DAG_HIT_NONE, 0 };
  int node;

  if (scene != NULL && self->focus != NULL && (node = pw_dag_scene_lookup_task (scene, self->focus)) >= 0)
    {
      PwDagPoint at = pw_dag_view_from_world (&self->view, (PwDagPoint) {
        scene->x[node] + PW_DAG_NODE_WIDTH / 2, scene->y[node] + PW_DAG_NODE_HEIGHT });

      x = at.x;
      y = at.y;
      hit = (PwDagHit) { PW_DAG_HIT_NODE, node };
    }

  popup_menu_at (self, x, y, hit);
}

/**
 * _pw_dag_canvas_class_setup_keys: (skip)
 *
 * Binds the keys of the canvas's actions and of its own moves.
 */
void
_pw_dag_canvas_class_setup_keys (GtkWidgetClass *widget_class)
{
  static const struct { guint key; const char *dir; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, "left", -1, 0 },
    { GDK_KEY_Right, "right", 1, 0 },
    { GDK_KEY_Up, "up", 0, -1 },
    { GDK_KEY_Down, "down", 0, 1 },
    { GDK_KEY_KP_Left, "left", -1, 0 },
    { GDK_KEY_KP_Right, "right", 1, 0 },
    { GDK_KEY_KP_Up, "up", 0, -1 },
    { GDK_KEY_KP_Down, "down", 0, 1 },
  };

  gtk_widget_class_install_action (widget_class, "canvas.move-focus", "(sb)", move_focus_action);
  gtk_widget_class_install_action (widget_class, "canvas.nudge", "(ii)", nudge_action);
  gtk_widget_class_install_action (widget_class, "canvas.activate-focus", NULL, activate_focus_action);
  gtk_widget_class_install_action (widget_class, "canvas.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "canvas.context-menu", NULL, context_menu_action);

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, arrows[i].key, 0, "canvas.move-focus", "(sb)",
                                           arrows[i].dir, FALSE);
      gtk_widget_class_add_binding_action (widget_class, arrows[i].key, GDK_SHIFT_MASK, "canvas.move-focus",
                                           "(sb)", arrows[i].dir, TRUE);
      gtk_widget_class_add_binding_action (widget_class, arrows[i].key, GDK_ALT_MASK, "canvas.nudge", "(ii)",
                                           arrows[i].dx, arrows[i].dy);
    }

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "canvas.activate-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "canvas.activate-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "canvas.activate-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "canvas.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "canvas.context-menu", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "canvas.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.select-none", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.select-none", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.tidy-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.tidy-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A, GDK_SHIFT_MASK, "canvas.add-task", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "canvas.add-task", NULL);
}
