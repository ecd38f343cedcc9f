/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "pw-store-private.h"
#include "test-store-fixture.h"

/* The user that the read-only tests become when they run as root, for whom
 * file permissions do not count. */
#define NOBODY 65534

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
close_store (StoreFixture *fixture)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
}

static void
assert_no_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_open_new (StoreFixture  *fixture,
               gconstpointer  data)
{
  static const char * const tables[] = {
    "cache_entries", "deployments", "flow_runs", "flow_versions", "flows", "logs",
    "states", "task_runs", "work_queues", NULL
  };
  g_autofree char *version = NULL;
  g_autofree char *application_id = NULL;
  g_autofree char *journal_mode = NULL;

  g_assert_cmpstr (pw_store_get_path (fixture->store), ==, fixture->path);
  g_assert_false (pw_store_is_read_only (fixture->store));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));

  version = sql_text (fixture->path, "PRAGMA user_version");
  application_id = sql_text (fixture->path, "PRAGMA application_id");
  journal_mode = sql_text (fixture->path, "PRAGMA journal_mode");
  g_assert_cmpint (atoi (version), ==, pw_store_schema_latest ());
  g_assert_cmpstr (application_id, ==, "1347908201");
  g_assert_cmpstr (journal_mode, ==, "wal");

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT name FROM sqlite_master WHERE type = 'table'"
                                              " AND name = '%s'", tables[i]);
      g_autofree char *found = sql_text (fixture->path, sql);

      g_assert_cmpstr (found, ==, tables[i]);
    }
}

/* An existing empty file is a new database: it is migrated from schema 0. */
static void
test_open_empty_file (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *version = NULL;
  g_autofree char *n_indexes = NULL;

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);

  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_finalize_object (g_steal_pointer (&store));

  version = sql_text (path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, pw_store_schema_latest ());
  n_indexes = sql_text (path, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                              " AND name LIKE 'flow_runs_%'");
  g_assert_cmpint (atoi (n_indexes), >=, 9);

  /* Opening an up-to-date database migrates nothing. */
  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));
  g_clear_pointer (&version, g_free);
  version = sql_text (path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, pw_store_schema_latest ());
}

static void
test_open_reopen (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) again = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);

  run = store_test_create_run (fixture->store, "etl", NULL);
  close_store (fixture);

  fixture->store = pw_store_open (fixture->path, &error);
  g_assert_no_error (error);

  info = pw_store_get_flow_info (fixture->store, "etl", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_info_get_id (info), ==, flow_id);
  again = pw_store_get_flow_run (fixture->store, pw_flow_run_get_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_name (again), ==, pw_flow_run_get_name (run));
  g_assert_cmpint (pw_flow_run_get_state_type (again), ==, PW_STATE_TYPE_PENDING);
}

static void
test_open_not_sqlite (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  PwStore *store;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "line %u of something that is not a database\n", i);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  before = store_test_read_bytes (path);

  store = pw_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "is not a Pipewright database (not an SQLite file)"));

  after = store_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_side_files (path);
}

static void
test_open_other_program (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "places.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  PwStore *store;

  sql_exec (path,
            "CREATE TABLE bookmarks (url TEXT);"
            " INSERT INTO bookmarks VALUES ('https://gnome.org')");
  before = store_test_read_bytes (path);

  store = pw_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, path));

  after = store_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_error (&error);

  /* Another program's application id. */
  sql_exec (path, "PRAGMA application_id = 42");
  g_clear_pointer (&before, g_bytes_unref);
  before = store_test_read_bytes (path);
  store = pw_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_DATABASE);
  g_clear_pointer (&after, g_bytes_unref);
  after = store_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_open_newer_schema (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  PwStore *store;

  close_store (fixture);
  sql_exec (fixture->path, "PRAGMA user_version = 7");
  before = store_test_read_bytes (fixture->path);

  store = pw_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, fixture->path));
  {
    g_autofree char *expected = g_strdup_printf ("written by a newer Pipewright (schema 7;"
                                                 " this version knows %u)",
                                                 pw_store_schema_latest ());

    g_assert_nonnull (strstr (error->message, expected));
  }

  after = store_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_open_missing_folder (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no", "such", "folder", "x.db", NULL);
  g_autoptr(GError) error = NULL;
  PwStore *store;

  store = pw_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));

  g_clear_error (&error);
  store = pw_store_open (fixture->dir, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_DATABASE);
}

/* Overwrites page @page (1-based, 4096 bytes) of @path with garbage. */
static void
damage_page (const char *path,
             gint64      page,
             gsize       skip)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, page * 4096);
  for (gsize i = (page - 1) * 4096 + skip; i < (gsize)page * 4096; i++)
    contents[i] = (char)(0xa5 ^ (i * 31));
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_open_corrupt (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) flows = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autofree char *root = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GBytes) original = NULL;
  PwStore *store;

  close_store (fixture);
  original = store_test_read_bytes (fixture->path);
  g_file_set_contents (copy, g_bytes_get_data (original, NULL), g_bytes_get_size (original),
                       &error);
  g_assert_no_error (error);

  /* A damaged table: the store opens, reading the table fails. */
  root = sql_text (fixture->path,
                   "SELECT rootpage FROM sqlite_master WHERE name = 'flow_versions'");
  damage_page (fixture->path, g_ascii_strtoll (root, NULL, 10), 0);
  before = store_test_read_bytes (fixture->path);

  fixture->store = pw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  flows = pw_store_list_flows (fixture->store, NULL, PW_FLOW_SORT_NAME_ASC, 0, 0, &error);
  g_assert_null (flows);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  close_store (fixture);
  after = store_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_error (&error);

  /* A damaged schema: opening fails. */
  damage_page (copy, 1, 100);
  g_clear_pointer (&before, g_bytes_unref);
  before = store_test_read_bytes (copy);
  store = pw_store_open (copy, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, copy));
  g_clear_pointer (&after, g_bytes_unref);
  after = store_test_read_bytes (copy);
  g_assert_true (g_bytes_equal (before, after));
}

/* Whether this process could make file permissions hold: it is not root,
 * or it may become nobody (not so in some user namespaces). */
static gboolean
can_drop_root (void)
{
  pid_t pid;
  int status = 0;

  if (geteuid () != 0)
    return TRUE;

  pid = fork ();
  if (pid == 0)
    _exit (setgid (NOBODY) == 0 && setuid (NOBODY) == 0 ? 0 : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) &&
         WEXITSTATUS (status) == 0;
}

/* As root, file permissions do not hold: become nobody, in a folder that
 * nobody owns (so that the fixture can still clean it up). */
static void
drop_root (StoreFixture *fixture)
{
  if (geteuid () != 0)
    return;

  g_assert_cmpint (chown (fixture->dir, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (setgid (NOBODY), ==, 0);
  g_assert_cmpint (setuid (NOBODY), ==, 0);
}

static void
check_read_only_store (StoreFixture *fixture,
                       const char   *why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flows = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(PwState) running = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);

  fixture->store = pw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_is_read_only (fixture->store));

  /* Reading works. */
  flows = pw_store_list_flows (fixture->store, NULL, PW_FLOW_SORT_NAME_ASC, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flows->len, ==, 1);
  runs = pw_store_list_flow_runs (fixture->store, NULL, PW_FLOW_RUN_SORT_ID_DESC, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);

  /* Writing fails, saying why and where. */
  info = pw_store_save_flow (fixture->store, "other", NULL, NULL, 0, "{}", &error);
  g_assert_null (info);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, why));
  g_clear_error (&error);

  g_assert_false (pw_store_set_flow_run_state (fixture->store,
                                               pw_flow_run_get_id (g_ptr_array_index (runs, 0)),
                                               running, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (pw_store_begin (fixture->store, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY);
  close_store (fixture);
}

static void
test_open_read_only_file (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autofree char *flow_id = NULL;

  if (!g_test_subprocess ())
    {
      if (!can_drop_root ())
        {
          g_test_skip ("running as root, and cannot become another user");
          return;
        }
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  run = store_test_create_run (fixture->store, "etl", NULL);
  close_store (fixture);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  drop_root (fixture);
  before = store_test_read_bytes (fixture->path);

  check_read_only_store (fixture, "file is read-only");

  after = store_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_side_files (fixture->path);
}

static void
test_open_read_only_folder (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = NULL;
  g_autofree char *new_path = NULL;
  PwStore *store;

  if (!g_test_subprocess ())
    {
      if (!can_drop_root ())
        {
          g_test_skip ("running as root, and cannot become another user");
          return;
        }
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  run = store_test_create_run (fixture->store, "etl", NULL);
  close_store (fixture);
  /* The file itself may be written; its folder may not. */
  if (geteuid () == 0)
    g_assert_cmpint (chown (fixture->path, NOBODY, NOBODY), ==, 0);
  drop_root (fixture);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  before = store_test_read_bytes (fixture->path);

  check_read_only_store (fixture, "folder is read-only");

  after = store_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_side_files (fixture->path);

  /* No new database can be made there. */
  new_path = g_build_filename (fixture->dir, "new.db", NULL);
  store = pw_store_open (new_path, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, new_path));

  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
}

/* Two handles in one process on one file: each sees what the other
 * committed, never what it has not. */
static void
test_two_handles (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = pw_store_open (fixture->path, &error);
  g_autofree char *flow_id = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) seen = NULL;
  g_autoptr(PwFlowRun) missing = NULL;
  gint64 count;

  g_assert_no_error (error);

  flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  info = pw_store_get_flow_info (other, "etl", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_info_get_id (info), ==, flow_id);

  /* A batch in progress on one handle is invisible to the other. */
  g_assert_true (pw_store_begin (fixture->store, &error));
  g_assert_no_error (error);
  run = store_test_create_run (fixture->store, "etl", NULL);
  missing = pw_store_get_flow_run (other, pw_flow_run_get_id (run), &error);
  g_assert_null (missing);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  count = pw_store_count_flow_runs (other, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 0);
  g_assert_true (pw_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  seen = pw_store_get_flow_run (other, pw_flow_run_get_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_name (seen), ==, pw_flow_run_get_name (run));

  /* Changes flow both ways. */
  store_test_set_state (other, pw_flow_run_get_id (run), PW_STATE_TYPE_RUNNING, NULL, NULL);
  g_clear_object (&seen);
  seen = pw_store_get_flow_run (fixture->store, pw_flow_run_get_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_flow_run_get_state_type (seen), ==, PW_STATE_TYPE_RUNNING);

  /* One process claims a run once, whichever handle asks. */
  g_assert_true (pw_store_claim_flow_run (fixture->store, pw_flow_run_get_id (run), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_claim_flow_run (other, pw_flow_run_get_id (run), NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);

  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_batch (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = store_test_save_flow (fixture->store, "etl", NULL);
  g_autoptr(PwFlowRun) kept = NULL;
  g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);

  /* A rolled-back batch leaves nothing. */
  g_assert_true (pw_store_begin (fixture->store, &error));
  for (guint i = 0; i < 10; i++)
    g_object_unref (store_test_create_run (fixture->store, "etl", NULL));
  pw_store_rollback (fixture->store);
  g_assert_cmpint (pw_store_count_flow_runs (fixture->store, NULL, &error), ==, 0);

  /* A failed change inside a batch fails alone. */
  g_assert_true (pw_store_begin (fixture->store, &error));
  kept = store_test_create_run (fixture->store, "etl", NULL);
  g_assert_false (pw_store_set_flow_run_state (fixture->store, "no-such-run", state, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (pw_store_commit (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count_flow_runs (fixture->store, NULL, &error), ==, 1);
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dir = NULL;

  g_setenv ("PIPEWRIGHT_DB", "/somewhere/else.db", TRUE);
  path = pw_store_default_path ();
  g_assert_cmpstr (path, ==, "/somewhere/else.db");
  g_clear_pointer (&path, g_free);

  g_unsetenv ("PIPEWRIGHT_DB");
  path = pw_store_default_path ();
  expected = g_build_filename (g_get_user_data_dir (), "pipewright", "pipewright.db", NULL);
  g_assert_cmpstr (path, ==, expected);
  dir = g_path_get_dirname (path);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  store_test_add ("/Store/open/new", test_open_new);
  store_test_add ("/Store/open/empty-file", test_open_empty_file);
  store_test_add ("/Store/open/reopen", test_open_reopen);
  store_test_add ("/Store/open/not-sqlite", test_open_not_sqlite);
  store_test_add ("/Store/open/other-program", test_open_other_program);
  store_test_add ("/Store/open/newer-schema", test_open_newer_schema);
  store_test_add ("/Store/open/missing-folder", test_open_missing_folder);
  store_test_add ("/Store/open/corrupt", test_open_corrupt);
  store_test_add ("/Store/open/read-only-file", test_open_read_only_file);
  store_test_add ("/Store/open/read-only-folder", test_open_read_only_folder);
  store_test_add ("/Store/two-handles", test_two_handles);
  store_test_add ("/Store/batch", test_batch);
  g_test_add_func ("/Store/default-path", test_default_path);

  return g_test_run ();
}
