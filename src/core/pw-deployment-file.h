/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-deployment.h"

G_BEGIN_DECLS

/**
 * PW_DEPLOYMENT_FILE_FORMAT:
 *
 * The `format` this version reads and writes.
 */
#define PW_DEPLOYMENT_FILE_FORMAT "pipewright-deployment/1"

/**
 * PW_DEPLOYMENT_FILE_MAX_SIZE:
 *
 * The largest deployment file read, in bytes (1 MiB).
 */
#define PW_DEPLOYMENT_FILE_MAX_SIZE (1024 * 1024)

/**
 * PW_DEPLOYMENT_FILE_MAX_DEPTH:
 *
 * The deepest nesting of JSON arrays and objects read.
 */
#define PW_DEPLOYMENT_FILE_MAX_DEPTH 32

PwDeployment *pw_deployment_file_load_data (const char    *data,
                                            gsize          length,
                                            const char    *origin,
                                            GPtrArray    **out_problems,
                                            GError       **error);
PwDeployment *pw_deployment_file_load_path (const char    *path,
                                            GPtrArray    **out_problems,
                                            GError       **error);
char         *pw_deployment_file_to_data   (PwDeployment  *deployment,
                                            gsize         *length);
gboolean      pw_deployment_file_save_path (PwDeployment  *deployment,
                                            const char    *path,
                                            GError       **error);

G_END_DECLS
