/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-radar-layout.h"
#include "radar-test-common.h"

/* The radar's layout without a display: on Prefect's own graphs and on
 * made-up ones. */

static const char * const fixtures[] = {
  "flow_run_graph.json",
  "flow_run_graph_engine.json",
};

/* The longest upstream chain back to the root, by a memoised walk up
 * (independent of the layout's topological sort). */
static guint
longest_memo (PwRadarLayout *layout,
              guint          i,
              int           *memo)
{
  guint best = 0;

  if (i == 0)
    return 0;
  if (memo[i] >= 0)
    return memo[i];
  for (guint k = 0; k < layout->nodes[i].n_up; k++)
    best = MAX (best, longest_memo (layout, layout->nodes[i].up[k], memo) + 1);
  memo[i] = best;
  return best;
}

static guint
longest (PwRadarLayout *layout,
         guint          i)
{
  static int *memo = NULL;
  static PwRadarLayout *memo_for = NULL;
  static guint memo_generation = 0;

  if (memo_for != layout || memo_generation != layout->generation)
    {
      g_free (memo);
      memo = g_new (int, layout->n_nodes);
      for (guint k = 0; k < layout->n_nodes; k++)
        memo[k] = -1;
      memo_for = layout;
      memo_generation = layout->generation;
    }
  return longest_memo (layout, i, memo);
}

static double
angle_distance (double a,
                double b)
{
  double d = fmod (fabs (a - b), 2 * G_PI);

  return MIN (d, 2 * G_PI - d);
}

static void
assert_properties (PwRadarLayout *layout)
{
  g_autoptr(GHashTable) slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (layout->nodes[0].ring, ==, 0);
  g_assert_cmpfloat (layout->nodes[0].x, ==, 0);
  g_assert_cmpfloat (layout->nodes[0].y, ==, 0);
  g_assert_cmpuint (layout->n_rings, >=, PW_RADAR_MIN_RINGS);

  for (guint i = 1; i < layout->n_nodes; i++)
    {
      PwRadarNode *node = &layout->nodes[i];
      g_autofree char *key = g_strdup_printf ("%u/%u", node->ring, node->slot);

      /* Ring = longest upstream path; no upstream means ring 1. */
      g_assert_cmpuint (node->ring, ==, longest (layout, i));
      if (node->n_up == 1 && node->up[0] == 0)
        g_assert_cmpuint (node->ring, ==, 1);
      g_assert_cmpfloat_with_epsilon (hypot (node->x, node->y), layout->rings[node->ring].radius, 1e-6);

      /* One node per slot, unless overflowed. */
      if (!node->overflow)
        {
          g_assert_false (g_hash_table_contains (slots, key));
          g_hash_table_add (slots, g_steal_pointer (&key));
        }
    }

  for (guint e = 0; e < layout->n_edges; e++)
    {
      PwRadarEdge *edge = &layout->edges[e];
      PwRadarNode *s = &layout->nodes[edge->source];
      PwRadarNode *t = &layout->nodes[edge->target];
      double x, y, px, py;

      /* Outward, and a connected path of radial lines and arcs from the
       * source to the target. */
      g_assert_cmpuint (t->ring, >, s->ring);
      g_assert_cmpfloat (edge->width, >=, 1);
      g_assert_cmpfloat (edge->width, <=, 4);
      pw_radar_segment_point (&edge->segments[0], FALSE, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, s->x, 1e-6);
      g_assert_cmpfloat_with_epsilon (y, s->y, 1e-6);
      for (guint k = 0; k < edge->n_segments; k++)
        {
          PwRadarSegment *seg = &edge->segments[k];

          if (seg->kind == PW_RADAR_SEGMENT_LINE)
            g_assert_cmpfloat_with_epsilon (cos (seg->angle0 - seg->angle1), 1, 1e-9);
          else
            g_assert_cmpfloat (seg->radius0, ==, seg->radius1);
          if (k > 0)
            {
              pw_radar_segment_point (seg, FALSE, &x, &y);
              g_assert_cmpfloat_with_epsilon (x, px, 1e-6);
              g_assert_cmpfloat_with_epsilon (y, py, 1e-6);
            }
          pw_radar_segment_point (seg, TRUE, &px, &py);
        }
      g_assert_cmpfloat_with_epsilon (px, t->x, 1e-6);
      g_assert_cmpfloat_with_epsilon (py, t->y, 1e-6);

      /* A long edge runs down the channel at south. */
      if (t->ring > s->ring + 1)
        g_assert_cmpfloat_with_epsilon (angle_distance (edge->segments[2].angle0, G_PI / 2), 0, 1e-9);
    }
}

/* Every slot nearer to the mean angle of a node's upstreams than its own is
 * taken by a node placed before it on the same ring: it took the nearest
 * free slot. */
static void
assert_near_upstreams (PwRadarLayout *layout)
{
  for (guint i = 1; i < layout->n_nodes; i++)
    {
      PwRadarNode *node = &layout->nodes[i];
      PwRadarRing *ring = &layout->rings[node->ring];
      double sx = 0, sy = 0, mean, mine;

      if (node->ring < 2 || node->overflow || node->hidden)
        continue;
      for (guint k = 0; k < node->n_up; k++)
        {
          sx += cos (layout->nodes[node->up[k]].angle);
          sy += sin (layout->nodes[node->up[k]].angle);
        }
      if (hypot (sx, sy) < 1e-9)
        continue;
      mean = atan2 (sy, sx);
      mine = angle_distance (node->angle, mean);

      for (guint s = 0; s < ring->n_slots; s++)
        {
          gboolean taken_before = FALSE;

          if (angle_distance (ring->angles[s], mean) >= mine - 1e-9)
            continue;
          for (guint j = 1; j < i; j++)
            if (!layout->nodes[j].hidden && layout->nodes[j].ring == node->ring && layout->nodes[j].slot == s)
              taken_before = TRUE;
          g_assert_true (taken_before);
        }
    }
}

static void
assert_same (PwRadarLayout *a,
             PwRadarLayout *b)
{
  g_assert_cmpuint (a->n_nodes, ==, b->n_nodes);
  g_assert_cmpuint (a->n_edges, ==, b->n_edges);
  for (guint i = 0; i < a->n_nodes; i++)
    {
      g_assert_cmpstr (a->nodes[i].id, ==, b->nodes[i].id);
      g_assert_cmpuint (a->nodes[i].ring, ==, b->nodes[i].ring);
      g_assert_cmpuint (a->nodes[i].slot, ==, b->nodes[i].slot);
      g_assert_cmpfloat (a->nodes[i].x, ==, b->nodes[i].x);
      g_assert_cmpfloat (a->nodes[i].y, ==, b->nodes[i].y);
    }
  g_assert_cmpmem (a->edges, a->n_edges * sizeof (PwRadarEdge), b->edges, b->n_edges * sizeof (PwRadarEdge));
}

static void
test_fixture (gconstpointer data)
{
  const char *name = data;
  g_autoptr(PwRadarLayout) layout = radar_load_fixture (name);
  g_autoptr(PwRadarLayout) again = radar_load_fixture (name);
  guint n_edges = 0;

  g_test_message ("%s: %u nodes, %u edges, %u rings", name, layout->n_nodes, layout->n_edges, layout->n_rings);
  g_assert_cmpuint (layout->n_nodes, >=, 5);
  assert_properties (layout);
  assert_near_upstreams (layout);
  assert_same (layout, again);

  /* Every upstream link of the graph is an edge (plus root → sources). */
  for (guint i = 1; i < layout->n_nodes; i++)
    n_edges += layout->nodes[i].n_up;
  g_assert_cmpuint (layout->n_edges, ==, n_edges);
  g_assert_cmpuint (layout->nodes[0].n_down, >, 0);
}

static void
test_fixture_rings (void)
{
  g_autoptr(PwRadarLayout) layout = radar_load_fixture ("flow_run_graph.json");
  int extract = -1;

  /* The fixture's task with no upstream sits on ring 1; validate-0 waits
   * for it and sits on ring 2; transform-0 waits for both: ring 3. */
  for (guint i = 1; i < layout->n_nodes; i++)
    if (layout->nodes[i].n_up == 1 && layout->nodes[i].up[0] == 0)
      extract = i;
  g_assert_cmpint (extract, >, 0);
  g_assert_cmpuint (layout->nodes[extract].ring, ==, 1);
  g_assert_cmpuint (layout->nodes[pw_radar_layout_lookup (layout, "cd85cad5-668e-448b-899b-aaaae0b8ef26")].ring, ==, 2);
  g_assert_cmpuint (layout->nodes[pw_radar_layout_lookup (layout, "b044788c-a47d-4e13-a9fe-3b0e50781903")].ring, ==, 3);
}

static void
test_layered (void)
{
  g_autoptr(PwRadarLayout) layout = radar_layered (400, 12, 3, 7);
  g_autoptr(PwRadarLayout) again = radar_layered (400, 12, 3, 7);

  assert_properties (layout);
  assert_near_upstreams (layout);
  assert_same (layout, again);
  g_assert_cmpuint (layout->n_rings, >=, 400 / 12);
}

static void
test_overflow (void)
{
  g_autoptr(PwRadarLayout) layout = radar_layered (60, 60, 0, 1);
  g_autoptr(GError) error = NULL;
  PwRadarRing *ring = &layout->rings[1];
  double r2 = layout->rings[2].radius;
  guint shared = 0;
  PwRadarHit hit;
  double cx, cy;

  /* 60 tasks without upstreams do not fit on ring 1. */
  g_assert_cmpuint (ring->n_nodes, ==, 60);
  g_assert_cmpuint (ring->n_slots, <, 60);
  g_assert_cmpuint (ring->overflow, ==, 60 - ring->n_slots);
  for (guint i = 1; i < layout->n_nodes; i++)
    if (layout->nodes[i].overflow)
      {
        shared++;
        g_assert_cmpuint (layout->nodes[i].slot, ==, ring->n_slots - 1);
      }
  g_assert_cmpuint (shared, ==, ring->overflow + 1);
  assert_properties (layout);

  /* Its “+N” is hit-tested. */
  g_assert_true (pw_radar_ring_overflow_badge (layout, 1, &cx, &cy));
  hit = pw_radar_layout_hit (layout, cx, cy);
  g_assert_cmpint (hit.kind, ==, PW_RADAR_HIT_OVERFLOW);
  g_assert_cmpuint (hit.index, ==, 1);
  g_assert_false (pw_radar_ring_overflow_badge (layout, 2, &cx, &cy));

  /* Expanded, the ring grows until each node has a slot, and the rings
   * outside move out by as much. */
  pw_radar_layout_set_ring_expanded (layout, 1, TRUE);
  g_assert_true (pw_radar_layout_compute (layout, &error));
  g_assert_no_error (error);
  ring = &layout->rings[1];
  g_assert_true (ring->expanded);
  g_assert_cmpuint (ring->overflow, ==, 0);
  g_assert_cmpuint (ring->n_slots, >=, 60);
  g_assert_cmpfloat (ring->radius, >, PW_RADAR_RING_GAP);
  g_assert_cmpfloat_with_epsilon (layout->rings[2].radius - r2, ring->radius - PW_RADAR_RING_GAP, 1e-6);
  assert_properties (layout);
}

static void
test_collapse (void)
{
  g_autoptr(PwRadarLayout) layout = pw_radar_layout_new ("run", "run", PW_STATE_TYPE_RUNNING);
  g_autoptr(GError) error = NULL;
  const char *none[] = { NULL };
  const char *a[] = { "a", NULL };
  const char *b[] = { "b", NULL };
  const char *bc[] = { "b", "c", NULL };
  const char *x[] = { "x", NULL };
  guint n_visible_edges = 0;
  double cx, cy;
  PwRadarHit hit;
  int ib;

  /* a → b → d, a → c → d, b → e; x → y alongside. */
  pw_radar_layout_add_node (layout, "a", "a", PW_STATE_TYPE_COMPLETED, NULL, none, &error);
  pw_radar_layout_add_node (layout, "b", "b", PW_STATE_TYPE_COMPLETED, NULL, a, &error);
  pw_radar_layout_add_node (layout, "c", "c", PW_STATE_TYPE_FAILED, NULL, a, &error);
  pw_radar_layout_add_node (layout, "d", "d", PW_STATE_TYPE_PENDING, NULL, bc, &error);
  pw_radar_layout_add_node (layout, "e", "e", PW_STATE_TYPE_RUNNING, NULL, b, &error);
  pw_radar_layout_add_node (layout, "x", "x", PW_STATE_TYPE_COMPLETED, NULL, NULL, &error);
  pw_radar_layout_add_node (layout, "y", "y", PW_STATE_TYPE_COMPLETED, NULL, x, &error);
  g_assert_no_error (error);

  g_assert_true (pw_radar_layout_compute (layout, &error));
  g_assert_cmpuint (layout->n_edges, ==, 8);

  /* The collapse badge sits outside the card and is hit-tested. */
  ib = pw_radar_layout_lookup (layout, "b");
  g_assert_true (pw_radar_node_collapse_badge (layout, ib, &cx, &cy));
  g_assert_cmpfloat (hypot (cx, cy), >, layout->nodes[ib].radius);
  hit = pw_radar_layout_hit (layout, cx, cy);
  g_assert_cmpint (hit.kind, ==, PW_RADAR_HIT_COLLAPSE);
  g_assert_cmpint (hit.index, ==, ib);
  g_assert_false (pw_radar_node_collapse_badge (layout, pw_radar_layout_lookup (layout, "e"), &cx, &cy));
  hit = pw_radar_layout_hit (layout, layout->nodes[ib].x, layout->nodes[ib].y);
  g_assert_cmpint (hit.kind, ==, PW_RADAR_HIT_NODE);
  g_assert_cmpint (hit.index, ==, ib);
  hit = pw_radar_layout_hit (layout, 5 * layout->extent, 0);
  g_assert_cmpint (hit.kind, ==, PW_RADAR_HIT_NONE);

  /* Collapsing b hides everything downstream of it (d and e, as the
   * original's walk did, though d also waits for c) and counts it. */
  pw_radar_layout_set_collapsed (layout, "b", TRUE);
  g_assert_true (pw_radar_layout_get_collapsed (layout, "b"));
  g_assert_true (pw_radar_layout_compute (layout, &error));
  g_assert_true (layout->nodes[ib].collapsed);
  g_assert_cmpuint (layout->nodes[ib].hidden_count, ==, 2);
  g_assert_true (layout->nodes[pw_radar_layout_lookup (layout, "d")].hidden);
  g_assert_true (layout->nodes[pw_radar_layout_lookup (layout, "e")].hidden);
  g_assert_false (layout->nodes[pw_radar_layout_lookup (layout, "c")].hidden);
  g_assert_false (layout->nodes[pw_radar_layout_lookup (layout, "y")].hidden);
  for (guint e = 0; e < layout->n_edges; e++)
    {
      g_assert_false (layout->nodes[layout->edges[e].source].hidden);
      g_assert_false (layout->nodes[layout->edges[e].target].hidden);
      n_visible_edges++;
    }
  g_assert_cmpuint (n_visible_edges, ==, 5);
  /* Ring 3 held only hidden nodes: nothing on it now. */
  g_assert_cmpuint (layout->rings[3].n_nodes, ==, 0);
  assert_properties (layout);

  /* Collapsing the root hides every task; expanding shows them again. */
  pw_radar_layout_set_collapsed (layout, "run", TRUE);
  g_assert_true (pw_radar_layout_compute (layout, &error));
  g_assert_cmpuint (layout->nodes[0].hidden_count, ==, 7);
  g_assert_cmpuint (layout->n_edges, ==, 0);

  pw_radar_layout_set_collapsed (layout, "run", FALSE);
  pw_radar_layout_set_collapsed (layout, "b", FALSE);
  g_assert_true (pw_radar_layout_compute (layout, &error));
  g_assert_cmpuint (layout->n_edges, ==, 8);
  for (guint i = 0; i < layout->n_nodes; i++)
    g_assert_false (layout->nodes[i].hidden);
}

static void
test_subflow_and_unknown (void)
{
  g_autoptr(PwRadarLayout) layout = pw_radar_layout_new ("run", "run", PW_STATE_TYPE_RUNNING);
  g_autoptr(GError) error = NULL;
  const char *ghost[] = { "not-in-the-graph", NULL };
  const char *s[] = { "s", NULL };
  int is;
  double cx, cy;
  PwRadarHit hit;

  pw_radar_layout_add_node (layout, "s", "sub", PW_STATE_TYPE_RUNNING, "child-run", NULL, &error);
  pw_radar_layout_add_node (layout, "u", "u", PW_STATE_TYPE_COMPLETED, NULL, ghost, &error);
  pw_radar_layout_add_node (layout, "c1", "c1", PW_STATE_TYPE_COMPLETED, NULL, s, &error);
  g_assert_no_error (error);
  g_assert_true (pw_radar_layout_compute (layout, &error));

  /* An upstream that is not in the graph is left out: ring 1. */
  g_assert_cmpuint (layout->nodes[pw_radar_layout_lookup (layout, "u")].ring, ==, 1);
  is = pw_radar_layout_lookup (layout, "s");
  g_assert_cmpint (layout->nodes[is].kind, ==, PW_RADAR_NODE_SUBFLOW);
  g_assert_cmpstr (layout->nodes[is].child_flow_run_id, ==, "child-run");
  g_assert_cmpuint (layout->nodes[pw_radar_layout_lookup (layout, "c1")].ring, ==, 2);

  pw_radar_node_subflow_toggle (layout, is, &cx, &cy);
  hit = pw_radar_layout_hit (layout, cx, cy);
  g_assert_cmpint (hit.kind, ==, PW_RADAR_HIT_SUBFLOW);
  g_assert_cmpint (hit.index, ==, is);
  g_assert_cmpint (pw_radar_layout_lookup (layout, "nope"), ==, -1);
  g_assert_cmpint (pw_radar_layout_lookup (layout, NULL), ==, -1);
}

static void
test_cycle (void)
{
  g_autoptr(PwRadarLayout) layout = pw_radar_layout_new ("run", "run", PW_STATE_TYPE_RUNNING);
  g_autoptr(GError) error = NULL;
  const char *ok[] = { NULL };
  const char *a[] = { "c", NULL };
  const char *b[] = { "a", NULL };
  const char *c[] = { "b", "free", NULL };

  pw_radar_layout_add_node (layout, "free", "free", PW_STATE_TYPE_COMPLETED, NULL, ok, &error);
  pw_radar_layout_add_node (layout, "a", "extract", PW_STATE_TYPE_COMPLETED, NULL, a, &error);
  pw_radar_layout_add_node (layout, "b", "transform", PW_STATE_TYPE_COMPLETED, NULL, b, &error);
  pw_radar_layout_add_node (layout, "c", "load", PW_STATE_TYPE_COMPLETED, NULL, c, &error);
  g_assert_no_error (error);

  /* Reported, not looped on; the message names the cycle's tasks. */
  g_assert_false (pw_radar_layout_compute (layout, &error));
  g_assert_error (error, PW_RADAR_LAYOUT_ERROR, PW_RADAR_LAYOUT_ERROR_CYCLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“extract”"));
  g_assert_nonnull (strstr (error->message, "“transform”"));
  g_assert_nonnull (strstr (error->message, "“load”"));
  g_assert_null (strstr (error->message, "“free”"));
  g_assert_cmpuint (layout->n_rings, ==, 0);
  g_assert_cmpuint (layout->n_edges, ==, 0);
  g_clear_error (&error);

  /* A task waiting for itself is a cycle too. */
  {
    g_autoptr(PwRadarLayout) self_loop = pw_radar_layout_new ("run", "run", PW_STATE_TYPE_RUNNING);
    const char *me[] = { "me", NULL };

    pw_radar_layout_add_node (self_loop, "me", "me", PW_STATE_TYPE_COMPLETED, NULL, me, &error);
    g_assert_false (pw_radar_layout_compute (self_loop, &error));
    g_assert_error (error, PW_RADAR_LAYOUT_ERROR, PW_RADAR_LAYOUT_ERROR_CYCLE);
  }
}

static void
test_duplicate (void)
{
  g_autoptr(PwRadarLayout) layout = pw_radar_layout_new ("run", "run", PW_STATE_TYPE_RUNNING);
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_radar_layout_add_node (layout, "a", "a", PW_STATE_TYPE_COMPLETED, NULL, NULL, &error));
  g_assert_false (pw_radar_layout_add_node (layout, "a", "again", PW_STATE_TYPE_COMPLETED, NULL, NULL, &error));
  g_assert_error (error, PW_RADAR_LAYOUT_ERROR, PW_RADAR_LAYOUT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (pw_radar_layout_add_node (layout, "run", "root", PW_STATE_TYPE_COMPLETED, NULL, NULL, &error));
  g_assert_error (error, PW_RADAR_LAYOUT_ERROR, PW_RADAR_LAYOUT_ERROR_DUPLICATE);
  g_assert_cmpuint (layout->n_nodes, ==, 2);
}

static void
test_empty (void)
{
  g_autoptr(PwRadarLayout) layout = pw_radar_layout_new ("run", "run", PW_STATE_TYPE_SCHEDULED);
  g_autoptr(GError) error = NULL;

  /* Only the run: five empty rings drawn around it, as Prefect did. */
  g_assert_true (pw_radar_layout_compute (layout, &error));
  g_assert_cmpuint (layout->n_rings, ==, PW_RADAR_MIN_RINGS);
  g_assert_cmpuint (layout->n_edges, ==, 0);
  g_assert_cmpfloat (layout->extent, >, 4 * PW_RADAR_RING_GAP);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Radar/layout/fixture/%s", fixtures[i]);

      g_test_add_data_func (path, fixtures[i], test_fixture);
    }
  g_test_add_func ("/Radar/layout/fixture-rings", test_fixture_rings);
  g_test_add_func ("/Radar/layout/layered", test_layered);
  g_test_add_func ("/Radar/layout/overflow", test_overflow);
  g_test_add_func ("/Radar/layout/collapse", test_collapse);
  g_test_add_func ("/Radar/layout/subflow-and-unknown", test_subflow_and_unknown);
  g_test_add_func ("/Radar/layout/cycle", test_cycle);
  g_test_add_func ("/Radar/layout/duplicate", test_duplicate);
  g_test_add_func ("/Radar/layout/empty", test_empty);

  return g_test_run ();
}
