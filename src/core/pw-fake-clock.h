/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-clock.h"

G_BEGIN_DECLS

#define PW_TYPE_FAKE_CLOCK (pw_fake_clock_get_type ())
G_DECLARE_FINAL_TYPE (PwFakeClock, pw_fake_clock, PW, FAKE_CLOCK, PwClock)

PwClock *pw_fake_clock_new     (GDateTime   *now);
void     pw_fake_clock_set_now (PwFakeClock *self,
                                GDateTime   *now);
void     pw_fake_clock_advance (PwFakeClock *self,
                                GTimeSpan    span);
guint    pw_fake_clock_get_n_pending (PwFakeClock *self);

G_END_DECLS
