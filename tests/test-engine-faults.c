/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "test-engine-fixture.h"

/* Bad input and faults: programs that are not there, floods of output,
 * tasks that will not stop, cancels, http errors, a crash of the process
 * that runs the flow. */

#define FLOW_HEAD(name) "{`format`: `pipewright-flow/1`, `name`: `" name "`, "

static const char *
message_of (PwTaskRun *task_run)
{
  return pw_state_get_message (pw_task_run_get_state (task_run));
}

static void
test_command_not_found (EngineFixture *f,
                        gconstpointer  data)
{
  g_autofree char *script = fixture_path (f, "script.sh");
  g_autofree char *json = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) missing = NULL;
  g_autoptr(PwTaskRun) not_executable = NULL;
  g_autoptr(PwTaskRun) fine = NULL;

  g_assert_true (g_file_set_contents (script, "#!/bin/sh\necho hi\n", -1, NULL));
  g_chmod (script, 0644);
  json = g_strdup_printf (FLOW_HEAD ("missing")
    "`task_runner`: {`kind`: `concurrent`, `max_workers`: 3},"
    "`tasks`: ["
    " {`key`: `missing`, `kind`: `command`, `command`: [`pw-no-such-program`, `--flag`], `retries`: 1, `retry_delay_seconds`: 0},"
    " {`key`: `not_executable`, `kind`: `command`, `command`: [`%s`]},"
    " {`key`: `fine`, `kind`: `command`, `command`: [`true`]}"
    "]}", script);
  flow = fixture_save_flow (f, json);

  run = fixture_run (f, "missing", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  g_assert_cmpstr (pw_state_get_message (pw_flow_run_get_state (run)), ==,
                   "2 of 3 tasks failed: missing, not_executable");

  missing = fixture_task_run (f, run, "missing", 0);
  g_assert_cmpint (pw_task_run_get_state_type (missing), ==, PW_STATE_TYPE_FAILED);
  g_assert_nonnull (strstr (message_of (missing), "Could not start `pw-no-such-program`"));
  g_assert_nonnull (strstr (message_of (missing), "not found in PATH"));
  g_assert_cmpuint (pw_task_run_get_run_count (missing), ==, 2);

  not_executable = fixture_task_run (f, run, "not_executable", 0);
  g_assert_nonnull (strstr (message_of (not_executable), "not executable"));
  fine = fixture_task_run (f, run, "fine", 0);
  g_assert_cmpint (pw_task_run_get_state_type (fine), ==, PW_STATE_TYPE_COMPLETED);
}

static gsize
read_vm_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static void
test_huge_output (EngineFixture *f,
                  gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  gsize rss_before = read_vm_rss_kb ();
  gsize rss_after;
  PwLogEntry *last;

  /* 100 MB in a million lines of 100 bytes. */
  flow = fixture_save_flow (f, FLOW_HEAD ("flood")
    "`tasks`: [{`key`: `flood`, `kind`: `shell`,"
    "  `script`: `head -c 100000000 /dev/zero | tr '\\\\0' 'x' | fold -w 100; echo; echo the end`}]}");

  run = fixture_run (f, "flood", NULL);
  rss_after = read_vm_rss_kb ();
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_COMPLETED);

  task_run = fixture_task_run (f, run, "flood", 0);
  g_assert_cmpstr (pw_task_run_get_result (task_run), ==, "the end");
  logs = fixture_logs (f, pw_flow_run_get_id (run), pw_task_run_get_id (task_run));
  /* 10,000 lines, the note when the cap was hit and the count at the end. */
  g_assert_cmpuint (logs->len, ==, 10000 + 2);
  g_assert_cmpuint (strlen (pw_log_entry_get_message (g_ptr_array_index (logs, 0))), ==, 100);
  g_assert_nonnull (strstr (pw_log_entry_get_message (g_ptr_array_index (logs, 10000)),
                            "Output truncated"));
  last = g_ptr_array_index (logs, 10001);
  g_assert_nonnull (strstr (pw_log_entry_get_message (last), "990001 more lines"));
  g_assert_cmpint (pw_log_entry_get_level (last), ==, 30);

  /* Memory stays bounded: far below the 100 MB that went through. */
  g_test_message ("VmRSS %" G_GSIZE_FORMAT " kB → %" G_GSIZE_FORMAT " kB", rss_before, rss_after);
  g_assert_cmpuint (rss_after, <, rss_before + 40 * 1024);
}

static void
test_timeout_ignores_term (EngineFixture *f,
                           gconstpointer  data)
{
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) stubborn = NULL;
  g_autoptr(PwTaskRun) after = NULL;
  g_autofree char *history = NULL;

  flow = fixture_save_flow (f, FLOW_HEAD ("stubborn")
    "`tasks`: ["
    " {`key`: `stubborn`, `kind`: `shell`, `timeout_seconds`: 1,"
    "  `script`: `trap '' TERM; echo waiting; while :; do sleep 0.05; done`},"
    " {`key`: `after`, `kind`: `noop`, `after`: [`stubborn`]}"
    "]}");

  run = fixture_run (f, "stubborn", NULL);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  stubborn = fixture_task_run (f, run, "stubborn", 0);
  g_assert_cmpint (pw_task_run_get_state_type (stubborn), ==, PW_STATE_TYPE_FAILED);
  g_assert_cmpstr (pw_task_run_get_state_name (stubborn), ==, "TimedOut");
  g_assert_nonnull (strstr (message_of (stubborn), "ignored SIGTERM and was killed"));
  history = fixture_task_history (f, stubborn);
  g_assert_cmpstr (history, ==, "Pending,Running,TimedOut");
  after = fixture_task_run (f, run, "after", 0);
  g_assert_cmpstr (pw_task_run_get_state_name (after), ==, "NotRun");
}

static void
test_timeout_kills_grandchildren (EngineFixture *f,
                                  gconstpointer  data)
{
  g_autofree char *pid_file = fixture_path (f, "grandchild.pid");
  g_autofree char *params = g_strdup_printf ("{\"pid_file\": \"%s\"}", pid_file);
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  int grandchild;

  /* The grandchild ignores SIGTERM and has its own stdout. */
  flow = fixture_save_flow (f, FLOW_HEAD ("family")
    "`parameters`: [{`name`: `pid_file`, `type`: `string`}],"
    "`tasks`: [{`key`: `parent`, `kind`: `shell`, `timeout_seconds`: 1,"
    "  `script`: `sh -c 'trap \\\"\\\" TERM; echo $$ > {{ params.pid_file }}.tmp;"
    "             mv {{ params.pid_file }}.tmp {{ params.pid_file }}; exec sleep 60' > /dev/null & wait`}]}");

  run = fixture_run (f, "family", params);
  task_run = fixture_task_run (f, run, "parent", 0);
  g_assert_cmpstr (pw_task_run_get_state_name (task_run), ==, "TimedOut");

  grandchild = read_pid_file (pid_file);
  g_assert_cmpint (grandchild, >, 1);
  wait_process_gone (grandchild);
}

/* Cancels */

typedef struct
{
  EngineFixture *f;
  const char    *key;
  char          *flow_run_id;
  GCancellable  *cancellable;
  guint          idle_id;
} CancelWhenRunning;

static gboolean
cancel_now (gpointer user_data)
{
  CancelWhenRunning *when = user_data;

  when->idle_id = 0;
  if (when->cancellable != NULL)
    g_cancellable_cancel (when->cancellable);
  else
    g_assert_true (pw_engine_cancel_flow_run (when->f->engine, when->flow_run_id));
  return G_SOURCE_REMOVE;
}

static void
on_task_run_changed (PwEngine          *engine,
                     const char        *flow_run_id,
                     const char        *task_run_id,
                     CancelWhenRunning *when)
{
  g_autoptr(PwTaskRun) task_run = pw_store_get_task_run (when->f->store, task_run_id, NULL);

  if (when->flow_run_id == NULL &&
      g_str_equal (pw_task_run_get_task_key (task_run), when->key) &&
      pw_task_run_get_state_type (task_run) == PW_STATE_TYPE_RUNNING)
    {
      when->flow_run_id = g_strdup (flow_run_id);
      /* Once its process is up. */
      when->idle_id = g_timeout_add (100, cancel_now, when);
    }
}

static void
check_cancelled (EngineFixture *f,
                 PwFlowRun     *run)
{
  g_autoptr(PwTaskRun) slow = fixture_task_run (f, run, "slow", 0);
  g_autoptr(PwTaskRun) also = fixture_task_run (f, run, "also", 0);
  g_autoptr(PwTaskRun) later = fixture_task_run (f, run, "later", 0);
  g_autoptr(PwTaskRun) queued = fixture_task_run (f, run, "queued", 0);
  g_autofree char *history = fixture_flow_history (f, run);

  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_CANCELLED);
  g_assert_cmpstr (history, ==, "Pending,Running,Cancelling,Cancelled");
  /* The 30-second sleeps were stopped, not waited for. */
  g_assert_cmpint (g_date_time_difference (pw_flow_run_get_end_time (run),
                                           pw_flow_run_get_start_time (run)), <, 10 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (pw_task_run_get_state_name (slow), ==, "Cancelled");
  g_assert_cmpstr (pw_task_run_get_state_name (also), ==, "Cancelled");
  g_assert_cmpstr (pw_task_run_get_state_name (later), ==, "NotRun");
  g_assert_cmpstr (pw_task_run_get_state_name (queued), ==, "NotRun");
  g_assert_nonnull (strstr (message_of (later), "cancelled"));
}

static const char cancel_flow[] = FLOW_HEAD ("cancellable")
  "`task_runner`: {`kind`: `concurrent`, `max_workers`: 2},"
  "`tasks`: ["
  " {`key`: `slow`, `kind`: `command`, `command`: [`sleep`, `30`]},"
  " {`key`: `also`, `kind`: `shell`, `script`: `trap '' TERM; sleep 30`},"
  " {`key`: `queued`, `kind`: `command`, `command`: [`sleep`, `30`]},"
  " {`key`: `later`, `kind`: `noop`, `after`: [`slow`], `trigger`: `always`}"
  "]}";

static void
test_cancel_mid_run (EngineFixture *f,
                     gconstpointer  data)
{
  CancelWhenRunning when = { f, "also", };
  g_autoptr(PwFlow) flow = fixture_save_flow (f, cancel_flow);
  g_autoptr(PwFlowRun) run = NULL;
  gulong id;

  id = g_signal_connect (f->engine, "task-run-changed", G_CALLBACK (on_task_run_changed), &when);
  run = fixture_run (f, "cancellable", NULL);
  g_signal_handler_disconnect (f->engine, id);

  check_cancelled (f, run);
  g_free (when.flow_run_id);
}

static void
test_cancel_cancellable (EngineFixture *f,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelWhenRunning when = { f, "slow", NULL, cancellable };
  g_autoptr(PwFlow) flow = fixture_save_flow (f, cancel_flow);
  g_autofree char *id = fixture_create_run (f, "cancellable", NULL);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gulong handler;

  handler = g_signal_connect (f->engine, "task-run-changed", G_CALLBACK (on_task_run_changed), &when);
  run = fixture_wait (f, id, cancellable, &error);
  g_signal_handler_disconnect (f->engine, handler);
  g_assert_no_error (error);

  check_cancelled (f, run);
  g_free (when.flow_run_id);
}

static gboolean
cancel_from_elsewhere (gpointer user_data)
{
  CancelWhenRunning *when = user_data;
  g_autoptr(PwStore) other = NULL;
  g_autoptr(PwState) state = pw_state_new (PW_STATE_TYPE_CANCELLING, NULL, "Cancelled by the CLI");
  g_autoptr(GError) error = NULL;

  /* What another process does: it only writes to the database. */
  when->idle_id = 0;
  other = pw_store_open (pw_store_get_path (when->f->store), &error);
  g_assert_no_error (error);
  pw_store_set_flow_run_state (other, when->flow_run_id, state, &error);
  g_assert_no_error (error);

  return G_SOURCE_REMOVE;
}

static void
on_running_cancel_elsewhere (PwEngine          *engine,
                             const char        *flow_run_id,
                             const char        *task_run_id,
                             CancelWhenRunning *when)
{
  if (when->flow_run_id == NULL)
    {
      when->flow_run_id = g_strdup (flow_run_id);
      when->idle_id = g_timeout_add (100, cancel_from_elsewhere, when);
    }
}

static void
test_cancel_from_elsewhere (EngineFixture *f,
                            gconstpointer  data)
{
  CancelWhenRunning when = { f, };
  g_autoptr(PwFlow) flow = fixture_save_flow (f, cancel_flow);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) slow = NULL;
  g_autofree char *history = NULL;
  gulong id;

  id = g_signal_connect (f->engine, "task-run-changed", G_CALLBACK (on_running_cancel_elsewhere), &when);
  run = fixture_run (f, "cancellable", NULL);
  g_signal_handler_disconnect (f->engine, id);

  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_CANCELLED);
  history = fixture_flow_history (f, run);
  g_assert_cmpstr (history, ==, "Pending,Running,Cancelling,Cancelled");
  slow = fixture_task_run (f, run, "slow", 0);
  g_assert_cmpstr (pw_task_run_get_state_name (slow), ==, "Cancelled");
  g_free (when.flow_run_id);
}

static void
test_cancel_subflow (EngineFixture *f,
                     gconstpointer  data)
{
  CancelWhenRunning when = { f, "nap", };
  g_autoptr(PwFlow) child = NULL;
  g_autoptr(PwFlow) parent = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) sub = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) child_run = NULL;
  g_autoptr(JsonNode) details = NULL;
  gulong id;

  child = fixture_save_flow (f, FLOW_HEAD ("napper")
    "`tasks`: [{`key`: `nap`, `kind`: `command`, `command`: [`sleep`, `30`]}]}");
  parent = fixture_save_flow (f, FLOW_HEAD ("holder")
    "`tasks`: [{`key`: `sub`, `kind`: `subflow`, `flow`: `napper`}]}");

  id = g_signal_connect (f->engine, "task-run-changed", G_CALLBACK (on_task_run_changed), &when);
  run = fixture_run (f, "holder", NULL);
  g_signal_handler_disconnect (f->engine, id);

  /* The child run was the one cancelled (when.flow_run_id); the parent
   * run's sub-flow task ended Cancelled with it. */
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_CANCELLED);
  g_assert_cmpstr (pw_state_get_message (pw_flow_run_get_state (run)), ==,
                   "1 of 1 task was cancelled: sub");
  sub = fixture_task_run (f, run, "sub", 0);
  g_assert_cmpstr (pw_task_run_get_state_name (sub), ==, "Cancelled");
  details = json_from_string (pw_state_get_details (pw_task_run_get_state (sub)), &error);
  g_assert_no_error (error);
  child_run = pw_store_get_flow_run (f->store,
                                     json_object_get_string_member (json_node_get_object (details),
                                                                    "child_flow_run_id"),
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_flow_run_get_id (child_run), ==, when.flow_run_id);
  g_assert_cmpint (pw_flow_run_get_state_type (child_run), ==, PW_STATE_TYPE_CANCELLED);
  g_free (when.flow_run_id);
}

/* The store fails under a run: another process deletes it while it runs. */

typedef struct
{
  EngineFixture *f;
  const char    *flow_run_id;
  gboolean       armed;
  guint          idle_id;
} DeleteWhenRunning;

static gboolean
delete_now (gpointer user_data)
{
  DeleteWhenRunning *when = user_data;
  g_autoptr(PwStore) other = NULL;
  g_autoptr(GError) error = NULL;

  when->idle_id = 0;
  other = pw_store_open (pw_store_get_path (when->f->store), &error);
  g_assert_no_error (error);
  pw_store_delete_flow_run (other, when->flow_run_id, &error);
  g_assert_no_error (error);
  return G_SOURCE_REMOVE;
}

static void
on_running_delete (PwEngine          *engine,
                   const char        *flow_run_id,
                   const char        *task_run_id,
                   DeleteWhenRunning *when)
{
  if (!when->armed && g_str_equal (flow_run_id, when->flow_run_id))
    {
      when->armed = TRUE;
      when->idle_id = g_timeout_add (50, delete_now, when);
    }
}

typedef struct
{
  PwFlowRun *run;
  GError    *error;
  gboolean   done;
} Finished;

static void
on_finished (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Finished *finished = user_data;

  finished->run = pw_engine_start_flow_run_finish (PW_ENGINE (object), result, &finished->error);
  finished->done = TRUE;
}

static void
test_store_fails (EngineFixture *f,
                  gconstpointer  data)
{
  DeleteWhenRunning when = { f, };
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(PwFlow) steady = NULL;
  g_autofree char *id = NULL;
  g_autofree char *other_id = NULL;
  Finished vanished = { 0, };
  Finished other = { 0, };
  gulong handler;

  flow = fixture_save_flow (f, FLOW_HEAD ("vanishing")
    "`tasks`: ["
    " {`key`: `a`, `kind`: `command`, `command`: [`sleep`, `0.3`]},"
    " {`key`: `b`, `kind`: `noop`, `after`: [`a`]}"
    "]}");
  steady = fixture_save_flow (f, FLOW_HEAD ("steady")
    "`tasks`: ["
    " {`key`: `a`, `kind`: `command`, `command`: [`sleep`, `0.3`]},"
    " {`key`: `b`, `kind`: `noop`, `after`: [`a`]}"
    "]}");
  id = fixture_create_run (f, "vanishing", NULL);
  other_id = fixture_create_run (f, "steady", NULL);

  /* Two runs share the engine's batches; the one deleted under it stops,
   * the other goes on. */
  when.flow_run_id = id;
  handler = g_signal_connect (f->engine, "task-run-changed", G_CALLBACK (on_running_delete), &when);
  pw_engine_start_flow_run_async (f->engine, NULL, id, NULL, on_finished, &vanished);
  pw_engine_start_flow_run_async (f->engine, NULL, other_id, NULL, on_finished, &other);

  g_test_expect_message ("pw-engine", G_LOG_LEVEL_WARNING, "*its changes could not be stored*");
  while (!vanished.done || !other.done)
    g_main_context_iteration (NULL, TRUE);
  g_test_assert_expected_messages ();
  g_signal_handler_disconnect (f->engine, handler);

  g_assert_error (vanished.error, PW_ENGINE_ERROR, PW_ENGINE_ERROR_STORE);
  g_assert_nonnull (strstr (vanished.error->message, id));
  g_assert_null (vanished.run);
  g_assert_false (pw_engine_is_running (f->engine, id));

  g_assert_no_error (other.error);
  g_assert_cmpint (pw_flow_run_get_state_type (other.run), ==, PW_STATE_TYPE_COMPLETED);

  g_clear_error (&vanished.error);
  g_clear_object (&other.run);
}

/* http */

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  if (g_str_has_prefix (path, "/repos/"))
    {
      g_autofree char *body = g_strdup_printf ("{\"full_name\":\"%s\",\"stargazers_count\":%zu}",
                                               path + strlen ("/repos/"), strlen (path));

      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
      soup_server_message_set_status (msg, 200, NULL);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
    }
}

static SoupServer *
start_server (guint *out_port)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, server_callback, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *out_port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return server;
}

static guint
unused_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static const char http_flow[] = FLOW_HEAD ("stars")
  "`parameters`: [{`name`: `base`, `type`: `string`},"
  "               {`name`: `repos`, `type`: `list`, `default`: [`PrefectHQ/prefect`, `GNOME/gtk`]}],"
  "`task_runner`: {`kind`: `concurrent`, `max_workers`: 2},"
  "`tasks`: ["
  " {`key`: `stars`, `kind`: `http`, `method`: `GET`, `url`: `{{ params.base }}/repos/{{ item }}`,"
  "  `headers`: {`Accept`: `application/json`}, `map`: `{{ params.repos }}`},"
  " {`key`: `total`, `kind`: `shell`, `after`: [`stars`],"
  "  `script`: `printf '%s' {{ tasks.stars.result }} | grep -o 'stargazers_count.:[0-9]*' | wc -l`}"
  "]}";

static void
test_http_success (EngineFixture *f,
                   gconstpointer  data)
{
  guint port;
  g_autoptr(SoupServer) server = start_server (&port);
  g_autofree char *params = g_strdup_printf ("{\"base\": \"http://127.0.0.1:%u\"}", port);
  g_autoptr(PwFlow) flow = fixture_save_flow (f, http_flow);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) gtk = NULL;
  g_autoptr(PwTaskRun) total = NULL;

  run = fixture_run (f, "stars", params);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_COMPLETED);
  gtk = fixture_task_run (f, run, "stars", 1);
  g_assert_cmpstr (pw_task_run_get_result (gtk), ==,
                   "{\"full_name\":\"GNOME/gtk\",\"stargazers_count\":16}");
  total = fixture_task_run (f, run, "total", 0);
  g_assert_cmpstr (pw_task_run_get_result (total), ==, "2");
  g_assert_true (fixture_logs_contain (f, pw_flow_run_get_id (run), pw_task_run_get_id (gtk), 20,
                                       "→ 200 OK"));
}

static void
test_http_refused (EngineFixture *f,
                   gconstpointer  data)
{
  g_autofree char *params = g_strdup_printf ("{\"base\": \"http://127.0.0.1:%u\"}", unused_port ());
  g_autoptr(PwFlow) flow = fixture_save_flow (f, http_flow);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) first = NULL;

  run = fixture_run (f, "stars", params);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  first = fixture_task_run (f, run, "stars", 0);
  g_assert_cmpint (pw_task_run_get_state_type (first), ==, PW_STATE_TYPE_FAILED);
  g_assert_nonnull (strstr (message_of (first), "Could not send GET http://127.0.0.1:"));
  g_assert_nonnull (strstr (message_of (first), "refused"));
}

static void
test_http_invalid_url (EngineFixture *f,
                       gconstpointer  data)
{
  g_autoptr(PwFlow) flow = fixture_save_flow (f, http_flow);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) first = NULL;

  run = fixture_run (f, "stars", "{\"base\": \"not a url\"}");
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  first = fixture_task_run (f, run, "stars", 0);
  g_assert_nonnull (strstr (message_of (first), "“not a url/repos/PrefectHQ/prefect” is not a valid URL"));
}

static void
test_http_status (EngineFixture *f,
                  gconstpointer  data)
{
  guint port;
  g_autoptr(SoupServer) server = start_server (&port);
  g_autofree char *params = g_strdup_printf ("{\"base\": \"http://127.0.0.1:%u/nothing\"}", port);
  g_autoptr(PwFlow) flow = fixture_save_flow (f, http_flow);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) first = NULL;

  run = fixture_run (f, "stars", params);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_FAILED);
  first = fixture_task_run (f, run, "stars", 0);
  g_assert_nonnull (strstr (message_of (first), "answered 404 Not Found"));
}

/* A crash: the process running the flow dies without a word. */

/* Where the parent tells the child which database and run: a file named
 * after the parent, since setenv() is unsafe once threads run. */
static char *
crash_note_path (int parent_pid)
{
  g_autofree char *name = g_strdup_printf ("pw-engine-crash-%d.txt", parent_pid);

  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static void
crash_child (void)
{
  g_autofree char *note = crash_note_path (getppid ());
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwEngine) engine = NULL;

  g_assert_true (g_file_get_contents (note, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", 2);
  store = pw_store_open (lines[0], &error);
  g_assert_no_error (error);
  engine = pw_engine_new (store, NULL);
  pw_engine_start_flow_run_async (engine, NULL, lines[1], NULL, NULL, NULL);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_crash (EngineFixture *f,
            gconstpointer  data)
{
  g_autofree char *pid_file = fixture_path (f, "task.pid");
  g_autofree char *params = g_strdup_printf ("{\"pid_file\": \"%s\"}", pid_file);
  g_autoptr(PwFlow) flow = NULL;
  g_autofree char *id = NULL;
  g_autofree char *note = NULL;
  g_autofree char *note_text = NULL;
  g_autoptr(PwStore) reopened = NULL;
  g_autoptr(GPtrArray) reaped = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwTaskRun) task_run = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int task_pid;

  flow = fixture_save_flow (f, FLOW_HEAD ("doomed")
    "`parameters`: [{`name`: `pid_file`, `type`: `string`}],"
    "`tasks`: [{`key`: `long`, `kind`: `shell`,"
    "  `script`: `echo $$ > {{ params.pid_file }}; for i in $(seq 1 50); do echo line $i; done; sleep 60`}]}");
  id = fixture_create_run (f, "doomed", params);

  note = crash_note_path (getpid ());
  note_text = g_strdup_printf ("%s\n%s", pw_store_get_path (f->store), id);
  g_assert_true (g_file_set_contents (note, note_text, -1, NULL));
  /* The child is killed (SIGALRM, which it does not handle) after 1.5 s. */
  g_test_trap_subprocess ("/Engine/crash/killed/subprocess", 1500 * 1000, G_TEST_SUBPROCESS_DEFAULT);
  g_assert_false (g_test_trap_has_passed ());
  g_unlink (note);

  task_pid = read_pid_file (pid_file);
  kill (-task_pid, SIGKILL);

  reopened = pw_store_open (pw_store_get_path (f->store), &error);
  g_assert_no_error (error);
  reaped = pw_store_reap_crashed_runs (reopened, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reaped->len, ==, 1);

  run = pw_store_get_flow_run (reopened, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_flow_run_get_state_type (run), ==, PW_STATE_TYPE_CRASHED);
  task_run = fixture_task_run (f, run, "long", 0);
  g_assert_cmpint (pw_task_run_get_state_type (task_run), ==, PW_STATE_TYPE_CRASHED);

  /* Every line logged before the kill is there. */
  logs = fixture_logs (f, id, pw_task_run_get_id (task_run));
  g_assert_cmpuint (logs->len, >=, 50);
  g_assert_cmpstr (pw_log_entry_get_message (g_ptr_array_index (logs, 49)), ==, "line 50");

  g_assert_cmpint (sqlite3_open_v2 (pw_store_get_path (f->store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
add (const char *path,
     void      (*func) (EngineFixture *, gconstpointer))
{
  g_test_add (path, EngineFixture, NULL, engine_fixture_set_up, func, engine_fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add ("/Engine/fault/command-not-found", test_command_not_found);
  add ("/Engine/fault/huge-output", test_huge_output);
  add ("/Engine/timeout/ignores-term", test_timeout_ignores_term);
  add ("/Engine/timeout/grandchildren", test_timeout_kills_grandchildren);
  add ("/Engine/cancel/mid-run", test_cancel_mid_run);
  add ("/Engine/cancel/cancellable", test_cancel_cancellable);
  add ("/Engine/cancel/from-elsewhere", test_cancel_from_elsewhere);
  add ("/Engine/cancel/subflow", test_cancel_subflow);
  add ("/Engine/fault/store-fails", test_store_fails);
  add ("/Engine/http/success", test_http_success);
  add ("/Engine/http/refused", test_http_refused);
  add ("/Engine/http/invalid-url", test_http_invalid_url);
  add ("/Engine/http/status", test_http_status);
  add ("/Engine/crash/killed", test_crash);
  g_test_add_func ("/Engine/crash/killed/subprocess", crash_child);

  return g_test_run ();
}
