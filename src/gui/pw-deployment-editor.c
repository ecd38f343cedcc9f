/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-deployment-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-deployment-editor-private.h"
#include "pw-flow.h"
#include "pw-flow-info.h"
#include "pw-flow-run.h"
#include "pw-gui-util.h"
#include "pw-run-dialog.h"
#include "pw-timezone-chooser.h"

/*
 * The pane that edits one deployment: what it runs, its schedule with a
 * live preview of the next ten runs, its parameters. Everything is checked
 * as it is typed; a problem is shown under the schedule and Save stays off
 * until it is fixed.
 */

#define N_PREVIEW 10

G_DEFINE_FINAL_TYPE (PwDeploymentEditor, pw_deployment_editor, GTK_TYPE_BOX)

enum {
  SAVED,
  DELETED,
  RUN_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_timezone_chosen (PwDeploymentEditor *self,
                    const char         *zone)
{
  gtk_editable_set_text (GTK_EDITABLE (self->timezone_row), zone);
}

/* checking the form */

static void
set_error (PwDeploymentEditor *self,
           const char         *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

void
_pw_deployment_editor_validate (PwDeploymentEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = _pw_deployment_editor_dup_text (self->name_row);
  g_autofree char *parameters = NULL;
  g_autoptr(GString) preview = g_string_new (NULL);
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (self->loading)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->interval_row), kind == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->anchor_row), kind == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->cron_row), kind == 2);
  gtk_widget_set_visible (GTK_WIDGET (self->rrule_row), kind == 3);
  gtk_widget_set_visible (GTK_WIDGET (self->timezone_row), kind != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->describe_row), kind != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), kind != 0);

  g_clear_object (&self->schedule);
  g_clear_pointer (&self->preview, g_strfreev);
  g_clear_pointer (&self->description_text, g_free);
  _pw_deployment_editor_update_chips (self);

  self->schedule = _pw_deployment_editor_build_schedule (self, &error);
  if (error == NULL && self->schedule != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GPtrArray) next = pw_schedule_get_next (self->schedule, now, N_PREVIEW, NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      self->description_text = pw_schedule_describe (self->schedule);
      for (guint i = 0; next != NULL && i < next->len; i++)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (g_ptr_array_index (next, i));
          g_autofree char *text = g_date_time_format (local, "%a %-d %b %Y, %H:%M %Z");

          g_strv_builder_add (builder, text);
          g_string_append_printf (preview, "%s%s", preview->len > 0 ? "\n" : "", text);
        }
      self->preview = g_strv_builder_end (builder);
    }
  adw_action_row_set_subtitle (self->describe_row,
                               self->description_text != NULL ? self->description_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->describe_row), self->description_text != NULL);
  gtk_label_set_text (self->preview_label,
                      preview->len > 0 ? preview->str : _("No upcoming runs"));

  if (error == NULL)
    parameters = _pw_deployment_editor_build_parameters (self, &error);
  /* An empty name is not an error yet, just not ready to save. */
  if (error == NULL && name[0] != '\0')
    pw_deployment_check_name (name, &error);
  if (error == NULL && _pw_deployment_editor_selected_flow (self) == NULL)
    g_set_error_literal (&error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                         _("Flow: choose the flow this deployment runs"));

  set_error (self, error != NULL ? error->message : NULL);
  self->can_save = error == NULL && name[0] != '\0' && self->backend != NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->can_save);
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), self->deployment != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->deployment != NULL);
}

/* the flow */

static void
get_flow_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlow) flow = pw_backend_get_flow_finish (PW_BACKEND (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (flow == NULL)
    g_debug ("Could not load the flow: %s", error->message);
  g_set_object (&self->flow, flow);
  _pw_deployment_editor_build_parameter_rows (self);
  _pw_deployment_editor_validate (self);
}

void
_pw_deployment_editor_flow_selected (PwDeploymentEditor *self)
{
  const char *name = _pw_deployment_editor_selected_flow (self);

  if (self->loading)
    return;
  g_clear_object (&self->flow);
  _pw_deployment_editor_clear_parameter_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->parameters_group), FALSE);
  if (name != NULL && self->backend != NULL)
    pw_backend_get_flow_async (self->backend, name, 0, self->cancellable, get_flow_cb, g_object_ref (self));
  _pw_deployment_editor_validate (self);
}

gboolean
_pw_deployment_editor_select_flow (PwDeploymentEditor *self,
                                   const char         *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->flow_names));

  for (guint i = 0; name != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->flow_names, i), name) == 0)
      {
        if (adw_combo_row_get_selected (self->flow_row) == i)
          _pw_deployment_editor_flow_selected (self);
        else
          adw_combo_row_set_selected (self->flow_row, i);
        return TRUE;
      }
  return FALSE;
}

static void
list_flows_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) flows = pw_backend_list_flows_finish (PW_BACKEND (source), result, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *current;
  g_autofree char *keep = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (flows == NULL)
    {
      /* A server that went away, say: the page says so; the form keeps
       * the flows it has. */
      g_debug ("Could not list the flows: %s", error->message);
      return;
    }

  current = _pw_deployment_editor_selected_flow (self);
  keep = g_strdup (self->pending_flow != NULL ? self->pending_flow : current);
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);

      g_ptr_array_add (names, g_strdup (pw_flow_info_get_name (info)));
    }
  g_ptr_array_add (names, NULL);

  self->loading = TRUE;
  gtk_string_list_splice (self->flow_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->flow_names)),
                          (const char * const *)names->pdata);
  self->loading = FALSE;

  g_clear_pointer (&self->pending_flow, g_free);
  if (!_pw_deployment_editor_select_flow (self, keep))
    _pw_deployment_editor_flow_selected (self);
}

static void
reload_flows (PwDeploymentEditor *self)
{
  if (self->backend != NULL)
    pw_backend_list_flows_async (self->backend, NULL, self->cancellable, list_flows_cb, g_object_ref (self));
}

/* actions */

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDeployment) saved = pw_backend_save_deployment_finish (PW_BACKEND (source), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (saved == NULL)
    {
      set_error (self, error->message);
      return;
    }
  g_set_object (&self->deployment, saved);
  _pw_deployment_editor_validate (self);
  text = g_strdup_printf (_("Saved “%s”"), pw_deployment_get_name (saved));
  pw_add_toast (GTK_WIDGET (self), adw_toast_new (text));
  g_signal_emit (self, signals[SAVED], 0, saved);
}

void
pw_deployment_editor_save (PwDeploymentEditor *self)
{
  g_autoptr(PwDeployment) d = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  _pw_deployment_editor_validate (self);
  if (!self->can_save)
    return;

  d = _pw_deployment_editor_form_to_deployment (self, &error);
  if (d == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  pw_backend_save_deployment_async (self->backend, d, self->cancellable, save_cb, g_object_ref (self));
}

static void
on_save_clicked (PwDeploymentEditor *self)
{
  pw_deployment_editor_save (self);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) run = pw_backend_run_deployment_finish (PW_BACKEND (source), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (run == NULL)
    text = g_strdup_printf (_("Could not start a run: %s"), error->message);
  else
    text = g_strdup_printf (_("Started “%s”"), pw_flow_run_get_name (run));
  pw_add_toast (GTK_WIDGET (self), adw_toast_new (text));
  if (run != NULL)
    g_signal_emit (self, signals[RUN_STARTED], 0, run);
}

void
pw_deployment_editor_run_now (PwDeploymentEditor *self)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  if (self->deployment == NULL || self->backend == NULL)
    return;
  pw_backend_run_deployment_async (self->backend, pw_deployment_get_id (self->deployment), NULL, NULL,
                                   self->cancellable, run_cb, g_object_ref (self));
}

static void
on_run_clicked (PwDeploymentEditor *self)
{
  pw_deployment_editor_run_now (self);
}

static void
undo_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDeployment) restored = pw_backend_save_deployment_finish (PW_BACKEND (source), result, &error);

  if (restored == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, restored);
}

/**
 * pw_deployment_editor_undo_delete:
 *
 * Saves again the deployment deleted last (what the toast's Undo does).
 */
void
pw_deployment_editor_undo_delete (PwDeploymentEditor *self)
{
  g_autoptr(PwDeployment) again = NULL;

  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  if (self->deleted == NULL || self->backend == NULL)
    return;
  again = g_steal_pointer (&self->deleted);
  pw_backend_save_deployment_async (self->backend, again, self->cancellable, undo_cb, g_object_ref (self));
}

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!pw_backend_delete_deployment_finish (PW_BACKEND (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      g_clear_object (&self->deleted);
      return;
    }
  toast = adw_toast_new (_("Deployment deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (pw_deployment_editor_undo_delete),
                           self, G_CONNECT_SWAPPED);
  pw_add_toast (GTK_WIDGET (self), toast);
  g_signal_emit (self, signals[DELETED], 0);
}

void
pw_deployment_editor_delete (PwDeploymentEditor *self)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  if (self->deployment == NULL || self->backend == NULL)
    return;
  /* Undo saves it again as a new deployment with the same settings. */
  g_clear_object (&self->deleted);
  self->deleted = pw_deployment_copy (self->deployment);
  pw_deployment_set_id (self->deleted, NULL);
  pw_backend_delete_deployment_async (self->backend, pw_deployment_get_id (self->deployment),
                                      self->cancellable, delete_cb, g_object_ref (self));
}

static void
on_delete_clicked (PwDeploymentEditor *self)
{
  pw_deployment_editor_delete (self);
}

static void
pause_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDeployment) d = pw_backend_set_deployment_paused_finish (PW_BACKEND (source), result, &error);

  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  if (self->deployment != NULL &&
      g_strcmp0 (pw_deployment_get_id (self->deployment), pw_deployment_get_id (d)) == 0)
    g_set_object (&self->deployment, d);
}

/* Pausing an existing deployment takes effect at once, as Prefect's toggle. */
static void
on_pause_changed (PwDeploymentEditor *self)
{
  gboolean active = gtk_switch_get_active (self->pause_switch);

  if (self->loading || self->deployment == NULL || self->backend == NULL ||
      pw_deployment_get_paused (self->deployment) == active)
    return;
  pw_backend_set_deployment_paused_async (self->backend, pw_deployment_get_id (self->deployment), active,
                                          self->cancellable, pause_cb, g_object_ref (self));
}

/* public */

void
pw_deployment_editor_set_backend (PwDeploymentEditor *self,
                                  PwBackend          *backend)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  if (!g_set_object (&self->backend, backend))
    return;
  reload_flows (self);
  _pw_deployment_editor_validate (self);
}

/**
 * pw_deployment_editor_edit:
 * @deployment: (nullable): the deployment, or %NULL for a new one
 *
 * Shows @deployment in the form.
 */
void
pw_deployment_editor_edit (PwDeploymentEditor *self,
                           PwDeployment       *deployment)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  g_set_object (&self->deployment, deployment);
  _pw_deployment_editor_load (self);
  reload_flows (self);
}

void
pw_deployment_editor_new_deployment (PwDeploymentEditor *self,
                                     const char         *flow_name)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  g_clear_object (&self->deployment);
  g_free (self->pending_flow);
  self->pending_flow = g_strdup (flow_name);
  _pw_deployment_editor_load (self);
  reload_flows (self);
}

PwDeployment *
pw_deployment_editor_get_deployment (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return self->deployment;
}

/**
 * pw_deployment_editor_get_flow:
 *
 * Returns: (transfer none) (nullable): the chosen flow, once loaded
 */
PwFlow *
pw_deployment_editor_get_flow (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return self->flow;
}

gboolean
pw_deployment_editor_get_can_save (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), FALSE);
  return self->can_save && gtk_widget_get_sensitive (GTK_WIDGET (self->save_button));
}

const char *
pw_deployment_editor_get_error_text (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? self->error_text : NULL;
}

GStrv
pw_deployment_editor_dup_preview (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return g_strdupv (self->preview);
}

const char *
pw_deployment_editor_get_description_text (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return self->description_text;
}

GtkSwitch *
pw_deployment_editor_get_pause_switch (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return self->pause_switch;
}

/* GObject */

static void
pw_deployment_editor_dispose (GObject *object)
{
  PwDeploymentEditor *self = PW_DEPLOYMENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_DEPLOYMENT_EDITOR);
  g_clear_object (&self->backend);
  g_clear_object (&self->deployment);
  g_clear_object (&self->flow);
  g_clear_object (&self->schedule);
  g_clear_object (&self->deleted);

  G_OBJECT_CLASS (pw_deployment_editor_parent_class)->dispose (object);
}

static void
pw_deployment_editor_finalize (GObject *object)
{
  PwDeploymentEditor *self = PW_DEPLOYMENT_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->param_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preview, g_strfreev);
  g_free (self->error_text);
  g_free (self->description_text);
  g_free (self->pending_flow);

  G_OBJECT_CLASS (pw_deployment_editor_parent_class)->finalize (object);
}

static void
pw_deployment_editor_class_init (PwDeploymentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_deployment_editor_dispose;
  object_class->finalize = pw_deployment_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, PW_TYPE_DEPLOYMENT);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RUN_STARTED] = g_signal_new ("run-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, PW_TYPE_FLOW_RUN);

  g_type_ensure (PW_TYPE_TIMEZONE_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-deployment-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwDeploymentEditor, name)
  BIND (name_row);
  BIND (flow_row);
  BIND (flow_names);
  BIND (description_row);
  BIND (work_queue_row);
  BIND (tags_row);
  BIND (tag_chips);
  BIND (pause_switch);
  BIND (kind_row);
  BIND (interval_row);
  BIND (interval_spin);
  BIND (unit_dropdown);
  BIND (anchor_row);
  BIND (cron_row);
  BIND (rrule_row);
  BIND (timezone_row);
  BIND (describe_row);
  BIND (error_label);
  BIND (preview_group);
  BIND (preview_label);
  BIND (parameters_group);
  BIND (save_button);
  BIND (run_button);
  BIND (delete_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_timezone_chosen);
}

static void
pw_deployment_editor_init (PwDeploymentEditor *self)
{
  AdwEntryRow *rows[8];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->param_rows = g_ptr_array_new ();

  rows[0] = self->name_row;
  rows[1] = self->description_row;
  rows[2] = self->work_queue_row;
  rows[3] = self->tags_row;
  rows[4] = self->anchor_row;
  rows[5] = self->cron_row;
  rows[6] = self->rrule_row;
  rows[7] = self->timezone_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (_pw_deployment_editor_validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (_pw_deployment_editor_validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unit_dropdown, "notify::selected", G_CALLBACK (_pw_deployment_editor_validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interval_spin, "value-changed", G_CALLBACK (_pw_deployment_editor_validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow_row, "notify::selected", G_CALLBACK (_pw_deployment_editor_flow_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pause_switch, "notify::active", G_CALLBACK (on_pause_changed), self, G_CONNECT_SWAPPED);

  _pw_deployment_editor_load (self);
}
