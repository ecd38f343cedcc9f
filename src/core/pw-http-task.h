/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define PW_HTTP_TASK_ERROR (pw_http_task_error_quark ())

/**
 * PwHttpTaskError:
 * @PW_HTTP_TASK_ERROR_INVALID_URL: the rendered URL is not an absolute
 *   http or https URL
 * @PW_HTTP_TASK_ERROR_INVALID_REQUEST: a method or header is not valid
 * @PW_HTTP_TASK_ERROR_REQUEST: the request could not be sent or the response
 *   not be read (connection refused, unknown host, TLS …)
 * @PW_HTTP_TASK_ERROR_STATUS: the server answered with a status outside 2xx
 * @PW_HTTP_TASK_ERROR_TIMED_OUT: no full answer within the timeout
 *
 * Why an http task failed. A cancelled request finishes with
 * %G_IO_ERROR_CANCELLED instead.
 */
typedef enum
{
  PW_HTTP_TASK_ERROR_INVALID_URL,
  PW_HTTP_TASK_ERROR_INVALID_REQUEST,
  PW_HTTP_TASK_ERROR_REQUEST,
  PW_HTTP_TASK_ERROR_STATUS,
  PW_HTTP_TASK_ERROR_TIMED_OUT,
} PwHttpTaskError;

#define PW_TYPE_HTTP_TASK (pw_http_task_get_type ())
G_DECLARE_FINAL_TYPE (PwHttpTask, pw_http_task, PW, HTTP_TASK, GObject)

GQuark      pw_http_task_error_quark       (void);

PwHttpTask *pw_http_task_new               (SoupSession         *session,
                                            const char          *method,
                                            const char          *url,
                                            const char * const  *headers,
                                            const char          *body);
void        pw_http_task_set_timeout_ms    (PwHttpTask          *self,
                                            guint                timeout_ms);
void        pw_http_task_set_max_body_size (PwHttpTask          *self,
                                            gsize                max_size);
void        pw_http_task_run_async         (PwHttpTask          *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char       *pw_http_task_run_finish        (PwHttpTask          *self,
                                            GAsyncResult        *result,
                                            GError             **error);
guint       pw_http_task_get_status        (PwHttpTask          *self);
const char *pw_http_task_get_reason_phrase (PwHttpTask          *self);
gsize       pw_http_task_get_body_size     (PwHttpTask          *self);
gboolean    pw_http_task_get_body_truncated (PwHttpTask         *self);

G_END_DECLS
