/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-template.h"

/*
 * Templates: `{{ params.NAME }}`, `{{ tasks.KEY.result }}`, `{{ item }}` and
 * `{{ flow_run.id|name|scheduled_time }}`, with optional blanks inside the
 * braces. Every `{{` starts an expression; there is no escape, so a text
 * that needs a literal `{{` must take it from a parameter.
 *
 * The scanner allocates nothing for names up to 127 bytes: the validator
 * runs it over every string of 10,000 tasks.
 */

G_DEFINE_QUARK (pw-template-error-quark, pw_template_error)

#define SMALL_NAME 128

typedef struct
{
  char  small[SMALL_NAME];
  char *heap;
} NameBuffer;

static const char *
name_buffer_set (NameBuffer *buffer,
                 const char *name,
                 gsize       len)
{
  g_clear_pointer (&buffer->heap, g_free);

  if (len < SMALL_NAME)
    {
      memcpy (buffer->small, name, len);
      buffer->small[len] = '\0';
      return buffer->small;
    }

  buffer->heap = g_strndup (name, len);
  return buffer->heap;
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static inline gboolean
is_key_char (char c)
{
  /* Wider than the key syntax, so that `tasks.Train.result` is reported as
   * a task that does not exist rather than as a malformed template. */
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

static gboolean
equal_n (const char *s,
         gsize       len,
         const char *word)
{
  return strlen (word) == len && memcmp (s, word, len) == 0;
}

static gboolean
has_prefix_n (const char *s,
              gsize       len,
              const char *prefix)
{
  gsize n = strlen (prefix);

  return len > n && memcmp (s, prefix, n) == 0;
}

/* Parses the expression between the braces; FALSE if it is none we know. */
static gboolean
parse_expression (const char    *expr,
                  gsize          len,
                  PwTemplateRef *ref,
                  NameBuffer    *buffer)
{
  ref->name = NULL;

  if (equal_n (expr, len, "item"))
    {
      ref->kind = PW_TEMPLATE_REF_ITEM;
      return TRUE;
    }

  if (has_prefix_n (expr, len, "params."))
    {
      const char *name = expr + strlen ("params.");
      gsize name_len = len - strlen ("params.");

      if (g_ascii_isdigit (name[0]))
        return FALSE;
      for (gsize i = 0; i < name_len; i++)
        if (!is_ident_char (name[i]))
          return FALSE;

      ref->kind = PW_TEMPLATE_REF_PARAM;
      ref->name = name_buffer_set (buffer, name, name_len);
      return TRUE;
    }

  if (has_prefix_n (expr, len, "tasks."))
    {
      const char *key = expr + strlen ("tasks.");
      gsize rest = len - strlen ("tasks.");
      gsize key_len = 0;

      while (key_len < rest && is_key_char (key[key_len]))
        key_len++;

      if (key_len == 0 || !equal_n (key + key_len, rest - key_len, ".result"))
        return FALSE;

      ref->kind = PW_TEMPLATE_REF_TASK_RESULT;
      ref->name = name_buffer_set (buffer, key, key_len);
      return TRUE;
    }

  if (equal_n (expr, len, "flow_run.id"))
    ref->kind = PW_TEMPLATE_REF_FLOW_RUN_ID;
  else if (equal_n (expr, len, "flow_run.name"))
    ref->kind = PW_TEMPLATE_REF_FLOW_RUN_NAME;
  else if (equal_n (expr, len, "flow_run.scheduled_time"))
    ref->kind = PW_TEMPLATE_REF_FLOW_RUN_SCHEDULED_TIME;
  else
    return FALSE;

  return TRUE;
}

/* Finds the next expression at or after *pos: 1 when found (and *pos moved
 * past it), 0 at the end, -1 on a malformed one. */
static int
next_ref (const char     *text,
          gsize          *pos,
          PwTemplateRef  *ref,
          NameBuffer     *buffer,
          GError        **error)
{
  const char *open;
  const char *close;
  const char *expr;
  const char *expr_end;

  open = strstr (text + *pos, "{{");
  if (open == NULL)
    return 0;

  close = strstr (open + 2, "}}");
  if (close == NULL)
    {
      g_set_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_SYNTAX,
                   _("`{{` at character %u is never closed with `}}`"),
                   (guint) g_utf8_pointer_to_offset (text, open) + 1);
      return -1;
    }

  expr = open + 2;
  expr_end = close;
  while (expr < expr_end && is_blank (*expr))
    expr++;
  while (expr_end > expr && is_blank (expr_end[-1]))
    expr_end--;

  if (!parse_expression (expr, expr_end - expr, ref, buffer))
    {
      g_autofree char *shown = g_utf8_make_valid (open, close + 2 - open);

      if (g_utf8_strlen (shown, -1) > 60)
        {
          char *cut = g_utf8_offset_to_pointer (shown, 57);
          strcpy (cut, "…");
        }

      g_set_error (error, PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_SYNTAX,
                   _("unknown template `%s`: use params.NAME, tasks.KEY.result, item, "
                     "flow_run.id, flow_run.name or flow_run.scheduled_time"),
                   shown);
      return -1;
    }

  ref->start = open - text;
  ref->end = close + 2 - text;
  *pos = ref->end;

  return 1;
}

/**
 * pw_template_has_refs:
 * @text: (nullable): a text
 *
 * Returns: %TRUE if @text contains `{{`, that is, anything to render
 */
gboolean
pw_template_has_refs (const char *text)
{
  return text != NULL && strstr (text, "{{") != NULL;
}

/**
 * pw_template_scan:
 * @text: a nul-terminated text
 * @func: (scope call) (nullable): called for each expression, in order
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Finds every template expression of @text. Stops at the first malformed
 * one (a `{{` without `}}`, or an expression that is none of the known
 * ones) with %PW_TEMPLATE_ERROR_SYNTAX.
 *
 * Returns: %TRUE if @text is well formed (up to where @func stopped)
 */
gboolean
pw_template_scan (const char          *text,
                  PwTemplateScanFunc   func,
                  gpointer             user_data,
                  GError             **error)
{
  NameBuffer buffer = { .heap = NULL };
  PwTemplateRef ref;
  gsize pos = 0;
  int found;

  g_return_val_if_fail (text != NULL, FALSE);

  while ((found = next_ref (text, &pos, &ref, &buffer, error)) == 1)
    {
      if (func != NULL && !func (&ref, user_data))
        break;
    }

  g_free (buffer.heap);

  return found != -1;
}

/**
 * pw_template_render:
 * @text: a nul-terminated text
 * @lookup: (scope call): gives the value of each expression
 * @user_data: data for @lookup
 * @quote: how to insert values
 * @error: return location for a #GError
 *
 * Replaces every expression of @text by the value @lookup gives for it.
 * With %PW_TEMPLATE_QUOTE_SHELL each value is single-quoted for /bin/sh
 * (`it's` becomes `'it'\''s'`), so write `echo {{ params.who }}`, never
 * `echo "{{ params.who }}"`.
 *
 * Returns: (transfer full) (nullable): the rendered text, or %NULL with
 *   @error set (a malformed template, or the lookup's error)
 */
char *
pw_template_render (const char       *text,
                    PwTemplateLookup  lookup,
                    gpointer          user_data,
                    PwTemplateQuote   quote,
                    GError          **error)
{
  NameBuffer buffer = { .heap = NULL };
  g_autoptr(GString) out = NULL;
  PwTemplateRef ref;
  gsize pos = 0;
  gsize copied = 0;
  int found;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 16);

  while ((found = next_ref (text, &pos, &ref, &buffer, error)) == 1)
    {
      g_autofree char *value = NULL;
      GError *local_error = NULL;

      g_string_append_len (out, text + copied, ref.start - copied);
      copied = ref.end;

      value = lookup (&ref, user_data, &local_error);
      if (value == NULL)
        {
          if (local_error == NULL)
            {
              g_autofree char *expr = pw_template_ref_to_string (&ref);

              local_error = g_error_new (PW_TEMPLATE_ERROR, PW_TEMPLATE_ERROR_LOOKUP,
                                         _("no value for `%s`"), expr);
            }
          g_propagate_error (error, local_error);
          found = -1;
          break;
        }

      if (quote == PW_TEMPLATE_QUOTE_SHELL)
        {
          g_autofree char *quoted = g_shell_quote (value);
          g_string_append (out, quoted);
        }
      else
        {
          g_string_append (out, value);
        }
    }

  g_free (buffer.heap);

  if (found == -1)
    return NULL;

  g_string_append (out, text + copied);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pw_template_ref_to_string:
 * @ref: a #PwTemplateRef
 *
 * Returns: (transfer full): the expression in its normal spelling, such as
 *   `{{ tasks.train.result }}`
 */
char *
pw_template_ref_to_string (const PwTemplateRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  switch (ref->kind)
    {
    case PW_TEMPLATE_REF_PARAM:
      return g_strdup_printf ("{{ params.%s }}", ref->name);
    case PW_TEMPLATE_REF_TASK_RESULT:
      return g_strdup_printf ("{{ tasks.%s.result }}", ref->name);
    case PW_TEMPLATE_REF_ITEM:
      return g_strdup ("{{ item }}");
    case PW_TEMPLATE_REF_FLOW_RUN_ID:
      return g_strdup ("{{ flow_run.id }}");
    case PW_TEMPLATE_REF_FLOW_RUN_NAME:
      return g_strdup ("{{ flow_run.name }}");
    case PW_TEMPLATE_REF_FLOW_RUN_SCHEDULED_TIME:
      return g_strdup ("{{ flow_run.scheduled_time }}");
    default:
      g_return_val_if_reached (NULL);
    }
}
