/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-application.h"
#include "pw-connection-button.h"
#include "pw-flows-page.h"
#include "pw-runs-page.h"

G_BEGIN_DECLS

#define PW_TYPE_WINDOW (pw_window_get_type ())
G_DECLARE_FINAL_TYPE (PwWindow, pw_window, PW, WINDOW, AdwApplicationWindow)

PwWindow *pw_window_new          (PwApplication *application);
void      pw_window_import_files (PwWindow      *self,
                                  GFile * const *files,
                                  guint          n_files);
void        pw_window_show_run       (PwWindow   *self,
                                      const char *flow_run_id);
void        pw_window_add_toast      (PwWindow   *self,
                                      AdwToast   *toast);
PwFlowsPage *pw_window_get_flows_page (PwWindow  *self);
PwRunsPage  *pw_window_get_runs_page  (PwWindow  *self);
const char  *pw_window_get_page       (PwWindow  *self);
void         pw_window_set_backend    (PwWindow   *self,
                                       PwBackend  *backend);
void         pw_window_show_loading   (PwWindow   *self,
                                       const char *title);
void         pw_window_show_error     (PwWindow   *self,
                                       const char *title,
                                       const char *message);
const char  *pw_window_get_main_view  (PwWindow   *self);
gboolean     pw_window_get_offline_banner_shown (PwWindow *self);
PwConnectionButton *pw_window_get_connection_button (PwWindow *self);

G_END_DECLS
