/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-state.h"

G_BEGIN_DECLS

#define PW_TYPE_STATE_CHIP (pw_state_chip_get_type ())
G_DECLARE_FINAL_TYPE (PwStateChip, pw_state_chip, PW, STATE_CHIP, GtkWidget)

GtkWidget   *pw_state_chip_new            (void);
PwStateType  pw_state_chip_get_state_type (PwStateChip *self);
const char  *pw_state_chip_get_state_name (PwStateChip *self);
void         pw_state_chip_set_state      (PwStateChip *self,
                                           PwStateType  type,
                                           const char  *name);
const char  *pw_state_chip_get_label      (PwStateChip *self);

G_END_DECLS
