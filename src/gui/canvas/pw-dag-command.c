/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-command"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-dag-command.h"
#include "pw-flow-graph.h"

/*
 * Undoable edits as small structs with a table of functions, the way
 * GtkTextView's undo manager in GTK 4 keeps its commands: a command is
 * data and two functions, and a group is a command.
 */

typedef struct
{
  const char *name;
  void      (*apply)    (PwDagCommand *self,
                         PwFlow       *flow);
  void      (*revert)   (PwDagCommand *self,
                         PwFlow       *flow);
  gboolean  (*merge)    (PwDagCommand *self,
                         PwDagCommand *next);
  void      (*finalize) (PwDagCommand *self);
} CommandClass;

struct _PwDagCommand
{
  const CommandClass *klass;
  char               *label;
  gboolean            mergeable;
};

static gpointer
command_new (const CommandClass *klass,
             gsize               size,
             const char         *label)
{
  PwDagCommand *self = g_malloc0 (size);

  self->klass = klass;
  self->label = g_strdup (label);
  return self;
}

/* Tasks added or removed -------------------------------------------------- */

typedef struct
{
  PwDagCommand  parent;
  PwTask      **tasks;
  guint         n_tasks;
  guint        *positions;   /* where the removed tasks were, ascending */
  guint        *order;       /* which task was at each of those places */
} TasksCommand;

static PwTask **
ref_tasks (PwTask **tasks,
           guint    n_tasks)
{
  PwTask **copy = g_new (PwTask *, MAX (n_tasks, 1));

  for (guint i = 0; i < n_tasks; i++)
    copy[i] = g_object_ref (tasks[i]);
  return copy;
}

static void
tasks_finalize (PwDagCommand *command)
{
  TasksCommand *self = (TasksCommand *) command;

  for (guint i = 0; i < self->n_tasks; i++)
    g_object_unref (self->tasks[i]);
  g_free (self->tasks);
  g_free (self->positions);
  g_free (self->order);
}

static void
append_tasks (TasksCommand *self,
              PwFlow       *flow)
{
  for (guint i = 0; i < self->n_tasks; i++)
    pw_flow_add_task (flow, self->tasks[i]);
}

/* Removes the tasks, remembering where each was so that putting them back
 * restores the order of the flow file. */
static void
take_out_tasks (TasksCommand *self,
                PwFlow       *flow)
{
  GListModel *model = pw_flow_get_tasks (flow);
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (model);
  guint found = 0;

  for (guint i = 0; i < self->n_tasks; i++)
    g_hash_table_insert (wanted, self->tasks[i], GUINT_TO_POINTER (i + 1));

  g_free (self->positions);
  g_free (self->order);
  self->positions = g_new (guint, MAX (self->n_tasks, 1));
  self->order = g_new (guint, MAX (self->n_tasks, 1));

  for (guint pos = 0; pos < n && found < self->n_tasks; pos++)
    {
      g_autoptr(PwTask) task = g_list_model_get_item (model, pos);
      guint which = GPOINTER_TO_UINT (g_hash_table_lookup (wanted, task));

      if (which == 0)
        continue;
      self->positions[found] = pos;
      self->order[found] = which - 1;
      found++;
    }

  /* Tasks that are not in the flow (any more) are skipped. */
  for (guint k = found; k-- > 0;)
    pw_flow_remove_task (flow, self->tasks[self->order[k]]);

  /* What was not found must not be put back. */
  for (guint k = found; k < self->n_tasks; k++)
    self->positions[k] = G_MAXUINT;
}

static void
put_back_tasks (TasksCommand *self,
                PwFlow       *flow)
{
  for (guint k = 0; k < self->n_tasks && self->positions[k] != G_MAXUINT; k++)
    pw_flow_insert_task (flow, self->positions[k], self->tasks[self->order[k]]);
}

static void
add_apply (PwDagCommand *command,
           PwFlow       *flow)
{
  append_tasks ((TasksCommand *) command, flow);
}

static void
add_revert (PwDagCommand *command,
            PwFlow       *flow)
{
  take_out_tasks ((TasksCommand *) command, flow);
}

static const CommandClass add_class = {
  "add-tasks", add_apply, add_revert, NULL, tasks_finalize
};

static void
remove_apply (PwDagCommand *command,
              PwFlow       *flow)
{
  take_out_tasks ((TasksCommand *) command, flow);
}

static void
remove_revert (PwDagCommand *command,
               PwFlow       *flow)
{
  put_back_tasks ((TasksCommand *) command, flow);
}

static const CommandClass remove_class = {
  "remove-tasks", remove_apply, remove_revert, NULL, tasks_finalize
};

/**
 * pw_dag_command_add_tasks:
 * @tasks: (array length=n_tasks): tasks that belong to no flow
 * @n_tasks: how many
 *
 * Appends the tasks to the flow; reverting takes them out again.
 *
 * Returns: (transfer full): a new command
 */
PwDagCommand *
pw_dag_command_add_tasks (PwTask **tasks,
                          guint    n_tasks)
{
  TasksCommand *self;

  self = command_new (&add_class, sizeof (TasksCommand),
                      g_dngettext (GETTEXT_PACKAGE, "Add Task", "Add Tasks", n_tasks));
  self->tasks = ref_tasks (tasks, n_tasks);
  self->n_tasks = n_tasks;
  return &self->parent;
}

/**
 * pw_dag_command_remove_tasks:
 * @tasks: (array length=n_tasks): tasks of the flow
 * @n_tasks: how many
 *
 * Takes the tasks out of the flow; reverting puts each back where it was.
 * Other tasks' `after` lists are left alone (pw_dag_command_delete_tasks()
 * cleans them).
 *
 * Returns: (transfer full): a new command
 */
PwDagCommand *
pw_dag_command_remove_tasks (PwTask **tasks,
                             guint    n_tasks)
{
  TasksCommand *self;

  self = command_new (&remove_class, sizeof (TasksCommand),
                      g_dngettext (GETTEXT_PACKAGE, "Remove Task", "Remove Tasks", n_tasks));
  self->tasks = ref_tasks (tasks, n_tasks);
  self->n_tasks = n_tasks;
  return &self->parent;
}

/* Upstream lists -------------------------------------------------------- */

typedef struct
{
  PwDagCommand  parent;
  PwTask       *task;
  GStrv         before;
  GStrv         after;
} AfterCommand;

static void
after_apply (PwDagCommand *command,
             PwFlow       *flow)
{
  AfterCommand *self = (AfterCommand *) command;

  pw_task_set_after (self->task, (const char * const *) self->after);
}

static void
after_revert (PwDagCommand *command,
              PwFlow       *flow)
{
  AfterCommand *self = (AfterCommand *) command;

  pw_task_set_after (self->task, (const char * const *) self->before);
}

static void
after_finalize (PwDagCommand *command)
{
  AfterCommand *self = (AfterCommand *) command;

  g_object_unref (self->task);
  g_strfreev (self->before);
  g_strfreev (self->after);
}

static const CommandClass after_class = {
  "set-after", after_apply, after_revert, NULL, after_finalize
};

/**
 * pw_dag_command_set_after:
 * @task: a task
 * @after: (array zero-terminated=1) (nullable): its new upstream keys
 *
 * Sets the upstream keys of @task; reverting restores the ones it has now.
 *
 * Returns: (transfer full): a new command
 */
PwDagCommand *
pw_dag_command_set_after (PwTask             *task,
                          const char * const *after)
{
  AfterCommand *self;

  g_return_val_if_fail (PW_IS_TASK (task), NULL);

  self = command_new (&after_class, sizeof (AfterCommand), _("Change Upstream Tasks"));
  self->task = g_object_ref (task);
  self->before = g_strdupv ((char **) pw_task_get_after (task));
  self->after = after != NULL ? g_strdupv ((char **) after) : g_new0 (char *, 1);
  return &self->parent;
}

/* Positions -------------------------------------------------------------- */

typedef struct
{
  PwDagCommand  parent;
  PwTask      **tasks;
  guint         n_tasks;
  double       *from_xy;
  double       *to_xy;
} MoveCommand;

static void
set_positions (MoveCommand  *self,
               const double *xy)
{
  for (guint i = 0; i < self->n_tasks; i++)
    pw_task_set_position (self->tasks[i], xy[2 * i], xy[2 * i + 1]);
}

static void
move_apply (PwDagCommand *command,
            PwFlow       *flow)
{
  MoveCommand *self = (MoveCommand *) command;

  set_positions (self, self->to_xy);
}

static void
move_revert (PwDagCommand *command,
             PwFlow       *flow)
{
  MoveCommand *self = (MoveCommand *) command;

  set_positions (self, self->from_xy);
}

/* Nudges of the same tasks in a row become one move. */
static gboolean
move_merge (PwDagCommand *command,
            PwDagCommand *next_command)
{
  MoveCommand *self = (MoveCommand *) command;
  MoveCommand *next = (MoveCommand *) next_command;

  if (self->n_tasks != next->n_tasks)
    return FALSE;
  for (guint i = 0; i < self->n_tasks; i++)
    if (self->tasks[i] != next->tasks[i])
      return FALSE;

  memcpy (self->to_xy, next->to_xy, sizeof (double) * 2 * self->n_tasks);
  return TRUE;
}

static void
move_finalize (PwDagCommand *command)
{
  MoveCommand *self = (MoveCommand *) command;

  for (guint i = 0; i < self->n_tasks; i++)
    g_object_unref (self->tasks[i]);
  g_free (self->tasks);
  g_free (self->from_xy);
  g_free (self->to_xy);
}

static const CommandClass move_class = {
  "move-tasks", move_apply, move_revert, move_merge, move_finalize
};

/**
 * pw_dag_command_move_tasks:
 * @tasks: (array length=n_tasks): the tasks
 * @n_tasks: how many
 * @from_xy: (array): their positions before, x and y for each
 * @to_xy: (array): their positions after
 *
 * Moves tasks; a tidy-up is one of these with every task.
 *
 * Returns: (transfer full): a new command
 */
PwDagCommand *
pw_dag_command_move_tasks (PwTask       **tasks,
                           guint          n_tasks,
                           const double  *from_xy,
                           const double  *to_xy)
{
  MoveCommand *self;

  self = command_new (&move_class, sizeof (MoveCommand),
                      g_dngettext (GETTEXT_PACKAGE, "Move Task", "Move Tasks", n_tasks));
  self->tasks = ref_tasks (tasks, n_tasks);
  self->n_tasks = n_tasks;
  self->from_xy = g_memdup2 (from_xy, sizeof (double) * 2 * MAX (n_tasks, 1));
  self->to_xy = g_memdup2 (to_xy, sizeof (double) * 2 * MAX (n_tasks, 1));
  return &self->parent;
}

/* Properties ------------------------------------------------------------- */

typedef struct
{
  PwDagCommand  parent;
  GObject      *object;
  GParamSpec   *pspec;
  GValue        before;
  GValue        after;
} PropertyCommand;

static void
property_apply (PwDagCommand *command,
                PwFlow       *flow)
{
  PropertyCommand *self = (PropertyCommand *) command;

  g_object_set_property (self->object, self->pspec->name, &self->after);
}

static void
property_revert (PwDagCommand *command,
                 PwFlow       *flow)
{
  PropertyCommand *self = (PropertyCommand *) command;

  g_object_set_property (self->object, self->pspec->name, &self->before);
}

/* Typing into an entry is one edit per key press; those that change the
 * same property of the same object in a row become one. */
static gboolean
property_merge (PwDagCommand *command,
                PwDagCommand *next_command)
{
  PropertyCommand *self = (PropertyCommand *) command;
  PropertyCommand *next = (PropertyCommand *) next_command;

  if (self->object != next->object || self->pspec != next->pspec)
    return FALSE;

  g_value_unset (&self->after);
  g_value_init (&self->after, G_VALUE_TYPE (&next->after));
  g_value_copy (&next->after, &self->after);
  return TRUE;
}

static void
property_finalize (PwDagCommand *command)
{
  PropertyCommand *self = (PropertyCommand *) command;

  g_object_unref (self->object);
  g_value_unset (&self->before);
  g_value_unset (&self->after);
}

static const CommandClass property_class = {
  "set-property", property_apply, property_revert, property_merge, property_finalize
};

/**
 * pw_dag_command_set_property:
 * @object: a #GObject (a #PwTask or the #PwFlow)
 * @property: the name of a writable property
 * @value: its new value
 *
 * Sets a property; reverting restores the value it has now. Successive
 * changes of the same property, made mergeable with
 * pw_dag_command_set_mergeable(), become one undo step (for the property
 * panes, where typing is one change per key press).
 *
 * Returns: (transfer full): a new command
 */
PwDagCommand *
pw_dag_command_set_property (gpointer      object,
                             const char   *property,
                             const GValue *value)
{
  PropertyCommand *self;
  GParamSpec *pspec;
  g_autofree char *label = NULL;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_val_if_fail (pspec != NULL && (pspec->flags & G_PARAM_WRITABLE), NULL);

  /* TRANSLATORS: an undo step, "Undo Change name"; the %s is a property */
  label = g_strdup_printf (_("Change %s"), pspec->name);
  self = command_new (&property_class, sizeof (PropertyCommand), label);
  self->object = g_object_ref (object);
  self->pspec = pspec;
  g_value_init (&self->before, pspec->value_type);
  g_object_get_property (object, pspec->name, &self->before);
  g_value_init (&self->after, pspec->value_type);
  g_value_transform (value, &self->after);
  return &self->parent;
}

/* Custom ----------------------------------------------------------------- */

typedef struct
{
  PwDagCommand      parent;
  PwDagCommandFunc  apply;
  PwDagCommandFunc  revert;
  gpointer          data;
  GDestroyNotify    destroy;
} CustomCommand;

static void
custom_apply (PwDagCommand *command,
              PwFlow       *flow)
{
  CustomCommand *self = (CustomCommand *) command;

  self->apply (flow, self->data);
}

static void
custom_revert (PwDagCommand *command,
               PwFlow       *flow)
{
  CustomCommand *self = (CustomCommand *) command;

  self->revert (flow, self->data);
}

static void
custom_finalize (PwDagCommand *command)
{
  CustomCommand *self = (CustomCommand *) command;

  if (self->destroy != NULL)
    self->destroy (self->data);
}

static const CommandClass custom_class = {
  "custom", custom_apply, custom_revert, NULL, custom_finalize
};

/**
 * pw_dag_command_custom:
 * @label: what the step is called (“Undo Add Parameter”)
 * @apply: what doing it does
 * @revert: what undoing it does
 * @data: passed to both
 * @destroy: (nullable): frees @data with the command
 *
 * A command for an edit the other kinds do not cover (a flow's parameters
 * and notification rules, which are lists, not properties). Never merged.
 *
 * Returns: (transfer full): a new command
 */
PwDagCommand *
pw_dag_command_custom (const char       *label,
                       PwDagCommandFunc  apply,
                       PwDagCommandFunc  revert,
                       gpointer          data,
                       GDestroyNotify    destroy)
{
  CustomCommand *self;

  g_return_val_if_fail (apply != NULL && revert != NULL, NULL);

  self = command_new (&custom_class, sizeof (CustomCommand), label);
  self->apply = apply;
  self->revert = revert;
  self->data = data;
  self->destroy = destroy;
  return &self->parent;
}

/* Groups ----------------------------------------------------------------- */

typedef struct
{
  PwDagCommand  parent;
  GPtrArray    *commands;
} GroupCommand;

static void
group_apply (PwDagCommand *command,
             PwFlow       *flow)
{
  GroupCommand *self = (GroupCommand *) command;

  for (guint i = 0; i < self->commands->len; i++)
    pw_dag_command_apply (g_ptr_array_index (self->commands, i), flow);
}

static void
group_revert (PwDagCommand *command,
              PwFlow       *flow)
{
  GroupCommand *self = (GroupCommand *) command;

  for (guint i = self->commands->len; i-- > 0;)
    pw_dag_command_revert (g_ptr_array_index (self->commands, i), flow);
}

static void
group_finalize (PwDagCommand *command)
{
  GroupCommand *self = (GroupCommand *) command;

  g_ptr_array_unref (self->commands);
}

static const CommandClass group_class = {
  "group", group_apply, group_revert, NULL, group_finalize
};

/**
 * pw_dag_command_group_new:
 * @label: what the group does, for "Undo …"
 *
 * Returns: (transfer full): a new, empty group
 */
PwDagCommand *
pw_dag_command_group_new (const char *label)
{
  GroupCommand *self = command_new (&group_class, sizeof (GroupCommand), label);

  self->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_dag_command_free);
  return &self->parent;
}

/**
 * pw_dag_command_group_add:
 * @group: a group
 * @command: (transfer full): a command to apply after the others
 */
void
pw_dag_command_group_add (PwDagCommand *group,
                          PwDagCommand *command)
{
  g_return_if_fail (group != NULL && group->klass == &group_class);
  g_return_if_fail (command != NULL);

  g_ptr_array_add (((GroupCommand *) group)->commands, command);
}

/**
 * pw_dag_command_group_get_size:
 *
 * Returns: how many commands @group holds
 */
guint
pw_dag_command_group_get_size (PwDagCommand *group)
{
  g_return_val_if_fail (group != NULL && group->klass == &group_class, 0);

  return ((GroupCommand *) group)->commands->len;
}

/* Builders --------------------------------------------------------------- */

/**
 * pw_dag_command_connect:
 * @flow: the flow
 * @upstream_key: the task that runs first
 * @downstream_key: the task that runs after it
 * @error: return location for a #GError
 *
 * Makes the edge @upstream_key → @downstream_key, if pw_flow_can_connect()
 * allows it.
 *
 * Returns: (transfer full) (nullable): a new command, or %NULL with the
 *   reason (a cycle is named by its path), or %NULL without an error when
 *   the edge exists already
 */
PwDagCommand *
pw_dag_command_connect (PwFlow      *flow,
                        const char  *upstream_key,
                        const char  *downstream_key,
                        GError     **error)
{
  PwTask *down;
  g_autoptr(GPtrArray) after = NULL;
  const char * const *old;
  PwDagCommand *command;

  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);

  if (!pw_flow_can_connect (flow, upstream_key, downstream_key, error))
    return NULL;

  down = pw_flow_get_task (flow, downstream_key);
  if (pw_task_has_upstream (down, upstream_key))
    return NULL;

  old = pw_task_get_after (down);
  after = g_ptr_array_new ();
  for (guint i = 0; old[i] != NULL; i++)
    g_ptr_array_add (after, (gpointer) old[i]);
  g_ptr_array_add (after, (gpointer) upstream_key);
  g_ptr_array_add (after, NULL);

  command = pw_dag_command_set_after (down, (const char * const *) after->pdata);
  pw_dag_command_set_label (command, _("Connect"));
  return command;
}

/**
 * pw_dag_command_disconnect:
 * @flow: the flow
 * @upstream_key: the upstream task
 * @downstream_key: the downstream task
 *
 * Removes the edge @upstream_key → @downstream_key.
 *
 * Returns: (transfer full) (nullable): a new command, or %NULL if there is
 *   no such edge
 */
PwDagCommand *
pw_dag_command_disconnect (PwFlow     *flow,
                           const char *upstream_key,
                           const char *downstream_key)
{
  PwTask *down;
  g_autoptr(GPtrArray) after = NULL;
  const char * const *old;
  PwDagCommand *command;

  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);

  down = pw_flow_get_task (flow, downstream_key);
  if (down == NULL || !pw_task_has_upstream (down, upstream_key))
    return NULL;

  old = pw_task_get_after (down);
  after = g_ptr_array_new ();
  for (guint i = 0; old[i] != NULL; i++)
    if (!g_str_equal (old[i], upstream_key))
      g_ptr_array_add (after, (gpointer) old[i]);
  g_ptr_array_add (after, NULL);

  command = pw_dag_command_set_after (down, (const char * const *) after->pdata);
  pw_dag_command_set_label (command, _("Remove Connection"));
  return command;
}

/**
 * pw_dag_command_delete_tasks:
 * @flow: the flow
 * @tasks: (array length=n_tasks): tasks of @flow
 * @n_tasks: how many
 *
 * Deletes tasks and the edges that lead to them from the tasks that stay.
 *
 * Returns: (transfer full): a new group
 */
PwDagCommand *
pw_dag_command_delete_tasks (PwFlow  *flow,
                             PwTask **tasks,
                             guint    n_tasks)
{
  PwDagCommand *group;
  g_autoptr(GHashTable) gone = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) gone_tasks = g_hash_table_new (NULL, NULL);
  GListModel *model;
  guint n;

  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);

  group = pw_dag_command_group_new (g_dngettext (GETTEXT_PACKAGE, "Delete Task", "Delete Tasks",
                                                 n_tasks));
  for (guint i = 0; i < n_tasks; i++)
    {
      g_hash_table_add (gone, (gpointer) pw_task_get_key (tasks[i]));
      g_hash_table_add (gone_tasks, tasks[i]);
    }

  model = pw_flow_get_tasks (flow);
  n = g_list_model_get_n_items (model);
  for (guint pos = 0; pos < n; pos++)
    {
      g_autoptr(PwTask) task = g_list_model_get_item (model, pos);
      const char * const *after = pw_task_get_after (task);
      g_autoptr(GPtrArray) kept = NULL;
      gboolean changed = FALSE;

      if (g_hash_table_contains (gone_tasks, task) || after[0] == NULL)
        continue;

      kept = g_ptr_array_new ();
      for (guint k = 0; after[k] != NULL; k++)
        {
          if (g_hash_table_contains (gone, after[k]))
            changed = TRUE;
          else
            g_ptr_array_add (kept, (gpointer) after[k]);
        }
      g_ptr_array_add (kept, NULL);

      if (changed)
        pw_dag_command_group_add (group, pw_dag_command_set_after (task, (const char * const *) kept->pdata));
    }

  pw_dag_command_group_add (group, pw_dag_command_remove_tasks (tasks, n_tasks));
  return group;
}

/**
 * pw_dag_command_rename_task:
 * @flow: the flow
 * @task: a task of @flow
 * @key: its new key
 *
 * Changes a task's key and the `after` lists that name it. (Templates
 * that name it are left for validation to report.)
 *
 * Returns: (transfer full): a new group
 */
PwDagCommand *
pw_dag_command_rename_task (PwFlow     *flow,
                            PwTask     *task,
                            const char *key)
{
  g_autofree char *old_key = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  PwDagCommand *group;
  GListModel *model;
  guint n;

  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);
  g_return_val_if_fail (PW_IS_TASK (task), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  old_key = g_strdup (pw_task_get_key (task));
  group = pw_dag_command_group_new (_("Rename Task"));

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, key);
  pw_dag_command_group_add (group, pw_dag_command_set_property (task, "key", &value));

  model = pw_flow_get_tasks (flow);
  n = g_list_model_get_n_items (model);
  for (guint pos = 0; pos < n; pos++)
    {
      g_autoptr(PwTask) other = g_list_model_get_item (model, pos);
      const char * const *after = pw_task_get_after (other);
      g_auto(GStrv) renamed = NULL;

      if (!pw_task_has_upstream (other, old_key))
        continue;

      renamed = g_strdupv ((char **) after);
      for (guint k = 0; renamed[k] != NULL; k++)
        if (g_str_equal (renamed[k], old_key))
          {
            g_free (renamed[k]);
            renamed[k] = g_strdup (key);
          }
      pw_dag_command_group_add (group, pw_dag_command_set_after (other, (const char * const *) renamed));
    }

  return group;
}

/* Common ----------------------------------------------------------------- */

/**
 * pw_dag_command_get_label:
 *
 * Returns: what the command does ("Move Tasks"), for "Undo …"
 */
const char *
pw_dag_command_get_label (PwDagCommand *command)
{
  return command->label;
}

/**
 * pw_dag_command_set_label:
 * @label: what the command does
 */
void
pw_dag_command_set_label (PwDagCommand *command,
                          const char   *label)
{
  g_free (command->label);
  command->label = g_strdup (label);
}

/**
 * pw_dag_command_set_mergeable:
 * @mergeable: whether the next command of the same kind on the same
 *   things may join this one in one undo step
 */
void
pw_dag_command_set_mergeable (PwDagCommand *command,
                              gboolean      mergeable)
{
  command->mergeable = mergeable;
}

/**
 * pw_dag_command_apply:
 * @flow: the flow the command edits
 */
void
pw_dag_command_apply (PwDagCommand *command,
                      PwFlow       *flow)
{
  command->klass->apply (command, flow);
}

/**
 * pw_dag_command_revert:
 * @flow: the flow the command edits
 */
void
pw_dag_command_revert (PwDagCommand *command,
                       PwFlow       *flow)
{
  command->klass->revert (command, flow);
}

/**
 * pw_dag_command_merge:
 * @next: the command applied right after @command
 *
 * Folds @next into @command when both are mergeable, of the same kind and
 * on the same things.
 *
 * Returns: %TRUE if @command now includes @next (which is then not needed)
 */
gboolean
pw_dag_command_merge (PwDagCommand *command,
                      PwDagCommand *next)
{
  if (!command->mergeable || !next->mergeable || command->klass != next->klass ||
      command->klass->merge == NULL)
    return FALSE;

  return command->klass->merge (command, next);
}

/**
 * pw_dag_command_free:
 * @command: (nullable): a command
 */
void
pw_dag_command_free (PwDagCommand *command)
{
  if (command == NULL)
    return;

  command->klass->finalize (command);
  g_free (command->label);
  g_free (command);
}
