/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

/*
 * A webhook endpoint for tests: a real SoupServer on 127.0.0.1, port 0,
 * on the default main context. It records each request and answers as
 * told: 503 for the first @fail_first requests, then @status, or never
 * (@hang: the request is paused until the server goes).
 */
typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *bodies;
  GPtrArray  *content_types;
  guint       fail_first;
  guint       status;
  gboolean    hang;
} HookServer;

static inline void
hook_server_handler (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  HookServer *hook = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  const char *content_type;

  content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                        NULL);
  g_ptr_array_add (hook->bodies, g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
  g_ptr_array_add (hook->content_types, g_strdup (content_type));

  if (hook->hang)
    {
      soup_server_message_pause (msg);
      return;
    }

  if (hook->bodies->len <= hook->fail_first)
    soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
  else
    soup_server_message_set_status (msg, hook->status, NULL);
}

static inline HookServer *
hook_server_new (void)
{
  HookServer *hook = g_new0 (HookServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  hook->server = soup_server_new (NULL, NULL);
  hook->bodies = g_ptr_array_new_with_free_func (g_free);
  hook->content_types = g_ptr_array_new_with_free_func (g_free);
  hook->status = SOUP_STATUS_OK;
  soup_server_add_handler (hook->server, NULL, hook_server_handler, hook, NULL);
  soup_server_listen (hook->server, address, 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (hook->server);
  g_assert_nonnull (uris);
  {
    g_autofree char *base = g_uri_to_string (uris->data);

    hook->url = g_strconcat (base, "hook", NULL);
  }
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return hook;
}

static inline void
hook_server_free (HookServer *hook)
{
  soup_server_disconnect (hook->server);
  g_clear_object (&hook->server);
  g_ptr_array_unref (hook->bodies);
  g_ptr_array_unref (hook->content_types);
  g_free (hook->url);
  g_free (hook);
}

/* A URL on 127.0.0.1 where nothing listens (the port was just free). */
static inline char *
closed_port_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/hook", port);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HookServer, hook_server_free)
