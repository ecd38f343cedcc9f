/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-flow-graph"

#include "config.h"

#include <string.h>

#include "pw-flow-file.h"
#include "pw-flow-graph.h"

/* Builds a flow from "key:up1,up2 key2 key3:key2" */
static PwFlow *
make_flow (const char *spec)
{
  PwFlow *flow = pw_flow_new ("graph");
  g_auto(GStrv) items = g_strsplit (spec, " ", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (items[i], ":", 2);
      g_autoptr(PwTask) task = pw_task_new (parts[0], PW_TASK_KIND_NOOP);

      if (parts[1] != NULL)
        {
          g_auto(GStrv) after = g_strsplit (parts[1], ",", -1);
          pw_task_set_after (task, (const char * const *) after);
        }

      pw_flow_add_task (flow, task);
    }

  return flow;
}

static char *
order_text (GPtrArray *order)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < order->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, pw_task_get_key (g_ptr_array_index (order, i)));
    }

  return g_string_free (text, FALSE);
}

static void
test_order (void)
{
  PwFlow *flow = make_flow ("deploy:register register:train train:features "
                            "features:read_train,read_validate read_train read_validate");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autofree char *text = NULL;

  order = pw_flow_topological_order (flow, &error);
  g_assert_no_error (error);
  text = order_text (order);
  g_assert_cmpstr (text, ==, "read_train read_validate features train register deploy");

  g_clear_pointer (&order, g_ptr_array_unref);
  g_assert_finalize_object (flow);
}

static void
test_order_deterministic (void)
{
  PwFlow *flow = make_flow ("a b:a c:a d:b,c e f:e,zzz g:d,f");
  g_autoptr(GPtrArray) order = pw_flow_topological_order (flow, NULL);
  g_autofree char *text = order_text (order);

  /* Unknown upstream keys (zzz) are left to validation. */
  g_assert_cmpstr (text, ==, "a e b c f d g");

  g_clear_pointer (&order, g_ptr_array_unref);
  g_assert_finalize_object (flow);
}

static void
test_cycle (void)
{
  PwFlow *flow = make_flow ("start a:start,c b:a c:b end:c");
  g_autoptr(GError) error = NULL;
  GPtrArray *order;

  order = pw_flow_topological_order (flow, &error);
  g_assert_null (order);
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "a → b → c → a"));

  g_assert_finalize_object (flow);
}

static void
test_self_cycle (void)
{
  PwFlow *flow = make_flow ("a:a");
  g_autoptr(GError) error = NULL;

  g_assert_null (pw_flow_topological_order (flow, &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "a → a"));

  g_assert_finalize_object (flow);
}

static void
test_is_upstream (void)
{
  PwFlow *flow = make_flow ("a b:a c:b d x:d");

  g_assert_true (pw_flow_is_upstream (flow, "a", "b"));
  g_assert_true (pw_flow_is_upstream (flow, "a", "c"));
  g_assert_false (pw_flow_is_upstream (flow, "c", "a"));
  g_assert_false (pw_flow_is_upstream (flow, "a", "a"));
  g_assert_false (pw_flow_is_upstream (flow, "d", "c"));
  g_assert_false (pw_flow_is_upstream (flow, "a", "x"));
  g_assert_false (pw_flow_is_upstream (flow, "nope", "c"));

  g_assert_finalize_object (flow);
}

static void
test_can_connect (void)
{
  PwFlow *flow = make_flow ("a b:a c:b d");
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_flow_can_connect (flow, "a", "c", &error));
  g_assert_no_error (error);
  g_assert_true (pw_flow_can_connect (flow, "a", "b", &error));
  g_assert_true (pw_flow_can_connect (flow, "d", "a", &error));

  g_assert_false (pw_flow_can_connect (flow, "c", "a", &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "c → a → b → c"));
  g_clear_error (&error);

  g_assert_false (pw_flow_can_connect (flow, "b", "b", &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE);
  g_clear_error (&error);

  g_assert_false (pw_flow_can_connect (flow, "a", "zzz", &error));
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_NOT_FOUND);

  g_assert_finalize_object (flow);
}

/* A long chain is ordered without recursion and in linear time. */
static void
test_long_chain (void)
{
  PwFlow *flow = pw_flow_new ("chain");
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 10000;

  for (guint i = n; i > 0; i--)
    {
      g_autofree char *key = g_strdup_printf ("t%u", i);
      g_autoptr(PwTask) task = pw_task_new (key, PW_TASK_KIND_NOOP);

      if (i > 1)
        {
          g_autofree char *up = g_strdup_printf ("t%u", i - 1);
          pw_task_add_upstream (task, up);
        }
      pw_flow_add_task (flow, task);
    }

  order = pw_flow_topological_order (flow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (order->len, ==, n);
  g_assert_cmpstr (pw_task_get_key (g_ptr_array_index (order, 0)), ==, "t1");
  g_assert_cmpstr (pw_task_get_key (g_ptr_array_index (order, n - 1)), ==, "t10000");
  g_assert_true (pw_flow_is_upstream (flow, "t1", "t10000"));

  /* Closing the chain into a ring is found too, with its whole path. */
  pw_task_add_upstream (pw_flow_get_task (flow, "t1"), "t10000");
  g_clear_pointer (&order, g_ptr_array_unref);
  order = pw_flow_topological_order (flow, &error);
  g_assert_null (order);
  g_assert_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, ": t10000 → t1 → t2 → t3 → "));
  g_assert_true (g_str_has_suffix (error->message, " → t9999 → t10000"));

  g_assert_finalize_object (flow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Model/graph/order", test_order);
  g_test_add_func ("/Model/graph/order-deterministic", test_order_deterministic);
  g_test_add_func ("/Model/graph/cycle", test_cycle);
  g_test_add_func ("/Model/graph/self-cycle", test_self_cycle);
  g_test_add_func ("/Model/graph/is-upstream", test_is_upstream);
  g_test_add_func ("/Model/graph/can-connect", test_can_connect);
  g_test_add_func ("/Model/graph/long-chain", test_long_chain);

  return g_test_run ();
}
