/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include "pw-rest-server-private.h"

/*
 * Closing the kept-alive connections that clients have closed.
 *
 * libsoup 3.2 (Debian 12 ships 3.2.3) reads the end of stream of a client
 * that closes a kept-alive connection between two requests, and then
 * forgets the connection without closing its socket (fixed in libsoup
 * 3.3 by commit d20c6601, "server-connection: fix dep cycle and connection
 * leak"). Every such connection stays in CLOSE-WAIT and holds a file
 * descriptor for the life of the server: a busy server runs out of them.
 *
 * So between two requests of a connection (from request-finished to the
 * next request-started, which libsoup emits as soon as the next request's
 * first bytes are readable) its socket is watched here. When it turns
 * readable, a peek tells the end of stream (0 bytes: the client is gone and
 * nobody reads the socket anymore, so it is closed here) from the next
 * request's bytes (left for libsoup, and the watch rests a second so that
 * it never spins on them).
 */

#define REARM_DELAY_MS 1000

struct _PwRestConnections
{
  SoupServer *soup;
  GHashTable *idle;          /* GSocket → IdleConnection */
  gulong      started_id;
  gulong      finished_id;
  gulong      aborted_id;
  guint       n_closed;
};

typedef struct
{
  PwRestConnections *owner;
  GSocket           *socket;
  GSource           *watch;
  GSource           *rearm;
} IdleConnection;

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
idle_connection_free (IdleConnection *conn)
{
  clear_source (&conn->watch);
  clear_source (&conn->rearm);
  g_clear_object (&conn->socket);
  g_free (conn);
}

static void arm (IdleConnection *conn);

static gboolean
rearm_cb (gpointer user_data)
{
  IdleConnection *conn = user_data;

  g_clear_pointer (&conn->rearm, g_source_unref);
  arm (conn);
  return G_SOURCE_REMOVE;
}

static gboolean
readable_cb (GSocket      *socket,
             GIOCondition  condition,
             gpointer      user_data)
{
  IdleConnection *conn = user_data;
  PwRestConnections *owner = conn->owner;
  gboolean gone;
  char byte;

  if (g_socket_is_closed (socket))
    {
      /* libsoup closed it itself */
      g_hash_table_remove (owner->idle, socket);
      return G_SOURCE_REMOVE;
    }

  if (condition & (G_IO_ERR | G_IO_NVAL))
    gone = TRUE;
  else
    {
      gssize n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);

      gone = n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
    }

  if (gone)
    {
      g_socket_close (socket, NULL);
      owner->n_closed++;
      g_hash_table_remove (owner->idle, socket);
      return G_SOURCE_REMOVE;
    }

  /* The next request is arriving: libsoup starts it in this very
   * iteration of the main loop, and request-started ends the watch. */
  g_clear_pointer (&conn->watch, g_source_unref);
  conn->rearm = g_timeout_source_new (REARM_DELAY_MS);
  g_source_set_callback (conn->rearm, rearm_cb, conn, NULL);
  g_source_attach (conn->rearm, g_main_context_get_thread_default ());
  return G_SOURCE_REMOVE;
}

static void
arm (IdleConnection *conn)
{
  clear_source (&conn->watch);
  conn->watch = g_socket_create_source (conn->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (conn->watch, G_SOURCE_FUNC (readable_cb), conn, NULL);
  /* after libsoup's own source on the socket: it goes first when both
   * are ready */
  g_source_set_priority (conn->watch, G_PRIORITY_LOW);
  g_source_attach (conn->watch, g_main_context_get_thread_default ());
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  PwRestConnections *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    g_hash_table_remove (self->idle, socket);
}

static void
request_done_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  PwRestConnections *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);
  IdleConnection *conn;

  if (socket == NULL || g_socket_is_closed (socket) ||
      g_hash_table_contains (self->idle, socket))
    return;

  conn = g_new0 (IdleConnection, 1);
  conn->owner = self;
  conn->socket = g_object_ref (socket);
  g_hash_table_insert (self->idle, socket, conn);
  arm (conn);
}

PwRestConnections *
_pw_rest_connections_new (SoupServer *soup)
{
  PwRestConnections *self = g_new0 (PwRestConnections, 1);

  self->soup = soup;
  self->idle = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)idle_connection_free);
  self->started_id = g_signal_connect (soup, "request-started",
                                       G_CALLBACK (request_started_cb), self);
  self->finished_id = g_signal_connect (soup, "request-finished",
                                        G_CALLBACK (request_done_cb), self);
  self->aborted_id = g_signal_connect (soup, "request-aborted",
                                       G_CALLBACK (request_done_cb), self);
  return self;
}

void
_pw_rest_connections_free (PwRestConnections *self)
{
  g_clear_signal_handler (&self->started_id, self->soup);
  g_clear_signal_handler (&self->finished_id, self->soup);
  g_clear_signal_handler (&self->aborted_id, self->soup);
  g_hash_table_destroy (self->idle);
  g_free (self);
}

/* The connections closed here so far, for the tests. */
guint
_pw_rest_connections_get_n_closed (PwRestConnections *self)
{
  return self->n_closed;
}
