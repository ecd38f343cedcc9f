/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-notification-rule"

#include "config.h"

#include <string.h>

#include "pw-notification-rule.h"
#include "pw-problem.h"

/*
 * PwNotificationRule: "tell me when a run of this flow reaches one of these
 * states", as a desktop notification and, optionally, a webhook POST.
 * States are Prefect state types (`FAILED`) or state names (`TimedOut`).
 */
struct _PwNotificationRule
{
  GObject  parent_instance;

  GStrv    states;
  char    *webhook;
};

G_DEFINE_FINAL_TYPE (PwNotificationRule, pw_notification_rule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATES,
  PROP_WEBHOOK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Prefect's state types, then its state names (DESIGN.md §2). */
static const char * const known_states[] = {
  "SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED",
  "CRASHED", "PAUSED", "CANCELLING",
  "Scheduled", "Late", "AwaitingRetry", "Pending", "Running", "Retrying",
  "Completed", "Cached", "Failed", "TimedOut", "Cancelled", "NotRun",
  "Crashed", "Paused", "Cancelling",
};

static void
pw_notification_rule_finalize (GObject *object)
{
  PwNotificationRule *self = (PwNotificationRule *)object;

  g_clear_pointer (&self->states, g_strfreev);
  g_clear_pointer (&self->webhook, g_free);

  G_OBJECT_CLASS (pw_notification_rule_parent_class)->finalize (object);
}

static void
pw_notification_rule_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PwNotificationRule *self = PW_NOTIFICATION_RULE (object);

  switch (prop_id)
    {
    case PROP_STATES:
      g_value_set_boxed (value, self->states);
      break;
    case PROP_WEBHOOK:
      g_value_set_string (value, self->webhook);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_notification_rule_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PwNotificationRule *self = PW_NOTIFICATION_RULE (object);

  switch (prop_id)
    {
    case PROP_STATES:
      pw_notification_rule_set_states (self, g_value_get_boxed (value));
      break;
    case PROP_WEBHOOK:
      pw_notification_rule_set_webhook (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_notification_rule_class_init (PwNotificationRuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_notification_rule_finalize;
  object_class->get_property = pw_notification_rule_get_property;
  object_class->set_property = pw_notification_rule_set_property;

  properties[PROP_STATES] =
    g_param_spec_boxed ("states", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEBHOOK] =
    g_param_spec_string ("webhook", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_notification_rule_init (PwNotificationRule *self)
{
  self->states = g_new0 (char *, 1);
}

/**
 * pw_notification_rule_new:
 * @states: (nullable) (array zero-terminated=1): state types or names
 * @webhook: (nullable): a URL to POST to, or %NULL
 *
 * Returns: (transfer full): a new #PwNotificationRule
 */
PwNotificationRule *
pw_notification_rule_new (const char * const *states,
                          const char         *webhook)
{
  PwNotificationRule *self = g_object_new (PW_TYPE_NOTIFICATION_RULE, NULL);

  if (states != NULL)
    {
      g_strfreev (self->states);
      self->states = g_strdupv ((char **) states);
    }
  self->webhook = g_strdup (webhook);

  return self;
}

/**
 * pw_notification_rule_copy:
 * @self: a #PwNotificationRule
 *
 * Returns: (transfer full): a new rule equal to @self
 */
PwNotificationRule *
pw_notification_rule_copy (PwNotificationRule *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_RULE (self), NULL);

  return pw_notification_rule_new ((const char * const *) self->states, self->webhook);
}

/**
 * pw_notification_rule_get_states:
 * @self: a #PwNotificationRule
 *
 * Returns: (array zero-terminated=1) (transfer none): the states that fire
 *   the rule, never %NULL
 */
const char * const *
pw_notification_rule_get_states (PwNotificationRule *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_RULE (self), NULL);
  return (const char * const *) self->states;
}

/**
 * pw_notification_rule_set_states:
 * @self: a #PwNotificationRule
 * @states: (nullable) (array zero-terminated=1): state types or names
 */
void
pw_notification_rule_set_states (PwNotificationRule *self,
                                 const char * const *states)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (PW_IS_NOTIFICATION_RULE (self));

  if (states == NULL)
    states = empty;

  if (g_strv_equal ((const char * const *) self->states, states))
    return;

  g_strfreev (self->states);
  self->states = g_strdupv ((char **) states);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATES]);
}

/**
 * pw_notification_rule_get_webhook:
 * @self: a #PwNotificationRule
 *
 * Returns: (nullable): the webhook URL
 */
const char *
pw_notification_rule_get_webhook (PwNotificationRule *self)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_RULE (self), NULL);
  return self->webhook;
}

/**
 * pw_notification_rule_set_webhook:
 * @self: a #PwNotificationRule
 * @webhook: (nullable): a URL to POST to, or %NULL for none
 */
void
pw_notification_rule_set_webhook (PwNotificationRule *self,
                                  const char         *webhook)
{
  g_return_if_fail (PW_IS_NOTIFICATION_RULE (self));

  if (g_strcmp0 (self->webhook, webhook) == 0)
    return;

  g_free (self->webhook);
  self->webhook = g_strdup (webhook);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBHOOK]);
}

/**
 * pw_notification_rule_matches:
 * @self: a #PwNotificationRule
 * @state_type: (nullable): a state type such as `FAILED`
 * @state_name: (nullable): a state name such as `TimedOut`
 *
 * Returns: %TRUE if the rule names @state_type or @state_name
 */
gboolean
pw_notification_rule_matches (PwNotificationRule *self,
                              const char         *state_type,
                              const char         *state_name)
{
  g_return_val_if_fail (PW_IS_NOTIFICATION_RULE (self), FALSE);

  for (guint i = 0; self->states[i] != NULL; i++)
    {
      if (g_strcmp0 (self->states[i], state_type) == 0 ||
          g_strcmp0 (self->states[i], state_name) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * pw_state_is_known:
 * @state: a state type (`FAILED`) or a state name (`TimedOut`)
 *
 * Returns: %TRUE if @state is one of Prefect's state types or names
 */
gboolean
pw_state_is_known (const char *state)
{
  if (state == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (known_states); i++)
    {
      if (strcmp (known_states[i], state) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * pw_state_suggest:
 * @state: a misspelt state, such as `Failled`
 *
 * Returns: (nullable): the known state type or name closest to @state
 */
const char *
pw_state_suggest (const char *state)
{
  g_return_val_if_fail (state != NULL, NULL);

  return pw_suggest_word (state, known_states, G_N_ELEMENTS (known_states));
}
