/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pw-store-private.h"

/*
 * PwStore: the sqlite database of flows, deployments, work queues, runs,
 * state history, logs and cached results (DESIGN.md §4).
 *
 * One connection per PwStore. Several processes (the app, agents, the CLI)
 * share the file: the database runs in WAL mode so that readers never wait
 * for a writer, every write takes the write lock up front (BEGIN
 * IMMEDIATE) and waits up to a busy timeout for another process to finish.
 * Statements are prepared once and cached by their text; values are always
 * bound, never pasted into SQL.
 *
 * The object may be used from several threads: each call holds the store's
 * (recursive) lock. A batch opened with pw_store_begin() holds it until
 * pw_store_commit() or pw_store_rollback(), on the same thread.
 */

/* How long a write waits for another process's transaction to end. */
#define BUSY_TIMEOUT_MS 5000

/* Past this many cached statements, the cache is emptied at the start of
 * the next call (when none is in use). Filters make a bounded but large
 * number of shapes of SELECT. */
#define MAX_CACHED_STATEMENTS 512

G_DEFINE_FINAL_TYPE (PwStore, pw_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (pw-store-error-quark, pw_store_error)

static void
pw_store_finalize (GObject *object)
{
  PwStore *self = (PwStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Lets sqlite keep its planner statistics up to date (cheap when
       * nothing needs doing). */
      if (!self->read_only)
        sqlite3_exec (self->db, "PRAGMA optimize", NULL, NULL, NULL);
      sqlite3_close (self->db);
      self->db = NULL;
    }
  pw_run_owner_clear (&self->self_owner);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pw_store_parent_class)->finalize (object);
}

static void
pw_store_class_init (PwStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pw_store_init (PwStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  pw_run_owner_init_self (&self->self_owner);
}

/**
 * pw_store_default_path:
 *
 * The database used when none is named: `PIPEWRIGHT_DB` if set, else
 * `$XDG_DATA_HOME/pipewright/pipewright.db`. Creates the folder of the
 * latter if needed.
 *
 * Returns: (transfer full) (type filename): the path
 */
char *
pw_store_default_path (void)
{
  const char *env = g_getenv ("PIPEWRIGHT_DB");
  g_autofree char *dir = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  dir = g_build_filename (g_get_user_data_dir (), "pipewright", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_warning ("Could not create %s: %s", dir, g_strerror (errno));

  return g_build_filename (dir, "pipewright.db", NULL);
}

const char *
pw_store_get_path (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return self->path;
}

/**
 * pw_store_is_read_only:
 * @self: a #PwStore
 *
 * Returns: %TRUE if the database was opened for reading only, because the
 *   file or its folder cannot be written; every change then fails with
 *   %PW_STORE_ERROR_READ_ONLY
 */
gboolean
pw_store_is_read_only (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), TRUE);
  return self->read_only;
}

/* Locking */

void
pw_store_lock (PwStore *self)
{
  g_rec_mutex_lock (&self->lock);

  /* At the outermost call no cached statement is in use. */
  if (self->lock_depth++ == 0 && g_hash_table_size (self->statements) > MAX_CACHED_STATEMENTS)
    g_hash_table_remove_all (self->statements);
}

void
pw_store_unlock (PwStore *self)
{
  self->lock_depth--;
  g_rec_mutex_unlock (&self->lock);
}

/* Errors */

/**
 * pw_store_set_error:
 * @self: a #PwStore
 * @rc: the sqlite result code
 * @doing: what was being done, for the message (`save flow “etl”`)
 * @error: the error to set
 *
 * Turns the connection's last sqlite error into a #PwStoreError whose
 * message names the database file.
 *
 * Returns: %FALSE, always
 */
gboolean
pw_store_set_error (PwStore     *self,
                    int          rc,
                    const char  *doing,
                    GError     **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Pipewright database (not an SQLite file)"),
                   self->path);
      break;
    case SQLITE_READONLY:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY,
                   _("Could not %s: the database “%s” is read-only"),
                   doing, self->path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                   _("Could not %s: the database “%s” is damaged (%s)"),
                   doing, self->path, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY,
                   _("Could not %s: the database “%s” stayed busy in another process"),
                   doing, self->path);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                   _("Could not %s in “%s”: %s"), doing, self->path, detail);
      break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("Could not %s in “%s”: %s"), doing, self->path, detail);
      break;
    default:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_FAILED,
                   _("Could not %s in “%s”: %s"), doing, self->path, detail);
      break;
    }

  return FALSE;
}

/**
 * pw_store_check_writable:
 * @self: a #PwStore
 * @error: the error to set
 *
 * Returns: %TRUE if the store may be changed, else %FALSE with a
 *   %PW_STORE_ERROR_READ_ONLY error that says why
 */
gboolean
pw_store_check_writable (PwStore  *self,
                         GError  **error)
{
  if (!self->read_only)
    return TRUE;

  if (self->read_only_folder)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY,
                 _("Cannot change “%s”: its folder is read-only, so it was opened"
                   " for reading only"),
                 self->path);
  else
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY,
                 _("Cannot change “%s”: the file is read-only, so it was opened"
                   " for reading only"),
                 self->path);
  return FALSE;
}

/* Statements */

/**
 * pw_store_prepare:
 * @self: a #PwStore
 * @sql: one SQL statement
 * @error: the error to set
 *
 * Returns the cached prepared statement for @sql, preparing it the first
 * time. Release it (g_autoptr(PwStmt)) before the next use of the same
 * text.
 *
 * Returns: (transfer none) (nullable): the statement
 */
PwStmt *
pw_store_prepare (PwStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      pw_store_set_error (self, rc, _("read the database"), error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * pw_store_step:
 * @self: a #PwStore
 * @stmt: a statement
 * @error: the error to set
 *
 * Returns: %SQLITE_ROW or %SQLITE_DONE, or -1 with @error set
 */
int
pw_store_step (PwStore  *self,
               PwStmt   *stmt,
               GError  **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  pw_store_set_error (self, rc, _("use the database"), error);
  return -1;
}

/* Steps @stmt to its end. */
gboolean
pw_store_run (PwStore  *self,
              PwStmt   *stmt,
              GError  **error)
{
  int rc;

  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    ;
  return rc == SQLITE_DONE;
}

gboolean
pw_store_exec (PwStore     *self,
               const char  *sql,
               GError     **error)
{
  g_autoptr(PwStmt) stmt = pw_store_prepare (self, sql, error);

  return stmt != NULL && pw_store_run (self, stmt, error);
}

/**
 * pw_store_query_text:
 * @self: a #PwStore
 * @sql: a SELECT with one or two `?`
 * @first: the value of the first
 * @second: (nullable): the value of the second, if any
 * @error: the error to set
 *
 * Returns: (transfer full) (nullable): the first column of the first row,
 *   or %NULL: with @error set if reading failed, unset if there is no row
 */
char *
pw_store_query_text (PwStore     *self,
                     const char  *sql,
                     const char  *first,
                     const char  *second,
                     GError     **error)
{
  g_autoptr(PwStmt) stmt = pw_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, first);
  if (second != NULL)
    pw_bind_text (stmt, 2, second);
  if (pw_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;

  return pw_column_dup_text (stmt, 0);
}

/* Transactions */

/**
 * pw_store_transaction_begin:
 * @self: a #PwStore
 * @error: the error to set
 *
 * Starts a write transaction, or a savepoint inside the current one. The
 * outermost level takes the write lock at once (BEGIN IMMEDIATE) so that
 * two processes never both read and then both try to write.
 */
gboolean
pw_store_transaction_begin (PwStore  *self,
                            GError  **error)
{
  const char *sql = self->transaction_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT pw";

  if (!pw_store_exec (self, sql, error))
    return FALSE;

  self->transaction_depth++;
  return TRUE;
}

gboolean
pw_store_transaction_commit (PwStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (!pw_store_exec (self, self->transaction_depth == 1 ? "COMMIT" : "RELEASE pw", error))
    {
      pw_store_transaction_rollback (self);
      return FALSE;
    }

  self->transaction_depth--;
  return TRUE;
}

void
pw_store_transaction_rollback (PwStore *self)
{
  g_return_if_fail (self->transaction_depth > 0);

  self->transaction_depth--;
  if (self->transaction_depth == 0)
    {
      /* sqlite may already have rolled back (after an I/O error). */
      if (!sqlite3_get_autocommit (self->db))
        pw_store_exec (self, "ROLLBACK", NULL);
    }
  else
    {
      pw_store_exec (self, "ROLLBACK TO pw", NULL);
      pw_store_exec (self, "RELEASE pw", NULL);
    }
}

/* The frame of every change: refuse in a read-only store, else open a
 * (nested) transaction. */
gboolean
pw_store_write_begin (PwStore  *self,
                      GError  **error)
{
  return pw_store_check_writable (self, error) &&
         pw_store_transaction_begin (self, error);
}

/* Commits when @ok, else rolls back. Returns whether the change is made. */
gboolean
pw_store_write_end (PwStore   *self,
                    gboolean   ok,
                    GError   **error)
{
  if (!ok)
    {
      pw_store_transaction_rollback (self);
      return FALSE;
    }
  return pw_store_transaction_commit (self, error);
}

/**
 * pw_store_begin:
 * @self: a #PwStore
 * @error: return location for a #GError
 *
 * Opens a batch: the changes made until pw_store_commit() are written in
 * one transaction, which is much faster for many small changes (a burst of
 * state changes, many task runs). Each change inside still succeeds or
 * fails on its own. The batch holds the store (and the database's write
 * lock) until it ends; end it on the thread that began it.
 *
 * Returns: %TRUE if the batch is open
 */
gboolean
pw_store_begin (PwStore  *self,
                GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pw_store_lock (self);
  if (!pw_store_write_begin (self, error))
    {
      pw_store_unlock (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_store_commit:
 * @self: a #PwStore
 * @error: return location for a #GError
 *
 * Ends the batch opened by pw_store_begin(), writing its changes. On
 * failure the changes are rolled back.
 *
 * Returns: %TRUE if the changes are written
 */
gboolean
pw_store_commit (PwStore  *self,
                 GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  ok = pw_store_transaction_commit (self, error);
  pw_store_unlock (self);
  return ok;
}

/**
 * pw_store_rollback:
 * @self: a #PwStore
 *
 * Ends the batch opened by pw_store_begin(), dropping its changes.
 */
void
pw_store_rollback (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));
  g_return_if_fail (self->transaction_depth > 0);

  pw_store_transaction_rollback (self);
  pw_store_unlock (self);
}

/* Opening */

/* Reads one integer PRAGMA. */
static gboolean
read_pragma (PwStore     *self,
             const char  *sql,
             gint64      *value,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    pw_store_set_error (self, rc, _("read the database"), error);
  sqlite3_finalize (stmt);

  return rc == SQLITE_OK;
}

/* Opens the file for reading only, creating nothing beside it: a read-only
 * file or folder must stay as it is. When a write-ahead log with data
 * lies beside the file, it is read (which needs its index file); else
 * the file is read as immutable. */
static gboolean
reopen_read_only (PwStore  *self,
                  GError  **error)
{
  g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
  g_autofree char *wal = g_strconcat (absolute, "-wal", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *file_uri = NULL;
  GStatBuf st;
  int rc;

  g_clear_pointer (&self->db, sqlite3_close);

  file_uri = g_filename_to_uri (absolute, NULL, error);
  if (file_uri == NULL)
    return FALSE;
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    uri = g_strconcat (file_uri, "?mode=ro", NULL);
  else
    uri = g_strconcat (file_uri, "?immutable=1", NULL);

  rc = sqlite3_open_v2 (uri, &self->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return pw_store_set_error (self, rc, _("open the database"), error);

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  self->read_only = TRUE;
  return TRUE;
}

static gboolean
open_connection (PwStore  *self,
                 GError  **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int rc;

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Pipewright database (it is a folder)"), self->path);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("Could not open “%s”: the folder “%s” does not exist"),
                   self->path, dir);
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      /* A new file in a folder we cannot write to. */
      if ((rc & 0xff) == SQLITE_CANTOPEN && !g_file_test (self->path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY,
                       _("Could not create “%s”: its folder cannot be written"), self->path);
          return FALSE;
        }
      return pw_store_set_error (self, rc, _("open the database"), error);
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* A file we may not write is opened read-only by sqlite, and then needs
   * to create the WAL index beside it: avoid that. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    return reopen_read_only (self, error);

  /* In a read-only folder even reading a WAL database fails, for want of
   * its index file. */
  rc = sqlite3_exec (self->db, "PRAGMA user_version", NULL, NULL, NULL);
  if ((rc & 0xff) == SQLITE_READONLY)
    {
      self->read_only_folder = TRUE;
      return reopen_read_only (self, error);
    }

  /* Any other error (not a database …) is reported by the first read. */
  return TRUE;
}

/* Checks what the file holds before anything is written to it. */
static gboolean
check_header (PwStore  *self,
              gint64   *out_version,
              GError  **error)
{
  gint64 application_id = 0;
  gint64 version = 0;
  gint64 n_objects = 0;

  if (!read_pragma (self, "PRAGMA application_id", &application_id, error) ||
      !read_pragma (self, "PRAGMA user_version", &version, error))
    return FALSE;

  if (application_id != 0 && application_id != PW_STORE_APPLICATION_ID)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Pipewright database (it belongs to another program)"),
                   self->path);
      return FALSE;
    }

  /* Reading the schema now reports a damaged one at once. */
  if (!read_pragma (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  if (application_id == 0 && version == 0)
    {
      if (n_objects > 0)
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_DATABASE,
                       _("“%s” is not a Pipewright database"
                         " (it holds another program’s tables)"),
                       self->path);
          return FALSE;
        }
    }

  if (version > pw_store_schema_latest ())
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer Pipewright"
                     " (schema %u; this version knows %u)"),
                   self->path, (guint)version, pw_store_schema_latest ());
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

static gboolean
configure_connection (PwStore  *self,
                      GError  **error)
{
  if (!self->read_only)
    {
      /* Persistent: set once, kept in the file. */
      if (!pw_store_exec (self, "PRAGMA journal_mode = WAL", error))
        return FALSE;
      /* In WAL mode NORMAL never corrupts; a power cut may lose the
       * last commits, a crashed process loses nothing. */
      if (!pw_store_exec (self, "PRAGMA synchronous = NORMAL", error))
        return FALSE;
    }

  /* A page cache of up to 16 MiB (grown as used) keeps the upper levels of
   * the big indexes in memory through a burst of writes. */
  return pw_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         pw_store_exec (self, "PRAGMA temp_store = MEMORY", error) &&
         pw_store_exec (self, "PRAGMA cache_size = -16384", error);
}

/**
 * pw_store_open:
 * @path: (type filename): the database file; created if it does not exist
 * @error: return location for a #GError
 *
 * Opens the database, creating it or bringing its schema up to date.
 *
 * A file that is not a Pipewright database, or that a newer Pipewright
 * wrote, is refused and left exactly as it was. A file (or folder) that
 * cannot be written is opened for reading only, if its schema is current;
 * see pw_store_is_read_only().
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PwStore *
pw_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(PwStore) self = NULL;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PW_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_connection (self, error) ||
      !check_header (self, &version, error))
    return NULL;

  if (version < pw_store_schema_latest () && self->read_only)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY,
                   _("“%s” needs upgrading to this version of Pipewright, but it is read-only"),
                   self->path);
      return NULL;
    }

  if (!configure_connection (self, error))
    return NULL;

  if (version < pw_store_schema_latest () &&
      !pw_store_migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}
