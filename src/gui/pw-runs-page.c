/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-runs-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-deployment-names.h"
#include "pw-format.h"
#include "pw-runs-page.h"
#include "pw-state-chip.h"

/*
 * PwRunsPage: every run, newest first: the filters, a chart of runs over
 * time by state, and a table over a lazily paged model (PwRunListModel)
 * that stays light with any number of runs. Activating a run opens its
 * view (PwRunView) in place of the list; going back returns to it. The
 * table, the chart and the view follow the backend's changes live.
 */
struct _PwRunsPage
{
  AdwBin           parent_instance;

  /* template children */
  GtkStack        *page_stack;
  PwRunsFilterBar *filter_bar;
  GtkStack        *content_stack;
  GtkLabel        *count_label;
  GtkLabel        *range_label;
  GtkBox          *legend_box;
  PwRunsChart     *chart;
  GtkColumnView   *column_view;
  AdwStatusPage   *error_page;
  AdwBin          *run_bin;

  PwBackend       *backend;
  PwRunListModel  *model;
  GCancellable    *cancellable;
  GHashTable      *ticking;       /* GtkListItem of running runs' durations */
  GHashTable      *started_by;    /* GtkListItem of bound “Started By” cells */
  PwDeploymentNames *names;
  guint            tick_id;
  gboolean         any_runs;      /* whether the store has runs at all */
};

G_DEFINE_FINAL_TYPE (PwRunsPage, pw_runs_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_STATE,
  COLUMN_NAME,
  COLUMN_FLOW,
  COLUMN_DEPLOYMENT,
  COLUMN_TAGS,
  COLUMN_SCHEDULED,
  COLUMN_STARTED,
  COLUMN_DURATION,
  N_COLUMNS
} Column;

/* Cells */

static PwFlowRun *
item_run (GtkListItem *item)
{
  PwFlowRun *run = gtk_list_item_get_item (item);

  return pw_run_list_model_is_placeholder (run) ? NULL : run;
}

static void
update_duration (GtkListItem *item,
                 GDateTime   *now)
{
  PwFlowRun *run = item_run (item);
  g_autofree char *text = run != NULL ? pw_format_duration (pw_flow_run_elapsed (run, now)) : g_strdup ("");

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static gboolean
tick_cb (gpointer data)
{
  PwRunsPage *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->ticking);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_duration (item, now);

  return G_SOURCE_CONTINUE;
}

static void
set_ticking (PwRunsPage  *self,
             GtkListItem *item,
             gboolean     ticking)
{
  if (ticking)
    g_hash_table_add (self->ticking, item);
  else
    g_hash_table_remove (self->ticking, item);

  if (g_hash_table_size (self->ticking) > 0 && self->tick_id == 0)
    self->tick_id = g_timeout_add (1000, tick_cb, self);
  else if (g_hash_table_size (self->ticking) == 0)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

#define MAX_TAGS_SHOWN 3

/* The tags cell keeps its labels (three pills and a “+N”), so that binding
 * a row, which happens for every row scrolled into view, creates nothing. */
static GtkWidget *
create_tags_cell (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  for (guint i = 0; i <= MAX_TAGS_SHOWN; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, i < MAX_TAGS_SHOWN ? "flow-tag" : "dim-label");
      gtk_widget_set_visible (label, FALSE);
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

static void
update_tags (GtkBox    *box,
             PwFlowRun *run)
{
  const char * const *tags = run != NULL ? pw_flow_run_get_tags (run) : NULL;
  guint n = tags != NULL ? g_strv_length ((char **)tags) : 0;
  GtkWidget *label = gtk_widget_get_first_child (GTK_WIDGET (box));

  for (guint i = 0; i <= MAX_TAGS_SHOWN; i++, label = gtk_widget_get_next_sibling (label))
    {
      if (i < MAX_TAGS_SHOWN && i < n)
        {
          gtk_label_set_label (GTK_LABEL (label), tags[i]);
          gtk_widget_set_visible (label, TRUE);
        }
      else if (i == MAX_TAGS_SHOWN && n > MAX_TAGS_SHOWN)
        {
          g_autofree char *more = g_strdup_printf ("+%u", n - MAX_TAGS_SHOWN);

          gtk_label_set_label (GTK_LABEL (label), more);
          gtk_widget_set_visible (label, TRUE);
        }
      else
        {
          gtk_widget_set_visible (label, FALSE);
        }
    }

  if (n > 0)
    {
      g_autofree char *all = g_strjoinv (", ", (char **)tags);

      gtk_widget_set_tooltip_text (GTK_WIDGET (box), all);
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (box), NULL);
    }
}

static void
update_cell (PwRunsPage  *self,
             GtkListItem *item,
             Column       column)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  PwFlowRun *run = item_run (item);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_STATE:
      gtk_widget_set_visible (child, run != NULL);
      if (run != NULL)
        pw_state_chip_set_state (PW_STATE_CHIP (child), pw_flow_run_get_state_type (run),
                                 pw_flow_run_get_state_name (run));
      return;

    case COLUMN_NAME:
      text = g_strdup (run != NULL ? pw_flow_run_get_name (run) : "");
      break;

    case COLUMN_FLOW:
      if (run != NULL && pw_flow_run_get_flow_version (run) > 0)
        /* Translators: a flow's name and version, like “hello v3” */
        text = g_strdup_printf (_("%s v%u"), pw_flow_run_get_flow_name (run), pw_flow_run_get_flow_version (run));
      else
        text = g_strdup (run != NULL ? pw_flow_run_get_flow_name (run) : "");
      break;

    case COLUMN_DEPLOYMENT:
      {
        g_autofree char *tooltip = NULL;

        text = run != NULL ? pw_deployment_names_format_started_by (self->names, run, &tooltip) : g_strdup ("");
        gtk_widget_set_tooltip_text (child, tooltip);
      }
      break;

    case COLUMN_TAGS:
      update_tags (GTK_BOX (child), run);
      return;

    case COLUMN_SCHEDULED:
      text = run != NULL ? pw_format_time (pw_flow_run_get_expected_start_time (run), now) : g_strdup ("");
      break;

    case COLUMN_STARTED:
      text = run != NULL ? pw_format_time (pw_flow_run_get_start_time (run), now) : g_strdup ("");
      break;

    case COLUMN_DURATION:
      update_duration (item, now);
      set_ticking (self, item,
                   run != NULL && pw_flow_run_get_start_time (run) != NULL &&
                   !pw_state_type_is_terminal (pw_flow_run_get_state_type (run)));
      return;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
}

static void
run_notify_cb (GtkListItem *item)
{
  PwRunsPage *self = g_object_get_data (G_OBJECT (item), "pw-page");
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "pw-column"));

  if (self != NULL)
    update_cell (self, item, column);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PwRunsPage               *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "pw-column"));
  GtkWidget *child;

  g_object_set_data (G_OBJECT (item), "pw-page", self);
  g_object_set_data (G_OBJECT (item), "pw-column", GUINT_TO_POINTER (column));

  switch (column)
    {
    case COLUMN_STATE:
      child = pw_state_chip_new ();
      break;

    case COLUMN_TAGS:
      child = create_tags_cell ();
      break;

    default:
      /* GtkInscription: text made for list cells, which lays out less
       * than a label for each row scrolled into view. */
      child = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (child), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      if (column == COLUMN_NAME)
        gtk_widget_add_css_class (child, "run-name");
      if (column == COLUMN_SCHEDULED || column == COLUMN_STARTED || column == COLUMN_DURATION)
        gtk_widget_add_css_class (child, "numeric");
      if (column == COLUMN_DEPLOYMENT)
        gtk_widget_add_css_class (child, "dim-label");
      break;
    }

  gtk_list_item_set_child (item, child);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         PwRunsPage               *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "pw-column"));
  PwFlowRun *run = gtk_list_item_get_item (item);
  gulong handler;

  /* In place updates (a refresh that finds the run where it was) notify. */
  handler = g_signal_connect_swapped (run, "notify", G_CALLBACK (run_notify_cb), item);
  g_object_set_data (G_OBJECT (item), "pw-handler", GSIZE_TO_POINTER (handler));
  if (column == COLUMN_DEPLOYMENT)
    g_hash_table_add (self->started_by, item);

  update_cell (self, item, column);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PwRunsPage               *self)
{
  PwFlowRun *run = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "pw-handler"));

  if (handler != 0 && run != NULL)
    g_signal_handler_disconnect (run, handler);
  g_object_set_data (G_OBJECT (item), "pw-handler", NULL);
  set_ticking (self, item, FALSE);
  g_hash_table_remove (self->started_by, item);
}

static void
teardown_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PwRunsPage               *self)
{
  set_ticking (self, item, FALSE);
  g_hash_table_remove (self->started_by, item);
  g_object_set_data (G_OBJECT (item), "pw-page", NULL);
}

static void
add_columns (PwRunsPage *self)
{
  static const struct { const char *title; int width; gboolean expand; } columns[] = {
    [COLUMN_STATE] = { N_("State"), 122, FALSE },
    [COLUMN_NAME] = { N_("Run"), 150, TRUE },
    [COLUMN_FLOW] = { N_("Flow"), 128, FALSE },
    [COLUMN_DEPLOYMENT] = { N_("Started By"), 144, FALSE },
    [COLUMN_TAGS] = { N_("Tags"), 124, FALSE },
    [COLUMN_SCHEDULED] = { N_("Scheduled"), 112, FALSE },
    [COLUMN_STARTED] = { N_("Started"), 112, FALSE },
    [COLUMN_DURATION] = { N_("Duration"), 84, FALSE },
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "pw-column", GUINT_TO_POINTER (i));
      g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
      g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
      g_signal_connect_object (factory, "teardown", G_CALLBACK (teardown_cb), self, 0);

      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

static void
build_legend (PwRunsPage *self)
{
  for (guint g = 0; g < PW_N_CHART_GROUPS; g++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *label = gtk_label_new (pw_chart_group_name (g));

      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (dot, "legend-dot");
      gtk_widget_add_css_class (dot, pw_chart_group_css_name (g));
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      /* On a narrow window the legend gives way first. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (item), dot);
      gtk_box_append (GTK_BOX (item), label);
      gtk_box_append (self->legend_box, item);
    }
}

/* What the page shows */

static void
count_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data);

static void
update_view (PwRunsPage *self)
{
  const GError *error;
  const char *current = gtk_stack_get_visible_child_name (self->content_stack);
  guint n;
  g_autofree char *count = NULL;
  g_autofree char *formatted = NULL;
  static const char *ranges[] = {
    N_("in the last 24 hours"), N_("in the last 7 days"), N_("in the last 30 days"), N_("in all"),
  };

  if (self->model == NULL)
    return;

  error = pw_run_list_model_get_error (self->model);
  if (error == NULL)
    error = pw_runs_chart_get_error (self->chart);

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  if (pw_run_list_model_get_loading (self->model))
    {
      /* Keep the table through a quick change of filters. */
      if (g_strcmp0 (current, "runs") != 0)
        gtk_stack_set_visible_child_name (self->content_stack, "loading");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  formatted = pw_format_count (n);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Run", "%s Runs", n), formatted);
  gtk_label_set_label (self->count_label, count);
  gtk_label_set_label (self->range_label, _(ranges[pw_runs_filter_bar_get_range (self->filter_bar)]));

  if (n > 0)
    {
      self->any_runs = TRUE;
      gtk_stack_set_visible_child_name (self->content_stack, "runs");
      return;
    }

  /* Nothing matches: is there nothing at all, or just nothing here? */
  if (!self->any_runs && self->backend != NULL)
    {
      pw_backend_count_flow_runs_async (self->backend, NULL, self->cancellable,
                                        count_all_cb, g_object_ref (self));
      return;
    }

  gtk_stack_set_visible_child_name (self->content_stack, self->any_runs ? "no-results" : "empty");
}

static void
count_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PwRunsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = pw_backend_count_flow_runs_finish (PW_BACKEND (object), result, &error);

  if (n < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  if (self->model == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0 ||
      pw_run_list_model_get_loading (self->model))
    return;

  self->any_runs = n > 0;
  gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "no-results" : "empty");
}

static void
apply_filters (PwRunsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PwFlowRunFilter) filter = NULL;

  if (self->model == NULL)
    return;

  filter = pw_runs_filter_bar_build_filter (self->filter_bar, now);
  pw_run_list_model_set_filter (self->model, filter);

  g_clear_pointer (&filter->expected_start_time_after, g_date_time_unref);
  pw_runs_chart_set_filter (self->chart, filter);
  pw_runs_chart_set_range (self->chart, pw_runs_filter_bar_get_chart_range (self->filter_bar));
  pw_runs_chart_reload (self->chart);

  update_view (self);
}

/* Deployment names were read: show them in the cells in view. */
static void
names_changed_cb (PwRunsPage *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->started_by);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_cell (self, item, COLUMN_DEPLOYMENT);
}

static void
filters_changed_cb (PwRunsPage *self)
{
  apply_filters (self);
}

static void
row_activated_cb (PwRunsPage *self,
                  guint       position)
{
  g_autoptr(PwFlowRun) run = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (!pw_run_list_model_is_placeholder (run))
    pw_runs_page_show_run (self, pw_flow_run_get_id (run));
}

static void
transition_done_cb (PwRunsPage *self)
{
  /* The run view slid out of sight: stop following its run. */
  if (!gtk_stack_get_transition_running (self->page_stack) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), "list") == 0)
    adw_bin_set_child (self->run_bin, NULL);
}

/* Actions */

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pw_runs_page_reload (PW_RUNS_PAGE (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  pw_runs_filter_bar_clear (PW_RUNS_PAGE (widget)->filter_bar);
}

static void
show_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pw_runs_page_show_run (PW_RUNS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pw_runs_page_show_list (PW_RUNS_PAGE (widget));
}

static void
create_model (PwRunsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  self->model = pw_run_list_model_new (self->backend);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  apply_filters (self);
}

static void
pw_runs_page_map (GtkWidget *widget)
{
  PwRunsPage *self = PW_RUNS_PAGE (widget);

  GTK_WIDGET_CLASS (pw_runs_page_parent_class)->map (widget);

  if (self->backend != NULL && self->model == NULL)
    create_model (self);
}

/* API */

PwBackend *
pw_runs_page_get_backend (PwRunsPage *self)
{
  g_return_val_if_fail (PW_IS_RUNS_PAGE (self), NULL);
  return self->backend;
}

void
pw_runs_page_set_backend (PwRunsPage *self,
                          PwBackend  *backend)
{
  g_return_if_fail (PW_IS_RUNS_PAGE (self));
  g_return_if_fail (!backend || PW_IS_BACKEND (backend));

  if (self->backend == backend)
    return;

  g_set_object (&self->backend, backend);
  if (self->names != NULL)
    g_signal_handlers_disconnect_by_data (self->names, self);
  g_clear_object (&self->names);
  if (backend != NULL)
    {
      self->names = pw_deployment_names_get_for_backend (backend);
      g_signal_connect_object (self->names, "changed", G_CALLBACK (names_changed_cb), self, G_CONNECT_SWAPPED);
    }
  pw_runs_filter_bar_set_backend (self->filter_bar, backend);
  pw_runs_chart_set_backend (self->chart, backend);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->any_runs = FALSE;
  gtk_column_view_set_model (self->column_view, NULL);

  /* The runs are read once the page is first shown, not at start. */
  if (backend != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    create_model (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runs.reload", backend != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

/**
 * pw_runs_page_get_model:
 *
 * Returns: (transfer none) (nullable): the runs of the table, %NULL until
 *   the page is first shown
 */
PwRunListModel *
pw_runs_page_get_model (PwRunsPage *self)
{
  g_return_val_if_fail (PW_IS_RUNS_PAGE (self), NULL);
  return self->model;
}

PwRunsFilterBar *
pw_runs_page_get_filter_bar (PwRunsPage *self)
{
  g_return_val_if_fail (PW_IS_RUNS_PAGE (self), NULL);
  return self->filter_bar;
}

PwRunsChart *
pw_runs_page_get_chart (PwRunsPage *self)
{
  g_return_val_if_fail (PW_IS_RUNS_PAGE (self), NULL);
  return self->chart;
}

GtkColumnView *
pw_runs_page_get_column_view (PwRunsPage *self)
{
  g_return_val_if_fail (PW_IS_RUNS_PAGE (self), NULL);
  return self->column_view;
}

/**
 * pw_runs_page_get_run_view:
 *
 * Returns: (transfer none) (nullable): the open run, if any
 */
PwRunView *
pw_runs_page_get_run_view (PwRunsPage *self)
{
  GtkWidget *child;

  g_return_val_if_fail (PW_IS_RUNS_PAGE (self), NULL);

  child = adw_bin_get_child (self->run_bin);
  return PW_IS_RUN_VIEW (child) ? PW_RUN_VIEW (child) : NULL;
}

/**
 * pw_runs_page_get_view:
 *
 * Returns: “list” for the table, “run” for a run's view
 */
const char *
pw_runs_page_get_view (PwRunsPage *self)
{
  g_return_val_if_fail (PW_IS_RUNS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->page_stack);
}

/**
 * pw_runs_page_get_content:
 *
 * Returns: what the list shows: “loading”, “runs”, “empty”, “no-results”
 *   or “error”
 */
const char *
pw_runs_page_get_content (PwRunsPage *self)
{
  g_return_val_if_fail (PW_IS_RUNS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/**
 * pw_runs_page_show_run:
 *
 * Opens the view of the run with @flow_run_id (which says so if there is
 * no such run).
 */
void
pw_runs_page_show_run (PwRunsPage *self,
                       const char *flow_run_id)
{
  PwRunView *current;

  g_return_if_fail (PW_IS_RUNS_PAGE (self));
  g_return_if_fail (flow_run_id != NULL);
  g_return_if_fail (self->backend != NULL);

  current = pw_runs_page_get_run_view (self);
  if (current == NULL || g_strcmp0 (pw_run_view_get_flow_run_id (current), flow_run_id) != 0)
    adw_bin_set_child (self->run_bin, GTK_WIDGET (pw_run_view_new (self->backend, flow_run_id)));

  gtk_stack_set_visible_child_name (self->page_stack, "run");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/**
 * pw_runs_page_show_list:
 *
 * Goes back from a run to the table.
 */
void
pw_runs_page_show_list (PwRunsPage *self)
{
  g_return_if_fail (PW_IS_RUNS_PAGE (self));

  if (g_strcmp0 (pw_runs_page_get_view (self), "list") == 0)
    return;

  gtk_stack_set_visible_child_name (self->page_stack, "list");
  transition_done_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/**
 * pw_runs_page_reload:
 *
 * Reads what is shown again: the run, or the table and the chart.
 */
void
pw_runs_page_reload (PwRunsPage *self)
{
  PwRunView *view;

  g_return_if_fail (PW_IS_RUNS_PAGE (self));

  view = pw_runs_page_get_run_view (self);
  if (view != NULL && g_strcmp0 (pw_runs_page_get_view (self), "run") == 0)
    {
      pw_run_view_reload (view);
      return;
    }

  if (self->model == NULL)
    return;

  self->any_runs = FALSE;
  apply_filters (self);
}

/**
 * pw_runs_page_focus_search:
 *
 * Moves the focus to the search of the open run's logs, or of the table.
 */
void
pw_runs_page_focus_search (PwRunsPage *self)
{
  PwRunView *view;

  g_return_if_fail (PW_IS_RUNS_PAGE (self));

  view = pw_runs_page_get_run_view (self);
  if (view != NULL && g_strcmp0 (pw_runs_page_get_view (self), "run") == 0)
    pw_run_view_focus_search (view);
  else
    pw_runs_filter_bar_focus_search (self->filter_bar);
}

/**
 * pw_runs_page_show_deployment:
 *
 * Shows the list of the runs of one deployment (from the Deployments
 * page).
 */
void
pw_runs_page_show_deployment (PwRunsPage *self,
                              const char *deployment_id)
{
  const char * const ids[] = { deployment_id, NULL };

  g_return_if_fail (PW_IS_RUNS_PAGE (self));
  g_return_if_fail (deployment_id != NULL);

  pw_runs_filter_bar_set_deployments (self->filter_bar, ids);
  pw_runs_page_show_list (self);
}

/* GObject */

static void
pw_runs_page_dispose (GObject *object)
{
  PwRunsPage *self = (PwRunsPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  /* The bin's child is a template child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_RUNS_PAGE);

  g_clear_object (&self->model);
  if (self->names != NULL)
    g_signal_handlers_disconnect_by_data (self->names, self);
  g_clear_object (&self->names);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (pw_runs_page_parent_class)->dispose (object);
}

static void
pw_runs_page_finalize (GObject *object)
{
  PwRunsPage *self = (PwRunsPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ticking, g_hash_table_unref);
  g_clear_pointer (&self->started_by, g_hash_table_unref);

  G_OBJECT_CLASS (pw_runs_page_parent_class)->finalize (object);
}

static void
pw_runs_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwRunsPage *self = PW_RUNS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_VIEW:
      g_value_set_string (value, pw_runs_page_get_view (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_runs_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwRunsPage *self = PW_RUNS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      pw_runs_page_set_backend (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_runs_page_class_init (PwRunsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_runs_page_dispose;
  object_class->finalize = pw_runs_page_finalize;
  object_class->get_property = pw_runs_page_get_property;
  object_class->set_property = pw_runs_page_set_property;
  widget_class->map = pw_runs_page_map;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL,
                         PW_TYPE_BACKEND,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * PwRunsPage:view:
   *
   * “list” or “run”.
   */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "list",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PW_TYPE_RUNS_FILTER_BAR);
  g_type_ensure (PW_TYPE_RUNS_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-runs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PwRunsPage, run_bin);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "runs.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "runs.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "runs.show-run", "s", show_run_action);
  gtk_widget_class_install_action (widget_class, "runs.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "runs.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "runs.back", NULL);
}

static void
pw_runs_page_init (PwRunsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->ticking = g_hash_table_new (NULL, NULL);
  self->started_by = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  add_columns (self);
  build_legend (self);
  g_signal_connect_object (self->chart, "notify::error", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_stack, "notify::transition-running",
                           G_CALLBACK (transition_done_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runs.reload", FALSE);
}
