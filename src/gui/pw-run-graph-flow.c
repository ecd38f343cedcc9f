/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-run-graph-flow.h"
#include "pw-task-run.h"

/*
 * The graph of a run whose flow definition cannot be read: a Prefect
 * server keeps none (its flows are Python code), and a flow may have been
 * deleted since it ran. The run's task runs still say what they waited for
 * (their task inputs: every parameter's list of {"input_type": "task_run",
 * "id": …}, and "wait_for"), which is the graph Prefect's
 * /flow_runs/{id}/graph gives. One task per task key, in the order the
 * task runs came; a mapped task's runs share their key and so make one
 * node, as they do for a flow Pipewright ran.
 */

/* A task run's name without the "-N" Prefect appends to each run. */
static char *
display_name (PwTaskRun *task_run)
{
  const char *name = pw_task_run_get_name (task_run);
  const char *dash;

  if (name == NULL || *name == '\0')
    return g_strdup (pw_task_run_get_task_key (task_run));
  dash = strrchr (name, '-');
  if (dash != NULL && dash != name && dash[1] != '\0' &&
      strspn (dash + 1, "0123456789") == strlen (dash + 1))
    return g_strndup (name, dash - name);
  return g_strdup (name);
}

/**
 * pw_run_graph_flow_new:
 * @flow_name: the name to give the flow
 * @task_runs: a #GListModel of #PwTaskRun: one flow run's
 *
 * Returns: (transfer full): a flow of no-op tasks, one per task key, each
 *   after the tasks whose runs its runs took as inputs; its tasks have no
 *   positions, so the canvas lays it out
 */
PwFlow *
pw_run_graph_flow_new (const char *flow_name,
                       GListModel *task_runs)
{
  PwFlow *flow = pw_flow_new (flow_name != NULL ? flow_name : "run");
  g_autoptr(GHashTable) key_of_run = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) upstreams = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);  /* key → ids */
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n = g_list_model_get_n_items (task_runs);

  g_return_val_if_fail (G_IS_LIST_MODEL (task_runs), flow);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (task_runs, i);
      const char *key = pw_task_run_get_task_key (task_run);

      if (key == NULL || *key == '\0')
        continue;
      g_hash_table_insert (key_of_run, (char *) pw_task_run_get_id (task_run), (char *) key);
      if (!g_hash_table_contains (upstreams, key))
        {
          g_hash_table_insert (upstreams, (char *) key, g_ptr_array_new_with_free_func (g_free));
          g_hash_table_insert (names, (char *) key, display_name (task_run));
          g_ptr_array_add (keys, (char *) key);
        }
      {
        const char * const *ids = pw_task_run_get_upstream_ids (task_run);
        GPtrArray *key_ids = g_hash_table_lookup (upstreams, key);

        for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
          g_ptr_array_add (key_ids, g_strdup (ids[j]));
      }
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      GPtrArray *ids = g_hash_table_lookup (upstreams, key);
      g_autoptr(PwTask) task = pw_task_new (key, PW_TASK_KIND_NOOP);
      g_autoptr(GStrvBuilder) after = g_strv_builder_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_auto(GStrv) strv = NULL;

      for (guint j = 0; j < ids->len; j++)
        {
          const char *upstream = g_hash_table_lookup (key_of_run, ids->pdata[j]);

          /* Runs of tasks outside this run (a parent's), and a mapped
           * task's runs feeding each other, are left out. */
          if (upstream == NULL || g_strcmp0 (upstream, key) == 0 || !g_hash_table_add (seen, (char *) upstream))
            continue;
          g_strv_builder_add (after, upstream);
        }
      strv = g_strv_builder_end (after);
      pw_task_set_name (task, g_hash_table_lookup (names, key));
      pw_task_set_after (task, (const char * const *) strv);
      pw_flow_add_task (flow, task);
    }

  return flow;
}
