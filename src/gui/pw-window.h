/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-application.h"

G_BEGIN_DECLS

#define PW_TYPE_WINDOW (pw_window_get_type ())
G_DECLARE_FINAL_TYPE (PwWindow, pw_window, PW, WINDOW, AdwApplicationWindow)

PwWindow *pw_window_new          (PwApplication *application);
void      pw_window_import_files (PwWindow      *self,
                                  GFile * const *files,
                                  guint          n_files);

G_END_DECLS
