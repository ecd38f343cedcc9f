/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-deployment-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "pw-deployment-editor.h"
#include "pw-flow.h"
#include "pw-flow-info.h"
#include "pw-flow-run.h"
#include "pw-gui-util.h"
#include "pw-parameter.h"
#include "pw-run-dialog.h"

/*
 * The pane that edits one deployment: what it runs, its schedule with a
 * live preview of the next ten runs, its parameters. Everything is checked
 * as it is typed; a problem is shown under the schedule and Save stays off
 * until it is fixed.
 */

#define N_PREVIEW 10

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
  GtkMenuButton  *timezone_button;
  GtkSearchEntry *timezone_search;
  GtkListView    *timezone_list;
  AdwActionRow   *describe_row;
  GtkLabel       *error_label;
  AdwPreferencesGroup *preview_group;
  GtkLabel       *preview_label;
  AdwPreferencesGroup *parameters_group;
  GtkButton      *save_button;
  GtkButton      *run_button;
  GtkButton      *delete_button;
  GtkStringFilter *timezone_filter;
};

G_DEFINE_FINAL_TYPE (PwDeploymentEditor, pw_deployment_editor, GTK_TYPE_BOX)

enum {
  SAVED,
  DELETED,
  RUN_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const double unit_seconds[] = { 1, 60, 3600, 86400 };

static void validate (PwDeploymentEditor *self);

/* time zones */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static GtkStringList *
load_time_zones (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  g_autofree char *contents = NULL;

  gtk_string_list_append (list, "UTC");
  if (g_file_get_contents ("/usr/share/zoneinfo/tzdata.zi", &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      /* "Z Europe/Berlin ..." zones and "L Europe/Berlin Arctic/..." links */
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) f = g_strsplit (lines[i], " ", 4);

          if (g_strv_length (f) >= 2 && g_str_equal (f[0], "Z") && strchr (f[1], '/') != NULL)
            g_ptr_array_add (names, g_strdup (f[1]));
          else if (g_strv_length (f) >= 3 && g_str_equal (f[0], "L") && strchr (f[2], '/') != NULL)
            g_ptr_array_add (names, g_strdup (f[2]));
        }
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          if (i == 0 || g_strcmp0 (g_ptr_array_index (names, i - 1), g_ptr_array_index (names, i)) != 0)
            gtk_string_list_append (list, g_ptr_array_index (names, i));
        }
      g_ptr_array_foreach (names, (GFunc)(void (*)(void))g_free, NULL);
    }
  else
    {
      static const char *fallback[] = {
        "America/Chicago", "America/Los_Angeles", "America/New_York", "America/Sao_Paulo",
        "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney",
        "Europe/Berlin", "Europe/London", "Europe/Paris", NULL
      };
      for (guint i = 0; fallback[i] != NULL; i++)
        gtk_string_list_append (list, fallback[i]);
    }

  return list;
}

static void
timezone_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
timezone_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *object = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (object));
}

static void
on_timezone_activate (PwDeploymentEditor *self,
                      guint               position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->timezone_list));
  g_autoptr(GtkStringObject) object = g_list_model_get_item (model, position);

  if (object == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->timezone_row), gtk_string_object_get_string (object));
  gtk_menu_button_popdown (self->timezone_button);
}

static void
on_timezone_search_changed (PwDeploymentEditor *self)
{
  gtk_string_filter_set_search (self->timezone_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->timezone_search)));
}

/* reading the form */

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static GStrv
dup_tags (PwDeploymentEditor *self)
{
  g_autofree char *text = dup_text (self->tags_row);
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

static const char *
selected_flow (PwDeploymentEditor *self)
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

static PwSchedule *
build_schedule (PwDeploymentEditor  *self,
                GError             **error)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);
  g_autofree char *tz = dup_text (self->timezone_row);
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
        g_autofree char *anchor_text = dup_text (self->anchor_row);
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
        g_autofree char *cron = dup_text (self->cron_row);

        return pw_schedule_new_cron (cron, tz_name, TRUE, error);
      }
    case 3:
      {
        g_autofree char *rrule = dup_text (self->rrule_row);

        return pw_schedule_new_rrule (rrule, tz_name, error);
      }
    default:
      return NULL;
    }
}

/* Parameters as a JSON object; the rows left empty are left out. */
static char *
build_parameters (PwDeploymentEditor  *self,
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

static void
update_chips (PwDeploymentEditor *self)
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

static void
set_error (PwDeploymentEditor *self,
           const char         *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
validate (PwDeploymentEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_text (self->name_row);
  g_autofree char *parameters = NULL;
  g_autoptr(GString) preview = g_string_new (NULL);
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (self->loading)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->interval_row), kind == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->anchor_row), kind == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->cron_row), kind == 2);
  gtk_widget_set_visible (GTK_WIDGET (self->rrule_row), kind == 3);
  gtk_widget_set_visible (GTK_WIDGET (self->timezone_row), kind != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->describe_row), kind != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), kind != 0);

  g_clear_object (&self->schedule);
  g_clear_pointer (&self->preview, g_strfreev);
  g_clear_pointer (&self->description_text, g_free);
  update_chips (self);

  self->schedule = build_schedule (self, &error);
  if (error == NULL && self->schedule != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GPtrArray) next = pw_schedule_get_next (self->schedule, now, N_PREVIEW, NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      self->description_text = pw_schedule_describe (self->schedule);
      for (guint i = 0; next != NULL && i < next->len; i++)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (g_ptr_array_index (next, i));
          g_autofree char *text = g_date_time_format (local, "%a %-d %b %Y, %H:%M %Z");

          g_strv_builder_add (builder, text);
          g_string_append_printf (preview, "%s%s", preview->len > 0 ? "\n" : "", text);
        }
      self->preview = g_strv_builder_end (builder);
    }
  adw_action_row_set_subtitle (self->describe_row,
                               self->description_text != NULL ? self->description_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->describe_row), self->description_text != NULL);
  gtk_label_set_text (self->preview_label,
                      preview->len > 0 ? preview->str : _("No upcoming runs"));

  if (error == NULL)
    parameters = build_parameters (self, &error);
  /* An empty name is not an error yet, just not ready to save. */
  if (error == NULL && name[0] != '\0')
    pw_deployment_check_name (name, &error);
  if (error == NULL && selected_flow (self) == NULL)
    g_set_error_literal (&error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                         _("Flow: choose the flow this deployment runs"));

  set_error (self, error != NULL ? error->message : NULL);
  self->can_save = error == NULL && name[0] != '\0' && self->backend != NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->can_save);
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), self->deployment != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->deployment != NULL);
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

static void
clear_parameter_rows (PwDeploymentEditor *self)
{
  for (guint i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->parameters_group, g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);
}

static void
build_parameter_rows (PwDeploymentEditor *self)
{
  GListModel *parameters = self->flow != NULL ? pw_flow_get_parameters (self->flow) : NULL;
  guint n = parameters != NULL ? g_list_model_get_n_items (parameters) : 0;

  clear_parameter_rows (self);
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
      g_signal_connect_object (row, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->parameters_group, row);
      g_ptr_array_add (self->param_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->parameters_group), n > 0);
  fill_parameter_values (self);
}

static void
get_flow_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlow) flow = pw_backend_get_flow_finish (PW_BACKEND (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (flow == NULL)
    g_debug ("Could not load the flow: %s", error->message);
  g_set_object (&self->flow, flow);
  build_parameter_rows (self);
  validate (self);
}

static void
on_flow_selected (PwDeploymentEditor *self)
{
  const char *name = selected_flow (self);

  if (self->loading)
    return;
  g_clear_object (&self->flow);
  clear_parameter_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->parameters_group), FALSE);
  if (name != NULL && self->backend != NULL)
    pw_backend_get_flow_async (self->backend, name, 0, self->cancellable, get_flow_cb, g_object_ref (self));
  validate (self);
}

static gboolean
select_flow (PwDeploymentEditor *self,
             const char         *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->flow_names));

  for (guint i = 0; name != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->flow_names, i), name) == 0)
      {
        if (adw_combo_row_get_selected (self->flow_row) == i)
          on_flow_selected (self);
        else
          adw_combo_row_set_selected (self->flow_row, i);
        return TRUE;
      }
  return FALSE;
}

static void
list_flows_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) flows = pw_backend_list_flows_finish (PW_BACKEND (source), result, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *current;
  g_autofree char *keep = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (flows == NULL)
    {
      /* A server that went away, say: the page says so; the form keeps
       * the flows it has. */
      g_debug ("Could not list the flows: %s", error->message);
      return;
    }

  current = selected_flow (self);
  keep = g_strdup (self->pending_flow != NULL ? self->pending_flow : current);
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);

      g_ptr_array_add (names, g_strdup (pw_flow_info_get_name (info)));
    }
  g_ptr_array_add (names, NULL);

  self->loading = TRUE;
  gtk_string_list_splice (self->flow_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->flow_names)),
                          (const char * const *)names->pdata);
  self->loading = FALSE;

  g_clear_pointer (&self->pending_flow, g_free);
  if (!select_flow (self, keep))
    on_flow_selected (self);
}

static void
reload_flows (PwDeploymentEditor *self)
{
  if (self->backend != NULL)
    pw_backend_list_flows_async (self->backend, NULL, self->cancellable, list_flows_cb, g_object_ref (self));
}

/* loading a deployment into the form */

static void
load (PwDeploymentEditor *self)
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

  if (flow_copy == NULL || !select_flow (self, flow_copy))
    {
      g_free (self->pending_flow);
      self->pending_flow = g_steal_pointer (&flow_copy);
      on_flow_selected (self);
    }
  validate (self);
}

/* actions */

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDeployment) saved = pw_backend_save_deployment_finish (PW_BACKEND (source), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (saved == NULL)
    {
      set_error (self, error->message);
      return;
    }
  g_set_object (&self->deployment, saved);
  validate (self);
  text = g_strdup_printf (_("Saved “%s”"), pw_deployment_get_name (saved));
  pw_add_toast (GTK_WIDGET (self), adw_toast_new (text));
  g_signal_emit (self, signals[SAVED], 0, saved);
}

void
pw_deployment_editor_save (PwDeploymentEditor *self)
{
  g_autoptr(PwDeployment) d = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *parameters = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  validate (self);
  if (!self->can_save)
    return;

  name = dup_text (self->name_row);
  description = dup_text (self->description_row);
  queue = dup_text (self->work_queue_row);
  tags = dup_tags (self);
  parameters = build_parameters (self, &error);
  if (parameters == NULL)
    return;

  if (self->deployment != NULL)
    {
      d = pw_deployment_copy (self->deployment);
      pw_deployment_set_flow_name (d, selected_flow (self));
      pw_deployment_set_name (d, name);
    }
  else
    d = pw_deployment_new (selected_flow (self), name);
  pw_deployment_set_schedule (d, self->schedule);
  pw_deployment_set_parameters (d, parameters);
  pw_deployment_set_tags (d, (const char * const *)tags);
  pw_deployment_set_work_queue_name (d, queue[0] != '\0' ? queue : NULL);
  pw_deployment_set_description (d, description[0] != '\0' ? description : NULL);
  pw_deployment_set_paused (d, gtk_switch_get_active (self->pause_switch));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  pw_backend_save_deployment_async (self->backend, d, self->cancellable, save_cb, g_object_ref (self));
}

static void
on_save_clicked (PwDeploymentEditor *self)
{
  pw_deployment_editor_save (self);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) run = pw_backend_run_deployment_finish (PW_BACKEND (source), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (run == NULL)
    text = g_strdup_printf (_("Could not start a run: %s"), error->message);
  else
    text = g_strdup_printf (_("Started “%s”"), pw_flow_run_get_name (run));
  pw_add_toast (GTK_WIDGET (self), adw_toast_new (text));
  if (run != NULL)
    g_signal_emit (self, signals[RUN_STARTED], 0, run);
}

void
pw_deployment_editor_run_now (PwDeploymentEditor *self)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  if (self->deployment == NULL || self->backend == NULL)
    return;
  pw_backend_run_deployment_async (self->backend, pw_deployment_get_id (self->deployment), NULL, NULL,
                                   self->cancellable, run_cb, g_object_ref (self));
}

static void
on_run_clicked (PwDeploymentEditor *self)
{
  pw_deployment_editor_run_now (self);
}

static void
undo_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDeployment) restored = pw_backend_save_deployment_finish (PW_BACKEND (source), result, &error);

  if (restored == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, restored);
}

/**
 * pw_deployment_editor_undo_delete:
 *
 * Saves again the deployment deleted last (what the toast's Undo does).
 */
void
pw_deployment_editor_undo_delete (PwDeploymentEditor *self)
{
  g_autoptr(PwDeployment) again = NULL;

  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  if (self->deleted == NULL || self->backend == NULL)
    return;
  again = g_steal_pointer (&self->deleted);
  pw_backend_save_deployment_async (self->backend, again, self->cancellable, undo_cb, g_object_ref (self));
}

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!pw_backend_delete_deployment_finish (PW_BACKEND (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      g_clear_object (&self->deleted);
      return;
    }
  toast = adw_toast_new (_("Deployment deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (pw_deployment_editor_undo_delete),
                           self, G_CONNECT_SWAPPED);
  pw_add_toast (GTK_WIDGET (self), toast);
  g_signal_emit (self, signals[DELETED], 0);
}

void
pw_deployment_editor_delete (PwDeploymentEditor *self)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  if (self->deployment == NULL || self->backend == NULL)
    return;
  /* Undo saves it again as a new deployment with the same settings. */
  g_clear_object (&self->deleted);
  self->deleted = pw_deployment_copy (self->deployment);
  pw_deployment_set_id (self->deleted, NULL);
  pw_backend_delete_deployment_async (self->backend, pw_deployment_get_id (self->deployment),
                                      self->cancellable, delete_cb, g_object_ref (self));
}

static void
on_delete_clicked (PwDeploymentEditor *self)
{
  pw_deployment_editor_delete (self);
}

static void
pause_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PwDeploymentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDeployment) d = pw_backend_set_deployment_paused_finish (PW_BACKEND (source), result, &error);

  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  if (self->deployment != NULL &&
      g_strcmp0 (pw_deployment_get_id (self->deployment), pw_deployment_get_id (d)) == 0)
    g_set_object (&self->deployment, d);
}

/* Pausing an existing deployment takes effect at once, as Prefect's toggle. */
static void
on_pause_changed (PwDeploymentEditor *self)
{
  gboolean active = gtk_switch_get_active (self->pause_switch);

  if (self->loading || self->deployment == NULL || self->backend == NULL ||
      pw_deployment_get_paused (self->deployment) == active)
    return;
  pw_backend_set_deployment_paused_async (self->backend, pw_deployment_get_id (self->deployment), active,
                                          self->cancellable, pause_cb, g_object_ref (self));
}

/* public */

void
pw_deployment_editor_set_backend (PwDeploymentEditor *self,
                                  PwBackend          *backend)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  if (!g_set_object (&self->backend, backend))
    return;
  reload_flows (self);
  validate (self);
}

/**
 * pw_deployment_editor_edit:
 * @deployment: (nullable): the deployment, or %NULL for a new one
 *
 * Shows @deployment in the form.
 */
void
pw_deployment_editor_edit (PwDeploymentEditor *self,
                           PwDeployment       *deployment)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  g_set_object (&self->deployment, deployment);
  load (self);
  reload_flows (self);
}

void
pw_deployment_editor_new_deployment (PwDeploymentEditor *self,
                                     const char         *flow_name)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_EDITOR (self));

  g_clear_object (&self->deployment);
  g_free (self->pending_flow);
  self->pending_flow = g_strdup (flow_name);
  load (self);
  reload_flows (self);
}

PwDeployment *
pw_deployment_editor_get_deployment (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return self->deployment;
}

/**
 * pw_deployment_editor_get_flow:
 *
 * Returns: (transfer none) (nullable): the chosen flow, once loaded
 */
PwFlow *
pw_deployment_editor_get_flow (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return self->flow;
}

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

gboolean
pw_deployment_editor_get_can_save (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), FALSE);
  return self->can_save && gtk_widget_get_sensitive (GTK_WIDGET (self->save_button));
}

const char *
pw_deployment_editor_get_error_text (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? self->error_text : NULL;
}

GStrv
pw_deployment_editor_dup_preview (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return g_strdupv (self->preview);
}

const char *
pw_deployment_editor_get_description_text (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return self->description_text;
}

GtkSwitch *
pw_deployment_editor_get_pause_switch (PwDeploymentEditor *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_EDITOR (self), NULL);
  return self->pause_switch;
}

/* GObject */

static void
pw_deployment_editor_dispose (GObject *object)
{
  PwDeploymentEditor *self = PW_DEPLOYMENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_DEPLOYMENT_EDITOR);
  g_clear_object (&self->backend);
  g_clear_object (&self->deployment);
  g_clear_object (&self->flow);
  g_clear_object (&self->schedule);
  g_clear_object (&self->deleted);

  G_OBJECT_CLASS (pw_deployment_editor_parent_class)->dispose (object);
}

static void
pw_deployment_editor_finalize (GObject *object)
{
  PwDeploymentEditor *self = PW_DEPLOYMENT_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->param_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preview, g_strfreev);
  g_free (self->error_text);
  g_free (self->description_text);
  g_free (self->pending_flow);

  G_OBJECT_CLASS (pw_deployment_editor_parent_class)->finalize (object);
}

static void
pw_deployment_editor_class_init (PwDeploymentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_deployment_editor_dispose;
  object_class->finalize = pw_deployment_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, PW_TYPE_DEPLOYMENT);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RUN_STARTED] = g_signal_new ("run-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, PW_TYPE_FLOW_RUN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-deployment-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwDeploymentEditor, name)
  BIND (name_row);
  BIND (flow_row);
  BIND (flow_names);
  BIND (description_row);
  BIND (work_queue_row);
  BIND (tags_row);
  BIND (tag_chips);
  BIND (pause_switch);
  BIND (kind_row);
  BIND (interval_row);
  BIND (interval_spin);
  BIND (unit_dropdown);
  BIND (anchor_row);
  BIND (cron_row);
  BIND (rrule_row);
  BIND (timezone_row);
  BIND (timezone_button);
  BIND (timezone_search);
  BIND (timezone_list);
  BIND (describe_row);
  BIND (error_label);
  BIND (preview_group);
  BIND (preview_label);
  BIND (parameters_group);
  BIND (save_button);
  BIND (run_button);
  BIND (delete_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
pw_deployment_editor_init (PwDeploymentEditor *self)
{
  GtkListItemFactory *factory;
  GtkFilterListModel *filtered;
  GtkExpression *expression;
  AdwEntryRow *rows[8];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->param_rows = g_ptr_array_new ();

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->timezone_filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->timezone_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->timezone_filter, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (load_time_zones ()),
                                        GTK_FILTER (g_object_ref (self->timezone_filter)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (timezone_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (timezone_bind), NULL);
  gtk_list_view_set_factory (self->timezone_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->timezone_list, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))));
  g_object_unref (self->timezone_filter); /* the filter model holds it */
  g_signal_connect_object (self->timezone_list, "activate", G_CALLBACK (on_timezone_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timezone_search, "search-changed", G_CALLBACK (on_timezone_search_changed), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timezone_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time zones"), -1);

  rows[0] = self->name_row;
  rows[1] = self->description_row;
  rows[2] = self->work_queue_row;
  rows[3] = self->tags_row;
  rows[4] = self->anchor_row;
  rows[5] = self->cron_row;
  rows[6] = self->rrule_row;
  rows[7] = self->timezone_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unit_dropdown, "notify::selected", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interval_spin, "value-changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow_row, "notify::selected", G_CALLBACK (on_flow_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pause_switch, "notify::active", G_CALLBACK (on_pause_changed), self, G_CONNECT_SWAPPED);

  load (self);
}
