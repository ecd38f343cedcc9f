/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pw-rest-server-private.h"

/*
 * /flow_runs/… and /flow_run_states/… (API.md §6): create, read, filter,
 * count, set_state (with Prefect's orchestration), resume, graph,
 * history, delete; and the Prefect UI's /ui/flow_runs/history.
 */

#define HISTORY_PAGE 1000
#define MAX_HISTORY_INTERVALS 500

/* Orchestrated transitions of this server are made one at a time, so that
 * two clients cannot both move a run out of the same state. */
static GMutex transition_lock;

static gboolean
check_members (JsonObject         *object,
               const char * const *allowed,
               PwRestProblems     *problems)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint n_problems = pw_rest_problems_get_n (problems);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (allowed, name))
      {
        g_autofree char *loc = g_strdup_printf ("body.%s", name);
        pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
      }
  return pw_rest_problems_get_n (problems) == n_problems;
}

static const char *
string_member (JsonObject     *object,
               const char     *name,
               PwRestProblems *problems)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *loc = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  loc = g_strdup_printf ("body.%s", name);
  pw_rest_problems_add (problems, loc, "type_error.str", "str type expected");
  return NULL;
}

static char *
object_member (JsonObject     *object,
               const char     *name,
               PwRestProblems *problems)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *loc = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_to_string (node, FALSE);
  loc = g_strdup_printf ("body.%s", name);
  pw_rest_problems_add (problems, loc, "type_error.dict", "value is not a valid dict");
  return NULL;
}

static void
write_run_list (PwRestCall *call,
                GPtrArray  *runs)
{
  PwJsonWriter w;

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    pw_rest_write_flow_run (&w, g_ptr_array_index (runs, i), call->now);
  pw_json_writer_end_array (&w);
}

/* POST /flow_runs/ */
static void
create_cb (PwRestCall *call)
{
  static const char * const allowed[] = {
    "state", "name", "flow_id", "deployment_id", "flow_version", "parameters", "context",
    "parent_task_run_id", "infrastructure_document_id", "empirical_policy", "tags",
    "idempotency_key", NULL
  };
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwFlowRun) run = pw_flow_run_new ();
  g_autoptr(PwFlowRun) stored = NULL;
  g_autoptr(PwState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *context = NULL;
  g_autofree char *policy = NULL;
  g_auto(GStrv) tags = NULL;
  const char *flow_id;
  const char *version;
  gboolean created = TRUE;
  JsonObject *body;
  PwJsonWriter w;

  body = pw_rest_call_body_object (call, problems);
  if (body == NULL || !check_members (body, allowed, problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  flow_id = string_member (body, "flow_id", problems);
  if (flow_id == NULL && pw_rest_problems_is_empty (problems))
    pw_rest_problems_add (problems, "body.flow_id", "value_error.missing", "field required");
  /* A Pipewright version is a number; what Prefect's engine sends (a hash
   * of the code) names none, and the run gets the latest version. */
  version = string_member (body, "flow_version", problems);
  parameters = object_member (body, "parameters", problems);
  context = object_member (body, "context", problems);
  policy = object_member (body, "empirical_policy", problems);
  tags = pw_rest_member_strv (body, "tags", "body.tags", problems);
  if (json_object_has_member (body, "state") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (body, "state")))
    state = pw_rest_read_state (json_object_get_member (body, "state"), "body.state", problems);

  pw_flow_run_set_name (run, string_member (body, "name", problems));
  pw_flow_run_set_deployment_id (run, string_member (body, "deployment_id", problems));
  pw_flow_run_set_parent_task_run_id (run, string_member (body, "parent_task_run_id", problems));
  pw_flow_run_set_idempotency_key (run, string_member (body, "idempotency_key", problems));
  string_member (body, "infrastructure_document_id", problems);
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  pw_flow_run_set_flow_id (run, flow_id);
  pw_flow_run_set_flow_version (run, pw_rest_parse_flow_version (version));
  pw_flow_run_set_parameters (run, parameters != NULL ? parameters : "{}");
  pw_flow_run_set_tags (run, (const char * const *)tags);

  stored = pw_store_create_flow_run (call->store, run, state, &created, &error);
  if (stored == NULL)
    {
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        pw_rest_call_detail (call, SOUP_STATUS_CONFLICT, error->message);
      else
        pw_rest_call_error (call, error, "Flow run not found");
      return;
    }

  pw_rest_call_begin_json (call, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, &w);
  pw_rest_write_flow_run (&w, stored, call->now);
  if (created)
    pw_rest_call_queue_flow_run (call, pw_flow_run_get_id (stored));
}

/* GET /flow_runs/{id} */
static void
read_cb (PwRestCall *call)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  run = pw_store_get_flow_run (call->store, call->params[0], &error);
  if (run == NULL)
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_rest_write_flow_run (&w, run, call->now);
}

/* DELETE /flow_runs/{id} */
static void
delete_cb (PwRestCall *call)
{
  g_autoptr(GError) error = NULL;

  if (!pw_store_delete_flow_run (call->store, call->params[0], &error))
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }
  pw_rest_call_empty (call, SOUP_STATUS_NO_CONTENT);
  pw_rest_call_queue_flow_run (call, call->params[0]);
}

static gboolean
read_filter (PwRestCall         *call,
             const char * const *extra_keys,
             PwRestFilterBody   *filter)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();

  if (!pw_rest_read_filter_body (call->body, PW_REST_FILTER_FLOW_RUNS, extra_keys, filter, problems))
    {
      pw_rest_call_problems (call, problems);
      return FALSE;
    }
  return TRUE;
}

/* POST /flow_runs/filter */
static void
filter_cb (PwRestCall *call)
{
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  if (!read_filter (call, NULL, &filter))
    return;
  if (filter.nothing || filter.limit == 0)
    {
      write_run_list (call, NULL);
      return;
    }

  runs = pw_store_list_flow_runs (call->store, filter.flow_runs,
                                  filter.has_sort ? filter.sort : PW_FLOW_RUN_SORT_ID_DESC,
                                  filter.limit, filter.offset, &error);
  if (runs == NULL)
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }
  write_run_list (call, runs);
}

/* POST /flow_runs/count */
static void
count_cb (PwRestCall *call)
{
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 count = 0;
  PwJsonWriter w;

  if (!read_filter (call, NULL, &filter))
    return;
  if (!filter.nothing)
    count = pw_store_count_flow_runs (call->store, filter.flow_runs, &error);
  if (count < 0)
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_int (&w, count);
}

/* Proposes @proposed for the run and answers with the OrchestrationResult. */
static void
orchestrate (PwRestCall *call,
             PwState    *proposed,
             gboolean    force)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(PwOrchestration) result = { 0, };
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&transition_lock);
  const char *id = call->params[0];
  PwJsonWriter w;

  run = pw_store_get_flow_run (call->store, id, &error);
  if (run == NULL)
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }

  pw_orchestrate_flow_run (run, proposed, force, call->now, &result);
  if (result.status == PW_ORCHESTRATION_ACCEPT || result.status == PW_ORCHESTRATION_REJECT)
    {
      if (!pw_store_set_flow_run_state (call->store, id, result.state, &error))
        {
          pw_rest_call_error (call, error, "Flow run not found");
          return;
        }
      pw_rest_call_queue_flow_run (call, id);
    }

  pw_rest_call_begin_json (call,
                           result.status == PW_ORCHESTRATION_ACCEPT ||
                           result.status == PW_ORCHESTRATION_REJECT
                             ? SOUP_STATUS_CREATED : SOUP_STATUS_OK,
                           &w);
  pw_rest_write_orchestration (&w, &result, pw_flow_run_get_state (run), id, NULL);
}

/* POST /flow_runs/{id}/set_state */
static void
set_state_cb (PwRestCall *call)
{
  static const char * const allowed[] = { "state", "force", NULL };
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwState) state = NULL;
  JsonObject *body;
  JsonNode *force;

  body = pw_rest_call_body_object (call, problems);
  if (body != NULL && check_members (body, allowed, problems))
    {
      if (!json_object_has_member (body, "state"))
        pw_rest_problems_add (problems, "body.state", "value_error.missing", "field required");
      else
        state = pw_rest_read_state (json_object_get_member (body, "state"), "body.state", problems);
    }
  force = body != NULL ? json_object_get_member (body, "force") : NULL;
  if (force != NULL && !JSON_NODE_HOLDS_NULL (force) &&
      (!JSON_NODE_HOLDS_VALUE (force) || json_node_get_value_type (force) != G_TYPE_BOOLEAN))
    pw_rest_problems_add (problems, "body.force", "type_error.bool",
                          "value could not be parsed to a boolean");
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  orchestrate (call, state, force != NULL && JSON_NODE_HOLDS_VALUE (force) &&
                            json_node_get_boolean (force));
}

/* POST /flow_runs/{id}/resume */
static void
resume_cb (PwRestCall *call)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) proposed = NULL;
  g_autoptr(GError) error = NULL;
  PwState *current;

  run = pw_store_get_flow_run (call->store, call->params[0], &error);
  if (run == NULL)
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }

  current = pw_flow_run_get_state (run);
  if (pw_flow_run_get_state_type (run) != PW_STATE_TYPE_PAUSED)
    {
      g_auto(PwOrchestration) result = { PW_ORCHESTRATION_ABORT, NULL,
                                         g_strdup ("Cannot resume a flow run that is not paused."), 0 };
      PwJsonWriter w;

      pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
      pw_rest_write_orchestration (&w, &result, current, call->params[0], NULL);
      return;
    }

  /* A run paused with reschedule goes back to its queue. */
  if (current != NULL && pw_state_get_details (current) != NULL &&
      strstr (pw_state_get_details (current), "\"pause_reschedule\":true") != NULL)
    proposed = pw_state_new (PW_STATE_TYPE_SCHEDULED, "Resuming", NULL);
  else
    proposed = pw_state_new (PW_STATE_TYPE_RUNNING, NULL, NULL);
  orchestrate (call, proposed, FALSE);
}

/* GET /flow_runs/{id}/graph */
static void
graph_cb (PwRestCall *call)
{
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRunFilter) filter = pw_task_run_filter_new ();
  g_autoptr(GPtrArray) task_runs = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  run = pw_store_get_flow_run (call->store, call->params[0], &error);
  if (run == NULL)
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }

  pw_task_run_filter_set_flow_run_id (filter, call->params[0]);
  task_runs = pw_store_list_task_runs (call->store, filter, PW_TASK_RUN_SORT_EXPECTED_START_TIME_ASC,
                                       G_MAXUINT, 0, &error);
  if (task_runs == NULL)
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; i < task_runs->len; i++)
    pw_rest_write_graph_node (&w, g_ptr_array_index (task_runs, i), call->now);
  pw_json_writer_end_array (&w);
}

/* /flow_runs/history: one bucket's counts for a (type, name). */
typedef struct
{
  PwStateType  type;
  char        *name;
  guint        count;
  double       run_time;
  double       lateness;
} HistoryCell;

static void
history_cell_clear (HistoryCell *cell)
{
  g_free (cell->name);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const HistoryCell *x = a;
  const HistoryCell *y = b;

  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static double
run_estimate (PwFlowRun *run,
              GDateTime *now,
              gboolean   lateness)
{
  GDateTime *expected = pw_flow_run_get_expected_start_time (run);
  GDateTime *start = pw_flow_run_get_start_time (run);
  PwState *state = pw_flow_run_get_state (run);

  if (lateness)
    {
      if (expected == NULL)
        return 0;
      if (start != NULL)
        return MAX (0, g_date_time_difference (start, expected) / (double)G_USEC_PER_SEC);
      if (!pw_state_type_is_terminal (pw_flow_run_get_state_type (run)) &&
          g_date_time_compare (expected, now) < 0)
        return g_date_time_difference (now, expected) / (double)G_USEC_PER_SEC;
      return 0;
    }

  if (pw_flow_run_get_state_type (run) == PW_STATE_TYPE_RUNNING && state != NULL &&
      pw_state_get_timestamp (state) != NULL)
    return pw_flow_run_get_total_run_time (run) +
           MAX (0, g_date_time_difference (now, pw_state_get_timestamp (state)) / (double)G_USEC_PER_SEC);
  return pw_flow_run_get_total_run_time (run);
}

/* POST /flow_runs/history */
static void
history_cb (PwRestCall *call)
{
  static const char * const history_keys[] = {
    "history_start", "history_end", "history_interval_seconds", NULL
  };
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GPtrArray) buckets = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;
  JsonNode *interval_node;
  double interval = 0;
  guint n_buckets = 0;
  guint offset = 0;
  PwJsonWriter w;

  body = pw_rest_call_body_object (call, problems);
  if (body != NULL)
    {
      start = pw_rest_member_time (body, "history_start", "body.history_start", problems);
      end = pw_rest_member_time (body, "history_end", "body.history_end", problems);
      interval_node = json_object_get_member (body, "history_interval_seconds");
      for (guint i = 0; i < 2; i++)
        if (!json_object_has_member (body, history_keys[i]))
          {
            g_autofree char *loc = g_strdup_printf ("body.%s", history_keys[i]);
            pw_rest_problems_add (problems, loc, "value_error.missing", "field required");
          }
      if (interval_node == NULL || !JSON_NODE_HOLDS_VALUE (interval_node) ||
          (json_node_get_value_type (interval_node) != G_TYPE_INT64 &&
           json_node_get_value_type (interval_node) != G_TYPE_DOUBLE))
        pw_rest_problems_add (problems, "body.history_interval_seconds",
                              interval_node == NULL ? "value_error.missing" : "type_error.float",
                              interval_node == NULL ? "field required" : "value is not a valid float");
      else if ((interval = json_node_get_double (interval_node)) < 1)
        pw_rest_problems_add (problems, "body.history_interval_seconds", "value_error",
                              "History interval must not be less than 1 second.");
    }
  if (start != NULL && end != NULL && interval >= 1)
    {
      double span = g_date_time_difference (end, start) / (double)G_USEC_PER_SEC;

      n_buckets = span > 0 ? (guint)MIN (ceil (span / interval), MAX_HISTORY_INTERVALS + 1.0) : 0;
      if (n_buckets > MAX_HISTORY_INTERVALS)
        pw_rest_problems_add (problems, "body.history_interval_seconds", "value_error",
                              "History intervals are limited to %d.", MAX_HISTORY_INTERVALS);
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  if (!read_filter (call, history_keys, &filter))
    return;

  buckets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  for (guint i = 0; i < n_buckets; i++)
    {
      GArray *cells = g_array_new (FALSE, TRUE, sizeof (HistoryCell));

      g_array_set_clear_func (cells, (GDestroyNotify)history_cell_clear);
      g_ptr_array_add (buckets, cells);
    }

  /* Runs expected to start in the window, gathered a page at a time. */
  {
    PwFlowRunFilter *f = filter.flow_runs;

    if (f->expected_start_time_after == NULL || g_date_time_compare (f->expected_start_time_after, start) < 0)
      {
        g_clear_pointer (&f->expected_start_time_after, g_date_time_unref);
        f->expected_start_time_after = g_date_time_ref (start);
      }
    if (f->expected_start_time_before == NULL || g_date_time_compare (f->expected_start_time_before, end) > 0)
      {
        g_clear_pointer (&f->expected_start_time_before, g_date_time_unref);
        f->expected_start_time_before = g_date_time_ref (end);
      }
  }

  while (!filter.nothing && n_buckets > 0)
    {
      g_autoptr(GPtrArray) page = pw_store_list_flow_runs (call->store, filter.flow_runs,
                                                           PW_FLOW_RUN_SORT_EXPECTED_START_TIME_ASC,
                                                           HISTORY_PAGE, offset, &error);
      if (page == NULL)
        {
          pw_rest_call_error (call, error, "Flow run not found");
          return;
        }

      for (guint i = 0; i < page->len; i++)
        {
          PwFlowRun *run = g_ptr_array_index (page, i);
          GDateTime *expected = pw_flow_run_get_expected_start_time (run);
          double at = g_date_time_difference (expected, start) / (double)G_USEC_PER_SEC;
          guint b = MIN ((guint)floor (MAX (0, at) / interval), n_buckets - 1);
          GArray *cells = g_ptr_array_index (buckets, b);
          HistoryCell *cell = NULL;

          for (guint c = 0; c < cells->len && cell == NULL; c++)
            {
              HistoryCell *candidate = &g_array_index (cells, HistoryCell, c);

              if (candidate->type == pw_flow_run_get_state_type (run) &&
                  g_strcmp0 (candidate->name, pw_flow_run_get_state_name (run)) == 0)
                cell = candidate;
            }
          if (cell == NULL)
            {
              HistoryCell fresh = { pw_flow_run_get_state_type (run),
                                    g_strdup (pw_flow_run_get_state_name (run)), 0, 0, 0 };

              g_array_append_val (cells, fresh);
              cell = &g_array_index (cells, HistoryCell, cells->len - 1);
            }
          cell->count++;
          cell->run_time += run_estimate (run, call->now, FALSE);
          cell->lateness += run_estimate (run, call->now, TRUE);
        }

      offset += page->len;
      if (page->len < HISTORY_PAGE)
        break;
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint b = 0; b < n_buckets; b++)
    {
      GArray *cells = g_ptr_array_index (buckets, b);
      g_autoptr(GDateTime) from = g_date_time_add (start, (GTimeSpan)(b * interval * G_USEC_PER_SEC));
      g_autoptr(GDateTime) to = g_date_time_add (start, (GTimeSpan)((b + 1) * interval * G_USEC_PER_SEC));

      g_array_sort (cells, compare_cells);
      pw_json_writer_begin_object (&w);
      pw_json_writer_member (&w, "interval_start");
      pw_json_writer_time (&w, from);
      pw_json_writer_member (&w, "interval_end");
      pw_json_writer_time (&w, g_date_time_compare (to, end) > 0 ? end : to);
      pw_json_writer_member (&w, "states");
      pw_json_writer_begin_array (&w);
      for (guint c = 0; c < cells->len; c++)
        {
          HistoryCell *cell = &g_array_index (cells, HistoryCell, c);

          pw_json_writer_begin_object (&w);
          pw_json_writer_member (&w, "state_type");
          pw_json_writer_string (&w, pw_state_type_to_string (cell->type));
          pw_json_writer_member (&w, "state_name");
          pw_json_writer_string (&w, cell->name);
          pw_json_writer_member (&w, "count_runs");
          pw_json_writer_int (&w, cell->count);
          pw_json_writer_member (&w, "sum_estimated_run_time");
          pw_json_writer_double (&w, cell->run_time);
          pw_json_writer_member (&w, "sum_estimated_lateness");
          pw_json_writer_double (&w, cell->lateness);
          pw_json_writer_end_object (&w);
        }
      pw_json_writer_end_array (&w);
      pw_json_writer_end_object (&w);
    }
  pw_json_writer_end_array (&w);
}

/* POST /ui/flow_runs/history: the scatter plot's light rows. */
static void
ui_history_cb (PwRestCall *call)
{
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  if (!read_filter (call, NULL, &filter))
    return;
  if (!filter.nothing && filter.limit > 0)
    {
      runs = pw_store_list_flow_runs (call->store, filter.flow_runs,
                                      filter.has_sort ? filter.sort : PW_FLOW_RUN_SORT_ID_DESC,
                                      filter.limit, filter.offset, &error);
      if (runs == NULL)
        {
          pw_rest_call_error (call, error, "Flow run not found");
          return;
        }
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      PwFlowRun *run = g_ptr_array_index (runs, i);
      GDateTime *timestamp = pw_flow_run_get_start_time (run);

      if (timestamp == NULL)
        timestamp = pw_flow_run_get_expected_start_time (run);
      pw_json_writer_begin_object (&w);
      pw_json_writer_member (&w, "id");
      pw_json_writer_string (&w, pw_flow_run_get_id (run));
      pw_json_writer_member (&w, "state_type");
      pw_json_writer_string (&w, pw_state_type_to_string (pw_flow_run_get_state_type (run)));
      pw_json_writer_member (&w, "timestamp");
      pw_json_writer_time (&w, timestamp);
      pw_json_writer_member (&w, "duration");
      pw_json_writer_double (&w, run_estimate (run, call->now, FALSE));
      pw_json_writer_member (&w, "lateness");
      pw_json_writer_double (&w, run_estimate (run, call->now, TRUE));
      pw_json_writer_end_object (&w);
    }
  pw_json_writer_end_array (&w);
}

/* GET /flow_run_states/?flow_run_id= */
static void
states_cb (PwRestCall *call)
{
  const char *flow_run_id = pw_rest_call_get_query (call, "flow_run_id");
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  if (flow_run_id == NULL)
    {
      pw_rest_call_invalid (call, "query.flow_run_id", "value_error.missing", "field required");
      return;
    }

  states = pw_store_list_flow_run_states (call->store, flow_run_id, &error);
  if (states == NULL && !g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
    {
      pw_rest_call_error (call, error, "Flow run not found");
      return;
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; states != NULL && i < states->len; i++)
    pw_rest_write_state (&w, g_ptr_array_index (states, i), flow_run_id, NULL);
  pw_json_writer_end_array (&w);
}

/* GET /flow_run_states/{id} */
static void
state_cb (PwRestCall *call)
{
  g_autoptr(PwState) state = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  state = pw_store_get_state (call->store, call->params[0], &error);
  if (state == NULL || pw_state_get_flow_run_id (state) == NULL ||
      pw_state_get_task_run_id (state) != NULL)
    {
      if (error != NULL && !g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        pw_rest_call_error (call, error, "Flow run state not found");
      else
        pw_rest_call_not_found (call, "Flow run state not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_rest_write_state (&w, state, NULL, NULL);
}

static const PwRestRoute routes[] = {
  { "POST", "flow_runs", create_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "POST", "flow_runs/filter", filter_cb, PW_REST_ROUTE_THREAD },
  { "POST", "flow_runs/count", count_cb, PW_REST_ROUTE_THREAD },
  { "POST", "flow_runs/history", history_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "GET", "flow_runs/*", read_cb, PW_REST_ROUTE_THREAD },
  { "DELETE", "flow_runs/*", delete_cb, PW_REST_ROUTE_THREAD },
  { "POST", "flow_runs/*/set_state", set_state_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "POST", "flow_runs/*/resume", resume_cb, PW_REST_ROUTE_THREAD },
  { "GET", "flow_runs/*/graph", graph_cb, PW_REST_ROUTE_THREAD },
  { "POST", "ui/flow_runs/history", ui_history_cb, PW_REST_ROUTE_THREAD },
  { "GET", "flow_run_states", states_cb, PW_REST_ROUTE_THREAD },
  { "GET", "flow_run_states/*", state_cb, PW_REST_ROUTE_THREAD },
};

void
_pw_rest_server_add_flow_run_routes (PwRestServer *self)
{
  pw_rest_server_add_routes (self, routes, G_N_ELEMENTS (routes));
}
