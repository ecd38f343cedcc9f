/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flow.h"

G_BEGIN_DECLS

/**
 * PW_DAG_CLIPBOARD_MIME_TYPE:
 *
 * The clipboard format of copied tasks: a flow file holding them.
 */
#define PW_DAG_CLIPBOARD_MIME_TYPE "application/x-pipewright-flow+json"

PwFlow    *pw_dag_clipboard_subset        (PwFlow      *flow,
                                           PwTask     **tasks,
                                           guint        n_tasks);
char      *pw_dag_clipboard_to_text       (PwFlow      *clip,
                                           gsize       *length);
PwFlow    *pw_dag_clipboard_from_text     (const char  *text,
                                           gsize        length,
                                           GError     **error);
GPtrArray *pw_dag_clipboard_prepare_paste (PwFlow      *target,
                                           PwFlow      *clip,
                                           double       dx,
                                           double       dy);
char      *pw_dag_unique_key              (PwFlow      *flow,
                                           GHashTable  *taken,
                                           const char  *base);
char      *pw_dag_rewrite_task_refs       (const char  *text,
                                           GHashTable  *renamed);

G_END_DECLS
