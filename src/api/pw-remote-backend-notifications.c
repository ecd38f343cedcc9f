/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-remote-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-remote-backend-private.h"

/*
 * Global notification rules on a Pipewright server (its agent sends the
 * webhooks), under /api/pipewright/notification_policies. A Prefect server
 * notifies through its own block documents: there the operations fail
 * with PW_BACKEND_ERROR_UNSUPPORTED.
 */

typedef struct
{
  PwNotificationPolicy *policy;
  char                 *id;
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->policy);
  g_free (op->id);
  g_free (op);
}

static gpointer
parse_policy (JsonNode  *root,
              GBytes    *body,
              gpointer   data,
              GError   **error)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  PwNotificationPolicy *policy = pw_rest_read_notification_policy (root, "policy", problems);

  if (policy == NULL)
    g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                 _("The server sent a notification rule that cannot be read: %s"),
                 pw_rest_problems_get_message (problems, 0));
  return policy;
}

static gpointer
parse_policies (JsonNode  *root,
                GBytes    *body,
                gpointer   data,
                GError   **error)
{
  GListStore *store;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("The server sent something else than a list of notification rules"));
      return NULL;
    }
  store = g_list_store_new (PW_TYPE_NOTIFICATION_POLICY);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      g_autoptr(PwNotificationPolicy) policy = parse_policy (json_array_get_element (json_node_get_array (root), i),
                                                             body, data, error);

      if (policy == NULL)
        {
          g_object_unref (store);
          return NULL;
        }
      g_list_store_append (store, policy);
    }
  return store;
}

static void delete_async (PwBackend           *backend,
                          const char          *id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data);

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer value = _pw_remote_send_finish (PW_REMOTE_BACKEND (object), result, &error);

  if (value == NULL)
    g_task_return_error (task, error);
  else if (g_task_get_source_tag (task) == delete_async)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, value, g_object_unref);
}

static void
next (PwRemoteBackend *self,
      GTask           *task)
{
  Op *op = g_task_get_task_data (task);
  PwRemoteRequest *request;

  if (self->kind != PW_SERVER_KIND_PIPEWRIGHT)
    {
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                               _("Notification rules are not available on the Prefect server at %s: "
                                 "Prefect notifies through its own blocks. Set them in Prefect’s UI."),
                               self->api_url);
      g_object_unref (task);
      return;
    }

  if (op->id != NULL)
    {
      g_autofree char *escaped = _pw_remote_escape (op->id);
      g_autofree char *path = g_strconcat ("/pipewright/notification_policies/", escaped, NULL);

      request = _pw_remote_request_new ("DELETE", path, NULL);
      _pw_remote_request_set_not_found (request, _("There is no such notification rule"));
    }
  else if (op->policy != NULL)
    {
      GString *body = g_string_new (NULL);
      PwJsonWriter w;

      pw_json_writer_init (&w, body);
      pw_rest_write_notification_policy (&w, op->policy);
      request = _pw_remote_request_new ("POST", "/pipewright/notification_policies", body);
      request->parse = parse_policy;
      request->result_free = g_object_unref;
    }
  else
    {
      request = _pw_remote_request_new ("GET", "/pipewright/notification_policies", NULL);
      request->parse = parse_policies;
      request->result_free = g_object_unref;
    }
  _pw_remote_send_async (self, request, g_task_get_cancellable (task), sent_cb, task);
}

static void
start (PwBackend            *backend,
       gpointer              source_tag,
       PwNotificationPolicy *policy,
       const char           *id,
       GCancellable         *cancellable,
       GAsyncReadyCallback   callback,
       gpointer              user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->policy = policy != NULL ? g_object_ref (policy) : NULL;
  op->id = g_strdup (id);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify)op_free);
  _pw_remote_when_known (PW_REMOTE_BACKEND (backend), task, next);
}

static void
list_async (PwBackend           *backend,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  start (backend, list_async, NULL, NULL, cancellable, callback, user_data);
}

static GListModel *
list_finish (PwBackend     *backend,
             GAsyncResult  *result,
             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_async (PwBackend            *backend,
           PwNotificationPolicy *policy,
           GCancellable         *cancellable,
           GAsyncReadyCallback   callback,
           gpointer              user_data)
{
  start (backend, add_async, policy, NULL, cancellable, callback, user_data);
}

static PwNotificationPolicy *
add_finish (PwBackend     *backend,
            GAsyncResult  *result,
            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_async (PwBackend           *backend,
              const char          *id,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  start (backend, delete_async, NULL, id, cancellable, callback, user_data);
}

static gboolean
delete_finish (PwBackend     *backend,
               GAsyncResult  *result,
               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_pw_remote_backend_init_notifications (PwBackendInterface *iface)
{
  iface->list_notification_policies_async = list_async;
  iface->list_notification_policies_finish = list_finish;
  iface->add_notification_policy_async = add_async;
  iface->add_notification_policy_finish = add_finish;
  iface->delete_notification_policy_async = delete_async;
  iface->delete_notification_policy_finish = delete_finish;
}
