/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-clipboard"

#include "config.h"

#include <string.h>

#include "pw-dag-clipboard.h"
#include "pw-flow-file.h"
#include "pw-template.h"

/*
 * Copy and paste of tasks, without GTK: what goes on the clipboard and what
 * comes back from it. Copied tasks travel as a flow file (the copied tasks,
 * their edges among themselves, and the source flow's parameters so that
 * their templates still make sense), which any text editor can read.
 *
 * Pasting makes new tasks: every key that is taken in the target flow gets
 * a suffix (`train` → `train_2`, `train_2` → `train_3`), and the pasted
 * tasks' `after` lists and `{{ tasks.KEY.result }}` templates follow the
 * new keys. Edges to tasks that were not copied are dropped.
 */

/**
 * pw_dag_clipboard_subset:
 * @flow: the source flow
 * @tasks: (array length=n_tasks): tasks of @flow
 * @n_tasks: how many
 *
 * Returns: (transfer full): a new flow named like @flow, with its
 *   parameters and copies of @tasks whose `after` lists only name tasks
 *   among them
 */
PwFlow *
pw_dag_clipboard_subset (PwFlow  *flow,
                         PwTask **tasks,
                         guint    n_tasks)
{
  PwFlow *clip;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *params;

  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);

  clip = pw_flow_new (pw_flow_get_name (flow));
  params = pw_flow_get_parameters (flow);
  for (guint i = 0; i < g_list_model_get_n_items (params); i++)
    {
      g_autoptr(PwParameter) parameter = g_list_model_get_item (params, i);
      g_autoptr(PwParameter) copy = pw_parameter_copy (parameter);

      pw_flow_add_parameter (clip, copy);
    }

  for (guint i = 0; i < n_tasks; i++)
    g_hash_table_add (keys, (gpointer) pw_task_get_key (tasks[i]));

  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(PwTask) copy = pw_task_copy (tasks[i]);
      const char * const *after = pw_task_get_after (tasks[i]);
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();

      for (guint k = 0; after[k] != NULL; k++)
        if (g_hash_table_contains (keys, after[k]))
          g_ptr_array_add (kept, (gpointer) after[k]);
      g_ptr_array_add (kept, NULL);

      pw_task_set_after (copy, (const char * const *) kept->pdata);
      pw_flow_add_task (clip, copy);
    }

  return clip;
}

/**
 * pw_dag_clipboard_to_text:
 * @clip: a flow made by pw_dag_clipboard_subset()
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): @clip as a flow file
 */
char *
pw_dag_clipboard_to_text (PwFlow *clip,
                          gsize  *length)
{
  return pw_flow_file_to_data (clip, length);
}

/**
 * pw_dag_clipboard_from_text:
 * @text: clipboard text
 * @length: its length, or -1 if nul-terminated
 * @error: return location for a #GError
 *
 * Reads tasks pasted from outside this process (from another program, or
 * a flow file copied in a text editor). The text must be a valid flow
 * file; a flow with problems is refused with all of them listed.
 *
 * Returns: (transfer full) (nullable): the flow, or %NULL with @error
 */
PwFlow *
pw_dag_clipboard_from_text (const char  *text,
                            gsize        length,
                            GError     **error)
{
  if (length == (gsize) -1)
    length = strlen (text);

  return pw_flow_file_load_data (text, length, NULL, NULL, error);
}

/* The numeric suffix of `base_N`, and where it starts, or 0. */
static guint
key_suffix (const char *key,
            gsize      *stem_len)
{
  const char *underscore = strrchr (key, '_');
  guint64 n;
  char *end;

  *stem_len = strlen (key);
  if (underscore == NULL || underscore[1] == '\0' || underscore == key)
    return 0;

  n = g_ascii_strtoull (underscore + 1, &end, 10);
  if (*end != '\0' || n == 0 || n > G_MAXUINT / 2 || underscore[1] == '0')
    return 0;

  *stem_len = underscore - key;
  return (guint) n;
}

/**
 * pw_dag_unique_key:
 * @flow: the flow the key must be new in
 * @taken: (nullable) (element-type utf8): more keys to avoid (those of
 *   tasks being pasted); the new key is added to it
 * @base: the key wanted
 *
 * Returns: (transfer full): @base if it is free, else the stem of @base
 *   with the smallest free suffix from 2 (`train_2`, or `train_3` for
 *   `train_2`)
 */
char *
pw_dag_unique_key (PwFlow     *flow,
                   GHashTable *taken,
                   const char *base)
{
  g_autofree char *stem = NULL;
  gsize stem_len;
  guint n;
  char *key = NULL;

  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);
  g_return_val_if_fail (base != NULL, NULL);

  if (pw_flow_get_task (flow, base) == NULL && (taken == NULL || !g_hash_table_contains (taken, base)))
    key = g_strdup (base);
  else
    {
      n = MAX (key_suffix (base, &stem_len), 1);
      stem = g_strndup (base, stem_len);

      for (n = n + 1;; n++)
        {
          key = g_strdup_printf ("%s_%u", stem, n);
          if (pw_flow_get_task (flow, key) == NULL && (taken == NULL || !g_hash_table_contains (taken, key)))
            break;
          g_free (key);
        }
    }

  if (taken != NULL)
    g_hash_table_add (taken, g_strdup (key));

  return key;
}

typedef struct
{
  GHashTable *renamed;
  GArray     *refs;
} Rewrite;

typedef struct
{
  gsize       start;
  gsize       end;
  const char *key;
} Ref;

static gboolean
collect_ref (const PwTemplateRef *ref,
             gpointer             user_data)
{
  Rewrite *r = user_data;
  const char *key;

  if (ref->kind != PW_TEMPLATE_REF_TASK_RESULT)
    return TRUE;

  key = g_hash_table_lookup (r->renamed, ref->name);
  if (key != NULL)
    {
      Ref found = { ref->start, ref->end, key };
      g_array_append_val (r->refs, found);
    }

  return TRUE;
}

/**
 * pw_dag_rewrite_task_refs:
 * @text: (nullable): a text with templates
 * @renamed: (element-type utf8 utf8): new keys by old key
 *
 * Returns: (transfer full) (nullable): @text with every
 *   `{{ tasks.OLD.result }}` whose OLD was renamed naming the new key; a
 *   text whose templates do not parse is returned as it is
 */
char *
pw_dag_rewrite_task_refs (const char *text,
                          GHashTable *renamed)
{
  g_autoptr(GArray) refs = NULL;
  GString *out;
  Rewrite r;
  gsize at = 0;

  if (text == NULL || !pw_template_has_refs (text))
    return g_strdup (text);

  refs = g_array_new (FALSE, FALSE, sizeof (Ref));
  r = (Rewrite) { renamed, refs };
  if (!pw_template_scan (text, collect_ref, &r, NULL) || refs->len == 0)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (guint i = 0; i < refs->len; i++)
    {
      Ref *ref = &g_array_index (refs, Ref, i);

      g_string_append_len (out, text + at, ref->start - at);
      g_string_append_printf (out, "{{ tasks.%s.result }}", ref->key);
      at = ref->end;
    }
  g_string_append (out, text + at);

  return g_string_free (out, FALSE);
}

static GStrv
rewrite_strv (const char * const *strv,
              GHashTable         *renamed)
{
  guint n = g_strv_length ((char **) strv);
  GStrv out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    out[i] = pw_dag_rewrite_task_refs (strv[i], renamed);
  return out;
}

/* The subflow parameters: a JSON object of strings (and other values). */
static JsonNode *
rewrite_json (JsonNode   *node,
              GHashTable *renamed)
{
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = pw_dag_rewrite_task_refs (json_node_get_string (node), renamed);
      JsonNode *copy = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (copy, text);
      return copy;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(JsonObject) out = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      JsonNode *copy = json_node_new (JSON_NODE_OBJECT);

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (out, name, rewrite_json (member, renamed));
      json_node_set_object (copy, out);
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) out = json_array_new ();
      JsonNode *copy = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (out, rewrite_json (json_array_get_element (array, i), renamed));
      json_node_set_array (copy, out);
      return copy;
    }

  return json_node_copy (node);
}

static void
rewrite_templates (PwTask     *task,
                   GHashTable *renamed)
{
  g_auto(GStrv) command = rewrite_strv (pw_task_get_command (task), renamed);
  g_auto(GStrv) headers = rewrite_strv (pw_task_get_headers (task), renamed);
  g_autofree char *script = pw_dag_rewrite_task_refs (pw_task_get_script (task), renamed);
  g_autofree char *url = pw_dag_rewrite_task_refs (pw_task_get_url (task), renamed);
  g_autofree char *body = pw_dag_rewrite_task_refs (pw_task_get_body (task), renamed);
  g_autofree char *map = pw_dag_rewrite_task_refs (pw_task_get_map (task), renamed);
  JsonNode *parameters = rewrite_json (pw_task_get_parameters (task), renamed);

  pw_task_set_command (task, (const char * const *) command);
  pw_task_set_headers (task, (const char * const *) headers);
  pw_task_set_script (task, script);
  pw_task_set_url (task, url);
  pw_task_set_body (task, body);
  pw_task_set_map (task, map);
  pw_task_set_parameters (task, parameters);
  if (parameters != NULL)
    json_node_unref (parameters);
}

/**
 * pw_dag_clipboard_prepare_paste:
 * @target: the flow to paste into
 * @clip: the copied tasks (pw_dag_clipboard_subset() or
 *   pw_dag_clipboard_from_text())
 * @dx: how far to move the tasks in x
 * @dy: how far to move them in y
 *
 * Makes the tasks to paste: copies of @clip's tasks with keys that are new
 * in @target, their `after` lists and task templates renamed alike (edges
 * to tasks not in @clip dropped), moved by (@dx, @dy).
 *
 * Returns: (transfer full) (element-type PwTask): the new tasks, in
 *   @clip's order, belonging to no flow
 */
GPtrArray *
pw_dag_clipboard_prepare_paste (PwFlow *target,
                                PwFlow *clip,
                                double  dx,
                                double  dy)
{
  GPtrArray *tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GListModel *model;
  guint n;

  g_return_val_if_fail (PW_IS_FLOW (target), NULL);
  g_return_val_if_fail (PW_IS_FLOW (clip), NULL);

  model = pw_flow_get_tasks (clip);
  n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwTask) task = g_list_model_get_item (model, i);
      char *key = pw_dag_unique_key (target, taken, pw_task_get_key (task));

      g_hash_table_replace (renamed, g_strdup (pw_task_get_key (task)), key);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwTask) task = g_list_model_get_item (model, i);
      PwTask *copy = pw_task_copy (task);
      const char * const *after = pw_task_get_after (task);
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();

      for (guint k = 0; after[k] != NULL; k++)
        {
          const char *key = g_hash_table_lookup (renamed, after[k]);

          if (key != NULL)
            g_ptr_array_add (kept, (gpointer) key);
        }
      g_ptr_array_add (kept, NULL);

      pw_task_set_key (copy, g_hash_table_lookup (renamed, pw_task_get_key (task)));
      pw_task_set_after (copy, (const char * const *) kept->pdata);
      rewrite_templates (copy, renamed);
      pw_task_set_position (copy, pw_task_get_x (task) + dx, pw_task_get_y (task) + dy);
      g_ptr_array_add (tasks, copy);
    }

  return tasks;
}
