/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-engine-private.h"
#include "pw-flow-file.h"

/*
 * New runs: a run of a flow by name, a plain retry of a finished run, and a
 * retry from failed. A retry from failed remembers the run it retries in
 * the details of its Pending state (`{"retry_of": ID, "from_failed":
 * true}`), so that whichever engine starts it (this process, an agent)
 * finds what to reuse.
 */

static gboolean
store_error_to_engine (GError **error)
{
  if (error != NULL && *error != NULL &&
      g_error_matches (*error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
    {
      GError *wrapped = g_error_new_literal (PW_ENGINE_ERROR, PW_ENGINE_ERROR_NOT_FOUND,
                                             (*error)->message);

      g_clear_error (error);
      *error = wrapped;
    }
  return FALSE;
}

/**
 * pw_engine_create_flow_run:
 * @self: a #PwEngine
 * @flow_name: a flow in the store
 * @version: its version, or 0 for the latest
 * @parameters: (nullable): the run's parameters, a JSON object
 * @error: return location for a #GError
 *
 * Creates a PENDING run, ready for pw_engine_start_flow_run_async().
 *
 * Returns: (transfer full): the new run, or %NULL with @error set
 */
PwFlowRun *
pw_engine_create_flow_run (PwEngine    *self,
                           const char  *flow_name,
                           guint        version,
                           const char  *parameters,
                           GError     **error)
{
  g_autoptr(PwFlowRun) request = NULL;
  PwFlowRun *created;

  g_return_val_if_fail (PW_IS_ENGINE (self), NULL);
  g_return_val_if_fail (flow_name != NULL, NULL);

  request = pw_flow_run_new ();
  pw_flow_run_set_flow_name (request, flow_name);
  pw_flow_run_set_flow_version (request, version);
  pw_flow_run_set_parameters (request, parameters);

  created = pw_store_create_flow_run (self->store, request, NULL, NULL, error);
  if (created == NULL)
    store_error_to_engine (error);
  return created;
}

/**
 * pw_engine_load_flow_version:
 * @self: a #PwEngine
 * @flow_run_id: a flow run
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the version of the flow @flow_run_id runs, as
 *   stored, or %NULL with @error set
 */
PwFlow *
pw_engine_load_flow_version (PwEngine    *self,
                             const char  *flow_run_id,
                             GError     **error)
{
  g_autoptr(PwFlowRun) flow_run = NULL;
  g_autofree char *document = NULL;
  g_autofree char *origin = NULL;
  guint version = 0;

  g_return_val_if_fail (PW_IS_ENGINE (self), NULL);

  flow_run = pw_store_get_flow_run (self->store, flow_run_id, error);
  if (flow_run == NULL)
    {
      store_error_to_engine (error);
      return NULL;
    }

  document = pw_store_get_flow_document (self->store, pw_flow_run_get_flow_name (flow_run),
                                         pw_flow_run_get_flow_version (flow_run), &version, error);
  if (document == NULL)
    {
      store_error_to_engine (error);
      return NULL;
    }

  origin = g_strdup_printf ("%s (version %u)", pw_flow_run_get_flow_name (flow_run), version);
  return pw_flow_file_load_data (document, strlen (document), origin, NULL, error);
}

/**
 * pw_engine_create_retry_run:
 * @self: a #PwEngine
 * @flow_run_id: a finished flow run
 * @from_failed: whether the new run reuses what completed in the old one
 * @error: return location for a #GError
 *
 * Creates a PENDING run of the same flow version, parameters and tags as
 * @flow_run_id. With @from_failed, when it runs, every task that completed
 * in the old run (and whose upstream tasks did too) is not run again: its
 * task runs become Cached with the old results.
 *
 * Returns: (transfer full): the new run, or %NULL with @error set
 */
PwFlowRun *
pw_engine_create_retry_run (PwEngine    *self,
                            const char  *flow_run_id,
                            gboolean     from_failed,
                            GError     **error)
{
  g_autoptr(PwFlowRun) old = NULL;
  g_autoptr(PwFlowRun) request = NULL;
  g_autoptr(PwState) state = NULL;
  g_autofree char *message = NULL;
  g_autofree char *details = NULL;
  PwFlowRun *created;

  g_return_val_if_fail (PW_IS_ENGINE (self), NULL);
  g_return_val_if_fail (flow_run_id != NULL, NULL);

  old = pw_store_get_flow_run (self->store, flow_run_id, error);
  if (old == NULL)
    {
      store_error_to_engine (error);
      return NULL;
    }
  if (!pw_state_type_is_terminal (pw_flow_run_get_state_type (old)))
    {
      g_set_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID,
                   _("Flow run “%s” is %s; only a finished run can be retried"),
                   pw_flow_run_get_name (old), pw_flow_run_get_state_name (old));
      return NULL;
    }

  request = pw_flow_run_new ();
  pw_flow_run_set_flow_id (request, pw_flow_run_get_flow_id (old));
  pw_flow_run_set_flow_version (request, pw_flow_run_get_flow_version (old));
  pw_flow_run_set_parameters (request, pw_flow_run_get_parameters (old));
  pw_flow_run_set_tags (request, pw_flow_run_get_tags (old));
  pw_flow_run_set_deployment_id (request, pw_flow_run_get_deployment_id (old));

  if (from_failed)
    message = g_strdup_printf (_("Retry from failed of flow run “%s”"), pw_flow_run_get_name (old));
  else
    message = g_strdup_printf (_("Retry of flow run “%s”"), pw_flow_run_get_name (old));
  details = g_strdup_printf ("{\"retry_of\":\"%s\",\"from_failed\":%s}",
                             pw_flow_run_get_id (old), from_failed ? "true" : "false");
  state = pw_state_new (PW_STATE_TYPE_PENDING, NULL, message);
  pw_state_set_details (state, details);

  created = pw_store_create_flow_run (self->store, request, state, NULL, error);
  if (created == NULL)
    store_error_to_engine (error);
  return created;
}

static gboolean
parse_retry_of (const char  *details,
                char       **out_old_id)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (details == NULL)
    return FALSE;
  root = json_from_string (details, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  if (!json_object_get_boolean_member_with_default (object, "from_failed", FALSE))
    return FALSE;
  if (json_object_get_string_member_with_default (object, "retry_of", NULL) == NULL)
    return FALSE;

  *out_old_id = g_strdup (json_object_get_string_member (object, "retry_of"));
  return TRUE;
}

/**
 * pw_engine_retry_prepare:
 * @run: a run about to start
 * @error: return location for a #GError
 *
 * If @run is a retry from failed, works out which tasks it reuses: those
 * whose every task run completed in the old run and whose upstream tasks
 * are reused too (a task downstream of one that runs again runs again).
 *
 * Returns: %FALSE with @error set if the old run cannot be read
 */
gboolean
pw_engine_retry_prepare (PwEngineRun  *run,
                         GError      **error)
{
  PwEngine *engine = run->engine;
  PwState *state = pw_flow_run_get_state (run->flow_run);
  PwFlowGraph *graph = run->graph;
  g_autoptr(GPtrArray) old_runs = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GHashTable) broken = NULL;
  g_autofree gboolean *reusable = NULL;
  g_autofree char *old_id = NULL;

  if (state == NULL || !parse_retry_of (pw_state_get_details (state), &old_id))
    return TRUE;

  old_runs = pw_store_engine_list_task_runs (engine->store, old_id, error);
  if (old_runs == NULL)
    return FALSE;

  /* task key → its old task runs' results by dynamic key; a key with a
   * task run that did not complete is left out for good. */
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify)g_ptr_array_unref);
  counts = g_hash_table_new (g_str_hash, g_str_equal);
  broken = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < old_runs->len; i++)
    {
      PwTaskRun *old = g_ptr_array_index (old_runs, i);
      const char *key = pw_task_run_get_task_key (old);
      guint64 index = 0;
      GPtrArray *results;

      if (g_hash_table_contains (broken, key))
        continue;

      if (pw_task_run_get_state_type (old) != PW_STATE_TYPE_COMPLETED ||
          pw_task_run_get_result_truncated (old) ||
          !g_ascii_string_to_unsigned (pw_task_run_get_dynamic_key (old), 10, 0, G_MAXUINT,
                                       &index, NULL))
        {
          g_hash_table_add (broken, (gpointer)key);
          continue;
        }

      results = g_hash_table_lookup (by_key, key);
      if (results == NULL)
        {
          results = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_key, g_strdup (key), results);
        }
      if (index >= results->len)
        g_ptr_array_set_size (results, index + 1);
      g_free (results->pdata[index]);
      results->pdata[index] = g_strdup (pw_task_run_get_result (old));
      g_hash_table_insert (counts, (gpointer)key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
    }

  reusable = g_new0 (gboolean, graph->n);
  run->reuse = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)g_ptr_array_unref);
  for (guint o = 0; o < graph->n_order; o++)
    {
      guint i = graph->order[o];
      const char *key = pw_task_get_key (graph->tasks[i]);
      GPtrArray *results = g_hash_table_lookup (by_key, key);
      gboolean ok = results != NULL && !g_hash_table_contains (broken, key) &&
                    GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) == results->len;

      for (guint u = graph->up_off[i]; ok && u < graph->up_off[i + 1]; u++)
        ok = reusable[graph->up[u]];

      reusable[i] = ok;
      if (ok)
        g_hash_table_insert (run->reuse, g_strdup (key), g_ptr_array_ref (results));
    }

  run->reused_from = g_steal_pointer (&old_id);
  return TRUE;
}
