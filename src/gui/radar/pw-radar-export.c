/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-radar-export"

#include "config.h"

#include <math.h>

#include <cairo-svg.h>
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
  GOutputStream *stream;
  GError        *error;
} Writer;

static cairo_status_t
write_chunk (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  Writer *w = closure;

  if (w->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (w->stream, data, length, NULL, NULL, &w->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
paint (cairo_t            *cr,
       PwRadarLayout      *layout,
       const PwDagColors *colors,
       PangoContext       *pango,
       const PwDagRect    *region,
       double              scale)
{
  PwRadarPaintOptions options;

  pw_radar_paint_options_init (&options, colors, scale, region);
  /* Text even when a large radar is drawn small: this is a picture. */
  options.lod = PW_RADAR_LOD_FULL;
  options.pango = pango;

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -region->x, -region->y);
  pw_radar_paint (cr, layout, &options);
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
  g_autoptr(GFileOutputStream) out = NULL;
  PwDagRect region;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Writer w = { NULL, NULL };
  double scale = 1.0;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (layout->n_rings == 0)
    {
      g_set_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY,
                   _("Run “%s” has no radar to export"), layout->nodes[0].label);
      return FALSE;
    }

  region = (PwDagRect) { -layout->extent - MARGIN, -layout->extent - MARGIN,
                         2 * (layout->extent + MARGIN), 2 * (layout->extent + MARGIN) };

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;
  w.stream = G_OUTPUT_STREAM (out);

  if (format == PW_DAG_EXPORT_PNG)
    {
      double pixels = region.width * region.height;
      int side;

      if (pixels > PW_DAG_EXPORT_MAX_PIXELS)
        scale = sqrt (PW_DAG_EXPORT_MAX_PIXELS / pixels);
      side = MAX (1, (int) ceil (region.width * scale));

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
      cr = cairo_create (surface);
      paint (cr, layout, colors, pango, &region, scale);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, write_chunk, &w);
      cairo_surface_destroy (surface);
    }
  else
    {
      surface = cairo_svg_surface_create_for_stream (write_chunk, &w, region.width, region.height);
      cr = cairo_create (surface);
      paint (cr, layout, colors, pango, &region, 1.0);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }

  if (w.error != NULL || status != CAIRO_STATUS_SUCCESS)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();
      g_autofree char *name = g_file_get_parse_name (file);

      /* Closing with a cancelled cancellable leaves the old file alone. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);

      if (w.error != NULL)
        {
          g_propagate_error (error, w.error);
          return FALSE;
        }
      g_set_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_FAILED,
                   _("Could not draw the radar into “%s”: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}
