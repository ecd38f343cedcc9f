/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-dag-paint.h"

G_BEGIN_DECLS

#define PW_DAG_EXPORT_ERROR (pw_dag_export_error_quark ())

/**
 * PwDagExportError:
 * @PW_DAG_EXPORT_ERROR_EMPTY: the flow has no tasks to draw
 * @PW_DAG_EXPORT_ERROR_FAILED: cairo could not draw or write the file
 *
 * Errors of exporting the canvas.
 */
typedef enum
{
  PW_DAG_EXPORT_ERROR_EMPTY,
  PW_DAG_EXPORT_ERROR_FAILED,
} PwDagExportError;

/**
 * PwDagExportFormat:
 * @PW_DAG_EXPORT_PNG: a PNG image
 * @PW_DAG_EXPORT_SVG: an SVG drawing
 */
typedef enum
{
  PW_DAG_EXPORT_PNG,
  PW_DAG_EXPORT_SVG,
} PwDagExportFormat;

/**
 * PW_DAG_EXPORT_MAX_PIXELS:
 *
 * The most pixels a PNG export has (32 million, 128 MB of memory); a
 * larger flow is drawn smaller.
 */
#define PW_DAG_EXPORT_MAX_PIXELS (32.0 * 1000 * 1000)

/**
 * PwDagExportPaintFunc:
 * @cr: where to draw, at 1 unit a pixel of the picture at 100 %
 * @data: what pw_dag_export_draw() was given
 *
 * Draws a picture for pw_dag_export_draw(): its top-left corner at the
 * origin of @cr.
 */
typedef void (*PwDagExportPaintFunc) (cairo_t  *cr,
                                      gpointer  data);

GQuark   pw_dag_export_error_quark  (void);
gboolean pw_dag_export_draw         (GFile                *file,
                                     PwDagExportFormat     format,
                                     double                width,
                                     double                height,
                                     PwDagExportPaintFunc  paint,
                                     gpointer              data,
                                     GError              **error);
gboolean pw_dag_export_format_from_name (const char         *name,
                                         PwDagExportFormat  *format);
gboolean pw_dag_export_scene        (PwDagScene         *scene,
                                     const PwDagColors *colors,
                                     PangoContext       *pango,
                                     GFile              *file,
                                     PwDagExportFormat   format,
                                     GError            **error);

G_END_DECLS
