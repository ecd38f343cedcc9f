/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-radar-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pw-radar-export.h"
#include "pw-radar-view-private.h"

/*
 * PwRadarView: a flow run as Prefect 2's radar. The run at the centre, its
 * task runs on rings by upstream depth, edges in the source's state
 * colour. It follows its task-run model live (items-changed, and notify on
 * each task run, which the run view updates in place) and lays out again
 * in an idle (the layout is deterministic, so nodes keep their places).
 * A sub-flow node expands inline: the view reads the child run through the
 * backend (the flow run whose parent task run is the node, then its task
 * runs) and adds them as nodes hanging off the sub-flow node; it follows
 * them through the backend's task-run-changed signal.
 *
 * Drawing: the whole visible radar is painted with cairo into one render
 * node, kept until the view, the layout, the hover or the selection
 * change; the minimap is painted on top each frame (it is small). The
 * painter's level-of-detail rules are at the top of pw-radar-paint.c.
 */

enum {
  TASK_RUN_ACTIVATED,
  LAYOUT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PwRadarView, pw_radar_view, GTK_TYPE_WIDGET)

static char *
child_flow_run_id (PwTaskRun *task_run)
{
  PwState *state = pw_task_run_get_state (task_run);
  const char *details = state != NULL ? pw_state_get_details (state) : NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (details == NULL || g_strstr_len (details, -1, "child_flow_run_id") == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, details, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "child_flow_run_id", NULL));
}

static char *
describe (PwTaskRun *task_run)
{
  double seconds = pw_task_run_get_total_run_time (task_run);
  const char *state = pw_task_run_get_state_name (task_run);

  if (seconds <= 0)
    return g_strdup (state);
  if (seconds < 60)
    /* Translators: a task run's state and how long it ran */
    return g_strdup_printf (_("%s · %.1f s"), state, seconds);
  /* Translators: a task run's state and how long it ran */
  return g_strdup_printf (_("%s · %u min %u s"), state, (guint)(seconds / 60), (guint)fmod (seconds, 60));
}

/* Layout */

static void
add_task_runs (PwRadarView   *self,
               PwRadarLayout *layout,
               GListModel    *task_runs,
               const char    *parent_id,
               GHashTable    *known);

static void
collect_ids (PwRadarView *self,
             GListModel  *task_runs,
             GHashTable  *known)
{
  for (guint i = 0; i < g_list_model_get_n_items (task_runs); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (task_runs, i);
      Subflow *sub = g_hash_table_lookup (self->subflows, pw_task_run_get_id (task_run));

      g_hash_table_add (known, (gpointer)pw_task_run_get_id (task_run));
      if (sub != NULL && sub->expanded && sub->task_runs != NULL)
        collect_ids (self, G_LIST_MODEL (sub->task_runs), known);
    }
}

static void
add_task_runs (PwRadarView   *self,
               PwRadarLayout *layout,
               GListModel    *task_runs,
               const char    *parent_id,
               GHashTable    *known)
{
  for (guint i = 0; i < g_list_model_get_n_items (task_runs); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (task_runs, i);
      const char *id = pw_task_run_get_id (task_run);
      const char * const *up = pw_task_run_get_upstream_ids (task_run);
      g_autofree char *child = child_flow_run_id (task_run);
      g_autofree char *detail = describe (task_run);
      Subflow *sub = g_hash_table_lookup (self->subflows, id);
      gboolean has_known = FALSE;
      const char *parent_only[] = { parent_id, NULL };

      if (id == NULL)
        continue;
      if (child == NULL && sub != NULL && sub->child_flow_run_id != NULL)
        child = g_strdup (sub->child_flow_run_id);
      /* Only a task run that has ended names its sub-flow run in its
       * state: a running one is asked about (see probe_subflows()). */
      if (child == NULL && pw_task_run_get_state_type (task_run) == PW_STATE_TYPE_RUNNING &&
          !g_hash_table_contains (self->probed, id))
        g_ptr_array_add (self->to_probe, g_strdup (id));

      for (guint k = 0; up != NULL && up[k] != NULL; k++)
        has_known |= g_hash_table_contains (known, up[k]);

      /* A duplicate (the same task run twice in the model) is skipped. */
      if (!pw_radar_layout_add_node (layout, id, pw_task_run_get_name (task_run),
                                     pw_task_run_get_state_type (task_run), child,
                                     has_known || parent_id == NULL ? up : parent_only,
                                     NULL))
        continue;
      pw_radar_layout_set_detail (layout, layout->n_nodes - 1, detail);

      if (sub != NULL && sub->expanded)
        {
          layout->nodes[layout->n_nodes - 1].expanded = TRUE;
          if (sub->task_runs != NULL)
            add_task_runs (self, layout, G_LIST_MODEL (sub->task_runs), id, known);
        }
    }
}

static void
relayout (PwRadarView *self)
{
  g_autoptr(PwRadarLayout) layout = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  g_clear_pointer (&self->error, g_free);
  if (self->flow_run == NULL)
    {
      g_clear_pointer (&self->layout, pw_radar_layout_free);
      g_clear_pointer (&self->selected_mask, g_free);
      _pw_radar_view_invalidate (self);
      return;
    }

  layout = pw_radar_layout_new (pw_flow_run_get_id (self->flow_run), pw_flow_run_get_name (self->flow_run),
                                pw_flow_run_get_state_type (self->flow_run));
  pw_radar_layout_set_detail (layout, 0, pw_flow_run_get_flow_name (self->flow_run));

  if (self->task_runs != NULL)
    {
      known = g_hash_table_new (g_str_hash, g_str_equal);
      collect_ids (self, self->task_runs, known);
      /* Top-level task runs hang off the root (parent NULL). */
      add_task_runs (self, layout, self->task_runs, NULL, known);
    }

  g_hash_table_iter_init (&iter, self->collapsed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    pw_radar_layout_set_collapsed (layout, key, TRUE);
  g_hash_table_iter_init (&iter, self->expanded_rings);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    pw_radar_layout_set_ring_expanded (layout, GPOINTER_TO_UINT (key) - 1, TRUE);

  if (!pw_radar_layout_compute (layout, &error))
    self->error = g_strdup (error->message);
  _pw_radar_view_probe_subflows (self);

  g_clear_pointer (&self->layout, pw_radar_layout_free);
  self->layout = g_steal_pointer (&layout);

  g_free (self->selected_mask);
  self->selected_mask = g_new0 (guint8, self->layout->n_nodes);
  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int i = pw_radar_layout_lookup (self->layout, key);

      if (i >= 0)
        self->selected_mask[i] = 1;
    }
  self->hover = -1;

  if (self->fitted)
    pw_radar_view_zoom_to_fit (self);
  _pw_radar_view_invalidate (self);
  g_signal_emit (self, signals[LAYOUT_CHANGED], 0);
}

static gboolean
relayout_cb (gpointer data)
{
  PwRadarView *self = data;

  self->relayout_id = 0;
  relayout (self);
  return G_SOURCE_REMOVE;
}

static void
queue_relayout (PwRadarView *self)
{
  _pw_radar_view_queue_relayout (self);
}

void
_pw_radar_view_queue_relayout (PwRadarView *self)
{
  if (self->relayout_id == 0)
    self->relayout_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, relayout_cb, self, NULL);
}

/**
 * pw_radar_view_get_layout:
 *
 * Lays out now any change still waiting for the idle.
 *
 * Returns: (transfer none) (nullable): the radar as drawn
 */
PwRadarLayout *
pw_radar_view_get_layout (PwRadarView *self)
{
  g_return_val_if_fail (PW_IS_RADAR_VIEW (self), NULL);

  if (self->relayout_id != 0)
    {
      g_clear_handle_id (&self->relayout_id, g_source_remove);
      relayout (self);
    }
  return self->layout;
}

/**
 * pw_radar_view_get_error:
 *
 * Returns: (nullable): why the radar cannot be drawn (a cycle), or %NULL
 */
const char *
pw_radar_view_get_error (PwRadarView *self)
{
  g_return_val_if_fail (PW_IS_RADAR_VIEW (self), NULL);
  pw_radar_view_get_layout (self);
  return self->error;
}

/* Model */

static void
unwatch_all (PwRadarView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_signal_handlers_disconnect_by_data (key, self);
  g_hash_table_remove_all (self->watched);
}

void
_pw_radar_view_watch_range (PwRadarView *self,
             GListModel  *model,
             guint        position,
             guint        n)
{
  for (guint i = position; i < position + n; i++)
    {
      PwTaskRun *task_run = g_list_model_get_item (model, i);

      if (task_run == NULL || g_hash_table_contains (self->watched, task_run))
        {
          g_clear_object (&task_run);
          continue;
        }
      g_signal_connect_swapped (task_run, "notify", G_CALLBACK (queue_relayout), self);
      g_hash_table_add (self->watched, task_run);
    }
}

void
_pw_radar_view_rewatch (PwRadarView *self)
{
  GHashTableIter iter;
  gpointer value;

  unwatch_all (self);
  if (self->task_runs != NULL)
    _pw_radar_view_watch_range (self, self->task_runs, 0, g_list_model_get_n_items (self->task_runs));
  g_hash_table_iter_init (&iter, self->subflows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Subflow *sub = value;

      if (sub->task_runs != NULL)
        _pw_radar_view_watch_range (self, G_LIST_MODEL (sub->task_runs), 0, g_list_model_get_n_items (G_LIST_MODEL (sub->task_runs)));
    }
}

/* Appends (the usual change while a run goes on) watch only what came; a
 * removal starts again, as the removed items are gone from the model. */
static void
items_changed_cb (PwRadarView *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *model)
{
  if (removed > 0)
    _pw_radar_view_rewatch (self);
  else
    _pw_radar_view_watch_range (self, model, position, added);
  queue_relayout (self);
}

/**
 * pw_radar_view_set_task_runs:
 * @task_runs: (nullable): a #GListModel of #PwTaskRun, followed live
 */
void
pw_radar_view_set_task_runs (PwRadarView *self,
                             GListModel  *task_runs)
{
  g_return_if_fail (PW_IS_RADAR_VIEW (self));
  g_return_if_fail (task_runs == NULL || G_IS_LIST_MODEL (task_runs));

  if (self->task_runs == task_runs)
    return;

  if (self->task_runs != NULL)
    g_signal_handlers_disconnect_by_func (self->task_runs, items_changed_cb, self);
  g_set_object (&self->task_runs, task_runs);
  if (task_runs != NULL)
    g_signal_connect_object (task_runs, "items-changed", G_CALLBACK (items_changed_cb),
                             self, G_CONNECT_SWAPPED);
  _pw_radar_view_rewatch (self);
  queue_relayout (self);
}

/**
 * pw_radar_view_set_flow_run:
 * @flow_run: (nullable): the run at the centre
 */
void
pw_radar_view_set_flow_run (PwRadarView *self,
                            PwFlowRun   *flow_run)
{
  g_return_if_fail (PW_IS_RADAR_VIEW (self));

  if (self->flow_run == flow_run)
    return;

  if (self->flow_run != NULL)
    g_signal_handlers_disconnect_by_func (self->flow_run, queue_relayout, self);
  if (flow_run == NULL || self->flow_run == NULL ||
      g_strcmp0 (pw_flow_run_get_id (flow_run), pw_flow_run_get_id (self->flow_run)) != 0)
    {
      /* Another run: start again, fitted, as the original did. */
      g_hash_table_remove_all (self->selected);
      g_hash_table_remove_all (self->collapsed);
      g_hash_table_remove_all (self->expanded_rings);
      g_hash_table_remove_all (self->subflows);
      g_hash_table_remove_all (self->probed);
      self->fitted = TRUE;
      _pw_radar_view_rewatch (self);
    }
  g_set_object (&self->flow_run, flow_run);
  if (flow_run != NULL)
    g_signal_connect_object (flow_run, "notify", G_CALLBACK (queue_relayout), self, G_CONNECT_SWAPPED);
  queue_relayout (self);
}

/* Selection, collapse, activation */

static void
sync_selected_mask (PwRadarView *self)
{
  if (self->layout == NULL)
    return;
  for (guint i = 0; i < self->layout->n_nodes; i++)
    self->selected_mask[i] = g_hash_table_contains (self->selected, self->layout->nodes[i].id);
  _pw_radar_view_invalidate (self);
}

/**
 * pw_radar_view_select:
 * @id: (nullable): a node's id, or %NULL to select nothing
 * @extend: toggle @id in the selection (Ctrl-click) rather than select it
 *   alone
 */
void
pw_radar_view_select (PwRadarView *self,
                      const char  *id,
                      gboolean     extend)
{
  g_return_if_fail (PW_IS_RADAR_VIEW (self));

  if (!extend)
    g_hash_table_remove_all (self->selected);
  if (id != NULL && extend && g_hash_table_contains (self->selected, id))
    g_hash_table_remove (self->selected, id);
  else if (id != NULL)
    g_hash_table_add (self->selected, g_strdup (id));
  sync_selected_mask (self);
}

/**
 * pw_radar_view_get_selected:
 *
 * Returns: (transfer full): the selected nodes' ids, sorted
 */
GStrv
pw_radar_view_get_selected (PwRadarView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (PW_IS_RADAR_VIEW (self), NULL);

  keys = g_list_sort (g_hash_table_get_keys (self->selected), (GCompareFunc)g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

/**
 * pw_radar_view_set_hover:
 * @id: (nullable): the node to highlight as under the pointer
 */
void
pw_radar_view_set_hover (PwRadarView *self,
                         const char  *id)
{
  int hover;

  g_return_if_fail (PW_IS_RADAR_VIEW (self));

  hover = self->layout != NULL ? pw_radar_layout_lookup (self->layout, id) : -1;
  if (hover == self->hover)
    return;
  self->hover = hover;
  _pw_radar_view_invalidate (self);
}

/**
 * pw_radar_view_activate:
 *
 * Emits ::task-run-activated for the task run node @id (what a
 * double-click or Enter does).
 *
 * Returns: whether @id is a task run of the radar
 */
gboolean
pw_radar_view_activate (PwRadarView *self,
                        const char  *id)
{
  PwRadarLayout *layout;
  int i;

  g_return_val_if_fail (PW_IS_RADAR_VIEW (self), FALSE);

  layout = pw_radar_view_get_layout (self);
  i = layout != NULL ? pw_radar_layout_lookup (layout, id) : -1;
  if (i <= 0)
    return FALSE;
  g_signal_emit (self, signals[TASK_RUN_ACTIVATED], 0, layout->nodes[i].id);
  return TRUE;
}

/**
 * pw_radar_view_set_collapsed:
 *
 * Hides everything downstream of node @id behind a count badge, or shows
 * it again.
 */
void
pw_radar_view_set_collapsed (PwRadarView *self,
                             const char  *id,
                             gboolean     collapsed)
{
  g_return_if_fail (PW_IS_RADAR_VIEW (self));
  g_return_if_fail (id != NULL);

  if (collapsed)
    g_hash_table_add (self->collapsed, g_strdup (id));
  else
    g_hash_table_remove (self->collapsed, id);
  queue_relayout (self);
}

/**
 * pw_radar_view_expand_ring:
 *
 * Grows @ring so that its overflowing nodes each get a slot (the “+N”).
 */
void
pw_radar_view_expand_ring (PwRadarView *self,
                           guint        ring)
{
  g_return_if_fail (PW_IS_RADAR_VIEW (self));

  g_hash_table_add (self->expanded_rings, GUINT_TO_POINTER (ring + 1));
  queue_relayout (self);
}

/* Export */

/**
 * pw_radar_view_export:
 * @file: where to write
 * @format: PNG or SVG
 *
 * Draws the whole radar, in the view's colours, into @file.
 *
 * Returns: %TRUE, or %FALSE with @error (%PW_DAG_EXPORT_ERROR, %G_IO_ERROR)
 */
gboolean
pw_radar_view_export (PwRadarView        *self,
                      GFile              *file,
                      PwDagExportFormat   format,
                      GError            **error)
{
  PwRadarLayout *layout;

  g_return_val_if_fail (PW_IS_RADAR_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  layout = pw_radar_view_get_layout (self);
  if (layout == NULL || self->error != NULL)
    {
      g_set_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY,
                   self->error != NULL ? _("The radar cannot be drawn: %s") : _("There is no run to export%s"),
                   self->error != NULL ? self->error : "");
      return FALSE;
    }
  return pw_radar_export_layout (layout, &self->colors, NULL, file, format, error);
}

/* GObject */

GtkWidget *
pw_radar_view_new (void)
{
  return g_object_new (PW_TYPE_RADAR_VIEW, NULL);
}

static void
pw_radar_view_dispose (GObject *object)
{
  PwRadarView *self = (PwRadarView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->task_runs != NULL)
    g_signal_handlers_disconnect_by_func (self->task_runs, items_changed_cb, self);
  g_clear_object (&self->task_runs);
  /* The sub-flows' task runs go with them; then nothing is watched. */
  g_hash_table_remove_all (self->subflows);
  unwatch_all (self);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  if (self->flow_run != NULL)
    g_signal_handlers_disconnect_by_func (self->flow_run, queue_relayout, self);
  g_clear_object (&self->flow_run);
  pw_radar_view_set_backend (self, NULL);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_object (&self->pango);

  G_OBJECT_CLASS (pw_radar_view_parent_class)->dispose (object);
}

static void
pw_radar_view_finalize (GObject *object)
{
  PwRadarView *self = (PwRadarView *)object;

  g_clear_pointer (&self->layout, pw_radar_layout_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->selected_mask, g_free);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->subflows, g_hash_table_unref);
  g_clear_pointer (&self->probed, g_hash_table_unref);
  g_clear_pointer (&self->to_probe, g_ptr_array_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->expanded_rings, g_hash_table_unref);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pw_radar_view_parent_class)->finalize (object);
}

static void
pw_radar_view_class_init (PwRadarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_radar_view_dispose;
  object_class->finalize = pw_radar_view_finalize;
  widget_class->snapshot = _pw_radar_view_snapshot;
  widget_class->size_allocate = _pw_radar_view_size_allocate;
  widget_class->css_changed = _pw_radar_view_css_changed;

  /**
   * PwRadarView::task-run-activated:
   * @task_run_id: the task run of the node
   *
   * A task run node was double-clicked, or Enter was pressed on it.
   */
  signals[TASK_RUN_ACTIVATED] =
    g_signal_new ("task-run-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * PwRadarView::layout-changed:
   *
   * The radar was laid out again (a task run came or changed, a subtree
   * was collapsed, a sub-flow expanded).
   */
  signals[LAYOUT_CHANGED] =
    g_signal_new ("layout-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "radar");
  _pw_radar_view_class_input (widget_class);
}

static void
pw_radar_view_init (PwRadarView *self)
{
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->subflows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _pw_radar_view_subflow_free);
  self->probed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->to_probe = g_ptr_array_new_with_free_func (g_free);
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanded_rings = g_hash_table_new (NULL, NULL);
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->hover = -1;
  self->scale = 1.0;
  self->fitted = TRUE;
  pw_dag_colors_init (&self->colors, FALSE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  _pw_radar_view_setup_input (self);
}
