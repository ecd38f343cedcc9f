/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "pw-store.h"

/*
 * The fixture of the store tests: a fresh temporary folder and a store
 * opened on a new database file in it.
 */
typedef struct
{
  char    *dir;
  char    *path;
  PwStore *store;
} StoreFixture;

static inline void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pw-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "pipewright.db", NULL);
  fixture->store = pw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static inline void
store_fixture_remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_chmod (dir, 0700);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        store_fixture_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static inline void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->store));
  store_fixture_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

#define store_test_add(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)

/* A time at @day days and @seconds seconds into November 2026, UTC. */
static inline GDateTime *
store_test_time (int    day,
                 double seconds)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);

  return g_date_time_add_seconds (start, (day - 1) * 86400.0 + seconds);
}

static inline void
store_test_assert_time (GDateTime *actual,
                        GDateTime *expected)
{
  g_assert_nonnull (actual);
  g_assert_nonnull (expected);
  g_assert_cmpint (g_date_time_compare (actual, expected), ==, 0);
}

/* Saves a flow with a one-line document; returns its id. */
static inline char *
store_test_save_flow (PwStore    *store,
                      const char *name,
                      const char *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autofree char *text = NULL;

  if (document == NULL)
    document = text = g_strdup_printf ("{\"format\": \"pipewright-flow/1\", \"name\": \"%s\"}",
                                       name);

  info = pw_store_save_flow (store, name, NULL, NULL, 1, document, &error);
  g_assert_no_error (error);
  return g_strdup (pw_flow_info_get_id (info));
}

/* Creates a run of @flow_name in @state (%NULL: PENDING). */
static inline PwFlowRun *
store_test_create_run (PwStore    *store,
                       const char *flow_name,
                       PwState    *state)
{
  g_autoptr(PwFlowRun) run = pw_flow_run_new ();
  g_autoptr(GError) error = NULL;
  PwFlowRun *stored;

  pw_flow_run_set_flow_name (run, flow_name);
  stored = pw_store_create_flow_run (store, run, state, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

/* Sets a run's state of @type at @when (nullable: now). */
static inline void
store_test_set_state (PwStore     *store,
                      const char  *flow_run_id,
                      PwStateType  type,
                      const char  *name,
                      GDateTime   *when)
{
  g_autoptr(PwState) state = pw_state_new (type, name, NULL);
  g_autoptr(GError) error = NULL;

  pw_state_set_timestamp (state, when);
  g_assert_true (pw_store_set_flow_run_state (store, flow_run_id, state, &error));
  g_assert_no_error (error);
}

/* The whole content of a file, to show that a refused open changed nothing. */
static inline GBytes *
store_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}
