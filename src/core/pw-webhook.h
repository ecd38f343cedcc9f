/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PW_WEBHOOK_ERROR (pw_webhook_error_quark ())

/**
 * PwWebhookError:
 * @PW_WEBHOOK_ERROR_INVALID_URL: the URL is not an http(s) URL with a host
 * @PW_WEBHOOK_ERROR_UNREACHABLE: no connection could be made, or it broke
 *   (refused, unknown host, reset)
 * @PW_WEBHOOK_ERROR_TIMED_OUT: the endpoint did not answer in time
 * @PW_WEBHOOK_ERROR_HTTP: the endpoint answered with a status other than
 *   2xx
 *
 * Why a webhook could not be delivered. The error of a delivery that was
 * retried is the last attempt's.
 */
typedef enum
{
  PW_WEBHOOK_ERROR_INVALID_URL,
  PW_WEBHOOK_ERROR_UNREACHABLE,
  PW_WEBHOOK_ERROR_TIMED_OUT,
  PW_WEBHOOK_ERROR_HTTP,
} PwWebhookError;

#define PW_TYPE_WEBHOOK (pw_webhook_get_type ())
G_DECLARE_FINAL_TYPE (PwWebhook, pw_webhook, PW, WEBHOOK, GObject)

GQuark     pw_webhook_error_quark       (void);

PwWebhook *pw_webhook_new               (void);
void       pw_webhook_set_timeout_ms    (PwWebhook           *self,
                                         guint                timeout_ms);
guint      pw_webhook_get_timeout_ms    (PwWebhook           *self);
void       pw_webhook_set_max_attempts  (PwWebhook           *self,
                                         guint                max_attempts);
guint      pw_webhook_get_max_attempts  (PwWebhook           *self);
void       pw_webhook_set_retry_delay_ms (PwWebhook          *self,
                                          guint               first_delay_ms,
                                          guint               max_delay_ms);

void       pw_webhook_post_async        (PwWebhook           *self,
                                         const char          *url,
                                         const char          *body,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean   pw_webhook_post_finish       (PwWebhook           *self,
                                         GAsyncResult        *result,
                                         guint               *out_attempts,
                                         GError             **error);

G_END_DECLS
