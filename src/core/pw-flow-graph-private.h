/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flow.h"

G_BEGIN_DECLS

/*
 * PwFlowGraph: a flow's tasks as integers (their positions in the flow) and
 * its edges as compressed arrays, built once per validation or ordering.
 * Upstream keys that name no task are left out; a repeated upstream key
 * counts once.
 */
typedef struct
{
  guint        n;
  PwTask     **tasks;       /* borrowed from the flow */
  GHashTable  *index;       /* task key → position + 1, first task wins */

  guint       *up_off;      /* upstream of i: up[up_off[i] .. up_off[i + 1]) */
  guint       *up;
  guint       *down_off;    /* downstream of i, in task order */
  guint       *down;

  guint       *order;       /* Kahn's order; n_order < n means cycles */
  guint        n_order;
  guint       *pos;         /* pos[i]: place of i in order, or G_MAXUINT */

  guint       *stamp;       /* scratch for searches */
  guint        stamp_gen;
  guint       *queue;
  guint       *parent;
} PwFlowGraph;

PwFlowGraph *pw_flow_graph_new          (PwFlow      *flow);
void         pw_flow_graph_free         (PwFlowGraph *graph);
int          pw_flow_graph_lookup       (PwFlowGraph *graph,
                                         const char  *key);
gboolean     pw_flow_graph_is_ancestor  (PwFlowGraph *graph,
                                         guint        ancestor,
                                         guint        node);
GPtrArray   *pw_flow_graph_find_cycles  (PwFlowGraph *graph);
char        *pw_flow_graph_format_path  (PwFlowGraph *graph,
                                         GArray      *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwFlowGraph, pw_flow_graph_free)

G_END_DECLS
