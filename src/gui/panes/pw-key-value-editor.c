/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-key-value-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-key-value-editor.h"

/*
 * PwKeyValueEditor: name and value pairs (HTTP headers, environment
 * variables) as rows of two entries and a remove button, stored the way
 * PwTask keeps them: alternating names and values.
 *
 * A row whose name is still empty is a draft: it is not part of the pairs
 * until a name is typed, so adding a row changes nothing in the task.
 * PwKeyValueEditor::changed carries the entry typed in, or %NULL for a row
 * removed; pw_key_value_editor_set_pairs() never emits it and keeps the
 * rows (and drafts) when they already hold those pairs.
 */

struct _PwKeyValueEditor
{
  AdwBin            parent_instance;

  GtkListBox       *list;
  GtkButton        *add_button;
  AdwButtonContent *add_content;

  GPtrArray        *rows;     /* GtkListBoxRow, in order */
  gboolean          editable;
  guint             syncing;
};

G_DEFINE_FINAL_TYPE (PwKeyValueEditor, pw_key_value_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ADD_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkEditable *
row_name (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "pw-name");
}

static GtkEditable *
row_value (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "pw-value");
}

static void
on_entry_changed (GtkEditable      *editable,
                  PwKeyValueEditor *self)
{
  if (self->syncing == 0)
    g_signal_emit (self, signals[CHANGED], 0, editable);
}

static void
on_remove_clicked (GtkButton        *button,
                   PwKeyValueEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  if (!self->editable || row == NULL)
    return;

  g_ptr_array_remove (self->rows, row);
  gtk_list_box_remove (self->list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->rows->len > 0);
  if (self->syncing == 0)
    g_signal_emit (self, signals[CHANGED], 0, NULL);
}

static GtkWidget *
make_entry (const char *placeholder,
            const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  gtk_widget_set_hexpand (entry, TRUE);
  return entry;
}

static void
append_row (PwKeyValueEditor *self,
            const char       *name,
            const char       *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name_entry = make_entry (_("Name"), name);
  GtkWidget *value_entry = make_entry (_("Value"), value);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_set_visible (remove, self->editable);
  gtk_editable_set_editable (GTK_EDITABLE (name_entry), self->editable);
  gtk_editable_set_editable (GTK_EDITABLE (value_entry), self->editable);

  gtk_box_append (GTK_BOX (box), name_entry);
  gtk_box_append (GTK_BOX (box), value_entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  g_object_set_data (G_OBJECT (row), "pw-name", name_entry);
  g_object_set_data (G_OBJECT (row), "pw-value", value_entry);
  g_object_set_data (G_OBJECT (row), "pw-remove", remove);
  g_signal_connect_object (name_entry, "changed", G_CALLBACK (on_entry_changed), self, 0);
  g_signal_connect_object (value_entry, "changed", G_CALLBACK (on_entry_changed), self, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);

  g_ptr_array_add (self->rows, row);
  gtk_list_box_append (self->list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->list), TRUE);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PwKeyValueEditor *self = PW_KEY_VALUE_EDITOR (widget);

  if (!self->editable)
    return;

  append_row (self, "", "");
  gtk_widget_grab_focus (GTK_WIDGET (row_name (g_ptr_array_index (self->rows, self->rows->len - 1))));
}

static void
pw_key_value_editor_dispose (GObject *object)
{
  PwKeyValueEditor *self = (PwKeyValueEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_KEY_VALUE_EDITOR);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_key_value_editor_parent_class)->dispose (object);
}

static void
pw_key_value_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PwKeyValueEditor *self = PW_KEY_VALUE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ADD_LABEL:
      g_value_set_string (value, adw_button_content_get_label (self->add_content));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_key_value_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PwKeyValueEditor *self = PW_KEY_VALUE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ADD_LABEL:
      adw_button_content_set_label (self->add_content, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_key_value_editor_class_init (PwKeyValueEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_key_value_editor_dispose;
  object_class->get_property = pw_key_value_editor_get_property;
  object_class->set_property = pw_key_value_editor_set_property;

  /**
   * PwKeyValueEditor:add-label:
   *
   * The label of the button that adds a row, with a mnemonic.
   */
  properties[PROP_ADD_LABEL] =
    g_param_spec_string ("add-label", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwKeyValueEditor::changed:
   * @source: (nullable): the entry typed in, or %NULL for a row removed
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GTK_TYPE_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pipewright/Pipewright/panes/pw-key-value-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PwKeyValueEditor, list);
  gtk_widget_class_bind_template_child (widget_class, PwKeyValueEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, PwKeyValueEditor, add_content);

  gtk_widget_class_install_action (widget_class, "pairs.add", NULL, add_action);
}

static void
pw_key_value_editor_init (PwKeyValueEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->editable = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
}

/**
 * pw_key_value_editor_new:
 * @add_label: the label of the add button, with a mnemonic ("_Add Header")
 *
 * Returns: (transfer floating): a new, empty editor
 */
GtkWidget *
pw_key_value_editor_new (const char *add_label)
{
  return g_object_new (PW_TYPE_KEY_VALUE_EDITOR, "add-label", add_label, NULL);
}

/**
 * pw_key_value_editor_get_pairs:
 *
 * Returns: (transfer full): alternating names and values, drafts (rows
 *   without a name) left out
 */
GStrv
pw_key_value_editor_get_pairs (PwKeyValueEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PW_IS_KEY_VALUE_EDITOR (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *name = gtk_editable_get_text (row_name (row));

      if (name[0] == '\0')
        continue;
      g_strv_builder_add (builder, name);
      g_strv_builder_add (builder, gtk_editable_get_text (row_value (row)));
    }
  return g_strv_builder_end (builder);
}

/**
 * pw_key_value_editor_set_pairs:
 * @pairs: (nullable) (array zero-terminated=1): alternating names and values
 *
 * Shows @pairs, without emitting #PwKeyValueEditor::changed.
 */
void
pw_key_value_editor_set_pairs (PwKeyValueEditor   *self,
                               const char * const *pairs)
{
  static const char * const empty[] = { NULL };
  g_auto(GStrv) shown = NULL;

  g_return_if_fail (PW_IS_KEY_VALUE_EDITOR (self));

  if (pairs == NULL)
    pairs = empty;

  shown = pw_key_value_editor_get_pairs (self);
  if (g_strv_equal ((const char * const *) shown, pairs))
    return;

  self->syncing++;
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    append_row (self, pairs[i], pairs[i + 1]);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->rows->len > 0);
  self->syncing--;
}

guint
pw_key_value_editor_get_n_rows (PwKeyValueEditor *self)
{
  g_return_val_if_fail (PW_IS_KEY_VALUE_EDITOR (self), 0);
  return self->rows->len;
}

/**
 * pw_key_value_editor_get_name:
 * @index: a row
 *
 * Returns: (transfer none) (nullable): the name entry of that row
 */
GtkEditable *
pw_key_value_editor_get_name (PwKeyValueEditor *self,
                              guint             index)
{
  g_return_val_if_fail (PW_IS_KEY_VALUE_EDITOR (self), NULL);
  return index < self->rows->len ? row_name (g_ptr_array_index (self->rows, index)) : NULL;
}

/**
 * pw_key_value_editor_get_value:
 * @index: a row
 *
 * Returns: (transfer none) (nullable): the value entry of that row
 */
GtkEditable *
pw_key_value_editor_get_value (PwKeyValueEditor *self,
                               guint             index)
{
  g_return_val_if_fail (PW_IS_KEY_VALUE_EDITOR (self), NULL);
  return index < self->rows->len ? row_value (g_ptr_array_index (self->rows, index)) : NULL;
}

/**
 * pw_key_value_editor_set_editable:
 * @editable: %FALSE to show the pairs read-only
 */
void
pw_key_value_editor_set_editable (PwKeyValueEditor *self,
                                  gboolean          editable)
{
  g_return_if_fail (PW_IS_KEY_VALUE_EDITOR (self));

  self->editable = !!editable;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      gtk_editable_set_editable (row_name (row), self->editable);
      gtk_editable_set_editable (row_value (row), self->editable);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "pw-remove"), self->editable);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pairs.add", self->editable);
}
