/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-radar-paint"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "pw-radar-paint.h"

/*
 * Painting a radar with cairo, in world coordinates (the caller scales and
 * translates the context). The widget, the minimap, the export, the tests
 * and the benchmark share it.
 *
 * Level of detail, by s = view pixels per world unit (a card is 168 × 44
 * units, a ring 280 units from the next):
 *
 *  - FULL, s ≥ 0.45 (a card at least 20 px tall): rounded cards with a
 *    state stripe, the name and the state in text, the sub-flow chevron,
 *    collapse and “+N” badges; edges antialiased, grouped by colour, width
 *    and emphasis so that each group is one path and one stroke.
 *  - BOXES, 0.12 ≤ s < 0.45 (5 to 20 px): cards as rectangles with their
 *    stripe and border, count and “+N” badges as plain discs, no text;
 *    edges antialiased only while fewer than 2,000 are visible.
 *  - DOTS, s < 0.12: every node an unantialiased rectangle in its state
 *    colour (at least one device pixel), one fill per colour; edges as
 *    unantialiased one-pixel lines, one stroke per colour, with cairo's
 *    arc tolerance raised to one device pixel (fewer segments per arc).
 *
 * Culling at every level: only nodes whose card, and edges whose bounding
 * box, meet the painted region are looked at. Rings are one stroke each.
 * Hover and selection fade the edges that do not touch them to 20 %; at
 * DOTS only the selection does (the widget then keeps its cached frame
 * while the pointer moves: a 10,000-task radar at fit costs a frame of
 * about 150 ms here, see tests/bench/bench-radar.c).
 */

#define FULL_SCALE   0.45
#define BOXES_SCALE  0.12
#define AA_EDGE_LIMIT 2000
#define NAME_SIZE    13.0
#define DETAIL_SIZE  11.0
#define STRIPE       6.0
#define RADIUS       8.0
#define FADED_ALPHA  0.2

static inline void
set_color (cairo_t          *cr,
           const PwDagColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static inline double
hairline (const PwRadarPaintOptions *options)
{
  return 1.0 / (options->scale * options->device_scale);
}

/**
 * pw_radar_lod_for_scale:
 *
 * Returns: the level of detail at @scale (see the top of pw-radar-paint.c)
 */
PwRadarLod
pw_radar_lod_for_scale (double scale)
{
  if (scale >= FULL_SCALE)
    return PW_RADAR_LOD_FULL;
  if (scale >= BOXES_SCALE)
    return PW_RADAR_LOD_BOXES;
  return PW_RADAR_LOD_DOTS;
}

void
pw_radar_paint_options_init (PwRadarPaintOptions *options,
                             const PwDagColors   *colors,
                             double               scale,
                             const PwDagRect     *region)
{
  *options = (PwRadarPaintOptions) {
    .colors = colors,
    .scale = scale,
    .device_scale = 1.0,
    .lod = pw_radar_lod_for_scale (scale),
    .region = *region,
    .hover = -1,
    .background = TRUE,
  };
}

void
pw_radar_state_color (const PwDagColors *colors,
                      PwStateType        state,
                      PwDagColor        *color)
{
  *color = colors->state[MIN ((guint)state, PW_N_STATE_TYPES - 1)];
}

static gboolean
rect_meets (const PwDagRect *r,
            double           x0,
            double           y0,
            double           x1,
            double           y1)
{
  return x1 >= r->x && x0 <= r->x + r->width && y1 >= r->y && y0 <= r->y + r->height;
}

static gboolean
node_visible (const PwRadarPaintOptions *options,
              const PwRadarNode         *node)
{
  const double m = PW_RADAR_BADGE_RADIUS * 3;

  return !node->hidden &&
         rect_meets (&options->region,
                     node->x - PW_RADAR_NODE_WIDTH / 2 - m, node->y - PW_RADAR_NODE_HEIGHT / 2 - m,
                     node->x + PW_RADAR_NODE_WIDTH / 2 + m, node->y + PW_RADAR_NODE_HEIGHT / 2 + m);
}

static gboolean
is_selected (const PwRadarPaintOptions *options,
             guint                      i)
{
  return options->selected != NULL && options->selected[i];
}

/* Rings: a pale band along each ring, open at south over the channel. */
static void
paint_rings (cairo_t                   *cr,
             PwRadarLayout             *layout,
             const PwRadarPaintOptions *options)
{
  PwDagColor band = pw_dag_color_alpha (&options->colors->fg, 0.045);

  cairo_save (cr);
  set_color (cr, &band);
  cairo_set_line_width (cr, PW_RADAR_NODE_HEIGHT + 28);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint k = 1; k < layout->n_rings; k++)
    {
      const PwRadarRing *ring = &layout->rings[k];
      double gap;

      if (ring->empty || (k > 1 && ring->radius == layout->rings[k - 1].radius))
        continue;
      if (!rect_meets (&options->region, -ring->radius - 40, -ring->radius - 40,
                       ring->radius + 40, ring->radius + 40))
        continue;
      gap = MIN (PW_RADAR_CHANNEL_WIDTH / ring->radius, 0.6);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, ring->radius, G_PI / 2 + gap, G_PI / 2 + 2 * G_PI - gap);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
path_edge (cairo_t           *cr,
           const PwRadarEdge *edge)
{
  double x, y;

  pw_radar_segment_point (&edge->segments[0], FALSE, &x, &y);
  cairo_move_to (cr, x, y);
  for (guint s = 0; s < edge->n_segments; s++)
    {
      const PwRadarSegment *seg = &edge->segments[s];

      if (seg->kind == PW_RADAR_SEGMENT_LINE)
        {
          pw_radar_segment_point (seg, TRUE, &x, &y);
          cairo_line_to (cr, x, y);
        }
      else if (seg->angle1 >= seg->angle0)
        cairo_arc (cr, 0, 0, seg->radius0, seg->angle0, seg->angle1);
      else
        cairo_arc_negative (cr, 0, 0, seg->radius0, seg->angle0, seg->angle1);
    }
}

/* Edges in groups of (emphasis, source state, width): one stroke each. */
static void
paint_edges (cairo_t                   *cr,
             PwRadarLayout             *layout,
             const PwRadarPaintOptions *options)
{
  enum { N_WIDTHS = 4, N_GROUPS = 2 * PW_N_STATE_TYPES * N_WIDTHS };
  GArray *groups[N_GROUPS] = { NULL };
  /* At DOTS the hover is not shown: a node is a few pixels, and a hover
   * change then costs no frame (the view keeps its cached one). */
  int hover = options->lod == PW_RADAR_LOD_DOTS ? -1 : options->hover;
  gboolean highlight = hover >= 0;
  guint n_visible = 0;
  gboolean aa;

  if (options->selected != NULL)
    for (guint i = 0; i < layout->n_nodes && !highlight; i++)
      highlight = options->selected[i];

  for (guint e = 0; e < layout->n_edges; e++)
    {
      const PwRadarEdge *edge = &layout->edges[e];
      gboolean lit = TRUE;
      guint group;

      if (!rect_meets (&options->region, edge->x0, edge->y0, edge->x1, edge->y1))
        continue;

      if (highlight)
        lit = (hover >= 0 && pw_radar_edge_touches (layout, e, hover)) ||
              is_selected (options, edge->source) || is_selected (options, edge->target);

      group = (lit ? 1 : 0) * PW_N_STATE_TYPES * N_WIDTHS +
              MIN ((guint)layout->nodes[edge->source].state, PW_N_STATE_TYPES - 1) * N_WIDTHS +
              (guint)CLAMP (edge->width, 1, N_WIDTHS) - 1;
      if (groups[group] == NULL)
        groups[group] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (groups[group], e);
      n_visible++;
    }

  aa = options->lod == PW_RADAR_LOD_FULL ||
       (options->lod == PW_RADAR_LOD_BOXES && n_visible < AA_EDGE_LIMIT);

  cairo_save (cr);
  cairo_set_antialias (cr, aa ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE);
  cairo_set_tolerance (cr, options->lod == PW_RADAR_LOD_DOTS ? 1.0 : options->lod == PW_RADAR_LOD_BOXES ? 0.5 : 0.1);
  /* Round joins only where they show: they cost the most to stroke. */
  cairo_set_line_join (cr, options->lod == PW_RADAR_LOD_FULL ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_BEVEL);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      gboolean lit = g >= PW_N_STATE_TYPES * N_WIDTHS;
      PwStateType state = (g / N_WIDTHS) % PW_N_STATE_TYPES;
      double width = g % N_WIDTHS + 1;
      PwDagColor color;

      if (groups[g] == NULL)
        continue;

      pw_radar_state_color (options->colors, state, &color);
      if (highlight && !lit)
        color = pw_dag_color_alpha (&color, FADED_ALPHA);
      set_color (cr, &color);

      if (options->lod == PW_RADAR_LOD_DOTS)
        cairo_set_line_width (cr, hairline (options));
      else
        cairo_set_line_width (cr, MAX (width * (lit && highlight ? 1.5 : 1.0), hairline (options)));

      for (guint k = 0; k < groups[g]->len; k++)
        path_edge (cr, &layout->edges[g_array_index (groups[g], guint, k)]);
      cairo_stroke (cr);
      g_array_unref (groups[g]);
    }
  cairo_restore (cr);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Nodes at DOTS: one unantialiased fill per state colour. */
static void
paint_dots (cairo_t                   *cr,
            PwRadarLayout             *layout,
            const PwRadarPaintOptions *options)
{
  double min = hairline (options);
  double w = MAX (PW_RADAR_NODE_WIDTH, min), h = MAX (PW_RADAR_NODE_HEIGHT, min);

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (guint s = 0; s < PW_N_STATE_TYPES; s++)
    {
      PwDagColor color;
      gboolean any = FALSE;

      for (guint i = 0; i < layout->n_nodes; i++)
        {
          const PwRadarNode *node = &layout->nodes[i];

          if ((guint)node->state != s || !node_visible (options, node))
            continue;
          cairo_rectangle (cr, node->x - w / 2, node->y - h / 2, w, h);
          any = TRUE;
        }
      if (!any)
        continue;
      pw_radar_state_color (options->colors, s, &color);
      set_color (cr, &color);
      cairo_fill (cr);
    }

  /* The selection stays visible even this small. */
  set_color (cr, &options->colors->accent);
  cairo_set_line_width (cr, 2 * min);
  for (guint i = 0; i < layout->n_nodes; i++)
    if (is_selected (options, i) && node_visible (options, &layout->nodes[i]))
      cairo_rectangle (cr, layout->nodes[i].x - w / 2 - 2 * min, layout->nodes[i].y - h / 2 - 2 * min,
                       w + 4 * min, h + 4 * min);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
show_centred (cairo_t     *cr,
              PangoLayout *text,
              const char  *str,
              double       cx,
              double       cy)
{
  PangoRectangle ink;

  pango_layout_set_width (text, -1);
  pango_layout_set_text (text, str, -1);
  pango_layout_get_extents (text, NULL, &ink);
  cairo_move_to (cr, cx - (ink.x + ink.width / 2.0) / PANGO_SCALE,
                 cy - (ink.y + ink.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (cr, text);
}

typedef struct
{
  PangoLayout *name;
  PangoLayout *detail;
  PangoLayout *badge;
} Texts;

static void
paint_badge (cairo_t                   *cr,
             const PwRadarPaintOptions *options,
             Texts                     *texts,
             double                     cx,
             double                     cy,
             const char                *label,
             gboolean                   strong)
{
  const PwDagColors *c = options->colors;
  double r = PW_RADAR_BADGE_RADIUS;
  double half = r;

  if (texts != NULL && label != NULL && strlen (label) > 2)
    half = r + 3.5 * (strlen (label) - 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx + half - r, cy, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, cx - half + r, cy, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_color (cr, strong ? &c->accent : &c->card);
  cairo_fill_preserve (cr);
  set_color (cr, strong ? &c->accent : &c->card_border);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  if (texts == NULL || label == NULL)
    return;
  set_color (cr, strong ? &c->accent_fg : &c->dim_fg);
  show_centred (cr, texts->badge, label, cx, cy);
}

static void
paint_chevron (cairo_t          *cr,
               double            cx,
               double            cy,
               gboolean          open,
               const PwDagColor *color)
{
  cairo_save (cr);
  set_color (cr, color);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (open)
    {
      cairo_move_to (cr, cx - 5, cy - 2.5);
      cairo_line_to (cr, cx, cy + 2.5);
      cairo_line_to (cr, cx + 5, cy - 2.5);
    }
  else
    {
      cairo_move_to (cr, cx - 2.5, cy - 5);
      cairo_line_to (cr, cx + 2.5, cy);
      cairo_line_to (cr, cx - 2.5, cy + 5);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
paint_card (cairo_t                   *cr,
            PwRadarLayout             *layout,
            const PwRadarPaintOptions *options,
            Texts                     *texts,
            guint                      i)
{
  const PwDagColors *c = options->colors;
  const PwRadarNode *node = &layout->nodes[i];
  double w = PW_RADAR_NODE_WIDTH, h = PW_RADAR_NODE_HEIGHT;
  double x = node->x - w / 2, y = node->y - h / 2;
  gboolean selected = is_selected (options, i);
  gboolean root = node->kind == PW_RADAR_NODE_ROOT;
  double text_right = node->kind == PW_RADAR_NODE_SUBFLOW ? 36 : 10;
  PwDagColor state;

  pw_radar_state_color (c, node->state, &state);

  rounded_rect (cr, x, y, w, h, RADIUS);
  set_color (cr, &c->card);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip (cr);
  cairo_rectangle (cr, x, y, STRIPE, h);
  set_color (cr, &state);
  cairo_fill (cr);
  cairo_restore (cr);
  rounded_rect (cr, x, y, w, h, RADIUS);

  if (selected || root || (int)i == options->hover)
    {
      set_color (cr, selected ? &c->accent : root ? &state : &c->fg);
      cairo_set_line_width (cr, MAX (2.0, 2 * hairline (options)));
    }
  else
    {
      set_color (cr, &c->card_border);
      cairo_set_line_width (cr, MAX (1.0, hairline (options)));
    }
  cairo_stroke (cr);

  if (texts != NULL)
    {
      int width = (int)((w - STRIPE - 8 - text_right) * PANGO_SCALE);

      set_color (cr, &c->fg);
      pango_layout_set_width (texts->name, width);
      pango_layout_set_text (texts->name, node->label, -1);
      cairo_move_to (cr, x + STRIPE + 8, y + 5);
      pango_cairo_show_layout (cr, texts->name);

      if (node->detail != NULL || root)
        {
          set_color (cr, &c->dim_fg);
          pango_layout_set_width (texts->detail, width);
          pango_layout_set_text (texts->detail, node->detail != NULL ? node->detail : "", -1);
          cairo_move_to (cr, x + STRIPE + 8, y + 24);
          pango_cairo_show_layout (cr, texts->detail);
        }
    }

  if (node->kind == PW_RADAR_NODE_SUBFLOW && options->lod == PW_RADAR_LOD_FULL)
    {
      double cx, cy;

      pw_radar_node_subflow_toggle (layout, i, &cx, &cy);
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, PW_RADAR_BADGE_RADIUS, 0, 2 * G_PI);
      set_color (cr, node->expanded ? &c->accent : &c->kind[3]);
      cairo_fill (cr);
      paint_chevron (cr, cx, cy, node->expanded, &c->accent_fg);
    }
}

static PangoLayout *
make_text (PangoContext *context,
           double        size,
           gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_copy (pango_context_get_font_description (context));

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_font_description_free (desc);
  return layout;
}

static void
paint_cards (cairo_t                   *cr,
             PwRadarLayout             *layout,
             const PwRadarPaintOptions *options)
{
  PangoContext *own = NULL;
  Texts texts = { NULL, NULL, NULL };
  Texts *t = NULL;
  char count[16];
  double cx, cy;

  if (options->lod == PW_RADAR_LOD_FULL)
    {
      PangoContext *context = options->pango;

      if (context == NULL)
        {
          cairo_font_options_t *fo = cairo_font_options_create ();

          PangoFontDescription *desc = pango_font_description_from_string ("Cantarell, Sans");

          own = pango_cairo_create_context (cr);
          /* Without a widget's context (export, tests): the UI's font. */
          pango_context_set_font_description (own, desc);
          pango_font_description_free (desc);
          cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
          pango_cairo_context_set_font_options (own, fo);
          cairo_font_options_destroy (fo);
          context = own;
        }
      texts.name = make_text (context, NAME_SIZE, TRUE);
      texts.detail = make_text (context, DETAIL_SIZE, FALSE);
      texts.badge = make_text (context, DETAIL_SIZE, TRUE);
      t = &texts;
    }

  for (guint i = 0; i < layout->n_nodes; i++)
    if (node_visible (options, &layout->nodes[i]))
      paint_card (cr, layout, options, t, i);

  /* Badges over every card: collapse, hidden counts, overflow. */
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const PwRadarNode *node = &layout->nodes[i];

      if (!node_visible (options, node) || !pw_radar_node_collapse_badge (layout, i, &cx, &cy))
        continue;
      if (node->collapsed)
        {
          g_snprintf (count, sizeof count, "%u", MIN (node->hidden_count, 999));
          paint_badge (cr, options, t, cx, cy, count, TRUE);
        }
      else if (t != NULL)
        {
          paint_badge (cr, options, NULL, cx, cy, NULL, FALSE);
          set_color (cr, &options->colors->dim_fg);
          cairo_set_line_width (cr, 2.0);
          cairo_move_to (cr, cx - 5, cy);
          cairo_line_to (cr, cx + 5, cy);
          cairo_stroke (cr);
        }
    }

  for (guint k = 0; k < layout->n_rings; k++)
    if (pw_radar_ring_overflow_badge (layout, k, &cx, &cy))
      {
        guint n = layout->rings[k].overflow;

        if (n > 99)
          g_strlcpy (count, "99+", sizeof count);
        else
          g_snprintf (count, sizeof count, "+%u", n);
        paint_badge (cr, options, t, cx, cy, count, TRUE);
      }

  g_clear_object (&texts.name);
  g_clear_object (&texts.detail);
  g_clear_object (&texts.badge);
  g_clear_object (&own);
}

/**
 * pw_radar_paint:
 *
 * Paints @layout's rings, edges, cards and badges in world coordinates,
 * culled to @options' region, at its level of detail.
 */
void
pw_radar_paint (cairo_t                   *cr,
                PwRadarLayout             *layout,
                const PwRadarPaintOptions *options)
{
  const PwDagRect *r = &options->region;

  if (options->background)
    {
      set_color (cr, &options->colors->background);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_fill (cr);
    }
  if (layout == NULL || layout->n_rings == 0)
    return;

  paint_rings (cr, layout, options);
  paint_edges (cr, layout, options);
  if (options->lod == PW_RADAR_LOD_DOTS)
    paint_dots (cr, layout, options);
  else
    paint_cards (cr, layout, options);
}

/**
 * pw_radar_paint_minimap:
 * @size: the side of the square to fill, in the context's units
 *
 * Paints the whole radar as Prefect's minimap did: each ring a circle and
 * each occupied slot an arc in its node's state colour, the root a disc.
 */
void
pw_radar_paint_minimap (cairo_t           *cr,
                        PwRadarLayout     *layout,
                        const PwDagColors *colors,
                        double             size)
{
  double scale;
  PwDagColor line = pw_dag_color_alpha (&colors->fg, 0.15);
  PwDagColor root;

  if (layout == NULL || layout->n_rings == 0 || layout->extent <= 0)
    return;

  scale = size / 2 / layout->extent;
  cairo_save (cr);
  cairo_translate (cr, size / 2, size / 2);

  set_color (cr, &line);
  cairo_set_line_width (cr, 1.0);
  for (guint k = 1; k < layout->n_rings; k++)
    if (!layout->rings[k].empty)
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, 0, 0, layout->rings[k].radius * scale, 0, 2 * G_PI);
      }
  cairo_stroke (cr);

  cairo_set_line_width (cr, MAX (3.0, PW_RADAR_NODE_HEIGHT * 1.2 * scale));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 1; i < layout->n_nodes; i++)
    {
      const PwRadarNode *node = &layout->nodes[i];
      double half;
      PwDagColor color;

      if (node->hidden || node->radius <= 0)
        continue;
      /* Half the box's extent along the ring, as an angle. */
      half = 0.5 * hypot (PW_RADAR_NODE_HEIGHT * cos (node->angle), PW_RADAR_NODE_WIDTH * sin (node->angle)) /
             node->radius;
      pw_radar_state_color (colors, node->state, &color);
      set_color (cr, &color);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, node->radius * scale, node->angle - half, node->angle + half);
      cairo_stroke (cr);
    }

  pw_radar_state_color (colors, layout->nodes[0].state, &root);
  set_color (cr, &root);
  cairo_arc (cr, 0, 0, MAX (3.0, PW_RADAR_RING_GAP / 4 * scale), 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
}
