/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-dag-command.h"
#include "pw-flow.h"

G_BEGIN_DECLS

#define PW_TYPE_DAG_UNDO (pw_dag_undo_get_type ())
G_DECLARE_FINAL_TYPE (PwDagUndo, pw_dag_undo, PW, DAG_UNDO, GObject)

/**
 * PW_DAG_UNDO_DEPTH:
 *
 * How many steps can be undone; older ones are forgotten.
 */
#define PW_DAG_UNDO_DEPTH 500

PwDagUndo  *pw_dag_undo_new            (PwFlow       *flow);
PwFlow     *pw_dag_undo_get_flow       (PwDagUndo    *self);

void        pw_dag_undo_execute        (PwDagUndo    *self,
                                        PwDagCommand *command);
void        pw_dag_undo_record         (PwDagUndo    *self,
                                        PwDagCommand *command);
void        pw_dag_undo_begin_group    (PwDagUndo    *self,
                                        const char   *label);
void        pw_dag_undo_end_group      (PwDagUndo    *self);

gboolean    pw_dag_undo_undo           (PwDagUndo    *self);
gboolean    pw_dag_undo_redo           (PwDagUndo    *self);
gboolean    pw_dag_undo_can_undo       (PwDagUndo    *self);
gboolean    pw_dag_undo_can_redo       (PwDagUndo    *self);
const char *pw_dag_undo_get_undo_label (PwDagUndo    *self);
const char *pw_dag_undo_get_redo_label (PwDagUndo    *self);
guint       pw_dag_undo_get_n_undo     (PwDagUndo    *self);
guint       pw_dag_undo_get_n_redo     (PwDagUndo    *self);

void        pw_dag_undo_clear          (PwDagUndo    *self);
void        pw_dag_undo_set_clean      (PwDagUndo    *self);
gboolean    pw_dag_undo_is_clean       (PwDagUndo    *self);

G_END_DECLS
