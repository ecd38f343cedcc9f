/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pw-argv-editor.h"
#include "pw-dag-command.h"
#include "pw-dag-undo.h"
#include "pw-flow.h"
#include "pw-key-value-editor.h"
#include "pw-local-backend.h"
#include "pw-task-pane-private.h"

/*
 * PwTaskPane under Xvfb: a real window with the pane at sidebar width,
 * fields changed through the widgets, the task checked, undo and redo
 * through the same PwDagUndo the canvas uses, and the widgets checked
 * again. Screenshots go to tests/panes/screenshots in the build directory.
 */

#define TIMEOUT_MS 10000

typedef struct
{
  GtkWidget  *window;
  PwTaskPane *pane;
  PwFlow     *flow;
  PwDagUndo  *undo;
} Fixture;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_assert_true (wait_until (widget_drawn, widget));
  settle (300);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);

  for (gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
       node == NULL && g_get_monotonic_time () < deadline;)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        settle (50);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* A flow with one task of each kind, in a line. */
static PwFlow *
make_flow (void)
{
  PwFlow *flow = pw_flow_new ("etl");
  g_autoptr(PwTask) extract = pw_task_new ("extract", PW_TASK_KIND_COMMAND);
  g_autoptr(PwTask) transform = pw_task_new ("transform", PW_TASK_KIND_SHELL);
  g_autoptr(PwTask) load = pw_task_new ("load", PW_TASK_KIND_HTTP);
  g_autoptr(PwTask) report = pw_task_new ("report", PW_TASK_KIND_SUBFLOW);
  g_autoptr(PwTask) done = pw_task_new ("done", PW_TASK_KIND_NOOP);
  const char *argv[] = { "python3", "extract.py", "--since", "{{ flow_run.scheduled_time }}", NULL };
  const char *env[] = { "PYTHONUNBUFFERED", "1", "DATA_DIR", "/srv/data", NULL };
  const char *headers[] = { "Content-Type", "application/json", "Authorization", "Bearer xyz", NULL };
  const char *after_extract[] = { "extract", NULL };
  const char *after_transform[] = { "transform", NULL };
  const char *after_load[] = { "load", NULL };
  const char *after_both[] = { "extract", "report", NULL };
  const char *tags[] = { "etl", "nightly", NULL };

  pw_task_set_name (extract, "Extract orders");
  pw_task_set_command (extract, argv);
  pw_task_set_env (extract, env);
  pw_task_set_workdir (extract, "/srv/etl");
  pw_task_set_tags (extract, tags);
  pw_task_set_retries (extract, 2);
  pw_task_set_timeout_seconds (extract, 600);

  pw_task_set_script (transform, "set -e\nsort -u orders.csv > clean.csv\nwc -l clean.csv\n");
  pw_task_set_after (transform, after_extract);

  pw_task_set_method (load, "POST");
  pw_task_set_url (load, "https://warehouse.example.com/api/load");
  pw_task_set_headers (load, headers);
  pw_task_set_body (load, "{\"file\": \"clean.csv\"}");
  pw_task_set_after (load, after_transform);

  pw_task_set_flow_name (report, "weekly-report");
  pw_task_set_after (report, after_load);
  pw_task_set_after (done, after_both);

  pw_flow_add_task (flow, extract);
  pw_flow_add_task (flow, transform);
  pw_flow_add_task (flow, load);
  pw_flow_add_task (flow, report);
  pw_flow_add_task (flow, done);
  return flow;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->flow = make_flow ();
  f->undo = pw_dag_undo_new (f->flow);
  f->window = gtk_window_new ();
  f->pane = PW_TASK_PANE (pw_task_pane_new ());
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->pane));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_assert_finalize_object (f->undo);
  g_assert_finalize_object (f->flow);
}

static void
show (Fixture    *f,
      const char *key)
{
  pw_task_pane_set_task (f->pane, f->flow, pw_flow_get_task (f->flow, key), f->undo);
  drain ();
}

static PwTask *
task (Fixture    *f,
      const char *key)
{
  return pw_flow_get_task (f->flow, key);
}

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
type (gpointer    editable,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* What the focus leaving a widget does, without a window manager to
 * move the focus. */
static void
leave (gpointer widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (widget));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_FOCUS (controller))
        {
          g_signal_emit_by_name (controller, "leave");
          n++;
        }
    }
  g_assert_cmpuint (n, >, 0);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_templates (void)
{
  GtkWidget *pane = g_object_ref_sink (pw_task_pane_new ());
  GtkWidget *argv = g_object_ref_sink (pw_argv_editor_new ());
  GtkWidget *pairs = g_object_ref_sink (pw_key_value_editor_new ("_Add"));

  g_assert_null (pw_task_pane_get_task (PW_TASK_PANE (pane)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (PW_TASK_PANE (pane)->stack), ==, "empty");
  g_assert_finalize_object (pane);
  g_assert_finalize_object (argv);
  g_assert_finalize_object (pairs);
}

static void
test_shows_task (Fixture       *f,
                 gconstpointer  data)
{
  PwTaskPane *p = f->pane;

  show (f, "extract");
  g_assert_true (pw_task_pane_get_task (p) == task (f, "extract"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (p->stack), ==, "task");
  g_assert_cmpstr (text_of (p->key_row), ==, "extract");
  g_assert_cmpstr (text_of (p->name_row), ==, "Extract orders");
  g_assert_cmpuint (adw_combo_row_get_selected (p->kind_row), ==, PW_TASK_KIND_COMMAND);
  g_assert_cmpuint (pw_argv_editor_get_n_args (p->argv_editor), ==, 4);
  g_assert_cmpstr (text_of (pw_argv_editor_get_row (p->argv_editor, 1)), ==, "extract.py");
  g_assert_cmpuint (pw_key_value_editor_get_n_rows (p->env_editor), ==, 2);
  g_assert_cmpstr (text_of (pw_key_value_editor_get_value (p->env_editor, 1)), ==, "/srv/data");
  g_assert_cmpstr (text_of (p->workdir_row), ==, "/srv/etl");
  g_assert_cmpstr (text_of (p->tags_row), ==, "etl, nightly");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (p->retries_spin), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (p->timeout_spin), ==, 600);
  /* -1 is the flow's default, shown as a word */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (p->delay_spin), ==, -1);
  g_assert_cmpstr (text_of (p->delay_spin), ==, "Default");
  g_assert_false (gtk_switch_get_active (p->cache_switch));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->expiration_row)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->command_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->http_group)));
  /* showing is not editing */
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 0);

  pw_task_pane_set_task (p, NULL, NULL, NULL);
  g_assert_null (pw_task_pane_get_task (p));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (p->stack), ==, "empty");
}

/* Each kind of widget: the task changes, one undo step each, undo puts
 * the task and the widget back, redo again. */
static void
test_edit_undo_redo (Fixture       *f,
                     gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "extract");

  show (f, "extract");

  /* entry */
  type (p->name_row, "Extract all orders");
  g_assert_cmpstr (pw_task_get_name (t), ==, "Extract all orders");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 1);

  /* spin button */
  gtk_spin_button_set_value (p->retries_spin, 5);
  g_assert_cmpint (pw_task_get_retries (t), ==, 5);
  gtk_spin_button_set_value (p->backoff_spin, 2.5);
  g_assert_cmpfloat (pw_task_get_retry_backoff (t), ==, 2.5);
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 3);

  /* switch, which shows the expiration */
  gtk_switch_set_active (p->cache_switch, TRUE);
  g_assert_cmpint (pw_task_get_cache_policy (t), ==, PW_CACHE_POLICY_INPUTS);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->expiration_row)));
  gtk_spin_button_set_value (p->expiration_spin, 3600);
  g_assert_cmpint (pw_task_get_cache_expiration_seconds (t), ==, 3600);

  /* combo */
  adw_combo_row_set_selected (p->trigger_row, PW_TRIGGER_RULE_ALL_FINISHED);
  g_assert_cmpint (pw_task_get_trigger (t), ==, PW_TRIGGER_RULE_ALL_FINISHED);

  /* tags */
  type (p->tags_row, "etl, nightly, orders");
  g_assert_cmpstrv (pw_task_get_tags (t), ((const char *[]) { "etl", "nightly", "orders", NULL }));

  /* argv */
  type (pw_argv_editor_get_row (p->argv_editor, 1), "extract_v2.py");
  g_assert_cmpstr (pw_task_get_command (t)[1], ==, "extract_v2.py");

  /* env */
  type (pw_key_value_editor_get_value (p->env_editor, 0), "0");
  g_assert_cmpstrv (pw_task_get_env (t), ((const char *[]) { "PYTHONUNBUFFERED", "0", "DATA_DIR", "/srv/data", NULL }));

  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 9);

  /* Undo everything, newest first, checking the widgets follow. */
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (pw_task_get_env (t)[1], ==, "1");
  g_assert_cmpstr (text_of (pw_key_value_editor_get_value (p->env_editor, 0)), ==, "1");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (text_of (pw_argv_editor_get_row (p->argv_editor, 1)), ==, "extract.py");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (text_of (p->tags_row), ==, "etl, nightly");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpint (pw_task_get_trigger (t), ==, PW_TRIGGER_RULE_ALL_SUCCESSFUL);
  g_assert_cmpuint (adw_combo_row_get_selected (p->trigger_row), ==, PW_TRIGGER_RULE_ALL_SUCCESSFUL);
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (p->expiration_spin), ==, 0);
  g_assert_cmpstr (text_of (p->expiration_spin), ==, "Never");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_false (gtk_switch_get_active (p->cache_switch));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->expiration_row)));
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpfloat (gtk_spin_button_get_value (p->backoff_spin), ==, 1.0);
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpint (pw_task_get_retries (t), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (p->retries_spin), ==, 2);
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (pw_task_get_name (t), ==, "Extract orders");
  g_assert_cmpstr (text_of (p->name_row), ==, "Extract orders");
  g_assert_false (pw_dag_undo_can_undo (f->undo));

  /* Setting the widgets back made no edit of its own. */
  g_assert_cmpuint (pw_dag_undo_get_n_redo (f->undo), ==, 9);

  g_assert_true (pw_dag_undo_redo (f->undo));
  g_assert_cmpstr (text_of (p->name_row), ==, "Extract all orders");
  g_assert_true (pw_dag_undo_redo (f->undo));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (p->retries_spin), ==, 5);
  g_assert_cmpuint (pw_dag_undo_get_n_redo (f->undo), ==, 7);
}

static void
test_typing_merges (Fixture       *f,
                    gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "load");

  show (f, "load");

  type (p->url_row, "https://warehouse.example.com/api/load?");
  type (p->url_row, "https://warehouse.example.com/api/load?f");
  type (p->url_row, "https://warehouse.example.com/api/load?fu");
  type (p->url_row, "https://warehouse.example.com/api/load?full=1");
  g_assert_cmpstr (pw_task_get_url (t), ==, "https://warehouse.example.com/api/load?full=1");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 1);

  /* Enter ends the burst: more typing is a step of its own. */
  g_signal_emit_by_name (p->url_row, "entry-activated");
  type (p->url_row, "https://warehouse.example.com/api/load?full=12");
  type (p->url_row, "https://warehouse.example.com/api/load?full=123");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 2);

  /* Leaving the field ends the burst too. */
  type (p->url_row, "https://warehouse.example.com/api/load?full=1234");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 2);
  leave (p->url_row);
  type (p->url_row, "https://warehouse.example.com/api/load?full=123");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 3);
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (pw_task_get_url (t), ==, "https://warehouse.example.com/api/load?full=1234");
  g_assert_true (pw_dag_undo_redo (f->undo));

  /* Typing in another field is another step, and so is coming back. */
  type (p->name_row, "L");
  type (p->name_row, "Lo");
  type (p->name_row, "Load");
  type (p->url_row, "https://warehouse.example.com/api/load");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 5);

  /* The script view: one step for several changes. */
  show (f, "transform");
  type (p->name_row, "T");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 6);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (p->script_view), &start);
    gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (p->script_view), &start);
  }
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (p->script_view), "echo ", -1);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (p->script_view), "done", -1);
  g_assert_true (g_str_has_prefix (pw_task_get_script (task (f, "transform")), "echo done"));
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 7);

  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_true (g_str_has_prefix (pw_task_get_script (task (f, "transform")), "set -e"));
  g_assert_true (pw_dag_undo_undo (f->undo));
  show (f, "load");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (text_of (p->url_row), ==, "https://warehouse.example.com/api/load?full=123");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (pw_task_get_name (t), ==, NULL);
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (text_of (p->url_row), ==, "https://warehouse.example.com/api/load?full=1234");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (text_of (p->url_row), ==, "https://warehouse.example.com/api/load?full=1");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (text_of (p->url_row), ==, "https://warehouse.example.com/api/load");
  g_assert_false (pw_dag_undo_can_undo (f->undo));

  /* After an undo, typing again starts a new step. */
  type (p->url_row, "https://warehouse.example.com/api/v2");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (pw_task_get_url (t), ==, "https://warehouse.example.com/api/load");
}

static void
test_invalid_key (Fixture       *f,
                  gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "transform");

  show (f, "transform");

  type (p->key_row, "Transform Step");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->key_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (p->key_error), "not a valid key"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (p->key_row), "error"));
  g_signal_emit_by_name (p->key_row, "apply");
  g_assert_cmpstr (pw_task_get_key (t), ==, "transform");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 0);

  type (p->key_row, "load");
  g_assert_nonnull (strstr (gtk_label_get_text (p->key_error), "Another task already has the key"));
  g_signal_emit_by_name (p->key_row, "apply");
  g_assert_cmpstr (pw_task_get_key (t), ==, "transform");

  type (p->key_row, "");
  g_assert_cmpstr (gtk_label_get_text (p->key_error), ==, "A task needs a key");
  g_signal_emit_by_name (p->key_row, "apply");
  g_assert_cmpstr (pw_task_get_key (t), ==, "transform");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 0);

  /* Fixing it clears the error. */
  type (p->key_row, "transform");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->key_error)));
  drain ();
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (p->key_row), "error"));
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "extract");

  show (f, "extract");

  type (p->key_row, "extract_orders");
  /* nothing is applied while typing */
  g_assert_cmpstr (pw_task_get_key (t), ==, "extract");
  g_signal_emit_by_name (p->key_row, "apply");
  g_assert_cmpstr (pw_task_get_key (t), ==, "extract_orders");
  g_assert_true (pw_flow_get_task (f->flow, "extract_orders") == t);
  g_assert_cmpstrv (pw_task_get_after (task (f, "transform")), ((const char *[]) { "extract_orders", NULL }));
  g_assert_cmpstrv (pw_task_get_after (task (f, "done")), ((const char *[]) { "extract_orders", "report", NULL }));
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 1);
  drain ();
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (p->key_row), "error"));

  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (pw_task_get_key (t), ==, "extract");
  g_assert_cmpstr (text_of (p->key_row), ==, "extract");
  g_assert_cmpstrv (pw_task_get_after (task (f, "transform")), ((const char *[]) { "extract", NULL }));
  g_assert_cmpstrv (pw_task_get_after (task (f, "done")), ((const char *[]) { "extract", "report", NULL }));

  g_assert_true (pw_dag_undo_redo (f->undo));
  g_assert_cmpstr (text_of (p->key_row), ==, "extract_orders");
}

static void
test_switch_kind (Fixture       *f,
                  gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "done");

  show (f, "done");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->noop_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->env_group)));

  adw_combo_row_set_selected (p->kind_row, PW_TASK_KIND_HTTP);
  g_assert_cmpint (pw_task_get_kind (t), ==, PW_TASK_KIND_HTTP);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->http_group)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->headers_group)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->body_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->noop_group)));

  /* an http task needs a URL: said under the request */
  drain ();
  g_assert_true (gtk_widget_get_visible (g_hash_table_lookup (p->group_errors, p->http_group)));
  g_assert_nonnull (strstr (gtk_label_get_text (g_hash_table_lookup (p->group_errors, p->http_group)),
                            "needs a `url`"));

  adw_combo_row_set_selected (p->method_row, 3);
  g_assert_cmpstr (pw_task_get_method (t), ==, "PATCH");

  adw_combo_row_set_selected (p->kind_row, PW_TASK_KIND_SHELL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->shell_group)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->env_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->http_group)));

  adw_combo_row_set_selected (p->kind_row, PW_TASK_KIND_COMMAND);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->command_group)));
  gtk_widget_activate_action (GTK_WIDGET (p->argv_editor), "argv.add", NULL);
  type (pw_argv_editor_get_row (p->argv_editor, 0), "true");
  g_assert_cmpstrv (pw_task_get_command (t), ((const char *[]) { "true", NULL }));

  adw_combo_row_set_selected (p->kind_row, PW_TASK_KIND_SUBFLOW);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->subflow_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->command_group)));

  /* kind, method, kind, kind, add, type, kind */
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 7);
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpint (pw_task_get_kind (t), ==, PW_TASK_KIND_COMMAND);
  g_assert_cmpuint (adw_combo_row_get_selected (p->kind_row), ==, PW_TASK_KIND_COMMAND);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->command_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->subflow_group)));
}

static void
test_argv_editor (Fixture       *f,
                  gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "extract");
  GtkWidget *editor = GTK_WIDGET (p->argv_editor);

  show (f, "extract");

  gtk_widget_activate_action (editor, "argv.add", NULL);
  g_assert_cmpuint (g_strv_length ((char **) pw_task_get_command (t)), ==, 5);
  type (pw_argv_editor_get_row (p->argv_editor, 4), "--v");
  type (pw_argv_editor_get_row (p->argv_editor, 4), "--verbose");
  /* add, then typing into the new row */
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 2);
  g_assert_cmpstr (pw_task_get_command (t)[4], ==, "--verbose");

  gtk_widget_activate_action (editor, "argv.move-up", "i", 4);
  g_assert_cmpstrv (pw_task_get_command (t),
                    ((const char *[]) { "python3", "extract.py", "--since", "--verbose",
                                        "{{ flow_run.scheduled_time }}", NULL }));
  gtk_widget_activate_action (editor, "argv.move-down", "i", 0);
  g_assert_cmpstr (pw_task_get_command (t)[0], ==, "extract.py");
  /* out of range: nothing */
  gtk_widget_activate_action (editor, "argv.move-down", "i", 4);
  gtk_widget_activate_action (editor, "argv.remove", "i", 9);
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 4);

  /* Alt+Up on the row being edited moves its argument, focus following. */
  gtk_widget_grab_focus (GTK_WIDGET (pw_argv_editor_get_row (p->argv_editor, 3)));
  drain ();
  if (gtk_widget_get_state_flags (GTK_WIDGET (pw_argv_editor_get_row (p->argv_editor, 3))) &
      GTK_STATE_FLAG_FOCUS_WITHIN)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (editor);
      gboolean handled = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
            g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Up, 0, GDK_ALT_MASK, &handled);
        }
      g_assert_true (handled);
      g_assert_cmpstr (pw_task_get_command (t)[2], ==, "--verbose");
      g_assert_true (gtk_widget_get_state_flags (GTK_WIDGET (pw_argv_editor_get_row (p->argv_editor, 2))) &
                     GTK_STATE_FLAG_FOCUS_WITHIN);
      g_assert_true (pw_dag_undo_undo (f->undo));
      g_assert_cmpstr (pw_task_get_command (t)[3], ==, "--verbose");
    }
  else
    g_test_message ("the window has no focus here; Alt+Up not checked");

  gtk_widget_activate_action (editor, "argv.remove", "i", 2);
  g_assert_cmpstrv (pw_task_get_command (t),
                    ((const char *[]) { "extract.py", "python3", "--verbose",
                                        "{{ flow_run.scheduled_time }}", NULL }));
  g_assert_cmpuint (pw_argv_editor_get_n_args (p->argv_editor), ==, 4);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (pw_argv_editor_get_row (p->argv_editor, 0))), ==, "Program");

  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpuint (pw_argv_editor_get_n_args (p->argv_editor), ==, 5);
  g_assert_cmpstr (text_of (pw_argv_editor_get_row (p->argv_editor, 2)), ==, "--since");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpuint (pw_argv_editor_get_n_args (p->argv_editor), ==, 4);
  g_assert_cmpstr (text_of (pw_argv_editor_get_row (p->argv_editor, 0)), ==, "python3");
}

static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "load");
  GtkWidget *editor = GTK_WIDGET (p->headers_editor);

  show (f, "load");
  g_assert_cmpuint (pw_key_value_editor_get_n_rows (p->headers_editor), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (p->method_row), ==, 1);
  g_assert_cmpstr (text_of (p->url_row), ==, "https://warehouse.example.com/api/load");

  /* A new row is a draft until it has a name. */
  gtk_widget_activate_action (editor, "pairs.add", NULL);
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 0);
  type (pw_key_value_editor_get_name (p->headers_editor, 2), "X-Run");
  type (pw_key_value_editor_get_value (p->headers_editor, 2), "{{ flow_run.id }}");
  g_assert_cmpstrv (pw_task_get_headers (t),
                    ((const char *[]) { "Content-Type", "application/json", "Authorization", "Bearer xyz",
                                        "X-Run", "{{ flow_run.id }}", NULL }));
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 2);

  /* A header name with a space: shown under the headers. */
  type (pw_key_value_editor_get_name (p->headers_editor, 2), "X Run");
  drain ();
  g_assert_nonnull (strstr (gtk_label_get_text (g_hash_table_lookup (p->group_errors, p->headers_group)),
                            "not a valid header name"));

  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (text_of (pw_key_value_editor_get_name (p->headers_editor, 2)), ==, "X-Run");
  drain ();
  g_assert_false (gtk_widget_get_visible (g_hash_table_lookup (p->group_errors, p->headers_group)));
}

static void
test_inline_problems (Fixture       *f,
                      gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  GtkLabel *http_error = g_hash_table_lookup (p->group_errors, p->http_group);
  GtkLabel *command_error = g_hash_table_lookup (p->group_errors, p->command_group);

  show (f, "load");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (http_error)));

  type (p->url_row, "warehouse example");
  drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (http_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (http_error), "is not a valid URL"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (p->url_row), "error"));

  type (p->url_row, "ftp://warehouse.example.com/");
  drain ();
  g_assert_nonnull (strstr (gtk_label_get_text (http_error), "not an http:// or https:// URL"));

  type (p->url_row, "https://warehouse.example.com/{{ params.table }}");
  drain ();
  g_assert_nonnull (strstr (gtk_label_get_text (http_error), "no parameter `table`"));

  type (p->url_row, "https://warehouse.example.com/");
  drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (http_error)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (p->url_row), "error"));

  /* A template problem in an argument. */
  show (f, "extract");
  type (pw_argv_editor_get_row (p->argv_editor, 3), "{{ tasks.load.result }}");
  drain ();
  g_assert_nonnull (strstr (gtk_label_get_text (command_error), "not upstream of this task"));

  /* A variable name, and a map that is not a list reference. */
  type (pw_key_value_editor_get_name (p->env_editor, 0), "2BAD");
  type (p->map_row, "items");
  drain ();
  g_assert_nonnull (strstr (gtk_label_get_text (g_hash_table_lookup (p->group_errors, p->env_group)),
                            "not a valid environment variable name"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (p->map_row), "error"));
}

static void
test_subflow (Fixture       *f,
              gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "report");
  GtkLabel *error = g_hash_table_lookup (p->group_errors, p->subflow_group);
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GError) err = NULL;
  g_autoptr(PwBackend) backend = NULL;
  GMenuModel *menu;

  show (f, "report");
  /* no backend: a plain entry */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (p->flows_button)));
  g_assert_cmpstr (text_of (p->flow_row), ==, "weekly-report");

  type (p->parameters_row, "{\"week\": ");
  drain ();
  g_assert_null (pw_task_get_parameters (t));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (p->parameters_row), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (error), "not a JSON object"));
  /* Other edits leave the text being typed alone. */
  type (p->name_row, "Report");
  drain ();
  g_assert_cmpstr (text_of (p->parameters_row), ==, "{\"week\": ");
  type (p->parameters_row, "{\"week\": \"{{ flow_run.scheduled_time }}\"}");
  drain ();
  g_assert_nonnull (pw_task_get_parameters (t));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (p->parameters_row), "error"));

  type (p->flow_row, "etl");
  drain ();
  g_assert_nonnull (strstr (gtk_label_get_text (error), "cannot run itself"));

  /* A real backend with two flows: the picker lists the others. */
  dir = g_dir_make_tmp ("pipewright-task-pane-XXXXXX", &err);
  g_assert_no_error (err);
  db_path = g_build_filename (dir, "pipewright.db", NULL);
  backend = pw_local_backend_new (db_path, &err);
  g_assert_no_error (err);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PwFlow) other = pw_flow_new (i == 0 ? "weekly-report" : "cleanup");
      g_autoptr(PwTask) noop = pw_task_new ("a", PW_TASK_KIND_NOOP);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PwFlowInfo) info = NULL;

      pw_flow_add_task (other, noop);
      pw_backend_save_flow_async (backend, other, NULL,
                                  on_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      info = pw_backend_save_flow_finish (backend, result, &err);
      g_assert_no_error (err);
    }
  {
    g_autoptr(PwFlow) own = make_flow ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(PwFlowInfo) info = NULL;

    pw_backend_save_flow_async (backend, own, NULL,
                                on_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    info = pw_backend_save_flow_finish (backend, result, &err);
    g_assert_no_error (err);
  }

  pw_task_pane_set_backend (p, backend);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (p->flows_button)));
  while (gtk_menu_button_get_menu_model (p->flows_button) == NULL)
    g_main_context_iteration (NULL, TRUE);
  menu = gtk_menu_button_get_menu_model (p->flows_button);
  /* sorted by name; not the flow itself */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  {
    g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET, NULL);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "cleanup");
  }

  gtk_widget_activate_action (GTK_WIDGET (p), "pane.pick-flow", "s", "cleanup");
  g_assert_cmpstr (pw_task_get_flow_name (t), ==, "cleanup");
  g_assert_cmpstr (text_of (p->flow_row), ==, "cleanup");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (text_of (p->flow_row), ==, "etl");

  save_screenshot (f->window, "task-pane-subflow.png");

  pw_task_pane_set_backend (p, NULL);
  g_clear_object (&backend);
  settle (50);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (db_path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

/* Changes made elsewhere (the canvas, another pane) show up, and showing
 * them is not an edit. */
static void
test_follows_task (Fixture       *f,
                   gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "extract");
  g_auto(GValue) value = G_VALUE_INIT;

  show (f, "extract");
  type (p->name_row, "Typed here");

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, 7);
  pw_dag_undo_execute (f->undo, pw_dag_command_set_property (t, "retries", &value));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (p->retries_spin), ==, 7);
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 2);

  /* A move from the canvas in between: typing again is a new step. */
  {
    double from[2] = { pw_task_get_x (t), pw_task_get_y (t) };
    double to[2] = { 40, 80 };

    pw_dag_undo_execute (f->undo, pw_dag_command_move_tasks (&t, 1, from, to));
  }
  type (p->name_row, "Typed here again");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 4);
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (text_of (p->name_row), ==, "Typed here");
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  PwTaskPane *p = f->pane;
  PwTask *t = task (f, "extract");

  show (f, "extract");
  pw_task_pane_set_editable (p, FALSE);

  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (p->name_row)));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (p->key_row)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (p->kind_row)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (p->retries_spin)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (p->cache_switch)));
  g_assert_false (gtk_text_view_get_editable (p->script_view));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (pw_argv_editor_get_row (p->argv_editor, 0))));
  g_assert_false (gtk_editable_get_editable (pw_key_value_editor_get_name (p->env_editor, 0)));

  /* Even when a widget is changed, nothing is edited. */
  type (p->name_row, "Nope");
  gtk_spin_button_set_value (p->retries_spin, 9);
  gtk_widget_activate_action (GTK_WIDGET (p->argv_editor), "argv.remove", "i", 0);
  gtk_widget_activate_action (GTK_WIDGET (p->argv_editor), "argv.add", NULL);
  g_assert_cmpstr (pw_task_get_name (t), ==, "Extract orders");
  g_assert_cmpint (pw_task_get_retries (t), ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) pw_task_get_command (t)), ==, 4);
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 0);
  /* and the widgets still show the task */
  g_assert_cmpstr (text_of (p->name_row), ==, "Extract orders");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (p->retries_spin), ==, 2);

  save_screenshot (f->window, "task-pane-read-only.png");

  pw_task_pane_set_editable (p, TRUE);
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (p->name_row)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (p->kind_row)));
}

/* A 10,000-task flow: each key press validates the flow once, in an idle,
 * and stays one undo step. The time is printed, not asserted. */
static void
test_large_flow (void)
{
  g_autoptr(PwFlow) flow = pw_flow_new ("large");
  g_autoptr(PwDagUndo) undo = NULL;
  GtkWidget *window = gtk_window_new ();
  PwTaskPane *pane = PW_TASK_PANE (pw_task_pane_new ());
  const char *word = "transform";
  gint64 start;
  double ms;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *key = g_strdup_printf ("t%05u", i);
      g_autofree char *up = g_strdup_printf ("t%05u", i - 1);
      g_autoptr(PwTask) t = pw_task_new (key, PW_TASK_KIND_COMMAND);
      const char *argv[] = { "echo", key, NULL };
      const char *after[] = { up, NULL };

      pw_task_set_command (t, argv);
      if (i > 0)
        pw_task_set_after (t, after);
      pw_flow_add_task (flow, t);
    }
  undo = pw_dag_undo_new (flow);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pane));
  gtk_window_present (GTK_WINDOW (window));
  pw_task_pane_set_task (pane, flow, pw_flow_get_task (flow, "t05000"), undo);
  drain ();

  start = g_get_monotonic_time ();
  for (guint n = 1; n <= strlen (word); n++)
    {
      g_autofree char *text = g_strndup (word, n);

      type (pane->name_row, text);
      drain ();
    }
  ms = (g_get_monotonic_time () - start) / 1000.0 / strlen (word);
  g_test_message ("10,000 tasks: %.1f ms per key press, validation included", ms);

  g_assert_cmpstr (pw_task_get_name (pw_flow_get_task (flow, "t05000")), ==, "transform");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (undo), ==, 1);

  /* A problem of this task is still found among 10,000. */
  type (pw_argv_editor_get_row (pane->argv_editor, 1), "{{ tasks.t09999.result }}");
  drain ();
  g_assert_nonnull (strstr (gtk_label_get_text (g_hash_table_lookup (pane->group_errors, pane->command_group)),
                            "not upstream"));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const char *keys[] = { "extract", "transform", "load" };
  const char *names[] = { "command", "shell", "http" };

  /* The whole pane, past what the screen shows: its content, on the
   * window's background. */
  gtk_widget_add_css_class (GTK_WIDGET (f->pane->content), "background");
  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (manager, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          g_autofree char *file = g_strdup_printf ("task-pane-%s-%s.png", names[i],
                                                   dark ? "dark" : "light");
          show (f, keys[i]);
          save_screenshot (GTK_WIDGET (f->pane->content), file);
        }
    }

  /* With problems shown inline. */
  show (f, "load");
  type (f->pane->url_row, "warehouse example/{{ params.table");
  drain ();
  save_screenshot (GTK_WIDGET (f->pane->content), "task-pane-http-problems-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_widget_remove_css_class (GTK_WIDGET (f->pane->content), "background");

  /* What the sidebar shows at once. */
  show (f, "extract");
  save_screenshot (f->window, "task-pane-window.png");
  pw_task_pane_set_task (f->pane, NULL, NULL, NULL);
  save_screenshot (f->window, "task-pane-empty.png");
}

int
main (int   argc,
      char *argv[])
{
  gboolean tap = FALSE;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  for (int i = 1; i < argc; i++)
    tap |= g_str_equal (argv[i], "--tap");

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      if (tap)
        {
          g_print ("1..0 # SKIP no display (run the UI tests under xvfb-run)\n");
          return 0;
        }
      g_printerr ("No display; skipping the task pane tests\n");
      return 77;
    }
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/TaskPane/templates", test_templates);
  ADD ("/TaskPane/shows-task", test_shows_task);
  ADD ("/TaskPane/edit-undo-redo", test_edit_undo_redo);
  ADD ("/TaskPane/typing-merges", test_typing_merges);
  ADD ("/TaskPane/invalid-key", test_invalid_key);
  ADD ("/TaskPane/rename", test_rename);
  ADD ("/TaskPane/switch-kind", test_switch_kind);
  ADD ("/TaskPane/argv-editor", test_argv_editor);
  ADD ("/TaskPane/headers", test_headers);
  ADD ("/TaskPane/inline-problems", test_inline_problems);
  ADD ("/TaskPane/subflow", test_subflow);
  ADD ("/TaskPane/follows-task", test_follows_task);
  ADD ("/TaskPane/read-only", test_read_only);
  g_test_add_func ("/TaskPane/large-flow", test_large_flow);
  ADD ("/TaskPane/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
