/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flow.h"

G_BEGIN_DECLS

GPtrArray *pw_flow_topological_order (PwFlow     *flow,
                                      GError    **error);
gboolean   pw_flow_is_upstream       (PwFlow     *flow,
                                      const char *upstream_key,
                                      const char *key);
gboolean   pw_flow_can_connect       (PwFlow     *flow,
                                      const char *upstream_key,
                                      const char *downstream_key,
                                      GError    **error);

G_END_DECLS
