/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-schedule.h"

G_BEGIN_DECLS

#define PW_DEPLOYMENT_ERROR (pw_deployment_error_quark ())

/**
 * PwDeploymentError:
 * @PW_DEPLOYMENT_ERROR_PARSE: a deployment file is not JSON
 * @PW_DEPLOYMENT_ERROR_INVALID: a deployment file is JSON but not a valid
 *   deployment; the message lists every problem
 * @PW_DEPLOYMENT_ERROR_TOO_DEEP: the JSON nests too deeply
 * @PW_DEPLOYMENT_ERROR_TOO_LARGE: the file is larger than
 *   %PW_DEPLOYMENT_FILE_MAX_SIZE
 * @PW_DEPLOYMENT_ERROR_NEWER_FORMAT: a newer Pipewright wrote the file
 * @PW_DEPLOYMENT_ERROR_ENCODING: the file is not UTF-8
 * @PW_DEPLOYMENT_ERROR_IO: the file could not be read or written
 * @PW_DEPLOYMENT_ERROR_ADDRESS: a deployment address is not `FLOW/NAME`
 *
 * Errors of deployments and deployment files.
 */
typedef enum
{
  PW_DEPLOYMENT_ERROR_PARSE,
  PW_DEPLOYMENT_ERROR_INVALID,
  PW_DEPLOYMENT_ERROR_TOO_DEEP,
  PW_DEPLOYMENT_ERROR_TOO_LARGE,
  PW_DEPLOYMENT_ERROR_NEWER_FORMAT,
  PW_DEPLOYMENT_ERROR_ENCODING,
  PW_DEPLOYMENT_ERROR_IO,
  PW_DEPLOYMENT_ERROR_ADDRESS,
} PwDeploymentError;

#define PW_TYPE_DEPLOYMENT (pw_deployment_get_type ())
G_DECLARE_FINAL_TYPE (PwDeployment, pw_deployment, PW, DEPLOYMENT, GObject)

GQuark              pw_deployment_error_quark         (void);

PwDeployment       *pw_deployment_new                 (const char         *flow_name,
                                                       const char         *name);
PwDeployment       *pw_deployment_copy                (PwDeployment       *self);

const char         *pw_deployment_get_id              (PwDeployment       *self);
void                pw_deployment_set_id              (PwDeployment       *self,
                                                       const char         *id);
const char         *pw_deployment_get_flow_id         (PwDeployment       *self);
void                pw_deployment_set_flow_id         (PwDeployment       *self,
                                                       const char         *flow_id);
const char         *pw_deployment_get_flow_name       (PwDeployment       *self);
void                pw_deployment_set_flow_name       (PwDeployment       *self,
                                                       const char         *flow_name);
const char         *pw_deployment_get_name            (PwDeployment       *self);
void                pw_deployment_set_name            (PwDeployment       *self,
                                                       const char         *name);
char               *pw_deployment_dup_address         (PwDeployment       *self);
PwSchedule         *pw_deployment_get_schedule        (PwDeployment       *self);
void                pw_deployment_set_schedule        (PwDeployment       *self,
                                                       PwSchedule         *schedule);
const char         *pw_deployment_get_parameters      (PwDeployment       *self);
void                pw_deployment_set_parameters      (PwDeployment       *self,
                                                       const char         *parameters);
const char * const *pw_deployment_get_tags            (PwDeployment       *self);
void                pw_deployment_set_tags            (PwDeployment       *self,
                                                       const char * const *tags);
const char         *pw_deployment_get_work_queue_name (PwDeployment       *self);
void                pw_deployment_set_work_queue_name (PwDeployment       *self,
                                                       const char         *work_queue_name);
gboolean            pw_deployment_get_paused          (PwDeployment       *self);
void                pw_deployment_set_paused          (PwDeployment       *self,
                                                       gboolean            paused);
const char         *pw_deployment_get_description     (PwDeployment       *self);
void                pw_deployment_set_description     (PwDeployment       *self,
                                                       const char         *description);
GDateTime          *pw_deployment_get_created         (PwDeployment       *self);
void                pw_deployment_set_created         (PwDeployment       *self,
                                                       GDateTime          *created);
GDateTime          *pw_deployment_get_updated         (PwDeployment       *self);
void                pw_deployment_set_updated         (PwDeployment       *self,
                                                       GDateTime          *updated);

gboolean            pw_deployment_parse_address       (const char         *address,
                                                       char              **out_flow_name,
                                                       char              **out_name,
                                                       GError            **error);
gboolean            pw_deployment_check_name          (const char         *name,
                                                       GError            **error);

/* Defined in pw-flow.h. */
typedef struct _PwFlow PwFlow;

gboolean            pw_deployment_check_parameters    (PwDeployment       *self,
                                                       PwFlow             *flow,
                                                       GError            **error);
char               *pw_deployment_merge_parameters    (const char         *base,
                                                       const char         *over,
                                                       GError            **error);
GStrv               pw_deployment_merge_tags          (const char * const *first,
                                                       const char * const *then);

G_END_DECLS
