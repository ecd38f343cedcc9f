/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-raster"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-dag-raster.h"

/*
 * Lines into an ARGB32 image, without cairo's scan converter: see the
 * header. The painter uses this for edges when it paints into an image
 * (the canvas's cached layers, the minimap, a PNG export) and cairo paths
 * otherwise (SVG).
 */

/* The side of the tiles of the mask that are laid over the image only if
 * lines went through them. */
#define TILE 32

/* floor() and llround() without the library call, for the coordinates
 * here, which the clip keeps well within an int. */
static inline int
ifloor (double v)
{
  int i = (int) v;

  return i - (v < i);
}

static inline gint64
iround (double v)
{
  return (gint64) (v >= 0 ? v + 0.5 : v - 0.5);
}

/**
 * pw_dag_raster_begin:
 * @raster: (out caller-allocates): the raster to set up
 * @cr: a cairo context in world coordinates
 *
 * Prepares a coverage mask for the pixels behind @cr within its clip:
 * only when they are an image and the transformation only scales and
 * moves. The caller goes on with cairo paths otherwise.
 *
 * Returns: %TRUE if lines can be rasterised
 */
gboolean
pw_dag_raster_begin (PwDagRaster *raster,
                     cairo_t     *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_matrix_t m;
  double ox = 0, oy = 0, sx = 1, sy = 1, cx0, cy0, cx1, cy1;
  int x0, y0, x1, y1;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;

  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_get_matrix (cr, &m);
  if (sx != 1 || sy != 1 || m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.yy <= 0)
    return FALSE;

  /* The mask covers the clip (a strip of a layer needs no more), within
   * the image. */
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  x0 = MAX (0, (int) floor (cx0 * m.xx + m.x0 + ox));
  y0 = MAX (0, (int) floor (cy0 * m.yy + m.y0 + oy));
  x1 = MIN (cairo_image_surface_get_width (target), (int) ceil (cx1 * m.xx + m.x0 + ox));
  y1 = MIN (cairo_image_surface_get_height (target), (int) ceil (cy1 * m.yy + m.y0 + oy));
  if (x1 <= x0 || y1 <= y0)
    return FALSE;

  *raster = (PwDagRaster) {
    .mask = cairo_image_surface_create (CAIRO_FORMAT_A8, x1 - x0, y1 - y0),
    .width = x1 - x0,
    .height = y1 - y0,
    .x0 = x0 - (int) ox,
    .y0 = y0 - (int) oy,
    .sx = m.xx,
    .sy = m.yy,
    .tx = m.x0 + ox - x0,
    .ty = m.y0 + oy - y0,
  };
  raster->data = cairo_image_surface_get_data (raster->mask);
  raster->stride = cairo_image_surface_get_stride (raster->mask);

  if (raster->data == NULL)
    {
      cairo_surface_destroy (raster->mask);
      return FALSE;
    }

  raster->tiles_x = (raster->width + TILE - 1) / TILE;
  raster->tiles_y = (raster->height + TILE - 1) / TILE;
  raster->tiles = g_malloc0 ((gsize) raster->tiles_x * raster->tiles_y);
  return TRUE;
}

/* Marks the tiles under the box from (@x0, @y0) to (@x1, @y1), in mask
 * pixels, as holding lines. */
static void
mark_tiles (PwDagRaster *raster,
            double       x0,
            double       y0,
            double       x1,
            double       y1)
{
  int c0 = CLAMP (ifloor (MIN (x0, x1)) - 1, 0, raster->width - 1) / TILE;
  int c1 = CLAMP (ifloor (MAX (x0, x1)) + 2, 0, raster->width - 1) / TILE;
  int r0 = CLAMP (ifloor (MIN (y0, y1)) - 1, 0, raster->height - 1) / TILE;
  int r1 = CLAMP (ifloor (MAX (y0, y1)) + 2, 0, raster->height - 1) / TILE;

  for (int r = r0; r <= r1; r++)
    memset (raster->tiles + (gsize) r * raster->tiles_x + c0, 1, c1 - c0 + 1);
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

  /* Only the tiles with lines: runs of them along each row of tiles, as
   * a clip, unless they are most of the mask. */
  {
    guint marked = 0, total = (guint) raster->tiles_x * raster->tiles_y;

    for (guint t = 0; t < total; t++)
      marked += raster->tiles[t];

    if (marked == 0)
      goto done;

    if (marked < total * 3 / 4)
      {
        for (int r = 0; r < raster->tiles_y; r++)
          for (int c = 0; c < raster->tiles_x; c++)
            {
              int start = c;

              if (!raster->tiles[r * raster->tiles_x + c])
                continue;
              while (c + 1 < raster->tiles_x && raster->tiles[r * raster->tiles_x + c + 1])
                c++;
              cairo_rectangle (cr, raster->x0 + start * TILE, raster->y0 + r * TILE,
                               MIN ((c + 1) * TILE, raster->width) - start * TILE,
                               MIN ((r + 1) * TILE, raster->height) - r * TILE);
            }
        cairo_clip (cr);
      }
  }

  cairo_set_source_rgba (cr, red, green, blue, alpha);
  cairo_mask_surface (cr, raster->mask, raster->x0, raster->y0);

done:
  cairo_restore (cr);

  cairo_surface_destroy (raster->mask);
  g_clear_pointer (&raster->tiles, g_free);
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

/* An unantialiased line between the pixels of its ends (@fx0, @fy0) and
 * (@fx1, @fy1), one pixel per step along the major axis, the nearest to
 * the line, as Bresenham's algorithm picks them; but each worked out from
 * the whole line rather than from the previous one, so that a line cut by
 * the image's edges, or painted in pieces (the canvas paints its view
 * first and its margin later), picks the same pixels. Only the steps
 * along (@cx0, @cy0)–(@cx1, @cy1), the part of the line in the image. */
static void
aliased (PwDagRaster *raster,
         double       fx0,
         double       fy0,
         double       fx1,
         double       fy1,
         double       cx0,
         double       cy0,
         double       cx1,
         double       cy1)
{
  int x0 = ifloor (fx0), y0 = ifloor (fy0);
  int x1 = ifloor (fx1), y1 = ifloor (fy1);
  gboolean steep = ABS (y1 - y0) > ABS (x1 - x0);
  int major0 = steep ? y0 : x0, minor0 = steep ? x0 : y0;
  int major1 = steep ? y1 : x1, minor1 = steep ? x1 : y1;
  double c0 = steep ? cy0 : cx0, c1 = steep ? cy1 : cx1;
  int lo = MAX (MIN (major0, major1), ifloor (MIN (c0, c1)) - 1);
  int hi = MIN (MAX (major0, major1), ifloor (MAX (c0, c1)) + 1);
  gint64 slope;

  if (major0 == major1)
    {
      blend (raster, x0, y0, 256);
      return;
    }

  /* 32.32 fixed point, half a pixel added so that the shift rounds. */
  slope = iround ((double) (minor1 - minor0) / (major1 - major0) * 4294967296.0);
  for (int major = lo; major <= hi; major++)
    {
      gint64 at = ((gint64) minor0 << 32) + (gint64) (major - major0) * slope + ((gint64) 1 << 31);
      int minor = (int) (at >> 32);

      if (steep)
        blend (raster, minor, major, 256);
      else
        blend (raster, major, minor, 256);
    }
}

/* Coverage of two pixels across the line at @major, the first at
 * @minor: along a steep line they are side by side in a row, else one
 * above the other. */
static inline void
wu_pair (PwDagRaster *raster,
         gboolean     steep,
         int          major,
         int          minor,
         int          f)
{
  if (steep)
    {
      blend (raster, minor, major, 256 - f);
      blend (raster, minor + 1, major, f);
    }
  else
    {
      blend (raster, major, minor, 256 - f);
      blend (raster, major, minor + 1, f);
    }
}

/* Xiaolin Wu's line, pixel centres at half-integers; the last pixel along
 * the major axis only when @include_end (so that the chords of a curve do
 * not darken their joints). The minor coordinate steps in 32.32 fixed
 * point: floor() would be a library call per pixel. */
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
  int start, end, step, n;
  gint64 inter, delta;

  if (steep)
    {
      double t;

      t = x0, x0 = y0, y0 = t;
      t = x1, x1 = y1, y1 = t;
    }

  /* Along the major axis in the direction of the line, so that the
   * excluded end is the one the next chord starts from. The clip keeps
   * the coordinates within a pixel of the image, so they fit. */
  gradient = x1 != x0 ? (y1 - y0) / (x1 - x0) : 0;
  start = ifloor (x0);
  end = ifloor (x1);
  step = start <= end ? 1 : -1;
  if (!include_end)
    end -= step;

  inter = iround ((y0 + gradient * (start + 0.5 - x0) - 0.5) * 4294967296.0);
  delta = iround (gradient * 4294967296.0) * step;
  n = (end - start) * step + 1;
  if (n <= 0)
    return;

  /* Most chords lie inside the mask with their neighbours: then without a
   * bounds check per pixel. */
  {
    int minor0 = (int) (inter >> 32), minor1 = (int) ((inter + delta * (n - 1)) >> 32);
    int major_lo = MIN (start, end), major_hi = MAX (start, end);
    int major_size = steep ? raster->height : raster->width;
    int minor_size = steep ? raster->width : raster->height;

    if (major_lo >= 0 && major_hi < major_size && MIN (minor0, minor1) >= 0 && MAX (minor0, minor1) + 1 < minor_size)
      {
        /* Pixels along the major axis are @along bytes apart, the pair
         * across it @across. */
        gssize along = steep ? raster->stride : 1, across = steep ? 1 : raster->stride;
        guint8 *line = raster->data + (gssize) start * along;

        along *= step;
        for (int k = 0; k < n; k++, line += along, inter += delta)
          {
            guint8 *p = line + (gssize) (inter >> 32) * across;
            guint f = (guint) ((inter >> 24) & 0xff);
            guint8 c0 = (guint8) MIN (256 - f, 255), c1 = (guint8) f;

            if (c0 > p[0])
              p[0] = c0;
            if (c1 > p[across])
              p[across] = c1;
          }
        return;
      }
  }

  for (int x = start; step > 0 ? x <= end : x >= end; x += step, inter += delta)
    wu_pair (raster, steep, x, (int) (inter >> 32), (int) ((inter >> 24) & 0xff));
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
  double cx0 = ax, cy0 = ay, cx1 = bx, cy1 = by;

  if (!clip (&cx0, &cy0, &cx1, &cy1, -1, -1, raster->width + 1, raster->height + 1))
    return;

  mark_tiles (raster, cx0, cy0, cx1, cy1);
  if (antialias)
    wu (raster, cx0, cy0, cx1, cy1, include_end);
  else if (MAX (MAX (fabs (ax), fabs (ay)), MAX (fabs (bx), fabs (by))) < 1e7)
    aliased (raster, ax, ay, bx, by, cx0, cy0, cx1, cy1);
  else
    aliased (raster, cx0, cy0, cx1, cy1, cx0, cy0, cx1, cy1);
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

/* A device coordinate to the pixel edge cairo snaps it to when it fills
 * rectangles without antialiasing: to 1/256 of a pixel, then to the
 * nearest pixel edge, halves down. */
static inline int
snap_edge (double v)
{
  gint64 f = iround (v * 256);

  return (int) ((f + 127) >> 8);
}

/* pixman's x × a / 255, rounded */
static inline guint32
mul_un8 (guint32 x,
         guint32 a)
{
  guint32 t = x * a + 0x80;

  return (t + (t >> 8)) >> 8;
}

/**
 * pw_dag_raster_dots:
 * @cr: a cairo context in world coordinates
 * @region: the world rectangle being painted
 * @step: the distance between dots in world units
 * @size: a dot's side in world units
 * @red: the colour of the dots (not premultiplied)
 *
 * Lays square dots on the grid of @step over @region, straight into the
 * pixels of the image behind @cr, exactly as cairo fills them without
 * antialiasing: a grid of thousands of tiny squares costs cairo's path
 * and box machinery a few thousand instructions each, and a few pixel
 * writes here. Only within @region and @cr's clip.
 *
 * Returns: %FALSE (and nothing painted) when the pixels are not an RGB24
 *   or ARGB32 image or the transformation does more than scale and move:
 *   the caller uses cairo then
 */
gboolean
pw_dag_raster_dots (cairo_t         *cr,
                    const PwDagRect *region,
                    double           step,
                    double           size,
                    double           red,
                    double           green,
                    double           blue,
                    double           alpha)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_format_t format;
  cairo_matrix_t m;
  double ox = 0, oy = 0, sx = 1, sy = 1, cx0, cy0, cx1, cy1;
  int width, height, stride, px0, py0, px1, py1;
  guint32 a8, r8, g8, b8, inv;
  guint8 *data;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32)
    return FALSE;
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_get_matrix (cr, &m);
  if (sx != 1 || sy != 1 || m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.yy <= 0)
    return FALSE;

  cairo_surface_flush (target);
  data = cairo_image_surface_get_data (target);
  if (data == NULL)
    return FALSE;
  width = cairo_image_surface_get_width (target);
  height = cairo_image_surface_get_height (target);
  stride = cairo_image_surface_get_stride (target);
  cairo_surface_get_device_offset (target, &ox, &oy);
  m.x0 += ox;
  m.y0 += oy;

  /* Where the dots may go: @region within the clip, in pixels. */
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  cx0 = MAX (cx0, region->x);
  cy0 = MAX (cy0, region->y);
  cx1 = MIN (cx1, region->x + region->width);
  cy1 = MIN (cy1, region->y + region->height);
  px0 = MAX (0, snap_edge (cx0 * m.xx + m.x0));
  py0 = MAX (0, snap_edge (cy0 * m.yy + m.y0));
  px1 = MIN (width, snap_edge (cx1 * m.xx + m.x0));
  py1 = MIN (height, snap_edge (cy1 * m.yy + m.y0));
  if (px0 >= px1 || py0 >= py1)
    return TRUE;

  /* The colour as cairo hands it to pixman: premultiplied, 16 bits, then
   * the top 8. */
  a8 = (guint32) (CLAMP (alpha, 0, 1) * 65535 + 0.5) >> 8;
  r8 = (guint32) (CLAMP (red * alpha, 0, 1) * 65535 + 0.5) >> 8;
  g8 = (guint32) (CLAMP (green * alpha, 0, 1) * 65535 + 0.5) >> 8;
  b8 = (guint32) (CLAMP (blue * alpha, 0, 1) * 65535 + 0.5) >> 8;
  inv = 255 - a8;

  for (double gy = ceil (region->y / step) * step; gy < region->y + region->height; gy += step)
    {
      int y0 = MAX (py0, snap_edge ((gy - size / 2) * m.yy + m.y0));
      int y1 = MIN (py1, snap_edge ((gy + size / 2) * m.yy + m.y0));

      if (y0 >= y1)
        continue;

      for (double gx = ceil (region->x / step) * step; gx < region->x + region->width; gx += step)
        {
          int x0 = MAX (px0, snap_edge ((gx - size / 2) * m.xx + m.x0));
          int x1 = MIN (px1, snap_edge ((gx + size / 2) * m.xx + m.x0));

          for (int y = y0; y < y1; y++)
            {
              guint32 *row = (guint32 *) (data + (gsize) y * stride);

              for (int x = x0; x < x1; x++)
                {
                  guint32 p = row[x];

                  /* OVER: source + destination × (1 − source alpha) */
                  row[x] = (a8 + mul_un8 (p >> 24, inv)) << 24 |
                           (r8 + mul_un8 ((p >> 16) & 0xff, inv)) << 16 |
                           (g8 + mul_un8 ((p >> 8) & 0xff, inv)) << 8 |
                           (b8 + mul_un8 (p & 0xff, inv));
                }
            }
        }
    }

  cairo_surface_mark_dirty_rectangle (target, px0 - (int) ox, py0 - (int) oy, px1 - px0, py1 - py0);
  return TRUE;
}
