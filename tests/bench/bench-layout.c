/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-layout"

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pw-dag-layout.h"

/*
 * The canvas's auto-layout against graphviz `dot` on the same graphs.
 *
 * Graphs: layered DAGs of 100 tasks per layer, 10 layers (1,000 tasks) and
 * 100 layers (10,000), each task after 3 distinct tasks of the layer
 * before, chosen with a fixed seed: 2,700 and 29,700 edges.
 *
 * - ours: pw_dag_layout_run() (ranks, 8 sweeps at most with early stop,
 *   transposition, Brandes–Köpf), the median of several runs;
 * - the peer: `dot -Tplain` on a .dot file of the same graph with the same
 *   box sizes and gaps, left to right, one run (stopped after 120 s);
 * - crossings of both drawings counted by the same counter,
 *   pw_dag_count_crossings(): ranks from the drawing's columns, order
 *   from the coordinate across them.
 *
 * Aims: 10,000 tasks in under a second; crossings at most 1.2 × dot's.
 */

#define PER_LAYER 100
#define N_UPSTREAM 3
#define DOT_LIMIT_S 120
#define DPI 72.0

typedef struct
{
  guint  n;
  GArray *from;
  GArray *to;
} Graph;

static Graph
make_graph (guint layers)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  Graph g = { layers * PER_LAYER, g_array_new (FALSE, FALSE, sizeof (guint)),
              g_array_new (FALSE, FALSE, sizeof (guint)) };

  for (guint l = 1; l < layers; l++)
    for (guint i = 0; i < PER_LAYER; i++)
      {
        guint picked[N_UPSTREAM];
        guint n_picked = 0;

        while (n_picked < N_UPSTREAM)
          {
            guint j = g_rand_int_range (rand, 0, PER_LAYER);
            gboolean seen = FALSE;

            for (guint k = 0; k < n_picked; k++)
              seen |= picked[k] == j;
            if (seen)
              continue;
            picked[n_picked++] = j;

            {
              guint a = (l - 1) * PER_LAYER + j, b = l * PER_LAYER + i;
              g_array_append_val (g.from, a);
              g_array_append_val (g.to, b);
            }
          }
      }

  return g;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static char *
write_dot (const Graph       *g,
           const char        *dir,
           const PwDagLayoutParams *params)
{
  g_autoptr(GString) text = g_string_new ("digraph G {\n  rankdir=LR;\n");
  char *path = g_strdup_printf ("%s/graph-%u.dot", dir, g->n);

  /* Sizes in inches, as dot wants them: the same boxes and gaps. */
  g_string_append_printf (text, "  nodesep=%.4f; ranksep=%.4f;\n",
                          params->node_gap / DPI, params->rank_gap / DPI);
  g_string_append_printf (text, "  node [shape=box, fixedsize=true, width=%.4f, height=%.4f, label=\"\"];\n",
                          params->node_width / DPI, params->node_height / DPI);
  for (guint v = 0; v < g->n; v++)
    g_string_append_printf (text, "  n%u;\n", v);
  for (guint e = 0; e < g->from->len; e++)
    g_string_append_printf (text, "  n%u -> n%u;\n",
                            g_array_index (g->from, guint, e), g_array_index (g->to, guint, e));
  g_string_append (text, "}\n");

  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}

typedef struct
{
  GMainLoop  *loop;
  GBytes     *out;
  GError     *error;
  gboolean    timed_out;
  GSubprocess *proc;
} DotRun;

static void
dot_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  DotRun *run = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &run->out, NULL, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
dot_timeout (gpointer user_data)
{
  DotRun *run = user_data;

  run->timed_out = TRUE;
  g_subprocess_force_exit (run->proc);
  return G_SOURCE_REMOVE;
}

/* Runs dot; returns its seconds, or -1 when it passed the limit, and the
 * crossings of its drawing in @crossings. */
static double
run_dot (const Graph *g,
         const char  *path,
         guint64     *crossings)
{
  DotRun run = { g_main_loop_new (NULL, FALSE), NULL, NULL, FALSE, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree double *x = g_new0 (double, g->n);
  g_autofree double *y = g_new0 (double, g->n);
  g_autofree guint *rank = g_new0 (guint, g->n);
  g_autofree double *xs = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 start;
  double seconds;
  guint timer, n_xs = 0;

  start = g_get_monotonic_time ();
  run.proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error, "dot", "-Tplain", path, NULL);
  g_assert_no_error (error);
  timer = g_timeout_add_seconds (DOT_LIMIT_S, dot_timeout, &run);
  g_subprocess_communicate_async (run.proc, NULL, NULL, dot_done, &run);
  g_main_loop_run (run.loop);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (!run.timed_out)
    g_source_remove (timer);
  g_main_loop_unref (run.loop);
  g_clear_object (&run.proc);

  if (run.timed_out)
    {
      g_clear_pointer (&run.out, g_bytes_unref);
      g_clear_error (&run.error);
      return -1;
    }
  g_assert_no_error (run.error);

  /* "node NAME X Y WIDTH HEIGHT ...": left to right, a rank is a column
   * of equal X. */
  lines = g_strsplit (g_bytes_get_data (run.out, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      guint v;

      if (!g_str_has_prefix (lines[i], "node "))
        continue;
      f = g_strsplit (lines[i], " ", 6);
      v = (guint) g_ascii_strtoull (f[1] + 1, NULL, 10);
      x[v] = g_ascii_strtod (f[2], NULL);
      y[v] = g_ascii_strtod (f[3], NULL);
    }
  g_bytes_unref (run.out);

  xs = g_memdup2 (x, sizeof (double) * g->n);
  qsort (xs, g->n, sizeof (double), compare_double);
  for (guint i = 0; i < g->n; i++)
    if (n_xs == 0 || xs[i] > xs[n_xs - 1] + 1e-6)
      xs[n_xs++] = xs[i];
  for (guint v = 0; v < g->n; v++)
    for (guint r = 0; r < n_xs; r++)
      if (x[v] <= xs[r] + 1e-6)
        {
          rank[v] = r;
          break;
        }

  *crossings = pw_dag_count_crossings (g->n, g->from->len, (guint *) g->from->data,
                                       (guint *) g->to->data, rank, y);
  return seconds;
}

static void
bench (guint       layers,
       guint       runs,
       const char *dir)
{
  Graph g = make_graph (layers);
  PwDagLayoutParams params;
  g_autofree double *times = g_new (double, runs);
  g_autofree char *path = NULL;
  g_autoptr(PwDagLayout) layout = NULL;
  guint64 ours, dots = 0;
  double dot_s;

  pw_dag_layout_params_init (&params);
  params.n_nodes = g.n;
  params.n_edges = g.from->len;
  params.edge_from = (guint *) g.from->data;
  params.edge_to = (guint *) g.to->data;

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&layout, pw_dag_layout_free);
      layout = pw_dag_layout_run (&params);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, runs, sizeof (double), compare_double);

  /* Count ours with the same counter as dot's: ranks and y of the drawing. */
  ours = pw_dag_count_crossings (g.n, g.from->len, (guint *) g.from->data, (guint *) g.to->data,
                                 layout->rank, layout->y);
  g_assert_cmpuint (ours, ==, layout->crossings);

  path = write_dot (&g, dir, &params);
  dot_s = run_dot (&g, path, &dots);

  g_print ("%6u tasks %6u edges | ours %8.1f ms  %9" G_GUINT64_FORMAT " crossings "
           "(first order %9" G_GUINT64_FORMAT ", %u sweeps, %u ranks, height %.0f) | ",
           g.n, g.from->len, times[runs / 2], ours, layout->initial_crossings, layout->sweeps,
           layout->n_ranks, layout->height);
  if (dot_s < 0)
    g_print ("dot > %d s            | crossings ratio n/a\n", DOT_LIMIT_S);
  else
    g_print ("dot %8.2f s %9" G_GUINT64_FORMAT " crossings | dot/ours time %.0fx, crossings ratio %.2f\n",
             dot_s, dots, dot_s * 1000 / times[runs / 2], (double) ours / MAX (dots, 1));

  g_array_unref (g.from);
  g_array_unref (g.to);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dot = g_find_program_in_path ("dot");
  struct rusage usage;

  if (dot == NULL)
    {
      g_print ("graphviz `dot` is not installed (apt-get install graphviz); skipping\n");
      return 77;
    }

  dir = g_dir_make_tmp ("bench-layout-XXXXXX", &error);
  g_assert_no_error (error);

  g_print ("Layered layout, left to right, vs graphviz dot -Tplain (same boxes and gaps)\n");
  bench (10, 9, dir);
  bench (100, 5, dir);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak RSS %.1f MB (this process; dot runs in its own)\n", usage.ru_maxrss / 1024.0);
  g_print (".dot files in %s\n", dir);

  return 0;
}
