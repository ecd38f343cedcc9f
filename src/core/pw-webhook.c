/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-webhook"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "pw-webhook.h"

/**
 * PwWebhook:
 *
 * Delivers a JSON body to a URL by HTTP POST, without ever blocking the
 * main loop: each attempt is an asynchronous libsoup request with its own
 * time limit, and a failed attempt that may succeed later (no connection,
 * no answer in time, a 5xx, 408 or 429 status) is tried again after a
 * delay that doubles each time, up to a ceiling. Another 4xx status is
 * final: asking again would not change the answer.
 *
 * Waits are real time (GLib timeouts on the caller's main context), not a
 * #PwClock: they pace a network peer, not a schedule.
 */

#define DEFAULT_TIMEOUT_MS      10000
#define DEFAULT_MAX_ATTEMPTS    5
#define DEFAULT_FIRST_DELAY_MS  2000
#define DEFAULT_MAX_DELAY_MS    60000

struct _PwWebhook
{
  GObject      parent_instance;

  SoupSession *session;
  guint        timeout_ms;
  guint        max_attempts;
  guint        first_delay_ms;
  guint        max_delay_ms;
};

G_DEFINE_FINAL_TYPE (PwWebhook, pw_webhook, G_TYPE_OBJECT)

G_DEFINE_QUARK (pw-webhook-error-quark, pw_webhook_error)

typedef struct
{
  GUri         *uri;
  GBytes       *body;
  guint         attempts;
  SoupMessage  *message;
  GCancellable *attempt_cancellable;
  GSource      *timeout_source;
  GSource      *retry_source;
  GSource      *cancel_source;
  gboolean      timed_out;
  char         *last_error;   /* why the last attempt failed */
} Post;

static void
post_free (gpointer data)
{
  Post *post = data;

  g_assert (post->timeout_source == NULL);
  g_assert (post->retry_source == NULL);
  g_assert (post->cancel_source == NULL);

  g_clear_pointer (&post->uri, g_uri_unref);
  g_clear_pointer (&post->body, g_bytes_unref);
  g_clear_object (&post->message);
  g_clear_object (&post->attempt_cancellable);
  g_free (post->last_error);
  g_free (post);
}

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
pw_webhook_finalize (GObject *object)
{
  PwWebhook *self = (PwWebhook *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (pw_webhook_parent_class)->finalize (object);
}

static void
pw_webhook_class_init (PwWebhookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_webhook_finalize;
}

static void
pw_webhook_init (PwWebhook *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Pipewright/%s", PACKAGE_VERSION);

  /* Time limits are ours (per attempt, in milliseconds): none in libsoup. */
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "timeout", 0,
                                "user-agent", user_agent,
                                NULL);
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->first_delay_ms = DEFAULT_FIRST_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
}

/**
 * pw_webhook_new:
 *
 * Returns: (transfer full): a webhook sender: 10 s per attempt, 5 attempts,
 *   2 s before the first retry, doubling up to a minute
 */
PwWebhook *
pw_webhook_new (void)
{
  return g_object_new (PW_TYPE_WEBHOOK, NULL);
}

/**
 * pw_webhook_set_timeout_ms:
 * @self: a #PwWebhook
 * @timeout_ms: how long one attempt may take, connection included
 */
void
pw_webhook_set_timeout_ms (PwWebhook *self,
                           guint      timeout_ms)
{
  g_return_if_fail (PW_IS_WEBHOOK (self));
  g_return_if_fail (timeout_ms > 0);

  self->timeout_ms = timeout_ms;
}

guint
pw_webhook_get_timeout_ms (PwWebhook *self)
{
  g_return_val_if_fail (PW_IS_WEBHOOK (self), 0);
  return self->timeout_ms;
}

/**
 * pw_webhook_set_max_attempts:
 * @self: a #PwWebhook
 * @max_attempts: how many times a delivery is tried, the first included
 */
void
pw_webhook_set_max_attempts (PwWebhook *self,
                             guint      max_attempts)
{
  g_return_if_fail (PW_IS_WEBHOOK (self));
  g_return_if_fail (max_attempts > 0);

  self->max_attempts = max_attempts;
}

guint
pw_webhook_get_max_attempts (PwWebhook *self)
{
  g_return_val_if_fail (PW_IS_WEBHOOK (self), 0);
  return self->max_attempts;
}

/**
 * pw_webhook_set_retry_delay_ms:
 * @self: a #PwWebhook
 * @first_delay_ms: the wait before the second attempt
 * @max_delay_ms: the longest wait; each wait doubles the one before
 */
void
pw_webhook_set_retry_delay_ms (PwWebhook *self,
                               guint      first_delay_ms,
                               guint      max_delay_ms)
{
  g_return_if_fail (PW_IS_WEBHOOK (self));

  self->first_delay_ms = first_delay_ms;
  self->max_delay_ms = MAX (first_delay_ms, max_delay_ms);
}

static guint
retry_delay_ms (PwWebhook *self,
                guint      attempts)
{
  guint64 delay = self->first_delay_ms;

  for (guint i = 1; i < attempts && delay < self->max_delay_ms; i++)
    delay *= 2;
  return (guint)MIN (delay, (guint64)self->max_delay_ms);
}

static gboolean
is_retryable_status (guint status)
{
  return status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429;
}

static void start_attempt (GTask *task);

static GSource *
attach_timeout (GTask       *task,
                guint        delay_ms,
                GSourceFunc  func,
                const char  *name)
{
  GSource *source = g_timeout_source_new (delay_ms);

  g_source_set_callback (source, func, task, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, g_task_get_context (task));
  return source;
}

static GError *
cancelled_error (Post *post)
{
  if (post->last_error != NULL)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                        _("The webhook delivery was cancelled (the last attempt: %s)"),
                        post->last_error);
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                              _("The webhook delivery was cancelled"));
}

static void
finish (GTask  *task,
        GError *error)
{
  Post *post = g_task_get_task_data (task);

  clear_source (&post->timeout_source);
  clear_source (&post->retry_source);
  clear_source (&post->cancel_source);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
on_retry_due (gpointer user_data)
{
  GTask *task = user_data;
  Post *post = g_task_get_task_data (task);

  g_clear_pointer (&post->retry_source, g_source_unref);
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_attempt_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Post *post = g_task_get_task_data (task);

  g_clear_pointer (&post->timeout_source, g_source_unref);
  post->timed_out = TRUE;
  g_cancellable_cancel (post->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Post *post = g_task_get_task_data (task);

  g_clear_pointer (&post->cancel_source, g_source_unref);

  if (post->retry_source != NULL)
    {
      /* Waiting between attempts: nothing in flight to wait for. */
      finish (task, cancelled_error (post));
      g_object_unref (task);
    }
  else if (post->attempt_cancellable != NULL)
    g_cancellable_cancel (post->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PwWebhook *self = g_task_get_source_object (task);
  Post *post = g_task_get_task_data (task);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = g_uri_to_string_partial (post->uri, G_URI_HIDE_PASSWORD);
  GError *error = NULL;
  gboolean retryable = FALSE;

  clear_source (&post->timeout_source);
  reply = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &local_error);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish (task, cancelled_error (post));
      return;
    }

  if (local_error != NULL && post->timed_out)
    {
      error = g_error_new (PW_WEBHOOK_ERROR, PW_WEBHOOK_ERROR_TIMED_OUT,
                           _("%s did not answer within %.1f s"),
                           url, self->timeout_ms / 1000.0);
      retryable = TRUE;
    }
  else if (local_error != NULL)
    {
      error = g_error_new (PW_WEBHOOK_ERROR, PW_WEBHOOK_ERROR_UNREACHABLE,
                           _("Could not reach %s: %s"), url, local_error->message);
      retryable = TRUE;
    }
  else
    {
      guint status = soup_message_get_status (post->message);

      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          finish (task, NULL);
          return;
        }

      error = g_error_new (PW_WEBHOOK_ERROR, PW_WEBHOOK_ERROR_HTTP,
                           _("%s answered %u %s"), url, status,
                           soup_message_get_reason_phrase (post->message) != NULL
                             ? soup_message_get_reason_phrase (post->message) : "");
      retryable = is_retryable_status (status);
    }

  if (!retryable || post->attempts >= self->max_attempts)
    {
      finish (task, error);
      return;
    }

  g_debug ("Attempt %u of %u failed: %s", post->attempts, self->max_attempts, error->message);
  g_free (post->last_error);
  post->last_error = g_strdup (error->message);
  g_clear_error (&error);
  post->retry_source = attach_timeout (task, retry_delay_ms (self, post->attempts),
                                       on_retry_due, "[pw] webhook retry");
  /* The retry timer holds the reference this callback held. */
  g_steal_pointer (&task);
}

static void
start_attempt (GTask *task)
{
  PwWebhook *self = g_task_get_source_object (task);
  Post *post = g_task_get_task_data (task);

  post->attempts++;
  post->timed_out = FALSE;
  g_clear_object (&post->attempt_cancellable);
  post->attempt_cancellable = g_cancellable_new ();

  g_clear_object (&post->message);
  post->message = soup_message_new_from_uri (SOUP_METHOD_POST, post->uri);
  soup_message_set_request_body_from_bytes (post->message, "application/json", post->body);
  /* A retried request must not reuse a connection the peer may have
   * dropped while we waited. */
  if (post->attempts > 1)
    soup_message_add_flags (post->message, SOUP_MESSAGE_NEW_CONNECTION);

  post->timeout_source = attach_timeout (task, self->timeout_ms, on_attempt_timeout,
                                         "[pw] webhook timeout");
  soup_session_send_and_read_async (self->session, post->message, G_PRIORITY_DEFAULT,
                                    post->attempt_cancellable, on_sent, task);
}

/**
 * pw_webhook_post_async:
 * @self: a #PwWebhook
 * @url: an http or https URL
 * @body: the JSON text to send
 * @cancellable: (nullable): cancels the delivery, retries included
 * @callback: called once delivered, given up, or cancelled
 * @user_data: data for @callback
 *
 * POSTs @body (`Content-Type: application/json`) to @url, retrying as
 * described above. Call it on the thread whose main context should run it.
 */
void
pw_webhook_post_async (PwWebhook           *self,
                       const char          *url,
                       const char          *body,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  const char *scheme;
  Post *post;

  g_return_if_fail (PW_IS_WEBHOOK (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (body != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_webhook_post_async);
  g_task_set_check_cancellable (task, FALSE);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_task_return_new_error (task, PW_WEBHOOK_ERROR, PW_WEBHOOK_ERROR_INVALID_URL,
                               _("The webhook “%s” is not an http:// or https:// URL with a host"),
                               url);
      return;
    }

  post = g_new0 (Post, 1);
  post->uri = g_steal_pointer (&uri);
  post->body = g_bytes_new (body, strlen (body));
  g_task_set_task_data (task, post, post_free);

  if (cancellable != NULL)
    {
      post->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (post->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
      g_source_set_static_name (post->cancel_source, "[pw] webhook cancel");
      g_source_attach (post->cancel_source, g_task_get_context (task));
    }

  /* The request holds the task until it ends. */
  start_attempt (g_steal_pointer (&task));
}

/**
 * pw_webhook_post_finish:
 * @self: a #PwWebhook
 * @result: the result given to the callback
 * @out_attempts: (out) (optional): how many attempts were made
 * @error: return location for a #GError: a #PwWebhookError (the last
 *   attempt's) or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE if the endpoint accepted the body (a 2xx status)
 */
gboolean
pw_webhook_post_finish (PwWebhook     *self,
                        GAsyncResult  *result,
                        guint         *out_attempts,
                        GError       **error)
{
  Post *post;

  g_return_val_if_fail (PW_IS_WEBHOOK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  post = g_task_get_task_data (G_TASK (result));
  if (out_attempts != NULL)
    *out_attempts = post != NULL ? post->attempts : 0;

  return g_task_propagate_boolean (G_TASK (result), error);
}
