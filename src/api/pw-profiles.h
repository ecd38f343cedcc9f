/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-backend.h"

G_BEGIN_DECLS

/*
 * Connection profiles, as Prefect's (`prefect profile …`): named sets of
 * settings in a key file, `$XDG_CONFIG_HOME/pipewright/profiles.ini`, one
 * of them active. The profile `local` always exists and is the default:
 * this machine's database. A profile with an `api-url` is a server.
 *
 *   [pipewright]
 *   active=cloud
 *
 *   [profile local]
 *
 *   [profile cloud]
 *   api-url=https://pipewright.example.org/api
 *
 * API keys are not in the file: they are in the keyring (libsecret, schema
 * %PW_API_KEY_SCHEMA_NAME, attributes `profile` and `api-url`), or, for
 * machines without one, in a file readable only by its owner that the
 * profile names (`api-key-file=…`).
 */

#define PW_PROFILE_LOCAL "local"

/* Settings a profile may hold */
#define PW_PROFILE_KEY_API_URL "api-url"
#define PW_PROFILE_KEY_API_KEY_FILE "api-key-file"
#define PW_PROFILE_KEY_DB "db"

#define PW_API_KEY_SCHEMA_NAME "io.github.pipewright.Pipewright.ApiKey"

#define PW_PROFILES_ERROR (pw_profiles_error_quark ())

/**
 * PwProfilesError:
 * @PW_PROFILES_ERROR_NOT_FOUND: no such profile
 * @PW_PROFILES_ERROR_EXISTS: the profile exists already
 * @PW_PROFILES_ERROR_INVALID: a name, setting or value is not acceptable
 * @PW_PROFILES_ERROR_FILE: the profiles or a key file cannot be read or
 *   written, or a key file is readable by others
 * @PW_PROFILES_ERROR_KEYRING: the keyring cannot be used
 */
typedef enum
{
  PW_PROFILES_ERROR_NOT_FOUND,
  PW_PROFILES_ERROR_EXISTS,
  PW_PROFILES_ERROR_INVALID,
  PW_PROFILES_ERROR_FILE,
  PW_PROFILES_ERROR_KEYRING,
} PwProfilesError;

#define PW_TYPE_PROFILES (pw_profiles_get_type ())
G_DECLARE_FINAL_TYPE (PwProfiles, pw_profiles, PW, PROFILES, GObject)

GQuark       pw_profiles_error_quark       (void);
char        *pw_profiles_default_path      (void);
PwProfiles  *pw_profiles_load              (const char   *path,
                                            GError      **error);
const char  *pw_profiles_get_path          (PwProfiles   *self);
gboolean     pw_profiles_save              (PwProfiles   *self,
                                            GError      **error);
GStrv        pw_profiles_list              (PwProfiles   *self);
gboolean     pw_profiles_has               (PwProfiles   *self,
                                            const char   *name);
const char  *pw_profiles_get_active        (PwProfiles   *self);
gboolean     pw_profiles_set_active        (PwProfiles   *self,
                                            const char   *name,
                                            GError      **error);
gboolean     pw_profiles_create            (PwProfiles   *self,
                                            const char   *name,
                                            const char   *from,
                                            GError      **error);
gboolean     pw_profiles_delete            (PwProfiles   *self,
                                            const char   *name,
                                            GError      **error);
char        *pw_profiles_get               (PwProfiles   *self,
                                            const char   *name,
                                            const char   *key);
gboolean     pw_profiles_set               (PwProfiles   *self,
                                            const char   *name,
                                            const char   *key,
                                            const char   *value,
                                            GError      **error);
gboolean     pw_profiles_unset             (PwProfiles   *self,
                                            const char   *name,
                                            const char   *key,
                                            GError      **error);
GStrv        pw_profiles_get_keys          (PwProfiles   *self,
                                            const char   *name);
char        *pw_profiles_default_key_file  (const char   *name);

gboolean     pw_profile_name_is_valid      (const char   *name);
gboolean     pw_api_url_check              (const char   *url,
                                            GError      **error);

/* API keys (pw-profiles-secret.c) */
char        *pw_api_key_read_file          (const char   *path,
                                            GError      **error);
gboolean     pw_api_key_write_file         (const char   *path,
                                            const char   *key,
                                            GError      **error);
char        *pw_api_key_normalize          (const char   *text);

gboolean     pw_api_key_store_keyring      (const char   *profile,
                                            const char   *api_url,
                                            const char   *key,
                                            GCancellable *cancellable,
                                            GError      **error);
char        *pw_api_key_lookup_keyring     (const char   *profile,
                                            GCancellable *cancellable,
                                            GError      **error);
gboolean     pw_api_key_clear_keyring      (const char   *profile,
                                            GCancellable *cancellable,
                                            GError      **error);
void         pw_api_key_lookup_keyring_async  (const char          *profile,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char        *pw_api_key_lookup_keyring_finish (GAsyncResult        *result,
                                               GError             **error);
void         pw_api_key_store_keyring_async   (const char          *profile,
                                               const char          *api_url,
                                               const char          *key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     pw_api_key_store_keyring_finish  (GAsyncResult        *result,
                                               GError             **error);

char        *pw_profiles_lookup_api_key    (PwProfiles   *self,
                                            const char   *name,
                                            GError      **error);
void         pw_profiles_lookup_api_key_async  (PwProfiles          *self,
                                                const char          *name,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char        *pw_profiles_lookup_api_key_finish (PwProfiles          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* The backend of a profile (pw-profiles-backend.c) */
void         pw_profiles_open_backend_async  (PwProfiles          *self,
                                              const char          *name,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
PwBackend   *pw_profiles_open_backend_finish (PwProfiles          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
