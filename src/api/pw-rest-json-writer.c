/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest"

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "pw-rest-json.h"

/*
 * PwJsonWriter: compact JSON straight into a GString, plus the time and
 * number spellings Prefect uses, and the list of validation problems a 422
 * carries.
 */

void
pw_json_writer_init (PwJsonWriter *w,
                     GString      *str)
{
  w->str = str;
  w->has_items = 0;
  w->depth = 0;
  w->member = FALSE;
}

/* Before a value: a comma unless it is the first in its container, or
 * nothing right after a member name. */
static inline void
before_value (PwJsonWriter *w)
{
  if (w->member)
    {
      w->member = FALSE;
      return;
    }
  if (w->depth > 0)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << (w->depth - 1);

      if (w->has_items & bit)
        g_string_append_c (w->str, ',');
      w->has_items |= bit;
    }
}

static inline void
open_level (PwJsonWriter *w,
            char          c)
{
  before_value (w);
  g_string_append_c (w->str, c);
  g_return_if_fail (w->depth < 64);
  w->depth++;
  w->has_items &= ~(G_GUINT64_CONSTANT (1) << (w->depth - 1));
}

static inline void
close_level (PwJsonWriter *w,
             char          c)
{
  g_return_if_fail (w->depth > 0);
  w->depth--;
  g_string_append_c (w->str, c);
}

void
pw_json_writer_begin_object (PwJsonWriter *w)
{
  open_level (w, '{');
}

void
pw_json_writer_end_object (PwJsonWriter *w)
{
  close_level (w, '}');
}

void
pw_json_writer_begin_array (PwJsonWriter *w)
{
  open_level (w, '[');
}

void
pw_json_writer_end_array (PwJsonWriter *w)
{
  close_level (w, ']');
}

void
pw_json_writer_member (PwJsonWriter *w,
                       const char   *name)
{
  before_value (w);
  pw_json_append_string (w->str, name);
  g_string_append_c (w->str, ':');
  w->member = TRUE;
}

/**
 * pw_json_append_string:
 * @str: where to append
 * @value: UTF-8 text
 *
 * Appends @value as a JSON string literal. Control characters are escaped;
 * everything else, including non-ASCII text, is written as is.
 */
void
pw_json_append_string (GString    *str,
                       const char *value)
{
  static const char hex[] = "0123456789abcdef";
  const char *start = value;
  const char *p;

  g_string_append_c (str, '"');
  for (p = value; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *escape = NULL;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (str, start, p - start);
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default: break;
        }
      if (escape != NULL)
        g_string_append (str, escape);
      else
        {
          g_string_append (str, "\\u00");
          g_string_append_c (str, hex[c >> 4]);
          g_string_append_c (str, hex[c & 0xf]);
        }
      start = p + 1;
    }
  g_string_append_len (str, start, p - start);
  g_string_append_c (str, '"');
}

void
pw_json_writer_string (PwJsonWriter *w,
                       const char   *value)
{
  before_value (w);
  if (value == NULL)
    g_string_append (w->str, "null");
  else
    pw_json_append_string (w->str, value);
}

void
pw_json_writer_null (PwJsonWriter *w)
{
  before_value (w);
  g_string_append (w->str, "null");
}

void
pw_json_writer_bool (PwJsonWriter *w,
                     gboolean      value)
{
  before_value (w);
  g_string_append (w->str, value ? "true" : "false");
}

static inline char *
put_digits (char  *p,
            guint  value,
            guint  n)
{
  for (guint i = n; i > 0; i--)
    {
      p[i - 1] = '0' + value % 10;
      value /= 10;
    }
  return p + n;
}

static void
append_int (GString *str,
            gint64   value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;
  guint64 magnitude = value < 0 ? -(guint64)value : (guint64)value;

  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (str, p, buffer + sizeof buffer - p);
}

void
pw_json_writer_int (PwJsonWriter *w,
                    gint64        value)
{
  before_value (w);
  append_int (w->str, value);
}

/**
 * pw_rest_append_seconds:
 *
 * Appends a duration the way Prefect's server prints one: `0` when zero,
 * else the shortest decimal of the microsecond value (`0.416247`,
 * `0.02707`, `3600`).
 */
void
pw_rest_append_seconds (GString *str,
                        double   seconds)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  if (!isfinite (seconds) || seconds == 0)
    {
      g_string_append_c (str, '0');
      return;
    }

  /* Durations are whole microseconds: print those without printf. */
  if (fabs (seconds) < 1e12)
    {
      gint64 usec = llround (seconds * G_USEC_PER_SEC);
      guint64 magnitude = usec < 0 ? -(guint64)usec : (guint64)usec;
      char fraction[7];
      int digits = 6;

      if (usec < 0)
        g_string_append_c (str, '-');
      append_int (str, magnitude / G_USEC_PER_SEC);
      put_digits (fraction, magnitude % G_USEC_PER_SEC, 6);
      while (digits > 0 && fraction[digits - 1] == '0')
        digits--;
      if (digits > 0)
        {
          g_string_append_c (str, '.');
          g_string_append_len (str, fraction, digits);
        }
      return;
    }

  g_ascii_formatd (buffer, sizeof buffer, "%.6f", seconds);
  len = strlen (buffer);
  while (len > 0 && buffer[len - 1] == '0')
    len--;
  if (len > 0 && buffer[len - 1] == '.')
    len--;
  g_string_append_len (str, buffer, len);
}

void
pw_json_writer_double (PwJsonWriter *w,
                       double        value)
{
  before_value (w);
  pw_rest_append_seconds (w->str, value);
}

/* Writes @time in UTC into @buffer (at least 33 bytes), as Python's
 * isoformat() does; returns the length. Done by hand: a 200-run page
 * holds some 2,000 times, and GDateTime conversions and printf were a
 * good part of its cost. */
static gsize
format_time (GDateTime *time,
             char      *buffer)
{
  time_t seconds = (time_t)g_date_time_to_unix (time);
  int usec = g_date_time_get_microsecond (time);
  struct tm tm;
  char *p = buffer;

  gmtime_r (&seconds, &tm);
  p = put_digits (p, tm.tm_year + 1900, 4);
  *p++ = '-';
  p = put_digits (p, tm.tm_mon + 1, 2);
  *p++ = '-';
  p = put_digits (p, tm.tm_mday, 2);
  *p++ = 'T';
  p = put_digits (p, tm.tm_hour, 2);
  *p++ = ':';
  p = put_digits (p, tm.tm_min, 2);
  *p++ = ':';
  p = put_digits (p, tm.tm_sec, 2);
  if (usec != 0)
    {
      *p++ = '.';
      p = put_digits (p, usec, 6);
    }
  memcpy (p, "+00:00", 6);
  p += 6;
  *p = '\0';
  return p - buffer;
}

/**
 * pw_rest_format_time:
 * @time: (nullable): a time
 *
 * Returns: (transfer full) (nullable): @time in UTC as Python's isoformat()
 *   writes it, `2026-11-26T13:36:22.811181+00:00` (no fraction when the
 *   microseconds are zero), or %NULL for %NULL
 */
char *
pw_rest_format_time (GDateTime *time)
{
  char buffer[40];

  if (time == NULL)
    return NULL;
  format_time (time, buffer);
  return g_strdup (buffer);
}

void
pw_json_writer_time (PwJsonWriter *w,
                     GDateTime    *value)
{
  char buffer[40];
  gsize length;

  before_value (w);
  if (value == NULL)
    {
      g_string_append_len (w->str, "null", 4);
      return;
    }
  buffer[0] = '"';
  length = format_time (value, buffer + 1);
  buffer[length + 1] = '"';
  g_string_append_len (w->str, buffer, length + 2);
}

/**
 * pw_json_writer_raw:
 * @json: (nullable): JSON text the store holds (parameters, task inputs)
 * @fallback: what to write when @json is %NULL or empty
 *
 * Writes already serialised JSON. The store only keeps JSON it checked,
 * so the text is copied as is.
 */
void
pw_json_writer_raw (PwJsonWriter *w,
                    const char   *json,
                    const char   *fallback)
{
  before_value (w);
  g_string_append (w->str, json != NULL && *json != '\0' ? json : fallback);
}

void
pw_json_writer_node (PwJsonWriter *w,
                     JsonNode     *node)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    {
      pw_json_writer_null (w);
      return;
    }
  text = json_to_string (node, FALSE);
  pw_json_writer_raw (w, text, "null");
}

void
pw_json_writer_strv (PwJsonWriter       *w,
                     const char * const *values)
{
  pw_json_writer_begin_array (w);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    pw_json_writer_string (w, values[i]);
  pw_json_writer_end_array (w);
}

/**
 * pw_rest_parse_time:
 * @text: an ISO-8601 time: with an offset, with `Z`, or naive (taken as UTC,
 *   as Prefect does)
 *
 * Returns: (transfer full) (nullable): the time, or %NULL if @text is not one
 */
GDateTime *
pw_rest_parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (text, utc);
}

/* Checks the nesting of @data without parsing it: brackets outside of
 * strings, minding escapes. */
static gboolean
depth_ok (const char *data,
          gsize       length,
          guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/**
 * pw_rest_parse_json:
 * @data: JSON text from the network
 * @length: its length in bytes
 *
 * Parses @data, refusing input that nests deeper than
 * %PW_REST_MAX_JSON_DEPTH (%G_IO_ERROR_INVALID_DATA).
 *
 * Returns: (transfer full): the root, or %NULL with @error set
 */
JsonNode *
pw_rest_parse_json (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  if (!depth_ok (data, length, PW_REST_MAX_JSON_DEPTH))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("JSON nested deeper than %d levels"), PW_REST_MAX_JSON_DEPTH);
      return NULL;
    }
  if (length > G_MAXSSIZE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("JSON text too large"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Empty JSON text"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* PwRestProblems */

typedef struct
{
  GStrv  loc;
  char  *msg;
  char  *type;
  GStrv  enum_values;
} Problem;

struct _PwRestProblems
{
  GArray *items;
};

static void
problem_clear (Problem *problem)
{
  g_strfreev (problem->loc);
  g_free (problem->msg);
  g_free (problem->type);
  g_strfreev (problem->enum_values);
}

PwRestProblems *
pw_rest_problems_new (void)
{
  PwRestProblems *problems = g_new0 (PwRestProblems, 1);

  problems->items = g_array_new (FALSE, TRUE, sizeof (Problem));
  g_array_set_clear_func (problems->items, (GDestroyNotify)problem_clear);
  return problems;
}

void
pw_rest_problems_free (PwRestProblems *problems)
{
  if (problems == NULL)
    return;
  g_array_unref (problems->items);
  g_free (problems);
}

static Problem *
add_problem (PwRestProblems *problems,
             const char     *loc,
             const char     *type,
             char           *msg)
{
  Problem problem = { NULL, };

  /* @loc is "body.flow_runs.state": pydantic's list of path parts. */
  problem.loc = g_strsplit (loc, ".", -1);
  problem.type = g_strdup (type);
  problem.msg = msg;
  g_array_append_val (problems->items, problem);
  return &g_array_index (problems->items, Problem, problems->items->len - 1);
}

/**
 * pw_rest_problems_add:
 * @loc: where, as dotted path parts (`body.limit`)
 * @type: pydantic's error type (`value_error.missing`, `type_error.enum` …)
 */
void
pw_rest_problems_add (PwRestProblems *problems,
                      const char     *loc,
                      const char     *type,
                      const char     *format,
                      ...)
{
  va_list args;

  if (problems == NULL)
    return;
  va_start (args, format);
  add_problem (problems, loc, type, g_strdup_vprintf (format, args));
  va_end (args);
}

/**
 * pw_rest_problems_add_enum:
 *
 * Adds pydantic's enum error, listing the permitted values (the nicks of
 * @enum_type) as errors.json shows.
 */
void
pw_rest_problems_add_enum (PwRestProblems *problems,
                           const char     *loc,
                           GType           enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GString) msg = g_string_new ("value is not a valid enumeration member; permitted: ");
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  Problem *problem;

  if (problems == NULL)
    return;

  for (guint i = 0; i < klass->n_values; i++)
    {
      g_string_append_printf (msg, "%s'%s'", i > 0 ? ", " : "", klass->values[i].value_nick);
      g_strv_builder_add (values, klass->values[i].value_nick);
    }
  problem = add_problem (problems, loc, "type_error.enum", g_string_free (g_steal_pointer (&msg), FALSE));
  problem->enum_values = g_strv_builder_end (values);
}

gboolean
pw_rest_problems_is_empty (PwRestProblems *problems)
{
  return problems == NULL || problems->items->len == 0;
}

guint
pw_rest_problems_get_n (PwRestProblems *problems)
{
  return problems != NULL ? problems->items->len : 0;
}

/**
 * pw_rest_problems_get_message:
 *
 * Returns: "loc: msg" of problem @i, for logs and client errors
 */
const char *
pw_rest_problems_get_message (PwRestProblems *problems,
                              guint           i)
{
  g_return_val_if_fail (i < problems->items->len, NULL);
  return g_array_index (problems->items, Problem, i).msg;
}

/* Writes the list as Prefect's `exception_detail`. */
void
pw_rest_problems_write (PwRestProblems *problems,
                        PwJsonWriter   *w)
{
  pw_json_writer_begin_array (w);
  for (guint i = 0; problems != NULL && i < problems->items->len; i++)
    {
      Problem *problem = &g_array_index (problems->items, Problem, i);

      pw_json_writer_begin_object (w);
      pw_json_writer_member (w, "loc");
      pw_json_writer_begin_array (w);
      for (guint j = 0; problem->loc[j] != NULL; j++)
        {
          gint64 index;

          /* A list index is a number in pydantic's loc. */
          if (g_ascii_string_to_signed (problem->loc[j], 10, 0, G_MAXINT, &index, NULL))
            pw_json_writer_int (w, index);
          else
            pw_json_writer_string (w, problem->loc[j]);
        }
      pw_json_writer_end_array (w);
      pw_json_writer_member (w, "msg");
      pw_json_writer_string (w, problem->msg);
      pw_json_writer_member (w, "type");
      pw_json_writer_string (w, problem->type);
      if (problem->enum_values != NULL)
        {
          pw_json_writer_member (w, "ctx");
          pw_json_writer_begin_object (w);
          pw_json_writer_member (w, "enum_values");
          pw_json_writer_strv (w, (const char * const *)problem->enum_values);
          pw_json_writer_end_object (w);
        }
      pw_json_writer_end_object (w);
    }
  pw_json_writer_end_array (w);
}
