/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-rest-server-private.h"

/*
 * What a handler does with its PwRestCall: answer (JSON, Prefect's error
 * bodies, the status a store or backend error means), read the query and
 * the body, and queue the live events its change causes, which the server
 * sends once the answer is made (pw-rest-server.c).
 */

typedef enum
{
  EVENT_FLOW_RUN,
  EVENT_TASK_RUN,
  EVENT_LOGS,
  EVENT_FLOWS,
  EVENT_DEPLOYMENTS,
  EVENT_WORK_QUEUES,
} EventKind;

typedef struct
{
  EventKind  kind;
  char      *flow_run_id;
  char      *task_run_id;
  guint      n_lines;
} Event;

static void
event_free (Event *event)
{
  g_free (event->flow_run_id);
  g_free (event->task_run_id);
  g_free (event);
}

static void
queue_event (PwRestCall *call,
             EventKind   kind,
             const char *flow_run_id,
             const char *task_run_id,
             guint       n_lines)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  event->flow_run_id = g_strdup (flow_run_id);
  event->task_run_id = g_strdup (task_run_id);
  event->n_lines = n_lines;
  if (call->events == NULL)
    call->events = g_ptr_array_new_with_free_func ((GDestroyNotify)event_free);
  g_ptr_array_add (call->events, event);
}

void
pw_rest_call_queue_flow_run (PwRestCall *call,
                             const char *flow_run_id)
{
  queue_event (call, EVENT_FLOW_RUN, flow_run_id, NULL, 0);
}

void
pw_rest_call_queue_task_run (PwRestCall *call,
                             const char *flow_run_id,
                             const char *task_run_id)
{
  queue_event (call, EVENT_TASK_RUN, flow_run_id, task_run_id, 0);
}

void
pw_rest_call_queue_logs (PwRestCall *call,
                         const char *flow_run_id,
                         guint       n_lines)
{
  queue_event (call, EVENT_LOGS, flow_run_id, NULL, n_lines);
}

void
pw_rest_call_queue_flows (PwRestCall *call)
{
  queue_event (call, EVENT_FLOWS, NULL, NULL, 0);
}

void
pw_rest_call_queue_deployments (PwRestCall *call)
{
  queue_event (call, EVENT_DEPLOYMENTS, NULL, NULL, 0);
}

void
pw_rest_call_queue_work_queues (PwRestCall *call)
{
  queue_event (call, EVENT_WORK_QUEUES, NULL, NULL, 0);
}

/* Passes the call's queued events to the hub (main thread). */
void
_pw_rest_call_send_events (PwRestCall     *call,
                           PwWebsocketHub *hub)
{
  for (guint i = 0; call->events != NULL && i < call->events->len; i++)
    {
      Event *event = g_ptr_array_index (call->events, i);

      switch (event->kind)
        {
        case EVENT_FLOW_RUN:
          pw_websocket_hub_flow_run_changed (hub, event->flow_run_id);
          break;
        case EVENT_TASK_RUN:
          pw_websocket_hub_task_run_changed (hub, event->flow_run_id, event->task_run_id);
          break;
        case EVENT_LOGS:
          pw_websocket_hub_logs_appended (hub, event->flow_run_id, event->n_lines);
          break;
        case EVENT_FLOWS:
          pw_websocket_hub_flows_changed (hub);
          break;
        case EVENT_DEPLOYMENTS:
          pw_websocket_hub_deployments_changed (hub);
          break;
        case EVENT_WORK_QUEUES:
          pw_websocket_hub_work_queues_changed (hub);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Answers for handlers */

/**
 * pw_rest_call_begin_json:
 * @writer: (out caller-allocates): a writer to fill in
 *
 * Starts a JSON answer with @status; the handler writes one value.
 */
PwJsonWriter *
pw_rest_call_begin_json (PwRestCall   *call,
                         guint         status,
                         PwJsonWriter *writer)
{
  if (call->response != NULL)
    g_string_free (call->response, TRUE);
  call->response = g_string_sized_new (1024);
  call->status = status;
  pw_json_writer_init (writer, call->response);
  return writer;
}

void
pw_rest_call_json_literal (PwRestCall *call,
                           guint       status,
                           const char *json)
{
  if (call->response != NULL)
    g_string_free (call->response, TRUE);
  call->response = g_string_new (json);
  call->status = status;
}

void
pw_rest_call_empty (PwRestCall *call,
                    guint       status)
{
  pw_rest_call_json_literal (call, status, "");
}

void
pw_rest_call_detail (PwRestCall *call,
                     guint       status,
                     const char *detail)
{
  PwJsonWriter w;

  pw_rest_call_begin_json (call, status, &w);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "detail");
  pw_json_writer_string (&w, detail);
  pw_json_writer_end_object (&w);
}

/**
 * pw_rest_call_not_found:
 * @detail: Prefect's words, `Flow run not found`
 */
void
pw_rest_call_not_found (PwRestCall *call,
                        const char *detail)
{
  pw_rest_call_detail (call, SOUP_STATUS_NOT_FOUND, detail);
}

/**
 * pw_rest_call_problems:
 *
 * Answers 422 the way Prefect does: `{"exception_message": "Invalid request
 * received.", "exception_detail": [...], "request_body": ...}`.
 */
void
pw_rest_call_problems (PwRestCall     *call,
                       PwRestProblems *problems)
{
  PwJsonWriter w;

  pw_rest_call_begin_json (call, SOUP_STATUS_UNPROCESSABLE_ENTITY, &w);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "exception_message");
  pw_json_writer_string (&w, "Invalid request received.");
  pw_json_writer_member (&w, "exception_detail");
  pw_rest_problems_write (problems, &w);
  pw_json_writer_member (&w, "request_body");
  if (call->body != NULL)
    pw_json_writer_node (&w, call->body);
  else if (call->raw_body != NULL && g_bytes_get_size (call->raw_body) > 0 &&
           g_utf8_validate (g_bytes_get_data (call->raw_body, NULL),
                            g_bytes_get_size (call->raw_body), NULL))
    {
      /* Bad JSON comes back as the text it was. */
      g_autofree char *text = g_strndup (g_bytes_get_data (call->raw_body, NULL),
                                         g_bytes_get_size (call->raw_body));
      pw_json_writer_string (&w, text);
    }
  else
    pw_json_writer_null (&w);
  pw_json_writer_end_object (&w);
}

void
pw_rest_call_invalid (PwRestCall *call,
                      const char *loc,
                      const char *type,
                      const char *message)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();

  pw_rest_problems_add (problems, loc, type, "%s", message);
  pw_rest_call_problems (call, problems);
}

/**
 * pw_rest_call_error:
 * @not_found_detail: the 404 detail for a missing object
 *
 * Answers a store or backend error with the status Prefect would use.
 */
void
pw_rest_call_error (PwRestCall   *call,
                    const GError *error,
                    const char   *not_found_detail)
{
  if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND) ||
      g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND))
    pw_rest_call_not_found (call, not_found_detail);
  else if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT))
    pw_rest_call_detail (call, SOUP_STATUS_CONFLICT, error->message);
  else if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID) ||
           g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID))
    pw_rest_call_invalid (call, "body", "value_error", error->message);
  else if (g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED))
    pw_rest_call_detail (call, SOUP_STATUS_NOT_IMPLEMENTED, error->message);
  else if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY))
    pw_rest_call_detail (call, SOUP_STATUS_SERVICE_UNAVAILABLE, error->message);
  else
    {
      g_warning ("%s %s: %s", call->method,
                 g_uri_get_path (soup_server_message_get_uri (call->msg)), error->message);
      pw_rest_call_json_literal (call, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                 "{\"exception_message\":\"Internal Server Error\"}");
    }
}

const char *
pw_rest_call_get_query (PwRestCall *call,
                        const char *name)
{
  return call->query != NULL ? g_hash_table_lookup (call->query, name) : NULL;
}

/**
 * pw_rest_call_body_object:
 *
 * Returns: (nullable): the body as an object, or %NULL with a problem
 *   added when it is not one. A missing body reads as `{}`.
 */
JsonObject *
pw_rest_call_body_object (PwRestCall     *call,
                          PwRestProblems *problems)
{
  if (call->body == NULL)
    call->body = json_node_init_object (json_node_alloc (), json_object_new ());
  if (!JSON_NODE_HOLDS_OBJECT (call->body))
    {
      pw_rest_problems_add (problems, "body", "type_error.dict", "value is not a valid dict");
      return NULL;
    }
  return json_node_get_object (call->body);
}

