/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-task-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-info.h"
#include "pw-task-pane-private.h"

/*
 * PwTaskPane: the properties of the task selected on the canvas, in a
 * narrow scrollable sidebar. Every edit becomes a command on the canvas's
 * undo stack (pw-task-pane-edit.c); whatever changes the task (undo, redo,
 * the canvas, the pane itself) comes back here through the task's
 * notifications, and the widgets are set from the task with their change
 * handlers muted (`syncing`), so that showing a value never edits it.
 *
 * Problems are shown where they are (pw-task-pane-problems.c).
 */

G_DEFINE_FINAL_TYPE (PwTaskPane, pw_task_pane, ADW_TYPE_BIN)

static void load_flows (PwTaskPane *self);

/* Setting widgets from the task ------------------------------------------ */

static void
show_text (gpointer    editable,
           const char *text)
{
  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
show_buffer (GtkTextView *view,
             const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (shown, text != NULL ? text : "") != 0)
    gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
}

static void
show_spin (GtkSpinButton *spin,
           double         value)
{
  if (gtk_spin_button_get_value (spin) != value)
    gtk_spin_button_set_value (spin, value);
}

static void
show_selected (AdwComboRow *row,
               guint        position)
{
  if (adw_combo_row_get_selected (row) != position)
    adw_combo_row_set_selected (row, position);
}

static void
show_method (PwTaskPane *self,
             const char *method)
{
  GtkStringList *model = GTK_STRING_LIST (adw_combo_row_get_model (self->method_row));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (model, i), method))
      {
        show_selected (self->method_row, i);
        return;
      }

  /* A method from a file that is none of the usual ones: show it as it
   * is (validation says what is wrong with it). */
  gtk_string_list_append (model, method);
  show_selected (self->method_row, n);
}

static void
show_tags (PwTaskPane         *self,
           const char * const *tags)
{
  g_auto(GStrv) shown = _pw_task_pane_parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  g_autofree char *text = NULL;

  /* "a, b," while typing is still the tags a and b: leave it. */
  if (g_strv_equal ((const char * const *) shown, tags))
    return;

  text = g_strjoinv (", ", (char **) tags);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), text);
}

static void
show_parameters (PwTaskPane *self,
                 JsonNode   *parameters)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->parameters_row));
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *json = NULL;

  /* Text being typed that is not an object yet stays until it is. */
  if (gtk_widget_has_css_class (GTK_WIDGET (self->parameters_row), "pw-unparsed"))
    return;

  if (text[0] != '\0')
    shown = json_from_string (text, NULL);
  if ((shown == NULL && parameters == NULL && text[0] == '\0') ||
      (shown != NULL && parameters != NULL && json_node_equal (shown, parameters)))
    return;

  json = parameters != NULL ? json_to_string (parameters, FALSE) : NULL;
  show_text (self->parameters_row, json);
}

/* "Attempts after a failure (flow default: 2)" */
static void
show_inherited (AdwActionRow *row,
                const char   *what,
                int           flow_default)
{
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: a row subtitle, "Attempts after a failure (flow default: 2)" */
  subtitle = g_strdup_printf (_("%s (flow default: %d)"), what, flow_default);
  adw_action_row_set_subtitle (row, subtitle);
}

static void
show_kind (PwTaskPane *self,
           PwTaskKind  kind)
{
  gboolean process = kind == PW_TASK_KIND_COMMAND || kind == PW_TASK_KIND_SHELL;

  show_selected (self->kind_row, kind);
  gtk_widget_set_visible (GTK_WIDGET (self->command_group), kind == PW_TASK_KIND_COMMAND);
  gtk_widget_set_visible (GTK_WIDGET (self->shell_group), kind == PW_TASK_KIND_SHELL);
  gtk_widget_set_visible (GTK_WIDGET (self->http_group), kind == PW_TASK_KIND_HTTP);
  gtk_widget_set_visible (GTK_WIDGET (self->headers_group), kind == PW_TASK_KIND_HTTP);
  gtk_widget_set_visible (GTK_WIDGET (self->body_group), kind == PW_TASK_KIND_HTTP);
  gtk_widget_set_visible (GTK_WIDGET (self->subflow_group), kind == PW_TASK_KIND_SUBFLOW);
  gtk_widget_set_visible (GTK_WIDGET (self->noop_group), kind == PW_TASK_KIND_NOOP);
  gtk_widget_set_visible (GTK_WIDGET (self->env_group), process);

  /* The flows may have changed since they were listed. */
  if (kind == PW_TASK_KIND_SUBFLOW && !self->flows_loaded)
    {
      self->flows_loaded = TRUE;
      load_flows (self);
    }
  else if (kind != PW_TASK_KIND_SUBFLOW)
    self->flows_loaded = FALSE;
}

/* Sets every widget from the task, with their change handlers muted;
 * @with_key is FALSE when another member
 * changed, so that a key being typed (not applied yet) is left alone. */
void
_pw_task_pane_sync (PwTaskPane *self,
                    gboolean    with_key)
{
  PwTask *task = self->task;
  gboolean caching;

  if (task == NULL)
    return;

  self->syncing++;

  if (with_key)
    {
      /* Set while the row has the focus, the key would look typed and
       * waiting to be applied. */
      adw_entry_row_set_show_apply_button (self->key_row, FALSE);
      show_text (self->key_row, pw_task_get_key (task));
      adw_entry_row_set_show_apply_button (self->key_row, self->editable);
      _pw_task_pane_show_key_error (self, NULL);
    }
  show_text (self->name_row, pw_task_get_name (task));
  show_kind (self, pw_task_get_kind (task));

  pw_argv_editor_set_argv (self->argv_editor, pw_task_get_command (task));
  show_buffer (self->script_view, pw_task_get_script (task));
  show_method (self, pw_task_get_method (task));
  show_text (self->url_row, pw_task_get_url (task));
  pw_key_value_editor_set_pairs (self->headers_editor, pw_task_get_headers (task));
  show_buffer (self->body_view, pw_task_get_body (task));
  show_text (self->flow_row, pw_task_get_flow_name (task));
  show_parameters (self, pw_task_get_parameters (task));
  show_text (self->workdir_row, pw_task_get_workdir (task));
  pw_key_value_editor_set_pairs (self->env_editor, pw_task_get_env (task));

  show_selected (self->trigger_row, pw_task_get_trigger (task));
  show_spin (self->timeout_spin, pw_task_get_timeout_seconds (task));
  show_text (self->map_row, pw_task_get_map (task));
  show_tags (self, pw_task_get_tags (task));

  show_spin (self->retries_spin, pw_task_get_retries (task));
  show_spin (self->delay_spin, pw_task_get_retry_delay_seconds (task));
  show_spin (self->backoff_spin, pw_task_get_retry_backoff (task));
  show_spin (self->jitter_spin, pw_task_get_retry_jitter (task));

  caching = pw_task_get_cache_policy (task) == PW_CACHE_POLICY_INPUTS;
  if (gtk_switch_get_active (self->cache_switch) != caching)
    gtk_switch_set_active (self->cache_switch, caching);
  show_spin (self->expiration_spin, pw_task_get_cache_expiration_seconds (task));
  gtk_widget_set_visible (GTK_WIDGET (self->expiration_row), caching);

  if (self->flow != NULL)
    {
      show_inherited (self->retries_row, _("Attempts after a failure"),
                      pw_flow_get_default_retries (self->flow));
      show_inherited (self->delay_row, _("Seconds"),
                      pw_flow_get_default_retry_delay_seconds (self->flow));
      if (pw_flow_get_default_timeout_seconds (self->flow) == PW_TASK_NO_TIMEOUT)
        adw_action_row_set_subtitle (self->timeout_row, _("Seconds (flow default: none)"));
      else
        show_inherited (self->timeout_row, _("Seconds"),
                        pw_flow_get_default_timeout_seconds (self->flow));
    }

  self->syncing--;
}

static void
on_task_notify (PwTask     *task,
                GParamSpec *pspec,
                PwTaskPane *self)
{
  /* Moving a task on the canvas changes nothing shown here. */
  if (g_str_equal (pspec->name, "x") || g_str_equal (pspec->name, "y"))
    return;

  /* The parameters changed elsewhere (undo): they replace what did not
   * parse. */
  if (g_str_equal (pspec->name, "parameters"))
    gtk_widget_remove_css_class (GTK_WIDGET (self->parameters_row), "pw-unparsed");

  _pw_task_pane_sync (self, g_str_equal (pspec->name, "key"));
  _pw_task_pane_queue_validate (self);
}

static void
on_undo_applied (PwDagUndo  *undo,
                 PwTaskPane *self)
{
  if (!self->executing)
    _pw_task_pane_forget_burst (self);
  /* The flow's defaults may have changed (the flow pane). */
  _pw_task_pane_sync (self, FALSE);
  _pw_task_pane_queue_validate (self);
}

static void
on_undo_can_undo (PwDagUndo  *undo,
                  GParamSpec *pspec,
                  PwTaskPane *self)
{
  /* Cleared (the flow was replaced or saved elsewhere): the command of
   * the burst is gone. */
  if (!self->executing)
    _pw_task_pane_forget_burst (self);
}

/* Sub-flows ---------------------------------------------------------------- */

static void
on_flows_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PwTaskPane) self = user_data;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  const char *own = self->flow != NULL ? pw_flow_get_name (self->flow) : NULL;
  guint n;

  flows = pw_backend_list_flows_finish (PW_BACKEND (source), result, &error);
  if (flows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the flows for the sub-flow picker: %s", error->message);
      return;
    }

  /* Disposed meanwhile: the widgets are gone. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  n = g_list_model_get_n_items (flows);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);
      const char *name = pw_flow_info_get_name (info);
      g_autoptr(GMenuItem) item = NULL;

      /* A flow cannot run itself. */
      if (g_strcmp0 (name, own) == 0)
        continue;
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target (item, "pane.pick-flow", "s", name);
      g_menu_append_item (menu, item);
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No other flows"), "pane.none");

      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->flows_button, G_MENU_MODEL (menu));
}

static void
load_flows (PwTaskPane *self)
{
  if (self->backend == NULL)
    return;

  pw_backend_list_flows_async (self->backend, NULL, self->cancellable,
                               on_flows_listed, g_object_ref (self));
}

static void
pick_flow_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwTaskPane *self = PW_TASK_PANE (widget);

  if (!self->editable)
    return;

  _pw_task_pane_seal_burst (self);
  gtk_editable_set_text (GTK_EDITABLE (self->flow_row), g_variant_get_string (parameter, NULL));
  _pw_task_pane_seal_burst (self);
}

/* Editable or not --------------------------------------------------------- */

static void
apply_editable (PwTaskPane *self)
{
  gboolean editable = self->editable;
  GtkEditable *entries[] = {
    GTK_EDITABLE (self->key_row), GTK_EDITABLE (self->name_row), GTK_EDITABLE (self->url_row),
    GTK_EDITABLE (self->flow_row), GTK_EDITABLE (self->parameters_row),
    GTK_EDITABLE (self->workdir_row), GTK_EDITABLE (self->map_row), GTK_EDITABLE (self->tags_row),
  };
  GtkWidget *controls[] = {
    GTK_WIDGET (self->kind_row), GTK_WIDGET (self->method_row), GTK_WIDGET (self->trigger_row),
    GTK_WIDGET (self->timeout_spin), GTK_WIDGET (self->retries_spin),
    GTK_WIDGET (self->delay_spin), GTK_WIDGET (self->backoff_spin),
    GTK_WIDGET (self->jitter_spin), GTK_WIDGET (self->cache_switch),
    GTK_WIDGET (self->expiration_spin),
  };

  /* Text stays selectable (to copy it); choices are greyed out. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_editable (entries[i], editable);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_sensitive (controls[i], editable);
  gtk_text_view_set_editable (self->script_view, editable);
  gtk_text_view_set_editable (self->body_view, editable);
  adw_entry_row_set_show_apply_button (self->key_row, editable);
  pw_argv_editor_set_editable (self->argv_editor, editable);
  pw_key_value_editor_set_editable (self->headers_editor, editable);
  pw_key_value_editor_set_editable (self->env_editor, editable);
  gtk_widget_set_visible (GTK_WIDGET (self->flows_button), editable && self->backend != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.pick-flow", editable);
}

/* Object ----------------------------------------------------------------- */

static void
disconnect_all (PwTaskPane *self)
{
  if (self->task != NULL)
    g_signal_handlers_disconnect_by_data (self->task, self);
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);
}

static void
pw_task_pane_dispose (GObject *object)
{
  PwTaskPane *self = (PwTaskPane *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  _pw_task_pane_forget_burst (self);
  disconnect_all (self);
  g_clear_object (&self->task);
  g_clear_object (&self->undo);
  g_clear_object (&self->flow);
  g_clear_object (&self->backend);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->flagged, g_ptr_array_unref);
  g_clear_pointer (&self->group_errors, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_TASK_PANE);

  G_OBJECT_CLASS (pw_task_pane_parent_class)->dispose (object);
}

static void
pw_task_pane_class_init (PwTaskPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_task_pane_dispose;

  g_type_ensure (PW_TYPE_ARGV_EDITOR);
  g_type_ensure (PW_TYPE_KEY_VALUE_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pipewright/Pipewright/panes/pw-task-pane.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwTaskPane, name)
  BIND (scroller);
  BIND (content);
  BIND (identity_group);
  BIND (key_row);
  BIND (name_row);
  BIND (kind_row);
  BIND (command_group);
  BIND (argv_editor);
  BIND (shell_group);
  BIND (script_view);
  BIND (http_group);
  BIND (method_row);
  BIND (url_row);
  BIND (headers_group);
  BIND (headers_editor);
  BIND (body_group);
  BIND (body_view);
  BIND (subflow_group);
  BIND (flow_row);
  BIND (flows_button);
  BIND (parameters_row);
  BIND (noop_group);
  BIND (env_group);
  BIND (workdir_row);
  BIND (env_editor);
  BIND (run_group);
  BIND (trigger_row);
  BIND (timeout_row);
  BIND (timeout_spin);
  BIND (map_row);
  BIND (tags_row);
  BIND (retry_group);
  BIND (retries_row);
  BIND (retries_spin);
  BIND (delay_row);
  BIND (delay_spin);
  BIND (backoff_row);
  BIND (backoff_spin);
  BIND (jitter_row);
  BIND (jitter_spin);
  BIND (cache_group);
  BIND (cache_row);
  BIND (cache_switch);
  BIND (expiration_row);
  BIND (expiration_spin);
#undef BIND

  gtk_widget_class_install_action (widget_class, "pane.pick-flow", "s", pick_flow_action);
}

static void
pw_task_pane_init (PwTaskPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin unparents its own child. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->editable = TRUE;
  self->cancellable = g_cancellable_new ();
  self->flagged = g_ptr_array_new_with_free_func (g_object_unref);
  self->group_errors = g_hash_table_new (NULL, NULL);

  _pw_task_pane_init_problems (self);

  _pw_task_pane_connect_editors (self);
  apply_editable (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * pw_task_pane_new:
 *
 * Returns: (transfer floating): a new pane, showing no task
 */
GtkWidget *
pw_task_pane_new (void)
{
  return g_object_new (PW_TYPE_TASK_PANE, NULL);
}

/**
 * pw_task_pane_set_backend:
 * @backend: (nullable): where the flows a sub-flow task can run are
 *   listed; without one, the flow is typed in
 */
void
pw_task_pane_set_backend (PwTaskPane *self,
                          PwBackend  *backend)
{
  g_return_if_fail (PW_IS_TASK_PANE (self));
  g_return_if_fail (backend == NULL || PW_IS_BACKEND (backend));

  if (!g_set_object (&self->backend, backend))
    return;

  gtk_menu_button_set_menu_model (self->flows_button, NULL);
  apply_editable (self);
  load_flows (self);
}

/**
 * pw_task_pane_set_task:
 * @flow: (nullable): the flow @task belongs to
 * @task: (nullable): the task to edit, or %NULL when none is selected
 * @undo: (nullable): the undo stack of @flow, which every edit goes
 *   through; without one the task is only shown
 *
 * Shows @task and follows its changes until another task is set.
 */
void
pw_task_pane_set_task (PwTaskPane *self,
                       PwFlow     *flow,
                       PwTask     *task,
                       PwDagUndo  *undo)
{
  g_return_if_fail (PW_IS_TASK_PANE (self));
  g_return_if_fail (flow == NULL || PW_IS_FLOW (flow));
  g_return_if_fail (task == NULL || PW_IS_TASK (task));
  g_return_if_fail (undo == NULL || PW_IS_DAG_UNDO (undo));
  g_return_if_fail (task == NULL || flow != NULL);

  /* What was typed into the previous task is an undo step of its own. */
  _pw_task_pane_seal_burst (self);
  disconnect_all (self);

  if (task == NULL)
    flow = NULL, undo = NULL;
  g_set_object (&self->flow, flow);
  g_set_object (&self->task, task);
  g_set_object (&self->undo, undo);

  gtk_widget_remove_css_class (GTK_WIDGET (self->parameters_row), "pw-unparsed");
  _pw_task_pane_clear_problems (self);

  if (task == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_signal_connect (task, "notify", G_CALLBACK (on_task_notify), self);
  if (undo != NULL)
    {
      g_signal_connect (undo, "applied", G_CALLBACK (on_undo_applied), self);
      g_signal_connect (undo, "notify::can-undo", G_CALLBACK (on_undo_can_undo), self);
    }

  self->flows_loaded = FALSE;
  _pw_task_pane_sync (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "task");
  _pw_task_pane_queue_validate (self);
}

/**
 * pw_task_pane_get_task:
 *
 * Returns: (transfer none) (nullable): the task shown
 */
PwTask *
pw_task_pane_get_task (PwTaskPane *self)
{
  g_return_val_if_fail (PW_IS_TASK_PANE (self), NULL);
  return self->task;
}

/**
 * pw_task_pane_set_editable:
 * @editable: %FALSE to show the task read-only (a flow of a remote
 *   server, which the app does not edit)
 */
void
pw_task_pane_set_editable (PwTaskPane *self,
                           gboolean    editable)
{
  g_return_if_fail (PW_IS_TASK_PANE (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  _pw_task_pane_seal_burst (self);
  self->editable = editable;
  apply_editable (self);
}
