/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-remote-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-remote-backend-private.h"

/*
 * Work queues on a server (API.md §10). Prefect names a queue by id in
 * its paths; the backend's operations name it as the app does, by name,
 * so most of them read the queue by name first.
 */

#define PAGE PW_REST_MAX_LIMIT

static gpointer
parse_queue (JsonNode  *root,
             GBytes    *body,
             gpointer   data,
             GError   **error)
{
  return pw_rest_read_work_queue (root, error);
}

static gpointer
parse_queues (JsonNode  *root,
              GBytes    *body,
              gpointer   data,
              GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("The server sent something else than a list of work queues"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      PwWorkQueue *queue = pw_rest_read_work_queue (json_array_get_element (json_node_get_array (root), i), error);

      if (queue == NULL)
        return NULL;
      g_ptr_array_add (items, queue);
    }
  return g_steal_pointer (&items);
}

static gpointer
parse_status (JsonNode  *root,
              GBytes    *body,
              gpointer   data,
              GError   **error)
{
  return pw_rest_read_work_queue_status (root, error);
}

static GListModel *
model_finish (PwBackend     *backend,
              GAsyncResult  *result,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
boolean_finish (PwBackend     *backend,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static int
compare_queues (gconstpointer a,
                gconstpointer b)
{
  PwWorkQueue *x = *(PwWorkQueue **)a;
  PwWorkQueue *y = *(PwWorkQueue **)b;

  if (pw_work_queue_get_priority (x) != pw_work_queue_get_priority (y))
    return pw_work_queue_get_priority (x) < pw_work_queue_get_priority (y) ? -1 : 1;
  return g_strcmp0 (pw_work_queue_get_name (x), pw_work_queue_get_name (y));
}

static void request_queue_page (PwRemoteBackend *self,
                                GTask           *task);

static void
queue_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  GPtrArray *page = _pw_remote_op_step (object, result, task);
  GListStore *store;
  guint got;

  if (page == NULL)
    return;
  got = page->len;
  g_ptr_array_extend_and_steal (op->items, page);
  if (got == PAGE)
    {
      op->offset += got;
      request_queue_page (PW_REMOTE_BACKEND (object), task);
      return;
    }
  g_ptr_array_sort (op->items, compare_queues);
  store = g_list_store_new (PW_TYPE_WORK_QUEUE);
  g_list_store_splice (store, 0, 0, op->items->pdata, op->items->len);
  g_task_return_pointer (task, store, g_object_unref);
  g_object_unref (task);
}

static void
request_queue_page (PwRemoteBackend *self,
                    GTask           *task)
{
  PwRemoteOp *op = g_task_get_task_data (task);
  GString *body = g_string_new (NULL);
  PwRemoteRequest *request;

  g_string_append_printf (body, "{\"limit\":%d,\"offset\":%u}", PAGE, op->offset);
  request = _pw_remote_request_new ("POST", "/work_queues/filter", body);
  request->parse = parse_queues;
  request->result_free = (GDestroyNotify)g_ptr_array_unref;
  _pw_remote_op_send (self, task, request, queue_page_cb);
}

static void
list_work_queues_async (PwBackend           *backend,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, list_work_queues_async, cancellable, callback, user_data);
  PwRemoteOp *op = g_task_get_task_data (task);

  op->items = g_ptr_array_new_with_free_func (g_object_unref);
  request_queue_page (PW_REMOTE_BACKEND (backend), task);
}

/* A queue by name, then @next with it in op->queue. */
static void
find_queue (PwRemoteBackend     *self,
            GTask               *task,
            const char          *name,
            GAsyncReadyCallback  next)
{
  g_autofree char *escaped = _pw_remote_escape (name);
  g_autofree char *path = g_strconcat ("/work_queues/name/", escaped, NULL);
  g_autofree char *missing = g_strdup_printf (_("There is no work queue “%s”"), name);
  PwRemoteRequest *request = _pw_remote_request_new ("GET", path, NULL);

  request->parse = parse_queue;
  request->result_free = g_object_unref;
  _pw_remote_request_set_not_found (request, missing);
  _pw_remote_op_send (self, task, request, next);
}

static void
queue_return_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  PwWorkQueue *queue = _pw_remote_op_step (object, result, task);

  if (queue == NULL)
    return;
  g_task_return_pointer (task, queue, g_object_unref);
  g_object_unref (task);
}

static void
get_work_queue_async (PwBackend           *backend,
                      const char          *name,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, get_work_queue_async, cancellable, callback, user_data);

  find_queue (PW_REMOTE_BACKEND (backend), task, name, queue_return_cb);
}

static PwWorkQueue *
queue_finish (PwBackend     *backend,
              GAsyncResult  *result,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GString *
queue_body (PwWorkQueue *queue,
            gboolean     with_name)
{
  GString *body = g_string_new (NULL);
  const char * const *tags = pw_work_queue_get_tag_filter (queue);
  int limit = pw_work_queue_get_concurrency_limit (queue);
  PwJsonWriter w;

  pw_json_writer_init (&w, body);
  pw_json_writer_begin_object (&w);
  if (with_name)
    {
      pw_json_writer_member (&w, "name");
      pw_json_writer_string (&w, pw_work_queue_get_name (queue));
    }
  pw_json_writer_member (&w, "description");
  pw_json_writer_string (&w, pw_work_queue_get_description (queue) != NULL
                               ? pw_work_queue_get_description (queue) : "");
  pw_json_writer_member (&w, "is_paused");
  pw_json_writer_bool (&w, pw_work_queue_get_paused (queue));
  pw_json_writer_member (&w, "concurrency_limit");
  if (limit >= 0)
    pw_json_writer_int (&w, limit);
  else
    pw_json_writer_null (&w);
  pw_json_writer_member (&w, "priority");
  pw_json_writer_int (&w, MAX (1, pw_work_queue_get_priority (queue)));
  if (tags != NULL && tags[0] != NULL)
    {
      pw_json_writer_member (&w, "filter");
      pw_json_writer_begin_object (&w);
      pw_json_writer_member (&w, "tags");
      pw_json_writer_strv (&w, tags);
      pw_json_writer_member (&w, "deployment_ids");
      pw_json_writer_null (&w);
      pw_json_writer_end_object (&w);
    }
  pw_json_writer_end_object (&w);
  return body;
}

static void
create_work_queue_async (PwBackend           *backend,
                         PwWorkQueue         *queue,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, create_work_queue_async, cancellable, callback, user_data);
  PwRemoteRequest *request = _pw_remote_request_new ("POST", "/work_queues/", queue_body (queue, TRUE));

  request->parse = parse_queue;
  request->result_free = g_object_unref;
  _pw_remote_op_send (PW_REMOTE_BACKEND (backend), task, request, queue_return_cb);
}

/* update_work_queue, set_work_queue_paused: PATCH, then read it back */

static void
patched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);

  if (_pw_remote_op_step (object, result, task) == NULL)
    return;
  find_queue (PW_REMOTE_BACKEND (object), task, op->name, queue_return_cb);
}

static void
patch_queue (PwRemoteBackend *self,
             GTask           *task,
             const char      *id,
             GString         *body)
{
  g_autofree char *escaped = _pw_remote_escape (id);
  g_autofree char *path = g_strconcat ("/work_queues/", escaped, NULL);
  PwRemoteRequest *request = _pw_remote_request_new ("PATCH", path, body);

  _pw_remote_request_set_not_found (request, _("Work queue not found"));
  _pw_remote_op_send (self, task, request, patched_cb);
}

static void
update_work_queue_async (PwBackend           *backend,
                         PwWorkQueue         *queue,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, update_work_queue_async, cancellable, callback, user_data);
  PwRemoteOp *op = g_task_get_task_data (task);

  op->name = g_strdup (pw_work_queue_get_name (queue));
  if (pw_work_queue_get_id (queue) == NULL)
    {
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                               _("Work queue “%s” has no id: read it from the server first"),
                               op->name);
      g_object_unref (task);
      return;
    }
  patch_queue (PW_REMOTE_BACKEND (backend), task, pw_work_queue_get_id (queue), queue_body (queue, TRUE));
}

static void
pause_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  g_autoptr(PwWorkQueue) queue = _pw_remote_op_step (object, result, task);
  GString *body;

  if (queue == NULL)
    return;
  body = g_string_new (NULL);
  g_string_append_printf (body, "{\"is_paused\":%s}", op->paused ? "true" : "false");
  patch_queue (PW_REMOTE_BACKEND (object), task, pw_work_queue_get_id (queue), body);
}

static void
set_work_queue_paused_async (PwBackend           *backend,
                             const char          *name,
                             gboolean             paused,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, set_work_queue_paused_async, cancellable, callback, user_data);
  PwRemoteOp *op = g_task_get_task_data (task);

  op->name = g_strdup (name);
  op->paused = paused;
  find_queue (PW_REMOTE_BACKEND (backend), task, name, pause_found_cb);
}

/* delete_work_queue */

static void
delete_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(PwWorkQueue) queue = _pw_remote_op_step (object, result, task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  PwRemoteRequest *request;

  if (queue == NULL)
    return;
  escaped = _pw_remote_escape (pw_work_queue_get_id (queue));
  path = g_strconcat ("/work_queues/", escaped, NULL);
  request = _pw_remote_request_new ("DELETE", path, NULL);
  _pw_remote_request_set_not_found (request, _("Work queue not found"));
  _pw_remote_op_send (PW_REMOTE_BACKEND (object), task, request, _pw_remote_op_done_cb);
}

static void
delete_work_queue_async (PwBackend           *backend,
                         const char          *name,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, delete_work_queue_async, cancellable, callback, user_data);

  find_queue (PW_REMOTE_BACKEND (backend), task, name, delete_found_cb);
}

/* preview_work_queue: get_runs as the UI asks (not an agent's poll) */

static void
preview_named_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  GListStore *store;

  if (!_pw_remote_fill_flow_names_finish (PW_REMOTE_BACKEND (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  store = g_list_store_new (PW_TYPE_FLOW_RUN);
  g_list_store_splice (store, 0, 0, op->items->pdata, op->items->len);
  g_task_return_pointer (task, store, g_object_unref);
}

static void
runs_got_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  GPtrArray *runs = _pw_remote_op_step (object, result, task);

  if (runs == NULL)
    return;
  _pw_remote_op_return_runs (PW_REMOTE_BACKEND (object), task, runs, preview_named_cb);
}

static void
preview_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  PwRemoteOp *op = g_task_get_task_data (task);
  g_autoptr(PwWorkQueue) queue = _pw_remote_op_step (object, result, task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  PwRemoteRequest *request;
  GString *body;
  PwJsonWriter w;

  if (queue == NULL)
    return;
  escaped = _pw_remote_escape (pw_work_queue_get_id (queue));
  path = g_strdup_printf ("/work_queues/%s/get_runs", escaped);
  body = g_string_new (NULL);
  pw_json_writer_init (&w, body);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "limit");
  pw_json_writer_int (&w, op->n > 0 ? MIN (op->n, PAGE) : PAGE);
  pw_json_writer_member (&w, "scheduled_before");
  pw_json_writer_time (&w, op->until);
  pw_json_writer_member (&w, "agent_id");
  pw_json_writer_null (&w);
  pw_json_writer_end_object (&w);

  request = _pw_remote_request_new ("POST", path, body);
  request->ui = TRUE;
  request->parse = _pw_remote_parse_flow_runs;
  request->result_free = (GDestroyNotify)g_ptr_array_unref;
  _pw_remote_request_set_not_found (request, _("Work queue not found"));
  _pw_remote_op_send (PW_REMOTE_BACKEND (object), task, request, runs_got_cb);
}

static void
preview_work_queue_async (PwBackend           *backend,
                          const char          *name,
                          GDateTime           *until,
                          guint                limit,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, preview_work_queue_async, cancellable, callback, user_data);
  PwRemoteOp *op = g_task_get_task_data (task);

  op->n = limit;
  /* Prefect hands out runs due by then; "all" is as far as a year. */
  if (until != NULL)
    op->until = g_date_time_ref (until);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      op->until = g_date_time_add_years (now, 1);
    }
  find_queue (PW_REMOTE_BACKEND (backend), task, name, preview_found_cb);
}

/* get_work_queue_status */

static void
status_got_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  PwWorkQueueStatus *status = _pw_remote_op_step (object, result, task);

  if (status == NULL)
    return;
  g_task_return_pointer (task, status, (GDestroyNotify)pw_work_queue_status_free);
  g_object_unref (task);
}

static void
status_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(PwWorkQueue) queue = _pw_remote_op_step (object, result, task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  PwRemoteRequest *request;

  if (queue == NULL)
    return;
  escaped = _pw_remote_escape (pw_work_queue_get_id (queue));
  path = g_strdup_printf ("/work_queues/%s/status", escaped);
  request = _pw_remote_request_new ("GET", path, NULL);
  request->parse = parse_status;
  request->result_free = (GDestroyNotify)pw_work_queue_status_free;
  _pw_remote_request_set_not_found (request, _("Work queue not found"));
  _pw_remote_op_send (PW_REMOTE_BACKEND (object), task, request, status_got_cb);
}

static void
get_work_queue_status_async (PwBackend           *backend,
                             const char          *name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = _pw_remote_op_task_new (backend, get_work_queue_status_async, cancellable, callback, user_data);

  find_queue (PW_REMOTE_BACKEND (backend), task, name, status_found_cb);
}

static PwWorkQueueStatus *
status_finish (PwBackend     *backend,
               GAsyncResult  *result,
               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_pw_remote_backend_init_work_queues (PwBackendInterface *iface)
{
  iface->list_work_queues_async = list_work_queues_async;
  iface->list_work_queues_finish = model_finish;
  iface->get_work_queue_async = get_work_queue_async;
  iface->get_work_queue_finish = queue_finish;
  iface->create_work_queue_async = create_work_queue_async;
  iface->create_work_queue_finish = queue_finish;
  iface->update_work_queue_async = update_work_queue_async;
  iface->update_work_queue_finish = queue_finish;
  iface->delete_work_queue_async = delete_work_queue_async;
  iface->delete_work_queue_finish = boolean_finish;
  iface->set_work_queue_paused_async = set_work_queue_paused_async;
  iface->set_work_queue_paused_finish = queue_finish;
  iface->preview_work_queue_async = preview_work_queue_async;
  iface->preview_work_queue_finish = model_finish;
  iface->get_work_queue_status_async = get_work_queue_status_async;
  iface->get_work_queue_status_finish = status_finish;
}
