/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-deployment-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "pw-deployment-editor-private.h"
#include "pw-flow.h"
#include "pw-parameter.h"

/*
 * The deployment editor's form and PwDeployment, both ways: reading the
 * fields (a schedule, parameters as JSON), the rows of the flow's
 * parameters, loading a deployment into the form, and the deployment the
 * form describes.
 */

static const double unit_seconds[] = { 1, 60, 3600, 86400 };

/* reading the form */

char *
_pw_deployment_editor_dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static GStrv
dup_tags (PwDeploymentEditor *self)
{
  g_autofree char *text = _pw_deployment_editor_dup_text (self->tags_row);
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

const char *
_pw_deployment_editor_selected_flow (PwDeploymentEditor *self)
{
  GtkStringObject *object = adw_combo_row_get_selected_item (self->flow_row);

  return object != NULL ? gtk_string_object_get_string (object) : NULL;
}

static GDateTime *
parse_anchor (const char  *text,
              const char  *tz_name,
              GError     **error)
{
  int y, mo, d, h = 0, mi = 0, sec = 0;
  g_autoptr(GTimeZone) tz = NULL;
  GDateTime *anchor;

  if (sscanf (text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec) < 3)
    goto bad;
  tz = tz_name != NULL ? g_time_zone_new_identifier (tz_name) : NULL;
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  anchor = g_date_time_new (tz, y, mo, d, h, mi, sec);
  if (anchor == NULL)
    goto bad;
  return anchor;

bad:
  g_set_error (error, PW_SCHEDULE_ERROR, 0,
               _("Anchor: “%s” is not a date and time like 2024-01-31 09:00"), text);
  return NULL;
}

PwSchedule *
_pw_deployment_editor_build_schedule (PwDeploymentEditor  *self,
                                      GError             **error)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);
  g_autofree char *tz = _pw_deployment_editor_dup_text (self->timezone_row);
  const char *tz_name = tz[0] != '\0' ? tz : NULL;

  if (tz_name != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (tz_name);

      if (zone == NULL)
        {
          g_set_error (error, PW_SCHEDULE_ERROR, 0,
                       _("Time zone: “%s” is not a known time zone"), tz_name);
          return NULL;
        }
    }

  switch (kind)
    {
    case 1: /* interval */
      {
        g_autofree char *anchor_text = _pw_deployment_editor_dup_text (self->anchor_row);
        g_autoptr(GDateTime) anchor = NULL;
        guint unit = gtk_drop_down_get_selected (self->unit_dropdown);
        double seconds = gtk_spin_button_get_value (self->interval_spin) *
                         unit_seconds[MIN (unit, G_N_ELEMENTS (unit_seconds) - 1)];

        if (anchor_text[0] != '\0' &&
            (anchor = parse_anchor (anchor_text, tz_name, error)) == NULL)
          return NULL;
        return pw_schedule_new_interval (seconds, anchor, tz_name, error);
      }
    case 2:
      {
        g_autofree char *cron = _pw_deployment_editor_dup_text (self->cron_row);

        return pw_schedule_new_cron (cron, tz_name, TRUE, error);
      }
    case 3:
      {
        g_autofree char *rrule = _pw_deployment_editor_dup_text (self->rrule_row);

        return pw_schedule_new_rrule (rrule, tz_name, error);
      }
    default:
      return NULL;
    }
}

/* Parameters as a JSON object; the rows left empty are left out. */
char *
_pw_deployment_editor_build_parameters (PwDeploymentEditor  *self,
                                        GError             **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < self->param_rows->len; i++)
    {
      AdwEntryRow *row = g_ptr_array_index (self->param_rows, i);
      PwParameter *parameter = g_object_get_data (G_OBJECT (row), "pw-parameter");
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autoptr(GError) local_error = NULL;
      JsonNode *value;

      if (text[0] == '\0')
        continue;
      value = pw_parameter_parse_text (pw_parameter_get_param_type (parameter), text, FALSE, &local_error);
      if (value == NULL)
        {
          g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                       _("Parameter “%s”: %s"), pw_parameter_get_name (parameter),
                       local_error->message);
          return NULL;
        }
      json_object_set_member (object, pw_parameter_get_name (parameter), value);
    }
  json_node_set_object (root, object);
  return json_to_string (root, FALSE);
}

void
_pw_deployment_editor_update_chips (PwDeploymentEditor *self)
{
  g_auto(GStrv) tags = dup_tags (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_chips))) != NULL)
    gtk_flow_box_remove (self->tag_chips, child);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *label = gtk_label_new (tags[i]);

      gtk_widget_add_css_class (chip, "card");
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_margin_top (label, 3);
      gtk_widget_set_margin_bottom (label, 3);
      gtk_widget_set_margin_start (label, 10);
      gtk_widget_set_margin_end (label, 10);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (chip), label);
      gtk_flow_box_append (self->tag_chips, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tag_chips), tags[0] != NULL);
}

/* parameters */

static void
fill_parameter_values (PwDeploymentEditor *self)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;
  const char *parameters = self->deployment != NULL ? pw_deployment_get_parameters (self->deployment) : NULL;

  if (parameters != NULL)
    root = json_from_string (parameters, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);

  for (guint i = 0; i < self->param_rows->len; i++)
    {
      AdwEntryRow *row = g_ptr_array_index (self->param_rows, i);
      PwParameter *parameter = g_object_get_data (G_OBJECT (row), "pw-parameter");
      JsonNode *value = object != NULL ? json_object_get_member (object, pw_parameter_get_name (parameter)) : NULL;
      g_autofree char *text = value != NULL ? pw_parameter_value_to_text (value) : NULL;

      gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
    }
}

void
_pw_deployment_editor_clear_parameter_rows (PwDeploymentEditor *self)
{
  for (guint i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->parameters_group, g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);
}

void
_pw_deployment_editor_build_parameter_rows (PwDeploymentEditor *self)
{
  GListModel *parameters = self->flow != NULL ? pw_flow_get_parameters (self->flow) : NULL;
  guint n = parameters != NULL ? g_list_model_get_n_items (parameters) : 0;

  _pw_deployment_editor_clear_parameter_rows (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwParameter) parameter = g_list_model_get_item (parameters, i);
      JsonNode *fallback = pw_parameter_get_default (parameter);
      g_autofree char *default_text = fallback != NULL ? pw_parameter_value_to_text (fallback) : NULL;
      g_autofree char *title = NULL;
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *type_label;

      if (default_text != NULL)
        /* Translators: a parameter's name and its default value */
        title = g_strdup_printf (_("%s (default %s)"), pw_parameter_get_name (parameter), default_text);
      else
        title = g_strdup (pw_parameter_get_name (parameter));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      type_label = gtk_label_new (pw_param_type_describe (pw_parameter_get_param_type (parameter)));
      gtk_widget_add_css_class (type_label, "dim-label");
      gtk_widget_add_css_class (type_label, "caption");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), type_label);
      if (pw_parameter_get_description (parameter) != NULL)
        gtk_widget_set_tooltip_text (row, pw_parameter_get_description (parameter));
      g_object_set_data_full (G_OBJECT (row), "pw-parameter", g_object_ref (parameter), g_object_unref);
      g_signal_connect_object (row, "changed", G_CALLBACK (_pw_deployment_editor_validate), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->parameters_group, row);
      g_ptr_array_add (self->param_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->parameters_group), n > 0);
  fill_parameter_values (self);
}

/* loading a deployment into the form */

void
_pw_deployment_editor_load (PwDeploymentEditor *self)
{
  PwDeployment *d = self->deployment;
  PwSchedule *schedule = d != NULL ? pw_deployment_get_schedule (d) : NULL;
  const char * const *tags = d != NULL ? pw_deployment_get_tags (d) : NULL;
  g_autofree char *tags_text = tags != NULL ? g_strjoinv (", ", (char **)tags) : g_strdup ("");
  const char *flow_name = d != NULL ? pw_deployment_get_flow_name (d) : self->pending_flow;
  guint kind = 2;
  g_autofree char *flow_copy = g_strdup (flow_name);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), d != NULL ? pw_deployment_get_name (d) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         d != NULL && pw_deployment_get_description (d) != NULL ? pw_deployment_get_description (d) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->work_queue_row),
                         d != NULL && pw_deployment_get_work_queue_name (d) != NULL ? pw_deployment_get_work_queue_name (d) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags_text);
  gtk_switch_set_active (self->pause_switch, d != NULL && pw_deployment_get_paused (d));
  gtk_editable_set_text (GTK_EDITABLE (self->cron_row), "0 9 * * *");
  gtk_editable_set_text (GTK_EDITABLE (self->rrule_row), "FREQ=WEEKLY;BYDAY=MO");
  gtk_editable_set_text (GTK_EDITABLE (self->anchor_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->timezone_row), "UTC");
  gtk_spin_button_set_value (self->interval_spin, 1);
  gtk_drop_down_set_selected (self->unit_dropdown, 2);

  if (d != NULL)
    kind = 0;
  if (schedule != NULL)
    {
      const char *tz = pw_schedule_get_timezone (schedule);

      gtk_editable_set_text (GTK_EDITABLE (self->timezone_row), tz != NULL ? tz : "UTC");
      switch (pw_schedule_get_kind (schedule))
        {
        case PW_SCHEDULE_KIND_INTERVAL:
          {
            double seconds = pw_schedule_get_interval (schedule);
            GDateTime *anchor = pw_schedule_get_anchor_date (schedule);
            guint unit = 0;

            for (guint u = G_N_ELEMENTS (unit_seconds); u > 0; u--)
              if (fmod (seconds, unit_seconds[u - 1]) == 0)
                {
                  unit = u - 1;
                  break;
                }
            gtk_drop_down_set_selected (self->unit_dropdown, unit);
            gtk_spin_button_set_value (self->interval_spin, seconds / unit_seconds[unit]);
            if (anchor != NULL)
              {
                g_autoptr(GTimeZone) zone = tz != NULL ? g_time_zone_new_identifier (tz) : NULL;
                g_autoptr(GDateTime) in_zone = zone != NULL ? g_date_time_to_timezone (anchor, zone)
                                                            : g_date_time_ref (anchor);
                /* Seconds only when there are some, so that saving keeps the anchor. */
                g_autofree char *text = g_date_time_format (in_zone, g_date_time_get_second (in_zone) != 0
                                                                     ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M");

                gtk_editable_set_text (GTK_EDITABLE (self->anchor_row), text);
              }
            kind = 1;
          }
          break;
        case PW_SCHEDULE_KIND_CRON:
          gtk_editable_set_text (GTK_EDITABLE (self->cron_row), pw_schedule_get_cron (schedule));
          kind = 2;
          break;
        case PW_SCHEDULE_KIND_RRULE:
          gtk_editable_set_text (GTK_EDITABLE (self->rrule_row), pw_schedule_get_rrule (schedule));
          kind = 3;
          break;
        default:
          break;
        }
    }
  adw_combo_row_set_selected (self->kind_row, kind);
  self->loading = FALSE;

  if (flow_copy == NULL || !_pw_deployment_editor_select_flow (self, flow_copy))
    {
      g_free (self->pending_flow);
      self->pending_flow = g_steal_pointer (&flow_copy);
      _pw_deployment_editor_flow_selected (self);
    }
  _pw_deployment_editor_validate (self);
}

/* The deployment the form describes: a copy of the one edited, or a new
 * one, with the form's values; %NULL (with @error set) when a parameter's
 * text does not parse. */
PwDeployment *
_pw_deployment_editor_form_to_deployment (PwDeploymentEditor  *self,
                                          GError             **error)
{
  g_autoptr(PwDeployment) d = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *parameters = NULL;
  g_auto(GStrv) tags = NULL;

  name = _pw_deployment_editor_dup_text (self->name_row);
  description = _pw_deployment_editor_dup_text (self->description_row);
  queue = _pw_deployment_editor_dup_text (self->work_queue_row);
  tags = dup_tags (self);
  parameters = _pw_deployment_editor_build_parameters (self, error);
  if (parameters == NULL)
    return NULL;

  if (self->deployment != NULL)
    {
      d = pw_deployment_copy (self->deployment);
      pw_deployment_set_flow_name (d, _pw_deployment_editor_selected_flow (self));
      pw_deployment_set_name (d, name);
    }
  else
    d = pw_deployment_new (_pw_deployment_editor_selected_flow (self), name);
  pw_deployment_set_schedule (d, self->schedule);
  pw_deployment_set_parameters (d, parameters);
  pw_deployment_set_tags (d, (const char * const *)tags);
  pw_deployment_set_work_queue_name (d, queue[0] != '\0' ? queue : NULL);
  pw_deployment_set_description (d, description[0] != '\0' ? description : NULL);
  pw_deployment_set_paused (d, gtk_switch_get_active (self->pause_switch));

  return g_steal_pointer (&d);
}

/* typing into the form */

/**
 * pw_deployment_editor_set_text:
 * @field: "name", "description", "work-queue", "tags", "cron", "rrule",
 *   "anchor", "timezone", or a parameter's name
 *
 * Types @text into a field, as the user would.
 */
void
pw_deployment_editor_set_text (PwDeploymentEditor *self,
                               const char         *field,
                               const char         *text)
{
  struct { const char *name; AdwEntryRow *row; } rows[] = {
    { "name", self->name_row }, { "description", self->description_row },
    { "work-queue", self->work_queue_row }, { "tags", self->tags_row },
    { "cron", self->cron_row }, { "rrule", self->rrule_row },
    { "anchor", self->anchor_row }, { "timezone", self->timezone_row },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].name, field))
      {
        gtk_editable_set_text (GTK_EDITABLE (rows[i].row), text);
        return;
      }
  for (guint i = 0; i < self->param_rows->len; i++)
    {
      AdwEntryRow *row = g_ptr_array_index (self->param_rows, i);
      PwParameter *parameter = g_object_get_data (G_OBJECT (row), "pw-parameter");

      if (g_str_equal (pw_parameter_get_name (parameter), field))
        {
          gtk_editable_set_text (GTK_EDITABLE (row), text);
          return;
        }
    }
  g_critical ("No field “%s” in the deployment editor", field);
}

void
pw_deployment_editor_set_kind (PwDeploymentEditor *self,
                               PwScheduleKind      kind)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  switch (kind)
    {
    case PW_SCHEDULE_KIND_INTERVAL: adw_combo_row_set_selected (self->kind_row, 1); break;
    case PW_SCHEDULE_KIND_CRON: adw_combo_row_set_selected (self->kind_row, 2); break;
    case PW_SCHEDULE_KIND_RRULE: adw_combo_row_set_selected (self->kind_row, 3); break;
    default: adw_combo_row_set_selected (self->kind_row, 0); break;
    }
}
