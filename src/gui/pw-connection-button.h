/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"

G_BEGIN_DECLS

#define PW_TYPE_CONNECTION_BUTTON (pw_connection_button_get_type ())
G_DECLARE_FINAL_TYPE (PwConnectionButton, pw_connection_button, PW, CONNECTION_BUTTON, AdwBin)

GtkWidget  *pw_connection_button_new         (void);
void        pw_connection_button_set_backend (PwConnectionButton *self,
                                              PwBackend          *backend,
                                              const char         *profile_name);
void        pw_connection_button_show_error  (PwConnectionButton *self,
                                              const char         *message);
const char *pw_connection_button_get_status  (PwConnectionButton *self);
GtkPopover *pw_connection_button_get_popover (PwConnectionButton *self);
void        pw_connection_button_retry       (PwConnectionButton *self);

G_END_DECLS
