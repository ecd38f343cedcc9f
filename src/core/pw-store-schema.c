/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/*
 * The database schema and its migrations. PRAGMA user_version holds the
 * number of the last migration applied; pw_store_open() applies the rest in
 * order, each in its own transaction. A migration, once released, never
 * changes: a change to the schema is a new step at the end.
 *
 * Times are integer microseconds since the epoch, UTC; durations are
 * integer microseconds; lists and objects are JSON text. A run keeps its
 * current state's type and name beside the state history (as Prefect
 * does) so that lists filter and sort without a join.
 */

typedef struct
{
  guint       version;
  const char *sql;
} PwMigration;

static const char migration_1[] =
  "PRAGMA application_id = 1347908201;\n"  /* PW_STORE_APPLICATION_ID */

  "CREATE TABLE flows (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  name TEXT NOT NULL UNIQUE,\n"
  "  tags TEXT NOT NULL DEFAULT '[]',\n"
  "  created INTEGER NOT NULL,\n"
  "  updated INTEGER NOT NULL\n"
  ");\n"

  /* Every save is a version; a run points at the version it ran. */
  "CREATE TABLE flow_versions (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  flow_id TEXT NOT NULL REFERENCES flows (id) ON DELETE CASCADE,\n"
  "  version INTEGER NOT NULL CHECK (version >= 1),\n"
  "  document TEXT NOT NULL,\n"
  "  description TEXT,\n"
  "  n_tasks INTEGER NOT NULL DEFAULT 0,\n"
  "  created INTEGER NOT NULL,\n"
  "  UNIQUE (flow_id, version)\n"
  ");\n"

  "CREATE TABLE work_queues (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  name TEXT NOT NULL UNIQUE,\n"
  "  description TEXT,\n"
  "  paused INTEGER NOT NULL DEFAULT 0,\n"
  "  concurrency_limit INTEGER CHECK (concurrency_limit >= 0),\n"
  "  priority INTEGER NOT NULL DEFAULT 1 CHECK (priority >= 1),\n"
  "  tag_filter TEXT,\n"
  "  last_polled INTEGER,\n"
  "  created INTEGER NOT NULL,\n"
  "  updated INTEGER NOT NULL\n"
  ");\n"

  "CREATE TABLE deployments (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  flow_id TEXT NOT NULL REFERENCES flows (id) ON DELETE CASCADE,\n"
  "  name TEXT NOT NULL,\n"
  "  schedule TEXT,\n"
  "  parameters TEXT NOT NULL DEFAULT '{}',\n"
  "  tags TEXT NOT NULL DEFAULT '[]',\n"
  "  work_queue_name TEXT,\n"
  "  paused INTEGER NOT NULL DEFAULT 0,\n"
  "  description TEXT,\n"
  "  created INTEGER NOT NULL,\n"
  "  updated INTEGER NOT NULL,\n"
  "  UNIQUE (flow_id, name)\n"
  ");\n"

  /* sort_time is Prefect's START_TIME sort key. The owner_* columns and the
   * heartbeat say which process runs the run (pw-store-owner.c). */
  "CREATE TABLE flow_runs (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  flow_id TEXT NOT NULL REFERENCES flows (id) ON DELETE CASCADE,\n"
  "  flow_version INTEGER NOT NULL,\n"
  "  deployment_id TEXT REFERENCES deployments (id) ON DELETE SET NULL,\n"
  "  work_queue_name TEXT,\n"
  "  parameters TEXT NOT NULL DEFAULT '{}',\n"
  "  tags TEXT NOT NULL DEFAULT '[]',\n"
  "  parent_task_run_id TEXT REFERENCES task_runs (id) ON DELETE SET NULL,\n"
  "  idempotency_key TEXT,\n"
  "  auto_scheduled INTEGER NOT NULL DEFAULT 0,\n"
  "  state_id TEXT,\n"
  "  state_type TEXT NOT NULL CHECK (state_type IN ('SCHEDULED', 'PENDING', 'RUNNING',"
  " 'COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED', 'PAUSED', 'CANCELLING')),\n"
  "  state_name TEXT NOT NULL,\n"
  "  run_count INTEGER NOT NULL DEFAULT 0,\n"
  "  expected_start_time INTEGER,\n"
  "  next_scheduled_start_time INTEGER,\n"
  "  start_time INTEGER,\n"
  "  end_time INTEGER,\n"
  "  total_run_time INTEGER NOT NULL DEFAULT 0,\n"
  "  sort_time INTEGER GENERATED ALWAYS AS (coalesce (start_time, expected_start_time)) VIRTUAL,\n"
  "  owner_host TEXT,\n"
  "  owner_boot_id TEXT,\n"
  "  owner_pid_namespace TEXT,\n"
  "  owner_pid INTEGER,\n"
  "  owner_start_time INTEGER,\n"
  "  heartbeat INTEGER,\n"
  "  created INTEGER NOT NULL,\n"
  "  updated INTEGER NOT NULL,\n"
  "  FOREIGN KEY (flow_id, flow_version) REFERENCES flow_versions (flow_id, version)"
  " ON DELETE CASCADE\n"
  ");\n"
  "CREATE INDEX flow_runs_sort_time ON flow_runs (sort_time);\n"
  "CREATE INDEX flow_runs_state_type ON flow_runs (state_type, sort_time);\n"
  "CREATE INDEX flow_runs_flow ON flow_runs (flow_id, sort_time);\n"
  "CREATE INDEX flow_runs_deployment ON flow_runs (deployment_id, sort_time);\n"
  "CREATE INDEX flow_runs_work_queue ON flow_runs"
  " (work_queue_name, state_type, next_scheduled_start_time);\n"
  "CREATE INDEX flow_runs_expected_start_time ON flow_runs (expected_start_time);\n"
  "CREATE INDEX flow_runs_next_scheduled_start_time ON flow_runs (next_scheduled_start_time);\n"
  "CREATE INDEX flow_runs_end_time ON flow_runs (end_time);\n"
  "CREATE INDEX flow_runs_name ON flow_runs (name);\n"
  "CREATE INDEX flow_runs_parent ON flow_runs (parent_task_run_id)"
  " WHERE parent_task_run_id IS NOT NULL;\n"
  "CREATE UNIQUE INDEX flow_runs_idempotency_key ON flow_runs (flow_id, idempotency_key)"
  " WHERE idempotency_key IS NOT NULL;\n"

  "CREATE TABLE task_runs (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,\n"
  "  task_key TEXT NOT NULL,\n"
  "  dynamic_key TEXT NOT NULL DEFAULT '0',\n"
  "  cache_key TEXT,\n"
  "  cache_expiration INTEGER,\n"
  "  tags TEXT NOT NULL DEFAULT '[]',\n"
  "  task_inputs TEXT NOT NULL DEFAULT '{}',\n"
  "  state_id TEXT,\n"
  "  state_type TEXT NOT NULL CHECK (state_type IN ('SCHEDULED', 'PENDING', 'RUNNING',"
  " 'COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED', 'PAUSED', 'CANCELLING')),\n"
  "  state_name TEXT NOT NULL,\n"
  "  run_count INTEGER NOT NULL DEFAULT 0,\n"
  "  expected_start_time INTEGER,\n"
  "  next_scheduled_start_time INTEGER,\n"
  "  start_time INTEGER,\n"
  "  end_time INTEGER,\n"
  "  total_run_time INTEGER NOT NULL DEFAULT 0,\n"
  "  result TEXT,\n"
  "  result_truncated INTEGER NOT NULL DEFAULT 0,\n"
  "  created INTEGER NOT NULL,\n"
  "  updated INTEGER NOT NULL,\n"
  "  UNIQUE (flow_run_id, task_key, dynamic_key)\n"
  ");\n"

  /* The state history of flow runs and task runs: each row belongs to
   * exactly one of them. */
  "CREATE TABLE states (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  flow_run_id TEXT REFERENCES flow_runs (id) ON DELETE CASCADE,\n"
  "  task_run_id TEXT REFERENCES task_runs (id) ON DELETE CASCADE,\n"
  "  type TEXT NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  message TEXT,\n"
  "  timestamp INTEGER NOT NULL,\n"
  "  scheduled_time INTEGER,\n"
  "  details TEXT,\n"
  "  CHECK ((flow_run_id IS NULL) <> (task_run_id IS NULL))\n"
  ");\n"
  "CREATE INDEX states_flow_run ON states (flow_run_id, timestamp)"
  " WHERE flow_run_id IS NOT NULL;\n"
  "CREATE INDEX states_task_run ON states (task_run_id, timestamp)"
  " WHERE task_run_id IS NOT NULL;\n"

  "CREATE TABLE logs (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,\n"
  "  task_run_id TEXT REFERENCES task_runs (id) ON DELETE CASCADE,\n"
  "  name TEXT NOT NULL DEFAULT '',\n"
  "  level INTEGER NOT NULL,\n"
  "  message TEXT NOT NULL,\n"
  "  timestamp INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX logs_flow_run ON logs (flow_run_id, timestamp);\n"
  "CREATE INDEX logs_task_run ON logs (task_run_id, timestamp)"
  " WHERE task_run_id IS NOT NULL;\n"

  "CREATE TABLE cache_entries (\n"
  "  cache_key TEXT PRIMARY KEY NOT NULL,\n"
  "  result TEXT,\n"
  "  expiration INTEGER,\n"
  "  task_run_id TEXT REFERENCES task_runs (id) ON DELETE SET NULL,\n"
  "  created INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX cache_entries_task_run ON cache_entries (task_run_id)"
  " WHERE task_run_id IS NOT NULL;\n"
  "CREATE INDEX cache_entries_expiration ON cache_entries (expiration)"
  " WHERE expiration IS NOT NULL;\n";

G_STATIC_ASSERT (PW_STORE_APPLICATION_ID == 1347908201);

/* Schedules (pw-scheduler.c, pw-store-scheduled.c). A deployment keeps
 * where its schedule stands: scheduled_from is when it became active (set
 * by the scheduler's clock at its first look, reset to null when the
 * schedule changes or the deployment is resumed), scheduled_through the
 * latest time the scheduler created a run for. At most one auto-scheduled
 * run per deployment and time, whoever inserts it. Runs are marked Late
 * through the state name index of waiting runs. */
static const char migration_2[] =
  "ALTER TABLE deployments ADD COLUMN scheduled_from INTEGER;\n"
  "ALTER TABLE deployments ADD COLUMN scheduled_through INTEGER;\n"
  "CREATE UNIQUE INDEX flow_runs_auto_scheduled ON flow_runs"
  " (deployment_id, expected_start_time)"
  " WHERE auto_scheduled = 1 AND deployment_id IS NOT NULL;\n"
  "CREATE INDEX flow_runs_waiting ON flow_runs (state_name, next_scheduled_start_time)"
  " WHERE state_type = 'SCHEDULED';\n";

/* Notifications (pw-store-notifications.c, pw-notifier.c): the global
 * rules; the webhook deliveries made, one per run, state and URL, so that
 * of the processes watching one database exactly one delivers each; and
 * the rowid of the last state a notifier looked at, so that one that
 * starts later catches up on what happened while none ran. */
static const char migration_3[] =
  "CREATE TABLE notification_rules (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  states TEXT NOT NULL,\n"
  "  flow_names TEXT NOT NULL DEFAULT '[]',\n"
  "  tags TEXT NOT NULL DEFAULT '[]',\n"
  "  webhook TEXT,\n"
  "  active INTEGER NOT NULL DEFAULT 1,\n"
  "  created INTEGER NOT NULL,\n"
  "  updated INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE notification_deliveries (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,\n"
  "  state_type TEXT NOT NULL,\n"
  "  state_name TEXT NOT NULL,\n"
  "  webhook TEXT NOT NULL,\n"
  "  status TEXT NOT NULL DEFAULT 'sending'"
  " CHECK (status IN ('sending', 'delivered', 'failed')),\n"
  "  attempts INTEGER NOT NULL DEFAULT 0,\n"
  "  message TEXT,\n"
  "  created INTEGER NOT NULL,\n"
  "  updated INTEGER NOT NULL,\n"
  "  UNIQUE (flow_run_id, state_type, state_name, webhook)\n"
  ");\n"
  "CREATE TABLE notification_cursor (\n"
  "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  mark INTEGER NOT NULL\n"
  ");\n";

/* Task processes (pw-store-task-processes.c): the process group of each
 * running `command` or `shell` task, with its leader's start time and the
 * host, boot and pid namespace it runs in, so that the reaper can end the
 * groups a crashed run left running, and never another process that got
 * the same pid. No reference to task_runs: the engine starts a process
 * before its task run's row is committed. */
static const char migration_4[] =
  "CREATE TABLE task_processes (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,\n"
  "  task_run_id TEXT NOT NULL,\n"
  "  pgid INTEGER NOT NULL CHECK (pgid > 1),\n"
  "  start_time INTEGER NOT NULL,\n"
  "  host TEXT NOT NULL,\n"
  "  boot_id TEXT,\n"
  "  pid_namespace TEXT,\n"
  "  created INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX task_processes_flow_run ON task_processes (flow_run_id);\n"
  "CREATE INDEX task_processes_task_run ON task_processes (task_run_id, pgid);\n";

static const PwMigration migrations[] = {
  { 1, migration_1 },
  { 2, migration_2 },
  { 3, migration_3 },
  { 4, migration_4 },
};

/**
 * pw_store_schema_latest:
 *
 * Returns: the schema version this build writes
 */
guint
pw_store_schema_latest (void)
{
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

static gboolean
read_user_version (PwStore  *self,
                   gint64   *version,
                   GError  **error)
{
  g_autoptr(PwStmt) stmt = pw_store_prepare (self, "PRAGMA user_version", error);

  if (stmt == NULL || pw_store_step (self, stmt, error) != SQLITE_ROW)
    return FALSE;

  *version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
apply_migration (PwStore            *self,
                 const PwMigration  *migration,
                 GError            **error)
{
  g_autofree char *set_version = NULL;
  gint64 version = 0;
  int rc;

  if (!pw_store_transaction_begin (self, error))
    return FALSE;

  /* Another process may have migrated while we waited for the lock. */
  if (!read_user_version (self, &version, error))
    goto failed;
  if (version >= migration->version)
    return pw_store_transaction_commit (self, error);

  /* DDL from this file only: no value from outside is ever pasted. */
  set_version = g_strdup_printf ("PRAGMA user_version = %u", migration->version);
  rc = sqlite3_exec (self->db, migration->sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, set_version, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *doing = g_strdup_printf (_("upgrade the database to schema %u"),
                                                migration->version);

      pw_store_set_error (self, rc, doing, error);
      goto failed;
    }

  return pw_store_transaction_commit (self, error);

failed:
  pw_store_transaction_rollback (self);
  return FALSE;
}

/**
 * pw_store_migrate:
 * @self: a #PwStore
 * @from_version: the schema version the file has
 * @error: the error to set
 *
 * Applies, in order, each migration past @from_version.
 */
gboolean
pw_store_migrate (PwStore  *self,
                  guint     from_version,
                  GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (migrations[i].version <= from_version)
        continue;
      if (!apply_migration (self, &migrations[i], error))
        return FALSE;
      g_debug ("%s: schema %u", self->path, migrations[i].version);
    }

  return TRUE;
}
