/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_ARGV_EDITOR (pw_argv_editor_get_type ())
G_DECLARE_FINAL_TYPE (PwArgvEditor, pw_argv_editor, PW, ARGV_EDITOR, AdwBin)

GtkWidget   *pw_argv_editor_new          (void);
void         pw_argv_editor_set_argv     (PwArgvEditor       *self,
                                          const char * const *argv);
GStrv        pw_argv_editor_get_argv     (PwArgvEditor       *self);
guint        pw_argv_editor_get_n_args   (PwArgvEditor       *self);
AdwEntryRow *pw_argv_editor_get_row      (PwArgvEditor       *self,
                                          guint               index);
void         pw_argv_editor_set_editable (PwArgvEditor       *self,
                                          gboolean            editable);

G_END_DECLS
