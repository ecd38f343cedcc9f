/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-dag-geometry.h"
#include "pw-dag-hit.h"
#include "pw-flow.h"
#include "pw-state.h"

G_BEGIN_DECLS

/**
 * PW_DAG_NO_STATE:
 *
 * The state of a node that shows no run state (the editor's nodes).
 */
#define PW_DAG_NO_STATE (-1)

/**
 * PwDagScene:
 * @flow: the flow shown
 * @n_nodes: how many tasks
 * @tasks: (array length=n_nodes): the tasks, in the flow's order (references)
 * @x: (array length=n_nodes): each task's x
 * @y: (array length=n_nodes): each task's y
 * @kind: (array length=n_nodes): each task's #PwTaskKind
 * @mapped: (array length=n_nodes): whether the task maps over a list
 * @selected: (array length=n_nodes): 1 for the selected tasks
 * @problems: (array length=n_nodes): how many validation problems name it
 * @state: (array length=n_nodes): a #PwStateType, or %PW_DAG_NO_STATE
 * @counts: (nullable): %PW_N_STATE_TYPES task-run counts per task (mapped
 *   tasks in a run), or %NULL when no task has any
 * @n_edges: how many edges
 * @edge_from: (array length=n_edges): each edge's upstream task
 * @edge_to: (array length=n_edges): each edge's downstream task
 *
 * A flow as the canvas draws it: flat arrays indexed by the task's place
 * in the flow, built from the model and kept in step with it by the
 * canvas. Plain C over GObject: no GTK, so the painter, the benchmark and
 * the tests use it without a display.
 */
typedef struct
{
  PwFlow   *flow;
  guint     n_nodes;
  PwTask  **tasks;
  double   *x;
  double   *y;
  guint8   *kind;
  guint8   *mapped;
  guint8   *selected;
  guint    *problems;
  gint8    *state;
  guint    *counts;

  guint     n_edges;
  guint    *edge_from;
  guint    *edge_to;

  /*< private >*/
  guint32       *serial;   /* bumped when a task's text may have changed */
  gpointer       paint_cache;
  GDestroyNotify paint_cache_free;
  GHashTable    *by_task;
  PwDagHitIndex *hit;
  PwDagRect      bounds;
  gboolean       bounds_valid;
} PwDagScene;

PwDagScene    *pw_dag_scene_new              (PwFlow           *flow);
void           pw_dag_scene_free             (PwDagScene       *scene);

int            pw_dag_scene_lookup_task      (PwDagScene       *scene,
                                              PwTask           *task);
int            pw_dag_scene_lookup_key       (PwDagScene       *scene,
                                              const char       *key);
int            pw_dag_scene_find_edge        (PwDagScene       *scene,
                                              guint             from,
                                              guint             to);

void           pw_dag_scene_set_position     (PwDagScene       *scene,
                                              guint             node,
                                              double            x,
                                              double            y);
void           pw_dag_scene_refresh_node     (PwDagScene       *scene,
                                              guint             node);
void           pw_dag_scene_set_problems     (PwDagScene       *scene,
                                              GPtrArray        *problems);
void           pw_dag_scene_set_state        (PwDagScene       *scene,
                                              guint             node,
                                              int               state);
void           pw_dag_scene_set_counts       (PwDagScene       *scene,
                                              guint             node,
                                              const guint      *counts);
guint          pw_dag_scene_get_total_count  (PwDagScene       *scene,
                                              guint             node);

PwDagHitIndex *pw_dag_scene_get_hit_index    (PwDagScene       *scene);
PwDagRect      pw_dag_scene_get_bounds       (PwDagScene       *scene);
PwDagRect      pw_dag_scene_get_nodes_bounds (PwDagScene       *scene,
                                              const guint8     *which);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwDagScene, pw_dag_scene_free)

G_END_DECLS
