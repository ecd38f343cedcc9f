/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PW_TASK_PROCESS_ERROR (pw_task_process_error_quark ())

/**
 * PwTaskProcessError:
 * @PW_TASK_PROCESS_ERROR_SPAWN: the program could not be started (it does not
 *   exist, is not executable, the working directory is missing …)
 * @PW_TASK_PROCESS_ERROR_EXIT_STATUS: the program exited with a status other
 *   than 0
 * @PW_TASK_PROCESS_ERROR_SIGNALED: the program was ended by a signal it was
 *   not sent by the engine
 * @PW_TASK_PROCESS_ERROR_TIMED_OUT: the program ran longer than its timeout
 *   and was ended
 *
 * Why a task's process did not succeed. A cancelled process finishes with
 * %G_IO_ERROR_CANCELLED instead.
 */
typedef enum
{
  PW_TASK_PROCESS_ERROR_SPAWN,
  PW_TASK_PROCESS_ERROR_EXIT_STATUS,
  PW_TASK_PROCESS_ERROR_SIGNALED,
  PW_TASK_PROCESS_ERROR_TIMED_OUT,
} PwTaskProcessError;

/**
 * PwTaskProcessStream:
 * @PW_TASK_PROCESS_STDOUT: the line came from standard output
 * @PW_TASK_PROCESS_STDERR: the line came from standard error
 *
 * Which pipe a line was read from.
 */
typedef enum
{
  PW_TASK_PROCESS_STDOUT,
  PW_TASK_PROCESS_STDERR,
} PwTaskProcessStream;

/**
 * PW_TASK_PROCESS_MAX_LINE:
 *
 * The longest line handed to a #PwTaskProcessLineFunc, in bytes. A longer
 * line is handed over in pieces of this size, so that a process writing
 * without newlines cannot make the engine buffer its whole output.
 */
#define PW_TASK_PROCESS_MAX_LINE 16384

/**
 * PwTaskProcessLineFunc:
 * @process: the process
 * @stream: the pipe the line came from
 * @line: the line, without its newline, nul-terminated; only valid during
 *   the call
 * @len: its length in bytes
 * @user_data: the data given to pw_task_process_set_line_func()
 *
 * Receives each line a process writes, as soon as it is read.
 */
typedef void (*PwTaskProcessLineFunc) (gpointer             process,
                                       PwTaskProcessStream  stream,
                                       const char          *line,
                                       gsize                len,
                                       gpointer             user_data);

#define PW_TYPE_TASK_PROCESS (pw_task_process_get_type ())
G_DECLARE_FINAL_TYPE (PwTaskProcess, pw_task_process, PW, TASK_PROCESS, GObject)

GQuark         pw_task_process_error_quark         (void);

PwTaskProcess *pw_task_process_new                 (const char * const    *argv,
                                                    const char * const    *envp,
                                                    const char            *workdir);
void           pw_task_process_set_line_func       (PwTaskProcess         *self,
                                                    PwTaskProcessLineFunc  func,
                                                    gpointer               user_data);
void           pw_task_process_set_timeout_ms      (PwTaskProcess         *self,
                                                    guint                  timeout_ms);
void           pw_task_process_set_kill_grace_ms   (PwTaskProcess         *self,
                                                    guint                  grace_ms);
void           pw_task_process_run_async           (PwTaskProcess         *self,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
gboolean       pw_task_process_run_finish          (PwTaskProcess         *self,
                                                    GAsyncResult          *result,
                                                    GError               **error);
GPid           pw_task_process_get_pid             (PwTaskProcess         *self);
const char    *pw_task_process_get_last_stdout_line (PwTaskProcess        *self);

G_END_DECLS
