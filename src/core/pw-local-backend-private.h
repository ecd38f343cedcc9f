/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-engine.h"
#include "pw-local-backend.h"
#include "pw-store.h"

G_BEGIN_DECLS

struct _PwLocalBackend
{
  GObject       parent_instance;

  char         *db_path;
  PwStore      *store;
  PwEngine     *engine;
  GMainContext *context;
};

void _pw_local_backend_init_runs (PwBackendInterface *iface);
void _pw_local_backend_init_deployments (PwBackendInterface *iface);
void _pw_local_backend_init_notifications (PwBackendInterface *iface);
void _pw_local_backend_connect_engine (PwLocalBackend *self);

G_END_DECLS
