/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-clock.h"

G_BEGIN_DECLS

#define PW_TYPE_SYSTEM_CLOCK (pw_system_clock_get_type ())
G_DECLARE_FINAL_TYPE (PwSystemClock, pw_system_clock, PW, SYSTEM_CLOCK, PwClock)

PwClock *pw_system_clock_new         (void);
PwClock *pw_system_clock_get_default (void);

G_END_DECLS
