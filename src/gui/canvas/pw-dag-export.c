/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "pw-dag-export.h"

/*
 * The canvas as a PNG or an SVG file: the whole flow at full detail with
 * the painter the canvas uses, on a cairo image or SVG surface, written
 * through GIO (atomically, by g_file_replace()). A PNG is drawn at 100 %
 * unless that would pass PW_DAG_EXPORT_MAX_PIXELS; the SVG is always at
 * 100 %.
 */

#define MARGIN 24.0

G_DEFINE_QUARK (pw-dag-export-error-quark, pw_dag_export_error)

/**
 * pw_dag_export_format_from_name:
 * @name: a file name
 * @format: (out): the format its extension names
 *
 * Returns: %TRUE if @name ends in `.png` or `.svg` (in any case)
 */
gboolean
pw_dag_export_format_from_name (const char        *name,
                                PwDagExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = PW_DAG_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = PW_DAG_EXPORT_SVG;
  else
    return FALSE;
  return TRUE;
}

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

typedef struct
{
  PwDagScene        *scene;
  const PwDagColors *colors;
  PangoContext      *pango;
  PwDagRect          region;
} SceneExport;

static void
paint_scene (cairo_t  *cr,
             gpointer  data)
{
  SceneExport *e = data;
  PwDagPaintOptions options;

  pw_dag_paint_options_init (&options, e->colors, 1.0, &e->region);
  /* Text and arrowheads even when a large flow is drawn small, and no grid
   * or ports: this is a picture, not an editor. */
  options.lod = PW_DAG_LOD_FULL;
  options.flags = PW_DAG_PAINT_BACKGROUND;
  options.pango = e->pango;

  cairo_translate (cr, -e->region.x, -e->region.y);
  pw_dag_paint_scene (cr, e->scene, &options);
}

/**
 * pw_dag_export_draw:
 * @file: where to write
 * @format: PNG or SVG
 * @width: the picture's width at 100 %
 * @height: its height
 * @paint: what draws it
 * @data: @paint's data
 * @error: return location for a #GError
 *
 * Writes the picture @paint draws into @file, through g_file_replace(): a
 * failure leaves the old file as it was. A PNG is drawn at 100 % unless
 * that would pass %PW_DAG_EXPORT_MAX_PIXELS (or 32,000 pixels a side), then
 * smaller; an SVG is always at 100 %. The canvas, the radar and the
 * timeline export through this.
 *
 * Returns: %TRUE on success; else %FALSE with @error
 *   (%PW_DAG_EXPORT_ERROR or %G_IO_ERROR)
 */
gboolean
pw_dag_export_draw (GFile                *file,
                    PwDagExportFormat     format,
                    double                width,
                    double                height,
                    PwDagExportPaintFunc  paint,
                    gpointer              data,
                    GError              **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Writer w = { NULL, NULL };

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (paint != NULL, FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;
  w.stream = G_OUTPUT_STREAM (out);

  if (format == PW_DAG_EXPORT_PNG)
    {
      double pixels = width * height;
      double scale = 1.0;

      if (pixels > PW_DAG_EXPORT_MAX_PIXELS)
        scale = sqrt (PW_DAG_EXPORT_MAX_PIXELS / pixels);
      scale = MIN (scale, 32000.0 / MAX (1.0, MAX (width, height)));

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            MAX (1, (int) ceil (width * scale)),
                                            MAX (1, (int) ceil (height * scale)));
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      paint (cr, data);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, write_chunk, &w);
      cairo_surface_destroy (surface);
    }
  else
    {
      surface = cairo_svg_surface_create_for_stream (write_chunk, &w, width, height);
      cr = cairo_create (surface);
      paint (cr, data);
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
        g_propagate_error (error, w.error);
      else
        g_set_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_FAILED,
                     _("Could not draw the picture into “%s”: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

/**
 * pw_dag_export_scene:
 * @scene: the scene to draw
 * @colors: its colours
 * @pango: (nullable): the context for text, or %NULL for a default one
 * @file: where to write
 * @format: PNG or SVG
 * @error: return location for a #GError
 *
 * Draws every task and edge of @scene into @file.
 *
 * Returns: %TRUE on success; else %FALSE with @error
 *   (%PW_DAG_EXPORT_ERROR or %G_IO_ERROR)
 */
gboolean
pw_dag_export_scene (PwDagScene         *scene,
                     const PwDagColors *colors,
                     PangoContext       *pango,
                     GFile              *file,
                     PwDagExportFormat   format,
                     GError            **error)
{
  SceneExport e = { scene, colors, pango, { 0 } };
  PwDagRect bounds;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (scene->n_nodes == 0)
    {
      g_set_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY,
                   _("Flow “%s” has no tasks to export"), pw_flow_get_name (scene->flow));
      return FALSE;
    }

  bounds = pw_dag_scene_get_bounds (scene);
  /* Room for the stacks of mapped tasks and the badges. */
  e.region = pw_dag_rect_inflate (&bounds, MARGIN, MARGIN);
  e.region.width += 8;
  e.region.height += 8;

  return pw_dag_export_draw (file, format, e.region.width, e.region.height, paint_scene, &e, error);
}
