/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-argv-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-argv-editor.h"

/*
 * PwArgvEditor: the argv of a command task as a list of entry rows, the
 * program first, then one row per argument. Rows are added at the end,
 * removed and moved up or down through each row's menu (the `argv.*`
 * actions, which take the row's index) or with Alt+Up and Alt+Down.
 *
 * PwArgvEditor::changed says the argv changed; its argument is the row
 * that was typed in, or %NULL for a row added, removed or moved, so that
 * the task pane can make typing in one row one undo step and each
 * structural change a step of its own. pw_argv_editor_set_argv() never
 * emits it, and leaves the rows alone when they already hold that argv
 * (so that refreshing from the task while typing keeps the cursor).
 */

struct _PwArgvEditor
{
  AdwBin      parent_instance;

  GtkListBox *list;
  GtkButton  *add_button;

  GPtrArray  *rows;       /* AdwEntryRow, in argv order */
  gboolean    editable;
  guint       syncing;
};

G_DEFINE_FINAL_TYPE (PwArgvEditor, pw_argv_editor, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (PwArgvEditor *self,
              GtkWidget    *source)
{
  if (self->syncing == 0)
    g_signal_emit (self, signals[CHANGED], 0, source);
}

static void
on_row_changed (GtkEditable  *editable,
                PwArgvEditor *self)
{
  emit_changed (self, GTK_WIDGET (editable));
}

static GMenuModel *
row_menu (guint index,
          guint n_rows)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  if (index > 0)
    {
      item = g_menu_item_new (_("Move _Up"), NULL);
      g_menu_item_set_action_and_target (item, "argv.move-up", "i", (int) index);
      g_menu_append_item (moves, item);
      g_clear_object (&item);
    }
  if (index + 1 < n_rows)
    {
      item = g_menu_item_new (_("Move _Down"), NULL);
      g_menu_item_set_action_and_target (item, "argv.move-down", "i", (int) index);
      g_menu_append_item (moves, item);
      g_clear_object (&item);
    }
  if (n_rows > 1)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));

  item = g_menu_item_new (_("_Remove"), NULL);
  g_menu_item_set_action_and_target (item, "argv.remove", "i", (int) index);
  g_menu_append_item (menu, item);

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* Titles and menus follow the positions, so they are set again after
 * every structural change. */
static void
update_rows (PwArgvEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwEntryRow *row = g_ptr_array_index (self->rows, i);
      GtkMenuButton *button = g_object_get_data (G_OBJECT (row), "pw-menu-button");
      g_autofree char *title = NULL;
      g_autoptr(GMenuModel) menu = row_menu (i, self->rows->len);

      if (i == 0)
        title = g_strdup (_("Program"));
      else
        /* TRANSLATORS: the title of a row of a command's argv: "Argument 1" */
        title = g_strdup_printf (_("Argument %u"), i);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_menu_button_set_menu_model (button, menu);
      gtk_widget_set_visible (GTK_WIDGET (button), self->editable);
      gtk_editable_set_editable (GTK_EDITABLE (row), self->editable);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->rows->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "argv.add", self->editable);
}

static AdwEntryRow *
make_row (PwArgvEditor *self,
          const char   *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Move or Remove"));
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (row, button);
  g_object_set_data (G_OBJECT (row), "pw-menu-button", button);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed), self, 0);
  return row;
}

static void
append_row (PwArgvEditor *self,
            const char   *text)
{
  AdwEntryRow *row = make_row (self, text);

  g_ptr_array_add (self->rows, row);
  gtk_list_box_append (self->list, GTK_WIDGET (row));
}

static void
remove_all_rows (PwArgvEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PwArgvEditor *self = PW_ARGV_EDITOR (widget);
  AdwEntryRow *row;

  append_row (self, "");
  update_rows (self);
  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  emit_changed (self, NULL);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwArgvEditor *self = PW_ARGV_EDITOR (widget);
  int index = g_variant_get_int32 (parameter);

  if (!self->editable || index < 0 || (guint) index >= self->rows->len)
    return;

  gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, index));
  g_ptr_array_remove_index (self->rows, index);
  update_rows (self);
  emit_changed (self, NULL);
}

static void
swap_rows (PwArgvEditor *self,
           guint         a,
           guint         b)
{
  AdwEntryRow *row_a = g_ptr_array_index (self->rows, a);
  AdwEntryRow *row_b = g_ptr_array_index (self->rows, b);
  g_autofree char *text_a = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row_a)));

  /* Swapping the texts keeps the rows (and their focus) where they are. */
  self->syncing++;
  gtk_editable_set_text (GTK_EDITABLE (row_a), gtk_editable_get_text (GTK_EDITABLE (row_b)));
  gtk_editable_set_text (GTK_EDITABLE (row_b), text_a);
  self->syncing--;
  emit_changed (self, NULL);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwArgvEditor *self = PW_ARGV_EDITOR (widget);
  int index = g_variant_get_int32 (parameter);
  int other = g_str_equal (action_name, "argv.move-up") ? index - 1 : index + 1;

  if (!self->editable || index < 0 || (guint) index >= self->rows->len ||
      other < 0 || (guint) other >= self->rows->len)
    return;

  swap_rows (self, index, other);
}

/* Alt+Up and Alt+Down move the argument being edited, and the focus
 * follows it. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PwArgvEditor          *self)
{
  int step;

  if ((state & GDK_ALT_MASK) == 0 || !self->editable)
    return GDK_EVENT_PROPAGATE;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else
    return GDK_EVENT_PROPAGATE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      int other = (int) i + step;

      if (!(gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_FOCUS_WITHIN))
        continue;
      if (other < 0 || (guint) other >= self->rows->len)
        return GDK_EVENT_STOP;

      swap_rows (self, i, other);
      gtk_widget_grab_focus (g_ptr_array_index (self->rows, other));
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
pw_argv_editor_dispose (GObject *object)
{
  PwArgvEditor *self = (PwArgvEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_ARGV_EDITOR);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_argv_editor_parent_class)->dispose (object);
}

static void
pw_argv_editor_class_init (PwArgvEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_argv_editor_dispose;

  /**
   * PwArgvEditor::changed:
   * @source: (nullable): the row typed in, or %NULL for a row added,
   *   removed or moved
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GTK_TYPE_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pipewright/Pipewright/panes/pw-argv-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PwArgvEditor, list);
  gtk_widget_class_bind_template_child (widget_class, PwArgvEditor, add_button);

  gtk_widget_class_install_action (widget_class, "argv.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "argv.remove", "i", remove_action);
  gtk_widget_class_install_action (widget_class, "argv.move-up", "i", move_action);
  gtk_widget_class_install_action (widget_class, "argv.move-down", "i", move_action);
}

static void
pw_argv_editor_init (PwArgvEditor *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* The list box holds the references; this only keeps the order. */
  self->rows = g_ptr_array_new ();
  self->editable = TRUE;
  update_rows (self);
}

/**
 * pw_argv_editor_new:
 *
 * Returns: (transfer floating): a new, empty argv editor
 */
GtkWidget *
pw_argv_editor_new (void)
{
  return g_object_new (PW_TYPE_ARGV_EDITOR, NULL);
}

/**
 * pw_argv_editor_get_argv:
 *
 * Returns: (transfer full): the program and its arguments as typed
 */
GStrv
pw_argv_editor_get_argv (PwArgvEditor *self)
{
  GStrv argv;

  g_return_val_if_fail (PW_IS_ARGV_EDITOR (self), NULL);

  argv = g_new0 (char *, self->rows->len + 1);
  for (guint i = 0; i < self->rows->len; i++)
    argv[i] = g_strdup (gtk_editable_get_text (g_ptr_array_index (self->rows, i)));
  return argv;
}

/**
 * pw_argv_editor_set_argv:
 * @argv: (nullable) (array zero-terminated=1): the program and arguments
 *
 * Shows @argv, without emitting #PwArgvEditor::changed.
 */
void
pw_argv_editor_set_argv (PwArgvEditor       *self,
                         const char * const *argv)
{
  static const char * const empty[] = { NULL };
  g_auto(GStrv) shown = NULL;

  g_return_if_fail (PW_IS_ARGV_EDITOR (self));

  if (argv == NULL)
    argv = empty;

  shown = pw_argv_editor_get_argv (self);
  if (g_strv_equal ((const char * const *) shown, argv))
    return;

  self->syncing++;
  if (g_strv_length ((char **) argv) == self->rows->len)
    {
      /* Same length (one argument edited elsewhere): keep the rows. */
      for (guint i = 0; argv[i] != NULL; i++)
        if (!g_str_equal (gtk_editable_get_text (g_ptr_array_index (self->rows, i)), argv[i]))
          gtk_editable_set_text (g_ptr_array_index (self->rows, i), argv[i]);
    }
  else
    {
      remove_all_rows (self);
      for (guint i = 0; argv[i] != NULL; i++)
        append_row (self, argv[i]);
    }
  update_rows (self);
  self->syncing--;
}

guint
pw_argv_editor_get_n_args (PwArgvEditor *self)
{
  g_return_val_if_fail (PW_IS_ARGV_EDITOR (self), 0);
  return self->rows->len;
}

/**
 * pw_argv_editor_get_row:
 * @index: a position in the argv
 *
 * Returns: (transfer none) (nullable): the row of that element
 */
AdwEntryRow *
pw_argv_editor_get_row (PwArgvEditor *self,
                        guint         index)
{
  g_return_val_if_fail (PW_IS_ARGV_EDITOR (self), NULL);

  if (index >= self->rows->len)
    return NULL;
  return g_ptr_array_index (self->rows, index);
}

/**
 * pw_argv_editor_set_editable:
 * @editable: %FALSE to show the argv read-only
 */
void
pw_argv_editor_set_editable (PwArgvEditor *self,
                             gboolean      editable)
{
  g_return_if_fail (PW_IS_ARGV_EDITOR (self));

  self->editable = !!editable;
  update_rows (self);
}
