/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-application.h"

G_BEGIN_DECLS

#define PW_TYPE_CONNECTION_EDITOR (pw_connection_editor_get_type ())
G_DECLARE_FINAL_TYPE (PwConnectionEditor, pw_connection_editor, PW, CONNECTION_EDITOR, GtkBox)

GtkWidget  *pw_connection_editor_new             (PwApplication      *application,
                                                  const char         *profile);
void        pw_connection_editor_set_fields      (PwConnectionEditor *self,
                                                  const char         *name,
                                                  const char         *url,
                                                  const char         *key);
void        pw_connection_editor_set_key_in_file (PwConnectionEditor *self,
                                                  gboolean            in_file);
void        pw_connection_editor_test            (PwConnectionEditor *self);
void        pw_connection_editor_save            (PwConnectionEditor *self);
const char *pw_connection_editor_get_test_result (PwConnectionEditor *self);
const char *pw_connection_editor_get_error       (PwConnectionEditor *self);
gboolean    pw_connection_editor_get_busy        (PwConnectionEditor *self);

G_END_DECLS
