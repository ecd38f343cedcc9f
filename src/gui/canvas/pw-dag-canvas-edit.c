/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-canvas"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pw-dag-canvas-private.h"
#include "pw-dag-clipboard.h"
#include "pw-dag-layout.h"
#include "pw-enum-types.h"

/*
 * The canvas's actions: every edit as a command on the undo stack, the
 * clipboard, tidy-up, zoom and export.
 *
 * The clipboard holds copied tasks in two forms: the flow itself (a
 * GValue of PwFlow, which GDK hands back directly to a paste in this
 * process, any window, any flow) and its flow file as text (for other
 * programs, and for pasting a flow file copied from a text editor).
 */

#define ZOOM_STEP 1.25
#define ROW_STEP 80.0
/* From one column of the layout to the next. */
#define COLUMN_STEP (PW_DAG_NODE_WIDTH + 80.0)

static guint
n_selected (PwDagCanvas *self)
{
  return g_hash_table_size (self->selection);
}

/**
 * _pw_dag_canvas_update_actions: (skip)
 *
 * Enables the actions that make sense now.
 */
void
_pw_dag_canvas_update_actions (PwDagCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean edit = self->editable && self->flow != NULL;
  gboolean any = self->flow != NULL && pw_flow_get_n_tasks (self->flow) > 0;
  gboolean sel = n_selected (self) > 0;

  gtk_widget_action_set_enabled (widget, "canvas.undo", edit && self->undo && pw_dag_undo_can_undo (self->undo));
  gtk_widget_action_set_enabled (widget, "canvas.redo", edit && self->undo && pw_dag_undo_can_redo (self->undo));
  gtk_widget_action_set_enabled (widget, "canvas.delete", edit && (sel || self->edge_down != NULL));
  gtk_widget_action_set_enabled (widget, "canvas.cut", edit && sel);
  gtk_widget_action_set_enabled (widget, "canvas.copy", sel);
  gtk_widget_action_set_enabled (widget, "canvas.paste", edit);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", edit && sel);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", any);
  gtk_widget_action_set_enabled (widget, "canvas.select-none", sel || self->edge_down != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-in", any && self->view.scale < PW_DAG_MAX_SCALE);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-out", any && self->view.scale > PW_DAG_MIN_SCALE);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-fit", any);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-reset", any);
  gtk_widget_action_set_enabled (widget, "canvas.tidy-up", edit && any && !self->layout_running);
  gtk_widget_action_set_enabled (widget, "canvas.add-task", edit);
  gtk_widget_action_set_enabled (widget, "canvas.add-task-kind", edit);
  gtk_widget_action_set_enabled (widget, "canvas.connect", edit);
  gtk_widget_action_set_enabled (widget, "canvas.disconnect", edit);
  gtk_widget_action_set_enabled (widget, "canvas.export", any);
  gtk_widget_action_set_enabled (widget, "canvas.move-focus", any);
  gtk_widget_action_set_enabled (widget, "canvas.nudge", edit && sel);
  gtk_widget_action_set_enabled (widget, "canvas.activate-focus", self->focus != NULL);
}

/* The selected tasks in the flow's order. */
static GPtrArray *
selected_tasks (PwDagCanvas *self)
{
  return pw_dag_canvas_get_selection (self);
}

static void
select_tasks (PwDagCanvas *self,
              GPtrArray   *tasks)
{
  g_hash_table_remove_all (self->selection);
  g_clear_object (&self->edge_up);
  g_clear_object (&self->edge_down);
  for (guint i = 0; i < tasks->len; i++)
    g_hash_table_add (self->selection, g_object_ref (g_ptr_array_index (tasks, i)));
  if (tasks->len > 0)
    _pw_dag_canvas_set_focus_task (self, g_ptr_array_index (tasks, tasks->len - 1));
  _pw_dag_canvas_selection_changed (self);
}

/* Edits ---------------------------------------------------------------------- */

/**
 * _pw_dag_canvas_delete_selection: (skip)
 *
 * Deletes the selected tasks with their edges, or the selected edge.
 */
void
_pw_dag_canvas_delete_selection (PwDagCanvas *self)
{
  g_autoptr(GPtrArray) tasks = NULL;

  if (!self->editable || self->flow == NULL)
    return;

  if (self->edge_down != NULL)
    {
      PwDagCommand *command = pw_dag_command_disconnect (self->flow, pw_task_get_key (self->edge_up),
                                                         pw_task_get_key (self->edge_down));

      g_clear_object (&self->edge_up);
      g_clear_object (&self->edge_down);
      if (command != NULL)
        pw_dag_undo_execute (self->undo, command);
      _pw_dag_canvas_selection_changed (self);
      return;
    }

  tasks = selected_tasks (self);
  if (tasks->len == 0)
    return;

  pw_dag_undo_execute (self->undo, pw_dag_command_delete_tasks (self->flow, (PwTask **) tasks->pdata,
                                                                tasks->len));
}

/**
 * _pw_dag_canvas_move_selection: (skip)
 *
 * Moves the selected tasks by (@dx, @dy); moves in a row are one step.
 */
void
_pw_dag_canvas_move_selection (PwDagCanvas *self,
                               double       dx,
                               double       dy)
{
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree double *from = NULL;
  g_autofree double *to = NULL;
  PwDagCommand *command;

  if (!self->editable || self->flow == NULL)
    return;

  tasks = selected_tasks (self);
  if (tasks->len == 0)
    return;

  from = g_new (double, 2 * tasks->len);
  to = g_new (double, 2 * tasks->len);
  for (guint i = 0; i < tasks->len; i++)
    {
      PwTask *task = g_ptr_array_index (tasks, i);

      from[2 * i] = pw_task_get_x (task);
      from[2 * i + 1] = pw_task_get_y (task);
      to[2 * i] = from[2 * i] + dx;
      to[2 * i + 1] = from[2 * i + 1] + dy;
    }

  command = pw_dag_command_move_tasks ((PwTask **) tasks->pdata, tasks->len, from, to);
  pw_dag_command_set_mergeable (command, TRUE);
  pw_dag_undo_execute (self->undo, command);
}

/**
 * pw_dag_canvas_add_task:
 * @kind: what the task runs
 * @x: where its left side goes
 * @y: where its top goes
 *
 * Adds a task of @kind, with a new key made from the kind's name
 * (`command`, `command_2` …), as one undo step. Its members are empty; the
 * property pane fills them, and until then the task shows its problems.
 *
 * Returns: (transfer none) (nullable): the new task, or %NULL when the
 *   canvas is not editable
 */
PwTask *
pw_dag_canvas_add_task (PwDagCanvas *self,
                        PwTaskKind   kind,
                        double       x,
                        double       y)
{
  g_autoptr(PwTask) task = NULL;
  g_autofree char *key = NULL;
  PwDagCommand *command;

  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), NULL);
  g_return_val_if_fail (kind <= PW_TASK_KIND_NOOP, NULL);

  if (!self->editable || self->flow == NULL)
    return NULL;

  key = pw_dag_unique_key (self->flow, NULL, pw_task_kind_to_string (kind));
  task = pw_task_new (key, kind);
  pw_task_set_position (task, _pw_dag_canvas_snap (self, x), _pw_dag_canvas_snap (self, y));

  command = pw_dag_command_add_tasks (&task, 1);
  pw_dag_undo_execute (self->undo, command);
  return task;
}

/**
 * pw_dag_canvas_connect:
 * @upstream_key: the task that runs first
 * @downstream_key: the task that runs after it
 * @error: return location for a #GError
 *
 * Adds the edge @upstream_key → @downstream_key as one undo step, unless it
 * would close a cycle. (This is what dragging from an output port to a
 * task does; #PwDagCanvas::connection-refused is for the drag.)
 *
 * Returns: %TRUE if the edge is there now; %FALSE with %PW_FLOW_ERROR_CYCLE
 *   naming the cycle, or %PW_FLOW_ERROR_NOT_FOUND
 */
gboolean
pw_dag_canvas_connect (PwDagCanvas  *self,
                       const char   *upstream_key,
                       const char   *downstream_key,
                       GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  PwDagCommand *command;

  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), FALSE);
  g_return_val_if_fail (self->flow != NULL && self->editable, FALSE);

  command = pw_dag_command_connect (self->flow, upstream_key, downstream_key, &local_error);
  if (command == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  pw_dag_undo_execute (self->undo, command);
  return TRUE;
}

/* Tidy-up ------------------------------------------------------------------- */

typedef struct
{
  PwDagCanvas *self;
  PwTask     **tasks;
  guint        n_tasks;
  double       origin_x;
  double       origin_y;
} TidyUp;

static void
tidy_up_free (TidyUp *t)
{
  for (guint i = 0; i < t->n_tasks; i++)
    g_object_unref (t->tasks[i]);
  g_free (t->tasks);
  g_clear_object (&t->self);
  g_free (t);
}

static void
tidy_up_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TidyUp *t = user_data;
  PwDagCanvas *self = t->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDagLayout) layout = pw_dag_layout_run_finish (result, &error);
  g_autofree double *from = NULL;
  g_autofree double *to = NULL;
  gboolean initial = self->layout_initial;
  PwDagCommand *command;

  if (layout == NULL)
    {
      /* Cancelled: the canvas has gone or shows another flow. */
      tidy_up_free (t);
      return;
    }

  self->layout_running = FALSE;
  self->layout_initial = FALSE;
  _pw_dag_canvas_update_actions (self);

  /* The tasks may have changed while the layout ran: a task that left the
   * flow stays where it is. */
  from = g_new (double, 2 * MAX (t->n_tasks, 1));
  to = g_new (double, 2 * MAX (t->n_tasks, 1));
  for (guint i = 0; i < t->n_tasks; i++)
    {
      from[2 * i] = pw_task_get_x (t->tasks[i]);
      from[2 * i + 1] = pw_task_get_y (t->tasks[i]);
      to[2 * i] = t->origin_x + layout->x[i];
      to[2 * i + 1] = t->origin_y + layout->y[i];
    }

  command = pw_dag_command_move_tasks (t->tasks, t->n_tasks, from, to);
  pw_dag_command_set_label (command, _("Tidy Up"));
  if (initial)
    {
      pw_dag_command_apply (command, self->flow);
      pw_dag_command_free (command);
    }
  else
    pw_dag_undo_execute (self->undo, command);

  pw_dag_canvas_zoom_to_fit (self);
  tidy_up_free (t);
}

/**
 * pw_dag_canvas_tidy_up:
 *
 * Lays the flow out in columns from left to right (pw_dag_layout_run() in a
 * worker thread), keeping the top-left corner of the flow where it is, as
 * one undo step, and fits it into the view. Positions are never changed
 * otherwise.
 */
void
pw_dag_canvas_tidy_up (PwDagCanvas *self)
{
  PwDagScene *scene;
  PwDagLayoutParams params;
  PwDagRect bounds;
  TidyUp *t;

  g_return_if_fail (PW_IS_DAG_CANVAS (self));

  scene = _pw_dag_canvas_ensure_scene (self);
  /* Read-only canvases are laid out only when they get a flow without
   * positions (a run's graph drawn from its task runs). */
  if (scene == NULL || scene->n_nodes == 0 || self->layout_running ||
      (!self->editable && !self->layout_initial))
    return;

  bounds = pw_dag_nodes_bounds (scene->x, scene->y, scene->n_nodes);

  t = g_new0 (TidyUp, 1);
  t->self = g_object_ref (self);
  t->n_tasks = scene->n_nodes;
  t->tasks = g_new (PwTask *, scene->n_nodes);
  for (guint i = 0; i < scene->n_nodes; i++)
    t->tasks[i] = g_object_ref (scene->tasks[i]);
  t->origin_x = pw_dag_snap (bounds.x + PW_DAG_PORT_RADIUS, PW_DAG_GRID_SIZE);
  t->origin_y = pw_dag_snap (bounds.y, PW_DAG_GRID_SIZE);

  pw_dag_layout_params_init (&params);
  params.n_nodes = scene->n_nodes;
  params.n_edges = scene->n_edges;
  params.edge_from = scene->edge_from;
  params.edge_to = scene->edge_to;
  params.node_width = PW_DAG_NODE_WIDTH;
  params.node_height = PW_DAG_NODE_HEIGHT;

  self->layout_running = TRUE;
  _pw_dag_canvas_update_actions (self);
  pw_dag_layout_run_async (&params, self->cancellable, tidy_up_done, t);
}

/* The clipboard ------------------------------------------------------------- */

static void
copy_selection (PwDagCanvas *self)
{
  g_autoptr(GPtrArray) tasks = selected_tasks (self);
  g_autoptr(PwFlow) clip = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *parts[3];
  gsize length;
  char *text;

  if (tasks->len == 0)
    return;

  clip = pw_dag_clipboard_subset (self->flow, (PwTask **) tasks->pdata, tasks->len);
  text = pw_dag_clipboard_to_text (clip, &length);
  bytes = g_bytes_new_take (text, length);

  parts[0] = gdk_content_provider_new_typed (PW_TYPE_FLOW, clip);
  parts[1] = gdk_content_provider_new_for_bytes (PW_DAG_CLIPBOARD_MIME_TYPE, bytes);
  parts[2] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  provider = gdk_content_provider_new_union (parts, G_N_ELEMENTS (parts));

  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

/* How far down tasks covering @bounds must go to cover no other task: a
 * duplicate lands right under its original, or under what is there. */
static double
free_row_below (PwDagCanvas     *self,
                const PwDagRect *bounds)
{
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  PwDagHitIndex *index = pw_dag_scene_get_hit_index (scene);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 1; k <= 100; k++)
    {
      PwDagRect moved = *bounds;

      moved.y += k * ROW_STEP;
      g_array_set_size (found, 0);
      if (pw_dag_hit_index_nodes_in_rect (index, &moved, found) == 0)
        return k * ROW_STEP;
    }

  return ROW_STEP;
}

/* Where a task added without a point to add it at goes (its top-left
 * corner): to the right of the one selected task, as the next step after
 * it; else in the middle of the view. From there it moves down a row at a
 * time (then a column to the right) until it covers no other task, so a
 * new task never lands on top of one. */
PwDagPoint
_pw_dag_canvas_free_spot (PwDagCanvas *self)
{
  PwDagScene *scene = _pw_dag_canvas_ensure_scene (self);
  PwDagHitIndex *index = pw_dag_scene_get_hit_index (scene);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  PwDagPoint start;

  if (g_hash_table_size (self->selection) == 1)
    {
      GHashTableIter iter;
      gpointer task;

      g_hash_table_iter_init (&iter, self->selection);
      g_hash_table_iter_next (&iter, &task, NULL);
      start.x = pw_task_get_x (task) + COLUMN_STEP;
      start.y = pw_task_get_y (task);
    }
  else
    {
      PwDagRect visible = pw_dag_view_visible_rect (&self->view, gtk_widget_get_width (GTK_WIDGET (self)),
                                                    gtk_widget_get_height (GTK_WIDGET (self)));

      start = pw_dag_rect_center (&visible);
      start.x -= PW_DAG_NODE_WIDTH / 2;
      start.y -= PW_DAG_NODE_HEIGHT / 2;
    }
  start.x = _pw_dag_canvas_snap (self, start.x);
  start.y = _pw_dag_canvas_snap (self, start.y);

  for (guint column = 0; column < 20; column++)
    for (guint row = 0; row < 50; row++)
      {
        PwDagPoint at = { start.x + column * COLUMN_STEP, start.y + row * ROW_STEP };
        /* The card with room around it for ports and badges. */
        PwDagRect card = pw_dag_rect_make (at.x, at.y, PW_DAG_NODE_WIDTH, PW_DAG_NODE_HEIGHT);
        PwDagRect room = pw_dag_rect_inflate (&card, PW_DAG_PORT_RADIUS + 8, 8);

        g_array_set_size (found, 0);
        if (pw_dag_hit_index_nodes_in_rect (index, &room, found) == 0)
          return at;
      }

  return start;
}

static void
paste_flow (PwDagCanvas *self,
            PwFlow      *clip)
{
  g_autoptr(GPtrArray) tasks = NULL;
  GListModel *model = pw_flow_get_tasks (clip);
  guint n = g_list_model_get_n_items (model);
  g_autofree double *xs = g_new (double, MAX (n, 1));
  g_autofree double *ys = g_new (double, MAX (n, 1));
  PwDagRect bounds, visible;
  PwDagPoint at;
  PwDagCommand *command;

  if (n == 0 || !self->editable || self->flow == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwTask) task = g_list_model_get_item (model, i);

      xs[i] = pw_task_get_x (task);
      ys[i] = pw_task_get_y (task);
    }
  bounds = pw_dag_nodes_bounds (xs, ys, n);
  bounds.x += PW_DAG_PORT_RADIUS;
  visible = pw_dag_view_visible_rect (&self->view, gtk_widget_get_width (GTK_WIDGET (self)),
                                      gtk_widget_get_height (GTK_WIDGET (self)));

  /* At the pointer; else under where the tasks were, if that is in view;
   * else in the middle of the view. */
  if (self->pointer_inside)
    at = pw_dag_view_to_world (&self->view, self->pointer);
  else if (pw_dag_rect_intersects (&visible, &bounds))
    at = (PwDagPoint) { bounds.x, bounds.y + free_row_below (self, &bounds) };
  else
    {
      at = pw_dag_rect_center (&visible);
      at.x -= bounds.width / 2;
      at.y -= bounds.height / 2;
    }

  tasks = pw_dag_clipboard_prepare_paste (self->flow, clip,
                                          _pw_dag_canvas_snap (self, at.x) - bounds.x,
                                          _pw_dag_canvas_snap (self, at.y) - bounds.y);
  command = pw_dag_command_add_tasks ((PwTask **) tasks->pdata, tasks->len);
  pw_dag_command_set_label (command, _("Paste"));
  pw_dag_undo_execute (self->undo, command);
  select_tasks (self, tasks);
}

static void
paste_text_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PwDagCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(PwFlow) clip = NULL;

  if (text == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pw_dag_canvas_show_toast (self, _("The clipboard holds no tasks"));
      return;
    }

  clip = pw_dag_clipboard_from_text (text, (gsize) -1, &error);
  if (clip == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The clipboard holds no tasks: %s"), error->message);

      _pw_dag_canvas_show_toast (self, message);
      return;
    }

  paste_flow (self, clip);
}

static void
paste_value_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PwDagCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);

  if (value != NULL && G_VALUE_HOLDS (value, PW_TYPE_FLOW) && g_value_get_object (value) != NULL)
    {
      paste_flow (self, g_value_get_object (value));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not from this process: read the flow file as text. */
  gdk_clipboard_read_text_async (GDK_CLIPBOARD (source), self->cancellable, paste_text_done,
                                 g_object_ref (self));
}

/* Actions ------------------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);

  if (self->undo != NULL && self->editable)
    pw_dag_undo_undo (self->undo);
}

static void
redo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);

  if (self->undo != NULL && self->editable)
    pw_dag_undo_redo (self->undo);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  _pw_dag_canvas_delete_selection (PW_DAG_CANVAS (widget));
}

static void
copy_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  copy_selection (PW_DAG_CANVAS (widget));
}

static void
cut_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  g_autoptr(GPtrArray) tasks = selected_tasks (self);
  PwDagCommand *command;

  if (!self->editable || tasks->len == 0)
    return;

  copy_selection (self);
  command = pw_dag_command_delete_tasks (self->flow, (PwTask **) tasks->pdata, tasks->len);
  pw_dag_command_set_label (command, _("Cut"));
  pw_dag_undo_execute (self->undo, command);
}

static void
paste_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);

  if (!self->editable || self->flow == NULL)
    return;

  gdk_clipboard_read_value_async (gtk_widget_get_clipboard (widget), PW_TYPE_FLOW, G_PRIORITY_DEFAULT,
                                  self->cancellable, paste_value_done, g_object_ref (self));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  g_autoptr(GPtrArray) selected = selected_tasks (self);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(PwFlow) clip = NULL;
  PwDagCommand *command;
  PwDagRect bounds;

  if (!self->editable || selected->len == 0)
    return;

  clip = pw_dag_clipboard_subset (self->flow, (PwTask **) selected->pdata, selected->len);
  bounds = pw_dag_scene_get_nodes_bounds (_pw_dag_canvas_ensure_scene (self), self->scene->selected);
  tasks = pw_dag_clipboard_prepare_paste (self->flow, clip, 0, free_row_below (self, &bounds));
  command = pw_dag_command_add_tasks ((PwTask **) tasks->pdata, tasks->len);
  pw_dag_command_set_label (command, _("Duplicate"));
  pw_dag_undo_execute (self->undo, command);
  select_tasks (self, tasks);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  pw_dag_canvas_select_all (PW_DAG_CANVAS (widget));
}

static void
select_none_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  pw_dag_canvas_unselect_all (PW_DAG_CANVAS (widget));
}

static void
zoom_by (PwDagCanvas *self,
         double       factor)
{
  PwDagPoint anchor = self->pointer_inside
    ? self->pointer
    : (PwDagPoint) { gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 };
  PwDagView view = pw_dag_view_zoom_at (&self->view, self->view.scale * factor, anchor);

  _pw_dag_canvas_set_view (self, &view, FALSE);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  zoom_by (PW_DAG_CANVAS (widget), ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  zoom_by (PW_DAG_CANVAS (widget), 1 / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  pw_dag_canvas_zoom_to_fit (PW_DAG_CANVAS (widget));
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  pw_dag_canvas_set_zoom (PW_DAG_CANVAS (widget), 1.0);
}

static void
tidy_up_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  pw_dag_canvas_tidy_up (PW_DAG_CANVAS (widget));
}

static void
add_task_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  PwDagPoint at = self->pointer_inside
    ? self->pointer
    : (PwDagPoint) { gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0 };

  _pw_dag_canvas_popup_palette (self, pw_dag_view_to_world (&self->view, at));
}

static void
add_task_kind_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  PwTaskKind kind;
  PwDagPoint at = self->add_point;
  PwTask *task;

  if (!pw_task_kind_from_string (g_variant_get_string (param, NULL), &kind))
    {
      g_warning ("canvas.add-task-kind: no task kind “%s”", g_variant_get_string (param, NULL));
      return;
    }

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
}

static void
connect_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  g_autoptr(GError) error = NULL;
  const char *up, *down;

  g_variant_get (param, "(&s&s)", &up, &down);
  if (!pw_dag_canvas_connect (self, up, down, &error))
    _pw_dag_canvas_refused (self, error->message);
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  PwDagCommand *command;
  const char *up, *down;

  g_variant_get (param, "(&s&s)", &up, &down);
  command = pw_dag_command_disconnect (self->flow, up, down);
  if (command != NULL)
    pw_dag_undo_execute (self->undo, command);
}

/**
 * pw_dag_canvas_export:
 * @file: where to write
 * @format: PNG or SVG
 * @error: return location for a #GError
 *
 * Draws the whole flow into @file (pw_dag_export_scene()) in the canvas's
 * colours.
 *
 * Returns: %TRUE on success
 */
gboolean
pw_dag_canvas_export (PwDagCanvas        *self,
                      GFile              *file,
                      PwDagExportFormat   format,
                      GError            **error)
{
  PwDagScene *scene;
  PangoContext *pango;
  gboolean done;

  g_return_val_if_fail (PW_IS_DAG_CANVAS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  scene = _pw_dag_canvas_ensure_scene (self);
  if (scene == NULL)
    {
      g_set_error_literal (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY,
                           _("There is no flow to export"));
      return FALSE;
    }

  pango = gtk_widget_create_pango_context (GTK_WIDGET (self));
  done = pw_dag_export_scene (scene, &self->colors, pango, file, format, error);
  g_object_unref (pango);
  return done;
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    PwDagCanvas     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PwDagExportFormat format = PW_DAG_EXPORT_PNG;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  g_object_unref (dialog);
  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  if (!pw_dag_export_format_from_name (name, &format))
    {
      /* No known extension: PNG, named so. */
      g_autofree char *png = g_strconcat (name, ".png", NULL);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      GFile *child = g_file_get_child (parent, png);

      g_object_unref (file);
      file = child;
    }

  if (!pw_dag_canvas_export (self, file, format, &error))
    _pw_dag_canvas_show_toast (self, error->message);
  else
    {
      g_autofree char *shown = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), shown);

      _pw_dag_canvas_show_toast (self, message);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  PwDagCanvas *self = PW_DAG_CANVAS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) svg = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;

  dialog = gtk_file_chooser_native_new (_("Export Flow"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  gtk_file_filter_set_name (png, _("PNG Image"));
  gtk_file_filter_add_mime_type (png, "image/png");
  gtk_file_filter_add_suffix (png, "png");
  gtk_file_filter_set_name (svg, _("SVG Drawing"));
  gtk_file_filter_add_mime_type (svg, "image/svg+xml");
  gtk_file_filter_add_suffix (svg, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), png);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), svg);

  suggested = g_strdup_printf ("%s.png", self->flow != NULL ? pw_flow_get_name (self->flow) : "flow");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * _pw_dag_canvas_class_setup_actions: (skip)
 *
 * Installs the `canvas.*` actions.
 */
void
_pw_dag_canvas_class_setup_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "canvas.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, cut_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-none", NULL, select_none_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "canvas.tidy-up", NULL, tidy_up_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-task", NULL, add_task_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-task-kind", "s", add_task_kind_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect", "(ss)", connect_action);
  gtk_widget_class_install_action (widget_class, "canvas.disconnect", "(ss)", disconnect_action);
  gtk_widget_class_install_action (widget_class, "canvas.export", NULL, export_action);
  gtk_widget_class_install_property_action (widget_class, "canvas.snap-to-grid", "snap-to-grid");
  gtk_widget_class_install_property_action (widget_class, "canvas.show-minimap", "show-minimap");
}
