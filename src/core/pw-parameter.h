/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pw-enums.h"

G_BEGIN_DECLS

#define PW_TYPE_PARAMETER (pw_parameter_get_type ())
G_DECLARE_FINAL_TYPE (PwParameter, pw_parameter, PW, PARAMETER, GObject)

PwParameter *pw_parameter_new             (const char  *name,
                                           PwParamType  type);
PwParameter *pw_parameter_copy            (PwParameter *self);
const char  *pw_parameter_get_name        (PwParameter *self);
void         pw_parameter_set_name        (PwParameter *self,
                                           const char  *name);
PwParamType  pw_parameter_get_param_type  (PwParameter *self);
void         pw_parameter_set_param_type  (PwParameter *self,
                                           PwParamType  type);
JsonNode    *pw_parameter_get_default     (PwParameter *self);
void         pw_parameter_set_default     (PwParameter *self,
                                           JsonNode    *value);
const char  *pw_parameter_get_description (PwParameter *self);
void         pw_parameter_set_description (PwParameter *self,
                                           const char  *description);
gboolean     pw_parameter_accepts         (PwParameter *self,
                                           JsonNode    *value);

gboolean     pw_param_type_accepts        (PwParamType  type,
                                           JsonNode    *value);
const char  *pw_param_type_describe       (PwParamType  type);

#define PW_PARAMETER_ERROR (pw_parameter_error_quark ())

typedef enum
{
  PW_PARAMETER_ERROR_INVALID,
} PwParameterError;

GQuark      pw_parameter_error_quark   (void);
JsonNode   *pw_parameter_parse_text    (PwParamType   type,
                                        const char   *text,
                                        gboolean      required,
                                        GError      **error);
char       *pw_parameter_value_to_text (JsonNode     *value);

G_END_DECLS
