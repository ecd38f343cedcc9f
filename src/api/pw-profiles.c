/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-profiles"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pw-profiles.h"

/*
 * PwProfiles: the profiles key file (see pw-profiles.h), read whole and
 * written back atomically with mode 0600 (it names key files and servers;
 * nobody else needs to read it).
 */

#define MAIN_GROUP "pipewright"
#define PROFILE_PREFIX "profile "

struct _PwProfiles
{
  GObject   parent_instance;

  char     *path;
  GKeyFile *file;
};

G_DEFINE_FINAL_TYPE (PwProfiles, pw_profiles, G_TYPE_OBJECT)

G_DEFINE_QUARK (pw-profiles-error-quark, pw_profiles_error)

static const char * const known_keys[] = {
  PW_PROFILE_KEY_API_URL,
  PW_PROFILE_KEY_API_KEY_FILE,
  PW_PROFILE_KEY_DB,
  NULL
};

static void
pw_profiles_finalize (GObject *object)
{
  PwProfiles *self = (PwProfiles *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->file, g_key_file_unref);

  G_OBJECT_CLASS (pw_profiles_parent_class)->finalize (object);
}

static void
pw_profiles_class_init (PwProfilesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_profiles_finalize;
}

static void
pw_profiles_init (PwProfiles *self)
{
  self->file = g_key_file_new ();
}

/**
 * pw_profiles_default_path:
 *
 * Returns: (transfer full): `$XDG_CONFIG_HOME/pipewright/profiles.ini`
 */
char *
pw_profiles_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "pipewright", "profiles.ini", NULL);
}

/**
 * pw_profiles_default_key_file:
 *
 * Returns: (transfer full): where `config set api-key` keeps the key of
 *   profile @name when there is no keyring:
 *   `$XDG_CONFIG_HOME/pipewright/keys/NAME.key`
 */
char *
pw_profiles_default_key_file (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.key", name);

  return g_build_filename (g_get_user_config_dir (), "pipewright", "keys", file, NULL);
}

/* A key file has no empty groups: every profile says when it was made. */
static void
mark_created (GKeyFile   *file,
              const char *group)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = g_date_time_format_iso8601 (now);

  g_key_file_set_string (file, group, "created", text);
}

static char *
group_of (const char *name)
{
  return g_strconcat (PROFILE_PREFIX, name, NULL);
}

/**
 * pw_profile_name_is_valid:
 *
 * Returns: %TRUE for names of letters, digits, `-`, `_` and `.`, at most
 *   64 characters, not starting with a dot
 */
gboolean
pw_profile_name_is_valid (const char *name)
{
  gsize length;

  if (name == NULL || *name == '\0' || *name == '.')
    return FALSE;
  length = strlen (name);
  if (length > 64)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '-' && name[i] != '_' && name[i] != '.')
      return FALSE;
  return TRUE;
}

/**
 * pw_api_url_check:
 *
 * Accepts an absolute `http` or `https` URL with a host and without user
 * info (credentials belong in the keyring, not in a URL).
 */
gboolean
pw_api_url_check (const char  *url,
                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                   _("“%s” is not a URL: %s"), url, local_error->message);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                   _("“%s” is not an http or https URL"), url);
      return FALSE;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                   _("“%s” names no host"), url);
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                   _("“%s” holds credentials; give the API key with “config set api-key” instead"),
                   url);
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_profiles_load:
 * @path: (nullable): the profiles file, or %NULL for the default
 *
 * Reads the profiles. A missing file is the default: only `local`, active.
 *
 * Returns: (transfer full): the profiles, or %NULL with @error set
 */
PwProfiles *
pw_profiles_load (const char  *path,
                  GError     **error)
{
  g_autoptr(PwProfiles) self = g_object_new (PW_TYPE_PROFILES, NULL);
  g_autoptr(GError) local_error = NULL;

  self->path = path != NULL ? g_strdup (path) : pw_profiles_default_path ();
  if (!g_key_file_load_from_file (self->file, self->path, G_KEY_FILE_KEEP_COMMENTS, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                       _("Cannot read the profiles in %s: %s"), self->path, local_error->message);
          return NULL;
        }
      g_key_file_set_comment (self->file, NULL, NULL,
                              " Pipewright connection profiles (pipewright-cli profile --help)", NULL);
    }

  if (!g_key_file_has_group (self->file, PROFILE_PREFIX PW_PROFILE_LOCAL))
    {
      g_autofree char *active = g_key_file_get_string (self->file, MAIN_GROUP, "active", NULL);

      g_key_file_set_string (self->file, MAIN_GROUP, "active", active != NULL ? active : PW_PROFILE_LOCAL);
      mark_created (self->file, PROFILE_PREFIX PW_PROFILE_LOCAL);
    }
  return g_steal_pointer (&self);
}

const char *
pw_profiles_get_path (PwProfiles *self)
{
  g_return_val_if_fail (PW_IS_PROFILES (self), NULL);
  return self->path;
}

/**
 * pw_profiles_save:
 *
 * Writes the profiles back (atomically, readable by the owner only),
 * creating their folder.
 */
gboolean
pw_profiles_save (PwProfiles  *self,
                  GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (PW_IS_PROFILES (self), FALSE);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("Cannot create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  data = g_key_file_to_data (self->file, &length, NULL);
  if (!g_file_set_contents_full (self->path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_FILE,
                   _("Cannot write the profiles to %s: %s"), self->path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_profiles_list:
 *
 * Returns: (transfer full): the profile names, `local` first, then the
 *   others in the file's order
 */
GStrv
pw_profiles_list (PwProfiles *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (PW_IS_PROFILES (self), NULL);

  g_strv_builder_add (builder, PW_PROFILE_LOCAL);
  groups = g_key_file_get_groups (self->file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *name = groups[i] + strlen (PROFILE_PREFIX);

      if (g_str_has_prefix (groups[i], PROFILE_PREFIX) && !g_str_equal (name, PW_PROFILE_LOCAL) &&
          pw_profile_name_is_valid (name))
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

gboolean
pw_profiles_has (PwProfiles *self,
                 const char *name)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (PW_IS_PROFILES (self), FALSE);

  if (g_strcmp0 (name, PW_PROFILE_LOCAL) == 0)
    return TRUE;
  if (!pw_profile_name_is_valid (name))
    return FALSE;
  group = group_of (name);
  return g_key_file_has_group (self->file, group);
}

static gboolean
check_exists (PwProfiles  *self,
              const char  *name,
              GError     **error)
{
  if (pw_profiles_has (self, name))
    return TRUE;
  g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_NOT_FOUND,
               _("There is no profile “%s” (see “pipewright-cli profile ls”)"), name);
  return FALSE;
}

/**
 * pw_profiles_get_active:
 *
 * Returns: the active profile's name (`local` if the file names one that
 *   does not exist)
 */
const char *
pw_profiles_get_active (PwProfiles *self)
{
  g_autofree char *active = NULL;
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (PW_IS_PROFILES (self), NULL);

  active = g_key_file_get_string (self->file, MAIN_GROUP, "active", NULL);
  if (active == NULL || !pw_profiles_has (self, active))
    return PW_PROFILE_LOCAL;

  /* Return a string that lives as long as the profiles. */
  names = pw_profiles_list (self);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], active))
      return g_intern_string (names[i]);
  return PW_PROFILE_LOCAL;
}

gboolean
pw_profiles_set_active (PwProfiles  *self,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (PW_IS_PROFILES (self), FALSE);

  if (!check_exists (self, name, error))
    return FALSE;
  g_key_file_set_string (self->file, MAIN_GROUP, "active", name);
  return TRUE;
}

/**
 * pw_profiles_create:
 * @from: (nullable): a profile whose settings to copy
 */
gboolean
pw_profiles_create (PwProfiles  *self,
                    const char  *name,
                    const char  *from,
                    GError     **error)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (PW_IS_PROFILES (self), FALSE);

  if (!pw_profile_name_is_valid (name))
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                   _("“%s” is not a profile name: use letters, digits, “-”, “_” and “.”"), name);
      return FALSE;
    }
  if (pw_profiles_has (self, name))
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_EXISTS,
                   _("The profile “%s” exists already"), name);
      return FALSE;
    }
  if (from != NULL && !check_exists (self, from, error))
    return FALSE;

  group = group_of (name);
  mark_created (self->file, group);
  if (from != NULL)
    {
      g_auto(GStrv) keys = pw_profiles_get_keys (self, from);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = pw_profiles_get (self, from, keys[i]);

          /* A key file belongs to its profile; the copy gets its own. */
          if (!g_str_equal (keys[i], PW_PROFILE_KEY_API_KEY_FILE))
            g_key_file_set_string (self->file, group, keys[i], value);
        }
    }
  return TRUE;
}

gboolean
pw_profiles_delete (PwProfiles  *self,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (PW_IS_PROFILES (self), FALSE);

  if (g_strcmp0 (name, PW_PROFILE_LOCAL) == 0)
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                   _("The profile “local” cannot be deleted"));
      return FALSE;
    }
  if (!check_exists (self, name, error))
    return FALSE;
  if (g_str_equal (pw_profiles_get_active (self), name))
    g_key_file_set_string (self->file, MAIN_GROUP, "active", PW_PROFILE_LOCAL);
  group = group_of (name);
  return g_key_file_remove_group (self->file, group, error);
}

/**
 * pw_profiles_get:
 *
 * Returns: (transfer full) (nullable): the value of @key in profile @name
 */
char *
pw_profiles_get (PwProfiles *self,
                 const char *name,
                 const char *key)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (PW_IS_PROFILES (self), NULL);

  if (!pw_profiles_has (self, name))
    return NULL;
  group = group_of (name);
  return g_key_file_get_string (self->file, group, key, NULL);
}

/**
 * pw_profiles_get_keys:
 *
 * Returns: (transfer full): the settings profile @name holds
 */
GStrv
pw_profiles_get_keys (PwProfiles *self,
                      const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *group = NULL;

  g_return_val_if_fail (PW_IS_PROFILES (self), NULL);

  group = group_of (name);
  for (guint i = 0; known_keys[i] != NULL; i++)
    if (g_key_file_has_key (self->file, group, known_keys[i], NULL))
      g_strv_builder_add (builder, known_keys[i]);
  return g_strv_builder_end (builder);
}

/**
 * pw_profiles_set:
 * @key: %PW_PROFILE_KEY_API_URL, %PW_PROFILE_KEY_API_KEY_FILE or
 *   %PW_PROFILE_KEY_DB
 *
 * Checks and sets a setting. The `local` profile is this machine's
 * database: it takes no API URL.
 */
gboolean
pw_profiles_set (PwProfiles  *self,
                 const char  *name,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (PW_IS_PROFILES (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_exists (self, name, error))
    return FALSE;
  if (!g_strv_contains (known_keys, key))
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                   _("Unknown setting “%s” (known: api-url, api-key, api-key-file, db)"), key);
      return FALSE;
    }
  if (g_str_equal (key, PW_PROFILE_KEY_API_URL))
    {
      if (g_str_equal (name, PW_PROFILE_LOCAL))
        {
          g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                       _("The profile “local” is this machine’s database; create a profile for "
                         "the server (“pipewright-cli profile create NAME”) and use it"));
          return FALSE;
        }
      if (!pw_api_url_check (value, error))
        return FALSE;
    }
  if ((g_str_equal (key, PW_PROFILE_KEY_API_KEY_FILE) || g_str_equal (key, PW_PROFILE_KEY_DB)) &&
      !g_path_is_absolute (value))
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                   _("“%s” must be an absolute path"), key);
      return FALSE;
    }

  group = group_of (name);
  g_key_file_set_string (self->file, group, key, value);
  return TRUE;
}

gboolean
pw_profiles_unset (PwProfiles  *self,
                   const char  *name,
                   const char  *key,
                   GError     **error)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (PW_IS_PROFILES (self), FALSE);

  if (!check_exists (self, name, error))
    return FALSE;
  if (!g_strv_contains (known_keys, key))
    {
      g_set_error (error, PW_PROFILES_ERROR, PW_PROFILES_ERROR_INVALID,
                   _("Unknown setting “%s” (known: api-url, api-key, api-key-file, db)"), key);
      return FALSE;
    }
  group = group_of (name);
  if (g_key_file_has_group (self->file, group))
    g_key_file_remove_key (self->file, group, key, NULL);
  return TRUE;
}
