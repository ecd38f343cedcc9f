/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-task-pane"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-task-pane-private.h"

/*
 * From the widgets of PwTaskPane to the undo stack. Every change becomes
 * a pw_dag_command_set_property() executed on the canvas's PwDagUndo (a
 * new key a pw_dag_command_rename_task(), which renames the upstream
 * references too), and comes back to the widgets through the task's
 * notifications.
 *
 * Typing is one edit per key press. Those edits are mergeable, and
 * PwDagUndo folds a mergeable edit into the one before when it changes
 * the same property of the same task, and nothing else happened in
 * between. That alone would also fold a later, separate burst of typing
 * into the same field into the first. So a burst ends when the focus
 * leaves the widget, Enter is pressed, another widget is edited or
 * another task is shown, and ending it "seals" its command (makes it
 * unmergeable): the next burst starts a new undo step. A choice (a combo,
 * the switch, a row added or moved) is never mergeable.
 */

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    {
      static const char * const empty[] = { NULL };
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);

      return g_strv_equal (sa != NULL ? sa : empty, sb != NULL ? sb : empty);
    }

  if (G_VALUE_HOLDS (a, JSON_TYPE_NODE))
    {
      JsonNode *na = g_value_get_boxed (a);
      JsonNode *nb = g_value_get_boxed (b);

      return (na == NULL && nb == NULL) ||
             (na != NULL && nb != NULL && json_node_equal (na, nb));
    }

  return g_param_values_cmp (pspec, a, b) == 0;
}

void
_pw_task_pane_forget_burst (PwTaskPane *self)
{
  self->burst_source = NULL;
  self->burst_command = NULL;
}

void
_pw_task_pane_seal_burst (PwTaskPane *self)
{
  /* Only kept while it is the top of the undo stack (see
   * _pw_task_pane_forget_burst(), called on any other change). */
  if (self->burst_command != NULL)
    pw_dag_command_set_mergeable (self->burst_command, FALSE);
  _pw_task_pane_forget_burst (self);
}

static gboolean
can_edit (PwTaskPane *self)
{
  if (self->syncing > 0 || self->task == NULL)
    return FALSE;

  if (self->undo == NULL || !self->editable)
    {
      /* Read-only: whatever changed the widget, it shows the task again. */
      _pw_task_pane_sync (self, TRUE);
      return FALSE;
    }

  return TRUE;
}

/* Executes @command; @source is the widget of a typing burst, or NULL. */
static void
execute (PwTaskPane   *self,
         PwDagCommand *command,
         GtkWidget    *source)
{
  guint before;

  if (source == NULL || source != self->burst_source)
    _pw_task_pane_seal_burst (self);

  pw_dag_command_set_mergeable (command, source != NULL);
  before = pw_dag_undo_get_n_undo (self->undo);

  self->executing = TRUE;
  pw_dag_undo_execute (self->undo, command);
  self->executing = FALSE;

  if (source == NULL)
    return;

  /* The undo stack grew: @command is a step of its own, the burst's from
   * now on. Otherwise it was folded into the burst's command (and freed). */
  if (self->burst_command == NULL || pw_dag_undo_get_n_undo (self->undo) != before)
    self->burst_command = command;
  self->burst_source = source;
}

static void
commit (PwTaskPane   *self,
        GtkWidget    *source,
        const char   *property,
        const GValue *value)
{
  g_auto(GValue) current = G_VALUE_INIT;
  g_auto(GValue) wanted = G_VALUE_INIT;
  GParamSpec *pspec;

  if (!can_edit (self))
    return;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->task), property);
  g_return_if_fail (pspec != NULL);

  g_value_init (&current, pspec->value_type);
  g_object_get_property (G_OBJECT (self->task), property, &current);
  g_value_init (&wanted, pspec->value_type);
  if (!g_value_transform (value, &wanted))
    g_return_if_reached ();

  if (values_equal (pspec, &current, &wanted))
    return;

  execute (self, pw_dag_command_set_property (self->task, property, &wanted), source);
}

static void
commit_string (PwTaskPane *self,
               GtkWidget  *source,
               const char *property,
               const char *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  /* An empty field is a member left out. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text != NULL && text[0] != '\0' ? text : NULL);
  commit (self, source, property, &value);
}

static void
commit_strv (PwTaskPane *self,
             GtkWidget  *source,
             const char *property,
             GStrv       strv)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRV);
  g_value_take_boxed (&value, strv);
  commit (self, source, property, &value);
}

static void
commit_int (PwTaskPane *self,
            GtkWidget  *source,
            const char *property,
            int         number)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, number);
  commit (self, source, property, &value);
}

static void
commit_double (PwTaskPane *self,
               GtkWidget  *source,
               const char *property,
               double      number)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, number);
  commit (self, source, property, &value);
}

static void
commit_enum (PwTaskPane *self,
             const char *property,
             int         enum_value)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;

  if (!can_edit (self))
    return;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->task), property);
  g_value_init (&value, pspec->value_type);
  g_value_set_enum (&value, enum_value);
  commit (self, NULL, property, &value);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The key ---------------------------------------------------------------- */

/* The rules of pw-flow-validate.c, said before the key is applied. */
gboolean
_pw_task_pane_check_key (PwTaskPane *self,
                         const char *key,
                         char      **message)
{
  PwTask *other;

  if (key[0] == '\0')
    {
      *message = g_strdup (_("A task needs a key"));
      return FALSE;
    }

  for (const char *p = key; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
      {
        *message = g_strdup_printf (_("“%s” is not a valid key: use lowercase letters, digits, "
                                      "“_” and “-”"), key);
        return FALSE;
      }

  other = self->flow != NULL ? pw_flow_get_task (self->flow, key) : NULL;
  if (other != NULL && other != self->task)
    {
      *message = g_strdup_printf (_("Another task already has the key “%s”"), key);
      return FALSE;
    }

  *message = NULL;
  return TRUE;
}

static void
on_key_changed (GtkEditable *editable,
                PwTaskPane  *self)
{
  g_autofree char *message = NULL;

  if (self->syncing > 0 || self->task == NULL)
    return;

  _pw_task_pane_check_key (self, gtk_editable_get_text (editable), &message);
  if (message == NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
  _pw_task_pane_show_key_error (self, message);
}

static void
on_key_apply (AdwEntryRow *row,
              PwTaskPane  *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *message = NULL;

  if (!can_edit (self) || g_str_equal (key, pw_task_get_key (self->task)))
    return;

  if (!_pw_task_pane_check_key (self, key, &message))
    {
      _pw_task_pane_show_key_error (self, message);
      return;
    }

  execute (self, pw_dag_command_rename_task (self->flow, self->task, key), NULL);
}

/* Text ------------------------------------------------------------------- */

static const char *
property_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "pw-property");
}

static void
on_entry_changed (GtkEditable *editable,
                  PwTaskPane  *self)
{
  commit_string (self, GTK_WIDGET (editable), property_of (editable),
                 gtk_editable_get_text (editable));
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   PwTaskPane    *self)
{
  GtkWidget *view = g_object_get_data (G_OBJECT (buffer), "pw-view");
  g_autofree char *text = buffer_text (buffer);

  commit_string (self, view, property_of (view), text);
}

GStrv
_pw_task_pane_parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static void
on_tags_changed (GtkEditable *editable,
                 PwTaskPane  *self)
{
  commit_strv (self, GTK_WIDGET (editable), "tags",
               _pw_task_pane_parse_tags (gtk_editable_get_text (editable)));
}

static void
on_parameters_changed (GtkEditable *editable,
                       PwTaskPane  *self)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(JsonNode) node = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->syncing > 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "pw-unparsed");
      return;
    }

  if (text[0] != '\0')
    {
      node = json_from_string (text, NULL);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          /* Not applied until it is an object; validation says so. */
          gtk_widget_add_css_class (GTK_WIDGET (editable), "pw-unparsed");
          _pw_task_pane_queue_validate (self);
          return;
        }
    }

  gtk_widget_remove_css_class (GTK_WIDGET (editable), "pw-unparsed");
  _pw_task_pane_queue_validate (self);
  g_value_init (&value, JSON_TYPE_NODE);
  g_value_set_boxed (&value, node);
  commit (self, GTK_WIDGET (editable), "parameters", &value);
}

/* Lists ------------------------------------------------------------------ */

static void
on_argv_changed (PwArgvEditor *editor,
                 GtkWidget    *source,
                 PwTaskPane   *self)
{
  commit_strv (self, source, "command", pw_argv_editor_get_argv (editor));
}

static void
on_pairs_changed (PwKeyValueEditor *editor,
                  GtkWidget        *source,
                  PwTaskPane       *self)
{
  commit_strv (self, source, property_of (editor), pw_key_value_editor_get_pairs (editor));
}

/* Choices ---------------------------------------------------------------- */

static void
on_kind_selected (AdwComboRow *row,
                  GParamSpec  *pspec,
                  PwTaskPane  *self)
{
  commit_enum (self, "kind", adw_combo_row_get_selected (row));
}

static void
on_trigger_selected (AdwComboRow *row,
                     GParamSpec  *pspec,
                     PwTaskPane  *self)
{
  commit_enum (self, "trigger", adw_combo_row_get_selected (row));
}

static void
on_method_selected (AdwComboRow *row,
                    GParamSpec  *pspec,
                    PwTaskPane  *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  if (item != NULL)
    commit_string (self, NULL, "method", gtk_string_object_get_string (item));
}

static void
on_cache_active (GtkSwitch  *toggle,
                 GParamSpec *pspec,
                 PwTaskPane *self)
{
  commit_enum (self, "cache-policy",
               gtk_switch_get_active (toggle) ? PW_CACHE_POLICY_INPUTS : PW_CACHE_POLICY_NONE);
}

/* Numbers ---------------------------------------------------------------- */

static void
on_spin_changed (GtkSpinButton *spin,
                 PwTaskPane    *self)
{
  const char *property = property_of (spin);
  GParamSpec *pspec;

  if (!can_edit (self))
    return;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->task), property);
  if (pspec->value_type == G_TYPE_DOUBLE)
    commit_double (self, GTK_WIDGET (spin), property, gtk_spin_button_get_value (spin));
  else
    commit_int (self, GTK_WIDGET (spin), property, gtk_spin_button_get_value_as_int (spin));
}

/* The special values of a spin button: -1 is the flow's default, 0 "no
 * timeout" or "never expires", shown as words instead of numbers. */
static const char *
special_label (GtkSpinButton *spin,
               int            value)
{
  const char *zero = g_object_get_data (G_OBJECT (spin), "pw-zero");

  if (value == PW_TASK_INHERIT)
    return C_("task setting", "Default");
  if (value == 0 && zero != NULL)
    return zero;
  return NULL;
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                gpointer       user_data)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  const char *label = special_label (spin, (int) value);
  g_autofree char *text = NULL;

  if (label == NULL)
    return FALSE;

  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (spin)), label))
    gtk_editable_set_text (GTK_EDITABLE (spin), label);
  return TRUE;
}

static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  for (int value = PW_TASK_INHERIT; value <= 0; value++)
    {
      const char *label = special_label (spin, value);

      if (label != NULL && g_ascii_strcasecmp (text, label) == 0)
        {
          *new_value = value;
          return TRUE;
        }
    }
  return FALSE;
}

/* Bursts ------------------------------------------------------------------ */

static void
on_focus_leave (GtkEventControllerFocus *controller,
                PwTaskPane              *self)
{
  _pw_task_pane_seal_burst (self);
}

static void
on_entry_activated (gpointer    row,
                    PwTaskPane *self)
{
  _pw_task_pane_seal_burst (self);
}

static void
watch_focus (PwTaskPane *self,
             gpointer    widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect_object (controller, "leave", G_CALLBACK (on_focus_leave), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (widget), controller);
}

static void
connect_entry (PwTaskPane  *self,
               AdwEntryRow *row,
               const char  *property,
               GCallback    callback)
{
  g_object_set_data (G_OBJECT (row), "pw-property", (gpointer) property);
  g_signal_connect_object (row, "changed", callback, self, 0);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_entry_activated), self, 0);
  watch_focus (self, row);
}

static void
connect_view (PwTaskPane  *self,
              GtkTextView *view,
              const char  *property)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  g_object_set_data (G_OBJECT (view), "pw-property", (gpointer) property);
  g_object_set_data (G_OBJECT (buffer), "pw-view", view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, 0);
  watch_focus (self, view);
}

static void
connect_spin (PwTaskPane    *self,
              GtkSpinButton *spin,
              const char    *property,
              const char    *zero_label)
{
  g_object_set_data (G_OBJECT (spin), "pw-property", (gpointer) property);
  g_object_set_data (G_OBJECT (spin), "pw-zero", (gpointer) zero_label);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_spin_changed), self, 0);
  if (gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin)) < 1.0)
    {
      g_signal_connect (spin, "output", G_CALLBACK (on_spin_output), NULL);
      g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), NULL);
    }
  watch_focus (self, spin);
}

void
_pw_task_pane_connect_editors (PwTaskPane *self)
{
  g_signal_connect_object (self->key_row, "changed", G_CALLBACK (on_key_changed), self, 0);
  g_signal_connect_object (self->key_row, "apply", G_CALLBACK (on_key_apply), self, 0);

  connect_entry (self, self->name_row, "name", G_CALLBACK (on_entry_changed));
  connect_entry (self, self->url_row, "url", G_CALLBACK (on_entry_changed));
  connect_entry (self, self->flow_row, "flow-name", G_CALLBACK (on_entry_changed));
  connect_entry (self, self->workdir_row, "workdir", G_CALLBACK (on_entry_changed));
  connect_entry (self, self->map_row, "map", G_CALLBACK (on_entry_changed));
  connect_entry (self, self->tags_row, "tags", G_CALLBACK (on_tags_changed));
  connect_entry (self, self->parameters_row, "parameters", G_CALLBACK (on_parameters_changed));

  connect_view (self, self->script_view, "script");
  connect_view (self, self->body_view, "body");

  g_signal_connect_object (self->argv_editor, "changed", G_CALLBACK (on_argv_changed), self, 0);
  watch_focus (self, self->argv_editor);
  g_object_set_data (G_OBJECT (self->headers_editor), "pw-property", (gpointer) "headers");
  g_signal_connect_object (self->headers_editor, "changed", G_CALLBACK (on_pairs_changed), self, 0);
  watch_focus (self, self->headers_editor);
  g_object_set_data (G_OBJECT (self->env_editor), "pw-property", (gpointer) "env");
  g_signal_connect_object (self->env_editor, "changed", G_CALLBACK (on_pairs_changed), self, 0);
  watch_focus (self, self->env_editor);

  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self, 0);
  g_signal_connect_object (self->trigger_row, "notify::selected", G_CALLBACK (on_trigger_selected), self, 0);
  g_signal_connect_object (self->method_row, "notify::selected", G_CALLBACK (on_method_selected), self, 0);
  g_signal_connect_object (self->cache_switch, "notify::active", G_CALLBACK (on_cache_active), self, 0);

  connect_spin (self, self->retries_spin, "retries", NULL);
  connect_spin (self, self->delay_spin, "retry-delay-seconds", NULL);
  connect_spin (self, self->backoff_spin, "retry-backoff", NULL);
  connect_spin (self, self->jitter_spin, "retry-jitter", NULL);
  connect_spin (self, self->timeout_spin, "timeout-seconds", C_("timeout", "None"));
  connect_spin (self, self->expiration_spin, "cache-expiration-seconds", C_("expiration", "Never"));
}
