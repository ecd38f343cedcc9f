/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-api-common.h"

/*
 * The connections of a real `pipewright-cli serve`: libsoup 3.2 leaves
 * the kept-alive connections that clients close between two requests in
 * CLOSE-WAIT (see src/api/pw-rest-connections.c), and the server must not
 * keep a descriptor for each of them.
 */

static void
fixture_set_up (ApiFixture    *f,
                gconstpointer  data)
{
  api_fixture_set_up (f, data);
  api_serve (f, "--no-agent", "--no-scheduler", NULL);
}

static guint
count_fds (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd", pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Waits up to 10 s for the server to hold at most @limit descriptors. */
static gboolean
fds_drop_to (const char *pid,
             guint       limit)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (count_fds (pid) > limit && g_get_monotonic_time () < end)
    g_usleep (20000);
  return count_fds (pid) <= limit;
}

/* libsoup 3.2 leaves the kept-alive connections that clients close
 * between requests in CLOSE-WAIT (pw-rest-connections.c): the server must
 * not keep a descriptor for each. Some clients also close their side as
 * soon as the request is sent. */
static void
test_closed_connections (ApiFixture    *f,
                         gconstpointer  data)
{
  const char *pid = g_subprocess_get_identifier (f->server);
  g_autoptr(GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(SoupSession) session = api_session ();
  g_autofree char *health = g_strconcat (f->url, "/health", NULL);
  const char *request = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  guint before;

  /* one request first, so that the server's lazily opened files are open */
  g_assert_cmpuint (api_request (session, "GET", health, NULL, NULL, NULL), ==, 200);

  g_assert_nonnull (pid);
  before = count_fds (pid);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
      GSocket *socket;
      char answer[512];
      gsize got;
      gssize n;

      g_assert_no_error (error);
      socket = g_socket_connection_get_socket (connection);
      for (guint j = 0; j < 2; j++)
        {
          g_assert_cmpint (g_socket_send (socket, request, strlen (request), NULL, &error), ==,
                           (gssize)strlen (request));
          if (i % 2 == 1 && j == 1)
            g_assert_true (g_socket_shutdown (socket, FALSE, TRUE, &error));
          /* the head and the body may come apart */
          for (got = 0; got < 4 || memcmp (answer + got - 4, "true", 4) != 0; got += n)
            {
              n = g_socket_receive (socket, answer + got, sizeof answer - 1 - got, NULL, &error);
              g_assert_no_error (error);
              g_assert_cmpint (n, >, 0);
            }
          answer[got] = '\0';
          g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200"));
        }
      g_assert_true (g_io_stream_close (G_IO_STREAM (connection), NULL, &error));
    }

  if (!fds_drop_to (pid, before + 2))
    g_error ("the server holds %u descriptors after 60 closed connections, %u before",
             count_fds (pid), before);
}

int
main (int   argc,
      char *argv[])
{
  api_test_init (&argc, &argv);

  g_test_add ("/RestConnections/closed-by-clients", ApiFixture, NULL,
              fixture_set_up, test_closed_connections, api_fixture_tear_down);

  return g_test_run ();
}
