/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-canvas"

#include "config.h"

#include <math.h>

#include "pw-dag-canvas-private.h"
#include "pw-flow-graph.h"

/*
 * The keyboard: the canvas's key actions (focus moves, nudges, activate,
 * cancel, the context menu) and the key bindings of all its actions.
 */

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

  _pw_dag_canvas_popup_menu_at (self, x, y, hit);
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
