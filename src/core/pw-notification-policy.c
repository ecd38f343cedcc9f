/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-notification-policy"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-notification-policy.h"
#include "pw-notification-rule.h"
#include "pw-run-record-private.h"

/**
 * PwNotificationPolicy:
 *
 * A global notification rule, kept in the database (Prefect calls these
 * flow run notification policies): "when a run of one of these flows, or
 * carrying one of these tags, enters one of these states, tell me" — on
 * the desktop, and by a webhook POST when one is set.
 *
 * Each list narrows the rule: no flow names means every flow, no tags
 * means any tags. Given both, a run must match both (a flow named *and* a
 * tag carried); within a list any one entry is enough. States are state
 * types (`FAILED`, which also covers `TimedOut`) or state names (`Late`,
 * `TimedOut`), as in a flow's own rules (#PwNotificationRule).
 */
struct _PwNotificationPolicy
{
  GObject    parent_instance;

  char      *id;
  GStrv      states;
  GStrv      flow_names;
  GStrv      tags;
  char      *webhook;
  GDateTime *created;
  guint      active : 1;
};

G_DEFINE_FINAL_TYPE (PwNotificationPolicy, pw_notification_policy, G_TYPE_OBJECT)

G_DEFINE_QUARK (pw-notification-error-quark, pw_notification_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATES,
  PROP_FLOW_NAMES,
  PROP_TAGS,
  PROP_WEBHOOK,
  PROP_ACTIVE,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_notification_policy_finalize (GObject *object)
{
  PwNotificationPolicy *self = (PwNotificationPolicy *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->states, g_strfreev);
  g_clear_pointer (&self->flow_names, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->webhook, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (pw_notification_policy_parent_class)->finalize (object);
}

static void
pw_notification_policy_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PwNotificationPolicy *self = PW_NOTIFICATION_POLICY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_STATES:
      g_value_set_boxed (value, self->states);
      break;
    case PROP_FLOW_NAMES:
      g_value_set_boxed (value, self->flow_names);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_WEBHOOK:
      g_value_set_string (value, self->webhook);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_notification_policy_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PwNotificationPolicy *self = PW_NOTIFICATION_POLICY (object);

  switch (prop_id)
    {
    case PROP_ID:
      pw_notification_policy_set_id (self, g_value_get_string (value));
      break;
    case PROP_STATES:
      pw_notification_policy_set_states (self, g_value_get_boxed (value));
      break;
    case PROP_FLOW_NAMES:
      pw_notification_policy_set_flow_names (self, g_value_get_boxed (value));
      break;
    case PROP_TAGS:
      pw_notification_policy_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_WEBHOOK:
      pw_notification_policy_set_webhook (self, g_value_get_string (value));
      break;
    case PROP_ACTIVE:
      pw_notification_policy_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_CREATED:
      pw_notification_policy_set_created (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_notification_policy_class_init (PwNotificationPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_notification_policy_finalize;
  object_class->get_property = pw_notification_policy_get_property;
  object_class->set_property = pw_notification_policy_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_STATES] = g_param_spec_boxed ("states", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_FLOW_NAMES] = g_param_spec_boxed ("flow-names", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_WEBHOOK] = g_param_spec_string ("webhook", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_notification_policy_init (PwNotificationPolicy *self)
{
  self->states = g_new0 (char *, 1);
  self->flow_names = g_new0 (char *, 1);
  self->tags = g_new0 (char *, 1);
  self->active = TRUE;
}

/* Replaces *@slot by a copy of @strv (never %NULL); returns whether it
 * changed. */
static gboolean
set_strv (GStrv              *slot,
          const char * const *strv)
{
  static const char * const empty[] = { NULL };

  if (strv == NULL)
    strv = empty;
  if (g_strv_equal ((const char * const *)*slot, strv))
    return FALSE;

  g_strfreev (*slot);
  *slot = g_strdupv ((char **)strv);
  return TRUE;
}

/**
 * pw_notification_policy_new:
 * @states: (nullable) (array zero-terminated=1): state types or names
 * @webhook: (nullable): a URL to POST to, or %NULL for desktop only
 *
 * Returns: (transfer full): a new active rule for every flow and tag
 */
PwNotificationPolicy *
pw_notification_policy_new (const char * const *states,
                            const char         *webhook)
{
  PwNotificationPolicy *self = g_object_new (PW_TYPE_NOTIFICATION_POLICY, NULL);

  set_strv (&self->states, states);
  self->webhook = g_strdup (webhook);
  return self;
}

/**
 * pw_notification_policy_get_id:
 * @self: a #PwNotificationPolicy
 *
 * Returns: (nullable): the id the store gave it, or %NULL if not stored
 */
const char *
pw_notification_policy_get_id (PwNotificationPolicy *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (self), NULL);
  return self->id;
}

void
pw_notification_policy_set_id (PwNotificationPolicy *self,
                               const char           *id)
{
  g_return_if_fail (PW_IS_NOTIFICATION_POLICY (self));

  if (pw_record_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * pw_notification_policy_get_states:
 * @self: a #PwNotificationPolicy
 *
 * Returns: (array zero-terminated=1) (transfer none): the state types and
 *   names that fire the rule, never %NULL
 */
const char * const *
pw_notification_policy_get_states (PwNotificationPolicy *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (self), NULL);
  return (const char * const *)self->states;
}

void
pw_notification_policy_set_states (PwNotificationPolicy *self,
                                   const char * const   *states)
{
  g_return_if_fail (PW_IS_NOTIFICATION_POLICY (self));

  if (set_strv (&self->states, states))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATES]);
}

/**
 * pw_notification_policy_get_flow_names:
 * @self: a #PwNotificationPolicy
 *
 * Returns: (array zero-terminated=1) (transfer none): the flows the rule is
 *   for; empty for every flow
 */
const char * const *
pw_notification_policy_get_flow_names (PwNotificationPolicy *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (self), NULL);
  return (const char * const *)self->flow_names;
}

void
pw_notification_policy_set_flow_names (PwNotificationPolicy *self,
                                       const char * const   *flow_names)
{
  g_return_if_fail (PW_IS_NOTIFICATION_POLICY (self));

  if (set_strv (&self->flow_names, flow_names))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW_NAMES]);
}

/**
 * pw_notification_policy_get_tags:
 * @self: a #PwNotificationPolicy
 *
 * Returns: (array zero-terminated=1) (transfer none): a run must carry one
 *   of these tags; empty for any run
 */
const char * const *
pw_notification_policy_get_tags (PwNotificationPolicy *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (self), NULL);
  return (const char * const *)self->tags;
}

void
pw_notification_policy_set_tags (PwNotificationPolicy *self,
                                 const char * const   *tags)
{
  g_return_if_fail (PW_IS_NOTIFICATION_POLICY (self));

  if (set_strv (&self->tags, tags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * pw_notification_policy_get_webhook:
 * @self: a #PwNotificationPolicy
 *
 * Returns: (nullable): the URL to POST to, or %NULL for desktop only
 */
const char *
pw_notification_policy_get_webhook (PwNotificationPolicy *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (self), NULL);
  return self->webhook;
}

void
pw_notification_policy_set_webhook (PwNotificationPolicy *self,
                                    const char           *webhook)
{
  g_return_if_fail (PW_IS_NOTIFICATION_POLICY (self));

  if (pw_record_set_string (&self->webhook, webhook))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBHOOK]);
}

/**
 * pw_notification_policy_get_active:
 * @self: a #PwNotificationPolicy
 *
 * Returns: whether the rule fires (an inactive one is kept, not used)
 */
gboolean
pw_notification_policy_get_active (PwNotificationPolicy *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (self), FALSE);
  return self->active;
}

void
pw_notification_policy_set_active (PwNotificationPolicy *self,
                                   gboolean              active)
{
  g_return_if_fail (PW_IS_NOTIFICATION_POLICY (self));

  active = !!active;
  if (self->active == (guint)active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/**
 * pw_notification_policy_get_created:
 * @self: a #PwNotificationPolicy
 *
 * Returns: (nullable) (transfer none): when it was stored
 */
GDateTime *
pw_notification_policy_get_created (PwNotificationPolicy *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (self), NULL);
  return self->created;
}

void
pw_notification_policy_set_created (PwNotificationPolicy *self,
                                    GDateTime            *created)
{
  g_return_if_fail (PW_IS_NOTIFICATION_POLICY (self));

  if (pw_record_set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

/**
 * pw_notification_check_states:
 * @states: (nullable) (array zero-terminated=1): state types or names
 * @error: return location for a #GError
 *
 * Checks that @states names at least one state, and only known ones.
 *
 * Returns: %TRUE if they are acceptable, else %FALSE with @error set (the
 *   message suggests the closest known state for a misspelt one)
 */
gboolean
pw_notification_check_states (const char * const  *states,
                              GError             **error)
{
  if (states == NULL || states[0] == NULL)
    {
      g_set_error_literal (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_NO_STATES,
                           _("A notification rule needs at least one state, such as Failed"));
      return FALSE;
    }

  for (guint i = 0; states[i] != NULL; i++)
    {
      const char *suggestion;

      if (pw_state_is_known (states[i]))
        continue;

      suggestion = pw_state_suggest (states[i]);
      if (suggestion != NULL)
        g_set_error (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_UNKNOWN_STATE,
                     _("“%s” is not a state; did you mean “%s”?"), states[i], suggestion);
      else
        g_set_error (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_UNKNOWN_STATE,
                     _("“%s” is not a state (try Failed, Crashed, TimedOut, Late or Completed)"),
                     states[i]);
      return FALSE;
    }

  return TRUE;
}

/**
 * pw_notification_check_webhook:
 * @webhook: a URL
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @webhook is an absolute http or https URL with a host,
 *   else %FALSE with @error set
 */
gboolean
pw_notification_check_webhook (const char  *webhook,
                               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (webhook == NULL || *webhook == '\0')
    {
      g_set_error_literal (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_INVALID_WEBHOOK,
                           _("The webhook URL is empty"));
      return FALSE;
    }

  uri = g_uri_parse (webhook, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_INVALID_WEBHOOK,
                   _("The webhook “%s” is not an http:// or https:// URL with a host"), webhook);
      return FALSE;
    }

  return TRUE;
}

/**
 * pw_notification_policy_validate:
 * @self: a #PwNotificationPolicy
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the rule names known states (at least one) and its
 *   webhook, if any, is an http(s) URL; else %FALSE with @error set
 */
gboolean
pw_notification_policy_validate (PwNotificationPolicy  *self,
                                 GError               **error)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (self), FALSE);

  if (!pw_notification_check_states ((const char * const *)self->states, error))
    return FALSE;
  if (self->webhook != NULL && !pw_notification_check_webhook (self->webhook, error))
    return FALSE;

  return TRUE;
}

/**
 * pw_notification_policy_matches:
 * @self: a #PwNotificationPolicy
 * @flow_name: the run's flow
 * @tags: (nullable) (array zero-terminated=1): the run's tags
 * @state_type: the state's type, such as `FAILED`
 * @state_name: the state's name, such as `TimedOut`
 *
 * Returns: %TRUE if the rule is active and fires for a run of @flow_name
 *   carrying @tags that enters the state
 */
gboolean
pw_notification_policy_matches (PwNotificationPolicy *self,
                                const char           *flow_name,
                                const char * const   *tags,
                                const char           *state_type,
                                const char           *state_name)
{
  gboolean state_ok = FALSE;

  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (self), FALSE);

  if (!self->active)
    return FALSE;

  for (guint i = 0; self->states[i] != NULL && !state_ok; i++)
    state_ok = g_strcmp0 (self->states[i], state_type) == 0 ||
               g_strcmp0 (self->states[i], state_name) == 0;
  if (!state_ok)
    return FALSE;

  if (self->flow_names[0] != NULL &&
      (flow_name == NULL || !g_strv_contains ((const char * const *)self->flow_names, flow_name)))
    return FALSE;

  if (self->tags[0] != NULL)
    {
      gboolean tag_ok = FALSE;

      for (guint i = 0; tags != NULL && tags[i] != NULL && !tag_ok; i++)
        tag_ok = g_strv_contains ((const char * const *)self->tags, tags[i]);
      if (!tag_ok)
        return FALSE;
    }

  return TRUE;
}
