/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-flow-info.h"

G_BEGIN_DECLS

#define PW_TYPE_FLOW_ROW (pw_flow_row_get_type ())
G_DECLARE_FINAL_TYPE (PwFlowRow, pw_flow_row, PW, FLOW_ROW, GtkListBoxRow)

PwFlowRow  *pw_flow_row_new           (PwFlowInfo *info);
PwFlowInfo *pw_flow_row_get_info      (PwFlowRow  *self);
char       *pw_flow_row_format_details (PwFlowInfo *info,
                                        GDateTime  *now);

G_END_DECLS
