/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-file"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-flow-file-private.h"
#include "pw-flow-private.h"
#include "pw-task-private.h"

/*
 * From a PwFlow to the text of a flow file. The writer is ours rather than
 * JsonGenerator's so that the output is stable and easy to diff: members
 * in the order of DESIGN.md §3, two-space indentation, arrays of plain
 * values on one line (`"command": ["awk", "-F,", …]`), numbers in their
 * shortest exact form, and members at their default left out, so that
 * load → save → load → save gives the same bytes.
 */

typedef struct
{
  GString *out;
  guint    depth;
  gboolean first;
} Writer;

static void
write_indent (Writer *w)
{
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

static void
write_string (Writer     *w,
              const char *s)
{
  GString *out = w->out;
  const char *run = s;

  g_string_append_c (out, '"');

  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *escape;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\t': escape = "\\t"; break;
        case '\r': escape = "\\r"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default: escape = NULL; break;
        }

      if (escape != NULL)
        g_string_append (out, escape);
      else
        g_string_append_printf (out, "\\u%04x", c);
    }

  g_string_append_len (out, run, strlen (run));
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double. With @as_json_double
 * an integral value keeps a ".0", so that it reads back as a double. */
static void
write_double (Writer   *w,
              double    value,
              gboolean  as_json_double)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!as_json_double && value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (w->out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (w->out, buffer);
  if (strpbrk (buffer, ".eEn") == NULL)
    g_string_append (w->out, ".0");
}

static void
open_object (Writer *w)
{
  g_string_append_c (w->out, '{');
  w->depth++;
  w->first = TRUE;
}

static void
close_object (Writer *w)
{
  w->depth--;
  if (!w->first)
    {
      g_string_append_c (w->out, '\n');
      write_indent (w);
    }
  g_string_append_c (w->out, '}');
  w->first = FALSE;
}

static void
write_name (Writer     *w,
            const char *name)
{
  g_string_append (w->out, w->first ? "\n" : ",\n");
  w->first = FALSE;
  write_indent (w);
  write_string (w, name);
  g_string_append (w->out, ": ");
}

static void
member_string (Writer     *w,
               const char *name,
               const char *value)
{
  write_name (w, name);
  if (value != NULL)
    write_string (w, value);
  else
    g_string_append (w->out, "null");
}

static void
member_int (Writer     *w,
            const char *name,
            int         value)
{
  write_name (w, name);
  g_string_append_printf (w->out, "%d", value);
}

static void
write_strv (Writer             *w,
            const char * const *strv)
{
  g_string_append_c (w->out, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (w->out, ", ");
      write_string (w, strv[i]);
    }
  g_string_append_c (w->out, ']');
}

static void
member_strv (Writer             *w,
             const char         *name,
             const char * const *strv)
{
  write_name (w, name);
  write_strv (w, strv);
}

static void
member_pairs (Writer     *w,
              const char *name,
              GStrv       pairs)
{
  write_name (w, name);
  open_object (w);
  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    member_string (w, pairs[i], pairs[i + 1]);
  close_object (w);
}

static void write_node (Writer   *w,
                        JsonNode *node);

static gboolean
is_scalar (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node);
}

static void
write_array_node (Writer    *w,
                  JsonArray *array)
{
  guint n = json_array_get_length (array);
  gboolean inline_array = TRUE;

  for (guint i = 0; i < n && inline_array; i++)
    inline_array = is_scalar (json_array_get_element (array, i));

  g_string_append_c (w->out, '[');
  if (inline_array)
    {
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (w->out, ", ");
          write_node (w, json_array_get_element (array, i));
        }
      g_string_append_c (w->out, ']');
      return;
    }

  w->depth++;
  for (guint i = 0; i < n; i++)
    {
      g_string_append (w->out, i == 0 ? "\n" : ",\n");
      write_indent (w);
      write_node (w, json_array_get_element (array, i));
    }
  w->depth--;
  g_string_append_c (w->out, '\n');
  write_indent (w);
  g_string_append_c (w->out, ']');
}

static void
write_node (Writer   *w,
            JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        open_object (w);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            write_name (w, name);
            write_node (w, member);
          }
        close_object (w);
      }
      break;

    case JSON_NODE_ARRAY:
      write_array_node (w, json_node_get_array (node));
      break;

    case JSON_NODE_NULL:
      g_string_append (w->out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          write_string (w, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          g_string_append_printf (w->out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (w, json_node_get_double (node), TRUE);
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (w->out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          g_string_append (w->out, "null");
          break;
        }
      break;
    }
}

/* Opens "name": [ for an array of objects; each item then opens with
 * next_item(). */
static void
open_object_array (Writer     *w,
                   const char *name)
{
  write_name (w, name);
  g_string_append_c (w->out, '[');
  w->depth++;
  w->first = TRUE;
}

static void
next_item (Writer *w)
{
  g_string_append (w->out, w->first ? "\n" : ",\n");
  w->first = FALSE;
  write_indent (w);
}

static void
close_object_array (Writer *w)
{
  w->depth--;
  if (!w->first)
    {
      g_string_append_c (w->out, '\n');
      write_indent (w);
    }
  g_string_append_c (w->out, ']');
  w->first = FALSE;
}

static void
write_parameter (Writer      *w,
                 PwParameter *parameter)
{
  JsonNode *value = pw_parameter_get_default (parameter);
  const char *description = pw_parameter_get_description (parameter);

  next_item (w);
  open_object (w);
  member_string (w, "name", pw_parameter_get_name (parameter));
  member_string (w, "type", pw_param_type_to_string (pw_parameter_get_param_type (parameter)));
  if (value != NULL)
    {
      write_name (w, "default");
      write_node (w, value);
    }
  if (description != NULL)
    member_string (w, "description", description);
  close_object (w);
}

static void
write_task (Writer *w,
            PwTask *task)
{
  const char * const *empty = NULL;
  gboolean process = task->kind == PW_TASK_KIND_COMMAND || task->kind == PW_TASK_KIND_SHELL;

  next_item (w);
  open_object (w);

  member_string (w, "key", task->key);
  if (task->name != NULL)
    member_string (w, "name", task->name);
  member_string (w, "kind", pw_task_kind_to_string (task->kind));

  switch (task->kind)
    {
    case PW_TASK_KIND_COMMAND:
      member_strv (w, "command", task->command ? (const char * const *) task->command : empty);
      break;
    case PW_TASK_KIND_SHELL:
      member_string (w, "script", task->script ? task->script : "");
      break;
    case PW_TASK_KIND_HTTP:
      member_string (w, "method", task->method ? task->method : PW_TASK_DEFAULT_METHOD);
      member_string (w, "url", task->url ? task->url : "");
      if (task->headers != NULL)
        member_pairs (w, "headers", task->headers);
      if (task->body != NULL)
        member_string (w, "body", task->body);
      break;
    case PW_TASK_KIND_SUBFLOW:
      member_string (w, "flow", task->flow_name ? task->flow_name : "");
      if (task->parameters != NULL)
        {
          write_name (w, "parameters");
          write_node (w, task->parameters);
        }
      break;
    case PW_TASK_KIND_NOOP:
    default:
      break;
    }

  if (task->after != NULL)
    member_strv (w, "after", (const char * const *) task->after);
  if (task->retries != PW_TASK_INHERIT)
    member_int (w, "retries", task->retries);
  if (task->retry_delay_seconds != PW_TASK_INHERIT)
    member_int (w, "retry_delay_seconds", task->retry_delay_seconds);
  if (task->retry_backoff != 1.0)
    {
      write_name (w, "retry_backoff");
      write_double (w, task->retry_backoff, TRUE);
    }
  if (task->retry_jitter != 0.0)
    {
      write_name (w, "retry_jitter");
      write_double (w, task->retry_jitter, TRUE);
    }
  if (task->timeout_seconds == PW_TASK_NO_TIMEOUT)
    member_string (w, "timeout_seconds", NULL);
  else if (task->timeout_seconds != PW_TASK_INHERIT)
    member_int (w, "timeout_seconds", task->timeout_seconds);
  if (task->cache_policy != PW_CACHE_POLICY_NONE || task->cache_expiration_seconds != 0)
    {
      write_name (w, "cache");
      open_object (w);
      member_string (w, "policy", pw_cache_policy_to_string (task->cache_policy));
      if (task->cache_expiration_seconds != 0)
        member_int (w, "expiration_seconds", task->cache_expiration_seconds);
      close_object (w);
    }
  if (task->tags != NULL)
    member_strv (w, "tags", (const char * const *) task->tags);
  if (task->trigger != PW_TRIGGER_RULE_ALL_SUCCESSFUL)
    member_string (w, "trigger", pw_trigger_rule_to_string (task->trigger));
  if (process && task->env != NULL)
    member_pairs (w, "env", task->env);
  if (process && task->workdir != NULL)
    member_string (w, "workdir", task->workdir);
  if (task->map != NULL)
    member_string (w, "map", task->map);

  write_name (w, "x");
  write_double (w, task->x, FALSE);
  write_name (w, "y");
  write_double (w, task->y, FALSE);

  close_object (w);
}

char *
_pw_flow_file_write (PwFlow *flow,
                     gsize  *length)
{
  Writer w = { NULL };
  const char *description = pw_flow_get_description (flow);
  const char * const *tags = pw_flow_get_tags (flow);
  GListModel *model;
  PwTask **tasks;
  guint n_tasks;
  guint n;

  tasks = _pw_flow_peek_tasks (flow, &n_tasks);
  w.out = g_string_sized_new (1024 + n_tasks * 512);

  open_object (&w);
  member_string (&w, "format", PW_FLOW_FILE_FORMAT);
  member_string (&w, "name", pw_flow_get_name (flow));
  if (description != NULL)
    member_string (&w, "description", description);
  if (tags[0] != NULL)
    member_strv (&w, "tags", tags);

  model = pw_flow_get_parameters (flow);
  n = g_list_model_get_n_items (model);
  if (n > 0)
    {
      open_object_array (&w, "parameters");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PwParameter) parameter = g_list_model_get_item (model, i);
          write_parameter (&w, parameter);
        }
      close_object_array (&w);
    }

  if (pw_flow_get_task_runner_kind (flow) != PW_TASK_RUNNER_KIND_CONCURRENT ||
      pw_flow_get_max_workers (flow) != 0)
    {
      write_name (&w, "task_runner");
      open_object (&w);
      member_string (&w, "kind",
                     pw_task_runner_kind_to_string (pw_flow_get_task_runner_kind (flow)));
      if (pw_flow_get_task_runner_kind (flow) == PW_TASK_RUNNER_KIND_CONCURRENT)
        member_int (&w, "max_workers", pw_flow_get_max_workers (flow));
      close_object (&w);
    }

  if (pw_flow_get_default_retries (flow) != 0 ||
      pw_flow_get_default_retry_delay_seconds (flow) != PW_FLOW_DEFAULT_RETRY_DELAY_SECONDS ||
      pw_flow_get_default_timeout_seconds (flow) != 0)
    {
      int timeout = pw_flow_get_default_timeout_seconds (flow);

      write_name (&w, "defaults");
      open_object (&w);
      member_int (&w, "retries", pw_flow_get_default_retries (flow));
      member_int (&w, "retry_delay_seconds", pw_flow_get_default_retry_delay_seconds (flow));
      if (timeout == 0)
        member_string (&w, "timeout_seconds", NULL);
      else
        member_int (&w, "timeout_seconds", timeout);
      close_object (&w);
    }

  model = pw_flow_get_notifications (flow);
  n = g_list_model_get_n_items (model);
  if (n > 0)
    {
      open_object_array (&w, "notifications");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PwNotificationRule) rule = g_list_model_get_item (model, i);
          const char *webhook = pw_notification_rule_get_webhook (rule);

          next_item (&w);
          open_object (&w);
          member_strv (&w, "states", pw_notification_rule_get_states (rule));
          if (webhook != NULL)
            member_string (&w, "webhook", webhook);
          close_object (&w);
        }
      close_object_array (&w);
    }

  open_object_array (&w, "tasks");
  for (guint i = 0; i < n_tasks; i++)
    write_task (&w, tasks[i]);
  close_object_array (&w);

  close_object (&w);
  g_string_append_c (w.out, '\n');

  if (length != NULL)
    *length = w.out->len;

  return g_string_free (w.out, FALSE);
}
