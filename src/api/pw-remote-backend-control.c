/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-remote-backend"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-remote-backend-private.h"

/*
 * Starting, retrying and cancelling flow runs: through Pipewright's own
 * endpoints on a Pipewright server (its engine runs them), through
 * Prefect's states on a Prefect one, as Prefect's UI does. Which, once the
 * server is known.
 */

static gpointer
parse_flow_run (JsonNode  *root,
                GBytes    *body,
                gpointer   data,
                GError   **error)
{
  return pw_rest_read_flow_run (root, error);
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
started_cb (GObject      *object,
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

typedef struct
{
  char    *id;
  gboolean cancel;
  gboolean from_failed;
  char    *flow_name;
  guint    version;
  char    *parameters;
} StateOp;

static void
state_op_free (StateOp *op)
{
  g_free (op->id);
  g_free (op->flow_name);
  g_free (op->parameters);
  g_free (op);
}

static void
run_flow_next (PwRemoteBackend *self,
               GTask           *task)
{
  StateOp *op = g_task_get_task_data (task);
  g_autofree char *escaped = _pw_remote_escape (op->flow_name);
  g_autofree char *path = g_strdup_printf ("/pipewright/flows/%s/run", escaped);
  PwRemoteRequest *request;
  GString *body;

  if (self->kind == PW_SERVER_KIND_PREFECT)
    {
      g_task_return_error (task, _pw_remote_unsupported_error (self, _("Running a flow without a deployment")));
      g_object_unref (task);
      return;
    }

  body = g_string_new (NULL);
  g_string_append_printf (body, "{\"version\":%u", op->version);
  if (op->parameters != NULL)
    g_string_append_printf (body, ",\"parameters\":%s", op->parameters);
  g_string_append_c (body, '}');

  request = _pw_remote_request_new ("POST", path, body);
  request->parse = parse_flow_run;
  request->result_free = g_object_unref;
  _pw_remote_request_set_not_found (request, _("There is no such flow on the server"));
  _pw_remote_send_async (self, request, g_task_get_cancellable (task), started_cb, task);
}

static void
run_flow_async (PwBackend           *backend,
                const char          *flow_name,
                guint                version,
                const char          *parameters,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  g_autoptr(JsonNode) params = NULL;
  StateOp *op = g_new0 (StateOp, 1);

  g_task_set_source_tag (task, run_flow_async);
  op->flow_name = g_strdup (flow_name);
  op->version = version;
  op->parameters = g_strdup (parameters);
  g_task_set_task_data (task, op, (GDestroyNotify)state_op_free);

  if (parameters != NULL)
    {
      params = pw_rest_parse_json (parameters, strlen (parameters), NULL);
      if (params == NULL || !JSON_NODE_HOLDS_OBJECT (params))
        {
          g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                                   _("The run parameters are not a JSON object"));
          g_object_unref (task);
          return;
        }
    }
  /* Which endpoint, if any, depends on the server. */
  _pw_remote_when_known (PW_REMOTE_BACKEND (backend), task, run_flow_next);
}

/* Prefect: a state proposed the way Prefect's UI proposes it */

static gpointer
parse_orchestration (JsonNode  *root,
                     GBytes    *body,
                     gpointer   data,
                     GError   **error)
{
  JsonObject *object;
  JsonNode *details;
  const char *status;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (status = pw_rest_member_string (json_node_get_object (root), "status")) == NULL)
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("The server sent something else than an orchestration result"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (g_str_equal (status, "ACCEPT") || g_str_equal (status, "REJECT"))
    return g_strdup (status);

  details = json_object_get_member (object, "details");
  g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID, _("The server refused: %s"),
               details != NULL && JSON_NODE_HOLDS_OBJECT (details) &&
               pw_rest_member_string (json_node_get_object (details), "reason") != NULL
                 ? pw_rest_member_string (json_node_get_object (details), "reason") : status);
  return NULL;
}

static void
state_set_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  StateOp *op = g_task_get_task_data (task);
  g_autofree char *status = NULL;
  GError *error = NULL;

  status = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (op->cancel)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  _pw_remote_read_flow_run (PW_REMOTE_BACKEND (object), task, op->id);
}

static void
propose_state (PwRemoteBackend *self,
               GTask           *task,
               PwStateType      type,
               const char      *name,
               const char      *message)
{
  StateOp *op = g_task_get_task_data (task);
  g_autofree char *escaped = _pw_remote_escape (op->id);
  g_autofree char *path = g_strdup_printf ("/flow_runs/%s/set_state", escaped);
  GString *body = g_string_new (NULL);
  PwRemoteRequest *request;
  PwJsonWriter w;

  pw_json_writer_init (&w, body);
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "state");
  pw_json_writer_begin_object (&w);
  pw_json_writer_member (&w, "type");
  pw_json_writer_string (&w, pw_state_type_to_string (type));
  if (name != NULL)
    {
      pw_json_writer_member (&w, "name");
      pw_json_writer_string (&w, name);
    }
  pw_json_writer_member (&w, "message");
  pw_json_writer_string (&w, message);
  pw_json_writer_end_object (&w);
  pw_json_writer_member (&w, "force");
  pw_json_writer_bool (&w, FALSE);
  pw_json_writer_end_object (&w);

  request = _pw_remote_request_new ("POST", path, body);
  request->parse = parse_orchestration;
  request->result_free = g_free;
  _pw_remote_request_set_not_found (request, _("Flow run not found"));
  _pw_remote_send_async (self, request, g_task_get_cancellable (task), state_set_cb, task);
}

static void
retry_flow_run_next (PwRemoteBackend *self,
                     GTask           *task)
{
  StateOp *op = g_task_get_task_data (task);

  if (self->kind == PW_SERVER_KIND_PREFECT)
    {
      /* Prefect retries a run in place: back to its queue as AwaitingRetry
       * (only runs of deployments can). */
      propose_state (self, task, PW_STATE_TYPE_SCHEDULED, "AwaitingRetry", _("Retry from Pipewright"));
    }
  else
    {
      g_autofree char *escaped = _pw_remote_escape (op->id);
      g_autofree char *path = g_strdup_printf ("/pipewright/flow_runs/%s/retry", escaped);
      GString *body = g_string_new (NULL);
      PwRemoteRequest *request;

      g_string_append_printf (body, "{\"from_failed\":%s}", op->from_failed ? "true" : "false");
      request = _pw_remote_request_new ("POST", path, body);
      request->parse = parse_flow_run;
      request->result_free = g_object_unref;
      _pw_remote_request_set_not_found (request, _("Flow run not found"));
      _pw_remote_send_async (self, request, g_task_get_cancellable (task), started_cb, task);
    }
}

static void
retry_flow_run_async (PwBackend           *backend,
                      const char          *id,
                      gboolean             from_failed,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  StateOp *op = g_new0 (StateOp, 1);

  g_task_set_source_tag (task, retry_flow_run_async);
  op->id = g_strdup (id);
  op->from_failed = from_failed;
  g_task_set_task_data (task, op, (GDestroyNotify)state_op_free);
  _pw_remote_when_known (PW_REMOTE_BACKEND (backend), task, retry_flow_run_next);
}

static void
cancel_done_cb (GObject      *object,
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
run_to_cancel_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(PwFlowRun) run = NULL;
  GError *error = NULL;
  PwStateType type;

  run = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);
  if (run == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  type = pw_flow_run_get_state_type (run);
  if (pw_state_type_is_terminal (type))
    {
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                               _("Flow run “%s” has already finished (%s)"),
                               pw_flow_run_get_name (run), pw_flow_run_get_state_name (run));
      g_object_unref (task);
      return;
    }

  /* A running run of a deployment is stopped by its agent (Cancelling);
   * anything else is simply cancelled, as Prefect's UI does. */
  if ((type == PW_STATE_TYPE_RUNNING || type == PW_STATE_TYPE_PENDING ||
       type == PW_STATE_TYPE_PAUSED) && pw_flow_run_get_deployment_id (run) != NULL)
    propose_state (PW_REMOTE_BACKEND (object), task, PW_STATE_TYPE_CANCELLING, NULL,
                   _("Cancelled from Pipewright"));
  else
    propose_state (PW_REMOTE_BACKEND (object), task, PW_STATE_TYPE_CANCELLED, NULL,
                   _("Cancelled from Pipewright"));
}

static void
cancel_flow_run_next (PwRemoteBackend *self,
                      GTask           *task)
{
  StateOp *op = g_task_get_task_data (task);
  g_autofree char *escaped = _pw_remote_escape (op->id);
  PwRemoteRequest *request;

  if (self->kind == PW_SERVER_KIND_PREFECT)
    {
      g_autofree char *path = g_strconcat ("/flow_runs/", escaped, NULL);

      request = _pw_remote_request_new ("GET", path, NULL);
      request->parse = parse_flow_run;
      request->result_free = g_object_unref;
      _pw_remote_request_set_not_found (request, _("Flow run not found"));
      _pw_remote_send_async (self, request, g_task_get_cancellable (task), run_to_cancel_cb, task);
    }
  else
    {
      g_autofree char *path = g_strdup_printf ("/pipewright/flow_runs/%s/cancel", escaped);

      request = _pw_remote_request_new ("POST", path, g_string_new ("{}"));
      _pw_remote_request_set_not_found (request, _("Flow run not found"));
      _pw_remote_send_async (self, request, g_task_get_cancellable (task), cancel_done_cb, task);
    }
}

static void
cancel_flow_run_async (PwBackend           *backend,
                       const char          *id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  StateOp *op = g_new0 (StateOp, 1);

  g_task_set_source_tag (task, cancel_flow_run_async);
  op->id = g_strdup (id);
  op->cancel = TRUE;
  g_task_set_task_data (task, op, (GDestroyNotify)state_op_free);
  _pw_remote_when_known (PW_REMOTE_BACKEND (backend), task, cancel_flow_run_next);
}

static gboolean
boolean_finish (PwBackend     *backend,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_pw_remote_backend_init_control (PwBackendInterface *iface)
{
  iface->run_flow_async = run_flow_async;
  iface->run_flow_finish = flow_run_finish;
  iface->retry_flow_run_async = retry_flow_run_async;
  iface->retry_flow_run_finish = flow_run_finish;
  iface->cancel_flow_run_async = cancel_flow_run_async;
  iface->cancel_flow_run_finish = boolean_finish;
}
