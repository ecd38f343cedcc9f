/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-engine-process"

#include "config.h"

#include <signal.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pw-fake-clock.h"
#include "pw-http-task.h"
#include "pw-task-process.h"
#include "test-engine-fixture.h"

/* One task process, and one http request, run to their end. */

typedef struct
{
  GPtrArray *out;
  GPtrArray *err;
  guint      n_out;
  gsize      max_len;
  gboolean   keep;
  GError    *error;
  gboolean   ok;
  gboolean   done;
} Run;

static void
on_line (gpointer             process,
         PwTaskProcessStream  stream,
         const char          *line,
         gsize                len,
         gpointer             user_data)
{
  Run *run = user_data;

  g_assert_cmpuint (strlen (line), ==, len);
  run->max_len = MAX (run->max_len, len);
  if (stream == PW_TASK_PROCESS_STDOUT)
    {
      run->n_out++;
      if (run->keep)
        g_ptr_array_add (run->out, g_strdup (line));
    }
  else
    {
      g_ptr_array_add (run->err, g_strdup (line));
    }
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->ok = pw_task_process_run_finish (PW_TASK_PROCESS (object), result, &run->error);
  run->done = TRUE;
}

static void
run_init (Run *run)
{
  memset (run, 0, sizeof *run);
  run->out = g_ptr_array_new_with_free_func (g_free);
  run->err = g_ptr_array_new_with_free_func (g_free);
  run->keep = TRUE;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_ptr_array_unref);
  g_clear_pointer (&run->err, g_ptr_array_unref);
  g_clear_error (&run->error);
}

static void
run_process (PwTaskProcess *process,
             Run           *run,
             GCancellable  *cancellable)
{
  pw_task_process_set_line_func (process, on_line, run);
  pw_task_process_run_async (process, cancellable, on_done, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static PwTaskProcess *
sh (const char *script)
{
  const char *argv[] = { "/bin/sh", "-c", script, NULL };

  return pw_task_process_new (argv, NULL, NULL);
}

static void
test_lines (void)
{
  g_autoptr(PwTaskProcess) process = sh ("echo one; echo two >&2; printf 'three\\r\\n\\n  \\nlast'");
  Run run;

  run_init (&run);
  run_process (process, &run, NULL);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.out->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (run.out, 0), ==, "one");
  g_assert_cmpstr (g_ptr_array_index (run.out, 1), ==, "three");
  g_assert_cmpstr (g_ptr_array_index (run.out, 4), ==, "last");
  g_assert_cmpuint (run.err->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (run.err, 0), ==, "two");
  g_assert_cmpstr (pw_task_process_get_last_stdout_line (process), ==, "last");
  g_assert_cmpint (pw_task_process_get_pid (process), >, 0);
  run_clear (&run);
}

static void
test_env_and_workdir (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pw-process-XXXXXX", NULL);
  const char *argv[] = { "/bin/sh", "-c", "echo \"$GREETING\" $(pwd)", NULL };
  const char *envp[] = { "GREETING=hello", "PATH=/usr/bin:/bin", NULL };
  g_autoptr(PwTaskProcess) process = pw_task_process_new (argv, envp, dir);
  g_autofree char *expected = NULL;
  g_autofree char *real = realpath (dir, NULL);
  Run run;

  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_no_error (run.error);
  expected = g_strdup_printf ("hello %s", real);
  g_assert_cmpstr (pw_task_process_get_last_stdout_line (process), ==, expected);
  run_clear (&run);
  g_rmdir (dir);
}

static void
test_exit_status (void)
{
  g_autoptr(PwTaskProcess) process = sh ("echo partial; exit 3");
  Run run;

  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_error (run.error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_EXIT_STATUS);
  g_assert_nonnull (strstr (run.error->message, "status 3"));
  g_assert_false (run.ok);
  g_assert_cmpstr (pw_task_process_get_last_stdout_line (process), ==, "partial");
  run_clear (&run);
}

static void
test_signaled (void)
{
  g_autoptr(PwTaskProcess) process = sh ("kill -SEGV $$");
  Run run;

  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_error (run.error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SIGNALED);
  g_assert_nonnull (strstr (run.error->message, "signal 11"));
  run_clear (&run);
}

static void
test_not_found (void)
{
  const char *argv[] = { "pw-no-such-program-anywhere", "x", NULL };
  g_autoptr(PwTaskProcess) process = pw_task_process_new (argv, NULL, NULL);
  Run run;

  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_error (run.error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SPAWN);
  g_assert_nonnull (strstr (run.error->message, "pw-no-such-program-anywhere"));
  g_assert_nonnull (strstr (run.error->message, "not found in PATH"));
  g_assert_cmpint (pw_task_process_get_pid (process), ==, 0);
  run_clear (&run);
}

static void
test_not_executable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pw-process-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "script", NULL);
  const char *argv[] = { path, NULL };
  g_autoptr(PwTaskProcess) process = NULL;
  Run run;

  g_assert_true (g_file_set_contents (path, "#!/bin/sh\necho hi\n", -1, NULL));
  g_chmod (path, 0644);
  process = pw_task_process_new (argv, NULL, NULL);

  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_error (run.error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SPAWN);
  g_assert_nonnull (strstr (run.error->message, "not executable"));
  run_clear (&run);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_workdir (void)
{
  const char *argv[] = { "true", NULL };
  g_autoptr(PwTaskProcess) process = pw_task_process_new (argv, NULL, "/nonexistent/pw-dir");
  Run run;

  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_error (run.error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_SPAWN);
  g_assert_nonnull (strstr (run.error->message, "/nonexistent/pw-dir"));
  run_clear (&run);
}

static void
test_timeout_ignores_term (void)
{
  g_autoptr(PwTaskProcess) process = sh ("trap '' TERM; echo started; while :; do sleep 0.05; done");
  gint64 start = g_get_monotonic_time ();
  Run run;

  pw_task_process_set_timeout_ms (process, 200);
  pw_task_process_set_kill_grace_ms (process, 200);
  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_error (run.error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (run.error->message, "killed"));
  g_assert_cmpstr (pw_task_process_get_last_stdout_line (process), ==, "started");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_true (process_gone (pw_task_process_get_pid (process)));
  run_clear (&run);
}

static void
test_timeout_kills_grandchildren (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pw-process-XXXXXX", NULL);
  g_autofree char *pid_file = g_build_filename (dir, "pid", NULL);
  g_autofree char *script = g_strdup_printf ("sh -c 'echo $$ > %s.tmp; mv %s.tmp %s; "
                                             "trap \"\" TERM; exec sleep 30' & wait",
                                             pid_file, pid_file, pid_file);
  g_autoptr(PwTaskProcess) process = sh (script);
  pid_t grandchild;
  Run run;

  pw_task_process_set_timeout_ms (process, 300);
  pw_task_process_set_kill_grace_ms (process, 200);
  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_error (run.error, PW_TASK_PROCESS_ERROR, PW_TASK_PROCESS_ERROR_TIMED_OUT);

  grandchild = read_pid_file (pid_file);
  g_assert_cmpint (grandchild, >, 1);
  wait_process_gone (grandchild);

  run_clear (&run);
  g_unlink (pid_file);
  g_rmdir (dir);
}

static void
test_leftover_children_end_with_task (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pw-process-XXXXXX", NULL);
  g_autofree char *pid_file = g_build_filename (dir, "pid", NULL);
  /* The background child keeps stdout open and outlives the shell. */
  g_autofree char *script = g_strdup_printf ("sleep 30 & echo $! > %s; echo done", pid_file);
  g_autoptr(PwTaskProcess) process = sh (script);
  pid_t child;
  Run run;

  pw_task_process_set_kill_grace_ms (process, 200);
  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpstr (pw_task_process_get_last_stdout_line (process), ==, "done");

  child = read_pid_file (pid_file);
  wait_process_gone (child);

  run_clear (&run);
  g_unlink (pid_file);
  g_rmdir (dir);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(PwTaskProcess) process = sh ("echo waiting; sleep 30");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run;

  pw_task_process_set_kill_grace_ms (process, 1000);
  g_timeout_add (100, cancel_later, cancellable);
  run_init (&run);
  run_process (process, &run, cancellable);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (process_gone (pw_task_process_get_pid (process)));
  run_clear (&run);
}

static void
test_cancelled_before_start (void)
{
  g_autoptr(PwTaskProcess) process = sh ("echo never");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run;

  g_cancellable_cancel (cancellable);
  run_init (&run);
  run_process (process, &run, cancellable);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (pw_task_process_get_pid (process), ==, 0);
  run_clear (&run);
}

static void
test_long_lines (void)
{
  g_autoptr(PwTaskProcess) process = sh ("head -c 40000 /dev/zero | tr '\\0' 'y'; echo; echo tail");
  Run run;

  run_init (&run);
  run_process (process, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.max_len, ==, PW_TASK_PROCESS_MAX_LINE);
  /* 40000 = 16384 + 16384 + 7232, then "tail" */
  g_assert_cmpuint (run.out->len, ==, 4);
  g_assert_cmpuint (strlen (g_ptr_array_index (run.out, 2)), ==, 40000 - 2 * PW_TASK_PROCESS_MAX_LINE);
  g_assert_cmpstr (pw_task_process_get_last_stdout_line (process), ==, "tail");
  run_clear (&run);
}

static void
test_huge_output (void)
{
  /* 20 MB in 200,000 lines: streamed, never accumulated. */
  g_autoptr(PwTaskProcess) process =
    sh ("head -c 20000000 /dev/zero | tr '\\0' 'x' | fold -w 100");
  Run run;

  run_init (&run);
  run.keep = FALSE;
  run_process (process, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.n_out, ==, 200000);
  g_assert_cmpuint (run.max_len, ==, 100);
  run_clear (&run);
}

/* http */

typedef struct
{
  char     *body;
  GError   *error;
  gboolean  done;
} HttpRun;

static void
on_http_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  HttpRun *run = user_data;

  run->body = pw_http_task_run_finish (PW_HTTP_TASK (object), result, &run->error);
  run->done = TRUE;
}

static void
http_run (PwHttpTask *task,
          HttpRun    *run)
{
  memset (run, 0, sizeof *run);
  pw_http_task_run_async (task, NULL, on_http_done, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  if (g_str_equal (path, "/echo"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                         "X-Test");
      g_autofree char *text = g_strdup_printf ("%s %s %.*s",
                                               soup_server_message_get_method (msg),
                                               header != NULL ? header : "-",
                                               (int)request->length, request->data);

      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, text, strlen (text));
      soup_server_message_set_status (msg, 200, NULL);
    }
  else if (g_str_equal (path, "/big"))
    {
      g_autofree char *big = g_strnfill (300000, 'b');

      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, big, strlen (big));
      soup_server_message_set_status (msg, 200, NULL);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
    }
}

static char *
start_server (SoupServer **out_server)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;
  char *base;

  soup_server_add_handler (server, NULL, server_callback, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  *out_server = server;
  return base;
}

static void
test_http_success (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *base = start_server (&server);
  g_autofree char *url = g_strconcat (base, "echo", NULL);
  const char *headers[] = { "X-Test", "yes", NULL };
  g_autoptr(PwHttpTask) task = pw_http_task_new (session, "post", url, headers, "{\"a\":1}");
  HttpRun run;

  http_run (task, &run);
  g_assert_no_error (run.error);
  g_assert_cmpstr (run.body, ==, "POST yes {\"a\":1}");
  g_assert_cmpuint (pw_http_task_get_status (task), ==, 200);
  g_free (run.body);
}

static void
test_http_status (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *base = start_server (&server);
  g_autofree char *url = g_strconcat (base, "missing", NULL);
  g_autoptr(PwHttpTask) task = pw_http_task_new (session, NULL, url, NULL, NULL);
  HttpRun run;

  http_run (task, &run);
  g_assert_error (run.error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_STATUS);
  g_assert_nonnull (strstr (run.error->message, "404"));
  g_assert_null (run.body);
  g_clear_error (&run.error);
}

static void
test_http_truncated (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *base = start_server (&server);
  g_autofree char *url = g_strconcat (base, "big", NULL);
  g_autoptr(PwHttpTask) task = pw_http_task_new (session, NULL, url, NULL, NULL);
  HttpRun run;

  pw_http_task_set_max_body_size (task, 1000);
  http_run (task, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (strlen (run.body), ==, 1000);
  g_assert_true (pw_http_task_get_body_truncated (task));
  g_free (run.body);
}

static guint
unused_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  /* Bound but never listening: a connection is refused. */
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_http_refused (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/x", unused_port ());
  g_autoptr(PwHttpTask) task = pw_http_task_new (session, NULL, url, NULL, NULL);
  HttpRun run;

  http_run (task, &run);
  g_assert_error (run.error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_REQUEST);
  g_assert_nonnull (strstr (run.error->message, url));
  g_clear_error (&run.error);
}

static void
test_http_invalid_url (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *bad[] = { "not a url", "ftp://example.com/x", "http://", "/relative/path" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PwHttpTask) task = pw_http_task_new (session, NULL, bad[i], NULL, NULL);
      HttpRun run;

      http_run (task, &run);
      g_assert_error (run.error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_INVALID_URL);
      g_assert_nonnull (strstr (run.error->message, bad[i]));
      g_clear_error (&run.error);
    }
}

static void
test_http_bad_header (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *headers[] = { "X-Bad", "a\r\nInjected: yes", NULL };
  g_autoptr(PwHttpTask) task = pw_http_task_new (session, NULL, "http://127.0.0.1:1/", headers, NULL);
  HttpRun run;

  http_run (task, &run);
  g_assert_error (run.error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_INVALID_REQUEST);
  g_clear_error (&run.error);
}

/* fake clock */

static gboolean
count_fire (gpointer user_data)
{
  (*(guint *)user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_fake_clock (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 3, 31, 0, 59, 0);
  g_autoptr(PwClock) clock = pw_fake_clock_new (start);
  g_autoptr(GDateTime) now = NULL;
  guint fired = 0;
  guint id;

  now = pw_clock_get_now (clock);
  g_assert_true (g_date_time_equal (now, start));

  id = pw_clock_timeout_add (clock, 60 * 60 * 1000, count_fire, &fired, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fired, ==, 0);

  pw_fake_clock_advance (PW_FAKE_CLOCK (clock), 59 * G_TIME_SPAN_MINUTE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fired, ==, 0);

  pw_fake_clock_advance (PW_FAKE_CLOCK (clock), G_TIME_SPAN_MINUTE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fired, ==, 1);

  pw_fake_clock_advance (PW_FAKE_CLOCK (clock), 2 * G_TIME_SPAN_HOUR);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fired, ==, 3);

  g_assert_cmpuint (pw_fake_clock_get_n_pending (PW_FAKE_CLOCK (clock)), ==, 1);
  g_source_remove (id);
  g_assert_cmpuint (pw_fake_clock_get_n_pending (PW_FAKE_CLOCK (clock)), ==, 0);

  g_clear_pointer (&now, g_date_time_unref);
  now = pw_clock_get_now (clock);
  g_assert_cmpint (g_date_time_difference (now, start), ==, 3 * G_TIME_SPAN_HOUR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Engine/process/lines", test_lines);
  g_test_add_func ("/Engine/process/env-and-workdir", test_env_and_workdir);
  g_test_add_func ("/Engine/process/exit-status", test_exit_status);
  g_test_add_func ("/Engine/process/signaled", test_signaled);
  g_test_add_func ("/Engine/process/not-found", test_not_found);
  g_test_add_func ("/Engine/process/not-executable", test_not_executable);
  g_test_add_func ("/Engine/process/missing-workdir", test_missing_workdir);
  g_test_add_func ("/Engine/process/timeout-ignores-term", test_timeout_ignores_term);
  g_test_add_func ("/Engine/process/timeout-kills-grandchildren", test_timeout_kills_grandchildren);
  g_test_add_func ("/Engine/process/leftover-children", test_leftover_children_end_with_task);
  g_test_add_func ("/Engine/process/cancel", test_cancel);
  g_test_add_func ("/Engine/process/cancelled-before-start", test_cancelled_before_start);
  g_test_add_func ("/Engine/process/long-lines", test_long_lines);
  g_test_add_func ("/Engine/process/huge-output", test_huge_output);
  g_test_add_func ("/Engine/http/success", test_http_success);
  g_test_add_func ("/Engine/http/status", test_http_status);
  g_test_add_func ("/Engine/http/truncated", test_http_truncated);
  g_test_add_func ("/Engine/http/refused", test_http_refused);
  g_test_add_func ("/Engine/http/invalid-url", test_http_invalid_url);
  g_test_add_func ("/Engine/http/bad-header", test_http_bad_header);
  g_test_add_func ("/Engine/clock/fake", test_fake_clock);

  return g_test_run ();
}
