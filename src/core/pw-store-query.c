/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include "pw-store-private.h"

/*
 * PwQuery: a SELECT built from a filter. Each condition is SQL text from
 * this code with `?` for its values, which are bound when the statement is
 * prepared, so that nothing a user typed ever becomes SQL. Lists go in as
 * one JSON array (`IN (SELECT value FROM json_each(?))`) so that a list of
 * any length makes the same statement text, which the store caches; a list
 * of one becomes `= ?` so that the planner can use an index on the column.
 */

typedef struct
{
  gboolean  is_text;
  char     *text;
  gint64    number;
} PwQueryValue;

static void
pw_query_value_free (gpointer data)
{
  PwQueryValue *value = data;

  g_free (value->text);
  g_free (value);
}

PwQuery *
pw_query_new (const char *sql)
{
  PwQuery *query = g_new0 (PwQuery, 1);

  query->sql = g_string_new (sql);
  query->values = g_ptr_array_new_with_free_func (pw_query_value_free);
  return query;
}

void
pw_query_free (PwQuery *query)
{
  g_string_free (query->sql, TRUE);
  g_ptr_array_unref (query->values);
  g_free (query);
}

void
pw_query_append (PwQuery    *query,
                 const char *sql)
{
  g_string_append (query->sql, sql);
}

static void
push_text (PwQuery *query,
           char    *text)
{
  PwQueryValue *value = g_new0 (PwQueryValue, 1);

  value->is_text = TRUE;
  value->text = text;
  g_ptr_array_add (query->values, value);
}

static void
push_number (PwQuery *query,
             gint64   number)
{
  PwQueryValue *value = g_new0 (PwQueryValue, 1);

  value->number = number;
  g_ptr_array_add (query->values, value);
}

/* Conditions are ANDed: the first opens the WHERE clause. */
static void
where (PwQuery    *query,
       const char *condition)
{
  g_string_append (query->sql, query->has_where ? " AND " : " WHERE ");
  g_string_append (query->sql, condition);
  query->has_where = TRUE;
}

static void
where_column (PwQuery    *query,
              const char *column,
              const char *rest)
{
  g_autofree char *condition = g_strconcat (column, rest, NULL);

  where (query, condition);
}

void
pw_query_add_text (PwQuery    *query,
                   const char *sql,
                   const char *value)
{
  where (query, sql);
  push_text (query, g_strdup (value));
}

void
pw_query_add_int64 (PwQuery    *query,
                    const char *sql,
                    gint64      value)
{
  where (query, sql);
  push_number (query, value);
}

/* Adds @sql (with one `?`) for @value, or nothing if @value is %NULL. */
void
pw_query_add_time (PwQuery    *query,
                   const char *sql,
                   GDateTime  *value)
{
  if (value != NULL)
    pw_query_add_int64 (query, sql, pw_store_time_to_usec (value));
}

/* Prefect's `any_`: @column is one of @values. An empty list keeps
 * nothing; %NULL sets no condition. */
void
pw_query_add_any (PwQuery            *query,
                  const char         *column,
                  const char * const *values)
{
  if (values == NULL)
    return;

  if (values[0] == NULL)
    where (query, "0");
  else if (values[1] == NULL)
    {
      where_column (query, column, " = ?");
      push_text (query, g_strdup (values[0]));
    }
  else
    {
      where_column (query, column, " IN (SELECT value FROM json_each (?))");
      push_text (query, pw_store_strv_to_json (values));
    }
}

/* Adds @sql, whose one `?` stands for @values as a JSON array (for a
 * `json_each (?)` in a subquery); an empty list keeps nothing, %NULL sets
 * no condition. */
void
pw_query_add_list (PwQuery            *query,
                   const char         *sql,
                   const char * const *values)
{
  if (values == NULL)
    return;

  if (values[0] == NULL)
    where (query, "0");
  else
    {
      where (query, sql);
      push_text (query, pw_store_strv_to_json (values));
    }
}

/* Prefect's `not_any_`: @column is none of @values. */
void
pw_query_add_not_any (PwQuery            *query,
                      const char         *column,
                      const char * const *values)
{
  if (values == NULL || values[0] == NULL)
    return;

  where_column (query, column, " NOT IN (SELECT value FROM json_each (?))");
  push_text (query, pw_store_strv_to_json (values));
}

/* Prefect's `like_`: @column holds @text, ignoring (ASCII) case; the
 * wildcards `%` and `_` in @text are taken literally. */
void
pw_query_add_like (PwQuery    *query,
                   const char *column,
                   const char *text)
{
  GString *pattern;

  if (text == NULL)
    return;

  pattern = g_string_new ("%");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  where_column (query, column, " LIKE ? ESCAPE '\\'");
  push_text (query, g_string_free (pattern, FALSE));
}

/* Prefect's `all_` on a JSON tags column: it holds every one of @tags. */
void
pw_query_add_tags_all (PwQuery            *query,
                       const char         *column,
                       const char * const *tags)
{
  g_autofree char *condition = NULL;

  if (tags == NULL || tags[0] == NULL)
    return;

  condition = g_strdup_printf ("NOT EXISTS (SELECT 1 FROM json_each (?) AS wanted"
                               " WHERE wanted.value NOT IN (SELECT value FROM json_each (%s)))",
                               column);
  where (query, condition);
  push_text (query, pw_store_strv_to_json (tags));
}

/* Prefect's `is_null_` on a tags column: the list is empty. The store
 * always writes an empty list as `[]`. */
void
pw_query_add_tags_is_null (PwQuery      *query,
                           const char   *column,
                           PwNullFilter  is_null)
{
  if (is_null == PW_NULL_FILTER_IS_NULL)
    where_column (query, column, " = '[]'");
  else if (is_null == PW_NULL_FILTER_IS_NOT_NULL)
    where_column (query, column, " <> '[]'");
}

void
pw_query_add_is_null (PwQuery      *query,
                      const char   *column,
                      PwNullFilter  is_null)
{
  if (is_null == PW_NULL_FILTER_IS_NULL)
    where_column (query, column, " IS NULL");
  else if (is_null == PW_NULL_FILTER_IS_NOT_NULL)
    where_column (query, column, " IS NOT NULL");
}

/* @column's state type is in the set @state_types (PW_STATE_TYPE_MASK()
 * bits). At most nine values: spelled out so that the planner sees them. */
void
pw_query_add_state_types (PwQuery    *query,
                          const char *column,
                          guint       state_types)
{
  const guint all = (1u << PW_N_STATE_TYPES) - 1;
  g_autoptr(GString) condition = NULL;
  guint n = 0;

  state_types &= all;
  if (state_types == 0 || state_types == all)
    return;

  condition = g_string_new (column);
  g_string_append (condition, (state_types & (state_types - 1)) == 0 ? " = " : " IN (");
  for (guint type = 0; type < PW_N_STATE_TYPES; type++)
    {
      if ((state_types & PW_STATE_TYPE_MASK (type)) == 0)
        continue;
      g_string_append (condition, n++ > 0 ? ", ?" : "?");
      push_text (query, g_strdup (pw_state_type_to_string (type)));
    }
  if (n > 1)
    g_string_append_c (condition, ')');

  where (query, condition->str);
}

/* Appends @other's text and values. */
void
pw_query_append_query (PwQuery *query,
                       PwQuery *other)
{
  g_string_append (query->sql, other->sql->str);
  for (guint i = 0; i < other->values->len; i++)
    {
      PwQueryValue *value = g_ptr_array_index (other->values, i);

      if (value->is_text)
        push_text (query, g_strdup (value->text));
      else
        push_number (query, value->number);
    }
}

/* LIMIT alone, for a subquery. */
void
pw_query_add_limit (PwQuery *query,
                    gint64   limit)
{
  g_string_append (query->sql, " LIMIT ?");
  push_number (query, limit);
}

/* LIMIT and OFFSET: a limit of 0 is the default page, G_MAXUINT none. */
void
pw_query_add_page (PwQuery *query,
                   guint    limit,
                   guint    offset)
{
  g_string_append (query->sql, " LIMIT ? OFFSET ?");
  if (limit == 0)
    limit = PW_STORE_DEFAULT_LIMIT;
  push_number (query, limit == G_MAXUINT ? -1 : (gint64)limit);
  push_number (query, offset);
}

/**
 * pw_query_prepare:
 * @query: a #PwQuery
 * @store: the store
 * @error: the error to set
 *
 * Returns: (transfer none) (nullable): the cached statement for the query's
 *   text, with its values bound
 */
PwStmt *
pw_query_prepare (PwQuery  *query,
                  PwStore  *store,
                  GError  **error)
{
  PwStmt *stmt = pw_store_prepare (store, query->sql->str, error);

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < query->values->len; i++)
    {
      PwQueryValue *value = g_ptr_array_index (query->values, i);

      if (value->is_text)
        pw_bind_text (stmt, i + 1, value->text);
      else
        sqlite3_bind_int64 (stmt, i + 1, value->number);
    }

  return stmt;
}

/**
 * pw_query_list:
 * @query: a #PwQuery
 * @store: the store
 * @read_row: makes an object of the current row
 * @error: the error to set
 *
 * Runs @query, holding the store, and makes an object of each row.
 *
 * Returns: (transfer full) (nullable): the objects, or %NULL with @error set
 */
GPtrArray *
pw_query_list (PwQuery      *query,
               PwStore      *store,
               PwRowReader   read_row,
               GError      **error)
{
  g_autoptr(PwStoreLocker) locker = pw_store_locker_new (store);
  g_autoptr(PwStmt) stmt = pw_query_prepare (query, store, error);
  g_autoptr(GPtrArray) objects = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  objects = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = pw_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (objects, read_row (stmt));

  return rc == SQLITE_DONE ? g_steal_pointer (&objects) : NULL;
}

/**
 * pw_query_count:
 * @query: a `SELECT count(*)` #PwQuery
 * @store: the store
 * @error: the error to set
 *
 * Returns: the count, or -1 with @error set
 */
gint64
pw_query_count (PwQuery  *query,
                PwStore  *store,
                GError  **error)
{
  g_autoptr(PwStoreLocker) locker = pw_store_locker_new (store);
  g_autoptr(PwStmt) stmt = pw_query_prepare (query, store, error);

  if (stmt == NULL || pw_store_step (store, stmt, error) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}
