/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-engine.h"
#include "pw-local-backend.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* The watch of the database for other processes' writes
 * (pw-local-backend-watch.c). */
typedef struct _PwLocalBackendWatch PwLocalBackendWatch;

/* The default of PwLocalBackend:watch-interval-ms. */
#define PW_LOCAL_BACKEND_DEFAULT_WATCH_INTERVAL_MS 300

struct _PwLocalBackend
{
  GObject       parent_instance;

  char         *db_path;
  PwStore      *store;
  PwEngine     *engine;
  GMainContext *context;

  guint                watch_interval_ms;
  PwLocalBackendWatch *watch;
  GPtrArray           *own_stores;   /* PwStore: this process's other writers */
};

void _pw_local_backend_init_runs (PwBackendInterface *iface);
void _pw_local_backend_init_deployments (PwBackendInterface *iface);
void _pw_local_backend_init_notifications (PwBackendInterface *iface);
void _pw_local_backend_connect_engine (PwLocalBackend *self);

void    _pw_local_backend_watch_start       (PwLocalBackend *self);
void    _pw_local_backend_watch_stop        (PwLocalBackend *self);
void    _pw_local_backend_watch_track       (PwLocalBackend *self,
                                             PwStore        *store);
guint64 _pw_local_backend_watch_get_n_reads (PwLocalBackend *self);
guint   _pw_local_backend_watch_get_n_failures (PwLocalBackend *self);

G_END_DECLS
