/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-run-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pw-deployment-names.h"
#include "pw-format.h"
#include "pw-gui-util.h"
#include "pw-run-graph-flow.h"
#include "pw-run-view-private.h"

/*
 * PwRunView: one flow run: its name and state, how long it ran (ticking
 * while it runs), when, how it was started, how many times, with which
 * parameters; its task runs as a dependency-ordered table (Graph) and in
 * detail (Task runs); as Prefect's radar (Radar) and a Gantt (Timeline);
 * its log (Logs). It follows the run live through the backend's
 * flow-run-changed and task-run-changed signals. Activating a task on the
 * graph, the radar or the timeline shows its task runs (Task runs, filtered
 * to that task) and its log lines (Logs, filtered to its task run); a task
 * run of an inline sub-flow opens the sub-flow run. Actions: cancel, retry,
 * retry from the failed tasks, copy the id, export the radar or timeline.
 */
G_DEFINE_FINAL_TYPE (PwRunView, pw_run_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * pw_format_parameters:
 * @parameters: (nullable): a run's parameters, a JSON object
 *
 * Returns: (transfer full): the parameters on one line, `name = value`,
 *   or an em dash for none
 */
char *
pw_format_parameters (const char *parameters)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (parameters == NULL || !json_parser_load_from_data (parser, parameters, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (parameters != NULL && *parameters != '\0' ? parameters : "—");

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = json_to_string (json_object_get_member (object, l->data), FALSE);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s = %s", (const char *)l->data, value);
    }

  if (text->len == 0)
    return g_strdup ("—");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_start (PwRunView *self,
                PwFlowRun *run)
{
  PwDeploymentNames *names = g_object_get_data (G_OBJECT (self), "pw-deployment-names");
  const char *id = pw_flow_run_get_deployment_id (run);
  g_autofree char *deployment = id != NULL ? pw_deployment_names_dup_label (names, id) : NULL;

  if (pw_flow_run_get_parent_task_run_id (run) != NULL)
    return g_strdup (_("Started as a sub-flow"));
  if (deployment != NULL && pw_flow_run_get_auto_scheduled (run))
    /* Translators: %s is a deployment's FLOW/NAME, or the start of its id */
    return g_strdup_printf (_("Scheduled by deployment %s"), deployment);
  if (deployment != NULL)
    /* Translators: %s is a deployment's FLOW/NAME, or the start of its id */
    return g_strdup_printf (_("Started from deployment %s"), deployment);
  return g_strdup (_("Started by hand"));
}

static void
update_duration (PwRunView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *duration = pw_format_duration (pw_flow_run_elapsed (self->run, now));

  gtk_label_set_label (self->duration_label, duration);
}

static gboolean
tick_cb (gpointer data)
{
  update_duration (data);
  return G_SOURCE_CONTINUE;
}

static void
update_actions (PwRunView *self)
{
  PwStateType type = self->run != NULL ? pw_flow_run_get_state_type (self->run) : PW_STATE_TYPE_SCHEDULED;
  gboolean loaded = self->run != NULL;
  gboolean terminal = loaded && pw_state_type_is_terminal (type);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.cancel",
                                 loaded && !terminal && type != PW_STATE_TYPE_CANCELLING);
  /* A run that has ended cannot be cancelled: no button then. */
  gtk_widget_set_visible (self->cancel_button, !terminal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.retry", terminal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.retry-failed",
                                 terminal && type != PW_STATE_TYPE_COMPLETED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.copy-id", loaded);
}

static void
update_header (PwRunView *self)
{
  PwFlowRun *run = self->run;
  PwState *state = pw_flow_run_get_state (run);
  const char *message = state != NULL ? pw_state_get_message (state) : NULL;
  PwStateType type = pw_flow_run_get_state_type (run);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *start = describe_start (self, run);
  g_autofree char *subtitle = NULL;
  g_autofree char *started = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *run_count = NULL;
  g_autofree char *parameters = NULL;
  gboolean running = pw_flow_run_get_start_time (run) != NULL && !pw_state_type_is_terminal (type);

  gtk_label_set_label (self->name_label, pw_flow_run_get_name (run));
  pw_state_chip_set_state (self->state_chip, type, pw_flow_run_get_state_name (run));

  /* Translators: a flow's name and version, then how its run started */
  subtitle = g_strdup_printf (_("%s v%u · %s"), pw_flow_run_get_flow_name (run),
                              pw_flow_run_get_flow_version (run), start);
  gtk_label_set_label (self->subtitle_label, subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  if (type == PW_STATE_TYPE_FAILED || type == PW_STATE_TYPE_CRASHED)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");

  update_duration (self);
  if (running && self->tick_id == 0)
    self->tick_id = g_timeout_add (1000, tick_cb, self);
  else if (!running)
    g_clear_handle_id (&self->tick_id, g_source_remove);

  started = pw_flow_run_get_start_time (run) != NULL
            ? pw_format_time (pw_flow_run_get_start_time (run), now)
            : g_strdup (_("Not yet"));
  gtk_label_set_label (self->started_label, started);
  ended = pw_format_time (pw_flow_run_get_end_time (run), now);
  gtk_label_set_label (self->ended_label, ended);
  run_count = g_strdup_printf ("%u", pw_flow_run_get_run_count (run));
  gtk_label_set_label (self->run_count_label, run_count);
  parameters = pw_format_parameters (pw_flow_run_get_parameters (run));
  gtk_label_set_label (self->parameters_label, parameters);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->parameters_label), parameters);

  if (self->log_view != NULL)
    {
      pw_log_view_set_run_name (self->log_view, pw_flow_run_get_name (run));
      pw_log_view_set_finished (self->log_view, pw_state_type_is_terminal (type));
    }

  update_actions (self);
}

/* Task runs */

static void graph_paint_all (PwRunView *self);

/* The graph drawn from the task runs (graph_synthetic), built again when a
 * task key appears, at most once per main-loop turn. */
static void
graph_rebuild (PwRunView *self)
{
  g_autoptr(PwFlow) flow = NULL;

  g_clear_handle_id (&self->graph_rebuild_id, g_source_remove);
  if (self->graph_canvas == NULL || !self->task_runs_loaded)
    return;
  flow = pw_run_graph_flow_new (self->run != NULL ? pw_flow_run_get_flow_name (self->run) : NULL,
                                G_LIST_MODEL (self->task_runs));
  pw_dag_canvas_set_flow (self->graph_canvas, flow);
  graph_paint_all (self);
  pw_dag_canvas_zoom_to_fit (self->graph_canvas);
}

static gboolean
graph_rebuild_cb (gpointer data)
{
  PwRunView *self = data;

  self->graph_rebuild_id = 0;
  graph_rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
graph_schedule_rebuild (PwRunView *self)
{
  if (self->graph_rebuild_id == 0)
    self->graph_rebuild_id = g_idle_add (graph_rebuild_cb, self);
}

/* Graph: the flow version that ran, nodes coloured by their task runs'
 * states; a mapped task shows its runs' counts by state. Kept per task key
 * so that a change costs the same with 10 or 10,000 task runs. */
static void
graph_note_task_run (PwRunView *self,
                     PwTaskRun *task_run)
{
  const char *key = pw_task_run_get_task_key (task_run);
  PwStateType type = pw_task_run_get_state_type (task_run);
  gpointer old_type;
  guint *counts;
  guint total = 0;

  if (self->graph_counts == NULL || key == NULL)
    return;

  counts = g_hash_table_lookup (self->graph_counts, key);
  if (counts == NULL)
    {
      counts = g_new0 (guint, PW_N_STATE_TYPES);
      g_hash_table_insert (self->graph_counts, g_strdup (key), counts);
      /* A task the graph drawn from the task runs does not have yet. */
      if (self->graph_synthetic)
        graph_schedule_rebuild (self);
    }

  if (g_hash_table_lookup_extended (self->graph_types, pw_task_run_get_id (task_run), NULL, &old_type))
    counts[GPOINTER_TO_INT (old_type) - 1]--;
  counts[type]++;
  g_hash_table_insert (self->graph_types, g_strdup (pw_task_run_get_id (task_run)),
                       GINT_TO_POINTER (type + 1));

  for (guint i = 0; i < PW_N_STATE_TYPES; i++)
    total += counts[i];

  if (self->graph_canvas == NULL || pw_dag_canvas_get_flow (self->graph_canvas) == NULL)
    return;
  if (total > 1)
    pw_dag_canvas_set_task_counts (self->graph_canvas, key, counts);
  else
    pw_dag_canvas_set_task_state (self->graph_canvas, key, type);
}

/* Paints every task key's state once the flow has arrived. */
static void
graph_paint_all (PwRunView *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->graph_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const guint *counts = value;
      guint total = 0;
      int last = 0;

      for (guint i = 0; i < PW_N_STATE_TYPES; i++)
        {
          total += counts[i];
          if (counts[i] > 0)
            last = i;
        }
      if (total > 1)
        pw_dag_canvas_set_task_counts (self->graph_canvas, key, counts);
      else if (total == 1)
        pw_dag_canvas_set_task_state (self->graph_canvas, key, last);
    }
}

static void
graph_flow_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PwRunView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlow) flow = pw_backend_get_flow_finish (PW_BACKEND (object), result, &error);

  if (self->graph_canvas == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without its flow (deleted, or a Prefect server, which keeps no
   * definitions) the graph is drawn from what the task runs waited for,
   * as Prefect's /flow_runs/{id}/graph is. */
  if (flow == NULL)
    {
      g_debug ("No flow definition for the graph (%s): drawn from the task runs", error->message);
      self->graph_synthetic = TRUE;
      graph_rebuild (self);
      return;
    }

  pw_dag_canvas_set_flow (self->graph_canvas, flow);
  graph_paint_all (self);
  pw_dag_canvas_zoom_to_fit (self->graph_canvas);
}

static void
put_task_run (PwRunView *self,
              PwTaskRun *task_run)
{
  graph_note_task_run (self, task_run);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->task_runs)); i++)
    {
      g_autoptr(PwTaskRun) known = g_list_model_get_item (G_LIST_MODEL (self->task_runs), i);

      if (g_strcmp0 (pw_task_run_get_id (known), pw_task_run_get_id (task_run)) == 0)
        {
          pw_task_run_update_from (known, task_run);
          return;
        }
    }

  g_list_store_append (self->task_runs, task_run);
}

static void
task_run_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PwRunView) self = user_data;
  g_autoptr(PwTaskRun) task_run = pw_backend_get_task_run_finish (PW_BACKEND (object), result, NULL);

  /* A task run that cannot be read now is read with the next change. */
  if (task_run != NULL && self->task_runs_loaded)
    put_task_run (self, task_run);
}

static void
task_run_changed_cb (PwRunView  *self,
                     const char *flow_run_id,
                     const char *task_run_id)
{
  if (g_strcmp0 (flow_run_id, self->flow_run_id) != 0)
    return;

  pw_backend_get_task_run_async (self->backend, task_run_id, self->cancellable,
                                 task_run_cb, g_object_ref (self));
}

static void
task_runs_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PwRunView) self = user_data;
  g_autoptr(GListModel) task_runs = NULL;
  g_autoptr(GError) error = NULL;

  task_runs = pw_backend_list_task_runs_finish (PW_BACKEND (object), result, &error);
  if (task_runs == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  self->task_runs_loaded = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (task_runs); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (task_runs, i);

      put_task_run (self, task_run);
    }
  if (self->graph_synthetic)
    graph_schedule_rebuild (self);
}

/* The run */

static void task_activated_cb (PwRunView  *self,
                               const char *task_run_id);

static void
build_views (PwRunView *self)
{
  self->graph_view = PW_TASK_RUNS_VIEW (pw_task_runs_view_new (PW_TASK_RUNS_MODE_GRAPH));
  self->tasks_view = PW_TASK_RUNS_VIEW (pw_task_runs_view_new (PW_TASK_RUNS_MODE_DETAIL));
  self->log_view = PW_LOG_VIEW (pw_log_view_new (self->backend, self->flow_run_id));

  pw_task_runs_view_set_task_runs (self->graph_view, G_LIST_MODEL (self->task_runs));
  self->tasks_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->task_runs)),
                                                    GTK_FILTER (gtk_custom_filter_new (_pw_run_view_task_filter_match, self, NULL)));
  pw_task_runs_view_set_task_runs (self->tasks_view, G_LIST_MODEL (self->tasks_filtered));
  pw_log_view_set_task_runs (self->log_view, G_LIST_MODEL (self->task_runs));

  g_signal_connect_object (self->graph_view, "task-activated", G_CALLBACK (task_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tasks_view, "task-activated", G_CALLBACK (task_activated_cb),
                           self, G_CONNECT_SWAPPED);

  _pw_run_view_build_charts (self);

  self->graph_canvas = PW_DAG_CANVAS (pw_dag_canvas_new ());
  pw_dag_canvas_set_editable (self->graph_canvas, FALSE);
  pw_dag_canvas_set_show_minimap (self->graph_canvas, FALSE);
  g_signal_connect_object (self->graph_canvas, "node-activated", G_CALLBACK (_pw_run_view_node_activated),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_vexpand (GTK_WIDGET (self->graph_canvas), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->graph_canvas), -1, 240);
  {
    GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);

    gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (self->graph_canvas));
    gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->graph_view));
    gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
    gtk_widget_set_size_request (GTK_WIDGET (self->graph_view), -1, 180);
    gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
    adw_bin_set_child (self->graph_bin, paned);
  }
  pw_backend_get_flow_async (self->backend,
                             pw_flow_run_get_flow_name (self->run),
                             pw_flow_run_get_flow_version (self->run),
                             self->cancellable, graph_flow_cb, g_object_ref (self));
  adw_bin_set_child (self->tasks_bin, GTK_WIDGET (self->tasks_view));
  adw_bin_set_child (self->logs_bin, GTK_WIDGET (self->log_view));
}

static void
flow_run_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PwRunView) self = user_data;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;

  run = pw_backend_get_flow_run_finish (PW_BACKEND (object), result, &error);
  if (run == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* A run shown already keeps showing; one never read cannot be. */
      if (self->run != NULL)
        {
          g_autofree char *title = g_markup_printf_escaped (_("Could not update the run: %s"), error->message);

          pw_add_toast (GTK_WIDGET (self), adw_toast_new (title));
          return;
        }

      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (self->run == NULL)
    {
      self->run = g_steal_pointer (&run);
      build_views (self);
      pw_backend_list_task_runs_async (self->backend, self->flow_run_id, self->cancellable,
                                       task_runs_cb, g_object_ref (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
    }
  else
    {
      pw_flow_run_update_from (self->run, run);
    }

  update_header (self);
  gtk_stack_set_visible_child_name (self->stack, "run");
}

static void
flow_run_changed_cb (PwRunView  *self,
                     const char *flow_run_id)
{
  if (g_strcmp0 (flow_run_id, self->flow_run_id) != 0)
    return;

  pw_backend_get_flow_run_async (self->backend, flow_run_id, self->cancellable,
                                 flow_run_cb, g_object_ref (self));
}

/**
 * pw_run_view_reload:
 *
 * Reads the run, its task runs and its log again.
 */
void
pw_run_view_reload (PwRunView *self)
{
  g_return_if_fail (PW_IS_RUN_VIEW (self));

  if (self->run == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  pw_backend_get_flow_run_async (self->backend, self->flow_run_id, self->cancellable,
                                 flow_run_cb, g_object_ref (self));
  if (self->run != NULL)
    {
      pw_backend_list_task_runs_async (self->backend, self->flow_run_id, self->cancellable,
                                       task_runs_cb, g_object_ref (self));
      pw_log_view_reload (self->log_view);
    }
}

/* Actions */

static void
retried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PwRunView) self = user_data;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  run = pw_backend_retry_flow_run_finish (PW_BACKEND (object), result, &error);
  if (run == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_markup_printf_escaped (_("Could not retry: %s"), error->message);
      pw_add_toast (GTK_WIDGET (self), adw_toast_new (title));
      return;
    }

  title = g_markup_printf_escaped (_("Started “%s”"), pw_flow_run_get_name (run));
  pw_add_toast (GTK_WIDGET (self), adw_toast_new (title));

  /* Show the new run where this one was. */
  gtk_widget_activate_action (GTK_WIDGET (self), "runs.show-run", "s", pw_flow_run_get_id (run));
}

static void
retry (PwRunView *self,
       gboolean   from_failed)
{
  pw_backend_retry_flow_run_async (self->backend, self->flow_run_id, from_failed, self->cancellable,
                                   retried_cb, g_object_ref (self));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  retry (PW_RUN_VIEW (widget), FALSE);
}

static void
retry_failed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  retry (PW_RUN_VIEW (widget), TRUE);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PwRunView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pw_backend_cancel_flow_run_finish (PW_BACKEND (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = g_markup_printf_escaped (_("Could not cancel: %s"), error->message);

      pw_add_toast (GTK_WIDGET (self), adw_toast_new (title));
      update_actions (self);
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwRunView *self = PW_RUN_VIEW (widget);

  /* Once asked, not again: the state follows. */
  gtk_widget_action_set_enabled (widget, "run.cancel", FALSE);
  pw_backend_cancel_flow_run_async (self->backend, self->flow_run_id, self->cancellable,
                                    cancelled_cb, g_object_ref (self));
}

static void
copy_id_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PwRunView *self = PW_RUN_VIEW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->flow_run_id);
  pw_add_toast (widget, adw_toast_new (_("Copied the run’s ID")));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pw_run_view_reload (PW_RUN_VIEW (widget));
}

static void
task_activated_cb (PwRunView  *self,
                   const char *task_run_id)
{
  pw_log_view_show_task (self->log_view, task_run_id);
  adw_view_stack_set_visible_child_name (self->view_stack, "logs");
}

static void
deployment_names_changed_cb (PwRunView *self)
{
  if (self->run != NULL)
    update_header (self);
}

/* API */

/**
 * pw_run_view_new:
 *
 * Returns: (transfer none): a view that reads the run with @flow_run_id
 *   and follows it
 */
PwRunView *
pw_run_view_new (PwBackend  *backend,
                 const char *flow_run_id)
{
  PwRunView *self;

  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (flow_run_id != NULL, NULL);

  self = g_object_new (PW_TYPE_RUN_VIEW, NULL);
  self->backend = g_object_ref (backend);
  self->flow_run_id = g_strdup (flow_run_id);

  g_signal_connect_object (backend, "flow-run-changed", G_CALLBACK (flow_run_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (backend, "task-run-changed", G_CALLBACK (task_run_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* The deployment that started the run, by name (see describe_start()). */
  g_object_set_data_full (G_OBJECT (self), "pw-deployment-names",
                          pw_deployment_names_get_for_backend (backend), g_object_unref);
  g_signal_connect_object (g_object_get_data (G_OBJECT (self), "pw-deployment-names"), "changed",
                           G_CALLBACK (deployment_names_changed_cb), self, G_CONNECT_SWAPPED);

  pw_run_view_reload (self);
  return self;
}

const char *
pw_run_view_get_flow_run_id (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return self->flow_run_id;
}

/**
 * pw_run_view_get_run:
 *
 * Returns: (transfer none) (nullable): the run as last read, %NULL before
 */
PwFlowRun *
pw_run_view_get_run (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return self->run;
}

/**
 * pw_run_view_get_task_runs:
 *
 * Returns: (transfer none): the run's #PwTaskRun, kept up to date
 */
GListModel *
pw_run_view_get_task_runs (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return G_LIST_MODEL (self->task_runs);
}

PwLogView *
pw_run_view_get_log_view (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return self->log_view;
}

/**
 * pw_run_view_get_graph_canvas:
 *
 * Returns: (transfer none) (nullable): the Graph tab's canvas, once the run
 *   is read
 */
GtkWidget *
pw_run_view_get_graph_canvas (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return GTK_WIDGET (self->graph_canvas);
}

PwTaskRunsView *
pw_run_view_get_graph_view (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return self->graph_view;
}

PwTaskRunsView *
pw_run_view_get_tasks_view (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return self->tasks_view;
}

/**
 * pw_run_view_get_view:
 *
 * Returns: “loading”, “error” or “run”
 */
const char *
pw_run_view_get_view (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * pw_run_view_get_tab:
 *
 * Returns: the tab shown: “graph”, “radar”, “timeline”, “tasks” or “logs”
 */
const char *
pw_run_view_get_tab (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
pw_run_view_show_tab (PwRunView  *self,
                      const char *name)
{
  g_return_if_fail (PW_IS_RUN_VIEW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * pw_run_view_get_duration_text:
 *
 * Returns: the duration the header shows
 */
const char *
pw_run_view_get_duration_text (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return gtk_label_get_label (self->duration_label);
}

/**
 * pw_run_view_focus_search:
 *
 * Shows the log and moves the focus to its search.
 */
void
pw_run_view_focus_search (PwRunView *self)
{
  g_return_if_fail (PW_IS_RUN_VIEW (self));

  if (self->log_view == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "logs");
  pw_log_view_focus_search (self->log_view);
}

/* GObject */

static void
pw_run_view_dispose (GObject *object)
{
  PwRunView *self = (PwRunView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->graph_rebuild_id, g_source_remove);
  self->graph_canvas = NULL;  /* owned by the graph tab, going with the template */
  /* Detached before the timeline's own dispose: that one would re-arm its
   * history timeout by detaching the model after clearing the timeout. */
  if (self->timeline_view != NULL)
    pw_timeline_view_set_task_runs (self->timeline_view, NULL);
  if (self->radar_view != NULL)
    pw_radar_view_set_task_runs (self->radar_view, NULL);
  self->radar_view = NULL;
  self->timeline_view = NULL;

  /* The bin's child is a template child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_RUN_VIEW);

  g_clear_object (&self->run);
  g_clear_object (&self->tasks_filtered);
  g_clear_object (&self->task_runs);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (pw_run_view_parent_class)->dispose (object);
}

static void
pw_run_view_finalize (GObject *object)
{
  PwRunView *self = (PwRunView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->flow_run_id, g_free);
  g_clear_pointer (&self->task_filter, g_free);
  g_clear_pointer (&self->graph_types, g_hash_table_unref);
  g_clear_pointer (&self->graph_counts, g_hash_table_unref);

  G_OBJECT_CLASS (pw_run_view_parent_class)->finalize (object);
}

static void
pw_run_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwRunView *self = PW_RUN_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUN:
      g_value_set_object (value, self->run);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_run_view_class_init (PwRunViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_run_view_dispose;
  object_class->finalize = pw_run_view_finalize;
  object_class->get_property = pw_run_view_get_property;

  /**
   * PwRunView:run:
   *
   * The run, once read; it then updates in place.
   */
  properties[PROP_RUN] =
    g_param_spec_object ("run", NULL, NULL,
                         PW_TYPE_FLOW_RUN,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PW_TYPE_STATE_CHIP);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-run-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PwRunView, stack);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, error_page);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, name_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, state_chip);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, message_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, duration_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, started_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, ended_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, run_count_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, parameters_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, graph_bin);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, tasks_bin);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, logs_bin);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, radar_bin);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, timeline_bin);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, task_filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwRunView, task_filter_label);

  gtk_widget_class_install_action (widget_class, "run.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "run.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "run.retry-failed", NULL, retry_failed_action);
  gtk_widget_class_install_action (widget_class, "run.copy-id", NULL, copy_id_action);
  gtk_widget_class_install_action (widget_class, "run.reload", NULL, reload_action);
  _pw_run_view_class_init_charts (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "run.copy-id", NULL);
}

static void
pw_run_view_init (PwRunView *self)
{
  self->cancellable = g_cancellable_new ();
  self->task_runs = g_list_store_new (PW_TYPE_TASK_RUN);
  self->graph_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->graph_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.show-all-tasks", FALSE);
}
