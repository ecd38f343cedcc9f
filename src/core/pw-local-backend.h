/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-backend.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_LOCAL_BACKEND (pw_local_backend_get_type ())
G_DECLARE_FINAL_TYPE (PwLocalBackend, pw_local_backend, PW, LOCAL_BACKEND, GObject)

PwBackend  *pw_local_backend_new         (const char     *db_path,
                                          GError        **error);
const char *pw_local_backend_get_db_path (PwLocalBackend *self);
void        pw_local_backend_add_own_store (PwLocalBackend *self,
                                            PwStore        *store);
void        pw_local_backend_set_watch_interval (PwLocalBackend *self,
                                                 guint           interval_ms);

G_END_DECLS
