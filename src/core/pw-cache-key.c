/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cache-key"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-cache-key.h"

/*
 * The cache key of a task run: the SHA-256 of the task's definition and of
 * its rendered inputs, as one canonical JSON document.
 *
 * The definition is every member that decides what the task does: its key,
 * kind, the settings of that kind as written (before templating), its
 * environment, working directory and map. What only decides when or how
 * often it runs (retries, delays, timeout, trigger, tags, cache policy) and
 * what is only shown (name, canvas position) is left out, so that moving a
 * node or raising its retries does not throw its cached results away.
 *
 * The inputs are whatever the engine rendered for this run: the argv, the
 * script, the request, the sub-flow parameters, the map item and the
 * results of the upstream tasks. Two runs with the same key would run the
 * very same thing.
 */

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *strv)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * pw_cache_key_compute:
 * @task: the task
 * @inputs: (nullable): the rendered inputs of this run, as built by the
 *   engine; object members must come in a fixed order
 *
 * Returns: (transfer full): the key, 64 lowercase hex digits
 */
char *
pw_cache_key_compute (PwTask   *task,
                      JsonNode *inputs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (PW_IS_TASK (task), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "version", PW_CACHE_KEY_VERSION);
  add_string (builder, "key", pw_task_get_key (task));
  add_string (builder, "kind", pw_task_kind_to_string (pw_task_get_kind (task)));

  switch (pw_task_get_kind (task))
    {
    case PW_TASK_KIND_COMMAND:
      add_strv (builder, "command", pw_task_get_command (task));
      break;
    case PW_TASK_KIND_SHELL:
      add_string (builder, "script", pw_task_get_script (task));
      break;
    case PW_TASK_KIND_HTTP:
      add_string (builder, "method", pw_task_get_method (task));
      add_string (builder, "url", pw_task_get_url (task));
      add_strv (builder, "headers", pw_task_get_headers (task));
      add_string (builder, "body", pw_task_get_body (task));
      break;
    case PW_TASK_KIND_SUBFLOW:
      add_string (builder, "flow", pw_task_get_flow_name (task));
      json_builder_set_member_name (builder, "parameters");
      if (pw_task_get_parameters (task) != NULL)
        json_builder_add_value (builder, json_node_copy (pw_task_get_parameters (task)));
      else
        json_builder_add_null_value (builder);
      break;
    case PW_TASK_KIND_NOOP:
    default:
      break;
    }

  add_strv (builder, "env", pw_task_get_env (task));
  add_string (builder, "workdir", pw_task_get_workdir (task));
  add_string (builder, "map", pw_task_get_map (task));

  json_builder_set_member_name (builder, "inputs");
  if (inputs != NULL)
    json_builder_add_value (builder, json_node_copy (inputs));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)text, length);
}
