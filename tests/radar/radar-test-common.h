/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-radar-layout.h"

G_BEGIN_DECLS

char          *radar_fixture_path   (const char *name);
PwRadarLayout *radar_load_fixture   (const char *name);
PwRadarLayout *radar_layered        (guint       n_nodes,
                                     guint       width,
                                     guint       fan_in,
                                     guint32     seed);

G_END_DECLS
