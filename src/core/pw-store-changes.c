/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pw-store-changes.h"
#include "pw-store-private.h"

/*
 * PwStoreChanges: the change feed of a database, for the writes of other
 * processes (DESIGN.md §4: the app, agents, `serve` and the CLI share one
 * file).
 *
 * A read-only connection of its own asks `PRAGMA data_version`, which
 * changes only when a commit happened since it last looked; until then
 * nothing else is read. When it changed, one read transaction reads
 * what is new past the cursors: the state rows (flow runs and task runs
 * with a new state) and the log lines after the last rowid seen, and the
 * (rowid, updated) of the small tables of flows, deployments and work
 * queues, compared with the last look.
 *
 * Rows that this process wrote, through the stores given to
 * pw_store_changes_track(), are left out: sqlite's update, commit and
 * rollback hooks on those connections note their rowids as they are
 * committed, and a read skips and forgets them. Their changes were
 * reported already, by whoever made them.
 *
 * Not thread-safe: one thread polls. The hooks run on the threads that
 * write, and meet the poller only under the mutex.
 */

/* How long a read waits for a database in recovery or locked. */
#define READ_BUSY_TIMEOUT_MS 200

/* A small-table row this process changed, not seen changed after this
 * many reads, is forgotten (its change was seen before it was noted). */
#define OWN_ROW_MAX_READS 2

typedef enum
{
  TABLE_STATES,
  TABLE_LOGS,
  TABLE_FLOWS,
  TABLE_DEPLOYMENTS,
  TABLE_WORK_QUEUES,
  N_TABLES
} Table;

#define FIRST_SMALL_TABLE TABLE_FLOWS
#define N_SMALL_TABLES (N_TABLES - FIRST_SMALL_TABLE)

static const char * const table_names[N_TABLES] = {
  "states", "logs", "flows", "deployments", "work_queues",
};

/* What identifies a version of a row of a small table. */
static const char * const small_table_sql[N_SMALL_TABLES] = {
  "SELECT rowid, updated FROM flows",
  "SELECT rowid, updated FROM deployments",
  "SELECT rowid, updated * 31 + coalesce (last_polled, 0) FROM work_queues",
};

/* A connection of this process whose writes are not reported. */
typedef struct
{
  PwStoreChanges *owner;
  PwStore        *store;
  GArray         *pending[N_TABLES];   /* gint64 rowids, until commit */
} Tracked;

struct _PwStoreChanges
{
  char         *path;
  sqlite3      *db;
  sqlite3_stmt *version_stmt;
  dev_t         dev;
  ino_t         ino;

  gboolean      started;
  gint64        data_version;
  gint64        states_mark;
  gint64        logs_mark;
  GHashTable   *rows[N_SMALL_TABLES];  /* rowid → signature */
  guint64       n_reads;

  GPtrArray    *tracked;               /* Tracked */
  GMutex        own_lock;
  /* rowid → the number of reads that did not see it: rows this process
   * committed and no read has passed yet */
  GHashTable   *own[N_TABLES];
};

static GHashTable *
int64_table_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
int64_table_set (GHashTable *table,
                 gint64      key,
                 gint64      value)
{
  g_hash_table_replace (table, g_memdup2 (&key, sizeof key), g_memdup2 (&value, sizeof value));
}

/* Hooks, on the writing thread, under its store's lock */

static void
update_hook (void          *data,
             int            op,
             const char    *db_name,
             const char    *table,
             sqlite3_int64  rowid)
{
  Tracked *tracked = data;

  for (guint i = 0; i < N_TABLES; i++)
    {
      if (strcmp (table, table_names[i]) != 0)
        continue;
      /* Rows of the append-only tables only matter when new. */
      if (i < FIRST_SMALL_TABLE && op != SQLITE_INSERT)
        return;
      g_array_append_val (tracked->pending[i], rowid);
      return;
    }
}

static int
commit_hook (void *data)
{
  Tracked *tracked = data;
  PwStoreChanges *owner = tracked->owner;

  g_mutex_lock (&owner->own_lock);
  for (guint i = 0; i < N_TABLES; i++)
    {
      GArray *pending = tracked->pending[i];

      for (guint j = 0; j < pending->len; j++)
        int64_table_set (owner->own[i], g_array_index (pending, gint64, j), 0);
      g_array_set_size (pending, 0);
    }
  g_mutex_unlock (&owner->own_lock);

  return 0;
}

static void
rollback_hook (void *data)
{
  Tracked *tracked = data;

  for (guint i = 0; i < N_TABLES; i++)
    g_array_set_size (tracked->pending[i], 0);
}

static void
tracked_free (Tracked *tracked)
{
  pw_store_lock (tracked->store);
  sqlite3_update_hook (tracked->store->db, NULL, NULL);
  sqlite3_commit_hook (tracked->store->db, NULL, NULL);
  sqlite3_rollback_hook (tracked->store->db, NULL, NULL);
  pw_store_unlock (tracked->store);

  for (guint i = 0; i < N_TABLES; i++)
    g_array_unref (tracked->pending[i]);
  g_object_unref (tracked->store);
  g_free (tracked);
}

/**
 * pw_store_changes_new:
 * @path: (type filename): the database file
 *
 * Returns: (transfer full): a change feed, not yet reading; see
 *   pw_store_changes_start()
 */
PwStoreChanges *
pw_store_changes_new (const char *path)
{
  PwStoreChanges *self = g_new0 (PwStoreChanges, 1);

  self->path = g_strdup (path);
  self->tracked = g_ptr_array_new_with_free_func ((GDestroyNotify)tracked_free);
  g_mutex_init (&self->own_lock);
  for (guint i = 0; i < N_TABLES; i++)
    self->own[i] = int64_table_new ();
  for (guint i = 0; i < N_SMALL_TABLES; i++)
    self->rows[i] = int64_table_new ();

  return self;
}

static void
close_reader (PwStoreChanges *self)
{
  g_clear_pointer (&self->version_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  self->started = FALSE;
}

void
pw_store_changes_free (PwStoreChanges *self)
{
  if (self == NULL)
    return;

  /* First, so that no hook runs any more. */
  g_ptr_array_unref (self->tracked);
  close_reader (self);
  for (guint i = 0; i < N_TABLES; i++)
    g_hash_table_unref (self->own[i]);
  for (guint i = 0; i < N_SMALL_TABLES; i++)
    g_hash_table_unref (self->rows[i]);
  g_mutex_clear (&self->own_lock);
  g_free (self->path);
  g_free (self);
}

/**
 * pw_store_changes_track:
 * @self: a #PwStoreChanges
 * @store: a store of this process on the same database
 *
 * Leaves out, from now on, what is written through @store. A connection
 * has one set of hooks: track a store in one feed only.
 */
void
pw_store_changes_track (PwStoreChanges *self,
                        PwStore        *store)
{
  Tracked *tracked = g_new0 (Tracked, 1);

  g_return_if_fail (PW_IS_STORE (store));

  tracked->owner = self;
  tracked->store = g_object_ref (store);
  for (guint i = 0; i < N_TABLES; i++)
    tracked->pending[i] = g_array_new (FALSE, FALSE, sizeof (gint64));

  pw_store_lock (store);
  sqlite3_update_hook (store->db, update_hook, tracked);
  sqlite3_commit_hook (store->db, commit_hook, tracked);
  sqlite3_rollback_hook (store->db, rollback_hook, tracked);
  pw_store_unlock (store);

  g_ptr_array_add (self->tracked, tracked);
}

guint64
pw_store_changes_get_n_reads (PwStoreChanges *self)
{
  return self->n_reads;
}

/* Reading */

static gboolean
reader_error (PwStoreChanges  *self,
              int              rc,
              GError         **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int code = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED
             ? PW_STORE_ERROR_BUSY : PW_STORE_ERROR_IO;

  g_set_error (error, PW_STORE_ERROR, code,
               _("Could not read the changes of other processes in “%s”: %s"),
               self->path, detail);
  return FALSE;
}

/* Checks that the file is the one the reader opened; opens it if need be.
 * A file removed or replaced closes the reader: a new one starts over. */
static gboolean
ensure_reader (PwStoreChanges  *self,
               GError         **error)
{
  GStatBuf st;
  int rc;

  if (g_stat (self->path, &st) != 0)
    {
      int saved = errno;

      close_reader (self);
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("Could not watch “%s” for the changes of other processes: %s"),
                   self->path, g_strerror (saved));
      return FALSE;
    }

  if (self->db != NULL && (st.st_dev != self->dev || st.st_ino != self->ino))
    close_reader (self);
  if (self->db != NULL)
    return TRUE;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, READ_BUSY_TIMEOUT_MS);
      rc = sqlite3_prepare_v3 (self->db, "PRAGMA data_version", -1,
                               SQLITE_PREPARE_PERSISTENT, &self->version_stmt, NULL);
    }
  if (rc != SQLITE_OK)
    {
      reader_error (self, rc, error);
      close_reader (self);
      return FALSE;
    }

  self->dev = st.st_dev;
  self->ino = st.st_ino;
  return TRUE;
}

static gboolean
read_data_version (PwStoreChanges  *self,
                   gint64          *out_version,
                   GError         **error)
{
  int rc = sqlite3_step (self->version_stmt);

  if (rc == SQLITE_ROW)
    *out_version = sqlite3_column_int64 (self->version_stmt, 0);
  sqlite3_reset (self->version_stmt);
  if (rc != SQLITE_ROW)
    return reader_error (self, rc, error);
  return TRUE;
}

static gboolean
read_int64 (PwStoreChanges  *self,
            const char      *sql,
            gint64          *out_value,
            GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    reader_error (self, rc, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

static gboolean
read_small_table (PwStoreChanges  *self,
                  guint            index,
                  GHashTable      *rows,
                  GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v3 (self->db, small_table_sql[index], -1, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int64_table_set (rows, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return reader_error (self, rc, error);
  return TRUE;
}

static gboolean
exec (PwStoreChanges  *self,
      const char      *sql,
      GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || reader_error (self, rc, error);
}

/**
 * pw_store_changes_start:
 * @self: a #PwStoreChanges
 * @error: the error to set
 *
 * Takes where the database stands now as the start: what is committed
 * after it is reported by pw_store_changes_poll().
 */
gboolean
pw_store_changes_start (PwStoreChanges  *self,
                        GError         **error)
{
  gboolean ok;

  if (!ensure_reader (self, error))
    return FALSE;

  ok = read_data_version (self, &self->data_version, error) &&
       exec (self, "BEGIN", error);
  if (!ok)
    return FALSE;

  ok = read_int64 (self, "SELECT coalesce (max (rowid), 0) FROM states", &self->states_mark, error) &&
       read_int64 (self, "SELECT coalesce (max (id), 0) FROM logs", &self->logs_mark, error);
  for (guint i = 0; ok && i < N_SMALL_TABLES; i++)
    {
      g_hash_table_remove_all (self->rows[i]);
      ok = read_small_table (self, i, self->rows[i], error);
    }
  exec (self, "COMMIT", NULL);
  if (!ok)
    return FALSE;

  g_mutex_lock (&self->own_lock);
  for (guint i = 0; i < N_TABLES; i++)
    g_hash_table_remove_all (self->own[i]);
  g_mutex_unlock (&self->own_lock);

  self->started = TRUE;
  return TRUE;
}

/* A row seen by a read: states (rowid, flow run, task run's flow run, task
 * run) or logs (rowid, flow run). */
typedef struct
{
  gint64  rowid;
  char   *flow_run_id;
  char   *task_run_id;
} SeenRow;

static void
seen_row_clear (SeenRow *row)
{
  g_free (row->flow_run_id);
  g_free (row->task_run_id);
}

static gboolean
read_new_rows (PwStoreChanges  *self,
               const char      *sql,
               gint64           mark,
               GArray          *rows,
               GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_int64 (stmt, 1, mark);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SeenRow row = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *)sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *)sqlite3_column_text (stmt, 2)),
      };

      g_array_append_val (rows, row);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return reader_error (self, rc, error);
  return TRUE;
}

static PwStoreChangeSet *
change_set_new (void)
{
  PwStoreChangeSet *changes = g_new0 (PwStoreChangeSet, 1);

  changes->flow_runs = g_ptr_array_new_with_free_func (g_free);
  changes->task_runs = g_ptr_array_new_with_free_func (g_free);
  changes->logs = g_array_new (FALSE, FALSE, sizeof (PwLogsChange));
  return changes;
}

/* Keeps the new rows of others, each run once; forgets own rows the read
 * passed. Returns the new mark. Called with own_lock held. */
static gint64
filter_states (PwStoreChanges   *self,
               GArray           *rows,
               gint64            mark,
               PwStoreChangeSet *changes)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *own = self->own[TABLE_STATES];

  for (guint i = 0; i < rows->len; i++)
    {
      SeenRow *row = &g_array_index (rows, SeenRow, i);
      g_autofree char *key = NULL;

      mark = MAX (mark, row->rowid);
      if (g_hash_table_remove (own, &row->rowid) || row->flow_run_id == NULL)
        continue;

      key = g_strconcat (row->flow_run_id, "\x1f", row->task_run_id, NULL);
      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;
      if (row->task_run_id == NULL)
        {
          g_ptr_array_add (changes->flow_runs, g_strdup (row->flow_run_id));
        }
      else
        {
          g_ptr_array_add (changes->task_runs, g_strdup (row->flow_run_id));
          g_ptr_array_add (changes->task_runs, g_strdup (row->task_run_id));
        }
    }
  return mark;
}

static gint64
filter_logs (PwStoreChanges   *self,
             GArray           *rows,
             gint64            mark,
             PwStoreChangeSet *changes)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *own = self->own[TABLE_LOGS];

  for (guint i = 0; i < rows->len; i++)
    {
      SeenRow *row = &g_array_index (rows, SeenRow, i);
      gpointer at;

      mark = MAX (mark, row->rowid);
      if (g_hash_table_remove (own, &row->rowid) || row->flow_run_id == NULL)
        continue;

      if (g_hash_table_lookup_extended (index, row->flow_run_id, NULL, &at))
        {
          g_array_index (changes->logs, PwLogsChange, GPOINTER_TO_UINT (at)).n_lines++;
        }
      else
        {
          PwLogsChange change = { g_strdup (row->flow_run_id), 1 };

          g_array_append_val (changes->logs, change);
          g_hash_table_insert (index, change.flow_run_id, GUINT_TO_POINTER (changes->logs->len - 1));
        }
    }
  return mark;
}

/* Forgets own rows at or before @mark (read, or gone before a read). */
static void
forget_own_rows (GHashTable *own,
                 gint64      mark)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, own);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (*(gint64 *)key <= mark)
      g_hash_table_iter_remove (&iter);
}

/* Compares a small table with the last look: TRUE if a row that this
 * process did not touch was added, changed or removed. Called with
 * own_lock held. */
static gboolean
diff_small_table (GHashTable *before,
                  GHashTable *after,
                  GHashTable *own)
{
  gboolean changed = FALSE;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *old = g_hash_table_lookup (before, key);

      if (old != NULL && *old == *(gint64 *)value)
        continue;
      if (!g_hash_table_remove (own, key))
        changed = TRUE;
    }

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (after, key))
        continue;
      if (!g_hash_table_remove (own, key))
        changed = TRUE;
    }

  /* Own rows this read saw no change of: their change is not visible
   * yet (a commit under way), or was seen by an earlier read. */
  g_hash_table_iter_init (&iter, own);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (++*(gint64 *)value >= OWN_ROW_MAX_READS)
      g_hash_table_iter_remove (&iter);

  return changed;
}

/**
 * pw_store_changes_poll:
 * @self: a #PwStoreChanges
 * @out_changes: (out) (transfer full) (nullable): what others changed,
 *   or %NULL when nothing
 * @error: the error to set
 *
 * Looks whether anything was committed since the last look and, only
 * then, reads what. A database that was removed or replaced fails here;
 * once a database is back, the first poll starts over from where it
 * stands and reports the lists (flows, deployments, work queues) changed.
 *
 * Returns: %TRUE if the database could be read
 */
gboolean
pw_store_changes_poll (PwStoreChanges    *self,
                       PwStoreChangeSet **out_changes,
                       GError           **error)
{
  g_autoptr(PwStoreChangeSet) changes = NULL;
  g_autoptr(GArray) states = NULL;
  g_autoptr(GArray) logs = NULL;
  GHashTable *rows[N_SMALL_TABLES] = { NULL, };
  gint64 version = 0;
  gboolean ok;

  *out_changes = NULL;

  if (!ensure_reader (self, error))
    return FALSE;

  if (!self->started)
    {
      if (!pw_store_changes_start (self, error))
        return FALSE;
      changes = change_set_new ();
      changes->flows = changes->deployments = changes->work_queues = TRUE;
      *out_changes = g_steal_pointer (&changes);
      return TRUE;
    }

  if (!read_data_version (self, &version, error))
    return FALSE;
  if (version == self->data_version)
    return TRUE;

  self->n_reads++;
  states = g_array_new (FALSE, FALSE, sizeof (SeenRow));
  logs = g_array_new (FALSE, FALSE, sizeof (SeenRow));
  g_array_set_clear_func (states, (GDestroyNotify)seen_row_clear);
  g_array_set_clear_func (logs, (GDestroyNotify)seen_row_clear);
  if (!exec (self, "BEGIN", error))
    return FALSE;

  ok = read_new_rows (self,
                      "SELECT s.rowid, coalesce (s.flow_run_id, t.flow_run_id), s.task_run_id"
                      " FROM states s LEFT JOIN task_runs t ON t.id = s.task_run_id"
                      " WHERE s.rowid > ?1 ORDER BY s.rowid",
                      self->states_mark, states, error) &&
       read_new_rows (self,
                      "SELECT id, flow_run_id, NULL FROM logs WHERE id > ?1 ORDER BY id",
                      self->logs_mark, logs, error);
  for (guint i = 0; ok && i < N_SMALL_TABLES; i++)
    {
      rows[i] = int64_table_new ();
      ok = read_small_table (self, i, rows[i], error);
    }
  exec (self, "COMMIT", NULL);

  if (!ok)
    {
      for (guint i = 0; i < N_SMALL_TABLES; i++)
        g_clear_pointer (&rows[i], g_hash_table_unref);
      return FALSE;
    }

  changes = change_set_new ();
  g_mutex_lock (&self->own_lock);
  self->states_mark = filter_states (self, states, self->states_mark, changes);
  self->logs_mark = filter_logs (self, logs, self->logs_mark, changes);
  forget_own_rows (self->own[TABLE_STATES], self->states_mark);
  forget_own_rows (self->own[TABLE_LOGS], self->logs_mark);
  changes->flows = diff_small_table (self->rows[0], rows[0], self->own[TABLE_FLOWS]);
  changes->deployments = diff_small_table (self->rows[1], rows[1], self->own[TABLE_DEPLOYMENTS]);
  changes->work_queues = diff_small_table (self->rows[2], rows[2], self->own[TABLE_WORK_QUEUES]);
  g_mutex_unlock (&self->own_lock);

  for (guint i = 0; i < N_SMALL_TABLES; i++)
    {
      g_hash_table_unref (self->rows[i]);
      self->rows[i] = rows[i];
    }
  self->data_version = version;

  if (!pw_store_change_set_is_empty (changes))
    *out_changes = g_steal_pointer (&changes);
  return TRUE;
}

gboolean
pw_store_change_set_is_empty (PwStoreChangeSet *changes)
{
  return changes->flow_runs->len == 0 && changes->task_runs->len == 0 &&
         changes->logs->len == 0 &&
         !changes->flows && !changes->deployments && !changes->work_queues;
}

void
pw_store_change_set_free (PwStoreChangeSet *changes)
{
  if (changes == NULL)
    return;

  g_ptr_array_unref (changes->flow_runs);
  g_ptr_array_unref (changes->task_runs);
  for (guint i = 0; i < changes->logs->len; i++)
    g_free (g_array_index (changes->logs, PwLogsChange, i).flow_run_id);
  g_array_unref (changes->logs);
  g_free (changes);
}
