/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "pw-dag-geometry.h"
#include "pw-dag-paint.h"
#include "pw-radar-layout.h"

G_BEGIN_DECLS

/**
 * PwRadarLod:
 * @PW_RADAR_LOD_DOTS: nodes as plain rectangles, edges as one-pixel lines
 * @PW_RADAR_LOD_BOXES: cards without text
 * @PW_RADAR_LOD_FULL: everything
 *
 * How much is drawn; see the top of pw-radar-paint.c.
 */
typedef enum
{
  PW_RADAR_LOD_DOTS,
  PW_RADAR_LOD_BOXES,
  PW_RADAR_LOD_FULL,
} PwRadarLod;

/**
 * PwRadarPaintOptions:
 * @colors: the colours (the canvas's palette)
 * @pango: (nullable): the context for text, or %NULL for one made for the
 *   cairo context
 * @scale: view pixels per world unit
 * @device_scale: device pixels per view pixel
 * @lod: the level of detail
 * @region: the world rectangle to draw; what lies outside is culled
 * @hover: the node under the pointer, or -1
 * @selected: (nullable) (array): 1 for each selected node
 * @background: fill @region with the background first
 */
typedef struct
{
  const PwDagColors *colors;
  PangoContext      *pango;
  double             scale;
  double             device_scale;
  PwRadarLod         lod;
  PwDagRect          region;
  int                hover;
  const guint8      *selected;
  gboolean           background;
} PwRadarPaintOptions;

PwRadarLod pw_radar_lod_for_scale       (double                     scale);
void       pw_radar_paint_options_init  (PwRadarPaintOptions       *options,
                                         const PwDagColors         *colors,
                                         double                     scale,
                                         const PwDagRect           *region);
void       pw_radar_paint               (cairo_t                   *cr,
                                         PwRadarLayout             *layout,
                                         const PwRadarPaintOptions *options);
void       pw_radar_paint_minimap       (cairo_t                   *cr,
                                         PwRadarLayout             *layout,
                                         const PwDagColors         *colors,
                                         double                     size);
void       pw_radar_state_color         (const PwDagColors         *colors,
                                         PwStateType                state,
                                         PwDagColor                *color);

G_END_DECLS
