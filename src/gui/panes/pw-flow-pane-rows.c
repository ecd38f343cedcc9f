/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-pane"

#include "config.h"


#include <glib/gi18n.h>

#include "pw-flow-pane-private.h"

/*
 * The rows of the flow pane's lists: a parameter (name, type, default
 * checked as typed, description) and a notification rule (states,
 * webhook), each an expander row that follows its item.
 */

/* Parameters */

/* @pspec: the property that changed, %NULL for all. The default's text
 * is left alone unless the default or the type changed: a value typed
 * wrong stays, with its error, while another field changes. */
static void
sync_parameter (ItemRow    *row,
                GParamSpec *pspec)
{
  gboolean value_changed = pspec == NULL || g_str_equal (pspec->name, "default") ||
                           g_str_equal (pspec->name, "type");
  PwParameter *parameter = PW_PARAMETER (row->item);
  PwParamType type = pw_parameter_get_param_type (parameter);
  JsonNode *value = pw_parameter_get_default (parameter);
  const char *name = pw_parameter_get_name (parameter);
  g_autoptr(JsonNode) typed = NULL;
  g_autofree char *subtitle = NULL;

  row->pane->updating++;

  _pw_flow_pane_set_text (row->name_row, name);
  if (adw_combo_row_get_selected (row->type_row) != (guint) type)
    adw_combo_row_set_selected (row->type_row, type);
  /* "3" and " 3" are the same whole number: keep what was typed. */
  typed = _pw_flow_pane_parse_default (type, gtk_editable_get_text (GTK_EDITABLE (row->value_row)), NULL);
  if (value_changed &&
      (!_pw_flow_pane_node_equal (typed, value) ||
       (typed == NULL && *gtk_editable_get_text (GTK_EDITABLE (row->value_row)) != '\0')))
    {
      g_autofree char *text = _pw_flow_pane_default_to_text (value);

      gtk_editable_set_text (GTK_EDITABLE (row->value_row), text);
      _pw_flow_pane_show_error (row, row->value_row, NULL);
    }
  _pw_flow_pane_set_text (row->description_row, pw_parameter_get_description (parameter));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 name != NULL && *name != '\0' ? name : _("Unnamed"));
  if (value != NULL)
    {
      g_autofree char *text = _pw_flow_pane_default_to_text (value);

      /* TRANSLATORS: a parameter's type and its default value */
      subtitle = g_strdup_printf (_("%s · %s"), _pw_flow_pane_type_label (type), text);
    }
  else
    /* TRANSLATORS: a parameter's type, when it has no default value */
    subtitle = g_strdup_printf (_("%s · given at each run"), _pw_flow_pane_type_label (type));
  adw_expander_row_set_subtitle (row->expander, subtitle);

  row->pane->updating--;
}

static void
parameter_name_changed_cb (ItemRow *row)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row->name_row));
  GListModel *parameters;
  g_auto(GValue) value = G_VALUE_INIT;
  const char *problem = NULL;

  if (row->pane->updating > 0 || row->pane->flow == NULL)
    return;

  parameters = pw_flow_get_parameters (row->pane->flow);
  if (!_pw_flow_pane_is_identifier (name))
    problem = _("A name is letters, digits and underscores, and does not start with a digit");
  for (guint i = 0; problem == NULL && i < g_list_model_get_n_items (parameters); i++)
    {
      g_autoptr(PwParameter) other = g_list_model_get_item (parameters, i);

      if ((GObject *) other != row->item && g_strcmp0 (pw_parameter_get_name (other), name) == 0)
        problem = _("Another parameter has this name");
    }

  /* Applied all the same (the flow shows what was typed); Save refuses
   * it with the same words until it is fixed. */
  _pw_flow_pane_show_error (row, row->name_row, problem);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, name);
  _pw_flow_pane_execute_property (row, "name", &value);
}

static void
parameter_default_changed_cb (ItemRow *row)
{
  PwParameter *parameter = PW_PARAMETER (row->item);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (row->pane->updating > 0 || row->pane->flow == NULL)
    return;

  node = _pw_flow_pane_parse_default (pw_parameter_get_param_type (parameter),
                                      gtk_editable_get_text (GTK_EDITABLE (row->value_row)), &error);
  _pw_flow_pane_show_error (row, row->value_row, error != NULL ? error->message : NULL);
  if (error != NULL || _pw_flow_pane_node_equal (node, pw_parameter_get_default (parameter)))
    return;

  g_value_init (&value, JSON_TYPE_NODE);
  g_value_set_boxed (&value, node);
  _pw_flow_pane_execute_property (row, "default", &value);
}

static void
parameter_description_changed_cb (ItemRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->description_row));
  g_auto(GValue) value = G_VALUE_INIT;

  if (row->pane->updating > 0 || row->pane->flow == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, *text != '\0' ? text : NULL);
  _pw_flow_pane_execute_property (row, "description", &value);
}

static void
parameter_type_changed_cb (ItemRow *row)
{
  PwParameter *parameter = PW_PARAMETER (row->item);
  guint type = adw_combo_row_get_selected (row->type_row);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) type_value = G_VALUE_INIT;
  PwDagCommand *group;

  if (row->pane->updating > 0 || row->pane->flow == NULL ||
      type == GTK_INVALID_LIST_POSITION || type == (guint) pw_parameter_get_param_type (parameter))
    return;

  /* The default follows when the text means a value of the new type
   * ("3" becomes 3); else it stays, and the row says what is wrong. */
  group = pw_dag_command_group_new (_("Change Parameter Type"));
  g_value_init (&type_value, PW_TYPE_PARAM_TYPE);
  g_value_set_enum (&type_value, type);
  pw_dag_command_group_add (group, pw_dag_command_set_property (parameter, "type", &type_value));

  node = _pw_flow_pane_parse_default (type, gtk_editable_get_text (GTK_EDITABLE (row->value_row)), &error);
  if (error == NULL && !_pw_flow_pane_node_equal (node, pw_parameter_get_default (parameter)))
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, JSON_TYPE_NODE);
      g_value_set_boxed (&value, node);
      pw_dag_command_group_add (group, pw_dag_command_set_property (parameter, "default", &value));
    }
  _pw_flow_pane_execute (row->pane, group);
  _pw_flow_pane_show_error (row, row->value_row, error != NULL ? error->message : NULL);
}

static void
parameter_remove_cb (ItemRow *row)
{
  _pw_flow_pane_remove_item (row->pane, row->item);
}

ItemRow *
_pw_flow_pane_parameter_row_new (PwFlowPane  *self,
                                 PwParameter *parameter)
{
  ItemRow *row = _pw_flow_pane_item_row_new (self, G_OBJECT (parameter));
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  for (PwParamType type = PW_PARAM_TYPE_STRING; type <= PW_PARAM_TYPE_JSON; type++)
    gtk_string_list_append (types, _pw_flow_pane_type_label (type));

  row->name_row = ADW_ENTRY_ROW (_pw_flow_pane_add_child_entry (row->expander, _("Name")));
  row->type_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->type_row), _("Type"));
  adw_combo_row_set_model (row->type_row, G_LIST_MODEL (types));
  adw_expander_row_add_row (row->expander, GTK_WIDGET (row->type_row));
  row->value_row = ADW_ENTRY_ROW (_pw_flow_pane_add_child_entry (row->expander, _("Default (empty: given at each run)")));
  adw_expander_row_add_row (row->expander, GTK_WIDGET (row->error_row));
  row->description_row = ADW_ENTRY_ROW (_pw_flow_pane_add_child_entry (row->expander, _("Description")));
  gtk_widget_set_tooltip_text (row->remove_button, _("Remove Parameter"));

  sync_parameter (row, NULL);
  _pw_flow_pane_set_row_editable (row, self->editable);

  g_signal_connect_swapped (row->name_row, "changed", G_CALLBACK (parameter_name_changed_cb), row);
  g_signal_connect_swapped (row->type_row, "notify::selected", G_CALLBACK (parameter_type_changed_cb), row);
  g_signal_connect_swapped (row->value_row, "changed", G_CALLBACK (parameter_default_changed_cb), row);
  g_signal_connect_swapped (row->description_row, "changed", G_CALLBACK (parameter_description_changed_cb), row);
  g_signal_connect_swapped (row->remove_button, "clicked", G_CALLBACK (parameter_remove_cb), row);
  g_signal_connect_swapped (parameter, "notify", G_CALLBACK (sync_parameter), row);

  return row;
}

/* Notification rules */

static void
sync_rule (ItemRow    *row,
           GParamSpec *pspec)
{
  PwNotificationRule *rule = PW_NOTIFICATION_RULE (row->item);
  const char * const *states = pw_notification_rule_get_states (rule);
  const char *webhook = pw_notification_rule_get_webhook (rule);
  g_auto(GStrv) typed = NULL;
  g_autofree char *joined = g_strjoinv (", ", (char **) states);

  row->pane->updating++;

  typed = _pw_flow_pane_split_list (gtk_editable_get_text (GTK_EDITABLE (row->name_row)));
  if ((pspec == NULL || g_str_equal (pspec->name, "states")) &&
      !g_strv_equal ((const char * const *) typed, states))
    {
      gtk_editable_set_text (GTK_EDITABLE (row->name_row), joined);
      _pw_flow_pane_show_error (row, row->name_row, NULL);
    }
  if (pspec == NULL || g_str_equal (pspec->name, "webhook"))
    _pw_flow_pane_set_text (row->value_row, webhook);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 *joined != '\0' ? joined : _("No states yet"));
  adw_expander_row_set_subtitle (row->expander,
                                 webhook != NULL ? webhook : _("Desktop notification"));

  row->pane->updating--;
}

static void
rule_states_changed_cb (ItemRow *row)
{
  g_auto(GStrv) states = _pw_flow_pane_split_list (gtk_editable_get_text (GTK_EDITABLE (row->name_row)));
  g_autofree char *problem = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (row->pane->updating > 0 || row->pane->flow == NULL)
    return;

  if (states[0] == NULL)
    problem = g_strdup (_("Name at least one state, such as Failed"));
  for (guint i = 0; problem == NULL && states[i] != NULL; i++)
    if (!pw_state_is_known (states[i]))
      {
        const char *suggestion = pw_state_suggest (states[i]);

        problem = suggestion != NULL
          ? g_strdup_printf (_("There is no state “%s”: did you mean “%s”?"), states[i], suggestion)
          : g_strdup_printf (_("There is no state “%s”"), states[i]);
      }

  _pw_flow_pane_show_error (row, row->name_row, problem);
  if (problem != NULL ||
      g_strv_equal ((const char * const *) states, pw_notification_rule_get_states (PW_NOTIFICATION_RULE (row->item))))
    return;

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, states);
  _pw_flow_pane_execute_property (row, "states", &value);
}

static void
rule_webhook_changed_cb (ItemRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->value_row))));
  g_auto(GValue) value = G_VALUE_INIT;
  const char *problem = NULL;

  if (row->pane->updating > 0 || row->pane->flow == NULL)
    return;

  if (*text != '\0' && !g_str_has_prefix (text, "http://") && !g_str_has_prefix (text, "https://"))
    problem = _("A webhook is an http:// or https:// address");
  else if (strstr (text, "{{") != NULL)
    problem = _("A webhook cannot use templates");

  _pw_flow_pane_show_error (row, row->value_row, problem);
  if (problem != NULL ||
      g_strcmp0 (*text != '\0' ? text : NULL, pw_notification_rule_get_webhook (PW_NOTIFICATION_RULE (row->item))) == 0)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, *text != '\0' ? text : NULL);
  _pw_flow_pane_execute_property (row, "webhook", &value);
}

ItemRow *
_pw_flow_pane_rule_row_new (PwFlowPane         *self,
                            PwNotificationRule *rule)
{
  ItemRow *row = _pw_flow_pane_item_row_new (self, G_OBJECT (rule));

  row->name_row = ADW_ENTRY_ROW (_pw_flow_pane_add_child_entry (row->expander, _("States, separated by commas")));
  row->value_row = ADW_ENTRY_ROW (_pw_flow_pane_add_child_entry (row->expander, _("Webhook URL (optional)")));
  adw_expander_row_add_row (row->expander, GTK_WIDGET (row->error_row));
  gtk_widget_set_tooltip_text (row->remove_button, _("Remove Notification Rule"));

  sync_rule (row, NULL);
  _pw_flow_pane_set_row_editable (row, self->editable);

  g_signal_connect_swapped (row->name_row, "changed", G_CALLBACK (rule_states_changed_cb), row);
  g_signal_connect_swapped (row->value_row, "changed", G_CALLBACK (rule_webhook_changed_cb), row);
  g_signal_connect_swapped (row->remove_button, "clicked", G_CALLBACK (parameter_remove_cb), row);
  g_signal_connect_swapped (rule, "notify", G_CALLBACK (sync_rule), row);

  return row;
}

