/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-remote-backend"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-remote-backend-private.h"
#include "pw-rest-server.h"

/*
 * One request of the remote backend: it waits for the probe when the
 * server is not known yet, goes out with the API key and Prefect's API
 * version header, and comes back as a result (parsed in a worker thread,
 * since a 10,000-task answer takes a while) or as a PwBackendError whose
 * message says what went wrong in words: the server's `detail`, the
 * problems of a 422, or why the server could not be reached.
 */

typedef struct
{
  PwRemoteRequest *request;
  SoupMessage     *msg;
  GBytes          *answer;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_pointer (&exchange->request, _pw_remote_request_free);
  g_clear_object (&exchange->msg);
  g_clear_pointer (&exchange->answer, g_bytes_unref);
  g_free (exchange);
}

void
_pw_remote_request_free (PwRemoteRequest *request)
{
  g_free (request->path);
  g_free (request->not_found);
  g_clear_pointer (&request->body, g_bytes_unref);
  if (request->parse_data_free != NULL)
    request->parse_data_free (request->parse_data);
  g_free (request);
}

/* The message of the error a 404 answer to @request gives. */
void
_pw_remote_request_set_not_found (PwRemoteRequest *request,
                                  const char      *message)
{
  g_free (request->not_found);
  request->not_found = g_strdup (message);
}

/**
 * _pw_remote_request_new:
 * @path: the path under the API URL (already escaped)
 * @json_body: (nullable) (transfer full): the body
 */
PwRemoteRequest *
_pw_remote_request_new (const char *method,
                        const char *path,
                        GString    *json_body)
{
  PwRemoteRequest *request = g_new0 (PwRemoteRequest, 1);

  request->method = method;
  request->path = g_strdup (path);
  if (json_body != NULL)
    request->body = g_string_free_to_bytes (json_body);
  return request;
}

/* A path segment (a flow's name) as it goes in a URL. */
char *
_pw_remote_escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

/* The text of a server's error answer: Prefect's `detail`, or the
 * messages of a 422's `exception_detail`, or `exception_message`. */
static char *
error_text (GBytes *answer)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) text = NULL;
  JsonObject *object;
  JsonNode *detail;
  gsize size = 0;
  const char *data = answer != NULL ? g_bytes_get_data (answer, &size) : NULL;

  if (data == NULL || size == 0 || (root = pw_rest_parse_json (data, size, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);

  if (pw_rest_member_string (object, "detail") != NULL)
    return g_strdup (pw_rest_member_string (object, "detail"));

  detail = json_object_get_member (object, "exception_detail");
  if (detail != NULL && JSON_NODE_HOLDS_ARRAY (detail))
    {
      JsonArray *array = json_node_get_array (detail);

      text = g_string_new (NULL);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *problem = json_array_get_element (array, i);
          const char *msg;

          if (!JSON_NODE_HOLDS_OBJECT (problem) ||
              (msg = pw_rest_member_string (json_node_get_object (problem), "msg")) == NULL)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, msg);
        }
      if (text->len > 0)
        return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (pw_rest_member_string (object, "exception_message") != NULL)
    return g_strdup (pw_rest_member_string (object, "exception_message"));
  return NULL;
}

/* Turns an HTTP error status into an error for the caller, and tells the
 * connection what it means. */
static GError *
status_error (PwRemoteBackend *self,
              Exchange        *exchange,
              guint            status)
{
  g_autofree char *text = error_text (exchange->answer);
  const char *reason = soup_message_get_reason_phrase (exchange->msg);
  g_autofree char *what = g_strdup_printf ("%s %s", exchange->request->method, exchange->request->path);

  if (text == NULL)
    text = g_strdup_printf ("HTTP %u %s", status, reason != NULL ? reason : "");

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      {
        g_autofree char *message =
          g_strdup_printf (_("The server at %s refused the API key (%s). Set the key of this "
                             "connection (“pipewright-cli config set api-key”)."),
                           self->api_url, text);
        _pw_remote_unauthorized (self, message);
        return g_error_new_literal (PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED, message);
      }

    case SOUP_STATUS_NOT_FOUND:
      return g_error_new (PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND, "%s",
                          exchange->request->not_found != NULL ? exchange->request->not_found : text);

    case SOUP_STATUS_BAD_REQUEST:
    case SOUP_STATUS_CONFLICT:
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      return g_error_new (PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                          _("The server refused %s: %s"), what, text);

    case SOUP_STATUS_NOT_IMPLEMENTED:
    case SOUP_STATUS_METHOD_NOT_ALLOWED:
      return g_error_new (PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                          _("The server at %s cannot do %s: %s"), self->api_url, what, text);

    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      {
        g_autoptr(GError) cause = g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE,
                                               "HTTP %u: %s", status, text);
        _pw_remote_transport_failed (self, cause);
        return g_error_new (PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                            _("The server at %s is unavailable (%s)"), self->api_url, cause->message);
      }

    default:
      return g_error_new (PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                          _("The server at %s failed to answer %s: %s"), self->api_url, what, text);
    }
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Exchange *exchange = task_data;
  PwRemoteRequest *request = exchange->request;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;
  gsize size;
  const char *data = g_bytes_get_data (exchange->answer, &size);

  if (!request->raw)
    {
      root = data != NULL && size > 0 ? pw_rest_parse_json (data, size, &error) : NULL;
      if (root == NULL)
        {
          g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                                   _("The server sent an answer to %s %s that is not JSON%s%s"),
                                   request->method, request->path,
                                   error != NULL ? ": " : "", error != NULL ? error->message : "");
          return;
        }
    }

  result = request->parse (root, exchange->answer, request->parse_data, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, request->result_free);
}

static void
send_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PwRemoteBackend *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;

  exchange->answer = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (exchange->answer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (!exchange->request->quiet)
        g_debug ("%s %s: %s", exchange->request->method, exchange->request->path, error->message);
      _pw_remote_transport_failed (self, error);
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                               _("Cannot reach the server at %s: %s"), self->api_url, error->message);
      return;
    }

  status = soup_message_get_status (exchange->msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, status_error (self, exchange, status));
      return;
    }

  _pw_remote_reachable (self);
  if (exchange->request->parse == NULL)
    {
      g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
      return;
    }
  g_task_run_in_thread (task, parse_thread);
}

/**
 * _pw_remote_start_request:
 *
 * Sends the request of @task now (the probe is done, or it is the probe's).
 */
void
_pw_remote_start_request (PwRemoteBackend *self,
                          GTask           *task)
{
  Exchange *exchange = g_task_get_task_data (task);
  PwRemoteRequest *request = exchange->request;
  g_autofree char *url = g_strconcat (self->api_url, request->path, NULL);
  SoupMessageHeaders *headers;

  exchange->msg = soup_message_new (request->method, url);
  if (exchange->msg == NULL)
    {
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                               _("“%s” is not a valid URL"), url);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (exchange->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "X-Prefect-Api-Version", PW_REST_API_VERSION);
  if (request->ui)
    soup_message_headers_replace (headers, "X-Prefect-UI", "true");
  if (self->api_key != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->api_key, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (exchange->msg,
                                              request->content_type != NULL
                                                ? request->content_type : "application/json",
                                              request->body);

  soup_session_send_and_read_async (self->session, exchange->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_done_cb, task);
}

/**
 * _pw_remote_send_async:
 * @request: (transfer full): what to send
 *
 * Sends @request once the server is known (at once for the probe's own
 * requests).
 */
void
_pw_remote_send_async (PwRemoteBackend     *self,
                       PwRemoteRequest     *request,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Exchange *exchange = g_new0 (Exchange, 1);

  exchange->request = request;
  g_task_set_source_tag (task, _pw_remote_send_async);
  g_task_set_task_data (task, exchange, (GDestroyNotify)exchange_free);

  if (request->direct ||
      (self->state == PW_CONNECTION_STATE_ONLINE && self->kind != PW_SERVER_KIND_UNKNOWN))
    {
      _pw_remote_start_request (self, task);
      return;
    }

  /* Wait for the probe; start one unless it runs. */
  g_queue_push_tail (&self->waiting, task);
  _pw_remote_probe (self);
}

/**
 * _pw_remote_send_finish:
 *
 * Returns: (transfer full): the parser's result (%TRUE-as-pointer for
 *   requests without a parser), or %NULL with @error set
 */
gpointer
_pw_remote_send_finish (PwRemoteBackend  *self,
                        GAsyncResult     *result,
                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Which endpoint to use depends on the server: operations on flows wait
 * until it is known (the request waits for the probe). */

typedef struct
{
  GTask *task;
  PwRemoteNext next;
} WhenKnown;

static void
known_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  WhenKnown *when = user_data;
  GError *error = NULL;

  if (_pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error) == NULL)
    {
      g_task_return_error (when->task, error);
      g_object_unref (when->task);
    }
  else
    when->next (PW_REMOTE_BACKEND (object), when->task);
  g_free (when);
}

/**
 * _pw_remote_when_known:
 * @task: (transfer full): an operation
 * @next: what to do with it once the server is known and online
 */
void
_pw_remote_when_known (PwRemoteBackend *self,
                       GTask           *task,
                       PwRemoteNext     next)
{
  WhenKnown *when;

  if (self->kind != PW_SERVER_KIND_UNKNOWN && self->state == PW_CONNECTION_STATE_ONLINE)
    {
      next (self, task);
      return;
    }
  when = g_new0 (WhenKnown, 1);
  when->task = task;
  when->next = next;
  _pw_remote_send_async (self, _pw_remote_request_new ("GET", "/health", NULL),
                         g_task_get_cancellable (task), known_cb, when);
}
