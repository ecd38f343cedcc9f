/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-engine"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pw-engine.h"
#include "pw-flow-file.h"
#include "pw-store.h"

/*
 * The engine against ninja and make on the same DAG of `true` commands:
 * LAYERS layers of 100 tasks, each task past the first layer after 3
 * distinct tasks of the layer before (fixed seed), 2 workers, every
 * transition of every task run stored. Then 100,000 noop tasks in the same
 * shape, for the engine's own overhead.
 *
 * Peak RSS: ours from VmHWM (reset between phases through
 * /proc/self/clear_refs), the peers' from wait4().
 */

#define WIDTH 100
#define SEED  20240501

extern char **environ;

typedef struct
{
  double seconds;
  long   max_rss_kb;
  gboolean ok;
} Measure;

/* The DAG: deps[i * 3 + k] is the k-th upstream of task i (layer > 0). */
static guint *
make_dag (guint layers)
{
  guint n = layers * WIDTH;
  guint *deps = g_new0 (guint, n * 3);
  GRand *rand = g_rand_new_with_seed (SEED);

  for (guint i = WIDTH; i < n; i++)
    {
      guint layer_start = (i / WIDTH - 1) * WIDTH;

      for (guint k = 0; k < 3; k++)
        {
          guint pick;
          gboolean again;

          do
            {
              pick = layer_start + g_rand_int_range (rand, 0, WIDTH);
              again = FALSE;
              for (guint j = 0; j < k; j++)
                again |= deps[i * 3 + j] == pick;
            }
          while (again);
          deps[i * 3 + k] = pick;
        }
    }

  g_rand_free (rand);
  return deps;
}

static char *
flow_json (const char  *name,
           guint        layers,
           const guint *deps,
           gboolean     noop)
{
  GString *json = g_string_new (NULL);
  guint n = layers * WIDTH;

  g_string_append_printf (json,
                          "{\"format\": \"pipewright-flow/1\", \"name\": \"%s\","
                          " \"task_runner\": {\"kind\": \"concurrent\", \"max_workers\": 2},"
                          " \"tasks\": [\n", name);
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (json, "%s{\"key\": \"t%u\", ", i > 0 ? ",\n" : "", i);
      if (noop)
        g_string_append (json, "\"kind\": \"noop\"");
      else
        g_string_append (json, "\"kind\": \"command\", \"command\": [\"true\"]");
      if (i >= WIDTH)
        g_string_append_printf (json, ", \"after\": [\"t%u\", \"t%u\", \"t%u\"]",
                                deps[i * 3], deps[i * 3 + 1], deps[i * 3 + 2]);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "\n]}\n");

  return g_string_free (json, FALSE);
}

static void
write_ninja (const char  *path,
             guint        layers,
             const guint *deps)
{
  GString *text = g_string_new ("rule r\n  command = true\n\n");
  guint n = layers * WIDTH;

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (text, "build t%u: r", i);
      if (i >= WIDTH)
        g_string_append_printf (text, " t%u t%u t%u", deps[i * 3], deps[i * 3 + 1], deps[i * 3 + 2]);
      g_string_append_c (text, '\n');
    }
  g_string_append (text, "default");
  for (guint i = (layers - 1) * WIDTH; i < n; i++)
    g_string_append_printf (text, " t%u", i);
  g_string_append_c (text, '\n');

  g_file_set_contents (path, text->str, text->len, NULL);
  g_string_free (text, TRUE);
}

static void
write_makefile (const char  *path,
                guint        layers,
                const guint *deps)
{
  GString *text = g_string_new ("all:");
  guint n = layers * WIDTH;

  for (guint i = (layers - 1) * WIDTH; i < n; i++)
    g_string_append_printf (text, " t%u", i);
  g_string_append (text, "\n.PHONY: all");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, " t%u", i);
  g_string_append (text, "\n\n");

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (text, "t%u:", i);
      if (i >= WIDTH)
        g_string_append_printf (text, " t%u t%u t%u", deps[i * 3], deps[i * 3 + 1], deps[i * 3 + 2]);
      g_string_append (text, "\n\t@true\n");
    }

  g_file_set_contents (path, text->str, text->len, NULL);
  g_string_free (text, TRUE);
}

/*
 * A peer is measured by a helper: this program run again with --measure,
 * which fork()s and execs the peer and reports its wall time and wait4()
 * peak RSS. A child spawned straight from the benchmark would inherit the
 * benchmark's own peak RSS through the shared address space of vfork and
 * exec (Linux keeps the larger one), and report ours instead of its own.
 */
static int
measure_main (char **argv)
{
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  pid_t pid;
  int status;

  pid = fork ();
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      execvp (argv[0], argv);
      _exit (127);
    }
  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;
  printf ("%f %ld %d\n", (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC,
          usage.ru_maxrss, WIFEXITED (status) ? WEXITSTATUS (status) : 128);
  return 0;
}

static Measure
run_peer (const char         *self_path,
          const char         *dir,
          const char * const *peer_argv)
{
  Measure m = { 0, };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  int code = 1;

  g_ptr_array_add (argv, (char *)self_path);
  g_ptr_array_add (argv, (char *)"--measure");
  for (guint i = 0; peer_argv[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)peer_argv[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (dir, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, &error) ||
      sscanf (out, "%lf %ld %d", &m.seconds, &m.max_rss_kb, &code) != 3)
    {
      g_printerr ("Could not measure %s: %s\n", peer_argv[0], error != NULL ? error->message : out);
      return m;
    }
  m.ok = code == 0;
  return m;
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static long
read_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? (long)g_ascii_strtoll (line + 6, NULL, 10) : 0;
}

static void
reset_hwm (void)
{
  /* Linux: writing 5 resets the peak RSS to the current RSS. */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

typedef struct
{
  PwFlowRun *run;
  GError    *error;
  gboolean   done;
} Wait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->run = pw_engine_start_flow_run_finish (PW_ENGINE (object), result, &wait->error);
  wait->done = TRUE;
}

static Measure
run_engine (const char  *dir,
            const char  *name,
            const char  *json,
            guint       *out_n_task_runs)
{
  Measure m = { 0, };
  g_autofree char *db_path = g_build_filename (dir, "pipewright.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwEngine) engine = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(PwFlowRun) created = NULL;
  g_autoptr(PwTaskRunFilter) filter = pw_task_run_filter_new ();
  Wait wait = { 0, };
  gint64 start;

  store = pw_store_open (db_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  flow = pw_flow_file_load_data (json, strlen (json), name, NULL, &error);
  if (flow == NULL)
    g_error ("%s", error->message);
  info = pw_store_save_flow (store, name, NULL, NULL, pw_flow_get_n_tasks (flow), json, &error);
  if (info == NULL)
    g_error ("%s", error->message);
  engine = pw_engine_new (store, NULL);
  created = pw_engine_create_flow_run (engine, name, 0, NULL, &error);
  if (created == NULL)
    g_error ("%s", error->message);

  reset_hwm ();
  if (g_getenv ("BENCH_ENGINE_VERBOSE") != NULL)
    printf ("  (RSS before the run: %.1f MB)\n", read_hwm_kb () / 1024.0);
  start = g_get_monotonic_time ();
  pw_engine_start_flow_run_async (engine, flow, pw_flow_run_get_id (created), NULL, on_done, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  m.seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  m.max_rss_kb = read_hwm_kb ();

  if (wait.run == NULL)
    g_error ("%s", wait.error->message);
  m.ok = pw_flow_run_get_state_type (wait.run) == PW_STATE_TYPE_COMPLETED;
  if (!m.ok)
    g_printerr ("%s: %s\n", name, pw_state_get_message (pw_flow_run_get_state (wait.run)));

  pw_task_run_filter_set_flow_run_id (filter, pw_flow_run_get_id (wait.run));
  *out_n_task_runs = pw_store_count_task_runs (store, filter, NULL);
  g_clear_object (&wait.run);

  return m;
}

static void
print_measure (const char    *what,
               const Measure *m,
               const Measure *engine)
{
  if (!m->ok && m->seconds == 0)
    {
      printf ("  %-34s skipped\n", what);
      return;
    }
  printf ("  %-34s %8.3f s   peak RSS %7.1f MB", what, m->seconds, m->max_rss_kb / 1024.0);
  if (engine != NULL && m != engine)
    printf ("   engine/peer %.2f×", engine->seconds / m->seconds);
  printf ("%s\n", m->ok ? "" : "   (FAILED)");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
bench_commands (const char *self_path,
                guint       layers)
{
  g_autofree guint *deps = make_dag (layers);
  g_autofree char *dir = g_dir_make_tmp ("pw-bench-engine-XXXXXX", NULL);
  g_autofree char *name = g_strdup_printf ("dag-%u", layers * WIDTH);
  g_autofree char *json = flow_json (name, layers, deps, FALSE);
  g_autofree char *ninja_file = g_build_filename (dir, "build.ninja", NULL);
  g_autofree char *make_file = g_build_filename (dir, "Makefile", NULL);
  const char *ninja_argv[] = { "ninja", "-j2", "-f", "build.ninja", NULL };
  const char *make_argv[] = { "make", "-j2", "-s", "-f", "Makefile", NULL };
  Measure engine, ninja = { 0, }, make = { 0, };
  guint n_task_runs = 0;

  write_ninja (ninja_file, layers, deps);
  write_makefile (make_file, layers, deps);

  engine = run_engine (dir, name, json, &n_task_runs);
  if (have_program ("ninja"))
    ninja = run_peer (self_path, dir, ninja_argv);
  if (have_program ("make"))
    make = run_peer (self_path, dir, make_argv);

  printf ("%u `true` commands (%u layers × %d, 3 upstreams each), 2 workers:\n",
          layers * WIDTH, layers, WIDTH);
  print_measure ("pipewright engine (all persisted)", &engine, &engine);
  print_measure ("ninja -j2", &ninja, &engine);
  print_measure ("make -j2", &make, &engine);
  printf ("  %u task runs stored, %.0f task runs/s\n", n_task_runs, n_task_runs / engine.seconds);

  remove_tree (dir);
}

static void
bench_noops (guint layers)
{
  g_autofree guint *deps = make_dag (layers);
  g_autofree char *dir = g_dir_make_tmp ("pw-bench-engine-XXXXXX", NULL);
  g_autofree char *json = flow_json ("noops", layers, deps, TRUE);
  Measure engine;
  guint n_task_runs = 0;

  engine = run_engine (dir, "noops", json, &n_task_runs);
  printf ("%u noop tasks (%u layers × %d, 3 upstreams each):\n", layers * WIDTH, layers, WIDTH);
  print_measure ("pipewright engine (all persisted)", &engine, NULL);
  printf ("  %u task runs stored, %.0f task runs/s (aim: 50,000)\n",
          n_task_runs, n_task_runs / engine.seconds);

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self_path = NULL;

  if (argc > 2 && g_str_equal (argv[1], "--measure"))
    return measure_main (argv + 2);

  setvbuf (stdout, NULL, _IOLBF, 0);
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  /* `bench-engine [commands:LAYERS | noops:LAYERS]...`, all by default. */
  if (argc == 1)
    {
      bench_commands (self_path, 10);
      bench_commands (self_path, 100);
      bench_noops (1000);
    }
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "commands:"))
        bench_commands (self_path, atoi (argv[i] + strlen ("commands:")));
      else if (g_str_has_prefix (argv[i], "noops:"))
        bench_noops (atoi (argv[i] + strlen ("noops:")));
      else
        {
          g_printerr ("Usage: %s [commands:LAYERS | noops:LAYERS]...\n", argv[0]);
          return 2;
        }
    }

  return 0;
}
