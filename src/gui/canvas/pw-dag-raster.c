/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-raster"

#include "config.h"

#include <math.h>

#include "pw-dag-raster.h"

/*
 * Lines into an ARGB32 image, without cairo's scan converter: see the
 * header. The painter uses this for edges when it paints into an image
 * (the canvas's cached layers, the minimap, a PNG export) and cairo paths
 * otherwise (SVG).
 */

/**
 * pw_dag_raster_begin:
 * @raster: (out caller-allocates): the raster to set up
 * @cr: a cairo context in world coordinates
 *
 * Prepares a coverage mask for the pixels behind @cr: only when they are
 * an image and the transformation only scales and moves. The caller goes
 * on with cairo paths otherwise.
 *
 * Returns: %TRUE if lines can be rasterised
 */
gboolean
pw_dag_raster_begin (PwDagRaster *raster,
                     cairo_t     *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_matrix_t m;
  double ox = 0, oy = 0;
  int width, height;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;

  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.yy <= 0)
    return FALSE;

  width = cairo_image_surface_get_width (target);
  height = cairo_image_surface_get_height (target);
  if (width <= 0 || height <= 0)
    return FALSE;

  cairo_surface_get_device_offset (target, &ox, &oy);

  *raster = (PwDagRaster) {
    .mask = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height),
    .width = width,
    .height = height,
    .sx = m.xx,
    .sy = m.yy,
    .tx = m.x0 + ox,
    .ty = m.y0 + oy,
  };
  raster->data = cairo_image_surface_get_data (raster->mask);
  raster->stride = cairo_image_surface_get_stride (raster->mask);

  return raster->data != NULL;
}

/**
 * pw_dag_raster_end:
 * @red: the colour of the lines
 *
 * Lays the lines over the image in one colour and frees the mask.
 */
void
pw_dag_raster_end (PwDagRaster *raster,
                   cairo_t     *cr,
                   double       red,
                   double       green,
                   double       blue,
                   double       alpha)
{
  cairo_surface_mark_dirty (raster->mask);

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_rgba (cr, red, green, blue, alpha);
  cairo_mask_surface (cr, raster->mask, 0, 0);
  cairo_restore (cr);

  cairo_surface_destroy (raster->mask);
  raster->mask = NULL;
  raster->data = NULL;
}

/* Coverage (0 … 256) at a pixel, keeping the larger. */
static inline void
blend (PwDagRaster *raster,
       int          x,
       int          y,
       int          coverage)
{
  guint8 *p;
  int c;

  if ((unsigned) x >= (unsigned) raster->width || (unsigned) y >= (unsigned) raster->height)
    return;

  p = raster->data + (gsize) y * raster->stride + x;
  c = MIN (coverage, 255);
  if (c > *p)
    *p = (guint8) c;
}

/* Liang–Barsky: clips the segment to [x0, x1] × [y0, y1]. */
static gboolean
clip (double *ax,
      double *ay,
      double *bx,
      double *by,
      double  x0,
      double  y0,
      double  x1,
      double  y1)
{
  double dx = *bx - *ax, dy = *by - *ay;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *ax - x0, x1 - *ax, *ay - y0, y1 - *ay };
  double t0 = 0, t1 = 1;

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      {
        double t = q[i] / p[i];

        if (p[i] < 0)
          {
            if (t > t1)
              return FALSE;
            t0 = MAX (t0, t);
          }
        else
          {
            if (t < t0)
              return FALSE;
            t1 = MIN (t1, t);
          }
      }
    }

  *bx = *ax + t1 * dx;
  *by = *ay + t1 * dy;
  *ax = *ax + t0 * dx;
  *ay = *ay + t0 * dy;
  return TRUE;
}

static void
bresenham (PwDagRaster *raster,
           double       fx0,
           double       fy0,
           double       fx1,
           double       fy1)
{
  int x0 = (int) floor (fx0), y0 = (int) floor (fy0);
  int x1 = (int) floor (fx1), y1 = (int) floor (fy1);
  int dx = ABS (x1 - x0), sx = x0 < x1 ? 1 : -1;
  int dy = -ABS (y1 - y0), sy = y0 < y1 ? 1 : -1;
  int err = dx + dy;

  for (;;)
    {
      blend (raster, x0, y0, 256);
      if (x0 == x1 && y0 == y1)
        break;
      {
        int e2 = 2 * err;

        if (e2 >= dy)
          {
            err += dy;
            x0 += sx;
          }
        if (e2 <= dx)
          {
            err += dx;
            y0 += sy;
          }
      }
    }
}

/* Xiaolin Wu's line, pixel centres at half-integers; the last pixel along
 * the major axis only when @include_end (so that the chords of a curve do
 * not darken their joints). */
static void
wu (PwDagRaster *raster,
    double       x0,
    double       y0,
    double       x1,
    double       y1,
    gboolean     include_end)
{
  gboolean steep = fabs (y1 - y0) > fabs (x1 - x0);
  double gradient;
  int start, end;
  double inter;

  if (steep)
    {
      double t;

      t = x0, x0 = y0, y0 = t;
      t = x1, x1 = y1, y1 = t;
    }

  /* Along the major axis in the direction of the line, so that the
   * excluded end is the one the next chord starts from. */
  gradient = x1 != x0 ? (y1 - y0) / (x1 - x0) : 0;
  start = (int) floor (x0);
  end = (int) floor (x1);

  if (start <= end)
    {
      if (!include_end)
        end--;
      inter = y0 + gradient * (start + 0.5 - x0) - 0.5;
      for (int x = start; x <= end; x++, inter += gradient)
        {
          int y = (int) floor (inter);
          int f = (int) ((inter - y) * 256);

          if (steep)
            {
              blend (raster, y, x, 256 - f);
              blend (raster, y + 1, x, f);
            }
          else
            {
              blend (raster, x, y, 256 - f);
              blend (raster, x, y + 1, f);
            }
        }
    }
  else
    {
      if (!include_end)
        end++;
      inter = y0 + gradient * (start + 0.5 - x0) - 0.5;
      for (int x = start; x >= end; x--, inter -= gradient)
        {
          int y = (int) floor (inter);
          int f = (int) ((inter - y) * 256);

          if (steep)
            {
              blend (raster, y, x, 256 - f);
              blend (raster, y + 1, x, f);
            }
          else
            {
              blend (raster, x, y, 256 - f);
              blend (raster, x, y + 1, f);
            }
        }
    }
}

static void
device_line (PwDagRaster *raster,
             double       ax,
             double       ay,
             double       bx,
             double       by,
             gboolean     antialias,
             gboolean     include_end)
{
  if (!clip (&ax, &ay, &bx, &by, -1, -1, raster->width + 1, raster->height + 1))
    return;

  if (antialias)
    wu (raster, ax, ay, bx, by, include_end);
  else
    bresenham (raster, ax, ay, bx, by);
}

/**
 * pw_dag_raster_line:
 * @from: a world point
 * @to: a world point
 * @antialias: Wu's line rather than Bresenham's
 *
 * Writes a one-pixel line in the current colour.
 */
void
pw_dag_raster_line (PwDagRaster *raster,
                    PwDagPoint   from,
                    PwDagPoint   to,
                    gboolean     antialias)
{
  device_line (raster,
               from.x * raster->sx + raster->tx, from.y * raster->sy + raster->ty,
               to.x * raster->sx + raster->tx, to.y * raster->sy + raster->ty,
               antialias, TRUE);
}

static void
split (const PwDagBezier *b,
       PwDagBezier       *left,
       PwDagBezier       *right)
{
  PwDagPoint p01 = { (b->p0.x + b->p1.x) / 2, (b->p0.y + b->p1.y) / 2 };
  PwDagPoint p12 = { (b->p1.x + b->p2.x) / 2, (b->p1.y + b->p2.y) / 2 };
  PwDagPoint p23 = { (b->p2.x + b->p3.x) / 2, (b->p2.y + b->p3.y) / 2 };
  PwDagPoint a = { (p01.x + p12.x) / 2, (p01.y + p12.y) / 2 };
  PwDagPoint c = { (p12.x + p23.x) / 2, (p12.y + p23.y) / 2 };
  PwDagPoint m = { (a.x + c.x) / 2, (a.y + c.y) / 2 };

  *left = (PwDagBezier) { b->p0, p01, a, m };
  *right = (PwDagBezier) { m, c, p23, b->p3 };
}

/* How far the handles of @b stray from its chord, squared, times the
 * chord's length squared (no square roots). */
static gboolean
flat_enough (const PwDagBezier *b)
{
  double ux = b->p3.x - b->p0.x, uy = b->p3.y - b->p0.y;
  double len2 = ux * ux + uy * uy;
  double d1 = (b->p1.x - b->p0.x) * uy - (b->p1.y - b->p0.y) * ux;
  double d2 = (b->p2.x - b->p0.x) * uy - (b->p2.y - b->p0.y) * ux;
  /* A third of a pixel. */
  const double tolerance = 1.0 / 3;

  if (len2 < 1e-12)
    return TRUE;
  return MAX (d1 * d1, d2 * d2) <= tolerance * tolerance * len2;
}

/* Halves the curve until a piece lies outside the image (dropped) or is
 * flat enough to be a chord: the cost follows the visible part, and the
 * long straight middle of an edge is one chord. */
static void
curve_piece (PwDagRaster       *raster,
             const PwDagBezier *b,
             guint              depth,
             gboolean           last)
{
  PwDagRect hull = pw_dag_bezier_hull (b);
  PwDagBezier left, right;

  hull = pw_dag_rect_inflate (&hull, 1, 1);
  if (hull.x > raster->width + 1 || hull.y > raster->height + 1 ||
      hull.x + hull.width < -1 || hull.y + hull.height < -1)
    return;

  if (depth >= 20 || flat_enough (b))
    {
      device_line (raster, b->p0.x, b->p0.y, b->p3.x, b->p3.y, TRUE, last);
      return;
    }

  split (b, &left, &right);
  curve_piece (raster, &left, depth + 1, FALSE);
  curve_piece (raster, &right, depth + 1, last);
}

/**
 * pw_dag_raster_curve:
 * @curve: a world curve
 *
 * Writes an antialiased one-pixel curve, as chords within a third of a
 * pixel of it, of the parts inside the image only.
 */
void
pw_dag_raster_curve (PwDagRaster       *raster,
                     const PwDagBezier *curve)
{
  PwDagBezier d = {
    { curve->p0.x * raster->sx + raster->tx, curve->p0.y * raster->sy + raster->ty },
    { curve->p1.x * raster->sx + raster->tx, curve->p1.y * raster->sy + raster->ty },
    { curve->p2.x * raster->sx + raster->tx, curve->p2.y * raster->sy + raster->ty },
    { curve->p3.x * raster->sx + raster->tx, curve->p3.y * raster->sy + raster->ty },
  };

  curve_piece (raster, &d, 0, TRUE);
}
