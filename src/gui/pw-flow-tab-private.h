/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-dag-canvas.h"
#include "pw-flow-pane.h"
#include "pw-flow-tab.h"
#include "pw-task-pane.h"

G_BEGIN_DECLS

struct _PwFlowTab
{
  AdwBin                parent_instance;

  /* template children */
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwEntryRow          *name_row;
  AdwEntryRow          *description_row;
  GtkLabel             *new_error_label;
  GtkLabel             *name_label;
  GtkLabel             *description_label;
  GtkLabel             *details_label;
  GtkListBox           *runs_list;
  AdwPreferencesGroup  *parameters_group;
  AdwPreferencesGroup  *tasks_group;
  GtkWidget            *toolbar;
  GtkWidget            *edit_tools;
  GtkWidget            *zoom_button;
  GtkWidget            *save_button;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkRevealer          *problems_revealer;
  GtkLabel             *problems_label;
  AdwViewStack         *view_stack;
  PwDagCanvas          *canvas;
  GtkStack             *sidebar_stack;
  PwFlowPane           *flow_pane;
  PwTaskPane           *task_pane;
  AdwStatusPage        *several_page;

  PwBackend            *backend;
  char                 *flow_name;
  PwFlow               *flow;
  guint                 version;
  gboolean              deleted;
  gboolean              loading;
  GPtrArray            *group_rows;     /* rows added to the groups */
  GCancellable         *cancellable;
  GtkFileChooserNative *file_chooser;
  guint                 runs_refresh_id;

  /* the editor (pw-flow-tab-editor.c) */
  PwFlow               *edited;         /* the canvas's copy of the flow */
  PwFlow               *edited_from;    /* the flow it copied */
  PwDagUndo            *undo;           /* the canvas's, for edited */
  char                 *title;
  char                 *problem_task;   /* the task of the first problem */
  gboolean              editable;
  gboolean              saving;
  guint                 n_applied;      /* edits applied, to tell a save's */
  guint                 save_mark;      /* n_applied when the save began */
  GTask                *close_task;     /* a pending pw_flow_tab_confirm_close_async() */
};

void _pw_flow_tab_load                (PwFlowTab    *self);
void _pw_flow_tab_update_actions      (PwFlowTab    *self);
void _pw_flow_tab_set_deleted         (PwFlowTab    *self,
                                       gboolean      deleted);
void _pw_flow_tab_saved_cb            (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data);
void _pw_flow_tab_new_name_changed_cb (PwFlowTab    *self);
void _pw_flow_tab_new_activated_cb    (PwFlowTab    *self);
void _pw_flow_tab_create_action       (GtkWidget    *widget,
                                       const char   *action_name,
                                       GVariant     *parameter);
void _pw_flow_tab_notify_title        (PwFlowTab    *self);
void _pw_flow_tab_show_flow           (PwFlowTab    *self);

void _pw_flow_tab_editor_class_init   (GtkWidgetClass *widget_class);
void _pw_flow_tab_editor_init         (PwFlowTab    *self);
void _pw_flow_tab_editor_dispose      (PwFlowTab    *self);
void _pw_flow_tab_editor_show         (PwFlowTab    *self,
                                       gboolean      replace);
void _pw_flow_tab_editor_update_actions (PwFlowTab  *self);
void _pw_flow_tab_selection_changed_cb (PwFlowTab   *self);
void _pw_flow_tab_editor_update_tools (PwFlowTab    *self);

G_END_DECLS
