/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-app-services.h"
#include "pw-backend.h"
#include "pw-profiles.h"

G_BEGIN_DECLS

#define PW_TYPE_APPLICATION (pw_application_get_type ())
G_DECLARE_FINAL_TYPE (PwApplication, pw_application, PW, APPLICATION, AdwApplication)

PwApplication *pw_application_new               (void);
PwBackend     *pw_application_get_backend       (PwApplication *self);
const char    *pw_application_get_database_path (PwApplication *self);
void           pw_application_set_database_path (PwApplication *self,
                                                 const char    *database_path);
PwAppServices *pw_application_get_services      (PwApplication *self);
const char    *pw_application_get_profile_name  (PwApplication *self);
void           pw_application_set_profile_name  (PwApplication *self,
                                                 const char    *profile_name);
PwProfiles    *pw_application_get_profiles      (PwApplication  *self,
                                                 GError        **error);
gboolean       pw_application_use_profile       (PwApplication  *self,
                                                 const char     *name,
                                                 GError        **error);

G_END_DECLS
