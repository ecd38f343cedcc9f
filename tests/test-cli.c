/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pipewright-cli, run for real as a subprocess on a temporary database.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "test-cli-common.h"

static void
test_version_and_help (Fixture       *f,
                       gconstpointer  data)
{
  Result r = { 0 };
  const char *groups[][3] = {
    { "validate", "--help", NULL },
    { "flow", "--help", NULL },
    { "flow", "import", "--help" },
    { "flow", "export", "--help" },
    { "flow", "ls", "--help" },
    { "flow-run", "--help", NULL },
    { "flow-run", "logs", "--help" },
    { "run", "--help", NULL },
  };

  run_cli (NULL, &r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "pipewright-cli " PACKAGE_VERSION));
  result_clear (&r);

  run_cli (NULL, &r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "validate"));
  g_assert_nonnull (strstr (r.out, "--db PATH"));
  result_clear (&r);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      run_cli (NULL, &r, groups[i][0], groups[i][1], groups[i][2], NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "Usage:"));
      g_assert_null (strstr (r.out, "flow flow"));
      g_assert_null (strstr (r.out, "flow-run flow-run"));
      result_clear (&r);
    }

  run_cli (NULL, &r, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "unknown command “frobnicate”"));
  result_clear (&r);

  run_cli (NULL, &r, "flow", "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "unknown command “flow frobnicate”"));
  result_clear (&r);

  run_cli (NULL, &r, "validate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no flow file given"));
  result_clear (&r);

  run_cli (NULL, &r, "flow", "ls", "--bogus", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--bogus"));
  result_clear (&r);
}

static void
test_validate_examples (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *ml = example ("ml-training.flow.json");
  g_autofree char *stars = example ("github-stars.flow.json");
  g_autofree char *hello = example ("hello.flow.json");
  Result r = { 0 };

  run_cli (NULL, &r, "validate", ml, stars, hello, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "3 files are valid\n");
  result_clear (&r);
}

/* A file with several distinct problems: every one is listed, each with
 * its file and task, and the exit status is 1. */
static void
test_validate_lists_every_problem (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *broken = g_build_filename (f->dir, "broken.flow.json", NULL);
  g_autofree char *hello = example ("hello.flow.json");
  Result r = { 0 };
  g_auto(GStrv) lines = NULL;

  write_file (broken,
              "{\"format\": \"pipewright-flow/1\", \"name\": \"broken\", \"tasks\": ["
              " {\"key\": \"a\", \"kind\": \"command\", \"command\": [\"echo\"], \"after\": [\"c\"]},"
              " {\"key\": \"b\", \"kind\": \"command\", \"command\": [\"echo\"], \"after\": [\"a\"]},"
              " {\"key\": \"c\", \"kind\": \"command\", \"command\": [\"echo\"], \"after\": [\"b\"]},"
              " {\"key\": \"d\", \"kind\": \"command\", \"command\": [\"echo\"], \"after\": [\"ghost\"]},"
              " {\"key\": \"e\", \"kind\": \"shell\", \"script\": \"echo {{ params.missing }}\"},"
              " {\"key\": \"f\", \"kind\": \"command\", \"command\": [\"echo\"], \"retires\": 3}"
              "]}");

  run_cli (NULL, &r, "validate", hello, broken, NULL);
  g_assert_cmpint (r.status, ==, 1);
  lines = g_strsplit (g_strstrip (r.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 4);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (lines[i], broken));

  g_assert_nonnull (strstr (r.out, ": task d: "));
  g_assert_nonnull (strstr (r.out, "ghost"));
  g_assert_nonnull (strstr (r.out, ": task e: "));
  g_assert_nonnull (strstr (r.out, "missing"));
  g_assert_nonnull (strstr (r.out, ": task f: "));
  g_assert_nonnull (strstr (r.out, "retries"));
  g_assert_nonnull (strstr (r.out, "→"));
  g_assert_nonnull (strstr (r.err, "1 of 2 files are invalid"));
  result_clear (&r);
}

static void
test_validate_unreadable (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "nope.flow.json", NULL);
  g_autofree char *notjson = g_build_filename (f->dir, "notjson.flow.json", NULL);
  Result r = { 0 };

  write_file (notjson, "this is not json\n");
  run_cli (NULL, &r, "validate", missing, notjson, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, missing));
  g_assert_nonnull (strstr (r.out, notjson));
  result_clear (&r);
}

static void
test_import_ls_export (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *ml = example ("ml-training.flow.json");
  g_autofree char *stars = example ("github-stars.flow.json");
  g_autofree char *hello = example ("hello.flow.json");
  g_autofree char *exported = g_build_filename (f->dir, "hello-out.flow.json", NULL);
  g_autofree char *contents = NULL;
  Result r = { 0 };
  Result again = { 0 };

  run_cli (f, &r, "flow", "ls", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "No flows"));
  result_clear (&r);

  run_cli (f, &r, "flow", "import", ml, stars, hello, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Imported “ml-training” (version 1"));
  result_clear (&r);

  run_cli (f, &r, "flow", "ls", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "ml-training"));
  g_assert_nonnull (strstr (r.out, "github-stars"));
  g_assert_nonnull (strstr (r.out, "hello"));
  result_clear (&r);

  run_cli (f, &r, "flow", "ls", "--search", "STAR", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"github-stars\""));
  g_assert_null (strstr (r.out, "\"hello\""));
  result_clear (&r);

  /* export to a file, then to stdout: the same document */
  run_cli (f, &r, "flow", "export", "hello", "-o", exported, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (exported, &contents, NULL, NULL));

  run_cli (f, &r, "flow", "export", "hello", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, contents);
  result_clear (&r);

  /* the export validates and imports again as the same version */
  run_cli (NULL, &r, "validate", exported, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  run_cli (f, &again, "flow", "import", exported, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "(version 1"));
  result_clear (&again);

  run_cli (f, &r, "flow", "export", "no-such-flow", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no-such-flow"));
  result_clear (&r);
}

static void
test_import_invalid_changes_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *hello = example ("hello.flow.json");
  g_autofree char *broken = g_build_filename (f->dir, "cycle.flow.json", NULL);
  Result r = { 0 };

  write_file (broken,
              "{\"format\": \"pipewright-flow/1\", \"name\": \"hello\", \"tasks\": ["
              " {\"key\": \"a\", \"kind\": \"noop\", \"after\": [\"b\"]},"
              " {\"key\": \"b\", \"kind\": \"noop\", \"after\": [\"a\"]}]}");

  run_cli (f, &r, "flow", "import", hello, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  run_cli (f, &r, "flow", "import", broken, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "cycle"));
  result_clear (&r);

  /* still version 1, with the original tasks */
  run_cli (f, &r, "flow", "ls", "--json", NULL);
  g_assert_nonnull (strstr (r.out, "\"version\" : 1"));
  result_clear (&r);
}

static void
test_bad_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *contents = NULL;
  Result r = { 0 };

  write_file (f->db, "I am a text file, not a database.\n");
  run_cli (f, &r, "flow", "ls", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, f->db));
  g_assert_nonnull (strstr (r.err, "not"));
  result_clear (&r);

  g_assert_true (g_file_get_contents (f->db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "I am a text file, not a database.\n");
}

static void
test_db_from_environment (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *hello = example ("hello.flow.json");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "PIPEWRIGHT_DB", f->db, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "flow", "import", hello, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);

  run_cli (f, &r, "flow", "ls", NULL);
  g_assert_nonnull (strstr (r.out, "hello"));
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/Cli/version-and-help", test_version_and_help);
  ADD ("/Cli/validate/examples", test_validate_examples);
  ADD ("/Cli/validate/every-problem", test_validate_lists_every_problem);
  ADD ("/Cli/validate/unreadable", test_validate_unreadable);
  ADD ("/Cli/flow/import-ls-export", test_import_ls_export);
  ADD ("/Cli/flow/import-invalid-changes-nothing", test_import_invalid_changes_nothing);
  ADD ("/Cli/bad-database", test_bad_database);
  ADD ("/Cli/db-from-environment", test_db_from_environment);
#undef ADD

  return g_test_run ();
}
