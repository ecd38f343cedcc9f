/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-minimap"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-dag-canvas-private.h"
#include "pw-dag-minimap.h"

/*
 * PwDagMinimap: the whole flow in the corner of its canvas, with the part
 * in view outlined. Pressing or dragging in it moves the view there.
 *
 * The flow is painted once (at the low level of detail) into a texture,
 * again only when the canvas says its scene changed; each frame draws that
 * texture and the outline of the view.
 */

#define WIDTH 200
#define HEIGHT 130
#define PAD 6.0
#define RADIUS 8.0

struct _PwDagMinimap
{
  GtkWidget    parent_instance;

  PwDagCanvas *canvas;      /* the parent, not a reference */
  GdkTexture  *texture;
  PwDagRect    bounds;      /* world shown */
  double       scale;       /* minimap pixels per world unit */
  double       ox, oy;      /* where the world rectangle starts */
};

G_DEFINE_FINAL_TYPE (PwDagMinimap, pw_dag_minimap, GTK_TYPE_WIDGET)

static void
pw_dag_minimap_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? WIDTH : HEIGHT;
}

/* Where the world is drawn in the minimap. */
static gboolean
update_geometry (PwDagMinimap *self,
                 PwDagScene   *scene)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PAD;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * PAD;

  if (scene == NULL || scene->n_nodes == 0 || w <= 0 || h <= 0)
    return FALSE;

  self->bounds = pw_dag_scene_get_bounds (scene);
  self->bounds = pw_dag_rect_inflate (&self->bounds, 16, 16);
  self->scale = MIN (w / self->bounds.width, h / self->bounds.height);
  self->ox = PAD + (w - self->bounds.width * self->scale) / 2;
  self->oy = PAD + (h - self->bounds.height * self->scale) / 2;
  return TRUE;
}

static void
paint_texture (PwDagMinimap *self,
               PwDagScene   *scene)
{
  int device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int width = MAX (1, (int) ceil (self->bounds.width * self->scale * device));
  int height = MAX (1, (int) ceil (self->bounds.height * self->scale * device));
  PwDagPaintOptions options;
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, self->scale * device, self->scale * device);
  cairo_translate (cr, -self->bounds.x, -self->bounds.y);

  pw_dag_paint_options_init (&options, &self->canvas->colors, self->scale, &self->bounds);
  options.device_scale = device;
  options.lod = PW_DAG_LOD_DOTS;
  options.flags = 0;
  pw_dag_paint_scene (cr, scene, &options);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  g_set_object (&self->texture, NULL);
  self->texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                          cairo_image_surface_get_stride (surface));
}

static void
pw_dag_minimap_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PwDagMinimap *self = PW_DAG_MINIMAP (widget);
  PwDagScene *scene;
  const PwDagColors *c;
  PwDagRect visible;
  GskRoundedRect outline;
  float w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkRGBA card, border, accent;
  double x0, y0, x1, y1;

  if (self->canvas == NULL)
    return;

  scene = _pw_dag_canvas_ensure_scene (self->canvas);
  if (!update_geometry (self, scene))
    return;

  c = &self->canvas->colors;
  card = (GdkRGBA) { c->card.red, c->card.green, c->card.blue, 0.92 };
  border = (GdkRGBA) { c->card_border.red, c->card_border.green, c->card_border.blue, c->card_border.alpha };
  accent = (GdkRGBA) { c->accent.red, c->accent.green, c->accent.blue, 1.0 };

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, w, h), RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &card, &GRAPHENE_RECT_INIT (0, 0, w, h));

  if (self->texture == NULL)
    paint_texture (self, scene);
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (self->ox, self->oy,
                                                    self->bounds.width * self->scale,
                                                    self->bounds.height * self->scale));

  /* The part of the flow in view, clipped to the minimap. */
  visible = pw_dag_view_visible_rect (&self->canvas->view,
                                      gtk_widget_get_width (GTK_WIDGET (self->canvas)),
                                      gtk_widget_get_height (GTK_WIDGET (self->canvas)));
  x0 = CLAMP (self->ox + (visible.x - self->bounds.x) * self->scale, 1, w - 1);
  y0 = CLAMP (self->oy + (visible.y - self->bounds.y) * self->scale, 1, h - 1);
  x1 = CLAMP (self->ox + (visible.x + visible.width - self->bounds.x) * self->scale, 1, w - 1);
  y1 = CLAMP (self->oy + (visible.y + visible.height - self->bounds.y) * self->scale, 1, h - 1);
  if (x1 > x0 && y1 > y0)
    {
      GskRoundedRect view;
      float widths[4] = { 1.5, 1.5, 1.5, 1.5 };
      GdkRGBA colors[4] = { accent, accent, accent, accent };
      GdkRGBA fill = accent;

      fill.alpha = 0.12;
      gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
      gsk_rounded_rect_init_from_rect (&view, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0), 2);
      gtk_snapshot_append_border (snapshot, &view, widths, colors);
    }

  gtk_snapshot_pop (snapshot);

  {
    float widths[4] = { 1, 1, 1, 1 };
    GdkRGBA colors[4] = { border, border, border, border };

    gtk_snapshot_append_border (snapshot, &outline, widths, colors);
  }
}

static void
move_view_to (PwDagMinimap *self,
              double        x,
              double        y)
{
  PwDagPoint world;
  PwDagView view;

  if (self->canvas == NULL || self->scale <= 0)
    return;

  world = (PwDagPoint) { self->bounds.x + (x - self->ox) / self->scale,
                         self->bounds.y + (y - self->oy) / self->scale };
  view = pw_dag_view_center_on (&self->canvas->view, world,
                                gtk_widget_get_width (GTK_WIDGET (self->canvas)),
                                gtk_widget_get_height (GTK_WIDGET (self->canvas)));
  _pw_dag_canvas_set_view (self->canvas, &view, FALSE);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PwDagMinimap   *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  move_view_to (self, x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                PwDagMinimap   *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  move_view_to (self, x + dx, y + dy);
}

static void
pw_dag_minimap_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  pw_dag_minimap_invalidate (PW_DAG_MINIMAP (widget));
}

static void
pw_dag_minimap_dispose (GObject *object)
{
  PwDagMinimap *self = (PwDagMinimap *)object;

  g_clear_object (&self->texture);
  self->canvas = NULL;

  G_OBJECT_CLASS (pw_dag_minimap_parent_class)->dispose (object);
}

static void
pw_dag_minimap_class_init (PwDagMinimapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_dag_minimap_dispose;
  widget_class->measure = pw_dag_minimap_measure;
  widget_class->size_allocate = pw_dag_minimap_size_allocate;
  widget_class->snapshot = pw_dag_minimap_snapshot;

  gtk_widget_class_set_css_name (widget_class, "dagminimap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pw_dag_minimap_init (PwDagMinimap *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "default");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Overview of the flow"), -1);
}

/**
 * pw_dag_minimap_new:
 *
 * Returns: (transfer floating): a new minimap
 */
GtkWidget *
pw_dag_minimap_new (void)
{
  return g_object_new (PW_TYPE_DAG_MINIMAP, NULL);
}

/**
 * pw_dag_minimap_set_canvas:
 * @canvas: the canvas the minimap belongs to (its parent)
 */
void
pw_dag_minimap_set_canvas (PwDagMinimap *self,
                           PwDagCanvas  *canvas)
{
  g_return_if_fail (PW_IS_DAG_MINIMAP (self));

  self->canvas = canvas;
  pw_dag_minimap_invalidate (self);
}

/**
 * pw_dag_minimap_invalidate:
 *
 * The scene or its colours changed: paint the flow again.
 */
void
pw_dag_minimap_invalidate (PwDagMinimap *self)
{
  g_return_if_fail (PW_IS_DAG_MINIMAP (self));

  g_clear_object (&self->texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
