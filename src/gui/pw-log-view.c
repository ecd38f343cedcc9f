/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-log-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-format.h"
#include "pw-gui-util.h"
#include "pw-log-entry.h"
#include "pw-log-saver.h"
#include "pw-log-view-private.h"
#include "pw-task-run.h"

/*
 * PwLogView: the log of a flow run: a GtkListView over a PwLogModel (which
 * pages through the log however long it is) or, while searching, over a
 * PwLogSearchModel. A level filter, a task filter, jumps to the top and
 * bottom, follow mode (the view sticks to the newest line until the user
 * scrolls away) and saving to a file.
 */

#define USER_SCROLL_WINDOW_US (400 * G_TIME_SPAN_MILLISECOND)


G_DEFINE_FINAL_TYPE (PwLogView, pw_log_view, ADW_TYPE_BIN)

static const int levels[] = { 0, PW_LOG_LEVEL_INFO, PW_LOG_LEVEL_WARNING, PW_LOG_LEVEL_ERROR };

static GtkAdjustment *
vadjustment (PwLogView *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scrolled_window);
}

static gboolean
searching (PwLogView *self)
{
  return pw_log_search_model_get_text (self->search) != NULL;
}

/* What is shown */

static void
update_view (PwLogView *self)
{
  const GError *error = pw_log_model_get_error (self->model);
  GListModel *shown = pw_log_view_get_shown (self);
  guint n = g_list_model_get_n_items (shown);
  g_autofree char *count = pw_format_count (n);
  g_autofree char *status = NULL;

  if (error == NULL)
    error = pw_log_search_model_get_error (self->search);

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_label (self->status_label, "");
      return;
    }

  if (searching (self))
    {
      if (pw_log_search_model_get_scanning (self->search))
        status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s match…", "%s matches…", n), count);
      else
        status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s match", "%s matches", n), count);
    }
  else if (pw_log_model_get_counting (self->model) && n > 0)
    {
      status = g_strdup (_("Counting…"));
    }
  else
    {
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s line", "%s lines", n), count);
    }
  gtk_label_set_label (self->status_label, status);

  if (pw_log_model_get_loading (self->model))
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "lines");
      return;
    }

  if (searching (self))
    {
      g_autofree char *description = NULL;

      if (pw_log_search_model_get_scanning (self->search))
        {
          gtk_stack_set_visible_child_name (self->stack, "loading");
          return;
        }
      adw_status_page_set_title (self->empty_page, _("No Matches"));
      description = g_strdup_printf (_("No line holds “%s”"), pw_log_search_model_get_text (self->search));
      adw_status_page_set_description (self->empty_page, description);
    }
  else if (pw_log_model_get_min_level (self->model) > 0 ||
           gtk_drop_down_get_selected (self->task_dropdown) > 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Lines Here"));
      adw_status_page_set_description (self->empty_page, _("No line matches this level and task"));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Log Lines"));
      adw_status_page_set_description (self->empty_page,
                                       pw_log_model_get_finished (self->model)
                                       ? _("This run wrote nothing to its log")
                                       : _("Lines appear here as the run writes them"));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
set_shown_model (PwLogView *self)
{
  g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (pw_log_view_get_shown (self)));

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_view (self);
}

/* Scrolling and following */

static void
scroll_to_bottom (PwLogView *self)
{
  GtkAdjustment *adj = vadjustment (self);

  self->programmatic++;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  self->programmatic--;
}

static gboolean
follow_cb (gpointer data)
{
  PwLogView *self = data;

  self->follow_id = 0;
  if (gtk_toggle_button_get_active (self->follow_button))
    scroll_to_bottom (self);

  return G_SOURCE_REMOVE;
}

static void
adjustment_changed_cb (PwLogView *self)
{
  /* The log grew (or the rows were measured): stay at the end. Not from
   * here, though: the list view changes its adjustment while it lays out,
   * deaf to the value moving meanwhile, and would go on showing the rows
   * it showed (the adjustment at the end, the new lines out of sight). */
  if (gtk_toggle_button_get_active (self->follow_button) && self->follow_id == 0)
    self->follow_id = g_idle_add (follow_cb, self);
}

static void
value_changed_cb (PwLogView *self)
{
  if (self->programmatic > 0 || !gtk_toggle_button_get_active (self->follow_button))
    return;

  /* Only the user's own scrolling up leaves follow mode; the list view
   * moves the value itself as it measures rows. */
  if (g_get_monotonic_time () < self->user_scroll_until && !pw_log_view_is_at_bottom (self))
    gtk_toggle_button_set_active (self->follow_button, FALSE);
}

static void
user_scrolling (PwLogView *self)
{
  self->user_scroll_until = g_get_monotonic_time () + USER_SCROLL_WINDOW_US;
}

static gboolean
scroll_cb (PwLogView *self,
           double     dx,
           double     dy)
{
  user_scrolling (self);
  return FALSE;
}

static gboolean
key_pressed_cb (PwLogView       *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_Home ||
      keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_KP_Page_Up)
    user_scrolling (self);
  return FALSE;
}

static void
drag_begin_cb (PwLogView *self)
{
  /* A press on the scroll bar: what follows is the user dragging. */
  self->user_scroll_until = G_MAXINT64;
}

static void
drag_end_cb (PwLogView *self)
{
  user_scrolling (self);
}

static void
follow_toggled_cb (PwLogView *self)
{
  if (gtk_toggle_button_get_active (self->follow_button))
    scroll_to_bottom (self);
}

/* Filters and search */

static void
level_changed_cb (PwLogView *self)
{
  guint selected = gtk_drop_down_get_selected (self->level_dropdown);

  if (self->model != NULL && selected < G_N_ELEMENTS (levels))
    pw_log_model_set_min_level (self->model, levels[selected]);
}

static void
task_changed_cb (PwLogView *self)
{
  guint selected = gtk_drop_down_get_selected (self->task_dropdown);

  if (self->updating || self->model == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected == 0)
    pw_log_model_set_scope (self->model, PW_LOG_SCOPE_ALL, NULL);
  else if (selected == 1)
    pw_log_model_set_scope (self->model, PW_LOG_SCOPE_FLOW, NULL);
  else if (selected - 2 < self->task_ids->len)
    pw_log_model_set_scope (self->model, PW_LOG_SCOPE_TASK, g_ptr_array_index (self->task_ids, selected - 2));
}

static void
search_changed_cb (PwLogView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  gboolean was_searching = searching (self);

  pw_log_search_model_set_text (self->search, *text != '\0' ? text : NULL);
  if (was_searching != searching (self))
    set_shown_model (self);
  else
    update_view (self);
}

static void
stop_search_cb (PwLogView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
rebuild_tasks (PwLogView *self)
{
  const char *selected_id = NULL;
  guint selected = gtk_drop_down_get_selected (self->task_dropdown);
  g_autofree char *keep = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint new_selected = selected <= 1 ? selected : 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected >= 2 && selected - 2 < self->task_ids->len)
    selected_id = g_ptr_array_index (self->task_ids, selected - 2);
  keep = g_strdup (selected_id);

  g_ptr_array_set_size (self->task_ids, 0);
  g_hash_table_remove_all (self->task_names);

  g_ptr_array_add (labels, (gpointer)_("All Tasks"));
  g_ptr_array_add (labels, (gpointer)_("Flow Only"));

  for (guint i = 0; self->task_runs != NULL && i < g_list_model_get_n_items (self->task_runs); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (self->task_runs, i);
      const char *id = pw_task_run_get_id (task_run);

      if (id == NULL)
        continue;

      g_hash_table_insert (self->task_names, g_strdup (id), g_strdup (pw_task_run_get_name (task_run)));
      g_ptr_array_add (self->task_ids, g_strdup (id));
      g_ptr_array_add (labels, (gpointer)pw_task_run_get_name (task_run));
      if (g_strcmp0 (keep, id) == 0)
        new_selected = self->task_ids->len + 1;
    }
  g_ptr_array_add (labels, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->task_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->task_list)),
                          (const char * const *)labels->pdata);
  gtk_drop_down_set_selected (self->task_dropdown, new_selected);
  self->updating = FALSE;

  /* Rows already shown get the task names now known. */
  {
    GHashTableIter iter;
    gpointer item;

    g_hash_table_iter_init (&iter, self->bound);
    while (g_hash_table_iter_next (&iter, &item, NULL))
      _pw_log_view_update_task_label (self, item);
  }
}

/* Saving */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwLogView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint64 n_lines = 0;

  if (!pw_log_save_finish (PW_BACKEND (object), result, &n_lines, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_markup_printf_escaped (_("Could not save the log: %s"), error->message);
    }
  else
    {
      g_autofree char *count = pw_format_count (n_lines);

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %s line", "Saved %s lines", n_lines), count);
    }

  pw_add_toast (GTK_WIDGET (self), adw_toast_new (title));
}

/**
 * pw_log_view_save_to_file:
 *
 * Writes the lines shown (level, task and search applied) to @file.
 */
void
pw_log_view_save_to_file (PwLogView *self,
                          GFile     *file)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  pw_log_save_async (self->backend, pw_log_model_get_filter (self->model),
                     pw_log_search_model_get_text (self->search), self->task_names,
                     file, self->cancellable, save_cb, g_object_ref (self));
}

static void
file_chooser_response_cb (PwLogView       *self,
                          int              response,
                          GtkNativeDialog *dialog)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->file_chooser);
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    pw_log_view_save_to_file (self, file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwLogView *self = PW_LOG_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;

  if (self->file_chooser != NULL)
    return;

  self->file_chooser = gtk_file_chooser_native_new (_("Save the Log"),
                                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  name = g_strdup_printf ("%s.log", self->run_name != NULL ? self->run_name : self->flow_run_id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
jump_top_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pw_log_view_jump_to_top (PW_LOG_VIEW (widget));
}

static void
jump_bottom_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pw_log_view_jump_to_bottom (PW_LOG_VIEW (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pw_log_view_reload (PW_LOG_VIEW (widget));
}

/* API */

/**
 * pw_log_view_new:
 *
 * Returns: (transfer none): a view of the log of @flow_run_id
 */
GtkWidget *
pw_log_view_new (PwBackend  *backend,
                 const char *flow_run_id)
{
  PwLogView *self;
  GtkAdjustment *adj;

  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (flow_run_id != NULL, NULL);

  self = g_object_new (PW_TYPE_LOG_VIEW, NULL);
  self->backend = g_object_ref (backend);
  self->flow_run_id = g_strdup (flow_run_id);
  self->model = pw_log_model_new (backend, flow_run_id);
  self->search = pw_log_search_model_new (self->model);

  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counting", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "notify::scanning", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "notify::error", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "items-changed", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);

  adj = vadjustment (self);
  g_signal_connect_object (adj, "changed", G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);

  rebuild_tasks (self);
  set_shown_model (self);

  /* A running run is followed; a finished one is read from the top. */
  gtk_toggle_button_set_active (self->follow_button, TRUE);

  return GTK_WIDGET (self);
}

PwLogModel *
pw_log_view_get_model (PwLogView *self)
{
  g_return_val_if_fail (PW_IS_LOG_VIEW (self), NULL);
  return self->model;
}

PwLogSearchModel *
pw_log_view_get_search_model (PwLogView *self)
{
  g_return_val_if_fail (PW_IS_LOG_VIEW (self), NULL);
  return self->search;
}

GtkListView *
pw_log_view_get_list_view (PwLogView *self)
{
  g_return_val_if_fail (PW_IS_LOG_VIEW (self), NULL);
  return self->list_view;
}

/**
 * pw_log_view_get_shown:
 *
 * Returns: (transfer none): the lines shown: the search's matches while
 *   searching, else the log
 */
GListModel *
pw_log_view_get_shown (PwLogView *self)
{
  g_return_val_if_fail (PW_IS_LOG_VIEW (self), NULL);
  return searching (self) ? G_LIST_MODEL (self->search) : G_LIST_MODEL (self->model);
}

/**
 * pw_log_view_get_view:
 *
 * Returns: what the view shows: “loading”, “lines”, “empty” or “error”
 */
const char *
pw_log_view_get_view (PwLogView *self)
{
  g_return_val_if_fail (PW_IS_LOG_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * pw_log_view_set_finished:
 *
 * Tells the view whether the run has ended. A run that has ended when
 * the view opens is shown from the top, not followed.
 */
void
pw_log_view_set_finished (PwLogView *self,
                          gboolean   finished)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));

  if (finished && !pw_log_model_get_finished (self->model) &&
      pw_log_model_get_loading (self->model))
    gtk_toggle_button_set_active (self->follow_button, FALSE);

  pw_log_model_set_finished (self->model, finished);
  update_view (self);
}

void
pw_log_view_set_run_name (PwLogView  *self,
                          const char *run_name)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));

  g_free (self->run_name);
  self->run_name = g_strdup (run_name);
}

/**
 * pw_log_view_set_task_runs:
 * @task_runs: (nullable): the run's #PwTaskRun, for the task filter and
 *   the task names of the lines
 */
void
pw_log_view_set_task_runs (PwLogView  *self,
                           GListModel *task_runs)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));

  if (self->task_runs != NULL)
    g_signal_handlers_disconnect_by_func (self->task_runs, rebuild_tasks, self);
  g_set_object (&self->task_runs, task_runs);
  if (task_runs != NULL)
    g_signal_connect_object (task_runs, "items-changed", G_CALLBACK (rebuild_tasks), self, G_CONNECT_SWAPPED);

  rebuild_tasks (self);
}

/**
 * pw_log_view_show_task:
 * @task_run_id: (nullable): a task run, %NULL for every line
 */
void
pw_log_view_show_task (PwLogView  *self,
                       const char *task_run_id)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));

  if (task_run_id == NULL)
    {
      gtk_drop_down_set_selected (self->task_dropdown, 0);
      return;
    }

  for (guint i = 0; i < self->task_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->task_ids, i), task_run_id))
      gtk_drop_down_set_selected (self->task_dropdown, i + 2);
}

/**
 * pw_log_view_set_min_level:
 * @level: 0, or a level from %PW_LOG_LEVEL_INFO to %PW_LOG_LEVEL_ERROR
 */
void
pw_log_view_set_min_level (PwLogView *self,
                           int        level)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (levels[i] == level)
      gtk_drop_down_set_selected (self->level_dropdown, i);
}

void
pw_log_view_set_search (PwLogView  *self,
                        const char *text)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  search_changed_cb (self);
}

gboolean
pw_log_view_get_follow (PwLogView *self)
{
  g_return_val_if_fail (PW_IS_LOG_VIEW (self), FALSE);
  return gtk_toggle_button_get_active (self->follow_button);
}

void
pw_log_view_set_follow (PwLogView *self,
                        gboolean   follow)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));
  gtk_toggle_button_set_active (self->follow_button, follow);
}

void
pw_log_view_jump_to_top (PwLogView *self)
{
  GtkAdjustment *adj;

  g_return_if_fail (PW_IS_LOG_VIEW (self));

  adj = vadjustment (self);
  gtk_toggle_button_set_active (self->follow_button, FALSE);
  self->programmatic++;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_lower (adj));
  self->programmatic--;
}

/**
 * pw_log_view_jump_to_bottom:
 *
 * Shows the last lines and follows the new ones.
 */
void
pw_log_view_jump_to_bottom (PwLogView *self)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));

  if (gtk_toggle_button_get_active (self->follow_button))
    scroll_to_bottom (self);
  else
    gtk_toggle_button_set_active (self->follow_button, TRUE);
}

/**
 * pw_log_view_is_at_bottom:
 *
 * Returns: whether the last lines are in view
 */
gboolean
pw_log_view_is_at_bottom (PwLogView *self)
{
  GtkAdjustment *adj;

  g_return_val_if_fail (PW_IS_LOG_VIEW (self), FALSE);

  adj = vadjustment (self);
  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 2.0;
}

void
pw_log_view_focus_search (PwLogView *self)
{
  g_return_if_fail (PW_IS_LOG_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * pw_log_view_reload:
 *
 * Reads the log again.
 */
void
pw_log_view_reload (PwLogView *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PW_IS_LOG_VIEW (self));

  text = g_strdup (pw_log_search_model_get_text (self->search));
  pw_log_model_reload (self->model);
  pw_log_search_model_set_text (self->search, NULL);
  pw_log_search_model_set_text (self->search, text);
  update_view (self);
}

/* GObject */

static void
pw_log_view_dispose (GObject *object)
{
  PwLogView *self = (PwLogView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->follow_id, g_source_remove);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_LOG_VIEW);

  g_clear_object (&self->search);
  g_clear_object (&self->model);
  g_clear_object (&self->task_runs);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (pw_log_view_parent_class)->dispose (object);
}

static void
pw_log_view_finalize (GObject *object)
{
  PwLogView *self = (PwLogView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->task_ids, g_ptr_array_unref);
  g_clear_pointer (&self->task_names, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->flow_run_id, g_free);
  g_clear_pointer (&self->run_name, g_free);

  G_OBJECT_CLASS (pw_log_view_parent_class)->finalize (object);
}

static void
pw_log_view_class_init (PwLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_log_view_dispose;
  object_class->finalize = pw_log_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PwLogView, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, task_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, task_list);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, follow_button);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, stack);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PwLogView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, level_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, task_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, follow_toggled_cb);

  gtk_widget_class_install_action (widget_class, "logs.jump-top", NULL, jump_top_action);
  gtk_widget_class_install_action (widget_class, "logs.jump-bottom", NULL, jump_bottom_action);
  gtk_widget_class_install_action (widget_class, "logs.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "logs.reload", NULL, reload_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "logs.jump-top", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, "logs.jump-bottom", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "logs.save", NULL);
}

static void
pw_log_view_init (PwLogView *self)
{
  GtkListItemFactory *factory;
  GtkEventController *scroll;
  GtkEventController *key;
  GtkGesture *drag;

  self->cancellable = g_cancellable_new ();
  self->task_ids = g_ptr_array_new_with_free_func (g_free);
  self->task_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->bound = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = _pw_log_view_rows_factory_new (self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  /* The user's own scrolling, to tell it from the list view's. */
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), scroll);

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), key);

  drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "cancel", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), GTK_EVENT_CONTROLLER (drag));
}
