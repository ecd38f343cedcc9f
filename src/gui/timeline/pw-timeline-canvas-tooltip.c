/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-timeline-canvas.h"

/*
 * The canvas's tooltips: for a segment, the task, what the segment is
 * (which attempt of how many and how it ended, a wait and for which
 * attempt, a cache hit), its times and duration; for a row (the names'
 * column, or Enter's keyboard tooltip), its state, attempts and span.
 */

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *hms = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_local (utc);
  hms = g_date_time_format (local, "%H:%M:%S");
  return g_strdup_printf ("%s.%03d", hms, (int)((t % G_USEC_PER_SEC) / 1000));
}

/**
 * pw_timeline_canvas_describe:
 * @row: a row
 * @segment: (nullable): one of its segments, or -1
 *
 * Returns: (transfer full) (nullable): Pango markup for the tooltip of
 *   @row or @segment: the task, the state, the attempt, the times and
 *   the durations
 */
char *
pw_timeline_canvas_describe (PwTimelineCanvas *self,
                             int               row,
                             int               segment)
{
  const PwTimelineLayout *layout;
  const PwTimelineRow *r;
  g_autofree char *name = NULL;
  GString *text;

  g_return_val_if_fail (PW_IS_TIMELINE_CANVAS (self), NULL);
  layout = pw_timeline_canvas_get_layout (self);

  if (layout == NULL || row < 0 || row >= (int)pw_timeline_layout_get_n_rows (layout))
    return NULL;
  r = pw_timeline_layout_get_row (layout, row);
  if (r->depth > 0 && r->parent != G_MAXUINT)
    name = g_markup_printf_escaped ("<b>%s</b> %s",
                                    pw_timeline_layout_get_row (layout, r->parent)->label,
                                    r->label);
  else
    name = g_markup_printf_escaped ("<b>%s</b>", r->label);
  text = g_string_new (name);

  if (segment < 0 || segment >= (int)pw_timeline_layout_get_n_segments (layout))
    {
      g_autofree char *state = g_markup_escape_text (r->state_name != NULL ? r->state_name
                                                     : pw_state_type_get_default_name (r->state_type), -1);

      if (r->n_children > 0)
        {
          g_string_append (text, "\n");
          g_string_append_printf (text, ngettext ("%u mapped run", "%u mapped runs",
                                                  r->n_children), r->n_children);
        }
      g_string_append_printf (text, "\n%s", state);
      if (r->run_count > 0 && r->n_children == 0)
        {
          g_string_append (text, " · ");
          g_string_append_printf (text, ngettext ("%u attempt", "%u attempts", r->run_count),
                                  r->run_count);
        }
      if (r->start <= r->end)
        {
          g_autofree char *from = format_time (r->start);
          g_autofree char *span = pw_timeline_format_duration (r->end - r->start);

          g_string_append_printf (text, "\n%s", from);
          g_string_append_printf (text, " · %s", span);
        }
      return g_string_free (text, FALSE);
    }

  {
    const PwTimelineSegment *s = pw_timeline_layout_get_segment (layout, segment);
    g_autofree char *from = format_time (s->start);
    g_autofree char *to = s->open ? g_strdup (_("now")) : format_time (s->end);
    g_autofree char *duration = pw_timeline_format_duration (s->end - s->start);
    g_autofree char *end_name = g_markup_escape_text (s->end_name != NULL ? s->end_name
                                                      : pw_state_type_get_default_name (s->end_type), -1);
    g_autofree char *start_name = g_markup_escape_text (s->state_name != NULL ? s->state_name : "", -1);

    switch (s->kind)
      {
      case PW_TIMELINE_SEGMENT_CACHED:
        g_string_append_printf (text, "\n%s", _("Taken from the cache"));
        g_string_append_printf (text, "\n%s", from);
        break;

      case PW_TIMELINE_SEGMENT_WAITING:
        if (*start_name != '\0')
          g_string_append_printf (text, "\n%s", start_name);
        else
          g_string_append_printf (text, "\n%s", _("Waiting"));
        g_string_append_printf (text, " · ");
        g_string_append_printf (text, _("before attempt %u"), s->attempt);
        g_string_append_printf (text, "\n%s – %s", from, to);
        g_string_append_printf (text, "\n%s", duration);
        if (s->open)
          g_string_append_printf (text, " %s", _("so far"));
        break;

      case PW_TIMELINE_SEGMENT_RUNNING:
      default:
        g_string_append (text, "\n");
        if (s->n_attempts > 1)
          g_string_append_printf (text, ngettext ("%u attempt", "%u attempts", s->n_attempts),
                                  s->n_attempts);
        else
          g_string_append_printf (text, _("Attempt %u of %u"), s->attempt,
                                  MAX (r->run_count, s->attempt));
        g_string_append_printf (text, " · %s", s->open ? start_name : end_name);
        g_string_append_printf (text, "\n%s – %s", from, to);
        g_string_append_printf (text, "\n%s", duration);
        if (s->open)
          g_string_append_printf (text, " %s", _("so far"));
        break;
      }
    if (s->estimated)
      g_string_append_printf (text, "\n<small>%s</small>",
                              _("From the task run’s times: the server keeps no state history"));
  }
  return g_string_free (text, FALSE);
}

/* The canvas's query-tooltip handler. */
gboolean
_pw_timeline_canvas_query_tooltip (PwTimelineCanvas *self,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip)
{
  const PwTimelineLayout *layout = pw_timeline_canvas_get_layout (self);
  PwTimelinePaintOptions o;
  g_autofree char *markup = NULL;
  int row, segment;

  if (layout == NULL)
    return FALSE;
  if (keyboard)
    {
      row = pw_timeline_canvas_get_selected_row (self);
      segment = -1;
    }
  else
    {
      pw_timeline_canvas_get_paint_options (self, &o);
      if (!pw_timeline_hit (layout, &o, x, y, &row, &segment))
        return FALSE;
    }
  markup = pw_timeline_canvas_describe (self, row, segment);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}
