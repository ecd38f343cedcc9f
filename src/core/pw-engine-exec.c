/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "pw-engine-private.h"
#include "pw-store-task-processes.h"

/*
 * What one attempt of a task run runs: a process (`command`, `shell`), a
 * request (`http`) or a child flow run (`subflow`). Each ends in
 * pw_engine_unit_finish() with the state it earned.
 */

/* Processes */

static void
log_output (PwEngineUnit *unit,
            int           level,
            const char   *line,
            gsize         len)
{
  PwEngineRun *run = unit->node->run;
  PwEngine *engine = run->engine;

  if (unit->n_log_lines >= engine->max_log_lines ||
      unit->n_log_bytes + len > engine->max_log_bytes)
    {
      if (unit->n_dropped_lines == 0)
        pw_engine_logf (engine, run, unit, PW_LOG_WARNING,
                        _("Output truncated: the log of a task run keeps at most %u lines"
                          " and %" G_GSIZE_FORMAT " bytes; the rest is not stored"),
                        engine->max_log_lines, engine->max_log_bytes);
      unit->n_dropped_lines++;
      unit->n_dropped_bytes += len;
      return;
    }

  unit->n_log_lines++;
  unit->n_log_bytes += len;

  if (g_utf8_validate (line, len, NULL))
    pw_engine_log (engine, run, unit, level, line);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (line, len);

      pw_engine_log (engine, run, unit, level, valid);
    }
}

static void
on_line (gpointer             process,
         PwTaskProcessStream  stream,
         const char          *line,
         gsize                len,
         gpointer             user_data)
{
  log_output (user_data, stream == PW_TASK_PROCESS_STDOUT ? PW_LOG_INFO : PW_LOG_WARNING,
              line, len);
}

static void
log_dropped (PwEngineUnit *unit)
{
  PwEngineRun *run = unit->node->run;
  g_autofree char *size = NULL;

  if (unit->n_dropped_lines == 0)
    return;

  size = g_format_size (unit->n_dropped_bytes);
  pw_engine_logf (run->engine, run, unit, PW_LOG_WARNING,
                  _("Output truncated: %u more lines (%s) were not stored"),
                  unit->n_dropped_lines, size);
}

/* The process group is in the store while it runs, so that should this
 * process die, the reaper ends the group (pw-store-task-processes.c). The
 * record goes with the next commit (within FLUSH_INTERVAL_MS, with the
 * task run's Running state), at the cost of a few statements in a batch
 * rather than a transaction of its own. */
static void
record_process_group (PwEngineUnit  *unit,
                      PwTaskProcess *process)
{
  PwEngineRun *run = unit->node->run;
  GPid pid = pw_task_process_get_pid (process);
  gint64 start_time = 0;
  gboolean zombie = FALSE;
  PwEngineOp *op;

  if (pid <= 1 || !pw_store_read_process_start (pid, &start_time, &zombie))
    return;
  op = pw_engine_op_new (PW_OP_RECORD_PROCESS, run, unit);
  op->pgid = pid;
  op->start_time = start_time;
  pw_engine_submit (run->engine, op);
}

/* Once the whole group has ended, its record goes with the next commit: a
 * record left by a crash in between names a group that is gone, which the
 * reaper only forgets. */
static void
forget_process_group (PwEngineUnit  *unit,
                      PwTaskProcess *process)
{
  PwEngineRun *run = unit->node->run;
  GPid pid = pw_task_process_get_pid (process);
  PwEngineOp *op;

  if (pid <= 1)
    return;
  op = pw_engine_op_new (PW_OP_FORGET_PROCESS, run, unit);
  op->pgid = pid;
  pw_engine_submit (run->engine, op);
}

static void
on_process_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PwEngineUnit *unit = user_data;
  g_autoptr(PwTaskProcess) process = g_steal_pointer (&unit->process);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_steal_pointer (&unit->result_path);
  g_autofree char *from_file = NULL;
  gboolean found = FALSE;

  g_assert (PW_TASK_PROCESS (object) == process);

  pw_task_process_run_finish (process, result, &error);
  log_dropped (unit);
  forget_process_group (unit, process);

  if (path != NULL)
    {
      from_file = pw_engine_read_result_file (path, &found);
      unlink (path);
    }

  if (error == NULL)
    pw_engine_unit_finish (unit, PW_STATE_TYPE_COMPLETED, NULL, NULL,
                           found ? from_file : pw_task_process_get_last_stdout_line (process));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pw_engine_unit_finish (unit, PW_STATE_TYPE_CANCELLED, NULL,
                           _("Cancelled: the flow run was cancelled"), NULL);
  else if (g_error_matches (error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_TIMED_OUT))
    pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, "TimedOut", error->message, NULL);
  else
    pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, NULL, error->message, NULL);
}

static GStrv
build_env (PwEngineUnit *unit,
           const char   *result_path)
{
  PwEngineRun *run = unit->node->run;
  PwTask *task = unit->node->task;
  const char * const *pairs = pw_task_get_env (task);
  char index[16];
  GStrv env = g_strdupv (run->engine->base_env);

  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    env = g_environ_setenv (env, pairs[i], pairs[i + 1], TRUE);

  env = g_environ_setenv (env, "PIPEWRIGHT_RESULT", result_path, TRUE);
  env = g_environ_setenv (env, "PIPEWRIGHT_FLOW_RUN_ID", run->id, TRUE);
  env = g_environ_setenv (env, "PIPEWRIGHT_TASK_RUN_ID", unit->task_run_id, TRUE);
  env = g_environ_setenv (env, "PIPEWRIGHT_TASK_KEY", pw_task_get_key (task), TRUE);
  if (unit->item != NULL)
    {
      g_snprintf (index, sizeof index, "%u", unit->item_index);
      env = g_environ_setenv (env, "PIPEWRIGHT_MAP_INDEX", index, TRUE);
    }

  return env;
}

static void
launch_process (PwEngineUnit *unit)
{
  PwEngineRun *run = unit->node->run;
  PwEngine *engine = run->engine;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  const char *dir;
  int fd;

  dir = pw_engine_get_result_dir (engine, &error);
  if (dir == NULL)
    {
      pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, NULL, error->message, NULL);
      return;
    }

  /* The result file exists, empty, in a folder only we (and our tasks)
   * can enter, under a name nothing else uses. */
  unit->result_path = g_strdup_printf ("%s/%s.%u", dir, unit->task_run_id, unit->attempt);
  fd = open (unit->result_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *message = g_strdup_printf (_("Could not create the result file “%s”: %s"),
                                                  unit->result_path, g_strerror (saved));

      g_clear_pointer (&unit->result_path, g_free);
      pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, NULL, message, NULL);
      return;
    }
  close (fd);
  env = build_env (unit, unit->result_path);

  unit->process = pw_task_process_new ((const char * const *)unit->argv,
                                       (const char * const *)env,
                                       pw_task_get_workdir (unit->node->task));
  pw_task_process_set_line_func (unit->process, on_line, unit);
  pw_task_process_set_timeout_ms (unit->process, unit->timeout_s * 1000);
  pw_task_process_set_kill_grace_ms (unit->process, engine->kill_grace_ms);
  pw_task_process_run_async (unit->process, unit->cancellable, on_process_done, unit);
  record_process_group (unit, unit->process);
}

/* Requests */

static void
on_http_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PwEngineUnit *unit = user_data;
  PwEngineRun *run = unit->node->run;
  g_autoptr(PwHttpTask) http = g_steal_pointer (&unit->http);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  body = pw_http_task_run_finish (http, result, &error);

  if (body != NULL)
    {
      g_autofree char *size = g_format_size (pw_http_task_get_body_size (http));

      pw_engine_logf (run->engine, run, unit, PW_LOG_INFO, "%s %s → %u %s (%s%s)",
                      unit->http_method != NULL ? unit->http_method : "GET", unit->http_url,
                      pw_http_task_get_status (http),
                      pw_http_task_get_reason_phrase (http) != NULL
                        ? pw_http_task_get_reason_phrase (http) : "",
                      size,
                      pw_http_task_get_body_truncated (http) ? _(", cut") : "");
      pw_engine_unit_finish (unit, PW_STATE_TYPE_COMPLETED, NULL, NULL, body);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pw_engine_unit_finish (unit, PW_STATE_TYPE_CANCELLED, NULL,
                           _("Cancelled: the flow run was cancelled"), NULL);
  else if (g_error_matches (error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_TIMED_OUT))
    pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, "TimedOut", error->message, NULL);
  else
    pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, NULL, error->message, NULL);
}

static void
launch_http (PwEngineUnit *unit)
{
  PwEngine *engine = unit->node->run->engine;

  unit->http = pw_http_task_new (pw_engine_get_soup_session (engine),
                                 unit->http_method, unit->http_url,
                                 (const char * const *)unit->http_headers, unit->http_body);
  pw_http_task_set_timeout_ms (unit->http, unit->timeout_s * 1000);
  pw_http_task_set_max_body_size (unit->http, PW_STORE_MAX_RESULT_SIZE);
  pw_http_task_run_async (unit->http, unit->cancellable, on_http_done, unit);
}

/* Sub-flows */

static gboolean
on_subflow_timeout (gpointer user_data)
{
  PwEngineUnit *unit = user_data;

  unit->subflow_timer = 0;
  unit->subflow_timed_out = TRUE;
  g_cancellable_cancel (unit->cancellable);

  return G_SOURCE_REMOVE;
}

static void
launch_subflow (PwEngineUnit *unit)
{
  PwEngineRun *run = unit->node->run;
  PwEngine *engine = run->engine;
  PwTask *task = unit->node->task;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) request = NULL;
  g_autoptr(PwFlowRun) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *flow_id = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *details = NULL;
  guint version = 0;

  flow = pw_engine_lookup_flow (engine, pw_task_get_flow_name (task), &flow_id, &version, &error);
  if (flow == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not run sub-flow “%s”: %s"),
                                                  pw_task_get_flow_name (task), error->message);

      pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, NULL, message, NULL);
      return;
    }

  parameters = unit->subflow_parameters != NULL ? json_to_string (unit->subflow_parameters, FALSE)
                                                : g_strdup ("{}");
  request = pw_flow_run_new ();
  pw_flow_run_set_flow_id (request, flow_id);
  pw_flow_run_set_flow_version (request, version);
  pw_flow_run_set_parameters (request, parameters);
  pw_flow_run_set_tags (request, pw_flow_run_get_tags (run->flow_run));
  pw_flow_run_set_parent_task_run_id (request, unit->task_run_id);

  child = pw_store_create_flow_run (engine->store, request, NULL, NULL, &error);
  if (child == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not create a run of sub-flow “%s”: %s"),
                                                  pw_task_get_flow_name (task), error->message);

      pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, NULL, message, NULL);
      return;
    }

  unit->child_flow_run_id = g_strdup (pw_flow_run_get_id (child));
  details = g_strdup_printf ("{\"child_flow_run_id\":\"%s\"}", unit->child_flow_run_id);
  g_free (unit->state_details);
  unit->state_details = g_steal_pointer (&details);
  pw_engine_logf (engine, run, unit, PW_LOG_INFO, _("Started sub-flow run “%s” (%s) of “%s”"),
                  pw_flow_run_get_name (child), unit->child_flow_run_id,
                  pw_task_get_flow_name (task));

  if (unit->timeout_s > 0)
    unit->subflow_timer = pw_engine_timeout_add (unit->timeout_s * 1000, on_subflow_timeout, unit);

  if (!pw_engine_start_child (engine, flow, child, unit, &error))
    {
      g_clear_handle_id (&unit->subflow_timer, g_source_remove);
      pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, NULL, error->message, NULL);
    }
}

static char *
leaf_results (PwEngineRun *child)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  PwFlowGraph *graph = child->graph;

  /* The result of a sub-flow: the results of its last tasks, by key. */
  for (guint i = 0; i < graph->n; i++)
    {
      PwEngineNode *node = &child->nodes[i];
      JsonNode *value;

      if (graph->down_off[i] != graph->down_off[i + 1])
        continue;
      if (node->result == NULL)
        value = json_node_new (JSON_NODE_NULL);
      else
        {
          value = json_from_string (node->result, NULL);
          if (value == NULL)
            value = json_node_init_string (json_node_alloc (), node->result);
        }
      json_object_set_member (object, pw_task_get_key (node->task), value);
    }

  root = json_node_init_object (json_node_alloc (), object);
  return json_to_string (root, FALSE);
}

/**
 * pw_engine_exec_child_ended:
 * @unit: a sub-flow task run
 * @child: its child flow run, ended (its final state stored)
 *
 * Ends @unit as its child run ended.
 */
void
pw_engine_exec_child_ended (PwEngineUnit *unit,
                            PwEngineRun  *child)
{
  g_autofree char *message = NULL;
  PwStateType type = child->final_type;

  g_clear_handle_id (&unit->subflow_timer, g_source_remove);

  if (child->error != NULL)
    {
      message = g_strdup_printf (_("Sub-flow run %s could not be stored: %s"), child->id,
                                 child->error->message);
      pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, NULL, message, NULL);
      return;
    }

  switch (type)
    {
    case PW_STATE_TYPE_COMPLETED:
      {
        g_autofree char *result = leaf_results (child);

        pw_engine_unit_finish (unit, PW_STATE_TYPE_COMPLETED, NULL, NULL, result);
      }
      break;

    case PW_STATE_TYPE_CANCELLED:
      if (unit->subflow_timed_out)
        {
          message = g_strdup_printf (_("Timed out after %u s; sub-flow run %s was cancelled"),
                                     unit->timeout_s, child->id);
          pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, "TimedOut", message, NULL);
        }
      else
        {
          message = g_strdup_printf (_("Sub-flow run %s was cancelled"), child->id);
          pw_engine_unit_finish (unit, PW_STATE_TYPE_CANCELLED, NULL, message, NULL);
        }
      break;

    case PW_STATE_TYPE_FAILED:
    case PW_STATE_TYPE_CRASHED:
    default:
      message = g_strdup_printf (_("Sub-flow run %s ended %s: %s"), child->id,
                                 pw_state_type_get_default_name (type),
                                 child->final_message != NULL ? child->final_message : "");
      pw_engine_unit_finish (unit, PW_STATE_TYPE_FAILED, NULL, message, NULL);
      break;
    }
}

/**
 * pw_engine_exec_launch:
 * @unit: a task run whose Running state is stored
 *
 * Starts the attempt.
 */
void
pw_engine_exec_launch (PwEngineUnit *unit)
{
  unit->cancellable = g_cancellable_new ();
  unit->n_log_lines = 0;
  unit->n_log_bytes = 0;
  unit->n_dropped_lines = 0;
  unit->n_dropped_bytes = 0;

  switch (pw_task_get_kind (unit->node->task))
    {
    case PW_TASK_KIND_COMMAND:
    case PW_TASK_KIND_SHELL:
      launch_process (unit);
      break;
    case PW_TASK_KIND_HTTP:
      launch_http (unit);
      break;
    case PW_TASK_KIND_SUBFLOW:
      launch_subflow (unit);
      break;
    case PW_TASK_KIND_NOOP:
    default:
      pw_engine_unit_finish (unit, PW_STATE_TYPE_COMPLETED, NULL, NULL, NULL);
      break;
    }
}

/**
 * pw_engine_exec_stop:
 * @unit: a running task run
 *
 * Stops the attempt: the process group gets SIGTERM then SIGKILL, the
 * request is cancelled, the child run is cancelled. The attempt then ends
 * Cancelled.
 */
void
pw_engine_exec_stop (PwEngineUnit *unit)
{
  if (unit->cancellable != NULL)
    g_cancellable_cancel (unit->cancellable);
}
