/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

/*
 * PwStoreChanges: what other processes committed to a database, read
 * cheaply after a cursor (pw-store-changes.c). Private to libpipewright-core.
 */
typedef struct _PwStoreChanges PwStoreChanges;

/* One run's new log lines. */
typedef struct
{
  char  *flow_run_id;
  guint  n_lines;
} PwLogsChange;

/* What changed since the last read, each run once, in the order stored. */
typedef struct
{
  GPtrArray *flow_runs;     /* char *: flow runs with new states */
  GPtrArray *task_runs;     /* char *: flow run id, task run id, … in pairs */
  GArray    *logs;          /* PwLogsChange */
  gboolean   flows;
  gboolean   deployments;
  gboolean   work_queues;
} PwStoreChangeSet;

PwStoreChanges   *pw_store_changes_new         (const char       *path);
void              pw_store_changes_free        (PwStoreChanges   *self);
void              pw_store_changes_track       (PwStoreChanges   *self,
                                                PwStore          *store);
gboolean          pw_store_changes_start       (PwStoreChanges   *self,
                                                GError          **error);
gboolean          pw_store_changes_poll        (PwStoreChanges   *self,
                                                PwStoreChangeSet **out_changes,
                                                GError          **error);
guint64           pw_store_changes_get_n_reads (PwStoreChanges   *self);

gboolean          pw_store_change_set_is_empty (PwStoreChangeSet *changes);
void              pw_store_change_set_free     (PwStoreChangeSet *changes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwStoreChanges, pw_store_changes_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwStoreChangeSet, pw_store_change_set_free)

G_END_DECLS
