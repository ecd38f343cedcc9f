/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pw-dag-geometry.h"

G_BEGIN_DECLS

/**
 * PwDagRaster:
 *
 * Thin lines for the many edges of a large flow, rasterised by hand into
 * a coverage mask over the part of the cairo image surface being painted
 * (its clip), then laid over it in one colour with one cairo_mask():
 * cairo's general scan
 * converter spends its time on the active edges of every scanline, and a
 * path of thousands of long lines crossing the view is exactly its worst
 * case. Lines are clipped to the image first (Liang–Barsky), so a long
 * edge costs only its visible part; unantialiased lines take Bresenham's
 * pixels (each worked out from the whole line, so that pieces of a line
 * painted apart meet), antialiased ones are Xiaolin Wu's. Where lines overlap the mask keeps the
 * larger coverage, as one cairo path of all of them would, so that a
 * bundle of edges is not painted darker than one edge. Only the tiles of
 * the mask that lines went through are laid over the image.
 */
typedef struct
{
  cairo_surface_t *mask;
  guint8          *data;
  int              stride;
  int              width;
  int              height;
  /* where the mask lies in the image's pixels: the clip's extents */
  int              x0, y0;
  /* tiles of the mask with lines in them, PW_DAG_RASTER_TILE pixels a side */
  guint8          *tiles;
  int              tiles_x, tiles_y;
  /* mask pixel = world × scale + offset */
  double           sx, sy;
  double           tx, ty;
} PwDagRaster;

gboolean pw_dag_raster_begin     (PwDagRaster       *raster,
                                  cairo_t           *cr);
void     pw_dag_raster_end       (PwDagRaster       *raster,
                                  cairo_t           *cr,
                                  double             red,
                                  double             green,
                                  double             blue,
                                  double             alpha);
void     pw_dag_raster_line      (PwDagRaster       *raster,
                                  PwDagPoint         from,
                                  PwDagPoint         to,
                                  gboolean           antialias);
void     pw_dag_raster_curve     (PwDagRaster       *raster,
                                  const PwDagBezier *curve);

gboolean pw_dag_raster_dots      (cairo_t           *cr,
                                  const PwDagRect   *region,
                                  double             step,
                                  double             size,
                                  double             red,
                                  double             green,
                                  double             blue,
                                  double             alpha);

G_END_DECLS
