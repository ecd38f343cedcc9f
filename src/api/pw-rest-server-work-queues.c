/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-rest-server-private.h"

/*
 * /work_queues/… (API.md §10): a queue by id or name, filter, create,
 * update, delete; `get_runs` hands an agent the queue's due runs (and
 * counts as its poll unless `X-Prefect-UI: true`); `status` is its health.
 */

static const char * const queue_members[] = {
  "name", "description", "is_paused", "concurrency_limit", "priority", "filter", "last_polled", NULL
};

static void
write_queue_answer (PwRestCall  *call,
                    guint        status,
                    PwWorkQueue *queue)
{
  PwJsonWriter w;

  pw_rest_call_begin_json (call, status, &w);
  pw_rest_write_work_queue (&w, queue);
}

static PwWorkQueue *
queue_by_id (PwStore     *store,
             const char  *id,
             GError     **error)
{
  g_autoptr(GPtrArray) queues = pw_store_list_work_queues (store, error);

  if (queues == NULL)
    return NULL;
  for (guint i = 0; i < queues->len; i++)
    if (g_strcmp0 (pw_work_queue_get_id (g_ptr_array_index (queues, i)), id) == 0)
      return g_object_ref (g_ptr_array_index (queues, i));
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, "Work queue not found");
  return NULL;
}

/* Reads the settings a WorkQueueCreate/Update holds into @queue. */
static gboolean
read_settings (PwRestCall     *call,
               PwWorkQueue    *queue,
               PwRestProblems *problems)
{
  JsonObject *body = pw_rest_call_body_object (call, problems);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (body == NULL)
    return FALSE;
  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *loc = g_strdup_printf ("body.%s", name);

      if (!g_strv_contains (queue_members, name))
        pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
      else if (g_str_equal (name, "name"))
        {
          g_autoptr(GError) error = NULL;

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            pw_rest_problems_add (problems, loc, "type_error.str", "str type expected");
          else if (!pw_work_queue_check_name (json_node_get_string (value), &error))
            pw_rest_problems_add (problems, loc, "value_error", "%s", error->message);
          else
            pw_work_queue_set_name (queue, json_node_get_string (value));
        }
      else if (g_str_equal (name, "description"))
        pw_work_queue_set_description (queue, pw_rest_member_string (body, name));
      else if (g_str_equal (name, "is_paused"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
            pw_rest_problems_add (problems, loc, "type_error.bool", "value could not be parsed to a boolean");
          else
            pw_work_queue_set_paused (queue, json_node_get_boolean (value));
        }
      else if (g_str_equal (name, "concurrency_limit"))
        {
          if (JSON_NODE_HOLDS_NULL (value))
            pw_work_queue_set_concurrency_limit (queue, PW_WORK_QUEUE_NO_LIMIT);
          else if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
                   json_node_get_int (value) < 0 || json_node_get_int (value) > G_MAXINT)
            pw_rest_problems_add (problems, loc, "value_error.number.not_ge",
                                  "ensure this value is greater than or equal to 0");
          else
            pw_work_queue_set_concurrency_limit (queue, json_node_get_int (value));
        }
      else if (g_str_equal (name, "priority"))
        {
          if (JSON_NODE_HOLDS_NULL (value))
            continue;
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
              json_node_get_int (value) < 1 || json_node_get_int (value) > G_MAXINT)
            pw_rest_problems_add (problems, loc, "value_error.number.not_ge",
                                  "ensure this value is greater than or equal to 1");
          else
            pw_work_queue_set_priority (queue, json_node_get_int (value));
        }
      else if (g_str_equal (name, "filter"))
        {
          if (JSON_NODE_HOLDS_NULL (value))
            pw_work_queue_set_tag_filter (queue, NULL);
          else if (!JSON_NODE_HOLDS_OBJECT (value))
            pw_rest_problems_add (problems, loc, "type_error.dict", "value is not a valid dict");
          else
            {
              g_autofree char *tags_loc = g_strdup_printf ("%s.tags", loc);
              g_auto(GStrv) tags = pw_rest_member_strv (json_node_get_object (value), "tags",
                                                        tags_loc, problems);
              pw_work_queue_set_tag_filter (queue, (const char * const *)tags);
            }
        }
      else if (g_str_equal (name, "last_polled"))
        {
          g_autoptr(GDateTime) polled = pw_rest_member_time (body, name, loc, problems);

          if (polled != NULL)
            pw_work_queue_set_last_polled (queue, polled);
        }
    }
  return pw_rest_problems_is_empty (problems);
}

/* POST /work_queues/ */
static void
create_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwWorkQueue) queue = pw_work_queue_new (NULL);
  g_autoptr(PwWorkQueue) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (!read_settings (call, queue, problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  if (pw_work_queue_get_name (queue) == NULL)
    {
      pw_rest_call_invalid (call, "body.name", "value_error.missing", "field required");
      return;
    }

  stored = pw_store_create_work_queue (call->store, queue, &error);
  if (stored == NULL)
    {
      pw_rest_call_error (call, error, "Work queue not found");
      return;
    }
  pw_rest_call_queue_work_queues (call);
  write_queue_answer (call, SOUP_STATUS_CREATED, stored);
}

/* GET /work_queues/{id} */
static void
read_cb (PwRestCall *call)
{
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GError) error = NULL;

  queue = queue_by_id (call->store, call->params[0], &error);
  if (queue == NULL)
    pw_rest_call_error (call, error, "Work queue not found");
  else
    write_queue_answer (call, SOUP_STATUS_OK, queue);
}

/* GET /work_queues/name/{name} */
static void
read_by_name_cb (PwRestCall *call)
{
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GError) error = NULL;

  queue = pw_store_get_work_queue (call->store, call->params[0], &error);
  if (queue == NULL)
    pw_rest_call_error (call, error, "Work queue not found");
  else
    write_queue_answer (call, SOUP_STATUS_OK, queue);
}

/* POST /work_queues/filter */
static void
filter_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GError) error = NULL;
  guint skipped = 0;
  guint written = 0;
  PwJsonWriter w;

  if (!pw_rest_read_filter_body (call->body, PW_REST_FILTER_WORK_QUEUES, NULL, &filter, problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  queues = pw_store_list_work_queues (call->store, &error);
  if (queues == NULL)
    {
      pw_rest_call_error (call, error, "Work queue not found");
      return;
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; i < queues->len && written < filter.limit; i++)
    {
      PwWorkQueue *queue = g_ptr_array_index (queues, i);

      if (!pw_rest_work_queue_matches (filter.work_queues, queue))
        continue;
      if (skipped++ < filter.offset)
        continue;
      pw_rest_write_work_queue (&w, queue);
      written++;
    }
  pw_json_writer_end_array (&w);
}

/* PATCH /work_queues/{id} */
static void
update_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(PwWorkQueue) stored = NULL;
  g_autoptr(GError) error = NULL;

  queue = queue_by_id (call->store, call->params[0], &error);
  if (queue == NULL)
    {
      pw_rest_call_error (call, error, "Work queue not found");
      return;
    }
  if (!read_settings (call, queue, problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  stored = pw_store_update_work_queue (call->store, queue, &error);
  if (stored == NULL)
    {
      pw_rest_call_error (call, error, "Work queue not found");
      return;
    }
  pw_rest_call_queue_work_queues (call);
  pw_rest_call_empty (call, SOUP_STATUS_NO_CONTENT);
}

/* DELETE /work_queues/{id} */
static void
delete_cb (PwRestCall *call)
{
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GError) error = NULL;

  queue = queue_by_id (call->store, call->params[0], &error);
  if (queue == NULL ||
      !pw_store_delete_work_queue (call->store, pw_work_queue_get_name (queue), &error))
    {
      pw_rest_call_error (call, error, "Work queue not found");
      return;
    }
  pw_rest_call_queue_work_queues (call);
  pw_rest_call_empty (call, SOUP_STATUS_NO_CONTENT);
}

/* POST /work_queues/{id}/get_runs */
static void
get_runs_cb (PwRestCall *call)
{
  static const char * const allowed[] = { "limit", "scheduled_before", "agent_id", NULL };
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GError) error = NULL;
  const char *ui = soup_message_headers_get_one (soup_server_message_get_request_headers (call->msg),
                                                 "X-Prefect-UI");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonObject *body;
  guint limit = PW_REST_MAX_LIMIT;
  guint offset = 0;
  PwJsonWriter w;

  body = pw_rest_call_body_object (call, problems);
  if (body != NULL)
    {
      json_object_iter_init (&iter, body);
      while (json_object_iter_next (&iter, &name, &value))
        if (!g_strv_contains (allowed, name))
          {
            g_autofree char *loc = g_strdup_printf ("body.%s", name);
            pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
          }
      pw_rest_read_page (body, &limit, &offset, problems);
      before = pw_rest_member_time (body, "scheduled_before", "body.scheduled_before", problems);
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  queue = queue_by_id (call->store, call->params[0], &error);
  if (queue == NULL)
    {
      pw_rest_call_error (call, error, "Work queue not found");
      return;
    }

  /* An agent's poll: the queue was polled now (the UI says it is not). */
  if (g_strcmp0 (ui, "true") != 0)
    {
      const char *names[] = { pw_work_queue_get_name (queue), NULL };

      if (!pw_store_touch_work_queues (call->store, names, call->now, &error))
        {
          pw_rest_call_error (call, error, "Work queue not found");
          return;
        }
    }

  /* A paused queue hands out nothing; a full one only what fits. */
  if (!pw_work_queue_get_paused (queue) && limit > 0)
    {
      int concurrency = pw_work_queue_get_concurrency_limit (queue);

      if (concurrency >= 0)
        {
          g_autoptr(PwWorkQueueStatus) status =
            pw_store_get_work_queue_status (call->store, pw_work_queue_get_name (queue), call->now, &error);

          if (status == NULL)
            {
              pw_rest_call_error (call, error, "Work queue not found");
              return;
            }
          limit = (guint)MIN ((gint64)limit, MAX (0, (gint64)concurrency - status->active_runs));
        }
      if (before == NULL)
        before = g_date_time_ref (call->now);
      if (limit > 0)
        {
          runs = pw_store_list_upcoming_runs (call->store, pw_work_queue_get_name (queue), before,
                                              limit, &error);
          if (runs == NULL)
            {
              pw_rest_call_error (call, error, "Work queue not found");
              return;
            }
        }
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    pw_rest_write_flow_run (&w, g_ptr_array_index (runs, i), call->now);
  pw_json_writer_end_array (&w);
}

/* GET /work_queues/{id}/status */
static void
status_cb (PwRestCall *call)
{
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autoptr(PwWorkQueueStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  queue = queue_by_id (call->store, call->params[0], &error);
  if (queue != NULL)
    status = pw_store_get_work_queue_status (call->store, pw_work_queue_get_name (queue),
                                             call->now, &error);
  if (status == NULL)
    {
      pw_rest_call_error (call, error, "Work queue not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_rest_write_work_queue_status (&w, status);
}

static const PwRestRoute routes[] = {
  { "POST", "work_queues", create_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "POST", "work_queues/filter", filter_cb, PW_REST_ROUTE_THREAD },
  { "GET", "work_queues/*", read_cb, PW_REST_ROUTE_THREAD },
  { "PATCH", "work_queues/*", update_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "DELETE", "work_queues/*", delete_cb, PW_REST_ROUTE_THREAD },
  { "GET", "work_queues/name/*", read_by_name_cb, PW_REST_ROUTE_THREAD },
  { "POST", "work_queues/*/get_runs", get_runs_cb, PW_REST_ROUTE_THREAD },
  { "GET", "work_queues/*/status", status_cb, PW_REST_ROUTE_THREAD },
};

void
_pw_rest_server_add_work_queue_routes (PwRestServer *self)
{
  pw_rest_server_add_routes (self, routes, G_N_ELEMENTS (routes));
}
