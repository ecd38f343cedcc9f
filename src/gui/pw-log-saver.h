/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-backend.h"

G_BEGIN_DECLS

#define PW_LOG_SAVE_CHUNK 5000

char     *pw_log_format_line  (PwLogEntry          *entry,
                               const char          *task_name);
void      pw_log_save_async   (PwBackend           *backend,
                               const PwLogFilter   *filter,
                               const char          *search,
                               GHashTable          *task_names,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
gboolean  pw_log_save_finish  (PwBackend           *backend,
                               GAsyncResult        *result,
                               guint64             *n_lines,
                               GError             **error);

G_END_DECLS
