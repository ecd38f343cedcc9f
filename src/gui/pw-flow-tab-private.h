/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flow-tab.h"

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

G_END_DECLS
