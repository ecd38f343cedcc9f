/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-timeline"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pw-timeline-canvas.h"

/*
 * The drawing surface of the timeline: a GtkScrollable in the view's
 * GtkScrolledWindow. The vertical adjustment scrolls the rows; the
 * horizontal one scrolls time only — the names' column is drawn at the
 * left whatever the scroll. Zoom is pixels per second; a run's times are
 * laid out from its start with a margin on both sides.
 *
 * Until the user zooms, the whole run is fitted into the width (a live
 * run shrinks as it grows). Once zoomed, a view that shows the right edge
 * follows "now" as a live run grows; scrolled away from it, it stays put.
 */

#define MARGIN_START 12.0
#define MARGIN_END 48.0
#define ZOOM_STEP 1.5

struct _PwTimelineCanvas
{
  GtkWidget         parent_instance;

  PwTimelineLayout *layout;
  GtkAdjustment    *hadjustment;
  GtkAdjustment    *vadjustment;
  guint             hscroll_policy : 1;
  guint             vscroll_policy : 1;
  gboolean          auto_fit;
  gboolean          following;
  gboolean          adjusting;
  double            zoom;           /* px per second */
  double            label_width;
  PwDagColors       colors;
  int               hover_row;
  int               hover_segment;
  int               selected_row;
  double            pointer_x;
  double            pointer_y;
};

enum
{
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  TASK_RUN_ACTIVATED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (PwTimelineCanvas, pw_timeline_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* Geometry */

static gint64
run_start (PwTimelineCanvas *self)
{
  return self->layout != NULL ? pw_timeline_layout_get_start (self->layout) : 0;
}

static double
run_seconds (PwTimelineCanvas *self)
{
  gint64 start, end;

  if (self->layout == NULL)
    return 1.0;
  start = pw_timeline_layout_get_start (self->layout);
  end = pw_timeline_layout_get_end (self->layout);
  return MAX ((double)(end - start) / G_USEC_PER_SEC, 0.001);
}

static double
time_area_width (PwTimelineCanvas *self)
{
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - self->label_width);
}

static double
content_width (PwTimelineCanvas *self)
{
  return MARGIN_START + run_seconds (self) * self->zoom + MARGIN_END;
}

static double
hvalue (PwTimelineCanvas *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
vvalue (PwTimelineCanvas *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
fill_axis (PwTimelineCanvas *self,
           PwTimelineAxis   *axis)
{
  axis->px_per_sec = self->zoom;
  axis->origin = run_start (self) +
                 (gint64)llround ((hvalue (self) - MARGIN_START) / self->zoom * G_USEC_PER_SEC);
}

void
pw_timeline_canvas_get_paint_options (PwTimelineCanvas       *self,
                                      PwTimelinePaintOptions *o)
{
  pw_timeline_paint_options_init (o, &self->colors);
  o->pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  fill_axis (self, &o->axis);
  o->width = gtk_widget_get_width (GTK_WIDGET (self));
  o->height = gtk_widget_get_height (GTK_WIDGET (self));
  o->label_width = self->label_width;
  o->scroll_y = vvalue (self);
  o->run_start = run_start (self);
  o->hover_row = self->hover_row;
  o->hover_segment = self->hover_segment;
  o->selected_row = self->selected_row;
}

static void
set_hvalue (PwTimelineCanvas *self,
            double            value)
{
  self->adjusting = TRUE;
  gtk_adjustment_set_value (self->hadjustment, value);
  self->adjusting = FALSE;
}

/* Sets the adjustments' ranges from the layout, zoom and size, and
 * applies fitting or following. */
static void
configure (PwTimelineCanvas *self)
{
  double width = time_area_width (self);
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double rows = self->layout != NULL ? pw_timeline_content_height (self->layout) + 6 : height;
  double value;

  if (self->auto_fit && self->layout != NULL)
    self->zoom = CLAMP ((width - MARGIN_START - MARGIN_END) / run_seconds (self),
                        PW_TIMELINE_MIN_PX_PER_SEC, PW_TIMELINE_MAX_PX_PER_SEC);

  if (self->hadjustment != NULL)
    {
      double upper = MAX (content_width (self), width);

      value = hvalue (self);
      if (self->auto_fit)
        value = 0;
      else if (self->following)
        value = upper - width;
      self->adjusting = TRUE;
      gtk_adjustment_configure (self->hadjustment, CLAMP (value, 0, MAX (0, upper - width)), 0,
                                upper, width * 0.1, width * 0.9, width);
      self->adjusting = FALSE;
    }
  if (self->vadjustment != NULL)
    {
      double upper = MAX (rows, height);

      value = CLAMP (vvalue (self), 0, MAX (0, upper - height));
      gtk_adjustment_configure (self->vadjustment, value, 0, upper,
                                PW_TIMELINE_ROW_HEIGHT, height * 0.9, height);
    }
}

/* Zoom */

double
pw_timeline_canvas_get_zoom (PwTimelineCanvas *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE_CANVAS (self), 0);
  return self->zoom;
}

/**
 * pw_timeline_canvas_set_zoom:
 * @px_per_sec: the new zoom
 * @anchor_x: the x (in the widget) whose time stays where it is
 *
 * Zooms as the user asked: the view no longer fits the run by itself.
 */
void
pw_timeline_canvas_set_zoom (PwTimelineCanvas *self,
                             double            px_per_sec,
                             double            anchor_x)
{
  PwTimelineAxis axis;
  double area_x = anchor_x - self->label_width;
  gint64 anchor_time;
  double value;

  g_return_if_fail (PW_IS_TIMELINE_CANVAS (self));

  fill_axis (self, &axis);
  anchor_time = pw_timeline_axis_time_at (&axis, area_x);
  self->zoom = CLAMP (px_per_sec, PW_TIMELINE_MIN_PX_PER_SEC, PW_TIMELINE_MAX_PX_PER_SEC);
  self->auto_fit = FALSE;
  value = (double)(anchor_time - run_start (self)) / G_USEC_PER_SEC * self->zoom + MARGIN_START - area_x;
  self->following = FALSE;
  configure (self);
  if (self->hadjustment != NULL)
    {
      double upper = gtk_adjustment_get_upper (self->hadjustment);
      double page = gtk_adjustment_get_page_size (self->hadjustment);

      value = CLAMP (value, 0, MAX (0, upper - page));
      set_hvalue (self, value);
      self->following = value + page >= upper - 2;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_timeline_canvas_zoom_in (PwTimelineCanvas *self)
{
  pw_timeline_canvas_set_zoom (self, self->zoom * ZOOM_STEP,
                               self->label_width + time_area_width (self) / 2);
}

void
pw_timeline_canvas_zoom_out (PwTimelineCanvas *self)
{
  pw_timeline_canvas_set_zoom (self, self->zoom / ZOOM_STEP,
                               self->label_width + time_area_width (self) / 2);
}

void
pw_timeline_canvas_zoom_to_fit (PwTimelineCanvas *self)
{
  g_return_if_fail (PW_IS_TIMELINE_CANVAS (self));

  self->auto_fit = TRUE;
  self->following = TRUE;
  configure (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pw_timeline_canvas_get_following:
 *
 * Returns: whether the view keeps "now" in sight as a live run grows
 *   (fitted, or scrolled to the right edge)
 */
gboolean
pw_timeline_canvas_get_following (PwTimelineCanvas *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE_CANVAS (self), FALSE);
  return self->auto_fit || self->following;
}

/* The layout */

/**
 * pw_timeline_canvas_set_layout:
 * @layout: (transfer full) (nullable): the rows and segments to show
 */
void
pw_timeline_canvas_set_layout (PwTimelineCanvas *self,
                               PwTimelineLayout *layout)
{
  g_return_if_fail (PW_IS_TIMELINE_CANVAS (self));

  if (layout == NULL)
    self->label_width = PW_TIMELINE_LABEL_MIN;
  else if (self->layout == NULL || !pw_timeline_same_labels (self->layout, layout))
    self->label_width = pw_timeline_label_width (layout,
                                                 gtk_widget_get_pango_context (GTK_WIDGET (self)));
  g_clear_pointer (&self->layout, pw_timeline_layout_free);
  self->layout = layout;
  if (layout == NULL || self->hover_row >= (int)pw_timeline_layout_get_n_rows (layout))
    self->hover_row = self->hover_segment = -1;
  if (layout == NULL || self->hover_segment >= (int)pw_timeline_layout_get_n_segments (layout))
    self->hover_segment = -1;
  if (layout == NULL || self->selected_row >= (int)pw_timeline_layout_get_n_rows (layout))
    self->selected_row = -1;
  configure (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const PwTimelineLayout *
pw_timeline_canvas_get_layout (PwTimelineCanvas *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE_CANVAS (self), NULL);
  return self->layout;
}

/**
 * pw_timeline_canvas_set_now:
 *
 * Moves "now" on: the open segments grow, and the view follows.
 */
void
pw_timeline_canvas_set_now (PwTimelineCanvas *self,
                            gint64            now)
{
  g_return_if_fail (PW_IS_TIMELINE_CANVAS (self));

  if (self->layout == NULL)
    return;
  pw_timeline_layout_set_now (self->layout, now);
  configure (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const PwDagColors *
pw_timeline_canvas_get_colors (PwTimelineCanvas *self)
{
  return &self->colors;
}

int
pw_timeline_canvas_get_selected_row (PwTimelineCanvas *self)
{
  return self->selected_row;
}

void
pw_timeline_canvas_select_row (PwTimelineCanvas *self,
                               int               row)
{
  double y, top, page;

  g_return_if_fail (PW_IS_TIMELINE_CANVAS (self));

  if (self->layout == NULL || row < 0 || row >= (int)pw_timeline_layout_get_n_rows (self->layout))
    return;
  self->selected_row = row;

  /* Keep it in sight. */
  y = row * PW_TIMELINE_ROW_HEIGHT;
  top = vvalue (self);
  page = gtk_widget_get_height (GTK_WIDGET (self)) - PW_TIMELINE_HEADER_HEIGHT;
  if (self->vadjustment != NULL)
    {
      if (y < top)
        gtk_adjustment_set_value (self->vadjustment, y);
      else if (y + PW_TIMELINE_ROW_HEIGHT > top + page)
        gtk_adjustment_set_value (self->vadjustment, y + PW_TIMELINE_ROW_HEIGHT - page);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_row (PwTimelineCanvas *self,
              int               row)
{
  const PwTimelineRow *r;

  if (self->layout == NULL || row < 0 || row >= (int)pw_timeline_layout_get_n_rows (self->layout))
    return;
  r = pw_timeline_layout_get_row (self->layout, row);
  if (r->task_run_id != NULL)
    g_signal_emit (self, signals[TASK_RUN_ACTIVATED], 0, r->task_run_id);
}

/* Input */

static void
update_hover (PwTimelineCanvas *self)
{
  PwTimelinePaintOptions o;
  int row = -1, segment = -1;

  if (self->layout != NULL)
    {
      pw_timeline_canvas_get_paint_options (self, &o);
      pw_timeline_hit (self->layout, &o, self->pointer_x, self->pointer_y, &row, &segment);
    }
  if (row != self->hover_row || segment != self->hover_segment)
    {
      self->hover_row = row;
      self->hover_segment = segment;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion (PwTimelineCanvas *self,
           double            x,
           double            y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  update_hover (self);
}

static void
on_leave (PwTimelineCanvas *self)
{
  self->pointer_x = self->pointer_y = -1;
  update_hover (self);
}

static void
on_pressed (GtkGestureClick  *gesture,
            int               n_press,
            double            x,
            double            y,
            PwTimelineCanvas *self)
{
  PwTimelinePaintOptions o;
  int row, segment;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->layout == NULL)
    return;
  pw_timeline_canvas_get_paint_options (self, &o);
  if (!pw_timeline_hit (self->layout, &o, x, y, &row, &segment))
    return;
  self->selected_row = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  activate_row (self, row);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PwTimelineCanvas         *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  /* Ctrl+scroll zooms around the pointer; the scrolled window scrolls. */
  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  pw_timeline_canvas_set_zoom (self, self->zoom * pow (ZOOM_STEP, -CLAMP (dy, -3, 3)),
                               MAX (self->pointer_x, self->label_width));
  return TRUE;
}

static gboolean
on_key (PwTimelineCanvas *self,
        guint             keyval,
        guint             keycode,
        GdkModifierType   state)
{
  int n = self->layout != NULL ? (int)pw_timeline_layout_get_n_rows (self->layout) : 0;

  switch (keyval)
    {
    case GDK_KEY_Down:
      pw_timeline_canvas_select_row (self, MIN (n - 1, self->selected_row + 1));
      return TRUE;
    case GDK_KEY_Up:
      pw_timeline_canvas_select_row (self, MAX (0, self->selected_row - 1));
      return TRUE;
    case GDK_KEY_Home:
      pw_timeline_canvas_select_row (self, 0);
      return TRUE;
    case GDK_KEY_End:
      pw_timeline_canvas_select_row (self, n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      gtk_widget_activate_action (GTK_WIDGET (self), "timeline.activate-selected", NULL);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      pw_timeline_canvas_zoom_in (self);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      pw_timeline_canvas_zoom_out (self);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      pw_timeline_canvas_zoom_to_fit (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_hvalue_changed (PwTimelineCanvas *self)
{
  /* The user scrolled time: following "now" only at the right edge. */
  if (!self->adjusting)
    {
      double upper = gtk_adjustment_get_upper (self->hadjustment);
      double page = gtk_adjustment_get_page_size (self->hadjustment);
      double value = gtk_adjustment_get_value (self->hadjustment);

      self->auto_fit = FALSE;
      self->following = value + page >= upper - 2;
    }
  update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_vvalue_changed (PwTimelineCanvas *self)
{
  update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Colours */

static PwDagColor
lookup (GtkStyleContext  *style,
        const char       *name,
        const PwDagColor *fallback)
{
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (style, name, &rgba))
    return *fallback;
  return (PwDagColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
}

/* libadwaita's named colours, as the canvas takes them: the timeline
 * follows the accent, the dark style and high contrast. */
static void
update_colors (PwTimelineCanvas *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  static const char * const states[PW_N_STATE_TYPES] = {
    "yellow_5", "light_5", "blue_3", "green_4", "red_3", "dark_2", "orange_3", "light_5", "dark_2",
  };
  PwDagColors d, *c = &self->colors;

  pw_dag_colors_init (&d, dark);
  *c = d;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  c->background = lookup (style, "view_bg_color", &d.background);
  c->fg = lookup (style, "view_fg_color", &d.fg);
  c->accent = lookup (style, "accent_bg_color", &d.accent);
  c->accent_fg = lookup (style, "accent_fg_color", &d.accent_fg);
  c->error = lookup (style, "error_color", &d.error);
  c->success = lookup (style, "success_color", &d.success);
  c->warning = lookup (style, "warning_color", &d.warning);
  for (guint s = 0; s < PW_N_STATE_TYPES; s++)
    c->state[s] = lookup (style, states[s], &d.state[s]);
  G_GNUC_END_IGNORE_DEPRECATIONS
  c->grid = pw_dag_color_alpha (&c->fg, 0.08);
  c->card_border = pw_dag_color_alpha (&c->fg, 0.15);
  c->dim_fg = pw_dag_color_alpha (&c->fg, 0.6);
}

/* GtkWidget */

static void
pw_timeline_canvas_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  PwTimelineCanvas *self = PW_TIMELINE_CANVAS (widget);
  PwTimelinePaintOptions o;
  cairo_t *cr;

  if (self->layout == NULL)
    return;
  pw_timeline_canvas_get_paint_options (self, &o);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, o.width, o.height));
  pw_timeline_paint (cr, self->layout, &o);
  cairo_destroy (cr);
}

static void
pw_timeline_canvas_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  configure (PW_TIMELINE_CANVAS (widget));
}

static void
pw_timeline_canvas_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (pw_timeline_canvas_parent_class)->css_changed (widget, change);
  update_colors (PW_TIMELINE_CANVAS (widget));
  gtk_widget_queue_draw (widget);
}

static void
set_adjustment (PwTimelineCanvas  *self,
                GtkAdjustment    **slot,
                GtkAdjustment     *adjustment,
                GCallback          changed)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  g_clear_object (slot);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", changed, self);
  configure (self);
}

static void
pw_timeline_canvas_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PwTimelineCanvas *self = PW_TIMELINE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_timeline_canvas_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PwTimelineCanvas *self = PW_TIMELINE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value),
                      G_CALLBACK (on_hvalue_changed));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value),
                      G_CALLBACK (on_vvalue_changed));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_timeline_canvas_dispose (GObject *object)
{
  PwTimelineCanvas *self = PW_TIMELINE_CANVAS (object);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->layout, pw_timeline_layout_free);

  G_OBJECT_CLASS (pw_timeline_canvas_parent_class)->dispose (object);
}

static void
pw_timeline_canvas_class_init (PwTimelineCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_timeline_canvas_dispose;
  object_class->get_property = pw_timeline_canvas_get_property;
  object_class->set_property = pw_timeline_canvas_set_property;
  widget_class->snapshot = pw_timeline_canvas_snapshot;
  widget_class->size_allocate = pw_timeline_canvas_size_allocate;
  widget_class->css_changed = pw_timeline_canvas_css_changed;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * PwTimelineCanvas::task-run-activated:
   * @task_run_id: the task run clicked or chosen with Enter
   */
  signals[TASK_RUN_ACTIVATED] =
    g_signal_new ("task-run-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "pw-timeline-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pw_timeline_canvas_init (PwTimelineCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->zoom = 10.0;
  self->auto_fit = TRUE;
  self->following = TRUE;
  self->label_width = PW_TIMELINE_LABEL_MIN;
  self->hover_row = self->hover_segment = self->selected_row = -1;
  self->pointer_x = self->pointer_y = -1;
  pw_dag_colors_init (&self->colors, FALSE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timeline of the run’s task runs"), -1);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (_pw_timeline_canvas_query_tooltip), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
pw_timeline_canvas_new (void)
{
  return g_object_new (PW_TYPE_TIMELINE_CANVAS, NULL);
}
