/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-rest-json.h"

/*
 * Records as Prefect 2.7.12 writes them: the same members in the same
 * order (compare fixtures/flow_run.json, task_run.json, logs.json,
 * flow_run_graph.json), with what Pipewright does not have written as
 * Prefect writes its defaults.
 */

/* The members of `state_details` after flow_run_id and task_run_id, in
 * Prefect's order, with what to write when the state's details lack them. */
static const struct {
  const char *name;
  const char *fallback;
} detail_members[] = {
  { "child_flow_run_id", "null" },
  { "scheduled_time", NULL },    /* from the state itself */
  { "cache_key", "null" },
  { "cache_expiration", "null" },
  { "untrackable_result", "false" },
  { "pause_timeout", "null" },
  { "pause_reschedule", "false" },
  { "pause_key", "null" },
  { "refresh_cache", "null" },
};

static void
write_state_body (PwJsonWriter *w,
                  PwState      *state,
                  const char   *flow_run_id,
                  const char   *task_run_id,
                  const char   *result,
                  gboolean      result_truncated)
{
  g_autoptr(JsonNode) details = NULL;
  JsonObject *details_object = NULL;
  const char *details_text = pw_state_get_details (state);

  if (details_text != NULL && *details_text != '\0')
    {
      details = json_from_string (details_text, NULL);
      if (details != NULL && JSON_NODE_HOLDS_OBJECT (details))
        details_object = json_node_get_object (details);
    }

  /* A state says itself which run it belongs to (Prefect leaves that
   * null in the states its scheduler makes); the run's ids only stand in
   * for a state that was never stored. */
  if (pw_state_get_id (state) != NULL || pw_state_get_flow_run_id (state) != NULL ||
      pw_state_get_task_run_id (state) != NULL)
    {
      flow_run_id = pw_state_get_flow_run_id (state);
      task_run_id = pw_state_get_task_run_id (state);
    }

  pw_json_writer_member (w, "id");
  pw_json_writer_string (w, pw_state_get_id (state));
  pw_json_writer_member (w, "type");
  pw_json_writer_string (w, pw_state_type_to_string (pw_state_get_state_type (state)));
  pw_json_writer_member (w, "name");
  pw_json_writer_string (w, pw_state_get_name (state));
  pw_json_writer_member (w, "timestamp");
  pw_json_writer_time (w, pw_state_get_timestamp (state));
  pw_json_writer_member (w, "message");
  pw_json_writer_string (w, pw_state_get_message (state));

  /* A task's result, as Prefect's LiteralResult. */
  pw_json_writer_member (w, "data");
  if (result != NULL)
    {
      pw_json_writer_begin_object (w);
      pw_json_writer_member (w, "type");
      pw_json_writer_string (w, "literal");
      pw_json_writer_member (w, "value");
      pw_json_writer_string (w, result);
      if (result_truncated)
        {
          pw_json_writer_member (w, "truncated");
          pw_json_writer_bool (w, TRUE);
        }
      pw_json_writer_end_object (w);
    }
  else
    pw_json_writer_null (w);

  pw_json_writer_member (w, "state_details");
  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "flow_run_id");
  pw_json_writer_string (w, flow_run_id);
  pw_json_writer_member (w, "task_run_id");
  pw_json_writer_string (w, task_run_id);
  for (guint i = 0; i < G_N_ELEMENTS (detail_members); i++)
    {
      const char *name = detail_members[i].name;

      pw_json_writer_member (w, name);
      if (detail_members[i].fallback == NULL)
        pw_json_writer_time (w, pw_state_get_scheduled_time (state));
      else if (details_object != NULL && json_object_has_member (details_object, name))
        pw_json_writer_node (w, json_object_get_member (details_object, name));
      else
        pw_json_writer_raw (w, detail_members[i].fallback, "null");
    }
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_write_state:
 * @state: the state
 * @flow_run_id: (nullable): its flow run, unless the state names it
 * @task_run_id: (nullable): its task run, unless the state names it
 *
 * Writes a Prefect State object (API.md §3).
 */
void
pw_rest_write_state (PwJsonWriter *w,
                     PwState      *state,
                     const char   *flow_run_id,
                     const char   *task_run_id)
{
  pw_json_writer_begin_object (w);
  write_state_body (w, state, flow_run_id, task_run_id, NULL, FALSE);
  pw_json_writer_end_object (w);
}

static double
seconds_between (GDateTime *later,
                 GDateTime *earlier)
{
  return g_date_time_difference (later, earlier) / (double)G_USEC_PER_SEC;
}

/* Prefect's estimated_run_time: the time spent running, live while RUNNING. */
static double
estimated_run_time (PwStateType  type,
                    PwState     *state,
                    double       total_run_time,
                    GDateTime   *now)
{
  if (type == PW_STATE_TYPE_RUNNING && state != NULL && pw_state_get_timestamp (state) != NULL)
    {
      double running = seconds_between (now, pw_state_get_timestamp (state));

      if (running > 0)
        return total_run_time + running;
    }
  return total_run_time;
}

/* Prefect's estimated_start_time_delta: how late the run started, or is. */
static double
estimated_start_time_delta (PwStateType  type,
                            GDateTime   *expected,
                            GDateTime   *start,
                            GDateTime   *now)
{
  if (expected == NULL)
    return 0;
  if (start != NULL)
    return MAX (0, seconds_between (start, expected));
  if (!pw_state_type_is_terminal (type) && g_date_time_compare (expected, now) < 0)
    return seconds_between (now, expected);
  return 0;
}

/**
 * pw_rest_flow_version_string:
 *
 * Returns: (transfer full) (nullable): a Pipewright flow version as
 *   Prefect's `flow_version` string (`"3"`), %NULL for 0
 */
char *
pw_rest_flow_version_string (guint version)
{
  return version > 0 ? g_strdup_printf ("%u", version) : NULL;
}

/**
 * pw_rest_write_flow_run:
 * @now: the time estimates are made at
 *
 * Writes a Prefect FlowRun (API.md §6, fixtures/flow_run.json).
 */
void
pw_rest_write_flow_run (PwJsonWriter *w,
                        PwFlowRun    *run,
                        GDateTime    *now)
{
  PwState *state = pw_flow_run_get_state (run);
  PwStateType type = pw_flow_run_get_state_type (run);
  g_autofree char *version = pw_rest_flow_version_string (pw_flow_run_get_flow_version (run));
  double total = pw_flow_run_get_total_run_time (run);

  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "id");
  pw_json_writer_string (w, pw_flow_run_get_id (run));
  pw_json_writer_member (w, "created");
  pw_json_writer_time (w, pw_flow_run_get_created (run));
  pw_json_writer_member (w, "updated");
  pw_json_writer_time (w, pw_flow_run_get_updated (run));
  pw_json_writer_member (w, "name");
  pw_json_writer_string (w, pw_flow_run_get_name (run));
  pw_json_writer_member (w, "flow_id");
  pw_json_writer_string (w, pw_flow_run_get_flow_id (run));
  pw_json_writer_member (w, "state_id");
  pw_json_writer_string (w, state != NULL ? pw_state_get_id (state) : NULL);
  pw_json_writer_member (w, "deployment_id");
  pw_json_writer_string (w, pw_flow_run_get_deployment_id (run));
  pw_json_writer_member (w, "work_queue_name");
  pw_json_writer_string (w, pw_flow_run_get_work_queue_name (run));
  pw_json_writer_member (w, "flow_version");
  pw_json_writer_string (w, version);
  pw_json_writer_member (w, "parameters");
  pw_json_writer_raw (w, pw_flow_run_get_parameters (run), "{}");
  pw_json_writer_member (w, "idempotency_key");
  pw_json_writer_string (w, pw_flow_run_get_idempotency_key (run));
  pw_json_writer_member (w, "context");
  pw_json_writer_raw (w, "{}", "{}");
  /* Pipewright retries tasks, never whole flow runs. */
  pw_json_writer_member (w, "empirical_policy");
  pw_json_writer_raw (w, "{\"max_retries\":0,\"retry_delay_seconds\":0,\"retries\":0,"
                         "\"retry_delay\":0,\"pause_keys\":[],\"resuming\":false}", "{}");
  pw_json_writer_member (w, "tags");
  pw_json_writer_strv (w, pw_flow_run_get_tags (run));
  pw_json_writer_member (w, "parent_task_run_id");
  pw_json_writer_string (w, pw_flow_run_get_parent_task_run_id (run));
  pw_json_writer_member (w, "state_type");
  pw_json_writer_string (w, pw_state_type_to_string (type));
  pw_json_writer_member (w, "state_name");
  pw_json_writer_string (w, pw_flow_run_get_state_name (run));
  pw_json_writer_member (w, "run_count");
  pw_json_writer_int (w, pw_flow_run_get_run_count (run));
  pw_json_writer_member (w, "expected_start_time");
  pw_json_writer_time (w, pw_flow_run_get_expected_start_time (run));
  pw_json_writer_member (w, "next_scheduled_start_time");
  pw_json_writer_time (w, pw_flow_run_get_next_scheduled_start_time (run));
  pw_json_writer_member (w, "start_time");
  pw_json_writer_time (w, pw_flow_run_get_start_time (run));
  pw_json_writer_member (w, "end_time");
  pw_json_writer_time (w, pw_flow_run_get_end_time (run));
  pw_json_writer_member (w, "total_run_time");
  pw_json_writer_double (w, total);
  pw_json_writer_member (w, "estimated_run_time");
  pw_json_writer_double (w, estimated_run_time (type, state, total, now));
  pw_json_writer_member (w, "estimated_start_time_delta");
  pw_json_writer_double (w, estimated_start_time_delta (type,
                                                        pw_flow_run_get_expected_start_time (run),
                                                        pw_flow_run_get_start_time (run),
                                                        now));
  pw_json_writer_member (w, "auto_scheduled");
  pw_json_writer_bool (w, pw_flow_run_get_auto_scheduled (run));
  pw_json_writer_member (w, "infrastructure_document_id");
  pw_json_writer_null (w);
  pw_json_writer_member (w, "infrastructure_pid");
  pw_json_writer_null (w);
  pw_json_writer_member (w, "created_by");
  pw_json_writer_null (w);
  pw_json_writer_member (w, "work_pool_name");
  pw_json_writer_null (w);
  pw_json_writer_member (w, "state");
  if (state != NULL)
    pw_rest_write_state (w, state, pw_flow_run_get_id (run), NULL);
  else
    pw_json_writer_null (w);
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_write_task_run:
 *
 * Writes a Prefect TaskRun (API.md §7, fixtures/task_run.json). The task's
 * result, which Prefect keeps out of the API, rides in the state's `data`
 * as a LiteralResult (`{"type": "literal", "value": …}`).
 */
void
pw_rest_write_task_run (PwJsonWriter *w,
                        PwTaskRun    *task_run,
                        GDateTime    *now)
{
  PwState *state = pw_task_run_get_state (task_run);
  PwStateType type = pw_task_run_get_state_type (task_run);
  double total = pw_task_run_get_total_run_time (task_run);

  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "id");
  pw_json_writer_string (w, pw_task_run_get_id (task_run));
  pw_json_writer_member (w, "created");
  pw_json_writer_time (w, pw_task_run_get_created (task_run));
  pw_json_writer_member (w, "updated");
  pw_json_writer_time (w, pw_task_run_get_updated (task_run));
  pw_json_writer_member (w, "name");
  pw_json_writer_string (w, pw_task_run_get_name (task_run));
  pw_json_writer_member (w, "flow_run_id");
  pw_json_writer_string (w, pw_task_run_get_flow_run_id (task_run));
  pw_json_writer_member (w, "task_key");
  pw_json_writer_string (w, pw_task_run_get_task_key (task_run));
  pw_json_writer_member (w, "dynamic_key");
  pw_json_writer_string (w, pw_task_run_get_dynamic_key (task_run));
  pw_json_writer_member (w, "cache_key");
  pw_json_writer_string (w, pw_task_run_get_cache_key (task_run));
  pw_json_writer_member (w, "cache_expiration");
  pw_json_writer_time (w, pw_task_run_get_cache_expiration (task_run));
  pw_json_writer_member (w, "task_version");
  pw_json_writer_null (w);
  pw_json_writer_member (w, "empirical_policy");
  pw_json_writer_raw (w, "{\"max_retries\":0,\"retry_delay_seconds\":0,\"retries\":null,"
                         "\"retry_delay\":null,\"retry_jitter_factor\":null}", "{}");
  pw_json_writer_member (w, "tags");
  pw_json_writer_strv (w, pw_task_run_get_tags (task_run));
  pw_json_writer_member (w, "state_id");
  pw_json_writer_string (w, state != NULL ? pw_state_get_id (state) : NULL);
  pw_json_writer_member (w, "task_inputs");
  pw_json_writer_raw (w, pw_task_run_get_task_inputs (task_run), "{}");
  pw_json_writer_member (w, "state_type");
  pw_json_writer_string (w, pw_state_type_to_string (type));
  pw_json_writer_member (w, "state_name");
  pw_json_writer_string (w, pw_task_run_get_state_name (task_run));
  pw_json_writer_member (w, "run_count");
  pw_json_writer_int (w, pw_task_run_get_run_count (task_run));
  /* A Pipewright flow run runs once: its task runs ran in run 1. */
  pw_json_writer_member (w, "flow_run_run_count");
  pw_json_writer_int (w, pw_task_run_get_run_count (task_run) > 0 ? 1 : 0);
  pw_json_writer_member (w, "expected_start_time");
  pw_json_writer_time (w, pw_task_run_get_expected_start_time (task_run));
  pw_json_writer_member (w, "next_scheduled_start_time");
  pw_json_writer_time (w, pw_task_run_get_next_scheduled_start_time (task_run));
  pw_json_writer_member (w, "start_time");
  pw_json_writer_time (w, pw_task_run_get_start_time (task_run));
  pw_json_writer_member (w, "end_time");
  pw_json_writer_time (w, pw_task_run_get_end_time (task_run));
  pw_json_writer_member (w, "total_run_time");
  pw_json_writer_double (w, total);
  pw_json_writer_member (w, "estimated_run_time");
  pw_json_writer_double (w, estimated_run_time (type, state, total, now));
  pw_json_writer_member (w, "estimated_start_time_delta");
  pw_json_writer_double (w, estimated_start_time_delta (type,
                                                        pw_task_run_get_expected_start_time (task_run),
                                                        pw_task_run_get_start_time (task_run),
                                                        now));
  pw_json_writer_member (w, "state");
  if (state != NULL)
    {
      pw_json_writer_begin_object (w);
      write_state_body (w, state, pw_task_run_get_flow_run_id (task_run),
                        pw_task_run_get_id (task_run),
                        pw_task_run_get_result (task_run),
                        pw_task_run_get_result_truncated (task_run));
      pw_json_writer_end_object (w);
    }
  else
    pw_json_writer_null (w);
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_log_id:
 *
 * Returns: (transfer full): the UUID a stored log line is known by in the
 *   API: its row number in a fixed UUID pattern, so that it reads back
 *   (see pw_rest_read_log())
 */
char *
pw_rest_log_id (PwLogEntry *entry)
{
  guint64 id = (guint64)pw_log_entry_get_id (entry);

  return g_strdup_printf ("706c6f67-%04x-4000-8000-%012" G_GINT64_MODIFIER "x",
                          (guint)((id >> 48) & 0xffff), id & G_GUINT64_CONSTANT (0xffffffffffff));
}

/**
 * pw_rest_write_log:
 *
 * Writes a Prefect Log (API.md §8, fixtures/logs.json).
 */
void
pw_rest_write_log (PwJsonWriter *w,
                   PwLogEntry   *entry)
{
  g_autofree char *id = pw_rest_log_id (entry);
  GDateTime *timestamp = pw_log_entry_get_timestamp (entry);

  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "id");
  pw_json_writer_string (w, id);
  pw_json_writer_member (w, "created");
  pw_json_writer_time (w, timestamp);
  pw_json_writer_member (w, "updated");
  pw_json_writer_time (w, timestamp);
  pw_json_writer_member (w, "name");
  pw_json_writer_string (w, pw_log_entry_get_name (entry));
  pw_json_writer_member (w, "level");
  pw_json_writer_int (w, pw_log_entry_get_level (entry));
  pw_json_writer_member (w, "message");
  pw_json_writer_string (w, pw_log_entry_get_message (entry));
  pw_json_writer_member (w, "timestamp");
  pw_json_writer_time (w, timestamp);
  pw_json_writer_member (w, "flow_run_id");
  pw_json_writer_string (w, pw_log_entry_get_flow_run_id (entry));
  pw_json_writer_member (w, "task_run_id");
  pw_json_writer_string (w, pw_log_entry_get_task_run_id (entry));
  pw_json_writer_end_object (w);
}

static void
write_flow_members (PwJsonWriter *w,
                    PwFlowInfo   *info)
{
  pw_json_writer_member (w, "id");
  pw_json_writer_string (w, pw_flow_info_get_id (info));
  pw_json_writer_member (w, "created");
  pw_json_writer_time (w, pw_flow_info_get_created (info));
  pw_json_writer_member (w, "updated");
  pw_json_writer_time (w, pw_flow_info_get_updated (info));
  pw_json_writer_member (w, "name");
  pw_json_writer_string (w, pw_flow_info_get_name (info));
  pw_json_writer_member (w, "tags");
  pw_json_writer_strv (w, pw_flow_info_get_tags (info));
}

/**
 * pw_rest_write_flow:
 *
 * Writes a Prefect Flow: `{id, created, updated, name, tags}`.
 */
void
pw_rest_write_flow (PwJsonWriter *w,
                    PwFlowInfo   *info)
{
  pw_json_writer_begin_object (w);
  write_flow_members (w, info);
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_write_flow_info:
 *
 * Writes a Flow with what Pipewright's flow library adds (under
 * `/api/pipewright/flows`): description, version and number of tasks.
 */
void
pw_rest_write_flow_info (PwJsonWriter *w,
                         PwFlowInfo   *info)
{
  pw_json_writer_begin_object (w);
  write_flow_members (w, info);
  pw_json_writer_member (w, "description");
  pw_json_writer_string (w, pw_flow_info_get_description (info));
  pw_json_writer_member (w, "version");
  pw_json_writer_int (w, pw_flow_info_get_version (info));
  pw_json_writer_member (w, "n_tasks");
  pw_json_writer_int (w, pw_flow_info_get_n_tasks (info));
  pw_json_writer_end_object (w);
}

/* The union of the task-run ids in every list of a task_inputs object,
 * each once, in the order met. */
static void
write_upstream (PwJsonWriter *w,
                const char   *task_inputs)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *list;

  pw_json_writer_begin_array (w);
  if (task_inputs != NULL)
    node = json_from_string (task_inputs, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pw_json_writer_end_array (w);
      return;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &list))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (list))
        continue;
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *input = json_array_get_element (array, i);
          const char *type;
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (input))
            continue;
          type = pw_rest_member_string (json_node_get_object (input), "input_type");
          id = pw_rest_member_string (json_node_get_object (input), "id");
          if (g_strcmp0 (type, "task_run") != 0 || id == NULL ||
              !g_hash_table_add (seen, (gpointer)id))
            continue;
          pw_json_writer_begin_object (w);
          pw_json_writer_member (w, "input_type");
          pw_json_writer_string (w, "task_run");
          pw_json_writer_member (w, "id");
          pw_json_writer_string (w, id);
          pw_json_writer_end_object (w);
        }
    }
  pw_json_writer_end_array (w);
}

/**
 * pw_rest_write_graph_node:
 *
 * Writes one DependencyResult of `/flow_runs/{id}/graph` (API.md §7).
 */
void
pw_rest_write_graph_node (PwJsonWriter *w,
                          PwTaskRun    *task_run,
                          GDateTime    *now)
{
  PwState *state = pw_task_run_get_state (task_run);
  PwStateType type = pw_task_run_get_state_type (task_run);
  double total = pw_task_run_get_total_run_time (task_run);

  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "id");
  pw_json_writer_string (w, pw_task_run_get_id (task_run));
  pw_json_writer_member (w, "name");
  pw_json_writer_string (w, pw_task_run_get_name (task_run));
  pw_json_writer_member (w, "upstream_dependencies");
  write_upstream (w, pw_task_run_get_task_inputs (task_run));
  pw_json_writer_member (w, "state");
  if (state != NULL)
    pw_rest_write_state (w, state, pw_task_run_get_flow_run_id (task_run),
                         pw_task_run_get_id (task_run));
  else
    pw_json_writer_null (w);
  pw_json_writer_member (w, "expected_start_time");
  pw_json_writer_time (w, pw_task_run_get_expected_start_time (task_run));
  pw_json_writer_member (w, "start_time");
  pw_json_writer_time (w, pw_task_run_get_start_time (task_run));
  pw_json_writer_member (w, "end_time");
  pw_json_writer_time (w, pw_task_run_get_end_time (task_run));
  pw_json_writer_member (w, "total_run_time");
  pw_json_writer_double (w, total);
  pw_json_writer_member (w, "estimated_run_time");
  pw_json_writer_double (w, estimated_run_time (type, state, total, now));
  pw_json_writer_member (w, "untrackable_result");
  pw_json_writer_bool (w, FALSE);
  pw_json_writer_end_object (w);
}
