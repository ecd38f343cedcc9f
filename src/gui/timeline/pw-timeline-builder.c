/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-timeline"

#include "config.h"

#include "pw-timeline-builder.h"

/*
 * Makes timeline layouts in a worker thread (issue 6: a live run of
 * 10,000 task runs took 15–35 ms of the main thread per layout, ten times
 * a second).
 *
 * A request copies the task runs where they live (the main thread:
 * pw_timeline_input_new(), a few milliseconds) and lays the copy out in a
 * thread of GTask's pool; the layout comes back on the thread that made
 * the builder, to the ready function. One build at a time: requests made
 * while one is in flight are merged into one more, started when it ends
 * (from the task runs as they are then). Each request counts: a layout
 * made before the latest request is dropped, as the next one is on its
 * way — unless MAX_DROPPED were dropped in a row, so that a run that
 * changes faster than it is laid out still moves on screen.
 * pw_timeline_builder_cancel() (another run, or the view going away)
 * drops whatever is in flight or asked for.
 */

#define MAX_DROPPED 2

struct _PwTimelineBuilder
{
  GObject                 parent_instance;

  PwTimelineBuilderReady  ready;
  gpointer                user_data;

  /* The latest request. */
  GListModel             *task_runs;
  GPtrArray              *history;
  gint64                  now;
  guint                   serial;

  GCancellable           *cancellable;
  gboolean                busy;
  gboolean                pending;
  guint                   n_dropped_in_a_row;
  guint                   n_built;
  guint                   n_dropped;
};

typedef struct
{
  PwTimelineInput *input;
  gint64           now;
  guint            serial;
} Build;

G_DEFINE_FINAL_TYPE (PwTimelineBuilder, pw_timeline_builder, G_TYPE_OBJECT)

static void start_build (PwTimelineBuilder *self);

static void
build_free (Build *build)
{
  pw_timeline_input_free (build->input);
  g_free (build);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Build *build = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task,
                         pw_timeline_layout_build (build->input,
                                                   build->now != 0 ? build->now : g_get_real_time ()),
                         (GDestroyNotify)pw_timeline_layout_free);
}

static void
build_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PwTimelineBuilder *self = PW_TIMELINE_BUILDER (object);
  Build *build = g_task_get_task_data (G_TASK (result));
  g_autoptr(PwTimelineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  /* Cancelled: another run, or nobody to show it to. */
  layout = g_task_propagate_pointer (G_TASK (result), &error);
  if (layout != NULL)
    {
      if (build->serial == self->serial || self->n_dropped_in_a_row >= MAX_DROPPED)
        {
          self->n_dropped_in_a_row = 0;
          self->n_built++;
          self->ready (g_steal_pointer (&layout), self->user_data);
        }
      else
        {
          self->n_dropped_in_a_row++;
          self->n_dropped++;
        }
    }

  if (self->pending)
    {
      self->pending = FALSE;
      start_build (self);
    }
}

static void
start_build (PwTimelineBuilder *self)
{
  g_autoptr(GTask) task = NULL;
  Build *build = g_new0 (Build, 1);

  build->input = pw_timeline_input_new (self->task_runs, self->history);
  build->now = self->now;
  build->serial = self->serial;

  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, build_done, NULL);
  g_task_set_source_tag (task, start_build);
  g_task_set_task_data (task, build, (GDestroyNotify)build_free);
  g_task_run_in_thread (task, build_thread);
}

/**
 * pw_timeline_builder_request:
 * @task_runs: a #GListModel of #PwTaskRun
 * @history: (nullable) (element-type PwState): their history, from
 *   pw_timeline_history_new()
 * @now: the layout's "now", or 0 for the clock's when it is made
 *
 * Asks for the layout of @task_runs: now, or when the build in flight
 * ends. The ready function gets it.
 */
void
pw_timeline_builder_request (PwTimelineBuilder *self,
                             GListModel        *task_runs,
                             GPtrArray         *history,
                             gint64             now)
{
  g_return_if_fail (PW_IS_TIMELINE_BUILDER (self));
  g_return_if_fail (G_IS_LIST_MODEL (task_runs));

  g_set_object (&self->task_runs, task_runs);
  if (history != NULL)
    g_ptr_array_ref (history);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  self->history = history;
  self->now = now;
  self->serial++;

  if (self->busy)
    self->pending = TRUE;
  else
    start_build (self);
}

/**
 * pw_timeline_builder_cancel:
 *
 * Drops the build in flight and any asked for: the ready function is not
 * called until the next request.
 */
void
pw_timeline_builder_cancel (PwTimelineBuilder *self)
{
  g_return_if_fail (PW_IS_TIMELINE_BUILDER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->pending = FALSE;
  self->serial++;
  self->n_dropped_in_a_row = 0;
  g_clear_object (&self->task_runs);
  g_clear_pointer (&self->history, g_ptr_array_unref);
}

/**
 * pw_timeline_builder_is_busy:
 *
 * Returns: whether a build is in flight (its result, wanted or not, has
 *   not come back yet)
 */
gboolean
pw_timeline_builder_is_busy (PwTimelineBuilder *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE_BUILDER (self), FALSE);
  return self->busy;
}

/**
 * pw_timeline_builder_get_n_built:
 *
 * Returns: the layouts given to the ready function
 */
guint
pw_timeline_builder_get_n_built (PwTimelineBuilder *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE_BUILDER (self), 0);
  return self->n_built;
}

/**
 * pw_timeline_builder_get_n_dropped:
 *
 * Returns: the layouts dropped as older than a request (not counting
 *   cancelled ones)
 */
guint
pw_timeline_builder_get_n_dropped (PwTimelineBuilder *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE_BUILDER (self), 0);
  return self->n_dropped;
}

static void
pw_timeline_builder_dispose (GObject *object)
{
  PwTimelineBuilder *self = PW_TIMELINE_BUILDER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->task_runs);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_timeline_builder_parent_class)->dispose (object);
}

static void
pw_timeline_builder_finalize (GObject *object)
{
  PwTimelineBuilder *self = PW_TIMELINE_BUILDER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pw_timeline_builder_parent_class)->finalize (object);
}

static void
pw_timeline_builder_class_init (PwTimelineBuilderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_timeline_builder_dispose;
  object_class->finalize = pw_timeline_builder_finalize;
}

static void
pw_timeline_builder_init (PwTimelineBuilder *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * pw_timeline_builder_new:
 * @ready: what gets each layout
 * @user_data: for @ready; not referenced: call
 *   pw_timeline_builder_cancel() before it goes away
 *
 * Returns: (transfer full): a builder, idle
 */
PwTimelineBuilder *
pw_timeline_builder_new (PwTimelineBuilderReady ready,
                         gpointer               user_data)
{
  PwTimelineBuilder *self;

  g_return_val_if_fail (ready != NULL, NULL);

  self = g_object_new (PW_TYPE_TIMELINE_BUILDER, NULL);
  self->ready = ready;
  self->user_data = user_data;
  return self;
}
