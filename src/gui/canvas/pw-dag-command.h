/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flow.h"

G_BEGIN_DECLS

/**
 * PwDagCommand:
 *
 * One undoable edit of a flow: it can be applied and reverted, any number
 * of times, alternately. Commands hold references to the tasks they touch
 * (not their keys), so that a task removed and put back is the same
 * object, and commands further down the stack still find it.
 *
 * The simple commands change one thing; a group applies its commands in
 * order and reverts them in reverse order. The builders
 * (pw_dag_command_connect(), pw_dag_command_delete_tasks(),
 * pw_dag_command_rename_task()) make the groups the canvas and the
 * property panes need. Commands are applied through a #PwDagUndo.
 */
typedef struct _PwDagCommand PwDagCommand;

PwDagCommand *pw_dag_command_add_tasks        (PwTask             **tasks,
                                               guint                n_tasks);
PwDagCommand *pw_dag_command_remove_tasks     (PwTask             **tasks,
                                               guint                n_tasks);
PwDagCommand *pw_dag_command_set_after        (PwTask              *task,
                                               const char * const  *after);
PwDagCommand *pw_dag_command_move_tasks       (PwTask             **tasks,
                                               guint                n_tasks,
                                               const double        *from_xy,
                                               const double        *to_xy);
PwDagCommand *pw_dag_command_set_property     (gpointer             object,
                                               const char          *property,
                                               const GValue        *value);
/**
 * PwDagCommandFunc:
 * @flow: the flow the command edits
 * @data: the command's data
 *
 * What a custom command does to apply or to revert itself.
 */
typedef void (*PwDagCommandFunc) (PwFlow   *flow,
                                  gpointer  data);

PwDagCommand *pw_dag_command_custom           (const char          *label,
                                               PwDagCommandFunc     apply,
                                               PwDagCommandFunc     revert,
                                               gpointer             data,
                                               GDestroyNotify       destroy);
PwDagCommand *pw_dag_command_group_new        (const char          *label);
void          pw_dag_command_group_add        (PwDagCommand        *group,
                                               PwDagCommand        *command);
guint         pw_dag_command_group_get_size   (PwDagCommand        *group);

PwDagCommand *pw_dag_command_connect          (PwFlow              *flow,
                                               const char          *upstream_key,
                                               const char          *downstream_key,
                                               GError             **error);
PwDagCommand *pw_dag_command_disconnect       (PwFlow              *flow,
                                               const char          *upstream_key,
                                               const char          *downstream_key);
PwDagCommand *pw_dag_command_delete_tasks     (PwFlow              *flow,
                                               PwTask             **tasks,
                                               guint                n_tasks);
PwDagCommand *pw_dag_command_rename_task      (PwFlow              *flow,
                                               PwTask              *task,
                                               const char          *key);

const char   *pw_dag_command_get_label        (PwDagCommand        *command);
void          pw_dag_command_set_label        (PwDagCommand        *command,
                                               const char          *label);
void          pw_dag_command_set_mergeable    (PwDagCommand        *command,
                                               gboolean             mergeable);
void          pw_dag_command_apply            (PwDagCommand        *command,
                                               PwFlow              *flow);
void          pw_dag_command_revert           (PwDagCommand        *command,
                                               PwFlow              *flow);
gboolean      pw_dag_command_merge            (PwDagCommand        *command,
                                               PwDagCommand        *next);
void          pw_dag_command_free             (PwDagCommand        *command);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwDagCommand, pw_dag_command_free)

G_END_DECLS
