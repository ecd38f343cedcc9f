/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-canvas"

#include "config.h"

#include <math.h>

#include "pw-dag-canvas-layers.h"
#include "pw-dag-minimap.h"

/*
 * The canvas's cached layers (see pw-dag-canvas-render.c): the static
 * scene, painted into an image over the view and a margin around it, and
 * the tasks being dragged. A new static layer is painted in two goes: in
 * the frame, what is in view; after it, the margin. A pan reuses it, and
 * past the margin keeps what is still in view and paints only the strips
 * that came into view. The minimap, which paints the whole flow, follows
 * a change a frame later.
 */

#define MARGIN_MIN_PX 64.0
#define MARGIN_FRACTION 16.0
#define ZOOM_SETTLE_MS 150

static void
clear_layer (PwDagLayer *layer)
{
  g_clear_pointer (&layer->node, gsk_render_node_unref);
  g_clear_pointer (&layer->image, cairo_surface_destroy);
  layer->valid = FALSE;
}

void
_pw_dag_canvas_clear_layers (PwDagCanvas *self)
{
  clear_layer (&self->static_layer);
  clear_layer (&self->drag_layer);
  g_clear_pointer (&self->selection_node, gsk_render_node_unref);
}

static GQuark
minimap_pending_quark (void)
{
  return g_quark_from_static_string ("pw-dag-minimap-pending");
}

static gboolean
minimap_invalidate_cb (gpointer user_data)
{
  GtkWidget *minimap = user_data;

  g_object_set_qdata (G_OBJECT (minimap), minimap_pending_quark (), NULL);
  if (gtk_widget_get_parent (minimap) != NULL)
    pw_dag_minimap_invalidate (PW_DAG_MINIMAP (minimap));
  return G_SOURCE_REMOVE;
}

/* The minimap paints the whole flow again, which costs about as much as
 * the canvas's own layer at 100 %: it does so in the frame after the one
 * that shows the change (from an idle, after GTK's redraw), which keeps its
 * old picture a frame longer and the frame of the change short. Several
 * changes before the idle make one repaint. */
static void
invalidate_minimap_soon (PwDagCanvas *self)
{
  GObject *minimap = G_OBJECT (self->minimap);

  if (g_object_get_qdata (minimap, minimap_pending_quark ()) != NULL)
    return;
  g_object_set_qdata (minimap, minimap_pending_quark (), GINT_TO_POINTER (1));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, minimap_invalidate_cb, g_object_ref (minimap), g_object_unref);
}

/**
 * _pw_dag_canvas_invalidate_layers: (skip)
 *
 * The scene changed: every cached layer is painted again in the next
 * frame, the minimap in the one after. The old static image is kept to be
 * shown scaled while a zoom gesture goes on.
 */
void
_pw_dag_canvas_invalidate_layers (PwDagCanvas *self)
{
  self->static_layer.valid = FALSE;
  self->drag_layer.valid = FALSE;
  g_clear_pointer (&self->selection_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->minimap != NULL)
    invalidate_minimap_soon (self);
}

void
_pw_dag_canvas_invalidate_selection (PwDagCanvas *self)
{
  g_clear_pointer (&self->selection_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The render node that draws @layer's image, in device pixels. */
static void
make_layer_node (PwDagLayer *layer)
{
  int width = cairo_image_surface_get_width (layer->image);
  int height = cairo_image_surface_get_height (layer->image);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_set_source_surface (cr, layer->image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);

  g_clear_pointer (&layer->node, gsk_render_node_unref);
  layer->node = gtk_snapshot_free_to_node (snapshot);
}

/* Paints @region of the world at the current zoom into @cr, whose origin
 * is the top-left corner of @origin: the whole scene (leaving out @skip),
 * or only the nodes of @only. */
static void
paint_region (PwDagCanvas     *self,
              cairo_t         *cr,
              const PwDagRect *origin,
              const PwDagRect *region,
              const guint8    *skip,
              const guint8    *only)
{
  int device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double px = self->view.scale * device;
  PwDagPaintOptions options = _pw_dag_canvas_paint_options (self, region);

  /* An image is painted in pieces (what is in view, then the margin;
   * strips after a pan), which must look alike. */
  options.lod_region = origin;

  cairo_save (cr);
  cairo_scale (cr, px, px);
  cairo_translate (cr, -origin->x, -origin->y);
  cairo_rectangle (cr, region->x, region->y, region->width, region->height);
  cairo_clip (cr);

  options.skip = skip;
  if (only != NULL)
    {
      options.flags &= ~PW_DAG_PAINT_BACKGROUND;
      pw_dag_paint_subset (cr, self->scene, &options, only);
    }
  else
    pw_dag_paint_scene (cr, self->scene, &options);

  cairo_restore (cr);
}

/* An image for @region at the current zoom: transparent, or opaque and
 * left as it comes from malloc() (clearing megabytes that are painted
 * over at once is a good part of a redraw) but for the last row and
 * column, which @region may cover only in part: they are the
 * background. */
static cairo_surface_t *
new_image (PwDagCanvas     *self,
           const PwDagRect *region,
           gboolean         opaque)
{
  static cairo_user_data_key_t data_key;
  int device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double px = self->view.scale * device;
  int width = MAX (1, (int) ceil (region->width * px));
  int height = MAX (1, (int) ceil (region->height * px));
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, width);
  const PwDagColor *bg = &self->colors.background;
  cairo_surface_t *image;
  guchar *data;
  cairo_t *cr;
  int full_width, full_height;

  if (!opaque)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  data = g_malloc ((gsize) stride * height);
  image = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_RGB24, width, height, stride);
  if (cairo_surface_set_user_data (image, &data_key, data, g_free) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      g_free (data);
      return cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
    }

  full_width = MIN (width, (int) floor (region->width * px));
  full_height = MIN (height, (int) floor (region->height * px));
  if (full_width < width || full_height < height)
    {
      cr = cairo_create (image);
      cairo_rectangle (cr, full_width, 0, width - full_width, height);
      cairo_rectangle (cr, 0, full_height, width, height - full_height);
      cairo_set_source_rgb (cr, bg->red, bg->green, bg->blue);
      cairo_fill (cr);
      cairo_destroy (cr);
    }

  return image;
}

/* Paints @region at the current zoom into @layer: the whole scene (leaving
 * out @skip) on an opaque image, or only the nodes of @only on a
 * transparent one. */
static void
paint_layer (PwDagCanvas     *self,
             PwDagLayer      *layer,
             const PwDagRect *region,
             const guint8    *skip,
             const guint8    *only)
{
  cairo_t *cr;

  clear_layer (layer);
  layer->image = new_image (self, region, only == NULL);
  cr = cairo_create (layer->image);
  paint_region (self, cr, region, region, skip, only);
  cairo_destroy (cr);
  cairo_surface_flush (layer->image);

  layer->region = *region;
  layer->scale = self->view.scale;
  layer->device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  layer->valid = TRUE;
  make_layer_node (layer);
}

/* The parts of @outer around @inner (which it contains): above, below,
 * left, right; some may be empty. */
static void
strips_around (const PwDagRect *outer,
               const PwDagRect *inner,
               PwDagRect        strips[4])
{
  strips[0] = (PwDagRect) { outer->x, outer->y, outer->width, inner->y - outer->y };
  strips[1] = (PwDagRect) { outer->x, inner->y + inner->height, outer->width,
                            outer->y + outer->height - inner->y - inner->height };
  strips[2] = (PwDagRect) { outer->x, inner->y, inner->x - outer->x, inner->height };
  strips[3] = (PwDagRect) { inner->x + inner->width, inner->y, outer->x + outer->width - inner->x - inner->width,
                            inner->height };
}

static gboolean
rect_empty (const PwDagRect *r)
{
  return r->width <= 1e-9 || r->height <= 1e-9;
}

/* Moves the static layer to @region at the same zoom: what the old image
 * holds of it is copied, and only the strips that were not in it are
 * painted. */
static void
scroll_layer (PwDagCanvas     *self,
              PwDagLayer      *layer,
              const PwDagRect *region,
              const guint8    *skip)
{
  double px = layer->scale * layer->device;
  /* Whole device pixels, so that the copy is exact: the new region is
   * @region moved onto the old one's pixel grid. */
  double dx = round ((layer->region.x - region->x) * px);
  double dy = round ((layer->region.y - region->y) * px);
  PwDagRect fresh = { layer->region.x - dx / px, layer->region.y - dy / px, region->width, region->height };
  PwDagRect kept;
  cairo_surface_t *image = new_image (self, &fresh, TRUE);
  cairo_t *cr = cairo_create (image);

  cairo_set_source_surface (cr, layer->image, dx, dy);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

  pw_dag_rect_intersect (&layer->region, &fresh, &kept);

  /* The strips around what was kept. */
  {
    PwDagRect strips[4];

    strips_around (&fresh, &kept, strips);
    for (guint i = 0; i < 4; i++)
      if (!rect_empty (&strips[i]))
        paint_region (self, cr, &fresh, &strips[i], skip, NULL);
  }

  cairo_destroy (cr);
  cairo_surface_flush (image);

  g_clear_pointer (&layer->image, cairo_surface_destroy);
  layer->image = image;
  layer->region = fresh;
  make_layer_node (layer);
}

PwDagRect
_pw_dag_canvas_visible_rect (PwDagCanvas *self)
{
  return pw_dag_view_visible_rect (&self->view, gtk_widget_get_width (GTK_WIDGET (self)),
                                   gtk_widget_get_height (GTK_WIDGET (self)));
}

PwDagRect
_pw_dag_canvas_cache_region (PwDagCanvas *self)
{
  PwDagRect visible = _pw_dag_canvas_visible_rect (self);
  double mx = round (MAX (MARGIN_MIN_PX, gtk_widget_get_width (GTK_WIDGET (self)) / MARGIN_FRACTION)) / self->view.scale;
  double my = round (MAX (MARGIN_MIN_PX, gtk_widget_get_height (GTK_WIDGET (self)) / MARGIN_FRACTION)) / self->view.scale;

  return pw_dag_rect_inflate (&visible, mx, my);
}

void
_pw_dag_canvas_append_layer (PwDagCanvas      *self,
              GtkSnapshot      *snapshot,
              const PwDagLayer *layer,
              double            dx,
              double            dy)
{
  const PwDagView *v = &self->view;
  double x = (layer->region.x + dx - v->x) * v->scale;
  double y = (layer->region.y + dy - v->y) * v->scale;
  double zoom = v->scale / layer->scale / layer->device;

  /* At the layer's own zoom, on whole device pixels, so that the image is
   * copied as it is; scaled only while a zoom gesture goes on. */
  if (v->scale == layer->scale)
    {
      x = round (x * layer->device) / layer->device;
      y = round (y * layer->device) / layer->device;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_scale (snapshot, zoom, zoom);
  gtk_snapshot_append_node (snapshot, layer->node);
  gtk_snapshot_restore (snapshot);
}

static gboolean
settle_cb (gpointer user_data)
{
  PwDagCanvas *self = user_data;

  self->settle_id = 0;
  self->zoom_changed_at = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/*
 * A new static layer is painted in two goes: in the frame, what is in
 * view, with the margin filled with the background; after the frame (an
 * idle after GTK's redraw), the margin, into the same image. Until then
 * the canvas keeps, as qdata, the part of the layer's region painted.
 */
static GQuark
painted_quark (void)
{
  return g_quark_from_static_string ("pw-dag-canvas-painted");
}

static GQuark
finish_quark (void)
{
  return g_quark_from_static_string ("pw-dag-canvas-finish");
}

static void
set_painted (PwDagCanvas     *self,
             const PwDagRect *painted)
{
  g_object_set_qdata_full (G_OBJECT (self), painted_quark (),
                           painted != NULL ? g_memdup2 (painted, sizeof *painted) : NULL, g_free);
}

/* Paints the margin of the static layer if it was left for later. */
static void
finish_static_layer (PwDagCanvas *self)
{
  PwDagLayer *layer = &self->static_layer;
  const PwDagRect *painted = g_object_get_qdata (G_OBJECT (self), painted_quark ());
  const guint8 *skip = self->drag_mode == PW_DAG_DRAG_MOVE ? self->drag_set : NULL;
  PwDagRect strips[4];
  cairo_t *cr;

  if (painted == NULL)
    return;

  if (self->scene != NULL && layer->valid && layer->image != NULL)
    {
      strips_around (&layer->region, painted, strips);
      cr = cairo_create (layer->image);
      for (guint i = 0; i < 4; i++)
        if (!rect_empty (&strips[i]))
          paint_region (self, cr, &layer->region, &strips[i], skip, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (layer->image);
      /* What is in view did not change: the next frame takes the new node,
       * no need for one now. */
      make_layer_node (layer);
    }

  set_painted (self, NULL);
}

static gboolean
finish_cb (gpointer user_data)
{
  g_autoptr(PwDagCanvas) self = g_weak_ref_get (user_data);

  if (self != NULL)
    {
      g_object_set_qdata (G_OBJECT (self), finish_quark (), NULL);
      finish_static_layer (self);
    }
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
finish_static_layer_soon (PwDagCanvas *self)
{
  GWeakRef *ref;

  if (g_object_get_qdata (G_OBJECT (self), finish_quark ()) != NULL)
    return;

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_object_set_qdata (G_OBJECT (self), finish_quark (), GINT_TO_POINTER (1));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, finish_cb, ref, weak_ref_free);
}

/* A new static layer over @region, with only @now of it painted now. */
static void
paint_static_layer (PwDagCanvas     *self,
                    const PwDagRect *region,
                    const PwDagRect *now,
                    const guint8    *skip)
{
  PwDagLayer *layer = &self->static_layer;
  double px = self->view.scale * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  const PwDagColor *bg = &self->colors.background;
  PwDagRect part, strips[4];
  cairo_t *cr;

  if (!pw_dag_rect_intersect (region, now, &part))
    part = *region;

  clear_layer (layer);
  layer->image = new_image (self, region, TRUE);
  cr = cairo_create (layer->image);

  /* The margin: the background until it is painted. */
  cairo_save (cr);
  cairo_scale (cr, px, px);
  cairo_translate (cr, -region->x, -region->y);
  strips_around (region, &part, strips);
  for (guint i = 0; i < 4; i++)
    if (!rect_empty (&strips[i]))
      cairo_rectangle (cr, strips[i].x, strips[i].y, strips[i].width, strips[i].height);
  cairo_set_source_rgb (cr, bg->red, bg->green, bg->blue);
  cairo_fill (cr);
  cairo_restore (cr);

  paint_region (self, cr, region, &part, skip, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (layer->image);

  layer->region = *region;
  layer->scale = self->view.scale;
  layer->device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  layer->valid = TRUE;
  make_layer_node (layer);

  if (pw_dag_rect_contains_rect (&part, region))
    set_painted (self, NULL);
  else
    {
      set_painted (self, &part);
      finish_static_layer_soon (self);
    }
}

void
_pw_dag_canvas_ensure_static_layer (PwDagCanvas *self)
{
  PwDagLayer *layer = &self->static_layer;
  PwDagRect visible = _pw_dag_canvas_visible_rect (self);
  int device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  gboolean same_zoom = layer->valid && layer->scale == self->view.scale && layer->device == device;
  const guint8 *skip = self->drag_mode == PW_DAG_DRAG_MOVE ? self->drag_set : NULL;
  PwDagRect region;

  if (same_zoom && pw_dag_rect_contains_rect (&layer->region, &visible))
    {
      const PwDagRect *painted = g_object_get_qdata (G_OBJECT (self), painted_quark ());

      /* A pan into the margin before it was painted. */
      if (painted != NULL && !pw_dag_rect_contains_rect (painted, &visible))
        finish_static_layer (self);
      return;
    }

  /* A zoom gesture in progress: show the old image scaled for now. */
  if (layer->image != NULL && layer->scale != self->view.scale && self->zoom_changed_at != 0 &&
      g_get_monotonic_time () - self->zoom_changed_at < ZOOM_SETTLE_MS * G_TIME_SPAN_MILLISECOND)
    {
      if (self->settle_id == 0)
        self->settle_id = g_timeout_add (ZOOM_SETTLE_MS, settle_cb, self);
      return;
    }

  region = _pw_dag_canvas_cache_region (self);
  if (same_zoom && pw_dag_rect_intersects (&layer->region, &region))
    {
      /* The margin first, if it was left for later: it is copied. */
      finish_static_layer (self);
      scroll_layer (self, layer, &region, skip);
    }
  else
    {
      /* What is in view first, the margin after the frame: the margin is
       * almost a third more to paint. */
      paint_static_layer (self, &region, &visible, skip);
    }

  /* The selection layer covers the same region. */
  g_clear_pointer (&self->selection_node, gsk_render_node_unref);
}

void
_pw_dag_canvas_ensure_drag_layer (PwDagCanvas *self)
{
  PwDagLayer *layer = &self->drag_layer;
  PwDagRect visible = _pw_dag_canvas_visible_rect (self);
  PwDagRect want, around, region;

  /* The part of the dragged tasks that is in view now, where they were
   * when the drag began. */
  visible.x -= self->drag_dx;
  visible.y -= self->drag_dy;
  if (!pw_dag_rect_intersect (&self->drag_bounds, &visible, &want))
    return;

  if (layer->valid && layer->scale == self->view.scale &&
      pw_dag_rect_contains_rect (&layer->region, &want))
    return;

  /* The dragged tasks, or as much of them as lies within a view's size of
   * what is seen. */
  around = pw_dag_rect_inflate (&visible, visible.width, visible.height);
  if (!pw_dag_rect_intersect (&self->drag_bounds, &around, &region))
    return;

  paint_layer (self, layer, &region, NULL, self->drag_set);
}

void
_pw_dag_canvas_begin_drag_layer (PwDagCanvas *self)
{
  PwDagScene *scene = self->scene;
  PwDagRect bounds = pw_dag_scene_get_nodes_bounds (scene, self->drag_set);

  /* Room for ports, badges and the stacks of mapped tasks. */
  self->drag_bounds = pw_dag_rect_inflate (&bounds, PW_DAG_PORT_RADIUS + 12, 12);
  clear_layer (&self->drag_layer);
  self->static_layer.valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_pw_dag_canvas_end_drag_layer (PwDagCanvas *self)
{
  clear_layer (&self->drag_layer);
  self->static_layer.valid = FALSE;
  g_clear_pointer (&self->selection_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

