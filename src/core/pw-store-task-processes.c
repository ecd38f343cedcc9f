/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "pw-log-entry.h"
#include "pw-store-task-processes.h"

/*
 * The process groups of running tasks. Each `command` or `shell` task
 * leads a process group of its own (pw-task-process.c); the engine records
 * the group here as soon as it starts it (its pgid is its leader's pid,
 * with the leader's start time and our host, boot and pid namespace) and
 * removes it when the whole group has ended.
 *
 * When a flow run's owner is provably gone (pw-store-owner.c), nothing
 * would ever end the groups it started: the reaper takes their records in
 * its transaction, and after the commit sends SIGTERM to each group whose
 * leader still has the recorded start time, waits a moment, and leaves a
 * small forked process to send SIGKILL to those still there after
 * %PW_STORE_TASK_PROCESS_GRACE_MS, so that no caller's main loop waits for
 * the grace period. A pid that now belongs to another process (another
 * start time), a group on another host, boot or pid namespace, and a pgid
 * of 0 or 1 are never signalled.
 */

/* How long the reaper itself waits for groups to end after SIGTERM. */
#define TERM_WAIT_MS  200
#define TERM_POLL_MS  10

/* Parses /proc/PID/stat: the start time (field 22, clock ticks since boot)
 * and whether the process is a zombie. Allocates nothing and calls
 * nothing, so that a forked child may use it. */
static gboolean
parse_stat (const char *buf,
            gssize      len,
            gint64     *start_time,
            gboolean   *zombie)
{
  gssize close_paren = -1;
  guint field = 2;
  gint64 value = 0;
  gssize i;

  /* The name (field 2) is in parentheses and may hold spaces or ')'. */
  for (i = 0; i < len; i++)
    if (buf[i] == ')')
      close_paren = i;
  if (close_paren < 0)
    return FALSE;

  for (i = close_paren + 1; i < len; i++)
    {
      if (buf[i] == ' ')
        {
          field++;
          continue;
        }
      if (field == 3)
        *zombie = buf[i] == 'Z' || buf[i] == 'X';
      else if (field == 22)
        {
          if (buf[i] < '0' || buf[i] > '9')
            break;
          value = value * 10 + (buf[i] - '0');
        }
      else if (field > 22)
        break;
    }
  if (field < 22)
    return FALSE;

  *start_time = value;
  return TRUE;
}

/* Reads /proc/PID/stat with plain system calls (see parse_stat()). */
static gboolean
read_stat_raw (const char *path,
               gint64     *start_time,
               gboolean   *zombie)
{
  char buf[1024];
  gssize n;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  do
    n = read (fd, buf, sizeof buf);
  while (n < 0 && errno == EINTR);
  close (fd);

  return n > 0 && parse_stat (buf, n, start_time, zombie);
}

/**
 * pw_store_read_process_start:
 * @pid: a process id
 * @start_time: (out): its start time, in clock ticks since boot
 * @zombie: (out): whether it has ended but not been waited for
 *
 * Returns: %FALSE if there is no such process (or /proc hides it)
 */
gboolean
pw_store_read_process_start (int       pid,
                             gint64   *start_time,
                             gboolean *zombie)
{
  char path[64];

  if (pid <= 0)
    return FALSE;
  g_snprintf (path, sizeof path, "/proc/%d/stat", pid);
  *zombie = FALSE;
  return read_stat_raw (path, start_time, zombie);
}

/**
 * pw_store_add_task_process_for:
 * @self: a #PwStore
 * @flow_run_id: the flow run the process belongs to
 * @task_run_id: its task run
 * @where: the host, boot and pid namespace the process runs in
 * @pgid: its process group (its leader's pid)
 * @start_time: its leader's start time
 * @error: return location for a #GError
 *
 * Records a task's process group. Tests record made-up ones.
 */
gboolean
pw_store_add_task_process_for (PwStore           *self,
                               const char        *flow_run_id,
                               const char        *task_run_id,
                               const PwRunOwner  *where,
                               int                pgid,
                               gint64             start_time,
                               GError           **error)
{
  g_autoptr(PwStoreLocker) locker = pw_store_locker_new (self);
  g_autoptr(PwStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (flow_run_id != NULL && task_run_id != NULL, FALSE);
  g_return_val_if_fail (where != NULL && where->host != NULL, FALSE);

  if (pgid <= 1)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("Process group %d of task run %s cannot be recorded"), pgid, task_run_id);
      return FALSE;
    }

  if (!pw_store_write_begin (self, error))
    return FALSE;
  stmt = pw_store_prepare (self,
                           "INSERT INTO task_processes (flow_run_id, task_run_id, pgid,"
                           " start_time, host, boot_id, pid_namespace, created)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, flow_run_id);
      pw_bind_text (stmt, 2, task_run_id);
      sqlite3_bind_int (stmt, 3, pgid);
      sqlite3_bind_int64 (stmt, 4, start_time);
      pw_bind_text (stmt, 5, where->host);
      pw_bind_text (stmt, 6, where->boot_id);
      pw_bind_text (stmt, 7, where->pid_namespace);
      sqlite3_bind_int64 (stmt, 8, g_get_real_time ());
      ok = pw_store_run (self, stmt, error);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_add_task_process:
 * @self: a #PwStore
 * @flow_run_id: the flow run the process belongs to
 * @task_run_id: its task run
 * @pgid: the process group this process just started (its leader's pid)
 * @error: return location for a #GError
 *
 * Records a task's process group, started by this process, so that the
 * reaper can end it should this process die before it does.
 *
 * Returns: %TRUE if it is recorded
 */
gboolean
pw_store_add_task_process (PwStore     *self,
                           const char  *flow_run_id,
                           const char  *task_run_id,
                           int          pgid,
                           GError     **error)
{
  gint64 start_time = 0;
  gboolean zombie = FALSE;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pw_store_read_process_start (pgid, &start_time, &zombie))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("Process %d of task run %s cannot be recorded: it is not running"),
                   pgid, task_run_id);
      return FALSE;
    }

  return pw_store_add_task_process_for (self, flow_run_id, task_run_id, &self->self_owner,
                                        pgid, start_time, error);
}

/**
 * pw_store_remove_task_process:
 * @self: a #PwStore
 * @task_run_id: the task run
 * @pgid: its process group, which has ended
 * @error: return location for a #GError
 *
 * Forgets a task's process group once all of it has ended.
 */
gboolean
pw_store_remove_task_process (PwStore     *self,
                              const char  *task_run_id,
                              int          pgid,
                              GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (task_run_id != NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;
  stmt = pw_store_prepare (self,
                           "DELETE FROM task_processes WHERE task_run_id = ? AND pgid = ?"
                           " AND host = ? AND boot_id IS ? AND pid_namespace IS ?",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, task_run_id);
      sqlite3_bind_int (stmt, 2, pgid);
      pw_bind_text (stmt, 3, self->self_owner.host);
      pw_bind_text (stmt, 4, self->self_owner.boot_id);
      pw_bind_text (stmt, 5, self->self_owner.pid_namespace);
      ok = pw_store_run (self, stmt, error);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_count_task_processes:
 * @self: a #PwStore
 * @flow_run_id: (nullable): a flow run, or %NULL for all
 * @error: return location for a #GError
 *
 * Returns: how many process groups are recorded, or -1 with @error set
 */
gint64
pw_store_count_task_processes (PwStore     *self,
                               const char  *flow_run_id,
                               GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), -1);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT count(*) FROM task_processes"
                           " WHERE ?1 IS NULL OR flow_run_id = ?1",
                           error);
  if (stmt == NULL)
    return -1;
  pw_bind_text (stmt, 1, flow_run_id);
  if (pw_store_step (self, stmt, error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static void
orphan_clear (gpointer data)
{
  PwTaskProcessOrphan *orphan = data;

  g_clear_pointer (&orphan->flow_run_id, g_free);
}

/* Whether the group's leader is the process recorded: it runs, with the
 * recorded start time. */
static gboolean
leader_matches (int    pgid,
                gint64 start_time)
{
  gint64 now_start = 0;
  gboolean zombie = FALSE;

  return pgid > 1 &&
         pw_store_read_process_start (pgid, &now_start, &zombie) &&
         !zombie && now_start == start_time;
}

/**
 * pw_store_take_orphan_task_processes:
 * @self: a #PwStore, inside a write transaction
 * @error: return location for a #GError
 *
 * Forgets the process groups of flow runs whose owner is provably gone
 * (on this host, boot and pid namespace), and those recorded in an earlier
 * boot of this host, and returns those still running whose leader has the
 * recorded start time. Records of other hosts and of runs whose owner
 * lives, or cannot be checked, are left alone.
 *
 * Returns: (transfer full) (element-type PwTaskProcessOrphan): the groups
 *   to end with pw_store_end_task_processes(), or %NULL with @error set
 */
GArray *
pw_store_take_orphan_task_processes (PwStore  *self,
                                     GError  **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GArray) orphans = g_array_new (FALSE, TRUE, sizeof (PwTaskProcessOrphan));
  g_autoptr(GArray) forget = g_array_new (FALSE, FALSE, sizeof (gint64));
  const PwRunOwner *me = &self->self_owner;
  int rc;

  g_array_set_clear_func (orphans, orphan_clear);

  stmt = pw_store_prepare (self,
                           "SELECT t.id, t.flow_run_id, t.pgid, t.start_time, t.host,"
                           " t.boot_id, t.pid_namespace, f.state_type, f.owner_host,"
                           " f.owner_boot_id, f.owner_pid_namespace, f.owner_pid,"
                           " f.owner_start_time"
                           " FROM task_processes t JOIN flow_runs f ON f.id = t.flow_run_id",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      const char *host = (const char *)sqlite3_column_text (stmt, 4);
      const char *boot_id = (const char *)sqlite3_column_text (stmt, 5);
      const char *pid_namespace = (const char *)sqlite3_column_text (stmt, 6);
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int pgid = sqlite3_column_int (stmt, 2);
      gint64 start_time = sqlite3_column_int64 (stmt, 3);
      PwOwnerLiveness liveness;

      if (g_strcmp0 (host, me->host) != 0 || me->boot_id == NULL)
        continue;
      if (g_strcmp0 (boot_id, me->boot_id) != 0)
        {
          /* The machine restarted since: the group ended with it. */
          g_array_append_val (forget, id);
          continue;
        }
      if (g_strcmp0 (pid_namespace, me->pid_namespace) != 0)
        continue;

      if (sqlite3_column_type (stmt, 11) == SQLITE_NULL)
        {
          PwStateType type = PW_STATE_TYPE_RUNNING;

          /* Nobody claims the run: only an ended one's groups are orphans. */
          pw_state_type_from_string ((const char *)sqlite3_column_text (stmt, 7), &type);
          liveness = pw_state_type_is_terminal (type) ? PW_OWNER_GONE : PW_OWNER_UNKNOWN;
        }
      else
        {
          PwRunOwner owner = {
            .host = (char *)sqlite3_column_text (stmt, 8),
            .boot_id = (char *)sqlite3_column_text (stmt, 9),
            .pid_namespace = (char *)sqlite3_column_text (stmt, 10),
            .pid = sqlite3_column_int (stmt, 11),
            .start_time = sqlite3_column_int64 (stmt, 12),
          };

          liveness = pw_run_owner_check (&owner, me);
        }
      if (liveness != PW_OWNER_GONE)
        continue;

      g_array_append_val (forget, id);
      if (leader_matches (pgid, start_time))
        {
          PwTaskProcessOrphan orphan = {
            .flow_run_id = pw_column_dup_text (stmt, 1),
            .pgid = pgid,
            .start_time = start_time,
          };

          g_array_append_val (orphans, orphan);
        }
    }
  if (rc != SQLITE_DONE)
    return NULL;
  g_clear_pointer (&stmt, pw_stmt_release);

  if (forget->len > 0)
    {
      stmt = pw_store_prepare (self, "DELETE FROM task_processes WHERE id = ?", error);
      if (stmt == NULL)
        return NULL;
      for (guint i = 0; i < forget->len; i++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (forget, gint64, i));
          if (!pw_store_run (self, stmt, error))
            return NULL;
          sqlite3_reset (stmt);
        }
    }

  return g_steal_pointer (&orphans);
}

static gboolean
group_exists (int pgid)
{
  return pgid > 1 && (kill (-pgid, 0) == 0 || errno != ESRCH);
}

/* In a forked child: only async-signal-safe calls from here on. Sends
 * SIGKILL, after @wait_ms, to each group whose leader is gone (the group
 * id stays reserved while a member lives) or still has the recorded start
 * time. */
G_GNUC_NORETURN static void
killer_main (const int    *pgids,
             const gint64 *start_times,
             char * const *paths,
             guint         n,
             guint         wait_ms,
             int           max_fd)
{
  struct timespec left = { wait_ms / 1000, (long)(wait_ms % 1000) * 1000000L };

  /* Holds nothing of ours: not the database, and not a pipe whose reader
   * waits for its end (`pipewright-cli flow-run ls | less`). */
  for (int fd = 0; fd < max_fd; fd++)
    close (fd);

  while (nanosleep (&left, &left) != 0 && errno == EINTR)
    ;

  for (guint i = 0; i < n; i++)
    {
      gint64 start_time = 0;
      gboolean zombie = FALSE;

      if (pgids[i] <= 1)
        continue;
      if (read_stat_raw (paths[i], &start_time, &zombie) && !zombie &&
          start_time != start_times[i])
        continue;
      kill (-pgids[i], SIGKILL);
    }

  _exit (0);
}

static void
on_killer_exited (GPid     pid,
                  int      status,
                  gpointer user_data)
{
  g_spawn_close_pid (pid);
}

/* Sends SIGKILL to @groups now (same checks as killer_main()). */
static void
kill_now (GArray *groups)
{
  for (guint i = 0; i < groups->len; i++)
    {
      const PwTaskProcessOrphan *orphan = &g_array_index (groups, PwTaskProcessOrphan, i);
      gint64 start_time = 0;
      gboolean zombie = FALSE;

      if (orphan->pgid <= 1)
        continue;
      if (pw_store_read_process_start (orphan->pgid, &start_time, &zombie) && !zombie &&
          start_time != orphan->start_time)
        continue;
      kill (-orphan->pgid, SIGKILL);
    }
}

/* Sends SIGKILL to @groups after @wait_ms, from a child process, so that
 * nobody waits for it. */
static void
kill_later (GArray *groups,
            guint   wait_ms)
{
  g_autofree int *pgids = g_new0 (int, groups->len);
  g_autofree gint64 *start_times = g_new0 (gint64, groups->len);
  g_auto(GStrv) paths = g_new0 (char *, groups->len + 1);
  long max_fd = sysconf (_SC_OPEN_MAX);
  pid_t pid;

  if (max_fd < 0 || max_fd > 65536)
    max_fd = 65536;
  for (guint i = 0; i < groups->len; i++)
    {
      const PwTaskProcessOrphan *orphan = &g_array_index (groups, PwTaskProcessOrphan, i);

      pgids[i] = orphan->pgid;
      start_times[i] = orphan->start_time;
      paths[i] = g_strdup_printf ("/proc/%d/stat", orphan->pgid);
    }

  pid = fork ();
  if (pid == 0)
    killer_main (pgids, start_times, paths, groups->len, wait_ms, (int)max_fd);

  if (pid < 0)
    {
      /* No grace then, rather than leaving them running. */
      g_debug ("Could not fork to end task processes later: %s", g_strerror (errno));
      kill_now (groups);
      return;
    }

  g_child_watch_add (pid, on_killer_exited, NULL);
}

static void
log_ended (PwStore    *self,
           const char *flow_run_id,
           guint       n,
           const char *pids)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Ended %u task process left running by the crashed"
                                          " run (pid %s)",
                                          "Ended %u task processes left running by the crashed"
                                          " run (pids %s)", n),
                             n, pids);
  g_ptr_array_add (entries, pw_log_entry_new (flow_run_id, NULL, "pipewright.flow_runs",
                                              30, message, now));
  if (!pw_store_append_logs (self, entries, &error))
    g_debug ("Could not log to flow run %s: %s", flow_run_id, error->message);
}

/**
 * pw_store_end_task_processes:
 * @self: a #PwStore, outside any transaction
 * @orphans: (element-type PwTaskProcessOrphan): from
 *   pw_store_take_orphan_task_processes()
 *
 * Ends the process groups a crashed run left running: SIGTERM to each whose
 * leader still has the recorded start time, SIGKILL to those left after
 * %PW_STORE_TASK_PROCESS_GRACE_MS (from a forked child: this returns after
 * a fraction of a second), and a line in each flow run's log.
 */
void
pw_store_end_task_processes (PwStore *self,
                             GArray  *orphans)
{
  g_autoptr(GArray) signalled = g_array_new (FALSE, TRUE, sizeof (PwTaskProcessOrphan));
  g_autoptr(GArray) left = g_array_new (FALSE, TRUE, sizeof (PwTaskProcessOrphan));
  g_autoptr(GHashTable) pids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify)g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  gint64 deadline;

  g_return_if_fail (PW_IS_STORE (self));

  if (orphans == NULL || orphans->len == 0)
    return;

  for (guint i = 0; i < orphans->len; i++)
    {
      const PwTaskProcessOrphan *orphan = &g_array_index (orphans, PwTaskProcessOrphan, i);
      GPtrArray *list;

      /* Checked again: it may have ended, and its pid been reused, since. */
      if (!leader_matches (orphan->pgid, orphan->start_time))
        continue;
      if (kill (-orphan->pgid, SIGTERM) != 0)
        continue;
      g_array_append_vals (signalled, orphan, 1);

      list = g_hash_table_lookup (pids, orphan->flow_run_id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (pids, orphan->flow_run_id, list);
        }
      g_ptr_array_add (list, g_strdup_printf ("%d", orphan->pgid));
    }

  /* Most groups end on SIGTERM at once. */
  deadline = g_get_monotonic_time () + TERM_WAIT_MS * 1000;
  for (;;)
    {
      g_array_set_size (left, 0);
      for (guint i = 0; i < signalled->len; i++)
        {
          const PwTaskProcessOrphan *orphan = &g_array_index (signalled, PwTaskProcessOrphan, i);

          /* Members not yet waited for by their new parent still count:
           * SIGKILL is harmless to them. */
          if (group_exists (orphan->pgid))
            g_array_append_vals (left, orphan, 1);
        }
      if (left->len == 0 || g_get_monotonic_time () >= deadline)
        break;
      g_usleep (TERM_POLL_MS * 1000);
    }
  if (left->len > 0)
    kill_later (left, PW_STORE_TASK_PROCESS_GRACE_MS - TERM_WAIT_MS);

  g_hash_table_iter_init (&iter, pids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = value;
      g_autofree char *joined = NULL;

      g_ptr_array_add (list, NULL);
      joined = g_strjoinv (", ", (char **)list->pdata);
      log_ended (self, key, list->len - 1, joined);
    }
}
