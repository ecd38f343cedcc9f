/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_TIMEZONE_CHOOSER (pw_timezone_chooser_get_type ())
G_DECLARE_FINAL_TYPE (PwTimezoneChooser, pw_timezone_chooser, PW, TIMEZONE_CHOOSER, GtkPopover)

GtkWidget *pw_timezone_chooser_new (void);

G_END_DECLS
