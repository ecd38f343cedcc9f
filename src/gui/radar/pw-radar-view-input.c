/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-radar-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "pw-radar-view-private.h"

/*
 * PwRadarView's drawing and input: the cached render node, the minimap,
 * colours from libadwaita's named colours; click (select, Ctrl-click to
 * extend, double-click to activate, badges to collapse, expand a sub-flow
 * or a ring), drag to pan, Ctrl+scroll and pinch to zoom, scroll to pan,
 * + and − and 0 on the keyboard, the arrows to walk the nodes, Enter to
 * activate, Escape to reset, and the radar.* actions.
 */

#define ZOOM_STEP 1.35

/* Colours */

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

/* The DAG canvas's palette, from libadwaita's named colours: accent, dark
 * style and high contrast follow. */
static void
update_colors (PwRadarView *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  PwDagColors d, *c = &self->colors;
  PwDagColor card;
  static const char * const kinds[5] = { "blue_3", "green_5", "orange_4", "purple_3", "dark_1" };
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
  for (guint k = 0; k < 5; k++)
    c->kind[k] = lookup (style, kinds[k], &d.kind[k]);
  for (guint s = 0; s < PW_N_STATE_TYPES; s++)
    c->state[s] = lookup (style, states[s], &d.state[s]);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* Pending and paused in light_5 vanish on a light background. */
  if (!dark)
    c->state[PW_STATE_TYPE_PENDING] = c->state[PW_STATE_TYPE_PAUSED] = d.state[PW_STATE_TYPE_PENDING];
  c->card_border = pw_dag_color_alpha (&c->fg, 0.2);
  c->dim_fg = pw_dag_color_alpha (&c->fg, 0.6);
  c->edge = pw_dag_color_alpha (&c->fg, 0.45);
}

void
_pw_radar_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  PwRadarView *self = PW_RADAR_VIEW (widget);

  GTK_WIDGET_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (widget)))->css_changed (widget, change);
  update_colors (self);
  g_clear_object (&self->pango);
  _pw_radar_view_invalidate (self);
}

/* View */

void
_pw_radar_view_invalidate (PwRadarView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_radar_view_world_to_view (PwRadarView *self,
                             double       wx,
                             double       wy,
                             double      *vx,
                             double      *vy)
{
  g_return_if_fail (PW_IS_RADAR_VIEW (self));
  *vx = wx * self->scale + self->x;
  *vy = wy * self->scale + self->y;
}

static void
view_to_world (PwRadarView *self,
               double       vx,
               double       vy,
               double      *wx,
               double      *wy)
{
  *wx = (vx - self->x) / self->scale;
  *wy = (vy - self->y) / self->scale;
}

double
pw_radar_view_get_zoom (PwRadarView *self)
{
  g_return_val_if_fail (PW_IS_RADAR_VIEW (self), 1.0);
  return self->scale;
}

void
_pw_radar_view_zoom_at (PwRadarView *self,
                        double       zoom,
                        double       vx,
                        double       vy)
{
  double wx, wy;

  zoom = CLAMP (zoom, PW_RADAR_MIN_ZOOM, PW_RADAR_MAX_ZOOM);
  view_to_world (self, vx, vy, &wx, &wy);
  self->scale = zoom;
  self->x = vx - wx * zoom;
  self->y = vy - wy * zoom;
  self->fitted = FALSE;
  _pw_radar_view_invalidate (self);
}

/**
 * pw_radar_view_set_zoom:
 * @zoom: view pixels per world unit (1 is 100 %)
 *
 * Zooms about the middle of the view.
 */
void
pw_radar_view_set_zoom (PwRadarView *self,
                        double       zoom)
{
  g_return_if_fail (PW_IS_RADAR_VIEW (self));
  _pw_radar_view_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                          gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/**
 * pw_radar_view_zoom_to_fit:
 *
 * Shows every visible node and the run, as large as fits (at most 100 %);
 * the view then keeps fitting as it is resized, until zoomed or panned by
 * hand. The rings may be cut: a radar whose tasks lean to one side (they
 * stay near their upstreams) would otherwise be mostly empty rings.
 */
void
pw_radar_view_zoom_to_fit (PwRadarView *self)
{
  int width, height;
  double x0 = -PW_RADAR_NODE_WIDTH / 2, y0 = -PW_RADAR_NODE_HEIGHT / 2;
  double x1 = -x0, y1 = -y0;
  const double margin = 2 * PW_RADAR_BADGE_RADIUS + 24;

  g_return_if_fail (PW_IS_RADAR_VIEW (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    width = height = 600;

  if (self->layout != NULL && self->layout->n_rings > 0)
    for (guint i = 0; i < self->layout->n_nodes; i++)
      {
        const PwRadarNode *node = &self->layout->nodes[i];

        if (node->hidden)
          continue;
        x0 = MIN (x0, node->x - PW_RADAR_NODE_WIDTH / 2);
        y0 = MIN (y0, node->y - PW_RADAR_NODE_HEIGHT / 2);
        x1 = MAX (x1, node->x + PW_RADAR_NODE_WIDTH / 2);
        y1 = MAX (y1, node->y + PW_RADAR_NODE_HEIGHT / 2);
      }
  x0 -= margin;
  y0 -= margin;
  x1 += margin;
  y1 += margin;

  self->scale = CLAMP (MIN (width / (x1 - x0), height / (y1 - y0)), PW_RADAR_MIN_ZOOM, 1.0);
  self->x = width / 2.0 - (x0 + x1) / 2 * self->scale;
  self->y = height / 2.0 - (y0 + y1) / 2 * self->scale;
  self->fitted = TRUE;
  _pw_radar_view_invalidate (self);
}

/**
 * pw_radar_view_center_on:
 *
 * Pans so that node @id is in the middle (what Tab focus did).
 */
void
pw_radar_view_center_on (PwRadarView *self,
                         const char  *id)
{
  PwRadarLayout *layout;
  int i;

  g_return_if_fail (PW_IS_RADAR_VIEW (self));

  layout = pw_radar_view_get_layout (self);
  i = layout != NULL ? pw_radar_layout_lookup (layout, id) : -1;
  if (i < 0)
    return;
  self->x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - layout->nodes[i].x * self->scale;
  self->y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - layout->nodes[i].y * self->scale;
  self->fitted = FALSE;
  _pw_radar_view_invalidate (self);
}

void
_pw_radar_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  PwRadarView *self = PW_RADAR_VIEW (widget);

  if (self->fitted)
    pw_radar_view_zoom_to_fit (self);
  else
    _pw_radar_view_invalidate (self);
}

/* Minimap */

static void
minimap_rect (PwRadarView *self,
              double      *x,
              double      *y)
{
  *x = gtk_widget_get_width (GTK_WIDGET (self)) - PW_RADAR_MINIMAP_SIZE - PW_RADAR_MINIMAP_MARGIN;
  *y = gtk_widget_get_height (GTK_WIDGET (self)) - PW_RADAR_MINIMAP_SIZE - PW_RADAR_MINIMAP_MARGIN;
}

static gboolean
minimap_shown (PwRadarView *self)
{
  return self->layout != NULL && self->error == NULL &&
         gtk_widget_get_width (GTK_WIDGET (self)) > 3 * PW_RADAR_MINIMAP_SIZE &&
         gtk_widget_get_height (GTK_WIDGET (self)) > 2 * PW_RADAR_MINIMAP_SIZE;
}

gboolean
_pw_radar_view_in_minimap (PwRadarView *self,
                           double       x,
                           double       y)
{
  double mx, my;

  if (!minimap_shown (self))
    return FALSE;
  minimap_rect (self, &mx, &my);
  return x >= mx && y >= my && x <= mx + PW_RADAR_MINIMAP_SIZE && y <= my + PW_RADAR_MINIMAP_SIZE;
}

/* Centres the view on the world point under (@x, @y) in the minimap. */
void
_pw_radar_view_minimap_jump (PwRadarView *self,
                             double       x,
                             double       y)
{
  double mx, my, k, wx, wy;

  minimap_rect (self, &mx, &my);
  k = PW_RADAR_MINIMAP_SIZE / 2 / self->layout->extent;
  wx = (x - mx - PW_RADAR_MINIMAP_SIZE / 2) / k;
  wy = (y - my - PW_RADAR_MINIMAP_SIZE / 2) / k;
  self->x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - wx * self->scale;
  self->y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - wy * self->scale;
  self->fitted = FALSE;
  _pw_radar_view_invalidate (self);
}

static void
paint_minimap (PwRadarView *self,
               cairo_t     *cr)
{
  const PwDagColors *c = &self->colors;
  double mx, my, k, x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  PwDagColor shadow = pw_dag_color_alpha (&c->fg, 0.12);

  minimap_rect (self, &mx, &my);
  cairo_save (cr);
  cairo_translate (cr, mx, my);

  cairo_new_sub_path (cr);
  cairo_arc (cr, PW_RADAR_MINIMAP_SIZE / 2, PW_RADAR_MINIMAP_SIZE / 2, PW_RADAR_MINIMAP_SIZE / 2 + 4, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, c->card.red, c->card.green, c->card.blue, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, shadow.red, shadow.green, shadow.blue, shadow.alpha);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  pw_radar_paint_minimap (cr, self->layout, c, PW_RADAR_MINIMAP_SIZE);

  /* The viewport, clipped to the minimap's disc. */
  k = PW_RADAR_MINIMAP_SIZE / 2 / self->layout->extent;
  view_to_world (self, 0, 0, &x0, &y0);
  view_to_world (self, width, height, &x1, &y1);
  cairo_arc (cr, PW_RADAR_MINIMAP_SIZE / 2, PW_RADAR_MINIMAP_SIZE / 2, PW_RADAR_MINIMAP_SIZE / 2 + 4, 0, 2 * G_PI);
  cairo_clip (cr);
  cairo_rectangle (cr, PW_RADAR_MINIMAP_SIZE / 2 + x0 * k, PW_RADAR_MINIMAP_SIZE / 2 + y0 * k,
                   (x1 - x0) * k, (y1 - y0) * k);
  cairo_set_source_rgba (cr, c->accent.red, c->accent.green, c->accent.blue, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, c->accent.red, c->accent.green, c->accent.blue, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Drawing */

static PangoContext *
ensure_pango (PwRadarView *self)
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

static GskRenderNode *
render (PwRadarView *self,
        int          width,
        int          height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  PwRadarPaintOptions options;
  PwDagRect region;
  cairo_t *cr;
  double wx0, wy0, wx1, wy1;

  view_to_world (self, 0, 0, &wx0, &wy0);
  view_to_world (self, width, height, &wx1, &wy1);
  region = (PwDagRect) { wx0, wy0, wx1 - wx0, wy1 - wy0 };

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pw_radar_paint_options_init (&options, &self->colors, self->scale, &region);
  options.device_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  options.pango = ensure_pango (self);
  options.hover = self->hover;
  options.selected = self->selected_mask;

  cairo_translate (cr, self->x, self->y);
  cairo_scale (cr, self->scale, self->scale);
  pw_radar_paint (cr, self->layout, &options);
  cairo_destroy (cr);

  return gtk_snapshot_free_to_node (snapshot);
}

static void
snapshot_message (PwRadarView *self,
                  GtkSnapshot *snapshot,
                  const char  *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int lw, lh;
  GdkRGBA color = { self->colors.dim_fg.red, self->colors.dim_fg.green, self->colors.dim_fg.blue,
                    self->colors.dim_fg.alpha };

  pango_layout_set_width (layout, MAX (width - 48, 1) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (24, (height - lh) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

void
_pw_radar_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PwRadarView *self = PW_RADAR_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  if (self->error != NULL || self->layout == NULL)
    {
      GdkRGBA bg = { self->colors.background.red, self->colors.background.green,
                     self->colors.background.blue, 1 };

      gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (self->error != NULL)
        snapshot_message (self, snapshot, self->error);
      return;
    }

  if (self->cache == NULL || self->cache_width != width || self->cache_height != height)
    {
      g_clear_pointer (&self->cache, gsk_render_node_unref);
      self->cache = render (self, width, height);
      self->cache_width = width;
      self->cache_height = height;
    }
  gtk_snapshot_append_node (snapshot, self->cache);

  if (minimap_shown (self))
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      paint_minimap (self, cr);
      cairo_destroy (cr);
    }
}

/* Input */

/**
 * pw_radar_view_click:
 * @x: view x
 * @y: view y
 * @n_press: 1 for a click, 2 for a double-click
 * @state: the modifiers (Ctrl extends the selection)
 *
 * What a click at (@x, @y) does: on the minimap, jump there; on a “+N”,
 * expand its ring; on a collapse badge, collapse or expand the subtree; on
 * a sub-flow's chevron, expand or collapse the sub-flow inline; on a node,
 * select it (Ctrl: toggle it in the selection) or, on a double-click,
 * activate it; elsewhere, clear the selection.
 */
void
pw_radar_view_click (PwRadarView     *self,
                     double           x,
                     double           y,
                     int              n_press,
                     GdkModifierType  state)
{
  PwRadarLayout *layout;
  PwRadarHit hit;
  double wx, wy;
  gboolean extend = (state & GDK_CONTROL_MASK) != 0;

  g_return_if_fail (PW_IS_RADAR_VIEW (self));

  layout = pw_radar_view_get_layout (self);
  if (layout == NULL || self->error != NULL)
    return;

  if (_pw_radar_view_in_minimap (self, x, y))
    {
      _pw_radar_view_minimap_jump (self, x, y);
      return;
    }

  view_to_world (self, x, y, &wx, &wy);
  hit = pw_radar_layout_hit (layout, wx, wy);

  switch (hit.kind)
    {
    case PW_RADAR_HIT_OVERFLOW:
      if (n_press == 1)
        pw_radar_view_expand_ring (self, hit.index);
      break;

    case PW_RADAR_HIT_COLLAPSE:
      if (n_press == 1)
        pw_radar_view_set_collapsed (self, layout->nodes[hit.index].id, !layout->nodes[hit.index].collapsed);
      break;

    case PW_RADAR_HIT_SUBFLOW:
      if (n_press == 1)
        pw_radar_view_set_subflow_expanded (self, layout->nodes[hit.index].id,
                                            !layout->nodes[hit.index].expanded);
      break;

    case PW_RADAR_HIT_NODE:
      if (n_press == 2)
        pw_radar_view_activate (self, layout->nodes[hit.index].id);
      else if (n_press == 1)
        pw_radar_view_select (self, layout->nodes[hit.index].id, extend);
      break;

    case PW_RADAR_HIT_NONE:
    default:
      if (n_press == 1 && !extend)
        pw_radar_view_select (self, NULL, FALSE);
      break;
    }
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PwRadarView     *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  pw_radar_view_click (self, x, y, n_press, state);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PwRadarView    *self)
{
  self->drag_x = self->x;
  self->drag_y = self->y;
  self->minimap_drag = _pw_radar_view_in_minimap (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                PwRadarView    *self)
{
  double sx, sy;

  if (self->minimap_drag)
    {
      gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
      _pw_radar_view_minimap_jump (self, sx + dx, sy + dy);
      return;
    }
  if (fabs (dx) < 3 && fabs (dy) < 3)
    return;
  self->x = self->drag_x + dx;
  self->y = self->drag_y + dy;
  self->fitted = FALSE;
  _pw_radar_view_invalidate (self);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           PwRadarView              *self)
{
  PwRadarHit hit = { PW_RADAR_HIT_NONE, 0 };
  double wx, wy;
  int hover;

  if (self->layout != NULL && self->error == NULL && !_pw_radar_view_in_minimap (self, x, y))
    {
      view_to_world (self, x, y, &wx, &wy);
      hit = pw_radar_layout_hit (self->layout, wx, wy);
    }

  hover = hit.kind == PW_RADAR_HIT_NODE || hit.kind == PW_RADAR_HIT_SUBFLOW ? (int)hit.index : -1;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hit.kind != PW_RADAR_HIT_NONE ? "pointer" : NULL);
  if (hover != self->hover)
    {
      self->hover = hover;
      /* Not drawn at the lowest detail: keep the frame. */
      if (pw_radar_lod_for_scale (self->scale) != PW_RADAR_LOD_DOTS)
        _pw_radar_view_invalidate (self);
    }
}

static void
leave_cb (GtkEventControllerMotion *motion,
          PwRadarView              *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      _pw_radar_view_invalidate (self);
    }
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           PwRadarView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (scroll));
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (event != NULL)
    {
      double ex, ey;

      if (gdk_event_get_position (event, &ex, &ey))
        {
          graphene_point_t p;

          /* The event is in the surface's coordinates. */
          if (gtk_widget_compute_point (GTK_WIDGET (gtk_widget_get_native (GTK_WIDGET (self))),
                                        GTK_WIDGET (self), &GRAPHENE_POINT_INIT (ex, ey), &p))
            {
              x = p.x;
              y = p.y;
            }
        }
    }

  if (state & GDK_CONTROL_MASK)
    _pw_radar_view_zoom_at (self, self->scale * pow (ZOOM_STEP, -dy), x, y);
  else
    {
      self->x -= dx * 40;
      self->y -= dy * 40;
      self->fitted = FALSE;
      _pw_radar_view_invalidate (self);
    }
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               PwRadarView      *self)
{
  self->zoom_begin = self->scale;
}

static void
zoom_scale_cb (GtkGestureZoom *gesture,
               double          scale,
               PwRadarView    *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  _pw_radar_view_zoom_at (self, self->zoom_begin * scale, x, y);
}

void
_pw_radar_view_setup_input (PwRadarView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* Primary or middle button drags pan. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

/* Actions */

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  PwRadarView *self = PW_RADAR_VIEW (widget);

  pw_radar_view_set_zoom (self, self->scale * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  PwRadarView *self = PW_RADAR_VIEW (widget);

  pw_radar_view_set_zoom (self, self->scale / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  pw_radar_view_zoom_to_fit (PW_RADAR_VIEW (widget));
}

static void
zoom_100_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  pw_radar_view_set_zoom (PW_RADAR_VIEW (widget), 1.0);
}

/* radar.reset: no selection, no collapsed subtree, fitted (the original's
 * “reset”). */
static void
reset_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  PwRadarView *self = PW_RADAR_VIEW (widget);

  g_hash_table_remove_all (self->selected);
  g_hash_table_remove_all (self->collapsed);
  _pw_radar_view_queue_relayout (self);
  pw_radar_view_zoom_to_fit (self);
}

/* radar.activate: Enter on the one selected node. */
static void
activate_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  PwRadarView *self = PW_RADAR_VIEW (widget);
  g_auto(GStrv) selected = pw_radar_view_get_selected (self);

  if (g_strv_length (selected) == 1)
    pw_radar_view_activate (self, selected[0]);
}

static int
compare_ring_angle (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  PwRadarLayout *layout = data;
  const PwRadarNode *x = &layout->nodes[*(const guint *)a];
  const PwRadarNode *y = &layout->nodes[*(const guint *)b];

  if (x->ring != y->ring)
    return x->ring < y->ring ? -1 : 1;
  if (x->angle != y->angle)
    return x->angle < y->angle ? -1 : 1;
  return *(const guint *)a < *(const guint *)b ? -1 : *(const guint *)a > *(const guint *)b;
}

/* radar.select-next, radar.select-previous: the keyboard walks the nodes
 * ring by ring, clockwise, and the view follows the one selected (what
 * Tab focus did in the original). */
static void
step_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  PwRadarView *self = PW_RADAR_VIEW (widget);
  PwRadarLayout *layout = pw_radar_view_get_layout (self);
  g_autoptr(GArray) order = NULL;
  gboolean forward = g_str_equal (name, "radar.select-next");
  int current = -1;
  guint next;

  if (layout == NULL || self->error != NULL)
    return;

  order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < layout->n_nodes; i++)
    if (!layout->nodes[i].hidden)
      g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_ring_angle, layout);

  for (guint k = 0; k < order->len && current < 0; k++)
    if (self->selected_mask[g_array_index (order, guint, k)])
      current = k;

  if (current < 0)
    next = forward ? 0 : order->len - 1;
  else
    next = (current + (forward ? 1 : order->len - 1)) % order->len;

  pw_radar_view_select (self, layout->nodes[g_array_index (order, guint, next)].id, FALSE);
  pw_radar_view_center_on (self, layout->nodes[g_array_index (order, guint, next)].id);
}

void
_pw_radar_view_class_input (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "radar.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "radar.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "radar.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "radar.zoom-100", NULL, zoom_100_action);
  gtk_widget_class_install_action (widget_class, "radar.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "radar.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "radar.select-next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "radar.select-previous", NULL, step_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "radar.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "radar.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "radar.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "radar.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "radar.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "radar.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "radar.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "radar.zoom-100", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "radar.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "radar.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "radar.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "radar.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "radar.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "radar.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "radar.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "radar.select-previous", NULL);
}
