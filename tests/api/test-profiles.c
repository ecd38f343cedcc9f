/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pw-local-backend.h"
#include "pw-profiles.h"
#include "pw-remote-backend.h"
#include "test-api-common.h"

/*
 * Connection profiles: the key file, the API key kept in a private file
 * when there is no keyring (these tests have no session bus), and the
 * `config` and `profile` commands of the real CLI, down to which backend
 * a command then uses (--api-url, --profile, $PIPEWRIGHT_PROFILE, the
 * active profile).
 */

typedef ApiFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  api_fixture_set_up (f, data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  api_fixture_tear_down (f, data);
}

static void
assert_cli (CliResult  *r,
            int         status,
            const char *out_has,
            const char *err_has)
{
  if (r->status != status ||
      (out_has != NULL && strstr (r->out, out_has) == NULL) ||
      (err_has != NULL && strstr (r->err, err_has) == NULL))
    g_error ("status %d (wanted %d)\nout: %s\nerr: %s\nwanted in out: %s\nwanted in err: %s",
             r->status, status, r->out, r->err, out_has, err_has);
  cli_result_clear (r);
}

static void
test_key_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *contents = NULL;
  struct stat info;

  profiles = pw_profiles_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_profiles_get_active (profiles), ==, "local");
  names = pw_profiles_list (profiles);
  g_assert_cmpuint (g_strv_length (names), ==, 1);

  g_assert_true (pw_profiles_create (profiles, "cloud", NULL, &error));
  g_assert_false (pw_profiles_create (profiles, "cloud", NULL, &error));
  g_assert_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (pw_profiles_create (profiles, "no spaces", NULL, &error));
  g_assert_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pw_profiles_set (profiles, "cloud", PW_PROFILE_KEY_API_URL, "https://pw.example.org/api", &error));
  g_assert_false (pw_profiles_set (profiles, "cloud", PW_PROFILE_KEY_API_URL, "ftp://x/api", &error));
  g_assert_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_profiles_set (profiles, "cloud", PW_PROFILE_KEY_API_URL, "https://me:secret@x/api", &error));
  g_assert_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_profiles_set (profiles, "local", PW_PROFILE_KEY_API_URL, "https://x/api", &error));
  g_assert_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pw_profiles_set_active (profiles, "cloud", &error));
  g_assert_true (pw_profiles_save (profiles, &error));
  g_assert_no_error (error);

  /* Written privately, read back the same. */
  path = pw_profiles_default_path ();
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_null (strstr (contents, "secret"));
  g_clear_object (&profiles);
  profiles = pw_profiles_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_profiles_get_active (profiles), ==, "cloud");
  url = pw_profiles_get (profiles, "cloud", PW_PROFILE_KEY_API_URL);
  g_assert_cmpstr (url, ==, "https://pw.example.org/api");

  g_assert_true (pw_profiles_delete (profiles, "cloud", &error));
  g_assert_cmpstr (pw_profiles_get_active (profiles), ==, "local");
  g_assert_false (pw_profiles_delete (profiles, "local", &error));
  g_assert_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID);
}

static void
test_api_key_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "keys", "x.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *normal = NULL;
  struct stat info;

  g_assert_true (pw_api_key_write_file (path, "pnu_abc123", &error));
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  key = pw_api_key_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "pnu_abc123");

  /* Readable by others: refused, like ssh's keys. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_null (pw_api_key_read_file (path, &error));
  g_assert_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE);
  g_clear_error (&error);

  /* A key is one token: nothing that could break a header. */
  normal = pw_api_key_normalize ("  key-1\n");
  g_assert_cmpstr (normal, ==, "key-1");
  g_assert_null (pw_api_key_normalize ("two words"));
  g_assert_null (pw_api_key_normalize ("a\r\nX-Injected: 1"));
  g_assert_null (pw_api_key_normalize ("   "));
}

static void
test_cli_profiles (Fixture       *f,
                   gconstpointer  data)
{
  CliResult r = { 0, };

  api_run_cli (NULL, &r, NULL, "profile", "ls", NULL);
  assert_cli (&r, 0, "* local", NULL);

  api_run_cli (NULL, &r, NULL, "config", "set", "api-url", "http://127.0.0.1:1/api", NULL);
  assert_cli (&r, 1, NULL, "profile create");

  api_run_cli (NULL, &r, NULL, "profile", "create", "cloud", NULL);
  assert_cli (&r, 0, "Created the profile “cloud”", NULL);
  api_run_cli (NULL, &r, NULL, "profile", "create", "cloud", NULL);
  assert_cli (&r, 1, NULL, "exists already");
  api_run_cli (NULL, &r, NULL, "profile", "use", "nowhere", NULL);
  assert_cli (&r, 1, NULL, "There is no profile “nowhere”");
  api_run_cli (NULL, &r, NULL, "profile", "use", "cloud", NULL);
  assert_cli (&r, 0, "Now using the profile “cloud”", NULL);

  api_run_cli (NULL, &r, NULL, "config", "set", "api-url", "not a url", NULL);
  assert_cli (&r, 1, NULL, "is not");
  api_run_cli (NULL, &r, NULL, "config", "set", "api-url", "https://pw.example.org/api", NULL);
  assert_cli (&r, 0, "Set api-url of the profile “cloud”", NULL);
  api_run_cli (NULL, &r, NULL, "config", "set", "colour", "red", NULL);
  assert_cli (&r, 1, NULL, "Unknown setting");

  api_run_cli (NULL, &r, NULL, "profile", "ls", NULL);
  assert_cli (&r, 0, "* cloud                https://pw.example.org/api", NULL);
  api_run_cli (NULL, &r, NULL, "config", "view", NULL);
  assert_cli (&r, 0, "api-url      https://pw.example.org/api", NULL);

  /* The key: never on the command line. */
  api_run_cli (NULL, &r, NULL, "config", "set", "api-key", "pnu_secret", NULL);
  assert_cli (&r, 2, NULL, "standard input");
  api_run_cli (NULL, &r, "", "config", "set", "api-key", NULL);
  assert_cli (&r, 1, NULL, "No API key");

  /* No session bus here: no keyring, so a private file. */
  api_run_cli (NULL, &r, "pnu_secret\n", "config", "set", "api-key", "--keyring", NULL);
  assert_cli (&r, 1, NULL, "keyring cannot be used");
  api_run_cli (NULL, &r, "pnu_secret\n", "config", "set", "api-key", NULL);
  assert_cli (&r, 0, "readable by you alone", "keeping the key in a file");
  {
    g_autofree char *file = pw_profiles_default_key_file ("cloud");
    g_autofree char *key = NULL;
    struct stat info;

    g_assert_cmpint (g_stat (file, &info), ==, 0);
    g_assert_cmpint (info.st_mode & 0777, ==, 0600);
    key = pw_api_key_read_file (file, NULL);
    g_assert_cmpstr (key, ==, "pnu_secret");
  }
  api_run_cli (NULL, &r, NULL, "config", "view", NULL);
  g_assert_null (strstr (r.out, "pnu_secret"));
  assert_cli (&r, 0, "api-key      in the file", NULL);

  api_run_cli (NULL, &r, NULL, "config", "unset", "api-key", NULL);
  assert_cli (&r, 0, "Unset api-key", NULL);
  {
    g_autofree char *file = pw_profiles_default_key_file ("cloud");
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  }
  api_run_cli (NULL, &r, NULL, "config", "unset", "api-url", NULL);
  assert_cli (&r, 0, NULL, NULL);
  api_run_cli (NULL, &r, NULL, "config", "view", NULL);
  assert_cli (&r, 0, "db           ", NULL);

  api_run_cli (NULL, &r, NULL, "profile", "create", "copy", "--from", "cloud", NULL);
  assert_cli (&r, 0, NULL, NULL);
  api_run_cli (NULL, &r, NULL, "profile", "delete", "cloud", NULL);
  assert_cli (&r, 0, "Deleted", NULL);
  api_run_cli (NULL, &r, NULL, "profile", "ls", NULL);
  assert_cli (&r, 0, "* local", NULL);
}

/* Which backend a command uses. */
static void
test_cli_backend_choice (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *key_path = g_build_filename (f->dir, "server.key", NULL);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *id = NULL;
  CliResult r = { 0, };
  g_autoptr(GError) error = NULL;

  api_import_examples (f);
  id = api_run_flow (f, "hello");
  g_file_set_contents_full (key_path, "srv-key\n", -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  api_serve (f, "--no-agent", "--api-key-file", key_path, NULL);

  /* --api-url without a key: the server refuses. */
  api_run_cli (NULL, &r, NULL, "--api-url", f->url, "flow-run", "ls", NULL);
  assert_cli (&r, 1, NULL, "refused the API key");

  /* The key from the environment. */
  g_setenv ("PIPEWRIGHT_API_KEY", "srv-key", TRUE);
  api_run_cli (NULL, &r, NULL, "--api-url", f->url, "flow-run", "ls", NULL);
  assert_cli (&r, 0, id, NULL);
  g_unsetenv ("PIPEWRIGHT_API_KEY");

  /* A profile with the server and its key file. */
  api_run_cli (NULL, &r, NULL, "profile", "create", "srv", NULL);
  assert_cli (&r, 0, NULL, NULL);
  api_run_cli (NULL, &r, NULL, "--profile", "srv", "config", "set", "api-url", f->url, NULL);
  assert_cli (&r, 0, NULL, NULL);
  api_run_cli (NULL, &r, "srv-key\n", "--profile", "srv", "config", "set", "api-key", "--file", NULL);
  assert_cli (&r, 0, NULL, NULL);

  /* --profile, $PIPEWRIGHT_PROFILE, the active one, --api-url with the key
   * of the profile that names that URL. */
  api_run_cli (NULL, &r, NULL, "--profile", "srv", "flow-run", "show", id, NULL);
  assert_cli (&r, 0, "Hello, world!", NULL);
  g_setenv ("PIPEWRIGHT_PROFILE", "srv", TRUE);
  api_run_cli (NULL, &r, NULL, "flow-run", "logs", id, NULL);
  assert_cli (&r, 0, "Hello, world!", NULL);
  g_unsetenv ("PIPEWRIGHT_PROFILE");
  api_run_cli (NULL, &r, NULL, "profile", "use", "srv", NULL);
  assert_cli (&r, 0, NULL, NULL);
  api_run_cli (NULL, &r, NULL, "flow-run", "ls", NULL);
  assert_cli (&r, 0, id, NULL);
  api_run_cli (NULL, &r, NULL, "--api-url", f->url, "flow", "ls", NULL);
  assert_cli (&r, 0, "hello", NULL);

  /* --db wins over every profile. */
  api_run_cli (NULL, &r, NULL, "--db", other_db, "flow-run", "ls", NULL);
  assert_cli (&r, 0, "No flow runs", NULL);

  /* A local profile with its own database. */
  api_run_cli (NULL, &r, NULL, "profile", "create", "elsewhere", NULL);
  assert_cli (&r, 0, NULL, NULL);
  api_run_cli (NULL, &r, NULL, "--profile", "elsewhere", "config", "set", "db", other_db, NULL);
  assert_cli (&r, 0, NULL, NULL);
  api_run_cli (NULL, &r, NULL, "--profile", "elsewhere", "flow", "ls", NULL);
  assert_cli (&r, 0, NULL, NULL);
  g_assert_true (g_file_test (other_db, G_FILE_TEST_EXISTS));

  /* A server that is not there: said in words. */
  api_stop_server (f);
  api_run_cli (NULL, &r, NULL, "flow-run", "ls", NULL);
  assert_cli (&r, 1, NULL, "Cannot reach the server");
}

static void
test_open_backend (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PwProfiles) profiles = pw_profiles_load (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PwBackend) local = NULL;
  g_autoptr(PwBackend) remote = NULL;
  g_autofree char *key_file = g_build_filename (f->dir, "k.key", NULL);
  GAsyncResult *slot = NULL;

  g_assert_true (pw_profiles_set (profiles, "local", PW_PROFILE_KEY_DB, f->db, &error));
  pw_profiles_open_backend_async (profiles, NULL, NULL, api_store_result, &slot);
  result = api_wait (&slot);
  local = pw_profiles_open_backend_finish (profiles, result, &error);
  g_assert_no_error (error);
  g_assert_true (PW_IS_LOCAL_BACKEND (local));
  g_assert_cmpuint (pw_api_backend_get_capabilities (local) & PW_BACKEND_CAPABILITY_LOCAL, !=, 0);
  g_clear_object (&result);

  g_assert_true (pw_api_key_write_file (key_file, "k", &error));
  g_assert_true (pw_profiles_create (profiles, "srv", NULL, &error));
  g_assert_true (pw_profiles_set (profiles, "srv", PW_PROFILE_KEY_API_URL, "http://127.0.0.1:9/api", &error));
  g_assert_true (pw_profiles_set (profiles, "srv", PW_PROFILE_KEY_API_KEY_FILE, key_file, &error));
  pw_profiles_open_backend_async (profiles, "srv", NULL, api_store_result, &slot);
  result = api_wait (&slot);
  remote = pw_profiles_open_backend_finish (profiles, result, &error);
  g_assert_no_error (error);
  g_assert_true (PW_IS_REMOTE_BACKEND (remote));
  /* Nothing sent yet. */
  g_assert_cmpint (pw_remote_backend_get_connection_state (PW_REMOTE_BACKEND (remote)), ==,
                   PW_CONNECTION_STATE_CONNECTING);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/Profiles/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("key-file", test_key_file);
  ADD ("api-key-files", test_api_key_files);
  ADD ("cli-profiles", test_cli_profiles);
  ADD ("cli-backend-choice", test_cli_backend_choice);
  ADD ("open-backend", test_open_backend);

  return g_test_run ();
}
