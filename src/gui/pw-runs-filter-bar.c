/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-runs-filter-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-deployment-names.h"
#include "pw-format.h"
#include "pw-runs-filter-bar.h"

/*
 * PwRunsFilterBar: what the Runs page shows: a search by run name and
 * filters by state, flow, how a run was started (by hand, by any
 * deployment, by given deployments), tags and time range. The filters
 * (not the search) are remembered in GSettings when the app's schema is
 * installed. Emits ::changed when they change.
 */
struct _PwRunsFilterBar
{
  AdwBin          parent_instance;

  /* template children */
  GtkSearchEntry *search_entry;
  GtkMenuButton  *state_button;
  GtkBox         *state_box;
  GtkMenuButton  *flow_button;
  GtkBox         *flow_box;
  GtkMenuButton  *started_button;
  GtkCheckButton *started_any_check;
  GtkCheckButton *started_hand_check;
  GtkCheckButton *started_deployment_check;
  GtkWidget      *deployments_separator;
  GtkBox         *deployments_box;
  GtkMenuButton  *tags_button;
  GtkEntry       *tags_entry;
  GtkToggleButton *day_button;
  GtkToggleButton *week_button;
  GtkToggleButton *month_button;
  GtkToggleButton *all_button;
  GtkWidget      *clear_button;

  PwBackend      *backend;
  PwDeploymentNames *names;       /* shows the deployments by name */
  GSettings      *settings;
  GCancellable   *cancellable;
  GtkCheckButton *state_checks[PW_N_STATE_TYPES];

  guint           state_types;
  GStrv           flows;
  PwStartedBy     started_by;
  GStrv           deployments;
  GStrv           tags;
  PwRunsRange     range;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (PwRunsFilterBar, pw_runs_filter_bar, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const range_names[] = { "day", "week", "month", "all" };
static const char * const started_by_names[] = { "any", "hand", "deployment" };

/**
 * pw_runs_parse_tags:
 * @text: tags as a user types them: separated by commas (or spaces)
 *
 * Returns: (transfer full): the tags, trimmed, without empty ones and
 *   repeats, or %NULL for none
 */
GStrv
pw_runs_parse_tags (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return NULL;

  parts = g_strsplit_set (text, ", \t", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      gboolean repeat = FALSE;

      if (*tag == '\0')
        continue;
      for (guint j = 0; j < seen->len && !repeat; j++)
        repeat = g_str_equal (g_ptr_array_index (seen, j), tag);
      if (repeat)
        continue;

      g_ptr_array_add (seen, g_strdup (tag));
      g_strv_builder_add (builder, tag);
    }

  if (seen->len == 0)
    return NULL;

  return g_strv_builder_end (builder);
}

static gboolean
strv_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

static void
replace_strv (GStrv              *slot,
              const char * const *values)
{
  g_strfreev (*slot);
  *slot = strv_empty (values) ? NULL : g_strdupv ((char **)values);
}

/* Settings */

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char *keys[] = {
    "runs-filter-states", "runs-filter-flows", "runs-filter-started-by",
    "runs-filter-deployments", "runs-filter-tags", "runs-filter-range",
  };

  /* Without the schema (uninstalled, in tests) nothing is remembered. */
  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static void
save_settings (PwRunsFilterBar *self)
{
  g_autoptr(GStrvBuilder) states = g_strv_builder_new ();
  g_auto(GStrv) state_names = NULL;
  const char * const empty[] = { NULL };

  if (self->settings == NULL)
    return;

  for (guint type = 0; type < PW_N_STATE_TYPES; type++)
    if (self->state_types & PW_STATE_TYPE_MASK (type))
      g_strv_builder_add (states, pw_state_type_to_string (type));
  state_names = g_strv_builder_end (states);

  g_settings_delay (self->settings);
  g_settings_set_strv (self->settings, "runs-filter-states", (const char * const *)state_names);
  g_settings_set_strv (self->settings, "runs-filter-flows",
                       self->flows != NULL ? (const char * const *)self->flows : empty);
  g_settings_set_string (self->settings, "runs-filter-started-by", started_by_names[self->started_by]);
  g_settings_set_strv (self->settings, "runs-filter-deployments",
                       self->deployments != NULL ? (const char * const *)self->deployments : empty);
  g_settings_set_strv (self->settings, "runs-filter-tags",
                       self->tags != NULL ? (const char * const *)self->tags : empty);
  g_settings_set_string (self->settings, "runs-filter-range", range_names[self->range]);
  g_settings_apply (self->settings);
}

static void
load_settings (PwRunsFilterBar *self)
{
  g_auto(GStrv) states = NULL;
  g_auto(GStrv) flows = NULL;
  g_auto(GStrv) deployments = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *started_by = NULL;
  g_autofree char *range = NULL;

  if (self->settings == NULL)
    return;

  states = g_settings_get_strv (self->settings, "runs-filter-states");
  self->state_types = 0;
  for (guint i = 0; states[i] != NULL; i++)
    {
      PwStateType type;

      if (pw_state_type_from_string (states[i], &type))
        self->state_types |= PW_STATE_TYPE_MASK (type);
    }

  flows = g_settings_get_strv (self->settings, "runs-filter-flows");
  replace_strv (&self->flows, (const char * const *)flows);
  deployments = g_settings_get_strv (self->settings, "runs-filter-deployments");
  replace_strv (&self->deployments, (const char * const *)deployments);
  tags = g_settings_get_strv (self->settings, "runs-filter-tags");
  replace_strv (&self->tags, (const char * const *)tags);

  started_by = g_settings_get_string (self->settings, "runs-filter-started-by");
  for (guint i = 0; i < G_N_ELEMENTS (started_by_names); i++)
    if (g_str_equal (started_by, started_by_names[i]))
      self->started_by = i;

  range = g_settings_get_string (self->settings, "runs-filter-range");
  for (guint i = 0; i < G_N_ELEMENTS (range_names); i++)
    if (g_str_equal (range, range_names[i]))
      self->range = i;
}

/* Showing the filters */

static void
set_button_label (GtkMenuButton *button,
                  const char    *label,
                  gboolean       active)
{
  gtk_menu_button_set_label (button, label);
  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (button), "filter-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "filter-active");
}

static void
update_labels (PwRunsFilterBar *self)
{
  g_autofree char *states = NULL;
  g_autofree char *flows = NULL;
  g_autofree char *tags = NULL;
  const char *started = NULL;
  const char *one_deployment = NULL;
  guint n_states = 0, n_flows = self->flows != NULL ? g_strv_length (self->flows) : 0;
  PwStateType only = PW_STATE_TYPE_SCHEDULED;

  for (guint type = 0; type < PW_N_STATE_TYPES; type++)
    if (self->state_types & PW_STATE_TYPE_MASK (type))
      {
        n_states++;
        only = type;
      }

  if (n_states == 0)
    states = g_strdup (_("All States"));
  else if (n_states == 1)
    states = g_strdup (pw_format_state_name (NULL, only));
  else
    states = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u State", "%u States", n_states), n_states);
  set_button_label (self->state_button, states, n_states > 0);

  if (n_flows == 0)
    flows = g_strdup (_("All Flows"));
  else if (n_flows == 1)
    flows = g_strdup (self->flows[0]);
  else
    flows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Flow", "%u Flows", n_flows), n_flows);
  set_button_label (self->flow_button, flows, n_flows > 0);

  if (!strv_empty ((const char * const *)self->deployments) && self->names != NULL &&
      g_strv_length (self->deployments) == 1)
    one_deployment = pw_deployment_names_lookup (self->names, self->deployments[0]);

  if (one_deployment != NULL)
    started = one_deployment;
  else if (!strv_empty ((const char * const *)self->deployments))
    started = g_strv_length (self->deployments) == 1 ? _("One Deployment") : _("Some Deployments");
  else if (self->started_by == PW_STARTED_BY_HAND)
    started = _("By Hand");
  else if (self->started_by == PW_STARTED_BY_DEPLOYMENT)
    started = _("Deployments");
  else
    started = _("Any Trigger");
  set_button_label (self->started_button, started,
                    self->started_by != PW_STARTED_BY_ANY || !strv_empty ((const char * const *)self->deployments));

  if (strv_empty ((const char * const *)self->tags))
    tags = g_strdup (_("Any Tags"));
  else
    tags = g_strjoinv (", ", self->tags);
  set_button_label (self->tags_button, tags, !strv_empty ((const char * const *)self->tags));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "filters.clear", pw_runs_filter_bar_get_active (self));
}

static void
rebuild_deployments (PwRunsFilterBar *self);

static void
sync_widgets (PwRunsFilterBar *self)
{
  g_autofree char *tags = NULL;
  GtkToggleButton *range_buttons[] = { self->day_button, self->week_button, self->month_button, self->all_button };

  self->updating = TRUE;

  for (guint type = 0; type < PW_N_STATE_TYPES; type++)
    gtk_check_button_set_active (self->state_checks[type], (self->state_types & PW_STATE_TYPE_MASK (type)) != 0);

  gtk_check_button_set_active (self->started_any_check, self->started_by == PW_STARTED_BY_ANY);
  gtk_check_button_set_active (self->started_hand_check, self->started_by == PW_STARTED_BY_HAND);
  gtk_check_button_set_active (self->started_deployment_check, self->started_by == PW_STARTED_BY_DEPLOYMENT);
  rebuild_deployments (self);

  tags = self->tags != NULL ? g_strjoinv (", ", self->tags) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), tags);

  gtk_toggle_button_set_active (range_buttons[self->range], TRUE);

  self->updating = FALSE;

  update_labels (self);
}

static void
changed (PwRunsFilterBar *self)
{
  if (self->updating)
    return;

  update_labels (self);
  save_settings (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* States */

static void
state_toggled_cb (GtkCheckButton  *check,
                  PwRunsFilterBar *self)
{
  PwStateType type = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "state-type"));

  if (self->updating)
    return;

  if (gtk_check_button_get_active (check))
    self->state_types |= PW_STATE_TYPE_MASK (type);
  else
    self->state_types &= ~PW_STATE_TYPE_MASK (type);

  changed (self);
}

static void
build_state_checks (PwRunsFilterBar *self)
{
  /* In the order a run goes through them, the ends last. */
  static const PwStateType order[] = {
    PW_STATE_TYPE_SCHEDULED, PW_STATE_TYPE_PENDING, PW_STATE_TYPE_RUNNING,
    PW_STATE_TYPE_PAUSED, PW_STATE_TYPE_CANCELLING, PW_STATE_TYPE_COMPLETED,
    PW_STATE_TYPE_FAILED, PW_STATE_TYPE_CRASHED, PW_STATE_TYPE_CANCELLED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (pw_format_state_name (NULL, order[i]));

      g_object_set_data (G_OBJECT (check), "state-type", GUINT_TO_POINTER (order[i]));
      g_signal_connect_object (check, "toggled", G_CALLBACK (state_toggled_cb), self, 0);
      gtk_box_append (self->state_box, check);
      self->state_checks[order[i]] = GTK_CHECK_BUTTON (check);
    }
}

/* Flows */

static void
flow_toggled_cb (GtkCheckButton  *check,
                 PwRunsFilterBar *self)
{
  const char *name = g_object_get_data (G_OBJECT (check), "flow-name");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean active = gtk_check_button_get_active (check);
  gboolean present = FALSE;
  g_auto(GStrv) flows = NULL;

  if (self->updating)
    return;

  for (guint i = 0; self->flows != NULL && self->flows[i] != NULL; i++)
    {
      if (g_str_equal (self->flows[i], name))
        {
          present = TRUE;
          if (!active)
            continue;
        }
      g_strv_builder_add (builder, self->flows[i]);
    }
  if (active && !present)
    g_strv_builder_add (builder, name);

  flows = g_strv_builder_end (builder);
  replace_strv (&self->flows, (const char * const *)flows);
  changed (self);
}

static void
add_flow_check (PwRunsFilterBar *self,
                const char      *name)
{
  GtkWidget *check = gtk_check_button_new_with_label (name);

  g_object_set_data_full (G_OBJECT (check), "flow-name", g_strdup (name), g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               self->flows != NULL && g_strv_contains ((const char * const *)self->flows, name));
  g_signal_connect_object (check, "toggled", G_CALLBACK (flow_toggled_cb), self, 0);
  gtk_box_append (self->flow_box, check);
}

static void
list_flows_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PwRunsFilterBar) self = user_data;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GtkWidget *child;

  flows = pw_backend_list_flows_finish (PW_BACKEND (object), result, &error);
  if (flows == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_box_remove (self->flow_box, child);

  self->updating = TRUE;

  /* Flows named by the filter that are gone still show, to be unticked. */
  for (guint i = 0; self->flows != NULL && self->flows[i] != NULL; i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (flows) && !listed; j++)
        {
          g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, j);

          listed = g_str_equal (pw_flow_info_get_name (info), self->flows[i]);
        }
      if (!listed)
        add_flow_check (self, self->flows[i]);
    }

  for (guint j = 0; j < g_list_model_get_n_items (flows); j++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, j);

      add_flow_check (self, pw_flow_info_get_name (info));
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->flow_box)) == NULL)
    {
      GtkWidget *label = gtk_label_new (_("No flows yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->flow_box, label);
    }

  self->updating = FALSE;
}

static void
flow_popover_show_cb (PwRunsFilterBar *self)
{
  if (self->backend != NULL)
    pw_backend_list_flows_async (self->backend, NULL, self->cancellable,
                                 list_flows_cb, g_object_ref (self));
}

/* How runs were started */

static void
started_toggled_cb (PwRunsFilterBar *self,
                    GtkCheckButton  *check)
{
  if (self->updating || !gtk_check_button_get_active (check))
    return;

  if (check == self->started_hand_check)
    self->started_by = PW_STARTED_BY_HAND;
  else if (check == self->started_deployment_check)
    self->started_by = PW_STARTED_BY_DEPLOYMENT;
  else
    self->started_by = PW_STARTED_BY_ANY;

  changed (self);
}

static void
remove_deployment_clicked_cb (GtkButton       *button,
                              PwRunsFilterBar *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "deployment-id");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) deployments = NULL;

  for (guint i = 0; self->deployments != NULL && self->deployments[i] != NULL; i++)
    if (!g_str_equal (self->deployments[i], id))
      g_strv_builder_add (builder, self->deployments[i]);

  deployments = g_strv_builder_end (builder);
  replace_strv (&self->deployments, (const char * const *)deployments);
  rebuild_deployments (self);
  changed (self);
}

/* The deployments the filter names (from the Deployments page's “Show
 * Runs”), each with a button to drop it. */
static void
rebuild_deployments (PwRunsFilterBar *self)
{
  GtkWidget *child;
  gboolean any = !strv_empty ((const char * const *)self->deployments);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->deployments_box))) != NULL)
    gtk_box_remove (self->deployments_box, child);

  for (guint i = 0; any && self->deployments[i] != NULL; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *text = NULL;
      GtkWidget *label;
      GtkWidget *button;

      g_autofree char *name = pw_deployment_names_dup_label (self->names, self->deployments[i]);

      /* Translators: %s is a deployment's FLOW/NAME, or the start of its id */
      text = g_strdup_printf (_("Deployment %s"), name);
      label = gtk_label_new (text);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_set_tooltip_text (label, self->deployments[i]);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      button = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, _("Show Runs of Any Deployment"));
      g_object_set_data_full (G_OBJECT (button), "deployment-id", g_strdup (self->deployments[i]), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_deployment_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), button);
      gtk_box_append (self->deployments_box, row);
    }

  gtk_widget_set_visible (self->deployments_separator, any);
  gtk_widget_set_visible (GTK_WIDGET (self->deployments_box), any);
}

/* Tags */

static void
apply_tags (PwRunsFilterBar *self)
{
  g_auto(GStrv) tags = pw_runs_parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)));
  g_autofree char *old = self->tags != NULL ? g_strjoinv (",", self->tags) : NULL;
  g_autofree char *new = tags != NULL ? g_strjoinv (",", tags) : NULL;

  if (g_strcmp0 (old, new) == 0)
    return;

  replace_strv (&self->tags, (const char * const *)tags);
  changed (self);
}

static void
tags_activate_cb (PwRunsFilterBar *self)
{
  apply_tags (self);
  gtk_menu_button_popdown (self->tags_button);
}

static void
tags_popover_closed_cb (PwRunsFilterBar *self)
{
  apply_tags (self);
}

/* Range and search */

static void
range_toggled_cb (PwRunsFilterBar *self,
                  GtkToggleButton *button)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->day_button)
    self->range = PW_RUNS_RANGE_DAY;
  else if (button == self->week_button)
    self->range = PW_RUNS_RANGE_WEEK;
  else if (button == self->month_button)
    self->range = PW_RUNS_RANGE_MONTH;
  else
    self->range = PW_RUNS_RANGE_ALL;

  changed (self);
}

static void
search_changed_cb (PwRunsFilterBar *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
  update_labels (self);
}

static void
stop_search_cb (PwRunsFilterBar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pw_runs_filter_bar_clear (PW_RUNS_FILTER_BAR (widget));
}

/* Deployment names were read: name the deployments the filter shows. */
static void
names_changed_cb (PwRunsFilterBar *self)
{
  rebuild_deployments (self);
  update_labels (self);
}

/* API */

void
pw_runs_filter_bar_set_backend (PwRunsFilterBar *self,
                                PwBackend       *backend)
{
  g_return_if_fail (PW_IS_RUNS_FILTER_BAR (self));
  g_set_object (&self->backend, backend);

  if (self->names != NULL)
    g_signal_handlers_disconnect_by_data (self->names, self);
  g_clear_object (&self->names);
  if (backend != NULL)
    {
      self->names = pw_deployment_names_get_for_backend (backend);
      g_signal_connect_object (self->names, "changed", G_CALLBACK (names_changed_cb), self, G_CONNECT_SWAPPED);
    }
  names_changed_cb (self);
}

/**
 * pw_runs_filter_bar_build_filter:
 * @now: the time the range counts back from
 *
 * Returns: (transfer full): the run filter of the bar
 */
PwFlowRunFilter *
pw_runs_filter_bar_build_filter (PwRunsFilterBar *self,
                                 GDateTime       *now)
{
  PwFlowRunFilter *filter = pw_flow_run_filter_new ();
  g_autofree char *search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  static const int days[] = { 1, 7, 30 };

  filter->state_types = self->state_types;
  filter->flow_name_any = g_strdupv (self->flows);
  filter->tags_all = g_strdupv (self->tags);
  filter->deployment_id_any = g_strdupv (self->deployments);
  if (self->deployments == NULL)
    filter->deployment_id_is_null = self->started_by == PW_STARTED_BY_HAND ? PW_NULL_FILTER_IS_NULL
                                   : self->started_by == PW_STARTED_BY_DEPLOYMENT ? PW_NULL_FILTER_IS_NOT_NULL
                                   : PW_NULL_FILTER_ANY;
  if (*search != '\0')
    filter->name_like = g_steal_pointer (&search);
  if (self->range < PW_RUNS_RANGE_ALL)
    filter->expected_start_time_after = g_date_time_add_days (now, -days[self->range]);

  return filter;
}

/**
 * pw_runs_filter_bar_get_chart_range:
 *
 * Returns: the span of the chart: that of the range, or 30 days for all
 */
PwChartRange
pw_runs_filter_bar_get_chart_range (PwRunsFilterBar *self)
{
  switch (self->range)
    {
    case PW_RUNS_RANGE_DAY:
      return PW_CHART_RANGE_DAY;
    case PW_RUNS_RANGE_WEEK:
      return PW_CHART_RANGE_WEEK;
    case PW_RUNS_RANGE_MONTH:
    case PW_RUNS_RANGE_ALL:
    default:
      return PW_CHART_RANGE_MONTH;
    }
}

/**
 * pw_runs_filter_bar_get_active:
 *
 * Returns: whether anything but the time range narrows the runs
 */
gboolean
pw_runs_filter_bar_get_active (PwRunsFilterBar *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return self->state_types != 0 || !strv_empty ((const char * const *)self->flows) ||
         self->started_by != PW_STARTED_BY_ANY || !strv_empty ((const char * const *)self->deployments) ||
         !strv_empty ((const char * const *)self->tags) || (search != NULL && *search != '\0');
}

/**
 * pw_runs_filter_bar_clear:
 *
 * Drops every filter but the time range, and the search.
 */
void
pw_runs_filter_bar_clear (PwRunsFilterBar *self)
{
  g_return_if_fail (PW_IS_RUNS_FILTER_BAR (self));

  self->state_types = 0;
  g_clear_pointer (&self->flows, g_strfreev);
  self->started_by = PW_STARTED_BY_ANY;
  g_clear_pointer (&self->deployments, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->updating = FALSE;

  sync_widgets (self);
  changed (self);
}

void
pw_runs_filter_bar_focus_search (PwRunsFilterBar *self)
{
  g_return_if_fail (PW_IS_RUNS_FILTER_BAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

guint
pw_runs_filter_bar_get_states (PwRunsFilterBar *self)
{
  g_return_val_if_fail (PW_IS_RUNS_FILTER_BAR (self), 0);
  return self->state_types;
}

/**
 * pw_runs_filter_bar_set_states:
 * @state_types: PW_STATE_TYPE_MASK() bits, 0 for every state
 */
void
pw_runs_filter_bar_set_states (PwRunsFilterBar *self,
                               guint            state_types)
{
  g_return_if_fail (PW_IS_RUNS_FILTER_BAR (self));

  self->state_types = state_types;
  sync_widgets (self);
  changed (self);
}

const char * const *
pw_runs_filter_bar_get_flows (PwRunsFilterBar *self)
{
  g_return_val_if_fail (PW_IS_RUNS_FILTER_BAR (self), NULL);
  return (const char * const *)self->flows;
}

/**
 * pw_runs_filter_bar_set_flows:
 * @flows: (nullable): flow names, %NULL for every flow
 */
void
pw_runs_filter_bar_set_flows (PwRunsFilterBar    *self,
                              const char * const *flows)
{
  g_return_if_fail (PW_IS_RUNS_FILTER_BAR (self));

  replace_strv (&self->flows, flows);
  sync_widgets (self);
  changed (self);
}

PwStartedBy
pw_runs_filter_bar_get_started_by (PwRunsFilterBar *self)
{
  g_return_val_if_fail (PW_IS_RUNS_FILTER_BAR (self), PW_STARTED_BY_ANY);
  return self->started_by;
}

void
pw_runs_filter_bar_set_started_by (PwRunsFilterBar *self,
                                   PwStartedBy      started_by)
{
  g_return_if_fail (PW_IS_RUNS_FILTER_BAR (self));

  self->started_by = started_by;
  sync_widgets (self);
  changed (self);
}

const char * const *
pw_runs_filter_bar_get_deployments (PwRunsFilterBar *self)
{
  g_return_val_if_fail (PW_IS_RUNS_FILTER_BAR (self), NULL);
  return (const char * const *)self->deployments;
}

/**
 * pw_runs_filter_bar_set_deployments:
 * @deployment_ids: (nullable): deployments whose runs to show only
 */
void
pw_runs_filter_bar_set_deployments (PwRunsFilterBar    *self,
                                    const char * const *deployment_ids)
{
  g_return_if_fail (PW_IS_RUNS_FILTER_BAR (self));

  replace_strv (&self->deployments, deployment_ids);
  sync_widgets (self);
  changed (self);
}

const char * const *
pw_runs_filter_bar_get_tags (PwRunsFilterBar *self)
{
  g_return_val_if_fail (PW_IS_RUNS_FILTER_BAR (self), NULL);
  return (const char * const *)self->tags;
}

/**
 * pw_runs_filter_bar_set_tags:
 * @tags: (nullable): tags every run shown must carry
 */
void
pw_runs_filter_bar_set_tags (PwRunsFilterBar    *self,
                             const char * const *tags)
{
  g_return_if_fail (PW_IS_RUNS_FILTER_BAR (self));

  replace_strv (&self->tags, tags);
  sync_widgets (self);
  changed (self);
}

PwRunsRange
pw_runs_filter_bar_get_range (PwRunsFilterBar *self)
{
  g_return_val_if_fail (PW_IS_RUNS_FILTER_BAR (self), PW_RUNS_RANGE_WEEK);
  return self->range;
}

void
pw_runs_filter_bar_set_range (PwRunsFilterBar *self,
                              PwRunsRange      range)
{
  g_return_if_fail (PW_IS_RUNS_FILTER_BAR (self));
  g_return_if_fail (range <= PW_RUNS_RANGE_ALL);

  self->range = range;
  sync_widgets (self);
  changed (self);
}

/* GObject */

static void
pw_runs_filter_bar_dispose (GObject *object)
{
  PwRunsFilterBar *self = (PwRunsFilterBar *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_RUNS_FILTER_BAR);
  if (self->names != NULL)
    g_signal_handlers_disconnect_by_data (self->names, self);
  g_clear_object (&self->names);
  g_clear_object (&self->backend);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pw_runs_filter_bar_parent_class)->dispose (object);
}

static void
pw_runs_filter_bar_finalize (GObject *object)
{
  PwRunsFilterBar *self = (PwRunsFilterBar *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->flows, g_strfreev);
  g_clear_pointer (&self->deployments, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (pw_runs_filter_bar_parent_class)->finalize (object);
}

static void
pw_runs_filter_bar_class_init (PwRunsFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_runs_filter_bar_dispose;
  object_class->finalize = pw_runs_filter_bar_finalize;

  /**
   * PwRunsFilterBar::changed:
   *
   * The filters or the search changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-runs-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, state_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, state_box);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, flow_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, flow_box);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, started_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, started_any_check);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, started_hand_check);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, started_deployment_check);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, deployments_separator);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, deployments_box);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, tags_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, day_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, week_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, month_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, all_button);
  gtk_widget_class_bind_template_child (widget_class, PwRunsFilterBar, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, flow_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, started_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, tags_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tags_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_toggled_cb);

  gtk_widget_class_install_action (widget_class, "filters.clear", NULL, clear_action);
}

static void
pw_runs_filter_bar_init (PwRunsFilterBar *self)
{
  self->cancellable = g_cancellable_new ();
  self->range = PW_RUNS_RANGE_WEEK;

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  build_state_checks (self);
  self->updating = FALSE;

  self->settings = lookup_settings ();
  load_settings (self);
  sync_widgets (self);
}
