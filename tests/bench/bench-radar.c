/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-radar"

#include "config.h"

#include <math.h>

#include <cairo.h>

#include "pw-radar-paint.h"

/*
 * The radar of a 1,000- and a 10,000-task run (layered: 20 or 100 tasks a
 * layer, each waiting for three of the layer before, so about 3 edges a
 * task): laying it out (rings, slots, edge paths), then painting it into a
 * 1280 x 800 image with cairo, offscreen, the median of several frames:
 *
 *  - fit: the whole radar in view, at its level of detail;
 *  - fit + hover: the same with one node hovered (the faded edges);
 *  - 100 %: the view centred on a node halfway out (culling at work).
 *
 * The peer, in the same run: a naive full redraw, everything at full
 * detail (text, antialiased arcs) and nothing culled, which is what a
 * radar without levels of detail would draw at fit zoom.
 */

#define WIDTH 1280
#define HEIGHT 800
#define FRAMES 7

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[n / 2];
}

static PwRadarLayout *
build (guint n_nodes,
       guint width)
{
  PwRadarLayout *layout = pw_radar_layout_new ("run", "run", PW_STATE_TYPE_RUNNING);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n_nodes; i++)
    {
      guint layer = i / width;
      g_autofree char *id = g_strdup_printf ("task-%u", i);
      char *up[4] = { NULL };

      for (guint k = 0; layer > 0 && k < 3; k++)
        up[k] = g_strdup_printf ("task-%u", (layer - 1) * width + g_rand_int_range (rand, 0, width));
      pw_radar_layout_add_node (layout, id, id, (PwStateType)(g_rand_int_range (rand, 0, 5)), NULL,
                                (const char * const *)up, NULL);
      for (guint k = 0; k < 3; k++)
        g_free (up[k]);
    }
  g_rand_free (rand);
  return layout;
}

typedef enum
{
  FRAME_FIT,
  FRAME_FIT_HOVER,
  FRAME_100,
  FRAME_NAIVE,
} Frame;

static double
paint_frame (PwRadarLayout     *layout,
             const PwDagColors *colors,
             Frame              frame)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PwRadarPaintOptions options;
  double scale, cx = 0, cy = 0;
  PwDagRect region;
  gint64 start;

  if (frame == FRAME_100)
    {
      /* A node halfway out. */
      PwRadarNode *node = &layout->nodes[layout->n_nodes / 2];

      scale = 1.0;
      cx = node->x;
      cy = node->y;
    }
  else
    scale = MIN (WIDTH, HEIGHT) / (2 * layout->extent);

  region = (PwDagRect) { cx - WIDTH / 2.0 / scale, cy - HEIGHT / 2.0 / scale, WIDTH / scale, HEIGHT / scale };
  pw_radar_paint_options_init (&options, colors, scale, &region);
  if (frame == FRAME_FIT_HOVER)
    options.hover = layout->n_nodes / 3;
  if (frame == FRAME_NAIVE)
    {
      options.lod = PW_RADAR_LOD_FULL;
      options.region = (PwDagRect) { -layout->extent, -layout->extent, 2 * layout->extent, 2 * layout->extent };
    }

  start = g_get_monotonic_time ();
  cairo_translate (cr, WIDTH / 2.0, HEIGHT / 2.0);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -cx, -cy);
  pw_radar_paint (cr, layout, &options);
  cairo_surface_flush (surface);
  start = g_get_monotonic_time () - start;

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return start / 1000.0;
}

static void
bench (guint n_nodes,
       guint width)
{
  g_autoptr(PwRadarLayout) layout = NULL;
  double layouts[FRAMES], frames[FRAMES];
  const char *names[] = { "fit", "fit + hover", "100 %", "naive (peer)" };
  double results[4];
  PwDagColors colors;
  guint overflow = 0;

  pw_dag_colors_init (&colors, FALSE);

  for (guint f = 0; f < FRAMES; f++)
    {
      g_autoptr(PwRadarLayout) fresh = build (n_nodes, width);
      gint64 start = g_get_monotonic_time ();

      g_assert_true (pw_radar_layout_compute (fresh, NULL));
      layouts[f] = (g_get_monotonic_time () - start) / 1000.0;
      if (f == FRAMES - 1)
        layout = g_steal_pointer (&fresh);
    }

  for (guint k = 0; k < layout->n_rings; k++)
    overflow += layout->rings[k].overflow;
  g_print ("%6u tasks, %6u edges, %3u rings, %4u in +N: layout %8.1f ms\n", n_nodes, layout->n_edges,
           layout->n_rings, overflow, median (layouts, FRAMES));

  for (guint kind = 0; kind < 4; kind++)
    {
      guint n = kind == FRAME_NAIVE ? 3 : FRAMES;

      for (guint f = 0; f < n; f++)
        frames[f] = paint_frame (layout, &colors, kind);
      results[kind] = median (frames, n);
      g_print ("        render %-13s %8.1f ms (%s)\n", names[kind], results[kind],
               pw_radar_lod_for_scale (kind == FRAME_100 ? 1.0 : MIN (WIDTH, HEIGHT) / (2 * layout->extent)) ==
               PW_RADAR_LOD_FULL || kind == FRAME_NAIVE ? "full detail" : "level of detail");
    }
  g_print ("        naive / fit: %.1fx\n", results[FRAME_NAIVE] / MAX (results[FRAME_FIT], 0.001));
}

int
main (int   argc,
      char *argv[])
{
  g_print ("Radar: layout and offscreen render (%d x %d, cairo image surface), median of %d\n",
           WIDTH, HEIGHT, FRAMES);
  bench (1000, 20);
  bench (10000, 100);
  return 0;
}
