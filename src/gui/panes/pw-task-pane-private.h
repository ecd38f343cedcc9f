/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-argv-editor.h"
#include "pw-key-value-editor.h"
#include "pw-task-pane.h"

G_BEGIN_DECLS

struct _PwTaskPane
{
  AdwBin                parent_instance;

  PwBackend            *backend;
  GCancellable         *cancellable;
  PwFlow               *flow;
  PwTask               *task;
  PwDagUndo            *undo;
  gboolean              editable;

  /* While > 0, widgets are being set from the task: their change
   * handlers must not turn that into edits. */
  guint                 syncing;
  /* TRUE while the pane executes its own command on the undo stack. */
  gboolean              executing;

  /* The edit burst going on: the widget typed in and the command its
   * key presses merge into, which is sealed (made unmergeable) when the
   * burst ends, so that the next burst is an undo step of its own. The
   * command belongs to the undo stack; it is only kept while it is the
   * top of that stack. */
  GtkWidget            *burst_source;
  gpointer              burst_command;

  gboolean              flows_loaded; /* while a sub-flow task is shown */
  guint                 validate_id;
  GPtrArray            *flagged;     /* widgets given the .error class */

  GtkStack             *stack;
  GtkScrolledWindow    *scroller;
  GtkBox               *content;

  AdwPreferencesGroup  *identity_group;
  AdwEntryRow          *key_row;
  AdwEntryRow          *name_row;
  AdwComboRow          *kind_row;

  AdwPreferencesGroup  *command_group;
  PwArgvEditor         *argv_editor;
  AdwPreferencesGroup  *shell_group;
  GtkTextView          *script_view;
  AdwPreferencesGroup  *http_group;
  AdwComboRow          *method_row;
  AdwEntryRow          *url_row;
  AdwPreferencesGroup  *headers_group;
  PwKeyValueEditor     *headers_editor;
  AdwPreferencesGroup  *body_group;
  GtkTextView          *body_view;
  AdwPreferencesGroup  *subflow_group;
  AdwEntryRow          *flow_row;
  GtkMenuButton        *flows_button;
  AdwEntryRow          *parameters_row;
  AdwPreferencesGroup  *noop_group;
  AdwPreferencesGroup  *env_group;
  AdwEntryRow          *workdir_row;
  PwKeyValueEditor     *env_editor;

  AdwPreferencesGroup  *run_group;
  AdwComboRow          *trigger_row;
  AdwActionRow         *timeout_row;
  GtkSpinButton        *timeout_spin;
  AdwEntryRow          *map_row;
  AdwEntryRow          *tags_row;

  AdwPreferencesGroup  *retry_group;
  AdwActionRow         *retries_row;
  GtkSpinButton        *retries_spin;
  AdwActionRow         *delay_row;
  GtkSpinButton        *delay_spin;
  AdwActionRow         *backoff_row;
  GtkSpinButton        *backoff_spin;
  AdwActionRow         *jitter_row;
  GtkSpinButton        *jitter_spin;

  AdwPreferencesGroup  *cache_group;
  AdwActionRow         *cache_row;
  GtkSwitch            *cache_switch;
  AdwActionRow         *expiration_row;
  GtkSpinButton        *expiration_spin;

  /* One error label under each group, made in code. */
  GHashTable           *group_errors;  /* AdwPreferencesGroup → GtkLabel */
  GtkLabel             *key_error;
};

/* pw-task-pane-edit.c: from the widgets to the undo stack */
void     _pw_task_pane_connect_editors (PwTaskPane *self);
void     _pw_task_pane_seal_burst      (PwTaskPane *self);
void     _pw_task_pane_forget_burst    (PwTaskPane *self);
gboolean _pw_task_pane_check_key       (PwTaskPane *self,
                                        const char *key,
                                        char      **message);
GStrv    _pw_task_pane_parse_tags      (const char *text);

/* pw-task-pane-problems.c */
void     _pw_task_pane_init_problems   (PwTaskPane *self);
void     _pw_task_pane_clear_problems  (PwTaskPane *self);
void     _pw_task_pane_queue_validate  (PwTaskPane *self);
void     _pw_task_pane_show_key_error  (PwTaskPane *self,
                                        const char *message);

/* pw-task-pane.c */
void     _pw_task_pane_sync            (PwTaskPane *self,
                                        gboolean    with_key);

G_END_DECLS
