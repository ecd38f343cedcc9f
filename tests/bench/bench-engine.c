/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-engine"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
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
  double   seconds;
  double   cpu_seconds;   /* the engine's own process: user + system */
  long     max_rss_kb;
  long     anon_kb;       /* the engine: RssAnon at the end of the run */
  long     file_kb;       /* the engine: RssFile at the end of the run */
  gboolean ok;
} Measure;

static double
self_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

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

/* VmHWM counts file pages too: sqlite maps the database (mmap_size), and
 * what it maps of it counts as ours. RssAnon is the memory we allocated. */
static long
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  return line != NULL ? (long)g_ascii_strtoll (line + strlen (field), NULL, 10) : 0;
}

static void
reset_hwm (void)
{
  /* What earlier rounds freed goes back to the system first. */
  malloc_trim (0);

  /* Linux: writing 5 resets the peak RSS to the current RSS (in place:
   * g_file_set_contents() would try to rename a file into /proc). */
  int fd = open ("/proc/self/clear_refs", O_WRONLY);

  if (fd >= 0)
    {
      if (write (fd, "5", 1) != 1)
        g_printerr ("Could not reset the peak RSS: %s\n", g_strerror (errno));
      close (fd);
    }
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
  double cpu_start;

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
  cpu_start = self_cpu_seconds ();
  pw_engine_start_flow_run_async (engine, flow, pw_flow_run_get_id (created), NULL, on_done, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  m.seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  m.cpu_seconds = self_cpu_seconds () - cpu_start;
  m.max_rss_kb = read_hwm_kb ();
  m.anon_kb = read_status_kb ("RssAnon:");
  m.file_kb = read_status_kb ("RssFile:");

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
  if (m->anon_kb > 0)
    printf (" (at the end: %.1f MB allocated, %.1f MB of mapped files: sqlite's mmap)",
            m->anon_kb / 1024.0, m->file_kb / 1024.0);
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

/* How a task process is started: posix_spawn with POSIX_SPAWN_SETPGROUP
 * (as ninja, and PwTaskProcess, do) against GSubprocess, which can only set
 * a process group from a child-setup function and then fork()s. Each
 * starts and waits for `true`, one at a time. */

static void
setpgid_child_setup (gpointer data)
{
  setpgid (0, 0);
}

static double
spawn_posix (guint n)
{
  static const char *argv[] = { "true", NULL };
  gint64 start = g_get_monotonic_time ();
  posix_spawnattr_t attr;

  posix_spawnattr_init (&attr);
  posix_spawnattr_setpgroup (&attr, 0);
  posix_spawnattr_setflags (&attr, POSIX_SPAWN_SETPGROUP);
  for (guint i = 0; i < n; i++)
    {
      pid_t pid;
      int status;

      if (posix_spawnp (&pid, argv[0], NULL, &attr, (char **)argv, environ) == 0)
        waitpid (pid, &status, 0);
    }
  posix_spawnattr_destroy (&attr);

  return (g_get_monotonic_time () - start) / (double)n;
}

static double
spawn_gsubprocess (guint    n,
                   gboolean process_group)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  gint64 start = g_get_monotonic_time ();

  if (process_group)
    g_subprocess_launcher_set_child_setup (launcher, setpgid_child_setup, NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GSubprocess) process = g_subprocess_launcher_spawn (launcher, NULL, "true", NULL);

      if (process != NULL)
        g_subprocess_wait (process, NULL, NULL);
    }

  return (g_get_monotonic_time () - start) / (double)n;
}

static void
bench_spawn (guint n)
{
  gsize ballast_size = 256 * 1024 * 1024;
  g_autofree char *ballast = NULL;

  printf ("Starting `true` and waiting for it, %u times, µs each:\n", n);
  printf ("  %-50s %7.0f\n", "posix_spawn + POSIX_SPAWN_SETPGROUP (ours, ninja's)", spawn_posix (n));
  printf ("  %-50s %7.0f\n", "GSubprocess + child setup setpgid (fork)", spawn_gsubprocess (n, TRUE));
  printf ("  %-50s %7.0f\n", "GSubprocess, no process group", spawn_gsubprocess (n, FALSE));

  /* The app is a bigger process than this benchmark: fork() copies its
   * page tables, posix_spawn's vfork-like clone does not. */
  ballast = g_malloc (ballast_size);
  memset (ballast, 1, ballast_size);
  printf ("  with 256 MB of touched heap in the parent:\n");
  printf ("  %-50s %7.0f\n", "posix_spawn + POSIX_SPAWN_SETPGROUP", spawn_posix (n));
  printf ("  %-50s %7.0f\n", "GSubprocess + child setup setpgid (fork)", spawn_gsubprocess (n, TRUE));
}

static int
compare_measures (gconstpointer a,
                  gconstpointer b)
{
  double x = ((const Measure *)a)->seconds;
  double y = ((const Measure *)b)->seconds;

  return (x > y) - (x < y);
}

/* The median run of @rounds, by wall time; the peak RSS of all. */
static Measure
median (Measure *measures,
        guint    rounds)
{
  Measure m;
  long max_rss = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < rounds; i++)
    {
      max_rss = MAX (max_rss, measures[i].max_rss_kb);
      ok &= measures[i].ok;
    }
  qsort (measures, rounds, sizeof (Measure), compare_measures);
  m = measures[rounds / 2];
  m.max_rss_kb = max_rss;
  m.ok = ok;
  return m;
}

static void
print_spread (Measure *measures,
              guint    rounds)
{
  /* Sorted by median(). */
  if (rounds > 1 && measures[0].seconds > 0)
    printf ("  %-34s %.3f … %.3f s over %u rounds\n", "", measures[0].seconds,
            measures[rounds - 1].seconds, rounds);
}

static void
bench_commands (const char *self_path,
                guint       layers,
                guint       rounds)
{
  g_autofree guint *deps = make_dag (layers);
  g_autofree char *name = g_strdup_printf ("dag-%u", layers * WIDTH);
  g_autofree char *json = flow_json (name, layers, deps, FALSE);
  const char *ninja_argv[] = { "ninja", "-j2", "-f", "build.ninja", NULL };
  const char *make_argv[] = { "make", "-j2", "-s", "-f", "Makefile", NULL };
  g_autofree Measure *engines = g_new0 (Measure, rounds);
  g_autofree Measure *ninjas = g_new0 (Measure, rounds);
  g_autofree Measure *makes = g_new0 (Measure, rounds);
  gboolean have_ninja = have_program ("ninja");
  gboolean have_make = have_program ("make");
  Measure engine, ninja = { 0, }, make = { 0, };
  guint n_task_runs = 0;

  /* Interleaved, so that a burst of load elsewhere on the machine hits
   * all three alike. */
  for (guint r = 0; r < rounds; r++)
    {
      g_autofree char *dir = g_dir_make_tmp ("pw-bench-engine-XXXXXX", NULL);
      g_autofree char *ninja_file = g_build_filename (dir, "build.ninja", NULL);
      g_autofree char *make_file = g_build_filename (dir, "Makefile", NULL);

      write_ninja (ninja_file, layers, deps);
      write_makefile (make_file, layers, deps);

      engines[r] = run_engine (dir, name, json, &n_task_runs);
      if (have_ninja)
        ninjas[r] = run_peer (self_path, dir, ninja_argv);
      if (have_make)
        makes[r] = run_peer (self_path, dir, make_argv);

      remove_tree (dir);
    }

  engine = median (engines, rounds);
  if (have_ninja)
    ninja = median (ninjas, rounds);
  if (have_make)
    make = median (makes, rounds);

  printf ("%u `true` commands (%u layers × %d, 3 upstreams each), 2 workers, median of %u:\n",
          layers * WIDTH, layers, WIDTH, rounds);
  print_measure ("pipewright engine (all persisted)", &engine, &engine);
  print_spread (engines, rounds);
  print_measure ("ninja -j2", &ninja, &engine);
  print_spread (ninjas, rounds);
  print_measure ("make -j2", &make, &engine);
  print_spread (makes, rounds);
  printf ("  %u task runs stored, %.0f task runs/s; the engine's own CPU: %.3f s (%.0f µs a task)\n",
          n_task_runs, n_task_runs / engine.seconds, engine.cpu_seconds,
          engine.cpu_seconds * 1e6 / MAX (n_task_runs, 1));
}

static void
bench_noops (guint layers,
             guint rounds)
{
  g_autofree guint *deps = make_dag (layers);
  g_autofree char *json = flow_json ("noops", layers, deps, TRUE);
  g_autofree Measure *engines = g_new0 (Measure, rounds);
  Measure engine;
  guint n_task_runs = 0;

  for (guint r = 0; r < rounds; r++)
    {
      g_autofree char *dir = g_dir_make_tmp ("pw-bench-engine-XXXXXX", NULL);

      engines[r] = run_engine (dir, "noops", json, &n_task_runs);
      remove_tree (dir);
    }
  engine = median (engines, rounds);

  printf ("%u noop tasks (%u layers × %d, 3 upstreams each), median of %u:\n",
          layers * WIDTH, layers, WIDTH, rounds);
  print_measure ("pipewright engine (all persisted)", &engine, NULL);
  print_spread (engines, rounds);
  printf ("  %u task runs stored, %.0f task runs/s (aim: 50,000); CPU %.3f s (%.0f µs a task)\n",
          n_task_runs, n_task_runs / engine.seconds, engine.cpu_seconds,
          engine.cpu_seconds * 1e6 / MAX (n_task_runs, 1));
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

  /* `bench-engine [spawn:N | commands:LAYERS | noops:LAYERS]...`, all by
   * default. */
  if (argc == 1)
    {
      bench_spawn (300);
      bench_commands (self_path, 10, 5);
      bench_commands (self_path, 100, 3);
      bench_noops (1000, 3);
    }
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "commands:"))
        bench_commands (self_path, atoi (argv[i] + strlen ("commands:")), 3);
      else if (g_str_has_prefix (argv[i], "noops:"))
        bench_noops (atoi (argv[i] + strlen ("noops:")), 3);
      else if (g_str_has_prefix (argv[i], "spawn:"))
        bench_spawn (atoi (argv[i] + strlen ("spawn:")));
      else
        {
          g_printerr ("Usage: %s [spawn:N | commands:LAYERS | noops:LAYERS]...\n", argv[0]);
          return 2;
        }
    }

  return 0;
}
