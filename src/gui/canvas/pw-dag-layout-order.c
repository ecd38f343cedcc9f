/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-layout"

#include "config.h"

#include <string.h>

#include "pw-dag-layout-private.h"

/*
 * Phase 3 of the layout: the order of the nodes within their ranks.
 *
 * A depth-first first order, then sweeps alternating down and up, each
 * placing a node at the weighted median of its neighbours in the rank just
 * placed (barycenter to break ties, then the current place), each followed
 * by dot's transposition of neighbours. After each sweep the crossings are
 * counted with the accumulator tree of Barth, Jünger and Mutzel
 * (O(E log V)); the best order is kept, and the sweeps stop early after
 * two sweeps without improvement.
 */

/* Two neighbours with more edge pairs than this are not transposed: the
 * brute-force count would cost more than it gains. */
#define TRANSPOSE_MAX_PAIRS 4096
#define TRANSPOSE_MAX_PASSES 8

/* Phase 3, the first order: nodes enter their rank in the order a depth-
 * first search from the sources (in index order) first reaches them. */
static void
initial_order (PwDagLayered *g)
{
  guint *fill = g_new (guint, g->n_ranks + 1);
  guint8 *seen = g_new0 (guint8, MAX (g->N, 1));
  guint *stack = g_new (guint, MAX (g->n_pedges + g->N, 1));

  for (guint v = 0; v < g->N; v++)
    g->layer_off[g->rank[v] + 1]++;
  for (guint r = 0; r < g->n_ranks; r++)
    g->layer_off[r + 1] += g->layer_off[r];
  memcpy (fill, g->layer_off, sizeof (guint) * (g->n_ranks + 1));

  for (guint s = 0; s < g->N; s++)
    {
      guint sp = 0;

      if (seen[s] || g->up_off[s + 1] != g->up_off[s])
        continue;

      stack[sp++] = s;
      while (sp > 0)
        {
          guint v = stack[--sp];

          if (seen[v])
            continue;
          seen[v] = 1;
          g->pos[v] = fill[g->rank[v]] - g->layer_off[g->rank[v]];
          g->layer[fill[g->rank[v]]++] = v;

          /* Pushed in reverse, so the first successor is visited first. */
          for (guint k = g->down_off[v + 1]; k-- > g->down_off[v];)
            if (!seen[g->down[k]])
              stack[sp++] = g->down[k];
        }
    }

  /* Every node is reachable from a source in an acyclic graph; this is a
   * guard, not a path the layout takes. */
  for (guint v = 0; v < g->N; v++)
    if (!seen[v])
      {
        g->pos[v] = fill[g->rank[v]] - g->layer_off[g->rank[v]];
        g->layer[fill[g->rank[v]]++] = v;
      }

  g_free (fill);
  g_free (seen);
  g_free (stack);
}

/* Barth–Jünger–Mutzel: the crossings between two ranks are the inversions
 * of the lower ends when the edges are sorted by their upper ends (then by
 * their lower ends); an accumulator tree over the lower positions counts
 * them in O(E log V). */
/**
 * _pw_dag_bilayer_crossings: (skip)
 *
 * Returns: the crossings of @n_edges segments given by their lower ends in
 *   the order of their upper ends
 */
guint64
_pw_dag_bilayer_crossings (const guint *south,
                   guint        n_edges,
                   guint        n_south,
                   guint       *tree)
{
  guint first = 1;
  guint64 crossings = 0;

  if (n_edges < 2)
    return 0;

  while (first < n_south)
    first *= 2;
  memset (tree, 0, sizeof (guint) * (2 * first - 1));
  first -= 1;

  for (guint k = 0; k < n_edges; k++)
    {
      guint index = south[k] + first;

      tree[index]++;
      while (index > 0)
        {
          if (index % 2 == 1)
            crossings += tree[index + 1];
          index = (index - 1) / 2;
          tree[index]++;
        }
    }

  return crossings;
}

static guint
max_layer_size (PwDagLayered *g)
{
  guint most = 1;

  for (guint r = 0; r < g->n_ranks; r++)
    most = MAX (most, g->layer_off[r + 1] - g->layer_off[r]);
  return most;
}

/**
 * _pw_dag_layered_crossings: (skip)
 *
 * Returns: the crossings of the current order of @g
 */
guint64
_pw_dag_layered_crossings (PwDagLayered *g)
{
  guint *south = g_new (guint, MAX (g->n_pedges, 1));
  guint *tree = g_new (guint, 4 * max_layer_size (g));
  guint64 total = 0;

  for (guint r = 0; r + 1 < g->n_ranks; r++)
    {
      guint m = 0;

      for (guint i = g->layer_off[r]; i < g->layer_off[r + 1]; i++)
        {
          guint v = g->layer[i];
          guint start = m;

          for (guint k = g->down_off[v]; k < g->down_off[v + 1]; k++)
            south[m++] = g->pos[g->down[k]];
          _pw_dag_sort_uints (south + start, m - start);
        }

      total += _pw_dag_bilayer_crossings (south, m, g->layer_off[r + 2] - g->layer_off[r + 1], tree);
    }

  g_free (south);
  g_free (tree);
  return total;
}

typedef struct
{
  double median;
  double barycenter;
  guint  pos;
  guint  node;
} SortKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->median != y->median)
    return x->median < y->median ? -1 : 1;
  if (x->barycenter != y->barycenter)
    return x->barycenter < y->barycenter ? -1 : 1;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* dot's weighted median: the middle position, or for an even count the
 * two middle ones weighted towards the side where the positions are
 * packed more tightly. @p is sorted. */
static double
weighted_median (const guint *p,
                 guint        n)
{
  guint m = n / 2;
  double left, right;

  if (n % 2 == 1)
    return p[m];
  if (n == 2)
    return (p[0] + p[1]) / 2.0;

  left = p[m - 1] - p[0];
  right = p[n - 1] - p[m];
  if (left + right == 0)
    return (p[m - 1] + p[m]) / 2.0;

  return (p[m - 1] * right + p[m] * left) / (left + right);
}

typedef struct
{
  SortKey *keys;
  guint   *buf;
  guint8  *fixed;
  guint   *slot;
} SweepScratch;

/* Sorts one rank by its neighbours in the rank before (@use_up) or after.
 * Nodes without such neighbours keep their place; the others fill the
 * remaining places in the order of their keys. */
static void
sort_rank (PwDagLayered *g,
           guint         r,
           gboolean      use_up,
           SweepScratch *s)
{
  const guint *off = use_up ? g->up_off : g->down_off;
  const guint *adj = use_up ? g->up : g->down;
  guint start = g->layer_off[r], len = g->layer_off[r + 1] - start;
  guint n_keys = 0;
  guint next = 0;

  for (guint i = 0; i < len; i++)
    {
      guint v = g->layer[start + i];
      guint d = off[v + 1] - off[v];
      double sum = 0;

      s->fixed[i] = d == 0;
      if (d == 0)
        continue;

      for (guint k = 0; k < d; k++)
        {
          s->buf[k] = g->pos[adj[off[v] + k]];
          sum += s->buf[k];
        }
      _pw_dag_sort_uints (s->buf, d);

      s->keys[n_keys++] = (SortKey) { weighted_median (s->buf, d), sum / d, i, v };
    }

  if (n_keys < 2)
    return;

  qsort (s->keys, n_keys, sizeof (SortKey), compare_keys);

  for (guint i = 0; i < len; i++)
    {
      if (s->fixed[i])
        continue;
      g->layer[start + i] = s->keys[next++].node;
    }
  for (guint i = 0; i < len; i++)
    g->pos[g->layer[start + i]] = i;
}

/* Crossings among the edges of @v and @w (on both sides) with @v left of @w. */
static guint
pair_crossings (PwDagLayered *g,
                guint         v,
                guint         w)
{
  guint c = 0;

  for (guint a = g->up_off[v]; a < g->up_off[v + 1]; a++)
    for (guint b = g->up_off[w]; b < g->up_off[w + 1]; b++)
      c += g->pos[g->up[a]] > g->pos[g->up[b]];

  for (guint a = g->down_off[v]; a < g->down_off[v + 1]; a++)
    for (guint b = g->down_off[w]; b < g->down_off[w + 1]; b++)
      c += g->pos[g->down[a]] > g->pos[g->down[b]];

  return c;
}

static gboolean
pair_too_large (PwDagLayered *g,
                guint         v,
                guint         w)
{
  guint64 up = (guint64) (g->up_off[v + 1] - g->up_off[v]) * (g->up_off[w + 1] - g->up_off[w]);
  guint64 down = (guint64) (g->down_off[v + 1] - g->down_off[v]) * (g->down_off[w + 1] - g->down_off[w]);

  return up + down > TRANSPOSE_MAX_PAIRS;
}

/* dot's transposition: swap two neighbours in a rank when that removes
 * crossings, until a pass swaps nothing. */
static void
transpose (PwDagLayered *g)
{
  for (guint pass = 0; pass < TRANSPOSE_MAX_PASSES; pass++)
    {
      gboolean improved = FALSE;

      for (guint r = 0; r < g->n_ranks; r++)
        {
          guint start = g->layer_off[r], end = g->layer_off[r + 1];

          for (guint i = start; i + 1 < end; i++)
            {
              guint v = g->layer[i], w = g->layer[i + 1];

              if (pair_too_large (g, v, w))
                continue;

              if (pair_crossings (g, w, v) < pair_crossings (g, v, w))
                {
                  g->layer[i] = w;
                  g->layer[i + 1] = v;
                  g->pos[w] = i - start;
                  g->pos[v] = i + 1 - start;
                  improved = TRUE;
                }
            }
        }

      if (!improved)
        break;
    }
}

static void
restore_order (PwDagLayered *g,
               const guint  *layer)
{
  memcpy (g->layer, layer, sizeof (guint) * g->N);
  for (guint r = 0; r < g->n_ranks; r++)
    for (guint i = g->layer_off[r]; i < g->layer_off[r + 1]; i++)
      g->pos[g->layer[i]] = i - g->layer_off[r];
}

/**
 * _pw_dag_layout_order: (skip)
 * @g: the proper layered graph, without an order yet
 * @max_sweeps: the most sweeps; 0 takes the default
 * @use_transpose: whether to transpose after each sweep
 * @initial: (out): crossings of the first order
 * @final: (out): crossings of the order kept
 * @sweeps: (out): sweeps done
 *
 * Phase 3: orders the nodes of each rank to few crossings.
 */
void
_pw_dag_layout_order (PwDagLayered *g,
                      guint         max_sweeps,
                      gboolean      use_transpose,
                      guint64      *initial,
                      guint64      *final,
                      guint        *sweeps)
{
  guint most;
  guint max_degree = 1;
  SweepScratch s;
  guint *best;
  guint64 best_crossings;
  guint stale = 0;

  initial_order (g);
  most = max_layer_size (g);

  for (guint v = 0; v < g->N; v++)
    {
      max_degree = MAX (max_degree, g->up_off[v + 1] - g->up_off[v]);
      max_degree = MAX (max_degree, g->down_off[v + 1] - g->down_off[v]);
    }

  s.keys = g_new (SortKey, most);
  s.buf = g_new (guint, max_degree);
  s.fixed = g_new (guint8, most);
  s.slot = NULL;
  best = g_memdup2 (g->layer, sizeof (guint) * MAX (g->N, 1));

  if (max_sweeps == 0)
    max_sweeps = PW_DAG_LAYOUT_DEFAULT_SWEEPS;

  best_crossings = _pw_dag_layered_crossings (g);
  *initial = best_crossings;
  *sweeps = 0;

  for (guint sweep = 0; sweep < max_sweeps && best_crossings > 0 && g->n_ranks > 1; sweep++)
    {
      guint64 crossings;

      if (sweep % 2 == 0)
        for (guint r = 1; r < g->n_ranks; r++)
          sort_rank (g, r, TRUE, &s);
      else
        for (guint r = g->n_ranks - 1; r-- > 0;)
          sort_rank (g, r, FALSE, &s);

      if (use_transpose)
        transpose (g);

      crossings = _pw_dag_layered_crossings (g);
      (*sweeps)++;

      if (crossings < best_crossings)
        {
          best_crossings = crossings;
          memcpy (best, g->layer, sizeof (guint) * g->N);
          stale = 0;
        }
      else if (++stale >= 2)
        break;
    }

  restore_order (g, best);
  *final = best_crossings;

  g_free (s.keys);
  g_free (s.buf);
  g_free (s.fixed);
  g_free (best);
}

