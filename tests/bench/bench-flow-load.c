/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-flow-load"

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "pw-flow-file.h"
#include "pw-flow-validate.h"

/*
 * How much loading a flow file costs on top of parsing its JSON.
 *
 * A 10,000-task flow (100 layers of 100 tasks, each with 3 upstream tasks
 * in the layer before, chosen with a fixed seed, and the members real flows
 * have) is written to a temporary directory. Then, each the median of
 * several runs on the monotonic clock:
 *   - the peer: json_parser_load_from_file() alone, json-glib parsing the
 *     same file into its tree (freeing the tree is not counted);
 *   - pw_flow_file_load_path(): reading, size and UTF-8 checks, parsing
 *     (PwJsonDoc, with its depth limit), building the model, freeing the
 *     document, and validation (graph, cycles, templates, upstream checks);
 *   - pw_flow_validate() alone, on the loaded flow;
 *   - pw_flow_file_save_path(): writing and fsync-ing the file atomically.
 * The aim is load + validate ≤ 1.5 × the bare parse.
 */

#define N_LAYERS 100
#define PER_LAYER 100
#define N_UPSTREAM 3
#define N_RUNS 7

static char *
task_key (guint layer,
          guint i)
{
  return g_strdup_printf ("t%03u-%03u", layer, i);
}

static PwFlow *
make_flow (void)
{
  static const char * const tags[] = { "bench", "etl", NULL };
  static const char * const env[] = { "LC_ALL", "C", "OMP_NUM_THREADS", "4", NULL };
  static const char * const headers[] = { "Accept", "application/json", NULL };
  PwFlow *flow = pw_flow_new ("bench-10k");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  const struct { const char *name; PwParamType type; const char *value; } params[] = {
    { "data_dir", PW_PARAM_TYPE_STRING, "\"/srv/data\"" },
    { "work_dir", PW_PARAM_TYPE_STRING, "\"/tmp/bench\"" },
    { "threads", PW_PARAM_TYPE_INT, "4" },
    { "regions", PW_PARAM_TYPE_LIST, "[\"eu\", \"us\", \"apac\"]" },
  };

  pw_flow_set_description (flow, "A generated 10,000-task flow for the load benchmark");
  pw_flow_set_tags (flow, tags);
  pw_flow_set_max_workers (flow, 8);

  for (guint p = 0; p < G_N_ELEMENTS (params); p++)
    {
      g_autoptr(PwParameter) parameter = pw_parameter_new (params[p].name, params[p].type);
      g_autoptr(JsonNode) value = json_from_string (params[p].value, NULL);

      pw_parameter_set_default (parameter, value);
      pw_parameter_set_description (parameter, "A benchmark parameter");
      pw_flow_add_parameter (flow, parameter);
    }

  for (guint layer = 0; layer < N_LAYERS; layer++)
    for (guint i = 0; i < PER_LAYER; i++)
      {
        g_autofree char *key = task_key (layer, i);
        g_autofree char *name = g_strdup_printf ("Step %u of layer %u", i, layer);
        g_autofree char *input = NULL;
        g_autofree char *output = g_strdup_printf ("{{ params.work_dir }}/%s.out", key);
        g_autoptr(PwTask) task = NULL;
        const char *after[N_UPSTREAM + 1] = { NULL };
        g_autofree char *ups[N_UPSTREAM] = { NULL };
        guint kind = g_rand_int_range (rand, 0, 10);

        if (layer > 0)
          {
            guint picked = 0;

            while (picked < N_UPSTREAM)
              {
                guint j = g_rand_int_range (rand, 0, PER_LAYER);
                g_autofree char *up = task_key (layer - 1, j);
                gboolean seen = FALSE;

                for (guint k = 0; k < picked; k++)
                  seen |= g_str_equal (ups[k], up);
                if (seen)
                  continue;

                ups[picked] = g_steal_pointer (&up);
                after[picked] = ups[picked];
                picked++;
              }
            input = g_strdup_printf ("{{ tasks.%s.result }}", ups[0]);
          }
        else
          input = g_strdup ("{{ params.data_dir }}/raw.csv");

        task = pw_task_new (key, kind < 7 ? PW_TASK_KIND_COMMAND
                                 : kind < 9 ? PW_TASK_KIND_SHELL
                                 : PW_TASK_KIND_HTTP);
        pw_task_set_name (task, name);

        if (kind < 7)
          {
            const char *argv[] = {
              "transform", "--input", input, "--output", output,
              "--threads", "{{ params.threads }}", "--run", "{{ flow_run.id }}", NULL
            };
            pw_task_set_command (task, argv);
            pw_task_set_env (task, env);
          }
        else if (kind < 9)
          {
            g_autofree char *script = g_strdup_printf ("set -e\nmkdir -p {{ params.work_dir }}\n"
                                                       "transform --input %s > %s\nwc -l < %s\n",
                                                       input, output, output);
            pw_task_set_script (task, script);
            pw_task_set_env (task, env);
          }
        else
          {
            g_autofree char *url = NULL;

            url = g_strdup_printf ("https://api.example.com/v1/jobs/%s?region={{ item }}", key);

            pw_task_set_url (task, url);
            pw_task_set_method (task, "POST");
            pw_task_set_headers (task, headers);
            pw_task_set_body (task, "{\"input\": \"{{ params.data_dir }}\"}");
            pw_task_set_map (task, "{{ params.regions }}");
          }

        pw_task_set_after (task, after);
        pw_task_set_retries (task, g_rand_int_range (rand, 0, 4));
        pw_task_set_retry_delay_seconds (task, 5);
        pw_task_set_timeout_seconds (task, 600);
        if (i % 2 == 0)
          {
            pw_task_set_cache_policy (task, PW_CACHE_POLICY_INPUTS);
            pw_task_set_cache_expiration_seconds (task, 3600);
          }
        pw_task_set_tags (task, tags);
        pw_task_set_position (task, 80 + layer * 240, 60 + i * 120);

        pw_flow_add_task (flow, task);
      }

  return flow;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (gint64 *times)
{
  qsort (times, N_RUNS, sizeof (gint64), compare_times);
  return times[N_RUNS / 2] / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *save_path = NULL;
  g_autoptr(PwFlow) flow = NULL;
  gint64 parse[N_RUNS], load[N_RUNS], validate[N_RUNS], save[N_RUNS];
  double parse_ms, load_ms, validate_ms, save_ms;
  struct stat st;

  dir = g_dir_make_tmp ("pw-bench-flow-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.flow.json", NULL);
  save_path = g_build_filename (dir, "saved.flow.json", NULL);

  flow = make_flow ();
  if (!pw_flow_file_save_path (flow, path, &error))
    g_error ("%s", error->message);
  g_clear_object (&flow);
  g_stat (path, &st);

  /* One untimed round of each, to warm caches and check it all works. */
  flow = pw_flow_file_load_path (path, NULL, &error);
  if (flow == NULL)
    g_error ("%s", error->message);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gint64 start = g_get_monotonic_time ();

      if (!json_parser_load_from_file (parser, path, &error))
        g_error ("%s", error->message);
      parse[run] = g_get_monotonic_time () - start;
    }

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(PwFlow) loaded = NULL;
      gint64 start = g_get_monotonic_time ();

      loaded = pw_flow_file_load_path (path, NULL, &error);
      load[run] = g_get_monotonic_time () - start;
      if (loaded == NULL)
        g_error ("%s", error->message);
      g_assert_cmpuint (pw_flow_get_n_tasks (loaded), ==, N_LAYERS * PER_LAYER);
    }

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      gint64 start = g_get_monotonic_time ();

      problems = pw_flow_validate (flow);
      validate[run] = g_get_monotonic_time () - start;
      g_assert_cmpuint (problems->len, ==, 0);
    }

  for (guint run = 0; run < N_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!pw_flow_file_save_path (flow, save_path, &error))
        g_error ("%s", error->message);
      save[run] = g_get_monotonic_time () - start;
    }

  parse_ms = median_ms (parse);
  load_ms = median_ms (load);
  validate_ms = median_ms (validate);
  save_ms = median_ms (save);

  g_print ("flow file: %u tasks, %.1f MB, median of %u runs\n",
           N_LAYERS * PER_LAYER, st.st_size / 1e6, N_RUNS);
  g_print ("json_parser_load_from_file (peer):      %8.1f ms\n", parse_ms);
  g_print ("pw_flow_file_load_path (load+validate): %8.1f ms\n", load_ms);
  g_print ("pw_flow_validate alone (in the above):  %8.1f ms\n", validate_ms);
  g_print ("pw_flow_file_save_path (atomic, fsync): %8.1f ms\n", save_ms);
  g_print ("ratio load+validate / bare parse:       %8.2f (aim: <= 1.50)\n", load_ms / parse_ms);

  g_unlink (path);
  g_unlink (save_path);
  g_rmdir (dir);

  return 0;
}
