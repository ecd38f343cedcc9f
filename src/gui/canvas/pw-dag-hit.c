/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-hit"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-dag-hit.h"

/*
 * Hit-testing over a uniform grid. The index is built once for a set of
 * node positions and edges (an immutable snapshot, rebuilt when the scene
 * changes) and answers "what is under this point" and "what lies in this
 * rectangle" by looking only at the grid cells around the question.
 *
 * Cells are stored as compressed rows (an offset per cell into one array of
 * ids), one table for nodes and one for edges. A node goes into every cell
 * its box (grown by the port grab distance) touches. An edge is cut into
 * chords about a cell long and goes into every cell the box of a chord
 * touches, once. Queries mark what they have seen with a generation stamp,
 * so they allocate nothing and never clear arrays; this makes a query
 * modify the index, so one index serves one thread.
 */

/* A cell is a little larger than a task's box with its gap. */
#define CELL_SIZE 256.0
/* Tasks dragged far away must not make the grid huge. */
#define MAX_CELLS (1u << 20)
#define MAX_CHORDS 64

struct _PwDagHitIndex
{
  guint        n_nodes;
  guint        n_edges;
  double      *xs;
  double      *ys;
  PwDagBezier *curves;
  PwDagRect   *hulls;

  double       cell;
  double       x0, y0;
  guint        cols, rows;

  guint       *node_off;   /* cols * rows + 1 */
  guint       *node_ids;
  guint       *edge_off;
  guint       *edge_ids;

  guint       *node_stamp;
  guint       *edge_stamp;
  guint        gen;
};

static void
cell_range (PwDagHitIndex   *index,
            const PwDagRect *rect,
            guint           *c0,
            guint           *r0,
            guint           *c1,
            guint           *r1)
{
  double fc0 = floor ((rect->x - index->x0) / index->cell);
  double fr0 = floor ((rect->y - index->y0) / index->cell);
  double fc1 = floor ((rect->x + rect->width - index->x0) / index->cell);
  double fr1 = floor ((rect->y + rect->height - index->y0) / index->cell);

  *c0 = (guint) CLAMP (fc0, 0, index->cols - 1);
  *r0 = (guint) CLAMP (fr0, 0, index->rows - 1);
  *c1 = (guint) CLAMP (fc1, 0, index->cols - 1);
  *r1 = (guint) CLAMP (fr1, 0, index->rows - 1);
}

static gboolean
rect_outside_grid (PwDagHitIndex   *index,
                   const PwDagRect *rect)
{
  return rect->x + rect->width < index->x0 || rect->y + rect->height < index->y0 ||
         rect->x > index->x0 + index->cols * index->cell ||
         rect->y > index->y0 + index->rows * index->cell;
}

static PwDagRect
node_grab_rect (PwDagHitIndex *index,
                guint          i)
{
  PwDagRect box = pw_dag_node_rect (index->xs[i], index->ys[i]);

  return pw_dag_rect_inflate (&box, PW_DAG_PORT_GRAB, 0);
}

static guint
n_chords (const PwDagBezier *curve,
          double             cell)
{
  double len = hypot (curve->p1.x - curve->p0.x, curve->p1.y - curve->p0.y) +
               hypot (curve->p2.x - curve->p1.x, curve->p2.y - curve->p1.y) +
               hypot (curve->p3.x - curve->p2.x, curve->p3.y - curve->p2.y);

  return CLAMP ((guint) ceil (len / cell), 2u, MAX_CHORDS);
}

/* Calls @visit for each cell an edge's chords touch, once per cell. */
static void
edge_cells (PwDagHitIndex *index,
            guint          e,
            guint          stamp,
            guint         *count_or_null,
            guint         *fill_or_null)
{
  PwDagPoint points[MAX_CHORDS + 1];
  guint n = pw_dag_bezier_flatten (&index->curves[e], n_chords (&index->curves[e], index->cell), points);

  for (guint k = 0; k + 1 < n; k++)
    {
      PwDagRect box = pw_dag_rect_from_points (points[k], points[k + 1]);
      guint c0, r0, c1, r1;

      cell_range (index, &box, &c0, &r0, &c1, &r1);
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          {
            guint cell = r * index->cols + c;

            if (index->edge_stamp[cell] == stamp)
              continue;
            index->edge_stamp[cell] = stamp;

            if (count_or_null != NULL)
              count_or_null[cell + 1]++;
            else
              index->edge_ids[fill_or_null[cell]++] = e;
          }
    }
}

/**
 * pw_dag_hit_index_new:
 * @xs: (array length=n_nodes): the tasks' x
 * @ys: (array length=n_nodes): the tasks' y
 * @n_nodes: how many tasks
 * @edge_from: (array length=n_edges): each edge's upstream node
 * @edge_to: (array length=n_edges): each edge's downstream node
 * @n_edges: how many edges
 *
 * Builds the index of a scene: the arrays are copied, and each edge's
 * curve is computed once (pw_dag_hit_index_get_curve() hands it to the
 * painter).
 *
 * Returns: (transfer full): a new index
 */
PwDagHitIndex *
pw_dag_hit_index_new (const double *xs,
                      const double *ys,
                      guint         n_nodes,
                      const guint  *edge_from,
                      const guint  *edge_to,
                      guint         n_edges)
{
  PwDagHitIndex *index = g_new0 (PwDagHitIndex, 1);
  PwDagRect bounds = { 0, 0, 0, 0 };
  guint n_cells;
  guint *fill;

  index->n_nodes = n_nodes;
  index->n_edges = n_edges;
  index->xs = g_memdup2 (xs, sizeof (double) * MAX (n_nodes, 1));
  index->ys = g_memdup2 (ys, sizeof (double) * MAX (n_nodes, 1));
  index->curves = g_new (PwDagBezier, MAX (n_edges, 1));
  index->hulls = g_new (PwDagRect, MAX (n_edges, 1));

  for (guint e = 0; e < n_edges; e++)
    {
      guint a = edge_from[e], b = edge_to[e];

      g_assert (a < n_nodes && b < n_nodes);
      index->curves[e] = pw_dag_edge_bezier (pw_dag_node_output_port (xs[a], ys[a]),
                                             pw_dag_node_input_port (xs[b], ys[b]));
      index->hulls[e] = pw_dag_bezier_hull (&index->curves[e]);
      bounds = pw_dag_rect_union (&bounds, &index->hulls[e]);
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      PwDagRect box = node_grab_rect (index, i);
      bounds = pw_dag_rect_union (&bounds, &box);
    }

  /* Grow the cells until the grid stays within MAX_CELLS. */
  index->cell = CELL_SIZE;
  index->x0 = bounds.x;
  index->y0 = bounds.y;
  for (;;)
    {
      double cols = floor (bounds.width / index->cell) + 1;
      double rows = floor (bounds.height / index->cell) + 1;

      if (cols * rows <= MAX_CELLS)
        {
          index->cols = (guint) cols;
          index->rows = (guint) rows;
          break;
        }
      index->cell *= 2;
    }

  n_cells = index->cols * index->rows;
  index->node_off = g_new0 (guint, n_cells + 1);
  index->edge_off = g_new0 (guint, n_cells + 1);
  index->node_stamp = g_new0 (guint, MAX (n_nodes, 1));
  index->edge_stamp = g_new0 (guint, MAX (n_cells, MAX (n_edges, 1)));
  fill = g_new (guint, n_cells);

  /* Nodes: count, prefix sums, fill. */
  for (guint i = 0; i < n_nodes; i++)
    {
      PwDagRect box = node_grab_rect (index, i);
      guint c0, r0, c1, r1;

      cell_range (index, &box, &c0, &r0, &c1, &r1);
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          index->node_off[r * index->cols + c + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    index->node_off[c + 1] += index->node_off[c];
  index->node_ids = g_new (guint, MAX (index->node_off[n_cells], 1));
  memcpy (fill, index->node_off, sizeof (guint) * n_cells);
  for (guint i = 0; i < n_nodes; i++)
    {
      PwDagRect box = node_grab_rect (index, i);
      guint c0, r0, c1, r1;

      cell_range (index, &box, &c0, &r0, &c1, &r1);
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          index->node_ids[fill[r * index->cols + c]++] = i;
    }

  /* Edges: the same, with a stamp per cell so that an edge whose chords
   * touch a cell twice is listed there once. Stamps are edge + 1 in the
   * counting pass and edge + 1 + n_edges in the filling pass. */
  for (guint e = 0; e < n_edges; e++)
    edge_cells (index, e, e + 1, index->edge_off, NULL);
  for (guint c = 0; c < n_cells; c++)
    index->edge_off[c + 1] += index->edge_off[c];
  index->edge_ids = g_new (guint, MAX (index->edge_off[n_cells], 1));
  memcpy (fill, index->edge_off, sizeof (guint) * n_cells);
  for (guint e = 0; e < n_edges; e++)
    edge_cells (index, e, e + 1 + n_edges, NULL, fill);

  /* From here on the stamps mark edges seen by a query, not cells. */
  memset (index->edge_stamp, 0, sizeof (guint) * MAX (n_cells, MAX (n_edges, 1)));
  g_free (fill);

  return index;
}

/**
 * pw_dag_hit_index_free:
 * @index: (nullable): an index
 */
void
pw_dag_hit_index_free (PwDagHitIndex *index)
{
  if (index == NULL)
    return;

  g_free (index->xs);
  g_free (index->ys);
  g_free (index->curves);
  g_free (index->hulls);
  g_free (index->node_off);
  g_free (index->node_ids);
  g_free (index->edge_off);
  g_free (index->edge_ids);
  g_free (index->node_stamp);
  g_free (index->edge_stamp);
  g_free (index);
}

guint
pw_dag_hit_index_get_n_nodes (PwDagHitIndex *index)
{
  return index->n_nodes;
}

guint
pw_dag_hit_index_get_n_edges (PwDagHitIndex *index)
{
  return index->n_edges;
}

/**
 * pw_dag_hit_index_get_cell_size:
 *
 * Returns: the side of a grid cell in world units
 */
double
pw_dag_hit_index_get_cell_size (PwDagHitIndex *index)
{
  return index->cell;
}

/**
 * pw_dag_hit_index_get_curve:
 *
 * Returns: (transfer none): the curve of @edge, from port to port
 */
const PwDagBezier *
pw_dag_hit_index_get_curve (PwDagHitIndex *index,
                            guint          edge)
{
  g_return_val_if_fail (edge < index->n_edges, NULL);
  return &index->curves[edge];
}

/**
 * pw_dag_hit_index_get_edge_hull:
 *
 * Returns: (transfer none): the bounding box of @edge's control points
 */
const PwDagRect *
pw_dag_hit_index_get_edge_hull (PwDagHitIndex *index,
                                guint          edge)
{
  g_return_val_if_fail (edge < index->n_edges, NULL);
  return &index->hulls[edge];
}

static guint
next_gen (PwDagHitIndex *index)
{
  if (++index->gen == 0)
    {
      memset (index->node_stamp, 0, sizeof (guint) * MAX (index->n_nodes, 1));
      memset (index->edge_stamp, 0, sizeof (guint) * MAX (index->n_edges, 1));
      index->gen = 1;
    }
  return index->gen;
}

/**
 * pw_dag_hit_index_hit:
 * @point: a world point
 * @slack: how far from a port or an edge a point may be and still hit it,
 *   in world units (a few view pixels divided by the scale)
 *
 * Finds what is under @point, in this order: the nearest port within
 * %PW_DAG_PORT_GRAB (or @slack, if larger) of it, then the top-most box
 * that holds it (the one with the largest index, drawn last), then the
 * nearest edge within @slack.
 *
 * Returns: what is under @point
 */
PwDagHit
pw_dag_hit_index_hit (PwDagHitIndex *index,
                      PwDagPoint     point,
                      double         slack)
{
  PwDagHit hit = { PW_DAG_HIT_NONE, 0 };
  double grab = MAX (PW_DAG_PORT_GRAB, slack);
  PwDagRect around = { point.x - grab, point.y - grab, 2 * grab, 2 * grab };
  double best_port = G_MAXDOUBLE;
  gboolean in_node = FALSE;
  guint c0, r0, c1, r1;
  guint gen;

  if (index->n_nodes == 0 || rect_outside_grid (index, &around))
    return hit;

  gen = next_gen (index);
  cell_range (index, &around, &c0, &r0, &c1, &r1);

  /* Ports first: they sit on the sides of boxes and must win there. */
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * index->cols + c;

        for (guint k = index->node_off[cell]; k < index->node_off[cell + 1]; k++)
          {
            guint i = index->node_ids[k];
            PwDagPoint in, out;
            double d;

            if (index->node_stamp[i] == gen)
              continue;
            index->node_stamp[i] = gen;

            in = pw_dag_node_input_port (index->xs[i], index->ys[i]);
            out = pw_dag_node_output_port (index->xs[i], index->ys[i]);

            d = hypot (point.x - in.x, point.y - in.y);
            if (d <= grab && d < best_port)
              {
                best_port = d;
                hit = (PwDagHit) { PW_DAG_HIT_INPUT_PORT, i };
              }
            d = hypot (point.x - out.x, point.y - out.y);
            if (d <= grab && d < best_port)
              {
                best_port = d;
                hit = (PwDagHit) { PW_DAG_HIT_OUTPUT_PORT, i };
              }
          }
      }

  if (hit.kind != PW_DAG_HIT_NONE)
    return hit;

  /* Then boxes: the last one drawn is on top. */
  {
    guint cell = 0;
    guint pc, pr, pc1, pr1;
    PwDagRect at = { point.x, point.y, 0, 0 };

    cell_range (index, &at, &pc, &pr, &pc1, &pr1);
    cell = pr * index->cols + pc;
    for (guint k = index->node_off[cell]; k < index->node_off[cell + 1]; k++)
      {
        guint i = index->node_ids[k];
        PwDagRect box = pw_dag_node_rect (index->xs[i], index->ys[i]);

        if (pw_dag_rect_contains_point (&box, point) && (!in_node || i > hit.index))
          {
            in_node = TRUE;
            hit = (PwDagHit) { PW_DAG_HIT_NODE, i };
          }
      }
  }

  if (in_node)
    return hit;

  /* Then edges, the nearest within the slack. */
  if (slack > 0 && index->n_edges > 0)
    {
      PwDagRect near = { point.x - slack, point.y - slack, 2 * slack, 2 * slack };
      double best = slack;

      cell_range (index, &near, &c0, &r0, &c1, &r1);
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          {
            guint cell = r * index->cols + c;

            for (guint k = index->edge_off[cell]; k < index->edge_off[cell + 1]; k++)
              {
                guint e = index->edge_ids[k];
                double d;

                if (index->edge_stamp[e] == gen)
                  continue;
                index->edge_stamp[e] = gen;

                if (!pw_dag_rect_intersects (&index->hulls[e], &near) &&
                    !pw_dag_rect_contains_point (&index->hulls[e], point))
                  continue;

                d = pw_dag_bezier_distance (&index->curves[e], point);
                if (d <= best)
                  {
                    best = d;
                    hit = (PwDagHit) { PW_DAG_HIT_EDGE, e };
                  }
              }
          }
    }

  return hit;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/**
 * pw_dag_hit_index_nodes_in_rect:
 * @rect: a world rectangle
 * @nodes: a #GArray of guint; the nodes are appended
 *
 * Finds the nodes whose box intersects @rect, for a rubber band and for
 * culling.
 *
 * Returns: how many were appended, in increasing order
 */
guint
pw_dag_hit_index_nodes_in_rect (PwDagHitIndex   *index,
                                const PwDagRect *rect,
                                GArray          *nodes)
{
  guint start = nodes->len;
  guint c0, r0, c1, r1;
  guint gen;

  if (index->n_nodes == 0 || rect_outside_grid (index, rect))
    return 0;

  cell_range (index, rect, &c0, &r0, &c1, &r1);

  /* A rectangle over most of the grid: a straight scan is cheaper. */
  if ((guint64) (c1 - c0 + 1) * (r1 - r0 + 1) * 4 > (guint64) index->cols * index->rows)
    {
      for (guint i = 0; i < index->n_nodes; i++)
        {
          PwDagRect box = pw_dag_node_rect (index->xs[i], index->ys[i]);

          if (pw_dag_rect_intersects (&box, rect))
            g_array_append_val (nodes, i);
        }
      return nodes->len - start;
    }

  gen = next_gen (index);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * index->cols + c;

        for (guint k = index->node_off[cell]; k < index->node_off[cell + 1]; k++)
          {
            guint i = index->node_ids[k];
            PwDagRect box;

            if (index->node_stamp[i] == gen)
              continue;
            index->node_stamp[i] = gen;

            box = pw_dag_node_rect (index->xs[i], index->ys[i]);
            if (pw_dag_rect_intersects (&box, rect))
              g_array_append_val (nodes, i);
          }
      }

  if (nodes->len - start > 1)
    qsort (&g_array_index (nodes, guint, start), nodes->len - start, sizeof (guint), compare_uint);

  return nodes->len - start;
}

/**
 * pw_dag_hit_index_edges_in_rect:
 * @rect: a world rectangle
 * @edges: a #GArray of guint; the edges are appended
 *
 * Finds the edges whose control points' box intersects @rect: every edge
 * that may show in @rect, and a few that pass near it. For culling.
 *
 * Returns: how many were appended, in increasing order
 */
guint
pw_dag_hit_index_edges_in_rect (PwDagHitIndex   *index,
                                const PwDagRect *rect,
                                GArray          *edges)
{
  guint start = edges->len;
  guint c0, r0, c1, r1;
  guint gen;

  if (index->n_edges == 0 || rect_outside_grid (index, rect))
    return 0;

  cell_range (index, rect, &c0, &r0, &c1, &r1);

  if ((guint64) (c1 - c0 + 1) * (r1 - r0 + 1) * 4 > (guint64) index->cols * index->rows)
    {
      for (guint e = 0; e < index->n_edges; e++)
        if (pw_dag_rect_intersects (&index->hulls[e], rect))
          g_array_append_val (edges, e);
      return edges->len - start;
    }

  gen = next_gen (index);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * index->cols + c;

        for (guint k = index->edge_off[cell]; k < index->edge_off[cell + 1]; k++)
          {
            guint e = index->edge_ids[k];

            if (index->edge_stamp[e] == gen)
              continue;
            index->edge_stamp[e] = gen;

            if (pw_dag_rect_intersects (&index->hulls[e], rect))
              g_array_append_val (edges, e);
          }
      }

  if (edges->len - start > 1)
    qsort (&g_array_index (edges, guint, start), edges->len - start, sizeof (guint), compare_uint);

  return edges->len - start;
}
