/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

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
                 _("Cannot change “%s”: its folder is read-only, so it was opened for reading only"),
                 self->path);
  else
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY,
                 _("Cannot change “%s”: the file is read-only, so it was opened for reading only"),
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
  if (!pw_store_exec (self, self->transaction_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT pw", error))
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

/* Values */

/**
 * pw_store_new_id:
 *
 * Makes the id of a new row: a UUID of version 7 (RFC 9562), whose first
 * 48 bits are the time in milliseconds and next 12 bits the fraction of
 * the millisecond, the rest random. Unlike random UUIDs, new ids sort
 * after older ones, so each new row lands at the end of the id indexes
 * (and of indexes that start with a run id) instead of anywhere: much
 * less work for sqlite with millions of rows. ID_DESC lists newest first.
 *
 * Returns: (transfer full): a UUID string
 */
char *
pw_store_new_id (void)
{
  gint64 now = g_get_real_time ();
  guint64 ms = now / 1000;
  guint fraction = (now % 1000) * 4096 / 1000;
  guint32 r1 = g_random_int ();
  guint32 r2 = g_random_int ();

  return g_strdup_printf ("%08x-%04x-%04x-%04x-%04x%08x",
                          (guint32)(ms >> 16),
                          (guint)(ms & 0xffff),
                          0x7000 | fraction,
                          0x8000 | (r1 >> 18),
                          r1 & 0xffff,
                          r2);
}

gint64
pw_store_time_to_usec (GDateTime *date_time)
{
  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC +
         g_date_time_get_microsecond (date_time);
}

GDateTime *
pw_store_time_from_usec (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      seconds--;
      rest += G_USEC_PER_SEC;
    }

  whole = g_date_time_new_from_unix_utc (seconds);
  return rest != 0 ? g_date_time_add (whole, rest) : g_steal_pointer (&whole);
}

/* @now if given (a fake clock), else the real time. */
gint64
pw_store_now_usec (GDateTime *now)
{
  return now != NULL ? pw_store_time_to_usec (now) : g_get_real_time ();
}

void
pw_bind_text (PwStmt     *stmt,
              int         index,
              const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
pw_bind_time (PwStmt    *stmt,
              int        index,
              GDateTime *date_time)
{
  if (date_time != NULL)
    sqlite3_bind_int64 (stmt, index, pw_store_time_to_usec (date_time));
  else
    sqlite3_bind_null (stmt, index);
}

void
pw_bind_optional_int64 (PwStmt   *stmt,
                        int       index,
                        gboolean  set,
                        gint64    value)
{
  if (set)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

char *
pw_column_dup_text (PwStmt *stmt,
                    int     column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

GDateTime *
pw_column_time (PwStmt *stmt,
                int     column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return pw_store_time_from_usec (sqlite3_column_int64 (stmt, column));
}

/* Reads a JSON array of strings (a tags column). */
GStrv
pw_column_strv (PwStmt *stmt,
                int     column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (text == NULL || strcmp (text, "[]") == 0)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;

  array = json_node_get_array (json_parser_get_root (parser));
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *item = json_array_get_string_element (array, i);

      if (item != NULL)
        g_strv_builder_add (builder, item);
    }

  return g_strv_builder_end (builder);
}

/* The JSON text of a list of strings: `[]` for none. */
char *
pw_store_strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (strv == NULL || strv[0] == NULL)
    return g_strdup ("[]");

  builder = json_builder_new_immutable ();
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Checks that @text is JSON object text (parameters, task inputs …). */
gboolean
pw_store_check_json_object (const char  *text,
                            const char  *what,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("The %s are not valid JSON: %s"), what, local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("The %s must be a JSON object"), what);
      return FALSE;
    }
  return TRUE;
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
                   _("Could not open “%s”: the folder “%s” does not exist"), self->path, dir);
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
                       _("“%s” is not a Pipewright database (it holds another program’s tables)"),
                       self->path);
          return FALSE;
        }
    }

  if (version > pw_store_schema_latest ())
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer Pipewright (schema %" G_GINT64_FORMAT "; this version knows %u)"),
                   self->path, version, pw_store_schema_latest ());
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

  /* A page cache of up to 16 MiB, and reads through a memory map of up
   * to 256 MiB (address space only; the kernel shares the pages): a run
   * list or a burst of writes then rarely goes to the file. */
  return pw_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         pw_store_exec (self, "PRAGMA temp_store = MEMORY", error) &&
         pw_store_exec (self, "PRAGMA cache_size = -16384", error) &&
         pw_store_exec (self, "PRAGMA mmap_size = 268435456", error);
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
