/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-run-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-gui-util.h"
#include "pw-run-view-private.h"

/*
 * PwRunView's charts: the Radar and Timeline tabs, and what activating a
 * task on them (or on the Graph tab's canvas) does: the Task runs tab
 * filtered to that task, the log filtered to its task run; a task run of a
 * sub-flow shown inline opens that sub-flow's run. Export of either chart
 * as PNG or SVG through a file chooser.
 */

static void task_run_activated_cb (PwRunView  *self,
                                   const char *task_run_id);

/**
 * _pw_run_view_build_charts: (skip)
 *
 * Fills the Radar and Timeline tabs, fed with the run view's task runs.
 */
void
_pw_run_view_build_charts (PwRunView *self)
{
  self->radar_view = PW_RADAR_VIEW (pw_radar_view_new ());
  pw_radar_view_set_backend (self->radar_view, self->backend);
  pw_radar_view_set_flow_run (self->radar_view, self->run);
  pw_radar_view_set_task_runs (self->radar_view, G_LIST_MODEL (self->task_runs));
  g_signal_connect_object (self->radar_view, "task-run-activated", G_CALLBACK (task_run_activated_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->radar_bin, GTK_WIDGET (self->radar_view));

  self->timeline_view = PW_TIMELINE_VIEW (pw_timeline_view_new ());
  pw_timeline_view_set_backend (self->timeline_view, self->backend);
  pw_timeline_view_set_flow_run (self->timeline_view, self->run);
  pw_timeline_view_set_task_runs (self->timeline_view, G_LIST_MODEL (self->task_runs));
  g_signal_connect_object (self->timeline_view, "task-run-activated", G_CALLBACK (task_run_activated_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->timeline_bin, GTK_WIDGET (self->timeline_view));
}

/* The Task runs tab shows one task's runs after a node was
 * activated on the graph, the radar or the timeline. */

gboolean
_pw_run_view_task_filter_match (gpointer item,
                   gpointer user_data)
{
  PwRunView *self = user_data;

  return self->task_filter == NULL ||
         g_strcmp0 (pw_task_run_get_task_key (PW_TASK_RUN (item)), self->task_filter) == 0;
}

static void
set_task_filter (PwRunView  *self,
                 const char *task_key)
{
  GtkFilter *filter;

  if (g_strcmp0 (self->task_filter, task_key) == 0)
    return;
  g_free (self->task_filter);
  self->task_filter = g_strdup (task_key);

  if (task_key != NULL)
    {
      /* Translators: %s is a task's key */
      g_autofree char *text = g_strdup_printf (_("Runs of task “%s”"), task_key);

      gtk_label_set_label (self->task_filter_label, text);
    }
  gtk_revealer_set_reveal_child (self->task_filter_revealer, task_key != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.show-all-tasks", task_key != NULL);

  if (self->tasks_filtered != NULL)
    {
      filter = gtk_filter_list_model_get_filter (self->tasks_filtered);
      gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
    }
}

/* Shows the task runs of @task_key and the log lines of @task_run_id (or
 * of its first run). */
static void
show_task (PwRunView  *self,
           const char *task_key,
           const char *task_run_id)
{
  g_autofree char *first = NULL;

  for (guint i = 0; task_run_id == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->task_runs)); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (G_LIST_MODEL (self->task_runs), i);

      if (g_strcmp0 (pw_task_run_get_task_key (task_run), task_key) == 0)
        task_run_id = first = g_strdup (pw_task_run_get_id (task_run));
    }

  set_task_filter (self, task_key);
  pw_log_view_show_task (self->log_view, task_run_id);
  adw_view_stack_set_visible_child_name (self->view_stack, "tasks");
}

void
_pw_run_view_node_activated (PwRunView  *self,
                   const char *task_key)
{
  show_task (self, task_key, NULL);
}

static void
other_task_run_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PwRunView) self = user_data;
  g_autoptr(PwTaskRun) task_run = pw_backend_get_task_run_finish (PW_BACKEND (object), result, NULL);

  /* A task run of a sub-flow shown inline: open its run. */
  if (task_run != NULL && g_strcmp0 (pw_task_run_get_flow_run_id (task_run), self->flow_run_id) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "runs.show-run", "s", pw_task_run_get_flow_run_id (task_run));
}

static void
task_run_activated_cb (PwRunView  *self,
                       const char *task_run_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->task_runs)); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (G_LIST_MODEL (self->task_runs), i);

      if (g_strcmp0 (pw_task_run_get_id (task_run), task_run_id) == 0)
        {
          show_task (self, pw_task_run_get_task_key (task_run), task_run_id);
          return;
        }
    }

  pw_backend_get_task_run_async (self->backend, task_run_id, self->cancellable,
                                 other_task_run_cb, g_object_ref (self));
}

static void
show_all_tasks_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PwRunView *self = PW_RUN_VIEW (widget);

  set_task_filter (self, NULL);
  pw_log_view_show_task (self->log_view, NULL);
}

static void
radar_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PwRunView *self = PW_RUN_VIEW (widget);

  if (self->radar_view == NULL)
    return;
  if (g_str_equal (action_name, "run.radar-zoom-in"))
    gtk_widget_activate_action (GTK_WIDGET (self->radar_view), "radar.zoom-in", NULL);
  else if (g_str_equal (action_name, "run.radar-zoom-out"))
    gtk_widget_activate_action (GTK_WIDGET (self->radar_view), "radar.zoom-out", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->radar_view), "radar.zoom-fit", NULL);
}

/* Export */

/**
 * pw_run_view_export:
 * @what: “radar” or “timeline”
 * @file: where to write
 * @format: PNG or SVG
 *
 * Draws the run's radar or timeline into @file.
 *
 * Returns: %TRUE, or %FALSE with @error
 */
gboolean
pw_run_view_export (PwRunView          *self,
                    const char         *what,
                    GFile              *file,
                    PwDagExportFormat   format,
                    GError            **error)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), FALSE);

  if (self->radar_view == NULL)
    {
      g_set_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY, _("The run has not been read yet"));
      return FALSE;
    }
  if (g_strcmp0 (what, "timeline") == 0)
    return pw_timeline_view_export (self->timeline_view, file, format, error);
  return pw_radar_view_export (self->radar_view, file, format, error);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    PwRunView       *self)
{
  const char *what = g_object_get_data (G_OBJECT (dialog), "pw-export");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  PwDagExportFormat format = PW_DAG_EXPORT_PNG;
  GtkFileFilter *filter;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  name = g_file_get_basename (file);
  /* The name's extension decides; else the filter chosen. */
  if (!pw_dag_export_format_from_name (name, &format))
    {
      filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      if (filter != NULL && g_strcmp0 (gtk_file_filter_get_name (filter), "SVG") == 0)
        format = PW_DAG_EXPORT_SVG;
    }

  if (pw_run_view_export (self, what, file, format, &error))
    title = g_markup_printf_escaped (_("Exported to “%s”"), name);
  else
    title = g_markup_printf_escaped (_("Could not export: %s"), error->message);
  pw_add_toast (GTK_WIDGET (self), adw_toast_new (title));

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwRunView *self = PW_RUN_VIEW (widget);
  gboolean timeline = g_str_equal (action_name, "run.export-timeline");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *png = gtk_file_filter_new ();
  GtkFileFilter *svg = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;

  dialog = gtk_file_chooser_native_new (timeline ? _("Export the Timeline") : _("Export the Radar"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (png, "PNG");
  gtk_file_filter_add_mime_type (png, "image/png");
  gtk_file_filter_add_suffix (png, "png");
  gtk_file_filter_set_name (svg, "SVG");
  gtk_file_filter_add_mime_type (svg, "image/svg+xml");
  gtk_file_filter_add_suffix (svg, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), png);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), svg);
  g_object_unref (png);
  g_object_unref (svg);

  suggested = g_strdup_printf ("%s-%s.png", self->run != NULL ? pw_flow_run_get_name (self->run) : "run",
                               timeline ? "timeline" : "radar");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  g_object_set_data (G_OBJECT (dialog), "pw-export", (gpointer)(timeline ? "timeline" : "radar"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * pw_run_view_get_radar_view:
 *
 * Returns: (transfer none) (nullable): the Radar tab, once the run is read
 */
GtkWidget *
pw_run_view_get_radar_view (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return GTK_WIDGET (self->radar_view);
}

/**
 * pw_run_view_get_timeline_view:
 *
 * Returns: (transfer none) (nullable): the Timeline tab, once the run is
 *   read
 */
GtkWidget *
pw_run_view_get_timeline_view (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return GTK_WIDGET (self->timeline_view);
}

/**
 * pw_run_view_get_task_filter:
 *
 * Returns: (nullable): the task whose runs the Task runs tab shows, or
 *   %NULL when it shows them all
 */
const char *
pw_run_view_get_task_filter (PwRunView *self)
{
  g_return_val_if_fail (PW_IS_RUN_VIEW (self), NULL);
  return self->task_filter;
}

void
_pw_run_view_class_init_charts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "run.show-all-tasks", NULL, show_all_tasks_action);
  gtk_widget_class_install_action (widget_class, "run.radar-zoom-in", NULL, radar_action);
  gtk_widget_class_install_action (widget_class, "run.radar-zoom-out", NULL, radar_action);
  gtk_widget_class_install_action (widget_class, "run.radar-zoom-fit", NULL, radar_action);
  gtk_widget_class_install_action (widget_class, "run.export-radar", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "run.export-timeline", NULL, export_action);
}
