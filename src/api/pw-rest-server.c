/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-local-backend.h"
#include "pw-rest-server-private.h"

/*
 * PwRestServer: the local backend over Prefect 2's REST API (DESIGN.md §6,
 * API.md), on a SoupServer.
 *
 * Every request under /api passes the early handler first, once its
 * headers are read: the API key (compared in constant time), the API
 * version header, and the body's size are checked there, so that a
 * refused request is never read into memory. The body is then gathered
 * chunk by chunk up to the cap. The router matches the rest and runs the
 * route's handler (see pw-rest-server-private.h).
 *
 * Reads and writes of the database run in worker threads, each with its
 * own store connection from a small pool: sqlite's WAL lets them read side
 * by side while the engine of the local backend writes.
 */

#define N_STORES 3
#define BODY_STATE_KEY "pw-rest-body"

struct _PwRestServer
{
  GObject          parent_instance;

  SoupServer      *soup;
  PwBackend       *backend;
  char            *db_path;
  GAsyncQueue     *stores;          /* the pool for worker threads */
  PwStore         *main_store;      /* for the main thread and the hub */
  PwWebsocketHub  *hub;
  PwRestConnections *connections;
  GArray          *routes;          /* PwRestRoute */
  guint8          *key_digest;      /* SHA-256 of the API key, or NULL */
  gsize            max_body;
  guint            port;
  gboolean         tls;
};

G_DEFINE_FINAL_TYPE (PwRestServer, pw_rest_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (pw-rest-server-error-quark, pw_rest_server_error)

/* The body of one request, gathered by got-chunk. */
typedef struct
{
  GByteArray *data;
  gsize       max;
  gboolean    too_large;
} BodyState;

static void
body_state_free (BodyState *state)
{
  g_clear_pointer (&state->data, g_byte_array_unref);
  g_free (state);
}

static void
on_backend_flow_run_changed (PwRestServer *self,
                             const char   *flow_run_id)
{
  pw_websocket_hub_flow_run_changed (self->hub, flow_run_id);
}

static void
on_backend_task_run_changed (PwRestServer *self,
                             const char   *flow_run_id,
                             const char   *task_run_id)
{
  pw_websocket_hub_task_run_changed (self->hub, flow_run_id, task_run_id);
}

static void
on_backend_logs_appended (PwRestServer *self,
                          const char   *flow_run_id,
                          guint         n_lines)
{
  pw_websocket_hub_logs_appended (self->hub, flow_run_id, n_lines);
}

static void
on_backend_flows_changed (PwRestServer *self)
{
  pw_websocket_hub_flows_changed (self->hub);
}

static void
on_backend_deployments_changed (PwRestServer *self)
{
  pw_websocket_hub_deployments_changed (self->hub);
}

static void
on_backend_work_queues_changed (PwRestServer *self)
{
  pw_websocket_hub_work_queues_changed (self->hub);
}

static void
pw_rest_server_dispose (GObject *object)
{
  PwRestServer *self = (PwRestServer *)object;

  pw_rest_server_disconnect (self);
  g_clear_pointer (&self->connections, _pw_rest_connections_free);
  if (self->hub != NULL)
    pw_websocket_hub_close_all (self->hub);
  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);

  G_OBJECT_CLASS (pw_rest_server_parent_class)->dispose (object);
}

static void
pw_rest_server_finalize (GObject *object)
{
  PwRestServer *self = (PwRestServer *)object;
  PwStore *store;

  g_clear_object (&self->soup);
  g_clear_object (&self->hub);
  g_clear_object (&self->backend);
  g_clear_object (&self->main_store);
  while (self->stores != NULL && (store = g_async_queue_try_pop (self->stores)) != NULL)
    g_object_unref (store);
  g_clear_pointer (&self->stores, g_async_queue_unref);
  g_clear_pointer (&self->routes, g_array_unref);
  g_clear_pointer (&self->db_path, g_free);
  if (self->key_digest != NULL)
    memset (self->key_digest, 0, 32);
  g_clear_pointer (&self->key_digest, g_free);

  G_OBJECT_CLASS (pw_rest_server_parent_class)->finalize (object);
}

static void
pw_rest_server_class_init (PwRestServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_rest_server_dispose;
  object_class->finalize = pw_rest_server_finalize;
}

static void
pw_rest_server_init (PwRestServer *self)
{
  self->routes = g_array_new (FALSE, FALSE, sizeof (PwRestRoute));
  self->max_body = PW_REST_SERVER_DEFAULT_MAX_BODY;
  self->stores = g_async_queue_new ();
}

/* Answers */

static void
set_json_response (SoupServerMessage *msg,
                   guint              status,
                   GString           *body)
{
  gsize len = body->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), len);
}

static void
set_detail_response (SoupServerMessage *msg,
                     guint              status,
                     const char        *detail)
{
  GString *body = g_string_new ("{\"detail\":");

  pw_json_append_string (body, detail);
  g_string_append_c (body, '}');
  set_json_response (msg, status, body);
}

/* Auth */

static guint8 *
digest_key (const char *key,
            gsize       length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 *digest = g_malloc (32);
  gsize size = 32;

  g_checksum_update (checksum, (const guchar *)key, length);
  g_checksum_get_digest (checksum, digest, &size);
  return digest;
}

/* Compares digests rather than the keys, so that the time taken says
 * nothing about the key's length or any prefix of it. */
static gboolean
key_matches (PwRestServer *self,
             const char   *presented,
             gsize         length)
{
  g_autofree guint8 *digest = digest_key (presented, length);
  guint8 difference = 0;

  for (guint i = 0; i < 32; i++)
    difference |= digest[i] ^ self->key_digest[i];
  memset (digest, 0, 32);
  return difference == 0;
}

static gboolean
authorized (PwRestServer      *self,
            SoupServerMessage *msg)
{
  const char *header;

  if (self->key_digest == NULL)
    return TRUE;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                         "Authorization");
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;
  header += 7;
  while (*header == ' ')
    header++;
  return key_matches (self, header, strlen (header));
}

/* Prefect refuses clients older than API 0.8.0 (API.md §1). */
static gboolean
api_version_ok (SoupServerMessage *msg)
{
  const char *version = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      "X-Prefect-Api-Version");
  g_auto(GStrv) parts = NULL;
  guint64 major = 0;
  guint64 minor = 0;

  if (version == NULL)
    return TRUE;
  parts = g_strsplit (version, ".", 3);
  if (parts[0] == NULL || parts[1] == NULL ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT, &major, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &minor, NULL))
    return FALSE;
  return major > 0 || minor >= 8;
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              BodyState         *state)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (chunk, &size);

  if (state->too_large)
    return;
  if (state->data->len + size > state->max)
    {
      state->too_large = TRUE;
      g_byte_array_set_size (state->data, 0);
      return;
    }
  g_byte_array_append (state->data, data, size);
}

static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  PwRestServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  BodyState *state;

  if (!authorized (self, msg))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer");
      set_detail_response (msg, SOUP_STATUS_UNAUTHORIZED, "Not authenticated");
      return;
    }

  if (!api_version_ok (msg))
    {
      g_autofree char *detail = g_strdup_printf ("The request specified API version %s but this"
                                                 " server requires version 0.8.0 or higher.",
                                                 soup_message_headers_get_one (headers, "X-Prefect-Api-Version"));
      set_detail_response (msg, SOUP_STATUS_BAD_REQUEST, detail);
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset)self->max_body)
    {
      set_detail_response (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "Request body too large");
      return;
    }

  /* Gather the body ourselves, so that a chunked body over the cap is
   * dropped as it comes instead of piling up in memory. */
  state = g_new0 (BodyState, 1);
  state->data = g_byte_array_new ();
  state->max = self->max_body;
  g_object_set_data_full (G_OBJECT (msg), BODY_STATE_KEY, state, (GDestroyNotify)body_state_free);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), state);
}

/* Calls */

static void
call_free (PwRestCall *call)
{
  g_clear_object (&call->server);
  g_clear_object (&call->msg);
  g_clear_pointer (&call->params, g_strfreev);
  g_clear_pointer (&call->query, g_hash_table_unref);
  g_clear_pointer (&call->body, json_node_unref);
  g_clear_pointer (&call->raw_body, g_bytes_unref);
  g_clear_pointer (&call->now, g_date_time_unref);
  if (call->response != NULL)
    g_string_free (call->response, TRUE);
  g_clear_pointer (&call->events, g_ptr_array_unref);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwRestCall, call_free)

/* On the main thread: sends the answer and the call's events. */
static void
complete_call (PwRestCall *call,
               gboolean    paused)
{
  PwWebsocketHub *hub = call->server->hub;

  call->finished = TRUE;
  if (call->response == NULL)
    {
      /* A handler that said nothing is a bug, answered as Prefect does. */
      g_critical ("%s %s: no answer", call->method,
                  g_uri_get_path (soup_server_message_get_uri (call->msg)));
      call->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      call->response = g_string_new ("{\"exception_message\":\"Internal Server Error\"}");
    }

  if (call->status == SOUP_STATUS_NO_CONTENT)
    {
      soup_server_message_set_status (call->msg, call->status, NULL);
      g_string_free (g_steal_pointer (&call->response), TRUE);
    }
  else if (call->content_type != NULL)
    {
      gsize len = call->response->len;

      soup_server_message_set_status (call->msg, call->status, NULL);
      soup_server_message_set_response (call->msg, call->content_type, SOUP_MEMORY_TAKE,
                                        g_string_free (g_steal_pointer (&call->response), FALSE), len);
    }
  else
    set_json_response (call->msg, call->status, g_steal_pointer (&call->response));

  if (paused)
    soup_server_message_unpause (call->msg);

  _pw_rest_call_send_events (call, hub);
}

static void
thread_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PwRestCall *call = g_task_get_task_data (G_TASK (result));

  complete_call (call, TRUE);
}

static void
call_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PwRestServer *self = source_object;
  PwRestCall *call = task_data;
  PwRestHandler handler = g_task_get_source_tag (task);

  call->store = g_async_queue_pop (self->stores);
  handler (call);
  g_async_queue_push (self->stores, g_steal_pointer (&call->store));
  g_task_return_boolean (task, TRUE);
}

void
pw_rest_call_defer (PwRestCall *call)
{
  g_return_if_fail (!call->deferred);

  call->deferred = TRUE;
  soup_server_message_pause (call->msg);
}

/**
 * pw_rest_call_finish:
 *
 * Sends the answer of a deferred call and frees the call.
 */
void
pw_rest_call_finish (PwRestCall *call)
{
  g_return_if_fail (call->deferred);

  complete_call (call, TRUE);
  call_free (call);
}

/* Routing */

void
pw_rest_server_add_routes (PwRestServer      *self,
                           const PwRestRoute *routes,
                           guint              n_routes)
{
  g_array_append_vals (self->routes, routes, n_routes);
}

/* Matches @segments against a route pattern; fills @params. */
static gboolean
match (const char  *pattern,
       char       **segments,
       GPtrArray   *params)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);
  guint i;

  g_ptr_array_set_size (params, 0);
  for (i = 0; parts[i] != NULL; i++)
    {
      if (segments[i] == NULL)
        return FALSE;
      if (g_str_equal (parts[i], "*"))
        {
          if (*segments[i] == '\0')
            return FALSE;
          g_ptr_array_add (params, g_strdup (segments[i]));
        }
      else if (!g_str_equal (parts[i], segments[i]))
        return FALSE;
    }
  return segments[i] == NULL;
}

/* The path under /api as decoded segments, without a trailing empty one
 * (Prefect answers `/flows/` and `/flows` alike for us). */
static char **
split_path (const char *path)
{
  g_auto(GStrv) raw = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  if (!g_str_has_prefix (path, "/api"))
    return NULL;
  path += strlen ("/api");
  if (*path == '/')
    path++;
  else if (*path != '\0')
    return NULL;

  raw = g_strsplit (path, "/", -1);
  n = g_strv_length (raw);
  if (n > 0 && *raw[n - 1] == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *segment = g_uri_unescape_string (raw[i], NULL);

      if (segment == NULL)
        return NULL;
      g_strv_builder_add (builder, segment);
    }
  return g_strv_builder_end (builder);
}

static void
server_handler_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  PwRestServer *self = user_data;
  g_autoptr(PwRestCall) call = NULL;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) segments = NULL;
  const char *method = soup_server_message_get_method (msg);
  BodyState *state = g_object_get_data (G_OBJECT (msg), BODY_STATE_KEY);
  const PwRestRoute *route = NULL;
  gboolean path_known = FALSE;

  /* Answered by the early handler (401, 413 …). */
  if (soup_server_message_get_status (msg) != 0 && state == NULL)
    return;

  if (state != NULL && state->too_large)
    {
      set_detail_response (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "Request body too large");
      return;
    }

  segments = split_path (path);
  if (segments != NULL)
    for (guint i = 0; i < self->routes->len && route == NULL; i++)
      {
        const PwRestRoute *candidate = &g_array_index (self->routes, PwRestRoute, i);

        if (!match (candidate->pattern, segments, params))
          continue;
        path_known = TRUE;
        if (g_str_equal (candidate->method, method))
          route = candidate;
      }

  if (route == NULL)
    {
      if (path_known)
        set_detail_response (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
      else
        set_detail_response (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  call = g_new0 (PwRestCall, 1);
  call->server = g_object_ref (self);
  call->msg = g_object_ref (msg);
  call->method = route->method;
  g_ptr_array_add (params, NULL);
  call->params = (char **)g_ptr_array_free (g_steal_pointer (&params), FALSE);
  call->query = query != NULL ? g_hash_table_ref (query) : NULL;
  call->now = g_date_time_new_now_utc ();

  if (state != NULL && state->data->len > 0 && (route->flags & PW_REST_ROUTE_RAW))
    call->raw_body = g_bytes_new (state->data->data, state->data->len);
  else if (state != NULL && state->data->len > 0)
    {
      g_autoptr(GError) error = NULL;

      call->raw_body = g_bytes_new (state->data->data, state->data->len);
      call->body = pw_rest_parse_json ((const char *)state->data->data, state->data->len, &error);
      if (call->body == NULL)
        {
          pw_rest_call_invalid (call, "body", "value_error.jsondecode", error->message);
          complete_call (call, FALSE);
          return;
        }
    }
  else if (route->flags & PW_REST_ROUTE_BODY)
    {
      pw_rest_call_invalid (call, "body", "value_error.missing", "field required");
      complete_call (call, FALSE);
      return;
    }

  if (route->flags & PW_REST_ROUTE_THREAD)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, thread_done_cb, NULL);
      PwRestCall *owned = g_steal_pointer (&call);

      soup_server_message_pause (msg);
      g_task_set_source_tag (task, route->handler);
      g_task_set_task_data (task, owned, (GDestroyNotify)call_free);
      g_task_run_in_thread (task, call_thread);
      return;
    }

  route->handler (call);
  if (call->deferred)
    {
      /* The handler answers later with pw_rest_call_finish(). */
      g_steal_pointer (&call);
      return;
    }
  complete_call (call, FALSE);
}

/* Health and version */

static void
health_cb (PwRestCall *call)
{
  pw_rest_call_json_literal (call, SOUP_STATUS_OK, "true");
}

static void
version_cb (PwRestCall *call)
{
  PwJsonWriter w;

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_string (&w, PACKAGE_VERSION);
}

static void
hello_cb (PwRestCall *call)
{
  pw_rest_call_json_literal (call, SOUP_STATUS_OK, "\"👋\"");
}

static const PwRestRoute base_routes[] = {
  { "GET", "health", health_cb, PW_REST_ROUTE_MAIN },
  { "GET", "hello", hello_cb, PW_REST_ROUTE_MAIN },
  { "GET", "admin/version", version_cb, PW_REST_ROUTE_MAIN },
};

/**
 * pw_rest_server_new:
 * @backend: the local backend to serve (its engine runs what is started
 *   through the API, and its signals feed the live stream)
 * @db_path: its database, which the server opens a few more connections to
 *
 * Returns: (transfer full): a server, not yet listening, or %NULL with
 *   @error set
 */
PwRestServer *
pw_rest_server_new (PwBackend   *backend,
                    const char  *db_path,
                    GError     **error)
{
  g_autoptr(PwRestServer) self = NULL;
  gboolean own;

  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (PW_TYPE_REST_SERVER, NULL);
  self->backend = g_object_ref (backend);
  self->db_path = g_strdup (db_path);

  /* What the server writes it reports itself (pw-rest-server-call.c): its
   * backend's watch of the database must not report it again. */
  own = PW_IS_LOCAL_BACKEND (backend) &&
        g_strcmp0 (pw_local_backend_get_db_path (PW_LOCAL_BACKEND (backend)), db_path) == 0;

  self->main_store = pw_store_open (db_path, error);
  if (self->main_store == NULL)
    return NULL;
  if (own)
    pw_local_backend_add_own_store (PW_LOCAL_BACKEND (backend), self->main_store);
  for (guint i = 0; i < N_STORES; i++)
    {
      PwStore *store = pw_store_open (db_path, error);

      if (store == NULL)
        return NULL;
      if (own)
        pw_local_backend_add_own_store (PW_LOCAL_BACKEND (backend), store);
      g_async_queue_push (self->stores, store);
    }

  self->soup = g_object_new (SOUP_TYPE_SERVER, "server-header", "pipewright/" PACKAGE_VERSION, NULL);
  self->connections = _pw_rest_connections_new (self->soup);
  self->hub = pw_websocket_hub_new (self->main_store);
  /* SoupServer keeps one early handler per path: the websocket's path
   * needs its own, or its upgrade would skip the checks. */
  soup_server_add_early_handler (self->soup, "/api", early_handler_cb, self, NULL);
  soup_server_add_early_handler (self->soup, PW_WEBSOCKET_PATH, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, "/api", server_handler_cb, self, NULL);
  pw_websocket_hub_attach (self->hub, self->soup);

  pw_rest_server_add_routes (self, base_routes, G_N_ELEMENTS (base_routes));
  _pw_rest_server_add_flow_routes (self);
  _pw_rest_server_add_flow_run_routes (self);
  _pw_rest_server_add_task_run_routes (self);
  _pw_rest_server_add_log_routes (self);
  _pw_rest_server_add_pipewright_routes (self);
  _pw_rest_server_add_deployment_routes (self);
  _pw_rest_server_add_work_queue_routes (self);
  _pw_rest_server_add_notification_routes (self);

  g_signal_connect_object (backend, "flow-run-changed",
                           G_CALLBACK (on_backend_flow_run_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (backend, "task-run-changed",
                           G_CALLBACK (on_backend_task_run_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (backend, "logs-appended",
                           G_CALLBACK (on_backend_logs_appended), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (backend, "flows-changed",
                           G_CALLBACK (on_backend_flows_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (backend, "deployments-changed",
                           G_CALLBACK (on_backend_deployments_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (backend, "work-queues-changed",
                           G_CALLBACK (on_backend_work_queues_changed), self, G_CONNECT_SWAPPED);

  return g_steal_pointer (&self);
}

PwBackend *
pw_rest_server_get_backend (PwRestServer *self)
{
  g_return_val_if_fail (PW_IS_REST_SERVER (self), NULL);
  return self->backend;
}

/**
 * pw_rest_server_get_store:
 *
 * Returns: (transfer none): the store connection of the main thread
 */
PwStore *
pw_rest_server_get_store (PwRestServer *self)
{
  return self->main_store;
}

PwWebsocketHub *
pw_rest_server_get_hub (PwRestServer *self)
{
  return self->hub;
}

/**
 * pw_rest_server_set_api_key:
 * @api_key: (nullable): the key clients must send as `Authorization:
 *   Bearer KEY`, or %NULL for none
 */
void
pw_rest_server_set_api_key (PwRestServer *self,
                            const char   *api_key)
{
  g_return_if_fail (PW_IS_REST_SERVER (self));

  if (self->key_digest != NULL)
    memset (self->key_digest, 0, 32);
  g_clear_pointer (&self->key_digest, g_free);
  if (api_key != NULL && *api_key != '\0')
    self->key_digest = digest_key (api_key, strlen (api_key));
}

void
pw_rest_server_set_max_body_size (PwRestServer *self,
                                  gsize         max_body_size)
{
  g_return_if_fail (PW_IS_REST_SERVER (self));

  self->max_body = max_body_size;
}

/**
 * pw_rest_server_set_tls_files:
 *
 * Serves HTTPS with the certificate (chain) and private key in these PEM
 * files.
 */
gboolean
pw_rest_server_set_tls_files (PwRestServer  *self,
                              const char    *cert_file,
                              const char    *key_file,
                              GError       **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PW_IS_REST_SERVER (self), FALSE);

  certificate = g_tls_certificate_new_from_files (cert_file, key_file, &local_error);
  if (certificate == NULL)
    {
      g_set_error (error, PW_REST_SERVER_ERROR, PW_REST_SERVER_ERROR_TLS,
                   _("Cannot use the certificate %s with the key %s: %s"),
                   cert_file, key_file, local_error->message);
      return FALSE;
    }
  soup_server_set_tls_certificate (self->soup, certificate);
  self->tls = TRUE;
  return TRUE;
}

/**
 * pw_rest_host_is_loopback:
 * @host: a host name or address
 *
 * Returns: %TRUE if every address @host stands for is on this machine
 *   (127.0.0.0/8, ::1, `localhost`); %FALSE for anything else, including
 *   the wildcard addresses and names that cannot be resolved (with @error
 *   set then)
 */
gboolean
pw_rest_host_is_loopback (const char  *host,
                          GError     **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);
  g_autoptr(GResolver) resolver = NULL;
  GList *addresses;
  gboolean loopback = TRUE;

  if (address != NULL)
    return g_inet_address_get_is_loopback (address);
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, host, NULL, error);
  if (addresses == NULL)
    return FALSE;
  for (GList *l = addresses; l != NULL; l = l->next)
    loopback = loopback && g_inet_address_get_is_loopback (l->data);
  g_resolver_free_addresses (addresses);
  return loopback;
}

/**
 * pw_rest_server_listen:
 * @host: the address or name to listen on (`127.0.0.1`, `::`, `0.0.0.0`)
 * @port: the port, or 0 for any free one (see pw_rest_server_get_port())
 *
 * Starts serving. Listening anywhere but on this machine needs an API key
 * (pw_rest_server_set_api_key()).
 */
gboolean
pw_rest_server_listen (PwRestServer  *self,
                       const char    *host,
                       guint          port,
                       GError       **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) resolve_error = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  SoupServerListenOptions options = self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0;
  GSList *uris;

  g_return_val_if_fail (PW_IS_REST_SERVER (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  if (self->key_digest == NULL && !pw_rest_host_is_loopback (host, &resolve_error))
    {
      if (resolve_error != NULL)
        g_set_error (error, PW_REST_SERVER_ERROR, PW_REST_SERVER_ERROR_ADDRESS,
                     _("Cannot listen on %s: %s"), host, resolve_error->message);
      else
        g_set_error (error, PW_REST_SERVER_ERROR, PW_REST_SERVER_ERROR_INSECURE,
                     _("Refusing to listen on %s without an API key: anyone who can reach it "
                       "could read and run your flows. Give a key with --api-key-file, or "
                       "listen on 127.0.0.1"),
                     host);
      return FALSE;
    }

  inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_autoptr(GResolver) resolver = g_resolver_get_default ();
      GList *addresses = g_resolver_lookup_by_name (resolver, host, NULL, &resolve_error);

      if (addresses == NULL)
        {
          g_set_error (error, PW_REST_SERVER_ERROR, PW_REST_SERVER_ERROR_ADDRESS,
                       _("Cannot listen on %s: %s"), host, resolve_error->message);
          return FALSE;
        }
      inet = g_object_ref (addresses->data);
      g_resolver_free_addresses (addresses);
    }
  address = g_inet_socket_address_new (inet, port);

  if (!soup_server_listen (self->soup, address, options, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return TRUE;
}

guint
pw_rest_server_get_port (PwRestServer *self)
{
  g_return_val_if_fail (PW_IS_REST_SERVER (self), 0);
  return self->port;
}

/**
 * pw_rest_server_get_url:
 *
 * Returns: (transfer full) (nullable): the API's base URL as clients
 *   should use it (`http://127.0.0.1:4200/api`), or %NULL when not
 *   listening
 */
char *
pw_rest_server_get_url (PwRestServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (PW_IS_REST_SERVER (self), NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    {
      GUri *uri = uris->data;
      g_autofree char *host = g_strdup (g_uri_get_host (uri));

      url = g_strdup_printf ("%s://%s%s%s:%d/api", g_uri_get_scheme (uri),
                             strchr (host, ':') != NULL ? "[" : "", host,
                             strchr (host, ':') != NULL ? "]" : "", g_uri_get_port (uri));
    }
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return url;
}

/**
 * pw_rest_server_disconnect:
 *
 * Stops listening and closes the live streams.
 */
void
pw_rest_server_disconnect (PwRestServer *self)
{
  g_return_if_fail (PW_IS_REST_SERVER (self));

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  if (self->hub != NULL)
    pw_websocket_hub_close_all (self->hub);
}
