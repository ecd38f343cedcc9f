/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-task-process"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "pw-task-process.h"

/*
 * PwTaskProcess: one process of a `command` or `shell` task.
 *
 * It is started with posix_spawnp() and POSIX_SPAWN_SETPGROUP, so that it
 * leads a process group of its own, as ninja does: GSubprocess can only set
 * a process group from a child-setup function, and that makes GLib fork()
 * the whole parent instead of using posix_spawn's vfork-like clone, which
 * the benchmark (tests/bench/bench-engine.c) shows to cost more per task.
 *
 * Nothing blocks: the pipes are non-blocking and watched with fd sources,
 * the exit with a child watch, all on the default main context. Output is handed over
 * line by line and never kept, so that a task writing gigabytes costs a
 * fixed amount of memory.
 *
 * A timeout or a cancel sends SIGTERM to the whole group, then SIGKILL after
 * the grace period. When the leader exits while other members of its group
 * still live (a shell's background children), they get the same treatment:
 * the processes of a task end with it.
 */

G_DEFINE_QUARK (pw-task-process-error-quark, pw_task_process_error)

#define READ_CHUNK           65536
#define READ_BUDGET          (4 * READ_CHUNK)
#define DEFAULT_GRACE_MS     5000
#define GROUP_POLL_MS        20

typedef enum
{
  STOP_NONE,
  STOP_TIMEOUT,
  STOP_CANCEL,
} StopReason;

typedef struct
{
  PwTaskProcess       *self;
  PwTaskProcessStream  stream;
  int                  fd;
  guint                source_id;
  char                *line;     /* PW_TASK_PROCESS_MAX_LINE + 1 bytes */
  gsize                line_len;
} Pipe;

struct _PwTaskProcess
{
  GObject                parent_instance;

  GStrv                  argv;
  GStrv                  envp;
  char                  *workdir;

  PwTaskProcessLineFunc  line_func;
  gpointer               line_data;
  guint                  timeout_ms;
  guint                  grace_ms;

  GTask                 *task;
  GPid                   pid;
  Pipe                   pipes[2];
  guint                  child_watch_id;
  guint                  timeout_id;
  guint                  grace_id;
  guint                  group_poll_id;
  gulong                 cancelled_id;
  int                    wait_status;
  StopReason             stop_reason;

  char                  *last_line;
  gsize                  last_line_len;

  guint                  exited : 1;
  guint                  term_sent : 1;
  guint                  kill_sent : 1;
  guint                  group_gone : 1;
};

G_DEFINE_FINAL_TYPE (PwTaskProcess, pw_task_process, G_TYPE_OBJECT)

static void pipe_close      (Pipe          *pipe);
static void maybe_finish    (PwTaskProcess *self);

/* Every source on the default main context, like the engine's: their ids
 * are removed with g_source_remove(). */
static guint
attach (GSource     *source,
        GSourceFunc  func,
        gpointer     data)
{
  guint id;

  g_source_set_callback (source, func, data, NULL);
  id = g_source_attach (source, NULL);
  g_source_unref (source);
  return id;
}

static void
pw_task_process_finalize (GObject *object)
{
  PwTaskProcess *self = (PwTaskProcess *)object;

  /* A running process holds a reference through its GTask, so nothing can
   * be left running here. */
  g_assert (self->task == NULL);

  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    {
      pipe_close (&self->pipes[i]);
      g_clear_pointer (&self->pipes[i].line, g_free);
    }
  g_clear_handle_id (&self->child_watch_id, g_source_remove);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->grace_id, g_source_remove);
  g_clear_handle_id (&self->group_poll_id, g_source_remove);
  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->envp, g_strfreev);
  g_clear_pointer (&self->workdir, g_free);
  g_clear_pointer (&self->last_line, g_free);

  G_OBJECT_CLASS (pw_task_process_parent_class)->finalize (object);
}

static void
pw_task_process_class_init (PwTaskProcessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_task_process_finalize;
}

static void
pw_task_process_init (PwTaskProcess *self)
{
  self->grace_ms = DEFAULT_GRACE_MS;
  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    {
      self->pipes[i].self = self;
      self->pipes[i].stream = i == 0 ? PW_TASK_PROCESS_STDOUT : PW_TASK_PROCESS_STDERR;
      self->pipes[i].fd = -1;
    }
}

/**
 * pw_task_process_new:
 * @argv: the program and its arguments; the program is looked up in `PATH`
 *   unless it contains a slash
 * @envp: (nullable): the whole environment of the process, or %NULL for
 *   this process's own
 * @workdir: (nullable): the working directory, or %NULL for ours
 *
 * Returns: (transfer full): a process, not yet started
 */
PwTaskProcess *
pw_task_process_new (const char * const *argv,
                     const char * const *envp,
                     const char         *workdir)
{
  PwTaskProcess *self;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  self = g_object_new (PW_TYPE_TASK_PROCESS, NULL);
  self->argv = g_strdupv ((char **)argv);
  self->envp = envp != NULL ? g_strdupv ((char **)envp) : NULL;
  self->workdir = g_strdup (workdir);

  return self;
}

/**
 * pw_task_process_set_line_func:
 * @self: a #PwTaskProcess
 * @func: (nullable): called for each line of output
 * @user_data: data for @func
 *
 * Sets what receives the output, before the process starts.
 */
void
pw_task_process_set_line_func (PwTaskProcess         *self,
                               PwTaskProcessLineFunc  func,
                               gpointer               user_data)
{
  g_return_if_fail (PW_IS_TASK_PROCESS (self));

  self->line_func = func;
  self->line_data = user_data;
}

/**
 * pw_task_process_set_timeout_ms:
 * @self: a #PwTaskProcess
 * @timeout_ms: the longest the process may run, or 0 for no limit
 *
 * Sets the timeout, before the process starts.
 */
void
pw_task_process_set_timeout_ms (PwTaskProcess *self,
                                guint          timeout_ms)
{
  g_return_if_fail (PW_IS_TASK_PROCESS (self));

  self->timeout_ms = timeout_ms;
}

/**
 * pw_task_process_set_kill_grace_ms:
 * @self: a #PwTaskProcess
 * @grace_ms: how long the process group has between SIGTERM and SIGKILL
 *
 * Sets the grace period (5 s unless set), before the process starts.
 */
void
pw_task_process_set_kill_grace_ms (PwTaskProcess *self,
                                   guint          grace_ms)
{
  g_return_if_fail (PW_IS_TASK_PROCESS (self));

  self->grace_ms = grace_ms;
}

/**
 * pw_task_process_get_pid:
 * @self: a #PwTaskProcess
 *
 * Returns: the process id (also its process group id), or 0 before the
 *   start and after a failed one
 */
GPid
pw_task_process_get_pid (PwTaskProcess *self)
{
  g_return_val_if_fail (PW_IS_TASK_PROCESS (self), 0);

  return self->pid;
}

/**
 * pw_task_process_get_last_stdout_line:
 * @self: a #PwTaskProcess
 *
 * Returns: (nullable): the last line of standard output that held more than
 *   blanks, or %NULL if there was none
 */
const char *
pw_task_process_get_last_stdout_line (PwTaskProcess *self)
{
  g_return_val_if_fail (PW_IS_TASK_PROCESS (self), NULL);

  return self->last_line_len > 0 ? self->last_line : NULL;
}

/* Output */

static gboolean
is_blank_line (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

/* @line is writable and has room for a nul at line[len]. */
static void
deliver_line (Pipe  *pipe,
              char  *line,
              gsize  len)
{
  PwTaskProcess *self = pipe->self;

  if (len > 0 && line[len - 1] == '\r')
    len--;
  line[len] = '\0';

  if (pipe->stream == PW_TASK_PROCESS_STDOUT && !is_blank_line (line, len))
    {
      if (self->last_line == NULL)
        self->last_line = g_malloc (PW_TASK_PROCESS_MAX_LINE + 1);
      memcpy (self->last_line, line, len + 1);
      self->last_line_len = len;
    }

  if (self->line_func != NULL)
    self->line_func (self, pipe->stream, line, len, self->line_data);
}

static void
pipe_take_bytes (Pipe  *pipe,
                 char  *buf,
                 gsize  n)
{
  while (n > 0)
    {
      char *nl = memchr (buf, '\n', n);
      gsize seg = nl != NULL ? (gsize)(nl - buf) : n;

      if (pipe->line_len == 0 && nl != NULL && seg <= PW_TASK_PROCESS_MAX_LINE)
        {
          /* The common case: a whole line inside the chunk, handed over
           * in place (the newline becomes its nul). */
          deliver_line (pipe, buf, seg);
        }
      else
        {
          gsize room = PW_TASK_PROCESS_MAX_LINE - pipe->line_len;
          gsize take = MIN (seg, room);

          if (pipe->line == NULL)
            pipe->line = g_malloc (PW_TASK_PROCESS_MAX_LINE + 1);
          memcpy (pipe->line + pipe->line_len, buf, take);
          pipe->line_len += take;

          if (take < seg || pipe->line_len == PW_TASK_PROCESS_MAX_LINE)
            {
              /* Too long: hand over what we have and go on with the rest
               * of the same line. */
              deliver_line (pipe, pipe->line, pipe->line_len);
              pipe->line_len = 0;
              buf += take;
              n -= take;
              continue;
            }

          if (nl == NULL)
            return;

          deliver_line (pipe, pipe->line, pipe->line_len);
          pipe->line_len = 0;
        }

      buf += seg + 1;
      n -= seg + 1;
    }
}

static void
pipe_close (Pipe *pipe)
{
  g_clear_handle_id (&pipe->source_id, g_source_remove);
  if (pipe->fd >= 0)
    {
      close (pipe->fd);
      pipe->fd = -1;
    }
}

/* Reads what is there now; returns FALSE at the end of the stream. */
static gboolean
pipe_drain (Pipe *pipe)
{
  char buf[READ_CHUNK + 1];
  gsize budget = READ_BUDGET;

  while (budget > 0)
    {
      ssize_t n = read (pipe->fd, buf, READ_CHUNK);

      if (n > 0)
        {
          pipe_take_bytes (pipe, buf, n);
          budget -= MIN (budget, (gsize)n);
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return TRUE;

      /* End of stream or an error: a line without a final newline is
       * still a line. */
      if (pipe->line_len > 0)
        {
          deliver_line (pipe, pipe->line, pipe->line_len);
          pipe->line_len = 0;
        }
      return FALSE;
    }

  return TRUE;
}

static gboolean
on_pipe_readable (int          fd,
                  GIOCondition condition,
                  gpointer     user_data)
{
  Pipe *pipe = user_data;
  PwTaskProcess *self = pipe->self;

  if (pipe_drain (pipe))
    return G_SOURCE_CONTINUE;

  pipe->source_id = 0;
  pipe_close (pipe);
  maybe_finish (self);

  return G_SOURCE_REMOVE;
}

/* Stopping */

static gboolean
group_alive (PwTaskProcess *self)
{
  return self->pid > 0 && kill (-self->pid, 0) == 0;
}

static void
signal_group (PwTaskProcess *self,
              int            sig)
{
  if (self->pid > 0 && kill (-self->pid, sig) != 0 && errno != ESRCH)
    g_debug ("Could not send signal %d to process group %d: %s",
             sig, (int)self->pid, g_strerror (errno));
}

static void
close_pipes_after_kill (PwTaskProcess *self)
{
  /* After SIGKILL a process that left the group could still hold a pipe:
   * read what is there and stop waiting for it. */
  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    {
      Pipe *pipe = &self->pipes[i];

      if (pipe->fd < 0)
        continue;
      pipe_drain (pipe);
      if (pipe->line_len > 0)
        {
          deliver_line (pipe, pipe->line, pipe->line_len);
          pipe->line_len = 0;
        }
      pipe_close (pipe);
    }
}

static gboolean
on_grace_over (gpointer user_data)
{
  PwTaskProcess *self = user_data;

  self->grace_id = 0;
  self->kill_sent = TRUE;
  signal_group (self, SIGKILL);

  if (self->exited)
    {
      close_pipes_after_kill (self);
      maybe_finish (self);
    }

  return G_SOURCE_REMOVE;
}

static void
stop_group (PwTaskProcess *self)
{
  if (self->term_sent)
    return;

  self->term_sent = TRUE;
  signal_group (self, SIGTERM);
  if (self->grace_ms == 0)
    on_grace_over (self);
  else
    self->grace_id = attach (g_timeout_source_new (self->grace_ms), on_grace_over, self);
}

static gboolean
on_timeout (gpointer user_data)
{
  PwTaskProcess *self = user_data;

  self->timeout_id = 0;
  if (self->stop_reason == STOP_NONE)
    self->stop_reason = STOP_TIMEOUT;
  stop_group (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled_idle (gpointer user_data)
{
  PwTaskProcess *self = user_data;

  if (self->task != NULL && !self->exited)
    {
      if (self->stop_reason == STOP_NONE)
        self->stop_reason = STOP_CANCEL;
      stop_group (self);
    }
  else if (self->task != NULL && self->stop_reason == STOP_NONE)
    {
      self->stop_reason = STOP_CANCEL;
    }

  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  PwTaskProcess *self = user_data;

  g_autoptr(GSource) source = g_idle_source_new ();

  /* GCancellable may fire from another thread, and must not be
   * disconnected from inside this handler: act later, on our context. */
  /* Not below the priority of the pipes: a task that floods them must
   * still be stoppable. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, on_cancelled_idle, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[pw] task process cancelled");
  g_source_attach (source, g_task_get_context (self->task));
}

static gboolean
on_group_poll (gpointer user_data)
{
  PwTaskProcess *self = user_data;

  if (group_alive (self))
    return G_SOURCE_CONTINUE;

  self->group_poll_id = 0;
  self->group_gone = TRUE;
  maybe_finish (self);

  return G_SOURCE_REMOVE;
}

static void
on_child_exited (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  PwTaskProcess *self = user_data;

  self->child_watch_id = 0;
  self->exited = TRUE;
  self->wait_status = wait_status;
  g_spawn_close_pid (pid);

  /* Members of the group that outlive the leader are ended with it. */
  if (group_alive (self))
    {
      stop_group (self);
      self->group_poll_id = attach (g_timeout_source_new (GROUP_POLL_MS), on_group_poll, self);
    }
  else
    {
      self->group_gone = TRUE;
    }

  if (self->kill_sent)
    close_pipes_after_kill (self);

  maybe_finish (self);
}

/* Finishing */

static GError *
make_outcome_error (PwTaskProcess *self)
{
  int status = self->wait_status;

  if (self->stop_reason == STOP_CANCEL)
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                _("The task was cancelled"));

  if (self->stop_reason == STOP_TIMEOUT)
    {
      if (self->kill_sent)
        return g_error_new (PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_TIMED_OUT,
                            _("Timed out after %.3g s; the process group ignored SIGTERM and was killed"),
                            self->timeout_ms / 1000.0);
      return g_error_new (PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_TIMED_OUT,
                          _("Timed out after %.3g s; the process group was terminated"),
                          self->timeout_ms / 1000.0);
    }

  if (WIFEXITED (status))
    {
      if (WEXITSTATUS (status) == 0)
        return NULL;
      return g_error_new (PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_EXIT_STATUS,
                          _("`%s` exited with status %d"),
                          self->argv[0], WEXITSTATUS (status));
    }

  if (WIFSIGNALED (status))
    return g_error_new (PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SIGNALED,
                        _("`%s` was killed by signal %d (%s)"),
                        self->argv[0], WTERMSIG (status), g_strsignal (WTERMSIG (status)));

  return g_error_new (PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SIGNALED,
                      _("`%s` ended with wait status %d"), self->argv[0], status);
}

static void
maybe_finish (PwTaskProcess *self)
{
  g_autoptr(GTask) task = NULL;
  GError *error;

  if (self->task == NULL || !self->exited)
    return;
  if (self->pipes[0].fd >= 0 || self->pipes[1].fd >= 0)
    return;
  if (!self->group_gone && !self->kill_sent)
    return;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->grace_id, g_source_remove);
  g_clear_handle_id (&self->group_poll_id, g_source_remove);

  task = g_steal_pointer (&self->task);
  if (self->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
    }

  error = make_outcome_error (self);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Starting */

static gboolean
spawn (PwTaskProcess  *self,
       GError        **error)
{
  static const int reset_signals[] = {
    SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2,
    SIGALRM, SIGTSTP, SIGTTIN, SIGTTOU,
  };
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  sigset_t mask;
  int out[2] = { -1, -1 };
  int err[2] = { -1, -1 };
  pid_t pid = 0;
  int rc;

  if (pipe2 (out, O_CLOEXEC) != 0 || pipe2 (err, O_CLOEXEC) != 0)
    {
      int saved = errno;

      for (guint i = 0; i < 2; i++)
        {
          if (out[i] >= 0)
            close (out[i]);
          if (err[i] >= 0)
            close (err[i]);
        }
      g_set_error (error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SPAWN,
                   _("Could not start `%s`: could not make a pipe: %s"),
                   self->argv[0], g_strerror (saved));
      return FALSE;
    }

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2 (&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2 (&actions, err[1], STDERR_FILENO);
  if (self->workdir != NULL)
    posix_spawn_file_actions_addchdir_np (&actions, self->workdir);

  posix_spawnattr_init (&attr);
  posix_spawnattr_setpgroup (&attr, 0);
  sigemptyset (&mask);
  posix_spawnattr_setsigmask (&attr, &mask);
  for (guint i = 0; i < G_N_ELEMENTS (reset_signals); i++)
    sigaddset (&mask, reset_signals[i]);
  posix_spawnattr_setsigdefault (&attr, &mask);
  posix_spawnattr_setflags (&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                   POSIX_SPAWN_SETSIGDEF);

  rc = posix_spawnp (&pid, self->argv[0], &actions, &attr, self->argv,
                     self->envp != NULL ? self->envp : environ);

  posix_spawnattr_destroy (&attr);
  posix_spawn_file_actions_destroy (&actions);
  close (out[1]);
  close (err[1]);

  if (rc != 0)
    {
      close (out[0]);
      close (err[0]);
      if (self->workdir != NULL && rc == ENOENT && !g_file_test (self->workdir, G_FILE_TEST_IS_DIR))
        g_set_error (error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SPAWN,
                     _("Could not start `%s`: the working directory “%s” does not exist"),
                     self->argv[0], self->workdir);
      else if (rc == ENOENT)
        g_set_error (error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SPAWN,
                     _("Could not start `%s`: no such program (%s)"),
                     self->argv[0],
                     strchr (self->argv[0], '/') != NULL ? _("no such file")
                                                          : _("not found in PATH"));
      else if (rc == EACCES)
        g_set_error (error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SPAWN,
                     _("Could not start `%s`: it is not executable (permission denied)"),
                     self->argv[0]);
      else
        g_set_error (error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SPAWN,
                     _("Could not start `%s`: %s"), self->argv[0], g_strerror (rc));
      return FALSE;
    }

  self->pid = pid;
  self->pipes[0].fd = out[0];
  self->pipes[1].fd = err[0];
  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    {
      Pipe *pipe = &self->pipes[i];

      g_unix_set_fd_nonblocking (pipe->fd, TRUE, NULL);
      pipe->source_id = attach (g_unix_fd_source_new (pipe->fd, G_IO_IN | G_IO_HUP | G_IO_ERR),
                                (GSourceFunc)(void (*)(void))on_pipe_readable, pipe);
    }
  self->child_watch_id = attach (g_child_watch_source_new (pid),
                                 (GSourceFunc)(void (*)(void))on_child_exited, self);

  return TRUE;
}

/**
 * pw_task_process_run_async:
 * @self: a #PwTaskProcess, not yet started
 * @cancellable: (nullable): cancelling it ends the process group as a
 *   timeout does, and the run finishes with %G_IO_ERROR_CANCELLED
 * @callback: called when the process and its group have ended and its
 *   output has been read
 * @user_data: data for @callback
 *
 * Starts the process on the thread-default main context.
 */
void
pw_task_process_run_async (PwTaskProcess       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (PW_IS_TASK_PROCESS (self));
  g_return_if_fail (self->task == NULL && self->pid == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_task_process_run_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!spawn (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  self->task = g_steal_pointer (&task);
  if (self->timeout_ms > 0)
    self->timeout_id = attach (g_timeout_source_new (self->timeout_ms), on_timeout, self);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled),
                                                self, NULL);
}

/**
 * pw_task_process_run_finish:
 * @self: a #PwTaskProcess
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the process exited with status 0; else %FALSE with
 *   @error in %PW_TASK_PROCESS_ERROR (or %G_IO_ERROR_CANCELLED)
 */
gboolean
pw_task_process_run_finish (PwTaskProcess  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (PW_IS_TASK_PROCESS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
