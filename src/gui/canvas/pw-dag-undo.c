/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-undo"

#include "config.h"

#include "pw-dag-undo.h"

/*
 * PwDagUndo: the undo and redo stacks of one flow. Every edit of the
 * canvas goes through it (adding, deleting, moving, connecting, pasting,
 * tidying up), and the property panes push their edits here too, so that
 * Ctrl+Z undoes whatever was done last, wherever it was done.
 *
 * An edit is either executed (applied, then recorded) or recorded after
 * the fact (a drag moves tasks as the pointer moves; the move is recorded
 * when the button is released). A new edit clears the redo stack. Edits
 * made between begin_group() and end_group() become one step. A mergeable
 * edit joins the step before it when that is a mergeable edit of the same
 * kind on the same things and nothing was undone in between.
 *
 * "clean" marks the step at which the flow was saved, so that an editor
 * can tell whether there is anything to save.
 */

struct _PwDagUndo
{
  GObject       parent_instance;

  PwFlow       *flow;
  GPtrArray    *undo;         /* PwDagCommand, oldest first */
  GPtrArray    *redo;         /* PwDagCommand, next to redo last */
  PwDagCommand *group;        /* open group, or NULL */
  guint         group_depth;
  gboolean      may_merge;    /* the top of undo may take a merge */

  /* The undo depth at which the flow was saved; G_MAXUINT when that step
   * can no longer be reached. */
  guint         clean_depth;
};

G_DEFINE_FINAL_TYPE (PwDagUndo, pw_dag_undo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FLOW,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_CLEAN,
  N_PROPS
};

enum {
  APPLIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pw_dag_undo_dispose (GObject *object)
{
  PwDagUndo *self = (PwDagUndo *)object;

  g_clear_pointer (&self->group, pw_dag_command_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_object (&self->flow);

  G_OBJECT_CLASS (pw_dag_undo_parent_class)->dispose (object);
}

static void
pw_dag_undo_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwDagUndo *self = PW_DAG_UNDO (object);

  switch (prop_id)
    {
    case PROP_FLOW:
      g_value_set_object (value, self->flow);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pw_dag_undo_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pw_dag_undo_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, pw_dag_undo_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, pw_dag_undo_get_redo_label (self));
      break;
    case PROP_CLEAN:
      g_value_set_boolean (value, pw_dag_undo_is_clean (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_dag_undo_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PwDagUndo *self = PW_DAG_UNDO (object);

  switch (prop_id)
    {
    case PROP_FLOW:
      self->flow = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_dag_undo_class_init (PwDagUndoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_dag_undo_dispose;
  object_class->get_property = pw_dag_undo_get_property;
  object_class->set_property = pw_dag_undo_set_property;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, PW_TYPE_FLOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLEAN] =
    g_param_spec_boolean ("clean", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwDagUndo::applied:
   *
   * The flow was changed by an edit executed, recorded, undone or redone.
   */
  signals[APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pw_dag_undo_init (PwDagUndo *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_dag_command_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_dag_command_free);
}

/**
 * pw_dag_undo_new:
 * @flow: the flow the edits change
 *
 * Returns: (transfer full): new, empty stacks, clean
 */
PwDagUndo *
pw_dag_undo_new (PwFlow *flow)
{
  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);

  return g_object_new (PW_TYPE_DAG_UNDO, "flow", flow, NULL);
}

/**
 * pw_dag_undo_get_flow:
 *
 * Returns: (transfer none): the flow
 */
PwFlow *
pw_dag_undo_get_flow (PwDagUndo *self)
{
  g_return_val_if_fail (PW_IS_DAG_UNDO (self), NULL);
  return self->flow;
}

typedef struct
{
  gboolean can_undo;
  gboolean can_redo;
  gboolean clean;
  gpointer undo_top;
  gpointer redo_top;
} Before;

static Before
before (PwDagUndo *self)
{
  return (Before) {
    pw_dag_undo_can_undo (self), pw_dag_undo_can_redo (self), pw_dag_undo_is_clean (self),
    self->undo->len > 0 ? g_ptr_array_index (self->undo, self->undo->len - 1) : NULL,
    self->redo->len > 0 ? g_ptr_array_index (self->redo, self->redo->len - 1) : NULL,
  };
}

static void
notify_changes (PwDagUndo *self,
                Before     was)
{
  Before now = before (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (was.can_undo != now.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (was.can_redo != now.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was.undo_top != now.undo_top)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (was.redo_top != now.redo_top)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  if (was.clean != now.clean)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLEAN]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
push (PwDagUndo    *self,
      PwDagCommand *command)
{
  Before was = before (self);

  if (self->group != NULL)
    {
      pw_dag_command_group_add (self->group, command);
      return;
    }

  /* A new edit: what was undone can no longer be redone. */
  g_ptr_array_set_size (self->redo, 0);
  if (self->clean_depth != G_MAXUINT && self->clean_depth > self->undo->len)
    self->clean_depth = G_MAXUINT;

  if (self->may_merge && self->undo->len > 0 &&
      pw_dag_command_merge (g_ptr_array_index (self->undo, self->undo->len - 1), command))
    {
      pw_dag_command_free (command);
      /* The saved state may have been the step that was merged into. */
      if (self->clean_depth == self->undo->len)
        self->clean_depth = G_MAXUINT;
    }
  else
    {
      g_ptr_array_add (self->undo, command);
      if (self->undo->len > PW_DAG_UNDO_DEPTH)
        {
          g_ptr_array_remove_index (self->undo, 0);
          if (self->clean_depth != G_MAXUINT)
            self->clean_depth = self->clean_depth > 0 ? self->clean_depth - 1 : G_MAXUINT;
        }
    }
  self->may_merge = TRUE;

  notify_changes (self, was);
  g_signal_emit (self, signals[APPLIED], 0);
}

/**
 * pw_dag_undo_execute:
 * @command: (transfer full): an edit
 *
 * Applies @command to the flow and records it.
 */
void
pw_dag_undo_execute (PwDagUndo    *self,
                     PwDagCommand *command)
{
  g_return_if_fail (PW_IS_DAG_UNDO (self));
  g_return_if_fail (command != NULL);

  pw_dag_command_apply (command, self->flow);
  push (self, command);
}

/**
 * pw_dag_undo_record:
 * @command: (transfer full): an edit that has been applied already
 *
 * Records @command without applying it.
 */
void
pw_dag_undo_record (PwDagUndo    *self,
                    PwDagCommand *command)
{
  g_return_if_fail (PW_IS_DAG_UNDO (self));
  g_return_if_fail (command != NULL);

  push (self, command);
}

/**
 * pw_dag_undo_begin_group:
 * @label: what the edits do together, for "Undo …"
 *
 * Makes the edits until the matching pw_dag_undo_end_group() one step.
 * Groups nest; the outermost one counts.
 */
void
pw_dag_undo_begin_group (PwDagUndo  *self,
                         const char *label)
{
  g_return_if_fail (PW_IS_DAG_UNDO (self));

  if (self->group_depth++ == 0)
    self->group = pw_dag_command_group_new (label);
}

/**
 * pw_dag_undo_end_group:
 *
 * Ends a group begun with pw_dag_undo_begin_group(); an empty group is
 * dropped.
 */
void
pw_dag_undo_end_group (PwDagUndo *self)
{
  PwDagCommand *group;

  g_return_if_fail (PW_IS_DAG_UNDO (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (pw_dag_command_group_get_size (group) == 0)
    {
      pw_dag_command_free (group);
      return;
    }

  push (self, group);
}

/**
 * pw_dag_undo_undo:
 *
 * Reverts the last edit.
 *
 * Returns: %TRUE if there was one
 */
gboolean
pw_dag_undo_undo (PwDagUndo *self)
{
  Before was;
  PwDagCommand *command;

  g_return_val_if_fail (PW_IS_DAG_UNDO (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->undo->len == 0)
    return FALSE;

  was = before (self);
  command = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  pw_dag_command_revert (command, self->flow);
  g_ptr_array_add (self->redo, command);
  self->may_merge = FALSE;

  notify_changes (self, was);
  g_signal_emit (self, signals[APPLIED], 0);
  return TRUE;
}

/**
 * pw_dag_undo_redo:
 *
 * Applies the last undone edit again.
 *
 * Returns: %TRUE if there was one
 */
gboolean
pw_dag_undo_redo (PwDagUndo *self)
{
  Before was;
  PwDagCommand *command;

  g_return_val_if_fail (PW_IS_DAG_UNDO (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->redo->len == 0)
    return FALSE;

  was = before (self);
  command = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  pw_dag_command_apply (command, self->flow);
  g_ptr_array_add (self->undo, command);
  self->may_merge = FALSE;

  notify_changes (self, was);
  g_signal_emit (self, signals[APPLIED], 0);
  return TRUE;
}

gboolean
pw_dag_undo_can_undo (PwDagUndo *self)
{
  g_return_val_if_fail (PW_IS_DAG_UNDO (self), FALSE);
  return self->undo->len > 0;
}

gboolean
pw_dag_undo_can_redo (PwDagUndo *self)
{
  g_return_val_if_fail (PW_IS_DAG_UNDO (self), FALSE);
  return self->redo->len > 0;
}

/**
 * pw_dag_undo_get_undo_label:
 *
 * Returns: (nullable): what undo would revert ("Move Tasks")
 */
const char *
pw_dag_undo_get_undo_label (PwDagUndo *self)
{
  g_return_val_if_fail (PW_IS_DAG_UNDO (self), NULL);

  if (self->undo->len == 0)
    return NULL;
  return pw_dag_command_get_label (g_ptr_array_index (self->undo, self->undo->len - 1));
}

/**
 * pw_dag_undo_get_redo_label:
 *
 * Returns: (nullable): what redo would apply again
 */
const char *
pw_dag_undo_get_redo_label (PwDagUndo *self)
{
  g_return_val_if_fail (PW_IS_DAG_UNDO (self), NULL);

  if (self->redo->len == 0)
    return NULL;
  return pw_dag_command_get_label (g_ptr_array_index (self->redo, self->redo->len - 1));
}

guint
pw_dag_undo_get_n_undo (PwDagUndo *self)
{
  g_return_val_if_fail (PW_IS_DAG_UNDO (self), 0);
  return self->undo->len;
}

guint
pw_dag_undo_get_n_redo (PwDagUndo *self)
{
  g_return_val_if_fail (PW_IS_DAG_UNDO (self), 0);
  return self->redo->len;
}

/**
 * pw_dag_undo_clear:
 *
 * Forgets every step (the flow was replaced); the flow counts as clean.
 */
void
pw_dag_undo_clear (PwDagUndo *self)
{
  Before was;

  g_return_if_fail (PW_IS_DAG_UNDO (self));

  was = before (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->clean_depth = 0;
  self->may_merge = FALSE;
  notify_changes (self, was);
}

/**
 * pw_dag_undo_set_clean:
 *
 * Marks the flow as it is now as saved.
 */
void
pw_dag_undo_set_clean (PwDagUndo *self)
{
  Before was;

  g_return_if_fail (PW_IS_DAG_UNDO (self));

  was = before (self);
  self->clean_depth = self->undo->len;
  /* An edit after a save is a step of its own. */
  self->may_merge = FALSE;
  notify_changes (self, was);
}

/**
 * pw_dag_undo_is_clean:
 *
 * Returns: %TRUE if the flow is as it was when last marked clean
 */
gboolean
pw_dag_undo_is_clean (PwDagUndo *self)
{
  g_return_val_if_fail (PW_IS_DAG_UNDO (self), FALSE);
  return self->clean_depth == self->undo->len;
}
