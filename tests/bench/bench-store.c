/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "pw-store-private.h"

/*
 * bench-store: fills a fresh store the way months of use would (100,000
 * flow runs over 30 days with their state history, 1,000,000 task runs,
 * 1,000,000 log lines), through the store's own API in batches, then times
 * the queries of the Runs page and the Logs view, cold-ish (a new
 * connection each time, the OS cache warm) and warm. The peer is the same
 * query with the indexes taken away (NOT INDEXED), on the same data.
 *
 *   bench-store [--keep] [N_FLOW_RUNS [N_TASK_RUNS [N_LOG_LINES]]]
 *   bench-store --db PATH      (time the queries on a kept database)
 */

#define N_FLOWS 20
#define N_REPEATS 21
#define BATCH 1000
#define DAYS 30

typedef struct
{
  guint n_flow_runs;
  guint n_task_runs;
  guint n_logs;
} Sizes;

static const char *tag_names[] = { "prod", "etl", "ml", "nightly", "adhoc" };

static void
check (gboolean     ok,
       const char  *what,
       GError      *error)
{
  if (!ok)
    {
      g_printerr ("%s: %s\n", what, error != NULL ? error->message : "failed");
      exit (1);
    }
}

/* The final state of a run, in about the mix a busy installation has. */
static PwStateType
pick_end (GRand *rand)
{
  double p = g_rand_double (rand);

  if (p < 0.80)
    return PW_STATE_TYPE_COMPLETED;
  if (p < 0.88)
    return PW_STATE_TYPE_FAILED;
  if (p < 0.89)
    return PW_STATE_TYPE_CRASHED;
  if (p < 0.91)
    return PW_STATE_TYPE_CANCELLED;
  if (p < 0.92)
    return PW_STATE_TYPE_RUNNING;
  if (p < 0.93)
    return PW_STATE_TYPE_PENDING;
  return PW_STATE_TYPE_SCHEDULED;
}

static void
set_state (PwStore     *store,
           gboolean     task,
           const char  *id,
           PwStateType  type,
           gint64       usec)
{
  g_autoptr(GDateTime) when = pw_store_time_from_usec (usec);
  g_autoptr(PwState) state = pw_state_new (type, NULL, NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  pw_state_set_timestamp (state, when);
  if (task)
    ok = pw_store_set_task_run_state (store, id, state, &error);
  else
    ok = pw_store_set_flow_run_state (store, id, state, &error);
  check (ok, "set state", error);
}

/* One flow run with its history, task runs and log lines. Returns its id;
 * sets *@ran if it got as far as running (and so took its task runs and
 * log lines). */
static char *
fill_run (PwStore    *store,
          GRand      *rand,
          char      **flows,
          char      **deployments,
          gint64      start_usec,
          guint       n_task_runs,
          guint       n_logs,
          gboolean   *ran)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) scheduled = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  g_autoptr(GDateTime) expected = pw_store_time_from_usec (start_usec);
  g_autoptr(GDateTime) created = pw_store_time_from_usec (start_usec - 600 * G_USEC_PER_SEC);
  g_autoptr(GPtrArray) logs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) tag_list = NULL;
  guint flow = g_rand_int_range (rand, 0, N_FLOWS);
  PwStateType end = pick_end (rand);
  gint64 t = start_usec + g_rand_int_range (rand, 0, 5 * G_USEC_PER_SEC);
  const char *id;

  *ran = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tag_names); i++)
    if (g_rand_int_range (rand, 0, 3) == 0)
      g_strv_builder_add (tags, tag_names[i]);
  tag_list = g_strv_builder_end (tags);

  pw_flow_run_set_flow_id (request, flows[flow]);
  if (g_rand_int_range (rand, 0, 10) < 6)
    pw_flow_run_set_deployment_id (request, deployments[flow * 2 + g_rand_int_range (rand, 0, 2)]);
  pw_flow_run_set_tags (request, (const char * const *)tag_list);
  pw_flow_run_set_parameters (request, "{\"batch_size\": 500, \"source\": \"s3://bucket/raw\"}");
  pw_state_set_timestamp (scheduled, created);
  pw_state_set_scheduled_time (scheduled, expected);
  run = pw_store_create_flow_run (store, request, scheduled, NULL, &error);
  check (run != NULL, "create flow run", error);
  id = pw_flow_run_get_id (run);

  if (end == PW_STATE_TYPE_SCHEDULED)
    return g_strdup (id);
  set_state (store, FALSE, id, PW_STATE_TYPE_PENDING, t);
  if (end == PW_STATE_TYPE_PENDING)
    return g_strdup (id);
  t += 200000;
  set_state (store, FALSE, id, PW_STATE_TYPE_RUNNING, t);
  *ran = TRUE;

  for (guint i = 0; i < n_task_runs; i++)
    {
      g_autofree char *key = g_strdup_printf ("task_%u", i);
      g_autoptr(PwTaskRun) task_request = pw_task_run_new (id, key, NULL);
      g_autoptr(PwTaskRun) task_run = NULL;
      g_autoptr(PwState) pending = pw_state_new (PW_STATE_TYPE_PENDING, NULL, NULL);
      g_autoptr(GDateTime) when = pw_store_time_from_usec (t);
      gboolean failed = end == PW_STATE_TYPE_FAILED && i == n_task_runs - 1;

      pw_state_set_timestamp (pending, when);
      task_run = pw_store_create_task_run (store, task_request, pending, NULL, &error);
      check (task_run != NULL, "create task run", error);
      set_state (store, TRUE, pw_task_run_get_id (task_run), PW_STATE_TYPE_RUNNING, t + 1000);
      t += g_rand_int_range (rand, 10000, 3 * G_USEC_PER_SEC);
      set_state (store, TRUE, pw_task_run_get_id (task_run),
                 failed ? PW_STATE_TYPE_FAILED : PW_STATE_TYPE_COMPLETED, t);

      for (guint j = i * n_logs / n_task_runs; j < (i + 1) * n_logs / n_task_runs; j++)
        {
          g_autoptr(GDateTime) at = pw_store_time_from_usec (t - 5000 + j);
          g_autofree char *message = g_strdup_printf ("%s: processed batch %u of rows"
                                                      " from s3://bucket/raw", key, j);

          g_ptr_array_add (logs, pw_log_entry_new (id, pw_task_run_get_id (task_run),
                                                   "pipewright.task_runs",
                                                   j % 50 == 0 ? 30 : 20, message, at));
        }
    }

  check (pw_store_append_logs (store, logs, &error), "append logs", error);

  if (end != PW_STATE_TYPE_RUNNING)
    set_state (store, FALSE, id, end, t + 100000);
  return g_strdup (id);
}

typedef struct
{
  char *log_run_id;
  char *flow_id;
} Targets;

/* The @index-th of @n shares of @total, all shares adding up to @total. */
static guint64
share (guint64 total,
       guint64 n,
       guint64 index)
{
  return total * (index + 1) / n - total * index / n;
}

/* Fills @store: runs spread over the last 30 days, in order of creation.
 * The task runs and log lines of runs that never ran go to the next runs,
 * so that the totals are as asked. One run in a hundred has a long log
 * (a fifth of all lines); the longest is the one whose logs are read. */
static void
fill (PwStore     *store,
      const Sizes *sizes,
      Targets     *targets)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  char *flows[N_FLOWS];
  char *deployments[N_FLOWS * 2];
  gint64 now = g_get_real_time ();
  gint64 span = (gint64)DAYS * 86400 * G_USEC_PER_SEC;
  guint big_every = MAX (1, sizes->n_flow_runs / 100);
  guint n_big = (sizes->n_flow_runs + big_every - 1) / big_every;
  guint64 big_logs = sizes->n_logs / 5;
  guint64 small_logs = sizes->n_logs - big_logs;
  guint64 owed_tasks = 0;
  guint64 owed_logs = 0;
  guint64 owed_big_logs = 0;
  guint64 longest = 0;

  for (guint i = 0; i < N_FLOWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("flow-%02u", i);
      g_autofree char *document = g_strdup_printf ("{\"format\": \"pipewright-flow/1\","
                                                   " \"name\": \"%s\"}", name);
      g_autoptr(PwFlowInfo) info = pw_store_save_flow (store, name, NULL, NULL, 10, document,
                                                       &error);

      check (info != NULL, "save flow", error);
      flows[i] = g_strdup (pw_flow_info_get_id (info));
      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *deployment = g_strdup_printf ("deployment-%u", j);
          const char *queue = j == 0 ? "prod" : "etl";

          deployments[i * 2 + j] = pw_store_save_deployment (store, name, deployment, NULL, NULL,
                                                             NULL, queue, FALSE, NULL, &error);
          check (deployments[i * 2 + j] != NULL, "save deployment", error);
        }
    }
  targets->flow_id = g_strdup (flows[0]);

  for (guint i = 0; i < sizes->n_flow_runs; i += BATCH)
    {
      check (pw_store_begin (store, &error), "begin", error);
      for (guint j = i; j < MIN (i + BATCH, sizes->n_flow_runs); j++)
        {
          g_autofree char *id = NULL;
          gint64 when = now - span + span * (gint64)j / sizes->n_flow_runs;
          gboolean ran;

          owed_tasks += share (sizes->n_task_runs, sizes->n_flow_runs, j);
          owed_logs += share (small_logs, sizes->n_flow_runs, j);
          if (j % big_every == 0)
            owed_big_logs += share (big_logs, n_big, j / big_every);

          id = fill_run (store, rand, flows, deployments, when, owed_tasks,
                         owed_tasks > 0 ? owed_logs + owed_big_logs : 0, &ran);
          if (!ran || owed_tasks == 0)
            continue;
          if (owed_big_logs > longest)
            {
              longest = owed_big_logs;
              g_free (targets->log_run_id);
              targets->log_run_id = g_steal_pointer (&id);
            }
          owed_tasks = owed_logs = owed_big_logs = 0;
        }
      check (pw_store_commit (store, &error), "commit", error);
    }

  for (guint i = 0; i < N_FLOWS; i++)
    g_free (flows[i]);
  for (guint i = 0; i < N_FLOWS * 2; i++)
    g_free (deployments[i]);
}

static double
median (double *values,
        guint   n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double swap = values[j];

        values[j] = values[j - 1];
        values[j - 1] = swap;
      }
  return values[n / 2];
}

typedef enum
{
  QUERY_PAGE_FAILED,
  QUERY_PAGE_COMPLETED,
  QUERY_PAGE_ALL,
  QUERY_PAGE_FAILED_CRASHED,
  QUERY_PAGE_RARE,
  QUERY_PAGE_FLOW,
  QUERY_COUNT_FAILED,
  QUERY_COUNT_COMPLETED,
  QUERY_COUNT_ALL,
  QUERY_LOGS,
  N_QUERIES
} Query;

static const char *query_names[N_QUERIES] = {
  "first page (50) of FAILED runs by start time desc",
  "first page (50) of COMPLETED runs by start time desc",
  "first page (50) of all runs by start time desc",
  "first page (50) of FAILED or CRASHED runs",
  "first page (50) of PAUSED or CANCELLING runs (none)",
  "first page (50) of one flow's runs",
  "count of FAILED runs",
  "count of COMPLETED runs",
  "count of all runs",
  "first page (200) of one run's logs by timestamp",
};

/* What each query is, without an index: the peer. */
static const char *peer_sql[N_QUERIES] = {
  "SELECT id FROM flow_runs NOT INDEXED WHERE state_type = 'FAILED'"
  " ORDER BY coalesce (start_time, expected_start_time) DESC LIMIT 50",
  "SELECT id FROM flow_runs NOT INDEXED WHERE state_type = 'COMPLETED'"
  " ORDER BY coalesce (start_time, expected_start_time) DESC LIMIT 50",
  "SELECT id FROM flow_runs NOT INDEXED"
  " ORDER BY coalesce (start_time, expected_start_time) DESC LIMIT 50",
  "SELECT id FROM flow_runs NOT INDEXED WHERE state_type IN ('FAILED', 'CRASHED')"
  " ORDER BY coalesce (start_time, expected_start_time) DESC LIMIT 50",
  "SELECT id FROM flow_runs NOT INDEXED WHERE state_type IN ('PAUSED', 'CANCELLING')"
  " ORDER BY coalesce (start_time, expected_start_time) DESC LIMIT 50",
  "SELECT id FROM flow_runs NOT INDEXED WHERE flow_id = ?2"
  " ORDER BY coalesce (start_time, expected_start_time) DESC LIMIT 50",
  "SELECT count(*) FROM flow_runs NOT INDEXED WHERE state_type = 'FAILED'",
  "SELECT count(*) FROM flow_runs NOT INDEXED WHERE state_type = 'COMPLETED'",
  "SELECT count(*) FROM flow_runs NOT INDEXED",
  "SELECT id FROM logs NOT INDEXED WHERE flow_run_id = ?1 ORDER BY timestamp, id LIMIT 200",
};

static guint
run_query (PwStore       *store,
           Query          query,
           const Targets *targets)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(PwLogFilter) log_filter = pw_log_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  gint64 count;

  switch (query)
    {
    case QUERY_PAGE_FAILED:
    case QUERY_PAGE_COMPLETED:
    case QUERY_PAGE_ALL:
    case QUERY_PAGE_FAILED_CRASHED:
    case QUERY_PAGE_RARE:
    case QUERY_PAGE_FLOW:
      if (query == QUERY_PAGE_FAILED)
        pw_flow_run_filter_set_state_type (filter, PW_STATE_TYPE_FAILED);
      else if (query == QUERY_PAGE_COMPLETED)
        pw_flow_run_filter_set_state_type (filter, PW_STATE_TYPE_COMPLETED);
      else if (query == QUERY_PAGE_FAILED_CRASHED)
        filter->state_types = PW_STATE_TYPE_MASK (PW_STATE_TYPE_FAILED) |
                              PW_STATE_TYPE_MASK (PW_STATE_TYPE_CRASHED);
      else if (query == QUERY_PAGE_RARE)
        filter->state_types = PW_STATE_TYPE_MASK (PW_STATE_TYPE_PAUSED) |
                              PW_STATE_TYPE_MASK (PW_STATE_TYPE_CANCELLING);
      else if (query == QUERY_PAGE_FLOW)
        pw_flow_run_filter_set_flow_id (filter, targets->flow_id);
      rows = pw_store_list_flow_runs (store, filter, PW_FLOW_RUN_SORT_START_TIME_DESC, 50, 0,
                                      &error);
      check (rows != NULL, "list flow runs", error);
      return rows->len;
    case QUERY_COUNT_FAILED:
    case QUERY_COUNT_COMPLETED:
    case QUERY_COUNT_ALL:
      if (query != QUERY_COUNT_ALL)
        pw_flow_run_filter_set_state_type (filter, query == QUERY_COUNT_FAILED
                                                   ? PW_STATE_TYPE_FAILED
                                                   : PW_STATE_TYPE_COMPLETED);
      count = pw_store_count_flow_runs (store, filter, &error);
      check (count >= 0, "count flow runs", error);
      return count;
    case QUERY_LOGS:
      pw_log_filter_set_flow_run_id (log_filter, targets->log_run_id);
      rows = pw_store_list_logs (store, log_filter, PW_LOG_SORT_TIMESTAMP_ASC, 200, 0, &error);
      check (rows != NULL, "list logs", error);
      return rows->len;
    case N_QUERIES:
    default:
      g_assert_not_reached ();
    }
}

static double
time_peer (PwStore       *store,
           Query          query,
           const Targets *targets)
{
  double times[N_REPEATS];

  for (guint i = 0; i < N_REPEATS; i++)
    {
      sqlite3_stmt *stmt = NULL;
      gint64 start = g_get_monotonic_time ();

      sqlite3_prepare_v2 (store->db, peer_sql[query], -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, targets->log_run_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, targets->flow_id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      sqlite3_finalize (stmt);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return median (times, N_REPEATS);
}

/* EXPLAIN QUERY PLAN of the statements the store prepared for a query:
 * those that hold @needle and not @unless. */
static void
explain (PwStore    *store,
         const char *needle,
         const char *unless)
{
  GHashTableIter iter;
  const char *sql;

  g_hash_table_iter_init (&iter, store->statements);
  while (g_hash_table_iter_next (&iter, (gpointer *)&sql, NULL))
    {
      g_autofree char *eqp = NULL;
      sqlite3_stmt *stmt = NULL;

      if (!g_str_has_prefix (sql, "SELECT") || strstr (sql, needle) == NULL ||
          (unless != NULL && strstr (sql, unless) != NULL))
        continue;
      eqp = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
      if (sqlite3_prepare_v2 (store->db, eqp, -1, &stmt, NULL) != SQLITE_OK)
        continue;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        printf ("    plan: %s\n", (const char *)sqlite3_column_text (stmt, 3));
      sqlite3_finalize (stmt);
    }
}

static void
time_queries (PwStore       *store,
              const char    *path,
              const Targets *targets)
{
  g_autoptr(GError) error = NULL;

  printf ("\n%-50s %9s %9s %11s %8s\n", "query (median of 21, ms)", "cold-ish", "warm", "no index",
          "ratio");
  for (Query query = 0; query < N_QUERIES; query++)
    {
      double cold[N_REPEATS];
      double warm[N_REPEATS];
      double peer;
      double warm_median;
      guint n = 0;

      /* Cold-ish: a new connection each time (no page cache, no prepared
       * statement); the OS file cache stays warm. */
      for (guint i = 0; i < N_REPEATS; i++)
        {
          g_autoptr(PwStore) fresh = pw_store_open (path, &error);
          gint64 t0;

          check (fresh != NULL, "reopen", error);
          t0 = g_get_monotonic_time ();
          n = run_query (fresh, query, targets);
          cold[i] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      for (guint i = 0; i < N_REPEATS; i++)
        {
          gint64 t0 = g_get_monotonic_time ();

          run_query (store, query, targets);
          warm[i] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      peer = time_peer (store, query, targets);
      warm_median = median (warm, N_REPEATS);

      printf ("%-50s %9.3f %9.3f %11.3f %7.0fx  (%u)\n", query_names[query],
              median (cold, N_REPEATS), warm_median, peer, peer / warm_median, n);
    }

  printf ("\nQuery plans:\n  runs page, by state:\n");
  explain (store, "WHERE r.state_type = ? ORDER BY r.sort_time DESC", "UNION ALL");
  printf ("  runs page, by two states (each from its index range, then merged):\n");
  explain (store, "UNION ALL", NULL);
  printf ("  runs page, by flow:\n");
  explain (store, "WHERE r.flow_id = ? ORDER BY r.sort_time DESC", NULL);
  printf ("  runs count, by state:\n");
  explain (store, "count(*) FROM flow_runs r WHERE r.state_type = ?", NULL);
  printf ("  logs page:\n");
  explain (store, "FROM logs l WHERE l.flow_run_id = ? ORDER BY l.timestamp ASC", NULL);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *path = NULL;
  Sizes sizes = { 100000, 1000000, 1000000 };
  Targets targets = { NULL, NULL };
  gboolean keep = FALSE;
  int arg = 1;

  if (argc > 2 && g_str_equal (argv[1], "--db"))
    {
      g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
      g_autoptr(PwLogFilter) log_filter = pw_log_filter_new ();
      g_autoptr(GPtrArray) runs = NULL;
      g_autoptr(GPtrArray) logs = NULL;

      store = pw_store_open (argv[2], &error);
      check (store != NULL, "open", error);
      /* The run whose logs to read: that of the oldest line, the first
       * run, which has a long log. */
      logs = pw_store_list_logs (store, log_filter, PW_LOG_SORT_TIMESTAMP_ASC, 1, 0, &error);
      check (logs != NULL && logs->len == 1, "first log line", error);
      targets.log_run_id = g_strdup (pw_log_entry_get_flow_run_id (g_ptr_array_index (logs, 0)));
      runs = pw_store_list_flow_runs (store, filter, PW_FLOW_RUN_SORT_NAME_ASC, 1, 0, &error);
      check (runs != NULL && runs->len == 1, "a run", error);
      targets.flow_id = g_strdup (pw_flow_run_get_flow_id (g_ptr_array_index (runs, 0)));
      time_queries (store, argv[2], &targets);
      g_free (targets.log_run_id);
      g_free (targets.flow_id);
      return 0;
    }

  if (arg < argc && g_str_equal (argv[arg], "--keep"))
    {
      keep = TRUE;
      arg++;
    }
  if (arg < argc)
    sizes.n_flow_runs = atoi (argv[arg++]);
  if (arg < argc)
    sizes.n_task_runs = atoi (argv[arg++]);
  if (arg < argc)
    sizes.n_logs = atoi (argv[arg++]);
  sizes.n_flow_runs = MAX (sizes.n_flow_runs, 1);

  {
    g_autofree char *dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);

    check (dir != NULL, "temporary folder", error);
    path = g_build_filename (dir, "pipewright.db", NULL);
  }
  store = pw_store_open (path, &error);
  check (store != NULL, "open", error);

  printf ("Filling %s with %u flow runs, %u task runs, %u log lines, in batches of %u runs…\n",
          path, sizes.n_flow_runs, sizes.n_task_runs, sizes.n_logs, BATCH);
  fflush (stdout);

  {
    gint64 start = g_get_monotonic_time ();
    gint64 n_task_runs, n_logs, n_states = 0;
    double seconds;
    GStatBuf st;

    fill (store, &sizes, &targets);
    seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;

    n_task_runs = pw_store_count_task_runs (store, NULL, &error);
    check (n_task_runs >= 0, "count task runs", error);
    n_logs = pw_store_count_logs (store, NULL, &error);
    check (n_logs >= 0, "count logs", error);
    {
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (store->db, "SELECT count(*) FROM states", -1, &stmt, NULL);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n_states = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
    g_stat (path, &st);

    printf ("Filled in %.1f s: %u flow runs, %" G_GINT64_FORMAT " task runs, %" G_GINT64_FORMAT
            " log lines, %" G_GINT64_FORMAT " states: %.0f rows/s (states included), %.0f MB\n",
            seconds, sizes.n_flow_runs, n_task_runs, n_logs, n_states,
            (sizes.n_flow_runs + n_task_runs + n_logs + n_states) / seconds, st.st_size / 1e6);
  }

  time_queries (store, path, &targets);

  g_assert_finalize_object (g_steal_pointer (&store));
  if (keep)
    printf ("\nKept %s\n", path);
  else
    remove_database (path);
  g_free (targets.log_run_id);
  g_free (targets.flow_id);

  return 0;
}
