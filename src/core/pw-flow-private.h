/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flow.h"

G_BEGIN_DECLS

/* For the task (its key changed), the graph, the validator and the reader. */
void     _pw_flow_task_key_changed (PwFlow    *self,
                                    PwTask    *task);
PwTask **_pw_flow_peek_tasks       (PwFlow    *self,
                                    guint     *n_tasks);
void     _pw_flow_append_tasks       (PwFlow    *self,
                                    GPtrArray *tasks);

G_END_DECLS
