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
 * a coverage mask the size of the cairo image surface being painted, then
 * laid over it in one colour with one cairo_mask(): cairo's general scan
 * converter spends its time on the active edges of every scanline, and a
 * path of thousands of long lines crossing the view is exactly its worst
 * case. Lines are clipped to the image first (Liang–Barsky), so a long
 * edge costs only its visible part; unantialiased lines are Bresenham's,
 * antialiased ones Xiaolin Wu's. Where lines overlap the mask keeps the
 * larger coverage, as one cairo path of all of them would, so that a
 * bundle of edges is not painted darker than one edge.
 */
typedef struct
{
  cairo_surface_t *mask;
  guint8          *data;
  int              stride;
  int              width;
  int              height;
  /* device = world × scale + offset */
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

G_END_DECLS
