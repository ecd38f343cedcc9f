/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-runs-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pw-format.h"
#include "pw-runs-chart.h"

/*
 * PwRunsChart: how many runs there were over the last day, week or month,
 * a bar per bucket (pw-chart-buckets.c), its stacks the state groups. The
 * numbers are counts through the backend, one per bucket and group (each
 * served by the index on the expected start time), so the chart costs the
 * same with 100 runs or 100,000. The bars are drawn once into a render
 * node; the hovered bar is highlighted on top, and its tooltip has the
 * numbers.
 */

#define PLOT_LEFT 44.0
#define PLOT_BOTTOM 22.0
#define PLOT_TOP 8.0
#define PLOT_RIGHT 4.0
#define REFRESH_DELAY_MS 400

struct _PwRunsChart
{
  GtkWidget        parent_instance;

  PwBackend       *backend;
  PwFlowRunFilter *filter;
  PwChartRange     range;
  GDateTime       *fixed_now;

  GArray          *buckets;
  guint           *counts;       /* n_buckets × PW_N_CHART_GROUPS */
  guint           *loading_counts;
  GArray          *loading_buckets;
  GQueue           queued;        /* CountOp not started yet */
  gboolean         loading;
  GError          *error;
  GCancellable    *cancellable;
  guint            generation;
  guint            refresh_id;

  GskRenderNode   *bars_node;
  int              node_width;
  int              node_height;
  int              hover;
};

G_DEFINE_FINAL_TYPE (PwRunsChart, pw_runs_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
pw_runs_chart_new (void)
{
  return g_object_new (PW_TYPE_RUNS_CHART, NULL);
}

static void
invalidate (PwRunsChart *self)
{
  g_clear_pointer (&self->bars_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GDateTime *
get_now (PwRunsChart *self)
{
  if (self->fixed_now != NULL)
    return g_date_time_ref (self->fixed_now);
  return g_date_time_new_now_local ();
}

static GTimeZone *
get_time_zone (PwRunsChart *self)
{
  g_autoptr(GDateTime) now = get_now (self);

  return g_time_zone_ref (g_date_time_get_timezone (now));
}

static void
update_accessible_label (PwRunsChart *self)
{
  g_autoptr(GString) label = g_string_new (NULL);
  guint64 totals[PW_N_CHART_GROUPS] = { 0 };
  static const char *ranges[] = {
    N_("Runs in the last 24 hours"),
    N_("Runs in the last 7 days"),
    N_("Runs in the last 30 days"),
  };

  for (guint i = 0; self->buckets != NULL && i < self->buckets->len; i++)
    for (guint g = 0; g < PW_N_CHART_GROUPS; g++)
      totals[g] += self->counts[i * PW_N_CHART_GROUPS + g];

  g_string_append (label, _(ranges[MIN (self->range, G_N_ELEMENTS (ranges) - 1)]));
  for (guint g = 0; g < PW_N_CHART_GROUPS; g++)
    {
      g_autofree char *count = pw_format_count (totals[g]);

      /* Translators: a state group and its number of runs, in the chart's description */
      g_string_append_printf (label, _(", %s: %s"), pw_chart_group_name (g), count);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  -1);
}

/* Loading */

typedef struct
{
  PwRunsChart     *self;
  guint            generation;
  guint            bucket;
  PwChartGroup     group;
  PwFlowRunFilter *filter;
} CountOp;

static void
count_op_free (CountOp *op)
{
  g_clear_object (&op->self);
  g_clear_pointer (&op->filter, pw_flow_run_filter_free);
  g_free (op);
}

static void start_next (PwRunsChart *self);

static void
set_loading (PwRunsChart *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
finish_loading (PwRunsChart *self)
{
  /* All counts are in: show them together, never half a chart. */
  if (self->error == NULL)
    {
      g_free (self->counts);
      self->counts = g_steal_pointer (&self->loading_counts);
      g_clear_pointer (&self->buckets, g_array_unref);
      self->buckets = g_steal_pointer (&self->loading_buckets);
      update_accessible_label (self);
      invalidate (self);
    }
  g_clear_pointer (&self->loading_counts, g_free);
  g_clear_pointer (&self->loading_buckets, g_array_unref);
  set_loading (self, FALSE);
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CountOp *op = user_data;
  g_autoptr(PwRunsChart) self = g_object_ref (op->self);
  g_autoptr(GError) error = NULL;
  gint64 n;
  gboolean current = op->generation == self->generation;

  n = pw_backend_count_flow_runs_finish (PW_BACKEND (object), result, &error);
  if (!current)
    {
      count_op_free (op);
      return;
    }

  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->error == NULL)
        {
          self->error = g_steal_pointer (&error);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
        }
      g_queue_clear_full (&self->queued, (GDestroyNotify)count_op_free);
    }
  else
    {
      self->loading_counts[op->bucket * PW_N_CHART_GROUPS + op->group] = (guint)MIN (n, (gint64)G_MAXUINT);
    }

  count_op_free (op);

  if (self->queued.length > 0)
    start_next (self);
  else
    finish_loading (self);
}

/* One count at a time: the store answers one query at a time, and the
 * table's pages, on view, get their turn between two counts. */
static void
start_next (PwRunsChart *self)
{
  CountOp *op = g_queue_pop_head (&self->queued);

  pw_backend_count_flow_runs_async (self->backend, op->filter, self->cancellable, count_cb, op);
}

/**
 * pw_runs_chart_reload:
 *
 * Counts the runs of each bucket and group again.
 */
void
pw_runs_chart_reload (PwRunsChart *self)
{
  g_autoptr(GDateTime) now = NULL;
  guint filter_types;

  g_return_if_fail (PW_IS_RUNS_CHART (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->backend == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->generation++;
  g_queue_clear_full (&self->queued, (GDestroyNotify)count_op_free);
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  now = get_now (self);
  g_clear_pointer (&self->loading_buckets, g_array_unref);
  self->loading_buckets = pw_chart_buckets_new (self->range, now);
  g_free (self->loading_counts);
  self->loading_counts = g_new0 (guint, self->loading_buckets->len * PW_N_CHART_GROUPS);

  filter_types = self->filter != NULL ? self->filter->state_types : 0;

  for (guint i = 0; i < self->loading_buckets->len; i++)
    {
      const PwChartBucket *bucket = &g_array_index (self->loading_buckets, PwChartBucket, i);
      g_autoptr(GDateTime) after = g_date_time_new_from_unix_utc (bucket->start / G_USEC_PER_SEC);
      g_autoptr(GDateTime) before_end = g_date_time_new_from_unix_utc (bucket->end / G_USEC_PER_SEC);
      g_autoptr(GDateTime) before = g_date_time_add (before_end, -1);

      for (guint g = 0; g < PW_N_CHART_GROUPS; g++)
        {
          g_autoptr(PwFlowRunFilter) filter = NULL;
          guint types = pw_chart_group_state_types (g);
          CountOp *op;

          if (filter_types != 0)
            types &= filter_types;
          if (types == 0)
            continue;

          filter = self->filter != NULL ? pw_flow_run_filter_copy (self->filter) : pw_flow_run_filter_new ();
          filter->state_types = types;
          g_clear_pointer (&filter->expected_start_time_after, g_date_time_unref);
          g_clear_pointer (&filter->expected_start_time_before, g_date_time_unref);
          g_clear_pointer (&filter->start_time_after, g_date_time_unref);
          g_clear_pointer (&filter->start_time_before, g_date_time_unref);
          filter->expected_start_time_after = g_date_time_ref (after);
          filter->expected_start_time_before = g_date_time_ref (before);

          op = g_new0 (CountOp, 1);
          op->self = g_object_ref (self);
          op->generation = self->generation;
          op->bucket = i;
          op->group = g;
          op->filter = g_steal_pointer (&filter);
          g_queue_push_tail (&self->queued, op);
        }
    }

  if (self->queued.length == 0)
    {
      finish_loading (self);
      return;
    }

  set_loading (self, TRUE);
  start_next (self);
}

static gboolean
refresh_cb (gpointer data)
{
  PwRunsChart *self = data;

  self->refresh_id = 0;
  pw_runs_chart_reload (self);
  return G_SOURCE_REMOVE;
}

static void
flow_run_changed_cb (PwRunsChart *self)
{
  /* Runs change in bursts; count once the burst has passed (and only
   * the latest counts come through, should a count be on its way). */
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

void
pw_runs_chart_set_backend (PwRunsChart *self,
                           PwBackend   *backend)
{
  g_return_if_fail (PW_IS_RUNS_CHART (self));

  if (self->backend == backend)
    return;

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_func (self->backend, flow_run_changed_cb, self);
  g_set_object (&self->backend, backend);
  if (self->backend != NULL)
    g_signal_connect_object (self->backend, "flow-run-changed",
                             G_CALLBACK (flow_run_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * pw_runs_chart_set_filter:
 * @filter: (nullable): the runs to count (its time range is the chart's
 *   own; its state types narrow the groups)
 *
 * Sets the filter; call pw_runs_chart_reload() to count with it.
 */
void
pw_runs_chart_set_filter (PwRunsChart           *self,
                          const PwFlowRunFilter *filter)
{
  g_return_if_fail (PW_IS_RUNS_CHART (self));

  g_clear_pointer (&self->filter, pw_flow_run_filter_free);
  if (filter != NULL)
    self->filter = pw_flow_run_filter_copy (filter);
}

PwChartRange
pw_runs_chart_get_range (PwRunsChart *self)
{
  g_return_val_if_fail (PW_IS_RUNS_CHART (self), PW_CHART_RANGE_DAY);
  return self->range;
}

/**
 * pw_runs_chart_set_range:
 *
 * Sets how far back the chart goes; call pw_runs_chart_reload() to count.
 */
void
pw_runs_chart_set_range (PwRunsChart  *self,
                         PwChartRange  range)
{
  g_return_if_fail (PW_IS_RUNS_CHART (self));
  self->range = range;
}

/**
 * pw_runs_chart_set_now:
 * @now: (nullable): the time to end the chart at, %NULL for the clock's
 *
 * For tests and figures, which need a fixed time.
 */
void
pw_runs_chart_set_now (PwRunsChart *self,
                       GDateTime   *now)
{
  g_return_if_fail (PW_IS_RUNS_CHART (self));

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  if (now != NULL)
    self->fixed_now = g_date_time_ref (now);
}

gboolean
pw_runs_chart_get_loading (PwRunsChart *self)
{
  g_return_val_if_fail (PW_IS_RUNS_CHART (self), FALSE);
  return self->loading;
}

const GError *
pw_runs_chart_get_error (PwRunsChart *self)
{
  g_return_val_if_fail (PW_IS_RUNS_CHART (self), NULL);
  return self->error;
}

guint
pw_runs_chart_get_n_buckets (PwRunsChart *self)
{
  g_return_val_if_fail (PW_IS_RUNS_CHART (self), 0);
  return self->buckets != NULL ? self->buckets->len : 0;
}

/**
 * pw_runs_chart_get_count:
 *
 * Returns: the runs of @group in @bucket, as last counted
 */
guint
pw_runs_chart_get_count (PwRunsChart  *self,
                         guint         bucket,
                         PwChartGroup  group)
{
  g_return_val_if_fail (PW_IS_RUNS_CHART (self), 0);
  g_return_val_if_fail (bucket < pw_runs_chart_get_n_buckets (self), 0);
  g_return_val_if_fail (group < PW_N_CHART_GROUPS, 0);

  return self->counts[bucket * PW_N_CHART_GROUPS + group];
}

guint64
pw_runs_chart_get_total (PwRunsChart *self)
{
  guint64 total = 0;

  g_return_val_if_fail (PW_IS_RUNS_CHART (self), 0);

  for (guint i = 0; i < pw_runs_chart_get_n_buckets (self) * PW_N_CHART_GROUPS; i++)
    total += self->counts[i];

  return total;
}

/* Drawing */

static void
group_color (PwRunsChart  *self,
             PwChartGroup  group,
             GdkRGBA      *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  const char *name;

  switch (group)
    {
    case PW_CHART_GROUP_COMPLETED:
      name = "success_color";
      break;
    case PW_CHART_GROUP_FAILED:
      name = "error_color";
      break;
    case PW_CHART_GROUP_RUNNING:
      name = "accent_color";
      break;
    case PW_CHART_GROUP_SCHEDULED:
      name = "warning_color";
      break;
    case PW_CHART_GROUP_CANCELLED:
    default:
      gtk_style_context_get_color (context, color);
      color->alpha = 0.35f;
      return;
    }

  if (!gtk_style_context_lookup_color (context, name, color))
    gtk_style_context_get_color (context, color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
foreground (PwRunsChart *self,
            GdkRGBA     *color,
            float        alpha)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color->alpha *= alpha;
}

static void
append_text (PwRunsChart *self,
             GtkSnapshot *snapshot,
             const char  *text,
             double       x,
             double       y,
             double       xalign,
             float        alpha)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();
  GdkRGBA color;
  int width, height;

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &width, &height);

  foreground (self, &color, alpha);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float)(x - width * xalign),
                                                          (float)(y - height / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
plot_area (PwRunsChart     *self,
           graphene_rect_t *plot)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  graphene_rect_init (plot, (float)PLOT_LEFT, (float)PLOT_TOP,
                      (float)MAX (0.0, width - PLOT_LEFT - PLOT_RIGHT),
                      (float)MAX (0.0, height - PLOT_TOP - PLOT_BOTTOM));
}

static guint
bucket_total (PwRunsChart *self,
              guint        bucket)
{
  guint total = 0;

  for (guint g = 0; g < PW_N_CHART_GROUPS; g++)
    total += self->counts[bucket * PW_N_CHART_GROUPS + g];

  return total;
}

static GskRenderNode *
draw_bars (PwRunsChart *self)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GTimeZone) tz = get_time_zone (self);
  graphene_rect_t plot;
  guint n = pw_runs_chart_get_n_buckets (self);
  guint max = 0, top;
  GdkRGBA grid;

  plot_area (self, &plot);

  for (guint i = 0; i < n; i++)
    max = MAX (max, bucket_total (self, i));
  top = pw_chart_nice_max (max);

  /* Grid lines and the axis: 0, half and the top. */
  foreground (self, &grid, 0.12f);
  for (guint k = 0; k <= 2; k++)
    {
      double y = plot.origin.y + plot.size.height * (1.0 - k / 2.0);
      g_autofree char *label = NULL;

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (plot.origin.x, (float)floor (y),
                                                      plot.size.width, 1));
      if (k == 1 && top % 2 != 0)
        continue;
      label = pw_format_count ((guint64)top * k / 2);
      append_text (self, snapshot, label, PLOT_LEFT - 8, y, 1.0, 0.55f);
    }

  for (guint i = 0; i < n; i++)
    {
      const PwChartBucket *bucket = &g_array_index (self->buckets, PwChartBucket, i);
      g_autofree char *tick = pw_chart_bucket_tick_label (self->range, bucket, tz);
      double x, bar_width, base = plot.origin.y + plot.size.height;

      pw_chart_bar_geometry (n, plot.size.width, i, &x, &bar_width);
      x += plot.origin.x;

      for (guint g = 0; g < PW_N_CHART_GROUPS; g++)
        {
          guint count = self->counts[i * PW_N_CHART_GROUPS + g];
          double h;
          GdkRGBA color;

          if (count == 0)
            continue;

          /* At least a pixel, so that a lone failure shows. */
          h = MAX (1.0, plot.size.height * count / (double)top);
          group_color (self, g, &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT ((float)x, (float)(base - h),
                                                          (float)bar_width, (float)h));
          base -= h;
        }

      if (tick != NULL)
        append_text (self, snapshot, tick, x, plot.origin.y + plot.size.height + PLOT_BOTTOM / 2 + 2, 0.0, 0.55f);
    }

  if (max == 0 && !self->loading)
    append_text (self, snapshot, _("No runs in this period"),
                 plot.origin.x + plot.size.width / 2, plot.origin.y + plot.size.height / 2, 0.5, 0.55f);

  return gtk_snapshot_free_to_node (snapshot);
}

static void
pw_runs_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PwRunsChart *self = PW_RUNS_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;

  if (self->bars_node == NULL || self->node_width != width || self->node_height != height)
    {
      g_clear_pointer (&self->bars_node, gsk_render_node_unref);
      self->bars_node = draw_bars (self);
      self->node_width = width;
      self->node_height = height;
    }

  /* The hovered bar's slot, under the bars. */
  if (self->hover >= 0 && (guint)self->hover < pw_runs_chart_get_n_buckets (self))
    {
      graphene_rect_t plot;
      double x, bar_width;
      GdkRGBA color;

      plot_area (self, &plot);
      pw_chart_bar_geometry (pw_runs_chart_get_n_buckets (self), plot.size.width, self->hover, &x, &bar_width);
      foreground (self, &color, 0.08f);
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT ((float)(plot.origin.x + x - 1), plot.origin.y,
                                                      (float)(bar_width + 2), plot.size.height));
    }

  if (self->bars_node != NULL)
    gtk_snapshot_append_node (snapshot, self->bars_node);
}

static void
pw_runs_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      *minimum = 100;
      *natural = 140;
    }
}

static void
pw_runs_chart_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  invalidate (PW_RUNS_CHART (widget));
}

static int
hit_test (PwRunsChart *self,
          double       x)
{
  graphene_rect_t plot;

  plot_area (self, &plot);
  return pw_chart_hit_test (pw_runs_chart_get_n_buckets (self), plot.size.width, x - plot.origin.x);
}

static void
motion_cb (PwRunsChart *self,
           double       x,
           double       y)
{
  int hover = hit_test (self, x);

  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (PwRunsChart *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
query_tooltip_cb (PwRunsChart *self,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *when = NULL;
  int index = hit_test (self, x);

  if (index < 0)
    return FALSE;

  tz = get_time_zone (self);
  when = pw_chart_bucket_describe (self->range, &g_array_index (self->buckets, PwChartBucket, index), tz);
  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>", when);
  for (guint g = 0; g < PW_N_CHART_GROUPS; g++)
    {
      guint count = self->counts[index * PW_N_CHART_GROUPS + g];

      if (count > 0)
        g_string_append_printf (text, "\n%s: %u", pw_chart_group_name (g), count);
    }
  if (bucket_total (self, index) == 0)
    g_string_append_printf (text, "\n%s", _("No runs"));

  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

static void
pw_runs_chart_dispose (GObject *object)
{
  PwRunsChart *self = (PwRunsChart *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_queue_clear_full (&self->queued, (GDestroyNotify)count_op_free);
  g_clear_object (&self->backend);
  g_clear_pointer (&self->bars_node, gsk_render_node_unref);

  G_OBJECT_CLASS (pw_runs_chart_parent_class)->dispose (object);
}

static void
pw_runs_chart_finalize (GObject *object)
{
  PwRunsChart *self = (PwRunsChart *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->filter, pw_flow_run_filter_free);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_clear_pointer (&self->buckets, g_array_unref);
  g_clear_pointer (&self->loading_buckets, g_array_unref);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->loading_counts, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (pw_runs_chart_parent_class)->finalize (object);
}

static void
pw_runs_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwRunsChart *self = PW_RUNS_CHART (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_runs_chart_class_init (PwRunsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_runs_chart_dispose;
  object_class->finalize = pw_runs_chart_finalize;
  object_class->get_property = pw_runs_chart_get_property;

  widget_class->snapshot = pw_runs_chart_snapshot;
  widget_class->measure = pw_runs_chart_measure;
  widget_class->size_allocate = pw_runs_chart_size_allocate;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "runschart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pw_runs_chart_init (PwRunsChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->range = PW_CHART_RANGE_WEEK;
  self->hover = -1;
  g_queue_init (&self->queued);

  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  /* The colours come from the style: draw again when it changes. */
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast", G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);

  update_accessible_label (self);
}
