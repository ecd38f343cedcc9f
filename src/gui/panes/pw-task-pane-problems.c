/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-task-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-validate.h"
#include "pw-task-pane-private.h"

/*
 * The problems of the task shown in PwTaskPane, where they are: after
 * each change the whole flow is validated in an idle (pw_flow_validate()
 * is cheap even for 10,000 tasks), and each problem of this task goes
 * under the group of its member, in that group's error label, its row
 * marked with the `error` style class. A key being typed is checked at
 * once (pw-task-pane-edit.c) and has its own label.
 */

/* Where the problems of each member of a task are shown. */
static const struct
{
  const char *member;
  gsize       row;     /* offset of the row to mark, or 0 */
  gsize       group;   /* offset of the group to explain it under */
} member_places[] = {
  { "key", G_STRUCT_OFFSET (PwTaskPane, key_row), G_STRUCT_OFFSET (PwTaskPane, identity_group) },
  { "name", G_STRUCT_OFFSET (PwTaskPane, name_row), G_STRUCT_OFFSET (PwTaskPane, identity_group) },
  { "kind", G_STRUCT_OFFSET (PwTaskPane, kind_row), G_STRUCT_OFFSET (PwTaskPane, identity_group) },
  { "command", 0, G_STRUCT_OFFSET (PwTaskPane, command_group) },
  { "script", 0, G_STRUCT_OFFSET (PwTaskPane, shell_group) },
  { "method", G_STRUCT_OFFSET (PwTaskPane, method_row), G_STRUCT_OFFSET (PwTaskPane, http_group) },
  { "url", G_STRUCT_OFFSET (PwTaskPane, url_row), G_STRUCT_OFFSET (PwTaskPane, http_group) },
  { "headers", 0, G_STRUCT_OFFSET (PwTaskPane, headers_group) },
  { "body", 0, G_STRUCT_OFFSET (PwTaskPane, body_group) },
  { "flow", G_STRUCT_OFFSET (PwTaskPane, flow_row), G_STRUCT_OFFSET (PwTaskPane, subflow_group) },
  { "parameters", G_STRUCT_OFFSET (PwTaskPane, parameters_row), G_STRUCT_OFFSET (PwTaskPane, subflow_group) },
  { "env", 0, G_STRUCT_OFFSET (PwTaskPane, env_group) },
  { "workdir", G_STRUCT_OFFSET (PwTaskPane, workdir_row), G_STRUCT_OFFSET (PwTaskPane, env_group) },
  { "retries", G_STRUCT_OFFSET (PwTaskPane, retries_row), G_STRUCT_OFFSET (PwTaskPane, retry_group) },
  { "retry_delay_seconds", G_STRUCT_OFFSET (PwTaskPane, delay_row), G_STRUCT_OFFSET (PwTaskPane, retry_group) },
  { "retry_backoff", G_STRUCT_OFFSET (PwTaskPane, backoff_row), G_STRUCT_OFFSET (PwTaskPane, retry_group) },
  { "retry_jitter", G_STRUCT_OFFSET (PwTaskPane, jitter_row), G_STRUCT_OFFSET (PwTaskPane, retry_group) },
  { "timeout_seconds", G_STRUCT_OFFSET (PwTaskPane, timeout_row), G_STRUCT_OFFSET (PwTaskPane, run_group) },
  { "map", G_STRUCT_OFFSET (PwTaskPane, map_row), G_STRUCT_OFFSET (PwTaskPane, run_group) },
  { "tags", G_STRUCT_OFFSET (PwTaskPane, tags_row), G_STRUCT_OFFSET (PwTaskPane, run_group) },
  { "cache.expiration_seconds", G_STRUCT_OFFSET (PwTaskPane, expiration_row), G_STRUCT_OFFSET (PwTaskPane, cache_group) },
};


#define MEMBER(self, offset) (G_STRUCT_MEMBER (gpointer, (self), (offset)))

static GtkLabel *
group_error (PwTaskPane          *self,
             AdwPreferencesGroup *group)
{
  return g_hash_table_lookup (self->group_errors, group);
}

static void
add_group_message (PwTaskPane          *self,
                   AdwPreferencesGroup *group,
                   const char          *message)
{
  GtkLabel *label = group_error (self, group);
  const char *text = gtk_label_get_text (label);
  g_autofree char *joined = NULL;

  joined = text[0] != '\0' ? g_strdup_printf ("%s\n%s", text, message) : g_strdup (message);
  gtk_label_set_text (label, joined);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
flag (PwTaskPane *self,
      GtkWidget  *widget)
{
  if (gtk_widget_has_css_class (widget, "error"))
    return;
  gtk_widget_add_css_class (widget, "error");
  g_ptr_array_add (self->flagged, g_object_ref (widget));
}

void
_pw_task_pane_clear_problems (PwTaskPane *self)
{
  GHashTableIter iter;
  gpointer label;

  for (guint i = 0; i < self->flagged->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->flagged, i), "error");
  g_ptr_array_set_size (self->flagged, 0);

  g_hash_table_iter_init (&iter, self->group_errors);
  while (g_hash_table_iter_next (&iter, NULL, &label))
    {
      gtk_label_set_text (label, "");
      gtk_widget_set_visible (label, FALSE);
    }
}

static void
show_problem (PwTaskPane      *self,
              const PwProblem *problem)
{
  const char *member = pw_problem_get_member (problem);
  AdwPreferencesGroup *group = self->identity_group;
  GtkWidget *row = NULL;

  for (guint i = 0; member != NULL && i < G_N_ELEMENTS (member_places); i++)
    if (g_str_equal (member, member_places[i].member))
      {
        group = MEMBER (self, member_places[i].group);
        row = member_places[i].row != 0 ? MEMBER (self, member_places[i].row) : NULL;
        break;
      }

  /* A problem of a member this kind does not show (the env of what is
   * now an http task, which is not saved) stays with the task. */
  if (!gtk_widget_get_visible (GTK_WIDGET (group)))
    group = self->identity_group, row = NULL;

  if (row != NULL)
    flag (self, row);
  add_group_message (self, group, pw_problem_get_message (problem));
}

static gboolean
validate_now (gpointer data)
{
  PwTaskPane *self = data;
  g_autoptr(GPtrArray) problems = NULL;
  const char *key;

  self->validate_id = 0;
  _pw_task_pane_clear_problems (self);

  if (self->task == NULL || self->flow == NULL)
    return G_SOURCE_REMOVE;

  key = pw_task_get_key (self->task);
  problems = pw_flow_validate (self->flow);
  for (guint i = 0; i < problems->len; i++)
    {
      const PwProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (pw_problem_get_task_key (problem), key) == 0)
        show_problem (self, problem);
    }

  /* Text that does not parse is not applied; say so where it is. */
  if (gtk_widget_has_css_class (GTK_WIDGET (self->parameters_row), "pw-unparsed"))
    {
      flag (self, GTK_WIDGET (self->parameters_row));
      add_group_message (self, self->subflow_group,
                         _("The parameters are not a JSON object; they are not applied"));
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->key_error)))
    flag (self, GTK_WIDGET (self->key_row));

  return G_SOURCE_REMOVE;
}

void
_pw_task_pane_queue_validate (PwTaskPane *self)
{
  if (self->validate_id == 0)
    self->validate_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, validate_now, self, NULL);
}

void
_pw_task_pane_show_key_error (PwTaskPane *self,
                              const char *message)
{
  gtk_label_set_text (self->key_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_error), message != NULL);
  if (message != NULL)
    flag (self, GTK_WIDGET (self->key_row));
  else
    _pw_task_pane_queue_validate (self);
}

static void
add_error_label (PwTaskPane          *self,
                 AdwPreferencesGroup *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_visible (label, FALSE);
  adw_preferences_group_add (group, label);
  g_hash_table_insert (self->group_errors, group, label);
}

/* An error label under each group of the pane, made once. */
void
_pw_task_pane_init_problems (PwTaskPane *self)
{
  /* The key's own message comes first, then the task's problems. */
  self->key_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->key_error, TRUE);
  gtk_label_set_xalign (self->key_error, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->key_error), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->key_error), "caption");
  gtk_widget_set_margin_top (GTK_WIDGET (self->key_error), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->key_error), FALSE);
  adw_preferences_group_add (self->identity_group, GTK_WIDGET (self->key_error));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->content));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_GROUP (child))
      add_error_label (self, ADW_PREFERENCES_GROUP (child));
}
