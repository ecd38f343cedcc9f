/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-profiles"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-local-backend.h"
#include "pw-profiles.h"
#include "pw-remote-backend.h"

/*
 * The backend a profile stands for, for the app: a PwLocalBackend on the
 * profile's database, or a PwRemoteBackend on its server with its API key
 * (looked up in the keyring without blocking). Nothing goes on the network
 * here: the remote backend connects at its first operation.
 */

static void
key_found_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *url = g_task_get_task_data (task);
  g_autofree char *key = NULL;
  GError *error = NULL;
  PwBackend *backend;

  key = pw_profiles_lookup_api_key_finish (PW_PROFILES (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  backend = pw_remote_backend_new (url, key, &error);
  if (key != NULL)
    memset (key, 0, strlen (key));
  if (backend == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, backend, g_object_unref);
}

/**
 * pw_profiles_open_backend_async:
 * @name: (nullable): a profile, or %NULL for the active one
 *
 * Makes the backend of a profile.
 */
void
pw_profiles_open_backend_async (PwProfiles          *self,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *db = NULL;
  GError *error = NULL;
  PwBackend *backend;

  g_return_if_fail (PW_IS_PROFILES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_profiles_open_backend_async);
  if (name == NULL)
    name = pw_profiles_get_active (self);
  if (!pw_profiles_has (self, name))
    {
      g_task_return_new_error (task, PW_PROFILES_ERROR, PW_PROFILES_ERROR_NOT_FOUND,
                               _("There is no profile “%s”"), name);
      return;
    }

  url = pw_profiles_get (self, name, PW_PROFILE_KEY_API_URL);
  if (url == NULL)
    {
      db = pw_profiles_get (self, name, PW_PROFILE_KEY_DB);
      backend = pw_local_backend_new (db, &error);
      if (backend == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, backend, g_object_unref);
      return;
    }

  g_task_set_task_data (task, g_steal_pointer (&url), g_free);
  pw_profiles_lookup_api_key_async (self, name, cancellable, key_found_cb, g_steal_pointer (&task));
}

/**
 * pw_profiles_open_backend_finish:
 *
 * Returns: (transfer full): the backend, or %NULL with @error set
 */
PwBackend *
pw_profiles_open_backend_finish (PwProfiles    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
