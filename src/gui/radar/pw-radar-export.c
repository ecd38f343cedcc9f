/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-radar-export"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-radar-export.h"

/*
 * The whole radar as a PNG or an SVG file, at full detail, with the painter
 * the widget uses, written through GIO (g_file_replace(), so a failed
 * export leaves the old file alone). A PNG is drawn at 100 % unless that
 * would pass PW_DAG_EXPORT_MAX_PIXELS; the SVG is always at 100 %. Errors
 * are the canvas export's (PwDagExportError).
 */

#define MARGIN 24.0

typedef struct
{
  PwRadarLayout     *layout;
  const PwDagColors *colors;
  PangoContext      *pango;
  PwDagRect          region;
} RadarExport;

static void
paint (cairo_t  *cr,
       gpointer  data)
{
  RadarExport *e = data;
  PwRadarPaintOptions options;

  pw_radar_paint_options_init (&options, e->colors, 1.0, &e->region);
  /* Text even when a large radar is drawn small: this is a picture. */
  options.lod = PW_RADAR_LOD_FULL;
  options.pango = e->pango;

  cairo_translate (cr, -e->region.x, -e->region.y);
  pw_radar_paint (cr, e->layout, &options);
}

/**
 * pw_radar_export_layout:
 * @layout: a computed radar
 * @colors: its colours
 * @pango: (nullable): the context for text
 * @file: where to write
 * @format: PNG or SVG
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; else %FALSE with @error
 *   (%PW_DAG_EXPORT_ERROR or %G_IO_ERROR)
 */
gboolean
pw_radar_export_layout (PwRadarLayout      *layout,
                        const PwDagColors *colors,
                        PangoContext       *pango,
                        GFile              *file,
                        PwDagExportFormat   format,
                        GError            **error)
{
  RadarExport e = { layout, colors, pango, { 0 } };

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (layout->n_rings == 0)
    {
      g_set_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY,
                   _("Run “%s” has no radar to export"), layout->nodes[0].label);
      return FALSE;
    }

  e.region = (PwDagRect) { -layout->extent - MARGIN, -layout->extent - MARGIN,
                           2 * (layout->extent + MARGIN), 2 * (layout->extent + MARGIN) };

  return pw_dag_export_draw (file, format, e.region.width, e.region.height, paint, &e, error);
}
