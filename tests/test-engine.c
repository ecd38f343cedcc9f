/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pw-fake-clock.h"
#include "test-engine-fixture.h"

/* The engine's normal paths: results downstream, trigger rules, retries,
 * caching, maps, sub-flows, parameters, retry from failed. */

#define FLOW_HEAD(name) "{`format`: `pipewright-flow/1`, `name`: `" name "`, "

static void
test_success (EngineFixture *f,
              gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) a = NULL;
  g_autoptr(PwTaskRun) b = NULL;
  g_autoptr(PwTaskRun) c = NULL;
  g_autoptr(PwTaskRun) d = NULL;
  g_autoptr(PwTaskRun) e = NULL;
  g_autofree char *history = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("success")
    "`parameters`: [{`name`: `who`, `type`: `string`, `default`: `world`},"
    "               {`name`: `n`, `type`: `int`, `default`: 2}],"
    "`tasks`: ["
    " {`key`: `a`, `kind`: `command`, `command`: [`echo`, `hello {{ params.who }}`]},"
    " {`key`: `b`, `kind`: `shell`, `after`: [`a`],"
    "  `script`: `echo noise; echo {{ tasks.a.result }} and $(expr 1 + {{ params.n }}) > $PIPEWRIGHT_RESULT; echo warn >&2`},"
    " {`key`: `c`, `kind`: `command`, `after`: [`b`], `command`: [`printf`, `%s|%s\\n`, `{{ tasks.b.result }}`, `{{ flow_run.id }}`]},"
    " {`key`: `d`, `kind`: `noop`, `after`: [`c`]},"
    " {`key`: `e`, `kind`: `shell`, `after`: [`d`], `env`: {`GREETING`: `hi`},"
    "  `script`: `test -f \\\"$PIPEWRIGHT_RESULT\\\" && test ! -s \\\"$PIPEWRIGHT_RESULT\\\" && echo $GREETING $PIPEWRIGHT_TASK_KEY`}"
    "]}");

  run = fixture_run (f, "success", "{\"who\": \"you; rm -rf /\"}");
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpstr (pw_state_get_message (pw_flow_run_get_state (run)), ==, "All 5 tasks completed");

  a = fixture_task_run (f, run, "a", 0);
  b = fixture_task_run (f, run, "b", 0);
  c = fixture_task_run (f, run, "c", 0);
  d = fixture_task_run (f, run, "d", 0);
  g_assert_cmpstr (pw_task_run_get_result (a), ==, "hello you; rm -rf /");
  /* The shell got the value quoted: one word, nothing run. */
  g_assert_cmpstr (pw_task_run_get_result (b), ==, "hello you; rm -rf / and 3");
  g_assert_true (g_str_has_prefix (pw_task_run_get_result (c), "hello you; rm -rf / and 3|"));
  g_assert_true (g_str_has_suffix (pw_task_run_get_result (c), pw_flow_run_get_id (run)));
  g_assert_null (pw_task_run_get_result (d));
  /* The result file exists, empty, before the task starts. */
  e = fixture_task_run (f, run, "e", 0);
  g_assert_cmpstr (pw_task_run_get_result (e), ==, "hi e");
  g_assert_cmpuint (pw_task_run_get_run_count (c), ==, 1);
  g_assert_nonnull (strstr (pw_task_run_get_task_inputs (b), pw_task_run_get_id (a)));

  history = fixture_flow_history (f, run);
  g_assert_cmpstr (history, ==, "Pending,Running,Completed");
  g_clear_pointer (&history, g_free);
  history = fixture_task_history (f, b);
  g_assert_cmpstr (history, ==, "Pending,Running,Completed");
  g_clear_pointer (&history, g_free);
  history = fixture_task_history (f, d);
  g_assert_cmpstr (history, ==, "Pending,Running,Completed");

  g_assert_true (fixture_logs_contain (f, pw_flow_run_get_id (run), pw_task_run_get_id (b),
                                       20, "noise"));
  g_assert_true (fixture_logs_contain (f, pw_flow_run_get_id (run), pw_task_run_get_id (b),
                                       30, "warn"));
  g_assert_true (fixture_logs_contain (f, pw_flow_run_get_id (run), NULL, 20,
                                       "Finished in state Completed"));

  g_assert_cmpuint (f->n_flow_run_changes, ==, 2);
  /* At least one report per task run; the states a task run enters in one
   * batch are reported once. */
  g_assert_cmpuint (f->n_task_run_changes, >=, 5);
  g_assert_cmpuint (f->n_task_run_changes, <=, 15);
  g_assert_cmpuint (f->n_logs_signals, >, 0);
  g_assert_nonnull (pw_flow_run_get_start_time (run));
  g_assert_nonnull (pw_flow_run_get_end_time (run));
}

static void
test_trigger_rules (EngineFixture *f,
                    gconstpointer  data)
{
  static const struct {
    const char *key;
    const char *history_end;
    const char *message;
  } expected[] = {
    { "all_successful", "NotRun", "upstream task “bad” failed" },
    { "all_finished", "Completed", NULL },
    { "any_failed", "Completed", NULL },
    { "all_failed", "NotRun", "upstream task “ok” completed" },
    { "any_successful", "Completed", NULL },
    { "always", "Completed", NULL },
    { "only_failed", "Completed", NULL },
    { "none_failed", "NotRun", "no upstream task failed" },
    { "none_succeeded", "NotRun", "no upstream task completed" },
    { "chained", "NotRun", "upstream task “all_successful” did not run" },
    { "finished_after_skip", "NotRun", "upstream task “all_successful” did not run" },
    { "always_after_skip", "Completed", NULL },
  };
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("triggers")
    "`task_runner`: {`kind`: `concurrent`, `max_workers`: 4},"
    "`tasks`: ["
    " {`key`: `ok`, `kind`: `command`, `command`: [`true`]},"
    " {`key`: `bad`, `kind`: `command`, `command`: [`false`]},"
    " {`key`: `all_successful`, `kind`: `noop`, `after`: [`ok`, `bad`]},"
    " {`key`: `all_finished`, `kind`: `noop`, `after`: [`ok`, `bad`], `trigger`: `all_finished`},"
    " {`key`: `any_failed`, `kind`: `noop`, `after`: [`ok`, `bad`], `trigger`: `any_failed`},"
    " {`key`: `all_failed`, `kind`: `noop`, `after`: [`ok`, `bad`], `trigger`: `all_failed`},"
    " {`key`: `any_successful`, `kind`: `noop`, `after`: [`ok`, `bad`], `trigger`: `any_successful`},"
    " {`key`: `always`, `kind`: `noop`, `after`: [`ok`, `bad`], `trigger`: `always`},"
    " {`key`: `only_failed`, `kind`: `noop`, `after`: [`bad`], `trigger`: `all_failed`},"
    " {`key`: `none_failed`, `kind`: `noop`, `after`: [`ok`], `trigger`: `any_failed`},"
    " {`key`: `none_succeeded`, `kind`: `noop`, `after`: [`bad`], `trigger`: `any_successful`},"
    " {`key`: `chained`, `kind`: `noop`, `after`: [`all_successful`]},"
    " {`key`: `finished_after_skip`, `kind`: `noop`, `after`: [`all_successful`], `trigger`: `all_finished`},"
    " {`key`: `always_after_skip`, `kind`: `noop`, `after`: [`all_successful`], `trigger`: `always`}"
    "]}");

  run = fixture_run (f, "triggers", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  g_assert_cmpstr (pw_state_get_message (pw_flow_run_get_state (run)), ==, "1 of 14 tasks failed: bad");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PwTaskRun) task_run = fixture_task_run (f, run, expected[i].key, 0);
      g_autofree char *history = fixture_task_history (f, task_run);

      g_test_message ("%s: %s", expected[i].key, history);
      g_assert_true (g_str_has_suffix (history, expected[i].history_end));
      if (expected[i].message != NULL)
        {
          g_assert_cmpint (pw_task_run_get_state_type (task_run), ==, PW_STATE_TYPE_CANCELLED);
          g_assert_nonnull (strstr (pw_state_get_message (pw_task_run_get_state (task_run)),
                                    expected[i].message));
        }
    }
}

static void
test_retries (EngineFixture *f,
              gconstpointer  data)
{
  g_autofree char *counter = fixture_path (f, "counter");
  g_autofree char *json = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autofree char *history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = NULL;

  /* Fails twice, then succeeds. */
  json = g_strdup_printf (FLOW_HEAD ("flaky")
    "`parameters`: [{`name`: `counter`, `type`: `string`}],"
    "`tasks`: [{`key`: `flaky`, `kind`: `shell`, `retries`: 3, `retry_delay_seconds`: 0,"
    "  `script`: `n=$(cat {{ params.counter }} 2>/dev/null || echo 0); n=$((n + 1));"
    "             echo $n > {{ params.counter }}; echo attempt $n; [ $n -ge 3 ]`}]}");
  flow = fixture_save_flow (f, json);
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"counter\": \"%s\"}", counter);

  run = fixture_run (f, "flaky", json);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_COMPLETED);
  task_run = fixture_task_run (f, run, "flaky", 0);
  history = fixture_task_history (f, task_run);
  g_assert_cmpstr (history, ==, "Pending,Running,AwaitingRetry,Retrying,AwaitingRetry,Retrying,Completed");
  g_assert_cmpuint (pw_task_run_get_run_count (task_run), ==, 3);
  g_assert_cmpstr (pw_task_run_get_result (task_run), ==, "attempt 3");

  states = pw_store_list_task_run_states (f->store, pw_task_run_get_id (task_run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_state_get_state_type (g_ptr_array_index (states, 2)), ==, PW_STATE_TYPE_SCHEDULED);
  g_assert_nonnull (strstr (pw_state_get_message (g_ptr_array_index (states, 2)),
                            "Attempt 1 of 4 failed"));
  g_assert_nonnull (pw_state_get_scheduled_time (g_ptr_array_index (states, 2)));
  g_assert_cmpint (pw_state_get_state_type (g_ptr_array_index (states, 3)), ==, PW_STATE_TYPE_RUNNING);
}

static void
test_retries_exhausted (EngineFixture *f,
                        gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autofree char *history = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("hopeless")
    "`defaults`: {`retries`: 1, `retry_delay_seconds`: 0},"
    "`tasks`: [{`key`: `no`, `kind`: `shell`, `script`: `echo nope >&2; exit 4`}]}");

  run = fixture_run (f, "hopeless", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  task_run = fixture_task_run (f, run, "no", 0);
  history = fixture_task_history (f, task_run);
  g_assert_cmpstr (history, ==, "Pending,Running,AwaitingRetry,Retrying,Failed");
  g_assert_cmpuint (pw_task_run_get_run_count (task_run), ==, 2);
  g_assert_nonnull (strstr (pw_state_get_message (pw_task_run_get_state (task_run)), "status 4"));
  g_assert_nonnull (strstr (pw_state_get_message (pw_task_run_get_state (task_run)), "after 2 attempts"));
}

typedef struct
{
  EngineFixture *f;
  PwFlowRun     *run;
  GError        *error;
  gboolean       done;
} AsyncRun;

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncRun *async = user_data;

  async->run = pw_engine_start_flow_run_finish (PW_ENGINE (object), result, &async->error);
  async->done = TRUE;
}

static gboolean
clock_waits (gpointer data)
{
  EngineFixture *f = data;

  return pw_fake_clock_get_n_pending (PW_FAKE_CLOCK (f->clock)) > 0;
}

static void
test_retry_backoff (EngineFixture *f,
                    gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autofree char *id = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  AsyncRun async = { f, };
  GTimeSpan waits[2];

  /* An hour, then two: the fake clock makes it instant. */
  flow = fixture_save_flow (f, FLOW_HEAD ("backoff")
    "`tasks`: [{`key`: `no`, `kind`: `command`, `command`: [`false`], `retries`: 2,"
    "           `retry_delay_seconds`: 3600, `retry_backoff`: 2.0}]}");
  id = fixture_create_run (f, "backoff", NULL);
  pw_engine_start_flow_run_async (f->engine, NULL, id, NULL, on_async_done, &async);

  for (guint i = 0; i < 2; i++)
    {
      fixture_iterate_until (clock_waits, f);
      pw_fake_clock_advance (PW_FAKE_CLOCK (f->clock), (i + 1) * G_TIME_SPAN_HOUR);
      while (pw_fake_clock_get_n_pending (PW_FAKE_CLOCK (f->clock)) > 0)
        g_main_context_iteration (NULL, TRUE);
    }
  while (!async.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (async.error);
  g_assert_cmpint (pw_flow_run_get_state_type (async.run), ==, PW_STATE_TYPE_FAILED);
  task_run = fixture_task_run (f, async.run, "no", 0);
  g_assert_cmpuint (pw_task_run_get_run_count (task_run), ==, 3);
  states = pw_store_list_task_run_states (f->store, pw_task_run_get_id (task_run), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (states->len, ==, 7);
  for (guint i = 0; i < 2; i++)
    {
      PwState *state = g_ptr_array_index (states, 2 + 2 * i);

      g_assert_cmpstr (pw_state_get_name (state), ==, "AwaitingRetry");
      waits[i] = g_date_time_difference (pw_state_get_scheduled_time (state),
                                         pw_state_get_timestamp (state));
    }
  g_assert_cmpint (waits[0], ==, G_TIME_SPAN_HOUR);
  g_assert_cmpint (waits[1], ==, 2 * G_TIME_SPAN_HOUR);
  g_clear_object (&async.run);
}

static void
test_cache (EngineFixture *f,
            gconstpointer  data)
{
  g_autofree char *side = fixture_path (f, "side-effects");
  g_autofree char *params = g_strdup_printf ("{\"file\": \"%s\", \"x\": \"1\"}", side);
  g_autofree char *other = g_strdup_printf ("{\"file\": \"%s\", \"x\": \"2\"}", side);
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) first = NULL;
  g_autoptr(PwFlowRun) second = NULL;
  g_autoptr(PwFlowRun) third = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(PwTaskRun) after = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *history = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("cached")
    "`parameters`: [{`name`: `file`, `type`: `string`}, {`name`: `x`, `type`: `string`}],"
    "`tasks`: ["
    " {`key`: `work`, `kind`: `shell`, `cache`: {`policy`: `inputs`, `expiration_seconds`: 3600},"
    "  `script`: `echo ran {{ params.x }} >> {{ params.file }}; echo result-{{ params.x }}`},"
    " {`key`: `after`, `kind`: `command`, `after`: [`work`], `command`: [`echo`, `got {{ tasks.work.result }}`]}"
    "]}");

  first = fixture_run (f, "cached", params);
  second = fixture_run (f, "cached", params);
  g_assert_cmpint (pw_flow_run_get_state_type (second), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpstr (pw_state_get_message (pw_flow_run_get_state (second)), ==,
                   "All 2 tasks completed (1 cached)");

  task_run = fixture_task_run (f, second, "work", 0);
  history = fixture_task_history (f, task_run);
  g_assert_cmpstr (history, ==, "Pending,Cached");
  g_assert_cmpint (pw_task_run_get_state_type (task_run), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpstr (pw_task_run_get_result (task_run), ==, "result-1");
  g_assert_nonnull (pw_task_run_get_cache_key (task_run));
  g_assert_cmpuint (strlen (pw_task_run_get_cache_key (task_run)), ==, 64);
  after = fixture_task_run (f, second, "after", 0);
  g_assert_cmpstr (pw_task_run_get_result (after), ==, "got result-1");

  g_assert_true (g_file_get_contents (side, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "ran 1\n");

  /* Other inputs, another key. */
  third = fixture_run (f, "cached", other);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (side, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "ran 1\nran 2\n");
}

static void
test_cache_expired (EngineFixture *f,
                    gconstpointer  data)
{
  g_autofree char *side = fixture_path (f, "side-effects");
  g_autofree char *params = g_strdup_printf ("{\"file\": \"%s\"}", side);
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) first = NULL;
  g_autoptr(PwFlowRun) second = NULL;
  g_autofree char *contents = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("expiring")
    "`parameters`: [{`name`: `file`, `type`: `string`}],"
    "`tasks`: [{`key`: `work`, `kind`: `shell`, `cache`: {`policy`: `inputs`, `expiration_seconds`: 60},"
    "  `script`: `echo ran >> {{ params.file }}`}]}");

  first = fixture_run (f, "expiring", params);
  pw_fake_clock_advance (PW_FAKE_CLOCK (f->clock), 61 * G_TIME_SPAN_SECOND);
  second = fixture_run (f, "expiring", params);
  g_assert_true (g_file_get_contents (side, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "ran\nran\n");
}

static void
test_map_list_parameter (EngineFixture *f,
                         gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) item = NULL;
  g_autoptr(PwTaskRun) join = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("mapped")
    "`parameters`: [{`name`: `items`, `type`: `list`, `default`: [`a b`, `c`, 3, {`k`: 1}]}],"
    "`task_runner`: {`kind`: `concurrent`, `max_workers`: 2},"
    "`tasks`: ["
    " {`key`: `each`, `kind`: `command`, `map`: `{{ params.items }}`, `command`: [`echo`, `<{{ item }}>`]},"
    " {`key`: `join`, `kind`: `command`, `after`: [`each`], `command`: [`echo`, `{{ tasks.each.result }}`]}"
    "]}");

  run = fixture_run (f, "mapped", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpuint (fixture_n_task_runs (f, run), ==, 5);
  item = fixture_task_run (f, run, "each", 3);
  g_assert_cmpstr (pw_task_run_get_result (item), ==, "<{\"k\":1}>");
  join = fixture_task_run (f, run, "join", 0);
  g_assert_cmpstr (pw_task_run_get_result (join), ==, "[\"<a b>\",\"<c>\",\"<3>\",\"<{\\\"k\\\":1}>\"]");
}

static void
test_map_upstream_lines (EngineFixture *f,
                         gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) join = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("lines")
    "`tasks`: ["
    " {`key`: `list`, `kind`: `shell`, `script`: `printf 'x\\\\n\\\\n  y \\\\nz\\\\n' > $PIPEWRIGHT_RESULT`},"
    " {`key`: `each`, `kind`: `shell`, `after`: [`list`], `map`: `{{ tasks.list.result }}`,"
    "  `script`: `echo {{ item }}{{ item }}`},"
    " {`key`: `join`, `kind`: `command`, `after`: [`each`], `command`: [`echo`, `{{ tasks.each.result }}`]}"
    "]}");

  run = fixture_run (f, "lines", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_COMPLETED);
  join = fixture_task_run (f, run, "join", 0);
  g_assert_cmpstr (pw_task_run_get_result (join), ==, "[\"xx\",\"yy\",\"zz\"]");
}

static void
test_map_failure (EngineFixture *f,
                  gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) two = NULL;
  g_autoptr(PwTaskRun) join = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("mapfail")
    "`parameters`: [{`name`: `items`, `type`: `list`, `default`: [1, 2, 3]}],"
    "`tasks`: ["
    " {`key`: `each`, `kind`: `shell`, `map`: `{{ params.items }}`, `script`: `[ {{ item }} != 2 ]`},"
    " {`key`: `join`, `kind`: `noop`, `after`: [`each`]}"
    "]}");

  run = fixture_run (f, "mapfail", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  g_assert_cmpstr (pw_state_get_message (pw_flow_run_get_state (run)), ==, "1 of 2 tasks failed: each");
  two = fixture_task_run (f, run, "each", 1);
  g_assert_cmpint (pw_task_run_get_state_type (two), ==, PW_STATE_TYPE_FAILED);
  join = fixture_task_run (f, run, "join", 0);
  g_assert_cmpstr (pw_task_run_get_state_name (join), ==, "NotRun");
}

static void
test_parameters_wrong_type (EngineFixture *f,
                            gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) coerced = NULL;
  g_autoptr(PwFlowRun) unknown = NULL;
  const char *message;

  flow = fixture_save_flow (f, FLOW_HEAD ("typed")
    "`parameters`: [{`name`: `n`, `type`: `int`, `default`: 1}, {`name`: `tags`, `type`: `list`, `default`: []}],"
    "`tasks`: [{`key`: `a`, `kind`: `command`, `command`: [`echo`, `{{ params.n }}`]}]}");

  run = fixture_run (f, "typed", "{\"n\": \"many\"}");
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  message = pw_state_get_message (pw_flow_run_get_state (run));
  g_assert_nonnull (strstr (message, "parameter “n” must be an integer"));
  g_assert_nonnull (strstr (message, "no task was run"));
  g_assert_cmpuint (fixture_n_task_runs (f, run), ==, 0);

  unknown = fixture_run (f, "typed", "{\"m\": 1}");
  g_assert_cmpint (pw_flow_run_get_state_type (unknown), ==, PW_STATE_TYPE_FAILED);
  g_assert_nonnull (strstr (pw_state_get_message (pw_flow_run_get_state (unknown)),
                            "has no parameter “m”"));

  /* A string that spells an integer is taken for one. */
  coerced = fixture_run (f, "typed", "{\"n\": \"42\"}");
  g_assert_cmpint (pw_flow_run_get_state_type (coerced), ==, PW_STATE_TYPE_COMPLETED);
}

static void
test_retry_from_failed (EngineFixture *f,
                        gconstpointer  data)
{
  g_autofree char *count = fixture_path (f, "count");
  g_autofree char *flag = fixture_path (f, "flag");
  g_autofree char *params = g_strdup_printf ("{\"count\": \"%s\", \"flag\": \"%s\"}", count, flag);
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) first = NULL;
  g_autoptr(PwFlowRun) retry = NULL;
  g_autoptr(PwFlowRun) second = NULL;
  g_autoptr(PwTaskRun) a = NULL;
  g_autoptr(PwTaskRun) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *history = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("resumable")
    "`parameters`: [{`name`: `count`, `type`: `string`}, {`name`: `flag`, `type`: `string`}],"
    "`tasks`: ["
    " {`key`: `a`, `kind`: `shell`, `script`: `echo a >> {{ params.count }}; echo from-a`},"
    " {`key`: `side`, `kind`: `shell`, `script`: `echo side >> {{ params.count }}`},"
    " {`key`: `b`, `kind`: `shell`, `after`: [`a`], `script`: `test -e {{ params.flag }} && echo b-{{ tasks.a.result }}`},"
    " {`key`: `c`, `kind`: `command`, `after`: [`b`], `command`: [`echo`, `c-{{ tasks.b.result }}`]}"
    "]}");

  first = fixture_run (f, "resumable", params);
  g_assert_cmpint (pw_flow_run_get_state_type (first), ==, PW_STATE_TYPE_FAILED);

  /* Not while it runs; a finished run can be. */
  g_assert_true (g_file_set_contents (flag, "", 0, NULL));
  retry = pw_engine_create_retry_run (f->engine, pw_flow_run_get_id (first), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_flow_run_get_state_type (retry), ==, PW_STATE_TYPE_PENDING);
  g_assert_cmpstr (pw_flow_run_get_parameters (retry), ==, pw_flow_run_get_parameters (first));

  second = fixture_wait (f, pw_flow_run_get_id (retry), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_flow_run_get_state_type (second), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpstr (pw_state_get_message (pw_flow_run_get_state (second)), ==,
                   "All 4 tasks completed (2 cached)");

  a = fixture_task_run (f, second, "a", 0);
  history = fixture_task_history (f, a);
  g_assert_cmpstr (history, ==, "Pending,Cached");
  g_assert_cmpstr (pw_task_run_get_result (a), ==, "from-a");
  c = fixture_task_run (f, second, "c", 0);
  g_assert_cmpstr (pw_task_run_get_result (c), ==, "c-b-from-a");

  g_assert_true (g_file_get_contents (count, &contents, NULL, NULL));
  g_assert_cmpuint (strlen (contents), ==, strlen ("a\nside\n"));

  /* A run that is not finished cannot be retried. */
  {
    g_autofree char *pending = fixture_create_run (f, "resumable", params);
    g_autoptr(PwFlowRun) refused = pw_engine_create_retry_run (f->engine, pending, TRUE, &error);

    g_assert_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID);
    g_assert_null (refused);
    g_clear_error (&error);
  }
}

static void
test_subflow (EngineFixture *f,
              gconstpointer  data)
{
  g_autoptr(PwFlow) child = NULL;
  g_autoptr(PwFlow) parent = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) report = NULL;
  g_autoptr(PwTaskRun) after = NULL;
  g_autoptr(PwFlowRun) child_run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) details = NULL;
  const char *child_id;

  child = fixture_save_flow (f, FLOW_HEAD ("child")
    "`parameters`: [{`name`: `rows`, `type`: `int`}],"
    "`tasks`: ["
    " {`key`: `double`, `kind`: `shell`, `script`: `expr {{ params.rows }} '*' 2`},"
    " {`key`: `publish`, `kind`: `command`, `after`: [`double`], `command`: [`echo`, `{{ tasks.double.result }}`]}"
    "]}");
  parent = fixture_save_flow (f, FLOW_HEAD ("parent")
    "`tasks`: ["
    " {`key`: `count`, `kind`: `command`, `command`: [`echo`, `21`]},"
    " {`key`: `report`, `kind`: `subflow`, `flow`: `child`, `after`: [`count`],"
    "  `parameters`: {`rows`: `{{ tasks.count.result }}`}},"
    " {`key`: `after`, `kind`: `command`, `after`: [`report`], `command`: [`echo`, `{{ tasks.report.result }}`]}"
    "]}");

  run = fixture_run (f, "parent", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_COMPLETED);
  report = fixture_task_run (f, run, "report", 0);
  g_assert_cmpstr (pw_task_run_get_result (report), ==, "{\"publish\":42}");
  after = fixture_task_run (f, run, "after", 0);
  g_assert_cmpstr (pw_task_run_get_result (after), ==, "{\"publish\":42}");

  details = json_from_string (pw_state_get_details (pw_task_run_get_state (report)), &error);
  g_assert_no_error (error);
  child_id = json_object_get_string_member (json_node_get_object (details), "child_flow_run_id");
  child_run = pw_store_get_flow_run (f->store, child_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_flow_run_get_state_type (child_run), ==, PW_STATE_TYPE_COMPLETED);
  g_assert_cmpstr (pw_flow_run_get_parent_task_run_id (child_run), ==, pw_task_run_get_id (report));
  g_assert_cmpstr (pw_flow_run_get_parameters (child_run), ==, "{\"rows\":\"21\"}");
}

static void
test_subflow_failures (EngineFixture *f,
                       gconstpointer  data)
{
  g_autoptr(PwFlow) child = NULL;
  g_autoptr(PwFlow) parent = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) failing = NULL;
  g_autoptr(PwTaskRun) missing = NULL;

  child = fixture_save_flow (f, FLOW_HEAD ("broken-child")
    "`tasks`: [{`key`: `boom`, `kind`: `command`, `command`: [`false`]}]}");
  parent = fixture_save_flow (f, FLOW_HEAD ("parent2")
    "`task_runner`: {`kind`: `concurrent`, `max_workers`: 2},"
    "`tasks`: ["
    " {`key`: `failing`, `kind`: `subflow`, `flow`: `broken-child`},"
    " {`key`: `missing`, `kind`: `subflow`, `flow`: `no-such-flow`}"
    "]}");

  run = fixture_run (f, "parent2", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  failing = fixture_task_run (f, run, "failing", 0);
  g_assert_nonnull (strstr (pw_state_get_message (pw_task_run_get_state (failing)),
                            "1 of 1 task failed: boom"));
  missing = fixture_task_run (f, run, "missing", 0);
  g_assert_nonnull (strstr (pw_state_get_message (pw_task_run_get_state (missing)),
                            "no-such-flow"));
}

static void
test_concurrency_limit (EngineFixture *f,
                        gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  GDateTime *starts[6];
  GDateTime *ends[6];
  PwTaskRun *runs[6] = { NULL, };
  guint most = 0;

  flow = fixture_save_flow (f, FLOW_HEAD ("workers")
    "`task_runner`: {`kind`: `concurrent`, `max_workers`: 2},"
    "`parameters`: [{`name`: `items`, `type`: `list`, `default`: [1, 2, 3, 4, 5, 6]}],"
    "`tasks`: [{`key`: `nap`, `kind`: `command`, `map`: `{{ params.items }}`, `command`: [`sleep`, `0.1`]}]}");

  run = fixture_run (f, "workers", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_COMPLETED);
  for (guint i = 0; i < 6; i++)
    {
      runs[i] = fixture_task_run (f, run, "nap", i);
      starts[i] = pw_task_run_get_start_time (runs[i]);
      ends[i] = pw_task_run_get_end_time (runs[i]);
    }

  /* At no start were more than two running. */
  for (guint i = 0; i < 6; i++)
    {
      guint running = 0;

      for (guint j = 0; j < 6; j++)
        if (g_date_time_compare (starts[j], starts[i]) <= 0 &&
            g_date_time_compare (ends[j], starts[i]) > 0)
          running++;
      most = MAX (most, running);
    }
  g_assert_cmpuint (most, <=, 2);
  g_assert_cmpuint (most, ==, 2);
  for (guint i = 0; i < 6; i++)
    g_clear_object (&runs[i]);
}

static void
test_start_errors (EngineFixture *f,
                   gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwFlowRun) again = NULL;
  g_autoptr(PwFlowRun) missing = NULL;
  g_autoptr(GError) error = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("once")
    "`tasks`: [{`key`: `a`, `kind`: `noop`}]}");
  run = fixture_run (f, "once", NULL);

  /* A finished run does not start again. */
  again = fixture_wait (f, pw_flow_run_get_id (run), NULL, &error);
  g_assert_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_INVALID);
  g_assert_null (again);
  g_clear_error (&error);

  missing = fixture_wait (f, "00000000-0000-4000-8000-000000000000", NULL, &error);
  g_assert_error (error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_logs_batched (EngineFixture *f,
                   gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(GPtrArray) logs = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("chatty")
    "`tasks`: [{`key`: `talk`, `kind`: `shell`, `script`: `seq 1 3000`}]}");

  run = fixture_run (f, "chatty", NULL);
  task_run = fixture_task_run (f, run, "talk", 0);
  logs = fixture_logs (f, pw_flow_run_get_id (run), pw_task_run_get_id (task_run));
  /* 3000 lines (a completed task adds none of its own). */
  g_assert_cmpuint (logs->len, ==, 3000);
  g_assert_cmpstr (pw_log_entry_get_message (g_ptr_array_index (logs, 0)), ==, "1");
  g_assert_cmpstr (pw_log_entry_get_message (g_ptr_array_index (logs, 2999)), ==, "3000");
  g_assert_cmpstr (pw_task_run_get_result (task_run), ==, "3000");
  /* Stored and reported in batches, not line by line. */
  g_assert_cmpuint (f->max_lines_per_signal, >, 1);
  g_assert_cmpuint (f->n_logs_signals, <, 100);
}

static void
add (const char *path,
     void      (*func) (EngineFixture *, gconstpointer))
{
  g_test_add (path, EngineFixture, NULL, engine_fixture_set_up, func, engine_fixture_tear_down);
}

static void
add_fake (const char *path,
          void      (*func) (EngineFixture *, gconstpointer))
{
  g_test_add (path, EngineFixture, NULL, engine_fixture_set_up_fake, func, engine_fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add ("/Engine/run/success", test_success);
  add ("/Engine/run/start-errors", test_start_errors);
  add ("/Engine/run/concurrency-limit", test_concurrency_limit);
  add ("/Engine/run/logs-batched", test_logs_batched);
  add ("/Engine/trigger/rules", test_trigger_rules);
  add ("/Engine/retry/until-success", test_retries);
  add ("/Engine/retry/exhausted", test_retries_exhausted);
  add_fake ("/Engine/retry/backoff", test_retry_backoff);
  add ("/Engine/cache/hit", test_cache);
  add_fake ("/Engine/cache/expired", test_cache_expired);
  add ("/Engine/map/list-parameter", test_map_list_parameter);
  add ("/Engine/map/upstream-lines", test_map_upstream_lines);
  add ("/Engine/map/failure", test_map_failure);
  add ("/Engine/parameters/wrong-type", test_parameters_wrong_type);
  add ("/Engine/retry-from-failed", test_retry_from_failed);
  add ("/Engine/subflow/result", test_subflow);
  add ("/Engine/subflow/failures", test_subflow_failures);

  return g_test_run ();
}
