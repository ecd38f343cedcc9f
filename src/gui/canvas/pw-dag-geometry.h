/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The canvas's geometry as plain structs and functions, without GTK, so
 * that it can be tested without a display and used from a worker thread.
 *
 * World coordinates are those of the flow file (`x`, `y` of a task, the
 * top-left corner of its box). The canvas lays flows out left to right: a
 * task's input port is the middle of its left side, its output port the
 * middle of its right side, and an edge is a cubic Bézier with horizontal
 * tangents from an output port to an input port, ending in an arrowhead.
 */

/* A task's box, in world units. The examples place tasks 240 apart in x. */
#define PW_DAG_NODE_WIDTH    192.0
#define PW_DAG_NODE_HEIGHT    56.0
#define PW_DAG_NODE_RADIUS     8.0
#define PW_DAG_PORT_RADIUS     5.0
/* How far around a port a press still grabs it. */
#define PW_DAG_PORT_GRAB      10.0
#define PW_DAG_ARROW_LENGTH   10.0
#define PW_DAG_ARROW_WIDTH     9.0
#define PW_DAG_GRID_SIZE      20.0

#define PW_DAG_MIN_SCALE       0.01
#define PW_DAG_MAX_SCALE       4.0

typedef struct
{
  double x;
  double y;
} PwDagPoint;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} PwDagRect;

typedef struct
{
  PwDagPoint p0;
  PwDagPoint p1;
  PwDagPoint p2;
  PwDagPoint p3;
} PwDagBezier;

/**
 * PwDagView:
 * @scale: view pixels per world unit
 * @x: the world x shown at the view's left edge
 * @y: the world y shown at the view's top edge
 *
 * Where the canvas looks: view = (world - origin) × scale.
 */
typedef struct
{
  double scale;
  double x;
  double y;
} PwDagView;

/* rectangles */
PwDagRect  pw_dag_rect_make             (double             x,
                                         double             y,
                                         double             width,
                                         double             height);
PwDagRect  pw_dag_rect_from_points      (PwDagPoint         a,
                                         PwDagPoint         b);
gboolean   pw_dag_rect_is_empty         (const PwDagRect   *rect);
gboolean   pw_dag_rect_contains_point   (const PwDagRect   *rect,
                                         PwDagPoint         point);
gboolean   pw_dag_rect_contains_rect    (const PwDagRect   *outer,
                                         const PwDagRect   *inner);
gboolean   pw_dag_rect_intersects       (const PwDagRect   *a,
                                         const PwDagRect   *b);
PwDagRect  pw_dag_rect_union            (const PwDagRect   *a,
                                         const PwDagRect   *b);
gboolean   pw_dag_rect_intersect        (const PwDagRect   *a,
                                         const PwDagRect   *b,
                                         PwDagRect         *out);
PwDagRect  pw_dag_rect_inflate          (const PwDagRect   *rect,
                                         double             dx,
                                         double             dy);
PwDagPoint pw_dag_rect_center           (const PwDagRect   *rect);

/* nodes and ports */
PwDagRect  pw_dag_node_rect             (double             x,
                                         double             y);
PwDagPoint pw_dag_node_input_port       (double             x,
                                         double             y);
PwDagPoint pw_dag_node_output_port      (double             x,
                                         double             y);
PwDagRect  pw_dag_nodes_bounds          (const double      *xs,
                                         const double      *ys,
                                         guint              n);

/* edges */
PwDagBezier pw_dag_edge_bezier          (PwDagPoint         from,
                                         PwDagPoint         to);
PwDagBezier pw_dag_edge_curve           (PwDagPoint         from,
                                         PwDagPoint         to,
                                         PwDagPoint         arrow[3]);
PwDagPoint  pw_dag_bezier_eval          (const PwDagBezier *bezier,
                                         double             t);
PwDagPoint  pw_dag_bezier_tangent       (const PwDagBezier *bezier,
                                         double             t);
PwDagRect   pw_dag_bezier_hull          (const PwDagBezier *bezier);
PwDagRect   pw_dag_bezier_bounds        (const PwDagBezier *bezier);
guint       pw_dag_bezier_flatten       (const PwDagBezier *bezier,
                                         guint              n_segments,
                                         PwDagPoint        *points);
double      pw_dag_bezier_distance      (const PwDagBezier *bezier,
                                         PwDagPoint         point);
double      pw_dag_segment_distance     (PwDagPoint         a,
                                         PwDagPoint         b,
                                         PwDagPoint         point);

/* the view */
PwDagPoint pw_dag_view_to_world         (const PwDagView   *view,
                                         PwDagPoint         point);
PwDagPoint pw_dag_view_from_world       (const PwDagView   *view,
                                         PwDagPoint         point);
PwDagRect  pw_dag_view_visible_rect     (const PwDagView   *view,
                                         double             width,
                                         double             height);
PwDagView  pw_dag_view_zoom_at          (const PwDagView   *view,
                                         double             scale,
                                         PwDagPoint         anchor);
PwDagView  pw_dag_view_fit              (const PwDagRect   *bounds,
                                         double             width,
                                         double             height,
                                         double             margin,
                                         double             max_scale);
PwDagView  pw_dag_view_center_on        (const PwDagView   *view,
                                         PwDagPoint         world,
                                         double             width,
                                         double             height);
double     pw_dag_clamp_scale           (double             scale);

/* the grid */
double     pw_dag_snap                  (double             value,
                                         double             grid);

G_END_DECLS
