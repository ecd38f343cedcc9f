/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"
#include "pw-flow.h"

G_BEGIN_DECLS



#define PW_TYPE_RUN_DIALOG (pw_run_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwRunDialog, pw_run_dialog, PW, RUN_DIALOG, AdwWindow)

PwRunDialog *pw_run_dialog_new             (PwBackend   *backend,
                                            PwFlow      *flow,
                                            guint        version);
gboolean     pw_run_dialog_set_value       (PwRunDialog *self,
                                            const char  *name,
                                            const char  *text);
char        *pw_run_dialog_dup_parameters  (PwRunDialog *self,
                                            GError     **error);
gboolean     pw_run_dialog_get_valid       (PwRunDialog *self);
const char  *pw_run_dialog_get_error_text  (PwRunDialog *self);
void         pw_run_dialog_run             (PwRunDialog *self);


G_END_DECLS
