/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-scheduler"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-routing.h"
#include "pw-scheduler-private.h"

/*
 * A tick: each active deployment's runs made in transactions of a few
 * deployments, then the runs past their grace marked Late; a database
 * locked by another process waited for and tried again. One tick at a
 * time, under the tick lock.
 */

/* Deployments written per transaction. */
#define BATCH_SIZE 50

void
pw_scheduler_tick_result_free (PwSchedulerTickResult *result)
{
  g_clear_pointer (&result->created, g_ptr_array_unref);
  g_clear_pointer (&result->late, g_ptr_array_unref);
  g_free (result);
}

PwSchedulerTickResult *
pw_scheduler_tick_result_new (void)
{
  PwSchedulerTickResult *result = g_new0 (PwSchedulerTickResult, 1);

  result->created = g_ptr_array_new_with_free_func (g_free);
  result->late = g_ptr_array_new_with_free_func (g_free);
  return result;
}

static PwSchedulerConfig
read_config (PwScheduler *self)
{
  PwSchedulerConfig config;

  g_mutex_lock (&self->tick_lock);
  config.catch_up = self->catch_up;
  config.min_runs = self->min_runs;
  config.max_runs = MAX (self->max_runs, 1);
  config.min_horizon = self->min_horizon;
  config.max_horizon = self->max_horizon;
  config.late_grace = self->late_grace;
  config.busy_retries = self->busy_retries;
  g_mutex_unlock (&self->tick_lock);

  return config;
}

/* Ticks */

static gboolean
is_busy (const GError *error)
{
  return g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY);
}

/* Waits a little longer each time before the next try. */
static gboolean
retry_after_busy (const PwSchedulerConfig  *config,
                  guint                    *attempt,
                  GError                  **error)
{
  if (!is_busy (*error) || *attempt >= config->busy_retries)
    return FALSE;

  g_debug ("The database is busy; trying again (%u)", *attempt + 1);
  g_clear_error (error);
  (*attempt)++;
  g_usleep (MIN (*attempt, 10) * 100 * 1000);
  return TRUE;
}

/* One batch of deployments, in one transaction. */
static gboolean
schedule_batch (PwScheduler              *self,
                const PwSchedulerConfig  *config,
                GPtrArray                *cursors,
                guint                     first,
                guint                     last,
                GPtrArray                *queues,
                gint64                    now,
                GPtrArray                *created,
                GError                  **error)
{
  g_autoptr(GDateTime) now_time = pw_scheduler_time_from_usec (now);
  guint n_created = created->len;

  if (!pw_store_begin (self->store, error))
    return FALSE;

  for (guint i = first; i < last; i++)
    {
      PwScheduleCursor *cursor = g_ptr_array_index (cursors, i);
      PwSchedulerCached *schedule = pw_scheduler_lookup_schedule (self, cursor);
      g_autoptr(GPtrArray) times = NULL;
      g_autoptr(GDateTime) from = NULL;
      const char *queue;

      if (schedule == NULL)
        continue;

      times = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);
      if (!pw_scheduler_plan_deployment (self, config, cursor, schedule, now, times, error))
        goto failed;

      /* Nothing to make, and the cursor already knows where it starts. */
      if (times->len == 0 && cursor->scheduled_from != 0)
        continue;

      from = cursor->scheduled_from != 0 ? pw_scheduler_time_from_usec (cursor->scheduled_from)
                                         : g_date_time_ref (now_time);
      queue = pw_routing_pick_queue (queues, cursor->work_queue_name,
                                     (const char * const *)cursor->tags);
      if (!pw_store_insert_scheduled_runs (self->store, cursor, queue, times, from, now_time,
                                           created, error))
        goto failed;
    }

  if (pw_store_commit (self->store, error))
    return TRUE;

  g_ptr_array_set_size (created, n_created);
  return FALSE;

failed:
  pw_store_rollback (self->store);
  g_ptr_array_set_size (created, n_created);
  return FALSE;
}

/* Schedules @only (a deployment id) or every active deployment, then
 * (for a whole tick) marks late runs. */
static gboolean
run_tick (PwScheduler              *self,
          const PwSchedulerConfig  *config,
          const char               *only,
          gboolean                  mark_late,
          PwSchedulerTickResult    *result,
          GError                  **error)
{
  g_autoptr(GPtrArray) cursors = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GDateTime) now_time = pw_clock_get_now (self->clock);
  gint64 now = pw_scheduler_time_to_usec (now_time);
  guint attempt = 0;

  /* Reads wait for nothing in WAL mode, but may meet a busy database
   * while another process recovers it. */
  while ((cursors = pw_store_list_schedule_cursors (self->store, error)) == NULL ||
         (queues = pw_store_list_work_queues (self->store, error)) == NULL)
    {
      g_clear_pointer (&cursors, g_ptr_array_unref);
      if (!retry_after_busy (config, &attempt, error))
        return FALSE;
    }

  if (only != NULL)
    {
      for (guint i = cursors->len; i > 0; i--)
        {
          PwScheduleCursor *cursor = g_ptr_array_index (cursors, i - 1);

          if (!g_str_equal (cursor->deployment_id, only))
            g_ptr_array_remove_index (cursors, i - 1);
        }
    }

  /* Forget the schedules of deployments that went away. */
  if (only == NULL)
    {
      g_autoptr(GHashTable) active = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      const char *id;

      for (guint i = 0; i < cursors->len; i++)
        g_hash_table_add (active, ((PwScheduleCursor *)g_ptr_array_index (cursors, i))->deployment_id);
      g_hash_table_iter_init (&iter, self->schedules);
      while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
        if (!g_hash_table_contains (active, id))
          g_hash_table_iter_remove (&iter);
    }

  for (guint first = 0; first < cursors->len; first += BATCH_SIZE)
    {
      guint last = MIN (first + BATCH_SIZE, cursors->len);

      attempt = 0;
      while (!schedule_batch (self, config, cursors, first, last, queues, now,
                              result->created, error))
        {
          if (!retry_after_busy (config, &attempt, error))
            return FALSE;
        }
    }

  if (mark_late)
    {
      g_autoptr(GDateTime) due_before = pw_scheduler_time_from_usec (now - config->late_grace);
      GPtrArray *late;

      attempt = 0;
      while ((late = pw_store_mark_late_runs (self->store, due_before, now_time, error)) == NULL)
        {
          if (!retry_after_busy (config, &attempt, error))
            return FALSE;
        }
      g_ptr_array_extend_and_steal (result->late, late);
    }

  return TRUE;
}

gboolean
pw_scheduler_tick_locked (PwScheduler            *self,
                          const char             *only,
                          gboolean                mark_late,
                          PwSchedulerTickResult  *result,
                          GError                **error)
{
  PwSchedulerConfig config = read_config (self);
  gboolean ok;

  g_mutex_lock (&self->tick_lock);
  ok = run_tick (self, &config, only, mark_late, result, error);
  g_mutex_unlock (&self->tick_lock);

  g_atomic_int_inc (&self->n_ticks);
  return ok;
}

/**
 * pw_scheduler_tick:
 * @self: a #PwScheduler
 * @error: return location for a #GError
 *
 * Does one round of the service now, in this thread: makes the runs every
 * active deployment needs and marks late runs Late, then emits
 * #PwScheduler::flow-runs-created and #PwScheduler::flow-runs-late. A
 * database locked by another process is waited for and tried again (see
 * #PwScheduler:busy-retries).
 *
 * Returns: %TRUE, or %FALSE with @error set (the deployments written
 *   before the error keep their runs; none is half written)
 */
gboolean
pw_scheduler_tick (PwScheduler  *self,
                   GError      **error)
{
  g_autoptr(PwSchedulerTickResult) result = pw_scheduler_tick_result_new ();
  gboolean ok;

  g_return_val_if_fail (PW_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = pw_scheduler_tick_locked (self, NULL, TRUE, result, error);
  pw_scheduler_emit_result (self, result);
  return ok;
}

/**
 * pw_scheduler_schedule_deployment:
 * @self: a #PwScheduler
 * @deployment_id: a deployment
 * @error: return location for a #GError
 *
 * Makes the runs one deployment needs now, as a tick would (nothing for a
 * paused deployment or one without a schedule). Front ends call it after
 * saving or resuming a deployment, so that its next runs show at once.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
pw_scheduler_schedule_deployment (PwScheduler  *self,
                                  const char   *deployment_id,
                                  GError      **error)
{
  g_autoptr(PwSchedulerTickResult) result = pw_scheduler_tick_result_new ();
  PwSchedulerConfig config;
  gboolean ok;

  g_return_val_if_fail (PW_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (deployment_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  config = read_config (self);
  g_mutex_lock (&self->tick_lock);
  ok = run_tick (self, &config, deployment_id, FALSE, result, error);
  g_mutex_unlock (&self->tick_lock);

  pw_scheduler_emit_result (self, result);
  return ok;
}
