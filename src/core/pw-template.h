/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_TEMPLATE_ERROR (pw_template_error_quark ())

/**
 * PwTemplateError:
 * @PW_TEMPLATE_ERROR_SYNTAX: a `{{` without `}}`, or an expression that is
 *   none of the known ones
 * @PW_TEMPLATE_ERROR_LOOKUP: the lookup function could not give a value
 *
 * Errors of templates.
 */
typedef enum
{
  PW_TEMPLATE_ERROR_SYNTAX,
  PW_TEMPLATE_ERROR_LOOKUP,
} PwTemplateError;

/**
 * PwTemplateRefKind:
 * @PW_TEMPLATE_REF_PARAM: `{{ params.NAME }}`
 * @PW_TEMPLATE_REF_TASK_RESULT: `{{ tasks.KEY.result }}`
 * @PW_TEMPLATE_REF_ITEM: `{{ item }}`, the current item of a mapped task
 * @PW_TEMPLATE_REF_FLOW_RUN_ID: `{{ flow_run.id }}`
 * @PW_TEMPLATE_REF_FLOW_RUN_NAME: `{{ flow_run.name }}`
 * @PW_TEMPLATE_REF_FLOW_RUN_SCHEDULED_TIME: `{{ flow_run.scheduled_time }}`
 *
 * What a template expression refers to.
 */
typedef enum
{
  PW_TEMPLATE_REF_PARAM,
  PW_TEMPLATE_REF_TASK_RESULT,
  PW_TEMPLATE_REF_ITEM,
  PW_TEMPLATE_REF_FLOW_RUN_ID,
  PW_TEMPLATE_REF_FLOW_RUN_NAME,
  PW_TEMPLATE_REF_FLOW_RUN_SCHEDULED_TIME,
} PwTemplateRefKind;

/**
 * PwTemplateQuote:
 * @PW_TEMPLATE_QUOTE_NONE: substitute values as they are (command arguments,
 *   URLs, headers, bodies)
 * @PW_TEMPLATE_QUOTE_SHELL: single-quote every value for /bin/sh (shell
 *   scripts), so that no value can add words or commands
 *
 * How pw_template_render() inserts values.
 */
typedef enum
{
  PW_TEMPLATE_QUOTE_NONE,
  PW_TEMPLATE_QUOTE_SHELL,
} PwTemplateQuote;

/**
 * PwTemplateRef:
 * @kind: what the expression refers to
 * @name: the parameter name or task key; %NULL for the other kinds. It is
 *   nul-terminated but only valid during the callback.
 * @start: the byte offset of `{{` in the text
 * @end: the byte offset just past `}}`
 *
 * One template expression found in a text.
 */
typedef struct
{
  PwTemplateRefKind  kind;
  const char        *name;
  gsize              start;
  gsize              end;
} PwTemplateRef;

/**
 * PwTemplateScanFunc:
 * @ref: the expression found
 * @user_data: the data given to pw_template_scan()
 *
 * Returns: %TRUE to go on scanning, %FALSE to stop
 */
typedef gboolean (*PwTemplateScanFunc) (const PwTemplateRef *ref,
                                        gpointer             user_data);

/**
 * PwTemplateLookup:
 * @ref: the expression to replace
 * @user_data: the data given to pw_template_render()
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the value, unquoted, or %NULL with
 *   @error set
 */
typedef char *(*PwTemplateLookup) (const PwTemplateRef  *ref,
                                   gpointer              user_data,
                                   GError              **error);

GQuark      pw_template_error_quark (void);
gboolean    pw_template_has_refs    (const char          *text);
gboolean    pw_template_scan        (const char          *text,
                                     PwTemplateScanFunc   func,
                                     gpointer             user_data,
                                     GError             **error);
char       *pw_template_render      (const char          *text,
                                     PwTemplateLookup     lookup,
                                     gpointer             user_data,
                                     PwTemplateQuote      quote,
                                     GError             **error);
char       *pw_template_ref_to_string (const PwTemplateRef *ref);

G_END_DECLS
