/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-agent"

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pw-agent.h"
#include "pw-fake-clock.h"
#include "pw-flow-file.h"
#include "pw-system-clock.h"

/*
 * PwAgent: taking due runs from work queues, in order, within pause and
 * concurrency limits; two agents (two store handles, and processes) racing
 * for the same runs; a run that crashes; stopping; a locked database.
 *
 * Scheduling decisions run on a fake clock (what is due, when the agent
 * wakes); the tasks are real processes.
 */

#define QUICK_FLOW \
  "{`format`: `pipewright-flow/1`, `name`: `quick`," \
  " `tasks`: [{`key`: `a`, `kind`: `command`, `command`: [`true`]}]}"

#define SLEEPY_FLOW \
  "{`format`: `pipewright-flow/1`, `name`: `sleepy`," \
  " `parameters`: [{`name`: `secs`, `type`: `string`, `default`: `0.2`}]," \
  " `tasks`: [{`key`: `nap`, `kind`: `command`, `command`: [`sleep`, `{{ params.secs }}`]}]}"

/* Writes its shell's pid, then becomes `sleep 30` (same pid). */
#define VICTIM_FLOW \
  "{`format`: `pipewright-flow/1`, `name`: `victim`," \
  " `parameters`: [{`name`: `pidfile`, `type`: `string`}]," \
  " `tasks`: [{`key`: `wait`, `kind`: `shell`," \
  "            `script`: `echo $$ > {{ params.pidfile }}.tmp && mv {{ params.pidfile }}.tmp {{ params.pidfile }} && exec sleep 30`}]}"

typedef struct
{
  char      *dir;
  char      *path;
  PwStore   *store;
  PwClock   *clock;
  PwEngine  *engine;
  PwAgent   *agent;
  GPtrArray *taken;      /* flow run ids, in the order taken */
  GPtrArray *finished;   /* flow run ids, in the order finished */
  guint      n_poll_failed;
  GError    *poll_error;
} Fixture;

static void
on_run_taken (PwAgent   *agent,
              PwFlowRun *run,
              Fixture   *f)
{
  g_ptr_array_add (f->taken, g_strdup (pw_flow_run_get_id (run)));
}

static void
on_run_finished (PwAgent      *agent,
                 const char   *flow_run_id,
                 PwFlowRun    *run,
                 const GError *error,
                 Fixture      *f)
{
  g_ptr_array_add (f->finished, g_strdup (flow_run_id));
}

static void
on_poll_failed (PwAgent      *agent,
                const GError *error,
                Fixture      *f)
{
  f->n_poll_failed++;
  g_clear_error (&f->poll_error);
  f->poll_error = g_error_copy (error);
}

static char *
load_json (const char *text)
{
  char *json = g_strdup (text);

  /* ` for ", so that the flows above read as JSON */
  g_strdelimit (json, "`", '"');
  return json;
}

static void
save_flow (PwStore    *store,
           const char *text)
{
  g_autofree char *json = load_json (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autofree char *document = NULL;

  flow = pw_flow_file_load_data (json, strlen (json), "test", NULL, &error);
  g_assert_no_error (error);
  document = pw_flow_file_to_data (flow, NULL);
  info = pw_store_save_flow (store, pw_flow_get_name (flow), NULL, NULL,
                             pw_flow_get_n_tasks (flow), document, &error);
  g_assert_no_error (error);
}

static PwAgent *
new_agent (Fixture  *f,
           PwEngine *engine)
{
  PwAgent *agent = pw_agent_new (engine);

  g_signal_connect (agent, "run-taken", G_CALLBACK (on_run_taken), f);
  g_signal_connect (agent, "run-finished", G_CALLBACK (on_run_finished), f);
  g_signal_connect (agent, "poll-failed", G_CALLBACK (on_poll_failed), f);
  return agent;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* In the past, so that child processes on the real clock find the runs
   * due too. */
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 5, 1, 12, 0, 0);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pw-agent-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pipewright.db", NULL);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  f->clock = pw_fake_clock_new (start);
  f->engine = pw_engine_new (f->store, f->clock);
  pw_engine_set_kill_grace_ms (f->engine, 300);
  pw_engine_set_heartbeat_ms (f->engine, 100);
  f->taken = g_ptr_array_new_with_free_func (g_free);
  f->finished = g_ptr_array_new_with_free_func (g_free);
  f->agent = new_agent (f, f->engine);
  pw_agent_set_name (f->agent, "agent-a");

  save_flow (f->store, QUICK_FLOW);
  save_flow (f->store, SLEEPY_FLOW);
  save_flow (f->store, VICTIM_FLOW);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (pw_agent_get_n_running (f->agent), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&f->agent));
  g_assert_finalize_object (g_steal_pointer (&f->engine));
  g_assert_finalize_object (g_steal_pointer (&f->clock));
  g_assert_finalize_object (g_steal_pointer (&f->store));
  g_ptr_array_unref (f->taken);
  g_ptr_array_unref (f->finished);
  g_clear_error (&f->poll_error);
  g_assert_cmpint (system (command), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static void
add_queue (PwStore    *store,
           const char *name,
           guint       priority,
           int         limit,
           gboolean    paused)
{
  g_autoptr(PwWorkQueue) queue = pw_work_queue_new (name);
  g_autoptr(PwWorkQueue) stored = NULL;
  g_autoptr(GError) error = NULL;

  pw_work_queue_set_priority (queue, priority);
  pw_work_queue_set_concurrency_limit (queue, limit);
  pw_work_queue_set_paused (queue, paused);
  stored = pw_store_create_work_queue (store, queue, &error);
  g_assert_no_error (error);
}

/* A run of @flow waiting in @queue, due @due_in seconds from the fake
 * clock's now (negative: in the past). */
static char *
add_run (Fixture    *f,
         const char *flow,
         const char *queue,
         double      due_in,
         const char *parameters)
{
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  g_autoptr(GDateTime) now = pw_clock_get_now (f->clock);
  g_autoptr(GDateTime) when = g_date_time_add_seconds (now, due_in);
  g_autoptr(GError) error = NULL;

  pw_flow_run_set_flow_name (request, flow);
  pw_flow_run_set_work_queue_name (request, queue);
  pw_flow_run_set_parameters (request, parameters);
  pw_state_set_timestamp (state, now);
  pw_state_set_scheduled_time (state, when);
  run = pw_store_create_flow_run (f->store, request, state, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (pw_flow_run_get_id (run));
}

static PwFlowRun *
get_run (PwStore    *store,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  PwFlowRun *run = pw_store_get_flow_run (store, id, &error);

  g_assert_no_error (error);
  return run;
}

static PwStateType
state_of (Fixture    *f,
          const char *id)
{
  g_autoptr(PwFlowRun) run = get_run (f->store, id);

  return pw_flow_run_get_state_type (run);
}

/* The run's state names, comma-separated, oldest first. */
static char *
history (PwStore    *store,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = pw_store_list_flow_run_states (store, id, &error);
  GString *names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < states->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            pw_state_get_name (g_ptr_array_index (states, i)));
  return g_string_free (names, FALSE);
}

static guint
poll (PwAgent *agent)
{
  g_autoptr(GError) error = NULL;
  guint taken = 0;

  g_assert_true (pw_agent_poll (agent, &taken, &error));
  g_assert_no_error (error);
  return taken;
}

static void
wait_finished (Fixture *f,
               guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (f->finished->len < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  /* The engine's last reports */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Taking and running */

static void
test_take_and_run (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *later = NULL;
  g_autofree char *nowhere = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GDateTime) now = pw_clock_get_now (f->clock);
  PwState *pending;

  add_queue (f->store, "default", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  due = add_run (f, "quick", "default", -5, NULL);
  later = add_run (f, "quick", "default", 60, NULL);
  nowhere = add_run (f, "quick", NULL, -5, NULL);   /* in no queue: not an agent's */

  g_assert_cmpuint (poll (f->agent), ==, 1);
  g_assert_cmpuint (pw_agent_get_n_running (f->agent), ==, 1);
  g_assert_true (pw_agent_is_running (f->agent, due));
  wait_finished (f, 1);

  g_assert_cmpstr (g_ptr_array_index (f->taken, 0), ==, due);
  names = history (f->store, due);
  g_assert_cmpstr (names, ==, "Scheduled,Pending,Running,Completed");
  states = pw_store_list_flow_run_states (f->store, due, &error);
  pending = g_ptr_array_index (states, 1);
  g_assert_cmpstr (pw_state_get_message (pending), ==, "Submitted by agent agent-a");
  g_assert_nonnull (strstr (pw_state_get_details (pending), "agent-a"));

  g_assert_cmpint (state_of (f, later), ==, PW_STATE_TYPE_SCHEDULED);
  g_assert_cmpint (state_of (f, nowhere), ==, PW_STATE_TYPE_SCHEDULED);

  /* The poll is recorded, for the queue's health. */
  queue = pw_store_get_work_queue (f->store, "default", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pw_work_queue_get_last_polled (queue));
  g_assert_true (g_date_time_equal (pw_work_queue_get_last_polled (queue), now));
}

static void
test_priority_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *low_early = NULL;
  g_autofree char *high_late = NULL;
  g_autofree char *high_early = NULL;
  g_autofree char *late_run = NULL;

  /* Lower priority numbers first; within a queue, sooner first. */
  add_queue (f->store, "bulk", 5, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  add_queue (f->store, "urgent", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  low_early = add_run (f, "quick", "bulk", -60, NULL);
  high_late = add_run (f, "quick", "urgent", -10, NULL);
  high_early = add_run (f, "quick", "urgent", -20, NULL);

  /* A Late run waits too (SCHEDULED/Late) and is due. */
  late_run = add_run (f, "quick", "bulk", -30, NULL);
  {
    g_autoptr(PwState) late = pw_state_new (PW_STATE_TYPE_SCHEDULED, "Late", NULL);
    g_autoptr(GDateTime) now = pw_clock_get_now (f->clock);
    g_autoptr(GDateTime) when = g_date_time_add_seconds (now, -30);
    g_autoptr(GError) error = NULL;

    pw_state_set_scheduled_time (late, when);
    pw_store_set_flow_run_state (f->store, late_run, late, &error);
    g_assert_no_error (error);
  }

  pw_agent_set_limit (f->agent, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (poll (f->agent), ==, 1);
      /* At its limit: takes nothing more. */
      g_assert_cmpuint (poll (f->agent), ==, 0);
      wait_finished (f, i + 1);
    }

  g_assert_cmpstr (g_ptr_array_index (f->taken, 0), ==, high_early);
  g_assert_cmpstr (g_ptr_array_index (f->taken, 1), ==, high_late);
  g_assert_cmpstr (g_ptr_array_index (f->taken, 2), ==, low_early);
  g_assert_cmpstr (g_ptr_array_index (f->taken, 3), ==, late_run);
  g_assert_cmpint (state_of (f, late_run), ==, PW_STATE_TYPE_COMPLETED);
}

static void
test_pause (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  add_queue (f->store, "nightly", 1, PW_WORK_QUEUE_NO_LIMIT, TRUE);
  id = add_run (f, "quick", "nightly", -1, NULL);

  g_assert_cmpuint (poll (f->agent), ==, 0);
  g_assert_cmpint (state_of (f, id), ==, PW_STATE_TYPE_SCHEDULED);

  g_assert_true (pw_store_set_work_queue_paused (f->store, "nightly", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (poll (f->agent), ==, 1);
  wait_finished (f, 1);
  g_assert_cmpint (state_of (f, id), ==, PW_STATE_TYPE_COMPLETED);
}

typedef struct
{
  Fixture *f;
  guint    max_active;
} Watch;

static void
count_active (PwAgent   *agent,
              PwFlowRun *run,
              Watch     *watch)
{
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  static const char * const queues[] = { "gpu", NULL };
  g_autoptr(GError) error = NULL;
  gint64 n;

  filter->state_types = PW_STATE_TYPE_MASK (PW_STATE_TYPE_PENDING) |
                        PW_STATE_TYPE_MASK (PW_STATE_TYPE_RUNNING) |
                        PW_STATE_TYPE_MASK (PW_STATE_TYPE_CANCELLING);
  filter->work_queue_name_any = g_strdupv ((char **)queues);
  n = pw_store_count_flow_runs (watch->f->store, filter, &error);
  g_assert_no_error (error);
  watch->max_active = MAX (watch->max_active, (guint)n);
}

static void
test_concurrency_limit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Watch watch = { f, 0 };

  /* Two at a time in queue gpu, whoever asks and however often. */
  add_queue (f->store, "gpu", 1, 2, FALSE);
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (ids, add_run (f, "sleepy", "gpu", -10.0 + i, NULL));
  g_signal_connect (f->agent, "run-taken", G_CALLBACK (count_active), &watch);

  g_assert_cmpuint (poll (f->agent), ==, 2);
  g_assert_cmpuint (poll (f->agent), ==, 0);
  g_assert_cmpuint (poll (f->agent), ==, 0);

  /* Started, it polls again as each run ends: room for the next. */
  pw_agent_start (f->agent);
  wait_finished (f, 5);
  g_assert_cmpuint (watch.max_active, ==, 2);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *names = history (f->store, g_ptr_array_index (ids, i));

      g_assert_cmpstr (names, ==, "Scheduled,Pending,Running,Completed");
      /* In the order they were due */
      g_assert_cmpstr (g_ptr_array_index (f->taken, i), ==, g_ptr_array_index (ids, i));
    }
}

static void
test_queue_filter (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const dev[] = { "dev", NULL };
  g_autofree char *dev_run = NULL;
  g_autofree char *prod_run = NULL;
  g_autoptr(PwWorkQueue) prod = NULL;
  g_autoptr(GError) error = NULL;

  add_queue (f->store, "dev", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  add_queue (f->store, "prod", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  dev_run = add_run (f, "quick", "dev", -1, NULL);
  prod_run = add_run (f, "quick", "prod", -1, NULL);

  pw_agent_set_work_queues (f->agent, dev);
  g_assert_cmpuint (poll (f->agent), ==, 1);
  wait_finished (f, 1);
  g_assert_cmpstr (g_ptr_array_index (f->taken, 0), ==, dev_run);
  g_assert_cmpint (state_of (f, prod_run), ==, PW_STATE_TYPE_SCHEDULED);
  /* Only the queues it polls are marked polled. */
  prod = pw_store_get_work_queue (f->store, "prod", &error);
  g_assert_null (pw_work_queue_get_last_polled (prod));

  /* No queue named: every queue. */
  pw_agent_set_work_queues (f->agent, NULL);
  g_assert_cmpuint (poll (f->agent), ==, 1);
  wait_finished (f, 2);
  g_assert_cmpint (state_of (f, prod_run), ==, PW_STATE_TYPE_COMPLETED);
}

/* Two agents, one database */

static void
test_race_two_handles (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PwStore) other_store = NULL;
  g_autoptr(PwEngine) other_engine = NULL;
  g_autoptr(PwAgent) other = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  guint taken_a = 0, taken_b = 0;

  add_queue (f->store, "default", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  for (guint i = 0; i < 12; i++)
    g_ptr_array_add (ids, add_run (f, "quick", "default", -1, NULL));

  other_store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  other_engine = pw_engine_new (other_store, f->clock);
  other = new_agent (f, other_engine);
  pw_agent_set_name (other, "agent-b");
  pw_agent_set_limit (f->agent, 2);
  pw_agent_set_limit (other, 3);

  /* They poll in turns, each taking what the other left. */
  while (f->finished->len < ids->len)
    {
      taken_a += poll (f->agent);
      taken_b += poll (other);
      g_main_context_iteration (NULL, TRUE);
    }
  wait_finished (f, ids->len);

  g_assert_cmpuint (taken_a + taken_b, ==, ids->len);
  g_assert_cmpuint (taken_a, >, 0);
  g_assert_cmpuint (taken_b, >, 0);
  g_assert_cmpuint (f->taken->len, ==, ids->len);
  for (guint i = 0; i < f->taken->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (f->taken, i)));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *names = history (f->store, g_ptr_array_index (ids, i));

      g_assert_cmpstr (names, ==, "Scheduled,Pending,Running,Completed");
    }

  /* A run the other owns cannot be taken. */
  {
    g_autofree char *id = add_run (f, "sleepy", "default", -1, "{\"secs\": \"0.3\"}");

    g_assert_cmpuint (poll (other), ==, 1);
    g_assert_false (pw_store_take_flow_run (f->store, id, "agent-a", NULL, &error));
    g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
    g_clear_error (&error);
    wait_finished (f, ids->len + 1);
  }

  g_assert_finalize_object (g_steal_pointer (&other));
  g_assert_finalize_object (g_steal_pointer (&other_engine));
}

/* Run as `test-agent --agent-child DB NAME`: waits for a line on stdin,
 * then runs an agent (real clock, 20 ms polls) until no run waits and
 * none of its own runs; prints how many it took. */
static int
agent_child (const char *path,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(PwEngine) engine = NULL;
  g_autoptr(PwAgent) agent = NULL;
  guint taken = 0;
  char line[16];

  if (store == NULL || fgets (line, sizeof line, stdin) == NULL)
    return 1;

  engine = pw_engine_new (store, NULL);
  agent = pw_agent_new (engine);
  pw_agent_set_name (agent, name);
  pw_agent_set_limit (agent, 2);

  for (;;)
    {
      g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
      guint n = 0;
      gint64 waiting;

      if (!pw_agent_poll (agent, &n, &error))
        {
          /* Busy a while: the others write too. Try again. */
          g_printerr ("%s: %s\n", name, error->message);
          g_clear_error (&error);
        }
      taken += n;

      pw_flow_run_filter_set_state_type (filter, PW_STATE_TYPE_SCHEDULED);
      waiting = pw_store_count_flow_runs (store, filter, NULL);
      if (waiting == 0 && pw_agent_get_n_running (agent) == 0)
        break;

      {
        g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

        g_timeout_add_once (20, (GSourceOnceFunc)g_main_loop_quit, loop);
        g_main_loop_run (loop);
      }
    }

  printf ("%u\n", taken);
  return 0;
}

static void
test_race_processes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint total = 0;

  add_queue (f->store, "default", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  for (guint i = 0; i < 24; i++)
    g_ptr_array_add (ids, add_run (f, "quick", "default", -1, NULL));

  /* Three processes, let go at once. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("child-%u", i);
      GSubprocess *child;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                &error, g_test_get_filename (G_TEST_BUILT, "test-agent", NULL),
                                "--agent-child", f->path, name, NULL);
      g_assert_no_error (error);
      g_ptr_array_add (children, child);
    }
  for (guint i = 0; i < children->len; i++)
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (g_ptr_array_index (children, i));

      g_output_stream_write_all (in, "go\n", 3, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < children->len; i++)
    {
      g_autofree char *out = NULL;

      g_subprocess_communicate_utf8 (g_ptr_array_index (children, i), NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (g_ptr_array_index (children, i)));
      total += atoi (out);
    }

  /* Each run ran exactly once, by one of them. */
  g_assert_cmpuint (total, ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *names = history (f->store, g_ptr_array_index (ids, i));

      g_assert_cmpstr (names, ==, "Scheduled,Pending,Running,Completed");
    }
}

/* Faults */

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_task_killed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *pidfile = g_build_filename (f->dir, "victim.pid", NULL);
  g_autofree char *params = g_strdup_printf ("{\"pidfile\": \"%s\"}", pidfile);
  g_autofree char *victim = NULL;
  g_autofree char *next = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  PwStateType type;

  add_queue (f->store, "default", 1, 1, FALSE);
  victim = add_run (f, "victim", "default", -2, params);
  next = add_run (f, "quick", "default", -1, NULL);

  pw_agent_set_poll_interval_ms (f->agent, 50);
  pw_agent_start (f->agent);
  while (!file_exists (pidfile))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  /* Killed from outside, as the OOM killer would. */
  g_file_get_contents (pidfile, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kill (atoi (text), SIGKILL), ==, 0);

  /* The agent survives, and takes the next run. */
  wait_finished (f, 2);
  type = state_of (f, victim);
  g_assert_true (type == PW_STATE_TYPE_FAILED || type == PW_STATE_TYPE_CRASHED);
  g_assert_cmpint (state_of (f, next), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_true (pw_agent_is_started (f->agent));
  g_assert_cmpstr (g_ptr_array_index (f->finished, 0), ==, victim);
  pw_agent_stop_async (f->agent, PW_AGENT_STOP_FINISH, NULL, NULL, NULL);
}

static void
test_bad_flow_version (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *next = NULL;

  /* A version the store holds but no flow file reader accepts (another
   * program wrote it, or a newer Pipewright). */
  info = pw_store_save_flow (f->store, "broken", NULL, NULL, 1,
                             "{\"format\": \"pipewright-flow/9\", \"name\": \"broken\"}", &error);
  g_assert_no_error (error);
  add_queue (f->store, "default", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  broken = add_run (f, "broken", "default", -2, NULL);
  next = add_run (f, "quick", "default", -1, NULL);

  g_assert_cmpuint (poll (f->agent), ==, 2);
  wait_finished (f, 2);

  run = get_run (f->store, broken);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  g_assert_nonnull (strstr (pw_state_get_message (pw_flow_run_get_state (run)),
                            "Could not read its flow version"));
  g_assert_cmpint (state_of (f, next), ==, PW_STATE_TYPE_COMPLETED);

  /* It is not taken again. */
  g_assert_cmpuint (poll (f->agent), ==, 0);
}

/* Run as `test-agent --lock-child DB MS`: holds the database's write lock
 * for MS milliseconds (saying "locked" once it has it). */
static int
lock_child (const char *path,
            const char *ms)
{
  sqlite3 *db = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
    return 1;
  printf ("locked\n");
  fflush (stdout);
  g_usleep (atoi (ms) * 1000);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}

static GSubprocess *
lock_database (Fixture *f,
               guint    ms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *arg = g_strdup_printf ("%u", ms);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            g_test_get_filename (G_TEST_BUILT, "test-agent", NULL),
                            "--lock-child", f->path, arg, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");
  return child;
}

static void
test_database_locked (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSubprocess) short_lock = NULL;
  g_autoptr(GSubprocess) long_lock = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  add_queue (f->store, "default", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  first = add_run (f, "quick", "default", -1, NULL);

  /* Locked for a second: the poll waits (the store waits up to 5 s). */
  short_lock = lock_database (f, 1000);
  g_assert_cmpuint (poll (f->agent), ==, 1);
  wait_finished (f, 1);
  g_subprocess_wait (short_lock, NULL, &error);
  g_assert_no_error (error);

  /* Locked for longer than the store waits: the poll fails, the agent
   * says so and goes on; the next poll takes the run. */
  pw_store_set_busy_timeout (f->store, 200);
  second = add_run (f, "quick", "default", -1, NULL);
  long_lock = lock_database (f, 1500);
  pw_agent_set_poll_interval_ms (f->agent, 100);
  pw_agent_start (f->agent);
  while (f->n_poll_failed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (f->poll_error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY);
  g_assert_cmpint (state_of (f, second), ==, PW_STATE_TYPE_SCHEDULED);

  g_subprocess_wait (long_lock, NULL, &error);
  g_assert_no_error (error);
  while (f->finished->len < 2)
    {
      pw_fake_clock_advance (PW_FAKE_CLOCK (f->clock), 100 * G_TIME_SPAN_MILLISECOND);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  wait_finished (f, 2);
  g_assert_cmpint (state_of (f, second), ==, PW_STATE_TYPE_COMPLETED);
  pw_agent_stop_async (f->agent, PW_AGENT_STOP_FINISH, NULL, NULL, NULL);
}

/* On time, and stopping */

static void
test_wakes_when_due (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GDateTime) start = pw_clock_get_now (f->clock);
  g_autoptr(GDateTime) due = g_date_time_add_seconds (start, 30);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  add_queue (f->store, "default", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  id = add_run (f, "quick", "default", 30, NULL);

  /* It polls every minute, but wakes when the run falls due. */
  pw_agent_set_poll_interval_ms (f->agent, 60000);
  pw_agent_start (f->agent);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  pw_fake_clock_advance (PW_FAKE_CLOCK (f->clock), 29 * G_TIME_SPAN_SECOND);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->taken->len, ==, 0);
  pw_fake_clock_advance (PW_FAKE_CLOCK (f->clock), 1 * G_TIME_SPAN_SECOND);
  while (f->taken->len == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_finished (f, 1);

  /* Taken at its time exactly. */
  states = pw_store_list_flow_run_states (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (pw_state_get_timestamp (g_ptr_array_index (states, 1)), due));
  pw_agent_stop_async (f->agent, PW_AGENT_STOP_FINISH, NULL, NULL, NULL);
  g_assert_false (pw_agent_is_started (f->agent));
}

static void
on_stopped (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *stopped = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_agent_stop_finish (PW_AGENT (object), result, &error));
  g_assert_no_error (error);
  *stopped = TRUE;
}

static void
test_stop_finish (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *waiting = NULL;
  gboolean stopped = FALSE;

  add_queue (f->store, "default", 1, 1, FALSE);
  id = add_run (f, "sleepy", "default", -2, "{\"secs\": \"0.5\"}");
  waiting = add_run (f, "quick", "default", -1, NULL);
  pw_agent_start (f->agent);
  while (f->taken->len == 0)
    g_main_context_iteration (NULL, TRUE);

  /* The run in progress finishes; nothing more is taken. */
  pw_agent_stop_async (f->agent, PW_AGENT_STOP_FINISH, NULL, on_stopped, &stopped);
  g_assert_false (stopped);
  while (!stopped)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (state_of (f, id), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpint (state_of (f, waiting), ==, PW_STATE_TYPE_SCHEDULED);
  g_assert_cmpuint (f->taken->len, ==, 1);
  g_assert_cmpuint (poll (f->agent), ==, 1);   /* stopped, it can still be asked */
  wait_finished (f, 2);
}

static void
test_stop_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gboolean stopped = FALSE;

  add_queue (f->store, "default", 1, PW_WORK_QUEUE_NO_LIMIT, FALSE);
  a = add_run (f, "sleepy", "default", -2, "{\"secs\": \"30\"}");
  b = add_run (f, "sleepy", "default", -1, "{\"secs\": \"30\"}");
  g_assert_cmpuint (poll (f->agent), ==, 2);

  /* First asked to let them finish, then to cancel them. */
  pw_agent_stop_async (f->agent, PW_AGENT_STOP_FINISH, NULL, NULL, NULL);
  pw_agent_stop_async (f->agent, PW_AGENT_STOP_CANCEL, NULL, on_stopped, &stopped);
  while (!stopped)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (state_of (f, a), ==, PW_STATE_TYPE_CANCELLED);
  g_assert_cmpint (state_of (f, b), ==, PW_STATE_TYPE_CANCELLED);
  g_assert_cmpuint (pw_agent_get_n_running (f->agent), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--agent-child"))
    return agent_child (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "--lock-child"))
    return lock_child (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/Agent/take/run", test_take_and_run);
  ADD ("/Agent/take/priority-order", test_priority_order);
  ADD ("/Agent/take/pause", test_pause);
  ADD ("/Agent/take/concurrency-limit", test_concurrency_limit);
  ADD ("/Agent/take/queue-filter", test_queue_filter);
  ADD ("/Agent/race/two-handles", test_race_two_handles);
  ADD ("/Agent/race/processes", test_race_processes);
  ADD ("/Agent/fault/task-killed", test_task_killed);
  ADD ("/Agent/fault/bad-flow-version", test_bad_flow_version);
  ADD ("/Agent/fault/database-locked", test_database_locked);
  ADD ("/Agent/time/wakes-when-due", test_wakes_when_due);
  ADD ("/Agent/stop/finish", test_stop_finish);
  ADD ("/Agent/stop/cancel", test_stop_cancel);
#undef ADD

  return g_test_run ();
}
