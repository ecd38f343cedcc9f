/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-engine-private.h"

/*
 * The journal: how the engine writes. Every change (a task run created, a
 * state entered, a cache entry, log lines) is queued as an op; at the end of
 * the main-loop iteration that queued it, all queued ops are written in one
 * transaction. Only after the commit are they reported (the engine's
 * signals) and are their continuations run (a process is spawned only once
 * its Running state is stored). Under load this batches hundreds of
 * transitions per transaction; when idle, a change is stored within one
 * iteration.
 *
 * Log lines wait a little longer (up to LOG_FLUSH_MS, or LOG_FLUSH_LINES
 * lines) unless a state change flushes them first, so that a chatty task
 * costs one transaction per batch of lines, not one per line.
 */

#define MAX_BATCH_OPS   4096
#define LOG_FLUSH_MS    100
#define LOG_FLUSH_LINES 1000

static void     schedule_flush (PwEngine *self);
static gboolean on_log_timer   (gpointer  user_data);

void
pw_engine_journal_init (PwEngineJournal *journal)
{
  g_queue_init (&journal->ops);
  g_queue_init (&journal->committed);
  journal->logs = g_ptr_array_new_with_free_func (g_object_unref);
  journal->log_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
op_free (PwEngineOp *op)
{
  g_clear_object (&op->task_run);
  g_clear_object (&op->state);
  g_clear_pointer (&op->result, g_free);
  g_clear_pointer (&op->cache_key, g_free);
  g_clear_pointer (&op->cache_expiration, g_date_time_unref);
  g_clear_pointer (&op->run, pw_engine_run_unref);
  g_free (op);
}

void
pw_engine_journal_clear (PwEngineJournal *journal)
{
  g_clear_handle_id (&journal->flush_id, g_source_remove);
  g_clear_handle_id (&journal->log_timer_id, g_source_remove);
  g_queue_clear_full (&journal->ops, (GDestroyNotify)op_free);
  g_queue_clear_full (&journal->committed, (GDestroyNotify)op_free);
  g_clear_pointer (&journal->logs, g_ptr_array_unref);
  g_clear_pointer (&journal->log_counts, g_hash_table_unref);
}

/**
 * pw_engine_op_new:
 * @kind: what to store
 * @run: the flow run it belongs to
 * @unit: (nullable): the task run it belongs to
 *
 * Returns: an op to fill in and give to pw_engine_submit()
 */
PwEngineOp *
pw_engine_op_new (PwEngineOpKind  kind,
                  PwEngineRun    *run,
                  PwEngineUnit   *unit)
{
  PwEngineOp *op = g_new0 (PwEngineOp, 1);

  op->kind = kind;
  op->run = pw_engine_run_ref (run);
  op->unit = unit;

  return op;
}

/**
 * pw_engine_state_new:
 * @self: a #PwEngine
 * @type: the state type
 * @name: (nullable): its name, or %NULL for the type's
 * @message: (nullable): a message
 *
 * Returns: (transfer full): a state stamped with the engine's clock
 */
PwState *
pw_engine_state_new (PwEngine    *self,
                     PwStateType  type,
                     const char  *name,
                     const char  *message)
{
  g_autoptr(GDateTime) now = pw_engine_now (self);
  PwState *state = pw_state_new (type, name, message);

  pw_state_set_timestamp (state, now);
  return state;
}

/**
 * pw_engine_submit:
 * @self: a #PwEngine
 * @op: (transfer full): the change
 *
 * Queues @op for the next commit.
 */
void
pw_engine_submit (PwEngine   *self,
                  PwEngineOp *op)
{
  g_queue_push_tail (&self->journal.ops, op);

  /* Bound the memory of a burst (100,000 noop tasks): commit now, and
   * report at the end of the iteration as usual. */
  if (self->journal.ops.length >= MAX_BATCH_OPS)
    pw_engine_flush (self, NULL);

  schedule_flush (self);
}

/**
 * pw_engine_log:
 * @self: a #PwEngine
 * @run: the flow run
 * @unit: (nullable): the task run, or %NULL for a flow-level line
 * @level: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR
 * @message: the line
 *
 * Queues a log line for the next commit.
 */
void
pw_engine_log (PwEngine     *self,
               PwEngineRun  *run,
               PwEngineUnit *unit,
               int           level,
               const char   *message)
{
  g_autoptr(GDateTime) now = pw_engine_now (self);
  PwLogEntry *entry;

  entry = pw_log_entry_new (run->id,
                            unit != NULL ? unit->task_run_id : NULL,
                            unit != NULL ? PW_ENGINE_LOG_TASK : PW_ENGINE_LOG_FLOW,
                            level, message, now);
  g_ptr_array_add (self->journal.logs, entry);

  if (self->journal.logs->len >= LOG_FLUSH_LINES)
    schedule_flush (self);
  else if (self->journal.flush_id == 0 && self->journal.log_timer_id == 0)
    self->journal.log_timer_id = g_timeout_add (LOG_FLUSH_MS, on_log_timer, self);
}

void
pw_engine_logf (PwEngine     *self,
                PwEngineRun  *run,
                PwEngineUnit *unit,
                int           level,
                const char   *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  pw_engine_log (self, run, unit, level, message);
}

static gboolean
apply_op (PwEngine    *self,
          PwEngineOp  *op,
          GError     **error)
{
  switch (op->kind)
    {
    case PW_OP_CREATE_TASK_RUN:
      return pw_store_engine_insert_task_run (self->store, op->task_run, op->state,
                                              &op->unit->times, error);

    case PW_OP_TASK_RUN_STATE:
      return pw_store_engine_set_task_state (self->store, op->unit->task_run_id, op->state,
                                             &op->unit->times, op->result, op->has_result,
                                             error);

    case PW_OP_FLOW_RUN_STATE:
      return pw_store_set_flow_run_state (self->store, op->run->id, op->state, error);

    case PW_OP_CACHE_PUT:
      return pw_store_put_cache_entry (self->store, op->cache_key, op->result,
                                       op->cache_expiration, op->unit->task_run_id, error);

    default:
      g_assert_not_reached ();
    }
}

static void
count_logs (PwEngine  *self,
            GPtrArray *logs)
{
  const char *last_id = NULL;
  guint run_lines = 0;

  for (guint i = 0; i <= logs->len; i++)
    {
      const char *id = i < logs->len ? pw_log_entry_get_flow_run_id (g_ptr_array_index (logs, i)) : NULL;

      if (last_id != NULL && g_strcmp0 (id, last_id) != 0)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->journal.log_counts, last_id));

          g_hash_table_replace (self->journal.log_counts, g_strdup (last_id),
                                GUINT_TO_POINTER (count + run_lines));
          run_lines = 0;
        }
      last_id = id;
      run_lines++;
    }
}

static void
fail_runs_of_ops (PwEngine     *self,
                  GQueue       *ops,
                  const GError *error)
{
  for (GList *l = ops->head; l != NULL; l = l->next)
    {
      PwEngineOp *op = l->data;

      if (op->run->error == NULL)
        op->run->error = g_error_copy (error);
    }
}

/**
 * pw_engine_flush:
 * @self: a #PwEngine
 * @error: return location for a #GError
 *
 * Writes every queued op and log line in one transaction. They are
 * reported later, from the main loop. On failure nothing is written, and
 * the runs concerned stop with the error.
 *
 * Returns: %TRUE if everything queued is stored
 */
gboolean
pw_engine_flush (PwEngine  *self,
                 GError   **error)
{
  PwEngineJournal *journal = &self->journal;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_clear_handle_id (&journal->log_timer_id, g_source_remove);
  if (journal->ops.length == 0 && journal->logs->len == 0)
    return TRUE;

  ok = pw_store_begin (self->store, &local_error);
  if (ok)
    {
      for (GList *l = journal->ops.head; l != NULL && ok; l = l->next)
        ok = apply_op (self, l->data, &local_error);
      if (ok && journal->logs->len > 0)
        ok = pw_store_append_logs (self->store, journal->logs, &local_error);
      if (ok)
        ok = pw_store_commit (self->store, &local_error);
      else
        pw_store_rollback (self->store);
    }

  if (ok)
    count_logs (self, journal->logs);
  else
    {
      g_warning ("Could not store the engine's changes: %s", local_error->message);
      fail_runs_of_ops (self, &journal->ops, local_error);
    }

  g_ptr_array_set_size (journal->logs, 0);
  while (journal->ops.length > 0)
    {
      PwEngineOp *op = g_queue_pop_head (&journal->ops);

      op->failed = !ok;
      g_queue_push_tail (&journal->committed, op);
    }

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
report_committed (PwEngine *self)
{
  PwEngineJournal *journal = &self->journal;
  GHashTableIter iter;
  gpointer key, value;

  while (journal->committed.length > 0)
    {
      PwEngineOp *op = g_queue_pop_head (&journal->committed);
      gboolean stored = !op->failed;

      if (stored)
        {
          switch (op->kind)
            {
            case PW_OP_CREATE_TASK_RUN:
            case PW_OP_TASK_RUN_STATE:
              pw_engine_emit_task_run_changed (self, op->run->id, op->unit->task_run_id);
              break;
            case PW_OP_FLOW_RUN_STATE:
              pw_engine_emit_flow_run_changed (self, op->run->id);
              break;
            case PW_OP_CACHE_PUT:
            default:
              break;
            }
        }

      if (op->done != NULL)
        op->done (op, stored);
      if (!stored)
        pw_engine_run_fail_store (op->run, op->run->error);
      op_free (op);
    }

  g_hash_table_iter_init (&iter, journal->log_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      pw_engine_emit_logs_appended (self, key, GPOINTER_TO_UINT (value));
      g_hash_table_iter_remove (&iter);
    }
}

static gboolean
on_flush (gpointer user_data)
{
  PwEngine *self = user_data;

  self->journal.flush_id = 0;
  g_object_ref (self);
  pw_engine_flush (self, NULL);
  report_committed (self);
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_log_timer (gpointer user_data)
{
  PwEngine *self = user_data;

  self->journal.log_timer_id = 0;
  return on_flush (self);
}

static void
schedule_flush (PwEngine *self)
{
  g_autoptr(GSource) source = NULL;

  g_clear_handle_id (&self->journal.log_timer_id, g_source_remove);
  if (self->journal.flush_id != 0)
    return;

  /* At the priority of the events that queue changes, so that a task
   * writing without pause cannot hold the commit back. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, on_flush, self, NULL);
  g_source_set_static_name (source, "[pw] engine journal");
  self->journal.flush_id = g_source_attach (source, NULL);
}
