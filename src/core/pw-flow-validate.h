/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flow.h"
#include "pw-problem.h"

G_BEGIN_DECLS

GPtrArray *pw_flow_validate (PwFlow *flow);

G_END_DECLS
