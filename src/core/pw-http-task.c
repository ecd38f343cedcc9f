/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-http-task"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-http-task.h"

/*
 * PwHttpTask: the request of one `http` task run, through libsoup. A 2xx
 * answer is a success and its body (size-capped) is the result; anything
 * else, including a URL that a template turned into nonsense, is an error
 * that says what went wrong in words.
 */

G_DEFINE_QUARK (pw-http-task-error-quark, pw_http_task_error)

#define READ_CHUNK            65536
#define DEFAULT_MAX_BODY_SIZE (1024 * 1024)

struct _PwHttpTask
{
  GObject       parent_instance;

  SoupSession  *session;
  char         *method;
  char         *url;
  GStrv         headers;
  char         *body;
  guint         timeout_ms;
  gsize         max_body_size;

  GTask        *task;
  SoupMessage  *message;
  GInputStream *stream;
  GCancellable *cancellable;    /* ours: cancelled by a timeout or by the caller's */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  guint         timeout_id;
  GByteArray   *received;
  gsize         body_size;
  guint         status;
  char         *reason;
  gboolean      truncated;
  gboolean      timed_out;
};

G_DEFINE_FINAL_TYPE (PwHttpTask, pw_http_task, G_TYPE_OBJECT)

static void
pw_http_task_finalize (GObject *object)
{
  PwHttpTask *self = (PwHttpTask *)object;

  g_assert (self->task == NULL);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->session);
  g_clear_object (&self->message);
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->caller_cancellable);
  g_clear_pointer (&self->received, g_byte_array_unref);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (pw_http_task_parent_class)->finalize (object);
}

static void
pw_http_task_class_init (PwHttpTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_http_task_finalize;
}

static void
pw_http_task_init (PwHttpTask *self)
{
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
}

/**
 * pw_http_task_new:
 * @session: the session to send with
 * @method: (nullable): the method, `GET` if %NULL
 * @url: the rendered URL
 * @headers: (nullable): alternating header names and values
 * @body: (nullable): the rendered request body
 *
 * Returns: (transfer full): a request, not yet sent
 */
PwHttpTask *
pw_http_task_new (SoupSession        *session,
                  const char         *method,
                  const char         *url,
                  const char * const *headers,
                  const char         *body)
{
  PwHttpTask *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (PW_TYPE_HTTP_TASK, NULL);
  self->session = g_object_ref (session);
  self->method = g_ascii_strup (method != NULL ? method : "GET", -1);
  self->url = g_strdup (url);
  self->headers = headers != NULL ? g_strdupv ((char **)headers) : NULL;
  self->body = g_strdup (body);

  return self;
}

/**
 * pw_http_task_set_timeout_ms:
 * @self: a #PwHttpTask
 * @timeout_ms: the longest the whole exchange may take, or 0 for no limit
 */
void
pw_http_task_set_timeout_ms (PwHttpTask *self,
                             guint       timeout_ms)
{
  g_return_if_fail (PW_IS_HTTP_TASK (self));

  self->timeout_ms = timeout_ms;
}

/**
 * pw_http_task_set_max_body_size:
 * @self: a #PwHttpTask
 * @max_size: how much of the response body to keep as the result (1 MiB
 *   unless set); the rest is not read
 */
void
pw_http_task_set_max_body_size (PwHttpTask *self,
                                gsize       max_size)
{
  g_return_if_fail (PW_IS_HTTP_TASK (self));

  self->max_body_size = max_size;
}

/**
 * pw_http_task_get_status:
 * @self: a #PwHttpTask
 *
 * Returns: the HTTP status of the answer, or 0 if there was none
 */
guint
pw_http_task_get_status (PwHttpTask *self)
{
  g_return_val_if_fail (PW_IS_HTTP_TASK (self), 0);

  return self->status;
}

/**
 * pw_http_task_get_reason_phrase:
 * @self: a #PwHttpTask
 *
 * Returns: (nullable): the reason phrase of the answer (`OK`, `Not Found`)
 */
const char *
pw_http_task_get_reason_phrase (PwHttpTask *self)
{
  g_return_val_if_fail (PW_IS_HTTP_TASK (self), NULL);

  return self->reason;
}

/**
 * pw_http_task_get_body_size:
 * @self: a #PwHttpTask
 *
 * Returns: the number of body bytes read
 */
gsize
pw_http_task_get_body_size (PwHttpTask *self)
{
  g_return_val_if_fail (PW_IS_HTTP_TASK (self), 0);

  return self->body_size;
}

/**
 * pw_http_task_get_body_truncated:
 * @self: a #PwHttpTask
 *
 * Returns: whether the body was longer than the maximum size and cut
 */
gboolean
pw_http_task_get_body_truncated (PwHttpTask *self)
{
  g_return_val_if_fail (PW_IS_HTTP_TASK (self), FALSE);

  return self->truncated;
}

static gboolean
is_token (const char *text)
{
  /* RFC 9110 tchar */
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
is_header_value (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\r' || *p == '\n' || *p == '\0')
      return FALSE;
  return TRUE;
}

static SoupMessage *
build_message (PwHttpTask  *self,
               GError     **error)
{
  g_autoptr(GError) uri_error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupMessage) message = NULL;
  const char *scheme;
  SoupMessageHeaders *request_headers;

  uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, &uri_error);
  if (uri == NULL)
    {
      g_set_error (error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_INVALID_URL,
                   _("“%s” is not a valid URL: %s"), self->url, uri_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_INVALID_URL,
                   _("“%s” is not an http or https URL"), self->url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_INVALID_URL,
                   _("“%s” names no host"), self->url);
      return NULL;
    }

  if (!is_token (self->method))
    {
      g_set_error (error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_INVALID_REQUEST,
                   _("“%s” is not a valid HTTP method"), self->method);
      return NULL;
    }

  message = soup_message_new_from_uri (self->method, uri);
  request_headers = soup_message_get_request_headers (message);

  for (guint i = 0; self->headers != NULL && self->headers[i] != NULL && self->headers[i + 1] != NULL; i += 2)
    {
      const char *name = self->headers[i];
      const char *value = self->headers[i + 1];

      if (!is_token (name))
        {
          g_set_error (error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_INVALID_REQUEST,
                       _("“%s” is not a valid header name"), name);
          return NULL;
        }
      if (!is_header_value (value))
        {
          g_set_error (error, PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_INVALID_REQUEST,
                       _("The value of header “%s” holds a line break"), name);
          return NULL;
        }
      soup_message_headers_append (request_headers, name, value);
    }

  if (soup_message_headers_get_one (request_headers, "User-Agent") == NULL)
    soup_message_headers_append (request_headers, "User-Agent", "Pipewright/" PACKAGE_VERSION);

  if (self->body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (self->body, strlen (self->body));
      const char *content_type = soup_message_headers_get_one (request_headers, "Content-Type");

      if (content_type == NULL)
        {
          content_type = "text/plain; charset=utf-8";
          if (self->body[0] == '{' || self->body[0] == '[')
            content_type = "application/json";
        }
      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }

  return g_steal_pointer (&message);
}

static void
finish_with_error (PwHttpTask *self,
                   GError     *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->caller_cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->timed_out)
    {
      g_clear_error (&error);
      error = g_error_new (PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_TIMED_OUT,
                           _("%s %s timed out after %.3g s"),
                           self->method, self->url, self->timeout_ms / 1000.0);
    }

  g_task_return_error (task, error);
}

static void
finish_with_body (PwHttpTask *self)
{
  g_autoptr(GTask) task = NULL;
  char *text;

  if (!SOUP_STATUS_IS_SUCCESSFUL (self->status))
    {
      finish_with_error (self, g_error_new (PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_STATUS,
                                            _("%s %s answered %u %s"),
                                            self->method, self->url, self->status,
                                            self->reason != NULL ? self->reason : ""));
      return;
    }

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->caller_cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  g_byte_array_append (self->received, (const guint8 *)"", 1);
  text = g_utf8_make_valid ((const char *)self->received->data, self->received->len - 1);

  task = g_steal_pointer (&self->task);
  g_task_return_pointer (task, text, g_free);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PwHttpTask *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  gsize room;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Could not read the answer of %s %s: "), self->method, self->url);
      finish_with_error (self, g_steal_pointer (&error));
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      finish_with_body (self);
      return;
    }

  self->body_size += size;
  room = self->max_body_size - self->received->len;
  g_byte_array_append (self->received, g_bytes_get_data (bytes, NULL), MIN (room, size));
  if (size > room)
    {
      /* Keep what fits and stop reading; libsoup drops the connection. */
      self->truncated = TRUE;
      finish_with_body (self);
      return;
    }

  g_input_stream_read_bytes_async (self->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   self->cancellable, on_read, self);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PwHttpTask *self = user_data;
  g_autoptr(GError) error = NULL;

  self->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (self->stream == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) wrapped = g_error_new (PW_HTTP_TASK_ERROR, PW_HTTP_TASK_ERROR_REQUEST,
                                                   _("Could not send %s %s: %s"),
                                                   self->method, self->url, error->message);
          finish_with_error (self, g_steal_pointer (&wrapped));
          return;
        }
      finish_with_error (self, g_steal_pointer (&error));
      return;
    }

  self->status = soup_message_get_status (self->message);
  self->reason = g_strdup (soup_message_get_reason_phrase (self->message));

  g_input_stream_read_bytes_async (self->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   self->cancellable, on_read, self);
}

static gboolean
on_timeout (gpointer user_data)
{
  PwHttpTask *self = user_data;

  self->timeout_id = 0;
  self->timed_out = TRUE;
  g_cancellable_cancel (self->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  PwHttpTask *self = user_data;

  g_cancellable_cancel (self->cancellable);
}

/**
 * pw_http_task_run_async:
 * @self: a #PwHttpTask, not yet sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the outcome
 * @user_data: data for @callback
 *
 * Sends the request and reads the answer.
 */
void
pw_http_task_run_async (PwHttpTask          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (PW_IS_HTTP_TASK (self));
  g_return_if_fail (self->task == NULL && self->message == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_http_task_run_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  self->message = build_message (self, &error);
  if (self->message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  self->task = g_steal_pointer (&task);
  self->received = g_byte_array_new ();
  self->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                  self, NULL);
    }
  if (self->timeout_ms > 0)
    {
      GSource *source = g_timeout_source_new (self->timeout_ms);

      g_source_set_callback (source, on_timeout, self, NULL);
      self->timeout_id = g_source_attach (source, NULL);
      g_source_unref (source);
    }

  soup_session_send_async (self->session, self->message, G_PRIORITY_DEFAULT,
                           self->cancellable, on_sent, self);
}

/**
 * pw_http_task_run_finish:
 * @self: a #PwHttpTask
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the response body (valid UTF-8, cut at the
 *   maximum size) of a 2xx answer, or %NULL with @error set
 */
char *
pw_http_task_run_finish (PwHttpTask    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (PW_IS_HTTP_TASK (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
