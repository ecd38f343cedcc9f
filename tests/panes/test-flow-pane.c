/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-dag-command.h"
#include "pw-dag-undo.h"
#include "pw-flow.h"
#include "pw-flow-pane.h"

/*
 * PwFlowPane under Xvfb, on its own: a real window with the pane at
 * sidebar width and a PwDagUndo as the canvas would have. Edits through
 * the widgets, checked on the flow; undo and redo, checked on the widgets
 * (which follow without feeding back); typing merged into one step; the
 * typed defaults and their errors; removing a parameter and undoing puts
 * it back in its place; read-only; no leaks.
 */

#define TIMEOUT_MS 10000

typedef struct
{
  GtkWidget  *window;
  PwFlowPane *pane;
  PwFlow     *flow;
  PwDagUndo  *undo;
} Fixture;

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;

      found = find_row (child, type, title);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkEditable *
entry (GtkWidget  *widget,
       const char *title)
{
  GtkWidget *row = find_row (widget, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static GtkWidget *
find_type (GtkWidget  *widget,
           GType       type,
           const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0))
        return child;

      found = find_type (child, type, tooltip);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkSpinButton *
spin (GtkWidget  *widget,
      const char *title)
{
  GtkWidget *row = find_row (widget, ADW_TYPE_ACTION_ROW, title);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = find_type (row, GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (button);
  return GTK_SPIN_BUTTON (button);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PwParameter) who = pw_parameter_new ("who", PW_PARAM_TYPE_STRING);
  g_autoptr(PwParameter) count = pw_parameter_new ("count", PW_PARAM_TYPE_INT);
  g_autoptr(PwParameter) ratio = pw_parameter_new ("ratio", PW_PARAM_TYPE_FLOAT);
  g_autoptr(JsonNode) world = json_from_string ("\"world\"", NULL);
  const char * const tags[] = { "demo", NULL };

  f->flow = pw_flow_new ("greet");
  pw_flow_set_description (f->flow, "Says hello");
  pw_flow_set_tags (f->flow, tags);
  pw_parameter_set_default (who, world);
  pw_flow_add_parameter (f->flow, who);
  pw_flow_add_parameter (f->flow, count);
  pw_flow_add_parameter (f->flow, ratio);
  f->undo = pw_dag_undo_new (f->flow);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 900);
  f->pane = PW_FLOW_PANE (pw_flow_pane_new ());
  g_object_ref (f->pane);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->pane));
  pw_flow_pane_set_flow (f->pane, f->flow, f->undo);
  gtk_window_present (GTK_WINDOW (f->window));
  settle (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  settle (50);
  g_assert_finalize_object (f->pane);
  g_assert_finalize_object (f->undo);
  g_assert_finalize_object (f->flow);
}

/* Templates build, and a pane without a flow goes away cleanly. */
static void
test_templates (void)
{
  GtkWidget *pane = g_object_ref_sink (pw_flow_pane_new ());

  g_assert_true (pw_flow_pane_get_editable (PW_FLOW_PANE (pane)));
  g_assert_null (pw_flow_pane_get_flow (PW_FLOW_PANE (pane)));
  pw_flow_pane_add_parameter (PW_FLOW_PANE (pane));
  g_assert_finalize_object (pane);
}

static void
test_general (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (f->pane);
  GtkEditable *tags = entry (pane, "Tags, separated by commas");
  GtkEditable *description = entry (pane, "Description");
  const char * const expected[] = { "a", "b", NULL };

  g_assert_cmpstr (gtk_editable_get_text (entry (pane, "Name")), ==, "greet");
  g_assert_cmpstr (gtk_editable_get_text (description), ==, "Says hello");
  g_assert_cmpstr (gtk_editable_get_text (tags), ==, "demo");

  /* Typing is one step. */
  gtk_editable_set_text (description, "S");
  gtk_editable_set_text (description, "Sa");
  gtk_editable_set_text (description, "Says hi");
  g_assert_cmpstr (pw_flow_get_description (f->flow), ==, "Says hi");
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 1);

  /* "a,b" stays as typed: it means the flow's tags. */
  gtk_editable_set_text (tags, "a,b");
  g_assert_true (g_strv_equal (pw_flow_get_tags (f->flow), expected));
  g_assert_cmpstr (gtk_editable_get_text (tags), ==, "a,b");

  /* Undone, the widgets follow; redone too. */
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (gtk_editable_get_text (tags), ==, "demo");
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (gtk_editable_get_text (description), ==, "Says hello");
  g_assert_false (pw_dag_undo_can_undo (f->undo));
  g_assert_true (pw_dag_undo_redo (f->undo));
  g_assert_cmpstr (gtk_editable_get_text (description), ==, "Says hi");
  /* Following the flow made no edit of its own. */
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 1);
  g_assert_true (pw_dag_undo_can_redo (f->undo));

  /* The runner and the defaults. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (pane, ADW_TYPE_COMBO_ROW, "Task runner")),
                              PW_TASK_RUNNER_KIND_SEQUENTIAL);
  g_assert_cmpint (pw_flow_get_task_runner_kind (f->flow), ==, PW_TASK_RUNNER_KIND_SEQUENTIAL);
  gtk_spin_button_set_value (spin (pane, "Retries"), 1);
  gtk_spin_button_set_value (spin (pane, "Retries"), 2);
  gtk_spin_button_set_value (spin (pane, "Timeout"), 90);
  g_assert_cmpint (pw_flow_get_default_retries (f->flow), ==, 2);
  g_assert_cmpint (pw_flow_get_default_timeout_seconds (f->flow), ==, 90);
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpint (pw_flow_get_default_retries (f->flow), ==, 0);
  g_assert_cmpint ((int) gtk_spin_button_get_value (spin (pane, "Retries")), ==, 0);
  g_assert_cmpint (pw_flow_get_default_timeout_seconds (f->flow), ==, 0);
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  static const struct { PwParamType type; const char *text; const char *error; const char *json; } cases[] = {
    { PW_PARAM_TYPE_INT, "3", NULL, "3" },
    { PW_PARAM_TYPE_INT, "3.5", "not a whole number", NULL },
    { PW_PARAM_TYPE_FLOAT, "2.5", NULL, "2.5" },
    { PW_PARAM_TYPE_FLOAT, "1e400", "not a number", NULL },
    { PW_PARAM_TYPE_BOOL, "TRUE", NULL, "true" },
    { PW_PARAM_TYPE_BOOL, "maybe", "true or false", NULL },
    { PW_PARAM_TYPE_LIST, "[1, \"a\"]", NULL, "[1,\"a\"]" },
    { PW_PARAM_TYPE_LIST, "{\"a\": 1}", "JSON list", NULL },
    { PW_PARAM_TYPE_JSON, "{\"a\": 1}", NULL, "{\"a\":1}" },
    { PW_PARAM_TYPE_JSON, "{", "not JSON", NULL },
    { PW_PARAM_TYPE_STRING, " spaced ", NULL, "\" spaced \"" },
    { PW_PARAM_TYPE_STRING, "", NULL, NULL },
  };
  PwParameter *parameter = pw_flow_get_parameter (f->flow, "count");
  GtkWidget *row = pw_flow_pane_get_parameter_row (f->pane, "count");
  GtkWidget *type_row = find_row (row, ADW_TYPE_COMBO_ROW, "Type");
  GtkEditable *value = entry (row, "Default (empty: given at each run)");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = NULL;

      adw_combo_row_set_selected (ADW_COMBO_ROW (type_row), cases[i].type);
      gtk_editable_set_text (value, "");
      g_assert_null (pw_parameter_get_default (parameter));
      gtk_editable_set_text (value, cases[i].text);
      g_assert_cmpint (pw_parameter_get_param_type (parameter), ==, cases[i].type);
      if (cases[i].error != NULL)
        {
          g_assert_nonnull (pw_flow_pane_get_error (f->pane));
          if (strstr (pw_flow_pane_get_error (f->pane), cases[i].error) == NULL)
            g_error ("“%s”: the error “%s” does not say “%s”", cases[i].text,
                     pw_flow_pane_get_error (f->pane), cases[i].error);
          g_assert_null (pw_parameter_get_default (parameter));
          g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (value), "error"));
          continue;
        }

      g_assert_null (pw_flow_pane_get_error (f->pane));
      g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (value), "error"));
      if (cases[i].json == NULL)
        g_assert_null (pw_parameter_get_default (parameter));
      else
        {
          shown = json_to_string (pw_parameter_get_default (parameter), FALSE);
          g_assert_cmpstr (shown, ==, cases[i].json);
        }
    }

  /* A value typed wrong stays, with its error, while another field of
   * the parameter changes. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (type_row), PW_PARAM_TYPE_INT);
  gtk_editable_set_text (value, "7");
  gtk_editable_set_text (value, "seven");
  gtk_editable_set_text (entry (row, "Description"), "How many");
  g_assert_cmpstr (pw_parameter_get_description (parameter), ==, "How many");
  g_assert_cmpstr (gtk_editable_get_text (value), ==, "seven");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (value), "error"));
  /* (Replacing the text clears the entry first: no default meanwhile.) */
  g_assert_null (pw_parameter_get_default (parameter));
  /* Undone back to the text type, the default shows again, without the
   * error. */
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpint (pw_parameter_get_param_type (parameter), ==, PW_PARAM_TYPE_STRING);
  g_assert_cmpstr (gtk_editable_get_text (value), ==, "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (value), "error"));

  /* Changing the type converts the default when it can. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (type_row), PW_PARAM_TYPE_STRING);
  gtk_editable_set_text (value, "42");
  adw_combo_row_set_selected (ADW_COMBO_ROW (type_row), PW_PARAM_TYPE_INT);
  g_assert_cmpint (json_node_get_int (pw_parameter_get_default (parameter)), ==, 42);
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpint (pw_parameter_get_param_type (parameter), ==, PW_PARAM_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (pw_parameter_get_default (parameter)), ==, "42");
}

static void
test_remove_order (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *parameters = pw_flow_get_parameters (f->flow);
  PwParameter *who = pw_flow_get_parameter (f->flow, "who");
  g_autoptr(PwParameter) first = NULL;
  g_autoptr(PwParameter) last = NULL;
  GtkWidget *row = pw_flow_pane_get_parameter_row (f->pane, "who");
  GtkWidget *button = find_type (row, GTK_TYPE_BUTTON, "Remove Parameter");

  g_assert_nonnull (button);

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (parameters), ==, 2);
  g_assert_null (pw_flow_pane_get_parameter_row (f->pane, "who"));
  g_assert_cmpstr (pw_dag_undo_get_undo_label (f->undo), ==, "Remove Parameter");

  g_assert_true (pw_dag_undo_undo (f->undo));
  first = g_list_model_get_item (parameters, 0);
  g_assert_true (first == who);
  g_assert_nonnull (pw_flow_pane_get_parameter_row (f->pane, "who"));
  g_assert_true (pw_dag_undo_redo (f->undo));
  g_assert_null (pw_flow_get_parameter (f->flow, "who"));
  g_assert_true (pw_dag_undo_undo (f->undo));

  /* Added: a unique name, last, its row open. */
  pw_flow_pane_add_parameter (f->pane);
  pw_flow_pane_add_parameter (f->pane);
  g_assert_nonnull (pw_flow_get_parameter (f->flow, "parameter"));
  g_assert_nonnull (pw_flow_get_parameter (f->flow, "parameter_2"));
  last = g_list_model_get_item (parameters, 4);
  g_assert_cmpstr (pw_parameter_get_name (last), ==, "parameter_2");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (pw_flow_pane_get_parameter_row (f->pane, "parameter_2"))));
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpuint (g_list_model_get_n_items (parameters), ==, 3);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (f->pane);

  pw_flow_pane_set_editable (f->pane, FALSE);
  g_assert_false (pw_flow_pane_get_editable (f->pane));
  g_assert_false (gtk_editable_get_editable (entry (pane, "Name")));
  g_assert_false (gtk_editable_get_editable (entry (pw_flow_pane_get_parameter_row (f->pane, "who"), "Name")));
  g_assert_false (gtk_widget_get_sensitive (find_row (pane, ADW_TYPE_COMBO_ROW, "Task runner")));

  pw_flow_pane_add_parameter (f->pane);
  pw_flow_pane_add_notification (f->pane);
  g_assert_cmpuint (g_list_model_get_n_items (pw_flow_get_parameters (f->flow)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pw_flow_get_notifications (f->flow)), ==, 0);
  g_assert_false (pw_dag_undo_can_undo (f->undo));

  /* The flow changed elsewhere still shows. */
  pw_flow_set_description (f->flow, "Changed elsewhere");
  g_assert_cmpstr (gtk_editable_get_text (entry (pane, "Description")), ==, "Changed elsewhere");
  g_assert_false (pw_dag_undo_can_undo (f->undo));

  pw_flow_pane_set_editable (f->pane, TRUE);
  g_assert_true (gtk_editable_get_editable (entry (pane, "Name")));
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
      g_printerr ("No display; skipping the flow pane tests\n");
      return 77;
    }
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/FlowPane/templates", test_templates);
  ADD ("/FlowPane/general", test_general);
  ADD ("/FlowPane/defaults", test_defaults);
  ADD ("/FlowPane/remove-order", test_remove_order);
  ADD ("/FlowPane/read-only", test_read_only);

  return g_test_run ();
}
