/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-dag-geometry.h"

G_BEGIN_DECLS

/**
 * PwDagHitKind:
 * @PW_DAG_HIT_NONE: empty canvas
 * @PW_DAG_HIT_NODE: the body of a task's box
 * @PW_DAG_HIT_INPUT_PORT: a task's input port (left side)
 * @PW_DAG_HIT_OUTPUT_PORT: a task's output port (right side)
 * @PW_DAG_HIT_EDGE: an edge
 *
 * What lies under a point.
 */
typedef enum
{
  PW_DAG_HIT_NONE,
  PW_DAG_HIT_NODE,
  PW_DAG_HIT_INPUT_PORT,
  PW_DAG_HIT_OUTPUT_PORT,
  PW_DAG_HIT_EDGE,
} PwDagHitKind;

/**
 * PwDagHit:
 * @kind: what was hit
 * @index: the node (for nodes and ports) or the edge
 */
typedef struct
{
  PwDagHitKind kind;
  guint        index;
} PwDagHit;

typedef struct _PwDagHitIndex PwDagHitIndex;

PwDagHitIndex     *pw_dag_hit_index_new            (const double      *xs,
                                                    const double      *ys,
                                                    guint              n_nodes,
                                                    const guint       *edge_from,
                                                    const guint       *edge_to,
                                                    guint              n_edges);
void               pw_dag_hit_index_free           (PwDagHitIndex     *index);

guint              pw_dag_hit_index_get_n_nodes    (PwDagHitIndex     *index);
guint              pw_dag_hit_index_get_n_edges    (PwDagHitIndex     *index);
double             pw_dag_hit_index_get_cell_size  (PwDagHitIndex     *index);
const PwDagBezier *pw_dag_hit_index_get_curve      (PwDagHitIndex     *index,
                                                    guint              edge);
const PwDagRect   *pw_dag_hit_index_get_edge_hull  (PwDagHitIndex     *index,
                                                    guint              edge);

PwDagHit           pw_dag_hit_index_hit            (PwDagHitIndex     *index,
                                                    PwDagPoint         point,
                                                    double             slack);
guint              pw_dag_hit_index_nodes_in_rect  (PwDagHitIndex     *index,
                                                    const PwDagRect   *rect,
                                                    GArray            *nodes);
guint              pw_dag_hit_index_edges_in_rect  (PwDagHitIndex     *index,
                                                    const PwDagRect   *rect,
                                                    GArray            *edges);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwDagHitIndex, pw_dag_hit_index_free)

G_END_DECLS
