/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pw-dag-geometry.h"

/* The canvas's plain geometry: rectangles, ports, edge curves, the view. */

static void
test_rects (void)
{
  PwDagRect a = pw_dag_rect_make (0, 0, 10, 10);
  PwDagRect b = pw_dag_rect_make (5, 5, 10, 10);
  PwDagRect c = pw_dag_rect_make (10, 0, 5, 5);
  PwDagRect empty = pw_dag_rect_make (3, 3, 0, 0);
  PwDagRect u, i;

  g_assert_true (pw_dag_rect_intersects (&a, &b));
  g_assert_false (pw_dag_rect_intersects (&a, &c));   /* touching is not sharing */
  g_assert_true (pw_dag_rect_contains_point (&a, (PwDagPoint) { 0, 0 }));
  g_assert_false (pw_dag_rect_contains_point (&a, (PwDagPoint) { 10, 5 }));

  u = pw_dag_rect_union (&a, &b);
  g_assert_cmpfloat (u.x, ==, 0);
  g_assert_cmpfloat (u.width, ==, 15);
  u = pw_dag_rect_union (&empty, &a);
  g_assert_cmpfloat (u.width, ==, 10);

  g_assert_true (pw_dag_rect_intersect (&a, &b, &i));
  g_assert_cmpfloat (i.x, ==, 5);
  g_assert_cmpfloat (i.width, ==, 5);
  g_assert_false (pw_dag_rect_intersect (&a, &c, &i));
  g_assert_true (pw_dag_rect_is_empty (&i));

  g_assert_true (pw_dag_rect_contains_rect (&u, &a));
  g_assert_false (pw_dag_rect_contains_rect (&a, &b));

  i = pw_dag_rect_from_points ((PwDagPoint) { 5, 1 }, (PwDagPoint) { 1, 5 });
  g_assert_cmpfloat (i.x, ==, 1);
  g_assert_cmpfloat (i.y, ==, 1);
  g_assert_cmpfloat (i.width, ==, 4);
  g_assert_cmpfloat (i.height, ==, 4);
}

static void
test_ports (void)
{
  PwDagPoint in = pw_dag_node_input_port (100, 200);
  PwDagPoint out = pw_dag_node_output_port (100, 200);
  PwDagRect box = pw_dag_node_rect (100, 200);
  double xs[] = { 0, 240 }, ys[] = { 0, 140 };
  PwDagRect bounds = pw_dag_nodes_bounds (xs, ys, 2);

  /* Left to right: in on the middle of the left side, out of the right. */
  g_assert_cmpfloat (in.x, ==, box.x);
  g_assert_cmpfloat (in.y, ==, box.y + box.height / 2);
  g_assert_cmpfloat (out.x, ==, box.x + box.width);
  g_assert_cmpfloat (out.y, ==, in.y);

  g_assert_cmpfloat (bounds.x, ==, -PW_DAG_PORT_RADIUS);
  g_assert_cmpfloat (bounds.width, ==, 240 + PW_DAG_NODE_WIDTH + 2 * PW_DAG_PORT_RADIUS);
  g_assert_cmpfloat (bounds.height, ==, 140 + PW_DAG_NODE_HEIGHT);
  g_assert_true (pw_dag_rect_is_empty (&(PwDagRect) { 0 }));
  bounds = pw_dag_nodes_bounds (NULL, NULL, 0);
  g_assert_true (pw_dag_rect_is_empty (&bounds));
}

static void
test_edge_curve (void)
{
  PwDagPoint from = { 176, 28 }, to = { 400, 300 };
  PwDagBezier b = pw_dag_edge_bezier (from, to);
  PwDagPoint arrow[3];
  PwDagBezier drawn = pw_dag_edge_curve (from, to, arrow);
  PwDagPoint t0 = pw_dag_bezier_tangent (&b, 0), t1 = pw_dag_bezier_tangent (&b, 1);
  PwDagRect bounds = pw_dag_bezier_bounds (&b), hull = pw_dag_bezier_hull (&b);

  /* Ends, horizontal tangents pointing right at both ends. */
  g_assert_cmpfloat (pw_dag_bezier_eval (&b, 0).x, ==, from.x);
  g_assert_cmpfloat_with_epsilon (pw_dag_bezier_eval (&b, 1).y, to.y, 1e-9);
  g_assert_cmpfloat (t0.y, ==, 0);
  g_assert_cmpfloat (t0.x, >, 0);
  g_assert_cmpfloat (t1.y, ==, 0);
  g_assert_cmpfloat (t1.x, >, 0);

  /* The arrowhead's tip is the input port; the drawn curve stops at its
   * base. */
  g_assert_cmpfloat (arrow[0].x, ==, to.x);
  g_assert_cmpfloat (arrow[0].y, ==, to.y);
  g_assert_cmpfloat (arrow[1].x, ==, to.x - PW_DAG_ARROW_LENGTH);
  g_assert_cmpfloat (arrow[2].y - arrow[1].y, ==, PW_DAG_ARROW_WIDTH);
  g_assert_cmpfloat (drawn.p3.x, ==, to.x - PW_DAG_ARROW_LENGTH);

  /* The tight bounds hold every point of the curve, and lie within the
   * hull of the control points. */
  for (int i = 0; i <= 100; i++)
    {
      PwDagPoint p = pw_dag_bezier_eval (&b, i / 100.0);
      PwDagRect grown = pw_dag_rect_inflate (&bounds, 1e-9, 1e-9);

      g_assert_true (pw_dag_rect_contains_point (&grown, p) ||
                     p.x == grown.x + grown.width || p.y == grown.y + grown.height);
    }
  g_assert_true (pw_dag_rect_contains_rect (&(PwDagRect) { hull.x - 1e-9, hull.y - 1e-9, hull.width + 2e-9,
                                                           hull.height + 2e-9 }, &bounds));
}

static void
test_backward_edge (void)
{
  /* An edge to a task on the left makes an S with long handles. */
  PwDagBezier b = pw_dag_edge_bezier ((PwDagPoint) { 500, 0 }, (PwDagPoint) { 100, 0 });

  g_assert_cmpfloat (b.p1.x - b.p0.x, >=, 80);
  g_assert_cmpfloat (b.p3.x - b.p2.x, >=, 80);
}

static void
test_distance (void)
{
  PwDagBezier b = pw_dag_edge_bezier ((PwDagPoint) { 0, 0 }, (PwDagPoint) { 400, 0 });
  PwDagPoint mid = pw_dag_bezier_eval (&b, 0.5);

  g_assert_cmpfloat_with_epsilon (pw_dag_bezier_distance (&b, mid), 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (pw_dag_bezier_distance (&b, (PwDagPoint) { 200, 10 }), 10, 1e-6);
  g_assert_cmpfloat_with_epsilon (pw_dag_segment_distance ((PwDagPoint) { 0, 0 }, (PwDagPoint) { 10, 0 },
                                                           (PwDagPoint) { 13, 4 }), 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (pw_dag_segment_distance ((PwDagPoint) { 0, 0 }, (PwDagPoint) { 0, 0 },
                                                           (PwDagPoint) { 3, 4 }), 5, 1e-9);
}

static void
test_view (void)
{
  PwDagView view = { 2.0, 100, 50 };
  PwDagPoint p = { 37, 91 };
  PwDagPoint round = pw_dag_view_from_world (&view, pw_dag_view_to_world (&view, p));
  PwDagPoint anchor = { 300, 200 };
  PwDagPoint under = pw_dag_view_to_world (&view, anchor);
  PwDagView zoomed = pw_dag_view_zoom_at (&view, 0.5, anchor);
  PwDagPoint still = pw_dag_view_to_world (&zoomed, anchor);
  PwDagRect visible = pw_dag_view_visible_rect (&view, 800, 600);

  g_assert_cmpfloat_with_epsilon (round.x, p.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (round.y, p.y, 1e-9);

  /* Zooming keeps the world point under the anchor. */
  g_assert_cmpfloat (zoomed.scale, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (still.x, under.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (still.y, under.y, 1e-9);

  g_assert_cmpfloat (visible.x, ==, 100);
  g_assert_cmpfloat (visible.width, ==, 400);

  /* Scales are clamped. */
  zoomed = pw_dag_view_zoom_at (&view, 1000, anchor);
  g_assert_cmpfloat (zoomed.scale, ==, PW_DAG_MAX_SCALE);
  zoomed = pw_dag_view_zoom_at (&view, 0, anchor);
  g_assert_cmpfloat (zoomed.scale, ==, PW_DAG_MIN_SCALE);
  g_assert_cmpfloat (pw_dag_clamp_scale (NAN), ==, 1.0);
}

static void
test_fit (void)
{
  PwDagRect big = { -1000, 500, 24000, 8000 };
  PwDagRect small = { 80, 60, 1136, 196 };
  PwDagView v = pw_dag_view_fit (&big, 1200, 800, 32, 1.0);
  PwDagRect shown = pw_dag_view_visible_rect (&v, 1200, 800);
  PwDagPoint c = pw_dag_rect_center (&shown), bc = pw_dag_rect_center (&big);

  g_assert_true (pw_dag_rect_contains_rect (&shown, &big));
  g_assert_cmpfloat_with_epsilon (c.x, bc.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (c.y, bc.y, 1e-6);
  g_assert_cmpfloat_with_epsilon (v.scale, (1200 - 64) / 24000.0, 1e-12);

  /* A small flow is not blown up past the largest scale. */
  v = pw_dag_view_fit (&small, 2000, 2000, 32, 1.0);
  g_assert_cmpfloat (v.scale, ==, 1.0);

  /* Centring keeps the scale. */
  v = pw_dag_view_center_on (&v, (PwDagPoint) { 0, 0 }, 200, 100);
  g_assert_cmpfloat (v.x, ==, -100);
  g_assert_cmpfloat (v.y, ==, -50);
}

static void
test_snap (void)
{
  g_assert_cmpfloat (pw_dag_snap (129, 20), ==, 120);
  g_assert_cmpfloat (pw_dag_snap (131, 20), ==, 140);
  g_assert_cmpfloat (pw_dag_snap (-31, 20), ==, -40);
  g_assert_cmpfloat (pw_dag_snap (13.5, 0), ==, 13.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Canvas/geometry/rects", test_rects);
  g_test_add_func ("/Canvas/geometry/ports", test_ports);
  g_test_add_func ("/Canvas/geometry/edge-curve", test_edge_curve);
  g_test_add_func ("/Canvas/geometry/backward-edge", test_backward_edge);
  g_test_add_func ("/Canvas/geometry/distance", test_distance);
  g_test_add_func ("/Canvas/geometry/view", test_view);
  g_test_add_func ("/Canvas/geometry/fit", test_fit);
  g_test_add_func ("/Canvas/geometry/snap", test_snap);

  return g_test_run ();
}
