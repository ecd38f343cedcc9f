/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-backend.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_REST_SERVER_ERROR (pw_rest_server_error_quark ())

/**
 * PwRestServerError:
 * @PW_REST_SERVER_ERROR_INSECURE: asked to listen beyond this machine
 *   without an API key
 * @PW_REST_SERVER_ERROR_TLS: the certificate or key cannot be used
 * @PW_REST_SERVER_ERROR_ADDRESS: the host cannot be listened on
 */
typedef enum
{
  PW_REST_SERVER_ERROR_INSECURE,
  PW_REST_SERVER_ERROR_TLS,
  PW_REST_SERVER_ERROR_ADDRESS,
} PwRestServerError;

/**
 * PW_REST_SERVER_DEFAULT_MAX_BODY:
 *
 * The largest request body the server reads (1 MiB); a larger one gets 413.
 */
#define PW_REST_SERVER_DEFAULT_MAX_BODY (1024 * 1024)

/**
 * PW_REST_API_VERSION:
 *
 * The Prefect API version the server speaks (`X-PREFECT-API-VERSION`).
 */
#define PW_REST_API_VERSION "0.8.4"

#define PW_TYPE_REST_SERVER (pw_rest_server_get_type ())
G_DECLARE_FINAL_TYPE (PwRestServer, pw_rest_server, PW, REST_SERVER, GObject)

GQuark         pw_rest_server_error_quark       (void);

PwRestServer  *pw_rest_server_new               (PwBackend     *backend,
                                                 const char    *db_path,
                                                 GError       **error);
void           pw_rest_server_set_api_key       (PwRestServer  *self,
                                                 const char    *api_key);
void           pw_rest_server_set_max_body_size (PwRestServer  *self,
                                                 gsize          max_body_size);
gboolean       pw_rest_server_set_tls_files     (PwRestServer  *self,
                                                 const char    *cert_file,
                                                 const char    *key_file,
                                                 GError       **error);
gboolean       pw_rest_server_listen            (PwRestServer  *self,
                                                 const char    *host,
                                                 guint          port,
                                                 GError       **error);
guint          pw_rest_server_get_port          (PwRestServer  *self);
char          *pw_rest_server_get_url           (PwRestServer  *self);
PwBackend     *pw_rest_server_get_backend       (PwRestServer  *self);
PwStore       *pw_rest_server_get_store         (PwRestServer  *self);
void           pw_rest_server_disconnect        (PwRestServer  *self);

gboolean       pw_rest_host_is_loopback         (const char    *host,
                                                 GError       **error);

G_END_DECLS
