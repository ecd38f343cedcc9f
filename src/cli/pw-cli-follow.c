/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "pw-cli-private.h"
#include "pw-state.h"

/*
 * Following a flow run that this process runs: a line per state change
 * (or, on a terminal, one status line that redraws), Ctrl-C cancels the run
 * cleanly, and the exit status says how it ended.
 */

typedef struct
{
  PwBackend  *backend;
  char       *run_id;
  char       *run_name;
  gboolean    tty;
  gboolean    quiet;
  guint       pending;        /* reads in flight */
  gboolean    finished;
  int         signal_number;  /* SIGINT/SIGTERM that asked to cancel */
  PwFlowRun  *final;
  GHashTable *task_states;    /* task run id → state name last printed */
  guint       counts[PW_N_STATE_TYPES];
  GHashTable *task_types;     /* task run id → GINT_TO_POINTER (type + 1) */
  gint64      started;
} Follow;

static char *
now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%H:%M:%S");
}

static void
clear_status_line (Follow *f)
{
  if (f->tty)
    fputs ("\r\033[K", stdout);
}

static void
draw_status_line (Follow *f)
{
  static const char spinner[] = "|/-\\";
  static guint frame;
  double elapsed = (g_get_monotonic_time () - f->started) / (double)G_USEC_PER_SEC;

  if (!f->tty || f->quiet || f->finished)
    return;

  clear_status_line (f);
  printf (_("%c %s: %u running · %u completed · %u failed · %u waiting · %.1f s"),
          spinner[frame++ % 4], f->run_name,
          f->counts[PW_STATE_TYPE_RUNNING],
          f->counts[PW_STATE_TYPE_COMPLETED],
          f->counts[PW_STATE_TYPE_FAILED] + f->counts[PW_STATE_TYPE_CRASHED],
          f->counts[PW_STATE_TYPE_PENDING] + f->counts[PW_STATE_TYPE_SCHEDULED],
          elapsed);
  fflush (stdout);
}

/* Prints a line, keeping the status line below it on a terminal. */
static void G_GNUC_PRINTF (2, 3)
print_line (Follow     *f,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  g_autofree char *time = now_string ();
  va_list args;

  if (f->quiet)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  clear_status_line (f);
  printf ("%s %s\n", time, message);
  draw_status_line (f);
  fflush (stdout);
}

static gboolean
is_failure (PwStateType type)
{
  return type == PW_STATE_TYPE_FAILED || type == PW_STATE_TYPE_CRASHED;
}

static void
task_run_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Follow *f = user_data;
  g_autoptr(PwTaskRun) task_run = NULL;
  const char *name;
  const char *previous;
  const char *message = NULL;
  PwStateType type;
  gpointer old_type;

  f->pending--;
  task_run = pw_backend_get_task_run_finish (f->backend, result, NULL);
  if (task_run == NULL)
    return;

  name = pw_task_run_get_state_name (task_run);
  type = pw_task_run_get_state_type (task_run);
  previous = g_hash_table_lookup (f->task_states, pw_task_run_get_id (task_run));
  if (g_strcmp0 (previous, name) == 0)
    return;

  if (g_hash_table_lookup_extended (f->task_types, pw_task_run_get_id (task_run), NULL, &old_type))
    f->counts[GPOINTER_TO_INT (old_type) - 1]--;
  f->counts[type]++;
  g_hash_table_insert (f->task_types, g_strdup (pw_task_run_get_id (task_run)),
                       GINT_TO_POINTER (type + 1));
  g_hash_table_insert (f->task_states, g_strdup (pw_task_run_get_id (task_run)), g_strdup (name));

  if (pw_task_run_get_state (task_run) != NULL)
    message = pw_state_get_message (pw_task_run_get_state (task_run));

  /* On a terminal only what matters gets a line of its own; the status
   * line shows the rest. */
  if (f->tty && !is_failure (type) && g_strcmp0 (name, "Retrying") != 0 &&
      g_strcmp0 (name, "AwaitingRetry") != 0 && g_strcmp0 (name, "NotRun") != 0 &&
      type != PW_STATE_TYPE_CANCELLED)
    {
      draw_status_line (f);
      return;
    }

  if (message != NULL && *message != '\0')
    print_line (f, _("task %s: %s — %s"), pw_task_run_get_name (task_run), name, message);
  else
    print_line (f, _("task %s: %s"), pw_task_run_get_name (task_run), name);
}

static void
flow_run_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Follow *f = user_data;
  g_autoptr(PwFlowRun) run = NULL;
  PwState *state;

  f->pending--;
  run = pw_backend_get_flow_run_finish (f->backend, result, NULL);
  if (run == NULL || f->finished)
    return;

  state = pw_flow_run_get_state (run);
  if (state != NULL && pw_state_is_terminal (state))
    {
      const char *message = pw_state_get_message (state);

      /* finished first, so that the status line is not drawn again */
      f->finished = TRUE;
      if (message != NULL && *message != '\0')
        print_line (f, _("flow run %s: %s — %s"), f->run_name, pw_state_get_name (state), message);
      else
        print_line (f, _("flow run %s: %s"), f->run_name, pw_state_get_name (state));
      g_set_object (&f->final, run);
    }
  else if (state != NULL && !f->tty)
    {
      print_line (f, _("flow run %s: %s"), f->run_name, pw_state_get_name (state));
    }
}

static void
on_flow_run_changed (PwBackend  *backend,
                     const char *flow_run_id,
                     Follow     *f)
{
  if (g_strcmp0 (flow_run_id, f->run_id) != 0)
    return;

  f->pending++;
  pw_backend_get_flow_run_async (backend, flow_run_id, NULL, flow_run_read_cb, f);
}

static void
on_task_run_changed (PwBackend  *backend,
                     const char *flow_run_id,
                     const char *task_run_id,
                     Follow     *f)
{
  if (g_strcmp0 (flow_run_id, f->run_id) != 0)
    return;

  f->pending++;
  pw_backend_get_task_run_async (backend, task_run_id, NULL, task_run_read_cb, f);
}

static void
cancel_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pw_backend_cancel_flow_run_finish (PW_BACKEND (object), result, &error))
    g_printerr ("%s\n", error->message);
}

static gboolean
on_signal (Follow *f,
           int     signal_number)
{
  if (f->signal_number != 0)
    {
      /* A second Ctrl-C: leave now. The run is marked Crashed when the
       * database is next opened, since this process is gone. */
      clear_status_line (f);
      g_printerr (_("Stopped without waiting for the run to be cancelled.\n"));
      _exit (128 + signal_number);
    }

  f->signal_number = signal_number;
  print_line (f, _("Cancelling %s… (press Ctrl+C again to quit at once)"), f->run_name);
  pw_backend_cancel_flow_run_async (f->backend, f->run_id, NULL, cancel_done_cb, f);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sigint (gpointer data)
{
  return on_signal (data, SIGINT);
}

static gboolean
on_sigterm (gpointer data)
{
  return on_signal (data, SIGTERM);
}

static gboolean
on_tick (gpointer data)
{
  draw_status_line (data);
  return G_SOURCE_CONTINUE;
}

static void
print_final_json (PwBackend *backend,
                  PwFlowRun *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GListModel) task_runs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *text = NULL;
  GAsyncResult *slot = NULL;
  PwState *state = pw_flow_run_get_state (run);

  pw_backend_list_task_runs_async (backend, pw_flow_run_get_id (run), NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  task_runs = pw_backend_list_task_runs_finish (backend, result, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, pw_flow_run_get_id (run));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, pw_flow_run_get_name (run));
  json_builder_set_member_name (builder, "flow_name");
  json_builder_add_string_value (builder, pw_flow_run_get_flow_name (run));
  json_builder_set_member_name (builder, "state_type");
  json_builder_add_string_value (builder, pw_state_type_to_string (pw_flow_run_get_state_type (run)));
  json_builder_set_member_name (builder, "state_name");
  json_builder_add_string_value (builder, pw_flow_run_get_state_name (run));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, state != NULL ? pw_state_get_message (state) : NULL);
  json_builder_set_member_name (builder, "total_run_time");
  json_builder_add_double_value (builder, pw_flow_run_get_total_run_time (run));
  json_builder_set_member_name (builder, "task_runs");
  json_builder_begin_array (builder);
  for (guint i = 0; task_runs != NULL && i < g_list_model_get_n_items (task_runs); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (task_runs, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "task_key");
      json_builder_add_string_value (builder, pw_task_run_get_task_key (task_run));
      json_builder_set_member_name (builder, "dynamic_key");
      json_builder_add_string_value (builder, pw_task_run_get_dynamic_key (task_run));
      json_builder_set_member_name (builder, "state_type");
      json_builder_add_string_value (builder, pw_state_type_to_string (pw_task_run_get_state_type (task_run)));
      json_builder_set_member_name (builder, "state_name");
      json_builder_add_string_value (builder, pw_task_run_get_state_name (task_run));
      json_builder_set_member_name (builder, "run_count");
      json_builder_add_int_value (builder, pw_task_run_get_run_count (task_run));
      json_builder_set_member_name (builder, "total_run_time");
      json_builder_add_double_value (builder, pw_task_run_get_total_run_time (task_run));
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, pw_task_run_get_result (task_run));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/**
 * pw_cli_follow_run:
 * @run: a run this process has just started through @backend
 * @json: print the finished run as JSON instead of progress
 *
 * Waits for @run to finish, printing its progress.
 *
 * Returns: the exit status: 0 Completed, 1 Failed/Crashed/TimedOut,
 *   3 cancelled from elsewhere, 128 + signal after Ctrl-C cancelled it
 */
int
pw_cli_follow_run (PwBackend *backend,
                   PwFlowRun *run,
                   gboolean   json)
{
  Follow f = { 0 };
  guint sigint_id, sigterm_id, tick_id = 0;
  PwStateType type;
  int status;

  f.backend = backend;
  f.run_id = g_strdup (pw_flow_run_get_id (run));
  f.run_name = g_strdup (pw_flow_run_get_name (run));
  f.tty = !json && isatty (STDOUT_FILENO);
  f.quiet = json;
  f.task_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f.task_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f.started = g_get_monotonic_time ();

  g_signal_connect (backend, "flow-run-changed", G_CALLBACK (on_flow_run_changed), &f);
  g_signal_connect (backend, "task-run-changed", G_CALLBACK (on_task_run_changed), &f);
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &f);
  sigterm_id = g_unix_signal_add (SIGTERM, on_sigterm, &f);
  if (f.tty)
    tick_id = g_timeout_add (200, on_tick, &f);

  print_line (&f, _("flow run %s (%s) of %s: started"),
              f.run_name, f.run_id, pw_flow_run_get_flow_name (run));

  /* The run may have finished before we listened: ask once. */
  on_flow_run_changed (backend, f.run_id, &f);

  while (!f.finished || f.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handlers_disconnect_by_data (backend, &f);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_clear_handle_id (&tick_id, g_source_remove);

  type = pw_flow_run_get_state_type (f.final);
  if (type == PW_STATE_TYPE_COMPLETED)
    status = PW_CLI_EXIT_OK;
  else if (type == PW_STATE_TYPE_CANCELLED && f.signal_number != 0)
    status = 128 + f.signal_number;
  else if (type == PW_STATE_TYPE_CANCELLED)
    status = PW_CLI_EXIT_CANCELLED;
  else
    status = PW_CLI_EXIT_FAILED;

  if (json)
    print_final_json (backend, f.final);

  g_clear_object (&f.final);
  g_hash_table_unref (f.task_states);
  g_hash_table_unref (f.task_types);
  g_free (f.run_id);
  g_free (f.run_name);
  fflush (stdout);
  return status;
}
