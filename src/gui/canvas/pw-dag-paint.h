/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "pw-dag-scene.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} PwDagColor;

/**
 * PwDagColors:
 *
 * The colours of the canvas. The widget fills them from libadwaita's named
 * colours (so that they follow the accent, the dark style and high
 * contrast); the export and the benchmark use the built-in light or dark
 * palette.
 */
typedef struct
{
  PwDagColor background;
  PwDagColor grid;
  PwDagColor card;
  PwDagColor card_border;
  PwDagColor fg;
  PwDagColor dim_fg;
  PwDagColor edge;
  PwDagColor accent;
  PwDagColor accent_fg;
  PwDagColor accent_text;
  PwDagColor error;
  PwDagColor error_fg;
  PwDagColor success;
  PwDagColor warning;
  PwDagColor kind[5];
  PwDagColor state[PW_N_STATE_TYPES];
} PwDagColors;

/**
 * PwDagLod:
 * @PW_DAG_LOD_DOTS: nodes as plain rectangles, edges as straight hairlines
 * @PW_DAG_LOD_BOXES: cards without text, edges as straight lines
 * @PW_DAG_LOD_FULL: everything
 *
 * How much is drawn; see pw_dag_lod_for_scale().
 */
typedef enum
{
  PW_DAG_LOD_DOTS,
  PW_DAG_LOD_BOXES,
  PW_DAG_LOD_FULL,
} PwDagLod;

typedef enum
{
  PW_DAG_PAINT_BACKGROUND = 1 << 0,
  PW_DAG_PAINT_GRID       = 1 << 1,
  PW_DAG_PAINT_PORTS      = 1 << 2,
} PwDagPaintFlags;

/**
 * PwDagPaintOptions:
 * @colors: the colours
 * @pango: (nullable): the context for text, or %NULL to make one for the
 *   cairo context
 * @scale: view pixels per world unit (chooses the level of detail)
 * @device_scale: device pixels per view pixel (for hairlines)
 * @lod: the level of detail
 * @region: the world rectangle to draw; what lies outside is culled
 * @skip: (nullable) (array): 1 for nodes not to draw, with their edges
 *   (the nodes being dragged)
 * @flags: #PwDagPaintFlags
 * @lod_region: (nullable): the rectangle whose edges decide whether
 *   straight edges are antialiased, when @region is a piece of it painted
 *   on its own (so that the pieces look alike); %NULL for @region
 */
typedef struct
{
  const PwDagColors *colors;
  PangoContext       *pango;
  double              scale;
  double              device_scale;
  PwDagLod            lod;
  PwDagRect           region;
  const guint8       *skip;
  guint               flags;
  const PwDagRect    *lod_region;
} PwDagPaintOptions;

void     pw_dag_colors_init          (PwDagColors            *colors,
                                       gboolean                 dark);
PwDagColor pw_dag_color_over          (const PwDagColor        *top,
                                       const PwDagColor        *bottom);
PwDagColor pw_dag_color_alpha         (const PwDagColor        *color,
                                       double                   alpha);

PwDagLod pw_dag_lod_for_scale         (double                   scale);
void     pw_dag_paint_options_init    (PwDagPaintOptions       *options,
                                       const PwDagColors      *colors,
                                       double                   scale,
                                       const PwDagRect         *region);

void     pw_dag_paint_scene           (cairo_t                 *cr,
                                       PwDagScene              *scene,
                                       const PwDagPaintOptions *options);
void     pw_dag_paint_subset          (cairo_t                 *cr,
                                       PwDagScene              *scene,
                                       const PwDagPaintOptions *options,
                                       const guint8            *only);
void     pw_dag_paint_edge            (cairo_t                 *cr,
                                       const PwDagPaintOptions *options,
                                       PwDagPoint               from,
                                       PwDagPoint               to,
                                       const PwDagColor        *color,
                                       double                   width,
                                       gboolean                 dashed);
void     pw_dag_paint_highlight       (cairo_t                 *cr,
                                       const PwDagPaintOptions *options,
                                       const PwDagRect         *box,
                                       const PwDagColor        *color,
                                       double                   width_px,
                                       double                   fill_alpha);
void     pw_dag_paint_port_highlight  (cairo_t                 *cr,
                                       const PwDagPaintOptions *options,
                                       PwDagPoint               port,
                                       const PwDagColor        *color);

G_END_DECLS
