/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-rest"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pw-remote-backend.h"
#include "pw-store.h"

/*
 * bench-rest: the REST server under load from another process.
 *
 * Fills a fresh database through the store's API with 100,000 flow runs
 * over 30 days (each with its state history, one task run and a log line,
 * fewer than bench-store since only the run pages are read here) and one
 * flow run of 10,000 task runs in chains; starts `pipewright-cli serve`
 * on it; then, from this process, keeps CONCURRENCY requests in flight on
 * libsoup for a few seconds and reports requests per second and the
 * latency percentiles of `POST /api/flow_runs/filter` with 20-run and
 * 200-run pages (START_TIME_DESC, the Runs page's order). The peers,
 * measured in the same run: the same pages read straight from the store in
 * this process (what HTTP and JSON add), and `GET /api/health` (what the
 * HTTP stack alone costs). Last, the time for PwRemoteBackend to fetch the
 * 10,000-task run's task runs (what the app's graph needs), and for the
 * raw `/flow_runs/{id}/graph` and a Prefect-style paged read.
 *
 *   bench-rest [N_FLOW_RUNS [SECONDS [CONCURRENCY]]]
 *   bench-rest --keep ...        (keep the database, print its path)
 *   bench-rest --db PATH [SECONDS [CONCURRENCY]]   (time a kept database)
 */

#define N_FLOWS 20
#define BATCH 1000
#define DAYS 30
#define N_GRAPH_TASKS 10000

typedef struct
{
  guint  n_flow_runs;
  double seconds;
  guint  concurrency;
} Config;

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

static GDateTime *
time_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);

  return g_date_time_add (epoch, usec);
}

static void
set_state (PwStore     *store,
           gboolean     task,
           const char  *id,
           PwStateType  type,
           gint64       usec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = time_from_usec (usec);
  g_autoptr(PwState) state = pw_state_new (type, NULL, NULL);

  pw_state_set_timestamp (state, when);
  if (task)
    check (pw_store_set_task_run_state (store, id, state, &error), "task state", error);
  else
    check (pw_store_set_flow_run_state (store, id, state, &error), "flow run state", error);
}

static PwStateType
pick_end (GRand *rand)
{
  double p = g_rand_double (rand);

  if (p < 0.80)
    return PW_STATE_TYPE_COMPLETED;
  if (p < 0.90)
    return PW_STATE_TYPE_FAILED;
  if (p < 0.93)
    return PW_STATE_TYPE_CANCELLED;
  if (p < 0.95)
    return PW_STATE_TYPE_RUNNING;
  return PW_STATE_TYPE_SCHEDULED;
}

static char *
fill_run (PwStore    *store,
          GRand      *rand,
          char      **flows,
          gint64      start_usec,
          guint       n_task_runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) scheduled = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  g_autoptr(GDateTime) expected = time_from_usec (start_usec);
  g_autoptr(GDateTime) created = time_from_usec (start_usec - 600 * G_USEC_PER_SEC);
  g_autoptr(GPtrArray) logs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *previous = NULL;
  const char *tags[] = { "etl", n_task_runs > 1 ? "graph" : g_rand_boolean (rand) ? "prod" : "dev", NULL };
  PwStateType end = pick_end (rand);
  gint64 t = start_usec + g_rand_int_range (rand, 0, 5 * G_USEC_PER_SEC);
  const char *id;

  pw_flow_run_set_flow_id (request, flows[g_rand_int_range (rand, 0, N_FLOWS)]);
  pw_flow_run_set_tags (request, tags);
  pw_flow_run_set_parameters (request, "{\"batch_size\": 500, \"source\": \"s3://bucket/raw\"}");
  pw_state_set_timestamp (scheduled, created);
  pw_state_set_scheduled_time (scheduled, expected);
  run = pw_store_create_flow_run (store, request, scheduled, NULL, &error);
  check (run != NULL, "create flow run", error);
  id = pw_flow_run_get_id (run);
  if (end == PW_STATE_TYPE_SCHEDULED)
    return g_strdup (id);

  set_state (store, FALSE, id, PW_STATE_TYPE_PENDING, t);
  t += 200000;
  set_state (store, FALSE, id, PW_STATE_TYPE_RUNNING, t);

  for (guint i = 0; i < n_task_runs; i++)
    {
      g_autofree char *key = g_strdup_printf ("task_%u", i % 100);
      g_autofree char *dynamic = g_strdup_printf ("%u", i / 100);
      g_autoptr(PwTaskRun) task_request = pw_task_run_new (id, key, dynamic);
      g_autoptr(PwTaskRun) task_run = NULL;
      g_autoptr(PwState) pending = pw_state_new (PW_STATE_TYPE_PENDING, NULL, NULL);
      g_autoptr(GDateTime) when = time_from_usec (t);
      g_autoptr(GDateTime) at = NULL;

      /* Chains of 100 tasks: each waits for the one before. */
      if (previous != NULL && i % 100 != 0)
        {
          g_autofree char *inputs = g_strdup_printf ("{\"wait_for\":[{\"input_type\":\"task_run\","
                                                     "\"id\":\"%s\"}]}", previous);
          pw_task_run_set_task_inputs (task_request, inputs);
        }
      pw_state_set_timestamp (pending, when);
      task_run = pw_store_create_task_run (store, task_request, pending, NULL, &error);
      check (task_run != NULL, "create task run", error);
      set_state (store, TRUE, pw_task_run_get_id (task_run), PW_STATE_TYPE_RUNNING, t + 1000);
      t += g_rand_int_range (rand, 1000, 50000);
      set_state (store, TRUE, pw_task_run_get_id (task_run), PW_STATE_TYPE_COMPLETED, t);
      g_free (previous);
      previous = g_strdup (pw_task_run_get_id (task_run));

      if (i < 1000)
        {
          at = time_from_usec (t - 500);
          g_ptr_array_add (logs, pw_log_entry_new (id, pw_task_run_get_id (task_run),
                                                   "pipewright.task_runs", 20,
                                                   "processed a batch of rows", at));
        }
    }
  check (pw_store_append_logs (store, logs, &error), "append logs", error);

  if (end != PW_STATE_TYPE_RUNNING)
    set_state (store, FALSE, id, end, t + 100000);
  return g_strdup (id);
}

/* Returns the id of the 10,000-task run. */
static char *
fill (PwStore      *store,
      const Config *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  char *flows[N_FLOWS];
  gint64 now = g_get_real_time ();
  gint64 span = (gint64)DAYS * 86400 * G_USEC_PER_SEC;
  char *graph_run = NULL;

  for (guint i = 0; i < N_FLOWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("flow-%02u", i);
      g_autofree char *document = g_strdup_printf ("{\"format\": \"pipewright-flow/1\","
                                                   " \"name\": \"%s\", \"tasks\": []}", name);
      g_autoptr(PwFlowInfo) info = pw_store_save_flow (store, name, NULL, NULL, 0, document, &error);

      check (info != NULL, "save flow", error);
      flows[i] = g_strdup (pw_flow_info_get_id (info));
    }

  for (guint i = 0; i < config->n_flow_runs; i += BATCH)
    {
      check (pw_store_begin (store, &error), "begin", error);
      for (guint j = i; j < MIN (i + BATCH, config->n_flow_runs); j++)
        {
          g_autofree char *id = fill_run (store, rand, flows,
                                          now - span + span * (gint64)j / config->n_flow_runs, 1);
        }
      check (pw_store_commit (store, &error), "commit", error);
    }

  check (pw_store_begin (store, &error), "begin", error);
  graph_run = fill_run (store, rand, flows, now - (gint64)3600 * G_USEC_PER_SEC, N_GRAPH_TASKS);
  check (pw_store_commit (store, &error), "commit", error);

  for (guint i = 0; i < N_FLOWS; i++)
    g_free (flows[i]);
  return graph_run;
}

/* The server */

static GSubprocess *
start_server (const char  *db,
              char       **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *server;
  const char *cli = g_getenv ("PW_CLI");

  check (cli != NULL, "PW_CLI is not set (the path of pipewright-cli)", NULL);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             cli, "--db", db, "serve", "--port", "0", NULL);
  check (server != NULL, "start pipewright-cli serve", error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  *url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  check (*url != NULL, "read the server's URL", error);
  return server;
}

/* The load client: CONCURRENCY requests in flight for SECONDS */

typedef struct
{
  SoupSession *session;
  const char  *url;
  const char  *body;
  GArray      *latencies;     /* double ms */
  gint64       deadline;
  guint        in_flight;
  guint        errors;
  gsize        bytes;
} Load;

static void send_one (Load *load);

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  gint64 started = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), "started"));
  double ms;

  answer = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  ms = (g_get_monotonic_time () - started) / 1000.0;
  load->in_flight--;
  if (answer == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    load->errors++;
  else
    {
      g_array_append_val (load->latencies, ms);
      load->bytes += g_bytes_get_size (answer);
    }
  g_object_unref (msg);
  if (g_get_monotonic_time () < load->deadline)
    send_one (load);
}

static void
send_one (Load *load)
{
  SoupMessage *msg = soup_message_new (load->body != NULL ? "POST" : "GET", load->url);

  if (load->body != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (load->body, strlen (load->body));
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }
  g_object_set_data (G_OBJECT (msg), "started", GSIZE_TO_POINTER (g_get_monotonic_time ()));
  load->in_flight++;
  soup_session_send_and_read_async (load->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, load);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i;

  if (sorted->len == 0)
    return 0;
  i = MIN (sorted->len - 1, (guint)(p * sorted->len));
  return g_array_index (sorted, double, i);
}

typedef struct
{
  double rps;
  double p50;
  double p99;
  double kb;
} Figures;

static Figures
run_load (SoupSession  *session,
          const char   *url,
          const char   *body,
          const Config *config,
          const char   *label)
{
  Load load = { session, url, body, g_array_new (FALSE, FALSE, sizeof (double)), 0, 0, 0, 0 };
  Figures figures;
  gint64 start;
  double elapsed;

  /* Warm up the connections and the server's caches. */
  load.deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  for (guint i = 0; i < config->concurrency; i++)
    send_one (&load);
  while (load.in_flight > 0)
    g_main_context_iteration (NULL, TRUE);
  g_array_set_size (load.latencies, 0);
  load.bytes = 0;
  load.errors = 0;

  start = g_get_monotonic_time ();
  load.deadline = start + (gint64)(config->seconds * G_USEC_PER_SEC);
  for (guint i = 0; i < config->concurrency; i++)
    send_one (&load);
  while (load.in_flight > 0)
    g_main_context_iteration (NULL, TRUE);
  elapsed = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;

  g_array_sort (load.latencies, compare_doubles);
  figures.rps = load.latencies->len / elapsed;
  figures.p50 = percentile (load.latencies, 0.50);
  figures.p99 = percentile (load.latencies, 0.99);
  figures.kb = load.latencies->len > 0 ? load.bytes / 1024.0 / load.latencies->len : 0;
  printf ("%-34s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   %7.1f KB/answer   %u errors\n",
          label, figures.rps, figures.p50, figures.p99, figures.kb, load.errors);
  fflush (stdout);
  g_array_unref (load.latencies);
  return figures;
}

/* The peer: the same page straight from the store, in this process. */
static double
time_store_page (PwStore *store,
                 guint    limit)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) runs = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      runs = pw_store_list_flow_runs (store, NULL, PW_FLOW_RUN_SORT_START_TIME_DESC, limit,
                                      (i % 10) * limit, &error);
      check (runs != NULL, "list runs", error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  return percentile (times, 0.5);
}

/* The graph */

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static double
time_remote_graph (const char *url,
                   const char *run_id,
                   guint      *n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBackend) backend = pw_remote_backend_new (url, NULL, &error);
  g_autoptr(GListModel) task_runs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start;

  check (backend != NULL, "remote backend", error);
  /* Connect first: the figure is the read, not the handshake. */
  pw_remote_backend_connect (PW_REMOTE_BACKEND (backend));
  while (pw_remote_backend_get_connection_state (PW_REMOTE_BACKEND (backend)) != PW_CONNECTION_STATE_ONLINE)
    g_main_context_iteration (NULL, TRUE);

  start = g_get_monotonic_time ();
  pw_backend_list_task_runs_async (backend, run_id, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  task_runs = pw_backend_list_task_runs_finish (backend, result, &error);
  check (task_runs != NULL, "list task runs", error);
  *n = g_list_model_get_n_items (task_runs);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_get (SoupSession *session,
          const char  *url,
          const char  *body,
          gsize       *size)
{
  g_autoptr(SoupMessage) msg = soup_message_new (body != NULL ? "POST" : "GET", url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  check (answer != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK, url, error);
  *size = g_bytes_get_size (answer);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  Config config = { 100000, 5.0, 8 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;
  g_autofree char *graph_run = NULL;
  g_autofree char *filter_url = NULL;
  g_autofree char *health_url = NULL;
  g_autofree char *graph_url = NULL;
  Figures small;
  Figures large;
  Figures health;
  double store_small;
  double store_large;
  double remote_ms;
  double graph_ms;
  double paged_ms = 0;
  gsize graph_size;
  guint n_task_runs;
  gboolean keep = FALSE;
  gint64 start;

  if (argc > 1 && g_str_equal (argv[1], "--keep"))
    {
      keep = TRUE;
      argv++;
      argc--;
    }
  if (argc > 2 && g_str_equal (argv[1], "--db"))
    {
      db = g_strdup (argv[2]);
      argv += 2;
      argc -= 2;
    }
  else if (argc > 1)
    {
      config.n_flow_runs = g_ascii_strtoull (argv[1], NULL, 10);
      argv++;
      argc--;
    }
  if (argc > 1)
    config.seconds = g_ascii_strtod (argv[1], NULL);
  if (argc > 2)
    config.concurrency = MAX (1, g_ascii_strtoull (argv[2], NULL, 10));

  if (db == NULL)
    {
      dir = g_dir_make_tmp ("pw-bench-rest-XXXXXX", &error);
      check (dir != NULL, "temporary folder", error);
      db = g_build_filename (dir, "bench.db", NULL);
    }
  store = pw_store_open (db, &error);
  check (store != NULL, "open store", error);

  if (dir != NULL)
    {
      printf ("bench-rest: %u flow runs (and one of %u task runs), %u requests in flight, %.0f s each, "
              "%u cores\n", config.n_flow_runs, N_GRAPH_TASKS, config.concurrency, config.seconds,
              g_get_num_processors ());
      start = g_get_monotonic_time ();
      graph_run = fill (store, &config);
      printf ("filled in %.1f s%s%s\n\n", (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC,
              keep ? "; kept in " : "", keep ? db : "");
    }
  else
    {
      g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
      g_autoptr(GPtrArray) newest = NULL;
      const char *tags[] = { "graph", NULL };

      pw_flow_run_filter_set_tags_all (filter, tags);
      newest = pw_store_list_flow_runs (store, filter, PW_FLOW_RUN_SORT_ID_DESC, 1, 0, &error);
      check (newest != NULL && newest->len == 1, "find the graph's run", error);
      graph_run = g_strdup (pw_flow_run_get_id (g_ptr_array_index (newest, 0)));
      printf ("bench-rest: %s, %u requests in flight, %.0f s each, %u cores\n\n",
              db, config.concurrency, config.seconds, g_get_num_processors ());
    }
  fflush (stdout);

  server = start_server (db, &url);
  session = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 64,
                                           "timeout", 60, NULL);
  filter_url = g_strconcat (url, "/flow_runs/filter", NULL);
  health_url = g_strconcat (url, "/health", NULL);

  printf ("%u requests in flight:\n", config.concurrency);
  health = run_load (session, health_url, NULL, &config, "GET /health (peer: HTTP alone)");
  small = run_load (session, filter_url, "{\"sort\":\"START_TIME_DESC\",\"limit\":20}", &config,
                    "POST /flow_runs/filter, 20 runs");
  large = run_load (session, filter_url, "{\"sort\":\"START_TIME_DESC\",\"limit\":200}", &config,
                    "POST /flow_runs/filter, 200 runs");

  /* Latency depends on how many wait: fewer clients, as a few app
   * windows polling their Runs page would be. */
  for (guint in_flight = 1; in_flight <= 4; in_flight *= 2)
    {
      Config fewer = config;
    
      fewer.concurrency = in_flight;
      if (in_flight >= config.concurrency)
        break;
      printf ("%u request%s in flight:\n", in_flight, in_flight > 1 ? "s" : "");
      run_load (session, filter_url, "{\"sort\":\"START_TIME_DESC\",\"limit\":20}", &fewer,
                "POST /flow_runs/filter, 20 runs");
      run_load (session, filter_url, "{\"sort\":\"START_TIME_DESC\",\"limit\":200}", &fewer,
                "POST /flow_runs/filter, 200 runs");
    }

  store_small = time_store_page (store, 20);
  store_large = time_store_page (store, 200);
  printf ("\npeer: the same page from the store in-process: 20 runs %.2f ms, 200 runs %.2f ms (p50)\n",
          store_small, store_large);
  printf ("ratios: 20-run page %.1f%% of /health's rate; p50 over the store read: %.1fx (20), %.1fx (200)\n",
          100.0 * small.rps / MAX (health.rps, 1), small.p50 / MAX (store_small, 0.001),
          large.p50 / MAX (store_large, 0.001));

  remote_ms = time_remote_graph (url, graph_run, &n_task_runs);
  graph_url = g_strdup_printf ("%s/flow_runs/%s/graph", url, graph_run);
  graph_ms = time_get (session, graph_url, NULL, &graph_size);
  printf ("\ngraph of a %u-task run: PwRemoteBackend list_task_runs %.0f ms (one answer);"
          " GET /flow_runs/{id}/graph %.0f ms (%.1f MB)\n",
          n_task_runs, remote_ms, graph_ms, graph_size / 1048576.0);
  for (guint offset = 0; offset < N_GRAPH_TASKS; offset += 200)
    {
      g_autofree char *body = g_strdup_printf ("{\"flow_runs\":{\"id\":{\"any_\":[\"%s\"]}},"
                                               "\"sort\":\"EXPECTED_START_TIME_ASC\","
                                               "\"limit\":200,\"offset\":%u}", graph_run, offset);
      g_autofree char *tasks_url = g_strconcat (url, "/task_runs/filter", NULL);
      gsize size;

      paged_ms += time_get (session, tasks_url, body, &size);
    }
  printf ("  as from a Prefect server: 50 pages of /task_runs/filter, one after the other: %.0f ms\n",
          paged_ms);

  printf ("\naims: 20-run pages >= 1000 req/s: %s (%.0f); 200-run pages p99 < 50 ms: %s (%.1f ms)\n",
          small.rps >= 1000 ? "met" : "NOT met", small.rps,
          large.p99 < 50 ? "met" : "NOT met", large.p99);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&store);
  if (dir != NULL && !keep)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);
      if (system (command) != 0)
        g_printerr ("could not remove %s\n", dir);
    }
  return 0;
}
