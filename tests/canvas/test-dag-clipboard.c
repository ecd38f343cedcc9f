/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-dag-clipboard.h"
#include "pw-dag-command.h"
#include "pw-dag-undo.h"
#include "pw-flow-file.h"
#include "pw-flow-validate.h"

/*
 * Copy and paste without a display: what a copy holds, that it survives
 * the clipboard's text, and that pasted keys are unique, within a flow and
 * across flows, with edges and templates following the new keys.
 */

static PwFlow *
load_example (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.flow.json", name);
  g_autofree char *path = g_build_filename (g_getenv ("PW_EXAMPLES_DIR"), file, NULL);
  g_autoptr(GError) error = NULL;
  PwFlow *flow = pw_flow_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  return flow;
}

static PwTask **
tasks_of (PwFlow             *flow,
          const char * const *keys,
          guint              *n)
{
  guint count = g_strv_length ((char **) keys);
  PwTask **tasks = g_new (PwTask *, count);

  for (guint i = 0; i < count; i++)
    {
      tasks[i] = pw_flow_get_task (flow, keys[i]);
      g_assert_nonnull (tasks[i]);
    }
  *n = count;
  return tasks;
}

static void
test_subset (void)
{
  g_autoptr(PwFlow) flow = load_example ("ml-training");
  static const char * const keys[] = { "features", "train", NULL };
  guint n;
  g_autofree PwTask **tasks = tasks_of (flow, keys, &n);
  g_autoptr(PwFlow) clip = pw_dag_clipboard_subset (flow, tasks, n);
  PwTask *features, *train;

  g_assert_cmpuint (pw_flow_get_n_tasks (clip), ==, 2);
  features = pw_flow_get_task (clip, "features");
  train = pw_flow_get_task (clip, "train");
  /* Edges to tasks left behind are dropped; the one between the two stays. */
  g_assert_cmpstrv (pw_task_get_after (features), ((const char * const[]) { NULL }));
  g_assert_cmpstrv (pw_task_get_after (train), ((const char * const[]) { "features", NULL }));
  /* Copies, not the tasks themselves. */
  g_assert_true (features != tasks[0]);
  g_assert_cmpuint (g_list_model_get_n_items (pw_flow_get_parameters (clip)), ==, 3);
  /* The source is untouched. */
  g_assert_cmpuint (g_strv_length ((char **) pw_task_get_after (tasks[0])), ==, 2);
}

static void
test_text_round_trip (void)
{
  g_autoptr(PwFlow) flow = load_example ("ml-training");
  static const char * const keys[] = { "train", "register", "deploy", NULL };
  guint n;
  g_autofree PwTask **tasks = tasks_of (flow, keys, &n);
  g_autoptr(PwFlow) clip = pw_dag_clipboard_subset (flow, tasks, n);
  g_autofree char *text = pw_dag_clipboard_to_text (clip, NULL);
  g_autoptr(PwFlow) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;

  g_assert_nonnull (strstr (text, "\"format\": \"pipewright-flow/1\""));
  back = pw_dag_clipboard_from_text (text, (gsize) -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_flow_get_n_tasks (back), ==, 3);
  again = pw_dag_clipboard_to_text (back, NULL);
  g_assert_cmpstr (again, ==, text);

  /* Text that is not a flow file is refused with the reason. */
  g_assert_null (pw_dag_clipboard_from_text ("hello", (gsize) -1, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_PARSE);
}

static void
test_unique_keys (void)
{
  g_autoptr(PwFlow) flow = load_example ("ml-training");
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PwTask) train2 = pw_task_new ("train_2", PW_TASK_KIND_NOOP);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  a = pw_dag_unique_key (flow, NULL, "fresh");
  g_assert_cmpstr (a, ==, "fresh");
  b = pw_dag_unique_key (flow, NULL, "train");
  g_assert_cmpstr (b, ==, "train_2");

  pw_flow_add_task (flow, train2);
  c = pw_dag_unique_key (flow, taken, "train");
  g_assert_cmpstr (c, ==, "train_3");
  /* Keys handed out before count as taken. */
  d = pw_dag_unique_key (flow, taken, "train_2");
  g_assert_cmpstr (d, ==, "train_4");
  /* A number that is not a suffix ("_07", "_0") is part of the stem. */
  e = pw_dag_unique_key (flow, taken, "train");
  g_assert_cmpstr (e, ==, "train_5");
}

static void
test_paste_same_flow (void)
{
  g_autoptr(PwFlow) flow = load_example ("ml-training");
  static const char * const keys[] = { "register", "deploy", NULL };
  guint n;
  g_autofree PwTask **tasks = tasks_of (flow, keys, &n);
  g_autoptr(PwFlow) clip = pw_dag_clipboard_subset (flow, tasks, n);
  g_autoptr(GPtrArray) first = pw_dag_clipboard_prepare_paste (flow, clip, 40, 60);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(PwDagUndo) undo = pw_dag_undo_new (flow);
  g_autoptr(GPtrArray) problems = NULL;
  PwTask *reg, *dep;

  g_assert_cmpuint (first->len, ==, 2);
  reg = g_ptr_array_index (first, 0);
  dep = g_ptr_array_index (first, 1);
  g_assert_cmpstr (pw_task_get_key (reg), ==, "register_2");
  g_assert_cmpstr (pw_task_get_key (dep), ==, "deploy_2");
  /* The edge between them follows the new key; train was not copied. */
  g_assert_cmpstrv (pw_task_get_after (dep), ((const char * const[]) { "register_2", NULL }));
  g_assert_cmpstrv (pw_task_get_after (reg), ((const char * const[]) { NULL }));
  /* So does the template that uses register's result. */
  g_assert_nonnull (strstr (pw_task_get_script (dep), "{{ tasks.register_2.result }}"));
  g_assert_null (strstr (pw_task_get_script (dep), "{{ tasks.register.result }}"));
  g_assert_cmpfloat (pw_task_get_x (reg), ==, 800 + 40);
  g_assert_cmpfloat (pw_task_get_y (reg), ==, 130 + 60);

  pw_dag_undo_execute (undo, pw_dag_command_add_tasks ((PwTask **) first->pdata, first->len));

  /* Pasting again makes new keys again. */
  second = pw_dag_clipboard_prepare_paste (flow, clip, 80, 120);
  g_assert_cmpstr (pw_task_get_key (g_ptr_array_index (second, 0)), ==, "register_3");
  g_assert_cmpstr (pw_task_get_key (g_ptr_array_index (second, 1)), ==, "deploy_3");
  pw_dag_undo_execute (undo, pw_dag_command_add_tasks ((PwTask **) second->pdata, second->len));
  g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, 10);

  /* The pasted tasks are valid but for the result of train, which the
   * pasted register no longer has upstream. */
  problems = pw_flow_validate (flow);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *key = pw_problem_get_task_key (g_ptr_array_index (problems, i));

      g_assert_true (g_strcmp0 (key, "register_2") != 0 && g_strcmp0 (key, "register_3") != 0 &&
                     g_strcmp0 (key, "deploy_2") != 0 && g_strcmp0 (key, "deploy_3") != 0);
    }

  while (pw_dag_undo_undo (undo))
    ;
  g_assert_cmpuint (pw_flow_get_n_tasks (flow), ==, 6);
}

static void
test_paste_across_flows (void)
{
  g_autoptr(PwFlow) ml = load_example ("ml-training");
  g_autoptr(PwFlow) hello = load_example ("hello");
  static const char * const keys[] = { "read_train", "read_validate", "features", NULL };
  guint n;
  g_autofree PwTask **tasks = tasks_of (ml, keys, &n);
  g_autoptr(PwFlow) clip = pw_dag_clipboard_subset (ml, tasks, n);
  g_autofree char *text = pw_dag_clipboard_to_text (clip, NULL);
  g_autoptr(PwFlow) from_text = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwTask) clash = pw_task_new ("features", PW_TASK_KIND_NOOP);

  /* Through the clipboard's text, into another flow that already has a
   * task named "features". */
  pw_flow_add_task (hello, clash);
  from_text = pw_dag_clipboard_from_text (text, strlen (text), &error);
  g_assert_no_error (error);
  pasted = pw_dag_clipboard_prepare_paste (hello, from_text, 0, 0);

  g_assert_cmpuint (pasted->len, ==, 3);
  g_assert_cmpstr (pw_task_get_key (g_ptr_array_index (pasted, 0)), ==, "read_train");
  g_assert_cmpstr (pw_task_get_key (g_ptr_array_index (pasted, 2)), ==, "features_2");
  g_assert_cmpstrv (pw_task_get_after (g_ptr_array_index (pasted, 2)),
                    ((const char * const[]) { "read_train", "read_validate", NULL }));
  g_assert_nonnull (strstr (pw_task_get_script (g_ptr_array_index (pasted, 2)),
                            "{{ tasks.read_train.result }}"));
}

static void
test_rewrite (void)
{
  g_autoptr(GHashTable) renamed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_hash_table_insert (renamed, "a", "a_2");
  a = pw_dag_rewrite_task_refs ("x {{tasks.a.result}} {{ tasks.b.result }} {{ params.a }} {{ item }}", renamed);
  g_assert_cmpstr (a, ==, "x {{ tasks.a_2.result }} {{ tasks.b.result }} {{ params.a }} {{ item }}");
  /* A broken template is left as it is. */
  b = pw_dag_rewrite_task_refs ("{{ tasks.a.result", renamed);
  g_assert_cmpstr (b, ==, "{{ tasks.a.result");
  c = pw_dag_rewrite_task_refs (NULL, renamed);
  g_assert_null (c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Canvas/clipboard/subset", test_subset);
  g_test_add_func ("/Canvas/clipboard/text-round-trip", test_text_round_trip);
  g_test_add_func ("/Canvas/clipboard/unique-keys", test_unique_keys);
  g_test_add_func ("/Canvas/clipboard/paste-same-flow", test_paste_same_flow);
  g_test_add_func ("/Canvas/clipboard/paste-across-flows", test_paste_across_flows);
  g_test_add_func ("/Canvas/clipboard/rewrite", test_rewrite);

  return g_test_run ();
}
