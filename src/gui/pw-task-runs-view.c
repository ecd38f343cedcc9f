/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-task-runs-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pw-format.h"
#include "pw-state-chip.h"
#include "pw-task-runs-view.h"

/*
 * PwTaskRunsView: the task runs of a flow run in a table, updated live
 * (each row follows its task run's properties). In graph mode the rows go
 * in dependency order, each with its step (its depth in the graph) and
 * what it waits for: the Graph tab until the DAG canvas takes its place.
 * In detail mode they go in the order they were created, with attempts,
 * cache and result. Activating a row emits ::task-activated.
 */
struct _PwTaskRunsView
{
  AdwBin          parent_instance;

  /* template children */
  GtkStack       *stack;
  GtkColumnView  *column_view;

  PwTaskRunsMode  mode;
  GListModel     *task_runs;
  GtkSorter      *sorter;
  GHashTable     *levels;     /* task run id → GUINT_TO_POINTER (level + 1) */
  GHashTable     *by_id;      /* task run id → PwTaskRun (borrowed) */
  GHashTable     *ticking;
  guint           tick_id;
};

G_DEFINE_FINAL_TYPE (PwTaskRunsView, pw_task_runs_view, ADW_TYPE_BIN)

enum {
  TASK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  COLUMN_STEP,
  COLUMN_STATE,
  COLUMN_TASK,
  COLUMN_WAITS_FOR,
  COLUMN_ATTEMPTS,
  COLUMN_STARTED,
  COLUMN_DURATION,
  COLUMN_CACHED,
  COLUMN_RESULT,
} Column;

static guint
level_of (const char *id,
          GHashTable *by_id,
          GHashTable *levels,
          guint       depth)
{
  gpointer cached = g_hash_table_lookup (levels, id);
  PwTaskRun *task_run = g_hash_table_lookup (by_id, id);
  const char * const *upstream;
  guint level = 0;

  if (cached != NULL)
    return GPOINTER_TO_UINT (cached) - 1;
  if (task_run == NULL || depth > 10000)
    return 0;

  upstream = pw_task_run_get_upstream_ids (task_run);
  for (guint i = 0; upstream != NULL && upstream[i] != NULL; i++)
    if (g_hash_table_contains (by_id, upstream[i]))
      level = MAX (level, level_of (upstream[i], by_id, levels, depth + 1) + 1);

  g_hash_table_insert (levels, g_strdup (id), GUINT_TO_POINTER (level + 1));
  return level;
}

/**
 * pw_task_runs_compute_levels:
 * @task_runs: (element-type PwTaskRun): the task runs of a flow run
 *
 * The step of each task run: 0 for one that waits for nothing, else one
 * more than the deepest task run it waits for (the longest path to it).
 *
 * Returns: (transfer full): task run id → GUINT_TO_POINTER (step + 1)
 */
GHashTable *
pw_task_runs_compute_levels (GListModel *task_runs)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (task_runs); i++)
    {
      PwTaskRun *task_run = g_list_model_get_item (task_runs, i);

      g_ptr_array_add (items, task_run);
      if (pw_task_run_get_id (task_run) != NULL)
        g_hash_table_insert (by_id, (gpointer)pw_task_run_get_id (task_run), task_run);
    }

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = pw_task_run_get_id (g_ptr_array_index (items, i));

      if (id != NULL)
        level_of (id, by_id, levels, 0);
    }

  return levels;
}

static guint
get_level (PwTaskRunsView *self,
           PwTaskRun      *task_run)
{
  gpointer level = g_hash_table_lookup (self->levels, pw_task_run_get_id (task_run));

  return level != NULL ? GPOINTER_TO_UINT (level) - 1 : 0;
}

static int
compare_times (GDateTime *a,
               GDateTime *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_date_time_compare (a, b);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  PwTaskRunsView *self = user_data;
  PwTaskRun *ra = (PwTaskRun *)a;
  PwTaskRun *rb = (PwTaskRun *)b;
  guint la = get_level (self, ra);
  guint lb = get_level (self, rb);
  int cmp;

  if (la != lb)
    return la < lb ? -1 : 1;

  cmp = compare_times (pw_task_run_get_expected_start_time (ra), pw_task_run_get_expected_start_time (rb));
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (pw_task_run_get_name (ra), pw_task_run_get_name (rb));
}

static void
recompute (PwTaskRunsView *self)
{
  g_hash_table_remove_all (self->by_id);
  g_clear_pointer (&self->levels, g_hash_table_unref);

  if (self->task_runs == NULL)
    {
      self->levels = g_hash_table_new (g_str_hash, g_str_equal);
      return;
    }

  self->levels = pw_task_runs_compute_levels (self->task_runs);
  for (guint i = 0; i < g_list_model_get_n_items (self->task_runs); i++)
    {
      g_autoptr(PwTaskRun) task_run = g_list_model_get_item (self->task_runs, i);

      if (pw_task_run_get_id (task_run) != NULL)
        g_hash_table_insert (self->by_id, (gpointer)pw_task_run_get_id (task_run), task_run);
    }

  if (self->sorter != NULL)
    gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
task_runs_changed_cb (PwTaskRunsView *self)
{
  recompute (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (self->task_runs) > 0 ? "table" : "empty");
}

/* Cells */

static void
update_duration (GtkListItem *item,
                 GDateTime   *now)
{
  PwTaskRun *task_run = gtk_list_item_get_item (item);
  g_autofree char *text = pw_format_duration (pw_task_run_elapsed (task_run, now));

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static gboolean
tick_cb (gpointer data)
{
  PwTaskRunsView *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->ticking);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_duration (item, now);

  return G_SOURCE_CONTINUE;
}

static void
set_ticking (PwTaskRunsView *self,
             GtkListItem    *item,
             gboolean        ticking)
{
  if (ticking)
    g_hash_table_add (self->ticking, item);
  else
    g_hash_table_remove (self->ticking, item);

  if (g_hash_table_size (self->ticking) > 0 && self->tick_id == 0)
    self->tick_id = g_timeout_add (1000, tick_cb, self);
  else if (g_hash_table_size (self->ticking) == 0)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static char *
describe_waits_for (PwTaskRunsView *self,
                    PwTaskRun      *task_run)
{
  const char * const *upstream = pw_task_run_get_upstream_ids (task_run);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; upstream != NULL && upstream[i] != NULL; i++)
    {
      PwTaskRun *up = g_hash_table_lookup (self->by_id, upstream[i]);

      if (up != NULL)
        g_ptr_array_add (names, (gpointer)pw_task_run_get_name (up));
    }

  if (names->len == 0)
    return g_strdup ("—");

  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **)names->pdata);
}

static void
update_cell (PwTaskRunsView *self,
             GtkListItem    *item,
             Column          column)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  PwTaskRun *task_run = gtk_list_item_get_item (item);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_STEP:
      text = g_strdup_printf ("%u", get_level (self, task_run) + 1);
      break;

    case COLUMN_STATE:
      {
        PwState *state = pw_task_run_get_state (task_run);
        const char *message = state != NULL ? pw_state_get_message (state) : NULL;

        pw_state_chip_set_state (PW_STATE_CHIP (child), pw_task_run_get_state_type (task_run),
                                 pw_task_run_get_state_name (task_run));
        /* Why it is in that state (why it failed …), on hover. */
        gtk_widget_set_tooltip_text (child, message != NULL && *message != '\0' ? message : NULL);
      }
      return;

    case COLUMN_TASK:
      text = g_strdup (pw_task_run_get_name (task_run));
      break;

    case COLUMN_WAITS_FOR:
      text = describe_waits_for (self, task_run);
      gtk_widget_set_tooltip_text (child, text);
      break;

    case COLUMN_ATTEMPTS:
      text = g_strdup_printf ("%u", pw_task_run_get_run_count (task_run));
      break;

    case COLUMN_STARTED:
      text = pw_format_time (pw_task_run_get_start_time (task_run), now);
      break;

    case COLUMN_DURATION:
      update_duration (item, now);
      set_ticking (self, item, pw_task_run_get_start_time (task_run) != NULL &&
                               !pw_state_type_is_terminal (pw_task_run_get_state_type (task_run)));
      return;

    case COLUMN_CACHED:
      text = g_strdup (g_strcmp0 (pw_task_run_get_state_name (task_run), "Cached") == 0 ? _("Yes") : "—");
      break;

    case COLUMN_RESULT:
      {
        const char *result = pw_task_run_get_result (task_run);

        text = pw_format_result_preview (result, 80);
        gtk_widget_set_tooltip_text (child, result != NULL && *result != '\0' ? result : NULL);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
}

static void
task_run_notify_cb (GtkListItem *item)
{
  PwTaskRunsView *self = g_object_get_data (G_OBJECT (item), "pw-view");
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "pw-column"));

  if (self != NULL)
    update_cell (self, item, column);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PwTaskRunsView           *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "pw-column"));
  GtkWidget *child;

  g_object_set_data (G_OBJECT (item), "pw-view", self);
  g_object_set_data (G_OBJECT (item), "pw-column", GUINT_TO_POINTER (column));

  if (column == COLUMN_STATE)
    {
      child = pw_state_chip_new ();
    }
  else
    {
      child = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (child), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      if (column == COLUMN_RESULT)
        gtk_widget_add_css_class (child, "monospace");
      if (column == COLUMN_STEP || column == COLUMN_ATTEMPTS || column == COLUMN_STARTED ||
          column == COLUMN_DURATION)
        gtk_widget_add_css_class (child, "numeric");
      if (column == COLUMN_WAITS_FOR || column == COLUMN_CACHED)
        gtk_widget_add_css_class (child, "dim-label");
    }

  gtk_list_item_set_child (item, child);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         PwTaskRunsView           *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "pw-column"));
  gulong handler;

  handler = g_signal_connect_swapped (gtk_list_item_get_item (item), "notify",
                                      G_CALLBACK (task_run_notify_cb), item);
  g_object_set_data (G_OBJECT (item), "pw-handler", GSIZE_TO_POINTER (handler));
  update_cell (self, item, column);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PwTaskRunsView           *self)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "pw-handler"));

  if (handler != 0)
    g_signal_handler_disconnect (gtk_list_item_get_item (item), handler);
  g_object_set_data (G_OBJECT (item), "pw-handler", NULL);
  set_ticking (self, item, FALSE);
}

static void
teardown_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PwTaskRunsView           *self)
{
  set_ticking (self, item, FALSE);
  g_object_set_data (G_OBJECT (item), "pw-view", NULL);
}

static void
add_column (PwTaskRunsView *self,
            Column          column,
            const char     *title,
            int             width,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "pw-column", GUINT_TO_POINTER (column));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (teardown_cb), self, 0);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

static void
activate_cb (PwTaskRunsView *self,
             guint           position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
  g_autoptr(PwTaskRun) task_run = g_list_model_get_item (model, position);

  if (task_run != NULL)
    g_signal_emit (self, signals[TASK_ACTIVATED], 0, pw_task_run_get_id (task_run));
}

/* API */

GtkWidget *
pw_task_runs_view_new (PwTaskRunsMode mode)
{
  PwTaskRunsView *self = g_object_new (PW_TYPE_TASK_RUNS_VIEW, NULL);

  self->mode = mode;
  if (mode == PW_TASK_RUNS_MODE_GRAPH)
    {
      add_column (self, COLUMN_STEP, _("Step"), 64, FALSE);
      add_column (self, COLUMN_STATE, _("State"), 128, FALSE);
      add_column (self, COLUMN_TASK, _("Task"), 160, TRUE);
      add_column (self, COLUMN_WAITS_FOR, _("Waits For"), 220, FALSE);
      add_column (self, COLUMN_DURATION, _("Duration"), 92, FALSE);
    }
  else
    {
      add_column (self, COLUMN_STATE, _("State"), 128, FALSE);
      add_column (self, COLUMN_TASK, _("Task"), 160, TRUE);
      add_column (self, COLUMN_ATTEMPTS, _("Attempts"), 84, FALSE);
      add_column (self, COLUMN_STARTED, _("Started"), 118, FALSE);
      add_column (self, COLUMN_DURATION, _("Duration"), 92, FALSE);
      add_column (self, COLUMN_CACHED, _("Cached"), 76, FALSE);
      add_column (self, COLUMN_RESULT, _("Result"), 220, FALSE);
    }

  return GTK_WIDGET (self);
}

PwTaskRunsMode
pw_task_runs_view_get_mode (PwTaskRunsView *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUNS_VIEW (self), PW_TASK_RUNS_MODE_DETAIL);
  return self->mode;
}

/**
 * pw_task_runs_view_set_task_runs:
 * @task_runs: (nullable): the #PwTaskRun to show, kept up to date by the
 *   caller
 */
void
pw_task_runs_view_set_task_runs (PwTaskRunsView *self,
                                 GListModel     *task_runs)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (PW_IS_TASK_RUNS_VIEW (self));

  if (self->task_runs != NULL)
    g_signal_handlers_disconnect_by_func (self->task_runs, task_runs_changed_cb, self);
  g_set_object (&self->task_runs, task_runs);

  if (task_runs == NULL)
    {
      gtk_column_view_set_model (self->column_view, NULL);
      recompute (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_signal_connect_object (task_runs, "items-changed", G_CALLBACK (task_runs_changed_cb),
                           self, G_CONNECT_SWAPPED);

  if (self->mode == PW_TASK_RUNS_MODE_GRAPH)
    {
      GtkSortListModel *sorted;

      g_clear_object (&self->sorter);
      self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, self, NULL));
      sorted = gtk_sort_list_model_new (g_object_ref (task_runs), g_object_ref (self->sorter));
      selection = gtk_no_selection_new (G_LIST_MODEL (sorted));
    }
  else
    {
      selection = gtk_no_selection_new (g_object_ref (task_runs));
    }

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  task_runs_changed_cb (self);
}

GListModel *
pw_task_runs_view_get_task_runs (PwTaskRunsView *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUNS_VIEW (self), NULL);
  return self->task_runs;
}

GtkColumnView *
pw_task_runs_view_get_column_view (PwTaskRunsView *self)
{
  g_return_val_if_fail (PW_IS_TASK_RUNS_VIEW (self), NULL);
  return self->column_view;
}

static void
pw_task_runs_view_dispose (GObject *object)
{
  PwTaskRunsView *self = (PwTaskRunsView *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  /* The bin's child is a template child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_TASK_RUNS_VIEW);
  g_clear_object (&self->task_runs);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (pw_task_runs_view_parent_class)->dispose (object);
}

static void
pw_task_runs_view_finalize (GObject *object)
{
  PwTaskRunsView *self = (PwTaskRunsView *)object;

  g_clear_pointer (&self->levels, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->ticking, g_hash_table_unref);

  G_OBJECT_CLASS (pw_task_runs_view_parent_class)->finalize (object);
}

static void
pw_task_runs_view_class_init (PwTaskRunsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_task_runs_view_dispose;
  object_class->finalize = pw_task_runs_view_finalize;

  /**
   * PwTaskRunsView::task-activated:
   * @task_run_id: the task run of the row
   *
   * A row was activated (to show its logs, say).
   */
  signals[TASK_ACTIVATED] =
    g_signal_new ("task-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-task-runs-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PwTaskRunsView, stack);
  gtk_widget_class_bind_template_child (widget_class, PwTaskRunsView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
pw_task_runs_view_init (PwTaskRunsView *self)
{
  self->levels = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->ticking = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
}
