/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-dag-layout.h"

/*
 * Properties of the layered layout on fixed and random graphs: edges point
 * to a later rank, boxes in a column keep their separation (no overlaps),
 * the same input gives the same drawing (also from a worker thread), the
 * crossing counter agrees with a brute-force count, and the coordinate
 * assignment never needs its safety net.
 */

typedef struct
{
  guint   n;
  GArray *from;
  GArray *to;
} Graph;

static Graph
graph_new (guint n)
{
  return (Graph) { n, g_array_new (FALSE, FALSE, sizeof (guint)), g_array_new (FALSE, FALSE, sizeof (guint)) };
}

static void
graph_edge (Graph *g,
            guint  a,
            guint  b)
{
  g_array_append_val (g->from, a);
  g_array_append_val (g->to, b);
}

static void
graph_clear (Graph *g)
{
  g_array_unref (g->from);
  g_array_unref (g->to);
}

/* A random DAG: edges only from lower to higher index, some long. */
static Graph
random_dag (GRand *rand,
            guint  n,
            guint  m)
{
  Graph g = graph_new (n);

  for (guint e = 0; e < m && n > 1; e++)
    {
      guint a = g_rand_int_range (rand, 0, n - 1);
      guint b = g_rand_int_range (rand, a + 1, n);

      graph_edge (&g, a, b);
    }
  return g;
}

static PwDagLayout *
run (const Graph *g)
{
  PwDagLayoutParams params;

  pw_dag_layout_params_init (&params);
  params.n_nodes = g->n;
  params.n_edges = g->from->len;
  params.edge_from = (guint *) g->from->data;
  params.edge_to = (guint *) g->to->data;
  return pw_dag_layout_run (&params);
}

static void
check_properties (const Graph       *g,
                  const PwDagLayout *layout)
{
  PwDagLayoutParams params;

  pw_dag_layout_params_init (&params);
  g_assert_cmpuint (layout->repairs, ==, 0);
  g_assert_cmpuint (layout->n_reversed, ==, 0);

  /* Every edge points down a rank, and x follows the rank. */
  for (guint e = 0; e < g->from->len; e++)
    {
      guint a = g_array_index (g->from, guint, e), b = g_array_index (g->to, guint, e);

      if (a == b)
        continue;
      g_assert_cmpuint (layout->rank[a], <, layout->rank[b]);
      g_assert_cmpfloat (layout->x[a], <, layout->x[b]);
    }

  /* No two boxes overlap, and boxes in a column keep their gap. */
  for (guint a = 0; a < g->n; a++)
    {
      g_assert_true (isfinite (layout->x[a]) && isfinite (layout->y[a]));
      g_assert_cmpfloat (layout->x[a], ==, layout->rank[a] * (params.node_width + params.rank_gap));
      g_assert_cmpfloat (layout->y[a], >=, -1e-6);
      for (guint b = a + 1; b < g->n; b++)
        {
          if (layout->rank[a] != layout->rank[b])
            continue;
          g_assert_cmpuint (layout->order[a], !=, layout->order[b]);
          g_assert_cmpfloat (fabs (layout->y[a] - layout->y[b]), >=,
                             params.node_height + params.node_gap - 1e-6);
          /* The order within the column is the order of y. */
          g_assert_true ((layout->order[a] < layout->order[b]) == (layout->y[a] < layout->y[b]));
        }
    }
}

static void
test_empty_and_single (void)
{
  Graph g = graph_new (0);
  g_autoptr(PwDagLayout) empty = run (&g);
  g_autoptr(PwDagLayout) one = NULL;

  g_assert_cmpuint (empty->n_nodes, ==, 0);
  g_assert_cmpuint (empty->n_ranks, ==, 0);
  graph_clear (&g);

  g = graph_new (1);
  one = run (&g);
  g_assert_cmpfloat (one->x[0], ==, 0);
  g_assert_cmpfloat (one->y[0], ==, 0);
  g_assert_cmpuint (one->n_ranks, ==, 1);
  graph_clear (&g);
}

static void
test_ml_training_shape (void)
{
  /* The ml-training example: two readers, features, train, register,
   * deploy. */
  Graph g = graph_new (6);
  g_autoptr(PwDagLayout) layout = NULL;

  graph_edge (&g, 0, 2);
  graph_edge (&g, 1, 2);
  graph_edge (&g, 2, 3);
  graph_edge (&g, 3, 4);
  graph_edge (&g, 4, 5);
  layout = run (&g);
  check_properties (&g, layout);

  g_assert_cmpuint (layout->n_ranks, ==, 5);
  g_assert_cmpuint (layout->rank[0], ==, 0);
  g_assert_cmpuint (layout->rank[1], ==, 0);
  g_assert_cmpuint (layout->rank[5], ==, 4);
  g_assert_cmpuint (layout->crossings, ==, 0);
  /* The chain is straight: features sits between the two readers. */
  g_assert_cmpfloat (layout->y[2], ==, layout->y[3]);
  g_assert_cmpfloat (layout->y[3], ==, layout->y[5]);
  g_assert_cmpfloat (layout->y[2], >, MIN (layout->y[0], layout->y[1]));
  g_assert_cmpfloat (layout->y[2], <, MAX (layout->y[0], layout->y[1]));
  graph_clear (&g);
}

static void
test_long_edges (void)
{
  /* a → b → c → d and a → d: the long edge gets two bend points. */
  Graph g = graph_new (4);
  g_autoptr(PwDagLayout) layout = NULL;

  graph_edge (&g, 0, 1);
  graph_edge (&g, 1, 2);
  graph_edge (&g, 2, 3);
  graph_edge (&g, 0, 3);
  layout = run (&g);
  check_properties (&g, layout);
  g_assert_cmpuint (layout->n_dummies, ==, 2);
  g_assert_cmpuint (layout->crossings, ==, 0);

  /* The long edge runs straight from a to d, and the canvas's straight
   * curve between their ports passes clear of b and c. */
  g_assert_cmpfloat (layout->y[0], ==, layout->y[3]);
  for (guint i = 1; i <= 2; i++)
    g_assert_true (layout->y[0] + 28 < layout->y[i] || layout->y[0] + 28 > layout->y[i] + 56);
  graph_clear (&g);
}

static void
test_sources_move_right (void)
{
  /* A source that only feeds the last task is placed just before it, not
   * in the first column. */
  Graph g = graph_new (5);
  g_autoptr(PwDagLayout) layout = NULL;

  graph_edge (&g, 0, 1);
  graph_edge (&g, 1, 2);
  graph_edge (&g, 2, 3);
  graph_edge (&g, 4, 3);
  layout = run (&g);
  check_properties (&g, layout);
  g_assert_cmpuint (layout->rank[4], ==, 2);
  g_assert_cmpuint (layout->n_dummies, ==, 0);
  graph_clear (&g);
}

static void
test_cycles_and_junk (void)
{
  /* A cycle, a self-loop, a repeated edge and an edge to a node that does
   * not exist: the layout copes, and turns the cycle's back edge around. */
  Graph g = graph_new (3);
  g_autoptr(PwDagLayout) layout = NULL;

  graph_edge (&g, 0, 1);
  graph_edge (&g, 1, 2);
  graph_edge (&g, 2, 0);
  graph_edge (&g, 1, 1);
  graph_edge (&g, 0, 1);
  graph_edge (&g, 0, 7);
  layout = run (&g);
  g_assert_cmpuint (layout->n_reversed, ==, 1);
  g_assert_cmpuint (layout->repairs, ==, 0);
  g_assert_cmpuint (layout->rank[0], !=, layout->rank[1]);
  g_assert_cmpuint (layout->rank[1], !=, layout->rank[2]);
  graph_clear (&g);
}

static guint64
brute_force_crossings (const Graph       *g,
                       const PwDagLayout *layout)
{
  guint64 c = 0;

  /* Graphs with edges between neighbouring ranks only. */
  for (guint e = 0; e < g->from->len; e++)
    for (guint f = e + 1; f < g->from->len; f++)
      {
        guint a = g_array_index (g->from, guint, e), b = g_array_index (g->to, guint, e);
        guint p = g_array_index (g->from, guint, f), q = g_array_index (g->to, guint, f);

        if (layout->rank[a] != layout->rank[p])
          continue;
        if ((layout->y[a] < layout->y[p] && layout->y[b] > layout->y[q]) ||
            (layout->y[a] > layout->y[p] && layout->y[b] < layout->y[q]))
          c++;
      }
  return c;
}

static Graph
layered (GRand *rand,
         guint  layers,
         guint  per_layer,
         guint  ups)
{
  Graph g = graph_new (layers * per_layer);

  for (guint l = 1; l < layers; l++)
    for (guint i = 0; i < per_layer; i++)
      {
        guint picked[8], n = 0;

        while (n < ups)
          {
            guint j = g_rand_int_range (rand, 0, per_layer);
            gboolean seen = FALSE;

            for (guint k = 0; k < n; k++)
              seen |= picked[k] == j;
            if (seen)
              continue;
            picked[n++] = j;
            graph_edge (&g, (l - 1) * per_layer + j, l * per_layer + i);
          }
      }
  return g;
}

static void
test_crossings_counted (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 20; round++)
    {
      Graph g = layered (rand, 2 + round % 5, 4 + round, 1 + round % 3);
      g_autoptr(PwDagLayout) layout = run (&g);
      guint64 brute = brute_force_crossings (&g, layout);

      check_properties (&g, layout);
      g_assert_cmpuint (layout->crossings, ==, brute);
      g_assert_cmpuint (layout->crossings, <=, layout->initial_crossings);
      g_assert_cmpuint (pw_dag_count_crossings (g.n, g.from->len, (guint *) g.from->data,
                                                (guint *) g.to->data, layout->rank, layout->y),
                        ==, brute);
      g_assert_cmpuint (layout->sweeps, <=, 8);
      graph_clear (&g);
    }
}

static void
test_count_crossings_known (void)
{
  /* Two ranks, a ✕: one crossing; with a long edge through a middle rank,
   * interpolated. */
  static const guint from[] = { 0, 1 }, to[] = { 3, 2 };
  static const guint rank[] = { 0, 0, 1, 1 };
  static const double pos[] = { 0, 10, 0, 10 };
  static const guint from2[] = { 0, 1 }, to2[] = { 2, 3 };
  static const guint rank2[] = { 0, 0, 2, 1 };
  static const double pos2[] = { 0, 10, 20, 0 };

  g_assert_cmpuint (pw_dag_count_crossings (4, 2, from, to, rank, pos), ==, 1);
  /* 0 (0) → 2 (20) passes rank 1 at 10, right of 3 (0): 1 (10) → 3 (0)
   * crosses it between ranks 0 and 1. */
  g_assert_cmpuint (pw_dag_count_crossings (4, 2, from2, to2, rank2, pos2), ==, 1);
}

static void
test_random_properties (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);

  for (guint round = 0; round < 60; round++)
    {
      guint n = g_rand_int_range (rand, 2, 120);
      Graph g = random_dag (rand, n, g_rand_int_range (rand, 0, 3 * n));
      g_autoptr(PwDagLayout) layout = run (&g);

      check_properties (&g, layout);
      graph_clear (&g);
    }
}

static void
test_deterministic (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  Graph g = layered (rand, 12, 30, 3);
  g_autoptr(PwDagLayout) a = run (&g);
  g_autoptr(PwDagLayout) b = run (&g);

  g_assert_cmpmem (a->x, sizeof (double) * g.n, b->x, sizeof (double) * g.n);
  g_assert_cmpmem (a->y, sizeof (double) * g.n, b->y, sizeof (double) * g.n);
  g_assert_cmpmem (a->order, sizeof (guint) * g.n, b->order, sizeof (guint) * g.n);
  g_assert_cmpuint (a->crossings, ==, b->crossings);
  graph_clear (&g);
}

static void
layout_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PwDagLayout **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pw_dag_layout_run_finish (result, &error);
  g_assert_no_error (error);
}

static void
cancelled_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  PwDagLayout *layout = pw_dag_layout_run_finish (result, &error);

  g_assert_null (layout);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_thread (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  Graph g = layered (rand, 20, 40, 3);
  g_autoptr(PwDagLayout) here = run (&g);
  PwDagLayout *there = NULL;
  PwDagLayoutParams params;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean cancelled = FALSE;

  pw_dag_layout_params_init (&params);
  params.n_nodes = g.n;
  params.n_edges = g.from->len;
  params.edge_from = (guint *) g.from->data;
  params.edge_to = (guint *) g.to->data;

  pw_dag_layout_run_async (&params, NULL, layout_done, &there);
  while (there == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpmem (here->y, sizeof (double) * g.n, there->y, sizeof (double) * g.n);
  pw_dag_layout_free (there);

  g_cancellable_cancel (cancellable);
  pw_dag_layout_run_async (&params, cancellable, cancelled_done, &cancelled);
  while (!cancelled)
    g_main_context_iteration (NULL, TRUE);

  graph_clear (&g);
}

static void
test_large_fast_enough_to_test (void)
{
  /* 10,000 tasks in columns of 100, three upstream tasks each: the shape
   * of the benchmark, checked for its properties (the timing is for the
   * benchmark, not for a test). */
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  Graph g = layered (rand, 100, 100, 3);
  g_autoptr(PwDagLayout) layout = run (&g);

  g_assert_cmpuint (layout->n_ranks, ==, 100);
  g_assert_cmpuint (layout->repairs, ==, 0);
  g_assert_cmpuint (layout->crossings, <, layout->initial_crossings);
  for (guint e = 0; e < g.from->len; e++)
    g_assert_cmpuint (layout->rank[g_array_index (g.from, guint, e)] + 1, ==,
                      layout->rank[g_array_index (g.to, guint, e)]);
  /* The alignment window keeps the drawing within twice the tallest
   * column (plain Brandes–Köpf is 35 times as tall here). */
  g_assert_cmpfloat (layout->height, <, 2 * 100 * (56 + 24));
  graph_clear (&g);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Canvas/layout/empty-and-single", test_empty_and_single);
  g_test_add_func ("/Canvas/layout/ml-training", test_ml_training_shape);
  g_test_add_func ("/Canvas/layout/long-edges", test_long_edges);
  g_test_add_func ("/Canvas/layout/sources-move-right", test_sources_move_right);
  g_test_add_func ("/Canvas/layout/cycles-and-junk", test_cycles_and_junk);
  g_test_add_func ("/Canvas/layout/crossings-counted", test_crossings_counted);
  g_test_add_func ("/Canvas/layout/count-crossings", test_count_crossings_known);
  g_test_add_func ("/Canvas/layout/random-properties", test_random_properties);
  g_test_add_func ("/Canvas/layout/deterministic", test_deterministic);
  g_test_add_func ("/Canvas/layout/thread", test_thread);
  g_test_add_func ("/Canvas/layout/large", test_large_fast_enough_to_test);

  return g_test_run ();
}
