/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-backend.h"

G_DEFINE_QUARK (pw-backend-error-quark, pw_backend_error)

G_DEFINE_INTERFACE (PwBackend, pw_backend, G_TYPE_OBJECT)

enum {
  FLOWS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pw_backend_default_init (PwBackendInterface *iface)
{
  /**
   * PwBackend::flows-changed:
   *
   * A flow was saved, imported or deleted, here or (for backends that can
   * tell) by another client. Lists of flows should be read again.
   */
  signals[FLOWS_CHANGED] =
    g_signal_new ("flows-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

void
pw_backend_emit_flows_changed (PwBackend *self)
{
  g_return_if_fail (PW_IS_BACKEND (self));

  g_signal_emit (self, signals[FLOWS_CHANGED], 0);
}

/* Each wrapper checks its arguments and forwards to the implementation. */
#define PW_BACKEND_FORWARD_ASYNC(op, ...) \
  G_STMT_START { \
    g_return_if_fail (PW_IS_BACKEND (self)); \
    g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable)); \
    PW_BACKEND_GET_IFACE (self)->op (self, __VA_ARGS__, cancellable, callback, user_data); \
  } G_STMT_END

void
pw_backend_list_flows_async (PwBackend           *self,
                             const char          *search,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PW_BACKEND_FORWARD_ASYNC (list_flows_async, search);
}

/**
 * pw_backend_list_flows_finish:
 *
 * Returns: (transfer full): a #GListModel of #PwFlowInfo, sorted by name
 */
GListModel *
pw_backend_list_flows_finish (PwBackend     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->list_flows_finish (self, result, error);
}

/**
 * pw_backend_get_flow_async:
 * @name: the flow's name
 * @version: a version number, or 0 for the latest
 */
void
pw_backend_get_flow_async (PwBackend           *self,
                           const char          *name,
                           guint                version,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_ASYNC (get_flow_async, name, version);
}

PwFlow *
pw_backend_get_flow_finish (PwBackend     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->get_flow_finish (self, result, error);
}

/**
 * pw_backend_save_flow_async:
 *
 * Validates @flow and stores it as a new version of the flow of its name
 * (creating the flow when it is new). An invalid flow fails with
 * %PW_BACKEND_ERROR_INVALID and a message listing every problem.
 */
void
pw_backend_save_flow_async (PwBackend           *self,
                            PwFlow              *flow,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (flow != NULL);
  PW_BACKEND_FORWARD_ASYNC (save_flow_async, flow);
}

PwFlowInfo *
pw_backend_save_flow_finish (PwBackend     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->save_flow_finish (self, result, error);
}

void
pw_backend_delete_flow_async (PwBackend           *self,
                              const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  PW_BACKEND_FORWARD_ASYNC (delete_flow_async, name);
}

gboolean
pw_backend_delete_flow_finish (PwBackend     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), FALSE);
  return PW_BACKEND_GET_IFACE (self)->delete_flow_finish (self, result, error);
}

/**
 * pw_backend_import_flow_async:
 *
 * Loads a flow file, validates it and saves it (a new version when a flow
 * of that name exists).
 */
void
pw_backend_import_flow_async (PwBackend           *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  PW_BACKEND_FORWARD_ASYNC (import_flow_async, file);
}

PwFlowInfo *
pw_backend_import_flow_finish (PwBackend     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), NULL);
  return PW_BACKEND_GET_IFACE (self)->import_flow_finish (self, result, error);
}

void
pw_backend_export_flow_async (PwBackend           *self,
                              const char          *name,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  g_return_if_fail (G_IS_FILE (file));
  PW_BACKEND_FORWARD_ASYNC (export_flow_async, name, file);
}

gboolean
pw_backend_export_flow_finish (PwBackend     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PW_IS_BACKEND (self), FALSE);
  return PW_BACKEND_GET_IFACE (self)->export_flow_finish (self, result, error);
}
