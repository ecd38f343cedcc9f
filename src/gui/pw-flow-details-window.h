/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"

G_BEGIN_DECLS

#define PW_TYPE_FLOW_DETAILS_WINDOW (pw_flow_details_window_get_type ())
G_DECLARE_FINAL_TYPE (PwFlowDetailsWindow, pw_flow_details_window, PW, FLOW_DETAILS_WINDOW, AdwWindow)

GtkWidget *pw_flow_details_window_new (PwBackend  *backend,
                                       PwFlowInfo *info);
PwFlow    *pw_flow_details_window_get_flow (PwFlowDetailsWindow *self);

G_END_DECLS
