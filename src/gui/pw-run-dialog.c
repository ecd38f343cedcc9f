/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-run-dialog"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-run-dialog.h"

/*
 * PwRunDialog: runs a flow, asking for its parameters first: a row per
 * parameter, typed (a switch for a bool, an entry checked as you type for
 * the rest), filled with the defaults. A value that does not fit its type
 * marks its row and says why, and Run waits until every value fits. Emits
 * ::started with the new run.
 */


typedef struct
{
  PwParameter *parameter;
  GtkWidget   *row;
  GtkWidget   *input;     /* GtkEntry or GtkSwitch */
  char        *error;
} Field;

struct _PwRunDialog
{
  AdwWindow            parent_instance;

  /* template children */
  AdwWindowTitle      *window_title;
  GtkWidget           *run_button;
  AdwPreferencesGroup *parameters_group;
  GtkLabel            *error_label;

  PwBackend           *backend;
  PwFlow              *flow;
  guint                version;
  GPtrArray           *fields;
  GCancellable        *cancellable;
  gboolean             running;
};

G_DEFINE_FINAL_TYPE (PwRunDialog, pw_run_dialog, ADW_TYPE_WINDOW)

enum {
  STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_free (Field *field)
{
  g_clear_object (&field->parameter);
  g_clear_pointer (&field->error, g_free);
  g_free (field);
}

static gboolean
field_required (Field *field)
{
  JsonNode *value = pw_parameter_get_default (field->parameter);

  return value == NULL || JSON_NODE_HOLDS_NULL (value);
}

static void
update_validity (PwRunDialog *self)
{
  const char *first = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->fields->len && first == NULL; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->error != NULL)
        {
          text = g_strdup_printf ("%s: %s", pw_parameter_get_name (field->parameter), field->error);
          first = text;
        }
    }

  gtk_label_set_label (self->error_label, first != NULL ? first : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), first != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.run", first == NULL && !self->running);
}

static void
validate_field (PwRunDialog *self,
                Field       *field)
{
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&field->error, g_free);

  if (GTK_IS_ENTRY (field->input))
    {
      value = pw_parameter_parse_text (pw_parameter_get_param_type (field->parameter),
                                       gtk_editable_get_text (GTK_EDITABLE (field->input)),
                                       field_required (field), &error);
      if (error != NULL)
        field->error = g_strdup (error->message);

      if (field->error != NULL)
        {
          gtk_widget_add_css_class (field->input, "error");
          gtk_entry_set_icon_from_icon_name (GTK_ENTRY (field->input), GTK_ENTRY_ICON_SECONDARY,
                                             "dialog-warning-symbolic");
          gtk_entry_set_icon_tooltip_text (GTK_ENTRY (field->input), GTK_ENTRY_ICON_SECONDARY, field->error);
          gtk_accessible_update_state (GTK_ACCESSIBLE (field->input),
                                       GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
        }
      else
        {
          gtk_widget_remove_css_class (field->input, "error");
          gtk_entry_set_icon_from_icon_name (GTK_ENTRY (field->input), GTK_ENTRY_ICON_SECONDARY, NULL);
          gtk_accessible_reset_state (GTK_ACCESSIBLE (field->input), GTK_ACCESSIBLE_STATE_INVALID);
        }
    }

  update_validity (self);
}

static void
entry_changed_cb (GtkEditable *entry,
                  PwRunDialog *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->input == GTK_WIDGET (entry))
        validate_field (self, field);
    }
}

static const char *
type_hint (PwParamType type)
{
  switch (type)
    {
    case PW_PARAM_TYPE_STRING:
      return _("Text");
    case PW_PARAM_TYPE_INT:
      return _("Whole number");
    case PW_PARAM_TYPE_FLOAT:
      return _("Number");
    case PW_PARAM_TYPE_BOOL:
      return _("Yes or no");
    case PW_PARAM_TYPE_LIST:
      return _("List, in JSON");
    case PW_PARAM_TYPE_JSON:
    default:
      return _("JSON value");
    }
}

static void
add_field (PwRunDialog *self,
           PwParameter *parameter)
{
  Field *field = g_new0 (Field, 1);
  PwParamType type = pw_parameter_get_param_type (parameter);
  const char *description = pw_parameter_get_description (parameter);
  JsonNode *value = pw_parameter_get_default (parameter);
  g_autofree char *subtitle = NULL;

  field->parameter = g_object_ref (parameter);
  field->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), pw_parameter_get_name (parameter));

  if (description != NULL && *description != '\0')
    /* Translators: a parameter's description, then what kind of value it takes */
    subtitle = g_strdup_printf (_("%s · %s"), description, type_hint (type));
  else
    subtitle = g_strdup (type_hint (type));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), subtitle);

  if (type == PW_PARAM_TYPE_BOOL)
    {
      field->input = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (field->input),
                             value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_boolean (value));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->input);
    }
  else
    {
      g_autofree char *text = pw_parameter_value_to_text (value);

      field->input = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (field->input), text);
      gtk_editable_set_width_chars (GTK_EDITABLE (field->input), 18);
      gtk_entry_set_activates_default (GTK_ENTRY (field->input), TRUE);
      if (type == PW_PARAM_TYPE_LIST || type == PW_PARAM_TYPE_JSON)
        gtk_widget_add_css_class (field->input, "monospace");
      if (type == PW_PARAM_TYPE_INT || type == PW_PARAM_TYPE_FLOAT)
        gtk_entry_set_input_purpose (GTK_ENTRY (field->input), GTK_INPUT_PURPOSE_NUMBER);
      g_signal_connect_object (field->input, "changed", G_CALLBACK (entry_changed_cb), self, 0);
    }

  gtk_widget_set_valign (field->input, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field->input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, field->row, NULL,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->input);
  adw_preferences_group_add (self->parameters_group, field->row);

  g_ptr_array_add (self->fields, field);
  validate_field (self, field);
}

/**
 * pw_run_dialog_dup_parameters:
 *
 * Returns: (transfer full) (nullable): the parameters as a JSON object, or
 *   %NULL with @error set when a value does not fit
 */
char *
pw_run_dialog_dup_parameters (PwRunDialog  *self,
                              GError      **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (PW_IS_RUN_DIALOG (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *name = pw_parameter_get_name (field->parameter);
      JsonNode *value;

      if (GTK_IS_SWITCH (field->input))
        {
          json_object_set_boolean_member (object, name, gtk_switch_get_active (GTK_SWITCH (field->input)));
          continue;
        }

      value = pw_parameter_parse_text (pw_parameter_get_param_type (field->parameter),
                                       gtk_editable_get_text (GTK_EDITABLE (field->input)),
                                       field_required (field), error);
      if (value == NULL && error != NULL && *error != NULL)
        {
          g_prefix_error (error, "%s: ", name);
          return NULL;
        }
      if (value != NULL)
        json_object_set_member (object, name, value);
    }

  json_node_set_object (root, object);
  return json_to_string (root, FALSE);
}

/**
 * pw_run_dialog_set_value:
 * @name: a parameter
 * @text: its value as typed (`true`/`false` for a switch)
 *
 * Returns: whether the flow has that parameter
 */
gboolean
pw_run_dialog_set_value (PwRunDialog *self,
                         const char  *name,
                         const char  *text)
{
  g_return_val_if_fail (PW_IS_RUN_DIALOG (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (!g_str_equal (pw_parameter_get_name (field->parameter), name))
        continue;

      if (GTK_IS_SWITCH (field->input))
        gtk_switch_set_active (GTK_SWITCH (field->input), g_ascii_strcasecmp (text, "true") == 0);
      else
        gtk_editable_set_text (GTK_EDITABLE (field->input), text);
      return TRUE;
    }

  return FALSE;
}

/**
 * pw_run_dialog_get_valid:
 *
 * Returns: whether every value fits its parameter
 */
gboolean
pw_run_dialog_get_valid (PwRunDialog *self)
{
  g_return_val_if_fail (PW_IS_RUN_DIALOG (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    if (((Field *)g_ptr_array_index (self->fields, i))->error != NULL)
      return FALSE;

  return TRUE;
}

/**
 * pw_run_dialog_get_error_text:
 *
 * Returns: the problem the dialog shows, or an empty string
 */
const char *
pw_run_dialog_get_error_text (PwRunDialog *self)
{
  g_return_val_if_fail (PW_IS_RUN_DIALOG (self), NULL);
  return gtk_label_get_label (self->error_label);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PwRunDialog) self = user_data;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  run = pw_backend_run_flow_finish (PW_BACKEND (object), result, &error);
  if (run == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.run", TRUE);
      return;
    }

  g_signal_emit (self, signals[STARTED], 0, run);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * pw_run_dialog_run:
 *
 * Starts the run with the values given (as the Run button does).
 */
void
pw_run_dialog_run (PwRunDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = NULL;

  g_return_if_fail (PW_IS_RUN_DIALOG (self));

  if (self->running)
    return;

  parameters = pw_run_dialog_dup_parameters (self, &error);
  if (parameters == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  self->running = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.run", FALSE);
  pw_backend_run_flow_async (self->backend, pw_flow_get_name (self->flow), self->version, parameters,
                             self->cancellable, run_cb, g_object_ref (self));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  pw_run_dialog_run (PW_RUN_DIALOG (widget));
}

/**
 * pw_run_dialog_new:
 * @flow: the flow to run, for its name and parameters
 * @version: the version to run, 0 for the latest
 *
 * Returns: (transfer none): the dialog; set it transient for a window and
 *   present it
 */
PwRunDialog *
pw_run_dialog_new (PwBackend *backend,
                   PwFlow    *flow,
                   guint      version)
{
  PwRunDialog *self;
  GListModel *parameters;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);

  self = g_object_new (PW_TYPE_RUN_DIALOG, NULL);
  self->backend = g_object_ref (backend);
  self->flow = g_object_ref (flow);
  self->version = version;

  /* Translators: the title of the dialog that runs a flow */
  title = g_strdup_printf (_("Run “%s”"), pw_flow_get_name (flow));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  if (version > 0)
    {
      subtitle = g_strdup_printf (_("Version %u"), version);
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }

  parameters = pw_flow_get_parameters (flow);
  for (guint i = 0; i < g_list_model_get_n_items (parameters); i++)
    {
      g_autoptr(PwParameter) parameter = g_list_model_get_item (parameters, i);

      add_field (self, parameter);
    }

  if (self->fields->len == 0)
    adw_preferences_group_set_description (self->parameters_group,
                                           _("This flow takes no parameters"));
  else
    adw_preferences_group_set_description (self->parameters_group,
                                           _("Each starts at the flow’s default"));

  update_validity (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->run_button);

  return self;
}

static void
pw_run_dialog_dispose (GObject *object)
{
  PwRunDialog *self = (PwRunDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_RUN_DIALOG);
  g_clear_object (&self->backend);
  g_clear_object (&self->flow);

  G_OBJECT_CLASS (pw_run_dialog_parent_class)->dispose (object);
}

static void
pw_run_dialog_finalize (GObject *object)
{
  PwRunDialog *self = (PwRunDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_run_dialog_parent_class)->finalize (object);
}

static void
pw_run_dialog_class_init (PwRunDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_run_dialog_dispose;
  object_class->finalize = pw_run_dialog_finalize;

  /**
   * PwRunDialog::started:
   * @run: the new run
   *
   * The run exists; the dialog closes.
   */
  signals[STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PW_TYPE_FLOW_RUN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-run-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwRunDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PwRunDialog, run_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunDialog, parameters_group);
  gtk_widget_class_bind_template_child (widget_class, PwRunDialog, error_label);

  gtk_widget_class_install_action (widget_class, "dialog.run", NULL, run_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_run_dialog_init (PwRunDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify)field_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
