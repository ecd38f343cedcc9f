/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-file"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-flow-file-private.h"
#include "pw-problem.h"

/*
 * Reading typed members of a parsed flow file, for pw-flow-file-read.c:
 * each reader either gives the value or adds a problem that says what was
 * expected and what was found, on the line it was found, and marks the
 * member as broken so that validation does not report it again.
 */

int
_pw_reader_member_lookup (PwMemberTable *table,
                          const char    *name)
{
  if (g_once_init_enter (&table->index))
    {
      GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < table->n_names; i++)
        g_hash_table_insert (index, (gpointer) table->names[i], GUINT_TO_POINTER (i + 1));

      g_once_init_leave (&table->index, index);
    }

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (table->index, name)) - 1;
}

char *
_pw_flow_file_broken_id (const char *task_key,
                         const char *member)
{
  return g_strconcat (task_key ? task_key : "", "\037", member ? member : "", NULL);
}

/* Adds a problem on the line of @at and marks the member as broken. */
void
_pw_reader_problem (PwReader    *r,
                    PwJsonValue *at,
                    const char  *task_key,
                    const char  *member,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  PwProblem *p;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  p = pw_problem_new (task_key, member, message);
  pw_problem_set_line (p, at != NULL ? at->line : 0);
  g_ptr_array_add (r->problems, p);
  g_hash_table_add (r->broken, _pw_flow_file_broken_id (task_key, member));
}

void
_pw_reader_wrong_type (PwReader    *r,
                       PwJsonValue *value,
                       const char  *task_key,
                       const char  *member,
                       const char  *expected)
{
  /* TRANSLATORS: "`retries` must be an integer, not a string" */
  _pw_reader_problem (r, value, task_key, member, _("`%s` must be %s, not %s"),
                      member, expected, pw_json_value_describe (value));
}

/* Gathers the members of @object into @out by table position, reporting
 * unknown and repeated ones. @where names the object for messages
 * ("cache"), or is NULL for a task or the flow itself. */
void
_pw_reader_gather (PwReader       *r,
                   PwMemberTable  *table,
                   PwJsonValue    *object,
                   const char     *task_key,
                   const char     *where,
                   PwJsonValue   **out)
{
  for (PwJsonValue *member = object->v.first; member != NULL; member = member->next)
    {
      int i = _pw_reader_member_lookup (table, member->name);
      const char *suggestion;
      g_autofree char *hint = NULL;

      if (i >= 0 && out[i] == NULL)
        {
          out[i] = member;
          continue;
        }

      if (i >= 0)
        {
          /* json-glib would silently keep the last one. */
          if (where != NULL)
            _pw_reader_problem (r, member, task_key, where,
                                _("`%s` appears twice in `%s`"), member->name, where);
          else
            _pw_reader_problem (r, member, task_key, member->name,
                                _("`%s` appears twice"), member->name);
          continue;
        }

      suggestion = pw_suggest_word (member->name, table->names, table->n_names);
      hint = suggestion ? g_strdup_printf (_("; did you mean `%s`?"), suggestion) : g_strdup ("");

      if (where != NULL)
        _pw_reader_problem (r, member, task_key, where,
                            _("unknown member `%s` in `%s`%s"), member->name, where, hint);
      else
        _pw_reader_problem (r, member, task_key, member->name,
                            _("unknown member `%s`%s"), member->name, hint);
    }
}

/* Each reader returns FALSE (after reporting) when the member is wrong;
 * the caller then keeps its default. A JSON null means "the default" where
 * @nullable is TRUE. */
gboolean
_pw_reader_string (PwReader     *r,
                   PwJsonValue  *value,
                   const char   *task_key,
                   const char   *member,
                   gboolean      nullable,
                   const char  **out)
{
  if (nullable && value->type == PW_JSON_NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (value->type != PW_JSON_STRING)
    {
      _pw_reader_wrong_type (r, value, task_key, member, _("a string"));
      return FALSE;
    }

  *out = value->v.string;
  return TRUE;
}

gboolean
_pw_reader_int (PwReader    *r,
                PwJsonValue *value,
                const char  *task_key,
                const char  *member,
                int         *out)
{
  if (value->type != PW_JSON_INTEGER)
    {
      _pw_reader_wrong_type (r, value, task_key, member, _("an integer"));
      return FALSE;
    }

  if (value->v.integer < 0)
    {
      _pw_reader_problem (r, value, task_key, member, _("`%s` cannot be negative"), member);
      return FALSE;
    }
  if (value->v.integer > G_MAXINT)
    {
      _pw_reader_problem (r, value, task_key, member, _("`%s` is too large"), member);
      return FALSE;
    }

  *out = (int) value->v.integer;
  return TRUE;
}

/* An integer that may be null, which stands for @if_null. */
void
_pw_reader_optional_int (PwReader    *r,
                         PwJsonValue *value,
                         const char  *task_key,
                         const char  *member,
                         int          if_null,
                         int         *out)
{
  if (value->type == PW_JSON_NULL)
    *out = if_null;
  else
    _pw_reader_int (r, value, task_key, member, out);
}

gboolean
_pw_reader_double (PwReader    *r,
                   PwJsonValue *value,
                   const char  *task_key,
                   const char  *member,
                   double      *out)
{
  if (value->type == PW_JSON_INTEGER)
    *out = (double) value->v.integer;
  else if (value->type == PW_JSON_DOUBLE)
    *out = value->v.number;
  else
    {
      _pw_reader_wrong_type (r, value, task_key, member, _("a number"));
      return FALSE;
    }

  return TRUE;
}

/* An array of strings, as a GStrv that is NULL when empty. */
gboolean
_pw_reader_strv (PwReader    *r,
                 PwJsonValue *value,
                 const char  *task_key,
                 const char  *member,
                 GStrv       *out)
{
  GStrv strv;
  guint i = 0;

  if (value->type == PW_JSON_NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (value->type != PW_JSON_ARRAY)
    {
      _pw_reader_wrong_type (r, value, task_key, member, _("an array of strings"));
      return FALSE;
    }

  for (PwJsonValue *element = value->v.first; element != NULL; element = element->next, i++)
    if (element->type != PW_JSON_STRING)
      {
        _pw_reader_problem (r, element, task_key, member,
                            _("`%s` must be an array of strings; element %u is %s"),
                            member, i + 1, pw_json_value_describe (element));
        return FALSE;
      }

  if (value->length == 0)
    {
      *out = NULL;
      return TRUE;
    }

  strv = g_new (char *, value->length + 1);
  i = 0;
  for (PwJsonValue *element = value->v.first; element != NULL; element = element->next)
    strv[i++] = g_strndup (element->v.string, element->length);
  strv[i] = NULL;

  *out = strv;
  return TRUE;
}

/* An object of strings, as alternating names and values; NULL when empty. */
gboolean
_pw_reader_pairs (PwReader    *r,
                  PwJsonValue *value,
                  const char  *task_key,
                  const char  *member,
                  GStrv       *out)
{
  GStrv pairs;
  guint k = 0;

  if (value->type == PW_JSON_NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (value->type != PW_JSON_OBJECT)
    {
      _pw_reader_wrong_type (r, value, task_key, member, _("an object of strings"));
      return FALSE;
    }

  for (PwJsonValue *item = value->v.first; item != NULL; item = item->next)
    {
      if (item->type != PW_JSON_STRING)
        {
          _pw_reader_problem (r, item, task_key, member,
                              _("`%s` must be an object of strings; `%s` is %s"),
                              member, item->name, pw_json_value_describe (item));
          return FALSE;
        }

      for (PwJsonValue *other = value->v.first; other != item; other = other->next)
        if (strcmp (other->name, item->name) == 0)
          {
            _pw_reader_problem (r, item, task_key, member, _("`%s` appears twice in `%s`"),
                                item->name, member);
            return FALSE;
          }
    }

  if (value->length == 0)
    {
      *out = NULL;
      return TRUE;
    }

  pairs = g_new (char *, 2 * value->length + 1);
  for (PwJsonValue *item = value->v.first; item != NULL; item = item->next)
    {
      pairs[k++] = g_strdup (item->name);
      pairs[k++] = g_strndup (item->v.string, item->length);
    }
  pairs[k] = NULL;

  *out = pairs;
  return TRUE;
}

/* An object or null (*out is then NULL). */
gboolean
_pw_reader_object (PwReader     *r,
                   PwJsonValue  *value,
                   const char   *task_key,
                   const char   *member,
                   PwJsonValue **out)
{
  *out = NULL;

  if (value->type == PW_JSON_NULL)
    return TRUE;

  if (value->type != PW_JSON_OBJECT)
    {
      _pw_reader_wrong_type (r, value, task_key, member, _("an object"));
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* One of @names (an enum's spellings, NULL-terminated). */
gboolean
_pw_reader_choice (PwReader           *r,
                   PwJsonValue        *value,
                   const char         *task_key,
                   const char         *member,
                   const char * const *names,
                   int                *out)
{
  const char *s;
  const char *suggestion;
  g_autofree char *list = NULL;

  if (!_pw_reader_string (r, value, task_key, member, FALSE, &s))
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], s) == 0)
      {
        *out = (int) i;
        return TRUE;
      }

  suggestion = pw_suggest_word (s, names, -1);
  list = g_strjoinv (", ", (char **) names);
  if (suggestion != NULL)
    _pw_reader_problem (r, value, task_key, member, _("`%s` cannot be `%s`; did you mean `%s`?"),
                        member, s, suggestion);
  else
    _pw_reader_problem (r, value, task_key, member, _("`%s` cannot be `%s`; use one of %s"), member,
                        s, list);

  return FALSE;
}

/* The value at @path ("cache.policy", "parameters.NAME" for the parameter
 * of that name) inside @object, or the deepest one found on the way. */
static PwJsonValue *
find_path (PwJsonValue *object,
           const char  *path)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      PwJsonValue *next = NULL;

      if (object->type == PW_JSON_OBJECT)
        next = pw_json_value_get_member (object, segments[i]);
      else if (object->type == PW_JSON_ARRAY)
        for (PwJsonValue *item = object->v.first; item != NULL && next == NULL; item = item->next)
          {
            PwJsonValue *name;

            if (item->type == PW_JSON_OBJECT &&
                (name = pw_json_value_get_member (item, "name")) != NULL &&
                name->type == PW_JSON_STRING && strcmp (name->v.string, segments[i]) == 0)
              next = item;
          }

      if (next == NULL)
        break;
      object = next;
    }

  return object;
}

/* The line of a problem found by validation: its member in the file, or
 * its task, or the top of the file. */
guint
_pw_flow_file_locate (PwJsonValue *root,
                      GHashTable  *tasks,
                      const char  *task_key,
                      const char  *member)
{
  PwJsonValue *object = root;

  if (task_key != NULL)
    {
      object = g_hash_table_lookup (tasks, task_key);
      if (object == NULL)
        return 0;
    }

  if (member != NULL)
    object = find_path (object, member);

  return object->line;
}
