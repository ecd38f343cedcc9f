/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-pane-private.h"

/*
 * PwFlowPane: the flow's properties beside the canvas, when no task is
 * selected: name, description, tags; the task runner and the defaults
 * for tasks; typed parameters with defaults; notification rules.
 *
 * Every edit is a command on the canvas's PwDagUndo (typing in a row is
 * one step, see pw_dag_command_set_mergeable()), so that Ctrl+Z undoes it
 * wherever it was made. The widgets follow the flow: when undo or redo
 * changes it, they show the new values. While they do (self->updating)
 * their change handlers do nothing, and a widget whose text already means
 * the flow's value is left alone, so that the cursor stays where it is
 * while typing. A value that cannot be applied (a default that is not of
 * the parameter's type, an unknown state) is not: the row turns red and
 * says why, and the flow keeps its last good value.
 */

G_DEFINE_FINAL_TYPE (PwFlowPane, pw_flow_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers shared with the lists */

void
_pw_flow_pane_execute (PwFlowPane   *self,
                       PwDagCommand *command)
{
  if (self->undo == NULL || !self->editable)
    {
      pw_dag_command_free (command);
      return;
    }

  pw_dag_undo_execute (self->undo, command);
}

void
_pw_flow_pane_set_error (PwFlowPane *self,
                         const char *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
}

/**
 * _pw_flow_pane_split_list:
 *
 * Returns: (transfer full): the comma-separated words of @text, trimmed,
 *   without empty ones
 */
char **
_pw_flow_pane_split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty);
}

static void
set_property_from_widget (PwFlowPane   *self,
                          const char   *property,
                          const GValue *value)
{
  PwDagCommand *command;

  if (self->updating > 0 || self->flow == NULL)
    return;

  command = pw_dag_command_set_property (self->flow, property, value);
  pw_dag_command_set_mergeable (command, TRUE);
  _pw_flow_pane_execute (self, command);
}

/* Following the flow */

static void
set_text_if_different (AdwEntryRow *row,
                       const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
set_spin (GtkSpinButton *spin,
          int            value)
{
  if ((int) gtk_spin_button_get_value (spin) != value)
    gtk_spin_button_set_value (spin, value);
}

static void
sync_general (PwFlowPane *self)
{
  const char * const *tags;
  g_auto(GStrv) typed_tags = NULL;

  if (self->flow == NULL)
    return;

  self->updating++;

  set_text_if_different (self->name_row, pw_flow_get_name (self->flow));
  set_text_if_different (self->description_row, pw_flow_get_description (self->flow));

  /* "a,b" and "a, b" are the same tags: keep what was typed. */
  tags = pw_flow_get_tags (self->flow);
  typed_tags = _pw_flow_pane_split_list (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  if (!strv_equal ((const char * const *) typed_tags, tags))
    {
      g_autofree char *joined = tags != NULL ? g_strjoinv (", ", (char **) tags) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (self->tags_row), joined);
    }

  if (adw_combo_row_get_selected (self->runner_row) != (guint) pw_flow_get_task_runner_kind (self->flow))
    adw_combo_row_set_selected (self->runner_row, pw_flow_get_task_runner_kind (self->flow));
  set_spin (self->workers_spin, pw_flow_get_max_workers (self->flow));
  set_spin (self->retries_spin, pw_flow_get_default_retries (self->flow));
  set_spin (self->retry_delay_spin, pw_flow_get_default_retry_delay_seconds (self->flow));
  set_spin (self->timeout_spin, pw_flow_get_default_timeout_seconds (self->flow));
  gtk_widget_set_sensitive (GTK_WIDGET (self->workers_spin),
                            self->editable && pw_flow_get_task_runner_kind (self->flow) == PW_TASK_RUNNER_KIND_CONCURRENT);

  self->updating--;
}

static void
flow_notify_cb (PwFlowPane *self,
                GParamSpec *pspec,
                PwFlow     *flow)
{
  sync_general (self);
}

/* Edits */

static void
string_changed (PwFlowPane  *self,
                const char  *property,
                AdwEntryRow *row)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  g_value_init (&value, G_TYPE_STRING);
  /* An empty description is no description. */
  g_value_set_string (&value, *text != '\0' || row == self->name_row ? text : NULL);
  set_property_from_widget (self, property, &value);
}

static void
name_changed_cb (PwFlowPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (*text == '\0' || strchr (text, '/') != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  string_changed (self, "name", self->name_row);
}

static void
description_changed_cb (PwFlowPane *self)
{
  string_changed (self, "description", self->description_row);
}

static void
tags_changed_cb (PwFlowPane *self)
{
  g_auto(GStrv) tags = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->updating > 0 || self->flow == NULL)
    return;

  tags = _pw_flow_pane_split_list (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  if (strv_equal ((const char * const *) tags, pw_flow_get_tags (self->flow)))
    return;

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, tags);
  set_property_from_widget (self, "tags", &value);
}

static void
runner_changed_cb (PwFlowPane *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  guint selected = adw_combo_row_get_selected (self->runner_row);

  if (selected == GTK_INVALID_LIST_POSITION || self->flow == NULL ||
      selected == (guint) pw_flow_get_task_runner_kind (self->flow))
    return;

  g_value_init (&value, PW_TYPE_TASK_RUNNER_KIND);
  g_value_set_enum (&value, selected);
  set_property_from_widget (self, "task-runner-kind", &value);
}

static void
spin_changed_cb (PwFlowPane    *self,
                 GtkSpinButton *spin)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *property;

  if (spin == self->workers_spin)
    property = "max-workers";
  else if (spin == self->retries_spin)
    property = "default-retries";
  else if (spin == self->retry_delay_spin)
    property = "default-retry-delay-seconds";
  else
    property = "default-timeout-seconds";

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, gtk_spin_button_get_value_as_int (spin));
  set_property_from_widget (self, property, &value);
}

/* API */

/**
 * pw_flow_pane_new:
 *
 * Returns: (transfer floating): a pane showing no flow
 */
GtkWidget *
pw_flow_pane_new (void)
{
  return g_object_new (PW_TYPE_FLOW_PANE, NULL);
}

static void
unbind (PwFlowPane *self)
{
  if (self->flow != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->flow, self);
      g_clear_signal_handler (&self->parameters_changed_id, pw_flow_get_parameters (self->flow));
      g_clear_signal_handler (&self->notifications_changed_id, pw_flow_get_notifications (self->flow));
    }
  _pw_flow_pane_clear_lists (self);
  g_clear_object (&self->flow);
  g_clear_object (&self->undo);
}

/**
 * pw_flow_pane_set_flow:
 * @flow: (nullable): the flow to show
 * @undo: (nullable): where edits go (the canvas's, pw_dag_canvas_get_undo())
 *
 * Shows @flow; edits become steps of @undo. Without @undo the pane only
 * shows the flow.
 */
void
pw_flow_pane_set_flow (PwFlowPane *self,
                       PwFlow     *flow,
                       PwDagUndo  *undo)
{
  g_return_if_fail (PW_IS_FLOW_PANE (self));
  g_return_if_fail (flow == NULL || PW_IS_FLOW (flow));
  g_return_if_fail (undo == NULL || PW_IS_DAG_UNDO (undo));

  if (self->flow == flow && self->undo == undo)
    return;

  unbind (self);
  if (flow == NULL)
    return;

  self->flow = g_object_ref (flow);
  self->undo = undo != NULL ? g_object_ref (undo) : NULL;
  g_signal_connect_object (flow, "notify", G_CALLBACK (flow_notify_cb), self, G_CONNECT_SWAPPED);
  self->parameters_changed_id =
    g_signal_connect_swapped (pw_flow_get_parameters (flow), "items-changed",
                              G_CALLBACK (_pw_flow_pane_rebuild_parameters), self);
  self->notifications_changed_id =
    g_signal_connect_swapped (pw_flow_get_notifications (flow), "items-changed",
                              G_CALLBACK (_pw_flow_pane_rebuild_notifications), self);

  sync_general (self);
  _pw_flow_pane_rebuild_parameters (self);
  _pw_flow_pane_rebuild_notifications (self);
}

/**
 * pw_flow_pane_get_flow:
 *
 * Returns: (transfer none) (nullable): the flow shown
 */
PwFlow *
pw_flow_pane_get_flow (PwFlowPane *self)
{
  g_return_val_if_fail (PW_IS_FLOW_PANE (self), NULL);
  return self->flow;
}

/**
 * pw_flow_pane_set_editable:
 *
 * Whether the flow can be changed here (not on a server that keeps flows
 * in Python): read-only, the pane shows the same, without the buttons.
 */
void
pw_flow_pane_set_editable (PwFlowPane *self,
                           gboolean    editable)
{
  AdwEntryRow *entries[] = { self->name_row, self->description_row, self->tags_row };
  GtkWidget *inputs[] = {
    GTK_WIDGET (self->runner_row), GTK_WIDGET (self->retries_spin),
    GTK_WIDGET (self->retry_delay_spin), GTK_WIDGET (self->timeout_spin),
  };

  g_return_if_fail (PW_IS_FLOW_PANE (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_editable (GTK_EDITABLE (entries[i]), editable);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    gtk_widget_set_sensitive (inputs[i], editable);
  gtk_widget_set_visible (self->add_parameter_button, editable);
  gtk_widget_set_visible (self->add_notification_button, editable);
  sync_general (self);
  _pw_flow_pane_lists_set_editable (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

gboolean
pw_flow_pane_get_editable (PwFlowPane *self)
{
  g_return_val_if_fail (PW_IS_FLOW_PANE (self), FALSE);
  return self->editable;
}

/**
 * pw_flow_pane_get_error:
 *
 * Returns: (nullable): the inline error shown last (for tests), %NULL
 *   when the last value typed was fine
 */
const char *
pw_flow_pane_get_error (PwFlowPane *self)
{
  g_return_val_if_fail (PW_IS_FLOW_PANE (self), NULL);
  return self->error;
}

/* GObject */

static void
pw_flow_pane_dispose (GObject *object)
{
  PwFlowPane *self = (PwFlowPane *)object;

  unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_FLOW_PANE);

  G_OBJECT_CLASS (pw_flow_pane_parent_class)->dispose (object);
}

static void
pw_flow_pane_finalize (GObject *object)
{
  PwFlowPane *self = (PwFlowPane *)object;

  g_clear_pointer (&self->parameter_rows, g_ptr_array_unref);
  g_clear_pointer (&self->notification_rows, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (pw_flow_pane_parent_class)->finalize (object);
}

static void
pw_flow_pane_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwFlowPane *self = PW_FLOW_PANE (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flow_pane_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwFlowPane *self = PW_FLOW_PANE (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      pw_flow_pane_set_editable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flow_pane_class_init (PwFlowPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_flow_pane_dispose;
  object_class->finalize = pw_flow_pane_finalize;
  object_class->get_property = pw_flow_pane_get_property;
  object_class->set_property = pw_flow_pane_set_property;

  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pipewright/Pipewright/panes/pw-flow-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, name_row);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, description_row);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, tags_row);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, runner_row);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, retries_spin);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, retry_delay_spin);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, parameters_group);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, notifications_group);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, add_parameter_button);
  gtk_widget_class_bind_template_child (widget_class, PwFlowPane, add_notification_button);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, description_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tags_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, runner_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pw_flow_pane_add_parameter);
  gtk_widget_class_bind_template_callback (widget_class, pw_flow_pane_add_notification);

  gtk_widget_class_set_css_name (widget_class, "flowpane");
}

static void
pw_flow_pane_init (PwFlowPane *self)
{
  self->editable = TRUE;
  self->parameter_rows = g_ptr_array_new ();
  self->notification_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
