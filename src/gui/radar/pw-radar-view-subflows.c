/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-radar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-radar-view-private.h"

/*
 * PwRadarView's sub-flows: a sub-flow node expands inline. The view finds
 * the sub-flow run through the backend (the flow run whose parent task run
 * is the node: pw_backend_list_flow_runs_async() with
 * parent_task_run_id_any), reads its task runs and follows them through
 * the backend's task-run-changed signal. A task run names its sub-flow run
 * in its state only once it has ended, so running task runs are asked
 * about (in batches) to show them as sub-flows while they run.
 */

void
_pw_radar_view_subflow_free (gpointer data)
{
  Subflow *sub = data;

  g_free (sub->task_run_id);
  g_free (sub->child_flow_run_id);
  g_clear_object (&sub->task_runs);
  g_free (sub);
}

Subflow *
_pw_radar_view_ensure_subflow (PwRadarView *self,
                const char  *task_run_id)
{
  Subflow *sub = g_hash_table_lookup (self->subflows, task_run_id);

  if (sub == NULL)
    {
      sub = g_new0 (Subflow, 1);
      sub->task_run_id = g_strdup (task_run_id);
      g_hash_table_insert (self->subflows, sub->task_run_id, sub);
    }
  return sub;
}

typedef struct
{
  PwRadarView *self;
  GStrv        ids;
} Probe;

static void
probe_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Probe *probe = user_data;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  PwRadarView *self = probe->self;
  gboolean found = FALSE;

  runs = pw_backend_list_flow_runs_finish (PW_BACKEND (object), result, &error);
  if (runs != NULL && !g_cancellable_is_cancelled (self->cancellable))
    {
      for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
        {
          g_autoptr(PwFlowRun) run = g_list_model_get_item (runs, i);
          const char *parent = pw_flow_run_get_parent_task_run_id (run);
          Subflow *sub;

          if (parent == NULL)
            continue;
          sub = _pw_radar_view_ensure_subflow (self, parent);
          if (sub->child_flow_run_id == NULL)
            {
              sub->child_flow_run_id = g_strdup (pw_flow_run_get_id (run));
              found = TRUE;
            }
        }
      /* Those without a sub-flow run (yet) are asked again with the next
       * change. */
      for (guint i = 0; probe->ids[i] != NULL; i++)
        if (!g_hash_table_contains (self->subflows, probe->ids[i]))
          g_hash_table_remove (self->probed, probe->ids[i]);
      if (found)
        _pw_radar_view_queue_relayout (self);
    }

  g_strfreev (probe->ids);
  g_object_unref (probe->self);
  g_free (probe);
}

/* Asks the backend which of the running task runs started a sub-flow run
 * (a flow run whose parent task run they are), at most 200 at a time. */
void
_pw_radar_view_probe_subflows (PwRadarView *self)
{
  g_autoptr(PwFlowRunFilter) filter = NULL;
  Probe *probe;
  guint n = MIN (self->to_probe->len, 200);

  if (n == 0 || self->backend == NULL)
    {
      g_ptr_array_set_size (self->to_probe, 0);
      return;
    }

  filter = pw_flow_run_filter_new ();
  filter->parent_task_run_id_any = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      filter->parent_task_run_id_any[i] = g_strdup (g_ptr_array_index (self->to_probe, i));
      g_hash_table_add (self->probed, g_strdup (g_ptr_array_index (self->to_probe, i)));
    }
  g_ptr_array_set_size (self->to_probe, 0);

  probe = g_new0 (Probe, 1);
  probe->self = g_object_ref (self);
  probe->ids = g_strdupv (filter->parent_task_run_id_any);
  pw_backend_list_flow_runs_async (self->backend, filter, PW_FLOW_RUN_SORT_ID_DESC, n, 0,
                                   self->cancellable, probe_done, probe);
}

/* Sub-flows */

static void
child_task_run_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PwRadarView) self = user_data;
  g_autoptr(PwTaskRun) task_run = pw_backend_get_task_run_finish (PW_BACKEND (object), result, NULL);
  GHashTableIter iter;
  gpointer value;

  if (task_run == NULL)
    return;

  g_hash_table_iter_init (&iter, self->subflows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Subflow *sub = value;
      GListModel *model = G_LIST_MODEL (sub->task_runs);

      if (sub->task_runs == NULL ||
          g_strcmp0 (sub->child_flow_run_id, pw_task_run_get_flow_run_id (task_run)) != 0)
        continue;

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(PwTaskRun) known = g_list_model_get_item (model, i);

          if (g_strcmp0 (pw_task_run_get_id (known), pw_task_run_get_id (task_run)) == 0)
            {
              pw_task_run_update_from (known, task_run);
              return;
            }
        }
      g_list_store_append (sub->task_runs, task_run);
      _pw_radar_view_watch_range (self, model, g_list_model_get_n_items (model) - 1, 1);
      _pw_radar_view_queue_relayout (self);
      return;
    }
}

static void
task_run_changed_cb (PwRadarView *self,
                     const char  *flow_run_id,
                     const char  *task_run_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->subflows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Subflow *sub = value;

      if (sub->task_runs != NULL && g_strcmp0 (sub->child_flow_run_id, flow_run_id) == 0)
        {
          pw_backend_get_task_run_async (self->backend, task_run_id, self->cancellable,
                                         child_task_run_cb, g_object_ref (self));
          return;
        }
    }
}

typedef struct
{
  PwRadarView *self;
  char        *task_run_id;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_free (load->task_run_id);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static void
child_task_runs_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) task_runs = pw_backend_list_task_runs_finish (PW_BACKEND (object), result, &error);
  PwRadarView *self = load->self;
  Subflow *sub;

  if (task_runs == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  sub = g_hash_table_lookup (self->subflows, load->task_run_id);
  if (sub == NULL)
    return;

  sub->loading = FALSE;
  if (task_runs == NULL)
    {
      g_debug ("Could not read the task runs of sub-flow run %s: %s", sub->child_flow_run_id, error->message);
      sub->expanded = FALSE;
      _pw_radar_view_queue_relayout (self);
      return;
    }

  sub->task_runs = g_list_store_new (PW_TYPE_TASK_RUN);
  for (guint i = 0; i < g_list_model_get_n_items (task_runs); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (task_runs, i);

      g_list_store_append (sub->task_runs, task_run);
    }
  _pw_radar_view_rewatch (self);
  _pw_radar_view_queue_relayout (self);
}

static void
child_flow_runs_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) runs = pw_backend_list_flow_runs_finish (PW_BACKEND (object), result, &error);
  g_autoptr(PwFlowRun) child = NULL;
  Subflow *sub = g_hash_table_lookup (load->self->subflows, load->task_run_id);
  PwRadarView *self;

  if (runs == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (sub == NULL)
    return;

  if (runs == NULL || g_list_model_get_n_items (runs) == 0)
    {
      if (runs == NULL)
        g_debug ("Could not find the sub-flow run of task run %s: %s", load->task_run_id, error->message);
      sub->loading = FALSE;
      sub->expanded = FALSE;
      _pw_radar_view_queue_relayout (load->self);
      return;
    }

  child = g_list_model_get_item (runs, 0);
  g_free (sub->child_flow_run_id);
  sub->child_flow_run_id = g_strdup (pw_flow_run_get_id (child));
  self = load->self;
  pw_backend_list_task_runs_async (self->backend, sub->child_flow_run_id, self->cancellable,
                                   child_task_runs_cb, g_steal_pointer (&load));
}

/**
 * pw_radar_view_set_subflow_expanded:
 * @task_run_id: a task run that started a sub-flow run
 *
 * Shows the sub-flow run's task runs inline, around the node (reading them
 * through the backend the first time), or hides them again.
 */
void
pw_radar_view_set_subflow_expanded (PwRadarView *self,
                                    const char  *task_run_id,
                                    gboolean     expanded)
{
  Subflow *sub;

  g_return_if_fail (PW_IS_RADAR_VIEW (self));
  g_return_if_fail (task_run_id != NULL);

  sub = _pw_radar_view_ensure_subflow (self, task_run_id);
  if (sub->expanded == expanded)
    return;
  sub->expanded = expanded;

  if (expanded && sub->task_runs == NULL && !sub->loading && self->backend != NULL)
    {
      g_autoptr(PwFlowRunFilter) filter = pw_flow_run_filter_new ();
      Load *load = g_new0 (Load, 1);

      load->self = g_object_ref (self);
      load->task_run_id = g_strdup (task_run_id);
      filter->parent_task_run_id_any = g_new0 (char *, 2);
      filter->parent_task_run_id_any[0] = g_strdup (task_run_id);
      sub->loading = TRUE;
      pw_backend_list_flow_runs_async (self->backend, filter, PW_FLOW_RUN_SORT_ID_DESC, 1, 0,
                                       self->cancellable, child_flow_runs_cb, load);
    }
  _pw_radar_view_queue_relayout (self);
}

gboolean
pw_radar_view_get_subflow_expanded (PwRadarView *self,
                                    const char  *task_run_id)
{
  Subflow *sub;

  g_return_val_if_fail (PW_IS_RADAR_VIEW (self), FALSE);
  sub = task_run_id != NULL ? g_hash_table_lookup (self->subflows, task_run_id) : NULL;
  return sub != NULL && sub->expanded;
}

/**
 * pw_radar_view_get_subflow_loaded:
 *
 * Returns: whether the task runs of the sub-flow run that @task_run_id
 *   started have been read
 */
gboolean
pw_radar_view_get_subflow_loaded (PwRadarView *self,
                                  const char  *task_run_id)
{
  Subflow *sub;

  g_return_val_if_fail (PW_IS_RADAR_VIEW (self), FALSE);
  sub = task_run_id != NULL ? g_hash_table_lookup (self->subflows, task_run_id) : NULL;
  return sub != NULL && sub->task_runs != NULL;
}

/**
 * pw_radar_view_set_backend:
 * @backend: (nullable): where sub-flow runs are read from
 */
void
pw_radar_view_set_backend (PwRadarView *self,
                           PwBackend   *backend)
{
  g_return_if_fail (PW_IS_RADAR_VIEW (self));

  if (self->backend == backend)
    return;
  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_func (self->backend, task_run_changed_cb, self);
  g_set_object (&self->backend, backend);
  if (backend != NULL)
    g_signal_connect_object (backend, "task-run-changed", G_CALLBACK (task_run_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

