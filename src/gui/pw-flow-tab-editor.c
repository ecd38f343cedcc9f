/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-tab"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-flow-tab-private.h"
#include "pw-flow-validate.h"
#include "pw-gui-util.h"
#include "pw-remote-backend.h"

/*
 * The flow tab as an editor: the DAG canvas edits a copy of the flow
 * (self->edited), the sidebar shows the flow pane, the selected task's
 * pane or how many tasks are selected, and Save (Ctrl+S) validates the
 * copy and saves it as the flow's next version. The canvas's undo stack
 * knows whether there is anything to save ("clean"); the tab's title has
 * a leading "•" while there is, and closing the tab then asks first.
 *
 * On a server that keeps flows as Python code (Prefect), nothing can be
 * changed: the canvas and the panes only show, Save is hidden, and a
 * banner says why.
 */

/* Editable or not */

static void
update_editable (PwFlowTab *self)
{
  PwBackendCapabilities capabilities = pw_api_backend_get_capabilities (self->backend);
  gboolean editable = (capabilities & PW_BACKEND_CAPABILITY_EDIT_FLOWS) != 0;

  if (!editable)
    {
      PwServerKind kind = PW_IS_REMOTE_BACKEND (self->backend)
        ? pw_remote_backend_get_server_kind (PW_REMOTE_BACKEND (self->backend)) : PW_SERVER_KIND_UNKNOWN;

      if (kind == PW_SERVER_KIND_PREFECT)
        gtk_label_set_label (self->read_only_label,
                             _("This is a Prefect server: its flows are Python code, so they can be "
                               "looked at here but not changed."));
      else if (kind == PW_SERVER_KIND_UNKNOWN)
        gtk_label_set_label (self->read_only_label,
                             _("The server has not answered yet: flows can be changed once it does."));
      else
        gtk_label_set_label (self->read_only_label, _("This server does not let flows be changed here."));
    }
  gtk_revealer_set_reveal_child (self->read_only_revealer, !editable);

  self->editable = editable;
  pw_dag_canvas_set_editable (self->canvas, editable);
  pw_flow_pane_set_editable (self->flow_pane, editable);
  pw_task_pane_set_editable (self->task_pane, editable);
  gtk_widget_set_visible (self->save_button, editable);
  _pw_flow_tab_editor_update_tools (self);
  _pw_flow_tab_editor_update_actions (self);
}

void
_pw_flow_tab_editor_update_actions (PwFlowTab *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean editing = self->edited != NULL && self->editable && !self->deleted;

  gtk_widget_action_set_enabled (widget, "tab.undo", editing && self->undo != NULL && pw_dag_undo_can_undo (self->undo));
  gtk_widget_action_set_enabled (widget, "tab.redo", editing && self->undo != NULL && pw_dag_undo_can_redo (self->undo));
  gtk_widget_action_set_enabled (widget, "tab.add-task", editing);
  gtk_widget_action_set_enabled (widget, "tab.tidy-up", editing);
  gtk_widget_action_set_enabled (widget, "tab.zoom-fit", self->edited != NULL);
  gtk_widget_action_set_enabled (widget, "tab.save", editing && !self->saving &&
                                 self->undo != NULL && !pw_dag_undo_is_clean (self->undo));
}

/* The toolbar's editing tools show with the canvas, when it can edit. */
void
_pw_flow_tab_editor_update_tools (PwFlowTab *self)
{
  gboolean canvas = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "editor") == 0;

  gtk_widget_set_visible (self->edit_tools, canvas && self->editable);
  gtk_widget_set_visible (self->zoom_button, canvas);
}

/* The sidebar */

void
_pw_flow_tab_selection_changed_cb (PwFlowTab *self)
{
  g_autoptr(GPtrArray) selection = pw_dag_canvas_get_selection (self->canvas);

  if (selection->len == 1)
    {
      pw_task_pane_set_task (self->task_pane, self->edited, g_ptr_array_index (selection, 0), self->undo);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "task");
    }
  else
    {
      pw_task_pane_set_task (self->task_pane, self->edited, NULL, self->undo);
      if (selection->len == 0)
        gtk_stack_set_visible_child_name (self->sidebar_stack, "flow");
      else
        {
          g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Task Selected",
                                                                 "%u Tasks Selected", selection->len),
                                                    selection->len);

          adw_status_page_set_title (self->several_page, title);
          gtk_stack_set_visible_child_name (self->sidebar_stack, "several");
        }
    }
}

/* Following the edits */

static void
undo_notify_cb (PwFlowTab  *self,
                GParamSpec *pspec)
{
  if (g_str_equal (pspec->name, "clean"))
    _pw_flow_tab_notify_title (self);
  _pw_flow_tab_editor_update_actions (self);
}

static void
undo_applied_cb (PwFlowTab *self)
{
  self->n_applied++;
}

static void
set_edited (PwFlowTab *self,
            PwFlow    *flow)
{
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);
  g_clear_object (&self->undo);

  g_set_object (&self->edited, flow);
  pw_dag_canvas_set_flow (self->canvas, flow);
  if (flow != NULL)
    {
      self->undo = g_object_ref (pw_dag_canvas_get_undo (self->canvas));
      g_signal_connect_object (self->undo, "notify", G_CALLBACK (undo_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->undo, "applied", G_CALLBACK (undo_applied_cb), self, G_CONNECT_SWAPPED);
    }

  pw_flow_pane_set_flow (self->flow_pane, flow, self->undo);
  _pw_flow_tab_selection_changed_cb (self);
  gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);
  _pw_flow_tab_notify_title (self);
  _pw_flow_tab_editor_update_actions (self);
}

/**
 * _pw_flow_tab_editor_show:
 * @replace: whether to drop edits not saved
 *
 * Edits a copy of the flow just read, unless there are edits not saved
 * (and @replace is %FALSE): those stay, and saving them makes the next
 * version.
 */
void
_pw_flow_tab_editor_show (PwFlowTab *self,
                          gboolean   replace)
{
  g_autoptr(PwFlow) copy = NULL;

  if (self->flow == NULL || self->flow == self->edited_from)
    return;

  g_set_object (&self->edited_from, self->flow);
  if (!replace && self->edited != NULL && self->undo != NULL && !pw_dag_undo_is_clean (self->undo))
    return;

  copy = pw_flow_copy (self->flow);
  set_edited (self, copy);
  update_editable (self);
}

/* Saving */

static void
show_problems (PwFlowTab *self,
               GPtrArray *problems)
{
  PwProblem *first = g_ptr_array_index (problems, 0);
  const char *key = pw_problem_get_task_key (first);
  g_autoptr(GString) text = g_string_new (NULL);

  if (key != NULL)
    {
      PwTask *task = pw_flow_get_task (self->edited, key);

      g_string_append_printf (text, _("Not saved: task “%s”: %s"),
                              task != NULL ? pw_task_get_display_name (task) : key,
                              pw_problem_get_message (first));
    }
  else
    g_string_append_printf (text, _("Not saved: %s"), pw_problem_get_message (first));

  if (problems->len > 1)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (and %u more problem)",
                                               " (and %u more problems)", problems->len - 1),
                            problems->len - 1);

  g_free (self->problem_task);
  self->problem_task = g_strdup (key);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.show-problem", key != NULL);
  gtk_label_set_label (self->problems_label, text->str);
  gtk_revealer_set_reveal_child (self->problems_revealer, TRUE);
}

static void
finish_close (PwFlowTab *self,
              gboolean   close)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->close_task);

  if (task != NULL)
    g_task_return_boolean (task, close);
}

static void
editor_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PwFlowTab) self = user_data;
  g_autoptr(PwFlow) saved = g_object_steal_data (G_OBJECT (self), "pw-saving-flow");
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  info = pw_backend_save_flow_finish (PW_BACKEND (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  _pw_flow_tab_editor_update_actions (self);

  if (info == NULL)
    {
      message = g_markup_printf_escaped (_("Could not save: %s"), error->message);
      pw_add_toast (GTK_WIDGET (self), adw_toast_new (message));
      finish_close (self, FALSE);
      return;
    }

  /* Edits made while saving are not in this version. */
  if (self->n_applied == self->save_mark)
    pw_dag_undo_set_clean (self->undo);

  self->version = pw_flow_info_get_version (info);
  if (g_strcmp0 (self->flow_name, pw_flow_info_get_name (info)) != 0)
    {
      /* TRANSLATORS: saving a flow under a new name */
      message = g_markup_printf_escaped (_("Saved as “%s”; “%s” stays in the library"),
                                 pw_flow_info_get_name (info), self->flow_name);
      g_free (self->flow_name);
      self->flow_name = g_strdup (pw_flow_info_get_name (info));
    }
  else
    message = g_strdup_printf (_("Saved version %u"), self->version);
  g_set_object (&self->flow, saved);
  /* The editor goes on with its copy (and its undo history). */
  g_set_object (&self->edited_from, saved);
  _pw_flow_tab_notify_title (self);
  _pw_flow_tab_show_flow (self);
  _pw_flow_tab_update_actions (self);

  pw_add_toast (GTK_WIDGET (self), adw_toast_new (message));
  finish_close (self, TRUE);
}

static void
save_now (PwFlowTab *self)
{
  /* The backend may read the flow in a thread: it saves a copy, which
   * becomes the tab's saved flow. */
  g_autoptr(PwFlow) copy = pw_flow_copy (self->edited);

  g_object_set_data_full (G_OBJECT (self), "pw-saving-flow", g_object_ref (copy), g_object_unref);
  pw_backend_save_flow_async (self->backend, copy, self->cancellable, editor_saved_cb, g_object_ref (self));
}

static void
name_checked_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PwFlowTab) self = user_data;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = pw_flow_get_name (self->edited);

  flows = pw_backend_list_flows_finish (PW_BACKEND (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  for (guint i = 0; flows != NULL && i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);

      if (g_strcmp0 (pw_flow_info_get_name (info), name) == 0)
        {
          g_autoptr(GPtrArray) problems = pw_problem_array_new ();

          g_ptr_array_add (problems, pw_problem_new_printf (NULL, "name",
                                                            _("there is already a flow named “%s”: "
                                                              "choose another name"), name));
          self->saving = FALSE;
          _pw_flow_tab_editor_update_actions (self);
          show_problems (self, problems);
          finish_close (self, FALSE);
          return;
        }
    }

  save_now (self);
}

/**
 * pw_flow_tab_save:
 *
 * Validates the flow as edited and saves it as its next version (Save,
 * Ctrl+S). A flow with problems is not saved: a banner names the first
 * (its task, what is wrong) and how many more there are.
 */
void
pw_flow_tab_save (PwFlowTab *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_if_fail (PW_IS_FLOW_TAB (self));

  if (self->edited == NULL || !self->editable || self->saving || self->deleted)
    {
      finish_close (self, FALSE);
      return;
    }

  problems = pw_flow_validate (self->edited);
  if (problems->len > 0)
    {
      show_problems (self, problems);
      finish_close (self, FALSE);
      return;
    }
  gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);

  self->saving = TRUE;
  self->save_mark = self->n_applied;
  _pw_flow_tab_editor_update_actions (self);

  /* Renamed: saved under the new name, as a flow of its own (the old one
   * stays), unless that would add a version to another flow. */
  if (self->flow_name != NULL && g_strcmp0 (pw_flow_get_name (self->edited), self->flow_name) != 0)
    pw_backend_list_flows_async (self->backend, pw_flow_get_name (self->edited), self->cancellable,
                                 name_checked_cb, g_object_ref (self));
  else
    save_now (self);
}

/* Closing */

static void
close_response_cb (PwFlowTab        *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "save"))
    pw_flow_tab_save (self);
  else
    finish_close (self, g_str_equal (response, "discard"));
}

/**
 * pw_flow_tab_confirm_close_async:
 *
 * Finds out whether the tab may close: at once when there is nothing to
 * save; else after asking (Discard, Cancel, Save; with Save, once saved).
 */
void
pw_flow_tab_confirm_close_async (PwFlowTab           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (PW_IS_FLOW_TAB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_flow_tab_confirm_close_async);

  if (!pw_flow_tab_get_modified (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->close_task != NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  self->close_task = g_steal_pointer (&task);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has changes that are not saved. Changes that are not saved are lost."),
                                  pw_flow_get_name (self->edited));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * pw_flow_tab_confirm_close_finish:
 *
 * Returns: whether the tab may close now
 */
gboolean
pw_flow_tab_confirm_close_finish (PwFlowTab     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Actions */

static void
canvas_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwFlowTab *self = PW_FLOW_TAB (widget);
  g_autofree char *name = g_strconcat ("canvas.", action_name + strlen ("tab."), NULL);

  if (g_str_equal (name, "canvas.zoom-fit"))
    pw_dag_canvas_zoom_to_fit (self->canvas);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->canvas), name, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pw_flow_tab_save (PW_FLOW_TAB (widget));
}

static void
show_problem_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwFlowTab *self = PW_FLOW_TAB (widget);

  if (self->problem_task == NULL || pw_flow_get_task (self->edited, self->problem_task) == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "editor");
  pw_dag_canvas_select_task (self->canvas, self->problem_task, FALSE);
  pw_dag_canvas_center_on_task (self->canvas, self->problem_task);
}

static void
dismiss_problems_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (PW_FLOW_TAB (widget)->problems_revealer, FALSE);
}

void
_pw_flow_tab_editor_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (PW_TYPE_DAG_CANVAS);
  g_type_ensure (PW_TYPE_FLOW_PANE);
  g_type_ensure (PW_TYPE_TASK_PANE);

  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, toolbar);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, save_button);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, edit_tools);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, problems_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, canvas);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, flow_pane);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, task_pane);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, several_page);
  gtk_widget_class_bind_template_callback (widget_class, _pw_flow_tab_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, _pw_flow_tab_editor_update_tools);

  gtk_widget_class_install_action (widget_class, "tab.undo", NULL, canvas_action);
  gtk_widget_class_install_action (widget_class, "tab.redo", NULL, canvas_action);
  gtk_widget_class_install_action (widget_class, "tab.add-task", NULL, canvas_action);
  gtk_widget_class_install_action (widget_class, "tab.tidy-up", NULL, canvas_action);
  gtk_widget_class_install_action (widget_class, "tab.zoom-fit", NULL, canvas_action);
  gtk_widget_class_install_action (widget_class, "tab.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "tab.show-problem", NULL, show_problem_action);
  gtk_widget_class_install_action (widget_class, "tab.dismiss-problems", NULL, dismiss_problems_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "tab.save", NULL);
}

static void
capabilities_changed_cb (PwFlowTab *self)
{
  update_editable (self);
}

void
_pw_flow_tab_editor_init (PwFlowTab *self)
{
  pw_task_pane_set_backend (self->task_pane, self->backend);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self->backend), "capabilities") != NULL)
    g_signal_connect_object (self->backend, "notify::capabilities",
                             G_CALLBACK (capabilities_changed_cb), self, G_CONNECT_SWAPPED);
  update_editable (self);
}

void
_pw_flow_tab_editor_dispose (PwFlowTab *self)
{
  finish_close (self, FALSE);
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);
  g_clear_object (&self->undo);
  g_clear_object (&self->edited);
  g_clear_object (&self->edited_from);
  g_clear_pointer (&self->problem_task, g_free);
  g_clear_pointer (&self->title, g_free);
}

/* API */

PwDagCanvas *
pw_flow_tab_get_canvas (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return self->canvas;
}

/**
 * pw_flow_tab_get_edited_flow:
 *
 * Returns: (transfer none) (nullable): the flow as edited (the canvas's),
 *   which pw_flow_tab_get_flow() is as last saved
 */
PwFlow *
pw_flow_tab_get_edited_flow (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return self->edited;
}

PwFlowPane *
pw_flow_tab_get_flow_pane (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return self->flow_pane;
}

PwTaskPane *
pw_flow_tab_get_task_pane (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return self->task_pane;
}

/**
 * pw_flow_tab_get_sidebar:
 *
 * Returns: what the sidebar shows: “flow”, “task” or “several”
 */
const char *
pw_flow_tab_get_sidebar (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return gtk_stack_get_visible_child_name (self->sidebar_stack);
}

/**
 * pw_flow_tab_get_editor_view:
 *
 * Returns: “editor” (the canvas) or “overview” (recent runs, parameters,
 *   tasks as a list)
 */
const char *
pw_flow_tab_get_editor_view (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
pw_flow_tab_set_editor_view (PwFlowTab  *self,
                             const char *name)
{
  g_return_if_fail (PW_IS_FLOW_TAB (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * pw_flow_tab_get_modified:
 *
 * Returns: whether the flow has edits not saved
 */
gboolean
pw_flow_tab_get_modified (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), FALSE);
  return self->undo != NULL && !pw_dag_undo_is_clean (self->undo);
}

gboolean
pw_flow_tab_get_editable (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), FALSE);
  return self->editable;
}

gboolean
pw_flow_tab_get_saving (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), FALSE);
  return self->saving;
}

/**
 * pw_flow_tab_get_problems_text:
 *
 * Returns: (nullable): what the problems banner says, %NULL when it is
 *   hidden
 */
const char *
pw_flow_tab_get_problems_text (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->problems_revealer))
    return NULL;
  return gtk_label_get_label (self->problems_label);
}
