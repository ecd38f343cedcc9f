/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-flow.h"

G_BEGIN_DECLS

PwFlow *pw_run_graph_flow_new (const char *flow_name,
                               GListModel *task_runs);

G_END_DECLS
