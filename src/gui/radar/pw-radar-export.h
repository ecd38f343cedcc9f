/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-dag-export.h"
#include "pw-radar-paint.h"

G_BEGIN_DECLS

gboolean pw_radar_export_layout (PwRadarLayout      *layout,
                                 const PwDagColors *colors,
                                 PangoContext       *pango,
                                 GFile              *file,
                                 PwDagExportFormat   format,
                                 GError            **error);

G_END_DECLS
