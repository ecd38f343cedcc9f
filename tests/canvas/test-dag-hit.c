/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pw-dag-hit.h"

/*
 * Hit-testing over the grid: ports before boxes before edges, the top-most
 * box, rubber-band queries, and the grid against a brute-force search on
 * random scenes.
 */

static PwDagHitIndex *
two_nodes (void)
{
  static const double xs[] = { 0, 400 }, ys[] = { 0, 200 };
  static const guint from[] = { 0 }, to[] = { 1 };

  return pw_dag_hit_index_new (xs, ys, 2, from, to, 1);
}

static void
test_ports_nodes_edges (void)
{
  g_autoptr(PwDagHitIndex) index = two_nodes ();
  PwDagPoint out = pw_dag_node_output_port (0, 0), in = pw_dag_node_input_port (400, 200);
  const PwDagBezier *curve = pw_dag_hit_index_get_curve (index, 0);
  PwDagPoint mid = pw_dag_bezier_eval (curve, 0.5);
  PwDagHit hit;

  hit = pw_dag_hit_index_hit (index, out, 1);
  g_assert_cmpint (hit.kind, ==, PW_DAG_HIT_OUTPUT_PORT);
  g_assert_cmpuint (hit.index, ==, 0);

  /* A little off the port, still the port. */
  hit = pw_dag_hit_index_hit (index, (PwDagPoint) { in.x - 6, in.y + 3 }, 1);
  g_assert_cmpint (hit.kind, ==, PW_DAG_HIT_INPUT_PORT);
  g_assert_cmpuint (hit.index, ==, 1);

  hit = pw_dag_hit_index_hit (index, (PwDagPoint) { 80, 20 }, 1);
  g_assert_cmpint (hit.kind, ==, PW_DAG_HIT_NODE);
  g_assert_cmpuint (hit.index, ==, 0);

  hit = pw_dag_hit_index_hit (index, mid, 2);
  g_assert_cmpint (hit.kind, ==, PW_DAG_HIT_EDGE);
  g_assert_cmpuint (hit.index, ==, 0);

  /* Off the edge by more than the slack: nothing. */
  hit = pw_dag_hit_index_hit (index, (PwDagPoint) { mid.x + 30, mid.y - 30 }, 2);
  g_assert_cmpint (hit.kind, ==, PW_DAG_HIT_NONE);

  hit = pw_dag_hit_index_hit (index, (PwDagPoint) { -5000, 9000 }, 2);
  g_assert_cmpint (hit.kind, ==, PW_DAG_HIT_NONE);

  g_assert_cmpuint (pw_dag_hit_index_get_n_nodes (index), ==, 2);
  g_assert_cmpuint (pw_dag_hit_index_get_n_edges (index), ==, 1);
}

static void
test_top_most (void)
{
  /* Two overlapping boxes: the later one is drawn on top and wins. */
  static const double xs[] = { 0, 50 }, ys[] = { 0, 10 };
  g_autoptr(PwDagHitIndex) index = pw_dag_hit_index_new (xs, ys, 2, NULL, NULL, 0);
  PwDagHit hit = pw_dag_hit_index_hit (index, (PwDagPoint) { 100, 30 }, 1);

  g_assert_cmpint (hit.kind, ==, PW_DAG_HIT_NODE);
  g_assert_cmpuint (hit.index, ==, 1);

  hit = pw_dag_hit_index_hit (index, (PwDagPoint) { 20, 5 }, 1);
  g_assert_cmpuint (hit.index, ==, 0);
}

static void
test_rect_query (void)
{
  g_autoptr(PwDagHitIndex) index = two_nodes ();
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  PwDagRect around_first = { -10, -10, 100, 40 };
  PwDagRect all = { -100, -100, 1000, 1000 };
  PwDagRect none = { 1000, 1000, 10, 10 };
  PwDagRect edges_mid = { 250, 100, 20, 20 };

  g_assert_cmpuint (pw_dag_hit_index_nodes_in_rect (index, &around_first, found), ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 0);

  g_array_set_size (found, 0);
  g_assert_cmpuint (pw_dag_hit_index_nodes_in_rect (index, &all, found), ==, 2);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (found, guint, 1), ==, 1);

  g_array_set_size (found, 0);
  g_assert_cmpuint (pw_dag_hit_index_nodes_in_rect (index, &none, found), ==, 0);

  g_array_set_size (found, 0);
  g_assert_cmpuint (pw_dag_hit_index_edges_in_rect (index, &edges_mid, found), ==, 1);
}

static void
test_far_away (void)
{
  /* A task dragged very far must not make the grid huge. */
  static const double xs[] = { 0, 1e7 }, ys[] = { 0, -1e7 };
  static const guint from[] = { 0 }, to[] = { 1 };
  g_autoptr(PwDagHitIndex) index = pw_dag_hit_index_new (xs, ys, 2, from, to, 1);
  PwDagHit hit = pw_dag_hit_index_hit (index, (PwDagPoint) { 1e7 + 80, -1e7 + 20 }, 1);

  g_assert_cmpfloat (pw_dag_hit_index_get_cell_size (index), >, 256);
  g_assert_cmpint (hit.kind, ==, PW_DAG_HIT_NODE);
  g_assert_cmpuint (hit.index, ==, 1);
}

static PwDagHit
brute_force (const double *xs,
             const double *ys,
             guint         n,
             const guint  *from,
             const guint  *to,
             guint         m,
             PwDagPoint    p,
             double        slack)
{
  PwDagHit hit = { PW_DAG_HIT_NONE, 0 };
  double grab = MAX (PW_DAG_PORT_GRAB, slack), best = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      PwDagPoint in = pw_dag_node_input_port (xs[i], ys[i]), out = pw_dag_node_output_port (xs[i], ys[i]);
      double d = hypot (p.x - in.x, p.y - in.y);

      if (d <= grab && d < best)
        best = d, hit = (PwDagHit) { PW_DAG_HIT_INPUT_PORT, i };
      d = hypot (p.x - out.x, p.y - out.y);
      if (d <= grab && d < best)
        best = d, hit = (PwDagHit) { PW_DAG_HIT_OUTPUT_PORT, i };
    }
  if (hit.kind != PW_DAG_HIT_NONE)
    return hit;

  for (guint i = n; i-- > 0;)
    {
      PwDagRect box = pw_dag_node_rect (xs[i], ys[i]);

      if (pw_dag_rect_contains_point (&box, p))
        return (PwDagHit) { PW_DAG_HIT_NODE, i };
    }

  best = slack;
  for (guint e = 0; e < m; e++)
    {
      PwDagBezier b = pw_dag_edge_bezier (pw_dag_node_output_port (xs[from[e]], ys[from[e]]),
                                          pw_dag_node_input_port (xs[to[e]], ys[to[e]]));
      double d = pw_dag_bezier_distance (&b, p);

      if (d <= best)
        best = d, hit = (PwDagHit) { PW_DAG_HIT_EDGE, e };
    }

  return hit;
}

static void
test_random_against_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const guint n = 300, m = 600;
  g_autofree double *xs = g_new (double, n);
  g_autofree double *ys = g_new (double, n);
  g_autofree guint *from = g_new (guint, m);
  g_autofree guint *to = g_new (guint, m);
  g_autoptr(PwDagHitIndex) index = NULL;
  guint kinds[5] = { 0 };

  for (guint i = 0; i < n; i++)
    {
      xs[i] = g_rand_double_range (rand, -3000, 3000);
      ys[i] = g_rand_double_range (rand, -2000, 2000);
    }
  for (guint e = 0; e < m; e++)
    {
      from[e] = g_rand_int_range (rand, 0, n);
      to[e] = g_rand_int_range (rand, 0, n);
    }

  index = pw_dag_hit_index_new (xs, ys, n, from, to, m);

  for (guint k = 0; k < 3000; k++)
    {
      PwDagPoint p;
      double slack = g_rand_double_range (rand, 1, 12);
      PwDagHit a, b;

      /* Half the probes near something, so that every kind is tried. */
      if (k % 2 == 0)
        {
          guint e = g_rand_int_range (rand, 0, m);
          PwDagBezier curve = pw_dag_edge_bezier (pw_dag_node_output_port (xs[from[e]], ys[from[e]]),
                                                  pw_dag_node_input_port (xs[to[e]], ys[to[e]]));

          p = pw_dag_bezier_eval (&curve, g_rand_double (rand));
          p.x += g_rand_double_range (rand, -3, 3);
        }
      else
        p = (PwDagPoint) { g_rand_double_range (rand, -3200, 3200), g_rand_double_range (rand, -2200, 2200) };

      a = pw_dag_hit_index_hit (index, p, slack);
      b = brute_force (xs, ys, n, from, to, m, p, slack);
      g_assert_cmpint (a.kind, ==, b.kind);
      /* Equally near edges may tie; the kind and the distance agree. */
      if (a.kind != PW_DAG_HIT_EDGE)
        g_assert_cmpuint (a.index, ==, b.index);
      kinds[a.kind]++;
    }

  for (guint kind = 0; kind < 5; kind++)
    g_assert_cmpuint (kinds[kind], >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Canvas/hit/ports-nodes-edges", test_ports_nodes_edges);
  g_test_add_func ("/Canvas/hit/top-most", test_top_most);
  g_test_add_func ("/Canvas/hit/rect-query", test_rect_query);
  g_test_add_func ("/Canvas/hit/far-away", test_far_away);
  g_test_add_func ("/Canvas/hit/random", test_random_against_brute_force);

  return g_test_run ();
}
