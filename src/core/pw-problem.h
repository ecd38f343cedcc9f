/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PW_TYPE_PROBLEM (pw_problem_get_type ())

/**
 * PwProblem:
 *
 * One thing wrong with a flow: where it is (a task key and a member, either
 * of which may be %NULL for flow-level problems, and the line of the flow
 * file when it came from one) and what is wrong, in words a user
 * understands. Validation and loading return every problem at once
 * as a #GPtrArray of #PwProblem.
 */
typedef struct _PwProblem PwProblem;

GType       pw_problem_get_type     (void) G_GNUC_CONST;
PwProblem  *pw_problem_new          (const char      *task_key,
                                     const char      *member,
                                     const char      *message);
PwProblem  *pw_problem_new_printf   (const char      *task_key,
                                     const char      *member,
                                     const char      *format,
                                     ...) G_GNUC_PRINTF (3, 4);
PwProblem  *pw_problem_copy         (const PwProblem *self);
void        pw_problem_free         (PwProblem       *self);
const char *pw_problem_get_task_key (const PwProblem *self);
const char *pw_problem_get_member   (const PwProblem *self);
const char *pw_problem_get_message  (const PwProblem *self);
guint       pw_problem_get_line     (const PwProblem *self);
void        pw_problem_set_line     (PwProblem       *self,
                                     guint            line);
char       *pw_problem_to_string    (const PwProblem *self);
GPtrArray  *pw_problem_array_new    (void);

const char *pw_suggest_word         (const char         *word,
                                     const char * const *candidates,
                                     gssize              n_candidates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwProblem, pw_problem_free)

G_END_DECLS
