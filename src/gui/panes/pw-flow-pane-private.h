/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-enum-types.h"
#include "pw-flow-pane.h"

G_BEGIN_DECLS


struct _PwFlowPane
{
  AdwBin               parent_instance;

  /* template children */
  AdwEntryRow         *name_row;
  AdwEntryRow         *description_row;
  AdwEntryRow         *tags_row;
  AdwComboRow         *runner_row;
  GtkSpinButton       *workers_spin;
  GtkSpinButton       *retries_spin;
  GtkSpinButton       *retry_delay_spin;
  GtkSpinButton       *timeout_spin;
  AdwPreferencesGroup *parameters_group;
  AdwPreferencesGroup *notifications_group;
  GtkWidget           *add_parameter_button;
  GtkWidget           *add_notification_button;

  PwFlow              *flow;
  PwDagUndo           *undo;
  gboolean             editable;
  guint                updating;        /* > 0 while widgets follow the flow */
  GPtrArray           *parameter_rows;  /* GtkWidget (AdwExpanderRow) */
  GPtrArray           *notification_rows;
  gulong               parameters_changed_id;
  gulong               notifications_changed_id;
  char                *error;           /* the last inline error shown */
};

void        _pw_flow_pane_execute           (PwFlowPane   *self,
                                             PwDagCommand *command);
void        _pw_flow_pane_set_error         (PwFlowPane   *self,
                                             const char   *error);
void        _pw_flow_pane_rebuild_parameters    (PwFlowPane *self);
void        _pw_flow_pane_rebuild_notifications (PwFlowPane *self);
void        _pw_flow_pane_clear_lists       (PwFlowPane   *self);
void        _pw_flow_pane_lists_set_editable (PwFlowPane  *self);

/* A row of the parameters or the notification rules (pw-flow-pane-rows.c) */
typedef struct
{
  PwFlowPane     *pane;
  GObject        *item;            /* PwParameter or PwNotificationRule */
  AdwExpanderRow *expander;
  AdwEntryRow    *name_row;        /* parameters: name; rules: states */
  AdwComboRow    *type_row;        /* parameters only */
  AdwEntryRow    *value_row;       /* parameters: default; rules: webhook */
  AdwActionRow   *error_row;
  AdwEntryRow    *description_row; /* parameters only */
  GtkWidget      *remove_button;
} ItemRow;

char      **_pw_flow_pane_split_list        (const char   *text);
JsonNode   *_pw_flow_pane_parse_default     (PwParamType   type,
                                             const char   *text,
                                             GError      **error);
char       *_pw_flow_pane_default_to_text   (JsonNode     *value);
gboolean    _pw_flow_pane_node_equal        (JsonNode     *a,
                                             JsonNode     *b);
gboolean    _pw_flow_pane_is_identifier     (const char   *name);
const char *_pw_flow_pane_type_label        (PwParamType   type);

void        _pw_flow_pane_remove_item       (PwFlowPane   *self,
                                             gpointer      item);
ItemRow    *_pw_flow_pane_item_row_new      (PwFlowPane   *self,
                                             GObject      *item);
void        _pw_flow_pane_set_row_editable  (ItemRow      *row,
                                             gboolean      editable);
void        _pw_flow_pane_show_error        (ItemRow      *row,
                                             AdwEntryRow  *entry,
                                             const char   *message);
void        _pw_flow_pane_set_text          (AdwEntryRow  *entry,
                                             const char   *text);
void        _pw_flow_pane_execute_property  (ItemRow      *row,
                                             const char   *property,
                                             const GValue *value);
GtkWidget  *_pw_flow_pane_add_child_entry   (AdwExpanderRow *expander,
                                             const char   *title);
ItemRow    *_pw_flow_pane_parameter_row_new (PwFlowPane   *self,
                                             PwParameter  *parameter);
ItemRow    *_pw_flow_pane_rule_row_new      (PwFlowPane   *self,
                                             PwNotificationRule *rule);

G_END_DECLS
