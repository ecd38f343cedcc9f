/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flow.h"

G_BEGIN_DECLS

#define PW_FLOW_ERROR (pw_flow_error_quark ())

/**
 * PwFlowError:
 * @PW_FLOW_ERROR_PARSE: the file is not JSON
 * @PW_FLOW_ERROR_INVALID: the file is JSON but not a valid flow; the
 *   message lists every problem
 * @PW_FLOW_ERROR_TOO_DEEP: the JSON nests deeper than
 *   %PW_FLOW_FILE_MAX_DEPTH levels
 * @PW_FLOW_ERROR_TOO_LARGE: the file is larger than %PW_FLOW_FILE_MAX_SIZE
 * @PW_FLOW_ERROR_NEWER_FORMAT: the file was written by a newer Pipewright
 * @PW_FLOW_ERROR_ENCODING: the file is not UTF-8
 * @PW_FLOW_ERROR_IO: the file could not be read or written
 * @PW_FLOW_ERROR_CYCLE: the tasks depend on each other in a circle
 * @PW_FLOW_ERROR_NOT_FOUND: no task has the given key
 *
 * Errors of flow files and flow graphs.
 */
typedef enum
{
  PW_FLOW_ERROR_PARSE,
  PW_FLOW_ERROR_INVALID,
  PW_FLOW_ERROR_TOO_DEEP,
  PW_FLOW_ERROR_TOO_LARGE,
  PW_FLOW_ERROR_NEWER_FORMAT,
  PW_FLOW_ERROR_ENCODING,
  PW_FLOW_ERROR_IO,
  PW_FLOW_ERROR_CYCLE,
  PW_FLOW_ERROR_NOT_FOUND,
} PwFlowError;

/**
 * PW_FLOW_FILE_FORMAT:
 *
 * The `format` this version reads and writes.
 */
#define PW_FLOW_FILE_FORMAT "pipewright-flow/1"

/**
 * PW_FLOW_FILE_MAX_SIZE:
 *
 * The largest flow file read, in bytes (32 MiB; a 10,000-task flow is
 * about 6 MB).
 */
#define PW_FLOW_FILE_MAX_SIZE (32 * 1024 * 1024)

/**
 * PW_FLOW_FILE_MAX_DEPTH:
 *
 * The deepest nesting of JSON arrays and objects read.
 */
#define PW_FLOW_FILE_MAX_DEPTH 64

GQuark    pw_flow_error_quark      (void);

PwFlow   *pw_flow_file_load_data   (const char  *data,
                                    gsize        length,
                                    const char  *origin,
                                    GPtrArray  **out_problems,
                                    GError     **error);
PwFlow   *pw_flow_file_load_path   (const char  *path,
                                    GPtrArray  **out_problems,
                                    GError     **error);
char     *pw_flow_file_to_data     (PwFlow      *flow,
                                    gsize       *length);
gboolean  pw_flow_file_save_path   (PwFlow      *flow,
                                    const char  *path,
                                    GError     **error);

G_END_DECLS
