/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-dag-layout-private.h"

/*
 * Layered ("Sugiyama") layout of a DAG, left to right, in four phases over
 * flat integer arrays:
 *
 *  1. Cycles: a flow on the canvas is acyclic, but the layout must not hang
 *     on a graph that is not. Kahn's algorithm orders the nodes; when it is
 *     stuck, the unplaced node with the smallest index goes next. Edges that
 *     point backwards in that order are turned around.
 *  2. Ranks: longest path from the sources, then each node with more edges
 *     out than in moves as far right as its successors allow (sources no
 *     longer hang at the left edge far from what they feed). Edges that
 *     span several ranks get a bend point ("dummy") in each rank between.
 *  3. Order within ranks: a depth-first first order, then sweeps alternating
 *     down and up, each placing a node at the weighted median of its
 *     neighbours in the rank just placed (barycenter to break ties, then the
 *     current place), each followed by dot's transposition of neighbours.
 *     After each sweep the crossings are counted with the accumulator tree
 *     of Barth, Jünger and Mutzel (O(E log V)); the best order is kept, and
 *     the sweeps stop early after two sweeps without improvement.
 *  4. Coordinates across the ranks: Brandes–Köpf with the 2020 erratum
 *     (pw-dag-layout-bk.c).
 *
 * This file holds phases 1 and 2, the API and the crossing counter for any
 * drawing; pw-dag-layout-order.c holds phase 3.
 *
 * Everything is deterministic: no hash tables, no randomness, every sort has
 * a total order. The function only reads its parameters and allocates its
 * own memory, so layouts can run in any thread.
 */


/**
 * pw_dag_layout_params_init:
 * @params: (out caller-allocates): parameters to fill
 *
 * Fills @params with no graph and the canvas's spacing: boxes of 192 × 56,
 * 48 between columns (so that columns are 240 apart, as in the examples),
 * 24 between boxes, 12 beside long edges, 8 sweeps with transposition.
 */
void
pw_dag_layout_params_init (PwDagLayoutParams *params)
{
  *params = (PwDagLayoutParams) {
    .node_width = 192.0,
    .node_height = 56.0,
    .rank_gap = 48.0,
    .node_gap = 24.0,
    .edge_gap = 12.0,
    .max_sweeps = PW_DAG_LAYOUT_DEFAULT_SWEEPS,
    .transpose = TRUE,
  };
}

/* Sorting small arrays of guint in place (adjacency lists, positions). */
static void
sort_uints (guint *a,
            guint  n)
{
  for (guint i = 1; i < n; i++)
    {
      guint v = a[i];
      guint j = i;

      while (j > 0 && a[j - 1] > v)
        {
          a[j] = a[j - 1];
          j--;
        }
      a[j] = v;
    }
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/**
 * _pw_dag_sort_uints: (skip)
 *
 * Sorts @n numbers in place: by insertion for a few, else qsort().
 */
void
_pw_dag_sort_uints (guint *a,
                    guint  n)
{
  if (n < 24)
    sort_uints (a, n);
  else
    qsort (a, n, sizeof (guint), compare_uint);
}

/* Compressed rows from @from to @to, each row sorted, without repeats and
 * self-loops. Returns the number of edges kept. */
static guint
build_rows (guint         n,
            guint         m,
            const guint  *from,
            const guint  *to,
            guint       **out_off,
            guint       **out_adj)
{
  guint *off = g_new0 (guint, n + 1);
  guint *adj = g_new (guint, MAX (m, 1));
  guint *fill = g_new (guint, n + 1);
  guint kept = 0;

  for (guint e = 0; e < m; e++)
    if (from[e] < n && to[e] < n && from[e] != to[e])
      off[from[e] + 1]++;
  for (guint v = 0; v < n; v++)
    off[v + 1] += off[v];
  memcpy (fill, off, sizeof (guint) * (n + 1));
  for (guint e = 0; e < m; e++)
    if (from[e] < n && to[e] < n && from[e] != to[e])
      adj[fill[from[e]]++] = to[e];

  /* Sort each row and squeeze out repeats, compacting in place. */
  for (guint v = 0; v < n; v++)
    {
      guint start = off[v], end = off[v + 1];

      _pw_dag_sort_uints (adj + start, end - start);
      off[v] = kept;
      for (guint k = start; k < end; k++)
        if (k == start || adj[k] != adj[k - 1])
          adj[kept++] = adj[k];
    }
  off[n] = kept;

  g_free (fill);
  *out_off = off;
  *out_adj = adj;
  return kept;
}

/* Phase 1: an order of the nodes in which most edges point forwards. */
static guint *
order_nodes (guint        n,
             const guint *off,
             const guint *adj)
{
  guint *indegree = g_new0 (guint, n);
  guint *topo = g_new (guint, n);
  guint8 *placed = g_new0 (guint8, n);
  guint head = 0, tail = 0, next_stuck = 0;

  for (guint v = 0; v < n; v++)
    for (guint k = off[v]; k < off[v + 1]; k++)
      indegree[adj[k]]++;

  for (guint v = 0; v < n; v++)
    if (indegree[v] == 0)
      {
        topo[tail++] = v;
        placed[v] = 1;
      }

  while (head < n)
    {
      if (head == tail)
        {
          /* Stuck on a cycle: take the first node not yet placed. */
          while (placed[next_stuck])
            next_stuck++;
          topo[tail++] = next_stuck;
          placed[next_stuck] = 1;
        }

      {
        guint u = topo[head++];

        for (guint k = off[u]; k < off[u + 1]; k++)
          {
            guint v = adj[k];

            if (placed[v])
              continue;
            if (--indegree[v] == 0)
              {
                topo[tail++] = v;
                placed[v] = 1;
              }
          }
      }
    }

  g_free (indegree);
  g_free (placed);
  return topo;
}

/* Phase 2: ranks by longest path, then nodes with more successors than
 * predecessors move right, towards their successors. */
static guint *
rank_nodes (guint        n,
            const guint *off,
            const guint *adj,
            const guint *topo)
{
  guint *rank = g_new0 (guint, n);
  guint *indegree = g_new0 (guint, n);
  guint *min_succ = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    {
      guint u = topo[i];

      for (guint k = off[u]; k < off[u + 1]; k++)
        {
          guint v = adj[k];

          rank[v] = MAX (rank[v], rank[u] + 1);
          indegree[v]++;
        }
    }

  for (guint i = n; i-- > 0;)
    {
      guint u = topo[i];
      guint outdegree = off[u + 1] - off[u];

      min_succ[u] = G_MAXUINT;
      for (guint k = off[u]; k < off[u + 1]; k++)
        min_succ[u] = MIN (min_succ[u], rank[adj[k]]);

      if (outdegree > indegree[u] && min_succ[u] != G_MAXUINT && min_succ[u] - 1 > rank[u])
        rank[u] = min_succ[u] - 1;
    }

  g_free (indegree);
  g_free (min_succ);
  return rank;
}

static void
build_proper_rows (PwDagLayered *g)
{
  guint *fill;

  g->up_off = g_new0 (guint, g->N + 1);
  g->down_off = g_new0 (guint, g->N + 1);
  g->up = g_new (guint, MAX (g->n_pedges, 1));
  g->up_edge = g_new (guint, MAX (g->n_pedges, 1));
  g->down = g_new (guint, MAX (g->n_pedges, 1));
  g->down_edge = g_new (guint, MAX (g->n_pedges, 1));
  fill = g_new (guint, g->N + 1);

  for (guint e = 0; e < g->n_pedges; e++)
    {
      g->down_off[g->pfrom[e] + 1]++;
      g->up_off[g->pto[e] + 1]++;
    }
  for (guint v = 0; v < g->N; v++)
    {
      g->down_off[v + 1] += g->down_off[v];
      g->up_off[v + 1] += g->up_off[v];
    }

  memcpy (fill, g->down_off, sizeof (guint) * (g->N + 1));
  for (guint e = 0; e < g->n_pedges; e++)
    {
      guint k = fill[g->pfrom[e]]++;

      g->down[k] = g->pto[e];
      g->down_edge[k] = e;
    }
  memcpy (fill, g->up_off, sizeof (guint) * (g->N + 1));
  for (guint e = 0; e < g->n_pedges; e++)
    {
      guint k = fill[g->pto[e]]++;

      g->up[k] = g->pfrom[e];
      g->up_edge[k] = e;
    }

  g_free (fill);
}

/* The proper graph: a dummy in each rank a long edge passes. */
static void
build_layered (PwDagLayered *g,
               guint         n,
               const guint  *off,
               const guint  *adj,
               guint        *rank)
{
  guint64 n_dummies = 0, n_pedges = 0;
  guint next;
  guint e = 0;

  for (guint u = 0; u < n; u++)
    for (guint k = off[u]; k < off[u + 1]; k++)
      {
        guint span = rank[adj[k]] - rank[u];

        n_dummies += span - 1;
        n_pedges += span;
      }

  g_assert (n + n_dummies < G_MAXUINT && n_pedges < G_MAXUINT);

  g->n = n;
  g->N = n + (guint) n_dummies;
  g->n_pedges = (guint) n_pedges;
  g->rank = g_renew (guint, rank, MAX (g->N, 1));
  g->pfrom = g_new (guint, MAX (g->n_pedges, 1));
  g->pto = g_new (guint, MAX (g->n_pedges, 1));
  g->conflict = g_new0 (guint8, MAX (g->n_pedges, 1));

  next = n;
  for (guint u = 0; u < n; u++)
    for (guint k = off[u]; k < off[u + 1]; k++)
      {
        guint v = adj[k];
        guint prev = u;

        for (guint r = g->rank[u] + 1; r < g->rank[v]; r++)
          {
            g->rank[next] = r;
            g->pfrom[e] = prev;
            g->pto[e] = next;
            e++;
            prev = next++;
          }
        g->pfrom[e] = prev;
        g->pto[e] = v;
        e++;
      }

  g->n_ranks = 0;
  for (guint v = 0; v < g->N; v++)
    g->n_ranks = MAX (g->n_ranks, g->rank[v] + 1);

  build_proper_rows (g);

  g->layer_off = g_new0 (guint, g->n_ranks + 1);
  g->layer = g_new (guint, MAX (g->N, 1));
  g->pos = g_new (guint, MAX (g->N, 1));
}

static void
layered_clear (PwDagLayered *g)
{
  g_free (g->rank);
  g_free (g->pfrom);
  g_free (g->pto);
  g_free (g->conflict);
  g_free (g->up_off);
  g_free (g->up);
  g_free (g->up_edge);
  g_free (g->down_off);
  g_free (g->down);
  g_free (g->down_edge);
  g_free (g->layer_off);
  g_free (g->layer);
  g_free (g->pos);
}

/**
 * pw_dag_layout_run:
 * @params: the graph and the spacing
 *
 * Lays the graph out in ranks from left to right. The same parameters
 * always give the same drawing. Safe to call from any thread.
 *
 * Returns: (transfer full): the drawing
 */
PwDagLayout *
pw_dag_layout_run (const PwDagLayoutParams *params)
{
  PwDagLayout *result = g_new0 (PwDagLayout, 1);
  guint n = params->n_nodes;
  g_autofree guint *off = NULL;
  g_autofree guint *adj = NULL;
  g_autofree guint *topo = NULL;
  g_autofree guint *tpos = NULL;
  g_autofree guint *ofrom = NULL;
  g_autofree guint *oto = NULL;
  g_autofree double *size = NULL;
  g_autofree double *coord = NULL;
  PwDagLayered g = { 0 };
  guint m;
  double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (params->n_edges == 0 || (params->edge_from && params->edge_to), NULL);

  result->n_nodes = n;
  result->x = g_new0 (double, MAX (n, 1));
  result->y = g_new0 (double, MAX (n, 1));
  result->rank = g_new0 (guint, MAX (n, 1));
  result->order = g_new0 (guint, MAX (n, 1));

  if (n == 0)
    return result;

  /* Phase 1: orient the edges along an order of the nodes. */
  build_rows (n, params->n_edges, params->edge_from, params->edge_to, &off, &adj);
  topo = order_nodes (n, off, adj);
  tpos = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    tpos[topo[i]] = i;

  m = off[n];
  ofrom = g_new (guint, MAX (m, 1));
  oto = g_new (guint, MAX (m, 1));
  for (guint u = 0; u < n; u++)
    for (guint k = off[u]; k < off[u + 1]; k++)
      {
        guint v = adj[k], i = k;

        if (tpos[u] > tpos[v])
          {
            ofrom[i] = v;
            oto[i] = u;
            result->n_reversed++;
          }
        else
          {
            ofrom[i] = u;
            oto[i] = v;
          }
      }
  g_clear_pointer (&off, g_free);
  g_clear_pointer (&adj, g_free);
  build_rows (n, m, ofrom, oto, &off, &adj);

  /* Phase 2 */
  build_layered (&g, n, off, adj, rank_nodes (n, off, adj, topo));

  /* Phase 3 */
  _pw_dag_layout_order (&g, params->max_sweeps, params->transpose, &result->initial_crossings,
                        &result->crossings, &result->sweeps);

  /* Phase 4 */
  size = g_new (double, g.N);
  coord = g_new (double, g.N);
  for (guint v = 0; v < g.N; v++)
    size[v] = v < n ? params->node_height : 0.0;
  result->repairs = _pw_dag_layout_brandes_koepf (&g, size, params->node_gap, params->edge_gap, coord);

  for (guint v = 0; v < n; v++)
    {
      min_y = MIN (min_y, coord[v] - params->node_height / 2);
      max_y = MAX (max_y, coord[v] + params->node_height / 2);
    }

  for (guint v = 0; v < n; v++)
    {
      result->rank[v] = g.rank[v];
      result->order[v] = g.pos[v];
      result->x[v] = g.rank[v] * (params->node_width + params->rank_gap);
      result->y[v] = coord[v] - params->node_height / 2 - min_y;
    }

  result->n_ranks = g.n_ranks;
  result->n_dummies = g.N - g.n;
  result->width = g.n_ranks * params->node_width + (g.n_ranks - 1) * params->rank_gap;
  result->height = max_y - min_y;

  layered_clear (&g);
  return result;
}

/**
 * pw_dag_layout_free:
 * @layout: (nullable): a layout
 */
void
pw_dag_layout_free (PwDagLayout *layout)
{
  if (layout == NULL)
    return;

  g_free (layout->x);
  g_free (layout->y);
  g_free (layout->rank);
  g_free (layout->order);
  g_free (layout);
}

typedef struct
{
  PwDagLayoutParams params;
  guint            *from;
  guint            *to;
} AsyncData;

static void
async_data_free (gpointer data)
{
  AsyncData *d = data;

  g_free (d->from);
  g_free (d->to);
  g_free (d);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *d = task_data;
  PwDagLayout *layout;

  if (g_task_return_error_if_cancelled (task))
    return;

  layout = pw_dag_layout_run (&d->params);

  if (g_cancellable_is_cancelled (cancellable))
    {
      pw_dag_layout_free (layout);
      g_task_return_error_if_cancelled (task);
      return;
    }

  g_task_return_pointer (task, layout, (GDestroyNotify) pw_dag_layout_free);
}

/**
 * pw_dag_layout_run_async:
 * @params: the graph and the spacing; the arrays are copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: for @callback
 *
 * Runs pw_dag_layout_run() in a worker thread.
 */
void
pw_dag_layout_run_async (const PwDagLayoutParams *params,
                         GCancellable            *cancellable,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *d;

  g_return_if_fail (params != NULL);

  d = g_new0 (AsyncData, 1);
  d->params = *params;
  d->from = g_memdup2 (params->edge_from, sizeof (guint) * MAX (params->n_edges, 1));
  d->to = g_memdup2 (params->edge_to, sizeof (guint) * MAX (params->n_edges, 1));
  d->params.edge_from = d->from;
  d->params.edge_to = d->to;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_dag_layout_run_async);
  g_task_set_task_data (task, d, async_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * pw_dag_layout_run_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the drawing, or %NULL with
 *   %G_IO_ERROR_CANCELLED
 */
PwDagLayout *
pw_dag_layout_run_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pw_dag_layout_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  double pos;
  guint  id;
} Item;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->pos != y->pos)
    return x->pos < y->pos ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

typedef struct
{
  guint north;
  guint south;
} Segment;

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const Segment *x = a, *y = b;

  if (x->north != y->north)
    return x->north < y->north ? -1 : 1;
  return x->south < y->south ? -1 : x->south > y->south;
}

/**
 * pw_dag_count_crossings:
 * @n_nodes: how many nodes
 * @n_edges: how many edges
 * @edge_from: (array length=n_edges): each edge's one end
 * @edge_to: (array length=n_edges): each edge's other end
 * @rank: (array length=n_nodes): each node's rank
 * @position: (array length=n_nodes): each node's coordinate across the ranks
 *
 * Counts the edge crossings of any layered drawing, such as one by dot, so
 * that two layouts are compared with the same counter. An edge that spans
 * several ranks is taken as straight, passing each rank between at the
 * interpolated coordinate; edges within a rank are ignored. Between each
 * two neighbouring ranks the count is Barth–Jünger–Mutzel's.
 *
 * Returns: the number of pairs of edge segments that cross
 */
guint64
pw_dag_count_crossings (guint         n_nodes,
                        guint         n_edges,
                        const guint  *edge_from,
                        const guint  *edge_to,
                        const guint  *rank,
                        const double *position)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GArray) item_rank = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autoptr(GArray) seg_rank = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *order = NULL;
  g_autofree guint *rank_off = NULL;
  g_autofree Item *sorted = NULL;
  g_autofree guint *south = NULL;
  g_autofree guint *tree = NULL;
  g_autofree guint *seg_off = NULL;
  g_autofree Segment *seg_sorted = NULL;
  guint n_ranks = 0, most = 1;
  guint64 total = 0;

  for (guint v = 0; v < n_nodes; v++)
    {
      Item item = { position[v], v };

      g_array_append_val (items, item);
      g_array_append_val (item_rank, rank[v]);
      n_ranks = MAX (n_ranks, rank[v] + 1);
    }

  /* Points where long edges pass the ranks between their ends. Segments
   * are recorded by item id for now, ranks by their upper end. */
  for (guint e = 0; e < n_edges; e++)
    {
      guint a = edge_from[e], b = edge_to[e];
      guint prev;

      if (a >= n_nodes || b >= n_nodes || rank[a] == rank[b])
        continue;
      if (rank[a] > rank[b])
        {
          guint t = a;
          a = b;
          b = t;
        }

      prev = a;
      for (guint r = rank[a] + 1; r <= rank[b]; r++)
        {
          guint id;
          Segment seg;

          if (r == rank[b])
            id = b;
          else
            {
              double t = (double) (r - rank[a]) / (rank[b] - rank[a]);
              Item item = { position[a] + t * (position[b] - position[a]), items->len };

              id = items->len;
              g_array_append_val (items, item);
              g_array_append_val (item_rank, r);
            }

          seg = (Segment) { prev, id };
          g_array_append_val (segs, seg);
          {
            guint upper = r - 1;
            g_array_append_val (seg_rank, upper);
          }
          prev = id;
        }
    }

  if (n_ranks < 2)
    return 0;

  /* The order of the items within each rank. */
  rank_off = g_new0 (guint, n_ranks + 1);
  for (guint i = 0; i < items->len; i++)
    rank_off[g_array_index (item_rank, guint, i) + 1]++;
  for (guint r = 0; r < n_ranks; r++)
    {
      most = MAX (most, rank_off[r + 1]);
      rank_off[r + 1] += rank_off[r];
    }
  sorted = g_new (Item, MAX (items->len, 1));
  {
    g_autofree guint *fill = g_memdup2 (rank_off, sizeof (guint) * (n_ranks + 1));

    for (guint i = 0; i < items->len; i++)
      sorted[fill[g_array_index (item_rank, guint, i)]++] = g_array_index (items, Item, i);
  }
  order = g_new (guint, MAX (items->len, 1));
  for (guint r = 0; r < n_ranks; r++)
    {
      qsort (sorted + rank_off[r], rank_off[r + 1] - rank_off[r], sizeof (Item), compare_items);
      for (guint i = rank_off[r]; i < rank_off[r + 1]; i++)
        order[sorted[i].id] = i - rank_off[r];
    }

  /* Segments grouped by their upper rank, in (north, south) order. */
  seg_off = g_new0 (guint, n_ranks + 1);
  for (guint k = 0; k < segs->len; k++)
    seg_off[g_array_index (seg_rank, guint, k) + 1]++;
  for (guint r = 0; r < n_ranks; r++)
    seg_off[r + 1] += seg_off[r];
  seg_sorted = g_new (Segment, MAX (segs->len, 1));
  {
    g_autofree guint *fill = g_memdup2 (seg_off, sizeof (guint) * (n_ranks + 1));

    for (guint k = 0; k < segs->len; k++)
      {
        Segment s = g_array_index (segs, Segment, k);

        seg_sorted[fill[g_array_index (seg_rank, guint, k)]++] =
          (Segment) { order[s.north], order[s.south] };
      }
  }

  south = g_new (guint, MAX (segs->len, 1));
  tree = g_new (guint, 4 * most);
  for (guint r = 0; r + 1 < n_ranks; r++)
    {
      guint len = seg_off[r + 1] - seg_off[r];

      qsort (seg_sorted + seg_off[r], len, sizeof (Segment), compare_segments);
      for (guint k = 0; k < len; k++)
        south[k] = seg_sorted[seg_off[r] + k].south;
      total += _pw_dag_bilayer_crossings (south, len, rank_off[r + 2] - rank_off[r + 1], tree);
    }

  return total;
}
