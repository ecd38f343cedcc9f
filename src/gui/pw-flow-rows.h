/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-flow.h"

G_BEGIN_DECLS

GtkWidget *pw_flow_rows_create_task_row      (PwFlow      *flow,
                                              PwTask      *task);
GtkWidget *pw_flow_rows_create_parameter_row (PwParameter *parameter);

G_END_DECLS
