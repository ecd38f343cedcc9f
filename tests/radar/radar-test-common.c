/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "radar-test-common.h"

/* The shared directory with Prefect's recorded answers (PW_SHARED_DIR in
 * the test environment, else next to the checkout). */
char *
radar_fixture_path (const char *name)
{
  const char *shared = g_getenv ("PW_SHARED_DIR");

  if (shared == NULL)
    return g_build_filename (PW_SOURCE_DATADIR, "..", "..", "shared", "prefect", "fixtures", name, NULL);
  return g_build_filename (shared, "prefect", "fixtures", name, NULL);
}

/* A radar of Prefect's GET /api/flow_runs/{id}/graph answer, as its UI
 * built it: one node per task run, upstream_dependencies as upstreams,
 * state_details.child_flow_run_id for sub-flow runs, the flow run (from
 * state_details.flow_run_id) as the root. */
PwRadarLayout *
radar_load_fixture (const char *name)
{
  g_autofree char *path = radar_fixture_path (name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  PwRadarLayout *layout = NULL;
  JsonArray *nodes;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  nodes = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (nodes), >, 0);

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      JsonObject *state = json_object_get_object_member (node, "state");
      JsonObject *details = json_object_get_object_member (state, "state_details");
      JsonArray *deps = json_object_get_array_member (node, "upstream_dependencies");
      g_autoptr(GStrvBuilder) up = g_strv_builder_new ();
      g_auto(GStrv) upstream = NULL;
      PwStateType type;

      if (layout == NULL)
        layout = pw_radar_layout_new (json_object_get_string_member (details, "flow_run_id"),
                                      "flow run", PW_STATE_TYPE_COMPLETED);

      for (guint k = 0; k < json_array_get_length (deps); k++)
        g_strv_builder_add (up, json_object_get_string_member (json_array_get_object_element (deps, k), "id"));
      upstream = g_strv_builder_end (up);
      g_assert_true (pw_state_type_from_string (json_object_get_string_member (state, "type"), &type));

      g_assert_true (pw_radar_layout_add_node (layout, json_object_get_string_member (node, "id"),
                                               json_object_get_string_member (node, "name"), type,
                                               json_object_get_string_member_with_default (details, "child_flow_run_id", NULL),
                                               (const char * const *)upstream, &error));
      g_assert_no_error (error);
    }

  g_assert_true (pw_radar_layout_compute (layout, &error));
  g_assert_no_error (error);
  return layout;
}

/* A layered DAG of @n_nodes, @width per layer, each node waiting for up to
 * @fan_in nodes of the layer before (a fixed pseudo-random choice). */
PwRadarLayout *
radar_layered (guint   n_nodes,
               guint   width,
               guint   fan_in,
               guint32 seed)
{
  PwRadarLayout *layout = pw_radar_layout_new ("run", "run", PW_STATE_TYPE_RUNNING);
  GRand *rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_nodes; i++)
    {
      guint layer = i / width;
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autoptr(GPtrArray) up = g_ptr_array_new_with_free_func (g_free);

      for (guint k = 0; layer > 0 && k < fan_in; k++)
        g_ptr_array_add (up, g_strdup_printf ("t%u", (layer - 1) * width + g_rand_int_range (rand, 0, width)));
      g_ptr_array_add (up, NULL);

      g_assert_true (pw_radar_layout_add_node (layout, id, id, (PwStateType)(i % PW_N_STATE_TYPES), NULL,
                                               (const char * const *)up->pdata, &error));
    }
  g_rand_free (rand);

  g_assert_true (pw_radar_layout_compute (layout, &error));
  g_assert_no_error (error);
  return layout;
}
