/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-work-queue.h"

G_BEGIN_DECLS

const char *pw_routing_pick_queue (GPtrArray          *queues,
                                   const char         *work_queue_name,
                                   const char * const *tags);

G_END_DECLS
