/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-canvas"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pw-dag-canvas-private.h"
#include "pw-dag-minimap.h"
#include "pw-dag-palette.h"
#include "pw-flow-validate.h"
#include "pw-problem.h"

/*
 * PwDagCanvas: the object, the widget and the public API; how it follows
 * its flow is in pw-dag-canvas-follow.c.
 */

G_DEFINE_FINAL_TYPE (PwDagCanvas, pw_dag_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FLOW,
  PROP_UNDO,
  PROP_EDITABLE,
  PROP_SNAP_TO_GRID,
  PROP_SHOW_MINIMAP,
  PROP_ZOOM,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  EDITED,
  NODE_ACTIVATED,
  CONNECTION_REFUSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_undo_applied (PwDagCanvas *self)
{
  g_signal_emit (self, signals[EDITED], 0);
}

static void
on_undo_notify (PwDagCanvas *self)
{
  _pw_dag_canvas_update_actions (self);
}

/* The widget --------------------------------------------------------------- */

static void
pw_dag_canvas_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  int child_min = 0, child_nat = 0;

  gtk_widget_measure (self->minimap, orientation, -1, &child_min, &child_nat, NULL, NULL);
  *minimum = MAX (120, child_min);
  *natural = MAX (orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 400, child_nat);
}

static void
pw_dag_canvas_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  GtkRequisition nat;
  int margin = 12;

  gtk_widget_get_preferred_size (self->minimap, NULL, &nat);
  gtk_widget_size_allocate (self->minimap,
                            &(GtkAllocation) {
                              MAX (0, width - nat.width - margin),
                              MAX (0, height - nat.height - margin),
                              MIN (nat.width, width), MIN (nat.height, height)
                            }, -1);

  if (gtk_widget_get_visible (self->palette))
    gtk_popover_present (GTK_POPOVER (self->palette));
  if (gtk_widget_get_visible (self->context_menu))
    gtk_popover_present (GTK_POPOVER (self->context_menu));

  /* The first view fits the flow; so does every later one, as the size
   * changes, until the view is moved or zoomed. */
  if ((!self->view_set || self->fitted) && width > 0 && height > 0 && self->flow != NULL &&
      (width != self->fitted_width || height != self->fitted_height || !self->view_set))
    {
      pw_dag_canvas_zoom_to_fit (self);
      self->view_set = TRUE;
    }

  _pw_dag_canvas_invalidate_selection (self);
}

static void
pw_dag_canvas_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);

  GTK_WIDGET_CLASS (pw_dag_canvas_parent_class)->css_changed (widget, change);

  _pw_dag_canvas_update_colors (self);
  g_clear_object (&self->pango);
  _pw_dag_canvas_invalidate_layers (self);
  _pw_dag_canvas_invalidate_selection (self);
  if (self->minimap != NULL)
    pw_dag_minimap_invalidate (PW_DAG_MINIMAP (self->minimap));
}

static gboolean
on_query_tooltip (PwDagCanvas *self,
                  int          x,
                  int          y,
                  gboolean     keyboard_mode,
                  GtkTooltip  *tooltip)
{
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  g_autoptr(GString) text = NULL;
  PwDagPoint world;
  PwDagHit hit;

  if (scene == NULL || self->drag_mode != PW_DAG_DRAG_NONE)
    return FALSE;

  world = pw_dag_view_to_world (&self->view, (PwDagPoint) { x, y });
  hit = pw_dag_hit_index_hit (pw_dag_scene_get_hit_index (scene), world, 4 / self->view.scale);

  if (hit.kind == PW_DAG_HIT_EDGE)
    {
      g_autofree char *markup = NULL;

      markup = g_markup_printf_escaped ("%s → %s",
                                        pw_task_get_display_name (scene->tasks[scene->edge_from[hit.index]]),
                                        pw_task_get_display_name (scene->tasks[scene->edge_to[hit.index]]));
      gtk_tooltip_set_markup (tooltip, markup);
      return TRUE;
    }

  if (hit.kind != PW_DAG_HIT_NODE)
    return FALSE;

  {
    PwTask *task = scene->tasks[hit.index];
    g_autofree char *head = g_markup_printf_escaped ("<b>%s</b>\n%s · %s",
                                                     pw_task_get_display_name (task),
                                                     pw_task_kind_to_string (pw_task_get_kind (task)),
                                                     pw_task_get_key (task));

    text = g_string_new (head);

    if (scene->state[hit.index] != PW_DAG_NO_STATE)
      {
        g_autofree char *state = g_markup_escape_text (pw_state_type_get_default_name (scene->state[hit.index]), -1);
        g_string_append_printf (text, "\n%s", state);
      }

    if (scene->counts != NULL && pw_dag_scene_get_total_count (scene, hit.index) > 0)
      for (guint s = 0; s < PW_N_STATE_TYPES; s++)
        {
          guint count = scene->counts[(gsize) hit.index * PW_N_STATE_TYPES + s];

          if (count > 0)
            g_string_append_printf (text, "\n%s: %u", pw_state_type_get_default_name (s), count);
        }

    for (guint i = 0; self->editable && self->problems != NULL && i < self->problems->len; i++)
      {
        PwProblem *problem = g_ptr_array_index (self->problems, i);
        g_autofree char *message = NULL;

        if (g_strcmp0 (pw_problem_get_task_key (problem), pw_task_get_key (task)) != 0)
          continue;
        message = g_markup_escape_text (pw_problem_get_message (problem), -1);
        g_string_append_printf (text, "\n• %s", message);
      }

    gtk_tooltip_set_markup (tooltip, text->str);
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 4, y - 4, 8, 8 });
  }

  return TRUE;
}

static void
on_kind_chosen (PwDagCanvas *self,
                PwTaskKind   kind)
{
  PwDagPoint at = self->add_point;
  PwTask *task;

  if (self->add_point_set)
    {
      at.x -= PW_DAG_NODE_WIDTH / 2;
      at.y -= PW_DAG_NODE_HEIGHT / 2;
    }
  else
    at = _pw_dag_canvas_free_spot (self);

  task = pw_dag_canvas_add_task (self, kind, at.x, at.y);
  if (task != NULL)
    {
      _pw_dag_canvas_select_only (self, task);
      _pw_dag_canvas_set_focus_task (self, task);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
pw_dag_canvas_dispose (GObject *object)
{
  PwDagCanvas *self = (PwDagCanvas *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);

  if (self->flow != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, pw_flow_get_tasks (self->flow));
      _pw_dag_canvas_unwatch_all (self);
    }
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);

  _pw_dag_canvas_clear_layers (self);
  g_clear_pointer (&self->scene, pw_dag_scene_free);
  g_clear_pointer (&self->drag_tasks, g_free);
  g_clear_pointer (&self->drag_from, g_free);
  g_clear_pointer (&self->drag_set, g_free);
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  g_clear_object (&self->focus);
  g_clear_object (&self->edge_up);
  g_clear_object (&self->edge_down);
  g_clear_object (&self->undo);
  g_clear_object (&self->flow);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  if (self->selection != NULL)
    g_hash_table_remove_all (self->selection);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_DAG_CANVAS);

  G_OBJECT_CLASS (pw_dag_canvas_parent_class)->dispose (object);
}

static void
pw_dag_canvas_finalize (GObject *object)
{
  PwDagCanvas *self = (PwDagCanvas *)object;

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pw_dag_canvas_parent_class)->finalize (object);
}

static void
pw_dag_canvas_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwDagCanvas *self = PW_DAG_CANVAS (object);

  switch (prop_id)
    {
    case PROP_FLOW:
      g_value_set_object (value, self->flow);
      break;
    case PROP_UNDO:
      g_value_set_object (value, self->undo);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap_to_grid);
      break;
    case PROP_SHOW_MINIMAP:
      g_value_set_boolean (value, self->show_minimap);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->view.scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_dag_canvas_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PwDagCanvas *self = PW_DAG_CANVAS (object);

  switch (prop_id)
    {
    case PROP_FLOW:
      pw_dag_canvas_set_flow (self, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      pw_dag_canvas_set_editable (self, g_value_get_boolean (value));
      break;
    case PROP_SNAP_TO_GRID:
      pw_dag_canvas_set_snap_to_grid (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_MINIMAP:
      pw_dag_canvas_set_show_minimap (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      pw_dag_canvas_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_dag_canvas_class_init (PwDagCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_dag_canvas_dispose;
  object_class->finalize = pw_dag_canvas_finalize;
  object_class->get_property = pw_dag_canvas_get_property;
  object_class->set_property = pw_dag_canvas_set_property;

  widget_class->measure = pw_dag_canvas_measure;
  widget_class->size_allocate = pw_dag_canvas_size_allocate;
  widget_class->snapshot = _pw_dag_canvas_snapshot;
  widget_class->css_changed = pw_dag_canvas_css_changed;

  /**
   * PwDagCanvas:flow:
   *
   * The flow shown and edited.
   */
  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, PW_TYPE_FLOW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PwDagCanvas:undo:
   *
   * The undo stack of the flow, new with each flow.
   */
  properties[PROP_UNDO] =
    g_param_spec_object ("undo", NULL, NULL, PW_TYPE_DAG_UNDO,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PwDagCanvas:editable:
   *
   * Whether the flow can be edited; %FALSE for a run's graph.
   */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_MINIMAP] =
    g_param_spec_boolean ("show-minimap", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PwDagCanvas:zoom:
   *
   * View pixels per unit of the flow file's coordinates (1.0 is 100 %).
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, PW_DAG_MIN_SCALE, PW_DAG_MAX_SCALE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwDagCanvas::selection-changed:
   *
   * The selected tasks (or the selected edge) changed.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PwDagCanvas::edited:
   *
   * The flow was changed by an edit (done, undone or redone), here or by
   * another user of the canvas's #PwDagUndo.
   */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PwDagCanvas::node-activated:
   * @key: the task's key
   *
   * A task was double-clicked, or Enter was pressed on it.
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * PwDagCanvas::connection-refused:
   * @message: why, naming the cycle the edge would close
   *
   * An edge was refused. The canvas also shows @message in a toast when it
   * is inside an #AdwToastOverlay.
   */
  signals[CONNECTION_REFUSED] =
    g_signal_new ("connection-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pipewright/Pipewright/canvas/pw-dag-canvas.ui");
  gtk_widget_class_bind_template_child (widget_class, PwDagCanvas, minimap);
  gtk_widget_class_bind_template_child (widget_class, PwDagCanvas, palette);
  gtk_widget_class_bind_template_child (widget_class, PwDagCanvas, context_menu);
  gtk_widget_class_bind_template_child (widget_class, PwDagCanvas, node_menu);
  gtk_widget_class_bind_template_child (widget_class, PwDagCanvas, edge_menu);
  gtk_widget_class_bind_template_child (widget_class, PwDagCanvas, canvas_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);

  gtk_widget_class_set_css_name (widget_class, "dagcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  _pw_dag_canvas_class_setup_actions (widget_class);
  _pw_dag_canvas_class_setup_keys (widget_class);

  g_type_ensure (PW_TYPE_DAG_MINIMAP);
  g_type_ensure (PW_TYPE_DAG_PALETTE);
}

static void
pw_dag_canvas_init (PwDagCanvas *self)
{
  self->editable = TRUE;
  self->snap_to_grid = TRUE;
  self->show_minimap = TRUE;
  self->view = (PwDagView) { 1.0, 0, 0 };
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->selection = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->connect_target = -1;
  pw_dag_colors_init (&self->colors, FALSE);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  pw_dag_minimap_set_canvas (PW_DAG_MINIMAP (self->minimap), self);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), self->canvas_menu);

  _pw_dag_canvas_setup_input (self);
  _pw_dag_canvas_update_actions (self);
}

/* Toasts -------------------------------------------------------------------- */

void
_pw_dag_canvas_show_toast (PwDagCanvas *self,
                           const char  *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;

  if (overlay == NULL)
    return;

  /* A toast's title is markup. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

/**
 * _pw_dag_canvas_refused: (skip)
 * @message: why an edge was refused
 */
void
_pw_dag_canvas_refused (PwDagCanvas *self,
                        const char  *message)
{
  g_signal_emit (self, signals[CONNECTION_REFUSED], 0, message);
  _pw_dag_canvas_show_toast (self, message);
}

double
_pw_dag_canvas_snap (PwDagCanvas *self,
                     double       value)
{
  return self->snap_to_grid ? pw_dag_snap (value, PW_DAG_GRID_SIZE) : value;
}

/* Public API ----------------------------------------------------------------- */

/**
 * pw_dag_canvas_new:
 *
 * Returns: (transfer floating): a new, empty canvas
 */
GtkWidget *
pw_dag_canvas_new (void)
{
  return g_object_new (PW_TYPE_DAG_CANVAS, NULL);
}

/**
 * pw_dag_canvas_set_flow:
 * @flow: (nullable): the flow to show and edit
 *
 * Shows @flow, fitted into the view, with a new, empty undo stack (the
 * flow counts as clean). The positions of the tasks are kept; a flow whose
 * tasks all sit at the same place (a flow file without positions) is laid
 * out first, which is not an edit.
 */
void
pw_dag_canvas_set_flow (PwDagCanvas *self,
                        PwFlow      *flow)
{
  gboolean had_selection;

  g_return_if_fail (PW_IS_DAG_CANVAS (self));
  g_return_if_fail (flow == NULL || PW_IS_FLOW (flow));

  if (self->flow == flow)
    return;

  if (self->drag_mode != PW_DAG_DRAG_NONE)
    _pw_dag_canvas_cancel_drag (self);

  if (self->flow != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, pw_flow_get_tasks (self->flow));
      _pw_dag_canvas_unwatch_all (self);
    }
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);

  had_selection = g_hash_table_size (self->selection) > 0 || self->edge_down != NULL;
  g_hash_table_remove_all (self->selection);
  g_clear_object (&self->edge_up);
  g_clear_object (&self->edge_down);
  g_clear_object (&self->focus);
  g_hash_table_remove_all (self->states);
  g_hash_table_remove_all (self->counts);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->scene, pw_dag_scene_free);
  g_clear_object (&self->undo);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->layout_running = FALSE;

  g_set_object (&self->flow, flow);

  if (flow != NULL)
    {
      self->items_changed_id = g_signal_connect_swapped (pw_flow_get_tasks (flow), "items-changed",
                                                         G_CALLBACK (_pw_dag_canvas_on_items_changed), self);
      self->undo = pw_dag_undo_new (flow);
      g_signal_connect_swapped (self->undo, "applied", G_CALLBACK (on_undo_applied), self);
      g_signal_connect_swapped (self->undo, "notify", G_CALLBACK (on_undo_notify), self);
      _pw_dag_canvas_ensure_scene (self);
      _pw_dag_canvas_schedule_validation (self);
    }

  self->view_set = FALSE;
  self->add_point_set = FALSE;
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0 && flow != NULL)
    {
      pw_dag_canvas_zoom_to_fit (self);
      self->view_set = TRUE;
    }

  _pw_dag_canvas_invalidate_layers (self);
  _pw_dag_canvas_invalidate_selection (self);
  pw_dag_minimap_invalidate (PW_DAG_MINIMAP (self->minimap));
  _pw_dag_canvas_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO]);
  if (had_selection)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);

  if (flow != NULL && self->scene->n_nodes > 1)
    {
      gboolean stacked = TRUE;

      for (guint i = 1; i < self->scene->n_nodes && stacked; i++)
        stacked = self->scene->x[i] == self->scene->x[0] && self->scene->y[i] == self->scene->y[0];
      if (stacked)
        {
          /* Placing the tasks of a file without positions is not an edit:
           * the first layout is applied without an undo step. */
          self->layout_initial = TRUE;
          pw_dag_canvas_tidy_up (self);
        }
    }
}

/**
 * pw_dag_canvas_get_flow:
 *
 * Returns: (transfer none) (nullable): the flow
 */
PwFlow *
pw_dag_canvas_get_flow (PwDagCanvas *self)
{
  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), NULL);
  return self->flow;
}

/**
 * pw_dag_canvas_get_undo:
 *
 * The undo stack of the flow. Property panes push their edits here, so
 * that the canvas's Undo reverts them too.
 *
 * Returns: (transfer none) (nullable): the undo stack, %NULL without a flow
 */
PwDagUndo *
pw_dag_canvas_get_undo (PwDagCanvas *self)
{
  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), NULL);
  return self->undo;
}

gboolean
pw_dag_canvas_get_editable (PwDagCanvas *self)
{
  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), FALSE);
  return self->editable;
}

/**
 * pw_dag_canvas_set_editable:
 * @editable: %FALSE for the read-only graph of a run
 *
 * In a read-only canvas nothing can be changed, ports and problems are not
 * shown, and the run states set with pw_dag_canvas_set_task_state() are.
 */
void
pw_dag_canvas_set_editable (PwDagCanvas *self,
                            gboolean     editable)
{
  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  if (self->drag_mode != PW_DAG_DRAG_NONE)
    _pw_dag_canvas_cancel_drag (self);

  self->editable = editable;
  if (self->scene != NULL)
    pw_dag_scene_set_problems (self->scene, editable ? self->problems : NULL);
  if (editable)
    _pw_dag_canvas_schedule_validation (self);

  _pw_dag_canvas_invalidate_layers (self);
  _pw_dag_canvas_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

gboolean
pw_dag_canvas_get_snap_to_grid (PwDagCanvas *self)
{
  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), FALSE);
  return self->snap_to_grid;
}

/**
 * pw_dag_canvas_set_snap_to_grid:
 * @snap: whether moved and added tasks land on the 20-unit grid
 */
void
pw_dag_canvas_set_snap_to_grid (PwDagCanvas *self,
                                gboolean     snap)
{
  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  snap = !!snap;
  if (self->snap_to_grid == snap)
    return;

  self->snap_to_grid = snap;
  _pw_dag_canvas_invalidate_layers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

gboolean
pw_dag_canvas_get_show_minimap (PwDagCanvas *self)
{
  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), FALSE);
  return self->show_minimap;
}

/**
 * pw_dag_canvas_set_show_minimap:
 * @show: whether the overview sits in the bottom-right corner
 */
void
pw_dag_canvas_set_show_minimap (PwDagCanvas *self,
                                gboolean     show)
{
  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  show = !!show;
  if (self->show_minimap == show)
    return;

  self->show_minimap = show;
  gtk_widget_set_visible (self->minimap, show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_MINIMAP]);
}
