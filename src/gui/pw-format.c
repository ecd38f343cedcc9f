/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-format.h"

/**
 * pw_format_duration:
 * @seconds: a duration; negative for none
 *
 * Returns: (transfer full): @seconds the way a person says it: “0.4 s”,
 *   “12 s”, “1 min 5 s”, “2 h 3 min”, “3 d 4 h”; an em dash for none
 */
char *
pw_format_duration (double seconds)
{
  guint64 whole;

  if (seconds < 0)
    return g_strdup ("—");

  if (seconds < 10)
    /* Translators: a duration in seconds with one decimal, like 4.2 s */
    return g_strdup_printf (_("%.1f s"), seconds);

  whole = (guint64)(seconds + 0.5);

  if (whole < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%u s"), (guint)whole);

  if (whole < 3600)
    {
      guint s = whole % 60;

      if (s == 0)
        /* Translators: a duration in minutes */
        return g_strdup_printf (_("%u min"), (guint)(whole / 60));
      /* Translators: a duration in minutes and seconds */
      return g_strdup_printf (_("%u min %u s"), (guint)(whole / 60), s);
    }

  if (whole < 86400)
    {
      guint min = (whole % 3600) / 60;

      if (min == 0)
        /* Translators: a duration in hours */
        return g_strdup_printf (_("%u h"), (guint)(whole / 3600));
      /* Translators: a duration in hours and minutes */
      return g_strdup_printf (_("%u h %u min"), (guint)(whole / 3600), min);
    }

  {
    guint h = (whole % 86400) / 3600;

    if (h == 0)
      /* Translators: a duration in days */
      return g_strdup_printf (_("%u d"), (guint)(whole / 86400));
    /* Translators: a duration in days and hours */
    return g_strdup_printf (_("%u d %u h"), (guint)(whole / 86400), h);
  }
}

/**
 * pw_format_time:
 * @time: (nullable): a time
 * @now: the current time, to leave out what is the same
 *
 * Returns: (transfer full): @time in local time: “14:03:12” today,
 *   “Mar 10, 14:03” this year, “Mar 10 2025, 14:03” before; an em dash for
 *   none
 */
char *
pw_format_time (GDateTime *time,
                GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  if (time == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (time);
  local_now = g_date_time_to_local (now);

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now))
    /* Translators: a time today, see the GDateTime format docs */
    return g_date_time_format (local, _("%H:%M:%S"));

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* Translators: a day this year and a time, see the GDateTime format docs */
    return g_date_time_format (local, _("%b %-d, %H:%M"));

  /* Translators: a day in another year and a time, see the GDateTime format docs */
  return g_date_time_format (local, _("%b %-d %Y, %H:%M"));
}

/**
 * pw_format_log_time:
 *
 * Returns: (transfer full): @time in local time with milliseconds, as a log
 *   line starts: “14:03:12.123”
 */
char *
pw_format_log_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);
  return g_strdup_printf ("%02d:%02d:%02d.%03d",
                          g_date_time_get_hour (local),
                          g_date_time_get_minute (local),
                          g_date_time_get_second (local),
                          g_date_time_get_microsecond (local) / 1000);
}

/**
 * pw_format_count:
 *
 * Returns: (transfer full): @count with the locale's thousands separators
 */
char *
pw_format_count (guint64 count)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

/**
 * pw_format_level:
 *
 * Returns: the name of a log level, as the logs spell it (not translated:
 *   it is what a user searches for and what a saved log holds)
 */
const char *
pw_format_level (int level)
{
  if (level >= PW_LOG_LEVEL_CRITICAL)
    return "CRITICAL";
  if (level >= PW_LOG_LEVEL_ERROR)
    return "ERROR";
  if (level >= PW_LOG_LEVEL_WARNING)
    return "WARNING";
  if (level >= PW_LOG_LEVEL_INFO)
    return "INFO";
  return "DEBUG";
}

/**
 * pw_format_level_css_class:
 *
 * Returns: the style class of a line at @level
 */
const char *
pw_format_level_css_class (int level)
{
  if (level >= PW_LOG_LEVEL_ERROR)
    return "log-error";
  if (level >= PW_LOG_LEVEL_WARNING)
    return "log-warning";
  if (level >= PW_LOG_LEVEL_INFO)
    return "log-info";
  return "log-debug";
}

static double
elapsed (GDateTime   *start,
         GDateTime   *end,
         gboolean     terminal,
         double       total_run_time,
         GDateTime   *now)
{
  if (start != NULL && end != NULL)
    return MAX (0.0, g_date_time_difference (end, start) / (double)G_TIME_SPAN_SECOND);

  if (start != NULL && !terminal)
    return MAX (0.0, g_date_time_difference (now, start) / (double)G_TIME_SPAN_SECOND);

  if (total_run_time > 0)
    return total_run_time;

  return -1;
}

/**
 * pw_flow_run_elapsed:
 * @run: a flow run
 * @now: the current time
 *
 * Returns: how long @run ran (until @now while it runs), in seconds, or -1
 *   for a run that has not started
 */
double
pw_flow_run_elapsed (PwFlowRun *run,
                     GDateTime *now)
{
  return elapsed (pw_flow_run_get_start_time (run),
                  pw_flow_run_get_end_time (run),
                  pw_state_type_is_terminal (pw_flow_run_get_state_type (run)),
                  pw_flow_run_get_total_run_time (run),
                  now);
}

/**
 * pw_task_run_elapsed:
 *
 * Returns: how long @task_run ran, in seconds, or -1 (see
 *   pw_flow_run_elapsed())
 */
double
pw_task_run_elapsed (PwTaskRun *task_run,
                     GDateTime *now)
{
  return elapsed (pw_task_run_get_start_time (task_run),
                  pw_task_run_get_end_time (task_run),
                  pw_state_type_is_terminal (pw_task_run_get_state_type (task_run)),
                  pw_task_run_get_total_run_time (task_run),
                  now);
}

/**
 * pw_format_result_preview:
 * @result: (nullable): a task's result
 * @max_chars: the most characters to keep
 *
 * Returns: (transfer full): the first line of @result, cut to @max_chars
 *   characters with an ellipsis, or an empty string
 */
char *
pw_format_result_preview (const char *result,
                          guint       max_chars)
{
  const char *end;
  g_autofree char *line = NULL;

  if (result == NULL)
    return g_strdup ("");

  while (*result == '\n' || *result == '\r')
    result++;

  end = strpbrk (result, "\r\n");
  line = end != NULL ? g_strndup (result, end - result) : g_strdup (result);

  if (!g_utf8_validate (line, -1, NULL))
    return g_utf8_make_valid (line, -1);

  if (g_utf8_strlen (line, -1) > max_chars || end != NULL)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, MIN ((glong)max_chars, g_utf8_strlen (line, -1)));

      return g_strconcat (cut, "…", NULL);
    }

  return g_steal_pointer (&line);
}

/**
 * pw_format_state_name:
 * @name: (nullable): a state name, as Prefect spells it (`AwaitingRetry` …)
 * @type: its type, for a state without a name
 *
 * Returns: the state's name as the app shows it, translated
 */
const char *
pw_format_state_name (const char  *name,
                      PwStateType  type)
{
  static const struct { const char *name; const char *label; } names[] = {
    { "Scheduled", N_("Scheduled") },
    { "Late", N_("Late") },
    { "AwaitingRetry", N_("Awaiting Retry") },
    { "Pending", N_("Pending") },
    { "Running", N_("Running") },
    { "Retrying", N_("Retrying") },
    { "Completed", N_("Completed") },
    { "Cached", N_("Cached") },
    { "Failed", N_("Failed") },
    { "TimedOut", N_("Timed Out") },
    { "Cancelled", N_("Cancelled") },
    { "NotRun", N_("Not Run") },
    { "Crashed", N_("Crashed") },
    { "Paused", N_("Paused") },
    { "Cancelling", N_("Cancelling") },
  };

  if (name == NULL || *name == '\0')
    name = pw_state_type_get_default_name (type);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].name, name) == 0)
      return _(names[i].label);

  return name;
}

/**
 * pw_format_state_css_class:
 *
 * Returns: the style class of a state chip or bar of @type
 */
const char *
pw_format_state_css_class (PwStateType type)
{
  switch (type)
    {
    case PW_STATE_TYPE_COMPLETED:
      return "completed";
    case PW_STATE_TYPE_FAILED:
    case PW_STATE_TYPE_CRASHED:
      return "failed";
    case PW_STATE_TYPE_CANCELLED:
    case PW_STATE_TYPE_CANCELLING:
      return "cancelled";
    case PW_STATE_TYPE_RUNNING:
    case PW_STATE_TYPE_PENDING:
      return "running";
    case PW_STATE_TYPE_PAUSED:
      return "paused";
    case PW_STATE_TYPE_SCHEDULED:
    default:
      return "scheduled";
    }
}
