/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-dag-command.h"
#include "pw-dag-undo.h"
#include "pw-flow-file.h"
#include "pw-flow-graph.h"

/*
 * The undo stack and its commands on the ml-training example: every edit
 * done, undone and redone leaves the flow file exactly as it was, the
 * labels, the clean mark, merging, groups, the depth limit, and cycle
 * refusal.
 */

typedef struct
{
  PwFlow    *flow;
  PwDagUndo *undo;
  guint      applied;
} Fixture;

static void
count_applied (PwDagUndo *undo,
               Fixture   *f)
{
  f->applied++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("PW_EXAMPLES_DIR"), "ml-training.flow.json", NULL);
  g_autoptr(GError) error = NULL;

  f->flow = pw_flow_file_load_path (path, NULL, &error);
  g_assert_no_error (error);
  f->undo = pw_dag_undo_new (f->flow);
  g_signal_connect (f->undo, "applied", G_CALLBACK (count_applied), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->undo);
  g_assert_finalize_object (f->flow);
}

static char *
snapshot (PwFlow *flow)
{
  return pw_flow_file_to_data (flow, NULL);
}

static PwTask *
task (Fixture    *f,
      const char *key)
{
  PwTask *t = pw_flow_get_task (f->flow, key);

  g_assert_nonnull (t);
  return t;
}

/* Undoes everything and checks the file against @before, redoes
 * everything and checks it against @after, twice. */
static void
check_round_trip (Fixture    *f,
                  const char *before,
                  const char *after)
{
  for (int round = 0; round < 2; round++)
    {
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;

      while (pw_dag_undo_undo (f->undo))
        ;
      undone = snapshot (f->flow);
      g_assert_cmpstr (undone, ==, before);

      while (pw_dag_undo_redo (f->undo))
        ;
      redone = snapshot (f->flow);
      g_assert_cmpstr (redone, ==, after);
    }
}

static void
test_add_move_connect (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = snapshot (f->flow);
  g_autofree char *after = NULL;
  g_autoptr(PwTask) notify = pw_task_new ("notify", PW_TASK_KIND_HTTP);
  g_autoptr(GError) error = NULL;
  PwTask *moved[] = { task (f, "train"), task (f, "register") };
  double from[] = { 560, 130, 800, 130 }, to[] = { 600, 300, 840, 300 };

  pw_task_set_url (notify, "https://example.com/hook");
  pw_dag_undo_execute (f->undo, pw_dag_command_add_tasks (&notify, 1));
  g_assert_cmpuint (pw_flow_get_n_tasks (f->flow), ==, 7);
  g_assert_cmpstr (pw_dag_undo_get_undo_label (f->undo), ==, "Add Task");

  pw_dag_undo_execute (f->undo, pw_dag_command_connect (f->flow, "deploy", "notify", &error));
  g_assert_no_error (error);
  g_assert_true (pw_task_has_upstream (notify, "deploy"));
  g_assert_cmpstr (pw_dag_undo_get_undo_label (f->undo), ==, "Connect");

  pw_dag_undo_execute (f->undo, pw_dag_command_move_tasks (moved, 2, from, to));
  g_assert_cmpfloat (pw_task_get_y (moved[0]), ==, 300);
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 3);
  g_assert_cmpuint (f->applied, ==, 3);

  after = snapshot (f->flow);
  check_round_trip (f, before, after);

  g_assert_true (pw_dag_undo_undo (f->undo));
  g_assert_cmpstr (pw_dag_undo_get_redo_label (f->undo), ==, "Move Tasks");
  g_assert_cmpfloat (pw_task_get_x (moved[0]), ==, 560);
}

static void
test_delete_restores_edges (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *before = snapshot (f->flow);
  g_autofree char *after = NULL;
  PwTask *gone[] = { task (f, "read_validate"), task (f, "train") };
  g_autoptr(GPtrArray) order = NULL;

  /* features names read_validate, register names train: both edges go
   * with the tasks, and come back with them, in place. */
  pw_dag_undo_execute (f->undo, pw_dag_command_delete_tasks (f->flow, gone, 2));
  g_assert_cmpuint (pw_flow_get_n_tasks (f->flow), ==, 4);
  g_assert_false (pw_task_has_upstream (task (f, "features"), "read_validate"));
  g_assert_true (pw_task_has_upstream (task (f, "features"), "read_train"));
  g_assert_cmpstrv (pw_task_get_after (task (f, "register")), ((const char * const[]) { NULL }));
  g_assert_cmpstr (pw_dag_undo_get_undo_label (f->undo), ==, "Delete Tasks");

  after = snapshot (f->flow);
  check_round_trip (f, before, after);

  pw_dag_undo_undo (f->undo);
  order = pw_flow_topological_order (f->flow, NULL);
  g_assert_cmpuint (order->len, ==, 6);
  g_assert_true (pw_flow_get_task (f->flow, "train") == gone[1]);
}

static void
test_cycle_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PwDagCommand *command;

  /* deploy → read_train would close read_train → … → deploy. */
  command = pw_dag_command_connect (f->flow, "deploy", "read_train", &error);
  g_assert_null (command);
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "deploy → read_train → features → train → register → deploy"));
  g_clear_error (&error);

  command = pw_dag_command_connect (f->flow, "train", "train", &error);
  g_assert_null (command);
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE);
  g_clear_error (&error);

  command = pw_dag_command_connect (f->flow, "nope", "train", &error);
  g_assert_null (command);
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An edge that exists: nothing to do, no error. */
  command = pw_dag_command_connect (f->flow, "features", "train", &error);
  g_assert_null (command);
  g_assert_no_error (error);

  g_assert_false (pw_dag_undo_can_undo (f->undo));
}

static void
test_disconnect (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *before = snapshot (f->flow);
  g_autofree char *after = NULL;

  g_assert_null (pw_dag_command_disconnect (f->flow, "deploy", "train"));
  pw_dag_undo_execute (f->undo, pw_dag_command_disconnect (f->flow, "read_train", "features"));
  g_assert_cmpstrv (pw_task_get_after (task (f, "features")), ((const char * const[]) { "read_validate", NULL }));
  after = snapshot (f->flow);
  check_round_trip (f, before, after);
}

static void
test_properties_merge (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = snapshot (f->flow);
  g_autofree char *after = NULL;
  PwTask *train = task (f, "train");
  const char *typed[] = { "T", "Tr", "Tra", "Trai", "Train model" };
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      PwDagCommand *command;

      g_value_set_string (&value, typed[i]);
      command = pw_dag_command_set_property (train, "name", &value);
      pw_dag_command_set_mergeable (command, TRUE);
      pw_dag_undo_execute (f->undo, command);
    }

  /* Five key presses, one step. */
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 1);
  g_assert_cmpstr (pw_task_get_name (train), ==, "Train model");
  after = snapshot (f->flow);
  check_round_trip (f, before, after);

  /* After an undo, nothing merges into the step that was redone. */
  pw_dag_undo_undo (f->undo);
  pw_dag_undo_redo (f->undo);
  {
    PwDagCommand *command;

    g_value_set_string (&value, "Train it");
    command = pw_dag_command_set_property (train, "name", &value);
    pw_dag_command_set_mergeable (command, TRUE);
    pw_dag_undo_execute (f->undo, command);
  }
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 2);

  /* Another property does not merge either. */
  {
    PwDagCommand *command;
    g_auto(GValue) retries = G_VALUE_INIT;

    g_value_init (&retries, G_TYPE_INT);
    g_value_set_int (&retries, 5);
    command = pw_dag_command_set_property (train, "retries", &retries);
    pw_dag_command_set_mergeable (command, TRUE);
    pw_dag_undo_execute (f->undo, command);
  }
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 3);
  g_assert_cmpint (pw_task_get_retries (train), ==, 5);
  pw_dag_undo_undo (f->undo);
  g_assert_cmpint (pw_task_get_retries (train), ==, 3);
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *before = snapshot (f->flow);
  g_autofree char *after = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  PwTask *deploy = task (f, "deploy");

  g_value_init (&value, G_TYPE_STRING);
  pw_dag_undo_begin_group (f->undo, "Edit Deploy");
  g_value_set_string (&value, "Ship it");
  pw_dag_undo_execute (f->undo, pw_dag_command_set_property (deploy, "name", &value));
  pw_dag_undo_begin_group (f->undo, "inner");
  pw_dag_undo_execute (f->undo, pw_dag_command_disconnect (f->flow, "register", "deploy"));
  pw_dag_undo_end_group (f->undo);
  g_assert_false (pw_dag_undo_can_undo (f->undo));
  pw_dag_undo_end_group (f->undo);

  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 1);
  g_assert_cmpstr (pw_dag_undo_get_undo_label (f->undo), ==, "Edit Deploy");
  g_assert_cmpuint (f->applied, ==, 1);
  after = snapshot (f->flow);
  check_round_trip (f, before, after);

  /* An empty group is no step. */
  pw_dag_undo_begin_group (f->undo, "nothing");
  pw_dag_undo_end_group (f->undo);
  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 1);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *before = snapshot (f->flow);
  g_autofree char *after = NULL;

  pw_dag_undo_execute (f->undo, pw_dag_command_rename_task (f->flow, task (f, "train"), "fit"));
  g_assert_nonnull (pw_flow_get_task (f->flow, "fit"));
  g_assert_null (pw_flow_get_task (f->flow, "train"));
  g_assert_true (pw_task_has_upstream (task (f, "register"), "fit"));
  after = snapshot (f->flow);
  check_round_trip (f, before, after);
}

static void
test_clean_and_redo_cleared (Fixture       *f,
                             gconstpointer  data)
{
  PwTask *t = task (f, "train");
  double a[] = { 560, 130 }, b[] = { 600, 130 }, c[] = { 700, 130 };

  g_assert_true (pw_dag_undo_is_clean (f->undo));
  pw_dag_undo_execute (f->undo, pw_dag_command_move_tasks (&t, 1, a, b));
  g_assert_false (pw_dag_undo_is_clean (f->undo));
  pw_dag_undo_set_clean (f->undo);
  g_assert_true (pw_dag_undo_is_clean (f->undo));

  pw_dag_undo_undo (f->undo);
  g_assert_false (pw_dag_undo_is_clean (f->undo));
  g_assert_true (pw_dag_undo_can_redo (f->undo));
  pw_dag_undo_redo (f->undo);
  g_assert_true (pw_dag_undo_is_clean (f->undo));

  /* A new edit after an undo drops the redo steps and the saved state
   * that was among them. */
  pw_dag_undo_undo (f->undo);
  pw_dag_undo_execute (f->undo, pw_dag_command_move_tasks (&t, 1, a, c));
  g_assert_false (pw_dag_undo_can_redo (f->undo));
  g_assert_false (pw_dag_undo_is_clean (f->undo));
  while (pw_dag_undo_undo (f->undo))
    ;
  g_assert_false (pw_dag_undo_is_clean (f->undo));

  pw_dag_undo_clear (f->undo);
  g_assert_true (pw_dag_undo_is_clean (f->undo));
  g_assert_false (pw_dag_undo_can_undo (f->undo));
}

static void
test_depth (Fixture       *f,
            gconstpointer  data)
{
  PwTask *t = task (f, "train");

  for (guint i = 0; i < PW_DAG_UNDO_DEPTH + 20; i++)
    {
      double from[] = { pw_task_get_x (t), 130 }, to[] = { pw_task_get_x (t) + 20, 130 };

      pw_dag_undo_execute (f->undo, pw_dag_command_move_tasks (&t, 1, from, to));
    }

  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, PW_DAG_UNDO_DEPTH);
  while (pw_dag_undo_undo (f->undo))
    ;
  /* The 20 oldest steps are forgotten. */
  g_assert_cmpfloat (pw_task_get_x (t), ==, 560 + 20 * 20);
}

static void
test_nudges_merge (Fixture       *f,
                   gconstpointer  data)
{
  PwTask *t = task (f, "train");

  for (guint i = 0; i < 4; i++)
    {
      double from[] = { pw_task_get_x (t), 130 }, to[] = { pw_task_get_x (t) + 20, 130 };
      PwDagCommand *command = pw_dag_command_move_tasks (&t, 1, from, to);

      pw_dag_command_set_mergeable (command, TRUE);
      pw_dag_undo_execute (f->undo, command);
    }

  g_assert_cmpuint (pw_dag_undo_get_n_undo (f->undo), ==, 1);
  pw_dag_undo_undo (f->undo);
  g_assert_cmpfloat (pw_task_get_x (t), ==, 560);
}

static void
test_remove_undo_order (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *before = snapshot (f->flow);
  g_autofree char *after = NULL;
  static const guint scrambled[6] = { 3, 0, 5, 1, 4, 2 };
  PwTask *all[6];
  GListModel *model = pw_flow_get_tasks (f->flow);

  /* Remove every task, in a scrambled order: undo puts each back at its
   * place in the file. */
  for (guint i = 0; i < 6; i++)
    all[i] = g_list_model_get_item (model, scrambled[i]);
  pw_dag_undo_execute (f->undo, pw_dag_command_remove_tasks (all, 6));
  for (guint i = 0; i < 6; i++)
    g_object_unref (all[i]);
  g_assert_cmpuint (pw_flow_get_n_tasks (f->flow), ==, 0);

  after = snapshot (f->flow);
  check_round_trip (f, before, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/Canvas/undo/add-move-connect", test_add_move_connect);
  ADD ("/Canvas/undo/delete-restores-edges", test_delete_restores_edges);
  ADD ("/Canvas/undo/cycle-refused", test_cycle_refused);
  ADD ("/Canvas/undo/disconnect", test_disconnect);
  ADD ("/Canvas/undo/properties-merge", test_properties_merge);
  ADD ("/Canvas/undo/groups", test_groups);
  ADD ("/Canvas/undo/rename", test_rename);
  ADD ("/Canvas/undo/clean", test_clean_and_redo_cleared);
  ADD ("/Canvas/undo/depth", test_depth);
  ADD ("/Canvas/undo/nudges-merge", test_nudges_merge);
  ADD ("/Canvas/undo/remove-order", test_remove_undo_order);
#undef ADD

  return g_test_run ();
}
