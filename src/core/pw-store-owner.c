/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "pw-store-private.h"
#include "pw-store-task-processes.h"

/*
 * Who runs a flow run (DESIGN.md §4). Several processes share the
 * database; the one that runs a flow run claims it, recording its host,
 * boot, pid namespace, pid and process start time, and keeps a heartbeat
 * fresh. A run in progress is taken for crashed only when its owner is
 * provably gone: on this host, boot and pid namespace, the pid no longer
 * exists or now belongs to a process that started at another time (the
 * pid was reused) or is a zombie. An owner elsewhere cannot be checked:
 * then only a heartbeat older than PW_STORE_HEARTBEAT_TIMEOUT counts.
 */

#define OWNER_COLUMNS \
  "owner_host, owner_boot_id, owner_pid_namespace, owner_pid, owner_start_time, heartbeat"

/* Reads a process's start time (in clock ticks since boot, field 22 of
 * /proc/PID/stat) and whether it is a zombie. Returns FALSE if there is no
 * such process. */
static gboolean
read_process_start (int       pid,
                    gint64   *start_time,
                    gboolean *zombie)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  char *after_name;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  /* The name (field 2) is in parentheses and may hold spaces or ')'. */
  after_name = strrchr (contents, ')');
  if (after_name == NULL)
    return FALSE;

  /* fields[0] is field 3 (the state), fields[19] is field 22. */
  fields = g_strsplit_set (g_strstrip (after_name + 1), " ", -1);
  if (g_strv_length (fields) < 20)
    return FALSE;

  *zombie = fields[0][0] == 'Z' || fields[0][0] == 'X';
  *start_time = g_ascii_strtoll (fields[19], NULL, 10);
  return TRUE;
}

static char *
read_trimmed (const char *path)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return g_strdup (g_strstrip (contents));
}

/**
 * pw_run_owner_init_self:
 * @owner: the owner to fill in
 *
 * Describes this process as the owner of a run.
 */
void
pw_run_owner_init_self (PwRunOwner *owner)
{
  gboolean zombie;

  owner->host = g_strdup (g_get_host_name ());
  owner->boot_id = read_trimmed ("/proc/sys/kernel/random/boot_id");
  owner->pid_namespace = g_file_read_link ("/proc/self/ns/pid", NULL);
  owner->pid = getpid ();
  if (!read_process_start (owner->pid, &owner->start_time, &zombie))
    owner->start_time = 0;
}

void
pw_run_owner_clear (PwRunOwner *owner)
{
  g_clear_pointer (&owner->host, g_free);
  g_clear_pointer (&owner->boot_id, g_free);
  g_clear_pointer (&owner->pid_namespace, g_free);
}

static gboolean
pw_run_owner_equal (const PwRunOwner *a,
                    const PwRunOwner *b)
{
  return g_strcmp0 (a->host, b->host) == 0 &&
         g_strcmp0 (a->boot_id, b->boot_id) == 0 &&
         g_strcmp0 (a->pid_namespace, b->pid_namespace) == 0 &&
         a->pid == b->pid &&
         a->start_time == b->start_time;
}

/**
 * pw_run_owner_check:
 * @owner: a run's owner
 * @self_owner: this process, as an owner
 *
 * Returns: whether @owner still runs: %PW_OWNER_UNKNOWN when it cannot be
 *   told from here (another host, boot or pid namespace)
 */
PwOwnerLiveness
pw_run_owner_check (const PwRunOwner *owner,
                    const PwRunOwner *self_owner)
{
  gint64 start_time = 0;
  gboolean zombie = FALSE;

  if (owner->host == NULL || owner->boot_id == NULL || owner->pid_namespace == NULL ||
      g_strcmp0 (owner->host, self_owner->host) != 0 ||
      g_strcmp0 (owner->boot_id, self_owner->boot_id) != 0 ||
      g_strcmp0 (owner->pid_namespace, self_owner->pid_namespace) != 0 ||
      owner->pid <= 0)
    return PW_OWNER_UNKNOWN;

  if (kill (owner->pid, 0) != 0 && errno == ESRCH)
    return PW_OWNER_GONE;
  if (!read_process_start (owner->pid, &start_time, &zombie))
    {
      /* It ended meanwhile, or /proc hides it (hidepid): no proof. */
      if (kill (owner->pid, 0) != 0 && errno == ESRCH)
        return PW_OWNER_GONE;
      return PW_OWNER_UNKNOWN;
    }
  if (zombie || start_time != owner->start_time)
    return PW_OWNER_GONE;

  return PW_OWNER_ALIVE;
}

/* Reads the owner columns (OWNER_COLUMNS, from @first); FALSE if unowned. */
static gboolean
read_owner (PwStmt     *stmt,
            int         first,
            PwRunOwner *owner,
            gint64     *heartbeat)
{
  owner->host = pw_column_dup_text (stmt, first);
  owner->boot_id = pw_column_dup_text (stmt, first + 1);
  owner->pid_namespace = pw_column_dup_text (stmt, first + 2);
  owner->pid = sqlite3_column_int (stmt, first + 3);
  owner->start_time = sqlite3_column_int64 (stmt, first + 4);
  *heartbeat = pw_column_usec (stmt, first + 5);

  return sqlite3_column_type (stmt, first + 3) != SQLITE_NULL;
}

static char *
format_usec (gint64 usec)
{
  g_autoptr(GDateTime) time = pw_store_time_from_usec (usec);

  return g_date_time_format_iso8601 (time);
}

static gboolean
claim_flow_run (PwStore           *self,
                const char        *flow_run_id,
                const PwRunOwner  *owner,
                gint64             now,
                GError           **error)
{
  g_auto(PwRunOwner) current = { 0, };
  g_autoptr(PwStmt) stmt = NULL;
  PwStateType state_type = PW_STATE_TYPE_PENDING;
  gint64 heartbeat = 0;
  int rc;

  stmt = pw_store_prepare (self,
                           "SELECT state_type, " OWNER_COLUMNS " FROM flow_runs WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, flow_run_id);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    return pw_store_set_run_not_found (PW_RUN_KIND_FLOW, flow_run_id, error);
  if (rc != SQLITE_ROW)
    return FALSE;

  pw_state_type_from_string ((const char *)sqlite3_column_text (stmt, 0), &state_type);
  if (pw_state_type_is_terminal (state_type))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                   _("Flow run %s has already ended (%s)"),
                   flow_run_id, pw_state_type_get_default_name (state_type));
      return FALSE;
    }

  if (read_owner (stmt, 1, &current, &heartbeat))
    {
      PwOwnerLiveness liveness = pw_run_owner_check (&current, &self->self_owner);

      if (pw_run_owner_equal (&current, owner) ||
          liveness == PW_OWNER_ALIVE ||
          (liveness == PW_OWNER_UNKNOWN && now - heartbeat < PW_STORE_HEARTBEAT_TIMEOUT))
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                       _("Flow run %s is already claimed by process %d on host %s"),
                       flow_run_id, current.pid, current.host);
          return FALSE;
        }
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  stmt = pw_store_prepare (self,
                           "UPDATE flow_runs SET owner_host = ?, owner_boot_id = ?,"
                           " owner_pid_namespace = ?, owner_pid = ?, owner_start_time = ?,"
                           " heartbeat = ?, updated = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, owner->host);
  pw_bind_text (stmt, 2, owner->boot_id);
  pw_bind_text (stmt, 3, owner->pid_namespace);
  sqlite3_bind_int (stmt, 4, owner->pid);
  sqlite3_bind_int64 (stmt, 5, owner->start_time);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time ());
  pw_bind_text (stmt, 8, flow_run_id);

  return pw_store_run (self, stmt, error);
}

/* pw_store_claim_flow_run() for any owner; tests claim for made-up ones. */
gboolean
pw_store_claim_flow_run_for (PwStore           *self,
                             const char        *flow_run_id,
                             const PwRunOwner  *owner,
                             GDateTime         *now,
                             GError           **error)
{
  g_autoptr(PwStoreLocker) locker = pw_store_locker_new (self);
  gboolean ok;

  /* The write lock is taken before the owner is read: two processes never
   * both see the run unclaimed. */
  if (!pw_store_write_begin (self, error))
    return FALSE;
  ok = claim_flow_run (self, flow_run_id, owner, pw_store_now_usec (now), error);
  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_claim_flow_run:
 * @self: a #PwStore
 * @flow_run_id: the run this process is about to run
 * @now: (nullable): the current time, or %NULL for the clock's
 * @error: return location for a #GError
 *
 * Makes this process the owner of a flow run that has not ended, atomically:
 * only if no live process owns it (one that is provably gone, or whose
 * heartbeat is stale, does not count). Its heartbeat starts at @now.
 *
 * Returns: %TRUE if this process now owns the run, else %FALSE with @error
 *   set (%PW_STORE_ERROR_CONFLICT if another process, or this one, owns it
 *   or it has ended; %PW_STORE_ERROR_NOT_FOUND)
 */
gboolean
pw_store_claim_flow_run (PwStore     *self,
                         const char  *flow_run_id,
                         GDateTime   *now,
                         GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (flow_run_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return pw_store_claim_flow_run_for (self, flow_run_id, &self->self_owner, now, error);
}

/**
 * pw_store_heartbeat:
 * @self: a #PwStore
 * @now: (nullable): the current time, or %NULL for the clock's
 * @error: return location for a #GError
 *
 * Tells the other processes that this one still runs the flow runs it
 * owns (those that have not ended). Call it well within
 * %PW_STORE_HEARTBEAT_TIMEOUT, every 15 seconds or so.
 *
 * Returns: how many runs it touched, or -1 with @error set
 */
gint64
pw_store_heartbeat (PwStore     *self,
                    GDateTime   *now,
                    GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  const PwRunOwner *owner;
  gint64 n = 0;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  owner = &self->self_owner;
  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return -1;

  stmt = pw_store_prepare (self,
                           "UPDATE flow_runs SET heartbeat = ?"
                           " WHERE state_type IN"
                           " ('SCHEDULED', 'PENDING', 'RUNNING', 'PAUSED', 'CANCELLING')"
                           " AND owner_pid = ? AND owner_start_time = ? AND owner_host = ?"
                           " AND owner_boot_id IS ? AND owner_pid_namespace IS ?",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, pw_store_now_usec (now));
      sqlite3_bind_int (stmt, 2, owner->pid);
      sqlite3_bind_int64 (stmt, 3, owner->start_time);
      pw_bind_text (stmt, 4, owner->host);
      pw_bind_text (stmt, 5, owner->boot_id);
      pw_bind_text (stmt, 6, owner->pid_namespace);
      ok = pw_store_run (self, stmt, error);
      n = sqlite3_changes (self->db);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error) ? n : -1;
}

typedef struct
{
  char        *id;
  PwStateType  type;
  char        *message;
} Crashed;

static void
crashed_free (gpointer data)
{
  Crashed *crashed = data;

  g_free (crashed->id);
  g_free (crashed->message);
  g_free (crashed);
}

/* Why a run in progress is crashed, or %NULL if it is not. */
static char *
crash_reason (PwStore          *self,
              PwStateType       type,
              const PwRunOwner *owner,
              gboolean          owned,
              gint64            heartbeat,
              gint64            state_timestamp,
              gint64            now)
{
  g_autofree char *last = NULL;

  if (!owned)
    {
      /* A PENDING run waits for an agent; a RUNNING one that no process
       * claimed is taken for crashed once it has been quiet too long. */
      if (type == PW_STATE_TYPE_PENDING || now - state_timestamp < PW_STORE_HEARTBEAT_TIMEOUT)
        return NULL;
      last = format_usec (state_timestamp);
      return g_strdup_printf (_("No process has claimed it, and it has not changed since %s"),
                              last);
    }

  switch (pw_run_owner_check (owner, &self->self_owner))
    {
    case PW_OWNER_ALIVE:
      return NULL;
    case PW_OWNER_GONE:
      return g_strdup_printf (_("Its process %d on host %s is gone"), owner->pid, owner->host);
    case PW_OWNER_UNKNOWN:
    default:
      if (heartbeat != 0 && now - heartbeat < PW_STORE_HEARTBEAT_TIMEOUT)
        return NULL;
      if (heartbeat == 0)
        return g_strdup_printf (_("Its process %d on host %s never sent a heartbeat"),
                                owner->pid, owner->host);
      last = format_usec (heartbeat);
      return g_strdup_printf (_("Its process %d on host %s stopped sending heartbeats"
                                " (the last at %s)"),
                              owner->pid, owner->host, last);
    }
}

static GPtrArray *
find_crashed (PwStore  *self,
              gint64    now,
              GError  **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) crashed = g_ptr_array_new_with_free_func (crashed_free);
  int rc;

  stmt = pw_store_prepare (self,
                           "SELECT r.id, r.state_type, s.timestamp, " OWNER_COLUMNS
                           " FROM flow_runs r LEFT JOIN states s ON s.id = r.state_id"
                           " WHERE r.state_type IN ('PENDING', 'RUNNING', 'CANCELLING')",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_auto(PwRunOwner) owner = { 0, };
      PwStateType type = PW_STATE_TYPE_RUNNING;
      gint64 heartbeat = 0;
      gboolean owned;
      char *reason;

      pw_state_type_from_string ((const char *)sqlite3_column_text (stmt, 1), &type);
      owned = read_owner (stmt, 3, &owner, &heartbeat);
      reason = crash_reason (self, type, &owner, owned, heartbeat,
                             sqlite3_column_int64 (stmt, 2), now);
      if (reason != NULL)
        {
          Crashed *run = g_new0 (Crashed, 1);

          run->id = pw_column_dup_text (stmt, 0);
          run->type = type;
          run->message = reason;
          g_ptr_array_add (crashed, run);
        }
    }

  return rc == SQLITE_DONE ? g_steal_pointer (&crashed) : NULL;
}

/* Ends the task runs of a crashed flow run that had not ended. */
static gboolean
crash_task_runs (PwStore     *self,
                 const char  *flow_run_id,
                 gint64       now,
                 GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) timestamp = pw_store_time_from_usec (now);
  int rc;

  stmt = pw_store_prepare (self,
                           "SELECT id FROM task_runs WHERE flow_run_id = ? AND state_type"
                           " NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED')",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, flow_run_id);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (ids, pw_column_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return FALSE;
  g_clear_pointer (&stmt, pw_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_CRASHED, NULL,
                                               _("Its flow run crashed"));

      pw_state_set_timestamp (state, timestamp);
      if (!pw_store_set_run_state (self, PW_RUN_KIND_TASK,
                                   g_ptr_array_index (ids, i), state, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
reap (PwStore    *self,
      GPtrArray  *crashed,
      gint64      now,
      GError    **error)
{
  g_autoptr(GDateTime) timestamp = pw_store_time_from_usec (now);

  for (guint i = 0; i < crashed->len; i++)
    {
      Crashed *run = g_ptr_array_index (crashed, i);
      g_autoptr(PwState) state = NULL;

      /* A run that was being cancelled has, in effect, been cancelled. */
      if (run->type == PW_STATE_TYPE_CANCELLING)
        state = pw_state_new (PW_STATE_TYPE_CANCELLED, NULL, run->message);
      else
        state = pw_state_new (PW_STATE_TYPE_CRASHED, NULL, run->message);
      pw_state_set_timestamp (state, timestamp);

      if (!pw_store_set_run_state (self, PW_RUN_KIND_FLOW, run->id, state, error) ||
          !crash_task_runs (self, run->id, now, error))
        return FALSE;
      g_debug ("Flow run %s crashed: %s", run->id, run->message);
    }

  return TRUE;
}

/**
 * pw_store_reap_crashed_runs:
 * @self: a #PwStore
 * @now: (nullable): the current time, or %NULL for the clock's
 * @error: return location for a #GError
 *
 * Ends the flow runs in progress whose process is gone: a PENDING (claimed),
 * RUNNING or CANCELLING run becomes CRASHED (a CANCELLING one CANCELLED),
 * with a state-history entry whose message says why, and so do its task
 * runs that had not ended. The task process groups such runs left running
 * (on this host and boot) get SIGTERM, and SIGKILL after a grace period
 * (pw-store-task-processes.c). Only runs whose owner is provably gone, or whose
 * owner cannot be checked and whose heartbeat is older than
 * %PW_STORE_HEARTBEAT_TIMEOUT, are ended: a live process's run never is.
 *
 * Returns: (transfer full) (element-type PwFlowRun): the runs it ended
 *   (often none), or %NULL with @error set
 */
GPtrArray *
pw_store_reap_crashed_runs (PwStore     *self,
                            GDateTime   *now,
                            GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(GPtrArray) crashed = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GArray) orphans = NULL;
  gint64 now_usec = pw_store_now_usec (now);
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;

  crashed = find_crashed (self, now_usec, error);
  ok = crashed != NULL && reap (self, crashed, now_usec, error);
  /* The task processes of runs whose owner is gone (reaped now or
   * earlier) are taken in the same transaction, and ended after it. */
  if (ok)
    {
      orphans = pw_store_take_orphan_task_processes (self, error);
      ok = orphans != NULL;
    }
  if (!pw_store_write_end (self, ok, error))
    return NULL;

  pw_store_end_task_processes (self, orphans);

  runs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < crashed->len; i++)
    {
      Crashed *run = g_ptr_array_index (crashed, i);
      PwFlowRun *flow_run = pw_store_get_flow_run (self, run->id, error);

      if (flow_run == NULL)
        return NULL;
      g_ptr_array_add (runs, flow_run);
    }

  return g_steal_pointer (&runs);
}
