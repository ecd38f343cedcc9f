/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-backend.h"

G_BEGIN_DECLS

char     *pw_examples_find_dir              (void);
char     *pw_examples_marker_path           (void);
void      pw_examples_import_async          (PwBackend            *backend,
                                             const char           *examples_dir,
                                             const char           *marker_path,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  pw_examples_import_finish         (PwBackend            *backend,
                                             GAsyncResult         *result,
                                             guint                *n_imported,
                                             GError              **error);

G_END_DECLS
