/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-canvas"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "pw-dag-canvas-layers.h"

/*
 * Drawing the canvas. A frame is made of layers, bottom to top:
 *
 *  1. the static scene: background, grid, edges and tasks, painted by
 *     pw-dag-paint.c with cairo into an opaque image that covers the
 *     visible part of the world and a margin around it (a sixteenth of
 *     the view, at least 64 px, on each side), and drawn by one cairo render
 *     node kept with it (replaying it is one blit; GDK's texture nodes
 *     would convert the pixels in every frame with the cairo renderer).
 *     It is painted again only when the flow, the colours or the zoom
 *     change, and then only what is in view, in the frame; the margin is
 *     painted around it from an idle after the frame. A hover, a
 *     selection change, a pan step and a drag reuse it, and a pan past the
 *     margin keeps the part still in view and paints only the strips that
 *     came into view. While a scroll or pinch gesture zooms, the old image
 *     is shown scaled and painted again 150 ms after the gesture stops;
 *  2. while tasks are dragged: the static scene without them, their own
 *     image moved with the pointer, and the edges between them and the
 *     rest drawn in each frame;
 *  3. the selection (outlines, and the edges of the selected tasks when
 *     there are at most 200): a cairo render node kept until the selection,
 *     the zoom or the static layer's region changes;
 *  4. in each frame: hover, keyboard focus, the edge being connected, the
 *     rubber band.
 *
 * The level of detail of each layer follows the zoom (pw-dag-paint.c).
 * The cached layers (1 and 2) are in pw-dag-canvas-layers.c.
 */

#define SELECTION_EDGE_LIMIT 200

static PwDagColor
lookup (GtkStyleContext  *style,
        const char       *name,
        const PwDagColor *fallback)
{
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (style, name, &rgba))
    return *fallback;
  return (PwDagColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
}

/**
 * _pw_dag_canvas_update_colors: (skip)
 *
 * Takes the colours from libadwaita's named colours, so that the canvas
 * follows the accent colour, the dark style and high contrast.
 */
void
_pw_dag_canvas_update_colors (PwDagCanvas *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  PwDagColors d, *c = &self->colors;
  PwDagColor card;
  static const struct { const char *name; } kinds[5] = {
    { "blue_3" }, { "green_5" }, { "orange_4" }, { "purple_3" }, { "dark_1" },
  };
  static const char * const states[PW_N_STATE_TYPES] = {
    "yellow_5", "light_5", "blue_3", "green_4", "red_3", "dark_2", "orange_3", "light_5", "dark_2",
  };

  pw_dag_colors_init (&d, dark);
  *c = d;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  c->background = lookup (style, "view_bg_color", &d.background);
  c->fg = lookup (style, "view_fg_color", &d.fg);
  card = lookup (style, "card_bg_color", &d.card);
  c->card = pw_dag_color_over (&card, &c->background);
  c->accent = lookup (style, "accent_bg_color", &d.accent);
  c->accent_fg = lookup (style, "accent_fg_color", &d.accent_fg);
  c->accent_text = lookup (style, "accent_color", &d.accent_text);
  c->error = lookup (style, "error_color", &d.error);
  c->error_fg = lookup (style, "error_fg_color", &d.error_fg);
  c->success = lookup (style, "success_color", &d.success);
  c->warning = lookup (style, "warning_color", &d.warning);
  for (guint k = 0; k < 5; k++)
    c->kind[k] = lookup (style, kinds[k].name, &d.kind[k]);
  for (guint s = 0; s < PW_N_STATE_TYPES; s++)
    c->state[s] = lookup (style, states[s], &d.state[s]);
  G_GNUC_END_IGNORE_DEPRECATIONS

  c->grid = pw_dag_color_alpha (&c->fg, 0.15);
  c->card_border = pw_dag_color_alpha (&c->fg, 0.2);
  c->dim_fg = pw_dag_color_alpha (&c->fg, 0.6);
  c->edge = pw_dag_color_alpha (&c->fg, 0.45);
}

static PangoContext *
ensure_pango (PwDagCanvas *self)
{
  if (self->pango == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      self->pango = gtk_widget_create_pango_context (GTK_WIDGET (self));
      /* Text is painted scaled by the zoom: hinted metrics would make its
       * width jump from one zoom to the next. */
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->pango, options);
      cairo_font_options_destroy (options);
    }

  return self->pango;
}

/**
 * _pw_dag_canvas_paint_options: (skip)
 *
 * Returns: the options for painting @region at the current zoom, in the
 *   canvas's colours and font, with the grid and ports when editing
 */
PwDagPaintOptions
_pw_dag_canvas_paint_options (PwDagCanvas     *self,
             const PwDagRect *region)
{
  PwDagPaintOptions options;

  pw_dag_paint_options_init (&options, &self->colors, self->view.scale, region);
  options.device_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  options.pango = ensure_pango (self);
  options.flags = PW_DAG_PAINT_BACKGROUND;
  if (self->snap_to_grid && self->editable)
    options.flags |= PW_DAG_PAINT_GRID;
  if (self->editable)
    options.flags |= PW_DAG_PAINT_PORTS;
  return options;
}

static void
set_world_transform (PwDagCanvas *self,
                     cairo_t     *cr)
{
  cairo_scale (cr, self->view.scale, self->view.scale);
  cairo_translate (cr, -self->view.x, -self->view.y);
}

/* The selection layer in world coordinates, over the static layer's
 * region. */
static GskRenderNode *
build_selection (PwDagCanvas *self)
{
  PwDagScene *scene = self->scene;
  PwDagRect region = self->static_layer.valid ? self->static_layer.region : _pw_dag_canvas_cache_region (self);
  PwDagPaintOptions options = _pw_dag_canvas_paint_options (self, &region);
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkSnapshot *snapshot;
  cairo_t *cr;
  guint n_selected = 0;
  gboolean any;

  for (guint i = 0; i < scene->n_nodes; i++)
    n_selected += scene->selected[i];

  any = n_selected > 0 || self->edge_down != NULL;
  if (!any)
    return NULL;

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (region.x, region.y,
                                                                 region.width, region.height));

  /* The edges of the selected tasks, over the others. */
  if (n_selected > 0 && n_selected <= SELECTION_EDGE_LIMIT && self->drag_mode != PW_DAG_DRAG_MOVE)
    {
      PwDagColor color = pw_dag_color_alpha (&self->colors.accent, 0.85);

      for (guint e = 0; e < scene->n_edges; e++)
        {
          guint a = scene->edge_from[e], b = scene->edge_to[e];

          if (!scene->selected[a] && !scene->selected[b])
            continue;
          pw_dag_paint_edge (cr, &options, pw_dag_node_output_port (scene->x[a], scene->y[a]),
                             pw_dag_node_input_port (scene->x[b], scene->y[b]), &color, 2.0, FALSE);
        }
    }

  if (self->edge_down != NULL)
    {
      int a = pw_dag_scene_lookup_task (scene, self->edge_up);
      int b = pw_dag_scene_lookup_task (scene, self->edge_down);

      if (a >= 0 && b >= 0)
        pw_dag_paint_edge (cr, &options, pw_dag_node_output_port (scene->x[a], scene->y[a]),
                           pw_dag_node_input_port (scene->x[b], scene->y[b]), &self->colors.accent, 3.0,
                           FALSE);
    }

  if (n_selected > 0 && self->drag_mode != PW_DAG_DRAG_MOVE)
    {
      pw_dag_hit_index_nodes_in_rect (pw_dag_scene_get_hit_index (scene), &region, nodes);
      for (guint k = 0; k < nodes->len; k++)
        {
          guint i = g_array_index (nodes, guint, k);
          PwDagRect box;

          if (!scene->selected[i])
            continue;
          box = pw_dag_node_rect (scene->x[i], scene->y[i]);
          pw_dag_paint_highlight (cr, &options, &box, &self->colors.accent, 2.0,
                                  options.lod == PW_DAG_LOD_DOTS ? 1.0 : 0.08);
        }
    }

  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
append_selection (PwDagCanvas *self,
                  GtkSnapshot *snapshot)
{
  if (self->selection_node == NULL || self->selection_scale != self->view.scale)
    {
      g_clear_pointer (&self->selection_node, gsk_render_node_unref);
      self->selection_node = build_selection (self);
      self->selection_scale = self->view.scale;
    }

  if (self->selection_node == NULL)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, self->view.scale, self->view.scale);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->view.x, -self->view.y));
  gtk_snapshot_append_node (snapshot, self->selection_node);
  gtk_snapshot_restore (snapshot);
}

/* Per frame: the edges between dragged tasks and the others, hover, focus,
 * the edge being connected, the rubber band. */
static void
append_overlay (PwDagCanvas *self,
                GtkSnapshot *snapshot,
                int          width,
                int          height)
{
  PwDagScene *scene = self->scene;
  PwDagRect visible = _pw_dag_canvas_visible_rect (self);
  PwDagPaintOptions options = _pw_dag_canvas_paint_options (self, &visible);
  const PwDagColors *c = &self->colors;
  gboolean focus_ring = self->focus != NULL &&
                        (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_VISIBLE);
  cairo_t *cr;

  if (self->drag_mode != PW_DAG_DRAG_MOVE && self->drag_mode != PW_DAG_DRAG_CONNECT &&
      self->drag_mode != PW_DAG_DRAG_RUBBER && self->hover.kind == PW_DAG_HIT_NONE && !focus_ring)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  set_world_transform (self, cr);

  if (self->drag_mode == PW_DAG_DRAG_MOVE)
    {
      for (guint e = 0; e < scene->n_edges; e++)
        {
          guint a = scene->edge_from[e], b = scene->edge_to[e];
          PwDagPoint from, to;

          if (self->drag_set[a] == self->drag_set[b])
            continue;
          from = pw_dag_node_output_port (scene->x[a], scene->y[a]);
          to = pw_dag_node_input_port (scene->x[b], scene->y[b]);
          if (self->drag_set[a])
            from.x += self->drag_dx, from.y += self->drag_dy;
          else
            to.x += self->drag_dx, to.y += self->drag_dy;
          pw_dag_paint_edge (cr, &options, from, to, &c->edge, 1.5, FALSE);
        }

      /* The selection outlines move with the tasks. */
      if (options.lod != PW_DAG_LOD_DOTS)
        for (guint i = 0; i < scene->n_nodes; i++)
          {
            PwDagRect box;

            if (!self->drag_set[i])
              continue;
            box = pw_dag_node_rect (scene->x[i] + self->drag_dx, scene->y[i] + self->drag_dy);
            if (pw_dag_rect_intersects (&box, &visible))
              pw_dag_paint_highlight (cr, &options, &box, &c->accent, 2.0, 0.0);
          }
    }

  if (self->hover.kind == PW_DAG_HIT_NODE && self->drag_mode == PW_DAG_DRAG_NONE)
    {
      PwDagRect box = pw_dag_node_rect (scene->x[self->hover.index], scene->y[self->hover.index]);
      PwDagColor color = pw_dag_color_alpha (&c->accent, 0.6);

      pw_dag_paint_highlight (cr, &options, &box, &color, 1.5, 0.04);
    }
  else if ((self->hover.kind == PW_DAG_HIT_INPUT_PORT || self->hover.kind == PW_DAG_HIT_OUTPUT_PORT) &&
           self->editable && self->drag_mode == PW_DAG_DRAG_NONE)
    {
      guint i = self->hover.index;
      PwDagPoint port = self->hover.kind == PW_DAG_HIT_INPUT_PORT
        ? pw_dag_node_input_port (scene->x[i], scene->y[i])
        : pw_dag_node_output_port (scene->x[i], scene->y[i]);

      pw_dag_paint_port_highlight (cr, &options, port, &c->accent);
    }
  else if (self->hover.kind == PW_DAG_HIT_EDGE && self->drag_mode == PW_DAG_DRAG_NONE)
    {
      guint a = scene->edge_from[self->hover.index], b = scene->edge_to[self->hover.index];
      PwDagColor color = pw_dag_color_alpha (&c->accent, 0.7);

      pw_dag_paint_edge (cr, &options, pw_dag_node_output_port (scene->x[a], scene->y[a]),
                         pw_dag_node_input_port (scene->x[b], scene->y[b]), &color, 2.5, FALSE);
    }

  if (focus_ring && self->drag_mode == PW_DAG_DRAG_NONE)
    {
      int node = pw_dag_scene_lookup_task (scene, self->focus);

      if (node >= 0)
        {
          PwDagRect box = pw_dag_node_rect (scene->x[node], scene->y[node]);
          PwDagColor color = pw_dag_color_alpha (&c->accent, 0.5);

          box = pw_dag_rect_inflate (&box, 4 / self->view.scale, 4 / self->view.scale);
          pw_dag_paint_highlight (cr, &options, &box, &color, 2.0, 0.0);
        }
    }

  if (self->drag_mode == PW_DAG_DRAG_CONNECT)
    {
      guint i = self->connect_node;
      PwDagPoint port = self->connect_from_output
        ? pw_dag_node_output_port (scene->x[i], scene->y[i])
        : pw_dag_node_input_port (scene->x[i], scene->y[i]);
      PwDagPoint end = self->connect_point;
      const PwDagColor *color = &c->accent;

      if (self->connect_target >= 0)
        {
          guint t = self->connect_target;
          PwDagRect box = pw_dag_node_rect (scene->x[t], scene->y[t]);

          color = self->connect_allowed ? &c->success : &c->error;
          end = self->connect_from_output ? pw_dag_node_input_port (scene->x[t], scene->y[t])
                                          : pw_dag_node_output_port (scene->x[t], scene->y[t]);
          pw_dag_paint_highlight (cr, &options, &box, color, 2.0, 0.08);
          pw_dag_paint_port_highlight (cr, &options, end, color);
        }

      pw_dag_paint_port_highlight (cr, &options, port, &c->accent);
      if (self->connect_from_output)
        pw_dag_paint_edge (cr, &options, port, end, color, 2.0, TRUE);
      else
        pw_dag_paint_edge (cr, &options, end, port, color, 2.0, TRUE);
    }

  if (self->drag_mode == PW_DAG_DRAG_RUBBER)
    {
      const PwDagRect *r = &self->rubber;

      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_set_source_rgba (cr, c->accent.red, c->accent.green, c->accent.blue, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, c->accent.red, c->accent.green, c->accent.blue, 0.8);
      cairo_set_line_width (cr, 1 / self->view.scale);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
append_empty_hint (PwDagCanvas *self,
                   GtkSnapshot *snapshot,
                   int          width,
                   int          height)
{
  g_autoptr(PangoLayout) layout = NULL;
  PwDagColor dim = self->colors.dim_fg;
  int lw, lh;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                           self->editable
                                           ? _("Double-click or press Shift+A to add a task")
                                           : _("No tasks"));
  pango_layout_get_pixel_size (layout, &lw, &lh);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - lw) / 2.0, (height - lh) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout,
                              &(GdkRGBA) { dim.red, dim.green, dim.blue, dim.alpha });
  gtk_snapshot_restore (snapshot);
}

/**
 * _pw_dag_canvas_snapshot: (skip)
 *
 * The snapshot vfunc.
 */
void
_pw_dag_canvas_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  PwDagColor bg = self->colors.background;

  if (width <= 0 || height <= 0)
    return;

  if (scene == NULL || scene->n_nodes == 0)
    {
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { bg.red, bg.green, bg.blue, bg.alpha },
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));
      append_empty_hint (self, snapshot, width, height);
    }
  else
    {
      PwDagLayer *layer = &self->static_layer;
      PwDagRect visible = _pw_dag_canvas_visible_rect (self);

      _pw_dag_canvas_ensure_static_layer (self);

      /* The background, unless the static layer (opaque) covers the view:
       * painting it under the layer would be a full-view fill for
       * nothing, and a layer drawn onto a clear target is copied straight
       * from its image. */
      if (layer->node == NULL || layer->scale != self->view.scale ||
          !pw_dag_rect_contains_rect (&layer->region, &visible))
        gtk_snapshot_append_color (snapshot, &(GdkRGBA) { bg.red, bg.green, bg.blue, bg.alpha },
                                   &GRAPHENE_RECT_INIT (0, 0, width, height));

      if (layer->node != NULL)
        _pw_dag_canvas_append_layer (self, snapshot, layer, 0, 0);

      append_selection (self, snapshot);

      if (self->drag_mode == PW_DAG_DRAG_MOVE)
        {
          _pw_dag_canvas_ensure_drag_layer (self);
          if (self->drag_layer.node != NULL)
            _pw_dag_canvas_append_layer (self, snapshot, &self->drag_layer, self->drag_dx, self->drag_dy);
        }

      append_overlay (self, snapshot, width, height);
    }

  if (gtk_widget_get_visible (self->minimap))
    gtk_widget_snapshot_child (widget, self->minimap, snapshot);
}
