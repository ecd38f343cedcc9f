/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-canvas-render"

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <adwaita.h>
#include <pango/pangocairo.h>

#include "pw-dag-canvas-private.h"
#include "pw-dag-layout.h"

/*
 * Rendering a 10,000-task flow (100 columns of 100, three upstream tasks
 * each: 29,700 edges) in a 1280 × 800 canvas, offscreen: the canvas's
 * snapshot (what GTK calls for a frame) and GSK's cairo renderer turning
 * the render nodes into pixels (gsk_renderer_render_texture()), timed
 * apart, the median of several frames:
 *
 *  - full redraw: every cached layer dropped first; the frame alone (what
 *    the canvas leaves for an idle after it, the static layer's margin
 *    and the minimap, is not in it);
 *  - hover change, selection change, pan step (10 px): the frames of
 *    moving the pointer, clicking, dragging the view, which reuse the
 *    cached static layer;
 *
 * at fit zoom (the whole flow in view, about 4 % here) and at 100 %. Then
 * hit-testing (random points in view), building the scene and its hit
 * index, and the peak RSS with the flow open.
 *
 * The peer, measured in the same run: a naive full redraw, every task a
 * card with its name and every edge an antialiased Bézier stroked with
 * cairo, which is what a canvas without culling, caching and levels of
 * detail would draw in each frame. (`--no-peer` leaves it out.)
 *
 * Aims: interactive frames under 16 ms at any zoom; a full redraw under
 * 100 ms at fit and under 8 ms at 100 %.
 *
 * Run under a display; without one it runs itself again under xvfb-run.
 * GSK_RENDERER=cairo, as in the UI tests.
 *
 * `--profile=full-100` (or full-fit, or full-100:N for N frames) makes
 * only full redraws at that zoom, FRAMES of them, in
 * bench_profile_frames(): for `perf record` or
 * `valgrind --tool=callgrind --toggle-collect=bench_profile_frames`.
 * `--profile=full-100+idle` counts with each full redraw what the canvas
 * leaves for after it and the next frame.
 */

#define WIDTH 1280
#define HEIGHT 800
#define FRAMES 15

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* What is waiting in the main loop: idles left after a frame. */
static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static PwFlow *
make_flow (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  PwFlow *flow = pw_flow_new ("bench-render-10k");
  g_autoptr(GArray) from = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) to = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PwDagLayout) layout = NULL;
  PwDagLayoutParams params;
  GListModel *model = pw_flow_get_tasks (flow);
  static const char * const argv[] = { "transform", "--threads", "4", NULL };

  for (guint l = 0; l < 100; l++)
    for (guint i = 0; i < 100; i++)
      {
        g_autofree char *key = g_strdup_printf ("t%03u-%03u", l, i);
        g_autofree char *name = g_strdup_printf ("Step %u of layer %u", i, l);
        guint kind = g_rand_int_range (rand, 0, 10);
        g_autoptr(PwTask) task = pw_task_new (key, kind < 6 ? PW_TASK_KIND_COMMAND
                                                   : kind < 9 ? PW_TASK_KIND_SHELL
                                                   : PW_TASK_KIND_NOOP);
        guint ups = 0, picked[3];

        pw_task_set_name (task, name);
        pw_task_set_command (task, argv);
        pw_task_set_script (task, "transform --threads 4");
        while (l > 0 && ups < 3)
          {
            guint j = g_rand_int_range (rand, 0, 100);
            gboolean seen = FALSE;
            g_autofree char *up = NULL;

            for (guint k = 0; k < ups; k++)
              seen |= picked[k] == j;
            if (seen)
              continue;
            picked[ups++] = j;
            up = g_strdup_printf ("t%03u-%03u", l - 1, j);
            pw_task_add_upstream (task, up);
            {
              guint a = (l - 1) * 100 + j, b = l * 100 + i;
              g_array_append_val (from, a);
              g_array_append_val (to, b);
            }
          }
        pw_flow_add_task (flow, task);
      }

  pw_dag_layout_params_init (&params);
  params.n_nodes = 10000;
  params.n_edges = from->len;
  params.edge_from = (guint *) from->data;
  params.edge_to = (guint *) to->data;
  layout = pw_dag_layout_run (&params);
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(PwTask) task = g_list_model_get_item (model, i);

      pw_task_set_position (task, layout->x[i], layout->y[i]);
    }

  return flow;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  double snapshot;
  double render;
} Frame;

typedef void (*Prepare) (PwDagCanvas *canvas,
                         guint        round);

/* One frame as GTK would make it: the canvas's snapshot, then the
 * renderer. */
static Frame
frame (PwDagCanvas *canvas,
       GskRenderer *renderer)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 t0, t1, t2;

  t0 = g_get_monotonic_time ();
  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  t1 = g_get_monotonic_time ();
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  t2 = g_get_monotonic_time ();

  return (Frame) { (t1 - t0) / 1000.0, (t2 - t1) / 1000.0 };
}

static Frame
measure (PwDagCanvas *canvas,
         GskRenderer *renderer,
         Prepare      prepare)
{
  double snap[FRAMES], render[FRAMES];

  for (guint r = 0; r < FRAMES; r++)
    {
      Frame f;

      prepare (canvas, r);
      f = frame (canvas, renderer);
      snap[r] = f.snapshot;
      render[r] = f.render;
    }

  qsort (snap, FRAMES, sizeof (double), compare_double);
  qsort (render, FRAMES, sizeof (double), compare_double);
  return (Frame) { snap[FRAMES / 2], render[FRAMES / 2] };
}

static void
prepare_full (PwDagCanvas *canvas,
              guint        round)
{
  _pw_dag_canvas_invalidate_layers (canvas);
}

/* A node in view, different each round. */
static guint
node_in_view (PwDagCanvas *canvas,
              guint        round)
{
  PwDagRect visible = pw_dag_view_visible_rect (&canvas->view, WIDTH, HEIGHT);
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));

  pw_dag_hit_index_nodes_in_rect (pw_dag_scene_get_hit_index (canvas->scene), &visible, nodes);
  g_assert (nodes->len > 0);
  return g_array_index (nodes, guint, (round * 7919) % nodes->len);
}

static void
prepare_hover (PwDagCanvas *canvas,
               guint        round)
{
  /* Make sure the cached layers exist, as they would after the first
   * frame, then move the hover. */
  canvas->hover = (PwDagHit) { PW_DAG_HIT_NODE, node_in_view (canvas, round) };
}

static void
prepare_selection (PwDagCanvas *canvas,
                   guint        round)
{
  guint node = node_in_view (canvas, round + 1);

  pw_dag_canvas_select_task (canvas, pw_task_get_key (canvas->scene->tasks[node]), FALSE);
}

static void
prepare_pan (PwDagCanvas *canvas,
             guint        round)
{
  PwDagView view = canvas->view;

  /* Back and forth, so that the view stays where it was measured. */
  view.x += (round % 2 == 0 ? 10 : -10) / view.scale;
  _pw_dag_canvas_set_view (canvas, &view, FALSE);
}

static void
report (const char *what,
        Frame       f)
{
  g_print ("  %-18s snapshot %7.2f ms + render %7.2f ms = %7.2f ms\n", what, f.snapshot, f.render,
           f.snapshot + f.render);
}

static double
bench_zoom (PwDagCanvas *canvas,
            GskRenderer *renderer,
            const char  *title)
{
  Frame full, hover, selection, pan;

  /* Warm up: the first frame builds the scene, the hit index, the layers;
   * then what the canvas leaves for after a frame (the static layer's
   * margin, the minimap) runs, as it would between frames in the app. */
  frame (canvas, renderer);
  run_pending ();

  full = measure (canvas, renderer, prepare_full);
  frame (canvas, renderer);
  run_pending ();
  hover = measure (canvas, renderer, prepare_hover);
  selection = measure (canvas, renderer, prepare_selection);
  pan = measure (canvas, renderer, prepare_pan);

  g_print ("%s (zoom %.3f, level of detail %s)\n", title, canvas->view.scale,
           pw_dag_lod_for_scale (canvas->view.scale) == PW_DAG_LOD_FULL ? "full"
           : pw_dag_lod_for_scale (canvas->view.scale) == PW_DAG_LOD_BOXES ? "boxes" : "dots");
  report ("full redraw", full);
  report ("hover change", hover);
  report ("selection change", selection);
  report ("pan step", pan);

  return MAX (MAX (hover.snapshot + hover.render, selection.snapshot + selection.render),
              pan.snapshot + pan.render);
}

/* The peer: what a canvas without culling, caching or levels of detail
 * draws in every frame, the straightforward way with cairo: every task a
 * card with its name, every edge an antialiased Bézier stroked on its own,
 * the whole flow in view. */
static double
naive_redraw (PwDagScene *scene)
{
  PwDagRect bounds = pw_dag_scene_get_bounds (scene);
  double scale = MIN (WIDTH / bounds.width, HEIGHT / bounds.height);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  gint64 start;
  double ms;

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -bounds.x, -bounds.y);

  start = g_get_monotonic_time ();
  cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);

  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.36);
  for (guint e = 0; e < scene->n_edges; e++)
    {
      guint a = scene->edge_from[e], b = scene->edge_to[e];
      PwDagBezier c = pw_dag_edge_bezier (pw_dag_node_output_port (scene->x[a], scene->y[a]),
                                          pw_dag_node_input_port (scene->x[b], scene->y[b]));

      cairo_move_to (cr, c.p0.x, c.p0.y);
      cairo_curve_to (cr, c.p1.x, c.p1.y, c.p2.x, c.p2.y, c.p3.x, c.p3.y);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < scene->n_nodes; i++)
    {
      cairo_rectangle (cr, scene->x[i], scene->y[i], PW_DAG_NODE_WIDTH, PW_DAG_NODE_HEIGHT);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
      cairo_stroke (cr);
      pango_layout_set_text (layout, pw_task_get_display_name (scene->tasks[i]), -1);
      cairo_move_to (cr, scene->x[i] + 46, scene->y[i] + 10);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_surface_flush (surface);
  ms = (g_get_monotonic_time () - start) / 1000.0;

  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ms;
}

/* Not static and not inlined, so that a profiler can be told to count
 * only what it calls. */
G_GNUC_NO_INLINE void bench_profile_frames (PwDagCanvas *canvas,
                                            GskRenderer *renderer,
                                            guint        n,
                                            gboolean     with_idle);

G_GNUC_NO_INLINE void
bench_profile_frames (PwDagCanvas *canvas,
                      GskRenderer *renderer,
                      guint        n,
                      gboolean     with_idle)
{
  for (guint r = 0; r < n; r++)
    {
      _pw_dag_canvas_invalidate_layers (canvas);
      frame (canvas, renderer);
      if (with_idle)
        {
          /* What the canvas left for after the frame, and the frame
           * after it (which repaints the minimap). */
          run_pending ();
          frame (canvas, renderer);
        }
    }
}

static void
bench_hits (PwDagCanvas *canvas)
{
  PwDagScene *scene = canvas->scene;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  PwDagRect visible;
  PwDagHitIndex *index;
  g_autoptr(PwDagHitIndex) fresh = NULL;
  guint kinds[5] = { 0 };
  const guint n = 200000;
  gint64 start;
  double build_ms, scene_ms, hit_us;

  start = g_get_monotonic_time ();
  {
    g_autoptr(PwDagScene) again = pw_dag_scene_new (canvas->flow);
    scene_ms = (g_get_monotonic_time () - start) / 1000.0;
  }

  start = g_get_monotonic_time ();
  fresh = pw_dag_hit_index_new (scene->x, scene->y, scene->n_nodes, scene->edge_from, scene->edge_to,
                                scene->n_edges);
  build_ms = (g_get_monotonic_time () - start) / 1000.0;

  pw_dag_canvas_set_zoom (canvas, 1.0);
  visible = pw_dag_view_visible_rect (&canvas->view, WIDTH, HEIGHT);
  index = pw_dag_scene_get_hit_index (scene);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      PwDagPoint p = { visible.x + g_rand_double (rand) * visible.width,
                       visible.y + g_rand_double (rand) * visible.height };
      kinds[pw_dag_hit_index_hit (index, p, 4 / canvas->view.scale).kind]++;
    }
  hit_us = (g_get_monotonic_time () - start) / (double) n;

  g_print ("Scene of the flow built in %.1f ms; hit index (grid) built in %.1f ms\n", scene_ms, build_ms);
  g_print ("Hit test at 100 %%: %.2f µs a point (%u points: %u nodes, %u ports, %u edges, %u empty)\n",
           hit_us, n, kinds[PW_DAG_HIT_NODE], kinds[PW_DAG_HIT_INPUT_PORT] + kinds[PW_DAG_HIT_OUTPUT_PORT],
           kinds[PW_DAG_HIT_EDGE], kinds[PW_DAG_HIT_NONE]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PwFlow) flow = NULL;
  GtkWidget *window;
  PwDagCanvas *canvas;
  GskRenderer *renderer;
  struct rusage usage;
  double worst_fit, worst_100, naive;
  const char *profile = NULL;
  guint profile_frames = FRAMES;
  gint64 start;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);

  if (!gtk_init_check ())
    {
      g_autofree char *xvfb = g_find_program_in_path ("xvfb-run");

      if (xvfb != NULL && g_getenv ("PW_BENCH_UNDER_XVFB") == NULL)
        {
          g_autoptr(GPtrArray) args = g_ptr_array_new ();

          g_setenv ("PW_BENCH_UNDER_XVFB", "1", TRUE);
          g_ptr_array_add (args, (char *) "xvfb-run");
          g_ptr_array_add (args, (char *) "-a");
          g_ptr_array_add (args, (char *) "-s");
          g_ptr_array_add (args, (char *) "-screen 0 1920x1080x24");
          for (int i = 0; i < argc; i++)
            g_ptr_array_add (args, argv[i]);
          g_ptr_array_add (args, NULL);
          execv (xvfb, (char **) args->pdata);
        }
      g_print ("No display and no xvfb-run; skipping\n");
      return 77;
    }
  adw_init ();

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--profile="))
      {
        const char *colon;

        profile = argv[i] + strlen ("--profile=");
        colon = strchr (profile, ':');
        if (colon != NULL)
          {
            profile_frames = CLAMP (atoi (colon + 1), 1, 100000);
            profile = g_strndup (profile, colon - profile);
          }
      }

  start = g_get_monotonic_time ();
  flow = make_flow ();
  g_print ("10,000-task flow made and laid out in %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  canvas = PW_DAG_CANVAS (pw_dag_canvas_new ());
  gtk_widget_set_size_request (GTK_WIDGET (canvas), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canvas));
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (canvas)) != WIDTH)
    g_main_context_iteration (NULL, TRUE);

  start = g_get_monotonic_time ();
  pw_dag_canvas_set_flow (canvas, flow);
  g_print ("pw_dag_canvas_set_flow: %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  /* Validation runs after 300 ms; let it, so that it is not in a frame. */
  settle (500);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_print ("Renderer: %s, %d × %d, %u tasks, %u edges\n", G_OBJECT_TYPE_NAME (renderer), WIDTH, HEIGHT,
           canvas->scene->n_nodes, canvas->scene->n_edges);

  if (profile != NULL)
    {
      gboolean with_idle = g_str_has_suffix (profile, "+idle");

      if (g_str_has_prefix (profile, "full-fit"))
        pw_dag_canvas_zoom_to_fit (canvas);
      else if (g_str_has_prefix (profile, "full-100"))
        {
          pw_dag_canvas_set_zoom (canvas, 1.0);
          pw_dag_canvas_center_on_task (canvas, "t050-050");
        }
      else
        {
          g_printerr ("Unknown profile “%s”: full-fit or full-100 (+idle)\n", profile);
          return 2;
        }
      frame (canvas, renderer);
      run_pending ();
      start = g_get_monotonic_time ();
      bench_profile_frames (canvas, renderer, profile_frames, with_idle);
      g_print ("%u full redraws at zoom %.3f: %.2f ms each\n", profile_frames, canvas->view.scale,
               (g_get_monotonic_time () - start) / 1000.0 / profile_frames);
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  pw_dag_canvas_zoom_to_fit (canvas);
  worst_fit = bench_zoom (canvas, renderer, "Fit");

  pw_dag_canvas_set_zoom (canvas, 1.0);
  pw_dag_canvas_center_on_task (canvas, "t050-050");
  worst_100 = bench_zoom (canvas, renderer, "100 %");

  pw_dag_canvas_set_zoom (canvas, 0.3);
  bench_zoom (canvas, renderer, "30 %");

  bench_hits (canvas);

  naive = argc > 1 && g_str_equal (argv[1], "--no-peer") ? 0 : naive_redraw (canvas->scene);
  if (naive > 0)
    {
      g_print ("Peer, a naive full redraw (10,000 cards with names, 29,700 antialiased curves stroked with cairo): %.0f ms\n",
               naive);
      g_print ("Slowest interactive frame: %.2f ms at fit, %.2f ms at 100 %% (%.0fx and %.0fx faster than the peer)\n",
               worst_fit, worst_100, naive / worst_fit, naive / worst_100);
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("Peak RSS with the 10,000-task flow open: %.1f MB\n", usage.ru_maxrss / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
