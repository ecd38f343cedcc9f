/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-remote-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-remote-backend-private.h"

/*
 * The run operations of PwRemoteBackend: lists through `/…/filter` (in
 * pages of 200, Prefect's largest, for longer lists), single reads, and
 * starting, retrying and cancelling runs — through Pipewright's own
 * endpoints on a Pipewright server, through Prefect's states on a Prefect
 * one (as Prefect's UI does).
 */

#define PAGE PW_REST_MAX_LIMIT

/* Parsers (worker threads) */

typedef gpointer (*ItemReader) (JsonNode *node, GError **error);

static GPtrArray *
parse_list (JsonNode    *root,
            ItemReader   read,
            GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("The server sent something else than a list"));
      return NULL;
    }
  array = json_node_get_array (root);
  g_ptr_array_set_size (items, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = read (json_array_get_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

gpointer
_pw_remote_parse_flow_runs (JsonNode  *root,
                            GBytes    *body,
                            gpointer   data,
                            GError   **error)
{
  return parse_list (root, (ItemReader)pw_rest_read_flow_run, error);
}

gpointer
_pw_remote_parse_task_runs (JsonNode  *root,
                            GBytes    *body,
                            gpointer   data,
                            GError   **error)
{
  return parse_list (root, (ItemReader)pw_rest_read_task_run, error);
}

static gpointer
parse_logs (JsonNode  *root,
            GBytes    *body,
            gpointer   data,
            GError   **error)
{
  return parse_list (root, (ItemReader)pw_rest_read_log, error);
}

static gpointer
parse_flow_run (JsonNode  *root,
                GBytes    *body,
                gpointer   data,
                GError   **error)
{
  return pw_rest_read_flow_run (root, error);
}

static gpointer
parse_task_run (JsonNode  *root,
                GBytes    *body,
                gpointer   data,
                GError   **error)
{
  return pw_rest_read_task_run (root, error);
}

static gpointer
parse_count (JsonNode  *root,
             GBytes    *body,
             gpointer   data,
             GError   **error)
{
  gint64 *count;

  if (!JSON_NODE_HOLDS_VALUE (root) || json_node_get_value_type (root) != G_TYPE_INT64 ||
      json_node_get_int (root) < 0)
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("The server sent something else than a count"));
      return NULL;
    }
  count = g_new (gint64, 1);
  *count = json_node_get_int (root);
  return count;
}

/* Flow names: a FlowRun carries its flow's id only */

typedef struct
{
  GPtrArray *runs;
  GStrv      ids;
} FillNames;

static void
fill_names_free (FillNames *fill)
{
  g_clear_pointer (&fill->runs, g_ptr_array_unref);
  g_clear_pointer (&fill->ids, g_strfreev);
  g_free (fill);
}

static void
apply_names (PwRemoteBackend *self,
             GPtrArray       *runs)
{
  for (guint i = 0; i < runs->len; i++)
    {
      PwFlowRun *run = g_ptr_array_index (runs, i);
      const char *flow_id = pw_flow_run_get_flow_id (run);

      if (flow_id != NULL && pw_flow_run_get_flow_name (run) == NULL)
        pw_flow_run_set_flow_name (run, g_hash_table_lookup (self->flow_names, flow_id));
    }
}

static gpointer
parse_flows (JsonNode  *root,
             GBytes    *body,
             gpointer   data,
             GError   **error)
{
  return parse_list (root, (ItemReader)pw_rest_read_flow, error);
}

static void
flows_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) flows = NULL;
  GError *error = NULL;
  FillNames *fill = g_task_get_task_data (task);

  flows = _pw_remote_send_finish (self, result, &error);
  if (flows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < flows->len; i++)
    {
      PwFlowInfo *info = g_ptr_array_index (flows, i);

      g_hash_table_replace (self->flow_names, g_strdup (pw_flow_info_get_id (info)),
                            g_strdup (pw_flow_info_get_name (info)));
    }
  apply_names (self, fill->runs);
  g_task_return_boolean (task, TRUE);
}

/**
 * _pw_remote_fill_flow_names_async:
 * @runs: (element-type PwFlowRun): runs to give their flow's name
 *
 * Looks up the names of the flows the backend has not met yet (one
 * `/flows/filter`) and sets every run's flow name.
 */
void
_pw_remote_fill_flow_names_async (PwRemoteBackend     *self,
                                  GPtrArray           *runs,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GHashTable) missing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  FillNames *fill = g_new0 (FillNames, 1);
  PwRemoteRequest *request;
  GString *body;
  PwJsonWriter w;

  g_task_set_source_tag (task, _pw_remote_fill_flow_names_async);
  fill->runs = g_ptr_array_ref (runs);
  g_task_set_task_data (task, fill, (GDestroyNotify)fill_names_free);

  for (guint i = 0; i < runs->len; i++)
    {
      const char *flow_id = pw_flow_run_get_flow_id (g_ptr_array_index (runs, i));

      if (flow_id != NULL && !g_hash_table_contains (self->flow_names, flow_id) &&
          g_hash_table_add (missing, (gpointer)flow_id))
        g_strv_builder_add (builder, flow_id);
    }
  fill->ids = g_strv_builder_end (builder);

  if (fill->ids[0] == NULL)
    {
      apply_names (self, runs);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A page of runs names at most 200 flows: one request. */
  body = g_string_new (NULL);
  pw_json_writer_init (&w, body);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "flows");
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "id");
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "any_");
  pw_json_writer_strv (&w, (const char * const *)fill->ids);
  pw_json_writer_end_object (&w);
  pw_json_writer_end_object (&w);
  pw_json_writer_member (&w, "limit");
  pw_json_writer_int (&w, MIN (g_strv_length (fill->ids), PAGE));
  pw_json_writer_end_object (&w);

  request = _pw_remote_request_new ("POST", "/flows/filter", body);
  request->parse = parse_flows;
  request->result_free = (GDestroyNotify)g_ptr_array_unref;
  _pw_remote_send_async (self, request, cancellable, flows_read_cb, g_steal_pointer (&task));
}

gboolean
_pw_remote_fill_flow_names_finish (PwRemoteBackend  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Paged lists */

typedef void (*FilterWriter) (PwJsonWriter  *w,
                              gconstpointer  filter);

typedef struct
{
  char           *path;
  char           *filter_json;    /* the filter's members, without braces */
  const char     *sort;
  PwRemoteParser  parse;
  GType           item_type;
  gboolean        flow_runs;      /* fill in flow names */
  guint           limit;          /* how many in all; G_MAXUINT for every one */
  guint           offset;
  GPtrArray      *items;
} PagedList;

static void
paged_list_free (PagedList *list)
{
  g_free (list->path);
  g_free (list->filter_json);
  g_clear_pointer (&list->items, g_ptr_array_unref);
  g_free (list);
}

static void request_page (PwRemoteBackend *self,
                          GTask           *task);

static void
names_filled_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PagedList *list = g_task_get_task_data (task);
  GError *error = NULL;
  GListStore *store;

  if (!_pw_remote_fill_flow_names_finish (PW_REMOTE_BACKEND (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  store = g_list_store_new (list->item_type);
  g_list_store_splice (store, 0, 0, list->items->pdata, list->items->len);
  g_task_return_pointer (task, store, g_object_unref);
}

static void
page_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  PagedList *list = g_task_get_task_data (task);
  g_autoptr(GPtrArray) page = NULL;
  GError *error = NULL;
  GListStore *store;
  guint asked;
  guint got;

  page = _pw_remote_send_finish (self, result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  asked = MIN (list->limit - list->items->len, PAGE);
  got = page->len;
  g_ptr_array_extend_and_steal (list->items, g_steal_pointer (&page));
  list->offset += got;

  /* A full page: there may be more. */
  if (got == asked && list->items->len < list->limit)
    {
      request_page (self, g_steal_pointer (&task));
      return;
    }

  if (list->flow_runs)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      _pw_remote_fill_flow_names_async (self, list->items, cancellable,
                                        names_filled_cb, g_steal_pointer (&task));
      return;
    }
  store = g_list_store_new (list->item_type);
  g_list_store_splice (store, 0, 0, list->items->pdata, list->items->len);
  g_task_return_pointer (task, store, g_object_unref);
}

static void
request_page (PwRemoteBackend *self,
              GTask           *task)
{
  PagedList *list = g_task_get_task_data (task);
  GString *body = g_string_new ("{");
  PwRemoteRequest *request;

  g_string_append (body, list->filter_json);
  if (body->len > 1)
    g_string_append_c (body, ',');
  if (list->sort != NULL)
    g_string_append_printf (body, "\"sort\":\"%s\",", list->sort);
  g_string_append_printf (body, "\"limit\":%u,\"offset\":%u}",
                          MIN (list->limit - list->items->len, PAGE), list->offset);

  request = _pw_remote_request_new ("POST", list->path, body);
  request->parse = list->parse;
  request->result_free = (GDestroyNotify)g_ptr_array_unref;
  _pw_remote_send_async (self, request, g_task_get_cancellable (task), page_read_cb, task);
}

/* Starts a paged list for @task (transfer full), whose data it replaces. */
static void
start_list (PwRemoteBackend *self,
            GTask           *task,
            const char      *path,
            GString         *filter_members,
            const char      *sort,
            guint            limit,
            guint            offset,
            PwRemoteParser   parse,
            GType            item_type)
{
  PagedList *list = g_new0 (PagedList, 1);

  list->path = g_strdup (path);
  list->filter_json = g_string_free (filter_members, FALSE);
  list->sort = sort;
  list->parse = parse;
  list->item_type = item_type;
  list->flow_runs = item_type == PW_TYPE_FLOW_RUN;
  list->limit = limit > 0 ? limit : PAGE;
  list->offset = offset;
  list->items = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, list, (GDestroyNotify)paged_list_free);
  request_page (self, task);
}

/* The members a filter writes, as text to put inside the body's braces. */
static GString *
members_of (FilterWriter  write,
            gconstpointer filter)
{
  GString *text = g_string_new (NULL);
  PwJsonWriter w;

  pw_json_writer_init (&w, text);
  /* Write as an object's members: open a level without its brace. */
  pw_json_writer_begin_object (&w);
  if (filter != NULL)
    write (&w, filter);
  pw_json_writer_end_object (&w);
  /* Drop the braces. */
  g_string_erase (text, 0, 1);
  g_string_truncate (text, text->len - 1);
  return text;
}

static void
list_flow_runs_async (PwBackend              *backend,
                      const PwFlowRunFilter  *filter,
                      PwFlowRunSort           sort,
                      guint                   limit,
                      guint                   offset,
                      GCancellable           *cancellable,
                      GAsyncReadyCallback     callback,
                      gpointer                user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, list_flow_runs_async);
  start_list (PW_REMOTE_BACKEND (backend), task, "/flow_runs/filter",
              members_of ((FilterWriter)pw_rest_write_flow_run_filter, filter),
              pw_rest_enum_nick (PW_TYPE_FLOW_RUN_SORT, sort), limit, offset,
              _pw_remote_parse_flow_runs, PW_TYPE_FLOW_RUN);
}

static GListModel *
model_finish (PwBackend     *backend,
              GAsyncResult  *result,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Counting */

static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree gint64 *count = NULL;
  GError *error = NULL;

  count = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);
  if (count == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, *count);
}

static void
count_flow_runs_async (PwBackend              *backend,
                       const PwFlowRunFilter  *filter,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  GString *body = g_string_new ("{");
  g_autoptr(GString) members = members_of ((FilterWriter)pw_rest_write_flow_run_filter, filter);
  PwRemoteRequest *request;

  g_task_set_source_tag (task, count_flow_runs_async);
  g_string_append_len (body, members->str, members->len);
  g_string_append_c (body, '}');
  request = _pw_remote_request_new ("POST", "/flow_runs/count", body);
  request->parse = parse_count;
  request->result_free = g_free;
  _pw_remote_send_async (PW_REMOTE_BACKEND (backend), request, cancellable, count_done_cb, task);
}

static gint64
count_flow_runs_finish (PwBackend     *backend,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

/* Single reads */

static void
run_named_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *runs = g_task_get_task_data (task);
  GError *error = NULL;

  if (!_pw_remote_fill_flow_names_finish (PW_REMOTE_BACKEND (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (g_ptr_array_index (runs, 0)), g_object_unref);
}

/* Returns a run read from the server, with its flow's name. */
void
_pw_remote_return_run (PwRemoteBackend *self,
            GTask           *task,
            PwFlowRun       *run)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (runs, run);
  g_task_set_task_data (task, runs, (GDestroyNotify)g_ptr_array_unref);
  _pw_remote_fill_flow_names_async (self, runs, g_task_get_cancellable (task), run_named_cb, task);
}

static void
flow_run_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  PwFlowRun *run;
  GError *error = NULL;

  run = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);
  if (run == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  _pw_remote_return_run (PW_REMOTE_BACKEND (object), task, run);
}

void
_pw_remote_read_flow_run (PwRemoteBackend *self,
               GTask           *task,
               const char      *id)
{
  g_autofree char *escaped = _pw_remote_escape (id);
  g_autofree char *path = g_strconcat ("/flow_runs/", escaped, NULL);
  PwRemoteRequest *request = _pw_remote_request_new ("GET", path, NULL);

  request->parse = parse_flow_run;
  request->result_free = g_object_unref;
  _pw_remote_request_set_not_found (request, _("Flow run not found"));
  _pw_remote_send_async (self, request, g_task_get_cancellable (task), flow_run_read_cb, task);
}

static gboolean
live_cache_valid (PwRemoteBackend *self)
{
  return self->websocket != NULL &&
         soup_websocket_connection_get_state (self->websocket) == SOUP_WEBSOCKET_STATE_OPEN;
}

static void
get_flow_run_async (PwBackend           *backend,
                    const char          *id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (backend);
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  PwFlowRun *cached;

  g_task_set_source_tag (task, get_flow_run_async);

  /* What the live stream just said is what the server would say. */
  cached = live_cache_valid (self) ? g_hash_table_lookup (self->flow_run_cache, id) : NULL;
  if (cached != NULL)
    {
      PwFlowRun *copy = pw_flow_run_new ();

      pw_flow_run_update_from (copy, cached);
      g_task_return_pointer (task, copy, g_object_unref);
      g_object_unref (task);
      return;
    }
  _pw_remote_read_flow_run (self, task, id);
}

static PwFlowRun *
flow_run_finish (PwBackend     *backend,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
task_run_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PwTaskRun *task_run;
  GError *error = NULL;

  task_run = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);
  if (task_run == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, task_run, g_object_unref);
}

static void
get_task_run_async (PwBackend           *backend,
                    const char          *id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (backend);
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  g_autofree char *escaped = _pw_remote_escape (id);
  g_autofree char *path = g_strconcat ("/task_runs/", escaped, NULL);
  PwRemoteRequest *request;
  PwTaskRun *cached;

  g_task_set_source_tag (task, get_task_run_async);

  cached = live_cache_valid (self) ? g_hash_table_lookup (self->task_run_cache, id) : NULL;
  if (cached != NULL)
    {
      PwTaskRun *copy = pw_task_run_new (pw_task_run_get_flow_run_id (cached),
                                         pw_task_run_get_task_key (cached),
                                         pw_task_run_get_dynamic_key (cached));

      pw_task_run_update_from (copy, cached);
      g_task_return_pointer (task, copy, g_object_unref);
      g_object_unref (task);
      return;
    }

  request = _pw_remote_request_new ("GET", path, NULL);
  request->parse = parse_task_run;
  request->result_free = g_object_unref;
  _pw_remote_request_set_not_found (request, _("Task run not found"));
  _pw_remote_send_async (self, request, cancellable, task_run_read_cb, task);
}

static PwTaskRun *
task_run_finish (PwBackend     *backend,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Task runs of a flow run: all of them in one answer from a Pipewright
 * server; page by page from a Prefect one. */

static void
all_task_runs_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) task_runs = NULL;
  GError *error = NULL;
  GListStore *store;

  task_runs = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);
  if (task_runs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  store = g_list_store_new (PW_TYPE_TASK_RUN);
  g_list_store_splice (store, 0, 0, task_runs->pdata, task_runs->len);
  g_task_return_pointer (task, store, g_object_unref);
}

static void
list_task_runs_next (PwRemoteBackend *self,
                     GTask           *outer)
{
  g_autoptr(GTask) task = outer;
  char *flow_run_id = g_task_get_task_data (task);

  if (self->kind == PW_SERVER_KIND_PIPEWRIGHT)
    {
      g_autofree char *escaped = _pw_remote_escape (flow_run_id);
      g_autofree char *path = g_strdup_printf ("/pipewright/flow_runs/%s/task_runs", escaped);
      PwRemoteRequest *request = _pw_remote_request_new ("GET", path, NULL);

      request->parse = _pw_remote_parse_task_runs;
      request->result_free = (GDestroyNotify)g_ptr_array_unref;
      _pw_remote_request_set_not_found (request, _("Flow run not found"));
      GCancellable *cancellable = g_task_get_cancellable (task);

      _pw_remote_send_async (self, request, cancellable, all_task_runs_cb, g_steal_pointer (&task));
    }
  else
    {
      g_autoptr(PwTaskRunFilter) filter = pw_task_run_filter_new ();

      pw_task_run_filter_set_flow_run_id (filter, flow_run_id);
      start_list (self, g_steal_pointer (&task), "/task_runs/filter",
                  members_of ((FilterWriter)pw_rest_write_task_run_filter, filter),
                  "EXPECTED_START_TIME_ASC", G_MAXUINT, 0,
                  _pw_remote_parse_task_runs, PW_TYPE_TASK_RUN);
    }
}

static void
list_task_runs_async (PwBackend           *backend,
                      const char          *flow_run_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, list_task_runs_async);
  g_task_set_task_data (task, g_strdup (flow_run_id), g_free);
  /* All task runs in one answer from a Pipewright server, in pages from a
   * Prefect one: which, once the server is known. */
  _pw_remote_when_known (PW_REMOTE_BACKEND (backend), task, list_task_runs_next);
}

static void
list_logs_async (PwBackend           *backend,
                 const PwLogFilter   *filter,
                 PwLogSort            sort,
                 guint                limit,
                 guint                offset,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, list_logs_async);
  start_list (PW_REMOTE_BACKEND (backend), task, "/logs/filter",
              members_of ((FilterWriter)pw_rest_write_log_filter, filter),
              pw_rest_enum_nick (PW_TYPE_LOG_SORT, sort), limit, offset,
              parse_logs, PW_TYPE_LOG_ENTRY);
}


/* The state history of a flow run's task runs (the timeline) */

static gpointer
parse_task_run_states (JsonNode  *root,
                       GBytes    *body,
                       gpointer   data,
                       GError   **error)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  GListStore *store;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("The server sent something else than a list"));
      return NULL;
    }
  array = json_node_get_array (root);
  store = g_list_store_new (PW_TYPE_STATE);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *loc = g_strdup_printf ("[%u]", i);
      g_autoptr(PwState) state = pw_rest_read_state (json_array_get_element (array, i),
                                                     loc, problems);

      if (state == NULL || pw_state_get_task_run_id (state) == NULL)
        {
          g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                       _("The server sent a task run state that is not one: %s"),
                       pw_rest_problems_get_n (problems) > 0
                         ? pw_rest_problems_get_message (problems, 0)
                         : _("it names no task run"));
          g_object_unref (store);
          return NULL;
        }
      g_list_store_append (store, state);
    }
  return store;
}

static void
task_run_states_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GListModel *states;
  GError *error = NULL;

  states = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);
  if (states == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, states, g_object_unref);
}

static void
list_task_run_states_next (PwRemoteBackend *self,
                           GTask           *outer)
{
  g_autoptr(GTask) task = outer;
  const char *flow_run_id = g_task_get_task_data (task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;
  PwRemoteRequest *request;

  /* Prefect has states per task run only (/task_run_states/?task_run_id=):
   * one request per task run is too many for a timeline that follows a
   * live run. The timeline then draws each task run from its times. */
  if (self->kind != PW_SERVER_KIND_PIPEWRIGHT)
    {
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                               _("The server at %s gives the state history of one task run "
                                 "at a time only"), self->api_url);
      return;
    }

  escaped = _pw_remote_escape (flow_run_id);
  path = g_strdup_printf ("/pipewright/flow_runs/%s/task_run_states", escaped);
  request = _pw_remote_request_new ("GET", path, NULL);
  request->parse = parse_task_run_states;
  request->result_free = g_object_unref;
  _pw_remote_request_set_not_found (request, _("Flow run not found"));
  cancellable = g_task_get_cancellable (task);
  _pw_remote_send_async (self, request, cancellable, task_run_states_cb, g_steal_pointer (&task));
}

static void
list_task_run_states_async (PwBackend           *backend,
                            const char          *flow_run_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, list_task_run_states_async);
  g_task_set_task_data (task, g_strdup (flow_run_id), g_free);
  _pw_remote_when_known (PW_REMOTE_BACKEND (backend), task, list_task_run_states_next);
}

void
_pw_remote_backend_init_runs (PwBackendInterface *iface)
{
  iface->list_flow_runs_async = list_flow_runs_async;
  iface->list_flow_runs_finish = model_finish;
  iface->count_flow_runs_async = count_flow_runs_async;
  iface->count_flow_runs_finish = count_flow_runs_finish;
  iface->get_flow_run_async = get_flow_run_async;
  iface->get_flow_run_finish = flow_run_finish;
  iface->get_task_run_async = get_task_run_async;
  iface->get_task_run_finish = task_run_finish;
  iface->list_task_runs_async = list_task_runs_async;
  iface->list_task_runs_finish = model_finish;
  iface->list_logs_async = list_logs_async;
  iface->list_logs_finish = model_finish;
  iface->list_task_run_states_async = list_task_run_states_async;
  iface->list_task_run_states_finish = model_finish;
}
