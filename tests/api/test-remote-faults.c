/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "pw-remote-backend.h"
#include "test-api-common.h"

/*
 * What goes wrong between the remote backend and its server: a server
 * killed in the middle of a request, a stalled one (the timeout), 500s,
 * truncated and non-JSON answers, a 401, a URL that is no API, and that
 * no operation ever blocks the caller's main loop on the network.
 *
 * The misbehaving servers are raw sockets in this process (they answer
 * whatever bytes a case needs) and a real `pipewright-cli serve` stopped
 * with SIGSTOP and killed with SIGKILL.
 */

typedef enum
{
  FAULT_CLOSE,        /* read the request, close without a word */
  FAULT_STALL,        /* read the request, never answer */
  FAULT_TRUNCATED,    /* promise 1000 bytes, send 2, close */
  FAULT_NOT_JSON,     /* 200 with an HTML page */
  FAULT_500,          /* Prefect's 500 */
  FAULT_401,          /* a proxy's 401 */
  FAULT_404,          /* not an API at all */
} Fault;

typedef struct
{
  ApiFixture         api;
  GSocketService    *service;
  guint16            port;
  Fault              fault;
  char              *url;
  GPtrArray         *connections;
  PwBackend         *backend;
} Fixture;

static const char *
answer_for (Fixture    *f,
            const char *request)
{
  gboolean version = strstr (request, "GET /api/admin/version") != NULL;
  gboolean pipewright = strstr (request, "GET /api/pipewright/version") != NULL;

  /* The probe gets a Prefect server's answers, unless the fault is about
   * the probe itself. */
  if (f->fault != FAULT_404 && f->fault != FAULT_401 && version)
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n\"2.7.12\"";
  if (f->fault != FAULT_404 && f->fault != FAULT_401 && pipewright)
    return "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n{\"detail\":\"Not Found\"}";

  switch (f->fault)
    {
    case FAULT_CLOSE:
    case FAULT_STALL:
      return NULL;
    case FAULT_TRUNCATED:
      return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{";
    case FAULT_NOT_JSON:
      return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20\r\n\r\n<html>hello</html>\r\n";
    case FAULT_500:
      return "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 45\r\n\r\n"
             "{\"exception_message\":\"Internal Server Error\"}";
    case FAULT_401:
      return "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n"
             "{\"detail\":\"Not authenticated\"}";
    case FAULT_404:
      return "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nNot Found";
    default:
      g_assert_not_reached ();
    }
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Fixture *f = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  char buffer[4096];

  /* Read the head (and any small body) of one request. */
  while (strstr (request->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return TRUE;
      g_string_append_len (request, buffer, n);
    }

  {
    const char *answer = answer_for (f, request->str);

    if (answer != NULL)
      g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
    if (f->fault == FAULT_STALL && answer == NULL)
      {
        /* Keep it open, silent. */
        g_ptr_array_add (f->connections, g_object_ref (connection));
        return TRUE;
      }
  }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  api_fixture_set_up (&f->api, data);
  f->connections = g_ptr_array_new_with_free_func (g_object_unref);
  f->service = g_threaded_socket_service_new (4);
  f->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (f->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (f->service, "run", G_CALLBACK (incoming_cb), f);
  g_socket_service_start (f->service);
  f->url = g_strdup_printf ("http://127.0.0.1:%u/api", f->port);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->backend);
  g_socket_service_stop (f->service);
  g_socket_listener_close (G_SOCKET_LISTENER (f->service));
  g_ptr_array_unref (f->connections);
  g_clear_object (&f->service);
  g_free (f->url);
  api_fixture_tear_down (&f->api, data);
}

static PwBackend *
backend_for (const char *url,
             guint       timeout)
{
  g_autoptr(GError) error = NULL;
  PwBackend *backend = pw_remote_backend_new (url, NULL, &error);

  g_assert_no_error (error);
  pw_remote_backend_set_timeout (PW_REMOTE_BACKEND (backend), timeout);
  return backend;
}

/* Lists flow runs; returns the error. */
static GError *
list_runs_error (PwBackend *backend,
                 gint64    *call_us)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) runs = NULL;
  GAsyncResult *slot = NULL;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  pw_backend_list_flow_runs_async (backend, NULL, PW_FLOW_RUN_SORT_ID_DESC, 10, 0, NULL,
                                   api_store_result, &slot);
  /* The call itself returns at once, whatever the server does. */
  if (call_us != NULL)
    *call_us = g_get_monotonic_time () - start;
  result = api_wait (&slot);
  runs = pw_backend_list_flow_runs_finish (backend, result, &error);
  g_assert_null (runs);
  g_assert_nonnull (error);
  return error;
}

static void
test_closed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fault = FAULT_CLOSE;
  f->backend = backend_for (f->url, 5);
  error = list_runs_error (f->backend, NULL);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Cannot reach the server"));
  g_assert_cmpint (pw_remote_backend_get_connection_state (PW_REMOTE_BACKEND (f->backend)),
                   ==, PW_CONNECTION_STATE_OFFLINE);
}

static void
test_stalled (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 call_us = 0;
  gint64 start;
  double waited;

  f->fault = FAULT_STALL;
  f->backend = backend_for (f->url, 1);
  start = g_get_monotonic_time ();
  error = list_runs_error (f->backend, &call_us);
  waited = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_cmpint (pw_remote_backend_get_connection_state (PW_REMOTE_BACKEND (f->backend)),
                   ==, PW_CONNECTION_STATE_OFFLINE);
  /* The timeout ended it, not the test's patience. */
  g_assert_cmpfloat (waited, <, 10);
  /* And the caller was never held. */
  g_assert_cmpint (call_us, <, 100000);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fault = FAULT_TRUNCATED;
  f->backend = backend_for (f->url, 5);
  error = list_runs_error (f->backend, NULL);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
}

static void
test_not_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fault = FAULT_NOT_JSON;
  f->backend = backend_for (f->url, 5);
  error = list_runs_error (f->backend, NULL);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not JSON"));
  /* The server answers: it is not offline for a bad answer. */
  g_assert_cmpint (pw_remote_backend_get_connection_state (PW_REMOTE_BACKEND (f->backend)),
                   ==, PW_CONNECTION_STATE_ONLINE);
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fault = FAULT_500;
  f->backend = backend_for (f->url, 5);
  error = list_runs_error (f->backend, NULL);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Internal Server Error"));
  g_assert_cmpint (pw_remote_backend_get_connection_state (PW_REMOTE_BACKEND (f->backend)),
                   ==, PW_CONNECTION_STATE_ONLINE);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fault = FAULT_401;
  f->backend = backend_for (f->url, 5);
  error = list_runs_error (f->backend, NULL);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "refused the API key"));
  g_assert_cmpint (pw_remote_backend_get_connection_state (PW_REMOTE_BACKEND (f->backend)),
                   ==, PW_CONNECTION_STATE_UNAUTHORIZED);
}

static void
test_not_an_api (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fault = FAULT_404;
  f->backend = backend_for (f->url, 5);
  error = list_runs_error (f->backend, NULL);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "is not the API of a Pipewright or Prefect server"));
}

static void
test_nobody_listens (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port that was just free. */
  g_socket_service_stop (f->service);
  g_socket_listener_close (G_SOCKET_LISTENER (f->service));
  url = g_strdup_printf ("http://127.0.0.1:%u/api", f->port);
  f->backend = backend_for (url, 5);
  error = list_runs_error (f->backend, NULL);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_cmpint (pw_remote_backend_get_connection_state (PW_REMOTE_BACKEND (f->backend)),
                   ==, PW_CONNECTION_STATE_OFFLINE);
}

static gboolean
is_online (gpointer data)
{
  return pw_remote_backend_get_connection_state (data) == PW_CONNECTION_STATE_ONLINE;
}

static gboolean
kill_cb (gpointer data)
{
  g_subprocess_send_signal (data, SIGKILL);
  return G_SOURCE_REMOVE;
}

/* A real server: stopped (stalls), woken (back by itself), then killed
 * while a request waits on it. */
static void
test_real_server (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  PwRemoteBackend *remote;

  api_serve (&f->api, "--no-agent", NULL);
  f->backend = backend_for (f->api.url, 1);
  remote = PW_REMOTE_BACKEND (f->backend);
  pw_remote_backend_connect (remote);
  g_assert_true (api_wait_until (is_online, remote, 10000));

  /* Stopped: the timeout. */
  g_subprocess_send_signal (f->api.server, SIGSTOP);
  g_clear_error (&error);
  error = list_runs_error (f->backend, NULL);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_cmpint (pw_remote_backend_get_connection_state (remote), ==, PW_CONNECTION_STATE_OFFLINE);

  /* Woken: back by itself. */
  g_subprocess_send_signal (f->api.server, SIGCONT);
  g_assert_true (api_wait_until (is_online, remote, 20000));
  pw_backend_list_flow_runs_async (f->backend, NULL, PW_FLOW_RUN_SORT_ID_DESC, 10, 0, NULL,
                                   api_store_result, &slot);
  result = api_wait (&slot);
  g_clear_error (&error);
  runs = pw_backend_list_flow_runs_finish (f->backend, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Killed in the middle of a request. */
  pw_remote_backend_set_timeout (remote, 30);
  g_subprocess_send_signal (f->api.server, SIGSTOP);
  pw_backend_list_flow_runs_async (f->backend, NULL, PW_FLOW_RUN_SORT_ID_DESC, 10, 0, NULL,
                                   api_store_result, &slot);
  g_timeout_add (300, kill_cb, f->api.server);
  result = api_wait (&slot);
  g_clear_object (&runs);
  runs = pw_backend_list_flow_runs_finish (f->backend, result, &error);
  g_assert_null (runs);
  g_assert_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED);
  g_assert_cmpint (pw_remote_backend_get_connection_state (remote), ==, PW_CONNECTION_STATE_OFFLINE);
  g_subprocess_wait (f->api.server, NULL, NULL);
  g_clear_object (&f->api.server);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/RemoteFaults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("closed", test_closed);
  ADD ("stalled", test_stalled);
  ADD ("truncated", test_truncated);
  ADD ("not-json", test_not_json);
  ADD ("server-error", test_server_error);
  ADD ("unauthorized", test_unauthorized);
  ADD ("not-an-api", test_not_an_api);
  ADD ("nobody-listens", test_nobody_listens);
  ADD ("real-server", test_real_server);

  return g_test_run ();
}
