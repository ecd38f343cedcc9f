/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-radar-layout.h"

G_BEGIN_DECLS

/* Shared by pw-radar-layout.c (graph, rings, slots), pw-radar-edges.c
 * (edge paths) and pw-radar-hit.c (badges, hit-testing). */

void _pw_radar_layout_compute_edges (PwRadarLayout *self);

G_END_DECLS
