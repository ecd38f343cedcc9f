/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-geometry"

#include "config.h"

#include <math.h>

#include "pw-dag-geometry.h"

/*
 * Plain geometry for the canvas: rectangles, node boxes and ports, edge
 * curves and their arrowheads, distances for hit-testing, and the view
 * transform (zoom around a point, zoom to fit). Nothing here allocates.
 */

/**
 * pw_dag_rect_make:
 *
 * Returns: the rectangle at (@x, @y) of @width × @height
 */
PwDagRect
pw_dag_rect_make (double x,
                  double y,
                  double width,
                  double height)
{
  return (PwDagRect) { x, y, width, height };
}

/**
 * pw_dag_rect_from_points:
 * @a: a corner
 * @b: the opposite corner
 *
 * Returns: the rectangle spanned by two corners in any order, as a
 *   rubber band is
 */
PwDagRect
pw_dag_rect_from_points (PwDagPoint a,
                         PwDagPoint b)
{
  return (PwDagRect) { MIN (a.x, b.x), MIN (a.y, b.y), fabs (b.x - a.x), fabs (b.y - a.y) };
}

/**
 * pw_dag_rect_is_empty:
 *
 * Returns: %TRUE if the rectangle has no area
 */
gboolean
pw_dag_rect_is_empty (const PwDagRect *rect)
{
  return !(rect->width > 0.0 && rect->height > 0.0);
}

/**
 * pw_dag_rect_contains_point:
 *
 * Returns: %TRUE if @point lies inside @rect or on its left or top side
 */
gboolean
pw_dag_rect_contains_point (const PwDagRect *rect,
                            PwDagPoint       point)
{
  return point.x >= rect->x && point.x < rect->x + rect->width &&
         point.y >= rect->y && point.y < rect->y + rect->height;
}

/**
 * pw_dag_rect_contains_rect:
 *
 * Returns: %TRUE if @inner lies wholly inside @outer
 */
gboolean
pw_dag_rect_contains_rect (const PwDagRect *outer,
                           const PwDagRect *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/**
 * pw_dag_rect_intersects:
 *
 * Returns: %TRUE if the rectangles share some area (touching sides do not
 *   count)
 */
gboolean
pw_dag_rect_intersects (const PwDagRect *a,
                        const PwDagRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/**
 * pw_dag_rect_union:
 *
 * Returns: the smallest rectangle holding both; an empty rectangle does not
 *   count
 */
PwDagRect
pw_dag_rect_union (const PwDagRect *a,
                   const PwDagRect *b)
{
  double x0, y0, x1, y1;

  if (pw_dag_rect_is_empty (a))
    return *b;
  if (pw_dag_rect_is_empty (b))
    return *a;

  x0 = MIN (a->x, b->x);
  y0 = MIN (a->y, b->y);
  x1 = MAX (a->x + a->width, b->x + b->width);
  y1 = MAX (a->y + a->height, b->y + b->height);

  return (PwDagRect) { x0, y0, x1 - x0, y1 - y0 };
}

/**
 * pw_dag_rect_intersect:
 * @out: (out): the common part, empty if none
 *
 * Returns: %TRUE if the rectangles share some area
 */
gboolean
pw_dag_rect_intersect (const PwDagRect *a,
                       const PwDagRect *b,
                       PwDagRect       *out)
{
  double x0 = MAX (a->x, b->x), y0 = MAX (a->y, b->y);
  double x1 = MIN (a->x + a->width, b->x + b->width);
  double y1 = MIN (a->y + a->height, b->y + b->height);

  if (x1 <= x0 || y1 <= y0)
    {
      *out = (PwDagRect) { 0, 0, 0, 0 };
      return FALSE;
    }

  *out = (PwDagRect) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}

/**
 * pw_dag_rect_inflate:
 *
 * Returns: @rect grown by @dx on the left and right and @dy on the top and
 *   bottom
 */
PwDagRect
pw_dag_rect_inflate (const PwDagRect *rect,
                     double           dx,
                     double           dy)
{
  return (PwDagRect) { rect->x - dx, rect->y - dy, rect->width + 2 * dx, rect->height + 2 * dy };
}

/**
 * pw_dag_rect_center:
 *
 * Returns: the middle of @rect
 */
PwDagPoint
pw_dag_rect_center (const PwDagRect *rect)
{
  return (PwDagPoint) { rect->x + rect->width / 2, rect->y + rect->height / 2 };
}

/**
 * pw_dag_node_rect:
 * @x: the task's x
 * @y: the task's y
 *
 * Returns: the box of a task placed at (@x, @y)
 */
PwDagRect
pw_dag_node_rect (double x,
                  double y)
{
  return (PwDagRect) { x, y, PW_DAG_NODE_WIDTH, PW_DAG_NODE_HEIGHT };
}

/**
 * pw_dag_node_input_port:
 *
 * Returns: the input port of a task at (@x, @y): the middle of its left side
 */
PwDagPoint
pw_dag_node_input_port (double x,
                        double y)
{
  return (PwDagPoint) { x, y + PW_DAG_NODE_HEIGHT / 2 };
}

/**
 * pw_dag_node_output_port:
 *
 * Returns: the output port of a task at (@x, @y): the middle of its right
 *   side
 */
PwDagPoint
pw_dag_node_output_port (double x,
                         double y)
{
  return (PwDagPoint) { x + PW_DAG_NODE_WIDTH, y + PW_DAG_NODE_HEIGHT / 2 };
}

/**
 * pw_dag_nodes_bounds:
 * @xs: the tasks' x
 * @ys: the tasks' y
 * @n: how many
 *
 * Returns: the smallest rectangle holding every box, with its ports; empty
 *   when @n is 0
 */
PwDagRect
pw_dag_nodes_bounds (const double *xs,
                     const double *ys,
                     guint         n)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  if (n == 0)
    return (PwDagRect) { 0, 0, 0, 0 };

  for (guint i = 0; i < n; i++)
    {
      x0 = MIN (x0, xs[i]);
      y0 = MIN (y0, ys[i]);
      x1 = MAX (x1, xs[i]);
      y1 = MAX (y1, ys[i]);
    }

  return (PwDagRect) {
    x0 - PW_DAG_PORT_RADIUS, y0,
    x1 - x0 + PW_DAG_NODE_WIDTH + 2 * PW_DAG_PORT_RADIUS, y1 - y0 + PW_DAG_NODE_HEIGHT
  };
}

/**
 * pw_dag_edge_bezier:
 * @from: an output port
 * @to: an input port
 *
 * The curve of an edge: it leaves @from and enters @to horizontally. The
 * handles are half the horizontal distance long, and at least 40 units, so
 * that an edge that runs backwards (to a task on the left) makes an S.
 *
 * Returns: the curve from @from to @to
 */
PwDagBezier
pw_dag_edge_bezier (PwDagPoint from,
                    PwDagPoint to)
{
  double dx = fabs (to.x - from.x) / 2;

  if (to.x < from.x)
    dx = MAX (dx, 80.0);
  dx = MAX (dx, 40.0);

  return (PwDagBezier) {
    from,
    { from.x + dx, from.y },
    { to.x - dx, to.y },
    to,
  };
}

/**
 * pw_dag_edge_curve:
 * @from: an output port
 * @to: an input port
 * @arrow: (out caller-allocates) (array fixed-size=3): the arrowhead: its tip
 *   at @to, then the two corners of its base
 *
 * The curve of an edge as drawn: like pw_dag_edge_bezier(), but ending at
 * the base of the arrowhead so that the stroke does not poke through its
 * tip.
 *
 * Returns: the curve from @from to the base of the arrowhead
 */
PwDagBezier
pw_dag_edge_curve (PwDagPoint from,
                   PwDagPoint to,
                   PwDagPoint arrow[3])
{
  PwDagBezier bezier = pw_dag_edge_bezier (from, to);
  /* The curve enters @to horizontally, from the left. */
  PwDagPoint base = { to.x - PW_DAG_ARROW_LENGTH, to.y };

  arrow[0] = to;
  arrow[1] = (PwDagPoint) { base.x, base.y - PW_DAG_ARROW_WIDTH / 2 };
  arrow[2] = (PwDagPoint) { base.x, base.y + PW_DAG_ARROW_WIDTH / 2 };

  bezier.p3 = base;
  bezier.p2.x -= PW_DAG_ARROW_LENGTH;

  return bezier;
}

/**
 * pw_dag_bezier_eval:
 *
 * Returns: the point of @bezier at @t in [0, 1]
 */
PwDagPoint
pw_dag_bezier_eval (const PwDagBezier *bezier,
                    double             t)
{
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  return (PwDagPoint) {
    a * bezier->p0.x + b * bezier->p1.x + c * bezier->p2.x + d * bezier->p3.x,
    a * bezier->p0.y + b * bezier->p1.y + c * bezier->p2.y + d * bezier->p3.y,
  };
}

/**
 * pw_dag_bezier_tangent:
 *
 * Returns: the derivative of @bezier at @t (not normalised)
 */
PwDagPoint
pw_dag_bezier_tangent (const PwDagBezier *bezier,
                       double             t)
{
  double u = 1 - t;
  double a = 3 * u * u, b = 6 * u * t, c = 3 * t * t;

  return (PwDagPoint) {
    a * (bezier->p1.x - bezier->p0.x) + b * (bezier->p2.x - bezier->p1.x) + c * (bezier->p3.x - bezier->p2.x),
    a * (bezier->p1.y - bezier->p0.y) + b * (bezier->p2.y - bezier->p1.y) + c * (bezier->p3.y - bezier->p2.y),
  };
}

/**
 * pw_dag_bezier_hull:
 *
 * Returns: the bounding box of the control points, which holds the curve;
 *   cheap, for culling
 */
PwDagRect
pw_dag_bezier_hull (const PwDagBezier *bezier)
{
  double x0 = MIN (MIN (bezier->p0.x, bezier->p1.x), MIN (bezier->p2.x, bezier->p3.x));
  double x1 = MAX (MAX (bezier->p0.x, bezier->p1.x), MAX (bezier->p2.x, bezier->p3.x));
  double y0 = MIN (MIN (bezier->p0.y, bezier->p1.y), MIN (bezier->p2.y, bezier->p3.y));
  double y1 = MAX (MAX (bezier->p0.y, bezier->p1.y), MAX (bezier->p2.y, bezier->p3.y));

  return (PwDagRect) { x0, y0, x1 - x0, y1 - y0 };
}

/* Where the derivative of one coordinate vanishes: roots in (0, 1) of
 * a t² + b t + c, from the control values. */
static guint
extrema (double  v0,
         double  v1,
         double  v2,
         double  v3,
         double *ts)
{
  double a = -v0 + 3 * v1 - 3 * v2 + v3;
  double b = 2 * (v0 - 2 * v1 + v2);
  double c = v1 - v0;
  guint n = 0;

  if (fabs (a) < 1e-12)
    {
      if (fabs (b) > 1e-12)
        {
          double t = -c / b;
          if (t > 0 && t < 1)
            ts[n++] = t;
        }
      return n;
    }

  {
    double disc = b * b - 4 * a * c;
    double s;

    if (disc < 0)
      return 0;

    s = sqrt (disc);
    for (int sign = -1; sign <= 1; sign += 2)
      {
        double t = (-b + sign * s) / (2 * a);
        if (t > 0 && t < 1)
          ts[n++] = t;
      }
  }

  return n;
}

/**
 * pw_dag_bezier_bounds:
 *
 * Returns: the tight bounding box of the curve itself
 */
PwDagRect
pw_dag_bezier_bounds (const PwDagBezier *bezier)
{
  double ts[4];
  guint n = 0;
  double x0 = MIN (bezier->p0.x, bezier->p3.x), x1 = MAX (bezier->p0.x, bezier->p3.x);
  double y0 = MIN (bezier->p0.y, bezier->p3.y), y1 = MAX (bezier->p0.y, bezier->p3.y);

  n += extrema (bezier->p0.x, bezier->p1.x, bezier->p2.x, bezier->p3.x, ts + n);
  n += extrema (bezier->p0.y, bezier->p1.y, bezier->p2.y, bezier->p3.y, ts + n);

  for (guint i = 0; i < n; i++)
    {
      PwDagPoint p = pw_dag_bezier_eval (bezier, ts[i]);

      x0 = MIN (x0, p.x);
      x1 = MAX (x1, p.x);
      y0 = MIN (y0, p.y);
      y1 = MAX (y1, p.y);
    }

  return (PwDagRect) { x0, y0, x1 - x0, y1 - y0 };
}

/**
 * pw_dag_bezier_flatten:
 * @n_segments: how many straight segments
 * @points: (out caller-allocates) (array): room for @n_segments + 1 points
 *
 * Approximates @bezier by a polyline of equal steps in t.
 *
 * Returns: the number of points written, @n_segments + 1
 */
guint
pw_dag_bezier_flatten (const PwDagBezier *bezier,
                       guint              n_segments,
                       PwDagPoint        *points)
{
  g_return_val_if_fail (n_segments > 0, 0);

  for (guint i = 0; i <= n_segments; i++)
    points[i] = pw_dag_bezier_eval (bezier, (double) i / n_segments);

  return n_segments + 1;
}

/**
 * pw_dag_segment_distance:
 *
 * Returns: the distance from @point to the segment from @a to @b
 */
double
pw_dag_segment_distance (PwDagPoint a,
                         PwDagPoint b,
                         PwDagPoint point)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double len2 = dx * dx + dy * dy;
  double t = 0;

  if (len2 > 0)
    t = CLAMP (((point.x - a.x) * dx + (point.y - a.y) * dy) / len2, 0.0, 1.0);

  return hypot (point.x - (a.x + t * dx), point.y - (a.y + t * dy));
}

/* Segments for distances: an edge on the canvas bends at most twice, and
 * 32 chords keep the error under a pixel for edges thousands of units
 * long at the zoom where one can aim at them. */
#define DISTANCE_SEGMENTS 32

/**
 * pw_dag_bezier_distance:
 *
 * Returns: the distance from @point to the curve, within a fraction of a
 *   unit for the curves of edges
 */
double
pw_dag_bezier_distance (const PwDagBezier *bezier,
                        PwDagPoint         point)
{
  PwDagPoint points[DISTANCE_SEGMENTS + 1];
  double best = G_MAXDOUBLE;

  pw_dag_bezier_flatten (bezier, DISTANCE_SEGMENTS, points);
  for (guint i = 0; i < DISTANCE_SEGMENTS; i++)
    best = MIN (best, pw_dag_segment_distance (points[i], points[i + 1], point));

  return best;
}

/**
 * pw_dag_view_to_world:
 *
 * Returns: the world point shown at @point of the view
 */
PwDagPoint
pw_dag_view_to_world (const PwDagView *view,
                      PwDagPoint       point)
{
  return (PwDagPoint) { view->x + point.x / view->scale, view->y + point.y / view->scale };
}

/**
 * pw_dag_view_from_world:
 *
 * Returns: where the world @point is shown in the view
 */
PwDagPoint
pw_dag_view_from_world (const PwDagView *view,
                        PwDagPoint       point)
{
  return (PwDagPoint) { (point.x - view->x) * view->scale, (point.y - view->y) * view->scale };
}

/**
 * pw_dag_view_visible_rect:
 * @width: the view's width
 * @height: the view's height
 *
 * Returns: the part of the world the view shows
 */
PwDagRect
pw_dag_view_visible_rect (const PwDagView *view,
                          double           width,
                          double           height)
{
  return (PwDagRect) { view->x, view->y, width / view->scale, height / view->scale };
}

/**
 * pw_dag_clamp_scale:
 *
 * Returns: @scale within %PW_DAG_MIN_SCALE and %PW_DAG_MAX_SCALE
 */
double
pw_dag_clamp_scale (double scale)
{
  if (!isfinite (scale))
    return 1.0;
  return CLAMP (scale, PW_DAG_MIN_SCALE, PW_DAG_MAX_SCALE);
}

/**
 * pw_dag_view_zoom_at:
 * @scale: the new scale (clamped)
 * @anchor: a point of the view that stays put, such as the pointer
 *
 * Returns: the view at @scale that shows the same world point at @anchor
 */
PwDagView
pw_dag_view_zoom_at (const PwDagView *view,
                     double           scale,
                     PwDagPoint       anchor)
{
  PwDagPoint world = pw_dag_view_to_world (view, anchor);

  scale = pw_dag_clamp_scale (scale);

  return (PwDagView) { scale, world.x - anchor.x / scale, world.y - anchor.y / scale };
}

/**
 * pw_dag_view_fit:
 * @bounds: what must be seen
 * @width: the view's width
 * @height: the view's height
 * @margin: view pixels kept free around @bounds
 * @max_scale: the largest scale, so that a small flow is not blown up
 *
 * Returns: the view that shows all of @bounds, centred
 */
PwDagView
pw_dag_view_fit (const PwDagRect *bounds,
                 double           width,
                 double           height,
                 double           margin,
                 double           max_scale)
{
  double avail_w = MAX (width - 2 * margin, 1.0);
  double avail_h = MAX (height - 2 * margin, 1.0);
  double scale;
  PwDagPoint center;

  if (pw_dag_rect_is_empty (bounds))
    scale = MIN (1.0, max_scale);
  else
    scale = MIN (MIN (avail_w / bounds->width, avail_h / bounds->height), max_scale);

  scale = pw_dag_clamp_scale (scale);
  center = pw_dag_rect_center (bounds);

  return (PwDagView) { scale, center.x - width / 2 / scale, center.y - height / 2 / scale };
}

/**
 * pw_dag_view_center_on:
 *
 * Returns: @view moved so that @world is in the middle of a view of
 *   @width × @height, at the same scale
 */
PwDagView
pw_dag_view_center_on (const PwDagView *view,
                       PwDagPoint       world,
                       double           width,
                       double           height)
{
  return (PwDagView) { view->scale, world.x - width / 2 / view->scale, world.y - height / 2 / view->scale };
}

/**
 * pw_dag_snap:
 * @grid: the grid size; 0 or less does not snap
 *
 * Returns: @value rounded to the nearest multiple of @grid
 */
double
pw_dag_snap (double value,
             double grid)
{
  if (grid <= 0)
    return value;
  return round (value / grid) * grid;
}
