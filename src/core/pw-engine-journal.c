/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-engine-private.h"
#include "pw-store-task-processes.h"

/*
 * The journal: how the engine writes. Every change (a task run created, a
 * state entered, a cache entry, a task's process group recorded or
 * forgotten, log lines) is queued as an op, in order;
 * queued ops are written in one transaction at the end of the main-loop
 * iteration that queued them, or, under load, at most every
 * FLUSH_INTERVAL_MS. Only after the commit are they reported (the engine's
 * signals) and are their continuations run (a sub-flow's child run is
 * created once its parent task run's Running state is stored). A process
 * starts as soon as its Running state is queued: the state is committed
 * with the batch, before any report and before any later state of that task
 * run, and the process does not wait for the disk.
 *
 * The states a task run goes through within one batch are written as one op:
 * a noop's Pending, Running and Completed make one row of task_runs and
 * three of states, not an insert and two updates. Ids are time-ordered
 * (UUID version 7), so that the indexes on them grow at their end instead
 * of at a random page each.
 *
 * Log lines wait a little longer (up to LOG_FLUSH_MS, or LOG_FLUSH_LINES
 * lines) unless a state change flushes them first, so that a chatty task
 * costs one transaction per batch of lines, not one per line.
 */

#define MAX_BATCH_OPS     4096
#define LOG_FLUSH_MS      100
#define LOG_FLUSH_LINES   1000
#define FLUSH_INTERVAL_MS 5

static void     schedule_flush (PwEngine *self);
static gboolean on_log_timer   (gpointer  user_data);

static void
log_line_clear (PwEngineLogLine *line)
{
  g_clear_pointer (&line->message, g_free);
  g_clear_pointer (&line->run, pw_engine_run_unref);
}

void
pw_engine_journal_init (PwEngineJournal *journal)
{
  g_queue_init (&journal->ops);
  g_queue_init (&journal->committed);
  journal->logs = g_array_new (FALSE, FALSE, sizeof (PwEngineLogLine));
  g_array_set_clear_func (journal->logs, (GDestroyNotify)log_line_clear);
  journal->log_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
op_free (PwEngineOp *op)
{
  for (guint i = 0; i < op->n_states; i++)
    {
      g_free (op->states[i].message);
      g_free (op->states[i].details);
    }
  if (op->unit != NULL && op->unit->pending_op == op)
    op->unit->pending_op = NULL;
  g_clear_object (&op->flow_state);
  g_clear_pointer (&op->result, g_free);
  g_clear_pointer (&op->task_inputs, g_free);
  g_clear_pointer (&op->cache_key, g_free);
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
  g_clear_pointer (&journal->logs, g_array_unref);
  g_clear_pointer (&journal->log_counts, g_hash_table_unref);
}

/**
 * pw_engine_make_id:
 * @self: a #PwEngine
 * @id: (out caller-allocates): room for the id
 *
 * Makes a UUID version 7: the time in milliseconds, a counter within the
 * millisecond (so that ids made by this engine sort in the order they were
 * made), and random bits.
 */
void
pw_engine_make_id (PwEngine *self,
                   char      id[40])
{
  gint64 ms = g_get_real_time () / 1000;
  guint32 r1, r2, r3;

  if (ms <= self->id_last_ms)
    {
      ms = self->id_last_ms;
      if (++self->id_counter > 0xfff)
        {
          ms++;
          self->id_counter = 0;
        }
    }
  else
    self->id_counter = g_rand_int_range (self->rand, 0, 0x400);
  self->id_last_ms = ms;

  r1 = g_rand_int (self->rand);
  r2 = g_rand_int (self->rand);
  r3 = g_rand_int (self->rand);
  g_snprintf (id, 40, "%08x-%04x-7%03x-%04x-%04x%08x",
              (guint32)(ms >> 16), (guint)(ms & 0xffff), self->id_counter,
              (r1 & 0x3fff) | 0x8000, r2 & 0xffff, r3);
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
 * Returns: (transfer full): a flow run state stamped with the engine's clock
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
  if (op->unit != NULL && (op->kind == PW_OP_CREATE_TASK_RUN || op->kind == PW_OP_TASK_RUN_STATE))
    op->unit->pending_op = op;

  /* Bound the memory of a burst (100,000 noop tasks): commit now, and
   * report at the end of the iteration as usual. */
  if (self->journal.ops.length >= MAX_BATCH_OPS)
    pw_engine_flush (self, NULL);

  schedule_flush (self);
}

static void
add_state (PwEngine      *self,
           PwEngineOp    *op,
           PwStateType    type,
           const char    *name,
           char          *message,
           gint64         scheduled_time)
{
  PwEngineState *state = &op->states[op->n_states++];

  g_assert (op->n_states <= PW_ENGINE_OP_MAX_STATES);

  pw_engine_make_id (self, state->id);
  state->type = type;
  state->name = name;
  state->message = message;
  state->details = op->unit != NULL && op->unit->state_details != NULL &&
                   pw_state_type_is_terminal (type) ? g_strdup (op->unit->state_details) : NULL;
  state->timestamp = pw_clock_get_real_time (self->clock);
  state->scheduled_time = scheduled_time;
}

/**
 * pw_engine_submit_create:
 * @self: a #PwEngine
 * @unit: a new task run
 * @task_inputs: (transfer full): its task inputs, a JSON object
 *
 * Queues the creation of @unit's task run, Pending.
 */
void
pw_engine_submit_create (PwEngine     *self,
                         PwEngineUnit *unit,
                         char         *task_inputs)
{
  PwEngineOp *op = pw_engine_op_new (PW_OP_CREATE_TASK_RUN, unit->node->run, unit);

  op->task_inputs = task_inputs;
  add_state (self, op, PW_STATE_TYPE_PENDING, NULL, NULL, 0);
  pw_engine_submit (self, op);
}

/**
 * pw_engine_submit_task_state:
 * @self: a #PwEngine
 * @unit: a task run
 * @type: the state it enters
 * @name: (nullable): a static name, or %NULL for the type's
 * @message: (transfer full) (nullable): a message
 * @scheduled_time: when it is due (AwaitingRetry), or 0
 * @result: (nullable): the result to store with the state
 * @set_result: whether to store @result
 * @done: (nullable): what to do once the state is stored
 *
 * Queues a state of @unit: with its earlier ones of the same batch if it
 * can, else as an op of its own.
 */
void
pw_engine_submit_task_state (PwEngine       *self,
                             PwEngineUnit   *unit,
                             PwStateType     type,
                             const char     *name,
                             char           *message,
                             gint64          scheduled_time,
                             const char     *result,
                             gboolean        set_result,
                             PwEngineOpDone  done)
{
  PwEngineOp *op = unit->pending_op;
  gboolean merge = op != NULL && op->n_states < PW_ENGINE_OP_MAX_STATES &&
                   (op->done == NULL || done == NULL);

  if (!merge)
    op = pw_engine_op_new (PW_OP_TASK_RUN_STATE, unit->node->run, unit);

  add_state (self, op, type, name, message, scheduled_time);
  if (set_result)
    {
      g_free (op->result);
      op->result = g_strdup (result);
      op->has_result = TRUE;
    }
  if (done != NULL)
    op->done = done;

  if (!merge)
    pw_engine_submit (self, op);
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
  PwEngineLogLine line = {
    .run = pw_engine_run_ref (run),
    .unit = unit,
    .level = level,
    .message = g_strdup (message),
    .timestamp = pw_clock_get_real_time (self->clock),
  };

  g_array_append_val (self->journal.logs, line);

  if (self->journal.logs->len >= LOG_FLUSH_LINES)
    schedule_flush (self);
  else if (self->journal.flush_id == 0 && self->journal.log_timer_id == 0)
    self->journal.log_timer_id = pw_engine_timeout_add (LOG_FLUSH_MS, on_log_timer, self);
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

static guint
store_states (const PwEngineOp   *op,
              PwStoreEngineState *out)
{
  for (guint i = 0; i < op->n_states; i++)
    {
      const PwEngineState *state = &op->states[i];

      out[i] = (PwStoreEngineState) {
        .id = state->id,
        .type = state->type,
        .name = state->name,
        .message = state->message,
        .details = state->details,
        .timestamp = state->timestamp,
        .scheduled_time = state->scheduled_time,
      };
    }
  return op->n_states;
}

static gboolean
apply_create (PwEngine    *self,
              PwEngineOp  *op,
              GError     **error)
{
  PwEngineUnit *unit = op->unit;
  PwTask *task = unit->node->task;
  PwStoreEngineState states[PW_ENGINE_OP_MAX_STATES];
  g_autofree char *tags = NULL;
  char dynamic_key[16];
  char name[256];
  PwStoreEngineTaskRun task_run;

  g_snprintf (dynamic_key, sizeof dynamic_key, "%u", unit->item_index);
  g_snprintf (name, sizeof name, "%s-%u", pw_task_get_key (task), unit->item_index);
  if (pw_task_get_tags (task)[0] != NULL)
    tags = pw_store_strv_to_json (pw_task_get_tags (task));

  task_run = (PwStoreEngineTaskRun) {
    .id = unit->task_run_id,
    .name = name,
    .flow_run_id = op->run->id,
    .task_key = pw_task_get_key (task),
    .dynamic_key = dynamic_key,
    .cache_key = unit->cache_key,
    .cache_expiration = unit->cache_expiration,
    .tags = tags,
    .task_inputs = op->task_inputs,
  };

  return pw_store_engine_insert_task_run (self->store, &task_run, states,
                                          store_states (op, states), &unit->times,
                                          op->result, op->has_result, error);
}

static gboolean
apply_op (PwEngine    *self,
          PwEngineOp  *op,
          GError     **error)
{
  PwStoreEngineState states[PW_ENGINE_OP_MAX_STATES];

  switch (op->kind)
    {
    case PW_OP_CREATE_TASK_RUN:
      return apply_create (self, op, error);

    case PW_OP_TASK_RUN_STATE:
      if (op->n_states == 0)
        return TRUE;
      return pw_store_engine_update_task_run (self->store, op->unit->task_run_id, states,
                                              store_states (op, states), &op->unit->times,
                                              op->result, op->has_result, error);

    case PW_OP_FLOW_RUN_STATE:
      return pw_store_set_flow_run_state (self->store, op->run->id, op->flow_state, error);

    case PW_OP_CACHE_PUT:
      {
        g_autoptr(GDateTime) expiration = NULL;

        if (op->cache_expiration != 0)
          expiration = g_date_time_new_from_unix_utc (op->cache_expiration / G_USEC_PER_SEC);
        return pw_store_put_cache_entry (self->store, op->cache_key, op->result, expiration,
                                         op->unit->task_run_id, error);
      }

    case PW_OP_RECORD_PROCESS:
      return pw_store_add_task_process_for (self->store, op->run->id, op->unit->task_run_id,
                                            &self->store->self_owner, op->pgid, op->start_time,
                                            error);

    case PW_OP_FORGET_PROCESS:
      return pw_store_remove_task_process (self->store, op->unit->task_run_id, op->pgid, error);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
apply_logs (PwEngine  *self,
            gboolean   skip_failed_runs,
            GError   **error)
{
  GArray *logs = self->journal.logs;
  g_autofree PwStoreEngineLog *rows = g_new (PwStoreEngineLog, logs->len);
  guint n = 0;

  for (guint i = 0; i < logs->len; i++)
    {
      PwEngineLogLine *line = &g_array_index (logs, PwEngineLogLine, i);

      if (skip_failed_runs && line->run->error != NULL)
        continue;
      rows[n++] = (PwStoreEngineLog) {
        .flow_run_id = line->run->id,
        .task_run_id = line->unit != NULL ? line->unit->task_run_id : NULL,
        .name = line->unit != NULL ? PW_ENGINE_LOG_TASK : PW_ENGINE_LOG_FLOW,
        .level = line->level,
        .message = line->message,
        .timestamp = line->timestamp,
      };
    }

  return pw_store_engine_insert_logs (self->store, rows, n, error);
}

static void
fail_run (PwEngineRun  *run,
          const GError *error)
{
  if (run->error != NULL)
    return;

  g_warning ("Flow run %s stops: its changes could not be stored: %s", run->id, error->message);
  run->error = g_error_copy (error);
}

/*
 * Writes the queued ops and lines in one transaction. The first try takes
 * no savepoints. If an op fails (its run was deleted under it …), the batch
 * is written again with a savepoint per op, so that only the runs whose
 * changes fail stop, not every run that shared the batch.
 */
static gboolean
write_batch (PwEngine  *self,
             gboolean   isolate,
             GError   **error)
{
  PwEngineJournal *journal = &self->journal;

  if (!pw_store_begin (self->store, error))
    return FALSE;

  for (GList *l = journal->ops.head; l != NULL; l = l->next)
    {
      PwEngineOp *op = l->data;
      g_autoptr(GError) op_error = NULL;

      if (!isolate)
        {
          if (!apply_op (self, op, error))
            {
              pw_store_rollback (self->store);
              return FALSE;
            }
          continue;
        }

      op->failed = op->run->error != NULL;
      if (op->failed)
        continue;
      if (!pw_store_transaction_begin (self->store, &op_error))
        {
          pw_store_rollback (self->store);
          g_propagate_error (error, g_steal_pointer (&op_error));
          return FALSE;
        }
      if (apply_op (self, op, &op_error))
        pw_store_transaction_commit (self->store, NULL);
      else
        {
          pw_store_transaction_rollback (self->store);
          op->failed = TRUE;
          fail_run (op->run, op_error);
        }
    }

  if (journal->logs->len > 0 && !apply_logs (self, isolate, error))
    {
      pw_store_rollback (self->store);
      return FALSE;
    }

  return pw_store_commit (self->store, error);
}

static void
count_logs (PwEngine *self)
{
  GArray *logs = self->journal.logs;
  const char *last_id = NULL;
  guint run_lines = 0;

  for (guint i = 0; i <= logs->len; i++)
    {
      const char *id = i < logs->len ? g_array_index (logs, PwEngineLogLine, i).run->id : NULL;

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

  ok = write_batch (self, FALSE, NULL) || write_batch (self, TRUE, &local_error);
  if (ok)
    count_logs (self);

  g_array_set_size (journal->logs, 0);
  while (journal->ops.length > 0)
    {
      PwEngineOp *op = g_queue_pop_head (&journal->ops);

      if (op->unit != NULL && op->unit->pending_op == op)
        op->unit->pending_op = NULL;
      if (!ok)
        {
          /* The transaction itself failed (disk full, I/O): every run in
           * it stops. */
          op->failed = TRUE;
          fail_run (op->run, local_error);
        }
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

      if (!op->failed)
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
        op->done (op, !op->failed);
      if (op->failed)
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
  self->journal.last_commit = g_get_monotonic_time ();
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
  gint64 since;

  g_clear_handle_id (&self->journal.log_timer_id, g_source_remove);
  if (self->journal.flush_id != 0)
    return;

  /* Under load, at most one commit per FLUSH_INTERVAL_MS: nothing waits
   * for it but the reports (processes start at once), and each commit
   * costs a transaction and its pages in the WAL. Otherwise at the end of
   * this iteration, at the priority of the events that queue changes, so
   * that a task writing without pause cannot hold the commit back. */
  since = g_get_monotonic_time () - self->journal.last_commit;
  if (since < FLUSH_INTERVAL_MS * 1000)
    self->journal.flush_id = pw_engine_timeout_add (MAX (1, FLUSH_INTERVAL_MS - since / 1000),
                                                    on_flush, self);
  else
    self->journal.flush_id = pw_engine_idle_add ("[pw] engine journal", on_flush, self, NULL);
}
