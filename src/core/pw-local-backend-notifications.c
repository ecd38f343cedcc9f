/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-local-backend"

#include "config.h"

#include "pw-local-backend-private.h"

/*
 * The global notification rules of PwLocalBackend, read and written in
 * worker threads (the store serialises its own use).
 */

typedef enum
{
  NOTIFICATION_LIST,
  NOTIFICATION_ADD,
  NOTIFICATION_DELETE,
} NotificationOpKind;

typedef struct
{
  NotificationOpKind    kind;
  PwNotificationPolicy *policy;
  char                 *id;
} NotificationOp;

static void
notification_op_free (NotificationOp *op)
{
  g_clear_object (&op->policy);
  g_clear_pointer (&op->id, g_free);
  g_free (op);
}

static void
notification_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PwLocalBackend *self = source_object;
  NotificationOp *op = task_data;
  GError *error = NULL;

  switch (op->kind)
    {
    case NOTIFICATION_LIST:
      {
        g_autoptr(GPtrArray) rules = pw_store_list_notification_rules (self->store, &error);
        GListStore *model;

        if (rules == NULL)
          break;
        model = g_list_store_new (PW_TYPE_NOTIFICATION_POLICY);
        g_list_store_splice (model, 0, 0, rules->pdata, rules->len);
        g_task_return_pointer (task, model, g_object_unref);
        return;
      }

    case NOTIFICATION_ADD:
      if (!pw_store_add_notification_rule (self->store, op->policy, &error))
        break;
      g_task_return_pointer (task, g_object_ref (op->policy), g_object_unref);
      return;

    case NOTIFICATION_DELETE:
      if (!pw_store_delete_notification_rule (self->store, op->id, &error))
        break;
      g_task_return_boolean (task, TRUE);
      return;

    default:
      g_assert_not_reached ();
    }

  g_task_return_error (task, error);
}

static void
start (PwBackend            *backend,
       gpointer              source_tag,
       NotificationOpKind    kind,
       PwNotificationPolicy *policy,
       const char           *id,
       GCancellable         *cancellable,
       GAsyncReadyCallback   callback,
       gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  NotificationOp *op = g_new0 (NotificationOp, 1);

  op->kind = kind;
  /* the worker gives the rule its id and creation time: the caller waits
   * for the result before touching it again */
  op->policy = policy != NULL ? g_object_ref (policy) : NULL;
  op->id = g_strdup (id);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify)notification_op_free);
  g_task_run_in_thread (task, notification_thread);
}

static void
list_policies_async (PwBackend           *backend,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  start (backend, list_policies_async, NOTIFICATION_LIST, NULL, NULL, cancellable, callback, user_data);
}

static GListModel *
list_policies_finish (PwBackend     *backend,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_policy_async (PwBackend            *backend,
                  PwNotificationPolicy *policy,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data)
{
  start (backend, add_policy_async, NOTIFICATION_ADD, policy, NULL, cancellable, callback, user_data);
}

static PwNotificationPolicy *
add_policy_finish (PwBackend     *backend,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_policy_async (PwBackend           *backend,
                     const char          *id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  start (backend, delete_policy_async, NOTIFICATION_DELETE, NULL, id, cancellable, callback, user_data);
}

static gboolean
delete_policy_finish (PwBackend     *backend,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_pw_local_backend_init_notifications (PwBackendInterface *iface)
{
  iface->list_notification_policies_async = list_policies_async;
  iface->list_notification_policies_finish = list_policies_finish;
  iface->add_notification_policy_async = add_policy_async;
  iface->add_notification_policy_finish = add_policy_finish;
  iface->delete_notification_policy_async = delete_policy_async;
  iface->delete_notification_policy_finish = delete_policy_finish;
}
