/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-enums.h"

G_BEGIN_DECLS

#define PW_TYPE_DAG_PALETTE (pw_dag_palette_get_type ())
G_DECLARE_FINAL_TYPE (PwDagPalette, pw_dag_palette, PW, DAG_PALETTE, GtkPopover)

GtkWidget *pw_dag_palette_new          (void);
void       pw_dag_palette_reset        (PwDagPalette *self);
void       pw_dag_palette_set_search   (PwDagPalette *self,
                                        const char   *text);
guint      pw_dag_palette_get_n_shown  (PwDagPalette *self);
gboolean   pw_dag_palette_choose_first (PwDagPalette *self);

G_END_DECLS
