/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_KEY_VALUE_EDITOR (pw_key_value_editor_get_type ())
G_DECLARE_FINAL_TYPE (PwKeyValueEditor, pw_key_value_editor, PW, KEY_VALUE_EDITOR, AdwBin)

GtkWidget *pw_key_value_editor_new          (const char         *add_label);
void       pw_key_value_editor_set_pairs    (PwKeyValueEditor   *self,
                                             const char * const *pairs);
GStrv      pw_key_value_editor_get_pairs    (PwKeyValueEditor   *self);
guint      pw_key_value_editor_get_n_rows   (PwKeyValueEditor   *self);
GtkEditable *pw_key_value_editor_get_name   (PwKeyValueEditor   *self,
                                             guint               index);
GtkEditable *pw_key_value_editor_get_value  (PwKeyValueEditor   *self,
                                             guint               index);
void       pw_key_value_editor_set_editable (PwKeyValueEditor   *self,
                                             gboolean            editable);

G_END_DECLS
