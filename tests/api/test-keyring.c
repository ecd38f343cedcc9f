/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-profiles.h"
#include "test-api-common.h"

/*
 * API keys in a real keyring: gnome-keyring-daemon on a private session
 * bus (keyring-session.sh runs this program so), through libsecret, from
 * the library and from the CLI down to a server that wants the key.
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

static gboolean
have_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (g_getenv ("PW_TEST_KEEP_BUS") == NULL)
    return FALSE;
  key = pw_api_key_lookup_keyring ("probe", NULL, &error);
  return error == NULL;
}

static void
test_store_lookup (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *async_key = NULL;
  g_autofree char *profile_key = NULL;
  g_autoptr(PwProfiles) profiles = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  if (!have_keyring ())
    {
      g_test_skip ("no keyring on this session bus (run through keyring-session.sh)");
      return;
    }

  g_assert_true (pw_api_key_store_keyring ("cloud", "https://pw.example.org/api", "pnu_first", NULL, &error));
  g_assert_no_error (error);
  /* Storing again replaces. */
  g_assert_true (pw_api_key_store_keyring ("cloud", "https://pw.example.org/api", "pnu_second", NULL, &error));
  key = pw_api_key_lookup_keyring ("cloud", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "pnu_second");
  missing = pw_api_key_lookup_keyring ("other", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* Without blocking, as the app asks. */
  pw_api_key_lookup_keyring_async ("cloud", NULL, api_store_result, &slot);
  result = api_wait (&slot);
  async_key = pw_api_key_lookup_keyring_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (async_key, ==, "pnu_second");

  profiles = pw_profiles_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pw_profiles_create (profiles, "cloud", NULL, &error));
  profile_key = pw_profiles_lookup_api_key (profiles, "cloud", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (profile_key, ==, "pnu_second");

  g_assert_true (pw_api_key_clear_keyring ("cloud", NULL, &error));
  g_clear_pointer (&key, g_free);
  key = pw_api_key_lookup_keyring ("cloud", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *key_path = g_build_filename (f->dir, "server.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  CliResult r = { 0, };

  if (!have_keyring ())
    {
      g_test_skip ("no keyring on this session bus (run through keyring-session.sh)");
      return;
    }

  api_import_examples (f);
  g_file_set_contents_full (key_path, "kr-key\n", -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  api_serve (f, "--no-agent", "--api-key-file", key_path, NULL);

  api_run_cli (NULL, &r, NULL, "profile", "create", "srv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  api_run_cli (NULL, &r, NULL, "profile", "use", "srv", NULL);
  cli_result_clear (&r);
  api_run_cli (NULL, &r, NULL, "config", "set", "api-url", f->url, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);

  api_run_cli (NULL, &r, "kr-key\n", "config", "set", "api-key", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "in the keyring"));
  cli_result_clear (&r);
  stored = pw_api_key_lookup_keyring ("srv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "kr-key");

  api_run_cli (NULL, &r, NULL, "config", "view", NULL);
  g_assert_nonnull (strstr (r.out, "in the keyring"));
  g_assert_null (strstr (r.out, "kr-key"));
  cli_result_clear (&r);

  /* The key from the keyring opens the server. */
  api_run_cli (NULL, &r, NULL, "flow", "ls", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "hello"));
  cli_result_clear (&r);

  api_run_cli (NULL, &r, NULL, "config", "unset", "api-key", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  g_clear_pointer (&stored, g_free);
  stored = pw_api_key_lookup_keyring ("srv", NULL, &error);
  g_assert_null (stored);
  api_run_cli (NULL, &r, NULL, "flow", "ls", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "refused the API key"));
  cli_result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

  g_test_add ("/Keyring/store-lookup", Fixture, NULL, fixture_set_up, test_store_lookup, fixture_tear_down);
  g_test_add ("/Keyring/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
