/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-websocket"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-rest-json.h"
#include "pw-websocket.h"

/*
 * PwWebsocketHub: the server side of `/api/pipewright/events`.
 *
 * Changes are noted (on the main thread) in sets of ids; a flush a moment
 * later takes the sets, reads the records in a worker thread (one query
 * per kind, whatever the number of ids), writes the messages there, and
 * sends them to every client on the main thread. One flush runs at a time;
 * changes noted meanwhile wait for the next one.
 */

struct _PwWebsocketHub
{
  GObject     parent_instance;

  PwStore    *store;
  GPtrArray  *clients;        /* SoupWebsocketConnection */
  GHashTable *flow_runs;      /* flow run id set */
  GHashTable *task_runs;      /* task run id → flow run id */
  GHashTable *logs;           /* flow run id → GUINT_TO_POINTER (n_lines) */
  gboolean    flows;
  gboolean    deployments;
  gboolean    work_queues;
  guint       flush_id;
  gboolean    flushing;
};

G_DEFINE_FINAL_TYPE (PwWebsocketHub, pw_websocket_hub, G_TYPE_OBJECT)

/* What one flush reads and writes. */
typedef struct
{
  GHashTable *flow_runs;
  GHashTable *task_runs;
  GHashTable *logs;
  gboolean    flows;
  gboolean    deployments;
  gboolean    work_queues;
  GPtrArray  *messages;       /* char * */
} Flush;

static void
flush_free (Flush *flush)
{
  g_clear_pointer (&flush->flow_runs, g_hash_table_unref);
  g_clear_pointer (&flush->task_runs, g_hash_table_unref);
  g_clear_pointer (&flush->logs, g_hash_table_unref);
  g_clear_pointer (&flush->messages, g_ptr_array_unref);
  g_free (flush);
}

static GHashTable *
new_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
pw_websocket_hub_dispose (GObject *object)
{
  PwWebsocketHub *self = (PwWebsocketHub *)object;

  pw_websocket_hub_close_all (self);
  g_clear_handle_id (&self->flush_id, g_source_remove);

  G_OBJECT_CLASS (pw_websocket_hub_parent_class)->dispose (object);
}

static void
pw_websocket_hub_finalize (GObject *object)
{
  PwWebsocketHub *self = (PwWebsocketHub *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->flow_runs, g_hash_table_unref);
  g_clear_pointer (&self->task_runs, g_hash_table_unref);
  g_clear_pointer (&self->logs, g_hash_table_unref);

  G_OBJECT_CLASS (pw_websocket_hub_parent_class)->finalize (object);
}

static void
pw_websocket_hub_class_init (PwWebsocketHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_websocket_hub_dispose;
  object_class->finalize = pw_websocket_hub_finalize;
}

static void
pw_websocket_hub_init (PwWebsocketHub *self)
{
  self->clients = g_ptr_array_new_with_free_func (g_object_unref);
  self->flow_runs = new_set ();
  self->task_runs = new_set ();
  self->logs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * pw_websocket_hub_new:
 * @store: the store connection the hub reads changed records with (used
 *   from one worker thread at a time)
 *
 * Returns: (transfer full): a hub without clients
 */
PwWebsocketHub *
pw_websocket_hub_new (PwStore *store)
{
  PwWebsocketHub *self = g_object_new (PW_TYPE_WEBSOCKET_HUB, NULL);

  self->store = g_object_ref (store);
  return self;
}

static void
on_closed (SoupWebsocketConnection *connection,
           PwWebsocketHub          *self)
{
  g_ptr_array_remove (self->clients, connection);
}

static void
websocket_cb (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  PwWebsocketHub *self = user_data;

  /* Keep the connection alive through idle NATs and proxies. */
  soup_websocket_connection_set_keepalive_interval (connection, 30);
  g_ptr_array_add (self->clients, g_object_ref (connection));
  g_signal_connect_object (connection, "closed", G_CALLBACK (on_closed), self, 0);
  g_debug ("websocket client %u connected", self->clients->len);
}

/**
 * pw_websocket_hub_attach:
 *
 * Serves the stream at %PW_WEBSOCKET_PATH on @server. Authentication is
 * the server's business (its early handler sees the upgrade request).
 */
void
pw_websocket_hub_attach (PwWebsocketHub *self,
                         SoupServer     *server)
{
  g_return_if_fail (PW_IS_WEBSOCKET_HUB (self));

  soup_server_add_websocket_handler (server, PW_WEBSOCKET_PATH, NULL, NULL,
                                     websocket_cb, self, NULL);
}

guint
pw_websocket_hub_get_n_clients (PwWebsocketHub *self)
{
  g_return_val_if_fail (PW_IS_WEBSOCKET_HUB (self), 0);
  return self->clients->len;
}

void
pw_websocket_hub_close_all (PwWebsocketHub *self)
{
  g_autoptr(GPtrArray) clients = NULL;

  g_return_if_fail (PW_IS_WEBSOCKET_HUB (self));

  clients = g_steal_pointer (&self->clients);
  self->clients = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      SoupWebsocketConnection *connection = g_ptr_array_index (clients, i);

      g_signal_handlers_disconnect_by_data (connection, self);
      if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
}

/* Reading and writing, in a worker thread */

static GStrv
keys_of (GHashTable *table)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_strv_builder_add (builder, key);
  return g_strv_builder_end (builder);
}

static void
add_message (Flush   *flush,
             GString *message)
{
  g_ptr_array_add (flush->messages, g_string_free (message, FALSE));
}

static void
write_flow_runs (PwStore   *store,
                 Flush     *flush,
                 GDateTime *now)
{
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  filter->id_any = keys_of (flush->flow_runs);
  runs = pw_store_list_flow_runs (store, filter, PW_FLOW_RUN_SORT_ID_DESC, G_MAXUINT, 0, &error);
  if (runs == NULL)
    {
      g_warning ("Could not read changed flow runs: %s", error->message);
      return;
    }

  for (guint i = 0; i < runs->len; i++)
    {
      PwFlowRun *run = g_ptr_array_index (runs, i);
      GString *message = g_string_new ("{\"type\":\"flow_run\",\"flow_run_id\":");
      PwJsonWriter w;

      pw_json_append_string (message, pw_flow_run_get_id (run));
      g_string_append (message, ",\"flow_run\":");
      pw_json_writer_init (&w, message);
      pw_rest_write_flow_run (&w, run, now);
      g_string_append_c (message, '}');
      add_message (flush, message);
    }
}

static void
write_task_runs (PwStore   *store,
                 Flush     *flush,
                 GDateTime *now)
{
  g_autoptr(PwTaskRunFilter) filter = pw_task_run_filter_new ();
  g_autoptr(GPtrArray) task_runs = NULL;
  g_autoptr(GError) error = NULL;

  filter->id_any = keys_of (flush->task_runs);
  task_runs = pw_store_list_task_runs (store, filter, PW_TASK_RUN_SORT_EXPECTED_START_TIME_ASC,
                                       G_MAXUINT, 0, &error);
  if (task_runs == NULL)
    {
      g_warning ("Could not read changed task runs: %s", error->message);
      return;
    }

  for (guint i = 0; i < task_runs->len; i++)
    {
      PwTaskRun *task_run = g_ptr_array_index (task_runs, i);
      GString *message = g_string_new ("{\"type\":\"task_run\",\"flow_run_id\":");
      PwJsonWriter w;

      pw_json_append_string (message, pw_task_run_get_flow_run_id (task_run));
      g_string_append (message, ",\"task_run_id\":");
      pw_json_append_string (message, pw_task_run_get_id (task_run));
      g_string_append (message, ",\"task_run\":");
      pw_json_writer_init (&w, message);
      pw_rest_write_task_run (&w, task_run, now);
      g_string_append_c (message, '}');
      add_message (flush, message);
    }
}

/* The newest @n_lines lines of a run, oldest first (at most a page). */
static void
write_logs (PwStore    *store,
            Flush      *flush,
            const char *flow_run_id,
            guint       n_lines)
{
  g_autoptr(PwLogFilter) filter = pw_log_filter_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  GString *message = g_string_new ("{\"type\":\"logs\",\"flow_run_id\":");
  PwJsonWriter w;

  pw_log_filter_set_flow_run_id (filter, flow_run_id);
  lines = pw_store_list_logs (store, filter, PW_LOG_SORT_TIMESTAMP_DESC,
                              MIN (n_lines, PW_REST_MAX_LIMIT), 0, &error);
  if (lines == NULL)
    g_warning ("Could not read new log lines: %s", error->message);

  pw_json_append_string (message, flow_run_id);
  g_string_append_printf (message, ",\"n_lines\":%u,\"logs\":", n_lines);
  pw_json_writer_init (&w, message);
  pw_json_writer_begin_array (&w);
  for (guint i = lines != NULL ? lines->len : 0; i > 0; i--)
    pw_rest_write_log (&w, g_ptr_array_index (lines, i - 1));
  pw_json_writer_end_array (&w);
  g_string_append_c (message, '}');
  add_message (flush, message);
}

static void
flush_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PwWebsocketHub *self = source_object;
  Flush *flush = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (g_hash_table_size (flush->flow_runs) > 0)
    write_flow_runs (self->store, flush, now);
  if (g_hash_table_size (flush->task_runs) > 0)
    write_task_runs (self->store, flush, now);
  g_hash_table_iter_init (&iter, flush->logs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    write_logs (self->store, flush, key, GPOINTER_TO_UINT (value));
  if (flush->flows)
    g_ptr_array_add (flush->messages, g_strdup ("{\"type\":\"flows\"}"));
  if (flush->deployments)
    g_ptr_array_add (flush->messages, g_strdup ("{\"type\":\"deployments\"}"));
  if (flush->work_queues)
    g_ptr_array_add (flush->messages, g_strdup ("{\"type\":\"work_queues\"}"));

  g_task_return_boolean (task, TRUE);
}

static void schedule_flush (PwWebsocketHub *self);

static void
flush_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PwWebsocketHub *self = PW_WEBSOCKET_HUB (object);
  Flush *flush = g_task_get_task_data (G_TASK (result));

  self->flushing = FALSE;
  for (guint i = 0; i < flush->messages->len; i++)
    for (guint c = 0; c < self->clients->len; c++)
      {
        SoupWebsocketConnection *connection = g_ptr_array_index (self->clients, c);

        if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
          soup_websocket_connection_send_text (connection, g_ptr_array_index (flush->messages, i));
      }

  if (g_hash_table_size (self->flow_runs) > 0 || g_hash_table_size (self->task_runs) > 0 ||
      g_hash_table_size (self->logs) > 0 || self->flows || self->deployments || self->work_queues)
    schedule_flush (self);
}

static gboolean
flush_cb (gpointer user_data)
{
  PwWebsocketHub *self = user_data;
  g_autoptr(GTask) task = NULL;
  Flush *flush;

  self->flush_id = 0;
  if (self->flushing)
    return G_SOURCE_REMOVE;

  /* Nobody listens: nothing to read. */
  if (self->clients->len == 0)
    {
      g_hash_table_remove_all (self->flow_runs);
      g_hash_table_remove_all (self->task_runs);
      g_hash_table_remove_all (self->logs);
      self->flows = self->deployments = self->work_queues = FALSE;
      return G_SOURCE_REMOVE;
    }

  flush = g_new0 (Flush, 1);
  flush->flow_runs = g_steal_pointer (&self->flow_runs);
  flush->task_runs = g_steal_pointer (&self->task_runs);
  flush->logs = g_steal_pointer (&self->logs);
  flush->flows = self->flows;
  flush->deployments = self->deployments;
  flush->work_queues = self->work_queues;
  flush->messages = g_ptr_array_new_with_free_func (g_free);
  self->flow_runs = new_set ();
  self->task_runs = new_set ();
  self->logs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->flows = self->deployments = self->work_queues = FALSE;
  self->flushing = TRUE;

  task = g_task_new (self, NULL, flush_done_cb, NULL);
  g_task_set_source_tag (task, flush_cb);
  g_task_set_task_data (task, flush, (GDestroyNotify)flush_free);
  g_task_run_in_thread (task, flush_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_flush (PwWebsocketHub *self)
{
  if (self->flush_id == 0 && !self->flushing)
    self->flush_id = g_timeout_add (PW_WEBSOCKET_FLUSH_MS, flush_cb, self);
}

void
pw_websocket_hub_flow_run_changed (PwWebsocketHub *self,
                                   const char     *flow_run_id)
{
  g_return_if_fail (PW_IS_WEBSOCKET_HUB (self));

  if (self->clients->len == 0 || flow_run_id == NULL)
    return;
  g_hash_table_replace (self->flow_runs, g_strdup (flow_run_id), NULL);
  schedule_flush (self);
}

void
pw_websocket_hub_task_run_changed (PwWebsocketHub *self,
                                   const char     *flow_run_id,
                                   const char     *task_run_id)
{
  g_return_if_fail (PW_IS_WEBSOCKET_HUB (self));

  if (self->clients->len == 0 || task_run_id == NULL)
    return;
  g_hash_table_replace (self->task_runs, g_strdup (task_run_id), g_strdup (flow_run_id));
  schedule_flush (self);
}

void
pw_websocket_hub_logs_appended (PwWebsocketHub *self,
                                const char     *flow_run_id,
                                guint           n_lines)
{
  guint before;

  g_return_if_fail (PW_IS_WEBSOCKET_HUB (self));

  if (self->clients->len == 0 || flow_run_id == NULL || n_lines == 0)
    return;
  before = GPOINTER_TO_UINT (g_hash_table_lookup (self->logs, flow_run_id));
  g_hash_table_replace (self->logs, g_strdup (flow_run_id), GUINT_TO_POINTER (before + n_lines));
  schedule_flush (self);
}

void
pw_websocket_hub_flows_changed (PwWebsocketHub *self)
{
  g_return_if_fail (PW_IS_WEBSOCKET_HUB (self));

  if (self->clients->len == 0)
    return;
  self->flows = TRUE;
  schedule_flush (self);
}

void
pw_websocket_hub_deployments_changed (PwWebsocketHub *self)
{
  g_return_if_fail (PW_IS_WEBSOCKET_HUB (self));

  if (self->clients->len == 0)
    return;
  self->deployments = TRUE;
  schedule_flush (self);
}

void
pw_websocket_hub_work_queues_changed (PwWebsocketHub *self)
{
  g_return_if_fail (PW_IS_WEBSOCKET_HUB (self));

  if (self->clients->len == 0)
    return;
  self->work_queues = TRUE;
  schedule_flush (self);
}
