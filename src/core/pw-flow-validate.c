/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-validate"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pw-flow-graph-private.h"
#include "pw-flow-private.h"
#include "pw-flow-validate.h"
#include "pw-json-util.h"
#include "pw-task-private.h"
#include "pw-template.h"

/*
 * Validation of a flow model: everything that makes a flow impossible or
 * surprising to run, reported all at once, each problem with its task key
 * and member. The flow-file reader adds the problems of the file's shape
 * (unknown members, wrong types); this file knows nothing of JSON text.
 *
 * It must stay cheap for 10,000 tasks: one graph build (hash table and int
 * arrays), one pass over the tasks, templates scanned without allocating,
 * and upstream checks that search only the part of the graph that can
 * matter. Suggestions ("did you mean") for task keys are only computed for
 * flows small enough for a person to have typed them.
 */

#define MAX_TASKS_FOR_KEY_SUGGESTIONS 500

typedef struct
{
  PwFlow       *flow;
  PwFlowGraph  *graph;
  GHashTable   *params;         /* name → PwParameter, first one wins */
  GPtrArray    *param_names;
  GPtrArray    *task_keys;      /* built on demand, for suggestions */
  GPtrArray    *problems;
  GHashTable   *seen;           /* problems already reported */

  /* The string being scanned for templates. */
  PwTask       *task;
  guint         task_pos;
  const char   *member;
  gboolean      in_map;
} Validator;

static void add_problem (Validator  *v,
                         const char *task_key,
                         const char *member,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (Validator  *v,
             const char *task_key,
             const char *member,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  char *id;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* The same missing parameter used twice in one member is one problem. */
  id = g_strdup_printf ("%s\037%s\037%s", task_key ? task_key : "", member ? member : "", message);
  if (!g_hash_table_add (v->seen, id))
    return;

  g_ptr_array_add (v->problems, pw_problem_new (task_key, member, message));
}

static const char *
suggest_key (Validator  *v,
             const char *key)
{
  if (v->graph->n > MAX_TASKS_FOR_KEY_SUGGESTIONS)
    return NULL;

  if (v->task_keys == NULL)
    {
      v->task_keys = g_ptr_array_sized_new (v->graph->n);
      for (guint i = 0; i < v->graph->n; i++)
        g_ptr_array_add (v->task_keys, v->graph->tasks[i]->key);
    }

  return pw_suggest_word (key, (const char * const *) v->task_keys->pdata, v->task_keys->len);
}

static const char *
suggest_param (Validator  *v,
               const char *name)
{
  return pw_suggest_word (name, (const char * const *) v->param_names->pdata, v->param_names->len);
}

/* "; did you mean `x`?" or nothing. */
static char *
did_you_mean (const char *suggestion)
{
  if (suggestion == NULL)
    return g_strdup ("");

  return g_strdup_printf (_("; did you mean `%s`?"), suggestion);
}

static gboolean
is_valid_task_key (const char *key)
{
  if (key == NULL || key[0] == '\0')
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    {
      if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_identifier (const char *name)
{
  if (name == NULL || name[0] == '\0' || g_ascii_isdigit (name[0]))
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!(g_ascii_isalnum (*p) || *p == '_'))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_header_name (const char *name)
{
  if (name == NULL || name[0] == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!(g_ascii_isalnum (*p) || strchr ("!#$%&'*+-.^_`|~", *p) != NULL))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank_text (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_ref (const PwTemplateRef *ref,
           gpointer             user_data)
{
  Validator *v = user_data;
  const char *key = v->task->key;
  g_autofree char *hint = NULL;
  int j;

  switch (ref->kind)
    {
    case PW_TEMPLATE_REF_PARAM:
      if (!g_hash_table_contains (v->params, ref->name))
        {
          hint = did_you_mean (suggest_param (v, ref->name));
          add_problem (v, key, v->member,
                       _("`%s` uses `{{ params.%s }}`, but the flow has no parameter `%s`%s"),
                       v->member, ref->name, ref->name, hint);
        }
      break;

    case PW_TEMPLATE_REF_TASK_RESULT:
      j = pw_flow_graph_lookup (v->graph, ref->name);
      if (j < 0)
        {
          hint = did_you_mean (suggest_key (v, ref->name));
          add_problem (v, key, v->member,
                       _("`%s` uses `{{ tasks.%s.result }}`, but the flow has no task `%s`%s"),
                       v->member, ref->name, ref->name, hint);
        }
      else if ((guint) j == v->task_pos)
        {
          add_problem (v, key, v->member,
                       _("`%s` uses the task’s own result"), v->member);
        }
      else if (!pw_flow_graph_is_ancestor (v->graph, j, v->task_pos))
        {
          add_problem (v, key, v->member,
                       _("`%s` uses the result of `%s`, which is not upstream of this task; "
                         "add `%s` to `after`"),
                       v->member, ref->name, ref->name);
        }
      break;

    case PW_TEMPLATE_REF_ITEM:
      if (v->in_map)
        add_problem (v, key, v->member, _("`map` cannot use `{{ item }}`"));
      else if (v->task->map == NULL)
        add_problem (v, key, v->member,
                     _("`%s` uses `{{ item }}`, which only exists in a mapped task "
                       "(one with `map`)"),
                     v->member);
      break;

    case PW_TEMPLATE_REF_FLOW_RUN_ID:
    case PW_TEMPLATE_REF_FLOW_RUN_NAME:
    case PW_TEMPLATE_REF_FLOW_RUN_SCHEDULED_TIME:
    default:
      break;
    }

  return TRUE;
}

static void
check_template (Validator  *v,
                const char *member,
                const char *text)
{
  g_autoptr(GError) error = NULL;

  /* Nearly every string has no template: leave before the scanner. */
  if (text == NULL || strstr (text, "{{") == NULL)
    return;

  v->member = member;
  if (!pw_template_scan (text, check_ref, v, &error))
    add_problem (v, v->task->key, member, "`%s`: %s", member, error->message);
}

static void
check_json_templates (Validator  *v,
                      const char *member,
                      JsonNode   *node)
{
  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &child))
        check_json_templates (v, member, child);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_json_templates (v, member, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      check_template (v, member, json_node_get_string (node));
    }
}

static gboolean
collect_range (const PwTemplateRef *ref,
             gpointer             user_data)
{
  GArray *ranges = user_data;

  g_array_append_val (ranges, ref->start);
  g_array_append_val (ranges, ref->end);
  return TRUE;
}

/* Checks an http(s) URL; template expressions count as one harmless
 * word, and a URL that starts with one (the whole URL from a parameter)
 * is only checked at run time. Returns the problem, or NULL. */
static char *
url_problem (const char *url)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) plain = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  const char *scheme;
  const char *host;
  gsize copied = 0;

  if (g_str_has_prefix (url, "{{"))
    return NULL;

  /* A malformed template is reported on its own. */
  if (!pw_template_scan (url, collect_range, ranges, NULL))
    return NULL;

  plain = g_string_new (NULL);
  for (guint i = 0; i < ranges->len; i += 2)
    {
      gsize start = g_array_index (ranges, gsize, i);

      g_string_append_len (plain, url + copied, start - copied);
      g_string_append (plain, "x");
      copied = g_array_index (ranges, gsize, i + 1);
    }
  g_string_append (plain, url + copied);

  for (const char *p = plain->str; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return g_strdup_printf (_("“%s” is not a valid URL: it contains a space or a control "
                                "character (write a space as %%20)"), url);

  uri = g_uri_parse (plain->str, G_URI_FLAGS_NONE, &error);
  if (uri == NULL)
    return g_strdup_printf (_("“%s” is not a valid URL"), url);

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return g_strdup_printf (_("“%s” is not an http:// or https:// URL"), url);

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return g_strdup_printf (_("“%s” has no host name"), url);

  return NULL;
}

static void
check_flow (Validator *v)
{
  PwFlow *flow = v->flow;
  const char *name = pw_flow_get_name (flow);
  const char * const *tags = pw_flow_get_tags (flow);
  GListModel *model;
  guint n;

  if (name == NULL || name[0] == '\0')
    add_problem (v, NULL, "name", _("the flow needs a name"));
  else if (strchr (name, '/') != NULL)
    add_problem (v, NULL, "name", _("a flow name cannot contain “/”"));
  else
    for (const char *p = name; *p != '\0'; p++)
      if (g_ascii_iscntrl (*p))
        {
          add_problem (v, NULL, "name", _("a flow name cannot contain control characters"));
          break;
        }

  for (guint i = 0; tags[i] != NULL; i++)
    if (tags[i][0] == '\0')
      add_problem (v, NULL, "tags", _("a tag cannot be empty"));

  model = pw_flow_get_parameters (flow);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwParameter) parameter = g_list_model_get_item (model, i);
      const char *pname = pw_parameter_get_name (parameter);
      JsonNode *value = pw_parameter_get_default (parameter);
      PwParamType type = pw_parameter_get_param_type (parameter);
      g_autofree char *member = g_strdup_printf ("parameters.%s", pname);

      if (!is_identifier (pname))
        add_problem (v, NULL, member,
                     _("parameter `%s`: a name is letters, digits and underscores, "
                       "and does not start with a digit"), pname);

      if (g_hash_table_contains (v->params, pname))
        add_problem (v, NULL, member, _("parameter `%s` is defined twice"), pname);
      else
        {
          g_hash_table_insert (v->params, (gpointer) pname, parameter);
          g_ptr_array_add (v->param_names, (gpointer) pname);
        }

      if (value != NULL && !pw_param_type_accepts (type, value))
        add_problem (v, NULL, member,
                     _("parameter `%s`: the default must be %s, not %s"),
                     pname, pw_param_type_describe (type), pw_json_node_describe (value));
    }

  if (pw_flow_get_default_retries (flow) < 0)
    add_problem (v, NULL, "defaults.retries", _("`retries` cannot be negative"));
  if (pw_flow_get_default_retry_delay_seconds (flow) < 0)
    add_problem (v, NULL, "defaults.retry_delay_seconds",
                 _("`retry_delay_seconds` cannot be negative"));
  if (pw_flow_get_default_timeout_seconds (flow) < 0)
    add_problem (v, NULL, "defaults.timeout_seconds", _("`timeout_seconds` cannot be negative"));

  model = pw_flow_get_notifications (flow);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwNotificationRule) rule = g_list_model_get_item (model, i);
      const char * const *states = pw_notification_rule_get_states (rule);
      const char *webhook = pw_notification_rule_get_webhook (rule);

      if (states[0] == NULL)
        add_problem (v, NULL, "notifications", _("a notification rule needs at least one state"));

      for (guint k = 0; states[k] != NULL; k++)
        if (!pw_state_is_known (states[k]))
          {
            g_autofree char *hint = did_you_mean (pw_state_suggest (states[k]));

            add_problem (v, NULL, "notifications",
                         _("a notification rule names the unknown state `%s`%s"), states[k], hint);
          }

      if (webhook != NULL)
        {
          g_autofree char *problem = strstr (webhook, "{{") != NULL
            ? g_strdup (_("a webhook cannot use templates"))
            : url_problem (webhook);

          if (problem != NULL)
            add_problem (v, NULL, "notifications", _("notification webhook: %s"), problem);
        }
    }
}

typedef struct
{
  guint         count;
  PwTemplateRef first;
} RefCount;

static gboolean
count_ref (const PwTemplateRef *ref,
           gpointer             user_data)
{
  RefCount *counter = user_data;

  if (counter->count++ == 0)
    counter->first = *ref;

  return TRUE;
}

static void
check_map (Validator *v,
           PwTask    *task)
{
  const char *map = task->map;
  RefCount counter = { 0 };
  gsize begin = 0, end = strlen (map);

  v->in_map = TRUE;
  check_template (v, "map", map);
  v->in_map = FALSE;

  while (begin < end && g_ascii_isspace (map[begin]))
    begin++;
  while (end > begin && g_ascii_isspace (map[end - 1]))
    end--;

  if (begin == end)
    {
      add_problem (v, task->key, "map",
                   _("`map` is empty; leave it out for a task that is not mapped"));
      return;
    }

  if (!pw_template_scan (map, count_ref, &counter, NULL))
    return;

  if (counter.count != 1 || counter.first.start != begin || counter.first.end != end ||
      (counter.first.kind != PW_TEMPLATE_REF_PARAM &&
       counter.first.kind != PW_TEMPLATE_REF_TASK_RESULT))
    add_problem (v, task->key, "map",
                 _("`map` must be one `{{ params.NAME }}` or `{{ tasks.KEY.result }}`, "
                   "the list to fan out over"));
}

static void
check_pairs (Validator  *v,
             PwTask     *task,
             const char *member,
             GStrv       pairs,
             gboolean    is_env)
{
  if (pairs == NULL)
    return;

  for (guint k = 0; pairs[k] != NULL && pairs[k + 1] != NULL; k += 2)
    {
      if (is_env && !is_identifier (pairs[k]))
        add_problem (v, task->key, member,
                     _("`%s` is not a valid environment variable name"), pairs[k]);
      else if (!is_env && !is_header_name (pairs[k]))
        add_problem (v, task->key, member, _("`%s` is not a valid header name"), pairs[k]);

      if (!is_env && strpbrk (pairs[k + 1], "\r\n") != NULL)
        add_problem (v, task->key, member,
                     _("the value of header `%s` cannot span lines"), pairs[k]);

      /* DESIGN.md §2: templates go in arguments, scripts, URLs, headers
       * and bodies. The engine passes variables as they are, so a
       * template there would reach the process unrendered. */
      if (is_env && strstr (pairs[k + 1], "{{") != NULL)
        add_problem (v, task->key, member,
                     _("the value of `%s` cannot use templates; pass the value as an argument, "
                       "or set the variable in the script"), pairs[k]);
      else if (!is_env)
        check_template (v, member, pairs[k + 1]);
    }
}

static void
check_kind (Validator *v,
            PwTask    *task)
{
  static const char * const methods[] = {
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", NULL
  };
  const char *key = task->key;

  switch (task->kind)
    {
    case PW_TASK_KIND_COMMAND:
      if (task->command == NULL)
        add_problem (v, key, "command", _("a command task needs a `command`"));
      else if (task->command[0][0] == '\0')
        add_problem (v, key, "command", _("the program (first element of `command`) is empty"));
      for (guint k = 0; task->command != NULL && task->command[k] != NULL; k++)
        check_template (v, "command", task->command[k]);
      break;

    case PW_TASK_KIND_SHELL:
      if (is_blank_text (task->script))
        add_problem (v, key, "script", _("a shell task needs a `script`"));
      check_template (v, "script", task->script);
      break;

    case PW_TASK_KIND_HTTP:
      {
        const char *method = task->method != NULL ? task->method : PW_TASK_DEFAULT_METHOD;

        if (!g_strv_contains (methods, method))
          add_problem (v, key, "method",
                       _("`%s` is not an HTTP method; use GET, POST, PUT, PATCH, DELETE, "
                         "HEAD or OPTIONS"),
                       method);

        if (task->url == NULL || task->url[0] == '\0')
          add_problem (v, key, "url", _("an http task needs a `url`"));
        else
          {
            g_autofree char *problem = url_problem (task->url);

            if (problem != NULL)
              add_problem (v, key, "url", "%s", problem);
            check_template (v, "url", task->url);
          }

        check_pairs (v, task, "headers", task->headers, FALSE);
        check_template (v, "body", task->body);
      }
      break;

    case PW_TASK_KIND_SUBFLOW:
      if (task->flow_name == NULL || task->flow_name[0] == '\0')
        add_problem (v, key, "flow", _("a subflow task needs a `flow`"));
      else if (g_strcmp0 (task->flow_name, pw_flow_get_name (v->flow)) == 0)
        add_problem (v, key, "flow", _("a flow cannot run itself as a sub-flow"));
      if (task->parameters != NULL && !JSON_NODE_HOLDS_OBJECT (task->parameters))
        add_problem (v, key, "parameters", _("`parameters` must be an object"));
      check_json_templates (v, "parameters", task->parameters);
      break;

    case PW_TASK_KIND_NOOP:
    default:
      break;
    }

  if (task->kind == PW_TASK_KIND_COMMAND || task->kind == PW_TASK_KIND_SHELL)
    {
      check_pairs (v, task, "env", task->env, TRUE);
      if (task->workdir != NULL && task->workdir[0] == '\0')
        add_problem (v, key, "workdir", _("`workdir` is empty; leave it out to use the default"));
      else if (task->workdir != NULL && strstr (task->workdir, "{{") != NULL)
        add_problem (v, key, "workdir", _("`workdir` cannot use templates"));
    }
}

static void
check_task (Validator *v,
            guint      i)
{
  PwTask *task = v->graph->tasks[i];
  const char *key = task->key;
  int first;

  v->task = task;
  v->task_pos = i;

  if (!is_valid_task_key (key))
    add_problem (v, key, "key",
                 _("`%s` is not a valid key: use lowercase letters, digits, “_” and “-”"),
                 key);

  first = pw_flow_graph_lookup (v->graph, key);
  if (first >= 0 && (guint) first != i)
    add_problem (v, key, "key", _("another task already has the key `%s`"), key);

  check_kind (v, task);

  for (guint k = 0; task->after != NULL && task->after[k] != NULL; k++)
    {
      const char *up = task->after[k];

      if (strcmp (up, key) == 0)
        add_problem (v, key, "after", _("a task cannot run after itself"));
      else if (pw_flow_graph_lookup (v->graph, up) < 0)
        {
          g_autofree char *hint = did_you_mean (suggest_key (v, up));

          add_problem (v, key, "after", _("unknown upstream task `%s`%s"), up, hint);
        }

      for (guint l = 0; l < k; l++)
        if (strcmp (task->after[l], up) == 0)
          {
            add_problem (v, key, "after", _("`%s` is listed twice in `after`"), up);
            break;
          }
    }

  if (task->retries < PW_TASK_INHERIT)
    add_problem (v, key, "retries", _("`retries` cannot be negative"));
  if (task->retry_delay_seconds < PW_TASK_INHERIT)
    add_problem (v, key, "retry_delay_seconds", _("`retry_delay_seconds` cannot be negative"));
  if (!isfinite (task->retry_backoff) || task->retry_backoff < 1.0)
    add_problem (v, key, "retry_backoff",
                 _("`retry_backoff` must be 1 or more (1 keeps the same delay)"));
  if (!isfinite (task->retry_jitter) || task->retry_jitter < 0.0 || task->retry_jitter > 1.0)
    add_problem (v, key, "retry_jitter", _("`retry_jitter` must be between 0 and 1"));
  if (task->timeout_seconds < PW_TASK_INHERIT)
    add_problem (v, key, "timeout_seconds", _("`timeout_seconds` cannot be negative"));
  if (task->cache_expiration_seconds < 0)
    add_problem (v, key, "cache.expiration_seconds", _("`expiration_seconds` cannot be negative"));

  for (guint k = 0; task->tags != NULL && task->tags[k] != NULL; k++)
    if (task->tags[k][0] == '\0')
      add_problem (v, key, "tags", _("a tag cannot be empty"));

  if (task->map != NULL)
    check_map (v, task);
}

static void
check_cycles (Validator *v)
{
  g_autoptr(GPtrArray) cycles = NULL;

  if (v->graph->n_order == v->graph->n)
    return;

  cycles = pw_flow_graph_find_cycles (v->graph);
  for (guint c = 0; c < cycles->len; c++)
    {
      GArray *path = g_ptr_array_index (cycles, c);
      g_autofree char *text = NULL;
      guint first = g_array_index (path, guint, 0);

      /* A task after itself was reported with its `after`. */
      if (path->len == 2)
        continue;

      text = pw_flow_graph_format_path (v->graph, path);
      add_problem (v, v->graph->tasks[first]->key, "after",
                   _("these tasks depend on each other in a circle: %s"), text);
    }
}

/**
 * pw_flow_validate:
 * @flow: a #PwFlow
 *
 * Checks everything that would make @flow impossible or surprising to run:
 * task keys (syntax, duplicates), upstream tasks (unknown, repeated,
 * cycles with their path `a → b → c → a`), each kind's members (an empty
 * command or script, a malformed URL or HTTP method, header and variable
 * names), templates (malformed, naming a missing parameter or task, using
 * `{{ tasks.X.result }}` where X is not upstream, `{{ item }}` outside a
 * mapped task), `map`, numbers out of range, parameter names and defaults
 * of the wrong type, and notification rules.
 *
 * Returns: (transfer full) (element-type PwProblem): every problem, in
 *   flow then task order; empty when the flow is valid
 */
GPtrArray *
pw_flow_validate (PwFlow *flow)
{
  Validator v = { NULL };

  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);

  v.flow = flow;
  v.graph = pw_flow_graph_new (flow);
  v.params = g_hash_table_new (g_str_hash, g_str_equal);
  v.param_names = g_ptr_array_new ();
  v.problems = pw_problem_array_new ();
  v.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  check_flow (&v);

  for (guint i = 0; i < v.graph->n; i++)
    check_task (&v, i);

  check_cycles (&v);

  pw_flow_graph_free (v.graph);
  g_hash_table_unref (v.params);
  g_ptr_array_unref (v.param_names);
  g_clear_pointer (&v.task_keys, g_ptr_array_unref);
  g_hash_table_unref (v.seen);

  return v.problems;
}
