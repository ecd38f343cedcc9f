/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-remote-backend"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-flow-file.h"
#include "pw-flow-validate.h"
#include "pw-flow.h"
#include "pw-problem.h"
#include "pw-remote-backend-private.h"

/*
 * Flows on a server. A Pipewright server keeps their definitions, read and
 * written as flow files under /api/pipewright/flows; a Prefect server has
 * names and tags only (its flows are Python code), so it lists them and
 * refuses the rest with PW_BACKEND_ERROR_UNSUPPORTED.
 */

static gpointer
parse_flow_infos (JsonNode  *root,
                  GBytes    *body,
                  gpointer   data,
                  GError   **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("The server sent something else than a list of flows"));
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PwFlowInfo *info = pw_rest_read_flow (json_array_get_element (array, i), error);

      if (info == NULL)
        return NULL;
      g_ptr_array_add (infos, info);
    }
  return g_steal_pointer (&infos);
}

static gpointer
parse_flow_info (JsonNode  *root,
                 GBytes    *body,
                 gpointer   data,
                 GError   **error)
{
  return pw_rest_read_flow (root, error);
}

/* A flow file, loaded and validated in the worker thread. */
static gpointer
parse_document (JsonNode  *root,
                GBytes    *body,
                gpointer   data,
                GError   **error)
{
  gsize size;
  const char *text = g_bytes_get_data (body, &size);

  return pw_flow_file_load_data (text, size, data, NULL, error);
}

/* list_flows */

typedef struct
{
  char      *search;
  guint      offset;
  GPtrArray *infos;
} FlowList;

static void
flow_list_free (FlowList *list)
{
  g_free (list->search);
  g_clear_pointer (&list->infos, g_ptr_array_unref);
  g_free (list);
}

static void request_flow_page (PwRemoteBackend *self,
                               GTask           *task);

static void
flows_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  g_autoptr(GTask) task = user_data;
  FlowList *list = g_task_get_task_data (task);
  g_autoptr(GPtrArray) page = NULL;
  GError *error = NULL;
  GListStore *store;
  guint got;

  page = _pw_remote_send_finish (self, result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < page->len; i++)
    {
      PwFlowInfo *info = g_ptr_array_index (page, i);

      g_hash_table_replace (self->flow_names, g_strdup (pw_flow_info_get_id (info)),
                            g_strdup (pw_flow_info_get_name (info)));
    }
  got = page->len;
  g_ptr_array_extend_and_steal (list->infos, g_steal_pointer (&page));

  /* Prefect hands out 200 flows at a time. */
  if (self->kind != PW_SERVER_KIND_PIPEWRIGHT && got == PW_REST_MAX_LIMIT)
    {
      list->offset += got;
      request_flow_page (self, g_steal_pointer (&task));
      return;
    }

  store = g_list_store_new (PW_TYPE_FLOW_INFO);
  g_list_store_splice (store, 0, 0, list->infos->pdata, list->infos->len);
  g_task_return_pointer (task, store, g_object_unref);
}

static void
request_flow_page (PwRemoteBackend *self,
                   GTask           *task)
{
  FlowList *list = g_task_get_task_data (task);
  PwRemoteRequest *request;

  if (self->kind == PW_SERVER_KIND_PIPEWRIGHT)
    {
      g_autofree char *path = NULL;

      if (list->search != NULL && *list->search != '\0')
        {
          g_autofree char *escaped = g_uri_escape_string (list->search, NULL, FALSE);
          path = g_strdup_printf ("/pipewright/flows?search=%s", escaped);
        }
      else
        path = g_strdup ("/pipewright/flows");
      request = _pw_remote_request_new ("GET", path, NULL);
    }
  else
    {
      GString *body = g_string_new (NULL);
      PwJsonWriter w;

      pw_json_writer_init (&w, body);
      pw_json_writer_begin_object (&w);
      if (list->search != NULL && *list->search != '\0')
        {
          g_autoptr(PwFlowFilter) filter = pw_flow_filter_new ();

          pw_flow_filter_set_name_like (filter, list->search);
          pw_rest_write_flow_filter (&w, filter);
        }
      pw_json_writer_member (&w, "sort");
      pw_json_writer_string (&w, "NAME_ASC");
      pw_json_writer_member (&w, "limit");
      pw_json_writer_int (&w, PW_REST_MAX_LIMIT);
      pw_json_writer_member (&w, "offset");
      pw_json_writer_int (&w, list->offset);
      pw_json_writer_end_object (&w);
      request = _pw_remote_request_new ("POST", "/flows/filter", body);
    }
  request->parse = parse_flow_infos;
  request->result_free = (GDestroyNotify)g_ptr_array_unref;
  _pw_remote_send_async (self, request, g_task_get_cancellable (task), flows_read_cb, task);
}

static void
list_flows_async (PwBackend           *backend,
                  const char          *search,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  FlowList *list = g_new0 (FlowList, 1);
  PwRemoteBackend *self = PW_REMOTE_BACKEND (backend);

  list->search = g_strdup (search);
  list->infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_source_tag (task, list_flows_async);
  g_task_set_task_data (task, list, (GDestroyNotify)flow_list_free);

  _pw_remote_when_known (self, task, request_flow_page);
}

static GListModel *
model_finish (PwBackend     *backend,
              GAsyncResult  *result,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Operations on one flow: only Pipewright servers */

typedef enum
{
  FLOW_GET,
  FLOW_SAVE,
  FLOW_DELETE,
  FLOW_IMPORT,
  FLOW_EXPORT,
} FlowOpKind;

typedef struct
{
  FlowOpKind  kind;
  char       *name;
  guint       version;
  GFile      *file;
  GBytes     *document;
} FlowOp;

static void
flow_op_free (FlowOp *op)
{
  g_free (op->name);
  g_clear_object (&op->file);
  g_clear_pointer (&op->document, g_bytes_unref);
  g_free (op);
}

static const char *
op_words (FlowOpKind kind)
{
  switch (kind)
    {
    case FLOW_GET: return _("Opening a flow definition");
    case FLOW_SAVE: return _("Saving a flow");
    case FLOW_DELETE: return _("Deleting a flow");
    case FLOW_IMPORT: return _("Importing a flow");
    case FLOW_EXPORT: return _("Exporting a flow definition");
    default: g_return_val_if_reached (NULL);
    }
}

static void flow_op_ready (PwRemoteBackend *self,
                           GTask           *task);

/* Runs @task once the server's kind is known (it decides everything). */
static void
start_flow_op (PwRemoteBackend *self,
               GTask           *task)
{
  _pw_remote_when_known (self, task, flow_op_ready);
}

static void
document_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlowOp *op = g_task_get_task_data (task);
  g_autoptr(PwFlow) flow = NULL;
  GError *error = NULL;

  flow = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);
  if (flow == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (op->kind == FLOW_GET)
    {
      g_task_return_pointer (task, g_steal_pointer (&flow), g_object_unref);
      return;
    }

  /* export: write what the server holds, through the flow file format. */
  {
    g_autofree char *path = g_file_get_path (op->file);

    if (path == NULL)
      {
        g_autofree char *uri = g_file_get_uri (op->file);
        g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                                 _("Cannot export to %s: only local files can be written"), uri);
        return;
      }
    if (!pw_flow_file_save_path (flow, path, &error))
      {
        g_task_return_error (task, error);
        return;
      }
    g_task_return_boolean (task, TRUE);
  }
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PwFlowInfo *info;
  GError *error = NULL;

  info = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);
  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, g_object_unref);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (_pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
put_document (PwRemoteBackend *self,
              GTask           *task)
{
  FlowOp *op = g_task_get_task_data (task);
  g_autofree char *escaped = _pw_remote_escape (op->name);
  g_autofree char *path = g_strconcat ("/pipewright/flows/", escaped, NULL);
  PwRemoteRequest *request = _pw_remote_request_new ("PUT", path, NULL);

  request->body = g_bytes_ref (op->document);
  request->parse = parse_flow_info;
  request->result_free = g_object_unref;
  _pw_remote_send_async (self, request, g_task_get_cancellable (task), saved_cb, task);
}

static void
flow_op_ready (PwRemoteBackend *self,
               GTask           *task)
{
  FlowOp *op = g_task_get_task_data (task);
  g_autofree char *escaped = op->name != NULL ? _pw_remote_escape (op->name) : NULL;
  PwRemoteRequest *request;

  if (self->kind != PW_SERVER_KIND_PIPEWRIGHT)
    {
      g_task_return_error (task, _pw_remote_unsupported_error (self, op_words (op->kind)));
      g_object_unref (task);
      return;
    }

  switch (op->kind)
    {
    case FLOW_GET:
    case FLOW_EXPORT:
      {
        g_autofree char *path = NULL;

        path = op->version > 0
          ? g_strdup_printf ("/pipewright/flows/%s?version=%u", escaped, op->version)
          : g_strdup_printf ("/pipewright/flows/%s", escaped);
        request = _pw_remote_request_new ("GET", path, NULL);
        request->raw = TRUE;
        request->parse = parse_document;
        request->parse_data = g_strdup_printf (_("flow “%s” on %s"), op->name, self->api_url);
        request->parse_data_free = g_free;
        request->result_free = g_object_unref;
        _pw_remote_send_async (self, request, g_task_get_cancellable (task), document_read_cb, task);
      }
      break;

    case FLOW_SAVE:
    case FLOW_IMPORT:
      put_document (self, task);
      break;

    case FLOW_DELETE:
      {
        g_autofree char *path = g_strconcat ("/pipewright/flows/", escaped, NULL);

        request = _pw_remote_request_new ("DELETE", path, NULL);
        _pw_remote_request_set_not_found (request, _("There is no such flow on the server"));
        _pw_remote_send_async (self, request, g_task_get_cancellable (task), deleted_cb, task);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static GTask *
flow_op_new (PwBackend           *backend,
             gpointer             source_tag,
             FlowOpKind           kind,
             const char          *name,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  FlowOp *op = g_new0 (FlowOp, 1);

  op->kind = kind;
  op->name = g_strdup (name);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify)flow_op_free);
  return task;
}

static void
get_flow_async (PwBackend           *backend,
                const char          *name,
                guint                version,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = flow_op_new (backend, get_flow_async, FLOW_GET, name, cancellable, callback, user_data);
  FlowOp *op = g_task_get_task_data (task);

  op->version = version;
  start_flow_op (PW_REMOTE_BACKEND (backend), task);
}

static PwFlow *
get_flow_finish (PwBackend     *backend,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GError *
invalid_flow_error (PwFlow    *flow,
                    GPtrArray *problems)
{
  g_autoptr(GString) message = g_string_new (NULL);

  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Flow “%s” has %u problem:",
                                       "Flow “%s” has %u problems:",
                                       problems->len),
                          pw_flow_get_name (flow), problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = pw_problem_to_string (g_ptr_array_index (problems, i));
      g_string_append_printf (message, "\n%s", line);
    }
  return g_error_new_literal (PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID, message->str);
}

static void
save_flow_async (PwBackend           *backend,
                 PwFlow              *flow,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GPtrArray) problems = pw_flow_validate (flow);
  GTask *task;
  FlowOp *op;
  char *document;
  gsize length;

  /* Checked and written here, where @flow lives, as the local backend
   * does; the server checks again. */
  if (problems->len > 0)
    {
      g_task_report_error (backend, callback, user_data, save_flow_async,
                           invalid_flow_error (flow, problems));
      return;
    }

  task = flow_op_new (backend, save_flow_async, FLOW_SAVE, pw_flow_get_name (flow),
                      cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  document = pw_flow_file_to_data (flow, &length);
  op->document = g_bytes_new_take (document, length);
  start_flow_op (PW_REMOTE_BACKEND (backend), task);
}

static PwFlowInfo *
info_finish (PwBackend     *backend,
             GAsyncResult  *result,
             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_flow_async (PwBackend           *backend,
                   const char          *name,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  start_flow_op (PW_REMOTE_BACKEND (backend),
                 flow_op_new (backend, delete_flow_async, FLOW_DELETE, name,
                              cancellable, callback, user_data));
}

static gboolean
boolean_finish (PwBackend     *backend,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* import: the file is read and checked in a worker thread, then sent */

static void
import_read_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  FlowOp *op = task_data;
  g_autofree char *path = g_file_get_path (op->file);
  g_autoptr(PwFlow) flow = NULL;
  GError *error = NULL;
  char *document;
  gsize length;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (op->file);
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                               _("Cannot import %s: only local files can be imported"), uri);
      return;
    }
  flow = pw_flow_file_load_path (path, NULL, &error);
  if (flow == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  op->name = g_strdup (pw_flow_get_name (flow));
  document = pw_flow_file_to_data (flow, &length);
  op->document = g_bytes_new_take (document, length);
  g_task_return_boolean (task, TRUE);
}

static void
import_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  start_flow_op (PW_REMOTE_BACKEND (object), task);
}

static void
import_flow_async (PwBackend           *backend,
                   GFile               *file,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = flow_op_new (backend, import_flow_async, FLOW_IMPORT, NULL,
                             cancellable, callback, user_data);
  FlowOp *op = g_task_get_task_data (task);
  g_autoptr(GTask) reader = g_task_new (backend, cancellable, import_read_cb, task);

  op->file = g_object_ref (file);
  /* The reader fills @op; the outer task holds it. */
  g_task_set_task_data (reader, op, NULL);
  g_task_set_source_tag (reader, import_read_thread);
  g_task_run_in_thread (reader, import_read_thread);
}

static void
export_flow_async (PwBackend           *backend,
                   const char          *name,
                   GFile               *file,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = flow_op_new (backend, export_flow_async, FLOW_EXPORT, name,
                             cancellable, callback, user_data);
  FlowOp *op = g_task_get_task_data (task);

  op->file = g_object_ref (file);
  start_flow_op (PW_REMOTE_BACKEND (backend), task);
}

void
_pw_remote_backend_init_flows (PwBackendInterface *iface)
{
  iface->list_flows_async = list_flows_async;
  iface->list_flows_finish = model_finish;
  iface->get_flow_async = get_flow_async;
  iface->get_flow_finish = get_flow_finish;
  iface->save_flow_async = save_flow_async;
  iface->save_flow_finish = info_finish;
  iface->delete_flow_async = delete_flow_async;
  iface->delete_flow_finish = boolean_finish;
  iface->import_flow_async = import_flow_async;
  iface->import_flow_finish = info_finish;
  iface->export_flow_async = export_flow_async;
  iface->export_flow_finish = boolean_finish;
}
