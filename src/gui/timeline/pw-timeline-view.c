/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-task-run.h"
#include "pw-timeline-builder.h"
#include "pw-timeline-canvas.h"
#include "pw-timeline-view.h"

/*
 * The timeline of a flow run: a Gantt of its task runs (PwTimelineCanvas
 * in a scrolled window) with zoom buttons over it.
 *
 * The run view gives the task runs, a list it updates in place and
 * appends to; the timeline reads the runs' state history itself, through
 * pw_backend_list_task_run_states(), again when task runs change, at most
 * twice a second (one read at a time; changes meanwhile make one more).
 * A backend without that history (a Prefect server) gets a timeline drawn
 * from each task run's times. The layout is rebuilt at most ten times a
 * second, in a worker thread (PwTimelineBuilder: the main thread only
 * copies the task runs; the history is copied once, when it is read);
 * while a task run waits or runs, a clock moves "now" on five times a
 * second without a new layout.
 */

#define STATES_INTERVAL_MS 500
#define REBUILD_DELAY_MS 100
#define TICK_MS 200

struct _PwTimelineView
{
  GtkWidget         parent_instance;

  GtkWidget        *stack;
  GtkWidget        *canvas;
  GtkWidget        *empty;

  PwBackend        *backend;
  PwFlowRun        *flow_run;
  GListModel       *task_runs;
  GPtrArray        *history;          /* PwState: the states read, copied */
  PwTimelineBuilder *builder;
  gboolean          states_supported;
  GCancellable     *cancellable;
  gboolean          states_loading;
  gboolean          states_pending;
  gint64            states_started;
  guint             states_timeout_id;
  guint             rebuild_id;
  guint             tick_id;
};

enum
{
  TASK_RUN_ACTIVATED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PwTimelineView, pw_timeline_view, GTK_TYPE_WIDGET)

static void request_states (PwTimelineView *self);

/* Rebuilding the layout */

static gboolean
tick_cb (gpointer data)
{
  PwTimelineView *self = data;

  pw_timeline_canvas_set_now (PW_TIMELINE_CANVAS (self->canvas), g_get_real_time ());
  return G_SOURCE_CONTINUE;
}

static void
apply_layout (PwTimelineView   *self,
              PwTimelineLayout *layout)
{
  gboolean live = layout != NULL && pw_timeline_layout_is_live (layout);

  pw_timeline_canvas_set_layout (PW_TIMELINE_CANVAS (self->canvas), layout);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), layout != NULL ? "timeline" : "empty");

  if (live && self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  else if (!live)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* A layout from the builder: the latest asked for. */
static void
layout_ready_cb (PwTimelineLayout *layout,
                 gpointer          user_data)
{
  apply_layout (PW_TIMELINE_VIEW (user_data), layout);
}

/* Drops the layout on its way, if any (the builder is gone once disposed). */
static void
cancel_build (PwTimelineView *self)
{
  if (self->builder != NULL)
    pw_timeline_builder_cancel (self->builder);
}

static void
rebuild (PwTimelineView *self)
{
  if (self->builder == NULL)
    return;
  if (self->task_runs != NULL && g_list_model_get_n_items (self->task_runs) > 0)
    pw_timeline_builder_request (self->builder, self->task_runs,
                                 self->states_supported ? self->history : NULL, 0);
  else
    {
      cancel_build (self);
      apply_layout (self, NULL);
    }
}

static gboolean
rebuild_cb (gpointer data)
{
  PwTimelineView *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (PwTimelineView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_timeout_add (REBUILD_DELAY_MS, rebuild_cb, self);
}

/* The state history */

static void
states_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PwTimelineView) self = user_data;
  g_autoptr(GListModel) states = NULL;
  g_autoptr(GError) error = NULL;

  states = pw_backend_list_task_run_states_finish (PW_BACKEND (object), result, &error);
  /* Cancelled: the view is gone or shows another run. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->flow_run == NULL)
    return;

  self->states_loading = FALSE;
  if (states != NULL)
    {
      /* Copied once here, read by every layout until the next. */
      g_clear_pointer (&self->history, g_ptr_array_unref);
      self->history = pw_timeline_history_new (states);
    }
  else if (g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED))
    {
      /* Drawn from the task runs' times from now on. */
      self->states_supported = FALSE;
      g_clear_pointer (&self->history, g_ptr_array_unref);
    }
  else
    g_debug ("Could not read the task runs’ states: %s", error->message);
  schedule_rebuild (self);

  if (self->states_pending)
    {
      self->states_pending = FALSE;
      request_states (self);
    }
}

static void
load_states (PwTimelineView *self)
{
  self->states_loading = TRUE;
  self->states_started = g_get_monotonic_time ();
  pw_backend_list_task_run_states_async (self->backend, pw_flow_run_get_id (self->flow_run),
                                         self->cancellable, states_cb, g_object_ref (self));
}

static gboolean
states_timeout_cb (gpointer data)
{
  PwTimelineView *self = data;

  self->states_timeout_id = 0;
  if (self->backend == NULL || self->flow_run == NULL)
    return G_SOURCE_REMOVE;
  if (self->states_loading)
    self->states_pending = TRUE;
  else
    load_states (self);
  return G_SOURCE_REMOVE;
}

/* Reads the history again, at most every STATES_INTERVAL_MS. */
static void
request_states (PwTimelineView *self)
{
  gint64 since;

  if (self->backend == NULL || self->flow_run == NULL || pw_flow_run_get_id (self->flow_run) == NULL ||
      !self->states_supported)
    return;
  if (self->states_loading)
    {
      self->states_pending = TRUE;
      return;
    }
  if (self->states_timeout_id != 0)
    return;

  since = (g_get_monotonic_time () - self->states_started) / 1000;
  if (self->states_started != 0 && since < STATES_INTERVAL_MS)
    self->states_timeout_id = g_timeout_add (STATES_INTERVAL_MS - since, states_timeout_cb, self);
  else
    load_states (self);
}

static void
restart_states (PwTimelineView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->states_timeout_id, g_source_remove);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  self->states_loading = FALSE;
  self->states_pending = FALSE;
  self->states_started = 0;
  self->states_supported = TRUE;
  request_states (self);
}

/* What changes */

static void
on_task_run_notify (PwTimelineView *self)
{
  schedule_rebuild (self);
  request_states (self);
}

static void
watch_items (PwTimelineView *self,
             guint           position,
             guint           n)
{
  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->task_runs, i);

      g_signal_handlers_disconnect_by_data (item, self);
      g_signal_connect_object (item, "notify", G_CALLBACK (on_task_run_notify), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
on_items_changed (PwTimelineView *self,
                  guint           position,
                  guint           removed,
                  guint           added)
{
  watch_items (self, position, added);
  schedule_rebuild (self);
  request_states (self);
}

static void
on_task_run_changed (PwTimelineView *self,
                     const char     *flow_run_id,
                     const char     *task_run_id)
{
  if (self->flow_run != NULL && g_strcmp0 (flow_run_id, pw_flow_run_get_id (self->flow_run)) == 0)
    request_states (self);
}

static void
on_canvas_activated (PwTimelineView *self,
                     const char     *task_run_id)
{
  g_signal_emit (self, signals[TASK_RUN_ACTIVATED], 0, task_run_id);
}

/* Public */

/**
 * pw_timeline_view_set_backend:
 * @backend: (nullable): where the state history is read
 */
void
pw_timeline_view_set_backend (PwTimelineView *self,
                              PwBackend      *backend)
{
  g_return_if_fail (PW_IS_TIMELINE_VIEW (self));
  g_return_if_fail (backend == NULL || PW_IS_BACKEND (backend));

  if (self->backend == backend)
    return;
  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  g_set_object (&self->backend, backend);
  if (backend != NULL)
    g_signal_connect_object (backend, "task-run-changed", G_CALLBACK (on_task_run_changed), self,
                             G_CONNECT_SWAPPED);
  restart_states (self);
}

/**
 * pw_timeline_view_set_flow_run:
 * @flow_run: (nullable): the run whose task runs are shown
 */
void
pw_timeline_view_set_flow_run (PwTimelineView *self,
                               PwFlowRun      *flow_run)
{
  gboolean same;

  g_return_if_fail (PW_IS_TIMELINE_VIEW (self));
  g_return_if_fail (flow_run == NULL || PW_IS_FLOW_RUN (flow_run));

  same = self->flow_run != NULL && flow_run != NULL &&
         g_strcmp0 (pw_flow_run_get_id (self->flow_run), pw_flow_run_get_id (flow_run)) == 0;
  g_set_object (&self->flow_run, flow_run);
  if (!same)
    {
      /* A layout on its way is the other run's. */
      cancel_build (self);
      restart_states (self);
      schedule_rebuild (self);
    }
  else
    request_states (self);
}

/**
 * pw_timeline_view_set_task_runs:
 * @task_runs: (nullable): a #GListModel of #PwTaskRun: the flow run's,
 *   updated in place (pw_task_run_update_from()) and appended to by the
 *   caller
 */
void
pw_timeline_view_set_task_runs (PwTimelineView *self,
                                GListModel     *task_runs)
{
  g_return_if_fail (PW_IS_TIMELINE_VIEW (self));
  g_return_if_fail (task_runs == NULL || G_IS_LIST_MODEL (task_runs));

  if (self->task_runs == task_runs)
    return;
  if (self->task_runs != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (self->task_runs); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (self->task_runs, i);

          g_signal_handlers_disconnect_by_data (item, self);
        }
      g_signal_handlers_disconnect_by_data (self->task_runs, self);
    }
  g_set_object (&self->task_runs, task_runs);
  if (task_runs != NULL)
    {
      g_signal_connect_object (task_runs, "items-changed", G_CALLBACK (on_items_changed), self,
                               G_CONNECT_SWAPPED);
      watch_items (self, 0, g_list_model_get_n_items (task_runs));
    }
  /* What is shown, or on its way, is of the other list: the new one's
   * layout follows from the builder. */
  cancel_build (self);
  if (self->canvas != NULL)
    pw_timeline_canvas_set_layout (PW_TIMELINE_CANVAS (self->canvas), NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  rebuild (self);
  request_states (self);
}

/**
 * pw_timeline_view_export:
 * @file: where to write
 * @format: PNG or SVG
 * @error: return location for a #GError
 *
 * Draws the whole timeline (every row, the whole run) into @file.
 *
 * Returns: %TRUE on success; else %FALSE with @error
 *   (%PW_DAG_EXPORT_ERROR_EMPTY when there are no task runs, or an I/O
 *   error)
 */
gboolean
pw_timeline_view_export (PwTimelineView     *self,
                         GFile              *file,
                         PwDagExportFormat   format,
                         GError            **error)
{
  g_autoptr(PwTimelineInput) input = NULL;
  g_autoptr(PwTimelineLayout) layout = NULL;

  g_return_val_if_fail (PW_IS_TIMELINE_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->task_runs == NULL || g_list_model_get_n_items (self->task_runs) == 0)
    {
      g_set_error_literal (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY,
                           _("The run has no task runs to export"));
      return FALSE;
    }
  input = pw_timeline_input_new (self->task_runs, self->states_supported ? self->history : NULL);
  layout = pw_timeline_layout_build (input, g_get_real_time ());
  return pw_timeline_export (layout, pw_timeline_canvas_get_colors (PW_TIMELINE_CANVAS (self->canvas)),
                             gtk_widget_get_pango_context (GTK_WIDGET (self)), file, format, error);
}

/* Actions */

static void
zoom_in_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  pw_timeline_canvas_zoom_in (PW_TIMELINE_CANVAS (PW_TIMELINE_VIEW (widget)->canvas));
}

static void
zoom_out_cb (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  pw_timeline_canvas_zoom_out (PW_TIMELINE_CANVAS (PW_TIMELINE_VIEW (widget)->canvas));
}

static void
zoom_fit_cb (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  pw_timeline_canvas_zoom_to_fit (PW_TIMELINE_CANVAS (PW_TIMELINE_VIEW (widget)->canvas));
}

static void
activate_selected_cb (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  PwTimelineView *self = PW_TIMELINE_VIEW (widget);
  PwTimelineCanvas *canvas = PW_TIMELINE_CANVAS (self->canvas);
  const PwTimelineLayout *layout = pw_timeline_canvas_get_layout (canvas);
  int row = pw_timeline_canvas_get_selected_row (canvas);
  const char *id;

  if (layout == NULL || row < 0)
    return;
  id = pw_timeline_layout_get_row (layout, row)->task_run_id;
  if (id != NULL)
    g_signal_emit (self, signals[TASK_RUN_ACTIVATED], 0, id);
}

/* GObject */

static void
pw_timeline_view_dispose (GObject *object)
{
  PwTimelineView *self = PW_TIMELINE_VIEW (object);

  /* The run and the backend first, so that nothing below asks for the
   * states again; then whatever is pending. */
  g_clear_object (&self->flow_run);
  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  g_clear_object (&self->backend);
  pw_timeline_view_set_task_runs (self, NULL);
  /* Nothing more from the builder (a build in flight ends in its thread
   * and is dropped: the builder does not hold the view). */
  cancel_build (self);
  g_clear_object (&self->builder);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->states_timeout_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_TIMELINE_VIEW);

  G_OBJECT_CLASS (pw_timeline_view_parent_class)->dispose (object);
}

static void
pw_timeline_view_class_init (PwTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_timeline_view_dispose;

  /**
   * PwTimelineView::task-run-activated:
   * @task_run_id: the task run clicked, or chosen with Enter
   */
  signals[TASK_RUN_ACTIVATED] =
    g_signal_new ("task-run-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_cb);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_cb);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_fit_cb);
  gtk_widget_class_install_action (widget_class, "timeline.activate-selected", NULL,
                                   activate_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "timeline.zoom-fit", NULL);

  g_type_ensure (PW_TYPE_TIMELINE_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pipewright/Pipewright/timeline/pw-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PwTimelineView, stack);
  gtk_widget_class_bind_template_child (widget_class, PwTimelineView, canvas);
  gtk_widget_class_bind_template_child (widget_class, PwTimelineView, empty);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pw-timeline-view");
}

static void
pw_timeline_view_init (PwTimelineView *self)
{
  self->states_supported = TRUE;
  self->cancellable = g_cancellable_new ();
  self->builder = pw_timeline_builder_new (layout_ready_cb, self);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

/**
 * pw_timeline_view_new:
 *
 * Returns: (transfer floating): a timeline, empty until given task runs
 */
GtkWidget *
pw_timeline_view_new (void)
{
  return g_object_new (PW_TYPE_TIMELINE_VIEW, NULL);
}
