/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-profiles"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "pw-profiles.h"

/*
 * API keys: in the keyring through libsecret on a desktop, or in a file
 * readable only by its owner on a headless machine, or (for CI) in
 * $PIPEWRIGHT_API_KEY. A key never goes on a command line or into the
 * profiles file.
 */

#define MAX_KEY_SIZE 4096

static const SecretSchema *
api_key_schema (void)
{
  static const SecretSchema schema = {
    PW_API_KEY_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "api-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/**
 * pw_api_key_normalize:
 * @text: a key as typed or read from a file
 *
 * Returns: (transfer full) (nullable): @text without surrounding white
 *   space, or %NULL if it is empty or holds characters that have no place
 *   in an `Authorization` header (spaces, control characters)
 */
char *
pw_api_key_normalize (const char *text)
{
  g_autofree char *key = NULL;

  if (text == NULL)
    return NULL;
  key = g_strstrip (g_strdup (text));
  if (*key == '\0' || strlen (key) > MAX_KEY_SIZE)
    return NULL;
  for (const char *p = key; *p != '\0'; p++)
    if ((guchar)*p <= 0x20 || (guchar)*p == 0x7f)
      return NULL;
  return g_steal_pointer (&key);
}

/**
 * pw_api_key_read_file:
 * @path: a key file
 *
 * Reads an API key from a file that only its owner (this user) can read
 * or write, like ssh's private keys.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
char *
pw_api_key_read_file (const char  *path,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  struct stat info;
  char *key;
  gsize length;

  if (g_stat (path, &info) != 0)
    {
      int saved = errno;
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("Cannot read the API key file %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("The API key file %s is not a regular file"), path);
      return NULL;
    }
  if ((info.st_mode & 077) != 0 || info.st_uid != getuid ())
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("The API key file %s can be read by others; make it yours alone "
                     "(chmod 600 %s)"), path, path);
      return NULL;
    }
  if (info.st_size > MAX_KEY_SIZE + 2)
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("The API key file %s is too large to hold a key"), path);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("Cannot read the API key file %s: %s"), path, local_error->message);
      return NULL;
    }
  key = strlen (contents) == length ? pw_api_key_normalize (contents) : NULL;
  memset (contents, 0, length);
  if (key == NULL)
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("The API key file %s holds no usable key (one line of printable characters "
                     "without spaces)"), path);
      return NULL;
    }
  return key;
}

/**
 * pw_api_key_write_file:
 *
 * Writes @key to @path (mode 0600, atomically), creating its folder
 * (mode 0700).
 */
gboolean
pw_api_key_write_file (const char  *path,
                       const char  *key,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *line = g_strconcat (key, "\n", NULL);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("Cannot create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  ok = g_file_set_contents_full (path, line, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error);
  memset (line, 0, strlen (line));
  if (!ok)
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("Cannot write the API key file %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
set_keyring_error (GError     **error,
                   const GError *cause)
{
  g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_KEYRING,
               _("The keyring cannot be used: %s"), cause->message);
}

/**
 * pw_api_key_store_keyring:
 * @profile: the profile the key is for
 * @api_url: (nullable): its server, kept as an attribute for people who
 *   look at their keyring
 *
 * Stores (or replaces) a profile's key in the default keyring. Blocks on
 * D-Bus: for the CLI; the app uses pw_api_key_store_keyring_async().
 */
gboolean
pw_api_key_store_keyring (const char    *profile,
                          const char    *api_url,
                          const char    *key,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = g_strdup_printf (_("Pipewright API key for the profile “%s”"), profile);

  if (!secret_password_store_sync (api_key_schema (), SECRET_COLLECTION_DEFAULT, label, key,
                                   cancellable, &local_error,
                                   "profile", profile,
                                   "api-url", api_url != NULL ? api_url : "",
                                   NULL))
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_api_key_lookup_keyring:
 *
 * Returns: (transfer full) (nullable): the profile's key, %NULL if the
 *   keyring holds none (without @error) or cannot be used (with @error)
 */
char *
pw_api_key_lookup_keyring (const char    *profile,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;
  char *key;

  secret = secret_password_lookup_sync (api_key_schema (), cancellable, &local_error,
                                        "profile", profile, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return NULL;
    }
  key = g_strdup (secret);
  secret_password_free (secret);
  return key;
}

gboolean
pw_api_key_clear_keyring (const char    *profile,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  secret_password_clear_sync (api_key_schema (), cancellable, &local_error,
                              "profile", profile, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      GError *wrapped = NULL;

      set_keyring_error (&wrapped, error);
      g_task_return_error (task, wrapped);
      return;
    }
  g_task_return_pointer (task, g_strdup (secret), g_free);
  secret_password_free (secret);
}

/**
 * pw_api_key_lookup_keyring_async:
 *
 * Looks a profile's key up without blocking.
 */
void
pw_api_key_lookup_keyring_async (const char          *profile,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pw_api_key_lookup_keyring_async);
  secret_password_lookup (api_key_schema (), cancellable, lookup_done_cb, task,
                          "profile", profile, NULL);
}

/**
 * pw_api_key_lookup_keyring_finish:
 *
 * Returns: (transfer full) (nullable): the key; %NULL without @error when
 *   the keyring holds none
 */
char *
pw_api_key_lookup_keyring_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      GError *wrapped = NULL;

      set_keyring_error (&wrapped, error);
      g_task_return_error (task, wrapped);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pw_api_key_store_keyring_async (const char          *profile,
                                const char          *api_url,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = g_strdup_printf (_("Pipewright API key for the profile “%s”"), profile);

  g_task_set_source_tag (task, pw_api_key_store_keyring_async);
  secret_password_store (api_key_schema (), SECRET_COLLECTION_DEFAULT, label, key,
                         cancellable, store_done_cb, task,
                         "profile", profile,
                         "api-url", api_url != NULL ? api_url : "",
                         NULL);
}

gboolean
pw_api_key_store_keyring_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The key from the environment or the profile's key file; *done says
 * whether that settled it (else the keyring is next). */
static char *
lookup_plain (PwProfiles  *self,
              const char  *name,
              gboolean    *done,
              GError     **error)
{
  g_autofree char *file = NULL;
  const char *env = g_getenv ("PIPEWRIGHT_API_KEY");

  *done = TRUE;
  if (env != NULL && *env != '\0')
    {
      char *key = pw_api_key_normalize (env);

      if (key == NULL)
        g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                     _("$PIPEWRIGHT_API_KEY holds no usable key"));
      return key;
    }

  file = pw_profiles_get (self, name, PW_PROFILE_KEY_API_KEY_FILE);
  if (file != NULL)
    return pw_api_key_read_file (file, error);

  *done = FALSE;
  return NULL;
}

/**
 * pw_profiles_lookup_api_key:
 * @name: a profile
 *
 * Finds the API key to use with profile @name: $PIPEWRIGHT_API_KEY, else
 * the profile's key file, else the keyring. A keyring that cannot be used
 * counts as holding no key. Blocks on D-Bus: for the CLI.
 *
 * Returns: (transfer full) (nullable): the key; %NULL without @error when
 *   there is none
 */
char *
pw_profiles_lookup_api_key (PwProfiles  *self,
                            const char  *name,
                            GError     **error)
{
  g_autoptr(GError) keyring_error = NULL;
  gboolean done;
  char *key;

  g_return_val_if_fail (PW_IS_PROFILES (self), NULL);

  key = lookup_plain (self, name, &done, error);
  if (done)
    return key;

  key = pw_api_key_lookup_keyring (name, NULL, &keyring_error);
  if (keyring_error != NULL)
    g_debug ("No API key from the keyring: %s", keyring_error->message);
  return key;
}

static void
profile_lookup_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *key = pw_api_key_lookup_keyring_finish (result, &error);

  if (error != NULL)
    g_debug ("No API key from the keyring: %s", error->message);
  g_task_return_pointer (task, key, g_free);
}

/**
 * pw_profiles_lookup_api_key_async:
 *
 * As pw_profiles_lookup_api_key(), without blocking (the key file is
 * small and local; the keyring is asked asynchronously).
 */
void
pw_profiles_lookup_api_key_async (PwProfiles          *self,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  gboolean done;
  char *key;

  g_task_set_source_tag (task, pw_profiles_lookup_api_key_async);
  key = lookup_plain (self, name, &done, &error);
  if (done)
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, key, g_free);
      return;
    }
  pw_api_key_lookup_keyring_async (name, cancellable, profile_lookup_done_cb, g_steal_pointer (&task));
}

char *
pw_profiles_lookup_api_key_finish (PwProfiles    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
