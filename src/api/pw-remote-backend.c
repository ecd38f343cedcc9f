/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-remote-backend"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-local-backend.h"
#include "pw-remote-backend-private.h"

/*
 * PwRemoteBackend: PwBackend over the REST API of a Pipewright server
 * (`pipewright-cli serve`) or a Prefect 2 server (DESIGN.md §1, §6).
 *
 * The connection: the first operation (or pw_remote_backend_connect())
 * starts a probe — GET /admin/version, then GET /pipewright/version, which
 * only a Pipewright server answers — and operations wait for it. Once the
 * probe succeeds the backend is ONLINE and starts its live updates. A
 * request that cannot reach the server makes it OFFLINE: live updates
 * stop, and a new probe is tried after 1 s, 2 s, 4 s … up to a minute (with
 * some jitter), or at once when an operation is asked for. A 401 makes it
 * UNAUTHORIZED. Every change of state emits `connection-changed`.
 */

#define MIN_BACKOFF_MS 1000
#define MAX_BACKOFF_MS 60000

enum {
  PROP_0,
  PROP_API_URL,
  PROP_CONNECTION_STATE,
  PROP_CONNECTION_ERROR,
  PROP_SERVER_KIND,
  PROP_SERVER_VERSION,
  PROP_CAPABILITIES,
  PROP_TIMEOUT,
  PROP_POLL_INTERVAL,
  N_PROPS
};

enum {
  CONNECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void pw_remote_backend_iface_init (PwBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwRemoteBackend, pw_remote_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PW_TYPE_BACKEND, pw_remote_backend_iface_init))

G_DEFINE_ENUM_TYPE (PwConnectionState, pw_connection_state,
  G_DEFINE_ENUM_VALUE (PW_CONNECTION_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (PW_CONNECTION_STATE_ONLINE, "online"),
  G_DEFINE_ENUM_VALUE (PW_CONNECTION_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (PW_CONNECTION_STATE_UNAUTHORIZED, "unauthorized"))

G_DEFINE_ENUM_TYPE (PwServerKind, pw_server_kind,
  G_DEFINE_ENUM_VALUE (PW_SERVER_KIND_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PW_SERVER_KIND_PIPEWRIGHT, "pipewright"),
  G_DEFINE_ENUM_VALUE (PW_SERVER_KIND_PREFECT, "prefect"))

G_DEFINE_FLAGS_TYPE (PwBackendCapabilities, pw_backend_capabilities,
  G_DEFINE_ENUM_VALUE (PW_BACKEND_CAPABILITY_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PW_BACKEND_CAPABILITY_EDIT_FLOWS, "edit-flows"),
  G_DEFINE_ENUM_VALUE (PW_BACKEND_CAPABILITY_RUN_FLOWS, "run-flows"),
  G_DEFINE_ENUM_VALUE (PW_BACKEND_CAPABILITY_LIVE_UPDATES, "live-updates"),
  G_DEFINE_ENUM_VALUE (PW_BACKEND_CAPABILITY_LOCAL, "local"))

static void
pw_remote_backend_dispose (GObject *object)
{
  PwRemoteBackend *self = (PwRemoteBackend *)object;
  GTask *task;

  g_cancellable_cancel (self->cancellable);
  _pw_remote_live_stop (self);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  while ((task = g_queue_pop_head (&self->waiting)) != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The backend was closed");
      g_object_unref (task);
    }
  if (self->session != NULL)
    soup_session_abort (self->session);

  G_OBJECT_CLASS (pw_remote_backend_parent_class)->dispose (object);
}

static void
pw_remote_backend_finalize (GObject *object)
{
  PwRemoteBackend *self = (PwRemoteBackend *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->api_url, g_free);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->server_version, g_free);
  g_clear_pointer (&self->connection_error, g_free);
  g_clear_pointer (&self->flow_names, g_hash_table_unref);
  g_clear_pointer (&self->flow_run_cache, g_hash_table_unref);
  g_clear_pointer (&self->task_run_cache, g_hash_table_unref);
  g_clear_pointer (&self->poll_runs, g_hash_table_unref);
  g_clear_pointer (&self->poll_task_states, g_hash_table_unref);
  g_clear_pointer (&self->poll_log_ids, g_hash_table_unref);
  g_clear_pointer (&self->poll_since, g_free);
  g_clear_pointer (&self->poll_log_since, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (pw_remote_backend_parent_class)->finalize (object);
}

static void
pw_remote_backend_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);

  switch (prop_id)
    {
    case PROP_API_URL:
      g_value_set_string (value, self->api_url);
      break;
    case PROP_CONNECTION_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CONNECTION_ERROR:
      g_value_set_string (value, self->connection_error);
      break;
    case PROP_SERVER_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_SERVER_VERSION:
      g_value_set_string (value, self->server_version);
      break;
    case PROP_CAPABILITIES:
      g_value_set_flags (value, pw_remote_backend_get_capabilities (self));
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_remote_backend_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);

  switch (prop_id)
    {
    case PROP_API_URL:
      {
        g_autofree char *url = g_value_dup_string (value);
        gsize length = url != NULL ? strlen (url) : 0;

        /* Paths are appended to it: no trailing slash. */
        while (length > 0 && url[length - 1] == '/')
          url[--length] = '\0';
        self->api_url = g_steal_pointer (&url);
      }
      break;
    case PROP_TIMEOUT:
      pw_remote_backend_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_POLL_INTERVAL:
      pw_remote_backend_set_poll_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_remote_backend_class_init (PwRemoteBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pw_remote_backend_dispose;
  object_class->finalize = pw_remote_backend_finalize;
  object_class->get_property = pw_remote_backend_get_property;
  object_class->set_property = pw_remote_backend_set_property;

  properties[PROP_API_URL] =
    g_param_spec_string ("api-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTION_STATE] =
    g_param_spec_enum ("connection-state", NULL, NULL, PW_TYPE_CONNECTION_STATE,
                       PW_CONNECTION_STATE_CONNECTING, flags);
  properties[PROP_CONNECTION_ERROR] =
    g_param_spec_string ("connection-error", NULL, NULL, NULL, flags);
  properties[PROP_SERVER_KIND] =
    g_param_spec_enum ("server-kind", NULL, NULL, PW_TYPE_SERVER_KIND, PW_SERVER_KIND_UNKNOWN, flags);
  properties[PROP_SERVER_VERSION] =
    g_param_spec_string ("server-version", NULL, NULL, NULL, flags);
  properties[PROP_CAPABILITIES] =
    g_param_spec_flags ("capabilities", NULL, NULL, PW_TYPE_BACKEND_CAPABILITIES,
                        PW_BACKEND_CAPABILITY_NONE, flags);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, PW_REMOTE_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 10, 3600000, PW_REMOTE_DEFAULT_POLL_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwRemoteBackend::connection-changed:
   *
   * The connection state, its error, the server kind or the capabilities
   * changed. Read them from the properties.
   */
  signals[CONNECTION_CHANGED] =
    g_signal_new ("connection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pw_remote_backend_init (PwRemoteBackend *self)
{
  self->timeout = PW_REMOTE_DEFAULT_TIMEOUT;
  self->poll_interval = PW_REMOTE_DEFAULT_POLL_INTERVAL;
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->backoff_ms = MIN_BACKOFF_MS;
  g_queue_init (&self->waiting);
  self->flow_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->flow_run_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->task_run_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "user-agent", "pipewright/" PACKAGE_VERSION " ",
                                                 NULL);
}

/**
 * pw_remote_backend_new:
 * @api_url: the server's API, `http://HOST:4200/api` (or a Prefect Cloud
 *   workspace's URL)
 * @api_key: (nullable): the key sent as `Authorization: Bearer KEY`
 *
 * Makes a backend for the server. Nothing is sent until the first
 * operation or pw_remote_backend_connect().
 *
 * Returns: (transfer full): the backend, or %NULL with @error set if
 *   @api_url is not an http(s) URL
 */
PwBackend *
pw_remote_backend_new (const char  *api_url,
                       const char  *api_key,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  PwRemoteBackend *self;

  g_return_val_if_fail (api_url != NULL, NULL);

  uri = g_uri_parse (api_url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                   _("“%s” is not the http or https URL of a server’s API"), api_url);
      return NULL;
    }

  self = g_object_new (PW_TYPE_REMOTE_BACKEND, "api-url", api_url, NULL);
  pw_remote_backend_set_api_key (self, api_key);
  return PW_BACKEND (self);
}

const char *
pw_remote_backend_get_api_url (PwRemoteBackend *self)
{
  g_return_val_if_fail (PW_IS_REMOTE_BACKEND (self), NULL);
  return self->api_url;
}

/**
 * pw_remote_backend_set_api_key:
 * @api_key: (nullable): the new key
 *
 * Uses another key from now on; an UNAUTHORIZED backend tries it at once.
 */
void
pw_remote_backend_set_api_key (PwRemoteBackend *self,
                               const char      *api_key)
{
  g_return_if_fail (PW_IS_REMOTE_BACKEND (self));

  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_free (self->api_key);
  self->api_key = api_key != NULL && *api_key != '\0' ? g_strdup (api_key) : NULL;

  if (self->state == PW_CONNECTION_STATE_UNAUTHORIZED)
    _pw_remote_probe (self);
}

PwConnectionState
pw_remote_backend_get_connection_state (PwRemoteBackend *self)
{
  g_return_val_if_fail (PW_IS_REMOTE_BACKEND (self), PW_CONNECTION_STATE_OFFLINE);
  return self->state;
}

/**
 * pw_remote_backend_get_connection_error:
 *
 * Returns: (nullable): why the backend is OFFLINE or UNAUTHORIZED
 */
const char *
pw_remote_backend_get_connection_error (PwRemoteBackend *self)
{
  g_return_val_if_fail (PW_IS_REMOTE_BACKEND (self), NULL);
  return self->connection_error;
}

PwServerKind
pw_remote_backend_get_server_kind (PwRemoteBackend *self)
{
  g_return_val_if_fail (PW_IS_REMOTE_BACKEND (self), PW_SERVER_KIND_UNKNOWN);
  return self->kind;
}

/**
 * pw_remote_backend_get_server_version:
 *
 * Returns: (nullable): what the server's `/admin/version` said
 */
const char *
pw_remote_backend_get_server_version (PwRemoteBackend *self)
{
  g_return_val_if_fail (PW_IS_REMOTE_BACKEND (self), NULL);
  return self->server_version;
}

/**
 * pw_remote_backend_get_capabilities:
 *
 * Returns: what the server allows: everything but
 *   %PW_BACKEND_CAPABILITY_LOCAL on a Pipewright server; only reading and
 *   watching runs (and deployments) on a Prefect server, polled; nothing
 *   while the server is unknown
 */
PwBackendCapabilities
pw_remote_backend_get_capabilities (PwRemoteBackend *self)
{
  g_return_val_if_fail (PW_IS_REMOTE_BACKEND (self), PW_BACKEND_CAPABILITY_NONE);

  switch (self->kind)
    {
    case PW_SERVER_KIND_PIPEWRIGHT:
      return PW_BACKEND_CAPABILITY_EDIT_FLOWS | PW_BACKEND_CAPABILITY_RUN_FLOWS |
             (self->websocket_failed ? 0 : PW_BACKEND_CAPABILITY_LIVE_UPDATES);
    case PW_SERVER_KIND_PREFECT:
    case PW_SERVER_KIND_UNKNOWN:
    default:
      return PW_BACKEND_CAPABILITY_NONE;
    }
}

/**
 * pw_api_backend_get_capabilities:
 * @backend: any backend
 *
 * Returns: what @backend can do: everything for a local one
 */
PwBackendCapabilities
pw_api_backend_get_capabilities (PwBackend *backend)
{
  g_return_val_if_fail (PW_IS_BACKEND (backend), PW_BACKEND_CAPABILITY_NONE);

  if (PW_IS_REMOTE_BACKEND (backend))
    return pw_remote_backend_get_capabilities (PW_REMOTE_BACKEND (backend));
  return PW_BACKEND_CAPABILITY_EDIT_FLOWS | PW_BACKEND_CAPABILITY_RUN_FLOWS |
         PW_BACKEND_CAPABILITY_LIVE_UPDATES |
         (PW_IS_LOCAL_BACKEND (backend) ? PW_BACKEND_CAPABILITY_LOCAL : 0);
}

guint
pw_remote_backend_get_timeout (PwRemoteBackend *self)
{
  g_return_val_if_fail (PW_IS_REMOTE_BACKEND (self), 0);
  return self->timeout;
}

/**
 * pw_remote_backend_set_timeout:
 * @seconds: how long a request may wait for the server to connect, read or
 *   write before the server is taken for unreachable
 */
void
pw_remote_backend_set_timeout (PwRemoteBackend *self,
                               guint            seconds)
{
  g_return_if_fail (PW_IS_REMOTE_BACKEND (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
pw_remote_backend_get_poll_interval (PwRemoteBackend *self)
{
  g_return_val_if_fail (PW_IS_REMOTE_BACKEND (self), 0);
  return self->poll_interval;
}

/**
 * pw_remote_backend_set_poll_interval:
 * @milliseconds: the time between two polls of a Prefect server
 */
void
pw_remote_backend_set_poll_interval (PwRemoteBackend *self,
                                     guint            milliseconds)
{
  g_return_if_fail (PW_IS_REMOTE_BACKEND (self));
  g_return_if_fail (milliseconds > 0);

  if (self->poll_interval == milliseconds)
    return;
  self->poll_interval = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
}

/* The connection state machine */

static void
set_state (PwRemoteBackend   *self,
           PwConnectionState  state,
           const char        *error)
{
  gboolean changed = FALSE;

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->connection_error, error) != 0)
    {
      g_free (self->connection_error);
      self->connection_error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_ERROR]);
      changed = TRUE;
    }
  if (changed)
    g_signal_emit (self, signals[CONNECTION_CHANGED], 0);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  PwRemoteBackend *self = user_data;

  self->reconnect_id = 0;
  _pw_remote_probe (self);
  return G_SOURCE_REMOVE;
}

/* Waits before the next probe, longer each time, with up to a quarter of
 * jitter so that many clients of one server do not come back together. */
static void
schedule_reconnect (PwRemoteBackend *self)
{
  guint delay = self->backoff_ms + g_random_int_range (0, self->backoff_ms / 4 + 1);

  if (self->reconnect_id != 0 || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->reconnect_id = g_timeout_add (delay, reconnect_cb, self);
  self->backoff_ms = MIN (self->backoff_ms * 2, MAX_BACKOFF_MS);
}

static void
fail_waiting (PwRemoteBackend *self,
              const GError    *error)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->waiting)) != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }
}

/* A request could not reach the server (refused, timed out, cut off, or a
 * gateway said it is gone). */
void
_pw_remote_transport_failed (PwRemoteBackend *self,
                             const GError    *error)
{
  g_autofree char *message = g_strdup_printf (_("Cannot reach the server at %s: %s"),
                                              self->api_url, error->message);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  _pw_remote_live_stop (self);
  set_state (self, PW_CONNECTION_STATE_OFFLINE, message);
  schedule_reconnect (self);
}

void
_pw_remote_unauthorized (PwRemoteBackend *self,
                         const char      *message)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  _pw_remote_live_stop (self);
  set_state (self, PW_CONNECTION_STATE_UNAUTHORIZED, message);
  /* A new key is what helps; until then, try rarely. */
  self->backoff_ms = MAX_BACKOFF_MS;
  schedule_reconnect (self);
}

/* A request got an answer: the server is there (but the probe decides
 * what it is, so an unknown server stays unknown). */
void
_pw_remote_reachable (PwRemoteBackend *self)
{
  if (self->state == PW_CONNECTION_STATE_ONLINE || self->kind == PW_SERVER_KIND_UNKNOWN ||
      self->probing)
    return;
  _pw_remote_probe (self);
}

/* The probe: /admin/version, then /pipewright/version */

static gpointer
parse_version (JsonNode  *root,
               GBytes    *body,
               gpointer   data,
               GError   **error)
{
  if (!JSON_NODE_HOLDS_VALUE (root) || json_node_get_value_type (root) != G_TYPE_STRING)
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("/admin/version did not answer with a version"));
      return NULL;
    }
  return g_strdup (json_node_get_string (root));
}

static gpointer
parse_pipewright_version (JsonNode  *root,
                          GBytes    *body,
                          gpointer   data,
                          GError   **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      pw_rest_member_string (json_node_get_object (root), "pipewright") == NULL)
    {
      g_set_error_literal (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                           _("/pipewright/version did not answer as a Pipewright server does"));
      return NULL;
    }
  return g_strdup (pw_rest_member_string (json_node_get_object (root), "pipewright"));
}

static void
probe_failed (PwRemoteBackend *self,
              GError          *error)
{
  self->probing = FALSE;
  /* A 401 has set its own state; anything else leaves the server offline
   * (a transport failure has said so already, with its reason). */
  if (self->state != PW_CONNECTION_STATE_UNAUTHORIZED)
    {
      if (self->state != PW_CONNECTION_STATE_OFFLINE)
        set_state (self, PW_CONNECTION_STATE_OFFLINE, error->message);
      schedule_reconnect (self);
    }
  fail_waiting (self, error);
}

static void
probe_done (PwRemoteBackend *self,
            PwServerKind     kind)
{
  GTask *task;
  PwServerKind old_kind = self->kind;

  self->probing = FALSE;
  self->backoff_ms = MIN_BACKOFF_MS;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->kind = kind;
  if (old_kind != kind)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_KIND]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPABILITIES]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_VERSION]);
  set_state (self, PW_CONNECTION_STATE_ONLINE, NULL);
  if (old_kind != kind && self->state == PW_CONNECTION_STATE_ONLINE)
    g_signal_emit (self, signals[CONNECTION_CHANGED], 0);

  _pw_remote_live_start (self);
  while ((task = g_queue_pop_head (&self->waiting)) != NULL)
    _pw_remote_start_request (self, task);
}

static void
pipewright_version_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  g_autofree char *version = NULL;
  g_autoptr(GError) error = NULL;

  version = _pw_remote_send_finish (self, result, &error);
  if (version != NULL)
    probe_done (self, PW_SERVER_KIND_PIPEWRIGHT);
  else if (g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND))
    probe_done (self, PW_SERVER_KIND_PREFECT);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    probe_failed (self, error);
}

static void
admin_version_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PwRemoteBackend *self = PW_REMOTE_BACKEND (object);
  g_autofree char *version = NULL;
  g_autoptr(GError) error = NULL;
  PwRemoteRequest *request;

  version = _pw_remote_send_finish (self, result, &error);
  if (version == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND))
        {
          g_autoptr(GError) not_api = g_error_new (PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                                                   _("%s is not the API of a Pipewright or Prefect "
                                                     "server (it has no /admin/version)"),
                                                   self->api_url);
          probe_failed (self, not_api);
          return;
        }
      probe_failed (self, error);
      return;
    }

  g_free (self->server_version);
  self->server_version = g_steal_pointer (&version);

  request = _pw_remote_request_new ("GET", "/pipewright/version", NULL);
  request->direct = TRUE;
  request->parse = parse_pipewright_version;
  request->result_free = g_free;
  _pw_remote_send_async (self, request, self->cancellable, pipewright_version_cb, NULL);
}

/**
 * _pw_remote_probe:
 *
 * Finds out what the server is, unless a probe runs already.
 */
void
_pw_remote_probe (PwRemoteBackend *self)
{
  PwRemoteRequest *request;

  if (self->probing || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->probing = TRUE;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (self->state != PW_CONNECTION_STATE_OFFLINE && self->state != PW_CONNECTION_STATE_UNAUTHORIZED)
    set_state (self, PW_CONNECTION_STATE_CONNECTING, NULL);

  request = _pw_remote_request_new ("GET", "/admin/version", NULL);
  request->direct = TRUE;
  request->parse = parse_version;
  request->result_free = g_free;
  _pw_remote_send_async (self, request, self->cancellable, admin_version_cb, NULL);
}

/**
 * pw_remote_backend_connect:
 *
 * Contacts the server now (without waiting for an operation), or again at
 * once if it is offline.
 */
void
pw_remote_backend_connect (PwRemoteBackend *self)
{
  g_return_if_fail (PW_IS_REMOTE_BACKEND (self));

  if (self->state != PW_CONNECTION_STATE_ONLINE)
    _pw_remote_probe (self);
}

/**
 * _pw_remote_unsupported_error:
 * @what: the operation, in words (“Saving flows”)
 *
 * Returns: (transfer full): the error for an operation a Prefect server
 *   cannot do
 */
GError *
_pw_remote_unsupported_error (PwRemoteBackend *self,
                              const char      *what)
{
  return g_error_new (PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                      _("%s is not possible on the Prefect server at %s: a Prefect server keeps "
                        "no flow definitions (its flows are Python code) and runs flows only "
                        "through deployments. Edit and run flows on this machine or on a "
                        "Pipewright server (“pipewright-cli serve”)."),
                      what, self->api_url);
}

static void
pw_remote_backend_iface_init (PwBackendInterface *iface)
{
  _pw_remote_backend_init_flows (iface);
  _pw_remote_backend_init_runs (iface);
  _pw_remote_backend_init_control (iface);
  _pw_remote_backend_init_deployments (iface);
  _pw_remote_backend_init_work_queues (iface);
  _pw_remote_backend_init_notifications (iface);
}
