/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-scheduler"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-scheduler-private.h"

/*
 * The service: pw_scheduler_start() runs a tick at once and then every
 * interval of the clock, each in a worker thread, and emits the signals on
 * the main context it was started from.
 */

static void
tick_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PwScheduler *self = source_object;
  g_autoptr(PwSchedulerTickResult) result = pw_scheduler_tick_result_new ();
  GError *error = NULL;

  if (!pw_scheduler_tick_locked (self, NULL, TRUE, result, &error))
    {
      /* What was written stays; say why the rest was not. */
      g_warning ("A scheduler tick stopped: %s", error->message);
      g_clear_error (&error);
    }

  g_task_return_pointer (task, g_steal_pointer (&result),
                         (GDestroyNotify)pw_scheduler_tick_result_free);
}

static void
tick_done_cb (GObject      *object,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  PwScheduler *self = PW_SCHEDULER (object);
  g_autoptr(PwSchedulerTickResult) result = NULL;

  self->tick_in_flight = FALSE;
  result = g_task_propagate_pointer (G_TASK (async_result), NULL);
  if (result != NULL && pw_scheduler_is_running (self))
    pw_scheduler_emit_result (self, result);
}

static gboolean
on_timeout (gpointer user_data)
{
  PwScheduler *self = user_data;
  g_autoptr(GTask) task = NULL;

  /* A tick that takes longer than the interval is not piled on. */
  if (self->tick_in_flight)
    return G_SOURCE_CONTINUE;

  self->tick_in_flight = TRUE;
  task = g_task_new (self, self->cancellable, tick_done_cb, NULL);
  g_task_set_source_tag (task, on_timeout);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, tick_thread);

  return G_SOURCE_CONTINUE;
}

/**
 * pw_scheduler_start:
 * @self: a #PwScheduler
 *
 * Starts the service: a tick now, and one every #PwScheduler:interval-ms
 * of the clock, each in a worker thread. Signals are emitted on the
 * thread-default main context of the caller. Does nothing if started.
 */
void
pw_scheduler_start (PwScheduler *self)
{
  GSource *source;

  g_return_if_fail (PW_IS_SCHEDULER (self));

  if (self->timeout_id != 0)
    return;

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();

  source = pw_clock_timeout_source_new (self->clock, self->interval_ms);
  g_source_set_callback (source, on_timeout, self, NULL);
  g_source_set_name (source, "[pipewright] scheduler");
  self->timeout_id = g_source_attach (source, self->context);
  g_source_unref (source);

  on_timeout (self);
}

/**
 * pw_scheduler_stop:
 * @self: a #PwScheduler
 *
 * Stops the service. A tick under way finishes its writes; its signals
 * are not emitted.
 */
void
pw_scheduler_stop (PwScheduler *self)
{
  g_return_if_fail (PW_IS_SCHEDULER (self));

  if (self->timeout_id != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->timeout_id);

      if (source != NULL)
        g_source_destroy (source);
      self->timeout_id = 0;
    }
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

gboolean
pw_scheduler_is_running (PwScheduler *self)
{
  g_return_val_if_fail (PW_IS_SCHEDULER (self), FALSE);
  return self->timeout_id != 0;
}
