/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-scene"

#include "config.h"

#include <string.h>

#include "pw-dag-scene.h"
#include "pw-problem.h"

/*
 * PwDagScene: the flow in flat arrays. Building it walks the tasks once and
 * their `after` lists once (keys resolved through the flow's own index);
 * moving a task changes two numbers and drops the hit index, which is
 * rebuilt on the next question.
 */

/**
 * pw_dag_scene_new:
 * @flow: a #PwFlow
 *
 * Builds the scene of @flow as it is now. Upstream keys that name no task
 * and repeated ones are left out (validation reports them).
 *
 * Returns: (transfer full): a new scene
 */
PwDagScene *
pw_dag_scene_new (PwFlow *flow)
{
  PwDagScene *scene = g_new0 (PwDagScene, 1);
  GListModel *model;
  g_autoptr(GArray) from = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) to = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n;

  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);

  scene->flow = g_object_ref (flow);
  model = pw_flow_get_tasks (flow);
  n = g_list_model_get_n_items (model);

  scene->n_nodes = n;
  scene->tasks = g_new0 (PwTask *, MAX (n, 1));
  scene->x = g_new (double, MAX (n, 1));
  scene->y = g_new (double, MAX (n, 1));
  scene->kind = g_new (guint8, MAX (n, 1));
  scene->mapped = g_new (guint8, MAX (n, 1));
  scene->selected = g_new0 (guint8, MAX (n, 1));
  scene->problems = g_new0 (guint, MAX (n, 1));
  scene->state = g_new (gint8, MAX (n, 1));
  scene->serial = g_new0 (guint32, MAX (n, 1));
  scene->by_task = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      PwTask *task = g_list_model_get_item (model, i);

      scene->tasks[i] = task;
      scene->x[i] = pw_task_get_x (task);
      scene->y[i] = pw_task_get_y (task);
      scene->kind[i] = pw_task_get_kind (task);
      scene->mapped[i] = pw_task_get_map (task) != NULL;
      scene->state[i] = PW_DAG_NO_STATE;
      g_hash_table_insert (scene->by_task, task, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < n; i++)
    {
      const char * const *after = pw_task_get_after (scene->tasks[i]);

      for (guint k = 0; after[k] != NULL; k++)
        {
          int up = pw_dag_scene_lookup_key (scene, after[k]);
          gboolean repeated = FALSE;

          if (up < 0 || (guint) up == i)
            continue;
          for (guint j = 0; j < k && !repeated; j++)
            repeated = g_str_equal (after[j], after[k]);
          if (repeated)
            continue;

          {
            guint u = up;
            g_array_append_val (from, u);
            g_array_append_val (to, i);
          }
        }
    }

  scene->n_edges = from->len;
  scene->edge_from = (guint *) g_array_free (g_steal_pointer (&from), FALSE);
  scene->edge_to = (guint *) g_array_free (g_steal_pointer (&to), FALSE);

  return scene;
}

/**
 * pw_dag_scene_free:
 * @scene: (nullable): a scene
 */
void
pw_dag_scene_free (PwDagScene *scene)
{
  if (scene == NULL)
    return;

  for (guint i = 0; i < scene->n_nodes; i++)
    g_object_unref (scene->tasks[i]);
  g_free (scene->tasks);
  g_free (scene->x);
  g_free (scene->y);
  g_free (scene->kind);
  g_free (scene->mapped);
  g_free (scene->selected);
  g_free (scene->problems);
  g_free (scene->state);
  g_free (scene->counts);
  g_free (scene->serial);
  if (scene->paint_cache != NULL)
    scene->paint_cache_free (scene->paint_cache);
  g_free (scene->edge_from);
  g_free (scene->edge_to);
  g_hash_table_unref (scene->by_task);
  pw_dag_hit_index_free (scene->hit);
  g_clear_object (&scene->flow);
  g_free (scene);
}

/**
 * pw_dag_scene_lookup_task:
 *
 * Returns: the node of @task, or -1
 */
int
pw_dag_scene_lookup_task (PwDagScene *scene,
                          PwTask     *task)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (scene->by_task, task)) - 1;
}

/**
 * pw_dag_scene_lookup_key:
 *
 * Returns: the node of the task with @key, or -1
 */
int
pw_dag_scene_lookup_key (PwDagScene *scene,
                         const char *key)
{
  PwTask *task = pw_flow_get_task (scene->flow, key);

  return task != NULL ? pw_dag_scene_lookup_task (scene, task) : -1;
}

/**
 * pw_dag_scene_find_edge:
 *
 * Returns: the edge from @from to @to, or -1
 */
int
pw_dag_scene_find_edge (PwDagScene *scene,
                        guint       from,
                        guint       to)
{
  for (guint e = 0; e < scene->n_edges; e++)
    if (scene->edge_from[e] == from && scene->edge_to[e] == to)
      return e;
  return -1;
}

/**
 * pw_dag_scene_set_position:
 *
 * Moves a node in the scene (not in the model: the canvas calls this when
 * the task has moved).
 */
void
pw_dag_scene_set_position (PwDagScene *scene,
                           guint       node,
                           double      x,
                           double      y)
{
  g_return_if_fail (node < scene->n_nodes);

  if (scene->x[node] == x && scene->y[node] == y)
    return;

  scene->x[node] = x;
  scene->y[node] = y;
  g_clear_pointer (&scene->hit, pw_dag_hit_index_free);
  scene->bounds_valid = FALSE;
}

/**
 * pw_dag_scene_refresh_node:
 *
 * Reads what the scene keeps of a task again (kind, map, position) after
 * it changed, and marks its text as changed for the painter.
 */
void
pw_dag_scene_refresh_node (PwDagScene *scene,
                           guint       node)
{
  PwTask *task;

  g_return_if_fail (node < scene->n_nodes);

  task = scene->tasks[node];
  scene->serial[node]++;
  scene->kind[node] = pw_task_get_kind (task);
  scene->mapped[node] = pw_task_get_map (task) != NULL;
  pw_dag_scene_set_position (scene, node, pw_task_get_x (task), pw_task_get_y (task));
}

/**
 * pw_dag_scene_set_problems:
 * @problems: (element-type PwProblem) (nullable): validation problems
 *
 * Counts the problems of each task, for its badge.
 */
void
pw_dag_scene_set_problems (PwDagScene *scene,
                           GPtrArray  *problems)
{
  memset (scene->problems, 0, sizeof (guint) * MAX (scene->n_nodes, 1));

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const char *key = pw_problem_get_task_key (g_ptr_array_index (problems, i));
      int node;

      if (key == NULL)
        continue;
      node = pw_dag_scene_lookup_key (scene, key);
      if (node >= 0)
        scene->problems[node]++;
    }
}

/**
 * pw_dag_scene_set_state:
 * @state: a #PwStateType, or %PW_DAG_NO_STATE
 */
void
pw_dag_scene_set_state (PwDagScene *scene,
                        guint       node,
                        int         state)
{
  g_return_if_fail (node < scene->n_nodes);
  g_return_if_fail (state == PW_DAG_NO_STATE || (state >= 0 && state < PW_N_STATE_TYPES));

  scene->state[node] = state;
}

/**
 * pw_dag_scene_set_counts:
 * @counts: (nullable) (array fixed-size=9): task runs per #PwStateType, or
 *   %NULL for none
 */
void
pw_dag_scene_set_counts (PwDagScene  *scene,
                         guint        node,
                         const guint *counts)
{
  g_return_if_fail (node < scene->n_nodes);

  if (scene->counts == NULL)
    {
      if (counts == NULL)
        return;
      scene->counts = g_new0 (guint, (gsize) scene->n_nodes * PW_N_STATE_TYPES);
    }

  if (counts != NULL)
    memcpy (scene->counts + (gsize) node * PW_N_STATE_TYPES, counts, sizeof (guint) * PW_N_STATE_TYPES);
  else
    memset (scene->counts + (gsize) node * PW_N_STATE_TYPES, 0, sizeof (guint) * PW_N_STATE_TYPES);
}

/**
 * pw_dag_scene_get_total_count:
 *
 * Returns: the number of task runs counted for @node (0 without counts)
 */
guint
pw_dag_scene_get_total_count (PwDagScene *scene,
                              guint       node)
{
  guint total = 0;

  if (scene->counts == NULL || node >= scene->n_nodes)
    return 0;

  for (guint s = 0; s < PW_N_STATE_TYPES; s++)
    total += scene->counts[(gsize) node * PW_N_STATE_TYPES + s];
  return total;
}

/**
 * pw_dag_scene_get_hit_index:
 *
 * Returns: (transfer none): the hit index of the scene as it is now
 */
PwDagHitIndex *
pw_dag_scene_get_hit_index (PwDagScene *scene)
{
  if (scene->hit == NULL)
    scene->hit = pw_dag_hit_index_new (scene->x, scene->y, scene->n_nodes,
                                       scene->edge_from, scene->edge_to, scene->n_edges);
  return scene->hit;
}

/**
 * pw_dag_scene_get_bounds:
 *
 * Returns: the box holding every node (empty without nodes)
 */
PwDagRect
pw_dag_scene_get_bounds (PwDagScene *scene)
{
  if (!scene->bounds_valid)
    {
      scene->bounds = pw_dag_nodes_bounds (scene->x, scene->y, scene->n_nodes);
      scene->bounds_valid = TRUE;
    }
  return scene->bounds;
}

/**
 * pw_dag_scene_get_nodes_bounds:
 * @which: (array): 1 for the nodes to count
 *
 * Returns: the box holding the nodes marked in @which
 */
PwDagRect
pw_dag_scene_get_nodes_bounds (PwDagScene   *scene,
                               const guint8 *which)
{
  PwDagRect bounds = { 0, 0, 0, 0 };

  for (guint i = 0; i < scene->n_nodes; i++)
    if (which[i])
      {
        PwDagRect box = pw_dag_node_rect (scene->x[i], scene->y[i]);
        bounds = pw_dag_rect_union (&bounds, &box);
      }

  return bounds;
}
