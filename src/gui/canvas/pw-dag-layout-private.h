/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-dag-layout.h"

G_BEGIN_DECLS

#define PW_DAG_NONE G_MAXUINT

/*
 * The proper layered graph the phases share: the real nodes 0 … n - 1 and
 * the bend points of long edges ("dummies") n … N - 1, every edge between
 * two neighbouring ranks, all in flat integer arrays.
 */
typedef struct
{
  guint    n;          /* real nodes */
  guint    N;          /* real nodes and dummies */
  guint    n_ranks;

  guint   *rank;       /* N */

  guint    n_pedges;   /* edges of the proper graph */
  guint   *pfrom;      /* n_pedges: in rank r */
  guint   *pto;        /* n_pedges: in rank r + 1 */
  guint8  *conflict;   /* n_pedges: type 1 conflict (Brandes–Köpf) */

  guint   *up_off;     /* N + 1 */
  guint   *up;         /* neighbours in the rank before */
  guint   *up_edge;    /* their proper edge */
  guint   *down_off;   /* N + 1 */
  guint   *down;       /* neighbours in the rank after */
  guint   *down_edge;

  guint   *layer_off;  /* n_ranks + 1 */
  guint   *layer;      /* the nodes of each rank, in order */
  guint   *pos;        /* N: place within the rank */
} PwDagLayered;

/* pw-dag-layout-bk.c: Brandes–Köpf coordinates across the ranks, the
 * centre of each node, with separation (size[u] + size[v]) / 2 + gap. */
guint    _pw_dag_layout_brandes_koepf (PwDagLayered *g,
                                       const double *size,
                                       double        node_gap,
                                       double        edge_gap,
                                       double       *coord);

#define PW_DAG_LAYOUT_DEFAULT_SWEEPS 8

/* pw-dag-layout.c */
void     _pw_dag_sort_uints           (guint        *a,
                                       guint         n);

/* pw-dag-layout-order.c */
void     _pw_dag_layout_order         (PwDagLayered *g,
                                       guint         max_sweeps,
                                       gboolean      use_transpose,
                                       guint64      *initial,
                                       guint64      *final,
                                       guint        *sweeps);
guint64  _pw_dag_layered_crossings    (PwDagLayered *g);
guint64  _pw_dag_bilayer_crossings    (const guint  *south,
                                       guint         n_edges,
                                       guint         n_south,
                                       guint        *tree);

G_END_DECLS
