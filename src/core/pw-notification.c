/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-notification"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-notification.h"

/**
 * PwNotification:
 *
 * One thing worth telling someone about: a flow run entered a state that a
 * notification rule names. #PwNotifier makes them; a webhook POSTs
 * pw_notification_dup_body(), the desktop app shows pw_notification_dup_title()
 * and pw_notification_dup_text().
 *
 * The webhook body is a JSON object:
 * |[
 * {
 *   "event": "pipewright.flow-run.Failed",
 *   "text": "Flow run brave-otter of etl entered Failed: 1/3 tasks failed",
 *   "flow_run": {"id": "…", "name": "brave-otter", "tags": ["prod"], "work_queue_name": "prod"},
 *   "flow": {"name": "etl", "version": 3},
 *   "deployment": {"id": "…", "name": "nightly"},
 *   "state": {"id": "…", "type": "FAILED", "name": "Failed", "message": "…",
 *             "timestamp": "2026-11-01T03:00:04.123456Z"},
 *   "time": "2026-11-01T03:00:04.123456Z"
 * }
 * ]|
 * `event` follows the names of Prefect's events (`prefect.flow-run.Failed`);
 * `text` suits chat webhooks that show a `text` member; `deployment` is
 * null for a run that no deployment made; `time` is when the state was
 * entered.
 */
struct _PwNotification
{
  GObject    parent_instance;

  PwFlowRun *flow_run;
  PwState   *state;
  char      *deployment_name;
  GStrv      tags;
};

G_DEFINE_FINAL_TYPE (PwNotification, pw_notification, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FLOW_RUN,
  PROP_STATE,
  PROP_DEPLOYMENT_NAME,
  PROP_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_notification_finalize (GObject *object)
{
  PwNotification *self = (PwNotification *)object;

  g_clear_object (&self->flow_run);
  g_clear_object (&self->state);
  g_clear_pointer (&self->deployment_name, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (pw_notification_parent_class)->finalize (object);
}

static void
pw_notification_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PwNotification *self = PW_NOTIFICATION (object);

  switch (prop_id)
    {
    case PROP_FLOW_RUN:
      g_value_set_object (value, self->flow_run);
      break;
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    case PROP_DEPLOYMENT_NAME:
      g_value_set_string (value, self->deployment_name);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_notification_class_init (PwNotificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_notification_finalize;
  object_class->get_property = pw_notification_get_property;

  properties[PROP_FLOW_RUN] = g_param_spec_object ("flow-run", NULL, NULL, PW_TYPE_FLOW_RUN, flags);
  properties[PROP_STATE] = g_param_spec_object ("state", NULL, NULL, PW_TYPE_STATE, flags);
  properties[PROP_DEPLOYMENT_NAME] =
    g_param_spec_string ("deployment-name", NULL, NULL, NULL, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_notification_init (PwNotification *self)
{
  self->tags = g_new0 (char *, 1);
}

/**
 * pw_notification_new:
 * @flow_run: the run, as stored
 * @state: the state it entered (the run may have moved on since)
 *
 * Returns: (transfer full): a new notification carrying the run's tags
 */
PwNotification *
pw_notification_new (PwFlowRun *flow_run,
                     PwState   *state)
{
  PwNotification *self;

  g_return_val_if_fail (PW_IS_FLOW_RUN (flow_run), NULL);
  g_return_val_if_fail (PW_IS_STATE (state), NULL);

  self = g_object_new (PW_TYPE_NOTIFICATION, NULL);
  self->flow_run = g_object_ref (flow_run);
  self->state = g_object_ref (state);
  pw_notification_add_tags (self, pw_flow_run_get_tags (flow_run));
  return self;
}

const char *
pw_notification_get_flow_run_id (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return pw_flow_run_get_id (self->flow_run);
}

const char *
pw_notification_get_flow_run_name (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return pw_flow_run_get_name (self->flow_run);
}

const char *
pw_notification_get_flow_name (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return pw_flow_run_get_flow_name (self->flow_run);
}

guint
pw_notification_get_flow_version (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), 0);
  return pw_flow_run_get_flow_version (self->flow_run);
}

const char *
pw_notification_get_deployment_id (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return pw_flow_run_get_deployment_id (self->flow_run);
}

/**
 * pw_notification_get_deployment_name:
 * @self: a #PwNotification
 *
 * Returns: (nullable): the name of the deployment that made the run
 */
const char *
pw_notification_get_deployment_name (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return self->deployment_name;
}

void
pw_notification_set_deployment_name (PwNotification *self,
                                     const char     *deployment_name)
{
  g_return_if_fail (PW_IS_NOTIFICATION (self));

  if (g_strcmp0 (self->deployment_name, deployment_name) == 0)
    return;
  g_free (self->deployment_name);
  self->deployment_name = g_strdup (deployment_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPLOYMENT_NAME]);
}

const char *
pw_notification_get_work_queue_name (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return pw_flow_run_get_work_queue_name (self->flow_run);
}

/**
 * pw_notification_get_tags:
 * @self: a #PwNotification
 *
 * Returns: (array zero-terminated=1) (transfer none): the tags rules are
 *   matched against: the run's, its flow's and its deployment's
 */
const char * const *
pw_notification_get_tags (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return (const char * const *)self->tags;
}

/**
 * pw_notification_add_tags:
 * @self: a #PwNotification
 * @tags: (nullable) (array zero-terminated=1): more tags (a flow's, a
 *   deployment's); those already there are not repeated
 */
void
pw_notification_add_tags (PwNotification     *self,
                          const char * const *tags)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  gboolean changed = FALSE;

  g_return_if_fail (PW_IS_NOTIFICATION (self));

  if (tags == NULL || tags[0] == NULL)
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **)self->tags);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      gboolean seen = g_strv_contains ((const char * const *)self->tags, tags[i]);

      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (tags[j], tags[i]);
      if (!seen)
        {
          g_strv_builder_add (builder, tags[i]);
          changed = TRUE;
        }
    }

  if (!changed)
    return;
  g_strfreev (self->tags);
  self->tags = g_strv_builder_end (builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * pw_notification_get_state:
 * @self: a #PwNotification
 *
 * Returns: (transfer none): the state the run entered
 */
PwState *
pw_notification_get_state (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return self->state;
}

const char *
pw_notification_get_state_type (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return pw_state_type_to_string (pw_state_get_state_type (self->state));
}

const char *
pw_notification_get_state_name (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);
  return pw_state_get_name (self->state);
}

/**
 * pw_notification_dup_title:
 * @self: a #PwNotification
 *
 * Returns: (transfer full): a one-line title, such as “Flow run
 *   brave-otter: Failed”
 */
char *
pw_notification_dup_title (PwNotification *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);

  /* Translators: a notification's title: a flow run's name, then a state */
  return g_strdup_printf (_("Flow run %s: %s"),
                          pw_notification_get_flow_run_name (self),
                          pw_notification_get_state_name (self));
}

/**
 * pw_notification_dup_text:
 * @self: a #PwNotification
 *
 * Returns: (transfer full): one sentence that says which run, of which
 *   flow and deployment, entered which state, and why
 */
char *
pw_notification_dup_text (PwNotification *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *message;

  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);

  if (self->deployment_name != NULL)
    g_string_append_printf (text, _("Flow run %s of %s/%s entered %s"),
                            pw_notification_get_flow_run_name (self),
                            pw_notification_get_flow_name (self), self->deployment_name,
                            pw_notification_get_state_name (self));
  else
    g_string_append_printf (text, _("Flow run %s of %s entered %s"),
                            pw_notification_get_flow_run_name (self),
                            pw_notification_get_flow_name (self),
                            pw_notification_get_state_name (self));

  message = pw_state_get_message (self->state);
  if (message != NULL && *message != '\0')
    g_string_append_printf (text, ": %s", message);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *value)
{
  g_autoptr(GDateTime) utc = value != NULL ? g_date_time_to_utc (value) : NULL;
  g_autofree char *text = utc != NULL ? g_date_time_format_iso8601 (utc) : NULL;

  add_string_member (builder, name, text);
}

/**
 * pw_notification_to_json:
 * @self: a #PwNotification
 *
 * Returns: (transfer full): the webhook body, as a JSON object
 */
JsonNode *
pw_notification_to_json (PwNotification *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *event = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);

  event = g_strdup_printf ("pipewright.flow-run.%s", pw_notification_get_state_name (self));
  text = pw_notification_dup_text (self);

  json_builder_begin_object (builder);
  add_string_member (builder, "event", event);
  add_string_member (builder, "text", text);

  json_builder_set_member_name (builder, "flow_run");
  json_builder_begin_object (builder);
  add_string_member (builder, "id", pw_notification_get_flow_run_id (self));
  add_string_member (builder, "name", pw_notification_get_flow_run_name (self));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; self->tags[i] != NULL; i++)
    json_builder_add_string_value (builder, self->tags[i]);
  json_builder_end_array (builder);
  add_string_member (builder, "work_queue_name", pw_notification_get_work_queue_name (self));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "flow");
  json_builder_begin_object (builder);
  add_string_member (builder, "name", pw_notification_get_flow_name (self));
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, pw_notification_get_flow_version (self));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "deployment");
  if (pw_notification_get_deployment_id (self) != NULL)
    {
      json_builder_begin_object (builder);
      add_string_member (builder, "id", pw_notification_get_deployment_id (self));
      add_string_member (builder, "name", self->deployment_name);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "state");
  json_builder_begin_object (builder);
  add_string_member (builder, "id", pw_state_get_id (self->state));
  add_string_member (builder, "type", pw_notification_get_state_type (self));
  add_string_member (builder, "name", pw_notification_get_state_name (self));
  add_string_member (builder, "message", pw_state_get_message (self->state));
  add_time_member (builder, "timestamp", pw_state_get_timestamp (self->state));
  json_builder_end_object (builder);

  add_time_member (builder, "time", pw_state_get_timestamp (self->state));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * pw_notification_dup_body:
 * @self: a #PwNotification
 *
 * Returns: (transfer full): pw_notification_to_json() as JSON text
 */
char *
pw_notification_dup_body (PwNotification *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (PW_IS_NOTIFICATION (self), NULL);

  root = pw_notification_to_json (self);
  return json_to_string (root, FALSE);
}
