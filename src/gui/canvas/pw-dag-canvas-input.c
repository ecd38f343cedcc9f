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
 *
 * This file has hit-testing, clicks, the context menu, scrolling, zooming
 * and motion; the drags are in pw-dag-canvas-input-drag.c, the keyboard in
 * pw-dag-canvas-input-keys.c.
 */

#define HIT_SLACK_PX 4.0
#define WHEEL_STEP_PX 48.0

/**
 * _pw_dag_canvas_hit_at: (skip)
 *
 * Returns: what lies at (@x, @y) in widget coordinates
 */
PwDagHit
_pw_dag_canvas_hit_at (PwDagCanvas *self,
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

gboolean
_pw_dag_canvas_is_port (PwDagHitKind kind)
{
  return kind == PW_DAG_HIT_INPUT_PORT || kind == PW_DAG_HIT_OUTPUT_PORT;
}

void
_pw_dag_canvas_set_cursor_for (PwDagCanvas *self,
                               PwDagHit     hit)
{
  const char *name = NULL;

  if (self->drag_mode == PW_DAG_DRAG_PAN)
    name = "grabbing";
  else if (self->drag_mode == PW_DAG_DRAG_MOVE)
    name = "move";
  else if (self->drag_mode == PW_DAG_DRAG_CONNECT || (self->editable && _pw_dag_canvas_is_port (hit.kind)))
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

void
_pw_dag_canvas_popup_menu_at (PwDagCanvas *self,
                              double       x,
                              double       y,
                              PwDagHit     hit)
{
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  GMenuModel *model = self->canvas_menu;

  self->add_point = pw_dag_view_to_world (&self->view, (PwDagPoint) { x, y });
  self->add_point_set = TRUE;

  if (scene != NULL && (hit.kind == PW_DAG_HIT_NODE || _pw_dag_canvas_is_port (hit.kind)))
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
  PwDagHit hit = _pw_dag_canvas_hit_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (scene == NULL)
    return;

  if (button == GDK_BUTTON_SECONDARY)
    {
      _pw_dag_canvas_popup_menu_at (self, x, y, hit);
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
  hit = _pw_dag_canvas_hit_at (self, x, y);
  if (hit.kind == PW_DAG_HIT_NODE)
    _pw_dag_canvas_select_only (self, scene->tasks[hit.index]);
  else if (hit.kind == PW_DAG_HIT_NONE)
    pw_dag_canvas_unselect_all (self);
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
      hit = _pw_dag_canvas_hit_at (self, x, y);
      set_hover (self, hit);
    }
  _pw_dag_canvas_set_cursor_for (self, hit);
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

  _pw_dag_canvas_setup_drag_input (self);

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
