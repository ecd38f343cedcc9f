/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-application.h"
#include "pw-connection-editor.h"

G_BEGIN_DECLS

#define PW_TYPE_PREFERENCES_WINDOW (pw_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PwPreferencesWindow, pw_preferences_window, PW, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget          *pw_preferences_window_new             (PwApplication       *application);
void                pw_preferences_window_reload_profiles (PwPreferencesWindow *self);
void                pw_preferences_window_show_servers    (PwPreferencesWindow *self);
GtkWidget          *pw_preferences_window_get_profile_row (PwPreferencesWindow *self,
                                                           const char          *name);
PwConnectionEditor *pw_preferences_window_add_server      (PwPreferencesWindow *self);
PwConnectionEditor *pw_preferences_window_edit_server     (PwPreferencesWindow *self,
                                                           const char          *name);
void                pw_preferences_window_delete_server   (PwPreferencesWindow *self,
                                                           const char          *name);

G_END_DECLS
