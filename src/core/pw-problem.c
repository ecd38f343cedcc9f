/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-problem"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-problem.h"

struct _PwProblem
{
  char *task_key;
  char *member;
  char *message;
  guint line;
};

G_DEFINE_BOXED_TYPE (PwProblem, pw_problem, pw_problem_copy, pw_problem_free)

/**
 * pw_problem_new:
 * @task_key: (nullable): the key of the task the problem is in, or %NULL
 *   for a flow-level problem
 * @member: (nullable): the flow-file member the problem is about, such as
 *   `retries` or `cache.policy`
 * @message: what is wrong; it does not repeat the task key
 *
 * Returns: (transfer full): a new #PwProblem
 */
PwProblem *
pw_problem_new (const char *task_key,
                const char *member,
                const char *message)
{
  PwProblem *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (PwProblem, 1);
  self->task_key = g_strdup (task_key);
  self->member = g_strdup (member);
  self->message = g_strdup (message);

  return self;
}

/**
 * pw_problem_new_printf:
 * @task_key: (nullable): the task key, or %NULL
 * @member: (nullable): the member, or %NULL
 * @format: a printf() format for the message
 * @...: its arguments
 *
 * Returns: (transfer full): a new #PwProblem
 */
PwProblem *
pw_problem_new_printf (const char *task_key,
                       const char *member,
                       const char *format,
                       ...)
{
  PwProblem *self;
  va_list args;

  g_return_val_if_fail (format != NULL, NULL);

  self = g_new0 (PwProblem, 1);
  self->task_key = g_strdup (task_key);
  self->member = g_strdup (member);

  va_start (args, format);
  self->message = g_strdup_vprintf (format, args);
  va_end (args);

  return self;
}

/**
 * pw_problem_copy:
 * @self: a #PwProblem
 *
 * Returns: (transfer full): a copy of @self
 */
PwProblem *
pw_problem_copy (const PwProblem *self)
{
  PwProblem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = pw_problem_new (self->task_key, self->member, self->message);
  copy->line = self->line;

  return copy;
}

/**
 * pw_problem_free:
 * @self: (nullable): a #PwProblem
 *
 * Frees @self.
 */
void
pw_problem_free (PwProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->task_key);
  g_free (self->member);
  g_free (self->message);
  g_free (self);
}

/**
 * pw_problem_get_task_key:
 * @self: a #PwProblem
 *
 * Returns: (nullable): the key of the task the problem is in
 */
const char *
pw_problem_get_task_key (const PwProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->task_key;
}

/**
 * pw_problem_get_member:
 * @self: a #PwProblem
 *
 * Returns: (nullable): the flow-file member the problem is about
 */
const char *
pw_problem_get_member (const PwProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->member;
}

/**
 * pw_problem_get_message:
 * @self: a #PwProblem
 *
 * Returns: what is wrong, without the task key
 */
const char *
pw_problem_get_message (const PwProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->message;
}

/**
 * pw_problem_get_line:
 * @self: a #PwProblem
 *
 * Returns: the line of the flow file the problem is on (from 1), or 0 when
 *   it did not come from a file
 */
guint
pw_problem_get_line (const PwProblem *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->line;
}

/**
 * pw_problem_set_line:
 * @self: a #PwProblem
 * @line: a line of a flow file (from 1), or 0 for none
 */
void
pw_problem_set_line (PwProblem *self,
                     guint      line)
{
  g_return_if_fail (self != NULL);
  self->line = line;
}

/**
 * pw_problem_to_string:
 * @self: a #PwProblem
 *
 * Formats @self for a person: `task KEY: message`, or just the message
 * for a flow-level problem.
 *
 * Returns: (transfer full): the text
 */
char *
pw_problem_to_string (const PwProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->task_key == NULL)
    return g_strdup (self->message);

  /* TRANSLATORS: a problem in one task of a flow: "task KEY: MESSAGE" */
  return g_strdup_printf (_("task %s: %s"), self->task_key, self->message);
}

/**
 * pw_problem_array_new:
 *
 * Returns: (transfer full) (element-type PwProblem): an empty array that
 *   frees its problems
 */
GPtrArray *
pw_problem_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pw_problem_free);
}

/* Optimal string alignment distance (Levenshtein plus swapping two
 * neighbours, so that `retires` is one edit from `retries`), optionally
 * ignoring ASCII case, giving up early once it exceeds @limit. */
static guint
edit_distance (const char *a,
               const char *b,
               guint       limit,
               gboolean    ignore_case)
{
  gsize la = strlen (a), lb = strlen (b);
  guint *prev2, *prev, *cur;
  guint result;

  if ((la > lb ? la - lb : lb - la) > limit)
    return limit + 1;

  prev2 = g_new (guint, lb + 1);
  prev = g_new (guint, lb + 1);
  cur = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    prev[j] = j;

  for (gsize i = 1; i <= la; i++)
    {
      guint row_min;
      guint *tmp;

      cur[0] = row_min = i;
      for (gsize j = 1; j <= lb; j++)
        {
          char ca = ignore_case ? g_ascii_tolower (a[i - 1]) : a[i - 1];
          char cb = ignore_case ? g_ascii_tolower (b[j - 1]) : b[j - 1];
          char pa = i > 1 ? (ignore_case ? g_ascii_tolower (a[i - 2]) : a[i - 2]) : '\0';
          char pb = j > 1 ? (ignore_case ? g_ascii_tolower (b[j - 2]) : b[j - 2]) : '\0';
          guint cost = ca == cb ? 0 : 1;
          guint d = MIN (MIN (prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);

          if (i > 1 && j > 1 && ca == pb && pa == cb)
            d = MIN (d, prev2[j - 2] + 1);

          cur[j] = d;
          row_min = MIN (row_min, d);
        }

      tmp = prev2;
      prev2 = prev;
      prev = cur;
      cur = tmp;

      if (row_min > limit)
        {
          g_free (prev2);
          g_free (prev);
          g_free (cur);
          return limit + 1;
        }
    }

  result = prev[lb];

  g_free (prev2);
  g_free (prev);
  g_free (cur);

  return result;
}

/**
 * pw_suggest_word:
 * @word: a misspelt word, such as an unknown member name
 * @candidates: (array length=n_candidates): the words it may have meant
 * @n_candidates: the number of @candidates, or -1 if %NULL-terminated
 *
 * Finds the candidate closest to @word, for "did you mean" hints: at most
 * one edit away for words of up to three letters, two for longer ones.
 * Case and swapped neighbours count as small mistakes.
 *
 * Returns: (nullable): the closest candidate, or %NULL if none is close
 */
const char *
pw_suggest_word (const char         *word,
                 const char * const *candidates,
                 gssize              n_candidates)
{
  const char *best = NULL;
  guint limit;
  guint best_distance;
  guint best_exact = G_MAXUINT;

  g_return_val_if_fail (word != NULL, NULL);

  if (candidates == NULL)
    return NULL;

  limit = strlen (word) <= 3 ? 1 : 2;
  best_distance = limit + 1;

  for (gsize i = 0; n_candidates < 0 ? candidates[i] != NULL : i < (gsize) n_candidates; i++)
    {
      guint d;

      if (candidates[i] == NULL || strcmp (candidates[i], word) == 0)
        continue;

      /* Case counts for nothing, except to break ties: `Faild` is
       * closer to `Failed` than to `FAILED`. */
      d = edit_distance (word, candidates[i], limit, TRUE);
      if (d > limit || d > best_distance)
        continue;

      if (d < best_distance)
        {
          best = candidates[i];
          best_distance = d;
          best_exact = edit_distance (word, candidates[i], G_MAXUINT / 2, FALSE);
        }
      else
        {
          guint exact = edit_distance (word, candidates[i], G_MAXUINT / 2, FALSE);

          if (exact < best_exact)
            {
              best = candidates[i];
              best_exact = exact;
            }
        }
    }

  return best;
}
