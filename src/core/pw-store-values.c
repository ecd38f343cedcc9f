/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pw-store-private.h"

/*
 * Values in and out of the store's statements: ids, times (integer
 * microseconds UTC in the database, GDateTime outside), text that may be
 * null, and JSON lists and objects.
 */

/**
 * pw_store_new_id:
 *
 * Makes the id of a new row: a UUID of version 7 (RFC 9562), whose first
 * 48 bits are the time in milliseconds and next 12 bits the fraction of
 * the millisecond, the rest random. Unlike random UUIDs, new ids sort
 * after older ones, so each new row lands at the end of the id indexes
 * (and of indexes that start with a run id) instead of anywhere: much
 * less work for sqlite with millions of rows. ID_DESC lists newest first.
 *
 * Returns: (transfer full): a UUID string
 */
char *
pw_store_new_id (void)
{
  gint64 now = g_get_real_time ();
  guint64 ms = now / 1000;
  guint fraction = (now % 1000) * 4096 / 1000;
  guint32 r1 = g_random_int ();
  guint32 r2 = g_random_int ();

  return g_strdup_printf ("%08x-%04x-%04x-%04x-%04x%08x",
                          (guint32)(ms >> 16),
                          (guint)(ms & 0xffff),
                          0x7000 | fraction,
                          0x8000 | (r1 >> 18),
                          r1 & 0xffff,
                          r2);
}

gint64
pw_store_time_to_usec (GDateTime *date_time)
{
  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC +
         g_date_time_get_microsecond (date_time);
}

GDateTime *
pw_store_time_from_usec (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      seconds--;
      rest += G_USEC_PER_SEC;
    }

  whole = g_date_time_new_from_unix_utc (seconds);
  return rest != 0 ? g_date_time_add (whole, rest) : g_steal_pointer (&whole);
}

/* @now if given (a fake clock), else the real time. */
gint64
pw_store_now_usec (GDateTime *now)
{
  return now != NULL ? pw_store_time_to_usec (now) : g_get_real_time ();
}

void
pw_bind_text (PwStmt     *stmt,
              int         index,
              const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
pw_bind_time (PwStmt    *stmt,
              int        index,
              GDateTime *date_time)
{
  if (date_time != NULL)
    sqlite3_bind_int64 (stmt, index, pw_store_time_to_usec (date_time));
  else
    sqlite3_bind_null (stmt, index);
}

/* Binds a time or duration in microseconds, 0 standing for null. */
void
pw_bind_usec (PwStmt *stmt,
              int     index,
              gint64  usec)
{
  if (usec != 0)
    sqlite3_bind_int64 (stmt, index, usec);
  else
    sqlite3_bind_null (stmt, index);
}

void
pw_bind_optional_int64 (PwStmt   *stmt,
                        int       index,
                        gboolean  set,
                        gint64    value)
{
  if (set)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

char *
pw_column_dup_text (PwStmt *stmt,
                    int     column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* A time in microseconds, or 0 for null. */
gint64
pw_column_usec (PwStmt *stmt,
                int     column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return 0;
  return sqlite3_column_int64 (stmt, column);
}

GDateTime *
pw_column_time (PwStmt *stmt,
                int     column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return pw_store_time_from_usec (sqlite3_column_int64 (stmt, column));
}

/* Reads a JSON array of strings (a tags column). */
GStrv
pw_column_strv (PwStmt *stmt,
                int     column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (text == NULL || strcmp (text, "[]") == 0)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;

  array = json_node_get_array (json_parser_get_root (parser));
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *item = json_array_get_string_element (array, i);

      if (item != NULL)
        g_strv_builder_add (builder, item);
    }

  return g_strv_builder_end (builder);
}

/* The JSON text of a list of strings: `[]` for none. */
char *
pw_store_strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (strv == NULL || strv[0] == NULL)
    return g_strdup ("[]");

  builder = json_builder_new_immutable ();
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Checks that @text is JSON object text (parameters, task inputs …). */
gboolean
pw_store_check_json_object (const char  *text,
                            const char  *what,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("The %s are not valid JSON: %s"), what, local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("The %s must be a JSON object"), what);
      return FALSE;
    }
  return TRUE;
}
