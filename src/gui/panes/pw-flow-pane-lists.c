/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-pane-private.h"

/*
 * The flow pane's two lists: the parameters (name, type, default checked
 * against the type as it is typed, description) and the notification
 * rules (states, webhook). Each item is an expander row; adding and
 * removing are undoable commands (pw_dag_command_custom(): they are lists,
 * not properties), and the rows are built again when the list changes,
 * keeping open the ones that were.
 */

/* Adding and removing, undoably */

typedef struct
{
  gpointer item;      /* PwParameter or PwNotificationRule, owned */
  guint    position;  /* where it is in the list when present */
} ListEdit;

static void
list_edit_free (gpointer data)
{
  ListEdit *edit = data;

  g_object_unref (edit->item);
  g_free (edit);
}

static void
list_insert (PwFlow   *flow,
             gpointer  item,
             guint     position)
{
  gboolean parameter = PW_IS_PARAMETER (item);
  GListModel *model = parameter ? pw_flow_get_parameters (flow) : pw_flow_get_notifications (flow);
  g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func (g_object_unref);

  /* The flow only appends: take off what follows, and put it back. */
  while (g_list_model_get_n_items (model) > position)
    {
      gpointer last = g_list_model_get_item (model, position);

      if (parameter)
        pw_flow_remove_parameter (flow, last);
      else
        pw_flow_remove_notification (flow, last);
      g_ptr_array_add (tail, last);
    }

  g_ptr_array_insert (tail, 0, g_object_ref (item));
  for (guint i = 0; i < tail->len; i++)
    {
      if (parameter)
        pw_flow_add_parameter (flow, g_ptr_array_index (tail, i));
      else
        pw_flow_add_notification (flow, g_ptr_array_index (tail, i));
    }
}

static void
list_remove (PwFlow   *flow,
             gpointer  item)
{
  if (PW_IS_PARAMETER (item))
    pw_flow_remove_parameter (flow, item);
  else
    pw_flow_remove_notification (flow, item);
}

static void
add_apply (PwFlow   *flow,
           gpointer  data)
{
  ListEdit *edit = data;

  list_insert (flow, edit->item, edit->position);
}

static void
add_revert (PwFlow   *flow,
            gpointer  data)
{
  ListEdit *edit = data;

  list_remove (flow, edit->item);
}

static PwDagCommand *
list_command (const char *label,
              gpointer    item,
              guint       position,
              gboolean    adding)
{
  ListEdit *edit = g_new0 (ListEdit, 1);

  edit->item = g_object_ref (item);
  edit->position = position;
  return pw_dag_command_custom (label,
                                adding ? add_apply : add_revert,
                                adding ? add_revert : add_apply,
                                edit, list_edit_free);
}

void
_pw_flow_pane_remove_item (PwFlowPane *self,
                           gpointer    item)
{
  gboolean parameter = PW_IS_PARAMETER (item);
  GListModel *model = parameter ? pw_flow_get_parameters (self->flow) : pw_flow_get_notifications (self->flow);
  guint position;

  for (position = 0; position < g_list_model_get_n_items (model); position++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, position);

      if (other == item)
        break;
    }
  if (position == g_list_model_get_n_items (model))
    return;

  _pw_flow_pane_execute (self, list_command (parameter ? _("Remove Parameter") : _("Remove Notification Rule"),
                                             item, position, FALSE));
}

/* Rows */

static void
item_row_free (gpointer data)
{
  ItemRow *row = data;

  g_signal_handlers_disconnect_by_data (row->item, row);
  g_object_unref (row->item);
  g_free (row);
}

void
_pw_flow_pane_show_error (ItemRow    *row,
                          AdwEntryRow *entry,
                          const char  *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->error_row), message);
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (row->error_row), message != NULL);
  _pw_flow_pane_set_error (row->pane, message);
}

void
_pw_flow_pane_set_text (AdwEntryRow *entry,
                        const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

void
_pw_flow_pane_execute_property (ItemRow      *row,
                                const char   *property,
                                const GValue *value)
{
  PwDagCommand *command = pw_dag_command_set_property (row->item, property, value);

  pw_dag_command_set_mergeable (command, TRUE);
  _pw_flow_pane_execute (row->pane, command);
}

GtkWidget *
_pw_flow_pane_add_child_entry (AdwExpanderRow *expander,
                               const char     *title)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_expander_row_add_row (expander, entry);
  return entry;
}

ItemRow *
_pw_flow_pane_item_row_new (PwFlowPane *self,
                            GObject    *item)
{
  ItemRow *row = g_new0 (ItemRow, 1);
  GtkWidget *error_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  row->pane = self;
  row->item = g_object_ref (item);
  row->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  g_object_set_data_full (G_OBJECT (row->expander), "pw-item-row", row, item_row_free);

  row->error_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->error_row), FALSE);
  adw_action_row_set_title_lines (row->error_row, 0);
  adw_action_row_add_prefix (row->error_row, error_icon);
  gtk_widget_add_css_class (GTK_WIDGET (row->error_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (row->error_row), FALSE);

  row->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (row->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->remove_button, "flat");
  adw_expander_row_add_action (row->expander, row->remove_button);
  gtk_widget_set_visible (row->remove_button, self->editable);

  return row;
}

void
_pw_flow_pane_set_row_editable (ItemRow  *row,
                                gboolean  editable)
{
  AdwEntryRow *entries[] = { row->name_row, row->value_row, row->description_row };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (entries[i] != NULL)
      gtk_editable_set_editable (GTK_EDITABLE (entries[i]), editable);
  if (row->type_row != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (row->type_row), editable);
  gtk_widget_set_visible (row->remove_button, editable);
}

/* Building the lists */

static GtkWidget *
placeholder_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows,
            GHashTable          *expanded)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (rows, i);
      ItemRow *row = g_object_get_data (G_OBJECT (widget), "pw-item-row");

      if (expanded != NULL && row != NULL && adw_expander_row_get_expanded (row->expander))
        g_hash_table_add (expanded, row->item);
      adw_preferences_group_remove (group, widget);
    }
  g_ptr_array_set_size (rows, 0);
}

void
_pw_flow_pane_clear_lists (PwFlowPane *self)
{
  clear_rows (self->parameters_group, self->parameter_rows, NULL);
  clear_rows (self->notifications_group, self->notification_rows, NULL);
}

static void
rebuild (PwFlowPane          *self,
         AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GListModel          *model,
         const char          *empty)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new (NULL, NULL);

  clear_rows (group, rows, expanded);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      ItemRow *row = PW_IS_PARAMETER (item)
        ? _pw_flow_pane_parameter_row_new (self, PW_PARAMETER (item))
        : _pw_flow_pane_rule_row_new (self, PW_NOTIFICATION_RULE (item));

      adw_expander_row_set_expanded (row->expander, g_hash_table_contains (expanded, item));
      adw_preferences_group_add (group, GTK_WIDGET (row->expander));
      g_ptr_array_add (rows, row->expander);
    }

  if (rows->len == 0)
    {
      GtkWidget *row = placeholder_row (empty);

      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }
}

void
_pw_flow_pane_rebuild_parameters (PwFlowPane *self)
{
  if (self->flow != NULL)
    rebuild (self, self->parameters_group, self->parameter_rows,
             pw_flow_get_parameters (self->flow), _("No parameters"));
}

void
_pw_flow_pane_rebuild_notifications (PwFlowPane *self)
{
  if (self->flow != NULL)
    rebuild (self, self->notifications_group, self->notification_rows,
             pw_flow_get_notifications (self->flow), _("No notification rules"));
}

void
_pw_flow_pane_lists_set_editable (PwFlowPane *self)
{
  GPtrArray *lists[] = { self->parameter_rows, self->notification_rows };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        ItemRow *row = g_object_get_data (g_ptr_array_index (lists[l], i), "pw-item-row");

        if (row != NULL)
          _pw_flow_pane_set_row_editable (row, self->editable);
      }
}

static GtkWidget *
find_row (GPtrArray *rows,
          gpointer   item)
{
  for (guint i = 0; i < rows->len; i++)
    {
      ItemRow *row = g_object_get_data (g_ptr_array_index (rows, i), "pw-item-row");

      if (row != NULL && row->item == item)
        return GTK_WIDGET (row->expander);
    }
  return NULL;
}

/* API */

/**
 * pw_flow_pane_add_parameter:
 *
 * Adds a text parameter without a default (an undoable step), named
 * uniquely, and opens its row with the name ready to type.
 */
void
pw_flow_pane_add_parameter (PwFlowPane *self)
{
  g_autoptr(PwParameter) parameter = NULL;
  g_autofree char *name = NULL;
  GtkWidget *expander;
  ItemRow *row;

  g_return_if_fail (PW_IS_FLOW_PANE (self));

  if (self->flow == NULL || !self->editable)
    return;

  name = g_strdup ("parameter");
  for (guint n = 2; pw_flow_get_parameter (self->flow, name) != NULL; n++)
    {
      g_free (name);
      name = g_strdup_printf ("parameter_%u", n);
    }

  parameter = pw_parameter_new (name, PW_PARAM_TYPE_STRING);
  _pw_flow_pane_execute (self, list_command (_("Add Parameter"), parameter,
                                             g_list_model_get_n_items (pw_flow_get_parameters (self->flow)),
                                             TRUE));

  expander = find_row (self->parameter_rows, parameter);
  if (expander == NULL)
    return;
  row = g_object_get_data (G_OBJECT (expander), "pw-item-row");
  adw_expander_row_set_expanded (row->expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (row->name_row));
}

/**
 * pw_flow_pane_add_notification:
 *
 * Adds a rule for failed and crashed runs (an undoable step) and opens
 * its row.
 */
void
pw_flow_pane_add_notification (PwFlowPane *self)
{
  static const char * const states[] = { "Failed", "Crashed", NULL };
  g_autoptr(PwNotificationRule) rule = NULL;
  GtkWidget *expander;

  g_return_if_fail (PW_IS_FLOW_PANE (self));

  if (self->flow == NULL || !self->editable)
    return;

  rule = pw_notification_rule_new (states, NULL);
  _pw_flow_pane_execute (self, list_command (_("Add Notification Rule"), rule,
                                             g_list_model_get_n_items (pw_flow_get_notifications (self->flow)),
                                             TRUE));
  expander = find_row (self->notification_rows, rule);
  if (expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
}

/**
 * pw_flow_pane_get_parameter_row:
 *
 * Returns: (transfer none) (nullable): the expander row of the parameter
 *   named @name
 */
GtkWidget *
pw_flow_pane_get_parameter_row (PwFlowPane *self,
                                const char *name)
{
  g_return_val_if_fail (PW_IS_FLOW_PANE (self), NULL);

  if (self->flow == NULL || pw_flow_get_parameter (self->flow, name) == NULL)
    return NULL;
  return find_row (self->parameter_rows, pw_flow_get_parameter (self->flow, name));
}

/**
 * pw_flow_pane_get_notification_row:
 *
 * Returns: (transfer none) (nullable): the expander row of the
 *   notification rule at @position
 */
GtkWidget *
pw_flow_pane_get_notification_row (PwFlowPane *self,
                                   guint       position)
{
  g_autoptr(GObject) rule = NULL;

  g_return_val_if_fail (PW_IS_FLOW_PANE (self), NULL);

  if (self->flow == NULL || position >= g_list_model_get_n_items (pw_flow_get_notifications (self->flow)))
    return NULL;
  rule = g_list_model_get_item (pw_flow_get_notifications (self->flow), position);
  return find_row (self->notification_rows, rule);
}
