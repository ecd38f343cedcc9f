/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-canvas"

#include "config.h"

#include <math.h>

#include "pw-dag-canvas-private.h"
#include "pw-flow-graph.h"

/*
 * The drags of the canvas (see pw-dag-canvas-input.c for the rest of its
 * input):
 *  - primary button: from a port, connect; from a task, move the
 *    selection; from empty space, pan, or with Shift or Ctrl a rubber band
 *    (Ctrl adds to the selection); a drag starts after 3 px;
 *  - middle button: pan.
 *
 * Nothing is written to the flow during a drag: moved tasks are drawn
 * offset, and one command is executed when the button is released.
 */

#define DRAG_THRESHOLD 3.0

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
  PwDagHit hit = _pw_dag_canvas_hit_at (self, x, y);

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

  if (self->editable && _pw_dag_canvas_is_port (hit.kind))
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
  PwDagHit hit = _pw_dag_canvas_hit_at (self, x, y);
  int target = -1;

  self->connect_point = pw_dag_view_to_world (&self->view, (PwDagPoint) { x, y });

  /* Dropping anywhere on a task connects to the right port of it. */
  if ((hit.kind == PW_DAG_HIT_NODE || _pw_dag_canvas_is_port (hit.kind)) && hit.index != self->connect_node)
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

  _pw_dag_canvas_set_cursor_for (self, self->hover);
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
  _pw_dag_canvas_set_cursor_for (self, self->hover);
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
  _pw_dag_canvas_set_cursor_for (self, self->hover);
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
  _pw_dag_canvas_set_cursor_for (self, self->hover);
}

/**
 * _pw_dag_canvas_setup_drag_input: (skip)
 *
 * Adds the drag gestures (primary and middle button).
 */
void
_pw_dag_canvas_setup_drag_input (PwDagCanvas *self)
{
  GtkGesture *gesture;

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
}
