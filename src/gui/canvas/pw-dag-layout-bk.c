/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-dag-layout-private.h"

/*
 * Coordinates across the ranks by Brandes and Köpf ("Fast and Simple
 * Horizontal Coordinate Assignment", GD 2001), with the corrections of
 * Brandes, Walter and Zink ("Erratum: Fast and Simple Horizontal
 * Coordinate Assignment", 2020). The paper speaks of horizontal layers
 * with x across them; here the ranks are columns and the coordinate is y,
 * but the code keeps the paper's words: "layers", "left", "up".
 *
 * 1. Type 1 conflicts: a segment between two ranks that crosses an inner
 *    segment (between two dummies) is marked, so that long edges stay
 *    straight.
 * 2. Four passes (aligning with upper or lower neighbours, from the left or
 *    from the right). In each, vertical alignment joins every node to one
 *    of its median neighbours into blocks, and horizontal compaction places
 *    the blocks as far left as they go:
 *      - place_block() places every block relative to the first block of
 *        its class (its "sink"), recursing into the blocks to its left.
 *        Here it is iterative, because a chain of 10,000 blocks would
 *        overflow a worker thread's stack.
 *      - The original paper then moves each class by a shift computed in
 *        place_block() from the coordinates within the two classes only:
 *        shift[sink[u]] = min (shift[sink[u]], x[v] - x[u] - δ). The
 *        erratum shows that this ignores the shift of v's own class, so a
 *        class placed against a class that is itself shifted later can
 *        overlap it. The correction computes class shifts after all blocks
 *        are placed, class by class, so that the shift of the class on the
 *        right is final before it is used for the class on its left:
 *        shift[sink[u]] = min (shift[sink[u]], shift[sink[v]] + x[v] - x[u] - δ).
 *        The erratum walks the classes layer by layer; this code collects
 *        every pair of neighbours in different classes as a constraint and
 *        settles the classes in topological order of those constraints
 *        (Kahn's algorithm, ties by where each class starts), which visits
 *        them in a valid order by construction, in linear time.
 *      - A class that nothing constrains keeps shift 0.
 * 3. Balancing: the four drawings are aligned to the narrowest (left ones by
 *    their minimum, right ones by their maximum), and each node takes the
 *    average of its two median coordinates. Each drawing keeps the minimum
 *    separation, and so does the median (order statistics keep it), which a
 *    final check verifies, pushing nodes apart only if something is wrong.
 */

typedef struct
{
  PwDagLayered *g;
  const double *size;
  double        node_gap;
  double        edge_gap;

  /* the current view of the layers */
  gboolean      from_below;   /* align with lower neighbours, layers bottom-up */
  gboolean      from_right;   /* positions mirrored */
  guint        *vpos;         /* N: place in the view */

  guint        *root;
  guint        *align;
  guint        *sink;
  double       *x;            /* relative to the class's sink */
  guint8       *placed;
  guint        *nbuf;         /* neighbours of one node, sorted */
  guint        *ebuf;         /* their edges */
} Pass;

static inline gboolean
is_dummy (PwDagLayered *g,
          guint         v)
{
  return v >= g->n;
}

static double
separation (Pass  *p,
            guint  a,
            guint  b)
{
  double gap = (is_dummy (p->g, a) || is_dummy (p->g, b)) ? p->edge_gap : p->node_gap;

  return (p->size[a] + p->size[b]) / 2 + gap;
}

/* The node at view place @k of the layer of @v's rank. */
static inline guint
view_node (Pass  *p,
           guint  r,
           guint  k)
{
  PwDagLayered *g = p->g;
  guint start = g->layer_off[r], len = g->layer_off[r + 1] - start;

  return g->layer[start + (p->from_right ? len - 1 - k : k)];
}

static inline guint
view_left (Pass  *p,
           guint  v)
{
  guint k = p->vpos[v];

  return k == 0 ? PW_DAG_NONE : view_node (p, p->g->rank[v], k - 1);
}

static void
mark_type1_conflicts (PwDagLayered *g)
{
  memset (g->conflict, 0, g->n_pedges);

  for (guint r = 0; r + 1 < g->n_ranks; r++)
    {
      guint ustart = g->layer_off[r], ulen = g->layer_off[r + 1] - ustart;
      guint lstart = g->layer_off[r + 1], llen = g->layer_off[r + 2] - lstart;
      guint k0 = 0, l = 0;

      for (guint l1 = 0; l1 < llen; l1++)
        {
          guint v = g->layer[lstart + l1];
          guint inner = PW_DAG_NONE;

          if (is_dummy (g, v) && g->up_off[v + 1] - g->up_off[v] == 1 &&
              is_dummy (g, g->up[g->up_off[v]]))
            inner = g->up[g->up_off[v]];

          if (l1 == llen - 1 || inner != PW_DAG_NONE)
            {
              guint k1 = inner != PW_DAG_NONE ? g->pos[inner] : ulen - 1;

              for (; l <= l1; l++)
                {
                  guint w = g->layer[lstart + l];

                  for (guint k = g->up_off[w]; k < g->up_off[w + 1]; k++)
                    {
                      guint kp = g->pos[g->up[k]];

                      if (kp < k0 || kp > k1)
                        g->conflict[g->up_edge[k]] = 1;
                    }
                }
              k0 = k1;
            }
        }
    }
}

/* The neighbours of @v in the layer before it in the view, sorted by view
 * place, into p->nbuf and p->ebuf. */
static guint
upper_neighbours (Pass  *p,
                  guint  v)
{
  PwDagLayered *g = p->g;
  const guint *off = p->from_below ? g->down_off : g->up_off;
  const guint *adj = p->from_below ? g->down : g->up;
  const guint *edge = p->from_below ? g->down_edge : g->up_edge;
  guint d = off[v + 1] - off[v];

  for (guint k = 0; k < d; k++)
    {
      guint u = adj[off[v] + k], e = edge[off[v] + k];
      guint j = k;

      while (j > 0 && p->vpos[p->nbuf[j - 1]] > p->vpos[u])
        {
          p->nbuf[j] = p->nbuf[j - 1];
          p->ebuf[j] = p->ebuf[j - 1];
          j--;
        }
      p->nbuf[j] = u;
      p->ebuf[j] = e;
    }

  return d;
}

/* The alignment window (an addition to the paper): @v, at view place @k
 * of a layer of @len nodes, is aligned with its median neighbour @u only
 * when their places, scaled to the sizes of their layers, differ by at most
 * max (2, 2 % of the layer). In a dense graph every alignment that jumps
 * across a layer pushes the blocks beside it, and over a hundred layers the
 * pushes add up: a 100 × 100 graph with three random upstream tasks each
 * comes out 35 times as tall as its widest layer with plain Brandes–Köpf,
 * and 1.7 times with the window. Layers of a few nodes, as in most flows,
 * are never limited. */
static gboolean
within_window (Pass  *p,
               guint  u,
               guint  k,
               guint  len)
{
  PwDagLayered *g = p->g;
  guint r = g->rank[u];
  double len_u = g->layer_off[r + 1] - g->layer_off[r];
  double window = MAX (2.0, 0.02 * MAX (len, len_u));

  return fabs ((double) p->vpos[u] - (double) k * len_u / len) <= window;
}

/* Another addition to the paper: a node where a long edge starts (or, seen
 * from below, ends) keeps its alignment for that edge's bend points, so
 * that long edges run straight into their tasks. The canvas draws every
 * edge as one curve from port to port, and a long edge whose end is
 * aligned with a short edge's task instead would be drawn through the
 * tasks in between. Returns whether @v, a real node, must leave @u alone. */
static gboolean
reserved_for_long_edge (Pass  *p,
                        guint  u,
                        guint  v)
{
  PwDagLayered *g = p->g;
  const guint *off = p->from_below ? g->up_off : g->down_off;
  const guint *adj = p->from_below ? g->up : g->down;

  if (is_dummy (g, v))
    return FALSE;

  for (guint k = off[u]; k < off[u + 1]; k++)
    if (adj[k] != v && is_dummy (g, adj[k]))
      return TRUE;

  return FALSE;
}

static void
vertical_alignment (Pass *p)
{
  PwDagLayered *g = p->g;

  for (guint v = 0; v < g->N; v++)
    {
      p->root[v] = v;
      p->align[v] = v;
    }

  for (guint i = 1; i < g->n_ranks; i++)
    {
      guint r = p->from_below ? g->n_ranks - 1 - i : i;
      guint len = g->layer_off[r + 1] - g->layer_off[r];
      gint64 last = -1;

      for (guint k = 0; k < len; k++)
        {
          guint v = view_node (p, r, k);
          guint d = upper_neighbours (p, v);

          if (d == 0)
            continue;

          for (guint m = (d - 1) / 2; m <= d / 2; m++)
            {
              guint u = p->nbuf[m];

              if (p->align[v] != v)
                break;
              if (g->conflict[p->ebuf[m]] || (gint64) p->vpos[u] <= last ||
                  !within_window (p, u, k, len) || reserved_for_long_edge (p, u, v))
                continue;

              p->align[u] = v;
              p->root[v] = p->root[u];
              p->align[v] = p->root[v];
              last = p->vpos[u];
            }
        }
    }
}

/* place_block() of the paper without the class shifts, iteratively: a
 * frame is a block being placed and the node of it being looked at. */
static void
place_blocks (Pass  *p,
              guint *stack_v,
              guint *stack_w)
{
  PwDagLayered *g = p->g;

  for (guint v = 0; v < g->N; v++)
    {
      p->sink[v] = v;
      p->placed[v] = 0;
      p->x[v] = 0;
    }

  for (guint i = 0; i < g->n_ranks; i++)
    {
      guint r = p->from_below ? g->n_ranks - 1 - i : i;
      guint len = g->layer_off[r + 1] - g->layer_off[r];

      for (guint k = 0; k < len; k++)
        {
          guint start = view_node (p, r, k);
          guint sp = 0;

          if (p->root[start] != start || p->placed[start])
            continue;

          p->placed[start] = 1;
          stack_v[sp] = start;
          stack_w[sp] = start;
          sp++;

          while (sp > 0)
            {
              guint v = stack_v[sp - 1];
              guint w = stack_w[sp - 1];
              guint left = view_left (p, w);
              gboolean descended = FALSE;

              if (left != PW_DAG_NONE)
                {
                  guint u = p->root[left];

                  if (!p->placed[u])
                    {
                      /* Place the block on the left first, then come back
                       * to this same node. */
                      p->placed[u] = 1;
                      stack_v[sp] = u;
                      stack_w[sp] = u;
                      sp++;
                      descended = TRUE;
                    }
                  else
                    {
                      if (p->sink[v] == v)
                        p->sink[v] = p->sink[u];
                      if (p->sink[v] == p->sink[u])
                        p->x[v] = MAX (p->x[v], p->x[u] + separation (p, left, w));
                    }
                }

              if (descended)
                continue;

              /* Next node of this block, or the block is done. */
              if (p->align[w] == v)
                sp--;
              else
                stack_w[sp - 1] = p->align[w];
            }
        }
    }
}

typedef struct
{
  guint  right;   /* class whose shift is used */
  guint  left;    /* class whose shift is bounded */
  double gap;     /* shift[left] <= shift[right] + gap */
} Constraint;

/* The erratum's class shifts, settled in topological order. */
static void
shift_classes (Pass   *p,
               double *out)
{
  PwDagLayered *g = p->g;
  g_autoptr(GArray) cons = g_array_new (FALSE, FALSE, sizeof (Constraint));
  g_autofree guint *indegree = g_new0 (guint, g->N);
  g_autofree guint *out_off = g_new0 (guint, g->N + 1);
  g_autofree guint *out_adj = NULL;
  g_autofree double *shift = g_new (double, g->N);
  g_autofree gboolean *bounded = g_new0 (gboolean, g->N);
  g_autofree guint *queue = g_new (guint, g->N);
  g_autofree guint8 *done = g_new0 (guint8, g->N);
  guint head = 0, tail = 0;

  for (guint v = 0; v < g->N; v++)
    {
      guint left = view_left (p, v);
      guint cv, cu;

      if (left == PW_DAG_NONE)
        continue;

      cv = p->sink[p->root[v]];
      cu = p->sink[p->root[left]];
      if (cv == cu)
        continue;

      {
        Constraint c = { cv, cu, p->x[p->root[v]] - p->x[p->root[left]] - separation (p, left, v) };

        g_array_append_val (cons, c);
        out_off[cv + 1]++;
        indegree[cu]++;
      }
    }

  for (guint v = 0; v < g->N; v++)
    out_off[v + 1] += out_off[v];
  out_adj = g_new (guint, MAX (cons->len, 1));
  {
    g_autofree guint *fill = g_memdup2 (out_off, sizeof (guint) * (g->N + 1));

    for (guint k = 0; k < cons->len; k++)
      out_adj[fill[g_array_index (cons, Constraint, k).right]++] = k;
  }

  for (guint v = 0; v < g->N; v++)
    shift[v] = 0;

  /* Classes are seeded in the order their sinks appear in the view, layer
   * by layer, which is also the order used when something is left over. */
  for (guint i = 0; i < g->n_ranks; i++)
    {
      guint r = p->from_below ? g->n_ranks - 1 - i : i;
      guint len = g->layer_off[r + 1] - g->layer_off[r];

      for (guint k = 0; k < len; k++)
        {
          guint v = view_node (p, r, k);

          if (p->sink[v] == v && p->root[v] == v && indegree[v] == 0)
            queue[tail++] = v;
        }
    }

  for (;;)
    {
      while (head < tail)
        {
          guint c = queue[head++];

          done[c] = 1;
          for (guint k = out_off[c]; k < out_off[c + 1]; k++)
            {
              Constraint *con = &g_array_index (cons, Constraint, out_adj[k]);
              double bound = shift[c] + con->gap;

              if (!bounded[con->left] || bound < shift[con->left])
                shift[con->left] = bound;
              bounded[con->left] = TRUE;

              if (--indegree[con->left] == 0)
                queue[tail++] = con->left;
            }
        }

      /* Only a cycle among the constraints leaves classes unsettled; the
       * final check then repairs what they break. */
      {
        gboolean more = FALSE;

        for (guint v = 0; v < g->N && !more; v++)
          if (p->sink[v] == v && p->root[v] == v && !done[v])
            {
              indegree[v] = 0;
              queue[tail++] = v;
              more = TRUE;
            }
        if (!more)
          break;
      }
    }

  for (guint v = 0; v < g->N; v++)
    {
      double x = p->x[p->root[v]] + shift[p->sink[p->root[v]]];

      out[v] = p->from_right ? -x : x;
    }
}

static void
run_pass (Pass   *p,
          guint  *stack_v,
          guint  *stack_w,
          double *out)
{
  PwDagLayered *g = p->g;

  for (guint r = 0; r < g->n_ranks; r++)
    {
      guint start = g->layer_off[r], len = g->layer_off[r + 1] - start;

      for (guint i = 0; i < len; i++)
        {
          guint v = g->layer[start + i];

          p->vpos[v] = p->from_right ? len - 1 - i : i;
        }
    }

  vertical_alignment (p);
  place_blocks (p, stack_v, stack_w);
  shift_classes (p, out);

}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/**
 * _pw_dag_layout_brandes_koepf: (skip)
 * @g: a proper layered graph in its final order
 * @size: (array): each node's extent across the ranks
 * @node_gap: space between two real nodes
 * @edge_gap: space beside a dummy
 * @coord: (out caller-allocates) (array): each node's centre
 *
 * Returns: how many nodes the final check had to push apart (0 unless
 *   something is wrong)
 */
guint
_pw_dag_layout_brandes_koepf (PwDagLayered *g,
                              const double *size,
                              double        node_gap,
                              double        edge_gap,
                              double       *coord)
{
  Pass p = { 0 };
  g_autofree double *xs = g_new (double, 4 * (gsize) MAX (g->N, 1));
  g_autofree guint *stack_v = g_new (guint, MAX (g->N, 1));
  g_autofree guint *stack_w = g_new (guint, MAX (g->N, 1));
  guint max_degree = 1;
  double min[4], max[4], width[4];
  guint narrowest = 0;
  guint repairs = 0;

  if (g->N == 0)
    return 0;

  for (guint v = 0; v < g->N; v++)
    {
      max_degree = MAX (max_degree, g->up_off[v + 1] - g->up_off[v]);
      max_degree = MAX (max_degree, g->down_off[v + 1] - g->down_off[v]);
    }

  p.g = g;
  p.size = size;
  p.node_gap = node_gap;
  p.edge_gap = edge_gap;
  p.vpos = g_new (guint, g->N);
  p.root = g_new (guint, g->N);
  p.align = g_new (guint, g->N);
  p.sink = g_new (guint, g->N);
  p.x = g_new (double, g->N);
  p.placed = g_new (guint8, g->N);
  p.nbuf = g_new (guint, max_degree);
  p.ebuf = g_new (guint, max_degree);

  mark_type1_conflicts (g);

  for (guint k = 0; k < 4; k++)
    {
      double *out = xs + (gsize) k * g->N;

      p.from_below = k >= 2;
      p.from_right = k % 2 == 1;
      run_pass (&p, stack_v, stack_w, out);

      min[k] = G_MAXDOUBLE;
      max[k] = -G_MAXDOUBLE;
      for (guint v = 0; v < g->N; v++)
        {
          min[k] = MIN (min[k], out[v] - size[v] / 2);
          max[k] = MAX (max[k], out[v] + size[v] / 2);
        }
      width[k] = max[k] - min[k];
      if (width[k] < width[narrowest])
        narrowest = k;
    }

  /* Align to the narrowest drawing and take the average median. */
  for (guint k = 0; k < 4; k++)
    {
      double *out = xs + (gsize) k * g->N;
      double delta = k % 2 == 0 ? min[narrowest] - min[k] : max[narrowest] - max[k];

      for (guint v = 0; v < g->N; v++)
        out[v] += delta;
    }

  for (guint v = 0; v < g->N; v++)
    {
      double c[4];

      for (guint k = 0; k < 4; k++)
        c[k] = xs[(gsize) k * g->N + v];
      qsort (c, 4, sizeof (double), compare_double);
      coord[v] = (c[1] + c[2]) / 2;
    }

  /* The check: neighbours in a layer keep their order and separation. A
   * tiny tolerance absorbs rounding in the averages. */
  for (guint r = 0; r < g->n_ranks; r++)
    for (guint i = g->layer_off[r] + 1; i < g->layer_off[r + 1]; i++)
      {
        guint a = g->layer[i - 1], b = g->layer[i];
        double need = coord[a] + separation (&p, a, b);

        if (coord[b] < need - 1e-6)
          {
            coord[b] = need;
            repairs++;
          }
      }

  g_free (p.vpos);
  g_free (p.root);
  g_free (p.align);
  g_free (p.sink);
  g_free (p.x);
  g_free (p.placed);
  g_free (p.nbuf);
  g_free (p.ebuf);

  return repairs;
}
