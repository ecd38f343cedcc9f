/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-deployment-editor.h"

G_BEGIN_DECLS

/*
 * PwDeploymentEditor is split around this header:
 *   pw-deployment-editor.c       the object, checking the form as it is
 *                                typed, the flow list, the actions
 *   pw-deployment-editor-form.c  the form and PwDeployment: reading the
 *                                fields, the parameter rows, loading a
 *                                deployment into the form and making one
 *                                from it
 * The time-zone chooser is its own widget, PwTimezoneChooser.
 */

struct _PwDeploymentEditor
{
  GtkBox          parent_instance;

  PwBackend      *backend;
  GCancellable   *cancellable;
  PwDeployment   *deployment;   /* NULL while creating one */
  PwFlow         *flow;
  char           *pending_flow; /* to select once the flow list is loaded */
  PwSchedule     *schedule;
  char           *error_text;
  GStrv           preview;
  char           *description_text;
  GPtrArray      *param_rows;
  PwDeployment   *deleted;      /* for Undo */
  gboolean        loading;
  gboolean        can_save;

  AdwEntryRow    *name_row;
  AdwComboRow    *flow_row;
  GtkStringList  *flow_names;
  AdwEntryRow    *description_row;
  AdwEntryRow    *work_queue_row;
  AdwEntryRow    *tags_row;
  GtkFlowBox     *tag_chips;
  GtkSwitch      *pause_switch;
  AdwComboRow    *kind_row;
  AdwActionRow   *interval_row;
  GtkSpinButton  *interval_spin;
  GtkDropDown    *unit_dropdown;
  AdwEntryRow    *anchor_row;
  AdwEntryRow    *cron_row;
  AdwEntryRow    *rrule_row;
  AdwEntryRow    *timezone_row;
  AdwActionRow   *describe_row;
  GtkLabel       *error_label;
  AdwPreferencesGroup *preview_group;
  GtkLabel       *preview_label;
  AdwPreferencesGroup *parameters_group;
  GtkButton      *save_button;
  GtkButton      *run_button;
  GtkButton      *delete_button;
};

/* pw-deployment-editor.c */
void          _pw_deployment_editor_validate             (PwDeploymentEditor  *self);
gboolean      _pw_deployment_editor_select_flow          (PwDeploymentEditor  *self,
                                                          const char          *name);
void          _pw_deployment_editor_flow_selected        (PwDeploymentEditor  *self);

/* pw-deployment-editor-form.c */
char         *_pw_deployment_editor_dup_text             (AdwEntryRow         *row);
const char   *_pw_deployment_editor_selected_flow        (PwDeploymentEditor  *self);
PwSchedule   *_pw_deployment_editor_build_schedule       (PwDeploymentEditor  *self,
                                                          GError             **error);
char         *_pw_deployment_editor_build_parameters     (PwDeploymentEditor  *self,
                                                          GError             **error);
void          _pw_deployment_editor_update_chips         (PwDeploymentEditor  *self);
void          _pw_deployment_editor_clear_parameter_rows (PwDeploymentEditor  *self);
void          _pw_deployment_editor_build_parameter_rows (PwDeploymentEditor  *self);
void          _pw_deployment_editor_load                 (PwDeploymentEditor  *self);
PwDeployment *_pw_deployment_editor_form_to_deployment   (PwDeploymentEditor  *self,
                                                          GError             **error);

G_END_DECLS
