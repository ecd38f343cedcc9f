/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-remote-backend"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-remote-backend-private.h"
#include "pw-websocket.h"

/*
 * Live updates: the backend's flow-run-changed, task-run-changed,
 * logs-appended and flows-changed signals for what happens on the server.
 *
 * A Pipewright server pushes every change over its websocket
 * (pw-websocket.h); the records it sends are kept while the socket is
 * open, so that reading a run that just changed costs no request.
 *
 * A Prefect server is polled (API.md §11), every 5 s as its own UI does:
 * the runs in an active state and those that started since the last poll
 * (`flow_runs.start_time.after_`), and the runs watched before that left
 * both lists, are compared by state id with what was seen; then, only when
 * someone listens for them, their task runs and their new log lines
 * (`logs.timestamp.after_`). A Pipewright server whose websocket cannot be
 * opened (a proxy that does not pass it) is polled the same way.
 */

#define MAX_WEBSOCKET_MESSAGE (16 * 1024 * 1024)

static guint
signal_id (const char *name)
{
  return g_signal_lookup (name, PW_TYPE_BACKEND);
}

static gboolean
has_listeners (PwRemoteBackend *self,
               const char      *name)
{
  return g_signal_has_handler_pending (self, signal_id (name), 0, TRUE);
}

/* The websocket */

static void
on_message (SoupWebsocketConnection *connection,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            PwRemoteBackend         *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const char *kind;
  const char *flow_run_id;
  gsize size;
  const char *data = g_bytes_get_data (message, &size);

  if (type != SOUP_WEBSOCKET_DATA_TEXT ||
      (root = pw_rest_parse_json (data, size, &error)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("Ignoring a websocket message that is not a JSON object%s%s",
               error != NULL ? ": " : "", error != NULL ? error->message : "");
      return;
    }

  object = json_node_get_object (root);
  kind = pw_rest_member_string (object, "type");
  flow_run_id = pw_rest_member_string (object, "flow_run_id");

  if (g_strcmp0 (kind, "flow_run") == 0 && flow_run_id != NULL)
    {
      g_autoptr(PwFlowRun) run = pw_rest_read_flow_run (json_object_get_member (object, "flow_run"), NULL);
      const char *name = run != NULL ? g_hash_table_lookup (self->flow_names, pw_flow_run_get_flow_id (run)) : NULL;

      /* Kept only when complete: a run without its flow's name is read
       * through the API, which looks the name up. */
      if (run != NULL && name != NULL)
        {
          pw_flow_run_set_flow_name (run, name);
          g_hash_table_replace (self->flow_run_cache, g_strdup (flow_run_id), g_steal_pointer (&run));
        }
      else
        g_hash_table_remove (self->flow_run_cache, flow_run_id);
      pw_backend_emit_flow_run_changed (PW_BACKEND (self), flow_run_id);
    }
  else if (g_strcmp0 (kind, "task_run") == 0 && flow_run_id != NULL)
    {
      const char *task_run_id = pw_rest_member_string (object, "task_run_id");
      g_autoptr(PwTaskRun) task_run = NULL;

      if (task_run_id == NULL)
        return;
      task_run = pw_rest_read_task_run (json_object_get_member (object, "task_run"), NULL);
      if (task_run != NULL)
        g_hash_table_replace (self->task_run_cache, g_strdup (task_run_id), g_steal_pointer (&task_run));
      else
        g_hash_table_remove (self->task_run_cache, task_run_id);
      pw_backend_emit_task_run_changed (PW_BACKEND (self), flow_run_id, task_run_id);
    }
  else if (g_strcmp0 (kind, "logs") == 0 && flow_run_id != NULL)
    {
      JsonNode *n_lines = json_object_get_member (object, "n_lines");

      if (n_lines != NULL && JSON_NODE_HOLDS_VALUE (n_lines) &&
          json_node_get_value_type (n_lines) == G_TYPE_INT64 && json_node_get_int (n_lines) > 0)
        pw_backend_emit_logs_appended (PW_BACKEND (self), flow_run_id,
                                       (guint)MIN (json_node_get_int (n_lines), G_MAXUINT));
    }
  else if (g_strcmp0 (kind, "flows") == 0)
    pw_backend_emit_flows_changed (PW_BACKEND (self));
  else if (g_strcmp0 (kind, "deployments") == 0)
    pw_backend_emit_deployments_changed (PW_BACKEND (self));
  else if (g_strcmp0 (kind, "work_queues") == 0)
    pw_backend_emit_work_queues_changed (PW_BACKEND (self));
}

static void
drop_websocket (PwRemoteBackend *self)
{
  g_hash_table_remove_all (self->flow_run_cache);
  g_hash_table_remove_all (self->task_run_cache);
  if (self->websocket == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->websocket, self);
  if (soup_websocket_connection_get_state (self->websocket) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->websocket, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&self->websocket);
}

static void
on_closed (SoupWebsocketConnection *connection,
           PwRemoteBackend         *self)
{
  g_autoptr(GError) error = NULL;

  /* The server went away (or restarts): what is missed from now on is
   * only known by asking again, so say offline and let the probe bring
   * the stream back. */
  drop_websocket (self);
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                               _("The server closed the live stream"));
  _pw_remote_transport_failed (self, error);
}

static void start_polling (PwRemoteBackend *self);

static void
websocket_connected_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  PwRemoteBackend *self = user_data;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (connection == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->websocket_cancellable);
      if (error->domain == SOUP_WEBSOCKET_ERROR)
        {
          /* The server answers, but not with a websocket: poll it. */
          g_debug ("No live stream from %s (%s); polling instead", self->api_url, error->message);
          self->websocket_failed = TRUE;
          g_object_notify (G_OBJECT (self), "capabilities");
          g_signal_emit_by_name (self, "connection-changed");
          start_polling (self);
          return;
        }
      _pw_remote_transport_failed (self, error);
      return;
    }

  g_clear_object (&self->websocket_cancellable);
  soup_websocket_connection_set_max_incoming_payload_size (connection, MAX_WEBSOCKET_MESSAGE);
  soup_websocket_connection_set_keepalive_interval (connection, 30);
  self->websocket = g_steal_pointer (&connection);
  g_signal_connect (self->websocket, "message", G_CALLBACK (on_message), self);
  g_signal_connect (self->websocket, "closed", G_CALLBACK (on_closed), self);
}

static void
connect_websocket (PwRemoteBackend *self)
{
  g_autoptr(GUri) api = g_uri_parse (self->api_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  if (api == NULL || self->websocket != NULL || self->websocket_cancellable != NULL)
    return;

  /* …/api → …/api/pipewright/events, over ws:// or wss:// */
  path = g_strconcat (g_uri_get_path (api), "/pipewright/events", NULL);
  uri = g_uri_build (G_URI_FLAGS_NONE,
                     g_strcmp0 (g_uri_get_scheme (api), "https") == 0 ? "wss" : "ws",
                     NULL, g_uri_get_host (api), g_uri_get_port (api), path, NULL, NULL);
  msg = soup_message_new_from_uri ("GET", uri);
  if (self->api_key != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->api_key, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }

  self->websocket_cancellable = g_cancellable_new ();
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->websocket_cancellable, websocket_connected_cb, self);
}

/* Polling */

static const char *
state_id_of (PwState *state)
{
  return state != NULL && pw_state_get_id (state) != NULL ? pw_state_get_id (state) : "";
}

typedef struct
{
  gboolean    primed;       /* a tick before this one learnt what was there */
  GPtrArray  *runs;         /* PwFlowRun seen in this tick */
  GHashTable *seen;         /* run id set */
  GStrv       follow;       /* runs whose task runs and lines to read */
} Tick;

static void
tick_free (Tick *tick)
{
  g_clear_pointer (&tick->runs, g_ptr_array_unref);
  g_clear_pointer (&tick->seen, g_hash_table_unref);
  g_clear_pointer (&tick->follow, g_strfreev);
  g_free (tick);
}

static void schedule_poll (PwRemoteBackend *self);
static void poll_step     (PwRemoteBackend *self,
                           GTask           *task,
                           guint            step);

static void
send_poll (PwRemoteBackend     *self,
           GTask               *task,
           const char          *path,
           GString             *body,
           PwRemoteParser       parse,
           GAsyncReadyCallback  callback)
{
  PwRemoteRequest *request = _pw_remote_request_new ("POST", path, body);

  request->parse = parse;
  request->result_free = (GDestroyNotify)g_ptr_array_unref;
  request->quiet = TRUE;
  _pw_remote_send_async (self, request, self->cancellable, callback, task);
}

static void
runs_polled_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  GTask *task = user_data;
  Tick *tick = g_task_get_task_data (task);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  guint step = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "step"));

  runs = _pw_remote_send_finish (self, result, &error);
  if (runs == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < runs->len; i++)
    {
      PwFlowRun *run = g_ptr_array_index (runs, i);

      if (g_hash_table_add (tick->seen, g_strdup (pw_flow_run_get_id (run))))
        g_ptr_array_add (tick->runs, g_object_ref (run));
    }
  poll_step (self, task, step + 1);
}


/* What the poll remembers of a run: "TYPE|STATE_ID". */
static char *
run_memory (PwFlowRun *run)
{
  return g_strdup_printf ("%s|%s", pw_state_type_to_string (pw_flow_run_get_state_type (run)),
                          state_id_of (pw_flow_run_get_state (run)));
}

static gboolean
memory_is_terminal (const char *memory)
{
  g_autofree char *type_text = g_strndup (memory, strcspn (memory, "|"));
  PwStateType type;

  return pw_state_type_from_string (type_text, &type) && pw_state_type_is_terminal (type);
}

/* Compares what the runs' polls brought with what was seen before: a run
 * new since the first poll, or in another state, has changed. The task
 * runs and lines to read are those of active runs and of runs that just
 * changed. */
static void
compare_runs (PwRemoteBackend *self,
              Tick            *tick)
{
  g_autoptr(GStrvBuilder) follow = g_strv_builder_new ();
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) since = self->poll_since != NULL ? pw_rest_parse_time (self->poll_since) : NULL;

  for (guint i = 0; i < tick->runs->len; i++)
    {
      PwFlowRun *run = g_ptr_array_index (tick->runs, i);
      const char *id = pw_flow_run_get_id (run);
      g_autofree char *memory = run_memory (run);
      const char *before = g_hash_table_lookup (self->poll_runs, id);
      gboolean is_new = g_strcmp0 (before, memory) != 0;
      GDateTime *start = pw_flow_run_get_start_time (run);

      if (self->poll_primed && is_new)
        g_ptr_array_add (changed, g_strdup (id));
      if (is_new || !pw_state_type_is_terminal (pw_flow_run_get_state_type (run)))
        g_strv_builder_add (follow, id);
      g_hash_table_replace (self->poll_runs, g_strdup (id), g_steal_pointer (&memory));

      if (start != NULL && (since == NULL || g_date_time_compare (start, since) > 0))
        {
          g_clear_pointer (&since, g_date_time_unref);
          since = g_date_time_ref (start);
        }
    }

  /* Forget ended runs no poll brings any more, past a few thousand. */
  if (g_hash_table_size (self->poll_runs) > 5000)
    {
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      g_hash_table_iter_init (&iter, self->poll_runs);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (memory_is_terminal (value) && !g_hash_table_contains (tick->seen, key))
          g_hash_table_iter_remove (&iter);
    }

  if (since == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      since = g_date_time_add_seconds (now, -(double)self->poll_interval / 1000);
    }
  g_free (self->poll_since);
  self->poll_since = pw_rest_format_time (since);
  tick->follow = g_strv_builder_end (follow);
  self->poll_primed = TRUE;

  for (guint i = 0; i < changed->len; i++)
    pw_backend_emit_flow_run_changed (PW_BACKEND (self), g_ptr_array_index (changed, i));
}

static void
task_runs_polled_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  GTask *task = user_data;
  Tick *tick = g_task_get_task_data (task);
  g_autoptr(GPtrArray) task_runs = NULL;
  g_autoptr(GError) error = NULL;

  task_runs = _pw_remote_send_finish (self, result, &error);
  if (task_runs == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < task_runs->len; i++)
    {
      PwTaskRun *task_run = g_ptr_array_index (task_runs, i);
      const char *id = pw_task_run_get_id (task_run);
      const char *state_id = state_id_of (pw_task_run_get_state (task_run));

      if (g_strcmp0 (g_hash_table_lookup (self->poll_task_states, id), state_id) == 0)
        continue;
      g_hash_table_replace (self->poll_task_states, g_strdup (id), g_strdup (state_id));
      if (tick->primed)
        pw_backend_emit_task_run_changed (PW_BACKEND (self), pw_task_run_get_flow_run_id (task_run), id);
    }
  poll_step (self, task, 4);
}

static gpointer
parse_logs (JsonNode  *root,
            GBytes    *body,
            gpointer   data,
            GError   **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED, "not a list");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (root), i);
      PwLogEntry *entry = pw_rest_read_log (node, error);

      if (entry == NULL)
        return NULL;
      /* Keep the line's own id for de-duplication at the boundary. */
      g_object_set_data_full (G_OBJECT (entry), "pw-id",
                              g_strdup (pw_rest_member_string (json_node_get_object (node), "id")),
                              g_free);
      g_ptr_array_add (lines, entry);
    }
  return g_steal_pointer (&lines);
}

static void
logs_polled_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  GTask *task = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) per_run = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  lines = _pw_remote_send_finish (self, result, &error);
  if (lines == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  for (guint i = 0; i < lines->len; i++)
    {
      PwLogEntry *entry = g_ptr_array_index (lines, i);
      const char *id = g_object_get_data (G_OBJECT (entry), "pw-id");
      g_autofree char *timestamp = pw_rest_format_time (pw_log_entry_get_timestamp (entry));
      guint n;

      /* after_ is inclusive: lines at the last timestamp came before. */
      if (id != NULL && g_hash_table_contains (self->poll_log_ids, id))
        continue;
      if (g_strcmp0 (timestamp, self->poll_log_since) != 0)
        {
          g_hash_table_remove_all (self->poll_log_ids);
          g_free (self->poll_log_since);
          self->poll_log_since = g_steal_pointer (&timestamp);
        }
      if (id != NULL)
        g_hash_table_add (self->poll_log_ids, g_strdup (id));

      n = GPOINTER_TO_UINT (g_hash_table_lookup (per_run, pw_log_entry_get_flow_run_id (entry)));
      g_hash_table_replace (per_run, g_strdup (pw_log_entry_get_flow_run_id (entry)),
                            GUINT_TO_POINTER (n + 1));
    }

  g_hash_table_iter_init (&iter, per_run);
  while (g_hash_table_iter_next (&iter, &key, &value))
    pw_backend_emit_logs_appended (PW_BACKEND (self), key, GPOINTER_TO_UINT (value));
  poll_step (self, task, 5);
}

static GString *
runs_body (const char *flow_runs_json,
           const char *sort)
{
  GString *body = g_string_new ("{\"flow_runs\":");

  g_string_append (body, flow_runs_json);
  g_string_append_printf (body, ",\"sort\":\"%s\",\"limit\":%d}", sort, PW_REST_MAX_LIMIT);
  return body;
}

static GString *
ids_body (const char * const *ids,
          const char         *resource,
          const char         *extra)
{
  GString *body = g_string_new (NULL);
  PwJsonWriter w;

  pw_json_writer_init (&w, body);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, resource);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "id");
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "any_");
  pw_json_writer_strv (&w, ids);
  pw_json_writer_end_object (&w);
  pw_json_writer_end_object (&w);
  pw_json_writer_end_object (&w);
  g_string_truncate (body, body->len - 1);
  g_string_append_printf (body, "%s,\"limit\":%d}", extra, PW_REST_MAX_LIMIT);
  return body;
}

/* The steps of one tick, each sending at most one request:
 * 0 active runs, 1 runs started since, 2 watched runs not seen,
 * 3 task runs, 4 log lines, 5 done. */
static void
poll_step (PwRemoteBackend *self,
           GTask           *task,
           guint            step)
{
  Tick *tick = g_task_get_task_data (task);

  g_object_set_data (G_OBJECT (task), "step", GUINT_TO_POINTER (step));
  switch (step)
    {
    case 0:
      send_poll (self, task, "/flow_runs/filter",
                 runs_body ("{\"state\":{\"type\":{\"any_\":[\"PENDING\",\"RUNNING\",\"CANCELLING\",\"PAUSED\"]}}}",
                            "START_TIME_DESC"),
                 _pw_remote_parse_flow_runs, runs_polled_cb);
      return;

    case 1:
      if (self->poll_since != NULL)
        {
          g_autofree char *filter = g_strdup_printf ("{\"start_time\":{\"after_\":\"%s\"}}", self->poll_since);

          send_poll (self, task, "/flow_runs/filter", runs_body (filter, "START_TIME_DESC"),
                     _pw_remote_parse_flow_runs, runs_polled_cb);
          return;
        }
      G_GNUC_FALLTHROUGH;

    case 2:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) missing = NULL;
        GHashTableIter iter;
        gpointer key;
        guint n = 0;

        g_object_set_data (G_OBJECT (task), "step", GUINT_TO_POINTER (2));
        gpointer value;

        g_hash_table_iter_init (&iter, self->poll_runs);
        while (g_hash_table_iter_next (&iter, &key, &value) && n < PW_REST_MAX_LIMIT)
          if (!memory_is_terminal (value) && !g_hash_table_contains (tick->seen, key))
            {
              g_strv_builder_add (builder, key);
              n++;
            }
        missing = g_strv_builder_end (builder);
        if (missing[0] != NULL)
          {
            send_poll (self, task, "/flow_runs/filter",
                       ids_body ((const char * const *)missing, "flow_runs", ""),
                       _pw_remote_parse_flow_runs, runs_polled_cb);
            return;
          }
      }
      G_GNUC_FALLTHROUGH;

    case 3:
      if (tick->follow == NULL)
        compare_runs (self, tick);
      if (tick->follow[0] != NULL && has_listeners (self, "task-run-changed"))
        {
          g_object_set_data (G_OBJECT (task), "step", GUINT_TO_POINTER (3));
          send_poll (self, task, "/task_runs/filter",
                     ids_body ((const char * const *)tick->follow, "flow_runs",
                               ",\"sort\":\"EXPECTED_START_TIME_ASC\""),
                     _pw_remote_parse_task_runs, task_runs_polled_cb);
          return;
        }
      G_GNUC_FALLTHROUGH;

    case 4:
      if (tick->follow[0] != NULL && has_listeners (self, "logs-appended"))
        {
          GString *body = g_string_new (NULL);
          PwJsonWriter w;

          if (self->poll_log_since == NULL)
            {
              /* What came before listening was read by the listener. */
              g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
              self->poll_log_since = pw_rest_format_time (now);
            }
          pw_json_writer_init (&w, body);
          pw_json_writer_begin_object (&w);
          pw_json_writer_member (&w, "logs");
          pw_json_writer_begin_object (&w);
          pw_json_writer_member (&w, "flow_run_id");
          pw_json_writer_begin_object (&w);
          pw_json_writer_member (&w, "any_");
          pw_json_writer_strv (&w, (const char * const *)tick->follow);
          pw_json_writer_end_object (&w);
          pw_json_writer_member (&w, "timestamp");
          pw_json_writer_begin_object (&w);
          pw_json_writer_member (&w, "after_");
          pw_json_writer_string (&w, self->poll_log_since);
          pw_json_writer_end_object (&w);
          pw_json_writer_end_object (&w);
          pw_json_writer_member (&w, "sort");
          pw_json_writer_string (&w, "TIMESTAMP_ASC");
          pw_json_writer_member (&w, "limit");
          pw_json_writer_int (&w, PW_REST_MAX_LIMIT);
          pw_json_writer_end_object (&w);
          g_object_set_data (G_OBJECT (task), "step", GUINT_TO_POINTER (4));
          send_poll (self, task, "/logs/filter", body, parse_logs, logs_polled_cb);
          return;
        }
      G_GNUC_FALLTHROUGH;

    default:
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
}

static void
tick_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Polling %s: %s", self->api_url, error->message);
    }
  /* Offline stops the polling; the probe starts it again. */
  if (self->poll_running && self->state == PW_CONNECTION_STATE_ONLINE)
    schedule_poll (self);
  else
    self->poll_running = FALSE;
}

static gboolean
poll_cb (gpointer user_data)
{
  PwRemoteBackend *self = user_data;
  GTask *task = g_task_new (self, NULL, tick_done_cb, NULL);
  Tick *tick = g_new0 (Tick, 1);

  self->poll_id = 0;
  tick->primed = self->poll_primed;
  tick->runs = g_ptr_array_new_with_free_func (g_object_unref);
  tick->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_source_tag (task, poll_cb);
  g_task_set_task_data (task, tick, (GDestroyNotify)tick_free);
  poll_step (self, task, 0);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (PwRemoteBackend *self)
{
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add (self->poll_interval, poll_cb, self);
}

static void
start_polling (PwRemoteBackend *self)
{
  if (self->poll_running)
    return;
  self->poll_running = TRUE;
  if (self->poll_runs == NULL)
    {
      self->poll_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->poll_task_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->poll_log_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  /* The first tick at once: it learns what is there without signalling. */
  self->poll_id = g_idle_add (poll_cb, self);
}

/**
 * _pw_remote_live_start:
 *
 * Starts the live updates that suit the server (it is online).
 */
void
_pw_remote_live_start (PwRemoteBackend *self)
{
  if (self->kind == PW_SERVER_KIND_PIPEWRIGHT && !self->websocket_failed)
    connect_websocket (self);
  else if (self->kind != PW_SERVER_KIND_UNKNOWN)
    start_polling (self);
}

/**
 * _pw_remote_live_stop:
 *
 * Stops them (going offline, or closing).
 */
void
_pw_remote_live_stop (PwRemoteBackend *self)
{
  if (self->websocket_cancellable != NULL)
    {
      g_cancellable_cancel (self->websocket_cancellable);
      g_clear_object (&self->websocket_cancellable);
    }
  drop_websocket (self);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->poll_running = FALSE;
  /* After a gap, a run is new again: prime the next poll afresh. */
  self->poll_primed = FALSE;
}
