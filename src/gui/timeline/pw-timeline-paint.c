/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-timeline"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "pw-timeline-paint.h"

/*
 * What the timeline looks like:
 *
 *  - a header with the ticks (time since the run's start) and a faint
 *    line for each tick down through the rows;
 *  - a row per task run, every other one faintly shaded; a mapped task's
 *    row shows a thin bracket over the span of its runs;
 *  - waiting (Scheduled, Pending, AwaitingRetry) as a thin bar in the
 *    waiting state's colour, so that queued time is visible but does not
 *    read as work (what Airflow's Gantt leaves out, airflow#17487);
 *  - each attempt as a full bar in the colour of how it ended: green
 *    completed, red failed (also an attempt that was retried), orange
 *    crashed, blue still running, grey cancelled; its attempt number in
 *    it when there were several and it is wide enough;
 *  - a cache hit as a green diamond; a final failure as a red × after
 *    the bar;
 *  - "now" as an accent line while the run goes on;
 *  - the task names in a column at the left, drawn last over the bars so
 *    they stay put while time scrolls.
 *
 * Only the rows on screen are drawn, and in a row only the segments that
 * meet the time on screen: a frame costs the same with 100 or 10,000
 * task runs.
 */

#define LABEL_PAD 12.0
#define INDENT 16.0

void
pw_timeline_paint_options_init (PwTimelinePaintOptions *options,
                                const PwDagColors      *colors)
{
  *options = (PwTimelinePaintOptions) {
    .colors = colors,
    .axis = { 0, 10.0 },
    .label_width = PW_TIMELINE_LABEL_MIN,
    .hover_row = -1,
    .hover_segment = -1,
    .selected_row = -1,
  };
}

static void
set_color (cairo_t          *cr,
           const PwDagColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

double
pw_timeline_content_height (const PwTimelineLayout *layout)
{
  return PW_TIMELINE_HEADER_HEIGHT + pw_timeline_layout_get_n_rows (layout) * PW_TIMELINE_ROW_HEIGHT;
}

static PangoLayout *
new_text (PangoContext *pango,
          gboolean      bold,
          double        size_pt)
{
  PangoLayout *text = pango_layout_new (pango);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_size (font, (int)(size_pt * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (text, font);
  pango_font_description_free (font);
  return text;
}

/**
 * pw_timeline_label_width:
 *
 * Returns: a width for the names' column that fits the longest name (up
 *   to %PW_TIMELINE_LABEL_MAX; longer ones are ellipsized). Only the first
 *   thousand rows are measured.
 */
double
pw_timeline_label_width (const PwTimelineLayout *layout,
                         PangoContext           *pango)
{
  g_autoptr(PangoLayout) text = new_text (pango, FALSE, 10);
  guint n = MIN (pw_timeline_layout_get_n_rows (layout), 1000);
  double widest = 0;

  for (guint i = 0; i < n; i++)
    {
      const PwTimelineRow *row = pw_timeline_layout_get_row (layout, i);
      int w;

      pango_layout_set_text (text, row->label, -1);
      pango_layout_get_pixel_size (text, &w, NULL);
      /* A mapped task's count beside its name. */
      widest = MAX (widest, w + row->depth * INDENT + (row->n_children > 0 ? 48 : 0));
    }
  return CLAMP (ceil (widest + 2 * LABEL_PAD + 14), PW_TIMELINE_LABEL_MIN, PW_TIMELINE_LABEL_MAX);
}

/**
 * pw_timeline_same_labels:
 *
 * Whether @a and @b have the same names' column (the rows
 * pw_timeline_label_width() measures), so that it need not be measured
 * again: a live run's layouts mostly do, and measuring takes a few
 * milliseconds.
 *
 * Returns: %TRUE when the measured rows' names, depths and counts match
 */
gboolean
pw_timeline_same_labels (const PwTimelineLayout *a,
                         const PwTimelineLayout *b)
{
  guint n = MIN (pw_timeline_layout_get_n_rows (a), 1000);

  if (n != MIN (pw_timeline_layout_get_n_rows (b), 1000))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const PwTimelineRow *x = pw_timeline_layout_get_row (a, i);
      const PwTimelineRow *y = pw_timeline_layout_get_row (b, i);

      if (x->depth != y->depth || (x->n_children > 0) != (y->n_children > 0) ||
          g_strcmp0 (x->label, y->label) != 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * pw_timeline_segment_color:
 *
 * The colour of a segment: a wait in its waiting state's colour (yellow
 * for a scheduled wait or a retry's, grey for Pending), an attempt in the
 * colour of how it ended.
 */
void
pw_timeline_segment_color (const PwTimelineSegment *segment,
                           const PwDagColors       *colors,
                           PwDagColor              *color)
{
  switch (segment->kind)
    {
    case PW_TIMELINE_SEGMENT_WAITING:
      if (g_strcmp0 (segment->state_name, "AwaitingRetry") == 0 ||
          g_strcmp0 (segment->state_name, "Scheduled") == 0 ||
          g_strcmp0 (segment->state_name, "Late") == 0)
        *color = colors->state[PW_STATE_TYPE_SCHEDULED];
      else
        *color = colors->state[PW_STATE_TYPE_PENDING];
      break;

    case PW_TIMELINE_SEGMENT_CACHED:
      *color = colors->state[PW_STATE_TYPE_COMPLETED];
      break;

    case PW_TIMELINE_SEGMENT_RUNNING:
    default:
      if (segment->failed)
        *color = colors->state[segment->end_type == PW_STATE_TYPE_CRASHED
                               ? PW_STATE_TYPE_CRASHED : PW_STATE_TYPE_FAILED];
      else if (segment->open)
        *color = colors->state[PW_STATE_TYPE_RUNNING];
      else
        *color = colors->state[segment->end_type];
      break;
    }
}

static void
paint_header (cairo_t                      *cr,
              const PwTimelinePaintOptions *o,
              PangoLayout                  *text,
              gint64                        step)
{
  const PwDagColors *c = o->colors;
  double area = o->width - o->label_width;
  gint64 from = pw_timeline_axis_time_at (&o->axis, 0);
  gint64 to = pw_timeline_axis_time_at (&o->axis, area);
  gint64 minor = step / 5 > 0 ? step / 5 : step;
  PwDagColor header = pw_dag_color_over (&(PwDagColor) { c->fg.red, c->fg.green, c->fg.blue, 0.04 },
                                         &c->background);

  set_color (cr, &header);
  cairo_rectangle (cr, o->label_width, 0, area, PW_TIMELINE_HEADER_HEIGHT);
  cairo_fill (cr);

  /* Grid lines through the rows, minor ticks in the header. */
  cairo_set_line_width (cr, 1.0);
  for (gint64 t = pw_timeline_first_tick (o->run_start, from, minor); t <= to; t += minor)
    {
      double x = round (o->label_width + pw_timeline_axis_x_of (&o->axis, t)) + 0.5;
      gboolean major = (t - o->run_start) % step == 0;

      set_color (cr, &c->grid);
      if (major)
        {
          cairo_move_to (cr, x, PW_TIMELINE_HEADER_HEIGHT - 8);
          cairo_line_to (cr, x, o->height);
        }
      else
        {
          cairo_move_to (cr, x, PW_TIMELINE_HEADER_HEIGHT - 4);
          cairo_line_to (cr, x, PW_TIMELINE_HEADER_HEIGHT);
        }
      cairo_stroke (cr);
    }

  set_color (cr, &c->dim_fg);
  for (gint64 t = pw_timeline_first_tick (o->run_start, from - step, step); t <= to; t += step)
    {
      g_autofree char *label = pw_timeline_format_offset (t - o->run_start, step);
      double x = o->label_width + pw_timeline_axis_x_of (&o->axis, t);
      int w, h;

      pango_layout_set_text (text, label, -1);
      pango_layout_get_pixel_size (text, &w, &h);
      cairo_move_to (cr, round (x + 4), round ((PW_TIMELINE_HEADER_HEIGHT - 8 - h) / 2 + 1));
      pango_cairo_show_layout (cr, text);
    }

  set_color (cr, &c->card_border);
  cairo_move_to (cr, o->label_width, PW_TIMELINE_HEADER_HEIGHT - 0.5);
  cairo_line_to (cr, o->width, PW_TIMELINE_HEADER_HEIGHT - 0.5);
  cairo_stroke (cr);
}

static void
paint_cross (cairo_t          *cr,
             double            x,
             double            y,
             const PwDagColor *color)
{
  set_color (cr, color);
  cairo_set_line_width (cr, 2.0);
  cairo_move_to (cr, x - 3.5, y - 3.5);
  cairo_line_to (cr, x + 3.5, y + 3.5);
  cairo_move_to (cr, x + 3.5, y - 3.5);
  cairo_line_to (cr, x - 3.5, y + 3.5);
  cairo_stroke (cr);
}

static void
paint_diamond (cairo_t          *cr,
               double            x,
               double            y,
               const PwDagColor *fill,
               const PwDagColor *border)
{
  double r = 7.0;

  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
  set_color (cr, fill);
  cairo_fill_preserve (cr);
  set_color (cr, border);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static void
paint_row_segments (cairo_t                      *cr,
                    const PwTimelineLayout       *layout,
                    const PwTimelinePaintOptions *o,
                    guint                         r,
                    double                        y,
                    PangoLayout                  *small)
{
  const PwTimelineRow *row = pw_timeline_layout_get_row (layout, r);
  const PwDagColors *c = o->colors;
  double area = o->width - o->label_width;
  double mid = y + PW_TIMELINE_ROW_HEIGHT / 2;

  if (row->n_children > 0 && row->start <= row->end)
    {
      /* A mapped task: a bracket over its runs' span. */
      double x0 = o->label_width + pw_timeline_axis_x_of (&o->axis, row->start);
      double x1 = o->label_width + pw_timeline_axis_x_of (&o->axis, row->end);
      PwDagColor color = c->state[row->state_type];

      x1 = MAX (x1, x0 + PW_TIMELINE_MIN_BAR_PX);
      if (x1 < o->label_width || x0 > o->width)
        return;
      set_color (cr, &color);
      cairo_rectangle (cr, x0, mid - 2, x1 - x0, 4);
      cairo_rectangle (cr, x0, mid - 6, 2, 12);
      cairo_rectangle (cr, x1 - 2, mid - 6, 2, 12);
      cairo_fill (cr);
      return;
    }

  for (guint s = row->first_segment; s < row->first_segment + row->n_segments; s++)
    {
      const PwTimelineSegment *seg = pw_timeline_layout_get_segment (layout, s);
      double x0 = pw_timeline_axis_x_of (&o->axis, seg->start);
      double x1 = pw_timeline_axis_x_of (&o->axis, seg->end);
      PwDagColor color;
      gboolean hover = (int)s == o->hover_segment;

      if (x1 < -16 || x0 > area + 16)
        continue;
      x0 += o->label_width;
      x1 += o->label_width;
      pw_timeline_segment_color (seg, c, &color);

      if (seg->kind == PW_TIMELINE_SEGMENT_CACHED)
        {
          PwDagColor border = hover ? c->fg : c->background;

          paint_diamond (cr, x0, mid, &color, &border);
          continue;
        }

      x1 = MAX (x1, x0 + PW_TIMELINE_MIN_BAR_PX);
      if (seg->kind == PW_TIMELINE_SEGMENT_WAITING)
        {
          set_color (cr, &color);
          cairo_rectangle (cr, x0, mid - PW_TIMELINE_WAIT_HEIGHT / 2, x1 - x0,
                           PW_TIMELINE_WAIT_HEIGHT);
          cairo_fill (cr);
          if (hover)
            {
              set_color (cr, &c->fg);
              cairo_set_line_width (cr, 1.0);
              cairo_rectangle (cr, x0 - 0.5, mid - PW_TIMELINE_WAIT_HEIGHT / 2 - 0.5,
                               x1 - x0 + 1, PW_TIMELINE_WAIT_HEIGHT + 1);
              cairo_stroke (cr);
            }
          continue;
        }

      /* An attempt. */
      set_color (cr, &color);
      if (x1 - x0 >= 6)
        {
          double rad = 3, top = mid - PW_TIMELINE_BAR_HEIGHT / 2, bottom = top + PW_TIMELINE_BAR_HEIGHT;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x0 + rad, top + rad, rad, G_PI, 1.5 * G_PI);
          cairo_arc (cr, x1 - rad, top + rad, rad, 1.5 * G_PI, 2 * G_PI);
          cairo_arc (cr, x1 - rad, bottom - rad, rad, 0, 0.5 * G_PI);
          cairo_arc (cr, x0 + rad, bottom - rad, rad, 0.5 * G_PI, G_PI);
          cairo_close_path (cr);
        }
      else
        cairo_rectangle (cr, x0, mid - PW_TIMELINE_BAR_HEIGHT / 2, x1 - x0, PW_TIMELINE_BAR_HEIGHT);
      if (hover)
        {
          cairo_fill_preserve (cr);
          set_color (cr, &c->fg);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);

      /* Which attempt, when there were several. */
      if ((row->run_count > 1 || seg->n_attempts > 1) && x1 - x0 >= 22)
        {
          g_autofree char *label = seg->n_attempts > 1
                                   ? g_strdup_printf ("×%u", seg->n_attempts)
                                   : g_strdup_printf ("%u", seg->attempt);
          PwDagColor white = { 1, 1, 1, 0.95 };
          int w, h;

          pango_layout_set_text (small, label, -1);
          pango_layout_get_pixel_size (small, &w, &h);
          if (w + 8 <= x1 - x0)
            {
              set_color (cr, &white);
              cairo_move_to (cr, round (x0 + 5), round (mid - h / 2.0));
              pango_cairo_show_layout (cr, small);
            }
        }

      /* A failure that ends the task run (a retried one shows in red). */
      if (seg->failed && pw_state_type_is_terminal (seg->end_type))
        paint_cross (cr, x1 + 8, mid, &c->error);
    }
}

static void
paint_labels (cairo_t                      *cr,
              const PwTimelineLayout       *layout,
              const PwTimelinePaintOptions *o,
              guint                         first,
              guint                         last,
              PangoLayout                  *text,
              PangoLayout                  *bold)
{
  const PwDagColors *c = o->colors;
  PwDagColor column = pw_dag_color_over (&(PwDagColor) { c->fg.red, c->fg.green, c->fg.blue, 0.03 },
                                         &c->background);

  set_color (cr, &column);
  cairo_rectangle (cr, 0, 0, o->label_width, o->height);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, PW_TIMELINE_HEADER_HEIGHT, o->label_width,
                   o->height - PW_TIMELINE_HEADER_HEIGHT);
  cairo_clip (cr);
  for (guint r = first; r < last; r++)
    {
      const PwTimelineRow *row = pw_timeline_layout_get_row (layout, r);
      double y = PW_TIMELINE_HEADER_HEIGHT + r * PW_TIMELINE_ROW_HEIGHT - o->scroll_y;
      double x = LABEL_PAD + row->depth * INDENT;
      PangoLayout *l = row->n_children > 0 ? bold : text;
      PwDagColor dot = c->state[row->state_type];
      int w, h;

      if ((int)r == o->selected_row || (int)r == o->hover_row)
        {
          PwDagColor sel = pw_dag_color_alpha (&c->accent, (int)r == o->selected_row ? 0.18 : 0.08);

          set_color (cr, &sel);
          cairo_rectangle (cr, 0, y, o->label_width, PW_TIMELINE_ROW_HEIGHT);
          cairo_fill (cr);
        }

      /* The state as a dot before the name. */
      set_color (cr, &dot);
      cairo_arc (cr, x + 4, y + PW_TIMELINE_ROW_HEIGHT / 2, 4, 0, 2 * G_PI);
      cairo_fill (cr);

      if (row->n_children > 0)
        {
          g_autofree char *label = g_strdup_printf ("%s  ×%u", row->label, row->n_children);

          pango_layout_set_text (l, label, -1);
        }
      else
        pango_layout_set_text (l, row->label, -1);
      pango_layout_set_width (l, (int)((o->label_width - x - 14 - LABEL_PAD) * PANGO_SCALE));
      pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (l, &w, &h);
      set_color (cr, row->depth > 0 ? &c->dim_fg : &c->fg);
      cairo_move_to (cr, x + 14, round (y + (PW_TIMELINE_ROW_HEIGHT - h) / 2));
      pango_cairo_show_layout (cr, l);
    }
  cairo_restore (cr);

  set_color (cr, &c->card_border);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, o->label_width - 0.5, 0);
  cairo_line_to (cr, o->label_width - 0.5, o->height);
  cairo_stroke (cr);
}

/**
 * pw_timeline_paint:
 * @cr: where to draw, with (0, 0) at the top left of the view
 * @layout: the rows and segments
 * @options: zoom, scroll, colours, hover and selection
 *
 * Draws the timeline in @options->width × @options->height.
 */
void
pw_timeline_paint (cairo_t                      *cr,
                   const PwTimelineLayout       *layout,
                   const PwTimelinePaintOptions *o)
{
  /* PangoContext has no autoptr cleanup in Pango 1.50. */
  g_autoptr(GObject) own_pango = NULL;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  g_autoptr(PangoLayout) small = NULL;
  const PwDagColors *c = o->colors;
  PangoContext *pango = o->pango;
  guint n_rows = pw_timeline_layout_get_n_rows (layout);
  guint first, last;
  gint64 step;

  if (pango == NULL)
    {
      pango = pango_cairo_create_context (cr);
      own_pango = G_OBJECT (pango);
    }
  text = new_text (pango, FALSE, 10);
  bold = new_text (pango, TRUE, 10);
  small = new_text (pango, TRUE, 8);

  cairo_save (cr);
  set_color (cr, &c->background);
  cairo_rectangle (cr, 0, 0, o->width, o->height);
  cairo_fill (cr);

  first = (guint)MAX (0, floor (o->scroll_y / PW_TIMELINE_ROW_HEIGHT));
  last = MIN (n_rows, (guint)MAX (0, ceil ((o->scroll_y + o->height) / PW_TIMELINE_ROW_HEIGHT)) + 1);

  /* Shading of every other row, hover and selection across the time area. */
  for (guint r = first; r < last; r++)
    {
      double y = PW_TIMELINE_HEADER_HEIGHT + r * PW_TIMELINE_ROW_HEIGHT - o->scroll_y;

      if ((int)r == o->selected_row || (int)r == o->hover_row)
        {
          PwDagColor sel = pw_dag_color_alpha (&c->accent, (int)r == o->selected_row ? 0.12 : 0.05);

          set_color (cr, &sel);
        }
      else if (r % 2 == 1)
        {
          PwDagColor stripe = pw_dag_color_alpha (&c->fg, 0.025);

          set_color (cr, &stripe);
        }
      else
        continue;
      cairo_rectangle (cr, o->label_width, y, o->width - o->label_width, PW_TIMELINE_ROW_HEIGHT);
      cairo_fill (cr);
    }

  step = pw_timeline_tick_step (o->axis.px_per_sec, PW_TIMELINE_TICK_SPACING);
  cairo_save (cr);
  cairo_rectangle (cr, o->label_width, 0, o->width - o->label_width, o->height);
  cairo_clip (cr);
  paint_header (cr, o, text, step);

  cairo_rectangle (cr, o->label_width, PW_TIMELINE_HEADER_HEIGHT, o->width - o->label_width,
                   o->height - PW_TIMELINE_HEADER_HEIGHT);
  cairo_clip (cr);
  for (guint r = first; r < last; r++)
    paint_row_segments (cr, layout, o, r,
                        PW_TIMELINE_HEADER_HEIGHT + r * PW_TIMELINE_ROW_HEIGHT - o->scroll_y, small);

  if (pw_timeline_layout_is_live (layout))
    {
      double x = round (o->label_width +
                        pw_timeline_axis_x_of (&o->axis, pw_timeline_layout_get_now (layout))) + 0.5;

      set_color (cr, &c->accent);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x, PW_TIMELINE_HEADER_HEIGHT);
      cairo_line_to (cr, x, o->height);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  paint_labels (cr, layout, o, first, last, text, bold);

  /* The header over the names' column. */
  {
    PwDagColor header = pw_dag_color_over (&(PwDagColor) { c->fg.red, c->fg.green, c->fg.blue, 0.04 },
                                           &c->background);
    int w, h;

    set_color (cr, &header);
    cairo_rectangle (cr, 0, 0, o->label_width - 1, PW_TIMELINE_HEADER_HEIGHT);
    cairo_fill (cr);
    pango_layout_set_width (bold, -1);
    pango_layout_set_text (bold, _("Task"), -1);
    pango_layout_get_pixel_size (bold, &w, &h);
    set_color (cr, &c->dim_fg);
    cairo_move_to (cr, LABEL_PAD, round ((PW_TIMELINE_HEADER_HEIGHT - h) / 2));
    pango_cairo_show_layout (cr, bold);
    set_color (cr, &c->card_border);
    cairo_set_line_width (cr, 1.0);
    cairo_move_to (cr, 0, PW_TIMELINE_HEADER_HEIGHT - 0.5);
    cairo_line_to (cr, o->label_width, PW_TIMELINE_HEADER_HEIGHT - 0.5);
    cairo_stroke (cr);
  }
  cairo_restore (cr);
}

/**
 * pw_timeline_hit:
 * @x: a point of the view
 * @y: a point of the view
 * @out_row: (out): the row there, or -1
 * @out_segment: (out): the segment there, or -1 (a short bar or a
 *   diamond is found within a few pixels)
 *
 * Returns: whether there is a row at (@x, @y)
 */
gboolean
pw_timeline_hit (const PwTimelineLayout       *layout,
                 const PwTimelinePaintOptions *o,
                 double                        x,
                 double                        y,
                 int                          *out_row,
                 int                          *out_segment)
{
  double row_f = (y - PW_TIMELINE_HEADER_HEIGHT + o->scroll_y) / PW_TIMELINE_ROW_HEIGHT;
  const PwTimelineRow *row;
  double best = 5.0;

  *out_row = -1;
  *out_segment = -1;
  if (y < PW_TIMELINE_HEADER_HEIGHT || row_f < 0 || row_f >= pw_timeline_layout_get_n_rows (layout))
    return FALSE;
  *out_row = (int)row_f;
  if (x < o->label_width)
    return TRUE;

  row = pw_timeline_layout_get_row (layout, *out_row);
  for (guint s = row->first_segment; s < row->first_segment + row->n_segments; s++)
    {
      const PwTimelineSegment *seg = pw_timeline_layout_get_segment (layout, s);
      double x0 = o->label_width + pw_timeline_axis_x_of (&o->axis, seg->start);
      double x1 = o->label_width + pw_timeline_axis_x_of (&o->axis, seg->end);
      double distance;

      if (seg->kind == PW_TIMELINE_SEGMENT_CACHED)
        x0 -= 7, x1 += 7;
      else
        x1 = MAX (x1, x0 + PW_TIMELINE_MIN_BAR_PX);
      distance = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;
      /* Attempts win over waits at the same place. */
      if (distance < best || (distance == 0 && best == 0 && seg->kind != PW_TIMELINE_SEGMENT_WAITING))
        {
          best = distance;
          *out_segment = (int)s;
        }
    }
  return TRUE;
}

typedef struct
{
  const PwTimelineLayout *layout;
  PwTimelinePaintOptions *options;
} TimelineExport;

static void
paint_export (cairo_t  *cr,
              gpointer  data)
{
  TimelineExport *e = data;

  pw_timeline_paint (cr, e->layout, e->options);
}

/* The whole run in this many pixels of time, whatever its length. */
#define EXPORT_TIME_WIDTH 1200.0
#define EXPORT_MARGIN 32.0

/**
 * pw_timeline_export:
 * @layout: the timeline
 * @colors: its colours
 * @pango: (nullable): the context for text (for the fonts and the names'
 *   width), or %NULL for a default one
 * @file: where to write
 * @format: PNG or SVG
 * @error: return location for a #GError
 *
 * Draws every row of the timeline, the whole run fitted into
 * %EXPORT_TIME_WIDTH pixels of time, into @file. The file is left alone
 * when anything fails.
 *
 * Returns: %TRUE on success; else %FALSE with @error
 *   (%PW_DAG_EXPORT_ERROR or %G_IO_ERROR)
 */
gboolean
pw_timeline_export (const PwTimelineLayout *layout,
                    const PwDagColors      *colors,
                    PangoContext           *pango,
                    GFile                  *file,
                    PwDagExportFormat       format,
                    GError                **error)
{
  g_autoptr(PangoFontMap) font_map = NULL;
  /* PangoContext has no autoptr cleanup in Pango 1.50. */
  g_autoptr(GObject) own_pango = NULL;
  PwTimelinePaintOptions o;
  gint64 start, end;
  double width, height;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (pw_timeline_layout_get_n_rows (layout) == 0)
    {
      g_set_error_literal (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY,
                           _("The run has no task runs to export"));
      return FALSE;
    }

  if (pango == NULL)
    {
      font_map = pango_cairo_font_map_new ();
      pango = pango_font_map_create_context (font_map);
      own_pango = G_OBJECT (pango);
    }

  start = pw_timeline_layout_get_start (layout);
  end = MAX (pw_timeline_layout_get_end (layout), start + G_USEC_PER_SEC / 1000);
  pw_timeline_paint_options_init (&o, colors);
  o.pango = pango;
  o.label_width = pw_timeline_label_width (layout, pango);
  o.axis.px_per_sec = CLAMP (EXPORT_TIME_WIDTH / ((double)(end - start) / G_USEC_PER_SEC),
                             PW_TIMELINE_MIN_PX_PER_SEC, PW_TIMELINE_MAX_PX_PER_SEC);
  o.axis.origin = start - (gint64)(12.0 / o.axis.px_per_sec * G_USEC_PER_SEC);
  o.run_start = start;
  width = o.label_width + EXPORT_TIME_WIDTH + EXPORT_MARGIN + 12;
  height = pw_timeline_content_height (layout) + 8;
  o.width = width;
  o.height = height;

  {
    TimelineExport e = { layout, &o };

    return pw_dag_export_draw (file, format, width, height, paint_export, &e, error);
  }
}
