/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-canvas"

#include "config.h"

#include "pw-dag-canvas-private.h"
#include "pw-dag-minimap.h"
#include "pw-flow-validate.h"

/*
 * How PwDagCanvas follows its flow.
 *
 * The model is the truth: the canvas edits the flow only through commands
 * on its PwDagUndo, and redraws from what the flow says. It follows the
 * flow's task list (items-changed) and each task (notify, without
 * g_signal_connect_object(): 10,000 weak references on the canvas would
 * cost more than the handlers), and keeps a PwDagScene of flat arrays built
 * lazily: a move changes two numbers in it, an added task or a changed
 * edge drops it, to be rebuilt at the next frame. Many changes in a row
 * (deleting 1,000 tasks, undoing a tidy-up) rebuild it once.
 *
 * Validation runs 300 ms after the last change, and its problems show as
 * badges on the tasks they name.
 */

#define VALIDATE_DELAY_MS 300

static void
on_task_notify (PwDagCanvas *self,
                GParamSpec  *pspec,
                PwTask      *task)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "x") || g_str_equal (name, "y"))
    {
      if (self->scene != NULL)
        {
          int node = pw_dag_scene_lookup_task (self->scene, task);

          if (node >= 0)
            {
              pw_dag_scene_set_position (self->scene, node, pw_task_get_x (task), pw_task_get_y (task));
              _pw_dag_canvas_invalidate_layers (self);
            }
        }
      return;
    }

  if (g_str_equal (name, "after") || g_str_equal (name, "key"))
    _pw_dag_canvas_scene_changed (self);
  else if (self->scene != NULL)
    {
      int node = pw_dag_scene_lookup_task (self->scene, task);

      if (node >= 0)
        pw_dag_scene_refresh_node (self->scene, node);
      _pw_dag_canvas_invalidate_layers (self);
    }

  _pw_dag_canvas_schedule_validation (self);
}

static void
watch_task (PwDagCanvas *self,
            PwTask      *task)
{
  g_signal_connect_swapped (task, "notify", G_CALLBACK (on_task_notify), self);
  g_ptr_array_add (self->watched, g_object_ref (task));
}

void
_pw_dag_canvas_unwatch_all (PwDagCanvas *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

/* Follows exactly the tasks of the scene just built: those that left are
 * let go, new ones are watched. */
static void
sync_watched (PwDagCanvas *self)
{
  g_autoptr(GHashTable) now = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->scene->n_nodes; i++)
    g_hash_table_add (now, self->scene->tasks[i]);

  for (guint i = 0; i < self->watched->len; i++)
    {
      PwTask *task = g_ptr_array_index (self->watched, i);

      if (g_hash_table_remove (now, task))
        g_ptr_array_add (kept, g_object_ref (task));
      else
        g_signal_handlers_disconnect_by_data (task, self);
    }

  g_ptr_array_set_size (self->watched, 0);
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (self->watched, g_object_ref (g_ptr_array_index (kept, i)));

  /* What is left in @now is new. */
  for (guint i = 0; i < self->scene->n_nodes; i++)
    if (g_hash_table_contains (now, self->scene->tasks[i]))
      watch_task (self, self->scene->tasks[i]);
}

static gboolean
task_in_flow (PwDagCanvas *self,
              PwTask      *task)
{
  return self->flow != NULL && pw_flow_get_task (self->flow, pw_task_get_key (task)) == task;
}

void
_pw_dag_canvas_on_items_changed (PwDagCanvas *self,
                                 guint        position,
                                 guint        removed,
                                 guint        added,
                                 GListModel  *model)
{
  if (removed > 0)
    {
      g_autoptr(GPtrArray) gone = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer task;

      g_hash_table_iter_init (&iter, self->selection);
      while (g_hash_table_iter_next (&iter, &task, NULL))
        if (!task_in_flow (self, task))
          g_ptr_array_add (gone, task);
      for (guint i = 0; i < gone->len; i++)
        g_hash_table_remove (self->selection, g_ptr_array_index (gone, i));

      if (self->focus != NULL && !task_in_flow (self, self->focus))
        g_clear_object (&self->focus);
      if (self->edge_down != NULL && (!task_in_flow (self, self->edge_down) || !task_in_flow (self, self->edge_up)))
        {
          g_clear_object (&self->edge_up);
          g_clear_object (&self->edge_down);
        }

      _pw_dag_canvas_scene_changed (self);
      if (gone->len > 0)
        _pw_dag_canvas_selection_changed (self);
    }
  else
    _pw_dag_canvas_scene_changed (self);

  _pw_dag_canvas_schedule_validation (self);
}

static void
apply_run_states (PwDagCanvas *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int node = pw_dag_scene_lookup_key (self->scene, key);

      if (node >= 0)
        pw_dag_scene_set_state (self->scene, node, GPOINTER_TO_INT (value) - 1);
    }

  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int node = pw_dag_scene_lookup_key (self->scene, key);

      if (node >= 0)
        pw_dag_scene_set_counts (self->scene, node, value);
    }
}

/**
 * _pw_dag_canvas_sync_selected: (skip)
 *
 * Marks the selected tasks in the scene.
 */
void
_pw_dag_canvas_sync_selected (PwDagCanvas *self)
{
  GHashTableIter iter;
  gpointer task;

  if (self->scene == NULL)
    return;

  memset (self->scene->selected, 0, MAX (self->scene->n_nodes, 1));
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &task, NULL))
    {
      int node = pw_dag_scene_lookup_task (self->scene, task);

      if (node >= 0)
        self->scene->selected[node] = 1;
    }
}

/**
 * _pw_dag_canvas_ensure_scene: (skip)
 *
 * Returns: (transfer none) (nullable): the scene of the flow as it is now,
 *   built if needed; %NULL without a flow
 */
PwDagScene *
_pw_dag_canvas_ensure_scene (PwDagCanvas *self)
{
  if (self->flow == NULL)
    return NULL;

  if (self->scene == NULL)
    {
      self->scene = pw_dag_scene_new (self->flow);
      sync_watched (self);
      _pw_dag_canvas_sync_selected (self);
      apply_run_states (self);
      if (self->editable)
        pw_dag_scene_set_problems (self->scene, self->problems);
      self->hover = (PwDagHit) { PW_DAG_HIT_NONE, 0 };
      _pw_dag_canvas_invalidate_layers (self);
      _pw_dag_canvas_invalidate_selection (self);
    }

  return self->scene;
}

/**
 * _pw_dag_canvas_scene_changed: (skip)
 *
 * The flow's tasks or edges changed: the scene is rebuilt on the next
 * frame. A drag in progress is cancelled, since it points into the scene.
 */
void
_pw_dag_canvas_scene_changed (PwDagCanvas *self)
{
  if (self->drag_mode != PW_DAG_DRAG_NONE)
    _pw_dag_canvas_cancel_drag (self);

  g_clear_pointer (&self->scene, pw_dag_scene_free);
  self->hover = (PwDagHit) { PW_DAG_HIT_NONE, 0 };
  _pw_dag_canvas_invalidate_layers (self);
  _pw_dag_canvas_invalidate_selection (self);
  _pw_dag_canvas_update_actions (self);
}

static gboolean
validate_cb (gpointer user_data)
{
  PwDagCanvas *self = user_data;

  self->validate_id = 0;
  if (self->flow == NULL)
    return G_SOURCE_REMOVE;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = pw_flow_validate (self->flow);

  if (self->scene != NULL && self->editable)
    {
      pw_dag_scene_set_problems (self->scene, self->problems);
      _pw_dag_canvas_invalidate_layers (self);
    }

  return G_SOURCE_REMOVE;
}

void
_pw_dag_canvas_schedule_validation (PwDagCanvas *self)
{
  if (self->flow == NULL || !self->editable)
    return;

  g_clear_handle_id (&self->validate_id, g_source_remove);
  self->validate_id = g_timeout_add (VALIDATE_DELAY_MS, validate_cb, self);
}

