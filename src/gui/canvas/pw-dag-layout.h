/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PwDagLayoutParams:
 * @n_nodes: how many nodes, numbered from 0
 * @n_edges: how many edges
 * @edge_from: (array length=n_edges): the upstream node of each edge
 * @edge_to: (array length=n_edges): the downstream node of each edge
 * @node_width: a box's extent along the ranks (x, left to right)
 * @node_height: a box's extent across the ranks (y)
 * @rank_gap: free space between two columns of boxes
 * @node_gap: free space between two boxes in a column
 * @edge_gap: free space beside a long edge's bend point
 * @max_sweeps: the most ordering sweeps (each down or up); 0 takes 8
 * @transpose: whether to swap neighbours after each sweep when that
 *   removes crossings (as dot does)
 *
 * What to lay out. Nodes are all @node_width × @node_height; an edge runs
 * from @edge_from to @edge_to, self-loops and repeats are ignored.
 */
typedef struct
{
  guint         n_nodes;
  guint         n_edges;
  const guint  *edge_from;
  const guint  *edge_to;
  double        node_width;
  double        node_height;
  double        rank_gap;
  double        node_gap;
  double        edge_gap;
  guint         max_sweeps;
  gboolean      transpose;
} PwDagLayoutParams;

/**
 * PwDagLayout:
 * @n_nodes: how many nodes
 * @x: (array length=n_nodes): each box's left side
 * @y: (array length=n_nodes): each box's top side
 * @rank: (array length=n_nodes): each node's column, from 0
 * @order: (array length=n_nodes): each node's place in its column, from 0,
 *   counting the bend points of long edges
 * @n_ranks: how many columns
 * @n_dummies: how many bend points long edges needed
 * @n_reversed: how many edges were turned around to break cycles
 * @initial_crossings: edge crossings of the first order
 * @crossings: edge crossings of the final order (Barth–Jünger–Mutzel)
 * @sweeps: how many ordering sweeps ran before the early stop
 * @repairs: how many boxes the final check had to push apart; always 0
 *   unless the coordinate assignment has a bug (the tests check it)
 * @width: the extent of the drawing in x
 * @height: the extent of the drawing in y
 *
 * A layered drawing, left to right, with the top-left box at (0, 0).
 */
typedef struct
{
  guint    n_nodes;
  double  *x;
  double  *y;
  guint   *rank;
  guint   *order;
  guint    n_ranks;
  guint    n_dummies;
  guint    n_reversed;
  guint64  initial_crossings;
  guint64  crossings;
  guint    sweeps;
  guint    repairs;
  double   width;
  double   height;
} PwDagLayout;

void         pw_dag_layout_params_init  (PwDagLayoutParams    *params);

PwDagLayout *pw_dag_layout_run          (const PwDagLayoutParams *params);
void         pw_dag_layout_free         (PwDagLayout          *layout);

void         pw_dag_layout_run_async    (const PwDagLayoutParams *params,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
PwDagLayout *pw_dag_layout_run_finish   (GAsyncResult         *result,
                                         GError              **error);

guint64      pw_dag_count_crossings     (guint                 n_nodes,
                                         guint                 n_edges,
                                         const guint          *edge_from,
                                         const guint          *edge_to,
                                         const guint          *rank,
                                         const double         *position);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwDagLayout, pw_dag_layout_free)

G_END_DECLS
