/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-paint"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "pw-dag-paint-private.h"
#include "pw-dag-raster.h"

/*
 * Painting a scene with cairo, in world coordinates (the caller scales and
 * translates the context). One painter serves the canvas (which paints the
 * static scene once into a texture and reuses it), the minimap, the PNG
 * and SVG export and the benchmark.
 *
 * Level of detail. Cairo strokes about 30,000 antialiased curves a second
 * here, and a 10,000-task flow has about 30,000 edges, so what is drawn
 * depends on how large a task is on screen (s = view pixels per world
 * unit; a task is 192 × 56 units):
 *
 *  - FULL, s ≥ 0.5 (a task at least 28 px tall): rounded cards with the
 *    kind glyph, the name and the kind or state in text, ports, problem and
 *    count badges, mapped tasks as a stack, the dots of the snapping grid
 *    (when snapping); edges are antialiased Béziers with arrowheads, each
 *    stroked on its own (cairo's scan converter is linear in the edges
 *    crossing a scanline), the arrowheads in one fill. A long edge that
 *    leaves the painted region is flattened and only its chords inside
 *    the region are stroked.
 *  - BOXES, 0.15 ≤ s < 0.5 (8 to 28 px): cards as rectangles with a kind
 *    stripe and a border (state or problem colour), no text, glyphs or
 *    ports; edges as straight lines from port to port, antialiased only
 *    while fewer than 2,000 meet the painted area (the canvas's whole
 *    cached area, when it paints it piece by piece), no arrowheads.
 *  - DOTS, s < 0.15 (under 8 px): tasks as plain unantialiased rectangles
 *    in their kind, state or problem colour, at least one device pixel,
 *    one fill per colour; edges as unantialiased one-pixel straight lines,
 *    one stroke for all.
 *
 * Culling: only tasks whose box and edges whose control points' box meet
 * the painted region are looked at (pw_dag_hit_index_nodes_in_rect() and
 * pw_dag_hit_index_edges_in_rect()).
 *
 * Into an image (the canvas's layers, the minimap, PNG), the costly parts
 * skip cairo's general path machinery: edges up to two pixels wide go
 * into a coverage mask laid on in one composite (pw-dag-raster.c), the
 * grid's dots straight into the pixels, and a full-detail card is a copy
 * of the picture of its look (kind, border, stack, ports) kept at the
 * current scale, with its own text over it (pw-dag-paint-nodes.c). Into
 * a vector surface (SVG) everything is cairo paths.
 */

static PwDagColor
rgb (guint32 hex,
     double  alpha)
{
  return (PwDagColor) {
    ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, alpha
  };
}

/**
 * pw_dag_color_over:
 *
 * Returns: @top composited over @bottom (for libadwaita's translucent card
 *   colours, which the painter needs opaque)
 */
PwDagColor
pw_dag_color_over (const PwDagColor *top,
                   const PwDagColor *bottom)
{
  double a = top->alpha + bottom->alpha * (1 - top->alpha);

  if (a <= 0)
    return (PwDagColor) { 0, 0, 0, 0 };

  return (PwDagColor) {
    (top->red * top->alpha + bottom->red * bottom->alpha * (1 - top->alpha)) / a,
    (top->green * top->alpha + bottom->green * bottom->alpha * (1 - top->alpha)) / a,
    (top->blue * top->alpha + bottom->blue * bottom->alpha * (1 - top->alpha)) / a,
    a,
  };
}

/**
 * pw_dag_color_alpha:
 *
 * Returns: @color with its alpha multiplied by @alpha
 */
PwDagColor
pw_dag_color_alpha (const PwDagColor *color,
                    double            alpha)
{
  return (PwDagColor) { color->red, color->green, color->blue, color->alpha * alpha };
}

/**
 * pw_dag_colors_init:
 * @dark: whether to take libadwaita's dark colours
 *
 * Fills @colors with libadwaita 1.2's default colours.
 */
void
pw_dag_colors_init (PwDagColors *colors,
                     gboolean      dark)
{
  PwDagColor fg = dark ? rgb (0xffffff, 1.0) : rgb (0x000000, 0.8);
  PwDagColor card_tint = dark ? rgb (0xffffff, 0.08) : rgb (0xffffff, 1.0);

  colors->background = dark ? rgb (0x1e1e1e, 1.0) : rgb (0xfafafa, 1.0);
  colors->grid = pw_dag_color_alpha (&fg, 0.15);
  colors->card = pw_dag_color_over (&card_tint, &colors->background);
  colors->card_border = pw_dag_color_alpha (&fg, 0.18);
  colors->fg = fg;
  colors->dim_fg = pw_dag_color_alpha (&fg, 0.6);
  colors->edge = pw_dag_color_alpha (&fg, 0.45);
  colors->accent = rgb (0x3584e4, 1.0);
  colors->accent_fg = rgb (0xffffff, 1.0);
  colors->accent_text = dark ? rgb (0x78aeed, 1.0) : rgb (0x1c71d8, 1.0);
  colors->error = dark ? rgb (0xff7b63, 1.0) : rgb (0xc01c28, 1.0);
  colors->error_fg = rgb (0xffffff, 1.0);
  colors->success = dark ? rgb (0x8ff0a4, 1.0) : rgb (0x1b8553, 1.0);
  colors->warning = dark ? rgb (0xf8e45c, 1.0) : rgb (0x9c6e03, 1.0);

  /* Kinds: command, shell, http, subflow, noop. */
  colors->kind[0] = rgb (0x3584e4, 1.0);
  colors->kind[1] = rgb (0x26a269, 1.0);
  colors->kind[2] = rgb (0xe66100, 1.0);
  colors->kind[3] = rgb (0x9141ac, 1.0);
  colors->kind[4] = rgb (0x77767b, 1.0);

  colors->state[PW_STATE_TYPE_SCHEDULED] = rgb (0xe5a50a, 1.0);
  colors->state[PW_STATE_TYPE_PENDING] = rgb (0x9a9996, 1.0);
  colors->state[PW_STATE_TYPE_RUNNING] = rgb (0x3584e4, 1.0);
  colors->state[PW_STATE_TYPE_COMPLETED] = rgb (0x2ec27e, 1.0);
  colors->state[PW_STATE_TYPE_FAILED] = rgb (0xe01b24, 1.0);
  colors->state[PW_STATE_TYPE_CANCELLED] = rgb (0x5e5c64, 1.0);
  colors->state[PW_STATE_TYPE_CRASHED] = rgb (0xff7800, 1.0);
  colors->state[PW_STATE_TYPE_PAUSED] = rgb (0x9a9996, 1.0);
  colors->state[PW_STATE_TYPE_CANCELLING] = rgb (0x5e5c64, 1.0);
}

/**
 * pw_dag_lod_for_scale:
 * @scale: view pixels per world unit
 *
 * Returns: the level of detail at @scale (see the top of pw-dag-paint.c)
 */
PwDagLod
pw_dag_lod_for_scale (double scale)
{
  if (scale >= LOD_FULL_SCALE)
    return PW_DAG_LOD_FULL;
  if (scale >= LOD_BOXES_SCALE)
    return PW_DAG_LOD_BOXES;
  return PW_DAG_LOD_DOTS;
}

/**
 * pw_dag_paint_options_init:
 * @options: (out caller-allocates): options to fill
 * @colors: the colours
 * @scale: view pixels per world unit
 * @region: the world rectangle to paint
 *
 * Fills @options for painting @region at @scale with its level of detail,
 * a device scale of 1, the background, the grid and the ports.
 */
void
pw_dag_paint_options_init (PwDagPaintOptions  *options,
                           const PwDagColors *colors,
                           double              scale,
                           const PwDagRect    *region)
{
  *options = (PwDagPaintOptions) {
    .colors = colors,
    .scale = scale,
    .device_scale = 1.0,
    .lod = pw_dag_lod_for_scale (scale),
    .region = *region,
    .flags = PW_DAG_PAINT_BACKGROUND | PW_DAG_PAINT_GRID | PW_DAG_PAINT_PORTS,
  };
}

static void
paint_background (cairo_t                 *cr,
                  const PwDagPaintOptions *options)
{
  const PwDagRect *r = &options->region;
  double step = PW_DAG_GRID_SIZE;
  double dot = 2.0 / options->scale;

  set_color (cr, &options->colors->background);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_fill (cr);

  if (!(options->flags & PW_DAG_PAINT_GRID) || options->lod != PW_DAG_LOD_FULL)
    return;

  /* Dots on the snapping grid, every fifth when they would crowd: into
   * the pixels of an image, else with cairo. */
  while (step * options->scale < 12)
    step *= 5;
  if (pw_dag_raster_dots (cr, r, step, dot, options->colors->grid.red, options->colors->grid.green,
                          options->colors->grid.blue, options->colors->grid.alpha))
    return;
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (double gy = ceil (r->y / step) * step; gy < r->y + r->height; gy += step)
    for (double gx = ceil (r->x / step) * step; gx < r->x + r->width; gx += step)
      cairo_rectangle (cr, gx - dot / 2, gy - dot / 2, dot, dot);
  set_color (cr, &options->colors->grid);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Adds the part of @bezier that meets @clip to the path: all of it when it
 * lies inside, else the chords of a flattening that meet @clip. */
static void
add_curve (cairo_t           *cr,
           const PwDagBezier *b,
           const PwDagRect   *clip,
           double             scale)
{
  PwDagRect hull = pw_dag_bezier_hull (b);
  double len;
  guint n;
  PwDagPoint prev;
  gboolean pen_down = FALSE;

  if (pw_dag_rect_contains_rect (clip, &hull))
    {
      cairo_move_to (cr, b->p0.x, b->p0.y);
      cairo_curve_to (cr, b->p1.x, b->p1.y, b->p2.x, b->p2.y, b->p3.x, b->p3.y);
      return;
    }

  len = (hypot (b->p1.x - b->p0.x, b->p1.y - b->p0.y) +
         hypot (b->p2.x - b->p1.x, b->p2.y - b->p1.y) +
         hypot (b->p3.x - b->p2.x, b->p3.y - b->p2.y)) * scale;
  n = CLAMP ((guint) (len / 6), 8u, 512u);

  prev = b->p0;
  for (guint i = 1; i <= n; i++)
    {
      PwDagPoint cur = pw_dag_bezier_eval (b, (double) i / n);
      PwDagRect seg = pw_dag_rect_from_points (prev, cur);

      seg = pw_dag_rect_inflate (&seg, 0.5, 0.5);
      if (pw_dag_rect_intersects (clip, &seg))
        {
          if (!pen_down)
            cairo_move_to (cr, prev.x, prev.y);
          cairo_line_to (cr, cur.x, cur.y);
          pen_down = TRUE;
        }
      else
        pen_down = FALSE;

      prev = cur;
    }
}

static void
add_arrow (cairo_t          *cr,
           const PwDagPoint  arrow[3])
{
  cairo_move_to (cr, arrow[0].x, arrow[0].y);
  cairo_line_to (cr, arrow[1].x, arrow[1].y);
  cairo_line_to (cr, arrow[2].x, arrow[2].y);
  cairo_close_path (cr);
}

static gboolean
edge_wanted (PwDagScene              *scene,
             const PwDagPaintOptions *options,
             const guint8            *only,
             guint                    e)
{
  guint a = scene->edge_from[e], b = scene->edge_to[e];

  if (only != NULL)
    return only[a] && only[b];
  return !skipped (options, a) && !skipped (options, b);
}

/* The edges to draw: in the region, and not leaving a skipped node. */
static void
edges_to_paint (PwDagScene              *scene,
                const PwDagPaintOptions *options,
                const guint8            *only,
                GArray                  *edges)
{
  PwDagHitIndex *index = pw_dag_scene_get_hit_index (scene);
  guint kept = 0;

  pw_dag_hit_index_edges_in_rect (index, &options->region, edges);
  for (guint k = 0; k < edges->len; k++)
    {
      guint e = g_array_index (edges, guint, k);

      if (edge_wanted (scene, options, only, e))
        g_array_index (edges, guint, kept++) = e;
    }
  g_array_set_size (edges, kept);
}

static void
paint_arrows (cairo_t                 *cr,
              PwDagScene              *scene,
              const PwDagPaintOptions *options,
              GArray                  *edges,
              const PwDagRect         *clip)
{
  gboolean any = FALSE;

  for (guint k = 0; k < edges->len; k++)
    {
      guint e = g_array_index (edges, guint, k);
      guint a = scene->edge_from[e], b = scene->edge_to[e];
      PwDagPoint arrow[3];
      PwDagPoint to = pw_dag_node_input_port (scene->x[b], scene->y[b]);

      if (!pw_dag_rect_contains_point (clip, to))
        continue;

      pw_dag_edge_curve (pw_dag_node_output_port (scene->x[a], scene->y[a]), to, arrow);
      add_arrow (cr, arrow);
      any = TRUE;
    }

  if (any)
    {
      set_color (cr, &options->colors->edge);
      cairo_fill (cr);
    }
}

/* Whether straight edges are antialiased: at the boxes level of detail,
 * while fewer than AA_EDGE_LIMIT meet the region (or the whole of which it
 * is a piece). */
static gboolean
antialias_lines (PwDagScene              *scene,
                 const PwDagPaintOptions *options,
                 GArray                  *edges)
{
  g_autoptr(GArray) all = NULL;

  if (options->lod != PW_DAG_LOD_BOXES)
    return options->lod == PW_DAG_LOD_FULL;
  if (options->lod_region == NULL)
    return edges->len < AA_EDGE_LIMIT;

  all = g_array_new (FALSE, FALSE, sizeof (guint));
  pw_dag_hit_index_edges_in_rect (pw_dag_scene_get_hit_index (scene), options->lod_region, all);
  return all->len < AA_EDGE_LIMIT;
}

/* Edges into a coverage mask, laid over the image in one colour. */
static void
raster_edges (cairo_t                 *cr,
              PwDagRaster             *raster,
              PwDagScene              *scene,
              const PwDagPaintOptions *options,
              GArray                  *edges,
              double                   width_px)
{
  const PwDagColor *c = &options->colors->edge;
  gboolean antialias = antialias_lines (scene, options, edges);

  for (guint k = 0; k < edges->len; k++)
    {
      guint e = g_array_index (edges, guint, k);
      guint a = scene->edge_from[e], b = scene->edge_to[e];
      PwDagPoint from = pw_dag_node_output_port (scene->x[a], scene->y[a]);
      PwDagPoint to = pw_dag_node_input_port (scene->x[b], scene->y[b]);

      if (options->lod == PW_DAG_LOD_FULL)
        {
          PwDagPoint arrow[3];
          PwDagBezier curve = pw_dag_edge_curve (from, to, arrow);

          pw_dag_raster_curve (raster, &curve);
        }
      else
        pw_dag_raster_line (raster, from, to, antialias);
    }

  /* A one-pixel line stands for a line up to 1.5 px wide by its weight. */
  pw_dag_raster_end (raster, cr, c->red, c->green, c->blue,
                     MIN (1.0, c->alpha * CLAMP (width_px, 1.0, 1.5)));
}

static void
paint_edges (cairo_t                 *cr,
             PwDagScene              *scene,
             const PwDagPaintOptions *options,
             const guint8            *only)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  PwDagRect clip = pw_dag_rect_inflate (&options->region, 2 * EDGE_WIDTH, 2 * EDGE_WIDTH);
  double device = options->scale * options->device_scale;
  double width_px = options->lod == PW_DAG_LOD_FULL ? EDGE_WIDTH * device : 1.0;
  PwDagRaster raster;

  edges_to_paint (scene, options, only, edges);
  if (edges->len == 0)
    return;

  cairo_save (cr);

  /* Thin lines into an image go straight into its pixels; wide ones
   * (zoomed in, where few edges show) and vector surfaces use paths. */
  if (width_px <= 2.0 && pw_dag_raster_begin (&raster, cr))
    {
      raster_edges (cr, &raster, scene, options, edges, width_px);
      if (options->lod == PW_DAG_LOD_FULL)
        paint_arrows (cr, scene, options, edges, &clip);
      cairo_restore (cr);
      return;
    }

  set_color (cr, &options->colors->edge);

  if (options->lod == PW_DAG_LOD_FULL)
    {
      cairo_set_line_width (cr, EDGE_WIDTH);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      /* One stroke per edge: cairo's scan converter is linear in the
       * edges crossing a scanline, and one path of all of them would have
       * them all crossing every scanline. */
      for (guint k = 0; k < edges->len; k++)
        {
          guint e = g_array_index (edges, guint, k);
          guint a = scene->edge_from[e], b = scene->edge_to[e];
          PwDagPoint arrow[3];
          PwDagBezier curve;

          curve = pw_dag_edge_curve (pw_dag_node_output_port (scene->x[a], scene->y[a]),
                                     pw_dag_node_input_port (scene->x[b], scene->y[b]), arrow);
          add_curve (cr, &curve, &clip, device);
          cairo_stroke (cr);
        }
      paint_arrows (cr, scene, options, edges, &clip);
    }
  else
    {
      if (!antialias_lines (scene, options, edges))
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_set_line_width (cr, hairline (options));

      for (guint k = 0; k < edges->len; k++)
        {
          guint e = g_array_index (edges, guint, k);
          guint a = scene->edge_from[e], b = scene->edge_to[e];
          PwDagPoint p = pw_dag_node_output_port (scene->x[a], scene->y[a]);
          PwDagPoint q = pw_dag_node_input_port (scene->x[b], scene->y[b]);

          cairo_move_to (cr, p.x, p.y);
          cairo_line_to (cr, q.x, q.y);
          cairo_stroke (cr);
        }
    }

  cairo_restore (cr);
}

/**
 * pw_dag_paint_scene:
 * @cr: a cairo context in world coordinates
 * @scene: the scene
 * @options: what to paint and how
 *
 * Paints the background (if asked), the edges and the tasks that meet
 * @options->region, at its level of detail, leaving out the nodes of
 * @options->skip and their edges.
 */
void
pw_dag_paint_scene (cairo_t                 *cr,
                    PwDagScene              *scene,
                    const PwDagPaintOptions *options)
{
  cairo_save (cr);

  if (options->flags & PW_DAG_PAINT_BACKGROUND)
    paint_background (cr, options);

  if (scene->n_nodes > 0)
    {
      paint_edges (cr, scene, options, NULL);
      _pw_dag_paint_nodes (cr, scene, options, NULL);
    }

  cairo_restore (cr);
}

/**
 * pw_dag_paint_subset:
 * @only: (array): 1 for the nodes to paint
 *
 * Paints the nodes marked in @only and the edges between two of them,
 * without background: the layer of the nodes being dragged.
 */
void
pw_dag_paint_subset (cairo_t                 *cr,
                     PwDagScene              *scene,
                     const PwDagPaintOptions *options,
                     const guint8            *only)
{
  cairo_save (cr);
  paint_edges (cr, scene, options, only);
  _pw_dag_paint_nodes (cr, scene, options, only);
  cairo_restore (cr);
}

/**
 * pw_dag_paint_edge:
 * @from: an output port
 * @to: an input port, or the pointer while connecting
 * @width: the width in view pixels
 * @dashed: whether to dash the line (an edge being drawn)
 *
 * Paints one edge with its arrowhead at the current level of detail (at
 * low detail a straight line without arrowhead).
 */
void
pw_dag_paint_edge (cairo_t                 *cr,
                   const PwDagPaintOptions *options,
                   PwDagPoint               from,
                   PwDagPoint               to,
                   const PwDagColor        *color,
                   double                   width,
                   gboolean                 dashed)
{
  double w = width / options->scale;

  cairo_save (cr);
  set_color (cr, color);
  cairo_set_line_width (cr, w);

  if (dashed)
    {
      double dash[] = { 6 / options->scale, 4 / options->scale };
      cairo_set_dash (cr, dash, 2, 0);
    }

  if (options->lod == PW_DAG_LOD_FULL)
    {
      PwDagPoint arrow[3];
      PwDagBezier curve = pw_dag_edge_curve (from, to, arrow);
      PwDagRect clip = pw_dag_rect_inflate (&options->region, 4 * w, 4 * w);

      add_curve (cr, &curve, &clip, options->scale * options->device_scale);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      add_arrow (cr, arrow);
      cairo_fill (cr);
    }
  else
    {
      cairo_move_to (cr, from.x, from.y);
      cairo_line_to (cr, to.x, to.y);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}

/**
 * pw_dag_paint_highlight:
 * @box: a node's box
 * @width_px: the outline's width in view pixels
 * @fill_alpha: how much of @color to lay over the box (0 for none)
 *
 * Outlines a node (hover, selection, focus, the target of a connection),
 * rounded at full detail.
 */
void
pw_dag_paint_highlight (cairo_t                 *cr,
                        const PwDagPaintOptions *options,
                        const PwDagRect         *box,
                        const PwDagColor        *color,
                        double                   width_px,
                        double                   fill_alpha)
{
  double w = width_px / options->scale;
  double grow = w / 2 + (options->lod == PW_DAG_LOD_FULL ? 1.0 : 0.0);
  PwDagRect r = pw_dag_rect_inflate (box, grow, grow);

  cairo_save (cr);
  if (options->lod == PW_DAG_LOD_FULL)
    rounded_rect (cr, r.x, r.y, r.width, r.height, PW_DAG_NODE_RADIUS + grow);
  else
    cairo_rectangle (cr, r.x, r.y, r.width, r.height);

  if (fill_alpha > 0)
    {
      PwDagColor fill = pw_dag_color_alpha (color, fill_alpha);

      set_color (cr, &fill);
      cairo_fill_preserve (cr);
    }

  set_color (cr, color);
  cairo_set_line_width (cr, w);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * pw_dag_paint_port_highlight:
 * @port: a port
 *
 * Shows that a port can be grabbed or connected to.
 */
void
pw_dag_paint_port_highlight (cairo_t                 *cr,
                             const PwDagPaintOptions *options,
                             PwDagPoint               port,
                             const PwDagColor        *color)
{
  double r = MAX (PW_DAG_PORT_RADIUS + 2, 4 / options->scale);

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, port.x, port.y, r, 0, 2 * G_PI);
  set_color (cr, color);
  cairo_fill (cr);
  cairo_restore (cr);
}
