/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-tab"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-rows.h"
#include "pw-flow-tab-private.h"
#include "pw-format.h"
#include "pw-gui-util.h"
#include "pw-run-dialog.h"
#include "pw-state-chip.h"

/*
 * PwFlowTab: a flow in a tab of the Flows page. Its main view is the
 * editor (pw-flow-tab-editor.c): the DAG canvas and the property panes;
 * beside it, the overview: its recent runs, live, its parameters and its
 * tasks as a list. Run runs the version last saved. A new flow's tab asks
 * for a name and saves an empty flow, then edits it. When the flow is
 * deleted while its tab is open, the tab says so and offers to restore it.
 */

#define RUNS_SHOWN 5
#define REFRESH_DELAY_MS 400


G_DEFINE_FINAL_TYPE (PwFlowTab, pw_flow_tab, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DELETED,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CLOSE_REQUESTED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


static void
set_loading (PwFlowTab *self,
             gboolean   loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_pw_flow_tab_set_deleted (PwFlowTab *self,
             gboolean   deleted)
{
  if (self->deleted == deleted)
    return;

  self->deleted = deleted;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.run", !deleted && self->flow != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.restore", deleted && self->flow != NULL);
  _pw_flow_tab_editor_update_actions (self);
  if (deleted)
    gtk_stack_set_visible_child_name (self->stack, "deleted");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED]);
}

void
_pw_flow_tab_update_actions (PwFlowTab *self)
{
  gboolean loaded = self->flow != NULL && self->flow_name != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.run", loaded && !self->deleted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.export", loaded && !self->deleted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.delete", loaded && !self->deleted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.show-runs", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.restore", loaded && self->deleted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.create", self->flow_name == NULL);
  _pw_flow_tab_editor_update_actions (self);
}

void
_pw_flow_tab_notify_title (PwFlowTab *self)
{
  const char *name = self->flow_name != NULL ? self->flow_name : _("New Flow");
  g_autofree char *title = pw_flow_tab_get_modified (self)
    /* TRANSLATORS: the title of a flow's tab with changes not saved */
    ? g_strdup_printf (_("• %s"), name)
    : g_strdup (name);

  if (g_strcmp0 (title, self->title) == 0)
    return;

  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Recent runs */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
create_run_row (PwFlowRun *run)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *chip = pw_state_chip_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *when = pw_flow_run_get_start_time (run);
  g_autofree char *time = pw_format_time (when != NULL ? when : pw_flow_run_get_expected_start_time (run), now);
  g_autofree char *duration = pw_format_duration (pw_flow_run_elapsed (run, now));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", time, duration);

  pw_state_chip_set_state (PW_STATE_CHIP (chip), pw_flow_run_get_state_type (run),
                           pw_flow_run_get_state_name (run));
  gtk_widget_set_size_request (chip, 120, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), chip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_flow_run_get_name (run));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "flow-run-id", g_strdup (pw_flow_run_get_id (run)), g_free);

  return row;
}

static void
runs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwFlowTab) self = user_data;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;

  runs = pw_backend_list_flow_runs_finish (PW_BACKEND (object), result, &error);
  if (runs == NULL)
    {
      GtkWidget *row;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      clear_list (self->runs_list);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Could not read the runs"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_widget_add_css_class (row, "error");
      gtk_list_box_append (self->runs_list, row);
      return;
    }

  clear_list (self->runs_list);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(PwFlowRun) run = g_list_model_get_item (runs, i);

      gtk_list_box_append (self->runs_list, create_run_row (run));
    }

  if (g_list_model_get_n_items (runs) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No runs yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Press Run to start one"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->runs_list, row);
    }
}

static void
load_runs (PwFlowTab *self)
{
  g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
  const char * const names[] = { self->flow_name, NULL };

  if (self->flow_name == NULL)
    return;

  filter->flow_name_any = g_strdupv ((char **)names);
  pw_backend_list_flow_runs_async (self->backend, filter, PW_FLOW_RUN_SORT_START_TIME_DESC,
                                   RUNS_SHOWN, 0, self->cancellable, runs_cb, g_object_ref (self));
}

static gboolean
runs_refresh_cb (gpointer data)
{
  PwFlowTab *self = data;

  self->runs_refresh_id = 0;
  load_runs (self);
  return G_SOURCE_REMOVE;
}

static void
flow_run_changed_cb (PwFlowTab *self)
{
  if (self->runs_refresh_id == 0 && self->flow != NULL)
    self->runs_refresh_id = g_timeout_add (REFRESH_DELAY_MS, runs_refresh_cb, self);
}

static void
run_row_activated_cb (PwFlowTab     *self,
                      GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "flow-run-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-run", "s", id);
}

/* The flow */

static void
clear_groups (PwFlowTab *self)
{
  for (guint i = 0; i < self->group_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->group_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->group_rows, 0);
}

static void
add_row (PwFlowTab           *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->group_rows, row);
}

void
_pw_flow_tab_show_flow (PwFlowTab *self)
{
  PwFlow *flow = self->flow;
  const char *description = pw_flow_get_description (flow);
  const char * const *tags = pw_flow_get_tags (flow);
  GListModel *parameters = pw_flow_get_parameters (flow);
  GListModel *tasks = pw_flow_get_tasks (flow);
  guint n_tasks = g_list_model_get_n_items (tasks);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *tasks_title = NULL;

  clear_groups (self);

  gtk_label_set_label (self->name_label, pw_flow_get_name (flow));
  gtk_label_set_label (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL && *description != '\0');

  if (self->version > 0)
    g_string_append_printf (details, _("Version %u"), self->version);
  if (details->len > 0)
    g_string_append (details, " · ");
  g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "%u task", "%u tasks", n_tasks), n_tasks);
  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **)tags);

      g_string_append_printf (details, " · %s", joined);
    }
  gtk_label_set_label (self->details_label, details->str);

  for (guint i = 0; i < g_list_model_get_n_items (parameters); i++)
    {
      g_autoptr(PwParameter) parameter = g_list_model_get_item (parameters, i);

      add_row (self, self->parameters_group, pw_flow_rows_create_parameter_row (parameter));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->parameters_group), g_list_model_get_n_items (parameters) > 0);

  tasks_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Task", "%u Tasks", n_tasks), n_tasks);
  adw_preferences_group_set_title (self->tasks_group, tasks_title);
  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(PwTask) task = g_list_model_get_item (tasks, i);

      add_row (self, self->tasks_group, pw_flow_rows_create_task_row (flow, task));
    }
  if (n_tasks == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("This flow has no tasks yet"));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->tasks_group, row);
    }

  _pw_flow_tab_editor_show (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "flow");
}

static void
flow_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwFlowTab) self = user_data;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(GError) error = NULL;

  set_loading (self, FALSE);
  flow = pw_backend_get_flow_finish (PW_BACKEND (object), result, &error);
  if (flow == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* A Prefect server has no flow definitions to show. */
      if (g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED))
        {
          adw_status_page_set_title (self->error_page, _("Defined in Python"));
          adw_status_page_set_description (self->error_page,
                                           _("This is a Prefect server: its flows are Python code, so they "
                                             "cannot be shown or changed here. Their runs are on the Runs page."));
        }
      else
        {
          adw_status_page_set_title (self->error_page, _("Could Not Open the Flow"));
          adw_status_page_set_description (self->error_page, error->message);
        }
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_set_object (&self->flow, flow);
  if (!self->deleted)
    _pw_flow_tab_show_flow (self);
  _pw_flow_tab_update_actions (self);
  load_runs (self);
}

static void
flows_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PwFlowTab) self = user_data;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;
  PwFlowInfo *found = NULL;

  flows = pw_backend_list_flows_finish (PW_BACKEND (object), result, &error);
  if (flows == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_loading (self, FALSE);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (flows) && found == NULL; i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);

      if (g_strcmp0 (pw_flow_info_get_name (info), self->flow_name) == 0)
        found = info;
    }

  if (found == NULL)
    {
      set_loading (self, FALSE);
      if (self->flow != NULL)
        _pw_flow_tab_set_deleted (self, TRUE);
      else
        {
          g_autofree char *message = g_strdup_printf (_("There is no flow named “%s”"), self->flow_name);

          adw_status_page_set_description (self->error_page, message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      return;
    }

  _pw_flow_tab_set_deleted (self, FALSE);

  /* Saving here: the save tells the new version. */
  if (self->saving)
    {
      set_loading (self, FALSE);
      return;
    }

  /* A new version (imported again, saved elsewhere): show it. */
  if (self->flow == NULL || pw_flow_info_get_version (found) != self->version)
    {
      self->version = pw_flow_info_get_version (found);
      set_loading (self, TRUE);
      pw_backend_get_flow_async (self->backend, self->flow_name, self->version, self->cancellable,
                                 flow_cb, g_object_ref (self));
      return;
    }

  set_loading (self, FALSE);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "flow") != 0)
    _pw_flow_tab_show_flow (self);
}

void
_pw_flow_tab_load (PwFlowTab *self)
{
  if (self->flow_name == NULL)
    return;

  if (self->flow == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  /* The library's listing says whether the flow (still) exists and which
   * version is the latest; then the flow itself is read. */
  set_loading (self, TRUE);
  pw_backend_list_flows_async (self->backend, self->flow_name, self->cancellable,
                               flows_cb, g_object_ref (self));
}

static void
flows_changed_cb (PwFlowTab *self)
{
  _pw_flow_tab_load (self);
}

/* Actions */

static void
run_started_cb (PwFlowTab   *self,
                PwFlowRun   *run,
                PwRunDialog *dialog)
{
  g_autofree char *title = g_markup_printf_escaped (_("Started “%s”"), pw_flow_run_get_name (run));
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_View Run"));
  adw_toast_set_action_name (toast, "win.show-run");
  adw_toast_set_action_target (toast, "s", pw_flow_run_get_id (run));
  pw_add_toast (GTK_WIDGET (self), toast);
  load_runs (self);
}

/**
 * pw_flow_tab_run:
 *
 * Opens the Run dialog for the flow (the tab's Run button, Ctrl+R).
 */
void
pw_flow_tab_run (PwFlowTab *self)
{
  GtkRoot *root;
  PwRunDialog *dialog;

  g_return_if_fail (PW_IS_FLOW_TAB (self));

  if (self->flow == NULL || self->flow_name == NULL || self->deleted)
    return;

  if (pw_flow_tab_get_modified (self))
    {
      g_autofree char *message = g_strdup_printf (_("This runs version %u, as last saved: save to run the changes"),
                                                  self->version);

      pw_add_toast (GTK_WIDGET (self), adw_toast_new (message));
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = pw_run_dialog_new (self->backend, self->flow, self->version);
  g_signal_connect_object (dialog, "started", G_CALLBACK (run_started_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  pw_flow_tab_run (PW_FLOW_TAB (widget));
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PwFlowTab) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (pw_backend_export_flow_finish (PW_BACKEND (object), result, &error))
    title = g_markup_printf_escaped (_("Exported “%s”"), self->flow_name);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    title = g_markup_printf_escaped (_("Could not export: %s"), error->message);

  if (title != NULL)
    pw_add_toast (GTK_WIDGET (self), adw_toast_new (title));
}

static void
export_response_cb (PwFlowTab       *self,
                    int              response,
                    GtkNativeDialog *dialog)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->file_chooser);
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    pw_backend_export_flow_async (self->backend, self->flow_name, file, self->cancellable,
                                  export_cb, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwFlowTab *self = PW_FLOW_TAB (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;

  if (self->file_chooser != NULL || self->flow_name == NULL)
    return;

  self->file_chooser = gtk_file_chooser_native_new (_("Export Flow"),
                                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  name = g_strdup_printf ("%s.flow.json", self->flow_name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);
  g_signal_connect_object (self->file_chooser, "response", G_CALLBACK (export_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwFlowTab *self = PW_FLOW_TAB (widget);

  if (self->flow_name != NULL)
    g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE_REQUESTED], 0);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pw_flow_tab_reload (PW_FLOW_TAB (widget));
}

static void
show_runs_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwFlowTab *self = PW_FLOW_TAB (widget);

  if (self->flow_name != NULL)
    gtk_widget_activate_action (widget, "win.show-flow-runs", "s", self->flow_name);
}

void
_pw_flow_tab_saved_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PwFlowTab) self = user_data;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gboolean creating = self->flow_name == NULL;

  info = pw_backend_save_flow_finish (PW_BACKEND (object), result, &error);
  if (info == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (creating)
        {
          gtk_label_set_label (self->new_error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->new_error_label), TRUE);
        }
      else
        {
          message = g_markup_printf_escaped (_("Could not restore: %s"), error->message);
          pw_add_toast (GTK_WIDGET (self), adw_toast_new (message));
        }
      return;
    }

  if (creating)
    {
      self->flow_name = g_strdup (pw_flow_info_get_name (info));
      _pw_flow_tab_notify_title (self);
    }

  g_clear_object (&self->flow);
  self->version = 0;
  _pw_flow_tab_set_deleted (self, FALSE);
  _pw_flow_tab_update_actions (self);
  _pw_flow_tab_load (self);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PwFlowTab *self = PW_FLOW_TAB (widget);

  if (self->flow != NULL)
    pw_backend_save_flow_async (self->backend, self->flow, self->cancellable,
                                _pw_flow_tab_saved_cb, g_object_ref (self));
}

/* API */

static PwFlowTab *
create (PwBackend  *backend,
        const char *flow_name)
{
  PwFlowTab *self = g_object_new (PW_TYPE_FLOW_TAB, NULL);

  self->backend = g_object_ref (backend);
  self->flow_name = g_strdup (flow_name);

  g_signal_connect_object (backend, "flows-changed", G_CALLBACK (flows_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (backend, "flow-run-changed", G_CALLBACK (flow_run_changed_cb), self, G_CONNECT_SWAPPED);
  _pw_flow_tab_editor_init (self);
  _pw_flow_tab_update_actions (self);
  _pw_flow_tab_notify_title (self);

  return self;
}

/**
 * pw_flow_tab_new:
 * @flow_name: the flow to show
 *
 * Returns: (transfer floating): a tab that reads the flow and follows it
 */
PwFlowTab *
pw_flow_tab_new (PwBackend  *backend,
                 const char *flow_name)
{
  PwFlowTab *self;

  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (flow_name != NULL, NULL);

  self = create (backend, flow_name);
  _pw_flow_tab_load (self);
  return self;
}

/**
 * pw_flow_tab_new_empty:
 *
 * Returns: (transfer floating): the tab of a new flow, not saved yet
 */
PwFlowTab *
pw_flow_tab_new_empty (PwBackend *backend)
{
  PwFlowTab *self;

  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);

  self = create (backend, NULL);
  gtk_stack_set_visible_child_name (self->stack, "new");
  _pw_flow_tab_new_name_changed_cb (self);
  return self;
}

/**
 * pw_flow_tab_get_flow_name:
 *
 * Returns: (nullable): the flow's name, %NULL for a new flow not saved yet
 */
const char *
pw_flow_tab_get_flow_name (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return self->flow_name;
}

/**
 * pw_flow_tab_get_title:
 *
 * Returns: what the tab is called
 */
const char *
pw_flow_tab_get_title (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return self->title != NULL ? self->title : _("New Flow");
}

/**
 * pw_flow_tab_get_flow:
 *
 * Returns: (transfer none) (nullable): the flow as last saved, once read
 *   (pw_flow_tab_get_edited_flow() is the canvas's)
 */
PwFlow *
pw_flow_tab_get_flow (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return self->flow;
}

guint
pw_flow_tab_get_version (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), 0);
  return self->version;
}

/**
 * pw_flow_tab_get_deleted:
 *
 * Returns: whether the flow was deleted while the tab was open
 */
gboolean
pw_flow_tab_get_deleted (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), FALSE);
  return self->deleted;
}

gboolean
pw_flow_tab_get_loading (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), FALSE);
  return self->loading;
}

/**
 * pw_flow_tab_get_view:
 *
 * Returns: “loading”, “error”, “deleted”, “new” or “flow”
 */
const char *
pw_flow_tab_get_view (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkListBox *
pw_flow_tab_get_runs_list (PwFlowTab *self)
{
  g_return_val_if_fail (PW_IS_FLOW_TAB (self), NULL);
  return self->runs_list;
}

void
pw_flow_tab_reload (PwFlowTab *self)
{
  g_return_if_fail (PW_IS_FLOW_TAB (self));

  g_clear_object (&self->flow);
  self->version = 0;
  _pw_flow_tab_load (self);
}

/* GObject */

static void
pw_flow_tab_dispose (GObject *object)
{
  PwFlowTab *self = (PwFlowTab *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->runs_refresh_id, g_source_remove);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
  _pw_flow_tab_editor_dispose (self);

  /* The bin's child is a template child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_FLOW_TAB);

  g_clear_object (&self->flow);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (pw_flow_tab_parent_class)->dispose (object);
}

static void
pw_flow_tab_finalize (GObject *object)
{
  PwFlowTab *self = (PwFlowTab *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->group_rows, g_ptr_array_unref);
  g_clear_pointer (&self->flow_name, g_free);

  G_OBJECT_CLASS (pw_flow_tab_parent_class)->finalize (object);
}

static void
pw_flow_tab_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwFlowTab *self = PW_FLOW_TAB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, pw_flow_tab_get_title (self));
      break;

    case PROP_DELETED:
      g_value_set_boolean (value, self->deleted);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flow_tab_class_init (PwFlowTabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_flow_tab_dispose;
  object_class->finalize = pw_flow_tab_finalize;
  object_class->get_property = pw_flow_tab_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwFlowTab::close-requested:
   *
   * The user asked to close the tab.
   */
  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PwFlowTab::delete-requested:
   *
   * The user asked to delete the flow (which the Flows page does, with
   * a chance to undo).
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-flow-tab.ui");
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, stack);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, error_page);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, name_row);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, description_row);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, new_error_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, name_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, description_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, details_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, runs_list);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, parameters_group);
  gtk_widget_class_bind_template_child (widget_class, PwFlowTab, tasks_group);
  gtk_widget_class_bind_template_callback (widget_class, run_row_activated_cb);
  _pw_flow_tab_editor_class_init (widget_class);
  gtk_widget_class_bind_template_callback_full (widget_class, "new_name_changed_cb",
                                                G_CALLBACK (_pw_flow_tab_new_name_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "new_activated_cb",
                                                G_CALLBACK (_pw_flow_tab_new_activated_cb));

  gtk_widget_class_install_action (widget_class, "tab.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "tab.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "tab.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "tab.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "tab.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "tab.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "tab.create", NULL, _pw_flow_tab_create_action);
  gtk_widget_class_install_action (widget_class, "tab.show-runs", NULL, show_runs_action);
}

static void
pw_flow_tab_init (PwFlowTab *self)
{
  self->cancellable = g_cancellable_new ();
  self->group_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
