/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-canvas"

#include "config.h"

#include <math.h>

#include "pw-dag-canvas-private.h"
#include "pw-dag-minimap.h"

/*
 * PwDagCanvas: what is selected, where the view is, and the run states
 * shown on the tasks.
 *
 * The selection is a set of tasks (not of places in the scene, which is
 * rebuilt after structural changes), mirrored into the scene's `selected`
 * array for drawing; or one edge, as its two tasks.
 */

#define FIT_MARGIN 32.0

/* Selection ---------------------------------------------------------------- */

/**
 * _pw_dag_canvas_selection_changed: (skip)
 *
 * After the selection set changed: the scene, the layer, the actions and
 * the signal follow.
 */
void
_pw_dag_canvas_selection_changed (PwDagCanvas *self)
{
  _pw_dag_canvas_sync_selected (self);
  _pw_dag_canvas_invalidate_selection (self);
  _pw_dag_canvas_update_actions (self);
  g_signal_emit_by_name (self, "selection-changed");
}

static gboolean
clear_edge_selection (PwDagCanvas *self)
{
  if (self->edge_down == NULL)
    return FALSE;

  g_clear_object (&self->edge_up);
  g_clear_object (&self->edge_down);
  return TRUE;
}

void
_pw_dag_canvas_select_only (PwDagCanvas *self,
                            PwTask      *task)
{
  if (g_hash_table_size (self->selection) == 1 && g_hash_table_contains (self->selection, task) &&
      self->edge_down == NULL)
    return;

  clear_edge_selection (self);
  g_hash_table_remove_all (self->selection);
  if (task != NULL)
    g_hash_table_add (self->selection, g_object_ref (task));
  _pw_dag_canvas_selection_changed (self);
}

void
_pw_dag_canvas_toggle_selected (PwDagCanvas *self,
                                PwTask      *task)
{
  clear_edge_selection (self);
  if (!g_hash_table_remove (self->selection, task))
    g_hash_table_add (self->selection, g_object_ref (task));
  _pw_dag_canvas_selection_changed (self);
}

/**
 * _pw_dag_canvas_set_selected_nodes: (skip)
 * @nodes: (array length=n_nodes): nodes of the scene
 * @add: keep the selection of the start of the rubber band
 *
 * Selects @nodes (and what the rubber band started with, if @add).
 */
void
_pw_dag_canvas_set_selected_nodes (PwDagCanvas *self,
                                   const guint *nodes,
                                   guint        n_nodes,
                                   gboolean     add)
{
  GHashTableIter iter;
  gpointer task;

  clear_edge_selection (self);
  g_hash_table_remove_all (self->selection);
  if (add && self->rubber_base != NULL)
    {
      g_hash_table_iter_init (&iter, self->rubber_base);
      while (g_hash_table_iter_next (&iter, &task, NULL))
        g_hash_table_add (self->selection, g_object_ref (task));
    }
  for (guint i = 0; i < n_nodes; i++)
    {
      PwTask *t = self->scene->tasks[nodes[i]];

      if (!g_hash_table_contains (self->selection, t))
        g_hash_table_add (self->selection, g_object_ref (t));
    }
  _pw_dag_canvas_selection_changed (self);
}

/**
 * _pw_dag_canvas_select_edge: (skip)
 * @edge: an edge of the scene, or -1
 */
void
_pw_dag_canvas_select_edge (PwDagCanvas *self,
                            int          edge)
{
  clear_edge_selection (self);
  g_hash_table_remove_all (self->selection);
  if (edge >= 0 && self->scene != NULL)
    {
      self->edge_up = g_object_ref (self->scene->tasks[self->scene->edge_from[edge]]);
      self->edge_down = g_object_ref (self->scene->tasks[self->scene->edge_to[edge]]);
    }
  _pw_dag_canvas_selection_changed (self);
}

void
_pw_dag_canvas_set_focus_task (PwDagCanvas *self,
                               PwTask      *task)
{
  if (g_set_object (&self->focus, task))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      _pw_dag_canvas_update_actions (self);
    }
}

/* View ---------------------------------------------------------------------- */

/**
 * _pw_dag_canvas_set_view: (skip)
 * @interactive: the change comes from a gesture that sends many (scroll,
 *   pinch), so the cached layers may be shown scaled for a moment
 */
void
_pw_dag_canvas_set_view (PwDagCanvas     *self,
                         const PwDagView *view,
                         gboolean         interactive)
{
  double old_scale = self->view.scale;
  double px;

  self->view = *view;
  self->view.scale = pw_dag_clamp_scale (view->scale);
  self->view_set = TRUE;
  self->fitted = FALSE;

  /* The view starts on a whole device pixel of the world's grid at this
   * zoom, so that the cached layers, painted on that grid, are copied and
   * moved by whole pixels, and overlays land exactly on them. */
  px = self->view.scale * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  self->view.x = round (self->view.x * px) / px;
  self->view.y = round (self->view.y * px) / px;

  if (self->view.scale != old_scale)
    {
      self->zoom_changed_at = interactive ? g_get_monotonic_time () : 0;
      _pw_dag_canvas_invalidate_selection (self);
      g_object_notify (G_OBJECT (self), "zoom");
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_queue_draw (self->minimap);
  _pw_dag_canvas_update_actions (self);
}

/**
 * pw_dag_canvas_get_selection:
 *
 * Returns: (transfer container) (element-type PwTask): the selected tasks,
 *   in the flow's order
 */
GPtrArray *
pw_dag_canvas_get_selection (PwDagCanvas *self)
{
  GPtrArray *tasks = g_ptr_array_new_with_free_func (g_object_unref);
  PwDagScene *scene;

  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), tasks);

  scene = _pw_dag_canvas_ensure_scene (self);
  if (scene == NULL)
    return tasks;

  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->selected[i])
      g_ptr_array_add (tasks, g_object_ref (scene->tasks[i]));

  return tasks;
}

/**
 * pw_dag_canvas_select_task:
 * @key: a task key
 * @add: whether to keep the tasks selected already
 *
 * Selects a task, and moves the keyboard focus to it.
 */
void
pw_dag_canvas_select_task (PwDagCanvas *self,
                           const char  *key,
                           gboolean     add)
{
  PwTask *task;

  g_return_if_fail (PW_IS_DAG_CANVAS (self));
  g_return_if_fail (key != NULL);

  if (self->flow == NULL || (task = pw_flow_get_task (self->flow, key)) == NULL)
    return;

  if (add)
    {
      if (!g_hash_table_contains (self->selection, task))
        _pw_dag_canvas_toggle_selected (self, task);
    }
  else
    _pw_dag_canvas_select_only (self, task);

  _pw_dag_canvas_set_focus_task (self, task);
}

/**
 * pw_dag_canvas_select_all:
 */
void
pw_dag_canvas_select_all (PwDagCanvas *self)
{
  PwDagScene *scene;

  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  scene = _pw_dag_canvas_ensure_scene (self);
  if (scene == NULL)
    return;

  clear_edge_selection (self);
  for (guint i = 0; i < scene->n_nodes; i++)
    if (!g_hash_table_contains (self->selection, scene->tasks[i]))
      g_hash_table_add (self->selection, g_object_ref (scene->tasks[i]));
  _pw_dag_canvas_selection_changed (self);
}

/**
 * pw_dag_canvas_unselect_all:
 */
void
pw_dag_canvas_unselect_all (PwDagCanvas *self)
{
  gboolean had;

  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  had = clear_edge_selection (self);
  if (g_hash_table_size (self->selection) == 0 && !had)
    return;

  g_hash_table_remove_all (self->selection);
  _pw_dag_canvas_selection_changed (self);
}

/**
 * pw_dag_canvas_get_zoom:
 *
 * Returns: view pixels per world unit (1.0 is 100 %)
 */
double
pw_dag_canvas_get_zoom (PwDagCanvas *self)
{
  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), 1.0);
  return self->view.scale;
}

/**
 * pw_dag_canvas_set_zoom:
 * @zoom: view pixels per world unit
 *
 * Zooms around the middle of the view.
 */
void
pw_dag_canvas_set_zoom (PwDagCanvas *self,
                        double       zoom)
{
  PwDagPoint middle;
  PwDagView view;

  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  middle = (PwDagPoint) { gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                          gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 };
  view = pw_dag_view_zoom_at (&self->view, zoom, middle);
  _pw_dag_canvas_set_view (self, &view, FALSE);
}

/**
 * pw_dag_canvas_zoom_to_fit:
 *
 * Shows every task, at 100 % at most.
 */
void
pw_dag_canvas_zoom_to_fit (PwDagCanvas *self)
{
  PwDagScene *scene;
  PwDagRect bounds;
  PwDagView view;
  int width, height;

  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  scene = _pw_dag_canvas_ensure_scene (self);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (scene == NULL || width <= 0 || height <= 0)
    return;

  bounds = pw_dag_scene_get_bounds (scene);
  /* Room for the stacks of mapped tasks. */
  bounds.width += 8;
  bounds.height += 8;
  view = pw_dag_view_fit (&bounds, width, height, FIT_MARGIN, 1.0);
  _pw_dag_canvas_set_view (self, &view, FALSE);
  /* Until the view is moved or zoomed, it fits again when the size changes
   * (pw_dag_canvas_size_allocate()). */
  self->fitted = TRUE;
  self->fitted_width = width;
  self->fitted_height = height;
}

/**
 * pw_dag_canvas_center_on_task:
 * @key: a task key
 *
 * Scrolls so that the task is in the middle of the view.
 */
void
pw_dag_canvas_center_on_task (PwDagCanvas *self,
                              const char  *key)
{
  PwDagScene *scene;
  PwDagRect box;
  PwDagView view;
  int node;

  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  scene = _pw_dag_canvas_ensure_scene (self);
  if (scene == NULL || (node = pw_dag_scene_lookup_key (scene, key)) < 0)
    return;

  box = pw_dag_node_rect (scene->x[node], scene->y[node]);
  view = pw_dag_view_center_on (&self->view, pw_dag_rect_center (&box),
                                gtk_widget_get_width (GTK_WIDGET (self)),
                                gtk_widget_get_height (GTK_WIDGET (self)));
  _pw_dag_canvas_set_view (self, &view, FALSE);
}

/**
 * pw_dag_canvas_set_task_state:
 * @key: a task key
 * @state: a #PwStateType, or %PW_DAG_NO_STATE to clear it
 *
 * Colours a task by the state of its run (run mode).
 */
void
pw_dag_canvas_set_task_state (PwDagCanvas *self,
                              const char  *key,
                              int          state)
{
  g_return_if_fail (PW_IS_DAG_CANVAS (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (state == PW_DAG_NO_STATE || (state >= 0 && state < PW_N_STATE_TYPES));

  if (state == PW_DAG_NO_STATE)
    g_hash_table_remove (self->states, key);
  else
    g_hash_table_replace (self->states, g_strdup (key), GINT_TO_POINTER (state + 1));

  if (self->scene != NULL)
    {
      int node = pw_dag_scene_lookup_key (self->scene, key);

      if (node >= 0)
        pw_dag_scene_set_state (self->scene, node, state);
    }

  _pw_dag_canvas_invalidate_layers (self);
}

/**
 * pw_dag_canvas_get_task_state:
 * @key: a task key
 *
 * Returns: the state set with pw_dag_canvas_set_task_state(), or
 *   %PW_DAG_NO_STATE
 */
int
pw_dag_canvas_get_task_state (PwDagCanvas *self,
                              const char  *key)
{
  gpointer value;

  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), PW_DAG_NO_STATE);
  g_return_val_if_fail (key != NULL, PW_DAG_NO_STATE);

  value = g_hash_table_lookup (self->states, key);
  return value != NULL ? GPOINTER_TO_INT (value) - 1 : PW_DAG_NO_STATE;
}

/**
 * pw_dag_canvas_set_task_counts:
 * @key: a task key
 * @counts: (nullable) (array fixed-size=9): task runs per #PwStateType, or
 *   %NULL to clear them
 *
 * Shows a mapped task's runs by state: a stack with a count badge and a
 * bar of the states (run mode).
 */
void
pw_dag_canvas_set_task_counts (PwDagCanvas *self,
                               const char  *key,
                               const guint *counts)
{
  g_return_if_fail (PW_IS_DAG_CANVAS (self));
  g_return_if_fail (key != NULL);

  if (counts == NULL)
    g_hash_table_remove (self->counts, key);
  else
    g_hash_table_replace (self->counts, g_strdup (key),
                          g_memdup2 (counts, sizeof (guint) * PW_N_STATE_TYPES));

  if (self->scene != NULL)
    {
      int node = pw_dag_scene_lookup_key (self->scene, key);

      if (node >= 0)
        pw_dag_scene_set_counts (self->scene, node, counts);
    }

  _pw_dag_canvas_invalidate_layers (self);
}

/**
 * pw_dag_canvas_clear_task_states:
 *
 * Forgets every run state and count.
 */
void
pw_dag_canvas_clear_task_states (PwDagCanvas *self)
{
  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  g_hash_table_remove_all (self->states);
  g_hash_table_remove_all (self->counts);
  if (self->scene != NULL)
    for (guint i = 0; i < self->scene->n_nodes; i++)
      {
        pw_dag_scene_set_state (self->scene, i, PW_DAG_NO_STATE);
        pw_dag_scene_set_counts (self->scene, i, NULL);
      }

  _pw_dag_canvas_invalidate_layers (self);
}
