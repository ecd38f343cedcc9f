/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-flow-run.h"
#include "pw-task-run.h"

G_BEGIN_DECLS

/*
 * How the app writes times, durations, counts and log levels. Plain
 * functions over GLib types, so that they are tested without a display.
 */

/* Python's logging levels, which Prefect's (and so Pipewright's) logs use. */
#define PW_LOG_LEVEL_DEBUG    10
#define PW_LOG_LEVEL_INFO     20
#define PW_LOG_LEVEL_WARNING  30
#define PW_LOG_LEVEL_ERROR    40
#define PW_LOG_LEVEL_CRITICAL 50

char       *pw_format_duration          (double      seconds);
char       *pw_format_time              (GDateTime  *time,
                                         GDateTime  *now);
char       *pw_format_log_time          (GDateTime  *time);
char       *pw_format_count             (guint64     count);
const char *pw_format_level             (int         level);
const char *pw_format_level_css_class   (int         level);
double      pw_flow_run_elapsed         (PwFlowRun  *run,
                                         GDateTime  *now);
double      pw_task_run_elapsed         (PwTaskRun  *task_run,
                                         GDateTime  *now);
char       *pw_format_result_preview    (const char *result,
                                         guint       max_chars);
const char *pw_format_state_name        (const char *name,
                                         PwStateType type);
const char *pw_format_state_css_class   (PwStateType type);

G_END_DECLS
